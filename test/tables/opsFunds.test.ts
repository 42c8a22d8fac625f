/**
 * 机关运行经费 in the 三公 tables of every layout. The reference layout's 表7 is printed as published (six columns)
 * when the 三公 block writes no 机关运行经费, and gains a last column 机关运行经费 when it writes one (a figure, or a
 * blank printed cell) — in the table model, the preview/HTML (and so the PDF), the JSON and the xlsx, where the
 * “三公”经费合计 formula sums the 三公 columns only: 机关运行经费 is beside the 三公, no part of them. The Shanghai
 * 表9 always prints it. The importer reading it back is test/import/opsFunds.test.ts.
 */
import * as assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { analyze } from '../../server/src/core/analyze';
import { renderTables, sheetNames } from '../../server/src/core/render';
import { buildTables, tableWidth, type Table } from '../../server/src/core/tables';
import { totalCells } from '../../server/src/core/layouts/totals';
import { SANGONG } from '../helpers/opsFunds';

const PUBLISHED = ['“三公”经费合计', '因公出国（境）费', '小计', '公务用车购置费', '公务用车运行费', '公务接待费'];

const table7 = (text: string): Table => buildTables(analyze(text)).find((t) => t.id === '表7')!;

/** The formulas of a table's sheet in the rendered workbook, by cell address. */
async function sheetFormulas(text: string, id: string): Promise<Map<string, string>> {
  const a = analyze(text);
  const tables = buildTables(a, 'zh-CN');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from((await renderTables(a, 'xlsx', 'zh-CN')) as Uint8Array) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheetNames(tables)[tables.findIndex((t) => t.id === id)])!;
  const out = new Map<string, string>();
  ws.eachRow((r) => r.eachCell((c) => {
    const v = c.value as { formula?: string } | null;
    if (v && typeof v === 'object' && v.formula) out.set(c.address, v.formula);
  }));
  return out;
}

describe('tables: 机关运行经费 in the 三公 tables', function () {
  this.timeout(60_000);

  it('reference 表7, none written: exactly as published (six columns, no 机关运行经费)', () => {
    const t = table7(SANGONG(''));
    assert.deepEqual(t.columns, PUBLISHED);
    assert.equal(tableWidth(t), 6);
    assert.deepEqual(t.header.flat().map((h) => h.text), ['“三公”经费合计', '因公出国（境）费', '公务用车购置及运行费', '公务接待费', '小计', '公务用车购置费', '公务用车运行费']);
    assert.ok(!t.header.flat().some((h) => h.apart));
  });

  it('reference 表7, written: a last column 机关运行经费 with the figure as written, beside the 三公 (apart from their total)', () => {
    const t = table7(SANGONG('    机关运行经费 182.65\n'));
    assert.deepEqual(t.columns, [...PUBLISHED, '机关运行经费']);
    assert.equal(tableWidth(t), 7);
    assert.deepEqual(t.rows[0].map((c) => c.text), ['8.25', '0.00', '7.25', '0.00', '7.25', '1.00', '182.65']);
    assert.deepEqual(t.header[0].at(-1), { text: '机关运行经费', rowSpan: 2, apart: true });
    // The cell reveals the written figure (click-to-reveal).
    const text = SANGONG('    机关运行经费 182.65\n');
    assert.equal(text.slice(t.rows[0][6].span!.start, t.rows[0][6].span!.end), '182.65');
  });

  it('reference 表7, the line written without a figure: the column, its cell blank (printed empty), not 0', () => {
    const t = table7(SANGONG('    机关运行经费\n'));
    assert.equal(t.columns.at(-1), '机关运行经费');
    assert.equal(t.rows[0][6].text, '');
    assert.equal(t.rows[0][6].amount, undefined);
  });

  it('the preview/HTML (and so the PDF) and the JSON show it; the CSV too', async () => {
    const a = analyze(SANGONG('    机关运行经费 182.65\n'));
    const html = String(await renderTables(a, 'html', 'zh-CN'));
    const t7 = html.slice(html.indexOf('<h2>财政拨款预算“三公”经费支出表'));
    assert.match(t7, /<th rowspan="2">机关运行经费<\/th>/);
    assert.ok(t7.slice(0, t7.indexOf('</table>')).includes('182.65'));
    const json = JSON.parse(String(await renderTables(a, 'json', 'zh-CN'))) as { tables: Table[] };
    const j7 = json.tables.find((x) => x.id === '表7')!;
    assert.equal(j7.columns.at(-1), '机关运行经费');
    assert.equal(j7.rows[0].at(-1), '182.65');
    assert.match(String(await renderTables(a, 'csv', 'zh-CN')), /机关运行经费[\s\S]*182\.65/);
    const none = String(await renderTables(analyze(SANGONG('')), 'html', 'zh-CN'));
    assert.ok(!none.includes('机关运行经费'));
  });

  it('xlsx: the header and the figure; the “三公”经费合计 formula sums the 三公 columns, never 机关运行经费 (even at 0.00)', async () => {
    // 机关运行经费 0.00: a SUM over every column to the 合计's right would still equal 8.25 — the rule must not take it.
    const zero = SANGONG('    机关运行经费 0.00\n');
    const t = table7(zero);
    assert.deepEqual(totalCells(t).map((c) => [c.col, c.parts.map((p) => p.col)]), [[0, [1, 2, 5]], [2, [3, 4]]]);
    // Without the mark the structural rule would take it as a sibling of the 合计 (0.00 adds up): the mark decides.
    const unmarked: Table = { ...t, header: t.header.map((r) => r.map((h) => ({ text: h.text, colSpan: h.colSpan, rowSpan: h.rowSpan }))) };
    assert.deepEqual(totalCells(unmarked)[0].parts.map((p) => p.col), [1, 2, 5, 6]);
    const f = await sheetFormulas(zero, '表7');
    assert.deepEqual([...f.values()].sort(), ['SUM(B8:C8,F8)', 'SUM(D8:E8)']);
    // Written: the header and the figure in the workbook, the figure a plain number.
    const a = analyze(SANGONG('    机关运行经费 182.65\n'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await renderTables(a, 'xlsx', 'zh-CN')) as Uint8Array) as unknown as ArrayBuffer);
    const tables = buildTables(a, 'zh-CN');
    const ws = wb.getWorksheet(sheetNames(tables)[tables.findIndex((x) => x.id === '表7')])!;
    assert.equal(ws.getCell('G6').value, '机关运行经费');
    assert.equal(ws.getCell('G8').value, 182.65);
  });

  it('nothing dropped: a written 机关运行经费 (in the 三公 block, or as a 说明 line) is shown in a table of every layout', () => {
    const inSangong = SANGONG('    机关运行经费 182.65\n');
    const inNotes = SANGONG('').replace(/\n\}\n$/, '\n  说明 {\n    机关运行经费 本年 182.65\n  }\n}\n');
    for (const layout of ['辽宁', '上海单位', '上海部门']) {
      for (const [where, text] of [['三公', inSangong], ['说明', inNotes]]) {
        const tables = buildTables(analyze(text.replace('  金额单位 万元\n', `  金额单位 万元\n  表式 ${layout}\n`)));
        const shown = tables.filter((t) => t.rows.some((r) => r.some((c) => c.text === '182.65') && (t.columns.includes('机关运行经费') || r.some((c) => c.text === '机关运行经费'))));
        assert.ok(shown.length, `${layout}, written in ${where}: shown in ${tables.map((t) => t.id).join(' ')}`);
      }
    }
  });

  it('Shanghai 表9 always prints 机关运行经费, outside the 三公 total (its own header group)', async () => {
    const text = SANGONG('    机关运行经费 182.65\n').replace('  金额单位 万元\n', '  金额单位 万元\n  表式 上海单位\n');
    const t = buildTables(analyze(text)).find((x) => x.id === '表9')!;
    assert.equal(t.columns.at(-1), '机关运行经费');
    assert.equal(t.rows[0].at(-1)!.text, '182.65');
    assert.ok(totalCells(t).every((c) => c.col !== 6 && c.parts.every((p) => p.col !== 6)));
  });
});
