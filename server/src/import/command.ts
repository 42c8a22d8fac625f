/**
 * The command line of the importer: `budget import <file.pdf|file.xlsx|file.txt> [--out file.budget]
 * [--layout …] [--force]`, and `budget check` on a PDF or a workbook (imported in memory, findings reported
 * with the page and printed line they come from; `--annotate out.pdf` writes the PDF with each finding boxed).
 * cli.ts only dispatches here.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { analyze } from '../core/analyze';
import { renderMessage, text as t2, type Diagnostic, type Locale } from '../core/diagnostics';
import { LineIndex } from '../core/position';
import { annotatePdf, type Finding } from './annotate';
import type { MapEntry } from './emit';
import { importDocument, type ImportResult, type ImportSummary } from './importer';
import { layoutName, layoutWord, type LayoutRequest } from './layouts';
import { IMPORT_USAGE, isDocument } from './lazy';
import { ImportError, type SourceRef } from './source';

export { IMPORT_USAGE, isDocument };

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
    else if (name === '--locale' || name === '-l') o.locale = /^en/.test(value()) ? 'en' : 'zh-CN';
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
  lines.push(en
    ? `  figures placed: ${s.placed}; printed again or derived by the language and agreeing: ${s.confirmed}; lines kept as comments: ${s.comments}${s.differing ? `; figures of derived tables that differ: ${s.differing}` : ''}`
    : `  写入语句的数字：${s.placed} 个；重复印出或由语言推出且一致：${s.confirmed} 个；保留为注释的行：${s.comments} 行${s.differing ? `；派生表中不一致的数字：${s.differing} 个` : ''}`);
  if (s.missing.length) lines.push(en ? `  not found: ${s.missing.join(', ')}` : `  未找到的表：${s.missing.join('，')}`);
  if (s.prose.length) lines.push(en ? `  text without figures left out: ${s.prose.map((p) => `${p.heading} (p.${p.page}, ${p.lines} lines)`).join(', ')}` : `  未转录的文字（无数字）：${s.prose.map((p) => `${p.heading}（第 ${p.page} 页起，${p.lines} 行）`).join('，')}`);
  for (const n of s.notes) lines.push(`  ${en ? n.en : n.zh}`);
  return lines.join('\n');
}

// ── budget check on a PDF or a workbook ───────────────────────────────────────────────────────────────

/** A document imported for `budget check`: its budget text and how to report a finding on it. */
export interface CheckedDocument {
  file: string;
  text: string;
  bytes: Uint8Array;
  result: ImportResult;
}

export async function importForCheck(file: string): Promise<CheckedDocument> {
  const bytes = readBytes(file);
  try {
    const result = await importDocument(bytes, { name: basename(file) });
    return { file, text: result.text, bytes, result };
  } catch (e) {
    if (e instanceof ImportError) throw new CommandError(`budget: ${file}: ${e.zh} / ${e.en}`);
    throw e;
  }
}

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

const SEV_ZH: Record<string, string> = { error: '错误', warning: '警告', information: '提示', hint: '提示' };

export interface DocumentReport {
  text: string[];
  json: object[];
  findings: Finding[];
}

/** The findings of the imported text, reported at the page and printed line they come from. */
export function reportDocument(doc: CheckedDocument, diagnostics: Diagnostic[], locale: Locale): DocumentReport {
  const idx = new LineIndex(doc.text);
  const out: DocumentReport = { text: [], json: [], findings: [] };
  for (const d of diagnostics) {
    const ref = sourceOf(doc.result.map, d.start);
    const pos = idx.position(d.start);
    const message = renderMessage(d, locale);
    const where = ref ? `p${ref.page}:l${ref.line}` : `l${pos.line + 1}`;
    const sev = locale === 'en' ? d.severity : SEV_ZH[d.severity];
    const stmt = idx.lineText(pos.line).trim();
    out.text.push([
      `${doc.file}:${where}: ${sev} ${d.code} ${message}`,
      ref ? `  ${locale === 'en' ? `page ${ref.page}, line ${ref.line}` : `第 ${ref.page} 页第 ${ref.line} 行`} | ${ref.text}` : '',
      `  ${locale === 'en' ? 'imported as' : '导入为'} | ${stmt}`,
      ...(d.related ?? []).map((r) => {
        const rr = sourceOf(doc.result.map, r.start);
        return `    ${locale === 'en' ? 'note' : '注'} ${rr ? `p${rr.page}:l${rr.line}` : ''}: ${t2(r.message, locale)}`;
      }),
    ].filter(Boolean).join('\n'));
    out.json.push({
      file: doc.file, page: ref?.page, printedLine: ref?.line, printed: ref?.text, line: pos.line + 1, column: pos.character + 1,
      severity: d.severity, code: d.code, message,
      related: (d.related ?? []).map((r) => {
        const rr = sourceOf(doc.result.map, r.start);
        return { page: rr?.page, printedLine: rr?.line, message: t2(r.message, locale) };
      }),
    });
    if (ref) out.findings.push({ ref, severity: d.severity, code: d.code, message: `${renderMessage(d, 'zh-CN')} · ${renderMessage(d, 'en')}` });
  }
  return out;
}

/** `--annotate out.pdf`: the PDF with every finding boxed (one PDF checked at a time). */
export async function writeAnnotated(doc: CheckedDocument, findings: Finding[], out: string, force: boolean): Promise<void> {
  if (doc.result.doc.kind !== 'pdf') throw new CommandError(`budget: --annotate 只能用于 PDF / --annotate needs a PDF (${doc.file})`, true);
  if (existsSync(out) && !force) throw new CommandError(`budget: ${out}: 文件已存在，未覆盖（加 --force 覆盖） / the file exists and was not overwritten (use --force)`);
  const bytes = await annotatePdf(doc.bytes, findings);
  try {
    writeFileSync(out, bytes);
  } catch (e) {
    throw new CommandError(`budget: ${out}: ${(e as Error).message}`);
  }
}

/** For the VS Code command: import a file and write the `.budget` beside it (never over an existing file). */
export async function importBeside(file: string, force = false): Promise<{ out: string; summary: ImportSummary }> {
  const out = defaultOut(file);
  const r = await importDocument(readBytes(file), { name: basename(file) });
  writeNew(out, r.text, force);
  return { out, summary: r.summary };
}

export { analyze };

/**
 * The documents (PDFs, workbooks) among the files of one `budget check`: imported in memory before the
 * check; their findings are reported with page and printed line, and `--annotate` writes the boxed PDF.
 */
export class DocumentChecks {
  private readonly docs = new Map<string, CheckedDocument>();
  private readonly findings = new Map<string, Finding[]>();

  /** Imports every document among `files`; one that cannot be read is reported through `fail`. */
  static async load(files: string[], fail: (message: string) => void): Promise<DocumentChecks> {
    const c = new DocumentChecks();
    for (const file of files.filter(isDocument)) {
      try {
        c.docs.set(file, await importForCheck(file));
      } catch (e) {
        if (!(e instanceof CommandError)) throw e;
        fail(e.message);
      }
    }
    return c;
  }

  /** A document that failed to import is not checked (reported by `load`). */
  skipped(file: string): boolean {
    return isDocument(file) && !this.docs.has(file);
  }

  text(file: string): string | undefined {
    return this.docs.get(file)?.text;
  }

  report(file: string, diagnostics: Diagnostic[], locale: Locale): DocumentReport | undefined {
    const doc = this.docs.get(file);
    if (!doc) return undefined;
    const r = reportDocument(doc, diagnostics, locale);
    this.findings.set(file, r.findings);
    return r;
  }

  /** `--annotate out.pdf`: exactly one PDF among the files. */
  async annotate(out: string, force: boolean): Promise<void> {
    const pdfs = [...this.docs.values()].filter((d) => d.result.doc.kind === 'pdf');
    if (pdfs.length !== 1) throw new CommandError('budget check --annotate: 需要恰好一个 PDF 文件 / exactly one PDF file is needed', true);
    await writeAnnotated(pdfs[0], this.findings.get(pdfs[0].file) ?? [], out, force);
  }
}
