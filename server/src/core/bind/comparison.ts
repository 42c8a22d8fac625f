/** The 说明 block (上年比较): the figures and notes of a 说明 as published. */
import { COMPARE_COLUMNS, COMPARE_FIGURES, compareFigureKey } from '../keywords';
import type { Comparison, ComparisonLine, Named, ProjectsLine, TableNote } from '../model';
import type { MoneyUnit } from '../money';
import { unreachable } from '../statements';
import type { Item, Stmt } from '../syntax';
import { percentNumber, readAmount, readCode } from './amounts';
import { forEachStatement, type Binder } from './binder';

/**
 * The 说明 block (also 上年比较): its statements as the 说明 publishes them.
 *
 * - `<figure> [本年] <amount> [上年 金额] [增减 ±金额 | 增加 金额 | 减少 金额 | 持平] [增幅 ±x% | 增长 x% | 下降 x%]`, one line per
 *   figure, its columns in any order; this year alone is a valid line (“收入预算 2,345.67”).
 * - `<function code> [name] [本年] <amount> [上年 …] …`: a code's figure; a code may be written twice (a 说明 states it twice).
 * - `项目共 <count> [个] [amount]`, `表注 <表号> <text>`, `原文 <text>`.
 */
export function bindComparison(b: Binder, stmts: Stmt[], unit: MoneyUnit): Omit<Comparison, 'span' | 'headerSpan' | 'moneyUnit'> {
  const out: ComparisonLine[] = [];
  const notes: TableNote[] = [];
  const projects: ProjectsLine[] = [];
  const texts: Named[] = [];
  forEachStatement(b, 'comparison', stmts, (s, r) => {
    const items = s.items;
    const id = r.statement.id;
    switch (id) {
      case 'line': {
        const figure = COMPARE_FIGURES[items[0].image];
        const line: ComparisonLine = { figure, keySpan: items[0], span: s };
        const prev = out.find((l) => compareFigureKey(l.figure) === compareFigureKey(figure));
        if (prev) b.repeated(items[0], items[0].image, prev.keySpan);
        columns(b, line, items, 1, unit);
        out.push(line);
        break;
      }
      case 'codeLine': {
        // The block's last resort: a line that starts with neither a figure word nor a code is not a statement of it.
        const c = readCode(b, items);
        if (!c) {
          b.unknownStatement(s, 'comparison');
          break;
        }
        const line: ComparisonLine = { figure: { kind: 'funcCode', code: c.code }, keySpan: { start: items[0].start, end: items[c.used - 1].end }, span: s };
        let i = c.used;
        while (i < items.length && items[i].kind !== 'number' && !COMPARE_COLUMNS[items[i].image]) i++;
        const name = b.rest(items, c.used, i);
        if (name) line.name = name;
        columns(b, line, items, i, unit);
        out.push(line);
        break;
      }
      case 'projects': {
        const line: ProjectsLine = { keySpan: items[0], span: s };
        let i = 1;
        const n = items[i];
        if (n?.kind === 'number' && /^\d+$/.test(n.image)) {
          line.count = { value: Number(n.image), span: n };
          i++;
          if (items[i]?.image === '个') i++;
        } else b.expectMissing(items[0], { zh: `“${items[0].image}”`, en: `“${items[0].image}”` }, { zh: '项目个数', en: 'the number of projects' });
        const a = items[i];
        if (a?.kind === 'number') {
          const amount = readAmount(b, a, unit);
          if (amount) line.amount = amount;
          i++;
        }
        for (const it of items.slice(i)) b.unexpected(it, { zh: '“项目共”之后只写个数与金额', en: 'only the count and the amount follow “项目共”' });
        projects.push(line);
        break;
      }
      case 'tableNote': {
        // The table's number: one word (`表6`, lexed as 表 and 6).
        const end = items[1] ? b.wordEnd(items, 1) : 1;
        const t = b.rest(items, 1, end);
        const text = b.rest(items, end);
        if (!t || !text) {
          b.expectMissing(items[0], { zh: '“表注”', en: '“表注”' }, { zh: '表号与注的文字（如“表注 表6 本部门无……，故本表为空表。”）', en: 'the table’s number and the note (as in “表注 表6 本部门无……，故本表为空表。”)' });
          break;
        }
        notes.push({ table: t, text, span: s });
        break;
      }
      case 'text': {
        const text = b.rest(items, 1);
        if (text) texts.push(text);
        else b.expectMissing(items[0], { zh: '“原文”', en: '“原文”' }, { zh: '说明的文字', en: 'the text of the 说明' });
        break;
      }
      default:
        unreachable(id);
    }
  });
  return { lines: out, notes, projects, texts };
}

/**
 * The columns of a line from items[i]: a bare amount first is 本年; then `本年 金额`, `上年 金额`, the change and the rate.
 */
function columns(b: Binder, line: ComparisonLine, items: Item[], i: number, unit: MoneyUnit): void {
  const labels = new Map<string, Item>();
  if (items[i]?.kind === 'number') {
    const amount = readAmount(b, items[i], unit);
    labels.set('current', items[i]);
    i++;
    if (amount) line.current = amount;
  }
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
}
