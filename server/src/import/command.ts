/**
 * The command line of the importer: `budget import <file.pdf|file.xlsx|file.txt> [--out file.budget]
 * [--layout …] [--force]`, and what `budget check` needs to report on a PDF or a workbook (where a finding of the
 * imported text comes from: `sourceOf`). The command line loads it through cli/import-entry.ts.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { resolveLocale, type Locale } from '../core/i18n';
import type { MapEntry } from './emit';
import { importDocument, type ImportResult, type ImportSummary } from './importer';
import { layoutName, layoutWord, type LayoutRequest } from './layouts';
import { ImportError, type SourceRef } from './source';

/** The usage lines of the importer's commands (in `budget --help` and on a usage error). */
export const IMPORT_USAGE = `  budget import <文件 file.pdf|file.xlsx|file.txt> [--out 文件 file.budget] [--layout 辽宁|上海部门|上海单位|上海] [--force] [--locale zh-CN|en]
  budget check <文件 doc.pdf|doc.xlsx> … [--annotate 输出 out.pdf]`;

export class CommandError extends Error {
  constructor(message: string, readonly usage = false) {
    super(message);
  }
}

interface ImportArgs {
  file?: string;
  out?: string;
  layout?: LayoutRequest;
  force: boolean;
  locale: Locale;
}

function parseImportArgs(args: string[], locale: Locale): ImportArgs {
  const o: ImportArgs = { force: false, locale };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new CommandError(`选项 ${name} 需要一个值 / option ${name} needs a value`, true);
      return v;
    };
    if (name === '--out' || name === '-o') o.out = value();
    else if (name === '--layout') {
      const v = value();
      const l = layoutWord(v);
      if (!l) throw new CommandError(`未知表式 unknown layout: ${v} (辽宁 | 上海部门 | 上海单位 | 上海)`, true);
      o.layout = l;
    } else if (a === '--force' || a === '-f') o.force = true;
    else if (name === '--locale' || name === '-l') o.locale = resolveLocale(undefined, value());
    else if (a.startsWith('-') && a !== '-') throw new CommandError(`未知选项 unknown option: ${a}`, true);
    else if (o.file) throw new CommandError('budget import: 只能导入一个文件 / one file at a time', true);
    else o.file = a;
  }
  return o;
}

function readBytes(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在 no such file' : code === 'EISDIR' ? '是目录 is a directory' : code === 'EACCES' ? '无权读取 permission denied' : (e as Error).message;
    throw new CommandError(`budget: ${file}: ${why}`);
  }
}

/** The `.budget` beside the source: `doc.pdf` → `doc.budget`. */
export function defaultOut(file: string): string {
  return join(dirname(file), basename(file, extname(file)) + '.budget');
}

/** Writes a file next to its target and renames it over: nothing half-written, nothing overwritten unless asked. */
export function writeNew(target: string, text: string, force: boolean): void {
  if (existsSync(target) && !force) throw new CommandError(`budget: ${target}: 文件已存在，未覆盖（加 --force 覆盖） / the file exists and was not overwritten (use --force)`);
  const tmp = join(dirname(target), `.${basename(target)}.budget-import-${process.pid}`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new CommandError(`budget: ${target}: ${(e as Error).message}`);
  }
}

/** `budget import`: returns the exit code (0 imported, 2 usage, I/O or a document that cannot be read). */
export async function importCommand(args: string[], locale: Locale): Promise<number> {
  const o = parseImportArgs(args, locale);
  if (!o.file) throw new CommandError('budget import: 需要一个文件 / a file is needed', true);
  const out = o.out ?? defaultOut(o.file);
  if (existsSync(out) && !o.force) throw new CommandError(`budget: ${out}: 文件已存在，未覆盖（加 --force 覆盖） / the file exists and was not overwritten (use --force)`);
  const bytes = readBytes(o.file);
  let r: ImportResult;
  try {
    r = await importDocument(bytes, { name: basename(o.file), layout: o.layout });
  } catch (e) {
    if (e instanceof ImportError) throw new CommandError(`budget: ${o.file}: ${o.locale === 'en' ? e.en : e.zh}`);
    throw e;
  }
  writeNew(out, r.text, o.force);
  process.stdout.write(summaryText(r.summary, o.file, out, o.locale) + '\n');
  return 0;
}

export function summaryText(s: ImportSummary, file: string, out: string, locale: Locale): string {
  const en = locale === 'en';
  const lines: string[] = [];
  const layout = s.layout ? (en ? layoutName(s.layout).en : layoutName(s.layout).zh) : en ? 'unknown layout' : '未知表式';
  const tables = [...s.tables].sort((a, b) => a.page - b.page).map((t) => `${t.id} ${t.title} (p.${t.page})`);
  lines.push(en ? `${file} → ${out} (${layout})` : `${file} → ${out}（${layout}）`);
  lines.push(en ? `  tables recognised: ${s.tables.length} — ${tables.join(', ')}` : `  识别的表：${s.tables.length} 张 —— ${tables.join('，')}`);
  const unstated = s.unstated
    ? en
      ? `; printed where the statements say nothing (unknown, not compared), written as printed (印出): ${s.unstated}`
      : `；印在已写语句未说明之处的数字（未知，不比较；照印出写入“印出”）：${s.unstated} 个`
    : '';
  lines.push(en
    ? `  figures placed: ${s.placed}; printed again or derived by the language and agreeing: ${s.confirmed}; lines kept as comments: ${s.comments}${s.differing ? `; figures of derived tables that differ, written as printed (印出): ${s.differing}` : ''}${unstated}`
    : `  写入语句的数字：${s.placed} 个；重复印出或由语言推出且一致：${s.confirmed} 个；保留为注释的行：${s.comments} 行${s.differing ? `；派生表中不一致的数字（照印出写入“印出”）：${s.differing} 个` : ''}${unstated}`);
  if (s.missing.length) lines.push(en ? `  not found: ${s.missing.join(', ')}` : `  未找到的表：${s.missing.join('，')}`);
  if (s.prose.length) lines.push(en ? `  text without figures left out: ${s.prose.map((p) => `${p.heading} (p.${p.page}, ${p.lines} lines)`).join(', ')}` : `  未转录的文字（无数字）：${s.prose.map((p) => `${p.heading}（第 ${p.page} 页起，${p.lines} 行）`).join('，')}`);
  for (const n of s.notes) lines.push(`  ${en ? n.en : n.zh}`);
  return lines.join('\n');
}

// ── budget check on a PDF or a workbook ───────────────────────────────────────────────────────────────

/** Where in the document a finding on the imported text comes from: the figure, else its row, else the nearest line before it. */
export function sourceOf(map: MapEntry[], offset: number): SourceRef | undefined {
  let best: MapEntry | undefined;
  for (const e of map) {
    if (offset >= e.start && offset <= e.end) {
      if (!best || (e.kind === 'figure' && best.kind !== 'figure') || e.end - e.start < best.end - best.start) best = e;
    }
  }
  if (best) return best.ref;
  let before: MapEntry | undefined;
  for (const e of map) if (e.start <= offset && (!before || e.start > before.start)) before = e;
  return before?.ref;
}

/** For the VS Code command: import a file and write the `.budget` beside it (never over an existing file). */
export async function importBeside(file: string, force = false): Promise<{ out: string; summary: ImportSummary }> {
  const out = defaultOut(file);
  const r = await importDocument(readBytes(file), { name: basename(file) });
  writeNew(out, r.text, force);
  return { out, summary: r.summary };
}
