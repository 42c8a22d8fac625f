import type { Fix } from '../diagnostics';
import { indicatorMoney, isRateOfChange, namesProject, opHolds } from '../domain';
import { LEVEL1_KNOWN, LEVEL2_KNOWN, MONEY_UNITS } from '../keywords';
import type { Indicator, IndicatorBlock, Project } from '../model';
import { formatMoney } from '../money';
import { fmt, defineCheck, type CheckContext } from './context';

type Ctx = CheckContext<'BUD601' | 'BUD602' | 'BUD603' | 'BUD604' | 'BUD605' | 'BUD606' | 'BUD607' | 'BUD609' | 'BUD610'>;

function checkIndicatorBlock(ctx: Ctx, block: IndicatorBlock | undefined, project: Project | undefined): void {
  if (!block) return;
  const reportedLevels = new Set<string>();
  // Some publications have no 完成时限 column at all: a missing deadline is worth a warning only where the
  // other indicators of the table have one.
  const hasDeadlines = block.indicators.some((i) => i.deadline);
  // A block default (时限) outside the fiscal year is reported once, where it is written.
  const inherited = block.indicators.find((i) => i.deadlineInherited && i.deadline?.year !== undefined)?.deadline;
  if (inherited && ctx.unit.year !== undefined && inherited.year !== ctx.unit.year) ctx.report('BUD604', inherited.span, { deadline: inherited.text, year: ctx.unit.year });
  for (const ind of block.indicators) {
    checkIndicator(ctx, ind, project, hasDeadlines, block);
    for (const [lv, known, zh, en] of [[ind.level1, LEVEL1_KNOWN, '一级指标', 'first-level'], [ind.level2, LEVEL2_KNOWN, '二级指标', 'second-level']] as const) {
      if (lv && !known.includes(lv.text) && !reportedLevels.has(`${lv.span.start}`)) {
        reportedLevels.add(`${lv.span.start}`);
        ctx.report('BUD605', lv.span, { level: zh, levelEn: en, name: lv.text });
      }
    }
  }
}

/**
 * The fixes of an indicator without a deadline where the others have one (BUD610): its own deadline, the end of
 * the fiscal year (`2026-12`, the year of the unit, else of the block's other deadlines), written at the end of its
 * line; or the block's default `时限 2026-12` for every line that has none.
 */
function deadlineFixes(ctx: Ctx, ind: Indicator, block: IndicatorBlock): Fix[] {
  const year = ctx.unit.year ?? block.indicators.find((i) => i.deadline?.year !== undefined)?.deadline?.year;
  if (year === undefined) return [];
  const date = `${year}-12`;
  const last = ind.unit?.span.end ?? ind.value?.span.end ?? ind.op?.span.end ?? ind.name.span.end;
  const fixes: Fix[] = [{
    title: { zh: `加上完成时限 ${date}`, en: `Add the deadline ${date}` },
    edits: [{ start: last, end: last, newText: ` ${date}` }],
    preferred: true,
  }];
  // The block default goes on its own line after the block's opening brace, indented as the first indicator.
  const open = ctx.text.indexOf('{', block.span.start);
  const eol = open < 0 ? -1 : ctx.text.indexOf('\n', open);
  const first = block.indicators[0];
  if (eol >= 0 && first && eol < first.span.start && !ctx.text.slice(open + 1, eol).replace(/#.*/, '').trim()) {
    const lineStart = ctx.text.lastIndexOf('\n', first.span.start - 1) + 1;
    const indent = /^[ \t]*/.exec(ctx.text.slice(lineStart, first.span.start))?.[0] ?? '';
    fixes.push({ title: { zh: `在指标块中加入 时限 ${date}`, en: `Add 时限 ${date} to the indicator block` }, edits: [{ start: eol + 1, end: eol + 1, newText: `${indent}时限 ${date}\n` }] });
  }
  return fixes;
}

function checkIndicator(ctx: Ctx, ind: Indicator, project: Project | undefined, blockHasDeadlines: boolean, block: IndicatorBlock): void {
  const name = ind.name.text;
  if (!ind.level1 && !ind.level2) ctx.report('BUD609', ind.name.span, { name });
  const dl = ind.deadline;
  if (!dl) {
    if (blockHasDeadlines) ctx.report('BUD610', ind.name.span, { name }, { fixes: deadlineFixes(ctx, ind, block) });
  } else if (!ind.deadlineInherited && dl.year !== undefined && ctx.unit.year !== undefined && dl.year !== ctx.unit.year) {
    ctx.report('BUD604', dl.span, { deadline: dl.text, year: ctx.unit.year });
  }
  const v = ind.value;
  if (!v) return;
  if (v.kind === 'text') {
    if (ind.op && ind.op.op !== '=') ctx.report('BUD607', ind.op.span, { value: v.text, op: ind.op.text });
    return;
  }
  // An indicator naming the project whose bare value is the project amount in 元 or 万元: offer the unit and
  // the operator that make it agree.
  const amount = project && v.num && namesProject(name, project.name.text) ? ctx.figures.projects.find((p) => p.project === project)?.total : undefined;
  const unitGuess = amount !== undefined && v.num ? (['元', '万元'] as const).find((u) => indicatorMoney(v.num!, MONEY_UNITS[u]) === amount) : undefined;
  if (!ind.op) {
    const fixes: Fix[] = unitGuess ? [{ title: { zh: '插入运算符“=”', en: 'Insert the operator “=”' }, edits: [{ start: v.span.start, end: v.span.start, newText: '= ' }] }] : [];
    ctx.report('BUD601', ind.name.span, { name }, { fixes });
  }
  if (!ind.unit) {
    const fixes: Fix[] = unitGuess
      ? [{ title: { zh: `补上度量单位“${unitGuess}”（与项目金额一致）`, en: `Add the unit “${unitGuess}” (agrees with the project amount)` }, edits: [{ start: v.span.end, end: v.span.end, newText: ` ${unitGuess}` }], preferred: true }]
      : [];
    ctx.report('BUD602', v.span, { name }, { fixes });
  }
  const num = v.num;
  if (num && ind.unit?.text === '%') {
    const scaled = num.digits; // value × 10^decimals
    const hundred = 100n * 10n ** BigInt(num.decimals);
    if (num.negative || scaled > hundred) {
      // 变动率 and 增长率 may be negative or exceed 100 only when stated as rates of change.
      if (!isRateOfChange(name)) ctx.report('BUD603', v.span, { name, value: v.text });
    }
  }
  // A money indicator naming the project's own spending must agree with the project amount. Compared as stated in
  // both rounding modes: the indicator states a target (=, ≤, ≥ …) for the amount, not a rounded copy of a sum.
  if (project && num && ind.op && ind.unit && MONEY_UNITS[ind.unit.text] !== undefined && namesProject(name, project.name.text)) {
    const amount = ctx.figures.projects.find((p) => p.project === project)?.total;
    if (amount === undefined) return;
    const valueTicks = indicatorMoney(num, MONEY_UNITS[ind.unit.text]);
    if (!opHolds(ind.op.op, amount, valueTicks)) {
      ctx.report('BUD606', ind.span, {
        name, op: ind.op.text, value: v.text, unit: ind.unit.text, valueYuan: formatMoney(valueTicks, '元', { minDecimals: 0 }),
        amount: `${fmt(ctx, amount)} ${ctx.unit.moneyUnit}`, amountYuan: formatMoney(amount, '元', { minDecimals: 0 }),
      }, { related: project.amount ? [{ ...project.amount.span, message: { zh: '项目金额', en: 'project amount' } }] : [] });
    }
  }
}

function checkIndicators(ctx: Ctx): void {
  for (const p of ctx.unit.projects) checkIndicatorBlock(ctx, p.indicators, p);
  checkIndicatorBlock(ctx, ctx.unit.overall?.indicators, undefined);
}

export const indicators = defineCheck('indicators', ['BUD601', 'BUD602', 'BUD603', 'BUD604', 'BUD605', 'BUD606', 'BUD607', 'BUD609', 'BUD610'], checkIndicators);
