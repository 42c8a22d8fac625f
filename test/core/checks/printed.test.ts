import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { printed } from '../../../server/src/core/checks/printed';
import { renderMessage } from '../../../server/src/core/diagnostics';
import { hover } from '../../../server/src/core/features/hover';
import { inlayHints } from '../../../server/src/core/features/inlayHints';
import { runCases } from './cases';
import { at, codes, unit } from '../util';

/**
 * A Shanghai unit (in 元): 1,000 of spending, 200 of it from the government fund (2120803), the rest from the general
 * budget; `printed` is what its 印出 blocks state. 21201's children are `child` (500 agrees with its 合计).
 */
const SH = (printedBlocks: string, child = '500 基本 500 人员 500'): string => unit(
  '  收入 {\n    财政拨款收入 1,000\n    一般公共预算 800\n    政府性基金预算 200\n    收入总计 1,000\n  }\n'
  + '  支出 {\n    合计 1,000 基本 500 人员 500 项目 500\n    212 城乡社区支出 700 基本 500 人员 500 项目 200\n'
  + '    21201 城乡社区管理事务 500 基本 500 人员 500\n'
  + `    2120101 行政运行 ${child}\n`
  + '    21208 国有土地使用权出让收入安排的支出 200 项目 200\n    2120803 城市建设支出 来源 政府性基金预算 200 项目 200\n'
  + '    221 住房保障支出 300 项目 300\n    22103 城乡社区住宅 300 项目 300\n    2210399 其他城乡社区住宅支出 300 项目 300\n  }\n'
  + printedBlocks,
  '年度 2026\n  表式 上海单位\n  金额单位 元',
);

/** 表4's 支出 side as published with the whole fund under 住房保障支出 (the 石泉路 slip, in small). */
const SLIP = '  印出 表4 {\n    城乡社区支出 一般公共预算 700 政府性基金预算 0\n    住房保障支出 一般公共预算 100 政府性基金预算 200\n  }\n';

describe('check: figures of published tables (印出)', () => {
  runCases(printed.codes, [
    {
      code: 'BUD540', what: 'a derived table printed a figure the statements do not give (error, one per row)',
      bad: SH('  印出 表4 {\n    城乡社区支出 一般公共预算 700\n  }\n'), good: SH('  印出 表4 {\n    城乡社区支出 一般公共预算 500\n  }\n'), where: '700',
    },
    {
      code: 'BUD541', what: 'the derived figure rests on a written figure that is itself reported (warning)',
      bad: SH('  印出 表5 {\n    21201 合计 450\n  }\n', '400 基本 400 人员 400'), good: SH('  印出 表5 {\n    21201 合计 500\n  }\n', '400 基本 400 人员 400'), where: '450',
    },
    {
      code: 'BUD542', what: 'a printed cell the table has not (no such row, column or table)',
      bad: SH('  印出 表4 {\n    城乡社区支出 预算数 700\n  }\n'), good: SH('  印出 表4 {\n    城乡社区支出 合计 700\n  }\n'), where: '城乡社区支出',
    },
  ]);

  it('one report per row, naming every differing cell with the printed and the derived figure, and where each derived figure comes from', () => {
    const a = analyze(SH(SLIP));
    const ds = a.diagnostics.filter((d) => d.code === 'BUD540');
    // 住房保障支出's fund cell is one the statements leave unknown (no 来源 row under 221): not compared.
    assert.deepEqual(ds.map((d) => at(a, d)), ['700 政府性基金预算 0', '100']);
    assert.deepEqual([...a.figures[0].printed.values()].map((p) => p.status), ['differs', 'differs', 'differs', 'unknown']);
    assert.deepEqual(ds.map((d) => d.severity), ['error', 'error']);
    assert.equal(renderMessage(ds[0], 'zh-CN'), '表4（2026年预算单位财政拨款收支预算总表）“城乡社区支出”行所印与按各语句推出的不同：一般公共预算 印 700，推出 500；政府性基金预算 印 0，推出 200');
    assert.equal(renderMessage(ds[1], 'en'), '表4 (Fiscal appropriations: revenue and expenditure), row “住房保障支出”, printed figures that differ from what the statements give: 一般公共预算 printed 100, derived 300');
    // Related: the 支出 statements the derived figures come from, one per differing cell.
    const related = ds[0].related!.map((r) => a.text.slice(r.start, r.end));
    assert.equal(related.length, 2);
    for (const r of ds[0].related!) assert.ok(a.text.slice(0, r.start).includes('支出 {') && r.start < a.text.indexOf('印出'), 'in 支出');
    assert.equal(codes(a, 'error').filter((c) => c !== 'BUD540').length, 0, 'nothing else is wrong');
  });

  it('BUD542 names what is not there: a table the layout has not, a row, a column (with the columns it has)', () => {
    const a = analyze(SH('  印出 表99 {\n    合计 合计 1\n  }\n  印出 表4 {\n    不存在的行 合计 5\n    城乡社区支出 不存在的栏 5\n  }\n'));
    const ds = a.diagnostics.filter((d) => d.code === 'BUD542');
    assert.deepEqual(ds.map((d) => at(a, d)), ['表99', '不存在的行', '不存在的栏']);
    assert.equal(renderMessage(ds[0], 'en'), 'The printed table “表99” is not in the tables of the layout “上海单位” as built from the statements: the layout “上海单位” has no such table; write one of 表1、表2、表3、表4、表5、表6、表7、表8、表9');
    assert.match(renderMessage(ds[2], 'zh-CN'), /应写表头路径或其末尾唯一的一段：预算数、合计、一般公共预算、政府性基金预算/);
  });

  it('a row the table has not: one BUD542 on the row, and each of its figures not compared — hover says so', () => {
    const text = SH('  印出 表4 {\n    不存在的行 一般公共预算 5 政府性基金预算 6 国有资本经营预算 7\n  }\n');
    const a = analyze(text);
    assert.deepEqual(a.diagnostics.filter((d) => d.code === 'BUD542').map((d) => at(a, d)), ['不存在的行']);
    assert.deepEqual([...a.figures[0].printed.values()].map((p) => p.status), ['noRow', 'noRow', 'noRow']);
    for (const figure of [' 5', ' 6', ' 7']) {
      const h = hover(a, text.lastIndexOf(figure) + 1, 'en')!;
      assert.equal(text.slice(h.span.start, h.span.end), figure.trim());
      assert.match(h.contents, new RegExp(`\\| ${figure.trim()} \\| — \\| not compared \\(the row is not in the table\\) \\|`));
    }
    assert.match(hover(a, text.lastIndexOf(' 7') + 1, 'zh-CN')!.contents, /\| 国有资本经营预算 \| 7 \| — \| 未核对：表中没有此行 \|/);
  });

  it('agreeing figures, figures by code, 合计, a header path, and a block in its own money unit: no report', () => {
    const a = analyze(SH('  印出 表4 {\n    城乡社区支出 一般公共预算 500 财政拨款支出/政府性基金预算 200\n    支出总计 合计 1,000\n  }\n'
      + '  印出 表5 {\n    金额单位 万元\n    212 01 01 合计 0.05\n    合计 一般公共预算支出/合计 0.08\n  }\n  印出 表6 {\n    2120803 项目支出 200\n  }\n'));
    assert.deepEqual(a.diagnostics.filter((d) => d.code.startsWith('BUD54')), []);
    assert.deepEqual([...a.figures[0].printed.values()].map((p) => p.status), ['agrees', 'agrees', 'agrees', 'agrees', 'agrees', 'agrees']);
  });

  it('a figure printed in fewer digits than the derived one is the derived figure rounded (万元)', () => {
    const a = analyze(SH('  印出 表4 {\n    金额单位 万元\n    城乡社区支出 合计 0.07\n  }\n  印出 表5 {\n    金额单位 万元\n    合计 合计 0.1\n    212 合计 0.1\n  }\n'));
    // 800 元 is 0.08 万元: 0.1 in one decimal; 212's 500 元 (0.05 万元) would print 0.1 too, rounded half away from zero.
    assert.deepEqual(codes(a).filter((c) => c.startsWith('BUD54')), []);
    const b = analyze(SH('  印出 表5 {\n    金额单位 万元\n    合计 合计 0.2\n  }\n'));
    assert.deepEqual(codes(b).filter((c) => c.startsWith('BUD54')), ['BUD540'], '0.2 万元 is not 800 元 rounded to its digits');
  });

  it('a printed figure for a cell the statements leave unknown is not compared (unknown is not zero): hover says so', () => {
    const text = SH('  印出 表4 {\n    城乡社区支出 国有资本经营预算 5\n  }\n');
    const a = analyze(text);
    assert.deepEqual(codes(a).filter((c) => c.startsWith('BUD54')), []);
    const h = hover(a, text.lastIndexOf(' 5') + 1, 'zh-CN')!;
    assert.match(h.contents, /\| 国有资本经营预算 \| 5 \| 未知 \| 未知：各语句未给出此格，不核对（未知不是 0） \|/);
    assert.equal(text.slice(h.span.start, h.span.end), '5');
  });

  it('a printed figure equal to what the parts of a reported written figure give follows from that report', () => {
    const a = analyze(SH('  印出 表5 {\n    21201 合计 400\n  }\n', '400 基本 400 人员 400'));
    assert.deepEqual(codes(a).filter((c) => c.startsWith('BUD54')), []);
    assert.ok(codes(a).includes('BUD201'), 'the written 500 over its parts of 400 is reported where it is written');
    assert.equal([...a.figures[0].printed.values()][0].status, 'parts');
  });

  it('a derived figure resting on a reported row below its code is a warning (BUD541): check that row first', () => {
    // 2120101's 合计 500 over its 基本 400 (BUD301): 表4's 城乡社区支出 is derived from the rows under 212.
    const a = analyze(SH('  印出 表4 {\n    城乡社区支出 合计 600\n  }\n', '500 基本 400 人员 400'));
    assert.deepEqual(codes(a).filter((c) => c.startsWith('BUD54')), ['BUD541']);
    assert.ok(codes(a).includes('BUD301'));
  });

  it('inlay hints mark each printed figure: ✓, ✗ with the derived figure, 未知', () => {
    const text = SH('  印出 表4 {\n    城乡社区支出 一般公共预算 700 政府性基金预算 200 国有资本经营预算 5\n  }\n');
    const a = analyze(text);
    const at = (s: string): string[] => inlayHints(a, undefined, 'zh-CN').filter((h) => h.offset === text.lastIndexOf(s) + s.length).map((h) => h.label);
    assert.deepEqual(at('一般公共预算 700'), ['✗ 500']);
    assert.deepEqual(at('政府性基金预算 200'), ['✓']);
    assert.deepEqual(at('国有资本经营预算 5'), ['未知']);
  });

  it('hover on a printed row shows each figure against the derived one', () => {
    const text = SH(SLIP);
    const a = analyze(text);
    const h = hover(a, text.indexOf('城乡社区支出 一般公共预算') + 1, 'en')!;
    assert.match(h.contents, /\*\*Printed 表4 · 城乡社区支出\*\*/);
    assert.match(h.contents, /\| 一般公共预算 \| 700 \| 500 \| ✗ differs \(reported\) \|/);
  });

  it('the block reads a row as a code (also in columns), 合计 or a label, and reports a column without its amount or an amount without its column', () => {
    const a = analyze(SH('  印出 表4 {\n    城乡社区支出 一般公共预算\n    住房保障支出 300\n  }\n'));
    assert.deepEqual(codes(a).filter((c) => ['BUD003', 'BUD004'].includes(c)).sort(), ['BUD003', 'BUD004']);
    const p = analyze(SH('  印出 表6 {\n    212 08 03 合计 200\n    "城乡社区支出" 合计 200\n  }\n')).model.units[0].printed[0];
    assert.deepEqual(p.rows.map((r) => r.row.text), ['2120803', '城乡社区支出']);
  });
});
