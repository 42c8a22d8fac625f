/**
 * Real published budgets other than the reference one: three Shanghai 普陀区 2025–2026 部门预算 (9-table layout,
 * amounts in 元, codes in 类/款/项 columns, 表8 = basic expenditure only, 表9 三公 in 万元). The transcriptions
 * are in samples/real-*.budget with their sources in the header comments.
 *
 * They found gaps that are now closed: a project published alone (no 功能科目) no longer drives the function
 * 项目 column; a table without a 完成时限 column does not warn per indicator; “一般公共预算资金” is accepted; a
 * section may state its own money unit (表9 in 万元).
 */
import { strict as assert } from 'node:assert';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import type { Diagnostic } from '../../server/src/core/diagnostics';
import { formatMoney } from '../../server/src/core/money';
import { LineIndex } from '../../server/src/core/position';
import { at, errors, sample } from './util';

const WANLI = 'real-wanli-2025.budget';
const CHENGGUAN = 'real-chengguan-2026.budget';
const WENLVJU = 'real-wenlvju-2026.budget';

/** `code line:text` for the diagnostics of a severity (lines 1-based). */
function found(a: Analysis, severity: Diagnostic['severity']): string[] {
  const li = new LineIndex(a.text);
  return a.diagnostics.filter((d) => d.severity === severity).map((d) => `${d.code} ${li.position(d.start).line + 1}:${at(a, d)}`);
}

/** Replaces the single occurrence of `from` (the test fails if it is missing or ambiguous). */
function mutate(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  assert.ok(i >= 0, `mutation anchor not found: ${from}`);
  assert.equal(text.indexOf(from, i + 1), -1, `mutation anchor is ambiguous: ${from}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

/** The 1-based line of the single occurrence of `snippet` in `text`. */
function lineOf(text: string, snippet: string): number {
  const i = text.indexOf(snippet);
  assert.ok(i >= 0 && text.indexOf(snippet, i + 1) === -1, `not exactly one occurrence of: ${snippet}`);
  return text.slice(0, i).split('\n').length;
}

function yuan(v: bigint | undefined): string {
  assert.notEqual(v, undefined);
  return formatMoney(v!, '元', { minDecimals: 0 });
}

/** The 城管 transcription without its single published project (the rest of the document). */
function withoutProject(text: string): string {
  const i = text.indexOf('  项目 拆违经费 {');
  assert.ok(i > 0);
  return text.slice(0, i) + '}\n';
}

describe('real published budgets (Shanghai 普陀区 部门预算, 元)', () => {
  describe('万里街道 2025 (department of six units, consolidated)', () => {
    const text = sample(WANLI);
    const a = analyze(text);
    const L21201 = lineOf(text, '212 01 城乡社区管理事务 94,995,790 基本');
    // One fault, one report: 表2 (收入科目) prints the same figure for 21201 in its 合计 and 财政拨款收入 columns, the
    // same published slip; 212 above it (whose figures agree with its items' own sums) is not reported either. They
    // are related information on the one report, at 表3's 21201.
    const I21201 = lineOf(text, '212 01 城乡社区管理事务 94,995,790 财政拨款收入');
    const GENUINE = [`BUD201 ${L21201}:94,995,790`];

    it('reports exactly the genuine inconsistency: 21201 合计 94,995,790 vs its items 94,995,789 (表3, and as printed again in 表2)', () => {
      assert.deepEqual(found(a, 'error'), GENUINE);
      const d = errors(a)[0];
      // Whole-元 documents get whole-元 messages.
      assert.equal(d.args.computed, '94,995,789');
      assert.equal(d.args.diff, '1');
      // Its consequences: 212 above it, and 表2's 21201 (合计 and 财政拨款收入).
      const lines = (d.related ?? []).filter((r) => r.message.zh.startsWith('受此影响')).map((r) => text.slice(0, r.start).split('\n').length);
      assert.ok(lines.includes(I21201), `表2's 21201 is related information: ${lines.join(',')}`);
      assert.ok(lines.some((l) => l < L21201), '212 above it is related information');
      assert.deepEqual(found(a, 'warning'), []);
    });

    it('the rounding difference is accepted under 舍入 容差', () => {
      const t = analyze(text, { rounding: 'tolerant' });
      assert.deepEqual(found(t, 'error'), []);
      assert.deepEqual(found(t, 'warning'), []);
    });

    it('computes the published totals (表1, 表3, 表8, 表9)', () => {
      const f = a.figures[0];
      assert.equal(a.model.units[0].moneyUnit, '元');
      assert.equal(yuan(f.func.root.cells.total), '189,767,551');
      assert.equal(yuan(f.func.root.cells.basic), '101,341,746');
      assert.equal(yuan(f.func.root.cells.project), '88,425,805');
      assert.equal(yuan(f.econ.root.cells.basic), '101,341,746');
      assert.equal(yuan(f.econ.root.cells.personnel), '90,514,044');
      assert.equal(yuan(f.econ.root.cells.public), '10,827,702');
      assert.equal(yuan(f.income.values.get('收入总计')), '189,767,551');
      assert.equal(yuan(f.sangong.values.total), '379,100');
      // Codes written in columns (201 05 07) are read as 7-digit codes.
      assert.equal(yuan(f.func.byCode.get('2010507')?.cells.total), '438,300');
    });

    it('the 表1/表4 wording “一般公共预算资金” is an accepted income item', () => {
      const m = analyze(mutate(text, '    一般公共预算 189,767,551\n', '    一般公共预算资金 189,767,551\n'));
      assert.deepEqual(found(m, 'error'), GENUINE);
    });

    it('catches a digit swap in a leaf 合计 (BUD301 on that line, once: 表2 agrees with the row’s items)', () => {
      const m = analyze(mutate(text, '机关事业单位基本养老保险缴费支出 4,827,156 基本', '机关事业单位基本养老保险缴费支出 4,827,165 基本'));
      const line = lineOf(text, '208 05 05 机关事业单位基本养老保险缴费支出 4,827,156 基本');
      assert.deepEqual(found(m, 'error'), [`BUD301 ${line}:4,827,165`, ...GENUINE]);
    });

    it('catches a wrong 收入总计 (BUD302)', () => {
      const m = analyze(mutate(text, '收入总计 189,767,551', '收入总计 189,767,515'));
      assert.deepEqual(found(m, 'error'), [`BUD302 ${lineOf(text, '收入总计 ')}:189,767,515`, ...GENUINE]);
    });

    it('catches 政府性基金 spending while 表6 is declared empty (BUD505)', () => {
      const m = analyze(mutate(text, '    # 表1 支出栏', '    229 其他支出 来源 政府性基金预算 1,000 项目 1,000'));
      assert.ok(found(m, 'error').includes(`BUD505 ${lineOf(text, '政府性基金支出 无')}:政府性基金支出 无`));
    });

    it('catches a basic-expenditure typo in 表8 (BUD301 at the row; 表8 and 表3 still agree as printed: no BUD501)', () => {
      const m = analyze(mutate(text, '住房公积金 基本 3,846,732 人员 3,846,732', '住房公积金 基本 3,846,732 人员 3,846,723'));
      const e = found(m, 'error');
      assert.ok(e.includes(`BUD301 ${lineOf(text, '301 13 住房公积金')}:3,846,732`));
      assert.ok(!e.some((x) => x.startsWith('BUD501')), e.join(' '));
    });
  });

  describe('城市管理行政执法局 2026 (行政单位, 310 in basic expenditure, one project table)', () => {
    const text = sample(CHENGGUAN);

    it('the tables without the project check clean (no errors, no warnings)', () => {
      const a = analyze(withoutProject(text));
      assert.deepEqual(found(a, 'error'), []);
      assert.deepEqual(found(a, 'warning'), []);
      const f = a.figures[0];
      assert.equal(yuan(f.func.root.cells.project), '11,286,193');
      assert.equal(yuan(f.econ.byCode.get('310')?.cells.public), '210,000');
      assert.equal(yuan(f.sangong.values.vehicle), '1,137,600');
      assert.equal(f.unit.sangong?.lines[0].amount?.unit, '万元');
    });

    it('catches a wrong 三公 合计 (BUD503); 三公 above a basic-only 30217 is not an error (projects may pay it)', () => {
      const base = withoutProject(text);
      // 表9 is written in 万元, as published.
      assert.deepEqual(found(analyze(mutate(base, '合计 114.22', '合计 114.20')), 'error'), [`BUD503 ${lineOf(text, '合计 114.22')}:114.20`]);
      // The 说明's 三公 figures (上年比较, in 万元) quote the table's 合计 as written and the 公务接待费 the 合计 implies:
      // they differ from the mutated table only through the one reported fault, named as its related information.
      const a = analyze(mutate(base, '公务接待费 0.46\n', '公务接待费 4.60\n'));
      assert.deepEqual(found(a, 'error'), [`BUD503 ${lineOf(text, '合计 114.22')}:114.22`]);
      const li = new LineIndex(a.text);
      const follows = a.diagnostics.find((d) => d.code === 'BUD503')!.related!.filter((r) => r.message.zh.startsWith('受此影响'));
      assert.deepEqual(follows.map((r) => li.position(r.start).line + 1), [lineOf(text, '三公                  本年'), lineOf(text, '公务接待费            本年')]);
    });

    it('a project published alone without 功能科目 does not drive the function 项目 column', () => {
      // Shanghai publishes one project table of 14 (and no 功能科目 for it): the function rows keep their 项目.
      const a = analyze(text);
      assert.deepEqual(found(a, 'error'), []);
      assert.equal(yuan(a.figures[0].func.root.cells.project), '11,286,193');
    });

    it('an indicator table without a 完成时限 column raises no BUD610 warning per indicator', () => {
      const a = analyze(text);
      assert.deepEqual(found(a, 'warning').filter((w) => w.startsWith('BUD610')), []);
    });

    it('reads the published indicator forms (=100.00(%), ≥90.00(%), qualitative values) without other warnings', () => {
      const a = analyze(text);
      assert.deepEqual(found(a, 'warning').filter((w) => !w.startsWith('BUD610')), []);
      const inds = a.model.units[0].projects[0].indicators!.indicators;
      assert.equal(inds.length, 8);
      assert.deepEqual(inds.map((i) => i.op?.op ?? ''), ['', '=', '=', '=', '>=', '', '', '>=']);
    });
  });

  describe('文化和旅游局 2026 (303 split between 人员 and 公用, 215)', () => {
    const text = sample(WENLVJU);
    const a = analyze(text);

    it('checks clean with 表9 written in its own money unit (万元 inside a 元 document)', () => {
      // 表9 is published in 万元 and rounds 30231's 9.375 万元 to 9.38: not an inconsistency.
      assert.deepEqual(found(a, 'error'), []);
      assert.deepEqual(found(a, 'warning'), []);
      assert.equal(yuan(a.figures[0].sangong.values.vehicleRun), '93,800');
    });

    it('keeps the published 人员/公用 split of 303 as data', () => {
      const f = a.figures[0];
      assert.equal(yuan(f.econ.byCode.get('303')?.cells.public), '452,720');
      assert.equal(yuan(f.econ.root.cells.public), '18,063,168');
      assert.equal(yuan(f.func.root.cells.total), '278,076,101');
    });
  });
});
