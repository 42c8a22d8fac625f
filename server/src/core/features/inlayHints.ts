/**
 * Inlay hints: ✓, ≈ or ✗ with the difference after each written figure the checks compared (their records:
 * records.ts), and the computed total after each parent row (and 合计 row, income subtotal, 三公 subtotal) that
 * has no declared total; on a 上年比较 line that leaves 本年 out, this year's figure from the tables; after each 印出
 * figure, how it compares with the derived table (✓, ✗ and the derived figure, 未知).
 */
import type { Analysis } from '../analyze';
import { incomeChildren, incomeFuncKey, rowCoversAllSources, sourceKey, type Cells, type PrintedCheck, type TreeNode, type UnitFigures } from '../compute';
import type { Span } from '../diagnostics';
import type { Locale } from '../i18n';
import { INCOME_TREE, SANGONG_PARTS } from '../domain';
import { COLUMN_NAMES, SANGONG_NAMES } from '../keywords';
import type { Amount, Row, RowSection } from '../model';
import { formatMoney, type MoneyUnit, type Money } from '../money';
import { incomeKey } from '../compute';
import { currentFigure } from '../comparison';
import { recordFor, type CheckRecord } from '../records';
import { signed, tr } from './i18n';
import { blockMoneyUnit } from './locate';
import type { InlayHint } from './types';

export function inlayHints(a: Analysis, range: Span | undefined, locale: Locale): InlayHint[] {
  const out: InlayHint[] = [];
  const inRange = (o: number): boolean => !range || (o >= range.start && o <= range.end);
  for (const fig of a.figures) {
    // Units outside the requested range (the editor asks for the visible part) are skipped.
    if (range && (fig.unit.span.end < range.start || fig.unit.span.start > range.end)) continue;
    const b = new Hints(a, fig, locale, out);
    // Every written figure the checks compared: one mark each (the comparison that says most).
    const marked = new Set<Amount>();
    for (const r of fig.records) {
      if (marked.has(r.declared)) continue;
      marked.add(r.declared);
      b.check(recordFor(fig.records, r.declared)!);
    }
    // Unknown is not zero: a written figure that no row below states, or that only some do, says so (as hover).
    for (const [d, split] of fig.unsplit) if (!marked.has(d)) b.unsplit(d, split);
    // 印出: each printed figure as checks/printed.ts held it against the derived table (as hover).
    for (const [d, p] of fig.printed) b.printed(d, p);
    for (const section of ['func', 'econ', 'gov'] as const) b.section(section);
    b.income();
    b.incomeFunc();
    b.sangong();
    b.comparison();
  }
  return out.filter((h) => inRange(h.offset)).sort((x, y) => x.offset - y.offset);
}

class Hints {
  /** The money unit computed figures are shown in: that of the block being hinted (its own 金额单位, else the
   * unit's). Declared figures are checked in the unit they are written in (Amount.unit). */
  u: MoneyUnit;

  constructor(readonly a: Analysis, readonly fig: UnitFigures, readonly locale: Locale, readonly out: InlayHint[]) {
    this.u = fig.unit.moneyUnit;
  }

  t(zh: string, en: string): string {
    return tr(this.locale, zh, en);
  }

  /** An amount in the current block's unit, or in a figure's own. */
  m(v: Money, unit: MoneyUnit = this.u): string {
    return formatMoney(v, unit);
  }

  /** ' 万元' after a computed figure when the block's own unit is not the unit's (else nothing). */
  ownUnit(): string {
    return this.u === this.fig.unit.moneyUnit ? '' : ` ${this.u}`;
  }

  /** Hints of the block written at `span` show computed figures in its own unit. */
  enter(span: Span | undefined): void {
    this.u = blockMoneyUnit(this.a.tidied, span, this.fig.unit.moneyUnit);
  }

  /**
   * ✓ (equal), ≈ (within the tolerance), ✗ (reported) or ≠ (a consequence of a fault reported elsewhere) after a
   * written figure, from its check's record.
   */
  check(r: CheckRecord): void {
    const { declared: amount, computed } = r;
    const diff = amount.value - computed;
    if (diff === 0n) {
      this.out.push({ offset: amount.span.end, label: '✓', kind: 'ok', tooltip: this.t(`与计算值 ${this.m(computed, amount.unit)} 一致`, `Agrees with the computed ${this.m(computed, amount.unit)}`) });
      return;
    }
    const flagged = !r.ok;
    const d = signed(diff, amount.unit);
    if (flagged && r.causes) {
      // One fault, one report: the disagreement follows from a figure reported where it is written.
      this.out.push({
        offset: amount.span.end, label: `≠ ${d}`, kind: 'mismatch',
        tooltip: this.t(`计算值 ${this.m(computed, amount.unit)}，相差 ${d}：由另一处已报告的数字引起`, `Computed ${this.m(computed, amount.unit)}, off by ${d}: it follows from a figure reported elsewhere`),
      });
      return;
    }
    this.out.push({
      offset: amount.span.end,
      label: flagged ? `✗ ${d}` : `≈ ${d}`,
      kind: flagged ? 'mismatch' : 'tolerated',
      tooltip: flagged
        ? this.t(`计算值 ${this.m(computed, amount.unit)}，声明值与之相差 ${d}`, `Computed ${this.m(computed, amount.unit)}; the declared figure is off by ${d}`)
        : this.t(`计算值 ${this.m(computed, amount.unit)}，差额 ${d} 在容差内`, `Computed ${this.m(computed, amount.unit)}; the difference ${d} is within the tolerance`),
    });
  }

  unsplit(d: Amount, split: 'none' | 'partial'): void {
    this.out.push(split === 'none'
      ? { offset: d.span.end, label: this.t('未分列', 'not split below'), kind: 'unsplit', tooltip: this.t('未分列 · not split below：下级各行都未写出本栏，不与下级合计比较（未知不是 0）', 'Not split below: no row below states this column, so it is not compared with a sum (unknown is not 0)') }
      : { offset: d.span.end, label: this.t('部分分列', 'partly split'), kind: 'unsplit', tooltip: this.t('部分分列：只有部分下级写出本栏，已分列部分不超过本行，其余未知', 'Partly split below: only some rows below state this column; those may not exceed it, the rest is unknown') });
  }

  /** A printed figure (印出): ✓ as derived, ✗ and the derived figure, 未知 where the statements leave the cell unknown. */
  printed(d: Amount, p: PrintedCheck): void {
    const derived = p.derived ?? '';
    switch (p.status) {
      case 'agrees':
        this.out.push({ offset: d.span.end, label: '✓', kind: 'ok', tooltip: this.t(`与推出的 ${derived} 一致`, `Agrees with the derived ${derived}`) });
        return;
      case 'parts':
        this.out.push({ offset: d.span.end, label: '≠', kind: 'mismatch', tooltip: this.t(`表中为 ${derived}（该数已报告有误），所印数为其各组成部分之和`, `The table shows ${derived} (reported as wrong); the printed figure is what its parts give`) });
        return;
      case 'differs':
        this.out.push({ offset: d.span.end, label: `✗ ${derived}`, kind: 'mismatch', tooltip: this.t(`按各语句推出 ${derived}，与所印不同`, `The statements give ${derived}, not the figure printed`) });
        return;
      case 'unknown':
        this.out.push({ offset: d.span.end, label: this.t('未知', 'unknown'), kind: 'unsplit', tooltip: this.t('各语句未给出此格，不核对（未知不是 0）', 'The statements leave this cell unknown: not compared (unknown is not 0)') });
        return;
      case 'missing':
      case 'noRow':
        // BUD542 marks the cell or the row.
        return;
    }
  }

  computed(offset: number, v: Money, what: string): void {
    this.out.push({ offset, label: `= ${this.m(v)}${this.ownUnit()}`, kind: 'computed', tooltip: this.t(`计算的${what}`, `Computed ${what}`) });
  }

  section(kind: RowSection): void {
    const sec = this.fig.unit[kind];
    if (!sec) return;
    this.enter(sec.span);
    const tree = this.fig[kind];
    const rows: Array<[Row, TreeNode]> = [];
    for (const r of sec.rows) {
      const n = tree.byCode.get(r.code);
      if (n) rows.push([r, n]);
    }
    if (sec.total) rows.push([sec.total, tree.root]);
    for (const [row, n] of rows) {
      const isLeaf = !row.isTotal && !n.children.length;
      const computed: Cells = rowCoversAllSources(sec, row) ? n.cells : n.bySource.get(sourceKey(row.source)) ?? {};
      if (!row.cells.total && computed.total !== undefined) {
        const interesting = !isLeaf || n.projects.length > 0 || n.mappedFrom.length > 0 || Object.keys(row.cells).length > 1;
        if (interesting) this.computed(row.span.end, computed.total, this.t('合计', 'total'));
      }
    }
    // No 合计 row: show the section total after the header.
    if (!sec.total && tree.root.cells.total !== undefined && sec.rows.length) {
      const open = this.a.text.indexOf('{', sec.headerSpan.end);
      const at = open >= 0 && open < sec.span.end ? open + 1 : sec.headerSpan.end;
      const total = this.m(tree.root.cells.total) + this.ownUnit();
      this.out.push({ offset: at, label: this.t(`合计 ${total}`, `total ${total}`), kind: 'computed', tooltip: this.t('计算的合计', 'Computed total') });
    }
    for (const [key, e] of Object.entries(sec.extras)) {
      if (!e) continue;
      const v = key === 'currentTotal' ? tree.root.cells.total : key === 'grandTotal' ? this.fig.expenseGrand : undefined;
      if (v !== undefined && !e.amount) this.computed(e.span.end, v, COLUMN_NAMES.total.zh);
    }
  }

  income(): void {
    const inc = this.fig.income;
    this.enter(this.fig.unit.income?.span);
    for (const line of this.fig.unit.income?.lines ?? []) {
      const key = incomeKey(line.item, line.carried);
      const isParent = !!INCOME_TREE[line.item] || ['收入总计', '本年收入合计', '上年结转结余'].includes(line.item);
      if (!isParent) continue;
      const kids = incomeChildren(key).filter((k) => inc.values.has(k));
      const v = inc.values.get(key);
      if (v !== undefined && !line.amount && kids.length) this.computed(line.span.end, v, this.t('小计', 'subtotal'));
    }
  }

  /** 收入科目: the computed 合计 after a row that leaves it out, and the block's 合计 after the header when no 合计 row. */
  incomeFunc(): void {
    const sec = this.fig.unit.incomeFunc;
    if (!sec) return;
    this.enter(sec.span);
    const tree = this.fig.incomeFunc;
    for (const row of [...sec.rows, ...(sec.total ? [sec.total] : [])]) {
      const n = row.isTotal ? tree.root : tree.byCode.get(row.code);
      if (!n) continue;
      const total = n.values.get('收入总计');
      if (total !== undefined && !row.cells.some((c) => incomeFuncKey(c) === '收入总计') && (n.children.length > 0 || row.cells.length > 1)) {
        this.computed(row.span.end, total, this.t('合计', 'total'));
      }
    }
    const total = tree.root.values.get('收入总计');
    if (!sec.total && total !== undefined && sec.rows.length) {
      const open = this.a.text.indexOf('{', sec.headerSpan.end);
      const at = open >= 0 && open < sec.span.end ? open + 1 : sec.headerSpan.end;
      const label = this.m(total) + this.ownUnit();
      this.out.push({ offset: at, label: this.t(`合计 ${label}`, `total ${label}`), kind: 'computed', tooltip: this.t('计算的合计', 'Computed total') });
    }
  }

  /** 上年比较: this year's figure (computed) after a line that leaves 本年 out. */
  comparison(): void {
    const cmp = this.fig.unit.comparison;
    if (!cmp) return;
    this.enter(cmp.span);
    for (const line of cmp.lines) {
      const cf = currentFigure(this.fig, line.figure);
      if (cf.value === undefined) continue;
      if (!line.current) {
        const v = this.m(cf.value) + this.ownUnit();
        this.out.push({ offset: line.keySpan.end, label: this.t(`本年 ${v}`, `this year ${v}`), kind: 'computed', tooltip: this.t('按各表计算的本年数', 'This year’s figure computed from the tables') });
      }
    }
  }

  sangong(): void {
    const s = this.fig.sangong;
    this.enter(this.fig.unit.sangong?.span);
    for (const line of this.fig.unit.sangong?.lines ?? []) {
      const parts = SANGONG_PARTS[line.item];
      if (!parts || !parts.some((p) => s.values[p] !== undefined)) continue;
      const v = s.values[line.item];
      if (v !== undefined && !line.amount) this.computed(line.span.end, v, this.t(SANGONG_NAMES[line.item].zh, SANGONG_NAMES[line.item].en));
    }
  }
}
