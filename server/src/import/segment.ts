/**
 * Splits a document into its parts: the tables (recognised by their printed titles, never by position), the
 * prose sections (说明 and the rest), and what comes before them (cover, contents). A table runs over page
 * breaks until the next title or heading; each table's unit line gives its unit name and money unit.
 */
import type { MoneyUnit } from '../core/money';
import { proseHeading, tablesTitled, type LayoutId, type LayoutRequest, type ProseKind, type TableDef } from './layouts';
import { lineText, type SourceDoc, type SourceLine } from './source';

export interface TableSegment {
  kind: 'table';
  defs: TableDef[];
  /** The title line (and, for the reference layout, the 表N line after it). */
  title: SourceLine;
  /** The line stating the unit and the money unit (单位名称：… 单位：万元), when printed. */
  unitLine?: SourceLine;
  moneyUnit?: MoneyUnit;
  /** The unit (编制部门 / 单位名称) the table names. */
  unitName?: string;
  /**
   * The lines after the title and unit lines, up to the next part, in parts: a table printed again under its
   * title on a later page (the reference layout repeats titles) is one table of several parts. Each part (and
   * each page within one) starts with the table's header.
   */
  parts: SourceLine[][];
}

export interface ProseSegment {
  kind: 'prose';
  prose: ProseKind | 'front';
  heading?: SourceLine;
  lines: SourceLine[];
}

export type Segment = TableSegment | ProseSegment;

const UNIT_LINE = /(?:金额)?单位[:：]\s*(万元|元)/;
// A blank name (“编制部门： 单位：元”) is no name: the unit line that follows it is not taken for one.
const UNIT_NAME = /(?:编制部门|编制单位|单位名称|预算单位|部门（单位）名称)[:：]\s*(?!单位[:：])([^\s:：]+(?:\s[^\s:：单]+)*)/;

/** Whether the lines after a title candidate look like a table's head (not a table of contents). */
function confirmsTitle(lines: SourceLine[], at: number): boolean {
  for (let k = at + 1; k <= Math.min(at + 4, lines.length - 1); k++) {
    const s = lineText(lines[k]);
    if (UNIT_LINE.test(s) || UNIT_NAME.test(s) || /^表\d+(\s|$)/.test(s.trim()) || /^[（(]\d{4}年度?[）)]$/.test(s.replace(/\s+/g, ''))) return true;
    if (/项目名称/.test(s)) return true;
  }
  return false;
}

export function segment(doc: SourceDoc): Segment[] {
  const out: Segment[] = [];
  let current: Segment = { kind: 'prose', prose: 'front', lines: [] };
  out.push(current);
  const lines = doc.lines;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const text = lineText(l);
    const isToc = /……|\.{6,}|…{2,}/.test(text);
    const defs = isToc ? [] : titleDefs(l);
    if (defs.length && confirmsTitle(lines, i)) {
      const head: Pick<TableSegment, 'unitLine' | 'moneyUnit' | 'unitName'> = {};
      // The 表N line and the unit line right after the title belong to the head.
      let k = i + 1;
      for (; k < lines.length && k <= i + 3; k++) {
        const s = lineText(lines[k]);
        const unit = UNIT_LINE.exec(s);
        const name = UNIT_NAME.exec(s);
        if (/^表\d+$/.test(s.replace(/\s+/g, '')) || /^[（(]\d{4}年度?[）)]$/.test(s.replace(/\s+/g, ''))) continue;
        if (unit || name) {
          head.unitLine = lines[k];
          if (unit) head.moneyUnit = unit[1] as MoneyUnit;
          if (name) head.unitName = name[1].replace(/\s+单位$/, '').trim();
          // 表16/表17 of the reference print 表N and the unit on one line.
          continue;
        }
        break;
      }
      // The same table printed again (a title repeated on the next page) continues it; the same table of another
      // unit (a department's units one after the other) is a table of its own.
      const prev = out[out.length - 1];
      const again = prev.kind === 'table' && prev.defs[0] === defs[0] && defs[0].kind !== 'projectForm' && (!head.unitName || !prev.unitName || head.unitName === prev.unitName);
      const seg: TableSegment = again ? prev : { kind: 'table', defs, title: l, parts: [] };
      seg.parts.push([]);
      if (head.unitLine) seg.unitLine = head.unitLine;
      if (head.moneyUnit) seg.moneyUnit = head.moneyUnit;
      if (head.unitName) seg.unitName = head.unitName;
      i = k - 1;
      current = seg;
      if (!again) out.push(seg);
      continue;
    }
    const prose = !isToc && l.cells.length <= 2 ? proseHeading(text) : undefined;
    if (prose) {
      current = { kind: 'prose', prose, heading: l, lines: [] };
      out.push(current);
      continue;
    }
    if (current.kind === 'table') current.parts[current.parts.length - 1].push(l);
    else current.lines.push(l);
  }
  return out;
}

/** The table definitions a line's text names as a title (the whole line is the title). */
function titleDefs(l: SourceLine): TableDef[] {
  // The title is the line's first cell or the whole line (a title printed in pieces); 表N may follow it.
  const whole = lineText(l).replace(/\s+表\d+$/, '');
  // A table printed once per project carries the project's name after its title (`… 绩效目标表 — 项目名`).
  const part = / — .+$/;
  for (const t of [whole, l.cells[0]?.text ?? '', whole.replace(part, ''), (l.cells[0]?.text ?? '').replace(part, '')]) {
    const defs = tablesTitled(t);
    if (defs.length) return defs;
  }
  return [];
}

/**
 * The layout a document follows, from the tables it holds (the most tables recognised wins); a forced layout as
 * given (上海: the Shanghai unit or department layout, by the tables).
 */
export function inferLayout(segments: Segment[], forced?: LayoutRequest): LayoutId | undefined {
  if (forced && forced !== '上海') return forced;
  const votes = new Map<LayoutId, number>();
  for (const s of segments) {
    if (s.kind !== 'table') continue;
    for (const d of new Set(s.defs.map((x) => x.layout))) {
      if (forced && !d.startsWith(forced)) continue;
      votes.set(d, (votes.get(d) ?? 0) + (s.defs.some((x) => x.kind === 'projectForm' || x.kind === 'comparison') ? 0.1 : 1));
    }
  }
  if (forced && !votes.size) return '上海部门';
  let best: LayoutId | undefined;
  let n = 0;
  for (const [k, v] of votes) {
    if (v > n) {
      best = k;
      n = v;
    }
  }
  return best;
}

/** The pages a table is printed on. */
export function pagesOf(s: TableSegment): number[] {
  return [...new Set([s.title.page, ...s.parts.flat().map((l) => l.page)])].sort((a, b) => a - b);
}
