/**
 * The `budget` command line: `budget check <files…>` and `budget render <file>`. Uses the same core as
 * the language server. Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problems.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { analyze } from './core/analyze';
import { renderMessage, text as t2, type Diagnostic, type Locale } from './core/diagnostics';
import { decodeBuffer } from './core/encoding';
import { LineIndex } from './core/position';
import { displayWidth } from './core/width';
import { renderTables, type RenderFormat } from './core/render';

const USAGE = `用法 Usage:
  budget check <文件 files…> [--format text|json] [--locale zh-CN|en] [--rounding exact|tolerant]
  budget render <文件 file> --format json|html|csv|xlsx [--out 路径 PATH] [--locale zh-CN|en]
  budget --help | --version`;

class UsageError extends Error {}

interface Options {
  format?: string;
  locale: Locale;
  out?: string;
  rounding?: 'exact' | 'tolerant';
  files: string[];
}

function parseArgs(args: string[]): Options {
  const o: Options = { locale: defaultLocale(), files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`选项 ${a} 需要一个值 / option ${a} needs a value`);
      return v;
    };
    const name = a.split('=')[0];
    if (name === '--format' || name === '-f') o.format = value();
    else if (name === '--locale' || name === '-l') {
      const v = value();
      if (v !== 'zh-CN' && v !== 'en' && v !== 'zh') throw new UsageError(`未知语言 unknown locale: ${v} (zh-CN | en)`);
      o.locale = v === 'en' ? 'en' : 'zh-CN';
    } else if (name === '--out' || name === '-o') o.out = value();
    else if (name === '--rounding') {
      const v = value();
      if (v !== 'exact' && v !== 'tolerant') throw new UsageError(`未知舍入方式 unknown rounding mode: ${v} (exact | tolerant)`);
      o.rounding = v;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`未知选项 unknown option: ${a}`);
    else o.files.push(a);
  }
  return o;
}

function defaultLocale(): Locale {
  const env = process.env.BUDGET_LOCALE ?? process.env.LC_ALL ?? process.env.LANG ?? '';
  return /^en/i.test(env) ? 'en' : 'zh-CN';
}

function readText(file: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在 no such file' : code === 'EISDIR' ? '是目录 is a directory' : code === 'EACCES' ? '无权读取 permission denied' : String((e as Error).message);
    throw new IoError(`budget: ${file}: ${why}`);
  }
  const d = decodeBuffer(buf);
  if (d.error) throw new IoError(`budget: ${file}: ${d.error.zh} / ${d.error.en}`);
  return d.text;
}

class IoError extends Error {}

const SEV_ZH: Record<string, string> = { error: '错误', warning: '警告', information: '提示', hint: '提示' };

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  related: Array<{ file: string; line: number; column: number; endLine: number; endColumn: number; message: string }>;
}

function toJson(file: string, idx: LineIndex, d: Diagnostic, locale: Locale): JsonDiagnostic {
  const s = idx.position(d.start);
  const e = idx.position(d.end);
  return {
    file, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1,
    severity: d.severity, code: d.code, message: renderMessage(d, locale),
    related: (d.related ?? []).map((r) => {
      const rs = idx.position(r.start);
      const re = idx.position(r.end);
      return { file, line: rs.line + 1, column: rs.character + 1, endLine: re.line + 1, endColumn: re.character + 1, message: t2(r.message, locale) };
    }),
  };
}

function formatText(file: string, idx: LineIndex, d: Diagnostic, locale: Locale, color: boolean): string {
  const s = idx.position(d.start);
  const e = idx.position(d.end);
  const sev = locale === 'en' ? d.severity : SEV_ZH[d.severity];
  const paint = (c: string, x: string): string => (color ? `\x1b[${c}m${x}\x1b[0m` : x);
  const sevColored = paint(d.severity === 'error' ? '31;1' : d.severity === 'warning' ? '33;1' : '36', sev);
  const lines = [`${file}:${s.line + 1}:${s.character + 1}: ${sevColored} ${d.code} ${renderMessage(d, locale)}`];
  const src = idx.lineText(s.line);
  const pad = displayWidth(src.slice(0, s.character));
  const endChar = e.line === s.line ? e.character : src.length;
  const width = Math.max(1, displayWidth(src.slice(s.character, endChar)));
  const gutter = String(s.line + 1);
  lines.push(` ${gutter} | ${src}`);
  lines.push(` ${' '.repeat(gutter.length)} | ${' '.repeat(pad)}${paint('32;1', '^' + '~'.repeat(width - 1))}`);
  for (const r of d.related ?? []) {
    const rs = idx.position(r.start);
    lines.push(`    ${paint('2', `${file}:${rs.line + 1}:${rs.character + 1}: ${locale === 'en' ? 'note' : '注'}: ${t2(r.message, locale)}`)}`);
  }
  return lines.join('\n');
}

function check(o: Options): number {
  if (!o.files.length) throw new UsageError('budget check: 需要至少一个文件 / at least one file is needed');
  const format = o.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`budget check: --format 应为 text 或 json / --format must be text or json`);
  const texts = o.files.map((f) => ({ file: f, text: readText(f) }));
  let errors = 0;
  let warnings = 0;
  const json: JsonDiagnostic[] = [];
  const out: string[] = [];
  const color = format === 'text' && process.stdout.isTTY === true && !process.env.NO_COLOR;
  for (const { file, text } of texts) {
    const a = analyze(text, { rounding: o.rounding });
    const idx = new LineIndex(text);
    for (const d of a.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      if (format === 'json') json.push(toJson(file, idx, d, o.locale));
      else out.push(formatText(file, idx, d, o.locale, color));
    }
  }
  if (format === 'json') process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  else {
    if (out.length) process.stdout.write(out.join('\n\n') + '\n\n');
    const summary = o.locale === 'en'
      ? `${texts.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)`
      : `已检查 ${texts.length} 个文件：${errors} 个错误，${warnings} 个警告`;
    process.stdout.write(summary + '\n');
  }
  return errors > 0 ? 1 : 0;
}

async function render(o: Options): Promise<number> {
  if (o.files.length !== 1) throw new UsageError('budget render: 需要一个文件 / exactly one file is needed');
  const format = (o.format ?? 'json') as RenderFormat;
  if (!['json', 'html', 'csv', 'xlsx'].includes(format)) throw new UsageError('budget render: --format 应为 json、html、csv 或 xlsx / --format must be json, html, csv or xlsx');
  if (format === 'xlsx' && !o.out) throw new UsageError('budget render --format xlsx: 需要 --out 路径 / needs --out PATH');
  const text = readText(o.files[0]);
  const a = analyze(text, { rounding: o.rounding });
  const result = await renderTables(a, format, o.locale);
  if (o.out) {
    try {
      writeFileSync(o.out, result);
    } catch (e) {
      throw new IoError(`budget: ${o.out}: ${(e as Error).message}`);
    }
  } else process.stdout.write(result);
  return a.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      process.stdout.write(USAGE + '\n');
      return cmd ? 0 : 2;
    }
    if (cmd === '--version' || cmd === '-v') {
      process.stdout.write(`budget ${VERSION}\n`);
      return 0;
    }
    const o = parseArgs(rest);
    if (cmd === 'check') return check(o);
    if (cmd === 'render') return await render(o);
    throw new UsageError(`未知命令 unknown command: ${cmd}`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`budget: ${e.message}\n${USAGE}\n`);
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

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.1.0';

// A reader that closes the pipe early (`budget render … | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
