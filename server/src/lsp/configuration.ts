/**
 * Settings (pushed by the client or pulled with workspace/configuration) and the user's catalog file
 * (budget.catalogPath).
 *
 * The catalog file is read safely: a relative path is resolved in each workspace folder and must stay inside it
 * (also after following links); only a regular file is read (a FIFO or a device would block the read, a directory
 * is no catalog), at most MAX_CATALOG_BYTES, asynchronously and within CATALOG_READ_TIMEOUT_MS. Lines the catalog
 * cannot take are reported with their line numbers and left out (core/catalog.ts checkCatalog), so a malformed
 * file never breaks completion or the checks; a file that cannot be read leaves the built-in catalog, with a
 * warning.
 *
 * The file(s) budget.catalogPath may name are watched: creating, changing or deleting one re-loads the catalog and
 * re-validates the open documents, as a settings change does. A client with dynamic registration of
 * workspace/didChangeWatchedFiles watches them (registered again when the files change); otherwise node does:
 * fs.watch on the directory (prompt) and fs.watchFile polling (sees atomic saves, deletion and re-creation, and a
 * directory that does not exist yet). Reloads are debounced.
 */
import { constants as FS, promises as fsp, unwatchFile, watch, watchFile, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, MessageType, ShowMessageNotification, type FileSystemWatcher } from 'vscode-languageserver/node';
import { catalogWith, checkCatalog } from '../core/catalog';
import { decodeBuffer } from '../core/encoding';
import { parseSettings, resolveLocale, warningText } from '../settings';
import { describe, quietly, safePath, samePath, statChanged, type CatalogWatch, type Context } from './context';
import { publishClosed, revalidateAll, schedule } from './diagnostics';
import { budgetFilesChanged } from './references';

/** The largest catalog file read (the shipped catalogs are about 100 KB). */
const MAX_CATALOG_BYTES = 8 * 1024 * 1024;
/** How long reading the catalog file may take. */
const CATALOG_READ_TIMEOUT_MS = 5000;
/** The problems of a malformed catalog file shown (each with its line); the rest are counted. */
const PROBLEMS_SHOWN = 5;

const CATALOG_DEBOUNCE_MS = 100;
const CATALOG_POLL_MS = 1000;

/** Why a candidate file is not read. */
class CatalogRefused extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(en);
  }
}

/** Whether `p` is `root` or inside it. */
function inside(root: string, p: string): boolean {
  const r = relative(root, p);
  return r === '' || (r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r));
}

/**
 * The files budget.catalogPath may name: an absolute path as it is; a relative path under each workspace folder
 * (the first readable wins) — one that leads out of its folder (`../x`) is no candidate; without a workspace folder
 * a relative path names nothing.
 */
function catalogCandidates(ctx: Context, path: string): string[] {
  if (!path) return [];
  if (isAbsolute(path)) return [resolve(path)];
  return ctx.state.workspaceRoots.map((r) => resolve(r, path)).filter((f, k) => inside(resolve(ctx.state.workspaceRoots[k]), f));
}

/** Reads one candidate as the catalog file, or throws CatalogRefused (or a file system error). */
async function readCatalogFile(file: string, root: string | undefined): Promise<string> {
  // Links followed: a relative path must still end inside its workspace folder.
  const real = await fsp.realpath(file);
  if (root !== undefined && !inside(await fsp.realpath(root).catch(() => root), real)) {
    throw new CatalogRefused('链接指向工作区文件夹之外，未读取', 'it links outside the workspace folder; not read');
  }
  // Opened without blocking (a FIFO would block the open until a writer comes), then checked on the handle itself.
  const handle = await fsp.open(real, FS.O_RDONLY | (FS.O_NONBLOCK ?? 0));
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new CatalogRefused('不是普通文件，未读取', 'it is not a regular file; not read');
    if (st.size > MAX_CATALOG_BYTES) {
      const n = (x: number): string => x.toLocaleString('en-US');
      throw new CatalogRefused(`文件过大（${n(st.size)} 字节，上限 ${n(MAX_CATALOG_BYTES)}），未读取`, `it is too large (${n(st.size)} bytes, at most ${n(MAX_CATALOG_BYTES)}); not read`);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CatalogRefused(`读取超时（${CATALOG_READ_TIMEOUT_MS / 1000} 秒）`, `reading it took more than ${CATALOG_READ_TIMEOUT_MS / 1000} s`)), CATALOG_READ_TIMEOUT_MS);
    });
    try {
      const buf = Buffer.alloc(Math.min(st.size, MAX_CATALOG_BYTES) + 1);
      const read = (async (): Promise<number> => {
        let n = 0;
        for (;;) {
          const { bytesRead } = await handle.read(buf, n, buf.length - n, n);
          if (!bytesRead) return n;
          n += bytesRead;
          if (n >= buf.length) throw new CatalogRefused('文件在读取时变大，未读取', 'it grew while it was read; not read');
        }
      })();
      const n = await Promise.race([read, timeout]);
      return decodeBuffer(buf.subarray(0, n)).text;
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export async function loadCatalog(ctx: Context, path: string): Promise<void> {
  const { state, connection } = ctx;
  const load = ++state.catalogLoads;
  if (!path) {
    state.catalog = undefined;
    return;
  }
  const roots = isAbsolute(path) ? [undefined] : state.workspaceRoots;
  const files = catalogCandidates(ctx, path);
  const reasons: string[] = [];
  if (!isAbsolute(path) && !roots.length) reasons.push('相对路径需要工作区文件夹 / a relative path needs a workspace folder');
  else if (!files.length) reasons.push('相对路径不能指向工作区文件夹之外 / a relative path must stay inside the workspace folder');
  for (const file of files) {
    const root = isAbsolute(path) ? undefined : state.workspaceRoots.find((r) => inside(resolve(r), file));
    let raw: string;
    try {
      raw = await readCatalogFile(file, root);
    } catch (e) {
      if (e instanceof CatalogRefused) reasons.push(`${file}: ${e.zh} / ${e.en}`);
      continue; // a missing or unreadable file: try the next root
    }
    if (load !== state.catalogLoads) return;
    const { text, problems } = checkCatalog(raw);
    if (problems.length) {
      const shown = problems.slice(0, PROBLEMS_SHOWN);
      const more = problems.length - shown.length;
      warn(ctx, [
        `目录文件“${file}”有 ${problems.length} 行无法读取，已略过：${shown.map((p) => `第 ${p.line} 行：${p.message.zh}`).join('；')}${more ? `；另有 ${more} 行` : ''}`,
        `The catalog file “${file}” has ${problems.length} line(s) that cannot be read, left out: ${shown.map((p) => `line ${p.line}: ${p.message.en}`).join('; ')}${more ? `; ${more} more` : ''}`,
      ].join(' / '));
    }
    try {
      state.catalog = catalogWith([{ name: basename(file), text }]);
    } catch (e) {
      state.catalog = undefined;
      warn(ctx, `无法读取目录文件“${file}”，已只用内置目录 / Cannot read the catalog file “${file}”; using the built-in catalog only: ${describe(e)}`);
      return;
    }
    connection.console.info(`budget: catalog loaded / 已加载目录: ${file}`);
    return;
  }
  if (load !== state.catalogLoads) return;
  state.catalog = undefined;
  const why = reasons.length ? `（${reasons.join('；')}）` : '';
  warn(ctx, `无法读取 budget.catalogPath 指定的目录文件“${path}”，已只用内置目录${why} / Cannot read the catalog file “${path}” (budget.catalogPath); using the built-in catalog only`);
}

export function warn(ctx: Context, message: string): void {
  ctx.connection.console.warn(`budget: ${message}`);
  quietly(ctx.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }));
}

async function applySettings(ctx: Context, raw: unknown): Promise<void> {
  const { state } = ctx;
  const { settings: next, warnings } = parseSettings(raw);
  for (const w of warnings) warn(ctx, warningText(w));
  const catalogChanged = next.catalogPath !== state.settings.catalogPath;
  state.settings = next;
  state.locale = resolveLocale(state.settings.locale, state.clientLocale);
  if (catalogChanged || next.catalogPath) await loadCatalog(ctx, state.settings.catalogPath);
  watchCatalog(ctx);
  revalidateAll(ctx);
}

export async function pullSettings(ctx: Context): Promise<void> {
  if (!ctx.state.caps.configuration) return;
  try {
    const raw: unknown = await ctx.connection.workspace.getConfiguration('budget');
    await applySettings(ctx, raw);
  } catch (e) {
    ctx.connection.console.warn(`budget: cannot read settings / 无法读取设置: ${String(e)}`);
  }
}

// ── the catalog file on disk ──────────────────────────────────────────────────────────────────────

/** An LSP glob matching `s` literally: each special character as a one-character class. */
function globLiteral(s: string): string {
  return s.replace(/[*?{}[\]]/g, (c) => `[${c}]`);
}

/** A watcher for one file (kind omitted: create, change and delete). */
function fileWatcher(ctx: Context, file: string): FileSystemWatcher {
  if (ctx.state.caps.watchedFilesRelative) return { globPattern: { baseUri: pathToFileURL(dirname(file)).toString(), pattern: globLiteral(basename(file)) } };
  return { globPattern: globLiteral(file.replace(/\\/g, '/')) };
}

/** Watches the files of budget.catalogPath (nothing when it is empty); a no-op when they are already watched. */
export function watchCatalog(ctx: Context): void {
  const { state } = ctx;
  try {
    if (state.lifecycle.shutdown) return;
    const files = catalogCandidates(ctx, state.settings.catalogPath);
    const key = JSON.stringify(files);
    if (state.catalogWatch?.key === key) return;
    state.catalogWatch?.close(true);
    state.catalogWatch = undefined;
    if (files.length) state.catalogWatch = state.caps.watchedFiles ? watchByClient(ctx, key, files) : watchByNode(ctx, key, files);
  } catch (e) {
    ctx.connection.console.error(`budget: cannot watch the catalog file / 无法监视目录文件: ${String(e)}`);
  }
}

/** Stops watching the catalog file (at shutdown: nothing more is sent to the client). */
export function stopWatchingCatalog(ctx: Context): void {
  const { state } = ctx;
  if (state.catalogReload) clearTimeout(state.catalogReload);
  state.catalogReload = undefined;
  state.catalogWatch?.close(false);
  state.catalogWatch = undefined;
}

function watchByClient(ctx: Context, key: string, files: string[]): CatalogWatch {
  const { connection, state } = ctx;
  let closed = false;
  const registration = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: files.map((f) => fileWatcher(ctx, f)) });
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
      if (closed || state.catalogWatch !== w) return;
      connection.console.warn(`budget: the client refused to watch the catalog file, watching it here / 客户端未能监视目录文件，改由服务器监视: ${String(e)}`);
      state.catalogWatch = watchByNode(ctx, key, files);
    },
  ).catch(() => undefined);
  return w;
}

function watchByNode(ctx: Context, key: string, files: string[]): CatalogWatch {
  const closers: Array<() => void> = [];
  // Called when any field of the stat changed; the comparison skips the call for a file missing from the start.
  const onStat = (cur: Stats, prev: Stats): void => {
    if (statChanged(cur, prev)) scheduleCatalogReload(ctx);
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
        if (!name || names.has(String(name))) scheduleCatalogReload(ctx);
      });
      w.on('error', () => w.close());
      closers.push(() => w.close());
    } catch {
      // A missing or unwatchable directory: the polling still sees the file appear.
    }
  }
  ctx.connection.console.info(`budget: watching the catalog file / 监视目录文件: ${files.join(', ')}`);
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

function scheduleCatalogReload(ctx: Context): void {
  const { state } = ctx;
  if (state.lifecycle.shutdown) return;
  if (state.catalogReload) clearTimeout(state.catalogReload);
  state.catalogReload = setTimeout(() => {
    state.catalogReload = undefined;
    void reloadCatalog(ctx);
  }, CATALOG_DEBOUNCE_MS);
}

async function reloadCatalog(ctx: Context): Promise<void> {
  const { state } = ctx;
  try {
    if (!state.settings.catalogPath || state.lifecycle.shutdown) return;
    await loadCatalog(ctx, state.settings.catalogPath);
    revalidateAll(ctx);
  } catch (e) {
    ctx.connection.console.error(`budget: catalog reload failed / 重新加载目录失败: ${String(e)}`);
  }
}

/** Settings changes and changes of watched files. */
export function registerConfiguration(ctx: Context): void {
  const { connection, state } = ctx;
  connection.onDidChangeConfiguration(async (params) => {
    try {
      const pushed = (params?.settings as { budget?: unknown } | undefined)?.budget;
      if (pushed !== undefined) await applySettings(ctx, pushed);
      else if (state.caps.configuration) await pullSettings(ctx);
    } catch (e) {
      connection.console.error(`budget: settings / 设置: ${String(e)}`);
    }
  });
  connection.onDidChangeWatchedFiles((params) => {
    try {
      const files = catalogCandidates(ctx, state.settings.catalogPath);
      const changes: unknown[] = Array.isArray(params?.changes) ? params.changes : [];
      const hit = changes.some((c) => {
        const uri = (c as { uri?: unknown } | null)?.uri;
        const p = typeof uri === 'string' ? safePath(uri) : undefined;
        return !!p && files.some((f) => samePath(resolve(p), f));
      });
      if (hit) scheduleCatalogReload(ctx);
      const budgets = changes.map((c) => (c as { uri?: unknown } | null)?.uri).map((u) => (typeof u === 'string' ? safePath(u) : undefined)).filter((p): p is string => !!p && p.endsWith('.budget'));
      if (budgets.length) void budgetFilesChanged(ctx, budgets.map((p) => resolve(p)), (u) => schedule(ctx, u, 0), (f) => publishClosed(ctx, f));
    } catch (e) {
      connection.console.error(`budget: didChangeWatchedFiles / 文件变化: ${String(e)}`);
    }
  });
}
