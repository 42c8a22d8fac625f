/**
 * Golden files: `expectGolden('hover', 'name', value)` compares `value` (as pretty JSON) with
 * test/golden/<area>/<name>.json. UPDATE_GOLDEN=1 rewrites the file; a missing file fails otherwise.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root (compiled helpers live in out/test/helpers). */
export const ROOT = resolve(__dirname, '../../..');

export function goldenPath(area: string, name: string): string {
  return join(ROOT, 'test', 'golden', area, `${name}.json`);
}

/** JSON with bigint as strings and stable formatting. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n';
}

export function expectGolden(area: string, name: string, value: unknown): void {
  const file = goldenPath(area, name);
  const actual = toJson(value);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) assert.fail(`missing golden file ${file} (run with UPDATE_GOLDEN=1 to create it)`);
  assert.deepEqual(JSON.parse(actual), JSON.parse(readFileSync(file, 'utf8')), `golden mismatch: ${file} (UPDATE_GOLDEN=1 regenerates)`);
}

export function sample(name: string): string {
  return readFileSync(join(ROOT, 'samples', name), 'utf8');
}
