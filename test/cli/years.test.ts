import { strict as assert } from 'node:assert';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run, tempDir } from './helpers';

/**
 * Three years of one real budget (test/fixtures/years: imported from the published PDFs, README there): each year's
 * 上年 figures against the year before. The published 说明 agree with the year before within their rounding; the one
 * 上年 changed by hand in 2025 is reported once, as a warning naming both figures and both files.
 */
describe('cli: three years of a real budget, 上年 against last year’s file', function () {
  this.timeout(120000);

  it('reports exactly the one 上年 that differs from the previous file', () => {
    const r = run(['check', '--format', 'json', '--locale', 'en', 'test/fixtures/years']);
    const all = JSON.parse(r.stdout) as Array<{ file: string; code: string; line: number; severity: string; message: string; related: Array<{ file: string; line: number }> }>;
    const across = all.filter((d) => /^BUD9(1\d|2\d)$/.test(d.code));
    assert.deepEqual(across.map((d) => `${d.file}:${d.line} ${d.severity} ${d.code} ${d.message}`), [
      'test/fixtures/years/wanli-2025.budget:237 warning BUD916 三公 spending: last year’s figure is written 48.91, but last year’s budget “test/fixtures/years/wanli-2024.budget” gives 47.91 (difference 1.00; mid-year adjustments can explain it — verify)',
    ]);
    assert.deepEqual(across[0].related.map((x) => x.file), ['test/fixtures/years/wanli-2024.budget']);
  });

  it('a 上年 the 说明 leaves out is taken from last year’s file into 与上年预算比较 (the HTML says where from)', () => {
    const dir = tempDir('budget-years-');
    try {
      copyFileSync(join(ROOT, 'test/fixtures/years/wanli-2024.budget'), join(dir, 'wanli-2024.budget'));
      const text = readFileSync(join(ROOT, 'test/fixtures/years/wanli-2025.budget'), 'utf8');
      assert.ok(text.includes('    公务接待费 本年 1.35 持平\n'));
      writeFileSync(join(dir, 'wanli-2025.budget'), text.replace('    公务接待费 本年 1.35 持平\n', '    公务接待费 本年 1.35\n'));
      const json = run(['render', 'wanli-2025.budget'], { cwd: dir });
      const t = (JSON.parse(json.stdout) as { tables: Array<{ id: string; rows: string[][] }> }).tables.find((x) => x.id === '比较')!;
      assert.deepEqual(t.rows.find((r) => r[0] === '公务接待费'), ['公务接待费', '1.35', '1.35', '0', '0.00%'], '上年 from wanli-2024, the change computed');
      const html = run(['render', '--format', 'html', 'wanli-2025.budget'], { cwd: dir }).stdout;
      assert.match(html, /<td class="num computed" title="取自上年预算文件 wanli-2024\.budget · taken from last year’s budget">1\.35<\/td>/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

