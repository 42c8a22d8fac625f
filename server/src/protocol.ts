/**
 * The budget language server's own protocol, shared by the server and its clients (the VS Code extension
 * imports it): method and command names and the shapes of their messages. Constants and types only — the core
 * is imported for its types alone, so a client bundling this module does not pull the checker in.
 */
import type { Severity } from './core/diagnostics';
import type { CatalogTreeResult } from './core/features/catalogTree';
import type { Handout } from './core/handout';
import type { LayoutInfo, Table } from './core/tables';

/**
 * Request (client → server): the tables of an open document, as the preview shows them.
 * Params: TablesParams. Result: TablesResult (empty tables and `version: null` for a document the server does
 * not have open).
 */
export const TABLES_REQUEST = 'budget/tables';

export interface TablesParams {
  uri: string;
}

/** A diagnostic as the preview shows it: UTF-16 offsets into the document, the message in the server's locale. */
export interface TablesDiagnostic {
  start: number;
  end: number;
  severity: Severity;
  code: string;
  message: string;
}

export interface TablesResult {
  tables: Table[];
  diagnostics: TablesDiagnostic[];
  /** Version of the document the tables were computed from; null when the server does not have it open. */
  version: number | null;
  /** The layouts (表式) the tables follow, and why (stated or inferred); older servers send none. */
  layouts?: LayoutInfo[];
  /** The document's title and unit line (core/handout.ts) for the preview's heading; older servers send none. */
  handout?: Handout;
  /**
   * The other files the tables are built from (URIs: a department's 单位文件 for its 部门支出分单位明细): the
   * preview asks again when one of them changes. Absent when there are none.
   */
  dependencies?: string[];
}

/**
 * Request (client → server): the classification catalog as a tree — of the edition of the unit at `position` in
 * the document `uri`, or of `edition`, else the latest — for the client's catalog command (core/features/catalogTree.ts).
 */
export const CATALOG_REQUEST = 'budget/catalog';

export interface CatalogParams {
  uri?: string;
  position?: { line: number; character: number };
  edition?: number;
}

export type CatalogResult = CatalogTreeResult;

/**
 * Command (workspace/executeCommand) behind the code actions offered to clients that take commands only (no code
 * action literals): its one argument is the WorkspaceEdit to apply.
 */
export const APPLY_FIX_COMMAND = 'budget.applyFix';

/** The `data` of every published diagnostic: the document version it was computed for, and its fixes as edits. */
export interface DiagnosticData {
  version: number;
  fixes: Array<{ title: string; preferred?: boolean; edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }> }>;
}
