/**
 * The 说明's own statements besides its figures: the count and money of its projects (`项目共`, BUD536/BUD537) and
 * the hygiene of its text (`原文`, the notes, the names it prints): placeholders left in (BUD538), a year that is
 * neither the budget year nor the year before (BUD539).
 */
import { normalizeName } from '../catalog';
import { codeNameLevels, likeWritten, textFindings } from '../comparison';
import { projectsTotal } from '../compute';
import type { ComparisonLine, Named, ProjectsLine } from '../model';
import { abs } from '../money';
import { defineCheck, fmt, leafSum, plus, projectSum, quotedTolerance, recorded, type CheckContext } from './context';

type Ctx = CheckContext<'BUD536' | 'BUD537' | 'BUD538' | 'BUD539' | 'BUD543' | 'BUD544' | 'BUD545'>;

function hygiene(ctx: Ctx, named: Named): void {
  const written = ctx.text.slice(named.span.start, named.span.end);
  const year = ctx.unit.year;
  for (const f of textFindings(written, year)) {
    const span = { start: named.span.start + f.at, end: named.span.start + f.at + f.found.length };
    if (f.kind === 'placeholder') ctx.report('BUD538', span, { found: f.found });
    else if (f.kind === 'doubled' && f.word) {
      // Certain: the word once (the spaces between the two go with the second).
      const edit = { start: span.start + f.word.length, end: span.end, newText: '' };
      ctx.report('BUD543', span, { found: f.found, word: f.word }, { fixes: [{ title: { zh: `只写一个“${f.word}”`, en: `Write “${f.word}” once` }, edits: [edit], preferred: true }] });
    } else if (f.kind === 'changeAndFlat') ctx.report('BUD544', span, { found: f.found });
    else if (f.kind === 'year' && year !== undefined) ctx.report('BUD539', span, { found: f.found, year, previous: year - 1 });
  }
}

/**
 * A code line's name as the 说明 prints it (the 项's name, or every level's: “…（类）…（款）…（项）”): a level named by a
 * former edition's name (207 文化体育与传媒支出, now 文化旅游体育与传媒支出) is reported once, naming the name of the year
 * (the row of 支出, else the catalog's); the line's figures are checked as any code line's. A name that is neither is
 * left alone: the code, not the name, says which figure the line states.
 */
function oldNames(ctx: Ctx, line: ComparisonLine, name: Named, seen: Set<string>): void {
  if (line.figure.kind !== 'funcCode') return;
  const code = line.figure.code;
  const written = ctx.text.slice(name.span.start, name.span.end);
  const levels = codeNameLevels(written) ?? (code.length === 7 || code.length === 5 || code.length === 3 ? [{ digits: code.length, at: 0, name: written }] : []);
  const cat = ctx.figures.catalog;
  for (const l of levels) {
    if (code.length < l.digits) continue;
    const c = code.slice(0, l.digits);
    const expected = ctx.figures.func.byCode.get(c)?.name ?? cat.get('func', c)?.names[0];
    if (!expected || normalizeName(expected) === normalizeName(l.name)) continue;
    const older = cat.otherEditionNamed('func', c, l.name);
    // Once per paragraph: one written as two lines of its code (this year's budget and last year's outturn) names it
    // twice; another code's paragraph with the same old name is another slip.
    const key = `${code} ${c} ${normalizeName(l.name)}`;
    if (!older || seen.has(key)) continue;
    seen.add(key);
    const span = { start: name.span.start + l.at, end: name.span.start + l.at + l.name.length };
    ctx.report('BUD545', span, { code: c, name: l.name, other: older.editions.toString(), edition: cat.edition, expected }, {
      fixes: [{ title: { zh: `改为“${expected}”`, en: `Rename to “${expected}”` }, edits: [{ ...span, newText: expected }], preferred: true }],
    });
  }
}

function projects(ctx: Ctx, line: ProjectsLine): void {
  const written = ctx.unit.projects.length;
  const count = line.count;
  // The 说明 counts every project; a file may transcribe only some of them (the forms a document prints): a count
  // below the projects written is wrong, a count above them is not known to be.
  // Counts are not rounded: compared exactly in both modes.
  if (count && written && count.value < written) ctx.report('BUD536', count.span, { declared: count.value, computed: written });
  const a = line.amount;
  if (!a) return;
  const all = count !== undefined && written > 0 && count.value === written;
  const value = all ? projectsTotal(ctx.figures) : ctx.figures.func.root.cells.project;
  if (value === undefined || (!all && !ctx.unit.func)) return;
  const against = all ? { zh: '本单位所写各项目之和', en: 'the sum of the unit’s projects' } : { zh: '“支出”块的项目支出', en: 'the 项目 column of 支出' };
  // Half a unit of the figure's last digit; under 容差 also the rounding of the figures it sums (quotedTolerance).
  const parts = all ? plus(...ctx.unit.projects.map(projectSum)) : leafSum(ctx.figures.func, undefined, 'project');
  const tolerance = quotedTolerance(ctx, a, parts);
  const ok = abs(a.value - value) <= tolerance;
  recorded(ctx, { code: 'BUD537', declared: a, computed: value, tolerance, ok, against });
  if (ok) return;
  const t = likeWritten(value, a);
  ctx.report('BUD537', a.span, { declared: a.text, computed: fmt(ctx, value, a.unit), diff: fmt(ctx, a.value - value, a.unit), against: against.zh, againstEn: against.en }, {
    fixes: [{ title: { zh: `改为 ${t}`, en: `Change to ${t}` }, edits: [{ ...a.span, newText: t }], preferred: true }],
  });
}

function checkNarrative(ctx: Ctx): void {
  const cmp = ctx.unit.comparison;
  if (!cmp) return;
  for (const p of cmp.projects) projects(ctx, p);
  for (const t of cmp.texts) hygiene(ctx, t);
  for (const n of cmp.notes) hygiene(ctx, n.text);
  const seen = new Set<string>();
  for (const l of cmp.lines) {
    if (!l.name) continue;
    hygiene(ctx, l.name);
    oldNames(ctx, l, l.name, seen);
  }
}

export const narrative = defineCheck('the 说明’s projects and text', ['BUD536', 'BUD537', 'BUD538', 'BUD539', 'BUD543', 'BUD544', 'BUD545'], checkNarrative);
