/**
 * The parser: lines of items with optional `{ … }` blocks.
 *
 *   document  := ( Newline | statement | "}" )*            a stray "}" is an error
 *   statement := item+ block? item* | block item*          items after a block's "}" are errors
 *   block     := "{" ( Newline | statement )* ( "}" | EOF ) an unclosed block is reported at its "{"
 *   item      := Text | Number | String | BadString | Op | Percent | Date | Unknown
 *
 * The grammar accepts every token sequence, so the tree always covers the whole input and parsing never
 * throws; the usual slips (a stray `}`, text after `}` on the same line, an unclosed block, an unclosed
 * string) are recorded as errors. It is a hand-written recursive-descent parser over the scanner of
 * lexer.ts: it was a Chevrotain EmbeddedActionsParser (with error recovery) over Chevrotain tokens, and
 * gives the same trees and errors, several times faster and with far less garbage (docs/performance.md;
 * test/robustness compares both on random input). Nesting deeper than MAX_DEPTH blocks is reported
 * instead of recursing further, so that no stage downstream runs out of stack.
 */
import {
  Comment, K_BADSTRING, K_COMMENT, K_DATE, K_EOF, K_LBRACE, K_NEWLINE, K_NUMBER, K_OP, K_PERCENT, K_RBRACE, K_STRING, K_TEXT,
  K_UNKNOWN, Scanner,
} from './handwritten-lexer';
import type { Block, Item, ItemKind, Stmt, SyntaxError, SyntaxTree } from '../../../server/src/core/syntax';

/** Deepest block nesting parsed (real budgets nest 5 deep: 部门 › 单位 › 项目 › 指标). */
export const MAX_DEPTH = 1000;

const ITEM_KIND: Array<ItemKind | undefined> = [];
ITEM_KIND[K_TEXT] = 'text';
ITEM_KIND[K_NUMBER] = 'number';
ITEM_KIND[K_STRING] = 'string';
ITEM_KIND[K_BADSTRING] = 'badstring';
ITEM_KIND[K_OP] = 'op';
ITEM_KIND[K_PERCENT] = 'percent';
ITEM_KIND[K_DATE] = 'date';
ITEM_KIND[K_UNKNOWN] = 'unknown';

class TooDeep extends Error {}

class Parser {
  readonly errors: SyntaxError[] = [];
  readonly comments: Array<{ start: number; end: number }> = [];
  private readonly s: Scanner;
  private readonly text: string;
  /** The current token's kind (comments are skipped and collected). */
  private k = K_EOF;
  private depth = 0;
  /** Tokens scanned, comments included. */
  tokens = 0;
  /** The number of `}` in the stray-brace error last reported, when the last error is one. */
  private braces = 0;

  constructor(text: string, from = 0, to = text.length) {
    this.text = text;
    this.s = new Scanner(text, from, to);
    this.advance();
  }

  private advance(): void {
    let k = this.s.next();
    while (k === K_COMMENT) {
      this.comments.push({ start: this.s.start, end: this.s.end });
      this.tokens++;
      k = this.s.next();
    }
    if (k !== K_EOF) this.tokens++;
    this.k = k;
  }

  private isItem(): boolean {
    return ITEM_KIND[this.k] !== undefined;
  }

  private item(): Item {
    const s = this.s;
    const it: Item = { kind: ITEM_KIND[this.k]!, image: this.text.slice(s.start, s.end), start: s.start, end: s.end };
    this.advance();
    return it;
  }

  document(): Stmt[] {
    const stmts: Stmt[] = [];
    for (;;) {
      const k = this.k;
      if (k === K_EOF) return stmts;
      if (k === K_NEWLINE) this.advance();
      else if (k === K_RBRACE) {
        // Stray braces with only blanks and line breaks between them: one error for the run.
        const last = this.errors[this.errors.length - 1];
        if (this.braces && /^[ \t\r\n\u3000\ufeff]*$/.test(this.text.slice(last.end, this.s.start))) {
          this.braces++;
          last.end = this.s.end;
          last.expected = { zh: `语句或换行（此处多了 ${this.braces} 个 “}”）`, en: `a statement or a newline (${this.braces} unmatched “}”)` };
        } else {
          this.report(this.s.start, this.s.end, { zh: '语句或换行（此处多了一个 “}”）', en: 'a statement or a newline (unmatched “}”)' }, this.text.slice(this.s.start, this.s.end));
          this.braces = 1;
        }
        this.advance();
      } else stmts.push(this.statement());
    }
  }

  /** At an item or a `{`. */
  private statement(): Stmt {
    const items: Item[] = [];
    let block: Block | undefined;
    while (this.isItem()) items.push(this.item());
    if (this.k === K_LBRACE) block = this.block();
    // Anything left on the line after a block's `}` is an error; skip it up to the end of the line.
    while (this.isItem()) {
      const t = this.item();
      this.report(t.start, t.end, { zh: '“}” 之后换行', en: 'a newline after “}”' }, t.image);
    }
    const start = items.length ? items[0].start : block!.open;
    const end = block ? (block.close ?? lastEnd(block, block.open + 1)) : items[items.length - 1].end;
    return { items, block, start, end };
  }

  /** At a `{`. */
  private block(): Block {
    const open = this.s.start;
    if (++this.depth > MAX_DEPTH) throw new TooDeep();
    this.advance();
    const stmts: Stmt[] = [];
    let close: number | undefined;
    for (;;) {
      const k = this.k;
      if (k === K_NEWLINE) this.advance();
      else if (k === K_RBRACE) {
        close = this.s.end;
        this.advance();
        break;
      } else if (k === K_EOF) {
        this.report(open, open + 1, { zh: '与此 “{” 配对的 “}”', en: 'a “}” matching this “{”' }, '');
        break;
      } else stmts.push(this.statement());
    }
    this.depth--;
    return { open, close, stmts };
  }

  report(start: number, end: number, expected: { zh: string; en: string }, found: string): void {
    this.braces = 0;
    this.errors.push({ start, end, expected, found });
  }

  /** The offset of the current token (after TooDeep: the `{` that opened block level MAX_DEPTH + 1). */
  get at(): number {
    return this.s.start;
  }

  /** Skips to the end, still collecting the comments. */
  drain(): void {
    while (this.k !== K_EOF) this.advance();
  }
}

function lastEnd(block: Block, fallback: number): number {
  const last = block.stmts[block.stmts.length - 1];
  return last ? last.end : fallback;
}

/** Parses text into a syntax tree. Never throws; every problem is in `errors`. */
export function parse(text: string): SyntaxTree {
  return parseRange(text, 0, text.length);
}

/**
 * Parses text[from, to) as a document of its own (offsets stay those of the whole text; `length` is the
 * whole text's). Used to re-parse one block after an edit (incremental.ts).
 */
export function parseRange(text: string, from: number, to: number): SyntaxTree {
  const p = new Parser(text, from, to);
  let stmts: Stmt[] = [];
  try {
    stmts = p.document();
  } catch (e) {
    // Too deep a nesting (or, as a last line of defence, a defect): no tree, one error.
    const at = e instanceof TooDeep ? p.at : from;
    p.drain();
    if (e instanceof TooDeep) {
      p.report(at, Math.min(at + 1, to), { zh: `至多嵌套 ${MAX_DEPTH} 层的块（此处是第 ${MAX_DEPTH + 1} 层，文件未解析）`, en: `blocks nested at most ${MAX_DEPTH} deep (this is level ${MAX_DEPTH + 1}; the file is not parsed)` }, text[at]);
    } else p.report(at, Math.min(at + 1, to), { zh: '可解析的输入', en: 'parsable input' }, String(e));
  }
  const errors = p.errors;
  errors.sort((a, b) => a.start - b.start);
  return { stmts, errors, comments: p.comments, length: text.length, tokens: p.tokens };
}

export { Comment };
