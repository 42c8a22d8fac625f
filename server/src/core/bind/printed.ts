/** 印出 blocks: the figures a published table printed, row by row (checked by checks/printed.ts). */
import type { PrintedRow, PrintedTable } from '../model';
import type { MoneyUnit } from '../money';
import type { Stmt } from '../syntax';
import { readAmount, readCode } from './amounts';
import { forEachStatement, type Binder } from './binder';
import { sectionUnit } from './document';

/**
 * `印出 <表号> { <row> <column> <amount> [<column> <amount>]… }`: the row is a code (written whole or in columns,
 * `212 08 03`), 合计, or one word (the row's label or name; quoted when it holds spaces or digits); each column is
 * one word (a header path `财政拨款支出/政府性基金预算`, or its last words), followed by the amount printed.
 */
export function bindPrinted(b: Binder, s: Stmt, unit: MoneyUnit): PrintedTable | undefined {
  const first = s.items[0];
  const end = s.items[1] ? b.wordEnd(s.items, 1) : 1;
  const table = b.rest(s.items, 1, end);
  for (const extra of s.items.slice(end)) b.unexpected(extra, { zh: '表号之后应直接写“{”', en: 'the table’s number is followed by “{”' });
  if (!table) {
    b.expectMissing(first, { zh: `“${first.image}”`, en: `“${first.image}”` }, { zh: '表号（如“印出 表4 { … }”）', en: 'the table’s number (as in “印出 表4 { … }”)' });
    return undefined;
  }
  if (!s.block) {
    b.report('BUD009', first, { word: first.image });
    return undefined;
  }
  const own = sectionUnit(b, s.block.stmts, unit);
  const out: PrintedTable = { table, moneyUnit: own.unit, rows: [], span: s };
  forEachStatement(b, 'printed', own.stmts, (st) => {
    const items = st.items;
    const code = items[0].kind === 'number' ? readCode(b, items) : undefined;
    const used = code ? code.used : b.wordEnd(items, 0);
    const named = b.rest(items, 0, used)!;
    const row: PrintedRow = { row: code ? { text: code.code, span: named.span } : named, cells: [], span: st };
    let i = used;
    while (i < items.length) {
      const at = items[i];
      if (at.kind === 'number') {
        b.unexpected(at, { zh: '金额之前应写栏目（表头，如 政府性基金预算）', en: 'an amount follows its column (a header, e.g. 政府性基金预算)' });
        i++;
        continue;
      }
      const colEnd = b.wordEnd(items, i);
      const column = b.rest(items, i, colEnd)!;
      i = colEnd;
      const a = items[i];
      if (a?.kind !== 'number') {
        b.expectMissing(column.span, { zh: `栏目“${column.text}”`, en: `the column “${column.text}”` }, { zh: '所印的金额', en: 'the amount printed' });
        continue;
      }
      i++;
      const prev = row.cells.find((c) => c.column.text === column.text);
      if (prev) {
        b.repeated(column.span, column.text, prev.column.span);
        continue;
      }
      const amount = readAmount(b, a, own.unit);
      if (amount) row.cells.push({ column, amount });
    }
    if (!row.cells.length && used === items.length) {
      b.expectMissing(named.span, { zh: `行“${named.text}”`, en: `the row “${named.text}”` }, { zh: '栏目与所印的金额', en: 'a column and the amount printed' });
    }
    out.rows.push(row);
  });
  return out;
}
