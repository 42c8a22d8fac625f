/**
 * Formatting: 2-space indentation per block level, no trailing whitespace, and aligned amount columns in
 * 支出 / 经济分类 / 政府经济分类 blocks (also a project's 经济分类, 收入, 收入科目, 三公 and 上年比较), using CJK
 * display width.
 *
 * It never changes meaning: only the whitespace the lexer skips ([ \t\u3000\uFEFF]) is touched, items that
 * touch stay touching and items apart stay apart, and a line is aligned only when its statement was bound
 * completely (every item accounted for as code, name, source, label or amount). Idempotent.
 */
import { MAX_ANALYZED_LENGTH, type Analysis } from '../analyze';
import { COLUMN_LABELS, INCOME_FUNC_COLUMNS, type Column } from '../keywords';
import { incomeFuncKey } from '../compute';
import { BadString, lex, LBrace, Newline, RBrace } from '../lexer';
import type { Amount } from '../model';
import { LineIndex } from '../position';
import { isUnclosedBlock, type Item, type Stmt } from '../syntax';
import { displayWidth, padEndDisplay, padStartDisplay } from '../width';
import { childContext, type BlockContext } from './locate';
import type { Edit, Span } from './types';
import { SKIPPED_BLANKS } from '../lexer';

export interface FormatOptions {
  /** Only lines intersecting this range are changed. */
  range?: Span;
  /** Spaces per block level (default 2). */
  indent?: number;
}

const LEX_WS = new RegExp(`^[${SKIPPED_BLANKS}]*`);
const LEX_WS_END = new RegExp(`[${SKIPPED_BLANKS}]*$`);
const ALIGNED_CONTEXTS = new Set<BlockContext>(['func', 'econ', 'gov', 'projectEcon', 'income', 'incomeFunc', 'sangong', 'comparison']);
const SLOT_RANK: Record<string, number> = {
  bare: 0, total: 1, basic: 2, personnel: 3, public: 4, project: 5,
  // 上年比较 columns, in written order.
  'cmp:current': 1, 'cmp:previous': 2, 'cmp:change': 3, 'cmp:rate': 4,
};
// 收入科目 columns, in published order, after the unlabelled first amount.
INCOME_FUNC_COLUMNS.forEach((c, i) => (SLOT_RANK[c.key] = 1 + i));

interface Cell {
  slot: string;
  label?: string;
  amount: string;
}

interface Layout {
  head: string;
  cells: Cell[];
  trailing: string;
}

/** A bound line: its amounts, and the span of a name whose text (inner spacing included) must stay as written. */
type Element =
  | { kind: 'cells'; amounts: Array<{ column: Column; amount: Amount }>; name?: Span }
  | { kind: 'single'; amount?: Amount; name?: Span }
  /**
   * 收入科目 rows and 上年比较 lines: cells whose label (one word, or `上年结转 来源`) is known from the model; a
   * value may be several items (`0.8%`, `+1.00`), and a label may stand alone (`持平`).
   */
  | { kind: 'labelled'; amounts: Array<{ slot: string; label?: Span; amount?: Span }>; name?: Span };

export function format(a: Analysis, options: FormatOptions = {}): Edit[] {
  const text = a.text;
  // A file too large to analyse is left alone too (the editor stays responsive).
  if (text.length > MAX_ANALYZED_LENGTH) return [];
  // A block left open: indentation by brace depth would bake the missing `}` in, and the lines' indentation
  // is what tells where it belongs (the tidy pass reports it there). Nothing is changed until it is fixed.
  if (a.tree.errors.some(isUnclosedBlock)) return [];
  const index = new LineIndex(text);
  const unit = options.indent ?? 2;
  const lines = index.lineCount;

  // ── indentation depth per line, from the brace tokens ──
  const depthAt = new Array<number>(lines).fill(-1);
  const firstIsClose = new Array<boolean>(lines).fill(false);
  const keepTrailing = new Array<boolean>(lines).fill(false);
  const seen = new Array<boolean>(lines).fill(false);
  let depth = 0;
  for (const t of lex(text).tokens) {
    if (t.tokenType === Newline) continue;
    const l = index.position(t.startOffset).line;
    if (!seen[l]) {
      seen[l] = true;
      depthAt[l] = depth;
      firstIsClose[l] = t.tokenType === RBrace;
    }
    if (t.tokenType === LBrace) depth++;
    else if (t.tokenType === RBrace) depth = Math.max(0, depth - 1);
    else if (t.tokenType === BadString && t.startOffset + t.image.length >= index.lineEnd(l)) keepTrailing[l] = true;
  }
  // The depth in force after a line with tokens is the start depth of the next line with tokens; for lines
  // without tokens the depth is that of the following tokens' line start (so comments before `}` stay inside).
  let nextDepth = depth;
  for (let l = lines - 1; l >= 0; l--) {
    if (seen[l]) nextDepth = depthAt[l];
    else depthAt[l] = nextDepth;
  }

  // ── aligned blocks ──
  const aligned = alignedLines(a, index);

  const edits: Edit[] = [];
  for (let l = 0; l < lines; l++) {
    const start = index.lineStart(l);
    const end = index.lineEnd(l);
    if (options.range && (end < options.range.start || start > options.range.end)) continue;
    const old = text.slice(start, end);
    let bom = '';
    let body = old;
    if (l === 0 && body.startsWith('\uFEFF')) {
      bom = '\uFEFF';
      body = body.slice(1);
    }
    body = body.replace(LEX_WS, '');
    if (!keepTrailing[l]) body = body.replace(LEX_WS_END, '');
    const al = aligned.get(l);
    if (al !== undefined) body = al;
    const level = Math.max(0, depthAt[l] - (firstIsClose[l] ? 1 : 0));
    const next = body === '' ? bom : bom + ' '.repeat(level * unit) + body;
    if (next !== old) edits.push({ start, end, newText: next });
  }
  return edits;
}

/** The aligned content (without indentation) of every line of an aligned block, by line number. */
function alignedLines(a: Analysis, index: LineIndex): Map<number, string> {
  const elements = modelElements(a);
  const out = new Map<number, string>();
  const walk = (stmts: Stmt[], ctx: BlockContext): void => {
    for (const s of stmts) {
      if (!s.block) continue;
      const inner = childContext(ctx, s);
      if (ALIGNED_CONTEXTS.has(inner)) alignBlock(a, index, s.block.stmts, elements, out);
      walk(s.block.stmts, inner);
    }
  };
  walk(a.tidied.stmts, 'top');
  return out;
}

function modelElements(a: Analysis): Map<number, Element> {
  const m = new Map<number, Element>();
  const cells = (start: number, c: Partial<Record<Column, Amount>>, name?: Span): void => {
    m.set(start, { kind: 'cells', amounts: (Object.entries(c) as Array<[Column, Amount]>).map(([column, amount]) => ({ column, amount })), name });
  };
  for (const u of a.model.units) {
    for (const sec of [u.func, u.econ, u.gov]) {
      if (!sec) continue;
      for (const r of sec.rows) cells(r.span.start, r.cells, r.name?.span);
      if (sec.total) cells(sec.total.span.start, sec.total.cells);
      for (const e of Object.values(sec.extras)) if (e) m.set(e.span.start, { kind: 'single', amount: e.amount });
    }
    for (const l of u.income?.lines ?? []) m.set(l.span.start, { kind: 'single', amount: l.amount });
    const inc = u.incomeFunc;
    for (const r of inc ? [...inc.rows, ...(inc.total ? [inc.total] : [])] : []) {
      const amounts = r.cells.filter((c) => c.amount).map((c) => {
        const bare = c.keySpan.start === c.amount!.span.start;
        return bare ? { slot: 'bare', amount: c.amount!.span } : { slot: incomeFuncKey(c), label: c.keySpan, amount: c.amount!.span };
      });
      m.set(r.span.start, { kind: 'labelled', amounts, name: r.name?.span });
    }
    for (const l of u.comparison?.lines ?? []) {
      const amounts: Array<{ slot: string; label?: Span; amount?: Span }> = [];
      if (l.current && l.currentLabel) amounts.push({ slot: 'cmp:current', label: l.currentLabel, amount: l.current.span });
      if (l.previous && l.previousLabel) amounts.push({ slot: 'cmp:previous', label: l.previousLabel, amount: l.previous.span });
      if (l.change) amounts.push({ slot: 'cmp:change', label: l.change.labelSpan, amount: l.change.amount?.span });
      if (l.rate) amounts.push({ slot: 'cmp:rate', label: l.rate.labelSpan, amount: l.rate.value.span });
      m.set(l.span.start, { kind: 'labelled', amounts });
    }
    for (const l of u.sangong?.lines ?? []) m.set(l.span.start, { kind: 'single', amount: l.amount });
    for (const p of u.projects) for (const l of p.econ) m.set(l.span.start, { kind: 'single', amount: l.amount, name: l.name?.span });
  }
  return m;
}

/**
 * The head of a line (code, name, source …) with one space between items that stand apart; items that
 * touch stay together, and a protected span (a name, whose text keeps its inner spacing) is kept verbatim.
 */
function groupText(text: string, items: Item[], protect?: Span): string {
  const parts: string[] = [];
  let cur: Item | undefined;
  let curStart = 0;
  for (const it of items) {
    const inName = !!protect && it.start >= protect.start && it.end <= protect.end;
    const curInName = !!protect && !!cur && cur.start >= protect.start && cur.end <= protect.end;
    if (cur && (it.start === cur.end || (inName && curInName))) {
      cur = it;
      continue;
    }
    if (cur) parts.push(text.slice(curStart, cur.end));
    cur = it;
    curStart = it.start;
  }
  if (cur) parts.push(text.slice(curStart, cur.end));
  return parts.join(' ');
}

function layout(a: Analysis, index: LineIndex, s: Stmt, el: Element): { line: number; layout: Layout } | undefined {
  const text = a.text;
  const items = s.items;
  if (!items.length || s.block) return undefined;
  const line = index.position(s.start).line;
  const lineStart = index.lineStart(line);
  const lineEnd = index.lineEnd(line);
  if (s.end > lineEnd) return undefined;
  if (text.slice(lineStart, s.start).replace(LEX_WS, '') !== '') return undefined;
  const after = text.slice(s.end, lineEnd).replace(LEX_WS, '').replace(LEX_WS_END, '');
  if (after && !after.startsWith('#') && !after.startsWith('//')) return undefined;
  const idx = (span: Span): number => items.findIndex((i) => i.start === span.start && i.end === span.end);
  const used = new Set<number>();
  const cells: Array<{ at: number; cell: Cell }> = [];
  if (el.kind === 'labelled') {
    for (const { slot, label, amount } of el.amounts) {
      // The value's items [ai, aj): one or more (`0.8%`); none for a label standing alone (`持平`).
      let ai: number;
      let aj: number;
      if (amount) {
        ai = items.findIndex((i) => i.start === amount.start);
        aj = items.findIndex((i) => i.end === amount.end) + 1;
      } else {
        ai = aj = label ? items.findIndex((i) => i.end === label.end) + 1 : 0;
      }
      if (ai <= 0 || aj < ai || (!amount && !label)) return undefined;
      for (let i = ai; i < aj; i++) {
        if (used.has(i)) return undefined;
        used.add(i);
      }
      const value = groupText(text, items.slice(ai, aj));
      if (!label) {
        cells.push({ at: ai, cell: { slot, amount: value } });
        continue;
      }
      // The label's items stand right before the amount.
      let li = ai;
      while (li > 0 && items[li - 1].start >= label.start && items[li - 1].end <= label.end) li--;
      if (li === ai || items[li].start !== label.start || li === 0) return undefined;
      // A label touching its value (`增加5.67`) stays as written: the line is not aligned.
      if (ai < aj && items[ai - 1].end === items[ai].start) return undefined;
      for (let i = li; i < ai; i++) used.add(i);
      cells.push({ at: li, cell: { slot, label: groupText(text, items.slice(li, ai)), amount: value } });
    }
  } else {
    const amounts = el.kind === 'cells' ? el.amounts : el.amount ? [{ column: 'total' as Column, amount: el.amount }] : [];
    for (const { column, amount } of amounts) {
      const ai = idx(amount.span);
      if (ai < 0) return undefined;
      const li = ai - 1;
      // A label glued into the row's name is part of the name, not a label.
      const inName = !!el.name && li >= 0 && items[li].start >= el.name.start && items[li].end <= el.name.end;
      const labelled = el.kind === 'cells' && li >= 1 && !inName && COLUMN_LABELS[items[li].image] === column && !used.has(li);
      if (!labelled && column !== 'total') return undefined;
      used.add(ai);
      if (labelled) used.add(li);
      cells.push({ at: labelled ? li : ai, cell: { slot: labelled ? column : 'bare', label: labelled ? items[li].image : undefined, amount: items[ai].image } });
    }
  }
  cells.sort((x, y) => x.at - y.at);
  const first = cells.length ? cells[0].at : items.length;
  if (first === 0) return undefined;
  // Every item after the head must be a label or an amount of a cell, in slot order.
  for (let i = first; i < items.length; i++) if (!used.has(i)) return undefined;
  for (let i = 1; i < cells.length; i++) if (SLOT_RANK[cells[i].cell.slot] <= SLOT_RANK[cells[i - 1].cell.slot]) return undefined;
  return { line, layout: { head: groupText(text, items.slice(0, first), el.name), cells: cells.map((c) => c.cell), trailing: after } };
}

function alignBlock(a: Analysis, index: LineIndex, stmts: Stmt[], elements: Map<number, Element>, out: Map<number, string>): void {
  const rows: Array<{ line: number; layout: Layout }> = [];
  for (const s of stmts) {
    const el = elements.get(s.start);
    if (!el) continue;
    const r = layout(a, index, s, el);
    if (r) rows.push(r);
  }
  if (!rows.length) return;
  const slots = [...new Set(rows.flatMap((r) => r.layout.cells.map((c) => c.slot)))].sort((x, y) => SLOT_RANK[x] - SLOT_RANK[y]);
  const headW = rows.reduce((m, r) => Math.max(m, displayWidth(r.layout.head)), 0);
  const labelW = new Map<string, number>();
  const amountW = new Map<string, number>();
  for (const r of rows) {
    for (const c of r.layout.cells) {
      labelW.set(c.slot, Math.max(labelW.get(c.slot) ?? 0, c.label ? displayWidth(c.label) : 0));
      amountW.set(c.slot, Math.max(amountW.get(c.slot) ?? 0, displayWidth(c.amount)));
    }
  }
  for (const r of rows) {
    let s = r.layout.cells.length ? padEndDisplay(r.layout.head, headW) : r.layout.head;
    let pending = '';
    for (const slot of slots) {
      const lw = labelW.get(slot)!;
      const aw = amountW.get(slot)!;
      const width = (lw ? lw + 1 : 0) + aw;
      const c = r.layout.cells.find((x) => x.slot === slot);
      if (!c) {
        pending += '  ' + ' '.repeat(width);
        continue;
      }
      s += pending + '  ' + (lw ? padEndDisplay(c.label ?? '', lw) + ' ' : '') + padStartDisplay(c.amount, aw);
      pending = '';
    }
    // A label alone last on the line (`持平`) leaves no padding behind.
    s = s.replace(/ +$/, '');
    if (r.layout.trailing) s += '  ' + r.layout.trailing;
    out.set(r.line, s);
  }
}
