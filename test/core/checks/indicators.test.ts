import { unit } from '../util';
import { IND, runCases } from './cases';
import { indicators } from '../../../server/src/core/checks/indicators';

describe('check: indicators', () => {
  runCases(indicators.codes, [
    { code: 'BUD601', what: 'quantitative indicator without operator', bad: IND('      发放人数 100 人 2025-12'), good: IND('      发放人数 >= 100 人 2025-12'), where: '发放人数' },
    { code: 'BUD602', what: 'quantitative indicator without unit', bad: IND('      发放人数 >= 100 2025-12'), good: IND('      发放人数 >= 100 人 2025-12'), where: '100' },
    { code: 'BUD603', what: 'percentage over 100', bad: IND('      覆盖率 >= 120% 2025-12'), good: IND('      覆盖率 >= 100% 2025-12'), where: '120' },
    { code: 'BUD604', what: 'deadline outside the fiscal year', bad: IND('      发放人数 >= 100 人 2026-12'), good: IND('      发放人数 >= 100 人 2025-12'), where: '2026-12' },
    { code: 'BUD605', what: 'uncommon level name (information)', bad: IND('      二级 奇怪指标\n      发放人数 >= 100 人 2025-12'), good: IND('      发放人数 >= 100 人 2025-12'), where: '奇怪指标' },
    { code: 'BUD606', what: 'money indicator contradicts the amount', bad: IND('      测试项目 <= 40000 元 2025-12'), good: IND('      测试项目 <= 50000 元 2025-12') },
    { code: 'BUD607', what: 'comparison on a qualitative value', bad: IND('      服务质量 >= 良好 2025-12'), good: IND('      服务质量 = 良好 2025-12'), where: '>=' },
    { code: 'BUD609', what: 'indicator without level', bad: unit('  项目 甲 {\n    金额 1.00\n    指标 {\n      发放人数 >= 100 人 2025-12\n    }\n  }'), good: unit('  项目 甲 {\n    金额 1.00\n    指标 {\n      一级 产出指标\n      发放人数 >= 100 人 2025-12\n    }\n  }'), where: '发放人数' },
    { code: 'BUD610', what: 'indicator without deadline where the others have one', bad: IND('      发放人数 >= 100 人\n      覆盖率 = 100% 2025-12'), good: IND('      时限 2025-12\n      发放人数 >= 100 人\n      覆盖率 = 100% 2025-12'), where: '发放人数' },
  ]);
});
