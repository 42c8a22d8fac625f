/**
 * What the checks compared: each written figure checked against what it must equal, recorded once, by the check
 * that compares it (checks/context.ts `compare`). Hover and inlay hints read these records — they do not decide
 * again which written figures are checked, against what, or within which tolerance.
 */
import type { Diagnostic, DiagnosticCode, Span, Text2 } from './diagnostics';
import type { Amount } from './model';
import type { Money } from './money';

export interface CheckRecord {
  /** The code reported when the figure disagrees. */
  code: DiagnosticCode;
  /** The written figure (its span is where the comparison is). */
  declared: Amount;
  /** What it must equal. */
  computed: Money;
  /** The difference allowed (0: exact). */
  tolerance: Money;
  /** Whether |declared − computed| ≤ tolerance. */
  ok: boolean;
  /** What it was compared with. */
  against: Text2;
  /**
   * One fault, one report: a disagreement that follows from faults reported at these written figures (a parent's
   * figure that agrees with what its children add up to, one child's own figure being wrong) is not reported again.
   * Absent: a failed record is reported at the figure.
   */
  causes?: Span[];
  /**
   * Where the consequence shows when it is not the figure itself: a figure reported at its own parts and compared
   * again with another table's figure (the 支出 row a 收入科目 cell must equal) names that figure (`span`); the
   * related line there says whose written figure it quotes (`written`: 收入, the 收入科目 cell …).
   */
  shows?: { span: Span; written: Text2 };
}

/**
 * The records of each written figure, indexed as far as `length`. Records are only ever appended (checks/context.ts
 * `recorded`, `compare`), and the checks look records up while they add them: the index is extended with the new
 * ones, not rebuilt (a rebuild per lookup was quadratic in a unit with many failed parents: docs/performance.md).
 */
const BY_AMOUNT = new WeakMap<readonly CheckRecord[], { length: number; last: CheckRecord | undefined; map: Map<Amount, CheckRecord[]> }>();

/** The records of a written figure, in the order the checks made them (empty: the figure is not checked). */
export function recordsOf(records: readonly CheckRecord[], declared: Amount | undefined): CheckRecord[] {
  if (!declared) return [];
  let index = BY_AMOUNT.get(records);
  // Rebuilt when the list is not the one indexed plus new records at its end.
  if (!index || index.length > records.length || (index.length && records[index.length - 1] !== index.last)) {
    index = { length: 0, last: undefined, map: new Map() };
    BY_AMOUNT.set(records, index);
  }
  for (let i = index.length; i < records.length; i++) {
    const r = records[i];
    const list = index.map.get(r.declared);
    if (list) list.push(r);
    else index.map.set(r.declared, [r]);
  }
  index.length = records.length;
  index.last = records[records.length - 1];
  return index.map.get(declared) ?? [];
}

/** The failed record of a written figure that is its own fault: reported at the figure (it names no causes). */
export function ownFault(records: readonly CheckRecord[], declared: Amount | undefined): CheckRecord | undefined {
  return recordsOf(records, declared).find((r) => !r.ok && !r.causes);
}

/**
 * A figure as the document states it, for comparing other figures with: the written figure where it is written and
 * not itself reported (a wrong figure below it is reported there, not again through the comparison), else
 * `computed` (a written figure that is itself wrong is reported once, at itself).
 */
export function statedValue(records: readonly CheckRecord[], written: Amount | undefined, computed: Money | undefined): Money | undefined {
  return written && !recordsOf(records, written).some((r) => !r.ok) ? written.value : computed;
}

/** A value a written figure may be taken at, given a fault reported elsewhere, and where that fault is reported. */
export interface Alternative {
  value: Money;
  causes: Span[];
}

/**
 * One fault, one report for a figure compared with another place (another table, the balance, the 说明): the values
 * it may be taken at given the faults reported at it or at a whole it is part of — as written and as its parts give
 * it, where it is itself reported (a failed record of it); the value a whole implies for it (the whole as written
 * less its other parts), where the whole is reported at its own parts (its own fault, whose computed sum takes this
 * figure as written). A comparison that fails but agrees with one of them follows from that fault.
 */
export function alternatives(records: readonly CheckRecord[], declared: Amount | undefined, wholes: ReadonlyArray<Amount | undefined> = [], below?: Money): Alternative[] {
  if (!declared) return [];
  const out: Alternative[] = [];
  const own = recordsOf(records, declared).find((r) => !r.ok);
  if (own) {
    const causes = own.causes ?? [declared.span];
    out.push({ value: declared.value, causes }, { value: own.computed, causes });
    // A figure that follows from a fault further below (its record's causes) may also be taken at what the figures
    // below give (`below`), as the fault's report takes them.
    if (below !== undefined) out.push({ value: below, causes });
  }
  for (const w of wholes) {
    const wf = ownFault(records, w);
    if (w && wf) out.push({ value: declared.value + (w.value - wf.computed), causes: [w.span] });
  }
  return out;
}

/**
 * One fault, one report for a relation between two figures (equal, not above …): the first pair of values — each as
 * it stands or at one of its alternatives — for which `holds` is true while a fault reported elsewhere is involved
 * (at least one of the two is an alternative). The relation failing as written but holding so follows from that fault.
 */
export function throughFaults(a: Money, aAlts: readonly Alternative[], b: Money, bAlts: readonly Alternative[], holds: (x: Alternative, y: Alternative) => boolean): [Alternative, Alternative] | undefined {
  for (const x of [{ value: a, causes: [] }, ...aAlts]) {
    for (const y of [{ value: b, causes: [] }, ...bAlts]) if ((x.causes.length || y.causes.length) && holds(x, y)) return [x, y];
  }
  return undefined;
}

/**
 * The record that says most about a written figure: the first that fails, else the first not exactly equal, else
 * the last (a 收入科目 cell checked against its children and then its row's parts shows the parts).
 */
export function recordFor(records: readonly CheckRecord[], declared: Amount | undefined): CheckRecord | undefined {
  const rs = recordsOf(records, declared);
  return rs.find((r) => !r.ok) ?? rs.find((r) => r.declared.value !== r.computed) ?? rs[rs.length - 1];
}

/**
 * One fault, one report: the consequences of a reported fault (the failed records whose causes name it: parent
 * rows, the same figure in other tables) become related information on that one diagnostic.
 */
export function attachConsequences(records: readonly CheckRecord[], diagnostics: Diagnostic[], format: (v: Money, r: CheckRecord) => string): void {
  // Nothing follows from anything (the usual case): no index of the diagnostics by place (a string key and an
  // array per diagnostic: a tenth of a check with 170,000 diagnostics).
  if (!records.some((r) => !r.ok && r.causes)) return;
  const at = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const k = `${d.start}:${d.end}`;
    at.set(k, [...(at.get(k) ?? []), d]);
  }
  // A cause that is itself a consequence (its figure's failed record names further causes, whichever check
  // recorded it first) leads on to the diagnostic where the fault is reported.
  const following = new Map<string, Span[]>();
  for (const r of records) {
    if (r.ok || !r.causes) continue;
    const k = `${r.declared.span.start}:${r.declared.span.end}`;
    following.set(k, [...(following.get(k) ?? []), ...r.causes]);
  }
  const reportedAt = (c: Span, seen = new Set<string>()): Diagnostic[] => {
    const k = `${c.start}:${c.end}`;
    if (seen.has(k)) return [];
    seen.add(k);
    return at.get(k) ?? (following.get(k) ?? []).flatMap((x) => reportedAt(x, seen));
  };
  for (const r of records) {
    if (r.ok || !r.causes) continue;
    for (const c of r.causes) {
      for (const d of reportedAt(c)) {
        const where = r.shows?.span ?? r.declared.span;
        const same = (x: Span): boolean => x.start === where.start && x.end === where.end;
        if (same(d) || d.related?.some(same)) continue;
        const diff = format(r.declared.value - r.computed, r);
        (d.related ??= []).push({
          start: where.start, end: where.end,
          message: r.shows
            ? { zh: `受此影响：${r.shows.written.zh}所写的 ${r.declared.text} 与此处的${r.against.zh}相差 ${diff}`, en: `Follows from it: ${r.shows.written.en}, written ${r.declared.text}, is off by ${diff} from ${r.against.en} (here)` }
            : { zh: `受此影响：此处写作 ${r.declared.text}，与${r.against.zh}相差 ${diff}`, en: `Follows from it: written ${r.declared.text} here, off by ${diff} from ${r.against.en}` },
        });
      }
    }
  }
}
