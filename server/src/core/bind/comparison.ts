/** The 上年比较 block: year-on-year comparisons as a 说明 states them. */
import { COMPARE_COLUMNS, COMPARE_FIGURES, compareFigureKey } from '../keywords';
import type { ComparisonLine } from '../model';
import type { MoneyUnit } from '../money';
import type { Item, Stmt } from '../syntax';
import { readAmount, percentNumber } from './amounts';
import { forEachStatement, type Binder } from './binder';

/**
 * `<figure> [本年 金额] [上年 金额] [增减 ±金额 | 增加 金额 | 减少 金额 | 持平] [增幅 ±x% | 增长 x% | 下降 x%]`, one line
 * per compared figure, its columns in any order. A line states 上年, or at least the change (then 上年 is implied).
 */
export function bindComparison(b: Binder, stmts: Stmt[], unit: MoneyUnit): ComparisonLine[] {
  const out: ComparisonLine[] = [];
  forEachStatement(b, 'comparison', stmts, (s) => {
    const items = s.items;
    const figure = COMPARE_FIGURES[items[0].image];
    const line: ComparisonLine = { figure, keySpan: items[0], span: s };
    const prev = out.find((l) => compareFigureKey(l.figure) === compareFigureKey(figure));
    if (prev) b.repeated(items[0], items[0].image, prev.keySpan);
    const labels = new Map<string, Item>();
    let i = 1;
    while (i < items.length) {
      const it = items[i++];
      let col = it.kind === 'text' ? COMPARE_COLUMNS[it.image] : undefined;
      // 增长/下降 before an amount (“比上年下降19.79万元”) is the change, not its rate: no percent sign follows.
      if (col?.column === 'rate' && col.style !== 'signed') {
        const n = items[i]?.image === '+' ? i + 1 : i;
        if (items[n]?.kind === 'number' && items[n + 1]?.kind !== 'percent') col = { column: 'change', style: col.style };
      }
      if (!col) {
        b.unexpected(it, it.kind === 'number'
          ? { zh: '金额前应写栏目名（本年、上年、增减、增加、减少、增幅、增长、下降）', en: 'an amount follows a column word (本年, 上年, 增减, 增加, 减少, 增幅, 增长, 下降)' }
          : { zh: '此处应为栏目名（本年、上年、增减、增加、减少、持平、增幅、增长、下降）', en: 'expected a column word (本年, 上年, 增减, 增加, 减少, 持平, 增幅, 增长, 下降)' });
        continue;
      }
      const first = labels.get(col.column);
      if (first) b.repeated(it, it.image, first);
      else labels.set(col.column, it);
      if (col.style === 'flat') {
        if (!first) line.change = { style: 'flat', labelSpan: it };
        continue;
      }
      // A `+` written before the number (`增减 +1.00`, `增幅 +0.8%`).
      const plus = items[i]?.image === '+' && items[i + 1]?.kind === 'number' && items[i + 1].start === items[i].end ? items[i++] : undefined;
      const a = items[i];
      const what = { zh: `“${it.image}”`, en: `“${it.image}”` };
      if (!a || a.kind !== 'number') {
        b.expectMissing(plus ?? it, what, col.column === 'rate' ? { zh: '百分比（如 0.8%）', en: 'a percentage (e.g. 0.8%)' } : { zh: '金额', en: 'an amount' });
        continue;
      }
      i++;
      if (col.column === 'rate') {
        const pct = items[i];
        if (pct?.kind !== 'percent') {
          b.report('BUD003', a, { what: `“${it.image} ${a.image}”`, whatEn: `“${it.image} ${a.image}”`, expected: '百分号“%”', expectedEn: 'a percent sign “%”' }, {
            fixes: [{ title: { zh: '补上百分号“%”', en: 'Add the percent sign “%”' }, edits: [{ start: a.end, end: a.end, newText: '%' }], preferred: true }],
          });
          continue;
        }
        i++;
        const d = percentNumber(b, a);
        if (!d || first) continue;
        const style = col.style as Exclude<typeof col.style, 'flat'>;
        line.rate = { style, labelSpan: it, value: { ...d, text: plus ? `+${a.image}` : a.image, span: { start: (plus ?? a).start, end: pct.end } } };
        continue;
      }
      const amount = readAmount(b, a, unit);
      if (!amount || first) continue;
      if (plus) {
        amount.span = { start: plus.start, end: a.end };
        amount.text = `+${amount.text}`;
      }
      if (col.column === 'current') {
        line.current = amount;
        line.currentLabel = it;
      } else if (col.column === 'previous') {
        line.previous = amount;
        line.previousLabel = it;
      } else line.change = { style: col.style, amount, labelSpan: it };
    }
    if (!labels.has('previous') && !labels.has('change')) {
      b.expectMissing(items[0], { zh: `“${items[0].image}”`, en: `“${items[0].image}”` }, { zh: '上年数（上年 金额）或增减（增加/减少 金额）', en: 'last year’s figure (上年 amount) or the change (增加/减少 amount)' });
    }
    out.push(line);
  });
  return out;
}
