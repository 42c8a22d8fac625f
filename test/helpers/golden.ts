/**
 * Golden files — the one mechanism every test uses, with one switch: `UPDATE_GOLDEN=1` rewrites the goldens a run
 * meets; anything else (unset, `0`, `true` …) compares, and a missing golden fails.
 *
 * - `expectGolden(area, name, value)`: `value` as pretty JSON in test/golden/<area>/<name>.json;
 * - `expectGoldenText(area, name, text, ext)`: text as it is (a hover's markdown is read as markdown), in
 *   test/golden/<area>/<name>.<ext>;
 * - `expectGoldenFile(file, text)`: any file of the repository generated from code (docs/diagnostics.md).
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The repository root (compiled helpers live in out/test/helpers). */
export const ROOT = resolve(__dirname, '../../..');

/** Whether this run rewrites goldens: UPDATE_GOLDEN=1 exactly. */
export function updatingGoldens(): boolean {
  return process.env.UPDATE_GOLDEN === '1';
}

export function goldenPath(area: string, name: string, ext = 'json'): string {
  return join(ROOT, 'test', 'golden', area, `${name}.${ext}`);
}

/** JSON with bigint as strings and stable formatting. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n';
}

/**
 * Compares `actual` with the file (`compare` decides; by default the texts must be equal), or rewrites the file
 * when UPDATE_GOLDEN=1.
 */
export function expectGoldenFile(file: string, actual: string, compare: (actual: string, expected: string) => void = (a, e) => assert.equal(a, e)): void {
  const shown = relative(ROOT, file);
  if (updatingGoldens()) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) assert.fail(`missing golden file ${shown} (run with UPDATE_GOLDEN=1 to create it)`);
  try {
    compare(actual, readFileSync(file, 'utf8'));
  } catch (e) {
    if (e instanceof assert.AssertionError) e.message = `golden mismatch: ${shown} (UPDATE_GOLDEN=1 regenerates it after an intended change)\n${e.message}`;
    throw e;
  }
}

export function expectGolden(area: string, name: string, value: unknown): void {
  expectGoldenFile(goldenPath(area, name), toJson(value), (a, e) => assert.deepEqual(JSON.parse(a), JSON.parse(e)));
}

/** A text golden, stored as it is (ending with one newline). */
export function expectGoldenText(area: string, name: string, text: string, ext = 'txt'): void {
  expectGoldenFile(goldenPath(area, name, ext), text.endsWith('\n') ? text : `${text}\n`);
}

export function sample(name: string): string {
  return readFileSync(join(ROOT, 'samples', name), 'utf8');
}
