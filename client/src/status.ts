/**
 * Texts of the client's status bar and messages (localized with i18n.ts). No `vscode` import here, so that the
 * tests can check the texts without an editor.
 */
import { t } from './i18n';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Diagnostic severities as VS Code numbers them (Error = 0, Warning = 1, Information = 2, Hint = 3). */
export function countSeverities(severities: Iterable<number>): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const s of severities) {
    if (s === 0) c.errors++;
    else if (s === 1) c.warnings++;
    else c.infos++;
  }
  return c;
}

const errors = (n: number): string => (n === 1 ? t('{0} error', n) : t('{0} errors', n));
const warnings = (n: number): string => (n === 1 ? t('{0} warning', n) : t('{0} warnings', n));
const notes = (n: number): string => (n === 1 ? t('{0} note', n) : t('{0} notes', n));

/** The status bar item of the active budget document: ✓ No errors, or ✗ N errors · M warnings. */
export function statusText(c: Counts): { text: string; tooltip: string } {
  let text: string;
  if (c.errors > 0) text = `✗ ${errors(c.errors)} · ${warnings(c.warnings)}`;
  else if (c.warnings > 0) text = `✓ ${t('No errors')} · ${warnings(c.warnings)}`;
  else text = `✓ ${t('No errors')}`;
  const infos = c.infos ? t(', {0}', notes(c.infos)) : '';
  const tooltip = t('Budget check: {0}, {1}{2}. Click to open the Problems view.', errors(c.errors), warnings(c.warnings), infos);
  return { text, tooltip };
}

/** The status bar item while the language server is not running. */
export function serverStateText(state: 'starting' | 'stopped'): { text: string; tooltip: string } {
  return state === 'starting'
    ? { text: `$(sync~spin) ${t('Budget: starting…')}`, tooltip: t('The budget language server is starting') }
    : { text: `$(debug-disconnect) ${t('Budget: server stopped')}`, tooltip: t('The budget language server is not running. Click to restart.') };
}

/** The summary shown after checking the workspace. */
export function workspaceSummary(files: number, c: Counts): string {
  const checked = files === 1 ? t('{0} budget file', files) : t('{0} budget files', files);
  return t('Checked {0}: {1}, {2}.', checked, errors(c.errors), warnings(c.warnings));
}
