import type { Project } from '../model';
import { defineCheck, type CheckContext } from './context';

type Ctx = CheckContext<'BUD801' | 'BUD805'>;

function checkUnitHeader(ctx: Ctx): void {
  if (ctx.unit.year === undefined) ctx.report('BUD801', ctx.unit.name.span.end > ctx.unit.name.span.start ? ctx.unit.name.span : ctx.unit.headerSpan, { unit: ctx.unit.name.text });
  // Duplicate project names.
  const seen = new Map<string, Project>();
  for (const p of ctx.unit.projects) {
    const prev = seen.get(p.name.text);
    if (prev) ctx.report('BUD805', p.name.span, { what: '项目', whatEn: 'project', name: p.name.text }, { related: [{ ...prev.name.span, message: { zh: '第一次出现', en: 'first written here' } }] });
    else seen.set(p.name.text, p);
  }
}

export const unitHeader = defineCheck('unit header', ['BUD801', 'BUD805'], checkUnitHeader);
