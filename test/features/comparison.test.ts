/**
 * The editor features on a 上年比较 block (year-on-year comparisons): hover (本年 computed, 上年, the change and
 * the rate computed exactly, each against what the line writes), completion (the block in a unit, the figures at a
 * line's start, the column words after a figure or a value — a closed set, offered after a typed space too),
 * document symbols, semantic tokens, inlay hints, quick fixes and formatting (columns aligned like other blocks).
 */
import { strict as assert } from 'node:assert';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { applyEdits, codeActions } from '../../server/src/core/features/codeActions';
import { complete } from '../../server/src/core/features/completion';
import { format } from '../../server/src/core/features/format';
import { hover } from '../../server/src/core/features/hover';
import { inlayHints } from '../../server/src/core/features/inlayHints';
import { SEMANTIC_TOKEN_TYPES, semanticTokens } from '../../server/src/core/features/semanticTokens';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { SymbolKind } from '../../server/src/core/features/types';
import { LineIndex } from '../../server/src/core/position';
import { sample } from '../helpers/golden';
import { analysis, at, formatKeepsMeaning, mark, unit } from './util';

const SAMPLE = sample('comparison.budget');
const CHENGGUAN = sample('real-chengguan-2026.budget');

function hoverAt(text: string, needle: string, delta = 1, locale: 'zh-CN' | 'en' = 'zh-CN'): { contents: string; range: string } {
  const { a, offset } = at(mark(text, needle, delta));
  const h = hover(a, offset, locale);
  assert.ok(h, `no hover at ${needle}`);
  assert.ok(h.span.start <= offset && offset <= h.span.end, 'the hover range covers the cursor');
  return { contents: h.contents, range: a.text.slice(h.span.start, h.span.end) };
}

function labels(input: string, trigger?: 'invoke' | 'space'): string[] {
  const { a, offset } = at(input);
  return complete(a, offset, 'zh-CN', { trigger }).items.map((i) => i.label);
}

const CMP = (lines: string): string => unit(`  收入 {\n    一般公共预算 100.00\n  }\n  支出 {\n    208 社会保障和就业支出 人员 100.00\n  }\n  上年比较 {\n${lines}\n  }`);

describe('features: 上年比较 (year-on-year comparisons)', () => {
  it('hover on a line: 本年 computed, 上年, the change and the rate, each against what is written', () => {
    const h = hoverAt(SAMPLE, '收入总计              本年');
    assert.equal(h.range, '收入总计');
    const s = h.contents;
    assert.match(s, /^\*\*收入总计\*\*（与上年比较）/);
    assert.match(s, /\| 本年 \| 2,345\.67 \| 2,345\.67 \| ✓ \|/);
    assert.match(s, /\| 上年 \|  \| 2,365\.46 \| \|/);
    assert.match(s, /\| 增减 \| -19\.79 \| 减少 19\.79 \| ✓ \|/);
    assert.match(s, /\| 增减率 \| -0\.8% \| 下降 0\.8% \| ✓ \|/);
    assert.match(s, /本年数按“收入”计算：2,345\.67 万元（23,456,700\.00 元）/);
    assert.match(s, /金额单位：万元/);
  });

  it('hover on a column covers that column; a wrong change and rate are marked', () => {
    const bad = SAMPLE.replace('减少  19.79  下降   0.8%', '减少  19.97  下降   0.9%');
    assert.notEqual(bad, SAMPLE);
    const c = hoverAt(bad, '19.97', 1);
    assert.equal(c.range, '减少  19.97');
    assert.match(c.contents, /\| 增减 \| -19\.79 \| 减少 19\.97 \| ✗ \|/);
    assert.match(c.contents, /\| 增减率 \| -0\.8% \| 下降 0\.9% \| ✗ \|/);
    assert.equal(hoverAt(SAMPLE, '上年 2,365.46', 4).range, '2,365.46');
    assert.equal(hoverAt(SAMPLE, '下降   0.8%', 1).range, '下降   0.8%');
  });

  it('hover in English; a figure written rounded; 上年 implied by the change; the block’s own money unit', () => {
    const h = hoverAt(CHENGGUAN, '财政拨款              本年', 1, 'en');
    assert.match(h.contents, /^\*\*财政拨款 \(fiscal appropriations\)\*\* \(compared with the previous year\)/);
    assert.match(h.contents, /\| this year \| 4,748\.3458 \| 4,748\.35 \| ≈ rounded \|/);
    assert.match(h.contents, /\| last year \| 4,768\.14 \(from this year and the change\) \|  \| \|/);
    assert.match(h.contents, /This year's figure is computed from income: 4,748\.3458 万元 \(47,483,458\.00 元\)/);
    assert.match(h.contents, /Amounts in 万元 \(this block's own unit; the unit's is 元\)/);
  });

  it('hover on a figure the tables do not give says why', () => {
    const s = hoverAt(unit('  上年比较 {\n    三公 上年 13.00 增减 -1.00\n  }'), '三公', 1).contents;
    assert.match(s, /\| 本年 \| — \|/);
    assert.match(s, /本年数无法计算：本单位没有“三公”块/);
  });

  it('completion: the block in a unit; the figures at a line’s start (those written elsewhere left out)', () => {
    assert.ok(labels(unit('  ¦')).includes('上年比较'));
    const start = labels(CMP('    收入总计 上年 90.00\n    ¦'));
    for (const w of ['支出总计', '一般公共预算', '基本支出', '三公', '公务接待费', '机关运行经费', '政府采购']) assert.ok(start.includes(w), w);
    assert.ok(!start.includes('收入总计'), 'a figure already compared is not offered again');
    assert.deepEqual(labels(CMP('    ¦')).slice(0, 3), ['收入总计', '本年收入合计', '财政拨款']);
  });

  it('completion: the columns after the figure and after a value (also on a typed space: a closed set), not after a column word', () => {
    assert.deepEqual(labels(CMP('    收入总计 ¦'), 'space'), ['本年', '上年', '增减', '增加', '减少', '持平', '增幅', '增长', '下降']);
    assert.deepEqual(labels(CMP('    收入总计 本年 100.00 上年 90.00 ¦'), 'space'), ['增减', '增加', '减少', '持平', '增幅', '增长', '下降']);
    assert.deepEqual(labels(CMP('    收入总计 上年 90.00 增加 10.00 ¦'), 'space'), ['本年', '增幅', '增长', '下降']);
    assert.deepEqual(labels(CMP('    收入总计 上年 90.00 下降 0.8% ¦'), 'space'), ['本年', '增减', '增加', '减少', '持平']);
    assert.deepEqual(labels(CMP('    收入总计 上年 90.00 持平 ¦'), 'space'), ['本年', '增幅', '增长', '下降']);
    assert.deepEqual(labels(CMP('    收入总计 上年 ¦'), 'space'), [], 'an amount comes next');
    assert.deepEqual(labels(CMP('    收入总计 上年 ¦')), [], 'an amount comes next (invoked)');
    assert.deepEqual(labels(CMP('    ¦'), 'space'), [], 'a line start is not constrained');
    const { a, offset } = at(CMP('    收入总计 ¦'));
    const item = complete(a, offset, 'en').items.find((i) => i.label === '增减')!;
    assert.equal(item.kind, 'column');
    assert.match(item.detail!, /this year − last year/);
  });

  it('document symbols: the block with one entry per compared figure', () => {
    const u = documentSymbols(analysis(SAMPLE), 'zh-CN')[0];
    const b = u.children.find((c) => c.name === '上年比较')!;
    assert.ok(b);
    assert.equal(b.kind, SymbolKind.Object);
    assert.equal(b.detail, '15 项');
    assert.deepEqual(b.children.slice(0, 2).map((c) => [c.name, c.detail]), [['收入总计', '上年 2,365.46'], ['一般公共预算', '上年 2,245.46']]);
    const cg = documentSymbols(analysis(CHENGGUAN), 'en')[0].children.find((c) => c.name === '上年比较')!;
    assert.deepEqual(cg.children[0].name, '财政拨款 (fiscal appropriations)');
    assert.deepEqual(cg.children[0].detail, '减少 19.79');
    for (const c of b.children) assert.ok(b.span.start <= c.span.start && c.span.end <= b.span.end);
  });

  it('semantic tokens: the block word, the figure and the column words are keywords; values numbers', () => {
    const text = CMP('    收入总计 本年 100.00 上年 90.00 增加 10.00 增长 11.1%');
    const toks = semanticTokens(analyze(text)).map((t) => [text.slice(t.start, t.start + t.length), SEMANTIC_TOKEN_TYPES[t.type]]);
    const of = (s: string): string | undefined => toks.find((x) => x[0] === s)?.[1];
    for (const w of ['上年比较', '收入总计', '本年', '上年', '增加', '增长']) assert.equal(of(w), 'keyword', w);
    assert.equal(of('90.00'), 'number');
    assert.equal(of('11.1'), 'number');
    assert.equal(of('%'), 'type');
  });

  it('inlay hints: this year’s figure after a line without 本年; ✓, ≈ (rounded) or ✗ after a written one', () => {
    const text = CMP('    收入总计 上年 90.00\n    支出总计 本年 100.00 上年 90.00\n    一般公共预算 本年 101.00 上年 90.00');
    const idx = new LineIndex(text);
    const h = inlayHints(analyze(text), undefined, 'zh-CN').filter((x) => x.offset > text.indexOf('上年比较')).map((x) => {
      const p = idx.position(x.offset);
      return `${idx.lineText(p.line).slice(0, p.character).trim()} ⟨${x.label}⟩`;
    });
    assert.deepEqual(h, ['收入总计 ⟨本年 100.00⟩', '支出总计 本年 100.00 ⟨✓⟩', '一般公共预算 本年 101.00 ⟨✗ +1.00⟩']);
    const cg = inlayHints(analyze(CHENGGUAN), undefined, 'zh-CN').find((x) => x.offset === CHENGGUAN.indexOf('4,748.35') + '4,748.35'.length)!;
    assert.equal(cg.label, '≈ +0.0042');
  });

  it('quick fixes: each check’s fix is offered and applying it leaves the line clean', () => {
    const text = CMP('    收入总计 本年 101.00 上年 110.00 增加 10.00 增长 9.1%');
    const a: Analysis = analyze(text);
    let fixed = text;
    for (const code of ['BUD520', 'BUD521', 'BUD522']) {
      const d = a.diagnostics.find((x) => x.code === code)!;
      assert.ok(d, code);
      const acts = codeActions(a, d.start, d.end, 'zh-CN').filter((x) => x.diagnostics?.includes(d));
      assert.ok(acts.length >= 1 && acts[0].isPreferred, code);
      fixed = applyEdits(fixed, acts[0].edits);
    }
    assert.ok(fixed.includes('收入总计 本年 100.00 上年 110.00 减少 10.00 下降 9.1%'), fixed);
    assert.deepEqual(analyze(fixed).diagnostics.map((d) => d.code), []);
  });

  it('formatting aligns the columns (a value of several items, a label alone), idempotent, meaning kept', () => {
    const text = unit([
      '  上年比较 {',
      '  收入总计 本年 2,345.67 上年 2,365.46 减少 19.79 下降 0.8%',
      '      三公 上年 13.00  增减 +1.00 增幅 8.3 %',
      '    公务接待费  本年 4.00 上年 4.00 持平',
      '    政府采购 上年 100.00   增加 50.00  增长  50%   # 新增采购',
      '  }',
    ].join('\n'));
    const out = applyEdits(text, format(analyze(text)));
    assert.deepEqual(out.split('\n').slice(3, 9), [
      '  上年比较 {',
      '    收入总计    本年 2,345.67  上年 2,365.46  减少 19.79  下降  0.8%',
      '    三公                       上年    13.00  增减 +1.00  增幅 8.3 %',
      '    公务接待费  本年     4.00  上年     4.00  持平',
      '    政府采购                   上年   100.00  增加 50.00  增长   50%  # 新增采购',
      '  }',
    ]);
    assert.deepEqual(format(analyze(out)), []);
    assert.ok(out.split('\n').every((l) => !/[ \t]$/.test(l)), 'no trailing whitespace');
  });

  it('formatting never changes meaning and is idempotent on edited 上年比较 blocks (property)', function () {
    this.timeout(120000);
    const base = SAMPLE.slice(SAMPLE.indexOf('单位'));
    const pieces = ['{', '}', ' ', '\n', '本年', '上年', '增减', '增加', '持平', '增幅', '下降', '%', '+', '-', '12', '3.5', '1,234', '收入总计', '三公', '#'];
    formatKeepsMeaning(base, pieces, ['span', 'codeSpan', 'keySpan', 'headerSpan', 'labelSpan', 'currentLabel', 'previousLabel', 'start', 'end', 'yearSpan'], base.indexOf('上年比较 {'));
  });
});
