/**
 * Related locations and fixes built when first read (diagnostics.ts `makeDiagnostic`, `settle`): a diagnostic
 * with deferred parts reads, serialises, copies and compares as one built at once, and an edit before it
 * (incremental.ts) moves them exactly as a full analysis places them.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analyze';
import { makeDiagnostic, renderMessage, settle, type Diagnostic, type Fix, type Related } from '../../server/src/core/diagnostics';
import { reanalyze, type ReanalyzeInfo } from '../../server/src/core/incremental';

const RELATED: Related[] = [{ start: 1, end: 2, message: { zh: '甲', en: 'a' } }];
const FIXES: Fix[] = [{ title: { zh: '改', en: 'fix' }, edits: [{ start: 3, end: 4, newText: '5' }], preferred: true }];

/** Two units, the second with a 款 written one more than its 项 (a roll-up fault: BUD201 with related places and a fix). */
const TWO_UNITS = [
  '单位 甲 {', '  年度 2025', '  金额单位 万元', '  支出 {', '    208 3.00', '    20801 3.00', '    2080101 3.00', '  }', '}',
  '单位 乙 {', '  年度 2025', '  金额单位 万元', '  支出 {', '    201 3.00', '    20101 3.00', '    2010101 1.00', '    2010102 1.00', '  }', '}', '',
].join('\n');

describe('deferred related locations and fixes', () => {
  it('are built once, on the first read, and read like the parts of a diagnostic built at once', () => {
    let builds = 0;
    const d = makeDiagnostic('BUD201', { start: 0, end: 1 }, { x: 1 }, undefined, {
      related: () => (builds++, RELATED.map((r) => ({ ...r }))),
      fixes: () => (builds++, FIXES),
    });
    const eager = makeDiagnostic('BUD201', { start: 0, end: 1 }, { x: 1 }, { related: RELATED, fixes: FIXES });
    assert.equal(builds, 0);
    assert.deepStrictEqual(Object.keys(d), Object.keys(eager));
    assert.equal(JSON.stringify(d), JSON.stringify(eager));
    assert.equal(builds, 2);
    assert.deepStrictEqual({ ...d }, { ...eager });
    assert.deepStrictEqual(d, eager);
    assert.equal(d.related, d.related, 'built once: the same array on every read');
    assert.equal(builds, 2);
    // Written to like any property (records.ts attachConsequences pushes consequences; a caller may replace).
    (d.related ??= []).push({ start: 5, end: 6, message: { zh: '乙', en: 'b' } });
    assert.equal(d.related!.length, 2);
    d.fixes = undefined;
    assert.equal(d.fixes, undefined);
  });

  it('a part assigned before it is read is never built; settle builds what is pending', () => {
    let builds = 0;
    const d = makeDiagnostic('BUD201', { start: 0, end: 1 }, {}, undefined, { related: () => (builds++, RELATED), fixes: () => (builds++, FIXES) });
    d.related = [];
    settle(d);
    assert.equal(builds, 1);
    assert.deepStrictEqual(d.related, []);
    assert.deepStrictEqual(d.fixes, FIXES);
    // Only the parts given are deferred: a diagnostic without fixes has no `fixes` key.
    const r = makeDiagnostic('BUD204', { start: 0, end: 1 }, {}, undefined, { related: () => RELATED });
    assert.deepStrictEqual(Object.keys(r), ['code', 'severity', 'start', 'end', 'args', 'related']);
  });

  it('a builder that throws (a defect): the diagnostic stands, the part is empty, the internal error is logged and is the one related entry', () => {
    const logged: unknown[][] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const d = makeDiagnostic('BUD201', { start: 7, end: 9 }, { x: 1 }, undefined, {
        related: () => { throw new Error('boom'); },
        fixes: () => { throw new Error('bang'); },
      });
      // Read as the server and the command line read it: serialised whole, no exception.
      const json = JSON.parse(JSON.stringify(d)) as Diagnostic;
      assert.equal(json.code, 'BUD201');
      assert.deepStrictEqual(json.fixes, []);
      assert.equal(json.related!.length, 1);
      assert.deepStrictEqual([json.related![0].start, json.related![0].end], [7, 9]);
      assert.equal(json.related![0].message.zh, renderMessage({ code: 'BUD019', args: { stage: 'BUD201 related', error: 'boom' } }, 'zh-CN'));
      assert.match(json.related![0].message.en, /Internal error of the checker \(BUD201 related\): boom/);
      assert.equal(logged.length, 2, 'each failed part logged once');
      assert.match(String(logged[1][0]), /BUD201 fixes\): bang/);
      // Built once: later reads neither rebuild nor log again.
      assert.equal(d.related, d.related);
      settle(d);
      assert.equal(logged.length, 2);
    } finally {
      console.error = error;
    }
  });

  it('a roll-up fault after an edit: its related places and fix where a full analysis puts them (built after the edit or before)', () => {
    const at = TWO_UNITS.indexOf('    208 3.00');
    const text = TWO_UNITS.slice(0, at) + '    # 一行注释\n' + TWO_UNITS.slice(at);
    for (const readFirst of [false, true]) {
      const prev = analyze(TWO_UNITS);
      const fault = prev.diagnostics.find((x) => x.code === 'BUD201')!;
      assert.ok(fault, 'the fixture has a roll-up fault');
      if (readFirst) assert.equal(fault.related!.length, 2);
      const info: ReanalyzeInfo = {};
      const next = reanalyze(prev, text, {}, info);
      assert.ok(info.incremental, info.reason);
      const full = analyze(text);
      const moved = next.diagnostics.find((x) => x.code === 'BUD201')!;
      const expected = full.diagnostics.find((x) => x.code === 'BUD201')!;
      assert.equal(JSON.stringify(moved), JSON.stringify(expected));
      assert.equal(text.slice(moved.related![0].start, moved.related![0].end), '2010101');
      assert.equal(text.slice(moved.fixes![0].edits[0].start, moved.fixes![0].edits[0].end), '3.00');
      assert.equal(JSON.stringify(next.diagnostics), JSON.stringify(full.diagnostics));
    }
  });
});
