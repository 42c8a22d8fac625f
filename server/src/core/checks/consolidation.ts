import { incomeFuncKey, incomeFuncStated, type IncomeFuncNode, type UnitFigures } from '../compute';
import type { Span } from '../diagnostics';
import type { Department, IncomeFuncRow } from '../model';
import { formatMoney, type Money } from '../money';
import { KIND_NAME, type CheckContext } from './context';

/** The codes checkConsolidation reports. */
export const CONSOLIDATION_CODES = ['BUD509'] as const;

/**
 * A department written with its own sections (部门汇总): each of its classification codes, 合计 rows and
 * 收入总计 must equal the sum over its units that have the same section. The one check across units.
 */
export function checkConsolidation(dep: Department, figures: UnitFigures[], report: CheckContext<(typeof CONSOLIDATION_CODES)[number]>['report']): void {
  const byUnit = new Map(figures.map((f) => [f.unit, f]));
  const cu = dep.consolidated;
  const cf = cu && byUnit.get(cu);
  if (!cu || !cf) return;
  const members = dep.units.map((u) => byUnit.get(u)).filter((f): f is UnitFigures => f !== undefined);
  const show = (v: Money): string => formatMoney(v, cu.moneyUnit);
  const compare = (span: Span, what: { zh: string; en: string }, own: Money | undefined, parts: Array<Money | undefined>): void => {
    const written = parts.filter((p): p is Money => p !== undefined);
    if (own === undefined || !written.length) return;
    const sum = written.reduce((a, b) => a + b, 0n);
    if (sum !== own) report('BUD509', span, { what: what.zh, whatEn: what.en, declared: show(own), computed: show(sum), diff: show(own - sum) });
  };
  for (const kind of ['func', 'econ', 'gov'] as const) {
    const sec = cu[kind];
    if (!sec || !members.some((m) => m.unit[kind])) continue;
    const withSection = members.filter((m) => m.unit[kind]);
    if (sec.total) compare(sec.total.cells.total?.span ?? sec.total.span, { zh: `${KIND_NAME[kind].zh}合计`, en: `${KIND_NAME[kind].en} total` }, cf[kind].root.cells.total, withSection.map((m) => m[kind].root.cells.total ?? 0n));
    for (const r of sec.rows) {
      if (r.source) continue;
      const own = cf[kind].byCode.get(r.code)?.cells.total;
      compare(r.cells.total?.span ?? r.codeSpan, { zh: `科目 ${r.code} 合计`, en: `code ${r.code} total` }, own, withSection.map((m) => m[kind].byCode.get(r.code)?.cells.total ?? 0n));
    }
  }
  // 收入科目: its 合计 row and each code's 合计.
  const withIncomeFunc = members.filter((m) => m.unit.incomeFunc);
  if (cu.incomeFunc && withIncomeFunc.length) {
    const total = (n: IncomeFuncNode | undefined): Money => (n && incomeFuncStated(n, '收入总计')) ?? 0n;
    const cellOf = (r: IncomeFuncRow): Span => r.cells.find((c) => incomeFuncKey(c) === '收入总计')?.amount?.span ?? r.codeSpan;
    if (cu.incomeFunc.total) compare(cellOf(cu.incomeFunc.total), { zh: '收入科目合计', en: 'income-by-function total' }, incomeFuncStated(cf.incomeFunc.root, '收入总计'), withIncomeFunc.map((m) => total(m.incomeFunc.root)));
    for (const r of cu.incomeFunc.rows) {
      compare(cellOf(r), { zh: `收入科目 ${r.code} 合计`, en: `income by function ${r.code} total` }, ((n) => n && incomeFuncStated(n, '收入总计'))(cf.incomeFunc.byCode.get(r.code)), withIncomeFunc.map((m) => total(m.incomeFunc.byCode.get(r.code))));
    }
  }
  const inc = cf.income.lines.get('收入总计');
  if (inc?.amount && members.some((m) => m.unit.income)) {
    compare(inc.amount.span, { zh: '收入总计', en: 'total income' }, cf.income.values.get('收入总计'), members.filter((m) => m.unit.income).map((m) => m.income.values.get('收入总计') ?? 0n));
  }
}
