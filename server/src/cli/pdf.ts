/**
 * `budget render --format pdf`: the HTML export (the handout: title, unit line, tables, page numbers, signature
 * lines) printed by headless Chromium, which embeds the fonts it draws with — the CJK glyphs included — in the PDF.
 * Chromium is the system's (`/usr/bin/chromium`, `chromium-browser`, Google Chrome) or CHROMIUM_PATH; the driver is
 * playwright-core, loaded only for this format.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/** The Chromium to print with, or undefined when none is found. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** The page printed as A4 landscape (the page size and margins are the HTML's @page), backgrounds kept. */
export async function htmlToPdf(html: string, executablePath: string): Promise<Uint8Array> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    // Nothing is fetched: the page is self-contained (inline style, no script).
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}
