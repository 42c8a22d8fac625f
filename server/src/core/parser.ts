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
  allTokens, BadString, Comment, DateLit, ItemToken, LBrace, lex, Newline, NumberLit, Op, Percent, RBrace, StringLit, Text, Unknown,
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
  while (pos < to) {
    let end = pos + CHUNK;
    if (end >= to) end = to;
    else {
      const nl = text.indexOf('\n', end);
      end = nl < 0 || nl >= to ? to : nl + 1;
    }
    const r = lex(text, pos, end);
    for (const c of r.comments) comments.push({ start: c.startOffset, end: tokenEnd(c) });
    const tokens = pending.length ? pending.concat(r.tokens) : r.tokens;
    // The last newline at depth 0 in this piece: everything before it can be parsed now.
    let cut = -1;
    for (let k = pending.length; k < tokens.length; k++) {
      const t = tokens[k];
      const tt = t.tokenType;
      if (tt === LBrace) {
        if (++depth > MAX_DEPTH) return tooDeep(text, t, from, to);
      } else if (tt === RBrace) {
        if (depth > 0) depth--;
      } else if (tt === Newline && depth === 0) cut = k;
    }
    if (cut >= 0 && end < to) {
      parseTokens(p, tokens.slice(0, cut + 1), from, to, stmts, errors);
      pending = tokens.slice(cut + 1);
    } else pending = tokens;
    pos = end;
  }
  parseTokens(p, pending, from, to, stmts, errors);
  errors.sort((a, b) => a.start - b.start);
  return { stmts, errors, comments, length: text.length };
}

/** Characters lexed at a time (then extended to the end of the line). */
const CHUNK = 64 * 1024;

function parseTokens(p: BudgetParser, tokens: IToken[], from: number, to: number, stmts: Stmt[], errors: SyntaxError[]): void {
  if (!tokens.length) return;
  p.errorsOut = [];
  p.input = tokens;
  try {
    for (const s of p.document() ?? []) stmts.push(s);
  } catch (e) {
    // Recognition errors do not throw with recovery on; this is a last line of defence against a defect.
    p.errorsOut.push({ start: from, end: Math.min(from + 1, to), expected: { zh: '可解析的输入', en: 'parsable input' }, found: String(e) });
  }
  errors.push(...p.errorsOut);
  for (const e of p.errors) {
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
function tooDeep(text: string, t: IToken, from: number, to: number): SyntaxTree {
  // The comments are still those of the whole range.
  const all = lex(text, from, to).comments.map((c) => ({ start: c.startOffset, end: tokenEnd(c) }));
  return {
    stmts: [],
    errors: [{
      start: t.startOffset, end: t.startOffset + 1,
      expected: { zh: `至多嵌套 ${MAX_DEPTH} 层的块（此处是第 ${MAX_DEPTH + 1} 层，文件未解析）`, en: `blocks nested at most ${MAX_DEPTH} deep (this is level ${MAX_DEPTH + 1}; the file is not parsed)` },
      found: t.image,
    }],
    comments: all,
    length: text.length,
  };
}

export { Comment };
