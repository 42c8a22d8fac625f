/**
 * 印出: the figures a published table printed, held against the same table as the core builds it from the unit's
 * statements (the layout's table by its number, the cell by its row and column: layouts/lookup.ts). A row that
 * prints figures differing from the derived ones is one report, naming every differing cell with the printed and
 * the derived figure, and as related information where each derived figure comes from (BUD540, an error; BUD541, a
 * warning, when a derived figure rests on a written figure that is itself reported). A printed figure equal to
 * what the parts of a reported written figure give follows from that report; a cell the statements leave unknown is
 * not compared (unknown is not zero); a cell not in the table is BUD542 — a row not in it, one BUD542 on the row, its
 * figures not compared. Hover and inlay hints read each figure's outcome (`UnitFigures.printed`).
 */
import type { PrintedCheck } from '../compute';
import type { Related } from '../diagnostics';
import { cellAt, columnIndex, columnName } from '../layouts/lookup';
import { layoutOf, unitSpecTables } from '../layouts/index';
import { tableWidth, type Table, type TableCell } from '../layouts/grid';
import type { TableSpec } from '../layouts/types';
import type { Amount, PrintedRow, PrintedTable } from '../model';
import { formatMoney, parseMoney, printedAs, type Money, type MoneyUnit } from '../money';
import { ownFault } from '../records';
import { defineCheck, tableName, type CheckContext } from './context';

type Ctx = CheckContext<'BUD540' | 'BUD541' | 'BUD542'>;

/** The value of a derived cell (its amount in the table's money unit). */
function valueOf(cell: TableCell, t: Table): Money | undefined {
  return cell.amount === undefined ? undefined : parseMoney(cell.amount, t.moneyUnit as MoneyUnit);
}

/**
 * Whether a derived cell rests on a figure reported as wrong: a written figure shown with its computed value beside it
 * (`differs`), a figure of the statement the cell comes from (the line of its span: the written figure, else the
 * row) that is its own reported fault, or — the cell of a code — such a figure of any row of that code or below it
 * (its rows by funding source and its children give the cell).
 */
function disputed(ctx: Ctx, cell: TableCell): boolean {
  if (cell.differs !== undefined) return true;
  const s = cell.span;
  if (!s || cell.file) return false;
  const faulty = (a: Amount | undefined): boolean => !!a && !!ownFault(ctx.figures.records, a);
  const start = ctx.text.lastIndexOf('\n', s.start - 1) + 1;
  const nl = ctx.text.indexOf('\n', s.end);
  const end = nl < 0 ? ctx.text.length : nl;
  if (ctx.figures.records.some((r) => !r.ok && !r.causes && r.declared.span.start >= start && r.declared.span.end <= end)) return true;
  for (const section of [ctx.unit.func, ctx.unit.econ, ctx.unit.gov]) {
    const row = section?.rows.find((r) => r.span.start <= s.start && s.end <= r.span.end);
    if (row) return section!.rows.some((r) => r.code.startsWith(row.code) && Object.values(r.cells).some(faulty));
  }
  return false;
}

interface Found {
  cell: TableCell;
  table: Table;
}

function find(tables: Table[], row: string, column: string): Found | undefined {
  for (const t of tables) {
    const cell = cellAt(t, row, column);
    if (cell) return { cell, table: t };
  }
  return undefined;
}

function checkRow(ctx: Ctx, p: PrintedTable, spec: TableSpec, tables: Table[], r: PrintedRow): void {
  const name = tableName(spec, ctx.unit.year);
  const note = (a: Amount, c: PrintedCheck): void => {
    ctx.figures.printed.set(a, c);
  };
  const where = `${p.table.text} ${r.row.text}`;
  const differ: Array<{ column: string; printed: Amount; derived: Money; found: Found; disputed: boolean }> = [];
  const at = (c: PrintedRow['cells'][number]): string => `${where} / ${c.column.text}`;
  for (const [i, c] of r.cells.entries()) {
    const found = find(tables, r.row.text, c.column.text);
    if (!found) {
      if (tables.some((t) => columnIndex(t, c.column.text) !== undefined)) {
        // The column is there, the row is not: one report on the row; its figures from here on are not compared.
        ctx.report('BUD542', r.row.span, { what: `行“${r.row.text}”`, whatEn: `row “${r.row.text}”`, table: name.zh, tableEn: name.en, why: '表中没有此行（行写科目编码、合计或表中所印的行名）', whyEn: 'the table has no such row (write a code, 合计 or the row’s label as the table prints it)' });
        for (const rest of r.cells.slice(i)) note(rest.amount, { table: at(rest), status: 'noRow' });
        return;
      }
      note(c.amount, { table: at(c), status: 'missing' });
      const cols = tables[0] ? headerNames(tables[0]) : '';
      ctx.report('BUD542', c.column.span, { what: `栏目“${c.column.text}”`, whatEn: `column “${c.column.text}”`, table: name.zh, tableEn: name.en, why: `应写表头路径或其末尾唯一的一段：${cols}`, whyEn: `write a header path, or its last words where no other column shares them: ${cols}` });
      continue;
    }
    const derived = valueOf(found.cell, found.table);
    if (derived === undefined) {
      note(c.amount, { table: at(c), derived: '', status: 'unknown' });
      continue;
    }
    if (printedAs(c.amount, derived)) {
      note(c.amount, { table: at(c), derived: found.cell.text, status: 'agrees' });
      continue;
    }
    // The cell shows a written figure its parts contradict: printed as the parts give it, the report there covers it.
    const parts = found.cell.differs !== undefined ? parseMoney(found.cell.differs.replace(/,/g, ''), found.table.moneyUnit as MoneyUnit) : undefined;
    if (parts !== undefined && printedAs(c.amount, parts)) {
      note(c.amount, { table: at(c), derived: found.cell.text, status: 'parts' });
      continue;
    }
    note(c.amount, { table: at(c), derived: found.cell.text, status: 'differs' });
    differ.push({ column: c.column.text, printed: c.amount, derived, found, disputed: disputed(ctx, found.cell) });
  }
  if (!differ.length) return;
  // The derived figure in the printed one's unit and digits (more where its value needs them).
  const m = (v: Money, a: Amount): string => formatMoney(v, a.unit, { minDecimals: a.decimals });
  const cells = differ.map((d) => `${d.column} 印 ${d.printed.text}，推出 ${m(d.derived, d.printed)}`).join('；');
  const cellsEn = differ.map((d) => `${d.column} printed ${d.printed.text}, derived ${m(d.derived, d.printed)}`).join('; ');
  const related: Related[] = [];
  for (const d of differ) {
    const s = d.found.cell.span;
    if (!s || d.found.cell.file) continue;
    related.push({
      start: s.start, end: s.end,
      message: { zh: `${d.column} 推出 ${m(d.derived, d.printed)} 所据的语句`, en: `where ${d.column}’s derived ${m(d.derived, d.printed)} comes from` },
    });
  }
  const span = { start: differ[0].printed.span.start, end: differ[differ.length - 1].printed.span.end };
  const args = { table: name.zh, tableEn: name.en, row: r.row.text, cells, cellsEn };
  if (differ.some((d) => d.disputed)) ctx.report('BUD541', span, args, { related });
  else ctx.report('BUD540', span, args, { related });
}

/** The columns of a table that hold figures, each by the name `印出` reads back (for a message). */
function headerNames(t: Table): string {
  const out: string[] = [];
  for (let i = 0; i < tableWidth(t); i++) if (t.rows.some((r) => r[i]?.amount !== undefined)) out.push(columnName(t, i));
  return out.join('、');
}

function checkPrinted(ctx: Ctx): void {
  if (!ctx.unit.printed.length) return;
  const layout = layoutOf(ctx.unit).layout;
  const single = ctx.model.units.length === 1;
  for (const p of ctx.unit.printed) {
    const spec = layout.tables.find((s) => s.id === p.table.text);
    if (!spec || (spec.scope === 'all' && !single)) {
      const tables = layout.tables.filter((s) => s.scope !== 'all' || single).map((s) => s.id).join('、');
      const why = spec
        ? { zh: '该表列出全部单位，单位中不能核对', en: 'the table lists all units and is not checked in one unit' }
        : { zh: `表式“${layout.id}”没有此表；应写 ${tables} 之一`, en: `the layout “${layout.id}” has no such table; write one of ${tables}` };
      ctx.report('BUD542', p.table.span, { what: `表“${p.table.text}”`, whatEn: `table “${p.table.text}”`, table: `表式“${layout.id}”的表`, tableEn: `the tables of the layout “${layout.id}”`, why: why.zh, whyEn: why.en });
      for (const r of p.rows) for (const c of r.cells) ctx.figures.printed.set(c.amount, { table: `${p.table.text} ${r.row.text} / ${c.column.text}`, status: 'missing' });
      continue;
    }
    const tables = unitSpecTables(ctx.model, ctx.figures, layout, spec, ctx.text);
    for (const r of p.rows) checkRow(ctx, p, spec, tables, r);
  }
}

export const printed = defineCheck('figures of published tables (印出)', ['BUD540', 'BUD541', 'BUD542'], checkPrinted);
