/**
 * Adversarial inputs (bench/adversarial.ts): texts shaped to cost the checker the most — one huge token, one huge
 * line, deep nesting, tens of thousands of rows, a 100,000-digit amount, 130,000 `}` … Every one is analysed
 * without an exception and with sane diagnostics: ranges inside the text (as the core returns them: it does not
 * clamp), every message short and without a placeholder left, no more reports than the text has tokens, and the
 * editor features answer. How long each takes is measured by `npm run bench` (bench/run.ts), not asserted here.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { longAmount, nested, rowsBudget, SHAPES } from '../../bench/adversarial';
import { analyze, MAX_ANALYZED_LENGTH, type Analysis } from '../../server/src/core/analyze';
import { renderMessage, type DiagnosticCode } from '../../server/src/core/diagnostics';
import { MAX_DEPTH, MAX_TOKENS } from '../../server/src/core/parser';
import { exercise } from './exercise';
import { assertRangesInside } from './util';

/** Diagnostics checked message by message (all of them when fewer; else the first and the last ones). */
const RENDERED = 2000;

function sane(a: Analysis, what: string): void {
  assertRangesInside(a, (m) => assert.fail(`${what}: ${m}`));
  assert.ok(a.diagnostics.length <= 2 * a.tree.tokens + 2, `${what}: ${a.diagnostics.length} diagnostics for ${a.tree.tokens} tokens`);
  const ds = a.diagnostics.length <= RENDERED ? a.diagnostics : [...a.diagnostics.slice(0, RENDERED / 2), ...a.diagnostics.slice(-RENDERED / 2)];
  for (const d of ds) {
    for (const locale of ['zh-CN', 'en'] as const) {
      const m = renderMessage(d, locale);
      assert.ok(m.length > 0 && m.length <= 2000, `${what}: ${d.code} message of ${m.length} characters`);
      assert.doesNotMatch(m, /\{\w+\}/, `${what}: ${d.code}`);
    }
    for (const r of d.related ?? []) assert.ok(r.message.zh.length <= 2000 && r.message.en.length <= 2000, `${what}: ${d.code} related message`);
  }
}

function codes(a: Analysis): Map<DiagnosticCode, number> {
  const m = new Map<DiagnosticCode, number>();
  for (const d of a.diagnostics) m.set(d.code, (m.get(d.code) ?? 0) + 1);
  return m;
}

/** A few offsets spread over the text, for the editor features. */
function offsets(text: string): number[] {
  return [0, 1, text.length >> 2, text.length >> 1, text.length - 1, text.length].filter((o) => o >= 0 && o <= text.length);
}

describe('adversarial inputs: no exception, sane diagnostics', function () {
  this.timeout(600_000);

  it('the shapes of the issue: one huge token, one huge line, deep nesting, 30,000 rows, a 100,000-digit amount, 130,000 `}`', () => {
    // One token of 4,000,000 characters: one unknown statement, quoted in part.
    let a = analyze('x'.repeat(MAX_ANALYZED_LENGTH));
    sane(a, 'huge token');
    assert.deepEqual([...codes(a)], [['BUD002', 1]]);
    assert.ok(renderMessage(a.diagnostics[0], 'zh-CN').length < 600);
    // One line of 2,000,000 words: more tokens than are parsed — one BUD018 at its start, nothing else.
    a = analyze('a '.repeat(MAX_ANALYZED_LENGTH / 2));
    sane(a, 'huge line');
    assert.deepEqual(a.diagnostics.map((d) => [d.code, d.start]), [['BUD018', 0]]);
    assert.equal(a.tree.truncated, 0);
    assert.match(renderMessage(a.diagnostics[0], 'en'), /more words, numbers and symbols than the 1,000,000 that can be checked/);
    exercise(a, offsets(a.text));
    // Deep nesting: MAX_DEPTH levels parse; one more is one error and no tree.
    a = analyze(nested(MAX_DEPTH));
    sane(a, 'deep nesting');
    assert.ok(!a.diagnostics.some((d) => d.code === 'BUD001'));
    a = analyze(nested(MAX_DEPTH + 1));
    assert.deepEqual(a.diagnostics.map((d) => d.code), ['BUD001']);
    exercise(a, offsets(a.text));
    // 30,000 rows in one block, every total correct: no error.
    a = analyze(rowsBudget(30_000));
    sane(a, '30,000 rows');
    assert.equal(a.model.units[0].func!.rows.length, 30_000);
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), []);
    exercise(a, offsets(a.text));
    // A 100,000-digit amount: not read (BUD703), quoted in part, the total it stands for unknown.
    a = analyze(longAmount(100_000));
    sane(a, '100,000-digit amount');
    assert.deepEqual([...codes(a)], [['BUD703', 1]]);
    exercise(a, offsets(a.text));
    // 130,000 `}` on one line (it overflowed the stack): one error for the run.
    a = analyze('}'.repeat(130_000));
    sane(a, '130,000 }');
    assert.deepEqual(a.diagnostics.map((d) => [d.code, d.start, d.end]), [['BUD001', 0, 130_000]]);
    assert.match(renderMessage(a.diagnostics[0], 'zh-CN'), /此处多了 130000 个 “}”/);
    exercise(a, offsets(a.text));
    // … and one per line after a unit: still one.
    a = analyze(`单位 甲 {\n  年度 2025\n}\n${'}\n'.repeat(130_000)}`);
    assert.deepEqual(a.diagnostics.map((d) => d.code), ['BUD001']);
  });

  it('every shape of bench/adversarial.ts at the size limit', () => {
    for (const shape of SHAPES) {
      const text = shape.text(MAX_ANALYZED_LENGTH);
      assert.ok(text.length <= MAX_ANALYZED_LENGTH, `${shape.name}: ${text.length}`);
      let a: Analysis;
      try {
        a = analyze(text);
      } catch (e) {
        return assert.fail(`${shape.name}: ${String(e)}`);
      }
      sane(a, shape.name);
      // Never more than the token budget parsed.
      assert.ok(a.tree.truncated !== undefined || a.tree.tokens <= MAX_TOKENS, shape.name);
      if (a.tree.truncated !== undefined) assert.equal(a.diagnostics.filter((d) => d.code === 'BUD018').length, 1, shape.name);
    }
  });

  it('random shapes at random sizes, and random pieces of them glued together (fast-check); the features answer', () => {
    fc.assert(fc.property(fc.array(fc.record({ shape: fc.nat(SHAPES.length - 1), size: fc.integer({ min: 1, max: 60_000 }) }), { minLength: 1, maxLength: 4 }), (parts) => {
      const text = parts.map((p) => SHAPES[p.shape].text(p.size)).join('\n');
      const a = analyze(text);
      sane(a, parts.map((p) => SHAPES[p.shape].name).join(' + '));
      exercise(a, offsets(text));
    }), { numRuns: 40, seed: 12 });
  });
});
