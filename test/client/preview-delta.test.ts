/**
 * Preview updates as deltas (client/src/preview-delta.ts): what the page rebuilds from a delta is exactly the
 * complete tables, for unchanged files, edits that shift later units, random edits of the samples, other
 * documents and resets; the encoder leaves the tables it reads untouched.
 */
import * as assert from 'node:assert/strict';
import { applyDelta, PreviewDelta, tableSignature, type EncodedTables, type KeptTable } from '../../client/src/preview-delta';
import { analyze } from '../../server/src/core/analyze';
import { buildTables, type Table } from '../../server/src/core/tables';
import { Rng } from '../../bench/generate';
import { mutate, sample } from '../robustness/util';

const tablesOf = (text: string): Table[] => buildTables(analyze(text));
const kept = (e: EncodedTables): KeptTable[] => e.tables.filter((t): t is KeptTable => 'keep' in t);

describe('client: preview deltas', () => {
  it('posts everything first, then only what changed; an unchanged file is all references with no shift', () => {
    const tables = tablesOf(sample('fushun-2025.budget'));
    const d = new PreviewDelta();
    const first = d.encode('file:///a', tables);
    assert.equal(first.base, undefined);
    assert.equal(first.tables, tables);
    const again = d.encode('file:///a', tablesOf(sample('fushun-2025.budget')));
    assert.equal(again.base, first.seq);
    assert.deepEqual(again.tables, tables.map((_, i) => ({ keep: i, shift: 0 })));
  });

  it('an edit in the first unit rebuilds its tables and moves the spans of the later units’ tables', () => {
    const text = sample('department-yuan.budget');
    const edited = text.replace('单位 某市教育局机关 {', '单位 某市教育局机关（本级） {');
    assert.notEqual(edited, text);
    const before = tablesOf(text);
    const after = tablesOf(edited);
    const d = new PreviewDelta();
    const first = d.encode('u', before);
    const delta = d.encode('u', after);
    const keep = kept(delta);
    // The second unit's tables are kept, moved by the length of the insertion.
    assert.ok(keep.length > 0 && keep.length < after.length, `${keep.length} of ${after.length} kept`);
    assert.ok(keep.some((k) => k.shift === '（本级）'.length), JSON.stringify(keep.slice(0, 3)));
    assert.ok(delta.tables.some((t) => !('keep' in t) && t.unitName === '某市教育局机关（本级）'));
    assert.deepEqual(applyDelta({ seq: first.seq, tables: structuredClone(before) }, delta), after);
  });

  it('a cell whose span lies in another file (a unit’s figure, `file`) does not move with this document’s edits', () => {
    const table = (base: number): Table => ({
      ...tablesOf(sample('fushun-2025.budget'))[0],
      rows: [[{ text: '合计', span: { start: base, end: base + 2 } }, { text: '2.50', amount: '2.50', span: { start: 29, end: 33 }, file: 'file:///ws/units/乙.budget' }]],
    });
    const d = new PreviewDelta();
    const first = d.encode('u', [table(100)]);
    // The department's own span moved by 7, the unit file's did not: kept, shifted by 7, the unit's span as it was.
    const delta = d.encode('u', [table(107)]);
    assert.deepEqual(kept(delta).map((k) => k.shift), [7]);
    assert.deepEqual(applyDelta({ seq: first.seq, tables: [table(100)] }, delta), [table(107)]);
  });

  it('random edits of the samples: the page’s tables after a chain of deltas equal the complete tables', function () {
    this.timeout(60000);
    for (const name of ['fushun-2025.budget', 'department-yuan.budget', 'real-wanli-2025.budget']) {
      const rng = new Rng(name.length * 7919);
      let text = sample(name);
      const d = new PreviewDelta();
      const first = d.encode(name, tablesOf(text));
      // What the page holds: its own copy (posting clones), updated by each delta.
      let page = { seq: first.seq, tables: structuredClone(first.tables as Table[]) };
      for (let step = 0; step < 25; step++) {
        text = mutate(rng.int(1, 1e9), text, 1);
        const full = tablesOf(text);
        const enc = d.encode(name, full);
        const tables = applyDelta(page, structuredClone(enc));
        assert.ok(tables, `step ${step}: the delta builds on the page's post`);
        assert.deepEqual(tables, full, `${name}, step ${step}`);
        page = { seq: enc.seq, tables };
      }
    }
  });

  it('another document, a reset or a page without the base: a complete post, or undefined for the page', () => {
    const a = tablesOf(sample('fushun-2025.budget'));
    const b = tablesOf(sample('department-yuan.budget'));
    const d = new PreviewDelta();
    const first = d.encode('a', a);
    assert.equal(d.encode('b', b).base, undefined, 'another document');
    d.reset();
    const afterReset = d.encode('b', b);
    assert.equal(afterReset.base, undefined, 'after reset');
    const delta = d.encode('b', b);
    assert.equal(delta.base, afterReset.seq);
    assert.equal(applyDelta({ seq: first.seq, tables: a }, delta), undefined, 'a page holding another post');
    assert.equal(applyDelta(undefined, delta), undefined, 'an empty page');
  });

  it('reads the tables without changing them, and a signature covers every field but the absolute offsets', () => {
    const tables = tablesOf(sample('fushun-2025.budget'));
    const copy = structuredClone(tables);
    new PreviewDelta().encode('a', tables);
    tableSignature(tables[2]);
    assert.deepEqual(tables, copy);
    const t = tables[2];
    const shifted: Table = { ...t, rows: t.rows.map((r) => r.map((c) => (c.span ? { ...c, span: { start: c.span.start + 5, end: c.span.end + 5 } } : c))) };
    assert.equal(tableSignature(shifted), tableSignature(t));
    // Any other difference shows: a cell text, an indent, a title, one span moved alone.
    const row = t.rows.findIndex((r) => r.some((c) => c.span));
    const col = t.rows[row].findIndex((c) => c.span);
    const variants: Table[] = [
      { ...t, title: t.title + '（修订）' },
      { ...t, rows: t.rows.map((r, i) => (i === row ? r.map((c, j) => (j === col ? { ...c, text: c.text + '0' } : c)) : r)) },
      { ...t, rows: t.rows.map((r, i) => (i === row ? r.map((c, j) => (j === col ? { ...c, indent: (c.indent ?? 0) + 1 } : c)) : r)) },
      { ...t, rows: t.rows.map((r, i) => (i === row ? r.map((c, j) => (j === col ? { ...c, span: { start: c.span!.start, end: c.span!.end + 1 } } : c)) : r)) },
    ];
    for (const v of variants) assert.notEqual(tableSignature(v), tableSignature(t));
  });
});
