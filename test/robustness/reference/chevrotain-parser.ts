/**
 * REFERENCE ONLY (test oracle): the Chevrotain parser of server/src/core/parser.ts as of commit 53ebeb0, kept
 * verbatim so that test/robustness/differential.test.ts can check that the hand-written parser gives the
 * same trees and errors.
 *
 * The Chevrotain parser: lines of items with optional `{ … }` blocks.
 *
 * One parser instance is built on first use (grammar analysis is costly) and reused. It builds the syntax
 * tree directly with embedded actions (no CST), which is several times faster than a CST visitor. Error
 * recovery is on; on top of it the grammar itself accepts the usual slips (a stray `}`, text after `}` on
 * the same line, an unclosed block, an unclosed string) and records them as errors, so the tree always
 * covers the whole input and parsing never throws.
 */
import { EmbeddedActionsParser, EOF, type IToken, type TokenType } from 'chevrotain';
import {
  allTokens, BadString, Comment, DateLit, LBrace, lex, Newline, NumberLit, Op, Percent, RBrace, StringLit, Text, Unknown,
} from './chevrotain-lexer';
import type { Block, Item, ItemKind, Stmt, SyntaxError, SyntaxTree } from '../../../server/src/core/syntax';

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

class BudgetParser extends EmbeddedActionsParser {
  errorsOut: SyntaxError[] = [];

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 2 });
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
            this.ACTION(() => this.report(t.startOffset, tokenEnd(t), { zh: '语句或换行（此处多了一个 “}”）', en: 'a statement or a newline (unmatched “}”)' }, t.image));
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
          this.AT_LEAST_ONE(() => { const i = this.SUBRULE(this.item); this.ACTION(() => items.push(i)); });
          this.OPTION(() => { block = this.SUBRULE(this.block); });
        },
      },
      {
        // A block with no header: still parsed, reported by the binder.
        ALT: () => { block = this.SUBRULE2(this.block); },
      },
    ]);
    // Anything left on the line after a block's `}` is an error; skip it up to the end of the line.
    this.MANY(() => {
      const t = this.SUBRULE2(this.item);
      this.ACTION(() => {
        if (block) this.report(t.start, t.end, { zh: '“}” 之后换行', en: 'a newline after “}”' }, t.image);
        else items.push(t);
      });
    });
    return this.ACTION(() => {
      const start = items.length ? items[0].start : block!.open;
      const end = block ? (block.close ?? lastEnd(block, block.open + 1)) : items[items.length - 1].end;
      return { items, block, start, end };
    });
  });

  private block = this.RULE('block', (): Block => {
    const open = this.CONSUME(LBrace);
    const stmts: Stmt[] = [];
    let close: number | undefined;
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(Newline); } },
        { ALT: () => { const s = this.SUBRULE(this.statement); this.ACTION(() => stmts.push(s)); } },
      ]);
    });
    this.OR2([
      { ALT: () => { const c = this.CONSUME(RBrace); this.ACTION(() => { close = tokenEnd(c); }); } },
      {
        ALT: () => {
          const e = this.CONSUME(EOF);
          this.ACTION(() => {
            this.report(open.startOffset, open.startOffset + 1, { zh: '与此 “{” 配对的 “}”', en: 'a “}” matching this “{”' }, e.image ?? '');
          });
        },
      },
    ]);
    return { open: open.startOffset, close, stmts };
  });

  private item = this.RULE('item', (): Item => {
    const t = this.OR([
      { ALT: () => this.CONSUME(Text) },
      { ALT: () => this.CONSUME(NumberLit) },
      { ALT: () => this.CONSUME(StringLit) },
      { ALT: () => this.CONSUME(BadString) },
      { ALT: () => this.CONSUME(Op) },
      { ALT: () => this.CONSUME(Percent) },
      { ALT: () => this.CONSUME(DateLit) },
      { ALT: () => this.CONSUME(Unknown) },
    ]);
    return this.ACTION(() => toItem(t));
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
  const { tokens, comments } = lex(text);
  const p = getParser();
  p.errorsOut = [];
  p.input = tokens;
  let stmts: Stmt[] = [];
  try {
    stmts = p.document() ?? [];
  } catch (e) {
    // Chevrotain does not throw on recognition errors with recovery on; this is a last line of defence.
    p.errorsOut.push({ start: 0, end: Math.min(1, text.length), expected: { zh: '可解析的输入', en: 'parsable input' }, found: String(e) });
  }
  const errors: SyntaxError[] = [...p.errorsOut];
  for (const e of p.errors) {
    const t = e.token;
    const atEof = t.tokenType === EOF || Number.isNaN(t.startOffset);
    const start = atEof ? text.length : t.startOffset;
    errors.push({
      start,
      end: atEof ? text.length : tokenEnd(t),
      expected: { zh: '换行或 “}”', en: 'a newline or “}”' },
      found: atEof ? '' : t.image,
    });
  }
  errors.sort((a, b) => a.start - b.start);
  return {
    stmts,
    errors,
    comments: comments.map((c) => ({ start: c.startOffset, end: tokenEnd(c) })),
    length: text.length,
  };
}

export { Comment };
