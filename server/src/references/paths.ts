/**
 * Where a path or glob written in a budget file leads (单位文件, 上年文件), without reading any file: the part of
 * resolution the command line's main thread needs too (to tell whether a cached result is still current), so it
 * imports nothing of the analysis. A reference may not leave the workspace (its roots) — not by `..`, not by an
 * absolute path, not by a symbolic link; a glob matches at most MAX_GLOB_FILES files under its folder, sorted.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FileId, Resolution } from '../core/references';

const picomatch = (): typeof import('picomatch') => require('picomatch') as typeof import('picomatch');

/** Most files a glob names. */
export const MAX_GLOB_FILES = 5000;

const GLOB = /[*?[\]{}]/;

function inside(root: string, p: string): boolean {
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
    });
    return { kind: 'files', files: files.sort(), glob: true };
  }

  /** A file as shown in messages: relative to its root. */
  display(file: FileId): string {
    const root = this.rootOf(file);
    return toPosix(root ? relative(root, file) : file);
  }
}
