import { incomeAncestors, isFiscal, isUnitFund, parseSourceKey, rowCoversAllSources, sourceKey } from '../compute';
import type { Related, Span, Text2 } from '../diagnostics';
import type { Amount } from '../model';
import { FISCAL_SOURCES, UNIT_FUND_SOURCES } from '../keywords';
import { abs, type Money } from '../money';
import { alternatives, ownFault, recordsOf, throughFaults, type Alternative } from '../records';
import { fmt, defineCheck, incomeSum, leafSum, one, plus, recorded, sidesAgree, statedTotal, toleranceArgs, type CheckContext, type Summed } from './context';

type Ctx = CheckContext<'BUD401'>;

/** One side of a balance: its value as written (else computed), the values a reported fault lets it be taken at. */
interface Side {
  value: Money;
  alts: Alternative[];
  amount?: Amount;
  at: Span;
  name: Text2;
}

/**
 * One fault, one report: a balance that fails as written but holds (within `tolerance`) with a figure taken at what a
 * fault reported elsewhere gives it (records.ts alternatives: a total reported at its own parts, a part of a subtotal
 * reported at its parts) follows from that fault: recorded as its consequence (related information on its one report,
 * where the other side is written), not reported again.
 */
function follows(ctx: Ctx, inc: Side, exp: Side, tolerance: Money): boolean {
  // The record is made at the side a fault is reported at where it is one written figure, else at the other side
  // (a side summed from rows, as the expenditure of a source: the consequence then shows at that side's place).
  const pair = throughFaults(inc.value, inc.alts, exp.value, exp.alts, (i, e) => abs(i.value - e.value) <= tolerance && (inc.amount !== undefined || exp.amount !== undefined));
  if (!pair) return false;
  const [i, e] = pair;
  const [own, other] = (i.causes.length ? inc.amount : !exp.amount) ? [inc, exp] : [exp, inc];
  // The written figure itself agrees with the other side (the balance failed with the value taken in its place, a
  // figure reported at its own parts): nothing follows at it.
  if (abs(own.amount!.value - other.value) <= tolerance) recorded(ctx, { code: 'BUD401', declared: own.amount!, computed: other.value, tolerance, ok: true, against: other.name });
  else recorded(ctx, { code: 'BUD401', declared: own.amount!, computed: other.value, tolerance, ok: false, against: other.name, causes: [...i.causes, ...e.causes], shows: { span: other.at, written: own.name } });
  return true;
}

/**
 * The values the expenditure of some sources (`take`), summed from the rows' figures (`sum`), may be taken at given
 * a fault reported at a 支出 row's 合计: the sum with that row's figure of those sources (what its own parts or its
 * children give, as the sum has it) replaced by each value the fault lets it be taken at (records.ts alternatives:
 * as written, as its parts give it). A row without 来源 that covers all sources carries its difference into the
 * sources it spends from (the remainder the other sources' rows leave).
 */
function expenseAlternatives(ctx: Ctx, take: (source: string) => boolean, sum: Money): Alternative[] {
  const u = ctx.unit;
  const f = ctx.figures;
  const rs = f.records;
  const out: Alternative[] = [];
  for (const row of [...(u.func?.total ? [u.func.total] : []), ...(u.func?.rows ?? [])]) {
    const cell = row.cells.total;
    if (!recordsOf(rs, cell).some((r) => !r.ok)) continue;
    const node = row.isTotal ? f.func.root : f.func.byCode.get(row.code);
    if (!node) continue;
    let used: Money | undefined;
    if (rowCoversAllSources(u.func, row)) {
      if (![...node.bySource.keys()].some((k) => take(parseSourceKey(k).source))) continue;
      used = node.cells.total;
    } else {
      const k = sourceKey(row.source);
      if (!take(parseSourceKey(k).source)) continue;
      used = node.bySource.get(k)?.total;
    }
    if (used === undefined) continue;
    for (const a of alternatives(rs, cell)) out.push({ value: sum - used + a.value, causes: a.causes });
  }
  return out;
}

/**
 * Whether the two sides balance under the rounding mode (`sidesAgree`: equal, or under 舍入 容差 within
 * sidesTolerance — two written totals are one figure printed twice and must agree to the last digit; a side summed
 * from its lines admits their rounding). A balance that holds within the tolerance only is recorded at the side that
 * is one written figure (hover and inlay hints show the difference), and the finer levels are still compared.
 * Returns the tolerance of a failed balance, undefined when it holds. The sides' sums are only looked at when the
 * values differ.
 */
function unbalanced(ctx: Ctx, income: Money, incOf: () => Summed, expense: Money, expOf: () => Summed, names: [Text2, Text2]): Money | undefined {
  if (income === expense) return undefined;
  const incSum = incOf();
  const expSum = expOf();
  const { ok, tolerance } = sidesAgree(ctx, income, () => incSum, expense, () => expSum);
  if (!ok) return tolerance;
  // Recorded at the side that is one written figure (two sums: no figure to mark).
  const [w, computed, against] = incSum.n === 1 ? [incSum.ref, expense, names[1]] : expSum.n === 1 ? [expSum.ref, income, names[0]] : [];
  if (w && computed !== undefined && against) recorded(ctx, { code: 'BUD401', declared: w, computed, tolerance, ok: true, against });
  return undefined;
}

function checkBalance(ctx: Ctx): void {
  const u = ctx.unit;
  const f = ctx.figures;
  if (!u.income || !u.func) return;
  const rs = f.records;
  // Each side as written: a written 收入总计 and 支出总计 are themselves checked against their parts (BUD302,
  // BUD201); a balance that fails only through such a fault is its consequence (follows).
  const incLine = f.income.lines.get('收入总计')?.amount;
  const grand = u.func.extras.grandTotal?.amount;
  const income = incLine?.value ?? f.income.values.get('收入总计');
  const expense = grand?.value ?? f.expenseGrand;
  const at = u.func.extras.grandTotal?.span ?? u.func.total?.span ?? u.func.headerSpan;
  const incAt = f.income.lines.get('收入总计')?.span ?? u.income.headerSpan;
  const related = (): Related[] => [{ ...incAt, message: { zh: '收入', en: 'income' } }];
  // What the 收入 lines below give, where a subtotal among them is reported at its own parts (its one fault): the
  // written totals above it agree with it as written, the balance may hold with the figures below.
  const incomeFaults = [...f.income.lines.values()].flatMap((l) => (ownFault(rs, l.amount) ? [l.amount!.span] : []));
  const below = (v: Money | undefined): Alternative[] => (incomeFaults.length && v !== undefined ? [{ value: v, causes: incomeFaults }] : []);
  const carryLine = u.func.extras.yearEndCarry?.amount;
  if (income !== undefined && expense !== undefined) {
    const incSum = (): Summed => (incLine ? one(incLine) : incomeSum(f, '收入总计'));
    const expSum = (): Summed => (grand ? one(grand) : plus(leafSum(f.func, () => true), one(carryLine)));
    const names: [Text2, Text2] = [{ zh: '收入总计', en: 'total income' }, { zh: '支出总计', en: 'total expenditure' }];
    const tol = unbalanced(ctx, income, incSum, expense, expSum, names);
    if (tol !== undefined) {
      const inc: Side = { value: income, alts: [...alternatives(rs, incLine, [], f.income.values.get('收入总计')), ...below(f.income.values.get('收入总计'))], amount: incLine, at: incAt, name: names[0] };
      const exp: Side = { value: expense, alts: grand ? alternatives(rs, grand, [], f.expenseGrand) : expenseAlternatives(ctx, () => true, expense), amount: grand, at, name: names[1] };
      // A balance that follows from a fault reported elsewhere is that fault's consequence; the finer levels are
      // still compared (a second fault there is reported). One reported: the finer levels would repeat it.
      if (!follows(ctx, inc, exp, tol)) {
        ctx.report('BUD401', at, { what: '收入总计与支出总计', whatEn: 'total income and total expenditure', income: fmt(ctx, income), expense: fmt(ctx, expense), diff: fmt(ctx, income - expense), ...toleranceArgs(ctx, tol) }, { related: related() });
        return;
      }
    }
  }
  if (carryLine?.value) return; // the carry-over is not split by source
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
  const totalCell = u.func.total?.cells.total;
  const single = expBySource.size === 1;
  const singleWritten = single && totalCell !== undefined && statedTotal(ctx, totalCell, undefined) === totalCell.value;
  if (single) expBySource.set([...expBySource.keys()][0], statedTotal(ctx, totalCell, [...expBySource.values()][0])!);
  // The written figures the expenditure of some sources adds up: the 合计 row as stated, else the leaves.
  const only = single ? [...expBySource.keys()][0] : undefined;
  const expSumOf = (take: (s: string) => boolean): Summed => (singleWritten && only !== undefined && take(only) ? one(totalCell) : leafSum(f.func, take));
  const expSide = (value: Money, take: (s: string) => boolean, name: Text2): Side => ({ value, alts: single ? alternatives(rs, totalCell) : expenseAlternatives(ctx, take, value), amount: single ? totalCell : undefined, at, name });
  // The 财政拨款 part: the written 财政拨款 lines, else what their sources give.
  const fiscalLine = f.income.lines.get('本年:财政拨款')?.amount;
  const carriedLine = f.income.lines.get('上年结转:财政拨款')?.amount;
  const carried = carriedLine?.value ?? f.income.values.get('上年结转:财政拨款') ?? 0n;
  const fiscalInc = (fiscalLine?.value ?? f.income.values.get('本年:财政拨款') ?? 0n) + carried;
  let fiscalExp = 0n;
  for (const [s, v] of expBySource) if (isFiscal(s)) fiscalExp += v;
  const hasFiscal = f.income.values.has('本年:财政拨款') || f.income.values.has('上年结转:财政拨款');
  if (hasFiscal) {
    const incSum = (): Summed => plus(fiscalLine ? one(fiscalLine) : incomeSum(f, '本年:财政拨款'), carriedLine ? one(carriedLine) : incomeSum(f, '上年结转:财政拨款'));
    const expSum = (): Summed => expSumOf(isFiscal);
    const names: [Text2, Text2] = [{ zh: '收入（财政拨款）', en: 'income (财政拨款)' }, { zh: '支出（财政拨款）', en: 'expenditure (财政拨款)' }];
    const tol = unbalanced(ctx, fiscalInc, incSum, fiscalExp, expSum, names);
    if (tol !== undefined) {
      const inc: Side = { value: fiscalInc, alts: [...alternatives(rs, fiscalLine, [], f.income.values.get('本年:财政拨款')), ...below(f.income.values.get('本年:财政拨款'))].map((a) => ({ ...a, value: a.value + carried })), amount: fiscalLine, at: incAt, name: names[0] };
      if (!follows(ctx, inc, expSide(fiscalExp, isFiscal, names[1]), tol)) {
        ctx.report('BUD401', at, { what: '财政拨款收支', whatEn: 'the 财政拨款 (fiscal appropriation) part', income: fmt(ctx, fiscalInc), expense: fmt(ctx, fiscalExp), diff: fmt(ctx, fiscalInc - fiscalExp), ...toleranceArgs(ctx, tol) }, { related: related() });
        return;
      }
    }
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
    const names: [Text2, Text2] = [{ zh: `收入（${s}）`, en: `income (${s})` }, { zh: `支出（${s}）`, en: `expenditure (${s})` }];
    const incSum = (): Summed => plus(incomeSum(f, `本年:${s}`), incomeSum(f, `上年结转:${s}`));
    const expSum = (): Summed => expSumOf((x) => x === s);
    const tol = unbalanced(ctx, a, incSum, b, expSum, names);
    if (tol === undefined) continue;
    // A source line under a subtotal or total reported at its own parts (财政拨款 ≠ its sources, 收入总计 ≠ its lines)
    // may be taken at what that whole implies.
    const line = f.income.lines.get(`本年:${s}`)?.amount;
    const wholes = incomeAncestors(`本年:${s}`).map((k) => f.income.lines.get(k)?.amount);
    const rest = a - (line?.value ?? 0n);
    const inc: Side = { value: a, alts: alternatives(rs, line, wholes).map((x) => ({ ...x, value: x.value + rest })), amount: line, at: incAt, name: names[0] };
    if (!follows(ctx, inc, expSide(b, (x) => x === s, names[1]), tol)) ctx.report('BUD401', at, { what: `资金来源“${s}”`, whatEn: `funding source “${s}”`, income: fmt(ctx, a), expense: fmt(ctx, b), diff: fmt(ctx, a - b), ...toleranceArgs(ctx, tol) }, { related: related() });
  }
}

export const balance = defineCheck('balance', ['BUD401'], checkBalance);
