/**
 * 机关运行经费 (agency operating funds): for a 行政单位 or a 参照公务员法管理的事业单位 it is the 公用经费 of the
 * basic expenditure paid from the general public budget (一般公共预算财政拨款). Published in its own table's unit
 * (often 万元 beside tables in 元), it is compared within the rounding of its last written digit (under 容差 also the
 * rounding of the 公用 lines it is compared with). For other unit
 * kinds, or when the 公用经费 of the general budget is not known, there is no identity to check (hover says why).
 */
import type { Amount } from '../model';
import { abs, formatRounded, halfUlp, type Money } from '../money';
import { fmt, defineCheck, leafSum, quotedTolerance, recorded, type CheckContext, type Summed } from './context';

type Ctx = CheckContext<'BUD515'>;

/** The 公用经费 of the general-budget basic expenditure, when the file states it; why not otherwise. */
export function opsFundsBasis(ctx: Pick<CheckContext, 'unit' | 'figures'>): { value: Money; from: { zh: string; en: string }; sum: () => Summed } | { why: { zh: string; en: string } } {
  const u = ctx.unit;
  if (u.kindClass !== 'admin') {
    return { why: { zh: '只有行政单位和参照公务员法管理的事业单位的机关运行经费有定义（写明“性质”）', en: 'agency operating funds are defined only for 行政单位 and units managed under the civil-service law (state 性质)' } };
  }
  const f = ctx.figures;
  const general = f.func.root.bySource.get('一般公共预算')?.public;
  if (general !== undefined) return { value: general, from: { zh: '支出中一般公共预算的公用经费', en: 'the general budget’s 公用 in 支出' }, sum: () => leafSum(f.func, (_, k) => k === '一般公共预算', 'public') };
  // Without a split by source: only when all the unit's spending is general-budget money, its 公用 (the economic
  // table's, else the function table's) is the general budget's.
  const sources = [...f.func.root.bySource.keys()];
  if (sources.some((s) => s !== '一般公共预算')) return { why: { zh: '支出未按来源写出一般公共预算的公用经费', en: '支出 does not state the general budget’s 公用 by source' } };
  const econ = u.econ ? f.econ.root.cells.public : undefined;
  if (econ !== undefined) return { value: econ, from: { zh: '经济分类的公用经费', en: 'the economic classification’s 公用' }, sum: () => leafSum(f.econ, undefined, 'public') };
  const func = f.func.root.cells.public;
  if (func !== undefined) return { value: func, from: { zh: '支出的公用经费', en: 'the 公用 of 支出' }, sum: () => leafSum(f.func, undefined, 'public') };
  return { why: { zh: '文件未写公用经费', en: 'the file states no 公用经费' } };
}

function computedText(d: Amount, v: Money): string {
  return formatRounded(v, d.unit, d.decimals, d.text.includes(','));
}

function checkOpsFunds(ctx: Ctx): void {
  const d = ctx.figures.sangong.declared.opsFunds;
  if (!d) return;
  const basis = opsFundsBasis(ctx);
  if ('why' in basis) return;
  // Within the rounding of the written figure (万元 to two decimals beside 元 tables): half a unit of its last digit;
  // under 容差 also the rounding of the 公用 lines it is compared with (quotedTolerance).
  const tolerance = d.value === basis.value ? halfUlp(d.decimals, d.unit) : quotedTolerance(ctx, d, basis.sum());
  const ok = abs(d.value - basis.value) <= tolerance;
  recorded(ctx, { code: 'BUD515', declared: d, computed: basis.value, tolerance, ok, against: basis.from });
  if (ok) return;
  ctx.report('BUD515', d.span, {
    declared: d.text, computed: fmt(ctx, basis.value, d.unit), from: basis.from.zh, fromEn: basis.from.en, diff: fmt(ctx, d.value - basis.value, d.unit),
  }, {
    // The figure rounded to the digits it is written with (507.25 for 5,072,538 元 written in 万元).
    fixes: [{ title: { zh: `改为 ${computedText(d, basis.value)}`, en: `Change to ${computedText(d, basis.value)}` }, edits: [{ start: d.span.start, end: d.span.end, newText: computedText(d, basis.value) }], preferred: true }],
  });
}

export const opsFunds = defineCheck('机关运行经费', ['BUD515'], checkOpsFunds);
