import type { Fix, Related } from '../diagnostics';
import type { DateValue } from '../model';
import { fmt, setTo, toleranceArgs, compare, defineCheck, type CheckContext } from './context';

type Ctx = CheckContext<'BUD902' | 'BUD903' | 'BUD904' | 'BUD905'>;

/** What 资金总额 is compared with (check records: records.ts). */
const FUNDS_PARTS = { zh: '财政资金 + 其他资金', en: 'fiscal funds + other funds' };

/** The first and last day a date written to some precision covers, as yyyymmdd numbers. */
function dayRange(d: DateValue): { first: number; last: number } {
  return { first: d.year * 10_000 + (d.month ?? 1) * 100 + (d.day ?? 1), last: d.year * 10_000 + (d.month ?? 12) * 100 + (d.day ?? 31) };
}

/** Whether a date is written with its own year (not `12月` at the end of `2025年1月-12月`). */
function hasOwnYear(d: DateValue): boolean {
  return /^[0-9０-９]{4}/.test(d.text);
}

/**
 * A project's start and completion dates in order (BUD902, a fix swapping them), the fiscal year inside its
 * period (BUD903), 资金总额 = 财政资金 + 其他资金 when a part is written, a missing part counting 0 as an empty
 * published cell does (BUD904, fixes as for BUD301), and the year's amount not above the multi-year 资金总额
 * (BUD905).
 */
function checkProjectAttributes(ctx: Ctx): void {
  const year = ctx.unit.year;
  for (const pf of ctx.figures.projects) {
    const p = pf.project;
    const project = p.name.text;
    const s = p.startDate;
    const e = p.endDate;
    let ordered = true;
    if (s && e && dayRange(s).first > dayRange(e).last) {
      ordered = false;
      const fixes: Fix[] = hasOwnYear(s) && hasOwnYear(e)
        ? [{ title: { zh: '交换开始日期与完成日期', en: 'Swap the start and completion dates' }, edits: [{ ...s.span, newText: e.text }, { ...e.span, newText: s.text }] }]
        : [];
      ctx.report('BUD902', s.span, { project, start: s.text, end: e.text }, { related: [{ ...e.span, message: { zh: `完成日期 ${e.text}`, en: `completion date ${e.text}` } }], fixes });
    }
    if (ordered && year !== undefined && (s || e)) {
      const at = s && year < s.year ? s : e && year > e.year ? e : undefined;
      if (at) {
        const related: Related[] = ctx.unit.yearSpan ? [{ ...ctx.unit.yearSpan, message: { zh: `预算年度 ${year}`, en: `fiscal year ${year}` } }] : [];
        if (at === s && e) related.push({ ...e.span, message: { zh: `完成日期 ${e.text}`, en: `completion date ${e.text}` } });
        if (at === e && s) related.push({ ...s.span, message: { zh: `开始日期 ${s.text}`, en: `start date ${s.text}` } });
        ctx.report('BUD903', at.span, { year, project, period: `${s?.text ?? '…'} 至 ${e?.text ?? '…'}`, periodEn: `${s?.text ?? '…'} to ${e?.text ?? '…'}` }, {
          related: related.map(({ start, end, message }) => ({ start, end, message })),
        });
      }
    }
    const total = p.fundsTotal;
    const parts = (['fundsFiscal', 'fundsOther'] as const).filter((k) => p[k]);
    if (total && parts.length) {
      const v = parts.reduce((a, k) => a + p[k]!.value, 0n);
      const { ok, tolerance } = compare(ctx, 'BUD904', total, v, parts.length, FUNDS_PARTS);
      if (!ok) {
        const names = { fundsFiscal: { zh: '财政资金', en: 'fiscal funds' }, fundsOther: { zh: '其他资金', en: 'other funds' } };
        const related: Related[] = parts.map((k) => ({ ...p[k]!.span, message: { zh: `${names[k].zh} ${p[k]!.text}`, en: `${names[k].en} ${p[k]!.text}` } }));
        // Either the total or a part is wrong: offer both, prefer neither (as BUD301).
        const fixes: Fix[] = [{ ...setTo(total, v), preferred: false }];
        if (parts.length === 1) {
          const fix = setTo(p[parts[0]]!, total.value);
          fixes.push({ ...fix, preferred: false, title: { zh: `将${names[parts[0]].zh}改为 ${fix.edits[0].newText}`, en: `Set ${names[parts[0]].en} to ${fix.edits[0].newText}` } });
        }
        ctx.report('BUD904', total.span, {
          project, declared: total.text, computed: fmt(ctx, v, total.unit), diff: fmt(ctx, total.value - v, total.unit), ...toleranceArgs(ctx, tolerance, total.unit),
        }, { related, fixes });
      }
    }
    if (total && pf.total !== undefined && pf.total > total.value) {
      const annual = p.amount ? [p.amount] : p.bySource.map((b) => b.amount);
      ctx.report('BUD905', total.span, { project, amount: fmt(ctx, pf.total, total.unit), total: total.text }, {
        related: annual.map((a) => ({ ...a.span, message: { zh: `年度金额 ${a.text}`, en: `annual amount ${a.text}` } })),
      });
    }
  }
}

export const projectAttributes = defineCheck('project attributes', ['BUD902', 'BUD903', 'BUD904', 'BUD905'], checkProjectAttributes);
