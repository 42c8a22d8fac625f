import { unit } from '../util';
import { runCases } from './cases';
import { unitHeader } from '../../../server/src/core/checks/unitHeader';

describe('check: unit header', () => {
  runCases(unitHeader.codes, [
    { code: 'BUD801', what: 'no fiscal year', bad: unit('  编码 1', '金额单位 万元'), good: unit('  编码 1') },
    { code: 'BUD805', what: 'duplicate project', bad: unit('  项目 甲 {\n    金额 1.00\n  }\n  项目 甲 {\n    金额 1.00\n  }'), good: unit('  项目 甲 {\n    金额 1.00\n  }\n  项目 乙 {\n    金额 1.00\n  }') },
  ]);
});
