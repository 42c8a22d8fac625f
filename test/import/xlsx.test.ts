/**
 * Workbooks: the tables a budget renders to xlsx (numbers as numbers, merged header cells) import back table for
 * table, found by the titles they hold — whatever the sheets are called and in whatever order they stand.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { analyze } from '../../server/src/core/analyze';
import { renderTables } from '../../server/src/core/render';
import { buildTables, type Table } from '../../server/src/core/tables';
import { importDocument } from '../../server/src/import/importer';
import { ROOT } from './util';

const shown = (t: Table): string => t.rows.flat().filter((c) => !c.covered && c.amount !== undefined && c.text !== '').map((c) => c.amount).sort().join(' ');

describe('import: workbooks', function () {
  this.timeout(60_000);

  it('the reference sample rendered to xlsx, sheets renamed and reversed, imports back table for table', async () => {
    const text = readFileSync(join(ROOT, 'samples/fushun-2025.budget'), 'utf8');
    const a = analyze(text);
    const rendered = await renderTables(a, 'xlsx', 'zh-CN');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(rendered) as unknown as ArrayBuffer);
    const n = wb.worksheets.length;
    wb.worksheets.forEach((ws, i) => {
      ws.name = `Sheet${n - i}`;
      (ws as unknown as { orderNo: number }).orderNo = n - i;
    });
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await importDocument(bytes, { name: 'fushun-2025.xlsx' });
    assert.equal(r.summary.layout, '辽宁');
    assert.equal(r.doc.kind, 'xlsx');
    const before = buildTables(a);
    const after = buildTables(analyze(r.text));
    for (const t of before) {
      const u = after.find((x) => x.id === t.id && x.part === t.part);
      assert.ok(u, `${t.id} ${t.part ?? ''}`);
      assert.equal(shown(u), shown(t), `${t.id} ${t.part ?? ''}`);
    }
    // Numbers came as numbers, written as their cells show them (decimals and thousands separators).
    assert.match(r.text, /合计 162,953\.23 基本 2,937\.37 人员 2,585\.73 公用 351\.64 项目 160,015\.86/);
  });
});
