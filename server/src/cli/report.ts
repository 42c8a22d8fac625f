/** `budget report`: a review report of files and folders, as one HTML page or an XLSX workbook. */
import { str, type OptionSpec, type Parsed } from './args';
import { counts, localeOf, printStats, RUN_OPTIONS, runOptions } from './check';
import { UsageError, writeFileAtomic } from './io';
import { reportHtml } from './report-html';
import { runFiles } from './run';

export const REPORT_OPTIONS: OptionSpec[] = [
  { name: 'out', short: 'o', value: '<文件 FILE>', help: { zh: '报告文件（html 可省略，写到标准输出）', en: 'the report file (for html it may be left out: standard output)' } },
  { name: 'format', short: 'f', value: '<html|xlsx>', choices: ['html', 'xlsx'], help: { zh: '报告格式（默认按 --out 的扩展名，否则 html）', en: 'report format (default from the --out extension, else html)' } },
  ...RUN_OPTIONS,
  { name: 'help', short: 'h', help: { zh: '显示本帮助', en: 'show this help' } },
];

export async function report(p: Parsed, version: string): Promise<number> {
  const locale = localeOf(p);
  const out = str(p.values.out);
  const format = str(p.values.format) ?? (out && /\.xlsx$/i.test(out) ? 'xlsx' : 'html');
  if (format === 'xlsx' && !out) throw new UsageError('budget report --format xlsx: 需要 --out 路径 / needs --out PATH');
  const run = await runFiles(p.positionals, runOptions(p, version, { summaries: true }));
  for (const line of run.problems) process.stderr.write(line + '\n');
  for (const f of run.files) if (f.failure) process.stderr.write(f.failure + '\n');
  if (p.values.stats) printStats(run);
  if (!run.files.length) {
    process.stderr.write('budget: 没有要检查的文件 / no files to check\n');
    return 2;
  }
  let data: string | Uint8Array;
  if (format === 'xlsx') {
    const { reportXlsx } = require('./report-xlsx') as typeof import('./report-xlsx');
    data = await reportXlsx(run.files, locale);
  } else data = reportHtml(run.files, { locale, version: run.checker, generated: new Date(), paths: p.positionals });
  if (out) writeFileAtomic(out, data);
  else process.stdout.write(data);
  const { errors, warnings, failed, checked } = counts(run.files);
  const units = run.files.reduce((n, f) => n + (f.result?.units?.length ?? 0), 0);
  if (out) {
    process.stderr.write(locale === 'en'
      ? `budget: report written to ${out}: ${checked} file(s), ${units} unit(s), ${errors} error(s), ${warnings} warning(s)${failed ? `, ${failed} file(s) not checked` : ''}\n`
      : `budget: 报告已写入 ${out}：${checked} 个文件，${units} 个单位，${errors} 个错误，${warnings} 个警告${failed ? `，${failed} 个文件无法检查` : ''}\n`);
  }
  return failed ? 2 : errors ? 1 : 0;
}
