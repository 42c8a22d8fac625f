/**
 * workspace/symbol: the open documents (their cached analyses) and the .budget files under the workspace folders
 * (parsed and bound only, their symbols cached by modification time). A file that cannot be read or analysed is
 * skipped: it never costs the others their answer.
 */
import { promises as fsp, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CancellationToken, WorkspaceSymbol } from 'vscode-languageserver/node';
import type { Analysis } from '../core/analyze';
import { decodeBuffer } from '../core/encoding';
import * as features from '../core/features';
import { LineIndex } from '../core/position';
import { MAX_DIRS } from '../references/paths';
import { currentCatalog, describe, entryFor, failed, lifecycleError, safePath, type Context } from './context';

const MAX_FILES = 2000;
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test']);
/** Files larger than this are not indexed (beyond the core's size limit a file is not analysed anyway). */
const MAX_INDEXED_BYTES = 16 * 1024 * 1024;
/** Files read ahead while the previous ones are indexed. */
const READ_AHEAD = 8;
/** The most symbols answered. */
const MAX_SYMBOLS = 5000;

export async function findBudgetFiles(root: string, out: string[], depth = 0, budget = { dirs: MAX_DIRS }): Promise<void> {
  if (out.length >= MAX_FILES || depth > 12 || budget.dirs-- <= 0) return;
  let entries: Dirent[];
  try {
    entries = await fsp.readdir(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const d of entries) {
    if (out.length >= MAX_FILES) return;
    const p = join(root, d.name);
    if (d.isDirectory()) {
      if (!SKIP_DIRS.has(d.name) && !d.name.startsWith('.')) await findBudgetFiles(p, out, depth + 1, budget);
    } else if (d.isFile() && d.name.endsWith('.budget')) out.push(p);
  }
}

function symbolsOf(ctx: Context, uri: string, a: Pick<Analysis, 'model'>, index: LineIndex, query: string): WorkspaceSymbol[] {
  return features.workspaceSymbols(a, query, currentCatalog(ctx)).map((s) => ({
    name: s.name, kind: s.kind, containerName: s.containerName,
    location: { uri, range: { start: index.position(s.span.start), end: index.position(s.span.end) } },
  }));
}

async function workspaceSymbols(ctx: Context, query: string, token?: CancellationToken): Promise<WorkspaceSymbol[]> {
  const { state } = ctx;
  const out: WorkspaceSymbol[] = [];
  // Open documents by file path: clients spell URIs differently (percent-encoding case, `~`), the path is one.
  const open = new Set<string>();
  for (const doc of ctx.documents.all()) {
    const p = safePath(doc.uri);
    open.add(p ? resolve(p) : doc.uri);
    try {
      const e = entryFor(ctx, doc);
      for (const s of symbolsOf(ctx, doc.uri, e.analysis, e.index, query)) out.push(s);
    } catch (e) {
      ctx.connection.console.error(`budget: workspaceSymbol: ${doc.uri} skipped / 已跳过: ${describe(e)}`);
    }
  }
  const files: string[] = [];
  for (const r of state.workspaceRoots) await findBudgetFiles(r, files);
  const todo = files.filter((f) => !open.has(resolve(f))).map((f) => ({ f, uri: pathToFileURL(f).toString() }));
  // A file is re-read only when it changed (or the catalog did); reads run ahead of the indexing.
  const load = async (f: string): Promise<{ mtimeMs: number; text?: string } | undefined> => {
    try {
      const st = await fsp.stat(f);
      if (!st.isFile() || st.size > MAX_INDEXED_BYTES) return undefined;
      const c = state.fileCache.get(f);
      if (c && c.mtimeMs === st.mtimeMs && c.generation === state.generation) return { mtimeMs: st.mtimeMs };
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
    let c = state.fileCache.get(f);
    if (r.text !== undefined) {
      try {
        // Symbols need the model only: parse and bind, no figures, no checks.
        c = { mtimeMs: r.mtimeMs, generation: state.generation, symbols: symbolsOf(ctx, uri, ctx.engine.analyzeModel(r.text), new LineIndex(r.text), '') };
        state.fileCache.set(f, c);
      } catch (e) {
        ctx.connection.console.error(`budget: workspaceSymbol: ${f} skipped / 已跳过: ${describe(e)}`);
        continue;
      }
    }
    if (c) for (const s of c.symbols) if (features.symbolMatches(s.name, query)) out.push(s);
  }
  return out.slice(0, MAX_SYMBOLS);
}

export function registerWorkspaceSymbols(ctx: Context): void {
  ctx.connection.onWorkspaceSymbol(async (params, token) => {
    const refused = lifecycleError(ctx, 'workspaceSymbol');
    if (refused) return refused;
    try {
      const q = typeof params?.query === 'string' ? params.query : '';
      return await workspaceSymbols(ctx, q, token);
    } catch (e) {
      return failed(ctx, 'workspaceSymbol', e);
    }
  });
}
