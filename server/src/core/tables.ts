/**
 * The table model: the standard published tables (表1 … 表18) derived from a budget's figures. One piece
 * of the core, used by the preview webview, the CLI's `render` and the tests alike.
 */
import type { Analysis } from './analyze';
import type { Span } from './diagnostics';

export interface HeaderCell {
  text: string;
  /** Columns and rows this header cell spans (multi-level headers). */
  colSpan?: number;
  rowSpan?: number;
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
}

export interface Table {
  /** '表1' … '表18' (表17 once per project: id '表17', `part` distinguishes). */
  id: string;
  /** e.g. '收支预算总表'. */
  title: string;
  /** Unit name and money unit line, e.g. '单位名称：抚顺市社会保险事业服务中心 单位：万元'. */
  subtitle: string;
  unitName: string;
  moneyUnit: string;
  /** Header rows (multi-level). */
  header: HeaderCell[][];
  /** Flat column names (leaf headers), one per column. */
  columns: string[];
  rows: TableCell[][];
  /** A note printed under the table (e.g. the empty-table remark of 表8). */
  note?: string;
  /** For 表17: the project's name. */
  part?: string;
}
