/**
 * 表2 for a unit with a 收入科目 block: the 收入预算总表 as Shanghai publishes it — income by function code, one
 * column per funding source, the 合计 row first, codes in code order with indentation. Units without the block
 * keep the by-unit 表2 of the reference publication (its goldens are in golden.test.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { buildTables, headerPaths, tableWidth, type Table } from '../../server/src/core/tables';
import { ROOT } from './reference';

const SAMPLE = fs.readFileSync(path.join(ROOT, 'samples/income-by-function.budget'), 'utf8');

/** The rows of a table as displayed text (covered cells left out). */
function shown(t: Table): string[][] {
  return t.rows.map((r) => r.filter((c) => !c.covered).map((c) => c.text));
}

/** Each column's header path, joined: `财政拨款收入/一般公共预算`. */
function columns(t: Table): string[] {
  return headerPaths(t.header, tableWidth(t)).map((p) => p.join('/'));
}

describe('tables: 表2 收入预算总表 by function code (收入科目)', () => {
  const tables = buildTables(analyze(SAMPLE));

  it('replaces the by-unit 表2 of a unit with the block; the other tables stay', () => {
    assert.deepEqual(tables.filter((t) => t.id === '表2').length, 1);
    assert.deepEqual([...new Set(tables.map((t) => t.id))], ['表1', '表2', '表3', '表4', '表5', '表6', '表7', '表8', '表9', '表10', '表11', '表12', '表13', '表14', '表15', '表16', '表18']);
    const t2 = tables.find((t) => t.id === '表2')!;
    assert.equal(t2.title, '收入预算总表');
    assert.equal(t2.subtitle, '单位名称：某区城市管理服务中心 单位：万元');
  });

  it('header: 科目编码 | 科目名称 | 合计 | 财政拨款收入 (小计 and its sources) | 事业收入 | 事业单位经营收入 | 其他收入', () => {
    const t2 = tables.find((t) => t.id === '表2')!;
    assert.deepEqual(columns(t2), [
      '科目编码', '科目名称', '合计', '财政拨款收入/小计', '财政拨款收入/一般公共预算', '财政拨款收入/政府性基金预算', '财政拨款收入/国有资本经营预算',
      '事业收入', '事业单位经营收入', '其他收入',
    ]);
    assert.equal(t2.header.length, 2);
    for (const r of t2.rows) assert.equal(r.length, tableWidth(t2), 'rectangular');
  });

  it('rows: the 合计 row first, then codes in code order with 类/款/项 indentation, amounts as published', () => {
    const t2 = tables.find((t) => t.id === '表2')!;
    assert.deepEqual(shown(t2), [
      ['合计', '980.00', '880.00', '820.00', '60.00', '', '90.00', '', '10.00'],
      ['208', '社会保障和就业支出', '160.00', '160.00', '160.00', '', '', '', '', ''],
      ['20805', '行政事业单位养老支出', '160.00', '160.00', '160.00', '', '', '', '', ''],
      ['2080505', '机关事业单位基本养老保险缴费支出', '100.00', '100.00', '100.00', '', '', '', '', ''],
      ['2080506', '机关事业单位职业年金缴费支出', '60.00', '60.00', '60.00', '', '', '', '', ''],
      ['212', '城乡社区支出', '820.00', '720.00', '660.00', '60.00', '', '90.00', '', '10.00'],
      ['21201', '城乡社区管理事务', '760.00', '660.00', '660.00', '', '', '90.00', '', '10.00'],
      ['2120101', '行政运行', '500.00', '500.00', '500.00', '', '', '', '', ''],
      ['2120104', '城管执法', '260.00', '160.00', '160.00', '', '', '90.00', '', '10.00'],
      ['21205', '城乡社区环境卫生', '60.00', '60.00', '', '60.00', '', '', '', ''],
      ['2120501', '城乡社区环境卫生', '60.00', '60.00', '', '60.00', '', '', '', ''],
    ]);
    assert.deepEqual(t2.rows.slice(1).map((r) => r[1].indent ?? 0), [0, 1, 2, 2, 0, 1, 2, 2, 1, 2]);
    assert.equal(t2.rows[0][0].head, true);
    assert.equal(t2.rows[0][0].colSpan, 2);
  });

  it('amount cells carry the exact amount and point at the written figure', () => {
    const t2 = tables.find((t) => t.id === '表2')!;
    const row = t2.rows.find((r) => r[0].text === '2120104')!;
    assert.equal(row[9].amount, '10.00');
    assert.equal(SAMPLE.slice(row[9].span!.start, row[9].span!.end), '10.00');
    assert.match(SAMPLE.slice(SAMPLE.lastIndexOf('\n', row[9].span!.start), row[9].span!.start), /212 01 04 城管执法 /);
    assert.equal(row[3].amount, '160.00');
    assert.equal(row[6].amount, undefined, 'no figure: no amount');
  });

  it('an unsplit 财政拨款收入 is one column (one header row); 单位资金, carry-over and other sources appear when written', () => {
    const plain = buildTables(analyze('单位 甲 {\n  收入科目 {\n    合计 5 财政拨款收入 5\n    208 社会保障和就业支出 5 财政拨款收入 5\n  }\n}\n')).find((t) => t.id === '表2')!;
    assert.deepEqual(columns(plain), ['科目编码', '科目名称', '合计', '财政拨款收入', '事业收入', '事业单位经营收入', '其他收入']);
    assert.equal(plain.header.length, 1);
    assert.deepEqual(shown(plain), [['合计', '5.00', '5.00', '', '', ''], ['208', '社会保障和就业支出', '5.00', '5.00', '', '', '']]);
    const rich = buildTables(analyze('单位 甲 {\n  收入科目 {\n    208 社会保障和就业支出 9 财政拨款收入 3 单位资金 3 上级补助收入 3 上年结转 一般公共预算 2 上年结转 事业收入 1\n  }\n}\n')).find((t) => t.id === '表2')!;
    assert.deepEqual(columns(rich), [
      '科目编码', '科目名称', '合计', '财政拨款收入', '单位资金/小计', '单位资金/事业收入', '单位资金/事业单位经营收入', '单位资金/上级补助收入', '单位资金/其他收入',
      '上年结转/小计', '上年结转/一般公共预算', '上年结转/事业收入',
    ]);
    assert.deepEqual(shown(rich)[0], ['合计', '9.00', '3.00', '3.00', '', '', '3.00', '', '3.00', '2.00', '1.00']);
  });

  it('a department: the by-unit 表2 lists the units without the block; each unit with it gets its own by-function 表2', () => {
    const text = '部门 某局 {\n  单位 甲 {\n    收入 {\n      一般公共预算 5\n    }\n    收入科目 {\n      208 社会保障和就业支出 5 一般公共预算 5\n    }\n  }\n  单位 乙 {\n    收入 {\n      一般公共预算 7\n    }\n  }\n}\n';
    const t2 = buildTables(analyze(text)).filter((t) => t.id === '表2');
    assert.deepEqual(t2.map((t) => [t.unitName, t.columns[0]]), [['某局', '单位名称'], ['甲', '科目编码']]);
    assert.deepEqual(t2[0].rows.map((r) => r[0].text), ['合计', '甲', '乙'], 'the by-unit summary still counts every unit');
    const both = buildTables(analyze(text.replace('  单位 乙 {\n', '  单位 乙 {\n    收入科目 {\n      208 社会保障和就业支出 7\n    }\n'))).filter((t) => t.id === '表2');
    assert.deepEqual(both.map((t) => t.unitName), ['甲', '乙'], 'no by-unit summary when every unit has the block');
  });

  it('the reference sample still has its by-unit 表2 (and 18 tables)', () => {
    const ref = buildTables(analyze(fs.readFileSync(path.join(ROOT, 'samples/fushun-2025.budget'), 'utf8')));
    const t2 = ref.filter((t) => t.id === '表2');
    assert.equal(t2.length, 1);
    assert.equal(t2[0].columns[0], '单位名称');
    assert.equal(new Set(ref.map((t) => t.id)).size, 18);
  });
});
