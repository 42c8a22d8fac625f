/**
 * Incremental re-analysis for the editor: `reanalyze(prev, text)` gives exactly what `analyze(text)` gives,
 * but when the change lies inside one unit block (`单位 … { … }`, at the top level or in a `部门` block)
 * and leaves the block structure intact, only that unit is re-lexed, re-parsed, re-bound, re-computed and
 * re-checked. Everything else is kept and, after the edit, shifted in place by the change in length.
 *
 * Why it is exact: the scanner has no state besides its position, the grammar is context-free and a unit
 * statement starts after a newline or a brace, so re-parsing the unit's text on its own gives the tree
 * the whole-text parse gives, provided the result is one `单位` statement whose block closes exactly where
 * the edited unit's `}` now is (checked). Units are bound with the defaults of their container (recorded
 * by the binder) and computed and checked one at a time (analyze.ts), so the other units' models, figures
 * and diagnostics do not depend on the edited unit. Everything else falls back to a full analysis.
 * test/robustness/incremental.test.ts compares both on random edits of generated budgets.
 *
 * Costs: the text comparison, the edited unit, and one pass over the syntax tree and the model after the
 * edit (numbers only, no allocation beyond a visited set). For a 100,000-line budget that is a few
 * milliseconds instead of a full analysis (docs/performance.md).
 *
 * `prev` is consumed: its objects are reused and shifted in place, so it must not be used afterwards.
 */
import {
  analysisState, analyze, checkUnit, MAX_ANALYZED_LENGTH, setAnalysisState, sortDiagnostics, type Analysis, type AnalysisState,
  type AnalyzeOptions,
} from './analyze';
import { Binder, bindUnit, isTidied, parsedOf, tidy, withStatements, type Defaults } from './bind';
import { settle, type Diagnostic, type Span } from './diagnostics';
import type { Amount, IndicatorBlock, Named, Row, Section, Unit } from './model';
import { lex } from './lexer';
import { MAX_TOKENS, parseRange } from './parser';
import { isUnclosedBlock, type Stmt, type SyntaxTree } from './syntax';

export interface ReanalyzeInfo {
  /** True when only one unit was re-analysed (or nothing changed). */
  incremental?: boolean;
  /** Why a full analysis was needed. */
  reason?: string;
  /** The edit, when the texts differ: prev.text[start, oldEnd) became text[start, newEnd). Lets callers
   * update what they derive from the text (the server's line index) instead of rebuilding it. */
  change?: { start: number; oldEnd: number; newEnd: number };
}

/** Length of the common prefix of a and b. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  // Whole blocks first (string comparison is native), then characters.
  for (let block = 1 << 14; block >= 16; block >>= 2) {
    while (i + block <= n && a.slice(i, i + block) === b.slice(i, i + block)) i += block;
  }
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of a and b, not reaching into the first `floor` characters of either. */
function commonSuffix(a: string, b: string, floor: number): number {
  const n = Math.min(a.length, b.length) - floor;
  let i = 0;
  for (let block = 1 << 14; block >= 16; block >>= 2) {
    while (i + block <= n && a.slice(a.length - i - block, a.length - i) === b.slice(b.length - i - block, b.length - i)) i += block;
  }
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** Where two texts differ: old[start, oldEnd) became text[start, newEnd) (the common prefix and suffix kept). */
export function changedSpan(old: string, text: string): { start: number; oldEnd: number; newEnd: number } {
  const start = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, start);
  return { start, oldEnd: old.length - suffix, newEnd: text.length - suffix };
}

/** The statement of a sorted, non-overlapping list that starts at or before `offset`. */
function stmtBefore(stmts: Stmt[], offset: number): number {
  let lo = 0;
  let hi = stmts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (stmts[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Re-analyses `text`, the new content of the document `prev` was computed from. The result equals
 * `analyze(text, options)`; `info` tells whether the incremental path was taken.
 */
export function reanalyze(prev: Analysis, text: string, options: AnalyzeOptions = {}, info: ReanalyzeInfo = {}): Analysis {
  const full = (reason: string): Analysis => {
    info.incremental = false;
    info.reason = reason;
    return analyze(text, options);
  };
  const state = analysisState(prev);
  if (!state) return full('no previous analysis state');
  if (text.length > MAX_ANALYZED_LENGTH) return full('too large to analyse');
  if (state.options.catalog !== options.catalog || state.options.rounding !== options.rounding) return full('options changed');
  // A department's own figures are checked against its units: an edit in one unit concerns another.
  if (prev.model.departments.some((d) => d.consolidated)) return full('a department with its own figures');
  // A block left open (missing `}`) is repaired and reported across units by the binder: only a full analysis
  // gives the same result.
  if (prev.tree.errors.some(isUnclosedBlock)) return full('a block is not closed');
  if (prev.tree.truncated !== undefined) return full('the text has more tokens than are parsed');
  const old = prev.text;
  if (old === text) {
    info.incremental = true;
    return prev;
  }
  // The change: old[cs, ceOld) became text[cs, ceOld + delta).
  info.change = changedSpan(old, text);
  const { start: cs, oldEnd: ceOld } = info.change;
  const delta = text.length - old.length;

  // The unit statement that holds the change, strictly inside (its first word and its `}` untouched).
  const top = prev.tree.stmts;
  let container: Stmt | undefined;
  let list = top;
  let i = stmtBefore(list, cs);
  let u = list[i];
  if (u && u.items[0]?.image === '部门' && u.block && u.block.open < cs && (u.block.close === undefined || ceOld < u.block.close - 1)) {
    container = u;
    list = u.block!.stmts;
    i = stmtBefore(list, cs);
    u = list[i];
  }
  const close = u?.block?.close;
  if (!u || u.items[0]?.image !== '单位' || close === undefined || !(u.start < cs) || !(ceOld < close)) return full('the change is not inside one unit block');
  // The same statements as the binder read them (the tidy pass's: the parser's own where nothing was tidied).
  const tTop = prev.tidied.stmts;
  const tci = container ? tTop.findIndex((x) => parsedOf(x) === container) : -1;
  const tList = container ? tTop[tci]?.block?.stmts : tTop;
  const ti = tList ? tList.findIndex((x) => parsedOf(x) === u) : -1;
  const tu = tList?.[ti];
  const defaults = tu && state.unitDefaults.get(tu);
  const k = prev.model.units.findIndex((x) => x.span === tu);
  if (!tu || !defaults || k < 0) return full('the unit was not bound as a unit');

  // Re-parse the unit on its own: one 单位 statement whose block closes at the (moved) `}`.
  const newClose = close + delta;
  const t = parseRange(text, u.start, newClose);
  const ns = t.stmts[0];
  if (t.stmts.length !== 1 || ns.items[0]?.image !== '单位' || ns.items[0].start !== u.start || ns.block?.close !== newClose) {
    return full('the change alters the block structure');
  }
  // The whole text's tokens: the old unit's replaced by the new one's (the unit's range holds exactly its own
  // tokens: the scanner has no state). Over the limit, the full parse truncates.
  const was = lex(old, u.start, close);
  const tokens = prev.tree.tokens - was.tokens.length - was.comments.length + t.tokens;
  if (tokens > MAX_TOKENS) return full('the text has more tokens than are parsed');

  try {
    return splice(prev, text, options, state, { u, ns, container, list, index: i, tu, tci, ti, k, T: close, delta, defaults, parsed: t, tokens }, info);
  } catch (e) {
    // A defect in the incremental path must never cost a result.
    return full(`incremental re-analysis failed: ${String(e)}`);
  }
}

interface Splice {
  /** The edited unit statement (old) and its replacement. */
  u: Stmt;
  ns: Stmt;
  container: Stmt | undefined;
  list: Stmt[];
  index: number;
  /** The edited unit as the tidy pass gave it, the index of its container (if any) in the tidied top level, its index in its tidied list. */
  tu: Stmt;
  tci: number;
  ti: number;
  /** Index of the unit in model.units. */
  k: number;
  /** Old offset just after the unit's `}`: positions at or after it move by delta. */
  T: number;
  delta: number;
  defaults: Defaults;
  parsed: SyntaxTree;
  /** The token count of the new text. */
  tokens: number;
}

function splice(prev: Analysis, text: string, options: AnalyzeOptions, state: AnalysisState, s: Splice, info: ReanalyzeInfo): Analysis {
  const { u, ns, T, delta: d } = s;
  const oldUnit = prev.model.units[s.k];
  const mv = (x: number): number => (x >= T ? x + d : x);

  // 0. The diagnostics kept (all but the unit's): their deferred related locations and fixes (diagnostics.ts
  //    `makeDiagnostic`) are built now, from the spans as they are, and move with the diagnostics in step 3.
  for (const x of prev.diagnostics) if (x.start < u.start || x.start >= T) settle(x);

  // 1. The model (before the tree, which it is told from by shape). Fields that always hold a statement
  //    (`span` of rows, lines, sections, projects …) move with the tree; every other span object moves
  //    here, once: indicator levels shared by consecutive indicators are moved at their first, values
  //    inherited from a container through a visited set.
  const sp = (x: Span | undefined): void => {
    if (!x || x.end < T || 'image' in x) return;
    x.end += d;
    if (x.start >= T) x.start += d;
  };
  const seen = new Set<object>();
  const shared = (x: Named | undefined): void => {
    if (!x || seen.has(x)) return;
    seen.add(x);
    sp(x.span);
  };
  const nm = (x: Named | undefined): void => sp(x?.span);
  const am = (x: Amount | undefined): void => sp(x?.span);
  const row = (r: Row): void => {
    sp(r.codeSpan);
    nm(r.name);
    sp(r.sourceSpan);
    for (const col in r.cells) am(r.cells[col as keyof Row['cells']]);
  };
  const section = (sec: Section | undefined): void => {
    if (!sec) return;
    sp(sec.headerSpan);
    for (const r of sec.rows) row(r);
    if (sec.total) row(sec.total);
    for (const e of Object.values(sec.extras)) am(e?.amount);
  };
  const indicators = (b: IndicatorBlock | undefined): void => {
    if (!b) return;
    // The binder shares a level between consecutive indicators of a block only (bindIndicators): each
    // level object is moved when it first appears.
    let l1: Named | undefined;
    let l2: Named | undefined;
    for (const ind of b.indicators) {
      if (ind.level1 !== l1) nm((l1 = ind.level1));
      if (ind.level2 !== l2) nm((l2 = ind.level2));
      nm(ind.name);
      sp(ind.op?.span);
      sp(ind.value?.span);
      nm(ind.unit);
      nm(ind.deadline);
    }
  };
  const unit = (x: Unit): void => {
    const inherited = state.unitDefaults.get(x.span as Stmt);
    nm(x.name);
    sp(x.headerSpan);
    nm(x.code);
    // Values of the unit's own attribute lines; inherited ones move with the defaults below.
    if (x.department !== inherited?.department) nm(x.department);
    if (x.region !== inherited?.region) nm(x.region);
    if (x.supervisor !== inherited?.supervisor) nm(x.supervisor);
    if (x.kind !== inherited?.kind) nm(x.kind);
    if (x.layout !== inherited?.layout) nm(x.layout);
    if (x.previousFile !== inherited?.previousFile) nm(x.previousFile);
    if (x.title !== inherited?.title) nm(x.title);
    if (x.income) {
      sp(x.income.headerSpan);
      for (const l of x.income.lines) {
        am(l.amount);
        sp(l.keySpan);
      }
    }
    if (x.incomeFunc) {
      sp(x.incomeFunc.headerSpan);
      for (const r of [...x.incomeFunc.rows, ...(x.incomeFunc.total ? [x.incomeFunc.total] : [])]) {
        sp(r.codeSpan);
        nm(r.name);
        for (const c of r.cells) {
          sp(c.span);
          sp(c.keySpan);
          am(c.amount);
        }
      }
    }
    section(x.func);
    section(x.econ);
    section(x.gov);
    for (const m of x.mapping) {
      nm(m.dept);
      nm(m.gov);
    }
    if (x.sangong) {
      sp(x.sangong.headerSpan);
      for (const l of x.sangong.lines) {
        am(l.amount);
        sp(l.keySpan);
      }
    }
    for (const p of x.projects) {
      nm(p.name);
      nm(p.content);
      for (const r of p.funcRefs) {
        sp(r.span);
        am(r.amount);
      }
      am(p.amount);
      for (const b of p.bySource) am(b.amount);
      nm(p.supervisor);
      nm(p.implementer);
      nm(p.goal);
      nm(p.longTermGoal);
      nm(p.nature);
      nm(p.category);
      nm(p.startDate);
      nm(p.endDate);
      nm(p.period);
      am(p.fundsTotal);
      am(p.fundsFiscal);
      am(p.fundsOther);
      am(p.fundsCarried);
      for (const l of p.econ) {
        sp(l.codeSpan);
        nm(l.name);
        am(l.amount);
      }
      indicators(p.indicators);
    }
    if (x.overall) {
      for (const tk of x.overall.tasks) {
        nm(tk.name);
        am(tk.amount);
      }
      nm(x.overall.goal);
      indicators(x.overall.indicators);
    }
    for (const l of x.lists) {
      for (const r of l.rows) {
        nm(r.code);
        nm(r.name);
        for (const col in r.cells) am(r.cells[col]);
      }
    }
    if (x.comparison) {
      // keySpan and the labels are items (moved with the tree); amounts and percentages own their spans.
      sp(x.comparison.headerSpan);
      for (const l of x.comparison.lines) {
        am(l.current);
        am(l.previous);
        am(l.change?.amount);
        sp(l.rate?.value.span);
        nm(l.name);
      }
      for (const n of x.comparison.notes) {
        nm(n.table);
        nm(n.text);
      }
      for (const p of x.comparison.projects) am(p.amount);
      for (const t of x.comparison.texts) nm(t);
    }
    for (const t of x.printed) {
      nm(t.table);
      for (const r of t.rows) {
        nm(r.row);
        for (const c of r.cells) {
          nm(c.column);
          am(c.amount);
        }
      }
    }
  };
  const units = prev.model.units;
  for (let j = s.k + 1; j < units.length; j++) unit(units[j]);
  // Values inherited from containers, written anywhere in them (also after the edited unit).
  for (const df of state.unitDefaults.values()) {
    shared(df.supervisor);
    shared(df.kind);
    shared(df.region);
    shared(df.department);
    shared(df.layout);
    shared(df.previousFile);
    shared(df.title);
  }
  for (const dep of prev.model.departments) {
    shared(dep.name);
    for (const f of dep.unitFiles) shared(f);
  }

  // 2. The syntax tree: replace the unit's statement, move everything after it.
  const moveStmt = (st: Stmt): void => {
    for (const it of st.items) {
      it.start += d;
      it.end += d;
    }
    st.start += d;
    st.end += d;
    const b = st.block;
    if (b) {
      b.open += d;
      if (b.close !== undefined) b.close += d;
      for (const c of b.stmts) moveStmt(c);
    }
  };
  for (let j = s.index + 1; j < s.list.length; j++) moveStmt(s.list[j]);
  s.list[s.index] = ns;
  if (s.container) {
    const c = s.container;
    c.end = mv(c.end);
    c.block!.close = c.block!.close === undefined ? undefined : mv(c.block!.close);
    const top = prev.tree.stmts;
    for (let j = top.indexOf(c) + 1; j < top.length; j++) moveStmt(top[j]);
  }
  // The tidied statements: the parser's own among them moved above; tidy's own (statements, blocks and items it
  // made) move here.
  const moveTidied = (st: Stmt): void => {
    if (!isTidied(st)) return;
    st.start += d;
    st.end += d;
    for (const it of st.items) {
      if (!isTidied(it)) continue;
      it.start += d;
      it.end += d;
    }
    const b = st.block;
    if (b && isTidied(b)) {
      b.open += d;
      if (b.close !== undefined) b.close += d;
      for (const c of b.stmts) moveTidied(c);
    }
  };
  const tTop = prev.tidied.stmts;
  const tc = s.container ? tTop[s.tci] : undefined;
  const tList = tc ? tc.block!.stmts : tTop;
  for (let j = s.ti + 1; j < tList.length; j++) moveTidied(tList[j]);
  if (tc) {
    if (isTidied(tc)) tc.end = mv(tc.end);
    if (isTidied(tc.block!) && tc.block!.close !== undefined) tc.block!.close = mv(tc.block!.close);
    for (let j = s.tci + 1; j < tTop.length; j++) moveTidied(tTop[j]);
  }
  const tree = prev.tree;
  const inU = (x: { start: number }): boolean => x.start >= u.start && x.start < T;
  const before = <X extends { start: number }>(xs: X[]): X[] => xs.filter((x) => x.start < u.start);
  const after = <X extends { start: number; end: number }>(xs: X[]): X[] => {
    const out = xs.filter((x) => x.start >= T);
    for (const x of out) {
      x.start += d;
      x.end += d;
    }
    return out;
  };
  tree.errors = [...before(tree.errors), ...s.parsed.errors, ...after(tree.errors)];
  tree.comments = [...before(tree.comments), ...s.parsed.comments, ...after(tree.comments)];
  tree.length = text.length;
  tree.tokens = s.tokens;

  // 3. The diagnostics of everything but the unit: kept, moved when after it.
  const moved = new Set<object>();
  const moveDiag = (x: Diagnostic): void => {
    for (const r of x.related ?? []) {
      if (moved.has(r)) continue;
      moved.add(r);
      r.start = mv(r.start);
      r.end = mv(r.end);
    }
    for (const f of x.fixes ?? []) {
      for (const e of f.edits) {
        if (moved.has(e)) continue;
        moved.add(e);
        e.start = mv(e.start);
        e.end = mv(e.end);
      }
    }
  };
  const beforeDiags: Diagnostic[] = [];
  const afterDiags: Diagnostic[] = [];
  for (const x of prev.diagnostics) {
    if (inU(x)) continue;
    moveDiag(x);
    if (x.start < u.start) beforeDiags.push(x);
    else {
      x.start += d;
      x.end += d;
      afterDiags.push(x);
    }
  }

  // 4. The unit, bound with its container's defaults, computed and checked.
  const tidied = tidy(text, s.parsed);
  const tns = tidied.stmts[0];
  const b = new Binder(text);
  for (const x of tidied.diagnostics) b.diagnostics.push(x);
  const newUnit = bindUnit(b, tns, s.defaults)!;
  const model = prev.model;
  model.units[s.k] = newUnit;
  const dept = tc ? model.departments.find((x) => x.span === tc) : undefined;
  if (dept) {
    dept.units[dept.units.indexOf(oldUnit)] = newUnit;
    dept.span = tTop[s.tci] = replaceInContainer(s.container!, tc!, s.index, s.ti, ns, tns);
  } else tTop[s.ti] = tns;
  const unitDiags = b.diagnostics;
  const fig = checkUnit(model, newUnit, state.catalog, state.rounding, text, unitDiags, state.options.checks ?? true);
  sortDiagnostics(unitDiags);
  const figures = prev.figures.filter((f) => f.unit !== oldUnit);
  if (fig) {
    let at = 0;
    const pos = new Map(units.map((x, j) => [x, j]));
    while (at < figures.length && pos.get(figures[at].unit)! < s.k) at++;
    figures.splice(at, 0, fig);
  }

  state.unitDefaults.delete(s.tu);
  state.unitDefaults.set(tns, s.defaults);
  const a: Analysis = { text, tree, tidied: { stmts: tTop }, model, figures, diagnostics: [...beforeDiags, ...unitDiags, ...afterDiags] };
  setAnalysisState(a, { ...state, options });
  info.incremental = true;
  return a;
}

/**
 * The tidied department after one of its units (the parser's `ns`, tidied `tns`) replaced the old one (at `index`
 * of the parser's department `c`, at `ti` of the tidied `tc`), as a whole tidy pass would give it: the parser's own
 * statement when nothing in it is tidied (the parser already holds `ns`), else tidy's own copy holding `tns`.
 */
function replaceInContainer(c: Stmt, tc: Stmt, index: number, ti: number, ns: Stmt, tns: Stmt): Stmt {
  const cb = c.block!;
  let stmts: Stmt[];
  if (isTidied(tc.block!)) {
    stmts = tc.block!.stmts;
    stmts[ti] = tns;
  } else {
    // The tidied department shares the parser's block, which now holds `ns`.
    if (tns === ns) return tc;
    stmts = cb.stmts.slice();
    stmts[index] = tns;
  }
  const sameAsParsed = tc.items === c.items && tc.start === c.start && tc.end === c.end && stmts.length === cb.stmts.length && stmts.every((x, j) => x === cb.stmts[j]);
  if (sameAsParsed) return c;
  return withStatements(tc, stmts);
}
