import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { renderMessage } from '../../server/src/core/diagnostics';
import {
  convertLiteral, formatMoney, formatRounded, groupThousands, halfUlp, MAX_AMOUNT_DIGITS, parseDecimal, parseMoney, percent, printedAs, TICKS, toTicks,
} from '../../server/src/core/money';

describe('money: exact decimal arithmetic', () => {
  it('parses amounts with and without thousands separators', () => {
    assert.equal(parseMoney('162,953.23', '万元'), 16_295_323_000_000n);
    assert.equal(parseMoney('162953.23', '万元'), 16_295_323_000_000n);
    assert.equal(parseMoney('0.42', '万元'), 42_000_000n);
    assert.equal(parseMoney('-3.5', '元'), -35_000n);
    assert.equal(parseMoney('１２.３', '元'), 123_000n);
    assert.equal(parseMoney('12,34', '元'), undefined);
    assert.equal(parseMoney('abc', '元'), undefined);
  });

  it('formats as published: separators, two decimals, more only when needed', () => {
    assert.equal(formatMoney(16_295_323_000_000n, '万元'), '162,953.23');
    assert.equal(formatMoney(0n, '万元'), '0.00');
    assert.equal(formatMoney(-42_000_000n, '万元'), '-0.42');
    assert.equal(formatMoney(123_456n, '万元'), '0.00123456');
    assert.equal(formatMoney(16_295_323_000_000n, '万元', { grouping: false }), '162953.23');
    assert.equal(formatRounded(123_456_789n, '万元', 2), '1.23');
    assert.equal(formatRounded(125_000_000n - 1n, '万元', 2), '1.25');
  });

  it('groups thousands in one linear pass, as the look-ahead regular expression did (fast-check); huge values format at once', () => {
    fc.assert(fc.property(fc.stringMatching(/^[1-9][0-9]{0,40}$/), (digits) => {
      assert.equal(groupThousands(digits), digits.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    }));
    assert.equal(groupThousands('0'), '0');
    assert.equal(groupThousands('1234'), '1,234');
    // 10^200000 ticks = 10^199996 元, 199,997 digits: the regular expression took minutes on a number of this length.
    const huge = formatMoney(10n ** 200_000n, '元');
    const digits = 199_997;
    assert.equal(huge.length, digits + Math.floor((digits - 1) / 3) + '.00'.length);
    assert.ok(huge.startsWith('10,000,000,') && huge.endsWith(',000.00'));
  });

  it('an amount with more than MAX_AMOUNT_DIGITS digits is not read (BUD703, unknown), nor quoted whole', () => {
    assert.equal(MAX_AMOUNT_DIGITS, 30);
    assert.equal(parseDecimal('9'.repeat(30))?.digits, 10n ** 30n - 1n);
    assert.equal(parseDecimal('9'.repeat(31)), undefined);
    assert.equal(parseDecimal(`1.${'0'.repeat(30)}`), undefined, 'decimals count');
    assert.equal(parseDecimal('９'.repeat(31)), undefined, 'full-width digits count');
    assert.equal(parseDecimal(`9${',999'.repeat(10)}`), undefined, 'grouped');
    // In a budget: a 100,000-digit amount (as found by fuzzing; it stalled the checker for tens of seconds).
    for (const amount of ['9'.repeat(100_000), `1.${'3'.repeat(100_000)}`, `9${',999'.repeat(30_000)}`, '９'.repeat(100_000)]) {
      const text = `单位 甲 {\n  年度 2025\n  支出 {\n    208 社会保障和就业支出 ${amount}\n    20801 人力资源和社会保障管理事务 人员 1.00\n  }\n}\n`;
      const a = analyze(text);
      const d = a.diagnostics.filter((x) => x.code === 'BUD703');
      assert.equal(d.length, 1, amount.slice(0, 10));
      assert.equal(text.slice(d[0].start, d[0].end), amount);
      for (const locale of ['zh-CN', 'en'] as const) {
        const m = renderMessage(d[0], locale);
        assert.ok(m.length < 400, `${m.length}: ${m.slice(0, 80)}`);
        assert.match(m, locale === 'en' ? /has \d{2,3},\d{3} digits, more than the 30/ : /有 \d{2,3},\d{3} 位数字，超过可核对的 30 位/);
      }
      // Unknown, not zero: the parent's total is not checked against its children.
      assert.ok(!a.diagnostics.some((x) => x.code === 'BUD201'), 'no roll-up check against an unknown total');
    }
  });

  it('converts 元 ↔ 万元 exactly', () => {
    const wan = parseMoney('89,262.00', '万元')!;
    assert.equal(convertLiteral(wan, '元'), '892,620,000.00');
    assert.equal(convertLiteral(parseMoney('0.01', '元')!, '万元'), '0.000001');
    assert.equal(TICKS['万元'] / TICKS['元'], 10_000n);
  });

  it('rounds literals more precise than a tick and says so', () => {
    const d = parseDecimal('1.000000005')!;
    const r = toTicks(d, '万元');
    assert.equal(r.exact, false);
    assert.equal(r.value, 100_000_001n);
    assert.equal(toTicks(parseDecimal('1.00000001')!, '万元').exact, true);
  });

  it('computes half a unit of the last digit', () => {
    assert.equal(halfUlp(2, '万元'), 500_000n); // 0.005 万元
    assert.equal(halfUlp(0, '元'), 5_000n); // 0.5 元
  });

  it('holds a printed figure against a value: the same, or the value rounded half away from zero to its digits', () => {
    const printed = (text: string, unit: '万元' | '元') => ({ value: parseMoney(text, unit)!, decimals: parseDecimal(text)!.decimals, unit });
    const yuan = (text: string): bigint => parseMoney(text, '元')!;
    assert.ok(printedAs(printed('639.71', '万元'), yuan('6,397,096')));
    assert.ok(printedAs(printed('639.71', '万元'), yuan('6,397,050'))); // 639.705 rounds away from zero
    assert.ok(!printedAs(printed('639.70', '万元'), yuan('6,397,050')));
    assert.ok(!printedAs(printed('639.71', '万元'), yuan('6,397,150')));
    assert.ok(printedAs(printed('-639.71', '万元'), yuan('-6,397,050')));
    assert.ok(!printedAs(printed('639.7096', '万元'), yuan('6,397,095')));
    // A figure written to the smallest tick is held exactly.
    assert.ok(printedAs(printed('1.0001', '元'), yuan('1.0001')));
    assert.ok(!printedAs(printed('1.0001', '元'), yuan('1.0002')));
  });

  it('formats shares', () => {
    assert.equal(percent(1n, 3n), '33.33%');
    assert.equal(percent(2n, 3n), '66.67%');
    assert.equal(percent(5n, 0n), '—');
  });

  it('sums and conversions agree with a BigInt reference on random amounts', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 2 })), { maxLength: 60 }), (xs) => {
      // Reference: amounts in 分 (cents of 元) as BigInt.
      let refFen = 0n;
      let ticks = 0n;
      for (const [fen, shape] of xs) {
        const neg = fen < 0n;
        const a = neg ? -fen : fen;
        const lit = `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
        const text = shape === 1 ? lit.replace(/\B(?=(\d{3})+(?!\d))(?=[^.]*\.)/g, ',') : lit;
        refFen += fen;
        ticks += parseMoney(text, '元')!;
      }
      assert.equal(ticks, refFen * 100n);
      // 元 → 万元 → 元 round trip through the literal is exact.
      const wanLiteral = formatMoney(ticks, '万元', { grouping: false });
      assert.equal(parseMoney(wanLiteral, '万元'), ticks);
    }), { numRuns: 300 });
  });
});
