/**
 * The published layouts the importer knows, as data: each table by its title, what kind of table it is, its
 * amount columns (by the words of their headers) and where its figures go in the language. This is the one
 * place that maps recognised tables to statements: a new layout, a new table or a new statement (说明
 * figures, a layout attribute) is a new entry here plus, for a truly new kind of table, a reader in
 * tables.ts.
 *
 * A table is `primary` when its figures are written as statements (so `check` verifies them), `derived`
 * when the language derives the same figures from other statements (表5 from 支出, the per-source tables of
 * the reference layout): its figures are compared with the derivation (the core's own tables) and only a
 * figure that differs is kept, as a comment.
 */
import type { ListTable } from '../core/keywords';

export type LayoutId = 'liaoning' | 'shanghai-department' | 'shanghai-unit';

export const LAYOUT_NAMES: Record<LayoutId, { zh: string; en: string }> = {
  liaoning: { zh: '辽宁式预算批复表（18 张表，万元）', en: 'reference layout (辽宁, 18 tables)' },
  'shanghai-department': { zh: '上海部门预算（9 张表，元；三公表万元）', en: 'Shanghai department budget (9 tables)' },
  'shanghai-unit': { zh: '上海单位预算（9 张表，元；三公表万元）', en: 'Shanghai unit budget (9 tables)' },
};

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
 * `words` the header words that name it (for finding its position), `derived` the column of the core's
 * derived table that shows the same figure (verification), `primary` false when the column is only verified.
 */
export interface ColumnDef {
  key: string;
  words: string[];
  derived?: string;
  primary?: boolean;
  /** A column that is rarely filled: among several readings of flattened text, the one leaving it empty wins. */
  rare?: boolean;
}

export interface TableDef {
  layout: LayoutId;
  /** The table's number in its layout ('表1' …). */
  id: string;
  /** The printed title without year, numbering or spaces. */
  title: string;
  kind: TableKind;
  role: 'primary' | 'derived';
  columns?: ColumnDef[];
  /** Column identities (parent = sum of children) for telling columns apart in flattened text. */
  identities?: Array<[string, string[]]>;
  /** The core's derived table that shows the same figures (verification of derived figures). */
  derivedTable?: string;
  /** For list tables: the statement's table word. */
  list?: ListTable;
  /** For 上海 表6/表7 (function tables of one fund): the list statement used when the table is empty. */
  emptyAs?: ListTable;
}

const KIND5: ColumnDef[] = [
  { key: 'total', words: ['合计'] },
  { key: 'basic', words: ['小计', '基本支出'] },
  { key: 'personnel', words: ['人员经费'] },
  { key: 'public', words: ['公用经费'] },
  { key: 'project', words: ['项目支出'] },
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
  { key: '收入总计', words: ['总计'] },
  { key: '本年收入合计', words: ['合计'] },
  { key: '一般公共预算', words: ['一般公共预算'] },
  { key: '政府性基金预算', words: ['政府性基金预算'] },
  { key: '国有资本经营预算', words: ['国有资本经营预算'] },
  { key: '财政专户管理资金', words: ['财政专户管理资金'] },
  { key: '单位资金', words: ['小计'] },
  { key: '事业收入', words: ['事业收入'] },
  { key: '事业单位经营收入', words: ['事业单位经营收入'] },
  { key: '上级补助收入', words: ['上级补助收入'] },
  { key: '附属单位上缴收入', words: ['附属单位上缴收入'] },
  { key: '其他收入', words: ['其他收入'] },
  { key: '上年结转:上年结转结余', words: ['合计'] },
  { key: '上年结转:一般公共预算', words: ['一般公共预算'] },
  { key: '上年结转:政府性基金预算', words: ['政府性基金预算'] },
  { key: '上年结转:国有资本经营预算', words: ['国有资本经营预算'] },
  { key: '上年结转:财政专户管理资金', words: ['财政专户管理资金'] },
  { key: '上年结转:单位资金', words: ['单位资金'] },
];
const INCOME_BY_UNIT_IDENTITIES: Array<[string, string[]]> = [
  ['收入总计', ['本年收入合计', '上年结转:上年结转结余']],
  ['本年收入合计', ['一般公共预算', '政府性基金预算', '国有资本经营预算', '财政专户管理资金', '单位资金']],
  ['单位资金', ['事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入']],
  SOURCE_IDENTITIES[2],
];

const SH_KIND3: ColumnDef[] = [
  { key: 'total', words: ['合计'] },
  { key: 'basic', words: ['基本支出'] },
  { key: 'project', words: ['项目支出'] },
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
  { key: 'abroad', words: ['因公出国(境)费', '因公出国（境）费'] },
  { key: 'reception', words: ['公务接待费'] },
  { key: 'vehicle', words: ['小计'] },
  { key: 'vehiclePurchase', words: ['购置费', '公务用车购置费'] },
  { key: 'vehicleRun', words: ['运行费', '公务用车运行费'] },
  { key: 'opsFunds', words: ['机关运行经费预算数', '机关运行经费'] },
];
/** 辽宁 表7 prints its columns in another order and without 机关运行经费. */
const SANGONG_LN: ColumnDef[] = [
  { key: 'total', words: ['“三公”经费合计', '合计'] },
  { key: 'abroad', words: ['因公出国（境）费'] },
  { key: 'vehicle', words: ['小计'] },
  { key: 'vehiclePurchase', words: ['公务用车购置费'], rare: true },
  { key: 'vehicleRun', words: ['公务用车运行费'] },
  { key: 'reception', words: ['公务接待费'] },
];
const SANGONG_IDENTITIES: Array<[string, string[]]> = [['total', ['abroad', 'vehicle', 'reception']], ['vehicle', ['vehiclePurchase', 'vehicleRun']]];

function shanghai(layout: 'shanghai-department' | 'shanghai-unit', who: string): TableDef[] {
  return [
    { layout, id: '表1', title: `${who}财务收支预算总表`, kind: 'pairs', role: 'primary', columns: [{ key: 'total', words: ['合计', '预算数'] }, { key: 'basic', words: ['基本支出'] }, { key: 'project', words: ['项目支出'] }, { key: 'personnel', words: ['人员经费'] }, { key: 'public', words: ['公用经费'] }] },
    { layout, id: '表2', title: `${who}收入预算总表`, kind: 'incomeFunc', role: 'primary', columns: SH_INCOME_FUNC, identities: [['收入总计', ['财政拨款', '事业收入', '事业单位经营收入', '其他收入']]] },
    { layout, id: '表3', title: `${who}支出预算总表`, kind: 'func', role: 'primary', columns: SH_KIND3, identities: [KIND_IDENTITIES[0]] },
    { layout, id: '表4', title: `${who}财政拨款收支预算总表`, kind: 'pairs', role: 'primary', columns: [{ key: 'total', words: ['合计', '预算数'] }, { key: '一般公共预算', words: ['一般公共预算'] }, { key: '政府性基金预算', words: ['政府性基金预算'] }, { key: '国有资本经营预算', words: ['国有资本经营预算'] }] },
    {
      layout, id: '表5', title: `${who}一般公共预算支出功能分类预算表`, kind: 'func', role: 'derived', derivedTable: '表5',
      columns: [
        { key: 'total', words: ['合计'], derived: '本年一般公共预算支出/合计' },
        { key: 'basic', words: ['基本支出'], derived: '本年一般公共预算支出/基本支出/小计' },
        { key: 'project', words: ['项目支出'], derived: '本年一般公共预算支出/项目支出' },
      ],
      identities: [KIND_IDENTITIES[0]],
    },
    { layout, id: '表6', title: `${who}政府性基金预算支出功能分类预算表`, kind: 'func', role: 'derived', derivedTable: '表8', emptyAs: 'fundExp', columns: [{ key: 'total', words: ['合计'], derived: '本年政府性基金预算支出/合计' }, { key: 'basic', words: ['基本支出'], derived: '本年政府性基金预算支出/基本支出' }, { key: 'project', words: ['项目支出'], derived: '本年政府性基金预算支出/项目支出' }], identities: [KIND_IDENTITIES[0]] },
    { layout, id: '表7', title: `${who}国有资本经营预算支出功能分类预算表`, kind: 'func', role: 'derived', emptyAs: 'capitalExp', columns: SH_KIND3, identities: [KIND_IDENTITIES[0]] },
    { layout, id: '表8', title: `${who}一般公共预算基本支出部门预算经济分类预算表`, kind: 'econ', role: 'primary', columns: SH_ECON, identities: [['basic', ['personnel', 'public']]] },
    { layout, id: '表9', title: `${who}“三公”经费和机关运行经费预算表`, kind: 'sangong', role: 'primary', columns: SANGONG, identities: SANGONG_IDENTITIES },
  ];
}

const LIAONING: TableDef[] = [
  { layout: 'liaoning', id: '表1', title: '收支预算总表', kind: 'pairs', role: 'primary', columns: [{ key: 'total', words: ['预算数'] }] },
  { layout: 'liaoning', id: '表2', title: '收入预算总表', kind: 'incomeByUnit', role: 'primary', columns: INCOME_BY_UNIT, identities: INCOME_BY_UNIT_IDENTITIES },
  { layout: 'liaoning', id: '表3', title: '支出预算总表', kind: 'func', role: 'primary', columns: KIND5, identities: KIND_IDENTITIES },
  { layout: 'liaoning', id: '表4', title: '财政拨款收支预算总表', kind: 'pairs', role: 'primary', columns: [{ key: 'total', words: ['预算数'] }] },
  {
    layout: 'liaoning', id: '表5', title: '一般公共预算支出表', kind: 'func', role: 'derived', derivedTable: '表5', identities: KIND_IDENTITIES,
    columns: KIND5.map((c) => ({ ...c, derived: `本年一般公共预算支出/${{ total: '合计', basic: '基本支出/小计', personnel: '基本支出/人员经费', public: '基本支出/公用经费', project: '项目支出' }[c.key]}` })),
  },
  { layout: 'liaoning', id: '表6', title: '一般公共预算基本支出表', kind: 'econ', role: 'primary', columns: SH_ECON, identities: [['basic', ['personnel', 'public']]] },
  { layout: 'liaoning', id: '表7', title: '财政拨款预算“三公”经费支出表', kind: 'sangong', role: 'primary', columns: SANGONG_LN, identities: SANGONG_IDENTITIES },
  { layout: 'liaoning', id: '表8', title: '政府性基金预算支出表', kind: 'func', role: 'derived', derivedTable: '表8', emptyAs: 'fundExp', columns: [{ key: 'total', words: ['合计'], derived: '本年政府性基金预算支出/合计' }, { key: 'basic', words: ['基本支出'], derived: '本年政府性基金预算支出/基本支出' }, { key: 'project', words: ['项目支出'], derived: '本年政府性基金预算支出/项目支出' }], identities: [KIND_IDENTITIES[0]] },
  { layout: 'liaoning', id: '表9', title: '项目支出预算表', kind: 'projects', role: 'primary', columns: sourceColumns(), identities: SOURCE_IDENTITIES },
  { layout: 'liaoning', id: '表10', title: '支出功能分类预算表', kind: 'func', role: 'derived', derivedTable: '表10', columns: sourceColumns(), identities: SOURCE_IDENTITIES },
  { layout: 'liaoning', id: '表11', title: '支出经济分类预算表（政府预算）', kind: 'gov', role: 'primary', derivedTable: '表11', columns: sourceColumns(), identities: SOURCE_IDENTITIES },
  { layout: 'liaoning', id: '表12', title: '支出经济分类预算表（部门预算）', kind: 'econ', role: 'primary', derivedTable: '表12', columns: sourceColumns(), identities: SOURCE_IDENTITIES },
  { layout: 'liaoning', id: '表13', title: '债务支出预算表', kind: 'list', role: 'primary', list: 'debt', columns: sourceColumns(), identities: SOURCE_IDENTITIES },
  { layout: 'liaoning', id: '表14', title: '政府采购支出预算表', kind: 'list', role: 'primary', list: 'procurement', columns: sourceColumns(), identities: SOURCE_IDENTITIES },
  { layout: 'liaoning', id: '表15', title: '政府购买服务支出预算表', kind: 'list', role: 'primary', list: 'services', columns: sourceColumns(), identities: SOURCE_IDENTITIES },
  { layout: 'liaoning', id: '表16', title: '部门（单位）整体绩效目标表', kind: 'overall', role: 'primary' },
  { layout: 'liaoning', id: '表17', title: '部门预算项目（政策）绩效目标表', kind: 'projectForm', role: 'primary' },
  { layout: 'liaoning', id: '表18', title: '部门管理专项资金预算表', kind: 'list', role: 'primary', list: 'special', columns: [{ key: '总计', words: ['总计'] }, { key: '已分配', words: ['已分配数', '已分配'] }, { key: '未分配', words: ['未分配数', '未分配'] }], identities: [['总计', ['已分配', '未分配']]] },
  { layout: 'liaoning', id: '比较', title: '与上年预算比较', kind: 'comparison', role: 'primary' },
];

/** The forms of a Shanghai project (财政项目支出绩效目标填报表 / 申报表), any layout. */
const FORMS: TableDef[] = (['shanghai-department', 'shanghai-unit'] as const).flatMap((layout) =>
  ['财政项目支出绩效目标填报表', '财政项目支出绩效目标申报表', '项目支出绩效目标表'].map((title): TableDef => ({ layout, id: '项目', title, kind: 'projectForm', role: 'primary' })),
);

export const TABLES: TableDef[] = [...LIAONING, ...shanghai('shanghai-department', '部门'), ...shanghai('shanghai-unit', '预算单位'), ...shanghai('shanghai-unit', '单位'), ...FORMS];

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
