/**
 * The department files around a unit file: which budget files under the roots name it among their units' files
 * (单位文件) — for BUD915 (a unit in two departments) beyond the files the caller happens to hold. Synchronous
 * (the command line's worker threads), bounded (at most MAX_SCANNED budget files and MAX_DIRS folders, depth 20,
 * no hidden folders or node_modules) so a run from a large folder never hangs; each file's text is tested for
 * `单位文件` before it is analysed, and the result is kept for the resolver's life (one run).
 */
import { readFileSync, statSync } from 'node:fs';
import { decodeBuffer } from '../core/encoding';
import type { FileId } from '../core/references';
import type { FsResolver } from './files';
import { budgetFilesUnder, MAX_FILE_BYTES } from './paths';

const NAMES_UNIT_FILES = /单位文件/;

/** Unit file → the department files under the roots that list it (built on first use, then kept). */
export class DepartmentIndex {
  private listed?: Map<FileId, FileId[]>;
  /** The department files found (for a cache that must know what a result depended on). */
  departments: FileId[] = [];
  /**
   * The fingerprint of the budget files under the roots, taken before they were read (paths.ts budgetFilesUnder):
   * a cached result that asked who lists a unit stands only while it is the same. Undefined: not trusted (a file
   * was modified just now) or not built yet.
   */
  digest?: string;

  constructor(private readonly roots: string[], private readonly resolver: FsResolver, private readonly extra: () => FileId[] = () => []) {}

  listedBy(unit: FileId, except: FileId): FileId[] {
    return (this.build().get(unit) ?? []).filter((d) => d !== except);
  }

  private build(): Map<FileId, FileId[]> {
    if (this.listed) return this.listed;
    const listed = new Map<FileId, FileId[]>();
    const under = budgetFilesUnder(this.roots, { digest: true });
    this.digest = under.digest;
    const candidates = new Set([...under.files, ...this.extra()]);
    for (const file of candidates) {
      if (!namesUnitFiles(file)) continue;
      const a = this.resolver.analysis(file);
      let any = false;
      for (const d of a?.model.departments ?? []) for (const w of d.unitFiles) {
        const res = this.resolver.resolve(file, w.text);
        if (res.kind !== 'files') continue;
        for (const u of res.files) {
          any = true;
          const l = listed.get(u);
          if (!l) listed.set(u, [file]);
          else if (!l.includes(file)) l.push(file);
        }
      }
      if (any) this.departments.push(file);
    }
    return (this.listed = listed);
  }
}

/** Whether a file's text names 单位文件 (read and decoded, not analysed). */
function namesUnitFiles(file: string): boolean {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return false;
    const d = decodeBuffer(readFileSync(file));
    return !d.error && NAMES_UNIT_FILES.test(d.text);
  } catch {
    return false;
  }
}
