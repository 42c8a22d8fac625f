/**
 * Text PDFs → printed lines of positioned cells, through pdfjs-dist (its legacy build, for Node). Text items
 * with their positions are grouped into lines by baseline and into cells by the gaps between them; a page
 * without any text item is a scanned page (no OCR: the reader says so). Password-protected and broken files
 * are reported as such.
 */
import { ImportError, type SourceCell, type SourceDoc, type SourceLine, type SourcePage } from './source';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | undefined;

/**
 * pdfjs-dist is an ES module: loaded on first use (the CLI's other commands do not pay for it). Its Node
 * set-up wants a DOMMatrix (only for drawing, which the importer never does) and warns on the console when
 * the optional canvas package is missing: a minimal matrix stands in, and those warnings are kept off the
 * console. The worker runs in this thread (`pdfjsWorker`), so the bundled CLI needs no worker file.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const g = globalThis as Record<string, unknown>;
    if (typeof g.DOMMatrix === 'undefined') g.DOMMatrix = MinimalMatrix;
    const warn = console.warn;
    console.warn = (...args: unknown[]): void => {
      if (!/^Warning: Cannot (load|polyfill|access)/.test(String(args[0]))) warn(...args);
    };
    try {
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return pdfjs;
    } finally {
      console.warn = warn;
    }
  })();
  return loading;
}

/** Enough of DOMMatrix for pdfjs to load (it builds one at start-up for drawing, which text reading never does). */
class MinimalMatrix {
  a = 1; b = 0; c = 0; d = 1; e = 0; f = 0;
  constructor(init?: number[]) {
    if (Array.isArray(init) && init.length >= 6) [this.a, this.b, this.c, this.d, this.e, this.f] = init;
  }
}

interface Item {
  text: string;
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  /** Font size (height of the text). */
  size: number;
}

export interface PdfReadOptions {
  /** Called with each page as it is read (progress). */
  onPage?: (page: number, pages: number) => void;
}

export async function readPdf(bytes: Uint8Array, options: PdfReadOptions = {}): Promise<SourceDoc> {
  const pdfjs = await loadPdfJs();
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  try {
    // pdfjs takes ownership of the buffer it is given: a copy keeps the caller's bytes (for --annotate).
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false,
    }).promise;
  } catch (e) {
    const name = (e as { name?: string })?.name;
    if (name === 'PasswordException') {
      throw new ImportError('encrypted', 'PDF 受密码保护，无法读取（请提供未加密的文件）', 'the PDF is password-protected and cannot be read (provide an unencrypted copy)');
    }
    throw new ImportError('corrupt', `不是可读的 PDF 文件（${(e as Error)?.message ?? e}）`, `not a readable PDF file (${(e as Error)?.message ?? e})`);
  }
  const pages: SourcePage[] = [];
  const lines: SourceLine[] = [];
  let items = 0;
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const [x0, y0, x1, y1] = page.view;
      pages.push({ number: p, width: x1 - x0, height: y1 - y0 });
      const content = await page.getTextContent();
      const its: Item[] = [];
      for (const raw of content.items) {
        if (!('str' in raw)) continue;
        const it = raw as { str: string; transform: number[]; width: number; height: number };
        for (const x of splitItem(it)) its.push(x);
      }
      items += its.length;
      // One at a time: spreading an unbounded array into a call overflows the stack.
      for (const l of groupLines(its, p)) lines.push(l);
      page.cleanup();
      options.onPage?.(p, doc.numPages);
    }
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('corrupt', `PDF 文件已损坏（${(e as Error)?.message ?? e}）`, `the PDF file is damaged (${(e as Error)?.message ?? e})`);
  } finally {
    void doc.destroy();
  }
  if (items === 0) {
    throw new ImportError('no-text', `PDF 没有文字层（${pages.length} 页，可能是扫描件）；本工具不做文字识别（OCR），请提供带文字的 PDF 或 Excel 文件`, `the PDF has no text layer (${pages.length} page(s), probably scanned); no OCR is done: provide a text PDF or the Excel workbook`);
  }
  return { kind: 'pdf', positional: true, pages, lines };
}

/** One text item, split at runs of spaces into words (widths shared out by character count). */
function splitItem(it: { str: string; transform: number[]; width: number; height: number }): Item[] {
  const size = Math.hypot(it.transform[2], it.transform[3]) || it.height || 10;
  const x = it.transform[4];
  const y = it.transform[5];
  const text = it.str.replace(/[\u00a0\u2000-\u200b\u3000]/g, ' ');
  if (!text.trim()) return [];
  // pdfjs's widths of whitespace items are unreliable; a word's width is its share of the item's width.
  const chars = [...text];
  const per = chars.length ? it.width / chars.length : 0;
  const out: Item[] = [];
  // Words are split at runs of spaces, and at a single space between Chinese and Chinese or digits (two cells
  // printed as one item: `阶段性项目 项目类别`, `0.00 其他资金`); Latin words keep their spaces.
  const re = /\S+(?: (?![\u4e00-\u9fff\d（(])\S+| (?<![\u4e00-\u9fff\d）)] ?)\S+)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const before = [...text.slice(0, m.index)].length;
    const len = [...m[0]].length;
    out.push({ text: m[0], x0: x + before * per, x1: x + (before + len) * per, y, size });
  }
  return out;
}

/** Items → lines (by baseline) → cells (by the gaps between items). */
function groupLines(items: Item[], page: number): SourceLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const rows: Item[][] = [];
  for (const it of sorted) {
    const row = rows[rows.length - 1];
    // Same line: baselines within a third of the font size (superscripts and mixed fonts included).
    if (row && Math.abs(row[0].y - it.y) <= Math.max(1.5, Math.min(row[0].size, it.size) * 0.35)) row.push(it);
    else rows.push([it]);
  }
  return rows.map((row, i) => {
    row.sort((a, b) => a.x0 - b.x0);
    const cells: SourceCell[] = [];
    let last: Item | undefined;
    for (const it of row) {
      const cell = cells[cells.length - 1];
      const gap = last ? it.x0 - last.x1 : Infinity;
      // A gap under a third of a character joins the words of one cell (a space when it is wider than a
      // hairline); an amount and a word never share a cell.
      const mixed = (/^[-\d,.()（）]+$/.test(last?.text ?? '') && /[\u4e00-\u9fff]/.test(it.text)) || (/[\u4e00-\u9fff]/.test(last?.text ?? '') && /^[-\d,.()（）]+$/.test(it.text));
      if (cell && last && !mixed && gap < Math.min(last.size, it.size) * 0.3) {
        cell.text += gap > Math.min(last.size, it.size) * 0.2 && /[\x21-\x7e]$/.test(cell.text) && /^[\x21-\x7e]/.test(it.text) ? ' ' + it.text : it.text;
        cell.x1 = Math.max(cell.x1, it.x1);
      } else cells.push({ text: it.text, x0: it.x0, x1: it.x1 });
      last = it;
    }
    const size = row.reduce((m, r) => Math.max(m, r.size), -Infinity);
    const y = row.reduce((m, r) => Math.min(m, r.y), Infinity);
    return { page, line: i + 1, cells, y0: y - size * 0.25, y1: y + size * 0.95 };
  });
}
