/**
 * Published documents the checker had never seen (page texts of another extractor, pages joined by form feeds:
 * test/fixtures/real/README.md): each imports in its layout with every table recognised, and checks with exactly
 * its findings — the genuine faults of the document (the fixture README says, for each, the figure and the page),
 * and, listed apart, what is not a fault and is still reported. A final account (决算) is refused, saying so.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { textFindings } from '../../server/src/core/comparison';
import { importDocument } from '../../server/src/import/importer';
import { ImportError } from '../../server/src/import/source';
import { findings, imported, REAL } from './util';

const JGW = join(REAL, 'shanghai-putuo-jianguanwei-2026.txt');
const SQ = join(REAL, 'shanghai-putuo-shiquan-2026.txt');
const STHJ = join(REAL, 'shanghai-putuo-sthj-final-2025.txt');

const TABLES = ['表1', '表2', '表3', '表4', '表5', '表6', '表7', '表8', '表9'];

describe('import: documents never transcribed', function () {
  this.timeout(60_000);

  it('建设和管理委员会 2026 (部门预算): every table, and only the 说明’s truncated 328,661 万元 (four places)', async () => {
    const r = await imported(JGW);
    assert.equal(r.summary.layout, '上海部门');
    assert.deepEqual([...new Set(r.summary.tables.filter((t) => /^表\d$/.test(t.id)).map((t) => t.id))].sort(), TABLES);
    assert.deepEqual(r.summary.missing, []);
    // The last line of a page (the 三公 table's only figures, 210 11 行政事业单位医疗 at the foot of 表2) arrives.
    assert.match(r.text, /三公 \{\n\s+金额单位 万元\n\s+合计 42\.24\n[\s\S]*机关运行经费 124\.56/);
    assert.match(r.text, /^ {4}210 11 行政事业单位医疗 4,484,631\.60 财政拨款收入/m);
    // 表4 prints its income labels wrapped beside the 支出 rows (“三、国有资本经营预” … “算”): every figure agrees.
    assert.equal(r.summary.differing, 0);
    // The 说明's code paragraphs: “(项)” in ASCII parentheses (item 1), a quote left open and a fund code (item 15).
    for (const line of ['2080501 行政单位离退休 本年 82.15', '2120803 城市建设支出 本年 279,285.70', '2130306 水利工程运行与维护 本年 1,595.00']) assert.ok(r.text.includes(line), line);
    // Item 14 groups its thousands with a full-width comma (“3，518.85万元”): read as the figure, checked against the tables.
    assert.match(r.text, /^\s*2120601 建设市场管理与监督 本年 3,518\.85$/m);
    // The project's period (2026年1月1日至2027年12月31日) is no year out of place.
    assert.deepEqual(findings(r.text), [...JGW_FINDINGS].sort());
  });

  it('石泉路街道（本级）2026 (单位预算): codes printed against their names, one-figure rows settled by their parents, 表4’s slip reported', async () => {
    const r = await imported(SQ);
    assert.equal(r.summary.layout, '上海单位');
    assert.ok(r.summary.differing >= 2, 'the differing figures of 表4');
    assert.deepEqual([...new Set(r.summary.tables.filter((t) => /^表\d$/.test(t.id)).map((t) => t.id))].sort(), TABLES);
    assert.deepEqual(r.summary.missing, []);
    for (const line of [
      '2010506 统计管理 1,200 项目 1,200',
      '2080505 机关事业单位基本养老保险缴费支出 1,736,800 基本 1,641,800 项目 95,000',
      '302 99 其他商品和服务支出 基本 95,610 公用 95,610',
      '208 社会保障和就业支出 8,568,532 基本 4,787,960 人员 4,396,960 公用 391,000 项目 3,780,572',
      '公务接待费 1.53',
      '公务用车运行费 7',
      // 表1 prints 卫生健康支出 “1,225,800 1,025,800 200,000”: 人员 or 公用? The 支出总计's 人员 23,057,828 settles it.
      '210 卫生健康支出 1,225,800 基本 1,025,800 人员 1,025,800 项目 200,000',
    ]) assert.ok(r.text.includes(line), line);
    // 表4 (p.23) puts the whole 政府性基金 3,680,000 under 城乡社区支出, where 表5/表6 give 44,163,930 + 3,380,000 and put
    // 300,000 under 住房保障支出: read in its columns, held against the derived table, and written as printed (印出), with
    // the page and line it was printed on; `check` reports it (SQ_FINDINGS).
    assert.match(r.text, /\n {2}印出 表4 \{\n {4}# \[表4 第23页第332行 p\.23 l\.332\]\n {4}城乡社区支出 一般公共预算 43,863,930 政府性基金预算 3,680,000\n {4}# \[表4 第23页第333行 p\.23 l\.333\]\n {4}住房保障支出 一般公共预算 11,185,800\n {2}\}/);
    // 表6's one-figure rows read into the first columns (基本支出, named in the summary) land in cells the statements leave
    // unknown: written as printed, not compared (unknown is not zero).
    assert.match(r.text, /\n {2}印出 表6 \{\n {4}# \[表6 第29页第427行 p\.29 l\.427\]\n {4}212 基本支出 3,380,000\n/);
    assert.equal(r.figures.filter((f) => f.how === 'printed').length, r.summary.differing);
    assert.deepEqual(findings(r.text), [...SQ_FINDINGS].sort());
  });

  it('a 部门决算 is not a budget: refused (exit 2 in the CLI), saying it is a 决算 and which tables are read', async () => {
    await assert.rejects(importDocument(new Uint8Array(readFileSync(STHJ)), { name: 'sthj.txt' }), (e: unknown) => {
      assert.ok(e instanceof ImportError);
      assert.equal(e.kind, 'unrecognised');
      assert.match(e.zh, /这是决算（2025年度部门决算）/);
      assert.match(e.zh, /上海部门预算（9 张表） 表1–表9/);
      assert.match(e.en, /final account/);
      return true;
    });
  });

  it('说明 hygiene: the ends of a period through the budget year are in place; a year outside it is not', () => {
    assert.deepEqual(textFindings('2026年1月1日至2027年12月31日。', 2026), []);
    assert.deepEqual(textFindings('实施周期2025年至2027年', 2026), []);
    assert.deepEqual(textFindings('2022年1月至2023年12月', 2026).map((f) => f.found), ['2022年', '2023年']);
    assert.deepEqual(textFindings('2027年预算安排', 2026).map((f) => f.found), ['2027年']);
  });
});

/**
 * Genuine: the 说明 (p.7) writes 收入预算, 财政拨款收入, 支出预算 and 财政拨款支出 “328,661万元” for 3,286,618,082.20 元
 * (328,661.81 万元): cut, not rounded — four written figures, each its own report.
 */
const JGW_FINDINGS = [
  'BUD530 warning expenditure from 财政拨款 is written 328,661 but the unit’s tables give 328,661.80822: the digits were cut off, not rounded (it should read 328,662)',
  'BUD530 warning total expenditure is written 328,661 but the unit’s tables give 328,661.80822: the digits were cut off, not rounded (it should read 328,662)',
  'BUD530 warning total income is written 328,661 but the unit’s tables give 328,661.80822: the digits were cut off, not rounded (it should read 328,662)',
  'BUD530 warning 财政拨款 (fiscal appropriations) is written 328,661 but the unit’s tables give 328,661.80822: the digits were cut off, not rounded (it should read 328,662)',
];

/**
 * Genuine: “2024年” where the year before is meant — p.8 “比2024年预算执行数增加79.53%” and p.9 “与2024年预算执行数持平”
 * (after “2025年当年预算执行数…”), p.10 “2024年度预算1,676.41万元” and “2024年度预算1,482.50万元” (the 2025 budget's place).
 */
const SQ_FINDINGS = [
  ...Array<string>(4).fill('BUD539 warning The text says “2024年”, neither the budget year 2026 nor the year before (2025)'),
  // Genuine: 表4 (p.23) puts the whole 政府性基金 3,680,000 under 城乡社区支出 (so 一般公共预算 43,863,930) and none under
  // 住房保障支出 (so 一般公共预算 11,185,800), where 表5/表6 and 表3 give 3,380,000 and 300,000: one report per printed row.
  'BUD540 error 表4 (Fiscal appropriations: revenue and expenditure), row “城乡社区支出”, printed figures that differ from what the statements give: 一般公共预算 printed 43,863,930, derived 44,163,930; 政府性基金预算 printed 3,680,000, derived 3,380,000',
  'BUD540 error 表4 (Fiscal appropriations: revenue and expenditure), row “住房保障支出”, printed figures that differ from what the statements give: 一般公共预算 printed 11,185,800, derived 10,885,800',
];

