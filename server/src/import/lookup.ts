/**
 * A cell of a table the core builds (server/src/core/layouts/), found the way the importer names the figures it
 * read: the row by its code (a whole code, or 类/款/项 columns joined back), by 合计, by a printed label of a 收支
 * table or by a name (a project, a unit); the column by its header path ('本年收入/一般公共预算',
 * '一般公共预算支出/合计') — or, in a 收支 table, 'left' / 'right': the figure beside the label on that side.
 */
import { headerPaths, tableWidth, type Table, type TableCell } from '../core/tables';
import { bareLabel } from './cells';

/** The columns of a 收支 table that hold its labels (项目), left side first. */
function labelColumns(paths: string[][]): number[] {
  const out: number[] = [];
  paths.forEach((p, i) => {
    if (p[p.length - 1] === '项目' && p.length > 1) out.push(i);
  });
  return out;
}

/** The row's classification code: the cells of the code columns (科目编码, or 类/款/项 under …编码) joined. */
function codeOf(row: TableCell[], codeColumns: number[]): string {
  return codeColumns.map((i) => row[i]?.text ?? '').join('');
}

export function cellAt(t: Table, row: string, column: string): TableCell | undefined {
  const paths = headerPaths(t.header, tableWidth(t));
  const labels = labelColumns(paths);
  if (labels.length) {
    // A 收支 table: the label column of the side the figure stands on, the row by its printed label.
    let labelCol: number | undefined;
    let col: number;
    if (column === 'left' || column === 'right') {
      labelCol = labels[column === 'left' ? 0 : 1];
      if (labelCol === undefined) return undefined;
      col = labelCol + 1;
    } else {
      col = paths.findIndex((p) => p.join('/') === column);
      if (col < 0) return undefined;
      labelCol = labels.filter((i) => i < col).pop();
      if (labelCol === undefined) return undefined;
    }
    const r = t.rows.find((x) => bareLabel(x[labelCol]?.text ?? '') === row);
    return r ? r[col] ?? { text: '' } : undefined;
  }
  const col = paths.findIndex((p) => p.join('/') === column);
  if (col < 0) return undefined;
  const codes = paths.flatMap((p, i) => (p.some((h) => h.includes('编码')) ? [i] : []));
  const r = t.rows.find((x) => {
    if (row === '合计') return x[0]?.head === true && x[0].text === '合计';
    if (codes.length && /^\d+$/.test(row)) return codeOf(x, codes) === row;
    // A name: a project's (表9) or a unit's, in a cell without a figure.
    return x.some((c) => c.amount === undefined && !c.covered && c.text === row);
  });
  return r ? r[col] ?? { text: '' } : undefined;
}
