import { strict as assert } from 'node:assert';
import { CMP, runCases } from './cases';
import { comparisons, isTruncated } from '../../../server/src/core/checks/comparisons';
import { analyze } from '../../../server/src/core/analyze';
import { unit } from '../util';

/** A unit in 元 whose 说明 (in 万元) states its income total: 1,234,567 元 = 123.4567 万元. */
const YUAN = (line: string): string => unit(`  收入 {\n    一般公共预算 1,234,567\n  }\n  支出 {\n    208 社会保障和就业支出 人员 1,234,567\n  }\n  说明 {\n    金额单位 万元\n${line}\n  }`, '年度 2025\n  金额单位 元');
const codesOf = (text: string): string[] => analyze(text).diagnostics.map((d) => d.code);

describe('check: year-on-year comparisons', () => {
  runCases(comparisons.codes, [
    { code: 'BUD520', what: '上年比较: 本年 ≠ the figure computed from the tables', bad: CMP('    收入总计 本年 101.00 上年 90.00'), good: CMP('    收入总计 本年 100.00 上年 90.00'), where: '101.00' },
    { code: 'BUD521', what: '上年比较: the change ≠ 本年 − 上年', bad: CMP('    收入总计 上年 90.00 增加 11.00'), good: CMP('    收入总计 上年 90.00 增加 10.00'), where: '增加 11.00' },
    { code: 'BUD522', what: '上年比较: the rate ≠ (本年 − 上年) ÷ 上年 (warning)', bad: CMP('    收入总计 上年 90.00 增长 11.2%'), good: CMP('    收入总计 上年 90.00 增长 11.1%'), where: '增长 11.2%' },
    { code: 'BUD523', what: '上年比较: a rate from a last year of 0 (warning)', bad: CMP('    支出总计 上年 0 增加 100.00 增长 100%'), good: CMP('    支出总计 上年 0 增加 100.00'), where: '增长 100%' },
    { code: 'BUD524', what: '上年比较: this year’s figure cannot be computed (information)', bad: CMP('    三公 上年 1.00 持平'), good: CMP('    三公 上年 1.00 持平', '  三公 {\n    公务接待费 1.00\n  }\n'), where: '三公' },
    { code: 'BUD530', what: '说明: a figure truncated instead of rounded (warning)', bad: YUAN('    收入总计 123.45'), good: YUAN('    收入总计 123.46'), where: '123.45' },
    { code: 'BUD531', what: '说明: a change without 上年 that makes last year negative', bad: CMP('    政府性基金预算支出 0 增加 1421.25'), good: CMP('    支出总计 100.00 增加 10.00'), where: '增加 1421.25' },
  ]);

  it('a line of this year alone is valid (no 上年, no change), and is checked', () => {
    assert.deepEqual(codesOf(CMP('    收入总计 100.00\n    支出总计 本年 100.00')), []);
    assert.deepEqual(codesOf(CMP('    收入总计 100.01')), ['BUD520']);
  });

  it('a figure with a digit added or dropped is wrong (BUD520, an error), not truncated', () => {
    assert.deepEqual(codesOf(YUAN('    收入总计 1,023.46')), ['BUD520']);
    assert.deepEqual(codesOf(YUAN('    收入总计 12.35')), ['BUD520']);
    assert.deepEqual(codesOf(YUAN('    收入总计 123.44')), ['BUD520']);
    assert.deepEqual(codesOf(YUAN('    收入总计 123.46')), []);
  });

  it('isTruncated: the digits cut toward zero at the written decimals', () => {
    const w = (value: bigint, decimals: number) => ({ value, decimals, unit: '万元' as const });
    const tick = 10n ** 6n; // 0.01 万元
    assert.equal(isTruncated(w(12345n * tick, 2), 1234567n * 10n ** 4n), true);
    assert.equal(isTruncated(w(12346n * tick, 2), 1234567n * 10n ** 4n), false);
    assert.equal(isTruncated(w(12345n * tick, 2), 12345n * tick), false);
    assert.equal(isTruncated(w(-12345n * tick, 2), -1234567n * 10n ** 4n), true);
  });

  it('per-code lines: checked against the code’s total in 支出; a code may be written twice', () => {
    assert.deepEqual(codesOf(CMP('    208 社会保障和就业支出 100.00 上年 80.00 增长 25.00%')), []);
    assert.deepEqual(codesOf(CMP('    208 社会保障和就业支出 100.00\n    208 社会保障和就业支出 本年 441.25 上年 80.00')), ['BUD520']);
    assert.deepEqual(codesOf(CMP('    208 社会保障和就业支出 100.00 上年 80.00 增长 60.54%')), ['BUD522']);
    // A code 支出 does not have: its figure is unknown (information), never taken as 0.
    assert.deepEqual(codesOf(CMP('    205 教育支出 10.00')), ['BUD524']);
  });
});
