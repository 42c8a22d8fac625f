/**
 * `budget render --format xlsx` for a Shanghai-layout budget: the disclosure workbook's sheets in their order and
 * by their names, the table sheets with the same amounts as the tables (numbers, in the printed format), merged
 * header cells, the unit line, print setup; read back with exceljs. The sheet names are those of the Shanghai
 * disclosure workbooks (上海市普陀区 单位预算 / 部门预算 公开模板, sheets as their files name them — including the
 * trailing space of “国有资本经营预算拨款表 ”); the templates themselves are not part of the project.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { analyze } from '../../server/src/core/analyze';
import { renderTables } from '../../server/src/core/render';
import { buildTables, type Table } from '../../server/src/core/tables';
import { sample } from '../helpers/golden';
import { shownNumber } from '../helpers/xlsx';
import { ROOT } from './reference';

const DEPARTMENT_SHEETS = [
  '封面', '目录', '部门主要职能', '部门机构设置', '名词解释', '部门编制说明', '部门收支总表', '部门收入总表', '部门支出总表', '部门财政拨款收支总表',
  '部门一般公共预算拨款表', '部门政府性基金拨款表', '部门国有资本经营预算拨款表 ', '部门一般公共预算拨款基本支出明细表', '部门“三公”经费和机关运行费预算表',
  '其他相关情况说明', '项目经费情况说明',
];
const UNIT_SHEETS = [
  '封面', '目录', '单位职能', '单位机构设置', '名词解释', '单位编制说明', '单位收支总表', '单位收入总表', '单位支出总表', '单位财政拨款收支总表',
  '单位一般公共预算拨款表', '单位政府性基金拨款表', '单位国有资本经营预算拨款表 ', '单位一般公共预算拨款基本支出明细表', '单位“三公”经费和机关运行费预算表',
  '其他相关情况说明',
];

async function workbook(text: string): Promise<ExcelJS.Workbook> {
  const buf = (await renderTables(analyze(text), 'xlsx', 'zh-CN')) as Uint8Array;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(buf) as unknown as ArrayBuffer);
  return wb;
}

/** The numbers of a sheet (merged ranges counted once), in row order, formatted by their own number format. */
function numbersOf(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => {
    const n = shownNumber(c);
    if (n === undefined || c.master.address !== c.address) return;
    const d = /\.(0+)$/.exec(c.numFmt ?? '')?.[1].length ?? 0;
    out.push(n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
  }));
  return out;
}

function shownAmounts(t: Table): string[] {
  return t.rows.flat().filter((c) => !c.covered && c.amount !== undefined && c.text !== '').map((c) => c.text);
}

/** A Shanghai unit budget (a unit that is not its own 主管部门). */
const UNIT = sample('real-wenlvju-2026.budget')
  .replace('\n  表式 上海部门\n', '\n  表式 上海单位\n')
  .replace('单位 上海市普陀区文化和旅游局 {', '单位 上海市普陀区文化馆 {');

describe('xlsx: the Shanghai disclosure workbook', function () {
  this.timeout(60000);

  it('a department budget: the department workbook’s sheets in order and by name; every table sheet holds the table’s amounts', async () => {
    const text = sample('real-wanli-2025.budget');
    const wb = await workbook(text);
    assert.deepEqual(wb.worksheets.map((w) => w.name), DEPARTMENT_SHEETS);
    const tables = buildTables(analyze(text));
    for (const t of tables.filter((x) => x.sheet)) {
      const ws = wb.getWorksheet(t.sheet!)!;
      assert.ok(ws, t.sheet);
      assert.deepEqual(numbersOf(ws), shownAmounts(t), `${t.sheet}: the same amounts, in order, as printed`);
    }
  });

  it('a table sheet: title, unit line (publisher left, money unit right), merged multi-level header, print setup', async () => {
    const wb = await workbook(sample('real-wanli-2025.budget'));
    const ws = wb.getWorksheet('部门收入总表')!;
    assert.equal(ws.getCell('A2').value, '2025年部门收入预算总表');
    assert.equal(ws.getCell('A4').value, '编制部门：上海市普陀区人民政府万里街道办事处');
    assert.equal(ws.getCell('I4').value, '单位：元');
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    for (const m of ['A2:I2', 'A6:D6', 'E6:I6', 'A7:C7', 'D7:D8', 'E7:E8']) assert.ok(merges.includes(m), `${m} merged: ${merges.join(' ')}`);
    assert.deepEqual([ws.getCell('A6').value, ws.getCell('E6').value, ws.getCell('A7').value, ws.getCell('A8').value, ws.getCell('C8').value], ['项目', '收入预算', '功能分类科目编码', '类', '项']);
    // The first row: 201 一般公共服务支出 3,296,600 with 0 printed in the three other columns, as numbers.
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => shownNumber(ws.getRow(9).getCell(c)) ?? ws.getRow(9).getCell(c).value), ['201', null, null, '一般公共服务支出', 3296600, 3296600, 0, 0, 0]);
    // 201's figures are the totals of its 款 rows: formulas over them, their figures cached.
    assert.deepEqual(ws.getRow(9).getCell(5).value, { formula: 'SUM(E10,E12,E14,E16,E18,E20)', result: 3296600 });
    assert.equal(ws.getRow(9).getCell(5).numFmt, '#,##0');
    // 21201: the written 94,995,790 with the computed value noted.
    let noted = '';
    ws.eachRow((row) => row.eachCell((c) => { if (c.value === 94995790 && c.note) noted = String(c.note); }));
    assert.match(noted, /计算值 94,995,789/);
    assert.equal(ws.pageSetup.orientation, 'landscape');
    assert.equal(ws.pageSetup.paperSize, 9);
    assert.equal(ws.pageSetup.fitToPage, true);
    assert.equal(ws.pageSetup.fitToWidth, 1);
    assert.equal(ws.pageSetup.printTitlesRow, '6:8');
    const sg = wb.getWorksheet('部门“三公”经费和机关运行费预算表')!;
    assert.equal(sg.getCell('G4').value, '单位：万元');
    assert.equal(sg.getCell('G6').value, '机关运行经费预算数');
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((c) => shownNumber(sg.getRow(9).getCell(c))), [37.91, 0, 1.35, 36.56, 15, 21.56, 464.64]);
    // The 三公 合计 is the sum of its three kinds, the 公务用车 小计 of 购置 and 运行.
    assert.deepEqual([sg.getCell('A9').value, sg.getCell('D9').value], [{ formula: 'SUM(B9:D9)', result: 37.91 }, { formula: 'SUM(E9:F9)', result: 36.56 }]);
  });

  it('the text sheets: the cover, the contents (the tables by title), headings to write under', async () => {
    const wb = await workbook(sample('real-wanli-2025.budget'));
    assert.equal(wb.getWorksheet('封面')!.getCell('A3').value, '2025年部门预算');
    assert.equal(wb.getWorksheet('封面')!.getCell('A9').value, '预算主管部门：上海市普陀区人民政府万里街道办事处');
    const toc: string[] = [];
    wb.getWorksheet('目录')!.eachRow((r) => toc.push(String(r.getCell(1).value)));
    assert.deepEqual(toc.slice(0, 7), ['目  录', '一、部门主要职能', '二、部门机构设置', '三、名词解释', '四、部门预算编制说明', '五、部门预算表', '    1. 2025年部门财务收支预算总表']);
    assert.deepEqual(toc.slice(-3), ['    9. 2025年部门“三公”经费和机关运行经费预算表', '六、其他相关情况说明', '七、项目经费情况说明']);
    assert.equal(wb.getWorksheet('部门主要职能')!.getCell('A1').value, '上海市普陀区人民政府万里街道办事处（部门）主要职能');
  });

  it('the text sheets state what the file holds, worded as the documents: its units and their 性质 (机构设置), its 政府采购 budget (其他相关情况说明)', async () => {
    const wb = await workbook(sample('real-chengguan-2026.budget'));
    const text = (name: string): string[] => {
      const out: string[] = [];
      wb.getWorksheet(name)!.eachRow((r) => {
        if (r.getCell(1).value !== null) out.push(String(r.getCell(1).value));
      });
      return out;
    };
    assert.deepEqual(text('部门机构设置'), ['普陀区城市管理行政执法局（部门）机构设置', '本部门中，行政单位 1 家，具体包括：', '1. 普陀区城市管理行政执法局（行政单位）。']);
    assert.deepEqual(text('其他相关情况说明'), [
      '其他相关情况说明', '一、政府采购预算情况',
      '2026年本部门政府采购预算5,952,800元，其中：政府采购货物预算771,000元、政府采购工程预算0元、政府采购服务预算5,181,800元。',
      '面向中小企业预留政府采购项目预算3,434,900元，其中，预留给小型和微型企业1,788,500元。',
    ]);
    // What the file does not hold stays a heading to write under.
    assert.deepEqual(text('部门编制说明'), ['2026年部门预算编制说明']);
  });

  it('the department’s project forms stand on the 项目经费情况说明 sheet; a table beyond the workbook’s comes after it', async () => {
    const wb = await workbook(sample('real-chengguan-2026.budget'));
    assert.deepEqual(wb.worksheets.map((w) => w.name), [...DEPARTMENT_SHEETS, '比较 与上年预算比较']);
    const ws = wb.getWorksheet('项目经费情况说明')!;
    assert.equal(ws.getCell('A2').value, '项目经费情况说明 — 拆违经费');
    assert.deepEqual(numbersOf(ws), ['3,498,000.00', '10,308,000.00', '10,308,000.00', '0.00', '0.00']);
  });

  it('a unit budget: the unit workbook’s sheets; its 收支总表 has 合计/人员经费/公用经费/项目支出 per 类', async () => {
    const wb = await workbook(UNIT);
    assert.deepEqual(wb.worksheets.map((w) => w.name), UNIT_SHEETS);
    const ws = wb.getWorksheet('单位收支总表')!;
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    for (const m of ['A6:B6', 'C6:G6', 'A7:A9', 'D7:G7', 'E8:F8', 'D8:D9', 'G8:G9']) assert.ok(merges.includes(m), `${m} merged: ${merges.join(' ')}`);
    assert.deepEqual([4, 5, 6, 7].map((c) => ws.getRow(9).getCell(c).value), ['合计', '人员经费', '公用经费', '项目支出']);
    assert.equal(ws.getCell('A4').value, '编制单位：上海市普陀区文化馆');
  });

  it('the CLI writes it (budget render --format xlsx --out …)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-wb-'));
    try {
      const out = path.join(dir, 'wanli.xlsx');
      const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'render', 'samples/real-wanli-2025.budget', '--format', 'xlsx', '--out', out], { cwd: ROOT, encoding: 'utf8' });
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      assert.deepEqual(wb.worksheets.map((w) => w.name), DEPARTMENT_SHEETS);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('csv and html follow the layout too: its tables, titles, unit lines; html says which layout and marks the cells', async () => {
    const a = analyze(sample('real-wanli-2025.budget'));
    const csv = (await renderTables(a, 'csv', 'zh-CN')) as string;
    assert.ok(csv.includes('表9 2025年部门“三公”经费和机关运行经费预算表,编制部门：上海市普陀区人民政府万里街道办事处 单位：万元\r\n'));
    assert.ok(csv.includes('\r\n37.91,0,1.35,36.56,15,21.56,464.64\r\n'));
    const html = (await renderTables(a, 'html', 'zh-CN')) as string;
    assert.match(html, /<p class="layout">表式：<b>上海部门预算（9 张表）<\/b> — 文件写明“表式 上海部门”<\/p>/);
    assert.match(html, /<td class="num differs" title="与计算值不符：计算值 94,995,789[^"]*">94,995,790<\/td>/);
    assert.match(html, /<span>编制部门：上海市普陀区人民政府万里街道办事处<\/span><span>单位：万元<\/span>/);
  });
});
