import { runCases } from './cases';
import { narrative } from '../../../server/src/core/checks/narrative';
import { unit } from '../util';

/** Two projects of 5.00 each, and a 说明. */
const PRJ = (lines: string): string => unit(`  项目 甲 {\n    金额 5.00\n  }\n  项目 乙 {\n    金额 5.00\n  }\n  说明 {\n${lines}\n  }`);

describe('check: the 说明’s projects and text', () => {
  runCases(narrative.codes, [
    { code: 'BUD536', what: 'a count of projects below the projects written', bad: PRJ('    项目共 1 个'), good: PRJ('    项目共 2 个'), where: '1' },
    { code: 'BUD537', what: 'the projects’ money ≠ the sum of the projects written', bad: PRJ('    项目共 2 个 11.00'), good: PRJ('    项目共 2 个 10.00'), where: '11.00' },
    { code: 'BUD538', what: 'a placeholder left in (warning)', bad: PRJ('    原文 本单位收入预算XX万元。'), good: PRJ('    原文 本单位收入预算100万元。'), where: 'XX' },
    { code: 'BUD539', what: 'a year neither the budget year nor the year before (warning)', bad: PRJ('    原文 2021年预算执行情况'), good: PRJ('    原文 2024年预算执行情况'), where: '2021年' },
  ]);
});
