/**
 * Small readers of printed cells shared by the table readers: amounts, classification codes, labels.
 */
import type { SourceCell, SourceLine } from './source';

const AMOUNT = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const PAREN_AMOUNT = /^[（(](?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[）)]$/;

/** A printed amount: digits with optional thousands separators and decimals, or a negative in parentheses. */
export function isAmount(text: string): boolean {
  const t = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');
  return AMOUNT.test(t) || PAREN_AMOUNT.test(t);
}

/** The amount as the language writes it: full-width digits made ASCII, a parenthesised negative signed. */
export function amountLiteral(text: string): string {
  const t = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.').replace(/^−/, '-');
  const m = /^[（(](.*)[）)]$/.exec(t);
  return m ? `-${m[1]}` : t;
}

/** Digits only (a code part as printed: `201`, `05`, `2080109`, or a part cut short, `2`). */
export function isCodePart(text: string): boolean {
  return /^\d{1,7}$/.test(text);
}

/** Whether a token is a whole classification code (3, 5 or 7 digits). */
export function isWholeCode(text: string): boolean {
  return /^\d{3}(?:\d{2}){0,2}$/.test(text);
}

/** A label without numbering (一、 （一） 1. (1)) and without spaces (收   入   总   计 → 收入总计). */
export function bareLabel(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]、?|\d+[.．、](?!\d))/, '')
    .replace(/[:：]$/, '');
}

/** A label that starts a new item of a 收支 table (numbered, or a total). */
export function startsItem(text: string): boolean {
  return /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、](?!\d))/.test(text.replace(/\s+/g, '')) || /^(?:收入|支出)总计$|^本年(?:收入|支出)(?:合计)?$|^上年结转|^年终结转/.test(text.replace(/\s+/g, ''));
}

/**
 * Joins the words of a flattened line that a justified cell spread out (`收   入   总   计`, single CJK
 * characters one or more spaces apart) back into one cell.
 */
export function joinSpreadWords(cells: SourceCell[]): SourceCell[] {
  const out: SourceCell[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last && /^[\u4e00-\u9fff]$/.test(c.text) && /(?:^|[\u4e00-\u9fff])[\u4e00-\u9fff]$/.test(last.text) && isSpreadRun(last.text)) {
      last.text += c.text;
      last.x1 = c.x1;
    } else out.push({ ...c });
  }
  return out;
}

/** A run built of single characters so far (the cell being re-joined). */
function isSpreadRun(s: string): boolean {
  return s.length <= 6 && /^[\u4e00-\u9fff]+$/.test(s);
}

/** Cells that are amounts, in order. */
export function amountCells(l: SourceLine): SourceCell[] {
  return l.cells.filter((c) => isAmount(c.text));
}

/** The cells of a line with spread-out words re-joined when they are single characters. */
export function cellsOf(l: SourceLine, positional: boolean): SourceCell[] {
  if (positional) return l.cells;
  // Only lines made entirely of single CJK characters and amounts are candidates (`收   入   总   计 162,953.23`).
  const singles = l.cells.filter((c) => /^[\u4e00-\u9fff]$/.test(c.text)).length;
  return singles >= 2 ? joinSpreadWords(l.cells) : l.cells;
}
