import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import type { Diagnostic, Edit } from '../../server/src/core/diagnostics';
import { applyEdits, codeActions, fixAllEdits, fixAllText } from '../../server/src/core/features/codeActions';
import type { CodeAction } from '../../server/src/core/features/types';
import { formatMoney } from '../../server/src/core/money';
import { expectGolden } from '../helpers/golden';
import { analysis, REVIEWER, unit } from './util';
import { PASTED } from '../helpers/pasted';

const errors = (text: string): string[] => analyze(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${text.slice(d.start, d.end)}`);

function actionsOn(text: string, code: string, nth = 0): { actions: CodeAction[]; text: string } {
  const a = analysis(text);
  const d = a.diagnostics.filter((x) => x.code === code)[nth];
  assert.ok(d, `expected a ${code} diagnostic; got ${a.diagnostics.map((x) => x.code).join(' ')}`);
  return { actions: codeActions(a, d.start, d.end, 'zh-CN'), text };
}

describe('features: code actions', () => {
  it('fix all: the pasted-text fixes at once, never a change of figure', () => {
    const a = analysis(PASTED);
    const { edits, diagnostics } = fixAllEdits(a);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['BUD005', 'BUD013', 'BUD014', 'BUD015', 'BUD016']);
    const fixed = applyEdits(PASTED, edits);
    assert.equal(fixed, PASTED.replace('合　　计', '合计').replace(' 2080150', '\n    2080150').replace('１７０.５０', '170.50').replace('(20.00)', '-20.00').replace('  第 3 页 共 18 页', ''));
    assert.deepEqual(analyze(fixed).diagnostics.map((d) => d.code), []);
    // A wrong total is not “fixed” by fix all: it stays for the user to decide.
    const wrong = PASTED.replace('合　　计 150.50', '合　　计 150.60');
    const r = fixAllText(wrong);
    assert.equal(r.fixed, 5);
    assert.deepEqual(errors(r.text), ['BUD201 150.60']);
    assert.deepEqual(fixAllText(r.text), { text: r.text, fixed: 0, firstPass: [] }, 'nothing left to fix');
  });

  it('applyEdits equals applying the edits one by one from the end (overlapping, touching and inserted at one place)', () => {
    const edit = fc.record({ a: fc.nat(30), b: fc.nat(30), t: fc.string({ maxLength: 3 }) });
    fc.assert(fc.property(fc.string({ maxLength: 30 }), fc.array(edit, { maxLength: 6 }), (s, es) => {
      const edits = es.map((e) => ({ start: Math.min(e.a, e.b, s.length), end: Math.min(Math.max(e.a, e.b), s.length), newText: e.t }));
      let one = s;
      for (const e of [...edits].sort((x, y) => y.start - x.start || y.end - x.end)) one = one.slice(0, e.start) + e.newText + one.slice(e.end);
      assert.equal(applyEdits(s, edits), one);
    }), { numRuns: 3000, seed: 2026 });
  });

  it('fix all chooses the fixes a plain comparison with every taken edit would (first in document order wins)', () => {
    const reference = (fixes: Edit[][]): number[] => {
      const order = fixes.map((edits, id) => ({ id, edits })).sort((x, y) => Math.min(...x.edits.map((e) => e.start)) - Math.min(...y.edits.map((e) => e.start)));
      const taken: Edit[] = [];
      const out: number[] = [];
      for (const c of order) {
        if (c.edits.some((e) => taken.some((t) => (e.start < t.end && t.start < e.end) || (e.start === t.start && e.end === t.end)))) continue;
        taken.push(...c.edits);
        out.push(c.id);
      }
      return out;
    };
    const edit = fc.record({ a: fc.nat(40), b: fc.nat(6) }).map((x) => ({ start: x.a, end: x.a + x.b, newText: 'x' }));
    fc.assert(fc.property(fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { maxLength: 12 }), (fixes) => {
      const diagnostics: Diagnostic[] = fixes.map((edits, id) => ({ code: 'BUD012', severity: 'warning', start: id, end: id, args: {}, fixes: [{ title: { zh: '', en: '' }, edits, preferred: true }] }));
      const chosen = fixAllEdits({ diagnostics } as unknown as Analysis).diagnostics.map((d) => d.start);
      assert.deepEqual(chosen, reference(fixes));
    }), { numRuns: 5000, seed: 2026 });
  });

  it('fix all takes no two fixes that touch the same text in one pass (the next pass gets the rest)', () => {
    const text = unit('  支出 {\n    208 社会保障和就业支出 人员 （１.００）\n  }');
    const { edits } = fixAllEdits(analysis(text));
    const sorted = [...edits].sort((x, y) => x.start - y.start);
    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].start >= sorted[i - 1].end, 'no overlap');
    const r = fixAllText(text);
    assert.ok(r.text.includes('人员 -1.00'), r.text);
    assert.deepEqual(analyze(r.text).diagnostics.filter((d) => d.severity !== 'information').map((d) => d.code), []);
  });

  it('every core fix becomes a quick fix: a wrong total is set to the computed sum', () => {
    const text = REVIEWER.replace('208 社会保障和就业支出 162,573.63', '208 社会保障和就业支出 162,573.64');
    assert.deepEqual(errors(text).map((e) => e.split(' ')[0]), ['BUD201']);
    const { actions } = actionsOn(text, 'BUD201');
    const fix = actions.find((x) => x.isPreferred)!;
    assert.equal(fix.title, '改为计算值 162,573.63');
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.diagnostics?.[0].code, 'BUD201');
    assert.deepEqual(errors(applyEdits(text, fix.edits)), []);
    assert.ok(!actions.some((x) => x.title.includes('计入')), 'no residual action when the children are themselves totals');
  });

  it('BUD201: puts the residual on a chosen child, one action per child, each clearing the error', () => {
    const text = unit('  支出 {\n    208 社会保障和就业支出 100.00\n    20801 人力资源和社会保障管理事务 60.00\n    20805 行政事业单位养老支出 39.00\n  }');
    assert.deepEqual(errors(text), ['BUD201 100.00']);
    const { actions } = actionsOn(text, 'BUD201');
    const residual = actions.filter((x) => x.title.startsWith('把差额'));
    assert.deepEqual(residual.map((x) => x.title), [
      '把差额 1.00 计入 20801 人力资源和社会保障管理事务（合计改为 61.00）',
      '把差额 1.00 计入 20805 行政事业单位养老支出（合计改为 40.00）',
    ]);
    for (const r of residual) assert.deepEqual(errors(applyEdits(text, r.edits)), [], r.title);
    expectGolden('features', 'code-actions-residual', actions.map((x) => ({ title: x.title, kind: x.kind, preferred: !!x.isPreferred, edits: x.edits })));
  });

  it('BUD201 on a column: the child’s dependent columns move with it', () => {
    const text = unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务 基本 10.00 人员 10.00\n    2080150 事业运行 8.00 基本 8.00 人员 8.00\n    2080109 社会保险经办机构 1.00 基本 1.00 人员 1.00\n  }');
    assert.equal(errors(text).length, 2);
    const { actions } = actionsOn(text, 'BUD201', 1);
    const r = actions.find((x) => x.title.includes('2080150'))!;
    assert.ok(r, actions.map((x) => x.title).join('\n'));
    const fixed = applyEdits(text, r.edits);
    assert.match(fixed, /2080150 事业运行 9\.00 基本 9\.00 人员 9\.00/);
    assert.deepEqual(errors(fixed), []);
  });

  it('a residual that would break another total is not offered', () => {
    // 20801's 合计 agrees with its children: moving 1.00 of 人员 onto a child would break it.
    const text = unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务 9.00 人员 10.00\n    2080150 事业运行 8.00 基本 8.00 人员 8.00\n    2080109 社会保险经办机构 1.00 基本 1.00 人员 1.00\n  }');
    const { actions } = actionsOn(text, 'BUD201');
    assert.ok(actions.some((x) => x.isPreferred));
    assert.ok(!actions.some((x) => x.title.startsWith('把差额')), actions.map((x) => x.title).join('\n'));
  });

  it('BUD102: inserts the missing parent with its catalog name', () => {
    const text = unit('  支出 {\n    208 社会保障和就业支出\n    2080109 社会保险经办机构 5.00\n  }');
    const { actions } = actionsOn(text, 'BUD102');
    assert.equal(actions[0].title, '插入上级科目 20801 人力资源和社会保障管理事务');
    const fixed = applyEdits(text, actions[0].edits);
    assert.match(fixed, /\n {4}20801 人力资源和社会保障管理事务\n {4}2080109/);
    assert.ok(!analyze(fixed).diagnostics.some((d) => d.code === 'BUD102'));
  });

  it('BUD806: a child written in 元 is converted exactly', () => {
    const text = unit('  支出 {\n    208 社会保障和就业支出 100.00\n    20801 人力资源和社会保障管理事务 600,000.00\n    20805 行政事业单位养老支出 40.00\n  }');
    const { actions } = actionsOn(text, 'BUD806');
    const conv = actions.find((x) => x.isPreferred)!;
    assert.ok(conv && /60\.00/.test(conv.edits[0].newText), JSON.stringify(actions));
    assert.deepEqual(errors(applyEdits(text, conv.edits)), []);
  });

  it('金额单位: converts a whole unit between 万元 and 元 exactly (a refactoring)', () => {
    const text = REVIEWER;
    const a = analysis(text);
    const at = text.indexOf('金额单位 万元') + 2;
    const refactor = codeActions(a, at, at, 'en').find((x) => x.kind === 'refactor.rewrite')!;
    assert.match(refactor.title, /^Change the money unit to 元 and convert \d+ amounts exactly \(×10000\)$/);
    const yuan = applyEdits(text, refactor.edits);
    assert.match(yuan, /合计 1,629,532,300\.00 基本 29,373,700\.00/);
    const b = analyze(yuan);
    assert.deepEqual(b.diagnostics.map((d) => d.code), a.diagnostics.map((d) => d.code));
    // Same money, exactly: every computed figure is unchanged in ticks.
    assert.equal(b.figures[0].func.root.cells.total, a.figures[0].func.root.cells.total);
    assert.equal(formatMoney(b.figures[0].func.root.cells.total!, '万元'), '162,953.23');
    assert.deepEqual(b.figures[0].projects.map((p) => p.total), a.figures[0].projects.map((p) => p.total));
    // And back.
    const at2 = yuan.indexOf('金额单位 元') + 2;
    const back = codeActions(b, at2, at2, 'zh-CN').find((x) => x.kind === 'refactor.rewrite')!;
    assert.match(back.title, /^金额单位改为万元/);
    const again = applyEdits(yuan, back.edits);
    assert.equal(again, text, 'the round trip gives back the file');
  });

  it('no quick fixes away from diagnostics', () => {
    const a = analysis(REVIEWER);
    const at = REVIEWER.indexOf('30101 基本工资');
    assert.deepEqual(codeActions(a, at, at, 'zh-CN'), []);
  });
});
