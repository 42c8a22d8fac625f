import { strict as assert } from 'node:assert';
import { analyze, type Analysis } from '../../../server/src/core/analyze';
import { renderMessage } from '../../../server/src/core/diagnostics';
import { inlayHints } from '../../../server/src/core/features/inlayHints';
import { codes, unit } from '../util';
import { runCases } from './cases';
import { balance } from '../../../server/src/core/checks/balance';

/** The BUD401 diagnostics of an analysis, as their English messages. */
function bud401(a: Analysis): string[] {
  return a.diagnostics.filter((d) => d.code === 'BUD401').map((d) => renderMessage(d, 'en'));
}

/** A 万元 unit whose 收入 and 支出 are given. */
const BAL = (income: string, expense: string): string => unit(`  收入 {\n${income}\n  }\n  支出 {\n${expense}\n  }`);

describe('check: balance', () => {
  runCases(balance.codes, [
    { code: 'BUD401', what: 'income ≠ expenditure', bad: unit('  收入 {\n    一般公共预算 5.00\n  }\n  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }'), good: unit('  收入 {\n    一般公共预算 4.00\n  }\n  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }') },
  ]);

  describe('under 舍入 容差 (#13 item 3)', () => {
    // 事业收入 is spent on two lines, so every source balances except through rounding.
    const EXP = '    合计 4.00\n    208 社会保障和就业支出 人员 3.00\n    212 城乡社区支出 项目 1.00\n    212 01 城乡社区管理事务 来源 事业收入 项目 0.50\n    212 03 城乡社区公共设施 来源 事业收入 项目 0.50\n    支出总计 4.00';

    it('totals: 收入 lines summing to 0.01 off the written 支出总计 are within (2 + 1) × 0.005', () => {
      const text = BAL('    一般公共预算 3.00\n    事业收入 1.01', EXP);
      assert.deepEqual(bud401(analyze(text)), ['total income and total expenditure: income 4.01 ≠ expenditure 4.00 (difference 0.01)'], 'exact by default');
      assert.deepEqual(bud401(analyze('舍入 容差\n' + text)), []);
      assert.deepEqual(bud401(analyze(text, { rounding: 'tolerant' })), [], 'the setting too');
      // The comparison is recorded at the written total with the tolerance used.
      const r = analyze('舍入 容差\n' + text).figures[0].records.filter((x) => x.code === 'BUD401');
      // The totals, and 事业收入 1.01 against its two lines.
      assert.deepEqual(r.map((x) => [x.declared.text, x.ok, x.tolerance]), [['4.00', true, 3n * 5n * 10n ** 5n], ['1.01', true, 3n * 5n * 10n ** 5n]]);
      // Inlay hints read the records: ≈ at the written 支出总计 (what the 收入 lines give is 0.01 more).
      const a = analyze('舍入 容差\n' + text);
      assert.ok(inlayHints(a, undefined, 'zh-CN').some((h) => h.offset === r[0].declared.span.end && h.label === '≈ -0.01' && h.kind === 'tolerated'));
    });

    it('totals: beyond the tolerance, reported under both, with the tolerance in the message', () => {
      const text = BAL('    一般公共预算 3.00\n    事业收入 1.03', EXP);
      assert.deepEqual(bud401(analyze(text)), ['total income and total expenditure: income 4.03 ≠ expenditure 4.00 (difference 0.03)']);
      const t = analyze('舍入 容差\n' + text);
      assert.deepEqual(bud401(t), ['total income and total expenditure: income 4.03 ≠ expenditure 4.00 (difference 0.03), beyond the tolerance ±0.015']);
      assert.match(renderMessage(t.diagnostics.find((d) => d.code === 'BUD401')!, 'zh-CN'), /超出容差 ±0\.015/);
    });

    it('two written totals are one figure printed twice: exact even under 容差', () => {
      const text = '舍入 容差\n' + BAL('    一般公共预算 3.00\n    事业收入 1.00\n    收入总计 4.01', EXP);
      assert.deepEqual(bud401(analyze(text)), ['total income and total expenditure: income 4.01 ≠ expenditure 4.00 (difference 0.01)']);
    });

    it('one source: its income line against the expenditure lines it pays for', () => {
      // 事业收入 1.01 against 0.50 + 0.50; the totals are summed on both sides (no 收入总计, no 支出总计).
      const exp = EXP.replace('    合计 4.00\n', '').replace('\n    支出总计 4.00', '');
      const text = BAL('    一般公共预算 3.00\n    事业收入 1.01', exp);
      assert.ok(bud401(analyze(text)).length > 0);
      const t = analyze('舍入 容差\n' + text);
      assert.deepEqual(bud401(t), []);
      // Recorded where one side is one written figure (事业收入 1.01), not where both are sums (the totals).
      assert.deepEqual(t.figures[0].records.filter((x) => x.code === 'BUD401').map((x) => x.declared.text), ['1.01']);
      const far = BAL('    一般公共预算 3.00\n    事业收入 1.05', exp);
      assert.equal(bud401(analyze('舍入 容差\n' + far)).length, 1);
      // A written source line against one written expenditure line: the same figure twice, exact.
      const single = BAL('    一般公共预算 3.00\n    事业收入 1.01', '    208 社会保障和就业支出 人员 3.00\n    212 01 城乡社区管理事务 来源 事业收入 项目 1.00');
      assert.deepEqual(bud401(analyze('舍入 容差\n' + single)), ['funding source “事业收入”: income 1.01 ≠ expenditure 1.00 (difference 0.01)']);
    });

    it('the 财政拨款 part: a written 财政拨款 against its expenditure lines', () => {
      const exp =
        '    208 社会保障和就业支出 来源 一般公共预算 人员 1.50\n    212 城乡社区支出 项目 2.50\n    212 01 城乡社区管理事务 来源 政府性基金预算 项目 1.50\n' +
        '    212 01 城乡社区管理事务 来源 事业收入 项目 0.50\n    212 03 城乡社区公共设施 来源 事业收入 项目 0.50';
      // The totals agree (4.00); 财政拨款 3.01 against 1.50 + 1.50, 事业收入 0.99 against 0.50 + 0.50.
      const text = BAL('    财政拨款 3.01\n    事业收入 0.99', exp);
      assert.deepEqual(bud401(analyze(text)), ['the 财政拨款 (fiscal appropriation) part: income 3.01 ≠ expenditure 3.00 (difference 0.01)']);
      assert.deepEqual(bud401(analyze('舍入 容差\n' + text)), []);
      const far = analyze('舍入 容差\n' + BAL('    财政拨款 3.02\n    事业收入 0.98', exp));
      assert.deepEqual(bud401(far), ['the 财政拨款 (fiscal appropriation) part: income 3.02 ≠ expenditure 3.00 (difference 0.02), beyond the tolerance ±0.015']);
    });

    it('a unit that balances to the last digit has no record of the balance (nothing was tolerated)', () => {
      const a = analyze('舍入 容差\n' + BAL('    一般公共预算 3.00\n    事业收入 1.00', EXP));
      assert.deepEqual(codes(a, 'error'), []);
      assert.deepEqual(a.figures[0].records.filter((x) => x.code === 'BUD401'), []);
    });
  });
});
