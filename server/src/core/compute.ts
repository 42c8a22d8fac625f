/**
 * Derived figures: the classification trees with their roll-up totals, income totals, project amounts,
 * 三公 totals and the government economic classification obtained through the correspondence. Everything is
 * exact (bigint ticks). Checks (checks/), hover, inlay hints and tables all read these figures; nothing
 * here reports diagnostics.
 */
import { builtinCatalog, LATEST_EDITION, parentCode, type Catalog, type ClassKind } from './catalog';
import type { Span } from './diagnostics';
import { INCOME_TREE, sangongValues } from './domain';
import { FISCAL_SOURCES, UNIT_FUND_SOURCES, type Column, type FundingSource, type IncomeItem, type SangongItem } from './keywords';
import type { Amount, EconLine, IncomeFuncRow, IncomeFuncSection, IncomeLine, Project, Row, Section, SourceRef, Unit } from './model';
import type { Money } from './money';
import type { CheckRecord } from './records';

export type Cells = Partial<Record<Column, Money>>;

export const DEFAULT_SOURCE: SourceRef = { source: '一般公共预算', carried: false };

export function sourceKey(s: SourceRef | undefined): string {
  const r = s ?? DEFAULT_SOURCE;
  return (r.carried ? '上年结转:' : '') + r.source;
}

export function parseSourceKey(k: string): SourceRef {
  const carried = k.startsWith('上年结转:');
  return { source: (carried ? k.slice(5) : k) as FundingSource, carried };
}

export interface ProjectShare {
  project: Project;
  amount: Money;
  /** Where the share is written (the 功能科目 reference or the economic line). */
  span: Span;
}

export interface TreeNode {
  code: string;
  name?: string;
  rows: Row[];
  children: TreeNode[];
  parent?: TreeNode;
  /** Figures per source key. */
  bySource: Map<string, Cells>;
  /** Figures over all sources. */
  cells: Cells;
  /** Project shares booked on this very code. */
  projects: ProjectShare[];
  /** For gov trees: the department economic codes mapped here. */
  mappedFrom: Array<{ code: string; value: Money; span: Span }>;
  implicit: boolean;
}

export interface ClassTree {
  kind: ClassKind;
  root: TreeNode;
  byCode: Map<string, TreeNode>;
  /** True when the 项目 column comes from the projects (not from the rows). */
  projectsDrive: boolean;
  /**
   * The projects' shares by code and source key, also when they do not drive the 项目 column (some projects name no
   * code): then they are only checked not to exceed the 项目 written for the code.
   */
  shares: Map<string, Map<string, ProjectShare[]>>;
}

export interface ProjectFigures {
  project: Project;
  /** Amount by source (facts), and the total. */
  bySource: Map<string, Money>;
  total?: Money;
  /** The figure the project's 金额 line is checked against, when both are written. */
  econTotal?: Money;
  funcTotal?: Money;
}

export interface IncomeFigures {
  /** Value per node key (`本年:一般公共预算`, `上年结转:财政拨款`, `收入总计` …). */
  values: Map<string, Money>;
  lines: Map<string, IncomeLine>;
}

export interface SangongFigures {
  values: Partial<Record<SangongItem, Money>>;
  declared: Partial<Record<SangongItem, Amount>>;
}

export interface UnitFigures {
  unit: Unit;
  func: ClassTree;
  econ: ClassTree;
  gov: ClassTree;
  income: IncomeFigures;
  /** 收入科目: income by function code and column (empty when the unit has no such block). */
  incomeFunc: IncomeFuncTree;
  projects: ProjectFigures[];
  sangong: SangongFigures;
  /** Expenditure grand total = function total + year-end carry-over. */
  expenseGrand?: Money;
  catalog: Catalog;
  /** The comparisons the checks made of the unit's written figures (records.ts; empty when not checked). */
  records: CheckRecord[];
  /**
   * Written figures of a column that no row below states (未分列 · not split below) or only some rows below state
   * ('partial'): not compared with a sum of their children (unknown is not zero).
   */
  unsplit: Map<Amount, 'none' | 'partial'>;
  /** 印出: each printed figure as checks/printed.ts held it against the derived table (hover reads it). */
  printed: Map<Amount, PrintedCheck>;
}

/** How a printed figure (印出) compares with the cell of the table the core builds. */
export interface PrintedCheck {
  /** The table (表4 …) and the cell's row and column, as written. */
  table: string;
  /** The derived cell as the table shows it ('' blank); undefined when no such cell was found. */
  derived?: string;
  /**
   * agrees: the same figure; differs: reported (BUD540/BUD541); parts: the printed figure is what the parts of a
   * written figure reported as wrong give (that report covers it); unknown: the statements leave the cell unknown
   * (not compared: unknown is not zero); missing: no such cell (BUD542); noRow: not compared, the row is not in the
   * table (BUD542 on the row: every figure of the row from the first whose column the table has).
   */
  status: 'agrees' | 'differs' | 'parts' | 'unknown' | 'missing' | 'noRow';
}

function addCells(into: Cells, c: Cells): void {
  // for…in: no array of keys per call (a node adds each child's cells).
  for (const k in c) {
    const v = c[k as Column];
    if (v !== undefined) into[k as Column] = (into[k as Column] ?? 0n) + v;
  }
}

/**
 * The leaf figures of a row from its own cells (人员/公用 → 基本; 基本/项目 → 合计). A whole (基本, 合计) is the sum
 * of its parts when all of them are known; a whole written with a part unwritten is the written whole (the part is
 * unknown, not 0); a whole not written is the sum of the parts the row writes (a row states what it has).
 */
export function rowFacts(row: Row, project: Money | undefined, projectsDrive: boolean): Cells {
  const c = row.cells;
  const personnel = c.personnel?.value;
  const pub = c.public?.value;
  const out: Cells = {};
  if (personnel !== undefined) out.personnel = personnel;
  if (pub !== undefined) out.public = pub;
  const basic = whole(c.basic?.value, personnel, pub);
  if (basic !== undefined) out.basic = basic;
  const proj = projectsDrive ? project : c.project?.value;
  if (proj !== undefined) out.project = proj;
  const total = whole(c.total?.value, basic, proj);
  if (total !== undefined) out.total = total;
  return out;
}

/** The level of a row in its table: 0 for the 合计 row, else its code's length (类 3, 款 5, 项 7). */
export function rowLevel(row: Pick<Row, 'isTotal' | 'code'>): number {
  return row.isTotal ? 0 : row.code.length;
}

/** The part columns (人员, 公用, 项目) a table prints at each level: some row of that level writes them. */
export function publishedColumns(section: Section | undefined): Map<number, Set<Column>> {
  const out = new Map<number, Set<Column>>();
  for (const r of [...(section?.rows ?? []), ...(section?.total ? [section.total] : [])]) {
    const lv = rowLevel(r);
    const set = out.get(lv) ?? new Set<Column>();
    for (const k of ['personnel', 'public', 'project'] as Column[]) if (r.cells[k]) set.add(k);
    out.set(lv, set);
  }
  return out;
}

/** A whole of two parts: their sum when both are known, else the written whole, else the part known (undefined: none). */
function whole(written: Money | undefined, a: Money | undefined, b: Money | undefined): Money | undefined {
  if (a !== undefined && b !== undefined) return a + b;
  if (written !== undefined) return written;
  return a ?? b;
}

function newNode(code: string, implicit: boolean): TreeNode {
  return { code, rows: [], children: [], bySource: new Map(), cells: {}, projects: [], mappedFrom: [], implicit };
}

/** The project's primary source: the only source written, or the default. */
function primarySource(p: Project): string {
  const keys = new Set(p.bySource.map((b) => sourceKey(b.source)));
  return keys.size === 1 ? [...keys][0] : sourceKey(undefined);
}

export function projectFigures(p: Project): ProjectFigures {
  const bySource = new Map<string, Money>();
  for (const b of p.bySource) bySource.set(sourceKey(b.source), (bySource.get(sourceKey(b.source)) ?? 0n) + b.amount.value);
  let total: Money | undefined;
  if (bySource.size) total = [...bySource.values()].reduce((a, b) => a + b, 0n);
  else if (p.amount) {
    total = p.amount.value;
    bySource.set(sourceKey(undefined), total);
  }
  const econAmounts = p.econ.filter((l) => l.amount).map((l) => l.amount!.value);
  const refAmounts = p.funcRefs.filter((r) => r.amount).map((r) => r.amount!.value);
  return {
    project: p,
    bySource,
    total,
    econTotal: econAmounts.length ? econAmounts.reduce((a, b) => a + b, 0n) : undefined,
    funcTotal: refAmounts.length ? refAmounts.reduce((a, b) => a + b, 0n) : undefined,
  };
}

/** A node of a code tree (classification or 收入科目). */
interface CodeNode<N> {
  code: string;
  name?: string;
  parent?: N;
  children: N[];
}

/**
 * Links the nodes of a code tree: each node under its nearest existing ancestor, else the root, in code order;
 * a node without a name of its own takes the catalog's.
 */
function linkTree<N extends CodeNode<N>>(kind: ClassKind, root: N, byCode: Map<string, N>, catalog: Catalog): void {
  const codes = [...byCode.keys()].sort();
  for (const code of codes) {
    const n = byCode.get(code)!;
    n.name ??= catalog.get(kind, code)?.names[0];
    let p = parentCode(code);
    while (p && !byCode.has(p)) p = parentCode(p);
    const parent = p ? byCode.get(p)! : root;
    n.parent = parent;
    // A first child gets an array of one (push would give room for 17: most nodes of a large tree are leaves' parents of few).
    if (parent.children.length) parent.children.push(n);
    else parent.children = [n];
  }
}

/** Builds a classification tree from rows plus extra leaf shares (projects, mapped amounts). */
function buildTree(
  kind: ClassKind,
  section: Section | undefined,
  projectsDrive: boolean,
  shares: Map<string, Map<string, ProjectShare[]>>,
  catalog: Catalog,
  written: ReadonlyMap<string, string> = new Map(),
): ClassTree {
  const root = newNode('', false);
  const byCode = new Map<string, TreeNode>();
  const node = (code: string, implicit: boolean): TreeNode => {
    let n = byCode.get(code);
    if (!n) {
      n = newNode(code, implicit);
      byCode.set(code, n);
    }
    return n;
  };
  for (const r of section?.rows ?? []) {
    const n = node(r.code, false);
    n.implicit = false;
    // An array of one for the usual single row (push would give room for 17).
    if (n.rows.length) n.rows.push(r);
    else n.rows = [r];
    if (!n.name && r.name) n.name = r.name.text;
  }
  // Codes known only from shares (projects, correspondence) appear with their ancestors.
  for (const code of shares.keys()) {
    for (let c: string | undefined = code; c; c = parentCode(c)) node(c, true);
  }
  linkTree(kind, root, byCode, catalog);
  // A code neither its rows nor the catalog name: the name written elsewhere (a project's economic line), as written.
  for (const [code, name] of written) {
    const n = byCode.get(code);
    if (n && !n.name) n.name = name;
  }
  // Compute bottom-up.
  const visit = (n: TreeNode): void => {
    for (const c of n.children) visit(c);
    const ownShares = shares.get(n.code);
    if (ownShares) for (const list of ownShares.values()) for (const s of list) n.projects.push(s);
    if (n.children.length) {
      for (const c of n.children) {
        for (const [k, cells] of c.bySource) {
          const into = n.bySource.get(k) ?? {};
          addCells(into, cells);
          n.bySource.set(k, into);
        }
      }
      // Project shares booked on a parent code add to it.
      if (ownShares) {
        for (const [k, list] of ownShares) {
          const v = list.reduce((a, s) => a + s.amount, 0n);
          const into = n.bySource.get(k) ?? {};
          addCells(into, { project: v, total: v });
          n.bySource.set(k, into);
        }
      }
    } else if (n.rows.length === 1 && !ownShares) {
      // The usual leaf, one row and no shares, without the sets and arrays of the general case.
      const row = n.rows[0];
      n.bySource.set(sourceKey(row.source), rowFacts(row, projectsDrive && row.cells.project ? 0n : undefined, projectsDrive));
    } else {
      const keys = new Set<string>([...n.rows.map((r) => sourceKey(r.source)), ...(ownShares?.keys() ?? [])]);
      for (const k of keys) {
        const row = n.rows.find((r) => sourceKey(r.source) === k);
        const list = ownShares?.get(k);
        // Without project shares, a row's 项目 is 0 when it declares one (so the declared figure is checked),
        // and unknown otherwise (a row written with only its 合计 keeps it as the fact).
        const proj = list ? list.reduce((a, s) => a + s.amount, 0n) : projectsDrive && row?.cells.project ? 0n : undefined;
        const cells = row ? rowFacts(row, proj, projectsDrive) : rowFacts({ cells: {} } as Row, proj, true);
        n.bySource.set(k, cells);
      }
    }
    // One source (the usual node): the node's figures are that source's (the same object, not a copy).
    if (n.bySource.size === 1) n.cells = n.bySource.values().next().value!;
    else {
      n.cells = {};
      for (const c of n.bySource.values()) addCells(n.cells, c);
    }
  };
  visit(root);
  return { kind, root, byCode, projectsDrive, shares };
}

const SPLIT_CODES = new WeakMap<Section, Set<string>>();

/**
 * Whether a row's written figures are its code's figures over all sources: the 合计 row, and a row without
 * 来源 of a code that the section does not split by source (as 表3, 表6 and 表12 publish them); a row of a split
 * code is its own source's.
 */
export function rowCoversAllSources(section: Section | undefined, row: Row): boolean {
  if (row.isTotal) return true;
  if (row.source) return false;
  if (!section) return true;
  let split = SPLIT_CODES.get(section);
  if (!split) {
    split = new Set(section.rows.filter((r) => r.source).map((r) => r.code));
    SPLIT_CODES.set(section, split);
  }
  return !split.has(row.code);
}

/**
 * The row that states a code's figures over all its sources: the row covering all sources (rowCoversAllSources),
 * else, where the code spends from one source only, that source's row (a row written with 来源 under a parent
 * without it, as 表3 splits only the codes some of whose money is not the default source's).
 */
export function rowOverAllSources(section: Section | undefined, n: Pick<TreeNode, 'rows' | 'bySource'>): Row | undefined {
  return n.rows.find((r) => rowCoversAllSources(section, r)) ?? (n.bySource.size === 1 ? n.rows.find((r) => r.source && n.bySource.has(sourceKey(r.source))) : undefined);
}

/** The key of an income line in IncomeFigures.values. */
export function incomeKey(item: IncomeItem, carried: boolean): string {
  if (item === '收入总计' || item === '本年收入合计' || item === '上年结转结余') return item;
  return (carried ? '上年结转:' : '本年:') + item;
}

export function computeIncome(lines: IncomeLine[]): IncomeFigures {
  const values = new Map<string, Money>();
  const byKey = new Map<string, IncomeLine>();
  for (const l of lines) byKey.set(incomeKey(l.item, l.carried), l);
  const declared = (k: string): Money | undefined => byKey.get(k)?.amount?.value;
  const calc = (item: IncomeItem, carried: boolean): Money | undefined => {
    const key = incomeKey(item, carried);
    const kids = INCOME_TREE[item];
    let v: Money | undefined;
    if (kids) {
      for (const k of kids) {
        const kv = calc(k, carried);
        if (kv !== undefined) v = (v ?? 0n) + kv;
      }
    }
    if (v === undefined) v = declared(key);
    if (v !== undefined) values.set(key, v);
    return v;
  };
  const period = (carried: boolean): Money | undefined => {
    const kids: IncomeItem[] = ['财政拨款', '财政专户管理资金', '单位资金'];
    let v: Money | undefined;
    for (const k of kids) {
      const kv = calc(k, carried);
      if (kv !== undefined) v = (v ?? 0n) + kv;
    }
    const key = carried ? '上年结转结余' : '本年收入合计';
    v ??= declared(key);
    if (v !== undefined) values.set(key, v);
    return v;
  };
  const cur = period(false);
  const car = period(true);
  let total = cur !== undefined || car !== undefined ? (cur ?? 0n) + (car ?? 0n) : undefined;
  total ??= declared('收入总计');
  if (total !== undefined) values.set('收入总计', total);
  return { values, lines: byKey };
}

/** The children that make up an income node (for messages and related locations). */
export function incomeChildren(key: string): readonly string[] {
  let kids = INCOME_CHILDREN.get(key);
  if (!kids) {
    kids = Object.freeze(childKeys(key));
    // The keys are the income items' (a fixed set): the memo stays small.
    if (INCOME_CHILDREN.size < 1000) INCOME_CHILDREN.set(key, kids);
  }
  return kids;
}

/** incomeChildren's answers (asked per line and per comparison of every unit: an array and strings each time). */
const INCOME_CHILDREN = new Map<string, readonly string[]>();

function childKeys(key: string): string[] {
  if (key === '收入总计') return ['本年收入合计', '上年结转结余'];
  if (key === '本年收入合计') return ['本年:财政拨款', '本年:财政专户管理资金', '本年:单位资金'];
  if (key === '上年结转结余') return ['上年结转:财政拨款', '上年结转:财政专户管理资金', '上年结转:单位资金'];
  const [period, item] = key.split(':') as [string, IncomeItem];
  return (INCOME_TREE[item] ?? []).map((k) => `${period}:${k}`);
}

// ── 收入科目: income by function code ─────────────────────────────────────────────────────────────────

export interface IncomeFuncNode {
  code: string;
  name?: string;
  /** The rows written for this code (the first one counts; a repeated code is reported). */
  rows: IncomeFuncRow[];
  children: IncomeFuncNode[];
  parent?: IncomeFuncNode;
  /** The first row's own figures: its written cells and the subtotals they give (IncomeFigures keys). */
  own: Map<string, Money>;
  /**
   * The code's figures per column: the sum over the children that have the column, else the row's own (the most
   * detailed figures written, as in 支出).
   */
  values: Map<string, Money>;
}

export interface IncomeFuncTree {
  root: IncomeFuncNode;
  byCode: Map<string, IncomeFuncNode>;
}

/** The key (column) of a 收入科目 cell. */
export function incomeFuncKey(cell: Pick<IncomeLine, 'item' | 'carried'>): string {
  return incomeKey(cell.item, cell.carried);
}

function incomeFuncNode(code: string): IncomeFuncNode {
  return { code, rows: [], children: [], own: new Map(), values: new Map() };
}

export function computeIncomeFunc(section: IncomeFuncSection | undefined, catalog: Catalog): IncomeFuncTree {
  const root = incomeFuncNode('');
  const byCode = new Map<string, IncomeFuncNode>();
  for (const r of section?.rows ?? []) {
    let n = byCode.get(r.code);
    if (!n) byCode.set(r.code, (n = incomeFuncNode(r.code)));
    n.rows.push(r);
    if (!n.name && r.name) n.name = r.name.text;
  }
  if (section?.total) root.rows.push(section.total);
  linkTree('func', root, byCode, catalog);
  const visit = (n: IncomeFuncNode): void => {
    for (const c of n.children) visit(c);
    if (n.rows[0]) n.own = computeIncome(n.rows[0].cells).values;
    for (const c of n.children) for (const [k, v] of c.values) n.values.set(k, (n.values.get(k) ?? 0n) + v);
    for (const [k, v] of n.own) if (!n.values.has(k)) n.values.set(k, v);
  };
  visit(root);
  return { root, byCode };
}

/**
 * A code's figure of a column as the table states it: the amount written in its row, else the computed one.
 * Roll-ups and cross-table checks compare stated figures, column by column, as a reviewer reads a table.
 */
export function incomeFuncStated(n: IncomeFuncNode, key: string): Money | undefined {
  const cell = n.rows[0]?.cells.find((c) => incomeFuncKey(c) === key);
  return cell?.amount?.value ?? n.values.get(key);
}

/** What a declared 收入科目 cell is checked against. */
export interface IncomeFuncExpected {
  /** The sum of the children's stated figures, over the children that have the column (a parent row, or 合计). */
  rollup?: { value: Money; children: IncomeFuncNode[] };
  /** The sum of the row's own parts of the column as written (合计 = its columns, 财政拨款收入 = its sources …). */
  parts?: { value: Money; keys: string[] };
}

/**
 * The figures a declared cell of a 收入科目 row must equal: its children's sum when they have the column, and
 * the row's own parts of it (a total written with its parts on the same row). A part that is a subtotal not
 * written on the row stands for its own parts (合计 = 一般公共预算 + 事业收入 when 财政拨款收入 and 单位资金 are
 * not written).
 */
export function incomeFuncExpected(n: IncomeFuncNode, row: IncomeFuncRow, cell: Pick<IncomeLine, 'item' | 'carried'>): IncomeFuncExpected {
  const k = incomeFuncKey(cell);
  const out: IncomeFuncExpected = {};
  const kids = n.children.filter((c) => c.values.has(k));
  if (kids.length) out.rollup = { value: kids.reduce((a, c) => a + (incomeFuncStated(c, k) ?? 0n), 0n), children: kids };
  const parts = incomeFuncParts(row, k);
  if (parts) out.parts = parts;
  return out;
}

/** A 收入科目 row's written parts of the cell of key `k` (its columns that add up to it), if any are written. */
export function incomeFuncParts(row: IncomeFuncRow, k: string): { value: Money; keys: string[] } | undefined {
  const written = new Map<string, Money>();
  for (const c of row.cells) if (c.amount) written.set(incomeFuncKey(c), c.amount.value);
  const has = (x: string): boolean => written.has(x) || incomeChildren(x).some(has);
  const expand = (x: string): string[] => (written.has(x) ? [x] : incomeChildren(x).filter(has).flatMap(expand));
  const keys = incomeChildren(k).filter(has).flatMap(expand);
  return keys.length ? { value: keys.reduce((a, x) => a + written.get(x)!, 0n), keys } : undefined;
}

/** The income keys a key adds up into, nearest first (`本年:事业收入` → 本年:单位资金, 本年收入合计, 收入总计). */
export function incomeAncestors(key: string): readonly string[] {
  let out = INCOME_ANCESTORS.get(key);
  if (out) return out;
  const inner = ['本年:财政拨款', '本年:单位资金', '上年结转:财政拨款', '上年结转:单位资金', '本年收入合计', '上年结转结余', '收入总计'];
  const list: string[] = [];
  for (let k: string | undefined = key; k; ) {
    k = inner.find((p) => incomeChildren(p).includes(k!));
    if (k) list.push(k);
  }
  out = Object.freeze(list);
  if (INCOME_ANCESTORS.size < 1000) INCOME_ANCESTORS.set(key, out);
  return out;
}

const INCOME_ANCESTORS = new Map<string, readonly string[]>();

export function computeSangong(unit: Unit): SangongFigures {
  const declared: SangongFigures['declared'] = {};
  for (const l of unit.sangong?.lines ?? []) if (l.amount) declared[l.item] = l.amount;
  const written: Partial<Record<SangongItem, Money>> = {};
  for (const [k, a] of Object.entries(declared) as Array<[SangongItem, Amount]>) written[k] = a.value;
  return { values: sangongValues(written), declared };
}

/** The catalog edition a unit's codes are read against: its 科目版本, else its 年度, else the latest. */
export function unitEdition(unit: Pick<Unit, 'catalogEdition' | 'year'>): number {
  return unit.catalogEdition ?? unit.year ?? LATEST_EDITION;
}

export function computeUnit(unit: Unit, anyEdition: Catalog = builtinCatalog()): UnitFigures {
  const catalog = anyEdition.forEdition(unitEdition(unit));
  const projects = unit.projects.map(projectFigures);
  // Function shares: each project to its function code(s).
  const funcShares = new Map<string, Map<string, ProjectShare[]>>();
  const econShares = new Map<string, Map<string, ProjectShare[]>>();
  const push = (m: Map<string, Map<string, ProjectShare[]>>, code: string, key: string, s: ProjectShare): void => {
    let bySrc = m.get(code);
    if (!bySrc) m.set(code, (bySrc = new Map()));
    const list = bySrc.get(key) ?? [];
    list.push(s);
    bySrc.set(key, list);
  };
  for (const pf of projects) {
    const p = pf.project;
    const refs = p.funcRefs;
    // One function code for the whole project (its amount written or not): booked source by source.
    if (refs.length === 1 && (!refs[0].amount || refs[0].amount.value === pf.total)) {
      for (const [k, v] of pf.bySource) push(funcShares, refs[0].code, k, { project: p, amount: v, span: refs[0].span });
    } else {
      const key = primarySource(p);
      for (const r of refs) if (r.amount) push(funcShares, r.code, key, { project: p, amount: r.amount.value, span: r.span });
    }
    const key = primarySource(p);
    for (const l of p.econ) if (l.amount) push(econShares, l.code, key, { project: p, amount: l.amount.value, span: l.span });
  }
  // Projects drive the 项目 column only when they account for it: every project says where it is booked (功能科目,
  // 经济分类). Publications that list only some projects, or some without codes, leave the column to the rows; the
  // projects of a code are then only checked not to exceed it (checks/rollups.ts).
  const funcDrive = unit.projects.length > 0 && unit.projects.every((p) => p.funcRefs.length > 0);
  const func = withShares(buildTree('func', unit.func, funcDrive, funcDrive ? funcShares : new Map(), catalog), funcShares);
  const econDrive = unit.projects.length > 0 && unit.projects.every((p) => p.econ.length > 0);
  const econ = withShares(buildTree('econ', unit.econ, econDrive, econDrive ? econShares : new Map(), catalog, projectEconNames(unit)), econShares);
  const gov = computeGov(unit, econ, catalog);
  const income = computeIncome(unit.income?.lines ?? []);
  const carry = unit.func?.extras.yearEndCarry?.amount?.value;
  const expenseGrand = func.root.cells.total !== undefined ? func.root.cells.total + (carry ?? 0n) : undefined;
  const incomeFunc = computeIncomeFunc(unit.incomeFunc, catalog);
  return { unit, func, econ, gov, income, incomeFunc, projects, sangong: computeSangong(unit), expenseGrand, catalog, records: [], unsplit: new Map(), printed: new Map() };
}

/** The names written on the projects' economic lines, by code: the first written, as written. */
function projectEconNames(unit: Unit): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of unit.projects) for (const l of p.econ) if (l.name?.text && !names.has(l.code)) names.set(l.code, l.name.text);
  return names;
}

function withShares(t: ClassTree, shares: ClassTree['shares']): ClassTree {
  t.shares = shares;
  return t;
}

/** Maps every department economic leaf to its government code and builds the 表11 tree. */
function computeGov(unit: Unit, econ: ClassTree, catalog: Catalog): ClassTree {
  const local = new Map(unit.mapping.map((m) => [m.dept.text, m.gov.text]));
  const hasEcon = econ.byCode.size > 0;
  const shares = new Map<string, Map<string, ProjectShare[]>>();
  const mapped = new Map<string, TreeNode['mappedFrom']>();
  if (hasEcon) {
    const leaves: TreeNode[] = [];
    const walk = (n: TreeNode): void => {
      if (!n.children.length && n.code) leaves.push(n);
      n.children.forEach(walk);
    };
    walk(econ.root);
    for (const leaf of leaves) {
      const g = catalog.mapDept(leaf.code, unit.kindClass, local);
      if (!g) continue;
      for (const [k, cells] of leaf.bySource) {
        const v = cells.total ?? 0n;
        const bySrc = shares.get(g) ?? new Map<string, ProjectShare[]>();
        shares.set(g, bySrc);
        const list = bySrc.get(k) ?? [];
        // Mapped shares are carried as "project" shares of a pseudo project; only amount/span matter.
        list.push({ project: undefined as unknown as Project, amount: v, span: leaf.rows[0]?.codeSpan ?? leaf.projects[0]?.span ?? { start: 0, end: 0 } });
        bySrc.set(k, list);
      }
      const list = mapped.get(g) ?? [];
      list.push({ code: leaf.code, value: leaf.cells.total ?? 0n, span: leaf.rows[0]?.codeSpan ?? leaf.projects[0]?.span ?? { start: 0, end: 0 } });
      mapped.set(g, list);
    }
  }
  // Government rows carry only totals. Without department rows they are the facts; with them, the mapped
  // amounts are: the tree is built from rows stripped of their cells, and then given the rows back.
  if (!hasEcon) return buildTree('gov', unit.gov, false, new Map(), catalog);
  const stripped = new Map<Row, Row>();
  const section = unit.gov ? { ...unit.gov, rows: unit.gov.rows.map((r) => { const c = { ...r, cells: {} }; stripped.set(c, r); return c; }) } : undefined;
  const t2 = buildTree('gov', section, true, shares, catalog);
  for (const n of t2.byCode.values()) {
    n.rows = n.rows.map((r) => stripped.get(r) ?? r);
    n.mappedFrom = mapped.get(n.code) ?? [];
    n.projects = [];
    // Mapped money is spending of any kind: express it as the total only.
    for (const cells of n.bySource.values()) delete cells.project;
    delete n.cells.project;
  }
  return t2;
}

/** Total of the whole unit's project amounts. */
export function projectsTotal(f: UnitFigures): Money {
  return f.projects.reduce((a, p) => a + (p.total ?? 0n), 0n);
}

export function isFiscal(k: string): boolean {
  const s = parseSourceKey(k).source;
  return FISCAL_SOURCES.includes(s);
}

export function isUnitFund(k: string): boolean {
  return UNIT_FUND_SOURCES.includes(parseSourceKey(k).source);
}

export type { EconLine };
