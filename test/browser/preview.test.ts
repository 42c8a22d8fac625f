/**
 * The preview webview page (media/preview.js + media/preview.css in the webview's HTML shell and CSP) in
 * headless Chromium, outside VS Code: data from window.__BUDGET_TABLES__ or postMessage, updates in place,
 * click-to-reveal, diagnostics on cells, copy as TSV, windowing of long tables, inert document text, and
 * screenshots of 表1 and 表3 under .artifacts/screenshots/.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { analyze } from '../../server/src/core/analyze';
import { handoutOf } from '../../server/src/core/handout';
import { buildTables } from '../../server/src/core/tables';
import { checkReferences, type FileResolver } from '../../server/src/core/references';
import { PreviewDelta } from '../../client/src/preview-delta';
import { SANGONG } from '../helpers/opsFunds';
import { artifactsDir, cssOf, heightOf, launch, sample, startPreviewServer, tablesPayload, waitUntil, type PreviewServer } from './support';

interface Outgoing {
  type: string;
  start?: number;
  end?: number;
  text?: string;
  uri?: string;
}

/** The table row under the top of the window: its section's key, its text and where its top stands. */
const UNDER_TOP = `(() => {
  for (const tr of document.querySelectorAll('#tables tbody tr:not(.spacer)')) {
    const b = tr.getBoundingClientRect();
    if (b.bottom > 0) return { key: tr.closest('section').dataset.key, row: tr.textContent, top: b.top };
  }
  return {};
})()`;

describe('browser: preview webview page', function () {
  this.timeout(60000);
  let browser: Browser;
  let server: PreviewServer;
  let page: Page;
  let consoleErrors: string[] = [];
  let dialogs: string[] = [];

  before(async () => {
    browser = await launch();
    server = await startPreviewServer();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    consoleErrors = [];
    dialogs = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });
  afterEach(async () => {
    await page?.close();
  });

  const outbox = async (): Promise<Outgoing[]> => (await page.evaluate('window.__BUDGET_OUTBOX__')) as Outgoing[];
  const post = async (data: Record<string, unknown>): Promise<void> => {
    await page.evaluate(`window.postMessage(${JSON.stringify(data)}, '*')`);
  };

  it('displays the tables from preset data under the webview CSP (no violations), with a table of contents', async () => {
    const data = tablesPayload(sample(), 'fushun-2025.budget');
    await page.goto(server.pageUrl(data));
    await page.locator('#t1 table').waitFor();
    assert.ok((await page.locator('#t1 table').innerText()).includes('162,953.23'));
    assert.equal(await page.locator('nav.toc li').count(), (data.tables as unknown[]).length);
    assert.equal(await page.locator('section.budget-table').count(), 28);
    // The stylesheet loaded under the CSP: amounts are right-aligned.
    assert.equal(await page.locator('#t3 td.num').first().evaluate(cssOf, 'textAlign'), 'right');
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual((await outbox()).map((m) => m.type), ['ready']);
    // The page announces itself and loads nothing but its own two files.
    const loaded = server.requests.filter((p) => p.startsWith('/media/'));
    assert.ok(loaded.includes('/media/preview.js') && loaded.includes('/media/preview.css'));
  });

  it('a Shanghai department budget: its layout in the contents, 表9 in 万元 with 机关运行经费, computed and disagreeing cells marked', async () => {
    await page.goto(server.pageUrl(tablesPayload(sample('real-wanli-2025.budget'), 'real-wanli-2025.budget')));
    await page.locator('#t9 table').waitFor();
    // The contents: the layout (stated in the file) and its nine tables in order.
    assert.equal(await page.locator('nav.toc p.layout').innerText(), '表式：上海部门预算（9 张表）');
    assert.match((await page.locator('nav.toc p.layout').getAttribute('title')) ?? '', /文件写明“表式 上海部门”/);
    assert.equal(await page.locator('nav.toc li').count(), 9);
    // The handout's title and unit line above the tables, as the exports print them.
    assert.equal(await page.locator('#handout h1.title').textContent(), handoutOf(analyze(sample('real-wanli-2025.budget')))!.title);
    assert.match((await page.locator('#handout h1.title').textContent()) ?? '', /^2025年.+部门预算$/);
    assert.match((await page.locator('#handout .unit-left').textContent()) ?? '', /^编制部门：/);
    assert.equal(await page.locator('nav.toc li').nth(8).innerText(), '表9 2025年部门“三公”经费和机关运行经费预算表');
    // 表9: the unit line as printed (万元 on the right), 机关运行经费 in the header and its figure in the row.
    const t9 = page.locator('#t9');
    await t9.scrollIntoViewIfNeeded();
    assert.equal(await t9.locator('.unit-right').textContent(), '单位：万元');
    assert.ok((await t9.locator('thead').textContent())!.includes('机关运行经费预算数'));
    assert.deepEqual(await t9.locator('tbody td').allTextContents(), ['37.91', '0', '1.35', '36.56', '15', '21.56', '464.64']);
    // 21201 in 表3: the written 94,995,790 marked (≠), the computed value and the diagnostic on hover.
    const differs = page.locator('#t3 td.differs');
    assert.equal(await differs.count(), 1);
    assert.equal(await differs.evaluate((e) => e.textContent), '94,995,790');
    const title = (await differs.getAttribute('title')) ?? '';
    assert.match(title, /与计算值不符：计算值 94,995,789/);
    assert.match(title, /科目 21201 城乡社区管理事务的合计为 94,995,790，下级合计为 94,995,789/);
    // Without its written 合计 row, 表3's 合计 row is computed: italic, and said so on hover.
    await post({ ...tablesPayload(sample('real-wanli-2025.budget').replace('    合计 189,767,551 基本 101,341,746 项目 88,425,805\n', ''), 'real-wanli-2025.budget') });
    await waitUntil(page, 'document.querySelectorAll("#t3 td.computed").length > 0');
    const computed = page.locator('#t3 tr:last-child td.computed').first();
    assert.equal(await computed.evaluate(cssOf, 'fontStyle'), 'italic');
    assert.equal(await computed.getAttribute('title'), '计算值（文件中未写）');
    await page.locator('#t9').screenshot({ path: path.join(artifactsDir(), 'preview-shanghai-table9.png') });
    assert.deepEqual(consoleErrors, []);
  });

  it('takes data by postMessage and updates in place: no reload, scroll position kept', async () => {
    await page.goto(server.pageUrl());
    const text = sample();
    await post(tablesPayload(text, 'a.budget'));
    await page.locator('#t3 table').waitFor();
    await page.evaluate('window.__marker = 42; window.scrollTo(0, 2500)');
    const before = (await page.evaluate('window.scrollY')) as number;
    assert.ok(before > 2000);
    const rowBefore = (await page.evaluate(UNDER_TOP)) as { key: string; row: string; top: number };
    assert.ok(rowBefore.key, 'a table row is under the top of the window');
    const t3 = page.locator('#t3');
    const sectionBefore = await t3.elementHandle();
    // 表7 (“三公”) does not depend on the change.
    const t7Before = await page.locator('#t7').elementHandle();
    // Change one 公用 figure of 事业运行 (and its totals would no longer match: a new diagnostic appears).
    const changed = text.replace('2080150 事业运行 2,187.48 基本 2,187.48 人员 1,852.99 公用 334.49', '2080150 事业运行 2,187.48 基本 2,187.48 人员 1,852.99 公用 334.50');
    assert.notEqual(changed, text);
    await post({ ...tablesPayload(changed, 'a.budget'), uri: 'file:///tmp/a.budget' });
    await waitUntil(page, 'document.querySelector("#t3").textContent.includes("334.50")');
    assert.equal(await page.evaluate('window.__marker'), 42, 'not reloaded');
    // The reader stays where they were: the row under the top of the window stands where it stood (a re-render would
    // start again at the top; the pixel offset alone moves it when a rebuilt section above changed height).
    const after = (await page.evaluate('window.scrollY')) as number;
    const rowAfter = (await page.evaluate(UNDER_TOP)) as { key: string; row: string; top: number };
    assert.deepEqual([rowAfter.key, rowAfter.row], [rowBefore.key, rowBefore.row], `the same row under the top: ${JSON.stringify(rowBefore)} → ${JSON.stringify(rowAfter)}`);
    assert.ok(Math.abs(rowAfter.top - rowBefore.top) <= 2, `the row stays in place: ${rowBefore.top} → ${rowAfter.top} (scrollY ${before} → ${after})`);
    // 表3 was rebuilt, 表7 (unchanged) kept its very element.
    assert.equal(await page.evaluate(([a, b]) => a === b, [sectionBefore, await t3.elementHandle()] as const), false);
    assert.equal(await page.evaluate(([a, b]) => a === b, [t7Before, await page.locator('#t7').elementHandle()] as const), true);
  });

  it('applies deltas as the extension posts them: the same page as a complete post, moved spans, resync on an unknown base', async () => {
    const text = sample('department-yuan.budget');
    const edited = text.replace('单位 某市教育局机关 {', '单位 某市教育局机关（本级） {');
    const delta = new PreviewDelta();
    await page.goto(server.pageUrl());
    await post(tablesPayload(text, 'd.budget', 'zh-CN', delta));
    await page.locator('#t1 table').waitFor();
    const update = tablesPayload(edited, 'd.budget', 'zh-CN', delta);
    const entries = update.tables as Array<{ keep?: number; shift?: number }>;
    assert.ok(entries.some((e) => e.keep !== undefined && e.shift === '（本级）'.length), 'later tables are references');
    assert.ok(entries.some((e) => e.keep === undefined), 'the edited unit’s tables are complete');
    await post(update);
    await waitUntil(page, 'document.querySelector("#t1").textContent.includes("（本级）")');
    // The same page as from complete data.
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await other.goto(server.pageUrl(tablesPayload(edited, 'd.budget')));
    await other.locator('#t1 table').waitFor();
    await waitUntil(other, '!document.querySelector("section.budget-table.pending")');
    await waitUntil(page, '!document.querySelector("section.budget-table.pending")');
    assert.equal(await page.locator('#tables').innerText(), await other.locator('#tables').innerText());
    // A kept table of the second unit reveals the moved source span: the one the page built from complete
    // data reveals.
    const moved = entries.findIndex((e) => e.keep !== undefined && e.shift);
    const revealOf = async (p: Page): Promise<Outgoing | undefined> => {
      const cell = p.locator(`#t${moved + 1}`).locator('td.src', { hasText: /\d/ }).first();
      await cell.click();
      return ((await p.evaluate('window.__BUDGET_OUTBOX__')) as Outgoing[]).reverse().find((m) => m.type === 'reveal');
    };
    const fromDelta = await revealOf(page);
    const fromFull = await revealOf(other);
    assert.ok(fromDelta && fromFull, 'reveal posted');
    assert.deepEqual([fromDelta.start, fromDelta.end], [fromFull.start, fromFull.end]);
    await other.close();
    // A delta on a post the page does not hold: it asks for everything and keeps what it shows.
    const shownBefore = await page.locator('#tables').innerText();
    await post({ ...tablesPayload(text, 'd.budget', 'zh-CN', delta), base: 999 });
    await waitUntil(page, 'window.__BUDGET_OUTBOX__.some((m) => m.type === "resync")');
    assert.equal(await page.locator('#tables').innerText(), shownBefore);
    assert.deepEqual(consoleErrors, []);
  });

  it('a click on an amount posts reveal with the source span of the figure', async () => {
    const text = sample();
    await page.goto(server.pageUrl(tablesPayload(text)));
    const cell = page.locator('#t3 tbody tr', { hasText: '2080150' }).locator('td.num').nth(3);
    assert.equal(await cell.innerText(), '334.49');
    await cell.click();
    const reveal = (await outbox()).find((m) => m.type === 'reveal');
    assert.ok(reveal, 'reveal posted');
    assert.equal(text.slice(reveal!.start, reveal!.end), '334.49');
    const line = text.slice(text.lastIndexOf('\n', reveal!.start) + 1, text.indexOf('\n', reveal!.start));
    assert.ok(line.trim().startsWith('2080150 事业运行'), line);
  });

  it('a click on a unit’s figure in 部门支出分单位明细 posts reveal with the unit file’s uri and the figure’s span there', async () => {
    // A department over two unit files, resolved in memory as the server resolves them on disk (core references.ts).
    const unitText = (name: string, amount: string): string => `年度 2025\n单位 ${name} {\n  支出 {\n    合计 ${amount}\n    205 教育支出 人员 ${amount}\n    205 01 教育管理事务 人员 ${amount}\n  }\n}\n`;
    const files: Record<string, string> = {
      '/ws/dept.budget': `年度 2025\n部门 某局 {\n  单位文件 units/甲.budget\n  单位文件 units/乙.budget\n  支出 {\n    合计 3.50\n  }\n}\n`,
      '/ws/units/甲.budget': unitText('甲', '1.00'),
      '/ws/units/乙.budget': unitText('乙', '2.50'),
    };
    const analyses = new Map(Object.entries(files).map(([f, t]) => [f, analyze(t)]));
    const resolver: FileResolver = {
      resolve: (from, written) => ({ kind: 'files', files: [path.posix.join(path.posix.dirname(from), written)].filter((f) => f in files), glob: false }),
      analysis: (f) => analyses.get(f),
      display: (f) => f.slice('/ws/'.length),
    };
    const dept = analyses.get('/ws/dept.budget')!;
    const refs = checkReferences('/ws/dept.budget', dept, resolver);
    const tables = buildTables(dept, 'zh-CN', { unitFiles: refs.unitFiles });
    // As the server sends them: another file's cell names it by URI.
    for (const t of tables) for (const row of t.rows) for (const c of row) if (c.file) c.file = `file://${c.file}`;
    await page.goto(server.pageUrl({ ...tablesPayload(files['/ws/dept.budget'], 'dept.budget'), tables }));
    const section = page.locator('section.budget-table', { hasText: '部门支出分单位明细' });
    const cell = section.locator('tbody tr', { hasText: 'units/乙.budget' }).locator('td.num').first();
    // The DOM's text (innerText is empty while a windowed section is not laid out yet); the click waits for it.
    assert.equal(await cell.textContent(), '2.50');
    await cell.click();
    const reveal = (await outbox()).find((m) => m.type === 'reveal');
    assert.equal(reveal?.uri, 'file:///ws/units/乙.budget');
    assert.equal(files['/ws/units/乙.budget'].slice(reveal!.start, reveal!.end), '2.50');
    // A figure of the department's own file reveals there.
    await section.locator('tbody tr', { hasText: '合计' }).locator('td.num').first().click();
    const own = (await outbox()).reverse().find((m) => m.type === 'reveal');
    assert.equal(own?.uri, 'file:///tmp/dept.budget');
  });

  it('highlights the cells a diagnostic concerns, with the message on hover', async () => {
    const text = sample().replace('30101 基本工资 854.06 基本 854.06 人员 854.06', '30101 基本工资 854.06 基本 854.06 人员 854.07');
    const data = tablesPayload(text);
    const diags = data.diagnostics as Array<{ start: number; end: number; severity: string; message: string }>;
    assert.ok(diags.some((d) => d.severity === 'error'), 'the change is an error');
    await page.goto(server.pageUrl(data));
    const flagged = page.locator('#t6 td.diag-error');
    assert.ok((await flagged.count()) > 0);
    const title = (await flagged.first().getAttribute('title')) ?? '';
    assert.ok(diags.some((d) => title.includes(d.message)), title);
    assert.ok((await page.locator('header#head .summary.has-errors').innerText()).includes('错误'));
  });

  it('copies a table as TSV', async () => {
    await page.goto(server.pageUrl(tablesPayload(sample())));
    await page.locator('#t3 button.copy').click();
    const copy = (await outbox()).find((m) => m.type === 'copy');
    assert.ok(copy?.text);
    const lines = copy!.text!.trimEnd().split('\n').map((l) => l.split('\t'));
    assert.deepEqual(lines[0], ['科目编码', '科目名称', '合计', '基本支出/小计', '基本支出/人员经费', '基本支出/公用经费', '项目支出']);
    assert.deepEqual(lines[1], ['合计', '', '162,953.23', '2,937.37', '2,585.73', '351.64', '160,015.86']);
    assert.equal(lines.length, 1 + 22);
  });

  it('copy as TSV keeps a formula-like name as text (no spreadsheet formula injection)', async () => {
    const text = sample().replace('项目 办公楼租金 {', '项目 "=HYPERLINK(1)" {');
    await page.goto(server.pageUrl(tablesPayload(text)));
    await page.locator('#t9 button.copy').click();
    const copy = (await outbox()).find((m) => m.type === 'copy');
    assert.ok(copy?.text?.includes("\t'=HYPERLINK(1)\t"), copy?.text);
    assert.ok(!/\t=HYPERLINK/.test(copy!.text!));
  });

  it('与上年预算比较 (a unit with 上年比较): in the contents after the 18, copied as TSV with signed rates as numbers', async () => {
    const data = tablesPayload(sample('comparison.budget'), 'comparison.budget');
    const n = (data.tables as unknown[]).length;
    await page.goto(server.pageUrl(data));
    await page.locator(`#t${n} table`).waitFor();
    assert.equal(await page.locator('nav.toc li').last().innerText(), '比较 与上年预算比较');
    await page.locator(`#t${n} button.copy`).click();
    const copy = (await outbox()).find((m) => m.type === 'copy');
    const lines = copy!.text!.trimEnd().split('\n').map((l) => l.split('\t'));
    assert.deepEqual(lines[0], ['项目', '本年预算数', '上年预算数', '增减额', '增减率']);
    assert.deepEqual(lines[1], ['收入总计', '2,345.67', '2,365.46', '-19.79', '-0.8%']);
    assert.deepEqual(consoleErrors, []);
  });

  it('the reference 表7 of a unit that writes 机关运行经费: its last column, the figure revealing its source', async () => {
    const text = SANGONG('    机关运行经费 182.65\n');
    const data = tablesPayload(text);
    const i = (data.tables as Array<{ id: string }>).findIndex((t) => t.id === '表7') + 1;
    await page.goto(server.pageUrl(data));
    await page.locator(`#t${i} table`).waitFor();
    assert.equal(await page.locator(`#t${i} thead tr`).first().locator('th').last().innerText(), '机关运行经费');
    const cell = page.locator(`#t${i} tbody td.num`).last();
    assert.equal(await cell.innerText(), '182.65');
    await cell.click();
    const reveal = (await outbox()).find((m) => m.type === 'reveal');
    assert.equal(text.slice(reveal!.start, reveal!.end), '182.65');
    assert.deepEqual(consoleErrors, []);
  });

  it('a project named <img src=x onerror=alert(1)> shows as inert text: no dialog, no request to x', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const text = sample().replace('项目 办公楼租金 {', `项目 "${evil}" {`);
    const before = server.requests.length;
    await page.goto(server.pageUrl(tablesPayload(text)));
    await page.locator('#t9 table').waitFor();
    await post(tablesPayload(text));
    await page.waitForTimeout(300);
    // Off-screen sections are not rendered (content-visibility), so look at it as a reader would: scrolled
    // into view, once painted.
    await page.locator('#t9').scrollIntoViewIfNeeded();
    let shown = '';
    for (let i = 0; i < 40 && !shown.includes(evil); i++) {
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      shown = await page.locator('#t9 table').innerText();
    }
    assert.ok(shown.includes(evil), shown.slice(0, 200));
    assert.ok((await page.locator('nav.toc').innerText()).includes(evil), 'the 表17 title holds the name as text');
    assert.equal(await page.locator('img').count(), 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(server.requests.slice(before).filter((p) => !/^\/(page\d+\.html|media\/preview\.(js|css)|favicon\.ico)$/.test(p)), []);
  });

  it('renders only the visible rows of a very long table, and follows scrolling', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [
      { text: String(1000000 + i) }, { text: `行 ${i}` }, { text: `${i}.00`, amount: `${i}.00`, span: { start: i, end: i + 1 } },
    ]);
    const big = {
      type: 'update', uri: 'file:///tmp/big.budget', fileName: 'big.budget', version: 1, locale: 'en', diagnostics: [],
      tables: [{ id: '表10', title: '支出功能分类预算表', subtitle: 'x', unitName: 'x', moneyUnit: '万元', header: [[{ text: '科目编码' }, { text: '科目名称' }, { text: '合计' }]], columns: ['科目编码', '科目名称', '合计'], rows }],
    };
    await page.goto(server.pageUrl());
    await post(big);
    await page.locator('#t1 table.windowed').waitFor();
    const rendered = await page.locator('#t1 tbody tr:not(.spacer)').count();
    assert.ok(rendered > 10 && rendered < 200, `rendered ${rendered} of 3000 rows`);
    assert.equal(await page.locator('#t1 td', { hasText: '行 2500' }).count(), 0);
    // The table is as tall as all its rows.
    const height = (await page.locator('#t1 table').evaluate(heightOf)) as number;
    assert.ok(height > 3000 * 16, `height ${height}`);
    await page.evaluate('document.querySelector("#t1 tbody").getBoundingClientRect().top + window.scrollY').then(async (top) => {
      const rowH = ((await page.locator('#t1 tbody tr:not(.spacer)').first().evaluate(heightOf)) as number);
      await page.evaluate(`window.scrollTo(0, ${(top as number) + 2500 * rowH})`);
    });
    await waitUntil(page, '[...document.querySelectorAll("#t1 td")].some(td => td.textContent === "行 2500")');
    assert.ok((await page.locator('#t1 tbody tr:not(.spacer)').count()) < 200);
    assert.deepEqual(consoleErrors, []);
  });

  it('saves screenshots of 表1 and 表3', async () => {
    await page.goto(server.pageUrl(tablesPayload(sample(), 'fushun-2025.budget')));
    const dir = artifactsDir();
    for (const [anchor, name] of [['#t1', 'preview-table1.png'], ['#t3', 'preview-table3.png']]) {
      const file = path.join(dir, name);
      await page.locator(anchor).screenshot({ path: file });
      console.log(`      screenshot: ${file}`);
    }
  });
});
