/**
 * The rendered HTML export (budget render --format html) in headless Chromium: the tables are there, the
 * headers merge, print CSS hides the table of contents, document text stays inert.
 */
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { analyze } from '../../server/src/core/analyze';
import { renderTables } from '../../server/src/core/render';
import { cssOf, launch, sample } from './support';

describe('browser: HTML export', function () {
  this.timeout(60000);
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const requests: string[] = [];

  before(async () => {
    browser = await launch();
    page = await browser.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
  });
  after(async () => {
    await browser?.close();
  });

  it('shows the 18 tables: 表1 holds 162,953.23, 表3 has the merged 基本支出 header', async () => {
    const html = (await renderTables(analyze(sample()), 'html', 'zh-CN')) as string;
    await page.setContent(html);
    const t1 = await page.locator('#t1 table').innerText();
    assert.ok(t1.includes('162,953.23'));
    assert.ok(t1.includes('一、一般公共预算拨款收入'));
    assert.equal(await page.locator('section.budget-table').count(), 28);
    assert.equal(await page.locator('nav.toc li').count(), 28);
    const th = page.locator('#t3 th', { hasText: '基本支出' });
    assert.equal(await th.getAttribute('colspan'), '3');
    // Amounts right-aligned, the TOC links to the tables.
    assert.equal(await page.locator('#t3 td.num').first().evaluate(cssOf, 'textAlign'), 'right');
    assert.equal(await page.locator('nav.toc a').nth(2).getAttribute('href'), '#t3');
  });

  it('prints without the table of contents, one table per page, headers repeated', async () => {
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('nav.toc').evaluate(cssOf, 'display'), 'none');
    assert.equal(await page.locator('#t3 thead').evaluate(cssOf, 'display'), 'table-header-group');
    assert.equal(await page.locator('#t3').evaluate(cssOf, 'breakAfter'), 'page');
    await page.emulateMedia({ media: 'screen' });
  });

  it('a project named <img src=x onerror=alert(1)> is inert text', async () => {
    const text = sample().replace('项目 办公楼租金 {', '项目 "<img src=x onerror=alert(1)>" {');
    const html = (await renderTables(analyze(text), 'html', 'zh-CN')) as string;
    requests.length = 0;
    await page.setContent(html);
    await page.waitForTimeout(200);
    assert.equal(await page.locator('img').count(), 0);
    assert.ok((await page.locator('body').innerText()).includes('<img src=x onerror=alert(1)>'));
    assert.deepEqual(dialogs, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank'), []);
  });
});
