/**
 * Text → printed lines of cells: the output of a PDF-to-text tool (columns laid out with spaces, pages
 * separated by form feeds) or text copied from a PDF viewer (cells flattened to single spaces, long cells
 * wrapped over lines). Laid-out text keeps its columns (a cell's position is its display column); flattened
 * text does not, and its tables are read by their arithmetic instead.
 */
import { displayWidth } from '../core/width';
import { isWholeCode } from './cells';
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
  return { kind: 'text', positional, pages, lines: !positional && oneCellPerLine(lines) ? rebuildRows(lines) : lines };
}

const isFigure = (t: string): boolean => AMOUNT.test(t);
/** A 款/项 part of a code (01); a code alone on its line (207, 20701, 2070101) is a whole code (isWholeCode). */
const PART = /^\d{2}$/;

/**
 * Text that gives each table cell a line of its own (some extractors do: `207` / `01` / `行政运行` / `4,654,597` /
 * `4,654,597`): most lines that hold a figure hold nothing else, or start with it.
 */
function oneCellPerLine(lines: SourceLine[]): boolean {
  const withFigures = lines.filter((l) => l.cells.some((c) => isFigure(c.text)));
  const alone = withFigures.filter((l) => l.cells.length === 1);
  return alone.length >= 20 && alone.length * 2 > withFigures.length;
}

/**
 * Rows of a text that gives each cell its own line, put back together: a code alone on its line starts a row and
 * takes the 款/项 parts and the name on the lines after it; figures at the start of a line go back to the line
 * before (the row, a 收支 item or the 三公 figures), and the rest of that line (the next item's label) starts a line
 * of its own. Each cell keeps the line it was printed on. A code alone on its line followed by a figure is a figure.
 */
function rebuildRows(lines: SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  const codeOnly = (l: SourceLine): boolean => l.cells.every((c, k) => (k === 0 ? isWholeCode(c.text) : PART.test(c.text)));
  const append = (to: SourceLine, cells: SourceCell[], from: SourceLine): void => {
    let at = to.cells[to.cells.length - 1].x1 + 1;
    for (const c of cells) {
      const w = c.x1 - c.x0;
      to.cells.push({ ...c, x0: at, x1: at + w, line: c.line ?? from.line });
      at += w + 1;
    }
  };
  lines.forEach((l, i) => {
    const prev = out[out.length - 1];
    const same = prev !== undefined && prev.page === l.page;
    const next = lines[i + 1];
    const startsRow = l.cells.length === 1 && isWholeCode(l.cells[0].text) && next !== undefined && next.page === l.page && (PART.test(next.cells[0].text) || !isFigure(next.cells[0].text));
    if (same && !startsRow && codeOnly(prev) && (l.cells.length === 1 && PART.test(l.cells[0].text) ? prev.cells.length < 3 : !l.cells.some((c) => isFigure(c.text)))) {
      append(prev, l.cells, l);
      return;
    }
    const lead = startsRow ? 0 : l.cells.findIndex((c) => !isFigure(c.text));
    const figures = lead < 0 ? l.cells.length : lead;
    if (same && figures > 0) {
      append(prev, l.cells.slice(0, figures), l);
      if (figures < l.cells.length) out.push({ ...l, cells: l.cells.slice(figures) });
      return;
    }
    out.push({ ...l, cells: [...l.cells] });
  });
  return out;
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
  // The column of each run, measured from the end of the run before it (once over the line, not from its start).
  let col = 0;
  let from = 0;
  while ((m = re.exec(s))) {
    col += displayWidth(s.slice(from, m.index));
    from = m.index;
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
  let col = 0;
  let from = 0;
  while ((m = re.exec(s))) {
    col += displayWidth(s.slice(from, m.index));
    from = m.index;
    const glued = FIGURE_THEN_ITEM.exec(m[0]);
    if (glued) {
      const at = col + displayWidth(glued[1]);
      cells.push({ text: glued[1], x0: col, x1: at }, { text: glued[2], x0: at, x1: col + displayWidth(m[0]) });
    } else cells.push({ text: m[0], x0: col, x1: col + displayWidth(m[0]) });
  }
  return cells;
}
