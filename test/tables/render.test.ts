/**
 * `budget render` as a process (dist/cli.js): json, csv, html on stdout; xlsx to a file that is reopened
 * with exceljs. Each output is compared with the table model (buildTables) of the same sample.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { analyze } from '../../server/src/core/analyze';
import { renderTables, sheetNames } from '../../server/src/core/render';
import { buildTables, tableLabel, tableWidth, type Table } from '../../server/src/core/tables';
import { zipEntries, zipRead } from '../client/zip';
import { multiset, ROOT } from './reference';
import { shownNumber } from '../helpers/xlsx';

const CLI = path.join(ROOT, 'dist/cli.js');
const SAMPLE = 'samples/fushun-2025.budget';

function cli(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function model(): Table[] {
  return buildTables(analyze(fs.readFileSync(path.join(ROOT, SAMPLE), 'utf8')));
}

function shown(t: Table): string[] {
  return t.rows.flat().filter((c) => !c.covered && c.amount !== undefined && c.text !== '').map((c) => c.text);
}

/** RFC 4180 parser (quotes, doubled quotes, CRLF inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      assert.notEqual(ch, '\n', 'bare LF: lines must end with CRLF');
      assert.notEqual(ch, '"', 'a quote inside an unquoted field');
      field += ch;
      i++;
    }
  }
  assert.ok(!quoted, 'unterminated quoted field');
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('render: budget render as a process', function () {
  this.timeout(60000);
  const tables = model();

  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is built (node scripts/build.mjs)`);
  });

  it('json: every table with its displayed cells', () => {
    const r = cli(['render', SAMPLE, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { tables: Array<{ id: string; title: string; unit: string; columns: string[]; rows: string[][]; part?: string }> };
    assert.equal(out.tables.length, tables.length);
    out.tables.forEach((t, i) => {
      const m = tables[i];
      assert.equal(t.id, m.id);
      assert.equal(t.title, m.title);
      assert.equal(t.unit, '万元');
      assert.equal(t.columns.length, tableWidth(m));
      assert.deepEqual(t.rows, m.rows.map((r) => r.map((c) => (c.covered ? '' : c.text))));
    });
    const t1 = out.tables[0];
    assert.deepEqual(t1.rows[0], ['一、一般公共预算拨款收入', '162,953.23', '一、社会保障和就业支出', '162,573.63']);
    assert.ok(out.tables.find((t) => t.id === '表10')!.columns.includes('上年结转结余/一般公共预算'));
  });

  it('csv: BOM, CRLF, RFC 4180 quoting; title, header and rows of every table, blank line between', () => {
    const r = cli(['render', SAMPLE, '--format', 'csv']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.startsWith('\ufeff'), 'UTF-8 BOM');
    const rows = parseCsv(r.stdout.slice(1));
    let at = 0;
    for (const t of tables) {
      assert.equal(rows[at][0], tableLabel(t), 'title line');
      assert.equal(rows[at][1], t.subtitle);
      assert.equal(rows[at + 1].length, tableWidth(t), `${t.id}: header line`);
      const body = rows.slice(at + 2, at + 2 + t.rows.length);
      assert.deepEqual(body.map((x) => x.map((s) => s.trimStart())), t.rows.map((x) => x.map((c) => (c.covered ? '' : c.text))));
      at += 2 + t.rows.length + (t.note ? 1 : 0);
      assert.deepEqual(rows[at], [''], `${t.id}: blank line after the table`);
      at++;
    }
    assert.equal(at, rows.length);
    // An amount with a thousands separator is quoted.
    assert.ok(r.stdout.includes('"162,953.23"'));
  });

  it('csv: a text cell that would run as a spreadsheet formula is neutralised', async () => {
    const a = analyze('单位 "=HYPERLINK(1)" {\n 收入 {\n 一般公共预算 1\n }\n}');
    const csv = (await renderTables(a, 'csv', 'zh-CN')) as string;
    assert.ok(!/(^|,)=HYPERLINK/m.test(csv), 'no field starts with =');
    assert.ok(csv.includes("'=HYPERLINK(1)"));
  });

  it('html: one self-contained page, table of contents, escaped text, print CSS, no script', () => {
    const r = cli(['render', SAMPLE, '--format', 'html']);
    assert.equal(r.status, 0, r.stderr);
    const html = r.stdout;
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(!/<script/i.test(html), 'no script');
    assert.ok(!/(src|href)="(https?:)?\/\//i.test(html), 'no remote resources');
    assert.match(html, /@media print/);
    tables.forEach((t, i) => assert.ok(html.includes(`<a href="#t${i + 1}">${tableLabel(t)}</a>`), `toc entry ${i + 1}`));
    assert.equal((html.match(/<section class="budget-table"/g) ?? []).length, tables.length);
    assert.ok(html.includes('162,953.23'));
    assert.ok(html.includes('<th colspan="3">基本支出</th>'));
  });

  it('html escapes every string from the document', async () => {
    const a = analyze('单位 测试 {\n 项目 "<img src=x onerror=alert(1)>" {\n 内容 a&b "<i>"\n 功能科目 2080109\n 金额 1\n }\n}');
    assert.equal(a.model.units[0].projects[0].name.text, '<img src=x onerror=alert(1)>');
    const html = (await renderTables(a, 'html', 'en')) as string;
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!html.includes('<i>'));
  });

  it('xlsx: the title page (year and unit, as the publication opens), then one sheet per table, amounts as numbers, merged bold headers', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-xlsx-'));
    const out = path.join(dir, 'tables.xlsx');
    try {
      const r = cli(['render', SAMPLE, '--format', 'xlsx', '--out', out]);
      assert.equal(r.status, 0, r.stderr);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const [cover, ...sheets] = wb.worksheets;
      assert.equal(cover.name, '封面');
      assert.equal(cover.getCell('A3').value, '2025年抚顺市社会保险事业服务中心单位预算批复表');
      assert.equal(sheets.length, tables.length);
      const names = sheets.map((w) => w.name);
      assert.deepEqual(names, sheetNames(tables));
      assert.ok(names.every((n) => n.length <= 31 && !/[[\]:*?/\\]/.test(n)));
      assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length);
      sheets.forEach((ws, i) => {
        const t = tables[i];
        const numbers: string[] = [];
        ws.eachRow((row) => row.eachCell((cell) => {
          // A merged range reports its value in every cell: count the master only.
          const n = shownNumber(cell);
          if (n !== undefined && cell.master.address === cell.address) {
            assert.equal(cell.numFmt, '#,##0.00');
            numbers.push(n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
          }
        }));
        assert.deepEqual(multiset(numbers), multiset(shown(t)), `${ws.name}: amounts`);
      });
      // 表3 laid out as a disclosure workbook's sheet: the title (row 2), the unit line (row 4: the unit on the left, the
      // money unit on the right), then two header rows (from row 6) with 基本支出 merged over three columns, repeated
      // on every printed page.
      const ws3 = sheets[tables.findIndex((t) => t.id === '表3')];
      const merges = (ws3.model as unknown as { merges: string[] }).merges;
      assert.equal(ws3.getCell('A2').value, '支出预算总表');
      assert.equal(ws3.getCell('A4').value, '单位名称：抚顺市社会保险事业服务中心');
      assert.equal(ws3.getCell('G4').value, '单位：万元');
      assert.ok(merges.includes('D6:F6'), `基本支出 merged: ${merges.join(' ')}`);
      assert.ok(merges.includes('A6:A7'), '科目编码 spans two header rows');
      assert.equal(ws3.getCell('D6').value, '基本支出');
      assert.equal(ws3.getCell('D6').font?.bold, true);
      // The 合计 is the sum of the 类 rows: a formula, its figure cached (test/tables/xlsx-totals.test.ts).
      assert.deepEqual(ws3.getCell('C8').value, { formula: 'SUM(C9,C24,C27)', result: 162953.23 });
      assert.equal(ws3.pageSetup.printTitlesRow, '6:7');
      assert.equal(ws3.pageSetup.orientation, 'landscape');
      assert.equal(ws3.pageSetup.paperSize, 9);
      assert.equal(ws3.pageSetup.fitToWidth, 1);
      assert.ok((ws3.getColumn(2).width ?? 0) > (ws3.getColumn(1).width ?? 0), 'name column wider than the code column');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('xlsx: a text longer than Excel takes in a cell (32,767 characters) is cut, not written whole', async () => {
    const long = '很长的项目内容'.repeat(10_000);
    const text = fs.readFileSync(SAMPLE, 'utf8').replace(/(  项目 [^\n]+ \{\n    内容 )[^\n]*/, `$1${long}`);
    assert.ok(text.includes(long));
    const buf = (await renderTables(analyze(text), 'xlsx', 'zh-CN')) as Buffer;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    let longest = 0;
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'string') longest = Math.max(longest, c.value.length); }));
    assert.ok(longest > 30_000 && longest <= 32_767, String(longest));
  });

  it('xlsx: characters XML 1.0 forbids (U+FFFE, U+FFFF, C0 controls, lone surrogates) never reach the XML; every part parses strictly', async () => {
    // In a unit name (sheet names, titles), a project's name and its 内容 (shared strings).
    const odd = 'a\ufffeb\uffffc\u0001d\u0008e\u001ff\ud800g\udc00h';
    const text = fs.readFileSync(path.join(ROOT, SAMPLE), 'utf8')
      .replace(/^单位 (\S+)/m, `单位 $1${odd}`)
      .replace(/(  项目 )([^\n{]+)( \{\n    内容 )[^\n]*/, `$1$2${odd}$3内容${odd}`);
    assert.ok(text.includes(`内容${odd}`), 'the sample has a project with 内容');
    const buf = Buffer.from((await renderTables(analyze(text), 'xlsx', 'en')) as Uint8Array);
    const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    let parts = 0;
    for (const e of zipEntries(buf)) {
      if (!/\.(xml|rels)$/.test(e.name)) continue;
      const xml = zipRead(buf, e).toString('utf8');
      assert.doesNotMatch(xml, forbidden, `${e.name} holds a character XML 1.0 forbids`);
      // A strict, namespace-aware XML 1.0 parser: any well-formedness error fails the test.
      const parser = new SaxesParser({ xmlns: true });
      const errors: string[] = [];
      parser.on('error', (err) => void errors.push(err.message));
      parser.write(xml).close();
      assert.deepEqual(errors, [], e.name);
      parts++;
    }
    assert.ok(parts >= 5, `${parts} XML parts`);
    // Read back: the text is there, each forbidden character shown as U+FFFD.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const strings: string[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'string') strings.push(c.value); }));
    const shownOdd = 'a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg\ufffdh';
    assert.ok(strings.some((v) => v.includes(`内容${shownOdd}`)), 'the 内容 cell, with U+FFFD in place of each forbidden character');
    assert.ok(wb.worksheets.every((ws) => !forbidden.test(ws.name)), 'sheet names');
  });

  it('xlsx sheet names: 31 units at most, no quote at either end after the cut, no split emoji, unique', () => {
    const base = tables.find((t) => t.id === '表17')!;
    const named = (part: string): Table => ({ ...base, part });
    const names = sheetNames([
      named(`${'甲'.repeat(23)}'项目'`), named("'引号开头的项目"), named(`${'乙'.repeat(24)}😀😀`), named(`${'甲'.repeat(23)}'项目'`), named("'''"),
    ]);
    for (const n of names) {
      assert.ok(n.length <= 31, n);
      assert.ok(!/^'|'$/.test(n), n);
      assert.ok(!/[\uD800-\uDBFF]$/.test(n) && !/^[\uDC00-\uDFFF]/.test(n), `no split surrogate pair: ${n}`);
    }
    assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length);
  });

  it('usage errors: xlsx needs --out; unknown format', () => {
    assert.equal(cli(['render', SAMPLE, '--format', 'xlsx']).status, 2);
    assert.equal(cli(['render', SAMPLE, '--format', 'pdf']).status, 2);
  });

  it('a file with errors: the tables are written with the figures as written, the errors counted on stderr, exit 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-render-errors-'));
    try {
      // The reference with one figure changed: 208 社会保障和就业支出's 合计 one cent off.
      const text = fs.readFileSync(path.join(ROOT, SAMPLE), 'utf8');
      const at = text.indexOf('162,953.23');
      assert.ok(at > 0);
      const file = path.join(dir, 'slip.budget');
      fs.writeFileSync(file, text.slice(0, at) + '162,953.24' + text.slice(at + '162,953.23'.length));
      const errors = analyze(fs.readFileSync(file, 'utf8')).diagnostics.filter((d) => d.severity === 'error').length;
      assert.ok(errors >= 1);
      for (const locale of ['zh-CN', 'en']) {
        const r = cli(['render', file, '--format', 'json', '--locale', locale]);
        assert.equal(r.status, 1, r.stderr);
        const out = JSON.parse(r.stdout);
        assert.equal(out.tables.length, model().length);
        assert.ok(r.stdout.includes('162,953.24'), 'the written figure is shown as written');
        assert.match(r.stderr, locale === 'en' ? new RegExp(`${errors} error\\(s\\); the tables show the figures as written \\(budget check lists them\\)`) : new RegExp(`${errors} 个错误；表格按所写数字生成（用 budget check 查看详情）`));
      }
      const x = cli(['render', file, '--format', 'xlsx', '--out', path.join(dir, 'slip.xlsx')]);
      assert.equal(x.status, 1, x.stderr);
      assert.ok(fs.statSync(path.join(dir, 'slip.xlsx')).size > 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--locale en adds the English subtitles', () => {
    const out = JSON.parse(execFileSync(process.execPath, [CLI, 'render', SAMPLE, '--format', 'json', '--locale', 'en'], { cwd: ROOT, encoding: 'utf8' }));
    assert.equal(out.tables[0].title, '收支预算总表');
    assert.equal(out.tables[0].titleEn, 'Summary of revenue and expenditure');
  });
});
