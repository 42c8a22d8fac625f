/**
 * The semantic model: what a budget file says, with the source span of every fact. Produced by the binder (bind/)
 * from the syntax tree; figures derived from it live in compute.ts.
 */
import type { Span } from './diagnostics';
import type { Column, CompareFigure, CompareStyle, FundingSource, IncomeItem, ListTable, SangongItem } from './keywords';
import type { Money, MoneyUnit } from './money';

export interface Amount {
  value: Money;
  span: Span;
  /** Decimals as written (for rounding tolerance and formatting). */
  decimals: number;
  text: string;
  /** The money unit the amount was written in (a section may state its own: 三公 in 万元 …). */
  unit: MoneyUnit;
}

export interface Named {
  text: string;
  span: Span;
}

export interface SourceRef {
  source: FundingSource;
  carried: boolean;
}

export type RowSection = 'func' | 'econ' | 'gov';

export interface Row {
  section: RowSection;
  /** The code digits ('' for the 合计 row). */
  code: string;
  codeSpan: Span;
  name?: Named;
  /** Funding source; undefined = the default (一般公共预算, this year). */
  source?: SourceRef;
  sourceSpan?: Span;
  cells: Partial<Record<Column, Amount>>;
  span: Span;
  isTotal: boolean;
}

export interface Section {
  span: Span;
  headerSpan: Span;
  rows: Row[];
  total?: Row;
  /** 支出 only: 年终结转结余, 支出总计, 本年支出合计. */
  extras: Partial<Record<'yearEndCarry' | 'grandTotal' | 'currentTotal', { amount?: Amount; span: Span }>>;
}

export interface IncomeLine {
  item: IncomeItem;
  carried: boolean;
  amount?: Amount;
  span: Span;
  keySpan: Span;
}

/**
 * A row of the 收入科目 block (income by function code, 表2 收入预算总表): a function code and its amounts by
 * income column — the funding sources and their subtotals of §3, and 合计 (the row's 收入总计).
 */
export interface IncomeFuncRow {
  /** The code digits ('' for the 合计 row). */
  code: string;
  codeSpan: Span;
  name?: Named;
  /**
   * One cell per column written, as income lines: `item`/`carried` name the column (合计 = 收入总计), `keySpan`
   * is the column label (the amount itself for the unlabelled first amount), `span` label and amount.
   */
  cells: IncomeLine[];
  span: Span;
  isTotal: boolean;
}

export interface IncomeFuncSection {
  span: Span;
  headerSpan: Span;
  rows: IncomeFuncRow[];
  total?: IncomeFuncRow;
}

export interface MappingLine {
  dept: Named;
  gov: Named;
  span: Span;
}

export interface SangongLine {
  item: SangongItem;
  amount?: Amount;
  span: Span;
  keySpan: Span;
}

export type OpName = '=' | '>=' | '<=' | '>' | '<';

export interface IndicatorValue {
  kind: 'number' | 'text';
  text: string;
  span: Span;
  /** For numbers: exact decimal. */
  num?: { digits: bigint; decimals: number; negative: boolean };
}

export interface Indicator {
  level1?: Named;
  level2?: Named;
  name: Named;
  op?: { op: OpName; text: string; span: Span };
  value?: IndicatorValue;
  unit?: Named;
  deadline?: Named & { year?: number; month?: number };
  /** True when the deadline comes from a block default (时限). */
  deadlineInherited?: boolean;
  span: Span;
}

export interface IndicatorBlock {
  span: Span;
  indicators: Indicator[];
}

export interface FuncRef {
  code: string;
  span: Span;
  amount?: Amount;
}

export interface EconLine {
  code: string;
  codeSpan: Span;
  name?: Named;
  amount?: Amount;
  span: Span;
}

/**
 * A calendar date as written (`2024-01-01`, `2024-01`, `2024年1月`, `2024年`): year always, month and day when
 * written.
 */
export interface DateValue extends Named {
  year: number;
  month?: number;
  day?: number;
}

export interface Project {
  name: Named;
  span: Span;
  content?: Named;
  funcRefs: FuncRef[];
  /** 金额: the project amount (a fact unless amounts by source are written too). */
  amount?: Amount;
  bySource: Array<{ source: SourceRef; amount: Amount; span: Span }>;
  supervisor?: Named;
  implementer?: Named;
  /** 总体目标 (年度目标): the annual goal. */
  goal?: Named;
  /** 中长期目标 (项目总体目标): the multi-year goal of the whole project period. */
  longTermGoal?: Named;
  /** 项目性质 (项目属性): e.g. 阶段性项目, 新增项目, 延续项目. */
  nature?: Named;
  /** 项目类别 (项目类型): e.g. 特定目标类. */
  category?: Named;
  /** 计划开始日期 and 计划完成日期, written on their own or by 实施期限. */
  startDate?: DateValue;
  endDate?: DateValue;
  /** 实施期限 (项目期限) as written: both dates and the separator (its dates are startDate and endDate). */
  period?: Named;
  /** 资金总额 (项目资金总额, 中长期资金总额): the funding of the whole project period. */
  fundsTotal?: Amount;
  /** Its labelled parts: 财政资金 and 其他资金. */
  fundsFiscal?: Amount;
  fundsOther?: Amount;
  /** 上年结转资金. */
  fundsCarried?: Amount;
  econ: EconLine[];
  econSpan?: Span;
  indicators?: IndicatorBlock;
}

export interface Task {
  name: Named;
  amount?: Amount;
  span: Span;
}

export interface Overall {
  span: Span;
  tasks: Task[];
  goal?: Named;
  indicators?: IndicatorBlock;
}

export interface ListRow {
  code?: Named;
  name?: Named;
  cells: Record<string, Amount>;
  span: Span;
  /**
   * `total`: the table's 合计 row as published (`合计 5,952,800`), checked against the sum of the rows;
   * `part`: a `其中…` row, a part of the row above it, not counted in the table's sum.
   */
  role?: 'total' | 'part';
}

export interface ListTableDecl {
  table: ListTable;
  empty: boolean;
  span: Span;
  rows: ListRow[];
}

/** A percentage as written (`0.8%`, `-0.8 %`): an exact decimal, never a binary float. */
export interface PercentValue {
  /** The digits without the point (value × 10^decimals, without the sign). */
  digits: bigint;
  decimals: number;
  negative: boolean;
  /** The number as written (without the percent sign). */
  text: string;
  /** The number and its percent sign (and a `+` written before it). */
  span: Span;
}

/**
 * A line of a 上年比较 block: `<figure> [本年 金额] [上年 金额] [增减 ±金额 | 增加 金额 | 减少 金额 | 持平] [增幅 ±x% | 增长 x% | 下降 x%]`.
 * 上年 may be left out when the change is written (a 说明 often states only “比上年减少 19.79 万元”).
 */
export interface ComparisonLine {
  figure: CompareFigure;
  /** The figure word as written (a per-code line: its code). */
  keySpan: Span;
  /** A per-code line: the code's name as the 说明 prints it. */
  name?: Named;
  /** 本年: this year's figure as the 说明 states it (checked against the computed figure), and its column word. */
  current?: Amount;
  currentLabel?: Span;
  /** 上年: last year's figure, and its column word. */
  previous?: Amount;
  previousLabel?: Span;
  /** The change as written; `amount` is its size as written (signed for `signed`, none for `flat`). */
  change?: { style: CompareStyle; amount?: Amount; labelSpan: Span };
  /** The rate of change as written, in percent. */
  rate?: { style: Exclude<CompareStyle, 'flat'>; value: PercentValue; labelSpan: Span };
  span: Span;
}

/** A note printed under a table (`表注 表6 本部门无政府性基金预算财政拨款安排的预算，故本表为空表。`). */
export interface TableNote {
  /** The table's number as written (表6). */
  table: Named;
  /** The note as written. */
  text: Named;
  span: Span;
}

/** `项目 <个数> 个 [金额]`: the 说明's count of projects and their money (“项目50个，涉及项目预算资金5634.81万元”). */
export interface ProjectsLine {
  keySpan: Span;
  count?: { value: number; span: Span };
  amount?: Amount;
  span: Span;
}

export interface Comparison {
  span: Span;
  headerSpan: Span;
  /** The block's money unit (its own 金额单位, else the unit's). */
  moneyUnit: MoneyUnit;
  lines: ComparisonLine[];
  /** 表注: the notes printed under tables. */
  notes: TableNote[];
  /** 项目: the count and money of the projects the 说明 states. */
  projects: ProjectsLine[];
  /** 原文: text of the 说明 kept as published (checked for placeholders and years). */
  texts: Named[];
}

/**
 * `印出 <表号> { … }`: what a published table printed, as the file states it — the figures of a table the statements
 * derive (表4, 表5 …) where the publication differs from them (the importer writes only those), or any a reviewer
 * wants held against the tables; checks/printed.ts compares them with the table the core builds.
 */
export interface PrintedTable {
  /** The table's number as written (表4). */
  table: Named;
  /** The block's money unit (its own 金额单位, else the unit's). */
  moneyUnit: MoneyUnit;
  rows: PrintedRow[];
  span: Span;
}

/** One row of a 印出 block: the table's row and the figures printed on it, by column. */
export interface PrintedRow {
  /** The row as written: a code (its columns joined: 2120803), 合计, or the row's label or name. */
  row: Named;
  cells: Array<{ column: Named; amount: Amount }>;
  span: Span;
}

export interface Unit {
  name: Named;
  span: Span;
  /** Span of `单位 名称` (the header line without the block). */
  headerSpan: Span;
  department?: Named;
  code?: Named;
  region?: Named;
  year?: number;
  yearSpan?: Span;
  /** 科目版本: the catalog edition written (else the 年度 chooses it). */
  catalogEdition?: number;
  catalogEditionSpan?: Span;
  moneyUnit: MoneyUnit;
  supervisor?: Named;
  kind?: Named;
  kindClass?: 'admin' | 'institution';
  /** 上年文件: last year's budget file as written (in the unit, its 部门 or at the top); the caller resolves it. */
  previousFile?: Named;
  /** 标题: the document's title as written (in the unit, its 部门 or at the top); else the layout's (handout.ts). */
  title?: Named;
  /** 表式: the layout the file states for the unit's tables (in the unit, its 部门 or at the top), as written. */
  layout?: Named;
  income?: { span: Span; headerSpan: Span; lines: IncomeLine[] };
  /** 收入科目: income by function code and funding source. */
  incomeFunc?: IncomeFuncSection;
  func?: Section;
  econ?: Section;
  gov?: Section;
  mapping: MappingLine[];
  /** `moneyUnit`: the block's money unit (its own 金额单位, e.g. 万元 in a 元 document, else the unit's). */
  sangong?: { span: Span; headerSpan: Span; moneyUnit: MoneyUnit; lines: SangongLine[] };
  projects: Project[];
  /** For a department's own (consolidated) figures: the units they sum up. */
  consolidates?: Unit[];
  overall?: Overall;
  lists: ListTableDecl[];
  /** 上年比较: year-on-year comparisons stated in the publication's 说明. */
  comparison?: Comparison;
  /** 印出: figures of published tables as printed (checks/printed.ts). */
  printed: PrintedTable[];
}

export interface Department {
  name: Named;
  span: Span;
  units: Unit[];
  /** The department's own sections (部门汇总), when written. */
  consolidated?: Unit;
  /** 单位文件: the files of its units (paths or globs as written, relative to this file); the caller resolves them. */
  unitFiles: Named[];
}

export type RoundingMode = 'exact' | 'tolerant';

export interface BudgetModel {
  units: Unit[];
  departments: Department[];
  rounding: RoundingMode;
  roundingSpan?: Span;
}
