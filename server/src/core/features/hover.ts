/**
 * Hover: the figures behind what is under the cursor — a classification code or a declared total (computed
 * and declared figures, their difference, the breakdown by children, by expenditure kind and by funding
 * source, shares, the amount in 元), a project, an indicator (and what it is checked against), an income
 * or 三公 line, a 上年比较 line (本年 computed, 上年, the change and the rate). Markdown in the chosen locale.
 *
 * Figures are shown in the money unit of the block they belong to: a section or project may state its own
 * `金额单位` (e.g. 三公 in 万元 in a 元 document), as diagnostics and inlay hints do.
 */
import type { Analysis } from '../analyze';
import { collapseBlanks } from '../blank';
import { levelName, parentCode, type ClassKind } from '../catalog';
import {
  incomeChildren, incomeFuncKey, incomeFuncStated, incomeKey, projectsTotal, rowCoversAllSources, sourceKey, type Cells, type IncomeFuncNode,
  type PrintedCheck, type TreeNode, type UnitFigures,
} from '../compute';
import { indicatorMoney, INCOME_TREE, isRateOfChange, namesProject, opHolds, SANGONG_ECON, SANGONG_PARTS } from '../domain';
import type { Span, Text2 } from '../diagnostics';
import type { Locale } from '../i18n';
import {
  COLUMN_NAMES, COLUMNS, INCOME_FUNC_COLUMNS, incomeColumnName, LEVEL1_KNOWN, LEVEL2_KNOWN, MONEY_UNITS, SANGONG_NAMES, type Column,
} from '../keywords';
import type { Amount, ComparisonLine, IncomeFuncRow, Indicator, IncomeLine, PrintedRow, PrintedTable, Project, Row, SangongLine } from '../model';
import { formatMoney, percent, type Money, type MoneyUnit } from '../money';
import { changeAccepted, comparisonFigures, formatRate, lineName, rateAccepted, rateAgrees, writtenChange, writtenRate } from '../comparison';
import type { TidyTree } from '../syntax';
import { layoutOf } from '../layouts/index';
import { opsFundsBasis } from '../checks/opsFunds';
import { CLASS_NAMES, md, money, sourceLabel, tr, signed } from './i18n';
import { blockMoneyUnit, contains, stmtAt, targetAt, type Target } from './locate';
import type { Hover } from './types';
import { recordFor, recordsOf, type CheckRecord } from '../records';
import { statementOf } from '../statements';

const MAX_LIST = 25;

export function hover(a: Analysis, offset: number, locale: Locale): Hover | undefined {
  const t = targetAt(a, offset);
  if (!t) return statementHover(a, offset, locale);
  const h = new HoverBuilder(t.fig, locale, a.tidied, t.fig.unit.moneyUnit, a.text);
  const u = t.fig.unit;
  switch (t.kind) {
    case 'row':
      return { contents: h.section(t.section).row(t.section, t.row, t.column), span: t.part === 'cell' && t.column ? t.row.cells[t.column]!.span : t.part === 'name' ? t.row.name!.span : t.row.codeSpan };
    case 'extra':
      return { contents: h.section('func').extra(t.key), span: t.span };
    case 'funcRef': {
      const n = t.fig.func.byCode.get(t.ref.code);
      const parts = [h.block(t.project.span).projectShare(t.project, t.ref.code)];
      if (n) parts.push(h.section('func').node('func', n, undefined));
      return { contents: parts.join('\n\n---\n\n'), span: t.ref.span };
    }
    case 'econLine': {
      const n = t.fig.econ.byCode.get(t.line.code);
      const parts = [h.block(t.project.span).econLine(t.project, t.line.code, t.line.amount)];
      if (n) parts.push(h.section('econ').node('econ', n, undefined));
      return { contents: parts.join('\n\n---\n\n'), span: t.part === 'code' ? t.line.codeSpan : t.line.span };
    }
    case 'mapping': {
      const kind = t.side === 'dept' ? 'econ' : 'gov';
      const code = t.side === 'dept' ? t.line.dept.text : t.line.gov.text;
      const n = t.fig[kind].byCode.get(code);
      const span = t.side === 'dept' ? t.line.dept.span : t.line.gov.span;
      return n ? { contents: h.section(kind).node(kind, n, undefined), span } : { contents: h.unknownCode(kind, code), span };
    }
    case 'project': {
      // The range hovered: the name, or the amount or attribute value under the cursor.
      const p = t.project;
      const spans = [p.name, p.amount, p.nature, p.category, p.period, p.startDate, p.endDate, p.fundsTotal, p.fundsFiscal, p.fundsOther, p.fundsCarried, p.longTermGoal, ...p.bySource]
        .map((x) => x?.span);
      return { contents: h.block(p.span).project(p), span: spans.find((x) => contains(x, offset)) ?? p.name.span };
    }
    case 'indicator':
      return { contents: h.block(t.project ? t.project.span : u.overall?.span).indicator(t.indicator, t.project), span: t.part === 'name' ? t.indicator.name.span : t.indicator.span };
    case 'income':
      return { contents: h.block(u.income?.span).income(t.line), span: t.line.amount && contains(t.line.amount.span, offset) ? t.line.amount.span : t.line.keySpan };
    case 'incomeFuncRow': {
      const span = t.part === 'cell' && t.cell ? (contains(t.cell.amount?.span, offset) ? t.cell.amount!.span : t.cell.keySpan) : t.part === 'name' ? t.row.name!.span : t.row.codeSpan;
      return { contents: h.block(u.incomeFunc?.span).incomeFuncRow(t.row, t.cell), span };
    }
    case 'sangong':
      return { contents: h.block(u.sangong?.span).sangong(t.line), span: t.line.amount && contains(t.line.amount.span, offset) ? t.line.amount.span : t.line.keySpan };
    case 'unit':
      return { contents: h.unit(), span: t.fig.unit.name.span };
    case 'task':
      return { contents: h.block(u.overall?.span).task(t), span: t.task.span };
    case 'comparison': {
      const l = t.line;
      const span = t.column === 'current' ? l.current?.span : t.column === 'previous' ? l.previous?.span
        : t.column === 'change' ? { start: l.change!.labelSpan.start, end: (l.change!.amount?.span ?? l.change!.labelSpan).end }
          : t.column === 'rate' ? { start: l.rate!.labelSpan.start, end: l.rate!.value.span.end } : undefined;
      return { contents: h.block(u.comparison?.span).comparison(l), span: span ?? l.keySpan };
    }
    case 'printed':
      return { contents: h.block(t.table.span).printedRow(t.table, t.row), span: t.amount ? t.amount.span : t.row.row.span };
  }
}

/**
 * On a statement's word (and the prefix before it), where no figure is written: what the statement is — its word,
 * what follows it and its documentation (statements.ts).
 */
function statementHover(a: Analysis, offset: number, locale: Locale): Hover | undefined {
  const at = stmtAt(a.tidied, offset);
  const context = at?.frames[at.frames.length - 1].context;
  if (!at || !context || context === 'unknown') return undefined;
  const r = statementOf(context, at.stmt);
  if (!r) return undefined;
  const items = at.stmt.items;
  const word = items[r.lead];
  if (offset < items[0].start || offset > word.end) return undefined;
  const s = r.statement;
  const head = s.words.length ? `**${md(a.text.slice(items[0].start, word.end))}** ${md(s.shape)}` : `**${md(s.shape)}**`;
  return { contents: `${head}\n\n${tr(locale, s.doc.zh, s.doc.en)}`, span: { start: items[0].start, end: word.end } };
}

/** What hover says of a printed figure's outcome (checks/printed.ts). */
const PRINTED_STATUS: Record<PrintedCheck['status'], Text2> = {
  agrees: { zh: '✓ 一致', en: '✓ the same' },
  differs: { zh: '✗ 不一致（已报告）', en: '✗ differs (reported)' },
  parts: { zh: '= 所写之数的各组成部分之和（该数已报告有误）', en: '= what the parts of the written figure give (that figure is reported)' },
  unknown: { zh: '未知：各语句未给出此格，不核对（未知不是 0）', en: 'unknown: the statements leave this cell unknown, not compared (unknown is not 0)' },
  missing: { zh: '表中无此格', en: 'no such cell in the table' },
  noRow: { zh: '未核对：表中没有此行', en: 'not compared (the row is not in the table)' },
};

class HoverBuilder {
  /** `u`: the money unit figures are shown in (the unit's, or the hovered block's own 金额单位). */
  constructor(readonly f: UnitFigures, readonly locale: Locale, readonly tree: TidyTree, readonly u: MoneyUnit = f.unit.moneyUnit, readonly text = '') {}

  /** The same builder showing figures in the money unit of the block written at `span`. */
  block(span: Span | undefined): HoverBuilder {
    const u = blockMoneyUnit(this.tree, span, this.f.unit.moneyUnit);
    return u === this.u ? this : new HoverBuilder(this.f, this.locale, this.tree, u, this.text);
  }

  /** The same builder showing figures in the money unit of a classification section. */
  section(kind: ClassKind): HoverBuilder {
    return this.block(this.f.unit[kind]?.span);
  }

  /** When the block states its own money unit, different from the unit's: a note saying so (else nothing). */
  ownUnitNote(): string[] {
    const du = this.f.unit.moneyUnit;
    return this.u === du ? [] : [this.t(`金额单位：${this.u}（本块自定；本单位为 ${du}）`, `Amounts in ${this.u} (this block's own unit; the unit's is ${du})`)];
  }

  t(zh: string, en: string): string {
    return tr(this.locale, zh, en);
  }

  m(v: Money): string {
    return money(v, this.u);
  }

  /** `162,573.63 万元（1,625,736,300.00 元）` */
  withYuan(v: Money): string {
    const u = this.u;
    const base = `${this.m(v)} ${u}`;
    return u === '元' ? base : this.t(`${base}（${formatMoney(v, '元')} 元）`, `${base} (${formatMoney(v, '元')} 元)`);
  }

  /**
   * A row of an 印出 block: each printed figure with the cell of the table the core builds, as checks/printed.ts
   * held it (`UnitFigures.printed`): the same, different (reported), as the parts of a reported figure give it,
   * unknown (the statements leave the cell unknown: not compared, unknown is not zero), no such cell, or not compared
   * (the row is not in the table).
   */
  printedRow(table: PrintedTable, row: PrintedRow): string {
    const out = [`**${this.t('印出', 'Printed')} ${md(table.table.text)} · ${md(row.row.text)}**`, this.t(
      '公布的表所印的数字，与按各语句生成的同一表格核对。',
      'Figures the published table printed, checked against the same table as built from the statements.',
    )];
    const lines = [this.t('| 栏目 | 所印 | 推出 | |', '| column | printed | derived | |'), '|---|--:|--:|:--|'];
    for (const c of row.cells) {
      const r = this.f.printed.get(c.amount);
      const status = r ? this.t(PRINTED_STATUS[r.status].zh, PRINTED_STATUS[r.status].en) : '';
      lines.push(`| ${md(c.column.text)} | ${md(c.amount.text)} | ${r?.derived ? md(r.derived) : r?.status === 'unknown' ? this.t('未知', 'unknown') : '—'} | ${status} |`);
    }
    out.push(lines.join('\n'));
    return out.join('\n\n');
  }

  col(c: Column): string {
    return this.t(COLUMN_NAMES[c].zh, COLUMN_NAMES[c].en);
  }

  nodeTitle(kind: ClassKind, n: TreeNode): string {
    if (!n.code) return this.t(`${CLASS_NAMES[kind].zh}合计`, `${CLASS_NAMES[kind].en}: total`);
    const lv = levelName(n.code);
    return `${n.code} ${md(n.name ?? '')}`.trim() + this.t(`（${CLASS_NAMES[kind].zh} · ${lv.zh}）`, ` (${CLASS_NAMES[kind].en}, ${lv.en})`);
  }

  /** The figures table of a node: computed and (for a row) declared figures, and how each checked one compares. */
  figuresTable(computed: Cells, row: Row | undefined): string {
    const lines = [this.t('| 栏目 | 计算 | 声明 | 差额 |', '| column | computed | declared | difference |'), '|---|--:|--:|:--|'];
    for (const c of COLUMNS) {
      const v = computed[c];
      const d = row?.cells[c];
      if (v === undefined && !d) continue;
      // The difference of a written figure, where a check compared it (a row's own facts are not compared).
      const r = d && recordFor(this.f.records, d);
      const mark = r ? this.mark(r) : '';
      // Unknown is not zero: a written figure that no row below states is not compared with a sum of 0.
      const split = d ? this.f.unsplit.get(d) : undefined;
      const shown = split === 'none' ? this.t('未分列 · not split below', 'not split below') : split === 'partial' && !r ? this.t('部分分列（已分列部分不超过本行）', 'partly split below (the stated parts may not exceed it)') : v !== undefined ? this.m(v) : '—';
      lines.push(`| ${this.col(c)} | ${shown} | ${d ? md(d.text) : ''} | ${mark} |`);
    }
    return lines.length > 2 ? lines.join('\n') : this.t('（无金额）', '(no amounts)');
  }

  shares(kind: ClassKind, n: TreeNode, v: Money | undefined): string[] {
    if (v === undefined) return [];
    const out: string[] = [];
    const root = this.f[kind].root;
    const parent = n.parent;
    if (parent && parent !== root && parent.cells.total) {
      out.push(this.t(`占上级 ${parent.code} ${percent(v, parent.cells.total)}`, `${percent(v, parent.cells.total)} of its parent ${parent.code}`));
    }
    if (n !== root && root.cells.total) out.push(this.t(`占全部 ${percent(v, root.cells.total)}`, `${percent(v, root.cells.total)} of the whole budget`));
    return out;
  }

  node(kind: ClassKind, n: TreeNode, row: Row | undefined, column?: Column): string {
    const u = this.u;
    const overall = !row || rowCoversAllSources(this.f.unit[kind], row);
    const key = row && !overall ? sourceKey(row.source) : undefined;
    const computed = overall ? n.cells : n.bySource.get(key!) ?? {};
    const out: string[] = [`**${this.nodeTitle(kind, n)}**`];
    const cat = this.catalogNote(kind, n.code);
    if (cat) out.push(cat);
    if (row?.source) out.push(this.t(`资金来源：${sourceLabel(sourceKey(row.source), 'zh-CN')}`, `Funding source: ${sourceLabel(sourceKey(row.source), 'en')}`));
    // The written cell hovered, as its check compared it (records.ts).
    const r = column ? recordFor(this.f.records, row?.cells[column]) : undefined;
    if (column && r) {
      const d = r.declared;
      const diff = d.value - r.computed;
      out.push(diff === 0n
        ? this.t(`${this.col(column)} 声明 ${md(d.text)}，与计算值一致 ✓`, `${this.col(column)}: declared ${md(d.text)} agrees with the computed figure ✓`)
        : this.t(`${this.col(column)} 声明 ${md(d.text)}，计算值 ${this.m(r.computed)}，相差 ${signed(diff, u)} ${r.ok ? '≈' : '✗'}`, `${this.col(column)}: declared ${md(d.text)}, computed ${this.m(r.computed)}, difference ${signed(diff, u)} ${r.ok ? '≈' : '✗'}`));
    }
    out.push(this.figuresTable(computed, row));
    const total = computed.total;
    const tail: string[] = [];
    if (total !== undefined) tail.push(this.t(`合计 ${this.withYuan(total)}`, `Total ${this.withYuan(total)}`));
    tail.push(...this.shares(kind, n, total));
    out.push(tail.join(' · '));
    if (n.children.length) {
      const lines = [this.t('**下级科目**', '**Children**'), '', this.t('| 编码 | 名称 | 合计 | 基本 | 项目 | 占比 |', '| code | name | total | basic | project | share |'), '|---|---|--:|--:|--:|--:|'];
      for (const c of n.children.slice(0, MAX_LIST)) {
        const cv = c.cells;
        lines.push(`| ${c.code} | ${md(c.name ?? '')} | ${cv.total !== undefined ? this.m(cv.total) : '—'} | ${cv.basic !== undefined ? this.m(cv.basic) : ''} | ${cv.project !== undefined ? this.m(cv.project) : ''} | ${cv.total !== undefined && n.cells.total ? percent(cv.total, n.cells.total) : ''} |`);
      }
      if (n.children.length > MAX_LIST) lines.push(`| … | ${this.t(`另有 ${n.children.length - MAX_LIST} 个`, `${n.children.length - MAX_LIST} more`)} | | | | |`);
      out.push(lines.join('\n'));
    }
    const basic = n.cells.basic;
    const project = n.cells.project;
    if (basic !== undefined || project !== undefined) {
      const parts: string[] = [];
      if (basic !== undefined) {
        const sub = [n.cells.personnel !== undefined ? `${this.col('personnel')} ${this.m(n.cells.personnel)}` : '', n.cells.public !== undefined ? `${this.col('public')} ${this.m(n.cells.public)}` : ''].filter(Boolean);
        parts.push(`${this.col('basic')} ${this.m(basic)}${sub.length ? this.t(`（${sub.join('，')}）`, ` (${sub.join(', ')})`) : ''}`);
      }
      if (project !== undefined) parts.push(`${this.col('project')} ${this.m(project)}`);
      out.push(this.t('**按支出类型**：', '**By kind**: ') + parts.join(this.t('；', '; ')));
    }
    if (n.bySource.size) {
      const parts = [...n.bySource].map(([k, c]) => `${md(sourceLabel(k, this.locale))} ${c.total !== undefined ? this.m(c.total) : '—'}`);
      out.push(this.t('**按资金来源**：', '**By funding source**: ') + parts.join(this.t('；', '; ')));
    }
    const projects = n.projects.filter((s) => s.project);
    if (projects.length) {
      const lines = [this.t('**项目**', '**Projects**')];
      for (const s of projects.slice(0, MAX_LIST)) lines.push(`- ${md(s.project.name.text)}${this.t('：', ': ')}${this.m(s.amount)}`);
      if (projects.length > MAX_LIST) lines.push(`- …`);
      out.push(lines.join('\n'));
    }
    if (n.mappedFrom.length) {
      const lines = [this.t('**由部门经济分类对照而来**', '**Mapped from department economic codes**')];
      for (const mf of n.mappedFrom.slice(0, MAX_LIST)) {
        const name = this.f.econ.byCode.get(mf.code)?.name ?? '';
        lines.push(`- ${mf.code} ${md(name)}${this.t('：', ': ')}${this.m(mf.value)}`);
      }
      out.push(lines.join('\n'));
    }
    if (n.code && n.implicit) out.push(this.t('*此科目未在本块中列出，金额来自项目或对照。*', '*This code is not listed in the block; its figures come from projects or the correspondence.*'));
    const note = this.ownUnitNote();
    out.push(...(note.length ? note : [this.t(`金额单位：${u}`, `Amounts in ${u}`)]));
    return out.join('\n\n');
  }

  row(kind: ClassKind, row: Row, column?: Column): string {
    const tree = this.f[kind];
    const n = row.isTotal ? tree.root : tree.byCode.get(row.code);
    if (!n) return this.unknownCode(kind, row.code);
    return this.node(kind, n, row, column);
  }

  unknownCode(kind: ClassKind, code: string): string {
    const e = this.f.catalog.get(kind, code);
    const note = this.catalogNote(kind, code);
    // No catalog name: the code alone (`**31005 **` would show its asterisks: no bold closes after a space).
    return `**${`${code} ${md(e?.names[0] ?? '')}`.trim()}**` + this.t(`（${CLASS_NAMES[kind].zh}）`, ` (${CLASS_NAMES[kind].en})`) + (note ? `\n\n${note}` : '') +
      this.t('\n\n本单位没有此科目的金额。', '\n\nNo amounts for this code in the unit.');
  }

  /** What the catalog edition of the unit says of a code: official name, description, editions and sources. */
  catalogNote(kind: ClassKind, code: string): string | undefined {
    const cat = this.f.catalog;
    const e = code ? cat.get(kind, code) : undefined;
    const ed = cat.edition;
    // Where the catalog is complete a missing code is not one of the edition's; elsewhere it is only unknown.
    const parent = parentCode(code);
    const complete = cat.isComplete(kind, parent);
    const where = parent ? this.t(` ${parent} 下`, ` under ${parent}`) : this.t('类级', ' at the class level');
    if (!e) {
      if (!/^\d+$/.test(code)) return undefined;
      return complete
        ? this.t(`不是《政府收支分类科目》${ed} 年版的科目（${where.trim()}的科目已全部列入目录）`, `Not a code of the ${ed} edition (every code${where} is catalogued)`)
        : this.t(`目录中没有此科目：${ed} 年版${where}的科目目录不完整，无法判断`, `Not in the catalog: its ${ed} edition codes${where} are not all catalogued, so the code is unknown, not wrong`);
    }
    if (e.local && !e.inEdition) return this.t(`本地目录（${md(e.sources.join('、'))}）：${md(e.names[0] ?? '')}`, `Local catalog (${md(e.sources.join(', '))}): ${md(e.names[0] ?? '')}`);
    const lines: string[] = [];
    lines.push(e.inEdition
      ? this.t(`《政府收支分类科目》${ed} 年版：${md(e.names[0] ?? '')}`, `Classification catalog, ${ed} edition: ${md(e.names[0] ?? '')}`)
      : complete
        ? this.t(`不是《政府收支分类科目》${ed} 年版的科目；${e.editions} 年版：${md(e.names[0] ?? '')}`, `Not a code of the ${ed} edition; ${e.editions} edition: ${md(e.names[0] ?? '')}`)
        : this.t(`目录只在 ${e.editions} 年版见到此科目：${md(e.names[0] ?? '')}（${ed} 年版${where}的目录不完整，未能核实）`, `Catalogued for the ${e.editions} edition only: ${md(e.names[0] ?? '')} (the ${ed} edition is not confirmed: the catalog${where} is partial)`));
    if (e.description) lines.push(`> ${md(e.description)}`);
    const others = cat.records(kind, code).filter((r) => !r.editions.has(ed) && r.name !== e.names[0]);
    for (const r of others) lines.push(this.t(`${r.editions} 年版名称：${md(r.name)}`, `${r.editions} edition name: ${md(r.name)}`));
    // The official text first, then code and published tables that confirm it.
    const rank = (id: string): number => ({ official: 0, code: 1, table: 2 } as Record<string, number>)[cat.source(id)?.kind ?? ''] ?? 3;
    const shown = [...e.sources].sort((a, b) => rank(a) - rank(b)).slice(0, 3);
    const more = e.sources.length - shown.length;
    lines.push(this.t(`*版本 ${e.editions} · 来源 ${md(shown.join('、'))}${more > 0 ? ` 等 ${e.sources.length} 个` : ''}*`, `*Editions ${e.editions} · sources ${md(shown.join(', '))}${more > 0 ? ` and ${more} more` : ''}*`));
    return lines.join('\n\n');
  }

  extra(key: 'yearEndCarry' | 'grandTotal' | 'currentTotal'): string {
    const sec = this.f.unit.func!;
    const e = sec.extras[key];
    const total = this.f.func.root.cells.total;
    const carry = sec.extras.yearEndCarry?.amount?.value;
    const out: string[] = [];
    let computed: Money | undefined;
    if (key === 'currentTotal') {
      out.push(this.t('**本年支出合计** = 支出功能分类合计', '**Current-year expenditure** = the function-classification total'));
      computed = total;
    } else if (key === 'grandTotal') {
      out.push(this.t('**支出总计** = 本年支出合计 + 年终结转结余', '**Expenditure grand total** = current-year expenditure + year-end carry-over'));
      computed = this.f.expenseGrand;
      if (total !== undefined) out.push(this.t(`本年支出合计 ${this.m(total)}，年终结转结余 ${this.m(carry ?? 0n)}`, `current-year ${this.m(total)}, carry-over ${this.m(carry ?? 0n)}`));
    } else {
      out.push(this.t('**年终结转结余**', '**Year-end carry-over**'));
      computed = carry;
    }
    if (computed !== undefined) out.push(this.declaredVs(e?.amount, computed));
    out.push(...this.ownUnitNote());
    return out.join('\n\n');
  }

  /** ✓ (equal), ≈ and the difference (within the tolerance) or ✗ and the difference (reported), from a check's record. */
  mark(r: CheckRecord): string {
    const diff = r.declared.value - r.computed;
    return diff === 0n ? '✓' : `${r.ok ? '≈' : '✗'} ${signed(diff, this.u)}`;
  }

  /** A figure computed as `v` and, when written (`d`), as its check compared it (records.ts); unchecked: the figure. */
  declaredVs(d: Amount | undefined, v: Money): string {
    const u = this.u;
    if (!d) return this.t(`计算值 ${this.withYuan(v)}`, `Computed ${this.withYuan(v)}`);
    const r = recordFor(this.f.records, d);
    if (!r) return this.t(`金额 ${this.withYuan(d.value)}`, `Amount ${this.withYuan(d.value)}`);
    const diff = d.value - r.computed;
    if (diff === 0n) return this.t(`声明 ${md(d.text)} = 计算值 ${this.withYuan(r.computed)} ✓`, `Declared ${md(d.text)} = computed ${this.withYuan(r.computed)} ✓`);
    return this.t(`声明 ${md(d.text)}，计算值 ${this.withYuan(r.computed)}，相差 ${signed(diff, u)} ${r.ok ? '≈' : '✗'}`, `Declared ${md(d.text)}, computed ${this.withYuan(r.computed)}, difference ${signed(diff, u)} ${r.ok ? '≈' : '✗'}`);
  }

  funcName(code: string): string {
    return this.f.func.byCode.get(code)?.name ?? this.f.catalog.get('func', code)?.names[0] ?? '';
  }

  projectShare(p: Project, code: string): string {
    const pf = this.f.projects.find((x) => x.project === p);
    const ref = p.funcRefs.find((r) => r.code === code);
    const amount = ref?.amount?.value ?? (p.funcRefs.length === 1 ? pf?.total : undefined);
    return this.t(`**功能科目 ${code} ${md(this.funcName(code))}**\n\n项目“${md(p.name.text)}”在此科目的金额：${amount !== undefined ? this.withYuan(amount) : '—'}`,
      `**Function code ${code} ${md(this.funcName(code))}**\n\nAmount of project “${md(p.name.text)}” on this code: ${amount !== undefined ? this.withYuan(amount) : '—'}`);
  }

  econLine(p: Project, code: string, amount: Amount | undefined): string {
    const name = this.f.econ.byCode.get(code)?.name ?? this.f.catalog.get('econ', code)?.names[0] ?? '';
    const pf = this.f.projects.find((x) => x.project === p);
    const share = amount && pf?.total ? this.t(`（${percent(amount.value, pf.total)}）`, ` (${percent(amount.value, pf.total)})`) : '';
    // Without a name the title is the code alone: `**经济分类 31005 **` would show its asterisks.
    const title = `${code} ${md(name)}`.trim();
    return this.t(`**经济分类 ${title}**\n\n项目“${md(p.name.text)}”：${amount ? this.withYuan(amount.value) + share : '—'}`,
      `**Economic line ${title}**\n\nProject “${md(p.name.text)}”: ${amount ? this.withYuan(amount.value) + share : '—'}`);
  }

  project(p: Project): string {
    const pf = this.f.projects.find((x) => x.project === p);
    const out: string[] = [this.t(`**项目 ${md(p.name.text)}**`, `**Project ${md(p.name.text)}**`)];
    const total = pf?.total;
    if (total !== undefined) {
      const all = projectsTotal(this.f);
      out.push(this.t(`金额 ${this.withYuan(total)}`, `Amount ${this.withYuan(total)}`) + (all ? this.t(` · 占项目支出 ${percent(total, all)}`, ` · ${percent(total, all)} of project expenditure`) : ''));
      if (pf && (pf.bySource.size > 1 || p.bySource.length)) {
        out.push(this.t('按资金来源：', 'By funding source: ') + [...pf.bySource].map(([k, v]) => `${md(sourceLabel(k, this.locale))} ${this.m(v)}`).join(this.t('；', '; ')));
      }
    } else out.push(this.t('未写金额', 'No amount written'));
    if (p.funcRefs.length) {
      out.push(this.t('功能科目：', 'Function code: ') + p.funcRefs.map((r) => `${r.code} ${md(this.funcName(r.code))}${r.amount ? ` ${this.m(r.amount.value)}` : ''}`).join(this.t('；', '; ')));
    }
    out.push(...this.projectAttributes(p, total));
    if (p.econ.length) {
      const lines = [this.t('| 经济分类 | 名称 | 金额 | 占比 |', '| economic code | name | amount | share |'), '|---|---|--:|--:|'];
      for (const l of p.econ.slice(0, MAX_LIST)) {
        const name = l.name?.text ?? this.f.econ.byCode.get(l.code)?.name ?? this.f.catalog.get('econ', l.code)?.names[0] ?? '';
        lines.push(`| ${l.code} | ${md(name)} | ${l.amount ? this.m(l.amount.value) : ''} | ${l.amount && total ? percent(l.amount.value, total) : ''} |`);
      }
      out.push(lines.join('\n'));
      if (pf?.econTotal !== undefined && total !== undefined) {
        const diff = pf.econTotal - total;
        out.push(diff === 0n
          ? this.t(`经济分类合计 ${this.m(pf.econTotal)} = 项目金额 ✓`, `Economic lines sum to ${this.m(pf.econTotal)} = the amount ✓`)
          : this.t(`经济分类合计 ${this.m(pf.econTotal)}，与项目金额相差 ${signed(diff, this.u)} ✗`, `Economic lines sum to ${this.m(pf.econTotal)}, ${signed(diff, this.u)} off the amount ✗`));
      }
    }
    const inds = p.indicators?.indicators ?? [];
    if (inds.length) out.push(this.indicatorSummary(inds));
    out.push(...this.ownUnitNote());
    return out.join('\n\n');
  }

  /**
   * The attributes of the performance form: 项目性质 and 项目类别, the period (and whether it holds the fiscal
   * year), 资金总额 with its parts (and whether they add up) and this year's share of it, 上年结转资金, the
   * multi-year goal.
   */
  projectAttributes(p: Project, annual: Money | undefined): string[] {
    const out: string[] = [];
    const sep = this.t('；', '; ');
    const kinds: string[] = [];
    if (p.nature) kinds.push(this.t(`项目性质 ${md(p.nature.text)}`, `Nature: ${md(p.nature.text)}`));
    if (p.category) kinds.push(this.t(`项目类别 ${md(p.category.text)}`, `Category: ${md(p.category.text)}`));
    if (kinds.length) out.push(kinds.join(sep));
    const s = p.startDate;
    const e = p.endDate;
    if (s || e) {
      const period = `${s ? md(s.text) : '…'} ${this.t('至', 'to')} ${e ? md(e.text) : '…'}`;
      const y = this.f.unit.year;
      let note = '';
      if (y !== undefined) {
        const inside = (!s || y >= s.year) && (!e || y <= e.year);
        note = inside ? this.t(`（含预算年度 ${y} ✓）`, ` (includes the fiscal year ${y} ✓)`) : this.t(`（不含预算年度 ${y} ✗）`, ` (does not include the fiscal year ${y} ✗)`);
      }
      out.push(this.t(`实施期限 ${period}`, `Period ${period}`) + note);
    }
    const t = p.fundsTotal;
    if (t) {
      let line = this.t(`资金总额 ${this.withYuan(t.value)}`, `Total funding ${this.withYuan(t.value)}`);
      if (p.fundsFiscal || p.fundsOther) {
        const fiscal = p.fundsFiscal?.value ?? 0n;
        const other = p.fundsOther?.value ?? 0n;
        // As BUD904 compared it (records.ts).
        const r = recordFor(this.f.records, t);
        line += this.t(`，其中财政资金 ${this.m(fiscal)}，其他资金 ${this.m(other)}`, `, of which fiscal funds ${this.m(fiscal)}, other funds ${this.m(other)}`)
          + (!r ? '' : r.declared.value === r.computed ? ' ✓' : this.t(`（相差 ${signed(r.declared.value - r.computed, this.u)} ${r.ok ? '≈' : '✗'}）`, ` (difference ${signed(r.declared.value - r.computed, this.u)} ${r.ok ? '≈' : '✗'})`));
      }
      if (annual !== undefined && t.value > 0n) {
        line += this.t(` · 本年金额占 ${percent(annual, t.value)}`, ` · this year's amount is ${percent(annual, t.value)} of it`) + (annual > t.value ? ' ✗' : '');
      }
      out.push(line);
    }
    if (p.fundsCarried) out.push(this.t(`上年结转资金 ${this.withYuan(p.fundsCarried.value)}`, `Carried over from last year ${this.withYuan(p.fundsCarried.value)}`));
    if (p.longTermGoal) out.push(this.t(`中长期目标：${md(p.longTermGoal.text)}`, `Medium/long-term goal: ${md(p.longTermGoal.text)}`));
    if (p.goal && p.longTermGoal) out.push(this.t(`年度目标：${md(p.goal.text)}`, `Annual goal: ${md(p.goal.text)}`));
    return out;
  }

  indicatorSummary(inds: Indicator[]): string {
    const byLevel = new Map<string, number>();
    for (const i of inds) byLevel.set(i.level1?.text ?? '—', (byLevel.get(i.level1?.text ?? '—') ?? 0) + 1);
    const quantitative = inds.filter((i) => i.value?.kind === 'number').length;
    const moneyInds = inds.filter((i) => i.value?.kind === 'number' && i.unit && MONEY_UNITS[i.unit.text] !== undefined);
    const levels = [...byLevel].map(([k, v]) => `${md(k)} ${v}`).join(this.t('，', ', '));
    let s = this.t(`**绩效指标** ${inds.length} 项（${levels}）；定量 ${quantitative}，定性 ${inds.length - quantitative}`,
      `**Indicators**: ${inds.length} (${levels}); ${quantitative} quantitative, ${inds.length - quantitative} qualitative`);
    if (moneyInds.length) {
      s += '\n\n' + this.t('金额指标：', 'Money indicators: ') + moneyInds.slice(0, 8).map((i) => `${md(i.name.text)} ${i.op?.text ?? ''} ${md(i.value!.text)} ${md(i.unit!.text)}`).join(this.t('；', '; '));
    }
    return s;
  }

  indicator(ind: Indicator, project: Project | undefined): string {
    const out: string[] = [this.t(`**绩效指标 ${md(ind.name.text)}**`, `**Indicator ${md(ind.name.text)}**`)];
    const levels: string[] = [];
    if (ind.level1) levels.push(this.t(`一级 ${md(ind.level1.text)}`, `level 1 ${md(ind.level1.text)}`) + (LEVEL1_KNOWN.includes(ind.level1.text) ? '' : this.t('（非常用）', ' (uncommon)')));
    if (ind.level2) levels.push(this.t(`二级 ${md(ind.level2.text)}`, `level 2 ${md(ind.level2.text)}`) + (LEVEL2_KNOWN.includes(ind.level2.text) ? '' : this.t('（非常用）', ' (uncommon)')));
    if (levels.length) out.push(levels.join(' · '));
    const v = ind.value;
    const target = [ind.op?.text, v ? md(v.text) : undefined, ind.unit ? md(ind.unit.text) : undefined].filter(Boolean).join(' ');
    const kind = !v ? this.t('（无指标值）', '(no value)') : v.kind === 'number' ? this.t('定量指标', 'quantitative') : this.t('定性指标', 'qualitative');
    out.push(`${target ? target + ' · ' : ''}${kind}` + (ind.deadline ? this.t(` · 完成时限 ${md(ind.deadline.text)}${ind.deadlineInherited ? '（块默认）' : ''}`, ` · deadline ${md(ind.deadline.text)}${ind.deadlineInherited ? ' (block default)' : ''}`) : ''));
    const checks: string[] = [];
    const num = v?.kind === 'number' ? v.num : undefined;
    if (num && ind.unit && MONEY_UNITS[ind.unit.text] !== undefined) {
      const valueTicks = indicatorMoney(num, MONEY_UNITS[ind.unit.text]);
      const inUnit = `${formatMoney(valueTicks, '元')} 元` + (this.u === '万元' ? ` = ${formatMoney(valueTicks, '万元')} 万元` : '');
      const amount = project ? this.f.projects.find((p) => p.project === project)?.total : undefined;
      if (project && ind.op && amount !== undefined && namesProject(ind.name.text, project.name.text)) {
        const holds = opHolds(ind.op.op, amount, valueTicks);
        checks.push(this.t(
          `金额指标（${inUnit}），名称指向本项目，与项目金额比较：项目金额 ${this.withYuan(amount)} ${ind.op.text} ${formatMoney(valueTicks, '元')} 元 ${holds ? '成立 ✓' : '不成立 ✗'}`,
          `A money indicator (${inUnit}) naming the project itself, checked against the project amount: ${this.withYuan(amount)} ${ind.op.text} ${formatMoney(valueTicks, '元')} 元 ${holds ? 'holds ✓' : 'fails ✗'}`));
      } else {
        checks.push(this.t(`金额指标（${inUnit}）；名称未指向项目本身，只核对格式，不与项目金额比较。`, `A money indicator (${inUnit}); its name does not name the project, so only its form is checked, not the project amount.`));
      }
    } else if (num && ind.unit?.text === '%') {
      const rate = isRateOfChange(ind.name.text);
      checks.push(rate
        ? this.t('百分比：变动率类指标，可为负数或超过 100%。', 'A percentage: a rate of change, which may be negative or above 100%.')
        : this.t('百分比：核对是否在 0–100% 之间。', 'A percentage: checked to lie within 0–100%.'));
    } else if (v?.kind === 'number') {
      checks.push(this.t('定量指标：核对运算符号、度量单位与完成时限。', 'Quantitative: the operator, unit and deadline are checked.'));
    } else if (v?.kind === 'text') {
      checks.push(this.t('定性指标：只能用“=”或不写运算符号。', 'Qualitative: only “=” (or no operator) applies.'));
    }
    if (ind.deadline?.year !== undefined && this.f.unit.year !== undefined) {
      checks.push(ind.deadline.year === this.f.unit.year
        ? this.t(`完成时限在预算年度 ${this.f.unit.year} 内 ✓`, `The deadline is within the fiscal year ${this.f.unit.year} ✓`)
        : this.t(`完成时限不在预算年度 ${this.f.unit.year} 内 ✗`, `The deadline is outside the fiscal year ${this.f.unit.year} ✗`));
    }
    if (checks.length) out.push(checks.join('\n\n'));
    if (project) out.push(this.t(`所属项目：${md(project.name.text)}`, `Project: ${md(project.name.text)}`));
    return out.join('\n\n');
  }

  income(line: IncomeLine): string {
    const inc = this.f.income;
    const key = incomeKey(line.item, line.carried);
    const v = inc.values.get(key);
    const period = key.includes(':') ? (line.carried ? this.t('上年结转', 'carried over') : this.t('本年', 'this year')) : '';
    const out: string[] = [`**${md(line.item)}**${period ? this.t(`（${period}）`, ` (${period})`) : ''}`];
    const kids = incomeChildren(key);
    const isParent = !!INCOME_TREE[line.item] || ['收入总计', '本年收入合计', '上年结转结余'].includes(line.item);
    if (v !== undefined) out.push(isParent ? this.declaredVs(line.amount, v) : this.t(`金额 ${this.withYuan(v)}`, `Amount ${this.withYuan(v)}`));
    else out.push(this.t('空单元格（无金额）', 'An empty cell (no amount)'));
    if (isParent && kids.length) {
      const lines = [this.t('**组成**', '**Parts**')];
      for (const k of kids) {
        const kv = inc.values.get(k);
        const label = k.replace(/^本年:/, '').replace(/^上年结转:/, this.t('上年结转 ', 'carried over: '));
        lines.push(`- ${md(label)}${this.t('：', ': ')}${kv !== undefined ? this.m(kv) : '—'}${kv !== undefined && v ? this.t(`（${percent(kv, v)}）`, ` (${percent(kv, v)})`) : ''}`);
      }
      out.push(lines.join('\n'));
    }
    const total = inc.values.get('收入总计');
    if (v !== undefined && total && key !== '收入总计') out.push(this.t(`占收入总计 ${percent(v, total)}`, `${percent(v, total)} of total income`));
    out.push(...this.ownUnitNote());
    return out.join('\n\n');
  }

  /** A 收入科目 row: its figures by column, each declared one against its children and its own parts, its children and the 支出 total of its code. */
  incomeFuncRow(row: IncomeFuncRow, cell?: IncomeLine): string {
    const tree = this.f.incomeFunc;
    const n = row.isTotal ? tree.root : tree.byCode.get(row.code);
    if (!n) return this.t('**收入科目**', '**Income by function**');
    const out: string[] = [];
    if (!n.code) out.push(this.t('**收入科目合计**（收入预算总表）', '**Income by function: total** (收入预算总表)'));
    else {
      const lv = levelName(n.code);
      out.push(`**${`${n.code} ${md(row.name?.text ?? n.name ?? '')}`.trim()}**` + this.t(`（收入科目 · ${lv.zh}）`, ` (income by function, ${lv.en})`));
    }
    // A cell's checks (records.ts): against its children (BUD202), then its row's own parts (BUD303).
    const checks = (a: Amount): CheckRecord[] => recordsOf(this.f.records, a).filter((r) => r.code === 'BUD202' || r.code === 'BUD303');
    if (cell?.amount) {
      const col = incomeColumnName(incomeFuncKey(cell));
      const lines = checks(cell.amount).map((r) => r.code === 'BUD202'
        ? this.t(`${r.against.zh} ${this.m(r.computed)} ${this.mark(r)}`, `${r.against.en} ${this.m(r.computed)} ${this.mark(r)}`)
        : this.t(`${md(r.against.zh)} = ${this.m(r.computed)} ${this.mark(r)}`, `${md(r.against.en)} = ${this.m(r.computed)} ${this.mark(r)}`));
      out.push(this.t(`${md(col.zh)} 声明 ${md(cell.amount.text)}`, `${md(col.en)}: declared ${md(cell.amount.text)}`) + (lines.length ? this.t('：', ': ') + lines.join(this.t('；', '; ')) : ''));
    }
    // Figures by column: computed, declared, and the check of each declared one.
    const keys = INCOME_FUNC_COLUMNS.map((c) => c.key).filter((k) => n.values.has(k) || row.cells.some((c) => incomeFuncKey(c) === k));
    const lines = [this.t('| 栏目 | 计算 | 声明 | 核对 |', '| column | computed | declared | check |'), '|---|--:|--:|:--|'];
    for (const k of keys) {
      const c = row.cells.find((x) => incomeFuncKey(x) === k);
      const v = n.values.get(k);
      let check = '';
      if (c?.amount) check = checks(c.amount).map((r) => (r.code === 'BUD202' ? this.t('下级', 'children') : this.t('本行', 'row')) + ` ${this.mark(r)}`).join(' · ');
      const name = incomeColumnName(k);
      lines.push(`| ${md(this.t(name.zh, name.en))} | ${v !== undefined ? this.m(v) : '—'} | ${c?.amount ? md(c.amount.text) : ''} | ${check} |`);
    }
    out.push(lines.length > 2 ? lines.join('\n') : this.t('（无金额）', '(no amounts)'));
    const total = incomeFuncStated(n, '收入总计');
    const tail: string[] = [];
    if (total !== undefined) tail.push(this.t(`合计 ${this.withYuan(total)}`, `Total ${this.withYuan(total)}`));
    const parent = n.parent;
    const parentTotal = parent && parent !== tree.root ? incomeFuncStated(parent, '收入总计') : undefined;
    if (total !== undefined && parent && parentTotal) tail.push(this.t(`占上级 ${parent.code} ${percent(total, parentTotal)}`, `${percent(total, parentTotal)} of its parent ${parent.code}`));
    const all = incomeFuncStated(tree.root, '收入总计');
    if (total !== undefined && n !== tree.root && all) tail.push(this.t(`占全部 ${percent(total, all)}`, `${percent(total, all)} of all income`));
    if (tail.length) out.push(tail.join(' · '));
    if (n.children.length) out.push(this.incomeFuncChildren(n));
    // The same code in 支出.
    if (this.f.unit.func) {
      const fn = n.code ? this.f.func.byCode.get(n.code) : this.f.func.root;
      const exp = fn?.cells.total;
      if (exp === undefined) {
        if (n.code) out.push(this.t(`支出中没有科目 ${n.code}`, `The code ${n.code} is not under 支出`));
      } else {
        const ok = total === exp;
        out.push(this.t(`支出${n.code ? ` ${n.code} ` : ''}合计 ${this.m(exp)}${total !== undefined ? (ok ? ' ✓' : ` ✗ ${signed(total - exp, this.u)}`) : ''}`,
          `Expenditure${n.code ? ` ${n.code}` : ''} total ${this.m(exp)}${total !== undefined ? (ok ? ' ✓' : ` ✗ ${signed(total - exp, this.u)}`) : ''}`));
      }
    }
    const note = this.ownUnitNote();
    out.push(...(note.length ? note : [this.t(`金额单位：${this.u}`, `Amounts in ${this.u}`)]));
    return out.join('\n\n');
  }

  /** The children of a 收入科目 node with their figures in the block's columns. */
  incomeFuncChildren(n: IncomeFuncNode): string {
    const written = new Set<string>();
    const sec = this.f.unit.incomeFunc;
    for (const r of [...(sec?.rows ?? []), ...(sec?.total ? [sec.total] : [])]) for (const c of r.cells) written.add(incomeFuncKey(c));
    const cols = INCOME_FUNC_COLUMNS.filter((c) => c.key !== '收入总计' && written.has(c.key));
    const head = [this.t('编码', 'code'), this.t('名称', 'name'), this.t('合计', 'total'), ...cols.map((c) => this.t(c.zh, c.en))];
    const lines = [this.t('**下级科目**', '**Children**'), '', `| ${head.map(md).join(' | ')} |`, `|---|---|--:|${cols.map(() => '--:|').join('')}`];
    const cell = (c: IncomeFuncNode, k: string): string => {
      const v = incomeFuncStated(c, k);
      return v !== undefined ? this.m(v) : '';
    };
    for (const c of n.children.slice(0, MAX_LIST)) {
      lines.push(`| ${c.code} | ${md(c.name ?? '')} | ${cell(c, '收入总计') || '—'} | ${cols.map((k) => cell(c, k.key)).join(' | ')} |`);
    }
    if (n.children.length > MAX_LIST) lines.push(`| … | ${this.t(`另有 ${n.children.length - MAX_LIST} 个`, `${n.children.length - MAX_LIST} more`)} | |${cols.map(() => ' |').join('')}`);
    return lines.join('\n');
  }

  sangong(line: SangongLine): string {
    const s = this.f.sangong;
    const name = this.t(SANGONG_NAMES[line.item].zh, SANGONG_NAMES[line.item].en);
    const out: string[] = [`**${md(name)}**`];
    const v = s.values[line.item];
    const parts = SANGONG_PARTS[line.item];
    if (v !== undefined) out.push(parts ? this.declaredVs(line.amount, v) : this.t(`金额 ${this.withYuan(v)}`, `Amount ${this.withYuan(v)}`));
    else out.push(this.t('空单元格（无金额）', 'An empty cell (no amount)'));
    if (parts) {
      const lines = [this.t('**组成**', '**Parts**')];
      for (const p of parts) {
        const pv = s.values[p];
        lines.push(`- ${this.t(SANGONG_NAMES[p].zh, SANGONG_NAMES[p].en)}${this.t('：', ': ')}${pv !== undefined ? this.m(pv) : '—'}`);
      }
      out.push(lines.join('\n'));
    }
    const code = SANGONG_ECON[line.item];
    if (code) {
      const n = this.f.econ.byCode.get(code);
      const limit = n?.cells.total;
      out.push(limit !== undefined
        ? this.t(`不超过经济分类 ${code} ${md(n?.name ?? '')} 的 ${this.m(limit)}${v !== undefined ? (v <= limit ? ' ✓' : ' ✗') : ''}`, `At most the economic line ${code} ${md(n?.name ?? '')} (${this.m(limit)})${v !== undefined ? (v <= limit ? ' ✓' : ' ✗') : ''}`)
        : this.t(`对应经济分类 ${code}（本单位未列出）`, `Paid from economic line ${code} (not listed in this unit)`));
    }
    if (line.item === 'opsFunds') {
      // 机关运行经费: the general-budget basic 公用 it must equal, or why there is nothing to compare it with.
      const basis = opsFundsBasis({ unit: this.f.unit, figures: this.f });
      out.push('why' in basis
        ? this.t(`未核对：${basis.why.zh}`, `Not checked: ${basis.why.en}`)
        : this.t(`应等于${basis.from.zh} ${this.m(basis.value)}（按书写位数四舍五入）`, `Should equal ${basis.from.en}, ${this.m(basis.value)} (rounded to its written digits)`));
    }
    out.push(...this.ownUnitNote());
    return out.join('\n\n');
  }

  unit(): string {
    const u = this.f.unit;
    const out: string[] = [this.t(`**单位 ${md(u.name.text)}**`, `**Unit ${md(u.name.text)}**`)];
    const attrs = [u.code ? this.t(`编码 ${md(u.code.text)}`, `code ${md(u.code.text)}`) : '', u.year !== undefined ? this.t(`年度 ${u.year}`, `year ${u.year}`) : '', this.t(`金额单位 ${u.moneyUnit}`, `amounts in ${u.moneyUnit}`), u.kind ? this.t(`性质 ${md(u.kind.text)}`, `kind ${md(u.kind.text)}`) : ''].filter(Boolean);
    out.push(attrs.join(' · '));
    // The layout of its tables, and why (stated, or inferred from what the unit states).
    const lc = layoutOf(u);
    const n = lc.layout.tables.filter((x) => !x.optional).length;
    out.push(this.t(`表式 **${md(lc.layout.id)}**（${n} 张表）：${md(lc.reason.zh)}`, `Layout **${md(lc.layout.id)}** (${n} tables): ${md(lc.reason.en)}`));
    const lines: string[] = [];
    const income = this.f.income.values.get('收入总计');
    if (income !== undefined) lines.push(this.t(`- 收入总计 ${this.withYuan(income)}`, `- Total income ${this.withYuan(income)}`));
    const c = this.f.func.root.cells;
    if (c.total !== undefined) lines.push(this.t(`- 支出合计 ${this.withYuan(c.total)}`, `- Total expenditure ${this.withYuan(c.total)}`));
    if (c.basic !== undefined) lines.push(this.t(`- 基本支出 ${this.m(c.basic)}（人员 ${this.m(c.personnel ?? 0n)}，公用 ${this.m(c.public ?? 0n)}）`, `- Basic ${this.m(c.basic)} (personnel ${this.m(c.personnel ?? 0n)}, public ${this.m(c.public ?? 0n)})`));
    if (c.project !== undefined) lines.push(this.t(`- 项目支出 ${this.m(c.project)}`, `- Projects ${this.m(c.project)}`));
    lines.push(this.t(`- 项目 ${u.projects.length} 个`, `- ${u.projects.length} projects`));
    if (this.f.sangong.values.total !== undefined) lines.push(this.t(`- “三公”经费 ${this.m(this.f.sangong.values.total)}`, `- 三公 spending ${this.m(this.f.sangong.values.total)}`));
    out.push(lines.join('\n'));
    return out.join('\n\n');
  }

  /**
   * A 上年比较 line: this year's figure computed from the tables, last year's, the change and the rate computed
   * exactly, each against what the line writes.
   */
  comparison(line: ComparisonLine): string {
    const r = comparisonFigures(this.f, line);
    const name = lineName(line);
    const cf = r.computed;
    const out: string[] = [`**${md(this.t(name.zh, name.en))}**` + (line.previous || line.change || line.rate ? this.t('（与上年比较）', ' (compared with the previous year)') : this.t('（说明）', ' (说明)'))];
    const written = (s: Span | undefined, end?: Span): string => (s ? md(collapseBlanks(this.text.slice(s.start, (end ?? s).end))) : '');
    const agree = (ok: boolean, exact: boolean, diff?: string): string => (exact ? '✓' : ok ? this.t('≈ 舍入', '≈ rounded') : `✗${diff ? ` ${diff}` : ''}`);
    const rows = [this.t('| 栏目 | 计算 | 所写 | 核对 |', '| column | computed | written | check |'), '|---|--:|--:|:--|'];
    // 本年, as BUD520 compared it (records.ts).
    const rec = recordFor(this.f.records, line.current);
    const check = rec ? agree(rec.ok, rec.declared.value === rec.computed, signed(rec.declared.value - rec.computed, rec.declared.unit)) : '';
    rows.push(`| ${this.t('本年', 'this year')} | ${cf.value !== undefined ? this.m(cf.value) : '—'} | ${written(line.current?.span)} | ${check} |`);
    // 上年
    const prevNote = r.previousImplied && r.previous !== undefined ? this.t(`${this.m(r.previous)}（由本年与增减推出）`, `${this.m(r.previous)} (from this year and the change)`) : '';
    rows.push(`| ${this.t('上年', 'last year')} | ${prevNote} | ${written(line.previous?.span)} | |`);
    // 增减
    if (r.change !== undefined || line.change) {
      const c = line.change;
      // As BUD521 checks it (comparison.ts).
      const ok = changeAccepted(line, r);
      const ck = ok === undefined ? '' : agree(ok, writtenChange(line) === r.change);
      rows.push(`| ${this.t('增减', 'change')} | ${r.change !== undefined ? signed(r.change, this.u) : '—'} | ${c ? written(c.labelSpan, c.amount?.span) : ''} | ${ck} |`);
    }
    // 增减率
    const d = line.rate?.value.decimals ?? 2;
    let rateText = '—';
    let rck = '';
    if (r.previous === 0n) rateText = this.t('—（上年为 0）', '— (last year is 0)');
    else if (r.rate) {
      rateText = formatRate(r.rate, d);
      // As BUD522 checks it (comparison.ts): exact at the written decimals, or within the rounding of the figures.
      const ok = rateAccepted(line, r);
      if (line.rate && ok !== undefined) rck = agree(ok, rateAgrees(r.rate, writtenRate(line.rate.value, line.rate.style), d));
    }
    if (line.rate || r.rate) rows.push(`| ${this.t('增减率', 'rate')} | ${md(rateText)} | ${line.rate ? written(line.rate.labelSpan, line.rate.value.span) : ''} | ${rck} |`);
    out.push(rows.join('\n'));
    if (cf.value !== undefined) out.push(this.t(`本年数按“${cf.source?.zh ?? ''}”计算：${this.withYuan(cf.value)}`, `This year's figure is computed from ${cf.source?.en ?? ''}: ${this.withYuan(cf.value)}`));
    else out.push(this.t(`本年数无法计算：${cf.missing?.zh ?? ''}`, `This year's figure cannot be computed: ${cf.missing?.en ?? ''}`));
    out.push(this.t('增减 = 本年 − 上年，增减率 = 增减 ÷ 上年（按所写小数位四舍五入，允许末位半个单位）', 'change = this year − last year, rate = change ÷ last year (rounded at the decimals written, half a unit of the last digit allowed)'));
    const note = this.ownUnitNote();
    out.push(...(note.length ? note : [this.t(`金额单位：${this.u}`, `Amounts in ${this.u}`)]));
    return out.join('\n\n');
  }

  task(t: Extract<Target, { kind: 'task' }>): string {
    const o = this.f.unit.overall!;
    const sum = o.tasks.reduce((a, x) => a + (x.amount?.value ?? 0n), 0n);
    const out = [this.t(`**整体绩效任务 ${md(t.task.name.text)}**`, `**Overall task ${md(t.task.name.text)}**`)];
    if (t.task.amount) out.push(this.t(`金额 ${this.withYuan(t.task.amount.value)}${sum ? `（占任务合计 ${percent(t.task.amount.value, sum)}）` : ''}`, `Amount ${this.withYuan(t.task.amount.value)}${sum ? ` (${percent(t.task.amount.value, sum)} of the tasks)` : ''}`));
    const basic = this.f.func.root.cells.basic ?? this.f.econ.root.cells.basic;
    out.push(this.t(`任务合计 ${this.m(sum)}${basic !== undefined ? `，基本支出 ${this.m(basic)}${sum === basic ? ' ✓' : ''}` : ''}`, `Tasks sum to ${this.m(sum)}${basic !== undefined ? `; basic expenditure ${this.m(basic)}${sum === basic ? ' ✓' : ''}` : ''}`));
    out.push(...this.ownUnitNote());
    return out.join('\n\n');
  }
}

