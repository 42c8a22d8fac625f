/**
 * A new budget: the skeleton of a complete `.budget` file for a unit, a year, a money unit, a unit kind and a
 * layout (表式). It has every block a budget of that layout publishes — 收入, 支出, 经济分类, 三公 with 机关运行经费,
 * one 项目 with its 功能科目, 金额, 经济分类 and 绩效指标 levels, 整体绩效 where the layout prints 表16, and the
 * tables the layout asks for stated empty (`政府性基金支出 无` …), so that they carry their note — each with a
 * comment (Chinese and English) saying what goes where.
 *
 * The skeleton is a list of pieces: literal text and fields (tab stops). The same pieces give the plain text (the
 * command line's `budget new`), a snippet with tab stops (the editor's New Budget File command), and, filled by
 * key, a complete budget (the tests fill every amount consistently and check the result).
 *
 * Which tables a layout requires comes from the layout's own data (`TableSpec.requires`), so a new layout's
 * skeleton follows it. No LSP, no VS Code here.
 */
import type { ListTable } from '../keywords';
import { LIST_TABLE_NAMES } from '../keywords';
import { documentTitle } from '../handout';
import { LAYOUTS } from '../layouts/index';
import type { LayoutId, Requirement } from '../layouts/types';
import type { MoneyUnit } from '../money';

export type UnitKind = '行政单位' | '事业单位' | '参公事业单位';
export const UNIT_KIND_CHOICES: UnitKind[] = ['行政单位', '事业单位', '参公事业单位'];
export const LAYOUT_CHOICES: LayoutId[] = ['辽宁', '上海单位', '上海部门'];

export interface SkeletonOptions {
  /** The unit's name (单位). */
  unit: string;
  /** The fiscal year (年度). */
  year: number;
  moneyUnit: MoneyUnit;
  kind: UnitKind;
  layout: LayoutId;
  /** The unit code (编码); a field to fill when absent. */
  code?: string;
  /** The supervising department (主管部门); the unit itself for a department budget (上海部门). */
  supervisor?: string;
}

/** A field of the skeleton: a tab stop in the snippet, its default in the text. */
export interface Field {
  /** Tab stop number (1 …); fields with the same number are mirrored. */
  stop: number;
  /** What the field holds, stable for tools and tests: `amount:支出:2130101:人员`, `name:项目` … */
  key: string;
  /** The default text. */
  value: string;
  /** A choice of values (the snippet offers them as a list). */
  choices?: string[];
}

export type Piece = string | Field;

export interface Skeleton {
  pieces: Piece[];
  /** A file name for it: `2026年某县农业农村局.budget`. */
  fileName: string;
  /** The document's title: `2026年某县农业农村局部门预算`. */
  title: string;
}

/** The keys of amount fields start with this; the rest names the line (`amount:经济分类:30101:人员`). */
export const AMOUNT_KEY = 'amount:';

/** Builds a skeleton piece by piece: lines at an indentation, fields numbered in order. */
class Writer {
  readonly pieces: Piece[] = [];
  private next = 1;
  constructor(readonly zero: string) {}

  /** A line: its parts (text or fields) at `depth` levels of two spaces, and an end-of-line comment. */
  line(depth: number, parts: Piece[] = [], comment?: string): void {
    if (parts.length || comment) this.pieces.push('  '.repeat(depth));
    parts.forEach((p, i) => {
      if (i) this.pieces.push(' ');
      this.pieces.push(p);
    });
    if (comment) this.pieces.push(`${parts.length ? '  ' : ''}# ${comment}`);
    this.pieces.push('\n');
  }

  /** A comment line (or lines), bilingual by convention: `中文 · English`. */
  comment(depth: number, ...lines: string[]): void {
    for (const l of lines) this.line(depth, [], l);
  }

  field(key: string, value: string, choices?: string[]): Field {
    return { stop: this.next++, key, value, ...(choices ? { choices } : {}) };
  }

  amount(key: string): Field {
    return this.field(AMOUNT_KEY + key, this.zero);
  }
}

/** The function codes a unit of each kind usually spends on, its basic expenditure: code, name, columns. */
function funcRows(kind: UnitKind): Array<[string, string, Array<'人员' | '公用'>]> {
  const admin = kind !== '事业单位';
  return [
    ['213', '农林水支出', []],
    ['21301', '农业农村', []],
    admin ? ['2130101', '行政运行', ['人员', '公用']] : ['2130104', '事业运行', ['人员', '公用']],
    ['208', '社会保障和就业支出', []],
    ['20805', '行政事业单位养老支出', []],
    ['2080505', '机关事业单位基本养老保险缴费支出', ['人员']],
    ['210', '卫生健康支出', []],
    ['21011', '行政事业单位医疗', []],
    admin ? ['2101101', '行政单位医疗', ['人员']] : ['2101102', '事业单位医疗', ['人员']],
    ['221', '住房保障支出', []],
    ['22102', '住房改革支出', []],
    ['2210201', '住房公积金', ['人员']],
  ];
}

/** Department economic codes of the basic expenditure: code, name, column (none for a 类). */
const ECON_ROWS: Array<[string, string, '人员' | '公用' | undefined]> = [
  ['301', '工资福利支出', undefined],
  ['30101', '基本工资', '人员'],
  ['30108', '机关事业单位基本养老保险缴费', '人员'],
  ['30110', '职工基本医疗保险缴费', '人员'],
  ['30113', '住房公积金', '人员'],
  ['302', '商品和服务支出', undefined],
  ['30201', '办公费', '公用'],
  ['30217', '公务接待费', '公用'],
  ['30231', '公务用车运行维护费', '公用'],
];

/** The 三公 lines and 机关运行经费, as the table prints them (the sums 合计, 购置及运行费 are computed). */
export const SANGONG_LINES = ['因公出国（境）费', '公务用车购置费', '公务用车运行费', '公务接待费', '机关运行经费'];

/** The statement of a list table stated empty, and the comment saying what it is. */
const LIST_WORDS: Record<ListTable, string> = {
  fundExp: '政府性基金支出', debt: '债务支出', procurement: '政府采购', services: '政府购买服务', special: '专项资金', capitalExp: '国有资本经营预算支出',
};

type Part = 'income' | 'func' | 'econ' | 'sangong' | 'project' | 'overall';

/** The tables of each layout a part of the file fills, for the comments (`（表1、表2、表4）`). */
const TABLES_OF: Record<LayoutId, Record<Part, string>> = {
  辽宁: { income: '表1、表2、表4', func: '表3、表5、表10', econ: '表6、表12', sangong: '表7', project: '表9、表17', overall: '表16' },
  上海单位: { income: '表1、表4', func: '表2、表3、表5', econ: '表8', sangong: '表9', project: '表3 项目支出', overall: '' },
  上海部门: { income: '表1、表4', func: '表2、表3、表5', econ: '表8', sangong: '表9', project: '项目经费情况说明', overall: '' },
};

/** What a document's title calls it: `{年}{名称}{主体}预算` (Shanghai) or `…预算批复表` (the reference layout). */
export function skeletonTitle(o: SkeletonOptions): string {
  const layout = LAYOUTS[o.layout];
  const subject = layout.subject ?? (o.supervisor === o.unit ? '部门' : '单位');
  return documentTitle(layout, o.year, o.unit, subject);
}

/** The skeleton of a new budget (see the module comment). */
export function budgetSkeleton(o: SkeletonOptions): Skeleton {
  const layout = LAYOUTS[o.layout];
  const w = new Writer(o.moneyUnit === '元' ? '0' : '0.00');
  const reqs = layout.tables.map((s) => s.requires).filter((r): r is Requirement => !!r);
  const needs = (section: string): boolean => reqs.some((r) => r.kind === 'section' && r.section === section);
  const emptyLists = [...new Set(reqs.flatMap((r) => (r.kind === 'list' || r.kind === 'sourceOrEmpty' ? [r.list] : [])))];
  // A Shanghai department budget is the department's own: its 主管部门 is itself (layouts/index.ts, layoutOf).
  const supervisor = o.supervisor ?? (o.layout === '上海部门' ? o.unit : undefined);
  const title = skeletonTitle({ ...o, supervisor: supervisor ?? o.unit });
  const y = String(o.year);
  const where = (part: Part): string => (TABLES_OF[o.layout][part] ? `（${TABLES_OF[o.layout][part]}）` : '');
  const whereEn = (part: Part): string => (TABLES_OF[o.layout][part] ? ` (${TABLES_OF[o.layout][part].replace(/、/g, ', ')})` : '');

  w.comment(0,
    title,
    `新建的预算文件：金额处的 ${w.zero} 是占位，请按批复数填写；合计、上级科目、各表由工具计算并核对。`,
    `A new budget file: each ${w.zero} holds the place of an amount — write the approved figures; totals, parent codes`,
    'and the published tables are computed and checked. 语言参考 · reference: docs/language.md',
  );
  w.line(0);
  w.line(0, ['单位', o.unit, '{']);
  w.line(1, ['编码', o.code ?? w.field('code:单位', '000000')], '单位编码（表16）· unit code');
  w.line(1, ['年度', y], '预算年度，也选定科目目录的版本 · fiscal year, also the catalog edition');
  w.line(1, ['金额单位', o.moneyUnit], '全文件的金额单位 · money unit of the whole file');
  w.line(1, ['性质', o.kind], '决定部门经济分类到政府经济分类的对照 · chooses the economic correspondence');
  w.line(1, ['主管部门', supervisor ?? w.field('name:主管部门', o.unit)], '主管部门（表17）· supervising department');
  w.line(1, ['表式', o.layout], `公开表的格式：${layout.name.zh} · layout of the published tables: ${layout.name.en}`);

  w.line(0);
  w.comment(1, `收入${where('income')}：各资金来源的本年收入；本年收入合计、收入总计由工具计算`,
    `Income${whereEn('income')}: this year's income by source; 本年收入合计 and 收入总计 are computed`);
  w.line(1, ['收入', '{']);
  w.line(2, ['一般公共预算', w.amount('收入:一般公共预算')]);
  w.line(2, ['政府性基金预算'], '空单元格：没有就不写金额 · an empty cell: no amount when there is none');
  w.line(1, ['}']);

  w.line(0);
  w.comment(1, `支出功能分类${where('func')}：基本支出写在末级科目上（人员经费、公用经费），项目支出来自下方项目的“功能科目”；`,
    '换成本单位的科目（补全会列出目录）· Expenditure by function: basic spending on the leaf codes (人员, 公用),',
    'project spending from the projects\' 功能科目 below; use your unit\'s codes (completion lists the catalog)');
  w.line(1, ['支出', '{']);
  for (const [code, name, cols] of funcRows(o.kind)) {
    w.line(2, [code, name, ...cols.flatMap((c) => [c, w.amount(`支出:${code}:${c}`)])]);
  }
  w.line(1, ['}']);

  w.line(0);
  w.comment(1, `部门经济分类${where('econ')}：基本支出按经济分类，人员经费、公用经费之和须等于支出表的；项目的经济分类写在项目中`,
    `Department economic classification${whereEn('econ')}: basic spending by economic code, its 人员 and 公用 equal to`,
    'those of 支出; a project\'s economic lines are written in the project');
  w.line(1, ['经济分类', '{']);
  for (const [code, name, col] of ECON_ROWS) w.line(2, [code, name, ...(col ? [col, w.amount(`经济分类:${code}:${col}`)] : [])]);
  w.line(1, ['}']);

  if (needs('sangong')) {
    w.line(0);
    w.comment(1, `“三公”经费与机关运行经费${where('sangong')}：各项不超过经济分类中的对应科目（公务接待费 ≤ 30217，公务用车运行费 ≤ 30231）`,
      '三公 and agency operating funds: each within its economic line (公务接待费 ≤ 30217, 公务用车运行费 ≤ 30231)');
    w.line(1, ['三公', '{']);
    // Shanghai publishes its 三公 table in 万元 whatever the document's unit.
    const own = layout.tables.find((s) => s.requires?.kind === 'section' && s.requires.section === 'sangong')?.unit;
    const sangongUnit = own && own !== 'document' && own !== o.moneyUnit ? own : undefined;
    if (sangongUnit) w.line(2, ['金额单位', sangongUnit], `本表按${sangongUnit}公布 · this table is published in ${sangongUnit}`);
    for (const item of SANGONG_LINES) {
      const f = w.amount(`三公:${item}`);
      if (sangongUnit) f.value = '0.00';
      w.line(2, [item, f]);
    }
    w.line(1, ['}']);
  }

  if (emptyLists.length) {
    w.line(0);
    w.comment(1, '没有数据的表写明“无”，表下注明“本单位无…，故本表为空表”；有数据时改为块，如 政府采购 { 办公设备采购 12.00 }',
      'Tables without data are stated empty (无) and carry their note; with data, write a block of rows instead');
    for (const l of emptyLists) w.line(1, [LIST_WORDS[l], '无'], `${LIST_TABLE_NAMES[l].zh} · ${LIST_TABLE_NAMES[l].en}`);
  }

  w.line(0);
  w.comment(1, `项目${where('project')}：每个项目一块；金额按功能科目计入支出表的项目支出，经济分类之和须等于金额`,
    `A project${whereEn('project')}: one block each; its amount is the 项目 spending of its function code, its economic lines sum to it`);
  const project = w.field('name:项目', '项目名称');
  w.line(1, ['项目', project, '{']);
  w.line(2, ['内容', w.field('text:项目:内容', '项目的依据与主要内容')], '整行为文字 · the rest of the line is text');
  w.line(2, ['功能科目', w.field('code:项目:功能科目', o.kind === '事业单位' ? '2130199' : '2130102')], '功能分类科目（项级）· function code');
  w.line(2, ['金额', w.amount('项目:金额')], '本年预算资金 · this year\'s amount');
  w.line(2, ['实施单位', o.unit]);
  w.line(2, ['总体目标', w.field('text:项目:总体目标', '年度总体目标')]);
  w.line(2, ['经济分类', '{']);
  w.line(3, ['30227', '委托业务费', w.amount('项目:经济分类:30227')]);
  w.line(2, ['}']);
  indicators(w, 2, y, [
    ['产出指标', [['数量指标', '完成任务数', '>=', '1', '项'], ['质量指标', '验收合格率', '>=', '95', '%'], ['时效指标', '按时完成率', '=', '100', '%'], ['成本指标', '成本控制率', '<=', '100', '%']]],
    ['效益指标', [['社会效益指标', '服务对象覆盖率', '>=', '90', '%']]],
    ['满意度指标', [['服务对象满意度指标', '服务对象满意度', '>=', '90', '%']]],
  ]);
  w.line(1, ['}']);

  if (needs('overall')) {
    w.line(0);
    w.comment(1, `整体绩效${where('overall')}：年度主要任务及其资金（合计等于基本支出或支出合计）、年度目标、整体绩效指标`,
      `Overall performance${whereEn('overall')}: the year's tasks and their funds (summing to the basic or the total expenditure), goal, indicators`);
    w.line(1, ['整体绩效', '{']);
    w.line(2, ['任务', '基本支出人员经费', w.amount('整体绩效:基本支出人员经费')]);
    w.line(2, ['任务', '基本支出公用经费', w.amount('整体绩效:基本支出公用经费')]);
    w.line(2, ['任务', project, w.amount('整体绩效:项目')]);
    w.line(2, ['年度目标', w.field('text:整体绩效:年度目标', '年度绩效目标')]);
    indicators(w, 2, y, [
      ['履职效能', [['重点工作履行情况', '重点工作办结率', '=', '100', '%']]],
      ['预算执行', [['预算执行效率', '预算执行率', '>=', '95', '%']]],
      ['社会效应', [['社会公众满意度', '社会公众满意度', '>=', '90', '%']]],
    ]);
    w.line(1, ['}']);
  }
  w.line(0, ['}']);
  return { pieces: w.pieces, fileName: `${y}年${o.unit}.budget`, title };
}

type IndicatorSpec = [level2: string, name: string, op: string, value: string, unit: string];

/** An 指标 block: the deadline, then 一级/二级 levels with one indicator line each. */
function indicators(w: Writer, depth: number, year: string, levels: Array<[string, IndicatorSpec[]]>): void {
  w.line(depth, ['指标', '{'], '一级、二级指标下写三级指标：名称 运算符 指标值 度量单位 · name operator value unit');
  w.line(depth + 1, ['时限', `${year}-12`], '完成时限（各行默认）· the lines\' deadline');
  for (const [l1, lines] of levels) {
    w.line(depth + 1, ['一级', l1]);
    for (const [l2, name, op, value, unit] of lines) {
      w.line(depth + 1, ['二级', l2]);
      w.line(depth + 1, [w.field(`indicator:${l2}:名称`, name), w.field(`indicator:${l2}:运算符`, op, ['>=', '=', '<=', '>', '<']), w.field(`indicator:${l2}:值`, value), unit]);
    }
  }
  w.line(depth, ['}']);
}

/** The skeleton as plain text: each field's default, or its value in `fill` (by key). */
export function skeletonText(s: Skeleton, fill: Record<string, string> = {}): string {
  return s.pieces.map((p) => (typeof p === 'string' ? p : fill[p.key] ?? p.value)).join('');
}

/** Text escaped for a snippet (`$`, `}` and `\` are the snippet syntax's). */
function snippetEscape(s: string, inChoice = false): string {
  return s.replace(inChoice ? /[$}\\,|]/g : /[$}\\]/g, (c) => '\\' + c);
}

/** The skeleton as a snippet (VS Code / LSP syntax): fields as tab stops, choices as lists, the cursor at the end. */
export function skeletonSnippet(s: Skeleton): string {
  const seen = new Set<number>();
  const body = s.pieces.map((p) => {
    if (typeof p === 'string') return snippetEscape(p);
    if (seen.has(p.stop)) return `$${p.stop}`;
    seen.add(p.stop);
    if (p.choices) return `\${${p.stop}|${[p.value, ...p.choices.filter((c) => c !== p.value)].map((c) => snippetEscape(c, true)).join(',')}|}`;
    return `\${${p.stop}:${snippetEscape(p.value)}}`;
  });
  return body.join('') + '$0';
}

/**
 * The skeleton an empty file's completion offers: a 辽宁 行政单位 budget in 万元 of `year`, whose unit name is its
 * first tab stop (every place the name is written mirrors it); the other fields follow.
 */
export function nameFieldSkeleton(year: number, o: Partial<SkeletonOptions> = {}): Skeleton {
  const name = '单位名称';
  const s = budgetSkeleton({ unit: name, year, moneyUnit: '万元', kind: '行政单位', layout: '辽宁', ...o });
  const field: Field = { stop: 1, key: 'name:单位', value: name };
  const pieces: Piece[] = s.pieces.flatMap((p): Piece[] => {
    if (typeof p !== 'string') return [{ ...p, stop: p.stop + 1 }];
    return p.split(name).flatMap((part, i) => (i ? [field, part] : [part]));
  });
  return { ...s, pieces };
}

/** The fields of a skeleton, in order (each once). */
export function skeletonFields(s: Skeleton): Field[] {
  const seen = new Set<number>();
  return s.pieces.filter((p): p is Field => typeof p !== 'string' && !seen.has(p.stop) && !!seen.add(p.stop));
}
