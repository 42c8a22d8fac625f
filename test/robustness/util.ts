import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Rng } from '../../bench/generate';
import type { Analysis } from '../../server/src/core/analyze';
import type { Diagnostic } from '../../server/src/core/diagnostics';
import type { SyntaxTree } from '../../server/src/core/syntax';

/** The repository root (tests run from out/test/robustness, or from another output directory). */
export const ROOT = ((): string => {
  let d = __dirname;
  while (!existsSync(join(d, 'samples', 'fushun-2025.budget')) && dirname(d) !== d) d = dirname(d);
  return d;
})();

export function sample(name: string): string {
  return readFileSync(join(ROOT, 'samples', name), 'utf8');
}

export const SAMPLES = ['fushun-2025.budget', 'fushun-2025-authoring.budget'];

/** Fragments that matter to the lexer, the parser and the binder. */
export const FRAGMENTS = [
  '{', '}', '｛', '｝', '"', '"a b"', '"未闭合', '\\', '#', '# 注释', '//', '\n', '\r\n', '\r', ' ', '\t', '\u3000',
  '单位', '部门', '支出', '收入', '经济分类', '政府经济分类', '对照', '三公', '项目', '指标', '整体绩效', '一级', '二级', '时限',
  '合计', '基本', '人员', '公用', '来源', '上年结转', '事业收入', '功能科目', '金额', '任务', '无',
  '208', '20801', '2080150', '208 01 50', '30201', '50501', '1,234.56', '1,23', '12.345', '0.00000001', '-5', '１２．５', '，',
  '%', '％', '>=', '≥', '<', '＝', '2025-12', '2025年12月', '2025-13', '\u0000', '\uD800', '\uFEFF', '😀', 'é',
];

/** One random edit of `text`: an insertion, a deletion or a replacement at a random place. */
export function randomEdit(rng: Rng, text: string): string {
  const at = rng.int(0, text.length);
  switch (rng.int(0, 5)) {
    case 0: return text.slice(0, at) + rng.pick(FRAGMENTS) + text.slice(at);
    case 1: return text.slice(0, at) + text.slice(Math.min(text.length, at + rng.int(1, 40)));
    case 2: return text.slice(0, at) + rng.pick(FRAGMENTS) + text.slice(Math.min(text.length, at + rng.int(1, 8)));
    case 3: {
      // Delete one brace.
      const braces = [...text.matchAll(/[{}]/g)].map((m) => m.index!);
      if (!braces.length) return text;
      const b = rng.pick(braces);
      return text.slice(0, b) + text.slice(b + 1);
    }
    case 4: {
      // Duplicate a line.
      const s = text.lastIndexOf('\n', at - 1) + 1;
      const e = text.indexOf('\n', at);
      const line = text.slice(s, e < 0 ? text.length : e + 1);
      return text.slice(0, s) + line + text.slice(s);
    }
    default: {
      // Change one digit.
      const digits = [...text.matchAll(/[0-9]/g)].map((m) => m.index!);
      if (!digits.length) return text;
      const d = rng.pick(digits);
      return text.slice(0, d) + String(rng.int(0, 9)) + text.slice(d + 1);
    }
  }
}

export function mutate(seed: number, text: string, edits: number): string {
  const rng = new Rng(seed);
  let t = text;
  for (let i = 0; i < edits; i++) t = randomEdit(rng, t);
  return t;
}

export function sha(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16);
}

/** Everything a diagnostic says, as stable JSON. */
export function diagnosticJson(d: Diagnostic): unknown {
  return {
    code: d.code, severity: d.severity, start: d.start, end: d.end, args: d.args,
    ...(d.related ? { related: d.related.map((r) => [r.start, r.end, r.message.zh, r.message.en]) } : {}),
    ...(d.fixes ? { fixes: d.fixes.map((f) => [f.title.zh, f.title.en, f.preferred ?? false, f.edits.map((e) => [e.start, e.end, e.newText])]) } : {}),
  };
}

/** A compact, complete fingerprint of a diagnostic: code and range readable, the rest hashed. */
export function diagnosticLine(d: Diagnostic): string {
  return `${d.code}@${d.start}-${d.end}#${sha(JSON.stringify(diagnosticJson(d)))}`;
}

/** The tree as the binder read it: the parser's with the tidied statements (bind/tidy.ts). */
export function readTree(a: Analysis): SyntaxTree {
  return { ...a.tree, stmts: a.tidied.stmts };
}

/** The tree's fingerprint: its statements, errors and comments (not the token count, which the goldens predate). */
export function treeSha(tree: SyntaxTree): string {
  return sha(JSON.stringify({ ...tree, tokens: undefined }));
}

/** Checks that every range of an analysis lies inside its text. */
export function assertRangesInside(a: Analysis, fail: (msg: string) => never): void {
  const n = a.text.length;
  const inside = (s: { start: number; end: number }, what: string): void => {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= n)) fail(`${what} range ${s.start}-${s.end} outside 0-${n}`);
  };
  for (const d of a.diagnostics) {
    inside(d, d.code);
    for (const r of d.related ?? []) inside(r, `${d.code} related`);
    for (const f of d.fixes ?? []) for (const e of f.edits) inside(e, `${d.code} fix`);
  }
}
