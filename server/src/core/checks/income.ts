import { incomeAncestors, incomeChildren } from '../compute';
import type { Related, Span } from '../diagnostics';
import type { Money } from '../money';
import { recordsOf } from '../records';
import { fmt, setTo, toleranceArgs, compare, defineCheck, followsFrom, type CheckContext } from './context';

type Ctx = CheckContext<'BUD302'>;

/** What a subtotal is compared with (check records: records.ts). */
const PARTS = { zh: '其组成部分合计', en: 'the sum of its parts' };

/**
 * Each written subtotal of the 收入 block against its parts as stated: a part's written figure, else what its own
 * parts state (as the roll-ups of the classification tables). A subtotal that agrees with its written parts is not
 * wrong when one of them disagrees with its own parts; a subtotal that agrees with what the figures below give but
 * not with a written part differs only through that part, reported where it is written (one fault, one report:
 * the record's causes).
 */
function checkIncome(ctx: Ctx): void {
  const inc = ctx.figures.income;
  const kidsOf = (k: string): string[] => incomeChildren(k).filter((x) => inc.values.has(x));
  const memo = new Map<string, Money>();
  const stated = (k: string): Money => {
    let v = memo.get(k);
    if (v !== undefined) return v;
    const w = inc.lines.get(k)?.amount;
    const kids = w ? [] : kidsOf(k);
    v = w ? w.value : kids.length ? kids.reduce((a, x) => a + stated(x), 0n) : inc.values.get(k) ?? 0n;
    memo.set(k, v);
    return v;
  };
  // The deepest written figures below a subtotal that disagree with their own parts (where each is reported).
  const faults = (k: string): Span[] => kidsOf(k).flatMap((x) => {
    const inner = faults(x);
    if (inner.length) return inner;
    const r = recordsOf(ctx.figures.records, inc.lines.get(x)?.amount).find((y) => !y.ok);
    return r ? r.causes ?? [r.declared.span] : [];
  });
  // Deepest subtotals first: a subtotal's record can then name the fault its part's record points to.
  const keys = [...inc.lines.keys()].sort((a, b) => incomeAncestors(b).length - incomeAncestors(a).length);
  for (const key of keys) {
    const line = inc.lines.get(key)!;
    if (!line.amount) continue;
    const kids = kidsOf(key);
    if (!kids.length) continue;
    const v = kids.reduce((a, k) => a + stated(k), 0n);
    const r = compare(ctx, 'BUD302', line.amount, v, kids.length, PARTS);
    if (r.ok) continue;
    const deep = inc.values.get(key);
    if (deep !== undefined && deep !== v && followsFrom(ctx, r, { value: deep, causes: faults(key) }, kids.length)) continue;
    // Keys are `本年:财政拨款` / `上年结转:一般公共预算`: shown as the lines are written.
    const label = (k: string): string => k.replace(/^本年:/, '').replace(/^上年结转:/, '上年结转 ');
    // The written lines the parts are stated by (a part not written is what its own parts state: those lines).
    const writtenParts = (k: string): string[] => (inc.lines.get(k)?.amount ? [k] : kidsOf(k).flatMap(writtenParts));
    const related: Related[] = kids.flatMap(writtenParts).map((k) => ({ ...inc.lines.get(k)!.keySpan, message: { zh: `${label(k)}：${fmt(ctx, stated(k))}`, en: `${label(k)}: ${fmt(ctx, stated(k))}` } }));
    ctx.report('BUD302', line.amount.span, { item: label(key), declared: line.amount.text, computed: fmt(ctx, v, line.amount.unit), diff: fmt(ctx, line.amount.value - v, line.amount.unit), ...toleranceArgs(ctx, r.tolerance, line.amount.unit) }, { related, fixes: [setTo(line.amount, v)] });
  }
}

export const income = defineCheck('income subtotals', ['BUD302'], checkIncome);
