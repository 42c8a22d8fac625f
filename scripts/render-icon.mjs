// Renders icons/icon.svg to icons/icon.png (128×128, transparent corners) with a headless Chromium.
//   node scripts/render-icon.mjs [path/to/chromium]
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';

const executablePath = process.argv[2] ?? process.env.CHROMIUM ?? '/usr/bin/chromium';
const svg = readFileSync(new URL('../icons/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const png = await page.locator('svg').screenshot({ omitBackground: true });
  writeFileSync(new URL('../icons/icon.png', import.meta.url), png);
  console.log(`wrote icons/icon.png (${png.length} bytes)`);
} finally {
  await browser.close();
}
