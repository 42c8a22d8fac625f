import { collapseBlanks, isBlankAt } from '../blank';
import { amountAgrees, changeAccepted, quotedFigure, changeAgrees, comparisonBoundsAll, comparisonFigures, formatRate, formatScaled, likeWritten, lineName, rateAccepted, roundRate } from '../comparison';
import type { Related, Span } from '../diagnostics';
import { abs, halfUlp, type Money, type MoneyUnit } from '../money';
import { alternatives } from '../records';
import { fmt, defineCheck, recorded, type CheckContext } from './context';

type Ctx = CheckContext<'BUD520' | 'BUD521' | 'BUD522' | 'BUD523' | 'BUD524' | 'BUD530' | 'BUD531'>;

/** The text of a span as a message quotes it: its blanks as single spaces (alignment is not part of it). */
function quoted(ctx: Ctx, span: Span): string {
  return collapseBlanks(ctx.text.slice(span.start, span.end));
}

/**
 * Each line of a 上年比较 block: 本年 as written = this year's figure computed from the unit's tables (BUD520),
 * the change written = 本年 − 上年 (BUD521), the rate written = (本年 − 上年) ÷ 上年 × 100 (BUD522; 上年 0: BUD523),
 * each allowing half a unit of its last written digit (a 说明 rounds its figures) in both rounding modes: a 说明
 * figure quotes one table figure, rounded once, and the tables' own rounding is checked at the tables (not widened
 * under 容差: docs/language.md, the tolerance section). The change and the rate are
 * taken from 本年 as written when it agrees with the tables, else from the tables' figure (a wrong 本年 is reported
 * once); a figure the tables do not give is information (BUD524).
 */
function checkComparisons(ctx: Ctx): void {
  const cmp = ctx.unit.comparison;
  if (!cmp) return;
  const bu = cmp.moneyUnit;
  const show = (v: Money): string => fmt(ctx, v, bu);
  for (const line of cmp.lines) {
    const r = comparisonFigures(ctx.figures, line);
    const name = lineName(line);
    const names = { figure: name.zh, figureEn: name.en };
    const cf = r.computed;
    if (cf.value === undefined) {
      const consequence = line.current
        ? { zh: '增减与增减率按所写本年数核对', en: 'the change and the rate are checked against 本年 as written' }
        : { zh: '增减与增减率未核对', en: 'the change and the rate are not checked' };
      ctx.report('BUD524', line.keySpan, { ...names, why: cf.missing?.zh ?? '', whyEn: cf.missing?.en ?? '', consequence: consequence.zh, consequenceEn: consequence.en });
    } else if (line.current && !amountAgrees(line.current, cf.value)) {
      const d = line.current;
      const t = likeWritten(cf.value, d);
      const against = { zh: `按本单位各表计算的本年数（${cf.source?.zh ?? ''}）`, en: `this year’s figure from the unit’s tables (${cf.source?.en ?? ''})` };
      const related = cf.at ? [{ ...cf.at, message: { zh: `${cf.source?.zh ?? ''}：${name.zh} ${fmt(ctx, cf.value)}`, en: `${cf.source?.en ?? ''}: ${name.en} ${fmt(ctx, cf.value)}` } }] : [];
      const fixes = [{ title: { zh: `改为 ${t}`, en: `Change to ${t}` }, edits: [{ ...d.span, newText: t }], preferred: true }];
      // Digits cut off instead of rounded (1,234,567 元 written 123.45 万元) is a slip of rounding, not a wrong figure.
      const code = isTruncated(d, cf.value) ? 'BUD530' : 'BUD520';
      // One fault, one report: a 说明 figure that agrees with the table's written figure where that is itself
      // reported, or with what the table's reported total implies for it, differs only through that fault.
      const q = quotedFigure(ctx.figures, line.figure);
      const through = alternatives(ctx.figures.records, q.written, q.wholes, q.below).find((x) => amountAgrees(d, x.value));
      recorded(ctx, { code, declared: d, computed: cf.value, tolerance: halfUlp(d.decimals, d.unit), ok: false, against, ...(through ? { causes: through.causes } : {}) });
      // Else reported at the table (its related information names this line).
      if (!through && code === 'BUD530') ctx.report('BUD530', d.span, { ...names, declared: d.text, computed: fmt(ctx, cf.value, d.unit), rounded: t }, { related, fixes });
      else if (!through) ctx.report('BUD520', d.span, { ...names, declared: d.text, computed: fmt(ctx, cf.value, d.unit), diff: fmt(ctx, d.value - cf.value, d.unit) }, { related, fixes });
    } else if (line.current) {
      recorded(ctx, {
        code: 'BUD520', declared: line.current, computed: cf.value, tolerance: halfUlp(line.current.decimals, line.current.unit), ok: true,
        against: { zh: `按本单位各表计算的本年数（${cf.source?.zh ?? ''}）`, en: `this year’s figure from the unit’s tables (${cf.source?.en ?? ''})` },
      });
    }
    const cur = r.current;
    const prev = r.previous;
    if (cur === undefined || prev === undefined) continue;
    // What the written figures allow, each rounded to its last digit (a 说明 rounds them one by one).
    const bounds = comparisonBoundsAll(line, cf.value);
    const related = (): Related[] => [
      ...(line.current && line.current.value === cur ? [{ ...line.current.span, message: { zh: `本年 ${line.current.text}`, en: `this year ${line.current.text}` } }]
        : cf.at ? [{ ...cf.at, message: { zh: `本年（${cf.source?.zh ?? ''}）${show(cur)}`, en: `this year (${cf.source?.en ?? ''}) ${show(cur)}` } }] : []),
      ...(line.previous ? [{ ...line.previous.span, message: { zh: `上年 ${line.previous.text}`, en: `last year ${line.previous.text}` } }] : []),
    ];
    // A change without 上年 implies last year's figure: a budget figure of last year below 0 (beyond the rounding of
    // the figures) cannot be — “政府性基金 0 万元，比上年增加 1421.25 万元”.
    const c = line.change;
    if (c?.amount && r.previousImplied && cur >= 0n && bounds.every((b) => b.p + b.hP < 0n)) {
      const span = { start: c.labelSpan.start, end: c.amount.span.end };
      ctx.report('BUD531', span, { ...names, current: show(cur), written: quoted(ctx, span), previous: show(prev) }, { related: related() });
      continue;
    }
    // The change (only against a written 上年: an implied one agrees by construction).
    if (c && line.previous && r.change !== undefined && changeAccepted(line, r) === false) {
      const expected = r.change;
      const like = c.amount ?? line.previous;
      const end = c.amount ? c.amount.span.end : c.labelSpan.end;
      const span = { start: c.labelSpan.start, end };
      const size = likeWritten(abs(expected), like);
      let edit: { start: number; end: number; newText: string };
      // A signed change keeps a `+` written before a positive one.
      if (c.style === 'signed') edit = { ...c.amount!.span, newText: (expected > 0n && c.amount!.text.startsWith('+') ? '+' : '') + likeWritten(expected, like) };
      else {
        // 持平 only when it is itself accepted; a change that rounds to 0 at the written digits but not at
        // last year's is written at last year's digits (减少 0.002), so that the fix clears the problem.
        const flat = bounds.length ? changeAgrees(bounds[0], 0n, 0n) : expected === 0n;
        const zero = /^-?0(?:\.0*)?$/.test(likeWritten(expected, like));
        const sized = zero && !flat ? likeWritten(abs(expected), line.previous) : size;
        const word = flat && zero ? '持平' : expected > 0n ? '增加' : '减少';
        const rightWord = (c.style === 'up' && word === '增加') || (c.style === 'down' && word === '减少');
        edit = rightWord ? { ...c.amount!.span, newText: sized } : { ...span, newText: word === '持平' ? '持平' : `${word} ${sized}` };
      }
      ctx.report('BUD521', span, {
        ...names, written: quoted(ctx, span), current: show(cur), previous: show(prev),
        computed: expected === 0n ? '0' : `${expected > 0n ? '+' : ''}${show(expected)}`,
      }, { related: related(), fixes: [{ title: { zh: `改为“${edit.newText}”`, en: `Change to “${edit.newText}”` }, edits: [edit], preferred: true }] });
    }
    // The rate.
    const rt = line.rate;
    if (!rt) continue;
    const span = { start: rt.labelSpan.start, end: rt.value.span.end };
    const writtenText = quoted(ctx, span);
    if (prev === 0n) {
      // Delete the rate with the blanks before it.
      let from = span.start;
      while (isBlankAt(ctx.text, from - 1)) from--;
      ctx.report('BUD523', span, { ...names, written: writtenText }, {
        related: related(),
        fixes: [{ title: { zh: `删除“${writtenText}”`, en: `Remove “${writtenText}”` }, edits: [{ start: from, end: span.end, newText: '' }], preferred: true }],
      });
      continue;
    }
    const rate = r.rate!;
    const d = rt.value.decimals;
    if (rateAccepted(line, r) !== false) continue;
    const rounded = roundRate(rate, d);
    let edit: { start: number; end: number; newText: string };
    const numberSpan = { start: rt.value.span.start, end: rt.value.span.start + rt.value.text.length };
    if (rt.style === 'signed') edit = { ...numberSpan, newText: (rounded > 0n && rt.value.text.startsWith('+') ? '+' : '') + formatScaled(rounded, d) };
    else {
      const word = rounded > 0n ? '增长' : rounded < 0n ? '下降' : undefined;
      const rightWord = !word || (rt.style === 'up' && word === '增长') || (rt.style === 'down' && word === '下降');
      const size = formatScaled(rounded < 0n ? -rounded : rounded, d);
      edit = rightWord ? { ...numberSpan, newText: size } : { start: rt.labelSpan.start, end: numberSpan.end, newText: `${word} ${size}` };
    }
    ctx.report('BUD522', span, {
      ...names, written: writtenText, current: show(cur), previous: show(prev), computed: formatRate(rate, d), decimals: d,
    }, { related: related(), fixes: [{ title: { zh: `改为“${edit.newText}”`, en: `Change to “${edit.newText}”` }, edits: [edit], preferred: true }] });
  }
}

/**
 * Whether a written figure is the computed one with its digits cut off (toward zero) at its written decimals, not
 * rounded: 1,234,567 元 written 123.45 万元 (rounded: 123.46).
 */
export function isTruncated(written: { value: Money; decimals: number; unit: MoneyUnit }, value: Money): boolean {
  const ulp = 2n * halfUlp(written.decimals, written.unit);
  if (ulp === 0n) return false;
  const cut = value - (value % ulp);
  return written.value === cut && written.value !== value;
}

export const comparisons = defineCheck('year-on-year comparisons', ['BUD520', 'BUD521', 'BUD522', 'BUD523', 'BUD524', 'BUD530', 'BUD531'], checkComparisons);
