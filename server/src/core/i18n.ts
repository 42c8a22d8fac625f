/**
 * The two languages of the checker's messages, hovers, completions and tables, the one rule that picks one, and the
 * one helper that picks a text in it. The language server, the command line and the core all use these.
 */
import type { Text2 } from './diagnostics';

export type Locale = 'zh-CN' | 'en';

/**
 * The locale: the setting when it names one (`zh-CN`, `en`), else (`auto`, none) English when the hint — the
 * editor's display language, or the environment's `LANG` — is English (`en`, `en-US`, `en_US.UTF-8`), else Chinese.
 */
export function resolveLocale(setting: string | undefined, hint: string | undefined): Locale {
  if (setting === 'zh-CN' || setting === 'en') return setting;
  return hint && /^en(?![a-z])/i.test(hint) ? 'en' : 'zh-CN';
}

/** The text of a locale. */
export function tr(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}

/** A bilingual text in a locale. */
export function pick(locale: Locale, t: Text2): string {
  return tr(locale, t.zh, t.en);
}
