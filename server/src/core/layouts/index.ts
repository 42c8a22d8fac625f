/**
 * Layouts (表式): which tables a document publishes, and how. A file states its layout with `表式 <id>` (at the top,
 * in a 部门 or in a 单位); without one, the layout is inferred from what the unit states. `buildTables` builds the
 * tables of each unit's layout; the checks ask a layout's required tables of units that state their layout.
 *
 * Layout ids (for `表式` and for tools that write budget files): 辽宁 (the reference layout, 18 tables), 上海单位,
 * 上海部门, and 上海 (the Shanghai unit or department layout, by the unit: see `layoutOf`).
 */
import type { Analysis } from '../analyze';
import type { UnitFigures } from '../compute';
import type { Span, Text2 } from '../diagnostics';
import type { Locale } from '../i18n';
import { LAYOUT_WORDS } from '../keywords';
import type { Unit } from '../model';
import type { TakenPrevious, UnitFileEntry } from '../references';
import type { MoneyUnit } from '../money';
import type { CellFormat } from './cells';
import { makeTable } from './cells';
import type { Table, TableCell } from './grid';
import { COMPARISON_SPEC, REFERENCE_LAYOUT } from './reference';
import { SHANGHAI_DEPARTMENT_LAYOUT, SHANGHAI_UNIT_LAYOUT } from './shanghai';
import { tableTitle, withYear } from './title';
import { UNITS_SPEC } from './units';
import type { BuildContext, Layout, LayoutId, TableSpec } from './types';

export type { Layout, LayoutId, TableSpec, Requirement, TextSheet } from './types';
/** The table added after any layout's own (与上年预算比较), for tools that read tables back (the importer). */
export { COMPARISON_SPEC };
export { tableTitle, withYear } from './title';
export { LAYOUT_VALUE_WORDS, LAYOUT_WORDS } from '../keywords';

export const LAYOUTS: Record<LayoutId, Layout> = {
  辽宁: REFERENCE_LAYOUT,
  上海单位: SHANGHAI_UNIT_LAYOUT,
  上海部门: SHANGHAI_DEPARTMENT_LAYOUT,
};

/** The layout a unit's tables follow, and why. */
export interface LayoutChoice {
  layout: Layout;
  /** True when the file states it (`表式`); an inferred layout is a guess and asks for no tables (BUD808/BUD809). */
  explicit: boolean;
  /** The `表式` value, when written (in the unit, its 部门 or at the top). */
  span?: Span;
  reason: Text2;
}

const CHOICES = new WeakMap<Unit, LayoutChoice>();

/** Whether a unit's budget is a department's own (部门预算): a 部门's consolidated figures, or its own 主管部门. */
function isDepartmentBudget(u: Unit): { yes: boolean; why: Text2 } {
  if (u.consolidates) return { yes: true, why: { zh: '这是“部门”块的汇总数', en: 'these are a 部门 block’s consolidated figures' } };
  if (u.supervisor && u.supervisor.text === u.name.text) {
    return { yes: true, why: { zh: '主管部门就是本单位（部门预算）', en: 'the unit is its own 主管部门 (a department budget)' } };
  }
  return { yes: false, why: { zh: '主管部门不是本单位（单位预算）', en: 'the unit is not its own 主管部门 (a unit budget)' } };
}

/** What marks a unit as a Shanghai document: in 元, with the Shanghai 表2 or 表7. */
function shanghaiMarks(u: Unit): Text2[] {
  if (u.moneyUnit !== '元') return [];
  const out: Text2[] = [];
  if (u.incomeFunc) out.push({ zh: '写了“收入科目”（按功能科目分列的收入预算总表）', en: 'it has a 收入科目 block (income by function code)' });
  if (u.lists.some((l) => l.table === 'capitalExp')) out.push({ zh: '写了“国有资本经营预算支出”表', en: 'it states the 国有资本经营预算支出 table' });
  return out;
}

/**
 * The layout of a unit: as its file states it (`表式` in the unit, else its 部门, else at the top), else inferred —
 * Shanghai when the unit is in 元 and has the Shanghai 表2 (收入科目) or 表7 (国有资本经营预算支出), the reference
 * layout otherwise. 上海 (stated or inferred) is the department layout for a department's budget (a 部门's own
 * figures, or a unit that is its own 主管部门), the unit layout otherwise.
 */
export function layoutOf(u: Unit): LayoutChoice {
  const cached = CHOICES.get(u);
  if (cached) return cached;
  let choice: LayoutChoice;
  const stated = u.layout ? LAYOUT_WORDS[u.layout.text] : undefined;
  if (u.layout && stated) {
    const said = { zh: `文件写明“表式 ${u.layout.text}”`, en: `the file states “表式 ${u.layout.text}”` };
    if (stated === '上海') {
      const d = isDepartmentBudget(u);
      choice = {
        layout: d.yes ? SHANGHAI_DEPARTMENT_LAYOUT : SHANGHAI_UNIT_LAYOUT, explicit: true, span: u.layout.span,
        reason: { zh: `${said.zh}，${d.why.zh}`, en: `${said.en}; ${d.why.en}` },
      };
    } else choice = { layout: LAYOUTS[stated], explicit: true, span: u.layout.span, reason: said };
  } else {
    const marks = shanghaiMarks(u);
    if (marks.length) {
      const d = isDepartmentBudget(u);
      choice = {
        layout: d.yes ? SHANGHAI_DEPARTMENT_LAYOUT : SHANGHAI_UNIT_LAYOUT, explicit: false,
        reason: {
          zh: `未写表式；金额单位为元且${marks.map((m) => m.zh).join('、')}，按上海表式；${d.why.zh}`,
          en: `no 表式 stated; in 元 and ${marks.map((m) => m.en).join(', ')}: the Shanghai layout; ${d.why.en}`,
        },
      };
    } else {
      choice = {
        layout: REFERENCE_LAYOUT, explicit: false,
        reason: {
          zh: '未写表式，也没有上海表式的标志（元为单位且写了收入科目或国有资本经营预算支出表），按参考表式（辽宁）',
          en: 'no 表式 stated and no mark of the Shanghai layout (in 元 with a 收入科目 block or a 国有资本经营预算支出 table): the reference layout (辽宁)',
        },
      };
    }
  }
  CHOICES.set(u, choice);
  return choice;
}

/** The 合计 row (its first cell the label 合计) where the layout prints it: first or last. */
function placeTotal(rows: TableCell[][], where: 'first' | 'last'): TableCell[][] {
  const i = rows.findIndex((r) => r[0]?.head && r[0].text === '合计');
  if (i < 0 || i === (where === 'first' ? 0 : rows.length - 1)) return rows;
  const out = [...rows.slice(0, i), ...rows.slice(i + 1)];
  return where === 'first' ? [rows[i], ...out] : [...out, rows[i]];
}

/** Whether a unit's table has no figure at all (an empty table: only its blank 合计 row). */
function isEmptyTable(t: Table): boolean {
  return t.rows.every((r) => r.every((c) => c.amount === undefined || c.covered));
}

function buildSpec(a: Analysis, locale: Locale, layout: Layout, spec: TableSpec, f: UnitFigures, group: UnitFigures[], listed: UnitFigures[], allName: string, unit: MoneyUnit, more: Pick<BuildContext, 'unitFiles' | 'taken'> = {}): Table[] {
  const fmt: CellFormat = { ...layout.style, unit: spec.unit === 'document' ? unit : spec.unit };
  const year = f.unit.year;
  const ctx: BuildContext = {
    locale, layout, spec, analysis: a, f, figs: listed, all: group, allName, fmt, ...more,
    make(header, rows, extra = {}) {
      const unitName = extra.unitName ?? f.unit.name.text;
      const moneyUnit = (extra.moneyUnit as MoneyUnit | undefined) ?? fmt.unit;
      const line = layout.unitLine(unitName, moneyUnit);
      const t = makeTable({
        id: spec.id, title: tableTitle(spec, year), subtitle: `${line.left} ${line.right}`, unitName, moneyUnit, header,
        ...(spec.note ? { note: spec.note } : {}),
        ...extra,
      }, placeTotal(rows, layout.totalRow));
      if (locale === 'en') t.titleEn = spec.title.en;
      t.layout = layout.id;
      if (spec.sheet) t.sheet = spec.sheet;
      t.unitLine = extra.subtitle ? { left: '', right: extra.subtitle } : line;
      return t;
    },
  };
  let built: Table | Table[] | undefined;
  try {
    built = spec.build(ctx);
  } catch (e) {
    // A defect in one table's builder: that table says so (an internal error), the others are built.
    return [failedTable(`${spec.id} ${tableTitle(spec, year)}`, e, fmt.unit)];
  }
  const out = built === undefined ? [] : Array.isArray(built) ? built : [built];
  const note = emptyNoteOf(layout, spec, spec.scope === 'all' ? listed : [f]);
  if (note) for (const t of out) if (isEmptyTable(t)) t.note = note;
  return out;
}

/** What the caller adds to a file's own figures (buildTables' options). */
export interface TableOptions {
  /**
   * The 单位文件 of the file's departments as resolved (references.ts: `ReferenceResult.unitFiles`): each such
   * department gets its 部门支出分单位明细 (layouts/units.ts). Without them (no resolver) the table is not built.
   */
  unitFiles?: UnitFileEntry[];
  /** The 上年 figures taken from last year's file (references.ts: `ReferenceResult.taken`), for 与上年预算比较. */
  taken?: TakenPrevious[];
}

/** The 部门支出分单位明细 of each department of the file whose units' files were resolved, in the group's layout. */
function unitTables(a: Analysis, locale: Locale, layout: Layout, group: UnitFigures[], entries: UnitFileEntry[], first: boolean): Table[] {
  const out: Table[] = [];
  for (const department of a.model.departments) {
    const mine = entries.filter((e) => e.department === department);
    if (!mine.length) continue;
    // The department's table stands with the group of its own figures (or of its first unit; with neither, the first group).
    const f = group.find((x) => x.unit === department.consolidated) ?? group.find((x) => department.units.includes(x.unit))
      ?? (first && !a.figures.some((x) => x.unit === department.consolidated || department.units.includes(x.unit)) ? group[0] : undefined);
    if (!f) continue;
    const u = (department.consolidated ?? f.unit).moneyUnit;
    for (const t of buildSpec(a, locale, layout, UNITS_SPEC, f, group, group, department.name.text, u, { unitFiles: { department, entries: mine } })) out.push(t);
  }
  return out;
}

/**
 * The note under a table published empty: the 说明's own (`表注 表13 …`, as written), else the layout's for a
 * table the document states empty (`债务支出 无`), with `{年}` and `{主体}` (部门/单位) filled in.
 */
function emptyNoteOf(layout: Layout, spec: TableSpec, units: UnitFigures[]): string | undefined {
  for (const f of units) {
    const own = f.unit.comparison?.notes.find((n) => n.table.text === spec.id);
    if (own?.text.text) return own.text.text;
  }
  const req = spec.requires;
  const list = req?.kind === 'sourceOrEmpty' || req?.kind === 'list' ? req.list : undefined;
  if (!spec.emptyNote || !list || !units.length || !units.every((f) => f.unit.lists.some((l) => l.table === list && l.empty))) return undefined;
  const u = units[0].unit;
  const subject = layout.subject ?? (u.consolidates || u.supervisor?.text === u.name.text ? '部门' : '单位');
  return withYear(spec.emptyNote, u.year).replace('{主体}', subject);
}

/** The tables of one layout for a group of units, in the layout's order, then the year-on-year comparisons. */
function layoutTables(a: Analysis, locale: Locale, layout: Layout, group: UnitFigures[], options: TableOptions = {}, first = false): Table[] {
  const units = group.map((f) => f.unit);
  const moneyUnits = new Set(units.map((x) => x.moneyUnit));
  const u: MoneyUnit = moneyUnits.size === 1 ? units[0].moneyUnit : '万元';
  const dept = a.model.departments.length === 1 ? a.model.departments[0].name.text : undefined;
  const allName = group.length === 1 ? units[0].name.text : dept ?? units.map((x) => x.name.text).join('、');
  // Tables with a 单位名称 column list the units and their 合计; a department's own (consolidated) figures would count
  // them twice, so they appear only in the per-unit tables.
  const listed = group.some((f) => !f.unit.consolidates) ? group.filter((f) => !f.unit.consolidates) : group;
  const out: Table[] = [];
  for (const spec of layout.tables) {
    if (spec.scope === 'all') for (const t of buildSpec(a, locale, layout, spec, listed[0], group, listed, allName, u)) out.push(t);
    else for (const f of group) for (const t of buildSpec(a, locale, layout, spec, f, group, listed, allName, f.unit.moneyUnit)) out.push(t);
  }
  // Beyond the layout's tables: the year-on-year comparisons of the units that state figures in their 说明 (notes alone make none).
  for (const f of group.filter((x) => x.unit.comparison?.lines.length)) for (const t of buildSpec(a, locale, layout, COMPARISON_SPEC, f, group, listed, allName, f.unit.moneyUnit, { taken: options.taken })) out.push(t);
  if (options.unitFiles?.length) for (const t of unitTables(a, locale, layout, group, options.unitFiles, first)) out.push(t);
  return out;
}

/** The stand-in for a table that could not be built: it says so (an internal error), with the error. */
function failedTable(what: string, e: unknown, u: MoneyUnit): Table {
  const message = String(e instanceof Error ? e.message : e);
  return {
    id: '内部错误', title: '表格未能生成（内部错误）', titleEn: 'Table not built (internal error)', subtitle: what, unitName: '', moneyUnit: u,
    header: [], columns: [], rows: [], note: `${what}: ${message}`,
  };
}

/**
 * The tables of a budget: for each layout its units follow (usually one), the layout's tables in published order
 * (per-unit tables repeated for each unit of a department file, tables with a 单位名称 column listing all units),
 * then 与上年预算比较 for each unit that states its comparisons with the previous year.
 */
export function buildLayoutTables(a: Analysis, locale: Locale = 'zh-CN', options: TableOptions = {}): Table[] {
  const groups = new Map<LayoutId, UnitFigures[]>();
  for (const f of a.figures) {
    const id = layoutOf(f.unit).layout.id;
    const g = groups.get(id);
    if (g) g.push(f);
    else groups.set(id, [f]);
  }
  // A department file of 单位文件 alone (no figures of its own): its table in its first unit's layout, the
  // department's variant (its first unit file's units stand in for the name and year).
  if (!groups.size) {
    const f = options.unitFiles?.find((e) => e.units.length)?.units[0]?.figures;
    if (!f) return [];
    const id = layoutOf(f.unit).layout.id;
    return unitTables(a, locale, LAYOUTS[id === '上海单位' ? '上海部门' : id], [f], options.unitFiles!, true);
  }
  const out: Table[] = [];
  let first = true;
  for (const [id, group] of groups) {
    for (const t of layoutTables(a, locale, LAYOUTS[id], group, options, first)) out.push(t);
    first = false;
  }
  return out;
}

/** What a client shows of a file's layouts (the preview's table of contents, the HTML export). */
export interface LayoutInfo {
  id: LayoutId;
  name: string;
  /** Stated in the file (表式), or inferred. */
  explicit: boolean;
  reason: string;
  /** The units that follow it. */
  units: string[];
}

/** The layouts of a file's units, in the given language. */
export function layoutSummary(a: Analysis, locale: Locale = 'zh-CN'): LayoutInfo[] {
  const out: LayoutInfo[] = [];
  for (const f of a.figures) {
    const c = layoutOf(f.unit);
    const en = locale === 'en';
    let info = out.find((x) => x.id === c.layout.id && x.explicit === c.explicit);
    if (!info) out.push((info = { id: c.layout.id, name: en ? c.layout.name.en : c.layout.name.zh, explicit: c.explicit, reason: en ? c.reason.en : c.reason.zh, units: [] }));
    info.units.push(f.unit.name.text);
  }
  return out;
}

/** The layouts of a file's units, in order of first use (the xlsx export follows the first one's workbook). */
export function layoutsOf(a: Analysis): LayoutChoice[] {
  const seen = new Set<LayoutId>();
  const out: LayoutChoice[] = [];
  for (const f of a.figures) {
    const c = layoutOf(f.unit);
    if (!seen.has(c.layout.id)) {
      seen.add(c.layout.id);
      out.push(c);
    }
  }
  return out;
}

/**
 * The tables of one spec of a unit's layout, built from that unit's figures alone — as `buildTables` builds them
 * for a file of that one unit (a table listing units lists it alone). For a check that holds a published table
 * against the statements (checks/printed.ts), which runs per unit before the file's analysis exists.
 */
export function unitSpecTables(model: Analysis['model'], f: UnitFigures, layout: Layout, spec: TableSpec, text = ''): Table[] {
  const a: Analysis = {
    text, model, figures: [f], diagnostics: [],
    tree: { stmts: [], errors: [], comments: [], length: text.length, tokens: 0 }, tidied: { stmts: [] },
  };
  return buildSpec(a, 'zh-CN', layout, spec, f, [f], [f], f.unit.name.text, f.unit.moneyUnit);
}
