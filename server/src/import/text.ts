/**
 * Text → printed lines of cells: the output of a PDF-to-text tool (columns laid out with spaces, pages
 * separated by form feeds) or text copied from a PDF viewer (cells flattened to single spaces, long cells
 * wrapped over lines). Laid-out text keeps its columns (a cell's position is its display column); flattened
 * text does not, and its tables are read by their arithmetic instead.
 */
import { displayWidth } from '../core/width';
import type { SourceCell, SourceDoc, SourceLine, SourcePage } from './source';

const AMOUNT = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

export function readText(text: string): SourceDoc {
  const raw = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const positional = looksLaidOut(raw);
  const lines: SourceLine[] = [];
  const pages: SourcePage[] = [{ number: 1 }];
  let page = 1;
  raw.forEach((l, i) => {
    // pdftotext separates pages by a form feed at the start of the page's first line; pages joined by a form
    // feed alone (page texts of another extractor) put it after the page's last line, on the same line: the
    // text before it belongs to the page it ends, the text after it to the next.
    l.split('\f').forEach((part, k) => {
      if (k > 0) pages.push({ number: ++page });
      const s = part.replace(/[\u00a0\u2000-\u200b\u3000\t]/g, ' ');
      if (!s.trim()) return;
      const cells = positional ? splitLaidOut(s) : splitFlat(s);
      if (cells.length) lines.push({ page, line: i + 1, cells });
    });
  });
  return { kind: 'text', positional, pages, lines };
}

/**
 * Laid out in columns when lines holding several amounts separate them by two or more spaces; text copied
 * from a viewer separates them by one.
 */
function looksLaidOut(lines: string[]): boolean {
  let wide = 0;
  let single = 0;
  for (const l of lines) {
    const m = l.match(/\d(\s+)[-−]?\d[\d,]*(?:\.\d+)?(?=\s|$)/g);
    if (!m) continue;
    for (const x of m) {
      const gap = /\d(\s+)/.exec(x)![1].length;
      if (gap >= 2) wide++;
      else single++;
    }
  }
  return wide > single;
}

/** Cells of a laid-out line: runs of two or more spaces separate cells (and one space between two amounts). */
function splitLaidOut(s: string): SourceCell[] {
  const cells: SourceCell[] = [];
  const re = /\S+(?: \S+)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const col = displayWidth(s.slice(0, m.index));
    // Two amounts one space apart are two cells (a narrow column).
    const words = m[0].split(' ');
    if (words.length > 1 && words.every((w) => AMOUNT.test(w))) {
      let at = col;
      for (const w of words) {
        cells.push({ text: w, x0: at, x1: at + displayWidth(w) });
        at += displayWidth(w) + 1;
      }
    } else cells.push({ text: m[0], x0: col, x1: col + displayWidth(m[0]) });
  }
  return cells;
}

/**
 * A figure printed against the numbered label of the next cell without a space (`47,483,458一、社会保障和就业支出`:
 * a 收支 table's income figure and the 支出 side's item, as some extractors give them): the figure ends where
 * the numbered label starts. Only a grouped or decimal figure is split, and only before an item's numbering, so
 * prose (`4748.35万元`, `2026年`) keeps its words.
 */
const FIGURE_THEN_ITEM = /^([-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-−]?\d+\.\d+)((?:[一二三四五六七八九十]+[、．]|[（(][一二三四五六七八九十]+[）)])\S*)$/;

/** Cells of a flattened line: every word (a figure glued to the next item's numbered label is two). */
function splitFlat(s: string): SourceCell[] {
  const cells: SourceCell[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const col = displayWidth(s.slice(0, m.index));
    const glued = FIGURE_THEN_ITEM.exec(m[0]);
    if (glued) {
      const at = col + displayWidth(glued[1]);
      cells.push({ text: glued[1], x0: col, x1: at }, { text: glued[2], x0: at, x1: col + displayWidth(m[0]) });
    } else cells.push({ text: m[0], x0: col, x1: col + displayWidth(m[0]) });
  }
  return cells;
}
