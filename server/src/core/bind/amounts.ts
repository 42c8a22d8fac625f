/**
 * Amounts, percentages and codes as written: exact decimals (full-width digits and accounting negatives read,
 * each flagged with the fix that writes them the language's way), and classification codes written whole or in
 * two-digit columns.
 */
import type { Amount } from '../model';
import { digitCount, formatMoney, MAX_AMOUNT_DIGITS, MAX_DECIMALS, normalizeNumberText, parseDecimal, tooManyDigits, toTicks, type MoneyUnit, type ParsedDecimal } from '../money';
import type { Item } from '../syntax';
import type { Binder } from './binder';

export function isAsciiDigits(s: string): boolean {
  return /^\d+$/.test(s);
}

/** The ASCII digits of a code written in ASCII or full-width digits (`２０８` → `208`), else undefined. */
export function codeDigits(s: string): string | undefined {
  if (isAsciiDigits(s)) return s;
  if (!/^[0-9０-９]+$/.test(s)) return undefined;
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
}


/** ASCII digits for full-width ones (the same length: offsets into the text stay valid). */
export function asciiDigits(s: string): string {
  return /[０-９]/.test(s) ? s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30)) : s;
}

/** Parses an amount item. */
export function readAmount(b: Binder, item: Item, unit: MoneyUnit): Amount | undefined {
  if (item.kind !== 'number') {
    b.report('BUD007', item, { found: item.image });
    return undefined;
  }
  const d = item.negated !== undefined ? negatedAmount(b, item, unit) : parseDecimal(item.image);
  if (!d) {
    badNumber(b, item);
    return undefined;
  }
  if (item.negated === undefined && /[０-９．，－−]/.test(item.image)) {
    const fixed = normalizeNumberText(item.image.replace(/，/g, ','));
    const fixedText = item.image.includes(',') || item.image.includes('，') ? formatMoney(toTicks(d, unit).value, unit, { minDecimals: d.decimals }) : fixed;
    b.report('BUD005', item, { found: item.image, fixed: fixedText }, {
      fixes: [{ title: { zh: `改为 ${fixedText}`, en: `Change to ${fixedText}` }, edits: [{ start: item.start, end: item.end, newText: fixedText }], preferred: true }],
    });
  }
  const t = toTicks(d, unit);
  if (!t.exact) {
    b.report('BUD702', item, { found: item.image, rounded: formatMoney(t.value, unit, { minDecimals: MAX_DECIMALS[unit] }) });
  } else if (d.decimals > 2) {
    b.report('BUD701', item, { found: item.image, decimals: d.decimals, unit });
  }
  return { value: t.value, span: { start: item.start, end: item.end }, decimals: d.decimals, text: item.image, unit };
}

/** A number item that is not read: too many digits (BUD703), else malformed (BUD007). */
function badNumber(b: Binder, item: Item): void {
  if (tooManyDigits(item.image)) longNumber(b, item);
  else b.report('BUD007', item, { found: item.image });
}

/** BUD703: a number with more digits than an amount is read with. */
export function longNumber(b: Binder, item: Item): void {
  b.report('BUD703', item, { found: item.image, digits: digitCount(item.image).toLocaleString('en-US'), max: MAX_AMOUNT_DIGITS });
}

/**
 * The value of an accounting-style negative `(234.56)` (an item the tidy pass merged), reported with a
 * fix that writes it the language's way, `-234.56` (BUD015); undefined when the number inside is malformed.
 * Full-width digits inside are normalised by the same fix (no separate BUD005, whose edit would overlap).
 */
export function negatedAmount(b: Binder, item: Item, unit?: MoneyUnit): ParsedDecimal | undefined {
  const inner = item.negated ?? item.image;
  const d = parseDecimal(inner);
  if (!d) return undefined;
  let digits = inner;
  if (/[０-９．，]/.test(digits)) {
    digits = unit && /[,，]/.test(digits) ? formatMoney(toTicks(d, unit).value, unit, { minDecimals: d.decimals }) : normalizeNumberText(digits);
  }
  const fixed = `-${digits}`;
  b.report('BUD015', item, { found: item.image, value: fixed }, {
    fixes: [{ title: { zh: `改为 ${fixed}`, en: `Change to ${fixed}` }, edits: [{ start: item.start, end: item.end, newText: fixed }], preferred: true }],
  });
  return { ...d, negative: true };
}

/**
 * Reads a code at items[0], possibly written in columns (`208 05 09`, `301 01`). Two-digit columns are
 * joined up to `maxLength` digits (7 for function codes, 5 for economic ones), and not the line's last
 * item unless `joinLast` (where no amount can follow): `20801 50` is a code and an amount. Returns the code
 * and the items used.
 */
export function readCode(b: Binder, items: Item[], maxLength = 7, joinLast = false): { code: string; used: number } | undefined {
  const c = peekCode(items, 0, maxLength, joinLast);
  if (!c) return undefined;
  const { code, used } = c;
  // Full-width digits (common in text from Word or PDF) are read, and flagged with a fix.
  for (const it of items.slice(0, used)) {
    if (!/[０-９]/.test(it.image)) continue;
    const fixed = codeDigits(it.image)!;
    b.report('BUD005', it, { found: it.image, fixed }, {
      fixes: [{ title: { zh: `改为 ${fixed}`, en: `Change to ${fixed}` }, edits: [{ start: it.start, end: it.end, newText: fixed }], preferred: true }],
    });
  }
  return { code, used };
}

/** The number of a percentage, exact (full-width digits and accounting negatives read, each with its fix). */
export function percentNumber(b: Binder, v: Item): ParsedDecimal | undefined {
  const d = v.negated !== undefined ? negatedAmount(b, v) : parseDecimal(v.image);
  if (!d) {
    badNumber(b, v);
    return undefined;
  }
  if (v.negated === undefined && /[０-９．，－−]/.test(v.image)) {
    const fixed = normalizeNumberText(v.image.replace(/，/g, ','));
    b.report('BUD005', v, { found: v.image, fixed }, {
      fixes: [{ title: { zh: `改为 ${fixed}`, en: `Change to ${fixed}` }, edits: [{ start: v.start, end: v.end, newText: fixed }], preferred: true }],
    });
  }
  return d;
}

// ── projects and performance ───────────────────────────────────────────────────────────────────────

/**
 * The code at items[from] (see readCode), without reporting anything: its digits and the items it uses.
 */
export function peekCode(items: Item[], from: number, maxLength: number, joinLast = false): { code: string; used: number } | undefined {
  const a = items[from];
  const first = a?.kind === 'number' ? codeDigits(a.image) : undefined;
  if (first === undefined) return undefined;
  let code = first;
  let used = 1;
  if (code.length === 3 || code.length === 5) {
    while (from + used < items.length - (joinLast ? 0 : 1) && code.length + 2 <= maxLength) {
      const n = items[from + used];
      const d = n.kind === 'number' ? codeDigits(n.image) : undefined;
      if (d !== undefined && d.length === 2 && n.start > items[from + used - 1].end) {
        code += d;
        used++;
      } else break;
    }
  }
  return { code, used };
}
