/**
 * The extension's settings (`budget.*`), validated with zod one key at a time: a bad value produces a
 * bilingual warning and falls back to that key's default, the other keys keep their values. The keys are
 * declared with the same names in package.json "contributes.configuration".
 */
import { z } from 'zod';
export { resolveLocale } from './core/i18n';

export interface Settings {
  locale: 'auto' | 'zh-CN' | 'en';
  rounding: 'exact' | 'tolerant';
  catalogPath: string;
  diagnostics: { debounceMs: number };
  inlayHints: { enabled: boolean };
}

export const DEFAULT_SETTINGS: Settings = {
  locale: 'auto',
  rounding: 'exact',
  catalogPath: '',
  diagnostics: { debounceMs: 200 },
  inlayHints: { enabled: true },
};

/** One entry per setting: its dotted path under `budget`, schema and what a valid value looks like. */
const KEYS = [
  { path: ['locale'], schema: z.enum(['auto', 'zh-CN', 'en']), expected: { zh: '"auto"、"zh-CN" 或 "en"', en: '"auto", "zh-CN" or "en"' } },
  { path: ['rounding'], schema: z.enum(['exact', 'tolerant']), expected: { zh: '"exact" 或 "tolerant"', en: '"exact" or "tolerant"' } },
  { path: ['catalogPath'], schema: z.string(), expected: { zh: '字符串（文件路径）', en: 'a string (a file path)' } },
  { path: ['diagnostics', 'debounceMs'], schema: z.number().int().min(0).max(5000), expected: { zh: '0 到 5000 之间的整数', en: 'an integer from 0 to 5000' } },
  { path: ['inlayHints', 'enabled'], schema: z.boolean(), expected: { zh: 'true 或 false', en: 'true or false' } },
] as const;

export interface SettingsWarning {
  key: string;
  zh: string;
  en: string;
}

function get(obj: unknown, path: readonly string[]): unknown {
  if (obj === null || typeof obj !== 'object') return undefined;
  // Accept flat dotted keys ({ "diagnostics.debounceMs": 100 }) as well as nested objects.
  const flat = (obj as Record<string, unknown>)[path.join('.')];
  if (path.length > 1 && flat !== undefined) return flat;
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function set(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = target;
  for (const p of path.slice(0, -1)) cur = cur[p] as Record<string, unknown>;
  cur[path[path.length - 1]] = value;
}

/**
 * Validates the `budget` section as sent by the client (undefined/null means "all defaults"). Missing
 * keys take their defaults silently; invalid ones take their defaults with a warning.
 */
export function parseSettings(raw: unknown): { settings: Settings; warnings: SettingsWarning[] } {
  const settings: Settings = structuredClone(DEFAULT_SETTINGS);
  const warnings: SettingsWarning[] = [];
  if (raw !== undefined && raw !== null && typeof raw !== 'object') {
    warnings.push({ key: 'budget', zh: `设置 budget 应为对象，已全部使用默认值`, en: `The budget settings must be an object; using the defaults` });
    return { settings, warnings };
  }
  for (const k of KEYS) {
    const v = get(raw, k.path);
    if (v === undefined || v === null) continue;
    const r = k.schema.safeParse(v);
    const key = `budget.${k.path.join('.')}`;
    if (r.success) set(settings as unknown as Record<string, unknown>, k.path, r.data);
    else {
      const shown = JSON.stringify(v) ?? String(v);
      const def = JSON.stringify(get(DEFAULT_SETTINGS, k.path));
      warnings.push({
        key,
        zh: `设置 ${key} 的值 ${shown} 无效（应为${k.expected.zh}），已改用默认值 ${def}`,
        en: `The setting ${key} has an invalid value ${shown} (expected ${k.expected.en}); using the default ${def}`,
      });
    }
  }
  return { settings, warnings };
}


/** A warning as one bilingual line (Chinese first). */
export function warningText(w: SettingsWarning): string {
  return `${w.zh} / ${w.en}`;
}
