/**
 * Runs every table builder and editor feature on an analysis (the robustness and adversarial tests): each must
 * return normally, and every range it returns must lie inside the document.
 */
import { strict as assert } from 'node:assert';
import type { Analysis } from '../../server/src/core/analyze';
import { renderMessage, type Span } from '../../server/src/core/diagnostics';
import * as features from '../../server/src/core/features';
import { LineIndex } from '../../server/src/core/position';
import { buildTables } from '../../server/src/core/tables';
import { assertRangesInside } from './util';

type Fn = (...args: unknown[]) => unknown;
const F = features as unknown as Record<string, Fn | undefined>;

function inside(text: string, s: Span | undefined, what: string): void {
  if (!s) return;
  assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= text.length, `${what}: ${s.start}-${s.end} outside 0-${text.length}`);
}

/** Every span-like value (an object with numeric start and end) anywhere in a result. */
function spansIn(v: unknown, out: Span[] = [], depth = 0): Span[] {
  if (!v || typeof v !== 'object' || depth > 40) return out;
  const o = v as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number') out.push(o as unknown as Span);
  for (const k of Object.keys(o)) if (k !== 'analysis' && k !== 'unit' && k !== 'project') spansIn(o[k], out, depth + 1);
  return out;
}

/** The editor features exercise() calls, by their export name in core/features. */
export const EXERCISED = [
  'documentSymbols', 'workspaceSymbols', 'semanticTokens', 'foldingRanges', 'inlayHints', 'format', 'hover', 'complete', 'definition', 'references',
  'highlights', 'prepareRename', 'rename', 'codeActions', 'catalogTree',
] as const;

/** Exported functions of core/features exercise() leaves out, and why. */
export const NOT_EXERCISED: Record<string, string> = {
  applyEdits: 'text edits, no analysis (property-tested in test/features/codeActions.test.ts)',
  fixAllEdits: 'called by codeActions and fixAllText',
  fixAllText: 're-analyses a whole file several times (test/features/codeActions.test.ts, and --fix in test/core/cli.test.ts)',
  unitAmounts: 'a walk over the model (test/core/mutation.test.ts, through allAmounts)',
  symbolMatches: 'a string match (workspace/symbol queries in test/server/server.test.ts and clients.test.ts)',
};

/** Runs every table builder and feature on `a` at `offsets`; throws on any exception or bad range. */
export function exercise(a: Analysis, offsets: number[], skip: string[] = []): number {
  const text = a.text;
  const lines = new LineIndex(text).lineCount;
  let calls = 0;
  const call = (name: (typeof EXERCISED)[number], ...args: unknown[]): unknown => {
    const f = F[name];
    // A feature renamed or removed must fail here, not be skipped without a word.
    if (typeof f !== 'function') return assert.fail(`core/features exports no function ${name}: update this test`);
    if (skip.includes(name)) return undefined;
    calls++;
    const r = f(...args);
    for (const s of spansIn(r)) inside(text, s, name);
    return r;
  };
  assertRangesInside(a, (m) => assert.fail(m));
  for (const d of a.diagnostics) {
    assert.ok(renderMessage(d, 'zh-CN').length > 0);
    assert.ok(renderMessage(d, 'en').length > 0);
  }
  for (const locale of ['zh-CN', 'en'] as const) {
    const tables = buildTables(a, locale);
    calls++;
    for (const t of tables) {
      for (const row of t.rows) for (const c of row) inside(text, c.span, `table ${t.id}`);
    }
  }
  call('documentSymbols', a, 'zh-CN');
  call('workspaceSymbols', a, '');
  call('workspaceSymbols', a, '项目');
  call('semanticTokens', a);
  for (const t of (call('semanticTokens', a) as Array<{ start: number; length: number }> | undefined) ?? []) {
    assert.ok(t.start >= 0 && t.length >= 0 && t.start + t.length <= text.length, `semantic token ${t.start}+${t.length}`);
  }
  for (const r of (call('foldingRanges', a) as Array<{ startLine: number; endLine: number }> | undefined) ?? []) {
    assert.ok(r.startLine >= 0 && r.startLine <= r.endLine && r.endLine < lines, `folding ${r.startLine}-${r.endLine} of ${lines}`);
  }
  for (const h of (call('inlayHints', a, undefined, 'zh-CN') as Array<{ offset: number }> | undefined) ?? []) {
    assert.ok(h.offset >= 0 && h.offset <= text.length, `inlay hint at ${h.offset}`);
  }
  call('format', a);
  // The catalog of the edition at a place (the whole tree of an edition: once, not per offset).
  call('catalogTree', a, offsets[offsets.length - 1], 'en');
  for (const o of offsets) {
    call('hover', a, o, 'zh-CN');
    call('hover', a, o, 'en');
    call('complete', a, o, 'zh-CN');
    call('definition', a, o);
    call('references', a, o, true);
    call('highlights', a, o);
    call('prepareRename', a, o);
    call('rename', a, o, '新名称', 'en');
    call('codeActions', a, Math.max(0, o - 5), o, 'zh-CN', { maxCandidates: 2, budgetMs: 50 });
  }
  return calls;
}

export function offsetsOf(text: string, seed: number): number[] {
  const out = [0, text.length, Math.floor(text.length / 2)];
  let x = seed >>> 0;
  for (let i = 0; i < 6; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push(x % (text.length + 1));
  }
  return out;
}
