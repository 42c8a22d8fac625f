/**
 * Tokens of the budget language (Chevrotain lexer).
 *
 * The lexer is deliberately small and total: every input character belongs to some token, so lexing never
 * fails and never throws. Keywords are not separate token types: Chinese words are all `Text`, and their
 * meaning depends on where they stand, which the binder (bind/) decides with the statement table
 * (statements.ts). Names that happen to equal a keyword therefore stay usable wherever a name is expected.
 *
 * Speed: Chevrotain picks the candidate token types by the first character of the input, but only when it
 * can work out every pattern's possible first characters. Complement sets (`[^…]`) defeat that analysis,
 * so the first character of `Text` and of `Unknown` is spelled as a positive set (generated below from the
 * stop characters); with it the lexer is built with `ensureOptimizations: true`. As a last line of defence
 * a character no pattern takes (a lexer "error") becomes an `Unknown` token.
 *
 * Comments: `#` or `//` to the end of the line, where they start a line or follow whitespace. Elsewhere they
 * are text: names like `综合楼1#楼` and texts with `http://…` keep their `#` and `//`. A comment also ends at
 * the characters some tools use as line breaks (U+2028, U+2029, VT, FF, NEL), which LSP does not count as
 * line ends: what follows is read (and reported) rather than silently swallowed.
 */
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';

const D = '[0-9０-９]';
/** JavaScript's `\s` characters. */
export const JS_WHITESPACE = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** Characters that never belong to a word: whitespace, NEL, braces, quotes, operators, percent. */
const STOP_CHARS = JS_WHITESPACE + '\u0085{}｛｝"<>=≥≤＝＞＜≧≦%％';
const STOP = '\\s\\u0085{}｛｝"<>=≥≤＝＞＜≧≦%％';
/** The blanks the lexer skips between items (the WhiteSpace token). */
export const SKIPPED_BLANKS = ' \t\u3000\ufeff';
/**
 * Unusual spaces: whitespace that the WhiteSpace and Newline tokens do not take (and NEL, a line break in some
 * tools). Each is an item of its own (Unknown), reported and read as a space (see blank.ts).
 */
export const ODD_SPACE = [...JS_WHITESPACE].filter((c) => !(SKIPPED_BLANKS + '\r\n').includes(c)).join('') + '\u0085';
/** Where a comment ends: line breaks, and the characters some tools treat as line breaks. */
const COMMENT_BODY = /[^\r\n\u2028\u2029\v\f\u0085]*/y;
const SPACE_BEFORE = new RegExp(`[${JS_WHITESPACE}\u0085]`);

/** A comment: `#` or `//` at the start of the input or after whitespace. */
function matchComment(text: string, offset: number): RegExpExecArray | null {
  const c = text.charCodeAt(offset);
  const len = c === 0x23 ? 1 : c === 0x2f && text.charCodeAt(offset + 1) === 0x2f ? 2 : 0;
  if (!len || (offset > 0 && !SPACE_BEFORE.test(text[offset - 1]))) return null;
  COMMENT_BODY.lastIndex = offset + len;
  COMMENT_BODY.exec(text);
  return matched(text.slice(offset, COMMENT_BODY.lastIndex), offset);
}

function escapeCode(c: number): string {
  return '\\u' + c.toString(16).padStart(4, '0');
}

/** A positive character class of every UTF-16 code unit not in `excluded`. */
function positiveClass(excluded: string): string {
  const ex = new Set([...excluded].map((c) => c.charCodeAt(0)));
  const ranges: string[] = [];
  let start = -1;
  for (let c = 0; c <= 0x10000; c++) {
    const inSet = c <= 0xffff && !ex.has(c);
    if (inSet && start < 0) start = c;
    else if (!inSet && start >= 0) {
      ranges.push(start === c - 1 ? escapeCode(start) : `${escapeCode(start)}-${escapeCode(c - 1)}`);
      start = -1;
    }
  }
  return `[${ranges.join('')}]`;
}

const DIGITS = '0123456789０１２３４５６７８９';
/** A word's first character: anything but a stop character or a digit (`#` and `/` when no comment starts). */
const TEXT_FIRST = positiveClass(STOP_CHARS + DIGITS);

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: new RegExp(`[${SKIPPED_BLANKS}]+`), group: Lexer.SKIPPED });
const SKIPPED = new Uint8Array(0x10000);
for (const c of SKIPPED_BLANKS) SKIPPED[c.charCodeAt(0)] = 1;
/**
 * A line break with the blank lines after it (`\r\n`, `\r` or `\n`, then any run of blanks and line breaks that
 * ends with a line break): one token however many, since every token costs the parser a step. Scanned by hand: a
 * regular expression with a repeated group runs out of backtracking stack on a few million blank lines.
 */
function matchNewline(text: string, offset: number): RegExpExecArray | null {
  let c = text.charCodeAt(offset);
  if (c !== 0x0a && c !== 0x0d) return null;
  let end = offset + (c === 0x0d && text.charCodeAt(offset + 1) === 0x0a ? 2 : 1);
  for (;;) {
    let j = end;
    while (SKIPPED[(c = text.charCodeAt(j))]) j++;
    if (c !== 0x0a && c !== 0x0d) break;
    end = j + (c === 0x0d && text.charCodeAt(j + 1) === 0x0a ? 2 : 1);
  }
  return matched(text.slice(offset, end), offset);
}

/**
 * The match a hand-written pattern returns: one array, reused (Chevrotain reads the image, `[0]`, and keeps nothing
 * else of it), so that a line break costs the lexer no array of its own.
 */
const MATCH = [''] as unknown as RegExpExecArray;
function matched(image: string, offset: number): RegExpExecArray {
  MATCH[0] = image;
  MATCH.index = offset;
  return MATCH;
}
export const Newline = createToken({ name: 'Newline', pattern: { exec: matchNewline }, start_chars_hint: ['\r', '\n'], line_breaks: true });
export const Comment = createToken({ name: 'Comment', pattern: { exec: matchComment }, start_chars_hint: ['#', '/'], line_breaks: false, group: 'comments' });
export const LBrace = createToken({ name: 'LBrace', pattern: /[{｛]/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /[}｝]/ });
/** The category of every token that can stand in a statement's item list. */
export const ItemToken = createToken({ name: 'Item', pattern: Lexer.NA });
export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\\r\n]|\\.)*"/, categories: [ItemToken] });
/** A string whose closing quote is missing: kept as a token so the parser can report it precisely. */
export const BadString = createToken({ name: 'BadString', pattern: /"(?:[^"\\\r\n]|\\.)*/, categories: [ItemToken] });
export const Op = createToken({ name: 'Op', pattern: /<=|>=|==|[<>=≥≤＝＞＜≧≦]/, categories: [ItemToken] });
export const Percent = createToken({ name: 'Percent', pattern: /[%％]/, categories: [ItemToken] });
export const DateLit = createToken({
  name: 'DateLit',
  pattern: new RegExp(`${D}{4}(?:[-/]${D}{1,2}(?:[-/]${D}{1,2})?(?!${D})|年${D}{1,2}月(?:${D}{1,2}日)?)`),
  categories: [ItemToken],
});
// Digits with separators and points between them; whether the grouping is valid is the binder's business
// (a malformed amount is one token with a precise diagnostic, not a cascade of fragments).
export const NumberLit = createToken({ name: 'NumberLit', pattern: new RegExp(`[-−－]?${D}(?:${D}|[,，.．](?=${D}))*`), categories: [ItemToken] });
export const Text = createToken({
  name: 'Text',
  pattern: new RegExp(`${TEXT_FIRST}[^${STOP}0-9０-９]*`),
  categories: [ItemToken],
});
/** Any character no other token takes (odd Unicode spaces): reported by the binder where it stands. */
export const Unknown = createToken({ name: 'Unknown', pattern: new RegExp(`[${ODD_SPACE}]`), categories: [ItemToken], line_breaks: true });

export const allTokens: TokenType[] = [
  WhiteSpace, Newline, Comment, LBrace, RBrace, StringLit, BadString, Op, Percent, DateLit, NumberLit, Text, Unknown, ItemToken,
];

let lexer: Lexer | undefined;

/** The one lexer instance, built on first use. */
export function getLexer(): Lexer {
  lexer ??= new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: true });
  return lexer;
}

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
}

/** Lexes text[from, to) with offsets into the whole text. */
export function lex(text: string, from = 0, to = text.length): LexResult {
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  const r = getLexer().tokenize(part);
  let tokens = r.tokens;
  const comments = (r.groups['comments'] as IToken[] | undefined) ?? [];
  if (r.errors.length) {
    // Characters no pattern took: one Unknown token each, in order.
    const extra: IToken[] = [];
    for (const e of r.errors) {
      for (let i = 0; i < e.length; i++) {
        const o = e.offset + i;
        extra.push({ image: part[o], startOffset: o, tokenType: Unknown, tokenTypeIdx: Unknown.tokenTypeIdx! } as IToken);
      }
    }
    tokens = [...tokens, ...extra].sort((a, b) => a.startOffset - b.startOffset);
  }
  if (from !== 0) {
    for (const t of tokens) t.startOffset += from;
    for (const t of comments) t.startOffset += from;
  }
  return { tokens, comments };
}
