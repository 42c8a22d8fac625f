/**
 * 表17 (the project performance table) with the attributes of the performance form (申报表): 项目性质 and
 * 项目类别, the period or the planned dates, 项目资金总额 with 财政资金 / 其他资金, 上年结转资金, and 总体目标 split
 * into 中长期目标 and 年度目标 — each row only when written, so a project without them keeps the published
 * layout of the reference (test/tables/golden.test.ts). Golden: the 城管 2026 sample's 表17.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { renderHtml } from '../../server/src/core/render';
import { buildTables, type Table, type TableCell } from '../../server/src/core/tables';
import { expectGolden, sample } from '../helpers/golden';

/** The project form: 表17 of the reference layout, 项目经费情况说明 of the Shanghai department layout. */
function table17(text: string): Table {
  const t = buildTables(analyze(text)).filter((x) => x.id === '表17' || x.id === '项目说明');
  assert.equal(t.length, 1);
  return t[0];
}

/** The rows before the indicators, as `[label] value …` (covered cells left out, spans as `/c` and `/r`). */
function formRows(t: Table): string[] {
  const end = t.rows.findIndex((r) => r[0]?.text === '绩效指标');
  const cell = (c: TableCell): string => `${c.head ? `[${c.text}]` : c.text}${c.colSpan ? `/c${c.colSpan}` : ''}${c.rowSpan ? `/r${c.rowSpan}` : ''}`;
  return t.rows.slice(0, end).map((r) => r.filter((c) => !c.covered).map(cell).join(' | '));
}

/** Every row is 7 columns wide once spans are counted (the table stays rectangular). */
function assertRectangular(t: Table): void {
  const covered = t.rows.map(() => new Array<boolean>(7).fill(false));
  t.rows.forEach((r, i) => {
    assert.equal(r.length, 7, `row ${i}`);
    r.forEach((c, j) => {
      if (c.covered) {
        assert.ok(covered[i][j], `row ${i} col ${j} is covered by a spanning cell`);
        return;
      }
      for (let di = 0; di < (c.rowSpan ?? 1); di++) for (let dj = 0; dj < (c.colSpan ?? 1); dj++) if (di || dj) covered[i + di][j + dj] = true;
    });
  });
}

const UNIT = (lines: string[]): string => `单位 测试单位 {\n  年度 2025\n  金额单位 元\n  项目 甲 {\n    金额 5.00\n${lines.map((l) => `    ${l}`).join('\n')}\n    指标 {\n      一级 产出指标\n      人数 >= 5 人\n    }\n  }\n}\n`;

describe('tables: 表17 with the attributes of the performance form', () => {
  it('without them the layout is the reference one', () => {
    const t = table17(UNIT(['总体目标 完成']));
    assert.deepEqual(formRows(t), [
      '[项目(政策)名称]/c2 | 甲/c5',
      '[主管部门]/c2 | /c2 | [实施单位] | /c2',
      '[预算资金情况]/c2 | 5.00/c5',
      '[总体目标]/c2 | 完成/c5',
    ]);
  });

  it('every attribute as a row of the form, amounts exact and pointing at where they are written', () => {
    const text = UNIT([
      '项目性质 阶段性项目', '项目类别 特定目标类', '实施期限 2024-01-01 至 2026-12-31',
      '资金总额 15.00 财政资金 12.00 其他资金 3.00', '上年结转资金 1.50', '中长期目标 三年目标', '总体目标 年度目标文字',
    ]);
    const t = table17(text);
    assert.deepEqual(formRows(t), [
      '[项目(政策)名称]/c2 | 甲/c5',
      '[主管部门]/c2 | /c2 | [实施单位] | /c2',
      '[项目性质]/c2 | 阶段性项目/c2 | [项目类别] | 特定目标类/c2',
      '[实施期限]/c2 | 2024-01-01 至 2026-12-31/c5',
      '[预算资金情况]/c2 | 5.00/c5',
      '[项目资金总额]/c2 | 15.00 | [财政资金] | 12.00 | [其他资金] | 3.00',
      '[上年结转资金]/c2 | 1.50/c5',
      '[总体目标]/r2 | [中长期目标] | 三年目标/c5',
      '[年度目标] | 年度目标文字/c5',
    ]);
    assertRectangular(t);
    const cells = t.rows.flat().filter((c) => c.amount !== undefined);
    for (const c of cells) assert.equal(text.slice(c.span!.start, c.span!.end).replace(/,/g, ''), c.amount, `${c.text} points at its figure`);
    assert.deepEqual(cells.map((c) => c.amount), ['5.00', '15.00', '12.00', '3.00', '1.50']);
    const period = t.rows.flat().find((c) => c.text === '2024-01-01 至 2026-12-31')!;
    assert.equal(text.slice(period.span!.start, period.span!.end), '2024-01-01 至 2026-12-31');
    // The other renderers take the spans as they come.
    assert.match(renderHtml(buildTables(analyze(text)), 'zh-CN'), /中长期目标/);
  });

  it('the planned dates when written apart; 资金总额 alone on one row; an empty cell for a part not written', () => {
    const t = table17(UNIT(['开始日期 2025-03-01', '资金总额 9.00']));
    assert.deepEqual(formRows(t).slice(2), [
      '[计划开始日期]/c2 | 2025-03-01/c2 | [计划完成日期] | /c2',
      '[预算资金情况]/c2 | 5.00/c5',
      '[项目资金总额]/c2 | 9.00/c5',
      '[总体目标]/c2 | /c5',
    ]);
    const parts = table17(UNIT(['资金总额 9.00 财政资金 9.00']));
    assert.deepEqual(formRows(parts).slice(3, 4), ['[项目资金总额]/c2 | 9.00 | [财政资金] | 9.00 | [其他资金] | ']);
    assertRectangular(parts);
  });

  it('the 城管 2026 sample: the published 申报表 (golden), as its layout’s 项目经费情况说明', () => {
    const t = table17(sample('real-chengguan-2026.budget'));
    assert.equal(t.id, '项目说明');
    assert.equal(t.title, '项目经费情况说明');
    assert.equal(t.layout, '上海部门');
    assertRectangular(t);
    assert.deepEqual(formRows(t).slice(2, 8), [
      '[项目性质]/c2 | 阶段性项目/c2 | [项目类别] | 特定目标类/c2',
      '[计划开始日期]/c2 | 2024-01-01/c2 | [计划完成日期] | 2026-12-31/c2',
      '[预算资金情况]/c2 | 3,498,000.00/c5',
      // Printed zeros stay zeros (其他资金 0.00, 上年结转资金 0.00).
      '[项目资金总额]/c2 | 10,308,000.00 | [财政资金] | 10,308,000.00 | [其他资金] | 0.00',
      '[上年结转资金]/c2 | 0.00/c5',
      '[总体目标]/r2 | [中长期目标] | 1.完成市、区相关部门下达的年度拆违任务。2.新增违建“零增长”，坚决做到“无增减存”。3.开展存量违建专项治理，快速降低违建点位数。4.开展普查数据平台“拆一件、销一项、存一档”目标管理。/c5',
    ]);
    expectGolden('tables', 'chengguan-2026-table17', t);
  });
});
