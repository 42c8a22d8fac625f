/**
 * The client's user-visible texts, localized the VS Code way: the English text is the message (`t('…')`,
 * @vscode/l10n) and l10n/bundle.l10n.zh-cn.json gives its Chinese. The language is the budget.locale setting, or
 * VS Code's display language for `auto` — the same rule as the server's messages (server/src/settings.ts) — so the
 * status bar and the diagnostics always speak the same language. No `vscode` import here: the tests load the
 * bundles without an editor.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';

export type Locale = 'zh-CN' | 'en';

/**
 * The locale of the UI: the `budget.locale` setting, or (for `auto`) English when VS Code's display language
 * is English and Chinese otherwise.
 */
export function resolveLocale(setting: string | undefined, envLanguage: string | undefined): Locale {
  if (setting === 'zh-CN' || setting === 'en') return setting;
  return /^en\b/i.test(envLanguage ?? '') ? 'en' : 'zh-CN';
}

/** The bundle file of a locale's texts (English is the source: no bundle). */
function bundleFile(l10nDir: string, locale: Locale): string | undefined {
  return locale === 'zh-CN' ? join(l10nDir, 'bundle.l10n.zh-cn.json') : undefined;
}

let current: Locale | undefined;

/** Makes `t` answer in `locale`; `l10nDir` is the extension's l10n folder (package.json "l10n"). */
export function useLocale(locale: Locale, l10nDir: string): void {
  if (current === locale) return;
  const file = bundleFile(l10nDir, locale);
  l10n.config({ contents: file ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {} });
  current = locale;
}

/** The text in the current locale: `t('Checked {0}: {1}, {2}.', a, b, c)`. */
export const t = l10n.t;
