/**
 * The `budget` command line. Uses the same core as the language server.
 *
 *   budget check  [paths…]   check files, folders and globs (all cores, a result cache, CI formats, --fix)
 *   budget report [paths…]   a review report: one HTML page (or an XLSX workbook) for a folder of budgets
 *   budget import <doc>      a published PDF or workbook as a .budget file (server/src/import)
 *   budget render <file>     the 18 standard tables of one file as JSON, HTML, CSV or XLSX
 *   budget help [command]    help; also `budget <command> --help`
 *
 * Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problems or a file that could not be checked
 * (unreadable, not text, too large, an internal error); the other files are still checked.
 *
 * Commands are a table (COMMANDS): a new command is one entry with its options and a `run`. What a command
 * needs is loaded when it runs (server/src/cli/lazy.ts): `budget --version` and help load no parser.
 */
import { optionsHelp, parse, type OptionSpec, type Parsed } from './cli/args';
import type { Text2 } from './core/diagnostics';
import { resolveLocale, type Locale } from './core/i18n';
import { IoError, UsageError } from './cli/io';

export { printable } from './cli/formats/text';
export type { JsonDiagnostic } from './cli/formats/json';

declare const __VERSION__: string | undefined;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.1.0';

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: Text2;
  usage: string;
  /** What the command does, its arguments and exit status: a paragraph in each language. */
  description: Text2;
  options: () => OptionSpec[];
  /** The command parses its own arguments (given as `positionals`); `options` only lists them in its help. */
  rawArgs?: boolean;
  run(p: Parsed): Promise<number>;
}

export const COMMANDS: Command[] = [
  {
    name: 'check',
    summary: { zh: '检查预算文件、目录和通配符', en: 'check budget files, folders and globs' },
    usage: 'budget check [路径 paths…] [选项 options]',
    description: {
      zh: `路径可以是文件、目录（递归查找 *.budget，跳过 .git、node_modules 和 .gitignore、.budgetignore 忽略的文件）或带引号的通配符（如 'city/**/*.budget'）；不给路径时检查当前目录；- 表示标准输入。直接给出的 PDF、Excel 文件在内存中导入后检查，问题标出页码和行。
多个文件在多个线程中并行检查；结果按文件路径排序，与线程数无关。未改动的文件从结果缓存中取结果（按内容、检查器版本和设置）。
退出码：0 没有错误，1 发现错误，2 用法或读写问题、有文件无法检查（其余文件照常检查）。`,
      en: `Paths are files, folders (searched recursively for *.budget, skipping .git, node_modules and what .gitignore and .budgetignore ignore) or quoted globs (e.g. 'city/**/*.budget'); no path checks the current folder; - is standard input. A PDF or Excel file named is imported in memory and checked, findings given with page and line.
Files are checked in parallel threads; results are sorted by path whatever the number of threads. Unchanged files take their results from the result cache (keyed by content, checker version and settings).
Exit status: 0 no errors, 1 errors found, 2 usage or I/O problems, or a file that could not be checked (the others are still checked).`,
    },
    options: () => require('./cli/check').CHECK_OPTIONS as OptionSpec[],
    run: (p) => (require('./cli/check') as typeof import('./cli/check')).check(p, VERSION),
  },
  {
    name: 'report',
    summary: { zh: '生成审查报告（HTML 或 XLSX）', en: 'write a review report (HTML or XLSX)' },
    usage: 'budget report [路径 paths…] --out report.html|report.xlsx [选项 options]',
    description: {
      zh: `为一批预算生成一份审查报告：每个单位的错误、警告和主要合计（收入总计、支出总计、“三公”经费、项目），可排序的概览，每个问题附源文本行。HTML 是单个自包含的页面（不加载任何外部资源）；XLSX 供办公软件使用。路径的含义同 budget check。
退出码：报告照常写出；0 没有错误，1 发现错误，2 有文件无法检查。`,
      en: `A review report of many budgets: per unit its errors, warnings and key totals (收入总计, 支出总计, 三公, 项目), a sortable overview, each finding with its source line. HTML is one self-contained page (it loads nothing); XLSX is for office software. Paths as for budget check.
Exit status: the report is written either way; 0 no errors, 1 errors found, 2 a file could not be checked.`,
    },
    options: () => require('./cli/report').REPORT_OPTIONS as OptionSpec[],
    run: (p) => (require('./cli/report') as typeof import('./cli/report')).report(p, VERSION),
  },
  {
    name: 'import',
    summary: { zh: '把公开的 PDF 或 Excel 预算导入为 .budget 文件', en: 'import a published PDF or Excel budget as a .budget file' },
    usage: 'budget import <文件 file.pdf|file.xlsx|file.txt> [--out 文件 file.budget] [--layout liaoning|shanghai-department|shanghai-unit] [--force] [--locale zh-CN|en]',
    description: {
      zh: `读取公开的预算文件（有文字层的 PDF、Excel 工作簿或其纯文本），识别其中的标准表，写出 .budget 文件（默认写在原文件旁边，不覆盖已有文件），并报告识别了哪些表、写入了多少个数字。budget check 也可以直接检查 PDF 和 Excel（在内存中导入，问题标出页码和行）。
退出码：0 已导入，2 用法或读写问题、文件无法读取。详见 docs/import.md。`,
      en: `Reads a published budget (a PDF with a text layer, an Excel workbook, or its plain text), recognises its standard tables and writes a .budget file (beside the original by default, never over an existing file), reporting which tables were recognised and how many figures were placed. budget check also checks PDFs and workbooks directly (imported in memory, findings with page and line).
Exit status: 0 imported, 2 usage or I/O problems, or a document that cannot be read. See docs/import.md.`,
    },
    options: () => [
      { name: 'out', short: 'o', value: '<文件 file.budget>', help: { zh: '写入的文件（默认与原文件同名、在其旁边）', en: 'the file written (default: beside the original, same name)' } },
      { name: 'layout', value: '<liaoning|shanghai-department|shanghai-unit>', help: { zh: '表式（默认自动识别）', en: 'the layout (recognised by default)' } },
      { name: 'force', short: 'f', help: { zh: '覆盖已有文件', en: 'overwrite an existing file' } },
      { name: 'locale', short: 'l', value: '<zh-CN|en>', help: { zh: '输出语言', en: 'language of the output' } },
      { name: 'help', short: 'h', help: { zh: '显示本帮助', en: 'show this help' } },
    ],
    rawArgs: true,
    async run(p) {
      const imp = require('./cli/import-entry') as typeof import('./cli/import-entry');
      try {
        return await imp.importCommand(p.positionals, helpLocale());
      } catch (e) {
        if (e instanceof imp.CommandError) throw e.usage ? new UsageError(e.message.replace(/^budget: /, '')) : new IoError(e.message);
        throw e;
      }
    },
  },
  {
    name: 'render',
    summary: { zh: '导出一个文件的 18 张标准表格', en: 'export the 18 standard tables of one file' },
    usage: 'budget render <文件 file> [--format json|html|csv|xlsx] [--out 路径 PATH] [选项 options]',
    description: {
      zh: `从文件的数据生成公开用的 18 张标准表格（表1 收支预算总表 … 表18），以及写了“上年比较”的单位的与上年预算比较表。
退出码：表格照常生成；0 没有错误，1 有错误（表格按所写数字生成），2 文件无法检查。`,
      en: `Derives the 18 standard published tables (表1 收支预算总表 … 表18) from the file's facts, and 与上年预算比较 for units that state 上年比较.
Exit status: the tables are written either way; 0 no errors, 1 errors (the tables show the figures as written), 2 the file could not be checked.`,
    },
    options: () => require('./cli/render').RENDER_OPTIONS as OptionSpec[],
    run: (p) => (require('./cli/render') as typeof import('./cli/render')).render(p),
  },
  {
    name: 'help',
    summary: { zh: '显示帮助（budget help <命令>）', en: 'show help (budget help <command>)' },
    usage: 'budget help [命令 command]',
    description: { zh: '显示命令列表，或一个命令的用法和选项。', en: 'Lists the commands, or shows one command’s usage and options.' },
    options: () => [],
    rawArgs: true,
    async run(p) {
      const name = p.positionals[0];
      if (!name) {
        process.stdout.write(overview(helpLocale()));
        return 0;
      }
      const c = COMMANDS.find((x) => x.name === name);
      if (!c) throw new UsageError(`未知命令 unknown command: ${name}`);
      process.stdout.write(commandHelp(c, helpLocale()));
      return 0;
    },
  },
];

function helpLocale(): Locale {
  return resolveLocale(undefined, process.env.BUDGET_LOCALE ?? process.env.LC_ALL ?? process.env.LANG);
}

function overview(locale: Locale): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}${locale === 'en' ? c.summary.en : `${c.summary.zh} · ${c.summary.en}`}`);
  return `budget ${VERSION} — 预算批复表检查 · budget approval checker

用法 Usage:
  budget <命令 command> [参数 arguments…]
  budget --version | --help

命令 Commands:
${lines.join('\n')}

budget help <命令> 或 budget <命令> --help 显示命令的选项 · budget help <command> or budget <command> --help shows its options.
`;
}

function commandHelp(c: Command, locale: Locale): string {
  const desc = locale === 'en' ? c.description.en : `${c.description.zh}\n\n${c.description.en}`;
  const opts = c.options();
  return `budget ${c.name} — ${locale === 'en' ? c.summary.en : `${c.summary.zh} · ${c.summary.en}`}

用法 Usage:
  ${c.usage}

${desc}
${opts.length ? `\n选项 Options:\n${optionsHelp(opts, locale)}\n` : ''}`;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (!cmd || cmd === '--help' || cmd === '-h') {
      process.stdout.write(overview(helpLocale()));
      return cmd ? 0 : 2;
    }
    if (cmd === '--version' || cmd === '-v' || cmd === '-V') {
      process.stdout.write(`budget ${VERSION}\n`);
      return 0;
    }
    const c = COMMANDS.find((x) => x.name === cmd);
    if (!c) throw new UsageError(`未知命令 unknown command: ${cmd}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(commandHelp(c, helpLocale()));
      return 0;
    }
    return await c.run(c.rawArgs ? { values: {}, positionals: rest } : parse(rest, c.options()));
  } catch (e) {
    if (e instanceof UsageError) {
      const c = COMMANDS.find((x) => x.name === cmd);
      process.stderr.write(`budget: ${e.message}\n${c ? `用法 Usage: ${c.usage}\nbudget ${c.name} --help` : 'budget --help'}\n`);
      return 2;
    }
    if (e instanceof IoError) {
      process.stderr.write(e.message + '\n');
      return 2;
    }
    process.stderr.write(`budget: 内部错误 internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return 2;
  }
}

// A reader that closes the pipe early (`budget check … | head`) is not an error: the rest of the output is
// dropped and the exit code is still the result of the check.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') return;
  throw e;
});

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
