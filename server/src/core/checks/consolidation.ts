import { incomeFuncKey, incomeFuncStated, type IncomeFuncNode, type UnitFigures } from '../compute';
import type { Related, Span } from '../diagnostics';
import type { Amount, Department, IncomeFuncRow, Unit } from '../model';
import { abs, formatMoney, type Money } from '../money';
import type { RoundingMode } from '../model';
import { KIND_NAME, roundingTolerance, toleranceText, type CheckContext } from './context';

/** The codes checkConsolidation reports. */
export const CONSOLIDATION_CODES = ['BUD509'] as const;

/** How a department's units are found in other files (a department over its units' files, references.ts). */
export interface ConsolidationOptions {
  /** The file of a unit that is not in this document: its contributions become related locations there. */
  fileOf?: (unit: Unit) => string | undefined;
  /** The rounding mode: under 容差 (tolerant) a written figure may differ from its units' sum by their rounding. */
  rounding?: RoundingMode;
}

/** The parent of a classification code (类 3, 款 5, 项 7 digits; 经济分类 3, 5), '' for a 类 (the 合计 row). */
function parentCode(code: string): string {
  return code.length > 3 ? code.slice(0, code.length - 2) : '';
}

/**
 * A department written with its own sections (部门汇总): each of its classification codes, 合计 rows and
 * 收入总计 must equal the sum over its units that have the same section. The one check across units.
 *
 * One fault, one report: a code or 合计 whose difference is exactly the sum of the differences of its own
 * written sub-codes is their consequence and not reported again (the sub-code that differs is).
 */
export function checkConsolidation(dep: Department, figures: UnitFigures[], report: CheckContext<(typeof CONSOLIDATION_CODES)[number]>['report'], options: ConsolidationOptions = {}): void {
  const byUnit = new Map(figures.map((f) => [f.unit, f]));
  const cu = dep.consolidated;
  const cf = cu && byUnit.get(cu);
  if (!cu || !cf) return;
  const members = dep.units.map((u) => byUnit.get(u)).filter((f): f is UnitFigures => f !== undefined);
  const show = (v: Money): string => formatMoney(v, cu.moneyUnit);
  interface Part { m: UnitFigures; value: Money; at?: Span }
  const related = (parts: Part[]): Related[] => {
    const out: Related[] = [];
    for (const p of parts) {
      const file = options.fileOf?.(p.m.unit);
      if (file === undefined || !p.at) continue;
      const v = formatMoney(p.value, p.m.unit.moneyUnit);
      out.push({ start: p.at.start, end: p.at.end, file, message: { zh: `单位“${p.m.unit.name.text}”：${v}`, en: `unit “${p.m.unit.name.text}”: ${v}` } });
    }
    return out;
  };
  /** The difference (own − sum of the parts), undefined when nothing is compared. */
  const difference = (own: Money | undefined, parts: Part[]): Money | undefined => (own === undefined || !parts.length ? undefined : own - parts.reduce((a, b) => a + b.value, 0n));
  const compare = (span: Span, what: { zh: string; en: string }, own: Money | undefined, parts: Part[], written?: Amount): void => {
    const diff = difference(own, parts);
    if (diff === undefined || diff === 0n || own === undefined) return;
    const tolerance = roundingTolerance(options.rounding, written, parts.length);
    if (abs(diff) <= tolerance) return;
    const rel = related(parts);
    report('BUD509', span, { what: what.zh, whatEn: what.en, declared: show(own), computed: show(own - diff), diff: show(diff), ...toleranceText(tolerance, cu.moneyUnit) }, rel.length ? { related: rel } : {});
  };
  for (const kind of ['func', 'econ', 'gov'] as const) {
    const sec = cu[kind];
    if (!sec || !members.some((m) => m.unit[kind])) continue;
    const withSection = members.filter((m) => m.unit[kind]);
    const rowAt = (m: UnitFigures, code: string): Span | undefined => {
      const r = code ? m.unit[kind]?.rows.find((x) => x.code === code && !x.source) : m.unit[kind]?.total;
      return r ? r.cells.total?.span ?? r.codeSpan : undefined;
    };
    const partsOf = (code: string): Part[] => withSection.map((m) => ({ m, value: (code ? m[kind].byCode.get(code)?.cells.total : m[kind].root.cells.total) ?? 0n, at: rowAt(m, code) }));
    // Each written code (and the 合计 row, code ''): its span, its own value, its difference.
    const lines: Array<{ code: string; span: Span; what: { zh: string; en: string }; own?: Money; parts: Part[]; diff?: Money; written?: Amount }> = [];
    if (sec.total) lines.push({ code: '', span: sec.total.cells.total?.span ?? sec.total.span, what: { zh: `${KIND_NAME[kind].zh}合计`, en: `${KIND_NAME[kind].en} total` }, own: cf[kind].root.cells.total, parts: partsOf(''), written: sec.total.cells.total ?? Object.values(sec.total.cells).find((c) => c !== undefined) });
    for (const r of sec.rows) {
      if (r.source) continue;
      lines.push({ code: r.code, span: r.cells.total?.span ?? r.codeSpan, what: { zh: `科目 ${r.code} 合计`, en: `code ${r.code} total` }, own: cf[kind].byCode.get(r.code)?.cells.total, parts: partsOf(r.code), written: r.cells.total ?? Object.values(r.cells).find((c) => c !== undefined) });
    }
    for (const l of lines) l.diff = difference(l.own, l.parts);
    for (const l of lines) {
      if (!l.diff) continue;
      const children = lines.filter((c) => c !== l && c.code !== '' && parentCode(c.code) === l.code && c.diff);
      if (children.length && children.reduce((a, c) => a + (c.diff ?? 0n), 0n) === l.diff) continue;
      compare(l.span, l.what, l.own, l.parts, l.written);
    }
  }
  // 收入科目: its 合计 row and each code's 合计.
  const withIncomeFunc = members.filter((m) => m.unit.incomeFunc);
  if (cu.incomeFunc && withIncomeFunc.length) {
    const total = (n: IncomeFuncNode | undefined): Money => (n && incomeFuncStated(n, '收入总计')) ?? 0n;
    const writtenOf = (r: IncomeFuncRow): Amount | undefined => r.cells.find((c) => incomeFuncKey(c) === '收入总计')?.amount;
    const cellOf = (r: IncomeFuncRow): Span => writtenOf(r)?.span ?? r.codeSpan;
    const partsOf = (code: string | undefined): Part[] => withIncomeFunc.map((m) => {
      const row = code === undefined ? m.unit.incomeFunc?.total : m.unit.incomeFunc?.rows.find((x) => x.code === code);
      return { m, value: total(code === undefined ? m.incomeFunc.root : m.incomeFunc.byCode.get(code)), at: row && cellOf(row) };
    });
    if (cu.incomeFunc.total) compare(cellOf(cu.incomeFunc.total), { zh: '收入科目合计', en: 'income-by-function total' }, incomeFuncStated(cf.incomeFunc.root, '收入总计'), partsOf(undefined), writtenOf(cu.incomeFunc.total));
    for (const r of cu.incomeFunc.rows) {
      compare(cellOf(r), { zh: `收入科目 ${r.code} 合计`, en: `income by function ${r.code} total` }, ((n) => n && incomeFuncStated(n, '收入总计'))(cf.incomeFunc.byCode.get(r.code)), partsOf(r.code), writtenOf(r));
    }
  }
  const inc = cf.income.lines.get('收入总计');
  if (inc?.amount && members.some((m) => m.unit.income)) {
    const parts = members.filter((m) => m.unit.income).map((m) => ({ m, value: m.income.values.get('收入总计') ?? 0n, at: m.income.lines.get('收入总计')?.amount?.span }));
    compare(inc.amount.span, { zh: '收入总计', en: 'total income' }, cf.income.values.get('收入总计'), parts, inc.amount);
  }
}
