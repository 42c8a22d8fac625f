/**
 * The budget language server: wires the LSP-free core (analyze + core/features) to the Language Server
 * Protocol. Transport from argv (`--stdio`, `--node-ipc`, `--socket=…`; stdio when none is given).
 *
 * - Incremental text sync; one analysis per document version, cached, so hover/completion never re-analyse;
 *   an edit inside one unit re-analyses only that unit (core/incremental.ts).
 * - Diagnostics are debounced per document (budget.diagnostics.debounceMs) and only the newest version is
 *   published: a pending run is cancelled by the next change and a run whose version went stale is dropped.
 *   Closing a document clears its diagnostics.
 * - Every diagnostic carries code, severity, precise range, message in the chosen locale, related
 *   information, source 'budget', a codeDescription link to docs/diagnostics.md (when shipped next to the
 *   server), and `data` = { version, fixes } with the core's fixes as LSP text edits; the codeAction
 *   handler recomputes fixes from the cached analysis of the current version (so stale data is never
 *   applied) and uses `data` only for diagnostics it cannot match.
 * - The budget.catalogPath file is watched (by the client through a dynamic workspace/didChangeWatchedFiles
 *   registration when it can, else by node): a change re-loads the catalog and re-validates open documents.
 * - Every request handler is guarded: malformed params answer InvalidParams, an exception answers an
 *   InternalError (and is logged), unknown documents and positions past the end answer empty results.
 * - Lifecycle: before initialize requests answer ServerNotInitialized, after shutdown InvalidRequest; in both
 *   states every notification but exit is dropped, at the connection (admitted).
 * - Completion is also triggered by a typed space; the core answers it only where the next word is constrained.
 * - Custom protocol:
 *   - request `budget/tables` {uri} → { tables, diagnostics: [{start,end,severity,message}], version, layouts }
 *     (start/end are UTF-16 offsets; tables from core/tables.ts buildTables);
 *   - request `budget/catalog` {uri?, position?, edition?} → the classification catalog of the edition at the cursor as a
 *     tree (core/features/catalogTree.ts), for the client's catalog command;
 *   - notification `budget/status` (server → client) after every publish:
 *     { uri, version, errors, warnings, information } — a notification rather than a request so the status
 *     bar follows each publish without polling.
 */
import { existsSync, promises as fsp, unwatchFile, watch, watchFile, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind, CompletionItemKind, CompletionTriggerKind, createConnection, DiagnosticSeverity, DidChangeWatchedFilesNotification, ErrorCodes, FoldingRangeKind, InlayHintKind,
  InsertTextFormat, MarkupKind, Message, MessageType, ProposedFeatures, ShowMessageNotification, ResponseError, SemanticTokensBuilder, TextDocuments, TextDocumentSyncKind,
  type CancellationToken, type CodeAction, type Command, type InitializeError, type SymbolInformation, type CompletionItem, type Diagnostic, type DocumentSymbol, type FileSystemWatcher, type InitializeParams,
  type InitializeResult, type Location, type Position, type Range, type SemanticTokens, type TextEdit, type WorkspaceEdit, type WorkspaceSymbol,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, analyzeModel, type Analysis, type AnalyzeOptions } from './core/analyze';
import { changedSpan, reanalyze, type ReanalyzeInfo } from './core/incremental';
import { builtinCatalog, catalogWith, type Catalog } from './core/catalog';
import { renderMessage, severityOf, text as pickText, type Diagnostic as CoreDiagnostic, type Locale } from './core/diagnostics';
import * as features from './core/features';
import type { CompletionKind, Span } from './core/features/types';
import { decodeBuffer } from './core/encoding';
import { markdownToPlainText, snippetToPlainText } from './core/features/plaintext';
import { LineIndex } from './core/position';
import { buildTables, layoutSummary, type LayoutInfo, type Table } from './core/tables';
import { DEFAULT_SETTINGS, parseSettings, resolveLocale, warningText, type Settings } from './settings';

// ── transport ─────────────────────────────────────────────────────────────────────────────────────

// Without a transport flag (whatever else is given) the server talks over stdio.
if (!process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a))) process.argv.push('--stdio');
// Every incoming notification passes the lifecycle gate (admitted below), whoever registered its handler.
const connection = createConnection(ProposedFeatures.all, { messageStrategy: { handleMessage: (m, next) => (admitted(m) ? next(m) : undefined) } });
const documents = new TextDocuments(TextDocument);

// ── state ─────────────────────────────────────────────────────────────────────────────────────────

let settings: Settings = structuredClone(DEFAULT_SETTINGS);
let clientLocale: string | undefined;
let locale: Locale = 'zh-CN';
/** The catalog in use (the built-in one unless budget.catalogPath names a file); its data is parsed on first use. */
let catalog: Catalog | undefined;

function currentCatalog(): Catalog {
  return (catalog ??= builtinCatalog());
}
/** Bumped when settings change: cached analyses of an older generation are recomputed. */
let generation = 0;
let workspaceRoots: string[] = [];
const caps = {
  configuration: false, inlayHintRefresh: false, semanticTokensRefresh: false, relatedInformation: true, codeDescription: true,
  /** workspace/didChangeWatchedFiles with dynamic registration (and relative patterns): the catalog file is watched by the client. */
  watchedFiles: false, watchedFilesRelative: false,
  /** What the client accepts: snippets in completions, markdown in hovers / documentation, hierarchical document
   * symbols, code action literals, prepareRename. Without them the server answers in the older shapes. */
  snippets: false, hoverMarkdown: true, docMarkdown: true, hierarchicalSymbols: false, codeActionLiterals: false, prepareRename: false,
};

/** Lifecycle (LSP 3.17): requests before initialize answer ServerNotInitialized, after shutdown InvalidRequest;
 * notifications other than exit are dropped before initialize and after shutdown (see admitted). */
const lifecycle = { initialized: false, ready: false, shutdown: false };

/**
 * Whether an incoming message is processed. Before initialize and after shutdown a notification other than
 * exit is dropped: a document opened then stays unknown, settings pushed then are not applied. The gate sits
 * on the connection, so it also covers the handlers TextDocuments and the library register. After shutdown
 * `$/cancelRequest` still passes (it concerns requests already accepted). Requests pass (guard() answers
 * them with the lifecycle errors), and so do responses to the server's own requests.
 */
function admitted(m: Message): boolean {
  if (!Message.isNotification(m) || m.method === 'exit') return true;
  if (!lifecycle.initialized) {
    process.stderr.write(`budget: ${m.method} sent before initialize, ignored / 初始化之前的通知已忽略\n`);
    return false;
  }
  return !lifecycle.shutdown || m.method === '$/cancelRequest';
}

interface Entry {
  version: number;
  generation: number;
  analysis: Analysis;
  index: LineIndex;
}
const cache = new Map<string, Entry>();
const timers = new Map<string, NodeJS.Timeout>();

const DOCS_FILE = resolve(__dirname, '..', 'docs', 'diagnostics.md');
const docsUrl = existsSync(DOCS_FILE) ? pathToFileURL(DOCS_FILE).toString() : undefined;

function analyzeOptions(): AnalyzeOptions {
  return { catalog: currentCatalog(), rounding: settings.rounding };
}

function entryFor(doc: TextDocument): Entry {
  const cur = cache.get(doc.uri);
  const text = doc.getText();
  // The same version with another text happens only when a client breaks the protocol (an open without a
  // close, a change that keeps the version): the text decides.
  if (cur && cur.version === doc.version && cur.generation === generation && cur.analysis.text === text) return cur;
  let analysis: Analysis | undefined;
  let index: LineIndex | undefined;
  if (cur && cur.generation === generation) {
    // An edit inside one unit re-analyses only that unit (exactly what analyze would give). The previous
    // analysis is consumed, so its entry is dropped first.
    cache.delete(doc.uri);
    const info: ReanalyzeInfo = {};
    try {
      analysis = reanalyze(cur.analysis, text, analyzeOptions(), info);
    } catch (e) {
      connection.console.error(`budget: incremental analysis failed, analysing in full: ${e instanceof Error ? e.message : String(e)}`);
    }
    // The line index follows the edit instead of scanning the whole text again.
    const c = info.change;
    if (analysis && c) index = LineIndex.afterEdit(cur.index, text, c.start, c.oldEnd, c.newEnd);
    else if (analysis && cur.analysis.text === text) index = cur.index;
  }
  analysis ??= analyze(text, analyzeOptions());
  const e: Entry = { version: doc.version, generation, analysis, index: index ?? new LineIndex(text) };
  cache.set(doc.uri, e);
  return e;
}

// ── protocol edge: offsets ↔ positions ───────────────────────────────────────────────────────────

function range(e: Entry, s: Span): Range {
  return { start: e.index.position(s.start), end: e.index.position(s.end) };
}

function isPosition(p: unknown): p is Position {
  const q = p as Position | undefined;
  return !!q && Number.isInteger(q.line) && Number.isInteger(q.character) && q.line >= 0 && q.character >= 0;
}

/** The offset of a position, or undefined when the line is past the end (characters past a line's end clamp). */
function offsetOf(e: Entry, p: Position): number | undefined {
  if (p.line >= e.index.lineCount) return undefined;
  return e.index.offset(p.line, p.character);
}

function rangeOffsets(e: Entry, r: Range): Span | undefined {
  const s = offsetOf(e, r.start);
  if (s === undefined) return undefined;
  const end = offsetOf(e, r.end) ?? e.analysis.text.length;
  return { start: Math.min(s, end), end: Math.max(s, end) };
}

// ── guarded handlers ──────────────────────────────────────────────────────────────────────────────

class InvalidParams extends Error {}

function docParams(params: unknown): { uri: string } {
  const td = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument;
  if (!td || typeof td.uri !== 'string') throw new InvalidParams('textDocument.uri is missing / 缺少 textDocument.uri');
  return { uri: td.uri };
}

function positionParam(params: unknown): Position {
  const p = (params as { position?: unknown } | undefined)?.position;
  if (!isPosition(p)) throw new InvalidParams('position is missing or malformed / position 缺失或格式错误');
  return p;
}

function rangeParam(params: unknown): Range {
  const r = (params as { range?: { start?: unknown; end?: unknown } } | undefined)?.range;
  if (!r || !isPosition(r.start) || !isPosition(r.end)) throw new InvalidParams('range is missing or malformed / range 缺失或格式错误');
  return r as Range;
}

/** Wraps a request handler: bad params → InvalidParams, exceptions → InternalError (logged), never a crash. */
function guard<P, R>(name: string, fn: (params: P, token?: CancellationToken) => R): (params: P, token: CancellationToken) => R | ResponseError<void> {
  return (params: P, token: CancellationToken) => {
    if (!lifecycle.initialized) return new ResponseError(ErrorCodes.ServerNotInitialized, `${name}: the server is not initialized / 服务器尚未初始化`);
    if (lifecycle.shutdown) return new ResponseError(ErrorCodes.InvalidRequest, `${name}: the server is shutting down / 服务器正在关闭`);
    try {
      return fn(params, token);
    } catch (e) {
      if (e instanceof InvalidParams) {
        connection.console.warn(`budget: ${name}: ${e.message}`);
        return new ResponseError(ErrorCodes.InvalidParams, `${name}: ${e.message}`);
      }
      const msg = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
      connection.console.error(`budget: ${name} failed / 处理失败: ${msg}`);
      return new ResponseError(ErrorCodes.InternalError, `${name} failed / 处理失败: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

/** The cached analysis of an open document, or undefined for an unknown uri. */
function entryOf(params: unknown): Entry | undefined {
  const doc = documents.get(docParams(params).uri);
  return doc ? entryFor(doc) : undefined;
}

// ── diagnostics ───────────────────────────────────────────────────────────────────────────────────

const SEVERITY = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
} as const;

export interface DiagnosticData {
  version: number;
  fixes: Array<{ title: string; preferred?: boolean; edits: TextEdit[] }>;
}

function toLsp(d: CoreDiagnostic, e: Entry, uri: string): Diagnostic {
  const out: Diagnostic = {
    range: range(e, d),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'budget',
    message: renderMessage(d, locale),
  };
  if (docsUrl && caps.codeDescription) out.codeDescription = { href: `${docsUrl}#${d.code.toLowerCase()}` };
  if (d.related?.length && caps.relatedInformation) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri, range: range(e, r) }, message: pickText(r.message, locale) }));
  }
  const data: DiagnosticData = {
    version: e.version,
    fixes: (d.fixes ?? []).map((f) => ({ title: pickText(f.title, locale), preferred: f.preferred, edits: f.edits.map((x) => ({ range: range(e, x), newText: x.newText })) })),
  };
  out.data = data;
  return out;
}

/** Sends without letting a failed send (a closed connection) become an unhandled rejection. */
function quietly(p: Promise<unknown>): void {
  p.catch((e: unknown) => process.stderr.write(`budget: send failed: ${String(e)}\n`));
}

function isTextEdit(e: unknown): e is TextEdit {
  const x = e as { range?: { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } }; newText?: unknown };
  const pos = (p: { line?: unknown; character?: unknown } | undefined): boolean => !!p && Number.isInteger(p.line) && Number.isInteger(p.character);
  return !!x && typeof x.newText === 'string' && !!x.range && pos(x.range.start) && pos(x.range.end);
}

/** At most this many diagnostics are published per document: a damaged file can produce hundreds of thousands. */
export const MAX_PUBLISHED = 1000;

/** The diagnostics to publish: all of them, or the first MAX_PUBLISHED by severity then position and a note. */
function publishedDiagnostics(all: CoreDiagnostic[]): CoreDiagnostic[] {
  if (all.length <= MAX_PUBLISHED) return all;
  const rank = { error: 0, warning: 1, information: 2, hint: 3 } as const;
  const shown = [...all].sort((a, b) => rank[a.severity] - rank[b.severity] || a.start - b.start).slice(0, MAX_PUBLISHED);
  shown.sort((a, b) => a.start - b.start);
  const note: CoreDiagnostic = { code: 'BUD011', severity: severityOf('BUD011'), start: 0, end: 0, args: { count: all.length - MAX_PUBLISHED, shown: MAX_PUBLISHED } };
  return [note, ...shown];
}

function publish(uri: string): void {
  try {
    publishNow(uri);
  } catch (e) {
    connection.console.error(`budget: diagnostics failed / 诊断失败 (${uri}): ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
}

function publishNow(uri: string): void {
  timers.delete(uri);
  if (lifecycle.shutdown) return;
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  const e = entryFor(doc);
  // The document may have changed while this run waited: only the newest version is published.
  if (documents.get(uri)?.version !== version) return;
  const diagnostics = publishedDiagnostics(e.analysis.diagnostics).map((d) => toLsp(d, e, uri));
  quietly(connection.sendDiagnostics({ uri, version, diagnostics }));
  const count = (s: string): number => e.analysis.diagnostics.filter((d) => d.severity === s).length;
  quietly(connection.sendNotification('budget/status', { uri, version, errors: count('error'), warnings: count('warning'), information: count('information') }));
}

function schedule(uri: string, delay: number): void {
  const t = timers.get(uri);
  if (t) clearTimeout(t);
  if (delay <= 0) {
    timers.delete(uri);
    setImmediate(() => publish(uri));
    return;
  }
  timers.set(uri, setTimeout(() => publish(uri), delay));
}

/** The version and text each document's diagnostics were last scheduled for. */
const scheduled = new Map<string, { version: number; text: string }>();
documents.onDidOpen((ev) => {
  scheduled.set(ev.document.uri, { version: ev.document.version, text: ev.document.getText() });
  schedule(ev.document.uri, 0);
});
documents.onDidChangeContent((ev) => {
  // Also fired right after open, for the version the open handler already scheduled without delay.
  const last = scheduled.get(ev.document.uri);
  const text = ev.document.getText();
  if (last && last.version === ev.document.version && last.text === text) return;
  scheduled.set(ev.document.uri, { version: ev.document.version, text });
  schedule(ev.document.uri, settings.diagnostics.debounceMs);
});
documents.onDidClose((ev) => {
  const t = timers.get(ev.document.uri);
  if (t) clearTimeout(t);
  timers.delete(ev.document.uri);
  cache.delete(ev.document.uri);
  scheduled.delete(ev.document.uri);
  quietly(connection.sendDiagnostics({ uri: ev.document.uri, diagnostics: [] }));
  quietly(connection.sendNotification('budget/status', { uri: ev.document.uri, version: null, errors: 0, warnings: 0, information: 0 }));
});

// ── settings ──────────────────────────────────────────────────────────────────────────────────────

/** The files budget.catalogPath may name: a relative path under each workspace folder (the first readable wins). */
function catalogCandidates(path: string): string[] {
  if (!path) return [];
  const candidates = isAbsolute(path) ? [path] : workspaceRoots.map((r) => join(r, path));
  if (!candidates.length) candidates.push(resolve(path));
  return candidates;
}

/** Bumped by every load: a load overtaken by a newer one (settings change, file change) leaves the catalog alone. */
let catalogLoads = 0;

async function loadCatalog(path: string): Promise<void> {
  const load = ++catalogLoads;
  if (!path) {
    catalog = builtinCatalog();
    return;
  }
  for (const file of catalogCandidates(path)) {
    try {
      const text = await fsp.readFile(file, 'utf8');
      if (load !== catalogLoads) return;
      catalog = catalogWith([{ name: basename(file), text }]);
      connection.console.info(`budget: catalog loaded / 已加载目录: ${file}`);
      return;
    } catch {
      // try the next root
    }
  }
  if (load !== catalogLoads) return;
  catalog = builtinCatalog();
  warn(`无法读取 budget.catalogPath 指定的目录文件“${path}”，已只用内置目录 / Cannot read the catalog file “${path}” (budget.catalogPath); using the built-in catalog only`);
}

function warn(message: string): void {
  connection.console.warn(`budget: ${message}`);
  quietly(connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }));
}

async function applySettings(raw: unknown): Promise<void> {
  const { settings: next, warnings } = parseSettings(raw);
  for (const w of warnings) warn(warningText(w));
  const catalogChanged = next.catalogPath !== settings.catalogPath;
  settings = next;
  locale = resolveLocale(settings.locale, clientLocale);
  if (catalogChanged || next.catalogPath) await loadCatalog(settings.catalogPath);
  watchCatalog();
  revalidateAll();
}

/** After a settings or catalog change: re-analyse and publish every open document, refresh hints and tokens. */
function revalidateAll(): void {
  generation++;
  for (const doc of documents.all()) schedule(doc.uri, 0);
  if (caps.inlayHintRefresh) quietly(connection.languages.inlayHint.refresh());
  if (caps.semanticTokensRefresh) quietly(connection.languages.semanticTokens.refresh());
}

async function pullSettings(): Promise<void> {
  if (!caps.configuration) return;
  try {
    const raw: unknown = await connection.workspace.getConfiguration('budget');
    await applySettings(raw);
  } catch (e) {
    connection.console.warn(`budget: cannot read settings / 无法读取设置: ${String(e)}`);
  }
}

connection.onDidChangeConfiguration(async (params) => {
  try {
    const pushed = (params?.settings as { budget?: unknown } | undefined)?.budget;
    if (pushed !== undefined) await applySettings(pushed);
    else if (caps.configuration) await pullSettings();
  } catch (e) {
    connection.console.error(`budget: settings / 设置: ${String(e)}`);
  }
});

// ── the catalog file on disk ──────────────────────────────────────────────────────────────────────
//
// The file(s) budget.catalogPath may name are watched: creating, changing or deleting one re-loads the
// catalog (a deleted file reads as a missing one: a warning and the built-in catalog) and re-validates
// the open documents, as a settings change does. A client with dynamic registration of
// workspace/didChangeWatchedFiles watches them (registered again when the files change); otherwise node
// does: fs.watch on the directory (prompt) and fs.watchFile polling (sees atomic saves, deletion and
// re-creation, and a directory that does not exist yet). Reloads are debounced.

const CATALOG_DEBOUNCE_MS = 100;
const CATALOG_POLL_MS = 1000;

interface CatalogWatch {
  /** The watched files (resolved), as a key: a settings change re-watches only when they differ. */
  key: string;
  /** Stops watching; `unregister` is false at shutdown (nothing more is sent to the client). */
  close(unregister: boolean): void;
}
let catalogWatch: CatalogWatch | undefined;
let catalogReload: NodeJS.Timeout | undefined;
let shuttingDown = false;

function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** An LSP glob matching `s` literally: each special character as a one-character class. */
function globLiteral(s: string): string {
  return s.replace(/[*?{}[\]]/g, (c) => `[${c}]`);
}

/** A watcher for one file (kind omitted: create, change and delete). */
function fileWatcher(file: string): FileSystemWatcher {
  if (caps.watchedFilesRelative) return { globPattern: { baseUri: pathToFileURL(dirname(file)).toString(), pattern: globLiteral(basename(file)) } };
  return { globPattern: globLiteral(file.replace(/\\/g, '/')) };
}

/** Watches the files of budget.catalogPath (nothing when it is empty); a no-op when they are already watched. */
function watchCatalog(): void {
  try {
    if (shuttingDown) return;
    const files = catalogCandidates(settings.catalogPath).map((f) => resolve(f));
    const key = JSON.stringify(files);
    if (catalogWatch?.key === key) return;
    catalogWatch?.close(true);
    catalogWatch = undefined;
    if (files.length) catalogWatch = caps.watchedFiles ? watchByClient(key, files) : watchByNode(key, files);
  } catch (e) {
    connection.console.error(`budget: cannot watch the catalog file / 无法监视目录文件: ${String(e)}`);
  }
}

function watchByClient(key: string, files: string[]): CatalogWatch {
  let closed = false;
  const registration = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: files.map(fileWatcher) });
  const w: CatalogWatch = {
    key,
    close(unregister) {
      closed = true;
      if (unregister) registration.then((d) => d.dispose()).catch(() => undefined);
    },
  };
  registration.then(
    () => {
      if (!closed) connection.console.info(`budget: the client watches the catalog file / 由客户端监视目录文件: ${files.join(', ')}`);
    },
    (e: unknown) => {
      if (closed || catalogWatch !== w) return;
      connection.console.warn(`budget: the client refused to watch the catalog file, watching it here / 客户端未能监视目录文件，改由服务器监视: ${String(e)}`);
      catalogWatch = watchByNode(key, files);
    },
  ).catch(() => undefined);
  return w;
}

function watchByNode(key: string, files: string[]): CatalogWatch {
  const closers: Array<() => void> = [];
  // Called when any field of the stat changed; the comparison skips the call for a file missing from the start.
  const onStat = (cur: Stats, prev: Stats): void => {
    if (cur.mtimeMs !== prev.mtimeMs || cur.size !== prev.size || cur.ino !== prev.ino || cur.nlink !== prev.nlink) scheduleCatalogReload();
  };
  const byDir = new Map<string, Set<string>>();
  for (const file of files) {
    watchFile(file, { persistent: false, interval: CATALOG_POLL_MS }, onStat);
    closers.push(() => unwatchFile(file, onStat));
    const names = byDir.get(dirname(file)) ?? new Set<string>();
    byDir.set(dirname(file), names.add(basename(file)));
  }
  for (const [dir, names] of byDir) {
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        if (!name || names.has(String(name))) scheduleCatalogReload();
      });
      w.on('error', () => w.close());
      closers.push(() => w.close());
    } catch {
      // A missing or unwatchable directory: the polling still sees the file appear.
    }
  }
  connection.console.info(`budget: watching the catalog file / 监视目录文件: ${files.join(', ')}`);
  return {
    key,
    close() {
      for (const c of closers) {
        try {
          c();
        } catch {
          // already closed
        }
      }
    },
  };
}

function scheduleCatalogReload(): void {
  if (shuttingDown) return;
  if (catalogReload) clearTimeout(catalogReload);
  catalogReload = setTimeout(() => {
    catalogReload = undefined;
    void reloadCatalog();
  }, CATALOG_DEBOUNCE_MS);
}

async function reloadCatalog(): Promise<void> {
  try {
    if (!settings.catalogPath || shuttingDown) return;
    await loadCatalog(settings.catalogPath);
    revalidateAll();
  } catch (e) {
    connection.console.error(`budget: catalog reload failed / 重新加载目录失败: ${String(e)}`);
  }
}

connection.onDidChangeWatchedFiles((params) => {
  try {
    const files = catalogCandidates(settings.catalogPath).map((f) => resolve(f));
    const changes: unknown[] = Array.isArray(params?.changes) ? params.changes : [];
    const hit = changes.some((c) => {
      const uri = (c as { uri?: unknown } | null)?.uri;
      const p = typeof uri === 'string' ? safePath(uri) : undefined;
      return !!p && files.some((f) => samePath(resolve(p), f));
    });
    if (hit) scheduleCatalogReload();
  } catch (e) {
    connection.console.error(`budget: didChangeWatchedFiles / 文件变化: ${String(e)}`);
  }
});

connection.onShutdown(() => {
  // Before initialize a shutdown is an error like any request (LSP 3.17), and changes nothing.
  if (!lifecycle.initialized) return new ResponseError(ErrorCodes.ServerNotInitialized, 'shutdown: the server is not initialized / 服务器尚未初始化');
  lifecycle.shutdown = true;
  shuttingDown = true;
  if (catalogReload) clearTimeout(catalogReload);
  catalogReload = undefined;
  catalogWatch?.close(false);
  catalogWatch = undefined;
});

// ── initialize ────────────────────────────────────────────────────────────────────────────────────

connection.onInitialize((params: InitializeParams): InitializeResult | ResponseError<InitializeError> => {
  if (lifecycle.initialized) return new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already called / 已经初始化', { retry: false });
  lifecycle.initialized = true;
  const init = (params.initializationOptions ?? {}) as { locale?: unknown; settings?: unknown };
  clientLocale = typeof init.locale === 'string' ? init.locale : params.locale;
  const c = params.capabilities ?? {};
  caps.configuration = !!c.workspace?.configuration;
  caps.inlayHintRefresh = !!c.workspace?.inlayHint?.refreshSupport;
  caps.semanticTokensRefresh = !!c.workspace?.semanticTokens?.refreshSupport;
  caps.watchedFiles = !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  caps.watchedFilesRelative = !!c.workspace?.didChangeWatchedFiles?.relativePatternSupport;
  caps.relatedInformation = c.textDocument?.publishDiagnostics?.relatedInformation === true;
  caps.codeDescription = c.textDocument?.publishDiagnostics?.codeDescriptionSupport === true;
  caps.snippets = c.textDocument?.completion?.completionItem?.snippetSupport === true;
  // Markdown only for clients that say they take it (the simplest clients declare nothing).
  const accepts = (formats: unknown): boolean => Array.isArray(formats) && formats.includes(MarkupKind.Markdown);
  caps.hoverMarkdown = accepts(c.textDocument?.hover?.contentFormat);
  caps.docMarkdown = accepts(c.textDocument?.completion?.completionItem?.documentationFormat);
  caps.hierarchicalSymbols = c.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
  caps.codeActionLiterals = !!c.textDocument?.codeAction?.codeActionLiteralSupport;
  caps.prepareRename = c.textDocument?.rename?.prepareSupport === true;
  workspaceRoots = (params.workspaceFolders ?? []).map((f) => safePath(f.uri)).filter((p): p is string => !!p);
  if (!workspaceRoots.length && params.rootUri) {
    const p = safePath(params.rootUri);
    if (p) workspaceRoots.push(p);
  }
  if (init.settings !== undefined) {
    const { settings: s, warnings } = parseSettings(init.settings);
    settings = s;
    for (const w of warnings) connection.console.warn(`budget: ${warningText(w)}`);
  }
  locale = resolveLocale(settings.locale, clientLocale);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      // After a typed space only where the next word is constrained (a code's name, a source…): see onCompletion.
      completionProvider: { triggerCharacters: [' '], resolveProvider: false },
      // Option objects only for clients that declared the matching support (3.17); others get commands.
      codeActionProvider: caps.codeActionLiterals ? { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] } : true,
      executeCommandProvider: { commands: [APPLY_FIX_COMMAND] },
      inlayHintProvider: { resolveProvider: false },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      semanticTokensProvider: {
        legend: { tokenTypes: [...features.SEMANTIC_TOKEN_TYPES], tokenModifiers: [...features.SEMANTIC_TOKEN_MODIFIERS] },
        full: true,
        range: true,
      },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: caps.prepareRename ? { prepareProvider: true } : true,
      documentHighlightProvider: true,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'budget-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  // A client that sends initialized twice: the start-up work (and the workspace folder listener) runs once.
  if (lifecycle.ready) return;
  lifecycle.ready = true;
  if (settings.catalogPath) {
    await loadCatalog(settings.catalogPath);
    // Documents opened while the catalog was read were checked without it.
    if (documents.all().length) revalidateAll();
  }
  await pullSettings();
  try {
    connection.workspace.onDidChangeWorkspaceFolders((ev) => {
      const removed = new Set(ev.removed.map((f) => safePath(f.uri)));
      workspaceRoots = workspaceRoots.filter((r) => !removed.has(r)).concat(ev.added.map((f) => safePath(f.uri)).filter((p): p is string => !!p));
      watchCatalog();
    });
  } catch {
    // The client does not support workspace folders.
  }
  watchCatalog();
});

function safePath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

// ── features ──────────────────────────────────────────────────────────────────────────────────────

connection.onHover(guard('hover', (params) => {
  const e = entryOf(params);
  const pos = positionParam(params);
  if (!e) return null;
  const o = offsetOf(e, pos);
  if (o === undefined) return null;
  const h = features.hover(e.analysis, o, locale);
  if (!h) return null;
  // The range is the text the hover is about; when that is elsewhere (a keyword's hover describes its row or
  // block, or the position lies past the end of its line), no range: editors highlight the range and expect it
  // under the mouse.
  const r = range(e, h.span);
  const under = (p: Position): boolean => (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character))
    && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));
  return { contents: markup(h.contents, caps.hoverMarkdown), range: h.span.start <= o && o <= h.span.end && under(pos) ? r : undefined };
}));

/** Markdown, or plain text for a client that does not take markdown there. */
function markup(value: string, markdown: boolean): { kind: MarkupKind; value: string } {
  return markdown ? { kind: MarkupKind.Markdown, value } : { kind: MarkupKind.PlainText, value: markdownToPlainText(value) };
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword, snippet: CompletionItemKind.Snippet, code: CompletionItemKind.EnumMember, value: CompletionItemKind.Value,
  unit: CompletionItemKind.Unit, operator: CompletionItemKind.Operator, name: CompletionItemKind.Text, source: CompletionItemKind.Constant,
  column: CompletionItemKind.Field,
};

connection.onCompletion(guard('completion', (params) => {
  const e = entryOf(params);
  const pos = positionParam(params);
  if (!e) return { isIncomplete: false, items: [] };
  const o = offsetOf(e, pos);
  if (o === undefined) return { isIncomplete: false, items: [] };
  // A typed space (the trigger character) asks for the constrained places only; invoked or typed words as ever.
  const ctx = params.context;
  const trigger = ctx?.triggerKind === CompletionTriggerKind.TriggerCharacter && ctx.triggerCharacter === ' ' ? 'space' : 'invoke';
  const list = features.complete(e.analysis, o, locale, { catalog, trigger });
  const items: CompletionItem[] = list.items.map((i) => ({
    label: i.label,
    kind: COMPLETION_KIND[i.kind],
    detail: i.detail,
    documentation: i.documentation ? markup(i.documentation, caps.docMarkdown) : undefined,
    filterText: i.filterText,
    sortText: i.sortText,
    insertTextFormat: i.snippet && caps.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: range(e, i.range), newText: i.snippet && !caps.snippets ? snippetToPlainText(i.insertText ?? i.label) : i.insertText ?? i.label },
  }));
  return { isIncomplete: list.isIncomplete, items };
}));

function workspaceEdit(uri: string, e: Entry, edits: Array<{ start: number; end: number; newText: string }>): WorkspaceEdit {
  return { changes: { [uri]: edits.map((x) => ({ range: range(e, x), newText: x.newText })) } };
}

/** The “fix all” source action of this language (applies AUTOFIX_CODES' preferred fixes). */
const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.budget`;

connection.onCodeAction(guard('codeAction', (params) => {
  const { uri } = docParams(params);
  const r = rangeParam(params);
  const doc = documents.get(uri);
  if (!doc) return [];
  const e = entryFor(doc);
  const span = rangeOffsets(e, r);
  if (!span) return [];
  const only: unknown[] = Array.isArray(params.context?.only) ? params.context.only : [];
  const wanted = (kind: string): boolean => !only.length || only.some((k) => typeof k === 'string' && (kind === k || kind.startsWith(k + '.')));
  const actions: CodeAction[] = [];
  const matched = new Set<Diagnostic>();
  const clientDiags: Diagnostic[] = (Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [])
    .filter((d: unknown): d is Diagnostic => !!d && typeof d === 'object' && !!(d as Diagnostic).range && !!(d as Diagnostic).range.start && !!(d as Diagnostic).range.end);
  for (const a of features.codeActions(e.analysis, span.start, span.end, locale, { analyze: analyzeOptions() })) {
    const kind = a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite;
    if (!wanted(kind)) continue;
    const diagnostics = (a.diagnostics ?? []).map((d) => {
      const lsp = toLsp(d, e, uri);
      const same = clientDiags.find((c) => c.code === lsp.code && sameRange(c.range, lsp.range));
      if (same) matched.add(same);
      return same ?? lsp;
    });
    actions.push({ title: a.title, kind, diagnostics: diagnostics.length ? diagnostics : undefined, isPreferred: a.isPreferred, edit: workspaceEdit(uri, e, a.edits) });
  }
  // Fixes carried in `data` of diagnostics this analysis does not know (only when still current).
  if (wanted(CodeActionKind.QuickFix)) {
    for (const d of clientDiags) {
      if (matched.has(d)) continue;
      const data = d.data as DiagnosticData | undefined;
      if (!data || data.version !== doc.version || !Array.isArray(data.fixes)) continue;
      if (e.analysis.diagnostics.some((x) => x.code === d.code && sameRange(range(e, x), d.range))) continue;
      for (const f of data.fixes) {
        // The data comes back from the client: pass on only well-formed edits.
        if (!f || typeof f.title !== 'string' || !Array.isArray(f.edits) || !f.edits.every(isTextEdit)) continue;
        actions.push({ title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: f.preferred === true, edit: { changes: { [uri]: f.edits } } });
      }
    }
  }
  // “Fix all” (source.fixAll, e.g. `editor.codeActionsOnSave`), when asked for: the fixes that change no
  // figure (pasted-text artefacts), all at once.
  if (only.length && wanted(FIX_ALL_KIND)) {
    // As many passes as `budget check --fix` makes (a fix can reveal another), sent as one edit of the changed text.
    const text = e.analysis.text;
    const fixed = features.fixAllText(text, analyzeOptions(), undefined, e.analysis);
    if (fixed.fixed && fixed.text !== text) {
      const c = changedSpan(text, fixed.text);
      actions.push({
        title: locale === 'en' ? `Fix all pasted-text artefacts (${fixed.fixed})` : `修复所有粘贴痕迹（${fixed.fixed} 处）`,
        kind: FIX_ALL_KIND, diagnostics: fixed.firstPass.map((d) => toLsp(d, e, uri)),
        edit: workspaceEdit(uri, e, [{ start: c.start, end: c.oldEnd, newText: fixed.text.slice(c.start, c.newEnd) }]),
      });
    }
  }
  // A client without code action literals takes commands: the server applies the edit when one is run.
  return caps.codeActionLiterals ? actions : actions.map((a): Command => ({ title: a.title, command: APPLY_FIX_COMMAND, arguments: [a.edit] }));
}));

/** The command behind code actions for clients that take only commands: applies a WorkspaceEdit. */
const APPLY_FIX_COMMAND = 'budget.applyFix';

connection.onExecuteCommand(guard('executeCommand', (params) => {
  if (params?.command !== APPLY_FIX_COMMAND) throw new InvalidParams(`unknown command / 未知命令: ${String(params?.command)}`);
  const edit = params.arguments?.[0] as WorkspaceEdit | undefined;
  if (!edit || typeof edit !== 'object' || !edit.changes || typeof edit.changes !== 'object') throw new InvalidParams('a WorkspaceEdit argument is expected / 需要一个 WorkspaceEdit 参数');
  for (const edits of Object.values(edit.changes)) if (!Array.isArray(edits) || !edits.every(isTextEdit)) throw new InvalidParams('malformed edits / 编辑格式不正确');
  return connection.workspace.applyEdit({ label: 'budget', edit }).then(() => null, () => null);
}));

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

connection.languages.inlayHint.on(guard('inlayHint', (params) => {
  const e = entryOf(params);
  const r = rangeParam(params);
  if (!e || !settings.inlayHints.enabled) return [];
  const span = rangeOffsets(e, r);
  if (!span) return [];
  return features.inlayHints(e.analysis, span, locale).map((h) => ({
    position: e.index.position(h.offset),
    label: h.label,
    kind: h.kind === 'computed' ? InlayHintKind.Type : InlayHintKind.Parameter,
    paddingLeft: true,
    tooltip: h.tooltip ? markup(h.tooltip, caps.hoverMarkdown) : undefined,
  }));
}));

function toDocumentSymbol(e: Entry, s: features.DocumentSymbol): DocumentSymbol {
  const r = range(e, s.span);
  let sel = range(e, s.selection);
  if (s.selection.start < s.span.start || s.selection.end > s.span.end) sel = r;
  return { name: s.name, detail: s.detail, kind: s.kind, range: r, selectionRange: sel, children: s.children.map((c) => toDocumentSymbol(e, c)) };
}

/** The outline flattened, for clients without hierarchical document symbols: each with its container's name. */
function toSymbolInformation(uri: string, e: Entry, s: features.DocumentSymbol, container: string | undefined, out: SymbolInformation[]): SymbolInformation[] {
  out.push({ name: s.name, kind: s.kind, location: { uri, range: range(e, s.span) }, containerName: container });
  for (const c of s.children) toSymbolInformation(uri, e, c, s.name, out);
  return out;
}

connection.onDocumentSymbol(guard('documentSymbol', (params): DocumentSymbol[] | SymbolInformation[] => {
  const e = entryOf(params);
  if (!e) return [];
  const symbols = features.documentSymbols(e.analysis, locale);
  if (caps.hierarchicalSymbols) return symbols.map((s) => toDocumentSymbol(e, s));
  const out: SymbolInformation[] = [];
  for (const s of symbols) toSymbolInformation(docParams(params).uri, e, s, undefined, out);
  return out;
}));

connection.onFoldingRanges(guard('foldingRange', (params) => {
  const e = entryOf(params);
  if (!e) return [];
  return features.foldingRanges(e.analysis, e.index).map((f) => ({ startLine: f.startLine, endLine: f.endLine, kind: f.kind === 'comment' ? FoldingRangeKind.Comment : undefined }));
}));

function encodeTokens(e: Entry, range?: Span): SemanticTokens {
  const b = new SemanticTokensBuilder();
  for (const t of features.semanticTokens(e.analysis, range)) {
    const p = e.index.position(t.start);
    b.push(p.line, p.character, t.length, t.type, t.modifiers);
  }
  return b.build();
}

connection.languages.semanticTokens.on(guard('semanticTokens', (params) => {
  const e = entryOf(params);
  return e ? encodeTokens(e) : { data: [] };
}));

connection.languages.semanticTokens.onRange(guard('semanticTokens/range', (params) => {
  const e = entryOf(params);
  const r = rangeParam(params);
  const span = e ? rangeOffsets(e, r) : undefined;
  return e && span ? encodeTokens(e, span) : { data: [] };
}));

function locations(uri: string, e: Entry, spans: Span[]): Location[] {
  return spans.map((s) => ({ uri, range: range(e, s) }));
}

connection.onDefinition(guard('definition', (params) => {
  const e = entryOf(params);
  const pos = positionParam(params);
  const o = e ? offsetOf(e, pos) : undefined;
  return e && o !== undefined ? locations(params.textDocument.uri, e, features.definition(e.analysis, o)) : [];
}));

connection.onReferences(guard('references', (params) => {
  const e = entryOf(params);
  const pos = positionParam(params);
  const o = e ? offsetOf(e, pos) : undefined;
  return e && o !== undefined ? locations(params.textDocument.uri, e, features.references(e.analysis, o, params.context?.includeDeclaration !== false)) : [];
}));

connection.onDocumentHighlight(guard('documentHighlight', (params) => {
  const e = entryOf(params);
  const pos = positionParam(params);
  const o = e ? offsetOf(e, pos) : undefined;
  return e && o !== undefined ? features.highlights(e.analysis, o).map((h) => ({ range: range(e, h.span), kind: h.kind })) : [];
}));

/** What a rename at `o` would rename, when `o` is on it. */
function renameTarget(e: Entry, o: number): { span: Span; placeholder: string } | undefined {
  const r = features.prepareRename(e.analysis, o);
  return r && r.span.start <= o && o <= r.span.end ? r : undefined;
}

connection.onPrepareRename(guard('prepareRename', (params) => {
  const e = entryOf(params);
  const pos = positionParam(params);
  const o = e ? offsetOf(e, pos) : undefined;
  if (!e || o === undefined) return null;
  const r = renameTarget(e, o);
  return r ? { range: range(e, r.span), placeholder: r.placeholder } : null;
}));

connection.onRenameRequest(guard('rename', (params) => {
  const e = entryOf(params);
  const pos = positionParam(params);
  if (typeof params.newName !== 'string') throw new InvalidParams('newName is missing / 缺少 newName');
  const o = e ? offsetOf(e, pos) : undefined;
  if (!e || o === undefined) return null;
  // Only the name (or code) itself renames: not a keyword or an amount on the same statement.
  if (!renameTarget(e, o)) return new ResponseError(ErrorCodes.InvalidRequest, locale === 'en' ? 'Nothing to rename here' : '此处没有可重命名的名称或编码');
  const r = features.rename(e.analysis, o, params.newName, locale);
  if (r.error) return new ResponseError(ErrorCodes.InvalidRequest, r.error);
  return workspaceEdit(params.textDocument.uri, e, r.edits ?? []);
}));

connection.onDocumentFormatting(guard('formatting', (params) => {
  const e = entryOf(params);
  return e ? features.format(e.analysis).map((x) => ({ range: range(e, x), newText: x.newText })) : [];
}));

connection.onDocumentRangeFormatting(guard('rangeFormatting', (params) => {
  const e = entryOf(params);
  const r = rangeParam(params);
  if (!e) return [];
  const span = rangeOffsets(e, r);
  return span ? features.format(e.analysis, { range: span }).map((x) => ({ range: range(e, x), newText: x.newText })) : [];
}));

// ── workspace symbols: open documents + .budget files under the workspace folders ──────────────────

/** Symbols of workspace files that are not open, by path (only the symbols are kept, not the analyses). */
const fileCache = new Map<string, { mtimeMs: number; generation: number; symbols: WorkspaceSymbol[] }>();
const MAX_FILES = 2000;
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test']);

async function findBudgetFiles(root: string, out: string[], depth = 0): Promise<void> {
  if (out.length >= MAX_FILES || depth > 12) return;
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fsp.readdir(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const d of entries) {
    if (out.length >= MAX_FILES) return;
    const p = join(root, d.name);
    if (d.isDirectory()) {
      if (!SKIP_DIRS.has(d.name) && !d.name.startsWith('.')) await findBudgetFiles(p, out, depth + 1);
    } else if (d.isFile() && d.name.endsWith('.budget')) out.push(p);
  }
}

function symbolsOf(uri: string, a: Pick<Analysis, 'model'>, index: LineIndex, query: string): WorkspaceSymbol[] {
  return features.workspaceSymbols(a, query, catalog).map((s) => ({
    name: s.name, kind: s.kind, containerName: s.containerName,
    location: { uri, range: { start: index.position(s.span.start), end: index.position(s.span.end) } },
  }));
}

/** Files read ahead while the previous ones are indexed. */
const READ_AHEAD = 8;

async function workspaceSymbols(query: string, token?: CancellationToken): Promise<WorkspaceSymbol[]> {
  const out: WorkspaceSymbol[] = [];
  // Open documents by file path: clients spell URIs differently (percent-encoding case, `~`), the path is one.
  const open = new Set<string>();
  for (const doc of documents.all()) {
    const p = safePath(doc.uri);
    open.add(p ? resolve(p) : doc.uri);
    const e = entryFor(doc);
    out.push(...symbolsOf(doc.uri, e.analysis, e.index, query));
  }
  const files: string[] = [];
  for (const r of workspaceRoots) await findBudgetFiles(r, files);
  const todo = files.filter((f) => !open.has(resolve(f))).map((f) => ({ f, uri: pathToFileURL(f).toString() }));
  // A file is re-read only when it changed (or the catalog did); reads run ahead of the indexing.
  const load = async (f: string): Promise<{ mtimeMs: number; text?: string } | undefined> => {
    try {
      const st = await fsp.stat(f);
      const c = fileCache.get(f);
      if (c && c.mtimeMs === st.mtimeMs && c.generation === generation) return { mtimeMs: st.mtimeMs };
      return { mtimeMs: st.mtimeMs, text: decodeBuffer(await fsp.readFile(f)).text };
    } catch {
      return undefined; // An unreadable file: skipped.
    }
  };
  const reads = todo.slice(0, READ_AHEAD).map((x) => load(x.f));
  for (let i = 0; i < todo.length; i++) {
    if (token?.isCancellationRequested) break;
    if (i + READ_AHEAD < todo.length) reads.push(load(todo[i + READ_AHEAD].f));
    const { f, uri } = todo[i];
    const r = await reads[i];
    reads[i] = Promise.resolve(undefined);
    if (!r) continue;
    let c = fileCache.get(f);
    if (r.text !== undefined) {
      // Symbols need the model only: parse and bind, no figures, no checks.
      c = { mtimeMs: r.mtimeMs, generation, symbols: symbolsOf(uri, analyzeModel(r.text), new LineIndex(r.text), '') };
      fileCache.set(f, c);
    }
    if (c) out.push(...c.symbols.filter((s) => features.symbolMatches(s.name, query)));
  }
  return out.slice(0, 5000);
}

connection.onWorkspaceSymbol(async (params, token) => {
  if (!lifecycle.initialized) return new ResponseError(ErrorCodes.ServerNotInitialized, 'workspaceSymbol: the server is not initialized / 服务器尚未初始化');
  if (lifecycle.shutdown) return new ResponseError(ErrorCodes.InvalidRequest, 'workspaceSymbol: the server is shutting down / 服务器正在关闭');
  try {
    const q = typeof params?.query === 'string' ? params.query : '';
    return await workspaceSymbols(q, token);
  } catch (e) {
    connection.console.error(`budget: workspaceSymbol failed / 处理失败: ${String(e)}`);
    return new ResponseError(ErrorCodes.InternalError, `workspaceSymbol failed / 处理失败: ${String(e)}`);
  }
});

// ── custom requests ───────────────────────────────────────────────────────────────────────────────

export interface TablesResult {
  tables: Table[];
  diagnostics: Array<{ start: number; end: number; severity: string; code: string; message: string }>;
  version: number | null;
  /** The layouts (表式) the tables follow, and why (stated or inferred). */
  layouts?: LayoutInfo[];
}

connection.onRequest('budget/tables', guard('budget/tables', (params: { uri?: unknown } | undefined): TablesResult => {
  const uri = params?.uri;
  if (typeof uri !== 'string') throw new InvalidParams('uri is missing / 缺少 uri');
  const doc = documents.get(uri);
  if (!doc) return { tables: [], diagnostics: [], version: null };
  const e = entryFor(doc);
  const tables = buildTables(e.analysis, locale);
  const diagnostics = e.analysis.diagnostics.map((d) => ({ start: d.start, end: d.end, severity: d.severity, code: d.code, message: renderMessage(d, locale) }));
  return { tables, diagnostics, version: e.version, layouts: layoutSummary(e.analysis, locale) };
}));

/** The catalog of the edition at the cursor (or the one asked for) as a tree: the catalog command's list. */
connection.onRequest('budget/catalog', guard('budget/catalog', (params: { uri?: unknown; position?: { line: number; character: number }; edition?: unknown } | undefined): features.CatalogTreeResult => {
  const uri = params?.uri;
  const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
  const e = doc ? entryFor(doc) : undefined;
  const offset = doc && params?.position ? doc.offsetAt(params.position) : undefined;
  const edition = typeof params?.edition === 'number' ? params.edition : undefined;
  return features.catalogTree(e?.analysis, offset, locale, currentCatalog(), edition);
}));

// A defect must not take the editor's language support down: log it and keep serving.
function logDefect(what: string): void {
  try {
    connection.console.error(`budget: internal error / 内部错误: ${what}`);
  } catch {
    process.stderr.write(`budget: internal error: ${what}\n`);
  }
}
process.on('uncaughtException', (e) => logDefect(e.stack ?? e.message));
process.on('unhandledRejection', (e) => logDefect(String(e)));

documents.listen(connection);
connection.listen();
