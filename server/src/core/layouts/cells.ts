/**
 * Faithful cells: what a table cell shows for a figure.
 *
 * - A figure written in the document is shown as written (in the table's money unit: a layout that prints as
 *   written keeps its decimals, `15` stays `15`); a written 0 stays a 0.
 * - Only where nothing was written is the computed figure shown, marked `computed` (the preview styles it).
 * - A written figure that disagrees with its computed value keeps the written figure and carries the computed
 *   one in `differs` (the diagnostic that reports it stands at the same source span).
 * - An unknown figure (nothing written, nothing to compute it from) is an empty cell: unknown is not zero.
 * - A computed zero prints as the layout publishes zeros: blank (the reference layout) or a number.
 *
 * Money is exact: a figure in another money unit than the table's is converted exactly (ticks), shown with the
 * table's decimals and more only when the value needs them, never rounded.
 */
import { rowCoversAllSources, type TreeNode } from '../compute';
import type { Span } from '../diagnostics';
import type { Column } from '../keywords';
import type { Amount, Row, Section } from '../model';
import { formatMoney, type Money, type MoneyUnit } from '../money';
import { headerWidth, leafColumns, type HeaderCell, type Table, type TableCell } from './grid';

/** How a table prints its figures (part of a layout's data). */
export interface CellStyle {
  /** Decimals shown at least for a figure that is computed or converted from another money unit. */
  minDecimals: number;
  /** A figure written in the table's money unit keeps its own decimals (`15`, `0`, `3,498,000.00`). */
  asWritten: boolean;
  /** How a computed zero prints: blank (as the reference publication prints zeros) or as a number. */
  zero: 'blank' | 'number';
}

/** The reference layout's style: two decimals everywhere, zeros blank. */
export const REFERENCE_STYLE: CellStyle = { minDecimals: 2, asWritten: false, zero: 'blank' };

/** A table's money unit and style. */
export interface CellFormat extends CellStyle {
  unit: MoneyUnit;
}

export function spanOf(s: Span | undefined): Span | undefined {
  return s ? { start: s.start, end: s.end } : undefined;
}

function shown(v: Money, fmt: CellFormat, written?: Amount): string {
  if (written && fmt.asWritten && written.unit === fmt.unit) return formatMoney(v, fmt.unit, { minDecimals: written.decimals });
  return formatMoney(v, fmt.unit, { minDecimals: fmt.minDecimals });
}

/**
 * The cell of a figure: `written` (the amount as the document states it, if it does) and `computed` (its value
 * from the figures it is made of, if any). See the module comment for the rules. `agrees` says when the written
 * figure is the computed one (exactly, unless a figure is stated rounded, as a 说明 states 本年).
 */
export function figureCell(
  fmt: CellFormat, written: Amount | undefined, computed: Money | undefined, span: Span | undefined,
  agrees: (w: Amount, c: Money) => boolean = (w, c) => w.value === c,
): TableCell {
  let c: TableCell;
  if (written) {
    c = { text: shown(written.value, fmt, written), amount: formatMoney(written.value, fmt.unit, { grouping: false }) };
    if (computed !== undefined && !agrees(written, computed)) c.differs = shown(computed, fmt);
  } else if (computed !== undefined) {
    c = { text: computed === 0n && fmt.zero === 'blank' ? '' : shown(computed, fmt), amount: formatMoney(computed, fmt.unit, { grouping: false }), computed: true };
  } else c = { text: '' };
  const s = spanOf(span);
  if (s) c.span = s;
  return c;
}

/** A figure that is a fact as written (a list row, a project amount): no computed value to hold it against. */
export function writtenCell(fmt: CellFormat, written: Amount | undefined, span: Span | undefined): TableCell {
  return figureCell(fmt, written, undefined, written?.span ?? span);
}

export function txt(text: string | undefined, extra: Partial<TableCell> = {}): TableCell {
  const c: TableCell = { text: text ?? '', ...extra };
  if (extra.span) c.span = spanOf(extra.span);
  return c;
}

export function label(text: string, extra: Partial<TableCell> = {}): TableCell {
  return txt(text, { head: true, ...extra });
}

export function covered(): TableCell {
  return { text: '', covered: true };
}

export function addM(a: Money | undefined, b: Money | undefined): Money | undefined {
  return a === undefined ? b : b === undefined ? a : a + b;
}

export function nonZero(...vs: Array<Money | undefined>): boolean {
  return vs.some((v) => v !== undefined && v !== 0n);
}

export function cleanCell(c: TableCell): TableCell {
  if (c.indent === undefined) delete c.indent;
  if (c.span === undefined) delete c.span;
  return c;
}

/** A table from its parts: leaf column names from the header, cells without undefined fields. */
export function makeTable(base: Omit<Table, 'columns' | 'rows'> & { columns?: string[] }, rows: TableCell[][]): Table {
  const width = base.header.length ? headerWidth(base.header) : rows.reduce((w, r) => Math.max(w, r.length), 0);
  return { ...base, columns: base.columns ?? leafColumns(base.header, width), rows: rows.map((r) => r.map(cleanCell)) };
}

// ── figures of classification trees ─────────────────────────────────────────────────────────────────

/** Nodes of a tree in published order: code order, parents before children. */
export function preorder(root: TreeNode): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (n: TreeNode): void => {
    for (const c of [...n.children].sort((a, b) => a.code.localeCompare(b.code))) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** 类 0 / 款 1 / 项 2 (function codes of 3/5/7 digits, economic codes of 3/5). */
export function codeLevel(code: string): number {
  return code.length <= 3 ? 0 : code.length <= 5 ? 1 : 2;
}

/** The row of a node whose figures are the code's over all sources (the 合计 row for the root). */
function coveringRow(n: TreeNode, section: Section | undefined): Row | undefined {
  if (!n.code) return section?.total;
  return n.rows.find((r) => rowCoversAllSources(section, r));
}

/**
 * The figure of a node's column as written, over the funding sources `pick` selects (all when absent): the row
 * that states exactly those sources — a row covering all of the code's sources when `pick` takes every source the
 * code has, the row of the one source it takes otherwise. Undefined when no written row states that figure.
 */
export function writtenOf(n: TreeNode, section: Section | undefined, col: Column, pick?: (key: string) => boolean): Amount | undefined {
  // Counted without arrays: this runs for every cell of every classification table.
  let all = 0;
  let selected = 0;
  let only: string | undefined;
  for (const k of n.bySource.keys()) {
    all++;
    if (!pick || pick(k)) {
      selected++;
      only = k;
    }
  }
  if (!selected) return pick ? undefined : coveringRow(n, section)?.cells[col];
  if (selected === all) {
    const covering = coveringRow(n, section)?.cells[col];
    if (covering) return covering;
  }
  if (selected === 1 && n.code) {
    for (const r of n.rows) if (r.source && sourceKeyOf(r) === only) return r.cells[col];
  }
  return undefined;
}

function sourceKeyOf(r: Row): string {
  return (r.source!.carried ? '上年结转:' : '') + r.source!.source;
}

/** The computed figure of a node's column over the sources `pick` selects (all when absent). */
export function computedOf(n: TreeNode, col: Column, pick?: (key: string) => boolean): Money | undefined {
  if (!pick) return n.cells[col];
  let v: Money | undefined;
  for (const [k, c] of n.bySource) if (pick(k)) v = addM(v, c[col]);
  return v;
}

/** The cell of a node's column over the sources `pick` selects: written where written, else computed. */
export function nodeCell(fmt: CellFormat, n: TreeNode, section: Section | undefined, col: Column, pick: ((key: string) => boolean) | undefined, span: Span | undefined): TableCell {
  const w = writtenOf(n, section, col, pick);
  return figureCell(fmt, w, computedOf(n, col, pick), w?.span ?? span);
}

/** A header cell list with unset spans removed (a one-row header needs no rowSpan). */
export function tidyHeader(header: HeaderCell[][]): HeaderCell[][] {
  for (const row of header) for (const c of row) {
    if (c.rowSpan === undefined || c.rowSpan === 1) delete c.rowSpan;
    if (c.colSpan === undefined || c.colSpan === 1) delete c.colSpan;
  }
  return header;
}
