/**
 * Where is an offset? The enclosing blocks (with the context each one gives its statements), the statement
 * and item under the offset, and the model element written there. Shared by hover, completion, navigation,
 * semantic tokens and formatting.
 */
import type { Analysis } from '../analyze';
import type { UnitFigures } from '../compute';
import type { Span } from '../diagnostics';
import type { Column } from '../keywords';
import { statementOf, type Context } from '../statements';
import type {
  Amount, ComparisonLine, EconLine, FuncRef, IncomeFuncRow, IncomeLine, Indicator, IndicatorBlock, MappingLine, PrintedRow, PrintedTable, Project, Row, RowSection,
  SangongLine, Task, Unit,
} from '../model';
import type { Stmt, TidyTree } from '../syntax';
import { declaredMoneyUnit } from '../bind';
import type { MoneyUnit } from '../money';

/** The context of a block's statements (statements.ts), or 'unknown' inside a block the language does not know. */
export type BlockContext = Context | 'unknown';

/** The context of the statements inside the block of `s`, a statement of a `parent` context (statements.ts). */
export function childContext(parent: BlockContext, s: Stmt): BlockContext {
  if (parent === 'unknown') return 'unknown';
  return statementOf(parent, s)?.statement.block?.context ?? 'unknown';
}

export interface Frame {
  context: BlockContext;
  /** The statement owning the block (undefined for the top level). */
  stmt?: Stmt;
}

/** Whether an offset is inside a block's braces (after `{`, up to and including the position of `}`). */
export function insideBlock(s: Stmt, offset: number): boolean {
  const b = s.block;
  if (!b) return false;
  return offset > b.open && (b.close === undefined || offset < b.close);
}

/** The chain of enclosing blocks at an offset, outermost first (always starts with the top level). */
export function framesAt(tree: TidyTree, offset: number): Frame[] {
  const frames: Frame[] = [{ context: 'top' }];
  let stmts = tree.stmts;
  for (;;) {
    const s = stmts.find((x) => insideBlock(x, offset));
    if (!s) return frames;
    const parent = frames[frames.length - 1].context;
    frames.push({ context: childContext(parent, s), stmt: s });
    stmts = s.block!.stmts;
  }
}

/** The innermost statement whose own items (not its block's contents) cover the offset (end inclusive). */
export function stmtAt(tree: TidyTree, offset: number): { stmt: Stmt; frames: Frame[] } | undefined {
  const frames = framesAt(tree, offset);
  const last = frames[frames.length - 1];
  const stmts = last.stmt ? last.stmt.block!.stmts : tree.stmts;
  for (const s of stmts) {
    if (!s.items.length) continue;
    const first = s.items[0].start;
    const lastItem = s.items[s.items.length - 1].end;
    const headEnd = s.block ? Math.min(lastItem, s.block.open) : lastItem;
    if (offset >= first && offset <= Math.max(headEnd, lastItem)) return { stmt: s, frames };
  }
  return undefined;
}

export function contains(span: Span | undefined, offset: number): boolean {
  return !!span && offset >= span.start && offset <= span.end;
}

/** The unit (with its figures) whose block contains an offset. */
export function unitAt(a: Analysis, offset: number): UnitFigures | undefined {
  let best: UnitFigures | undefined;
  for (const f of a.figures) {
    if (contains(f.unit.span, offset) && (!best || f.unit.span.start >= best.unit.span.start)) best = f;
  }
  return best;
}

/** A model element written at an offset. */
export type Target =
  | { kind: 'unit'; fig: UnitFigures }
  | { kind: 'row'; fig: UnitFigures; section: RowSection; row: Row; part: 'code' | 'name' | 'cell' | 'other'; column?: Column }
  | { kind: 'extra'; fig: UnitFigures; key: 'yearEndCarry' | 'grandTotal' | 'currentTotal'; span: Span }
  | { kind: 'project'; fig: UnitFigures; project: Project }
  | { kind: 'funcRef'; fig: UnitFigures; project: Project; ref: FuncRef }
  | { kind: 'econLine'; fig: UnitFigures; project: Project; line: EconLine; part: 'code' | 'other' }
  | { kind: 'indicator'; fig: UnitFigures; project?: Project; indicator: Indicator; part: 'name' | 'other' }
  | { kind: 'income'; fig: UnitFigures; line: IncomeLine }
  /** A 收入科目 row; `cell` is the column under the offset (its label or amount). */
  | { kind: 'incomeFuncRow'; fig: UnitFigures; row: IncomeFuncRow; part: 'code' | 'name' | 'cell' | 'other'; cell?: IncomeLine }
  | { kind: 'sangong'; fig: UnitFigures; line: SangongLine }
  | { kind: 'mapping'; fig: UnitFigures; line: MappingLine; side: 'dept' | 'gov' }
  | { kind: 'task'; fig: UnitFigures; task: Task }
  /** A 上年比较 line; `column` is the column under the offset (its word or value). */
  | { kind: 'comparison'; fig: UnitFigures; line: ComparisonLine; column?: 'current' | 'previous' | 'change' | 'rate' }
  /** A row of an 印出 block; `amount` is the printed figure under the offset (its column or amount). */
  | { kind: 'printed'; fig: UnitFigures; table: PrintedTable; row: PrintedRow; amount?: Amount };

function indicatorTarget(fig: UnitFigures, block: IndicatorBlock | undefined, project: Project | undefined, offset: number): Target | undefined {
  if (!block || !contains(block.span, offset)) return undefined;
  for (const ind of block.indicators) {
    if (contains(ind.name.span, offset)) return { kind: 'indicator', fig, project, indicator: ind, part: 'name' };
    if (contains(ind.span, offset)) return { kind: 'indicator', fig, project, indicator: ind, part: 'other' };
  }
  return undefined;
}

function rowTarget(fig: UnitFigures, section: RowSection, row: Row, offset: number): Target | undefined {
  if (!contains(row.span, offset)) return undefined;
  if (contains(row.codeSpan, offset)) return { kind: 'row', fig, section, row, part: 'code' };
  if (contains(row.name?.span, offset)) return { kind: 'row', fig, section, row, part: 'name' };
  for (const [col, amount] of Object.entries(row.cells) as Array<[Column, { span: Span }]>) {
    if (contains(amount.span, offset)) return { kind: 'row', fig, section, row, part: 'cell', column: col };
  }
  return { kind: 'row', fig, section, row, part: 'other' };
}

/** The model element at an offset, innermost first. */
export function targetAt(a: Analysis, offset: number): Target | undefined {
  const fig = unitAt(a, offset);
  if (!fig) return undefined;
  const u: Unit = fig.unit;
  if (contains(u.name.span, offset) && u.name.span.end > u.name.span.start) return { kind: 'unit', fig };
  for (const section of ['func', 'econ', 'gov'] as const) {
    const sec = u[section];
    if (!sec || !contains(sec.span, offset)) continue;
    for (const row of [...sec.rows, ...(sec.total ? [sec.total] : [])]) {
      const t = rowTarget(fig, section, row, offset);
      if (t) return t;
    }
    for (const [key, e] of Object.entries(sec.extras) as Array<['yearEndCarry' | 'grandTotal' | 'currentTotal', { span: Span }]>) {
      if (contains(e.span, offset)) return { kind: 'extra', fig, key, span: e.span };
    }
  }
  for (const line of u.income?.lines ?? []) if (contains(line.span, offset)) return { kind: 'income', fig, line };
  const inc = u.incomeFunc;
  if (inc && contains(inc.span, offset)) {
    for (const row of [...inc.rows, ...(inc.total ? [inc.total] : [])]) {
      if (!contains(row.span, offset)) continue;
      if (contains(row.codeSpan, offset)) return { kind: 'incomeFuncRow', fig, row, part: 'code' };
      if (contains(row.name?.span, offset)) return { kind: 'incomeFuncRow', fig, row, part: 'name' };
      const cell = row.cells.find((c) => contains(c.span, offset));
      return { kind: 'incomeFuncRow', fig, row, part: cell ? 'cell' : 'other', cell };
    }
  }
  for (const line of u.sangong?.lines ?? []) if (contains(line.span, offset)) return { kind: 'sangong', fig, line };
  for (const line of u.mapping) {
    if (contains(line.dept.span, offset)) return { kind: 'mapping', fig, line, side: 'dept' };
    if (contains(line.gov.span, offset)) return { kind: 'mapping', fig, line, side: 'gov' };
  }
  for (const p of u.projects) {
    if (!contains(p.span, offset)) continue;
    if (contains(p.name.span, offset)) return { kind: 'project', fig, project: p };
    for (const ref of p.funcRefs) if (contains(ref.span, offset)) return { kind: 'funcRef', fig, project: p, ref };
    for (const line of p.econ) {
      if (contains(line.codeSpan, offset)) return { kind: 'econLine', fig, project: p, line, part: 'code' };
      if (contains(line.span, offset)) return { kind: 'econLine', fig, project: p, line, part: 'other' };
    }
    const t = indicatorTarget(fig, p.indicators, p, offset);
    if (t) return t;
    if (contains(p.amount?.span, offset)) return { kind: 'project', fig, project: p };
    // The attributes of the performance form: their values show the project (dates, 资金总额 and its parts).
    for (const x of [p.nature, p.category, p.startDate, p.endDate, p.period, p.fundsTotal, p.fundsFiscal, p.fundsOther, p.fundsCarried, p.longTermGoal]) {
      if (contains(x?.span, offset)) return { kind: 'project', fig, project: p };
    }
    for (const b of p.bySource) if (contains(b.span, offset)) return { kind: 'project', fig, project: p };
    return undefined;
  }
  if (u.overall && contains(u.overall.span, offset)) {
    const t = indicatorTarget(fig, u.overall.indicators, undefined, offset);
    if (t) return t;
    for (const task of u.overall.tasks) if (contains(task.span, offset)) return { kind: 'task', fig, task };
  }
  for (const line of u.comparison?.lines ?? []) {
    if (!contains(line.span, offset)) continue;
    const within = (label: Span | undefined, value: Span | undefined): boolean => !!label && offset >= label.start && offset <= (value ?? label).end;
    const column = within(line.currentLabel ?? line.current?.span, line.current?.span) ? 'current'
      : within(line.previousLabel, line.previous?.span) ? 'previous'
        : within(line.change?.labelSpan, line.change?.amount?.span) ? 'change'
          : within(line.rate?.labelSpan, line.rate?.value.span) ? 'rate' : undefined;
    return { kind: 'comparison', fig, line, column };
  }
  for (const table of u.printed) {
    if (!contains(table.span, offset)) continue;
    for (const row of table.rows) {
      if (!contains(row.span, offset)) continue;
      const cell = row.cells.find((c) => offset >= c.column.span.start && offset <= c.amount.span.end);
      return { kind: 'printed', fig, table, row, amount: cell?.amount };
    }
  }
  return undefined;
}

/** The text of the current line before the offset, from the last brace on it. */
export function linePrefix(text: string, offset: number): { segment: string; segmentStart: number } {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const before = text.slice(lineStart, offset);
  let cut = -1;
  for (const ch of ['{', '}', '｛', '｝']) cut = Math.max(cut, before.lastIndexOf(ch));
  return { segment: before.slice(cut + 1), segmentStart: lineStart + cut + 1 };
}

/** The statement whose span is exactly `span` and which has a block (a section, a project …), searched through nested blocks. */
function blockStmt(stmts: Stmt[], span: Span): Stmt | undefined {
  for (const s of stmts) {
    if (s.start > span.start) return undefined;
    if (s.end < span.end || !s.block) continue;
    if (s.start === span.start && s.end === span.end) return s;
    return blockStmt(s.block.stmts, span);
  }
  return undefined;
}

/**
 * The money unit of the block written at `span`: its own `金额单位` (read as the binder's `sectionUnit` reads it, the
 * last well-formed one wins), else `fallback` (the unit's).
 */
export function blockMoneyUnit(tree: TidyTree, span: Span | undefined, fallback: MoneyUnit): MoneyUnit {
  const s = span && blockStmt(tree.stmts, span);
  let unit = fallback;
  for (const st of s?.block?.stmts ?? []) unit = declaredMoneyUnit(st) ?? unit;
  return unit;
}
