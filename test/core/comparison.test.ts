/**
 * 上年比较: year-on-year comparisons as a budget's 说明 states them (“比上年减少 19.79 万元，下降 0.8%”). Binding
 * (figures, columns, percentages, what is reported), this year's figure of each compared figure computed from the
 * tables, and the checks: 本年 (BUD520), the change (BUD521), the rate (BUD522, exact, half up at the decimals
 * written), a rate from 0 (BUD523), an unknown figure (BUD524) — ranges, messages in both languages, fixes.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import fc from 'fast-check';
import { comparisonFigures, currentFigure, exactRate, formatRate, rateAgrees, rateAgreesWithin, roundRate } from '../../server/src/core/comparison';
import { renderMessage, type Diagnostic } from '../../server/src/core/diagnostics';
import { applyEdits } from '../../server/src/core/features/codeActions';
import { formatMoney } from '../../server/src/core/money';
import { at, codes, ROOT, sample, unit } from './util';

/**
 * A unit with 收入 (收入总计 100.00: 一般公共预算 90.00, 事业收入 10.00) and 支出 (支出总计 100.00: 人员 60.00, 公用
 * 15.00, 项目 25.00, of which 10.00 from 事业收入) and a 上年比较 block.
 */
const TABLES = [
  '  收入 {\n    一般公共预算 90.00\n    事业收入 10.00\n    政府性基金预算\n  }',
  '  支出 {\n    208 社会保障和就业支出 75.00 基本 75.00 人员 60.00 公用 15.00\n    212 城乡社区支出 项目 15.00\n    212 城乡社区支出 来源 事业收入 项目 10.00\n  }',
].join('\n');
const CMP = (lines: string, extra = ''): string => unit(`${TABLES}\n${extra}  上年比较 {\n${lines}\n  }`);

/** The diagnostics of the comparison codes, as `code text`. */
function found(a: Analysis): string[] {
  return a.diagnostics.filter((d) => /^BUD52\d$/.test(d.code)).map((d) => `${d.code} ${at(a, d)}`);
}

function only(a: Analysis, code: string): Diagnostic {
  const ds = a.diagnostics.filter((d) => d.code === code);
  assert.equal(ds.length, 1, `${code}: ${ds.length} reported (${codes(a).join(' ')})`);
  return ds[0];
}

/** The text with a diagnostic's preferred fix applied. */
function fixed(a: Analysis, d: Diagnostic): string {
  const fix = d.fixes?.find((f) => f.preferred) ?? d.fixes?.[0];
  assert.ok(fix, `${d.code} has a fix`);
  return applyEdits(a.text, fix.edits);
}

describe('上年比较: binding', () => {
  it('reads each column, signed and by direction, percentages written `0.8%`, `0.8 %`, `-0.8%`, `+0.8%`', () => {
    const a = analyze(CMP([
      '    收入总计 本年 100.00 上年 120.00 减少 20.00 下降 16.7%',
      '    支出总计 上年 80.00 增减 +20.00 增幅 25.0 %',
      '    基本支出 上年 80.00 增减 -5.00 增幅 -6.25%',
      '    项目支出 上年 25.00 持平 增幅 +0.0%',
    ].join('\n')));
    assert.deepEqual(codes(a), []);
    const [l1, l2, l3, l4] = a.model.units[0].comparison!.lines;
    assert.deepEqual(l1.figure, { kind: 'income', item: '收入总计' });
    assert.equal(l1.current?.text, '100.00');
    assert.equal(l1.previous?.text, '120.00');
    assert.deepEqual([l1.change?.style, l1.change?.amount?.text], ['down', '20.00']);
    assert.deepEqual([l1.rate?.style, l1.rate?.value.text, l1.rate?.value.digits, l1.rate?.value.decimals, l1.rate?.value.negative], ['down', '16.7', 167n, 1, false]);
    assert.equal(at(a, { ...l1.rate!.value.span } as Diagnostic), '16.7%');
    assert.deepEqual(l2.figure, { kind: 'expense', column: 'grand' });
    assert.deepEqual([l2.change?.style, l2.change?.amount?.text, l2.change?.amount?.value], ['signed', '+20.00', 2_000_000_000n]);
    assert.equal(at(a, { ...l2.change!.amount!.span } as Diagnostic), '+20.00');
    assert.equal(at(a, { ...l2.rate!.value.span } as Diagnostic), '25.0 %');
    assert.deepEqual([l3.rate?.value.negative, l3.rate?.value.digits, l3.rate?.value.decimals], [true, 625n, 2]);
    assert.deepEqual([l4.change?.style, l4.change?.amount, l4.rate?.value.text], ['flat', undefined, '+0.0']);
  });

  it('figure words: income items and aliases, expenditure totals and kinds, by source, 三公 items, 政府采购', () => {
    const words: Array<[string, unknown]> = [
      ['收入总计', { kind: 'income', item: '收入总计' }], ['本年收入合计', { kind: 'income', item: '本年收入合计' }],
      ['财政拨款收入', { kind: 'income', item: '财政拨款' }], ['一般公共预算拨款', { kind: 'income', item: '一般公共预算' }],
      ['政府性基金预算', { kind: 'income', item: '政府性基金预算' }], ['支出合计', { kind: 'expense', column: 'grand' }],
      ['人员支出', { kind: 'expense', column: 'personnel' }], ['公用经费', { kind: 'expense', column: 'public' }],
      ['财政拨款支出', { kind: 'expenseSource', source: '财政拨款' }], ['“三公”经费', { kind: 'sangong', item: 'total' }], ['因公出国(境)费', { kind: 'sangong', item: 'abroad' }],
      ['公务用车购置及运行费', { kind: 'sangong', item: 'vehicle' }], ['公务接待费', { kind: 'sangong', item: 'reception' }],
      ['机关运行经费', { kind: 'sangong', item: 'opsFunds' }], ['政府采购', { kind: 'procurement' }],
    ];
    const a = analyze(CMP(words.map(([w]) => `    ${w} 上年 1.00`).join('\n')));
    assert.deepEqual(a.model.units[0].comparison!.lines.map((l) => l.figure), words.map(([, f]) => f));
    assert.deepEqual(codes(a, 'error'), []);
  });

  it('the block may state its own money unit (amounts exact in it)', () => {
    const a = analyze(unit(`${TABLES}\n  上年比较 {\n    金额单位 元\n    收入总计 本年 1,000,000 上年 900,000 增加 100,000 增长 11.1%\n  }`));
    assert.deepEqual(codes(a), []);
    const c = a.model.units[0].comparison!;
    assert.equal(c.moneyUnit, '元');
    assert.equal(c.lines[0].current?.unit, '元');
    assert.equal(c.lines[0].current?.value, 100_0000_0000n);
  });

  it('reports what is not a comparison line, and goes on with the next lines', () => {
    const a = analyze(CMP([
      '    收入 上年 1.00', // not a figure
      '    收入总计 本年 100.00', // this year alone: valid
      '    支出总计 上年', // a column without its amount
      '    基本支出 上年 80.00 增幅 5', // a rate without % (下降 5 would be the change: 比上年下降5万元)
      '    项目支出 上年 25.00 25.00', // an amount without its column
      '    人员经费 上年 1.00 上年 2.00', // a column twice
      '    人员经费 上年 1.00', // a figure twice
      '    公用经费 上年 15.00 持平',
    ].join('\n')));
    const ds = a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${at(a, d)}`);
    assert.deepEqual(ds, ['BUD002 收入', 'BUD003 上年', 'BUD003 5', 'BUD004 25.00', 'BUD008 上年', 'BUD008 人员经费']);
    const pct = a.diagnostics.find((d) => d.code === 'BUD003' && at(a, d) === '5')!;
    assert.match(renderMessage(pct, 'en'), /percent sign/);
    assert.match(applyEdits(a.text, pct.fixes![0].edits), /增幅 5%/);
    assert.equal(a.model.units[0].comparison!.lines.length, 7, 'every line with a figure is bound');
  });
});

describe('上年比较: this year’s figure from the tables', () => {
  const figureOf = (text: string, line = 0): ReturnType<typeof currentFigure> => {
    const a = analyze(text);
    return currentFigure(a.figures[0], a.model.units[0].comparison!.lines[line].figure);
  };
  const v = (x: { value?: bigint }): string | undefined => (x.value === undefined ? undefined : formatMoney(x.value, '万元'));

  it('income items (an empty 收入 line is 0), expenditure totals, kinds and sources', () => {
    const lines = ['收入总计', '一般公共预算', '事业收入', '政府性基金预算', '支出总计', '基本支出', '项目支出', '人员经费', '公用经费', '财政拨款支出', '一般公共预算支出', '政府性基金预算支出'];
    const text = CMP(lines.map((w) => `    ${w} 上年 1.00`).join('\n'));
    assert.deepEqual(lines.map((_, i) => v(figureOf(text, i))), ['100.00', '90.00', '10.00', '0.00', '100.00', '75.00', '25.00', '60.00', '15.00', '90.00', '90.00', '0.00']);
  });

  it('the kinds from 经济分类 when 支出 does not give them; a kind is the rest of its total', () => {
    const econ = unit('  经济分类 {\n    301 工资福利支出 基本 6.00 人员 6.00\n    302 商品和服务支出 基本 4.00 公用 4.00\n  }\n  上年比较 {\n    人员经费 上年 5.00\n    公用经费 上年 5.00\n    项目支出 上年 1.00\n  }');
    assert.deepEqual([0, 1].map((i) => v(figureOf(econ, i))), ['6.00', '4.00']);
    assert.equal(figureOf(econ, 2).value, undefined);
    // A row written with its 合计 only: 项目 is what 基本 leaves of the total.
    const rest = unit('  支出 {\n    208 社会保障和就业支出 基本 7.00\n    212 城乡社区支出 3.00\n  }\n  上年比较 {\n    项目支出 上年 1.00\n  }');
    assert.equal(v(figureOf(rest)), '3.00');
  });

  it('三公 items (an empty line is 0); 政府采购: its 合计 row, else its rows but 其中 rows, 无 = 0', () => {
    const sg = unit('  三公 {\n    公务用车运行费 2.00\n    公务接待费 1.00\n    因公出国（境）费\n  }\n  上年比较 {\n    三公 上年 1.00\n    公务用车购置及运行费 上年 1.00\n    因公出国（境）费 上年 1.00\n    机关运行经费 上年 1.00\n  }');
    assert.deepEqual([0, 1, 2].map((i) => v(figureOf(sg, i))), ['3.00', '2.00', '0.00']);
    assert.match(figureOf(sg, 3).missing!.zh, /三公.*没有机关运行经费/);
    const withTotal = unit('  政府采购 {\n    合计 5.00\n    其中 面向中小企业 3.00\n    货物 2.00\n    服务 3.00\n  }\n  上年比较 {\n    政府采购 上年 4.00\n  }');
    assert.equal(v(figureOf(withTotal)), '5.00');
    assert.equal(v(figureOf(withTotal.replace('    合计 5.00\n', ''))), '5.00', 'the 其中 row is not counted');
    assert.equal(v(figureOf(unit('  政府采购 无\n  上年比较 {\n    政府采购 上年 4.00\n  }'))), '0.00');
  });

  it('a figure whose section is missing is unknown, with the reason (BUD524, information)', () => {
    const a = analyze(unit('  上年比较 {\n    收入总计 上年 1.00 增加 1.00\n    基本支出 本年 2.00 上年 1.00 增加 1.00\n    政府采购 上年 1.00 持平\n  }'));
    assert.deepEqual(found(a), ['BUD524 收入总计', 'BUD524 基本支出', 'BUD524 政府采购']);
    assert.ok(a.diagnostics.every((d) => d.code !== 'BUD524' || d.severity === 'information'));
    const [inc, basic] = a.diagnostics.filter((d) => d.code === 'BUD524');
    assert.equal(renderMessage(inc, 'zh-CN'), '收入总计的本年数无法按本单位各表计算（本单位没有“收入”块）；增减与增减率未核对');
    assert.equal(renderMessage(inc, 'en'), 'total income: this year’s figure cannot be computed from the unit’s tables (the unit has no 收入 block); the change and the rate are not checked');
    assert.match(renderMessage(basic, 'en'), /checked against 本年 as written$/);
    // Against 本年 as written, the change is checked still.
    assert.deepEqual(found(analyze(unit('  上年比较 {\n    基本支出 本年 2.00 上年 1.00 增加 2.00\n  }'))), ['BUD524 基本支出', 'BUD521 增加 2.00']);
  });
});

describe('上年比较: checks', () => {
  it('a consistent block checks clean', () => {
    const a = analyze(CMP([
      '    收入总计 本年 100.00 上年 120.00 减少 20.00 下降 16.7%',
      '    一般公共预算 上年 100.00 增减 -10.00 增幅 -10%',
      '    支出总计 上年 80.00 增加 20.00 增长 25.00%',
      '    政府性基金预算 上年 0 持平',
    ].join('\n')));
    assert.deepEqual(codes(a), []);
  });

  it('BUD520: 本年 ≠ the computed figure, at the amount, with where it comes from and the fix', () => {
    const a = analyze(CMP('    收入总计 本年 101.50 上年 120.00'));
    const d = only(a, 'BUD520');
    assert.equal(at(a, d), '101.50');
    assert.equal(d.severity, 'error');
    assert.equal(renderMessage(d, 'zh-CN'), '收入总计的本年数写作 101.50，按本单位各表为 100.00，相差 1.50');
    assert.equal(renderMessage(d, 'en'), 'total income: this year’s figure is written 101.50 but the unit’s tables give 100.00 (difference 1.50)');
    assert.equal(d.related?.length, 1);
    assert.equal(a.text.slice(d.related![0].start, d.related![0].end), '收入', 'the 收入 block, where 收入总计 is computed from');
    assert.deepEqual(codes(analyze(fixed(a, d))), []);
    // Expenditure: the related location is the written 合计.
    const e = analyze(unit(`  支出 {\n    合计 10.00\n    208 社会保障和就业支出 人员 10.00\n  }\n  上年比较 {\n    支出总计 本年 1,000.00 上年 9.00\n  }`));
    const de = only(e, 'BUD520');
    assert.equal(e.text.slice(de.related![0].start, de.related![0].end), '10.00');
    assert.equal(fixed(e, de).includes('支出总计 本年 10.00 上年'), true, 'the fix keeps the written style (grouping, decimals)');
  });

  it('BUD520: a figure written rounded (a 说明 in 万元 of a document in 元) agrees within half a unit of its last digit', () => {
    const yuan = (cur: string): string => unit(`  收入 {\n    一般公共预算 47,483,458\n  }\n  上年比较 {\n    金额单位 万元\n    收入总计 本年 ${cur} 减少 19.79\n  }`, '年度 2026\n  金额单位 元');
    assert.deepEqual(found(analyze(yuan('4,748.35'))), [], '4,748.3458 → 4,748.35');
    assert.deepEqual(found(analyze(yuan('4,748.3'))), [], '4,748.3458 → 4,748.3');
    assert.deepEqual(found(analyze(yuan('4,748'))), [], '4,748.3458 → 4,748');
    assert.deepEqual(found(analyze(yuan('4,749'))), ['BUD520 4,749'], '4,748.3458 is 0.65 from 4,749');
    const a = analyze(yuan('4,748.36'));
    const d = only(a, 'BUD520');
    assert.equal(d.fixes![0].edits[0].newText, '4,748.35', 'rounded half up at the written decimals');
    assert.equal(renderMessage(d, 'en'), 'total income: this year’s figure is written 4,748.36 but the unit’s tables give 4,748.3458 (difference 0.0142)');
    // Its digits cut off instead of rounded: a warning of its own (BUD530), not a wrong figure.
    const t = analyze(yuan('4,748.34'));
    const dt = t.diagnostics.find((x) => x.code === 'BUD530')!;
    assert.equal(dt.severity, 'warning');
    assert.equal(dt.fixes![0].edits[0].newText, '4,748.35');
    assert.equal(renderMessage(dt, 'en'), 'total income is written 4,748.34 but the unit’s tables give 4,748.3458: the digits were cut off, not rounded (it should read 4,748.35)');
    assert.deepEqual(t.diagnostics.map((x) => x.code), ['BUD530']);
  });

  it('BUD520 once: a wrong 本年 does not make the change wrong too (the change is checked against the tables)', () => {
    const a = analyze(CMP('    收入总计 本年 110.00 上年 90.00 增加 10.00 增长 11.1%'));
    assert.deepEqual(found(a), ['BUD520 110.00']);
  });

  it('BUD521: the change, signed or by direction, at its label and amount; the fix keeps the style written', () => {
    const cases: Array<[string, string, string]> = [
      ['上年 90.00 增加 11.00', '增加 11.00', '上年 90.00 增加 10.00'],
      ['上年 90.00 减少 10.00', '减少 10.00', '上年 90.00 增加 10.00'],
      ['上年 110.00 增加 10.00', '增加 10.00', '上年 110.00 减少 10.00'],
      ['上年 90.00 增减 -10.00', '增减 -10.00', '上年 90.00 增减 10.00'],
      ['上年 110.00 增减 10', '增减 10', '上年 110.00 增减 -10'],
      ['上年 90.00 持平', '持平', '上年 90.00 增加 10.00'],
      ['上年 100.00 增加 1.00', '增加 1.00', '上年 100.00 持平'],
      ['上年 1,090.00 增减 -1,000.00', '增减 -1,000.00', '上年 1,090.00 增减 -990.00'],
      ['上年 90.00 增减 +11.00', '增减 +11.00', '上年 90.00 增减 +10.00'],
    ];
    for (const [line, where, after] of cases) {
      const a = analyze(CMP(`    收入总计 ${line}`));
      const d = only(a, 'BUD521');
      assert.equal(at(a, d), where, line);
      const f = fixed(a, d);
      assert.ok(f.includes(`收入总计 ${after}\n`), `${line} → ${after}: ${f.slice(f.indexOf('收入总计 上年'), f.indexOf('\n', f.indexOf('收入总计 上年')))}`);
      assert.deepEqual(codes(analyze(f)), [], after);
    }
    const d = only(analyze(CMP('    收入总计 上年 110.00 增加 10.00')), 'BUD521');
    assert.equal(renderMessage(d, 'zh-CN'), '收入总计的增减写作“增加 10.00”，而本年 100.00 − 上年 110.00 = -10.00');
    assert.equal(renderMessage(d, 'en'), 'total income: the change is written “增加 10.00” but this year 100.00 − last year 110.00 = -10.00');
    assert.equal(d.related?.length, 2, 'this year (where it comes from) and last year');
  });

  it('BUD521: a change written with fewer decimals allows half a unit of its last digit; an implied 上年 is not checked', () => {
    assert.deepEqual(found(analyze(CMP('    收入总计 上年 89.60 增加 10'))), [], '10.40 → 10');
    assert.deepEqual(found(analyze(CMP('    收入总计 上年 89.40 增加 11'))), [], '10.60 → 11');
    assert.deepEqual(found(analyze(CMP('    收入总计 上年 89.50 增加 10'))), [], '10.50: half a unit either way');
    assert.deepEqual(found(analyze(CMP('    收入总计 上年 89.49 增加 10'))), ['BUD521 增加 10'], '10.51 → 11');
    assert.deepEqual(found(analyze(CMP('    收入总计 减少 3.00'))), [], 'without 上年 the change is what the 说明 says');
  });

  it('BUD522: the rate, exact, within half a unit of its last written digit; the fix rounds half up', () => {
    // 100 vs 120: −16.666…%.
    const rate = (r: string): string[] => found(analyze(CMP(`    收入总计 上年 120.00 ${r}`)));
    // 上年 120.00 stands for 119.995 … 120.005 (a rounded figure): −16.6632 … −16.6701 %, so 16.66 % is possible.
    for (const ok of ['下降 16.7%', '下降 17%', '下降 16.67%', '增幅 -16.667%', '增幅 -16.7 %', '下降 16.6667%', '下降 16.66%']) assert.deepEqual(rate(ok), [], ok);
    for (const bad of ['下降 16.6%', '下降 16%', '增长 16.7%', '增幅 16.7%', '下降 16.65%', '下降 16.6750%']) assert.deepEqual(rate(bad), [`BUD522 ${bad}`], bad);
    const a = analyze(CMP('    收入总计 上年 120.00 增长 16.7%'));
    const d = only(a, 'BUD522');
    assert.equal(d.severity, 'warning');
    assert.equal(renderMessage(d, 'zh-CN'), '收入总计的增减率写作“增长 16.7%”，而 (本年 100.00 − 上年 120.00) ÷ 上年 = -16.7%（保留 1 位小数）');
    assert.equal(renderMessage(d, 'en'), 'total income: the rate of change is written “增长 16.7%” but (this year 100.00 − last year 120.00) ÷ last year = -16.7% (to 1 decimals)');
    assert.ok(fixed(a, d).includes('上年 120.00 下降 16.7%'), 'the direction word is fixed too');
    const s = analyze(CMP('    收入总计 上年 120.00 增幅 -16.6 %'));
    assert.ok(fixed(s, only(s, 'BUD522')).includes('增幅 -16.7 %'), 'a signed rate keeps its percent sign as written');
    const p = analyze(CMP('    收入总计 上年 80.00 增幅 +25.5%'));
    assert.ok(fixed(p, only(p, 'BUD522')).includes('增幅 +25.0%'), 'and a `+` written before a positive rate');
    for (const text of [fixed(a, d), fixed(s, only(s, 'BUD522'))]) assert.deepEqual(found(analyze(text)), []);
  });

  it('BUD522: rounding edge cases — ties, negative changes, whole percents', () => {
    // 本年 100: 上年 80 → +25% exactly; 上年 160 → −37.5% (a tie at 0 decimals); 上年 200 → −50%.
    const r = (prev: string, rt: string): string[] => found(analyze(CMP(`    收入总计 上年 ${prev} ${rt}`)));
    assert.deepEqual(r('80.00', '增长 25%'), []);
    assert.deepEqual(r('80.00', '增长 25.00%'), []);
    // 上年 80.00 stands for 79.995 … 80.005: 24.992 … 25.008 %, so 25.01 % is possible, 25.02 % is not.
    assert.deepEqual(r('80.00', '增长 25.01%'), []);
    assert.deepEqual(r('80.00', '增长 25.02%'), ['BUD522 增长 25.02%']);
    assert.deepEqual(r('160.00', '下降 38%'), [], '−37.5 rounds half up (away from zero) to 38');
    assert.deepEqual(r('160.00', '下降 37%'), [], '−37.5 is half a unit from 37 too');
    assert.deepEqual(r('160.00', '下降 36%'), ['BUD522 下降 36%']);
    const a = analyze(CMP('    收入总计 上年 160.00 下降 36%'));
    assert.equal(only(a, 'BUD522').fixes![0].edits[0].newText, '38', 'the fix rounds the tie away from zero');
    assert.deepEqual(r('200.00', '增幅 -50%'), []);
    assert.deepEqual(r('200.00', '增幅 50%'), ['BUD522 增幅 50%']);
  });

  it('BUD522 with a negative 本年: the bounds of the rate follow the sign of 本年 (no false report)', () => {
    // 本年 −10.00 (from the tables), 上年 20.00 (19.995 … 20.005): the rate is −150.0125 … −149.9875 %.
    const r = (rt: string): string[] => found(analyze(unit(`  收入 {\n    一般公共预算 -10.00\n  }\n  上年比较 {\n    收入总计 上年 20.00 ${rt}\n  }`)));
    for (const ok of ['增幅 -150%', '下降 150.00%', '下降 150.01%', '下降 149.99%', '增幅 -150.0%']) assert.deepEqual(r(ok), [], ok);
    for (const bad of ['下降 150.02%', '下降 149.98%', '增长 150.00%']) assert.deepEqual(r(bad), [`BUD522 ${bad}`], bad);
  });

  it('rateAgreesWithin agrees with the rate at the four corners of the bounds (fast-check)', () => {
    // Reference: the rate (C − P)·100 / P over C ∈ [c ± hC], P ∈ [p ± hP] (P > 0) takes its extremes at the corners.
    const q = (num: bigint, den: bigint): number => Number(num) / Number(den);
    fc.assert(fc.property(
      fc.bigInt({ min: -10_000n, max: 10_000n }), fc.bigInt({ min: 0n, max: 50n }), fc.bigInt({ min: 1n, max: 10_000n }), fc.bigInt({ min: 0n, max: 50n }),
      fc.bigInt({ min: -40_000n, max: 40_000n }), fc.integer({ min: 0, max: 2 }),
      (c, hC, p, hP, written, decimals) => {
        fc.pre(p - hP > 0n);
        const corners = [c - hC, c + hC].flatMap((C) => [p - hP, p + hP].map((P) => q((C - P) * 100n, P)));
        const scale = 10 ** decimals;
        const lo = (Number(written) - 0.5) / scale;
        const hi = (Number(written) + 0.5) / scale;
        const expected = hi >= Math.min(...corners) - 1e-9 && lo <= Math.max(...corners) + 1e-9;
        // Far from the edges the floating-point reference decides; at an edge (within 1e-6) either answer passes.
        const near = corners.some((x) => Math.abs(x - lo) < 1e-6 || Math.abs(x - hi) < 1e-6);
        if (!near) assert.equal(rateAgreesWithin({ c, hC, p, hP }, written, decimals), expected, `c ${c}±${hC} p ${p}±${hP} w ${written}/10^${decimals}`);
      },
    ), { numRuns: 2000 });
  });

  it('a 说明 rounds every figure: a change and a rate computed from rounded figures are accepted (tables in 元, 说明 in 万元)', () => {
    const text = (lines: string): string => `单位 测试 {\n  年度 2026\n  金额单位 元\n  收入 {\n    一般公共预算 47,483,458\n  }\n  支出 {\n    212 城乡社区支出 人员 47,483,458\n  }\n  上年比较 {\n    金额单位 万元\n${lines}\n  }\n}\n`;
    // 上年 47,681,349 元: the change is −19.7891 万元, the rate −0.41503 %; every written figure is correctly rounded.
    assert.deepEqual(found(analyze(text('    收入总计 本年 4,748.35 上年 4,768.13 减少 19.79 下降 0.42%'))), []);
    assert.deepEqual(found(analyze(text('    支出总计 本年 4,748 上年 4,768.13 减少 19.79'))), []);
    assert.deepEqual(found(analyze(text('    收入总计 减少 19.79 下降 0.42%'))), [], 'an implied 上年 is as rounded as the change it comes from');
    // Still wrong beyond the rounding.
    assert.deepEqual(found(analyze(text('    收入总计 本年 4,748.35 上年 4,768.13 减少 19.81 下降 0.44%'))), ['BUD521 减少 19.81', 'BUD522 下降 0.44%']);
  });

  it('the 说明’s wording: 收入预算总额, 下降 19.79 (an amount: the change), 减少额, 降幅, 增长率', () => {
    const text = (lines: string): string => CMP(lines);
    assert.deepEqual(found(analyze(text('    收入预算总额 上年 120.00 下降 20.00 降幅 16.7%'))), []);
    assert.deepEqual(found(analyze(text('    收入总计 上年 80.00 增长 20 增长率 25%'))), []);
    assert.deepEqual(found(analyze(text('    收入总计 上年 80.00 减少额 20.00'))), ['BUD521 减少额 20.00']);
    const a = analyze(text('    收入总计 上年 120.00 下降 19.00'));
    assert.equal(a.model.units[0].comparison!.lines[0].change?.style, 'down');
    assert.deepEqual(found(a), ['BUD521 下降 19.00']);
  });

  it('a 部门 with a 上年比较 and no sections of its own: reported, not made into a department of empty tables', () => {
    const a = analyze('部门 某局 {\n  年度 2026\n  上年比较 {\n    收入总计 上年 280 增加 20\n  }\n  单位 甲 {\n    收入 {\n      一般公共预算 100\n    }\n  }\n}\n');
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${at(a, d)}`), ['BUD002 上年比较']);
    assert.equal(a.model.departments[0].consolidated, undefined);
    assert.deepEqual(a.model.units.map((u) => u.name.text), ['甲']);
  });

  it('持平 is offered as a fix only where it is itself accepted; else the change at last year’s digits', () => {
    const a = analyze(CMP('    收入总计 上年 100.004 增加 0.01'));
    const d = only(a, 'BUD521');
    const t = fixed(a, d);
    assert.ok(t.includes('上年 100.004 减少 0.004'), t);
    assert.deepEqual(found(analyze(t)), []);
    const b = analyze(CMP('    收入总计 上年 100.00 增加 0.02'));
    assert.ok(fixed(b, only(b, 'BUD521')).includes('上年 100.00 持平'));
  });

  it('rate arithmetic: exact bigint fractions, half away from zero', () => {
    const rate = exactRate(100n, 120n)!;
    assert.deepEqual([roundRate(rate, 0), roundRate(rate, 1), roundRate(rate, 2), roundRate(rate, 4)], [-17n, -167n, -1667n, -166667n]);
    assert.equal(formatRate(rate, 2), '-16.67%');
    assert.equal(formatRate(exactRate(1n, 200n)!, 0), '-100%');
    assert.equal(formatRate(exactRate(101n, 200n)!, 1), '-49.5%');
    assert.equal(formatRate(exactRate(1005n, 1000n)!, 1), '0.5%', '0.5 exactly');
    assert.equal(formatRate(exactRate(10005n, 10000n)!, 1), '0.1%', '0.05 rounds up to 0.1');
    assert.equal(formatRate(exactRate(99995n, 100000n)!, 1), '0.0%', '-0.005 rounds to 0.0 at one decimal');
    assert.equal(formatRate(exactRate(99950n, 100000n)!, 1), '-0.1%', '-0.05 rounds away from zero');
    assert.equal(exactRate(5n, 0n), undefined);
    assert.ok(rateAgrees(exactRate(10005n, 10000n)!, 0n, 1), '0.05 is half a unit from 0.0');
    assert.ok(!rateAgrees(exactRate(10006n, 10000n)!, 0n, 1));
  });

  it('BUD523: 上年 0 with a rate: a clear warning (no division by zero), the fix removes the rate', () => {
    const a = analyze(CMP('    支出总计 上年 0 增加 100.00 增长 100%  # 新增'));
    const d = only(a, 'BUD523');
    assert.equal(at(a, d), '增长 100%');
    assert.equal(d.severity, 'warning');
    assert.equal(renderMessage(d, 'zh-CN'), '支出总计的上年数为 0，增减率无法计算（不能除以 0）；“增长 100%”应删除');
    assert.equal(renderMessage(d, 'en'), 'total expenditure: last year’s figure is 0, so there is no rate of change (no division by zero); remove “增长 100%”');
    const f = fixed(a, d);
    assert.ok(f.includes('    支出总计 上年 0 增加 100.00  # 新增\n'));
    assert.deepEqual(codes(analyze(f)), []);
    // An implied 上年 of 0 too.
    assert.deepEqual(found(analyze(CMP('    支出总计 增加 100.00 增长 100%'))), ['BUD523 增长 100%']);
  });

  it('the line’s figures: 本年, 上年 as written or implied, the change and the rate', () => {
    const a = analyze(CMP('    收入总计 减少 20.00\n    支出总计 本年 100.00 上年 80.00'));
    const [l1, l2] = a.model.units[0].comparison!.lines.map((l) => comparisonFigures(a.figures[0], l));
    assert.deepEqual([l1.current, l1.previous, l1.previousImplied, l1.change], [100_0000_0000n, 120_0000_0000n, true, -20_0000_0000n]);
    assert.equal(formatRate(l1.rate!, 2), '-16.67%');
    assert.deepEqual([l2.previous, l2.previousImplied, l2.change], [80_0000_0000n, false, 20_0000_0000n]);
  });
});

describe('上年比较: the samples', () => {
  it('the example of docs/language.md §11.1 checks clean in the sample’s unit', () => {
    const md = readFileSync(join(ROOT, 'docs/language.md'), 'utf8');
    const section = md.slice(md.indexOf('### 11.1'), md.indexOf('## 12.'));
    const example = /```\n(上年比较 \{[\s\S]*?\n\})\n```/.exec(section)![1];
    const text = sample('comparison.budget');
    const a = text.indexOf('  上年比较 {');
    const b = text.indexOf('\n  }\n', a) + 5;
    const doc = analyze(text.slice(0, a) + example.replace(/^/gm, '  ') + '\n' + text.slice(b));
    assert.equal(doc.model.units[0].comparison!.lines.length, 5);
    assert.deepEqual(doc.diagnostics.map((d) => `${d.code} ${at(doc, d)}`), []);
  });

  it('samples/comparison.budget checks clean and states every kind of figure', () => {
    const a = analyze(sample('comparison.budget'));
    assert.deepEqual(a.diagnostics.map((d) => `${d.code} ${at(a, d)}`), []);
    const kinds = new Set(a.model.units[0].comparison!.lines.map((l) => l.figure.kind));
    assert.deepEqual([...kinds].sort(), ['expense', 'expenseSource', 'income', 'procurement', 'sangong']);
  });

  it('real-chengguan-2026: the 说明’s comparisons (本年 in 万元 of a document in 元, 上年 not published) check clean', () => {
    const a = analyze(sample('real-chengguan-2026.budget'));
    assert.deepEqual(found(a), []);
    const lines = a.model.units[0].comparison!.lines;
    assert.equal(lines.length, 11);
    const r = comparisonFigures(a.figures[0], lines[0]);
    assert.equal(formatMoney(r.computed.value!, '万元'), '4,748.3458');
    assert.deepEqual([formatMoney(r.previous!, '万元'), r.previousImplied], ['4,768.14', true]);
    // A typo in the 说明's 三公 figure is caught.
    const typo = analyze(sample('real-chengguan-2026.budget').replace('本年   114.22', '本年   114.32'));
    assert.deepEqual(found(typo), ['BUD520 114.32']);
  });
});
