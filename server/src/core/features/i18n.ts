/** Small helpers for bilingual feature text. */
import type { ClassKind } from '../catalog';
import { parseSourceKey } from '../compute';
import type { Text2 } from '../diagnostics';
import { formatMoney, type Money, type MoneyUnit } from '../money';

import { tr, type Locale } from '../i18n';

export { pick, tr } from '../i18n';

export const CLASS_NAMES: Record<ClassKind, Text2> = {
  func: { zh: '支出功能分类', en: 'function classification' },
  econ: { zh: '部门经济分类', en: 'department economic classification' },
  gov: { zh: '政府经济分类', en: 'government economic classification' },
};

export const SECTION_WORDS: Record<ClassKind, string> = { func: '支出', econ: '经济分类', gov: '政府经济分类' };

/** A source key (`上年结转:一般公共预算`) as readers write it. */
export function sourceLabel(key: string, locale: Locale): string {
  const s = parseSourceKey(key);
  return s.carried ? tr(locale, `上年结转 ${s.source}`, `${s.source} (carried over)`) : s.source;
}

export function money(v: Money, unit: MoneyUnit): string {
  return formatMoney(v, unit);
}

/** A signed difference: `+0.01`, `-3.00`. */
export function signed(v: Money, unit: MoneyUnit): string {
  return (v > 0n ? '+' : '') + formatMoney(v, unit);
}

/** Escapes Markdown table/emphasis characters in user text. */
export function md(s: string): string {
  return s.replace(/([\\`*_|<>[\]])/g, '\\$1');
}
