/**
 * The reference document (text copied from its PDF, cells flattened to single spaces) imports to a file whose
 * tables are the published ones and whose findings are those of samples/fushun-2025.budget — apart from the
 * listed ones that come from figures the document does not print (#13's: unknown is not zero) and from the
 * projects' function codes, which the sample reconstructs and the importer does not invent.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { buildTables, type Table } from '../../server/src/core/tables';
import { amountTokens as refAmounts, multiset, readReference, REFERENCE } from '../tables/reference';
import { findings, imported, NOT_PRINTED, ROOT } from './util';

const shown = (t: Table): string[] => t.rows.flat().filter((c) => !c.covered && c.amount !== undefined && c.text !== '').map((c) => c.text);

describe('import: the reference document (text copied from its PDF)', function () {
  this.timeout(60_000);
  const refs = readReference();

  it('recognises the reference layout and all 18 tables, 表17 once per project', async () => {
    const r = await imported(REFERENCE);
    assert.equal(r.summary.layout, '辽宁');
    assert.deepEqual([...new Set(r.summary.tables.map((t) => t.id))].sort(), Array.from({ length: 18 }, (_, i) => `表${i + 1}`).sort());
    assert.equal(r.summary.tables.filter((t) => t.id === '表17').length, 11);
    assert.deepEqual(r.summary.missing, []);
    assert.equal(r.summary.differing, 0);
  });

  it('checks with the findings of samples/fushun-2025.budget, and the listed ones of figures not printed', async () => {
    const r = await imported(REFERENCE);
    const sample = findings(readFileSync(join(ROOT, 'samples/fushun-2025.budget'), 'utf8'));
    assert.deepEqual(findings(r.text), [...sample, ...NOT_PRINTED].sort());
  });

  it('its tables hold exactly the published amounts, all 18 (written figures shown as written: 表11/表12 included)', async () => {
    const r = await imported(REFERENCE);
    const tables = buildTables(analyze(r.text));
    for (const id of Array.from({ length: 18 }, (_, i) => `表${i + 1}`)) {
      if (id === '表17') {
        for (const ref of refs.filter((x) => x.id === '表17')) {
          const t = tables.find((x) => x.id === '表17' && x.part === ref.part);
          assert.ok(t, `表17 ${ref.part}`);
          assert.deepEqual(multiset(shown(t)), multiset(refAmounts(ref.text)), ref.part);
        }
        continue;
      }
      const ref = refs.find((x) => x.id === id)!;
      assert.deepEqual(multiset(tables.filter((t) => t.id === id).flatMap(shown)), multiset(refAmounts(ref.text)), id);
    }
  });

  it('writes the statements of the reviewer-style sample: units, totals, 三公, empty tables, projects and indicators', async () => {
    const r = await imported(REFERENCE);
    for (const line of [
      '编码 068005', '区划 210400000', '年度 2025', '金额单位 万元', '性质 事业单位',
      '合计 162,953.23 基本 2,937.37 人员 2,585.73 公用 351.64 项目 160,015.86',
      '2080505 机关事业单位基本养老保险缴费支出 262.99 基本 262.99 人员 262.99',
      '30239 其他交通费用 88.12 基本 88.12 人员 88.12',
      '30201 办公费 234.34 基本 84.20 公用 84.20',
      '公务用车运行费 7.25', '政府性基金支出 无', '专项资金 无',
      '任务 基本支出人员经费（保工资） 2,192.04', '综合管理水平 管理规范 2025-12',
      '社会保险省级统筹网络运行及经办专项 210000 2025-12',
    ]) assert.ok(r.text.includes(line), line);
    // The 性质 is inferred from 表11 and says so.
    assert.match(r.text, /# 性质未印出，由政府经济分类的 505 科目推知/);
  });
});
