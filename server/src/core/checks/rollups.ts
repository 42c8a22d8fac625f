import type { ClassKind } from '../catalog';
import { parentCode } from '../catalog';
import { publishedColumns, rowCoversAllSources, rowLevel, rowOverAllSources, sourceKey, type Cells, type ProjectShare, type TreeNode } from '../compute';
import type { Fix, Related, Span, Text2 } from '../diagnostics';
import { COLUMN_CHILDREN } from '../domain';
import { COLUMN_NAMES, type Column } from '../keywords';
import type { Amount, Project, Row, Section } from '../model';
import { formatMoney, type Money } from '../money';
import { recordsOf } from '../records';
import { fmt, rowLabel, setTo, toleranceArgs, compare, defineCheck, followsFrom, recorded, statedTotal, withinTolerance, type CheckContext } from './context';

type Ctx = CheckContext<'BUD201' | 'BUD204' | 'BUD301' | 'BUD501' | 'BUD514' | 'BUD806'>;

/** What the figures are compared with (check records: records.ts). */
const CHILDREN: Text2 = { zh: '下级合计', en: 'the sum of its children' };
const STATED_CHILDREN: Text2 = { zh: '已分列的下级合计（其余未分列）', en: 'the children that state it (the others do not)' };
const PROJECTS_ON_CODE: Text2 = { zh: '按功能科目归集的项目金额', en: 'the projects booked on this code' };
const PROJECT_LINES: Text2 = { zh: '项目经济分类合计', en: 'the projects’ economic lines' };
const MAPPED: Text2 = { zh: '按对照归集的部门经济分类', en: 'the department economic codes mapped to it' };
/** A column of a row against its parts on the row (合计 = 基本 + 项目, 基本 = 人员 + 公用). */
const COLUMN_PARTS: Partial<Record<Column, Text2>> = Object.fromEntries(
  (Object.entries(COLUMN_CHILDREN) as Array<[Column, Column[]]>).map(([c, kids]) => [c, { zh: kids.map((k) => COLUMN_NAMES[k].zh).join(' + '), en: kids.map((k) => COLUMN_NAMES[k].en).join(' + ') }]),
);

function childRelated(ctx: Ctx, n: TreeNode, col: Column, key?: string, st?: Stating): Related[] {
  const out: Related[] = [];
  // Each figure formatted once for both languages.
  for (const c of n.children) {
    const v = st ? st.value(c, key, col) : (key ? c.bySource.get(key) : c.cells)?.[col];
    const span = c.rows[0]?.codeSpan ?? c.projects[0]?.span;
    if (!span || v === undefined) continue;
    const f = fmt(ctx, v);
    const what = `${c.code} ${c.name ?? ''}`;
    out.push({ ...span, message: { zh: `${what}：${f}`, en: `${what}: ${f}` } });
  }
  for (const s of n.projects) {
    if (!s.project) continue;
    const f = fmt(ctx, s.amount);
    out.push({ ...s.span, message: { zh: `项目“${s.project.name.text}”：${f}`, en: `project “${s.project.name.text}”: ${f}` } });
  }
  for (const m of n.mappedFrom) {
    const f = fmt(ctx, m.value);
    out.push({ ...m.span, message: { zh: `部门经济分类 ${m.code}：${f}`, en: `department economic ${m.code}: ${f}` } });
  }
  return out;
}

/** A node's figure of a column for a source key (undefined: over all sources) as the table states it. */
interface Stated {
  /** The written figure of the node's row (for the key). */
  written?: Amount;
  /** What the figures below give: the leaf's facts, else the sum of the children's stated figures (undefined: unknown). */
  below?: Money;
}

/** The row of a node that states its figures for a source key (undefined: over all sources). */
function rowOf(sec: Section | undefined, n: TreeNode, key: string | undefined): Row | undefined {
  if (!n.code) return key === undefined ? sec?.total : undefined;
  if (key === undefined) return rowOverAllSources(sec, n);
  return n.rows.find((r) => r.source && sourceKey(r.source) === key) ?? (n.bySource.size === 1 && n.bySource.has(key) ? n.rows.find((r) => rowCoversAllSources(sec, r)) : undefined);
}

/**
 * What a row's other figures give for one of its columns through its identities (合计 = 基本 + 项目, 基本 = 人员 +
 * 公用): a whole from its parts, a part from its whole less the other parts; undefined when a figure is unknown.
 */
function identityValue(row: Row, facts: Cells, zero: ReadonlySet<Column>, col: Column): Money | undefined {
  // No other figure known (a row of one written column, the usual leaf): nothing to give it from.
  if (onlyColumn(row, facts, zero, col)) return undefined;
  const fig = rowFigure(row, facts, zero);
  const whole = (c: Column): Money | undefined => {
    const vs = (COLUMN_CHILDREN[c] ?? []).map((k) => fig(k) ?? (COLUMN_CHILDREN[k] ? whole(k) : undefined));
    return vs.length && vs.every((v) => v !== undefined) ? vs.reduce((a, b) => a! + b!, 0n) : undefined;
  };
  // A middle column (基本 between 合计 and 人员 + 公用): its parts where the row states them, else its whole less
  // the other parts.
  const asWhole = COLUMN_CHILDREN[col] ? whole(col) : undefined;
  if (asWhole !== undefined) return asWhole;
  const parent = (Object.keys(COLUMN_CHILDREN) as Column[]).find((p) => COLUMN_CHILDREN[p]!.includes(col));
  const total = parent ? fig(parent) : undefined;
  if (!parent || total === undefined) return undefined;
  const others = COLUMN_CHILDREN[parent]!.filter((k) => k !== col).map(fig);
  return others.every((v) => v !== undefined) ? others.reduce((a, b) => a - b!, total) : undefined;
}

/** Whether no figure but `col`'s is known for the row (written, a fact, or a blank part printed at its level: rowFigure). */
function onlyColumn(row: Row, facts: Cells, zero: ReadonlySet<Column>, col: Column): boolean {
  for (const k in row.cells) if (k !== col && row.cells[k as Column] !== undefined) return false;
  for (const k in facts) if (k !== col && facts[k as Column] !== undefined) return false;
  for (const k of zero) if (k !== col && k !== 'total' && k !== 'basic') return false;
  return true;
}

/** A row's figure of a column as its identities are checked (checkIdentities): a blank part the table prints at the row's level is 0. */
function rowFigure(row: Row, facts: Cells, zero: ReadonlySet<Column>, over?: { col: Column; value: Money }): (c: Column) => Money | undefined {
  return (c) => (over?.col === c ? over.value : row.cells[c]?.value ?? facts[c] ?? (zero.has(c) && c !== 'total' && c !== 'basic' ? 0n : undefined));
}

/**
 * Whether a row's identities (合计 = 基本 + 项目, 基本 = 人员 + 公用; with parts unknown: the known ones not exceeding
 * the whole) hold with `value` in place of its figure of `col`.
 */
function rowAdmits(row: Row, facts: Cells, zero: ReadonlySet<Column>, col: Column, value: Money): boolean {
  const fig = rowFigure(row, facts, zero, { col, value });
  const whole = (c: Column): Money | undefined => {
    const own = fig(c);
    if (own !== undefined || !COLUMN_CHILDREN[c]) return own;
    const vs = COLUMN_CHILDREN[c]!.map(whole);
    return vs.every((v) => v !== undefined) ? vs.reduce((a, b) => a! + b!, 0n) : undefined;
  };
  for (const [w, kids] of Object.entries(COLUMN_CHILDREN) as Array<[Column, Column[]]>) {
    const wv = fig(w);
    const vs = kids.map(whole);
    const known = vs.filter((v): v is Money => v !== undefined);
    const sum = known.reduce((a, b) => a + b, 0n);
    if (wv !== undefined && known.length && (known.length === vs.length ? sum !== wv : sum > wv)) return false;
  }
  return true;
}

/** Project shares and mapped amounts booked on a parent code itself (they add to its 项目 and 合计). */
function ownParts(kind: ClassKind, n: TreeNode, key: string | undefined, col: Column): Money[] {
  if (col !== 'total' && col !== 'project') return [];
  const out = n.projects.filter((s) => key === undefined || !s.project || primaryKey(s) === key).map((s) => s.amount);
  if (kind === 'gov' && col === 'total' && key === undefined) out.push(...n.mappedFrom.map((m) => m.value));
  return out;
}

function primaryKey(s: ProjectShare): string {
  const keys = new Set(s.project.bySource.map((b) => sourceKey(b.source)));
  return keys.size === 1 ? [...keys][0] : sourceKey(undefined);
}

const NONE_PUBLISHED: ReadonlySet<Column> = new Set();

class Stating {
  /** By column, source key ('' for all sources) and node: no string built per lookup (a check of 180,000 rows made one each). */
  private memo = new Map<Column, Map<string, Map<TreeNode, Stated>>>();
  private readonly published: Map<number, Set<Column>>;
  constructor(private readonly ctx: Ctx, private readonly kind: ClassKind) {
    this.published = publishedColumns(ctx.unit[kind]);
  }

  /** The part columns the table prints at a row's level. */
  publishedAt(row: Row): ReadonlySet<Column> {
    return this.published.get(rowLevel(row)) ?? NONE_PUBLISHED;
  }

  /** A node's stated figure: written, else what the figures below give. */
  value(n: TreeNode, key: string | undefined, col: Column): Money | undefined {
    const s = this.of(n, key, col);
    return s.written?.value ?? s.below;
  }

  of(n: TreeNode, key: string | undefined, col: Column): Stated {
    let byKey = this.memo.get(col);
    if (!byKey) this.memo.set(col, (byKey = new Map()));
    let byNode = byKey.get(key ?? '');
    if (!byNode) byKey.set(key ?? '', (byNode = new Map()));
    let s = byNode.get(n);
    if (s) return s;
    const row = rowOf(this.ctx.unit[this.kind], n, key);
    const written = row?.cells[col];
    let below: Money | undefined;
    if (!n.children.length && n.code) {
      const facts = (key === undefined ? n.cells : n.bySource.get(key)) ?? {};
      below = facts[col];
      // A written figure its own row contradicts (合计 ≠ 基本 + 项目 …): what the row's other figures give for it,
      // so that a parent agreeing with that differs only through this row, which is reported (one fault, one report).
      const own = written && row ? identityValue(row, facts, this.publishedAt(row), col) : undefined;
      if (own !== undefined && own !== written!.value) below = own;
    } else {
      const vs = [...n.children.map((c) => this.value(c, key, col)), ...ownParts(this.kind, n, key, col)];
      below = vs.length && vs.every((v) => v !== undefined) ? vs.reduce((a, b) => a! + b!, 0n) : undefined;
    }
    // A blank cell of a part column the table prints at the node's level is 0 (unknown only where it is not printed).
    if (!written && below === undefined && n.rows.length && col !== 'total' && col !== 'basic' && this.published.get(rowLevel(n.rows[0]))?.has(col)) below = 0n;
    s = { written, below };
    byNode.set(n, s);
    return s;
  }

  /**
   * Where the fault of a row whose written figure differs from what its parts give is reported: the failed cell of
   * the row (its own causes, if it fails through another), else the figure itself.
   */
  rowFault(n: TreeNode, key: string | undefined, written: Amount): Span[] {
    const row = rowOf(this.ctx.unit[this.kind], n, key);
    const cells = [written, ...Object.values(row?.cells ?? {}).filter((a): a is Amount => a !== undefined && a !== written)];
    for (const a of cells) {
      const r = recordsOf(this.ctx.figures.records, a).find((x) => !x.ok);
      if (r) return r.causes ?? [a.span];
    }
    return [written.span];
  }

  /**
   * One fault, one report for a parent that misses its children by a figure one child's row does not hold to: the
   * child whose row is reported (a failed cell) and which, given the figure the parent implies for it, would agree
   * with its own row (合计 = 基本 + 项目 …, or its known parts not exceeding it). Where that child's fault is reported.
   */
  reportedChild(n: TreeNode, key: string | undefined, col: Column, declared: Money, sum: Money, partly = false): Span[] {
    for (const c of n.children) {
      const s = this.of(c, key, col);
      const row = rowOf(this.ctx.unit[this.kind], c, key);
      if (!s.written || !row || !Object.values(row.cells).some((a) => a && recordsOf(this.ctx.figures.records, a).some((r) => !r.ok))) continue;
      const facts = (!c.children.length ? (key === undefined ? c.cells : c.bySource.get(key)) : undefined) ?? {};
      const zero = this.publishedAt(row);
      const implied = declared - (sum - s.written.value);
      // Partly split (the children that state it may not exceed it): the parent implies at most `implied`.
      const own = partly ? identityValue(row, facts, zero, col) : undefined;
      if (own !== undefined ? own <= implied : rowAdmits(row, facts, zero, col, implied)) return this.rowFault(c, key, s.written);
    }
    return [];
  }

  /** The figures below a node that are the deepest faults: written figures that differ from what their own parts give. */
  faults(n: TreeNode, key: string | undefined, col: Column): Span[] {
    const out: Span[] = [];
    for (const c of n.children) {
      const s = this.of(c, key, col);
      const inner = this.faults(c, key, col);
      if (inner.length) out.push(...inner);
      else if (s.written && s.below !== undefined && s.written.value !== s.below) out.push(...this.rowFault(c, key, s.written));
    }
    return out;
  }
}

/** A row's label (rowLabel), made when a message reads it: most rows report nothing (one small object per row, no closures). */
class LazyLabel implements Text2 {
  private label: Text2 | undefined;
  constructor(private readonly ctx: Ctx, private readonly kind: ClassKind, private readonly row: Row, private readonly code: string) {}
  get zh(): string {
    return (this.label ??= rowLabel(this.ctx, this.kind, this.row, this.code)).zh;
  }
  get en(): string {
    return (this.label ??= rowLabel(this.ctx, this.kind, this.row, this.code)).en;
  }
}

/**
 * Checks one row's written cells. A parent's figure is compared with the sum of its children's stated figures (as
 * written; a child without a written figure gives what its own children give). A column that no child states is
 * not split below (no roll-up: unknown is not zero); where only some children state it, those may not exceed it
 * (BUD204). A parent that disagrees with its children's written figures but agrees with what the figures below
 * give differs only through a child reported where it is written (one fault, one report: the record's causes).
 * A row's own identities (合计 = 基本 + 项目, 基本 = 人员 + 公用) are checked with its written parts.
 */
function checkRow(ctx: Ctx, st: Stating, kind: ClassKind, row: Row, n: TreeNode, overall: boolean, failed: Set<Amount>): void {
  const tree = ctx.figures[kind];
  const key = overall ? undefined : sourceKey(row.source);
  const computed = overall ? n.cells : n.bySource.get(key!) ?? {};
  const isLeaf = !n.children.length && n.code !== '';
  const label = new LazyLabel(ctx, kind, row, n.code);
  for (const col of ['total', 'basic', 'personnel', 'public', 'project'] as Column[]) {
    const d = row.cells[col];
    if (!d) continue;
    if (isLeaf) {
      if (col === 'project' && tree.projectsDrive) {
        const v = computed[col] ?? 0n;
        const r = compare(ctx, 'BUD501', d, v, n.projects.length, kind === 'func' ? PROJECTS_ON_CODE : PROJECT_LINES);
        const { ok, tolerance } = r;
        if (!ok) {
          failed.add(d);
          if (followsFrom(ctx, r, projectsOwn(ctx, kind, n, v), n.projects.length)) continue;
          ctx.report('BUD501', d.span, {
            left: `${label.zh}的项目支出`, leftEn: `${label.en} project expenditure`, leftValue: d.text,
            right: kind === 'func' ? '按功能科目归集的项目金额' : '项目经济分类合计', rightEn: kind === 'func' ? 'the projects booked on this code' : 'the projects’ economic lines', rightValue: fmt(ctx, v, d.unit),
            diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit),
          }, undefined, { related: () => childRelated(ctx, n, 'project', key), fixes: () => [setTo(d, v)] });
        }
        continue;
      }
      if (kind === 'gov' && n.mappedFrom.length && col === 'total') {
        // A government leaf is the sum of the department economic codes mapped to it.
        const v = computed[col] ?? 0n;
        const r = compare(ctx, 'BUD501', d, v, n.mappedFrom.length, MAPPED);
        const { ok, tolerance } = r;
        if (!ok) {
          failed.add(d);
          // One fault, one report: a department code whose own row contradicts its written figure is reported
          // there; the government line that agrees with what that row's other figures give follows from it.
          if (followsFrom(ctx, r, mappedOwn(ctx, n), n.mappedFrom.length)) continue;
          ctx.report('BUD501', d.span, {
            left: label.zh, leftEn: label.en, leftValue: d.text, right: '按对照归集的部门经济分类', rightEn: 'the department economic codes mapped to it',
            rightValue: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit),
          }, undefined, { related: () => childRelated(ctx, n, 'total'), fixes: () => [setTo(d, v)] });
        }
      }
      continue;
    }
    const parts = [...n.children.map((c) => st.value(c, key, col)), ...ownParts(kind, n, key, col)];
    const known = parts.filter((v): v is Money => v !== undefined);
    if (!known.length) {
      // Not split below: the figure is the row's own (it still adds up into its parent).
      ctx.figures.unsplit.set(d, 'none');
      continue;
    }
    const sum = known.reduce((a, b) => a + b, 0n);
    if (known.length < parts.length) {
      // Partly split: the rows that state the column may not exceed it; the rest is unknown.
      ctx.figures.unsplit.set(d, 'partial');
      const within = sum > d.value ? withinTolerance(ctx, d, sum, known.length) : undefined;
      if (within && !within.ok) {
        failed.add(d);
        const through = st.reportedChild(n, key, col, d.value, sum, true);
        if (through.length) {
          recorded(ctx, { code: 'BUD204', declared: d, computed: sum, tolerance: within.tolerance, ok: false, against: STATED_CHILDREN, causes: through });
          continue;
        }
        recorded(ctx, { code: 'BUD204', declared: d, computed: sum, tolerance: within.tolerance, ok: false, against: STATED_CHILDREN });
        ctx.report('BUD204', d.span, { row: label.zh, rowEn: label.en, column: COLUMN_NAMES[col].zh, columnEn: COLUMN_NAMES[col].en, declared: d.text, computed: fmt(ctx, sum, d.unit), diff: fmt(ctx, sum - d.value, d.unit), ...toleranceArgs(ctx, within.tolerance, d.unit) }, undefined, {
          related: () => childRelated(ctx, n, col, key, st),
        });
      }
      continue;
    }
    const r = compare(ctx, 'BUD201', d, sum, parts.length, CHILDREN);
    if (r.ok) continue;
    failed.add(d);
    const deep = deepValue(st, n, key, col);
    if (deep !== undefined && deep !== sum && withinTolerance(ctx, d, deep, parts.length).ok) {
      r.causes = st.faults(n, key, col);
      if (r.causes.length) continue;
    }
    const through = st.reportedChild(n, key, col, d.value, sum);
    if (through.length) {
      r.causes = through;
      continue;
    }
    scaleHint(ctx, n, col, d.value, sum, key);
    ctx.report('BUD201', d.span, {
      row: label.zh, rowEn: label.en, column: COLUMN_NAMES[col].zh, columnEn: COLUMN_NAMES[col].en, declared: d.text,
      computed: fmt(ctx, sum, d.unit), diff: fmt(ctx, d.value - sum, d.unit), ...toleranceArgs(ctx, r.tolerance, d.unit),
    }, undefined, { related: () => childRelated(ctx, n, col, key, st), fixes: () => [setTo(d, sum)] });
  }
  // A blank part the table prints at the row's level is 0 (and 项目 of a leaf, when the projects account for it).
  const published = st.publishedAt(row);
  const zero = isLeaf && tree.projectsDrive && !published.has('project') ? new Set(published).add('project') : published;
  checkIdentities(ctx, row, isLeaf ? computed : {}, zero, label, failed);
}

const PROJECT_FIGURES = new WeakMap<Ctx['figures'], Map<Project, Ctx['figures']['projects'][number]>>();
function projectFigures(ctx: Ctx): Map<Project, Ctx['figures']['projects'][number]> {
  let m = PROJECT_FIGURES.get(ctx.figures);
  if (!m) PROJECT_FIGURES.set(ctx.figures, (m = new Map(ctx.figures.projects.map((x) => [x.project, x]))));
  return m;
}

/** One Stating per unit and classification (its memo is shared by the checks of the unit's rows). */
const STATINGS = new WeakMap<Ctx['figures'], Map<ClassKind, Stating>>();
function stating(ctx: Ctx, kind: ClassKind): Stating {
  let m = STATINGS.get(ctx.figures);
  if (!m) STATINGS.set(ctx.figures, (m = new Map()));
  let st = m.get(kind);
  if (!st) m.set(kind, (st = new Stating(ctx, kind)));
  return st;
}

/**
 * One fault, one report for a code's 项目 from its projects: a project whose amount and economic lines disagree is
 * reported there (BUD502); a code that agrees with what the project's other figures give follows from it. The
 * projects' sum with each such project's share taken from its other side (a 功能科目 share that is the project's
 * amount: the economic lines; an economic line: the amount), and the project reports so named.
 */
function projectsOwn(ctx: Ctx, kind: ClassKind, n: TreeNode, v: Money): { value: Money; causes: Span[] } {
  let value = v;
  const causes: Span[] = [];
  for (const p of new Set(n.projects.map((s) => s.project).filter((p) => p))) {
    const pf = projectFigures(ctx).get(p);
    if (!pf || pf.total === undefined || pf.econTotal === undefined || pf.econTotal === pf.total) continue;
    if (kind === 'func' && !n.projects.some((s) => s.project === p && s.amount === pf.total)) continue;
    value += kind === 'func' ? pf.econTotal - pf.total : pf.total - pf.econTotal;
    causes.push(p.econSpan ?? p.name.span);
  }
  return { value, causes };
}

/**
 * A government leaf's mapped sum with each department code's figure as its own row gives it (合计 = 基本 + 项目 …)
 * where that contradicts the written one, and the department figures so replaced.
 */
function mappedOwn(ctx: Ctx, n: TreeNode): { value: Money; causes: Span[] } {
  const st = stating(ctx, 'econ');
  let value = 0n;
  const causes: Span[] = [];
  for (const m of n.mappedFrom) {
    const node = ctx.figures.econ.byCode.get(m.code);
    const s = node ? st.of(node, undefined, 'total') : undefined;
    // The other of the two figures the row gives: its written 合计 where the mapped figure is its parts' sum, or
    // what its parts give where the mapped figure is the written one.
    const other = !s?.written ? undefined : s.written.value !== m.value ? s.written.value : s.below !== undefined && s.below !== m.value ? s.below : undefined;
    if (node && s?.written && other !== undefined) {
      value += other;
      causes.push(...st.rowFault(node, undefined, s.written));
    } else value += m.value;
  }
  return { value, causes };
}

/** What the facts at the bottom give for a node: the leaves' figures (a written middle figure does not count). */
function deepValue(st: Stating, n: TreeNode, key: string | undefined, col: Column): Money | undefined {
  if (!n.children.length && n.code) return st.of(n, key, col).below ?? st.of(n, key, col).written?.value;
  let sum = 0n;
  for (const c of n.children) {
    // A row whose rows below do not all state the column (a 项目-only leaf has no 基本) counts as written.
    const v = deepValue(st, c, key, col) ?? st.of(c, key, col).written?.value;
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum;
}

/**
 * A row's own identities with its written parts (a part not written: the leaf's fact, else unknown): all parts
 * known → equality (BUD301); some known → they may not exceed the whole (BUD204). Not reported again on a row one of
 * whose cells already failed.
 */
function checkIdentities(ctx: Ctx, row: Row, facts: Cells, zero: ReadonlySet<Column>, label: Text2, failed: Set<Amount>): void {
  // Nothing but a 合计 known (the usual row): no part to compare it with.
  if (onlyColumn(row, facts, zero, 'total')) return;
  // 基本 first: a 基本 that is not 人员 + 公用 is the row's one fault; its 合计 ≠ 基本 + 项目 then follows from it.
  for (const col of ['basic', 'total'] as Column[]) {
    const d = row.cells[col];
    const kids = COLUMN_CHILDREN[col]!;
    if (!d) continue;
    const part = (k: Column): Money | undefined => {
      const v = row.cells[k]?.value ?? facts[k];
      if (v !== undefined || k !== 'basic') return v ?? (zero.has(k) ? 0n : undefined);
      const [p, q] = [part('personnel'), part('public')];
      return p !== undefined && q !== undefined ? p + q : undefined;
    };
    const vals = kids.map(part);
    const known = vals.filter((v): v is Money => v !== undefined);
    if (!known.length) continue;
    const c = known.reduce((a, b) => a + b, 0n);
    const cells = [d, ...kids.map((k) => row.cells[k]).filter((a): a is Amount => a !== undefined)];
    const blocked = cells.filter((a) => failed.has(a)).map((a) => a.span);
    if (known.length < vals.length) {
      if (c <= d.value) continue;
      const within = withinTolerance(ctx, d, c, known.length);
      if (within.ok || blocked.length) continue;
      failed.add(d);
      recorded(ctx, { code: 'BUD204', declared: d, computed: c, tolerance: within.tolerance, ok: false, against: COLUMN_PARTS[col]! });
      ctx.report('BUD204', d.span, { row: label.zh, rowEn: label.en, column: COLUMN_NAMES[col].zh, columnEn: COLUMN_NAMES[col].en, declared: d.text, computed: fmt(ctx, c, d.unit), diff: fmt(ctx, c - d.value, d.unit), ...toleranceArgs(ctx, within.tolerance, d.unit) });
      continue;
    }
    const r = compare(ctx, 'BUD301', d, c, known.length, COLUMN_PARTS[col]!);
    if (r.ok) continue;
    if (blocked.length) {
      r.causes = blocked;
      continue;
    }

    failed.add(d);
    const parts = kids.map((k) => COLUMN_NAMES[k]);
    const related = (): Related[] => kids.filter((k) => row.cells[k]).map((k) => ({ ...row.cells[k]!.span, message: { zh: `${COLUMN_NAMES[k].zh} ${row.cells[k]!.text}`, en: `${COLUMN_NAMES[k].en} ${row.cells[k]!.text}` } }));
    // Either the total or one of its parts is wrong: offer both, prefer neither. A single written part can take
    // the residual (合计 − the other parts).
    const fixes = (): Fix[] => {
      const out: Fix[] = [{ ...setTo(d, c), preferred: false }];
      const writtenParts = kids.filter((k) => row.cells[k]);
      if (writtenParts.length === 1) {
        const k = writtenParts[0];
        const other = kids.filter((x) => x !== k).reduce((a, x) => a + (facts[x] ?? 0n), 0n);
        const part = row.cells[k]!;
        const fix = setTo(part, d.value - other);
        out.push({ ...fix, preferred: false, title: { zh: `将${COLUMN_NAMES[k].zh}改为 ${fix.edits[0].newText}`, en: `Set ${COLUMN_NAMES[k].en} to ${fix.edits[0].newText}` } });
      }
      return out;
    };
    ctx.report('BUD301', d.span, {
      row: label.zh, rowEn: label.en, column: COLUMN_NAMES[col].zh, columnEn: COLUMN_NAMES[col].en, declared: d.text,
      parts: parts.map((p) => p.zh).join(' + '), partsEn: parts.map((p) => p.en).join(' + '), computed: fmt(ctx, c, d.unit), diff: fmt(ctx, d.value - c, d.unit),
      ...toleranceArgs(ctx, r.tolerance, d.unit),
    }, undefined, { related, fixes });
  }
}

const SCALES = [[false, '元 → 万元'], [true, '万元 → 元']] as const;

/**
 * When a parent misses its children's sum because one child was written in 元 instead of 万元 (or the
 * reverse), that child is off by exactly 10⁴: say so at the child and offer the conversion.
 */
function scaleHint(ctx: Ctx, n: TreeNode, col: Column, declared: Money, sum: Money, key: string | undefined): void {
  for (const c of n.children) {
    const cv = (key ? c.bySource.get(key) : c.cells)?.[col];
    if (cv === undefined || cv === 0n) continue;
    for (const [factorUp, label] of SCALES) {
      const fixed = factorUp ? cv * 10_000n : cv / 10_000n;
      if (!factorUp && cv % 10_000n !== 0n) continue;
      if (sum - cv + fixed !== declared) continue;
      // The single written amount that carries the value.
      const row = c.rows.find((r) => !key || sourceKey(r.source) === key);
      const cells: Amount[] = row ? Object.values(row.cells).filter((a): a is Amount => a !== undefined) : [];
      const cell: Amount | undefined = cells.find((a) => a.value === cv);
      if (!cell || cell.value !== cv) continue;
      const newText = formatMoney(fixed, cell.unit, { grouping: cell.text.includes(',') });
      ctx.report('BUD806', cell.span, { what: `${c.code} ${c.name ?? ''}`, whatEn: `${c.code} ${c.name ?? ''}`, value: cell.text, expected: newText }, {
        fixes: [{ title: { zh: `按 ${label} 换算为 ${newText}`, en: `Convert ${label}: ${newText}` }, edits: [{ ...cell.span, newText }], preferred: true }],
      });
      return;
    }
  }
}

/** Rows by code length, longest first, in written order within a length (a stable sort, without a comparison per pair). */
function longestCodesFirst(rows: readonly Row[]): Row[] {
  const byLength: Row[][] = [];
  for (const r of rows) (byLength[r.code.length] ??= []).push(r);
  const out: Row[] = [];
  for (let len = byLength.length - 1; len >= 0; len--) for (const r of byLength[len] ?? []) out.push(r);
  return out;
}

function checkRollups(ctx: Ctx): void {
  for (const kind of ['func', 'econ', 'gov'] as const) {
    const sec = ctx.unit[kind];
    if (!sec) continue;
    const tree = ctx.figures[kind];
    const st = stating(ctx, kind);
    const failed = new Set<Amount>();
    // A row without 来源 is the code's total over all sources (as 表3, 表6, 表12 publish it), unless the file
    // splits that code by source (another row of it names one): then it is the default source's.
    // Deepest rows first: a parent's record can then name the fault its child's record points to.
    for (const r of longestCodesFirst(sec.rows)) {
      const n = tree.byCode.get(r.code);
      if (n) checkRow(ctx, st, kind, r, n, rowCoversAllSources(sec, r), failed);
    }
    if (sec.total) checkRow(ctx, st, kind, sec.total, tree.root, true, failed);
    projectsWithin(ctx, kind, failed);
  }
  // 支出 extras: 本年支出合计 and 支出总计.
  // Against the 合计 row as written (one fault, one report: a wrong row below it is reported there, not again
  // here); where the written 合计 is itself reported, a figure that agrees with the rows follows from it.
  const f = ctx.unit.func;
  const total = ctx.figures.func.root.cells.total;
  if (f && total !== undefined) {
    const written = f.total?.cells.total;
    const base = { value: statedTotal(ctx, written, total)!, computed: total, written };
    const cur = f.extras.currentTotal?.amount;
    if (cur) compareDeclared(ctx, cur, base, 1, { zh: '支出功能分类合计', en: 'the function-classification total' }, { row: '本年支出合计', rowEn: 'current-year expenditure', column: '金额', columnEn: 'amount' });
    const grand = f.extras.grandTotal?.amount;
    const carry = ctx.figures.expenseGrand !== undefined ? ctx.figures.expenseGrand - total : undefined;
    if (grand && carry !== undefined) compareDeclared(ctx, grand, { ...base, value: base.value + carry, computed: total + carry }, 2, { zh: '本年支出合计 + 年终结转结余', en: 'current-year expenditure + year-end carry-over' }, { row: '支出总计', rowEn: 'expenditure grand total', column: '金额', columnEn: 'amount' });
  }
}

function compareDeclared(ctx: Ctx, d: Amount, base: { value: Money; computed: Money; written?: Amount }, parts: number, against: Text2, args: { row: string; rowEn: string; column: string; columnEn: string }): void {
  const v = base.value;
  const r = compare(ctx, 'BUD201', d, v, parts, against);
  if (r.ok) return;
  const w = base.written;
  if (w && recordsOf(ctx.figures.records, w).some((x) => !x.ok) && withinTolerance(ctx, d, base.computed, parts).ok) {
    r.causes = recordsOf(ctx.figures.records, w).find((x) => !x.ok)!.causes ?? [w.span];
    return;
  }
  ctx.report('BUD201', d.span, { ...args, declared: d.text, computed: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, r.tolerance, d.unit) }, undefined, { fixes: () => [setTo(d, v)] });
}

/**
 * Projects that do not account for the 项目 column (some name no code) are only checked not to exceed it: the
 * projects booked on a code and the codes below it may not exceed the 项目 written for it (BUD514).
 */
function projectsWithin(ctx: Ctx, kind: ClassKind, failed: Set<Amount>): void {
  const tree = ctx.figures[kind];
  if (tree.projectsDrive || kind === 'gov' || !tree.shares.size) return;
  const sec = ctx.unit[kind];
  const booked = new Map<string, ProjectShare[]>();
  for (const [code, bySrc] of tree.shares) for (const list of bySrc.values()) for (const s of list) {
    for (let c: string | undefined = code; c; c = parentCode(c)) booked.set(c, [...(booked.get(c) ?? []), s]);
    booked.set('', [...(booked.get('') ?? []), s]);
  }
  const rows = [...(sec?.rows ?? []), ...(sec?.total ? [sec.total] : [])];
  for (const row of rows) {
    const d = row.cells.project;
    const list = booked.get(row.isTotal ? '' : row.code);
    if (!d || !list || failed.has(d) || (!row.isTotal && !rowCoversAllSources(sec, row))) continue;
    const sum = list.reduce((a, s) => a + s.amount, 0n);
    if (sum <= d.value || withinTolerance(ctx, d, sum, list.length).ok) continue;
    const label = rowLabel(ctx, kind, row, row.isTotal ? '' : row.code);
    ctx.report('BUD514', d.span, { row: label.zh, rowEn: label.en, declared: d.text, computed: fmt(ctx, sum, d.unit), count: String(list.length) }, {
      related: list.filter((s) => s.project).map((s) => ({ ...s.span, message: { zh: `项目“${s.project.name.text}”：${fmt(ctx, s.amount)}`, en: `project “${s.project.name.text}”: ${fmt(ctx, s.amount)}` } })),
    });
  }
}

export const rollups = defineCheck('roll-up and row identities', ['BUD201', 'BUD204', 'BUD301', 'BUD501', 'BUD514', 'BUD806'], checkRollups);
