/**
 * The text format: `file:line:col: severity code message`, the source line (a window of it when long) and a
 * caret under the reported text, widths in display columns (CJK takes two); then related locations.
 */
import { renderMessage } from '../../core/diagnostics';
import { pick, type Locale } from '../../core/i18n';
import { displayWidth } from '../../core/width';
import type { Finding } from '../result';
import type { CheckedFile, FormatContext } from './types';

const SEV_ZH: Record<string, string> = { error: '错误', warning: '警告', information: '提示', hint: '提示' };

/** Long messages (a malformed token quoted whole) are cut: a terminal line, not a file dump. */
const MAX_MESSAGE = 400;

/**
 * Text for a terminal: control characters (which could clear the screen or retitle the window), bidi
 * overrides and other invisible format characters are shown as visible escapes, tabs as four spaces.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\t]/g, (c) => {
    if (c === '\t') return '    ';
    const cp = c.charCodeAt(0);
    return cp < 0x20 ? String.fromCharCode(0x2400 + cp) : cp === 0x7f ? '\u2421' : `<U+${cp.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

export function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + '…' : s;
}

export function severityLabel(severity: string, locale: Locale): string {
  return locale === 'en' ? severity : SEV_ZH[severity] ?? severity;
}

export function formatFinding(file: string, f: Finding, locale: Locale, color: boolean): string {
  if (f.origin) return formatDocumentFinding(file, f, locale);
  const paint = (c: string, x: string): string => (color ? `\x1b[${c}m${x}\x1b[0m` : x);
  const sev = paint(f.severity === 'error' ? '31;1' : f.severity === 'warning' ? '33;1' : '36', severityLabel(f.severity, locale));
  const lines = [`${file}:${f.line}:${f.column}: ${sev} ${f.code} ${printable(clip(renderMessage(f, locale), MAX_MESSAGE))}`];
  const src = f.source;
  const col = f.column - 1;
  const endChar = f.endLine === f.line ? f.endColumn - 1 : src.from + src.text.length + (src.more ? 1 : 0);
  const head = src.from > 0 ? '…' : '';
  const shown = head + printable(src.text) + (src.more ? '…' : '');
  const pad = displayWidth(head + printable(src.text.slice(0, col - src.from)));
  const width = Math.max(1, displayWidth(printable(src.text.slice(col - src.from, Math.min(endChar, src.from + src.text.length) - src.from))));
  const gutter = String(f.line);
  lines.push(` ${gutter} | ${shown}`);
  lines.push(` ${' '.repeat(gutter.length)} | ${' '.repeat(pad)}${paint('32;1', '^' + '~'.repeat(width - 1))}`);
  for (const r of f.related) {
    lines.push(`    ${paint('2', `${r.file ?? file}:${r.line}:${r.column}: ${locale === 'en' ? 'note' : '注'}: ${printable(clip(pick(locale, r.message), MAX_MESSAGE))}`)}`);
  }
  return lines.join('\n');
}

/**
 * A finding on an imported document (PDF, workbook): located by page and printed line (`doc.pdf:p17:l2`), the
 * printed text, and the statement it was imported as.
 */
function formatDocumentFinding(file: string, f: Finding, locale: Locale): string {
  const o = f.origin!;
  const en = locale === 'en';
  return [
    `${file}:p${o.page}:l${o.line}: ${severityLabel(f.severity, locale)} ${f.code} ${printable(clip(renderMessage(f, locale), MAX_MESSAGE))}`,
    `  ${en ? `page ${o.page}, line ${o.line}` : `第 ${o.page} 页第 ${o.line} 行`} | ${printable(o.text)}`,
    `  ${en ? 'imported as' : '导入为'} | ${printable(f.source.text.trim())}`,
    ...f.related.map((r) => `    ${en ? 'note' : '注'} ${r.origin ? `p${r.origin.page}:l${r.origin.line}` : ''}: ${printable(clip(pick(locale, r.message), MAX_MESSAGE))}`),
  ].join('\n');
}

export function formatText(files: CheckedFile[], ctx: FormatContext): string {
  const out: string[] = [];
  for (const f of files) {
    // A department file found for units' files of the run: say why it is there and that it is not checked whole.
    if (f.forUnits && f.findings.length) {
      const units = f.forUnits.join(ctx.locale === 'en' ? ', ' : '、');
      out.push(ctx.locale === 'en' ? `${f.target.display}: the department file listing ${units}; its findings about ${f.forUnits.length > 1 ? 'them' : 'it'}:` : `${f.target.display}：列出 ${units} 的部门文件，其中关于${f.forUnits.length > 1 ? '这些单位' : '该单位'}的问题：`);
    }
    for (const x of f.findings) out.push(formatFinding(f.target.display, x, ctx.locale, ctx.color));
  }
  return out.length ? out.join('\n\n') + '\n\n' : '';
}
