/** The 收入 block (income lines) and the 收入科目 block (income by function code and column). */
import { CARRIED_WORDS, COLUMN_LABELS, INCOME_ALIASES, INCOME_FUNC_TOTAL_WORDS, PERIOD_ITEMS, type IncomeItem } from '../keywords';
import type { IncomeFuncRow, IncomeFuncSection, IncomeLine } from '../model';
import type { MoneyUnit } from '../money';
import type { Item, Stmt } from '../syntax';
import { readAmount, readCode } from './amounts';
import { forEachStatement, type Binder } from './binder';
import { isNameItem } from './rows';

export function bindIncome(b: Binder, stmts: Stmt[], unit: MoneyUnit): IncomeLine[] {
  const lines: IncomeLine[] = [];
  forEachStatement(b, 'income', stmts, (s, r) => {
    const items = s.items;
    // `上年结转 事业收入 …`: the carried-over part of an item.
    const i = r.lead;
    const carried = i > 0;
    const key = items[i];
    const item = INCOME_ALIASES[key.image];
    if (carried && (item === '上年结转结余' || item === '收入总计' || item === '本年收入合计')) {
      b.unexpected(items[0], { zh: `“${item}”不分本年与上年结转`, en: `“${item}” is not split by year` });
    }
    const line: IncomeLine = { item, carried: carried || item === '上年结转结余', span: s, keySpan: { start: items[0].start, end: key.end } };
    // The same line twice (a row repeated at a PDF page break): the figures would silently be the last one's.
    const prev = lines.find((l) => l.item === line.item && l.carried === line.carried);
    if (prev) b.repeated(line.keySpan, b.text.slice(line.keySpan.start, line.keySpan.end), prev.keySpan);
    const a = items[i + 1];
    if (a) line.amount = readAmount(b, a, unit);
    for (const extra of items.slice(i + 2)) b.unexpected(extra, { zh: '每行一个收入项目和一个金额', en: 'one income item and one amount per line' });
    lines.push(line);
  });
  return lines;
}

// ── income by function code (收入科目) ─────────────────────────────────────────────────────────────

/** `收入科目 { 合计 …  208 05 05 [名称] [合计金额] (收入栏目 金额)… }`: rows like 支出's, columns by income item. */
export function bindIncomeFunc(b: Binder, s: Stmt, stmts: Stmt[], unit: MoneyUnit): IncomeFuncSection {
  const sec: IncomeFuncSection = { span: s, headerSpan: { start: s.start, end: s.items[s.items.length - 1].end }, rows: [] };
  forEachStatement(b, 'incomeFunc', stmts, (st, r) => {
    const items = st.items;
    const w = items[0].image;
    const id = r.statement.id;
    if (id === 'total') {
      const row: IncomeFuncRow = { code: '', codeSpan: items[0], cells: [], span: st, isTotal: true };
      readIncomeCells(b, items, 1, row, unit);
      if (sec.total) b.repeated(items[0], w, sec.total.codeSpan);
      sec.total = row;
      return;
    }
    const c = readCode(b, items, 7);
    if (!c) {
      b.report('BUD001', items[0], {
        expected: '功能分类科目编码或“合计”', expectedEn: 'a function classification code or 合计', found: `“${items[0].image}”`,
      });
      return;
    }
    const row: IncomeFuncRow = { code: c.code, codeSpan: { start: items[0].start, end: items[c.used - 1].end }, cells: [], span: st, isTotal: false };
    let i = c.used;
    // Name: the words up to the first column label or amount (a name may contain spaces).
    const nameStart = i;
    while (i < items.length && isNameItem(items[i]) && !incomeFuncWord(items[i].image)) i = b.wordEnd(items, i);
    if (i > nameStart) row.name = b.rest(items, nameStart, i);
    readIncomeCells(b, items, i, row, unit);
    sec.rows.push(row);
  });
  return sec;
}

/** The income column named at items[i] (`合计`, `一般公共预算`, `财政拨款收入`, `上年结转 事业收入`, `上年结转` …). */
export function incomeColumn(items: Item[], i: number): { item: IncomeItem; carried: boolean; next: number } | undefined {
  const w = items[i].image;
  if (INCOME_FUNC_TOTAL_WORDS.includes(w)) return { item: '收入总计', carried: false, next: i + 1 };
  if (CARRIED_WORDS.includes(w)) {
    const after = items[i + 1] ? INCOME_ALIASES[items[i + 1].image] : undefined;
    if (after && PERIOD_ITEMS.includes(after)) return { item: after, carried: true, next: i + 2 };
    return { item: '上年结转结余', carried: true, next: i + 1 };
  }
  const item = INCOME_ALIASES[w];
  if (!item) return undefined;
  return { item, carried: item === '上年结转结余', next: i + 1 };
}

/** Reads `[amount] (column amount)*` into a 收入科目 row; the first unlabelled amount is the 合计. */
export function readIncomeCells(b: Binder, items: Item[], from: number, row: IncomeFuncRow, unit: MoneyUnit): void {
  let i = from;
  let bareSeen = false;
  const put = (cell: IncomeLine): void => {
    const prev = row.cells.find((c) => c.item === cell.item && c.carried === cell.carried);
    if (prev) {
      b.repeated(cell.keySpan, b.text.slice(cell.keySpan.start, cell.keySpan.end), prev.keySpan);
      return;
    }
    row.cells.push(cell);
  };
  while (i < items.length) {
    const it = items[i];
    const col = it.kind === 'text' ? incomeColumn(items, i) : undefined;
    if (col) {
      const labelEnd = items[col.next - 1].end;
      const a = items[col.next];
      const label = b.text.slice(it.start, labelEnd);
      if (!a || a.kind !== 'number') {
        b.expectMissing({ start: it.start, end: labelEnd }, { zh: `“${label}”`, en: `“${label}”` }, { zh: '金额', en: 'an amount' });
        i = col.next;
        continue;
      }
      const amount = readAmount(b, a, unit);
      if (amount) put({ item: col.item, carried: col.carried, amount, span: { start: it.start, end: a.end }, keySpan: { start: it.start, end: labelEnd } });
      i = col.next + 1;
      continue;
    }
    if (it.kind === 'number' && !bareSeen && !row.cells.length) {
      bareSeen = true;
      const amount = readAmount(b, it, unit);
      if (amount) put({ item: '收入总计', carried: false, amount, span: { start: it.start, end: it.end }, keySpan: { start: it.start, end: it.end } });
      i++;
      continue;
    }
    b.unexpected(it, it.kind === 'number'
      ? { zh: '第一个金额（合计）之后的金额需要栏目名（财政拨款收入、一般公共预算、事业收入、其他收入…）', en: 'amounts after the first (the total) need a column label (财政拨款收入, 一般公共预算, 事业收入, 其他收入 …)' }
      : it.image === '来源'
        ? { zh: '收入科目按栏目写资金来源（如“一般公共预算 100”），不写“来源”', en: 'income by function names each source as a column (e.g. “一般公共预算 100”), without 来源' }
        : COLUMN_LABELS[it.image]
          ? { zh: `“${it.image}”是支出的栏目；收入科目的栏目为合计、财政拨款收入、一般公共预算、事业收入、其他收入…`, en: `“${it.image}” is an expenditure column; income columns are 合计, 财政拨款收入, 一般公共预算, 事业收入, 其他收入 …` }
          : { zh: '此处应为收入栏目名（合计、财政拨款收入、一般公共预算、事业收入、其他收入…）或金额', en: 'expected an income column (合计, 财政拨款收入, 一般公共预算, 事业收入, 其他收入 …) or an amount' });
    i++;
  }
}

// ── classification rows ────────────────────────────────────────────────────────────────────────────

/** A word that names a column of a 收入科目 row (so it ends a row's name). */
export function incomeFuncWord(w: string): boolean {
  return INCOME_FUNC_TOTAL_WORDS.includes(w) || CARRIED_WORDS.includes(w) || w in INCOME_ALIASES;
}
