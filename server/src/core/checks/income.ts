import { incomeChildren } from '../compute';
import type { Related } from '../diagnostics';
import { fmt, setTo, toleranceArgs, compare, defineCheck, type CheckContext } from './context';

type Ctx = CheckContext<'BUD302'>;

/** What a subtotal is compared with (check records: records.ts). */
const PARTS = { zh: '其组成部分合计', en: 'the sum of its parts' };

function checkIncome(ctx: Ctx): void {
  const inc = ctx.figures.income;
  for (const [key, line] of inc.lines) {
    if (!line.amount) continue;
    const kids = incomeChildren(key).filter((k) => inc.values.has(k));
    if (!kids.length) continue;
    const v = kids.reduce((a, k) => a + inc.values.get(k)!, 0n);
    const { ok, tolerance } = compare(ctx, 'BUD302', line.amount, v, kids.length, PARTS);
    if (!ok) {
      // Keys are `本年:财政拨款` / `上年结转:一般公共预算`: shown as the lines are written.
      const label = (k: string): string => k.replace(/^本年:/, '').replace(/^上年结转:/, '上年结转 ');
      const related: Related[] = kids.filter((k) => inc.lines.get(k)).map((k) => ({ ...inc.lines.get(k)!.keySpan, message: { zh: `${label(k)}：${fmt(ctx, inc.values.get(k)!)}`, en: `${label(k)}: ${fmt(ctx, inc.values.get(k)!)}` } }));
      ctx.report('BUD302', line.amount.span, { item: label(key), declared: line.amount.text, computed: fmt(ctx, v, line.amount.unit), diff: fmt(ctx, line.amount.value - v, line.amount.unit), ...toleranceArgs(ctx, tolerance, line.amount.unit) }, { related, fixes: [setTo(line.amount, v)] });
    }
  }
}

export const income = defineCheck('income subtotals', ['BUD302'], checkIncome);
