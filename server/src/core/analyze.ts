/**
 * The core entry point: text in, syntax tree + model + figures + diagnostics out. Used by the CLI, the
 * language server and the tests alike. Never throws: a defect in a stage (binding, computing a unit, a check, a
 * department's consolidation) is reported where it happened as an internal error (BUD018), and the rest goes on.
 */
import { bind, tidy, type Defaults } from './bind';
import { builtinCatalog, type Catalog } from './catalog';
import { CHECKS, checkConsolidation, type CheckContext } from './checks';
import { computeUnit, type UnitFigures } from './compute';
import { severityOf, type Diagnostic, type MessageArgs } from './diagnostics';
import type { BudgetModel, RoundingMode, Unit } from './model';
import { parse } from './parser';
import type { Stmt, SyntaxTree, TidyTree } from './syntax';

export interface AnalyzeOptions {
  catalog?: Catalog;
  /** The rounding mode (a setting, --rounding) for files without a 舍入 statement: the file's own wins. */
  rounding?: RoundingMode;
  /** false: compute the figures but run no checks (indexing for workspace symbols). Default true. */
  checks?: boolean;
}

export interface Analysis {
  text: string;
  /** The parser's tree, as parsed. */
  tree: SyntaxTree;
  /** The statements as read (the tidy pass's output): what the model was bound from, what features walk. */
  tidied: TidyTree;
  model: BudgetModel;
  figures: UnitFigures[];
  diagnostics: Diagnostic[];
}

const SEVERITY_RANK = { error: 0, warning: 1, information: 2, hint: 3 } as const;

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.start - b.start || a.end - b.end || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.code.localeCompare(b.code);
}

/**
 * Texts longer than this many UTF-16 code units (about 185,000 lines of budget text, 1.8 times the
 * 100,000-line practical limit the core is tuned for) are not analysed: a single BUD010 says so. Beyond it a
 * full analysis takes seconds and hundreds of megabytes — an editor would hang — and no real budget is
 * that long. docs/performance.md.
 */
export const MAX_ANALYZED_LENGTH = 4_000_000;

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  if (text.length > MAX_ANALYZED_LENGTH) return tooLarge(text);
  const tree = parse(text);
  const { tidied, model, diagnostics, unitDefaults } = bound(text, tree);
  const catalog = options.catalog ?? builtinCatalog();
  const rounding = model.roundingSpan ? model.rounding : options.rounding ?? model.rounding;
  const figures: UnitFigures[] = [];
  for (const unit of model.units) {
    const f = checkUnit(model, unit, catalog, rounding, text, diagnostics, options.checks ?? true);
    if (f) figures.push(f);
  }
  if (options.checks ?? true) {
    for (const dep of model.departments) {
      try {
        checkConsolidation(dep, figures, (code, span, args, extra = {}) => {
          diagnostics.push({ code, severity: severityOf(code), start: span.start, end: span.end, args: args as Diagnostic['args'], ...extra });
        });
      } catch (e) {
        diagnostics.push(internalError(dep.name.span, e, 'consolidation'));
      }
    }
  }
  clampAndSort(diagnostics, text.length);
  const a: Analysis = { text, tree, tidied, model, figures, diagnostics };
  STATE.set(a, { unitDefaults, options, catalog, rounding });
  return a;
}

/**
 * The syntax tree and the model only (parse + bind: no figures, no checks), for indexing many files (workspace
 * symbols). Texts over the size limit give an empty model, as in `analyze`.
 */
export function analyzeModel(text: string): Pick<Analysis, 'text' | 'tree' | 'tidied' | 'model'> {
  if (text.length > MAX_ANALYZED_LENGTH) return tooLarge(text);
  const tree = parse(text);
  const { tidied, model } = bound(text, tree);
  return { text, tree, tidied, model };
}

/**
 * The tidied statements and the model bound from them, with their diagnostics. A defect in the tidy pass or the
 * binder gives an empty model and an internal error (BUD018) on the first line, never an exception.
 */
function bound(text: string, tree: SyntaxTree): { tidied: TidyTree; model: BudgetModel; diagnostics: Diagnostic[]; unitDefaults: Map<Stmt, Defaults> } {
  try {
    const t = tidy(text, tree);
    const { model, diagnostics, unitDefaults } = bind(text, t);
    return { tidied: { stmts: t.stmts }, model, diagnostics, unitDefaults };
  } catch (e) {
    return { tidied: { stmts: tree.stmts }, model: { units: [], departments: [], rounding: 'exact' }, diagnostics: [internalError(firstLine(text), e, 'bind')], unitDefaults: new Map() };
  }
}

/** Computes one unit's figures and runs the checks on it, reporting into `diagnostics`. */
export function checkUnit(model: BudgetModel, unit: Unit, catalog: Catalog, rounding: RoundingMode, text: string, diagnostics: Diagnostic[], runChecks = true): UnitFigures | undefined {
  let f: UnitFigures;
  try {
    f = computeUnit(unit, catalog);
  } catch (e) {
    // A defect, not a user error: keep going with the other units.
    diagnostics.push(internalError(unit.headerSpan, e, 'compute'));
    return undefined;
  }
  const ctx: CheckContext = {
    model, unit, figures: f, rounding, text,
    report(code, span, args, extra = {}) {
      diagnostics.push({ code, severity: severityOf(code), start: span.start, end: span.end, args: args as Diagnostic['args'], ...extra });
    },
  };
  if (!runChecks) return f;
  for (const c of CHECKS) {
    try {
      c.run(ctx);
    } catch (e) {
      diagnostics.push(internalError(unit.headerSpan, e, c.name));
    }
  }
  return f;
}

/** Clamps ranges into the document and sorts for stable output. */
export function clampAndSort(diagnostics: Diagnostic[], length: number): void {
  for (const d of diagnostics) {
    d.start = Math.max(0, Math.min(d.start, length));
    d.end = Math.max(d.start, Math.min(d.end, length));
  }
  diagnostics.sort(compareDiagnostics);
}

/** What incremental re-analysis (incremental.ts) needs to know about an analysis, besides the analysis. */
export interface AnalysisState {
  unitDefaults: Map<Stmt, Defaults>;
  options: AnalyzeOptions;
  catalog: Catalog;
  rounding: RoundingMode;
}

const STATE = new WeakMap<Analysis, AnalysisState>();

export function analysisState(a: Analysis): AnalysisState | undefined {
  return STATE.get(a);
}

export function setAnalysisState(a: Analysis, state: AnalysisState): void {
  STATE.set(a, state);
}

/** The degraded analysis of a text over MAX_ANALYZED_LENGTH: nothing parsed, one warning on the first line. */
function tooLarge(text: string): Analysis {
  const { end } = firstLine(text);
  const n = (x: number): string => x.toLocaleString('en-US');
  return {
    text,
    tree: { stmts: [], errors: [], comments: [], length: text.length },
    tidied: { stmts: [] },
    model: { units: [], departments: [], rounding: 'exact' },
    figures: [],
    diagnostics: [{ code: 'BUD010', severity: severityOf('BUD010'), start: 0, end: Math.max(end, Math.min(1, text.length)), args: { size: n(text.length), limit: n(MAX_ANALYZED_LENGTH) } }],
  };
}

/** The first line of a text (at most 200 characters), for a diagnostic about the whole file. */
function firstLine(text: string): { start: number; end: number } {
  const nl = text.search(/[\r\n]/);
  return { start: 0, end: Math.min(nl < 0 ? text.length : nl, 200) };
}

/** An internal error (a defect of the checker, not of the file) in a stage: BUD018 where it happened. */
export function internalError(span: { start: number; end: number }, e: unknown, stage: string): Diagnostic {
  const args: MessageArgs<'BUD018'> = { stage, error: String(e instanceof Error ? e.message : e) };
  return { code: 'BUD018', severity: severityOf('BUD018'), start: span.start, end: span.end, args };
}
