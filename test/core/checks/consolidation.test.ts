import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { codes } from '../util';
import { DEP, runCases } from './cases';
import { CONSOLIDATION_CODES } from '../../../server/src/core/checks';

describe('check: a department’s own figures against its units', () => {
  runCases(CONSOLIDATION_CODES, [
    { code: 'BUD509', what: 'a department’s own figures ≠ the sum of its units', bad: DEP('2.50'), good: DEP('2.00'), where: '205' },
  ]);

  it('under 舍入 容差 a department figure written to fewer decimals agrees with its units within their rounding (#13 item 3)', () => {
    const text = (rounding: string, dep: string): string =>
      `年度 2025\n${rounding}部门 某局 {\n  支出 {\n    合计 ${dep}\n    205 教育支出 人员 ${dep}\n  }\n  单位 甲 {\n    支出 {\n      205 教育支出 人员 1.04\n    }\n  }\n  单位 乙 {\n    支出 {\n      205 教育支出 人员 2.04\n    }\n  }\n}\n`;
    // 1.04 + 2.04 = 3.08, written 3.1: within (2 + 1) × 0.05 under 容差, a difference when exact.
    assert.deepEqual(codes(analyze(text('舍入 容差\n', '3.1')), 'error'), []);
    assert.ok(codes(analyze(text('', '3.1')), 'error').includes('BUD509'));
    // Beyond the rounding of what is written: still a fault under 容差.
    assert.ok(codes(analyze(text('舍入 容差\n', '3.3')), 'error').includes('BUD509'));
  });

  it('a department with its own (consolidated) sections: checked against its units, and tabulated first', () => {
    const a = analyze(DEP('2.00'));
    assert.deepEqual(codes(a, 'error'), []);
    assert.equal(a.model.departments[0].consolidated?.name.text, '某局');
    assert.deepEqual(a.model.units.map((u) => u.name.text), ['某局', '甲', '乙']);
    assert.equal(a.model.units[0].consolidates?.length, 2);
  });
});
