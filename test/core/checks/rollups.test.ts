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
    { code: 'BUD204', what: 'the parts a row states exceed its whole (its 项目 is not stated: unknown)', bad: ECON('    302 商品和服务支出\n    30201 办公费 80.00 基本 84.20 公用 84.20'), good: ECON('    302 商品和服务支出\n    30201 办公费 234.34 基本 84.20 公用 84.20'), where: '80.00' },
    { code: 'BUD514', what: 'the projects of a code exceed its 项目 when some projects name no code', bad: unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n    2080109 社会保险经办机构 项目 4.00\n  }\n  项目 甲 {\n    金额 5.00\n    功能科目 2080109\n  }\n  项目 乙 {\n    金额 1.00\n  }'), good: unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n    2080109 社会保险经办机构 项目 6.00\n  }\n  项目 甲 {\n    金额 5.00\n    功能科目 2080109\n  }\n  项目 乙 {\n    金额 1.00\n  }'), where: '4.00' },
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

  describe('unknown is not zero (a column the rows below do not state)', () => {
    // As Shanghai's 表1 prints 人员/公用 only per 类 (and 合计), and 表3 only 合计/基本/项目 below.
    const SPLIT = FUNC('    合计 10.00 基本 10.00 人员 6.00 公用 4.00\n    208 社会保障和就业支出 10.00 基本 10.00 人员 6.00 公用 4.00\n    20801 人力资源和社会保障管理事务 4.00 基本 4.00\n    20805 行政事业单位养老支出 6.00 基本 6.00');

    it('no child states it: not split below — no roll-up, no 0, the row still adds up into its parent', () => {
      const a = analyze(SPLIT);
      assert.deepEqual(codes(a, 'error'), []);
      const row = a.model.units[0].func!.rows[0];
      assert.equal(a.figures[0].unsplit.get(row.cells.personnel!), 'none');
      // The 合计 row's 人员 is checked against the 类 rows that state it.
      const bad = analyze(SPLIT.replace('合计 10.00 基本 10.00 人员 6.00', '合计 10.00 基本 10.00 人员 7.00'));
      assert.ok(bad.diagnostics.some((d) => d.code === 'BUD201' && bad.text.slice(d.start, d.end) === '7.00'));
      // The row's own identity still holds: 人员 + 公用 = 基本 on the 类 row.
      const id = analyze(SPLIT.replace('208 社会保障和就业支出 10.00 基本 10.00 人员 6.00 公用 4.00', '208 社会保障和就业支出 10.00 基本 10.00 人员 6.00 公用 5.00'));
      assert.ok(id.diagnostics.some((d) => d.code === 'BUD301'), codes(id).join(' '));
    });

    it('an unstated 项目 part of a leaf is unknown, not 0 (the imported reference document)', () => {
      const a = analyze(ECON('    302 商品和服务支出 234.34 基本 84.20 公用 84.20\n    30201 办公费 234.34 基本 84.20 公用 84.20'));
      assert.deepEqual(codes(a, 'error'), []);
      assert.equal(a.figures[0].econ.root.cells.total, a.model.units[0].econ!.rows[1].cells.total!.value, 'the written 合计 is the fact');
      // Stated parts may not exceed the whole.
      const b = analyze(ECON('    302 商品和服务支出\n    30201 办公费 80.00 基本 84.20 公用 84.20'));
      assert.ok(b.diagnostics.some((d) => d.code === 'BUD204' && b.text.slice(d.start, d.end) === '80.00'), codes(b).join(' '));
    });

    it('a blank cell of a column the table prints at that level is 0 (a digit slip there is caught)', () => {
      const rows = '    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务 2.00 基本 2.00 人员 1.00 公用 1.00\n    20805 行政事业单位养老支出 3.00 基本 3.00 人员 3.01';
      const a = analyze(FUNC(rows));
      assert.ok(a.diagnostics.some((d) => d.code === 'BUD301' && a.text.slice(d.start, d.end) === '3.00'), codes(a).join(' '));
    });
  });

  describe('one fault, one report', () => {
    it('a slip in a middle row is reported there once; the parent that agrees with the items below is related information', () => {
      const a = analyze(FUNC('    合计 3.00\n    208 社会保障和就业支出 3.00\n    20801 人力资源和社会保障管理事务 2.01\n    2080101 行政运行 2.00\n    20805 行政事业单位养老支出 1.00'));
      const errs = a.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errs.map((d) => `${d.code} ${a.text.slice(d.start, d.end)}`), ['BUD201 2.01']);
      assert.ok(errs[0].related?.some((r) => r.message.zh.startsWith('受此影响') && a.text.slice(r.start, r.end) === '3.00'));
    });

    it('a parent that equals its children as written is not wrong (the leaf that disagrees with its parts is)', () => {
      const a = analyze(FUNC('    208 社会保障和就业支出 5.00\n    20801 人力资源和社会保障管理事务 5.00 基本 2.00 项目 2.00'));
      assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${a.text.slice(d.start, d.end)}`), ['BUD301 5.00']);
      assert.equal(a.text.slice(0, a.diagnostics.find((d) => d.code === 'BUD301')!.start).split('\n').length, a.text.split('\n').findIndex((l) => l.includes('20801')) + 1);
    });
  });
});
