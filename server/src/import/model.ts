/**
 * What the importer will write: the statements of one unit, each figure with where it was printed. Figures
 * are placed into slots (an income line, a cell of a 支出 row …); a figure printed again in another table for
 * the same slot is a duplicate when it is the same, and kept as a comment when it is not. Nothing is
 * computed here: every figure is one the document printed.
 */
import { INCOME_ALIASES, SANGONG_ITEMS, type IncomeItem, type ListTable, type SangongItem } from '../core/keywords';
import { parseMoney, type MoneyUnit } from '../core/money';
import { amountLiteral } from './cells';
import type { LayoutId, TableDef } from './layouts';
import type { SourceRef } from './source';
import type { Fig } from './tables';

export interface IncomeLineM {
  item: IncomeItem;
  carried: boolean;
  /** The word written (the printed label when the language accepts it). */
  word: string;
  fig?: Fig;
  ref: SourceRef;
}

/** A row of a code table as printed: its code (as printed and as digits), name and figures by column. */
export interface PrintedRow {
  /** The code's digits ('' for the 合计 row). */
  code: string;
  /** The code as printed (`201 05 07`, `2080109`, `301 2`). */
  codeText: string;
  name: string;
  isTotal: boolean;
  /** Column key → figure. A column without a printed figure is absent. */
  cells: Map<string, Fig>;
  ref: SourceRef;
}

/** A row of a section to write, and the table that printed it first. */
export interface RowM extends PrintedRow {
  table: string;
  /** The funding source of a row of a code split by source (`来源 事业收入`, `来源 上年结转 一般公共预算`). */
  source?: string;
}

export interface SangongLineM {
  item: SangongItem;
  word: string;
  fig?: Fig;
  ref: SourceRef;
}

export interface ListRowM {
  name: string;
  code?: string;
  role?: 'total' | 'part';
  cells: Map<string, Fig>;
  ref: SourceRef;
}

export interface ListM {
  table: ListTable;
  empty: boolean;
  ref: SourceRef;
  unit?: MoneyUnit;
  rows: ListRowM[];
  note?: string;
  title: string;
}

export interface IndicatorM {
  level1?: string;
  level2?: string;
  name: string;
  op?: string;
  value?: string;
  unit?: string;
  deadline?: string;
  ref: SourceRef;
}

export interface ProjectM {
  name: string;
  ref: SourceRef;
  content?: string;
  amount?: Fig;
  supervisor?: string;
  implementer?: string;
  goal?: string;
  longTermGoal?: string;
  nature?: string;
  category?: string;
  /** 实施期限 as printed (`2024-01-01 至 2026-12-31`). */
  period?: string;
  startDate?: string;
  endDate?: string;
  fundsTotal?: Fig;
  fundsFiscal?: Fig;
  fundsOther?: Fig;
  fundsCarried?: Fig;
  indicators: IndicatorM[];
  /** Figures of the form the language cannot state (kept as comments inside the block). */
  unplaced: Array<{ ref: SourceRef; text: string }>;
}

export interface TaskM {
  name: string;
  fig?: Fig;
  ref: SourceRef;
}

export interface OverallM {
  ref: SourceRef;
  tasks: TaskM[];
  goal?: string;
  indicators: IndicatorM[];
}

export interface ComparisonLineM {
  /** The figure word (a 上年比较 figure), or a function code's digits (a per-code line, with its name). */
  figure: string;
  code?: { code: string; name?: string };
  current?: Fig;
  previous?: Fig;
  change?: { word: '增加' | '减少' | '持平' | '增减'; fig?: Fig };
  rate?: { word: '增长' | '下降' | '增幅'; fig: Fig };
  ref: SourceRef;
}

/** A printed line (or figure) kept as a comment, and why. */
export interface CommentM {
  /** The part of the document it belongs to (for grouping: '表4', '说明' …). */
  where: string;
  ref: SourceRef;
  why?: { zh: string; en: string };
}

/**
 * Figures a derived table printed that differ from what the statements give (or that they leave unknown), written
 * as an `印出` block of the table: one line per row, each figure with the column that the core reads back.
 */
export interface PrintedM {
  /** The table of the layout (its id) as the core builds it. */
  table: string;
  unit: MoneyUnit;
  rows: Array<{ row: string; cells: Array<{ column: string; fig: Fig }> }>;
}

/** A figure of a derived table, to be compared with the language's derivation (the core's tables). */
export interface DerivedCheck {
  def: TableDef;
  /** The table of the layout (its id: '表5', '表10' …) as the core builds it. */
  table: string;
  /** Row: a code, '合计', or a label of a 收支 table. */
  row: string;
  /** Column path of the core's table ('本年收入/一般公共预算'); for 收支 tables 'left' or 'right'. */
  column: string;
  fig: Fig;
  unit: MoneyUnit;
}

export interface ImportModel {
  layout?: LayoutId;
  unitName?: string;
  unitCode?: string;
  region?: string;
  year?: number;
  moneyUnit: MoneyUnit;
  supervisor?: string;
  /** 性质, when the document states it (or its 政府经济分类 shows it: said in a comment). */
  kind?: { word: string; why?: string };
  income: IncomeLineM[];
  incomeFunc: RowM[];
  func: RowM[];
  funcExtras: Map<'yearEndCarry' | 'grandTotal' | 'currentTotal', { word: string; fig?: Fig; ref: SourceRef }>;
  econ: RowM[];
  gov: RowM[];
  sangong?: { unit: MoneyUnit; lines: SangongLineM[]; ref: SourceRef; title: string };
  lists: ListM[];
  projects: ProjectM[];
  overall?: OverallM;
  /** The 说明 block: its figures, the notes under tables, text kept for its hygiene. */
  comparisons: {
    unit: MoneyUnit;
    lines: ComparisonLineM[];
    notes: Array<{ table: string; text: string; ref: SourceRef }>;
    texts: Array<{ text: string; ref: SourceRef }>;
  };
  comments: CommentM[];
  derived: DerivedCheck[];
  /** Figures printed again for a slot already filled, with the same value. */
  duplicates: Array<{ fig: Fig; of: Fig }>;
  /** Tables recognised (for the summary), with their figures. */
  tables: Array<{ def: TableDef; figures: number; page: number; pages?: number[] }>;
  /** Notes for the summary (columns told apart by arithmetic …). */
  notes: Array<{ zh: string; en: string }>;
  /** The money unit of each row section, when a table states its own. */
  sectionUnits: Map<string, MoneyUnit>;
  slots: Map<string, Fig>;
}

/** A department's units, for the tables that list them (a unit row, a unit named at its first row). */
export interface Listing {
  models: ImportModel[];
  named(name: string): ImportModel | undefined;
}

export function emptyModel(): ImportModel {
  return {
    moneyUnit: '万元', income: [], incomeFunc: [], func: [], funcExtras: new Map(), econ: [], gov: [], lists: [], projects: [],
    comparisons: { unit: '万元', lines: [], notes: [], texts: [] }, comments: [], derived: [], duplicates: [], tables: [], notes: [], sectionUnits: new Map(), slots: new Map(),
  };
}

/** The value of a printed figure in a money unit (for comparing duplicates). */
export function figValue(f: Fig, unit: MoneyUnit): bigint | undefined {
  return parseMoney(amountLiteral(f.text), unit);
}

/**
 * Puts a figure into a slot: the first printed figure fills it; the same figure printed again is a duplicate;
 * a different one is kept as a comment (the language has one place for it). Returns true when placed.
 */
export function place(m: ImportModel, slot: string, f: Fig, unit: MoneyUnit, where: string): boolean {
  const had = m.slots.get(slot);
  if (!had) {
    m.slots.set(slot, f);
    return true;
  }
  const a = figValue(had, unit);
  const b = figValue(f, unit);
  if (a !== undefined && a === b) m.duplicates.push({ fig: f, of: had });
  else {
    m.comments.push({
      where, ref: f.ref,
      why: { zh: `与第 ${had.ref.page} 页第 ${had.ref.line} 行所印 ${had.text} 不同（语言中只有一处可写）`, en: `differs from ${had.text} printed on page ${had.ref.page}, line ${had.ref.line} (the language has one place for it)` },
    });
  }
  return false;
}

/** The income item a printed label names, and whether the word is one the language accepts as written. */
export function incomeItemOf(label: string): { item: IncomeItem; word: string } | undefined {
  const s = label.replace(/\s+/g, '');
  if (INCOME_ALIASES[s]) return { item: INCOME_ALIASES[s], word: s };
  const extra: Record<string, IncomeItem> = {
    收入总计: '收入总计', 本年收入合计: '本年收入合计', 上年结转结余: '上年结转结余', 财政拨款收入: '财政拨款',
    单位资金收入: '单位资金', 事业单位经营收入: '事业单位经营收入',
  };
  if (extra[s]) return { item: extra[s], word: s };
  return undefined;
}

/** The 三公 item a printed column or label names. */
export function sangongItemOf(key: string): { item: SangongItem; word: string } | undefined {
  const words: Record<string, string> = {
    total: '合计', abroad: '因公出国（境）费', vehicle: '公务用车购置及运行费', vehiclePurchase: '公务用车购置费',
    vehicleRun: '公务用车运行费', reception: '公务接待费', opsFunds: '机关运行经费',
  };
  const w = words[key];
  return w ? { item: SANGONG_ITEMS[w], word: w } : undefined;
}
