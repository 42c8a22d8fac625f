/** Walks over the model's amounts (every figure written in the file, in source order). */
import type { Amount, BudgetModel, Unit } from './model';

export function allAmounts(model: BudgetModel): Amount[] {
  return model.units.flatMap(unitAmounts).sort((a, b) => a.span.start - b.span.start);
}

/** Every amount written in one unit, in source order. */
export function unitAmounts(u: Unit): Amount[] {
  const out: Amount[] = [];
  const add = (a: Amount | undefined): void => {
    if (a) out.push(a);
  };
  {
    for (const l of u.income?.lines ?? []) add(l.amount);
    const inc = u.incomeFunc;
    if (inc) for (const r of [...inc.rows, ...(inc.total ? [inc.total] : [])]) for (const c of r.cells) add(c.amount);
    for (const sec of [u.func, u.econ, u.gov]) {
      if (!sec) continue;
      for (const r of [...sec.rows, ...(sec.total ? [sec.total] : [])]) for (const a of Object.values(r.cells)) add(a);
      for (const e of Object.values(sec.extras)) add(e?.amount);
    }
    for (const l of u.sangong?.lines ?? []) add(l.amount);
    for (const p of u.projects) {
      add(p.amount);
      for (const b of p.bySource) add(b.amount);
      for (const r of p.funcRefs) add(r.amount);
      for (const l of p.econ) add(l.amount);
      add(p.fundsTotal);
      add(p.fundsFiscal);
      add(p.fundsOther);
      add(p.fundsCarried);
    }
    for (const t of u.overall?.tasks ?? []) add(t.amount);
    for (const l of u.lists) for (const r of l.rows) for (const a of Object.values(r.cells)) add(a);
    for (const l of u.comparison?.lines ?? []) {
      add(l.current);
      add(l.previous);
      add(l.change?.amount);
    }
    for (const t of u.printed) for (const r of t.rows) for (const c of r.cells) add(c.amount);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
