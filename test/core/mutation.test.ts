import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analyze';
import { formatMoney, parseMoney } from '../../server/src/core/money';
import { allAmounts } from '../../server/src/core/walk';
import { sample } from './util';

/**
 * Every amount with two decimals in the reference transcription is load-bearing: changing it by 0.01 must
 * make the checker report at least one error (on that line or on a total that depends on it).
 */
describe('mutation: every two-decimal amount is checked', () => {
  const text = sample('fushun-2025.budget');
  const amounts = allAmounts(analyze(text).model).filter((a) => a.decimals === 2).map((a) => ({ image: a.text, startOffset: a.span.start }));

  it('finds the amounts to mutate', () => {
    assert.ok(amounts.length > 150, `only ${amounts.length} amounts`);
  });

  for (const delta of [1n, -1n]) {
    it(`changing any amount by ${delta > 0n ? '+' : '-'}0.01 is caught (100%)`, function () {
      this.timeout(120_000);
      const missed: string[] = [];
      for (const t of amounts) {
        const v = parseMoney(t.image, '万元')! + delta * 1_000_000n;
        const mutated = text.slice(0, t.startOffset) + formatMoney(v, '万元', { grouping: t.image.includes(',') }) + text.slice(t.startOffset + t.image.length);
        const a = analyze(mutated);
        if (!a.diagnostics.some((d) => d.severity === 'error')) {
          const line = text.slice(0, t.startOffset).split('\n').length;
          missed.push(`line ${line}: ${t.image}`);
        }
      }
      assert.deepEqual(missed, [], `${missed.length} of ${amounts.length} mutations went unnoticed`);
    });
  }
});
