import { INCF, runCases } from './cases';
import { incomeFuncCross } from '../../../server/src/core/checks/incomeFuncCross';

describe('check: income by function: cross-table identities', () => {
  runCases(incomeFuncCross.codes, [
    { code: 'BUD510', what: '收入科目: a code’s 合计 ≠ its 支出 total', bad: INCF('    208 社会保障和就业支出 6.00'), good: INCF('    208 社会保障和就业支出 5.00'), where: '6.00' },
    { code: 'BUD511', what: '收入科目: a code not under 支出 (warning)', bad: INCF('    208 社会保障和就业支出 5.00\n    210 卫生健康支出 1.00'), good: INCF('    208 社会保障和就业支出 5.00'), where: '210' },
  ]);
});
