/**
 * Renders the standard tables in the CLI's output formats (`budget render <file> --format …`):
 *
 * - json: `{ tables: [{ id, title, part?, unitName, unit, subtitle, columns, header, rows, note? }] }`; the
 *   cells are the displayed strings ('' for an empty cell), `columns` the header path of each column
 *   ('本年收入/一般公共预算').
 * - html: one self-contained page (inline CSS, no script, every text escaped) with a table of contents and
 *   print-friendly CSS (one table per page, headers repeated on every printed page).
 * - csv: all tables one after the other (title line, header line, rows, blank line), RFC 4180 quoting, CRLF,
 *   UTF-8 with a BOM so that Excel reads the Chinese text correctly.
 * - xlsx: one sheet per table, merged header cells, bold headers, amounts as numbers ('#,##0.00').
 */
import type { Analysis } from './analyze';
import type { Locale } from './i18n';
import { buildTables, headerPaths, placeHeader, tableLabel, tableWidth, type Table, type TableCell } from './tables';
import { displayWidth } from './width';

export type RenderFormat = 'json' | 'html' | 'csv' | 'xlsx';

export async function renderTables(a: Analysis, format: RenderFormat, locale: Locale): Promise<string | Uint8Array> {
  const tables = buildTables(a, locale);
  const errors = a.diagnostics.filter((d) => d.severity === 'error').length;
  switch (format) {
    case 'json':
      return renderJson(tables);
    case 'html':
      return renderHtml(tables, locale, errors);
    case 'csv':
      return renderCsv(tables);
    case 'xlsx':
      return renderXlsx(tables);
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
p.note { margin: 4px 0; color: var(--muted); }
@media print {
  body { margin: 0; font-size: 10.5pt; }
  nav.toc, .warn { display: none; }
  section.budget-table { page-break-after: always; break-after: page; margin: 0; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  a { color: inherit; }
  th, td.label { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@page { size: A4 landscape; margin: 12mm; }
`;

function cellClasses(c: TableCell, i: number): string {
  const cls: string[] = [];
  if (c.amount !== undefined) cls.push('num');
  if (c.head) cls.push('label');
  if (c.indent) cls.push(`ind${Math.min(c.indent, 2)}`);
  if (i === 0 && /^\d{3,7}$/.test(c.text)) cls.push('code');
  if (c.text.length > 40) cls.push('long');
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
  out.push(`<p class="subtitle">${escapeHtml(t.subtitle)}</p>`);
  out.push('<table>');
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
      return `<td${cls ? ` class="${cls}"` : ''}${spanAttrs(c)}>${escapeHtml(c.text)}</td>`;
    });
    out.push('<tr>' + cells.join('') + '</tr>');
  }
  out.push('</tbody></table>');
  if (t.note) out.push(`<p class="note">${escapeHtml(t.note)}</p>`);
  out.push('</section>');
  return out.join('\n');
}

export function renderHtml(tables: Table[], locale: Locale, errors = 0): string {
  const en = locale === 'en';
  const name = tables[0]?.unitName ?? '';
  const heading = en ? `Budget tables${name ? ' — ' + name : ''}` : `${name}预算批复表`;
  const toc = tables.map((t, i) => `<li><a href="#t${i + 1}">${escapeHtml(tableLabel(t))}</a>${t.titleEn ? ` <span class="en-inline">(${escapeHtml(t.titleEn)})</span>` : ''}</li>`);
  const warn = errors
    ? `<p class="warn">${en ? `The file has ${errors} error(s); figures may be incomplete.` : `文件中有 ${errors} 个错误，表中数字可能不完整。`}</p>`
    : '';
  const empty = tables.length ? '' : `<p>${en ? 'No tables: the file declares no unit.' : '没有表：文件中没有单位。'}</p>`;
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
${warn}${empty}<nav class="toc"><h2>${en ? 'Contents · 目录' : '目录 · Contents'}</h2><ol>
${toc.join('\n')}
</ol></nav>
${tables.map((t, i) => htmlTable(t, `t${i + 1}`)).join('\n')}
</body>
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

/** Sheet names: at most 31 characters, none of []:*?/\, XML-safe, unique (case-insensitive, as Excel requires). */
export function sheetNames(tables: Table[]): string[] {
  const used = new Set<string>();
  const counters = new Map<string, number>();
  return tables.map((t) => {
    let base: string;
    if (t.part) {
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

export async function renderXlsx(tables: Table[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'budget-lang';
  const names = sheetNames(tables);
  const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  tables.forEach((t, ti) => {
    const ws = wb.addWorksheet(names[ti]);
    const width = tableWidth(t);
    const widths = new Array<number>(width).fill(6);
    const fit = (col: number, text: string, span = 1): void => {
      if (span === 1 && col < width) widths[col] = Math.max(widths[col], Math.min(60, displayWidth(text) + 2));
    };
    // Title and subtitle lines.
    let r = 1;
    ws.getCell(r, 1).value = xlsxText(tableLabel(t));
    ws.getCell(r, 1).font = { bold: true, size: 14 };
    ws.getCell(r, 1).alignment = { horizontal: 'center' };
    if (width > 1) ws.mergeCells(r, 1, r, width);
    r++;
    if (t.titleEn) {
      ws.getCell(r, 1).value = xlsxText(t.titleEn);
      ws.getCell(r, 1).alignment = { horizontal: 'center' };
      if (width > 1) ws.mergeCells(r, 1, r, width);
      r++;
    }
    ws.getCell(r, 1).value = xlsxText(t.subtitle);
    if (width > 1) ws.mergeCells(r, 1, r, width);
    r++;
    // Header rows with merged cells.
    const headerTop = r;
    for (const { row, col, cell } of placeHeader(t.header, width)) {
      const x = ws.getCell(headerTop + row, col + 1);
      x.value = xlsxText(cell.text);
      x.font = { bold: true };
      x.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      x.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F5' } };
      const cs = cell.colSpan ?? 1;
      const rs = cell.rowSpan ?? 1;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) ws.getCell(headerTop + row + dr, col + 1 + dc).border = border;
      if (cs > 1 || rs > 1) ws.mergeCells(headerTop + row, col + 1, headerTop + row + rs - 1, col + cs);
      fit(col, cell.text, cs);
    }
    r = headerTop + t.header.length;
    if (t.header.length) ws.views = [{ state: 'frozen', ySplit: r - 1 }];
    // Body.
    t.rows.forEach((row, ri) => {
      row.forEach((c, ci) => {
        const x = ws.getCell(r + ri, ci + 1);
        x.border = border;
        if (c.covered) return;
        if (c.amount !== undefined && c.text !== '') {
          // The only place where an exact decimal becomes a binary number: the spreadsheet's own type.
          x.value = Number(c.amount);
          x.numFmt = '#,##0.00';
          x.alignment = { horizontal: 'right', vertical: 'middle' };
        } else {
          x.value = xlsxText(c.text);
          x.alignment = { vertical: 'middle', wrapText: c.text.length > 30, indent: c.indent ? c.indent * 2 : undefined };
        }
        if (c.head) {
          x.font = { bold: true };
          x.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF7F8FA' } };
        }
        const cs = c.colSpan ?? 1;
        const rs = c.rowSpan ?? 1;
        if (cs > 1 || rs > 1) ws.mergeCells(r + ri, ci + 1, r + ri + rs - 1, ci + cs);
        fit(ci, '  '.repeat(c.indent ?? 0) + c.text, cs);
      });
    });
    r += t.rows.length;
    if (t.note) {
      ws.getCell(r, 1).value = xlsxText(t.note);
      if (width > 1) ws.mergeCells(r, 1, r, width);
    }
    widths.forEach((w, i) => {
      ws.getColumn(i + 1).width = w;
    });
    ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };
  });
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
