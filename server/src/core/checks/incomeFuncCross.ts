import { incomeAncestors, incomeFuncKey, incomeFuncStated, rowOverAllSources } from '../compute';
import { INCOME_FUNC_COLUMNS, incomeColumnName } from '../keywords';
import { alternatives, recordsOf, statedValue } from '../records';
import type { Amount } from '../model';
import type { TreeNode } from '../compute';
import { fmt, toleranceArgs, compare, defineCheck, followsFromAny, incomeFuncSum, incomeSum, leafSum, one, sidesAgree, throughOwnFault, withinTolerance, type CheckContext, type Summed } from './context';
import { incomeFuncLabel } from './incomeFuncRows';

type Ctx = CheckContext<'BUD510' | 'BUD511'>;

/**
 * 收入科目 against the other tables: each code's 合计 = the 支出 block's total of that code (BUD510), a code
 * listed on one side only is a warning (BUD511, reported at the topmost such code); each column's grand
 * total = the 收入 block's line of that column, when the 收入 block has it (BUD510).
 */
function checkIncomeFuncCross(ctx: Ctx): void {
  const u = ctx.unit;
  const sec = u.incomeFunc;
  if (!sec) return;
  const f = ctx.figures;
  const tree = f.incomeFunc;
  if (u.func) {
    for (const [code, n] of tree.byCode) {
      const row = n.rows[0];
      const inc = incomeFuncStated(n, '收入总计');
      const fn = f.func.byCode.get(code);
      const label = incomeFuncLabel(n, row);
      if (!fn) {
        if (!inc) continue;
        if (n.parent?.code && !f.func.byCode.has(n.parent.code)) continue;
        ctx.report('BUD511', row.codeSpan, { code, name: n.name ?? '', where: '收入科目', whereEn: '收入科目 (income by function)', other: '支出', otherEn: '支出 (expenditure)' }, {
          related: [{ ...u.func.headerSpan, message: { zh: '支出', en: 'expenditure' } }],
        });
        continue;
      }
      // The two tables are compared as printed: 支出's written figure for the code, else what its items give (a
      // fault of that figure against its own items is reported in 支出, once).
      const stated = rowOverAllSources(u.func, fn)?.cells.total;
      const exp = stated?.value ?? fn.cells.total;
      if (inc === undefined || exp === undefined) continue;
      const d = row.cells.find((c) => incomeFuncKey(c) === '收入总计')?.amount;
      const r = d ? compare(ctx, 'BUD510', d, exp, 1, { zh: `支出 ${code} 的合计`, en: `the expenditure total of ${code}` }) : undefined;
      // A 收入科目 figure not written (what its row's cells or its children give): no record, the same rule as the
      // balance — the written figures on both sides, within their rounding under 容差 (sidesTolerance).
      const { ok, tolerance } = r ?? sidesAgree(ctx, inc, () => incomeFuncSum(n, '收入总计'), exp, () => (stated ? one(stated) : leafSum(fn)));
      if (ok) continue;
      // Printed differently, but 收入科目 agrees with what 支出's items give: 支出's figure is reported, once.
      // (A 支出 figure reported at its own row's parts compares with what those parts give.)
      const fault = stated ? recordsOf(f.records, stated).find((x) => !x.ok) : undefined;
      const items = fault?.computed ?? fn.cells.total;
      if (stated && items !== undefined && (d ? withinTolerance(ctx, d, items, 1).ok : sidesAgree(ctx, inc, () => incomeFuncSum(n, '收入总计'), items, () => leafSum(fn)).ok)) {
        if (r) r.causes = fault?.causes ?? [stated.span];
        continue;
      }
      const at = fn.rows[0]?.cells.total?.span ?? fn.rows[0]?.codeSpan ?? fn.projects[0]?.span;
      // The 收入科目 cell reported at its own parts (BUD202/BUD303), which give 支出's figure: that one fault.
      if (r && throughOwnFault(ctx, r, 1, at && { span: at, written: { zh: `${label.zh}的合计`, en: `${label.en} (its total)` } })) continue;
      // 支出's figure taken at what its nearest written parent implies, where that parent is reported at its own
      // children (a child's figure its own row does not contradict, 基本 unknown): that parent's one fault.
      if (r && stated && followsFromAny(ctx, r, alternatives(f.records, stated, [parentTotal(fn)]), 1)) continue;
      ctx.report('BUD510', d?.span ?? row.codeSpan, {
        left: `${label.zh}的合计`, leftEn: `${label.en}: total`, leftValue: fmt(ctx, inc, d?.unit), right: `支出 ${code} 的合计`, rightEn: `the expenditure total of ${code}`,
        rightValue: fmt(ctx, exp, d?.unit), diff: fmt(ctx, inc - exp, d?.unit), ...toleranceArgs(ctx, tolerance, d?.unit),
      }, { related: at ? [{ ...at, message: { zh: `支出 ${code} ${fn.name ?? ''}：${fmt(ctx, exp)}`, en: `expenditure ${code} ${fn.name ?? ''}: ${fmt(ctx, exp)}` } }] : [] });
    }
    for (const [code, fn] of f.func.byCode) {
      if (!fn.rows.length || tree.byCode.has(code) || !fn.cells.total) continue;
      if (fn.parent?.code && !tree.byCode.has(fn.parent.code)) continue;
      ctx.report('BUD511', fn.rows[0].codeSpan, { code, name: fn.name ?? '', where: '支出', whereEn: '支出 (expenditure)', other: '收入科目', otherEn: '收入科目 (income by function)' }, {
        related: [{ ...sec.headerSpan, message: { zh: '收入科目', en: 'income by function' } }],
      });
    }
  }
  // Each column's grand total against the 收入 block (合计 itself may include carry-over the 收入科目 columns
  // do not show, so it is tied to 支出 code by code instead).
  if (u.income) {
    const columns = new Set<string>();
    for (const r of [...sec.rows, ...(sec.total ? [sec.total] : [])]) for (const c of r.cells) columns.add(incomeFuncKey(c));
    for (const key of INCOME_FUNC_COLUMNS.map((c) => c.key)) {
      if (key === '收入总计' || !columns.has(key)) continue;
      const v = incomeFuncStated(tree.root, key);
      const line = f.income.lines.get(key);
      // The 收入 block as printed: its written line, unless that is itself reported (then what its parts give).
      const iv = statedValue(f.records, line?.amount, f.income.values.get(key)) ?? (line ? 0n : undefined);
      if (v === undefined || iv === undefined) continue;
      const cell = sec.total?.cells.find((c) => incomeFuncKey(c) === key);
      const col = incomeColumnName(key);
      const r = cell?.amount ? compare(ctx, 'BUD510', cell.amount, iv, 1, { zh: `收入块的${col.zh}`, en: `${col.en} in the 收入 block` }) : undefined;
      const ivSum = (): Summed => (line?.amount && iv === line.amount.value ? one(line.amount) : incomeSum(f, key));
      const { ok, tolerance } = r ?? sidesAgree(ctx, v, () => incomeFuncSum(tree.root, key), iv, ivSum);
      const lineAt = line?.amount?.span ?? line?.keySpan;
      if (ok || (r && throughOwnFault(ctx, r, 1, lineAt && { span: lineAt, written: { zh: `收入科目合计行的${col.zh}`, en: `the income-by-function ${col.en} total` } }))) continue;
      // The line taken as written where it is itself reported, or at what its reported subtotal implies for it.
      const wholes = incomeAncestors(key).map((k) => f.income.lines.get(k)?.amount);
      if (r && followsFromAny(ctx, r, alternatives(f.records, line?.amount, wholes, f.income.values.get(key)), 1)) continue;
      ctx.report('BUD510', cell?.amount?.span ?? sec.total?.codeSpan ?? sec.headerSpan, {
        left: `收入科目的${col.zh}合计`, leftEn: `the income-by-function ${col.en} total`, leftValue: fmt(ctx, v, cell?.amount?.unit),
        right: `收入块的${col.zh}`, rightEn: `${col.en} in the 收入 block`, rightValue: fmt(ctx, iv, cell?.amount?.unit), diff: fmt(ctx, v - iv, cell?.amount?.unit), ...toleranceArgs(ctx, tolerance, cell?.amount?.unit),
      }, { related: [{ ...(line?.amount?.span ?? line?.keySpan ?? u.income.headerSpan), message: { zh: `收入：${fmt(ctx, iv)}`, en: `income: ${fmt(ctx, iv)}` } }] });
    }
  }
}

/** The written total of a 支出 code's nearest parent that writes one. */
function parentTotal(n: TreeNode): Amount | undefined {
  for (let p = n.parent; p; p = p.parent) {
    const t = p.rows[0]?.cells.total;
    if (t) return t;
  }
  return undefined;
}

export const incomeFuncCross = defineCheck('income by function: cross-table identities', ['BUD510', 'BUD511'], checkIncomeFuncCross);
