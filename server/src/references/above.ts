/**
 * A unit file opened where its department is not (the editor without a workspace folder, or with a folder that
 * holds the unit but not its department): the department files in the folders above it that list it among their
 * units' files (单位文件). Bounded and cancellable, so a file opened deep in a large tree never hangs the server:
 *
 * - at most UP_LEVELS folders above the file's own (its parent, grandparent and great-grandparent), never above the
 *   user's home folder and never the file system's root;
 * - in each, the budget files directly in it and in its immediate subfolders (a department in a sibling folder:
 *   `部门/某局.budget` with `单位文件 ../单位/*.budget`) — not hidden folders, node_modules, out or dist, nor the
 *   folders the caller already looked through (`covered`);
 * - at most MAX_ENTRIES directory entries read, MAX_READ budget files and MAX_BYTES bytes read in all; a file over
 *   MAX_FILE_BYTES, or one whose text does not name 单位文件, is not analysed;
 * - it stops at the nearest folder where a department listing the file was found;
 * - `cancelled()` is asked between every two reads.
 *
 * A department found lists the unit when one of its 单位文件 lines, resolved inside the folder above where it was
 * found (that folder is the department's root: its references may not leave it), names the file.
 */
import { promises as fsp } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { analyzeModel } from '../core/analyze';
import { decodeBuffer } from '../core/encoding';
import { MAX_FILE_BYTES } from './files';
import { inside, Roots, SKIPPED_FOLDERS } from './paths';

/** Folders looked in above the file's own. */
export const UP_LEVELS = 3;
/** Most directory entries read, and most budget files read, by one look upward. */
export const MAX_ENTRIES = 5000;
export const MAX_READ = 100;
export const MAX_BYTES = 32_000_000;

export interface FoundDepartment {
  /** The department file. */
  file: string;
  /** The folder above where it was found: where its references resolve. */
  root: string;
}

/** The folders above `file`'s own that are looked in, nearest first (see the module comment). */
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

export async function departmentsAbove(file: string, o: { covered?: (dir: string) => boolean; cancelled?: () => boolean; home?: string } = {}): Promise<FoundDepartment[]> {
  const covered = o.covered ?? (() => false);
  const cancelled = o.cancelled ?? (() => false);
  let entries = MAX_ENTRIES;
  let reads = MAX_READ;
  let bytes = MAX_BYTES;
  const found: FoundDepartment[] = [];
  const seen = new Set<string>();
  /** The budget files directly in `dir` (and its subfolders' when `sub`), within the budget. */
  const list = async (dir: string, sub: boolean): Promise<string[]> => {
    const out: string[] = [];
    let handle;
    try {
      handle = await fsp.opendir(dir);
    } catch {
      return out;
    }
    const subs: string[] = [];
    try {
      for await (const e of handle) {
        if (entries-- <= 0 || cancelled()) break;
        if (e.name.startsWith('.') || SKIPPED_FOLDERS.has(e.name)) continue;
        const p = join(dir, e.name);
        if (e.isFile() && e.name.endsWith('.budget')) out.push(p);
        else if (sub && e.isDirectory() && !covered(p)) subs.push(p);
      }
    } catch {
      // An unreadable folder: what was read stands.
    }
    for (const s of subs.sort()) out.push(...(await list(s, false)));
    return out;
  };
  for (const dir of foldersAbove(file, o.home)) {
    if (cancelled() || entries <= 0 || found.length) break;
    if (covered(dir)) continue;
    const roots = new Roots([dir]);
    for (const f of (await list(dir, true)).sort()) {
      if (cancelled() || reads-- <= 0) return found;
      if (seen.has(f)) continue;
      seen.add(f);
      let text: string;
      try {
        const st = await fsp.stat(f);
        if (!st.isFile() || st.size > MAX_FILE_BYTES || (bytes -= st.size) < 0) continue;
        const d = decodeBuffer(await fsp.readFile(f));
        if (d.error || !d.text.includes('单位文件')) continue;
        text = d.text;
      } catch {
        continue;
      }
      const a = analyzeModel(text);
      const lists = a.model.departments.some((dep) => dep.unitFiles.some((w) => {
        const res = roots.resolve(f, w.text);
        return res.kind === 'files' && res.files.includes(file);
      }));
      if (lists) found.push({ file: f, root: dir });
    }
  }
  return found;
}
