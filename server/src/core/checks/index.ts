/**
 * The checker: the registry of checks, one file per check (as rust-analyzer's diagnostics handlers). Each check
 * is a function of a unit's model and figures that reports diagnostics with the registry codes it declares;
 * they run in the order listed here. A department's own figures are checked against its units by
 * `checkConsolidation`, the one check across units.
 */
import { balance } from './balance';
import { comparisons } from './comparisons';
import type { Check } from './context';
import { crossTables } from './crossTables';
import { income } from './income';
import { incomeFuncCross } from './incomeFuncCross';
import { incomeFuncRows } from './incomeFuncRows';
import { indicators } from './indicators';
import { layoutTables } from './layoutTables';
import { listTables } from './listTables';
import { projectAttributes } from './projectAttributes';
import { rollups } from './rollups';
import { opsFunds } from './opsFunds';
import { printed } from './printed';
import { sangong } from './sangong';
import { structure } from './structure';
import { narrative } from './narrative';
import { tableNotes } from './tableNotes';
import { unitHeader } from './unitHeader';

export { checkConsolidation, CONSOLIDATION_CODES } from './consolidation';
export { compare, type Check, type CheckContext } from './context';

/** All checks of a unit, in reporting order. */
export const CHECKS: readonly Check[] = [
  unitHeader,
  structure,
  rollups,
  income,
  incomeFuncRows,
  balance,
  crossTables,
  projectAttributes,
  incomeFuncCross,
  sangong,
  opsFunds,
  listTables,
  indicators,
  comparisons,
  tableNotes,
  narrative,
  layoutTables,
  printed,
];
