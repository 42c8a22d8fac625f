/**
 * The words of the language: its word tables (spellings of income items, sections, columns, 三公 items …) and
 * what each word stands for. Which statement a word starts in which block is declared in statements.ts.
 */

/**
 * A word table without a prototype: a word of the document (`constructor`, `toString` …) is never mistaken for an
 * entry inherited from Object.prototype.
 */
function words<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

export type FundingSource =
  | '一般公共预算' | '政府性基金预算' | '国有资本经营预算' | '财政专户管理资金'
  | '事业收入' | '事业单位经营收入' | '上级补助收入' | '附属单位上缴收入' | '其他收入';

/** Income items: leaves are funding sources, inner nodes are subtotals. */
export type IncomeItem = FundingSource | '财政拨款' | '单位资金' | '本年收入合计' | '上年结转结余' | '收入总计';

export const FUNDING_SOURCES: FundingSource[] = [
  '一般公共预算', '政府性基金预算', '国有资本经营预算', '财政专户管理资金',
  '事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入',
];

export const FISCAL_SOURCES: FundingSource[] = ['一般公共预算', '政府性基金预算', '国有资本经营预算'];
export const UNIT_FUND_SOURCES: FundingSource[] = ['事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入'];

/** Spellings accepted for income items and funding sources (the published tables use several). */
export const INCOME_ALIASES: Record<string, IncomeItem> = words({});
function alias(target: IncomeItem, ...names: string[]): void {
  for (const n of [target, ...names]) INCOME_ALIASES[n] = target;
}
alias('一般公共预算', '一般公共预算资金', '一般公共预算拨款', '一般公共预算拨款收入', '一般公共预算收入', '一般公共预算财政拨款', '一般公共预算财政拨款收入');
alias('政府性基金预算', '政府性基金预算资金', '政府性基金', '政府性基金预算拨款', '政府性基金预算拨款收入', '政府性基金预算财政拨款', '政府性基金收入');
alias('国有资本经营预算', '国有资本经营预算资金', '国有资本经营', '国有资本经营预算拨款', '国有资本经营预算拨款收入', '国有资本经营预算财政拨款');
alias('财政专户管理资金', '财政专户管理资金收入', '财政专户');
alias('事业收入');
alias('事业单位经营收入', '经营收入');
alias('上级补助收入');
alias('附属单位上缴收入');
alias('其他收入');
alias('财政拨款', '财政拨款收入', '财政拨款小计');
alias('单位资金', '单位资金收入', '单位资金小计');
alias('本年收入合计', '本年收入', '收入合计');
alias('上年结转结余', '上年结转结余合计');
alias('收入总计', '收入总额');

/** The word that marks carried-over money (上年结转) before a source. */
export const CARRIED_WORDS = ['上年结转', '结转'];

/**
 * Items that a period (本年 / 上年结转) splits into: the funding sources and their subtotals. In a 收入科目 row
 * `上年结转` before one of them marks that column's carried-over money; alone it is the 上年结转结余 column.
 */
export const PERIOD_ITEMS: IncomeItem[] = ['财政拨款', ...FUNDING_SOURCES, '单位资金'];

/** Words for the 合计 column (and the 合计 row) of a 收入科目 block. */
export const INCOME_FUNC_TOTAL_WORDS = ['合计', '总计'];

/**
 * The columns of a 收入科目 row (income by function code), keyed as IncomeFigures keys (compute.incomeKey),
 * in published order, with the names the published tables give them.
 */
export const INCOME_FUNC_COLUMNS: Array<{ key: string; zh: string; en: string }> = [
  { key: '收入总计', zh: '合计', en: 'total' },
  { key: '本年收入合计', zh: '本年收入合计', en: 'current-year income' },
  { key: '本年:财政拨款', zh: '财政拨款收入', en: '财政拨款 (fiscal appropriations)' },
  ...FISCAL_SOURCES.map((s) => ({ key: `本年:${s}`, zh: s, en: s })),
  { key: '本年:财政专户管理资金', zh: '财政专户管理资金', en: '财政专户管理资金' },
  { key: '本年:单位资金', zh: '单位资金', en: '单位资金 (unit funds)' },
  ...UNIT_FUND_SOURCES.map((s) => ({ key: `本年:${s}`, zh: s, en: s })),
  { key: '上年结转结余', zh: '上年结转', en: 'carried over' },
  { key: '上年结转:财政拨款', zh: '上年结转 财政拨款收入', en: '财政拨款 carried over' },
  ...FISCAL_SOURCES.map((s) => ({ key: `上年结转:${s}`, zh: `上年结转 ${s}`, en: `${s} carried over` })),
  { key: '上年结转:财政专户管理资金', zh: '上年结转 财政专户管理资金', en: '财政专户管理资金 carried over' },
  { key: '上年结转:单位资金', zh: '上年结转 单位资金', en: '单位资金 carried over' },
  ...UNIT_FUND_SOURCES.map((s) => ({ key: `上年结转:${s}`, zh: `上年结转 ${s}`, en: `${s} carried over` })),
];

/** Expense-kind columns of function and economic rows. */
export type Column = 'total' | 'basic' | 'personnel' | 'public' | 'project';
export const COLUMNS: Column[] = ['total', 'basic', 'personnel', 'public', 'project'];
export const COLUMN_LABELS: Record<string, Column> = words({
  合计: 'total', 总计: 'total',
  基本: 'basic', 基本支出: 'basic', 小计: 'basic',
  人员: 'personnel', 人员经费: 'personnel',
  公用: 'public', 公用经费: 'public',
  项目: 'project', 项目支出: 'project',
});
export const COLUMN_NAMES: Record<Column, { zh: string; en: string }> = {
  total: { zh: '合计', en: 'total' },
  basic: { zh: '基本支出', en: 'basic expenditure' },
  personnel: { zh: '人员经费', en: 'personnel' },
  public: { zh: '公用经费', en: 'public (operating)' },
  project: { zh: '项目支出', en: 'project expenditure' },
};

/** Extra totals written in the 支出 section. */
export const FUNC_EXTRAS: Record<string, 'yearEndCarry' | 'grandTotal' | 'currentTotal'> = words({
  年终结转结余: 'yearEndCarry', 年末结转结余: 'yearEndCarry',
  支出总计: 'grandTotal',
  本年支出合计: 'currentTotal', 本年支出: 'currentTotal', 支出合计: 'currentTotal',
});

export type SangongItem = 'total' | 'abroad' | 'vehicle' | 'vehiclePurchase' | 'vehicleRun' | 'reception' | 'opsFunds';
export const SANGONG_ITEMS: Record<string, SangongItem> = words({
  合计: 'total', '“三公”经费合计': 'total', 三公经费合计: 'total', 三公经费: 'total',
  '因公出国（境）费': 'abroad', '因公出国(境)费': 'abroad', 因公出国: 'abroad', '因公出国（境）费用': 'abroad', '因公出国(境)费用': 'abroad',
  公务用车购置及运行费: 'vehicle', 公务用车购置及运行维护费: 'vehicle', 公务用车: 'vehicle',
  公务用车购置费: 'vehiclePurchase', 公务用车购置: 'vehiclePurchase',
  公务用车运行费: 'vehicleRun', 公务用车运行维护费: 'vehicleRun', 公务用车运行: 'vehicleRun',
  公务接待费: 'reception', 公务接待: 'reception',
  机关运行经费: 'opsFunds',
});
export const SANGONG_NAMES: Record<SangongItem, { zh: string; en: string }> = {
  total: { zh: '“三公”经费合计', en: '三公 total' },
  abroad: { zh: '因公出国（境）费', en: 'official travel abroad' },
  vehicle: { zh: '公务用车购置及运行费', en: 'official vehicles (purchase and running)' },
  vehiclePurchase: { zh: '公务用车购置费', en: 'official vehicle purchase' },
  vehicleRun: { zh: '公务用车运行费', en: 'official vehicle running costs' },
  reception: { zh: '公务接待费', en: 'official reception' },
  opsFunds: { zh: '机关运行经费', en: 'agency operating funds' },
};

/** Tables that may be stated as empty (无) or hold simple rows. */
export type ListTable = 'fundExp' | 'debt' | 'procurement' | 'services' | 'special' | 'capitalExp';
export const LIST_TABLES: Record<string, ListTable> = words({
  政府性基金支出: 'fundExp', 政府性基金预算支出: 'fundExp', 政府性基金预算支出表: 'fundExp',
  债务支出: 'debt', 债务支出预算表: 'debt',
  政府采购: 'procurement', 政府采购支出: 'procurement', 政府采购支出预算表: 'procurement',
  政府购买服务: 'services', 政府购买服务支出: 'services', 政府购买服务支出预算表: 'services',
  专项资金: 'special', 部门管理专项资金: 'special', 部门管理专项资金预算表: 'special',
  国有资本经营预算支出: 'capitalExp', 国有资本经营支出: 'capitalExp',
});
export const LIST_TABLE_NAMES: Record<ListTable, { zh: string; en: string }> = {
  fundExp: { zh: '政府性基金预算支出表', en: 'government fund expenditure' },
  debt: { zh: '债务支出预算表', en: 'debt expenditure' },
  procurement: { zh: '政府采购支出预算表', en: 'government procurement' },
  services: { zh: '政府购买服务支出预算表', en: 'government-purchased services' },
  special: { zh: '部门管理专项资金预算表', en: 'special funds managed by the department' },
  capitalExp: { zh: '国有资本经营预算支出表', en: 'state capital operations expenditure' },
};
export const LIST_COLUMNS: Record<string, string> = words({ 总计: '总计', 合计: '总计', 已分配: '已分配', 未分配: '未分配', 金额: '总计' });
export const EMPTY_WORDS = ['无', '空', '空表'];

export const UNIT_KINDS: Record<string, 'admin' | 'institution'> = words({
  行政单位: 'admin', 机关: 'admin', 行政机关: 'admin', 参公事业单位: 'admin', 参照公务员法管理事业单位: 'admin',
  事业单位: 'institution', 公益一类事业单位: 'institution', 公益二类事业单位: 'institution', 全额拨款事业单位: 'institution',
  差额拨款事业单位: 'institution', 自收自支事业单位: 'institution',
});

export const OPERATORS: Record<string, '=' | '>=' | '<=' | '>' | '<'> = words({
  '=': '=', '＝': '=', '==': '=',
  '>=': '>=', '≥': '>=', '≧': '>=',
  '<=': '<=', '≤': '<=', '≦': '<=',
  '>': '>', '＞': '>',
  '<': '<', '＜': '<',
});

/** Indicator levels learned from published tables (表16 and 表17); others are information, not errors. */
export const LEVEL1_KNOWN = [
  '产出指标', '效益指标', '满意度指标', '成本指标',
  '履职效能', '管理效率', '运行成本', '社会效应', '可持续性', '预算执行',
];
export const LEVEL2_KNOWN = [
  '数量指标', '质量指标', '时效指标', '成本指标',
  '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标',
  '服务对象满意度指标', '社会公众满意度指标', '主管部门满意度指标',
  '经济成本指标', '社会成本指标', '生态环境成本指标',
  '重点工作履行情况', '综合管理水平', '整体工作完成情况', '预算执行', '预算执行效率',
  '预算编制管理', '预算监督管理', '预算收支管理', '财务管理', '资产管理', '业务管理', '成本控制成效',
  '社会效益', '经济效益', '生态效益', '社会公众满意度', '主管部门满意度', '服务对象满意度', '体制机制改革',
];
/** Units of measure that are money (value converted to 元 by the factor). */
export const MONEY_UNITS: Record<string, bigint> = words({ 元: 1n, 千元: 1000n, 万元: 10_000n, 百万元: 1_000_000n, 亿元: 100_000_000n });
export const COMMON_UNITS = ['%', '元', '万元', '亿元', '人', '人次', '次', '个', '户', '件', '项', '天', '月', '年', '台', '套', '吨', '平方米', '千瓦时', '小时', '家', '所', '份', '场', '期', '分'];

/**
 * The attributes a 项目 block may state besides its amount, codes, goal and indicators, as the published project
 * performance forms (财政项目支出绩效目标申报表, 项目支出绩效目标表) carry them, by every spelling accepted. Each
 * key is one attribute: written twice (in any spelling) it is a duplicate (BUD008).
 */
export type ProjectAttr =
  | 'nature' | 'category' | 'startDate' | 'endDate' | 'period'
  | 'fundsTotal' | 'fundsFiscal' | 'fundsOther' | 'fundsCarried' | 'longTermGoal';
export const PROJECT_ATTRS: Record<string, ProjectAttr> = words({
  项目性质: 'nature', 项目属性: 'nature',
  项目类别: 'category', 项目类型: 'category',
  开始日期: 'startDate', 计划开始日期: 'startDate',
  完成日期: 'endDate', 计划完成日期: 'endDate',
  实施期限: 'period', 项目期限: 'period',
  资金总额: 'fundsTotal', 项目资金总额: 'fundsTotal', 中长期资金总额: 'fundsTotal',
  财政资金: 'fundsFiscal', 其他资金: 'fundsOther',
  上年结转资金: 'fundsCarried',
  中长期目标: 'longTermGoal', 项目总体目标: 'longTermGoal',
});
/** Words that separate the two dates of a 实施期限 (`2024-01-01 至 2026-12-31`). */
export const PERIOD_SEPARATORS = ['至', '到', '-', '~', '～', '—', '–', '－', '−', '——'];
/** Spellings of the project's annual amount (金额) and annual goal (总体目标). */
export const PROJECT_AMOUNT_WORDS = ['金额', '预算资金', '预算资金情况', '年度资金总额', '年度资金申请总额'];
export const PROJECT_GOAL_WORDS = ['总体目标', '年度目标', '年度总体目标', '年度绩效目标'];
/** Usual values of 项目性质 and 项目类别 (offered by completion; any text is accepted). */
export const PROJECT_NATURES = ['新增项目', '延续项目', '常年性项目', '阶段性项目', '一次性项目'];
export const PROJECT_CATEGORIES = ['特定目标类', '其他运转类', '公用经费', '人员类'];

/**
 * The values of `表式` (the layout of the tables, layouts/): a layout id — 辽宁 (the reference layout), 上海单位,
 * 上海部门 — or 上海 (the Shanghai unit or department layout, by the unit), with a few other spellings.
 */
export const LAYOUT_WORDS: Record<string, '辽宁' | '上海单位' | '上海部门' | '上海'> = words({
  辽宁: '辽宁', 参考: '辽宁', liaoning: '辽宁', reference: '辽宁',
  上海: '上海', shanghai: '上海',
  上海单位: '上海单位', 上海单位预算: '上海单位', 'shanghai-unit': '上海单位',
  上海部门: '上海部门', 上海部门预算: '上海部门', 'shanghai-department': '上海部门',
});
/** The 表式 values completion offers. */
export const LAYOUT_VALUE_WORDS = ['上海部门', '上海单位', '上海', '辽宁'];

export type SectionKind = 'income' | 'incomeFunc' | 'func' | 'econ' | 'gov' | 'mapping' | 'sangong' | 'overall' | 'comparison';
export const SECTION_ALIASES: Record<string, SectionKind> = words({
  收入: 'income', 收入预算: 'income',
  // Income by function code and funding source (表2 收入预算总表 as Shanghai and others publish it).
  收入科目: 'incomeFunc', 收入功能分类: 'incomeFunc', 收入功能分类科目: 'incomeFunc', 收入预算总表: 'incomeFunc', 部门收入预算总表: 'incomeFunc',
  支出: 'func', 支出功能分类: 'func', 功能分类: 'func',
  经济分类: 'econ', 部门经济分类: 'econ', 支出经济分类: 'econ', 部门预算经济分类: 'econ',
  政府经济分类: 'gov', 政府预算经济分类: 'gov',
  对照: 'mapping', 经济分类对照: 'mapping',
  三公: 'sangong', 三公经费: 'sangong', '“三公”经费': 'sangong',
  整体绩效: 'overall', 部门整体绩效: 'overall', 单位整体绩效: 'overall',
  // Year-on-year comparisons stated in a publication's 说明 (比上年增加/减少 …).
  上年比较: 'comparison', 与上年比较: 'comparison', 与上年预算比较: 'comparison',
});

// ── 上年比较: year-on-year comparisons ─────────────────────────────────────────────────────────────────

/**
 * What a 上年比较 line compares: a figure whose value this year is computed from the unit's tables
 * (comparison.ts resolves it): an income item, an expenditure total or kind, a 三公 item, or the 政府采购 total.
 */
export type CompareFigure =
  | { kind: 'income'; item: IncomeItem }
  | { kind: 'expense'; column: 'grand' | 'total' | 'basic' | 'project' | 'personnel' | 'public' }
  /** Expenditure funded by a source (this year's and carried over), or by 财政拨款 (the fiscal sources). */
  | { kind: 'expenseSource'; source: FundingSource | '财政拨款' }
  | { kind: 'sangong'; item: SangongItem }
  | { kind: 'procurement' };

/** The words naming a compared figure (a 上年比较 line's first word). */
export const COMPARE_FIGURES: Record<string, CompareFigure> = words({});
for (const [w, item] of Object.entries(INCOME_ALIASES)) COMPARE_FIGURES[w] = { kind: 'income', item };
for (const [w, column] of [
  ['支出总计', 'grand'], ['支出合计', 'grand'], ['支出总额', 'grand'], ['本年支出合计', 'total'], ['本年支出', 'total'],
  ['基本支出', 'basic'], ['项目支出', 'project'], ['人员经费', 'personnel'], ['人员支出', 'personnel'], ['公用经费', 'public'], ['公用支出', 'public'],
] as const) COMPARE_FIGURES[w] = { kind: 'expense', column };
for (const [w, source] of [
  ['财政拨款支出', '财政拨款'], ['一般公共预算支出', '一般公共预算'], ['一般公共预算拨款支出', '一般公共预算'],
  ['政府性基金预算支出', '政府性基金预算'], ['政府性基金拨款支出', '政府性基金预算'],
  ['国有资本经营预算支出', '国有资本经营预算'], ['国有资本经营预算拨款支出', '国有资本经营预算'],
] as const) COMPARE_FIGURES[w] = { kind: 'expenseSource', source };
for (const [w, item] of Object.entries(SANGONG_ITEMS)) if (w !== '合计') COMPARE_FIGURES[w] = { kind: 'sangong', item };
for (const w of ['三公', '“三公”经费', '“三公”经费预算', '三公经费预算']) COMPARE_FIGURES[w] = { kind: 'sangong', item: 'total' };
for (const w of ['政府采购', '政府采购预算', '政府采购支出', '政府采购预算总额']) COMPARE_FIGURES[w] = { kind: 'procurement' };
// The wording of the 说明 (“收入预算总额…”, “‘三公’经费预算数…”, “公务接待费用…”).
for (const [w, f] of [
  ['收入预算总额', { kind: 'income', item: '收入总计' }], ['收入预算', { kind: 'income', item: '收入总计' }], ['财政拨款收入预算', { kind: 'income', item: '财政拨款' }],
  ['支出预算总额', { kind: 'expense', column: 'grand' }], ['支出预算', { kind: 'expense', column: 'grand' }],
  ['一般公共预算财政拨款支出', { kind: 'expenseSource', source: '一般公共预算' }],
  ['三公经费', { kind: 'sangong', item: 'total' }], ['‘三公’经费', { kind: 'sangong', item: 'total' }], ['“三公”经费预算数', { kind: 'sangong', item: 'total' }],
  ['公务接待费用', { kind: 'sangong', item: 'reception' }], ['机关运行经费预算', { kind: 'sangong', item: 'opsFunds' }],
] as Array<[string, CompareFigure]>) COMPARE_FIGURES[w] ??= f;

/** The figure words offered by completion, in the order a 说明 states them. */
export const COMPARE_FIGURE_WORDS = [
  '收入总计', '本年收入合计', '财政拨款', '一般公共预算', '政府性基金预算', '国有资本经营预算', '事业收入', '其他收入',
  '支出总计', '财政拨款支出', '一般公共预算支出', '基本支出', '项目支出', '人员经费', '公用经费',
  '三公', '因公出国（境）费', '公务用车购置及运行费', '公务用车购置费', '公务用车运行费', '公务接待费', '机关运行经费', '政府采购',
];

/** A key telling compared figures apart (the same figure twice in a block is reported). */
export function compareFigureKey(f: CompareFigure): string {
  switch (f.kind) {
    case 'income': return `income:${f.item}`;
    case 'expense': return `expense:${f.column}`;
    case 'expenseSource': return `expenseSource:${f.source}`;
    case 'sangong': return `sangong:${f.item}`;
    case 'procurement': return 'procurement';
  }
}

const EXPENSE_FIGURE_NAMES = {
  grand: { zh: '支出总计', en: 'total expenditure' },
  total: { zh: '本年支出合计', en: 'current-year expenditure' },
  basic: { zh: '基本支出', en: 'basic expenditure' },
  project: { zh: '项目支出', en: 'project expenditure' },
  personnel: { zh: '人员经费', en: 'personnel' },
  public: { zh: '公用经费', en: 'public (operating) funds' },
} as const;

const INCOME_FIGURE_NAMES: Partial<Record<IncomeItem, { zh: string; en: string }>> = {
  收入总计: { zh: '收入总计', en: 'total income' },
  本年收入合计: { zh: '本年收入合计', en: 'current-year income' },
  财政拨款: { zh: '财政拨款收入', en: '财政拨款 (fiscal appropriations)' },
  单位资金: { zh: '单位资金', en: '单位资金 (unit funds)' },
  上年结转结余: { zh: '上年结转结余', en: 'carried over from the previous year' },
};

/** How a compared figure is named in messages, hovers and the comparison table. */
export function compareFigureName(f: CompareFigure): { zh: string; en: string } {
  switch (f.kind) {
    case 'income': return INCOME_FIGURE_NAMES[f.item] ?? { zh: f.item, en: f.item };
    case 'expense': return EXPENSE_FIGURE_NAMES[f.column];
    case 'expenseSource': return { zh: `${f.source}支出`, en: `expenditure from ${f.source}` };
    case 'sangong': return f.item === 'total' ? { zh: '“三公”经费', en: '三公 spending' } : SANGONG_NAMES[f.item];
    case 'procurement': return { zh: '政府采购', en: 'government procurement' };
  }
}

export type CompareColumn = 'current' | 'previous' | 'change' | 'rate';
/** How a change or a rate is written: signed (增减 -1.00, 增幅 -0.8%), by direction (增加/减少, 增长/下降), or 持平. */
export type CompareStyle = 'signed' | 'up' | 'down' | 'flat';

/** The column words of a 上年比较 line. */
export const COMPARE_COLUMNS: Record<string, { column: CompareColumn; style: CompareStyle }> = words({
  本年: { column: 'current', style: 'signed' }, 本年预算: { column: 'current', style: 'signed' }, 本年数: { column: 'current', style: 'signed' },
  上年: { column: 'previous', style: 'signed' }, 上年预算: { column: 'previous', style: 'signed' }, 上年数: { column: 'previous', style: 'signed' },
  增减: { column: 'change', style: 'signed' }, 增减额: { column: 'change', style: 'signed' },
  增加: { column: 'change', style: 'up' }, 减少: { column: 'change', style: 'down' }, 持平: { column: 'change', style: 'flat' },
  增幅: { column: 'rate', style: 'signed' }, 增减率: { column: 'rate', style: 'signed' }, 变动率: { column: 'rate', style: 'signed' },
  增长: { column: 'rate', style: 'up' }, 上升: { column: 'rate', style: 'up' }, 下降: { column: 'rate', style: 'down' },
  // The wording of the 说明: 增加额/减少额, 增长率/下降率, 降幅/减幅, 上涨.
  增加额: { column: 'change', style: 'up' }, 减少额: { column: 'change', style: 'down' },
  增长率: { column: 'rate', style: 'up' }, 上涨: { column: 'rate', style: 'up' }, 下降率: { column: 'rate', style: 'down' },
  降幅: { column: 'rate', style: 'down' }, 减幅: { column: 'rate', style: 'down' },
});
/** The column words offered by completion, in written order. */
export const COMPARE_COLUMN_WORDS = ['本年', '上年', '增减', '增加', '减少', '持平', '增幅', '增长', '下降'];

/** The published name of a 收入科目 column (an IncomeFigures key). */
export function incomeColumnName(key: string): { zh: string; en: string } {
  const c = INCOME_FUNC_COLUMNS.find((x) => x.key === key);
  return c ? { zh: c.zh, en: c.en } : { zh: key, en: key };
}
