/**
 * 与上年预算比较: the table of a unit with a 上年比较 block, after the 18 standard tables — 项目 | 本年预算数 |
 * 上年预算数 | 增减额 | 增减率, in the block's money unit, each cell linked to where its figure is written. Units
 * without the block have no such table (the reference sample's tables are unchanged: golden.test.ts), and the
 * renderers (json, csv, html, xlsx; the CLI) take it like any other table.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { analyze } from '../../server/src/core/analyze';
import { renderTables, sheetNames } from '../../server/src/core/render';
import { buildTables, tableLabel, tableWidth, type Table } from '../../server/src/core/tables';
import { ROOT } from './reference';

const read = (name: string): string => fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8');
const SAMPLE = read('comparison.budget');

function shown(t: Table): string[][] {
  return t.rows.map((r) => r.filter((c) => !c.covered).map((c) => c.text));
}

describe('tables: 与上年预算比较 (上年比较)', () => {
  const a = analyze(SAMPLE);
  const tables = buildTables(a);
  const t = tables.find((x) => x.id === '比较')!;

  it('comes after the 18 standard tables, once per unit with the block', () => {
    assert.ok(t);
    assert.equal(tables[tables.length - 1], t);
    assert.equal(t.title, '与上年预算比较');
    assert.equal(tableLabel(t), '比较 与上年预算比较');
    assert.equal(t.subtitle, '单位名称：某区城市管理监察大队 单位：万元');
    assert.equal(buildTables(a, 'en').find((x) => x.id === '比较')!.titleEn, 'Comparison with the previous year’s budget');
  });

  it('columns 项目 | 本年预算数 | 上年预算数 | 增减额 | 增减率; rows as written, computed exactly', () => {
    assert.deepEqual(t.columns, ['项目', '本年预算数', '上年预算数', '增减额', '增减率']);
    // The row of the 公务接待费 line: 本年 4.00 and 上年 4.00 written, 持平, no rate written.
    const reception = t.rows.find((r) => r[0].text === '公务接待费')!;
    assert.deepEqual(reception.slice(1).map((x) => x.computed ?? false), [false, false, false, true]);
    for (const r of t.rows) assert.equal(r.length, tableWidth(t), 'rectangular');
    assert.deepEqual(shown(t), [
      ['收入总计', '2,345.67', '2,365.46', '-19.79', '-0.8%'],
      ['一般公共预算', '2,205.67', '2,245.46', '-39.79', '-1.77%'],
      ['事业收入', '140.00', '120.00', '20.00', '16.67%'],
      ['支出总计', '2,345.67', '2,365.46', '-19.79', '-0.84%'],
      ['一般公共预算支出', '2,205.67', '2,245.46', '-39.79', '-1.77%'],
      ['基本支出', '1,845.67', '1,800.00', '45.67', '2.5%'],
      ['项目支出', '500.00', '565.46', '-65.46', '-11.6%'],
      ['人员经费', '1,520.20', '1,480.00', '40.20', '2.72%'],
      ['公用经费', '325.47', '320.00', '5.47', '1.71%'],
      ['“三公”经费', '12.00', '13.00', '-1.00', '-7.7%'],
      // Written zeros stay zeros (本年 0, 上年 0, 持平); no rate is printed from a zero year.
      ['因公出国（境）费', '0.00', '0.00', '0.00', ''],
      ['公务用车购置及运行费', '8.00', '9.00', '-1.00', '-11.1%'],
      // 持平 is a change of 0 as written; the rate is not written: computed (marked so).
      ['公务接待费', '4.00', '4.00', '0.00', '0.00%'],
      ['机关运行经费', '325.47', '320.00', '5.47', '1.71%'],
      ['政府采购', '150.00', '100.00', '50.00', '50%'],
    ]);
    // Amount cells carry the exact value; the rate is text.
    assert.equal(t.rows[0][1].amount, '2345.67');
    assert.equal(t.rows[0][3].amount, '-19.79');
    assert.equal(t.rows[0][4].amount, undefined);
  });

  it('cells link to their source: the figure word, 本年 as written (else where the tables give it), 上年, the change, the rate', () => {
    const src = (row: number, col: number): string => {
      const s = t.rows[row][col].span!;
      return SAMPLE.slice(s.start, s.end);
    };
    assert.deepEqual([0, 1, 2, 3, 4].map((c) => src(0, c)), ['收入总计', '2,345.67', '2,365.46', '19.79', '0.8%']);
    // 一般公共预算支出 writes no 本年: the cell links to the 支出 合计 its figure is computed from.
    assert.equal(src(4, 1), '2,345.67');
    assert.ok(t.rows[4][1].span!.start < SAMPLE.indexOf('  上年比较 {'));
    assert.equal(src(12, 3), '持平');
  });

  it('a figure the tables do not give shows 本年 as written; 上年 implied by the change; no rate from 0', () => {
    const text = '单位 甲 {\n  年度 2026\n  上年比较 {\n    三公 本年 12.00 减少 1.00\n    政府采购 上年 0 增加 5.00\n  }\n}\n';
    const c = buildTables(analyze(text)).find((x) => x.id === '比较')!;
    // 上年 and the rate are computed where the line does not write them (marked), shown as written where it does.
    assert.deepEqual(shown(c), [['“三公”经费', '12.00', '13.00', '-1.00', '-7.69%'], ['政府采购', '', '0.00', '5.00', '']]);
    assert.deepEqual(c.rows[0].map((x) => x.computed ?? false), [false, false, true, false, true]);
    assert.deepEqual(c.rows[1].map((x) => x.computed ?? false), [false, false, false, false, false]);
  });

  it('units without the block have no such table; in a department, each unit with the block has its own', () => {
    assert.equal(buildTables(analyze(read('fushun-2025.budget'))).some((x) => x.id === '比较'), false);
    assert.equal(buildTables(analyze(read('income-by-function.budget'))).some((x) => x.id === '比较'), false);
    const dept = `部门 某局 {\n  年度 2026\n  单位 甲 {\n    上年比较 {\n      三公 上年 1.00 持平\n    }\n  }\n  单位 乙 {\n  }\n}\n`;
    const ts = buildTables(analyze(dept)).filter((x) => x.id === '比较');
    assert.deepEqual(ts.map((x) => x.unitName), ['甲']);
  });

  it('renders in every format; xlsx sheet names stay valid and unique', async () => {
    const json = JSON.parse((await renderTables(a, 'json', 'zh-CN')) as string) as { tables: Array<{ id: string; columns: string[]; rows: string[][] }> };
    const jt = json.tables.find((x) => x.id === '比较')!;
    assert.deepEqual(jt.columns, ['项目', '本年预算数', '上年预算数', '增减额', '增减率']);
    assert.deepEqual(jt.rows[0], ['收入总计', '2,345.67', '2,365.46', '-19.79', '-0.8%']);
    const csv = (await renderTables(a, 'csv', 'zh-CN')) as string;
    // A negative rate is a number to a spreadsheet: it is not neutralised as a formula would be.
    assert.ok(csv.includes('比较 与上年预算比较,单位名称：某区城市管理监察大队 单位：万元\r\n项目,本年预算数,上年预算数,增减额,增减率\r\n收入总计,"2,345.67","2,365.46",-19.79,-0.8%\r\n'));
    const html = (await renderTables(a, 'html', 'zh-CN')) as string;
    assert.match(html, /<a href="#t\d+">比较 与上年预算比较<\/a>/);
    const names = sheetNames(tables);
    assert.equal(names[names.length - 1], '比较 与上年预算比较');
    assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length);
    const buf = (await renderTables(a, 'xlsx', 'zh-CN')) as Uint8Array;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(buf) as unknown as ArrayBuffer);
    const ws = wb.worksheets[wb.worksheets.length - 1];
    assert.equal(ws.name, '比较 与上年预算比较');
    const values: unknown[] = [];
    ws.eachRow((row) => values.push(...(row.values as unknown[]).slice(1)));
    assert.ok(values.includes('收入总计') && values.includes('-0.8%'), 'the rows are written');
    assert.ok(values.includes(2345.67), 'amounts as numbers');
  });

  it('the CLI renders the sample (json)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'render', 'samples/comparison.budget', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { tables: Array<{ id: string }> };
    assert.equal(out.tables[out.tables.length - 1].id, '比较');
  });
});
