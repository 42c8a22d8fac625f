/**
 * Texts of the client's user interface (status bar, messages), in Chinese and English. No `vscode` import here,
 * so that the tests can check the texts without an editor.
 */

export type Locale = 'zh-CN' | 'en';

/**
 * The locale of the UI: the `budget.locale` setting, or (for `auto`) English when VS Code's display language
 * is English and Chinese otherwise — the same rule as the server's messages (server/src/settings.ts).
 */
export function resolveLocale(setting: string | undefined, envLanguage: string | undefined): Locale {
  if (setting === 'zh-CN' || setting === 'en') return setting;
  return /^en\b/i.test(envLanguage ?? '') ? 'en' : 'zh-CN';
}

/** Picks the text of a locale. */
export function tr(locale: Locale, zh: string, en: string): string {
  return locale === 'zh-CN' ? zh : en;
}

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

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The status bar item of the active budget document: ✓ 无错误 or ✗ N 个错误 · M 个警告. */
export function statusText(c: Counts, locale: Locale): { text: string; tooltip: string } {
  const zh = locale === 'zh-CN';
  const errors = zh ? `${c.errors} 个错误` : plural(c.errors, 'error', 'errors');
  const warnings = zh ? `${c.warnings} 个警告` : plural(c.warnings, 'warning', 'warnings');
  let text: string;
  if (c.errors > 0) text = `✗ ${errors} · ${warnings}`;
  else if (c.warnings > 0) text = `✓ ${zh ? '无错误' : 'No errors'} · ${warnings}`;
  else text = `✓ ${zh ? '无错误' : 'No errors'}`;
  const infos = c.infos ? (zh ? `，${c.infos} 条提示` : `, ${plural(c.infos, 'note', 'notes')}`) : '';
  const tooltip = zh
    ? `预算核对：${errors}，${warnings}${infos}。点击打开“问题”视图。`
    : `Budget check: ${errors}, ${warnings}${infos}. Click to open the Problems view.`;
  return { text, tooltip };
}

/** The status bar item while the language server is not running. */
export function serverStateText(state: 'starting' | 'stopped', locale: Locale): { text: string; tooltip: string } {
  return state === 'starting'
    ? { text: `$(sync~spin) ${tr(locale, '预算：正在启动…', 'Budget: starting…')}`, tooltip: tr(locale, '预算语言服务器正在启动', 'The budget language server is starting') }
    : {
        text: `$(debug-disconnect) ${tr(locale, '预算：服务器已停止', 'Budget: server stopped')}`,
        tooltip: tr(locale, '预算语言服务器未运行。点击重启。', 'The budget language server is not running. Click to restart.'),
      };
}

/** The summary shown after checking the workspace. */
export function workspaceSummary(files: number, c: Counts, locale: Locale): string {
  if (locale === 'zh-CN') return `已检查 ${files} 个预算文件：${c.errors} 个错误，${c.warnings} 个警告。`;
  return `Checked ${plural(files, 'budget file', 'budget files')}: ${plural(c.errors, 'error', 'errors')}, ${plural(c.warnings, 'warning', 'warnings')}.`;
}
