/**
 * The dispatch of the binder: the top level, 部门 and 单位 blocks, their attributes, and which bind function
 * reads each statement of a unit.
 */
import type { Diagnostic, Span } from '../diagnostics';
import { LAYOUT_VALUE_WORDS, LAYOUT_WORDS, UNIT_KINDS, type SectionKind } from '../keywords';
import { STATEMENTS, statementOf, unreachable, type StatementId } from '../statements';
import type { BudgetModel, Department, Unit } from '../model';
import type { MoneyUnit } from '../money';
import type { Stmt } from '../syntax';
import type { Tidied } from './tidy';
import { Binder, forEachStatement, type Defaults } from './binder';
import { bindComparison } from './comparison';
import { bindPrinted } from './printed';
import { bindIncome, bindIncomeFunc } from './income';
import { bindList, bindMapping, bindSangong } from './lists';
import { bindOverall } from './performance';
import { bindProject } from './projects';
import { bindRows } from './rows';

/** Binds the statements of a document (as the tidy pass gives them). */
export function bindDocument(b: Binder, stmts: Stmt[]): BudgetModel {
  const model: BudgetModel = { units: [], departments: [], rounding: 'exact' };
  bindContainer(b, stmts, 'top', {}, model, undefined);
  return model;
}

export function bindContainer(b: Binder, stmts: Stmt[], context: 'top' | 'department', defaults: Defaults, model: BudgetModel, dept: Department | undefined): void {
  const seen = new Map<string, Span>();
  // A department's own sections: its consolidated figures (部门汇总), checked against its units' sum.
  const own: Stmt[] = [];
  // Attributes first, so that they apply to units written before them in the same block.
  for (const s of stmts) {
    const id = statementOf(context, s)?.statement.id;
    if (id && isAttribute(id)) bindAttribute(b, s, id, defaults, seen);
  }
  forEachStatement(b, context, stmts, (s, r) => {
    const id = r.statement.id;
    if (isAttribute(id)) return;
    if (isUnitBody(id)) {
      own.push(s);
      return;
    }
    const first = s.items[0];
    switch (id) {
      case 'unit': {
        const unitDefaults: Defaults = { ...defaults, department: dept?.name ?? defaults.department };
        b.unitDefaults.set(s, unitDefaults);
        const u = bindUnit(b, s, unitDefaults);
        if (u) {
          model.units.push(u);
          dept?.units.push(u);
        }
        break;
      }
      case 'department': {
        const name = b.rest(s.items, 1);
        if (!name) b.expectMissing(first, { zh: '“部门”', en: '“部门”' }, { zh: '部门名称', en: 'a department name' });
        if (!s.block) {
          // `部门 名称` without a block: the department of the units that follow.
          if (name) defaults.department = name;
          break;
        }
        const d: Department = { name: name ?? { text: '', span: first }, span: s, units: [], unitFiles: [] };
        model.departments.push(d);
        bindContainer(b, s.block.stmts, 'department', { ...defaults, department: d.name }, model, d);
        break;
      }
      case 'unitFiles': {
        // 单位文件 <path or glob>: only in a 部门 block (the statement table allows it nowhere else).
        const path = b.rest(s.items, 1);
        if (!path) b.expectMissing(first, { zh: '“单位文件”', en: '“单位文件”' }, { zh: '路径或通配符', en: 'a path or glob' });
        else dept?.unitFiles.push(path);
        break;
      }
      case 'rounding': {
        const v = s.items[1];
        if (!v) b.expectMissing(first, { zh: '“舍入”', en: '“舍入”' }, { zh: '“精确”或“容差”', en: '“精确” or “容差”' });
        else if (v.image === '精确' || v.image === 'exact') model.rounding = 'exact';
        else if (v.image === '容差' || v.image === 'tolerant') model.rounding = 'tolerant';
        else b.unexpected(v, { zh: '舍入方式应为“精确”或“容差”', en: 'the rounding mode is “精确” (exact) or “容差” (tolerant)' });
        model.roundingSpan = s;
        for (const extra of s.items.slice(2)) b.unexpected(extra, { zh: '一行只写一个舍入方式', en: 'one rounding mode per line' });
        break;
      }
      default:
        unreachable(id);
    }
  });
  // A department's 上年比较 compares its own (consolidated) figures: alone, with no section to compute them from,
  // it is reported rather than turned into a department of empty tables.
  if (dept && own.length && own.every((s) => statementOf('department', s)?.statement.id === 'comparison')) {
    for (const s of own) b.unknownStatement(s, context, 'comparison');
    own.length = 0;
  }
  if (dept && own.length) {
    const first = dept.span as Stmt;
    const unit: Unit = {
      name: dept.name,
      span: dept.span,
      headerSpan: { start: first.start, end: first.items[first.items.length - 1].end },
      department: dept.name,
      moneyUnit: '万元',
      mapping: [],
      projects: [],
      lists: [],
      printed: [],
      consolidates: dept.units,
    };
    bindUnitBody(b, own, unit, defaults);
    dept.consolidated = unit;
    // Listed before its units (as published: the department's tables come first).
    const at = dept.units.length ? model.units.indexOf(dept.units[0]) : -1;
    if (at >= 0) model.units.splice(at, 0, unit);
    else model.units.push(unit);
  }
}

type AttributeId = 'code' | 'region' | 'year' | 'edition' | 'moneyUnit' | 'supervisor' | 'kind' | 'layout' | 'title' | 'previousFile';
const ATTRIBUTES: ReadonlySet<string> = new Set<AttributeId>(['code', 'region', 'year', 'edition', 'moneyUnit', 'supervisor', 'kind', 'layout', 'title', 'previousFile']);

/** The attributes of the top level, 部门 and 单位 blocks (their values are the defaults of the units inside). */
function isAttribute(id: string): id is AttributeId {
  return ATTRIBUTES.has(id);
}

type UnitBodyId = Exclude<StatementId<'unit'>, AttributeId>;
const UNIT_BODY: ReadonlySet<string> = new Set(STATEMENTS.unit.map((s) => s.id).filter((id) => !isAttribute(id)));

/** The statements of a unit's body (sections, projects, tables): in a 部门 block, the department's own figures. */
function isUnitBody(id: string): id is UnitBodyId {
  return UNIT_BODY.has(id);
}

export function bindAttribute(b: Binder, s: Stmt, id: AttributeId, d: Defaults, seen: Map<string, Span>): void {
  const first = s.items[0];
  const w = first.image;
  const prev = seen.get(w);
  if (prev) b.repeated(first, w, prev);
  seen.set(w, first);
  const value = b.rest(s.items, 1);
  if (!value) {
    b.expectMissing(first, { zh: `“${w}”`, en: `“${w}”` }, { zh: '值', en: 'a value' });
    return;
  }
  switch (id) {
    case 'year':
    case 'edition': {
      // A four-digit year: the fiscal year, or the catalog edition (which the fiscal year chooses by default).
      const v = s.items[1];
      const y = v.kind === 'number' && /^\d{4}$/.test(v.image) ? Number(v.image) : undefined;
      if (y === undefined || s.items.length > 2) b.report('BUD804', value.span, { found: value.text });
      else if (id === 'year') {
        d.year = y;
        d.yearSpan = v;
      } else {
        d.catalogEdition = y;
        d.catalogEditionSpan = v;
      }
      break;
    }
    case 'moneyUnit': {
      if (value.text === '万元' || value.text === '元') d.moneyUnit = value.text;
      else b.report('BUD802', value.span, { found: value.text });
      break;
    }
    case 'supervisor':
      d.supervisor = value;
      break;
    case 'kind':
      d.kind = value;
      if (!(value.text in UNIT_KINDS)) b.report('BUD803', value.span, { found: value.text });
      break;
    case 'layout':
      // The layout of the tables (layouts/): a known id, else reported and the layout inferred.
      if (value.text in LAYOUT_WORDS) d.layout = value;
      else b.report('BUD807', value.span, { found: value.text, allowed: LAYOUT_VALUE_WORDS.join('、') });
      break;
    case 'region':
      d.region = value;
      break;
    case 'title':
      d.title = value;
      break;
    case 'previousFile':
      d.previousFile = value;
      break;
    case 'code':
      // The unit's own (bindUnit); a department's code is only checked for its shape.
      break;
    default:
      unreachable(id);
  }
}

export function bindUnit(b: Binder, s: Stmt, defaults: Defaults): Unit | undefined {
  const name = b.declaration(s, { zh: '单位名称', en: 'a unit name' });
  if (!name || !s.block) return undefined;
  const d: Defaults = { ...defaults };
  const unit: Unit = {
    name,
    span: s,
    headerSpan: { start: s.start, end: s.items[s.items.length - 1].end },
    department: defaults.department,
    moneyUnit: '万元',
    mapping: [],
    projects: [],
    lists: [],
    printed: [],
  };
  const seen = new Map<string, Span>();
  const stmts = s.block.stmts;
  // Attributes first: the money unit must be known before amounts are read.
  for (const st of stmts) {
    const id = statementOf('unit', st)?.statement.id;
    if (!id || !isAttribute(id)) continue;
    bindAttribute(b, st, id, d, seen);
    if (id === 'code') unit.code = b.rest(st.items, 1);
  }
  bindUnitBody(b, stmts, unit, d);
  return unit;
}

/**
 * The statements of a unit (or a department's own, consolidated figures) other than its attributes, which
 * `d` holds.
 */
export function bindUnitBody(b: Binder, stmts: Stmt[], unit: Unit, d: Defaults): void {
  unit.moneyUnit = d.moneyUnit ?? '万元';
  unit.year = d.year;
  unit.yearSpan = d.yearSpan;
  unit.catalogEdition = d.catalogEdition;
  unit.catalogEditionSpan = d.catalogEditionSpan;
  unit.supervisor = d.supervisor;
  unit.kind = d.kind;
  unit.kindClass = d.kind ? UNIT_KINDS[d.kind.text] : undefined;
  unit.region = d.region;
  unit.layout = d.layout;
  unit.previousFile = d.previousFile;
  unit.title = d.title;
  const sectionsSeen = new Map<string, Span>();
  forEachStatement(b, 'unit', stmts, (st, r) => {
    const id = r.statement.id;
    if (isAttribute(id)) return;
    const first = st.items[0];
    const w = first.image;
    switch (id) {
      case 'income': case 'incomeFunc': case 'func': case 'econ': case 'gov': case 'mapping': case 'sangong': case 'overall': case 'comparison': {
        const prev = sectionsSeen.get(id);
        if (prev) b.repeated(first, w, prev);
        sectionsSeen.set(id, first);
        if (!st.block) {
          b.report('BUD009', first, { word: w });
          break;
        }
        for (const extra of st.items.slice(1)) b.unexpected(extra, { zh: '块名之后应直接写“{”', en: 'a section name is followed by “{”' });
        bindSection(b, st, st.block.stmts, id, unit);
        break;
      }
      case 'project': {
        const p = bindProject(b, st, unit);
        if (p) unit.projects.push(p);
        break;
      }
      case 'fundExp': case 'debt': case 'procurement': case 'services': case 'special': case 'capitalExp': {
        // One declaration per table (a second block, e.g. from the next PDF page, would be silently summed apart).
        const prev = unit.lists.find((l) => l.table === id);
        if (prev) b.repeated(first, w, { start: prev.span.start, end: prev.span.start + w.length });
        unit.lists.push(bindList(b, st, id, unit.moneyUnit));
        break;
      }
      case 'printed': {
        const p = bindPrinted(b, st, unit.moneyUnit);
        if (p) unit.printed.push(p);
        break;
      }
      default:
        unreachable(id);
    }
  });
}

/** A section block of a unit: its statements (with the block's own money unit, if it states one) bound into the unit. */
function bindSection(b: Binder, st: Stmt, stmts: Stmt[], section: SectionKind, unit: Unit): void {
  const headerSpan = { start: st.start, end: st.items[st.items.length - 1].end };
  // A section may state its own money unit (e.g. 三公 published in 万元 in a 元 document); 对照 has no amounts.
  const own = section === 'mapping' ? { unit: unit.moneyUnit, stmts } : sectionUnit(b, stmts, unit.moneyUnit);
  switch (section) {
    case 'income':
      unit.income = { span: st, headerSpan, lines: bindIncome(b, own.stmts, own.unit) };
      break;
    case 'incomeFunc':
      unit.incomeFunc = bindIncomeFunc(b, st, own.stmts, own.unit);
      break;
    case 'func':
    case 'econ':
    case 'gov':
      unit[section] = bindRows(b, st, own.stmts, section, own.unit);
      break;
    case 'mapping':
      bindMapping(b, own.stmts, unit);
      break;
    case 'sangong':
      unit.sangong = { span: st, headerSpan, moneyUnit: own.unit, lines: bindSangong(b, own.stmts, own.unit) };
      break;
    case 'overall':
      unit.overall = bindOverall(b, st, own.stmts, { ...unit, moneyUnit: own.unit });
      break;
    case 'comparison':
      unit.comparison = { span: st, headerSpan, moneyUnit: own.unit, ...bindComparison(b, own.stmts, own.unit) };
      break;
    default:
      unreachable(section);
  }
}

/** Splits off a block's own `金额单位` statement: the unit for the block's amounts and the other statements. */
export function sectionUnit(b: Binder, stmts: Stmt[], fallback: MoneyUnit): { unit: MoneyUnit; stmts: Stmt[] } {
  let unit = fallback;
  const rest: Stmt[] = [];
  let first: Stmt | undefined;
  for (const s of stmts) {
    if (isMoneyUnitStmt(s)) {
      // One money unit per block: a second is reported (the first stays), not silently taken for the whole block.
      if (first) {
        b.repeated(s.items[0], s.items[0].image, first.items[0]);
        continue;
      }
      first = s;
      const v = s.items[1];
      const declared = declaredMoneyUnit(s);
      if (declared) unit = declared;
      else b.report('BUD802', v ?? s.items[0], { found: v ? b.text.slice(v.start, s.items[s.items.length - 1].end) : '' });
      continue;
    }
    rest.push(s);
  }
  return { unit, stmts: rest };
}

/**
 * Binds a document: the tidied statements (tidy.ts) become the model. The diagnostics are the tidy pass's and the
 * binder's; `unitDefaults` holds the defaults each unit statement was bound with (for incremental.ts).
 */
export function bind(text: string, tidied: Tidied): { model: BudgetModel; diagnostics: Diagnostic[]; unitDefaults: Map<Stmt, Defaults> } {
  const b = new Binder(text);
  for (const d of tidied.diagnostics) b.diagnostics.push(d);
  const model = bindDocument(b, tidied.stmts);
  return { model, diagnostics: b.diagnostics, unitDefaults: b.unitDefaults };
}

/** A block's own `金额单位 …` line (valid or not). */
export function isMoneyUnitStmt(s: Stmt): boolean {
  return s.items[0]?.image === '金额单位' && !s.block;
}

/** The unit a `金额单位` line states when it is well formed (`金额单位 万元` / `金额单位 元`), else undefined. */
export function declaredMoneyUnit(s: Stmt): MoneyUnit | undefined {
  const v = s.items[1];
  return isMoneyUnitStmt(s) && s.items.length === 2 && (v.image === '万元' || v.image === '元') ? v.image : undefined;
}
