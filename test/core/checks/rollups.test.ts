import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { renderMessage } from '../../../server/src/core/diagnostics';
import { codes, unit } from '../util';
import { ECON, FUNC, runCases } from './cases';
import { rollups } from '../../../server/src/core/checks/rollups';

describe('check: roll-up and row identities', () => {
  runCases(rollups.codes, [
    { code: 'BUD201', what: 'parent does not roll up', bad: FUNC('    208 社会保障和就业支出 3.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00'), good: FUNC('    208 社会保障和就业支出 2.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00'), where: '3.00' },
    { code: 'BUD301', what: 'row identity 基本 = 人员 + 公用', bad: FUNC('    208 社会保障和就业支出 基本 5.00 人员 1.00 公用 3.00'), good: FUNC('    208 社会保障和就业支出 基本 4.00 人员 1.00 公用 3.00'), where: '5.00' },
    { code: 'BUD806', what: 'a child written in 元 in a 万元 file', bad: FUNC('    208 社会保障和就业支出 2.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 10000.00'), good: FUNC('    208 社会保障和就业支出 2.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00'), where: '10000.00' },
    { code: 'BUD501', what: 'a leaf’s written 项目 ≠ the projects booked on its code', bad: unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n    2080109 社会保险经办机构 项目 6.00\n  }\n  项目 甲 {\n    金额 5.00\n    功能科目 2080109\n  }'), good: unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n    2080109 社会保险经办机构 项目 5.00\n  }\n  项目 甲 {\n    金额 5.00\n    功能科目 2080109\n  }'), where: '6.00' },
  ]);

  it('a roll-up error names the children and offers to set the computed sum', () => {
    const a = analyze(FUNC('    208 社会保障和就业支出 3.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00'));
    const d = a.diagnostics.find((x) => x.code === 'BUD201')!;
    assert.equal(d.related?.length, 2);
    assert.match(renderMessage(d, 'zh-CN'), /下级合计为 2\.00，相差 1\.00/);
    assert.match(renderMessage(d, 'en'), /children sum to 2\.00 \(difference 1\.00\)/);
    assert.equal(d.fixes?.[0].edits[0].newText, '2.00');
  });

  it('the tolerant rounding mode allows (n+1) × half a unit of the last digit and shows the tolerance', () => {
    const rows = '    208 社会保障和就业支出 2.01\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00';
    assert.ok(codes(analyze(FUNC(rows))).includes('BUD201'));
    assert.ok(!codes(analyze('舍入 容差\n' + FUNC(rows))).includes('BUD201'), '0.01 ≤ 3 × 0.005');
    assert.ok(!codes(analyze(FUNC(rows), { rounding: 'tolerant' })).includes('BUD201'), 'the setting works too');
    const far = analyze('舍入 容差\n' + FUNC(rows.replace('2.01', '2.02')));
    const d = far.diagnostics.find((x) => x.code === 'BUD201')!;
    assert.match(renderMessage(d, 'zh-CN'), /超出容差 ±0\.015/);
  });

  it('amounts in 元 are exact and totals convert', () => {
    const a = analyze(unit('  支出 {\n    208 社会保障和就业支出 12,345,678.91 人员 12,345,678.91\n  }', '年度 2025\n  金额单位 元'));
    assert.deepEqual(codes(a, 'error'), []);
    assert.equal(a.figures[0].func.root.cells.total, 123_456_789_100n);
  });

  it('economic rows without 来源 are compared with all sources (a carried-over project)', () => {
    const a = analyze(unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n    2080150 事业运行 来源 上年结转 一般公共预算 项目 3\n  }\n  经济分类 {\n    302 商品和服务支出\n    30201 办公费 项目 3\n  }\n  项目 乙 {\n    功能科目 2080150\n    上年结转 一般公共预算 3\n    经济分类 {\n      30201 办公费 3\n    }\n  }'));
    assert.deepEqual(codes(a, 'error'), []);
  });

  it('one 功能科目 with the whole amount books a multi-source project source by source', () => {
    const a = analyze(unit('  收入 {\n    一般公共预算 5\n    政府性基金预算 5\n  }\n  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n    2080150 事业运行 项目 5\n    2080150 事业运行 来源 政府性基金预算 项目 5\n  }\n  项目 乙 {\n    功能科目 2080150 10\n    一般公共预算 5\n    政府性基金预算 5\n  }'));
    assert.deepEqual(codes(a, 'error'), []);
  });

  it('a capital line (310) inside basic expenditure is held', () => {
    const a = analyze(ECON('    310 资本性支出 公用 3.00\n    31002 办公设备购置 公用 3.00'));
    assert.deepEqual(codes(a, 'error'), []);
  });
});
