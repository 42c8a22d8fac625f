import { sourceKey } from '../compute';
import type { Related, Span } from '../diagnostics';
import { LIST_TABLE_NAMES } from '../keywords';
import { layoutOf } from '../layouts/index';
import type { Amount, Project } from '../model';
import { abs, type Money } from '../money';
import { fmt, setTo, defineCheck, leafSum, one, plus, projectSum, recorded, roundingTolerance, sidesAgree, sidesTolerance, statedSum, toleranceArgs, type CheckContext, type Summed } from './context';

type Ctx = CheckContext<'BUD501' | 'BUD502' | 'BUD505' | 'BUD506' | 'BUD507' | 'BUD512' | 'BUD513'>;

function crossReport(ctx: Ctx, at: Span, left: [string, string], lv: Money, right: [string, string], rv: Money, tolerance: Money, related: Related[] = []): void {
  ctx.report('BUD501', at, { left: left[0], leftEn: left[1], leftValue: fmt(ctx, lv), right: right[0], rightEn: right[1], rightValue: fmt(ctx, rv), diff: fmt(ctx, lv - rv), ...toleranceArgs(ctx, tolerance) }, { related });
}

function checkCrossTables(ctx: Ctx): void {
  const u = ctx.unit;
  const f = ctx.figures;
  // Function total vs department economic total (basic part always; total when projects are in both).
  if (u.func && u.econ) {
    const fc = f.func.root.cells;
    const ec = f.econ.root.cells;
    const at = u.econ.total?.span ?? u.econ.headerSpan;
    const rel: Related[] = [{ ...(u.func.total?.span ?? u.func.headerSpan), message: { zh: '支出功能分类', en: 'function classification' } }];
    // The two tables as printed (their 合计 rows, else what their rows give), within the rounding tolerance; a
    // difference of printed totals that their rows do not have is a roll-up fault, reported at the total. Two
    // printed 合计 rows: each table's total, which a publication may sum from its own rounded rows, within the
    // tolerance of one part (as BUD501 always compared them); a table without its 合计 row: what its leaves give,
    // within their rounding (sidesTolerance).
    const printed = (col: 'basic' | 'total'): { e?: Money; f?: Money; ok: boolean; tolerance: Money } => {
      const ew = u.econ!.total?.cells[col];
      const fw = u.func!.total?.cells[col];
      const e = ew?.value ?? ec[col];
      const fv = fw?.value ?? fc[col];
      if (e === undefined || fv === undefined || e === fv) return { e, f: fv, ok: true, tolerance: 0n };
      const side = (w: Amount | undefined, tree: typeof f.func): Summed => (w ? one(w) : leafSum(tree, undefined, col));
      const tolerance = ew && fw ? roundingTolerance(ctx.rounding, ew, 1) : sidesTolerance(ctx.rounding, side(ew, f.econ), side(fw, f.func));
      const ok = abs(e - fv) <= tolerance || (ec[col] !== undefined && ec[col] === fc[col]);
      return { e, f: fv, ok, tolerance };
    };
    const b = printed('basic');
    const t = printed('total');
    if (fc.basic !== undefined && ec.basic !== undefined) {
      if (!b.ok) crossReport(ctx, at, ['部门经济分类的基本支出', 'department economic basic expenditure'], b.e!, ['支出功能分类的基本支出', 'function-classification basic expenditure'], b.f!, b.tolerance, rel);
    } else if (fc.total !== undefined && ec.total !== undefined && ec.project !== undefined && !t.ok) {
      crossReport(ctx, at, ['部门经济分类合计', 'department economic total'], t.e!, ['支出功能分类合计', 'function-classification total'], t.f!, t.tolerance, rel);
    }
  }

  // Department economic vs government economic totals: money under codes without correspondence is reported
  // there (BUD506/BUD513), so the difference it explains is not reported again.
  let unmapped = 0n;
  if (u.econ && (u.gov || u.kindClass || u.mapping.length)) {
    const local = new Map(u.mapping.map((m) => [m.dept.text, m.gov.text]));
    for (const [code, n] of f.econ.byCode) if (!n.children.length && n.rows.length && !f.catalog.mapDept(code, u.kindClass, local)) unmapped += n.cells.total ?? 0n;
  }
  // Compared exactly: the government tree is the department one read through the correspondence (computeGov), so
  // the two totals agree by construction but for the unmapped money; the written government rows are compared with
  // what maps to them (rollups.ts, BUD501 within the tolerance).
  if (u.econ && u.gov && f.econ.root.cells.total !== undefined && f.gov.root.cells.total !== undefined && f.econ.root.cells.total - unmapped !== f.gov.root.cells.total) {
    crossReport(ctx, u.gov.total?.span ?? u.gov.headerSpan, ['政府经济分类合计（按对照）', 'government economic total (by correspondence)'], f.gov.root.cells.total, ['部门经济分类合计', 'department economic total'], f.econ.root.cells.total, 0n);
  }
  // Unmapped department codes. The government economic table is the department one read through the
  // correspondence (written as 政府经济分类, or derived as 表11): money under a code without correspondence is
  // money that table cannot book, so it is reported whether or not the table is written.
  if (u.econ) {
    const local = new Map(u.mapping.map((m) => [m.dept.text, m.gov.text]));
    if (!u.gov && !u.kindClass && !local.size) {
      // Only a layout that publishes the government economic table needs it (the Shanghai layouts do not).
      const total = f.econ.root.cells.total;
      if (total !== undefined && total !== 0n && layoutOf(u).layout.govEconomic) ctx.report('BUD512', u.econ.headerSpan, { amount: fmt(ctx, total) });
    } else {
      const kind = u.kindClass === 'admin' ? ['行政单位', 'an administrative unit'] : u.kindClass === 'institution' ? ['事业单位', 'an institution'] : ['未写单位性质', 'unit kind not written'];
      for (const [code, n] of f.econ.byCode) {
        if (n.children.length || !n.rows.length) continue;
        const v = n.cells.total;
        if (!u.gov && (v === undefined || v === 0n)) continue;
        if (!f.catalog.mapDept(code, u.kindClass, local)) {
          // A code whose official correspondence the catalog lacks (gaps.tsv) is the catalog's gap, not the
          // document's: information, with the same consequence and the same remedy.
          const gap = u.kindClass !== undefined && f.catalog.knownGaps(u.kindClass).has(code);
          ctx.report(gap ? 'BUD513' : 'BUD506', n.rows[0].codeSpan, { code, kind: kind[0], kindEn: kind[1], amount: v !== undefined ? fmt(ctx, v) : '—' });
        }
      }
    }
  }
  checkProjects(ctx);
}

/** Projects, 表16 tasks and tables stated empty. */
function checkProjects(ctx: Ctx): void {
  const u = ctx.unit;
  const f = ctx.figures;
  for (const pf of f.projects) {
    const p = pf.project;
    const name = p.name.text;
    const total = pf.total;
    const against = { zh: '按资金来源的金额合计', en: 'the amounts by funding source' };
    // The project's written amount against its amounts by funding source (under 容差: within their rounding). The
    // written figures of its total: its amounts by source, else its amount (projectSum).
    const totalSum = projectSum(p);
    if (p.amount && p.bySource.length && total !== undefined && p.amount.value !== total) {
      const tolerance = sidesTolerance(ctx.rounding, one(p.amount), totalSum);
      if (!recorded(ctx, { code: 'BUD502', declared: p.amount, computed: total, tolerance, ok: abs(p.amount.value - total) <= tolerance, against }).ok) {
        projectReport(ctx, p, p.amount, { zh: '金额', en: 'amount' }, total, tolerance, p.bySource.map((b) => ({ ...b.span, message: { zh: sourceKey(b.source), en: sourceKey(b.source) } })));
      }
    }
    if (total === undefined) continue;
    // The project's own written amount, which its function-code and economic lines must add up to.
    const whole = p.amount ? [{ ...p.amount.span, message: { zh: `项目金额 ${p.amount.text}`, en: `the project's amount ${p.amount.text}` } }] : [];
    // Its function-code and economic lines against its total, under 容差 within the rounding of both (sidesAgree).
    const lines = (v: Money, amounts: Array<Amount | undefined>): { ok: boolean; tolerance: Money } => sidesAgree(ctx, v, () => plus(...amounts.map(one)), total, () => totalSum);
    const func = pf.funcTotal !== undefined ? lines(pf.funcTotal, p.funcRefs.map((r) => r.amount)) : undefined;
    if (pf.funcTotal !== undefined && !func!.ok) {
      const at = p.funcRefs.find((r) => r.amount)!;
      ctx.report('BUD502', at.span, { project: name, what: '功能科目金额合计', whatEn: 'the function-code amounts', declared: fmt(ctx, pf.funcTotal), computed: fmt(ctx, total), diff: fmt(ctx, pf.funcTotal - total), ...toleranceArgs(ctx, func!.tolerance) }, {
        related: [...whole, ...p.funcRefs.filter((r) => r.amount).map((r) => ({ ...r.span, message: { zh: `${r.code}：${r.amount!.text}`, en: `${r.code}: ${r.amount!.text}` } }))],
      });
    }
    const econ = pf.econTotal !== undefined ? lines(pf.econTotal, p.econ.map((l) => l.amount)) : undefined;
    if (pf.econTotal !== undefined && !econ!.ok) {
      ctx.report('BUD502', p.econSpan ?? p.name.span, { project: name, what: '经济分类合计', whatEn: 'the economic lines', declared: fmt(ctx, pf.econTotal), computed: fmt(ctx, total), diff: fmt(ctx, pf.econTotal - total), ...toleranceArgs(ctx, econ!.tolerance) }, {
        related: [...whole, ...p.econ.filter((l) => l.amount).map((l) => ({ ...l.span, message: { zh: `${l.code}：${l.amount!.text}`, en: `${l.code}: ${l.amount!.text}` } }))],
      });
    }
  }
  // 表16 tasks.
  const o = u.overall;
  if (o && o.tasks.some((t) => t.amount)) {
    const sum = o.tasks.reduce((a, t) => a + (t.amount?.value ?? 0n), 0n);
    const tasks = plus(...o.tasks.map((t) => one(t.amount)));
    // The 合计 row as stated (statedTotal), with the written figures it is (statedSum).
    const fb = statedSum(ctx, u.func?.total?.cells.basic, f.func, 'basic');
    const b = fb.value !== undefined ? fb : statedSum(ctx, u.econ?.total?.cells.basic, f.econ, 'basic');
    const t = statedSum(ctx, u.func?.total?.cells.total, f.func);
    const basic = b.value;
    const total = t.value;
    // Under 容差 the tasks' sum may differ from either by the rounding of both (sidesAgree).
    const agrees = (x: { value?: Money; sum: Summed }): { ok: boolean; tolerance: Money } =>
      x.value === undefined ? { ok: false, tolerance: 0n } : sidesAgree(ctx, sum, () => tasks, x.value, () => x.sum);
    const [ab, at] = [agrees(b), agrees(t)];
    if (basic !== undefined && !ab.ok && !at.ok) {
      const tol = ab.tolerance > at.tolerance ? ab.tolerance : at.tolerance;
      ctx.report('BUD507', o.tasks.find((x) => x.amount)!.span, { declared: fmt(ctx, sum), basic: fmt(ctx, basic), total: total !== undefined ? fmt(ctx, total) : '—', ...toleranceArgs(ctx, tol) }, {
        related: o.tasks.filter((t) => t.amount).map((t) => ({ ...t.amount!.span, message: { zh: t.name.text, en: t.name.text } })),
      });
    }
  }
  // Empty tables.
  for (const l of u.lists) {
    if (!l.empty) continue;
    const t = LIST_TABLE_NAMES[l.table];
    const srcName = l.table === 'fundExp' ? '政府性基金预算' : l.table === 'capitalExp' ? '国有资本经营预算' : undefined;
    if (!srcName) continue;
    const rows = (u.func?.rows ?? []).filter((r) => r.source?.source === srcName);
    const projs = u.projects.filter((p) => p.bySource.some((b) => b.source.source === srcName));
    if (rows.length || projs.length) {
      ctx.report('BUD505', l.span, { table: t.zh, tableEn: t.en, what: `有${srcName}安排的支出`, whatEn: `there is ${srcName} spending` }, {
        related: [...rows.map((r) => ({ ...r.span, message: { zh: r.code, en: r.code } })), ...projs.map((p) => ({ ...p.name.span, message: { zh: p.name.text, en: p.name.text } }))],
      });
    }
  }
}

function projectReport(ctx: Ctx, p: Project, d: Amount, what: { zh: string; en: string }, v: Money, tolerance: Money, related: Related[]): void {
  ctx.report('BUD502', d.span, { project: p.name.text, what: what.zh, whatEn: what.en, declared: d.text, computed: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit) }, { related, fixes: [setTo(d, v)] });
}

export const crossTables = defineCheck('cross-table identities', ['BUD501', 'BUD502', 'BUD505', 'BUD506', 'BUD507', 'BUD512', 'BUD513'], checkCrossTables);
