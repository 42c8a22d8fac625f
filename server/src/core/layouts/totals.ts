/**
 * Which cells of a table are totals of other cells of the same table, read from the table's own structure — for
 * the xlsx export, which writes each such cell as a formula (`SUM` over its parts) with its figure cached:
 *
 * - the 合计 (总计) row: the sum of the top-level coded rows (类, or the economic 类) in each amount column;
 * - a coded parent row (208, 20801 — codes in one cell or split in 类/款/项 columns): the sum of its child rows,
 *   the rows whose code it is the longest prefix of among the table's codes;
 * - a 合计/小计/总计 column: the sum of its sibling columns under the same header (a sibling group counted by its
 *   own 小计/合计 column when it has one; a column marked `apart` — 机关运行经费 beside the 三公 — is nobody's part);
 * - in a table whose rows carry no codes (收支总表, list tables), totals by their labels (labelGroups): a total
 *   over the numbered items (一、二、…), a numbered item over its sub-items (（一） / 1.), 总计 over 合计 and the
 *   carry-over lines.
 *
 * A cell is a total only when its figure is shown, is not marked as disagreeing with its computed value, every
 * part is a known figure (unknown is not zero: an unknown part gives no formula) and the parts add up to the
 * figure exactly. A written total that disagrees with its parts keeps its written value as a plain number: a
 * formula would silently replace it.
 */
import { headerPaths, placeHeader, tableWidth, type Table, type TableCell } from './grid';

export interface CellRef {
  /** Body row (0-based, in `Table.rows`) and column (0-based). */
  row: number;
  col: number;
}

/** A total cell and the cells it sums. */
export interface TotalCell extends CellRef {
  parts: CellRef[];
  /** Down a column (合计 row, parent row) or along a row (合计 column). */
  direction: 'column' | 'row';
}

const TOTAL_LABEL = /^(合\s*计|总\s*计)$/;
const TOTAL_COLUMN = /(合计|小计|总计)$/;
/** Decimals a figure is compared at (amounts in a table carry far fewer). */
const SCALE = 12;

/** An amount's exact value scaled by 10^SCALE; undefined when it is not a plain decimal. */
function scaled(amount: string): bigint | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!m || (m[3]?.length ?? 0) > SCALE) return undefined;
  const v = BigInt(m[2] + (m[3] ?? '').padEnd(SCALE, '0'));
  return m[1] ? -v : v;
}

/** The code of a row: its leading digit cells joined (208 / 2080109 / 201 05 07 → 2010507), at least 3 digits. */
function codeOf(row: TableCell[]): string | undefined {
  let code = '';
  for (const c of row) {
    if (c.covered || c.amount !== undefined || !/^\d+$/.test(c.text)) break;
    code += c.text;
  }
  return code.length >= 3 ? code : undefined;
}

function isTotalRow(row: TableCell[]): boolean {
  const first = row.find((c) => !c.covered && c.text.trim() !== '');
  return !!first && first.amount === undefined && TOTAL_LABEL.test(first.text.trim());
}

/** A cell that may be written as a formula: a shown figure that agrees with its computed value. */
function candidate(c: TableCell | undefined): c is TableCell & { amount: string } {
  return !!c && !c.covered && c.amount !== undefined && c.text !== '' && !c.differs;
}

/** The parts' cells add up to the total's figure exactly, every part a known figure. */
function adds(t: Table, total: TableCell & { amount: string }, parts: CellRef[]): boolean {
  if (!parts.length) return false;
  let sum = 0n;
  for (const p of parts) {
    const c = t.rows[p.row]?.[p.col];
    if (!c || c.covered || c.amount === undefined) return false;
    const v = scaled(c.amount);
    if (v === undefined) return false;
    sum += v;
  }
  return sum === scaled(total.amount);
}

/** Rows totalled down each column: parent row → child rows, 合计 row → top-level rows (none when codes repeat). */
function rowGroups(t: Table): Array<{ row: number; parts: number[]; total: boolean }> {
  const codes = new Map<string, number>();
  for (let i = 0; i < t.rows.length; i++) {
    const code = codeOf(t.rows[i]);
    if (code === undefined) continue;
    if (codes.has(code)) return [];
    codes.set(code, i);
  }
  if (!codes.size) return [];
  const children = new Map<number, number[]>();
  const top: number[] = [];
  for (const [code, i] of codes) {
    let parent: number | undefined;
    for (let n = code.length - 1; n >= 3 && parent === undefined; n--) parent = codes.get(code.slice(0, n));
    if (parent === undefined) top.push(i);
    else children.set(parent, [...(children.get(parent) ?? []), i]);
  }
  const out = [...children].map(([row, parts]) => ({ row, parts: parts.sort((a, b) => a - b), total: false }));
  const totals = t.rows.flatMap((r, i) => (isTotalRow(r) ? [i] : []));
  if (totals.length === 1) out.push({ row: totals[0], parts: top.sort((a, b) => a - b), total: true });
  return out;
}

const LEVEL1 = /^[一二三四五六七八九十]+[、.．]/;
const LEVEL2 = /^(?:[（(][一二三四五六七八九十]+[）)]|\d+[.．、])/;
const TOTAL_ITEM = /(合\s*计|总\s*计)$/;

/** A body cell that shows a text, not a figure (a label, a code, a name). */
function isText(c: TableCell | undefined): boolean {
  return !!c && !c.covered && c.amount === undefined && c.text.trim() !== '';
}

/**
 * Rows totalled down the amount columns of a table whose rows carry no codes (收支总表, 三公 and list tables): for
 * each label column (one whose labels include a total, or a numbered item), the amount columns after it up to the
 * next such column; in them —
 * - a numbered item (一、) over the items numbered beneath it (（一） / 1.), or indented under it;
 * - a total (合计, 本年收入合计 …) over the numbered items since the previous total (else the unnumbered ones; a
 *   total printed first, over the items after it);
 * - a 总计 after a 合计: that 合计 and the unnumbered items between them (上年结转结余 …).
 */
function labelGroups(t: Table): Array<{ row: number; parts: number[]; cols: number[] }> {
  const width = tableWidth(t);
  const label = (i: number, j: number): string => (isText(t.rows[i][j]) ? t.rows[i][j].text.trim() : '');
  const isLabelCol = (j: number): boolean => t.rows.some((_, i) => TOTAL_ITEM.test(label(i, j)) || LEVEL1.test(label(i, j)));
  const labelCols = Array.from({ length: width }, (_, j) => j).filter(isLabelCol);
  const out: Array<{ row: number; parts: number[]; cols: number[] }> = [];
  labelCols.forEach((L, k) => {
    const end = labelCols[k + 1] ?? width;
    const cols = Array.from({ length: end - L - 1 }, (_, d) => L + 1 + d).filter((j) => !t.rows.some((_, i) => isText(t.rows[i][j])));
    if (!cols.length) return;
    const rows = t.rows.map((_, i) => i).filter((i) => label(i, L) !== '');
    const level = (i: number): 'total' | 1 | 2 | 'other' => {
      const s = label(i, L);
      if (TOTAL_ITEM.test(s)) return 'total';
      if (LEVEL1.test(s)) return 1;
      if (LEVEL2.test(s) || (t.rows[i][L].indent ?? 0) > 0) return 2;
      return 'other';
    };
    let numbered: number[] = [];
    let others: number[] = [];
    let parent: { row: number; parts: number[] } | undefined;
    let lastTotal: number | undefined;
    const closeParent = (): void => {
      if (parent?.parts.length) out.push({ row: parent.row, parts: parent.parts, cols });
      parent = undefined;
    };
    const totalsFirst: number[] = [];
    for (const i of rows) {
      const l = level(i);
      if (l === 'total') {
        closeParent();
        const grand = /总\s*计$/.test(label(i, L)) && lastTotal !== undefined;
        const parts = grand ? [lastTotal!, ...others] : numbered.length ? numbered : others;
        if (parts.length) out.push({ row: i, parts, cols });
        else if (lastTotal === undefined) totalsFirst.push(i);
        lastTotal = i;
        numbered = [];
        others = [];
      } else if (l === 1) {
        closeParent();
        numbered.push(i);
        parent = { row: i, parts: [] };
      } else if (l === 2) {
        if (parent) parent.parts.push(i);
      } else {
        closeParent();
        others.push(i);
      }
    }
    closeParent();
    // A total printed before its items (合计 first): over the items after it, when nothing else follows.
    if (totalsFirst.length === 1 && lastTotal === totalsFirst[0]) {
      const parts = numbered.length ? numbered : others;
      if (parts.length) out.push({ row: totalsFirst[0], parts, cols });
    }
  });
  return out;
}

/** Columns totalled along each row: a 合计/小计/总计 column → its sibling columns (amount columns only). */
function columnGroups(t: Table): Array<{ col: number; parts: number[] }> {
  if (!t.header.length) return [];
  const width = tableWidth(t);
  const paths = headerPaths(t.header, width);
  // Columns printed beside the figures, no part of any total (HeaderCell.apart).
  const apart = new Set<number>();
  for (const p of placeHeader(t.header, width)) if (p.cell.apart) for (let dc = 0; dc < (p.cell.colSpan ?? 1); dc++) apart.add(p.col + dc);
  // A text column: some body cell in it shows a text that is not a figure (codes, names, the 合计 label).
  const text = paths.map((_, j) => t.rows.some((r) => { const c = r[j]; return !!c && !c.covered && c.amount === undefined && c.text.trim() !== ''; }));
  const same = (a: string[], b: string[], n: number): boolean => a.slice(0, n).every((s, i) => s === b[i]);
  const out: Array<{ col: number; parts: number[] }> = [];
  paths.forEach((path, j) => {
    if (text[j] || !TOTAL_COLUMN.test(path[path.length - 1] ?? '')) return;
    const depth = path.length - 1;
    const groups = new Map<string, number[]>();
    paths.forEach((p, k) => {
      if (k === j || text[k] || apart.has(k) || p.length <= depth || !same(p, path, depth)) return;
      groups.set(p[depth], [...(groups.get(p[depth]) ?? []), k]);
    });
    const parts: number[] = [];
    for (const cols of groups.values()) {
      if (cols.length === 1 && paths[cols[0]].length === depth + 1) parts.push(cols[0]);
      else {
        // A group of columns: counted by its own 小计/合计 column, or not at all (no formula).
        const sub = cols.find((k) => paths[k].length === depth + 2 && TOTAL_COLUMN.test(paths[k][depth + 1]));
        if (sub === undefined) return;
        parts.push(sub);
      }
    }
    if (parts.length) out.push({ col: j, parts: parts.sort((a, b) => a - b) });
  });
  return out;
}

/** The total cells of a table (see the module comment), at most one per cell: down a column first. */
export function totalCells(t: Table): TotalCell[] {
  const width = tableWidth(t);
  const out = new Map<string, TotalCell>();
  for (const g of rowGroups(t)) {
    for (let j = 0; j < width; j++) {
      const c = t.rows[g.row][j];
      if (!candidate(c)) continue;
      const parts = g.parts.map((row) => ({ row, col: j }));
      // The 合计 row totals the coded rows only when no other row holds a figure in that column.
      if (g.total && t.rows.some((r, i) => i !== g.row && !g.parts.includes(i) && codeOf(r) === undefined && r[j]?.amount !== undefined && scaled(r[j].amount!) !== 0n)) continue;
      if (adds(t, c, parts)) out.set(`${g.row},${j}`, { row: g.row, col: j, parts, direction: 'column' });
    }
  }
  // Tables whose rows carry no codes: totals by their labels.
  if (!t.rows.some((r) => codeOf(r) !== undefined)) {
    for (const g of labelGroups(t)) {
      for (const j of g.cols) {
        const c = t.rows[g.row][j];
        if (out.has(`${g.row},${j}`) || !candidate(c)) continue;
        const parts = g.parts.map((row) => ({ row, col: j }));
        if (adds(t, c, parts)) out.set(`${g.row},${j}`, { row: g.row, col: j, parts, direction: 'column' });
      }
    }
  }
  for (const g of columnGroups(t)) {
    t.rows.forEach((r, i) => {
      const c = r[g.col];
      if (out.has(`${i},${g.col}`) || !candidate(c)) return;
      const parts = g.parts.map((col) => ({ row: i, col }));
      if (adds(t, c, parts)) out.set(`${i},${g.col}`, { row: i, col: g.col, parts, direction: 'row' });
    });
  }
  return [...out.values()].sort((a, b) => a.row - b.row || a.col - b.col);
}
