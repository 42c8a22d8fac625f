/**
 * The editor features on a 收入科目 block (income by function code): hover (the row's figures per column with
 * their roll-up and row checks, its children and the 支出 total of its code), inlay hints (✓/✗ after declared
 * totals, computed totals where none is written), document symbols, completion, semantic tokens, formatting and
 * navigation between a code's rows in 支出 and 收入科目.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits, codeActions } from '../../server/src/core/features/codeActions';
import { complete } from '../../server/src/core/features/completion';
import { format } from '../../server/src/core/features/format';
import { hover } from '../../server/src/core/features/hover';
import { inlayHints } from '../../server/src/core/features/inlayHints';
import { references, rename } from '../../server/src/core/features/navigation';
import { SEMANTIC_TOKEN_TYPES, semanticTokens } from '../../server/src/core/features/semanticTokens';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { SymbolKind, type DocumentSymbol } from '../../server/src/core/features/types';
import * as F from '../../server/src/core/features';
import { buildTables } from '../../server/src/core/tables';
import { LineIndex } from '../../server/src/core/position';
import { sample } from '../helpers/golden';
import { analysis, at, formatKeepsMeaning, mark, unit } from './util';

const SAMPLE = sample('income-by-function.budget');

function hoverAt(text: string, needle: string, delta = 1, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const { a, offset } = at(mark(text, needle, delta));
  const h = hover(a, offset, locale);
  assert.ok(h, `no hover at ${needle}`);
  assert.ok(h.span.start <= offset && offset <= h.span.end, 'the hover range covers the cursor');
  return h.contents;
}

/** Hints as `line text … ⟨label⟩`. */
function hints(text: string): string[] {
  const a = analysis(text);
  const idx = new LineIndex(text);
  return inlayHints(a, undefined, 'zh-CN').map((h) => {
    const p = idx.position(h.offset);
    return `${idx.lineText(p.line).slice(0, p.character).trim()} ⟨${h.label}⟩`;
  });
}

function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  assert.ok(i >= 0 && text.indexOf(from, i + 1) < 0, `not exactly one occurrence of ${from}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

describe('features: 收入科目 (income by function)', () => {
  it('hover on a code: figures per column with their checks, children, the 支出 total, shares', () => {
    const s = hoverAt(SAMPLE, '212 城乡社区支出                            820.00  财政拨款收入');
    assert.match(s, /^\*\*212 城乡社区支出\*\*（收入科目 · 类）/);
    assert.match(s, /\| 合计 \| 820\.00 \| 820\.00 \| 下级 ✓ · 本行 ✓ \|/);
    assert.match(s, /\| 财政拨款收入 \| 720\.00 \| 720\.00 \| 下级 ✓ · 本行 ✓ \|/);
    assert.match(s, /\| 一般公共预算 \| 660\.00 \| 660\.00 \| 下级 ✓ \|/);
    assert.match(s, /\| 单位资金 \| 100\.00 \|  \|  \|/, 'a subtotal the row does not write is computed');
    assert.match(s, /\| 21201 \| 城乡社区管理事务 \| 760\.00 \| 660\.00 \| 660\.00 \|  \| 90\.00 \| 10\.00 \|/);
    assert.match(s, /支出 212 合计 820\.00 ✓/);
    assert.match(s, /合计 820\.00 万元（8,200,000\.00 元） · 占全部 83\.67%/);
  });

  it('hover on a cell: the column declared against its children and its row', () => {
    const s = hoverAt(SAMPLE, '财政拨款收入 720.00', 8);
    assert.match(s, /财政拨款收入 声明 720\.00：下级合计 720\.00 ✓；本行 一般公共预算 \+ 政府性基金预算 = 720\.00 ✓/);
    const bad = replaceOnce(SAMPLE, '212 01 04 城管执法                          260.00', '212 01 04 城管执法                          261.00');
    const b = hoverAt(bad, '261.00', 2);
    assert.match(b, /合计 声明 261\.00：本行 财政拨款收入 \+ 事业收入 \+ 其他收入 = 260\.00 ✗ \+1\.00/);
    assert.match(b, /支出 2120104 合计 260\.00 ✗ \+1\.00/);
  });

  it('hover in English, and on the 合计 row', () => {
    const s = hoverAt(SAMPLE, '212 01 04 城管执法                          260.00', 12, 'en');
    assert.match(s, /^\*\*2120104 城管执法\*\* \(income by function, item\)/);
    assert.match(s, /\| total \| 260\.00 \| 260\.00 \| row ✓ \|/);
    assert.match(s, /Expenditure 2120104 total 260\.00 ✓/);
    assert.doesNotMatch(s, /[：（），；]/, 'no Chinese punctuation in the English text');
    const t = hoverAt(SAMPLE, '合计                                        980.00');
    assert.match(t, /^\*\*收入科目合计\*\*/);
    assert.match(t, /\| 208 \| 社会保障和就业支出 \| 160\.00 \|/);
    assert.match(t, /支出合计 980\.00 ✓/);
  });

  it('hover in a block with its own 金额单位 shows figures in it, with a note', () => {
    const text = unit('  收入科目 {\n    金额单位 元\n    208 社会保障和就业支出 150000 一般公共预算 100000 事业收入 50000\n  }');
    const s = hoverAt(text, '208 社会');
    assert.match(s, /\| 合计 \| 150,000\.00 \| 150000 \| 本行 ✓ \|/);
    assert.match(s, /金额单位：元（本块自定；本单位为 万元）/);
  });

  it('inlay hints: ✓ after checked totals, ✗ after a wrong one, computed 合计 where none is written', () => {
    const h = hints(SAMPLE);
    assert.ok(h.includes('合计                                        980.00 ⟨✓⟩'), h.join('\n'));
    assert.ok(h.includes('212 城乡社区支出                            820.00  财政拨款收入 720.00 ⟨✓⟩'));
    assert.ok(!h.some((x) => x.includes('✗') || x.includes('≈')), 'the sample agrees everywhere (支出 rows of split codes included)');
    assert.ok(!h.some((x) => x.startsWith('212 01 01 行政运行                          500.00  财政拨款收入 500.00  一般公共预算 500.00 ⟨')), 'a leaf’s sources are facts, not checked totals');
    const bad = hints(replaceOnce(SAMPLE, '212 01 04 城管执法                          260.00', '212 01 04 城管执法                          261.00'));
    assert.ok(bad.includes('212 01 04 城管执法                          261.00 ⟨✗ +1.00⟩'), bad.join('\n'));
    const authoring = hints(unit('  收入科目 {\n    208 社会保障和就业支出\n    2080505 一般公共预算 100.00 事业收入 20.00\n    2080506 一般公共预算 5.00\n  }'));
    assert.deepEqual(authoring, ['收入科目 { ⟨合计 125.00⟩', '208 社会保障和就业支出 ⟨= 125.00⟩', '2080505 一般公共预算 100.00 事业收入 20.00 ⟨= 120.00⟩']);
  });

  it('document symbols: the block with its rows nested by code and the 合计 row', () => {
    const u = documentSymbols(analysis(SAMPLE), 'zh-CN')[0];
    assert.deepEqual(u.children.map((c) => c.name), ['收入', '收入科目', '支出']);
    const inc = u.children[1];
    assert.equal(inc.kind, SymbolKind.Struct);
    assert.equal(inc.detail, '980.00');
    const outline = (s: DocumentSymbol): unknown => (s.children.length ? { [`${s.name} ${s.detail ?? ''}`]: s.children.map(outline) } : `${s.name} ${s.detail ?? ''}`);
    assert.deepEqual(inc.children.map(outline), [
      '合计 980.00',
      { '208 社会保障和就业支出 160.00': [{ '20805 行政事业单位养老支出 160.00': ['2080505 机关事业单位基本养老保险缴费支出 100.00', '2080506 机关事业单位职业年金缴费支出 60.00'] }] },
      { '212 城乡社区支出 820.00': [{ '21201 城乡社区管理事务 760.00': ['2120101 行政运行 500.00', '2120104 城管执法 260.00'] }, { '21205 城乡社区环境卫生 60.00': ['2120501 城乡社区环境卫生 60.00'] }] },
    ]);
    const check = (s: DocumentSymbol): void => {
      for (const c of s.children) {
        assert.ok(s.span.start <= c.span.start && c.span.end <= s.span.end, `${c.name} inside ${s.name}`);
        check(c);
      }
    };
    check(inc);
  });

  it('completion: the section in a unit; 合计 and codes (支出’s first) at a row’s start; columns not yet written; sources after 上年结转', () => {
    const labels = (input: string): string[] => {
      const { a, offset } = at(input);
      return complete(a, offset, 'zh-CN').items.map((i) => i.label);
    };
    const inUnit = labels(unit('  ¦'));
    assert.ok(inUnit.includes('收入科目'));
    const func = '  支出 {\n    221 住房保障支出\n    22102 住房改革支出\n    2210201 住房公积金 人员 5.00\n  }\n';
    const start = labels(unit(`${func}  收入科目 {\n    ¦\n  }`));
    assert.equal(start[0], '合计');
    assert.deepEqual(start.slice(1, 4), ['221 住房保障支出', '22102 住房改革支出', '2210201 住房公积金'], 'the codes listed under 支出 come first');
    const cols = labels(unit('  收入科目 {\n    2080505 机关事业单位基本养老保险缴费支出 合计 5.00 一般公共预算 5.00 ¦\n  }'));
    for (const w of ['财政拨款收入', '政府性基金预算', '事业收入', '其他收入', '单位资金', '上年结转']) assert.ok(cols.includes(w), w);
    assert.ok(!cols.includes('一般公共预算') && !cols.includes('合计'), 'columns already written are not offered again');
    assert.ok(!cols.includes('基本'), 'no expenditure columns');
    const carried = labels(unit('  收入科目 {\n    2080505 5.00 上年结转 ¦\n  }'));
    assert.ok(carried.includes('一般公共预算') && carried.includes('财政拨款收入') && !carried.includes('合计'));
    assert.deepEqual(labels(unit('  收入科目 {\n    2080505 5.00 事业收入 ¦\n  }')), [], 'an amount comes next');
  });

  it('semantic tokens: 合计 and 上年结转 keywords, sources and codes enum members, names variables', () => {
    const text = unit('  收入科目 {\n    合计 5.00 一般公共预算 5.00\n    208 05 社会保障 5.00 财政拨款收入 5.00 上年结转 事业收入 0\n  }');
    const toks = semanticTokens(analyze(text)).map((t) => [text.slice(t.start, t.start + t.length), SEMANTIC_TOKEN_TYPES[t.type]]);
    const of = (s: string, n = 0): string | undefined => toks.filter((x) => x[0] === s)[n]?.[1];
    assert.equal(of('收入科目'), 'keyword');
    assert.equal(of('合计'), 'keyword');
    assert.equal(of('一般公共预算'), 'enumMember');
    assert.equal(of('208'), 'enumMember');
    assert.equal(of('05'), 'enumMember');
    assert.equal(of('社会保障'), 'variable');
    assert.equal(of('财政拨款收入'), 'keyword');
    assert.equal(of('上年结转'), 'keyword');
    assert.equal(of('事业收入'), 'enumMember');
    assert.equal(of('5.00', 2), 'number');
  });

  it('formatting aligns the columns by label (上年结转 with its source), idempotent, meaning kept', () => {
    const text = unit([
      '  收入科目 {',
      '  合计 15.00 一般公共预算 10.00   事业收入 5.00',
      '      208 社会保障和就业支出 15.00 一般公共预算 10.00 上年结转  事业收入 5.00',
      '    2080505 机关事业单位基本养老保险缴费支出 15.00  事业收入 5.00',
      '  }',
    ].join('\n'));
    const out = applyEdits(text, format(analyze(text)));
    assert.deepEqual(out.split('\n').slice(3, 7), [
      '  收入科目 {',
      '    合计                                      15.00  一般公共预算 10.00  事业收入 5.00',
      '    208 社会保障和就业支出                    15.00  一般公共预算 10.00                 上年结转 事业收入 5.00',
      '    2080505 机关事业单位基本养老保险缴费支出  15.00                      事业收入 5.00',
    ]);
    assert.deepEqual(format(analyze(out)), []);
  });

  it('formatting never changes meaning and is idempotent on edited 收入科目 blocks (property)', function () {
    this.timeout(120000);
    const base = SAMPLE.slice(SAMPLE.indexOf('单位'), SAMPLE.indexOf('  # 表3')) + '}\n';
    const pieces = ['{', '}', ' ', '\n', '合计', '上年结转', '财政拨款收入', '一般公共预算', '事业收入', '来源', '基本', '12', '3.5', '1,234', '208 05', '#'];
    formatKeepsMeaning(base, pieces, ['span', 'codeSpan', 'keySpan', 'headerSpan', 'start', 'end', 'yearSpan']);
  });

  it('code actions on BUD202: the computed sum, or the difference put on one child row (its column and the totals above it)', () => {
    // The parent's 合计 is not written: its 一般公共预算 alone disagrees (with its 合计 written too, that column
    // would fail through the 合计, reported once there).
    const text = unit('  收入科目 {\n    208 社会保障和就业支出 一般公共预算 10.00\n    20801 人力资源和社会保障管理事务 4.00 一般公共预算 4.00\n    20805 行政事业单位养老支出 5.00 一般公共预算 5.00\n  }');
    const a = analyze(text);
    const d = a.diagnostics.filter((x) => x.code === 'BUD202');
    assert.deepEqual(d.map((x) => a.text.slice(x.start, x.end)), ['10.00']);
    const actions = codeActions(a, d[0].start, d[0].end, 'zh-CN');
    assert.deepEqual(actions.map((x) => x.title), ['改为计算值 9.00', '把差额 1.00 计入 20801 人力资源和社会保障管理事务（一般公共预算改为 5.00）', '把差额 1.00 计入 20805 行政事业单位养老支出（一般公共预算改为 6.00）']);
    const fixed = applyEdits(text, actions[1].edits);
    assert.match(fixed, /20801 人力资源和社会保障管理事务 5\.00 一般公共预算 5\.00/);
    assert.deepEqual(analyze(fixed).diagnostics.filter((x) => x.severity === 'error'), []);
  });

  it('navigation: a function code’s references include its 收入科目 row; rename renames both', () => {
    const { a, offset } = at(mark(SAMPLE, '212 01 04 城管执法                                                                            项目 160.00', 8));
    assert.equal(a.text.slice(offset - 1, offset + 1), '04');
    const refs = references(a, offset, true).map((r) => a.text.slice(r.start, r.end));
    assert.deepEqual(refs, ['212 01 04', '212 01 04', '212 01 04', '212 01 04']);
    const r = rename(a, offset, '2120105', 'zh-CN');
    assert.ok('edits' in r && r.edits);
    const renamed = applyEdits(a.text, r.edits!);
    assert.equal((renamed.match(/2120105/g) ?? []).length, 4);
    assert.equal(analyze(renamed).diagnostics.filter((d) => d.severity === 'error').length, 0);
    const clash = rename(a, offset, '2120101', 'zh-CN');
    assert.ok('error' in clash && clash.error);
  });

  it('no feature throws on damaged 收入科目 blocks, at any offset, and the tables build (property)', function () {
    this.timeout(600000);
    const pieces = ['{', '}', ' ', '\n', '#', '12', '3.5', '合计', '总计', '上年结转', '财政拨款收入', '一般公共预算', '事业收入', '来源', '基本', '208 05', '2080505', '收入科目 {', '金额单位 元', 'constructor', '"a'];
    const edit = fc.record({ at: fc.nat({ max: SAMPLE.length }), del: fc.nat({ max: 12 }), ins: fc.array(fc.constantFrom(...pieces), { maxLength: 4 }) });
    fc.assert(fc.property(fc.array(edit, { maxLength: 5 }), fc.array(fc.nat({ max: SAMPLE.length }), { minLength: 1, maxLength: 6 }), (edits, offsets) => {
      let text = SAMPLE;
      for (const e of edits) {
        const p = Math.min(e.at, text.length);
        text = text.slice(0, p) + e.ins.join('') + text.slice(p + e.del);
      }
      const a = analyze(text);
      const inside = (s: { start: number; end: number }): void => assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, JSON.stringify(s));
      for (const raw of offsets) {
        const o = Math.min(raw, text.length);
        const h = F.hover(a, o, 'en');
        if (h) inside(h.span);
        for (const i of F.complete(a, o, 'zh-CN').items) inside(i.range);
        F.references(a, o, true).forEach(inside);
        for (const ca of F.codeActions(a, o, Math.min(text.length, o + 20), 'zh-CN', { budgetMs: 50 })) ca.edits.forEach(inside);
      }
      F.inlayHints(a, undefined, 'zh-CN').forEach((x) => assert.ok(x.offset >= 0 && x.offset <= text.length));
      const walk = (s: DocumentSymbol): void => {
        inside(s.span);
        inside(s.selection);
        s.children.forEach(walk);
      };
      F.documentSymbols(a, 'zh-CN').forEach(walk);
      F.semanticTokens(a).forEach((t) => inside({ start: t.start, end: t.start + t.length }));
      F.format(a).forEach(inside);
      for (const t of buildTables(a)) for (const r of t.rows) assert.ok(r.every((c) => c.span === undefined || (c.span.start >= 0 && c.span.end <= text.length)));
    }), { numRuns: Number(process.env.FC_RUNS ?? 150), seed: Number(process.env.FC_SEED ?? 31) });
  });
});
