/**
 * The 18 tables of samples/fushun-2025.budget against the published reference: each table holds exactly
 * the published amounts, 表16/表17 every indicator row (levels, operator, value, unit, deadline); the
 * authoring-style sample (no totals written) yields the same tables; golden JSON of every table.
 * UPDATE_GOLDEN=1 rewrites test/golden/tables/*.json.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { renderJson } from '../../server/src/core/render';
import { buildTables, tableWidth, type Table } from '../../server/src/core/tables';
import { parseMoney } from '../../server/src/core/money';
import { expectGoldenFile } from '../helpers/golden';
import { amountTokens, multiset, readReference, ROOT, type RefTable } from './reference';

const SAMPLE = path.join(ROOT, 'samples/fushun-2025.budget');
const AUTHORING = path.join(ROOT, 'samples/fushun-2025-authoring.budget');
const GOLDEN_DIR = path.join(ROOT, 'test/golden/tables');

function tablesOf(file: string): { text: string; tables: Table[] } {
  const text = fs.readFileSync(file, 'utf8');
  return { text, tables: buildTables(analyze(text)) };
}

/** The displayed amounts of a table (empty cells ignored). */
function shownAmounts(t: Table): string[] {
  return t.rows.flat().filter((c) => !c.covered && c.amount !== undefined && c.text !== '').map((c) => c.text);
}

const IDS = Array.from({ length: 18 }, (_, i) => `表${i + 1}`);

/** Tables of one id and part, as a group (a table may be split over several entries only for 表17). */
function find(tables: Table[], id: string, part?: string): Table[] {
  return tables.filter((t) => t.id === id && (part === undefined || t.part === part));
}

/** The indicator rows of a 表16/表17 table with merged level cells written once, whitespace removed. */
function indicatorText(t: Table): string {
  const head = t.rows.findIndex((r) => r[0]?.text === '一级指标' && r[0]?.head);
  assert.ok(head >= 0, `${t.id} ${t.part ?? ''}: the indicator header row is missing`);
  return t.rows.slice(head + 1).map((r) => r.filter((c) => !c.covered).map((c) => c.text).join('')).join('').replace(/\s+/g, '');
}

function refIndicatorText(ref: RefTable): string {
  const s = ref.text.replace(/\s+/g, '');
  const at = s.indexOf('完成时限');
  assert.ok(at >= 0, `${ref.id}: no indicator header in the reference`);
  return s.slice(at + '完成时限'.length);
}

describe('tables: 18 standard tables vs the published reference', () => {
  const refs = readReference();
  const reviewer = tablesOf(SAMPLE);
  const authoring = tablesOf(AUTHORING);

  it('the reference splits into all 18 tables, 表17 once per project', () => {
    assert.deepEqual([...new Set(refs.map((r) => r.id))], IDS);
    const projects = refs.filter((r) => r.id === '表17');
    assert.equal(projects.length, 11);
    assert.ok(projects.every((p) => p.part), 'every 表17 page names its project');
  });

  it('builds every table, in published order, 表17 once per project', () => {
    const ids = reviewer.tables.map((t) => t.id);
    assert.deepEqual([...new Set(ids)], IDS);
    const a = analyze(fs.readFileSync(SAMPLE, 'utf8'));
    assert.deepEqual(find(reviewer.tables, '表17').map((t) => t.part), a.model.units[0].projects.map((p) => p.name.text));
    assert.equal(reviewer.tables.length, 17 + 11);
  });

  for (const id of IDS.filter((x) => x !== '表17')) {
    it(`${id}: exactly the published amounts`, () => {
      const ref = refs.filter((r) => r.id === id);
      assert.equal(ref.length, 1, `${id} appears once in the reference`);
      const expected = amountTokens(ref[0].text);
      const got = find(reviewer.tables, id).flatMap(shownAmounts);
      assert.deepEqual(multiset(got), multiset(expected));
    });
  }

  it('表17: each project page has exactly the published amounts', () => {
    for (const ref of refs.filter((r) => r.id === '表17')) {
      const t = find(reviewer.tables, '表17', ref.part);
      assert.equal(t.length, 1, `表17 for “${ref.part}”`);
      assert.deepEqual(multiset(shownAmounts(t[0])), multiset(amountTokens(ref.text)), ref.part);
    }
  });

  it('表16 and every 表17: all indicator rows with their levels, operator, value, unit and deadline', () => {
    const pairs: Array<[RefTable, Table]> = [];
    pairs.push([refs.find((r) => r.id === '表16')!, find(reviewer.tables, '表16')[0]]);
    for (const ref of refs.filter((r) => r.id === '表17')) pairs.push([ref, find(reviewer.tables, '表17', ref.part)[0]]);
    for (const [ref, t] of pairs) {
      assert.equal(indicatorText(t), refIndicatorText(ref), `${t.id} ${t.part ?? ''}`);
      // As many indicator rows as the publication has deadlines.
      const head = t.rows.findIndex((r) => r[0]?.text === '一级指标');
      assert.equal(t.rows.length - head - 1, (ref.text.match(/\d{4}-\d{2}/g) ?? []).length, `${t.id} ${t.part ?? ''}: row count`);
    }
  });

  it('the authoring sample (no totals written) produces the same amounts in every table', () => {
    assert.deepEqual(authoring.tables.map((t) => `${t.id}|${t.part ?? ''}`), reviewer.tables.map((t) => `${t.id}|${t.part ?? ''}`));
    authoring.tables.forEach((t, i) => {
      assert.deepEqual(multiset(shownAmounts(t)), multiset(shownAmounts(reviewer.tables[i])), `${t.id} ${t.part ?? ''}`);
      // Same layout: the same cells, row by row, apart from the project texts the authoring sample shortens.
      assert.deepEqual(t.rows.map((r) => r.map((c) => c.amount)), reviewer.tables[i].rows.map((r) => r.map((c) => c.amount)), `${t.id} ${t.part ?? ''}`);
    });
  });

  it('every table is rectangular and its header spans its width', () => {
    for (const t of [...reviewer.tables, ...authoring.tables]) {
      const w = tableWidth(t);
      assert.equal(t.columns.length, w, `${t.id}: columns`);
      for (const r of t.rows) assert.equal(r.length, w, `${t.id}: row width`);
      for (const r of t.rows) {
        let covered = 0;
        for (const c of r) {
          if ((c.colSpan ?? 1) > 1) covered += (c.colSpan ?? 1) - 1;
        }
        assert.ok(r.filter((c) => c.covered).length >= covered, `${t.id}: spanned cells are marked covered`);
      }
    }
  });

  it('amount cells point at their source: declared amounts (reviewer), row codes for computed figures (authoring)', () => {
    for (const id of ['表3', '表12']) {
      const t = find(reviewer.tables, id)[0];
      for (const c of t.rows.flat().filter((x) => x.amount !== undefined && x.text !== '')) {
        assert.ok(c.span, `${id} ${c.text}: span`);
        const src = reviewer.text.slice(c.span!.start, c.span!.end);
        // 表12 shows totals over sources; the reviewer writes each row's 合计, so the span is that literal.
        assert.equal(parseMoney(src, '万元'), parseMoney(c.amount!, '万元'), `${id} ${c.text} → “${src}”`);
      }
    }
    const t3 = find(authoring.tables, '表3')[0];
    for (const r of t3.rows.slice(1)) {
      const code = r[0].text;
      for (const c of r.slice(2).filter((x) => x.text !== '')) {
        const src = authoring.text.slice(c.span!.start, c.span!.end);
        // A written fact (人员/公用 on a leaf), the row's code, or the project's 功能科目 line for project shares.
        assert.ok(parseMoney(src, '万元') === parseMoney(c.amount!, '万元') || src === code || /^\d{7}$/.test(src), `${code} ${c.text} → “${src}”`);
      }
    }
  });

  it('amounts are formatted as published: thousands separators, two decimals, zero shown empty', () => {
    for (const t of reviewer.tables) {
      for (const c of t.rows.flat()) {
        if (c.amount === undefined) continue;
        if (/^-?0(\.0+)?$/.test(c.amount)) assert.equal(c.text, '', `${t.id}: zero is empty`);
        else assert.match(c.text, /^-?\d{1,3}(,\d{3})*\.\d{2,}$/, `${t.id}: ${c.text}`);
      }
    }
  });

  it('locale en adds English subtitles and keeps the official Chinese titles', () => {
    const en = buildTables(analyze(fs.readFileSync(SAMPLE, 'utf8')), 'en');
    assert.equal(en[0].title, '收支预算总表');
    assert.ok(en.every((t) => t.titleEn && /[A-Za-z]/.test(t.titleEn)));
    assert.ok(reviewer.tables.every((t) => t.titleEn === undefined));
  });

  for (const [name, data] of [['fushun-2025', reviewer], ['fushun-2025-authoring', authoring]] as const) {
    it(`golden JSON: ${name}`, () => {
      expectGoldenFile(path.join(GOLDEN_DIR, `${name}.json`), renderJson(data.tables));
    });
  }
});

describe('tables: several units and edge cases', () => {
  const unit = (name: string, amount: string, project?: string): string => `
  单位 ${name} {
    性质 事业单位
    收入 {
      一般公共预算 ${amount}
    }
    支出 {
      2080150 事业运行 人员 ${amount}
    }
    ${project ?? ''}
  }`;

  it('a department: 表2/表9 list the 合计 then each unit; per-unit tables repeat for each unit', () => {
    const text = `部门 测试部门 {\n${unit('甲单位', '10.00', '项目 甲项目 { 功能科目 2080150\n 金额 1.50 }')}\n${unit('乙单位', '20.00', '项目 乙项目 { 功能科目 2080150\n 金额 2.25 }')}\n}`;
    const a = analyze(text);
    assert.equal(a.figures.length, 2);
    const ts = buildTables(a);
    const t2 = ts.filter((t) => t.id === '表2');
    assert.equal(t2.length, 1);
    assert.deepEqual(t2[0].rows.map((r) => r[0].text), ['合计', '甲单位', '乙单位']);
    assert.deepEqual(t2[0].rows.map((r) => r[1].text), ['30.00', '10.00', '20.00']);
    assert.equal(t2[0].unitName, '测试部门');
    const t9 = ts.filter((t) => t.id === '表9')[0];
    assert.deepEqual(t9.rows.map((r) => r[0].text || r[1].text), ['合计', '甲单位', '甲项目', '乙单位', '乙项目']);
    assert.deepEqual(t9.rows.map((r) => r[3].text), ['3.75', '1.50', '1.50', '2.25', '2.25']);
    const t3 = ts.filter((t) => t.id === '表3');
    assert.deepEqual(t3.map((t) => t.unitName), ['甲单位', '乙单位']);
    assert.deepEqual(t3.map((t) => t.rows[0][2].text), ['11.50', '22.25']);
    assert.equal(ts.filter((t) => t.id === '表17').length, 2);
  });

  it('by-source columns: carried-over money and unit funds land in their columns', () => {
    const text = `单位 测试单位 {
      收入 {
        一般公共预算 100
        事业收入 5
        上年结转 一般公共预算 7
      }
      支出 {
        2080150 事业运行 人员 100
        2080150 事业运行 来源 事业收入 人员 5
        2080150 事业运行 来源 上年结转 一般公共预算 公用 7
      }
    }`;
    const ts = buildTables(analyze(text));
    const t10 = ts.find((t) => t.id === '表10')!;
    const cols = t10.columns;
    const total = t10.rows[0];
    assert.equal(total[cols.indexOf('总计')].text, '112.00');
    // 本年收入: 合计, 一般公共预算 … 单位资金 ; 上年结转结余: 合计, 一般公共预算 …
    assert.deepEqual(total.slice(3, 9).map((c) => c.text), ['105.00', '100.00', '', '', '', '5.00']);
    assert.deepEqual(total.slice(9, 15).map((c) => c.text), ['7.00', '7.00', '', '', '', '']);
    const t1 = ts.find((t) => t.id === '表1')!;
    assert.deepEqual(t1.rows.find((r) => r[0].text === '上年结转结余')!.slice(0, 2).map((c) => c.text), ['上年结转结余', '7.00']);
    assert.deepEqual(t1.rows.find((r) => r[0].text === '收入总计')!.slice(0, 2).map((c) => c.text), ['收入总计', '112.00']);
    // 表5 is this year's 一般公共预算 only; 表4 counts fiscal money of both years.
    assert.equal(ts.find((t) => t.id === '表5')!.rows[0][2].text, '100.00');
    const t4 = ts.find((t) => t.id === '表4')!;
    assert.equal(t4.rows[0][3].text, '107.00');
    assert.equal(t4.rows.find((r) => r[0].text === '二、上年结转')![1].text, '7.00');
  });

  it('an empty or broken document yields no tables and never throws', () => {
    assert.deepEqual(buildTables(analyze('')), []);
    assert.doesNotThrow(() => buildTables(analyze('单位 X {\n 支出 {\n 208 abc 1,2,3\n 项目 {')));
  });

  it('list tables (表14, 表18) take their rows from the declarations', () => {
    const text = `单位 测试单位 {
      政府采购 {
        办公设备 12.50
        软件 总计 3
      }
      专项资金 {
        就业专项 总计 100 已分配 60 未分配 40
      }
    }`;
    const ts = buildTables(analyze(text));
    const t14 = ts.find((t) => t.id === '表14')!;
    assert.deepEqual(t14.rows.map((r) => [r[0].text, r[1].text, r[2].text]), [['合计', '', '15.50'], ['测试单位', '办公设备', '12.50'], ['', '软件', '3.00']]);
    const t18 = ts.find((t) => t.id === '表18')!;
    assert.deepEqual(t18.rows.map((r) => r.map((c) => c.text)), [['合计', '100.00', '60.00', '40.00'], ['就业专项', '100.00', '60.00', '40.00']]);
  });

  it('list tables of a department: each unit counts with its written 合计, else the sum of its rows', () => {
    const text = '部门 某局 {\n  单位 甲 {\n    政府采购 {\n      合计 100.00\n      其中 面向中小企业预留 50.00\n    }\n  }\n  单位 乙 {\n    政府采购 {\n      打印机 30.00\n    }\n  }\n}\n';
    const t14 = buildTables(analyze(text)).find((t) => t.id === '表14')!;
    assert.equal(t14.rows[0][2].text, '130.00');
  });

  it('list tables: a written 合计 row is the table’s 合计 (its own source span); 其中 rows are shown, not summed', () => {
    const text = `单位 测试单位 {
      政府采购 {
        合计 16.00
        其中 面向中小企业预留 3.00
        办公设备 12.50
        软件 总计 3
      }
      专项资金 {
        合计 100 已分配 60 未分配 40
        就业专项 总计 100 已分配 60 未分配 40
      }
    }`;
    const ts = buildTables(analyze(text));
    const t14 = ts.find((t) => t.id === '表14')!;
    assert.deepEqual(t14.rows.map((r) => [r[0].text, r[1].text, r[2].text]), [['合计', '', '16.00'], ['测试单位', '其中 面向中小企业预留', '3.00'], ['', '办公设备', '12.50'], ['', '软件', '3.00']]);
    assert.equal(text.slice(t14.rows[0][2].span!.start, t14.rows[0][2].span!.end), '16.00');
    const t18 = ts.find((t) => t.id === '表18')!;
    assert.deepEqual(t18.rows.map((r) => r.map((c) => c.text)), [['合计', '100.00', '60.00', '40.00'], ['就业专项', '100.00', '60.00', '40.00']]);
  });
});
