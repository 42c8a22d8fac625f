/**
 * The figure an exported cell shows: a number, or a total's cached result (totals are `SUM` formulas with their
 * figure cached). exceljs reads a cached 0 back as no result (it copies only truthy results): the file holds it
 * (test/tables/xlsx-totals.test.ts reads the sheet's XML), so a formula without a result read back is 0.
 */
import type ExcelJS from 'exceljs';

export function shownNumber(cell: ExcelJS.Cell): number | undefined {
  const v = cell.value;
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'formula' in v && v.formula) {
    const r = (v as { result?: unknown }).result;
    return typeof r === 'number' ? r : r === undefined ? 0 : undefined;
  }
  return undefined;
}
