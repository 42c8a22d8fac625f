/**
 * Which column each printed amount of a row belongs to. In order of trust: as many amounts as columns (every
 * cell printed, zeros included); the amounts' positions under the header words (a PDF, laid-out text, a
 * workbook); else — text flattened to single spaces, where an empty cell leaves no trace — the assignments
 * that keep the table's own identities (合计 = 基本 + 项目 …), earliest columns first, and among rows that
 * still fit several ways the ones that make their parent row add up (see resolveByParents).
 */
import { parseMoney } from '../core/money';
import type { ColumnDef } from './layouts';
import { amountLiteral } from './cells';
import type { SourceCell, SourceLine } from './source';

export interface HeaderPos {
  key: string;
  /** Centre of the header cell that names the column. */
  x: number;
}

/** Normalised header text: no spaces, half-width parentheses. */
function norm(s: string): string {
  return s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

/**
 * Finds each column's header cell, left to right: for each column in order, the first header cell to the
 * right of the previous column's that its words name. Columns not found are left out.
 */
export function locateColumns(columns: ColumnDef[], headerLines: SourceLine[]): HeaderPos[] {
  const cells = headerLines.flatMap((l) => l.cells).map((c) => ({ t: norm(c.text), x: (c.x0 + c.x1) / 2, x0: c.x0, x1: c.x1 }));
  const out: HeaderPos[] = [];
  let after = -Infinity;
  const used = new Set<number>();
  for (const col of columns) {
    const words = col.words.map(norm);
    let best = -1;
    for (let i = 0; i < cells.length; i++) {
      if (used.has(i) || cells[i].x <= after) continue;
      if (!words.some((w) => cells[i].t === w || (w.length >= 4 && cells[i].t.includes(w)))) continue;
      if (best < 0 || cells[i].x < cells[best].x) best = i;
    }
    if (best >= 0) {
      used.add(best);
      out.push({ key: col.key, x: cells[best].x });
      after = cells[best].x;
    }
  }
  return out;
}

/**
 * The amount columns of a laid-out header, by their header paths: each leaf header cell (none under it) with the
 * cells above it, top down ('财政拨款收入/一般公共预算'), named by `name` (undefined: not an amount column). For tables
 * whose columns follow what the document states (the by-function 收入预算总表): the columns are what the header says.
 */
export function columnsByPath(headerLines: SourceLine[], name: (path: string[]) => string | undefined): { columns: ColumnDef[]; positions: HeaderPos[] } {
  const cells = headerLines.flatMap((l, row) => l.cells.map((c) => ({ t: norm(c.text), x0: c.x0, x1: c.x1, row })));
  const columns: ColumnDef[] = [];
  const positions: HeaderPos[] = [];
  const leaves = cells.filter((c) => !cells.some((d) => d.row > c.row && d.x0 >= c.x0 && d.x1 <= c.x1)).sort((a, b) => a.x0 - b.x0);
  for (const leaf of leaves) {
    const x = (leaf.x0 + leaf.x1) / 2;
    const path = cells.filter((d) => d.row <= leaf.row && d.x0 <= x && d.x1 >= x).sort((a, b) => a.row - b.row).map((d) => d.t);
    const key = name(path);
    if (key === undefined || columns.some((c) => c.key === key)) continue;
    columns.push({ key, words: [leaf.t] });
    positions.push({ key, x });
  }
  return { columns, positions };
}

export interface Assignment {
  /** Column key → the amount cell. */
  cells: Map<string, SourceCell>;
  /** How it was decided. */
  how: 'count' | 'position' | 'arithmetic' | 'ambiguous' | 'none';
  /** Other assignments that fit as well (arithmetic only): resolved later against the parent rows. */
  alternatives?: Array<Map<string, SourceCell>>;
}

/** Assigns a row's amounts to columns. */
export function assignColumns(amounts: SourceCell[], columns: ColumnDef[], positions: HeaderPos[] | undefined, identities: Array<[string, string[]]> | undefined, unit: '元' | '万元'): Assignment {
  if (!amounts.length) return { cells: new Map(), how: 'none' };
  if (amounts.length === columns.length) return { cells: new Map(columns.map((c, i) => [c.key, amounts[i]])), how: 'count' };
  if (positions && positions.length >= Math.min(amounts.length, columns.length) && positions.length > 1) {
    const byPos = byPosition(amounts, positions);
    if (byPos) return { cells: byPos, how: 'position' };
  }
  return byArithmetic(amounts, columns, identities ?? [], unit);
}

/** Each amount to the column whose header centre is nearest, keeping left-to-right order (no two in one column). */
function byPosition(amounts: SourceCell[], positions: HeaderPos[]): Map<string, SourceCell> | undefined {
  const n = amounts.length;
  const m = positions.length;
  if (n > m) return undefined;
  // Dynamic programming: the order-preserving matching of amounts to columns with the least total distance.
  const INF = Number.POSITIVE_INFINITY;
  const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(INF));
  const from: boolean[][] = Array.from({ length: n + 1 }, () => new Array<boolean>(m + 1).fill(false));
  for (let j = 0; j <= m; j++) cost[0][j] = 0;
  for (let i = 1; i <= n; i++) {
    const a = amounts[i - 1];
    const ax = (a.x0 + a.x1) / 2;
    for (let j = i; j <= m; j++) {
      const take = cost[i - 1][j - 1] + Math.abs(ax - positions[j - 1].x);
      const skip = cost[i][j - 1];
      if (take <= skip) {
        cost[i][j] = take;
        from[i][j] = true;
      } else cost[i][j] = skip;
    }
  }
  const out = new Map<string, SourceCell>();
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    if (from[i][j]) {
      out.set(positions[j - 1].key, amounts[i - 1]);
      i--;
      j--;
    } else j--;
  }
  // Left to right, as printed.
  return out.size === n ? new Map([...out].reverse()) : undefined;
}

/** A cell's amount (0 for an empty cell: the arithmetic of printed rows). */
export function valueOf(c: SourceCell | undefined, unit: '元' | '万元'): bigint {
  if (!c) return 0n;
  return parseMoney(amountLiteral(c.text), unit) ?? 0n;
}

/** Whether an assignment keeps every identity (an empty column counts 0 here: an empty printed cell). */
export function keepsIdentities(cells: Map<string, SourceCell>, identities: Array<[string, string[]]>, unit: '元' | '万元'): boolean {
  for (const [parent, children] of identities) {
    const p = valueOf(cells.get(parent), unit);
    let s = 0n;
    for (const c of children) s += valueOf(cells.get(c), unit);
    if (p !== s) return false;
  }
  return true;
}

const MAX_COMBINATIONS = 200_000;

/** The order-preserving assignments that keep the identities, earliest columns first. */
function byArithmetic(amounts: SourceCell[], columns: ColumnDef[], identities: Array<[string, string[]]>, unit: '元' | '万元'): Assignment {
  const n = amounts.length;
  const m = columns.length;
  if (n > m) return { cells: new Map(columns.map((c, i) => [c.key, amounts[i]])), how: 'ambiguous' };
  const fits: Array<Map<string, SourceCell>> = [];
  const pick: number[] = [];
  let tried = 0;
  const walk = (start: number): void => {
    if (fits.length > 8 || tried > MAX_COMBINATIONS) return;
    if (pick.length === n) {
      tried++;
      const cells = new Map(pick.map((j, i) => [columns[j].key, amounts[i]]));
      if (keepsIdentities(cells, identities, unit)) fits.push(cells);
      return;
    }
    for (let j = start; j <= m - (n - pick.length); j++) {
      pick.push(j);
      walk(j + 1);
      pick.pop();
    }
  };
  walk(0);
  // Among the fits, those that leave the rarely filled columns empty first (a vehicle purchase is rarer
  // than its running costs); otherwise earliest columns first.
  const rare = new Set(columns.filter((c) => c.rare).map((c) => c.key));
  if (rare.size) fits.sort((a, b) => [...a.keys()].filter((k) => rare.has(k)).length - [...b.keys()].filter((k) => rare.has(k)).length);
  if (!fits.length) return { cells: new Map(amounts.map((a, i): [string, SourceCell] => [columns[i].key, a])), how: 'ambiguous' };
  return { cells: fits[0], how: fits.length === 1 ? 'arithmetic' : 'ambiguous', alternatives: fits.length > 1 ? fits : undefined };
}

export interface TreeRow {
  code: string;
  isTotal: boolean;
  assignment: Assignment;
}

/**
 * Rows that fit several ways take the way that makes their parent row add up: for each parent whose own
 * columns are settled, the combinations of its children's alternatives (up to a limit) are tried, and a
 * unique fit is taken. The 合计 row is the parent of the top-level codes.
 */
/**
 * Drops the alternatives a child cannot take because they alone exceed what the parent leaves in a column once
 * the settled children are counted (amounts not negative: a parent whose 人员经费 is empty leaves none for its
 * children's single figures). A child left with one alternative is settled, and the rest recounted — so a long
 * list of one-figure rows (twenty 款 of 302) is settled without trying every combination.
 */
function pruneByRemainder(parent: TreeRow, kids: TreeRow[], keys: string[], unit: '元' | '万元'): void {
  const all = [parent, ...kids].flatMap((r) => [...(r.assignment.alternatives ?? [r.assignment.cells])].flatMap((m) => [...m.values()]));
  if (all.some((c) => valueOf(c, unit) < 0n)) return;
  for (let changed = true; changed; ) {
    changed = false;
    const left = new Map(keys.map((k) => [k, valueOf(parent.assignment.cells.get(k), unit) - kids.filter((x) => !x.assignment.alternatives).reduce((s, x) => s + valueOf(x.assignment.cells.get(k), unit), 0n)]));
    for (const k of kids) {
      const alts = k.assignment.alternatives;
      if (!alts) continue;
      if (!keepFitting(k.assignment, alts.filter((m) => keys.every((key) => valueOf(m.get(key), unit) <= left.get(key)!)))) continue;
      changed = true;
      break;
    }
  }
}

/**
 * Keeps the readings of an ambiguous assignment that fit what is known: one settles it (by arithmetic), several
 * narrow it; none, or all of them, change nothing. Whether it changed.
 */
export function keepFitting(a: Assignment, fit: Array<Map<string, SourceCell>>): boolean {
  if (!a.alternatives || !fit.length || fit.length === a.alternatives.length) return false;
  if (fit.length > 1) {
    a.alternatives = fit;
    return true;
  }
  a.cells = fit[0];
  a.how = 'arithmetic';
  delete a.alternatives;
  return true;
}

export function resolveByParents(rows: TreeRow[], keys: string[], unit: '元' | '万元'): void {
  const parentOf = (r: TreeRow): TreeRow | undefined => {
    if (r.isTotal) return undefined;
    const pc = r.code.length > 3 ? r.code.slice(0, r.code.length - 2) : '';
    return rows.find((x) => (pc === '' ? x.isTotal : x.code === pc && !x.isTotal));
  };
  const children = new Map<TreeRow, TreeRow[]>();
  for (const r of rows) {
    const p = parentOf(r);
    if (p) children.set(p, [...(children.get(p) ?? []), r]);
  }
  // Settle parents before their children (the 合计 row, then by code length).
  const order = [...children.keys()].sort((a, b) => (a.isTotal ? 0 : a.code.length) - (b.isTotal ? 0 : b.code.length));
  // A parent that fits several ways whose children are all settled takes the way that is their sum, deepest first (a
  // one-figure 类 over one-figure 款 settled by another table's bounds).
  for (const parent of [...order].reverse()) {
    const alts = parent.assignment.alternatives;
    const kids = children.get(parent)!;
    if (!alts || kids.some((k) => k.assignment.alternatives)) continue;
    const fit = alts.filter((m) => keys.every((key) => valueOf(m.get(key), unit) === kids.reduce((s, k) => s + valueOf(k.assignment.cells.get(key), unit), 0n)));
    if (fit.length === 1) keepFitting(parent.assignment, fit);
  }
  for (const parent of order) {
    if (parent.assignment.alternatives) continue;
    const kids = children.get(parent)!;
    pruneByRemainder(parent, kids, keys, unit);
    const open = kids.filter((k) => k.assignment.alternatives);
    if (!open.length) continue;
    let combos = 1;
    for (const k of open) combos *= k.assignment.alternatives!.length;
    if (combos > 65_536) continue;
    const fixed = kids.filter((k) => !k.assignment.alternatives);
    const choice = new Array<number>(open.length).fill(0);
    const found: number[][] = [];
    for (let c = 0; c < combos && found.length < 2; c++) {
      let x = c;
      for (let i = 0; i < open.length; i++) {
        choice[i] = x % open[i].assignment.alternatives!.length;
        x = Math.floor(x / open[i].assignment.alternatives!.length);
      }
      const ok = keys.every((key) => {
        const p = valueOf(parent.assignment.cells.get(key), unit);
        let s = 0n;
        for (const f of fixed) s += valueOf(f.assignment.cells.get(key), unit);
        open.forEach((o, i) => {
          s += valueOf(o.assignment.alternatives![choice[i]].get(key), unit);
        });
        return p === s;
      });
      if (ok) found.push([...choice]);
    }
    if (found.length === 1) {
      open.forEach((o, i) => {
        o.assignment.cells = o.assignment.alternatives![found[0][i]];
        o.assignment.how = 'arithmetic';
        delete o.assignment.alternatives;
      });
    }
  }
}
