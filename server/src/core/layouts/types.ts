/**
 * What a layout (表式) is: the tables a jurisdiction publishes, as data. See docs/architecture.md ("Layouts") for
 * how to add one.
 */
import type { Analysis } from '../analyze';
import type { UnitFigures } from '../compute';
import type { Text2 } from '../diagnostics';
import type { Locale } from '../i18n';
import type { FundingSource, ListTable } from '../keywords';
import type { Department } from '../model';
import type { MoneyUnit } from '../money';
import type { TakenPrevious, UnitFileEntry } from '../references';
import type { CellFormat, CellStyle } from './cells';
import type { HeaderCell, Table, TableCell } from './grid';

/** The layouts shipped: the reference document's (辽宁, 18 tables) and Shanghai's unit and department tables. */
export type LayoutId = '辽宁' | '上海单位' | '上海部门';

/**
 * What a document must state for a table to be published complete. Checked (BUD808, BUD809) for units whose file
 * states its layout; an inferred layout is a guess and asks for nothing.
 */
export type Requirement =
  /** A section of the unit (收入, 支出, 经济分类, 三公 …). */
  | { kind: 'section'; section: 'income' | 'func' | 'econ' | 'sangong' | 'overall' }
  /**
   * Spending from one funding source: rows of that source in 支出, or the table stated empty (`政府性基金支出 无`),
   * whose note the layout prints (“本部门无…，故本表为空表”).
   */
  | { kind: 'sourceOrEmpty'; source: FundingSource; list: ListTable }
  /** A list table: its rows, or `… 无`. */
  | { kind: 'list'; list: ListTable };

/** Everything a builder needs to build a table of one unit (or, for a listing table, of all units). */
export interface BuildContext {
  locale: Locale;
  layout: Layout;
  spec: TableSpec;
  analysis: Analysis;
  /** The unit (for a per-unit table) — for a listing table the first unit. */
  f: UnitFigures;
  /**
   * The units a listing table lists (a department's own consolidated figures would count its units twice, so they
   * are left out when the units are there).
   */
  figs: UnitFigures[];
  /** All units of the layout's group, in file order. */
  all: UnitFigures[];
  /** The name a listing table is published under (the unit, the 部门, or the units' names). */
  allName: string;
  /** The table's money unit and how it prints figures. */
  fmt: CellFormat;
  /** For 部门支出分单位明细: the department and its 单位文件 as the caller resolved them (layouts/units.ts). */
  unitFiles?: { department: Department; entries: UnitFileEntry[] };
  /** 上年 figures taken from last year's file (与上年预算比较 shows them, marked with where from). */
  taken?: TakenPrevious[];
  /** A table with this spec's id, title, unit line and sheet. */
  make(header: HeaderCell[][], rows: TableCell[][], extra?: Partial<Table>): Table;
}

export type Builder = (ctx: BuildContext) => Table | Table[] | undefined;

export interface TableSpec {
  /** The table's number in the layout ('表1' …), as the documents print it. */
  id: string;
  /** The printed title; `{年}` stands for the fiscal year as printed (“2025年”), left out when unknown. */
  title: Text2;
  /** The money unit the table is published in, or the document's own. */
  unit: MoneyUnit | 'document';
  build: Builder;
  /** One table per unit (default), or one table over all units of the file (tables with a 单位名称 column). */
  scope?: 'unit' | 'all';
  /** The sheet of the layout's official workbook holding this table (xlsx export). */
  sheet?: string;
  /** What the document must state for the table (see Requirement). */
  requires?: Requirement;
  /** The note printed under the table when it is empty and the document says so; `{年}` and `{主体}` (部门/单位). */
  emptyNote?: string;
  /** A note printed under the table always (the reference 表8's remark). */
  note?: string;
  /** Published only when the unit has what it shows (项目经费情况说明 needs projects). */
  optional?: boolean;
}

/** A sheet of the official workbook that holds text, not a table (封面, 目录, 名词解释 …). */
export interface TextSheet {
  name: string;
  /** Its heading; `{年}`, `{名称}` (the unit or 部门) and `{主体}` (部门/单位) are filled in. */
  heading: string;
  /** Where it stands: before the first table sheet or after the last. */
  at: 'before' | 'after';
  /**
   * What the exporter writes into it (the others get their heading and an empty body to write in): the cover, the
   * contents, the units and their 性质 (机构设置), the statements of 其他相关情况说明 a file holds (政府采购).
   */
  fill?: 'cover' | 'contents' | 'organisation' | 'other';
  /** The cover's line under its heading ('预算主管部门：{名称}'); `{名称}` as in the heading. */
  byline?: string;
  /** Its line in the workbook's 目录. */
  toc?: string;
}

export interface Layout {
  id: LayoutId;
  name: Text2;
  /** Who publishes with it (for docs and hovers). */
  description: Text2;
  /** 部门 (a department's consolidated budget) or 单位 (a unit's): the word printed in titles and notes. */
  subject?: '部门' | '单位';
  tables: TableSpec[];
  /** Whether the layout publishes the government economic classification table (BUD512 asks for 性质 only then). */
  govEconomic?: boolean;
  style: CellStyle;
  /** Where a table's 合计 row stands: first (under the header) or last. */
  totalRow: 'first' | 'last';
  /** The unit line: who publishes ('编制部门：' …) and how the money unit is written ('单位：元'). */
  unitLine(name: string, unit: MoneyUnit): { left: string; right: string };
  /** The official workbook's text sheets (the table sheets come from the specs' `sheet`). */
  workbook?: TextSheet[];
  /**
   * The document's title as its publications print it: `{年}`, `{名称}` (the unit or 部门) and `{主体}` (部门/单位)
   * filled in — “2025年抚顺市社会保险事业服务中心单位预算批复表”, “2025年上海市…部门预算”. The handout (the preview,
   * every export) carries it unless the file states its own (`标题`).
   */
  documentTitle: string;
}
