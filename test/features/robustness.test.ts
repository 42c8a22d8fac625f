/** Every feature answers (never throws) on damaged documents, at any offset. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import * as F from '../../server/src/core/features';
import { AUTHORING, REVIEWER } from './util';

describe('features: robustness on damaged input (property)', () => {
  it('no feature throws, and ranges stay inside the document', function () {
    this.timeout(600000);
    const projects = REVIEWER.indexOf('  项目 信息化运行日常维护经费');
    const bases = [REVIEWER.slice(0, 4000), REVIEWER.slice(0, 200) + REVIEWER.slice(projects, projects + 3000), AUTHORING.slice(0, 3000), ''];
    const pieces = ['{', '}', ' ', '\n', '#', '"', '12', '合计', '来源', '项目', '单位 x {', '指标 {', '一级', '2080109', '>=', '%', '2025-12', '\r\n', '"a'];
    const edit = fc.record({ at: fc.nat({ max: 5000 }), del: fc.nat({ max: 12 }), ins: fc.array(fc.constantFrom(...pieces), { maxLength: 4 }) });
    fc.assert(fc.property(fc.constantFrom(...bases), fc.array(edit, { maxLength: 5 }), fc.array(fc.nat({ max: 5000 }), { minLength: 1, maxLength: 8 }), (base, edits, offsets) => {
      let text = base;
      for (const e of edits) {
        const at = Math.min(e.at, text.length);
        text = text.slice(0, at) + e.ins.join('') + text.slice(at + e.del);
      }
      const a = analyze(text);
      const inside = (s: { start: number; end: number }): void => assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, JSON.stringify(s));
      for (const raw of offsets) {
        const o = Math.min(raw, text.length);
        const h = F.hover(a, o, 'zh-CN');
        if (h) inside(h.span);
        for (const i of F.complete(a, o, 'en').items) inside(i.range);
        F.definition(a, o).forEach(inside);
        F.references(a, o, true).forEach(inside);
        F.highlights(a, o).forEach((x) => inside(x.span));
        const r = F.prepareRename(a, o);
        if (r) inside(r.span);
        F.rename(a, o, '123', 'zh-CN');
        for (const ca of F.codeActions(a, o, Math.min(text.length, o + 20), 'zh-CN', { budgetMs: 50 })) ca.edits.forEach(inside);
      }
      F.inlayHints(a, undefined, 'zh-CN').forEach((x) => assert.ok(x.offset >= 0 && x.offset <= text.length));
      const walk = (s: F.DocumentSymbol): void => {
        inside(s.span);
        inside(s.selection);
        s.children.forEach(walk);
      };
      F.documentSymbols(a, 'zh-CN').forEach(walk);
      F.foldingRanges(a).forEach((f) => assert.ok(f.startLine < f.endLine));
      F.semanticTokens(a).forEach((t) => inside({ start: t.start, end: t.start + t.length }));
      F.format(a).forEach(inside);
    }), { numRuns: Number(process.env.FC_RUNS ?? 120), seed: Number(process.env.FC_SEED ?? 7) });
  });
});
