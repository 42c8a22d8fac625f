/**
 * The dispatch of the binder: the top level, 部门 and 单位 blocks, their attributes, and which bind function
 * reads each statement of a unit.
 */
import type { Diagnostic, Span } from '../diagnostics';
import { LIST_TABLES, SECTION_ALIASES, UNIT_KINDS } from '../keywords';
import type { BudgetModel, Department, Unit } from '../model';
import type { MoneyUnit } from '../money';
import type { Stmt } from '../syntax';
import type { Tidied } from './tidy';
import { Binder, type Defaults } from './binder';
import { bindComparison } from './comparison';
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
    const w = s.items[0]?.image;
    if (w && w !== '单位' && w !== '部门' && w !== '舍入' && !s.block) bindAttribute(b, s, defaults, seen, context);
  }
  for (const s of stmts) {
    const first = s.items[0];
    const w = first?.image;
    if (w === '单位') {
      const unitDefaults: Defaults = { ...defaults, department: dept?.name ?? defaults.department };
      b.unitDefaults.set(s, unitDefaults);
      const u = bindUnit(b, s, unitDefaults);
      if (u) {
        model.units.push(u);
        dept?.units.push(u);
      }
    } else if (w === '部门' && context === 'top') {
      const name = b.rest(s.items, 1);
      if (!name) b.expectMissing(first, { zh: '“部门”', en: '“部门”' }, { zh: '部门名称', en: 'a department name' });
      if (!s.block) {
        // `部门 名称` without a block: the department of the units that follow.
        if (name) defaults.department = name;
        continue;
      }
      const d: Department = { name: name ?? { text: '', span: first }, span: s, units: [] };
      model.departments.push(d);
      bindContainer(b, s.block.stmts, 'department', { ...defaults, department: d.name }, model, d);
    } else if (context === 'department' && w && isUnitBodyWord(w)) {
      own.push(s);
    } else if (w === '舍入' && context === 'top') {
      const v = s.items[1];
      if (!v) b.expectMissing(first, { zh: '“舍入”', en: '“舍入”' }, { zh: '“精确”或“容差”', en: '“精确” or “容差”' });
      else if (v.image === '精确' || v.image === 'exact') model.rounding = 'exact';
      else if (v.image === '容差' || v.image === 'tolerant') model.rounding = 'tolerant';
      else b.unexpected(v, { zh: '舍入方式应为“精确”或“容差”', en: 'the rounding mode is “精确” (exact) or “容差” (tolerant)' });
      model.roundingSpan = s;
      for (const extra of s.items.slice(2)) b.unexpected(extra, { zh: '一行只写一个舍入方式', en: 'one rounding mode per line' });
    } else if (!w || s.block || !isAttributeWord(w) || (w === '编码' && context === 'top')) {
      b.unknownStatement(s, context);
    }
  }
  // A department's 上年比较 compares its own (consolidated) figures: alone, with no section to compute them from,
  // it is reported rather than turned into a department of empty tables.
  if (dept && own.length && own.every((s) => SECTION_ALIASES[s.items[0].image] === 'comparison')) {
    for (const s of own) b.unknownStatement(s, context);
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

export function bindAttribute(b: Binder, s: Stmt, d: Defaults, seen: Map<string, Span>, context: string): boolean {
  const first = s.items[0];
  const w = first.image;
  if (!isAttributeWord(w)) return false;
  const prev = seen.get(w);
  if (prev) b.repeated(first, w, prev);
  seen.set(w, first);
  const value = b.rest(s.items, 1);
  if (!value) {
    b.expectMissing(first, { zh: `“${w}”`, en: `“${w}”` }, { zh: '值', en: 'a value' });
    return true;
  }
  switch (w) {
    case '年度': {
      const v = s.items[1];
      const y = v.kind === 'number' && /^\d{4}$/.test(v.image) ? Number(v.image) : undefined;
      if (y === undefined || s.items.length > 2) b.report('BUD804', value.span, { found: value.text });
      else {
        d.year = y;
        d.yearSpan = v;
      }
      break;
    }
    case '金额单位': {
      if (value.text === '万元' || value.text === '元') d.moneyUnit = value.text;
      else b.report('BUD802', value.span, { found: value.text });
      break;
    }
    case '主管部门':
      d.supervisor = value;
      break;
    case '性质':
      d.kind = value;
      if (!(value.text in UNIT_KINDS)) b.report('BUD803', value.span, { found: value.text });
      break;
    case '区划':
      d.region = value;
      break;
    case '编码':
      if (context === 'top') return false;
      break;
  }
  return true;
}

export function bindUnit(b: Binder, s: Stmt, defaults: Defaults): Unit | undefined {
  const first = s.items[0];
  const name = b.rest(s.items, 1);
  if (!name) b.expectMissing(first, { zh: '“单位”', en: '“单位”' }, { zh: '单位名称', en: 'a unit name' });
  if (!s.block) {
    b.report('BUD009', first, { word: '单位' });
    return undefined;
  }
  const d: Defaults = { ...defaults };
  const unit: Unit = {
    name: name ?? { text: '', span: first },
    span: s,
    headerSpan: { start: s.start, end: s.items[s.items.length - 1].end },
    department: defaults.department,
    moneyUnit: '万元',
    mapping: [],
    projects: [],
    lists: [],
  };
  const seen = new Map<string, Span>();
  const stmts = s.block.stmts;
  // Attributes first: the money unit must be known before amounts are read.
  for (const st of stmts) {
    const w = st.items[0]?.image;
    if (w && isAttributeWord(w) && !st.block) {
      bindAttribute(b, st, d, seen, 'unit');
      if (w === '编码') unit.code = b.rest(st.items, 1);
    }
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
  unit.supervisor = d.supervisor;
  unit.kind = d.kind;
  unit.kindClass = d.kind ? UNIT_KINDS[d.kind.text] : undefined;
  unit.region = d.region;
  const sectionsSeen = new Map<string, Span>();
  for (const st of stmts) {
    const first2 = st.items[0];
    const w = first2?.image;
    if (w && isAttributeWord(w) && !st.block) continue;
    if (!w) {
      b.unknownStatement(st, 'unit');
      continue;
    }
    const section = SECTION_ALIASES[w];
    if (section) {
      const prev = sectionsSeen.get(section);
      if (prev) b.repeated(first2, w, prev);
      sectionsSeen.set(section, first2);
      if (!st.block) {
        b.report('BUD009', first2, { word: w });
        continue;
      }
      for (const extra of st.items.slice(1)) b.unexpected(extra, { zh: '块名之后应直接写“{”', en: 'a section name is followed by “{”' });
      const headerSpan = { start: st.start, end: st.items[st.items.length - 1].end };
      // A section may state its own money unit (e.g. 三公 published in 万元 in a 元 document).
      const own = section === 'mapping' ? { unit: unit.moneyUnit, stmts: st.block.stmts } : sectionUnit(b, st.block.stmts, unit.moneyUnit);
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
          bindMapping(b, st.block.stmts, unit);
          break;
        case 'sangong':
          unit.sangong = { span: st, headerSpan, lines: bindSangong(b, own.stmts, own.unit) };
          break;
        case 'overall':
          unit.overall = bindOverall(b, st, own.stmts, { ...unit, moneyUnit: own.unit });
          break;
        case 'comparison':
          unit.comparison = { span: st, headerSpan, moneyUnit: own.unit, lines: bindComparison(b, own.stmts, own.unit) };
          break;
      }
      continue;
    }
    if (w === '项目') {
      const p = bindProject(b, st, unit);
      if (p) unit.projects.push(p);
      continue;
    }
    const table = LIST_TABLES[w];
    if (table) {
      // One declaration per table (a second block, e.g. from the next PDF page, would be silently summed apart).
      const prev = unit.lists.find((l) => l.table === table);
      if (prev) b.repeated(st.items[0], w, { start: prev.span.start, end: prev.span.start + w.length });
      unit.lists.push(bindList(b, st, table, unit.moneyUnit));
      continue;
    }
    b.unknownStatement(st, 'unit');
  }
}

// ── income ──────────────────────────────────────────────────────────────────────────────────────────

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

/** Words that start a unit's body statement (sections, projects, tables): also allowed in a 部门 block. */
function isUnitBodyWord(w: string): boolean {
  return w in SECTION_ALIASES || w === '项目' || w in LIST_TABLES;
}

function isAttributeWord(w: string): boolean {
  return w === '编码' || w === '区划' || w === '年度' || w === '金额单位' || w === '主管部门' || w === '性质';
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
