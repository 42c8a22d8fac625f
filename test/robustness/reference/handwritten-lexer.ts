/**
 * Tokens of the budget language.
 *
 * The lexer is deliberately small and total: every input character belongs to some token, the last token
 * type (`Unknown`) matches any single character, so lexing never fails and never throws. Keywords are not
 * separate token types: Chinese words are all `Text`, and their meaning depends on where they stand, which
 * the binder (bind.ts) decides with the keyword tables of keywords.ts. Names that happen to equal a keyword
 * therefore stay usable wherever a name is expected.
 *
 * The token types keep the shape of Chevrotain token types (name, PATTERN, tokenTypeIdx; the patterns are
 * the definition) and `lex()` returns tokens in the shape of Chevrotain's lexer with
 * `positionTracking: 'onlyOffset'`, but the text is scanned by a hand-written scanner (`Scanner`) that
 * dispatches on the first character and gives exactly the tokens the Chevrotain lexer gives with these
 * patterns (first matching pattern in `allTokens` order). The `Text` and `Unknown` patterns defeat
 * Chevrotain's first-character optimisation, so its lexer tried every pattern in turn for every token; the
 * scanner is several times faster, allocates nothing per token, and keeps Chevrotain out of the runtime
 * (loading it was most of the language server's start-up). test/robustness checks the scanner against the
 * Chevrotain lexer on random input (docs/performance.md).
 */
import type { IToken, TokenType } from 'chevrotain';

const D = '[0-9０-９]';
// Characters that never belong to a word: whitespace, NEL, braces, quotes, operators.
const STOP = '\\s\\u0085{}｛｝"<>=≥≤＝＞＜≧≦%％';

let nextIdx = 1;
function token(name: string, pattern: RegExp, group?: string): TokenType {
  return { name, PATTERN: pattern, tokenTypeIdx: nextIdx++, ...(group ? { GROUP: group } : {}) };
}

export const WhiteSpace = token('WhiteSpace', /[ \t\u3000\uFEFF]+/, 'SKIPPED');
export const Newline = token('Newline', /(?:\r\n|\r|\n)(?:[ \t\u3000\uFEFF]*(?:\r\n|\r|\n))*/);
/** At the start of the input or after whitespace only (the scanner checks the character before). */
export const Comment = token('Comment', /(?:#|\/\/)[^\r\n\u2028\u2029\v\f\u0085]*/, 'comments');
export const LBrace = token('LBrace', /[{｛]/);
export const RBrace = token('RBrace', /[}｝]/);
export const StringLit = token('StringLit', /"(?:[^"\\\r\n]|\\.)*"/);
/** A string whose closing quote is missing: kept as a token so the parser can report it precisely. */
export const BadString = token('BadString', /"(?:[^"\\\r\n]|\\.)*/);
export const Op = token('Op', /<=|>=|==|[<>=≥≤＝＞＜≧≦]/);
export const Percent = token('Percent', /[%％]/);
export const DateLit = token('DateLit', new RegExp(`${D}{4}(?:[-/]${D}{1,2}(?:[-/]${D}{1,2})?(?!${D})|年${D}{1,2}月(?:${D}{1,2}日)?)`));
// Digits with separators and points between them; whether the grouping is valid is the binder's business
// (a malformed amount is one token with a precise diagnostic, not a cascade of fragments).
export const NumberLit = token('NumberLit', new RegExp(`[-−－]?${D}(?:${D}|[,，.．](?=${D}))*`));
export const Text = token('Text', new RegExp(`[^${STOP}0-9０-９][^${STOP}0-9０-９]*`));
export const Unknown = token('Unknown', /[^]/);

export const allTokens: TokenType[] = [
  WhiteSpace, Newline, Comment, LBrace, RBrace, StringLit, BadString, Op, Percent, DateLit, NumberLit, Text, Unknown,
];

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
}

/** Token kinds of the scanner: indices into `allTokens`. */
export const K_WHITESPACE = 0;
export const K_NEWLINE = 1;
export const K_COMMENT = 2;
export const K_LBRACE = 3;
export const K_RBRACE = 4;
export const K_STRING = 5;
export const K_BADSTRING = 6;
export const K_OP = 7;
export const K_PERCENT = 8;
export const K_DATE = 9;
export const K_NUMBER = 10;
export const K_TEXT = 11;
export const K_UNKNOWN = 12;
export const K_EOF = -1;

// The sticky forms of the two patterns that are easier to run than to spell out by hand.
const DATE_Y = new RegExp((DateLit.PATTERN as RegExp).source, 'y');
const NUMBER_Y = new RegExp((NumberLit.PATTERN as RegExp).source, 'y');

/** Character classes by UTF-16 code unit. */
const C_OTHER = 0; // a Text character
const C_SPACE = 1; // [ \t\u3000\uFEFF]
const C_STOP = 2; // other \s characters (Unknown), and the stop characters handled by their own token
const C_DIGIT = 3; // [0-9０-９]
const CLASS = new Uint8Array(0x10000);
for (const c of ' \t\u3000\uFEFF') CLASS[c.charCodeAt(0)] = C_SPACE;
/** The characters of JavaScript's `\s` (a test checks this list against the regular expression). */
export const JS_WHITESPACE = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
for (const c of JS_WHITESPACE) if (CLASS[c.charCodeAt(0)] === C_OTHER) CLASS[c.charCodeAt(0)] = C_STOP;
CLASS[0x85] = C_STOP; // NEL: a line break in some tools, Unknown here
for (const c of '{}｛｝"<>=≥≤＝＞＜≧≦%％') CLASS[c.charCodeAt(0)] = C_STOP;
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = C_DIGIT;
for (let c = 0xff10; c <= 0xff19; c++) CLASS[c] = C_DIGIT;

/**
 * The scanner: `next()` moves to the next token that is not whitespace and sets `kind`, `start` and `end`
 * (`kind` is K_EOF at the end of the text).
 */
export class Scanner {
  kind = K_EOF;
  start = 0;
  end = 0;
  private pos = 0;
  private readonly n: number;

  private readonly from: number;

  /** Scans text[from, to) (offsets stay those of the whole text). */
  constructor(readonly text: string, from = 0, to = text.length) {
    this.pos = from;
    this.from = from;
    this.n = to;
  }

  /** Whether a comment may start at i: the start of the scanned range, or after whitespace. */
  private commentAt(i: number): boolean {
    if (i === this.from) return true;
    const p = this.text.charCodeAt(i - 1);
    return CLASS[p] === C_SPACE || (CLASS[p] === C_STOP && (JS_WHITESPACE.includes(this.text[i - 1]) || p === 0x85));
  }

  next(): number {
    const t = this.text;
    const n = this.n;
    let i = this.pos;
    while (i < n && CLASS[t.charCodeAt(i)] === C_SPACE) i++;
    this.start = i;
    if (i >= n) {
      this.pos = this.end = n;
      return (this.kind = K_EOF);
    }
    const c = t.charCodeAt(i);
    let kind: number;
    let e = i + 1;
    switch (c) {
      case 0x0a: // \n
      case 0x0d: // \r, \r\n
        kind = K_NEWLINE;
        if (c === 0x0d && t.charCodeAt(e) === 0x0a) e++;
        // The blank lines after it belong to the same token.
        for (;;) {
          let j = e;
          while (j < n && CLASS[t.charCodeAt(j)] === C_SPACE) j++;
          const d = j < n ? t.charCodeAt(j) : 0;
          if (d !== 0x0a && d !== 0x0d) break;
          e = j + 1;
          if (d === 0x0d && e < n && t.charCodeAt(e) === 0x0a) e++;
        }
        break;
      case 0x7b: // {
      case 0xff5b: // ｛
        kind = K_LBRACE;
        break;
      case 0x7d: // }
      case 0xff5d: // ｝
        kind = K_RBRACE;
        break;
      case 0x22: // "
        kind = K_BADSTRING;
        for (;;) {
          if (e >= n) break;
          const d = t.charCodeAt(e);
          if (d === 0x22) {
            kind = K_STRING;
            e++;
            break;
          }
          if (d === 0x5c) {
            // `\.`: any character but a line terminator.
            const x = e + 1 < n ? t.charCodeAt(e + 1) : 0x0a;
            if (x === 0x0a || x === 0x0d || x === 0x2028 || x === 0x2029) break;
            e += 2;
            continue;
          }
          if (d === 0x0a || d === 0x0d) break;
          e++;
        }
        break;
      case 0x3c: // <
      case 0x3e: // >
      case 0x3d: // =
        kind = K_OP;
        if (t.charCodeAt(e) === 0x3d) e++;
        break;
      case 0x2265: // ≥
      case 0x2264: // ≤
      case 0xff1d: // ＝
      case 0xff1e: // ＞
      case 0xff1c: // ＜
      case 0x2267: // ≧
      case 0x2266: // ≦
        kind = K_OP;
        break;
      case 0x25: // %
      case 0xff05: // ％
        kind = K_PERCENT;
        break;
      default: {
        const cls = CLASS[c];
        if ((c === 0x23 || (c === 0x2f && t.charCodeAt(e) === 0x2f)) && this.commentAt(i)) {
          // `#` or `//` comment, at the start or after whitespace
          kind = K_COMMENT;
          e = lineEnd(t, e, n);
        } else if (cls === C_DIGIT) {
          DATE_Y.lastIndex = i;
          if (DATE_Y.test(t)) {
            kind = K_DATE;
            e = DATE_Y.lastIndex;
          } else {
            NUMBER_Y.lastIndex = i;
            NUMBER_Y.test(t);
            kind = K_NUMBER;
            e = NUMBER_Y.lastIndex;
          }
        } else if ((c === 0x2d || c === 0x2212 || c === 0xff0d) && CLASS[t.charCodeAt(e)] === C_DIGIT && e < n) {
          // A signed number (no date starts with a sign).
          NUMBER_Y.lastIndex = i;
          NUMBER_Y.test(t);
          kind = K_NUMBER;
          e = NUMBER_Y.lastIndex;
        } else if (cls === C_OTHER) {
          // Text: characters that are not stop characters or digits.
          kind = K_TEXT;
          while (e < n && CLASS[t.charCodeAt(e)] === C_OTHER) e++;
        } else {
          kind = K_UNKNOWN;
        }
      }
    }
    this.end = this.pos = e;
    return (this.kind = kind);
  }
}

function lineEnd(t: string, i: number, n: number): number {
  while (i < n) {
    const d = t.charCodeAt(i);
    if (d === 0x0a || d === 0x0d || d === 0x2028 || d === 0x2029 || d === 0x0b || d === 0x0c || d === 0x85) break;
    i++;
  }
  return i;
}

/** Tokens and comments in the shape of Chevrotain's lexer (`positionTracking: 'onlyOffset'`). */
export function lex(text: string): LexResult {
  const s = new Scanner(text);
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  for (let k = s.next(); k !== K_EOF; k = s.next()) {
    const tokenType = allTokens[k];
    const tok = { image: text.slice(s.start, s.end), startOffset: s.start, tokenTypeIdx: tokenType.tokenTypeIdx!, tokenType } as IToken;
    (k === K_COMMENT ? comments : tokens).push(tok);
  }
  return { tokens, comments };
}
