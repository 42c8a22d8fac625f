/**
 * The result cache (as ruff's and beancount's): a file's results are stored under a key made of
 *
 * - the SHA-256 of the file's bytes (not its path or time: a copy, a rename or a touch still hits),
 * - the checker itself: the package version and the SHA-256 of the analysis bundle (dist/cli-analyze.js, which
 *   holds the parser, the checks, the catalog and the readers — any change to them changes it),
 * - the reader of the file's kind (readers.ts) and the settings that change results: `--rounding`, the content
 *   of `--catalog` files, and whether unit summaries were asked for (`budget report`).
 *
 * The output locale is not in the key: results keep message arguments, not rendered text.
 *
 * Layout: <dir>/results/<2 hex>/<key>.json, each written to a temporary file (exclusive, random name) and
 * renamed into place, so concurrent runs never see half an entry; an unreadable or foreign entry is a miss.
 * <dir>/CACHEDIR.TAG marks the folder as a cache for backup tools. Entries not written for 30 days are
 * removed, at most once a day.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FileResult } from './result';

const FORMAT = 1;
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;
const PRUNE_EVERY_MS = 24 * 3600 * 1000;

export interface KeyParts {
  content: string;
  reader: string;
  settings: unknown;
  summaries: boolean;
}

export class ResultCache {
  private readonly results: string;
  private ready = false;
  /** Why writing failed (the cache is then off for the rest of the run), once. */
  failure?: string;
  hits = 0;
  misses = 0;
  writes = 0;

  constructor(readonly dir: string, readonly checker: string) {
    this.results = join(dir, 'results');
  }

  key(p: KeyParts): string {
    return createHash('sha256').update(JSON.stringify([FORMAT, this.checker, p.reader, p.settings, p.summaries, p.content])).digest('hex');
  }

  private path(key: string): string {
    return join(this.results, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): FileResult | undefined {
    let text: string;
    try {
      text = readFileSync(this.path(key), 'utf8');
    } catch {
      this.misses++;
      return undefined;
    }
    try {
      const e = JSON.parse(text) as { key?: string; result?: FileResult };
      if (e.key === key && e.result && Array.isArray(e.result.findings)) {
        this.hits++;
        return e.result;
      }
    } catch {
      // A damaged entry is a miss; it is overwritten below.
    }
    this.misses++;
    return undefined;
  }

  /** Stores a result; `json` is the result already as JSON (from a worker thread). */
  put(key: string, result: FileResult, json?: string): void {
    if (this.failure) return;
    const target = this.path(key);
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      if (!this.ready) this.init();
      mkdirSync(join(this.results, key.slice(0, 2)), { recursive: true });
      const fd = openSync(tmp, 'wx', 0o600);
      try {
        writeSync(fd, `{"key":${JSON.stringify(key)},"result":${json ?? JSON.stringify(result)}}`);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, target);
      this.writes++;
    } catch (e) {
      rmSync(tmp, { force: true });
      this.failure = `${this.dir}: ${(e as Error).message}`;
    }
  }

  private init(): void {
    mkdirSync(this.results, { recursive: true });
    const tag = join(this.dir, 'CACHEDIR.TAG');
    try {
      statSync(tag);
    } catch {
      writeFileSync(tag, 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by budget (budget-lang): results of `budget check`.\n# For information about cache directory tags see https://bford.info/cachedir/\n');
    }
    this.ready = true;
  }

  /** Removes entries older than 30 days, at most once a day (called after a run that wrote entries). */
  prune(now = Date.now()): void {
    if (this.failure || !this.writes) return;
    const stamp = join(this.dir, 'last-prune');
    try {
      if (now - statSync(stamp).mtimeMs < PRUNE_EVERY_MS) return;
    } catch {
      // Never pruned: prune now.
    }
    try {
      writeFileSync(stamp, '');
      utimesSync(stamp, now / 1000, now / 1000);
      for (const sub of readdirSync(this.results)) {
        const d = join(this.results, sub);
        for (const f of readdirSync(d)) {
          const p = join(d, f);
          // Old entries, and temporary files left by a run that was interrupted.
          const age = now - statSync(p).mtimeMs;
          if (age > MAX_AGE_MS || (f.endsWith('.tmp') && age > 3600_000)) rmSync(p, { force: true });
        }
      }
    } catch {
      // Pruning is housekeeping: a failure is not the user's problem.
    }
  }
}

/** Identifies the checker: its version and the bytes of the analysis code. */
export function checkerId(version: string, analyzerFiles: string[]): string {
  const h = createHash('sha256').update(version);
  for (const f of analyzerFiles) {
    try {
      h.update(readFileSync(f));
    } catch {
      h.update(`missing:${f}`);
    }
  }
  return `${version}+${h.digest('hex').slice(0, 16)}`;
}

/**
 * The stat index (as git's index): for the files of one set of paths, each file's device, inode, size,
 * modification and change times with the SHA-256 of its bytes, so that an unchanged file is neither read nor
 * hashed again — a re-run of 2,000 files then reads only the one that changed. The results are still keyed by
 * content: a file whose metadata differ in any way is read and hashed. As in git, a file modified within two
 * seconds before it was indexed is not trusted (a change within the file system's timestamp granularity could
 * go unseen) and is read again next time. Stored in <cache>/stat/<hash of the paths>.json, written atomically
 * after the run; concurrent runs at worst rewrite it with equally valid entries.
 */
export class StatIndex {
  private readonly file: string;
  private entries: Record<string, [string, string, string, string, string, string]> = {};
  private changed = false;

  constructor(dir: string, roots: string[]) {
    this.file = join(dir, 'stat', `${createHash('sha256').update(JSON.stringify(roots)).digest('hex').slice(0, 32)}.json`);
    try {
      const e = JSON.parse(readFileSync(this.file, 'utf8')) as { format?: number; entries?: StatIndex['entries'] };
      if (e.format === FORMAT && e.entries && typeof e.entries === 'object') this.entries = e.entries;
    } catch {
      // No index yet (or a damaged one): every file is read.
    }
  }

  private static sig(st: import('node:fs').BigIntStats): [string, string, string, string, string] {
    return [String(st.dev), String(st.ino), String(st.size), String(st.mtimeNs), String(st.ctimeNs)];
  }

  /** The content hash recorded for the file as it is now, or undefined (then it must be read). */
  lookup(path: string, st: import('node:fs').BigIntStats): string | undefined {
    const e = this.entries[path];
    if (!e) return undefined;
    const s = StatIndex.sig(st);
    return s.every((v, i) => v === e[i]) ? e[5] : undefined;
  }

  /** Records the hash of bytes read after `st` was taken (a change in between makes the entry miss). */
  record(path: string, st: import('node:fs').BigIntStats, sha256: string, now = Date.now()): void {
    const racy = now - Number(st.mtimeNs / 1_000_000n) < 2000 || now - Number(st.ctimeNs / 1_000_000n) < 2000;
    if (racy) {
      if (this.entries[path]) {
        delete this.entries[path];
        this.changed = true;
      }
      return;
    }
    const e: StatIndex['entries'][string] = [...StatIndex.sig(st), sha256];
    const old = this.entries[path];
    if (!old || old.some((v, i) => v !== e[i])) {
      this.entries[path] = e;
      this.changed = true;
    }
  }

  save(): void {
    if (!this.changed) return;
    const tmp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(join(this.file, '..'), { recursive: true });
      const fd = openSync(tmp, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify({ format: FORMAT, entries: this.entries }));
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.file);
    } catch {
      rmSync(tmp, { force: true });
    }
  }
}
