/**
 * A unit file opened (or checked) where its department is not — the editor without a workspace folder, or with a
 * folder that holds the unit but not its department; the command line without `--root` — : the department files in
 * the folders above it that list it among their units' files (单位文件). The candidates are found by
 * references/candidates.ts (bounded: three levels, never above the home folder nor the file system's root, 5,000
 * entries, 100 files, 32 MB); here each is analysed, and the look stops at the nearest folder where a department
 * listing the file was found.
 *
 * The server looks upward for a unit file it opens (lsp/references.ts lookAbove), the command line for a unit file it
 * checks without `--root` (cli/task.ts): one implementation.
 *
 * A department found lists the unit when one of its 单位文件 lines, resolved inside the folder above where it was
 * found (that folder is the department's root: its references may not leave it), names the file.
 */
import { analyzeModel } from '../core/analyze';
import { candidatesAbove, type AboveOptions, type Candidates } from './candidates';
import { Roots } from './paths';

export interface FoundDepartment {
  /** The department file. */
  file: string;
  /** The folder above where it was found: where its references resolve. */
  root: string;
}

/** Each candidate's units' files, resolved in its folder (per look: many unit files of one folder share it). */
const LISTED = new WeakMap<Candidates, Map<string, string[]>>();

/**
 * The department files above `file` that list it. `candidates`: as the caller already read them
 * (candidatesAbove with the same options), e.g. for their fingerprint, or shared by the files of one folder.
 */
export async function departmentsAbove(file: string, o: AboveOptions & { candidates?: Candidates } = {}): Promise<FoundDepartment[]> {
  const candidates = o.candidates ?? candidatesAbove(file, o);
  let listed = LISTED.get(candidates);
  if (!listed) LISTED.set(candidates, (listed = new Map()));
  for (const { dir, departments } of candidates.folders) {
    const roots = new Roots([dir]);
    const found: FoundDepartment[] = [];
    for (const d of departments) {
      let files = listed.get(d.file);
      if (!files) {
        files = [];
        for (const dep of analyzeModel(d.text).model.departments) for (const w of dep.unitFiles) {
          const res = roots.resolve(d.file, w.text);
          if (res.kind === 'files') files.push(...res.files);
        }
        listed.set(d.file, files);
      }
      if (files.includes(file)) found.push({ file: d.file, root: dir });
    }
    if (found.length) return found;
  }
  return [];
}
