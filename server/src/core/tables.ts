/**
 * The table model: the standard published tables (表1 … 表18) derived from a budget's figures. One piece
 * of the core, used by the preview webview, the CLI's `render` and the tests alike.
 *
 * Layout follows the published 预算批复表 (see samples/fushun-2025.budget and the reference publication):
 * multi-level headers, a 合计 row first, classification codes in code order with parents before children
 * (类 0 / 款 1 / 项 2 indentation), amounts with thousands separators and (at least) two decimals, and a
 * zero or missing figure shown as an empty cell, as the publication does.
 *
 * Several units in one file (a 部门 file): the tables whose published layout has a 单位名称 column (表2, 表9,
 * 表13, 表14, 表15) appear once, with the 合计 row followed by one row per unit (表9: the unit's row, then its
 * projects). Every other table appears once per unit, in unit order, distinguished by `unitName`.
 *
 * Every amount cell carries `amount` (the exact decimal in the table's money unit, when there is a figure,
 * zero included) and `span` (where the figure is written: the declared amount, else the row's code, else
 * the section's header for computed totals).
 */
import type { Analysis } from './analyze';
import { comparisonFigures, formatRate } from './comparison';
import { incomeFuncKey, sourceKey, type Cells, type IncomeFuncNode, type TreeNode, type UnitFigures, type ClassTree } from './compute';
import type { Span } from './diagnostics';
import type { Locale } from './i18n';
import { compareFigureName, FISCAL_SOURCES, INCOME_FUNC_COLUMNS, UNIT_FUND_SOURCES, type Column, type FundingSource, type ListTable } from './keywords';
import type { Amount, Indicator, IndicatorBlock, Row, Section, Unit } from './model';
import { formatMoney, type Money, type MoneyUnit } from './money';

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
  /** Body cells of form-like tables (表16, 表17) may span columns and rows, like the publication. */
  colSpan?: number;
  rowSpan?: number;
  /** True for a cell covered by a spanning cell to its left or above (kept so rows stay rectangular). */
  covered?: boolean;
  /** A label cell inside the body (rendered like a header: 表16/表17 field names, the 合计 label). */
  head?: boolean;
}

export interface Table {
  /**
   * '表1' … '表18' (表17 once per project: id '表17', `part` distinguishes), and '比较' (与上年预算比较, for a unit
   * with a 上年比较 block, after the 18).
   */
  id: string;
  /** e.g. '收支预算总表'. */
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
}


// ── cells ─────────────────────────────────────────────────────────────────────────────────────────────

function spanOf(s: Span | undefined): Span | undefined {
  return s ? { start: s.start, end: s.end } : undefined;
}

function money(v: Money | undefined, unit: MoneyUnit, span: Span | undefined): TableCell {
  const c: TableCell = { text: v !== undefined && v !== 0n ? formatMoney(v, unit) : '' };
  if (v !== undefined) c.amount = formatMoney(v, unit, { grouping: false });
  const s = spanOf(span);
  if (s) c.span = s;
  return c;
}

function txt(text: string | undefined, extra: Partial<TableCell> = {}): TableCell {
  const c: TableCell = { text: text ?? '', ...extra };
  if (extra.span) c.span = spanOf(extra.span);
  return c;
}

function label(text: string, extra: Partial<TableCell> = {}): TableCell {
  return txt(text, { head: true, ...extra });
}

function addM(a: Money | undefined, b: Money | undefined): Money | undefined {
  return a === undefined ? b : b === undefined ? a : a + b;
}

function nonZero(...vs: Array<Money | undefined>): boolean {
  return vs.some((v) => v !== undefined && v !== 0n);
}

/** Leaf names of a header grid, in column order. */
export function leafColumns(header: HeaderCell[][], width: number): string[] {
  return headerPaths(header, width).map((p) => p[p.length - 1] ?? '');
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

/** Number of columns of a table. */
export function tableWidth(t: Table): number {
  return t.header.length ? headerWidth(t.header) : Math.max(t.columns.length, ...t.rows.map((r) => r.length));
}

function headerWidth(header: HeaderCell[][]): number {
  return header.length ? header[0].reduce((a, c) => a + (c.colSpan ?? 1), 0) : 0;
}

// ── funding-source columns (本年收入 / 上年结转结余 × 5) ──────────────────────────────────────────────────

const SOURCE_COLUMNS = ['一般公共预算', '政府性基金预算', '国有资本经营预算', '财政专户管理资金', '单位资金'] as const;
type SourceColumn = (typeof SOURCE_COLUMNS)[number];

function sourceColumnOf(s: FundingSource): SourceColumn {
  return (UNIT_FUND_SOURCES as string[]).includes(s) ? '单位资金' : (s as SourceColumn);
}

interface SourceSplit {
  total?: Money;
  cur: Partial<Record<SourceColumn, Money>> & { all?: Money };
  car: Partial<Record<SourceColumn, Money>> & { all?: Money };
  /** The source key that each (period, column) figure comes from, when exactly one. */
  keys: Map<string, string>;
}

/** Splits figures by source key into the 2 × 5 published source columns. */
function splitBySource(entries: Iterable<[string, Money | undefined]>): SourceSplit {
  const out: SourceSplit = { cur: {}, car: {}, keys: new Map() };
  for (const [k, v] of entries) {
    if (v === undefined) continue;
    const carried = k.startsWith('上年结转:');
    const src = (carried ? k.slice(5) : k) as FundingSource;
    const col = sourceColumnOf(src);
    const side = carried ? out.car : out.cur;
    side[col] = addM(side[col], v);
    side.all = addM(side.all, v);
    out.total = addM(out.total, v);
    out.keys.set((carried ? 'car:' : 'cur:') + col, k);
  }
  return out;
}

/** The 13 amount columns 总计 | 本年收入 合计 + 5 | 上年结转结余 合计 + 5. */
function sourceCells(split: SourceSplit, unit: MoneyUnit, spanFor: (key: string | undefined) => Span | undefined): TableCell[] {
  const cells: TableCell[] = [money(split.total, unit, spanFor(undefined))];
  for (const [side, name] of [[split.cur, 'cur'], [split.car, 'car']] as const) {
    cells.push(money(side.all, unit, spanFor(undefined)));
    for (const col of SOURCE_COLUMNS) cells.push(money(side[col], unit, spanFor(split.keys.get(`${name}:${col}`))));
  }
  return cells;
}

function sourceHeader(lead: HeaderCell[], firstTotal = '总计'): HeaderCell[][] {
  const leafs = (): HeaderCell[] => [{ text: '合计' }, ...SOURCE_COLUMNS.map((text) => ({ text }))];
  return [
    [...lead.map((h) => ({ ...h, rowSpan: 2 })), { text: firstTotal, rowSpan: 2 }, { text: '本年收入', colSpan: 6 }, { text: '上年结转结余', colSpan: 6 }],
    [...leafs(), ...leafs()],
  ];
}

// ── classification trees ──────────────────────────────────────────────────────────────────────────────

/** Nodes of a tree in published order: code order, parents before children. */
function preorder(tree: ClassTree): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (n: TreeNode): void => {
    for (const c of [...n.children].sort((a, b) => a.code.localeCompare(b.code))) {
      out.push(c);
      walk(c);
    }
  };
  walk(tree.root);
  return out;
}

function level(code: string): number {
  return code.length <= 3 ? 0 : code.length <= 5 ? 1 : 2;
}

/** Source span of a node's figure: the declared cell, else the row's code, else what it was computed from. */
function nodeSpan(n: TreeNode, col: Column | undefined, key: string | undefined, fallback: Span | undefined): Span | undefined {
  const rows = key === undefined ? n.rows : n.rows.filter((r) => sourceKey(r.source) === key);
  if (col) for (const r of rows) if (r.cells[col]) return r.cells[col]!.span;
  if (rows[0]) return rows[0].codeSpan;
  if (n.rows[0]) return n.rows[0].codeSpan;
  if (n.projects[0]) return n.projects[0].span;
  if (n.mappedFrom[0]) return n.mappedFrom[0].span;
  return fallback;
}

/** Span of a 合计-row figure: the declared 合计 row's cell, else the section header. */
function totalSpan(section: Section | undefined, col: Column | undefined, key?: string): Span | undefined {
  const rows = (section?.rows ?? []).filter((r) => r.isTotal && (key === undefined || sourceKey(r.source) === key));
  const t: Row | undefined = rows[0] ?? section?.total;
  if (t && col && t.cells[col]) return t.cells[col]!.span;
  return t?.codeSpan ?? section?.headerSpan;
}

/** The 合计 label over the code and name columns. */
function totalLabel(span: Span | undefined): TableCell[] {
  return [label('合计', { span, colSpan: 2 }), { text: '', covered: true }];
}

function codeCells(n: TreeNode, indentOn: 'name' | 'code'): TableCell[] {
  const lv = level(n.code);
  const span = n.rows[0]?.codeSpan ?? n.projects[0]?.span ?? n.mappedFrom[0]?.span;
  return [
    txt(n.code, { indent: indentOn === 'code' ? lv : undefined, span }),
    txt(n.name ?? '', { indent: lv, span: n.rows[0]?.name?.span ?? span }),
  ];
}

function cleanIndent(c: TableCell): TableCell {
  if (c.indent === undefined) delete c.indent;
  if (c.span === undefined) delete c.span;
  return c;
}

const KIND_COLS: Column[] = ['total', 'basic', 'personnel', 'public', 'project'];

/** 表3 / 表5 / 表8 style rows: 合计 | 基本(小计 人员 公用) | 项目 (or a subset), optionally for one source key. */
function kindRows(
  tree: ClassTree, section: Section | undefined, unit: MoneyUnit, cols: Column[], key: string | undefined,
): TableCell[][] {
  const pick = (n: TreeNode): Cells | undefined => (key === undefined ? n.cells : n.bySource.get(key));
  const rootCells = pick(tree.root) ?? {};
  const rows: TableCell[][] = [[
    ...totalLabel(totalSpan(section, undefined, key)),
    ...cols.map((c) => money(rootCells[c], unit, totalSpan(section, c, key))),
  ]];
  for (const n of preorder(tree)) {
    const cells = pick(n);
    if (!cells || !nonZero(...cols.map((c) => cells[c]))) continue;
    rows.push([...codeCells(n, 'name'), ...cols.map((c) => money(cells[c], unit, nodeSpan(n, c, key, section?.headerSpan)))]);
  }
  return rows;
}

/** 表10 / 表11 / 表12 rows: by-source totals per node. */
function sourceRows(tree: ClassTree, section: Section | undefined, unit: MoneyUnit): TableCell[][] {
  const entries = (n: TreeNode): Array<[string, Money | undefined]> => [...n.bySource].map(([k, c]) => [k, c.total]);
  const rootSplit = splitBySource(entries(tree.root));
  const rows: TableCell[][] = [[...totalLabel(totalSpan(section, 'total')), ...sourceCells(rootSplit, unit, (k) => totalSpan(section, 'total', k))]];
  for (const n of preorder(tree)) {
    const split = splitBySource(entries(n));
    if (!nonZero(split.total)) continue;
    rows.push([...codeCells(n, 'code'), ...sourceCells(split, unit, (k) => nodeSpan(n, 'total', k, section?.headerSpan))]);
  }
  return rows;
}

// ── tables ────────────────────────────────────────────────────────────────────────────────────────────

const TITLES: Record<string, { zh: string; en: string }> = {
  表1: { zh: '收支预算总表', en: 'Summary of revenue and expenditure' },
  表2: { zh: '收入预算总表', en: 'Revenue budget summary' },
  表3: { zh: '支出预算总表', en: 'Expenditure budget summary' },
  表4: { zh: '财政拨款收支预算总表', en: 'Fiscal appropriations: revenue and expenditure' },
  表5: { zh: '一般公共预算支出表', en: 'General public budget expenditure' },
  表6: { zh: '一般公共预算基本支出表', en: 'General public budget basic expenditure (economic classification)' },
  表7: { zh: '财政拨款预算“三公”经费支出表', en: '“Three public expenses” funded by fiscal appropriations' },
  表8: { zh: '政府性基金预算支出表', en: 'Government fund budget expenditure' },
  表9: { zh: '项目支出预算表', en: 'Project expenditure budget' },
  表10: { zh: '支出功能分类预算表', en: 'Expenditure by function classification' },
  表11: { zh: '支出经济分类预算表（政府预算）', en: 'Expenditure by economic classification (government)' },
  表12: { zh: '支出经济分类预算表（部门预算）', en: 'Expenditure by economic classification (department)' },
  表13: { zh: '债务支出预算表', en: 'Debt expenditure budget' },
  表14: { zh: '政府采购支出预算表', en: 'Government procurement budget' },
  表15: { zh: '政府购买服务支出预算表', en: 'Government-purchased services budget' },
  表16: { zh: '部门（单位）整体绩效目标表', en: 'Overall performance targets of the unit' },
  表17: { zh: '部门预算项目（政策）绩效目标表', en: 'Project (policy) performance targets' },
  表18: { zh: '部门管理专项资金预算表', en: 'Special funds managed by the department' },
  比较: { zh: '与上年预算比较', en: 'Comparison with the previous year’s budget' },
};

interface Ctx {
  locale: Locale;
}

function make(
  ctx: Ctx, id: string, unitName: string, moneyUnit: MoneyUnit, header: HeaderCell[][], rows: TableCell[][],
  extra: Partial<Table> = {}, withUnitLine = true,
): Table {
  const width = header.length ? headerWidth(header) : Math.max(0, ...rows.map((r) => r.length));
  const t: Table = {
    id,
    title: TITLES[id].zh,
    subtitle: withUnitLine ? `单位名称：${unitName} 单位：${moneyUnit}` : `单位：${moneyUnit}`,
    unitName,
    moneyUnit,
    header,
    columns: extra.columns ?? leafColumns(header, width),
    rows: rows.map((r) => r.map(cleanIndent)),
    ...extra,
  };
  if (ctx.locale === 'en') t.titleEn = TITLES[id].en;
  return t;
}

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
function cn(i: number): string {
  return CN_NUM[i] ?? String(i + 1);
}

/** Income figure cell by income key (`本年:一般公共预算`, `收入总计` …). */
function incomeCell(f: UnitFigures, key: string): TableCell {
  const line = f.income.lines.get(key);
  const span = line?.amount?.span ?? line?.keySpan ?? f.unit.income?.headerSpan;
  return money(f.income.values.get(key), f.unit.moneyUnit, span);
}

/** Two side-by-side lists of (label, amount) pairs padded to the same length. */
function sideBySide(left: Array<[TableCell, TableCell]>, right: Array<[TableCell, TableCell]>): TableCell[][] {
  const n = Math.max(left.length, right.length);
  const rows: TableCell[][] = [];
  for (let i = 0; i < n; i++) rows.push([...(left[i] ?? [txt(''), txt('')]), ...(right[i] ?? [txt(''), txt('')])]);
  return rows;
}

function table1(ctx: Ctx, f: UnitFigures): Table {
  const u = f.unit.moneyUnit;
  const left: Array<[TableCell, TableCell]> = [
    [txt('一、一般公共预算拨款收入'), incomeCell(f, '本年:一般公共预算')],
    [txt('二、政府性基金预算拨款收入'), incomeCell(f, '本年:政府性基金预算')],
    [txt('三、国有资本经营预算拨款收入'), incomeCell(f, '本年:国有资本经营预算')],
    [txt('四、财政专户管理资金收入'), incomeCell(f, '本年:财政专户管理资金')],
    [txt('五、单位资金收入'), incomeCell(f, '本年:单位资金')],
    [txt('（一）事业收入', { indent: 1 }), incomeCell(f, '本年:事业收入')],
    [txt('（二）事业单位经营收入', { indent: 1 }), incomeCell(f, '本年:事业单位经营收入')],
    [txt('（三）上级补助收入', { indent: 1 }), incomeCell(f, '本年:上级补助收入')],
    [txt('（四）附属单位上缴收入', { indent: 1 }), incomeCell(f, '本年:附属单位上缴收入')],
    [txt('（五）其他收入', { indent: 1 }), incomeCell(f, '本年:其他收入')],
  ];
  const sec = f.unit.func;
  const right: Array<[TableCell, TableCell]> = [...f.func.root.children]
    .sort((a, b) => a.code.localeCompare(b.code))
    .filter((n) => nonZero(n.cells.total))
    .map((n, i) => [txt(`${cn(i)}、${n.name ?? n.code}`, { span: n.rows[0]?.codeSpan }), money(n.cells.total, u, nodeSpan(n, 'total', undefined, sec?.headerSpan))]);
  const extra = (k: 'yearEndCarry' | 'grandTotal' | 'currentTotal'): Span | undefined => {
    const e = sec?.extras[k];
    return e?.amount?.span ?? e?.span;
  };
  const rows = sideBySide(left, right);
  rows.push([label('本年收入合计'), incomeCell(f, '本年收入合计'), label('本年支出合计'), money(f.func.root.cells.total, u, extra('currentTotal') ?? totalSpan(sec, 'total'))]);
  rows.push([label('上年结转结余'), incomeCell(f, '上年结转结余'), label('年终结转结余'), money(sec?.extras.yearEndCarry?.amount?.value, u, extra('yearEndCarry'))]);
  rows.push([label('收入总计'), incomeCell(f, '收入总计'), label('支出总计'), money(f.expenseGrand, u, extra('grandTotal') ?? totalSpan(sec, 'total'))]);
  const header: HeaderCell[][] = [
    [{ text: '收入', colSpan: 2 }, { text: '支出', colSpan: 2 }],
    [{ text: '项目' }, { text: '预算数' }, { text: '项目' }, { text: '预算数' }],
  ];
  return make(ctx, '表1', f.unit.name.text, u, header, rows, { columns: ['收入项目', '收入预算数', '支出项目', '支出预算数'] });
}

const INCOME_COLS: Array<[string, string]> = [
  ['一般公共预算', '一般公共预算'], ['政府性基金预算', '政府性基金预算'], ['国有资本经营预算', '国有资本经营预算'], ['财政专户管理资金', '财政专户管理资金'],
];
const UNIT_FUND_COLS: string[] = ['单位资金', '事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入'];

function table2(ctx: Ctx, figs: UnitFigures[], unitName: string, u: MoneyUnit): Table {
  const header: HeaderCell[][] = [
    [{ text: '单位名称', rowSpan: 3 }, { text: '总计', rowSpan: 3 }, { text: '本年收入', colSpan: 11 }, { text: '上年结转结余', colSpan: 6 }],
    [
      { text: '合计', rowSpan: 2 }, ...INCOME_COLS.map(([t]) => ({ text: t, rowSpan: 2 })), { text: '单位资金', colSpan: 6 },
      { text: '合计', rowSpan: 2 }, ...INCOME_COLS.map(([t]) => ({ text: t, rowSpan: 2 })), { text: '单位资金', rowSpan: 2 },
    ],
    [{ text: '小计' }, ...UNIT_FUND_COLS.slice(1).map((text) => ({ text }))],
  ];
  const keys = [
    '收入总计', '本年收入合计', ...INCOME_COLS.map(([, k]) => `本年:${k}`), ...UNIT_FUND_COLS.map((k) => `本年:${k}`),
    '上年结转结余', ...INCOME_COLS.map(([, k]) => `上年结转:${k}`), '上年结转:单位资金',
  ];
  const unitRow = (f: UnitFigures): TableCell[] => [txt(f.unit.name.text, { span: f.unit.name.span }), ...keys.map((k) => incomeCell(f, k))];
  const totalRow: TableCell[] = [label('合计'), ...keys.map((k) => {
    let v: Money | undefined;
    for (const f of figs) v = addM(v, f.income.values.get(k));
    const c = money(v, u, figs.length === 1 ? incomeCell(figs[0], k).span : undefined);
    return c;
  })];
  return make(ctx, '表2', unitName, u, header, [totalRow, ...figs.map(unitRow)]);
}

/**
 * 表2 as Shanghai and others publish it, for a unit with a 收入科目 block: income by function code, one column
 * per funding source — 科目编码 | 科目名称 | 合计 | 财政拨款收入 (split into 一般公共预算 … when the block splits
 * it) | 事业收入 | 事业单位经营收入 | 其他收入, and the other columns the block writes (财政专户管理资金, 单位资金,
 * 上级补助收入, 附属单位上缴收入, 上年结转). The 合计 row first, codes in code order with indentation.
 */
function table2ByFunction(ctx: Ctx, f: UnitFigures): Table {
  const u = f.unit.moneyUnit;
  const sec = f.unit.incomeFunc!;
  const tree = f.incomeFunc;
  const written = new Set<string>();
  for (const r of [...sec.rows, ...(sec.total ? [sec.total] : [])]) for (const c of r.cells) written.add(incomeFuncKey(c));
  const name = (key: string): string => INCOME_FUNC_COLUMNS.find((c) => c.key === key)?.zh ?? key;
  type Group = { text: string; keys: Array<{ key: string; text: string }> };
  const groups: Group[] = [];
  const single = (key: string, text = name(key)): void => void groups.push({ text, keys: [{ key, text }] });
  /** A subtotal and its parts: one column when no part is written, else a group 小计 + parts. */
  const split = (text: string, total: string, parts: string[], always: string[] = []): void => {
    const shown = parts.filter((k) => written.has(k) || always.includes(k));
    if (!parts.some((k) => written.has(k))) single(total, text);
    else groups.push({ text, keys: [{ key: total, text: '小计' }, ...shown.map((k) => ({ key: k, text: name(k).replace(/^上年结转 /, '') }))] });
  };
  if (written.has('本年收入合计')) single('本年收入合计');
  const fiscal = FISCAL_SOURCES.map((s) => `本年:${s}`);
  split('财政拨款收入', '本年:财政拨款', fiscal, fiscal);
  if (written.has('本年:财政专户管理资金')) single('本年:财政专户管理资金');
  const unitFunds = UNIT_FUND_SOURCES.map((s) => `本年:${s}`);
  const usual = ['本年:事业收入', '本年:事业单位经营收入', '本年:其他收入'];
  if (written.has('本年:单位资金')) groups.push({ text: '单位资金', keys: [{ key: '本年:单位资金', text: '小计' }, ...unitFunds.filter((k) => written.has(k) || usual.includes(k)).map((k) => ({ key: k, text: name(k) }))] });
  else for (const k of unitFunds) if (written.has(k) || usual.includes(k)) single(k);
  const carried = INCOME_FUNC_COLUMNS.map((c) => c.key).filter((k) => k.startsWith('上年结转:'));
  if (written.has('上年结转结余') || carried.some((k) => written.has(k))) split('上年结转', '上年结转结余', carried);
  const keys = [{ key: '收入总计', text: '合计' }, ...groups.flatMap((g) => g.keys)];
  const twoRows = groups.some((g) => g.keys.length > 1);
  const rs = twoRows ? 2 : undefined;
  const header: HeaderCell[][] = [[
    { text: '科目编码', rowSpan: rs }, { text: '科目名称', rowSpan: rs }, { text: '合计', rowSpan: rs },
    ...groups.map((g): HeaderCell => (g.keys.length > 1 ? { text: g.text, colSpan: g.keys.length } : { text: g.text, rowSpan: rs })),
  ]];
  if (twoRows) header.push(groups.filter((g) => g.keys.length > 1).flatMap((g) => g.keys.map((k) => ({ text: k.text }))));
  for (const row of header) for (const c of row) if (c.rowSpan === undefined) delete c.rowSpan;
  const cellSpan = (n: IncomeFuncNode, key: string): Span | undefined => {
    const r = n.rows[0];
    return r?.cells.find((c) => incomeFuncKey(c) === key)?.amount?.span ?? r?.codeSpan ?? sec.headerSpan;
  };
  const figures = (n: IncomeFuncNode): TableCell[] => keys.map((k) => money(n.values.get(k.key), u, cellSpan(n, k.key)));
  const rows: TableCell[][] = [[...totalLabel(sec.total?.codeSpan ?? sec.headerSpan), ...figures(tree.root)]];
  const walk = (n: IncomeFuncNode): void => {
    for (const c of [...n.children].sort((a, b) => a.code.localeCompare(b.code))) {
      if (nonZero(...keys.map((k) => c.values.get(k.key)))) {
        const lv = level(c.code);
        const span = c.rows[0]?.codeSpan;
        rows.push([txt(c.code, { span }), txt(c.name ?? '', { indent: lv, span: c.rows[0]?.name?.span ?? span }), ...figures(c)]);
      }
      walk(c);
    }
  };
  walk(tree.root);
  return make(ctx, '表2', f.unit.name.text, u, header, rows);
}

function table3(ctx: Ctx, f: UnitFigures): Table {
  const header: HeaderCell[][] = [
    [{ text: '科目编码', rowSpan: 2 }, { text: '科目名称', rowSpan: 2 }, { text: '合计', rowSpan: 2 }, { text: '基本支出', colSpan: 3 }, { text: '项目支出', rowSpan: 2 }],
    [{ text: '小计' }, { text: '人员经费' }, { text: '公用经费' }],
  ];
  return make(ctx, '表3', f.unit.name.text, f.unit.moneyUnit, header, kindRows(f.func, f.unit.func, f.unit.moneyUnit, KIND_COLS, undefined));
}

function table4(ctx: Ctx, f: UnitFigures): Table {
  const u = f.unit.moneyUnit;
  const fiscalCur = (FISCAL_SOURCES as string[]).map((s) => s);
  const isFiscalKey = (k: string): boolean => (FISCAL_SOURCES as string[]).includes(k.startsWith('上年结转:') ? k.slice(5) : k);
  const fiscalTotal = (n: TreeNode): Money | undefined => {
    let v: Money | undefined;
    for (const [k, c] of n.bySource) if (isFiscalKey(k)) v = addM(v, c.total);
    return v;
  };
  const sec = f.unit.func;
  const left: Array<[TableCell, TableCell]> = [
    [txt('一、本年收入'), incomeCell(f, '本年:财政拨款')],
    ...fiscalCur.map((s, i): [TableCell, TableCell] => [txt(`（${cn(i)}）${s}拨款收入`, { indent: 1 }), incomeCell(f, `本年:${s}`)]),
    [txt('二、上年结转'), incomeCell(f, '上年结转:财政拨款')],
    ...fiscalCur.map((s, i): [TableCell, TableCell] => [txt(`（${cn(i)}）${s}拨款收入`, { indent: 1 }), incomeCell(f, `上年结转:${s}`)]),
  ];
  const spend = fiscalTotal(f.func.root);
  const right: Array<[TableCell, TableCell]> = [
    [txt('一、本年支出'), money(spend, u, totalSpan(sec, 'total'))],
    ...[...f.func.root.children]
      .sort((a, b) => a.code.localeCompare(b.code))
      .filter((n) => nonZero(fiscalTotal(n)))
      .map((n, i): [TableCell, TableCell] => [txt(`(${cn(i)})${n.name ?? n.code}`, { indent: 1, span: n.rows[0]?.codeSpan }), money(fiscalTotal(n), u, nodeSpan(n, 'total', undefined, sec?.headerSpan))]),
  ];
  const rows = sideBySide(left, right);
  const carry = sec?.extras.yearEndCarry;
  rows.push([txt(''), txt(''), txt('二、年终结转结余'), money(carry?.amount?.value, u, carry?.amount?.span ?? carry?.span)]);
  const incomeTotal = addM(f.income.values.get('本年:财政拨款'), f.income.values.get('上年结转:财政拨款'));
  const grand = spend !== undefined || carry?.amount ? (spend ?? 0n) + (carry?.amount?.value ?? 0n) : undefined;
  rows.push([
    label('收入总计'), money(incomeTotal, u, f.income.lines.get('本年:财政拨款')?.amount?.span ?? f.unit.income?.headerSpan),
    label('支出总计'), money(grand, u, sec?.extras.grandTotal?.amount?.span ?? totalSpan(sec, 'total')),
  ]);
  const header: HeaderCell[][] = [
    [{ text: '收入', colSpan: 2 }, { text: '支出', colSpan: 2 }],
    [{ text: '项目' }, { text: '预算数' }, { text: '项目' }, { text: '预算数' }],
  ];
  return make(ctx, '表4', f.unit.name.text, u, header, rows, { columns: ['收入项目', '收入预算数', '支出项目', '支出预算数'] });
}

function table5(ctx: Ctx, f: UnitFigures): Table {
  const header: HeaderCell[][] = [
    [{ text: '科目编码', rowSpan: 3 }, { text: '科目名称', rowSpan: 3 }, { text: '本年一般公共预算支出', colSpan: 5 }],
    [{ text: '合计', rowSpan: 2 }, { text: '基本支出', colSpan: 3 }, { text: '项目支出', rowSpan: 2 }],
    [{ text: '小计' }, { text: '人员经费' }, { text: '公用经费' }],
  ];
  return make(ctx, '表5', f.unit.name.text, f.unit.moneyUnit, header, kindRows(f.func, f.unit.func, f.unit.moneyUnit, KIND_COLS, '一般公共预算'));
}

function table6(ctx: Ctx, f: UnitFigures): Table {
  const header: HeaderCell[][] = [
    [{ text: '部门预算支出经济分类科目', colSpan: 2 }, { text: '本年一般公共预算基本支出', colSpan: 3 }],
    [{ text: '科目编码' }, { text: '科目名称' }, { text: '合计' }, { text: '人员经费' }, { text: '公用经费' }],
  ];
  const rows = kindRows(f.econ, f.unit.econ, f.unit.moneyUnit, ['basic', 'personnel', 'public'], '一般公共预算');
  return make(ctx, '表6', f.unit.name.text, f.unit.moneyUnit, header, rows);
}

function table7(ctx: Ctx, f: UnitFigures): Table {
  const u = f.unit.moneyUnit;
  const sg = f.sangong;
  const header: HeaderCell[][] = [
    [{ text: '“三公”经费合计', rowSpan: 2 }, { text: '因公出国（境）费', rowSpan: 2 }, { text: '公务用车购置及运行费', colSpan: 3 }, { text: '公务接待费', rowSpan: 2 }],
    [{ text: '小计' }, { text: '公务用车购置费' }, { text: '公务用车运行费' }],
  ];
  const cell = (k: keyof typeof sg.values): TableCell => {
    const line = f.unit.sangong?.lines.find((l) => l.item === k);
    return money(sg.values[k], u, line?.amount?.span ?? line?.keySpan ?? f.unit.sangong?.headerSpan);
  };
  const rows = [[cell('total'), cell('abroad'), cell('vehicle'), cell('vehiclePurchase'), cell('vehicleRun'), cell('reception')]];
  return make(ctx, '表7', f.unit.name.text, u, header, rows);
}

function table8(ctx: Ctx, f: UnitFigures): Table {
  const header: HeaderCell[][] = [
    [{ text: '科目编码', rowSpan: 2 }, { text: '科目名称', rowSpan: 2 }, { text: '本年政府性基金预算支出', colSpan: 3 }],
    [{ text: '合计' }, { text: '基本支出' }, { text: '项目支出' }],
  ];
  const rows = kindRows(f.func, f.unit.func, f.unit.moneyUnit, ['total', 'basic', 'project'], '政府性基金预算');
  return make(ctx, '表8', f.unit.name.text, f.unit.moneyUnit, header, rows, { note: '备注：如此表为空表，则表示部门无政府性基金预算安排的支出。' });
}

function table9(ctx: Ctx, figs: UnitFigures[], unitName: string, u: MoneyUnit): Table {
  const header = sourceHeader([{ text: '单位名称' }, { text: '项目名称' }, { text: '项目内容' }]);
  const projectSplit = (f: UnitFigures): SourceSplit => {
    const entries: Array<[string, Money]> = [];
    for (const p of f.projects) for (const e of p.bySource) entries.push(e);
    return splitBySource(entries);
  };
  const all: Array<[string, Money]> = [];
  for (const f of figs) for (const p of f.projects) for (const e of p.bySource) all.push(e);
  const rows: TableCell[][] = [[label('合计'), txt(''), txt(''), ...sourceCells(splitBySource(all), u, () => undefined)]];
  for (const f of figs) {
    if (!f.projects.length) continue;
    rows.push([txt(f.unit.name.text, { span: f.unit.name.span }), txt(''), txt(''), ...sourceCells(projectSplit(f), u, () => f.unit.name.span)]);
    for (const pf of f.projects) {
      const p = pf.project;
      const split = splitBySource(pf.bySource);
      const spanFor = (k: string | undefined): Span | undefined => {
        if (k) {
          const b = p.bySource.find((x) => sourceKey(x.source) === k);
          if (b) return b.amount.span;
        }
        return p.amount?.span ?? p.name.span;
      };
      rows.push([txt(''), txt(p.name.text, { span: p.name.span }), txt(p.content?.text ?? '', { span: p.content?.span }), ...sourceCells(split, u, spanFor)]);
    }
  }
  return make(ctx, '表9', unitName, u, header, rows);
}

function table10(ctx: Ctx, f: UnitFigures): Table {
  const header = sourceHeader([{ text: '科目编码' }, { text: '科目名称' }]);
  return make(ctx, '表10', f.unit.name.text, f.unit.moneyUnit, header, sourceRows(f.func, f.unit.func, f.unit.moneyUnit));
}

function table11(ctx: Ctx, f: UnitFigures): Table {
  const header = sourceHeader([{ text: '科目编码' }, { text: '科目名称' }]);
  const rows = sourceRows(f.gov, f.unit.gov ?? f.unit.econ, f.unit.moneyUnit);
  // Derived from the department table: money whose department code has no correspondence is not in it. Say so
  // (and how much), so that the table's total is never silently less than its source's.
  const missing = f.unit.gov ? undefined : unbookedByCorrespondence(f);
  const note = missing ? `注：部门经济分类 ${missing.codes.join('、')} 没有政府经济分类对照，共 ${formatMoney(missing.amount, f.unit.moneyUnit)} 未列入本表（部门经济分类合计 ${formatMoney(missing.source, f.unit.moneyUnit)}）。` : undefined;
  return make(ctx, '表11', f.unit.name.text, f.unit.moneyUnit, header, rows, note ? { note } : {});
}

/** The department economic money the derived government table cannot book (no correspondence), if any. */
export function unbookedByCorrespondence(f: UnitFigures): { codes: string[]; amount: Money; source: Money } | undefined {
  const source = f.econ.root.cells.total;
  if (source === undefined) return undefined;
  const booked = f.gov.root.cells.total ?? 0n;
  if (booked === source) return undefined;
  const mappedFrom = new Set<string>();
  for (const n of f.gov.byCode.values()) for (const m of n.mappedFrom) mappedFrom.add(m.code);
  const codes: string[] = [];
  for (const [code, n] of f.econ.byCode) if (!n.children.length && n.cells.total && !mappedFrom.has(code)) codes.push(code);
  return { codes, amount: source - booked, source };
}

function table12(ctx: Ctx, f: UnitFigures): Table {
  const header = sourceHeader([{ text: '科目编码' }, { text: '科目名称' }]);
  return make(ctx, '表12', f.unit.name.text, f.unit.moneyUnit, header, sourceRows(f.econ, f.unit.econ, f.unit.moneyUnit));
}

/**
 * 表13/表14/表15: rows from the `债务支出` / `政府采购` / `政府购买服务` lists. List rows carry a 总计 only
 * (the language has no funding source for them), so only the 总计 column is filled.
 */
function listTable(ctx: Ctx, id: '表13' | '表14' | '表15', kind: ListTable, figs: UnitFigures[], unitName: string, u: MoneyUnit): Table {
  const lead: HeaderCell[] = id === '表15'
    ? [{ text: '单位名称' }, { text: '支出功能分类（类级）' }, { text: '购买服务项目名称' }, { text: '购买服务指导目录对应项目（三级目录代码及名称）' }]
    : [{ text: '单位名称' }, { text: '项目名称' }];
  const header = sourceHeader(lead);
  const blank = (): TableCell[] => Array.from({ length: 12 }, () => txt(''));
  let sum: Money | undefined;
  let declared: Amount | undefined;
  const body: TableCell[][] = [];
  for (const f of figs) {
    for (const decl of f.unit.lists.filter((l) => l.table === kind)) {
      const total = decl.rows.find((r) => r.role === 'total')?.cells['总计'];
      // Each unit counts with its written 合计 where it has one, else the sum of its rows; one unit's 合计 cell
      // is its written one (the click reveals it).
      if (total) {
        declared = figs.length === 1 ? total : undefined;
        sum = addM(sum, total.value);
      }
      decl.rows.filter((r) => r.role !== 'total').forEach((r, i) => {
        const a = r.cells['总计'];
        if (!r.role && !total) sum = addM(sum, a?.value);
        const unitCell = txt(i === 0 ? f.unit.name.text : '', { span: i === 0 ? f.unit.name.span : undefined });
        const leadCells = id === '表15'
          ? [unitCell, txt(r.code?.text ?? '', { span: r.code?.span }), txt(r.name?.text ?? '', { span: r.name?.span }), txt('')]
          : [unitCell, txt(r.name?.text ?? '', { span: r.name?.span })];
        body.push([...leadCells, money(a?.value, u, a?.span ?? r.span), ...blank()]);
      });
    }
  }
  const totalLead = id === '表15' ? [label('合计'), txt(''), txt(''), txt('')] : [label('合计'), txt('')];
  const decl = figs.flatMap((f) => f.unit.lists.filter((l) => l.table === kind))[0];
  const totalCell = declared ? money(declared.value, u, declared.span) : money(sum, u, decl?.span);
  return make(ctx, id, unitName, u, header, [[...totalLead, totalCell, ...blank()], ...body]);
}

const IND_COLUMNS = ['一级指标', '二级指标', '三级指标', '运算符号', '指标值', '度量单位', '完成时限'];

/** Indicator rows with merged 一级/二级 cells, as published. */
function indicatorRows(block: IndicatorBlock | undefined): TableCell[][] {
  const inds = block?.indicators ?? [];
  const rows: TableCell[][] = inds.map((ind) => {
    const v = ind.value;
    let valueText = v?.text ?? '';
    let unitText = ind.unit?.text ?? '';
    // A percent sign written against the value (`100%`) is part of the published value cell ("100%");
    // written apart (`100 %`) it is the unit of measure, as in the publication.
    if (v && ind.unit && unitText === '%' && ind.unit.span.start === v.span.end) {
      valueText += '%';
      unitText = '';
    }
    return [
      txt(ind.level1?.text ?? '', { span: ind.level1?.span }),
      txt(ind.level2?.text ?? '', { span: ind.level2?.span }),
      txt(ind.name.text, { span: ind.name.span }),
      txt(ind.op?.op ?? '', { span: ind.op?.span }),
      txt(valueText, { span: v?.span }),
      txt(unitText, { span: ind.unit?.span }),
      txt(ind.deadline?.text ?? '', { span: ind.deadline?.span }),
    ];
  });
  // Merge runs of the same level cells (二级 runs stay inside their 一级 run).
  const merge = (col: number, same: (a: Indicator, b: Indicator) => boolean): void => {
    let i = 0;
    while (i < inds.length) {
      let j = i + 1;
      while (j < inds.length && same(inds[i], inds[j])) j++;
      if (j - i > 1) {
        rows[i][col].rowSpan = j - i;
        for (let k = i + 1; k < j; k++) rows[k][col] = { text: '', covered: true };
      }
      i = j;
    }
  };
  const l1 = (x: Indicator): string => x.level1 ? `${x.level1.text}@${x.level1.span.start}` : '';
  const l2 = (x: Indicator): string => x.level2 ? `${x.level2.text}@${x.level2.span.start}` : '';
  merge(0, (a, b) => l1(a) === l1(b));
  merge(1, (a, b) => l1(a) === l1(b) && l2(a) === l2(b));
  return rows;
}

/** A form row: a label spanning `labelSpan` columns and a value spanning the rest of the 7 columns. */
function formRow(labelText: string, value: TableCell, labelSpan = 2, width = 7): TableCell[] {
  const row: TableCell[] = [label(labelText, { colSpan: labelSpan })];
  for (let i = 1; i < labelSpan; i++) row.push({ text: '', covered: true });
  row.push({ ...value, colSpan: width - labelSpan });
  for (let i = labelSpan + 1; i < width; i++) row.push({ text: '', covered: true });
  return row;
}

/** Two fields on one row, as 主管部门 | 实施单位: label (2 columns), value (2), label, value (2). */
function pairRow(label1: string, value1: TableCell, label2: string, value2: TableCell): TableCell[] {
  return [
    label(label1, { colSpan: 2 }), { text: '', covered: true }, { ...value1, colSpan: 2 }, { text: '', covered: true },
    label(label2), { ...value2, colSpan: 2 }, { text: '', covered: true },
  ];
}

function fullRow(cell: TableCell, width = 7): TableCell[] {
  return [{ ...cell, colSpan: width }, ...Array.from({ length: width - 1 }, () => ({ text: '', covered: true }))];
}

function headRow(): TableCell[] {
  return IND_COLUMNS.map((c) => label(c));
}

function unitTitle(unit: Unit): string {
  return `${unit.code?.text ?? ''}${unit.name.text}${unit.region ? '-' + unit.region.text : ''}`;
}

function table16(ctx: Ctx, f: UnitFigures): Table {
  const u = f.unit.moneyUnit;
  const o = f.unit.overall;
  const rows: TableCell[][] = [];
  rows.push(formRow('部门（单位）名称', txt(unitTitle(f.unit), { span: f.unit.name.span })));
  const tasks = o?.tasks ?? [];
  // 年度主要任务 | 对应项目 | 预算资金情况 ; one row per task.
  const taskRow = (first: TableCell, second: TableCell, head: boolean): TableCell[] => [
    ...(rows.length === 1 ? [label('年度主要任务', { colSpan: 2, rowSpan: tasks.length + 1 }), { text: '', covered: true }] : [{ text: '', covered: true }, { text: '', covered: true }]),
    { ...first, colSpan: 3, head }, { text: '', covered: true }, { text: '', covered: true },
    { ...second, colSpan: 2, head }, { text: '', covered: true },
  ];
  rows.push(taskRow(txt('对应项目'), txt('预算资金情况'), true));
  for (const t of tasks) rows.push(taskRow(txt(t.name.text, { span: t.name.span }), money(t.amount?.value, u, t.amount?.span ?? t.span), false));
  rows.push(formRow('年度绩效目标', txt(o?.goal?.text ?? '', { span: o?.goal?.span })));
  rows.push(fullRow(label('年度绩效指标')));
  rows.push(headRow());
  for (const r of indicatorRows(o?.indicators)) rows.push(r);
  return make(ctx, '表16', f.unit.name.text, u, [], rows, { columns: IND_COLUMNS }, false);
}

function table17(ctx: Ctx, f: UnitFigures): Table[] {
  const u = f.unit.moneyUnit;
  return f.projects.map((pf) => {
    const p = pf.project;
    const rows: TableCell[][] = [];
    rows.push(formRow('项目(政策)名称', txt(p.name.text, { span: p.name.span })));
    const sup = p.supervisor ?? f.unit.supervisor;
    const impl = p.implementer;
    rows.push([
      label('主管部门', { colSpan: 2 }), { text: '', covered: true },
      txt(sup?.text ?? '', { span: sup?.span, colSpan: 2 }), { text: '', covered: true },
      label('实施单位'),
      txt(impl?.text ?? '', { span: impl?.span, colSpan: 2 }), { text: '', covered: true },
    ]);
    // The attributes of the performance form (申报表), each row only when written: the reference layout is kept.
    if (p.nature || p.category) rows.push(pairRow('项目性质', txt(p.nature?.text, { span: p.nature?.span }), '项目类别', txt(p.category?.text, { span: p.category?.span })));
    if (p.period) rows.push(formRow('实施期限', txt(p.period.text, { span: p.period.span })));
    else if (p.startDate || p.endDate) {
      rows.push(pairRow('计划开始日期', txt(p.startDate?.text, { span: p.startDate?.span }), '计划完成日期', txt(p.endDate?.text, { span: p.endDate?.span })));
    }
    rows.push(formRow('预算资金情况', money(pf.total, u, p.amount?.span ?? p.bySource[0]?.amount.span ?? p.name.span)));
    if (p.fundsFiscal || p.fundsOther) {
      const cell = (a: Amount | undefined, at: Span): TableCell => money(a?.value, u, a?.span ?? at);
      const at = (p.fundsTotal ?? p.fundsFiscal ?? p.fundsOther)!.span;
      rows.push([
        label('项目资金总额', { colSpan: 2 }), { text: '', covered: true }, cell(p.fundsTotal, at),
        label('财政资金'), cell(p.fundsFiscal, at), label('其他资金'), cell(p.fundsOther, at),
      ]);
    } else if (p.fundsTotal) rows.push(formRow('项目资金总额', money(p.fundsTotal.value, u, p.fundsTotal.span)));
    if (p.fundsCarried) rows.push(formRow('上年结转资金', money(p.fundsCarried.value, u, p.fundsCarried.span)));
    if (p.longTermGoal) {
      // 总体目标 over its two parts, the multi-year goal and the year's.
      const goalRow = (first: boolean, name: string, goal: TableCell): TableCell[] => [
        first ? label('总体目标', { rowSpan: 2 }) : { text: '', covered: true }, label(name),
        { ...goal, colSpan: 5 }, ...Array.from({ length: 4 }, () => ({ text: '', covered: true })),
      ];
      rows.push(goalRow(true, '中长期目标', txt(p.longTermGoal.text, { span: p.longTermGoal.span })));
      rows.push(goalRow(false, '年度目标', txt(p.goal?.text ?? '', { span: p.goal?.span })));
    } else rows.push(formRow('总体目标', txt(p.goal?.text ?? '', { span: p.goal?.span })));
    rows.push(fullRow(label('绩效指标')));
    rows.push(headRow());
    for (const r of indicatorRows(p.indicators)) rows.push(r);
    return make(ctx, '表17', f.unit.name.text, u, [], rows, { columns: IND_COLUMNS, part: p.name.text }, false);
  });
}

function table18(ctx: Ctx, f: UnitFigures): Table {
  const u = f.unit.moneyUnit;
  const header: HeaderCell[][] = [[{ text: '项目' }, { text: '总计' }, { text: '已分配数' }, { text: '未分配数' }]];
  const decls = f.unit.lists.filter((l) => l.table === 'special');
  const cols = ['总计', '已分配', '未分配'];
  const sums: Array<Money | undefined> = [undefined, undefined, undefined];
  const body: TableCell[][] = [];
  const declared: Array<Amount | undefined> = [undefined, undefined, undefined];
  for (const d of decls) {
    for (const r of d.rows) {
      if (r.role === 'total') {
        cols.forEach((c, i) => { declared[i] ??= r.cells[c]; });
        continue;
      }
      body.push([txt(r.name?.text ?? '', { span: r.name?.span }), ...cols.map((c, i) => {
        const a = r.cells[c];
        if (!r.role) sums[i] = addM(sums[i], a?.value);
        return money(a?.value, u, a?.span ?? r.span);
      })]);
    }
  }
  // The 合计 as written where it is (checked against the rows: BUD201), else the rows' sum.
  const rows = [[label('合计'), ...sums.map((s, i) => declared[i] ? money(declared[i]!.value, u, declared[i]!.span) : money(s, u, decls[0]?.span))], ...body];
  return make(ctx, '表18', f.unit.name.text, u, header, rows);
}

/**
 * 与上年预算比较 (a unit with a 上年比较 block): one row per compared figure — 本年预算数 (as written when it agrees
 * with the tables, else the tables' figure), 上年预算数 (as written, else implied by the change), 增减额 and
 * 增减率 computed exactly (the rate rounded at the decimals written, else two). In the block's money unit.
 */
function tableComparison(ctx: Ctx, f: UnitFigures): Table {
  const cmp = f.unit.comparison!;
  const u = cmp.moneyUnit;
  const header: HeaderCell[][] = [[{ text: '项目' }, { text: '本年预算数' }, { text: '上年预算数' }, { text: '增减额' }, { text: '增减率' }]];
  const rows = cmp.lines.map((line) => {
    const r = comparisonFigures(f, line);
    const name = compareFigureName(line.figure);
    const rate = r.rate ? formatRate(r.rate, line.rate?.value.decimals ?? 2) : '';
    const changeSpan = line.change ? line.change.amount?.span ?? line.change.labelSpan : undefined;
    return [
      txt(name.zh, { span: line.keySpan }),
      money(r.current, u, line.current?.span ?? r.computed.at ?? line.keySpan),
      money(r.previous, u, line.previous?.span ?? changeSpan ?? line.keySpan),
      money(r.change, u, changeSpan ?? line.keySpan),
      txt(rate, { span: line.rate?.value.span ?? line.keySpan }),
    ];
  });
  return make(ctx, '比较', f.unit.name.text, u, header, rows);
}

/**
 * The 18 standard tables of a budget, in published order (表17 once per project), then 与上年预算比较 for each unit
 * that states its comparisons with the previous year. Per-unit tables are repeated for each unit of a department
 * file; tables with a 单位名称 column list all units. Never throws: a table that cannot be built (a defect) is
 * replaced by one that says so.
 */
export function buildTables(a: Analysis, locale: Locale = 'zh-CN'): Table[] {
  const figs = a.figures;
  if (!figs.length) return [];
  const ctx: Ctx = { locale };
  const units = figs.map((f) => f.unit);
  const units1 = new Set(units.map((x) => x.moneyUnit));
  const u: MoneyUnit = units1.size === 1 ? units[0].moneyUnit : '万元';
  const dept = a.model.departments.length === 1 ? a.model.departments[0].name.text : undefined;
  const allName = figs.length === 1 ? units[0].name.text : dept ?? units.map((x) => x.name.text).join('、');
  // A table that cannot be built (a defect) is replaced by one saying so: the others are built, and nothing throws.
  const guarded = (what: string, build: () => Table | Table[]): Table[] => {
    try {
      return ([] as Table[]).concat(build());
    } catch (e) {
      return [failedTable(what, e, u)];
    }
  };
  const per = (fn: (ctx: Ctx, f: UnitFigures) => Table | Table[]): Table[] => figs.flatMap((f) => guarded(fn.name, () => fn(ctx, f)));
  // Tables with a 单位名称 column list the units and their 合计; a department's own (consolidated) figures
  // would count them twice, so they appear only in the per-unit tables.
  const listed = figs.some((f) => !f.unit.consolidates) ? figs.filter((f) => !f.unit.consolidates) : figs;
  return [
    ...per(table1),
    // 表2: the by-unit summary (as the reference publication), and for each unit with a 收入科目 block the
    // by-function layout instead (its units need no by-unit summary when all of them have one).
    ...(listed.some((f) => !f.unit.incomeFunc) ? guarded('table2', () => table2(ctx, listed, allName, u)) : []),
    ...per((c, f) => (f.unit.incomeFunc ? table2ByFunction(c, f) : [])),
    ...per(table3),
    ...per(table4),
    ...per(table5),
    ...per(table6),
    ...per(table7),
    ...per(table8),
    ...guarded('table9', () => table9(ctx, listed, allName, u)),
    ...per(table10),
    ...per(table11),
    ...per(table12),
    ...guarded('表13', () => listTable(ctx, '表13', 'debt', listed, allName, u)),
    ...guarded('表14', () => listTable(ctx, '表14', 'procurement', listed, allName, u)),
    ...guarded('表15', () => listTable(ctx, '表15', 'services', listed, allName, u)),
    ...per(table16),
    ...per(table17),
    ...per(table18),
    // Beyond the 18: the year-on-year comparisons of the units that state them.
    ...per((c, f) => (f.unit.comparison ? tableComparison(c, f) : [])),
  ];
}

/** The stand-in for a table that could not be built: it says so (an internal error), with the error. */
function failedTable(what: string, e: unknown, u: MoneyUnit): Table {
  const message = String(e instanceof Error ? e.message : e);
  return {
    id: '内部错误', title: '表格未能生成（内部错误）', titleEn: 'Table not built (internal error)', subtitle: what, unitName: '', moneyUnit: u,
    header: [], columns: [], rows: [], note: `${what}: ${message}`,
  };
}

/** A table's display name: '表3 支出预算总表' / '表17 部门预算项目（政策）绩效目标表 — 项目名'. */
export function tableLabel(t: Table): string {
  return `${t.id} ${t.title}${t.part ? ' — ' + t.part : ''}`;
}
