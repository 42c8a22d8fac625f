/** Dates and periods as the project performance forms write them, read exactly (calendar dates only). */
import { PERIOD_SEPARATORS } from '../keywords';
import type { DateValue } from '../model';
import { asciiDigits } from './amounts';

/**
 * A date: `2024-01-01`, `2024/1/1`, `2024.01.01`, `2024-01`, `2024年1月1日`, `2024年1月`, `2024年`, `2024`. Five groups:
 * the year, the month and day of the numeric form, the month and day of the 年/月/日 form.
 */
const DATE = String.raw`(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?|年(?:(\d{1,2})月(?:(\d{1,2})日)?)?)?`;
/** The end of a period may leave out the year of its start: `2025年1月-12月` (groups: month, day). */
const MONTH_ONLY = String.raw`(\d{1,2})月(?:(\d{1,2})日)?`;
const SEPARATOR = String.raw`\s*(?:${[...PERIOD_SEPARATORS].sort((a, b) => b.length - a.length).map((x) => x.replace(/[-~]/g, '\\$&')).join('|')})\s*`;
const DATE_RE = new RegExp(`^${DATE}$`);
const PERIOD_RE = new RegExp(`^(${DATE})${SEPARATOR}(?:(${DATE})|(${MONTH_ONLY}))$`);

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

/** A DateValue (text as written at `start`), or undefined when it is not a calendar date. */
export function dateOf(text: string, start: number, year: number, month: number | undefined, day: number | undefined): DateValue | undefined {
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (month === undefined || day < 1 || day > daysIn(year, month))) return undefined;
  const d: DateValue = { text, span: { start, end: start + text.length }, year };
  if (month !== undefined) d.month = month;
  if (day !== undefined) d.day = day;
  return d;
}

/** The date that is the whole of `raw` (written at `offset`), or undefined. */
export function readDate(raw: string, offset: number): DateValue | undefined {
  const m = DATE_RE.exec(asciiDigits(raw));
  return m ? dateOf(raw, offset, Number(m[1]), num(m[2] ?? m[4]), num(m[3] ?? m[5])) : undefined;
}

/**
 * A period, `date 至 date` (also 到, -, ~, —): the whole of `raw` (written at `offset`), each date a calendar
 * date; the end may leave out the year (`2025年1月-12月`). Undefined when the text is not such a period.
 */
export function readPeriod(raw: string, offset: number): { start: DateValue; end: DateValue } | undefined {
  const m = PERIOD_RE.exec(asciiDigits(raw));
  if (!m) return undefined;
  // Groups: 1 the start (2–6 its parts), 7 a whole end (8–12), 13 an end without its year (14–15).
  const start = dateOf(raw.slice(0, m[1].length), offset, Number(m[2]), num(m[3] ?? m[5]), num(m[4] ?? m[6]));
  if (!start) return undefined;
  const endText = raw.slice(raw.length - (m[7] ?? m[13]).length);
  const endAt = offset + raw.length - endText.length;
  const end = m[7] !== undefined
    ? dateOf(endText, endAt, Number(m[8]), num(m[9] ?? m[11]), num(m[10] ?? m[12]))
    : dateOf(endText, endAt, start.year, num(m[14]), num(m[15]));
  return end ? { start, end } : undefined;
}
