/**
 * What checking one file gives the command line: plain data (no syntax tree, no offsets into a text that is
 * not kept), so that it crosses from a worker thread by structured clone and is stored in the result cache
 * as JSON. Positions are 1-based lines and columns counted in UTF-16 code units (as LSP and SARIF count).
 * Messages are kept as the registry's code and arguments, not as rendered text: the output locale is chosen
 * when printing, so switching `--locale` still hits the cache.
 */
import type { DiagnosticCode, Severity, Text2 } from '../core/diagnostics';
import type { Origin } from './readers';

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Finding extends Position {
  code: DiagnosticCode;
  severity: Severity;
  args: Record<string, string | number>;
  /** A window of the source line around the finding (the whole line when it is short). */
  source: { text: string; /** UTF-16 column (0-based) where `text` starts in the line. */ from: number; /** The line goes on after `text`. */ more: boolean };
  /** Fingerprint of the line's text (whitespace-insensitive), for baselines: stays when the line moves. */
  lineHash: string;
  /** The text the finding points at (the quoted figure), cut at 200 characters. */
  figure: string;
  /** `file`: another budget file (a 单位文件 or 上年文件, as shown: relative to the working directory). */
  related: Array<Position & { message: Text2; origin?: Origin; file?: string }>;
  /** For a document (PDF, workbook): where the finding's figure was printed. */
  origin?: Origin;
}

/** Key figures of one unit for the review report, formatted as the unit writes its amounts. */
export interface UnitSummary {
  name: string;
  department?: string;
  code?: string;
  year?: number;
  /** 1-based lines of the unit's block. */
  line: number;
  endLine: number;
  moneyUnit: string;
  /** A department's own (consolidated) figures rather than a unit's. */
  consolidated: boolean;
  /** Each as { text as shown, ticks (0.0001 元, exact, for sorting) }; absent when the budget does not state it. */
  income?: Amount;
  expense?: Amount;
  sangong?: Amount;
  projects: number;
  /** Sum of the projects' amounts; absent when a project has no amount (unknown is not zero). */
  projectTotal?: Amount;
}

export interface Amount {
  text: string;
  ticks: string;
}

export interface FileResult {
  lines: number;
  findings: Finding[];
  /** Over the size limit: nothing was parsed or checked (one BUD010 finding says so). */
  notChecked?: boolean;
  /** Only for `budget report`. */
  units?: UnitSummary[];
  /**
   * The files this result depends on besides the file itself (its 单位文件 and 上年文件 and what they reference in
   * turn): each resolved reference and the SHA-256 of each file read (null: missing). A cached result is used only
   * while they are unchanged (run.ts).
   */
  references?: {
    file: string;
    /** `root`: where the reference resolves when it is not the run's root for the file (a department found above). */
    resolved: Array<{ from: string; written: string; files: string[]; root?: string }>;
    hashes: Record<string, string | null>;
    /**
     * When the result asked which department files list a unit (BUD915, or a unit's own department): the roots
     * searched and the fingerprint of the budget files under them (paths.ts budgetFilesUnder; null: not to be
     * trusted), so that a department file added, removed or changed under the root re-checks it.
     */
    scans?: Array<{ roots: string[]; digest: string | null }>;
    /**
     * When it looked for its department in the folders above it (references/above.ts): the fingerprint of the
     * candidates (references/candidates.ts) and the departments found that were files of the run (reported as
     * themselves, so the result holds nothing of theirs: it stands only while they are files of the run); `none`:
     * no department file was in reach at all (then the result does not depend on the file's own path).
     */
    above?: { digest: string; inRun: string[]; none?: boolean };
  };
  /**
   * A unit's file checked without `--root`: each department file found above it that lists it and is not a file of
   * the run, with its findings about this unit (task.ts departmentsOf).
   */
  departments?: Array<{ file: string; result: FileResult }>;
}

/** Settings that change results; part of the cache key. */
export interface CheckSettings {
  rounding?: 'exact' | 'tolerant';
  /** Extra catalog files (`--catalog`), read by the main thread. */
  catalog?: Array<{ name: string; text: string }>;
}

export interface TaskInput {
  /** Position in the run's file list (results are put back in this order). */
  index: number;
  /** The path as shown to the user; also picks the reader by its extension. */
  file: string;
  bytes: Uint8Array;
  settings: CheckSettings;
  summaries: boolean;
  fix: boolean;
  /** The workspace root: references (单位文件, 上年文件) resolve inside it (default: the working directory). */
  root?: string;
  /** The other budget files of the run, which may list this file's units' files (a unit in two departments). */
  peers?: string[];
  /** `budget check` without `--root`: a unit's budget file reports the findings about it of its department found above (task.ts departmentsOf). */
  lookAround?: boolean;
}

export type TaskOutput =
  | {
      index: number;
      kind: 'ok';
      result: FileResult;
      /** The result as JSON, when it came from a worker thread (sent as a string: cheaper to pass than objects, and stored in the cache as is). */
      json?: string;
      /** `--fix`: the new bytes to write back and how many fixes they hold. */
      fixed?: { bytes: Uint8Array; count: number };
      /** With `fixed`: the results of the file as it was (shown when the fixed file cannot be written). */
      original?: FileResult;
      /** `--fix` could not produce the file's bytes (an encoding that cannot be written …); it was still checked. */
      fixError?: Text2;
    }
  | { index: number; kind: 'unreadable'; message: Text2 }
  | { index: number; kind: 'internal'; message: string };

/** workerData marker of the pool's workers (pool.ts, task.ts). */
export const WORKER_MARK = 'budget-check-worker/1';
