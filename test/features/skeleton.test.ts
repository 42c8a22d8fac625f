/**
 * The new-budget skeleton (core/features/skeleton.ts): golden texts per layout; the text, the snippet and the
 * fields agree; and a skeleton whose amounts are filled consistently checks with no errors and no warnings, its
 * tables built in the layout it states (the empty tables with their note).
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analyze';
import { renderMessage } from '../../server/src/core/diagnostics';
import {
  AMOUNT_KEY, budgetSkeleton, LAYOUT_CHOICES, skeletonFields, skeletonSnippet, skeletonText, UNIT_KIND_CHOICES, type SkeletonOptions,
} from '../../server/src/core/features/skeleton';
import { buildTables, layoutOf } from '../../server/src/core/tables';
import { expectGoldenText } from '../helpers/golden';

const BASE: SkeletonOptions = { unit: '某县农业农村局', year: 2026, moneyUnit: '万元', kind: '行政单位', layout: '辽宁' };

/**
 * Amounts that agree everywhere, in 万元: basic spending 人员 123 = 100 + 10 + 5 + 8 on the function and the
 * economic side alike, 公用 30 = 26 + 1 + 3, the project 50 (its one economic line too), income 203; 三公 within
 * their economic lines; the overall tasks sum to the total. Keys are the skeleton's amount keys without the
 * function code of the unit kind's 行政运行/事业运行 row (looked up by suffix).
 */
const WAN: Array<[RegExp, number]> = [
  [/^收入:一般公共预算$/, 203],
  [/^支出:21301\d\d:人员$/, 100], [/^支出:21301\d\d:公用$/, 30],
  [/^支出:2080505:人员$/, 10], [/^支出:210110\d:人员$/, 5], [/^支出:2210201:人员$/, 8],
  [/^经济分类:30101:人员$/, 100], [/^经济分类:30108:人员$/, 10], [/^经济分类:30110:人员$/, 5], [/^经济分类:30113:人员$/, 8],
  [/^经济分类:30201:公用$/, 26], [/^经济分类:30217:公用$/, 1], [/^经济分类:30231:公用$/, 3],
  [/^三公:因公出国（境）费$/, 0], [/^三公:公务用车购置费$/, 0], [/^三公:公务用车运行费$/, 3], [/^三公:公务接待费$/, 1], [/^三公:机关运行经费$/, 30],
  [/^项目:金额$/, 50], [/^项目:经济分类:30227$/, 50],
  [/^整体绩效:基本支出人员经费$/, 123], [/^整体绩效:基本支出公用经费$/, 30], [/^整体绩效:项目$/, 50],
];

/** Every amount field of the skeleton filled from WAN (in the document's unit; 三公 in its block's own unit). */
function fillConsistently(o: SkeletonOptions): Record<string, string> {
  const s = budgetSkeleton(o);
  const fill: Record<string, string> = { 'name:项目': '高标准农田建设' };
  const ownWan = /金额单位 万元/.test(skeletonText(s).split('三公 {')[1] ?? '');
  for (const f of skeletonFields(s)) {
    if (!f.key.startsWith(AMOUNT_KEY)) continue;
    const key = f.key.slice(AMOUNT_KEY.length);
    const hit = WAN.find(([re]) => re.test(key));
    assert.ok(hit, `the test knows no consistent value for the amount field ${key}`);
    const wan = hit[1];
    const inWan = o.moneyUnit === '万元' || (key.startsWith('三公:') && ownWan);
    fill[f.key] = inWan ? wan.toFixed(2) : String(wan * 10000);
  }
  return fill;
}

const CASES: SkeletonOptions[] = [
  BASE,
  { ...BASE, kind: '事业单位', unit: '某县农业技术推广中心', supervisor: '某县农业农村局' },
  { ...BASE, layout: '上海单位', moneyUnit: '元', kind: '参公事业单位', unit: '某区农业执法大队', supervisor: '某区农业农村委员会' },
  { ...BASE, layout: '上海部门', moneyUnit: '元', unit: '某区农业农村委员会' },
];

describe('new budget skeleton', () => {
  for (const o of CASES) {
    const name = `${o.layout}-${o.kind}-${o.moneyUnit}`;
    it(`${name}: golden text and snippet`, () => {
      const s = budgetSkeleton(o);
      expectGoldenText('skeleton', name, skeletonText(s), 'budget');
      expectGoldenText('skeleton', `${name}.snippet`, skeletonSnippet(s), 'txt');
    });

    it(`${name}: checks with no errors or warnings once its amounts are filled consistently`, () => {
      const s = budgetSkeleton(o);
      const text = skeletonText(s, fillConsistently(o));
      const a = analyze(text);
      const bad = a.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.deepEqual(bad.map((d) => `${d.code} ${text.slice(d.start, d.end)}: ${renderMessage(d, 'zh-CN')}`), []);
      assert.equal(a.figures.length, 1);
      const f = a.figures[0];
      // The stated layout, and the figures as filled: 203 in, 203 out.
      assert.equal(layoutOf(f.unit).layout.id, o.layout);
      assert.equal(layoutOf(f.unit).explicit, true);
      const tick = o.moneyUnit === '万元' ? 100_000_000n : 10_000n;
      const total = 203n * (o.moneyUnit === '万元' ? tick : tick * 10_000n);
      assert.equal(f.func.root.cells.total, total);
      assert.equal(f.income.values.get('收入总计'), total);
      // Every table of the layout is built; the tables stated empty carry their note.
      const tables = buildTables(a);
      assert.ok(tables.length >= 9, `${tables.length} tables`);
      for (const l of f.unit.lists.filter((x) => x.empty)) assert.ok(l.span, 'an empty table is stated');
      if (o.layout !== '辽宁') assert.ok(tables.some((t) => t.note && /故本表为空表/.test(t.note)), 'an empty table with its note');
      if (o.layout === '辽宁') {
        const t16 = tables.find((t) => t.id === '表16');
        assert.ok(t16 && t16.rows.some((r) => r.some((c) => c.text === '高标准农田建设')), '表16 lists the project as a task');
      }
    });

    it(`${name}: unfilled, it checks without errors (the placeholders agree) and names where amounts go`, () => {
      const s = budgetSkeleton(o);
      const a = analyze(skeletonText(s));
      assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), []);
    });
  }

  it('the snippet has one tab stop per field, choices as lists, snippet syntax escaped, the cursor last', () => {
    const s = budgetSkeleton({ ...BASE, unit: '单位$名称}' });
    const snippet = skeletonSnippet(s);
    const fields = skeletonFields(s);
    for (const f of fields) assert.ok(snippet.includes(`\${${f.stop}:`) || snippet.includes(`\${${f.stop}|`), `tab stop ${f.stop}`);
    assert.ok(snippet.endsWith('$0'));
    assert.ok(snippet.includes('单位\\$名称\\}'), 'the unit name escaped');
    assert.match(snippet, /\$\{\d+\|>=,=,<=,>,<\|\}/);
    // The project's name is one tab stop, mirrored in 整体绩效's task.
    const project = fields.find((f) => f.key === 'name:项目')!;
    assert.equal(snippet.split(`$${project.stop}`).length - 1 + snippet.split(`\${${project.stop}:`).length - 1, 2);
    // Unescaping the snippet's defaults gives the text.
    const plain = snippet.replace(/\$\{\d+\|([^|]*?)(?:,[^|]*)?\|\}/g, '$1').replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, '$1')
      .replace(/\$(\d+)/g, (_m, n: string) => fields.find((f) => f.stop === Number(n))?.value ?? '').replace(/\\(.)/g, '$1');
    assert.equal(plain, skeletonText(s));
  });

  it('covers every unit kind and layout offered', () => {
    for (const layout of LAYOUT_CHOICES) for (const kind of UNIT_KIND_CHOICES) {
      const text = skeletonText(budgetSkeleton({ ...BASE, layout, kind }));
      assert.match(text, new RegExp(`表式 ${layout}(?=\\s)`));
      assert.match(text, new RegExp(`性质 ${kind}`));
      assert.equal(analyze(text).diagnostics.filter((d) => d.severity === 'error').length, 0, `${layout} ${kind}`);
    }
  });
});
