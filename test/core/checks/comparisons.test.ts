import { CMP, runCases } from './cases';
import { comparisons } from '../../../server/src/core/checks/comparisons';

describe('check: year-on-year comparisons', () => {
  runCases(comparisons.codes, [
    { code: 'BUD520', what: '上年比较: 本年 ≠ the figure computed from the tables', bad: CMP('    收入总计 本年 101.00 上年 90.00'), good: CMP('    收入总计 本年 100.00 上年 90.00'), where: '101.00' },
    { code: 'BUD521', what: '上年比较: the change ≠ 本年 − 上年', bad: CMP('    收入总计 上年 90.00 增加 11.00'), good: CMP('    收入总计 上年 90.00 增加 10.00'), where: '增加 11.00' },
    { code: 'BUD522', what: '上年比较: the rate ≠ (本年 − 上年) ÷ 上年 (warning)', bad: CMP('    收入总计 上年 90.00 增长 11.2%'), good: CMP('    收入总计 上年 90.00 增长 11.1%'), where: '增长 11.2%' },
    { code: 'BUD523', what: '上年比较: a rate from a last year of 0 (warning)', bad: CMP('    支出总计 上年 0 增加 100.00 增长 100%'), good: CMP('    支出总计 上年 0 增加 100.00'), where: '增长 100%' },
    { code: 'BUD524', what: '上年比较: this year’s figure cannot be computed (information)', bad: CMP('    三公 上年 1.00 持平'), good: CMP('    三公 上年 1.00 持平', '  三公 {\n    公务接待费 1.00\n  }\n'), where: '三公' },
  ]);
});
