/**
 * Published documents the checker had never seen (page texts of another extractor, pages joined by form feeds:
 * test/fixtures/real/README.md): each imports in its layout with every table recognised, and checks with exactly
 * its findings — the genuine faults of the document (the fixture README says, for each, the figure and the page),
 * and, listed apart, what is not a fault and is still reported. A final account (决算) is refused, saying so.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { textFindings } from '../../server/src/core/comparison';
import { sourceOf, summaryText } from '../../server/src/import/command';
import { importDocument } from '../../server/src/import/importer';
import { emptyModel } from '../../server/src/import/model';
import { hygieneLines } from '../../server/src/import/prose';
import { ImportError, type SourceLine } from '../../server/src/import/source';
import { readText } from '../../server/src/import/text';
import { finding, findings, imported, REAL } from './util';

const JGW = join(REAL, 'shanghai-putuo-jianguanwei-2026.txt');
const SQ = join(REAL, 'shanghai-putuo-shiquan-2026.txt');
const STHJ = join(REAL, 'shanghai-putuo-sthj-final-2025.txt');
const CG = join(REAL, 'shanghai-putuo-chengguan-2026.txt');
const WL = join(REAL, 'shanghai-putuo-wenlvju-2026.txt');
const WL_CELLS = join(REAL, 'shanghai-putuo-wenlvju-2026-cells.txt');
const CG_CELLS = join(REAL, 'shanghai-putuo-chengguan-2026-cells.txt');
const JGW_CELLS = join(REAL, 'shanghai-putuo-jianguanwei-2026-cells.txt');

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
    // Only 表4's slip differs (three figures); 表6's one-figure rows are settled by 表3's rows of all sources (a fund's 基本
    // cannot exceed the code's 基本: none) and its 类 and 合计 by their settled parts — none read into the first columns.
    assert.equal(r.summary.differing, 3);
    assert.ok(!r.summary.notes.some((n) => /空栏位置不能唯一确定/.test(n.zh)), r.summary.notes.map((n) => n.zh).join('\n'));
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
    assert.equal(r.figures.filter((f) => f.how === 'printed').length, r.summary.differing);
    // The 说明's code paragraphs by year (“‘…(类）-…（款）-…（项）’2026年度预算0.12万元，2025年度预算3.84万元，…2025年当年预算执行数为
    // 3.39万元，2026年预算安排0.12万元，比2025年预算执行数减少96.46%”): last year's budget and last year's outturn, one line each.
    for (const line of [
      '2010506 统计管理 本年 0.12 上年 3.84',
      '2010506 统计管理 本年 0.12 上年 3.39 下降 96.46 %',
      // “2026预算安排9万元”: a year without 年.
      '2013402 一般行政管理事务 本年 9 上年 7.73 增长 16.43 %',
      // A new item: “执行数为0万元，2026年预算安排338万元。” — no comparison printed.
      '2120803 城市建设支出 本年 338 上年 0',
    ]) assert.ok(r.text.includes(line), line);
    // “2026年度预算1,687.92万元，2024年度预算1,676.41万元”: the year is out of place (BUD539), the figure is not taken as 上年.
    assert.match(r.text, /^ *2120101 行政运行 本年 1,687\.92 上年 1,715\.05 下降 1\.58 %$/m);
    assert.ok(!/2120101 行政运行 本年 1,687\.92 上年 1,676\.41/.test(r.text));
    assert.deepEqual(findings(r.text), [...SQ_FINDINGS].sort());
  });

  it('城市管理行政执法局 2026 (部门预算): figures glued to the next item, 表2/表4 settled by the income side, a form’s levels not guessed', async () => {
    const r = await imported(CG);
    assert.equal(r.summary.layout, '上海部门');
    assert.deepEqual([...new Set(r.summary.tables.filter((t) => /^表\d$/.test(t.id)).map((t) => t.id))].sort(), TABLES);
    assert.deepEqual(r.summary.missing, []);
    // 表1 prints “一、财政拨款收入 47,483,458一、社会保障和就业支出 6,397,096”: the figure and the next item are two cells.
    assert.match(r.text, /收入 \{\n\s+财政拨款收入 47,483,458\n\s+一般公共预算 47,483,458\n/);
    // 表2's rows print two figures under five columns (合计 and one source): 表1's 财政拨款收入 settles its 合计 row,
    // and what that row leaves settles the rest — no row read into the first columns by default.
    assert.ok(!r.summary.notes.some((n) => /空栏位置不能唯一确定/.test(n.zh)), r.summary.notes.map((n) => n.zh).join('\n'));
    assert.match(r.text, /^ {4}212 01 04 城管执法 33,775,592 财政拨款收入 33,775,592$/m);
    // 表4's 支出总计 “47,483,458 47,483,458” is settled by its own income side (一、一般公共预算 47,483,458): all confirmed.
    assert.equal(r.summary.differing, 0);
    assert.ok(!/# \[表4/.test(r.text), 'no line of 表4 left as a comment');
    // The form's 项目性质 wrapped over three lines (阶段 / 性项 / 目); its indicator levels, centred on their groups of
    // rows, cannot be told apart in flattened text: the indicator lines are comments, not a guess.
    assert.match(r.text, /项目性质 阶段性项目/);
    assert.match(r.text, /# \[绩效目标表 第24页第\d+行 p\.24 l\.\d+\] 产出指标 质量指标 违法建筑销项正确率 =100\.00\(%\)/);
    assert.deepEqual(findings(r.text), CG_FINDINGS);
  });

  it('文化和旅游局 2026 (部门预算): a blank 编制部门 is no unit, a ＂ closes a code’s names, a project’s history dates are in place; the 说明’s slips of wording reported', async () => {
    const r = await imported(WL);
    assert.equal(r.summary.layout, '上海部门');
    assert.deepEqual([...new Set(r.summary.tables.filter((t) => /^表\d$/.test(t.id)).map((t) => t.id))].sort(), TABLES);
    assert.deepEqual(r.summary.missing, []);
    // 表7 prints “编制部门： 单位：元” (no name): its table is the department's, not a unit named 单位.
    assert.ok(!/单位 单位 \{/.test(r.text));
    assert.match(r.text, /^ {2}国有资本经营预算支出 无$/m);
    assert.equal(r.summary.differing, 0);
    // Item 15 closes its names with a full-width ＂: read and checked like the others.
    assert.match(r.text, /^ {4}2080502 事业单位离退休 本年 359\.34$/m);
    // The project's note: “依据2024年10月…复函” is the date of its approval, not a year out of place.
    assert.ok(!/原文 依据2024年10月/.test(r.text));
    // The 说明's slips of wording, kept as written (原文) and reported: “增加增加27.45万元” (p.7, BUD543) — the comparison read
    // with the word once — and “政府性基金拨款支出预算0万元，与2025年预算增加持平” (p.7, BUD544) — this year's figure read,
    // the change not (which word is meant is not known).
    assert.match(r.text, /^ {4}原文 .*比2025年预算增加增加27\.45万/m);
    assert.match(r.text, /^ {4}财政拨款收入 本年 27,807\.61 增加 27\.45$/m);
    assert.match(r.text, /^ {4}政府性基金拨款支出 本年 0$/m);
    // Items 12–13 (p.8) name the 款 207 99 by its name before 2019 (其他文化体育与传媒支出): the code is found by that former
    // name, the paragraphs' figures are checked, and the names are written as printed, every level, for BUD545.
    assert.match(r.text, /^ {4}2079903 文化旅游体育与传媒支出\(类\)其他文化体育与传媒支出\(款\)文化产业发展专项支出\(项\) 本年 2,462\.00$/m);
    assert.match(r.text, /^ {4}2079999 文化旅游体育与传媒支出\(类\)其他文化体育与传媒支出\(款\)其他文化旅游体育与传媒支出\(项\) 本年 20\.00$/m);
    assert.deepEqual(findings(r.text), WL_FINDINGS);
  });

  it('文化和旅游局 2026 from another extractor, one cell a line: its rows put back together, the same statements', async () => {
    const flat = await imported(WL);
    const cells = await imported(WL_CELLS);
    // “207” / “01” / “01” / “行政运行” / “4,654,597” / “4,654,597”, each on its line: read as the row it is.
    assert.match(cells.text, /^ {4}207 01 01 行政运行 4,654,597 基本 4,614,597 项目 40,000$/m);
    // A header printed one word a line (“合计” / “财政拨款收入” …) is no 合计 row.
    assert.deepEqual([cells.summary.placed, cells.summary.confirmed, cells.summary.differing], [flat.summary.placed, flat.summary.confirmed, flat.summary.differing]);
    const statements = (t: string): string[] => t.split('\n').filter((l) => !/^\s*#/.test(l));
    assert.deepEqual(statements(cells.text), statements(flat.text).map((l) => l.replace('shanghai-putuo-wenlvju-2026.txt', 'shanghai-putuo-wenlvju-2026-cells.txt')));
    // Each figure keeps the line it was printed on (not the line of its row's code).
    const printed = readFileSync(WL_CELLS, 'utf8').split('\n').findIndex((l) => l.replace(/\f/g, '').trim() === '4,614,597') + 1;
    assert.ok(printed > 0);
    assert.ok(cells.figures.some((f) => f.ref.text === '4,614,597' && f.ref.line === printed), `4,614,597 at line ${printed}`);
    assert.deepEqual(findings(cells.text), WL_FINDINGS);
  });

  it('a 说明 level named by neither the row’s name nor a former name of its code finds no code: kept as a comment', async () => {
    // 文化和旅游局's item 12 with its 款 named by a name of no edition (“其他文化事业支出”): never guessed.
    const text = readFileSync(WL, 'utf8').replace('12.“文化旅游体育与传媒支出(类)其他文化体育与传媒支出(款)', '12.“文化旅游体育与传媒支出(类)其他文化事业支出(款)');
    const r = await importDocument(new Uint8Array(Buffer.from(text, 'utf8')), { name: 'wenlvju-renamed.txt' });
    assert.ok(!/^ {4}2079903 /m.test(r.text));
    assert.match(r.text, /# \[2026年部门预算编制说明 第8页第\d+行 p\.8 l\.\d+\] 12\.“文化旅游体育与传媒支出\(类\)其他文化事业支出\(款\)/);
    // Item 13 (the former name) is still read.
    assert.match(r.text, /^ {4}2079999 文化旅游体育与传媒支出\(类\)其他文化体育与传媒支出\(款\)其他文化旅游体育与传媒支出\(项\) 本年 20\.00$/m);
  });

  it('城市管理行政执法局 2026 with 表4 printed in 万元 (two decimals): its figures, the derived ones rounded, agree as the 印出 check holds them', async () => {
    // 表4 as a document printing it in 万元 would: each figure the 元 figure rounded half away from zero to two decimals
    // (6,397,096 → 639.71, 47,483,458 → 4,748.35). The 印出 check accepts such a figure, so the importer writes none.
    const published = readFileSync(CG, 'utf8');
    const at = published.indexOf('2026年部门财政拨款收支预算总表\n编制部门');
    const end = published.indexOf('2026年部门一般公共预算支出功能分类预算表', at);
    assert.ok(at > 0 && end > at, '表4 as printed');
    const wan = (t: string): string => {
      const yuan = BigInt(t.replace(/,/g, ''));
      const cents = (yuan + 50n) / 100n;
      return `${(cents / 100n).toLocaleString('en-US')}.${String(cents % 100n).padStart(2, '0')}`;
    };
    const table4 = published.slice(at, end).replace('单位：元', '单位：万元').replace(/\d{1,3}(?:,\d{3})+/g, wan);
    assert.match(table4, /一、社会保障和就业支出 639\.71 639\.71\n[\s\S]*收入总计 4,748\.35 支出总计 4,748\.35 4,748\.35/);
    const r = await importDocument(new Uint8Array(Buffer.from(published.slice(0, at) + table4 + published.slice(end), 'utf8')), { name: 'chengguan-table4-wanyuan.txt' });
    assert.equal(r.summary.differing, 0);
    assert.ok(!/^ *印出 /m.test(r.text), 'no 印出 block');
    assert.deepEqual(findings(r.text), CG_FINDINGS);
  });

  it('城市管理行政执法局 2026, one cell a line: the tables’ statements of its flattened text; the form, one field a line, kept as comments', async () => {
    const flat = await imported(CG);
    const cells = await imported(CG_CELLS);
    // Without the project (its form read from the flattened text only) the two files state the same.
    const statements = (t: string): string[] => t.replace(/\n {2}项目 拆违经费 \{[\s\S]*?\n {2}\}\n/, '\n').split('\n').filter((l) => l.trim() && !/^\s*#/.test(l));
    assert.deepEqual(statements(cells.text), statements(flat.text).map((l) => l.replace('shanghai-putuo-chengguan-2026.txt', 'shanghai-putuo-chengguan-2026-cells.txt')));
    assert.ok(!/项目 拆违经费/.test(cells.text));
    assert.match(cells.text, /# \[绩效目标表 第24页第\d+行 p\.24 l\.\d+\] 普陀区城市管理行政执/);
    assert.equal(cells.summary.differing, 0);
    assert.deepEqual(findings(cells.text), []);
  });

  it('建设和管理委员会 2026, one cell a line: the statements of its flattened text, 表4’s wrapped item labels joined to their figures', async () => {
    const flat = await imported(JGW);
    const cells = await imported(JGW_CELLS);
    const statements = (t: string, name: string): string[] => t.split('\n').filter((l) => l.trim() && !/^\s*#/.test(l)).map((l) => l.replace(name, 'X'));
    assert.deepEqual(statements(cells.text, 'shanghai-putuo-jianguanwei-2026-cells.txt'), statements(flat.text, 'shanghai-putuo-jianguanwei-2026.txt'));
    // “一、社会保障和就业” / “支出” / “16,067,196.24” …: the rest of the label and the item's figures go to the item.
    assert.equal(cells.summary.differing, 0);
    // (An 印出 row's comment is its pages and lines only: 表4's zeros printed where the statements say nothing.)
    const kept = cells.text.split('\n').filter((l) => /^\s*# \[表4/.test(l) && l.replace(/\[[^\]]*\]|[\s#]/g, ''));
    assert.deepEqual(kept, [], 'no line of 表4 left as a comment');
    assert.deepEqual(findings(cells.text), [...JGW_FINDINGS].sort());
  });

  it('建设和管理委员会 2026: a blank derived cell is unknown, not 0 — a figure printed there (0 included) is written as printed, neither confirmed nor differing', async () => {
    const r = await imported(JGW);
    // 表4 prints 0.00 for 政府性基金预算 / 国有资本经营预算 where the statements state no such funding: 11 figures.
    assert.deepEqual([r.summary.differing, r.summary.unstated], [0, 11]);
    // 社会保障和就业支出's figures, printed on 一、一般公共预算's line (its label wraps around it), are its own: 表4's 30 figures.
    assert.equal(r.summary.tables.find((t) => t.id === '表4')?.figures, 30);
    const block = /\n {2}印出 表4 \{\n([\s\S]*?)\n {2}\}/.exec(r.text);
    assert.ok(block, 'an 印出 block of 表4');
    assert.deepEqual(block[1].split('\n').filter((l) => !/^\s*#/.test(l)).map((l) => l.trim()), [
      '社会保障和就业支出 政府性基金预算 0.00 国有资本经营预算 0.00',
      '卫生健康支出 政府性基金预算 0.00 国有资本经营预算 0.00',
      '城乡社区支出 国有资本经营预算 0.00',
      '农林水支出 政府性基金预算 0.00 国有资本经营预算 0.00',
      '资源勘探工业信息等支出 政府性基金预算 0.00 国有资本经营预算 0.00',
      '住房保障支出 政府性基金预算 0.00 国有资本经营预算 0.00',
    ]);
    assert.equal(r.figures.filter((f) => f.how === 'printed').length, r.summary.differing + r.summary.unstated);
    assert.match(summaryText(r.summary, 'in.txt', 'out.budget', 'en'), /; printed where the statements say nothing \(unknown, not compared\), written as printed \(印出\): 11$/m);
    assert.match(summaryText(r.summary, 'in.txt', 'out.budget', 'zh-CN'), /；印在已写语句未说明之处的数字（未知，不比较；照印出写入“印出”）：11 个$/m);
    // A printed 0 where the statements derive 0 (表5's 208 05 01 项目 0.00) agrees: confirmed, not written again.
    assert.ok(r.figures.some((f) => f.how === 'derived' && f.ref.page === 15 && f.ref.line === 237 && f.ref.text === '0.00'));
    // The check does not compare them (hover: unknown): the document's findings only.
    assert.deepEqual(findings(r.text), [...JGW_FINDINGS].sort());
    // A non-zero figure printed into such a cell (卫生健康支出's 政府性基金预算 7.00, its 合计 printed with it): written as
    // printed and not compared; only the 合计, which the statements give, differs (one BUD540 on the row, naming it).
    const published = readFileSync(JGW, 'utf8');
    const from = '二、卫生健康支出 4,484,631.60 4,484,631.60 0.00 0.00';
    assert.ok(published.includes(from));
    const changed = await importDocument(new Uint8Array(Buffer.from(published.replace(from, '二、卫生健康支出 4,484,638.60 4,484,631.60 7.00 0.00'), 'utf8')), { name: 'changed.txt' });
    assert.deepEqual([changed.summary.differing, changed.summary.unstated], [1, 11]);
    assert.match(changed.text, /^ {4}卫生健康支出 合计 4,484,638\.60 政府性基金预算 7\.00 国有资本经营预算 0\.00$/m);
    const extra = findings(changed.text).filter((f) => !JGW_FINDINGS.includes(f));
    assert.equal(extra.length, 1, extra.join('\n'));
    assert.match(extra[0], /^BUD540 error .*卫生健康支出.*合计 printed 4,484,638\.60, derived 4,484,631\.60$/);
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

  it('说明 hygiene across printed lines: each slip a line break splits is found once, on its first line, at its offset there', () => {
    const printed = [
      '一、收支预算总体情况',
      '收入预算100万元，比2025年预算增加',
      '增加10万元。',
      '支出预算100万元，与2025年预算增',
      '加持平。',
      '结转资金20',
      '24年安排。',
      '其他待',
      '填写事项。',
      '一、收支预算总体情况…………',
      '…3',
    ];
    const lines = readText(printed.join('\n')).lines;
    const m = emptyModel();
    m.year = 2026;
    const used = new Set<SourceLine>();
    hygieneLines(m, lines, used, false);
    // Each slip's lines kept as one 原文, at the first line; the finding within the first line's text, where it is printed.
    assert.deepEqual(
      m.comparisons.texts.map((t) => [t.ref.line, t.text]),
      [2, 4, 6, 8].map((n) => [n, printed[n - 1] + printed[n]]),
    );
    const slips = m.comparisons.texts.map((t) => textFindings(t.text, 2026).map((f) => [f.kind, f.found, f.at]));
    assert.deepEqual(slips, [
      [['doubled', '增加增加', printed[1].lastIndexOf('增加')]],
      [['changeAndFlat', '增加持平', printed[3].lastIndexOf('增')]],
      [['year', '2024年', printed[5].indexOf('20')]],
      [['placeholder', '待填写', printed[7].indexOf('待')]],
    ]);
    // A line of a table of contents is no text: its dots and the next line's are not joined into a placeholder.
    assert.deepEqual([...used].map((l) => l.line).sort((a, b) => a - b), [2, 3, 4, 5, 6, 7, 8, 9]);
    // A project's history: a date whose month is on the next line is an event's, not a year out of place.
    const note = emptyModel();
    note.year = 2026;
    hygieneLines(note, readText('依据2024年\n10月复函实施。').lines, new Set(), true);
    assert.deepEqual(note.comparisons.texts, []);
  });

  it('说明 hygiene across printed lines in a document: the same findings, each reported at the line where it starts', async () => {
    // 石泉路街道's “比2024年预算执行数” (p.9) printed as “比20” / “24年预算执行数”, 文化和旅游局's “增加增加” as “增加” / “增加” and
    // “增加持平” as “增” / “加持平” (p.7): the statements read as before, the findings exactly the document's.
    const cases: Array<[string, string, string, string[], string, string]> = [
      [SQ, '比2024年预算执行数增加79.53%', '比20\n24年预算执行数增加79.53%', SQ_FINDINGS, 'BUD539', '2024年'],
      [WL, '比2025年预算增加增加27.45万', '比2025年预算增加\n增加27.45万', WL_FINDINGS, 'BUD543', '增加增加'],
      [WL, '与2025年预算增加持平', '与2025年预算增\n加持平', WL_FINDINGS, 'BUD544', '增加持平'],
    ];
    for (const [file, from, to, expected, code, found] of cases) {
      const published = readFileSync(file, 'utf8');
      const at = published.indexOf(from);
      assert.ok(at >= 0, from);
      const line = published.slice(0, at).split('\n').length;
      const before = await imported(file);
      const r = await importDocument(new Uint8Array(Buffer.from(published.replace(from, to), 'utf8')), { name: 'broken.txt' });
      const statements = (t: string): string[] => t.split('\n').filter((l) => l.trim() && !/^\s*(?:#|原文 )/.test(l) && !/broken\.txt|shanghai-putuo/.test(l));
      assert.deepEqual(statements(r.text), statements(before.text), from);
      const diagnostics = analyze(r.text).diagnostics;
      assert.deepEqual(diagnostics.map(finding).sort(), [...expected].sort(), from);
      // The slip's report, mapped back to the document: the printed line where it starts (its first part).
      const ds = diagnostics.filter((d) => d.code === code && d.args.found === found);
      assert.ok(ds.length >= 1, `${code} for ${from}`);
      assert.ok(ds.some((d) => sourceOf(r.map, d.start)?.line === line), `${code} at line ${line}`);
    }
  });

  it('说明 hygiene: a comparison word written twice, a change beside 持平; an idiom and 基本持平 are no slip', () => {
    const slips = (t: string): string[] => textFindings(t, 2026).map((f) => `${f.kind} ${f.found}`);
    assert.deepEqual(slips('比2025年预算增加增加27.45万元'), ['doubled 增加增加']);
    assert.deepEqual(slips('比比2025年预算减少 减少3万元'), ['doubled 比比', 'doubled 减少 减少']);
    assert.deepEqual(slips('与2025年预算增加持平'), ['changeAndFlat 增加持平']);
    assert.deepEqual(slips('与2025年预算持平下降'), ['changeAndFlat 持平下降']);
    assert.deepEqual(slips('与与上年持平'), ['doubled 与与']);
    for (const fine of ['比2025年预算增加27.45万元', '与2025年预算基本持平', '此类问题比比皆是', '积极参与与支持', '对比比较', '比较2025年', '增加值增加了']) assert.deepEqual(slips(fine), [], fine);
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
/**
 * Genuine, all in the 说明: p.7 “比2025年预算增加增加27.45万元” (a word doubled) and “与2025年预算增加持平” (a change and 持平
 * together); p.8 items 12 and 13 name the 款 207 99 “其他文化体育与传媒支出”, its name before 2019 (one report each).
 */
const WL_FINDINGS = [
  'BUD543 warning “增加增加”: “增加” is written twice',
  'BUD544 warning “增加持平” says both that the figure changed and that it is unchanged (持平): write one of them',
  ...Array<string>(2).fill('BUD545 warning The 说明 names code 20799 “其他文化体育与传媒支出”, its name in the 2014–2017 edition; in 2026 it is “其他文化旅游体育与传媒支出”'),
];

const SQ_FINDINGS = [
  ...Array<string>(4).fill('BUD539 warning The text says “2024年”, neither the budget year 2026 nor the year before (2025)'),
  // Genuine: p.9 “2025年当年预算执行数为124.27万元，2026年预算安排130.95万元，比2025年预算执行数增加5.40%”: 6.68 ÷ 124.27 = 5.38%
  // (5.37%–5.38% for any outturn that rounds to 124.27).
  'BUD522 warning code 2089999 其他社会保障和就业支出: the rate of change is written “增长 5.40 %” but (this year 130.95 − last year 124.27) ÷ last year = 5.38% (to 2 decimals)',
  // Genuine: 表4 (p.23) puts the whole 政府性基金 3,680,000 under 城乡社区支出 (so 一般公共预算 43,863,930) and none under
  // 住房保障支出 (so 一般公共预算 11,185,800), where 表5/表6 and 表3 give 3,380,000 and 300,000: one report per printed row.
  'BUD540 error 表4 (Fiscal appropriations: revenue and expenditure), row “城乡社区支出”, printed figures that differ from what the statements give: 一般公共预算 printed 43,863,930, derived 44,163,930; 政府性基金预算 printed 3,680,000, derived 3,380,000',
  'BUD540 error 表4 (Fiscal appropriations: revenue and expenditure), row “住房保障支出”, printed figures that differ from what the statements give: 一般公共预算 printed 11,185,800, derived 10,885,800',
  // Genuine: two code paragraphs name their 类 by its name before 2019 — p.8 “文化体育与传媒支出(类）-体育（款）-群众体育（项）”
  // and p.10 “医疗卫生与计划生育支出(类）-行政事业单位医疗（款）-行政单位医疗（项）”: read (their figures agree), one report each.
  'BUD545 warning The 说明 names code 207 “文化体育与传媒支出”, its name in the 2014–2017 edition; in 2026 it is “文化旅游体育与传媒支出”',
  'BUD545 warning The 说明 names code 210 “医疗卫生与计划生育支出”, its name in the 2014–2017 edition; in 2026 it is “卫生健康支出”',
];


/**
 * 城市管理行政执法局 2026: no fault found — every 说明 figure (4748.35, the nine code paragraphs, 三公 114.22 = 0 + 0.46 +
 * 113.76, 机关运行经费 507.25, 政府采购 595.28 = 77.10 + 0 + 518.18) agrees with the tables. Not a fault: the form gives
 * the project no 功能科目 (information).
 */
const CG_FINDINGS = ['BUD108 information The project “拆违经费” has no 功能科目 (function code); its amount is not booked in the function classification'];
