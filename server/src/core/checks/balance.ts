import { isFiscal, isUnitFund, parseSourceKey } from '../compute';
import type { Related } from '../diagnostics';
import { FISCAL_SOURCES, UNIT_FUND_SOURCES } from '../keywords';
import type { Money } from '../money';
import { fmt, defineCheck, statedTotal, type CheckContext } from './context';

type Ctx = CheckContext<'BUD401'>;

function checkBalance(ctx: Ctx): void {
  const u = ctx.unit;
  const f = ctx.figures;
  if (!u.income || !u.func) return;
  const income = f.income.values.get('收入总计');
  // A written 支出总计 is itself checked against the rows (BUD201); balance against it, so that one wrong
  // row is not reported twice.
  const expense = u.func.extras.grandTotal?.amount?.value ?? f.expenseGrand;
  const at = u.func.extras.grandTotal?.span ?? u.func.total?.span ?? u.func.headerSpan;
  const incAt = f.income.lines.get('收入总计')?.span ?? u.income.headerSpan;
  const related = (): Related[] => [{ ...incAt, message: { zh: '收入', en: 'income' } }];
  if (income !== undefined && expense !== undefined && income !== expense) {
    ctx.report('BUD401', at, { what: '收入总计与支出总计', whatEn: 'total income and total expenditure', income: fmt(ctx, income), expense: fmt(ctx, expense), diff: fmt(ctx, income - expense) }, { related: related() });
    return;
  }
  if (u.func.extras.yearEndCarry?.amount?.value) return; // the carry-over is not split by source
  // 财政拨款 part and each source.
  const incBySource = new Map<string, Money>();
  for (const [k, v] of f.income.values) {
    const m = /^(本年|上年结转):(.+)$/.exec(k);
    if (m && !['财政拨款', '单位资金'].includes(m[2])) incBySource.set(m[2], (incBySource.get(m[2]) ?? 0n) + v);
  }
  const expBySource = new Map<string, Money>();
  for (const [k, c] of f.func.root.bySource) {
    const s = parseSourceKey(k).source;
    expBySource.set(s, (expBySource.get(s) ?? 0n) + (c.total ?? 0n));
  }
  // One source only: its expenditure is the 合计 row as stated (statedTotal).
  if (expBySource.size === 1) expBySource.set([...expBySource.keys()][0], statedTotal(ctx, u.func.total?.cells.total, [...expBySource.values()][0])!);
  const fiscalInc = (f.income.values.get('本年:财政拨款') ?? 0n) + (f.income.values.get('上年结转:财政拨款') ?? 0n);
  let fiscalExp = 0n;
  for (const [s, v] of expBySource) if (isFiscal(s)) fiscalExp += v;
  const hasFiscal = f.income.values.has('本年:财政拨款') || f.income.values.has('上年结转:财政拨款');
  if (hasFiscal && fiscalInc !== fiscalExp) {
    ctx.report('BUD401', at, { what: '财政拨款收支', whatEn: 'the 财政拨款 (fiscal appropriation) part', income: fmt(ctx, fiscalInc), expense: fmt(ctx, fiscalExp), diff: fmt(ctx, fiscalInc - fiscalExp) }, { related: related() });
    return;
  }
  if (!incBySource.size) return;
  // A group written only as its subtotal (财政拨款收入, 单位资金) is not split by source: compare it as a
  // group (the 财政拨款 part above), not source by source.
  const written = (group: string, kids: readonly string[]): boolean =>
    !f.income.lines.has(`本年:${group}`) || kids.some((k) => f.income.lines.has(`本年:${k}`) || f.income.lines.has(`上年结转:${k}`));
  const fiscalSplit = written('财政拨款', FISCAL_SOURCES);
  const unitSplit = written('单位资金', UNIT_FUND_SOURCES);
  for (const s of new Set([...incBySource.keys(), ...expBySource.keys()])) {
    if ((isFiscal(s) && !fiscalSplit) || (isUnitFund(s) && !unitSplit)) continue;
    const a = incBySource.get(s) ?? 0n;
    const b = expBySource.get(s) ?? 0n;
    if (a !== b) ctx.report('BUD401', at, { what: `资金来源“${s}”`, whatEn: `funding source “${s}”`, income: fmt(ctx, a), expense: fmt(ctx, b), diff: fmt(ctx, a - b) }, { related: related() });
  }
}

export const balance = defineCheck('balance', ['BUD401'], checkBalance);
