/**
 * A code's spending by funding source. 支出 rows come from the table of all sources (表3); the tables of one source
 * (表5 一般公共预算, 表8 / 上海表6 政府性基金, 上海表7 国有资本经营) and the table by source (表10) print what each source
 * spends. Where a code is spent from another source than 一般公共预算 (the language's default), its row is written
 * per source, as the language states it (`2120104 城管执法 来源 事业收入 项目 140.00`): the 一般公共预算 row and a
 * fund's row with the kinds their tables print, another source's row with its total — under the one kind the code
 * has, when the table of all sources shows only one (a code all 项目支出 is 项目支出 from every source). The row of all
 * sources is then the language's sum, and its printed figures are compared with it (表3 is verified).
 *
 * 单位资金 (表10 prints its five sources as one column) is the one unit-fund source the unit has income from, or the
 * sources 收入科目 (the code × source matrix the language holds) prints for the code, when they add up to it. A code
 * whose sources cannot be told is left whole (its per-source figures stay verified, and differ: kept as comments).
 * Nothing is computed: every figure written is one the document printed.
 */
import { parseMoney, type MoneyUnit } from '../core/money';
import { amountLiteral } from './cells';
import type { DerivedCheck, ImportModel, RowM } from './model';
import type { Fig } from './tables';

const DEFAULT = '一般公共预算';
const UNIT_FUNDS = ['事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入'];
/** Columns of the table by source that are sums of sources. */
const SUMS = new Set(['收入总计', '本年收入合计', '上年结转:上年结转结余']);
const KINDS = ['total', 'basic', 'personnel', 'public', 'project'];

interface Part {
  kinds: Map<string, { fig: Fig; check?: DerivedCheck }>;
}

function value(f: Fig | undefined, unit: MoneyUnit): bigint {
  return f ? parseMoney(amountLiteral(f.text), unit) ?? 0n : 0n;
}

export function splitBySource(m: ImportModel): void {
  const unit = m.moneyUnit;
  // What each source spends on each code, as the tables of one source and the table by source print it.
  const parts = new Map<string, Map<string, Part>>();
  const partOf = (code: string, source: string): Part => {
    let byCode = parts.get(code);
    if (!byCode) parts.set(code, (byCode = new Map()));
    let p = byCode.get(source);
    if (!p) byCode.set(source, (p = { kinds: new Map() }));
    return p;
  };
  for (const d of m.derived) {
    const src = d.def.source;
    if (!src || d.row === '合计' || d.def.kind !== 'func') continue;
    const col = d.def.columns?.find((c) => c.derived === d.column);
    if (!col) continue;
    const [source, kind] = src === 'columns' ? [col.key, 'total'] : [src, col.key];
    if (SUMS.has(source)) continue;
    const p = partOf(d.row, source);
    if (!p.kinds.has(kind)) p.kinds.set(kind, { fig: d.fig, check: d });
  }
  const all = m.tables.find((t) => t.def.kind === 'func' && t.def.role === 'primary')?.def;
  const rows = m.func.filter((r) => !r.isTotal && !r.source);
  const leaves = rows.filter((r) => !rows.some((x) => x !== r && x.code.length > r.code.length && x.code.startsWith(r.code)));
  const placed = new Set<DerivedCheck>();
  for (const row of leaves) {
    const byCode = parts.get(row.code);
    if (!byCode) continue;
    const spent = [...byCode].filter(([, p]) => [...p.kinds.values()].some((k) => value(k.fig, unit) !== 0n));
    if (!spent.length || spent.every(([s]) => s === DEFAULT)) continue;
    const resolved = resolveUnitFunds(m, row.code, spent, unit);
    if (!resolved) {
      m.notes.push({ zh: `${row.codeText}：单位资金的来源无法确定，未按来源分行`, en: `${row.codeText}: the sources of its 单位资金 cannot be told; not split by source` });
      continue;
    }
    if (resolved.length === 1) {
      // All of the code's money from one source: the row of all sources is that source's.
      row.source = resolved[0][0];
      continue;
    }
    // The row of all sources becomes the language's sum: its printed figures are verified (表3).
    const at = m.func.indexOf(row);
    const split: RowM[] = [];
    const only = onlyKind(row, unit);
    for (const [source, p] of resolved.sort(([a], [b]) => (a === DEFAULT ? -1 : b === DEFAULT ? 1 : 0))) {
      const r: RowM = { ...row, cells: new Map(), source: source === DEFAULT ? undefined : source };
      const total = p.kinds.get('total');
      const kinds = KINDS.filter((k) => k !== 'total' && p.kinds.has(k));
      if (kinds.length) {
        for (const k of KINDS) {
          const f = p.kinds.get(k);
          if (!f) continue;
          r.cells.set(k, f.fig);
          if (f.check) placed.add(f.check);
        }
      } else if (total) {
        r.cells.set(only ?? 'total', total.fig);
        if (total.check) placed.add(total.check);
      }
      split.push(r);
    }
    m.func.splice(at, 1, ...split);
    if (all) {
      for (const [k, f] of row.cells) {
        const col = all.columns?.find((c) => c.key === k);
        if (col?.derived) m.derived.push({ def: all, table: all.id, row: row.code, column: col.derived, fig: f, unit });
      }
    }
  }
  m.derived = m.derived.filter((d) => !placed.has(d));
}

/**
 * The sources of a code with 单位资金 (or carried-over 单位资金) told apart: the unit's one unit-fund source of income,
 * or the unit-fund sources 收入科目 prints for the code when they add up to it. Undefined when they cannot be told.
 */
function resolveUnitFunds(m: ImportModel, code: string, spent: Array<[string, Part]>, unit: MoneyUnit): Array<[string, Part]> | undefined {
  const out: Array<[string, Part]> = [];
  for (const [source, p] of spent) {
    const carried = source.startsWith('上年结转:');
    if (source.replace(/^上年结转:/, '') !== '单位资金') {
      out.push([source, p]);
      continue;
    }
    const total = p.kinds.get('total');
    const income = m.income.filter((l) => l.carried === carried && UNIT_FUNDS.includes(l.item) && value(l.fig, unit) !== 0n);
    if (income.length === 1) {
      out.push([`${carried ? '上年结转:' : ''}${income[0].item}`, p]);
      continue;
    }
    const row = carried ? undefined : m.incomeFunc.find((r) => !r.isTotal && r.code === code);
    const cells = UNIT_FUNDS.flatMap((s) => {
      const f = row?.cells.get(s);
      return f && value(f, unit) !== 0n ? [[s, f] as const] : [];
    });
    if (!total || !cells.length || cells.reduce((a, [, f]) => a + value(f, unit), 0n) !== value(total.fig, unit)) return undefined;
    // The table by source's 单位资金 figure itself stays verified against the sum of these rows.
    for (const [s, f] of cells) out.push([s, { kinds: new Map([['total', { fig: f }]]) }]);
  }
  return out;
}

/** The one kind of a row that shows only one (all 项目支出, or a 基本支出 all 人员经费 …), if it does. */
function onlyKind(row: RowM, unit: MoneyUnit): string | undefined {
  const has = (k: string): boolean => value(row.cells.get(k), unit) !== 0n;
  if (has('project') && !has('basic') && !has('personnel') && !has('public')) return 'project';
  if (!has('project')) {
    if (has('personnel') && !has('public')) return 'personnel';
    if (has('public') && !has('personnel')) return 'public';
    if (has('basic')) return 'basic';
  }
  return undefined;
}
