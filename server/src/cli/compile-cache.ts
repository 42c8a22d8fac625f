/**
 * Loading a large bundle with V8's code cache, so that a second run does not parse and compile it again.
 *
 * Node 22.1+ has this built in (`module.enableCompileCache()`, which bin/budget.js turns on when it exists);
 * Node 20 does not, so the analysis bundle (dist/cli-analyze.js: the parser, the checks, the catalog — about
 * 1 MB) is compiled here through `vm.Script` with `cachedData`, and after the run the code V8 compiled is
 * saved with `script.createCachedData()` (which, made after the run, includes the functions that were
 * compiled lazily while checking: most of them). The cache file is keyed by the bundle's path, size and mtime
 * and the Node version; V8 itself rejects data that does not match its source or flags, and then the bundle
 * is compiled normally and the cache rewritten. Writes are atomic (temporary file + rename): concurrent runs
 * at worst write the same data twice. docs/performance.md has the measurements.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

export interface Loaded<T> {
  exports: T;
  /** Writes the code cache when there was none or V8 rejected it; a no-op otherwise. */
  save(): void;
}

const builtin = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function';

/** Loads a CommonJS file as `require` would, compiling it with V8's code cache from `cacheDir` when given. */
export function requireCached<T>(file: string, cacheDir: string | undefined): Loaded<T> {
  const cache = (Module as unknown as { _cache: Record<string, Module> })._cache;
  const known = cache[file];
  if (known) return { exports: known.exports as T, save: () => undefined };
  if (!cacheDir || builtin) return { exports: require(file) as T, save: () => undefined };
  let source: string;
  let cacheFile: string;
  try {
    source = readFileSync(file, 'utf8');
    const st = statSync(file);
    const key = createHash('sha256').update(`${file}\0${st.size}\0${st.mtimeMs}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16);
    cacheFile = join(cacheDir, `${basename(file)}-${key}.v8`);
  } catch {
    return { exports: require(file) as T, save: () => undefined };
  }
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script((Module as unknown as { wrap(s: string): string }).wrap(source), { filename: file, cachedData });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(dirname(file));
  cache[file] = m;
  try {
    (script.runInThisContext() as (...a: unknown[]) => void).call(m.exports, m.exports, createRequire(file), m, file, dirname(file));
  } catch (e) {
    delete cache[file];
    throw e;
  }
  m.loaded = true;
  let needed = !cachedData || script.cachedDataRejected === true;
  return {
    exports: m.exports as T,
    save() {
      if (!needed) return;
      needed = false;
      try {
        mkdirSync(cacheDir, { recursive: true });
        const tmp = `${cacheFile}.${randomBytes(6).toString('hex')}.tmp`;
        writeFileSync(tmp, script.createCachedData(), { flag: 'wx', mode: 0o600 });
        try {
          renameSync(tmp, cacheFile);
        } catch {
          unlinkSync(tmp);
        }
      } catch {
        // No cache then: the next run compiles the bundle again.
      }
    },
  };
}
