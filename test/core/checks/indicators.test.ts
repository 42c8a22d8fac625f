import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import type { Fix } from '../../../server/src/core/diagnostics';
import { codes, unit } from '../util';
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

  it('BUD610 offers the deadline of the fiscal year, on the line (preferred) or as the block default; either clears it', () => {
    const t = IND('      发放人数 >= 100 人\n      覆盖率 = 100% 2025-12');
    const d = analyze(t).diagnostics.find((x) => x.code === 'BUD610')!;
    assert.deepEqual(d.fixes!.map((f) => f.title.zh), ['加上完成时限 2025-12', '在指标块中加入 时限 2025-12']);
    assert.equal(d.fixes![0].preferred, true);
    const apply = (f: Fix): string => [...f.edits].sort((a, b) => b.start - a.start).reduce((s, e) => s.slice(0, e.start) + e.newText + s.slice(e.end), t);
    const onLine = apply(d.fixes![0]);
    assert.match(onLine, /发放人数 >= 100 人 2025-12\n/);
    assert.deepEqual(codes(analyze(onLine)).filter((c) => c === 'BUD610'), []);
    const asDefault = apply(d.fixes![1]);
    assert.match(asDefault, /指标 \{\n\s+时限 2025-12\n/);
    assert.deepEqual(codes(analyze(asDefault)).filter((c) => c === 'BUD610'), []);
    assert.deepEqual(codes(analyze(onLine), 'error'), codes(analyze(t), 'error'), 'no new error');
  });
});
