import type { Locale } from '../../core/i18n';
import type { Target } from '../discover';
import type { FileResult, Finding } from '../result';

/** One file of a run, as the output formats see it. */
export interface CheckedFile {
  target: Target;
  /** Absent when the file could not be checked (`failure` says why). */
  result?: FileResult;
  /** The findings to report (all, or those not in the baseline). */
  findings: Finding[];
  /** One line: why the file could not be checked, or why --fix could not write it. */
  failure?: string;
  /** Whether the failure is the checker's own (an internal error) rather than the file's. */
  internal?: boolean;
  /**
   * Not a file of the run: the department file of these units' files (as shown), found around them, with its
   * findings about them only (cli/run.ts departmentsFound). Not counted among the files checked.
   */
  forUnits?: string[];
}

export interface FormatContext {
  locale: Locale;
  version: string;
  cwd: string;
  /** Colour for a terminal (text format only). */
  color: boolean;
}
