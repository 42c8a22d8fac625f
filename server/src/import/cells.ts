/**
 * Small readers of printed cells shared by the table readers: amounts, classification codes, labels.
 */
import { displayWidth } from '../core/width';
import type { SourceCell, SourceLine } from './source';

const AMOUNT = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const PAREN_AMOUNT = /^[（(](?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[）)]$/;

/** A printed amount: digits with optional thousands separators and decimals, or a negative in parentheses. */
export function isAmount(text: string): boolean {
  const t = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');
  return AMOUNT.test(t) || PAREN_AMOUNT.test(t);
}

const COLUMN_FIGURE = /^[-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)$/;

/**
 * Whether a line prints a figure as a table's column prints it, a word of its own (grouped thousands or decimals:
 * `1,000`, `0.00`; a bare integer may be a code, a count, a year) — a line that must be read or kept, never left out as
 * text without figures.
 */
export function printsColumnFigure(line: string): boolean {
  return line.trim().split(/\s+/).some((w) => COLUMN_FIGURE.test(w));
}

/** The amount as the language writes it: full-width digits made ASCII, a parenthesised negative signed. */
export function amountLiteral(text: string): string {
  const t = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.').replace(/^−/, '-');
  const m = /^[（(](.*)[）)]$/.exec(t);
  return m ? `-${m[1]}` : t;
}

/** Digits only (a code part as printed: `201`, `05`, `2080109`, or a part cut short, `2`). */
export function isCodePart(text: string): boolean {
  return /^\d{1,7}$/.test(text);
}

/** Whether a token is a whole classification code (3, 5 or 7 digits). */
export function isWholeCode(text: string): boolean {
  return /^\d{3}(?:\d{2}){0,2}$/.test(text);
}

export { bareLabel } from '../core/layouts/lookup';

/** A label that starts a new item of a 收支 table (numbered, or a total). */
export function startsItem(text: string): boolean {
  return /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、](?!\d))/.test(text.replace(/\s+/g, '')) || /^(?:收入|支出)总计$|^本年(?:收入|支出)(?:合计)?$|^上年结转|^年终结转/.test(text.replace(/\s+/g, ''));
}

/**
 * Joins the words of a flattened line that a justified cell spread out (`收   入   总   计`, single CJK
 * characters one or more spaces apart) back into one cell.
 */
export function joinSpreadWords(cells: SourceCell[]): SourceCell[] {
  const out: SourceCell[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last && /^[\u4e00-\u9fff]$/.test(c.text) && /(?:^|[\u4e00-\u9fff])[\u4e00-\u9fff]$/.test(last.text) && isSpreadRun(last.text)) {
      last.text += c.text;
      last.x1 = c.x1;
    } else out.push({ ...c });
  }
  return out;
}

/** A run built of single characters so far (the cell being re-joined). */
function isSpreadRun(s: string): boolean {
  return s.length <= 6 && /^[\u4e00-\u9fff]+$/.test(s);
}

/**
 * A code printed against its name without a space (`2010506统计管理`, `301 01基本工资`, as some PDFs' text gives
 * them): the code part and the name become two cells, so that the row is read as any other. Only a row's
 * leading cells are looked at — a whole code (3, 5 or 7 digits) first, or a 2-digit 款/项 part after code parts.
 */
export function splitGluedCode(cells: SourceCell[]): SourceCell[] {
  const glued = (c: SourceCell, digits: RegExp): SourceCell[] | undefined => {
    const m = digits.exec(c.text);
    if (!m) return undefined;
    // The split point in the cell's own units (points of a PDF, columns of text), by display width.
    const at = c.x0 + ((c.x1 - c.x0) * displayWidth(m[1])) / Math.max(1, displayWidth(c.text));
    return [{ ...c, text: m[1], x1: at }, { ...c, text: c.text.slice(m[1].length), x0: at }];
  };
  const first = cells[0] && glued(cells[0], /^(\d{3}(?:\d{2}){0,2})(?=[\u4e00-\u9fff])/);
  if (first) return [...first, ...cells.slice(1)];
  let i = 0;
  while (i < cells.length && isCodePart(cells[i].text) && (i === 0 ? /^\d{3}$/.test(cells[i].text) : cells[i].text.length === 2)) i++;
  const part = i > 0 && i < 3 && cells[i] ? glued(cells[i], /^(\d{2})(?=[\u4e00-\u9fff])/) : undefined;
  return part ? [...cells.slice(0, i), ...part, ...cells.slice(i + 1)] : cells;
}

/** Cells that are amounts, in order. */
export function amountCells(l: SourceLine): SourceCell[] {
  return l.cells.filter((c) => isAmount(c.text));
}

/** The cells of a line with spread-out words re-joined when they are single characters. */
export function cellsOf(l: SourceLine, positional: boolean): SourceCell[] {
  if (positional) return l.cells;
  // Only lines made entirely of single CJK characters and amounts are candidates (`收   入   总   计 162,953.23`).
  const singles = l.cells.filter((c) => /^[\u4e00-\u9fff]$/.test(c.text)).length;
  return singles >= 2 ? joinSpreadWords(l.cells) : l.cells;
}
