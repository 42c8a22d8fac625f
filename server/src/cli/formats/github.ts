/**
 * GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…,endLine=…,col=…,endColumn=…,
 * title=…::message` line per finding, which the runner shows as annotations on the changed files. Escaping
 * as the runner's toolkit does: `%`, CR and LF in the message; also `:` and `,` in properties. Columns are
 * 1-based UTF-16 code units, as in the other formats.
 */
import { REGISTRY, renderMessage } from '../../core/diagnostics';
import { pick } from '../../core/i18n';
import type { CheckedFile, FormatContext } from './types';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

export function formatGithub(files: CheckedFile[], ctx: FormatContext): string {
  const out: string[] = [];
  for (const { target, findings, failure } of files) {
    const file = escapeProperty(target.display.split('\\').join('/'));
    if (failure) out.push(`::error file=${file},title=${escapeProperty('budget')}::${escapeData(failure)}`);
    for (const f of findings) {
      const title = `${f.code} ${pick(ctx.locale, REGISTRY[f.code].title)}${f.origin ? ` (p${f.origin.page} l${f.origin.line})` : ''}`;
      // A finding on a PDF or workbook has a page, not a line of the file: annotated on the file.
      const props = f.origin
        ? `file=${file},title=${escapeProperty(title)}`
        : `file=${file},line=${f.line},endLine=${f.endLine},col=${f.column},endColumn=${f.endColumn},title=${escapeProperty(title)}`;
      out.push(`::${LEVEL[f.severity] ?? 'notice'} ${props}::${escapeData(renderMessage(f, ctx.locale))}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
