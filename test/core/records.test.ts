/**
 * Each comparison of a written figure with what it must equal is recorded once, by the check that makes it
 * (server/src/core/records.ts); hover and inlay hints read the records. A failed record is exactly a reported
 * diagnostic on the written figure, with the record's code.
 */
import { strict as assert } from 'node:assert';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { hover } from '../../server/src/core/features/hover';
import { inlayHints } from '../../server/src/core/features/inlayHints';
import { recordFor, recordsOf, type CheckRecord } from '../../server/src/core/records';
import { mutate } from '../robustness/util';
import { FUNC, INCF, PROJ } from './checks/cases';
import { sample, unit } from './util';

function records(a: Analysis): CheckRecord[] {
  return a.figures.flatMap((f) => f.records);
}

describe('check records: what the checks compared, read by hover and inlay hints', () => {
  it('recordsOf sees records added after a lookup, in order, and a list that is not the indexed one plus new records', () => {
    const a = analyze(FUNC('    208 社会保障和就业支出 3.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00'));
    const [r] = records(a).filter((x) => x.declared.text === '3.00');
    const other = a.model.units[0].func!.rows[1].cells.personnel!;
    const list: CheckRecord[] = [r];
    assert.deepEqual(recordsOf(list, r.declared), [r]);
    assert.deepEqual(recordsOf(list, other), []);
    // Appended after the lookups (as the checks do): found, in the order made.
    const second = { ...r, ok: true };
    const third = { ...r, declared: other };
    list.push(second, third);
    assert.deepEqual(recordsOf(list, r.declared), [r, second]);
    assert.deepEqual(recordsOf(list, other), [third]);
    // Replaced in place (not an append): the index is built again.
    list.length = 1;
    list[0] = third;
    assert.deepEqual(recordsOf(list, r.declared), []);
    assert.deepEqual(recordsOf(list, other), [third]);
  });

  it('a wrong total: one record (declared, computed, tolerance, ok, what it was compared with), one report', () => {
    const a = analyze(FUNC('    208 社会保障和就业支出 3.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00'));
    const r = records(a).filter((x) => x.declared.text === '3.00');
    assert.equal(r.length, 1);
    assert.deepEqual({ code: r[0].code, computed: r[0].computed, tolerance: r[0].tolerance, ok: r[0].ok, against: r[0].against.zh }, { code: 'BUD201', computed: 2n * 10n ** 8n, tolerance: 0n, ok: false, against: '下级合计' });
    const d = a.diagnostics.filter((x) => x.code === 'BUD201');
    assert.deepEqual(d.map((x) => [x.start, x.end]), [[r[0].declared.span.start, r[0].declared.span.end]]);
    // Inlay hint and hover read the record.
    assert.ok(inlayHints(a, undefined, 'zh-CN').some((h) => h.offset === r[0].declared.span.end && h.label === '✗ +1.00'));
    assert.match(hover(a, r[0].declared.span.start + 1, 'zh-CN')!.contents, /合计 声明 3\.00，计算值 2\.00，相差 \+1\.00 ✗/);
  });

  it('within the tolerance: ok, ≈ in the hint and the hover', () => {
    const a = analyze('舍入 容差\n' + FUNC('    208 社会保障和就业支出 2.01\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00'));
    const r = records(a).find((x) => x.declared.text === '2.01')!;
    assert.equal(r.ok, true);
    assert.equal(r.tolerance, 3n * 5n * 10n ** 5n, '(n+1) × half a unit of the last digit');
    assert.ok(inlayHints(a, undefined, 'zh-CN').some((h) => h.offset === r.declared.span.end && h.label === '≈ +0.01' && h.kind === 'tolerated'));
    assert.match(hover(a, r.declared.span.start + 1, 'zh-CN')!.contents, /\| 合计 \| 2\.00 \| 2\.01 \| ≈ \+0\.01 \|/);
  });

  it('a row’s own facts are not compared: no record, no mark', () => {
    const a = analyze(FUNC('    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务 人员 1.00'));
    const leaf = a.model.units[0].func!.rows[1].cells.personnel!;
    assert.equal(recordFor(a.figures[0].records, leaf), undefined);
    assert.ok(!inlayHints(a, undefined, 'zh-CN').some((h) => h.offset === leaf.span.end));
    assert.match(hover(a, leaf.span.start + 1, 'zh-CN')!.contents, /\| 人员经费 \| 1\.00 \| 1\.00 \|  \|/);
  });

  it('every checked written figure gets its mark, a list table’s 合计 and a project’s 资金总额 too', () => {
    const list = analyze(unit('  政府采购 {\n    合计 5.10\n    货物 1.50\n    服务 3.50\n  }'));
    assert.ok(inlayHints(list, undefined, 'zh-CN').some((h) => h.label === '✗ +0.10'));
    const funds = analyze(PROJ('    资金总额 10.00 财政资金 8.00 其他资金 2.00'));
    const r = records(funds).find((x) => x.code === 'BUD904')!;
    assert.equal(r.ok, true);
    assert.ok(inlayHints(funds, undefined, 'zh-CN').some((h) => h.offset === r.declared.span.end && h.label === '✓'));
  });

  it('one fault, one report: a figure that disagrees only through a wrong child records its cause and is not reported', () => {
    const a = analyze(INCF('    合计 2.00\n    208 社会保障和就业支出 3.00\n    20801 人力资源和社会保障管理事务 2.00', '    208 社会保障和就业支出 人员 2.00'));
    const total = a.model.units[0].incomeFunc!.total!.cells[0].amount!;
    const wrong = a.model.units[0].incomeFunc!.rows[0].cells[0].amount!;
    const r = records(a).find((x) => x.declared === total)!;
    assert.equal(r.ok, false);
    assert.deepEqual(r.causes, [{ start: wrong.span.start, end: wrong.span.end }]);
    assert.deepEqual(a.diagnostics.filter((d) => d.code === 'BUD202').map((d) => a.text.slice(d.start, d.end)), ['3.00'], 'reported once, at the child');
    assert.ok(inlayHints(a, undefined, 'zh-CN').some((h) => h.offset === total.span.end && h.label === '≠ -1.00'));
  });

  it('a failed record is a reported diagnostic with its code at the written figure, and the reverse (samples and mutations)', function () {
    this.timeout(60_000);
    const texts = ['fushun-2025.budget', 'fushun-2025-authoring.budget', 'comparison.budget', 'income-by-function.budget', 'real-chengguan-2026.budget', 'real-wanli-2025.budget'].map(sample);
    const base = sample('fushun-2025.budget');
    for (let i = 0; i < 40; i++) texts.push(mutate(500 + i, base, 6));
    for (const text of texts) {
      const a = analyze(text);
      const at = (code: string, s: { start: number; end: number }): boolean => a.diagnostics.some((d) => d.code === code && d.start === s.start && d.end === s.end);
      for (const r of records(a)) {
        if (r.ok) continue;
        // One fault, one report: a consequence is not reported; its causes are (with some code).
        if (r.causes) {
          assert.ok(!at(r.code, r.declared.span), `${r.code} at ${r.declared.text} follows from another fault: not reported`);
          for (const c of r.causes) assert.ok(a.diagnostics.some((d) => d.start === c.start && d.end === c.end), `the cause at ${a.text.slice(c.start, c.end)} is reported`);
        } else assert.ok(at(r.code, r.declared.span), `${r.code} at ${r.declared.text} is reported`);
      }
      // The comparisons recorded: each report of them sits on a failed record.
      const failed = new Set(records(a).filter((r) => !r.ok).map((r) => `${r.code}@${r.declared.span.start}-${r.declared.span.end}`));
      for (const d of a.diagnostics) {
        if (!['BUD201', 'BUD202', 'BUD301', 'BUD302', 'BUD303', 'BUD503', 'BUD520', 'BUD904'].includes(d.code)) continue;
        assert.ok(failed.has(`${d.code}@${d.start}-${d.end}`), `${d.code} at ${a.text.slice(d.start, d.end)} has its record`);
      }
    }
  });
});
