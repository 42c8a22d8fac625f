/**
 * The editor features on a 说明 block: hover on a figure shows the table figure it was compared with (the check's
 * record), inlay hints mark each figure ✓, ≈ or ✗ (a truncated one too), semantic tokens highlight a code line.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analyze';
import { hover } from '../../server/src/core/features/hover';
import { inlayHints } from '../../server/src/core/features/inlayHints';
import { SEMANTIC_TOKEN_TYPES, semanticTokens } from '../../server/src/core/features/semanticTokens';
import { unit } from './util';

/** A unit in 元 (1,234,567 元 of income and of 208 spending) whose 说明 is in 万元. */
const DOC = (lines: string): string => unit(
  `  收入 {\n    一般公共预算 1,234,567\n  }\n  支出 {\n    208 社会保障和就业支出 人员 1,234,567\n  }\n  说明 {\n    金额单位 万元\n${lines}\n  }`,
  '年度 2025\n  金额单位 元',
);

describe('features: 说明 (the explanatory text as published)', () => {
  it('hover on a code line’s figure: the code’s total in 支出 it was compared with, and the check', () => {
    const text = DOC('    208 社会保障和就业支出 123.46');
    const a = analyze(text);
    const offset = text.indexOf('123.46') + 2;
    const h = hover(a, offset, 'zh-CN');
    assert.ok(h);
    assert.equal(text.slice(h.span.start, h.span.end), '123.46', 'the hover covers the figure');
    assert.match(h.contents, /科目 208 社会保障和就业支出/);
    assert.match(h.contents, /123\.4567/, 'the computed figure from the tables');
    assert.match(h.contents, /支出 208/, 'where it comes from');
    assert.match(h.contents, /≈/, 'agrees within the rounding of its last digit');
  });

  it('inlay hints: ✓ exact, ≈ rounded, ✗ wrong or truncated', () => {
    const text = DOC('    收入总计 123.46\n    208 社会保障和就业支出 123.45\n    支出总计 1,023.46');
    const a = analyze(text);
    const hints = inlayHints(a, undefined, 'zh-CN').filter((x) => x.offset > text.indexOf('说明'));
    const after = (needle: string): string | undefined => hints.find((x) => x.offset === text.indexOf(needle) + needle.length)?.label;
    assert.match(after('收入总计 123.46') ?? '', /^≈/);
    assert.match(after('社会保障和就业支出 123.45') ?? '', /^✗/);
    assert.match(after('支出总计 1,023.46') ?? '', /^✗/);
    assert.deepEqual(a.diagnostics.map((d) => d.code).sort(), ['BUD520', 'BUD530']);
  });

  it('semantic tokens: a code line’s code, name and columns', () => {
    const text = DOC('    208 社会保障和就业支出 123.46 上年 100.00 增长 23.46%');
    const from = text.indexOf('说明 {');
    const toks = semanticTokens(analyze(text)).filter((t) => t.start > from).map((t) => [text.slice(t.start, t.start + t.length), SEMANTIC_TOKEN_TYPES[t.type]]);
    const of = (s: string): string | undefined => toks.find((x) => x[0] === s)?.[1];
    assert.equal(of('208'), 'enumMember');
    assert.equal(of('社会保障和就业支出'), 'variable');
    for (const w of ['上年', '增长']) assert.equal(of(w), 'keyword', w);
    assert.equal(of('123.46'), 'number');
  });
});
