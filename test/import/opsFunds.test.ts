/**
 * 机关运行经费 read back by the importer: a budget that writes it, rendered to its layout's official workbook
 * (`budget render --format xlsx`) and imported (`budget import`), has the same 三公 figures — 机关运行经费 included
 * — the same tables cell for cell and the same findings; one that writes none imports without it (the reference
 * layout's 表7 as published). The same from text whose 表7 prints the column (flattened, as copied from a PDF),
 * and not from the published reference text, which prints none.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { analyze } from '../../server/src/core/analyze';
import { renderTables } from '../../server/src/core/render';
import { buildTables, type Table } from '../../server/src/core/tables';
import { importDocument } from '../../server/src/import/importer';
import { REFERENCE } from '../tables/reference';
import { SANGONG } from '../helpers/opsFunds';
import { findings } from './util';

/** A table as displayed: its rows, each cell's text (covered cells as blanks). */
const rows = (t: Table): string => t.rows.map((r) => r.map((c) => (c.covered ? '' : c.text)).join('|')).join('\n');

/** The 三公 lines of a file as written (item, figure text and unit), in order. */
function sangongLines(text: string): string[] {
  const u = analyze(text).model.units[0];
  return (u.sangong?.lines ?? []).map((l) => `${l.item} ${l.amount ? `${l.amount.text} ${l.amount.unit}` : '(blank)'}`);
}

async function roundTrip(text: string): Promise<string> {
  const xlsx = (await renderTables(analyze(text), 'xlsx', 'zh-CN')) as Uint8Array;
  return (await importDocument(xlsx, { name: 'roundtrip.xlsx' })).text;
}

/** A 行政单位 of the reference layout whose basic 公用 is 20.00 万元: its 机关运行经费 is checked (BUD515). */
const ADMIN = (ops: string): string =>
  SANGONG(`    机关运行经费 ${ops}\n`).replace('  金额单位 万元\n', '  金额单位 万元\n  表式 辽宁\n  性质 行政单位\n  支出 {\n    201 一般公共服务支出 100.00 基本 100.00 人员 80.00 公用 20.00\n  }\n');

describe('import: 机关运行经费 comes back from the 三公 table', function () {
  this.timeout(120_000);

  for (const [what, ops] of [['a figure', '    机关运行经费 182.65\n'], ['the line without a figure (printed blank)', '    机关运行经费\n'], ['none (表7 as published)', '']] as const) {
    it(`reference 表7, ${what}: render xlsx → import gives the same 三公 lines and the same tables`, async () => {
      const text = SANGONG(ops);
      const back = await roundTrip(text);
      assert.deepEqual(sangongLines(back), sangongLines(text));
      assert.equal(/机关运行经费/.test(back), ops !== '', 'a 机关运行经费 line only where one is written');
      const before = buildTables(analyze(text)).find((t) => t.id === '表7')!;
      const after = buildTables(analyze(back)).find((t) => t.id === '表7')!;
      assert.deepEqual(after.columns, before.columns);
      assert.equal(rows(after), rows(before));
    });
  }

  it('the figure keeps its check after the round trip: BUD515 stays where it was, and only there', async () => {
    for (const [ops, expected] of [['20.00', []], ['22.00', ['BUD515']]] as const) {
      const text = ADMIN(ops);
      const was = findings(text);
      assert.deepEqual(was.filter((f) => f.startsWith('BUD515')).map((f) => f.slice(0, 6)), expected, ops);
      // The import does not carry 性质 (no table prints it): state it again, as the reviewer does.
      const back = (await roundTrip(text)).replace(/^( {2}表式 辽宁\n)/m, '$1  性质 行政单位\n');
      assert.deepEqual(sangongLines(back), sangongLines(text));
      assert.deepEqual(findings(back).filter((f) => f.startsWith('BUD515')), was.filter((f) => f.startsWith('BUD515')), ops);
    }
  });

  it('Shanghai 表9: its 机关运行经费 column comes back as written', async () => {
    const text = SANGONG('    机关运行经费 182.65\n').replace('  金额单位 万元\n', '  金额单位 万元\n  表式 上海单位\n');
    const back = await roundTrip(text);
    assert.deepEqual(sangongLines(back), sangongLines(text));
  });

  it('text (flattened, as copied from a PDF) whose 表7 prints the column: read; the published reference text: none', async () => {
    const published = readFileSync(REFERENCE, 'utf8');
    const at = published.indexOf('财政拨款预算“三公”经费支出表');
    const head = published.indexOf('\n公务接待费\n', at);
    const figures = published.indexOf('\n8.25 7.25 7.25 1.00\n', at);
    assert.ok(at > 0 && head > at && figures > head, 'the reference 表7 as printed');
    const withOps = published.slice(0, head) + '\n公务接待费 机关运行经费\n' + published.slice(head + '\n公务接待费\n'.length, figures) +
      '\n8.25 7.25 7.25 1.00 182.65\n' + published.slice(figures + '\n8.25 7.25 7.25 1.00\n'.length);
    const r = await importDocument(new Uint8Array(Buffer.from(withOps, 'utf8')), { name: 'fushun-2025.txt' });
    assert.deepEqual(sangongLines(r.text).filter((l) => !l.endsWith('(blank)')), ['total 8.25 万元', 'vehicle 7.25 万元', 'vehicleRun 7.25 万元', 'reception 1.00 万元', 'opsFunds 182.65 万元']);
    const plain = await importDocument(new Uint8Array(Buffer.from(published, 'utf8')), { name: 'fushun-2025.txt' });
    assert.ok(!sangongLines(plain.text).some((l) => l.startsWith('opsFunds')), 'the published 表7 prints no 机关运行经费: none is imported');
  });
});
