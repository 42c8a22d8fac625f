/**
 * The table preview in real headless Chromium (the webview page: media/preview.js with its CSP shell, as in
 * test/browser): time from the data's arrival to the tables on screen (first paint), and from an edit's new
 * data to the updated tables, for the reference sample and a generated budget. The server-side part (analyse
 * + build the tables) is measured apart, in this process.
 */
import { analyze } from '../server/src/core/analyze';
import { buildTables } from '../server/src/core/tables';
import { PreviewDelta } from '../client/src/preview-delta';
import { launch, startPreviewServer, tablesPayload } from '../test/browser/support';

export interface PreviewResult {
  name: string;
  lines: number;
  tables: number;
  /** analyze + buildTables in node, ms (median). */
  buildMs: number;
  /** Data posted → first table painted, ms (median of runs). */
  firstPaintMs: number;
  /** New data after an edit posted to the settled preview → the edited text painted, ms (median). */
  updateMs: number;
  /** Tables the update carries in full (the rest are references into the previous post). */
  sentTables: number;
  /** The extension's work to encode the update as a delta (preview-delta.ts), ms (median). */
  encodeMs: number;
}

/** A page expression: post window.__benchData, wait until `ready` holds and a frame has been painted. */
const PAINTED = (ready: string): string => `(async () => {
  const t0 = performance.now();
  window.postMessage(window.__benchData, '*');
  while (!(${ready})) await new Promise((r) => setTimeout(r, 0));
  await new Promise((r) => requestAnimationFrame(() => r()));
  return performance.now() - t0;
})()`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[s.length >> 1] * 10) / 10;
}

/** `edit` changes the text so that `marker` appears in the tables. */
export async function previewBench(inputs: Array<{ name: string; text: string; edit: (t: string) => string; marker: string }>, runs = 5): Promise<PreviewResult[]> {
  const browser = await launch();
  const server = await startPreviewServer();
  const out: PreviewResult[] = [];
  try {
    for (const input of inputs) {
      const build: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        buildTables(analyze(input.text));
        build.push(performance.now() - t0);
      }
      // As the extension posts them: everything first, then a delta (unchanged tables by reference).
      const delta = new PreviewDelta();
      const payload = tablesPayload(input.text, undefined, undefined, delta);
      const edited = tablesPayload(input.edit(input.text), undefined, undefined, delta);
      const encode: number[] = [];
      const editedTables = buildTables(analyze(input.edit(input.text)));
      for (let i = 0; i < runs; i++) {
        const d = new PreviewDelta();
        d.encode('file:///bench', buildTables(analyze(input.text)));
        const t0 = performance.now();
        d.encode('file:///bench', editedTables);
        encode.push(performance.now() - t0);
      }
      const first: number[] = [];
      const update: number[] = [];
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.goto(server.pageUrl());
        await page.waitForLoadState('load');
        // The page side is plain JavaScript (strings), run in the page: post the data, wait for the text,
        // then for the next frame.
        await page.evaluate((p) => { (globalThis as Record<string, unknown>).__benchData = p; }, payload);
        first.push(await page.evaluate(PAINTED('document.querySelector("section.budget-table td")')) as number);
        // An edit comes to a settled preview: wait until the tables built after the first paint are done.
        // (Polled from here: the page's CSP forbids the string evaluation waitForFunction would use.)
        for (let k = 0; k < 600 && (await page.evaluate('!!document.querySelector("section.budget-table.pending")')); k++) await page.waitForTimeout(50);
        await page.evaluate((p) => { (globalThis as Record<string, unknown>).__benchData = p; }, edited);
        // The first table (表1 of the first unit) shows the edited unit name.
        update.push(await page.evaluate(PAINTED(`(document.getElementById('t1')?.textContent ?? '').includes(${JSON.stringify(input.marker)})`)) as number);
        await page.close();
      }
      out.push({
        name: input.name, lines: input.text.split('\n').length, tables: (payload.tables as unknown[]).length,
        buildMs: median(build), firstPaintMs: median(first), updateMs: median(update),
        sentTables: (edited.tables as Array<Record<string, unknown>>).filter((e) => !('keep' in e)).length, encodeMs: median(encode),
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}
