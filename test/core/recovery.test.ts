import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { renderMessage } from '../../server/src/core/diagnostics';
import { parse } from '../../server/src/core/parser';
import { at, codes, sample } from './util';

describe('syntax errors and recovery', () => {
  const text = [
    '单位 测试单位 {',
    '  年度 2025',
    '  支出 {',
    '    208 社会保障和就业支出 3.00',              // roll-up error: children sum to 2.00
    '    20801 人力资源和社会保障管理事务 人员 1.00',
    '    20805 行政事业单位养老支出 人员 1.00',
    '    2080150 事业运行 人员 1.00 公用',          // syntax: 公用 without amount
    '  }',
    '  三公 {',
    '    公务接待费 1.00 } 多余',                   // syntax: text after }
    '  项目 "未闭合 {',                              // unterminated string
    '    金额 1.00',
    '  }',
    '  %% 奇怪',                                    // stray tokens
    '}',
    '}',                                            // unmatched }
  ].join('\n');
  const a = analyze(text);

  it('reports every syntax error, each with what was expected and what was found', () => {
    const syntax = a.diagnostics.filter((d) => ['BUD001', 'BUD002', 'BUD003', 'BUD004', 'BUD006'].includes(d.code));
    const where = syntax.map((d) => `${d.code}@${at(a, d)}`);
    assert.ok(where.includes('BUD003@公用'), where.join(' '));
    assert.ok(where.includes('BUD001@多余'), where.join(' '));
    assert.ok(where.includes('BUD006@"未闭合 {'), where.join(' '));
    assert.ok(where.some((w) => w.startsWith('BUD002@%')), where.join(' '));
    // The unclosed string swallowed the 项目 block's `{`: its `}` closes the unit, and the last two are stray — one
    // run, one report.
    assert.ok(where.includes('BUD001@}\n}'), where.join(' '));
    const msg = renderMessage(syntax.find((d) => d.code === 'BUD001')!, 'en');
    assert.match(msg, /expected .+, found .+/);
    assert.match(renderMessage(syntax.find((d) => at(a, d) === '}\n}')!, 'en'), /2 unmatched “}”/);
  });

  it('still reports the roll-up error in the untouched part', () => {
    const d = a.diagnostics.find((x) => x.code === 'BUD201');
    assert.ok(d, codes(a).join(' '));
    assert.equal(at(a, d), '3.00');
  });

  it('keeps a partial model', () => {
    assert.equal(a.model.units.length, 1);
    assert.ok(a.figures[0].func.byCode.has('2080150'));
  });

  it('an unclosed block is reported at its “{” and the rest still binds', () => {
    const b = analyze('单位 甲 {\n  年度 2025\n  支出 {\n    208 社会保障和就业支出 2.00 基本 1.00 项目 0.50\n');
    assert.ok(b.diagnostics.some((d) => d.code === 'BUD001' && at(b, d) === '{'));
    assert.ok(b.diagnostics.some((d) => d.code === 'BUD301'));
  });
});

describe('robustness: no input makes the core throw', () => {
  const base = sample('fushun-2025.budget');
  const lines = base.split('\n');
  const alphabet = ['{', '}', '"', '#', '\n', ' ', '单位', '支出', '208', '1,234.56', '人员', '%', '≥', '２０', '2025-12', '\u0000', '\uD800', '项目', '指标', '一级', '合计', '来源', '上年结转', '\r\n'];

  function sane(text: string): void {
    const a = analyze(text);
    let prev = -1;
    for (const d of a.diagnostics) {
      assert.ok(d.start >= 0 && d.end <= text.length && d.start <= d.end, `range ${d.start}-${d.end} in ${text.length}`);
      assert.ok(d.start >= prev, 'sorted');
      prev = d.start;
      renderMessage(d, 'zh-CN');
      renderMessage(d, 'en');
    }
    // Stable between runs.
    assert.deepEqual(analyze(text).diagnostics.map((d) => [d.code, d.start, d.end]), a.diagnostics.map((d) => [d.code, d.start, d.end]));
  }

  it('random text of language fragments', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }), (parts) => sane(parts.join(' '))), { numRuns: 300 });
  });

  it('random unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => sane(s)), { numRuns: 300 });
  });

  it('random edits of the reference sample (deleted, duplicated, swapped lines, cut tokens, inserted characters)', function () {
    this.timeout(60_000);
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('delete'), i: fc.nat(lines.length - 1) }),
      fc.record({ kind: fc.constant('dup'), i: fc.nat(lines.length - 1) }),
      fc.record({ kind: fc.constant('swap'), i: fc.nat(lines.length - 1), j: fc.nat(lines.length - 1) }),
      fc.record({ kind: fc.constant('cut'), i: fc.nat(lines.length - 1), at: fc.nat(60) }),
      fc.record({ kind: fc.constant('insert'), i: fc.nat(lines.length - 1), at: fc.nat(60), s: fc.constantFrom('（', '，', '０', '{', '}', '"', '中', '\t', '\uFEFF', '\u3000', '＝') }),
    );
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
      const ls = [...lines];
      for (const e of edits as Array<Record<string, unknown>>) {
        const i = (e.i as number) % ls.length;
        if (e.kind === 'delete') ls.splice(i, 1);
        else if (e.kind === 'dup') ls.splice(i, 0, ls[i]);
        else if (e.kind === 'swap') {
          const j = (e.j as number) % ls.length;
          [ls[i], ls[j]] = [ls[j], ls[i]];
        } else if (e.kind === 'cut') ls[i] = ls[i].slice(0, e.at as number);
        else ls[i] = ls[i].slice(0, e.at as number) + (e.s as string) + ls[i].slice(e.at as number);
        if (!ls.length) ls.push('');
      }
      sane(ls.join('\n'));
    }), { numRuns: 150 });
  });

  it('parses a very long line without trouble', () => {
    const t = parse('单位 甲 { ' + '208 '.repeat(20000) + '}');
    assert.equal(t.stmts.length, 1);
  });
});
