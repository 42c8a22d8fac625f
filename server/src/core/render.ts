/**
 * Renders the tables of a budget's layout (表式) in the CLI's output formats (`budget render <file> --format …`):
 *
 * - json: `{ tables: [{ id, title, part?, unitName, unit, subtitle, columns, header, rows, note? }] }`; the
 *   cells are the displayed strings ('' for an empty cell), `columns` the header path of each column
 *   ('本年收入/一般公共预算').
 * - html: one self-contained page (inline CSS, no script, every text escaped) with the layout, a table of contents
 *   and print-friendly CSS (one table per A4 landscape page, headers repeated on every printed page); computed cells
 *   italic, a written figure that disagrees with its computed value marked ≠ (the computed value as its title).
 * - csv: all tables one after the other (title line, header line, rows, blank line), RFC 4180 quoting, CRLF,
 *   UTF-8 with a BOM so that Excel reads the Chinese text correctly.
 * - xlsx: the layout's official workbook (the Shanghai disclosure workbooks: their sheets in order and by name, text
 *   sheets with their headings; the reference layout: its title page, then one sheet per table); each table sheet with its title, unit
 *   line, merged header cells (repeated on printed pages), amounts as numbers in the printed format, A4 landscape
 *   fit to width; each total that equals its parts (合计 rows, parent rows, 合计/小计 columns) as a `SUM` formula
 *   with its figure cached, a written total that disagrees with its parts as the plain number written.
 */
import type { Analysis } from './analyze';
import type { Locale } from './i18n';
import { organisationText, procurementText, workbookUnits } from './layouts/statements';
import { withYear } from './layouts/title';
import { totalCells, type TotalCell } from './layouts/totals';
import type { TextSheet } from './layouts/types';
import { buildTables, headerPaths, layoutOf, layoutsOf, layoutSummary, placeHeader, tableLabel, tableWidth, type LayoutInfo, type Table, type TableCell, type TableOptions } from './tables';
import { handoutOf, type Handout } from './handout';
import { displayWidth } from './width';

export type RenderFormat = 'json' | 'html' | 'csv' | 'xlsx';

export interface RenderOptions extends TableOptions {
  /** Print the signature lines (单位负责人 / 财务负责人 / 经办人) under the tables (html, pdf). */
  signatures?: boolean;
}

export async function renderTables(a: Analysis, format: RenderFormat, locale: Locale, options: RenderOptions = {}): Promise<string | Uint8Array> {
  const tables = buildTables(a, locale, options);
  const errors = a.diagnostics.filter((d) => d.severity === 'error').length;
  switch (format) {
    case 'json':
      return renderJson(tables);
    case 'html':
      return renderHtml(tables, locale, errors, layoutSummary(a, locale), handoutOf(a), options);
    case 'csv':
      return renderCsv(tables);
    case 'xlsx':
      return renderXlsx(tables, workbookPlan(a), handoutOf(a));
    default:
      throw new Error(`unknown format ${String(format)}`);
  }
}

/** Column names as header paths ('本年收入/合计'); the leaf names when there is no header. */
export function columnPaths(t: Table): string[] {
  const width = tableWidth(t);
  if (!t.header.length) return t.columns.slice(0, width);
  return headerPaths(t.header, width).map((p) => p.join('/'));
}

// ── json ──────────────────────────────────────────────────────────────────────────────────────────────

export function renderJson(tables: Table[]): string {
  const out = tables.map((t) => ({
    id: t.id,
    title: t.title,
    ...(t.titleEn ? { titleEn: t.titleEn } : {}),
    ...(t.part ? { part: t.part } : {}),
    unitName: t.unitName,
    unit: t.moneyUnit,
    subtitle: t.subtitle,
    columns: columnPaths(t),
    header: t.header,
    rows: t.rows.map((r) => r.map((c) => (c.covered ? '' : c.text))),
    ...(t.note ? { note: t.note } : {}),
  }));
  return JSON.stringify({ tables: out }, null, 2) + '\n';
}

// ── csv ───────────────────────────────────────────────────────────────────────────────────────────────

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A signed number, possibly a percentage (`-0.84%`): a spreadsheet reads it as a number, never runs it. */
const NUMERIC_TEXT = /^[-+]?\d[\d,]*(?:\.\d+)?%?$/;

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @ followed by more) gets a leading
 * apostrophe. Amount cells are numbers, a signed number as text (a rate, `-0.84%`) is read as one, and a lone
 * operator (`=`) cannot run, so these stay as they are.
 */
function csvSafe(c: TableCell): string {
  const s = c.covered ? '' : c.text;
  if (c.amount !== undefined || s.length < 2 || NUMERIC_TEXT.test(s)) return s;
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvText(c: TableCell): string {
  return '  '.repeat(c.indent ?? 0) + csvSafe(c);
}

export function renderCsv(tables: Table[]): string {
  const lines: string[] = [];
  const line = (fields: string[]): void => {
    lines.push(fields.map(csvField).join(','));
  };
  for (const t of tables) {
    line([tableLabel(t), t.subtitle, ...(t.titleEn ? [t.titleEn] : [])]);
    line(columnPaths(t));
    for (const r of t.rows) line(r.map(csvText));
    if (t.note) line([t.note]);
    lines.push('');
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

// ── html ──────────────────────────────────────────────────────────────────────────────────────────────

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const HTML_CSS = `
:root { color-scheme: light; --border: #888; --head: #eef1f5; --muted: #555; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", SimSun, sans-serif; margin: 24px; color: #111; background: #fff; font-size: 13px; }
h1 { font-size: 20px; margin: 0 0 12px; }
nav.toc { margin: 0 0 24px; padding: 8px 16px; border: 1px solid #ccc; background: #fafafa; }
nav.toc h2 { font-size: 15px; margin: 4px 0; }
nav.toc ol { margin: 4px 0; padding-left: 24px; columns: 2; }
nav.toc a { color: #0645ad; text-decoration: none; }
.warn { border: 1px solid #d99; background: #fff4f4; padding: 6px 10px; margin: 0 0 16px; }
section.budget-table { margin: 0 0 36px; }
section.budget-table h2 { text-align: center; font-size: 18px; margin: 8px 0 2px; }
.table-no { text-align: right; margin: 0; color: var(--muted); }
.en { text-align: center; color: var(--muted); margin: 0 0 4px; }
.subtitle { margin: 4px 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--border); padding: 3px 6px; vertical-align: middle; }
th { background: var(--head); font-weight: bold; text-align: center; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.label { font-weight: bold; background: #f7f8fa; }
td.code { white-space: nowrap; }
td.ind1 { padding-left: 1.5em; }
td.ind2 { padding-left: 3em; }
td.long { max-width: 36em; }
td.computed { font-style: italic; color: var(--muted); }
td.differs { background: #fdecea; }
td.differs::before { content: '≠ '; color: #c62828; font-weight: bold; }
p.note { margin: 4px 0; color: var(--muted); }
p.unit-line { display: flex; justify-content: space-between; }
p.layout { margin: 0 0 8px; }
p.legend { color: var(--muted); margin: 0 0 12px; }
@media print {
  body { margin: 0; font-size: 10.5pt; }
  nav.toc, .warn { display: none; }
  section.budget-table { page-break-after: always; break-after: page; margin: 0; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  a { color: inherit; }
  th, td.label { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 9pt; }
  table.wide { font-size: 7pt; }
  td.computed { color: inherit; }
}
footer.signatures { display: flex; justify-content: space-between; margin: 24px 0 0; }
footer.signatures i { display: inline-block; width: 9em; border-bottom: 1px solid currentColor; }
@page { size: A4 landscape; margin: 12mm 12mm 16mm; @bottom-center { content: counter(page) ' / ' counter(pages); font-size: 9pt; } }
`;

function cellClasses(c: TableCell, i: number): string {
  const cls: string[] = [];
  if (c.amount !== undefined) cls.push('num');
  if (c.head) cls.push('label');
  if (c.indent) cls.push(`ind${Math.min(c.indent, 2)}`);
  if (i === 0 && /^\d{3,7}$/.test(c.text)) cls.push('code');
  if (c.text.length > 40) cls.push('long');
  if (c.computed) cls.push('computed');
  if (c.differs) cls.push('differs');
  return cls.join(' ');
}

function spanAttrs(c: { colSpan?: number; rowSpan?: number }): string {
  return (c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '') + (c.rowSpan && c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : '');
}

function htmlTable(t: Table, anchor: string): string {
  const out: string[] = [];
  out.push(`<section class="budget-table" id="${anchor}">`);
  out.push(`<p class="table-no">${escapeHtml(t.id)}</p>`);
  out.push(`<h2>${escapeHtml(t.title)}</h2>`);
  if (t.titleEn) out.push(`<p class="en">${escapeHtml(t.titleEn)}</p>`);
  if (t.part) out.push(`<p class="subtitle">项目：${escapeHtml(t.part)}</p>`);
  if (t.unitLine?.left) out.push(`<p class="subtitle unit-line"><span>${escapeHtml(t.unitLine.left)}</span><span>${escapeHtml(t.unitLine.right)}</span></p>`);
  else out.push(`<p class="subtitle">${escapeHtml(t.subtitle)}</p>`);
  out.push(tableWidth(t) > 9 ? '<table class="wide">' : '<table>');
  if (t.header.length) {
    out.push('<thead>');
    for (const row of t.header) out.push('<tr>' + row.map((h) => `<th${spanAttrs(h)}>${escapeHtml(h.text)}</th>`).join('') + '</tr>');
    out.push('</thead>');
  }
  out.push('<tbody>');
  for (const row of t.rows) {
    const cells = row.map((c, i) => {
      if (c.covered) return '';
      const cls = cellClasses(c, i);
      const title = c.differs ? ` title="与计算值不符：计算值 ${escapeHtml(c.differs)} · disagrees with the computed value"` : c.source ? ` title="${escapeHtml(c.source)}"` : c.computed ? ' title="计算值（文件中未写）· computed"' : '';
      return `<td${cls ? ` class="${cls}"` : ''}${title}${spanAttrs(c)}>${escapeHtml(c.text)}</td>`;
    });
    out.push('<tr>' + cells.join('') + '</tr>');
  }
  out.push('</tbody></table>');
  if (t.note) out.push(`<p class="note">${escapeHtml(t.note)}</p>`);
  out.push('</section>');
  return out.join('\n');
}

/**
 * The tables as one HTML page: the handout's title (the document's, core/handout.ts) and unit line, the contents,
 * each table; printed, one table per page with page numbers, and the signature lines when asked.
 */
export function renderHtml(tables: Table[], locale: Locale, errors = 0, layouts: LayoutInfo[] = [], handout?: Handout, options: RenderOptions = {}): string {
  const en = locale === 'en';
  const name = tables[0]?.unitName ?? '';
  const heading = handout?.title ?? (en ? `Budget tables${name ? ' — ' + name : ''}` : name);
  const unitLine = handout ? `<p class="unit-line handout-unit"><span>${escapeHtml(handout.unitLine.left)}</span><span>${escapeHtml(handout.unitLine.right)}</span></p>\n` : '';
  const signatures = handout && options.signatures
    ? `<footer class="signatures">${handout.signatures.map((s) => `<span>${escapeHtml(s)}：<i></i></span>`).join('')}</footer>\n`
    : '';
  const toc = tables.map((t, i) => `<li><a href="#t${i + 1}">${escapeHtml(tableLabel(t))}</a>${t.titleEn ? ` <span class="en-inline">(${escapeHtml(t.titleEn)})</span>` : ''}</li>`);
  const warn = errors
    ? `<p class="warn">${en ? `The file has ${errors} error(s); figures may be incomplete.` : `文件中有 ${errors} 个错误，表中数字可能不完整。`}</p>`
    : '';
  const empty = tables.length ? '' : `<p>${en ? 'No tables: the file declares no unit.' : '没有表：文件中没有单位。'}</p>`;
  const layoutLines = layouts.map((l) => `<p class="layout">${en ? 'Layout' : '表式'}：<b>${escapeHtml(l.name)}</b>${l.explicit ? '' : en ? ' (inferred)' : '（推断）'} — ${escapeHtml(l.reason)}</p>`).join('\n');
  const legend = tables.some((t) => t.rows.some((r) => r.some((c) => c.computed || c.differs)))
    ? `<p class="legend">${en ? 'Italic: computed (not written in the file) · ≠: the written figure disagrees with its computed value' : '斜体：计算值（文件中未写）· ≠：所写数字与计算值不符'}</p>\n`
    : '';
  return `<!DOCTYPE html>
<html lang="${en ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title>
<style>${HTML_CSS}</style>
</head>
<body>
<h1>${escapeHtml(heading)}</h1>
${unitLine}${layoutLines}${layoutLines ? '\n' : ''}${legend}${warn}${empty}<nav class="toc"><h2>${en ? 'Contents · 目录' : '目录 · Contents'}</h2><ol>
${toc.join('\n')}
</ol></nav>
${tables.map((t, i) => htmlTable(t, `t${i + 1}`)).join('\n')}
${signatures}</body>
</html>
`;
}

// ── xlsx ──────────────────────────────────────────────────────────────────────────────────────────────

/** Excel holds at most 32,767 characters in a cell (a longer one makes the file unreadable there). */
const XLSX_CELL_MAX = 32767;

/**
 * What XML 1.0 forbids in a document (the workbook's parts are XML): C0 controls but tab, line feed and carriage
 * return; U+FFFE and U+FFFF; a surrogate that is not half of a pair. A file holding one is not well-formed, and
 * Excel refuses it ("We found a problem with some content").
 */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with each character XML 1.0 forbids replaced by U+FFFD (visible, never silently dropped). */
export function xmlSafe(s: string): string {
  return s.replace(XML_FORBIDDEN, '\ufffd');
}

/** A text as a cell holds it: XML-safe, cut at Excel's limit (never inside a surrogate pair). */
function xlsxText(raw: string): string {
  const s = xmlSafe(raw);
  if (s.length <= XLSX_CELL_MAX) return s;
  let cut = XLSX_CELL_MAX - 1;
  if (s.charCodeAt(cut - 1) >= 0xd800 && s.charCodeAt(cut - 1) <= 0xdbff) cut--;
  return s.slice(0, cut) + '…';
}

/** Sheet names: at most 31 characters, none of []:*?/\\, XML-safe, unique (case-insensitive, as Excel requires). */
export function sheetNames(tables: Table[]): string[] {
  const used = new Set<string>();
  const counters = new Map<string, number>();
  return tables.map((t) => {
    let base: string;
    // A table of a layout with an official workbook takes its sheet's name (a second one of the same sheet: (2) …).
    if (t.sheet) base = t.sheet;
    else if (t.part) {
      const k = (counters.get(t.id) ?? 0) + 1;
      counters.set(t.id, k);
      base = `${t.id}-${k} ${t.part}`;
    } else base = `${t.id} ${t.title}`;
    // Excel: at most 31 characters (UTF-16 units), none of []:*?/\, no quote at either end — trimmed after
    // the cut, which may end on one; characters are never split (an emoji is two units).
    base = xmlSafe(base).replace(/[[\]:*?/\\]/g, '_');
    const cut = (s: string, max: number): string => {
      let out = '';
      for (const ch of s) {
        if (out.length + ch.length > max) break;
        out += ch;
      }
      return out.replace(/^'+|'+$/g, '') || '_';
    };
    let name = cut(base, 31);
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `(${n})`;
      name = cut(base, 31 - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** The official workbook's text sheets and what fills them, for a file whose tables follow a layout that has one. */
export interface WorkbookPlan {
  sheets: TextSheet[];
  /** The publisher (the unit or 部门) and the fiscal year, for headings. */
  name: string;
  year?: number;
  subject: string;
  /** 标题 as written: the cover's heading in its place. */
  title?: string;
  /** The text of the sheets the file fills (layouts/statements.ts): 机构设置, 其他相关情况说明. */
  organisation: string[];
  other: string[];
}

/** The workbook plan of a file: its first layout's workbook (its text sheets), if the layout has one. */
export function workbookPlan(a: Analysis): WorkbookPlan | undefined {
  const first = layoutsOf(a)[0];
  if (!first?.layout.workbook) return undefined;
  const f = a.figures.find((x) => layoutOf(x.unit).layout === first.layout)!;
  // A file of one 部门 publishes under the department's name.
  const dept = a.model.departments.length === 1 ? a.model.departments[0].name.text : undefined;
  const subject = first.layout.subject ?? (dept ? '部门' : '单位');
  const group = a.figures.filter((x) => layoutOf(x.unit).layout === first.layout);
  return {
    sheets: first.layout.workbook, name: dept ?? f.unit.name.text, year: f.unit.year, subject, ...(f.unit.title?.text ? { title: f.unit.title.text } : {}),
    organisation: organisationText(workbookUnits(group), subject), other: procurementText(group, f.unit.year, subject),
  };
}

/** Number format of an amount as displayed: its decimals, with grouping (`15` → '#,##0', `37.91` → '#,##0.00'). */
function numFmtOf(text: string): string {
  const d = /\.(\d+)$/.exec(text)?.[1].length ?? 0;
  return d ? `#,##0.${'0'.repeat(d)}` : '#,##0';
}

const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Rows of a table sheet, as the official workbook has them: title, unit line, then the header. */
const TITLE_ROW = 2;
const UNIT_ROW = 4;
const HEADER_ROW = 6;

type Sheet = import('exceljs').Worksheet;

/**
 * The formula of a total cell: `SUM` over its parts, consecutive parts as one range (`SUM(C8,C10:C12)`), at the
 * sheet's body row `body`.
 */
export function sumFormula(total: TotalCell, address: (row: number, col: number) => string, body: number): string {
  const refs: string[] = [];
  const parts = total.parts;
  for (let i = 0; i < parts.length; ) {
    let k = i;
    const next = (p: { row: number; col: number }, q: { row: number; col: number }): boolean =>
      total.direction === 'column' ? q.col === p.col && q.row === p.row + 1 : q.row === p.row && q.col === p.col + 1;
    while (k + 1 < parts.length && next(parts[k], parts[k + 1])) k++;
    const a = address(body + parts[i].row, parts[i].col + 1);
    refs.push(k > i ? `${a}:${address(body + parts[k].row, parts[k].col + 1)}` : a);
    i = k + 1;
  }
  return `SUM(${refs.join(',')})`;
}

/**
 * The printed page's header and footer: the document's title (the handout's) at the top, the page number at the
 * bottom (`&P`/`&N`: Excel's page fields; `&&` an ampersand written).
 */
function printFrame(ws: Sheet, handout?: Handout): void {
  // Excel holds at most 255 characters in a header: a longer title is cut (never inside a surrogate pair).
  const header = handout ? `&C${[...xmlSafe(handout.title)].slice(0, 200).join('').replace(/&/g, '&&')}` : '';
  ws.headerFooter = { ...(header ? { oddHeader: header } : {}), oddFooter: '&C第 &P 页 / 共 &N 页' };
}

/** A table on its sheet, laid out as the official workbook: title (row 2), unit line (row 4), header (row 6 on). */
function writeTableSheet(ws: Sheet, t: Table, handout?: Handout): void {
  printFrame(ws, handout);
  const width = tableWidth(t);
  const widths = new Array<number>(width).fill(6);
  const fit = (col: number, text: string, span = 1): void => {
    if (span === 1 && col < width) widths[col] = Math.max(widths[col], Math.min(60, displayWidth(text) + 2));
  };
  const merge = (r1: number, c1: number, r2: number, c2: number): void => {
    if (r2 > r1 || c2 > c1) ws.mergeCells(r1, c1, r2, c2);
  };
  // Title (the English title under it, locale en) and the unit line: publisher left, money unit right.
  const title = ws.getCell(TITLE_ROW, 1);
  title.value = xlsxText(t.title + (t.part ? ` — ${t.part}` : ''));
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  merge(TITLE_ROW, 1, TITLE_ROW, width);
  ws.getRow(TITLE_ROW).height = 24;
  if (t.titleEn) {
    const en = ws.getCell(TITLE_ROW + 1, 1);
    en.value = xlsxText(t.titleEn);
    en.alignment = { horizontal: 'center' };
    merge(TITLE_ROW + 1, 1, TITLE_ROW + 1, width);
  }
  const line = t.unitLine ?? { left: t.subtitle, right: '' };
  const left = ws.getCell(UNIT_ROW, 1);
  left.value = xlsxText(line.left || line.right);
  if (line.left && line.right && width > 1) {
    merge(UNIT_ROW, 1, UNIT_ROW, Math.max(1, width - 1));
    const right = ws.getCell(UNIT_ROW, width);
    right.value = xlsxText(line.right);
    right.alignment = { horizontal: 'right' };
  } else merge(UNIT_ROW, 1, UNIT_ROW, width);
  // Header rows with merged cells.
  for (const { row, col, cell } of placeHeader(t.header, width)) {
    const x = ws.getCell(HEADER_ROW + row, col + 1);
    x.value = xlsxText(cell.text);
    x.font = { bold: true };
    x.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    x.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F5' } };
    const cs = cell.colSpan ?? 1;
    const rs = cell.rowSpan ?? 1;
    for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) ws.getCell(HEADER_ROW + row + dr, col + 1 + dc).border = BORDER;
    merge(HEADER_ROW + row, col + 1, HEADER_ROW + row + rs - 1, col + cs);
    fit(col, cell.text, cs);
  }
  const body = HEADER_ROW + t.header.length;
  const totals = new Map(totalCells(t).map((x) => [`${x.row},${x.col}`, x]));
  const address = (r: number, c: number): string => ws.getCell(r, c).address;
  if (t.header.length) ws.views = [{ state: 'frozen', ySplit: body - 1 }];
  t.rows.forEach((row, ri) => {
    row.forEach((c, ci) => {
      const x = ws.getCell(body + ri, ci + 1);
      x.border = BORDER;
      if (c.covered) return;
      if (c.amount !== undefined && c.text !== '') {
        // The only place where an exact decimal becomes a binary number: the spreadsheet's own type.
        // A total that equals its parts: a formula, so that totals follow an edit in Excel, with the figure cached
        // for viewers that do not recalculate (layouts/totals.ts); any other figure as a plain number.
        const total = totals.get(`${ri},${ci}`);
        x.value = total ? { formula: sumFormula(total, address, body), result: Number(c.amount) } : Number(c.amount);
        x.numFmt = numFmtOf(c.text);
        x.alignment = { horizontal: 'right', vertical: 'middle' };
        // A written figure that disagrees with its computed value keeps its value; the computed one is noted.
        if (c.differs) x.note = `与计算值不符：计算值 ${c.differs}\nDisagrees with the computed value ${c.differs}`;
        // A figure not written in this file but taken from another (a 上年 from last year's budget): where from.
        else if (c.source) x.note = `${c.source}\n${c.computed ? '计算值（本文件中未写）· not written in this file' : ''}`.trim();
      } else {
        if (c.text) x.value = xlsxText(c.text);
        x.alignment = { vertical: 'middle', wrapText: c.text.length > 30, indent: c.indent ? c.indent * 2 : undefined };
      }
      if (c.head) {
        x.font = { bold: true };
        x.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF7F8FA' } };
      }
      merge(body + ri, ci + 1, body + ri + (c.rowSpan ?? 1) - 1, ci + (c.colSpan ?? 1));
      fit(ci, '  '.repeat(c.indent ?? 0) + c.text, c.colSpan ?? 1);
    });
  });
  if (t.note) {
    const r = body + t.rows.length;
    ws.getCell(r, 1).value = xlsxText(t.note);
    merge(r, 1, r, width);
  }
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  // Print as the documents are: A4 landscape, the width of the page, the header on every page.
  ws.pageSetup = {
    orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(t.header.length ? { printTitlesRow: `${HEADER_ROW}:${body - 1}` } : {}),
  };
}

/** A text sheet of the official workbook: its heading, and the cover's, the contents' or an empty body to fill. */
function writeTextSheet(ws: Sheet, sheet: TextSheet, plan: WorkbookPlan, contents: string[], handout?: Handout): void {
  if (sheet.fill !== 'cover') printFrame(ws, handout);
  const fill = (s: string): string => xlsxText(withYear(s, plan.year).replace('{名称}', plan.name).replace('{主体}', plan.subject).replace('{区划}', ''));
  ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true };
  if (sheet.fill === 'cover') {
    ws.getCell('A3').value = plan.title ? xlsxText(plan.title) : fill(sheet.heading);
    ws.getCell('A3').font = { bold: true, size: 26 };
    ws.getCell('A3').alignment = { horizontal: 'center' };
    ws.mergeCells('A3:M3');
    if (sheet.byline) {
      ws.getCell('A9').value = fill(sheet.byline);
      ws.getCell('A9').alignment = { horizontal: 'center' };
      ws.mergeCells('A9:M9');
    }
    return;
  }
  ws.getColumn(1).width = 120;
  ws.getCell('A1').value = fill(sheet.heading);
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  const lines = sheet.fill === 'contents' ? contents : sheet.fill === 'organisation' ? plan.organisation : sheet.fill === 'other' ? plan.other : [];
  if (lines.length) {
    lines.forEach((line, i) => {
      ws.getCell((sheet.fill === 'contents' ? 4 : 3) + i, 1).value = xlsxText(line);
      ws.getCell((sheet.fill === 'contents' ? 4 : 3) + i, 1).alignment = { vertical: 'top', wrapText: true };
    });
    return;
  }
  // The text the budget file does not hold (职能, 机构设置, 编制说明 …): an empty body, to be written in.
  ws.getCell('A3').alignment = { vertical: 'top', wrapText: true };
  ws.mergeCells('A3:A17');
}

export async function renderXlsx(tables: Table[], plan?: WorkbookPlan, handout?: Handout): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'budget-lang';
  // The document's title (the handout's: 标题 as written, else the layout's) as the workbook's and on every page.
  if (handout) wb.title = xmlSafe(handout.title);
  const writeTable = (ws: Sheet, t: Table): void => writeTableSheet(ws, t, handout);
  const names = sheetNames(tables);
  if (!plan) {
    tables.forEach((t, i) => writeTable(wb.addWorksheet(names[i]), t));
  } else {
    // The official workbook: its text sheets around the table sheets, in its order; tables whose sheet is a text
    // sheet's (项目经费情况说明) stand in its place.
    const at = (name: string): number[] => tables.flatMap((t, i) => (t.sheet === name ? [i] : []));
    const placed = new Set(plan.sheets.flatMap((s) => at(s.name)));
    const cn = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    const before = plan.sheets.filter((s) => s.at === 'before' && s.toc);
    const after = plan.sheets.filter((s) => s.at === 'after');
    const contents = [
      ...before.map((s, i) => `${cn[i]}、${s.toc}`),
      `${cn[before.length]}、${plan.subject}预算表`,
      ...tables.filter((t, i) => !placed.has(i) && t.sheet).map((t, i) => `    ${i + 1}. ${t.title}${t.part ? ' — ' + t.part : ''}`),
      ...after.map((s, i) => `${cn[before.length + 1 + i]}、${s.toc ?? s.heading}`),
    ];
    const add = (name: string): Sheet => wb.addWorksheet(name);
    for (const s of plan.sheets.filter((x) => x.at === 'before')) writeTextSheet(add(s.name), s, plan, contents, handout);
    tables.forEach((t, i) => {
      if (!placed.has(i) && t.sheet) writeTable(add(names[i]), t);
    });
    for (const s of after) {
      const own = at(s.name);
      if (own.length) for (const i of own) writeTable(add(names[i]), tables[i]);
      else writeTextSheet(add(s.name), s, plan, contents, handout);
    }
    // Tables beyond the workbook's (与上年预算比较): after its sheets.
    tables.forEach((t, i) => {
      if (!t.sheet) writeTable(add(names[i]), t);
    });
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
