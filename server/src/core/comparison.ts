/**
 * Year-on-year comparisons (上年比较): this year's figure of each compared figure, resolved from the unit's
 * computed figures, and the exact arithmetic of a comparison line — the change 本年 − 上年 and the rate
 * (本年 − 上年) ÷ 上年 × 100, kept as an exact fraction and rounded half away from zero (四舍五入) only for
 * display. Read by the checks, hover, inlay hints and the comparison table. Nothing here reports diagnostics.
 */
import { incomeAncestors, incomeKey, parseSourceKey, type UnitFigures } from './compute';
import { sangongWholes } from './domain';
import { statedValue } from './records';
import type { Span, Text2 } from './diagnostics';
import { compareFigureName, FISCAL_SOURCES, type CompareFigure } from './keywords';
import type { Amount, ComparisonLine, PercentValue } from './model';
import { abs, formatRounded, halfUlp, MAX_DECIMALS, type Money, type MoneyUnit } from './money';

/** This year's figure of a compared figure. */
export interface CurrentFigure {
  /** The value, when the unit's tables give it. */
  value?: Money;
  /** Where it comes from: the written total, else the section it is computed from. */
  at?: Span;
  /** What the figure is, where it comes from (for related locations). */
  source?: Text2;
  /** Why it is unknown (the section is missing …), when it is. */
  missing?: Text2;
}

/**
 * This year's figure of `fig` from the unit's figures: income items from the 收入 block (an empty line counts
 * as 0), expenditure from 支出 (else 经济分类 for the kinds; by source: the rows of that source, this year's and
 * carried over, 0 when there is none), 三公 items from the 三公 block, 政府采购 from its
 * table (the 合计 row when written, else the sum of its rows that are not 其中 rows; `政府采购 无` is 0).
 */
export function currentFigure(f: UnitFigures, fig: CompareFigure): CurrentFigure {
  const u = f.unit;
  switch (fig.kind) {
    case 'income': {
      if (!u.income) return { missing: { zh: '本单位没有“收入”块', en: 'the unit has no 收入 block' } };
      const key = incomeKey(fig.item, false);
      const line = f.income.lines.get(key);
      // The table as printed: its written line, unless that is itself reported (then what its parts give).
      const value = statedValue(f.records, line?.amount, f.income.values.get(key)) ?? (line ? 0n : undefined);
      if (value === undefined) return { missing: { zh: `“收入”块中没有“${fig.item}”`, en: `the 收入 block has no ${fig.item}` } };
      return { value, at: line?.amount?.span ?? line?.keySpan ?? u.income.headerSpan, source: { zh: '收入', en: 'income' } };
    }
    case 'expense': {
      const col = fig.column;
      if (col === 'grand' || col === 'total') {
        if (!u.func) return { missing: { zh: '本单位没有“支出”块', en: 'the unit has no 支出 block' } };
        const value = col === 'grand' ? f.expenseGrand : f.func.root.cells.total;
        if (value === undefined) return { missing: { zh: '“支出”块中没有金额', en: 'the 支出 block has no amounts' } };
        const extra = col === 'grand' ? u.func.extras.grandTotal : u.func.extras.currentTotal;
        return { value, at: extra?.amount?.span ?? u.func.total?.cells.total?.span ?? u.func.total?.codeSpan ?? u.func.headerSpan, source: { zh: '支出', en: 'expenditure' } };
      }
      for (const kind of ['func', 'econ'] as const) {
        const sec = u[kind];
        if (!sec) continue;
        const c = f[kind].root.cells;
        // A kind not written is the rest of its total when the other part is known (基本 = 合计 − 项目 …); 项目 only in
        // 支出 (a 经济分类 table of basic expenditure, as 表6, says nothing about projects).
        const basic = c.basic ?? (c.total !== undefined && c.project !== undefined ? c.total - c.project : undefined);
        const value = col === 'basic' ? basic
          : col === 'project' ? c.project ?? (kind === 'func' && c.total !== undefined && c.basic !== undefined ? c.total - c.basic : undefined)
            : col === 'personnel' ? c.personnel ?? (basic !== undefined && c.public !== undefined ? basic - c.public : undefined)
              : c.public ?? (basic !== undefined && c.personnel !== undefined ? basic - c.personnel : undefined);
        if (value === undefined) continue;
        return {
          value, at: sec.total?.cells[col]?.span ?? sec.total?.codeSpan ?? sec.headerSpan,
          source: kind === 'func' ? { zh: '支出', en: 'expenditure' } : { zh: '经济分类', en: 'economic classification' },
        };
      }
      const name = compareFigureName(fig);
      if (!u.func && !u.econ) return { missing: { zh: '本单位没有“支出”或“经济分类”块', en: 'the unit has neither a 支出 nor a 经济分类 block' } };
      return { missing: { zh: `“支出”与“经济分类”块都没有写出${name.zh}`, en: `neither the 支出 nor the 经济分类 block gives the ${name.en}` } };
    }
    case 'expenseSource': {
      if (!u.func) return { missing: { zh: '本单位没有“支出”块', en: 'the unit has no 支出 block' } };
      let value = 0n;
      for (const [k, c] of f.func.root.bySource) {
        const s = parseSourceKey(k).source;
        if (fig.source === '财政拨款' ? FISCAL_SOURCES.includes(s) : s === fig.source) value += c.total ?? 0n;
      }
      return { value, at: u.func.total?.cells.total?.span ?? u.func.total?.codeSpan ?? u.func.headerSpan, source: { zh: '支出', en: 'expenditure' } };
    }
    case 'sangong': {
      if (!u.sangong) return { missing: { zh: '本单位没有“三公”块', en: 'the unit has no 三公 block' } };
      const line = u.sangong.lines.find((l) => l.item === fig.item);
      const value = statedValue(f.records, f.sangong.declared[fig.item], f.sangong.values[fig.item]) ?? (line ? 0n : undefined);
      const name = compareFigureName(fig);
      if (value === undefined) return { missing: { zh: `“三公”块中没有${name.zh}`, en: `the 三公 block has no ${name.en}` } };
      return { value, at: line?.amount?.span ?? line?.keySpan ?? u.sangong.headerSpan, source: { zh: '三公', en: '三公' } };
    }
    case 'funcCode': {
      if (!u.func) return { missing: { zh: '本单位没有“支出”块', en: 'the unit has no 支出 block' } };
      const node = f.func.byCode.get(fig.code);
      if (!node || node.cells.total === undefined) return { missing: { zh: `“支出”块中没有科目 ${fig.code}`, en: `the 支出 block has no code ${fig.code}` } };
      const row = node.rows[0];
      return { value: node.cells.total, at: row?.cells.total?.span ?? row?.codeSpan ?? u.func.headerSpan, source: { zh: `支出 ${fig.code}`, en: `expenditure ${fig.code}` } };
    }
    case 'procurement': {
      const decls = u.lists.filter((l) => l.table === 'procurement');
      if (!decls.length) return { missing: { zh: '本单位没有“政府采购”表', en: 'the unit has no 政府采购 table' } };
      const source = { zh: '政府采购', en: 'government procurement' };
      for (const d of decls) {
        const total = d.rows.find((r) => r.role === 'total')?.cells['总计'];
        if (total) return { value: total.value, at: total.span, source };
      }
      let value = 0n;
      for (const d of decls) for (const r of d.rows) if (!r.role && r.cells['总计']) value += r.cells['总计'].value;
      return { value, at: decls[0].span, source };
    }
  }
}

/** How a line's figure is named in messages, hovers and the comparison table (a code line: its code and printed name). */
export function lineName(line: ComparisonLine): { zh: string; en: string } {
  const n = compareFigureName(line.figure);
  return line.name ? { zh: `${n.zh} ${line.name.text}`, en: `${n.en} ${line.name.text}` } : n;
}

/** The signed value of a written change (增加 +, 减少 −, 增减 as written, 持平 0). */
export function writtenChange(line: ComparisonLine): Money | undefined {
  const c = line.change;
  if (!c) return undefined;
  if (c.style === 'flat') return 0n;
  if (!c.amount) return undefined;
  return c.style === 'down' ? -c.amount.value : c.amount.value;
}

/** A written rate as an exact signed fraction of percent: `num / 10^decimals`. */
export function writtenRate(v: PercentValue, style: 'signed' | 'up' | 'down'): bigint {
  const signed = v.negative ? -v.digits : v.digits;
  return style === 'down' ? -signed : signed;
}

/** The exact rate (本年 − 上年) ÷ 上年 × 100 as a fraction of percent, undefined when 上年 is 0. */
export interface Rate {
  num: bigint;
  den: bigint;
}

export function exactRate(current: Money, previous: Money): Rate | undefined {
  if (previous === 0n) return undefined;
  return { num: (current - previous) * 100n, den: previous };
}

/** A rate rounded half away from zero (四舍五入) at `decimals`: the value × 10^decimals. */
export function roundRate(r: Rate, decimals: number): bigint {
  const scale = 10n ** BigInt(decimals);
  const n = abs(r.num) * scale;
  const d = abs(r.den);
  const q = n / d;
  const rounded = (n % d) * 2n >= d ? q + 1n : q;
  return (r.num < 0n) !== (r.den < 0n) ? -rounded : rounded;
}

/** Whether a written rate (`written / 10^decimals` percent) is within half a unit of its last digit of the exact rate. */
export function rateAgrees(r: Rate, written: bigint, decimals: number): boolean {
  // |w / 10^d − num / den| ≤ 1 / (2 · 10^d)  ⟺  |2·w·|den| − 2·num·10^d·sign(den)| ≤ |den|
  const scale = 10n ** BigInt(decimals);
  const d = abs(r.den);
  const num = r.den < 0n ? -r.num : r.num;
  return abs(2n * written * d - 2n * num * scale) <= d;
}

/** A scaled percent value (`value / 10^decimals`) as text: `-0.84`, `12`, `0.0`. */
export function formatScaled(value: bigint, decimals: number): string {
  const neg = value < 0n;
  const s = abs(value).toString().padStart(decimals + 1, '0');
  const out = decimals ? `${s.slice(0, s.length - decimals)}.${s.slice(s.length - decimals)}` : s;
  return (neg ? '-' : '') + out;
}

/** A rate rounded at `decimals` as percent text: `-0.84%`. */
export function formatRate(r: Rate, decimals: number): string {
  return `${formatScaled(roundRate(r, decimals), decimals)}%`;
}

/** Whether a written amount agrees with a figure within half a unit of its last written digit. */
export function amountAgrees(written: { value: Money; decimals: number; unit: MoneyUnit }, value: Money): boolean {
  return abs(written.value - value) <= halfUlp(written.decimals, written.unit);
}

/** A figure written the way `like` is: rounded half away from zero at its decimals, with its grouping. */
export function likeWritten(value: Money, like: { decimals: number; unit: MoneyUnit; text: string }): string {
  return formatRounded(value, like.unit, Math.min(like.decimals, MAX_DECIMALS[like.unit]), /[,，]/.test(like.text));
}

/** Everything a comparison line states and what it should state. */
export interface ComparisonFigures {
  line: ComparisonLine;
  /** This year's figure from the tables. */
  computed: CurrentFigure;
  /**
   * This year's figure the change and the rate are taken from: 本年 as written when it agrees with the computed
   * figure (or that is unknown), else the computed figure.
   */
  current?: Money;
  /** Last year's figure: as written, else implied by the change (本年 − 增减). */
  previous?: Money;
  previousImplied: boolean;
  /** 本年 − 上年, exact. */
  change?: Money;
  /** The exact rate, when 上年 is known and not 0. */
  rate?: Rate;
}

export function comparisonFigures(f: UnitFigures, line: ComparisonLine): ComparisonFigures {
  const computed = currentFigure(f, line.figure);
  // 本年 as written when it agrees with the tables (the 说明's own rounding), else the tables' figure: a wrong 本年
  // is reported once, and the change is checked against the true figure.
  const w = line.current;
  const current = w && (computed.value === undefined || amountAgrees(w, computed.value)) ? w.value : computed.value;
  let previous = line.previous?.value;
  let previousImplied = false;
  const written = writtenChange(line);
  if (previous === undefined && current !== undefined && written !== undefined) {
    previous = current - written;
    previousImplied = true;
  }
  const change = current !== undefined && previous !== undefined ? current - previous : undefined;
  const rate = current !== undefined && previous !== undefined ? exactRate(current, previous) : undefined;
  return { line, computed, current, previous, previousImplied, change, rate };
}

/**
 * The written table figure a compared figure quotes and the written figures it is part of (income and 三公 items),
 * for telling a 说明 figure that differs only through a fault reported in the table (records.ts alternatives).
 */
export function quotedFigure(f: UnitFigures, fig: CompareFigure): { written?: Amount; wholes: Array<Amount | undefined>; below?: Money } {
  if (fig.kind === 'income') {
    const key = incomeKey(fig.item, false);
    return { written: f.income.lines.get(key)?.amount, wholes: incomeAncestors(key).map((k) => f.income.lines.get(k)?.amount), below: f.income.values.get(key) };
  }
  if (fig.kind === 'sangong') return { written: f.sangong.declared[fig.item], wholes: sangongWholes(fig.item).map((w) => f.sangong.declared[w]), below: f.sangong.values[fig.item] };
  return { wholes: [] };
}

/**
 * What a line's figures allow, as a 说明 rounds each of them: this year's figure C ± hC and last year's P ± hP
 * (ticks). P is 上年 as written, else implied by the written change (C − 增减), each ± half a unit of its last
 * digit. See comparisonBoundsAll for the choice of C.
 */
export interface ComparisonBounds {
  c: Money;
  hC: Money;
  p: Money;
  hP: Money;
}

/**
 * The bounds a line's change and rate are checked against: with this year's figure from the tables (exact), and,
 * when 本年 is written and disagrees with them (reported once, BUD520), also with 本年 as written (± half a
 * unit): a change or rate consistent with either is not reported again. Without the tables' figure, 本年 as written.
 */
export function comparisonBoundsAll(line: ComparisonLine, computed: Money | undefined): ComparisonBounds[] {
  const w = line.current;
  const out: ComparisonBounds[] = [];
  const fromTables = computed !== undefined ? comparisonBounds(line, computed, 0n) : undefined;
  if (fromTables) out.push(fromTables);
  if (w && (computed === undefined || !amountAgrees(w, computed))) {
    const fromWritten = comparisonBounds(line, w.value, halfUlp(w.decimals, w.unit));
    if (fromWritten) out.push(fromWritten);
  }
  return out;
}

export function comparisonBounds(line: ComparisonLine, c: Money, hC: Money): ComparisonBounds | undefined {
  const half = (a: { decimals: number; unit: MoneyUnit }): Money => halfUlp(a.decimals, a.unit);
  if (line.previous) return { c, hC, p: line.previous.value, hP: half(line.previous) };
  const written = writtenChange(line);
  if (written === undefined) return undefined;
  const hD = line.change?.amount ? half(line.change.amount) : 0n;
  return { c, hC, p: c - written, hP: hD + hC };
}

/**
 * Whether a written change (`value` ± `half`) is possible: some 本年 and 上年 within their bounds differ by a
 * change within half a unit of the written one.
 */
export function changeAgrees(b: ComparisonBounds, value: Money, half: Money): boolean {
  return abs(value - (b.c - b.p)) <= half + b.hP + b.hC;
}

/**
 * Whether a written rate (`written / 10^decimals` percent, ± half a unit of its last digit) is possible for some
 * 本年 and 上年 within their bounds. The rate (C − P) ÷ P = C ÷ P − 1 grows with C; with P (P > 0) it falls when C
 * is positive and grows when C is negative (a negative 本年), so its least value is at the least C and, for that C,
 * the greatest P when C ≥ 0 and the least P when C < 0 (the greatest value likewise). When last year's bounds
 * include 0 (or are negative) only the exact rate at the written figures is compared.
 */
export function rateAgreesWithin(b: ComparisonBounds, written: bigint, decimals: number): boolean {
  const pLo = b.p - b.hP;
  const pHi = b.p + b.hP;
  if (pLo <= 0n) {
    const r = exactRate(b.c, b.p);
    return r !== undefined && rateAgrees(r, written, decimals);
  }
  const scale = 10n ** BigInt(decimals);
  const cLo = b.c - b.hC;
  const cHi = b.c + b.hC;
  // The written interval [(2w − 1) / (2·10^d), (2w + 1) / (2·10^d)] meets [lo, hi], lo = (cLo − P)·100 / P with
  // P = pHi (cLo ≥ 0) or pLo (cLo < 0), hi = (cHi − P)·100 / P with P = pLo (cHi ≥ 0) or pHi (cHi < 0); all
  // denominators positive: compare by cross-multiplication.
  const pOfLo = cLo >= 0n ? pHi : pLo;
  const pOfHi = cHi >= 0n ? pLo : pHi;
  const lo = { num: (cLo - pOfLo) * 100n, den: pOfLo };
  const hi = { num: (cHi - pOfHi) * 100n, den: pOfHi };
  const top = { num: 2n * written + 1n, den: 2n * scale };
  const bottom = { num: 2n * written - 1n, den: 2n * scale };
  return top.num * lo.den >= lo.num * top.den && bottom.num * hi.den <= hi.num * bottom.den;
}

/**
 * Whether the change a line writes agrees with this year and last year (BUD521): each figure allowed half a unit
 * of its last written digit. Undefined when the change is not checked (no change, no written 上年, an unknown 本年).
 */
export function changeAccepted(line: ComparisonLine, r: ComparisonFigures): boolean | undefined {
  const c = line.change;
  const written = writtenChange(line);
  if (!c || !line.previous || written === undefined || r.change === undefined || r.current === undefined || r.previous === undefined) return undefined;
  const half = c.amount ? halfUlp(c.amount.decimals, c.amount.unit) : 0n;
  return comparisonBoundsAll(line, r.computed.value).some((b) => changeAgrees(b, written, half));
}

/**
 * Whether the rate a line writes agrees with this year and last year at its written decimals (BUD522). Undefined when
 * the rate is not checked (no rate, last year unknown or 0: BUD523).
 */
export function rateAccepted(line: ComparisonLine, r: ComparisonFigures): boolean | undefined {
  const rt = line.rate;
  if (!rt || r.current === undefined || r.previous === undefined || r.previous === 0n || !r.rate) return undefined;
  return comparisonBoundsAll(line, r.computed.value).some((b) => rateAgreesWithin(b, writtenRate(rt.value, rt.style), rt.value.decimals));
}

// ── the hygiene of the 说明's text ─────────────────────────────────────────────────────────────────

/** Placeholders a template leaves for the author: XX, ××, ○○, 待填写/待补充/待定, a run of ellipses. */
const PLACEHOLDER = /[XＸ]{2,}|[xｘ]{2,}|[×＊*]{2,}|[○〇]{2,}|待填写|待补充|待填报|……|\.{6,}/g;
/** A year as a 说明 writes one: 2025年, 2025 年. */
const YEAR = /(?<!\d)((?:19|20)\d{2})\s*年/g;
/** A period from one year to another: 2026年1月1日至2027年12月31日, 2025年至2027年, 2025—2027年 (the years' offsets are checked). */
const PERIOD = /(?<!\d)((?:19|20)\d{2})\s*(?:年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?)?\s*(?:至|到|—|–|－|-|~|～)\s*((?:19|20)\d{2})(\s*年)/g;

/**
 * A word of the comparison written twice in a row (“比2025年预算增加增加27.45万元”, “比比上年”): the second is a slip. The
 * change's words (增加, 减少, 增长, 下降, 上升, 降低, 持平) anywhere; the words a 说明 compares with (比, 较, 与) only before
 * the year compared with (“比比2025年”, “与与上年”), since elsewhere they double in ordinary words (参与与支持, 比比皆是).
 * Spaces between the two are allowed.
 */
const DOUBLED = /(增加|减少|增长|下降|上升|降低|持平)\s*\1|(比|较|与)\s*\2(?=\s*(?:(?:19|20)\d{2}\s*年|上年|去年))/g;
/**
 * A change word and 持平 together (“与2025年预算增加持平”): the text says both that the figure changed and that it did
 * not. 基本持平, 持平略增 … are not written with a change word right beside 持平.
 */
const CHANGE_AND_FLAT = /(?:增加|减少|增长|下降|上升|降低)\s*持平|持平\s*(?:增加|减少|增长|下降|上升|降低)/g;

/** A slip of a 说明's text, at an offset into it. */
export interface TextFinding {
  /** A placeholder left in (BUD538), a year out of place (BUD539), a word doubled (BUD543), a change and 持平 (BUD544). */
  kind: 'placeholder' | 'year' | 'doubled' | 'changeAndFlat';
  at: number;
  found: string;
  /** A doubled word: the word (the fix writes it once). */
  word?: string;
}

/** What is wrong with a text of the 说明: its placeholders, its years out of place, its slips of wording (offsets into `text`). */
export function textFindings(text: string, year: number | undefined): TextFinding[] {
  const out: TextFinding[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) out.push({ kind: 'placeholder', at: m.index ?? 0, found: m[0] });
  for (const m of text.matchAll(DOUBLED)) out.push({ kind: 'doubled', at: m.index ?? 0, found: m[0], word: m[1] ?? m[2] });
  for (const m of text.matchAll(CHANGE_AND_FLAT)) out.push({ kind: 'changeAndFlat', at: m.index ?? 0, found: m[0] });
  if (year !== undefined) {
    // A period that runs through the budget year (a project's “2026年1月1日至2027年12月31日”, “2025年至2027年”) may
    // name any year at its ends: neither end is out of place.
    const inPeriod = new Set<number>();
    for (const m of text.matchAll(PERIOD)) {
      const [from, to] = [Number(m[1]), Number(m[2])];
      if (from <= year && to >= year - 1 && from <= to) {
        inPeriod.add(m.index ?? 0);
        inPeriod.add((m.index ?? 0) + m[0].length - m[2].length - m[3].length);
      }
    }
    for (const m of text.matchAll(YEAR)) {
      const y = Number(m[1]);
      if (y !== year && y !== year - 1 && !inPeriod.has(m.index ?? 0)) out.push({ kind: 'year', at: m.index ?? 0, found: m[0] });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * A code's names as a 说明 prints them, one per level: “文化旅游体育与传媒支出（类）文化和旅游（款）行政运行（项）”, the
 * levels' markers in full-width or ASCII parentheses, the names joined or by dashes (“…(类）-…（款）-…（项）”). Each name
 * with its offset into `text`, for the code's 类 (3 digits), 款 (5) and 项 (7); undefined when the text is not so.
 */
export function codeNameLevels(text: string): Array<{ digits: 3 | 5 | 7; at: number; name: string }> | undefined {
  const m = CODE_NAME_LEVELS.exec(text);
  if (!m?.indices) return undefined;
  return ([3, 5, 7] as const).map((digits, i) => ({ digits, at: m.indices![i + 1][0], name: m[i + 1] }));
}

const CODE_NAME_LEVELS = /^"?(.+?)[（(]类[）)][-—–－]?(.+?)[（(]款[）)][-—–－]?(.+?)[（(]项[）)]"?$/d;
