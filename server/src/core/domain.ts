/**
 * The rules of the published budget tables that are not words of the language: which figures add up to which
 * (columns, income items, 三公), which economic line pays each 三公 item, when an indicator speaks of its
 * project's own money. compute.ts, the checks, hover and inlay hints all read them from here, so that a rule is
 * written once.
 */
import { normalizeName } from './catalog';
import { FISCAL_SOURCES, UNIT_FUND_SOURCES, type Column, type IncomeItem, type SangongItem } from './keywords';
import type { IndicatorValue, OpName } from './model';
import { TICKS, type Money } from './money';

/** Column identities of a row of 支出/经济分类: parent = the sum of its children (合计 = 基本 + 项目, 基本 = 人员 + 公用). */
export const COLUMN_CHILDREN: Partial<Record<Column, Column[]>> = {
  total: ['basic', 'project'],
  basic: ['personnel', 'public'],
};

/** Children of each inner income node (within one period: this year or carried over). */
export const INCOME_TREE: Partial<Record<IncomeItem, IncomeItem[]>> = {
  本年收入合计: ['财政拨款', '财政专户管理资金', '单位资金'],
  财政拨款: FISCAL_SOURCES,
  单位资金: UNIT_FUND_SOURCES,
};

/**
 * 三公 items made of parts (表7): the 三公 total is 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费, the vehicles
 * item is its purchase + its running costs. 机关运行经费 (agency operating funds, published on the same table) is
 * no part of the 三公 total and has no parts.
 */
export const SANGONG_PARTS: Partial<Record<SangongItem, SangongItem[]>> = {
  total: ['abroad', 'vehicle', 'reception'],
  vehicle: ['vehiclePurchase', 'vehicleRun'],
};

/** The 三公 items an item is part of, nearest first (公务用车购置费 → 公务用车购置及运行费, 合计). */
export function sangongWholes(item: SangongItem): SangongItem[] {
  const whole = (Object.entries(SANGONG_PARTS) as Array<[SangongItem, SangongItem[]]>).find(([, parts]) => parts.includes(item))?.[0];
  return whole ? [whole, ...sangongWholes(whole)] : [];
}

/** The economic line (部门经济分类) each 三公 item is paid from: the item cannot exceed it. */
export const SANGONG_ECON: Partial<Record<SangongItem, string>> = { abroad: '30212', vehiclePurchase: '31013', vehicleRun: '30231', reception: '30217' };

/**
 * The figure of each 三公 item: the sum of its parts where any part is written (an unwritten part counts 0, as an
 * empty published cell), else the item as written.
 */
export function sangongValues(declared: Partial<Record<SangongItem, Money>>): Partial<Record<SangongItem, Money>> {
  const values: Partial<Record<SangongItem, Money>> = {};
  const value = (item: SangongItem): Money | undefined => {
    if (item in values) return values[item];
    const parts = SANGONG_PARTS[item]?.map(value);
    const v = parts?.some((p) => p !== undefined) ? parts.reduce<Money>((a, p) => a + (p ?? 0n), 0n) : declared[item];
    if (v !== undefined) values[item] = v;
    return v;
  };
  for (const item of ['vehiclePurchase', 'vehicleRun', 'vehicle', 'abroad', 'reception', 'total', 'opsFunds'] as const) value(item);
  return values;
}

/** Whether an indicator's name names the project itself (same name, or the project name ends with it). */
export function namesProject(indicator: string, project: string): boolean {
  const a = normalizeName(indicator);
  const b = normalizeName(project);
  if (a.length < 3) return false;
  return a === b || b.endsWith(a) || a.endsWith(b);
}

/** An indicator's numeric value in a money unit (`factor` 元 per unit) as ticks, exactly. */
export function indicatorMoney(num: NonNullable<IndicatorValue['num']>, factor: bigint): Money {
  return (num.negative ? -1n : 1n) * num.digits * factor * TICKS['元'] / 10n ** BigInt(num.decimals);
}

/** Whether `a op b` holds (an indicator's operator applied to its project's amount and its value). */
export function opHolds(op: OpName, a: Money, b: Money): boolean {
  switch (op) {
    case '=': return a === b;
    case '<=': return a <= b;
    case '>=': return a >= b;
    case '<': return a < b;
    case '>': return a > b;
  }
}

/** An indicator in percent that states a rate of change (it may be negative or above 100%). */
export function isRateOfChange(indicatorName: string): boolean {
  return /变动率|增长率|增幅|降幅|变化率/.test(indicatorName);
}
