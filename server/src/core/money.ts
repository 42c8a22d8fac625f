/**
 * Exact money arithmetic.
 *
 * Every amount is held as a bigint count of 0.0001 元 ("ticks"). One 万元 is 10^8 ticks, one 元 is 10^4
 * ticks, so 元 ↔ 万元 conversions are exact and an amount with up to 8 decimals in 万元 (4 in 元) is
 * represented without loss. Nothing here ever touches binary floating point.
 */

export type Money = bigint;

export type MoneyUnit = '万元' | '元';

/** Ticks per unit. */
export const TICKS: Record<MoneyUnit, bigint> = { 万元: 100_000_000n, 元: 10_000n };
/** Decimal places that a unit can hold exactly. */
export const MAX_DECIMALS: Record<MoneyUnit, number> = { 万元: 8, 元: 4 };

export interface ParsedDecimal {
  /** Unscaled integer value: the digits without separators or point. */
  digits: bigint;
  /** Number of digits after the decimal point as written. */
  decimals: number;
  negative: boolean;
}

const FULLWIDTH_DIGIT = /[０-９]/g;

/** Normalizes full-width digits, the full-width point and thousands separators. */
export function normalizeNumberText(text: string): string {
  return text
    .replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/[,，]/g, '')
    .replace(/^[−－]/, '-');
}

/**
 * The most digits (before and after the point together) an amount is read with. A budget's largest figure in 元
 * with 4 decimals has about 20; beyond 30 a literal is not an amount anyone wrote but pasted noise, and reading it
 * would cost more than the rest of the file (BigInt conversion and formatting grow faster than the length): such a
 * literal is not read (parseDecimal answers undefined; the binder reports BUD703 and takes the figure as unknown).
 */
export const MAX_AMOUNT_DIGITS = 30;

/** The number of digits (ASCII or full-width) in a literal. */
export function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) n++;
  }
  return n;
}

/** Whether a literal has more digits than an amount is read with (MAX_AMOUNT_DIGITS). */
export function tooManyDigits(text: string): boolean {
  return text.length > MAX_AMOUNT_DIGITS && digitCount(text) > MAX_AMOUNT_DIGITS;
}

const PLAIN_DECIMAL = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

/**
 * The usual amount (`162953.23`, `162,953.23`: ASCII digits, valid grouping) parsed without the general
 * path's normalisation, which took a quarter of binding time (docs/performance.md); undefined for anything
 * else. It agrees with the general path (test/robustness/money-fast-path.test.ts).
 */
export function plainDecimal(text: string): ParsedDecimal | undefined {
  const m = PLAIN_DECIMAL.exec(text);
  if (!m) return undefined;
  const frac = m[1] ?? '';
  const int = frac ? text.slice(0, text.length - frac.length - 1) : text;
  return { digits: BigInt((int.includes(',') ? int.replace(/,/g, '') : int) + frac), decimals: frac.length, negative: false };
}

/**
 * Parses a decimal literal such as `162,953.23`, `-0.5`, `１２.３`. Returns undefined if malformed or longer than
 * MAX_AMOUNT_DIGITS digits.
 */
export function parseDecimal(text: string): ParsedDecimal | undefined {
  if (tooManyDigits(text)) return undefined;
  const plain = plainDecimal(text);
  if (plain) return plain;
  return parseGeneral(text);
}

/** The general path alone (exported for the test that compares it with the fast path). */
export { parseGeneral as parseGeneralForTest };

function parseGeneral(text: string): ParsedDecimal | undefined {
  const raw = normalizeNumberText(text.replace(/，/g, ',').replace(/,/g, '\u0001')).replace(/\u0001/g, ',');
  // Thousands separators are only valid between groups of three digits.
  if (raw.includes(',') && !/^-?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(raw)) return undefined;
  const s = raw.replace(/,/g, '');
  const m = /^(-)?(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  return { digits: BigInt(m[2] + frac), decimals: frac.length, negative: m[1] === '-' };
}

/**
 * Converts a parsed decimal in `unit` to ticks. If the literal has more decimals than the unit can hold,
 * the value is rounded half away from zero and `exact` is false.
 */
export function toTicks(d: ParsedDecimal, unit: MoneyUnit): { value: Money; exact: boolean } {
  const max = MAX_DECIMALS[unit];
  let value: bigint;
  let exact = true;
  if (d.decimals <= max) {
    value = d.digits * TICKS[unit] / 10n ** BigInt(d.decimals);
  } else {
    const drop = 10n ** BigInt(d.decimals - max);
    const scale = TICKS[unit] / 10n ** BigInt(max);
    const q = d.digits / drop;
    const r = d.digits % drop;
    value = (r * 2n >= drop ? q + 1n : q) * scale;
    exact = r === 0n;
  }
  return { value: d.negative ? -value : value, exact };
}

/** Parses a literal straight to ticks (undefined if malformed). */
export function parseMoney(text: string, unit: MoneyUnit): Money | undefined {
  const d = parseDecimal(text);
  return d ? toTicks(d, unit).value : undefined;
}

export function sum(values: Iterable<Money>): Money {
  let s = 0n;
  for (const v of values) s += v;
  return s;
}

export function abs(v: Money): Money {
  return v < 0n ? -v : v;
}

export interface FormatOptions {
  /** Minimum decimals shown (default 2). */
  minDecimals?: number;
  /** Thousands separators (default true). */
  grouping?: boolean;
}

/**
 * Formats ticks in `unit`: at least `minDecimals` decimals, more only when the value needs them (never
 * rounds). `formatMoney(16295323000000n, '万元')` → `162,953.23`.
 */
export function formatMoney(value: Money, unit: MoneyUnit, opts: FormatOptions = {}): string {
  const minDecimals = opts.minDecimals ?? 2;
  const grouping = opts.grouping ?? true;
  const neg = value < 0n;
  const v = neg ? -value : value;
  const t = TICKS[unit];
  const int = v / t;
  let frac = (v % t).toString().padStart(MAX_DECIMALS[unit], '0').replace(/0+$/, '');
  if (frac.length < minDecimals) frac = frac.padEnd(minDecimals, '0');
  let intStr = int.toString();
  if (grouping) intStr = groupThousands(intStr);
  return (neg ? '-' : '') + intStr + (frac ? '.' + frac : '');
}

/**
 * Digits with a comma between groups of three from the right: `1234567` → `1,234,567`. Linear in the length (the
 * look-ahead regular expression usually used for this is quadratic: a 100,000-digit amount took seconds).
 */
export function groupThousands(digits: string): string {
  const head = digits.length % 3 || 3;
  if (digits.length <= 3) return digits;
  const parts = [digits.slice(0, head)];
  for (let i = head; i < digits.length; i += 3) parts.push(digits.slice(i, i + 3));
  return parts.join(',');
}

/** Formats with exactly `decimals` decimals, rounding half away from zero (for display only). */
export function formatRounded(value: Money, unit: MoneyUnit, decimals: number, grouping = true): string {
  const t = TICKS[unit];
  const step = t / 10n ** BigInt(decimals);
  const neg = value < 0n;
  const v = neg ? -value : value;
  const q = v / step;
  const r = v % step;
  const rounded = (r * 2n >= step ? q + 1n : q) * step;
  return formatMoney(neg ? -rounded : rounded, unit, { minDecimals: decimals, grouping });
}

/** Converts an amount of ticks into another unit's literal (exact, as many decimals as needed). */
export function convertLiteral(value: Money, to: MoneyUnit): string {
  return formatMoney(value, to, { minDecimals: 2, grouping: true });
}

/**
 * Half a unit of the last written digit, in ticks: the rounding error a published figure written with
 * `decimals` decimals in `unit` may carry.
 */
export function halfUlp(decimals: number, unit: MoneyUnit): Money {
  const t = TICKS[unit];
  const d = Math.min(decimals, MAX_DECIMALS[unit]);
  return t / 10n ** BigInt(d) / 2n;
}

/**
 * Whether a printed figure (its value, the decimals it was written with, its unit) states `value`: exactly, or as
 * `value` rounded half away from zero to the printed figure's digits (a table in 万元 with two decimals printing a
 * figure the statements give to the 元). The one rule of checks/printed.ts (印出) and of the importer's verification
 * of derived tables, so a figure the check accepts is not written as differing.
 */
export function printedAs(printed: { value: Money; decimals: number; unit: MoneyUnit }, value: Money): boolean {
  const d = abs(printed.value - value);
  const half = halfUlp(printed.decimals, printed.unit);
  return d === 0n || d < half || (d === half && abs(value) < abs(printed.value));
}

/** Share as a percentage string with two decimals, exact up to display rounding. */
export function percent(part: Money, whole: Money): string {
  if (whole === 0n) return '—';
  const neg = (part < 0n) !== (whole < 0n) && part !== 0n;
  const hundredths = (abs(part) * 20_000n / abs(whole) + 1n) / 2n; // percentage × 100, rounded
  const s = (hundredths / 100n).toString() + '.' + (hundredths % 100n).toString().padStart(2, '0');
  return (neg ? '-' : '') + s + '%';
}
