/**
 * The handout (core/handout.ts): the document's title (from unit and year, per layout), the unit line and the
 * signature lines in the HTML export, and the same page printed to PDF by `budget render --format pdf` — its text
 * read back (title, unit line, page numbers, signatures) and its CJK fonts embedded.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { analyze } from '../../server/src/core/analyze';
import { AMOUNT_KEY, budgetSkeleton, skeletonFields, skeletonText } from '../../server/src/core/features/skeleton';
import { handoutOf } from '../../server/src/core/handout';
import { renderTables } from '../../server/src/core/render';
import { findChromium } from '../../server/src/cli/pdf';
import { run, tempDir } from '../cli/helpers';
import { expectGoldenText, sample } from '../helpers/golden';

/** A 2026 budget from the skeleton, amounts 0 (it checks clean unfilled). */
function county(): string {
  const s = budgetSkeleton({ unit: '某县农业农村局', year: 2026, moneyUnit: '万元', kind: '行政单位', layout: '辽宁' });
  const fill: Record<string, string> = { 'name:项目': '高标准农田建设', 'code:单位': '301001' };
  for (const f of skeletonFields(s)) if (f.key.startsWith(AMOUNT_KEY)) fill[f.key] = '0.00';
  return skeletonText(s, fill);
}

/** The handout's parts of an HTML export: the heading, the unit line, the signatures. */
function handoutParts(html: string): string {
  return [/<h1>.*<\/h1>/.exec(html)?.[0], /<p class="unit-line handout-unit">.*<\/p>/.exec(html)?.[0], /<footer class="signatures">.*<\/footer>/.exec(html)?.[0] ?? '(no signatures)'].join('\n');
}

describe('handout: title, unit line, signature lines', () => {
  it('the title from unit and year in each layout’s words, the unit line as the layout prints it', () => {
    assert.deepEqual(handoutOf(analyze(county())), {
      title: '2026年某县农业农村局部门预算批复表', unitLine: { left: '单位名称：某县农业农村局', right: '单位：万元' }, signatures: ['单位负责人', '财务负责人', '经办人'],
    });
    assert.equal(handoutOf(analyze(sample('fushun-2025.budget')))!.title, '2025年抚顺市社会保险事业服务中心单位预算批复表');
    const sh = handoutOf(analyze(sample('real-wanli-2025.budget')))!;
    assert.match(sh.title, /^2025年.+预算$/);
    assert.match(sh.unitLine.left, /^编制(部门|单位)：/);
  });

  it('a 标题 written is the title as written: in the handout, the HTML, and the workbook (its title, every page’s header; the Shanghai cover)', async function () {
    this.timeout(30_000);
    const text = county().replace('年度 2026', '年度 2026\n标题 2026年某县农业农村局部门预算（草案）');
    assert.ok(text.includes('标题 '), 'the skeleton states its year as 年度 2026');
    const a = analyze(text);
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(handoutOf(a)!.title, '2026年某县农业农村局部门预算（草案）');
    const html = String(await renderTables(a, 'html', 'zh-CN'));
    assert.match(html, /<title>2026年某县农业农村局部门预算（草案）<\/title>/);
    assert.match(html, /<h1>2026年某县农业农村局部门预算（草案）<\/h1>/);
    const { default: ExcelJS } = await import('exceljs');
    const bytes = (await renderTables(a, 'xlsx', 'zh-CN')) as Uint8Array;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    assert.equal(wb.title, '2026年某县农业农村局部门预算（草案）');
    assert.equal(wb.worksheets[0].name, '封面');
    assert.equal(wb.worksheets[0].getCell('A3').value, '2026年某县农业农村局部门预算（草案）');
    // Page headers and footers as the sheets' XML holds them (exceljs does not read them back).
    const frames = async (b: Uint8Array): Promise<string[]> => {
      const zip = await JSZip.loadAsync(b);
      // Every sheet but the cover (sheet1, which is the title itself).
      const sheets = zip.file(/^xl\/worksheets\/sheet\d+\.xml$/).filter((f) => f.name !== 'xl/worksheets/sheet1.xml');
      assert.ok(sheets.length >= 18, `${sheets.length} sheets`);
      return Promise.all(sheets.map(async (f) => /<headerFooter>(.*)<\/headerFooter>/.exec(await f.async('string'))?.[1] ?? `(none in ${f.name})`));
    };
    for (const f of await frames(bytes)) assert.equal(f, '<oddHeader>&amp;C2026年某县农业农村局部门预算（草案）</oddHeader><oddFooter>&amp;C第 &amp;P 页 / 共 &amp;N 页</oddFooter>');
    // Without 标题: the layout's title, on every page too.
    const plain = await frames((await renderTables(analyze(county()), 'xlsx', 'zh-CN')) as Uint8Array);
    assert.ok(plain.every((f) => f.startsWith('<oddHeader>&amp;C2026年某县农业农村局部门预算批复表</oddHeader>')), plain[0]);
    // A Shanghai workbook: the cover carries the title written.
    const sh = sample('real-wanli-2025.budget');
    const titled = sh.replace(/^(单位|部门) /m, '标题 普陀区万里街道2025年部门预算\n$1 ');
    assert.notEqual(titled, sh);
    const shw = new ExcelJS.Workbook();
    await shw.xlsx.load(Buffer.from(await renderTables(analyze(titled), 'xlsx', 'zh-CN') as Uint8Array) as unknown as ArrayBuffer);
    assert.equal(shw.getWorksheet('封面')!.getCell('A3').value, '普陀区万里街道2025年部门预算');
  });

  it('the HTML export carries them (golden); signature lines only when asked', async () => {
    const a = analyze(county());
    const plain = String(await renderTables(a, 'html', 'zh-CN'));
    const signed = String(await renderTables(a, 'html', 'zh-CN', { signatures: true }));
    assert.match(plain, /<title>2026年某县农业农村局部门预算批复表<\/title>/);
    assert.ok(!plain.includes('class="signatures"'));
    expectGoldenText('handout', 'county-html', handoutParts(signed));
    assert.match(signed, /@bottom-center \{ content: counter\(page\) ' \/ ' counter\(pages\)/, 'page numbers in print');
  });

  it('budget render --format pdf: the same page printed, title, unit line, page numbers and signatures in its text, CJK fonts embedded (golden)', async function () {
    this.timeout(120_000);
    if (!findChromium()) throw new Error('Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
    const dir = tempDir('budget-pdf-');
    const src = join(dir, 'county.budget');
    writeFileSync(src, county());
    const out = join(dir, 'county.pdf');
    const r = run(['render', src, '--format', 'pdf', '--signatures', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const bytes = readFileSync(out);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(bytes.toString('latin1'), /\/FontFile2|\/FontFile3/, 'fonts embedded');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    const pageText = async (n: number): Promise<string> => ((await (await doc.getPage(n)).getTextContent()).items as Array<{ str?: string }>).map((i) => i.str ?? '').join('');
    const first = await pageText(1);
    const last = await pageText(doc.numPages);
    const pages = doc.numPages;
    await doc.destroy();
    assert.ok(pages >= 18, `${pages} pages`);
    // Embedded fonts: the CJK glyphs are extracted as text (a missing font would give no or replacement text).
    assert.ok(first.includes('2026年某县农业农村局部门预算批复表'), first.slice(0, 200));
    assert.ok(first.includes('单位名称：某县农业农村局') && first.includes(`1 / ${pages}`), first.slice(0, 300));
    for (const s of ['单位负责人', '财务负责人', '经办人', `${pages} / ${pages}`]) assert.ok(last.includes(s), `${s} on the last page`);
    expectGoldenText('handout', 'county-pdf', [`pages ${pages}`, first.slice(0, first.indexOf('目录')), last.slice(last.indexOf('单位负责人'))].join('\n'));
  });
});
