/**
 * `budget check doc.pdf --annotate out.pdf`: a copy of the PDF with each finding boxed on its page (a
 * Square annotation whose text is the finding, coloured by severity) and labelled with its code, for the
 * reviewer to send back to the unit. Through pdf-lib.
 */
import type { Severity } from '../core/diagnostics';
import type { SourceRef } from './source';

export interface Finding {
  ref: SourceRef;
  severity: Severity;
  code: string;
  /** The message (Chinese and English). */
  message: string;
}

const COLORS: Record<Severity, [number, number, number]> = {
  error: [0.85, 0.1, 0.1],
  warning: [0.95, 0.55, 0.0],
  information: [0.1, 0.4, 0.85],
  hint: [0.4, 0.4, 0.4],
};

/** The annotated copy; findings without a position on a page (a workbook, text) are left out. */
export async function annotatePdf(original: Uint8Array, findings: Finding[]): Promise<Uint8Array> {
  const { PDFDocument, PDFName, PDFString, PDFHexString, StandardFonts, rgb } = await import('pdf-lib');
  const pdf = await PDFDocument.load(original, { updateMetadata: false });
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const pages = pdf.getPages();
  for (const f of findings) {
    const page = pages[f.ref.page - 1];
    if (!page || f.ref.y0 === undefined || f.ref.y1 === undefined) continue;
    const { width } = page.getSize();
    const x0 = Math.max(0, (f.ref.x0 ?? 20) - 2);
    const x1 = Math.min(width, (f.ref.x1 ?? width - 20) + 2);
    const y0 = f.ref.y0 - 1;
    const y1 = f.ref.y1 + 1;
    const [r, g, b] = COLORS[f.severity];
    const annot = pdf.context.obj({
      Type: 'Annot',
      Subtype: 'Square',
      Rect: [x0, y0, x1, y1],
      C: [r, g, b],
      Border: [0, 0, 1.2],
      BS: { W: 1.2, S: 'S' },
      F: 4,
      T: PDFString.of('budget check'),
      Contents: PDFHexString.fromText(`${f.code} ${f.message}`),
      NM: PDFString.of(`budget-${f.code}-${f.ref.page}-${f.ref.line}-${Math.round(x0)}`),
    });
    const ref = pdf.context.register(annot);
    const annots = page.node.lookup(PDFName.of('Annots'));
    if (annots && 'push' in annots) (annots as unknown as { push(x: unknown): void }).push(ref);
    else page.node.set(PDFName.of('Annots'), pdf.context.obj([ref]));
    // The code printed next to the box, so a printed copy shows it too.
    page.drawText(f.code, { x: x0, y: y1 + 1, size: 6, font, color: rgb(r, g, b) });
  }
  return pdf.save({ useObjectStreams: false });
}
