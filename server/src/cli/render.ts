/** `budget render`: the 18 standard tables of one file as JSON, HTML, CSV, XLSX or PDF (the HTML, printed). */
import { resolve } from 'node:path';
import { list, str, type OptionSpec, type Parsed } from './args';
import { localeOf, rootOf, RUN_OPTIONS } from './check';
import { both, IoError, readLimited, UsageError, writeFileAtomic } from './io';
import { loadAnalyzer } from './lazy';
import { findChromium, htmlToPdf } from './pdf';
import { readCatalogs, rootFor } from './run';

export const RENDER_FORMATS = ['json', 'html', 'csv', 'xlsx', 'pdf'] as const;

export const RENDER_OPTIONS: OptionSpec[] = [
  { name: 'format', short: 'f', value: '<json|html|csv|xlsx|pdf>', choices: [...RENDER_FORMATS], help: { zh: '输出格式（默认 json；xlsx、pdf 需要 --out；pdf 用本机的 Chromium 打印）', en: 'output format (default json; xlsx and pdf need --out; pdf is printed by the local Chromium)' } },
  { name: 'signatures', help: { zh: '在 html、pdf 末尾印签字栏（单位负责人、财务负责人、经办人）', en: 'print the signature lines (单位负责人, 财务负责人, 经办人) at the end of html and pdf' } },
  { name: 'out', short: 'o', value: '<文件 FILE>', help: { zh: '写入文件而不是标准输出', en: 'write to a file instead of standard output' } },
  ...RUN_OPTIONS.filter((o) => ['locale', 'rounding', 'catalog', 'root'].includes(o.name)),
  { name: 'help', short: 'h', help: { zh: '显示本帮助', en: 'show this help' } },
];

export async function render(p: Parsed): Promise<number> {
  if (p.positionals.length !== 1) throw new UsageError('budget render: 需要一个文件 / exactly one file is needed');
  const locale = localeOf(p);
  const format = (str(p.values.format) ?? 'json') as (typeof RENDER_FORMATS)[number];
  const out = str(p.values.out);
  if ((format === 'xlsx' || format === 'pdf') && !out) throw new UsageError(`budget render --format ${format}: 需要 --out 路径 / needs --out PATH`);
  const chromium = format === 'pdf' ? findChromium() : undefined;
  if (format === 'pdf' && !chromium) throw new UsageError('budget render --format pdf: 找不到 Chromium（安装 chromium 或设置 CHROMIUM_PATH）/ Chromium not found (install chromium or set CHROMIUM_PATH)');
  const file = p.positionals[0];
  const bytes = readLimited(file);
  const catalog = readCatalogs(list(p.values.catalog)) ?? [];
  const rounding = str(p.values.rounding) as 'exact' | 'tolerant' | undefined;
  const options = { signatures: p.values.signatures === true };
  const r = await loadAnalyzer().renderFile(bytes, file, { ...(rounding ? { rounding } : {}), ...(catalog.length ? { catalog } : {}) }, format === 'pdf' ? 'html' : format, locale, options, rootFor({ cwd: process.cwd(), ...(str(p.values.root) !== undefined ? { root: rootOf(str(p.values.root)!) } : {}) }, resolve(file)));
  if (!r.ok) throw new IoError(`budget: ${file}: ${both(r.message)}`);
  if (out) writeFileAtomic(out, chromium ? await htmlToPdf(String(r.output), chromium) : r.output);
  else process.stdout.write(r.output);
  if (r.tooLarge) {
    process.stderr.write(`budget: ${file}: ${r.tooLarge}\n`);
    return 2;
  }
  // The tables are written all the same; say why the exit code is 1.
  if (r.errors) process.stderr.write(locale === 'en' ? `budget: ${file}: ${r.errors} error(s); the tables show the figures as written (budget check lists them)\n` : `budget: ${file}：${r.errors} 个错误；表格按所写数字生成（用 budget check 查看详情）\n`);
  return r.errors ? 1 : 0;
}
