/**
 * What every check gets (a unit's model and figures, the rounding mode, the text, the reporter) and the helpers
 * they share: amounts formatted as the document writes them, the tolerance of the rounding mode, the fix that
 * writes a computed figure.
 */
import type { ClassKind } from '../catalog';
import { sourceKey, type UnitFigures } from '../compute';
import type { Deferred, Diagnostic, DiagnosticCode, Fix, MessageArgs, Span, Text2 } from '../diagnostics';
import { recordsOf, statedValue, type Alternative, type CheckRecord } from '../records';
import type { Amount, BudgetModel, RoundingMode, Row, Unit } from '../model';
import { abs, formatMoney, halfUlp, type Money, type MoneyUnit } from '../money';
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
 * that fault. The record names the fault (`causes`) and where this consequence shows (`shows`: the other figure).
 */
export function throughOwnFault(ctx: CheckContext, record: CheckRecord, parts: number, shows?: Span): boolean {
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

/** Records a comparison a check made in its own way (an exact one, a rounded 说明 figure …). */
export function recorded<C extends DiagnosticCode>(ctx: CheckContext<C>, r: CheckRecord & { code: C }): CheckRecord {
  ctx.figures.records.push(r);
  return r;
}

export function toleranceArgs(ctx: CheckContext, tol: Money, unit: MoneyUnit = ctx.unit.moneyUnit): { tolerance: string; toleranceEn: string } {
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
