/**
 * A unit file opened where its department is not (the editor without a workspace folder, or with a folder that
 * holds the unit but not its department): the department files in the folders above it that list it among their
 * units' files (单位文件). Bounded and cancellable, so a file opened deep in a large tree never hangs the server:
 *
 * - at most UP_LEVELS folders above the file's own (its parent, grandparent and great-grandparent), never above the
 *   user's home folder and never the file system's root;
 * - in each, the budget files directly in it and in its immediate subfolders (a department in a sibling folder:
 *   `部门/某局.budget` with `单位文件 ../单位/*.budget`) — not hidden folders, node_modules, out or dist, nor the
 *   folders the caller already looked through (`covered`); at most MAX_ENTRIES directory entries read in all (this
 *   listing is paths.ts budgetFilesAbove, which the command line's result cache also fingerprints);
 * - at most MAX_READ budget files and MAX_BYTES bytes read in all; a file over MAX_FILE_BYTES, or one whose text does
 *   not name 单位文件, is not analysed;
 * - it stops at the nearest folder where a department listing the file was found;
 * - `cancelled()` is asked between every two reads.
 *
 * The server looks upward for a unit file it opens (lsp/references.ts lookAbove), the command line for a unit file it
 * checks without `--root` (cli/task.ts): one implementation.
 *
 * A department found lists the unit when one of its 单位文件 lines, resolved inside the folder above where it was
 * found (that folder is the department's root: its references may not leave it), names the file.
 */
import { promises as fsp } from 'node:fs';
import { analyzeModel } from '../core/analyze';
import { decodeBuffer } from '../core/encoding';
import { MAX_FILE_BYTES } from './files';
import { budgetFilesAbove, Roots, type AboveListing } from './paths';

/** Most budget files read, and most bytes, by one look upward. */
export const MAX_READ = 100;
export const MAX_BYTES = 32_000_000;

export interface FoundDepartment {
  /** The department file. */
  file: string;
  /** The folder above where it was found: where its references resolve. */
  root: string;
}

/**
 * The department files above `file` that list it (see the module comment). `listing`: the candidates as the caller
 * already listed them (paths.ts budgetFilesAbove, with the same `covered` and `home`), e.g. with their fingerprint.
 */
export async function departmentsAbove(file: string, o: { covered?: (dir: string) => boolean; cancelled?: () => boolean; home?: string; listing?: AboveListing } = {}): Promise<FoundDepartment[]> {
  const cancelled = o.cancelled ?? (() => false);
  const listing = o.listing ?? budgetFilesAbove(file, { covered: o.covered, home: o.home });
  let reads = MAX_READ;
  let bytes = MAX_BYTES;
  const found: FoundDepartment[] = [];
  const seen = new Set<string>();
  for (const { dir, files } of listing.folders) {
    if (cancelled() || found.length) break;
    const roots = new Roots([dir]);
    for (const f of files) {
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
