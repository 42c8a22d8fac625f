import { strict as assert } from 'node:assert';
import { inlayHints } from '../../server/src/core/features/inlayHints';
import { LineIndex } from '../../server/src/core/position';
import { expectGolden } from '../helpers/golden';
import { analysis, AUTHORING, REVIEWER, unit } from './util';

/** Hints as `line text … ⟨label⟩` for readable assertions. */
function shown(text: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string[] {
  const a = analysis(text);
  const idx = new LineIndex(text);
  return inlayHints(a, undefined, locale).map((h) => {
    const p = idx.position(h.offset);
    return `${idx.lineText(p.line).slice(0, p.character).trim()} ⟨${h.label}⟩`;
  });
}

describe('features: inlay hints', () => {
  it('authoring style: the computed total after each parent row without one', () => {
    const h = shown(AUTHORING);
    assert.ok(h.includes('208 社会保障和就业支出 ⟨= 162,573.63⟩'), h.slice(0, 10).join('\n'));
    assert.ok(h.includes('20805 行政事业单位养老支出 ⟨= 89,632.29⟩'));
    assert.ok(h.includes('2080109 社会保险经办机构 ⟨= 293.14⟩'), 'a leaf fed by projects');
    assert.ok(!h.some((x) => x.startsWith('2080505')), 'not on a leaf holding a single figure');
    assert.ok(h.includes('支出 { ⟨合计 162,953.23⟩'), 'the section total when there is no 合计 row');
    expectGolden('features', 'inlay-authoring', h);
  });

  it('reviewer style: ✓ after each declared total that agrees', () => {
    const h = shown(REVIEWER);
    assert.ok(h.includes('208 社会保障和就业支出 162,573.63 ⟨✓⟩'));
    assert.ok(h.includes('合计 162,953.23 基本 2,937.37 人员 2,585.73 公用 351.64 项目 160,015.86 ⟨✓⟩'));
    assert.ok(h.includes('收入总计 162,953.23 ⟨✓⟩'));
    assert.ok(h.includes('合计 8.25 ⟨✓⟩'));
    assert.ok(!h.some((x) => x.includes('✗')));
    assert.ok(h.includes('30101 基本工资 854.06 ⟨✓⟩'), 'a leaf’s 合计 is checked against 基本 + 项目');
    assert.ok(!h.some((x) => x.startsWith('30101 基本工资 854.06 基本 854.06 人员 854.06 ⟨')), 'a leaf’s facts (人员) are not checked totals');
    expectGolden('features', 'inlay-reviewer', h);
  });

  it('a block with its own 金额单位: computed figures in that unit, named, and checks in the unit written', () => {
    // A 元 document whose 支出 and 三公 blocks are written in 万元, without totals (authoring) and with them.
    const own = (total: string, sangong: string): string => unit([
      '  收入 {', '    一般公共预算 14400.00', '    政府性基金预算 0', '  }',
      '  支出 {', '    金额单位 万元', `    208 社会保障和就业支出${total}`, '    20801 人力资源和社会保障管理事务 基本 0.94', '    20805 行政事业单位养老支出 0.50', '  }',
      '  三公 {', '    金额单位 万元', `    合计${sangong}`, '    公务用车运行费 0.94', '    公务接待费 0.50', '  }',
    ].join('\n'), '年度 2025\n  金额单位 元');
    const authoring = shown(own('', ''));
    assert.ok(authoring.includes('208 社会保障和就业支出 ⟨= 1.44 万元⟩'), authoring.join('\n'));
    assert.ok(authoring.includes('支出 { ⟨合计 1.44 万元⟩'), authoring.join('\n'));
    assert.ok(authoring.includes('合计 ⟨= 1.44 万元⟩'), authoring.join('\n'));
    assert.ok(authoring.includes('收入 { ⟨合计 14,400.00⟩') || !authoring.some((h) => h.startsWith('收入') && h.includes('万元')), 'income stays in the document’s 元');
    const reviewer = shown(own(' 1.50', ' 1.44'));
    assert.ok(reviewer.includes('208 社会保障和就业支出 1.50 ⟨✗ +0.06⟩'), reviewer.join('\n'));
    assert.ok(reviewer.includes('合计 1.44 ⟨✓⟩'), reviewer.join('\n'));
  });

  it('✗ with the difference after a total that does not add up', () => {
    const text = REVIEWER.replace('208 社会保障和就业支出 162,573.63', '208 社会保障和就业支出 162,573.64');
    const a = analysis(text);
    const at = text.indexOf('162,573.64') + '162,573.64'.length;
    const h = inlayHints(a, undefined, 'en').find((x) => x.offset === at)!;
    assert.equal(h.label, '✗ +0.01');
    assert.equal(h.kind, 'mismatch');
    assert.match(h.tooltip!, /Computed 162,573\.63/);
  });

  it('≈ for a difference within the tolerance (舍入 容差)', () => {
    const text = '舍入 容差\n' + unit('  支出 {\n    208 社会保障和就业支出 10.01\n    20801 人力资源和社会保障管理事务 5.00\n    20805 行政事业单位养老支出 5.00\n  }');
    assert.ok(shown(text).includes('208 社会保障和就业支出 10.01 ⟨≈ +0.01⟩'));
  });

  it('only hints inside the requested range', () => {
    const a = analysis(AUTHORING);
    const start = AUTHORING.indexOf('210 卫生健康支出');
    const hs = inlayHints(a, { start, end: AUTHORING.indexOf('\n', start) }, 'zh-CN');
    assert.equal(hs.length, 1);
    assert.equal(hs[0].label, '= 142.97');
  });

  it('未分列 · not split below: a written figure no row below states says so, and is never shown as compared with 0', () => {
    const text = unit('  支出 {\n    合计 10.00 基本 10.00 人员 6.00 公用 4.00\n    208 社会保障和就业支出 10.00 基本 10.00 人员 6.00 公用 4.00\n    20801 人力资源和社会保障管理事务 4.00 基本 4.00\n    20805 行政事业单位养老支出 6.00 基本 6.00\n  }');
    const h = shown(text);
    assert.ok(h.includes('208 社会保障和就业支出 10.00 基本 10.00 人员 6.00 ⟨未分列⟩'), h.join('\n'));
    assert.ok(h.includes('208 社会保障和就业支出 10.00 基本 10.00 人员 6.00 公用 4.00 ⟨未分列⟩'), h.join('\n'));
    // The 合计 row's 人员 is compared with the 类 rows that state it: a check mark, not 未分列.
    assert.ok(h.includes('合计 10.00 基本 10.00 人员 6.00 ⟨✓⟩'), h.join('\n'));
    assert.ok(!h.some((x) => x.includes('⟨✗')), h.join('\n'));
    const en = shown(text, 'en');
    assert.ok(en.includes('208 社会保障和就业支出 10.00 基本 10.00 人员 6.00 ⟨not split below⟩'), en.join('\n'));
  });
});
