import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { BIND_CODES, TIDY_CODES } from '../../../server/src/core/bind';
import { renderMessage } from '../../../server/src/core/diagnostics';
import { applyEdits } from '../../../server/src/core/features/codeActions';
import { at, codes, unit } from '../util';
import { FUNC, IND, PROJ, runCases } from '../checks/cases';

describe('binder: statements of the wrong shape, amounts, codes, dates', () => {
  runCases(BIND_CODES.filter((c) => !(TIDY_CODES as readonly string[]).includes(c)), [
    { code: 'BUD015', what: 'an accounting-style negative (1.00) pasted from a PDF', bad: FUNC('    208 社会保障和就业支出 人员 2.00 公用 (1.00)'), good: FUNC('    208 社会保障和就业支出 人员 2.00 公用 -1.00'), where: '(1.00)' },
    { code: 'BUD002', what: 'unknown statement in a unit', bad: unit('  预算 1'), good: unit('  编码 1'), where: '预算' },
    { code: 'BUD003', what: 'label without amount', bad: FUNC('    208 社会保障和就业支出 人员'), good: FUNC('    208 社会保障和就业支出 人员 1.00'), where: '人员' },
    { code: 'BUD004', what: 'unlabelled second amount', bad: FUNC('    208 社会保障和就业支出 1.00 2.00'), good: FUNC('    208 社会保障和就业支出 1.00 人员 1.00'), where: '2.00' },
    { code: 'BUD005', what: 'full-width digits', bad: FUNC('    208 社会保障和就业支出 人员 １.００'), good: FUNC('    208 社会保障和就业支出 人员 1.00'), where: '１.００' },
    { code: 'BUD111', what: 'a code printed with its 款 cut short (301 2 for 301 02), one error with the likely code', bad: unit('  经济分类 {\n    301 工资福利支出 基本 3.00\n    301 01 基本工资 基本 1.00\n    301 2 津贴补贴 基本 2.00\n  }'), good: unit('  经济分类 {\n    301 工资福利支出 基本 3.00\n    301 01 基本工资 基本 1.00\n    301 02 津贴补贴 基本 2.00\n  }'), where: '301 2' },
    { code: 'BUD017', what: 'a GBK file read as UTF-8 (replacement characters)', bad: unit('  \ufffd\ufffd\ufffd 2025'), good: unit('  年度 2025'), where: '\ufffd\ufffd\ufffd' },
    { code: 'BUD007', what: 'malformed amount', bad: FUNC('    208 社会保障和就业支出 人员 1,00.5'), good: FUNC('    208 社会保障和就业支出 人员 100.5'), where: '1,00.5' },
    { code: 'BUD008', what: 'attribute written twice', bad: unit('  编码 1\n  编码 2'), good: unit('  编码 1'), where: '编码' },
    { code: 'BUD009', what: 'section without block', bad: unit('  支出'), good: unit('  支出 {\n  }'), where: '支出' },
    { code: 'BUD608', what: 'malformed date', bad: IND('      发放人数 >= 100 人 2025-13'), good: IND('      发放人数 >= 100 人 2025-12'), where: '2025-13' },
    { code: 'BUD701', what: 'more than 2 decimals in 万元', bad: FUNC('    208 社会保障和就业支出 人员 1.005'), good: FUNC('    208 社会保障和就业支出 人员 1.01'), where: '1.005' },
    { code: 'BUD702', what: 'more precise than a tick', bad: FUNC('    208 社会保障和就业支出 人员 1.000000001'), good: FUNC('    208 社会保障和就业支出 人员 1.00000001'), where: '1.000000001' },
    { code: 'BUD703', what: 'more digits than an amount is read with (not read: unknown)', bad: FUNC(`    208 社会保障和就业支出 人员 ${'9'.repeat(31)}`), good: FUNC(`    208 社会保障和就业支出 人员 ${'9'.repeat(15)}.${'9'.repeat(15)}`), where: '9'.repeat(31) },
    { code: 'BUD802', what: 'bad money unit', bad: unit('  编码 1', '年度 2025\n  金额单位 千元'), good: unit('  编码 1', '年度 2025\n  金额单位 元'), where: '千元' },
    { code: 'BUD803', what: 'unknown unit kind (information)', bad: unit('  性质 合作社'), good: unit('  性质 事业单位'), where: '合作社' },
    { code: 'BUD804', what: 'bad year', bad: unit('  编码 1', '年度 二〇二五'), good: unit('  编码 1', '年度 2025'), where: '二〇二五' },
    { code: 'BUD807', what: 'an unknown layout (表式)', bad: unit('  编码 1', '年度 2025\n  表式 北京'), good: unit('  编码 1', '年度 2025\n  表式 上海'), where: '北京' },
    { code: 'BUD901', what: 'a project date that is no calendar date', bad: PROJ('    开始日期 2025-02-30'), good: PROJ('    开始日期 2025-02-28'), where: '2025-02-30' },
  ]);

  it('an income or 三公 line written twice (a row repeated at a page break) is flagged at the second, pointing at the first', () => {
    for (const block of ['  收入 {\n    一般公共预算 5.00\n    事业收入 1.00\n    一般公共预算 1.00\n  }', '  三公 {\n    公务接待费 5.00\n    公务接待费 1.00\n  }']) {
      const a = analyze(unit(block));
      const d = a.diagnostics.filter((x) => x.code === 'BUD008');
      assert.equal(d.length, 1, block);
      assert.equal(d[0].related?.length, 1);
      assert.ok(d[0].related![0].start < d[0].start);
    }
  });

  it('a code in full-width digits is read as the code, flagged with a fix (whole or in columns)', () => {
    const a = analyze(FUNC('    ２０８ 社会保障和就业支出 人员 1.00\n    ２０８ ０１ 人力资源和社会保障管理事务 人员 1.00'));
    assert.deepEqual(a.model.units[0].func!.rows.map((r) => r.code), ['208', '20801']);
    const d = a.diagnostics.filter((x) => x.code === 'BUD005');
    assert.equal(d.length, 3);
    assert.deepEqual(d[0].fixes?.[0].edits.map((e) => e.newText), ['208']);
    assert.ok(!a.diagnostics.some((x) => x.severity === 'error'), a.diagnostics.map((x) => x.code).join(' '));
  });

  it('“1 234.56” (a thousands separator turned into a space) gets a fix that joins it', () => {
    const text = FUNC('    208 社会保障和就业支出 1 234.56');
    const d = analyze(text).diagnostics.find((x) => x.code === 'BUD004')!;
    assert.match(renderMessage(d, 'zh-CN'), /千分位成了空格/);
    assert.ok(applyEdits(text, d.fixes![0].edits).includes('社会保障和就业支出 1,234.56'));
    assert.equal(analyze(applyEdits(text, d.fixes![0].edits)).diagnostics.filter((x) => x.severity === 'error').length, 0);
  });

  it('review round: a block states its money unit once (a second is BUD008, the first stays)', () => {
    const a = analyze(unit('  三公 {\n    金额单位 万元\n    公务接待费 1.00\n    金额单位 元\n  }'));
    assert.deepEqual(a.diagnostics.filter((d) => d.code === 'BUD008').map((d) => a.text.slice(d.start, d.end)), ['金额单位']);
    assert.equal(a.model.units[0].sangong!.lines[0].amount!.text, '1.00');
    assert.equal(a.model.units[0].sangong!.lines[0].amount!.unit, '万元', 'read in the first unit stated');
  });

  it('review round: list tables — one block per table, a column once per row, a page reference in 内容 kept, a version in a name is no negative', () => {
    const dup = analyze(unit('  政府采购 {\n    合计 15.00\n    办公设备 10.00\n  }\n  政府采购 {\n    打印机 5.00\n  }'));
    assert.ok(dup.diagnostics.some((d) => d.code === 'BUD008' && at(dup, d) === '政府采购'));
    const col = analyze(unit('  专项资金 {\n    就业补助资金 500.00 总计 600.00 已分配 300.00 未分配 200.00\n  }'));
    assert.deepEqual(col.diagnostics.filter((d) => d.code === 'BUD008').map((d) => at(col, d)), ['总计']);
    assert.equal(col.model.units[0].lists[0].rows[0].cells['总计'].text, '500.00', 'the first stays');
    const page = analyze(unit('  项目 甲 {\n    金额 1.00\n    内容 详见 第 3 页\n  }'));
    assert.equal(page.model.units[0].projects[0].content?.text, '详见 第 3 页');
    assert.ok(!page.diagnostics.some((d) => d.code === 'BUD013'));
    // `合计：` with a colon and a spaced-out `其 中` as a PDF gives them.
    const roles = analyze(unit('  政府采购 {\n    合计： 100.00\n    其 中 残疾人福利单位 70.00\n    办公设备 100.00\n  }'));
    assert.deepEqual(roles.model.units[0].lists[0].rows.map((r) => r.role ?? ''), ['total', 'part', '']);
    assert.deepEqual(roles.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), []);
    const version = analyze(unit('  政府采购 {\n    智慧社保 (2.0) 版 100.00\n  }'));
    assert.ok(!version.diagnostics.some((d) => d.code === 'BUD015'));
    assert.equal(version.model.units[0].lists[0].rows[0].name?.text, '智慧社保 (2.0) 版');
  });

  it('a row name may contain spaces; it ends at the first column label or amount', () => {
    const a = analyze(FUNC('    208 社会保障 和就业支出 1.00 人员 1.00'));
    assert.equal(a.model.units[0].func!.rows[0].name?.text, '社会保障 和就业支出');
    assert.deepEqual(codes(a, 'error'), []);
  });

  it('codes written in columns are joined', () => {
    const a = analyze(FUNC('    208 社会保障和就业支出\n    208 01 人力资源和社会保障管理事务\n    208 01 50 事业运行 人员 1.00'));
    assert.deepEqual(codes(a, 'error'), []);
    assert.ok(a.figures[0].func.byCode.has('2080150'));
  });

  it('a department of several units keeps each unit separate and inherits attributes', () => {
    const a = analyze('部门 某部门 {\n  年度 2025\n  性质 事业单位\n  单位 甲 {\n    支出 {\n      208 社会保障和就业支出 人员 1.00\n    }\n  }\n  单位 乙 {\n    支出 {\n      208 社会保障和就业支出 人员 2.00\n    }\n  }\n}\n');
    assert.equal(a.model.units.length, 2);
    assert.equal(a.model.departments[0].units.length, 2);
    assert.equal(a.model.units[1].year, 2025);
    assert.equal(a.model.units[1].department?.text, '某部门');
    assert.equal(a.figures[1].func.root.cells.total, 200_000_000n);
    assert.deepEqual(codes(a, 'warning'), []);
  });

  it('a two-digit amount after a code stays an amount; columns join up to the classification’s length', () => {
    const a = analyze(unit('  支出 {\n    208 社会保障和就业支出 50\n    20801 50\n  }\n  经济分类 {\n    301 01 基本工资 人员 1.00\n    302 商品和服务支出\n    30201 50\n  }'));
    assert.deepEqual(a.model.units[0].func!.rows.map((r) => [r.code, r.cells.total?.text]), [['208', '50'], ['20801', '50']]);
    assert.deepEqual(a.model.units[0].econ!.rows.map((r) => r.code), ['30101', '302', '30201']);
    assert.equal(a.model.units[0].econ!.rows[2].cells.total?.text, '50');
  });

  it('list-table names may hold digits (金保工程2期)', () => {
    const a = analyze(unit('  政府采购 {\n    金保工程2期 12.00\n  }'));
    assert.deepEqual(a.diagnostics, []);
    assert.equal(a.model.units[0].lists[0].rows[0].name?.text, '金保工程2期');
  });

  it('full-width digits in an indicator value are flagged with a fix', () => {
    const a = analyze(IND('      培训人次 ＝ ５０ 人 2025-12'));
    const d = a.diagnostics.find((x) => x.code === 'BUD005');
    assert.equal(d?.fixes?.[0].edits[0].newText, '50');
  });

  it('a malformed code is one error, not a cascade: the row is read as columns where the context puts it', () => {
    const cut = analyze(unit('  支出 {\n    208 社会保障和就业支出 3.00\n    208 05 行政事业单位养老支出 3.00\n    208 05 01 行政单位离退休 1.00\n    8 05 02 事业单位离退休 2.00\n  }'));
    assert.deepEqual(cut.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['BUD111']);
    const d = cut.diagnostics.find((x) => x.code === 'BUD111')!;
    assert.match(renderMessage(d, 'zh-CN'), /是否为 2080502？/);
    assert.equal(d.fixes?.[0].edits[0].newText, '208 05 02');
    assert.ok(cut.figures[0].func.byCode.has('2080502'));
    // Without a likely code the row is left out of the totals, and the message says so.
    const lost = analyze(unit('  支出 {\n    9 05 02 事业单位离退休 2.00\n  }'));
    assert.deepEqual(lost.diagnostics.filter((x) => x.severity === 'error').map((x) => x.code), ['BUD111']);
    assert.match(renderMessage(lost.diagnostics.find((x) => x.code === 'BUD111')!, 'zh-CN'), /本行不计入汇总/);
  });
});
