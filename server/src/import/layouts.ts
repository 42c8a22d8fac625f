/**
 * How the importer reads the tables of each layout (表式). The layouts themselves — which tables a layout has,
 * their numbers, titles and money units — are the core's (server/src/core/layouts/): the importer takes every
 * table spec from there and adds, keyed by the spec's id, only what reading needs: the kind of table, its amount
 * columns (by the words of their headers, each with the core table's column that shows the same figure) and
 * where its figures go in the language. A test holds the two together (every key is a spec of its layout, every
 * column path one of the core table's header paths).
 *
 * A table is `primary` when its figures are written as statements (so `check` verifies them), `derived`
 * when the language derives the same figures from other statements (表5 from 支出, the per-source tables of
 * the reference layout): its figures are compared with the same table of the layout as the core builds it from
 * the statements written, and only a figure that differs is written, as printed, in an `印出` block.
 */
import type { ListTable } from '../core/keywords';
import { COMPARISON_SPEC, LAYOUTS, LAYOUT_WORDS, tableTitle, type LayoutId, type TableSpec } from '../core/layouts';
import type { MoneyUnit } from '../core/money';

export type { LayoutId };

/** A layout as the user names it (`--layout`): a core layout id or another spelling of `表式`; 上海 leaves unit or department to the titles. */
export type LayoutRequest = LayoutId | '上海';

export function layoutWord(s: string): LayoutRequest | undefined {
  return LAYOUT_WORDS[s];
}

/** The layout's name, as the core gives it (for the summary). */
export function layoutName(id: LayoutId): { zh: string; en: string } {
  return LAYOUTS[id].name;
}

export type TableKind =
  /** 收支总表: income items on the left, expenditure on the right (表1, 表4). */
  | 'pairs'
  /** Income by unit and source (辽宁 表2): its 合计 row gives the 收入 lines. */
  | 'incomeByUnit'
  /** Income by function code and source (上海 表2 收入预算总表) → 收入科目. */
  | 'incomeFunc'
  /** Expenditure by function code → 支出. */
  | 'func'
  /** Department economic classification → 经济分类. */
  | 'econ'
  /** Government economic classification → 政府经济分类. */
  | 'gov'
  /** 三公 and 机关运行经费: one row of figures → 三公. */
  | 'sangong'
  /** A table stated empty or as rows (政府性基金, 债务, 政府采购 …) → the list table statements. */
  | 'list'
  /** The project list (辽宁 表9) → 项目 blocks. */
  | 'projects'
  /** The unit's overall performance targets (辽宁 表16) → 整体绩效. */
  | 'overall'
  /** A project's performance form (辽宁 表17, 上海 绩效目标表) → a 项目 block's attributes and 指标. */
  | 'projectForm'
  /** The comparison table rendered by `budget render` (与上年预算比较) → 上年比较. */
  | 'comparison';

/**
 * An amount column: `key` names its meaning for the statements (a column of 支出/经济分类: total, basic,
 * personnel, public, project; an income column: an income item, `上年结转:<item>` for carried-over money),
 * `words` the header words that name it (for finding its position), `derived` the column of the core's table of
 * the layout that shows the same figure (its header path, e.g. '本年收入/一般公共预算'), for verification.
 */
export interface ColumnDef {
  key: string;
  words: string[];
  derived?: string;
  /** A column that is rarely filled: among several readings of flattened text, the one leaving it empty wins. */
  rare?: boolean;
  /**
   * A column only some printings of the table have (机关运行经费 in the reference layout's 表7, printed where the
   * document writes it): read only when the table's header names it, and then written back as a line.
   */
  optional?: boolean;
}

/** What the importer adds to a core table spec: how to read the table. */
export interface ReadSpec {
  kind: TableKind;
  role: 'primary' | 'derived';
  columns?: ColumnDef[];
  /** Column identities (parent = sum of children) for telling columns apart in flattened text. */
  identities?: Array<[string, string[]]>;
  /** For list tables: the statement's table word. */
  list?: ListTable;
  /** For function tables of one fund (政府性基金, 国有资本经营): the list statement used when the table is empty. */
  emptyAs?: ListTable;
  /** Titles the table is also printed under (year, numbering and spaces aside), beside the core spec's. */
  alsoTitled?: string[];
  /**
   * Laid out, the amount columns are the header's own, named by their header paths (a table whose columns follow
   * what the document states); `columns` then serve flattened text only.
   */
  columnOf?: (path: string[]) => string | undefined;
  /** Another reading of the same table, for a document that prints it by function code (辽宁 表2 of a unit with 收入科目). */
  byFunction?: ReadSpec;
  /**
   * The spending of one funding source by kind (表5 一般公共预算, 表8/上海表6 政府性基金, 上海表7 国有资本经营), or
   * `columns` for a table with a column per source (表10): what splits a code's 支出 row by 来源 (sources.ts).
   */
  source?: string | 'columns';
}

/** A table of a layout as the importer recognises it: the core spec's id, title and unit, and how to read it. */
export interface TableDef extends ReadSpec {
  layout: LayoutId;
  /** The table's number in its layout ('表1' …), the core spec's id. */
  id: string;
  /** The printed title without year, numbering or spaces (the core spec's title). */
  title: string;
  /** The money unit the layout publishes the table in ('document': the document's own). */
  unit: MoneyUnit | 'document';
  /** The core spec (absent for the printed forms the core does not build: the Shanghai unit's project forms). */
  spec?: TableSpec;
}

const KIND5: ColumnDef[] = [
  { key: 'total', words: ['合计'], derived: '合计' },
  { key: 'basic', words: ['小计', '基本支出'], derived: '基本支出/小计' },
  { key: 'personnel', words: ['人员经费'], derived: '基本支出/人员经费' },
  { key: 'public', words: ['公用经费'], derived: '基本支出/公用经费' },
  { key: 'project', words: ['项目支出'], derived: '项目支出' },
];
const KIND_IDENTITIES: Array<[string, string[]]> = [['total', ['basic', 'project']], ['basic', ['personnel', 'public']]];

/** The by-source columns of the reference layout's 表2, 表9, 表10–表15 (总计, 本年收入 …, 上年结转结余 …). */
function sourceColumns(prefix: string[] = []): ColumnDef[] {
  const cur = (s: string, words: string[]): ColumnDef => ({ key: s, words, derived: `本年收入/${s === '本年收入合计' ? '合计' : s}` });
  const car = (s: string, words: string[]): ColumnDef => ({ key: `上年结转:${s}`, words, derived: `上年结转结余/${s === '上年结转结余' ? '合计' : s}` });
  return [
    ...prefix.map((p) => ({ key: p, words: [p] })),
    { key: '收入总计', words: ['总计'], derived: '总计' },
    cur('本年收入合计', ['合计']), cur('一般公共预算', ['一般公共预算']), cur('政府性基金预算', ['政府性基金预算']),
    cur('国有资本经营预算', ['国有资本经营预算']), cur('财政专户管理资金', ['财政专户管理资金']), cur('单位资金', ['单位资金']),
    car('上年结转结余', ['合计']), car('一般公共预算', ['一般公共预算']), car('政府性基金预算', ['政府性基金预算']),
    car('国有资本经营预算', ['国有资本经营预算']), car('财政专户管理资金', ['财政专户管理资金']), car('单位资金', ['单位资金']),
  ];
}
const SOURCE_IDENTITIES: Array<[string, string[]]> = [
  ['收入总计', ['本年收入合计', '上年结转:上年结转结余']],
  ['本年收入合计', ['一般公共预算', '政府性基金预算', '国有资本经营预算', '财政专户管理资金', '单位资金']],
  ['上年结转:上年结转结余', ['上年结转:一般公共预算', '上年结转:政府性基金预算', '上年结转:国有资本经营预算', '上年结转:财政专户管理资金', '上年结转:单位资金']],
];

/** 辽宁 表2's columns: the 单位资金 of this year is split into its five sources. */
const INCOME_BY_UNIT: ColumnDef[] = [
  { key: '收入总计', words: ['总计'], derived: '总计' },
  { key: '本年收入合计', words: ['合计'], derived: '本年收入/合计' },
  ...['一般公共预算', '政府性基金预算', '国有资本经营预算', '财政专户管理资金'].map((s) => ({ key: s, words: [s], derived: `本年收入/${s}` })),
  { key: '单位资金', words: ['小计'], derived: '本年收入/单位资金/小计' },
  ...['事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入'].map((s) => ({ key: s, words: [s], derived: `本年收入/单位资金/${s}` })),
  { key: '上年结转:上年结转结余', words: ['合计'], derived: '上年结转结余/合计' },
  ...['一般公共预算', '政府性基金预算', '国有资本经营预算', '财政专户管理资金', '单位资金'].map((s) => ({ key: `上年结转:${s}`, words: [s], derived: `上年结转结余/${s}` })),
];
const INCOME_BY_UNIT_IDENTITIES: Array<[string, string[]]> = [
  ['收入总计', ['本年收入合计', '上年结转:上年结转结余']],
  ['本年收入合计', ['一般公共预算', '政府性基金预算', '国有资本经营预算', '财政专户管理资金', '单位资金']],
  ['单位资金', ['事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入']],
  SOURCE_IDENTITIES[2],
];

const SH_KIND3: ColumnDef[] = [
  { key: 'total', words: ['合计'], derived: '支出预算/合计' },
  { key: 'basic', words: ['基本支出'], derived: '支出预算/基本支出' },
  { key: 'project', words: ['项目支出'], derived: '支出预算/项目支出' },
];
const SH_ECON: ColumnDef[] = [
  { key: 'basic', words: ['合计'] },
  { key: 'personnel', words: ['人员经费'] },
  { key: 'public', words: ['公用经费'] },
];
const SH_INCOME_FUNC: ColumnDef[] = [
  { key: '收入总计', words: ['合计'] },
  { key: '财政拨款', words: ['财政拨款收入'] },
  { key: '事业收入', words: ['事业收入'] },
  { key: '事业单位经营收入', words: ['事业单位经营收入', '事业单位'] },
  { key: '其他收入', words: ['其他收入'] },
];
const SANGONG: ColumnDef[] = [
  { key: 'total', words: ['合计'] },
  // Rarely filled: a district's 因公出国（境）费 is budgeted by its 外办 (“由区外办统一编报预算”), a vehicle purchase
  // is rarer than its running costs — among several readings of flattened text, the one leaving them empty wins.
  { key: 'abroad', words: ['因公出国(境)费', '因公出国（境）费'], rare: true },
  { key: 'reception', words: ['公务接待费'] },
  { key: 'vehicle', words: ['小计'] },
  { key: 'vehiclePurchase', words: ['购置费', '公务用车购置费'], rare: true },
  { key: 'vehicleRun', words: ['运行费', '公务用车运行费'] },
  { key: 'opsFunds', words: ['机关运行经费预算数', '机关运行经费'] },
];
/**
 * 辽宁 表7 prints its columns in another order, and 机关运行经费 only as a last column where the document writes it
 * (the published 表7 has none).
 */
const SANGONG_LN: ColumnDef[] = [
  { key: 'total', words: ['“三公”经费合计', '合计'] },
  { key: 'abroad', words: ['因公出国（境）费'] },
  { key: 'vehicle', words: ['小计'] },
  { key: 'vehiclePurchase', words: ['公务用车购置费'], rare: true },
  { key: 'vehicleRun', words: ['公务用车运行费'] },
  { key: 'reception', words: ['公务接待费'] },
  { key: 'opsFunds', words: ['机关运行经费'], optional: true },
];
const SANGONG_IDENTITIES: Array<[string, string[]]> = [['total', ['abroad', 'vehicle', 'reception']], ['vehicle', ['vehiclePurchase', 'vehicleRun']]];

/**
 * The 收入科目 column a header path of the by-function 收入预算总表 names: 合计, 本年收入合计, 财政拨款收入 (or its 小计)
 * and its sources, 单位资金 (or its 小计) and its sources, 上年结转 (or its 小计) and its sources, the other sources by name.
 */
function incomeFuncColumn(path: string[]): string | undefined {
  const leaf = path[path.length - 1];
  const group = path.length > 1 ? path[0] : undefined;
  if (/编码|名称/.test(leaf)) return undefined;
  const total = (g: string): string => (g === '财政拨款收入' ? '财政拨款' : g === '上年结转' ? '上年结转结余' : g);
  if (!group) return leaf === '合计' ? '收入总计' : total(leaf);
  if (leaf === '小计') return total(group);
  return group === '上年结转' ? `上年结转:${leaf}` : leaf;
}

/** The Shanghai tables (unit and department alike), by the core spec's id. */
function shanghaiRead(subject: '部门' | '单位'): Record<string, ReadSpec> {
  const fund = (group: string): ColumnDef[] => [
    { key: 'total', words: ['合计'], derived: `${group}/合计` },
    { key: 'basic', words: ['基本支出'], derived: `${group}/基本支出` },
    { key: 'project', words: ['项目支出'], derived: `${group}/项目支出` },
  ];
  const fiscal = (s: string): ColumnDef => ({ key: s, words: [s], derived: `财政拨款支出/${s}` });
  const read: Record<string, ReadSpec> = {
    // 表1's 支出 side of a unit: 合计, 基本支出 (人员经费, 公用经费), 项目支出 — printed in that order, 基本 as a header only.
    表1: {
      kind: 'pairs', role: 'primary',
      columns: [{ key: 'total', words: ['合计', '预算数'] }, { key: 'personnel', words: ['人员经费'] }, { key: 'public', words: ['公用经费'] }, { key: 'project', words: ['项目支出'] }, { key: 'basic', words: ['基本支出'] }],
      identities: [['total', ['personnel', 'public', 'project']]],
    },
    表2: { kind: 'incomeFunc', role: 'primary', columns: SH_INCOME_FUNC, identities: [['收入总计', ['财政拨款', '事业收入', '事业单位经营收入', '其他收入']]] },
    表3: { kind: 'func', role: 'primary', columns: SH_KIND3, identities: [KIND_IDENTITIES[0]] },
    表4: {
      kind: 'pairs', role: 'primary',
      // 国有资本经营预算 is rarely filled: a row of flattened text with two parts reads 一般公共预算 and 政府性基金预算.
      columns: [{ key: 'total', words: ['合计', '预算数'], derived: '财政拨款支出/合计' }, fiscal('一般公共预算'), fiscal('政府性基金预算'), { ...fiscal('国有资本经营预算'), rare: true }],
      identities: [['total', ['一般公共预算', '政府性基金预算', '国有资本经营预算']]],
    },
    表5: { kind: 'func', role: 'derived', source: '一般公共预算', columns: fund('一般公共预算支出'), identities: [KIND_IDENTITIES[0]] },
    表6: { kind: 'func', role: 'derived', source: '政府性基金预算', emptyAs: 'fundExp', columns: fund('政府性基金预算支出'), identities: [KIND_IDENTITIES[0]] },
    表7: { kind: 'func', role: 'derived', source: '国有资本经营预算', emptyAs: 'capitalExp', columns: fund('国有资本经营预算支出'), identities: [KIND_IDENTITIES[0]] },
    表8: { kind: 'econ', role: 'primary', columns: SH_ECON, identities: [['basic', ['personnel', 'public']]] },
    表9: { kind: 'sangong', role: 'primary', columns: SANGONG, identities: SANGONG_IDENTITIES },
    比较: COMPARISON_READ,
  };
  // 七、项目经费情况说明: the forms of the department's projects, printed under the form's own title.
  if (subject === '部门') read.项目说明 = { kind: 'projectForm', role: 'primary', alsoTitled: PROJECT_FORM_TITLES };
  return read;
}

/** The titles of a Shanghai project's performance form (财政项目支出绩效目标填报表 / 申报表). */
const PROJECT_FORM_TITLES = ['财政项目支出绩效目标填报表', '财政项目支出绩效目标申报表', '项目支出绩效目标表'];

/** 与上年预算比较: the table `budget render` adds after any layout's tables (core COMPARISON_SPEC). */
const COMPARISON_READ: ReadSpec = { kind: 'comparison', role: 'primary' };

const LIAONING_READ: Record<string, ReadSpec> = {
  表1: { kind: 'pairs', role: 'primary', columns: [{ key: 'total', words: ['预算数'] }] },
  表2: {
    kind: 'incomeByUnit', role: 'primary', columns: INCOME_BY_UNIT, identities: INCOME_BY_UNIT_IDENTITIES,
    // A unit with a 收入科目 block: income by function code, a column per source the block states.
    byFunction: { kind: 'incomeFunc', role: 'primary', columns: SH_INCOME_FUNC, identities: [['收入总计', ['财政拨款', '事业收入', '事业单位经营收入', '其他收入']]], columnOf: incomeFuncColumn },
  },
  表3: { kind: 'func', role: 'primary', columns: KIND5, identities: KIND_IDENTITIES },
  表4: { kind: 'pairs', role: 'primary', columns: [{ key: 'total', words: ['预算数'] }] },
  表5: {
    kind: 'func', role: 'derived', source: '一般公共预算', identities: KIND_IDENTITIES,
    columns: KIND5.map((c) => ({ ...c, derived: `本年一般公共预算支出/${{ total: '合计', basic: '基本支出/小计', personnel: '基本支出/人员经费', public: '基本支出/公用经费', project: '项目支出' }[c.key]}` })),
  },
  表6: { kind: 'econ', role: 'primary', columns: SH_ECON, identities: [['basic', ['personnel', 'public']]] },
  表7: { kind: 'sangong', role: 'primary', columns: SANGONG_LN, identities: SANGONG_IDENTITIES },
  表8: { kind: 'func', role: 'derived', source: '政府性基金预算', emptyAs: 'fundExp', columns: [{ key: 'total', words: ['合计'], derived: '本年政府性基金预算支出/合计' }, { key: 'basic', words: ['基本支出'], derived: '本年政府性基金预算支出/基本支出' }, { key: 'project', words: ['项目支出'], derived: '本年政府性基金预算支出/项目支出' }], identities: [KIND_IDENTITIES[0]] },
  表9: { kind: 'projects', role: 'primary', columns: sourceColumns(), identities: SOURCE_IDENTITIES },
  表10: { kind: 'func', role: 'derived', source: 'columns', columns: sourceColumns(), identities: SOURCE_IDENTITIES },
  表11: { kind: 'gov', role: 'primary', columns: sourceColumns(), identities: SOURCE_IDENTITIES },
  表12: { kind: 'econ', role: 'primary', columns: sourceColumns(), identities: SOURCE_IDENTITIES },
  表13: { kind: 'list', role: 'primary', list: 'debt', columns: sourceColumns(), identities: SOURCE_IDENTITIES },
  表14: { kind: 'list', role: 'primary', list: 'procurement', columns: sourceColumns(), identities: SOURCE_IDENTITIES },
  表15: { kind: 'list', role: 'primary', list: 'services', columns: sourceColumns(), identities: SOURCE_IDENTITIES },
  表16: { kind: 'overall', role: 'primary' },
  表17: { kind: 'projectForm', role: 'primary' },
  表18: { kind: 'list', role: 'primary', list: 'special', columns: [{ key: '总计', words: ['总计'] }, { key: '已分配', words: ['已分配数', '已分配'] }, { key: '未分配', words: ['未分配数', '未分配'] }], identities: [['总计', ['已分配', '未分配']]] },
  比较: COMPARISON_READ,
};

/** How each layout's tables are read, by the core spec's id. */
export const READ: Record<LayoutId, Record<string, ReadSpec>> = {
  辽宁: LIAONING_READ,
  上海部门: shanghaiRead('部门'),
  上海单位: shanghaiRead('单位'),
};

/** A core title as printed: without its year placeholder, spaces and numbering. */
function printedTitle(spec: TableSpec): string {
  return normalizeTitle(tableTitle(spec));
}

/** Every table of every layout as the importer recognises it: the core's specs in order, each with its reading. */
function tablesOf(layout: LayoutId): TableDef[] {
  const read = READ[layout];
  const out: TableDef[] = [];
  for (const spec of [...LAYOUTS[layout].tables, COMPARISON_SPEC]) {
    const r = read[spec.id];
    if (!r) continue;
    out.push({ ...r, layout, id: spec.id, title: printedTitle(spec), unit: spec.unit, spec });
  }
  return out;
}

/**
 * Titles a published table carries that the core spec does not: a Shanghai unit's tables are printed as 预算单位…
 * and as 单位… (the core builds 预算单位…; the 三公 table the other way round), and a project's form under its own
 * title. The Shanghai unit layout publishes its projects' forms too, which the core does not build (no spec):
 * recognised all the same.
 */
function aliases(t: TableDef): TableDef[] {
  const titles = [...(t.alsoTitled ?? [])];
  if (t.layout === '上海单位') {
    if (t.title.startsWith('预算单位')) titles.push(t.title.slice(2));
    else if (t.title.startsWith('单位')) titles.push(`预算${t.title}`);
  }
  return titles.map((title) => ({ ...t, title }));
}

const UNIT_FORMS: TableDef[] = PROJECT_FORM_TITLES.map((title) => ({ layout: '上海单位', id: '项目', title, unit: 'document', kind: 'projectForm', role: 'primary' }));

export const TABLES: TableDef[] = (Object.keys(LAYOUTS) as LayoutId[]).flatMap((l) => tablesOf(l).flatMap((t) => [t, ...aliases(t)])).concat(UNIT_FORMS);

/** The money unit of a table of the layout when the document prints none for it (and whether it is the table's own). */
export function ownUnit(def: TableDef): MoneyUnit | undefined {
  const first = LAYOUTS[def.layout].tables[0]?.unit;
  return def.unit !== 'document' && def.unit !== first ? def.unit : undefined;
}

/** A printed title without spaces, table number, year and leading numbering: the key of TABLES. */
export function normalizeTitle(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/^表\d+/, '')
    .replace(/^比较(?=与上年)/, '')
    .replace(/^(?:[（(]\d+[）)]|\d{1,2}[.．、])/, '')
    .replace(/^(?:上海市.{1,6}区)?\d{4}年度?/, '')
    .replace(/[（(]\d{4}年度?[）)]$/, '')
    .replace(/["“”]/g, (c) => (c === '"' ? '“' : c))
    .replace(/单位[:：].*$/, '');
}

const BY_TITLE = new Map<string, TableDef[]>();
for (const t of TABLES) BY_TITLE.set(t.title, [...(BY_TITLE.get(t.title) ?? []), t]);

/** The tables that a printed title may name (several layouts share some titles). */
export function tablesTitled(printed: string): TableDef[] {
  return BY_TITLE.get(normalizeTitle(printed)) ?? [];
}

/** Prose headings: the parts of a publication that hold text (the 说明 is read for the statements it allows). */
export type ProseKind = 'explanation' | 'other' | 'projectNote' | 'text';
export function proseHeading(printed: string): ProseKind | undefined {
  const s = printed.replace(/\s+/g, '');
  if (s.length > 40 || /……|\.{4,}/.test(s)) return undefined;
  if (/预算编制说明$/.test(s)) return 'explanation';
  if (/其他相关情况说明$/.test(s)) return 'other';
  if (/项目经费情况说明$/.test(s)) return 'projectNote';
  if (/(主要职能|机构设置|名词解释|^目录)$/.test(s) || /^目录$/.test(s)) return 'text';
  return undefined;
}
