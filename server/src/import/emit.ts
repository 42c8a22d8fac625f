/**
 * Writes the import model as a reviewer-style `.budget` file, recording where every written figure (and
 * every line kept as a comment) was printed: the source map that `budget check doc.pdf` reports findings
 * with, and that `--annotate` boxes them by.
 */
import type { MoneyUnit } from '../core/money';
import { amountLiteral } from './cells';
import { layoutName } from './layouts';
import type { CommentM, ImportModel, IndicatorM, PrintedM, ProjectM, RowM } from './model';
import type { SourceRef } from './source';
import type { Fig } from './tables';

export interface MapEntry {
  /** UTF-16 offsets of the written figure (or of the whole line for rows and comments). */
  start: number;
  end: number;
  ref: SourceRef;
  /** printed: a figure of a derived table that differs from the statements, written in an 印出 block. */
  kind: 'figure' | 'row' | 'comment' | 'printed';
}

type Part = string | Fig | { fig: Fig; prefix: string };

class Writer {
  text = '';
  map: MapEntry[] = [];
  /** Indentation added to every line (the units of a 部门 are written inside its block). */
  offset = 0;

  /**
   * A statement line: words and figures, separated by single spaces. `row` maps the whole line too; `kind` is
   * how its figures are mapped.
   */
  line(indent: number, parts: Part[], row?: SourceRef, kind: 'figure' | 'printed' = 'figure'): void {
    const start = this.text.length;
    this.text += '  '.repeat(indent + this.offset);
    parts.forEach((p, i) => {
      if (i) this.text += ' ';
      if (typeof p === 'string') this.text += p;
      else {
        const f = 'fig' in p ? p.fig : p;
        if ('prefix' in p) this.text += p.prefix + ' ';
        const lit = amountLiteral(f.text);
        this.map.push({ start: this.text.length, end: this.text.length + lit.length, ref: f.ref, kind });
        this.text += lit;
      }
    });
    if (row) this.map.push({ start, end: this.text.length, ref: row, kind: 'row' });
    this.text += '\n';
  }

  comment(indent: number, text: string, ref?: SourceRef): void {
    const start = this.text.length;
    this.text += `${'  '.repeat(indent + this.offset)}# ${oneLine(text)}\n`;
    if (ref) this.map.push({ start, end: this.text.length - 1, ref, kind: 'comment' });
  }

  blank(): void {
    this.text += '\n';
  }
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/\s+$/, '');
}

/** A name as the language reads it: quoted when it holds spaces, starts with a digit or could be read otherwise. */
export function nameText(s: string): string {
  const t = s.replace(/[\r\n]+/g, ' ').trim();
  if (!t) return t;
  if (/\s|^[\d０-９(（-]|^["#]|\/\/|[{}]/.test(t)) return `"${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return t;
}

/** Free text (内容, 目标): the rest of the line, kept on one line. */
function freeText(s: string): string {
  return oneLine(s).replace(/^\s+/, '');
}

const KIND_LABEL: Record<string, string> = { basic: '基本', personnel: '人员', public: '公用', project: '项目' };

function rowParts(r: RowM): Part[] {
  const parts: Part[] = r.isTotal ? ['合计'] : [r.codeText, ...(r.name ? [nameText(r.name)] : []), ...(r.source ? ['来源', r.source.replace(/^上年结转:/, '上年结转 ')] : [])];
  const total = r.cells.get('total');
  if (total) parts.push(total);
  for (const k of ['basic', 'personnel', 'public', 'project']) {
    const f = r.cells.get(k);
    if (f) parts.push({ fig: f, prefix: KIND_LABEL[k] });
  }
  return parts;
}

const INCOME_FUNC_WORD: Record<string, string> = { 财政拨款: '财政拨款收入' };

function incomeFuncParts(r: RowM): Part[] {
  const parts: Part[] = r.isTotal ? ['合计'] : [r.codeText, ...(r.name ? [nameText(r.name)] : [])];
  const total = r.cells.get('收入总计');
  if (total) parts.push(total);
  for (const [k, f] of r.cells) if (k !== '收入总计') parts.push({ fig: f, prefix: INCOME_FUNC_WORD[k] ?? k.replace(/^上年结转:/, '上年结转 ') });
  return parts;
}

function refText(r: SourceRef): string {
  return `第${r.page}页第${r.line}行 p.${r.page} l.${r.line}`;
}

function commentLine(w: Writer, indent: number, c: CommentM): void {
  const why = c.why ? ` —— ${c.why.zh} · ${c.why.en}` : '';
  w.comment(indent, `[${c.where} ${refText(c.ref)}] ${c.ref.text}${why}`, c.ref);
}

export interface EmitOptions {
  /** The source document's file name (for the header comment). */
  source: string;
  /** Comments added after the derived tables were compared (figures that differ), by unit. */
  extraComments?: Map<ImportModel, CommentM[]>;
  /** Figures of derived tables that differ from the statements, by unit: written as 印出 blocks. */
  printed?: Map<ImportModel, PrintedM[]>;
  /** A department's budget: its name (and 主管部门); the units are written inside its block. */
  department?: { name: string; supervisor?: string };
}

/** The document: one unit, or a department's units inside its 部门 block. */
export function emit(models: ImportModel[], o: EmitOptions): { text: string; map: MapEntry[] } {
  const w = new Writer();
  w.comment(0, `由 ${o.source} 导入（budget import）· imported from ${o.source}`);
  w.comment(0, '审核式转录：表中印出的数字与合计均照录（会被核对）；“#”行是未能放入语句的印刷内容，注明页码与行号。');
  w.comment(0, 'Reviewer style: every printed figure and total is written as printed (and checked); “#” lines keep what has no statement yet, with its page and line.');
  if (o.department) {
    w.blank();
    w.line(0, [`部门 ${nameText(o.department.name)} {`]);
    if (o.department.supervisor) w.line(1, ['主管部门', nameText(o.department.supervisor)]);
    w.offset = 1;
  }
  for (const m of models) unit(w, m, o.extraComments?.get(m) ?? [], o.printed?.get(m) ?? []);
  w.offset = 0;
  if (o.department) w.line(0, ['}']);
  return { text: w.text, map: w.map };
}

function unit(w: Writer, m: ImportModel, extraComments: CommentM[], printed: PrintedM[]): void {
  w.blank();
  w.line(0, [`单位 ${nameText(m.unitName ?? '（未识别的单位 unknown unit）')} {`]);
  if (m.unitCode) w.line(1, ['编码', m.unitCode]);
  if (m.region) w.line(1, ['区划', m.region]);
  if (m.layout) {
    w.comment(1, `按所识别的表式导入：${layoutName(m.layout).zh} · imported in the layout recognised: ${layoutName(m.layout).en}`);
    w.line(1, ['表式', m.layout]);
  }
  if (m.year) w.line(1, ['年度', String(m.year)]);
  w.line(1, ['金额单位', m.moneyUnit]);
  if (m.supervisor) w.line(1, ['主管部门', nameText(m.supervisor)]);
  if (m.kind) {
    if (m.kind.why) w.comment(1, m.kind.why);
    w.line(1, ['性质', m.kind.word]);
  }
  const unitLine = (u: MoneyUnit | undefined): void => {
    if (u && u !== m.moneyUnit) w.line(2, ['金额单位', u]);
  };
  if (m.income.length) {
    w.blank();
    w.line(1, ['收入 {']);
    unitLine(m.sectionUnits.get('income'));
    for (const l of m.income) w.line(2, [...(l.carried ? ['上年结转'] : []), l.word, ...(l.fig ? [l.fig] : [])], l.ref);
    w.line(1, ['}']);
  }
  if (m.incomeFunc.length) {
    w.blank();
    w.line(1, ['收入科目 {']);
    unitLine(m.sectionUnits.get('incomeFunc'));
    for (const r of totalFirst(m.incomeFunc)) w.line(2, incomeFuncParts(r), r.ref);
    w.line(1, ['}']);
  }
  if (m.func.length || m.funcExtras.size) {
    w.blank();
    w.line(1, ['支出 {']);
    unitLine(m.sectionUnits.get('func'));
    for (const r of totalFirst(m.func)) w.line(2, rowParts(r), r.ref);
    for (const key of ['currentTotal', 'yearEndCarry', 'grandTotal'] as const) {
      const e = m.funcExtras.get(key);
      if (e) w.line(2, [{ currentTotal: '本年支出合计', yearEndCarry: '年终结转结余', grandTotal: '支出总计' }[key], ...(e.fig ? [e.fig] : [])], e.ref);
    }
    w.line(1, ['}']);
  }
  for (const [section, word] of [['econ', '经济分类'], ['gov', '政府经济分类']] as const) {
    const rows = section === 'econ' ? m.econ : m.gov;
    if (!rows.length) continue;
    w.blank();
    w.line(1, [`${word} {`]);
    unitLine(m.sectionUnits.get(section));
    for (const r of totalFirst(byCode(rows))) w.line(2, rowParts(r), r.ref);
    w.line(1, ['}']);
  }
  if (m.sangong) {
    w.blank();
    w.comment(1, m.sangong.title);
    w.line(1, ['三公 {']);
    unitLine(m.sangong.unit);
    for (const l of m.sangong.lines) w.line(2, [l.word, ...(l.fig ? [l.fig] : [])], l.ref);
    w.line(1, ['}']);
  }
  for (const list of m.lists) {
    w.blank();
    w.comment(1, list.title + (list.note ? `：${list.note}` : ''), list.ref);
    const word = { fundExp: '政府性基金支出', debt: '债务支出', procurement: '政府采购', services: '政府购买服务', special: '专项资金', capitalExp: '国有资本经营预算支出' }[list.table];
    if (list.empty) {
      w.line(1, [word, '无'], list.ref);
      continue;
    }
    w.line(1, [`${word} {`]);
    unitLine(list.unit);
    for (const r of list.rows) {
      const head = r.role === 'total' ? ['合计'] : [...(r.code ? [r.code] : []), ...(r.role === 'part' ? ['其中'] : []), nameText(r.name)];
      const parts: Part[] = [...head];
      for (const [k, f] of r.cells) parts.push(k === '总计' ? f : { fig: f, prefix: k });
      w.line(2, parts, r.ref);
    }
    w.line(1, ['}']);
  }
  if (m.overall) {
    w.blank();
    w.line(1, ['整体绩效 {']);
    for (const t of m.overall.tasks) w.line(2, ['任务', nameText(t.name), ...(t.fig ? [t.fig] : [])], t.ref);
    if (m.overall.goal) w.line(2, ['年度目标', freeText(m.overall.goal)]);
    indicators(w, 2, m.overall.indicators);
    w.line(1, ['}']);
  }
  for (const p of m.projects) project(w, p);
  const cmp = m.comparisons;
  if (cmp.lines.length || cmp.notes.length || cmp.texts.length) {
    w.blank();
    w.comment(1, '说明中的数字、表下的注 · the figures of the 说明 and the notes under tables');
    w.line(1, ['说明 {']);
    unitLine(cmp.unit);
    for (const l of cmp.lines) {
      const parts: Part[] = l.code ? [l.code.code, ...(l.code.name ? [nameText(l.code.name)] : [])] : [l.figure];
      if (l.current) parts.push({ fig: l.current, prefix: '本年' });
      if (l.previous) parts.push({ fig: l.previous, prefix: '上年' });
      if (l.change) parts.push(l.change.fig ? { fig: l.change.fig, prefix: l.change.word } : l.change.word);
      if (l.rate) parts.push({ fig: { ...l.rate.fig, text: l.rate.fig.text }, prefix: l.rate.word }, '%');
      w.line(2, parts, l.ref);
    }
    for (const n of cmp.notes) w.line(2, ['表注', n.table, nameText(n.text)], n.ref);
    for (const t of cmp.texts) w.line(2, ['原文', nameText(t.text)], t.ref);
    w.line(1, ['}']);
  }
  if (printed.length) {
    w.blank();
    w.comment(1, '公布的表所印、与各语句推出的不同（或各语句未给出）的数字 · figures the published tables print that differ from what the statements give (or that they leave unknown)');
    for (const p of printed) {
      w.line(1, [`印出 ${p.table} {`]);
      unitLine(p.unit);
      for (const r of p.rows) {
        const refs = [...new Map(r.cells.map((c) => [`${c.fig.ref.page}:${c.fig.ref.line}`, c.fig.ref])).values()];
        w.comment(2, refs.map((x) => `[${p.table} ${refText(x)}]`).join(' '));
        w.line(2, [/^\d+$/.test(r.row) ? r.row : nameText(r.row), ...r.cells.flatMap((c): Part[] => [nameText(c.column), c.fig])], undefined, 'printed');
      }
      w.line(1, ['}']);
    }
  }
  const comments = [...m.comments, ...extraComments];
  if (comments.length) {
    w.blank();
    w.comment(1, '以下印刷内容未能放入语句（页码、行号为原文位置）· printed lines not placed in a statement (page and line of the source):');
    const sorted = [...comments].sort((a, b) => a.ref.page - b.ref.page || a.ref.line - b.ref.line);
    for (const c of sorted) commentLine(w, 1, c);
  }
  w.line(0, ['}']);
}

function totalFirst(rows: RowM[]): RowM[] {
  return [...rows.filter((r) => r.isTotal), ...rows.filter((r) => !r.isTotal)];
}

/** Economic rows from several tables (表6 and 表12) in code order; rows of one table keep their order. */
function byCode(rows: RowM[]): RowM[] {
  return [...rows].sort((a, b) => (a.isTotal ? -1 : b.isTotal ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function indicators(w: Writer, indent: number, list: IndicatorM[]): void {
  if (!list.length) return;
  w.line(indent, ['指标 {']);
  let l1: string | undefined;
  let l2: string | undefined;
  for (const i of list) {
    if (i.level1 && i.level1 !== l1) {
      w.line(indent + 1, ['一级', nameText(i.level1)]);
      l1 = i.level1;
      l2 = undefined;
    }
    if (i.level2 && i.level2 !== l2) {
      w.line(indent + 1, ['二级', nameText(i.level2)]);
      l2 = i.level2;
    }
    const parts = [nameText(i.name)];
    if (i.op) parts.push(i.op);
    if (i.value) parts.push(/\s/.test(i.value) && !i.op ? nameText(i.value) : i.value.replace(/\s+/g, ''));
    if (i.unit) parts.push(i.unit);
    if (i.deadline) parts.push(i.deadline);
    w.line(indent + 1, parts, i.ref);
  }
  w.line(indent, ['}']);
}

function project(w: Writer, p: ProjectM): void {
  w.blank();
  w.line(1, [`项目 ${nameText(p.name)} {`], p.ref);
  if (p.content) w.line(2, ['内容', freeText(p.content)]);
  if (p.nature) w.line(2, ['项目性质', nameText(p.nature)]);
  if (p.category) w.line(2, ['项目类别', nameText(p.category)]);
  if (p.period) w.line(2, ['实施期限', p.period]);
  if (p.startDate) w.line(2, ['计划开始日期', p.startDate]);
  if (p.endDate) w.line(2, ['计划完成日期', p.endDate]);
  if (p.amount) w.line(2, ['金额', p.amount]);
  if (p.fundsTotal) w.line(2, ['资金总额', p.fundsTotal, ...(p.fundsFiscal ? [{ fig: p.fundsFiscal, prefix: '财政资金' }] : []), ...(p.fundsOther ? [{ fig: p.fundsOther, prefix: '其他资金' }] : [])]);
  if (p.fundsCarried) w.line(2, ['上年结转资金', p.fundsCarried]);
  if (p.supervisor) w.line(2, ['主管部门', nameText(p.supervisor)]);
  if (p.implementer) w.line(2, ['实施单位', nameText(p.implementer)]);
  if (p.longTermGoal) w.line(2, ['中长期目标', freeText(p.longTermGoal)]);
  if (p.goal) w.line(2, ['总体目标', freeText(p.goal)]);
  for (const u of p.unplaced) w.comment(2, `[${refText(u.ref)}] ${u.text}`, u.ref);
  indicators(w, 2, p.indicators);
  w.line(1, ['}']);
}
