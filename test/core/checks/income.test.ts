import { unit } from '../util';
import { runCases } from './cases';
import { income } from '../../../server/src/core/checks/income';

describe('check: income subtotals', () => {
  runCases(income.codes, [
    { code: 'BUD302', what: 'income subtotal', bad: unit('  收入 {\n    一般公共预算 1.00\n    事业收入 2.00\n    本年收入合计 4.00\n  }'), good: unit('  收入 {\n    一般公共预算 1.00\n    事业收入 2.00\n    本年收入合计 3.00\n  }'), where: '4.00' },
  ]);
});
