/**
 * Code actions: every fix the checker attaches to a diagnostic becomes a quick fix; in addition
 * - BUD201 (a total that does not roll up): put the difference on one chosen child row, one action per
 *   child, offered only when it leaves fewer errors than before (checked by re-analysing the edited text);
 *   the same for BUD202 (a 收入科目 column that does not roll up), on a child row's cell of that column and the
 *   totals it adds up into on that row;
 * - BUD806 (a 元/万元 scale slip): rewrite the amount ×10000 or ÷10000, exactly;
 * - on a `金额单位` line: switch the unit between 元 and 万元 and convert every amount of the unit(s) it
 *   governs exactly (a refactoring, not a fix).
 */
import { analyze, type Analysis, type AnalyzeOptions } from '../analyze';
import { incomeAncestors, incomeFuncExpected, incomeFuncKey, sourceKey, type IncomeFuncNode, type TreeNode, type UnitFigures } from '../compute';
import { AUTOFIX_CODES, type Diagnostic, type Edit } from '../diagnostics';
import { pick, type Locale } from '../i18n';
import { COLUMN_NAMES, incomeColumnName, type Column, type IncomeItem } from '../keywords';
import type { Amount, Row, RowSection, Unit } from '../model';
import { formatMoney, type Money, type MoneyUnit } from '../money';
import { unitAmounts } from '../walk';
import type { Stmt } from '../syntax';
import { tr } from './i18n';
import { framesAt } from './locate';
import type { CodeAction } from './types';

export interface CodeActionOptions {
  /** Options the document is analysed with (to verify candidate fixes). */
  analyze?: AnalyzeOptions;
  /** At most this many residual candidates are verified per diagnostic (default 12). */
  maxCandidates?: number;
  /** Time budget for verifying candidates, in ms (default 400): a big file gets fewer residual actions, never a slow reply. */
  budgetMs?: number;
}

export function codeActions(a: Analysis, start: number, end: number, locale: Locale, options: CodeActionOptions = {}): CodeAction[] {
  const out: CodeAction[] = [];
  const inRange = a.diagnostics.filter((d) => d.start <= end && d.end >= start);
  for (const d of inRange) {
    for (const fix of d.fixes ?? []) {
      out.push({ title: pick(locale, fix.title), kind: 'quickfix', edits: fix.edits, diagnostics: [d], isPreferred: fix.preferred });
    }
    if (d.code === 'BUD201') out.push(...residualActions(a, d, locale, options));
    if (d.code === 'BUD202') out.push(...incomeResidualActions(a, d, locale, options));
    if (d.code === 'BUD806' && !d.fixes?.length) out.push(...scaleActions(a, d, locale));
  }
  out.push(...moneyUnitRefactor(a, start, locale));
  return out;
}

/** Formats a new value in the style of the amount it replaces. */
export function likeAmount(value: Money, old: Pick<Amount, 'text' | 'decimals'> | undefined, unit: MoneyUnit): string {
  return formatMoney(value, unit, { minDecimals: Math.max(2, old?.decimals ?? 2), grouping: old ? /[,，]/.test(old.text) : true });
}

// ── BUD201: put the residual on a child ────────────────────────────────────────────────────────────

const LABEL: Record<Column, string> = { total: '合计', basic: '基本', personnel: '人员', public: '公用', project: '项目' };

function findCell(a: Analysis, d: Diagnostic): { fig: UnitFigures; section: RowSection; row: Row; column: Column } | undefined {
  for (const fig of a.figures) {
    for (const section of ['func', 'econ', 'gov'] as const) {
      const sec = fig.unit[section];
      if (!sec) continue;
      for (const row of [...sec.rows, ...(sec.total ? [sec.total] : [])]) {
        for (const [col, amt] of Object.entries(row.cells) as Array<[Column, Amount]>) {
          if (amt.span.start === d.start && amt.span.end === d.end) return { fig, section, row, column: col };
        }
      }
    }
  }
  return undefined;
}

function residualActions(a: Analysis, d: Diagnostic, locale: Locale, options: CodeActionOptions): CodeAction[] {
  const cell = findCell(a, d);
  if (!cell) return [];
  const { fig, section, row, column } = cell;
  const tree = fig[section];
  const node = row.isTotal ? tree.root : tree.byCode.get(row.code);
  if (!node) return [];
  const key = row.isTotal ? undefined : sourceKey(row.source);
  const computed = key === undefined ? node.cells : node.bySource.get(key) ?? {};
  const declared = row.cells[column]!;
  const diff = declared.value - (computed[column] ?? 0n);
  if (diff === 0n) return [];
  const unit = fig.unit.moneyUnit;
  const candidates: Array<{ child: TreeNode; edits: Edit[]; newValue: Money }> = [];
  for (const child of node.children) {
    if (child.children.length || child.projects.length || child.mappedFrom.length) continue;
    const rows = key === undefined ? child.rows : child.rows.filter((r) => sourceKey(r.source) === key);
    if (rows.length !== 1) continue;
    const edits = residualEdits(a.text, rows[0], column, diff, unit, tree.projectsDrive);
    if (edits) candidates.push({ child, edits: edits.edits, newValue: edits.newValue });
  }
  if (!candidates.length) return [];
  const before = a.diagnostics.filter((x) => x.severity === 'error').length;
  const out: CodeAction[] = [];
  const diffText = formatMoney(diff, unit);
  const deadline = Date.now() + (options.budgetMs ?? 400);
  for (const c of candidates.slice(0, options.maxCandidates ?? 12)) {
    if (Date.now() > deadline) break;
    const edited = applyEdits(a.text, c.edits);
    const after = analyze(edited, options.analyze).diagnostics.filter((x) => x.severity === 'error').length;
    if (after >= before) continue;
    const name = c.child.name ?? '';
    const col = COLUMN_NAMES[column];
    out.push({
      title: tr(locale, `把差额 ${diffText} 计入 ${c.child.code} ${name}（${col.zh}改为 ${formatMoney(c.newValue, unit)}）`,
        `Put the difference ${diffText} on ${c.child.code} ${name} (${col.en} becomes ${formatMoney(c.newValue, unit)})`),
      kind: 'quickfix', edits: c.edits, diagnostics: [d],
    });
  }
  return out;
}

// ── BUD202: put the residual of a 收入科目 column on a child ───────────────────────────────────────────

function incomeResidualActions(a: Analysis, d: Diagnostic, locale: Locale, options: CodeActionOptions): CodeAction[] {
  let found: { fig: UnitFigures; node: IncomeFuncNode; key: string; declared: Amount } | undefined;
  for (const fig of a.figures) {
    const sec = fig.unit.incomeFunc;
    for (const row of sec ? [...sec.rows, ...(sec.total ? [sec.total] : [])] : []) {
      const cell = row.cells.find((c) => c.amount && c.amount.span.start === d.start && c.amount.span.end === d.end);
      const node = row.isTotal ? fig.incomeFunc.root : fig.incomeFunc.byCode.get(row.code);
      if (cell && node && node.rows[0] === row) found = { fig, node, key: incomeFuncKey(cell), declared: cell.amount! };
    }
  }
  if (!found) return [];
  const { node, key, declared } = found;
  const rollup = incomeFuncExpected(node, node.rows[0], cellOf(node, key)).rollup;
  if (!rollup) return [];
  const diff = declared.value - rollup.value;
  if (diff === 0n) return [];
  const candidates: Array<{ child: IncomeFuncNode; edits: Edit[]; newValue: Money }> = [];
  for (const child of rollup.children) {
    const row = child.rows[0];
    if (child.children.length || child.rows.length !== 1) continue;
    const cell = row.cells.find((c) => incomeFuncKey(c) === key)?.amount;
    if (!cell || cell.value + diff < 0n) continue;
    const edits: Edit[] = [{ ...cell.span, newText: likeAmount(cell.value + diff, cell, cell.unit) }];
    for (const up of incomeAncestors(key)) {
      const u = row.cells.find((c) => incomeFuncKey(c) === up)?.amount;
      if (u) edits.push({ ...u.span, newText: likeAmount(u.value + diff, u, u.unit) });
    }
    candidates.push({ child, edits, newValue: cell.value + diff });
  }
  const before = a.diagnostics.filter((x) => x.severity === 'error').length;
  const out: CodeAction[] = [];
  const diffText = formatMoney(diff, declared.unit);
  const col = incomeColumnName(key);
  const deadline = Date.now() + (options.budgetMs ?? 400);
  for (const c of candidates.slice(0, options.maxCandidates ?? 12)) {
    if (Date.now() > deadline) break;
    const after = analyze(applyEdits(a.text, c.edits), options.analyze).diagnostics.filter((x) => x.severity === 'error').length;
    if (after >= before) continue;
    const name = c.child.name ?? '';
    const v = formatMoney(c.newValue, declared.unit);
    out.push({
      title: tr(locale, `把差额 ${diffText} 计入 ${c.child.code} ${name}（${col.zh}改为 ${v}）`, `Put the difference ${diffText} on ${c.child.code} ${name} (${col.en} becomes ${v})`),
      kind: 'quickfix', edits: c.edits, diagnostics: [d],
    });
  }
  return out;
}

/** The (item, carried) of a 收入科目 column key, as written on the node's row. */
function cellOf(node: IncomeFuncNode, key: string): { item: IncomeItem; carried: boolean } {
  const c = node.rows[0].cells.find((x) => incomeFuncKey(x) === key)!;
  return { item: c.item, carried: c.carried };
}

/** Edits to a leaf row that raise its `column` figure by `diff`, keeping the row's own identities. */
function residualEdits(text: string, row: Row, column: Column, diff: Money, unit: MoneyUnit, projectsDrive: boolean): { edits: Edit[]; newValue: Money } | undefined {
  const c = row.cells;
  let fact: Column;
  switch (column) {
    case 'personnel':
    case 'public':
      fact = column;
      break;
    case 'basic':
      if (c.personnel || c.public) return undefined;
      fact = 'basic';
      break;
    case 'project':
      if (projectsDrive) return undefined;
      fact = 'project';
      break;
    case 'total':
      if (c.basic || c.personnel || c.public || c.project) return undefined;
      fact = 'total';
      break;
  }
  const edits: Edit[] = [];
  const cur = c[fact];
  const newValue = (cur?.value ?? 0n) + diff;
  if (newValue < 0n) return undefined;
  if (cur) edits.push({ start: cur.span.start, end: cur.span.end, newText: likeAmount(newValue, cur, unit) });
  else {
    const at = rowContentEnd(text, row);
    edits.push({ start: at, end: at, newText: fact === 'total' ? ` ${likeAmount(newValue, undefined, unit)}` : ` ${LABEL[fact]} ${likeAmount(newValue, undefined, unit)}` });
  }
  const derived: Column[] = fact === 'personnel' || fact === 'public' ? ['basic', 'total'] : fact === 'total' ? [] : ['total'];
  for (const dcol of derived) {
    const dc = c[dcol];
    if (dc) edits.push({ start: dc.span.start, end: dc.span.end, newText: likeAmount(dc.value + diff, dc, unit) });
  }
  return { edits, newValue };
}

function rowContentEnd(text: string, row: Row): number {
  // The row's span ends at its last item.
  return Math.min(row.span.end, text.length);
}

/**
 * The edits of a “fix all”: the preferred fix of every diagnostic in AUTOFIX_CODES (pasted-text artefacts;
 * never a change of figure), without overlaps (the first in document order wins; the next pass of fixAllText
 * gets the rest).
 */
export function fixAllEdits(a: Analysis): { edits: Edit[]; diagnostics: Diagnostic[] } {
  const chosen: Array<{ d: Diagnostic; edits: Edit[] }> = [];
  for (const d of a.diagnostics) {
    if (!AUTOFIX_CODES.has(d.code) || !d.fixes?.length) continue;
    const fix = d.fixes.find((f) => f.preferred) ?? (d.fixes.length === 1 ? d.fixes[0] : undefined);
    if (fix?.edits.length) chosen.push({ d, edits: fix.edits });
  }
  const first = (edits: Edit[]): number => edits.reduce((m, e) => Math.min(m, e.start), Infinity);
  chosen.sort((x, y) => first(x.edits) - first(y.edits));
  // The edits taken, sorted by (start, end); while they are disjoint their ends are sorted too, so an edit is
  // compared only with the few taken ones that reach its start and begin before its end (not with every one:
  // thousands of fixes). A fix whose own edits overlap (none does) falls back to comparing with all.
  const taken: Edit[] = [];
  let disjoint = true;
  const diagnostics: Diagnostic[] = [];
  const firstIndex = (ok: (t: Edit) => boolean): number => {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ok(taken[mid])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const clash = (e: Edit, t: Edit): boolean => (e.start < t.end && t.start < e.end) || (e.start === t.start && e.end === t.end);
  const overlaps = (e: Edit): boolean => {
    if (!disjoint) return taken.some((t) => clash(e, t));
    for (let j = firstIndex((t) => t.end >= e.start); j < taken.length && taken[j].start <= e.end; j++) {
      if (clash(e, taken[j])) return true;
    }
    return false;
  };
  for (const c of chosen) {
    if (c.edits.some(overlaps)) continue;
    if (c.edits.some((e, i) => c.edits.some((f, k) => k !== i && clash(e, f)))) disjoint = false;
    for (const e of c.edits) taken.splice(firstIndex((t) => t.start > e.start || (t.start === e.start && t.end > e.end)), 0, e);
    diagnostics.push(c.d);
  }
  return { edits: taken, diagnostics };
}

/**
 * Applies fixAllEdits until nothing is left to fix (at most `passes` rounds: a fix can make another one
 * appear, e.g. a joined row split off a line that also holds a page number). Returns the new text and how
 * many diagnostics were fixed, and those the first pass fixed. `first` is the text's analysis when the caller
 * has it (the first pass then does not analyse the text again).
 */
export function fixAllText(text: string, options: AnalyzeOptions = {}, passes = 5, first?: Analysis): { text: string; fixed: number; firstPass: Diagnostic[] } {
  let fixed = 0;
  let firstPass: Diagnostic[] = [];
  for (let i = 0; i < passes; i++) {
    const { edits, diagnostics } = fixAllEdits(i === 0 && first ? first : analyze(text, options));
    if (i === 0) firstPass = diagnostics;
    if (!edits.length) break;
    text = applyEdits(text, edits);
    fixed += diagnostics.length;
  }
  return { text, fixed, firstPass };
}

export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((x, y) => y.start - x.start || y.end - x.end);
  // Edits that do not overlap (the usual case: fix all, formatting) are applied in one pass over the text; a
  // slice-and-join per edit was quadratic (16,000 fixes of a 150 KB file took seconds).
  if (sorted.every((e, i) => i === 0 || e.end <= sorted[i - 1].start)) {
    const parts: string[] = [];
    let at = text.length;
    for (const e of sorted) {
      parts.push(text.slice(e.end, at), e.newText);
      at = e.start;
    }
    parts.push(text.slice(0, at));
    return parts.reverse().join('');
  }
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

// ── BUD806: 元 ↔ 万元 scale slips ─────────────────────────────────────────────────────────────────

function scaleActions(a: Analysis, d: Diagnostic, locale: Locale): CodeAction[] {
  for (const fig of a.figures) {
    const amt = unitAmounts(fig.unit).find((x) => x.span.start <= d.start && x.span.end >= d.end);
    if (!amt) continue;
    const unit = fig.unit.moneyUnit;
    const out: CodeAction[] = [];
    if (amt.value % 10_000n === 0n) {
      const v = amt.value / 10_000n;
      out.push({
        title: tr(locale, `此金额是按元写的：换算为 ${formatMoney(v, unit)} ${unit}`, `This amount was written in 元: convert to ${formatMoney(v, unit)} ${unit}`),
        kind: 'quickfix', edits: [{ ...amt.span, newText: likeAmount(v, amt, unit) }], diagnostics: [d], isPreferred: unit === '万元',
      });
    }
    const v2 = amt.value * 10_000n;
    out.push({
      title: tr(locale, `此金额是按万元写的：换算为 ${formatMoney(v2, unit)} ${unit}`, `This amount was written in 万元: convert to ${formatMoney(v2, unit)} ${unit}`),
      kind: 'quickfix', edits: [{ ...amt.span, newText: likeAmount(v2, amt, unit) }], diagnostics: [d], isPreferred: unit === '元',
    });
    return out;
  }
  return [];
}

// ── 金额单位: convert a whole unit ────────────────────────────────────────────────────────────────

function findStmt(stmts: Stmt[], start: number): Stmt | undefined {
  for (const s of stmts) {
    if (s.start === start) return s;
    if (s.block && start > s.start && start < s.end) {
      const r = findStmt(s.block.stmts, start);
      if (r) return r;
    }
  }
  return undefined;
}

function hasOwnMoneyUnit(a: Analysis, u: Unit): boolean {
  const s = findStmt(a.tidied.stmts, u.span.start);
  return !!s?.block?.stmts.some((x) => x.items[0]?.image === '金额单位');
}

function moneyUnitRefactor(a: Analysis, offset: number, locale: Locale): CodeAction[] {
  const frames = framesAt(a.tidied, offset);
  const frame = frames[frames.length - 1];
  const stmts = frame.stmt ? frame.stmt.block!.stmts : a.tidied.stmts;
  const lineStart = a.text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndRaw = a.text.indexOf('\n', offset);
  const lineEnd = lineEndRaw < 0 ? a.text.length : lineEndRaw;
  const s = stmts.find((x) => x.items[0]?.image === '金额单位' && !x.block && x.start <= lineEnd && x.end >= lineStart);
  if (!s || s.items.length !== 2) return [];
  const from = s.items[1].image;
  if (from !== '万元' && from !== '元') return [];
  const to: MoneyUnit = from === '万元' ? '元' : '万元';
  let units: Unit[];
  if (frame.context === 'unit') units = a.model.units.filter((u) => u.span.start === frame.stmt!.start);
  else if (frame.context === 'top' || frame.context === 'department') {
    const within = frame.stmt ? { start: frame.stmt.start, end: frame.stmt.end } : { start: 0, end: a.text.length };
    units = a.model.units.filter((u) => u.span.start >= within.start && u.span.end <= within.end && !hasOwnMoneyUnit(a, u));
  } else return [];
  const edits: Edit[] = [{ start: s.items[1].start, end: s.items[1].end, newText: to }];
  let n = 0;
  for (const u of units) {
    if (u.moneyUnit !== from) continue;
    // Amounts of a block with its own 金额单位 keep their unit.
    for (const amt of unitAmounts(u).filter((x) => x.unit === from)) {
      edits.push({ ...amt.span, newText: formatMoney(amt.value, to, { minDecimals: amt.decimals === 0 ? 0 : 2, grouping: /[,，]/.test(amt.text) }) });
      n++;
    }
  }
  const factor = to === '元' ? '×10000' : '÷10000';
  return [{
    title: tr(locale, `金额单位改为${to}，并把 ${n} 个金额精确换算（${factor}）`, `Change the money unit to ${to} and convert ${n} amounts exactly (${factor})`),
    kind: 'refactor.rewrite', edits,
  }];
}
