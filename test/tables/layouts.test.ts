/**
 * Layouts (表式): the Shanghai department layout against a published document, table for table (every printed amount,
 * in the order printed, in the unit printed: test/fixtures/real/, with provenance); the two other Shanghai samples
 * (every amount they write, in the table that prints it); goldens per sample; the cell rules (a written figure as
 * written, a computed one marked, a disagreeing one kept and marked, a printed 0 kept, an unknown one blank, each
 * table in its layout's money unit, converted exactly); choosing a layout (stated, inferred, the hover saying which
 * and why); the tables a stated layout requires (BUD808, BUD809 and its fix).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/features/codeActions';
import { complete } from '../../server/src/core/features/completion';
import { hover } from '../../server/src/core/features/hover';
import { renderJson } from '../../server/src/core/render';
import { buildTables, layoutOf, layoutSummary, tableWidth, type Table, type TableCell } from '../../server/src/core/tables';
import { expectGolden, sample } from '../helpers/golden';
import { ROOT } from './reference';

const WANLI = sample('real-wanli-2025.budget');
const CHENGGUAN = sample('real-chengguan-2026.budget');
const WENLVJU = sample('real-wenlvju-2026.budget');
/** The samples' own 表式 line (their header comments mention it too). */
const STATED = '\n  表式 上海部门\n';

/** The amounts a table shows, row by row, left to right (empty cells left out). */
function amounts(t: Table): string[] {
  return t.rows.flat().filter((c) => !c.covered && c.amount !== undefined && c.text !== '').map((c) => c.text);
}

/** A table of the published text: its title, unit line and body, up to the next table or the 说明 after the tables. */
interface PrintedTable {
  title: string;
  unit: string;
  text: string;
}

/** The tables of a published department budget as pdftotext -layout gives them (a title line, then 编制部门：…). */
function printedTables(text: string): PrintedTable[] {
  const lines = text.split(/\r?\n/);
  const out: PrintedTable[] = [];
  let cur: { title: string; unit: string; body: string[] } | undefined;
  const close = (): void => {
    if (cur) out.push({ title: cur.title, unit: cur.unit, text: cur.body.join('\n') });
    cur = undefined;
  };
  lines.forEach((l, i) => {
    const next = lines[i + 1] ?? '';
    if (next.trim().startsWith('编制部门')) {
      close();
      cur = { title: l.trim(), unit: /单位[:：]\s*(\S+)/.exec(next)?.[1] ?? '', body: [] };
    } else if (l.trim() === '其他相关情况说明') close();
    else if (cur && !l.trim().startsWith('编制部门')) cur.body.push(l);
  });
  close();
  return out;
}

/** Printed amounts in reading order: whole tokens with thousands separators and optional decimals (not 1. or 2025年). */
function printedAmounts(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    // A classification row starts with its code in 类/款/项 columns: those are codes, not amounts.
    const body = line.replace(/^\s*\d{3}(?:\s+\d{2}){0,2}(?=\s+\D)/, '');
    return body.split(/\s+/).filter((t) => /^\d{1,3}(?:,\d{3})*(?:\.\d+)?$/.test(t));
  });
}

/** The codes of a printed classification table, in order (类/款/项 joined). */
function printedCodes(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    const m = /^\s*(\d{3})(?:\s+(\d{2}))?(?:\s+(\d{2}))?\s+\D/.exec(line);
    return m ? [m.slice(1).filter(Boolean).join('')] : [];
  });
}

/** The codes of a table's rows (类/款/项 cells joined), in order. */
function codesOf(t: Table, parts: number): string[] {
  return t.rows.filter((r) => /^\d{3}$/.test(r[0].text)).map((r) => r.slice(0, parts).map((c) => c.text).join(''));
}

const normalize = (s: string): string => s.replace(/\s+/g, '').replace(/:/g, '：');

describe('layouts: 上海部门 — 万里街道 2025 against its published PDF (text), table for table', () => {
  const a = analyze(WANLI);
  const tables = buildTables(a);
  const printed = printedTables(fs.readFileSync(path.join(ROOT, 'test/fixtures/real/shanghai-putuo-wanli-2025.pdftotext.txt'), 'utf8'));

  it('the document prints the 9 tables of the department layout, and the sample renders them in that order', () => {
    assert.equal(printed.length, 9);
    assert.deepEqual(tables.map((t) => t.title), printed.map((p) => p.title));
    assert.deepEqual(tables.map((t) => t.id), ['表1', '表2', '表3', '表4', '表5', '表6', '表7', '表8', '表9']);
    assert.ok(tables.every((t) => t.layout === '上海部门'));
  });

  for (let i = 0; i < 9; i++) {
    it(`表${i + 1}: every printed amount, in the order printed, in the unit printed`, () => {
      const t = tables[i];
      const p = printed[i];
      assert.equal(t.moneyUnit, p.unit, 'money unit');
      assert.equal(t.unitLine?.right.replace(':', '：'), `单位：${p.unit}`);
      assert.deepEqual(amounts(t), printedAmounts(p.text));
    });
  }

  it('classification tables: the codes in the order printed, in 类/款/项 columns, 合计 last', () => {
    for (const i of [1, 2, 4]) assert.deepEqual(codesOf(tables[i], 3), printedCodes(printed[i].text), tables[i].title);
    assert.deepEqual(codesOf(tables[7], 2), printedCodes(printed[7].text));
    for (const i of [1, 2, 4, 5, 6, 7]) assert.equal(tables[i].rows[tables[i].rows.length - 1][0].text, '合计', `${tables[i].id}: 合计 last`);
  });

  it('the empty tables (政府性基金, 国有资本经营) are published with the note the document prints', () => {
    for (const i of [5, 6]) {
      const note = /注[:：].*/.exec(printed[i].text)?.[0];
      assert.ok(note, printed[i].title);
      assert.equal(normalize(tables[i].note ?? ''), normalize(note!));
      assert.deepEqual(amounts(tables[i]), []);
    }
  });

  it('表9: the 三公 table in 万元 with 机关运行经费, as printed (15 and 0 as written)', () => {
    const t = tables[8];
    assert.equal(t.moneyUnit, '万元');
    assert.deepEqual(t.columns, ['“三公”经费合计', '因公出国(境)费', '公务接待费', '公务用车购置及运行费小计', '公务用车购置费', '公务用车运行费', '机关运行经费']);
    assert.deepEqual(t.rows[0].map((c) => c.text), ['37.91', '0', '1.35', '36.56', '15', '21.56', '464.64']);
    assert.equal(t.header[0][1].text, '机关运行经费预算数');
  });

  it('21201: the written 94,995,790 is shown, marked with its computed value (the diagnostic, or its related information, at the same span)', () => {
    for (const t of [tables[1], tables[2]]) {
      const row = t.rows.find((r) => r.slice(0, 3).map((c) => c.text).join('') === '21201')!;
      const cell = row[4];
      assert.equal(cell.text, '94,995,790');
      assert.equal(cell.differs, '94,995,789');
      // One fault, one report: the diagnostic stands at the cell, or names it as related information (表2 prints the
      // same figure as 表3, reported once).
      const at = (s: { start: number; end: number }): boolean => s.start === cell.span!.start && s.end === cell.span!.end;
      assert.ok(a.diagnostics.some((d) => d.severity === 'error' && (at(d) || (d.related ?? []).some(at))), `${t.id}: a diagnostic at the cell`);
    }
  });

  it('golden (json)', () => {
    expectGolden('tables', 'real-wanli-2025', JSON.parse(renderJson(tables)));
  });
});

/** The amounts written in a section (for 收入科目: in the columns the Shanghai 表2 prints). */
function writtenTexts(a: Analysis, which: 'func' | 'econ' | 'incomeFunc' | 'sangong'): string[] {
  const u = a.model.units[0];
  if (which === 'sangong') return u.sangong!.lines.flatMap((l) => (l.amount ? [l.amount.text] : []));
  if (which === 'incomeFunc') {
    const printed = ['收入总计', '财政拨款', '事业收入', '事业单位经营收入', '其他收入'];
    return [...u.incomeFunc!.rows, u.incomeFunc!.total!].flatMap((r) => r.cells.flatMap((c) => (c.amount && !c.carried && printed.includes(c.item) ? [c.amount.text] : [])));
  }
  const sec = u[which]!;
  return [...sec.rows, ...(sec.total ? [sec.total] : [])].flatMap((r) => Object.values(r.cells).map((c) => c!.text));
}

function multiset(xs: string[]): Record<string, number> {
  const m: Record<string, number> = {};
  for (const x of xs) m[x] = (m[x] ?? 0) + 1;
  return Object.fromEntries(Object.entries(m).sort(([p], [q]) => p.localeCompare(q)));
}

for (const [name, text, golden] of [['城市管理行政执法局 2026', CHENGGUAN, 'real-chengguan-2026'], ['文化和旅游局 2026', WENLVJU, 'real-wenlvju-2026']] as const) {
  describe(`layouts: 上海部门 — ${name}: every written amount in the table that prints it`, () => {
    const a = analyze(text);
    const tables = buildTables(a);
    const byId = (id: string): Table => tables.find((t) => t.id === id)!;

    it('the 9 tables in order (and the project form for the one published project), 元 but 表9 in 万元', () => {
      assert.deepEqual(tables.filter((t) => /^表\d$/.test(t.id)).map((t) => t.id), ['表1', '表2', '表3', '表4', '表5', '表6', '表7', '表8', '表9']);
      assert.deepEqual(tables.filter((t) => /^表\d$/.test(t.id)).map((t) => t.moneyUnit), ['元', '元', '元', '元', '元', '元', '元', '元', '万元']);
      assert.equal(tables.filter((t) => t.id === '项目说明').length, a.model.units[0].projects.length);
    });

    it('支出 → 表3, 收入科目 → 表2, 经济分类 → 表8, 三公 → 表9 (in 万元): exactly the amounts written, as written', () => {
      // The document leaves a cell blank where nothing is printed; the transcription writes nothing there, and the
      // tables compute nothing there: each table shows exactly the amounts written in its section.
      assert.deepEqual(multiset(amounts(byId('表3'))), multiset(writtenTexts(a, 'func')));
      assert.deepEqual(multiset(amounts(byId('表2'))), multiset(writtenTexts(a, 'incomeFunc')));
      assert.deepEqual(multiset(amounts(byId('表8'))), multiset(writtenTexts(a, 'econ')));
      assert.deepEqual(amounts(byId('表9')).length, 7);
      assert.deepEqual(multiset(amounts(byId('表9'))), multiset(writtenTexts(a, 'sangong')));
    });

    it('golden (json)', () => {
      expectGolden('tables', golden, JSON.parse(renderJson(tables)));
    });
  });
}

// ── the cell rules ────────────────────────────────────────────────────────────────────────────────────

/** A small Shanghai unit budget (元) with a parent row written, a parent row not written, zeros and blanks. */
const SMALL = (func: string, extra = ''): string => `单位 某街道社区服务中心 {
  表式 上海单位
  年度 2026
  金额单位 元
  主管部门 某区某街道办事处
  收入 {
    一般公共预算 300
    事业收入
    收入总计 300
  }
  支出 {
${func}
  }
${extra}}
`;

const cellOf = (t: Table, code: string, col: number): TableCell => t.rows.find((r) => r.slice(0, 3).map((c) => c.text).join('') === code)![col];

describe('layouts: the cell rules', () => {
  it('a written figure is shown as written; only where nothing is written the computed one (marked)', () => {
    const a = analyze(SMALL('    208 社会保障和就业支出 300 基本 300\n    208 05 行政事业单位养老支出 基本 300\n    208 05 05 机关事业单位基本养老保险缴费支出 200 基本 200\n    208 05 06 机关事业单位职业年金缴费支出 100 基本 100'));
    const t3 = buildTables(a).find((t) => t.id === '表3')!;
    const written = cellOf(t3, '208', 4);
    assert.deepEqual([written.text, written.computed, written.differs], ['300', undefined, undefined]);
    // 20805 writes its 基本 only: the 合计 is computed (marked), the 基本 written.
    const total = cellOf(t3, '20805', 4);
    assert.deepEqual([total.text, total.computed], ['300', true]);
    assert.equal(cellOf(t3, '20805', 5).computed, undefined);
    // The 合计 row: nothing written, all computed.
    const last = t3.rows[t3.rows.length - 1];
    assert.deepEqual(last.slice(4).map((c) => [c.text, c.computed]), [['300', true], ['300', true], ['', undefined]]);
  });

  it('a written figure that disagrees with its computed value is kept, marked with the computed one, reported at its span', () => {
    const a = analyze(SMALL('    208 社会保障和就业支出 301 基本 300\n    208 05 行政事业单位养老支出 300 基本 300'));
    const t3 = buildTables(a).find((t) => t.id === '表3')!;
    const c = cellOf(t3, '208', 4);
    assert.deepEqual([c.text, c.differs, c.computed], ['301', '300', undefined]);
    assert.ok(a.diagnostics.some((d) => d.code === 'BUD201' && d.start === c.span!.start), 'BUD201 at the written 301');
  });

  it('a printed 0 stays a 0; an unstated cell stays blank (unknown is not zero); a computed zero prints as the layout does', () => {
    const a = analyze(SMALL('    208 社会保障和就业支出 300 基本 300 项目 0', '  三公 {\n    金额单位 万元\n    因公出国（境）费 0\n    公务接待费 0.00\n  }\n'));
    const tables = buildTables(a);
    const t3 = tables.find((t) => t.id === '表3')!;
    assert.equal(cellOf(t3, '208', 6).text, '0');
    const t1 = tables.find((t) => t.id === '表1')!;
    const business = t1.rows.find((r) => r[0].text === '二、事业收入')!;
    assert.deepEqual([business[1].text, business[1].amount], ['', undefined], '事业收入 written without an amount: blank, no figure');
    const t9 = tables.find((t) => t.id === '表9')!;
    // 合计 and 小计 are computed from the zeros written: 0 (Shanghai prints zeros); 购置费, 运行费, 机关运行经费 unknown.
    assert.deepEqual(t9.rows[0].map((c) => [c.text, c.computed ?? false]), [['0', true], ['0', false], ['0.00', false], ['', false], ['', false], ['', false], ['', false]]);
    // The reference layout prints a computed zero blank, a written one as written.
    const ref = buildTables(analyze('单位 甲 {\n  年度 2025\n  三公 {\n    因公出国（境）费 0\n    公务接待费 0\n  }\n}\n')).find((t) => t.id === '表7')!;
    assert.deepEqual(ref.rows[0].map((c) => [c.text, c.computed ?? false]), [['', true], ['0.00', false], ['', false], ['', false], ['', false], ['0.00', false]]);
  });

  it('each table in its layout’s money unit: 元 tables of a 万元 file, the 万元 三公 table of a 元 file — exact, never rounded', () => {
    const yuanFile = analyze(SMALL('    208 社会保障和就业支出 300 基本 300', '  三公 {\n    公务接待费 13,500\n    机关运行经费 5,072,538\n  }\n'));
    const t9 = buildTables(yuanFile).find((t) => t.id === '表9')!;
    assert.equal(t9.moneyUnit, '万元');
    assert.equal(t9.rows[0][2].text, '1.35');
    assert.equal(t9.rows[0][6].text, '507.2538', '5,072,538 元 is 507.2538 万元 exactly');
    const wan = analyze(SMALL('    208 社会保障和就业支出 300 基本 300').replace('金额单位 元', '金额单位 万元'));
    const t3 = buildTables(wan).find((t) => t.id === '表3')!;
    assert.equal(t3.moneyUnit, '元');
    assert.equal(cellOf(t3, '208', 4).text, '3,000,000');
    assert.equal(cellOf(t3, '208', 4).amount, '3000000.00');
    // The reference layout keeps the document's unit.
    const ref = buildTables(analyze(sample('department-yuan.budget')));
    assert.ok(ref.every((t) => t.layout === '辽宁' && t.moneyUnit === '元'));
  });

  it('every row of every table is as wide as its header', () => {
    for (const text of [WANLI, CHENGGUAN, WENLVJU, SMALL('    208 社会保障和就业支出 300 基本 300')]) {
      for (const t of buildTables(analyze(text))) for (const r of t.rows) assert.equal(r.length, tableWidth(t), `${t.id} ${t.title}`);
    }
  });
});

// ── choosing a layout ─────────────────────────────────────────────────────────────────────────────────

describe('layouts: 表式 stated, or inferred (and the hover on the unit says which and why)', () => {
  const unitHover = (a: Analysis): string => {
    const u = a.model.units[0];
    return hover(a, u.name.span.start + 1, 'zh-CN')!.contents;
  };

  it('stated: 表式 上海部门 / 上海单位 / 辽宁, at the top, in a 部门 or in the unit', () => {
    assert.equal(layoutOf(analyze(WANLI).model.units[0]).explicit, true);
    const ref = analyze(WANLI.replace(STATED, '\n  表式 辽宁\n'));
    assert.equal(buildTables(ref).filter((t) => /^表\d+$/.test(t.id)).length, 17, 'the reference layout: 18 tables (表17 once per project: none here)');
    const top = analyze(`表式 上海单位\n${SMALL('    208 社会保障和就业支出 300 基本 300').replace('  表式 上海单位\n', '')}`);
    assert.equal(layoutOf(top.model.units[0]).layout.id, '上海单位');
    const dept = analyze(`部门 某局 {\n  表式 上海\n  ${SMALL('    208 社会保障和就业支出 300 基本 300').replace('  表式 上海单位\n', '')}}\n`);
    assert.equal(layoutOf(dept.model.units[0]).layout.id, '上海单位', '上海: a unit whose 主管部门 is another is a unit budget');
  });

  it('上海 chooses the department layout for a department’s own budget (its own 主管部门)', () => {
    const a = analyze(WANLI.replace(STATED, '\n  表式 上海\n'));
    assert.equal(layoutOf(a.model.units[0]).layout.id, '上海部门');
    assert.match(unitHover(a), /表式 \*\*上海部门\*\*（9 张表）：文件写明“表式 上海”，主管部门就是本单位/);
  });

  it('inferred: without 表式, the Shanghai documents (元, 收入科目 or 国有资本经营预算支出) get the same tables', () => {
    for (const text of [WANLI, CHENGGUAN, WENLVJU]) {
      const stated = analyze(text);
      const inferred = analyze(text.replace(STATED, '\n'));
      const c = layoutOf(inferred.model.units[0]);
      assert.equal(c.explicit, false);
      assert.equal(c.layout.id, '上海部门');
      assert.equal(renderJson(buildTables(inferred)), renderJson(buildTables(stated)));
      assert.match(unitHover(inferred), /表式 \*\*上海部门\*\*（9 张表）：未写表式；金额单位为元且写了“收入科目”/);
    }
  });

  it('inferred: anything else is the reference layout, and the hover says so', () => {
    for (const name of ['fushun-2025.budget', 'department-yuan.budget', 'income-by-function.budget', 'comparison.budget']) {
      const a = analyze(sample(name));
      assert.ok(a.model.units.every((u) => layoutOf(u).layout.id === '辽宁' && !layoutOf(u).explicit), name);
    }
    assert.match(unitHover(analyze(sample('fushun-2025.budget'))), /表式 \*\*辽宁\*\*（18 张表）：未写表式/);
    assert.deepEqual(layoutSummary(analyze(WANLI), 'en').map((l) => [l.id, l.explicit]), [['上海部门', true]]);
  });

  it('completion after 表式 offers the layouts, with their names', () => {
    const text = '单位 甲 {\n  表式 \n}\n';
    const items = complete(analyze(text), text.indexOf('表式 ') + 3, 'zh-CN').items;
    assert.deepEqual(items.map((i) => i.label), ['上海部门', '上海单位', '上海', '辽宁']);
    assert.equal(items.find((i) => i.label === '辽宁')?.detail, '辽宁（参考表式，18 张表）');
  });

  it('an unknown 表式 is BUD807 and the layout is inferred', () => {
    const a = analyze(WANLI.replace(STATED, '\n  表式 北京\n'));
    assert.ok(a.diagnostics.some((d) => d.code === 'BUD807' && a.text.slice(d.start, d.end) === '北京'));
    assert.equal(layoutOf(a.model.units[0]).layout.id, '上海部门');
    assert.equal(layoutOf(a.model.units[0]).explicit, false);
  });
});

describe('layouts: the tables a stated layout publishes', () => {
  it('the three Shanghai samples publish all of them (no BUD808, no BUD809)', () => {
    for (const text of [WANLI, CHENGGUAN, WENLVJU]) assert.deepEqual(analyze(text).diagnostics.filter((d) => d.code === 'BUD808' || d.code === 'BUD809'), []);
  });

  it('an empty table not stated empty: BUD809 at the unit, fixed by writing the statement (the table then carries its note)', () => {
    const text = WANLI.replace('  国有资本经营预算支出 无\n', '');
    const a = analyze(text);
    const d = a.diagnostics.filter((x) => x.code === 'BUD809');
    assert.equal(d.length, 1);
    assert.equal(a.text.slice(d[0].start, d[0].end), '上海市普陀区人民政府万里街道办事处');
    assert.equal(d[0].related?.[0] && a.text.slice(d[0].related[0].start, d[0].related[0].end), '上海部门');
    assert.equal(buildTables(a).find((t) => t.id === '表7')!.note, undefined);
    const fixed = applyEdits(text, d[0].fixes![0].edits);
    assert.match(fixed, /\n {2}国有资本经营预算支出 无\n\}\n$/);
    const b = analyze(fixed);
    assert.deepEqual(b.diagnostics.filter((x) => x.code === 'BUD809'), []);
    assert.equal(buildTables(b).find((t) => t.id === '表7')!.note, '注：本部门2025年无国有资本经营预算财政拨款安排的预算，故本表为空表。');
  });

  it('a missing section: BUD808 names the table and what is missing; an inferred layout asks for nothing', () => {
    const noSangong = WANLI.replace(/ {2}三公 \{[\s\S]*?\n {2}\}\n/, '');
    const a = analyze(noSangong);
    const d = a.diagnostics.filter((x) => x.code === 'BUD808');
    assert.equal(d.length, 1);
    assert.equal(d[0].args.table, '表9 2025年部门“三公”经费和机关运行经费预算表');
    assert.equal(d[0].args.what, '本单位没有“三公”块');
    assert.deepEqual(analyze(noSangong.replace(STATED, '\n')).diagnostics.filter((x) => x.code === 'BUD808'), []);
  });
});
