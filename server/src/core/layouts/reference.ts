/**
 * The reference layout (辽宁): the 18 tables of the reference publication (samples/fushun-2025.budget transcribes
 * it), in the document's money unit, with multi-level headers, a 合计 row first, classification codes in code
 * order with parents before children (类 0 / 款 1 / 项 2 indentation), amounts with thousands separators and two
 * decimals, and a zero shown as an empty cell, as the publication prints it.
 *
 * Several units in one file (a 部门 file): the tables whose published layout has a 单位名称 column (表2, 表9, 表13,
 * 表14, 表15) appear once, with the 合计 row followed by one row per unit (表9: the unit's row, then its projects);
 * every other table appears once per unit, in unit order.
 *
 * Every amount cell carries `amount` (the exact decimal in the table's money unit, when there is a figure, zero
 * included) and `span` (where the figure is written: the declared amount, else the row's code, else the section's
 * header for computed totals); cells follow the rules of cells.ts (written as written, computed only where nothing
 * was written, a disagreeing written figure marked).
 */
import { amountAgrees, comparisonFigures, exactRate, formatRate, lineName } from '../comparison';
import { incomeFuncKey, sourceKey, type Cells, type IncomeFuncNode, type TreeNode, type UnitFigures, type ClassTree } from '../compute';
import type { Span } from '../diagnostics';
import { FISCAL_SOURCES, INCOME_FUNC_COLUMNS, UNIT_FUND_SOURCES, type Column, type FundingSource, type ListTable } from '../keywords';
import type { Amount, Indicator, IndicatorBlock, Section, Unit } from '../model';
import { formatMoney, type Money } from '../money';
import {
  addM, codeLevel, computedOf, covered, figureCell, label, nodeCell, nonZero, preorder, REFERENCE_STYLE, txt, writtenCell, writtenOf,
  type CellFormat,
} from './cells';
import type { HeaderCell, TableCell } from './grid';
import type { BuildContext, Layout, TableSpec } from './types';

// ── spans ─────────────────────────────────────────────────────────────────────────────────────────────

/** Source span of a node's figure: the declared cell, else the row's code, else what it was computed from. */
export function nodeSpan(n: TreeNode, col: Column | undefined, key: string | undefined, fallback: Span | undefined): Span | undefined {
  const rows = key === undefined ? n.rows : n.rows.filter((r) => sourceKey(r.source) === key);
  if (col) for (const r of rows) if (r.cells[col]) return r.cells[col]!.span;
  if (rows[0]) return rows[0].codeSpan;
  if (n.rows[0]) return n.rows[0].codeSpan;
  if (n.projects[0]) return n.projects[0].span;
  if (n.mappedFrom[0]) return n.mappedFrom[0].span;
  return fallback;
}

/** Span of a 合计-row figure: the declared 合计 row's cell, else the section header. */
export function totalSpan(section: Section | undefined, col: Column | undefined): Span | undefined {
  const t = section?.total;
  if (t && col && t.cells[col]) return t.cells[col]!.span;
  return t?.codeSpan ?? section?.headerSpan;
}

const onlyKey = (key: string | undefined): ((k: string) => boolean) | undefined => (key === undefined ? undefined : (k) => k === key);

// ── funding-source columns (本年收入 / 上年结转结余 × 5) ──────────────────────────────────────────────────

const SOURCE_COLUMNS = ['一般公共预算', '政府性基金预算', '国有资本经营预算', '财政专户管理资金', '单位资金'] as const;
type SourceColumn = (typeof SOURCE_COLUMNS)[number];

function sourceColumnOf(s: FundingSource): SourceColumn {
  return (UNIT_FUND_SOURCES as string[]).includes(s) ? '单位资金' : (s as SourceColumn);
}

/** Whether a source key falls in a published source column of a period ('cur' this year, 'car' carried over). */
function inColumn(side: 'cur' | 'car', col: SourceColumn | undefined): (k: string) => boolean {
  return (k) => {
    const carried = k.startsWith('上年结转:');
    if (carried !== (side === 'car')) return false;
    return col === undefined || sourceColumnOf((carried ? k.slice(5) : k) as FundingSource) === col;
  };
}

/** A figure per source key, and where each is written: what the 2 × 5 source columns are made of. */
interface SourceFigures {
  /** The computed figure of the keys a column selects. */
  value(pick: ((k: string) => boolean) | undefined): Money | undefined;
  /** The written figure of the keys a column selects, if one row states exactly that. */
  written(pick: ((k: string) => boolean) | undefined): Amount | undefined;
  span(pick: ((k: string) => boolean) | undefined): Span | undefined;
}

/** The key selectors of the 13 amount columns 总计 | 本年收入 合计 + 5 | 上年结转结余 合计 + 5. */
const SOURCE_PICKS: Array<((k: string) => boolean) | undefined> = [
  undefined,
  ...(['cur', 'car'] as const).flatMap((side) => [inColumn(side, undefined), ...SOURCE_COLUMNS.map((col) => inColumn(side, col))]),
];

/** The 13 amount columns 总计 | 本年收入 合计 + 5 | 上年结转结余 合计 + 5. */
function sourceCells(fmt: CellFormat, s: SourceFigures): TableCell[] {
  return SOURCE_PICKS.map((pick) => {
    const w = s.written(pick);
    return figureCell(fmt, w, s.value(pick), w?.span ?? s.span(pick));
  });
}

/** Source figures from plain facts by key (projects): nothing is a total of its own, every sum is computed. */
function factFigures(entries: Iterable<[string, Money]>, span: (pick: ((k: string) => boolean) | undefined) => Span | undefined): SourceFigures {
  const list = [...entries];
  return {
    value: (pick) => {
      let v: Money | undefined;
      for (const [k, m] of list) if (!pick || pick(k)) v = addM(v, m);
      return v;
    },
    written: () => undefined,
    span,
  };
}

function sourceHeader(lead: HeaderCell[], firstTotal = '总计'): HeaderCell[][] {
  const leafs = (): HeaderCell[] => [{ text: '合计' }, ...SOURCE_COLUMNS.map((text) => ({ text }))];
  return [
    [...lead.map((h) => ({ ...h, rowSpan: 2 })), { text: firstTotal, rowSpan: 2 }, { text: '本年收入', colSpan: 6 }, { text: '上年结转结余', colSpan: 6 }],
    [...leafs(), ...leafs()],
  ];
}

// ── classification trees ──────────────────────────────────────────────────────────────────────────────

/** The 合计 label over the code and name columns. */
function totalLabel(span: Span | undefined): TableCell[] {
  return [label('合计', { span, colSpan: 2 }), covered()];
}

function codeCells(n: TreeNode, indentOn: 'name' | 'code'): TableCell[] {
  const lv = codeLevel(n.code);
  const span = n.rows[0]?.codeSpan ?? n.projects[0]?.span ?? n.mappedFrom[0]?.span;
  return [
    txt(n.code, { indent: indentOn === 'code' ? lv : undefined, span }),
    txt(n.name ?? '', { indent: lv, span: n.rows[0]?.name?.span ?? span }),
  ];
}

const KIND_COLS: Column[] = ['total', 'basic', 'personnel', 'public', 'project'];

/** 表3 / 表5 / 表8 style rows: 合计 | 基本(小计 人员 公用) | 项目 (or a subset), optionally for one source key. */
function kindRows(fmt: CellFormat, tree: ClassTree, section: Section | undefined, cols: Column[], key: string | undefined): TableCell[][] {
  const pick = onlyKey(key);
  const rows: TableCell[][] = [[
    ...totalLabel(totalSpan(section, undefined)),
    ...cols.map((c) => nodeCell(fmt, tree.root, section, c, pick, totalSpan(section, c))),
  ]];
  for (const n of preorder(tree.root)) {
    // A written figure is also a computed one (a row's own facts): the computed figures say whether there is any.
    if (!nonZero(...cols.map((c) => computedOf(n, c, pick)))) continue;
    rows.push([...codeCells(n, 'name'), ...cols.map((c) => nodeCell(fmt, n, section, c, pick, nodeSpan(n, c, key, section?.headerSpan)))]);
  }
  return rows;
}

/** Source figures of a tree node (表10 / 表11 / 表12). */
function nodeSources(n: TreeNode, section: Section | undefined, fallback: (pick: ((k: string) => boolean) | undefined) => Span | undefined): SourceFigures {
  return {
    value: (pick) => computedOf(n, 'total', pick),
    written: (pick) => writtenOf(n, section, 'total', pick),
    span: fallback,
  };
}

/** 表10 / 表11 / 表12 rows: by-source totals per node. */
function sourceRows(fmt: CellFormat, tree: ClassTree, section: Section | undefined): TableCell[][] {
  const rows: TableCell[][] = [[...totalLabel(totalSpan(section, 'total')), ...sourceCells(fmt, nodeSources(tree.root, section, () => totalSpan(section, 'total')))]];
  for (const n of preorder(tree.root)) {
    if (!nonZero(n.cells.total)) continue;
    const span = (pick: ((k: string) => boolean) | undefined): Span | undefined => {
      const keys = [...n.bySource.keys()].filter((k) => !pick || pick(k));
      return nodeSpan(n, 'total', keys.length === 1 ? keys[0] : undefined, section?.headerSpan);
    };
    rows.push([...codeCells(n, 'code'), ...sourceCells(fmt, nodeSources(n, section, span))]);
  }
  return rows;
}

// ── tables ────────────────────────────────────────────────────────────────────────────────────────────

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
export function cn(i: number): string {
  return CN_NUM[i] ?? String(i + 1);
}

/** Income figure cell by income key (`本年:一般公共预算`, `收入总计` …): the line as written, else computed. */
export function incomeCell(fmt: CellFormat, f: UnitFigures, key: string): TableCell {
  const line = f.income.lines.get(key);
  const span = line?.amount?.span ?? line?.keySpan ?? f.unit.income?.headerSpan;
  return figureCell(fmt, line?.amount, f.income.values.get(key), span);
}

/** Two side-by-side lists of (label, amount) pairs padded to the same length. */
export function sideBySide(left: TableCell[][], right: TableCell[][], width = 2): TableCell[][] {
  const n = Math.max(left.length, right.length);
  const blank = (k: number): TableCell[] => Array.from({ length: k }, () => txt(''));
  const rows: TableCell[][] = [];
  for (let i = 0; i < n; i++) rows.push([...(left[i] ?? blank(2)), ...(right[i] ?? blank(width))]);
  return rows;
}

/** 本年支出合计 as written (its own line, else the 合计 row), and 支出总计. */
export function expenseTotals(fmt: CellFormat, f: UnitFigures): { current: TableCell; carry: TableCell; grand: TableCell } {
  const sec = f.unit.func;
  const e = sec?.extras;
  const current = e?.currentTotal?.amount ?? sec?.total?.cells.total;
  return {
    current: figureCell(fmt, current, f.func.root.cells.total, current?.span ?? e?.currentTotal?.span ?? totalSpan(sec, 'total')),
    carry: writtenCell(fmt, e?.yearEndCarry?.amount, e?.yearEndCarry?.span),
    grand: figureCell(fmt, e?.grandTotal?.amount, f.expenseGrand, e?.grandTotal?.amount?.span ?? e?.grandTotal?.span ?? totalSpan(sec, 'total')),
  };
}

function table1(ctx: BuildContext): TableCell[][] {
  const { f, fmt } = ctx;
  const inc = (text: string, key: string, indent?: number): TableCell[] => [txt(text, { indent }), incomeCell(fmt, f, key)];
  const left: TableCell[][] = [
    inc('一、一般公共预算拨款收入', '本年:一般公共预算'),
    inc('二、政府性基金预算拨款收入', '本年:政府性基金预算'),
    inc('三、国有资本经营预算拨款收入', '本年:国有资本经营预算'),
    inc('四、财政专户管理资金收入', '本年:财政专户管理资金'),
    inc('五、单位资金收入', '本年:单位资金'),
    inc('（一）事业收入', '本年:事业收入', 1),
    inc('（二）事业单位经营收入', '本年:事业单位经营收入', 1),
    inc('（三）上级补助收入', '本年:上级补助收入', 1),
    inc('（四）附属单位上缴收入', '本年:附属单位上缴收入', 1),
    inc('（五）其他收入', '本年:其他收入', 1),
  ];
  const sec = f.unit.func;
  const right: TableCell[][] = [...f.func.root.children]
    .sort((a, b) => a.code.localeCompare(b.code))
    .filter((n) => nonZero(n.cells.total))
    .map((n, i) => [txt(`${cn(i)}、${n.name ?? n.code}`, { span: n.rows[0]?.codeSpan }), nodeCell(fmt, n, sec, 'total', undefined, nodeSpan(n, 'total', undefined, sec?.headerSpan))]);
  const tot = expenseTotals(fmt, f);
  const rows = sideBySide(left, right);
  rows.push([label('本年收入合计'), incomeCell(fmt, f, '本年收入合计'), label('本年支出合计'), tot.current]);
  rows.push([label('上年结转结余'), incomeCell(fmt, f, '上年结转结余'), label('年终结转结余'), tot.carry]);
  rows.push([label('收入总计'), incomeCell(fmt, f, '收入总计'), label('支出总计'), tot.grand]);
  return rows;
}

const INCOME_COLS: string[] = ['一般公共预算', '政府性基金预算', '国有资本经营预算', '财政专户管理资金'];
const UNIT_FUND_COLS: string[] = ['单位资金', '事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入'];

function table2(ctx: BuildContext, figs: UnitFigures[]): TableCell[][] {
  const { fmt } = ctx;
  const keys = [
    '收入总计', '本年收入合计', ...INCOME_COLS.map((k) => `本年:${k}`), ...UNIT_FUND_COLS.map((k) => `本年:${k}`),
    '上年结转结余', ...INCOME_COLS.map((k) => `上年结转:${k}`), '上年结转:单位资金',
  ];
  const unitRow = (f: UnitFigures): TableCell[] => [txt(f.unit.name.text, { span: f.unit.name.span }), ...keys.map((k) => incomeCell(fmt, f, k))];
  const totalRow: TableCell[] = [label('合计'), ...keys.map((k) => {
    if (figs.length === 1) return incomeCell(fmt, figs[0], k);
    let v: Money | undefined;
    for (const f of figs) v = addM(v, f.income.values.get(k));
    return figureCell(fmt, undefined, v, undefined);
  })];
  return [totalRow, ...figs.map(unitRow)];
}

const TABLE2_HEADER: HeaderCell[][] = [
  [{ text: '单位名称', rowSpan: 3 }, { text: '总计', rowSpan: 3 }, { text: '本年收入', colSpan: 11 }, { text: '上年结转结余', colSpan: 6 }],
  [
    { text: '合计', rowSpan: 2 }, ...INCOME_COLS.map((t) => ({ text: t, rowSpan: 2 })), { text: '单位资金', colSpan: 6 },
    { text: '合计', rowSpan: 2 }, ...INCOME_COLS.map((t) => ({ text: t, rowSpan: 2 })), { text: '单位资金', rowSpan: 2 },
  ],
  [{ text: '小计' }, ...UNIT_FUND_COLS.slice(1).map((text) => ({ text }))],
];

/** The cell of a 收入科目 node's column: as written in its row, else computed. */
export function incomeFuncCell(fmt: CellFormat, f: UnitFigures, n: IncomeFuncNode, key: string): TableCell {
  const r = n.rows[0];
  const w = r?.cells.find((c) => incomeFuncKey(c) === key)?.amount;
  return figureCell(fmt, w, n.values.get(key), w?.span ?? r?.codeSpan ?? f.unit.incomeFunc?.headerSpan);
}

/**
 * 表2 as Shanghai and others publish it, for a unit with a 收入科目 block: income by function code, one column
 * per funding source — 科目编码 | 科目名称 | 合计 | 财政拨款收入 (split into 一般公共预算 … when the block splits
 * it) | 事业收入 | 事业单位经营收入 | 其他收入, and the other columns the block writes (财政专户管理资金, 单位资金,
 * 上级补助收入, 附属单位上缴收入, 上年结转). The 合计 row first, codes in code order with indentation.
 */
function table2ByFunction(ctx: BuildContext, f: UnitFigures) {
  const { fmt } = ctx;
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
  const figures = (n: IncomeFuncNode): TableCell[] => keys.map((k) => incomeFuncCell(fmt, f, n, k.key));
  const rows: TableCell[][] = [[...totalLabel(sec.total?.codeSpan ?? sec.headerSpan), ...figures(tree.root)]];
  const walk = (n: IncomeFuncNode): void => {
    for (const c of [...n.children].sort((a, b) => a.code.localeCompare(b.code))) {
      if (nonZero(...keys.map((k) => c.values.get(k.key)))) {
        const lv = codeLevel(c.code);
        const span = c.rows[0]?.codeSpan;
        rows.push([txt(c.code, { span }), txt(c.name ?? '', { indent: lv, span: c.rows[0]?.name?.span ?? span }), ...figures(c)]);
      }
      walk(c);
    }
  };
  walk(tree.root);
  return ctx.make(header, rows, { unitName: f.unit.name.text });
}

function table3(ctx: BuildContext) {
  const header: HeaderCell[][] = [
    [{ text: '科目编码', rowSpan: 2 }, { text: '科目名称', rowSpan: 2 }, { text: '合计', rowSpan: 2 }, { text: '基本支出', colSpan: 3 }, { text: '项目支出', rowSpan: 2 }],
    [{ text: '小计' }, { text: '人员经费' }, { text: '公用经费' }],
  ];
  return ctx.make(header, kindRows(ctx.fmt, ctx.f.func, ctx.f.unit.func, KIND_COLS, undefined));
}

const isFiscalKey = (k: string): boolean => (FISCAL_SOURCES as string[]).includes(k.startsWith('上年结转:') ? k.slice(5) : k);

function table4(ctx: BuildContext) {
  const { f, fmt } = ctx;
  const sec = f.unit.func;
  const left: TableCell[][] = [
    [txt('一、本年收入'), incomeCell(fmt, f, '本年:财政拨款')],
    ...FISCAL_SOURCES.map((s, i) => [txt(`（${cn(i)}）${s}拨款收入`, { indent: 1 }), incomeCell(fmt, f, `本年:${s}`)]),
    [txt('二、上年结转'), incomeCell(fmt, f, '上年结转:财政拨款')],
    ...FISCAL_SOURCES.map((s, i) => [txt(`（${cn(i)}）${s}拨款收入`, { indent: 1 }), incomeCell(fmt, f, `上年结转:${s}`)]),
  ];
  const spend = computedOf(f.func.root, 'total', isFiscalKey);
  const right: TableCell[][] = [
    [txt('一、本年支出'), nodeCell(fmt, f.func.root, sec, 'total', isFiscalKey, totalSpan(sec, 'total'))],
    ...[...f.func.root.children]
      .sort((a, b) => a.code.localeCompare(b.code))
      .filter((n) => nonZero(computedOf(n, 'total', isFiscalKey)))
      .map((n, i) => [txt(`(${cn(i)})${n.name ?? n.code}`, { indent: 1, span: n.rows[0]?.codeSpan }), nodeCell(fmt, n, sec, 'total', isFiscalKey, nodeSpan(n, 'total', undefined, sec?.headerSpan))]),
  ];
  const rows = sideBySide(left, right);
  const carry = sec?.extras.yearEndCarry;
  rows.push([txt(''), txt(''), txt('二、年终结转结余'), writtenCell(fmt, carry?.amount, carry?.span)]);
  const incomeTotal = addM(f.income.values.get('本年:财政拨款'), f.income.values.get('上年结转:财政拨款'));
  const grand = spend !== undefined || carry?.amount ? (spend ?? 0n) + (carry?.amount?.value ?? 0n) : undefined;
  rows.push([
    label('收入总计'), figureCell(fmt, undefined, incomeTotal, f.income.lines.get('本年:财政拨款')?.amount?.span ?? f.unit.income?.headerSpan),
    label('支出总计'), figureCell(fmt, undefined, grand, sec?.extras.grandTotal?.amount?.span ?? totalSpan(sec, 'total')),
  ]);
  const header: HeaderCell[][] = [
    [{ text: '收入', colSpan: 2 }, { text: '支出', colSpan: 2 }],
    [{ text: '项目' }, { text: '预算数' }, { text: '项目' }, { text: '预算数' }],
  ];
  return ctx.make(header, rows, { columns: ['收入项目', '收入预算数', '支出项目', '支出预算数'] });
}

function table5(ctx: BuildContext) {
  const header: HeaderCell[][] = [
    [{ text: '科目编码', rowSpan: 3 }, { text: '科目名称', rowSpan: 3 }, { text: '本年一般公共预算支出', colSpan: 5 }],
    [{ text: '合计', rowSpan: 2 }, { text: '基本支出', colSpan: 3 }, { text: '项目支出', rowSpan: 2 }],
    [{ text: '小计' }, { text: '人员经费' }, { text: '公用经费' }],
  ];
  return ctx.make(header, kindRows(ctx.fmt, ctx.f.func, ctx.f.unit.func, KIND_COLS, '一般公共预算'));
}

function table6(ctx: BuildContext) {
  const header: HeaderCell[][] = [
    [{ text: '部门预算支出经济分类科目', colSpan: 2 }, { text: '本年一般公共预算基本支出', colSpan: 3 }],
    [{ text: '科目编码' }, { text: '科目名称' }, { text: '合计' }, { text: '人员经费' }, { text: '公用经费' }],
  ];
  return ctx.make(header, kindRows(ctx.fmt, ctx.f.econ, ctx.f.unit.econ, ['basic', 'personnel', 'public'], '一般公共预算'));
}

/** A 三公 figure: the line as written, else computed from its parts. */
export function sangongCell(fmt: CellFormat, f: UnitFigures, k: keyof UnitFigures['sangong']['values']): TableCell {
  const line = f.unit.sangong?.lines.find((l) => l.item === k);
  const w = f.sangong.declared[k];
  return figureCell(fmt, w, f.sangong.values[k], w?.span ?? line?.keySpan ?? f.unit.sangong?.headerSpan);
}

function table7(ctx: BuildContext) {
  const { f } = ctx;
  // Printed in the 三公 block's own unit when it states one (三公 in 万元 in a 元 document, as Shanghai publishes it):
  // the unit line says so, and the figures come back in the unit they were written in.
  const own = f.unit.sangong?.moneyUnit;
  const fmt = own && ctx.spec.unit === 'document' ? { ...ctx.fmt, unit: own } : ctx.fmt;
  const header: HeaderCell[][] = [
    [{ text: '“三公”经费合计', rowSpan: 2 }, { text: '因公出国（境）费', rowSpan: 2 }, { text: '公务用车购置及运行费', colSpan: 3 }, { text: '公务接待费', rowSpan: 2 }],
    [{ text: '小计' }, { text: '公务用车购置费' }, { text: '公务用车运行费' }],
  ];
  const cell = (k: keyof UnitFigures['sangong']['values']): TableCell => sangongCell(fmt, f, k);
  const row = [cell('total'), cell('abroad'), cell('vehicle'), cell('vehiclePurchase'), cell('vehicleRun'), cell('reception')];
  // 机关运行经费, where the 三公 block writes it (a figure or a blank printed cell), as a last column beside the 三公
  // (as the Shanghai 表9 prints it), no part of the “三公”经费合计; a unit that writes none keeps the table as published.
  if (f.unit.sangong?.lines.some((l) => l.item === 'opsFunds')) {
    header[0].push({ text: '机关运行经费', rowSpan: 2, apart: true });
    row.push(cell('opsFunds'));
  }
  return ctx.make(header, [row], { moneyUnit: fmt.unit });
}

function table8(ctx: BuildContext) {
  const header: HeaderCell[][] = [
    [{ text: '科目编码', rowSpan: 2 }, { text: '科目名称', rowSpan: 2 }, { text: '本年政府性基金预算支出', colSpan: 3 }],
    [{ text: '合计' }, { text: '基本支出' }, { text: '项目支出' }],
  ];
  return ctx.make(header, kindRows(ctx.fmt, ctx.f.func, ctx.f.unit.func, ['total', 'basic', 'project'], '政府性基金预算'));
}

function table9(ctx: BuildContext) {
  const { figs, fmt } = ctx;
  const header = sourceHeader([{ text: '单位名称' }, { text: '项目名称' }, { text: '项目内容' }]);
  const all: Array<[string, Money]> = [];
  for (const f of figs) for (const p of f.projects) for (const e of p.bySource) all.push(e);
  const rows: TableCell[][] = [[label('合计'), txt(''), txt(''), ...sourceCells(fmt, factFigures(all, () => undefined))]];
  for (const f of figs) {
    if (!f.projects.length) continue;
    const entries: Array<[string, Money]> = [];
    for (const p of f.projects) for (const e of p.bySource) entries.push(e);
    rows.push([txt(f.unit.name.text, { span: f.unit.name.span }), txt(''), txt(''), ...sourceCells(fmt, factFigures(entries, () => f.unit.name.span))]);
    for (const pf of f.projects) {
      const p = pf.project;
      // A project's figures are facts: its amount by source as written, its 金额 the total (or the one source's).
      const byKey = (pick: ((k: string) => boolean) | undefined): Amount | undefined => {
        const sel = [...pf.bySource.keys()].filter((k) => !pick || pick(k));
        if (!sel.length) return undefined;
        if (!p.bySource.length) return p.amount;
        if (sel.length === pf.bySource.size && p.amount) return p.amount;
        const b = p.bySource.filter((x) => sel.includes(sourceKey(x.source)));
        return b.length === 1 && sel.length === 1 ? b[0].amount : undefined;
      };
      const spanFor = (pick: ((k: string) => boolean) | undefined): Span | undefined => {
        const keys = [...pf.bySource.keys()].filter((k) => !pick || pick(k));
        if (keys.length === 1) {
          const b = p.bySource.find((x) => sourceKey(x.source) === keys[0]);
          if (b) return b.amount.span;
        }
        return p.amount?.span ?? p.name.span;
      };
      const figures: SourceFigures = { ...factFigures(pf.bySource, spanFor), written: byKey };
      rows.push([txt(''), txt(p.name.text, { span: p.name.span }), txt(p.content?.text ?? '', { span: p.content?.span }), ...sourceCells(fmt, figures)]);
    }
  }
  return ctx.make(header, rows, { unitName: ctx.allName });
}

function table10(ctx: BuildContext) {
  return ctx.make(sourceHeader([{ text: '科目编码' }, { text: '科目名称' }]), sourceRows(ctx.fmt, ctx.f.func, ctx.f.unit.func));
}

function table11(ctx: BuildContext) {
  const { f, fmt } = ctx;
  const rows = sourceRows(fmt, f.gov, f.unit.gov ?? f.unit.econ);
  // Derived from the department table: money whose department code has no correspondence is not in it. Say so
  // (and how much), so that the table's total is never silently less than its source's.
  const missing = f.unit.gov ? undefined : unbookedByCorrespondence(f);
  const money = (v: Money): string => formatMoney(v, fmt.unit);
  const note = missing ? `注：部门经济分类 ${missing.codes.join('、')} 没有政府经济分类对照，共 ${money(missing.amount)} 未列入本表（部门经济分类合计 ${money(missing.source)}）。` : undefined;
  return ctx.make(sourceHeader([{ text: '科目编码' }, { text: '科目名称' }]), rows, note ? { note } : {});
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

function table12(ctx: BuildContext) {
  return ctx.make(sourceHeader([{ text: '科目编码' }, { text: '科目名称' }]), sourceRows(ctx.fmt, ctx.f.econ, ctx.f.unit.econ));
}

/**
 * 表13/表14/表15: rows from the `债务支出` / `政府采购` / `政府购买服务` lists. List rows carry a 总计 only
 * (the language has no funding source for them), so only the 总计 column is filled.
 */
function listTable(ctx: BuildContext, kind: ListTable) {
  const { figs, fmt } = ctx;
  const id = ctx.spec.id;
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
        body.push([...leadCells, writtenCell(fmt, a, r.span), ...blank()]);
      });
    }
  }
  const totalLead = id === '表15' ? [label('合计'), txt(''), txt(''), txt('')] : [label('合计'), txt('')];
  const decl = figs.flatMap((f) => f.unit.lists.filter((l) => l.table === kind))[0];
  const totalCell = figureCell(fmt, declared, declared ? undefined : sum, declared?.span ?? decl?.span);
  return ctx.make(header, [[...totalLead, totalCell, ...blank()], ...body], { unitName: ctx.allName });
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
        for (let k = i + 1; k < j; k++) rows[k][col] = covered();
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
export function formRow(labelText: string, value: TableCell, labelSpan = 2, width = 7): TableCell[] {
  const row: TableCell[] = [label(labelText, { colSpan: labelSpan })];
  for (let i = 1; i < labelSpan; i++) row.push(covered());
  row.push({ ...value, colSpan: width - labelSpan });
  for (let i = labelSpan + 1; i < width; i++) row.push(covered());
  return row;
}

/** Two fields on one row, as 主管部门 | 实施单位: label (2 columns), value (2), label, value (2). */
export function pairRow(label1: string, value1: TableCell, label2: string, value2: TableCell): TableCell[] {
  return [
    label(label1, { colSpan: 2 }), covered(), { ...value1, colSpan: 2 }, covered(),
    label(label2), { ...value2, colSpan: 2 }, covered(),
  ];
}

function fullRow(cell: TableCell, width = 7): TableCell[] {
  return [{ ...cell, colSpan: width }, ...Array.from({ length: width - 1 }, () => covered())];
}

function headRow(): TableCell[] {
  return IND_COLUMNS.map((c) => label(c));
}

/**
 * The 部门（单位）名称 row of 表16: the unit's code and its name in cells of their own (the publication runs them
 * together: “068005抚顺市社会保险事业服务中心-210400000”), the region after the name as printed.
 */
function unitNameRow(unit: Unit): TableCell[] {
  const name = txt(`${unit.name.text}${unit.region ? '-' + unit.region.text : ''}`, { span: unit.name.span });
  if (!unit.code) return formRow('部门（单位）名称', name);
  return [label('部门（单位）名称', { colSpan: 2 }), covered(), txt(unit.code.text, { span: unit.code.span }), { ...name, colSpan: 4 }, covered(), covered(), covered()];
}

const FORM = (ctx: BuildContext): { columns: string[]; subtitle: string } => ({ columns: IND_COLUMNS, subtitle: `单位：${ctx.fmt.unit}` });

function table16(ctx: BuildContext) {
  const { f, fmt } = ctx;
  const o = f.unit.overall;
  const rows: TableCell[][] = [];
  rows.push(unitNameRow(f.unit));
  const tasks = o?.tasks ?? [];
  // 年度主要任务 | 对应项目 | 预算资金情况 ; one row per task.
  const taskRow = (first: TableCell, second: TableCell, head: boolean): TableCell[] => [
    ...(rows.length === 1 ? [label('年度主要任务', { colSpan: 2, rowSpan: tasks.length + 1 }), covered()] : [covered(), covered()]),
    { ...first, colSpan: 3, head }, covered(), covered(),
    { ...second, colSpan: 2, head }, covered(),
  ];
  rows.push(taskRow(txt('对应项目'), txt('预算资金情况'), true));
  for (const t of tasks) rows.push(taskRow(txt(t.name.text, { span: t.name.span }), writtenCell(fmt, t.amount, t.span), false));
  rows.push(formRow('年度绩效目标', txt(o?.goal?.text ?? '', { span: o?.goal?.span })));
  rows.push(fullRow(label('年度绩效指标')));
  rows.push(headRow());
  for (const r of indicatorRows(o?.indicators)) rows.push(r);
  return ctx.make([], rows, FORM(ctx));
}

export function table17(ctx: BuildContext) {
  const { f, fmt } = ctx;
  return f.projects.map((pf) => {
    const p = pf.project;
    const rows: TableCell[][] = [];
    rows.push(formRow('项目(政策)名称', txt(p.name.text, { span: p.name.span })));
    const sup = p.supervisor ?? f.unit.supervisor;
    const impl = p.implementer;
    rows.push([
      label('主管部门', { colSpan: 2 }), covered(),
      txt(sup?.text ?? '', { span: sup?.span, colSpan: 2 }), covered(),
      label('实施单位'),
      txt(impl?.text ?? '', { span: impl?.span, colSpan: 2 }), covered(),
    ]);
    // The attributes of the performance form (申报表), each row only when written: the reference layout is kept.
    if (p.nature || p.category) rows.push(pairRow('项目性质', txt(p.nature?.text, { span: p.nature?.span }), '项目类别', txt(p.category?.text, { span: p.category?.span })));
    if (p.period) rows.push(formRow('实施期限', txt(p.period.text, { span: p.period.span })));
    else if (p.startDate || p.endDate) {
      rows.push(pairRow('计划开始日期', txt(p.startDate?.text, { span: p.startDate?.span }), '计划完成日期', txt(p.endDate?.text, { span: p.endDate?.span })));
    }
    rows.push(formRow('预算资金情况', projectAmountCell(fmt, pf)));
    if (p.fundsFiscal || p.fundsOther) {
      const at = (p.fundsTotal ?? p.fundsFiscal ?? p.fundsOther)!.span;
      rows.push([
        label('项目资金总额', { colSpan: 2 }), covered(), writtenCell(fmt, p.fundsTotal, at),
        label('财政资金'), writtenCell(fmt, p.fundsFiscal, at), label('其他资金'), writtenCell(fmt, p.fundsOther, at),
      ]);
    } else if (p.fundsTotal) rows.push(formRow('项目资金总额', writtenCell(fmt, p.fundsTotal, p.fundsTotal.span)));
    if (p.fundsCarried) rows.push(formRow('上年结转资金', writtenCell(fmt, p.fundsCarried, p.fundsCarried.span)));
    if (p.longTermGoal) {
      // 总体目标 over its two parts, the multi-year goal and the year's.
      const goalRow = (first: boolean, name: string, goal: TableCell): TableCell[] => [
        first ? label('总体目标', { rowSpan: 2 }) : covered(), label(name),
        { ...goal, colSpan: 5 }, ...Array.from({ length: 4 }, () => covered()),
      ];
      rows.push(goalRow(true, '中长期目标', txt(p.longTermGoal.text, { span: p.longTermGoal.span })));
      rows.push(goalRow(false, '年度目标', txt(p.goal?.text ?? '', { span: p.goal?.span })));
    } else rows.push(formRow('总体目标', txt(p.goal?.text ?? '', { span: p.goal?.span })));
    rows.push(fullRow(label('绩效指标')));
    rows.push(headRow());
    for (const r of indicatorRows(p.indicators)) rows.push(r);
    return ctx.make([], rows, { ...FORM(ctx), part: p.name.text });
  });
}

/** A project's amount: its 金额 as written, else the sum of its amounts by source (computed). */
export function projectAmountCell(fmt: CellFormat, pf: UnitFigures['projects'][number]): TableCell {
  const p = pf.project;
  const w = p.amount ?? (p.bySource.length === 1 ? p.bySource[0].amount : undefined);
  return figureCell(fmt, w, pf.total, w?.span ?? p.bySource[0]?.amount.span ?? p.name.span);
}

function table18(ctx: BuildContext) {
  const { f, fmt } = ctx;
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
        return writtenCell(fmt, a, r.span);
      })]);
    }
  }
  // The 合计 as written where it is (checked against the rows: BUD201), else the rows' sum.
  const rows = [[label('合计'), ...sums.map((s, i) => figureCell(fmt, declared[i], declared[i] ? undefined : s, declared[i]?.span ?? decls[0]?.span))], ...body];
  return ctx.make(header, rows);
}

/**
 * 与上年预算比较 (a unit with a 上年比较 block): one row per compared figure, as the 说明 states it — 本年预算数 as
 * written (else the tables' figure, computed), 上年预算数 as written (else implied by the change, else taken from
 * last year's file when the caller resolved it: computed, with where from), 增减额
 * as written (else computed) and 增减率 as written (else computed exactly, rounded at two decimals). In the
 * block's money unit. Added after the tables of any layout.
 */
export function tableComparison(ctx: BuildContext) {
  const { f } = ctx;
  const cmp = f.unit.comparison!;
  const fmt: CellFormat = { ...ctx.fmt, unit: cmp.moneyUnit };
  const header: HeaderCell[][] = [[{ text: '项目' }, { text: '本年预算数' }, { text: '上年预算数' }, { text: '增减额' }, { text: '增减率' }]];
  const rows = cmp.lines.map((line) => {
    let r = comparisonFigures(f, line);
    // 上年 neither written nor implied: last year's file's figure, when the caller took it (references.ts).
    const taken = r.previous === undefined ? ctx.taken?.find((x) => x.line === line) : undefined;
    if (taken) {
      const p = taken.value;
      r = { ...r, previous: p, change: r.current !== undefined ? r.current - p : undefined, rate: r.current !== undefined ? exactRate(r.current, p) : undefined };
    }
    const from = taken ? { source: `取自上年预算文件 ${taken.display} · taken from last year’s budget` } : {};
    const name = lineName(line);
    const changeSpan = line.change ? line.change.amount?.span ?? line.change.labelSpan : undefined;
    const c = line.change;
    const writtenChange: Amount | undefined = c?.amount
      ? { ...c.amount, value: c.style === 'down' ? -c.amount.value : c.amount.value }
      : c?.style === 'flat' ? { value: 0n, span: c.labelSpan, decimals: 0, text: '0', unit: cmp.moneyUnit } : undefined;
    const rateText = line.rate
      ? `${line.rate.style === 'down' && !line.rate.value.text.startsWith('-') ? '-' : ''}${line.rate.value.text}%`
      : r.rate ? formatRate(r.rate, 2) : '';
    return [
      txt(name.zh, { span: line.keySpan }),
      // A 说明 states its figures rounded: a written figure agrees within half a unit of its last digit.
      figureCell(fmt, line.current, r.computed.value, line.current?.span ?? r.computed.at ?? line.keySpan, amountAgrees),
      { ...figureCell(fmt, line.previous, r.previous, line.previous?.span ?? changeSpan ?? line.keySpan, amountAgrees), ...from },
      figureCell(fmt, writtenChange, r.change, changeSpan ?? line.keySpan, amountAgrees),
      txt(rateText, { span: line.rate?.value.span ?? line.keySpan, computed: !line.rate && !!r.rate ? true : undefined }),
    ];
  });
  return ctx.make(header, rows, { moneyUnit: cmp.moneyUnit });
}

/** The table after every layout's own: 与上年预算比较, for a unit with a 上年比较 block. */
export const COMPARISON_SPEC: TableSpec = {
  id: '比较', title: { zh: '与上年预算比较', en: 'Comparison with the previous year’s budget' }, unit: 'document', build: tableComparison,
};

// ── the layout ────────────────────────────────────────────────────────────────────────────────────────

const one = (build: (ctx: BuildContext) => TableCell[][], header: HeaderCell[][], columns: string[]) => (ctx: BuildContext) => ctx.make(header, build(ctx), { columns });

const SIDE_HEADER: HeaderCell[][] = [
  [{ text: '收入', colSpan: 2 }, { text: '支出', colSpan: 2 }],
  [{ text: '项目' }, { text: '预算数' }, { text: '项目' }, { text: '预算数' }],
];

const spec = (id: string, zh: string, en: string, build: TableSpec['build'], extra: Partial<TableSpec> = {}): TableSpec => ({
  id, title: { zh, en }, unit: 'document', build, ...extra,
});

/** The note under a list table the document states empty (`债务支出 无`): `{主体}` and `{年}` filled in when built. */
const emptyNote = (what: string): string => `注：本{主体}{年}无${what}，故本表为空表。`;

export const REFERENCE_LAYOUT: Layout = {
  id: '辽宁',
  name: { zh: '辽宁（参考表式，18 张表）', en: 'Liaoning (the reference layout, 18 tables)' },
  description: {
    zh: '预算批复表的 18 张表（如抚顺市 2025 年单位预算批复表），按文件的金额单位，合计行在前，零值不显示。',
    en: 'The 18 tables of a 预算批复表 (as the 2025 approval of a Fushun unit), in the document’s money unit, 合计 first, zeros blank.',
  },
  style: REFERENCE_STYLE,
  govEconomic: true,
  totalRow: 'first',
  // The publication opens with its title (“2025年…单位预算批复表”), then one table after the other.
  workbook: [{ name: '封面', heading: '{年}{名称}{主体}预算批复表', at: 'before', fill: 'cover' }],
  documentTitle: '{年}{名称}{主体}预算批复表',
  unitLine: (name, unit) => ({ left: `单位名称：${name}`, right: `单位：${unit}` }),
  tables: [
    spec('表1', '收支预算总表', 'Summary of revenue and expenditure', one(table1, SIDE_HEADER, ['收入项目', '收入预算数', '支出项目', '支出预算数']), { requires: { kind: 'section', section: 'income' } }),
    // The by-unit summary (as the reference publication), and for each unit with a 收入科目 block the by-function
    // layout instead (its units need no by-unit summary when all of them have one).
    spec('表2', '收入预算总表', 'Revenue budget summary', (ctx) => [
      ...(ctx.figs.some((f) => !f.unit.incomeFunc) ? [ctx.make(TABLE2_HEADER, table2(ctx, ctx.figs), { unitName: ctx.allName })] : []),
      ...ctx.all.filter((f) => f.unit.incomeFunc).map((f) => table2ByFunction(ctx, f)),
    ], { scope: 'all' }),
    spec('表3', '支出预算总表', 'Expenditure budget summary', table3, { requires: { kind: 'section', section: 'func' } }),
    spec('表4', '财政拨款收支预算总表', 'Fiscal appropriations: revenue and expenditure', table4),
    spec('表5', '一般公共预算支出表', 'General public budget expenditure', table5),
    spec('表6', '一般公共预算基本支出表', 'General public budget basic expenditure (economic classification)', table6, { requires: { kind: 'section', section: 'econ' } }),
    spec('表7', '财政拨款预算“三公”经费支出表', '“Three public expenses” funded by fiscal appropriations', table7, { requires: { kind: 'section', section: 'sangong' } }),
    spec('表8', '政府性基金预算支出表', 'Government fund budget expenditure', table8, {
      note: '备注：如此表为空表，则表示部门无政府性基金预算安排的支出。', requires: { kind: 'sourceOrEmpty', source: '政府性基金预算', list: 'fundExp' },
    }),
    spec('表9', '项目支出预算表', 'Project expenditure budget', table9, { scope: 'all' }),
    spec('表10', '支出功能分类预算表', 'Expenditure by function classification', table10),
    spec('表11', '支出经济分类预算表（政府预算）', 'Expenditure by economic classification (government)', table11),
    spec('表12', '支出经济分类预算表（部门预算）', 'Expenditure by economic classification (department)', table12),
    spec('表13', '债务支出预算表', 'Debt expenditure budget', (ctx) => listTable(ctx, 'debt'), { scope: 'all', requires: { kind: 'list', list: 'debt' }, emptyNote: emptyNote('债务支出预算') }),
    spec('表14', '政府采购支出预算表', 'Government procurement budget', (ctx) => listTable(ctx, 'procurement'), { scope: 'all', requires: { kind: 'list', list: 'procurement' }, emptyNote: emptyNote('政府采购支出预算') }),
    spec('表15', '政府购买服务支出预算表', 'Government-purchased services budget', (ctx) => listTable(ctx, 'services'), { scope: 'all', requires: { kind: 'list', list: 'services' }, emptyNote: emptyNote('政府购买服务支出预算') }),
    spec('表16', '部门（单位）整体绩效目标表', 'Overall performance targets of the unit', table16, { requires: { kind: 'section', section: 'overall' } }),
    spec('表17', '部门预算项目（政策）绩效目标表', 'Project (policy) performance targets', table17),
    spec('表18', '部门管理专项资金预算表', 'Special funds managed by the department', table18, { requires: { kind: 'list', list: 'special' }, emptyNote: emptyNote('部门管理专项资金预算') }),
  ],
};

export { KIND_COLS };
export type { Cells };
