/**
 * The core entry point: text in, syntax tree + model + figures + diagnostics out. Used by the CLI, the
 * language server and the tests alike. Never throws.
 */
import { bind } from './bind';
import { builtinCatalog, type Catalog } from './catalog';
import { CHECKS, type CheckContext } from './checks';
import { computeUnit, type UnitFigures } from './compute';
import { severityOf, type Diagnostic } from './diagnostics';
import type { BudgetModel, RoundingMode } from './model';
import { parse } from './parser';
import type { SyntaxTree } from './syntax';

export interface AnalyzeOptions {
  catalog?: Catalog;
  /** Overrides the file's 舍入 statement (a setting). */
  rounding?: RoundingMode;
}

export interface Analysis {
  text: string;
  tree: SyntaxTree;
  model: BudgetModel;
  figures: UnitFigures[];
  diagnostics: Diagnostic[];
}

const SEVERITY_RANK = { error: 0, warning: 1, information: 2, hint: 3 } as const;

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.start - b.start || a.end - b.end || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.code.localeCompare(b.code);
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const tree = parse(text);
  const { model, diagnostics } = bind(text, tree);
  const catalog = options.catalog ?? builtinCatalog();
  const rounding = model.roundingSpan ? model.rounding : options.rounding ?? model.rounding;
  const figures: UnitFigures[] = [];
  for (const unit of model.units) {
    let f: UnitFigures;
    try {
      f = computeUnit(unit, catalog);
    } catch (e) {
      // A defect, not a user error: keep going with the other units.
      diagnostics.push(internalError(unit.headerSpan, e));
      continue;
    }
    figures.push(f);
    const ctx: CheckContext = {
      model, unit, figures: f, rounding, text,
      report(code, span, args, extra = {}) {
        diagnostics.push({ code, severity: severityOf(code), start: span.start, end: span.end, args, ...extra });
      },
    };
    for (const c of CHECKS) {
      try {
        c.run(ctx);
      } catch (e) {
        diagnostics.push(internalError(unit.headerSpan, e, c.name));
      }
    }
  }
  // Clamp ranges into the document and sort for stable output.
  for (const d of diagnostics) {
    d.start = Math.max(0, Math.min(d.start, text.length));
    d.end = Math.max(d.start, Math.min(d.end, text.length));
  }
  diagnostics.sort(compareDiagnostics);
  return { text, tree, model, figures, diagnostics };
}

function internalError(span: { start: number; end: number }, e: unknown, check = 'compute'): Diagnostic {
  return {
    code: 'BUD001', severity: 'error', start: span.start, end: span.end,
    args: { expected: `（内部错误：${check}）`, expectedEn: `(internal error in ${check})`, found: String(e instanceof Error ? e.message : e) },
  };
}
