/**
 * The table model: the published tables derived from a budget's figures, in the layout (表式) each unit follows
 * (layouts/: the reference layout's 18 tables, the Shanghai unit and department tables). One piece of the core,
 * used by the preview webview, the CLI's `render` and the tests alike.
 *
 * Every amount cell carries `amount` (the exact decimal in the table's money unit, when there is a figure, zero
 * included) and `span` (where the figure is written: the declared amount, else the row's code, else the section's
 * header for computed totals). A cell shows the figure as written; a figure computed because nothing was written is
 * marked `computed`; a written figure that disagrees with its computed value keeps its text and carries the
 * computed value in `differs` (layouts/cells.ts).
 */
import type { Analysis } from './analyze';
import { buildLayoutTables, type TableOptions } from './layouts/index';
import type { Table } from './layouts/grid';

export { headerPaths, headerWidth, leafColumns, placeHeader, tableLabel, tableWidth, type HeaderCell, type Table, type TableCell } from './layouts/grid';
export { layoutOf, layoutsOf, layoutSummary, LAYOUTS, type LayoutChoice, type LayoutInfo, type TableOptions } from './layouts/index';

import type { Locale } from './i18n';

/**
 * The tables of a budget, in each unit's layout: the layout's tables in published order (per-unit tables repeated
 * for each unit of a department file; tables with a 单位名称 column list all units), then 与上年预算比较 for each
 * unit that states its comparisons with the previous year, then for a department that names its units' files (and
 * whose caller resolved them: `options.unitFiles`) its 部门支出分单位明细.
 */
export function buildTables(a: Analysis, locale: Locale = 'zh-CN', options: TableOptions = {}): Table[] {
  if (!a.figures.length && !options.unitFiles?.length) return [];
  return buildLayoutTables(a, locale, options);
}
