/**
 * What every part of the language server shares: the connection, the open documents, the server's state (one
 * object) and the analysis engine; the cached analysis of each document; offsets ↔ LSP positions; the guard
 * every request handler runs in.
 */
import type { Stats } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ErrorCodes, MarkupKind, ResponseError, type CancellationToken, type Connection, type Position, type Range, type TextDocuments, type TextEdit, type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, analyzeModel, failedAnalysis, type Analysis, type AnalyzeOptions } from '../core/analyze';
import { builtinCatalog, type Catalog } from '../core/catalog';
import type { Locale } from '../core/i18n';
import { markdownToPlainText } from '../core/features/plaintext';
import type { Span } from '../core/features/types';
import { reanalyze, type ReanalyzeInfo } from '../core/incremental';
import { LineIndex } from '../core/position';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import type { ReferenceState } from './references';

/** The core's entry points the server calls (tests give others: one that fails on purpose). */
export interface Engine {
  analyze: typeof analyze;
  reanalyze: typeof reanalyze;
  analyzeModel: typeof analyzeModel;
}

export const CORE_ENGINE: Engine = { analyze, reanalyze, analyzeModel };

/** One open document's analysis, for one version and one generation of the settings. */
export interface Entry {
  version: number;
  generation: number;
  analysis: Analysis;
  index: LineIndex;
}

/** A watch of the files budget.catalogPath may name. */
export interface CatalogWatch {
  /** The watched files (resolved), as a key: a settings change re-watches only when they differ. */
  key: string;
  /** Stops watching; `unregister` is false at shutdown (nothing more is sent to the client). */
  close(unregister: boolean): void;
}

/** What the client accepts (from its initialize capabilities). */
export interface ClientCaps {
  configuration: boolean;
  inlayHintRefresh: boolean;
  semanticTokensRefresh: boolean;
  relatedInformation: boolean;
  codeDescription: boolean;
  /** workspace/didChangeWatchedFiles with dynamic registration (and relative patterns): the catalog file is watched by the client. */
  watchedFiles: boolean;
  watchedFilesRelative: boolean;
  /** Snippets in completions, markdown in hovers / documentation, hierarchical document symbols, code action literals,
   * prepareRename. Without them the server answers in the older shapes. */
  snippets: boolean;
  hoverMarkdown: boolean;
  docMarkdown: boolean;
  hierarchicalSymbols: boolean;
  codeActionLiterals: boolean;
  prepareRename: boolean;
}

/** The whole state of one server. */
export interface ServerState {
  settings: Settings;
  /** The editor's display language (initialize). */
  clientLocale: string | undefined;
  /** The locale of messages: the setting, or the editor's language. */
  locale: Locale;
  /** The catalog in use: the built-in one unless budget.catalogPath names a file (undefined until first used: its
   * data is parsed on first use). Read it through currentCatalog. */
  catalog: Catalog | undefined;
  /** Bumped when settings or the catalog change: cached analyses of an older generation are recomputed. */
  generation: number;
  workspaceRoots: string[];
  caps: ClientCaps;
  /** LSP 3.17 lifecycle: requests before initialize answer ServerNotInitialized, after shutdown InvalidRequest. */
  lifecycle: { initialized: boolean; ready: boolean; shutdown: boolean };
  /** The analysis of each open document (by uri). */
  cache: Map<string, Entry>;
  /** Pending diagnostics runs (by uri). */
  timers: Map<string, NodeJS.Timeout>;
  /** The version and text each document's diagnostics were last scheduled for. */
  scheduled: Map<string, { version: number; text: string }>;
  /** Bumped by every catalog load: a load overtaken by a newer one leaves the catalog alone. */
  catalogLoads: number;
  catalogWatch: CatalogWatch | undefined;
  catalogReload: NodeJS.Timeout | undefined;
  /** Symbols of workspace files that are not open, by path (only the symbols are kept, not the analyses). */
  fileCache: Map<string, { mtimeMs: number; generation: number; symbols: WorkspaceSymbol[] }>;
  /** Budgets across files: the workspace index of references, the other files' analyses (references.ts). */
  refs: ReferenceState;
}

export function newState(): ServerState {
  return {
    settings: structuredClone(DEFAULT_SETTINGS),
    clientLocale: undefined,
    locale: 'zh-CN',
    catalog: undefined,
    generation: 0,
    workspaceRoots: [],
    caps: {
      configuration: false, inlayHintRefresh: false, semanticTokensRefresh: false, relatedInformation: true, codeDescription: true, watchedFiles: false,
      watchedFilesRelative: false, snippets: false, hoverMarkdown: true, docMarkdown: true, hierarchicalSymbols: false, codeActionLiterals: false, prepareRename: false,
    },
    lifecycle: { initialized: false, ready: false, shutdown: false },
    cache: new Map(),
    timers: new Map(),
    scheduled: new Map(),
    catalogLoads: 0,
    catalogWatch: undefined,
    catalogReload: undefined,
    fileCache: new Map(),
    refs: { index: new Map(), results: new Map(), quiet: new Set(), publishedClosed: new Set(), scannedFolders: new Set(), lookedAbove: new Set(), adopted: new Set() },
  };
}

export interface Context {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  state: ServerState;
  engine: Engine;
  /** A link to docs/diagnostics.md when it ships next to the server (codeDescription). */
  docsUrl: string | undefined;
}

/** The catalog in use (the built-in one unless budget.catalogPath names a file). */
export function currentCatalog(ctx: Context): Catalog {
  return (ctx.state.catalog ??= builtinCatalog());
}

export function analyzeOptions(ctx: Context): AnalyzeOptions {
  return { catalog: currentCatalog(ctx), rounding: ctx.state.settings.rounding };
}

/**
 * The analysis of an open document's current text (cached per version). A defect in the core is contained to this
 * document and this version: it is logged once, and the document gets the analysis of a failure (one internal
 * error, nothing parsed), on which every request answers; the next edit analyses afresh. Other documents and
 * later requests are not affected.
 */
export function entryFor(ctx: Context, doc: TextDocument): Entry {
  const { state, engine } = ctx;
  const cur = state.cache.get(doc.uri);
  const text = doc.getText();
  // The same version with another text happens only when a client breaks the protocol (an open without a
  // close, a change that keeps the version): the text decides.
  if (cur && cur.version === doc.version && cur.generation === state.generation && cur.analysis.text === text) return cur;
  let analysis: Analysis | undefined;
  let index: LineIndex | undefined;
  if (cur && cur.generation === state.generation) {
    // An edit inside one unit re-analyses only that unit (exactly what analyze would give). The previous
    // analysis is consumed, so its entry is dropped first.
    state.cache.delete(doc.uri);
    const info: ReanalyzeInfo = {};
    try {
      analysis = engine.reanalyze(cur.analysis, text, analyzeOptions(ctx), info);
    } catch (e) {
      ctx.connection.console.error(`budget: incremental analysis failed, analysing in full / 增量分析失败，重新完整分析: ${describe(e)}`);
    }
    // The line index follows the edit instead of scanning the whole text again.
    const c = info.change;
    if (analysis && c) index = LineIndex.afterEdit(cur.index, text, c.start, c.oldEnd, c.newEnd);
    else if (analysis && cur.analysis.text === text) index = cur.index;
  }
  if (!analysis) {
    try {
      analysis = engine.analyze(text, analyzeOptions(ctx));
    } catch (e) {
      ctx.connection.console.error(`budget: internal error analysing ${doc.uri} (version ${doc.version}) / 分析文档时内部错误: ${describe(e)}`);
      analysis = failedAnalysis(text, e);
    }
  }
  const e: Entry = { version: doc.version, generation: state.generation, analysis, index: index ?? new LineIndex(text) };
  state.cache.set(doc.uri, e);
  return e;
}

/** An exception as text, with its stack when it has one. */
export function describe(e: unknown): string {
  return e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
}

// ── protocol edge: offsets ↔ positions ───────────────────────────────────────────────────────────

export function range(e: Entry, s: Span): Range {
  return { start: e.index.position(s.start), end: e.index.position(s.end) };
}

function isPosition(p: unknown): p is Position {
  const q = p as Position | undefined;
  return !!q && Number.isInteger(q.line) && Number.isInteger(q.character) && q.line >= 0 && q.character >= 0;
}

/** The offset of a position, or undefined when the line is past the end (characters past a line's end clamp). */
export function offsetOf(e: Entry, p: Position): number | undefined {
  if (p.line >= e.index.lineCount) return undefined;
  return e.index.offset(p.line, p.character);
}

export function rangeOffsets(e: Entry, r: Range): Span | undefined {
  const s = offsetOf(e, r.start);
  if (s === undefined) return undefined;
  const end = offsetOf(e, r.end) ?? e.analysis.text.length;
  return { start: Math.min(s, end), end: Math.max(s, end) };
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function workspaceEdit(uri: string, e: Entry, edits: Array<{ start: number; end: number; newText: string }>): WorkspaceEdit {
  return { changes: { [uri]: edits.map((x) => ({ range: range(e, x), newText: x.newText })) } };
}

/** Markdown, or plain text for a client that does not take markdown there. */
export function markup(value: string, markdown: boolean): { kind: MarkupKind; value: string } {
  return markdown ? { kind: MarkupKind.Markdown, value } : { kind: MarkupKind.PlainText, value: markdownToPlainText(value) };
}

export function isTextEdit(e: unknown): e is TextEdit {
  const x = e as { range?: { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } }; newText?: unknown };
  const pos = (p: { line?: unknown; character?: unknown } | undefined): boolean => !!p && Number.isInteger(p.line) && Number.isInteger(p.character);
  return !!x && typeof x.newText === 'string' && !!x.range && pos(x.range.start) && pos(x.range.end);
}

/** The file path of a file: URI, or undefined. */
export function safePath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether two paths name the same file (case-insensitively where the file system usually is). */
export function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** Whether a stat changed in a way that matters for a file's content (also: replaced by another file). */
export function statChanged(cur: Stats, prev: Stats): boolean {
  return cur.mtimeMs !== prev.mtimeMs || cur.size !== prev.size || cur.ino !== prev.ino || cur.nlink !== prev.nlink;
}

/** Sends without letting a failed send (a closed connection) become an unhandled rejection. */
export function quietly(p: Promise<unknown>): void {
  p.catch((e: unknown) => process.stderr.write(`budget: send failed: ${String(e)}\n`));
}

// ── guarded handlers ──────────────────────────────────────────────────────────────────────────────

export class InvalidParams extends Error {}

export function docParams(params: unknown): { uri: string } {
  const td = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument;
  if (!td || typeof td.uri !== 'string') throw new InvalidParams('textDocument.uri is missing / 缺少 textDocument.uri');
  return { uri: td.uri };
}

export function positionParam(params: unknown): Position {
  const p = (params as { position?: unknown } | undefined)?.position;
  if (!isPosition(p)) throw new InvalidParams('position is missing or malformed / position 缺失或格式错误');
  return p;
}

export function rangeParam(params: unknown): Range {
  const r = (params as { range?: { start?: unknown; end?: unknown } } | undefined)?.range;
  if (!r || !isPosition(r.start) || !isPosition(r.end)) throw new InvalidParams('range is missing or malformed / range 缺失或格式错误');
  return r as Range;
}

/** The lifecycle error for a request received now, if any. */
export function lifecycleError(ctx: Context, name: string): ResponseError<void> | undefined {
  if (!ctx.state.lifecycle.initialized) return new ResponseError(ErrorCodes.ServerNotInitialized, `${name}: the server is not initialized / 服务器尚未初始化`);
  if (ctx.state.lifecycle.shutdown) return new ResponseError(ErrorCodes.InvalidRequest, `${name}: the server is shutting down / 服务器正在关闭`);
  return undefined;
}

/**
 * Wraps a request handler: the lifecycle errors; bad params → InvalidParams; an exception → InternalError for this
 * request only (logged). Nothing a handler throws reaches the connection, and nothing is left behind: the next
 * request is served as if it had not happened.
 */
export function guard<P, R>(ctx: Context, name: string, fn: (params: P, token?: CancellationToken) => R): (params: P, token: CancellationToken) => R | ResponseError<void> {
  return (params: P, token: CancellationToken) => {
    const refused = lifecycleError(ctx, name);
    if (refused) return refused;
    try {
      return fn(params, token);
    } catch (e) {
      return failed(ctx, name, e);
    }
  };
}

/** The answer to a request whose handler threw: InvalidParams for bad params, else InternalError (logged). */
export function failed(ctx: Context, name: string, e: unknown): ResponseError<void> {
  if (e instanceof InvalidParams) {
    ctx.connection.console.warn(`budget: ${name}: ${e.message}`);
    return new ResponseError(ErrorCodes.InvalidParams, `${name}: ${e.message}`);
  }
  ctx.connection.console.error(`budget: ${name} failed / 处理失败: ${describe(e)}`);
  return new ResponseError(ErrorCodes.InternalError, `${name} failed / 处理失败: ${e instanceof Error ? e.message : String(e)}`);
}

/** The cached analysis of an open document, or undefined for an unknown uri. */
export function entryOf(ctx: Context, params: unknown): Entry | undefined {
  const doc = ctx.documents.get(docParams(params).uri);
  return doc ? entryFor(ctx, doc) : undefined;
}
