/**
 * Where a path or glob written in a budget file leads (单位文件, 上年文件), without reading any file: the part of
 * resolution the command line's main thread needs too (to tell whether a cached result is still current), so it
 * imports nothing of the analysis. A reference may not leave the workspace (its roots) — not by `..`, not by an
 * absolute path, not by a symbolic link; a glob matches at most MAX_GLOB_FILES files under its folder, sorted (and
 * reads at most MAX_DIRS folders).
 */
import { createHash } from 'node:crypto';
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FileId, Resolution } from '../core/references';

const picomatch = (): typeof import('picomatch') => require('picomatch') as typeof import('picomatch');

/** Largest referenced file read (bytes): 4 bytes a character at the core's size limit. */
export const MAX_FILE_BYTES = 16_000_000;

/** Most files a glob names. */
export const MAX_GLOB_FILES = 5000;

const GLOB = /[*?[\]{}]/;

/** Whether `p` is `root` or lies under it. */
export function inside(root: string, p: string): boolean {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

export function toPosix(p: string): string {
  return p.split(sep).join('/');
}

/**
 * Walks the files under `dir` (depth 20, no hidden folders, none of `skip`), calling `visit` for each entry that is
 * not a folder until it returns false or `maxDirs` folders were read. Returns false when it stopped before the end.
 */
export function walkFiles(dir: string, visit: (path: string, entry: Dirent) => boolean, o: { skip?: ReadonlySet<string>; maxDirs?: number } = {}): boolean {
  const skip = o.skip ?? new Set(['node_modules']);
  let dirs = o.maxDirs ?? Infinity;
  let going = true;
  const walk = (d: string, depth: number): void => {
    if (depth > 20 || dirs-- <= 0) {
      going = false;
      return;
    }
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!going) return;
      if (e.name.startsWith('.') || skip.has(e.name)) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else going = visit(p, e);
    }
  };
  walk(dir, 0);
  return going;
}

/** Most budget files listed under the roots, and most folders read (the search for department files). */
export const MAX_SCANNED = 5000;
export const MAX_DIRS = 20000;

/** Folders never searched for budget files (besides hidden ones). */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'out', 'dist']);

/** A file modified this recently (ms) may change again within its timestamp's granularity: not trusted (as git's index). */
const RACY_MS = 2000;

/**
 * The .budget files under `roots`, bounded (at most MAX_SCANNED files and MAX_DIRS folders, depth 20, no hidden
 * folders, node_modules, out or dist), sorted. With `digest`: also a fingerprint of the listing (see fingerprint)
 * that changes when a budget file under the roots is added, removed or changed (the result cache's test that a
 * search for departments would find the same files). Costs a folder walk and a stat per budget file, no reads.
 */
export function budgetFilesUnder(roots: string[], o: { digest?: boolean; now?: number } = {}): { files: string[]; complete: boolean; digest?: string } {
  const files: string[] = [];
  let complete = true;
  for (const r of roots) {
    if (!complete) break;
    complete = walkFiles(r, (p, e) => {
      if (e.isFile() && e.name.endsWith('.budget')) files.push(p);
      return files.length < MAX_SCANNED;
    }, { skip: SKIPPED_FOLDERS, maxDirs: MAX_DIRS });
  }
  files.sort();
  if (!o.digest) return { files, complete };
  return { files, complete, digest: fingerprint([roots, complete], files, o.now) };
}

/**
 * A fingerprint of listed files — each file's path, size, modification and change times, after `head` — that
 * changes when one is added, removed or changed; undefined when a file was modified within the last two seconds (a
 * write within its timestamp's granularity could go unseen, as in git's index: then no cached result trusts it).
 */
export function fingerprint(head: unknown, files: readonly string[], now = Date.now()): string | undefined {
  const h = createHash('sha256').update(JSON.stringify(head));
  for (const f of files) {
    let sig = 'gone';
    try {
      const st = statSync(f, { bigint: true });
      if (now - Number(st.mtimeNs / 1_000_000n) < RACY_MS) return undefined;
      sig = `${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
    } catch {
      // Gone since it was listed: part of the fingerprint as such.
    }
    h.update(`${f}\0${sig}\0`);
  }
  return h.digest('hex');
}

/** The workspace roots, and path resolution inside them. */
export class Roots {
  private readonly real: string[];

  constructor(readonly roots: string[]) {
    this.real = roots.map((r) => {
      try {
        return realpathSync(r);
      } catch {
        return r;
      }
    });
  }

  /** The root a path lies in. */
  rootOf(p: string): string | undefined {
    return this.roots.find((r) => inside(r, p));
  }

  /** Whether a file (following links) stays inside a root. */
  private safe(p: string): boolean {
    try {
      const real = realpathSync(p);
      return this.real.some((r) => inside(r, real));
    } catch {
      return false;
    }
  }

  resolve(from: FileId, written: string): Resolution {
    if (written.includes('\0')) return { kind: 'refused', why: { zh: '路径中有空字符', en: 'the path holds a NUL character' } };
    if (isAbsolute(written) || /^[a-zA-Z]:[\\/]/.test(written) || written.startsWith('\\\\')) {
      return { kind: 'refused', why: { zh: '只能写相对本文件的路径，不能写绝对路径', en: 'write a path relative to this file, not an absolute path' } };
    }
    const base = dirname(from);
    const outside = { kind: 'refused', why: { zh: '路径在工作区之外', en: 'the path leads outside the workspace' } } as const;
    if (!GLOB.test(written)) {
      const p = resolve(base, written);
      if (!this.rootOf(p)) return outside;
      let st;
      try {
        st = statSync(p);
      } catch {
        return { kind: 'files', files: [], glob: false };
      }
      if (!st.isFile()) return { kind: 'files', files: [], glob: false };
      if (!this.safe(p)) return { kind: 'refused', why: { zh: '链接指向工作区之外', en: 'a link leads outside the workspace' } };
      return { kind: 'files', files: [p], glob: false };
    }
    const scan = picomatch().scan(written);
    const dir = resolve(base, scan.base || '.');
    if (!this.rootOf(dir)) return outside;
    const isMatch = picomatch()(toPosix(scan.glob), { dot: false });
    const files: string[] = [];
    walkFiles(dir, (p, e) => {
      if ((e.isFile() || e.isSymbolicLink()) && isMatch(toPosix(relative(dir, p))) && this.safe(p)) files.push(p);
      return files.length < MAX_GLOB_FILES;
    }, { maxDirs: MAX_DIRS });
    return { kind: 'files', files: files.sort(), glob: true };
  }

  /** A file as shown in messages: relative to its root. */
  display(file: FileId): string {
    const root = this.rootOf(file);
    return toPosix(root ? relative(root, file) : file);
  }
}
