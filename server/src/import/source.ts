/**
 * The document as the importer reads it, whatever it came from (a PDF, a workbook, pasted text): pages of
 * printed lines, each line a row of cells with their horizontal positions. Every figure the importer places
 * keeps the page, line and box it came from (the source map of `budget check doc.pdf` and `--annotate`).
 */

export interface SourceCell {
  /** The cell's text as printed (whitespace inside a cell kept as one space). */
  text: string;
  /**
   * Horizontal extent: PDF points (left to right), display columns of a text line, or spreadsheet columns laid
   * out ten units wide (xlsx.ts; a merged cell spans its columns).
   */
  x0: number;
  x1: number;
  /** The printed line of the cell when it differs from its line's (a row rebuilt from one cell per line: text.ts). */
  line?: number;
}

export interface SourceLine {
  /** 1-based page (a PDF page, a workbook sheet, a form-feed page of a text). */
  page: number;
  /** 1-based printed line on its page (PDF: counted from the top; text: the line of the file; sheet: the row). */
  line: number;
  cells: SourceCell[];
  /** PDF only: the line's vertical extent on the page, in points from the bottom (for annotation boxes). */
  y0?: number;
  y1?: number;
}

export interface SourcePage {
  number: number;
  /** PDF: the page size in points. */
  width?: number;
  height?: number;
  /** A workbook sheet's name. */
  label?: string;
}

export type SourceKind = 'pdf' | 'xlsx' | 'text';

export interface SourceDoc {
  kind: SourceKind;
  /**
   * True when cell positions mean columns (PDF, text laid out in columns, a workbook); false for text whose
   * cells were flattened to single spaces (a copy from a PDF viewer): columns are then told apart by their
   * arithmetic (tables.ts).
   */
  positional: boolean;
  pages: SourcePage[];
  /** All lines, in reading order (page by page, top to bottom). */
  lines: SourceLine[];
}

/** Where a figure or a line was printed: what the source map keeps. */
export interface SourceRef {
  page: number;
  line: number;
  /** The cell's extent (same units as SourceCell) and, for PDFs, the line's vertical extent. */
  x0?: number;
  x1?: number;
  y0?: number;
  y1?: number;
  /** The printed text (a figure, or a whole line kept as a comment). */
  text: string;
}

export function lineText(l: SourceLine): string {
  return l.cells.map((c) => c.text).join(' ');
}

export function refOf(l: SourceLine, c?: SourceCell): SourceRef {
  const r: SourceRef = { page: l.page, line: c?.line ?? l.line, text: c ? c.text : lineText(l) };
  const x0 = c ? c.x0 : l.cells[0]?.x0;
  const x1 = c ? c.x1 : l.cells[l.cells.length - 1]?.x1;
  if (x0 !== undefined) r.x0 = x0;
  if (x1 !== undefined) r.x1 = x1;
  if (l.y0 !== undefined) r.y0 = l.y0;
  if (l.y1 !== undefined) r.y1 = l.y1;
  return r;
}

/** A reading failure the user must hear about (exit 2): no text layer, a password, a broken file … */
export class ImportError extends Error {
  constructor(readonly kind: 'no-text' | 'encrypted' | 'corrupt' | 'unsupported' | 'empty' | 'unrecognised', readonly zh: string, readonly en: string) {
    super(`${zh} / ${en}`);
  }
}
