/**
 * Property-based robustness of everything that reads an analysis: for random edits of the samples, the
 * table builder (core/tables.ts) and the editor features (core/features, every function that exists)
 * return normally, and every range they return lies inside the document. Also very large inputs (the
 * core's size limit, a degraded mode rather than a hang) and very long lines.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { generateBudget } from '../../bench/generate';
import { analyze, MAX_ANALYZED_LENGTH, type Analysis } from '../../server/src/core/analyze';
import { CHECKS, type Check } from '../../server/src/core/checks';
import { renderMessage } from '../../server/src/core/diagnostics';
import * as features from '../../server/src/core/features';
import { reanalyze } from '../../server/src/core/incremental';
import { EXERCISED, exercise, NOT_EXERCISED, offsetsOf } from './exercise';
import { assertRangesInside, FRAGMENTS, mutate, sample, SAMPLES } from './util';

describe('robustness: tables and editor features on broken input', () => {
  it('the core returns every range as reported (it does not clamp them): a range past the end is seen by the tests', () => {
    // A check that reports past the end of the text — the kind of defect the robustness tests are there to catch.
    const bad: Check = { name: 'test: a range past the end', codes: ['BUD105'], run: (ctx): void => ctx.report('BUD105', { start: 0, end: ctx.text.length + 10 }, { code: '0', scope: '', scopeEn: '', hint: '', hintEn: '' }) };
    (CHECKS as Check[]).push(bad);
    try {
      const text = sample(SAMPLES[0]);
      const a = analyze(text);
      assert.ok(a.diagnostics.some((d) => d.code === 'BUD105' && d.end === text.length + 10), 'the range as the check reported it');
      assert.throws(() => assertRangesInside(a, (m) => assert.fail(m)), /BUD105 range 0-\d+ outside/);
    } finally {
      (CHECKS as Check[]).splice(CHECKS.indexOf(bad), 1);
    }
  });

  it('exercises every editor feature core/features exports (a renamed or new one fails here instead of being skipped)', () => {
    const exported = Object.keys(features).filter((k) => typeof (features as Record<string, unknown>)[k] === 'function').sort();
    for (const name of EXERCISED) assert.ok(exported.includes(name), `${name} is no longer exported`);
    assert.deepEqual(exported.filter((k) => !(EXERCISED as readonly string[]).includes(k) && !(k in NOT_EXERCISED)), [], 'exported but neither exercised nor listed in NOT_EXERCISED');
    for (const name of Object.keys(NOT_EXERCISED)) assert.ok(exported.includes(name), `${name} (NOT_EXERCISED) is no longer exported`);
  });

  it('the samples and a generated budget', function () {
    this.timeout(60_000);
    for (const text of [...SAMPLES.map(sample), generateBudget({ seed: 3, lines: 1200 }).text]) {
      assert.ok(exercise(analyze(text), offsetsOf(text, text.length)) > 20);
    }
  });

  it('random edits of the samples (fast-check)', function () {
    this.timeout(120_000);
    const bases = SAMPLES.map(sample);
    fc.assert(fc.property(fc.nat(bases.length - 1), fc.integer({ min: 1, max: 1 << 30 }), fc.integer({ min: 1, max: 12 }), (b, seed, edits) => {
      const text = mutate(seed, bases[b], edits);
      exercise(analyze(text), offsetsOf(text, seed));
    }), { numRuns: 60 });
  });

  it('random fragments (fast-check)', function () {
    this.timeout(60_000);
    fc.assert(fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }), fc.nat(), (parts, seed) => {
      const text = parts.join(' ');
      exercise(analyze(text), offsetsOf(text, seed));
    }), { numRuns: 150 });
  });

  it('上年比较: random edits of the comparison sample and random comparison lines (fast-check)', function () {
    this.timeout(120_000);
    const base = sample('comparison.budget');
    exercise(analyze(base), offsetsOf(base, 7));
    fc.assert(fc.property(fc.integer({ min: 1, max: 1 << 30 }), fc.integer({ min: 1, max: 12 }), (seed, edits) => {
      const text = mutate(seed, base, edits);
      exercise(analyze(text), offsetsOf(text, seed));
    }), { numRuns: 40 });
    const words = ['收入总计', '支出总计', '三公', '政府采购', '基本支出', '财政拨款支出', '本年', '上年', '增减', '增加', '减少', '持平', '增幅', '增长', '下降',
      '0', '-1.00', '+2.5', '1,234.5', '(3.00)', '１２', '%', '％', ' ', '+', '-', '金额单位 元\n', '\n', '{', '}'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }), fc.nat(), (parts, seed) => {
      const text = `单位 甲 {\n  收入 {\n    一般公共预算 1.00\n  }\n  上年比较 {\n    ${parts.join(' ')}\n  }\n}\n`;
      exercise(analyze(text), offsetsOf(text, seed));
    }), { numRuns: 150 });
  });

  it('incremental re-analysis gives the same ranges-inside guarantee', () => {
    const base = sample(SAMPLES[0]);
    let a = analyze(base);
    let text = base;
    for (let i = 0; i < 20; i++) {
      text = mutate(900 + i, text, 1);
      a = reanalyze(a, text);
      assertRangesInside(a, (m) => assert.fail(m));
    }
    exercise(a, offsetsOf(text, 1));
  });
});

describe('robustness: very large input and very long lines', () => {
  it('a 50 MB budget is not parsed: one clear warning (BUD010), and the features answer at once', function () {
    this.timeout(60_000);
    const chunk = generateBudget({ seed: 4, lines: 2000 }).text;
    const text = chunk.repeat(Math.ceil((50 * 1024 * 1024) / chunk.length));
    assert.ok(text.length > 50 * 1024 * 1024 && text.length > MAX_ANALYZED_LENGTH);
    const a = analyze(text);
    assert.deepEqual(a.diagnostics.map((d) => d.code), ['BUD010']);
    assert.equal(a.model.units.length, 0);
    assert.match(renderMessage(a.diagnostics[0], 'zh-CN'), /超过可检查的上限 4,000,000/);
    assert.match(renderMessage(a.diagnostics[0], 'en'), /more than the 4,000,000 that can be checked/);
    assert.ok(a.diagnostics[0].end <= 200);
    // Every feature answers on the degraded analysis; formatting leaves a file too large to analyse alone.
    assert.ok(exercise(a, [0, 1, text.length >> 1, text.length]) > 10);
    assert.deepEqual(features.format(a), []);
    // Re-analysis of the huge text stays degraded, and one just under the limit is analysed.
    assert.deepEqual(reanalyze(a, text + ' ').diagnostics.map((d) => d.code), ['BUD010']);
    const under = 'x'.repeat(MAX_ANALYZED_LENGTH);
    assert.deepEqual(analyze(under).diagnostics.map((d) => d.code), ['BUD002']);
  });

  it('very long lines: a 4-million-character line of text, 100,000 amounts on one row, 200,000 braces', function () {
    this.timeout(60_000);
    const cases: Array<[string, string, (a: Analysis) => void]> = [
      ['long text', `单位 甲 {\n  年度 2025\n  项目 乙 {\n    内容 ${'字'.repeat(3_990_000)}\n    金额 1.00\n  }\n}\n`, (a) => {
        assert.equal(a.model.units[0].projects[0].content!.text.length, 3_990_000);
      }],
      ['many amounts', `单位 甲 {\n  支出 {\n    2080150 事业运行 ${'1.00 '.repeat(100_000)}\n  }\n}\n`, (a) => {
        assert.equal(a.diagnostics.filter((d) => d.code === 'BUD004').length, 99_999);
      }],
      ['braces', '{}'.repeat(200_000), (a) => {
        assert.equal(a.tree.stmts.length, 200_000);
      }],
      ['one long unknown word', 'x'.repeat(3_000_000), (a) => {
        assert.deepEqual(a.diagnostics.map((d) => d.code), ['BUD002']);
      }],
    ];
    for (const [name, text, check] of cases) {
      const a = analyze(text);
      assertRangesInside(a, (m) => assert.fail(`${name}: ${m}`));
      check(a);
      exercise(a, [0, 10, text.length >> 1, text.length]);
    }
  });
});
