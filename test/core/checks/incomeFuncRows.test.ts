import { INCF, runCases } from './cases';
import { incomeFuncRows } from '../../../server/src/core/checks/incomeFuncRows';

describe('check: income by function: roll-up and row identities', () => {
  runCases(incomeFuncRows.codes, [
    { code: 'BUD202', what: '收入科目: a parent’s column ≠ its children’s', bad: INCF('    208 社会保障和就业支出 5.00 事业收入 2.00\n    20805 行政事业单位养老支出 5.00 事业收入 1.00', '    208 社会保障和就业支出\n    20805 行政事业单位养老支出 人员 5.00'), good: INCF('    208 社会保障和就业支出 5.00 事业收入 1.00\n    20805 行政事业单位养老支出 5.00 事业收入 1.00', '    208 社会保障和就业支出\n    20805 行政事业单位养老支出 人员 5.00'), where: '2.00' },
    { code: 'BUD303', what: '收入科目: 合计 ≠ its columns', bad: INCF('    208 社会保障和就业支出 5.00 一般公共预算 3.00 事业收入 1.00'), good: INCF('    208 社会保障和就业支出 5.00 一般公共预算 4.00 事业收入 1.00'), where: '5.00' },
  ]);
});
