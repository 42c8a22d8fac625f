import { LIST_TABLE_NAMES } from '../keywords';
import type { ListRow } from '../model';
import { fmt, setTo, toleranceArgs, compare, defineCheck, type CheckContext } from './context';

type Ctx = CheckContext<'BUD201' | 'BUD203' | 'BUD301'>;

/** What the figures are compared with (check records: records.ts). */
const ROWS = { zh: '各行合计', en: 'the sum of the rows' };
const ALLOCATED = { zh: '已分配 + 未分配', en: 'allocated + unallocated' };

/**
 * A 专项资金 row: 总计 = 已分配 + 未分配 when all are written. A table's 合计 row, when written, equals the sum
 * of its rows, column by column (BUD201; `其中…` rows are parts of the row above, not counted); a `其中` row is
 * not larger than the row it is part of (BUD203).
 */
function checkListTables(ctx: Ctx): void {
  for (const l of ctx.unit.lists) {
    const t = LIST_TABLE_NAMES[l.table];
    const total = l.rows.find((r) => r.role === 'total');
    const counted = l.rows.filter((r) => !r.role);
    if (total) {
      for (const col of ['总计', '已分配', '未分配']) {
        const declared = total.cells[col];
        const parts = counted.filter((r) => r.cells[col]).map((r) => r.cells[col]);
        if (!declared || !parts.length) continue;
        const v = parts.reduce((s, a) => s + a.value, 0n);
        const { ok, tolerance } = compare(ctx, 'BUD201', declared, v, parts.length, ROWS);
        if (ok) continue;
        const colEn = col === '总计' ? 'total' : col === '已分配' ? 'allocated' : 'unallocated';
        ctx.report('BUD201', declared.span, {
          row: `${t.zh}“合计”`, rowEn: `${t.en} “合计”`, column: col, columnEn: colEn,
          declared: declared.text, computed: fmt(ctx, v, declared.unit), diff: fmt(ctx, declared.value - v, declared.unit),
          ...toleranceArgs(ctx, tolerance, declared.unit),
        }, { related: counted.filter((r) => r.cells[col]).map((r) => ({ ...r.cells[col].span, message: { zh: r.name?.text ?? col, en: r.name?.text ?? col } })), fixes: [setTo(declared, v)] });
      }
    }
    let parent: ListRow | undefined;
    for (const r of l.rows) {
      if (r.role !== 'part') {
        parent = r;
        continue;
      }
      const a = r.cells['总计'];
      const p = parent?.cells['总计'];
      if (!a || !p || a.value <= p.value) continue;
      const rowName = parent!.role === 'total' ? '合计' : parent!.name?.text ?? parent!.code?.text ?? '';
      ctx.report('BUD203', a.span, { part: r.name?.text ?? '', declared: a.text, row: rowName, parent: p.text }, {
        related: [{ ...p.span, message: { zh: rowName, en: rowName } }],
      });
    }
    for (const r of l.rows) {
      const total = r.cells['总计'];
      const a = r.cells['已分配'];
      const b = r.cells['未分配'];
      if (!total || (!a && !b)) continue;
      const v = (a?.value ?? 0n) + (b?.value ?? 0n);
      const { ok, tolerance } = compare(ctx, 'BUD301', total, v, 2, ALLOCATED);
      if (ok) continue;
      const name = r.name?.text ?? '';
      ctx.report('BUD301', total.span, {
        row: `${LIST_TABLE_NAMES[l.table].zh}“${name}”`, rowEn: `${LIST_TABLE_NAMES[l.table].en} “${name}”`, column: '总计', columnEn: 'total',
        declared: total.text, parts: '已分配 + 未分配', partsEn: 'allocated + unallocated', computed: fmt(ctx, v, total.unit), diff: fmt(ctx, total.value - v, total.unit),
        ...toleranceArgs(ctx, tolerance, total.unit),
      }, { fixes: [setTo(total, v)] });
    }
  }
}

export const listTables = defineCheck('list tables', ['BUD201', 'BUD203', 'BUD301'], checkListTables);
