/**
 * What the command line loads only when it needs it, and where its caches live.
 *
 * The CLI is three bundles (scripts/build.mjs): dist/cli.js (arguments, files, cache, output formats — no
 * parser), dist/cli-analyze.js (the checker: loaded when some file is not in the result cache, in the main
 * thread or in worker threads) and dist/cli-exceljs.js (only for xlsx output). Run from the TypeScript
 * output (out/, the unit tests) the same modules are loaded from their own files.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { requireCached, type Loaded } from './compile-cache';

declare const __BUNDLED__: boolean | undefined;
const BUNDLED = typeof __BUNDLED__ === 'boolean' && __BUNDLED__;

/** The analysis module (task.ts), as a file. */
export const ANALYZER_FILE = BUNDLED ? join(__dirname, 'cli-analyze.js') : join(__dirname, 'task.js');
/** The worker thread entry (worker.ts). */
export const WORKER_FILE = BUNDLED ? join(__dirname, 'cli-worker.js') : join(__dirname, 'worker.js');

/**
 * The cache folder when none is given: the user's cache directory (XDG_CACHE_HOME or ~/.cache on Linux,
 * ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows), `budget-lang` in it; BUDGET_CACHE_DIR overrides.
 * Results are keyed by content, not by path, so one cache serves every folder and copy of a budget, and no
 * cache folder is left among the reviewed files (often a shared office folder).
 */
export function defaultCacheDir(): string {
  const env = process.env.BUDGET_CACHE_DIR;
  if (env) return resolve(env);
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'budget-lang', 'Cache');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'budget-lang');
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'budget-lang');
}

let codeCacheDir: string | undefined;

/** Where V8's code cache of the bundles goes (undefined: none). */
export function setCodeCacheDir(dir: string | undefined): void {
  codeCacheDir = dir;
}

export function getCodeCacheDir(): string | undefined {
  return codeCacheDir;
}

let analyzer: Loaded<typeof import('./task')> | undefined;

export function loadAnalyzer(): typeof import('./task') {
  if (!analyzer) {
    analyzer = requireCached<typeof import('./task')>(ANALYZER_FILE, codeCacheDir);
    // Written when the process ends: after the run, the cache holds the functions compiled while checking.
    const a = analyzer;
    process.once('exit', () => a.save());
  }
  return analyzer.exports;
}
