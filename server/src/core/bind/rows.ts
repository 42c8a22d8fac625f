/** Rows of the classification blocks (支出, 经济分类, 政府经济分类): a code, a name and amounts by column. */
import { isBlankRun } from '../blank';
import type { Span, Text2 } from '../diagnostics';
import { COLUMN_LABELS, CARRIED_WORDS, FUNDING_SOURCES, INCOME_ALIASES, type Column, type FundingSource } from '../keywords';
import type { Amount, Row, RowSection, Section, SourceRef } from '../model';
import type { MoneyUnit } from '../money';
import type { Item, Stmt } from '../syntax';
import { readAmount, readCode } from './amounts';
import { forEachStatement, type Binder } from './binder';

export function bindRows(b: Binder, s: Stmt, stmts: Stmt[], section: RowSection, unit: MoneyUnit): Section {
  const sec: Section = { span: s, headerSpan: { start: s.start, end: s.items[s.items.length - 1].end }, rows: [], extras: {} };
  forEachStatement(b, section, stmts, (st, r) => {
    const items = st.items;
    const w = items[0].image;
    const id = r.statement.id;
    if (id === 'currentTotal' || id === 'yearEndCarry' || id === 'grandTotal') {
      // 支出's own totals: 本年支出合计, 年终结转结余, 支出总计.
      const e: { amount?: Amount; span: Span } = { span: st };
      if (items[1]) e.amount = readAmount(b, items[1], unit);
      for (const extra of items.slice(2)) b.unexpected(extra, { zh: '每行一个金额', en: 'one amount per line' });
      sec.extras[id] = e;
      return;
    }
    if (id === 'total') {
      const row: Row = { section, code: '', codeSpan: items[0], cells: {}, span: st, isTotal: true };
      readCells(b, items, 1, row, unit);
      if (sec.total) b.repeated(items[0], w, sec.total.codeSpan);
      sec.total = row;
      return;
    }
    const c = readCode(b, items, section === 'func' ? 7 : 5);
    if (!c) {
      b.report('BUD001', items[0], {
        expected: '科目编码或“合计”', expectedEn: 'a classification code or 合计', found: `“${items[0].image}”`,
      });
      return;
    }
    const bad = malformedCode(items, c.used, sec, section);
    const row: Row = { section, code: bad ? bad.guess ?? '' : c.code, codeSpan: { start: items[0].start, end: items[(bad?.used ?? c.used) - 1].end }, cells: {}, span: st, isTotal: false };
    if (bad) reportMalformed(b, row.codeSpan, bad);
    let i = bad?.used ?? c.used;
    // Name: the words up to the first column label, 来源 or amount (a name may contain spaces).
    const nameStart = i;
    while (i < items.length && isNameItem(items[i])) i = b.wordEnd(items, i);
    if (i > nameStart) row.name = b.rest(items, nameStart, i);
    readCells(b, items, i, row, unit);
    // A malformed code without a likely reading is left out of the roll-ups (its diagnostic says so).
    if (row.code) sec.rows.push(row);
  });
  return sec;
}

/** A code printed in columns with a column cut short (`8 05 01` for 208 05 01, `301 2` for 301 02). */
interface Malformed {
  found: string;
  used: number;
  /** The code the context gives (the rows above), if any. */
  guess?: string;
  why: Text2;
}

/**
 * A row whose code is followed, before its name, by more short digit columns than a code has (`301 2 津贴补贴`), or
 * whose 类 is cut short (`8 05 01 行政单位离退休`): the columns are read as the code's, the likely code is the one
 * the rows above give (their 类, the columns padded to two digits).
 */
function malformedCode(items: Item[], used: number, sec: Section, section: RowSection): Malformed | undefined {
  let end = used;
  while (end < items.length && items[end].kind === 'number' && /^\d{1,2}$/.test(items[end].image) && end - used < 3) end++;
  const first = items[0].image;
  const shortFirst = /^\d{1,2}$/.test(first);
  if (end === used && !shortFirst) return undefined;
  if (end >= items.length || !isNameItem(items[end])) return undefined;
  const cols = items.slice(0, end).map((it) => it.image);
  if (!cols.every((x) => /^\d+$/.test(x))) return undefined;
  const found = cols.join(' ');
  const maxLength = section === 'func' ? 7 : 5;
  const rest = cols.slice(1).map((x) => x.padStart(2, '0'));
  let lead: string | undefined = first.length === 3 ? first : undefined;
  let why: Text2 = { zh: '款、项应为两位数字', en: 'its 款 and 项 columns have two digits' };
  if (!lead) {
    why = { zh: '类应为三位数字', en: 'its 类 column has three digits' };
    // The 类 cut short: the nearest row above whose 类 ends with the digits printed.
    for (let k = sec.rows.length - 1; k >= 0 && !lead; k--) {
      const cls = sec.rows[k].code.slice(0, 3);
      if (cls.length === 3 && cls.endsWith(first)) lead = cls;
    }
  } else if (first.length === 3 && cols.slice(1).every((x) => x.length === 2)) return undefined;
  const guess = lead ? lead + rest.join('') : undefined;
  return { found, used: end, guess: guess && guess.length <= maxLength && [3, 5, 7].includes(guess.length) ? guess : undefined, why };
}

function reportMalformed(b: Binder, span: Span, m: Malformed): void {
  const spaced = m.guess ? [m.guess.slice(0, 3), ...(m.guess.slice(3).match(/\d\d/g) ?? [])].join(' ') : undefined;
  b.report('BUD111', span, {
    found: m.found, why: m.why.zh, whyEn: m.why.en,
    guess: m.guess ? `；是否为 ${m.guess}？本行按 ${m.guess} 核对` : '；本行不计入汇总',
    guessEn: m.guess ? `; is it ${m.guess}? The row is checked as ${m.guess}` : '; the row is left out of the totals',
  }, m.guess ? { fixes: [{ title: { zh: `改为 ${spaced}`, en: `Change to ${spaced}` }, edits: [{ ...span, newText: spaced! }], preferred: true }] } : {});
}

/** Reads `[来源 …] [amount] (label amount)*` into a row. */
export function readCells(b: Binder, items: Item[], from: number, row: Row, unit: MoneyUnit): void {
  let i = from;
  let bareSeen = false;
  while (i < items.length) {
    const it = items[i];
    if (it.image === '来源') {
      const r = readSource(items, i + 1);
      if (!r) {
        b.expectMissing(it, { zh: '“来源”', en: '“来源”' }, { zh: '资金来源（如 一般公共预算）', en: 'a funding source (e.g. 一般公共预算)' });
        i++;
        continue;
      }
      if (row.isTotal) b.unexpected({ start: it.start, end: items[r.next - 1].end }, { zh: '合计行不分来源', en: 'the 合计 row is not split by source' });
      row.source = r.source;
      row.sourceSpan = { start: it.start, end: items[r.next - 1].end };
      i = r.next;
      continue;
    }
    const col = COLUMN_LABELS[it.image];
    if (col) {
      const a = items[i + 1];
      if (!a || a.kind !== 'number') {
        b.expectMissing(it, { zh: `“${it.image}”`, en: `“${it.image}”` }, { zh: '金额', en: 'an amount' });
        i++;
        continue;
      }
      setCell(b, row, col, readAmount(b, a, unit), it);
      i += 2;
      continue;
    }
    if (it.kind === 'number' && !bareSeen && !Object.keys(row.cells).length) {
      bareSeen = true;
      setCell(b, row, 'total', readAmount(b, it, unit), it);
      i++;
      continue;
    }
    const prev = items[i - 1];
    if (it.kind === 'number' && prev?.kind === 'number' && /^\d{1,3}$/.test(prev.image) && /^\d{3}(?:,\d{3})*(?:\.\d+)?$/.test(it.image) && isBlankRun(b.text.slice(prev.end, it.start))) {
      // `1 234.56`: a thousands separator that a PDF turned into a space.
      const joined = `${prev.image},${it.image}`;
      b.report('BUD004', it, {
        found: it.image,
        why: `第一个金额之后的金额需要栏目名；若“${prev.image} ${it.image}”是一个数（千分位成了空格），应写作 ${joined}`,
        whyEn: `amounts after the first need a column label; if “${prev.image} ${it.image}” is one number (its thousands separator became a space), write ${joined}`,
      }, { fixes: [{ title: { zh: `改为 ${joined}`, en: `Change to ${joined}` }, edits: [{ start: prev.start, end: it.end, newText: joined }], preferred: true }] });
      i++;
      continue;
    }
    b.unexpected(it, it.kind === 'number'
      ? { zh: '第一个金额之后的金额需要栏目名（合计、基本、人员、公用、项目）', en: 'amounts after the first need a column label (合计, 基本, 人员, 公用, 项目)' }
      : { zh: '此处应为栏目名（合计、基本、人员、公用、项目）或金额', en: 'expected a column label (合计, 基本, 人员, 公用, 项目) or an amount' });
    i++;
  }
}

export function setCell(b: Binder, row: Row, col: Column, a: Amount | undefined, at: Item): void {
  if (!a) return;
  const prev = row.cells[col];
  if (prev) b.repeated(at, at.image, prev.span);
  row.cells[col] = a;
}

export function readSource(items: Item[], i: number): { source: SourceRef; next: number } | undefined {
  let carried = false;
  if (items[i] && CARRIED_WORDS.includes(items[i].image)) {
    carried = true;
    i++;
  }
  const it = items[i];
  const item = it ? INCOME_ALIASES[it.image] : undefined;
  if (!item || !isFundingSource(item)) return undefined;
  return { source: { source: item, carried }, next: i + 1 };
}

// ── mapping, 三公, lists ────────────────────────────────────────────────────────────────────────────

/** An item that can be (the start of) a row's name: text that is not a column label or 来源. */
export function isNameItem(i: Item): boolean {
  return (i.kind === 'text' || i.kind === 'string' || i.kind === 'badstring' || i.kind === 'unknown') && !(i.image in COLUMN_LABELS) && i.image !== '来源';
}

function isFundingSource(item: string): item is FundingSource {
  return (FUNDING_SOURCES as string[]).includes(item);
}
