import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/features/codeActions';
import { format } from '../../server/src/core/features/format';
import { LineIndex } from '../../server/src/core/position';
import { cursor } from '../helpers/cursor';
import { sample } from '../helpers/golden';

export const REVIEWER = sample('fushun-2025.budget');
export const AUTHORING = sample('fushun-2025-authoring.budget');

const cache = new Map<string, Analysis>();
export function analysis(text: string): Analysis {
  let a = cache.get(text);
  if (!a) {
    a = analyze(text);
    cache.set(text, a);
  }
  return a;
}

/** Analyses text with a cursor marker; returns the analysis and the offset. */
export function at(input: string): { a: Analysis; offset: number } {
  const c = cursor(input);
  return { a: analysis(c.text), offset: c.offset };
}

/** Puts a cursor marker just before the n-th occurrence of `needle` (plus delta) in `text`. */
export function mark(text: string, needle: string, delta = 0, nth = 0): string {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`not found: ${needle}`);
  }
  return text.slice(0, i + delta) + '¦' + text.slice(i + delta);
}

/** `line:col` (1-based) of an offset, for readable golden files. */
export function where(text: string, offset: number): string {
  const p = new LineIndex(text).position(offset);
  return `${p.line + 1}:${p.character + 1}`;
}

/** A minimal unit around some statements. */
export function unit(body: string, header = '年度 2025\n  金额单位 万元'): string {
  return `单位 测试单位 {\n  ${header}\n${body}\n}\n`;
}

/**
 * Property: random edits of `base` (pieces inserted, characters deleted, at or after `from`), then formatting,
 * never change the meaning (the model and the diagnostics' codes and arguments, spans aside) and formatting
 * again changes nothing. `spanKeys` are the model's position fields, left out of the comparison.
 */
export function formatKeepsMeaning(base: string, pieces: string[], spanKeys: string[], from = 0): void {
  const meaning = (x: Analysis): string => JSON.stringify({ model: x.model, d: x.diagnostics.map((d) => [d.code, d.args]) }, (k, v: unknown) => (
    spanKeys.includes(k) ? undefined : typeof v === 'bigint' ? `${v}` : v));
  const edit = fc.record({ at: fc.integer({ min: from, max: base.length }), del: fc.nat({ max: 6 }), ins: fc.array(fc.constantFrom(...pieces), { maxLength: 3 }) });
  fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
    let text = base;
    for (const e of edits) {
      const p = Math.min(e.at, text.length);
      text = text.slice(0, p) + e.ins.join('') + text.slice(p + e.del);
    }
    const a = analyze(text);
    const out = applyEdits(text, format(a));
    const b = analyze(out);
    assert.equal(meaning(b), meaning(a));
    assert.deepEqual(format(b), []);
  }), { numRuns: Number(process.env.FC_RUNS ?? 100), seed: 2026 });
}
