/**
 * What every check gets (a unit's model and figures, the rounding mode, the text, the reporter) and the helpers
 * they share: amounts formatted as the document writes them, the tolerance of the rounding mode, the fix that
 * writes a computed figure.
 */
import type { ClassKind } from '../catalog';
import { tableTitle } from '../layouts/title';
import type { TableSpec } from '../layouts/types';
import { incomeChildren, incomeFuncKey, incomeFuncParts, parseSourceKey, sourceKey, type ClassTree, type IncomeFuncNode, type TreeNode, type UnitFigures } from '../compute';
import type { Deferred, Diagnostic, DiagnosticCode, Fix, MessageArgs, Span, Text2 } from '../diagnostics';
import { recordsOf, statedValue, type Alternative, type CheckRecord } from '../records';
import type { Amount, BudgetModel, Project, RoundingMode, Row, Unit } from '../model';
import { abs, formatMoney, halfUlp, type Money, type MoneyUnit } from '../money';
import type { Column } from '../keywords';
import { unitAmounts } from '../walk';

/** What a check reads, and its reporter: `C` are the codes the check declares (report takes no other). */
export interface CheckContext<C extends DiagnosticCode = DiagnosticCode> {
  model: BudgetModel;
  unit: Unit;
  figures: UnitFigures;
  rounding: RoundingMode;
  text: string;
  /**
   * Reports a diagnostic: its message's arguments are type-checked against its templates (MessageArgs). Related
   * locations and fixes given as `deferred` are built when first read (diagnostics.ts `makeDiagnostic`).
   */
  report<K extends C>(code: K, span: Span, args: MessageArgs<K>, extra?: Partial<Diagnostic>, deferred?: Deferred): void;
}

/**
 * A check: a function of one unit's model and figures that reports diagnostics. It declares the codes it reports
 * (its `report` is type-checked against them, and its tests cover each); the registry (index.ts) lists the checks
 * in reporting order.
 */
export interface Check<C extends DiagnosticCode = DiagnosticCode> {
  /** Named in the internal error reported when the check throws (a defect). */
  readonly name: string;
  readonly codes: readonly C[];
  run(ctx: CheckContext<C>): void;
}

export function defineCheck<const C extends DiagnosticCode>(name: string, codes: readonly C[], run: (ctx: CheckContext<C>) => void): Check<C> {
  return { name, codes, run };
}

/** A table of a layout as messages name it: its number and title (the year filled in), in both languages. */
export function tableName(spec: TableSpec, year: number | undefined): { zh: string; en: string } {
  return { zh: `${spec.id}（${tableTitle(spec, year)}）`, en: `${spec.id} (${spec.title.en})` };
}

export const KIND_NAME: Record<ClassKind, { zh: string; en: string; section: string }> = {
  func: { zh: '支出功能分类', en: 'function classification', section: '支出' },
  econ: { zh: '部门经济分类', en: 'department economic classification', section: '经济分类' },
  gov: { zh: '政府经济分类', en: 'government economic classification', section: '政府经济分类' },
};

const DISPLAY_DECIMALS = new WeakMap<Unit, number>();

/** Decimals to show in messages: as the document writes its amounts (whole 元 documents: none). */
function displayDecimals(u: Unit): number {
  let d = DISPLAY_DECIMALS.get(u);
  if (d === undefined) {
    d = Math.min(2, unitAmounts(u).filter((a) => a.unit === u.moneyUnit).reduce((m, a) => Math.max(m, a.decimals), 0));
    DISPLAY_DECIMALS.set(u, d);
  }
  return d;
}

/** Formats an amount for a message: in the document's unit, or in a figure's own (a block's 金额单位). */
export function fmt(ctx: CheckContext, v: Money, unit: MoneyUnit = ctx.unit.moneyUnit): string {
  return formatMoney(v, unit, { minDecimals: unit === ctx.unit.moneyUnit ? displayDecimals(ctx.unit) : 2 });
}

/**
 * Compares a written figure with what it must equal (`computed`, from `parts` figures) under the rounding mode, and
 * records the comparison (records.ts): its tolerance, whether it holds, what it was compared with.
 */
export function compare<C extends DiagnosticCode>(ctx: CheckContext<C>, code: C, declared: Amount, computed: Money, parts: number, against: Text2): CheckRecord {
  const { ok, tolerance } = withinTolerance(ctx, declared, computed, parts);
  return recorded(ctx, { code, declared, computed, ok, tolerance, against });
}

/**
 * A total as the document states it, for comparing other figures with: the written figure where it is written and
 * not itself reported (a wrong row below it is reported there, not again through the comparison), else `computed`
 * (a written total that is itself wrong is reported once, at itself).
 */
export function statedTotal(ctx: CheckContext, written: Amount | undefined, computed: Money | undefined): Money | undefined {
  return statedValue(ctx.figures.records, written, computed);
}

/**
 * One fault, one report: a failed comparison whose written figure agrees (within tolerance) with `alt` — what the
 * figures give once each fault reported elsewhere is taken as its own row states it — follows from those faults.
 * Its record names them (`causes`) and nothing more is reported; false when there is no such fault or it does not
 * explain the difference.
 */
export function followsFrom(ctx: CheckContext, record: CheckRecord, alt: { value: Money; causes: Span[] } | undefined, parts: number): boolean {
  if (!alt?.causes.length || !withinTolerance(ctx, record.declared, alt.value, parts).ok) return false;
  record.causes = alt.causes;
  return true;
}

/** followsFrom for the values a figure may be taken at (records.ts alternatives): the first that explains the difference. */
export function followsFromAny(ctx: CheckContext, record: CheckRecord, alts: readonly Alternative[], parts: number): boolean {
  return alts.some((a) => followsFrom(ctx, record, a, parts));
}

/**
 * One fault, one report for a figure compared twice: a written figure already reported as disagreeing with its own
 * parts (an earlier failed record of it), whose parts give what this comparison wants, differs here only through
 * that fault. The record names the fault (`causes`) and where this consequence shows (`shows`: the other figure, and
 * what the written figure is).
 */
export function throughOwnFault(ctx: CheckContext, record: CheckRecord, parts: number, shows?: CheckRecord['shows']): boolean {
  const own = recordsOf(ctx.figures.records, record.declared).find((x) => x !== record && !x.ok);
  // |own.computed − record.computed|, measured at the written figure's precision.
  if (!own || !withinTolerance(ctx, record.declared, record.computed + (record.declared.value - own.computed), parts).ok) return false;
  record.causes = own.causes ?? [own.declared.span];
  if (shows) record.shows = shows;
  return true;
}

/** Whether a written figure equals a value within the tolerance of `parts` rounded parts (no record). */
export function withinTolerance(ctx: CheckContext, declared: Amount, computed: Money, parts: number): { ok: boolean; tolerance: Money } {
  const diff = abs(declared.value - computed);
  const tolerance = diff === 0n ? 0n : roundingTolerance(ctx.rounding, declared, parts);
  return { ok: diff <= tolerance, tolerance };
}

/** How far a written figure may differ from the sum of `parts` rounded parts: (parts + 1) half units of its last digit under 容差, else 0. */
export function roundingTolerance(rounding: RoundingMode | undefined, written: Amount | undefined, parts: number): Money {
  return rounding === 'tolerant' && written ? BigInt(parts + 1) * halfUlp(written.decimals, written.unit) : 0n;
}

/**
 * A compared figure as the written figures it adds up: one written figure (n = 1, `ref` is it), or a sum of n
 * written figures (`ref` the coarsest of them: its precision). For comparisons of two places neither of which need
 * be written (the balance, two tables' totals, a project's amounts): sidesTolerance.
 */
export interface Summed {
  n: number;
  ref?: Amount;
}

/**
 * The coarser of two written figures (the larger half unit of the last digit). A written zero (`0` among figures
 * with decimals) does not set the precision while another figure does.
 */
function coarser(a: Amount | undefined, b: Amount | undefined): Amount | undefined {
  if (!a || !b) return a ?? b;
  if (a.value === 0n || b.value === 0n) return a.value === 0n ? b : a;
  return halfUlp(b.decimals, b.unit) > halfUlp(a.decimals, a.unit) ? b : a;
}

/** One written figure (none: nothing). */
export function one(a: Amount | undefined): Summed {
  return a ? { n: 1, ref: a } : { n: 0 };
}

/** The figures of several sums together. */
export function plus(...xs: Summed[]): Summed {
  return xs.reduce((a, b) => ({ n: a.n + b.n, ref: coarser(a.ref, b.ref) }), { n: 0 });
}

/**
 * The written figures a row's figure of a column is (compute.ts rowFacts): the cell, else its parts as written (基本:
 * 人员 + 公用; 合计: 基本, else 人员 + 公用, and 项目). A row without them (a project's share): one figure.
 */
export function rowSum(row: Row | undefined, col: Column = 'total'): Summed {
  const c = row?.cells;
  if (!c) return { n: 1 };
  if (c[col]) return one(c[col]);
  if (col !== 'total' && col !== 'basic') return { n: 1 };
  const basic = c.basic && col === 'total' ? [c.basic] : [c.personnel, c.public];
  const parts = [...basic, ...(col === 'total' ? [c.project] : [])].filter((a): a is Amount => a !== undefined);
  return parts.length ? plus(...parts.map(one)) : { n: 1 };
}

/** The leaves of a classification tree (per source, of the sources `take`) its root's figure of a column adds up. */
export function leafSum(tree: ClassTree | TreeNode, take: (source: string, key: string) => boolean = () => true, col: Column = 'total'): Summed {
  const out: Summed[] = [];
  const visit = (node: TreeNode): void => {
    if (node.children.length) {
      for (const c of node.children) visit(c);
      return;
    }
    for (const [k, c] of node.bySource) if (c[col] !== undefined && take(parseSourceKey(k).source, k)) out.push(rowSum(node.rows.find((r) => sourceKey(r.source) === k), col));
  };
  visit('root' in tree ? tree.root : tree);
  return plus(...out);
}

/** The written figures a project's total is (compute.ts projectFigures): its amounts by funding source, else its amount. */
export function projectSum(p: Project): Summed {
  return p.bySource.length ? plus(...p.bySource.map((b) => one(b.amount))) : one(p.amount);
}

/** The written 收入 lines an income value adds up (computeIncome: a line's parts where any is written, else the line). */
export function incomeSum(f: UnitFigures, key: string): Summed {
  const kids = incomeChildren(key).filter((k) => f.income.values.has(k));
  return kids.length ? plus(...kids.map((k) => incomeSum(f, k))) : one(f.income.lines.get(key)?.amount);
}

/** The written 收入科目 cells a code's figure of a column is: its cell, else its row's parts of it, else its children's. */
export function incomeFuncSum(n: IncomeFuncNode, key: string): Summed {
  const row = n.rows[0];
  const cellOf = (k: string): Amount | undefined => row?.cells.find((c) => c.amount && incomeFuncKey(c) === k)?.amount;
  const cell = cellOf(key);
  if (cell) return one(cell);
  const parts = row ? incomeFuncParts(row, key) : undefined;
  if (parts) return plus(...parts.keys.map((k) => one(cellOf(k))));
  return plus(...n.children.filter((c) => c.values.has(key)).map((c) => incomeFuncSum(c, key)));
}

/**
 * A table's 合计 (or 基本) as stated (statedTotal) and the written figures it is: its 合计 row's cell where written
 * and not itself reported, else what its leaves give.
 */
export function statedSum(ctx: CheckContext, written: Amount | undefined, tree: ClassTree, col: 'total' | 'basic' = 'total'): { value?: Money; sum: Summed } {
  const value = statedTotal(ctx, written, tree.root.cells[col]);
  return written && value === written.value && !recordsOf(ctx.figures.records, written).some((r) => !r.ok) ? { value, sum: one(written) } : { value, sum: leafSum(tree, undefined, col) };
}

/**
 * How far two places' figures may differ under the rounding mode (0 under 精确): two written figures (n = 1 each)
 * are one figure printed twice and must agree to the last digit; a written figure against a sum of n written
 * figures, roundingTolerance(written, n) = (n + 1) half units of its last digit; two sums, the rounding of all
 * their figures ((n₁ + n₂) half units of the coarsest).
 */
export function sidesTolerance(rounding: RoundingMode, a: Summed, b: Summed): Money {
  if (a.n === 1 && b.n === 1) return 0n;
  if (a.n === 1 || b.n === 1) {
    const [w, other] = a.n === 1 ? [a, b] : [b, a];
    return roundingTolerance(rounding, w.ref, other.n);
  }
  return a.n + b.n ? roundingTolerance(rounding, coarser(a.ref, b.ref), a.n + b.n - 1) : 0n;
}

/**
 * Whether two places' figures agree under the rounding mode (sidesTolerance), and the tolerance used (0 when equal).
 * The written figures of each side are only counted when the values differ.
 */
export function sidesAgree(ctx: CheckContext, a: Money, as: () => Summed, b: Money, bs: () => Summed): { ok: boolean; tolerance: Money } {
  if (a === b) return { ok: true, tolerance: 0n };
  const tolerance = sidesTolerance(ctx.rounding, as(), bs());
  return { ok: abs(a - b) <= tolerance, tolerance };
}

/**
 * How far a figure that quotes another, rounded to its own digits (a 说明 figure, 机关运行经费 in 万元 beside 元
 * tables), may differ from the figure it quotes: half a unit of its last digit in both modes; under 容差, where that
 * figure is not written but summed from n written figures, also their rounding (n half units of the coarsest).
 */
export function quotedTolerance(ctx: CheckContext, quote: Amount, quoted: Summed): Money {
  const own = halfUlp(quote.decimals, quote.unit);
  return quoted.n > 1 && quoted.ref && ctx.rounding === 'tolerant' ? own + BigInt(quoted.n) * halfUlp(quoted.ref.decimals, quoted.ref.unit) : own;
}

/** Records a comparison a check made in its own way (an exact one, a rounded 说明 figure …). */
export function recorded<C extends DiagnosticCode>(ctx: CheckContext<C>, r: CheckRecord & { code: C }): CheckRecord {
  ctx.figures.records.push(r);
  return r;
}

export function toleranceArgs(ctx: CheckContext, tol: Money, unit: MoneyUnit = ctx.unit.moneyUnit): { tolerance: string; toleranceEn: string } {
  return toleranceText(tol, unit);
}

/** The message arguments that say a difference is beyond the tolerance (none when exact). */
export function toleranceText(tol: Money, unit: MoneyUnit): { tolerance: string; toleranceEn: string } {
  if (tol === 0n) return { tolerance: '', toleranceEn: '' };
  const t = formatMoney(tol, unit, { minDecimals: 0 });
  return { tolerance: `，超出容差 ±${t}`, toleranceEn: `, beyond the tolerance ±${t}` };
}

/** The fix that writes the computed figure over a declared one (in the unit the figure is written in). */
export function setTo(declared: Amount, computed: Money): Fix {
  const t = formatMoney(computed, declared.unit, { minDecimals: declared.decimals, grouping: declared.text.includes(',') });
  return {
    title: { zh: `改为计算值 ${t}`, en: `Set to the computed sum ${t}` },
    edits: [{ start: declared.span.start, end: declared.span.end, newText: t }],
    preferred: true,
  };
}

export function rowLabel(ctx: CheckContext, kind: ClassKind, row: Row | undefined, code: string): { zh: string; en: string } {
  if (!code) return { zh: `${KIND_NAME[kind].zh}合计行`, en: `the ${KIND_NAME[kind].en} total row` };
  const name = row?.name?.text ?? ctx.figures[kind].byCode.get(code)?.name ?? '';
  const src = row?.source ? `（${sourceKey(row.source)}）` : '';
  return { zh: `科目 ${code} ${name}${src}`, en: `code ${code} ${name}${src ? ` (${sourceKey(row!.source)})` : ''}` };
}
