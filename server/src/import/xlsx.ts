/**
 * Workbooks (.xlsx, through exceljs) → printed lines: one page per sheet, one line per row, one cell per
 * non-empty cell (a merged cell once, spanning its columns). Numbers stay numbers: their text is the exact
 * decimal of the stored value at the decimals its number format shows. Sheets are recognised later by the
 * title they hold, never by their position or name.
 */
import { ImportError, type SourceCell, type SourceDoc, type SourceLine, type SourcePage } from './source';

/**
 * A sheet column's width in the units of cell positions: positions are laid out as on a page (as a PDF's points or
 * a laid-out text's characters), each column this wide with a small gap before the next, so that the readers'
 * margins between columns mean the same for every kind of document.
 */
const COLUMN = 10;

export async function readXlsx(bytes: Uint8Array): Promise<SourceDoc> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new ImportError('corrupt', `不是可读的 Excel 工作簿（${(e as Error)?.message ?? e}）`, `not a readable Excel workbook (${(e as Error)?.message ?? e})`);
  }
  const pages: SourcePage[] = [];
  const lines: SourceLine[] = [];
  let n = 0;
  wb.eachSheet((ws) => {
    const page = ++n;
    pages.push({ number: page, label: ws.name });
    const merges = mergeWidths(ws);
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: SourceCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // A merged range is read once, at its top-left cell.
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const text = cellText(cell.value, cell.numFmt);
        if (!text.trim()) return;
        const span = merges.get(cell.address) ?? 1;
        cells.push({ text: text.replace(/\s+/g, ' ').trim(), x0: (c - 1) * COLUMN, x1: (c - 1 + span) * COLUMN - 2 });
      });
      if (cells.length) lines.push({ page, line: r, cells });
    });
  });
  if (!lines.length) throw new ImportError('empty', '工作簿中没有任何内容', 'the workbook is empty');
  return { kind: 'xlsx', positional: true, pages, lines };
}

/** Column widths of merged ranges, by their top-left address. */
function mergeWidths(ws: { model: unknown }): Map<string, number> {
  const out = new Map<string, number>();
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  for (const m of merges) {
    const [a, b] = m.split(':');
    if (!a || !b) continue;
    out.set(a, col(b) - col(a) + 1);
  }
  return out;
}

function col(address: string): number {
  let n = 0;
  for (const ch of address.replace(/\d+$/, '').toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** A cell's printed text: numbers as exact decimals at their format's decimals, rich text joined. */
export function cellText(v: unknown, numFmt?: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberText(v, numFmt);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: string; formula?: string };
  if (o.richText) return o.richText.map((r) => r.text).join('');
  if ('result' in o) return cellText(o.result, numFmt);
  if (typeof o.text === 'string') return o.text;
  return '';
}

/**
 * The decimal a spreadsheet shows for a stored number: the shortest decimal that reads back as the same
 * binary number (so 162953.23 stays 162953.23), padded to the decimals of a fixed format (`#,##0.00` → 2), with
 * thousands separators when the format groups digits (`#,##0` shows 94995790 as 94,995,790).
 */
function numberText(v: number, numFmt?: string): string {
  if (!Number.isFinite(v)) return String(v);
  const fixed = /0\.(0+)(?![0#])/.exec(numFmt ?? '')?.[1].length;
  let s = Math.abs(v) >= 1e21 ? v.toFixed(0) : String(v);
  if (/e/i.test(s)) s = v.toFixed(Math.min(20, Math.max(0, -Math.floor(Math.log10(Math.abs(v))) + 15)));
  if (fixed !== undefined) {
    const [int, frac = ''] = s.split('.');
    if (frac.length <= fixed) s = `${int}.${frac.padEnd(fixed, '0')}`;
    else s = v.toFixed(fixed);
  }
  if (/#,##?0/.test(numFmt ?? '')) s = s.replace(/^(-?)(\d+)/, (_, sign: string, int: string) => sign + int.replace(/\B(?=(\d{3})+$)/g, ','));
  return s;
}
