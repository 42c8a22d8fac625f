/** A layout's `{年}` placeholder filled in, for a table's title and the note under an empty table. */
import type { TableSpec } from './types';

/** A layout's text with `{年}` filled in: the fiscal year as printed (“2025年”), left out when unknown. */
export function withYear(text: string, year: number | undefined): string {
  return text.replace('{年}', year ? `${year}年` : '');
}

/** A table's printed title (zh), the year filled in; without a year, the title as the layout words it, year left out. */
export function tableTitle(spec: TableSpec, year?: number): string {
  return withYear(spec.title.zh, year);
}
