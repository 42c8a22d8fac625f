/**
 * The hand-written scanner and parser (server/src/core/lexer.ts, parser.ts) replaced a Chevrotain lexer and
 * parser for speed. These tests check that they give exactly the same tokens, trees and errors as the
 * Chevrotain implementation (kept verbatim under test/robustness/reference/) on the samples, on mutations
 * of them and on random input — except where the Chevrotain parser crashed (see the last tests).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { generateBudget } from '../../bench/generate';
import { analyze } from '../../server/src/core/analyze';
import { allTokens, JS_WHITESPACE, lex } from '../../server/src/core/lexer';
import { MAX_DEPTH, parse } from '../../server/src/core/parser';
import { allTokens as refTokens, lex as refLex } from './reference/chevrotain-lexer';
import { parse as refParse } from './reference/chevrotain-parser';
import { FRAGMENTS, mutate, sample, SAMPLES } from './util';

const CHARS = [
  '\\', '\\"', '\u2028', '\u2029', '\u00a0', '\u1680', '\u2000', '\u200a', '\u202f', '\u205f', '\v', '\f', '/', '/ /', '-', '−', '－',
  '.', ',', '．', '，', '年', '月', '日', '2025', '０', '９', '12', '1/2', '2025/1/31', '2025年1月', '2025年13月5日', '-1', '−２', 'a', 'x y',
  '\uDC00', '\uD83D', '😀', '\t', '\uFEFF', '\u3000', '《', '》', '（', '）', '·', '、', '：', '；', '！', '？', '\'', '`', '~', '@', '$', '^', '&', '*',
];

const input = fc.array(fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 3, arbitrary: fc.constantFrom(...CHARS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
), { maxLength: 60 }).map((parts) => parts.join(''));

function tokens(r: ReturnType<typeof lex>): unknown {
  const t = (x: { image: string; startOffset: number; tokenType: { name: string } }): string => `${x.tokenType.name}@${x.startOffset}:${JSON.stringify(x.image)}`;
  return { tokens: r.tokens.map(t), comments: r.comments.map(t) };
}

/** Whether the Chevrotain parser crashed on this input (it lost the whole tree). */
function refCrashed(tree: ReturnType<typeof refParse>): boolean {
  return tree.errors.some((e) => /^(TypeError|RangeError)/.test(e.found));
}

function sameParse(text: string): void {
  const ref = refParse(text);
  if (refCrashed(ref)) return;
  assert.deepEqual(JSON.parse(JSON.stringify(parse(text))), JSON.parse(JSON.stringify(ref)), JSON.stringify(text));
}

describe('hand-written lexer and parser = the Chevrotain reference', () => {
  it('the scanner’s list of \\s characters is JavaScript’s', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      assert.equal(JS_WHITESPACE.includes(ch), /\s/.test(ch), `U+${c.toString(16)}`);
    }
  });

  it('the token types are the reference’s, pattern for pattern and in the same order', () => {
    assert.deepEqual(allTokens.map((t) => [t.name, String(t.PATTERN)]), refTokens.map((t) => [t.name, String(t.PATTERN)]));
  });

  it('same tokens and comments on the samples and a generated budget', () => {
    for (const text of [...SAMPLES.map(sample), generateBudget({ seed: 5, lines: 2000 }).text]) {
      assert.deepEqual(tokens(lex(text)), tokens(refLex(text)));
      // The token objects keep Chevrotain's shape.
      const a = lex(text).tokens[0];
      const b = refLex(text).tokens[0];
      assert.deepEqual(Object.keys(a), Object.keys(b));
      assert.equal(a.tokenTypeIdx, a.tokenType.tokenTypeIdx);
    }
  });

  it('same tokens on random input', () => {
    fc.assert(fc.property(input, (text) => {
      assert.deepEqual(tokens(lex(text)), tokens(refLex(text)), JSON.stringify(text));
    }), { numRuns: 2000 });
  });

  it('same trees and errors on the samples, a generated budget and 300 mutations', function () {
    this.timeout(60_000);
    for (const name of SAMPLES) {
      const base = sample(name);
      sameParse(base);
      for (let i = 0; i < 150; i++) sameParse(mutate(5000 + i, base, 1 + (i % 10)));
    }
    sameParse(generateBudget({ seed: 6, lines: 3000 }).text);
  });

  it('same trees and errors on random input', () => {
    fc.assert(fc.property(input, (text) => sameParse(text)), { numRuns: 2000 });
  });

  it('where Chevrotain crashed (three or more blocks open at the end), the tree is kept', () => {
    const text = '单位 甲 {\n  年度 2025\n  项目 乙 {\n    金额 1.00\n    指标 {\n      一级 产出指标\n';
    assert.ok(refCrashed(refParse(text)), 'the reference crashes here (if not, this test is obsolete)');
    const tree = parse(text);
    assert.equal(tree.stmts.length, 1);
    assert.deepEqual(tree.errors.map((e) => [text.slice(e.start, e.end), e.expected.en]), [['{', 'a “}” matching this “{”'], ['{', 'a “}” matching this “{”'], ['{', 'a “}” matching this “{”']]);
    const a = analyze(text);
    assert.equal(a.model.units.length, 1);
    assert.equal(a.model.units[0].projects[0].name.text, '乙');
  });

  it(`nesting deeper than ${MAX_DEPTH} blocks is one clear error, not a stack overflow`, () => {
    const ok = parse('a {'.repeat(MAX_DEPTH) + '}'.repeat(MAX_DEPTH));
    assert.deepEqual(ok.errors, []);
    for (const text of ['{'.repeat(MAX_DEPTH + 1), '单位 甲 {\n# c\n' + 'a {\n'.repeat(100_000) + '# 注释\n']) {
      const tree = parse(text);
      assert.equal(tree.stmts.length, 0);
      assert.equal(tree.errors.length, 1);
      assert.equal(tree.errors[0].expected.en, 'parsable input');
      assert.match(tree.errors[0].found, new RegExp(`deeper than ${MAX_DEPTH}`));
      assert.equal(text[tree.errors[0].start], '{');
      assert.equal(tree.comments.length, (text.match(/#/g) ?? []).length);
      const a = analyze(text);
      assert.deepEqual(a.diagnostics.map((d) => d.code), ['BUD001']);
    }
  });
});
