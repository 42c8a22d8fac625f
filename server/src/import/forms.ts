/**
 * Forms: the project list (辽宁 表9), the unit's overall performance targets (表16) and the project
 * performance forms (辽宁 表17; the Shanghai 财政项目支出绩效目标填报表) → 项目 and 整体绩效 blocks.
 *
 * A form is read by its field labels (项目名称, 主管部门, 预算资金情况 …); its indicator table by its rows:
 * an indicator ends with its value (and, in the reference layout, its deadline), the level names before it
 * set the 一级/二级 levels. In laid-out forms the level cells, merged over their rows, are printed at the
 * middle of their group of rows and are given to the rows around them accordingly.
 */
import { LEVEL1_KNOWN, LEVEL2_KNOWN, OPERATORS, PROJECT_NATURES } from '../core/keywords';
import type { MoneyUnit } from '../core/money';
import { displayWidth } from '../core/width';
import { isAmount } from './cells';
import { assignColumns, locateColumns } from './columns';
import type { TableDef } from './layouts';
import type { ImportModel, IndicatorM, Listing, ProjectM } from './model';
import { pagesOf, type TableSegment } from './segment';
import { lineText, refOf, type SourceCell, type SourceLine } from './source';
import { fig, type Fig } from './tables';

const DEADLINE = /^\d{4}[-./年]\d{1,2}(?:[-./月]\d{1,2}日?)?月?$/;
const L1 = new Set(LEVEL1_KNOWN);
const L2 = new Set(LEVEL2_KNOWN);

function text(l: SourceLine): string {
  return lineText(l).trim();
}

// ── indicators of the reference layout (表16, 表17): flattened or laid-out lines ending with a deadline ──

/** Reads indicator rows from the lines after the indicator header (the line that ends with 完成时限). */
export function readIndicators(lines: SourceLine[]): IndicatorM[] {
  const out: IndicatorM[] = [];
  let level1: string | undefined;
  let level2: string | undefined;
  let pending: string[] = [];
  const rows = lines.map((l) => ({ l, tokens: l.cells.map((c) => c.text.trim()).filter(Boolean).flatMap((t) => t.split(/\s+/)) })).filter((r) => r.tokens.length);
  // The level words of the stream, for telling a word that names both levels (成本指标) apart by what follows.
  const levelOf = (t: string, next: string | undefined): 1 | 2 | undefined => {
    if (L1.has(t) && L2.has(t)) return next !== undefined && L2.has(next) && !L1.has(next) ? 1 : 2;
    return L1.has(t) ? 1 : L2.has(t) ? 2 : undefined;
  };
  const setLevel = (t: string, next: string | undefined): boolean => {
    const k = levelOf(t, next);
    if (k === 1) {
      level1 = t;
      level2 = undefined;
    } else if (k === 2) level2 = t;
    return k !== undefined;
  };
  rows.forEach(({ l, tokens }, r) => {
    const last = tokens[tokens.length - 1];
    const following = rows[r + 1]?.tokens[0];
    if (!DEADLINE.test(last)) {
      // A line of level names, or a part of a wrapped indicator name.
      tokens.forEach((t, i) => {
        if (!setLevel(t, tokens[i + 1] ?? following)) pending.push(t);
      });
      return;
    }
    const body = tokens.slice(0, -1);
    const peeled: string[] = [];
    while (body.length > 1 && levelOf(body[0], body[1]) !== undefined) {
      const t = body.shift()!;
      setLevel(t, body[0]);
      peeled.push(t);
    }
    // A level word left alone before a value is the indicator's name (综合管理水平 管理规范).
    if (!pending.length && body.length < 2 && peeled.length && !body.some((t) => OPERATORS[t] !== undefined)) {
      const t = peeled.pop()!;
      body.unshift(t);
      if (level2 === t) level2 = undefined;
    }
    const ind = indicatorOf(body, pending, level1, level2, l);
    ind.deadline = last;
    out.push(ind);
    pending = [];
  });
  return out;
}

/** `name [op] [value] [unit]` from tokens (the name may have come on earlier lines). */
function indicatorOf(body: string[], before: string[], level1: string | undefined, level2: string | undefined, l: SourceLine): IndicatorM {
  const opAt = body.findIndex((t) => OPERATORS[t] !== undefined);
  let name: string;
  let rest: string[];
  if (opAt >= 0) {
    name = [...before, ...body.slice(0, opAt)].join('');
    rest = body.slice(opAt);
  } else if (before.length) {
    name = before.join('');
    rest = body;
  } else {
    name = body[0] ?? '';
    rest = body.slice(1);
  }
  const ind: IndicatorM = { level1, level2, name, ref: refOf(l) };
  if (rest.length && OPERATORS[rest[0]] !== undefined) ind.op = rest.shift();
  if (rest.length) ind.value = rest.shift();
  if (rest.length) ind.unit = rest.join('');
  return ind;
}

// ── 表17: a project's performance form (reference layout) ─────────────────────────────────────────────

const FORM_LABELS = [
  '项目(政策)名称', '项目（政策）名称', '项目名称', '主管部门', '实施单位', '预算资金情况', '总体目标', '年度绩效目标', '绩效指标', '年度主要任务',
  // The attributes of a performance form (申报表) that `budget render` prints in this form when a project has them.
  '项目性质', '项目类别', '实施期限', '计划开始日期', '计划完成日期', '项目资金总额', '财政资金', '其他资金', '上年结转资金', '中长期目标', '年度目标',
];

/** The value after a label on a line (the rest of the line up to the next label). */
function fieldsOf(lines: SourceLine[]): Map<string, { value: string; line: SourceLine; cell?: SourceCell }> {
  const out = new Map<string, { value: string; line: SourceLine; cell?: SourceCell }>();
  for (const l of lines) {
    const cells = l.cells;
    for (let i = 0; i < cells.length; i++) {
      const label = FORM_LABELS.find((x) => cells[i].text.replace(/\s+/g, '') === x);
      if (!label) continue;
      const values: SourceCell[] = [];
      for (let k = i + 1; k < cells.length && !FORM_LABELS.includes(cells[k].text.replace(/\s+/g, '')); k++) values.push(cells[k]);
      if (!out.has(label)) out.set(label, { value: values.map((c) => c.text).join(' ').trim(), line: l, cell: values[0] });
    }
  }
  return out;
}

/** The project a form is about (its 项目名称), for telling which unit of a department it belongs to. */
export function formProjectName(s: TableSegment): string | undefined {
  const f = fieldsOf(s.parts.flat());
  return (f.get('项目(政策)名称') ?? f.get('项目（政策）名称') ?? f.get('项目名称'))?.value;
}

export function placeForms(m: ImportModel, s: TableSegment, def: TableDef, positional: boolean, unit: MoneyUnit): void {
  const lines = s.parts.flat();
  const f = fieldsOf(lines);
  // The reference layout's form (表17, and the form `budget render` writes for any layout) by its field labels;
  // the Shanghai 申报表 by its cells.
  if (!f.has('项目(政策)名称') && !f.has('项目（政策）名称') && def.layout !== '辽宁') {
    placeShanghaiForm(m, s, def, positional, unit);
    return;
  }
  const name = (f.get('项目(政策)名称') ?? f.get('项目（政策）名称') ?? f.get('项目名称'))?.value;
  m.tables.push({ def, figures: 1, page: s.title.page, pages: pagesOf(s) });
  if (!name) {
    for (const l of lines) m.comments.push({ where: def.id, ref: refOf(l) });
    return;
  }
  const p = projectNamed(m, name, refOf(s.title));
  p.supervisor ??= f.get('主管部门')?.value || undefined;
  p.implementer ??= f.get('实施单位')?.value || undefined;
  const figOf = (label: string): Fig | undefined => {
    const v = f.get(label);
    return v?.cell && isAmount(v.cell.text) ? fig(v.line, v.cell) : undefined;
  };
  const amount = figOf('预算资金情况');
  if (amount) {
    if (!p.amount) p.amount = amount;
    else m.duplicates.push({ fig: amount, of: p.amount });
  }
  const value = (label: string): string | undefined => f.get(label)?.value || undefined;
  p.nature ??= value('项目性质');
  p.category ??= value('项目类别');
  p.period ??= value('实施期限');
  p.startDate ??= value('计划开始日期');
  p.endDate ??= value('计划完成日期');
  p.fundsTotal ??= figOf('项目资金总额');
  p.fundsFiscal ??= figOf('财政资金');
  p.fundsOther ??= figOf('其他资金');
  p.fundsCarried ??= figOf('上年结转资金');
  const goalAt = lines.findIndex((l) => /^总体目标/.test(text(l).replace(/\s+/g, '')));
  const indAt = lines.findIndex((l) => /^绩效指标$/.test(text(l).replace(/\s+/g, '')));
  if (f.has('中长期目标')) {
    // 总体目标 over its two parts: the multi-year goal and the year's.
    p.longTermGoal = value('中长期目标');
    p.goal = value('年度目标');
  } else if (goalAt >= 0) {
    // 总体目标 may wrap over lines, up to 绩效指标.
    p.goal = lines.slice(goalAt, indAt > goalAt ? indAt : goalAt + 1).map(text).join('').replace(/^总体目标\s*/, '');
  }
  const headAt = lines.findIndex((l) => /完成时限$/.test(text(l).replace(/\s+/g, '')));
  if (headAt >= 0) p.indicators = positional ? indicatorColumns(lines[headAt], lines.slice(headAt + 1)) ?? readIndicators(lines.slice(headAt + 1)) : readIndicators(lines.slice(headAt + 1));
}

const INDICATOR_HEADER = ['一级指标', '二级指标', '三级指标', '运算符号', '指标值', '度量单位', '完成时限'] as const;

/**
 * Indicator rows of a laid-out form (a workbook, a PDF): each cell under its header column; a level cell merged
 * over its rows is printed once, at its first row, and holds for the rows after it. Undefined when the header does
 * not name every column.
 */
function indicatorColumns(header: SourceLine, lines: SourceLine[]): IndicatorM[] | undefined {
  const xs = INDICATOR_HEADER.map((h) => header.cells.find((c) => c.text.replace(/\s+/g, '') === h));
  if (xs.some((c) => !c)) return undefined;
  const centres = xs.map((c) => (c!.x0 + c!.x1) / 2);
  const out: IndicatorM[] = [];
  let level1: string | undefined;
  let level2: string | undefined;
  for (const l of lines) {
    const at: Array<string | undefined> = new Array(INDICATOR_HEADER.length).fill(undefined);
    for (const c of l.cells) {
      const x = (c.x0 + c.x1) / 2;
      let k = 0;
      centres.forEach((cx, i) => {
        if (Math.abs(cx - x) < Math.abs(centres[k] - x)) k = i;
      });
      at[k] = [at[k], c.text.trim()].filter(Boolean).join('');
    }
    const [l1, l2, name, op, value, unit, deadline] = at;
    if (l1) {
      level1 = l1;
      level2 = undefined;
    }
    if (l2) level2 = l2;
    if (!name) continue;
    const ind: IndicatorM = { level1, level2, name, ref: refOf(l) };
    if (op) ind.op = op;
    if (value) ind.value = value;
    if (unit) ind.unit = unit;
    if (deadline) ind.deadline = deadline;
    out.push(ind);
  }
  return out;
}

function projectNamed(m: ImportModel, name: string, ref: ProjectM['ref']): ProjectM {
  let p = m.projects.find((x) => x.name === name);
  if (!p) {
    p = { name, ref, indicators: [], unplaced: [] };
    m.projects.push(p);
  }
  return p;
}

// ── 表16: the unit's overall performance targets ──────────────────────────────────────────────────────

export function placeOverall(m: ImportModel, s: TableSegment, def: TableDef, positional: boolean, unit: MoneyUnit): void {
  void positional;
  const lines = s.parts.flat();
  m.tables.push({ def, figures: 0, page: s.title.page, pages: pagesOf(s) });
  const overall = { ref: refOf(s.title), tasks: [] as ImportModel['overall'] extends infer O ? O extends { tasks: infer T } ? T : never : never, indicators: [] as IndicatorM[], goal: undefined as string | undefined };
  const nameLine = lines.find((l) => /^部门（单位）名称/.test(text(l).replace(/\s+/g, '')));
  if (nameLine) {
    const v = text(nameLine).replace(/^部门（单位）名称\s*/, '').replace(/\s+/g, '');
    // 编码名称-区划, as the reference prints it (the 区划 left out when the unit has none).
    const code = /^(\d{6,})(.+?)(?:-(\d{6,}))?$/.exec(v);
    if (code) {
      m.unitCode ??= code[1];
      if (code[3]) m.region ??= code[3];
      m.unitName ??= code[2];
    }
  }
  const tasksAt = lines.findIndex((l) => /预算资金情况$/.test(text(l).replace(/\s+/g, '')));
  const goalAt = lines.findIndex((l) => /^年度绩效目标/.test(text(l).replace(/\s+/g, '')));
  const indAt = lines.findIndex((l) => /^年度绩效指标$/.test(text(l).replace(/\s+/g, '')));
  if (tasksAt >= 0 && goalAt > tasksAt) {
    for (const l of lines.slice(tasksAt + 1, goalAt)) {
      const amounts = l.cells.filter((c) => isAmount(c.text));
      const name = l.cells.filter((c) => !isAmount(c.text)).map((c) => c.text).join('');
      overall.tasks.push({ name, fig: amounts[0] ? fig(l, amounts[0]) : undefined, ref: refOf(l) });
      for (const extra of amounts.slice(1)) m.comments.push({ where: def.id, ref: refOf(l, extra) });
    }
  }
  if (goalAt >= 0) overall.goal = lines.slice(goalAt, indAt > goalAt ? indAt : goalAt + 1).map(text).join('').replace(/^年度绩效目标\s*/, '');
  const headAt = lines.findIndex((l) => /完成时限$/.test(text(l).replace(/\s+/g, '')));
  if (headAt >= 0) overall.indicators = readIndicators(lines.slice(headAt + 1));
  m.overall = overall;
  void unit;
}

// ── 表9: the project list (reference layout) ──────────────────────────────────────────────────────────

/** Project names printed in the document's forms (表17): they split 表9's name from its content. */
function knownNames(m: ImportModel, all: TableSegment[]): string[] {
  const names = new Set(m.projects.map((p) => p.name));
  for (const s of all) {
    if (!s.defs.some((d) => d.kind === 'projectForm')) continue;
    const f = fieldsOf(s.parts.flat());
    const n = (f.get('项目(政策)名称') ?? f.get('项目（政策）名称') ?? f.get('项目名称'))?.value;
    if (n) names.add(n.replace(/\s+/g, ''));
  }
  return [...names].sort((a, b) => b.length - a.length);
}

export function placeProjects(first: ImportModel, s: TableSegment, def: TableDef, positional: boolean, unit: MoneyUnit, all: TableSegment[] = [], listing?: Listing): void {
  // A department's projects are listed under their unit's row: each goes to that unit.
  let m = first;
  // Later parts repeat the first part's header: skipped where they print the same lines.
  const firstHeader = s.parts[0]?.slice(0, s.parts[0].findIndex((l) => l.cells.some((c) => isAmount(c.text)))) ?? [];
  const lines = s.parts.flatMap((part, k) => {
    if (k === 0) return part;
    let i = 0;
    while (i < part.length && i < firstHeader.length && lineText(part[i]) === lineText(firstHeader[i])) i++;
    return part.slice(i);
  });
  const names = knownNames(m, all);
  const columns = def.columns ?? [];
  const header: SourceLine[] = [];
  let started = false;
  let texts: SourceLine[] = [];
  let figures = 0;
  const positions = (): ReturnType<typeof locateColumns> | undefined => (positional ? locateColumns(columns, header) : undefined);
  for (const l of lines) {
    const amounts = l.cells.filter((c) => isAmount(c.text));
    if (!started && !amounts.length) {
      if (/^合计$/.test(text(l).replace(/\s+/g, '')) || header.length > 60) started = true;
      else {
        header.push(l);
        continue;
      }
    }
    started = true;
    const words = l.cells.filter((c) => !isAmount(c.text));
    if (!amounts.length) {
      texts.push(l);
      continue;
    }
    const rowText = [...texts.map((t) => lineText(t)), words.map((c) => c.text).join(' ')].join('\n').trim();
    const a = assignColumns(amounts, columns, positions(), def.identities, unit);
    const cells = new Map<string, Fig>();
    for (const [k, c] of a.cells) cells.set(k, fig(l, c));
    figures += cells.size;
    const flat = rowText.replace(/\s+/g, '');
    const firstRef = refOf(texts[0] ?? l);
    texts = [];
    if (/^合计/.test(flat) || flat === '' ) {
      for (const [k, f] of cells) m.derived.push({ def, table: def.id, row: '合计', column: derivedColumn(columns, k), fig: f, unit });
      continue;
    }
    const unitRow = listing ? listing.named(flat) : m.unitName && flat === m.unitName.replace(/\s+/g, '') ? m : undefined;
    if (unitRow) {
      m = unitRow;
      for (const [k, f] of cells) m.derived.push({ def, table: def.id, row: m.unitName!, column: derivedColumn(columns, k), fig: f, unit });
      continue;
    }
    const name = names.find((n) => flat.startsWith(n)) ?? rowText.split('\n')[0].split(/\s+/)[0];
    const content = flat.startsWith(name) ? flat.slice(name.length) : flat;
    const p = projectNamed(m, name, firstRef);
    if (content) p.content ??= content;
    for (const [k, f] of cells) {
      if (k === '收入总计' && !p.amount) p.amount = f;
      else m.derived.push({ def, table: def.id, row: name, column: derivedColumn(columns, k), fig: f, unit });
    }
  }
  first.tables.push({ def, figures, page: s.title.page, pages: pagesOf(s) });
}

function derivedColumn(columns: TableDef['columns'] & object, key: string): string {
  return columns.find((c) => c.key === key)?.derived ?? key;
}

// ── the Shanghai project form (财政项目支出绩效目标填报表): laid out in cells ─────────────────────────────

const SH_KEYS: Record<string, keyof ProjectM | 'annualFiscal' | 'annualOther' | 'other'> = {
  项目名称: 'name', 项目性质: 'nature', 项目类别: 'category', 主管部门: 'supervisor', 实施单位: 'implementer',
  计划开始日期: 'startDate', 计划完成日期: 'endDate', 项目资金总额: 'fundsTotal', 年度资金申请总额: 'amount',
  '其中：当年财政拨款': 'annualFiscal', '其中：财政资金': 'fundsFiscal', 上年结转资金: 'fundsCarried', 其他资金: 'other',
};

/**
 * A line's cells with a field's figure and the next field's label printed in one cell taken apart (pdftotext puts
 * one space between them: `项目资金总额 | 4,100,000.00 年度资金申请总额 | 4,100,000.00`, `其他资金 | 0.00 其他资金 | 0.00`):
 * the figure, then the label — an amount and a word never share a cell.
 */
function fieldCells(l: SourceLine): SourceCell[] {
  return l.cells.flatMap((c) => {
    const m = /^(\S+)\s+(\S.*)$/.exec(c.text);
    if (!m || !isAmount(m[1]) || !SH_KEYS[m[2].replace(/\s+/g, '')]) return [c];
    // Positions in the cell's own units, shared by the two parts in proportion to their display width.
    const w = displayWidth(c.text);
    const cut = c.x0 + ((c.x1 - c.x0) * displayWidth(m[1])) / w;
    const from = c.x0 + ((c.x1 - c.x0) * (w - displayWidth(m[2]))) / w;
    return [{ ...c, text: m[1], x1: cut }, { ...c, text: m[2], x0: from }];
  });
}

function placeShanghaiForm(m: ImportModel, s: TableSegment, def: TableDef, positional: boolean, unit: MoneyUnit): void {
  const lines = s.parts.flat();
  m.tables.push({ def, figures: 0, page: s.title.page, pages: pagesOf(s) });
  const p: ProjectM = { name: '', ref: refOf(s.title), indicators: [], unplaced: [] };
  let others = 0;
  const used = new Set<SourceLine>();
  for (const l of lines) {
    const cells = fieldCells(l);
    for (let i = 0; i < cells.length; i++) {
      const key = SH_KEYS[cells[i].text.replace(/\s+/g, '')];
      const v = cells[i + 1];
      if (!key || !v || SH_KEYS[v.text.replace(/\s+/g, '')]) continue;
      used.add(l);
      const value = v.text.trim();
      if (key === 'other') {
        // The first 其他资金 is the project's (资金总额's part), the second the year's (not expressible yet).
        if (isAmount(value) && others++ === 0) p.fundsOther = fig(l, v);
        else p.unplaced.push({ ref: refOf(l, v), text: `其他资金（年度）${value} · other funds of the year` });
      } else if (key === 'annualFiscal') p.unplaced.push({ ref: refOf(l, v), text: `其中：当年财政拨款 ${value} · of which this year's appropriation` });
      else if (key === 'amount' || key === 'fundsTotal' || key === 'fundsFiscal' || key === 'fundsCarried') {
        if (isAmount(value)) p[key] = fig(l, v);
      } else if (key === 'nature' && !PROJECT_NATURES.includes(value) && !/项目$/.test(value)) {
        // A cell wrapped over three lines (阶段 / 性项 / 目, flattened text puts the middle beside its row): a value that
        // is no 项目性质 printed whole (those end in 项目: 经常性项目 …) is completed by the lone words on the lines just
        // above and below when that makes a known 项目性质; else it is a comment.
        const at = lines.indexOf(l);
        const lone = (x: SourceLine | undefined): string => (x && x.cells.length === 1 && !SH_KEYS[x.cells[0].text.replace(/\s+/g, '')] ? x.cells[0].text.trim() : '');
        const whole = [lone(lines[at - 1]) + value + lone(lines[at + 1]), lone(lines[at - 1]) + value, value + lone(lines[at + 1])].find((t) => PROJECT_NATURES.includes(t));
        if (whole) p.nature = whole;
        else p.unplaced.push({ ref: refOf(l, v), text: `项目性质 ${value} · project nature (as printed)` });
      } else if (key === 'name' || key === 'nature' || key === 'category' || key === 'supervisor' || key === 'implementer' || key === 'startDate' || key === 'endDate') {
        p[key] = value;
      }
    }
  }
  if (!p.name) {
    for (const l of lines) m.comments.push({ where: '绩效目标表', ref: refOf(l) });
    return;
  }
  // The goals: two columns of wrapped text under 项目总目标 | 年度总体目标, up to the indicator header.
  const goalsAt = lines.findIndex((l) => /项目总目标/.test(lineText(l)) && /年度总体目标/.test(lineText(l)));
  const indAt = lines.findIndex((l) => /一级指标/.test(lineText(l)) && /三级指标/.test(lineText(l)));
  if (goalsAt >= 0) {
    const head = lines[goalsAt].cells;
    const split = (head[head.length - 1].x0 + head[0].x1) / 2;
    const left: string[] = [];
    const right: string[] = [];
    for (const l of lines.slice(goalsAt + 1, indAt > goalsAt ? indAt : undefined)) {
      for (const c of l.cells) {
        if (/^(?:项目|绩效|目标)$/.test(c.text.trim())) continue;
        (c.x0 < split ? left : right).push(c.text.trim());
      }
      used.add(l);
    }
    p.longTermGoal = left.join('').replace(/\s+/g, '');
    p.goal = right.join('').replace(/\s+/g, '');
  }
  // The level cells are merged over their rows and printed at the middle of their group: only their positions
  // tell which rows they cover. Flattened text has none — its indicator lines are kept as comments, not guessed.
  if (indAt >= 0 && positional) p.indicators = shanghaiIndicators(lines[indAt], lines.slice(indAt + 1));
  else if (indAt >= 0) for (const l of lines.slice(indAt)) m.comments.push({ where: '绩效目标表', ref: refOf(l) });
  for (const l of lines) if (!used.has(l) && (indAt < 0 || lines.indexOf(l) < indAt) && l.cells.some((c) => isAmount(c.text))) m.comments.push({ where: '绩效目标表', ref: refOf(l) });
  const q = projectNamed(m, p.name, p.ref);
  // The same project's form printed again (a page repeated): a figure already read is a duplicate of it, not
  // written over it (the first printing keeps its place in the source map, the second is counted).
  for (const key of ['amount', 'fundsTotal', 'fundsFiscal', 'fundsOther', 'fundsCarried'] as const) {
    const again = p[key];
    const first = q[key];
    if (again && first) {
      m.duplicates.push({ fig: again, of: first });
      p[key] = first;
    }
  }
  Object.assign(q, { ...p, indicators: p.indicators, unplaced: [...q.unplaced, ...p.unplaced] });
  void unit;
}

/** Indicator rows of a laid-out form: level cells (merged over their rows) are given to the rows around them. */
function shanghaiIndicators(header: SourceLine, lines: SourceLine[]): IndicatorM[] {
  const col = (re: RegExp): number | undefined => {
    const c = header.cells.find((x) => re.test(x.text));
    return c ? (c.x0 + c.x1) / 2 : undefined;
  };
  const xs = [col(/一级指标/), col(/二级指标/), col(/三级指标/), col(/指标值/)];
  if (xs.some((x) => x === undefined)) return [];
  const [x1, x2, x3, x4] = xs as number[];
  const b12 = (x1 + x2) / 2;
  const b23 = (x2 + x3) / 2;
  const b34 = (x3 + x4) / 2;
  type Row = { line: SourceLine; name: string; value: string };
  const rows: Row[] = [];
  const levels: Array<{ y: number; kind: 1 | 2; text: string }> = [];
  for (const l of lines) {
    const y = ((l.y0 ?? 0) + (l.y1 ?? 0)) / 2;
    const name = l.cells.filter((c) => (c.x0 + c.x1) / 2 >= b23 && (c.x0 + c.x1) / 2 < b34).map((c) => c.text).join('');
    const value = l.cells.filter((c) => (c.x0 + c.x1) / 2 >= b34).map((c) => c.text).join('');
    for (const c of l.cells) {
      const cx = (c.x0 + c.x1) / 2;
      if (/^绩效指标$/.test(c.text.trim())) continue;
      if (cx < b12 && c.x1 > x1 - 80) levels.push({ y, kind: 1, text: c.text.trim() });
      else if (cx >= b12 && cx < b23) levels.push({ y, kind: 2, text: c.text.trim() });
    }
    if (name || value) {
      if (!name && rows.length) rows[rows.length - 1].value += value;
      else rows.push({ line: l, name, value });
    }
  }
  const assign = (kind: 1 | 2): Array<string | undefined> => {
    // Merge level texts wrapped over consecutive lines (服务对象满意度 / 指标) into one cell at their mean y.
    const cells: Array<{ y: number; text: string }> = [];
    for (const lv of levels.filter((x) => x.kind === kind).sort((a, b) => b.y - a.y)) {
      const last = cells[cells.length - 1];
      if (last && Math.abs(last.y - lv.y) < 14 && !L1.has(last.text) && !L2.has(last.text)) {
        last.text += lv.text;
        last.y = (last.y + lv.y) / 2;
      } else cells.push({ ...lv });
    }
    const ys = rows.map((r) => ((r.line.y0 ?? 0) + (r.line.y1 ?? 0)) / 2);
    const out = new Array<string | undefined>(rows.length).fill(undefined);
    // Each level cell is centred on its group of rows: top-down, each cell takes the run of rows whose middle
    // is nearest to it, leaving a row for each cell after it.
    let start = 0;
    cells.forEach((c, k) => {
      if (start >= rows.length) return;
      const last = rows.length - (cells.length - k);
      let end = start;
      let best = Infinity;
      for (let e = start; e <= Math.max(start, last); e++) {
        const d = Math.abs((ys[start] + ys[e]) / 2 - c.y);
        if (d < best) [best, end] = [d, e];
      }
      for (let i = start; i <= end; i++) out[i] = c.text;
      start = end + 1;
    });
    for (let i = start; i < rows.length; i++) out[i] = cells[cells.length - 1]?.text;
    return out;
  };
  const l1 = assign(1);
  const l2 = assign(2);
  return rows.map((r, i) => ({ level1: l1[i], level2: l2[i], name: r.name, ...valueParts(r.value), ref: refOf(r.line) }));
}

/** `≥13459.00(平方米)` → op, value, unit; a text value stays text. */
function valueParts(v: string): Pick<IndicatorM, 'op' | 'value' | 'unit'> {
  const m = /^([=≥≤><]|>=|<=)?\s*([-\d.,]+)\s*(?:[（(]([^)）]*)[)）]|(%))?$/.exec(v.trim());
  if (!m) return { value: v.trim() };
  return { op: m[1] ? (m[1] === '≥' ? '>=' : m[1] === '≤' ? '<=' : m[1]) : undefined, value: m[2], unit: m[3] ?? m[4] };
}
