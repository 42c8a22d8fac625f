/** Performance targets: the 整体绩效 block and the 指标 blocks (indicator levels, lines and deadlines). */
import { OPERATORS } from '../keywords';
import type { Amount, Indicator, IndicatorBlock, Named, Overall, Unit } from '../model';
import { normalizeNumberText, parseDecimal, tooManyDigits } from '../money';
import type { Item, Stmt } from '../syntax';
import { readAmount, negatedAmount, longNumber } from './amounts';
import { forEachStatement, type Binder } from './binder';
import { unreachable } from '../statements';

export function bindOverall(b: Binder, s: Stmt, stmts: Stmt[], unit: Unit): Overall {
  const o: Overall = { span: s, tasks: [] };
  forEachStatement(b, 'overall', stmts, (st, r) => {
    const items = st.items;
    const w = items[0].image;
    const id = r.statement.id;
    if (id === 'task') {
      let end = items.length;
      let amount: Amount | undefined;
      if (items.length > 2 && items[end - 1].kind === 'number' && items[end - 1].start > items[end - 2].end) {
        amount = readAmount(b, items[end - 1], unit.moneyUnit);
        end--;
      }
      const name = b.rest(items, 1, end);
      if (!name) b.expectMissing(items[0], { zh: '“任务”', en: '“任务”' }, { zh: '任务名称', en: 'a task name' });
      else o.tasks.push({ name, amount, span: st });
    } else if (id === 'goal') {
      o.goal = b.rest(items, 1);
      if (!o.goal) b.expectMissing(items[0], { zh: `“${w}”`, en: `“${w}”` }, { zh: '文字', en: 'text' });
    } else if (id === 'indicators') {
      if (!st.block) b.report('BUD009', items[0], { word: w });
      else o.indicators = bindIndicators(b, st);
    } else unreachable(id);
  });
  return o;
}

export function bindIndicators(b: Binder, s: Stmt): IndicatorBlock {
  const block: IndicatorBlock = { span: s, indicators: [] };
  let level1: Named | undefined;
  let level2: Named | undefined;
  let deadline: Indicator['deadline'];
  forEachStatement(b, 'indicators', s.block!.stmts, (st, r) => {
    const items = st.items;
    const w = items[0].image;
    const id = r.statement.id;
    if (id === 'level1' || id === 'level2') {
      const v = b.rest(items, 1);
      if (!v) b.expectMissing(items[0], { zh: `“${w}”`, en: `“${w}”` }, { zh: '指标名称', en: 'an indicator name' });
      if (id === 'level1') {
        level1 = v;
        level2 = undefined;
      } else level2 = v;
      return;
    }
    if (id === 'deadline') {
      const d = items[1];
      if (!d) b.expectMissing(items[0], { zh: `“${w}”`, en: `“${w}”` }, { zh: '日期（如 2025-12）', en: 'a date (e.g. 2025-12)' });
      else deadline = date(b, d);
      for (const extra of items.slice(2)) b.unexpected(extra, { zh: '每行一个日期', en: 'one date per line' });
      return;
    }
    if (id !== 'indicator') {
      unreachable(id);
      return;
    }
    const ind = bindIndicator(b, items, st);
    if (!ind) return;
    ind.level1 = level1;
    ind.level2 = level2;
    if (!ind.deadline && deadline) {
      ind.deadline = deadline;
      ind.deadlineInherited = true;
    }
    block.indicators.push(ind);
  });
  return block;
}

export function date(b: Binder, d: Item): Indicator['deadline'] {
  const m = /^(\d{4})(?:[-/年](\d{1,2})(?:[-/月](\d{1,2}))?)?/.exec(/[０-９．,，−－]/.test(d.image) ? normalizeNumberText(d.image) : d.image);
  const year = m ? Number(m[1]) : undefined;
  const month = m?.[2] ? Number(m[2]) : undefined;
  const day = m?.[3] ? Number(m[3]) : undefined;
  if (d.kind !== 'date' || !m || (month !== undefined && (month < 1 || month > 12)) || (day !== undefined && (day < 1 || day > 31))) {
    b.report('BUD608', d, { found: d.image });
    return { text: d.image, span: d };
  }
  return { text: d.image, span: d, year, month };
}

export function bindIndicator(b: Binder, items: Item[], st: Stmt): Indicator | undefined {
  let i = b.wordEnd(items, 0);
  if (items[0].kind === 'op' || items[0].kind === 'percent') {
    b.report('BUD001', items[0], { expected: '指标名称', expectedEn: 'an indicator name', found: `“${items[0].image}”` });
    return undefined;
  }
  const name = b.rest(items, 0, i)!;
  const ind: Indicator = { name, span: st };
  // Date at the end.
  let end = items.length;
  if (end > i && items[end - 1].kind === 'date') {
    ind.deadline = date(b, items[end - 1]);
    end--;
  }
  if (i < end && items[i].kind === 'op') {
    const op = OPERATORS[items[i].image];
    ind.op = { op: op ?? '=', text: items[i].image, span: items[i] };
    i++;
  }
  if (i < end) {
    const v = items[i];
    if (v.kind === 'number') {
      const d = v.negated !== undefined ? negatedAmount(b, v) : parseDecimal(v.image);
      if (!d && tooManyDigits(v.image)) longNumber(b, v);
      else if (v.negated === undefined && /[０-９．，－−]/.test(v.image)) {
        const fixed = normalizeNumberText(v.image.replace(/，/g, ','));
        b.report('BUD005', v, { found: v.image, fixed }, {
          fixes: [{ title: { zh: `改为 ${fixed}`, en: `Change to ${fixed}` }, edits: [{ start: v.start, end: v.end, newText: fixed }], preferred: true }],
        });
      }
      ind.value = { kind: 'number', text: v.image, span: v, num: d };
      i++;
      if (i < end && (items[i].kind === 'percent' || items[i].kind === 'text' || items[i].kind === 'string')) {
        const uEnd = items[i].kind === 'percent' ? i + 1 : b.wordEnd(items, i);
        ind.unit = b.rest(items, i, uEnd);
        if (ind.unit && items[i].kind === 'percent') ind.unit.text = '%';
        i = uEnd;
      }
    } else if (v.kind === 'text' || v.kind === 'string' || v.kind === 'badstring') {
      // A qualitative value: the rest of the line before the deadline.
      const vEnd = end;
      const r = b.rest(items, i, vEnd)!;
      ind.value = { kind: 'text', text: r.text, span: r.span };
      i = vEnd;
    }
  }
  for (const extra of items.slice(i, end)) {
    b.unexpected(extra, { zh: '指标行为：名称 [运算符] [指标值 [度量单位]] [完成时限]', en: 'an indicator line is: name [operator] [value [unit]] [deadline]' });
  }
  return ind;
}
