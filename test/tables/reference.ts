/**
 * The published reference document (PDF text flattened: cells separated by spaces, long cells wrapped,
 * multi-page tables repeating their headers), split into its tables.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (tests normally run from out/test/<area>/, i.e. three levels below it). */
export const ROOT = findRoot(__dirname);

function findRoot(from: string): string {
  for (let d = from; d !== path.dirname(d); d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'samples'))) return d;
  }
  return path.resolve(__dirname, '../../..');
}
/** The reference document, kept in the repository's fixtures with its provenance (test/fixtures/reference/README.md). */
export const REFERENCE = path.resolve(ROOT, 'test/fixtures/reference/fushun-2025.txt');

export interface RefTable {
  /** '表1' … '表18'. */
  id: string;
  /** For 表17: the project name (项目(政策)名称). */
  part?: string;
  /** The table's text (all its pages), without the title line of the next table. */
  text: string;
}

/** Splits the reference at the table headings (a line starting with 表N); pages of one table are merged. */
export function splitReference(text: string): RefTable[] {
  const lines = text.split(/\r?\n/);
  const starts: Array<{ line: number; id: string }> = [];
  lines.forEach((l, i) => {
    const m = /^(表\d+)(?:\s|$)/.exec(l.trim());
    if (m) starts.push({ line: i, id: m[1] });
  });
  const pages: RefTable[] = starts.map((s, k) => {
    let end = k + 1 < starts.length ? starts[k + 1].line : lines.length;
    if (k + 1 < starts.length) {
      // Leave out the next table's title: the last non-empty line before its 表N line.
      let j = end - 1;
      while (j > s.line && !lines[j].trim()) j--;
      end = j;
    }
    const body = lines.slice(s.line, end).join('\n');
    const part = /项目\(政策\)名称\s+(.+)/.exec(body)?.[1].trim();
    return { id: s.id, part, text: body };
  });
  // Merge consecutive pages of the same table (表17 pages are separate projects).
  const out: RefTable[] = [];
  for (const p of pages) {
    const last = out[out.length - 1];
    if (last && last.id === p.id && p.id !== '表17') last.text += '\n' + p.text;
    else out.push(p);
  }
  return out;
}

/** Whole whitespace-separated tokens that are published amounts (thousands separators, two decimals). */
export function amountTokens(text: string): string[] {
  return text.split(/\s+/).filter((t) => /^-?\d{1,3}(?:,\d{3})*\.\d{2}$/.test(t));
}

export function readReference(): RefTable[] {
  return splitReference(fs.readFileSync(REFERENCE, 'utf8'));
}

export function multiset(xs: string[]): Record<string, number> {
  const m: Record<string, number> = {};
  for (const x of xs) m[x] = (m[x] ?? 0) + 1;
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)));
}
