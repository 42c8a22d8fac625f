/**
 * Completion by context: the enclosing block decides the statement words offered, and the words already
 * typed on the line decide the values (codes with their names, funding sources, column labels, indicator
 * levels, operators, units, dates). Codes match by code prefix or by a part of their Chinese name; their
 * filterText holds both.
 *
 * Typing a space asks for completion too (trigger 'space'); it answers only where the next word comes from a
 * closed set — a code's name, the column labels after an amount (and the parts after a project's 资金总额), funding
 * sources after 来源 / 上年结转, the codes after 功能科目 or in 对照, an attribute's values, indicator levels, units
 * and deadlines, the columns of a 上年比较 line after its figure or a value — and nothing elsewhere: not at a line
 * start (indentation), not in a name, a description or another free text (项目性质, 项目类别 and a project's dates
 * are free: their usual values come when asked for).
 */
import type { Analysis } from '../analyze';
import { BLANKS } from '../blank';
import { builtinCatalog, normalizeName, type Catalog, type ClassKind } from '../catalog';
import type { UnitFigures } from '../compute';
import type { Locale } from '../i18n';
import {
  CARRIED_WORDS, COLUMN_LABELS, COLUMN_NAMES, COMMON_UNITS, COMPARE_COLUMN_WORDS, COMPARE_COLUMNS, COMPARE_FIGURE_WORDS, COMPARE_FIGURES,
  compareFigureKey, compareFigureName, FUNC_EXTRAS, FUNDING_SOURCES, INCOME_ALIASES, INCOME_FUNC_TOTAL_WORDS, LAYOUT_VALUE_WORDS, LAYOUT_WORDS, LEVEL1_KNOWN,
  LEVEL2_KNOWN, LIST_TABLES, OPERATORS, PERIOD_ITEMS, PROJECT_ATTRS, PROJECT_CATEGORIES, PROJECT_NATURES, SANGONG_NAMES,
  UNIT_KINDS, type IncomeItem, type SangongItem,
} from '../keywords';
import { formatMoney } from '../money';
import { LAYOUTS } from '../layouts/index';
import { INNER_KEYWORDS, STATEMENTS, unreachable, type Context, type Offer, type Statement } from '../statements';
import { KEYWORD_DOCS } from './docs';
import { nameFieldSkeleton, SANGONG_LINES, skeletonSnippet } from './skeleton';
import { tr } from './i18n';
import { framesAt, linePrefix, unitAt } from './locate';
import type { CompletionItem, CompletionKind, CompletionList } from './types';

const NUMBER = /^[-−－]?[0-9０-９][0-9０-９,，.．]*$/;
const DIGITS = /^[0-9]+$/;

export interface CompletionOptions {
  catalog?: Catalog;
  /** Maximum number of code items (default 400). */
  maxCodes?: number;
  /** What asked for completion: 'space' when a typed space did (items only where the next word is
   * constrained), 'invoke' (default) for an explicit request or a typed word. */
  trigger?: 'invoke' | 'space';
}

interface Ctx {
  a: Analysis;
  locale: Locale;
  fig?: UnitFigures;
  catalog: Catalog;
  prefix: string;
  range: { start: number; end: number };
  words: string[];
  items: CompletionItem[];
  filtered: boolean;
  maxCodes: number;
  /** The next word comes from a closed set: the items are worth showing right after a typed space. */
  constrained: boolean;
}

export function complete(a: Analysis, offset: number, locale: Locale, options: CompletionOptions = {}): CompletionList {
  const text = a.text;
  offset = Math.max(0, Math.min(offset, text.length));
  if (a.tree.comments.some((c) => offset > c.start && offset <= c.end)) return { items: [], isIncomplete: false };
  const { segment } = linePrefix(text, offset);
  if ((segment.match(/"/g)?.length ?? 0) % 2 === 1) return { items: [], isIncomplete: false };
  const parts = segment.split(BLANKS);
  const prefix = parts.pop() ?? '';
  const words = parts.filter(Boolean);
  const frames = framesAt(a.tidied, offset);
  const context = frames[frames.length - 1].context;
  const fig = unitAt(a, offset);
  const c: Ctx = {
    a, locale, fig, catalog: fig?.catalog ?? options.catalog ?? builtinCatalog(), prefix,
    range: { start: offset - prefix.length, end: offset }, words, items: [], filtered: false, maxCodes: options.maxCodes ?? 400, constrained: false,
  };
  if (context !== 'unknown') {
    if (!words.length) offerStatements(c, context);
    else AFTER_WORDS[context]?.(c);
  }
  if (options.trigger === 'space' && !c.constrained) return { items: [], isIncomplete: false };
  return { items: c.items, isIncomplete: c.filtered };
}

type Provider = (c: Ctx) => void;

function t(c: Ctx, zh: string, en: string): string {
  return tr(c.locale, zh, en);
}

function add(c: Ctx, label: string, kind: CompletionKind, extra: Partial<CompletionItem> = {}): void {
  const doc = KEYWORD_DOCS[label];
  c.items.push({
    label, kind, range: c.range,
    ...(doc && kind === 'keyword' ? { documentation: c.locale === 'en' ? doc.en : doc.zh } : {}),
    sortText: String(c.items.length).padStart(4, '0'),
    ...extra,
  });
}

function keywords(c: Ctx, words: string[]): void {
  for (const w of words) add(c, w, 'keyword');
}

function snippet(c: Ctx, label: string, body: string, detail: string): void {
  add(c, label, 'snippet', { insertText: body, snippet: true, detail, filterText: label.split(' ')[0] });
}

function year(c: Ctx): number {
  return c.fig?.unit.year ?? c.a.model.units.find((u) => u.year !== undefined)?.year ?? new Date().getFullYear();
}

// ── snippets ───────────────────────────────────────────────────────────────────────────────────────

function unitSnippet(c: Ctx): void {
  // An empty file: the whole budget (every block a budget has, comments saying what goes where), as the New Budget
  // File command writes it, its fields as tab stops.
  if (!c.a.model.units.length && !c.a.model.departments.length) {
    snippet(c, '预算骨架 · budget skeleton', skeletonSnippet(nameFieldSkeleton(year(c))),
      t(c, '完整的预算文件：收入、支出、经济分类、三公、项目与绩效指标、整体绩效、空表', 'A whole budget: income, expenditure, economic lines, 三公, a project with indicators, overall targets, the empty tables'));
  }
  snippet(c, '单位 { … }', [
    '单位 ${1:单位名称} {', '\t编码 ${2:000000}', `\t年度 \${3:${year(c)}}`, '\t金额单位 ${4|万元,元|}', '\t性质 ${5|事业单位,行政单位|}', '',
    '\t收入 {', '\t\t一般公共预算 ${6:0.00}', '\t}', '', '\t支出 {', '\t\t$0', '\t}', '}',
  ].join('\n'), t(c, '新单位（含收入与支出块）', 'A new unit (with income and expenditure blocks)'));
}

function projectSnippet(c: Ctx): void {
  const code = [...(c.fig?.func.byCode.keys() ?? [])].find((k) => k.length === 7) ?? '功能分类编码';
  snippet(c, '项目 { … }', [
    '项目 ${1:项目名称} {', '\t内容 ${2:项目内容}', `\t功能科目 \${3:${code}}`, '\t金额 ${4:0.00}', '\t总体目标 ${5:总体目标}',
    '\t经济分类 {', '\t\t${6:30201 办公费} ${7:0.00}', '\t}', '\t指标 {', `\t\t时限 ${year(c)}-12`, '\t\t一级 产出指标', '\t\t二级 数量指标',
    '\t\t${8:指标名称} ${9|>=,=,<=,>,<|} ${10:1} ${11|次,人,%,元,万元|}', '\t\t$0', '\t}', '}',
  ].join('\n'), t(c, '新项目（含经济分类与绩效指标）', 'A new project (with economic lines and indicators)'));
}

function indicatorSnippet(c: Ctx): void {
  snippet(c, '指标行', `\${1:指标名称} \${2|>=,=,<=,>,<|} \${3:100} \${4|%,次,人,元,万元|} \${5:${year(c)}-12}`,
    t(c, '名称 运算符 指标值 度量单位 完成时限', 'name operator value unit deadline'));
}

function blockSnippet(c: Ctx, word: string, documentation?: string): void {
  add(c, word, 'keyword', { insertText: `${word} {\n\t$0\n}`, snippet: true, detail: '{ … }', ...(documentation ? { documentation } : {}) });
}

function projectIndicatorsSnippet(c: Ctx): void {
  add(c, '指标', 'keyword', { insertText: `指标 {\n\t时限 ${year(c)}-12\n\t一级 \${1|${LEVEL1_KNOWN.slice(0, 4).join(',')}|}\n\t二级 \${2|${LEVEL2_KNOWN.slice(0, 11).join(',')}|}\n\t$0\n}`, snippet: true, detail: '{ … }' });
}

function overallIndicatorsSnippet(c: Ctx): void {
  add(c, '指标', 'keyword', { insertText: `指标 {\n\t时限 ${year(c)}-12\n\t一级 \${1|${LEVEL1_KNOWN.slice(4).join(',')}|}\n\t$0\n}`, snippet: true, detail: '{ … }' });
}

/** 三公 with every line the table prints (合计 and 购置及运行费 are computed), amounts to fill. */
function sangongSnippet(c: Ctx): void {
  const zero = c.fig?.unit.moneyUnit === '元' ? '0' : '0.00';
  snippet(c, '三公 { … }', ['三公 {', ...SANGONG_LINES.map((l, i) => `\t${l} \${${i + 1}:${zero}}`), '}$0'].join('\n'),
    t(c, '“三公”经费与机关运行经费（各项）', '三公 spending and agency operating funds (every line)'));
}

/** A whole row of 经济分类: a code, its name, the column and the amount. */
function econRowSnippet(c: Ctx): void {
  const zero = c.fig?.unit.moneyUnit === '元' ? '0' : '0.00';
  snippet(c, '经济分类行', `\${1:30201} \${2:办公费} \${3|公用,人员|} \${4:${zero}}`, t(c, '编码 名称 人员/公用 金额', 'code name 人员/公用 amount'));
}

/** The snippets of whole statements (statements.ts names them). */
const SNIPPETS: Record<Extract<Offer, { kind: 'snippet' }>['snippet'], (c: Ctx) => void> = {
  unit: unitSnippet,
  project: projectSnippet,
  projectIndicators: projectIndicatorsSnippet,
  overallIndicators: overallIndicatorsSnippet,
  indicator: indicatorSnippet,
  sangong: sangongSnippet,
};

// ── codes ──────────────────────────────────────────────────────────────────────────────────────────

interface CodeOptions {
  /** Insert the name after the code. */
  withName: boolean;
  /** Listed codes first (references) or unlisted first (new rows). */
  listedFirst: boolean;
  /** Only codes of these lengths. */
  lengths?: number[];
}

function codes(c: Ctx, kind: ClassKind, o: CodeOptions): void {
  const all = new Map<string, { name: string; listed: boolean; total?: bigint; sources: string[]; description?: string; inEdition: boolean; editions?: string }>();
  for (const [code, n] of c.fig?.[kind].byCode ?? []) {
    all.set(code, { name: n.name ?? '', listed: n.rows.length > 0, total: n.cells.total, sources: [], inEdition: true });
  }
  for (const [code, e] of c.catalog.entries[kind]) {
    const cur = all.get(code);
    const inEdition = e.inEdition || e.local;
    if (cur) {
      cur.name ||= e.names[0] ?? '';
      cur.sources = e.sources;
      cur.description = e.description;
      cur.inEdition = inEdition;
      cur.editions = e.editions.toString();
    } else all.set(code, { name: e.names[0] ?? '', listed: false, sources: e.sources, description: e.description, inEdition, editions: e.editions.toString() });
  }
  const p = c.prefix;
  const byCode = DIGITS.test(p);
  const needle = normalizeName(p);
  // The parent above the cursor: the codes under it come first (the 款 of the 类 just written, …).
  const parent = parentAbove(c, kind);
  const under = (code: string): boolean => parent !== undefined && code.length > parent.length && code.startsWith(parent) && code.length <= parent.length + 2;
  let list = [...all].filter(([code, v]) => {
    if (o.lengths && !o.lengths.includes(code.length)) return false;
    if (!p) return true;
    return byCode ? code.startsWith(p) : normalizeName(v.name).includes(needle) || code.startsWith(p);
  });
  if (p) c.filtered = true;
  // Listed or unlisted first (as asked), then the codes under the parent above, then this edition's codes.
  const rank = (code: string, v: { listed: boolean; inEdition: boolean }): number =>
    (v.listed === o.listedFirst ? 0 : 4) + (under(code) && !v.listed ? 0 : 2) + (v.inEdition ? 0 : 1);
  list.sort(([a, va], [b, vb]) => rank(a, va) - rank(b, vb) || a.localeCompare(b));
  if (list.length > c.maxCodes) {
    list = list.slice(0, c.maxCodes);
    c.filtered = true;
  }
  const unit = c.fig?.unit.moneyUnit ?? '万元';
  const ed = c.catalog.edition;
  list.forEach(([code, v], i) => {
    const detail = v.listed
      ? t(c, `本单位已列出${v.total !== undefined ? ` · ${formatMoney(v.total, unit)}` : ''}`, `listed in this unit${v.total !== undefined ? ` · ${formatMoney(v.total, unit)}` : ''}`)
      : v.sources.length
        ? (v.inEdition ? t(c, `${ed} 年版目录${under(code) ? ` · ${parent} 的下级` : ''}`, `${ed} edition${under(code) ? ` · under ${parent}` : ''}`) : t(c, `${v.editions} 年版（非 ${ed} 年版目录）`, `${v.editions} edition (not in the ${ed} data)`))
        : t(c, '本单位（项目）', 'this unit (projects)');
    c.items.push({
      label: v.name ? `${code} ${v.name}` : code,
      kind: 'code',
      detail,
      ...(v.description ? { documentation: v.description } : {}),
      insertText: o.withName && v.name ? `${code} ${v.name}` : code,
      filterText: `${code} ${v.name}`,
      sortText: `1${String(i).padStart(4, '0')}`,
      range: c.range,
    });
  });
}

/** The code of the nearest row above the cursor in the unit's block of this classification, as a parent (a 类 or 款). */
function parentAbove(c: Ctx, kind: ClassKind): string | undefined {
  const sec = c.fig?.unit[kind];
  if (!sec || c.range.start < sec.span.start || c.range.start > sec.span.end) return undefined;
  let last: string | undefined;
  for (const r of sec.rows) {
    if (r.codeSpan.start >= c.range.start) break;
    if (!r.isTotal && r.code) last = r.code;
  }
  if (!last) return undefined;
  const max = kind === 'func' ? 7 : 5;
  return last.length < max ? last : last.slice(0, last.length - 2);
}

function codeName(c: Ctx, kind: ClassKind, code: string): void {
  const names = new Set<string>();
  const n = c.fig?.[kind].byCode.get(code);
  if (n?.name) names.add(n.name);
  for (const name of c.catalog.get(kind, code)?.names ?? []) names.add(name);
  for (const name of names) add(c, name, 'name', { detail: t(c, `${code} 的名称`, `name of ${code}`) });
}

// ── values ─────────────────────────────────────────────────────────────────────────────────────────

function sources(c: Ctx, withCarried: boolean): void {
  if (withCarried) add(c, '上年结转', 'keyword');
  for (const s of FUNDING_SOURCES) add(c, s, 'source', { detail: t(c, '资金来源', 'funding source') });
}

function columnLabels(c: Ctx, used: Set<string>): void {
  for (const [label, col] of [['合计', 'total'], ['基本', 'basic'], ['人员', 'personnel'], ['公用', 'public'], ['项目', 'project']] as const) {
    if (used.has(col)) continue;
    add(c, label, 'column', { detail: tr(c.locale, COLUMN_NAMES[col].zh, COLUMN_NAMES[col].en), documentation: KEYWORD_DOCS[label] ? tr(c.locale, KEYWORD_DOCS[label].zh, KEYWORD_DOCS[label].en) : undefined });
  }
}

function operators(c: Ctx): void {
  const docs: Record<string, [string, string]> = { '=': ['等于', 'equals'], '>=': ['不低于', 'at least'], '<=': ['不超过', 'at most'], '>': ['高于', 'more than'], '<': ['低于', 'less than'] };
  for (const op of ['=', '>=', '<=', '>', '<']) add(c, op, 'operator', { detail: t(c, docs[op][0], docs[op][1]) });
}

function units(c: Ctx): void {
  for (const u of COMMON_UNITS) add(c, u, 'unit', { detail: t(c, '度量单位', 'unit of measure') });
}

function date(c: Ctx): void {
  const y = year(c);
  for (const d of [`${y}-12`, `${y}-06`, `${y}-12-31`]) add(c, d, 'value', { detail: t(c, '完成时限', 'deadline') });
}

/** Attributes whose value is one of a few (主管部门 takes a free name). */
const CLOSED_ATTRIBUTES = ['金额单位', '性质', '舍入', '年度', '表式'];

function attributeValue(c: Ctx, word: string): boolean {
  if (c.words.length === 1 && CLOSED_ATTRIBUTES.includes(word)) c.constrained = true;
  switch (word) {
    case '金额单位':
      add(c, '万元', 'value');
      add(c, '元', 'value');
      return true;
    case '性质':
      for (const k of Object.keys(UNIT_KINDS)) add(c, k, 'value');
      return true;
    case '舍入':
      keywords(c, [...INNER_KEYWORDS.rounding]);
      return true;
    case '主管部门': {
      const names = new Set<string>();
      for (const u of c.a.model.units) {
        if (u.supervisor) names.add(u.supervisor.text);
        if (u.department) names.add(u.department.text);
      }
      for (const d of c.a.model.departments) names.add(d.name.text);
      for (const n of names) if (n) add(c, n, 'value');
      return true;
    }
    case '年度':
      add(c, String(year(c)), 'value');
      return true;
    case '表式':
      for (const w of LAYOUT_VALUE_WORDS) {
        const id = LAYOUT_WORDS[w];
        const name = id === '上海' ? { zh: '上海单位或上海部门（按本单位判断）', en: 'Shanghai unit or department (by the unit)' } : LAYOUTS[id].name;
        add(c, w, 'value', { detail: tr(c.locale, name.zh, name.en) });
      }
      return true;
  }
  return false;
}

// ── contexts ───────────────────────────────────────────────────────────────────────────────────────

/** At the start of a line: the statements of the context, as the statement table offers them (statements.ts). */
function offerStatements(c: Ctx, context: Context): void {
  for (const s of STATEMENTS[context] as readonly Statement[]) {
    const offer = s.offer;
    const words = s.offered ?? s.words.slice(0, 1);
    const documentation = t(c, s.doc.zh, s.doc.en);
    switch (offer.kind) {
      case 'keyword':
        for (const w of words) add(c, w, 'keyword', { documentation, ...(offer.detail ? { detail: t(c, offer.detail.zh, offer.detail.en) } : {}) });
        break;
      case 'block':
        for (const w of words) blockSnippet(c, w, documentation);
        break;
      case 'empty':
        for (const w of words) add(c, `${w} 无`, 'keyword', { detail: t(c, offer.detail.zh, offer.detail.en), filterText: w, documentation });
        break;
      case 'snippet':
        SNIPPETS[offer.snippet](c);
        if (offer.keyword) add(c, s.words[0], 'keyword', { documentation });
        break;
      case 'provider':
        LINE_STARTS[offer.provider](c, context);
        break;
      default:
        unreachable(offer);
    }
  }
}

/** The values a statement of rows or items starts with: codes, income items, 三公 items … */
const LINE_STARTS: Record<Extract<Offer, { kind: 'provider' }>['provider'], (c: Ctx, context: Context) => void> = {
  rowCodes: (c, context) => codes(c, context === 'econ' || context === 'gov' ? context : 'func', { withName: true, listedFirst: false }),
  econRows(c) {
    codes(c, 'econ', { withName: true, listedFirst: false });
    if (!c.prefix) econRowSnippet(c);
  },
  incomeFuncCodes: (c) => codes(c, 'func', { withName: true, listedFirst: true }),
  mappingCodes: (c) => codes(c, 'econ', { withName: false, listedFirst: true, lengths: [3, 5] }),
  projectEconCodes: (c) => codes(c, 'econ', { withName: true, listedFirst: true, lengths: [3, 5] }),
  incomeItems(c) {
    const items = ['一般公共预算', '政府性基金预算', '国有资本经营预算', '财政拨款', '财政专户管理资金', '事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入', '单位资金'];
    for (const w of items) add(c, w, FUNDING_SOURCES.includes(w as never) ? 'source' : 'keyword', { detail: FUNDING_SOURCES.includes(w as never) ? t(c, '资金来源', 'funding source') : t(c, '小计', 'subtotal') });
    for (const w of ['本年收入合计', '上年结转', '上年结转结余', '收入总计']) add(c, w, 'keyword', { detail: w === '上年结转' ? t(c, '后接资金来源', 'followed by a source') : t(c, '合计', 'total') });
  },
  sources: (c) => sources(c, true),
  sangongItems(c) {
    const order: SangongItem[] = ['total', 'abroad', 'vehicle', 'vehiclePurchase', 'vehicleRun', 'reception', 'opsFunds'];
    for (const k of order) add(c, k === 'total' ? '合计' : SANGONG_NAMES[k].zh, 'keyword', { detail: tr(c.locale, SANGONG_NAMES[k].zh, SANGONG_NAMES[k].en) });
  },
  compareFigures(c) {
    const written = new Set<string>();
    const cmp = c.fig?.unit.comparison;
    for (const l of cmp?.lines ?? []) if (c.range.start < l.span.start || c.range.start > l.span.end) written.add(compareFigureKey(l.figure));
    for (const word of COMPARE_FIGURE_WORDS) {
      if (written.has(compareFigureKey(COMPARE_FIGURES[word]))) continue;
      const name = compareFigureName(COMPARE_FIGURES[word]);
      add(c, word, 'keyword', { detail: t(c, `与上年比较：${name.zh}`, `compared with last year: ${name.en}`) });
    }
  },
  listRows(c) {
    add(c, '合计', 'keyword', { detail: t(c, '合计行', 'total row') });
  },
};

/** After the first words of a line: its values, by context. */
const AFTER_WORDS: Partial<Record<Context, Provider>> = {
  top(c) {
    attributeValue(c, c.words[0]);
  },
  department(c) {
    attributeValue(c, c.words[0]);
  },
  unit(c) {
    if (LIST_TABLES[c.words[0]] && c.words.length === 1) {
      c.constrained = true;
      add(c, '无', 'keyword');
      return;
    }
    attributeValue(c, c.words[0]);
  },
  income(c) {
    const items = ['一般公共预算', '政府性基金预算', '国有资本经营预算', '财政拨款', '财政专户管理资金', '事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入', '单位资金'];
    if (c.words.length === 1 && CARRIED_WORDS.includes(c.words[0])) {
      c.constrained = true;
      for (const w of items) add(c, w, FUNDING_SOURCES.includes(w as never) ? 'source' : 'keyword');
    }
  },
  incomeFunc(c) {
    incomeFuncRows(c);
  },
  func(c) {
    rows(c, 'func');
  },
  econ(c) {
    rows(c, 'econ');
  },
  gov(c) {
    rows(c, 'gov');
  },
  mapping(c) {
    if (c.words.length === 1 && DIGITS.test(c.words[0])) {
      c.constrained = true;
      codes(c, 'gov', { withName: false, listedFirst: true, lengths: [3, 5] });
    }
  },
  project(c) {
    const w = c.words[0];
    if (PROJECT_ATTRS[w]) {
      projectAttribute(c, PROJECT_ATTRS[w]);
      return;
    }
    if (c.words.length > 1) return;
    if (w === '功能科目' || w === '功能分类科目') {
      c.constrained = true;
      codes(c, 'func', { withName: false, listedFirst: true });
    } else if (w === '主管部门') attributeValue(c, w);
    else if (w === '实施单位' && c.fig) add(c, c.fig.unit.name.text, 'value');
    else if (CARRIED_WORDS.includes(w)) {
      c.constrained = true;
      sources(c, false);
    }
  },
  projectEcon(c) {
    if (c.words.length === 1 && DIGITS.test(c.words[0])) {
      c.constrained = true;
      codeName(c, 'econ', c.words[0]);
    }
  },
  indicators(c) {
    const w = c.words;
    // A level, a deadline, a value's unit follow closed sets; after (a part of) the indicator's name, not.
    if (w[0] === '一级' && w.length === 1) {
      c.constrained = true;
      for (const l of LEVEL1_KNOWN) add(c, l, 'value', { detail: t(c, '一级指标', 'first-level indicator') });
      return;
    }
    if (w[0] === '二级' && w.length === 1) {
      c.constrained = true;
      for (const l of LEVEL2_KNOWN) add(c, l, 'value', { detail: t(c, '二级指标', 'second-level indicator') });
      return;
    }
    if ((w[0] === '时限' || w[0] === '完成时限') && w.length === 1) {
      c.constrained = true;
      date(c);
      return;
    }
    const last = w[w.length - 1];
    const glued = /^([-−－]?[0-9０-９][0-9０-９,，.．]*)(\D.*)?$/.exec(c.prefix);
    if (glued && glued[2] !== undefined && !/^[-/年]/.test(glued[2])) {
      // `100万|`: a unit glued to its value.
      c.range = { start: c.range.start + glued[1].length, end: c.range.end };
      c.prefix = glued[2];
      units(c);
      return;
    }
    if (w.length === 1 && !(last in OPERATORS)) {
      operators(c);
      return;
    }
    if (NUMBER.test(last)) {
      c.constrained = true;
      units(c);
      date(c);
      return;
    }
    if (COMMON_UNITS.includes(last) || last === '％') {
      c.constrained = true;
      date(c);
    }
  },
  comparison(c) {
    comparisonLine(c);
  },
  list(c) {
    if (!NUMBER.test(c.words[c.words.length - 1])) return;
    c.constrained = true;
    for (const w of ['总计', '已分配', '未分配']) add(c, w, 'column');
  },
};

/**
 * The value of a project attribute of the performance form. Free values (项目性质, 项目类别, dates) are offered
 * when asked for, not after a typed space; after the amount of 资金总额 its part labels follow (a closed set).
 */
function projectAttribute(c: Ctx, attr: (typeof PROJECT_ATTRS)[string]): void {
  const w = c.words;
  const y = year(c);
  if (w.length === 1) {
    const values: Partial<Record<typeof attr, string[]>> = {
      nature: PROJECT_NATURES,
      category: PROJECT_CATEGORIES,
      startDate: [`${y}-01-01`, `${y}年1月`],
      endDate: [`${y}-12-31`, `${y}年12月`],
      period: [`${y}-01-01 至 ${y}-12-31`, `${y}年1月 至 ${y}年12月`],
    };
    const detail = attr === 'nature' || attr === 'category' ? t(c, '常用值（可写任意文字）', 'a usual value (any text is accepted)') : t(c, '日期', 'date');
    for (const v of values[attr] ?? []) add(c, v, 'value', { detail });
    return;
  }
  if (attr === 'period' && w.length === 2) {
    add(c, '至', 'keyword', { detail: t(c, '后接完成日期', 'followed by the completion date') });
    return;
  }
  if (attr === 'fundsTotal' && NUMBER.test(w[w.length - 1])) {
    c.constrained = true;
    const used = new Set(w.map((x) => PROJECT_ATTRS[x.replace(/^其中[：:]?/, '')]));
    for (const [label, part] of [['财政资金', 'fundsFiscal'], ['其他资金', 'fundsOther']] as const) {
      if (!used.has(part)) add(c, label, 'column', { detail: t(c, '资金总额的组成部分', 'a part of the total funding') });
    }
  }
}

function rows(c: Ctx, kind: ClassKind): void {
  const w = c.words;
  const last = w[w.length - 1];
  if (last === '来源') {
    c.constrained = true;
    sources(c, true);
    return;
  }
  if (CARRIED_WORDS.includes(last) && w[w.length - 2] === '来源') {
    c.constrained = true;
    sources(c, false);
    return;
  }
  if (last in COLUMN_LABELS) return; // an amount comes next
  if (FUNC_EXTRAS[w[0]]) return;
  const used = new Set<string>();
  for (let i = 0; i < w.length; i++) {
    const col = COLUMN_LABELS[w[i]];
    if (col) used.add(col);
  }
  // After the code (its name follows) or an amount (a column label follows); not after a name, which may go on.
  c.constrained = NUMBER.test(last);
  if (w.length === 1 && DIGITS.test(w[0]) && !NUMBER.test(c.prefix)) codeName(c, kind, w[0]);
  columnLabels(c, used);
  if (w[0] !== '合计' && w[0] !== '总计' && !w.includes('来源')) add(c, '来源', 'keyword');
}

/**
 * A 收入科目 row: at the start the 合计 row and function codes (those listed under 支出 first); after the code
 * and name the columns not yet written (合计, 财政拨款收入, the sources, 单位资金, 上年结转); after 上年结转 the
 * columns it can carry.
 */
function incomeFuncRows(c: Ctx): void {
  const w = c.words;
  const last = w[w.length - 1];
  const column = (item: IncomeItem, carried: boolean): string => `${carried ? '上年结转:' : '本年:'}${item}`;
  const used = new Set<string>();
  for (let i = INCOME_FUNC_TOTAL_WORDS.includes(w[0]) ? 1 : 0; i < w.length; i++) {
    if (INCOME_FUNC_TOTAL_WORDS.includes(w[i])) used.add('合计');
    else if (CARRIED_WORDS.includes(w[i]) && INCOME_ALIASES[w[i + 1]] && PERIOD_ITEMS.includes(INCOME_ALIASES[w[i + 1]])) used.add(column(INCOME_ALIASES[w[++i]], true));
    else if (INCOME_ALIASES[w[i]]) used.add(column(INCOME_ALIASES[w[i]], false));
  }
  if (CARRIED_WORDS.includes(last)) {
    c.constrained = true;
    for (const item of PERIOD_ITEMS) {
      if (used.has(column(item, true))) continue;
      const label = item === '财政拨款' ? '财政拨款收入' : item;
      add(c, label, FUNDING_SOURCES.includes(item as never) ? 'source' : 'keyword', { detail: t(c, '上年结转的资金来源', 'a source carried over') });
    }
    return;
  }
  // After a column label an amount comes next.
  if (INCOME_FUNC_TOTAL_WORDS.includes(last) && w.length > 1) return;
  if (INCOME_ALIASES[last]) return;
  c.constrained = NUMBER.test(last);
  if (w.length === 1 && DIGITS.test(w[0]) && !NUMBER.test(c.prefix)) codeName(c, 'func', w[0]);
  if (!used.has('合计') && !INCOME_FUNC_TOTAL_WORDS.includes(w[0])) add(c, '合计', 'column', { detail: t(c, '合计栏', 'total column') });
  for (const item of PERIOD_ITEMS) {
    if (used.has(column(item, false))) continue;
    const label = item === '财政拨款' ? '财政拨款收入' : item;
    const source = FUNDING_SOURCES.includes(item as never);
    add(c, label, source ? 'source' : 'column', { detail: source ? t(c, '资金来源', 'funding source') : t(c, '小计', 'subtotal') });
  }
  add(c, '上年结转', 'keyword', { detail: t(c, '上年结转（可后接资金来源）', 'carried over (optionally followed by a source)') });
}

/**
 * A 上年比较 line: at the start the compared figures (those not yet in the block); after the figure, and after a
 * value, the columns not yet written (a closed set: offered after a typed space too); after a column word its
 * value comes next (nothing offered).
 */
function comparisonLine(c: Ctx): void {
  const w = c.words;
  if (!COMPARE_FIGURES[w[0]]) return;
  const last = w[w.length - 1];
  const col = COMPARE_COLUMNS[last];
  // After a column word (but 持平) its amount or percentage comes next.
  if (col && col.style !== 'flat') return;
  if (w.length > 1 && !col && !NUMBER.test(last) && !/^[-−－+]?[0-9０-９][0-9０-９,，.．]*[%％]$/.test(last) && last !== '%' && last !== '％') return;
  c.constrained = true;
  const used = new Set<string>();
  for (const x of w.slice(1)) if (COMPARE_COLUMNS[x]) used.add(COMPARE_COLUMNS[x].column);
  for (const word of COMPARE_COLUMN_WORDS) {
    const k = COMPARE_COLUMNS[word];
    if (used.has(k.column)) continue;
    const doc = KEYWORD_DOCS[word];
    add(c, word, 'column', doc ? { detail: tr(c.locale, doc.zh, doc.en) } : {});
  }
}
