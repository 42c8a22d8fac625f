/**
 * The tables a layout publishes, required of a unit whose file states its layout (`表式`): a table whose section is
 * missing is BUD808; an empty table (no spending from its source) that the file does not state empty is BUD809,
 * with a fix writing the statement (`政府性基金支出 无`), so that the table carries its note. An inferred layout is
 * a guess: it asks for nothing.
 */
import type { CheckContext } from '../checks';
import type { Fix, Related } from '../diagnostics';
import { LIST_TABLE_NAMES, type ListTable } from '../keywords';
import type { Unit } from '../model';
import type { Stmt } from '../syntax';
import { layoutOf } from './index';
import type { Requirement, TableSpec } from './types';

const SECTION_WORDS: Record<Extract<Requirement, { kind: 'section' }>['section'], { word: string; en: string }> = {
  income: { word: '收入', en: 'income' },
  func: { word: '支出', en: 'expenditure by function' },
  econ: { word: '经济分类', en: 'economic classification' },
  sangong: { word: '三公', en: '三公 spending' },
  overall: { word: '整体绩效', en: 'overall performance targets' },
};

/** The statement word of a list table (the first of its spellings). */
const LIST_WORDS: Record<ListTable, string> = {
  fundExp: '政府性基金支出', debt: '债务支出', procurement: '政府采购', services: '政府购买服务', special: '专项资金', capitalExp: '国有资本经营预算支出',
};

/** A fix inserting `statement` as the last line of the unit's block, indented like its first statement. */
function insertFix(ctx: CheckContext, u: Unit, statement: string): Fix[] {
  const s = u.span as Partial<Stmt>;
  const close = s.block?.close;
  if (close === undefined) return [];
  const text = ctx.text;
  const brace = close - 1;
  const lineStart = text.lastIndexOf('\n', brace - 1) + 1;
  const first = s.block!.stmts[0];
  const firstLine = first ? text.lastIndexOf('\n', first.start - 1) + 1 : lineStart;
  const indent = first ? text.slice(firstLine, first.start) : '  ';
  // A `}` alone on its line: insert a line before it; a `}` after other text: a new line before the brace.
  const alone = /^[ \t]*$/.test(text.slice(lineStart, brace));
  const edit = alone ? { start: lineStart, end: lineStart, newText: `${indent}${statement}\n` } : { start: brace, end: brace, newText: `\n${indent}${statement}\n` };
  return [{ title: { zh: `写明“${statement}”`, en: `State “${statement}”` }, edits: [edit], preferred: true }];
}

function tableName(spec: TableSpec, year: number | undefined): string {
  return `${spec.id} ${spec.title.zh.replace('{年}', year ? `${year}年` : '')}`;
}

export function checkLayoutTables(ctx: CheckContext): void {
  const u = ctx.unit;
  const choice = layoutOf(u);
  if (!choice.explicit) return;
  const layout = choice.layout;
  const at = u.name.text ? u.name.span : u.headerSpan;
  const related: Related[] = choice.span ? [{ ...choice.span, message: { zh: '表式写在这里', en: 'the layout is stated here' } }] : [];
  for (const spec of layout.tables) {
    const req = spec.requires;
    if (!req || spec.optional) continue;
    const table = tableName(spec, u.year);
    const base = { layout: layout.id, table, tableEn: `${spec.id} (${spec.title.en})` };
    if (req.kind === 'section') {
      if (u[req.section]) continue;
      const w = SECTION_WORDS[req.section];
      ctx.report('BUD808', at, { ...base, what: `本单位没有“${w.word}”块`, whatEn: `the unit has no ${w.word} block (${w.en})` }, { related });
    } else if (req.kind === 'list') {
      if (u.lists.some((l) => l.table === req.list)) continue;
      const w = LIST_WORDS[req.list];
      ctx.report('BUD808', at, {
        ...base, what: `本单位没有写“${w}”（写出各行，或写“${w} 无”）`, whatEn: `the unit states no ${w} table (${LIST_TABLE_NAMES[req.list].en}): write its rows, or “${w} 无”`,
      }, { related, fixes: insertFix(ctx, u, `${w} 无`) });
    } else {
      if (u.lists.some((l) => l.table === req.list)) continue;
      const spends = [...ctx.figures.func.root.bySource.keys()].some((k) => k === req.source || k === `上年结转:${req.source}`);
      if (spends) continue;
      const statement = `${LIST_WORDS[req.list]} 无`;
      ctx.report('BUD809', at, { ...base, source: req.source, statement, subject: layout.subject ?? '单位' }, { related, fixes: insertFix(ctx, u, statement) });
    }
  }
}
