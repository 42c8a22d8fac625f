/** `budget check`: check files, folders and globs; print the findings in a format for people or for CI. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderMessage } from '../core/diagnostics';
import { resolveLocale, type Locale } from '../core/i18n';
import { list, str, type OptionSpec, type Parsed } from './args';
import { applyBaseline, readBaseline, writeBaseline } from './baseline';
import { formatGithub } from './formats/github';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import type { CheckedFile, FormatContext } from './formats/types';
import { IoError, readLimited, UsageError, writeFileAtomic } from './io';
import { runFiles, type RunOptions, type RunResult } from './run';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;

/** Options every command that checks files shares. */
export const RUN_OPTIONS: OptionSpec[] = [
  { name: 'locale', short: 'l', value: '<zh-CN|en>', choices: ['zh-CN', 'en', 'zh'], help: { zh: '输出语言（默认按 BUDGET_LOCALE、LANG）', en: 'language of the output (default from BUDGET_LOCALE, LANG)' } },
  { name: 'rounding', value: '<exact|tolerant>', choices: ['exact', 'tolerant'], help: { zh: '无“舍入”语句的文件的核对方式（默认 exact）', en: 'how totals are checked in files without a 舍入 statement (default exact)' } },
  { name: 'catalog', value: '<文件 FILE>', multiple: true, help: { zh: '附加的分类编目文件（TSV，可多次给出）', en: 'extra classification catalog file (TSV; may be repeated)' } },
  { name: 'jobs', short: 'j', value: '<N>', help: { zh: '最多使用的线程数（默认为 CPU 核数；1 表示不用工作线程）', en: 'threads at most (default: the number of cores; 1: no worker threads)' } },
  { name: 'no-cache', help: { zh: '不读也不写结果缓存', en: 'neither read nor write the result cache' } },
  { name: 'cache-dir', value: '<目录 DIR>', help: { zh: '缓存目录（默认为用户缓存目录下的 budget-lang，或 BUDGET_CACHE_DIR）', en: 'cache folder (default: budget-lang in the user cache folder, or BUDGET_CACHE_DIR)' } },
  { name: 'stats', help: { zh: '在标准错误输出上报告文件数、缓存命中数、线程数和用时', en: 'report files, cache hits, threads and time on standard error' } },
  { name: 'root', value: '<目录 DIR>', help: { zh: '单位文件、上年文件所在的工作区根目录：引用不得超出它，并在其中查找列出同一单位的其他部门文件（默认当前目录；未给出时，单位文件的部门还会到其上面最多三级目录中查找）', en: 'the workspace root for 单位文件 and 上年文件: references stay inside it, and other department files listing the same unit are looked for in it (default: the working directory; without it, a unit file’s department is also looked for up to three folders above it)' } },
  { name: 'no-ignore', help: { zh: '在目录中查找时不读 .gitignore 和 .budgetignore', en: 'do not honour .gitignore and .budgetignore when searching folders' } },
];

export const CHECK_OPTIONS: OptionSpec[] = [
  { name: 'format', short: 'f', value: '<text|json|sarif|github>', choices: [...FORMATS], help: { zh: '输出格式（默认 text）', en: 'output format (default text)' } },
  { name: 'out', short: 'o', value: '<文件 FILE>', help: { zh: '输出写入文件而不是标准输出', en: 'write the output to a file instead of standard output' } },
  ...RUN_OPTIONS,
  { name: 'fix', help: { zh: '修复从 PDF、Word 粘贴的痕迹（不改变任何数字）并安全地写回', en: 'fix text pasted from a PDF or Word (no figure changes) and write the files back safely' } },
  { name: 'annotate', value: '<输出 out.pdf>', help: { zh: '检查一个 PDF 时，写出把每个问题框出的副本', en: 'when checking one PDF, write a copy with each finding boxed' } },
  { name: 'force', help: { zh: '--annotate 可覆盖已有文件', en: 'let --annotate overwrite an existing file' } },
  { name: 'baseline', value: '<文件 FILE>', help: { zh: '只报告基线文件中没有的问题', en: 'report only findings that are not in the baseline file' } },
  { name: 'write-baseline', value: '<文件 FILE>', help: { zh: '把本次的全部问题写入基线文件（退出码 0）', en: 'write every finding of this run to a baseline file (exit status 0)' } },
  { name: 'help', short: 'h', help: { zh: '显示本帮助', en: 'show this help' } },
];

export function defaultLocale(): Locale {
  return resolveLocale(undefined, process.env.BUDGET_LOCALE ?? process.env.LC_ALL ?? process.env.LANG);
}

export function localeOf(p: Parsed): Locale {
  const v = str(p.values.locale);
  return v === undefined ? defaultLocale() : v === 'en' ? 'en' : 'zh-CN';
}

export function runOptions(p: Parsed, version: string, extra: Partial<RunOptions> = {}): RunOptions {
  const jobsText = str(p.values.jobs);
  let jobs: number | undefined;
  if (jobsText !== undefined) {
    jobs = Number(jobsText);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs ${jobsText}: 应为 1–256 的整数 / must be a whole number from 1 to 256`);
  }
  return {
    cwd: process.cwd(),
    ...(str(p.values.root) !== undefined ? { root: rootOf(str(p.values.root)!) } : {}),
    rounding: str(p.values.rounding) as RunOptions['rounding'],
    catalogFiles: list(p.values.catalog),
    cache: !p.values['no-cache'],
    cacheDir: str(p.values['cache-dir']),
    jobs,
    respectIgnore: !p.values['no-ignore'],
    fix: false,
    summaries: false,
    version,
    ...extra,
  };
}

/** `--root DIR` as an absolute folder (it must exist). */
export function rootOf(dir: string): string {
  const abs = resolve(dir);
  let ok = false;
  try {
    ok = statSync(abs).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new UsageError(`--root ${dir}: 不是目录 / not a folder`);
  return abs;
}

export async function check(p: Parsed, version: string): Promise<number> {
  const locale = localeOf(p);
  const format = (str(p.values.format) ?? 'text') as (typeof FORMATS)[number];
  const out = str(p.values.out);
  const baselineFile = str(p.values.baseline);
  const writeBaselineFile = str(p.values['write-baseline']);
  if (baselineFile && writeBaselineFile) throw new UsageError('--baseline 与 --write-baseline 不能同时使用 / --baseline and --write-baseline cannot be used together');
  const baseline = baselineFile ? readBaseline(baselineFile) : undefined;
  const run = await runFiles(p.positionals, runOptions(p, version, { fix: p.values.fix === true }));
  for (const line of run.problems) process.stderr.write(line + '\n');
  for (const f of run.files) if (f.failure) process.stderr.write(f.failure + '\n');
  if (!run.files.length) {
    process.stderr.write('budget: 没有要检查的文件 / no files to check\n');
    return 2;
  }
  if (run.cache?.failure) process.stderr.write(`budget: 结果缓存不可用 the result cache is off (${run.cache.failure})\n`);
  if (p.values.stats) printStats(run);

  if (writeBaselineFile) {
    const n = writeBaseline(writeBaselineFile, run.files);
    process.stdout.write(locale === 'en' ? `Baseline written to ${writeBaselineFile}: ${n} finding(s) in ${run.files.length} file(s)\n` : `基线已写入 ${writeBaselineFile}：${run.files.length} 个文件中的 ${n} 个问题\n`);
    return run.files.some((f) => !f.result || f.result.notChecked) ? 2 : 0;
  }
  const known = baseline ? applyBaseline(baseline, run.files) : 0;

  const ctx: FormatContext = { locale, version: run.checker, cwd: process.cwd(), color: format === 'text' && !out && process.stdout.isTTY === true && !process.env.NO_COLOR };
  let text = format === 'json' ? formatJson(run.files, ctx) : format === 'sarif' ? formatSarif(run.files, ctx) : format === 'github' ? formatGithub(run.files, ctx) : formatText(run.files, ctx);
  const { errors, warnings, failed, checked } = counts(run.files);
  if (format === 'text') {
    const knownNote = known ? (locale === 'en' ? `; ${known} known from the baseline not shown` : `；基线中已有的 ${known} 个未显示`) : '';
    text += (locale === 'en'
      ? `${checked} file(s) checked: ${errors} error(s), ${warnings} warning(s)${failed ? `; ${failed} file(s) could not be checked` : ''}${knownNote}`
      : `已检查 ${checked} 个文件：${errors} 个错误，${warnings} 个警告${failed ? `；${failed} 个文件无法检查` : ''}${knownNote}`) + '\n';
    if (p.values.fix) text += (locale === 'en' ? `--fix: ${run.fixed} fixed in ${run.fixedFiles} file(s) (the problems above remain)` : `--fix：已在 ${run.fixedFiles} 个文件中修复 ${run.fixed} 处（以上为余下的问题）`) + '\n';
  }
  if (out) writeFileAtomic(out, text);
  else process.stdout.write(text);
  const annotateOut = str(p.values.annotate);
  if (annotateOut) await annotate(run.files, annotateOut, p.values.force === true);
  const writeFailed = run.files.some((f) => f.result && f.failure);
  return failed > 0 || writeFailed ? 2 : errors > 0 ? 1 : 0;
}

export function counts(files: CheckedFile[]): { errors: number; warnings: number; failed: number; checked: number } {
  let errors = 0;
  let warnings = 0;
  let failed = 0;
  let checked = 0;
  for (const f of files) {
    if (!f.result) {
      failed++;
      continue;
    }
    if (!f.forUnits) checked++;
    if (f.result.notChecked) failed++;
    for (const x of f.findings) {
      if (x.severity === 'error') errors++;
      else if (x.severity === 'warning') warnings++;
    }
  }
  return { errors, warnings, failed, checked };
}

export function printStats(run: RunResult): void {
  const s = run.stats;
  const where = s.threads ? `${s.threads} 个工作线程 worker threads` : '主线程 main thread';
  process.stderr.write(`budget: stats: ${s.files} 个文件 files, ${s.read} 个已读取 read, ${s.cached} 个取自缓存 from the cache, ${s.checked} 个已检查 checked (${where}), ${s.ms} ms\n`);
}

/** `--annotate out.pdf`: the one PDF checked, with each reported finding boxed on its page (server/src/import/annotate.ts). */
async function annotate(files: CheckedFile[], out: string, force: boolean): Promise<void> {
  const pdfs = files.filter((f) => f.result && /\.pdf$/i.test(f.target.path));
  if (pdfs.length !== 1) throw new UsageError('budget check --annotate: 需要恰好一个 PDF 文件 / exactly one PDF file is needed');
  if (existsSync(out) && !force) throw new IoError(`budget: ${out}: 文件已存在，未覆盖（加 --force 覆盖） / the file exists and was not overwritten (use --force)`);
  const imp = require('./import-entry') as typeof import('./import-entry');
  const findings = pdfs[0].findings.filter((f) => f.origin).map((f) => ({ ref: f.origin!, severity: f.severity, code: f.code, message: `${renderMessage(f, 'zh-CN')} · ${renderMessage(f, 'en')}` }));
  writeFileAtomic(out, await imp.annotatePdf(readLimited(pdfs[0].target.path), findings));
}
