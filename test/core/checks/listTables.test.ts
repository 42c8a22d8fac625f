import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { renderMessage } from '../../../server/src/core/diagnostics';
import { applyEdits } from '../../../server/src/core/features/codeActions';
import { at, codes, unit } from '../util';
import { runCases } from './cases';
import { listTables } from '../../../server/src/core/checks/listTables';

describe('check: list tables', () => {
  runCases(listTables.codes, [
    { code: 'BUD203', what: 'a 其中 row larger than the row it is part of', bad: unit('  政府采购 {\n    合计 5.00\n    其中 面向中小企业预留 6.00\n    货物 5.00\n  }'), good: unit('  政府采购 {\n    合计 5.00\n    其中 面向中小企业预留 3.00\n    货物 5.00\n  }'), where: '6.00' },
    { code: 'BUD201', what: 'a list table’s 合计 row ≠ the sum of its rows', bad: unit('  政府采购 {\n    合计 5.10\n    货物 1.50\n    服务 3.50\n  }'), good: unit('  政府采购 {\n    合计 5.00\n    货物 1.50\n    服务 3.50\n  }'), where: '5.10' },
    { code: 'BUD301', what: 'a 专项资金 row: 总计 ≠ 已分配 + 未分配', bad: unit('  专项资金 {\n    就业补助资金 总计 510.00 已分配 300.00 未分配 200.00\n  }'), good: unit('  专项资金 {\n    就业补助资金 总计 500.00 已分配 300.00 未分配 200.00\n  }'), where: '510.00' },
  ]);

  it('a 专项资金 row: 总计 = 已分配 + 未分配', () => {
    const t = (total: string): string => unit(`  专项资金 {\n    就业补助资金 总计 ${total} 已分配 300.00 未分配 200.00\n  }`);
    assert.deepEqual(codes(analyze(t('500.00')), 'error'), []);
    const bad = analyze(t('510.00'));
    assert.deepEqual(bad.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${at(bad, d)}`), ['BUD301 510.00']);
  });

  it('a list table’s 合计 row equals the sum of its rows (其中 rows are parts of the row above, not counted)', () => {
    const t = (total: string, part = '3.00'): string => unit(`  政府采购 {\n    合计 ${total}\n    其中 面向中小企业预留 ${part}\n    货物 1.50\n    服务 3.50\n    其中：印刷服务 0.20\n  }`);
    const ok = analyze(t('5.00'));
    assert.deepEqual(ok.diagnostics, []);
    assert.deepEqual(ok.model.units[0].lists[0].rows.map((r) => r.role ?? ''), ['total', 'part', '', '', 'part']);
    const bad = analyze(t('5.10'));
    const d = bad.diagnostics.find((x) => x.code === 'BUD201')!;
    assert.equal(at(bad, d), '5.10');
    assert.equal(renderMessage(d, 'zh-CN'), '政府采购支出预算表“合计”的总计为 5.10，下级合计为 5.00，相差 0.10');
    assert.deepEqual(d.related!.map((r) => bad.text.slice(r.start, r.end)), ['1.50', '3.50']);
    assert.deepEqual(codes(analyze(applyEdits(t('5.10'), d.fixes![0].edits)), 'error'), []);
    // A part larger than the row it belongs to (here the 合计 above it).
    const big = analyze(t('5.00', '6.00'));
    const w = big.diagnostics.find((x) => x.code === 'BUD203')!;
    assert.equal(at(big, w), '6.00');
    assert.equal(renderMessage(w, 'en'), '“其中 面向中小企业预留” is 6.00, larger than the row it is part of, “合计” (5.00)');
    // Two 合计 rows: the second is a duplicate.
    assert.deepEqual(codes(analyze(unit('  专项资金 {\n    合计 1.00\n    合计 1.00\n    甲 总计 1.00\n  }')), 'error'), ['BUD008']);
    // 专项资金: each column of the 合计 row is checked.
    const sp = analyze(unit('  专项资金 {\n    合计 10.00 已分配 6.00 未分配 4.00\n    甲 总计 10.00 已分配 7.00 未分配 3.00\n  }'));
    assert.deepEqual(sp.diagnostics.map((x) => `${x.code} ${at(sp, x)}`), ['BUD201 6.00', 'BUD201 4.00']);
  });
});
