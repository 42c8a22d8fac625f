/**
 * The `budget` command line: `budget check <files…>` and `budget render <file>`. Uses the same core as
 * the language server. Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problems or a file that could
 * not be checked (unreadable, not text, too large); the other files are still checked.
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { analyze, MAX_ANALYZED_LENGTH } from './core/analyze';
import { renderMessage, text as t2, type Diagnostic, type Locale } from './core/diagnostics';
import { decodeBuffer, type Decoded } from './core/encoding';
import { LineIndex } from './core/position';
import { displayWidth } from './core/width';
import { renderTables, type RenderFormat } from './core/render';
import { fixAllText } from './core/features/codeActions';
// The importer (PDF reader included) is loaded only by the commands that need it (import/lazy.ts).
import type { DocumentChecks } from './import/command';
import { IMPORT_USAGE, isDocument, isImportCommandError, loadImport } from './import/lazy';

const USAGE = `用法 Usage:
  budget check <文件 files…> [--format text|json] [--locale zh-CN|en] [--rounding exact|tolerant] [--fix]
  budget render <文件 file> --format json|html|csv|xlsx [--out 路径 PATH] [--locale zh-CN|en]
${IMPORT_USAGE}
  budget --help | --version`;

class UsageError extends Error {}

interface Options {
  format?: string;
  locale: Locale;
  out?: string;
  rounding?: 'exact' | 'tolerant';
  /** Apply the fixes that change no figure (AUTOFIX_CODES) and write the files back. */
  fix?: boolean;
  /** check on a PDF: write a copy with each finding boxed (import/command.ts). */
  annotate?: string;
  force?: boolean;
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
    else if (a === '--fix') o.fix = true;
    else if (name === '--annotate') o.annotate = value();
    else if (a === '--force') o.force = true;
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

/** Bytes read at most: past it no text can be under the analysis limit (4 UTF-8 bytes per character at most). */
const MAX_FILE_BYTES = MAX_ANALYZED_LENGTH * 4;

/** Reads a file (or stdin, a device, a pipe) up to MAX_FILE_BYTES + 1 bytes, never the whole of an endless one. */
function readLimited(file: string): Buffer {
  const fd = file === '-' ? 0 : openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (st.isFile() && st.size > MAX_FILE_BYTES) throw new IoError(`budget: ${file}: 文件过大（${st.size.toLocaleString('en-US')} 字节），未检查 / file too large (${st.size.toLocaleString('en-US')} bytes), not checked`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 20);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          // A non-blocking stdin with no data yet: wait a little instead of spinning.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        if ((e as NodeJS.ErrnoException).code === 'EOF') break;
        throw e;
      }
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_FILE_BYTES) throw new IoError(`budget: ${file}: 文件过大（超过 ${MAX_FILE_BYTES.toLocaleString('en-US')} 字节），未检查 / file too large (over ${MAX_FILE_BYTES.toLocaleString('en-US')} bytes), not checked`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

function readText(file: string): string {
  return readDecoded(file).text;
}

/** The file's text, how it was encoded and its bytes. */
function readDecoded(file: string): { text: string; encoding: Decoded['encoding']; buf: Buffer } {
  let buf: Buffer;
  try {
    buf = readLimited(file);
  } catch (e) {
    if (e instanceof IoError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在 no such file' : code === 'EISDIR' ? '是目录 is a directory' : code === 'EACCES' ? '无权读取 permission denied' : String((e as Error).message);
    throw new IoError(`budget: ${file}: ${why}`);
  }
  const d = decodeBuffer(buf);
  if (d.error) throw new IoError(`budget: ${file}: ${d.error.zh} / ${d.error.en}`);
  return { text: d.text, encoding: d.encoding, buf };
}

/**
 * `--fix`: applies the fixes that change no figure (pasted-text artefacts: AUTOFIX_CODES) and writes the file
 * back in its own encoding. Returns the text to check, and how many were fixed (undefined: not written).
 */
function fixFile(file: string, read: { text: string; encoding: Decoded['encoding']; buf: Buffer }, o: Options): { text: string; fixed: number } {
  const r = fixAllText(read.text, { rounding: o.rounding });
  if (!r.fixed || r.text === read.text) return { text: read.text, fixed: 0 };
  if (file === '-') throw new IoError(`budget: --fix 不能写回标准输入 / --fix cannot write back standard input`);
  const bytes = encodeText(r.text, read.encoding, read.buf);
  if (!bytes) throw new IoError(`budget: ${file}: 文件是 GB18030 编码，--fix 无法按原编码写回；请先“以 UTF-8 编码保存” / the file is GB18030, which --fix cannot write back; save it as UTF-8 first`);
  // Written next to the file and renamed over it: a failed write (disk full, a size limit) leaves the original.
  const tmp = join(dirname(realpathSync(file)), `.${basename(file)}.budget-fix-${process.pid}`);
  try {
    writeFileSync(tmp, bytes, { mode: statSync(file).mode });
    renameSync(tmp, realpathSync(file));
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? '无权写入 permission denied' : code === 'ENOSPC' ? '磁盘已满 no space left' : (e as Error).message;
    throw new IoError(`budget: ${file}: --fix 未能写回，文件未改动 / --fix could not write the file back, it is unchanged (${why})`);
  }
  return r;
}

class IoError extends Error {}

/**
 * Encodes text back into the encoding it was read from (`budget check --fix` writes files back as they were);
 * a byte order mark is written when the original had one. GB18030 cannot be written (the runtime has no
 * encoder for it): undefined.
 */
function encodeText(text: string, encoding: Decoded['encoding'], original: Uint8Array): Buffer | undefined {
  const had = (...bom: number[]): boolean => bom.every((b, i) => original[i] === b);
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from(had(0xff, 0xfe) ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from(had(0xfe, 0xff) ? [0xfe, 0xff] : []), Buffer.from(text, 'utf16le').swap16()]);
    default:
      return undefined;
  }
}

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

/**
 * Text for a terminal: control characters (which could clear the screen or retitle the window), bidi
 * overrides and other invisible format characters are shown as visible escapes, tabs as four spaces.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\t]/g, (c) => {
    if (c === '\t') return '    ';
    const cp = c.charCodeAt(0);
    return cp < 0x20 ? String.fromCharCode(0x2400 + cp) : cp === 0x7f ? '\u2421' : `<U+${cp.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

/** Long messages (a malformed token quoted whole) are cut: a terminal line, not a file dump. */
const MAX_MESSAGE = 400;
/** Columns of source shown around the caret. */
const WINDOW_BEFORE = 60;
const WINDOW_AFTER = 100;

function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + '…' : s;
}

function formatText(file: string, idx: LineIndex, d: Diagnostic, locale: Locale, color: boolean): string {
  const s = idx.position(d.start);
  const e = idx.position(d.end);
  const sev = locale === 'en' ? d.severity : SEV_ZH[d.severity];
  const paint = (c: string, x: string): string => (color ? `\x1b[${c}m${x}\x1b[0m` : x);
  const sevColored = paint(d.severity === 'error' ? '31;1' : d.severity === 'warning' ? '33;1' : '36', sev);
  const lines = [`${file}:${s.line + 1}:${s.character + 1}: ${sevColored} ${d.code} ${printable(clip(renderMessage(d, locale), MAX_MESSAGE))}`];
  // The source line, or a window of it around the caret when it is long; widths by display columns.
  const line = idx.lineText(s.line);
  const from = Math.max(0, s.character - WINDOW_BEFORE);
  const endChar = e.line === s.line ? e.character : line.length;
  const to = Math.min(line.length, Math.max(s.character + 1, Math.min(endChar, s.character + WINDOW_AFTER)) + 20);
  const head = from > 0 ? '…' : '';
  const shown = head + printable(line.slice(from, to)) + (to < line.length ? '…' : '');
  const pad = displayWidth(head + printable(line.slice(from, s.character)));
  const width = Math.max(1, displayWidth(printable(line.slice(s.character, Math.min(endChar, to)))));
  const gutter = String(s.line + 1);
  lines.push(` ${gutter} | ${shown}`);
  lines.push(` ${' '.repeat(gutter.length)} | ${' '.repeat(pad)}${paint('32;1', '^' + '~'.repeat(width - 1))}`);
  for (const r of d.related ?? []) {
    const rs = idx.position(r.start);
    lines.push(`    ${paint('2', `${file}:${rs.line + 1}:${rs.character + 1}: ${locale === 'en' ? 'note' : '注'}: ${printable(clip(t2(r.message, locale), MAX_MESSAGE))}`)}`);
  }
  return lines.join('\n');
}

function check(o: Options, docs?: DocumentChecks): number {
  if (!o.files.length) throw new UsageError('budget check: 需要至少一个文件 / at least one file is needed');
  const format = o.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`budget check: --format 应为 text 或 json / --format must be text or json`);
  // A file that cannot be read is reported and skipped; the others are still checked.
  const texts: Array<{ file: string; text: string }> = [];
  let failed = 0;
  let fixed = 0;
  let fixedFiles = 0;
  for (const file of o.files) {
    // A PDF or a workbook is imported in memory (import/command.ts); one that could not be read is skipped.
    if (docs?.skipped(file)) {
      failed++;
      continue;
    }
    const imported = docs?.text(file);
    if (imported !== undefined) {
      texts.push({ file, text: imported });
      continue;
    }
    try {
      const read = readDecoded(file);
      let text = read.text;
      if (o.fix) {
        // A file --fix cannot write back (GB18030, standard input, no permission) is reported and still checked.
        try {
          const r = fixFile(file, read, o);
          text = r.text;
          fixed += r.fixed;
          if (r.fixed) fixedFiles++;
        } catch (e) {
          if (!(e instanceof IoError)) throw e;
          process.stderr.write(e.message + '\n');
          failed++;
        }
      }
      texts.push({ file, text });
    } catch (e) {
      if (!(e instanceof IoError)) throw e;
      process.stderr.write(e.message + '\n');
      failed++;
    }
  }
  let errors = 0;
  let warnings = 0;
  const json: JsonDiagnostic[] = [];
  const out: string[] = [];
  const color = format === 'text' && process.stdout.isTTY === true && !process.env.NO_COLOR;
  for (const { file, text } of texts) {
    const a = analyze(text, { rounding: o.rounding });
    const idx = new LineIndex(text);
    // Over the size limit the file was not checked (one BUD010 warning).
    if (a.diagnostics.some((d) => d.code === 'BUD010')) failed++;
    const doc = docs?.report(file, a.diagnostics, o.locale);
    for (const d of a.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
    if (doc) {
      if (format === 'json') json.push(...(doc.json as JsonDiagnostic[]));
      else out.push(...doc.text);
      continue;
    }
    for (const d of a.diagnostics) {
      if (format === 'json') json.push(toJson(file, idx, d, o.locale));
      else out.push(formatText(file, idx, d, o.locale, color));
    }
  }
  if (format === 'json') process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  else {
    if (out.length) process.stdout.write(out.join('\n\n') + '\n\n');
    const summary = o.locale === 'en'
      ? `${texts.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)${failed ? `; ${failed} file(s) could not be checked` : ''}`
      : `已检查 ${texts.length} 个文件：${errors} 个错误，${warnings} 个警告${failed ? `；${failed} 个文件无法检查` : ''}`;
    process.stdout.write(summary + '\n');
    if (o.fix) process.stdout.write((o.locale === 'en' ? `--fix: ${fixed} fixed in ${fixedFiles} file(s) (the problems above remain)` : `--fix：已在 ${fixedFiles} 个文件中修复 ${fixed} 处（以上为余下的问题）`) + '\n');
  }
  return failed > 0 ? 2 : errors > 0 ? 1 : 0;
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
  if (a.diagnostics.some((d) => d.code === 'BUD010')) {
    process.stderr.write(`budget: ${o.files[0]}: ${renderMessage(a.diagnostics.find((d) => d.code === 'BUD010')!, o.locale)}\n`);
    return 2;
  }
  const errors = a.diagnostics.filter((d) => d.severity === 'error').length;
  // The tables are written all the same; say why the exit code is 1.
  if (errors) process.stderr.write(o.locale === 'en' ? `budget: ${o.files[0]}: ${errors} error(s); the tables show the figures as written (budget check lists them)\n` : `budget: ${o.files[0]}：${errors} 个错误；表格按所写数字生成（用 budget check 查看详情）\n`);
  return errors ? 1 : 0;
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
    if (cmd === 'import') return await loadImport().importCommand(rest, defaultLocale());
    const o = parseArgs(rest);
    if (cmd === 'check') {
      // PDFs and workbooks are imported in memory: only then is the importer loaded.
      const docs = o.files.some(isDocument) || o.annotate ? await loadImport().DocumentChecks.load(o.files, (m) => process.stderr.write(m + '\n')) : undefined;
      const code = check(o, docs);
      if (o.annotate) await docs!.annotate(o.annotate, o.force ?? false);
      return code;
    }
    if (cmd === 'render') return await render(o);
    throw new UsageError(`未知命令 unknown command: ${cmd}`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`budget: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof IoError || (isImportCommandError(e) && !e.usage)) {
      process.stderr.write(e.message + '\n');
      return 2;
    }
    if (isImportCommandError(e)) {
      process.stderr.write(`${e.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`budget: 内部错误 internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return 2;
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.1.0';

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
