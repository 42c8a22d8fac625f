/**
 * Budgets across files in the editor: the workspace index of budget files that reference others (单位文件,
 * 上年文件), the resolver the core's references.ts takes (open documents first, then disk: references/files.ts),
 * and re-publishing: after a file's diagnostics are published, every file that depends on it — a department over
 * its units' files, next year's budget — is checked again and published, open or not, without reopening it.
 *
 * The index is built at start-up (every .budget file under the workspace folders whose text names a 单位文件 or a
 * 上年文件: parsed and bound, its references resolved) and kept current from open documents (each publish) and
 * from workspace/didChangeWatchedFiles (the server registers a watcher for **∕*.budget when the client can).
 */
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, type Location } from 'vscode-languageserver/node';
import type { Analysis } from '../core/analyze';
import type { Diagnostic as CoreDiagnostic } from '../core/diagnostics';
import { decodeBuffer } from '../core/encoding';
import { formatMoney } from '../core/money';
import { LineIndex } from '../core/position';
import { checkReferences, hasReferences, type ReferenceResult } from '../core/references';
import { departmentsAbove } from '../references/above';
import { FsResolver } from '../references/files';
import { inside } from '../references/paths';
import { analyzeOptions, describe, entryFor, safePath, type Context } from './context';

/** What the server knows about references across files. */
export interface ReferenceState {
  resolver?: FsResolver;
  /** Roots and settings generation the resolver was made for. */
  key?: string;
  /** Each budget file that references others (by path): the files it depends on and its units' files. */
  index: Map<string, { deps: string[]; unitFiles: string[] }>;
  /** The last reference result of each file checked (by path). */
  results: Map<string, ReferenceResult>;
  /** Files whose next publish comes from a dependency's (it does not propagate again: cycles end). */
  quiet: Set<string>;
  /** Closed files whose diagnostics the server published as dependents. */
  publishedClosed: Set<string>;
  /** The start-up scan, once done. */
  scanned?: Promise<void>;
  /** Without workspace folders: the folders of opened documents already scanned (scanFolderOf). */
  scannedFolders: Set<string>;
  /** The folders of opened documents already looked above (lookAbove). */
  lookedAbove: Set<string>;
  /** Folders above a document where a department listing it was found (references/above.ts): reference roots too. */
  adopted: Set<string>;
  watch?: Promise<{ dispose(): void }>;
}

/** The open document of a path, if any. */
function openDoc(ctx: Context, file: string): ReturnType<Context['documents']['get']> {
  for (const doc of ctx.documents.all()) if (safePath(doc.uri) === file) return doc;
  return undefined;
}

/**
 * Where references resolve: the workspace folders; without any (a file opened on its own), the folders of the
 * open documents — each scanned for department files once it is first seen (scanFolderOf).
 */
export function referenceRoots(ctx: Context): string[] {
  const adopted = ctx.state.refs.adopted;
  if (ctx.state.workspaceRoots.length) return adopted.size ? [...ctx.state.workspaceRoots, ...[...adopted].sort()] : ctx.state.workspaceRoots;
  const dirs = new Set<string>(adopted);
  for (const doc of ctx.documents.all()) {
    const p = safePath(doc.uri);
    if (p) dirs.add(dirname(p));
  }
  return [...dirs].sort();
}

export function resolverOf(ctx: Context): FsResolver {
  const { state } = ctx;
  const r = state.refs;
  const roots = referenceRoots(ctx);
  const key = JSON.stringify([roots, state.generation]);
  if (!r.resolver || r.key !== key) {
    r.key = key;
    r.resolver = new FsResolver({
      roots,
      analyzeOptions: analyzeOptions(ctx),
      open: (file) => {
        const doc = openDoc(ctx, file);
        return doc ? entryFor(ctx, doc).analysis : undefined;
      },
      listedBy: (unit, except) => [...r.index].filter(([p, x]) => p !== except && x.unitFiles.includes(unit)).map(([p]) => p),
    });
  }
  return r.resolver;
}

/** A file's references checked (undefined: it has none, or it is not a file of the workspace); the index follows. */
export function referencesOf(ctx: Context, uri: string, a: Analysis): ReferenceResult | undefined {
  const path = safePath(uri);
  const r = ctx.state.refs;
  if (!path || !referenceRoots(ctx).length || !hasReferences(a)) {
    if (path) {
      r.index.delete(path);
      r.results.delete(path);
    }
    return undefined;
  }
  const result = checkReferences(path, a, resolverOf(ctx));
  r.results.set(path, result);
  r.index.set(path, { deps: result.dependencies, unitFiles: [...new Set(result.links.filter((l) => l.kind === 'unitFile').map((l) => l.file))] });
  return result;
}

const INDEXES = new WeakMap<Analysis, LineIndex>();

/** The line index of another file's text (related locations, navigation). */
export function otherIndex(ctx: Context, file: string): LineIndex | undefined {
  const a = resolverOf(ctx).analysis(file);
  if (!a) return undefined;
  let idx = INDEXES.get(a);
  if (!idx) INDEXES.set(a, (idx = new LineIndex(a.text)));
  return idx;
}

export function otherLocation(ctx: Context, file: string, span: { start: number; end: number }): Location | undefined {
  const idx = otherIndex(ctx, file);
  return idx ? { uri: pathToFileURL(file).toString(), range: { start: idx.position(span.start), end: idx.position(span.end) } } : undefined;
}

/** The files that depend on `file` (their references lead to it). */
function dependents(ctx: Context, file: string): string[] {
  const out = new Set<string>();
  for (const [p, x] of ctx.state.refs.index) if (p !== file && x.deps.includes(file)) out.add(p);
  for (const [p, x] of ctx.state.refs.results) if (p !== file && x.dependencies.includes(file)) out.add(p);
  return [...out];
}

/**
 * After `file` changed (its new diagnostics published, or on disk): its dependents are checked again and published —
 * open ones through their usual publish (now), closed ones here. A publish caused by a dependency does not
 * propagate further (so a cycle of references ends).
 */
export function propagate(ctx: Context, file: string, publishOpen: (uri: string) => void, publishClosed: (file: string) => void): void {
  const r = ctx.state.refs;
  if (r.quiet.delete(file)) return;
  for (const d of dependents(ctx, file)) {
    r.quiet.add(d);
    const doc = openDoc(ctx, d);
    if (doc) publishOpen(doc.uri);
    else {
      try {
        publishClosed(d);
      } finally {
        r.quiet.delete(d);
      }
    }
  }
}

/** A closed file's diagnostics with its references (published for a dependent the user has not opened). */
export function closedDiagnostics(ctx: Context, file: string): { uri: string; analysis: Analysis; diagnostics: CoreDiagnostic[]; index: LineIndex } | undefined {
  const resolver = resolverOf(ctx);
  resolver.forget(file);
  const a = resolver.analysis(file);
  if (!a) return undefined;
  const uri = pathToFileURL(file).toString();
  const refs = referencesOf(ctx, uri, a);
  ctx.state.refs.publishedClosed.add(file);
  return { uri, analysis: a, diagnostics: refs ? [...a.diagnostics, ...refs.diagnostics] : a.diagnostics, index: otherIndex(ctx, file) ?? new LineIndex(a.text) };
}

const NAMES_REFERENCES = /单位文件|上年文件/;

/** Indexes one file on disk (not open): its references resolved, nothing checked. */
async function indexFile(ctx: Context, file: string): Promise<void> {
  const r = ctx.state.refs;
  let text: string;
  try {
    text = decodeBuffer(await fsp.readFile(file)).text;
  } catch {
    r.index.delete(file);
    return;
  }
  if (!NAMES_REFERENCES.test(text)) {
    r.index.delete(file);
    return;
  }
  const a = ctx.engine.analyzeModel(text);
  const resolver = resolverOf(ctx);
  const deps = new Set<string>();
  const unitFiles = new Set<string>();
  for (const d of a.model.departments) for (const w of d.unitFiles) {
    const res = resolver.resolve(file, w.text);
    if (res.kind === 'files') for (const f of res.files) {
      deps.add(f);
      unitFiles.add(f);
    }
  }
  for (const u of a.model.units) if (u.previousFile) {
    const res = resolver.resolve(file, u.previousFile.text);
    if (res.kind === 'files') for (const f of res.files) deps.add(f);
  }
  r.index.set(file, { deps: [...deps], unitFiles: [...unitFiles] });
}

/** Scans the workspace folders for budget files that reference others (at start-up and when folders change). */
export function scanWorkspace(ctx: Context, find: (root: string, out: string[]) => Promise<void>): Promise<void> {
  const r = ctx.state.refs;
  r.scanned = scanFolders(ctx, ctx.state.workspaceRoots, find);
  return r.scanned;
}

/**
 * Without workspace folders: the folder of a document opened (and what is under it, bounded as the workspace
 * scan is) is scanned once for the budget files that reference others, so that a department there that lists the
 * same unit (BUD915) or a file that depends on this one is known. Resolves true when it scanned (the caller then
 * publishes again), false when there was nothing new to scan.
 */
export async function scanFolderOf(ctx: Context, file: string, find: (root: string, out: string[]) => Promise<void>): Promise<boolean> {
  const r = ctx.state.refs;
  const dir = dirname(file);
  if (ctx.state.workspaceRoots.length || inFolders(r.scannedFolders, dir)) return false;
  r.scannedFolders.add(dir);
  await scanFolders(ctx, [dir], find);
  return true;
}

/** Whether `dir` is inside (or is) one of `folders`. */
function inFolders(folders: Iterable<string>, dir: string): boolean {
  for (const d of folders) if (inside(d, dir)) return true;
  return false;
}

/**
 * A document opened where its department may not be (no workspace folder, or one that does not hold the
 * department): the folders above it are looked in once per folder (references/above.ts: bounded, stopped at
 * shutdown); a department file there that lists it is indexed and its folder becomes a reference root, so that the
 * document's edits re-publish the department's diagnostics and find references leads to it. Only for a unit's file
 * (units, no department) that no department of the index lists. Resolves true when one was found (the caller then
 * publishes again). Waits for the workspace scan, so folders it read are not read twice.
 */
export async function lookAbove(ctx: Context, file: string): Promise<boolean> {
  const r = ctx.state.refs;
  const dir = dirname(file);
  if (r.lookedAbove.has(dir)) return false;
  await r.scanned;
  // Only for a unit's file (units, no department) that no department known yet lists.
  const doc = openDoc(ctx, file);
  const model = doc && entryFor(ctx, doc).analysis.model;
  if (!model || model.departments.length || !model.units.length) return false;
  if ([...r.index.values()].some((x) => x.unitFiles.includes(file))) return false;
  r.lookedAbove.add(dir);
  const covered = (d: string): boolean => inFolders([...ctx.state.workspaceRoots, ...r.scannedFolders, ...r.adopted], d);
  const found = (await departmentsAbove(file, { covered, cancelled: () => ctx.state.lifecycle.shutdown })).filter((f) => !r.index.has(f.file));
  if (!found.length || ctx.state.lifecycle.shutdown) return false;
  for (const f of found) r.adopted.add(f.root);
  for (const f of found) if (!openDoc(ctx, f.file)) await indexFile(ctx, f.file);
  return true;
}

function scanFolders(ctx: Context, roots: string[], find: (root: string, out: string[]) => Promise<void>): Promise<void> {
  return (async () => {
    const files: string[] = [];
    for (const root of roots) await find(root, files);
    for (const f of files) {
      if (ctx.state.lifecycle.shutdown) return;
      if (!openDoc(ctx, f)) await indexFile(ctx, f);
    }
  })().catch((e: unknown) => ctx.connection.console.error(`budget: indexing the workspace failed / 索引工作区失败: ${describe(e)}`));
}

/** Asks the client to report changes of budget files (when it registers watchers dynamically). */
export function watchBudgetFiles(ctx: Context): void {
  const { state, connection } = ctx;
  if (!state.caps.watchedFiles || state.refs.watch) return;
  state.refs.watch = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.budget' }] });
  state.refs.watch.catch(() => undefined);
}

/** Budget files changed on disk (workspace/didChangeWatchedFiles): re-index them and re-publish their dependents. */
export async function budgetFilesChanged(ctx: Context, files: string[], publishOpen: (uri: string) => void, publishClosed: (file: string) => void): Promise<void> {
  const resolver = resolverOf(ctx);
  for (const f of files) {
    resolver.forget(f);
    if (!openDoc(ctx, f)) await indexFile(ctx, f);
  }
  for (const f of files) if (!openDoc(ctx, f)) propagate(ctx, f, publishOpen, publishClosed);
}

/** Go to definition across files: a 单位文件 to its units, a 上年文件 to last year's unit, a 上年 figure to last year's line. */
export function crossDefinition(ctx: Context, uri: string, offset: number): Location[] {
  const path = safePath(uri);
  const result = path && ctx.state.refs.results.get(path);
  if (!result) return [];
  const out: Location[] = [];
  for (const l of result.links) {
    if (offset < l.span.start || offset > l.span.end) continue;
    const loc = otherLocation(ctx, l.file, l.target);
    if (loc) out.push(loc);
  }
  return out;
}

/** The hover text of a 上年 figure taken from last year's file, when the offset is on its comparison line. */
export function takenHover(ctx: Context, uri: string, offset: number): string | undefined {
  const path = safePath(uri);
  const result = path ? ctx.state.refs.results.get(path) : undefined;
  const t = result?.taken.find((x) => offset >= x.line.span.start && offset <= x.line.span.end);
  if (!t) return undefined;
  const resolver = resolverOf(ctx);
  const unit = t.line.previous?.unit ?? t.line.change?.amount?.unit ?? '万元';
  const line = t.at ? (otherIndex(ctx, t.file)?.position(t.at.start).line ?? -1) + 1 : 0;
  const where = `\`${resolver.display(t.file)}\`${line ? `:${line}` : ''}`;
  const v = formatMoney(t.value, unit);
  return ctx.state.locale === 'en' ? `**上年 (last year)** ${v} ${unit}, taken from last year’s budget ${where}` : `**上年** ${v} ${unit}，取自上年预算文件 ${where}`;
}

/** Find references across files: a unit (in its own file) to the departments' 单位文件 lines that list it. */
export function crossReferences(ctx: Context, uri: string, a: Analysis, offset: number): Location[] {
  const path = safePath(uri);
  if (!path) return [];
  const unit = a.model.units.find((u) => offset >= u.headerSpan.start && offset <= u.headerSpan.end);
  if (!unit) return [];
  const out: Location[] = [];
  const r = ctx.state.refs;
  for (const [p, x] of r.index) {
    if (!x.unitFiles.includes(path) && !x.deps.includes(path)) continue;
    let result = r.results.get(p);
    if (!result) {
      const other = resolverOf(ctx).analysis(p);
      result = other && referencesOf(ctx, pathToFileURL(p).toString(), other);
    }
    for (const l of result?.links ?? []) {
      if (l.file !== path || l.target.start !== unit.headerSpan.start) continue;
      const loc = otherLocation(ctx, p, l.span);
      if (loc) out.push(loc);
    }
  }
  return out;
}

