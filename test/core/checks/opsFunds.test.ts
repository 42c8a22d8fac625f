import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { opsFunds, opsFundsBasis } from '../../../server/src/core/checks/opsFunds';
import { hover } from '../../../server/src/core/features/hover';
import { codes, sample, unit } from '../util';
import { runCases } from './cases';

/** A 行政单位 whose basic 公用 is 5,072,538 元 (general budget only), with 机关运行经费 written in 万元 as `ops`. */
const ADMIN = (ops: string, kind = '行政单位'): string =>
  unit(`  支出 {\n    201 一般公共服务支出 基本 36,197,265 人员 31,124,727 公用 5,072,538\n  }\n  三公 {\n    金额单位 万元\n    机关运行经费 ${ops}\n  }`, `年度 2025\n  金额单位 元\n  性质 ${kind}`);

describe('check: 机关运行经费 (agency operating funds)', () => {
  runCases(opsFunds.codes, [
    { code: 'BUD515', what: 'a 行政单位’s 机关运行经费 ≠ its general-budget basic 公用', bad: ADMIN('570.25'), good: ADMIN('507.25'), where: '570.25' },
  ]);

  it('compared within the rounding of its last written digit (507.25 万元 for 5,072,538 元), with a fix', () => {
    assert.deepEqual(codes(analyze(ADMIN('507.25'))), []);
    assert.deepEqual(codes(analyze(ADMIN('507.3'))), []);
    const d = analyze(ADMIN('507.35')).diagnostics.find((x) => x.code === 'BUD515')!;
    assert.equal(d.severity, 'warning');
    assert.equal(d.fixes?.[0].edits[0].newText, '507.25');
  });

  it('no identity for a 事业单位, nor when the general budget’s 公用 is not known: not checked, and the reason is given', () => {
    assert.deepEqual(codes(analyze(ADMIN('570.25', '事业单位'))), []);
    const a = analyze(ADMIN('570.25', '事业单位'));
    const basis = opsFundsBasis({ unit: a.model.units[0], figures: a.figures[0] });
    assert.ok('why' in basis && /性质/.test(basis.why.zh));
    const text = ADMIN('570.25', '事业单位');
    const h = hover(a, text.indexOf('570.25') + 1, 'zh-CN');
    assert.match(h?.contents ?? '', /未核对：只有行政单位和参照公务员法管理的事业单位/);
    const admin = ADMIN('507.25');
    assert.match(hover(analyze(admin), admin.indexOf('507.25') + 1, 'zh-CN')?.contents ?? '', /应等于支出中一般公共预算的公用经费 507\.2538/);
    const mixed = unit(`  支出 {\n    201 一般公共服务支出 基本 10.00 人员 8.00 公用 2.00 来源 事业收入\n  }\n  三公 {\n    机关运行经费 9.00\n  }`, '年度 2025\n  金额单位 万元\n  性质 行政单位');
    assert.ok(!analyze(mixed).diagnostics.some((x) => x.code === 'BUD515'), 'money from another source: the general budget’s 公用 is unknown');
  });

  it('the real 城管 2026 sample (行政单位): 507.25 万元 agrees with its 公用经费 5,072,538 元', () => {
    const a = analyze(sample('real-chengguan-2026.budget'));
    assert.ok(!a.diagnostics.some((x) => x.code === 'BUD515'));
    assert.ok(a.figures[0].records.some((r) => r.code === 'BUD515' && r.ok), 'the comparison is recorded (hover and inlay hints show it)');
  });
});
