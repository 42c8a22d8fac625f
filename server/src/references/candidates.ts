/**
 * The department files that may list a unit file, in the folders above it — listed and read, not analysed: the part
 * of the look upward (references/above.ts) that the command line's main thread needs too, to tell whether a cached
 * result that looked would see the same departments (it imports nothing of the analysis). Bounded, so a file deep in
 * a large tree never hangs:
 *
 * - at most UP_LEVELS folders above the file's own (its parent, grandparent and great-grandparent), never above the
 *   user's home folder and never the file system's root;
 * - in each, the budget files directly in it and in its immediate subfolders (a department in a sibling folder:
 *   `部门/某局.budget` with `单位文件 ../单位/*.budget`; the file's own folder is one of them) — not hidden folders,
 *   node_modules, out or dist, nor the folders `covered` (the caller already looked through them); at most
 *   MAX_ENTRIES directory entries read in all;
 * - at most MAX_READ budget files and MAX_BYTES bytes read in all, nearest folder first and, in each, the subfolder
 *   on the way down to the file last (its sibling units); a file over MAX_FILE_BYTES is not read; a file whose text
 *   does not name 单位文件 is no candidate.
 *
 * The fingerprint is made of the candidates' paths and contents only: a unit file beside it that changes, appears or
 * goes changes nothing unless it names 单位文件 (or moves a candidate out of the bounds).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { decodeBuffer } from '../core/encoding';
import { inside, MAX_FILE_BYTES, SKIPPED_FOLDERS } from './paths';

/** Folders looked in above a file's own. */
export const UP_LEVELS = 3;
/** Most directory entries read, most budget files read and most bytes read by one look upward. */
export const MAX_ENTRIES = 5000;
export const MAX_READ = 100;
export const MAX_BYTES = 32_000_000;

/** The folders above `file`'s own that are looked in (see the module comment), nearest first. */
export function foldersAbove(file: string, home = homedir()): string[] {
  const out: string[] = [];
  let d = dirname(file);
  const top = parse(d).root;
  for (let i = 0; i < UP_LEVELS; i++) {
    // Not above the home folder (when the file is under it), never the file system's root.
    if (home && inside(d, home) && d !== home) break;
    if (d === home) break;
    const up = dirname(d);
    if (up === d || up === top) break;
    out.push(up);
    d = up;
  }
  return out;
}

export interface Candidates {
  /** Each folder above looked in, nearest first, with the files in it (or its subfolders) that name 单位文件, sorted. */
  folders: Array<{ dir: string; departments: Array<{ file: string; text: string }> }>;
  /** SHA-256 of the folders and of each candidate's path and bytes. */
  digest: string;
}

export interface AboveOptions {
  covered?: (dir: string) => boolean;
  /** Asked between every two reads: true stops the look (what was found stands). */
  cancelled?: () => boolean;
  home?: string;
}

export function candidatesAbove(file: string, o: AboveOptions = {}): Candidates {
  const covered = o.covered ?? (() => false);
  const cancelled = o.cancelled ?? (() => false);
  let entries = MAX_ENTRIES;
  let reads = MAX_READ;
  let bytes = MAX_BYTES;
  const list = (dir: string, sub: boolean): string[] => {
    const out: string[] = [];
    let all: Dirent[];
    try {
      all = readdirSync(dir, { withFileTypes: true });
    } catch {
      return out;
    }
    const subs: string[] = [];
    for (const e of all.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) {
      if (entries-- <= 0) break;
      if (e.name.startsWith('.') || SKIPPED_FOLDERS.has(e.name)) continue;
      const p = join(dir, e.name);
      if (e.isFile() && e.name.endsWith('.budget')) out.push(p);
      else if (sub && e.isDirectory() && !covered(p)) subs.push(p);
    }
    for (const s of subs) out.push(...list(s, false));
    return out;
  };
  const h = createHash('sha256');
  const folders: Candidates['folders'] = [];
  const seen = new Set<string>();
  for (const dir of foldersAbove(file, o.home)) {
    if (entries <= 0 || reads <= 0 || cancelled()) break;
    if (covered(dir)) continue;
    const departments: Candidates['folders'][number]['departments'] = [];
    // The folder on the way down to the file (its own, or one holding it) last: mostly its sibling units, which
    // would otherwise take the reads before a department in another subfolder (部门/ after 单位/) is reached.
    const own = (p: string): boolean => inside(dirname(p), file) && dirname(p) !== dir;
    const listed = list(dir, true).sort();
    for (const f of [...listed.filter((p) => !own(p)), ...listed.filter(own)]) {
      if (reads <= 0 || cancelled()) break;
      if (seen.has(f)) continue;
      seen.add(f);
      reads--;
      try {
        const st = statSync(f);
        if (!st.isFile() || st.size > MAX_FILE_BYTES || (bytes -= st.size) < 0) continue;
        const buf = readFileSync(f);
        const d = decodeBuffer(buf);
        if (d.error || !d.text.includes('单位文件')) continue;
        departments.push({ file: f, text: d.text });
        h.update(`${f}\0${createHash('sha256').update(buf).digest('hex')}\0`);
      } catch {
        continue;
      }
    }
    h.update(`${dir}\0\0`);
    folders.push({ dir, departments });
  }
  return { folders, digest: h.digest('hex') };
}
