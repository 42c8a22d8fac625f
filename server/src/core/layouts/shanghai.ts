/**
 * The Shanghai layouts (上海单位, 上海部门): the nine tables of a Shanghai 单位预算 or 部门预算 as the disclosure
 * workbooks and the published documents print them (see test/fixtures/real/ for a published department budget):
 *
 *   表1 财务收支预算总表 · 表2 收入预算总表 · 表3 支出预算总表 · 表4 财政拨款收支预算总表 ·
 *   表5/6/7 一般公共预算 / 政府性基金预算 / 国有资本经营预算支出功能分类预算表 ·
 *   表8 一般公共预算基本支出部门预算经济分类预算表 · 表9 “三公”经费和机关运行经费预算表
 *
 * and, for a department, 项目经费情况说明 (one per project written). Amounts in 元 (表9 in 万元), figures as written
 * (a printed 0 stays 0), classification codes in 类/款/项 columns, the 合计 row last, empty tables (政府性基金,
 * 国有资本经营) published with their note. A unit's 表1 has 合计/人员经费/公用经费/项目支出 per 类; a department's
 * only the 类 totals.
 */
import type { IncomeFuncNode, TreeNode, UnitFigures } from '../compute';
import type { Span } from '../diagnostics';
import { FISCAL_SOURCES, INCOME_FUNC_COLUMNS, type Column, type FundingSource } from '../keywords';
import type { Section } from '../model';
import type { CellStyle } from './cells';
import { computedOf, covered, figureCell, label, nodeCell, preorder, txt, writtenOf, type CellFormat } from './cells';
import type { HeaderCell, TableCell } from './grid';
import { cn, expenseTotals, incomeCell, incomeFuncCell, nodeSpan, sangongCell, sideBySide, table17, totalSpan } from './reference';
import type { BuildContext, Layout, TableSpec, TextSheet } from './types';

/** Shanghai prints figures as written (`15`, `0`), computed ones at the table's decimals, zeros as 0. */
const STYLE_YUAN: CellStyle = { minDecimals: 0, asWritten: true, zero: 'number' };

// ── codes in 类/款/项 columns ───────────────────────────────────────────────────────────────────────────

/** The code split into its 类/款/项 (or 类/款) columns, each cell pointing at the row's code. */
function codeColumns(n: TreeNode | IncomeFuncNode, parts: number): TableCell[] {
  const span = n.rows[0]?.codeSpan;
  const segs = [n.code.slice(0, 3), n.code.slice(3, 5), n.code.slice(5, 7)].slice(0, parts);
  return segs.map((s) => txt(s, { span: s ? span : undefined }));
}

function nameCell(n: TreeNode | IncomeFuncNode): TableCell {
  const r = n.rows[0];
  return txt(n.name ?? '', { span: r?.name?.span ?? r?.codeSpan });
}

/** The 合计 label over the code and name columns (合计 stands last in Shanghai tables). */
function totalLead(width: number, span: Span | undefined): TableCell[] {
  return [label('合计', { span, colSpan: width }), ...Array.from({ length: width - 1 }, covered)];
}

/** The header of a classification table: 项目 over the code and name columns, `group` over the figures. */
function classHeader(codeTitle: string, nameTitle: string, parts: string[], group: string, figures: string[]): HeaderCell[][] {
  const lead = parts.length + 1;
  return [
    [{ text: '项目', colSpan: lead }, { text: group, colSpan: figures.length }],
    [{ text: codeTitle, colSpan: parts.length }, { text: nameTitle, rowSpan: 2 }, ...figures.map((text) => ({ text, rowSpan: 2 }))],
    parts.map((text) => ({ text })),
  ];
}

/** Whether a node has a figure (written or computed) in one of the columns, over the sources `pick` selects. */
function hasFigure(n: TreeNode, section: Section | undefined, cols: Column[], pick?: (k: string) => boolean): boolean {
  return cols.some((c) => computedOf(n, c, pick) !== undefined || writtenOf(n, section, c, pick) !== undefined);
}

/** Classification rows (支出 by kind, 经济分类 basic): every code with a figure, in code order, 合计 last. */
function classRows(
  fmt: CellFormat, root: TreeNode, section: Section | undefined, cols: Column[], parts: number, pick?: (k: string) => boolean,
): TableCell[][] {
  const rows: TableCell[][] = [];
  for (const n of preorder(root)) {
    if (!hasFigure(n, section, cols, pick)) continue;
    const key = pick ? [...n.bySource.keys()].filter(pick) : [];
    rows.push([
      ...codeColumns(n, parts), nameCell(n),
      ...cols.map((c) => nodeCell(fmt, n, section, c, pick, nodeSpan(n, c, key.length === 1 ? key[0] : undefined, section?.headerSpan))),
    ]);
  }
  rows.push([...totalLead(parts + 1, totalSpan(section, undefined)), ...cols.map((c) => nodeCell(fmt, root, section, c, pick, totalSpan(section, c)))]);
  return rows;
}

const FUNC_PARTS = ['类', '款', '项'];

/** 表3 支出预算总表 and 表5–表7 by source: 合计 | 基本支出 | 项目支出 per function code. */
function funcKinds(group: string, source?: FundingSource) {
  return (ctx: BuildContext) => {
    const { f, fmt } = ctx;
    const pick = source ? (k: string) => k === source : undefined;
    const header = classHeader('功能分类科目编码', '功能分类科目名称', FUNC_PARTS, group, ['合计', '基本支出', '项目支出']);
    const rows = classRows(fmt, f.func.root, f.unit.func, ['total', 'basic', 'project'], 3, pick);
    return ctx.make(header, rows);
  };
}

/** 表8: the basic expenditure from 一般公共预算 by department economic code: 合计 | 人员经费 | 公用经费. */
function econBasic(codeTitle: string, nameTitle: string) {
  return (ctx: BuildContext) => {
    const { f, fmt } = ctx;
    const header = classHeader(codeTitle, nameTitle, ['类', '款'], '一般公共预算基本支出', ['合计', '人员经费', '公用经费']);
    const rows = classRows(fmt, f.econ.root, f.unit.econ, ['basic', 'personnel', 'public'], 2, (k) => k === '一般公共预算');
    return ctx.make(header, rows);
  };
}

// ── 表2 收入预算总表 ──────────────────────────────────────────────────────────────────────────────────

const INCOME_KEYS: Array<{ key: string; text: string }> = [
  { key: '收入总计', text: '合计' },
  { key: '本年:财政拨款', text: '财政拨款收入' },
  { key: '本年:事业收入', text: '事业收入' },
  { key: '本年:事业单位经营收入', text: '事业单位经营收入' },
  { key: '本年:其他收入', text: '其他收入' },
];

/** The income columns a Shanghai 表2 prints, then every other column the 收入科目 block writes (nothing dropped). */
function incomeColumns(f: UnitFigures): Array<{ key: string; text: string }> {
  const sec = f.unit.incomeFunc;
  const written = new Set<string>();
  for (const r of [...(sec?.rows ?? []), ...(sec?.total ? [sec.total] : [])]) for (const c of r.cells) if (c.amount) written.add(`${c.carried ? '上年结转:' : '本年:'}${c.item}`);
  const fixed = new Set(INCOME_KEYS.map((k) => k.key));
  // Parts of 财政拨款收入 (一般公共预算 …) are in it; the other columns a block writes are shown after the usual ones.
  const inFiscal = new Set(FISCAL_SOURCES.map((s) => `本年:${s}`));
  const extra = INCOME_FUNC_COLUMNS.filter((c) => written.has(c.key) && !fixed.has(c.key) && !inFiscal.has(c.key) && c.key !== '本年:收入总计');
  return [...INCOME_KEYS, ...extra.map((c) => ({ key: c.key, text: c.zh }))];
}

function incomeByFunction(ctx: BuildContext) {
  const { f, fmt } = ctx;
  const cols = incomeColumns(f);
  const header = classHeader('功能分类科目编码', '功能分类科目名称', FUNC_PARTS, '收入预算', cols.map((c) => c.text));
  const rows: TableCell[][] = [];
  if (f.unit.incomeFunc) {
    const tree = f.incomeFunc;
    const walk = (n: IncomeFuncNode): void => {
      for (const c of [...n.children].sort((a, b) => a.code.localeCompare(b.code))) {
        rows.push([...codeColumns(c, 3), nameCell(c), ...cols.map((k) => incomeFuncCell(fmt, f, c, k.key))]);
        walk(c);
      }
    };
    walk(tree.root);
    const sec = f.unit.incomeFunc;
    rows.push([...totalLead(4, sec.total?.codeSpan ?? sec.headerSpan), ...cols.map((k) => incomeFuncCell(fmt, f, tree.root, k.key))]);
    return ctx.make(header, rows);
  }
  // Without a 收入科目 block: each code's income by source is its spending by source (this year's), computed.
  const sec = f.unit.func;
  const pickOf = (key: string): ((k: string) => boolean) => {
    if (key === '收入总计') return (k) => !k.startsWith('上年结转:');
    if (key === '本年:财政拨款') return (k) => (FISCAL_SOURCES as string[]).includes(k);
    return (k) => k === key.slice(3);
  };
  const cell = (n: TreeNode, key: string): TableCell => figureCell(fmt, undefined, computedOf(n, 'total', pickOf(key)), nodeSpan(n, 'total', undefined, sec?.headerSpan));
  for (const n of preorder(f.func.root)) {
    if (computedOf(n, 'total') === undefined) continue;
    rows.push([...codeColumns(n, 3), nameCell(n), ...cols.map((k) => cell(n, k.key))]);
  }
  rows.push([...totalLead(4, totalSpan(sec, 'total')), ...cols.map((k) => figureCell(fmt, undefined, computedOf(f.func.root, 'total', pickOf(k.key)), totalSpan(sec, 'total')))]);
  return ctx.make(header, rows, { note: '注：文件未写“收入科目”，本表按“支出”各科目的资金来源计算。' });
}

// ── 表1 and 表4: the side-by-side summaries ─────────────────────────────────────────────────────────────

/** The 类 rows of the function tree with a figure, numbered 一、二、… */
function classes(f: UnitFigures, pick?: (k: string) => boolean): TreeNode[] {
  return [...f.func.root.children].sort((a, b) => a.code.localeCompare(b.code)).filter((n) => hasFigure(n, f.unit.func, ['total'], pick));
}

/** Income lines beyond the ones a Shanghai 表1 prints, when the document has them (nothing dropped). */
const MORE_INCOME: Array<[string, string]> = [
  ['本年:财政专户管理资金', '财政专户管理资金收入'], ['本年:上级补助收入', '上级补助收入'], ['本年:附属单位上缴收入', '附属单位上缴收入'], ['上年结转结余', '上年结转结余'],
];

function summary(withKinds: boolean, numbering: (i: number) => string) {
  return (ctx: BuildContext) => {
    const { f, fmt } = ctx;
    const sec = f.unit.func;
    const inc = (text: string, key: string): TableCell[] => [txt(text), incomeCell(fmt, f, key)];
    const left: TableCell[][] = [
      inc('一、财政拨款收入', '本年:财政拨款'),
      ...FISCAL_SOURCES.map((s, i) => inc(`${numbering(i)}${s}`, `本年:${s}`)),
      inc('二、事业收入', '本年:事业收入'),
      inc('三、事业单位经营收入', '本年:事业单位经营收入'),
      inc('四、其他收入', '本年:其他收入'),
    ];
    let k = 4;
    for (const [key, text] of MORE_INCOME) if (f.income.values.get(key) !== undefined) left.push(inc(`${cn(k++)}、${text}`, key));
    const kinds: Column[] = withKinds ? ['total', 'personnel', 'public', 'project'] : ['total'];
    const right: TableCell[][] = classes(f).map((n, i) => [
      txt(`${cn(i)}、${n.name ?? n.code}`, { span: n.rows[0]?.codeSpan }),
      ...kinds.map((c) => nodeCell(fmt, n, sec, c, undefined, nodeSpan(n, c, undefined, sec?.headerSpan))),
    ]);
    const rows = sideBySide(left, right, 1 + kinds.length);
    const grand = expenseTotals(fmt, f).grand;
    rows.push([
      label('收入总计'), incomeCell(fmt, f, '收入总计'), label('支出总计'), grand,
      ...kinds.slice(1).map((c) => nodeCell(fmt, f.func.root, sec, c, undefined, totalSpan(sec, c))),
    ]);
    const header: HeaderCell[][] = withKinds
      ? [
        [{ text: '本年收入', colSpan: 2 }, { text: '本年支出', colSpan: 5 }],
        [{ text: '项目', rowSpan: 3 }, { text: '预算数', rowSpan: 3 }, { text: '项目', rowSpan: 3 }, { text: '预算数', colSpan: 4 }],
        [{ text: '合计', rowSpan: 2 }, { text: '基本支出', colSpan: 2 }, { text: '项目支出', rowSpan: 2 }],
        [{ text: '人员经费' }, { text: '公用经费' }],
      ]
      : [
        [{ text: '本年收入', colSpan: 2 }, { text: '本年支出', colSpan: 2 }],
        [{ text: '项目' }, { text: '预算数' }, { text: '项目' }, { text: '预算数' }],
      ];
    const columns = withKinds
      ? ['收入项目', '收入预算数', '支出项目', '支出合计', '人员经费', '公用经费', '项目支出']
      : ['收入项目', '收入预算数', '支出项目', '支出预算数'];
    return ctx.make(header, rows, { columns });
  };
}

const isFiscal = (k: string): boolean => (FISCAL_SOURCES as string[]).includes(k);

/** 表4 财政拨款收支预算总表: fiscal income by source | fiscal spending per 类: 合计 and one column per source. */
function fiscalSummary(ctx: BuildContext) {
  const { f, fmt } = ctx;
  const sec = f.unit.func;
  const picks: Array<(k: string) => boolean> = [isFiscal, ...FISCAL_SOURCES.map((s) => (k: string) => k === s)];
  const left: TableCell[][] = FISCAL_SOURCES.map((s, i) => [txt(`${cn(i)}、${s}`), incomeCell(fmt, f, `本年:${s}`)]);
  const figures = (n: TreeNode): TableCell[] => picks.map((p) => {
    const keys = [...n.bySource.keys()].filter(p);
    return nodeCell(fmt, n, sec, 'total', p, n.code ? nodeSpan(n, 'total', keys.length === 1 ? keys[0] : undefined, sec?.headerSpan) : totalSpan(sec, 'total'));
  });
  const right: TableCell[][] = classes(f, isFiscal).map((n, i) => [txt(`${cn(i)}、${n.name ?? n.code}`, { span: n.rows[0]?.codeSpan }), ...figures(n)]);
  const rows = sideBySide(left, right, 5);
  rows.push([label('收入总计'), incomeCell(fmt, f, '本年:财政拨款'), label('支出总计'), ...figures(f.func.root)]);
  const header: HeaderCell[][] = [
    [{ text: '财政拨款收入', colSpan: 2 }, { text: '财政拨款支出', colSpan: 5 }],
    [{ text: '项目' }, { text: '预算数' }, { text: '项目' }, { text: '合计' }, ...FISCAL_SOURCES.map((text) => ({ text }))],
  ];
  return ctx.make(header, rows, { columns: ['收入项目', '收入预算数', '支出项目', '支出合计', ...FISCAL_SOURCES] });
}

// ── 表9 “三公”经费和机关运行经费 ─────────────────────────────────────────────────────────────────────────

function sangongOps(ctx: BuildContext) {
  const { f, fmt } = ctx;
  const header: HeaderCell[][] = [
    [{ text: '“三公”经费预算数', colSpan: 6 }, { text: '机关运行经费预算数', rowSpan: 3 }],
    [{ text: '合计', rowSpan: 2 }, { text: '因公出国(境)费', rowSpan: 2 }, { text: '公务接待费', rowSpan: 2 }, { text: '公务用车购置及运行费', colSpan: 3 }],
    [{ text: '小计' }, { text: '购置费' }, { text: '运行费' }],
  ];
  const items = ['total', 'abroad', 'reception', 'vehicle', 'vehiclePurchase', 'vehicleRun', 'opsFunds'] as const;
  return ctx.make(header, [items.map((k) => sangongCell(fmt, f, k))], {
    columns: ['“三公”经费合计', '因公出国(境)费', '公务接待费', '公务用车购置及运行费小计', '公务用车购置费', '公务用车运行费', '机关运行经费'],
  });
}

// ── the layouts ───────────────────────────────────────────────────────────────────────────────────────

type Subject = '部门' | '单位';

/** The nine tables, for a 部门 (department) or a 单位 (unit) — they differ in wording, sheets and 表1's columns. */
function tables(subject: Subject): TableSpec[] {
  const dept = subject === '部门';
  const t = dept ? '部门' : '预算单位';
  const s = dept ? '部门' : '单位';
  const spec = (id: string, zh: string, en: string, build: TableSpec['build'], sheet: string, extra: Partial<TableSpec> = {}): TableSpec => ({
    id, title: { zh: `{年}${zh}`, en }, unit: '元', build, sheet, ...extra,
  });
  const emptyNote = (what: string): string => `注：本${s}{年}无${what}财政拨款安排的预算，故本表为空表。`;
  return [
    spec('表1', `${t}财务收支预算总表`, 'Summary of revenue and expenditure', summary(!dept, (i) => `${i + 1}${dept ? '. ' : '、'}`), `${s}收支总表`, {
      requires: { kind: 'section', section: 'income' },
    }),
    spec('表2', `${t}收入预算总表`, 'Revenue budget by function', incomeByFunction, `${s}收入总表`, { requires: { kind: 'section', section: 'func' } }),
    spec('表3', `${t}支出预算总表`, 'Expenditure budget by function', funcKinds('支出预算'), `${s}支出总表`, { requires: { kind: 'section', section: 'func' } }),
    spec('表4', `${t}财政拨款收支预算总表`, 'Fiscal appropriations: revenue and expenditure', fiscalSummary, `${s}财政拨款收支总表`),
    spec('表5', `${t}一般公共预算支出功能分类预算表`, 'General public budget expenditure by function', funcKinds('一般公共预算支出', '一般公共预算'), `${s}一般公共预算拨款表`),
    spec('表6', `${t}政府性基金预算支出功能分类预算表`, 'Government fund budget expenditure by function', funcKinds('政府性基金预算支出', '政府性基金预算'), `${s}政府性基金拨款表`, {
      requires: { kind: 'sourceOrEmpty', source: '政府性基金预算', list: 'fundExp' }, emptyNote: emptyNote('政府性基金预算'),
    }),
    spec('表7', `${t}国有资本经营预算支出功能分类预算表`, 'State capital operations budget expenditure by function', funcKinds('国有资本经营预算支出', '国有资本经营预算'), `${s}国有资本经营预算拨款表 `, {
      requires: { kind: 'sourceOrEmpty', source: '国有资本经营预算', list: 'capitalExp' }, emptyNote: emptyNote('国有资本经营预算'),
    }),
    spec('表8', `${t}一般公共预算基本支出部门预算经济分类预算表`, 'General public budget basic expenditure by economic classification',
      dept ? econBasic('部门预算经济分类科目编码', '经济分类科目名称') : econBasic('经济分类科目编码', '部门经济分类科目名称'), `${s}一般公共预算拨款基本支出明细表`, {
        requires: { kind: 'section', section: 'econ' },
      }),
    { ...spec('表9', `${dept ? '部门' : '单位'}“三公”经费和机关运行经费预算表`, '三公 spending and agency operating funds', sangongOps, `${s}“三公”经费和机关运行费预算表`), unit: '万元', requires: { kind: 'section', section: 'sangong' } },
    // 七、项目经费情况说明: the performance form (财政项目支出绩效目标申报表) of each project written.
    ...(dept ? [spec('项目说明', '项目经费情况说明', 'Project funding statement', table17, '项目经费情况说明', { title: { zh: '项目经费情况说明', en: 'Project funding statement' }, optional: true })] : []),
  ];
}

/** The text sheets of the official workbook, around the table sheets. */
function workbook(subject: Subject): TextSheet[] {
  const dept = subject === '部门';
  const s = dept ? '部门' : '单位';
  return [
    { name: '封面', heading: `{年}${s}预算`, at: 'before', fill: 'cover', byline: dept ? '预算主管部门：{名称}' : '预算单位：{名称}' },
    { name: '目录', heading: '目  录', at: 'before', fill: 'contents' },
    { name: dept ? '部门主要职能' : '单位职能', heading: `{名称}（${s}）主要职能`, at: 'before', toc: `${s}主要职能` },
    { name: dept ? '部门机构设置' : '单位机构设置', heading: `{名称}（${s}）机构设置`, at: 'before', toc: `${s}机构设置`, fill: 'organisation' },
    { name: '名词解释', heading: '名词解释', at: 'before', toc: '名词解释' },
    { name: `${s}编制说明`, heading: `{年}${s}预算编制说明`, at: 'before', toc: `${s}预算编制说明` },
    { name: '其他相关情况说明', heading: '其他相关情况说明', at: 'after', toc: '其他相关情况说明', fill: 'other' },
    // The department's project forms (项目说明) stand on this sheet.
    ...(dept ? [{ name: '项目经费情况说明', heading: '项目经费情况说明', at: 'after', toc: '项目经费情况说明' } as TextSheet] : []),
  ];
}

function shanghai(subject: Subject): Layout {
  const dept = subject === '部门';
  return {
    id: dept ? '上海部门' : '上海单位',
    name: dept ? { zh: '上海部门预算（9 张表）', en: 'Shanghai department budget (9 tables)' } : { zh: '上海单位预算（9 张表）', en: 'Shanghai unit budget (9 tables)' },
    description: dept
      ? { zh: '上海市区级部门预算公开表（部门汇总）：9 张表，金额单位元，“三公”经费表为万元，合计行在后，编码分类款项列。', en: 'Shanghai district department budgets (consolidated): 9 tables in 元, the 三公 table in 万元, 合计 last, codes in 类/款/项 columns.' }
      : { zh: '上海市区级单位预算公开表：9 张表，金额单位元，“三公”经费表为万元；收支总表按类列出人员经费、公用经费、项目支出。', en: 'Shanghai district unit budgets: 9 tables in 元, the 三公 table in 万元; 表1 shows personnel, public and project spending per 类.' },
    subject,
    style: STYLE_YUAN,
    totalRow: 'last',
    unitLine: (name, unit) => ({ left: `${dept ? '编制部门' : '编制单位'}：${name}`, right: `单位：${unit}` }),
    tables: tables(subject),
    workbook: workbook(subject),
    documentTitle: '{年}{名称}{主体}预算',
  };
}

export const SHANGHAI_UNIT_LAYOUT: Layout = shanghai('单位');
export const SHANGHAI_DEPARTMENT_LAYOUT: Layout = shanghai('部门');

