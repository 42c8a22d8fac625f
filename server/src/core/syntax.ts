/**
 * The syntax tree: lines (statements) made of items, with optional `{ … }` blocks.
 *
 * All positions are UTF-16 offsets into the document text (start inclusive, end exclusive). LSP positions
 * are computed only at the protocol edge.
 */

export type ItemKind = 'text' | 'number' | 'string' | 'op' | 'percent' | 'date' | 'unknown' | 'badstring';

export interface Item {
  kind: ItemKind;
  /** The source text of the item. For strings, including the quotes. */
  image: string;
  start: number;
  end: number;
  /**
   * Set by the binder on an accounting-style negative amount pasted from a PDF, `(234.56)` or `（234.56）`, which
   * it reads as one number item (its image the text as written): the number inside the parentheses, as written.
   */
  negated?: string;
}

export interface Block {
  /** Offset of `{`. */
  open: number;
  /** Offset just after `}`; undefined when the block was never closed. */
  close?: number;
  stmts: Stmt[];
}

export interface Stmt {
  items: Item[];
  block?: Block;
  start: number;
  /** End of the statement's last item, or of its block's `}`. */
  end: number;
}

export interface SyntaxError {
  start: number;
  end: number;
  /** What the parser expected, in both languages. */
  expected: { zh: string; en: string };
  /** The text found (empty at end of input). */
  found: string;
}

/** What the parser expects at the `{` of a block never closed (the error's `found` is empty: end of input). */
export const UNCLOSED_BLOCK = { zh: '与此 “{” 配对的 “}”', en: 'a “}” matching this “{”' };

/** Whether a syntax error is a block left open at the end of the input. */
export function isUnclosedBlock(e: SyntaxError): boolean {
  return e.found === '' && e.expected.en === UNCLOSED_BLOCK.en;
}

/**
 * The statements as the binder reads them: the parser's, tidied (bind/tidy.ts: unusual spaces, page numbers,
 * spaced-out words, accounting negatives, joined rows, a missing `}`). The editor features walk these.
 */
export interface TidyTree {
  stmts: Stmt[];
}

export interface SyntaxTree {
  stmts: Stmt[];
  errors: SyntaxError[];
  comments: Array<{ start: number; end: number }>;
  length: number;
  /** The number of tokens lexed, comments included (a run of blank lines is one). */
  tokens: number;
  /**
   * Where parsing stopped because the text has more than MAX_TOKENS tokens (parser.ts): nothing from here on is
   * in the tree. Absent when the whole text was parsed.
   */
  truncated?: number;
}

/** Unquotes a string item; the value of other items is their image. */
export function itemValue(item: Item): string {
  if (item.kind === 'string') return item.image.slice(1, -1).replace(/\\(.)/g, '$1');
  if (item.kind === 'badstring') return item.image.slice(1).replace(/\\(.)/g, '$1');
  return item.image;
}
