import type { ClassKind } from '../catalog';
import { rowCoversAllSources, sourceKey, type TreeNode } from '../compute';
import type { Fix, Related, Text2 } from '../diagnostics';
import { COLUMN_CHILDREN } from '../domain';
import { COLUMN_NAMES, type Column } from '../keywords';
import type { Amount, Row } from '../model';
import { formatMoney, type Money } from '../money';
import { fmt, rowLabel, setTo, toleranceArgs, compare, defineCheck, type CheckContext } from './context';

type Ctx = CheckContext<'BUD201' | 'BUD301' | 'BUD501' | 'BUD806'>;

/** What the figures are compared with (check records: records.ts). */
const CHILDREN: Text2 = { zh: '下级合计', en: 'the sum of its children' };
const PROJECTS_ON_CODE: Text2 = { zh: '按功能科目归集的项目金额', en: 'the projects booked on this code' };
const PROJECT_LINES: Text2 = { zh: '项目经济分类合计', en: 'the projects’ economic lines' };
const MAPPED: Text2 = { zh: '按对照归集的部门经济分类', en: 'the department economic codes mapped to it' };
/** A column of a row against its parts on the row (合计 = 基本 + 项目, 基本 = 人员 + 公用). */
const COLUMN_PARTS: Partial<Record<Column, Text2>> = Object.fromEntries(
  (Object.entries(COLUMN_CHILDREN) as Array<[Column, Column[]]>).map(([c, kids]) => [c, { zh: kids.map((k) => COLUMN_NAMES[k].zh).join(' + '), en: kids.map((k) => COLUMN_NAMES[k].en).join(' + ') }]),
);

function childRelated(ctx: Ctx, n: TreeNode, col: Column, key?: string): Related[] {
  const out: Related[] = [];
  for (const c of n.children) {
    const cells = key ? c.bySource.get(key) : c.cells;
    const v = cells?.[col];
    const span = c.rows[0]?.codeSpan ?? c.projects[0]?.span;
    if (span && v !== undefined) out.push({ ...span, message: { zh: `${c.code} ${c.name ?? ''}：${fmt(ctx, v)}`, en: `${c.code} ${c.name ?? ''}: ${fmt(ctx, v)}` } });
  }
  for (const s of n.projects) {
    if (s.project) out.push({ ...s.span, message: { zh: `项目“${s.project.name.text}”：${fmt(ctx, s.amount)}`, en: `project “${s.project.name.text}”: ${fmt(ctx, s.amount)}` } });
  }
  for (const m of n.mappedFrom) out.push({ ...m.span, message: { zh: `部门经济分类 ${m.code}：${fmt(ctx, m.value)}`, en: `department economic ${m.code}: ${fmt(ctx, m.value)}` } });
  return out;
}

/** Checks one row's declared cells against the computed figures of its node (for its source). */
function checkRow(ctx: Ctx, kind: ClassKind, row: Row, n: TreeNode, overall: boolean): void {
  const tree = ctx.figures[kind];
  const key = sourceKey(row.source);
  const computed = overall ? n.cells : n.bySource.get(key) ?? {};
  const isLeaf = !n.children.length && n.code !== '';
  const label = rowLabel(ctx, kind, row, n.code);
  for (const col of ['total', 'basic', 'personnel', 'public', 'project'] as Column[]) {
    const d = row.cells[col];
    if (!d) continue;
    const c = computed[col];
    if (isLeaf) {
      // A leaf's own facts: check identities (合计 = 基本 + 项目, 基本 = 人员 + 公用) and projects.
      if (col === 'project' && tree.projectsDrive) {
        const v = c ?? 0n;
        const { ok, tolerance } = compare(ctx, 'BUD501', d, v, n.projects.length, kind === 'func' ? PROJECTS_ON_CODE : PROJECT_LINES);
        if (!ok) {
          ctx.report('BUD501', d.span, {
            left: `${label.zh}的项目支出`, leftEn: `${label.en} project expenditure`, leftValue: d.text,
            right: kind === 'func' ? '按功能科目归集的项目金额' : '项目经济分类合计', rightEn: kind === 'func' ? 'the projects booked on this code' : 'the projects’ economic lines', rightValue: fmt(ctx, v, d.unit),
            diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit),
          }, { related: childRelated(ctx, n, 'project', overall ? undefined : key), fixes: [setTo(d, v)] });
        }
        continue;
      }
      if (kind === 'gov' && n.mappedFrom.length && col === 'total') {
        // A government leaf is the sum of the department economic codes mapped to it.
        const v = c ?? 0n;
        const { ok, tolerance } = compare(ctx, 'BUD501', d, v, n.mappedFrom.length, MAPPED);
        if (!ok) {
          ctx.report('BUD501', d.span, {
            left: label.zh, leftEn: label.en, leftValue: d.text, right: '按对照归集的部门经济分类', rightEn: 'the department economic codes mapped to it',
            rightValue: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit),
          }, { related: childRelated(ctx, n, 'total'), fixes: [setTo(d, v)] });
        }
        continue;
      }
      const kids = COLUMN_CHILDREN[col];
      if (!kids || c === undefined) continue;
      const written = kids.filter((k) => computed[k] !== undefined);
      if (!written.length) continue;
      const { ok, tolerance } = compare(ctx, 'BUD301', d, c, written.length, COLUMN_PARTS[col]!);
      if (!ok) {
        const parts = kids.map((k) => COLUMN_NAMES[k]);
        const related: Related[] = kids.filter((k) => row.cells[k]).map((k) => ({ ...row.cells[k]!.span, message: { zh: `${COLUMN_NAMES[k].zh} ${row.cells[k]!.text}`, en: `${COLUMN_NAMES[k].en} ${row.cells[k]!.text}` } }));
        // Either the total or one of its parts is wrong: offer both, prefer neither. A single written part
        // can take the residual (合计 − the other parts).
        const fixes: Fix[] = [{ ...setTo(d, c), preferred: false }];
        const writtenParts = kids.filter((k) => row.cells[k]);
        if (writtenParts.length === 1) {
          const k = writtenParts[0];
          const other = kids.filter((x) => x !== k).reduce((a, x) => a + (computed[x] ?? 0n), 0n);
          const part = row.cells[k]!;
          const fix = setTo(part, d.value - other);
          fixes.push({ ...fix, preferred: false, title: { zh: `将${COLUMN_NAMES[k].zh}改为 ${fix.edits[0].newText}`, en: `Set ${COLUMN_NAMES[k].en} to ${fix.edits[0].newText}` } });
        }
        ctx.report('BUD301', d.span, {
          row: label.zh, rowEn: label.en, column: COLUMN_NAMES[col].zh, columnEn: COLUMN_NAMES[col].en, declared: d.text,
          parts: parts.map((p) => p.zh).join(' + '), partsEn: parts.map((p) => p.en).join(' + '), computed: fmt(ctx, c, d.unit), diff: fmt(ctx, d.value - c, d.unit),
          ...toleranceArgs(ctx, tolerance, d.unit),
        }, { related, fixes });
      }
    } else {
      const v = c ?? 0n;
      const parts = n.children.length + n.projects.length + n.mappedFrom.length;
      const { ok, tolerance } = compare(ctx, 'BUD201', d, v, parts, CHILDREN);
      if (!ok) {
        scaleHint(ctx, n, col, d.value, v, overall ? undefined : key);
        ctx.report('BUD201', d.span, {
          row: label.zh, rowEn: label.en, column: COLUMN_NAMES[col].zh, columnEn: COLUMN_NAMES[col].en, declared: d.text,
          computed: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit),
        }, { related: childRelated(ctx, n, col, overall ? undefined : key), fixes: [setTo(d, v)] });
      }
    }
  }
}

/**
 * When a parent misses its children's sum because one child was written in 元 instead of 万元 (or the
 * reverse), that child is off by exactly 10⁴: say so at the child and offer the conversion.
 */
function scaleHint(ctx: Ctx, n: TreeNode, col: Column, declared: Money, sum: Money, key: string | undefined): void {
  for (const c of n.children) {
    const cv = (key ? c.bySource.get(key) : c.cells)?.[col];
    if (cv === undefined || cv === 0n) continue;
    for (const [factorUp, label] of [[false, '元 → 万元'], [true, '万元 → 元']] as const) {
      const fixed = factorUp ? cv * 10_000n : cv / 10_000n;
      if (!factorUp && cv % 10_000n !== 0n) continue;
      if (sum - cv + fixed !== declared) continue;
      // The single written amount that carries the value.
      const row = c.rows.find((r) => !key || sourceKey(r.source) === key);
      const cells: Amount[] = row ? Object.values(row.cells).filter((a): a is Amount => a !== undefined) : [];
      const cell: Amount | undefined = cells.find((a) => a.value === cv);
      if (!cell || cell.value !== cv) continue;
      const newText = formatMoney(fixed, cell.unit, { grouping: cell.text.includes(',') });
      ctx.report('BUD806', cell.span, { what: `${c.code} ${c.name ?? ''}`, whatEn: `${c.code} ${c.name ?? ''}`, value: cell.text, expected: newText }, {
        fixes: [{ title: { zh: `按 ${label} 换算为 ${newText}`, en: `Convert ${label}: ${newText}` }, edits: [{ ...cell.span, newText }], preferred: true }],
      });
      return;
    }
  }
}

function checkRollups(ctx: Ctx): void {
  for (const kind of ['func', 'econ', 'gov'] as const) {
    const sec = ctx.unit[kind];
    if (!sec) continue;
    const tree = ctx.figures[kind];
    // A row without 来源 is the code's total over all sources (as 表3, 表6, 表12 publish it), unless the file
    // splits that code by source (another row of it names one): then it is the default source's.
    for (const r of sec.rows) {
      const n = tree.byCode.get(r.code);
      if (n) checkRow(ctx, kind, r, n, rowCoversAllSources(sec, r));
    }
    if (sec.total) checkRow(ctx, kind, sec.total, tree.root, true);
  }
  // 支出 extras: 本年支出合计 and 支出总计.
  const f = ctx.unit.func;
  const total = ctx.figures.func.root.cells.total;
  if (f && total !== undefined) {
    const cur = f.extras.currentTotal?.amount;
    if (cur) compareDeclared(ctx, cur, total, 1, { zh: '支出功能分类合计', en: 'the function-classification total' }, { row: '本年支出合计', rowEn: 'current-year expenditure', column: '金额', columnEn: 'amount' });
    const grand = f.extras.grandTotal?.amount;
    if (grand && ctx.figures.expenseGrand !== undefined) compareDeclared(ctx, grand, ctx.figures.expenseGrand, 2, { zh: '本年支出合计 + 年终结转结余', en: 'current-year expenditure + year-end carry-over' }, { row: '支出总计', rowEn: 'expenditure grand total', column: '金额', columnEn: 'amount' });
  }
}

function compareDeclared(ctx: Ctx, d: Amount, v: Money, parts: number, against: Text2, args: { row: string; rowEn: string; column: string; columnEn: string }): void {
  const { ok, tolerance } = compare(ctx, 'BUD201', d, v, parts, against);
  if (!ok) ctx.report('BUD201', d.span, { ...args, declared: d.text, computed: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit) }, { fixes: [setTo(d, v)] });
}

export const rollups = defineCheck('roll-up and row identities', ['BUD201', 'BUD301', 'BUD501', 'BUD806'], checkRollups);
