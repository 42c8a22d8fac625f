/**
 * The 说明's own statements besides its figures: the count and money of its projects (`项目共`, BUD536/BUD537) and
 * the hygiene of its text (`原文`, the notes, the names it prints): placeholders left in (BUD538), a year that is
 * neither the budget year nor the year before (BUD539).
 */
import { likeWritten, textFindings } from '../comparison';
import { projectsTotal } from '../compute';
import type { Named, ProjectsLine } from '../model';
import { abs } from '../money';
import { defineCheck, fmt, leafSum, plus, projectSum, quotedTolerance, recorded, type CheckContext } from './context';

type Ctx = CheckContext<'BUD536' | 'BUD537' | 'BUD538' | 'BUD539'>;

function hygiene(ctx: Ctx, named: Named): void {
  const written = ctx.text.slice(named.span.start, named.span.end);
  const year = ctx.unit.year;
  for (const f of textFindings(written, year)) {
    const span = { start: named.span.start + f.at, end: named.span.start + f.at + f.found.length };
    if (f.kind === 'placeholder') ctx.report('BUD538', span, { found: f.found });
    else if (year !== undefined) ctx.report('BUD539', span, { found: f.found, year, previous: year - 1 });
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
  for (const l of cmp.lines) if (l.name) hygiene(ctx, l.name);
}

export const narrative = defineCheck('the 说明’s projects and text', ['BUD536', 'BUD537', 'BUD538', 'BUD539'], checkNarrative);
