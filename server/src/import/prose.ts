/**
 * The prose of a publication (编制说明, 其他相关情况说明, 项目经费情况说明 …): the statements the language can
 * express are written — today the year-on-year comparisons (上年比较) and the 政府采购 figures; every other
 * line that prints a money figure is kept as a comment with its page and line; lines of text without
 * figures are left out and counted in the summary, by section.
 */
import { builtinCatalog, normalizeName } from '../core/catalog';
import { codeNameLevels, textFindings } from '../core/comparison';
import { COMPARE_FIGURES, UNIT_KINDS } from '../core/keywords';
import { parseMoney, type MoneyUnit } from '../core/money';
import { printsColumnFigure } from './cells';
import type { ImportModel, ComparisonLineM, ListRowM } from './model';
import type { Segment } from './segment';
import { lineText, refOf, type SourceLine, type SourceRef } from './source';
import type { Fig } from './tables';

/** The text of a prose section joined, with each character's line (for the refs of figures). */
interface Joined {
  text: string;
  at: Array<{ line: SourceLine; offset: number; cellX0?: number; cellX1?: number }>;
}

/**
 * A full-width comma used as a thousands separator inside a figure (“3，518.85万元”, “1，234，567元”): a comma between a
 * digit and three digits that go on as the figure (its decimals, another group, or 万元/元 at once) is read as `,`.
 * One character for one, so every offset of the joined text stays the printed character's.
 */
const FULL_WIDTH_GROUPING = /(\d)，(?=\d{3}(?:[.,，]\d|万元|元))/g;

function join(lines: SourceLine[]): Joined {
  let text = '';
  const at: Joined['at'] = [];
  for (const l of lines) {
    for (const c of l.cells) {
      const t = c.text.replace(/\s+/g, '').replace(FULL_WIDTH_GROUPING, '$1,');
      for (let i = 0; i < t.length; i++) {
        at.push({ line: l, offset: i, cellX0: c.x0 + ((c.x1 - c.x0) * i) / Math.max(1, t.length), cellX1: c.x0 + ((c.x1 - c.x0) * (i + 1)) / Math.max(1, t.length) });
      }
      text += t;
    }
  }
  return { text, at };
}

/** The figure printed at [start, end) of the joined text. */
function figAt(j: Joined, start: number, end: number): Fig {
  const a = j.at[start];
  const b = j.at[Math.max(start, end - 1)];
  const l = a.line;
  const ref: SourceRef = { page: l.page, line: l.line, text: j.text.slice(start, end) };
  if (a.cellX0 !== undefined) ref.x0 = a.cellX0;
  if (b.line === l && b.cellX1 !== undefined) ref.x1 = b.cellX1;
  if (l.y0 !== undefined) ref.y0 = l.y0;
  if (l.y1 !== undefined) ref.y1 = l.y1;
  return { text: j.text.slice(start, end), ref };
}

const NUM = '\\d[\\d,]*(?:\\.\\d+)?';
/**
 * “<name><figure>万元[，。]比<year>年[（…）]预算<增加|减少|持平>[<figure>万元]”; the change word printed twice (“增加增加27.45万元”,
 * a slip the 说明's hygiene reports, BUD543) is read as written once.
 */
const COMPARISON = new RegExp(
  `([^，。；：:、]{2,40}?)(${NUM})万元[，。]?(?:比|与|较)(?:\\d{4}年|上年)(?:[（(][^）)]*[）)])?(?:预算)?(?:相比)?[，]?(增加|减少|持平|增长|下降|上升)\\3?(?:(${NUM})\\s*(万元|%))?`,
  'g',
);
/** Any money figure in prose. */
const MONEY = new RegExp(`${NUM}(?:万元|元)`, 'g');

/** The 上年比较 figure word a printed name stands for (the name as printed when the language accepts it). */
function figureWord(raw: string): string | undefined {
  let s = raw
    .replace(/^.*(?:其中[:：，]?|说明|[（(][一二三四五六七八九十\d]+[）)][、，]?|\d{4}年(?:度)?[，,]?)/, '')
    .replace(/^(?:[（(][一二三四五六七八九十\d]+[）)][、，]?|其中[:：，]?)/, '');
  for (let k = 0; k < 3; k++) s = s.replace(/(?:预算数为|预算为|为|的)$/, '');
  const tries = [s, s.replace(/预算$/, ''), s.replace(/预算数$/, ''), s.replace(/^本部门/, '')];
  return tries.find((t) => t && COMPARE_FIGURES[t]);
}

/** The prose of the document, written with its (first) unit `m`; 机构设置 gives each of `units` its 性质. */
export function placeProse(m: ImportModel, segments: Segment[], units: ImportModel[] = [m]): Array<{ heading: string; page: number; lines: number }> {
  const left: Array<{ heading: string; page: number; lines: number }> = [];
  for (const s of segments) {
    if (s.kind !== 'prose') continue;
    const used = new Set<SourceLine>();
    if (s.prose === 'explanation' || s.prose === 'other') {
      const j = join(s.lines);
      const ranges: Array<[number, number]> = [];
      codeFigures(m, j, ranges);
      comparisons(m, j, ranges);
      if (s.prose === 'other') procurement(m, j, ranges);
      thisYear(m, j, ranges);
      markUsed(j, ranges, used);
    }
    if (s.prose === 'text' && s.heading && /机构设置$/.test(lineText(s.heading).replace(/\s+/g, ''))) organisation(units, s.lines, used);
    if (s.prose !== 'front') hygieneLines(m, s.lines, used, s.prose === 'projectNote');
    let without = 0;
    for (const l of s.lines) {
      const text = lineText(l);
      MONEY.lastIndex = 0;
      if ((MONEY.test(text.replace(/\s+/g, '')) || printsColumnFigure(text)) && !used.has(l)) m.comments.push({ where: s.heading ? lineText(s.heading).replace(/\s+/g, '') : '正文', ref: { page: l.page, line: l.line, text, ...(l.y0 !== undefined ? { y0: l.y0, y1: l.y1, x0: l.cells[0]?.x0, x1: l.cells[l.cells.length - 1]?.x1 } : {}) } });
      else if (!used.has(l)) without++;
    }
    if (without) left.push({ heading: s.heading ? lineText(s.heading).replace(/\s+/g, '') : '封面、目录 cover, contents', page: s.heading?.page ?? s.lines[0]?.page ?? 1, lines: without });
  }
  return left;
}

function comparisons(m: ImportModel, j: Joined, ranges: Array<[number, number]>): void {
  COMPARISON.lastIndex = 0;
  let r: RegExpExecArray | null;
  while ((r = COMPARISON.exec(j.text))) {
    const word = figureWord(r[1]);
    if (!word) continue;
    const curStart = r.index + r[1].length;
    const current = figAt(j, curStart, curStart + r[2].length);
    const dir = r[3];
    const line: ComparisonLineM = { figure: word, current, ref: current.ref };
    // A change word beside 持平 (“与2025年预算增加持平”): which one is meant is not known (the 说明's hygiene reports the
    // text, BUD544); this year's figure is.
    const contradicted = dir === '持平' ? /^(?:增加|减少|增长|下降|上升|降低)/.test(j.text.slice(r.index + r[0].length)) : /^持平/.test(j.text.slice(r.index + r[0].length));
    if (contradicted) {
      if (r[4]) continue;
    } else if (dir === '持平') line.change = { word: '持平' };
    else if (r[4] && r[5] === '万元') {
      const at = r.index + r[0].lastIndexOf(r[4] + r[5]);
      line.change = { word: dir === '减少' || dir === '下降' ? '减少' : '增加', fig: figAt(j, at, at + r[4].length) };
    } else if (r[4] && r[5] === '%') {
      const at = r.index + r[0].lastIndexOf(r[4] + r[5]);
      line.rate = { word: dir === '减少' || dir === '下降' ? '下降' : '增长', fig: figAt(j, at, at + r[4].length) };
    } else continue;
    // The same figure twice (a 说明 repeating itself) is written once: the language takes one line per figure.
    if (m.comparisons.lines.some((x) => COMPARE_FIGURES[x.figure] && JSON.stringify(COMPARE_FIGURES[x.figure]) === JSON.stringify(COMPARE_FIGURES[word]))) continue;
    m.comparisons.lines.push(line);
    ranges.push([r.index, r.index + r[0].length]);
  }
}

/**
 * A function code's figures (“1. ‘一般公共服务支出（类）财政事务（款）行政运行（项）’1,234.56万元，主要用于…。2022年当年预算执行数为
 * 1,100.00万元，2023年预算安排1,234.56万元，比2022年预算执行数增加12.23%。”): the code found by its printed names among the
 * rows of 支出, its figure this year, last year's and the rate. A 说明 that states this year's figure twice, differently,
 * gives two lines of the code (each checked). The names' quotes may be left open and their （项） printed in ASCII
 * parentheses, or closed by a full-width ASCII quote (＂), as published 说明 do; a name never runs over an opening quote
 * (the next paragraph's).
 */
const CODE_FIGURE = new RegExp(
  `[“"‘'＂](?<names>[^“”"‘’'＂]*?[（(]类[）)][^“”"‘’'＂]*?[（(]款[）)][^“”"‘’'＂]*?[（(]项[）)])[”"’'＂]?(?:科目)?` +
    // The figure at once (“…（项）’1,234.56万元”), or by year: “…（项）”2026年度预算X万元，2025年度预算Y万元” (this year's budget
    // and last year's).
    `(?:(?<head>${NUM})万元|(?<year>\\d{4})年度?预算(?<byYear>${NUM})万元(?:[，,](?<prevYear>\\d{4})年度?预算(?<prevBudget>${NUM})万元)?)[，,]?` +
    // Last year's outturn and this year's plan, compared or not (a new item: “执行数为0万元，2026年预算安排338万元。”); the
    // years written with or without 年 (“2026预算安排”, “比2025预算执行数”).
    `(?:[^。]*。(?:\\d{4}年)?(?:当年)?预算执行数为?(?<outturn>${NUM})万元[，,](?:\\d{4}年?)?预算安排(?<plan>${NUM})万元(?:[，,]?比(?:\\d{4}年?|上年)?预算执行数(?<dir>增加|减少|持平|增长|下降)(?:(?<rate>${NUM})%)?)?)?`,
  'gd',
);

function codeFigures(m: ImportModel, j: Joined, ranges: Array<[number, number]>): void {
  CODE_FIGURE.lastIndex = 0;
  let r: RegExpExecArray | null;
  while ((r = CODE_FIGURE.exec(j.text))) {
    const g = r.groups!;
    const idx = r.indices!.groups!;
    // Names joined by dashes (“…(类）-…（款）-…（项）”) as some 说明 print them.
    const levels = codeNameLevels(g.names);
    const found = levels ? codeNamed(m, levels[0].name, levels[1].name, levels[2].name) : undefined;
    // A paragraph by year is this year's only when its first year is the budget year.
    if (!found || !levels || (g.year !== undefined && Number(g.year) !== m.year)) continue;
    const code = found.code;
    const figOf = (k: 'head' | 'byYear' | 'prevBudget' | 'outturn' | 'plan' | 'rate'): Fig => figAt(j, idx[k]![0], idx[k]![1]);
    const head = figOf(g.head !== undefined ? 'head' : 'byYear');
    // The 项's name, or, when a level is named by a former edition's name, every level's as printed (the check names
    // the old one: BUD545).
    const name = found.former ? g.names : levels[2].name;
    const base = { figure: code, code: { code, name } };
    // Last year's budget, when the paragraph names the year before (another year is a slip the 说明's hygiene reports).
    const budget: ComparisonLineM = { ...base, current: head, ref: head.ref };
    if (g.prevBudget !== undefined && Number(g.prevYear) === (m.year ?? 0) - 1) budget.previous = figOf('prevBudget');
    const lines: ComparisonLineM[] = [];
    if (g.outturn === undefined) lines.push(budget);
    else {
      const previous = parseMoney(g.outturn, '万元');
      const same = parseMoney(g.plan!, '万元') === parseMoney(g.head ?? g.byYear!, '万元');
      // The headline figure on its own line when the 说明 writes this year's figure again differently, or gives last
      // year's budget beside last year's outturn (two 上年, two lines: each figure written once).
      const both = !same || budget.previous !== undefined;
      if (both) lines.push(budget);
      const line: ComparisonLineM = { ...base, current: both ? figOf('plan') : head, previous: figOf('outturn'), ref: head.ref };
      const dir = g.dir;
      if (dir === '持平') line.change = { word: '持平' };
      // A rate from 0 (“0万元 … 增加100.00%”) is the documents' convention for a new item, not a rate: left out.
      else if (g.rate !== undefined && previous !== 0n) line.rate = { word: dir === '减少' || dir === '下降' ? '下降' : '增长', fig: figOf('rate') };
      lines.push(line);
    }
    m.comparisons.lines.push(...lines);
    ranges.push([r.index, r.index + r[0].length]);
  }
}

/**
 * The code of 支出 whose 类, 款 and 项 rows are printed with these names (undefined when not exactly one). A level may
 * be named by the name its code had in a former edition of the catalog (“文化体育与传媒支出” for 207, renamed in 2019):
 * the code is the same, and `former` says so. The code is never guessed: a name neither the row's nor a former one of
 * its code finds nothing.
 */
function codeNamed(m: ImportModel, lei: string, kuan: string, xiang: string): { code: string; former: boolean } | undefined {
  const norm = (x: string): string => normalizeName(x);
  const catalog = builtinCatalog().forEdition(m.year);
  // Rows of any source: a code spent from a fund alone is written only as its source's row (来源 政府性基金预算).
  const rows = m.func.filter((x) => !x.isTotal);
  // 0: the row's name; 1: a former name of its code; undefined: neither.
  const named = (code: string, name: string): 0 | 1 | undefined =>
    rows.some((x) => x.code === code && norm(x.name) === norm(name)) ? 0 : rows.some((x) => x.code === code) && catalog.otherEditionNamed('func', code, name) ? 1 : undefined;
  const found = new Map<string, boolean>();
  for (const x of rows) {
    if (x.code.length !== 7) continue;
    const [a, b, c] = [named(x.code.slice(0, 3), lei), named(x.code.slice(0, 5), kuan), named(x.code, xiang)];
    if (a !== undefined && b !== undefined && c !== undefined) found.set(x.code, a + b + c > 0);
  }
  const [only] = found;
  return found.size === 1 ? { code: only[0], former: only[1] } : undefined;
}

/**
 * This year's figures without a comparison (“事业收入0万元”, “机关运行经费预算为786.09万元”): a figure the language
 * names, not already part of a statement, written once.
 */
const THIS_YEAR = new RegExp(`([^，。；：:、“”"]{2,60}?)(${NUM})万元(?![，,]?(?:比|与|较))`, 'g');

function thisYear(m: ImportModel, j: Joined, ranges: Array<[number, number]>): void {
  THIS_YEAR.lastIndex = 0;
  let r: RegExpExecArray | null;
  while ((r = THIS_YEAR.exec(j.text))) {
    const from = r.index;
    const to = from + r[0].length;
    if (ranges.some(([a, b]) => from < b && to > a)) continue;
    const word = figureSuffix(r[1]);
    if (!word) continue;
    if (m.comparisons.lines.some((x) => COMPARE_FIGURES[x.figure] && JSON.stringify(COMPARE_FIGURES[x.figure]) === JSON.stringify(COMPARE_FIGURES[word]))) continue;
    const k = from + r[1].length;
    const current = figAt(j, k, k + r[2].length);
    m.comparisons.lines.push({ figure: word, current, ref: current.ref });
    ranges.push([from, to]);
  }
}

/** The longest ending of a printed phrase that names a 说明 figure (“…单位财政拨款的机关运行经费预算为” → 机关运行经费预算). */
function figureSuffix(raw: string): string | undefined {
  let s = raw;
  for (let k = 0; k < 3; k++) s = s.replace(/(?:预算数为|预算为|为|的)$/, '');
  for (let i = 0; i < s.length - 1; i++) {
    const t = s.slice(i);
    if (COMPARE_FIGURES[t]) return t;
  }
  return undefined;
}

/**
 * Lines of the 说明 with a placeholder left in, a year out of place or a slip of wording: kept as written (原文), and
 * checked. The text is read joined across printed line breaks (as the figures are: `join`), so a slip the PDF breaks
 * (“增加” / “增加”, “增” / “加持平”, “20” / “24年”) is found once: the lines it runs over are kept as one 原文, the first
 * line's text first, so a slip within it keeps its offsets and the 原文 maps to the first line's place. A line of a
 * table of contents (“一、…………3”) is no text and breaks the run.
 */
export function hygieneLines(m: Pick<ImportModel, 'year' | 'comparisons'>, lines: SourceLine[], used: Set<SourceLine>, history: boolean): void {
  let run: SourceLine[] = [];
  const flush = (): void => {
    if (run.length) hygieneRun(m, run, used, history);
    run = [];
  };
  for (const l of lines) {
    const t = lineText(l).replace(/\s+/g, '');
    if (/…{2,}\S*$/.test(t) && /^[一二三四五六七八九十\d]/.test(t)) flush();
    else run.push(l);
  }
  flush();
}

/** One run of printed lines: its findings in the joined text, each kept with the lines it lies on (runs that share a line kept as one). */
function hygieneRun(m: Pick<ImportModel, 'year' | 'comparisons'>, lines: SourceLine[], used: Set<SourceLine>, history: boolean): void {
  const j = join(lines);
  // A project's note tells its history: a date there (“依据2024年10月…文件”, “2023年5月开工”) is an event's, not a
  // year out of place; a year without a month is still checked.
  const found = textFindings(j.text, m.year).filter((f) => !(history && f.kind === 'year' && /^\s*\d{1,2}\s*月/.test(j.text.slice(f.at + f.found.length))));
  const index = new Map(lines.map((l, i) => [l, i]));
  // Each finding as the first and last line it lies on; overlapping spans of lines merged.
  const spans = found.map((f) => [index.get(j.at[f.at].line)!, index.get(j.at[f.at + f.found.length - 1].line)!] as [number, number]).sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [a, b] of spans) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  for (const [a, b] of merged) {
    const part = lines.slice(a, b + 1);
    m.comparisons.texts.push({ text: part.map((l) => lineText(l).replace(/\s+/g, '')).join(''), ref: refOf(part[0]) });
    for (const l of part) used.add(l);
  }
}

/** A line is used when every money figure printed on it lies within a range that went into statements. */
function markUsed(j: Joined, ranges: Array<[number, number]>, used: Set<SourceLine>): void {
  const figuresOf = new Map<SourceLine, boolean>();
  MONEY.lastIndex = 0;
  let x: RegExpExecArray | null;
  while ((x = MONEY.exec(j.text))) {
    const from = x.index;
    const to = from + x[0].length;
    const inside = ranges.some(([a, b]) => from >= a && to <= b);
    const line = j.at[from].line;
    figuresOf.set(line, (figuresOf.get(line) ?? true) && inside);
  }
  for (const [l, all] of figuresOf) if (all) used.add(l);
}

/**
 * “政府采购预算X万元，其中：政府采购货物预算X万元、…工程…、…服务…”, and the 中小企业 reservation (“面向中小企业预留政府采购项目
 * 预算X万元，其中，预留给小型和微型企业（的政府采购项目预算）X万元”), in 万元 as the documents print them or in 元.
 */
function procurement(m: ImportModel, j: Joined, ranges: Array<[number, number]>): void {
  const total = new RegExp(`政府采购预算(?:总额)?(?:为)?(${NUM})(万元|元)`).exec(j.text);
  if (!total) return;
  const unit = total[2] as MoneyUnit;
  const rows: ListRowM[] = [];
  const row = (name: string | undefined, re: RegExp, role?: 'total' | 'part'): void => {
    const x = new RegExp(`(${re.source})(?:金额)?(?:为)?(${NUM})${unit}`).exec(j.text);
    if (!x) return;
    const at = x.index + x[0].lastIndexOf(x[2] + unit);
    const f = figAt(j, at, at + x[2].length);
    rows.push({ name: name ?? x[1], role, cells: new Map([['总计', f]]), ref: f.ref });
    ranges.push([x.index, x.index + x[0].length]);
  };
  row('合计', /政府采购预算(?:总额)?/, 'total');
  row(undefined, /面向中小企业预留政府采购项目预算/, 'part');
  row(undefined, /预留给小型和微型企业(?:的政府采购项目预算)?/, 'part');
  row(undefined, /政府采购货物预算/);
  row(undefined, /政府采购工程预算/);
  row(undefined, /政府采购服务预算/);
  // Published order: the total, its reservation for small enterprises (其中 rows), then its composition.
  m.lists.push({ table: 'procurement', empty: false, ref: rows[0].ref, unit, rows, title: '政府采购预算情况（其他相关情况说明）' });
}

/**
 * 机构设置: the 性质 of the budget's units, when the section states it — a unit listed with its 性质 (“1. X（行政单位）。”),
 * or, for the one unit of a budget, the one unit listed or one 性质 counted once (“本部门中，行政单位 1 家”). A
 * consolidated department of units of several kinds gives none.
 */
function organisation(units: ImportModel[], lines: SourceLine[], used: Set<SourceLine>): void {
  const listed: Array<{ name: string; kind: string; line: SourceLine }> = [];
  let counted: Array<[string, number]> | undefined;
  for (const l of lines) {
    const t = lineText(l).replace(/\s+/g, '');
    const item = /^\d+[.．、](.+?)[（(]([^）)]+)[）)]。?$/.exec(t);
    if (item && UNIT_KINDS[item[2]]) {
      listed.push({ name: item[1], kind: item[2], line: l });
      used.add(l);
      continue;
    }
    const count = /^本(?:部门|单位)中[，,](.+?)[，,]具体包括/.exec(t);
    if (count) {
      counted = [...count[1].matchAll(/([^，,\d]+?)(\d+)家/g)].map((x) => [x[1], Number(x[2])] as [string, number]);
      used.add(l);
    }
  }
  for (const m of units) {
    if (m.kind) continue;
    const named = listed.find((x) => x.name === m.unitName?.replace(/\s+/g, ''));
    const single = units.length === 1;
    const only = single && listed.length === 1 ? listed[0] : undefined;
    const one = single && counted?.length === 1 && counted[0][1] === 1 && UNIT_KINDS[counted[0][0]] ? counted[0][0] : undefined;
    const word = named?.kind ?? only?.kind ?? one;
    if (word) m.kind = { word, why: `性质由机构设置推知：${word} · 性质 from the 机构设置 section` };
  }
}
