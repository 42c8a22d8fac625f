/**
 * Publishing diagnostics: debounced per document (budget.diagnostics.debounceMs), only the newest version, at most
 * MAX_PUBLISHED per document; closing a document clears them. Every diagnostic carries its code, severity, precise
 * range, message in the chosen locale, related information, source `budget`, a codeDescription link (when the docs
 * ship beside the server) and `data` = { version, fixes } (protocol.ts DiagnosticData).
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { renderMessage, severityOf, type Diagnostic as CoreDiagnostic } from '../core/diagnostics';
import { pick } from '../core/i18n';
import type { DiagnosticData } from '../protocol';
import { compareDiagnostics } from '../core/analyze';
import { describe, entryFor, quietly, range, safePath, type Context, type Entry } from './context';
import { closedDiagnostics, lookAbove, otherLocation, propagate, referencesOf, scanFolderOf } from './references';
import { findBudgetFiles } from './workspace';

const SEVERITY = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
} as const;

export function toLsp(ctx: Context, d: CoreDiagnostic, e: Entry, uri: string): Diagnostic {
  const { locale, caps } = ctx.state;
  const out: Diagnostic = {
    range: range(e, d),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'budget',
    message: renderMessage(d, locale),
  };
  if (ctx.docsUrl && caps.codeDescription) out.codeDescription = { href: `${ctx.docsUrl}#${d.code.toLowerCase()}` };
  if (d.related?.length && caps.relatedInformation) {
    // A location in another file (a unit's file, last year's budget) is converted with that file's lines.
    out.relatedInformation = d.related.map((r) => ({ location: (r.file !== undefined && otherLocation(ctx, r.file, r)) || { uri, range: range(e, r) }, message: pick(locale, r.message) }));
  }
  const data: DiagnosticData = {
    version: e.version,
    fixes: (d.fixes ?? []).map((f) => ({ title: pick(locale, f.title), preferred: f.preferred, edits: f.edits.map((x) => ({ range: range(e, x), newText: x.newText })) })),
  };
  out.data = data;
  return out;
}

/** At most this many diagnostics are published per document: a damaged file can produce hundreds of thousands. */
const MAX_PUBLISHED = 1000;

/** The diagnostics to publish: all of them, or the first MAX_PUBLISHED by severity then position and a note. */
function publishedDiagnostics(all: CoreDiagnostic[]): CoreDiagnostic[] {
  if (all.length <= MAX_PUBLISHED) return all;
  const rank = { error: 0, warning: 1, information: 2, hint: 3 } as const;
  const shown = [...all].sort((a, b) => rank[a.severity] - rank[b.severity] || a.start - b.start).slice(0, MAX_PUBLISHED);
  shown.sort((a, b) => a.start - b.start);
  const note: CoreDiagnostic = { code: 'BUD011', severity: severityOf('BUD011'), start: 0, end: 0, args: { count: all.length - MAX_PUBLISHED, shown: MAX_PUBLISHED } };
  return [note, ...shown];
}

/** Publishes a document's diagnostics now; a failure is logged and concerns this document alone. */
function publish(ctx: Context, uri: string): void {
  try {
    publishNow(ctx, uri);
  } catch (e) {
    ctx.connection.console.error(`budget: diagnostics failed / 诊断失败 (${uri}): ${describe(e)}`);
  }
}

function publishNow(ctx: Context, uri: string): void {
  const { state, documents, connection } = ctx;
  state.timers.delete(uri);
  if (state.lifecycle.shutdown) return;
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  const e = entryFor(ctx, doc);
  // The document may have changed while this run waited: only the newest version is published.
  if (documents.get(uri)?.version !== version) return;
  // With the checks across files (a department over its units' files, last year's budget), when it has references.
  const refs = referencesOf(ctx, uri, e.analysis);
  const all = refs?.diagnostics.length ? [...e.analysis.diagnostics, ...refs.diagnostics].sort(compareDiagnostics) : e.analysis.diagnostics;
  const diagnostics = publishedDiagnostics(all).map((d) => toLsp(ctx, d, e, uri));
  quietly(connection.sendDiagnostics({ uri, version, diagnostics }));
  const path = safePath(uri);
  if (path) propagateFrom(ctx, path);
}

/** Re-publishes the files that depend on `path` (references.ts propagate). */
export function propagateFrom(ctx: Context, path: string): void {
  propagate(ctx, path, (u) => schedule(ctx, u, 0), (file) => publishClosed(ctx, file));
}

/** Publishes a closed file's diagnostics (a dependent of a file that changed). */
export function publishClosed(ctx: Context, file: string): void {
  try {
    const c = closedDiagnostics(ctx, file);
    if (!c) return;
    const e: Entry = { version: 0, generation: ctx.state.generation, analysis: c.analysis, index: c.index };
    quietly(ctx.connection.sendDiagnostics({ uri: c.uri, diagnostics: publishedDiagnostics(c.diagnostics).map((d) => toLsp(ctx, d, e, c.uri)) }));
  } catch (e) {
    ctx.connection.console.error(`budget: diagnostics failed / 诊断失败 (${file}): ${describe(e)}`);
  }
}

export function schedule(ctx: Context, uri: string, delay: number): void {
  const { timers } = ctx.state;
  const t = timers.get(uri);
  if (t) clearTimeout(t);
  if (delay <= 0) {
    timers.delete(uri);
    setImmediate(() => publish(ctx, uri));
    return;
  }
  timers.set(uri, setTimeout(() => publish(ctx, uri), delay));
}

/** After a settings or catalog change: re-analyse and publish every open document, refresh hints and tokens. */
export function revalidateAll(ctx: Context): void {
  const { state, connection } = ctx;
  state.generation++;
  for (const doc of ctx.documents.all()) schedule(ctx, doc.uri, 0);
  if (state.caps.inlayHintRefresh) quietly(connection.languages.inlayHint.refresh());
  if (state.caps.semanticTokensRefresh) quietly(connection.languages.semanticTokens.refresh());
}

/** Opening, changing and closing documents schedule (or clear) their diagnostics. */
export function registerDocumentEvents(ctx: Context): void {
  const { documents, state, connection } = ctx;
  documents.onDidOpen((ev) => {
    const uri = ev.document.uri;
    state.scheduled.set(uri, { version: ev.document.version, text: ev.document.getText() });
    schedule(ctx, uri, 0);
    // Without workspace folders, the folder of a file opened is looked through for the files around it (once), then
    // the file is published again with what they say (a department listing the same unit: BUD915).
    // Then (with a workspace folder too) the folders above it, for a department listing it there (lookAbove).
    const path = safePath(uri);
    if (path) {
      void (async () => {
        const scanned = !state.workspaceRoots.length && (await scanFolderOf(ctx, path, findBudgetFiles));
        if (scanned && documents.get(uri)) schedule(ctx, uri, 0);
        if ((await lookAbove(ctx, path)) && documents.get(uri)) schedule(ctx, uri, 0);
      })().catch((e: unknown) => connection.console.error(`budget: looking for the files around ${path} failed / 查找周围文件失败: ${describe(e)}`));
    }
  });
  documents.onDidChangeContent((ev) => {
    // Also fired right after open, for the version the open handler already scheduled without delay.
    const last = state.scheduled.get(ev.document.uri);
    const text = ev.document.getText();
    if (last && last.version === ev.document.version && last.text === text) return;
    state.scheduled.set(ev.document.uri, { version: ev.document.version, text });
    schedule(ctx, ev.document.uri, state.settings.diagnostics.debounceMs);
  });
  documents.onDidClose((ev) => {
    const uri = ev.document.uri;
    const t = state.timers.get(uri);
    if (t) clearTimeout(t);
    state.timers.delete(uri);
    state.cache.delete(uri);
    state.scheduled.delete(uri);
    quietly(connection.sendDiagnostics({ uri, diagnostics: [] }));
  });
}
