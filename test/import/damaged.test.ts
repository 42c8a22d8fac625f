/**
 * What the importer's property tests (test/robustness/import.test.ts) found on damaged or oddly extracted page
 * texts, each mended in general and kept here as a small case.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDocument } from '../../server/src/import/importer';
import { REAL } from './util';

function importText(text: string, name = 'damaged.txt') {
  return importDocument(new Uint8Array(Buffer.from(text, 'utf8')), { name });
}

describe('import: damaged page texts (found by the property tests)', function () {
  this.timeout(60_000);

  it('a form’s figure and the next field’s label one space apart (pdftotext) are two cells: 资金总额 and 金额 written, no line dropped', async () => {
    // 万里街道 2023's pdftotext prints “项目资金总额 … 4,100,000.00 年度资金申请总额 … 4,100,000.00”: the PDF's reading.
    const r = await importText(readFileSync(join(REAL, 'shanghai-putuo-wanli-2023.pdftotext.txt'), 'utf8'), 'wanli-2023.pdftotext.txt');
    assert.match(r.text, /项目 新建万里街道社区公共服务中心 \{[^}]*\n {4}金额 4,100,000\.00\n {4}资金总额 4,100,000\.00 财政资金 4,100,000\.00 其他资金 0\.00\n/);
    assert.match(r.text, /其他资金（年度）0\.00 · other funds of the year/);
    assert.ok(!/其他资金（年度）0\.00 其他资金/.test(r.text));
  });

  it('a row printed outside any recognised table (its title lost) is kept as a comment, not counted as text without figures', async () => {
    const text = '201 05 07 行政运行 1,000 基本 1,000\n' + readFileSync(join(REAL, 'shanghai-putuo-chengguan-2026.txt'), 'utf8');
    const r = await importText(text);
    assert.match(r.text, /^ *# \[[^\]]*第1页第1行 p\.1 l\.1\] 201 05 07 行政运行 1,000 基本 1,000$/m);
  });

  it('a 收支 line split inside a figure: the line no reader took is kept as a comment (nothing dropped silently)', async () => {
    // Found with FZ_SEED=7 FZ_RUNS=400: 万里街道 2024's 表1 (pdftotext, p.10) “一、财政拨款收入 156,” / “211,123 一、一般公共服务支出
    // 2,932,700”: the 收支 reader takes neither figure of the second line.
    const text = readFileSync(join(REAL, 'shanghai-putuo-wanli-2024.pdftotext.txt'), 'utf8').replace('一、财政拨款收入                   156,211,123', '一、财政拨款收入                   156,\n211,123');
    const r = await importText(text, 'wanli-2024.pdftotext.txt');
    assert.match(r.text, /^ *# \[未读 第10页第192行 p\.10 l\.192\] 211,123 一、一般公共服务支出 2,932,700 —— 此行的数字未能读入任何表或说明 · no table or 说明 reading took this line's figures$/m);
    // The undamaged text has no such line.
    const whole = await importText(readFileSync(join(REAL, 'shanghai-putuo-wanli-2024.pdftotext.txt'), 'utf8'), 'wanli-2024.pdftotext.txt');
    assert.ok(!/未读/.test(whole.text));
  });

  it('one enormous line of rows (8,000 cells) is read in linear time: columns measured once over the line', async () => {
    const text = readFileSync(join(REAL, 'shanghai-putuo-chengguan-2026.txt'), 'utf8');
    const t0 = Date.now();
    await importText(text.slice(0, 5000) + '\n' + '201 05 07 行政运行 1,000 '.repeat(2000) + '\n' + text.slice(5000));
    // Was 3.7 s (quadratic: each word's column measured from the start of its line); now well under a second.
    assert.ok(Date.now() - t0 < 2000, `${Date.now() - t0} ms`);
  });

  it('a project form’s page printed twice: the first printing’s figures stay placed, the second’s are duplicates', async () => {
    const text = readFileSync(join(REAL, 'shanghai-putuo-chengguan-2026.txt'), 'utf8');
    const pages = text.split('\f');
    const form = pages.findIndex((p) => /项目资金总额/.test(p));
    assert.ok(form >= 0);
    const r = await importText([...pages.slice(0, form + 1), pages[form], ...pages.slice(form + 1)].join('\f'));
    // 资金总额 and 财政资金 (both 10,308,000.00): placed from the first printing, duplicates in the second.
    const how = (page: number): string[] => r.figures.filter((f) => f.ref.text === '10,308,000.00' && f.ref.page === page).map((f) => f.how);
    assert.deepEqual(how(form + 1), ['placed', 'placed']);
    assert.deepEqual(how(form + 2), ['duplicate', 'duplicate']);
  });
});
