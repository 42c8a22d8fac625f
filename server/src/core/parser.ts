/**
 * The Chevrotain parser: lines of items with optional `{ … }` blocks.
 *
 *   document  := ( Newline | statement | "}" )*            a stray "}" is an error
 *   statement := item+ block? item* | block item*          items after a block's "}" are errors
 *   block     := "{" ( Newline | statement )* "}"?         an unclosed block is reported at its "{"
 *   item      := Text | Number | String | BadString | Op | Percent | Date | Unknown   (token category Item)
 *
 * One parser instance is built on first use (grammar analysis is costly) and reused. It builds the syntax
 * tree directly with embedded actions (no CST), several times faster than a CST visitor. Error recovery
 * is on; on top of it the grammar itself accepts every token sequence, so the tree always covers the whole
 * input and parsing never throws: the usual slips (a stray `}`, text after `}` on the same line, an
 * unclosed block, an unclosed string) are recorded as errors. Nesting deeper than MAX_DEPTH blocks is
 * reported instead of parsed, so that no stage runs out of stack. Large inputs are lexed and parsed a piece
 * at a time (parseRange).
 */
import { EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';
import {
  allTokens, BadString, Comment, DateLit, ItemToken, LBrace, lex, Newline, NumberLit, Op, Percent, RBrace, StringLit, Text, Unknown, type LexResult,
} from './lexer';
import { UNCLOSED_BLOCK, type Block, type Item, type ItemKind, type Stmt, type SyntaxError, type SyntaxTree } from './syntax';

/** Deepest block nesting parsed: real budgets nest 4 deep (部门 › 单位 › 项目 › 指标); far deeper input would
 * exhaust the stack of the recursive-descent parser. */
export const MAX_DEPTH = 100;

const KIND = new Map<TokenType, ItemKind>([
  [Text, 'text'], [NumberLit, 'number'], [StringLit, 'string'], [BadString, 'badstring'], [Op, 'op'],
  [Percent, 'percent'], [DateLit, 'date'], [Unknown, 'unknown'],
]);

function toItem(t: IToken): Item {
  return { kind: KIND.get(t.tokenType) ?? 'unknown', image: t.image, start: t.startOffset, end: t.startOffset + t.image.length };
}

function tokenEnd(t: IToken): number {
  return t.startOffset + t.image.length;
}

const UNMATCHED_CLOSE = { zh: '语句或换行（此处多了一个 “}”）', en: 'a statement or a newline (unmatched “}”)' };
const AFTER_BLOCK = { zh: '“}” 之后换行', en: 'a newline after “}”' };

class BudgetParser extends EmbeddedActionsParser {
  errorsOut: SyntaxError[] = [];

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  public document = this.RULE('document', (): Stmt[] => {
    const stmts: Stmt[] = [];
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(Newline); } },
        { ALT: () => { const s = this.SUBRULE(this.statement); this.ACTION(() => stmts.push(s)); } },
        {
          ALT: () => {
            const t = this.CONSUME(RBrace);
            this.ACTION(() => this.report(t.startOffset, tokenEnd(t), UNMATCHED_CLOSE, t.image));
          },
        },
      ]);
    });
    return stmts;
  });

  private statement = this.RULE('statement', (): Stmt => {
    const items: Item[] = [];
    let block: Block | undefined;
    this.OR([
      {
        ALT: () => {
          this.AT_LEAST_ONE(() => { const t = this.CONSUME(ItemToken); this.ACTION(() => items.push(toItem(t))); });
          this.OPTION(() => { block = this.SUBRULE(this.block); });
        },
      },
      // A block with no header: still parsed, reported by the binder.
      { ALT: () => { block = this.SUBRULE2(this.block); } },
    ]);
    // Anything left on the line after a block's `}` is an error.
    this.MANY(() => {
      const t = this.CONSUME2(ItemToken);
      this.ACTION(() => {
        if (block) this.report(t.startOffset, tokenEnd(t), AFTER_BLOCK, t.image);
        else items.push(toItem(t));
      });
    });
    return this.ACTION(() => {
      const start = items.length ? items[0].start : block!.open;
      const end = block ? (block.close ?? lastEnd(block, block.open + 1)) : items[items.length - 1].end;
      // A right-sized copy: the array grown by push holds room for 17 items (the 100,000-line budget's tree
      // shrinks from 47 to 38 MB; less for the garbage collector to copy).
      return { items: items.slice(), block, start, end };
    });
  });

  private block = this.RULE('block', (): Block => {
    const open = this.CONSUME(LBrace);
    const stmts: Stmt[] = [];
    let close: IToken | undefined;
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(Newline); } },
        { ALT: () => { const s = this.SUBRULE(this.statement); this.ACTION(() => stmts.push(s)); } },
      ]);
    });
    // The loop ends at `}` or at the end of the input.
    this.OPTION(() => { close = this.CONSUME(RBrace); });
    return this.ACTION(() => {
      if (!close) this.report(open.startOffset, open.startOffset + 1, UNCLOSED_BLOCK, '');
      return { open: open.startOffset, close: close ? tokenEnd(close) : undefined, stmts: stmts.slice() };
    });
  });

  report(start: number, end: number, expected: { zh: string; en: string }, found: string): void {
    this.errorsOut.push({ start, end, expected, found });
  }
}

function lastEnd(block: Block, fallback: number): number {
  const last = block.stmts[block.stmts.length - 1];
  return last ? last.end : fallback;
}

let parser: BudgetParser | undefined;

function getParser(): BudgetParser {
  parser ??= new BudgetParser();
  return parser;
}

/** Parses text into a syntax tree. Never throws; every problem is in `errors`. */
export function parse(text: string): SyntaxTree {
  return parseRange(text, 0, text.length);
}

/**
 * The most tokens (words, numbers, symbols, braces, comments, line breaks — a run of blank lines is one) parsed
 * from one text. A budget at the size limit (4,000,000 characters) has about 700,000; a text built to be dense (one
 * character per token, a statement per line) costs several times more per character than a budget, so the
 * parser stops there: the statements before the piece where the count is passed are parsed, the rest is not
 * (`truncated`, reported as BUD018). This bounds the time of every stage after lexing (docs/performance.md).
 */
export const MAX_TOKENS = 1_000_000;

/**
 * Parses text[from, to) as a document of its own (offsets stay those of the whole text; `length` is the
 * whole text's). Used to re-parse one block after an edit (incremental.ts).
 */
export function parseRange(text: string, from: number, to: number): SyntaxTree {
  const p = getParser();
  const stmts: Stmt[] = [];
  const errors: SyntaxError[] = [];
  const comments: Array<{ start: number; end: number }> = [];
  // The text is lexed and parsed a piece at a time, cut at newlines outside any block: a statement never
  // crosses such a newline, so the trees are those of one pass, while no token vector for the whole file
  // stays alive (that garbage dominated large inputs: docs/performance.md).
  let depth = 0;
  let pending: IToken[] = [];
  let pos = from;
  let tokens = 0;
  let truncated: number | undefined;
  /** The `{` one level too deep: from there on only the comments are collected (no tree). */
  let deep: IToken | undefined;
  const runs = new Map<SyntaxError, number>();
  while (pos < to) {
    let end = pieceEnd(text, pos, to);
    let r: LexResult;
    if (end - pos > LONG) {
      // A long line: lexed a window at a time, so that the token budget stops it early (one line of millions of
      // braces would otherwise be lexed whole first, seconds).
      const w = lexWindow(text, pos, end);
      r = w.result;
      end = w.end;
    } else r = lex(text, pos, end);
    pos = end;
    tokens += r.tokens.length + r.comments.length;
    if (tokens > MAX_TOKENS) {
      // Nothing of this piece, nor of the statement still open, is parsed.
      truncated = pending.length ? pending[0].startOffset : r.tokens.length ? r.tokens[0].startOffset : end;
      break;
    }
    for (const c of r.comments) comments.push({ start: c.startOffset, end: tokenEnd(c) });
    if (deep) continue;
    // Appended in place (a copy of everything pending per piece would be quadratic in a long block).
    const first = pending.length;
    for (const t of r.tokens) pending.push(t);
    // The last newline at depth 0 in this piece: everything before it can be parsed now.
    let cut = -1;
    for (let k = first; k < pending.length; k++) {
      const t = pending[k];
      const tt = t.tokenType;
      if (tt === LBrace) {
        if (++depth > MAX_DEPTH) {
          deep = t;
          break;
        }
      } else if (tt === RBrace) {
        if (depth > 0) depth--;
      } else if (tt === Newline && depth === 0) cut = k;
    }
    if (deep) continue;
    if (cut >= 0 && pos < to) {
      parseTokens(p, pending.slice(0, cut + 1), from, to, stmts, errors, text, runs);
      pending = pending.slice(cut + 1);
    }
  }
  if (deep) return tooDeep(text, deep, comments, tokens, truncated);
  if (truncated === undefined) parseTokens(p, pending, from, to, stmts, errors, text, runs);
  errors.sort((a, b) => a.start - b.start);
  const tree: SyntaxTree = { stmts, errors, comments, length: text.length, tokens };
  if (truncated !== undefined) tree.truncated = truncated;
  return tree;
}

/** Characters lexed at a time (then extended to the end of the line). */
const CHUNK = 64 * 1024;

/** Pieces longer than this (a long line) are lexed a window of this many characters at a time. */
const LONG = 4 * CHUNK;

/**
 * Tokens starting this close to a window's end may lex differently in the whole text (a date `2025年12月` cut after
 * `2025年1` lexes as three tokens; a number's look-ahead reads one character on): a window keeps only the tokens
 * before the first one that starts within this margin, or that is the window's last.
 */
const MARGIN = 64;

/**
 * Lexes text[pos, end) (one long line) up to a place where lexing can resume: the start of a token that lexes the
 * same in the whole text and in the window, and that is not a `#` or `/` right after a non-blank character (a
 * comment starts a text or follows a blank: resuming there would read one). The tokens before it are exactly the
 * whole text's. When the window holds no such place (a few huge tokens), the line is lexed whole.
 */
function lexWindow(text: string, pos: number, end: number): { result: LexResult; end: number } {
  const cutAt = pos + LONG;
  const r = lex(text, pos, cutAt);
  // Tokens and comments in order of position.
  const all: IToken[] = r.comments.length ? r.tokens.concat(r.comments).sort((a, b) => a.startOffset - b.startOffset) : r.tokens;
  for (let i = all.length - 2; i >= 1; i--) {
    const at = all[i].startOffset;
    if (at > cutAt - MARGIN) continue;
    const before = text.charCodeAt(at - 1);
    const c = text.charCodeAt(at);
    const blankBefore = before === 0x20 || before === 0x09 || before === 0x3000 || before === 0xfeff || before === 0x0a || before === 0x0d;
    if (!blankBefore && (c === 0x23 || c === 0x2f)) continue;
    return { result: { tokens: r.tokens.filter((t) => t.startOffset < at), comments: r.comments.filter((t) => t.startOffset < at) }, end: at };
  }
  return { result: lex(text, pos, end), end };
}

/**
 * Where the piece starting at `pos` ends: CHUNK characters on, then past the end of that line and the blank
 * lines after it (a run of blank lines is one token, which a cut must not split), or at `to`.
 */
function pieceEnd(text: string, pos: number, to: number): number {
  let end = pos + CHUNK;
  if (end >= to) return to;
  const nl = text.indexOf('\n', end);
  if (nl < 0 || nl >= to) return to;
  end = nl + 1;
  // Past spaces and line breaks, but only up to the last line break (spaces that indent the next line stay with it).
  for (let i = end; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) end = i + 1;
    else if (c !== 0x20 && c !== 0x09 && c !== 0x3000 && c !== 0xfeff) break;
  }
  return end;
}

/** What the parser says at a run of `}` with nothing but blanks and line breaks between them. */
function unmatchedRun(n: number): { zh: string; en: string } {
  return { zh: `语句或换行（此处多了 ${n} 个 “}”）`, en: `a statement or a newline (${n} unmatched “}”)` };
}

/** Whether text[from, to) holds only blanks and line breaks (what a run of stray `}` may have between them). */
function blank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x3000 && c !== 0xfeff) return false;
  }
  return true;
}

function parseTokens(p: BudgetParser, tokens: IToken[], from: number, to: number, stmts: Stmt[], errors: SyntaxError[], text: string, runs: Map<SyntaxError, number>): void {
  if (!tokens.length) return;
  p.errorsOut = [];
  p.input = tokens;
  try {
    for (const s of p.document() ?? []) stmts.push(s);
  } catch (e) {
    // Recognition errors do not throw with recovery on; this is a last line of defence against a defect.
    p.errorsOut.push({ start: from, end: Math.min(from + 1, to), expected: { zh: '可解析的输入', en: 'parsable input' }, found: String(e) });
  }
  const recognised = p.errors;
  // The one parser outlives the parse: it must not hold the tokens (a block of 180,000 rows is parsed as one
  // piece: 545,000 tokens kept alive until the next parse).
  p.input = [];
  // One at a time: spreading an unbounded array into a call overflows the stack (130,000 stray braces did).
  // A run of stray `}` (blanks and line breaks between them) is one error: one fault, one report.
  for (const e of p.errorsOut) {
    const last = errors[errors.length - 1];
    if (e.expected === UNMATCHED_CLOSE && last && runs.has(last) && blank(text, last.end, e.start)) {
      const n = runs.get(last)! + 1;
      runs.set(last, n);
      last.end = e.end;
      last.expected = unmatchedRun(n);
    } else {
      errors.push(e);
      if (e.expected === UNMATCHED_CLOSE) runs.set(e, 1);
    }
  }
  for (const e of recognised) {
    const t = e.token;
    const atEnd = t.tokenType.name === 'EOF' || Number.isNaN(t.startOffset);
    errors.push({
      start: atEnd ? to : t.startOffset,
      end: atEnd ? to : tokenEnd(t),
      expected: { zh: '换行或 “}”', en: 'a newline or “}”' },
      found: atEnd ? '' : t.image,
    });
  }
}

/** Too deep a nesting: one error and no tree (recursing further could exhaust the stack). */
function tooDeep(text: string, t: IToken, comments: Array<{ start: number; end: number }>, tokens: number, truncated: number | undefined): SyntaxTree {
  const tree: SyntaxTree = {
    stmts: [],
    errors: [{
      start: t.startOffset, end: t.startOffset + 1,
      expected: { zh: `至多嵌套 ${MAX_DEPTH} 层的块（此处是第 ${MAX_DEPTH + 1} 层，文件未解析）`, en: `blocks nested at most ${MAX_DEPTH} deep (this is level ${MAX_DEPTH + 1}; the file is not parsed)` },
      found: t.image,
    }],
    // The comments are still those of the whole range (as far as it was lexed).
    comments,
    length: text.length,
    tokens,
  };
  if (truncated !== undefined) tree.truncated = truncated;
  return tree;
}

export { Comment };
