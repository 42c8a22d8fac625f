import { PROJ, runCases } from './cases';
import { projectAttributes } from '../../../server/src/core/checks/projectAttributes';

describe('check: project attributes', () => {
  runCases(projectAttributes.codes, [
    { code: 'BUD902', what: 'a project starting after its completion', bad: PROJ('    实施期限 2025-12-31 至 2025-01-01'), good: PROJ('    实施期限 2025-01-01 至 2025-12-31'), where: '2025-12-31' },
    { code: 'BUD903', what: 'the fiscal year outside the project period (warning)', bad: PROJ('    实施期限 2022-01-01 至 2024-12-31'), good: PROJ('    实施期限 2022-01-01 至 2025-12-31'), where: '2024-12-31' },
    { code: 'BUD904', what: '资金总额 ≠ 财政资金 + 其他资金', bad: PROJ('    资金总额 10.00 财政资金 8.00 其他资金 1.00'), good: PROJ('    资金总额 10.00 财政资金 8.00 其他资金 2.00'), where: '10.00' },
    { code: 'BUD905', what: 'the annual amount above the multi-year 资金总额 (warning)', bad: PROJ('    资金总额 4.00'), good: PROJ('    资金总额 15.00'), where: '4.00' },
  ]);
});
