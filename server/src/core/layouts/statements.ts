/**
 * The text of an official workbook's 说明 sheets that a budget file states, worded as the published documents word
 * it (so that a reader of the documents — the importer among them — reads it back):
 *
 * - 机构设置: the units of the budget and their 性质 (“本部门中，行政单位 1 家，具体包括：1. …（行政单位）。”);
 * - 其他相关情况说明: the 政府采购 budget (“政府采购预算 …元，其中：政府采购货物预算 …元、…。面向中小企业预留政府采购项目预算
 *   …元，其中，预留给小型和微型企业 …元。”), its figures as written, in their money unit.
 *
 * Everything else on those sheets (职能, 名词解释, the 说明's prose) is not in a budget file: left to be written in.
 */
import type { UnitFigures } from '../compute';
import type { ListRow } from '../model';

/** A unit of the workbook's budget, with its 性质 as written. */
export interface WorkbookUnit {
  name: string;
  kind?: string;
}

export function workbookUnits(group: UnitFigures[]): WorkbookUnit[] {
  // A 部门's own (consolidated) figures are not a unit of its budget.
  const units = group.some((f) => !f.unit.consolidates) ? group.filter((f) => !f.unit.consolidates) : group;
  return units.map((f) => ({ name: f.unit.name.text, ...(f.unit.kind ? { kind: f.unit.kind.text } : {}) }));
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 机构设置: how many units of each 性质, then the units one per line. */
export function organisationText(units: WorkbookUnit[], subject: string): string[] {
  if (!units.length) return [];
  const counts = new Map<string, number>();
  for (const u of units) if (u.kind) counts.set(u.kind, (counts.get(u.kind) ?? 0) + 1);
  const allKnown = units.every((u) => u.kind);
  const head = allKnown
    ? `本${subject}中，${[...counts].map(([k, n]) => `${k} ${n} 家`).join('，')}，具体包括：`
    : `本${subject}预算包括 ${units.length} 家预算单位，具体包括：`;
  return [head, ...units.map((u, i) => `${i + 1}. ${u.name}${u.kind ? `（${u.kind}）` : ''}。`)];
}

function rowText(r: ListRow): string | undefined {
  const a = r.cells['总计'];
  if (!a) return undefined;
  const name = (r.name?.text ?? '').replace(/^其中[：:，,\s]*/, '');
  return `${name}${a.text}${a.unit}`;
}

/** 其他相关情况说明 · 政府采购预算情况: the procurement budget of each unit that states one. */
export function procurementText(group: UnitFigures[], year: number | undefined, subject: string): string[] {
  const out: string[] = [];
  const lists = group.flatMap((f) => f.unit.lists.filter((l) => l.table === 'procurement' && !l.empty).map((l) => ({ f, l })));
  lists.forEach(({ f, l }, k) => {
    const total = l.rows.find((r) => r.role === 'total') ?? l.rows.find((r) => !r.role && /^政府采购预算/.test(r.name?.text ?? ''));
    const parts = l.rows.filter((r) => r.role === 'part');
    const items = l.rows.filter((r) => r !== total && !r.role);
    const who = lists.length > 1 ? f.unit.name.text : `本${subject}`;
    const a = total?.cells['总计'];
    const first = a
      ? `${year ? `${year}年` : ''}${who}政府采购预算${a.text}${a.unit}${items.length ? `，其中：${items.map(rowText).filter(Boolean).join('、')}` : ''}。`
      : `${who}${items.map(rowText).filter(Boolean).join('、')}。`;
    out.push(`${CN[k] ?? k + 1}、政府采购预算情况`, first);
    const said = parts.map(rowText).filter(Boolean);
    if (said.length) out.push(`${said[0]}${said.slice(1).map((s) => `，其中，${s}`).join('')}。`);
  });
  return out;
}
