import { unit } from '../util';
import { runCases } from './cases';
import { balance } from '../../../server/src/core/checks/balance';

describe('check: balance', () => {
  runCases(balance.codes, [
    { code: 'BUD401', what: 'income ≠ expenditure', bad: unit('  收入 {\n    一般公共预算 5.00\n  }\n  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }'), good: unit('  收入 {\n    一般公共预算 4.00\n  }\n  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }') },
  ]);
});
