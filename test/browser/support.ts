/**
 * Browser test support: headless Chromium (system /usr/bin/chromium through playwright-core) and a local
 * HTTP server for the preview page — media/preview.js and media/preview.css inside the same HTML shell and
 * Content Security Policy as the VS Code webview (client/src/preview-html.ts).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { PreviewDelta } from '../../client/src/preview-delta';
import { inlineJson, makeNonce, previewHtml } from '../../client/src/preview-html';
import { analyze } from '../../server/src/core/analyze';
import { renderMessage } from '../../server/src/core/diagnostics';
import { handoutOf } from '../../server/src/core/handout';
import { buildTables, layoutSummary } from '../../server/src/core/tables';
import { ROOT } from '../tables/reference';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** What the language server answers to budget/tables, computed in-process. */
/** With `delta`, the tables are encoded as the extension posts them (complete the first time, then deltas). */
export function tablesPayload(text: string, fileName = 'test.budget', locale: 'zh-CN' | 'en' = 'zh-CN', delta?: PreviewDelta): Record<string, unknown> {
  const a = analyze(text);
  const uri = `file:///tmp/${fileName}`;
  const tables = buildTables(a, locale);
  return {
    type: 'update',
    uri,
    fileName,
    version: 1,
    locale,
    ...(delta ? delta.encode(uri, tables) : { tables }),
    diagnostics: a.diagnostics.map((d) => ({ start: d.start, end: d.end, severity: d.severity, message: renderMessage(d, locale) })),
    layouts: layoutSummary(a, locale),
    handout: handoutOf(a),
  };
}

export interface PreviewServer {
  origin: string;
  /** URL of a preview page; `preset` data is handed over through window.__BUDGET_TABLES__. */
  pageUrl(preset?: Record<string, unknown>): string;
  /** Paths requested so far. */
  requests: string[];
  close(): Promise<void>;
}

export async function startPreviewServer(): Promise<PreviewServer> {
  const pages = new Map<string, string>();
  const requests: string[] = [];
  const media = path.join(ROOT, 'media');
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    requests.push(url.pathname);
    const page = pages.get(url.pathname);
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      // Chromium asks every http origin for one; answer "no content" so real 404s stand out.
      res.writeHead(204);
      res.end();
      return;
    }
    const m = /^\/media\/([\w.-]+)$/.exec(url.pathname);
    const file = m ? path.join(media, m[1]) : undefined;
    if (file && fs.existsSync(file)) {
      const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : file.endsWith('.svg') ? 'image/svg+xml' : 'application/octet-stream';
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8` });
      res.end(fs.readFileSync(file));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let n = 0;
  return {
    origin,
    requests,
    pageUrl(preset) {
      const nonce = makeNonce();
      const html = previewHtml({
        cspSource: origin,
        nonce,
        scriptUri: `${origin}/media/preview.js`,
        styleUri: `${origin}/media/preview.css`,
        locale: (preset?.locale as 'zh-CN' | 'en' | undefined) ?? 'zh-CN',
        inlineScript: preset ? `window.__BUDGET_TABLES__ = ${inlineJson(preset)};` : undefined,
      });
      const p = `/page${++n}.html`;
      pages.set(p, html);
      return origin + p;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function artifactsDir(): string {
  const dir = path.join(ROOT, '.artifacts', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function sample(name = 'fushun-2025.budget'): string {
  return fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8');
}

/** For locator.evaluate: a computed style property of the element (runs in the page). */
export const cssOf = (el: unknown, prop: string): string => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(el)[prop];

/** For locator.evaluate: the element's rendered height (runs in the page). */
export const heightOf = (el: unknown): number => (el as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height;

/**
 * Waits until a page expression is true. Polled from here with page.evaluate: the preview's CSP forbids the
 * string evaluation that page.waitForFunction uses inside the page once its first check fails.
 */
export async function waitUntil(page: { evaluate(expr: string): Promise<unknown>; waitForTimeout(ms: number): Promise<void> }, expr: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await page.evaluate(`!!(${expr})`))) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${expr}`);
    await page.waitForTimeout(25);
  }
}
