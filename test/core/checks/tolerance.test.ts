/**
 * #13 item 3, “tolerance everywhere”: every comparison that newly takes the rounding tolerance (舍入 容差) — a
 * difference within it is no error under 容差 and an error under 精确 (the default, unchanged); a difference beyond
 * it is an error under both, whose message shows the tolerance. The balance (BUD401) is in balance.test.ts.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { renderMessage, type DiagnosticCode } from '../../../server/src/core/diagnostics';
import { unit } from '../util';
import { DEP } from './cases';

/** The English messages of a code, under 精确 and under 容差. */
function both(text: string, code: DiagnosticCode): { exact: string[]; tolerant: string[] } {
  const of = (rounding: 'exact' | 'tolerant'): string[] => analyze(text, { rounding }).diagnostics.filter((d) => d.code === code).map((d) => renderMessage(d, 'en'));
  return { exact: of('exact'), tolerant: of('tolerant') };
}

/** Within the tolerance: reported under 精确 only. */
function within(text: string, code: DiagnosticCode): void {
  const r = both(text, code);
  assert.equal(r.exact.length, 1, `${code} under 精确: ${r.exact.join(' | ')}`);
  assert.deepEqual(r.tolerant, [], `${code} under 容差`);
}

/** Beyond the tolerance: reported under both, the message under 容差 naming the tolerance. */
function beyond(text: string, code: DiagnosticCode, tolerance: string): void {
  const r = both(text, code);
  assert.equal(r.exact.length, 1, `${code} under 精确: ${r.exact.join(' | ')}`);
  assert.equal(r.tolerant.length, 1, `${code} under 容差: ${r.tolerant.join(' | ')}`);
  assert.ok(r.tolerant[0].endsWith(`beyond the tolerance ±${tolerance}`) || r.tolerant[0].includes(`beyond the tolerance ±${tolerance};`), r.tolerant[0]);
  assert.ok(!r.exact[0].includes('tolerance'), r.exact[0]);
}

describe('rounding tolerance on every comparison (#13 item 3)', () => {
  it('BUD501: two tables without a 合计 row, what their leaves give (two sums: (2 + 2) × 0.005)', () => {
    const FE = (e: string): string => unit(`  支出 {\n    208 社会保障和就业支出 人员 1.00\n    212 城乡社区支出 公用 1.00\n  }\n  经济分类 {\n    301 工资福利支出 人员 1.00\n    302 商品和服务支出 公用 ${e}\n  }`);
    within(FE('1.01'), 'BUD501');
    within(FE('1.02'), 'BUD501');
    beyond(FE('1.05'), 'BUD501', '0.02');
  });

  it('BUD502: a project’s amount against its amounts by funding source ((2 + 1) × 0.005)', () => {
    const P = (amount: string): string => unit(`  项目 甲 {\n    金额 ${amount}\n    一般公共预算 1.50\n    政府性基金预算 1.50\n  }`);
    within(P('3.01'), 'BUD502');
    beyond(P('3.05'), 'BUD502', '0.015');
  });

  it('BUD502: a project’s economic lines against its amount', () => {
    const PE = (y: string): string => unit(`  项目 甲 {\n    金额 3.01\n    经济分类 {\n      30201 办公费 1.50\n      30202 印刷费 ${y}\n    }\n  }\n  经济分类 {\n    302 商品和服务支出\n  }`);
    within(PE('1.50'), 'BUD502');
    beyond(PE('1.40'), 'BUD502', '0.015');
  });

  it('BUD507: the overall tasks against the basic expenditure', () => {
    const T = (b: string): string => unit(`  支出 {\n    合计 4.00 基本 4.00\n    208 社会保障和就业支出 人员 4.00\n  }\n  整体绩效 {\n    任务 保工资 2.00\n    任务 保运转 ${b}\n  }`);
    within(T('2.01'), 'BUD507');
    beyond(T('2.05'), 'BUD507', '0.015');
  });

  it('BUD510: a 收入科目 code whose 合计 is not written (its columns) against its 支出 figure', () => {
    const I = (y: string): string => unit(`  收入科目 {\n    208 社会保障和就业支出 一般公共预算 3.00 事业收入 ${y}\n  }\n  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }`);
    within(I('1.01'), 'BUD510');
    beyond(I('1.05'), 'BUD510', '0.015');
  });

  it('BUD515: 机关运行经费 against a 公用 summed from two lines (half a unit, and their rounding under 容差)', () => {
    const A = (ops: string): string =>
      unit(`  支出 {\n    201 一般公共服务支出 公用 1.00\n    208 社会保障和就业支出 公用 1.01\n  }\n  三公 {\n    机关运行经费 ${ops}\n  }`, '年度 2025\n  金额单位 万元\n  性质 行政单位');
    within(A('2.00'), 'BUD515');
    const far = both(A('2.05'), 'BUD515');
    assert.equal(far.exact.length, 1);
    assert.equal(far.tolerant.length, 1);
  });

  it('BUD537: the 说明’s projects’ money against the sum of the projects', () => {
    const PRJ = (money: string): string => unit(`  项目 甲 {\n    金额 5.00\n  }\n  项目 乙 {\n    金额 5.00\n  }\n  说明 {\n    项目共 2 个 ${money}\n  }`);
    within(PRJ('10.01'), 'BUD537');
    const far = both(PRJ('10.05'), 'BUD537');
    assert.equal(far.exact.length, 1);
    assert.equal(far.tolerant.length, 1);
  });

  it('BUD504: a 三公 item against an economic line summed from its columns', () => {
    const S = (v: string): string => unit(`  三公 {\n    公务接待费 ${v}\n  }\n  经济分类 {\n    302 商品和服务支出\n    30201 办公费 项目 1.00\n    30217 公务接待费 公用 1.00 项目 0\n  }`);
    // 30217's 合计 is 公用 1.00 + 项目 0: half a unit of 1.01, and under 容差 the rounding of the line's two figures.
    within(S('1.01'), 'BUD504');
    const far = both(S('1.05'), 'BUD504');
    assert.equal(far.exact.length, 1);
    assert.equal(far.tolerant.length, 1);
  });

  it('BUD204 and BUD509 show the tolerance they used', () => {
    // 项目 stated, 基本 not: the stated part may not exceed the 合计 (BUD204), within (1 + 1) × 0.005.
    const PART = (p: string): string => unit(`  支出 {\n    208 社会保障和就业支出 4.00 项目 ${p}\n  }`);
    within(PART('4.01'), 'BUD204');
    beyond(PART('4.05'), 'BUD204', '0.01');
    // DEP: a department of two units of 1.00 each; 2.50 is beyond (2 + 1) × 0.005.
    const dep = both(DEP('2.50'), 'BUD509');
    assert.ok(dep.tolerant[0].endsWith('beyond the tolerance ±0.015'), dep.tolerant[0]);
    assert.ok(!dep.exact[0].includes('tolerance'));
  });
});
