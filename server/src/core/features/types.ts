/**
 * Plain, protocol-shaped result types of the editor features (in the style of vscode-json-languageservice).
 *
 * Nothing here depends on the Language Server Protocol packages: positions are UTF-16 offsets into the
 * analysed text (start inclusive, end exclusive), and the server converts them to LSP ranges at the edge.
 * Numeric kinds (SymbolKind, highlight kinds) use the LSP numbering so that they pass through unchanged.
 */
import type { Diagnostic, Edit, Span } from '../diagnostics';
import type { Locale } from '../i18n';

export type { Diagnostic, Edit, Locale, Span };

export interface Hover {
  /** Markdown. */
  contents: string;
  /** The hovered element. */
  span: Span;
}

export type CompletionKind = 'keyword' | 'snippet' | 'code' | 'value' | 'unit' | 'operator' | 'name' | 'source' | 'column';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Short text shown next to the label. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text inserted (defaults to the label); a snippet when `snippet` is true. */
  insertText?: string;
  snippet?: boolean;
  filterText?: string;
  sortText?: string;
  /** The text replaced by the completion (the word being typed). */
  range: Span;
}

export interface CompletionList {
  items: CompletionItem[];
  /** True when the list was filtered by what was typed (the client should ask again as typing goes on). */
  isIncomplete: boolean;
}

export type CodeActionKind = 'quickfix' | 'refactor.rewrite';

export interface CodeAction {
  title: string;
  kind: CodeActionKind;
  edits: Edit[];
  /** The diagnostics the action resolves. */
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
}

export interface InlayHint {
  /** Where the hint is shown (the label appears just after this offset). */
  offset: number;
  label: string;
  /** Markdown. */
  tooltip?: string;
  /**
   * 'ok' for a declared total that agrees, 'mismatch' for one that does not, 'computed' for a computed total,
   * 'unsplit' for a written figure no row below states (not split below: unknown, not 0, so not compared).
   */
  kind: 'computed' | 'ok' | 'mismatch' | 'tolerated' | 'unsplit';
}

/** LSP SymbolKind values. */
export const SymbolKind = {
  File: 1, Module: 2, Namespace: 3, Package: 4, Class: 5, Method: 6, Property: 7, Field: 8, Constructor: 9, Enum: 10,
  Interface: 11, Function: 12, Variable: 13, Constant: 14, String: 15, Number: 16, Boolean: 17, Array: 18, Object: 19,
  Key: 20, Null: 21, EnumMember: 22, Struct: 23, Event: 24, Operator: 25, TypeParameter: 26,
} as const;
export type SymbolKind = (typeof SymbolKind)[keyof typeof SymbolKind];

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** The whole element. */
  span: Span;
  /** The part to select (its name or code). */
  selection: Span;
  children: DocumentSymbol[];
}

export interface WorkspaceSymbol {
  name: string;
  kind: SymbolKind;
  containerName?: string;
  span: Span;
}

export interface FoldingRange {
  /** 0-based lines. */
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

export interface SemanticToken {
  start: number;
  length: number;
  /** Index into SEMANTIC_TOKEN_TYPES. */
  type: number;
  /** Bit set over SEMANTIC_TOKEN_MODIFIERS. */
  modifiers: number;
}

/** LSP DocumentHighlightKind values. */
export const HighlightKind = { Text: 1, Read: 2, Write: 3 } as const;

export interface Highlight {
  span: Span;
  kind: (typeof HighlightKind)[keyof typeof HighlightKind];
}

export interface RenameResult {
  edits?: Edit[];
  /** Why the rename cannot be done (in the chosen locale). */
  error?: string;
}
