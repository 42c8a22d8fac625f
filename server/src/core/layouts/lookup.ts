/**
 * A cell of a table the core builds, found by how a published table names it: the row by its code (a whole code,
 * or 类/款/项 columns joined back), by 合计, by a printed label of a 收支 table (numbering and spaces ignored) or by a
 * name (a project, a unit); the column by its header path ('本年收入/一般公共预算', '一般公共预算支出/合计'), by the
 * end of a path that no other column shares ('政府性基金预算'), or — in a 收支 table — 'left' / 'right': the figure
 * beside the label on that side. The importer finds the cells of the derived tables it reads this way, and the
 * `印出` check (checks/printed.ts) the cells of what a file says a published table printed.
 */
import { headerPaths, tableWidth, type Table, type TableCell } from './grid';

/** A label without numbering (一、 （一） 1. (1)) and without spaces (收   入   总   计 → 收入总计). */
export function bareLabel(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]、?|\d+[.．、](?!\d))/, '')
    .replace(/[:：]$/, '');
}

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

/** A path written with spaces or full-width slashes, as one compares it. */
function flatPath(p: string): string {
  return p.replace(/\s+/g, '').replace(/／/g, '/');
}

/**
 * The index of the column a path names: the whole header path, else the one column whose path ends with it
 * (whole header words); undefined when none or several do.
 */
export function columnIndex(t: Table, column: string): number | undefined {
  const paths = headerPaths(t.header, tableWidth(t)).map((p) => p.map(flatPath));
  const want = flatPath(column);
  const whole = paths.findIndex((p) => p.join('/') === want);
  if (whole >= 0) return whole;
  const ends = paths.flatMap((p, i) => (p.join('/').endsWith(want) && (p.join('/') === want || p.join('/').endsWith(`/${want}`)) ? [i] : []));
  return ends.length === 1 ? ends[0] : undefined;
}

/**
 * The shortest name of a column that `columnIndex` reads back as the same column: the end of its header path
 * (the leaf, else more of the path) that no other column's path ends with.
 */
export function columnName(t: Table, index: number): string {
  const paths = headerPaths(t.header, tableWidth(t));
  const p = paths[index] ?? [];
  for (let k = 1; k <= p.length; k++) {
    const name = p.slice(p.length - k).join('/');
    if (columnIndex(t, name) === index) return name;
  }
  return p.join('/');
}

/**
 * The column of a figure beside a label, in a 收支 table (`left` / `right`), as a header path; undefined in a table
 * of another kind.
 */
export function sideColumn(t: Table, side: 'left' | 'right'): number | undefined {
  const labels = labelColumns(headerPaths(t.header, tableWidth(t)));
  const l = labels[side === 'left' ? 0 : 1];
  return l === undefined ? undefined : l + 1;
}

/** The cell of a table at a row and a column named as above; undefined when the table has no such row or column. */
export function cellAt(t: Table, row: string, column: string): TableCell | undefined {
  const paths = headerPaths(t.header, tableWidth(t));
  const labels = labelColumns(paths);
  if (labels.length) {
    // A 收支 table: the label column of the side the figure stands on, the row by its printed label.
    const col = column === 'left' || column === 'right' ? sideColumn(t, column) : columnIndex(t, column);
    if (col === undefined) return undefined;
    const labelCol = labels.filter((i) => i < col).pop();
    if (labelCol === undefined) return undefined;
    const want = bareLabel(row);
    const r = t.rows.find((x) => bareLabel(x[labelCol]?.text ?? '') === want);
    return r ? r[col] ?? { text: '' } : undefined;
  }
  const col = columnIndex(t, column);
  if (col === undefined) return undefined;
  const codes = paths.flatMap((p, i) => (p.some((h) => h.includes('编码')) ? [i] : []));
  const r = t.rows.find((x) => {
    if (row === '合计') return x[0]?.head === true && x[0].text === '合计';
    if (codes.length && /^\d+$/.test(row)) return codeOf(x, codes) === row;
    // A name: a project's (表9) or a unit's, in a cell without a figure.
    return x.some((c) => c.amount === undefined && !c.covered && c.text === row);
  });
  return r ? r[col] ?? { text: '' } : undefined;
}
