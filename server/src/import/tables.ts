/**
 * Readers of the recognised tables: printed lines → rows of figures, each figure with where it was printed.
 * One reader per kind of table (layouts.ts says which table is which kind); they know nothing of the
 * language's statements (model.ts places the figures).
 */
import type { MoneyUnit } from '../core/money';
import { amountCells, bareLabel, cellsOf, isAmount, isCodePart, splitGluedCode, startsItem } from './cells';
import { assignColumns, columnsByPath, keepFitting, locateColumns, resolveByParents, valueOf, type Assignment, type HeaderPos } from './columns';
import type { ColumnDef, TableDef } from './layouts';
import type { PrintedRow } from './model';
import type { TableSegment } from './segment';
import { lineText, refOf, type SourceCell, type SourceLine, type SourceRef } from './source';

/** A printed figure and where it stands. */
export interface Fig {
  /** As printed (`189,767,551`, `0`, `1.35`). */
  text: string;
  ref: SourceRef;
}

export interface CodeRow extends PrintedRow {
  lines: SourceLine[];
  /** The unit named in the row (the 单位名称 column of a table that lists a department's units). */
  unitName?: string;
  /** How the columns were told apart (for the summary). */
  how: Assignment['how'];
}

export interface TableRead {
  def: TableDef;
  seg: TableSegment;
  unit: MoneyUnit;
  rows: CodeRow[];
  /** The columns the table prints, where some of its definition's are optional (ColumnDef.optional). */
  columns?: ColumnDef[];
  /** Notes printed under the table (注：…). */
  notes: SourceLine[];
  /** Lines the reader could not place. */
  leftovers: SourceLine[];
}

/** One item of a 收支 table side: a label and its amounts by column. */
export interface PairItem {
  label: string;
  ref: SourceRef;
  cells: Map<string, Fig>;
  side: 'left' | 'right';
  lines: SourceLine[];
}

export interface PairsRead {
  def: TableDef;
  seg: TableSegment;
  unit: MoneyUnit;
  items: PairItem[];
  notes: SourceLine[];
  leftovers: SourceLine[];
}

export function fig(l: SourceLine, c: SourceCell): Fig {
  return { text: c.text, ref: refOf(l, c) };
}

const NOTE = /^(?:注|备注|说明)[:：]/;

/** Blocks of a table's lines, each starting with its header: one per part and per page. */
function blocks(seg: TableSegment): SourceLine[][] {
  const out: SourceLine[][] = [];
  for (const part of seg.parts) {
    let cur: SourceLine[] = [];
    let page = -1;
    for (const l of part) {
      if (l.page !== page && cur.length) {
        out.push(cur);
        cur = [];
      }
      page = l.page;
      cur.push(l);
    }
    if (cur.length) out.push(cur);
  }
  return out;
}

/** Whether a line starts a row of a code table: a code (whole or in columns) or a 合计/总计 label. */
function codeStart(cells: SourceCell[]): boolean {
  const first = cells[0]?.text.replace(/\s+/g, '') ?? '';
  if (/^(?:合计|总计)$/.test(first)) return true;
  return /^\d{3}(?:\d{2}){0,2}$/.test(first) || (/^\d{3}$/.test(first) && isCodePart(cells[1]?.text ?? ''));
}

// ── code tables (支出, 经济分类, 收入科目 …) ─────────────────────────────────────────────────────────────

/**
 * `known`: figures another table prints for some columns of the 合计 row (the income by source of 表1 for the
 * by-function income table): a 合计 row that fits several ways takes the one way that agrees with them.
 * `bounds`: for a table of one source, the rows of all sources already read (表3), by code ('' for 合计): a reading
 * that puts more in a column than the code has there from all sources is dropped (amounts not negative).
 */
export function readCodeTable(seg: TableSegment, def: TableDef, positional: boolean, unit: MoneyUnit, known?: Map<string, Fig>, bounds?: Map<string, Map<string, Fig>>): TableRead {
  const rows: RowUnderConstruction[] = [];
  const notes: SourceLine[] = [];
  const leftovers: SourceLine[] = [];
  let columns = def.columns ?? [];
  const assignments = new Map<CodeRow, Assignment>();
  let positions: HeaderPos[] | undefined;
  for (const block of blocks(seg)) {
    const header: SourceLine[] = [];
    let started = false;
    let pending: RowUnderConstruction | undefined;
    // A text line between two rows: the top half of the next row's two-line name (a PDF centres a row's
    // cells vertically), or the rest of the previous row's name — decided by whether the next row has a name.
    let held: SourceLine | undefined;
    const release = (): void => {
      const last = rows[rows.length - 1];
      if (held && last) {
        last.name += lineText(held).replace(/\s+/g, '');
        last.lines.push(held);
      } else if (held) leftovers.push(held);
      held = undefined;
    };
    for (const l of block) {
      const cells = splitGluedCode(cellsOf(l, positional));
      const text = lineText(l).trim();
      if (NOTE.test(text.replace(/\s+/g, '')) || /故本表为空表|本表为空表|无.{0,20}(?:支出|安排)/.test(text.replace(/\s+/g, '')) && !cells.some((c) => isAmount(c.text))) {
        notes.push(l);
        continue;
      }
      const amounts = cells.filter((c) => isAmount(c.text));
      // A header line may start with 合计 (the leaf under 本年收入 when the code column's cell spans the rows above).
      // So may a lone 合计 before any row (a header printed one word a line), when more header words follow it.
      const after = block[block.indexOf(l) + 1];
      const moreHeader = after !== undefined && !after.cells.some((c) => isAmount(c.text)) && !codeStart(after.cells) && !NOTE.test(lineText(after).replace(/\s+/g, ''));
      const headerWords = !started && !amounts.length && cells.every((c) => !isCodePart(c.text)) && (cells.length > 1 || moreHeader);
      const start = codeStart(cells) && !headerWords;
      if (!started && !start && !amounts.length) {
        header.push(l);
        continue;
      }
      if (!started) {
        started = true;
        if (positional && header.length && def.columnOf) ({ columns, positions } = columnsByPath(header, def.columnOf));
        else if (positional && header.length) positions = locateColumns(columns, header);
      }
      if (start) {
        const row = newRow(l, cells);
        if (held && !row.name && !row.isTotal) {
          row.name = lineText(held).replace(/\s+/g, '');
          row.lines.unshift(held);
          held = undefined;
        } else release();
        rows.push(row);
        const own = amountsAfterName(cells, row);
        if (own.length) finishRow(row, l, own);
        pending = own.length ? undefined : row;
        continue;
      }
      // A line without a code: the name or the amounts of a row written over several lines, or the rest of
      // a name printed under its row.
      const last = rows[rows.length - 1];
      if (pending && !amounts.length) {
        pending.name += cells.map((c) => c.text).join('');
        pending.lines.push(l);
        continue;
      }
      if (pending && amounts.length) {
        const textCells = cells.filter((c) => !isAmount(c.text));
        pending.name += textCells.map((c) => c.text).join('');
        finishRow(pending, l, amounts);
        pending.lines.push(l);
        pending = undefined;
        continue;
      }
      if (last && !amounts.length && last.lines[last.lines.length - 1].page === l.page) {
        if (positional && !held) held = l;
        else {
          release();
          last.name += cells.map((c) => c.text).join('');
          last.lines.push(l);
        }
        continue;
      }
      release();
      leftovers.push(l);
    }
    release();
  }
  for (const r of rows) {
    const amounts = r.pendingAmounts ?? [];
    const a = assignColumns(amounts.map((x) => x.cell), columns, positional ? positions : undefined, def.identities, unit);
    assignments.set(r, a);
  }
  for (const r of known ? rows.filter((x) => x.isTotal) : []) {
    const a = assignments.get(r)!;
    if (!a.alternatives) continue;
    keepFitting(a, a.alternatives.filter((m) => [...known!].every(([k, f]) => !columns.some((c) => c.key === k) || valueOf(m.get(k), unit) === valueOf({ text: f.text, x0: 0, x1: 0 }, unit))));
  }
  for (const r of bounds ? rows : []) {
    const a = assignments.get(r)!;
    const bound = bounds!.get(r.isTotal ? '' : r.code);
    if (!a.alternatives || !bound) continue;
    // The columns a 支出 row of all sources has (合计, 基本, 项目): an empty printed cell there is 0.
    const keys = columns.map((c) => c.key).filter((k) => ['total', 'basic', 'project'].includes(k));
    const money = (f: Fig | undefined): bigint => valueOf(f ? { text: f.text, x0: 0, x1: 0 } : undefined, unit);
    if ([...bound.values()].some((f) => money(f) < 0n) || a.alternatives.some((m) => [...m.values()].some((c) => valueOf(c, unit) < 0n))) continue;
    keepFitting(a, a.alternatives.filter((m) => keys.every((k) => valueOf(m.get(k), unit) <= money(bound.get(k)))));
  }
  resolveByParents(rows.map((r) => ({ code: r.code, isTotal: r.isTotal, assignment: assignments.get(r)! })), columns.map((c) => c.key), unit);
  for (const r of rows) {
    const a = assignments.get(r)!;
    const byCell = new Map((r.pendingAmounts ?? []).map((x) => [x.cell, x.line]));
    for (const [key, cell] of a.cells) r.cells.set(key, fig(byCell.get(cell)!, cell));
    r.how = a.how;
    delete r.pendingAmounts;
  }
  return { def, seg, unit, rows, notes, leftovers };
}

/** A row while its lines are read: its amounts wait for the column assignment. */
interface RowUnderConstruction extends CodeRow {
  pendingAmounts?: Array<{ cell: SourceCell; line: SourceLine }>;
}

function newRow(l: SourceLine, cells: SourceCell[]): RowUnderConstruction {
  const first = cells[0].text.replace(/\s+/g, '');
  if (/^(?:合计|总计)$/.test(first)) {
    return { code: '', codeText: '', name: '', isTotal: true, cells: new Map(), ref: refOf(l), lines: [l], how: 'none' };
  }
  // The code: the leading digit cells (a whole code, or 类 款 项 in columns, a part possibly cut short).
  const parts: string[] = [];
  let i = 0;
  while (i < cells.length && isCodePart(cells[i].text) && !cells[i].text.includes(',') && parts.join('').length < 7) {
    if (i > 0 && (cells[i].text.length > 2 || parts.join('').length >= 7)) break;
    parts.push(cells[i].text);
    i++;
  }
  let name = '';
  for (; i < cells.length && !isAmount(cells[i].text); i++) name += cells[i].text;
  return { code: parts.join(''), codeText: parts.join(' '), name, isTotal: false, cells: new Map(), ref: refOf(l), lines: [l], how: 'none' };
}

/** The amount cells of a row's first line that follow its code and name. */
function amountsAfterName(cells: SourceCell[], row: CodeRow): SourceCell[] {
  const skip = row.isTotal ? 1 : row.codeText.split(' ').length;
  return cells.slice(skip).filter((c) => isAmount(c.text));
}

function finishRow(row: RowUnderConstruction, l: SourceLine, amounts: SourceCell[]): void {
  row.pendingAmounts = [...(row.pendingAmounts ?? []), ...amounts.map((cell) => ({ cell, line: l }))];
}

// ── 收支 tables (表1, 表4) ──────────────────────────────────────────────────────────────────────────────

/** Words that make a one-sided line the income side. */
function incomeSide(label: string): boolean {
  const s = bareLabel(label);
  return /收入|资金|结转结余$|^上年结转$|^一般公共预算$|^政府性基金(?:预算)?$|^国有资本经营预算$/.test(s) && !/支出/.test(s);
}

export function readPairs(seg: TableSegment, def: TableDef, positional: boolean, unit: MoneyUnit): PairsRead {
  const items: PairItem[] = [];
  const notes: SourceLine[] = [];
  const leftovers: SourceLine[] = [];
  const columns = def.columns ?? [];
  const pending: PendingAmounts[] = [];
  for (const block of blocks(seg)) {
    const header: SourceLine[] = [];
    let started = false;
    let split: number | undefined;
    let positions: HeaderPos[] | undefined;
    for (const l of block) {
      const cells = cellsOf(l, positional);
      const text = lineText(l).replace(/\s+/g, '');
      if (NOTE.test(text)) {
        notes.push(l);
        continue;
      }
      const hasAmount = cells.some((c) => isAmount(c.text));
      if (!started && !hasAmount && !cells.some((c) => numbered(c.text))) {
        header.push(l);
        continue;
      }
      if (!started) {
        started = true;
        if (positional) {
          split = rightBoundary(header, block);
          positions = locateColumns(columns, header.map((h) => ({ ...h, cells: h.cells.filter((c) => split === undefined || c.x0 >= split - 1) })));
        }
      }
      const sides = positional && split !== undefined ? splitByPosition(cells, split) : splitByWords(cells);
      for (const [side, sc] of sides) {
        if (!sc.length) continue;
        const labelCells = sc.filter((c) => !isAmount(c.text));
        const amounts = sc.filter((c) => isAmount(c.text));
        const label = labelCells.map((c) => c.text).join('');
        const prev = [...items].reverse().find((x) => x.side === side);
        if (!label && amounts.length && prev && !pending.some((p) => p.item === prev)) {
          pending.push(addAmounts(prev, l, amounts, columns, positions, def, unit));
          continue;
        }
        // The rest of a wrapped income label (“三、国有资本经营预” … “算”, printed beside a 支出 row): it goes back to
        // the recent item without figures that it completes into an income item, which is then the income side's.
        const wrapped = label && !amounts.length && !startsItem(label) ? items.slice(-3).find((x) => !pending.some((p) => p.item === x) && !incomeSide(x.label) && incomeSide(x.label + label) && x.lines[x.lines.length - 1].page === l.page) : undefined;
        if (wrapped) {
          wrapped.label += label;
          wrapped.side = 'left';
          wrapped.lines.push(l);
          continue;
        }
        if (label && !amounts.length && prev && !startsItem(label) && prev.lines[prev.lines.length - 1].page === l.page && !isKnownItem(label)) {
          prev.label += label;
          prev.lines.push(l);
          continue;
        }
        // The rest of a wrapped item label with the item's figures (“一、社会保障和就业” / “支出 16,067,196.24 …”, text that
        // gives each cell a line): the label goes on the item just before, which has no figures yet.
        const last = items[items.length - 1];
        if (label && amounts.length && !startsItem(label) && !isKnownItem(label) && last && last.side === side && startsItem(last.label) && !pending.some((p) => p.item === last) && last.lines[last.lines.length - 1].page === l.page) {
          last.label += label;
          pending.push(addAmounts(last, l, amounts, columns, positions, def, unit));
          continue;
        }
        if (!label) {
          leftovers.push(l);
          continue;
        }
        // An income item has one figure (预算数): more, printed after it, are the figures of the 支出 item just before,
        // whose label wraps around this line (“一、社会保障和就业” / “一、一般公共预算 493,761,082.20 16,067,196.24 …” / “支出”).
        const open = side === 'left' && amounts.length > 1 && !positional ? last : undefined;
        if (open && open.side === 'right' && startsItem(open.label) && !open.cells.size && !pending.some((p) => p.item === open) && open.lines[open.lines.length - 1].page === l.page) {
          pending.push(addAmounts(open, l, amounts.slice(1), columns, positions, def, unit));
          amounts.splice(1);
        }
        const item: PairItem = { label, ref: refOf(l, labelCells[0]), cells: new Map(), side, lines: [l] };
        items.push(item);
        if (amounts.length) pending.push(addAmounts(item, l, amounts, columns, positions, def, unit));
      }
    }
  }
  settlePairs(pending, columns, unit, leftovers);
  return { def, seg, unit, items, notes, leftovers };
}

function isKnownItem(label: string): boolean {
  return /^(?:收入|支出)总计$|合计$|结转/.test(bareLabel(label));
}

/** Amounts of an item waiting for their columns: settled at once, or against the side's total (settlePairs). */
interface PendingAmounts {
  item: PairItem;
  line: SourceLine;
  assignment: Assignment;
}

function addAmounts(item: PairItem, l: SourceLine, amounts: SourceCell[], columns: TableDef['columns'] & object, positions: HeaderPos[] | undefined, def: TableDef, unit: MoneyUnit): PendingAmounts {
  // The left side has one column (预算数); the right side's columns are the table's.
  const cols = item.side === 'left' ? [{ key: 'total', words: ['预算数'] }] : columns;
  // A lone figure is the item's 合计 (预算数): the parts' identities hold of a row that is split.
  const assignment: Assignment =
    amounts.length === 1 && cols[0].key === 'total' ? { cells: new Map([['total', amounts[0]]]), how: 'arithmetic' } : assignColumns(amounts, cols, item.side === 'left' ? undefined : positions, def.identities, unit);
  item.lines.push(l);
  return { item, line: l, assignment };
}

/**
 * Places the amounts of a 收支 table's items. Items whose columns fit several ways take the way that makes the
 * side's total (本年支出合计, else 支出总计) add up, as a code table's rows do with their parent; an item still
 * ambiguous is placed only where every reading agrees, and its line is kept as a comment — a guess would be
 * checked as if printed there.
 */
function settlePairs(pending: PendingAmounts[], columns: ColumnDef[], unit: MoneyUnit, leftovers: SourceLine[]): void {
  // First, among each item's readings, the one that alone leaves the rarely filled columns empty (layouts.ts `rare`).
  const rare = new Set(columns.filter((c) => c.rare).map((c) => c.key));
  const rareCount = (m: Map<string, SourceCell>): number => [...m.keys()].filter((k) => rare.has(k)).length;
  for (const { assignment: a } of pending) {
    if (!a.alternatives || !rare.size) continue;
    const least = Math.min(...a.alternatives.map(rareCount));
    const best = a.alternatives.filter((m) => rareCount(m) === least);
    if (best.length === 1) {
      a.cells = best[0];
      delete a.alternatives;
    } else if (best.length < a.alternatives.length) a.alternatives = best;
  }
  const mine = pending.filter((p) => p.item.side === 'right');
  const total = mine.find((p) => bareLabel(p.item.label) === '本年支出合计') ?? mine.find((p) => bareLabel(p.item.label) === '支出总计');
  const parts = mine.filter((p) => p !== total && p.item.label.replace(/\s+/g, '') !== bareLabel(p.item.label) && startsItem(p.item.label));
  // A side total that fits several ways takes the way that agrees with the other side's items of the same name
  // (表4: the 支出总计's 一般公共预算 column is the income side's 一、一般公共预算): only printed figures count.
  if (total?.assignment.alternatives) {
    const income = new Map(pending.filter((p) => p.item.side === 'left' && p.assignment.cells.has('total') && !p.assignment.alternatives).map((p) => [bareLabel(p.item.label), p.assignment.cells.get('total')!]));
    const known = columns.filter((c) => c.key !== 'total').flatMap((c) => (income.has(c.key) ? [[c.key, valueOf(income.get(c.key), unit)] as const] : []));
    if (known.length) keepFitting(total.assignment, total.assignment.alternatives.filter((m) => known.every(([k, v]) => valueOf(m.get(k), unit) === v)));
  }
  if (total && parts.some((p) => p.assignment.alternatives)) {
    resolveByParents([{ code: '', isTotal: true, assignment: total.assignment }, ...parts.map((p) => ({ code: '', isTotal: false, assignment: p.assignment }))], columns.map((c) => c.key), unit);
  }
  for (const { item, line, assignment: a } of pending) {
    const agreed = a.alternatives ? [...a.cells].filter(([k, c]) => a.alternatives!.every((m) => m.get(k) === c)) : [...a.cells];
    for (const [k, c] of agreed) item.cells.set(k, fig(line, c));
    if (a.alternatives) leftovers.push(line);
  }
}

function numbered(text: string): boolean {
  return /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、](?!\d))/.test(text.replace(/\s+/g, ''));
}

/**
 * The x where the right-hand (支出) side starts: just after the income side's amounts (the amounts under the
 * first 预算数 header), else before the second 项目 header.
 */
function rightBoundary(header: SourceLine[], lines: SourceLine[]): number | undefined {
  const budget = header.flatMap((l) => l.cells).find((x) => /^预算数$/.test(x.text.replace(/\s+/g, '')));
  for (const l of header) {
    const c = l.cells.filter((x) => /^(?:项目|项目名称)$/.test(x.text.replace(/\s+/g, '')));
    if (c.length < 2) continue;
    if (budget && budget.x0 < c[1].x0) {
      const cx = (budget.x0 + budget.x1) / 2;
      const under = lines.flatMap((x) => x.cells).filter((x) => isAmount(x.text) && x.x1 < (c[1].x0 + c[1].x1) / 2 && Math.abs((x.x0 + x.x1) / 2 - cx) < 80);
      if (under.length) return under.reduce((m, x) => Math.max(m, x.x1), -Infinity) + 2;
    }
    return c[1].x0 - 2;
  }
  for (const l of header) {
    const c = l.cells.find((x) => /支出/.test(x.text) && !/收入/.test(x.text));
    const d = l.cells.find((x) => /收入/.test(x.text));
    if (c && d && c.x0 > d.x1) return (d.x1 + c.x0) / 2;
  }
  return undefined;
}

function splitByPosition(cells: SourceCell[], split: number): Array<['left' | 'right', SourceCell[]]> {
  return [['left', cells.filter((c) => c.x0 < split)], ['right', cells.filter((c) => c.x0 >= split)]];
}

/**
 * A flattened line: items are label runs, each followed by its amounts; a label run holding two numbered
 * labels is two items. With two items, the first is the income side; with one, its words decide.
 */
function splitByWords(cells: SourceCell[]): Array<['left' | 'right', SourceCell[]]> {
  const groups: SourceCell[][] = [];
  let cur: SourceCell[] = [];
  let seenAmount = false;
  for (const c of cells) {
    const amt = isAmount(c.text);
    if (!amt && (seenAmount || (cur.length && startsItem(c.text) && !isAmount(cur[cur.length - 1].text)))) {
      groups.push(cur);
      cur = [];
      seenAmount = false;
    }
    cur.push(c);
    if (amt) seenAmount = true;
  }
  if (cur.length) groups.push(cur);
  if (groups.length >= 2) return [['left', groups[0]], ['right', groups.slice(1).flat()]];
  const label = groups[0]?.filter((c) => !isAmount(c.text)).map((c) => c.text).join('') ?? '';
  return [[incomeSide(label) ? 'left' : 'right', groups[0] ?? []]];
}

// ── 三公 (one row of figures under a two-level header) ───────────────────────────────────────────────

export function readSangong(seg: TableSegment, def: TableDef, positional: boolean, unit: MoneyUnit): TableRead {
  let columns = def.columns ?? [];
  const header: SourceLine[] = [];
  const notes: SourceLine[] = [];
  const leftovers: SourceLine[] = [];
  const row: CodeRow = { code: '', codeText: '', name: '', isTotal: true, cells: new Map(), ref: refOf(seg.title), lines: [], how: 'none' };
  let done = false;
  for (const l of seg.parts.flat()) {
    const cells = cellsOf(l, positional);
    const text = lineText(l).replace(/\s+/g, '');
    const amounts = cells.filter((c) => isAmount(c.text));
    if (NOTE.test(text)) {
      notes.push(l);
      continue;
    }
    if (!amounts.length) {
      if (!done) header.push(l);
      else leftovers.push(l);
      continue;
    }
    if (done) {
      leftovers.push(l);
      continue;
    }
    columns = printedColumns(columns, header);
    const positions = positional ? locateColumns(columns, header) : undefined;
    const a = assignColumns(amounts, columns, positions, def.identities, unit);
    for (const [k, c] of a.cells) row.cells.set(k, fig(l, c));
    row.lines.push(l);
    row.ref = refOf(l);
    row.how = a.how;
    done = true;
  }
  return { def, seg, unit, rows: done ? [row] : [], columns: printedColumns(columns, header), notes, leftovers };
}

/** The columns a table prints: its definition's, an optional one only where the header names it. */
function printedColumns(columns: ColumnDef[], header: SourceLine[]): ColumnDef[] {
  if (!columns.some((c) => c.optional)) return columns;
  const text = header.map((l) => lineText(l).replace(/\s+/g, '')).join('');
  return columns.filter((c) => !c.optional || c.words.some((w) => text.includes(w)));
}

// ── list tables (an empty table, or rows of a name and amounts) ────────────────────────────────────────

/** The header words of a list table's name column (项目名称, 购买服务项目名称, 项目) and of its code column (表15). */
const LIST_NAME = /^(?:项目名称|购买服务项目名称|项目)$/;
const LIST_UNIT = /^单位名称$/;
const LIST_CODE = /^支出功能分类/;

/**
 * A list table (债务, 政府采购, 政府购买服务, 专项资金): its 合计 row and one row per item — the item's name (the unit's
 * name before it, in the reference layout's 单位名称 column, is left out), its 功能分类 code where the table has one,
 * its amounts by column. An empty table is its 合计 row alone.
 */
export function readList(seg: TableSegment, def: TableDef, positional: boolean, unit: MoneyUnit): TableRead {
  const columns = def.columns ?? [];
  const rows: CodeRow[] = [];
  const notes: SourceLine[] = [];
  const leftovers: SourceLine[] = [];
  const header: SourceLine[] = [];
  let positions: HeaderPos[] | undefined;
  let nameX: number | undefined;
  let codeX: number | undefined;
  let unitX: number | undefined;
  for (const l of seg.parts.flat()) {
    const cells = cellsOf(l, positional);
    const text = lineText(l).replace(/\s+/g, '');
    if (NOTE.test(text) || (/本表为空表|无.{0,20}(?:支出|安排)/.test(text) && !cells.some((c) => isAmount(c.text)))) {
      notes.push(l);
      continue;
    }
    const amounts = cells.filter((c) => isAmount(c.text));
    const words = cells.filter((c) => !isAmount(c.text));
    const total = words.length === 1 && /^(?:合计|总计)$/.test(words[0].text.replace(/\s+/g, ''));
    if (!rows.length && !amounts.length && !total) {
      header.push(l);
      continue;
    }
    if (!positions && positional && header.length) {
      positions = locateColumns(columns, header);
      const centre = (re: RegExp): number | undefined => {
        const c = header.flatMap((h) => h.cells).find((x) => re.test(x.text.replace(/\s+/g, '')));
        return c ? (c.x0 + c.x1) / 2 : undefined;
      };
      nameX = centre(LIST_NAME);
      codeX = centre(LIST_CODE);
      unitX = centre(LIST_UNIT);
    }
    if (!amounts.length && !total) {
      // The rest of a name wrapped under its row.
      const last = rows[rows.length - 1];
      if (last && !last.isTotal && last.lines[last.lines.length - 1].page === l.page) {
        last.name += words.map((c) => c.text).join('');
        last.lines.push(l);
      } else leftovers.push(l);
      continue;
    }
    const nearest = (x: number | undefined): SourceCell | undefined => (x === undefined || !words.length ? undefined : words.reduce((a, b) => (Math.abs((b.x0 + b.x1) / 2 - x) < Math.abs((a.x0 + a.x1) / 2 - x) ? b : a)));
    const codeCell = total ? undefined : positional ? (codeX !== undefined ? words.find((c) => /^\d{3}(?:\d{2}){0,2}$/.test(c.text) && c === nearest(codeX)) : undefined) : words.find((c) => /^\d{3}(?:\d{2}){0,2}$/.test(c.text));
    const nameCell = total ? undefined : positional && nameX !== undefined ? nearest(nameX) : words.filter((c) => c !== codeCell).pop();
    // The unit, printed at its first row in the 单位名称 column (laid out), or before the name (flattened).
    const unitCell = total ? undefined : positional ? (unitX !== undefined && nearest(unitX) !== nameCell ? nearest(unitX) : undefined) : words.filter((c) => c !== codeCell && c !== nameCell)[0];
    const row: CodeRow = {
      code: codeCell?.text ?? '', codeText: codeCell?.text ?? '', name: nameCell && nameCell !== codeCell ? nameCell.text : '', isTotal: total,
      cells: new Map(), ref: refOf(l), lines: [l], how: 'none',
    };
    if (unitCell && unitCell !== codeCell) row.unitName = unitCell.text;
    const a = assignColumns(amounts, columns, positions, def.identities, unit);
    for (const [k, c] of a.cells) row.cells.set(k, fig(l, c));
    row.how = a.how;
    rows.push(row);
  }
  return { def, seg, unit, rows, notes, leftovers };
}

export { amountCells };
