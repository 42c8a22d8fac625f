/**
 * `budget import` and `budget check` on documents, as a user runs them: the bundled CLI as a process. Bad
 * input gets a clear message and exit 2, and nothing is written over an existing file unless --force.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { finding, realPdf, ROOT } from './util';

function run(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/budget.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, BUDGET_LOCALE: 'zh-CN' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

async function annotations(file: string): Promise<Array<{ page: number; subtype: string; contents: string }>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const out: Array<{ page: number; subtype: string; contents: string }> = [];
  for (let p = 1; p <= doc.numPages; p++) {
    for (const a of await (await doc.getPage(p)).getAnnotations()) out.push({ page: p, subtype: a.subtype, contents: a.contentsObj?.str ?? '' });
  }
  await doc.destroy();
  return out;
}

describe('CLI: budget import', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'budget-import-'));
  const pdf = join(dir, 'wanli-2025.pdf');
  copyFileSync(realPdf(2025), pdf);

  it('writes the .budget beside the PDF and prints a summary (tables, figures placed, lines kept as comments)', () => {
    const r = run(['import', pdf]);
    assert.equal(r.code, 0, r.stderr);
    const out = join(dir, 'wanli-2025.budget');
    assert.ok(existsSync(out));
    assert.match(r.stdout, /识别的表：9 张/);
    assert.match(r.stdout, /写入语句的数字：\d+ 个/);
    assert.match(r.stdout, /保留为注释的行：\d+ 行/);
    const text = readFileSync(out, 'utf8');
    assert.match(text, /^单位 上海市普陀区人民政府万里街道办事处 \{$/m);
  });

  it('never overwrites an existing file without --force', () => {
    const out = join(dir, 'exists.budget');
    writeFileSync(out, 'keep me\n');
    const r = run(['import', pdf, '--out', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /文件已存在，未覆盖（加 --force 覆盖）/);
    assert.equal(readFileSync(out, 'utf8'), 'keep me\n');
    const f = run(['import', pdf, '--out', out, '--force', '--locale', 'en']);
    assert.equal(f.code, 0, f.stderr);
    assert.match(f.stdout, /tables recognised: 9/);
    assert.notEqual(readFileSync(out, 'utf8'), 'keep me\n');
  });

  it('bad input: a PDF without text, a password-protected PDF, a damaged file, a workbook of unknown sheets — exit 2, nothing written', async () => {
    const { PDFDocument, rgb } = await import('pdf-lib');
    const scan = await PDFDocument.create();
    scan.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 400, height: 600, color: rgb(0.8, 0.8, 0.8) });
    writeFileSync(join(dir, 'scan.pdf'), await scan.save());
    copyFileSync(join(ROOT, 'test/fixtures/bad/encrypted.pdf'), join(dir, 'locked.pdf'));
    writeFileSync(join(dir, 'broken.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]));
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '会议签到表';
    writeFileSync(join(dir, 'other.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    const cases: Array<[string, RegExp]> = [
      ['scan.pdf', /没有文字层.*扫描件.*不做文字识别/],
      ['locked.pdf', /受密码保护/],
      ['broken.pdf', /不是可读的 PDF|已损坏/],
      ['other.xlsx', /没有找到任何认得的预算表/],
    ];
    for (const [name, message] of cases) {
      const out = join(dir, name + '.budget');
      writeFileSync(out, 'keep me\n');
      const r = run(['import', join(dir, name), '--out', out, '--force']);
      assert.equal(r.code, 2, name);
      assert.match(r.stderr, message, name);
      assert.equal(readFileSync(out, 'utf8'), 'keep me\n', `${name}: the existing file is untouched`);
      const c = run(['check', join(dir, name)]);
      assert.equal(c.code, 2, `check ${name}`);
      assert.match(c.stderr, message, `check ${name}`);
    }
  });

  it('check doc.pdf: the findings of the imported file, each with the page and printed line it comes from', async () => {
    const r = run(['check', pdf, '--format', 'json', '--locale', 'en']);
    assert.equal(r.code, 1, r.stderr);
    const json = JSON.parse(r.stdout) as Array<{ page: number; printedLine: number; printed: string; code: string; severity: string; message: string }>;
    const text = readFileSync(join(dir, 'wanli-2025.budget'), 'utf8');
    const onFile = analyze(text).diagnostics.map(finding).sort();
    assert.deepEqual(json.map((d) => `${d.code} ${d.severity} ${d.message}`).sort(), onFile);
    for (const d of json) {
      assert.ok(d.page >= 9 && d.page <= 29, `${d.code} on a table page: ${d.page}`);
      assert.ok(d.printedLine >= 1);
    }
    // The 表3 row of the drift: page 17, its 合计 as printed.
    const bud201 = json.find((d) => d.code === 'BUD201')!;
    assert.equal(bud201.page, 17);
    assert.equal(bud201.printed, '94,995,790');
    const t = run(['check', pdf]);
    assert.match(t.stdout, /wanli-2025\.pdf:p17:l2: 错误 BUD201/);
    assert.match(t.stdout, /第 17 页第 2 行 \| 94,995,790/);
  });

  it('check --annotate out.pdf: one box per finding, on its page, labelled with the finding', async () => {
    const out = join(dir, 'annotated.pdf');
    const r = run(['check', pdf, '--annotate', out, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const json = JSON.parse(r.stdout) as Array<{ page: number; code: string }>;
    const boxes = (await annotations(out)).filter((a) => a.subtype === 'Square');
    assert.equal(boxes.length, json.length);
    const perPage = (xs: Array<{ page: number }>): Record<number, number> => xs.reduce<Record<number, number>>((m, x) => ({ ...m, [x.page]: (m[x.page] ?? 0) + 1 }), {});
    assert.deepEqual(perPage(boxes), perPage(json));
    for (const d of json) assert.ok(boxes.some((b) => b.page === d.page && b.contents.startsWith(d.code)), `${d.code} p${d.page}`);
    // The original is untouched; an existing output is not overwritten without --force.
    const again = run(['check', pdf, '--annotate', out]);
    assert.equal(again.code, 2);
  });

  it('--layout takes the 表式 words (and their other spellings; 上海 leaves unit or department to the titles); an unknown one is a usage error', () => {
    const ref = join(ROOT, 'test/fixtures/reference/fushun-2025.txt');
    const a = run(['import', ref, '--out', join(dir, 'ref.budget'), '--layout', 'liaoning']);
    assert.equal(a.code, 0, a.stderr);
    assert.match(readFileSync(join(dir, 'ref.budget'), 'utf8'), /^ {2}表式 辽宁$/m);
    const b = run(['import', pdf, '--out', join(dir, 'forced.budget'), '--layout', '上海']);
    assert.equal(b.code, 0, b.stderr);
    assert.match(readFileSync(join(dir, 'forced.budget'), 'utf8'), /^ {2}表式 上海部门$/m);
    const c = run(['import', ref, '--out', join(dir, 'x.budget'), '--layout', '北京']);
    assert.equal(c.code, 2);
    assert.match(c.stderr, /未知表式 unknown layout: 北京/);
    assert.ok(!existsSync(join(dir, 'x.budget')));
  });

  it('the importer is loaded only by the commands that need it (dist/cli-import.js): not by --version or check of a .budget', () => {
    // Which of the bundle's files a command loads (require.cache once it has run; --no-cache: a cached result loads nothing).
    const loads = (args: string[]): string[] => {
      const script = `const cli = require(${JSON.stringify(join(ROOT, 'dist/cli.js'))});
        cli.main(${JSON.stringify(args)}).then(() => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache).map((k) => require('path').basename(k)))));`;
      const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
      return JSON.parse(/LOADED (.*)$/.exec(r.stderr)![1]) as string[];
    };
    assert.deepEqual(loads(['--version']).filter((f) => f === 'cli-import.js'), []);
    assert.deepEqual(loads(['check', join(ROOT, 'samples/comparison.budget'), '--no-cache']).filter((f) => f === 'cli-import.js'), []);
    assert.deepEqual(loads(['check', pdf, '--format', 'json', '--no-cache']).filter((f) => f === 'cli-import.js'), ['cli-import.js']);
  });
});
