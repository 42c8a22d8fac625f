/** The 对照 block, the 三公 block and the list tables (政府采购, 专项资金 … stated as 无 or as rows). */
import { EMPTY_WORDS, LIST_COLUMNS, SANGONG_ITEMS } from '../keywords';
import type { Amount, ListRow, ListTableDecl, SangongLine, Unit } from '../model';
import type { MoneyUnit } from '../money';
import type { Item, Stmt } from '../syntax';
import { readAmount, isAsciiDigits } from './amounts';
import { forEachStatement, type Binder } from './binder';
import { sectionUnit } from './document';
import { statementOf } from '../statements';

export function bindMapping(b: Binder, stmts: Stmt[], unit: Unit): void {
  for (const s of stmts) {
    const nums = s.items.filter((i) => i.kind === 'number');
    if (!statementOf('mapping', s) || nums.length !== 2 || !isAsciiDigits(nums[0].image) || !isAsciiDigits(nums[1].image)) {
      b.unknownStatement(s, 'mapping');
      continue;
    }
    for (const extra of s.items) {
      if (extra.kind !== 'number' && !/^(->|→|=>|对应)$/.test(extra.image) && extra.kind !== 'op') b.unexpected(extra, { zh: '对照行只写两个编码', en: 'a correspondence line holds two codes' });
    }
    unit.mapping.push({ dept: { text: nums[0].image, span: nums[0] }, gov: { text: nums[1].image, span: nums[1] }, span: s });
  }
}

export function bindSangong(b: Binder, stmts: Stmt[], unit: MoneyUnit): SangongLine[] {
  const out: SangongLine[] = [];
  forEachStatement(b, 'sangong', stmts, (s) => {
    const items = s.items;
    const item = SANGONG_ITEMS[items[0].image];
    const line: SangongLine = { item, span: s, keySpan: items[0] };
    const prev = out.find((l) => l.item === item);
    if (prev) b.repeated(items[0], items[0].image, prev.keySpan);
    if (items[1]) line.amount = readAmount(b, items[1], unit);
    for (const extra of items.slice(2)) b.unexpected(extra, { zh: '每行一个金额', en: 'one amount per line' });
    out.push(line);
  });
  return out;
}

/** The names a 政府采购 table's total row is written with (as the 说明 prints it), besides 合计 / 总计. */
const PROCUREMENT_TOTALS = ['政府采购预算', '政府采购预算总额', '政府采购预算合计'];

export function bindList(b: Binder, s: Stmt, table: ListTableDecl['table'], unit: MoneyUnit): ListTableDecl {
  const decl: ListTableDecl = { table, empty: false, span: s, rows: [] };
  const rest = s.items.slice(1);
  if (rest.length === 1 && EMPTY_WORDS.includes(rest[0].image)) decl.empty = true;
  else for (const extra of rest) b.unexpected(extra, { zh: '此处应为“无”或“{ … }”块', en: 'expected “无” (none) or a “{ … }” block' });
  if (!s.block) {
    if (!decl.empty && !rest.length) b.expectMissing(s.items[0], { zh: `“${s.items[0].image}”`, en: `“${s.items[0].image}”` }, { zh: '“无”或“{ … }”块', en: '“无” or a “{ … }” block' });
    return decl;
  }
  const own = sectionUnit(b, s.block.stmts, unit);
  unit = own.unit;
  let totalRow: Item | undefined;
  forEachStatement(b, 'list', own.stmts, (st) => {
    const items = st.items;
    const row: ListRow = { cells: {}, span: st };
    // A column written twice in a row is reported, not silently overwritten.
    const setListCell = (col: string, a: Amount, at: Item): void => {
      const prev = row.cells[col];
      if (prev) b.repeated(at, at.image, prev.span);
      else row.cells[col] = a;
    };
    let i = 0;
    if (items[0].kind === 'number' && isAsciiDigits(items[0].image) && items[1] && items[1].kind !== 'number') {
      row.code = { text: items[0].image, span: items[0] };
      i = 1;
    }
    // The name: words (a word may hold digits: 金保工程2期) up to an amount or a column word.
    let nameEnd = i;
    while (nameEnd < items.length && items[nameEnd].kind !== 'number' && !(items[nameEnd].image in LIST_COLUMNS)) nameEnd = b.wordEnd(items, nameEnd);
    row.name = b.rest(items, i, nameEnd);
    // `合计 …` / `总计 …` with no name: the table's total row; `其中…`: a part of the row above.
    const plain = row.name?.text.replace(/[\s：:]/g, '');
    // A 政府采购 table as a 说明 prints it names its total `政府采购预算` (“政府采购预算 X 万元，其中货物 …”).
    const namedTotal = table === 'procurement' && !row.code && plain !== undefined && PROCUREMENT_TOTALS.includes(plain);
    if (namedTotal || (!row.code && (!row.name || plain === '合计' || plain === '总计') && /^(?:合计|总计)[：:]?$/.test(items[0].image))) {
      if (totalRow) b.repeated(items[0], items[0].image, totalRow);
      else totalRow = items[0];
      row.role = 'total';
    } else if (plain?.startsWith('其中')) row.role = 'part';
    i = nameEnd;
    let bare = false;
    while (i < items.length) {
      const it = items[i];
      const col = LIST_COLUMNS[it.image];
      if (col && items[i + 1]?.kind === 'number') {
        const a = readAmount(b, items[i + 1], unit);
        if (a) setListCell(col, a, it);
        i += 2;
      } else if (it.kind === 'number' && !bare) {
        bare = true;
        const a = readAmount(b, it, unit);
        if (a) setListCell('总计', a, it);
        i++;
      } else {
        b.unexpected(it, { zh: '此处应为金额或栏目名（总计、已分配、未分配）', en: 'expected an amount or a column (总计, 已分配, 未分配)' });
        i++;
      }
    }
    decl.rows.push(row);
  });
  if (decl.empty && decl.rows.length) b.unexpected(s.items[1], { zh: '声明为“无”的表不应有行', en: 'a table declared “无” has no rows' });
  return decl;
}

// ── 上年比较: year-on-year comparisons ─────────────────────────────────────────────────────────────
