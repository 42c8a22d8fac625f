/**
 * The table model every layout builds (header cells, body cells, tables) and the header-grid helpers shared by
 * the builders, the renderers (json, html, csv, xlsx) and the preview. No figures here: see cells.ts.
 */
import type { Span } from '../diagnostics';

export interface HeaderCell {
  text: string;
  /** Columns and rows this header cell spans (multi-level headers). */
  colSpan?: number;
  rowSpan?: number;
  /**
   * A column printed beside the table's figures but no part of them (机关运行经费 beside the 三公 in the reference
   * layout's 表7): no 合计/小计 column sums it (layouts/totals.ts), whatever its place under the header.
   */
  apart?: boolean;
}

export interface TableCell {
  /** The displayed string, formatted as published ('' for an empty cell). */
  text: string;
  /** Exact amount (as a decimal string in the table's money unit) when the cell is an amount. */
  amount?: string;
  /** Indentation level for code/name cells (类 0, 款 1, 项 2). */
  indent?: number;
  /** Where the figure comes from in the source (for click-to-reveal and diagnostics). */
  span?: Span;
  /** Body cells of form-like tables (表16, 表17) may span columns and rows, like the publication. */
  colSpan?: number;
  rowSpan?: number;
  /** True for a cell covered by a spanning cell to its left or above (kept so rows stay rectangular). */
  covered?: boolean;
  /** A label cell inside the body (rendered like a header: 表16/表17 field names, the 合计 label). */
  head?: boolean;
  /**
   * True when the figure was not written in the document: it is computed from the figures that were (a sum,
   * a converted or derived figure). A written figure is never replaced by a computed one.
   */
  computed?: boolean;
  /**
   * For a written figure that disagrees with the value computed from its parts: that computed value, formatted
   * like the cell. The cell still shows the written figure; the diagnostic that reports it is at the cell's span.
   */
  differs?: string;
  /**
   * Where a figure not written in this file comes from, when it is another file (a 上年 taken from last year's
   * budget: '取自上年预算文件 2024.budget'): the preview and the HTML export show it on hover.
   */
  source?: string;
  /**
   * The file `span` lies in, when it is not this document (a unit's figure in a department's 部门支出分单位明细,
   * from the unit's file): the caller's file id (a path; the language server sends it as a file URI).
   */
  file?: string;
}

export interface Table {
  /**
   * The table's number in its layout: '表1' … '表18' in the reference layout (表17 once per project: `part`
   * distinguishes), '表1' … '表9' (and '说明' for 项目经费情况说明) in the Shanghai layouts, and '比较'
   * (与上年预算比较, for a unit with a 上年比较 block, after the layout's tables).
   */
  id: string;
  /** e.g. '收支预算总表'; a Shanghai table's title carries the year as printed ('2025年部门收入预算总表'). */
  title: string;
  /** English subtitle (locale 'en' only); the official titles stay Chinese. */
  titleEn?: string;
  /** Unit name and money unit line, e.g. '单位名称：抚顺市社会保险事业服务中心 单位：万元'. */
  subtitle: string;
  unitName: string;
  moneyUnit: string;
  /** Header rows (multi-level). Empty for the form-like 表16 and 表17 (their labels are body cells). */
  header: HeaderCell[][];
  /** Flat column names (leaf headers), one per column. */
  columns: string[];
  rows: TableCell[][];
  /** A note printed under the table (e.g. the empty-table remark of 表8). */
  note?: string;
  /** For 表17: the project's name. */
  part?: string;
  /** The layout (表式) the table belongs to: '辽宁', '上海单位', '上海部门'. */
  layout?: string;
  /** The sheet of the layout's official workbook that holds this table (xlsx export), e.g. '部门收支总表'. */
  sheet?: string;
  /** The two parts of the unit line as printed: left ('编制部门：…') and right ('单位：元'). */
  unitLine?: { left: string; right: string };
}

/** Number of columns of a header grid (its first row's spans). */
export function headerWidth(header: HeaderCell[][]): number {
  return header.length ? header[0].reduce((a, c) => a + (c.colSpan ?? 1), 0) : 0;
}

/** Header cells with their grid positions (row, column), resolving row and column spans. */
export function placeHeader(header: HeaderCell[][], width: number): Array<{ row: number; col: number; cell: HeaderCell }> {
  const taken: boolean[][] = header.map(() => new Array<boolean>(width).fill(false));
  const out: Array<{ row: number; col: number; cell: HeaderCell }> = [];
  header.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (c < width && taken[r][c]) c++;
      const cs = cell.colSpan ?? 1;
      const rs = cell.rowSpan ?? 1;
      for (let dr = 0; dr < rs && r + dr < header.length; dr++) for (let dc = 0; dc < cs && c + dc < width; dc++) taken[r + dr][c + dc] = true;
      out.push({ row: r, col: c, cell });
      c += cs;
    }
  });
  return out;
}

/** For each column, the header texts above it from the top (a spanning cell counts once per column). */
export function headerPaths(header: HeaderCell[][], width: number): string[][] {
  const out: string[][] = Array.from({ length: width }, () => []);
  const placed = placeHeader(header, width).sort((a, b) => a.row - b.row);
  for (const p of placed) for (let dc = 0; dc < (p.cell.colSpan ?? 1) && p.col + dc < width; dc++) out[p.col + dc].push(p.cell.text);
  return out;
}

/** Leaf names of a header grid, in column order. */
export function leafColumns(header: HeaderCell[][], width: number): string[] {
  return headerPaths(header, width).map((p) => p[p.length - 1] ?? '');
}

/** Number of columns of a table. */
export function tableWidth(t: Table): number {
  return t.header.length ? headerWidth(t.header) : Math.max(t.columns.length, ...t.rows.map((r) => r.length));
}

/** A table's display name: '表3 支出预算总表' / '表17 部门预算项目（政策）绩效目标表 — 项目名'. */
export function tableLabel(t: Table): string {
  return `${t.id} ${t.title}${t.part ? ' — ' + t.part : ''}`;
}
