import { incomeAncestors, incomeFuncExpected, incomeFuncParts, incomeFuncKey, incomeFuncStated, rowOverAllSources, type IncomeFuncNode } from '../compute';
import { recordFor } from '../records';
import type { Fix, Related, Span } from '../diagnostics';
import { incomeColumnName } from '../keywords';
import type { IncomeFuncRow } from '../model';
import { fmt, setTo, toleranceArgs, compare, defineCheck, followsFrom, withinTolerance, type CheckContext } from './context';

type Ctx = CheckContext<'BUD202' | 'BUD303'>;

/** What a column of a parent row is compared with (check records: records.ts). */
const CHILDREN = { zh: '下级合计', en: 'the sum of its children' };

/** How a 收入科目 row is named in messages. */
export function incomeFuncLabel(n: IncomeFuncNode, row?: IncomeFuncRow): { zh: string; en: string } {
  if (!n.code) return { zh: '收入科目合计行', en: 'the income-by-function total row' };
  const name = row?.name?.text ?? n.name ?? '';
  return { zh: `收入科目 ${n.code} ${name}`.trim(), en: `income by function, code ${n.code} ${name}`.trim() };
}

/** Where a 收入科目 node's figure of a column is written: the cell, else the row's code. */
function incomeFuncCellSpan(n: IncomeFuncNode, key: string): Span | undefined {
  const row = n.rows[0];
  return row?.cells.find((c) => incomeFuncKey(c) === key)?.amount?.span ?? row?.codeSpan;
}

/** Where the children whose stated figure of a column is not their own roll-up write it. */
function faultyChildren(ctx: Ctx, children: IncomeFuncNode[], key: string): Span[] {
  const out: Span[] = [];
  for (const c of children) {
    const stated = incomeFuncStated(c, key);
    const span = incomeFuncCellSpan(c, key);
    if (stated === undefined || !span || stated === c.values.get(key)) continue;
    // A child whose own fault follows from one reported elsewhere (the same figure in 支出) points there.
    const cell = c.rows[0]?.cells.find((x) => incomeFuncKey(x) === key)?.amount;
    out.push(...(recordFor(ctx.figures.records, cell)?.causes ?? [span]));
  }
  return out;
}

/**
 * Each declared cell of a 收入科目 row: a parent row's (and the 合计 row's) column = the sum of its children
 * that have the column (BUD202), and within a row 合计 = its columns, 财政拨款收入 = its sources … (BUD303).
 * The identity is not reported again on a cell whose roll-up fails.
 */
function checkIncomeFuncRows(ctx: Ctx): void {
  const sec = ctx.unit.incomeFunc;
  if (!sec) return;
  const tree = ctx.figures.incomeFunc;
  // Deepest rows first: a parent's record can then name the fault its child's record points to.
  for (const row of [...[...sec.rows].sort((x, y) => y.code.length - x.code.length), ...(sec.total ? [sec.total] : [])]) {
    const n = row.isTotal ? tree.root : tree.byCode.get(row.code);
    if (!n) continue;
    const label = incomeFuncLabel(n, row);
    // The row's 合计 first: a column that fails its roll-up by the same difference fails through it.
    const cells = [...row.cells].sort((a, b) => Number(incomeFuncKey(b) === '收入总计') - Number(incomeFuncKey(a) === '收入总计'));
    let totalFault: { diff: bigint; causes: Span[] } | undefined;
    for (const cell of cells) {
      const d = cell.amount;
      if (!d) continue;
      const key = incomeFuncKey(cell);
      const col = incomeColumnName(key);
      const e = incomeFuncExpected(n, row, cell);
      if (e.rollup) {
        const v = e.rollup.value;
        const r = compare(ctx, 'BUD202', d, v, e.rollup.children.length, CHILDREN);
        const { ok, tolerance } = r;
        // One fault, one report: a figure that agrees with its children's own roll-ups differs from their stated
        // sum only through a child whose stated figure does not add up, and that child is reported.
        const own = n.values.get(key);
        if (!ok && own !== undefined && own !== v && withinTolerance(ctx, d, own, e.rollup.children.length).ok) {
          r.causes = faultyChildren(ctx, e.rollup.children, key);
          continue;
        }
        if (!ok) {
          // A child whose written cell its own row contradicts is reported there; the parent that agrees with what
          // that row's other cells give follows from it (one fault, one report).
          if (followsFrom(ctx, r, ownRollup(e.rollup.children, key), e.rollup.children.length)) continue;
          const causes = !row.isTotal ? sameFault(ctx, row.code, key, d.value - v, d.value, totalFault) : undefined;
          if (key === '收入总计') totalFault = { diff: d.value - v, causes: causes ?? [d.span] };
          if (causes) {
            r.causes = causes;
            continue;
          }
          const related: Related[] = [];
          for (const c of e.rollup.children) {
            const span = incomeFuncCellSpan(c, key);
            const cv = incomeFuncStated(c, key) ?? 0n;
            if (span) related.push({ ...span, message: { zh: `${c.code} ${c.name ?? ''}：${fmt(ctx, cv)}`, en: `${c.code} ${c.name ?? ''}: ${fmt(ctx, cv)}` } });
          }
          ctx.report('BUD202', d.span, {
            row: label.zh, rowEn: label.en, column: col.zh, columnEn: col.en, declared: d.text,
            computed: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit),
          }, { related, fixes: [setTo(d, v)] });
          continue;
        }
      }
      if (e.parts) {
        const v = e.parts.value;
        const names = e.parts.keys.map(incomeColumnName);
        const r = compare(ctx, 'BUD303', d, v, e.parts.keys.length, { zh: `本行 ${names.map((x) => x.zh).join(' + ')}`, en: `on the row, ${names.map((x) => x.en).join(' + ')}` });
        const { ok, tolerance } = r;
        if (ok) continue;
        // A part that disagrees with its own children is reported there (BUD202); the whole that agrees with what
        // those children give follows from it (one fault, one report).
        const through = partFault(n, row, e.parts.keys);
        if (through && followsFrom(ctx, r, { value: v + through.diff, causes: [through.at] }, e.parts.keys.length)) continue;
        const cells = e.parts.keys.map((k) => row.cells.find((c) => incomeFuncKey(c) === k)!).filter((c) => c?.amount);
        const related: Related[] = cells.map((c) => ({ ...c.amount!.span, message: { zh: `${incomeColumnName(incomeFuncKey(c)).zh} ${c.amount!.text}`, en: `${incomeColumnName(incomeFuncKey(c)).en} ${c.amount!.text}` } }));
        // Either the total or one of its parts is wrong: offer both, prefer neither (as BUD301).
        const fixes: Fix[] = [{ ...setTo(d, v), preferred: false }];
        if (cells.length === 1) {
          const part = cells[0].amount!;
          const fix = setTo(part, d.value);
          const pname = incomeColumnName(incomeFuncKey(cells[0]));
          fixes.push({ ...fix, preferred: false, title: { zh: `将${pname.zh}改为 ${fix.edits[0].newText}`, en: `Set ${pname.en} to ${fix.edits[0].newText}` } });
        }
        ctx.report('BUD303', d.span, {
          row: label.zh, rowEn: label.en, column: col.zh, columnEn: col.en, declared: d.text,
          parts: names.map((p) => p.zh).join(' + '), partsEn: names.map((p) => p.en).join(' + '), computed: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit),
          ...toleranceArgs(ctx, tolerance, d.unit),
        }, { related, fixes });
      }
    }
  }
}

/**
 * A part cell of a row that its children, or its own parts on the row (财政拨款收入 = its sources), state otherwise:
 * by how much they differ from it, and where it is.
 */
function partFault(n: IncomeFuncNode, row: IncomeFuncRow, keys: string[]): { diff: bigint; at: Span } | undefined {
  for (const k of keys) {
    const cell = row.cells.find((c) => c.amount && incomeFuncKey(c) === k);
    if (!cell?.amount) continue;
    const e = incomeFuncExpected(n, row, cell);
    const v = [e.rollup?.value, e.parts?.value].find((x) => x !== undefined && x !== cell.amount!.value);
    if (v !== undefined) return { diff: v - cell.amount.value, at: cell.amount.span };
  }
  return undefined;
}

/**
 * The children's sum of a column with each leaf child's written cell taken as its row's other cells give it (a
 * whole: its parts; a part: its whole less the other parts) where the row contradicts it, and where each such row
 * is reported (its whole's cell).
 */
function ownRollup(children: IncomeFuncNode[], key: string): { value: bigint; causes: Span[] } {
  let value = 0n;
  const causes: Span[] = [];
  for (const c of children) {
    const stated = incomeFuncStated(c, key) ?? 0n;
    const row = c.rows[0];
    const own = row && !c.children.some((x) => x.values.has(key)) ? rowOwn(row, key) : undefined;
    if (own && own.value !== stated) {
      value += own.value;
      causes.push(own.at);
    } else value += stated;
  }
  return { value, causes };
}

/** What a row's other cells give for its cell of `key` (see ownRollup), and the cell its identity is reported at. */
function rowOwn(row: IncomeFuncRow, key: string): { value: bigint; at: Span } | undefined {
  const cellOf = (k: string): IncomeFuncRow['cells'][number] | undefined => row.cells.find((c) => c.amount && incomeFuncKey(c) === k);
  const cell = cellOf(key);
  if (!cell?.amount) return undefined;
  const parts = incomeFuncParts(row, key);
  if (parts) return { value: parts.value, at: cell.amount.span };
  for (const a of incomeAncestors(key)) {
    const whole = cellOf(a);
    if (!whole?.amount) continue;
    const p = incomeFuncParts(row, a);
    if (!p?.keys.includes(key)) return undefined;
    return { value: whole.amount.value - (p.value - cell.amount.value), at: whole.amount.span };
  }
  return undefined;
}

/**
 * One fault, one report across the tables that print the same figures: a 收入科目 cell that fails its roll-up by
 * the same difference as its row's 合计 fails through it; a 合计 that is printed the same in 支出 for the code,
 * where that figure is reported failing, is the same published slip.
 */
function sameFault(ctx: Ctx, code: string, key: string, diff: bigint, value: bigint, totalFault: { diff: bigint; causes: Span[] } | undefined): Span[] | undefined {
  if (key !== '收入总计') return totalFault && totalFault.diff === diff ? totalFault.causes : undefined;
  const fn = ctx.figures.func.byCode.get(code);
  const stated = fn ? rowOverAllSources(ctx.unit.func, fn)?.cells.total : undefined;
  if (!stated || stated.value !== value) return undefined;
  const rec = recordFor(ctx.figures.records, stated);
  if (!rec || rec.ok || rec.declared.value - rec.computed !== diff) return undefined;
  return rec.causes ?? [stated.span];
}

export const incomeFuncRows = defineCheck('income by function: roll-up and row identities', ['BUD202', 'BUD303'], checkIncomeFuncRows);
