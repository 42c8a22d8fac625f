import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import type { Diagnostic } from '../../server/src/core/diagnostics';

/** The repository root (tests run from out/test/core). */
export const ROOT = resolve(__dirname, '../../..');

export function sample(name: string): string {
  return readFileSync(join(ROOT, 'samples', name), 'utf8');
}

export function codes(a: Analysis | Diagnostic[], severity?: Diagnostic['severity']): string[] {
  const ds = Array.isArray(a) ? a : a.diagnostics;
  return ds.filter((d) => !severity || d.severity === severity).map((d) => d.code);
}

export function errors(a: Analysis): Diagnostic[] {
  return a.diagnostics.filter((d) => d.severity === 'error');
}

/** Wraps rows in a minimal unit. */
export function unit(body: string, header = '年度 2025\n  金额单位 万元'): string {
  return `单位 测试单位 {\n  ${header}\n${body}\n}\n`;
}

export function check(text: string): Analysis {
  return analyze(text);
}

/** The source text a diagnostic points at. */
export function at(a: Analysis, d: Diagnostic): string {
  return a.text.slice(d.start, d.end);
}
