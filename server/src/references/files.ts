/**
 * Budget files referenced by other budget files (单位文件, 上年文件), read from disk: the `FileResolver` the core's
 * references.ts takes, shared by the command line (cli/task.ts) and the language server. Paths resolve inside the
 * workspace (paths.ts); files are decoded as the CLI decodes them and analysed once per content (the cache is keyed
 * by modification time and size); an open document's own analysis is taken first.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { analyze, type Analysis, type AnalyzeOptions } from '../core/analyze';
import { decodeBuffer } from '../core/encoding';
import type { FileId, FileResolver, Resolution } from '../core/references';
import { MAX_FILE_BYTES, Roots } from './paths';

export interface FsResolverOptions {
  /** The workspace roots (absolute): nothing outside them is read. */
  roots: string[];
  analyzeOptions?: AnalyzeOptions;
  /** The analysis of a file the caller holds itself (an open document), before disk is read. */
  open?: (file: FileId) => Analysis | undefined;
  listedBy?: FileResolver['listedBy'];
}

export class FsResolver implements FileResolver {
  private readonly cache = new Map<string, { mtime: number; size: number; analysis: Analysis | undefined; sha256: string | null }>();
  readonly roots: Roots;

  constructor(private readonly o: FsResolverOptions) {
    this.roots = new Roots(o.roots);
  }

  resolve(from: FileId, written: string): Resolution {
    return this.roots.resolve(from, written);
  }

  analysis(file: FileId): Analysis | undefined {
    const open = this.o.open?.(file);
    if (open) return open;
    let st;
    try {
      st = statSync(file);
    } catch {
      this.cache.delete(file);
      return undefined;
    }
    if (!st.isFile() || st.size > MAX_FILE_BYTES) return undefined;
    const hit = this.cache.get(file);
    if (hit && hit.mtime === st.mtimeMs && hit.size === st.size) return hit.analysis;
    let analysis: Analysis | undefined;
    let sha256: string | null = null;
    try {
      // Read once: the analysis and the hash are of the same bytes (a change after the read is a change the result
      // cache sees, not one it misses).
      const bytes = readFileSync(file);
      sha256 = createHash('sha256').update(bytes).digest('hex');
      const d = decodeBuffer(bytes);
      analysis = d.error ? undefined : analyze(d.text, this.o.analyzeOptions);
    } catch {
      analysis = undefined;
    }
    this.cache.set(file, { mtime: st.mtimeMs, size: st.size, analysis, sha256 });
    return analysis;
  }

  /**
   * The SHA-256 of the bytes behind the file's analysis as last read from disk (null: it could not be read;
   * undefined: not read from disk — not yet, or an open document's). Neither reads nor stats the file.
   */
  analysedHash(file: FileId): string | null | undefined {
    return this.cache.get(file)?.sha256;
  }

  /** Forgets a file's analysis (it changed on disk). */
  forget(file: FileId): void {
    this.cache.delete(file);
  }

  listedBy(unit: FileId, except: FileId): FileId[] {
    return this.o.listedBy?.(unit, except) ?? [];
  }

  display(file: FileId): string {
    return this.roots.display(file);
  }
}
