/**
 * The project attributes of the published performance forms (财政项目支出绩效目标申报表, 项目支出绩效目标表):
 * 项目性质, 项目类别, the planned dates and 实施期限, 资金总额 with 财政资金 / 其他资金, 上年结转资金, 中长期目标 —
 * how they bind (every spelling, spans, dates to the day, exact amounts), what is reported on their shape
 * (BUD003, BUD004, BUD008, BUD901) and the checks on them (BUD902–BUD905) with their messages, related
 * locations and fixes.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { renderMessage, type Diagnostic, type DiagnosticCode } from '../../server/src/core/diagnostics';
import { applyEdits } from '../../server/src/core/features/codeActions';
import type { DateValue, Project } from '../../server/src/core/model';
import { formatMoney } from '../../server/src/core/money';
import { at, codes, ROOT, sample, unit } from './util';

/** A unit of 2025 (万元) with one project holding `lines`. */
const PROJ = (lines: string, header?: string): string => unit(`  项目 甲 {\n    金额 5.00\n${lines}\n  }`, header);

function project(text: string): { a: Analysis; p: Project } {
  const a = analyze(text);
  return { a, p: a.model.units[0].projects[0] };
}

function only(a: Analysis, code: DiagnosticCode): Diagnostic {
  const ds = a.diagnostics.filter((d) => d.code === code);
  assert.equal(ds.length, 1, `${code}: ${a.diagnostics.map((d) => `${d.code} ${renderMessage(d, 'zh-CN')}`).join('\n')}`);
  return ds[0];
}

/** A date as `text@y-m-d` with the text its span covers. */
function date(a: Analysis, d: DateValue | undefined): string {
  assert.ok(d, 'a date');
  assert.equal(a.text.slice(d.span.start, d.span.end), d.text, 'the span covers the date as written');
  return `${d.text}@${d.year}-${d.month ?? ''}-${d.day ?? ''}`;
}

describe('project attributes of the performance form: binding', () => {
  it('every attribute, with its span, and the annual goal next to the multi-year one', () => {
    const { a, p } = project(PROJ([
      '    项目性质 阶段性项目',
      '    项目类别 特定目标类',
      '    实施期限 2024-01-01 至 2026-12-31',
      '    资金总额 12.00 财政资金 10.00 其他资金 2.00',
      '    上年结转资金 0.50',
      '    中长期目标 三年内完成全部任务。',
      '    总体目标 今年完成一期。',
    ].join('\n')));
    assert.deepEqual(codes(a, 'error'), []);
    const text = (x: { span: { start: number; end: number } } | undefined): string => a.text.slice(x!.span.start, x!.span.end);
    assert.equal(p.nature?.text, '阶段性项目');
    assert.equal(text(p.nature), '阶段性项目');
    assert.equal(p.category?.text, '特定目标类');
    assert.equal(text(p.period), '2024-01-01 至 2026-12-31');
    assert.equal(date(a, p.startDate), '2024-01-01@2024-1-1');
    assert.equal(date(a, p.endDate), '2026-12-31@2026-12-31');
    assert.equal(text(p.fundsTotal), '12.00');
    assert.equal(formatMoney(p.fundsTotal!.value, '万元'), '12.00');
    assert.equal(text(p.fundsFiscal), '10.00');
    assert.equal(text(p.fundsOther), '2.00');
    assert.equal(text(p.fundsCarried), '0.50');
    assert.equal(p.longTermGoal?.text, '三年内完成全部任务。');
    assert.equal(p.goal?.text, '今年完成一期。');
  });

  it('the spellings of the forms: 项目属性, 项目类型, 计划开始/完成日期, 项目资金总额, 中长期资金总额, 项目总体目标, 年度目标, 年度资金申请总额', () => {
    const { a, p } = project(unit([
      '  项目 甲 {',
      '    年度资金申请总额 5.00',
      '    项目属性 延续项目',
      '    项目类型 其他运转类',
      '    计划开始日期 2025年1月',
      '    计划完成日期 2025年12月31日',
      '    项目资金总额 9.00 其中：财政资金 9.00 其他资金 0',
      '    项目总体目标 多年目标',
      '    年度目标 年度目标文字',
      '  }',
    ].join('\n')));
    assert.deepEqual(codes(a, 'error'), []);
    assert.equal(formatMoney(p.amount!.value, '万元'), '5.00');
    assert.equal(p.nature?.text, '延续项目');
    assert.equal(p.category?.text, '其他运转类');
    assert.equal(date(a, p.startDate), '2025年1月@2025-1-');
    assert.equal(date(a, p.endDate), '2025年12月31日@2025-12-31');
    assert.equal(p.period, undefined);
    assert.equal(formatMoney(p.fundsTotal!.value, '万元'), '9.00');
    assert.equal(formatMoney(p.fundsFiscal!.value, '万元'), '9.00');
    assert.equal(p.fundsOther!.value, 0n);
    assert.equal(p.longTermGoal?.text, '多年目标');
    assert.equal(p.goal?.text, '年度目标文字');
    const b = project(PROJ('    中长期资金总额 9.00\n    其中 财政资金 9.00')).p;
    assert.equal(formatMoney(b.fundsTotal!.value, '万元'), '9.00');
    assert.equal(formatMoney(b.fundsFiscal!.value, '万元'), '9.00', 'a part on a line of its own, after 其中');
  });

  it('实施期限 as forms also print it: a fiscal year (the whole year) or a duration (kept as written, nothing to check)', () => {
    const y = project(PROJ('    实施期限 2025年度', '年度 2025'));
    assert.deepEqual([y.p.startDate?.year, y.p.startDate?.month, y.p.endDate?.year], [2025, undefined, 2025]);
    assert.deepEqual(y.a.diagnostics.filter((d) => d.severity !== 'information').map((d) => d.code), []);
    assert.deepEqual(project(PROJ('    实施期限 2024年', '年度 2025')).a.diagnostics.map((d) => d.code), ['BUD903'], 'a year that is not the budget year');
    for (const t of ['一年', '3年', '长期', '18个月']) {
      const r = project(PROJ(`    实施期限 ${t}`));
      assert.equal(r.p.period?.text, t);
      assert.equal(r.p.startDate, undefined);
      assert.deepEqual(r.a.diagnostics.map((d) => d.code), [], t);
    }
  });

  it('资金总额 with the punctuation of a form’s text between its parts (、，其中：) reads the parts', () => {
    for (const line of ['    资金总额 300.00 财政资金 250.00、其他资金 50.00', '    资金总额 300.00，其中：财政资金 250.00，其他资金 50.00', '    资金总额 300.00 其中: 财政资金 250.00；其他资金 50.00']) {
      const { a, p } = project(PROJ(line));
      assert.equal(p.fundsFiscal?.text, '250.00', line);
      assert.equal(p.fundsOther?.text, '50.00', line);
      assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => d.code), [], line);
    }
  });

  it('实施期限: the separators 至 到 - ~ —, with or without spaces, dates to the day, month or year, full-width digits', () => {
    const cases: Array<[string, string, string]> = [
      ['2024-01-01 至 2026-12-31', '2024-01-01@2024-1-1', '2026-12-31@2026-12-31'],
      ['2024-01-01至2026-12-31', '2024-01-01@2024-1-1', '2026-12-31@2026-12-31'],
      ['2024-01-01 到 2026-12-31', '2024-01-01@2024-1-1', '2026-12-31@2026-12-31'],
      ['2024-01-01 - 2026-12-31', '2024-01-01@2024-1-1', '2026-12-31@2026-12-31'],
      ['2024-01-01-2026-12-31', '2024-01-01@2024-1-1', '2026-12-31@2026-12-31'],
      ['2024-01-01~2026-12-31', '2024-01-01@2024-1-1', '2026-12-31@2026-12-31'],
      ['2024-01-01—2026-12-31', '2024-01-01@2024-1-1', '2026-12-31@2026-12-31'],
      ['2024/1/1 至 2026/12/31', '2024/1/1@2024-1-1', '2026/12/31@2026-12-31'],
      ['2024.01 至 2026.12', '2024.01@2024-1-', '2026.12@2026-12-'],
      ['2025年1月-2025年12月', '2025年1月@2025-1-', '2025年12月@2025-12-'],
      ['2025年1月1日-2025年12月31日', '2025年1月1日@2025-1-1', '2025年12月31日@2025-12-31'],
      ['2025年1月-12月', '2025年1月@2025-1-', '12月@2025-12-'],
      ['2024年至2026年', '2024年@2024--', '2026年@2026--'],
      ['2024-2026', '2024@2024--', '2026@2026--'],
      ['２０２４-01-01 至 2026-12-31', '２０２４-01-01@2024-1-1', '2026-12-31@2026-12-31'],
    ];
    for (const [period, start, end] of cases) {
      const { a, p } = project(PROJ(`    实施期限 ${period}`, '年度 2025'));
      assert.deepEqual(a.diagnostics.filter((d) => d.severity !== 'information').map((d) => `${d.code} ${renderMessage(d, 'zh-CN')}`), [], period);
      assert.equal(p.period?.text, period);
      assert.equal(date(a, p.startDate), start, period);
      assert.equal(date(a, p.endDate), end, period);
    }
  });

  it('a value that is no date or period is one BUD901 over the value, in both languages (the project is still bound)', () => {
    for (const [line, value] of [
      ['开始日期 2025-13-01', '2025-13-01'],
      ['完成日期 2023-02-29', '2023-02-29'],
      ['开始日期 明年', '明年'],
      ['实施期限 2024-01-01', '2024-01-01'],
      ['实施期限 2024-01-01 至', '2024-01-01 至'],
      ['实施期限 2024-01-01 至 2026-13-01', '2024-01-01 至 2026-13-01'],
      ['实施期限 2024-01-01 或 2026-12-31', '2024-01-01 或 2026-12-31'],
      ['实施期限 24-01-01 至 26-12-31', '24-01-01 至 26-12-31'],
    ]) {
      const { a, p } = project(PROJ(`    ${line}\n    项目性质 新增项目`));
      const d = only(a, 'BUD901');
      assert.equal(at(a, d), value, line);
      assert.match(renderMessage(d, 'zh-CN'), /不是有效的(日期|实施期限)（应如 2024-01-01/);
      assert.match(renderMessage(d, 'en'), /is not a valid (date|implementation period) \(write e\.g\. 2024-01-01/);
      assert.equal(p.startDate, undefined);
      assert.equal(p.nature?.text, '新增项目');
    }
    // A leap day is a date.
    assert.deepEqual(codes(analyze(PROJ('    开始日期 2024-02-29'))), []);
  });

  it('each attribute once whatever its spelling (BUD008, pointing at the first); 实施期限 gives both dates', () => {
    const repeats: Array<[string, string]> = [
      ['    项目性质 阶段性项目\n    项目属性 新增项目', '项目属性'],
      ['    项目类别 a\n    项目类别 b', '项目类别'],
      ['    实施期限 2024-01-01 至 2026-12-31\n    开始日期 2024-01-01', '开始日期'],
      ['    完成日期 2026-12-31\n    实施期限 2024-01-01 至 2026-12-31', '实施期限'],
      ['    资金总额 5.00\n    项目资金总额 5.00', '项目资金总额'],
      ['    资金总额 5.00 财政资金 5.00\n    财政资金 5.00', '财政资金'],
      ['    中长期目标 a\n    项目总体目标 b', '项目总体目标'],
      ['    总体目标 a\n    年度目标 b', '年度目标'],
      ['    上年结转资金 0\n    上年结转资金 0', '上年结转资金'],
    ];
    for (const [lines, word] of repeats) {
      const a = analyze(PROJ(lines));
      const d = only(a, 'BUD008');
      const second = a.text.lastIndexOf(word);
      assert.equal(d.start, second, lines);
      assert.equal(at(a, d), word);
      assert.equal(d.related?.length, 1);
      assert.ok(d.related![0].start < d.start, 'the first is earlier');
    }
    // The annual amount too: 金额 and 年度资金申请总额 are one.
    assert.equal(only(analyze(PROJ('    年度资金申请总额 5.00')), 'BUD008').related![0].message.zh, '第一次出现（“金额”）');
  });

  it('missing values and extra items are reported like the other project lines (BUD003, BUD004, BUD007)', () => {
    for (const [line, code, where] of [
      ['项目性质', 'BUD003', '项目性质'],
      ['开始日期', 'BUD003', '开始日期'],
      ['实施期限', 'BUD003', '实施期限'],
      ['资金总额', 'BUD003', '资金总额'],
      ['资金总额 5.00 财政资金', 'BUD003', '财政资金'],
      ['资金总额 5.00 5.00', 'BUD004', '5.00'],
      ['资金总额 5.00 财政资金 5.00 备注', 'BUD004', '备注'],
      ['上年结转资金 1.00 2.00', 'BUD004', '2.00'],
      ['资金总额 一千万', 'BUD007', '一千万'],
    ] as const) {
      const a = analyze(PROJ(`    ${line}`));
      const d = only(a, code);
      assert.equal(at(a, d), where, line);
    }
  });

  it('amounts are exact in the project’s money unit (元 in a 万元 document) and kept as written', () => {
    const { a, p } = project(unit('  项目 甲 {\n    金额单位 元\n    金额 50,000.00\n    资金总额 0.10 财政资金 0.07 其他资金 0.03\n  }'));
    assert.equal(p.fundsTotal?.unit, '元');
    assert.equal(p.fundsTotal!.value, p.fundsFiscal!.value + p.fundsOther!.value, 'exact: 0.07 + 0.03 = 0.10');
    assert.deepEqual(codes(a).filter((c) => c === 'BUD904'), []);
    assert.equal(only(a, 'BUD905').args.amount, '50,000.00', 'compared in the block’s 元');
  });
});

describe('project attributes of the performance form: checks', () => {
  it('BUD902: start after completion, at the start date, naming both, with a fix that swaps them', () => {
    const text = PROJ('    开始日期 2026-03-01\n    完成日期 2025-12-31', '年度 2025');
    const a = analyze(text);
    const d = only(a, 'BUD902');
    assert.equal(at(a, d), '2026-03-01');
    assert.equal(renderMessage(d, 'zh-CN'), '项目“甲”的开始日期 2026-03-01 晚于完成日期 2025-12-31');
    assert.equal(renderMessage(d, 'en'), 'Project “甲”: the start date 2026-03-01 is after the completion date 2025-12-31');
    assert.equal(a.text.slice(d.related![0].start, d.related![0].end), '2025-12-31');
    assert.deepEqual(codes(a).filter((c) => c === 'BUD903'), [], 'the period makes no sense: no year check on it');
    const fixed = applyEdits(text, d.fixes![0].edits);
    assert.match(fixed, /开始日期 2025-12-31\n {4}完成日期 2026-03-01/);
    assert.deepEqual(codes(analyze(fixed)), []);
  });

  it('BUD902 compares dates written to different precision by the days they cover', () => {
    assert.deepEqual(codes(analyze(PROJ('    实施期限 2025年3月 至 2025-03-15'))), [], 'the same month');
    assert.deepEqual(codes(analyze(PROJ('    实施期限 2025 至 2025-06'))), [], 'the same year');
    const a = analyze(PROJ('    实施期限 2025年12月-1月'));
    const d = only(a, 'BUD902');
    assert.equal(at(a, d), '2025年12月');
    assert.deepEqual(d.fixes, [], 'no swap when the end takes the start’s year');
  });

  it('BUD903: the fiscal year before the start or after the completion, pointing at the fiscal year', () => {
    const a = analyze(PROJ('    实施期限 2022-01-01 至 2024-12-31'));
    const d = only(a, 'BUD903');
    assert.equal(d.severity, 'warning');
    assert.equal(at(a, d), '2024-12-31');
    assert.equal(renderMessage(d, 'zh-CN'), '预算年度 2025 不在项目“甲”的实施期限（2022-01-01 至 2024-12-31）内');
    assert.equal(renderMessage(d, 'en'), 'The fiscal year 2025 is outside the period of project “甲” (2022-01-01 to 2024-12-31)');
    assert.deepEqual(d.related!.map((r) => a.text.slice(r.start, r.end)), ['2025', '2022-01-01']);
    const late = analyze(PROJ('    开始日期 2026年1月'));
    assert.equal(at(late, only(late, 'BUD903')), '2026年1月', 'a start date alone');
    assert.match(renderMessage(only(late, 'BUD903'), 'zh-CN'), /（2026年1月 至 …）/);
    assert.deepEqual(codes(analyze(PROJ('    完成日期 2025-01'))), [], 'the fiscal year ends the period');
    assert.deepEqual(codes(analyze(PROJ('    实施期限 2022-01-01 至 2024-12-31', '金额单位 万元'))).filter((c) => c === 'BUD903'), [], 'no 年度: nothing to compare');
  });

  it('BUD904: 资金总额 = 财政资金 + 其他资金, a part not written counting 0; both fixes offered, neither preferred', () => {
    const text = PROJ('    资金总额 10.00 财政资金 8.00 其他资金 1.00');
    const a = analyze(text);
    const d = only(a, 'BUD904');
    assert.equal(at(a, d), '10.00');
    assert.equal(renderMessage(d, 'zh-CN'), '项目“甲”：资金总额 10.00 ≠ 财政资金 + 其他资金 = 9.00，相差 1.00');
    assert.equal(renderMessage(d, 'en'), 'Project “甲”: total funding 10.00 ≠ fiscal funds + other funds = 9.00 (difference 1.00)');
    assert.deepEqual(d.related!.map((r) => [a.text.slice(r.start, r.end), r.message.zh]), [['8.00', '财政资金 8.00'], ['1.00', '其他资金 1.00']]);
    assert.deepEqual(d.fixes!.map((f) => [f.title.zh, f.preferred]), [['改为计算值 9.00', false]]);
    assert.deepEqual(codes(analyze(applyEdits(text, d.fixes![0].edits))), []);
    // One part written: the other is an empty cell (0); the part can take the total instead.
    const one = PROJ('    资金总额 10.00 财政资金 8.00');
    const b = only(analyze(one), 'BUD904');
    assert.deepEqual(b.fixes!.map((f) => f.title.zh), ['改为计算值 8.00', '将财政资金改为 10.00']);
    for (const f of b.fixes!) assert.deepEqual(codes(analyze(applyEdits(one, f.edits))), [], f.title.en);
    assert.deepEqual(codes(analyze(PROJ('    资金总额 10.00'))), [], 'no parts: nothing to add up');
  });

  it('BUD904 under 舍入 容差 allows the rounding of the parts', () => {
    const text = PROJ('    资金总额 10.01 财政资金 8.00 其他资金 2.00');
    assert.ok(codes(analyze(text)).includes('BUD904'));
    assert.ok(!codes(analyze(text, { rounding: 'tolerant' })).includes('BUD904'));
  });

  it('BUD905: the annual amount (金额, or its sources) above 资金总额, pointing at the amount', () => {
    const a = analyze(PROJ('    资金总额 4.00 财政资金 4.00'));
    const d = only(a, 'BUD905');
    assert.equal(d.severity, 'warning');
    assert.equal(at(a, d), '4.00');
    assert.equal(renderMessage(d, 'zh-CN'), '项目“甲”的年度金额 5.00 大于资金总额 4.00；多年的资金总额不应少于一年的金额');
    assert.match(renderMessage(d, 'en'), /annual amount 5\.00 exceeds the total funding 4\.00/);
    assert.equal(a.text.slice(d.related![0].start, d.related![0].end), '5.00');
    const bySource = analyze(unit('  项目 甲 {\n    一般公共预算 3.00\n    事业收入 2.00\n    资金总额 4.00\n  }'));
    assert.deepEqual(only(bySource, 'BUD905').related!.map((r) => bySource.text.slice(r.start, r.end)), ['3.00', '2.00']);
    assert.deepEqual(codes(analyze(PROJ('    资金总额 5.00'))), [], 'equal is fine (a one-year project)');
  });

  it('the example of docs/language.md §8.1 checks clean', () => {
    const md = readFileSync(join(ROOT, 'docs/language.md'), 'utf8');
    const section = md.slice(md.indexOf('### 8.1'));
    const example = /```\n([\s\S]*?)```/.exec(section)![1];
    const a = analyze(unit(example.replace(/^/gm, '  '), '年度 2026\n  金额单位 元'));
    assert.deepEqual(a.diagnostics.map((d) => `${d.code} ${renderMessage(d, 'zh-CN')}`), []);
    const p = a.model.units[0].projects[0];
    assert.equal(p.nature?.text, '阶段性项目');
    assert.equal(formatMoney(p.fundsTotal!.value, '元'), '10,308,000.00');
  });

  it('the published sample (城管 2026) states its form and checks clean', () => {
    const a = analyze(sample('real-chengguan-2026.budget'));
    assert.deepEqual(a.diagnostics.filter((d) => d.severity !== 'information').map((d) => d.code), []);
    const p = a.model.units[0].projects[0];
    assert.equal(p.nature?.text, '阶段性项目');
    assert.equal(p.category?.text, '特定目标类');
    assert.equal(date(a, p.startDate), '2024-01-01@2024-1-1');
    assert.equal(date(a, p.endDate), '2026-12-31@2026-12-31');
    assert.equal(formatMoney(p.fundsTotal!.value, '元'), '10,308,000.00');
    assert.equal(formatMoney(p.fundsFiscal!.value, '元'), '10,308,000.00');
    assert.equal(p.fundsOther!.value, 0n);
    assert.equal(p.fundsCarried!.value, 0n);
    assert.equal(p.longTermGoal?.text, p.goal?.text, 'the published multi-year goal reads as the annual one');
  });
});
