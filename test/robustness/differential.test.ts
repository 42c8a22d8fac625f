/**
 * The production lexer and parser (server/src/core/lexer.ts, parser.ts, Chevrotain) against an independent
 * hand-written implementation of the same grammar (test/robustness/reference/handwritten-*.ts): both must
 * give exactly the same tokens, trees and errors on the samples, on mutations of them and on random input.
 * Two implementations that agree on thousands of inputs are a strong check of each; the hand-written one
 * also serves as a speed baseline in `npm run bench`.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { generateBudget, Rng } from '../../bench/generate';
import { analyze } from '../../server/src/core/analyze';
import { allTokens, JS_WHITESPACE, lex } from '../../server/src/core/lexer';
import { MAX_DEPTH, parse } from '../../server/src/core/parser';
import { allTokens as refTokens, lex as refLex } from './reference/handwritten-lexer';
import { parse as refParse } from './reference/handwritten-parser';
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

function sameParse(text: string): void {
  const ref = refParse(text);
  assert.deepEqual(JSON.parse(JSON.stringify(parse(text))), JSON.parse(JSON.stringify(ref)), JSON.stringify(text));
}

describe('Chevrotain lexer and parser = an independent hand-written implementation', () => {
  it('the scanner’s list of \\s characters is JavaScript’s', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      assert.equal(JS_WHITESPACE.includes(ch), /\s/.test(ch), `U+${c.toString(16)}`);
    }
  });

  it('the token types are the reference’s, in the same order', () => {
    const real = allTokens.filter((t) => t.name !== 'Item').map((t) => t.name);
    assert.deepEqual(real, refTokens.map((t) => t.name));
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

  it('same trees and errors on large inputs, which are parsed a piece at a time (also when damaged)', function () {
    this.timeout(60_000);
    const big = generateBudget({ seed: 7, lines: 13_000 }).text;
    assert.ok(big.length > 4 * 64 * 1024, 'several pieces');
    sameParse(big);
    // Unbalanced braces and unclosed strings across the piece boundaries.
    for (let i = 0; i < 6; i++) sameParse(mutate(9000 + i, big, 3 + i));
    const lines = big.split('\n');
    sameParse(lines.map((l, k) => (k % 997 === 0 ? l + ' {' : k % 1499 === 0 ? '}' + l : l)).join('\n'));
    sameParse(big.replace(/\n/g, '\r\n'));
  });

  it('same trees, errors and token counts on long lines, which are lexed a window at a time', function () {
    this.timeout(60_000);
    // Lines of over 256 K characters of random fragments: the windows end anywhere (inside dates, numbers,
    // strings, comments, after a glued `#`); the tokens must be those of one pass.
    const rng = new Rng(17);
    const parts = [...FRAGMENTS.filter((f) => !/[\r\n]/.test(f)), ...CHARS.filter((c) => !/[\r\n\u2028\u2029]/.test(c)), '2025年12月', '1,234,567.89', '"a # b"', 'x#y', ' # c', '//', ' // d'];
    for (let i = 0; i < 4; i++) {
      let line = '';
      while (line.length < 300_000 + i * 100_000) line += rng.pick(parts) + (rng.chance(0.5) ? ' ' : '');
      const text = i % 2 ? `单位 甲 {\n  ${line}\n}\n` : line;
      sameParse(text);
      assert.equal(parse(text).tokens, refLex(text).tokens.length + refLex(text).comments.length);
    }
  });

  it('same trees and errors on random input', () => {
    fc.assert(fc.property(input, (text) => sameParse(text)), { numRuns: 2000 });
  });

  it('three or more blocks open at the end (typing inside an 指标 block): the tree is kept', () => {
    const text = '单位 甲 {\n  年度 2025\n  项目 乙 {\n    金额 1.00\n    指标 {\n      一级 产出指标\n';
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
      assert.equal(tree.errors[0].expected.en, `blocks nested at most ${MAX_DEPTH} deep (this is level ${MAX_DEPTH + 1}; the file is not parsed)`);
      assert.equal(tree.errors[0].found, '{');
      assert.equal(text[tree.errors[0].start], '{');
      assert.equal(tree.comments.length, (text.match(/#/g) ?? []).length);
      const a = analyze(text);
      assert.deepEqual(a.diagnostics.map((d) => d.code), ['BUD001']);
    }
  });
});
