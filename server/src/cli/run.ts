/**
 * A run over files, shared by `budget check` and `budget report`: find the files, read them, take what the
 * result cache holds, check the rest (in worker threads when there is enough), write `--fix`es back safely,
 * and return every file's results in a stable order (sorted by path).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, type BigIntStats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AUTOFIX_CODES, type Text2 } from '../core/diagnostics';
import { checkerId, ResultCache, StatIndex } from './cache';
import { discover, display, type Target } from './discover';
import type { CheckedFile } from './formats/types';
import { both, errnoMessage, IoError, readLimited } from './io';
import { ANALYZER_FILE, defaultCacheDir, setCodeCacheDir } from './lazy';
import { runTasks } from './pool';
import { discoveredExtensions, readerFor, type Reader } from './readers';
import type { CheckSettings, FileResult, TaskInput } from './result';
import { RefusedWrite, replaceFile, snapshot, type ReadSnapshot } from './safe-write';
import { candidatesAbove } from '../references/candidates';
import { budgetFilesUnder, inside, Roots } from '../references/paths';

declare const __BUNDLED__: boolean | undefined;

export interface RunOptions {
  cwd: string;
  /** `--root`: where references resolve and departments are looked for (default: cwd). */
  root?: string;
  rounding?: 'exact' | 'tolerant';
  /** `--catalog` files (TSV). */
  catalogFiles: string[];
  /** false: `--no-cache`. */
  cache: boolean;
  cacheDir?: string;
  jobs?: number;
  respectIgnore: boolean;
  fix: boolean;
  /** Unit summaries (`budget report`). */
  summaries: boolean;
  version: string;
}

export interface RunResult {
  files: CheckedFile[];
  /** Paths that matched nothing (one line each). */
  problems: string[];
  fixed: number;
  fixedFiles: number;
  cache?: ResultCache;
  checker: string;
  /** For `--stats`: files, files read (the others known unchanged), taken from the cache, checked, worker threads (0: the main thread), ms. */
  stats: { files: number; read: number; cached: number; checked: number; threads: number; ms: number };
}

/** The files whose bytes identify the checker in the cache key. */
function analyzerFiles(): string[] {
  if (typeof __BUNDLED__ === 'boolean' && __BUNDLED__) return [ANALYZER_FILE];
  // Run from out/ (tests): the analysis module, the readers and every core module.
  const core = join(__dirname, '..', 'core');
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.js') ? [join(d, e.name)] : [])).sort();
  return [ANALYZER_FILE, join(__dirname, 'readers.js'), ...walk(core)];
}

export function readCatalogs(files: string[]): NonNullable<CheckSettings['catalog']> {
  return files.map((f) => {
    try {
      return { name: basename(f), text: readFileSync(f, 'utf8') };
    } catch (e) {
      throw new IoError(errnoMessage(f, e).replace(/^budget: /, 'budget: --catalog '));
    }
  });
}

interface Pending {
  target: Target;
  key?: string;
  snap?: ReadSnapshot;
}

export async function runFiles(paths: string[], o: RunOptions): Promise<RunResult> {
  const t0 = process.hrtime.bigint();
  const { files: targets, problems } = discover(paths.length ? paths : ['.'], { cwd: o.cwd, extensions: discoveredExtensions(), respectIgnore: o.respectIgnore });
  const settings: CheckSettings = { ...(o.rounding ? { rounding: o.rounding } : {}), ...(o.catalogFiles.length ? { catalog: readCatalogs(o.catalogFiles) } : {}) };
  const cacheDir = o.cacheDir ?? defaultCacheDir();
  setCodeCacheDir(process.env.BUDGET_NO_CODE_CACHE ? undefined : join(cacheDir, 'v8'));
  const checker = checkerId(o.version, analyzerFiles());
  const cache = o.cache ? new ResultCache(cacheDir, checker) : undefined;

  const files: CheckedFile[] = targets.map((target) => ({ target, findings: [] }));
  // The budget files of the run: a department among them may list another's unit file (core/references.ts).
  const peers = targets.filter((t) => t.path !== '-' && t.path.endsWith('.budget')).map((t) => resolve(o.cwd, t.path));
  /** A cached result stands while the files it references are as they were (the cache key's second part). */
  const listings = new Map<string, Listing>();
  const peerSet = new Set(peers);
  /** The SHA-256 of each referenced file, read once in the run. */
  const hashes = new Map<string, string | null>();
  const resolutions = new Map<string, string[]>();
  const current = (hit: FileResult | undefined, path: string): FileResult | undefined => (hit && referencesCurrent(hit, resolve(o.cwd, path), rootFor(o, resolve(o.cwd, path)), listings, peerSet, hashes, resolutions) ? hit : undefined);
  const pending = new Map<number, Pending>();
  const inputs: TaskInput[] = [];
  let cached = 0;
  let read = 0;
  // Unchanged files are found by their metadata (not read, not hashed); not with --fix, which needs the bytes.
  const index = cache && !o.fix ? new StatIndex(cacheDir, paths.length ? paths.map((p) => resolve(o.cwd, p)) : [o.cwd]) : undefined;
  // A reader whose code lives outside the analysis bundle (the importer) is identified by that code's bytes too.
  const readerIds = new Map<Reader, string>();
  const readerId = (r: Reader): string => {
    let id = readerIds.get(r);
    if (id === undefined) readerIds.set(r, (id = r.code ? checkerId(r.id, r.code()) : r.id));
    return id;
  };
  // Whether a unit's file looks for its department above (no --root) changes its result: part of the key.
  const lookAround = !o.root && !o.summaries;
  const keyOf = (content: string, path: string): string => cache!.key({ content, reader: readerId(readerFor(path)), settings: lookAround ? { ...settings, lookAround } : settings, summaries: o.summaries });
  targets.forEach((target, at) => {
    let st: BigIntStats | undefined;
    if (index && target.path !== '-') {
      try {
        st = statSync(target.path, { bigint: true });
      } catch {
        st = undefined;
      }
      const known = st?.isFile() ? index.lookup(target.path, st) : undefined;
      const hit = current(known ? cache!.get(keyOf(known, target.path)) : undefined, target.path);
      if (hit) {
        setResult(files[at], hit);
        cached++;
        return;
      }
    }
    let bytes: Buffer;
    read++;
    try {
      bytes = readLimited(target.path);
    } catch (e) {
      files[at].failure = e instanceof IoError ? e.message : errnoMessage(target.display, e);
      return;
    }
    const p: Pending = { target };
    if (o.fix && target.path !== '-') {
      try {
        p.snap = snapshot(target.path, bytes);
      } catch {
        p.snap = undefined;
      }
    }
    if (cache) {
      const content = createHash('sha256').update(bytes).digest('hex');
      if (index && st?.isFile()) index.record(target.path, st, content);
      p.key = keyOf(content, target.path);
      const hit = current(cache.get(p.key), target.path);
      if (hit && !(o.fix && hit.findings.some((f) => AUTOFIX_CODES.has(f.code)))) {
        setResult(files[at], hit);
        cached++;
        return;
      }
    }
    pending.set(at, p);
    inputs.push({ index: at, file: target.path, bytes, settings, summaries: o.summaries, fix: o.fix, root: rootFor(o, resolve(o.cwd, target.path)), peers, ...(lookAround ? { lookAround } : {}) });
  });
  index?.save();

  let fixed = 0;
  let fixedFiles = 0;
  const { outputs, threads } = await runTasks(inputs, { jobs: o.jobs });
  for (const out of outputs) {
    const f = files[out.index];
    const p = pending.get(out.index)!;
    const name = f.target.display;
    if (out.kind === 'unreadable') {
      f.failure = `budget: ${name}: ${both(out.message)}`;
      continue;
    }
    if (out.kind === 'internal') {
      f.failure = `budget: ${name}: 内部错误，此文件未能检查 / internal error, this file could not be checked: ${out.message}`;
      f.internal = true;
      continue;
    }
    let result: FileResult = out.result;
    let key = p.key;
    if (out.fixed) {
      const why = writeBack(p, out.fixed.bytes);
      if (why) {
        f.failure = `budget: ${name}: --fix 未能写回，文件未改动 / --fix could not write the file back, it is unchanged (${why.zh} / ${why.en})`;
        result = out.original ?? result;
      } else {
        fixed += out.fixed.count;
        fixedFiles++;
        key = cache && keyOf(createHash('sha256').update(out.fixed.bytes).digest('hex'), p.target.path);
      }
    } else if (out.fixError) {
      f.failure = `budget: ${name}: ${both(out.fixError)}`;
    }
    if (cache && key) cache.put(key, result, result === out.result ? out.json : undefined);
    setResult(f, result);
  }
  cache?.prune();
  const run = files.length;
  files.push(...departmentsFound(files, o.cwd));
  return { files, problems, fixed, fixedFiles, cache, checker, stats: { files: run, read, cached, checked: inputs.length, threads, ms: Math.round(Number(process.hrtime.bigint() - t0) / 1e6) } };
}

/**
 * The workspace root of a file of the run: `--root`, else the working directory, else (a file outside it) the
 * file's own folder — references resolve inside it, and departments listing a unit are looked for in it.
 */
export function rootFor(o: Pick<RunOptions, 'root' | 'cwd'>, file: string): string {
  if (o.root) return o.root;
  return inside(o.cwd, file) ? o.cwd : dirname(file);
}

/**
 * Whether the files a result references are as they were when it was computed: each reference still resolves to
 * the same files (a glob may match a new one), each file read has the same bytes and — when it looked for the
 * department files listing a unit — the budget files under the roots are the same files, unchanged (`listings`:
 * each roots' fingerprint, computed once per run). The roots are the run's.
 */
export function referencesCurrent(r: FileResult, file: string, root: string, listings: Map<string, Listing>, peers: ReadonlySet<string> = new Set(), hashes = new Map<string, string | null>(), resolutions = new Map<string, string[]>()): boolean {
  if (!r.references) return true;
  if (r.references.file !== file) {
    // A copy (the key is the content): it stands only when nothing of the result depends on the file's path — no
    // references of its own, and no department file in reach above it (the look finds the same nothing there).
    const x = r.references;
    if (x.resolved.length || Object.keys(x.hashes).length || x.scans?.length || !x.above?.none) return false;
  }
  /** Files the listings show unchanged (same size and times): not read again below. */
  const unchanged = new Set<string>();
  for (const scan of r.references.scans ?? []) {
    // The department files around it: the budget files under the roots as they were (listed once per run).
    if (scan.digest === null) return false;
    const key = JSON.stringify(scan.roots);
    let l = listings.get(key);
    if (!l) {
      const under = budgetFilesUnder(scan.roots, { digest: true });
      listings.set(key, (l = { digest: under.digest, files: new Set(under.files) }));
    }
    if (l.digest !== scan.digest) return false;
    for (const f of l.files) unchanged.add(f);
  }
  const above = r.references.above;
  if (above) {
    // Its department in the folders above: the same candidates (read once per folder and run), those of the run still.
    if (above.inRun.some((f) => !peers.has(f))) return false;
    const key = JSON.stringify(['above', dirname(file)]);
    let l = listings.get(key);
    if (!l) listings.set(key, (l = { digest: candidatesAbove(file).digest, files: new Set() }));
    if (l.digest !== above.digest) return false;
  }
  for (const x of r.references.resolved) {
    const at = x.root ?? root;
    // Each reference resolved once per run (the units of one department share its 单位文件 globs).
    const key = JSON.stringify([at, x.from, x.written]);
    let files = resolutions.get(key);
    if (!files) {
      const now = new Roots([at]).resolve(x.from, x.written);
      resolutions.set(key, (files = now.kind === 'files' ? now.files : []));
    }
    if (files.length !== x.files.length || files.some((f, i) => f !== x.files[i])) return false;
  }
  for (const [f, hash] of Object.entries(r.references.hashes)) {
    if (hash !== null && unchanged.has(f)) continue;
    // Each file hashed once per run (the units of one department all depend on every unit file of it).
    let now = hashes.get(f);
    if (now === undefined) {
      try {
        now = createHash('sha256').update(readFileSync(f)).digest('hex');
      } catch {
        now = null;
      }
      hashes.set(f, now);
    }
    if (now !== hash) return false;
  }
  return true;
}

/**
 * The department files found for the units' files of the run (task.ts departmentsOf), each once, with the findings
 * about those units (without repeats), after the files of the run; not counted as files checked.
 */
function departmentsFound(files: CheckedFile[], cwd: string): CheckedFile[] {
  const own = new Set(files.map((f) => f.target.path));
  const found = new Map<string, CheckedFile & { seen: Set<string> }>();
  for (const f of files) for (const d of f.result?.departments ?? []) {
    if (own.has(d.file)) continue;
    let c = found.get(d.file);
    if (!c) {
      found.set(d.file, (c = { target: { path: d.file, display: display(cwd, d.file) }, result: { ...d.result, findings: [] }, findings: [], forUnits: [], seen: new Set() }));
    }
    c.forUnits!.push(f.target.display);
    for (const x of d.result.findings) {
      const k = JSON.stringify(x);
      if (c.seen.has(k)) continue;
      c.seen.add(k);
      c.result!.findings.push(x);
    }
  }
  return [...found.values()].sort((a, b) => (a.target.path < b.target.path ? -1 : 1)).map(({ seen: _, ...c }) => ({ ...c, findings: c.result!.findings }));
}

/** The budget files under some roots as one run sees them: their fingerprint (paths.ts) and the files. */
export interface Listing {
  digest: string | undefined;
  files: ReadonlySet<string>;
}

function setResult(f: CheckedFile, r: FileResult): void {
  f.result = r;
  f.findings = r.findings;
}

/** Writes a --fix back; the reason when it did not. */
function writeBack(p: Pending, bytes: Uint8Array): Text2 | undefined {
  if (p.target.path === '-') return { zh: '不能写回标准输入', en: '--fix cannot write back standard input' };
  if (!p.snap) return { zh: '无法确定文件的状态', en: 'the file could not be examined' };
  try {
    replaceFile(p.target.path, bytes, p.snap);
    return undefined;
  } catch (e) {
    if (e instanceof RefusedWrite) return e.reason;
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? { zh: '无权写入', en: 'permission denied' }
      : code === 'ENOSPC' ? { zh: '磁盘已满', en: 'no space left' }
      : { zh: String((e as Error).message), en: String((e as Error).message) };
  }
}
