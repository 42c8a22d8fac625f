import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { codes } from '../util';
import { DEP, runCases } from './cases';
import { CONSOLIDATION_CODES } from '../../../server/src/core/checks';

describe('check: a department’s own figures against its units', () => {
  runCases(CONSOLIDATION_CODES, [
    { code: 'BUD509', what: 'a department’s own figures ≠ the sum of its units', bad: DEP('2.50'), good: DEP('2.00'), where: '3.00' },
  ]);

  it('a department with its own (consolidated) sections: checked against its units, and tabulated first', () => {
    const a = analyze(DEP('2.00'));
    assert.deepEqual(codes(a, 'error'), []);
    assert.equal(a.model.departments[0].consolidated?.name.text, '某局');
    assert.deepEqual(a.model.units.map((u) => u.name.text), ['某局', '甲', '乙']);
    assert.equal(a.model.units[0].consolidates?.length, 2);
  });
});
