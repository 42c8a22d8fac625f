/**
 * money.ts parses the usual amounts (ASCII digits, optional valid thousands grouping, optional decimals) on a
 * fast path; it must agree exactly with money.ts parseDecimal, and leave everything else to it.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseGeneralForTest as parseDecimal, plainDecimal } from '../../server/src/core/money';

const numberish = fc.array(fc.constantFrom('0', '1', '2', '5', '9', ',', '.', '-', '，', '．', '１', '−', ' ', 'a'), { minLength: 1, maxLength: 16 }).map((xs) => xs.join(''));
const grouped = fc.tuple(fc.integer({ min: 0, max: 999 }), fc.array(fc.integer({ min: 0, max: 999 }), { maxLength: 5 }), fc.option(fc.nat({ max: 99999999 })))
  .map(([head, groups, frac]) => `${head}${groups.map((g) => ',' + String(g).padStart(3, '0')).join('')}${frac === null ? '' : '.' + String(frac)}`);

describe('the fast path for plain amounts', () => {
  it('agrees with parseDecimal wherever it applies, and declines everything unusual', () => {
    fc.assert(fc.property(fc.oneof(numberish, grouped, fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String)), (text) => {
      const fast = plainDecimal(text);
      if (fast) assert.deepEqual(fast, parseDecimal(text), text);
      else if (/^[0-9,.]+$/.test(text) && parseDecimal(text)) {
        // Only ASCII forms the fast path does not cover: an empty fraction (`12.`).
        assert.match(text, /\.$/, text);
      }
    }), { numRuns: 3000 });
  });

  it('covers the amounts of the samples', () => {
    for (const t of ['162,953.23', '162953.23', '0.00', '1,000', '89,262.00', '0.42', '12345678.12345678']) assert.deepEqual(plainDecimal(t), parseDecimal(t), t);
    for (const t of ['１２.５', '1,23', '-5', '−5', '12.', '1，234.00', '1,234.5.6']) assert.equal(plainDecimal(t), undefined, t);
  });
});
