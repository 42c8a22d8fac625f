/**
 * `budget report` as a reviewer meets it: the HTML page opened in headless Chromium (no script errors, no CSP
 * violations, nothing loaded, the numbers there, names with markup shown as text, the overview sorts exactly),
 * and the XLSX workbook read back.
 */
import * as assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { ROOT, run, tempDir, writeTree } from '../cli/helpers';
import { launch } from './support';

const HOSTILE = '<img src=x onerror=alert(1)></script><b>坏</b>';

function folder(): string {
  const dir = tempDir('budget-report-');
  cpSync(join(ROOT, 'samples', 'fushun-2025.budget'), join(dir, 'fushun-2025.budget'));
  cpSync(join(ROOT, 'samples', 'department-yuan.budget'), join(dir, 'department-yuan.budget'));
  writeTree(dir, {
    // A unit in 元 whose name is markup, with an error; and a file that is not text.
    '<x>&.budget': `单位 ${HOSTILE} {\n  年度 2025\n  金额单位 元\n  收入 {\n    一般公共预算 100.00\n    收入总计 100.00\n  }\n  支出 {\n    208 社会保障和就业支出 3.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n  }\n}\n`,
    'broken.budget': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  });
  return dir;
}

describe('browser: budget report', function () {
  this.timeout(120000);
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];
  let url = '';

  before(async () => {
    const dir = folder();
    const r = run(['report', '.', '--out', 'report.html'], { cwd: dir });
    assert.equal(r.code, 2, r.stderr); // an error found and a file not checked
    assert.match(r.stderr, /报告已写入 report\.html：3 个文件，4 个单位/);
    url = pathToFileURL(join(dir, 'report.html')).href;
    browser = await launch();
    page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (q) => requests.push(q.url()));
    await page.goto(url);
  });
  after(async () => {
    await browser?.close();
  });

  it('loads nothing else and runs without errors or CSP violations; the sort script is allowed to run', async () => {
    await page.click('#overview th:nth-child(7) button');
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [url]);
    assert.equal(await page.getAttribute('#overview th:nth-child(7)', 'aria-sort'), 'ascending', 'the inline script ran (allowed by its hash)');
  });

  it('shows the numbers: counts, and 收入总计 / 支出总计 / 三公 / 项目 as the budgets state them', async () => {
    const stats = await page.locator('.stats').innerText();
    assert.match(stats.replace(/\s+/g, ' '), /4 文件 4 单位 2 错误 3 警告 1 无法检查的文件/);
    const overview = await page.locator('#overview').innerText();
    for (const s of ['162,953.23 万元', '8.25 万元', '160,015.86 万元', '1,400,000.00 元', '300,000.00 元', '100.00 元', '1.00 元']) assert.ok(overview.includes(s), `${s} in the overview`);
    const fushun = page.locator('#overview tbody tr', { hasText: 'fushun-2025.budget' });
    assert.equal(await fushun.locator('td').nth(9).innerText(), '11');
    // The finding with its source line and the figure marked.
    const finding = page.locator('ol.findings li', { hasText: 'BUD201' });
    assert.equal(await finding.locator('mark').innerText(), '3.00');
    assert.match(await finding.locator('pre.src').innerText(), /^9 \| +208 社会保障和就业支出 3\.00/);
    assert.match(await page.locator('section.file', { hasText: 'broken.budget' }).innerText(), /PNG/);
  });

  it('markup in names and paths is text: no element, no handler, no script from the data', async () => {
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('[onerror]').count(), 0);
    assert.equal(await page.locator('script').count(), 1);
    const cell = page.locator('#overview tbody td:nth-child(2)', { hasText: '坏' });
    assert.equal(await cell.innerText(), HOSTILE);
    assert.ok((await page.locator('#overview').innerText()).includes('<x>&.budget'));
    const html = readFileSync(new URL(url), 'utf8');
    assert.ok(!html.includes(HOSTILE), 'never written raw');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/);
  });

  it('the overview sorts by amounts exactly across 元 and 万元 (unknown last), and by counts and names', async () => {
    const column = async (n: number): Promise<string[]> => page.locator(`#overview tbody td:nth-child(${n})`).evaluateAll((tds) => tds.map((td) => td.getAttribute('data-v') ?? ''));
    const header = (n: number) => page.locator(`#overview th:nth-child(${n}) button`);
    // Sorted ascending by the first click above; the 元 unit (100.00 元 = 1,000,000 ticks) comes first.
    const asc = await column(7);
    const known = asc.filter((v) => v !== '').map(BigInt);
    assert.deepEqual(known, [...known].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    assert.equal(known[0], 1_000_000n);
    assert.equal(asc.indexOf(''), asc.length - asc.filter((v) => v === '').length, 'unknown amounts last');
    await header(7).click();
    const desc = (await column(7)).filter((v) => v !== '').map(BigInt);
    assert.deepEqual(desc, [...known].reverse());
    await header(5).click();
    const errors = (await column(5)).map(Number);
    assert.deepEqual(errors, [...errors].sort((a, b) => a - b));
    // Links from the overview lead to the unit's section.
    const href = await page.locator('#overview tbody td:nth-child(2) a').first().getAttribute('href');
    assert.equal(await page.locator(href!).count(), 1);
  });

  it('--format xlsx: an overview sheet with totals in 万元 (converted exactly) and a findings sheet', async () => {
    const dir = folder();
    const r = run(['report', '.', '--out', 'report.xlsx', '--locale', 'en'], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'report.xlsx'));
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['Overview 概览', 'Findings 问题']);
    const rows = (wb.worksheets[0].getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
    const fushun = rows.find((row) => row[0] === 'fushun-2025.budget')!;
    assert.equal(fushun[6], 162953.23);
    const hostile = rows.find((row) => row[1] === HOSTILE)!;
    assert.equal(hostile[6], 0.01, '100.00 元 is 0.01 万元');
    const findings = (wb.worksheets[1].getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
    assert.ok(findings.some((row) => row[4] === 'BUD201' && row[1] === 9 && /children sum to 1\.00/.test(String(row[6]))));
  });
});
