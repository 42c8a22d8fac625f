/**
 * Command-line options: each command declares its options (name, value, bilingual help) once; they are parsed
 * with Node's own `util.parseArgs` (strict: an unknown option is a usage error) and listed in the command's
 * help from the same declarations.
 */
import { parseArgs } from 'node:util';
import type { Text2 } from '../core/diagnostics';
import type { Locale } from '../core/i18n';
import { displayWidth } from '../core/width';
import { UsageError } from './io';

export interface OptionSpec {
  name: string;
  short?: string;
  /** A value is expected (its placeholder in the help), else a flag. */
  value?: string;
  multiple?: boolean;
  choices?: string[];
  help: Text2;
}

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Parsed {
  values: Values;
  positionals: string[];
}

export function parse(args: string[], specs: OptionSpec[]): Parsed {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const s of specs) options[s.name] = { type: s.value ? 'string' : 'boolean', ...(s.short ? { short: s.short } : {}), ...(s.multiple ? { multiple: true } : {}) };
  let r: ReturnType<typeof parseArgs>;
  try {
    r = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const m = /'([^']+)'/.exec((e as Error).message);
    const opt = m?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`未知选项 unknown option: ${opt}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = opt.replace(/^-+/, '').split(/[ ,<]/)[0];
      const spec = specs.find((s) => s.name === name || s.short === name);
      throw new UsageError(spec?.value
        ? `选项 --${spec.name} 需要一个值 / option --${spec.name} needs a value (${spec.value})`
        : `选项 ${opt} 不带值 / option ${opt} takes no value`);
    }
    throw new UsageError((e as Error).message);
  }
  const values = r.values as Values;
  for (const s of specs) {
    const v = values[s.name];
    if (s.choices && typeof v === 'string' && !s.choices.includes(v)) {
      throw new UsageError(`--${s.name} ${v}: 应为 must be ${s.choices.join(' | ')}`);
    }
  }
  return { values, positionals: r.positionals };
}

/** The options part of a command's help. */
export function optionsHelp(specs: OptionSpec[], locale: Locale): string {
  const left = specs.map((s) => `${s.short ? `-${s.short}, ` : '    '}--${s.name}${s.value ? ` ${s.value}` : ''}`);
  const width = Math.max(...left.map((l) => displayWidth(l))) + 2;
  return specs.map((s, i) => {
    const help = locale === 'en' ? `${s.help.en}` : `${s.help.zh} · ${s.help.en}`;
    return `  ${left[i]}${' '.repeat(width - displayWidth(left[i]))}${help}`;
  }).join('\n');
}

export function str(v: Values[string]): string | undefined {
  return typeof v === 'string' ? v : Array.isArray(v) ? v[v.length - 1] : undefined;
}

export function list(v: Values[string]): string[] {
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}
