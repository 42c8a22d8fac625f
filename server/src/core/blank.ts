/**
 * What is blank: the one definition every reader of whitespace uses — the tidy pass (indentation when it repairs
 * a missing `}`, the blanks inside a spaced-out keyword, between an accounting negative and its neighbours, around
 * a page number), names, the fixes that delete or insert blanks, the quoting of written text in messages.
 *
 * The lexer skips ordinary blanks (SKIPPED_BLANKS); an unusual space (no-break, thin, em … pasted from PDF or
 * Word: ODD_SPACE) is an item of its own, reported (BUD012) and read as the ordinary space its fix writes. So every
 * reader counts it as one blank column, one space: the reading before the fix is the reading after it.
 */
import { ODD_SPACE, SKIPPED_BLANKS } from './lexer';

/** Columns each blank takes in indentation, plus one (0: not a blank). Line breaks are not blanks. */
const WIDTH = new Uint8Array(0x10000);
for (const c of ODD_SPACE) WIDTH[c.charCodeAt(0)] = 2;
WIDTH[0x20] = 2;
WIDTH[0x09] = 5;
WIDTH[0x3000] = 3;
WIDTH[0xfeff] = 1;

/** Whether the character at `i` of `s` is blank: an ordinary blank or an unusual space. */
export function isBlankAt(s: string, i: number): boolean {
  return i >= 0 && i < s.length && WIDTH[s.charCodeAt(i)] !== 0;
}

/** Whether `s` is a non-empty run of blanks. */
export function isBlankRun(s: string): boolean {
  if (!s.length) return false;
  for (let i = 0; i < s.length; i++) if (!WIDTH[s.charCodeAt(i)]) return false;
  return true;
}

/** The display columns of the blanks that start `s` (a tab counts 4, an ideographic space 2, a BOM 0). */
export function indentWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const x = WIDTH[s.charCodeAt(i)];
    if (!x) break;
    w += x - 1;
  }
  return w;
}

/** The blanks that start `s`, as written. */
export function leadingBlanks(s: string): string {
  let i = 0;
  while (i < s.length && WIDTH[s.charCodeAt(i)]) i++;
  return s.slice(0, i);
}

/** `s` with each unusual space written as the space it is read as (for names, and for blanks a fix inserts). */
export function ordinarySpaces(s: string): string {
  return ODD_SPACE_RE.test(s) ? s.replace(ODD_SPACE_G, ' ') : s;
}

/** A run of blanks (for splitting a line into words as the lexer reads it). */
export const BLANKS = new RegExp(`[${SKIPPED_BLANKS}${ODD_SPACE}]+`);

/** `s` with each run of blanks as one space: written text as a message quotes it (alignment is not part of it). */
export function collapseBlanks(s: string): string {
  return s.replace(BLANK_RUNS, ' ');
}

const ODD_CLASS = `[${ODD_SPACE}]`;
const ODD_SPACE_RE = new RegExp(ODD_CLASS);
const ODD_SPACE_G = new RegExp(ODD_CLASS, 'g');
const BLANK_RUNS = new RegExp(`[${SKIPPED_BLANKS}${ODD_SPACE}]+`, 'g');
