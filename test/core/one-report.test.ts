import { strict as assert } from 'node:assert';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { at, unit } from './util';

/**
 * One fault, one report across tables: a comparison with another place (the balance, the 收入科目 table, the 说明,
 * the economic line bounding a 三公 item) that fails only through a figure reported elsewhere — the figure itself
 * reported at its own parts, or a whole reported at its parts that implies another value for it — is that fault's
 * related information (“受此影响 · Follows from it”), not a second error. A disagreement no reported fault explains
 * is still an error of its own.
 */

/** The errors as `code@text`, and the places the first one's related information names as consequences. */
function outcome(a: Analysis): { errors: string[]; follows: string[] } {
  const errs = a.diagnostics.filter((d) => d.severity === 'error');
  const follows = (errs[0]?.related ?? []).filter((r) => r.message.zh.startsWith('受此影响')).map((r) => a.text.slice(r.start, r.end));
  for (const r of errs[0]?.related ?? []) if (r.message.zh.startsWith('受此影响')) assert.match(r.message.en, /^Follows from it/);
  return { errors: errs.map((d) => `${d.code}@${at(a, d)}`), follows };
}

const INCOME = (lines: string, grand = '100.00'): string =>
  unit(`  收入 {\n${lines}\n  }\n  支出 {\n    208 社会保障和就业支出 100.00 人员 100.00\n    本年支出合计 100.00\n    支出总计 ${grand}\n  }`);

describe('one fault, one report across tables', () => {
  it('a 收入 source off from its written subtotal: the subtotal is reported; the other subtotals and the balance agree as written', () => {
    const o = outcome(analyze(INCOME('    财政拨款 100.00\n    一般公共预算 100.01\n    本年收入合计 100.00\n    收入总计 100.00')));
    assert.deepEqual(o.errors, ['BUD302@100.00']);
    // The balance by source (一般公共预算 100.01 against 100.00 spent) follows from it.
    assert.deepEqual(o.follows, ['支出总计 100.00']);
  });

  it('a 收入 subtotal off from its parts: reported once; the totals above it agree with it as written', () => {
    const o = outcome(analyze(INCOME('    财政拨款 100.01\n    一般公共预算 100.00\n    本年收入合计 100.01\n    收入总计 100.01')));
    assert.deepEqual(o.errors, ['BUD302@100.01']);
    // The balance (收入总计 100.01 as written against 100.00 spent; 100.00 as the lines below give) follows from it.
    assert.deepEqual(o.follows, ['支出总计 100.00']);
  });

  it('a 收入 subtotal taken wrong by the totals above it: the totals follow from the subtotal\'s one report', () => {
    const o = outcome(analyze(INCOME('    财政拨款 100.01\n    一般公共预算 100.00\n    本年收入合计 100.00\n    收入总计 100.00')));
    assert.deepEqual(o.errors, ['BUD302@100.01']);
    // 本年收入合计 (100.00: what the lines below give, not its written part) and the 财政拨款 balance follow from it.
    assert.deepEqual(o.follows, ['100.00', '支出总计 100.00']);
  });

  it('a consequence shown at the other side says whose written figure it quotes, in both languages', () => {
    const messages = (a: Analysis): string[] => a.diagnostics.flatMap((d) => d.related ?? []).filter((r) => r.message.zh.startsWith('受此影响') && a.text.slice(r.start, r.end) === '支出总计 100.00').flatMap((r) => [r.message.zh, r.message.en]);
    assert.deepEqual(messages(analyze(INCOME('    财政拨款 100.01\n    一般公共预算 100.00\n    本年收入合计 100.00\n    收入总计 100.00'))), [
      '受此影响：收入（财政拨款）所写的 100.01 与此处的支出（财政拨款）相差 0.01',
      'Follows from it: income (财政拨款), written 100.01, is off by 0.01 from expenditure (财政拨款) (here)',
    ]);
    assert.deepEqual(messages(analyze(INCOME('    财政拨款 100.01\n    一般公共预算 100.00\n    本年收入合计 100.01\n    收入总计 100.01'))), [
      '受此影响：收入总计所写的 100.01 与此处的支出总计相差 0.01',
      'Follows from it: total income, written 100.01, is off by 0.01 from total expenditure (here)',
    ]);
    assert.deepEqual(messages(analyze(INCOME('    财政拨款 100.00\n    一般公共预算 100.01\n    本年收入合计 100.00\n    收入总计 100.00'))), [
      '受此影响：收入（一般公共预算）所写的 100.01 与此处的支出（一般公共预算）相差 0.01',
      'Follows from it: income (一般公共预算), written 100.01, is off by 0.01 from expenditure (一般公共预算) (here)',
    ]);
  });

  it('a 收入 subtotal off from its parts and from the figures below is its own fault', () => {
    const o = outcome(analyze(INCOME('    财政拨款 100.00\n    一般公共预算 100.00\n    本年收入合计 100.02\n    收入总计 100.00')));
    assert.deepEqual(o.errors, ['BUD302@100.02']);
  });

  it('a written 支出总计 off from its parts: reported once, the balance with 收入总计 its related information', () => {
    const o = outcome(analyze(INCOME('    一般公共预算 100.00\n    收入总计 100.00', '100.01')));
    assert.deepEqual(o.errors, ['BUD201@100.01']);
    assert.deepEqual(o.follows, ['收入总计 100.00']);
  });

  it('income and expenditure that disagree as written and as their parts give: the balance is reported', () => {
    const o = outcome(analyze(INCOME('    一般公共预算 100.02\n    收入总计 100.02')));
    assert.deepEqual(o.errors.filter((e) => e.startsWith('BUD401')).length, 1);
  });

  it('a 收入 line under a 收入总计 that is reported at its lines: the report names the line, the balance of its source follows', () => {
    const a = analyze(INCOME('    财政拨款 100.00\n    一般公共预算 100.00\n    事业收入 0.01\n    收入总计 100.00'));
    const o = outcome(a);
    assert.deepEqual(o.errors, ['BUD302@100.00']);
    // The lines 收入总计 is compared with are named, the changed one among them (not only the totals above it).
    const named = (a.diagnostics[0].related ?? []).map((r) => a.text.slice(r.start, r.end));
    assert.ok(named.includes('事业收入'), named.join(', '));
    // The balance of 事业收入 (0.01 against none spent) is what 收入总计 as written implies for it: 0.00.
    assert.deepEqual(o.follows, ['支出总计 100.00']);
  });

  /** Two sources: the rows without 来源 are 一般公共预算's (the rest), 2120803 is written with 来源 under a parent without it. */
  const SOURCES = (rows: Record<string, string>, income = '    财政拨款 200.00\n    一般公共预算 100.00\n    政府性基金预算 100.00\n    收入总计 200.00', more = ''): string => {
    const row = (k: string, v: string): string => rows[k] ?? v;
    return unit(`  收入 {\n${income}\n  }\n  支出 {\n    合计 200.00 项目 200.00\n    208 社会保障和就业支出 100.00 项目 100.00\n` +
      `    20801 人力资源和社会保障管理事务 ${row('20801', '40.00 项目 40.00')}\n    20802 民政管理事务 60.00 项目 60.00\n` +
      `    212 城乡社区支出 100.00 项目 100.00\n    21208 国有土地使用权出让收入安排的支出 100.00 基本 0.00 项目 100.00\n` +
      `    2120803 城市建设支出 来源 政府性基金预算 ${row('2120803', '100.00 基本 0.00 项目 100.00')}\n    支出总计 200.00\n  }\n${more}`);
  };

  it('a row of the remainder source off from its parent: the parent\'s one report, the 财政拨款 balance follows from it', () => {
    const o = outcome(analyze(SOURCES({ '20801': '40.01 项目 40.00' })));
    assert.deepEqual(o.errors, ['BUD201@100.00']);
    assert.deepEqual(o.follows, ['支出总计 200.00']);
  });

  it('a row written with 来源 under a parent without it, off from its own parts: its one report; the parent and the balance follow', () => {
    const o = outcome(analyze(SOURCES({ '2120803': '100.00 基本 0.00 项目 100.01' })));
    assert.deepEqual(o.errors, ['BUD301@100.00']);
    assert.deepEqual(o.follows, ['100.00', '支出总计 200.00']);
  });

  it('收入科目 against a row written with 来源 (its code\'s only source): compared with the row as written, the parent\'s report covers it', () => {
    const inc = '  收入科目 {\n    合计 200.00 财政拨款收入 200.00\n    208 社会保障和就业支出 100.00 财政拨款收入 100.00\n    20801 人力资源和社会保障管理事务 40.00 财政拨款收入 40.00\n    20802 民政管理事务 60.00 财政拨款收入 60.00\n    212 城乡社区支出 100.00 财政拨款收入 100.00\n    21208 国有土地使用权出让收入安排的支出 100.00 财政拨款收入 100.00\n    2120803 城市建设支出 100.00 财政拨款收入 100.00\n  }';
    const o = outcome(analyze(SOURCES({ '2120803': '100.01 项目 100.00' }, undefined, inc)));
    assert.deepEqual(o.errors, ['BUD201@100.00']);
    assert.ok(o.follows.includes('100.00'), o.follows.join(', '));
  });

  it('a row\'s fault and a split of the sources it does not explain: the split is still reported', () => {
    const o = outcome(analyze(SOURCES({ '20801': '40.01 项目 40.00' }, '    财政拨款 200.00\n    一般公共预算 100.02\n    政府性基金预算 99.98\n    收入总计 200.00')));
    assert.deepEqual(o.errors, ['BUD201@100.00', 'BUD401@支出总计 200.00', 'BUD401@支出总计 200.00']);
  });

  const SANGONG = (lines: string, cmp = ''): string => unit(`  三公 {\n${lines}\n  }\n${cmp}`);

  it('a 三公 subtotal off from its parts: reported once; the 合计 that agrees with the items below follows from it', () => {
    const o = outcome(analyze(SANGONG('    合计 8.25\n    因公出国（境）费 0\n    公务用车购置及运行费 7.26\n    公务用车购置费 0\n    公务用车运行费 7.25\n    公务接待费 1.00')));
    assert.deepEqual(o.errors, ['BUD503@7.26']);
  });

  const CMP = '  上年比较 {\n    三公 本年 8.25 持平\n    公务接待费 本年 1.00 持平\n  }\n';
  it('the 说明 quoting the 三公 合计 as written, and the item the 合计 implies: consequences of the 合计\'s one report', () => {
    const o = outcome(analyze(SANGONG('    合计 8.25\n    因公出国（境）费 0\n    公务用车购置及运行费 7.25\n    公务接待费 1.01', CMP)));
    assert.deepEqual(o.errors, ['BUD503@8.25']);
    assert.deepEqual(o.follows, ['8.25', '1.00']);
  });

  it('a 说明 figure that agrees with no figure of the table is its own error', () => {
    const o = outcome(analyze(SANGONG('    合计 8.25\n    因公出国（境）费 0\n    公务用车购置及运行费 7.25\n    公务接待费 1.00', CMP.replace('本年 1.00', '本年 1.10'))));
    assert.deepEqual(o.errors, ['BUD520@1.10']);
  });

  it('a 收入科目 code against a 支出 row whose own 基本 is unknown: its parent\'s roll-up is the one report', () => {
    const func = '  支出 {\n    208 社会保障和就业支出 3.00 项目 3.00\n    20801 人力资源和社会保障管理事务 1.01 项目 1.00\n    20802 民政管理事务 2.00 项目 2.00\n  }\n';
    const inc = '  收入科目 {\n    208 社会保障和就业支出 3.00 一般公共预算 3.00\n    20801 人力资源和社会保障管理事务 1.00 一般公共预算 1.00\n    20802 民政管理事务 2.00 一般公共预算 2.00\n  }\n';
    const o = outcome(analyze(unit(func + inc)));
    assert.deepEqual(o.errors, ['BUD201@3.00']);
    assert.ok(o.follows.includes('1.00'), o.follows.join(', '));
  });
});
