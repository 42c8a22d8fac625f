/**
 * 部门支出分单位明细 (a department's expenditure by unit): for a department that names its units' files (单位文件),
 * one row per unit — the units written in the department's file, then those of each unit file in written order —
 * with each unit's expenditure as its file writes it (合计 | 基本支出 小计, 人员经费, 公用经费 | 项目支出; a figure
 * its 合计 row does not write is computed from its rows and marked so), and the 合计 row: the department's own
 * figure where it has one (marked, with the units' sum, when that differs beyond the rounding), else the units' sum.
 *
 * Nothing is dropped silently and unknown is not zero: a 单位文件 that could not be used (missing, not readable, a
 * cycle, no unit, another year) is a row saying so; a figure a unit does not state is shown as 未知, and a 合计 with
 * an unknown part is 未知 unless the department writes it. The core does no I/O: the caller resolves the files
 * (references.ts, `UnitFileEntry`) and hands the entries to `buildTables`.
 */
import type { UnitFigures } from '../compute';
import type { Column } from '../keywords';
import { analysisState } from '../analyze';
import type { Department, RoundingMode, Unit } from '../model';
import { abs, type Money } from '../money';
import type { UnitFileEntry } from '../references';
import { roundingTolerance } from '../checks/context';
import { addM, computedOf, figureCell, label, nodeCell, txt, writtenOf, type CellFormat } from './cells';
import type { HeaderCell, TableCell } from './grid';
import { totalSpan } from './reference';
import type { TableSpec } from './types';

/** The table, added after any layout's own for a department that names its units' files (layouts/index.ts). */
export const UNITS_SPEC: TableSpec = {
  id: '分单位', title: { zh: '{年}部门支出分单位明细', en: 'Department expenditure by unit' }, unit: 'document',
  build: (ctx) => {
    const d = ctx.unitFiles;
    if (!d) return undefined;
    const fig = (u: Unit): UnitFigures | undefined => ctx.analysis.figures.find((x) => x.unit === u);
    const own = d.department.units.map(fig).filter((x): x is UnitFigures => x !== undefined);
    const consolidated = d.department.consolidated && fig(d.department.consolidated);
    const rounding = analysisState(ctx.analysis)?.rounding ?? ctx.analysis.model.rounding;
    const fmt: CellFormat = { ...ctx.fmt, zero: 'number' };
    return ctx.make(UNITS_HEADER, unitBreakdownRows(fmt, d.department, own, d.entries, consolidated, rounding), { unitName: d.department.name.text, note: UNITS_NOTE });
  },
};

export const UNITS_HEADER: HeaderCell[][] = [
  [{ text: '单位名称', rowSpan: 2 }, { text: '单位文件', rowSpan: 2 }, { text: '合计', rowSpan: 2 }, { text: '基本支出', colSpan: 3 }, { text: '项目支出', rowSpan: 2 }],
  [{ text: '小计' }, { text: '人员经费' }, { text: '公用经费' }],
];

const COLS: Column[] = ['total', 'basic', 'personnel', 'public', 'project'];

/** What an unknown figure shows (never a blank that reads as zero). */
export const UNKNOWN = '未知';

export const UNITS_NOTE = '“未知”：单位文件没有写出该数字，或无法使用该单位文件（见“单位文件”列），不按零计；有未知项的合计为未知，除非部门自己写出。';

/**
 * The amount cells of one unit: its 支出 合计 row as written, else computed from its rows (marked computed). A unit
 * of another file (`file`): its spans lie in that file, and the cells say so (a click reveals the figure there).
 */
function unitCells(fmt: CellFormat, f: UnitFigures, file: string | undefined): TableCell[] {
  const sec = f.unit.func;
  return COLS.map((c) => {
    const cell = nodeCell(fmt, f.func.root, sec, c, undefined, totalSpan(sec, c));
    if (file !== undefined && cell.span) cell.file = file;
    return known(cell);
  });
}

function known(c: TableCell): TableCell {
  return c.amount === undefined ? { ...c, text: UNKNOWN } : c;
}

/**
 * The rows of 部门支出分单位明细 for `dep`: its units in this file (`own`), then its 单位文件 entries, then the
 * 合计 row (first, as the caller's layout places it).
 */
export function unitBreakdownRows(fmt: CellFormat, dep: Department, own: UnitFigures[], entries: UnitFileEntry[], consolidated: UnitFigures | undefined, rounding: RoundingMode): TableCell[][] {
  const rows: TableCell[][] = [];
  const parts: Array<Array<Money | undefined>> = [];
  /** `file`: the unit's file, for a unit not written in this one. */
  const add = (f: UnitFigures, shown: string, file?: string): void => {
    const cells = unitCells(fmt, f, file);
    rows.push([txt(f.unit.name.text, { span: f.unit.name.span, ...(file !== undefined ? { file } : {}) }), txt(shown), ...cells]);
    parts.push(COLS.map((c, i) => (cells[i].amount === undefined ? undefined : f.unit.func?.total?.cells[c]?.value ?? f.func.root.cells[c])));
  };
  for (const f of own) add(f, '（本文件）');
  for (const e of entries) {
    if (e.problem || !e.units.length) {
      rows.push([txt(`（${e.problem?.text.zh ?? '文件中没有单位'}）`), txt(e.display ?? e.written.text, { span: e.written.span }), ...COLS.map(() => txt(UNKNOWN))]);
      parts.push(COLS.map(() => undefined));
      continue;
    }
    // An entry with units has its file (references.ts sets it for every file it read units from).
    for (const u of e.units) add(u.figures, e.display ?? e.written.text, e.file!);
  }
  const n = parts.length;
  const sec = consolidated?.unit.func;
  const total = COLS.map((c, i) => {
    let sum: Money | undefined = n ? 0n : undefined;
    for (const p of parts) sum = p[i] === undefined ? undefined : addM(sum, p[i]);
    const sumCell = figureCell(fmt, undefined, sum, totalSpan(sec, c) ?? dep.name.span);
    // The department's own figure (written, else from its own rows), marked when it is not its units' sum.
    if (consolidated) {
      const root = consolidated.func.root;
      const written = writtenOf(root, sec, c);
      const own = written?.value ?? computedOf(root, c);
      if (own !== undefined) {
        const cell = nodeCell(fmt, root, sec, c, undefined, totalSpan(sec, c));
        delete cell.differs;
        if (sum !== undefined && abs(own - sum) > roundingTolerance(rounding, written, n)) cell.differs = sumCell.text;
        return cell;
      }
    }
    return known(sumCell);
  });
  rows.push([label('合计', { span: dep.name.span }), txt(''), ...total]);
  return rows;
}
