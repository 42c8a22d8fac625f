import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/features/codeActions';
import { format } from '../../server/src/core/features/format';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectGolden, ROOT, sample } from '../helpers/golden';
import { AUTHORING, REVIEWER, unit } from './util';

const SPAN_KEYS = new Set(['span', 'codeSpan', 'keySpan', 'headerSpan', 'sourceSpan', 'econSpan', 'yearSpan', 'roundingSpan', 'start', 'end']);

/** What a document means: the model without positions, the figures, and the diagnostics (codes and arguments). */
function meaning(a: Analysis): string {
  const replacer = (k: string, v: unknown): unknown => {
    if (SPAN_KEYS.has(k)) return undefined;
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Map) return [...v.entries()];
    if (k === 'parent' || k === 'catalog' || k === 'unit' || k === 'project') return undefined;
    return v;
  };
  const figures = a.figures.map((f) => ({ func: f.func.root, econ: f.econ.root, gov: f.gov.root, income: f.income.values, projects: f.projects.map((p) => [p.total, p.econTotal, p.funcTotal]), sangong: f.sangong.values, grand: f.expenseGrand }));
  // Unusual spaces (BUD012) and spaced-out keywords (BUD014) in the items the formatter lays out are written
  // plainly: that is a fix.
  const diagnostics = a.diagnostics.filter((d) => d.code !== 'BUD012' && d.code !== 'BUD014').map((d) => [d.code, d.severity, d.args]);
  return JSON.stringify({ model: a.model, figures, diagnostics }, replacer);
}

function formatted(text: string): string {
  return applyEdits(text, format(analyze(text)));
}

describe('features: formatting', () => {
  it('aligns amount columns (CJK width) and indents 2 spaces per block; golden', () => {
    const out = formatted(REVIEWER);
    const lines = out.split('\n');
    const row = (code: string): string => lines.find((l) => l.trimStart().startsWith(code + ' '))!;
    // Amounts of one column end at the same display column.
    const endOf = (l: string, amount: string): number => {
      const i = l.indexOf(amount) + amount.length;
      return [...l.slice(0, i)].reduce((w, ch) => w + (/[\u4e00-\u9fff（）]/.test(ch) ? 2 : 1), 0);
    };
    assert.equal(endOf(row('208'), '162,573.63'), endOf(row('2080109'), '293.14'));
    assert.equal(endOf(row('208'), '160,015.86'), endOf(row('2080109'), '项目     293.14'));
    assert.match(row('2080109'), /^ {4}2080109 社会保险经办机构 +293\.14 +项目 +293\.14$/);
    assert.ok(lines.every((l) => !/[ \t]$/.test(l)), 'no trailing whitespace');
    expectGolden('features', 'format-reviewer', lines.slice(30, 62));
  });

  it('is idempotent and keeps the meaning of every sample', () => {
    const files = readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.budget'));
    assert.ok(files.length >= 2);
    for (const f of files) {
      const text = sample(f);
      const once = formatted(text);
      assert.deepEqual(format(analyze(once)), [], `${f}: a formatted file needs no edits`);
      assert.equal(meaning(analyze(once)), meaning(analyze(text)), f);
    }
  });

  it('re-indents badly indented blocks, comments included', () => {
    const text = '单位 x {\n年度 2025\n\t\t支出 {\n  # 注释\n208 社会保障和就业支出 1.00\n      }\n   }\n';
    assert.equal(formatted(text), '单位 x {\n  年度 2025\n  支出 {\n    # 注释\n    208 社会保障和就业支出  1.00\n  }\n}\n');
  });

  it('keeps names with spaces, one-line blocks, unaligned rows and trailing comments as written', () => {
    const text = unit([
      '  支出 {',
      '    208 社会  保障 1.00   # 注',
      '    20801 x 项目 1.00 基本 2.00',
      '    20802 y 1.00 }',
      '  项目 p { 金额 1.00 }',
    ].join('\n'));
    const out = formatted(text);
    assert.match(out, /\n {4}208 社会 {2}保障 +1\.00 {2}# 注\n/, 'the name keeps its inner spacing; the comment stays');
    assert.match(out, /\n {4}20801 x 项目 1\.00 基本 2\.00\n/, 'cells out of column order are left alone');
    assert.match(out, /\n {4}20802 y 1\.00 }\n/);
    assert.match(out, /\n {2}项目 p { 金额 1\.00 }\n/);
    assert.equal(meaning(analyze(out)), meaning(analyze(text)));
  });

  it('preserves CRLF line ends and a BOM', () => {
    const text = '\uFEFF单位 x {\r\n年度 2025  \r\n}\r\n';
    assert.equal(formatted(text), '\uFEFF单位 x {\r\n  年度 2025\r\n}\r\n');
  });

  it('range formatting only touches the lines in the range', () => {
    const text = '单位 x {\n年度 2025\n性质 事业单位\n}\n';
    const a = analyze(text);
    const start = text.indexOf('性质');
    const edits = format(a, { range: { start, end: start + 2 } });
    assert.equal(applyEdits(text, edits), '单位 x {\n年度 2025\n  性质 事业单位\n}\n');
  });

  it('never changes meaning and is idempotent on malformed inputs (property)', function () {
    this.timeout(600000);
    const projects = REVIEWER.indexOf('  项目 信息化运行日常维护经费');
    const bases = [REVIEWER.slice(0, 5200), REVIEWER.slice(0, 200) + REVIEWER.slice(projects, projects + 4000), AUTHORING.slice(0, 3600)];
    const pieces = ['{', '}', ' ', '  ', '\t', '\u3000', '\n', '#', '"', '12', '3.5', '1,234', '合计', '基本', '来源', '上年结转', '项目', '2080109', '社会', '>=', '%', '2025-12', '｝', '，', '\u00a0', '//'];
    const edit = fc.record({ at: fc.nat({ max: 6000 }), del: fc.nat({ max: 6 }), ins: fc.array(fc.constantFrom(...pieces), { maxLength: 3 }) });
    fc.assert(fc.property(fc.constantFrom(...bases), fc.array(edit, { minLength: 1, maxLength: 6 }), (base, edits) => {
      let text = base;
      for (const e of edits) {
        const at = Math.min(e.at, text.length);
        text = text.slice(0, at) + e.ins.join('') + text.slice(at + e.del);
      }
      const a = analyze(text);
      const out = applyEdits(text, format(a));
      const b = analyze(out);
      assert.equal(meaning(b), meaning(a));
      assert.deepEqual(format(b), [], 'idempotent');
    }), { numRuns: Number(process.env.FC_RUNS ?? 150), seed: Number(process.env.FC_SEED ?? 20250) });
  });
});
