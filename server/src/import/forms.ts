/**
 * Forms: the project list (辽宁 表9), the unit's overall performance targets (表16) and the project
 * performance forms (辽宁 表17, the Shanghai 绩效目标表) → 项目 and 整体绩效 blocks.
 */
import type { MoneyUnit } from '../core/money';
import type { TableDef } from './layouts';
import type { ImportModel } from './model';
import type { TableSegment } from './segment';
import { refOf } from './source';

function keepAll(m: ImportModel, s: TableSegment, def: TableDef): void {
  m.tables.push({ def, figures: 0, page: s.title.page });
  for (const l of s.parts.flat()) m.comments.push({ where: def.id, ref: refOf(l) });
}

export function placeProjects(m: ImportModel, s: TableSegment, def: TableDef, positional: boolean, unit: MoneyUnit): void {
  void positional; void unit;
  keepAll(m, s, def);
}

export function placeOverall(m: ImportModel, s: TableSegment, def: TableDef, positional: boolean, unit: MoneyUnit): void {
  void positional; void unit;
  keepAll(m, s, def);
}

export function placeForms(m: ImportModel, s: TableSegment, def: TableDef, positional: boolean, unit: MoneyUnit): void {
  void positional; void unit;
  keepAll(m, s, def);
}
