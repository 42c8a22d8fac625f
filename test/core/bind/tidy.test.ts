import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { TIDY_CODES } from '../../../server/src/core/bind';
import { renderMessage, type DiagnosticCode } from '../../../server/src/core/diagnostics';
import { applyEdits } from '../../../server/src/core/features/codeActions';
import { at, codes, ROOT, unit } from '../util';
import { ECON, FUNC, INCF, runCases } from '../checks/cases';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('tidy: text pasted from a PDF or Word, a block left open', () => {
  runCases(TIDY_CODES, [
    { code: 'BUD014', what: 'a keyword spread out by a PDF table cell', bad: FUNC('    合　　计 1.00\n    208 社会保障和就业支出 1.00'), good: FUNC('    合计 1.00\n    208 社会保障和就业支出 1.00'), where: '合　　计' },
    { code: 'BUD013', what: 'a PDF page number on a line of its own', bad: FUNC('    208 社会保障和就业支出 人员 1.00\n第 3 页 共 18 页'), good: FUNC('    208 社会保障和就业支出 人员 1.00'), where: '第 3 页 共 18 页' },
    { code: 'BUD016', what: 'two table rows joined on one line by a PDF copy', bad: ECON('    301 工资福利支出 70.00\n    30101 基本工资 50.00 30102 津贴补贴 20.00'), good: ECON('    301 工资福利支出 70.00\n    30101 基本工资 50.00\n    30102 津贴补贴 20.00'), where: '30102 津贴补贴 20.00' },
    { code: 'BUD012', what: 'a no-break space from a PDF between a name and a figure', bad: FUNC('    208 社会保障和就业支出\u00a0人员 1.00'), good: FUNC('    208 社会保障和就业支出 人员 1.00'), where: '\u00a0' },
    { code: 'BUD001', what: 'stray closing brace', bad: unit('  编码 1') + '}\n', good: unit('  编码 1'), where: '}' },
    { code: 'BUD006', what: 'unterminated string', bad: unit('  主管部门 "抚顺'), good: unit('  主管部门 "抚顺"'), where: '"抚顺' },
  ]);

  it('unusual spaces pasted from a PDF separate like spaces (each run flagged once, with a fix); a line of them is nothing', () => {
    const text = FUNC('    208\u00a0社会保障和就业支出\u2002人员\u00a03.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n\u00a0\u00a0\n    \u00a0');
    const a = analyze(text);
    const row = a.model.units[0].func!.rows[0];
    assert.equal(row.code, '208');
    assert.equal(row.name?.text, '社会保障和就业支出');
    assert.equal(row.cells.personnel?.text, '3.00');
    // The declared 人员 is checked as a total: 3.00 against its child's 1.00.
    assert.ok(a.diagnostics.some((d) => d.code === 'BUD201'), a.diagnostics.map((d) => d.code).join(' '));
    const odd = a.diagnostics.filter((d) => d.code === 'BUD012');
    // Four single ones and one run of two on the line of its own (one fault, one report).
    assert.equal(odd.length, 5);
    assert.match(renderMessage(odd[0], 'zh-CN'), /不换行空格（U\+00A0）/);
    assert.deepEqual(odd[0].fixes?.[0].edits, [{ start: odd[0].start, end: odd[0].end, newText: ' ' }]);
    const run = odd.find((d) => d.end - d.start === 2)!;
    assert.equal(text.slice(run.start, run.end), '\u00a0\u00a0');
    assert.deepEqual(run.fixes?.[0].edits, [{ start: run.start, end: run.end, newText: '  ' }]);
    assert.ok(!a.diagnostics.some((d) => d.code === 'BUD002' || d.code === 'BUD001'), 'no statement made of spaces');
  });

  it('a missing inner “}”: one error where the lines go back to the block’s indentation, a fix, and the rest keeps its meaning', () => {
    const text = readFileSync(join(ROOT, 'samples', 'fushun-2025.budget'), 'utf8');
    const ref = analyze(text);
    const drop = (after: string): string => {
      const i = text.indexOf(after);
      const j = text.indexOf('\n  }\n', i);
      return text.slice(0, j) + text.slice(j + 4);
    };
    for (const [after, next] of [['  收入 {', '  # 表3'], ['  三公 {', '  # 表8']]) {
      const broken = drop(after);
      const a = analyze(broken);
      const errors = a.diagnostics.filter((d) => d.severity === 'error');
      assert.equal(errors.length, 1, errors.map((d) => `${d.code} ${renderMessage(d, 'zh-CN')}`).join('\n'));
      const e = errors[0];
      assert.equal(e.code, 'BUD001');
      assert.ok(broken.slice(e.start).startsWith(next.trim()) || broken.lastIndexOf(next, e.start) >= 0, broken.slice(e.start, e.start + 20));
      assert.match(renderMessage(e, 'zh-CN'), /块应在此行之前结束/);
      assert.equal(e.related?.length, 2);
      // The rest of the file means what it meant: the same rows, projects and figures.
      assert.equal(a.model.units[0].func?.rows.length, ref.model.units[0].func?.rows.length);
      assert.equal(a.model.units[0].projects.length, ref.model.units[0].projects.length);
      // The fix puts the brace back: no error left.
      const fixed = applyEdits(broken, e.fixes![0].edits);
      assert.equal(analyze(fixed).diagnostics.filter((d) => d.severity === 'error').length, 0);
    }
  });

  it('a missing “}” without indentation to go by, or the last one of the file, is reported at its “{”', () => {
    const flat = '单位 甲 {\n年度 2025\n支出 {\n208 社会保障和就业支出 1.00\n经济分类 {\n301 工资福利支出 1.00\n}\n}\n';
    const a = analyze(flat);
    const e = a.diagnostics.filter((d) => d.code === 'BUD001');
    assert.equal(e.length, 1);
    assert.equal(flat[e[0].start], '{');
    const last = unit('  年度 2025').replace(/\}\n$/, '');
    const b = analyze(last).diagnostics.filter((d) => d.code === 'BUD001');
    assert.equal(b.length, 1);
    assert.equal(last[b[0].start], '{');
  });

  it('spaced-out keywords (合　　计, 收 入 总 计) are read as the words, each flagged with a fix; other spaced names are left alone', () => {
    const text = unit('  收入 {\n    一般公共预算 5.00\n    收 入 总 计 5.00\n  }\n  支出 {\n    合　　计 5.00\n    208 社 保 5.00\n  }');
    const a = analyze(text);
    const d = a.diagnostics.filter((x) => x.code === 'BUD014');
    assert.deepEqual(d.map((x) => x.args.word), ['收入总计', '合计']);
    assert.ok(!a.diagnostics.some((x) => x.severity === 'error'), a.diagnostics.map((x) => `${x.code} ${renderMessage(x, 'zh-CN')}`).join('\n'));
    assert.equal(a.model.units[0].func!.rows[0].name?.text, '社 保');
    assert.equal(applyEdits(text, d[1].fixes![0].edits).includes('    合计 5.00'), true);
  });

  it('review round: a spaced-out name is not cut at a keyword inside it; a long spaced paragraph stays one text per character', () => {
    const a = analyze(ECON('    301 工资福利支出 50.00\n    30101 基 本 工 资 50.00'));
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), []);
    assert.ok(!a.diagnostics.some((d) => d.code === 'BUD014'), 'only a whole run that is a keyword is joined');
    const long = analyze(unit(`  项目 甲 {\n    金额 1.00\n    总体目标 ${'按 时 完 成 各 项 工 作 '.repeat(100)}\n  }`));
    assert.equal(long.model.units[0].projects[0].goal?.text.length, 1599);
    assert.ok(!long.diagnostics.some((d) => d.code === 'BUD014'));
  });

  it('a PDF page number joined to a row is taken off it (one warning, a fix), and the row keeps its meaning', () => {
    const text = FUNC('    208 社会保障和就业支出 人员 1.00 第3页/共18页\n    20801 人力资源和社会保障管理事务 人员 1.00');
    const a = analyze(text);
    assert.deepEqual(a.diagnostics.filter((d) => d.severity !== 'information').map((d) => d.code), ['BUD013']);
    const d = a.diagnostics.find((x) => x.code === 'BUD013')!;
    assert.equal(text.slice(d.start, d.end), '第3页/共18页');
    const fixed = applyEdits(text, d.fixes![0].edits);
    assert.ok(fixed.includes('人员 1.00\n'), fixed);
    assert.equal(a.model.units[0].func!.rows[0].cells.personnel?.text, '1.00');
  });
});

describe('tidy: tables pasted from a PDF — accounting negatives and joined rows', () => {
  /** The text with every fix of the diagnostics of `code` applied. */
  const fixAll = (a: ReturnType<typeof analyze>, code: DiagnosticCode): string => applyEdits(a.text, a.diagnostics.filter((d) => d.code === code).flatMap((d) => d.fixes![0].edits));

  const NEGATIVES = unit([
    '  收入 {',
    '    一般公共预算 100.00',
    '    上年结转 一般公共预算 (20.00)',
    '    收入总计 80.00',
    '  }',
    '  支出 {',
    '    合计 80.00',
    '    208 社会保障和就业支出 80.00 人员 100.00 公用 （20.00）',
    '    20801 人力资源和社会保障管理事务 人员 100.00 公用 (20.00)',
    '    2080150 事业运行 人员 100.00 公用 (20.00)',
    '  }',
    '  三公 {',
    '    合计 0.50',
    '    公务用车运行费 1.50',
    '    公务接待费 (1.00)',
    '  }',
  ].join('\n'));

  it('(20.00) and （20.00） in amount positions are read as negatives (totals check), each flagged with a fix to -20.00', () => {
    const a = analyze(NEGATIVES);
    const d = a.diagnostics.filter((x) => x.code === 'BUD015');
    assert.deepEqual(d.map((x) => at(a, x)), ['(20.00)', '（20.00）', '(20.00)', '(20.00)', '(1.00)']);
    assert.equal(d[0].severity, 'warning');
    assert.equal(renderMessage(d[0], 'zh-CN'), '“(20.00)”是财务报表用括号表示的负数，按 -20.00 读取；本语言的负数写作 -20.00');
    assert.equal(renderMessage(d[1], 'en'), '“（20.00）” is an accounting-style negative amount (in parentheses), read as -20.00; this language writes it -20.00');
    assert.deepEqual(d[1].fixes?.[0].edits, [{ start: d[1].start, end: d[1].end, newText: '-20.00' }]);
    assert.equal(d[1].fixes?.[0].title.zh, '改为 -20.00');
    // Read as negatives: 收入总计 100 − 20, 合计 100 − 20, 三公 1.50 − 1.00 all check, and nothing cascades.
    assert.deepEqual(a.diagnostics.filter((x) => x.severity !== 'information' && x.code !== 'BUD015').map((x) => `${x.code} ${at(a, x)}`), []);
    const u = a.model.units[0];
    assert.equal(u.income!.lines.find((l) => l.carried)!.amount!.value, -2_000_000_000n);
    assert.equal(u.func!.rows[0].cells.public?.value, -2_000_000_000n);
    assert.equal(u.func!.rows[0].cells.public?.text, '（20.00）');
    assert.equal(a.figures[0].func.root.cells.total, 8_000_000_000n);
    // Every fix applied: the language's notation, the same figures, a clean check.
    const fixed = fixAll(a, 'BUD015');
    assert.ok(fixed.includes('    上年结转 一般公共预算 -20.00\n') && fixed.includes('人员 100.00 公用 -20.00\n') && fixed.includes('    公务接待费 -1.00\n'), fixed);
    const b = analyze(fixed);
    assert.deepEqual(b.diagnostics.filter((x) => x.severity !== 'information').map((x) => x.code), []);
    assert.equal(b.figures[0].func.root.cells.total, a.figures[0].func.root.cells.total);
  });

  it('before: a parenthesised amount was three items and a cascade of errors (now one warning per amount)', () => {
    // The pieces as the lexer gives them: `(` is text, `20.00` a number, `)` text. The binder reads them as one.
    const a = analyze(FUNC('    208 社会保障和就业支出 人员 100.00 公用 (20.00)'));
    assert.deepEqual(a.diagnostics.filter((x) => x.severity !== 'information').map((x) => x.code), ['BUD015']);
  });

  it('thousands separators and full-width digits inside the parentheses: the fix writes plain digits (no separate BUD005)', () => {
    const a = analyze(unit('  项目 甲 {\n    金额 (1,234.56)\n    一般公共预算 （１,２３４.５６）\n  }', '年度 2025\n  金额单位 元'));
    const d = a.diagnostics.filter((x) => x.code === 'BUD015');
    assert.deepEqual(d.map((x) => x.fixes![0].edits[0].newText), ['-1,234.56', '-1,234.56']);
    assert.ok(!a.diagnostics.some((x) => x.code === 'BUD005'));
    const p = a.model.units[0].projects[0];
    assert.equal(p.amount?.value, -12_345_600n);
    assert.equal(p.bySource[0].amount.value, -12_345_600n);
    assert.deepEqual(codes(a, 'error'), []);
  });

  it('parentheses in names and texts are left alone: 差旅费（含培训）, 测试(2025), (1), (2025), and the text of 内容', () => {
    const text = unit([
      '  支出 {',
      '    208 社会保障和就业支出',
      '    20801 人力资源和社会保障管理事务',
      '    2080109 社会保险经办机构（本级） 项目 1.00',
      '  }',
      '  经济分类 {',
      '    302 商品和服务支出 项目 1.00',
      '    30211 差旅费（含培训） 项目 1.00',
      '  }',
      '  项目 测试(2025) {',
      '    内容 分 (3) 批发放，合计 (1.00) 万元',
      '    金额 1.00',
      '    功能科目 2080109',
      '    经济分类 {',
      '      30211 差旅费（含培训） 1.00',
      '    }',
      '  }',
      '  政府采购 {',
      '    办公设备 (1) 12.00',
      '    印刷服务 (2025) 1.00',
      '  }',
    ].join('\n'));
    const a = analyze(text);
    assert.ok(!a.diagnostics.some((x) => x.code === 'BUD015'));
    assert.deepEqual(codes(a, 'error'), []);
    const u = a.model.units[0];
    assert.equal(u.func!.rows[2].name?.text, '社会保险经办机构（本级）');
    assert.equal(u.econ!.rows[1].name?.text, '差旅费（含培训）');
    assert.equal(u.projects[0].name.text, '测试(2025)');
    assert.equal(u.projects[0].content?.text, '分 (3) 批发放，合计 (1.00) 万元');
    assert.deepEqual(u.lists[0].rows.map((r) => r.name?.text), ['办公设备 (1)', '印刷服务 (2025)']);
  });

  const JOINED = FUNC([
    '    合计 150.50 208 社会保障和就业支出 150.50',
    '    20801 人力资源和社会保障管理事务 150.50',
    '    2080109 社会保险经办机构 120.50 人员 100.00 公用 20.50 2080150 事业运行 20.00 人员 20.00 2080199 其他人力资源和社会保障管理事务支出 10.00 人员 10.00',
  ].join('\n'));

  it('rows joined on one line (a PDF copy) are read as rows (totals check), each flagged on its part with a fix that breaks the line', () => {
    const a = analyze(JOINED);
    const d = a.diagnostics.filter((x) => x.code === 'BUD016');
    assert.deepEqual(d.map((x) => at(a, x)), [
      '208 社会保障和就业支出 150.50',
      '2080150 事业运行 20.00 人员 20.00',
      '2080199 其他人力资源和社会保障管理事务支出 10.00 人员 10.00',
    ]);
    assert.equal(d[0].severity, 'warning');
    assert.equal(renderMessage(d[1], 'zh-CN'), '“2080150 事业运行”是另一行（从 PDF 复制时两行表格连成了一行），已按单独的一行读取；请拆成两行');
    assert.equal(renderMessage(d[1], 'en'), '“2080150 事业运行” is another row (two table rows joined on one line, as copying from a PDF gives); it is read as a row of its own — split the line');
    assert.equal(d[1].fixes?.[0].title.zh, '拆成两行');
    const sec = a.model.units[0].func!;
    assert.equal(sec.total?.cells.total?.text, '150.50');
    assert.deepEqual(sec.rows.map((r) => [r.code, r.name?.text, r.cells.total?.text, r.cells.personnel?.text]), [
      ['208', '社会保障和就业支出', '150.50', undefined],
      ['20801', '人力资源和社会保障管理事务', '150.50', undefined],
      ['2080109', '社会保险经办机构', '120.50', '100.00'],
      ['2080150', '事业运行', '20.00', '20.00'],
      ['2080199', '其他人力资源和社会保障管理事务支出', '10.00', '10.00'],
    ]);
    // Each row's span is its own part of the line.
    assert.equal(a.text.slice(sec.rows[2].span.start, sec.rows[2].span.end), '2080109 社会保险经办机构 120.50 人员 100.00 公用 20.50');
    assert.deepEqual(a.diagnostics.filter((x) => x.severity === 'error' || (x.severity === 'warning' && x.code !== 'BUD016')).map((x) => x.code), []);
    // One fix breaks its line at the line's indentation.
    const one = applyEdits(JOINED, d[1].fixes![0].edits);
    assert.ok(one.includes('公用 20.50\n    2080150 事业运行 20.00 人员 20.00 2080199'), one);
    // All of them: one row a line, the same rows, nothing left to report.
    const fixed = fixAll(a, 'BUD016');
    assert.ok(fixed.includes('    合计 150.50\n    208 社会保障和就业支出 150.50\n'), fixed);
    assert.ok(fixed.includes('公用 20.50\n    2080150 事业运行 20.00 人员 20.00\n    2080199 其他人力资源和社会保障管理事务支出 10.00 人员 10.00\n'), fixed);
    const b = analyze(fixed);
    assert.deepEqual(b.diagnostics.filter((x) => x.severity !== 'information').map((x) => x.code), []);
    assert.deepEqual(b.model.units[0].func!.rows.map((r) => [r.code, r.cells.total?.text]), sec.rows.map((r) => [r.code, r.cells.total?.text]));
  });

  it('before: the second row was three unexpected items and a wrong roll-up (now one warning)', () => {
    const a = analyze(ECON('    301 工资福利支出 70.00\n    30101 基本工资 50.00 30102 津贴补贴 20.00'));
    assert.deepEqual(a.diagnostics.filter((x) => x.severity !== 'information').map((x) => x.code), ['BUD016']);
    assert.deepEqual(a.model.units[0].econ!.rows.map((r) => [r.code, r.name?.text, r.cells.total?.text]), [['301', '工资福利支出', '70.00'], ['30101', '基本工资', '50.00'], ['30102', '津贴补贴', '20.00']]);
  });

  it('joined rows with codes in columns, in 收入科目 and in a project’s 经济分类, with CRLF line ends', () => {
    const text = unit([
      '  收入科目 {',
      '    208 社会保障和就业支出 3.00 一般公共预算 3.00 208 05 行政事业单位养老支出 3.00 一般公共预算 3.00',
      '    208 05 05 机关事业单位基本养老保险缴费支出 1.00 一般公共预算 1.00 208 05 06 机关事业单位职业年金缴费支出 2.00 一般公共预算 2.00',
      '  }',
      '  支出 {',
      '    208 社会保障和就业支出 3.00',
      '    20805 行政事业单位养老支出 3.00',
      '    2080505 机关事业单位基本养老保险缴费支出 人员 1.00',
      '    2080506 机关事业单位职业年金缴费支出 项目 2.00',
      '  }',
      '  项目 甲 {',
      '    金额 2.00',
      '    功能科目 2080506',
      '    经济分类 {',
      '      30201 办公费 1.50 30202 印刷费 0.50',
      '    }',
      '  }',
    ].join('\n')).replace(/\n/g, '\r\n');
    const a = analyze(text);
    const d = a.diagnostics.filter((x) => x.code === 'BUD016');
    assert.deepEqual(d.map((x) => x.args.found), ['208 05 行政事业单位养老支出', '208 05 06 机关事业单位职业年金缴费支出', '30202 印刷费']);
    assert.deepEqual(a.model.units[0].incomeFunc!.rows.map((r) => r.code), ['208', '20805', '2080505', '2080506']);
    assert.deepEqual(a.model.units[0].projects[0].econ.map((l) => [l.code, l.amount?.text]), [['30201', '1.50'], ['30202', '0.50']]);
    assert.deepEqual(a.diagnostics.filter((x) => x.severity !== 'information' && x.code !== 'BUD016').map((x) => x.code), []);
    const fixed = fixAll(a, 'BUD016');
    assert.ok(fixed.includes('      30201 办公费 1.50\r\n      30202 印刷费 0.50\r\n'), JSON.stringify(fixed));
    assert.deepEqual(analyze(fixed).diagnostics.filter((x) => x.severity !== 'information').map((x) => x.code), []);
  });

  it('not a joined row: names with digits, several amounts by column, integer amounts, “1 234.56”, another class’s code', () => {
    const cases = [
      FUNC('    208 社会保障和就业支出 150.50 基本 120.50 人员 100.00 公用 20.50 项目 30.00'),
      FUNC('    208 第3批 补助 30.00'),
      FUNC('    208 "2025年度 补助" 30.00 人员 30.00'),
      FUNC('    208 社会保障和就业支出 30.00 2025年度补助'),
      FUNC('    208 社会保障和就业支出 30.00 301 工资福利支出'),
      FUNC('    208 社会保障和就业支出 1 234.56'),
      INCF('    208 社会保障和就业支出 5.00 财政拨款收入 5.00 一般公共预算 3.00 政府性基金预算 2.00'),
      unit('  经济分类 {\n    301 工资福利支出 50000 30000 20000\n  }', '年度 2025\n  金额单位 元'),
      unit('  经济分类 {\n    301 工资福利支出 50000 30101 20000\n  }', '年度 2025\n  金额单位 元'),
    ];
    for (const text of cases) {
      const a = analyze(text);
      assert.ok(!a.diagnostics.some((x) => x.code === 'BUD016'), text);
      assert.ok(a.model.units[0].func?.rows.length !== 2 && (a.model.units[0].econ?.rows.length ?? 1) === 1, text);
    }
  });
});
