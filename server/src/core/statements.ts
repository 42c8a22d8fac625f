/**
 * The statements of the language, declared once — the role a grammar plays in Langium, a schema in
 * vscode-json-languageservice. For each block context: the statements it allows, in the order they are offered,
 * each with the words that start it (every spelling; the first is its name), what follows, its block (and the
 * context inside), its documentation, how completion offers it and how an editor highlights it.
 *
 * Everything that needs to know what a block allows reads it from here: the binder's dispatch (`statementOf`),
 * BUD002's list of what is allowed (`allowedIn`), completion at the start of a line, semantic tokens, hover on a
 * statement's word, the keyword documentation, the TextMate grammar (scripts/gen-grammar.mjs) and the words the
 * tidy pass joins when a PDF spreads them out (`allKeywords`). test/core/statements.test.ts fails when one of them
 * misses a statement. Adding a statement: docs/architecture.md.
 */
import type { Text2 } from './diagnostics';
import {
  CARRIED_WORDS, COLUMN_LABELS, COMPARE_FIGURE_WORDS, COMPARE_FIGURES, FUNC_EXTRAS, FUNDING_SOURCES, INCOME_ALIASES, INCOME_FUNC_TOTAL_WORDS,
  LIST_TABLE_NAMES, LIST_TABLES, PROJECT_AMOUNT_WORDS, PROJECT_ATTRS, PROJECT_GOAL_WORDS, SANGONG_ITEMS, SECTION_ALIASES, type ListTable, type ProjectAttr, type SectionKind,
} from './keywords';
import type { Item, Stmt } from './syntax';

/** The contexts of statements: the top level and the kinds of block. */
export type Context =
  | 'top' | 'department' | 'unit' | 'income' | 'incomeFunc' | 'func' | 'econ' | 'gov' | 'mapping' | 'sangong' | 'project'
  | 'projectEcon' | 'indicators' | 'overall' | 'list' | 'comparison' | 'printed';

/**
 * How an editor highlights a statement: its first word (a keyword, except for rows and value lines) and what
 * follows. semanticTokens.ts has one highlighter per kind; the TextMate grammar groups the keywords by kind.
 */
export type Highlight =
  /** 部门/单位 and the name declared. */
  | 'declaration'
  /** 项目 and the project's name. */
  | 'project'
  /** A section or table word (and 无). */
  | 'section'
  /** 舍入 and its mode. */
  | 'rounding'
  /** 年度 or 科目版本 and a year. */
  | 'year'
  /** 金额单位 and the unit. */
  | 'moneyUnit'
  /** An attribute whose value is a code or a kind (编码, 区划, 性质). */
  | 'enum'
  /** An attribute whose value is a name (主管部门, 实施单位). */
  | 'name'
  /** A statement whose value is free text (内容, 总体目标 …). */
  | 'text'
  /** 功能科目 and a function code (and its amount). */
  | 'funcCode'
  /** A keyword and an amount (金额, 上年结转资金 …). */
  | 'amount'
  /** A keyword and a date or a period. */
  | 'dates'
  /** 资金总额 and its parts. */
  | 'funds'
  /** A keyword opening a block, nothing after it. */
  | 'block'
  /** [上年结转] an income item and its amount. */
  | 'incomeItem'
  /** [上年结转] a funding source and its amount (a project's money by source). */
  | 'source'
  /** A 三公 item and its amount. */
  | 'sangongItem'
  /** 合计 (or another total) and amounts by column. */
  | 'totalRow'
  /** A code, its name and amounts by column. */
  | 'codeRow'
  /** A 收入科目 row (code or 合计, name, income columns). */
  | 'incomeFuncRow'
  /** Two codes. */
  | 'mapping'
  /** An economic code, its name and an amount (a project's 经济分类). */
  | 'econLine'
  /** 一级/二级 and a level's name. */
  | 'level'
  /** 时限 and a deadline. */
  | 'deadline'
  /** An indicator line. */
  | 'indicator'
  /** 任务, its name and amount. */
  | 'task'
  /** A 上年比较 line: the compared figure and its columns. */
  | 'comparison'
  /** A 说明 line of a function code: the code, its name and the columns of a comparison. */
  | 'compareCode'
  /** A row of a list table. */
  | 'listRow'
  /** A row of a published table as printed (印出): the row (a code, 合计, a label), then columns and amounts. */
  | 'printedRow';

/** What completion offers for a statement at the start of a line (completion.ts implements each kind). */
export type Offer =
  /** Its offered words as keywords (with a detail). */
  | { kind: 'keyword'; detail?: Text2 }
  /** Its offered words, each with an empty block: `支出 {\n\t$0\n}`. */
  | { kind: 'block' }
  /** Each offered word followed by 无 (a table stated as empty; its rows are written by hand), with a detail. */
  | { kind: 'empty'; detail: Text2 }
  /** A snippet of the whole statement (SNIPPETS in completion.ts), and the word itself when `keyword`. */
  | { kind: 'snippet'; snippet: 'unit' | 'project' | 'projectIndicators' | 'overallIndicators' | 'indicator' | 'sangong'; keyword?: boolean }
  /** Values from a provider (LINE_STARTS in completion.ts): codes, income items, 三公 items, compared figures … */
  | { kind: 'provider'; provider: 'rowCodes' | 'econRows' | 'incomeFuncCodes' | 'mappingCodes' | 'projectEconCodes' | 'incomeItems' | 'sources' | 'sangongItems' | 'compareFigures' | 'listRows' };

export interface Statement {
  /** Stable identity: the binder dispatches on it. */
  readonly id: string;
  /** The words that start the statement, every spelling; the first is its name. Empty for a row (a `pattern`). */
  readonly words: readonly string[];
  /** Of the words, those offered by completion and listed by BUD002 (default: the first). */
  readonly offered?: readonly string[];
  /** Words that may stand before the statement's word (`上年结转 事业收入 …`, `其中 财政资金 …`). */
  readonly prefixes?: readonly string[];
  /** What follows the word (a row: the whole line), as the documentation and BUD002 show it. */
  readonly shape: string;
  /** The block the statement takes, the context of the statements inside, and whether it must be written. */
  readonly block?: { readonly context: Context; readonly required: boolean };
  readonly doc: Text2;
  readonly highlight: Highlight;
  readonly offer: Offer;
}

/** A statement without keyword: a row of a block (a code, an indicator …), the context's last resort. */
const isPattern = (s: Statement): boolean => s.words.length === 0;

function st<const I extends string>(id: I, s: Omit<Statement, 'id'>): Statement & { readonly id: I } {
  return { id, ...s };
}

/** The words of a word table whose value is `v`. */
function wordsOf<T>(table: Record<string, T>, v: T): string[] {
  return Object.keys(table).filter((w) => table[w] === v);
}

const KW: Offer = { kind: 'keyword' };
const BLOCK: Offer = { kind: 'block' };

// ── attributes (top level, 部门, 单位) ─────────────────────────────────────────────────────────────────

const code = st('code', { words: ['编码'], shape: '<编码>', doc: { zh: '单位编码', en: 'Unit code' }, highlight: 'enum', offer: KW });
const region = st('region', { words: ['区划'], shape: '<区划编码>', doc: { zh: '区划编码', en: 'Region code' }, highlight: 'enum', offer: KW });
const year = st('year', { words: ['年度'], shape: '<年份>', doc: { zh: '预算年度（也选择《政府收支分类科目》的版本）', en: 'Fiscal year (also chooses the edition of the classification catalog)' }, highlight: 'year', offer: KW });
const edition = st('edition', {
  words: ['科目版本'], shape: '<年份>', highlight: 'year', offer: KW,
  doc: { zh: '核对科目所用的《政府收支分类科目》版本（年份），默认同年度', en: 'The edition (year) of the classification catalog that codes are checked against; default: the 年度' },
});
const layout = st('layout', {
  words: ['表式'], shape: '<表式>', highlight: 'enum', offer: KW,
  doc: { zh: '表式（公开表的格式）：辽宁（参考表式，18 张表）、上海单位、上海部门（9 张表）或 上海；不写时按文件内容推断', en: 'Layout of the published tables: 辽宁 (the reference, 18 tables), 上海单位, 上海部门 (9 tables) or 上海; inferred from the file when not stated' },
});
const moneyUnit = st('moneyUnit', { words: ['金额单位'], shape: '万元 | 元', doc: { zh: '金额单位：万元（默认）或 元', en: 'Money unit: 万元 (default) or 元' }, highlight: 'moneyUnit', offer: KW });
const supervisor = st('supervisor', { words: ['主管部门'], shape: '<名称>', doc: { zh: '主管部门名称', en: 'Supervising department' }, highlight: 'name', offer: KW });
const kind = st('kind', { words: ['性质'], shape: '<单位性质>', doc: { zh: '单位性质：事业单位、行政单位…（决定经济分类对照）', en: 'Unit kind (chooses the economic correspondence)' }, highlight: 'enum', offer: KW });
/** 标题: the document's title as the handout prints it (else the layout's, from the unit and the year). */
const title = st('title', {
  words: ['标题'], shape: '<文字>', highlight: 'text', offer: KW,
  doc: {
    zh: '文件标题（预览、HTML、PDF 与 Excel 的标题）；不写时按表式由年度与单位（部门）名称生成，如“2026年某县农业农村局部门预算批复表”',
    en: 'The document’s title (in the preview, the HTML, the PDF and the workbook); when not written, the layout’s, from the year and the unit (or 部门) name, e.g. “2026年某县农业农村局部门预算批复表”',
  },
});
/** 上年文件: last year's budget file (a path relative to this file), read by the caller for the 上年 figures. */
const previousFile = st('previousFile', {
  words: ['上年文件'], shape: '<路径>', highlight: 'text', offer: KW,
  doc: {
    zh: '上年预算文件（相对本文件的路径）：各 上年 数与该文件核对（不一致为警告），未写的 上年 数取自该文件；单位按名称对应',
    en: 'Last year’s budget file (a path relative to this file): every 上年 figure is checked against it (a difference is a warning) and a 上年 not written is taken from it; units match by name',
  },
});
/** 单位文件: the files of a department's units (a path or a glob relative to this file). */
const unitFiles = st('unitFiles', {
  words: ['单位文件'], shape: '<路径或通配符>', highlight: 'text', offer: KW,
  doc: {
    zh: '所属单位的预算文件（相对本文件的路径或通配符，如 单位/*.budget）：部门汇总与这些单位之和核对',
    en: 'The budget files of the department’s units (a path or glob relative to this file, e.g. 单位/*.budget): the department’s own figures are checked against their sum',
  },
});
/** A block's own money unit (三公 in 万元 in a 元 document …): the same word as the unit's attribute. */
const blockMoneyUnit = st('moneyUnit', { words: ['金额单位'], shape: '万元 | 元', doc: { zh: '本块的金额单位：万元 或 元（默认为单位的）', en: 'This block’s money unit: 万元 or 元 (default: the unit’s)' }, highlight: 'moneyUnit', offer: KW });

// ── units and their sections ───────────────────────────────────────────────────────────────────────

const unit = st('unit', {
  words: ['单位'], shape: '<单位名称> { … }', block: { context: 'unit', required: true },
  doc: { zh: '单位块：一个单位的全部预算批复表', en: 'A unit block: one unit’s whole budget approval' }, highlight: 'declaration', offer: { kind: 'snippet', snippet: 'unit', keyword: true },
});

const SECTION_DOCS: Record<SectionKind, Text2> = {
  income: { zh: '收入（表1 左栏、表2、表4）', en: 'Income (tables 1, 2, 4)' },
  incomeFunc: { zh: '按功能分类科目列示的收入（表2 收入预算总表）：每行一个科目，各栏为资金来源', en: 'Income by function code (table 2 as Shanghai publishes it): a row per code, a column per funding source' },
  func: { zh: '支出功能分类（表3、表5、表10）', en: 'Expenditure by function (tables 3, 5, 10)' },
  econ: { zh: '部门经济分类（表6、表12）', en: 'Department economic classification (tables 6, 12)' },
  gov: { zh: '政府经济分类（表11）', en: 'Government economic classification (table 11)' },
  mapping: { zh: '部门经济分类 → 政府经济分类 对照', en: 'Correspondence: department → government economic codes' },
  sangong: { zh: '“三公”经费与机关运行经费（表7）', en: '三公 spending and agency operating funds (table 7)' },
  overall: { zh: '部门（单位）整体绩效目标（表16）', en: 'Overall performance targets (table 16)' },
  comparison: {
    zh: '说明（别名 上年比较）：说明中的数字按原文写出——本年数（可只写本年）、与上年的比较、各科目的金额、项目数与金额、各表下的注（空表说明）；每个数字按各表核对',
    en: 'The 说明 (also 上年比较): the figures of the explanatory text as published — this year’s figures (this year alone is valid), comparisons with last year, per-code figures, the count and money of projects, the notes under tables (empty tables); each checked against the tables',
  },
};
/** A block of rows, offered as an empty block — or, for 三公, with every line it prints (a snippet). */
const section = <const I extends SectionKind>(kind: I) =>
  st(kind, { words: wordsOf(SECTION_ALIASES, kind), shape: '{ … }', block: { context: kind, required: true }, doc: SECTION_DOCS[kind], highlight: 'section', offer: kind === 'sangong' ? { kind: 'snippet', snippet: 'sangong' } : BLOCK });

const project = st('project', {
  words: ['项目'], shape: '<项目名称> { … }', block: { context: 'project', required: true }, doc: { zh: '项目（表9、表17）', en: 'A project (tables 9, 17)' },
  highlight: 'project', offer: { kind: 'snippet', snippet: 'project', keyword: true },
});

const LIST_DOCS: Record<ListTable, Text2> = {
  fundExp: { zh: '政府性基金预算支出表（表8）', en: 'Government fund expenditure (table 8)' },
  debt: { zh: '债务支出预算表（表13）', en: 'Debt expenditure (table 13)' },
  procurement: { zh: '政府采购支出预算表（表14）', en: 'Government procurement (table 14)' },
  services: { zh: '政府购买服务支出预算表（表15）', en: 'Government-purchased services (table 15)' },
  special: { zh: '部门管理专项资金预算表（表18）', en: 'Special funds (table 18)' },
  capitalExp: { zh: '国有资本经营预算支出功能分类预算表（上海表式表7）', en: 'State capital operations expenditure (table 7 of the Shanghai layouts)' },
};
/** 印出: what a published table (a derived one: 表4, 表5 …) printed where it differs from the statements. */
const printed = st('printed', {
  words: ['印出', '印刷'], shape: '<表号> { <行> <栏目> <金额> [<栏目> <金额>]… }', block: { context: 'printed', required: true }, highlight: 'enum',
  offer: { kind: 'keyword', detail: { zh: '公布的表所印的数字（表号 { 行 栏目 金额 }）', en: 'figures a published table printed (table { row column amount })' } },
  doc: {
    zh: '公布的表（表4、表5 等由各语句推出的表）所印的数字，按原文写出：每行一个表行（科目编码、合计或行名），其后为栏目（表头路径，或其末尾唯一的一段，如 政府性基金预算）与所印金额；与按各语句生成的同一表格核对，不一致为错误（每行一个报告）',
    en: 'Figures a published table printed (a table the statements derive: 表4, 表5 …), as printed: one line per table row (a code, 合计 or the row’s label), then columns (a header path, or its last words where no other column shares them, e.g. 政府性基金预算) and the printed amounts; checked against the same table as built from the statements — a difference is an error (one report per row)',
  },
});

const listTable = <const I extends ListTable>(table: I) =>
  st(table, { words: wordsOf(LIST_TABLES, table), shape: '无 | { … }', block: { context: 'list', required: false }, doc: LIST_DOCS[table], highlight: 'section', offer: { kind: 'empty', detail: LIST_TABLE_NAMES[table] } });

/** What a unit's body holds besides its attributes (also a department's own, consolidated figures). */
const UNIT_BODY = [
  section('income'), section('incomeFunc'), section('func'), section('econ'), section('gov'), section('mapping'), section('sangong'), section('overall'),
  section('comparison'), project, listTable('fundExp'), listTable('debt'), listTable('procurement'), listTable('services'), listTable('special'),
  listTable('capitalExp'), printed,
] as const;

// ── projects ───────────────────────────────────────────────────────────────────────────────────────

const ATTR_DOCS: Record<ProjectAttr, { shape: string; doc: Text2; highlight: Highlight }> = {
  nature: { shape: '<文字>', highlight: 'text', doc: { zh: '项目性质（别名 项目属性）：如 阶段性项目、新增项目、延续项目（任意文字）', en: 'Project nature (also 项目属性), e.g. 阶段性项目, 新增项目, 延续项目 (any text)' } },
  category: { shape: '<文字>', highlight: 'text', doc: { zh: '项目类别（别名 项目类型）：如 特定目标类（任意文字）', en: 'Project category (also 项目类型), e.g. 特定目标类 (any text)' } },
  startDate: { shape: '<日期>', highlight: 'dates', doc: { zh: '计划开始日期：2024-01-01、2024-01 或 2024年1月', en: 'Planned start date: 2024-01-01, 2024-01 or 2024年1月' } },
  endDate: { shape: '<日期>', highlight: 'dates', doc: { zh: '计划完成日期：2026-12-31、2026-12 或 2026年12月', en: 'Planned completion date: 2026-12-31, 2026-12 or 2026年12月' } },
  period: { shape: '<开始日期> 至 <完成日期>', highlight: 'dates', doc: { zh: '实施期限（别名 项目期限）：开始日期 至 完成日期（如 2024-01-01 至 2026-12-31；也可用 到 - ~ —）；预算年度应在其中', en: 'Implementation period (also 项目期限): start 至 end (e.g. 2024-01-01 至 2026-12-31; also 到 - ~ —); the fiscal year should fall inside it' } },
  fundsTotal: { shape: '<金额> [财政资金 <金额>] [其他资金 <金额>]', highlight: 'funds', doc: { zh: '项目资金总额（整个实施期限，别名 项目资金总额、中长期资金总额）[财政资金 金额] [其他资金 金额]；不应小于年度金额', en: 'Total funding of the whole period (also 项目资金总额, 中长期资金总额) [财政资金 amount] [其他资金 amount]; not less than the annual amount' } },
  fundsFiscal: { shape: '<金额>', highlight: 'amount', doc: { zh: '资金总额中的财政资金', en: 'Fiscal funds, a part of 资金总额' } },
  fundsOther: { shape: '<金额>', highlight: 'amount', doc: { zh: '资金总额中的其他资金', en: 'Other funds, a part of 资金总额' } },
  fundsCarried: { shape: '<金额>', highlight: 'amount', doc: { zh: '项目的上年结转资金', en: 'The project’s funds carried over from last year' } },
  longTermGoal: { shape: '<文字>', highlight: 'text', doc: { zh: '项目的中长期（多年）目标，整个实施期限的总体目标（别名 项目总体目标）', en: 'The project’s medium/long-term goal, for its whole period (also 项目总体目标)' } },
};
/** The parts of 资金总额 may be written after 其中 (`其中：财政资金 8.00`, as the forms print them). */
export const PART_PREFIXES = ['其中', '其中：', '其中:'];
const attr = <const I extends ProjectAttr>(a: I) =>
  st(a, {
    words: wordsOf(PROJECT_ATTRS, a), shape: ATTR_DOCS[a].shape, doc: ATTR_DOCS[a].doc, highlight: ATTR_DOCS[a].highlight, offer: KW,
    ...(a === 'fundsFiscal' || a === 'fundsOther' ? { prefixes: PART_PREFIXES } : {}),
  });

const PROJECT = [
  st('content', { words: ['内容'], shape: '<文字>', doc: { zh: '项目内容（整行文字）', en: 'Project description (rest of line)' }, highlight: 'text', offer: KW }),
  st('funcCode', { words: ['功能科目', '功能分类科目'], offered: ['功能科目', '功能分类科目'], shape: '<功能分类编码> [金额]', doc: { zh: '项目的支出功能分类编码 [金额]', en: 'The project’s function code [amount]' }, highlight: 'funcCode', offer: KW }),
  st('amount', { words: PROJECT_AMOUNT_WORDS, offered: ['金额', '预算资金', '预算资金情况'], shape: '<金额>', doc: { zh: '项目的年度金额（别名 预算资金、年度资金总额、年度资金申请总额）', en: 'The project’s annual amount (also 预算资金, 年度资金总额, 年度资金申请总额)' }, highlight: 'amount', offer: KW }),
  st('projectSupervisor', { words: ['主管部门'], shape: '<名称>', doc: { zh: '主管部门名称', en: 'Supervising department' }, highlight: 'name', offer: KW }),
  st('implementer', { words: ['实施单位'], shape: '<名称>', doc: { zh: '实施单位', en: 'Implementing unit' }, highlight: 'name', offer: KW }),
  st('goal', { words: PROJECT_GOAL_WORDS, shape: '<文字>', doc: { zh: '项目的年度总体目标（别名 年度目标）', en: 'The project’s annual goal (also 年度目标)' }, highlight: 'text', offer: KW }),
  st('projectEcon', { words: ['经济分类'], shape: '{ <经济分类编码> [名称] <金额> … }', block: { context: 'projectEcon', required: true }, doc: { zh: '项目的经济分类明细（表9 各项目的经济分类）', en: 'The project’s economic lines' }, highlight: 'block', offer: BLOCK }),
  st('indicators', { words: ['指标'], shape: '{ … }', block: { context: 'indicators', required: true }, doc: { zh: '绩效指标块', en: 'Performance indicators block' }, highlight: 'block', offer: { kind: 'snippet', snippet: 'projectIndicators' } }),
  attr('nature'), attr('category'), attr('startDate'), attr('endDate'), attr('period'), attr('fundsTotal'), attr('fundsFiscal'), attr('fundsOther'), attr('fundsCarried'),
  attr('longTermGoal'),
  st('source', {
    words: Object.keys(INCOME_ALIASES).filter((w) => (FUNDING_SOURCES as string[]).includes(INCOME_ALIASES[w])), offered: [...FUNDING_SOURCES], prefixes: CARRIED_WORDS,
    shape: '[上年结转] <资金来源> <金额>', doc: { zh: '项目按资金来源的金额（上年结转 在前：上年结转的资金）', en: 'The project’s amount from a funding source (上年结转 before it: carried over)' }, highlight: 'source', offer: { kind: 'provider', provider: 'sources' },
  }),
  blockMoneyUnit,
] as const;

// ── blocks of rows ─────────────────────────────────────────────────────────────────────────────────

const TOTAL_ROW: Text2 = { zh: '合计行', en: 'total row' };
const totalRow = st('total', { words: ['合计', '总计'], shape: '[金额] [栏目 金额]…', doc: { zh: '合计行（声明的合计会被核对）', en: 'The total row (declared totals are checked)' }, highlight: 'totalRow', offer: { kind: 'keyword', detail: TOTAL_ROW } });
const CODE_ROW_SHAPE = '<编码> [名称] [来源 资金来源] [金额] [栏目 金额]…（栏目：合计 基本 人员 公用 项目）';
const codeRow = st('row', { words: [], shape: CODE_ROW_SHAPE, doc: { zh: '科目行：编码、名称、各栏金额', en: 'A classification row: code, name, amounts by column' }, highlight: 'codeRow', offer: { kind: 'provider', provider: 'rowCodes' } });
/** A row of 经济分类: the codes, and a snippet of a whole row (code, name, 人员/公用, amount). */
const econRow = st('row', { ...codeRow, offer: { kind: 'provider', provider: 'econRows' } });

const FUNC_EXTRA_DOCS: Record<'yearEndCarry' | 'grandTotal' | 'currentTotal', Text2> = {
  currentTotal: { zh: '本年支出合计 = 支出合计', en: 'Current-year expenditure = the total' },
  yearEndCarry: { zh: '年终结转结余', en: 'Year-end carry-over' },
  grandTotal: { zh: '支出总计 = 本年支出合计 + 年终结转结余', en: 'Grand total = current-year + carry-over' },
};
const funcExtra = <const I extends 'yearEndCarry' | 'grandTotal' | 'currentTotal'>(e: I) =>
  st(e, { words: wordsOf(FUNC_EXTRAS, e), shape: '<金额>', doc: FUNC_EXTRA_DOCS[e], highlight: 'totalRow', offer: KW });

// ── the table ──────────────────────────────────────────────────────────────────────────────────────

/** Every statement of every context, in the order completion offers them and BUD002 lists them. */
export const STATEMENTS = {
  top: [
    unit,
    st('department', {
      words: ['部门'], shape: '<部门名称> [{ … }]', block: { context: 'department', required: false },
      doc: { zh: '部门块：包含若干单位，块内属性由各单位继承', en: 'A department block holding units; its attributes are inherited' }, highlight: 'declaration', offer: KW,
    }),
    st('rounding', { words: ['舍入'], shape: '精确 | 容差', doc: { zh: '舍入方式：精确（默认）或 容差', en: 'Rounding mode: 精确 exact (default) or 容差 tolerant' }, highlight: 'rounding', offer: KW }),
    year, edition, moneyUnit, supervisor, kind, region, layout, title, previousFile,
  ],
  department: [unit, code, region, year, edition, moneyUnit, supervisor, kind, layout, title, previousFile, unitFiles, ...UNIT_BODY],
  unit: [code, region, year, edition, moneyUnit, supervisor, kind, layout, title, previousFile, ...UNIT_BODY],
  income: [
    st('line', {
      words: Object.keys(INCOME_ALIASES), prefixes: CARRIED_WORDS,
      offered: ['一般公共预算', '政府性基金预算', '国有资本经营预算', '财政拨款', '财政专户管理资金', '事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入', '单位资金', '本年收入合计', '上年结转', '上年结转结余', '收入总计'],
      shape: '[上年结转] <收入项目> <金额>', doc: { zh: '收入项目及其金额（上年结转 在前：上年结转的收入）', en: 'An income item and its amount (上年结转 before it: carried over)' }, highlight: 'incomeItem', offer: { kind: 'provider', provider: 'incomeItems' },
    }),
    blockMoneyUnit,
  ],
  incomeFunc: [
    st('total', { words: INCOME_FUNC_TOTAL_WORDS, shape: '[合计金额] [收入栏目 金额]…', doc: { zh: '合计行（声明的合计会被核对）', en: 'The total row (declared totals are checked)' }, highlight: 'incomeFuncRow', offer: { kind: 'keyword', detail: TOTAL_ROW } }),
    st('row', {
      words: [], shape: '<功能分类编码> [名称] [合计金额] [收入栏目 金额]…（栏目：合计 财政拨款收入 一般公共预算 政府性基金预算 国有资本经营预算 财政专户管理资金 单位资金 事业收入 事业单位经营收入 上级补助收入 附属单位上缴收入 其他收入 上年结转 …）',
      doc: { zh: '收入科目行：功能分类编码、名称、各收入栏目的金额', en: 'An income-by-function row: code, name, amounts by income column' }, highlight: 'incomeFuncRow', offer: { kind: 'provider', provider: 'incomeFuncCodes' },
    }),
    blockMoneyUnit,
  ],
  func: [totalRow, funcExtra('currentTotal'), funcExtra('yearEndCarry'), funcExtra('grandTotal'), codeRow, blockMoneyUnit],
  econ: [totalRow, econRow, blockMoneyUnit],
  gov: [totalRow, codeRow, blockMoneyUnit],
  mapping: [
    st('line', { words: [], shape: '<部门经济分类编码> <政府经济分类编码>', doc: { zh: '对照行：部门经济分类编码 → 政府经济分类编码', en: 'A correspondence: department economic code → government economic code' }, highlight: 'mapping', offer: { kind: 'provider', provider: 'mappingCodes' } }),
  ],
  sangong: [
    st('line', {
      words: Object.keys(SANGONG_ITEMS), offered: ['合计', '因公出国（境）费', '公务用车购置及运行费', '公务用车购置费', '公务用车运行费', '公务接待费', '机关运行经费'],
      shape: '<“三公”经费项目> <金额>', doc: { zh: '“三公”经费项目及其金额', en: 'A 三公 item and its amount' }, highlight: 'sangongItem', offer: { kind: 'provider', provider: 'sangongItems' },
    }),
    blockMoneyUnit,
  ],
  project: PROJECT,
  projectEcon: [
    st('line', { words: [], shape: '<经济分类编码> [名称] <金额>', doc: { zh: '项目的经济分类行：编码、名称、金额', en: 'A project’s economic line: code, name, amount' }, highlight: 'econLine', offer: { kind: 'provider', provider: 'projectEconCodes' } }),
  ],
  indicators: [
    st('indicator', { words: [], shape: '<指标名称> [运算符] [指标值 [度量单位]] [完成时限]', doc: { zh: '指标行：名称 运算符 指标值 度量单位 完成时限', en: 'An indicator: name operator value unit deadline' }, highlight: 'indicator', offer: { kind: 'snippet', snippet: 'indicator' } }),
    st('level1', { words: ['一级'], shape: '<一级指标>', doc: { zh: '一级指标（对其后的指标生效）', en: 'First-level indicator (applies to the lines that follow)' }, highlight: 'level', offer: KW }),
    st('level2', { words: ['二级'], shape: '<二级指标>', doc: { zh: '二级指标（对其后的指标生效）', en: 'Second-level indicator (applies to the lines that follow)' }, highlight: 'level', offer: KW }),
    st('deadline', { words: ['时限', '完成时限'], offered: ['时限', '完成时限'], shape: '<完成时限>', doc: { zh: '默认完成时限', en: 'Default deadline' }, highlight: 'deadline', offer: KW }),
  ],
  overall: [
    st('task', { words: ['任务'], shape: '<任务名称> [金额]', doc: { zh: '整体绩效任务：名称 金额', en: 'Overall task: name amount' }, highlight: 'task', offer: KW }),
    st('goal', { words: ['年度目标', '年度绩效目标'], shape: '<文字>', doc: { zh: '年度总体目标（整体绩效；在项目中同 总体目标）', en: 'Annual goal (overall targets; in a project the same as 总体目标)' }, highlight: 'text', offer: KW }),
    st('indicators', { words: ['指标', '年度绩效指标'], shape: '{ … }', block: { context: 'indicators', required: true }, doc: { zh: '绩效指标块', en: 'Performance indicators block' }, highlight: 'block', offer: { kind: 'snippet', snippet: 'overallIndicators' } }),
    blockMoneyUnit,
  ],
  list: [
    st('row', { words: [], shape: '[编码] <名称> [金额] [栏目 金额]…（栏目：总计 已分配 未分配），合计 …，其中 …', doc: { zh: '表的一行：名称与金额（合计行、其中行）', en: 'A row of the table: name and amounts (a 合计 row, 其中 rows)' }, highlight: 'listRow', offer: { kind: 'provider', provider: 'listRows' } }),
    blockMoneyUnit,
  ],
  comparison: [
    st('line', {
      words: Object.keys(COMPARE_FIGURES), offered: COMPARE_FIGURE_WORDS,
      shape: '<项目> [本年] <金额> | <项目> [本年 金额] [上年 金额] [增减 金额 | 增加 金额 | 减少 金额 | 持平] [增幅 x% | 增长 x% | 下降 x%]',
      doc: { zh: '说明中的一个数字：项目、本年数，及写出的上年、增减、增减率（只写本年亦可）', en: 'A figure of the 说明: the figure, this year’s amount, and last year, the change and the rate where printed (this year alone is valid)' },
      highlight: 'comparison', offer: { kind: 'provider', provider: 'compareFigures' },
    }),
    st('codeLine', {
      words: [], shape: '<功能分类编码> [名称] [本年] <金额> [上年 金额] [增减 … | 增加 … | 减少 … | 持平] [增幅 … | 增长 … | 下降 …]',
      doc: { zh: '说明中一个功能分类科目的金额（“‘…（类）…（款）…（项）’X万元”）：按“支出”块该科目的合计核对；同一科目可写两次（说明写了两遍时）', en: 'A function code’s figure in the 说明 (“‘…（类）…（款）…（项）’X 万元”): checked against the code’s total in 支出; a code may be written twice (when the 说明 states it twice)' },
      highlight: 'compareCode', offer: { kind: 'provider', provider: 'rowCodes' },
    }),
    st('projects', {
      words: ['项目共', '项目个数'], shape: '<个数> [个] [金额]',
      doc: { zh: '说明中的项目数与项目金额（“项目共5个，涉及项目预算资金456.78万元”）：按本单位写出的项目核对', en: 'The number of projects and their money the 说明 states (“项目共5个，涉及项目预算资金456.78万元”): checked against the unit’s projects' },
      highlight: 'amount', offer: KW,
    }),
    st('tableNote', {
      words: ['表注'], shape: '<表号> <注的文字>',
      doc: { zh: '表下的注（“本部门无政府性基金预算财政拨款安排，故本表为空表”）：注应写在空表下，并说该表自己的资金', en: 'The note under a table (“本部门无政府性基金预算财政拨款安排，故本表为空表”): it stands under an empty table and names that table’s own funds' },
      highlight: 'text', offer: KW,
    }),
    st('text', {
      words: ['原文'], shape: '<文字>',
      doc: { zh: '说明的原文（按发布的文字）：核对遗留的占位符（XX、××、待填写、……）与不属本年度或上年度的年份', en: 'Text of the 说明 as published: checked for placeholders left in (XX, ××, 待填写, ……) and for years other than the budget year and the year before' },
      highlight: 'text', offer: KW,
    }),
    blockMoneyUnit,
  ],
  printed: [
    st('row', {
      words: [], shape: '<科目编码 | 合计 | 行名> <栏目> <金额> [<栏目> <金额>]…',
      doc: { zh: '表的一行所印的数字：行（科目编码、合计或行名，含空格时加引号）、栏目与金额', en: 'The figures printed on one row of the table: the row (a code, 合计 or its label, quoted when it holds spaces), columns and amounts' },
      highlight: 'printedRow', offer: { kind: 'provider', provider: 'rowCodes' },
    }),
    blockMoneyUnit,
  ],
} as const satisfies Record<Context, readonly Statement[]>;

/** The statements allowed in a context. */
export type StatementIn<C extends Context> = (typeof STATEMENTS)[C][number];
export type StatementId<C extends Context> = StatementIn<C>['id'];

/** How each context is named in messages (BUD002). */
export const CONTEXT_NAMES: Record<Context, Text2> = {
  top: { zh: '文件顶层', en: 'the top level' },
  department: { zh: '部门块', en: 'a 部门 block' },
  unit: { zh: '单位块', en: 'a 单位 block' },
  project: { zh: '项目块', en: 'a 项目 block' },
  indicators: { zh: '指标块', en: 'an 指标 block' },
  overall: { zh: '整体绩效块', en: 'an 整体绩效 block' },
  income: { zh: '收入块', en: 'the 收入 block' },
  incomeFunc: { zh: '收入科目行', en: 'income-by-function rows' },
  func: { zh: '科目行', en: 'classification rows' },
  econ: { zh: '科目行', en: 'classification rows' },
  gov: { zh: '科目行', en: 'classification rows' },
  sangong: { zh: '三公块', en: 'the 三公 block' },
  mapping: { zh: '对照块', en: 'the 对照 block' },
  projectEcon: { zh: '项目经济分类块', en: 'a project’s 经济分类 block' },
  comparison: { zh: '说明块', en: 'the 说明 block' },
  list: { zh: '表块', en: 'a table block' },
  printed: { zh: '印出块', en: 'a 印出 block' },
};

/** The words (and patterns) a context allows, as BUD002 lists them (all but the statement `except`). */
export function allowedIn(context: Context, except?: string): string {
  const parts: string[] = [];
  for (const s of STATEMENTS[context] as readonly Statement[]) {
    if (s.id === except) continue;
    const text = isPattern(s) ? s.shape : (s.offered ?? [s.words[0]]).join(' ');
    if (!parts.includes(text)) parts.push(text);
  }
  return parts.join(' ');
}

/** A statement recognised in its context: `lead` items (a prefix: 上年结转, 其中) come before its word. */
export interface Recognised<C extends Context> {
  statement: StatementIn<C>;
  lead: number;
}

/** A context's statements by word (recognised once: the results are shared, read-only). */
interface Index {
  byWord: Map<string, Recognised<Context>>;
  byPrefixed: Map<string, Recognised<Context>>;
  prefixes: Set<string>;
  pattern?: Recognised<Context>;
}

const INDEX = new Map<Context, Index>();

function indexOf(context: Context): Index {
  let ix = INDEX.get(context);
  if (ix) return ix;
  ix = { byWord: new Map(), byPrefixed: new Map(), prefixes: new Set() };
  for (const s of STATEMENTS[context] as readonly Statement[]) {
    const statement = s as StatementIn<Context>;
    const atWord: Recognised<Context> = { statement, lead: 0 };
    const afterPrefix: Recognised<Context> = { statement, lead: 1 };
    if (isPattern(s)) ix.pattern = atWord;
    for (const w of s.words) if (!ix.byWord.has(w)) ix.byWord.set(w, atWord);
    for (const p of s.prefixes ?? []) {
      ix.prefixes.add(p);
      for (const w of s.words) ix.byPrefixed.set(`${p} ${w}`, afterPrefix);
    }
  }
  INDEX.set(context, ix);
  return ix;
}

/**
 * The statement a line is, in its context: by its first word (or a prefix and the word after it), else the
 * context's row, if it has one. A line with a block is only a statement that takes one; undefined: the line is
 * not a statement of the context (BUD002).
 */
export function statementOf<C extends Context>(context: C, s: Stmt): Readonly<Recognised<C>> | undefined {
  const r = recognise(context, s.items);
  if (!r || (s.block && !r.statement.block)) return undefined;
  return r;
}

/** The statement the items of a line start, ignoring any block (see statementOf). */
export function recognise<C extends Context>(context: C, items: readonly Item[]): Readonly<Recognised<C>> | undefined {
  const first = items[0];
  if (!first) return undefined;
  const ix = indexOf(context);
  const found = (items[1] && ix.prefixes.has(first.image) ? ix.byPrefixed.get(`${first.image} ${items[1].image}`) : undefined)
    ?? ix.byWord.get(first.image) ?? gluedPart(ix, first.image) ?? ix.pattern;
  return found as Recognised<C> | undefined;
}

/** A part of 资金总额 glued to its 其中 (`其中：财政资金`). */
function gluedPart(ix: Index, w: string): Recognised<Context> | undefined {
  if (!w.startsWith('其中')) return undefined;
  const m = /^其中[：:]?(.+)$/.exec(w);
  const r = m ? ix.byWord.get(m[1]) : undefined;
  return r?.statement.prefixes === PART_PREFIXES ? r : undefined;
}

/** Every statement of every context, once each (a statement shared by contexts is one object). */
export function allStatements(): Array<{ context: Context; statement: Statement }> {
  const out: Array<{ context: Context; statement: Statement }> = [];
  for (const context of Object.keys(STATEMENTS) as Context[]) for (const statement of STATEMENTS[context] as readonly Statement[]) out.push({ context, statement });
  return out;
}

/** Highlights whose words are values (income items, sources, 三公 items, compared figures), not keywords. */
const VALUE_HIGHLIGHTS: ReadonlySet<Highlight> = new Set<Highlight>(['incomeItem', 'source', 'sangongItem', 'comparison']);

/** Words inside statements that are keywords wherever they stand: column labels, 来源, 上年结转, rounding modes, 无. */
export const INNER_KEYWORDS = {
  column: Object.keys(COLUMN_LABELS),
  source: ['来源', ...CARRIED_WORDS],
  rounding: ['精确', '容差'],
  empty: ['无'],
} as const;

/** Every reserved word (statement keywords and the inner keywords), longest first: highlighting, spaced-out words. */
export function allKeywords(): string[] {
  const set = new Set<string>(Object.values(INNER_KEYWORDS).flat());
  for (const { statement } of allStatements()) if (!VALUE_HIGHLIGHTS.has(statement.highlight)) for (const w of statement.words) set.add(w);
  return [...set].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** The default of an exhaustive switch: `x` is `never` when every case is handled (a new statement needs its case). */
export function unreachable(x: never): void {
  void x;
}
