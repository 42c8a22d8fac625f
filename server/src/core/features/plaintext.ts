/**
 * Markdown and snippets → plain text, for clients that accept only plain text in hovers, completion documentation and
 * tooltips (LSP `contentFormat` / `documentationFormat` without `markdown`). Handles what the features write:
 * bold, code spans, backslash escapes and pipe tables; table columns are aligned by display width, so Chinese
 * text lines up in a monospaced editor font. Numeric columns (`--:` in the separator row) are right-aligned.
 */
import { displayWidth, padEndDisplay, padStartDisplay } from '../width';

function inline(s: string): string {
  return s
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .replace(/\\([\\`*_|<>[\]])/g, '$1');
}

/** The cells of a table row `| a | b |`, honouring escaped pipes. */
function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => inline(c.trim()));
}

function isSeparator(line: string): boolean {
  return /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line);
}

function table(lines: string[]): string[] {
  const sep = lines.findIndex(isSeparator);
  const right = sep >= 0 ? cells(lines[sep]).map((c) => /-:$/.test(c.trim())) : [];
  const rows = lines.filter((_, i) => i !== sep).map(cells);
  // Reduced, not spread into Math.max: a table may have tens of thousands of rows (spreading overflows the stack).
  const n = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const widths = Array.from({ length: n }, (_, k) => rows.reduce((m, r) => Math.max(m, displayWidth(r[k] ?? '')), 0));
  return rows.map((r) => widths.map((w, k) => (right[k] ? padStartDisplay(r[k] ?? '', w) : padEndDisplay(r[k] ?? '', w))).join('  ').trimEnd());
}

export function markdownToPlainText(md: string): string {
  const out: string[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trimStart().startsWith('|')) {
      const start = i;
      while (i + 1 < lines.length && lines[i + 1].trimStart().startsWith('|')) i++;
      for (const row of table(lines.slice(start, i + 1))) out.push(row);
      continue;
    }
    out.push(inline(lines[i].replace(/^#{1,6}\s+/, '')));
  }
  return out.join('\n');
}

/** A snippet as the text it inserts with its placeholders filled in, a choice by its first option (for clients
 * without snippet support). */
export function snippetToPlainText(snippet: string): string {
  return snippet
    .replace(/(?<!\\)\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/(?<!\\)\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1')
    .replace(/(?<!\\)(?:\$\{\d+\}|\$\d+)/g, '')
    .replace(/\\([$}\\])/g, '$1');
}
