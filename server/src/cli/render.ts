/** `budget render`: the 18 standard tables of one file as JSON, HTML, CSV or XLSX. */
import { list, str, type OptionSpec, type Parsed } from './args';
import { localeOf, RUN_OPTIONS } from './check';
import { both, IoError, readLimited, UsageError, writeFileAtomic } from './io';
import { loadAnalyzer } from './lazy';
import { readCatalogs } from './run';

export const RENDER_FORMATS = ['json', 'html', 'csv', 'xlsx'] as const;

export const RENDER_OPTIONS: OptionSpec[] = [
  { name: 'format', short: 'f', value: '<json|html|csv|xlsx>', choices: [...RENDER_FORMATS], help: { zh: '输出格式（默认 json；xlsx 需要 --out）', en: 'output format (default json; xlsx needs --out)' } },
  { name: 'out', short: 'o', value: '<文件 FILE>', help: { zh: '写入文件而不是标准输出', en: 'write to a file instead of standard output' } },
  ...RUN_OPTIONS.filter((o) => ['locale', 'rounding', 'catalog'].includes(o.name)),
  { name: 'help', short: 'h', help: { zh: '显示本帮助', en: 'show this help' } },
];

export async function render(p: Parsed): Promise<number> {
  if (p.positionals.length !== 1) throw new UsageError('budget render: 需要一个文件 / exactly one file is needed');
  const locale = localeOf(p);
  const format = (str(p.values.format) ?? 'json') as (typeof RENDER_FORMATS)[number];
  const out = str(p.values.out);
  if (format === 'xlsx' && !out) throw new UsageError('budget render --format xlsx: 需要 --out 路径 / needs --out PATH');
  const file = p.positionals[0];
  const bytes = readLimited(file);
  const catalog = readCatalogs(list(p.values.catalog)) ?? [];
  const rounding = str(p.values.rounding) as 'exact' | 'tolerant' | undefined;
  const r = await loadAnalyzer().renderFile(bytes, file, { ...(rounding ? { rounding } : {}), ...(catalog.length ? { catalog } : {}) }, format, locale);
  if (!r.ok) throw new IoError(`budget: ${file}: ${both(r.message)}`);
  if (out) writeFileAtomic(out, r.output);
  else process.stdout.write(r.output);
  if (r.tooLarge) {
    process.stderr.write(`budget: ${file}: ${r.tooLarge}\n`);
    return 2;
  }
  // The tables are written all the same; say why the exit code is 1.
  if (r.errors) process.stderr.write(locale === 'en' ? `budget: ${file}: ${r.errors} error(s); the tables show the figures as written (budget check lists them)\n` : `budget: ${file}：${r.errors} 个错误；表格按所写数字生成（用 budget check 查看详情）\n`);
  return r.errors ? 1 : 0;
}
