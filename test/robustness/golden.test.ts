/**
 * Performance work on the core must not change behaviour. These goldens pin the syntax trees and the
 * complete diagnostics (code, range, arguments, related locations, fixes) of the samples, of generated
 * budgets, and of many seeded random mutations of the samples (which exercise syntax errors and recovery).
 *
 * UPDATE_GOLDEN=1 rewrites test/golden/robustness/*.json — only after an intended change of behaviour.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { generateBudget } from '../../bench/generate';
import { analyze } from '../../server/src/core/analyze';
import { expectGoldenFile } from '../helpers/golden';
import { diagnosticJson, diagnosticLine, mutate, readTree, ROOT, sample, SAMPLES, sha, treeSha } from './util';

const DIR = join(ROOT, 'test/golden/robustness');

function golden(name: string, actual: unknown): void {
  expectGoldenFile(join(DIR, name), JSON.stringify(actual, null, 1) + '\n', (a, e) => assert.deepEqual(JSON.parse(a), JSON.parse(e)));
}

describe('robustness goldens: identical diagnostics before and after performance work', () => {
  for (const name of SAMPLES) {
    it(`sample ${name}: tree and full diagnostics`, () => {
      const a = analyze(sample(name));
      golden(name.replace('.budget', '.json'), { tree: treeSha(readTree(a)), diagnostics: a.diagnostics.map(diagnosticJson) });
    });
  }

  it('generated budgets (seeds 11 and 12): tree and full diagnostics', () => {
    const out: Record<string, unknown> = {};
    for (const seed of [11, 12]) {
      const g = generateBudget({ seed, lines: 3000 });
      const a = analyze(g.text);
      out[`seed ${seed}`] = { text: `${sha(g.text)}:${g.text.length}`, tree: treeSha(readTree(a)), diagnostics: a.diagnostics.map(diagnosticJson) };
    }
    golden('generated.json', out);
  });

  it('seeded mutations of the samples: tree and diagnostics fingerprints', function () {
    this.timeout(60_000);
    const out: Record<string, { tree: string; diagnostics: string[] }> = {};
    for (const name of SAMPLES) {
      const base = sample(name);
      for (let i = 0; i < 120; i++) {
        const text = mutate(1000 + i, base, 1 + (i % 12));
        const a = analyze(text);
        out[`${name} #${i}`] = { tree: treeSha(readTree(a)), diagnostics: a.diagnostics.map(diagnosticLine) };
      }
    }
    golden('mutations.json', out);
  });
});
