/**
 * The tables a layout publishes, required of a unit whose file states its layout (`表式`): a table whose section is
 * missing is BUD808; an empty table (no spending from its source) that the file does not state empty is BUD809,
 * with a fix writing the statement (`政府性基金支出 无`), so that the table carries its note. An inferred layout is
 * a guess: it asks for nothing.
 */
import { isBlankRun, ordinarySpaces } from '../blank';
import type { Fix, Related } from '../diagnostics';
import { LIST_TABLE_NAMES, type ListTable } from '../keywords';
import { layoutOf, tableTitle } from '../layouts/index';
import type { Requirement } from '../layouts/types';
import type { Unit } from '../model';
import { STATEMENTS } from '../statements';
import type { Stmt } from '../syntax';
import { defineCheck, type CheckContext } from './context';

type Ctx = CheckContext<'BUD808' | 'BUD809'>;
type SectionId = Extract<Requirement, { kind: 'section' }>['section'];

const SECTION_EN: Record<SectionId, string> = {
  income: 'income',
  func: 'expenditure by function',
  econ: 'economic classification',
  sangong: '三公 spending',
  overall: 'overall performance targets',
};

/** The word that states a section or a list table in a unit (its statement's first spelling: statements.ts). */
function statementWord(id: SectionId | ListTable): string {
  return STATEMENTS.unit.find((s) => s.id === id)!.words[0];
}

/** A fix inserting `statement` as the last line of the unit's block, indented like its first statement. */
function insertFix(ctx: Ctx, u: Unit, statement: string): Fix[] {
  const s = u.span as Partial<Stmt>;
  const close = s.block?.close;
  if (close === undefined) return [];
  const text = ctx.text;
  const brace = close - 1;
  const lineStart = text.lastIndexOf('\n', brace - 1) + 1;
  const first = s.block!.stmts[0];
  const firstLine = first ? text.lastIndexOf('\n', first.start - 1) + 1 : lineStart;
  const indent = first ? ordinarySpaces(text.slice(firstLine, first.start)) : '  ';
  // A `}` alone on its line: insert a line before it; a `}` after other text: a new line before the brace.
  const before = text.slice(lineStart, brace);
  const alone = !before.length || isBlankRun(before);
  const edit = alone ? { start: lineStart, end: lineStart, newText: `${indent}${statement}\n` } : { start: brace, end: brace, newText: `\n${indent}${statement}\n` };
  return [{ title: { zh: `写明“${statement}”`, en: `State “${statement}”` }, edits: [edit], preferred: true }];
}

function checkLayoutTables(ctx: Ctx): void {
  const u = ctx.unit;
  const choice = layoutOf(u);
  if (!choice.explicit) return;
  const layout = choice.layout;
  const at = u.name.text ? u.name.span : u.headerSpan;
  const related: Related[] = choice.span ? [{ ...choice.span, message: { zh: '表式写在这里', en: 'the layout is stated here' } }] : [];
  for (const spec of layout.tables) {
    const req = spec.requires;
    if (!req || spec.optional) continue;
    const table = `${spec.id} ${tableTitle(spec, u.year)}`;
    const base = { layout: layout.id, table, tableEn: `${spec.id} (${spec.title.en})` };
    if (req.kind === 'section') {
      if (u[req.section]) continue;
      const w = statementWord(req.section);
      ctx.report('BUD808', at, { ...base, what: `本单位没有“${w}”块`, whatEn: `the unit has no ${w} block (${SECTION_EN[req.section]})` }, { related });
    } else if (req.kind === 'list') {
      if (u.lists.some((l) => l.table === req.list)) continue;
      const w = statementWord(req.list);
      ctx.report('BUD808', at, {
        ...base, what: `本单位没有写“${w}”（写出各行，或写“${w} 无”）`, whatEn: `the unit states no ${w} table (${LIST_TABLE_NAMES[req.list].en}): write its rows, or “${w} 无”`,
      }, { related, fixes: insertFix(ctx, u, `${w} 无`) });
    } else {
      if (u.lists.some((l) => l.table === req.list)) continue;
      const spends = [...ctx.figures.func.root.bySource.keys()].some((k) => k === req.source || k === `上年结转:${req.source}`);
      if (spends) continue;
      const statement = `${statementWord(req.list)} 无`;
      ctx.report('BUD809', at, { ...base, source: req.source, statement, subject: layout.subject ?? '单位' }, { related, fixes: insertFix(ctx, u, statement) });
    }
  }
}

export const layoutTables = defineCheck('tables of the layout (表式)', ['BUD808', 'BUD809'], checkLayoutTables);
