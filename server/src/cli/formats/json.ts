/** The JSON format: one array of diagnostics, 1-based positions, columns in UTF-16 code units (as LSP). */
import { renderMessage } from '../../core/diagnostics';
import { pick } from '../../core/i18n';
import type { CheckedFile, FormatContext } from './types';

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  related: Array<{ file: string; line: number; column: number; endLine: number; endColumn: number; message: string }>;
}

/** A finding on an imported document: the page and printed line it comes from, and its line in the imported text. */
export interface JsonDocumentDiagnostic {
  file: string;
  page: number;
  printedLine: number;
  printed: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
  related: Array<{ page?: number; printedLine?: number; message: string }>;
}

export function formatJson(files: CheckedFile[], ctx: FormatContext): string {
  const out: Array<JsonDiagnostic | JsonDocumentDiagnostic> = [];
  for (const { target, findings } of files) {
    for (const f of findings) {
      if (f.origin) {
        out.push({
          file: target.display, page: f.origin.page, printedLine: f.origin.line, printed: f.origin.text, line: f.line, column: f.column,
          severity: f.severity, code: f.code, message: renderMessage(f, ctx.locale),
          related: f.related.map((r) => ({ page: r.origin?.page, printedLine: r.origin?.line, message: pick(ctx.locale, r.message) })),
        });
        continue;
      }
      out.push({
        file: target.display, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn,
        severity: f.severity, code: f.code, message: renderMessage(f, ctx.locale),
        related: f.related.map((r) => ({ file: target.display, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn, message: pick(ctx.locale, r.message) })),
      });
    }
  }
  return JSON.stringify(out, null, 2) + '\n';
}
