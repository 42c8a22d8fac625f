/**
 * The core entry point: text in, syntax tree + model + figures + diagnostics out. Used by the CLI, the
 * language server and the tests alike. Never throws: a defect in a stage (binding, computing a unit, a check, a
 * department's consolidation) is reported where it happened as an internal error (BUD019), and the rest goes on.
 */
import { bind, tidy, type Defaults } from './bind';
import { builtinCatalog, type Catalog } from './catalog';
import { CHECKS, checkConsolidation, type CheckContext } from './checks';
import { computeUnit, type UnitFigures } from './compute';
import { internalErrorArgs, makeDiagnostic, severityOf, type Diagnostic } from './diagnostics';
import type { BudgetModel, RoundingMode, Unit } from './model';
import { formatMoney } from './money';
import { attachConsequences } from './records';
import { MAX_TOKENS, parse } from './parser';
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
  if (tree.truncated !== undefined) diagnostics.push(truncatedAt(text, tree.truncated));
  const catalog = options.catalog ?? builtinCatalog();
  const rounding = model.roundingSpan ? model.rounding : options.rounding ?? model.rounding;
  const figures: UnitFigures[] = [];
  for (const unit of model.units) {
    const f = checkUnit(model, unit, catalog, rounding, text, diagnostics, options.checks ?? true);
    if (f) figures.push(f);
  }
  if (options.checks ?? true) {
    for (const dep of model.departments) {
      // A department over its units' files is consolidated by the caller, which has those files (references.ts).
      if (dep.unitFiles.length) continue;
      try {
        checkConsolidation(dep, figures, (code, span, args, extra, deferred) => {
          diagnostics.push(makeDiagnostic(code, span, args as Diagnostic['args'], extra, deferred));
        }, { rounding });
      } catch (e) {
        diagnostics.push(internalError(dep.name.span, e, 'consolidation'));
      }
    }
  }
  sortDiagnostics(diagnostics);
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
 * binder gives an empty model and an internal error (BUD019) on the first line, never an exception.
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
    report(code, span, args, extra, deferred) {
      diagnostics.push(makeDiagnostic(code, span, args as Diagnostic['args'], extra, deferred));
    },
  };
  if (!runChecks) return f;
  const first = diagnostics.length;
  for (const c of CHECKS) {
    try {
      c.run(ctx);
    } catch (e) {
      diagnostics.push(internalError(unit.headerSpan, e, c.name));
    }
  }
  attachConsequences(f.records, diagnostics.slice(first), (v, r) => formatMoney(v, r.declared.unit, { minDecimals: r.declared.decimals }));
  return f;
}

/**
 * Sorts for stable output. Ranges are not clamped here: every range the core reports lies inside the document by
 * construction, and the tests check that on the very values callers get (a clamp would hide a wrong range from
 * them); the protocol edge clamps positions anyway (LineIndex).
 */
export function sortDiagnostics(diagnostics: Diagnostic[]): void {
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

/** An analysis with nothing parsed and one diagnostic on the first line. */
function unparsed(text: string, diagnostic: (span: { start: number; end: number }) => Diagnostic): Analysis {
  return {
    text,
    tree: { stmts: [], errors: [], comments: [], length: text.length, tokens: 0 },
    tidied: { stmts: [] },
    model: { units: [], departments: [], rounding: 'exact' },
    figures: [],
    diagnostics: [diagnostic(firstLine(text))],
  };
}

/** The first line of a text (at most 200 characters, at least one if there is any), for a diagnostic about the whole file. */
function firstLine(text: string): { start: number; end: number } {
  const nl = text.search(/[\r\n]/);
  const end = Math.min(nl < 0 ? text.length : nl, 200);
  return { start: 0, end: Math.max(end, Math.min(1, text.length)) };
}

/** The degraded analysis of a text over MAX_ANALYZED_LENGTH: nothing parsed, one warning on the first line. */
function tooLarge(text: string): Analysis {
  const n = (x: number): string => x.toLocaleString('en-US');
  return unparsed(text, (span) => ({ code: 'BUD010', severity: severityOf('BUD010'), ...span, args: { size: n(text.length), limit: n(MAX_ANALYZED_LENGTH) } }));
}

/**
 * What a caller that must not fail (the language server) puts in place of an analysis that threw — a defect: nothing
 * parsed, the internal error reported on the first line. The features answer on it as on any other analysis.
 */
export function failedAnalysis(text: string, error: unknown): Analysis {
  return unparsed(text, (span) => internalError(span, error, 'analyze'));
}

/** BUD018 where parsing stopped (parser.ts MAX_TOKENS): the rest of that line. */
function truncatedAt(text: string, at: number): Diagnostic {
  const nl = text.slice(at, at + 200).search(/[\r\n]/);
  const end = Math.max(Math.min(at + 1, text.length), nl < 0 ? Math.min(at + 200, text.length) : at + nl);
  return { code: 'BUD018', severity: severityOf('BUD018'), start: at, end, args: { limit: MAX_TOKENS.toLocaleString('en-US') } };
}

/** An internal error (a defect of the checker, not of the file) in a stage: BUD019 where it happened. */
export function internalError(span: { start: number; end: number }, e: unknown, stage: string): Diagnostic {
  return { code: 'BUD019', severity: severityOf('BUD019'), start: span.start, end: span.end, args: internalErrorArgs(stage, e) };
}
