/**
 * Places the figures of the tables read (tables.ts) into the statements of the import model (model.ts),
 * following each table's definition (layouts.ts): primary figures fill their statements, derived ones are
 * set aside for comparison with the language's own derivation, and whatever has no place is kept as a
 * comment with its page and line.
 */
import type { ListTable } from '../core/keywords';
import type { MoneyUnit } from '../core/money';
import { bareLabel } from './cells';
import type { TableDef } from './layouts';
import { pagesOf } from './segment';
import { incomeItemOf, place, sangongItemOf, type ImportModel, type IncomeLineM, type Listing, type RowM } from './model';
import { lineText, refOf, type SourceLine } from './source';
import type { Fig, PairItem, PairsRead, TableRead } from './tables';

type Section = 'func' | 'econ' | 'gov' | 'incomeFunc';

function rowsOf(m: ImportModel, s: Section): RowM[] {
  return s === 'func' ? m.func : s === 'econ' ? m.econ : s === 'gov' ? m.gov : m.incomeFunc;
}

/** The row of a section with this code (or the 合计 row), created in printed order when new. */
function rowFor(m: ImportModel, s: Section, code: string, isTotal: boolean, codeText: string, name: string, ref: RowM['ref'], table: string): RowM {
  const rows = rowsOf(m, s);
  let r = rows.find((x) => x.isTotal === isTotal && x.code === code);
  if (!r) {
    r = { code, codeText, name, isTotal, cells: new Map(), ref, table };
    rows.push(r);
  } else if (!r.name && name) r.name = name;
  return r;
}

function countFigures(read: TableRead): number {
  return read.rows.reduce((n, r) => n + r.cells.size, 0);
}

const SECTION_OF: Partial<Record<TableDef['kind'], Section>> = { func: 'func', econ: 'econ', gov: 'gov', incomeFunc: 'incomeFunc' };

/** A code table: primary columns fill the section's rows, the others are derived checks. */
export function placeCodeTable(m: ImportModel, read: TableRead): void {
  const { def } = read;
  const section = SECTION_OF[def.kind]!;
  m.tables.push({ def, figures: countFigures(read), page: read.seg.title.page, pages: pagesOf(read.seg) });
  if (read.unit !== m.moneyUnit) m.sectionUnits.set(section, read.unit);
  const empty = !read.rows.some((r) => r.cells.size);
  if (empty && def.emptyAs) {
    const left = tableNotes(m, def, read.notes);
    m.lists.push({ table: def.emptyAs, empty: true, ref: refOf(read.seg.title), rows: [], title: read.seg.title.cells.map((c) => c.text).join(''), note: left.map((n) => n.cells.map((c) => c.text).join('')).join(' ') || undefined });
    for (const l of read.leftovers) m.comments.push({ where: def.id, ref: refOf(l) });
    return;
  }
  for (const r of read.rows) {
    for (const [key, f] of r.cells) {
      const col = def.columns?.find((c) => c.key === key);
      const primaryKey = primaryColumn(def, key);
      if (primaryKey) {
        const row = rowFor(m, section, r.code, r.isTotal, r.codeText, r.name, r.ref, def.id);
        if (place(m, `${section}:${r.isTotal ? '合计' : r.code}:${primaryKey}`, f, read.unit, def.id)) row.cells.set(primaryKey, f);
      } else if (col?.derived) {
        m.derived.push({ def, table: def.id, row: r.isTotal ? '合计' : r.code, column: col.derived, fig: f, unit: read.unit });
      } else {
        m.comments.push({ where: def.id, ref: f.ref, why: { zh: `${def.id} 的这一栏语言尚不能单独表达`, en: `this column of ${def.id} cannot be stated on its own yet` } });
      }
    }
  }
  noteHow(m, read);
  for (const l of [...read.leftovers]) m.comments.push({ where: def.id, ref: refOf(l) });
  for (const l of tableNotes(m, def, read.notes)) m.comments.push({ where: def.id, ref: refOf(l) });
}

/**
 * The notes under a table that speak of it being empty (“注：本部门无…，故本表为空表。”): statements of the 说明 (`表注`),
 * checked against the table; the other notes are returned (kept as comments).
 */
function tableNotes(m: ImportModel, def: TableDef, notes: SourceLine[]): SourceLine[] {
  const rest: SourceLine[] = [];
  for (const l of notes) {
    const t = lineText(l).replace(/\s+/g, '');
    if (def.spec && /空表/.test(t)) m.comparisons.notes.push({ table: def.id, text: t.replace(/^(?:注|备注)[:：]/, ''), ref: refOf(l) });
    else rest.push(l);
  }
  return rest;
}

/** The statement column a table column fills, when it is primary (undefined: derived or not expressible). */
function primaryColumn(def: TableDef, key: string): string | undefined {
  if (def.role === 'derived') {
    // The by-source tables' 总计 is the row's total over all sources: the 支出 row's 合计.
    return def.kind === 'func' && key === '收入总计' ? 'total' : undefined;
  }
  if (def.kind === 'func' || def.kind === 'econ') {
    if (['total', 'basic', 'personnel', 'public', 'project'].includes(key)) return key;
    return key === '收入总计' ? 'total' : undefined;
  }
  if (def.kind === 'gov') return key === '收入总计' ? 'total' : undefined;
  if (def.kind === 'incomeFunc') return key;
  return undefined;
}

function noteHow(m: ImportModel, read: TableRead): void {
  const amb = read.rows.filter((r) => r.how === 'ambiguous');
  const arith = read.rows.filter((r) => r.how === 'arithmetic');
  if (arith.length) m.notes.push({ zh: `${read.def.id}：${arith.length} 行的空栏按合计关系确定`, en: `${read.def.id}: the empty cells of ${arith.length} row(s) told apart by the table's totals` });
  for (const r of amb) {
    m.notes.push({
      zh: `${read.def.id} 第 ${r.ref.page} 页第 ${r.ref.line} 行（${r.codeText || '合计'}）：空栏位置不能唯一确定，按最前的栏目读取，请核对`,
      en: `${read.def.id} page ${r.ref.page} line ${r.ref.line} (${r.codeText || '合计'}): the columns of its figures could not be told apart; read into the first columns that fit — please verify`,
    });
  }
}

// ── 收支 tables ─────────────────────────────────────────────────────────────────────────────────────

function incomeLine(m: ImportModel, item: IncomeLineM['item'], carried: boolean, word: string, ref: IncomeLineM['ref']): IncomeLineM {
  let l = m.income.find((x) => x.item === item && x.carried === carried);
  if (!l) {
    l = { item, carried, word, ref };
    m.income.push(l);
  }
  return l;
}

export function placePairs(m: ImportModel, read: PairsRead): void {
  const { def } = read;
  m.tables.push({ def, figures: read.items.reduce((n, i) => n + i.cells.size, 0), page: read.seg.title.page, pages: pagesOf(read.seg) });
  const fiscal = /财政拨款/.test(def.title);
  let carried = false;
  for (const it of read.items) {
    const label = bareLabel(it.label);
    if (it.side === 'left') {
      if (fiscal && /^上年结转/.test(label)) carried = true;
      const mapped = fiscal && /^本年收入$/.test(label) ? { item: '财政拨款' as const, word: '财政拨款' }
        : fiscal && /^上年结转$/.test(label) ? { item: '财政拨款' as const, word: '财政拨款' }
        : fiscal && /^收入总计$/.test(label) ? undefined
        : incomeItemOf(label);
      const f = it.cells.get('total');
      if (!mapped) {
        if (f && fiscal) m.derived.push({ def, table: def.id, row: label, column: 'left', fig: f, unit: read.unit });
        else if (f || label) m.comments.push({ where: def.id, ref: it.ref });
        continue;
      }
      const isCarried = fiscal ? carried : mapped.item === '上年结转结余' ? false : carried;
      const line = incomeLine(m, mapped.item, isCarried && mapped.item !== '上年结转结余', mapped.word, it.ref);
      if (f && place(m, `income:${isCarried ? '上年结转:' : ''}${mapped.item}`, f, read.unit, def.id)) line.fig = f;
      continue;
    }
    placeRight(m, read, it, label, fiscal);
  }
  for (const l of [...read.leftovers, ...read.notes]) m.comments.push({ where: def.id, ref: refOf(l) });
}

const EXTRA_OF: Record<string, 'yearEndCarry' | 'grandTotal' | 'currentTotal'> = {
  本年支出合计: 'currentTotal', 本年支出: 'currentTotal', 支出合计: 'currentTotal', 年终结转结余: 'yearEndCarry', 年末结转结余: 'yearEndCarry', 支出总计: 'grandTotal',
};

function placeRight(m: ImportModel, read: PairsRead, it: PairItem, label: string, fiscal: boolean): void {
  const { def } = read;
  const extra = EXTRA_OF[label];
  const total = it.cells.get('total');
  if (extra && !fiscal) {
    const had = m.funcExtras.get(extra);
    if (!had) m.funcExtras.set(extra, { word: label, fig: total, ref: it.ref });
    if (total && place(m, `funcExtra:${extra}`, total, read.unit, def.id)) m.funcExtras.get(extra)!.fig = total;
    return;
  }
  const row = m.func.find((r) => !r.isTotal && r.code.length === 3 && bareLabel(r.name) === label);
  for (const [key, f] of it.cells) {
    if (fiscal) {
      // 财政拨款收支总表: the language derives its spending side (by 类, by source where the layout prints sources).
      const col = def.columns?.find((c) => c.key === key);
      if (key === 'total') m.derived.push({ def, table: def.id, row: label, column: 'right', fig: f, unit: read.unit });
      else if (col?.derived) m.derived.push({ def, table: def.id, row: label, column: col.derived, fig: f, unit: read.unit });
      else m.comments.push({ where: def.id, ref: f.ref });
      continue;
    }
    if (row && ['total', 'basic', 'personnel', 'public', 'project'].includes(key)) {
      if (place(m, `func:${row.code}:${key}`, f, read.unit, def.id)) row.cells.set(key, f);
    } else m.comments.push({ where: def.id, ref: f.ref, why: row ? undefined : { zh: '支出表中没有这个类', en: 'no such 类 in the expenditure table' } });
  }
  if (!it.cells.size && !row && !extra) m.comments.push({ where: def.id, ref: it.ref });
}

// ── 三公 ─────────────────────────────────────────────────────────────────────────────────────────────

const SANGONG_ORDER = ['total', 'abroad', 'vehicle', 'vehiclePurchase', 'vehicleRun', 'reception', 'opsFunds'];

export function placeSangong(m: ImportModel, read: TableRead): void {
  const { def } = read;
  m.tables.push({ def, figures: countFigures(read), page: read.seg.title.page, pages: pagesOf(read.seg) });
  const row = read.rows[0];
  const lines = SANGONG_ORDER.filter((k) => (read.columns ?? def.columns)?.some((c) => c.key === k)).map((k) => {
    const s = sangongItemOf(k)!;
    const f = row?.cells.get(k);
    if (f) place(m, `sangong:${k}`, f, read.unit, def.id);
    return { item: s.item, word: s.word, fig: f, ref: f?.ref ?? refOf(read.seg.title) };
  });
  m.sangong = { unit: read.unit, lines, ref: refOf(read.seg.title), title: read.seg.title.cells.map((c) => c.text).join('') };
  for (const l of read.leftovers) m.comments.push({ where: def.id, ref: refOf(l) });
  for (const l of tableNotes(m, def, read.notes)) m.comments.push({ where: def.id, ref: refOf(l), why: { zh: '表下注释（语言尚不能表达）', en: 'a note under the table (not expressible yet)' } });
}

// ── list tables (债务, 政府采购, 政府购买服务, 专项资金) ─────────────────────────────────────────────────

export function placeList(first: ImportModel, read: TableRead, table: ListTable, listing?: Listing): void {
  const named = listing?.named;
  const { def } = read;
  first.tables.push({ def, figures: countFigures(read), page: read.seg.title.page, pages: pagesOf(read.seg) });
  const title = read.seg.title.cells.map((c) => c.text).join('');
  // One unit: its rows and its 合计. A department's units: each unit's rows (the unit named at its first row), the
  // 合计 over all of them verified against the language's sum.
  const byUnit = new Map<ImportModel, TableRead['rows']>([[first, []]]);
  let current = first;
  for (const r of read.rows) {
    if (named && r.isTotal) {
      for (const [k, f] of r.cells) {
        const col = def.columns?.find((c) => c.key === k);
        if (col?.derived) first.derived.push({ def, table: def.id, row: '合计', column: col.derived, fig: f, unit: read.unit });
        else first.comments.push({ where: def.id, ref: f.ref });
      }
      continue;
    }
    if (named && r.unitName) current = named(r.unitName) ?? current;
    if (!byUnit.has(current)) byUnit.set(current, []);
    byUnit.get(current)!.push(r);
  }
  // Every unit of a department publishes the table: empty for a unit without rows.
  for (const m of listing?.models ?? []) if (!byUnit.has(m)) byUnit.set(m, []);
  for (const [m, rows] of byUnit) listOf(m, def, rows.filter((r) => r.cells.size), table, title, read);
  for (const l of [...read.leftovers, ...read.notes]) first.comments.push({ where: def.id, ref: refOf(l) });
}

/** A unit's list statement: its rows, or the table stated empty. */
function listOf(m: ImportModel, def: TableDef, rows: TableRead['rows'], table: ListTable, title: string, read: TableRead): void {
  if (!rows.length) {
    m.lists.push({ table, empty: true, ref: refOf(read.seg.title), rows: [], title });
    return;
  }
  const list = { table, empty: false, ref: refOf(read.seg.title), rows: [] as Array<{ name: string; code?: string; role?: 'total' | 'part'; cells: Map<string, Fig>; ref: RowM['ref'] }>, unit: read.unit, title };
  for (const r of rows) {
    const cells = new Map<string, Fig>();
    for (const [k, f] of r.cells) {
      const word = k === '收入总计' ? '总计' : ['总计', '已分配', '未分配'].includes(k) ? k : undefined;
      if (word) cells.set(word, f);
      else m.comments.push({ where: def.id, ref: f.ref, why: { zh: '按资金来源分列的栏目语言尚不能表达', en: 'columns by funding source cannot be stated yet' } });
    }
    // A row printed `其中…` is a part of the row above (面向中小企业预留 … of the procurement total).
    const part = !r.isTotal && /^其中[：:，,\s]*/.test(r.name);
    const name = part ? r.name.replace(/^其中[：:，,\s]*/, '') : r.name;
    list.rows.push({ name: name || (r.isTotal ? '合计' : r.codeText), code: r.isTotal ? undefined : r.code || undefined, role: r.isTotal ? 'total' : part ? 'part' : undefined, cells, ref: r.ref });
  }
  m.lists.push(list);
}

export function unitOf(read: { unit: MoneyUnit }): MoneyUnit {
  return read.unit;
}
