/**
 * 收入科目: income by function code and funding source (表2 收入预算总表 as Shanghai publishes it). Binding of
 * both code styles, column labels and per-block 金额单位; the precise diagnostics of malformed rows; the row
 * identities (BUD303), the roll-ups per column (BUD202), the identities with 支出 and 收入 (BUD510) and the codes
 * listed on one side only (BUD511); the sample checks clean and every amount of its block is load-bearing.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { incomeFuncKey } from '../../server/src/core/compute';
import { renderMessage } from '../../server/src/core/diagnostics';
import { reanalyze } from '../../server/src/core/incremental';
import { formatMoney, parseMoney } from '../../server/src/core/money';
import { at, codes, errors, ROOT, sample, unit } from './util';

const INC = (rows: string, head = ''): string => `  收入科目 {\n${head}${rows}\n  }`;
const FUNC = '  支出 {\n    208 社会保障和就业支出\n    20805 行政事业单位养老支出\n    2080505 机关事业单位基本养老保险缴费支出 人员 100.00\n    2080505 机关事业单位基本养老保险缴费支出 来源 事业收入 人员 20.00\n  }';
const INCOME = '  收入 {\n    一般公共预算 100.00\n    事业收入 20.00\n  }';
const ROWS = [
  '    合计 120.00 一般公共预算 100.00 事业收入 20.00',
  '    208 社会保障和就业支出 120.00 一般公共预算 100.00 事业收入 20.00',
  '    208 05 行政事业单位养老支出 120.00 一般公共预算 100.00 事业收入 20.00',
  '    208 05 05 机关事业单位基本养老保险缴费支出 合计 120.00 一般公共预算 100.00 事业收入 20.00',
].join('\n');
const GOOD = unit(`${INCOME}\n${INC(ROWS)}\n${FUNC}`);

/** `code text` of every diagnostic of a severity. */
function found(a: Analysis, severity = 'error'): string[] {
  return a.diagnostics.filter((d) => d.severity === severity).map((d) => `${d.code} ${at(a, d)}`);
}

/** The text at a span. */
function slice(a: Analysis, s: { start: number; end: number }): string {
  return a.text.slice(s.start, s.end);
}

function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  assert.ok(i >= 0 && text.indexOf(from, i + 1) < 0, `not exactly one occurrence of ${from}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

describe('收入科目: binding', () => {
  it('the consistent block checks clean (codes in columns and joined, a 合计 row, labelled and bare 合计)', () => {
    const a = analyze(GOOD);
    assert.deepEqual(a.diagnostics.map((d) => `${d.code} ${at(a, d)}`), []);
    const sec = a.model.units[0].incomeFunc!;
    assert.deepEqual(sec.rows.map((r) => r.code), ['208', '20805', '2080505']);
    assert.equal(sec.total?.isTotal, true);
    assert.deepEqual(sec.rows[2].cells.map((c) => [incomeFuncKey(c), c.amount?.text, slice(a, c.keySpan)]), [
      ['收入总计', '120.00', '合计'], ['本年:一般公共预算', '100.00', '一般公共预算'], ['本年:事业收入', '20.00', '事业收入'],
    ]);
    // The unlabelled first amount is the 合计; its key span is the amount itself.
    assert.equal(incomeFuncKey(sec.rows[0].cells[0]), '收入总计');
    assert.equal(sec.rows[0].cells[0].keySpan.start, sec.rows[0].cells[0].amount!.span.start);
    assert.equal(sec.rows[2].name?.text, '机关事业单位基本养老保险缴费支出');
  });

  it('codes written whole or in columns bind the same; a name is optional', () => {
    const a = analyze(unit(INC('    2080505 10.00\n    208 05 06 机关事业单位职业年金缴费支出 5.00\n    208 05 10.00\n    208 5.00')));
    assert.deepEqual(a.model.units[0].incomeFunc!.rows.map((r) => [r.code, r.name?.text, r.cells[0]?.amount?.text]), [
      ['2080505', undefined, '10.00'], ['2080506', '机关事业单位职业年金缴费支出', '5.00'], ['20805', undefined, '10.00'], ['208', undefined, '5.00'],
    ]);
    assert.ok(codes(a).includes('BUD202'), '208 (5) ≠ its child 20805 (10)');
  });

  it('column words: 财政拨款收入/财政拨款 the subtotal, source spellings, 单位资金, 上年结转 alone and before a source', () => {
    const a = analyze(unit(INC('    208 合计 9 财政拨款 5 一般公共预算拨款收入 3 政府性基金 2 单位资金 1 经营收入 1 上年结转 3 结转 一般公共预算 3')));
    const row = a.model.units[0].incomeFunc!.rows[0];
    assert.deepEqual(row.cells.map(incomeFuncKey), ['收入总计', '本年:财政拨款', '本年:一般公共预算', '本年:政府性基金预算', '本年:单位资金', '本年:事业单位经营收入', '上年结转结余', '上年结转:一般公共预算']);
    assert.deepEqual(found(a), []);
    const b = analyze(unit(INC('    208 合计 10 财政拨款收入 5 单位资金 5')));
    assert.deepEqual(found(b), []);
  });

  it('the section’s aliases: 收入功能分类, 收入预算总表, 部门收入预算总表', () => {
    for (const w of ['收入功能分类', '收入预算总表', '部门收入预算总表', '收入功能分类科目']) {
      const a = analyze(unit(`  ${w} {\n    2080505 10.00\n  }`));
      assert.equal(a.model.units[0].incomeFunc?.rows.length, 1, w);
    }
  });

  it('a block’s own 金额单位: amounts read in it, compared exactly with 支出 and 收入 in the unit’s', () => {
    const inYuan = unit(`${INCOME}\n${INC(ROWS.replace(/(\d+)\.00/g, '$10000'), '    金额单位 元\n')}\n${FUNC}`);
    const a = analyze(inYuan);
    assert.deepEqual(found(a), [], '1,200,000 元 = 120.00 万元');
    const row = a.model.units[0].incomeFunc!.rows[0];
    assert.equal(row.cells[0].amount!.unit, '元');
    assert.equal(row.cells[0].amount!.value, parseMoney('120', '万元'));
    const off = analyze(replaceOnce(inYuan, '208 社会保障和就业支出 1200000', '208 社会保障和就业支出 1200001'));
    // The 合计 row agrees with what 208's own items add up to: the fault is 208's, reported there once (as a roll-up),
    // not again on the 合计 row nor against 支出, whose 208 its items agree with: that shows as related information.
    assert.deepEqual(found(off), ['BUD202 1200001']);
    const [on208] = off.diagnostics;
    assert.equal(renderMessage(on208, 'zh-CN'), '收入科目 208 社会保障和就业支出的合计为 1200001，下级合计为 1,200,000.00，相差 1.00', 'figures in the block’s own unit');
    assert.equal(on208.fixes?.[0].edits[0].newText, '1200000', 'the fix writes the block’s unit, in the amount’s style');
    const cross = on208.related?.find((r) => r.message.zh.includes('支出 208 的合计'));
    assert.ok(cross, 'the disagreement with 支出 is related information');
    const funcRow = off.model.units[0].func!.rows.find((r) => r.code === '208')!;
    assert.deepEqual([cross.start, cross.end], [funcRow.codeSpan.start, funcRow.codeSpan.end], 'at 支出’s 208');
    assert.equal(cross.message.zh, '受此影响：收入科目 208 社会保障和就业支出的合计所写的 1200001 与此处的支出 208 的合计相差 1');
    assert.equal(cross.message.en, 'Follows from it: income by function, code 208 社会保障和就业支出 (its total), written 1200001, is off by 1 from the expenditure total of 208 (here)');
    assert.ok(codes(analyze(unit(INC('    2080505 10.00', '    金额单位 千元\n')))).includes('BUD802'));
  });
});

describe('收入科目: malformed rows get precise diagnostics', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['an unknown column word', '    2080505 10.00 事业收人 5.00', 'BUD004 事业收人', /此处应为收入栏目名（合计、财政拨款收入、一般公共预算、事业收入、其他收入…）或金额/],
    ['an unlabelled second amount', '    2080505 10.00 5.00', 'BUD004 5.00', /第一个金额（合计）之后的金额需要栏目名/],
    ['an expenditure column', '    2080505 10.00 基本 5.00', 'BUD004 基本', /“基本”是支出的栏目/],
    ['来源 (the 支出 form)', '    2080505 10.00 来源 事业收入', 'BUD004 来源', /不写“来源”/],
    ['a malformed amount', '    2080505 10.00 事业收入 1,00.5', 'BUD007 1,00.5', /“1,00\.5”不是有效的金额/],
    ['a column without its amount', '    2080505 10.00 事业收入', 'BUD003 事业收入', /“事业收入”后缺少金额/],
    ['上年结转 before a source without its amount', '    2080505 10.00 上年结转 一般公共预算', 'BUD003 上年结转 一般公共预算', /缺少金额/],
    ['a column written twice', '    2080505 10.00 事业收入 5.00 事业收入 5.00', 'BUD008 事业收入', /已在本块中写过/],
    ['a row that starts with a word', '    社保 10.00', 'BUD001 社保', /此处应为功能分类科目编码或“合计”，实际为“社保”/],
    ['a nested block', '    2080505 {\n    }', 'BUD002 2080505', /收入科目行/],
    ['two 合计 rows', '    合计 10.00\n    总计 10.00', 'BUD008 总计', /已在本块中写过/],
  ];
  for (const [what, rows, expected, message] of cases) {
    it(what, () => {
      const a = analyze(unit(INC(rows)));
      const d = a.diagnostics.find((x) => `${x.code} ${at(a, x)}` === expected);
      assert.ok(d, `${expected} not in ${found(a).join(', ')}`);
      assert.match(renderMessage(d, 'zh-CN'), message);
      assert.doesNotMatch(renderMessage(d, 'en'), /\{\w+\}|undefined/);
    });
  }

  it('a name never swallows a column word, and “constructor”-like words are not columns', () => {
    const a = analyze(unit(INC('    2080505 机关事业单位基本养老保险缴费支出 其他收入 5.00\n    2080506 toString 5 constructor 3')));
    const rows = a.model.units[0].incomeFunc!.rows;
    assert.equal(rows[0].name?.text, '机关事业单位基本养老保险缴费支出');
    assert.deepEqual(rows[0].cells.map(incomeFuncKey), ['本年:其他收入']);
    assert.equal(rows[1].name?.text, 'toString');
    assert.deepEqual(found(a).filter((d) => d.startsWith('BUD004')), ['BUD004 constructor', 'BUD004 3']);
  });
});

describe('收入科目: codes and the catalog', () => {
  it('an unknown code is information (BUD105), never an error', () => {
    const a = analyze(unit(INC('    299 其他支出 5.00\n    29999 其他支出 5.00')));
    assert.deepEqual(found(a), []);
    assert.deepEqual(found(a, 'information'), ['BUD105 299', 'BUD105 29999']);
  });

  it('length, classification, duplicates, parents (with the insert fix) and catalog names', () => {
    const a = analyze(unit(INC('    2080 5.00\n    301 5.00\n    208 社保支出 5.00\n    208 社会保障和就业支出 5.00\n    2080505 5.00')));
    assert.deepEqual(found(a), ['BUD101 2080', 'BUD106 301', 'BUD103 208', 'BUD102 2080505']);
    assert.match(renderMessage(a.diagnostics.find((d) => d.code === 'BUD101')!, 'zh-CN'), /功能分类编码“2080”应为3\/5\/7位数字/);
    assert.equal(a.diagnostics.find((d) => d.code === 'BUD102')!.fixes?.[0].edits[0].newText, '    20805 行政事业单位养老支出\n');
    assert.deepEqual(found(a, 'warning'), ['BUD104 社保支出']);
  });
});

describe('收入科目: row identities and roll-ups', () => {
  it('BUD303: 合计 = its columns, with the fixes for the total (and for a single part)', () => {
    const a = analyze(unit(INC('    208 合计 120.00 一般公共预算 100.00 事业收入 30.00\n    210 卫生健康支出 合计 50.00 其他收入 40.00')));
    assert.deepEqual(found(a), ['BUD303 120.00', 'BUD303 50.00']);
    const [d1, d2] = a.diagnostics.filter((d) => d.code === 'BUD303');
    assert.equal(renderMessage(d1, 'zh-CN'), '收入科目 208 社会保障和就业支出：合计 120.00 ≠ 一般公共预算 + 事业收入 = 130.00，相差 -10.00');
    assert.equal(renderMessage(d1, 'en'), 'income by function, code 208 社会保障和就业支出: total 120.00 ≠ 一般公共预算 + 事业收入 = 130.00 (difference -10.00)');
    assert.deepEqual(d1.related?.map((r) => slice(a, r)), ['100.00', '30.00']);
    assert.deepEqual(d1.fixes?.map((f) => [f.edits[0].newText, f.preferred]), [['130.00', false]]);
    assert.deepEqual(d2.fixes?.map((f) => [f.title.zh, f.edits[0].newText]), [['改为计算值 40.00', '40.00'], ['将其他收入改为 50.00', '50.00']]);
  });

  it('BUD303: 财政拨款收入 = its sources; a written subtotal stands for its parts in 合计', () => {
    const a = analyze(unit(INC('    208 合计 120.00 财政拨款收入 100.00 一般公共预算 90.00 政府性基金预算 5.00 事业收入 20.00')));
    assert.deepEqual(found(a), ['BUD303 100.00'], '合计 = 财政拨款收入 (as written) + 事业收入 holds');
    assert.match(renderMessage(a.diagnostics[0], 'zh-CN'), /财政拨款收入 100\.00 ≠ 一般公共预算 \+ 政府性基金预算 = 95\.00/);
  });

  it('BUD202: each column of a parent and of the 合计 row = the sum of its children’s, with related rows and the fix', () => {
    const a = analyze(unit(INC([
      '    合计 130.00 一般公共预算 100.00 事业收入 30.00',
      '    208 社会保障和就业支出 120.00 一般公共预算 100.00 事业收入 20.00',
      '    20805 行政事业单位养老支出 120.00 一般公共预算 100.00 事业收入 20.00',
      '    2080505 机关事业单位基本养老保险缴费支出 60.00 一般公共预算 50.00 事业收入 10.00',
      '    2080506 机关事业单位职业年金缴费支出 50.00 一般公共预算 40.00 事业收入 10.00',
    ].join('\n'))));
    // 20805's 一般公共预算 fails by the same 10.00 as its 合计: one fault (the row, or a child), one report — at the
    // 合计, with the 一般公共预算 as related information.
    assert.deepEqual(found(a), ['BUD202 130.00', 'BUD202 30.00', 'BUD202 120.00']);
    const d = a.diagnostics.filter((x) => x.code === 'BUD202')[2];
    assert.equal(renderMessage(d, 'zh-CN'), '收入科目 20805 行政事业单位养老支出的合计为 120.00，下级合计为 110.00，相差 10.00');
    assert.equal(renderMessage(a.diagnostics[1], 'en'), 'the income-by-function total row: 事业收入 is 30.00 but its children sum to 20.00 (difference 10.00)');
    assert.deepEqual(d.related?.filter((r) => !r.message.zh.startsWith('受此影响')).map((r) => [slice(a, r), r.message.zh]), [['60.00', '2080505 机关事业单位基本养老保险缴费支出：60.00'], ['50.00', '2080506 机关事业单位职业年金缴费支出：50.00']]);
    assert.ok(d.related?.some((r) => r.message.zh.startsWith('受此影响') && slice(a, r) === '100.00'));
    assert.deepEqual(d.fixes?.map((f) => [f.edits[0].newText, f.preferred]), [['110.00', true]]);
  });

  it('one wrong source on a leaf is one error, on its row; the parent column it throws off is related information', () => {
    const text = sample('income-by-function.budget');
    const a = analyze(text.replace(/(212 01 01 行政运行 +500\.00 +财政拨款收入 500\.00 +一般公共预算) 500\.00/, '$1 501.00'));
    assert.deepEqual(found(a), ['BUD303 500.00']);
    const d = a.diagnostics.find((x) => x.code === 'BUD303')!;
    assert.ok(d.related?.some((r) => slice(a, r) === '501.00'), 'the part as written');
    assert.ok(d.related?.some((r) => r.message.zh.startsWith('受此影响') && slice(a, r) === '660.00'), JSON.stringify(d.related));
  });

  it('money moved between two columns of one row (its 合计 unchanged) is caught by those columns’ roll-ups', () => {
    const text = sample('income-by-function.budget');
    const moved = text.replace(/(212 01 04 城管执法 +260\.00 .* 事业收入) 90\.00 +其他收入 10\.00/, '$1 80.00  其他收入 20.00');
    assert.notEqual(moved, text);
    assert.deepEqual(found(analyze(moved)), ['BUD202 90.00', 'BUD202 10.00']);
  });

  it('the tolerant rounding mode allows (n+1) × half a unit of the last digit', () => {
    const rows = '    208 合计 120.01 一般公共预算 100.00 事业收入 20.00';
    assert.deepEqual(codes(analyze(unit(INC(rows))), 'error'), ['BUD303']);
    assert.deepEqual(codes(analyze('舍入 容差\n' + unit(INC(rows))), 'error'), []);
  });
});

describe('收入科目: against 支出 and 收入', () => {
  it('BUD510: a code’s 合计 ≠ the 支出 total of the code (both ways), reported on the 收入科目 row', () => {
    const more = analyze(GOOD.replace(/120\.00 一般公共预算 100\.00/g, '121.00 一般公共预算 101.00'));
    assert.deepEqual(found(more).filter((x) => x.startsWith('BUD510')), ['BUD510 101.00', 'BUD510 121.00', 'BUD510 121.00', 'BUD510 121.00'], found(more).join('\n'));
    const d1 = more.diagnostics.filter((x) => x.code === 'BUD510')[3];
    assert.equal(renderMessage(d1, 'zh-CN'), '收入科目 2080505 机关事业单位基本养老保险缴费支出的合计 121.00 ≠ 支出 2080505 的合计 120.00，相差 1.00');
    // The other way: 支出 more than 收入科目.
    const less = analyze(replaceOnce(GOOD, '来源 事业收入 人员 20.00', '来源 事业收入 人员 25.00'));
    assert.deepEqual(found(less).filter((x) => x.startsWith('BUD510')), ['BUD510 120.00', 'BUD510 120.00', 'BUD510 120.00'], found(less).join('\n'));
    const d2 = less.diagnostics.find((x) => x.code === 'BUD510')!;
    assert.equal(renderMessage(d2, 'en'), 'income by function, code 208 社会保障和就业支出: total 120.00 ≠ the expenditure total of 208 125.00 (difference -5.00)');
    assert.equal(d2.related?.length, 1);
  });

  it('BUD510: a column’s grand total ≠ the 收入 line of that source (only columns the block writes)', () => {
    const a = analyze(replaceOnce(GOOD, '    事业收入 20.00\n  }', '    事业收入 25.00\n  }'));
    const d = a.diagnostics.filter((x) => x.code === 'BUD510');
    assert.deepEqual(d.map((x) => at(a, x)), ['20.00']);
    assert.equal(renderMessage(d[0], 'zh-CN'), '收入科目的事业收入合计 20.00 ≠ 收入块的事业收入 25.00，相差 -5.00');
    // An empty published cell in 收入 is 0.
    const b = analyze(replaceOnce(GOOD, '    事业收入 20.00\n  }', '    事业收入\n  }'));
    assert.ok(found(b).includes('BUD510 20.00'));
  });

  it('BUD511: a code on one side only is a warning at the topmost such code (both ways); none without 支出', () => {
    const extra = GOOD.replace('  }\n  支出 {', '    221 住房保障支出 5.00\n    22102 住房改革支出 5.00\n  }\n  支出 {');
    const a = analyze(extra);
    assert.deepEqual(found(a, 'warning'), ['BUD511 221'], 'not again for 22102 under it');
    assert.equal(renderMessage(a.diagnostics.find((d) => d.code === 'BUD511')!, 'zh-CN'), '科目 221 住房保障支出在收入科目中列出，支出中没有');
    const b = analyze(GOOD.replace('    2080505 机关事业单位基本养老保险缴费支出 人员 100.00\n', '    2080505 机关事业单位基本养老保险缴费支出 人员 100.00\n    2080506 机关事业单位职业年金缴费支出 人员 5.00\n'));
    assert.deepEqual(found(b, 'warning'), ['BUD511 2080506']);
    assert.match(renderMessage(b.diagnostics.find((d) => d.code === 'BUD511')!, 'en'), /Code 2080506 机关事业单位职业年金缴费支出 is listed in 支出 \(expenditure\) but not in 收入科目/);
    const c = analyze(unit(`${INCOME}\n${INC(ROWS + '\n    221 住房保障支出 5.00')}`));
    assert.deepEqual(codes(c, 'warning'), []);
  });

  it('the sample checks clean', () => {
    const a = analyze(sample('income-by-function.budget'));
    assert.deepEqual(a.diagnostics.map((d) => `${d.code} ${at(a, d)}`), []);
  });

  it('the examples of docs/language.md §3.1 check clean', () => {
    const md = readFileSync(join(ROOT, 'docs/language.md'), 'utf8');
    const section = md.slice(md.indexOf('### 3.1 收入科目'), md.indexOf('## 4. 支出功能分类'));
    const blocks = [...section.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]);
    assert.equal(blocks.length, 2);
    for (const b of blocks) {
      const a = analyze(unit(b.replace(/^/gm, '  ')));
      assert.deepEqual(a.diagnostics.map((d) => `${d.code} ${at(a, d)}`), []);
      assert.ok(a.model.units[0].incomeFunc);
    }
  });
});

describe('收入科目: every amount of the sample’s block is load-bearing (mutation)', () => {
  const text = sample('income-by-function.budget');
  const a = analyze(text);
  const sec = a.model.units[0].incomeFunc!;
  const amounts = [...sec.rows, sec.total!].flatMap((r) => r.cells.map((c) => c.amount!));

  it('finds the amounts', () => assert.ok(amounts.length > 40, `${amounts.length}`));

  for (const delta of [1n, -1n]) {
    it(`changing any amount by ${delta > 0n ? '+' : '-'}0.01 is caught`, () => {
      const missed: string[] = [];
      for (const am of amounts) {
        const v = am.value + delta * 1_000_000n;
        const mutated = text.slice(0, am.span.start) + formatMoney(v, '万元') + text.slice(am.span.end);
        if (!errors(analyze(mutated)).length) missed.push(`${text.slice(0, am.span.start).split('\n').length}: ${am.text}`);
      }
      assert.deepEqual(missed, []);
    });
  }
});

describe('收入科目: a department’s own block = the sum of its units (BUD509)', () => {
  const dep = (b: string): string => `年度 2025\n部门 某局 {\n  收入科目 {\n    合计 3.00\n    205 教育支出 3.00\n  }\n  单位 甲 {\n    收入科目 {\n      205 教育支出 1.00\n    }\n  }\n  单位 乙 {\n    收入科目 {\n      205 教育支出 ${b}\n    }\n  }\n}\n`;
  it('agrees', () => assert.deepEqual(codes(analyze(dep('2.00')), 'error'), []));
  it('disagrees', () => {
    const a = analyze(dep('2.50'));
    assert.deepEqual(found(a), ['BUD509 3.00', 'BUD509 3.00']);
    assert.match(renderMessage(a.diagnostics[0], 'zh-CN'), /部门汇总收入科目合计为 3\.00，所属单位之和为 3\.50/);
  });
});

describe('收入科目: incremental re-analysis', () => {
  /** The model and diagnostics as JSON (bigints as strings): what reanalyze must reproduce exactly. */
  const snapshot = (x: Analysis): string => JSON.stringify({ model: x.model, diagnostics: x.diagnostics }, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

  it('an edit inside the block of the first of two units gives the full analysis (spans of the second unit moved)', () => {
    const one = sample('income-by-function.budget');
    const text = one + '\n' + one.replace('单位 某区城市管理服务中心', '单位 第二单位').replace(/^#.*\n/gm, '');
    const second = text.indexOf('单位 第二单位');
    const edits: Array<[RegExp, string]> = [
      [/(212 01 04 城管执法 +)260\.00/, '$1261.00'],
      [/(208 05 行政事业单位养老支出 +)160\.00/, '$11600.00'],
      [/ {4}212 05 01 城乡社区环境卫生 +60\.00 .*\n/, ''],
      [/ {2}收入科目 \{\n/, '  收入科目 {\n    金额单位 元\n'],
      [/(合计 +980\.00 +财政拨款收入 880\.00)/, '$1 上年结转 0'],
    ];
    const prev = analyze(text);
    for (const [from, to] of edits) {
      const m = from.exec(text);
      assert.ok(m && m.index < second, String(from));
      const edited = text.slice(0, m.index) + m[0].replace(from, to) + text.slice(m.index + m[0].length);
      const info: { incremental?: boolean } = {};
      const r = reanalyze(analyze(text), edited, {}, info);
      assert.equal(info.incremental, true, String(from));
      assert.equal(snapshot(r), snapshot(analyze(edited)), String(from));
    }
    assert.deepEqual(codes(prev, 'error'), []);
  });
});
