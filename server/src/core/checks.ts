/**
 * The checker. Each check is a function of a unit's model and figures that reports diagnostics with a
 * registry code; checks are listed in CHECKS by concern, so one can be read (and tested) on its own.
 */
import { codeLengths, levelName, normalizeName, parentCode, type ClassKind } from './catalog';
import {
  incomeChildren, incomeFuncExpected, rowCoversAllSources, incomeFuncKey, incomeFuncStated, isFiscal, isUnitFund, parseSourceKey, sourceKey, type IncomeFuncNode, type TreeNode,
  type UnitFigures,
} from './compute';
import type { Diagnostic, DiagnosticCode, Fix, Related, Span } from './diagnostics';
import { severityOf } from './diagnostics';
import {
  COLUMN_CHILDREN, COLUMN_NAMES, FISCAL_SOURCES, UNIT_FUND_SOURCES, LEVEL1_KNOWN, LEVEL2_KNOWN, LIST_TABLE_NAMES, MONEY_UNITS, SANGONG_NAMES, type Column,
  INCOME_FUNC_COLUMNS, incomeColumnName, compareFigureName, type SangongItem,
} from './keywords';
import type { Amount, BudgetModel, DateValue, IncomeFuncRow, Indicator, IndicatorBlock, ListRow, Project, Row, RoundingMode, Section, Unit } from './model';
import { unitAmounts } from './walk';
import { checkLayoutTables } from './layouts/requirements';
import { amountAgrees, changeAgrees, comparisonBoundsAll, comparisonFigures, formatRate, formatScaled, likeWritten, rateAgreesWithin, roundRate, writtenChange, writtenRate } from './comparison';
import { abs, formatMoney, halfUlp, TICKS, type Money, type MoneyUnit } from './money';

export interface CheckContext {
  model: BudgetModel;
  unit: Unit;
  figures: UnitFigures;
  rounding: RoundingMode;
  text: string;
  report(code: DiagnosticCode, span: Span, args: Record<string, string | number>, extra?: Partial<Diagnostic>): void;
}

const KIND_NAME: Record<ClassKind, { zh: string; en: string; section: string }> = {
  func: { zh: '支出功能分类', en: 'function classification', section: '支出' },
  econ: { zh: '部门经济分类', en: 'department economic classification', section: '经济分类' },
  gov: { zh: '政府经济分类', en: 'government economic classification', section: '政府经济分类' },
};

const DISPLAY_DECIMALS = new WeakMap<Unit, number>();

/** Decimals to show in messages: as the document writes its amounts (whole 元 documents: none). */
function displayDecimals(u: Unit): number {
  let d = DISPLAY_DECIMALS.get(u);
  if (d === undefined) {
    d = Math.min(2, unitAmounts(u).filter((a) => a.unit === u.moneyUnit).reduce((m, a) => Math.max(m, a.decimals), 0));
    DISPLAY_DECIMALS.set(u, d);
  }
  return d;
}

/** Formats an amount for a message: in the document's unit, or in a figure's own (a block's 金额单位). */
function fmt(ctx: CheckContext, v: Money, unit: MoneyUnit = ctx.unit.moneyUnit): string {
  return formatMoney(v, unit, { minDecimals: unit === ctx.unit.moneyUnit ? displayDecimals(ctx.unit) : 2 });
}

/** Compares a declared amount with a computed one under the rounding mode. Returns the tolerance used. */
export function withinTolerance(ctx: CheckContext, declared: Amount, computed: Money, parts: number): { ok: boolean; tolerance: Money } {
  const diff = abs(declared.value - computed);
  if (diff === 0n) return { ok: true, tolerance: 0n };
  if (ctx.rounding !== 'tolerant') return { ok: false, tolerance: 0n };
  const tol = BigInt(parts + 1) * halfUlp(declared.decimals, declared.unit);
  return { ok: diff <= tol, tolerance: tol };
}

function toleranceArgs(ctx: CheckContext, tol: Money, unit: MoneyUnit = ctx.unit.moneyUnit): { tolerance: string; toleranceEn: string } {
  if (tol === 0n) return { tolerance: '', toleranceEn: '' };
  const t = formatMoney(tol, unit, { minDecimals: 0 });
  return { tolerance: `，超出容差 ±${t}`, toleranceEn: `, beyond the tolerance ±${t}` };
}

/** The fix that writes the computed figure over a declared one (in the unit the figure is written in). */
function setTo(declared: Amount, computed: Money): Fix {
  const t = formatMoney(computed, declared.unit, { minDecimals: declared.decimals, grouping: declared.text.includes(',') });
  return {
    title: { zh: `改为计算值 ${t}`, en: `Set to the computed sum ${t}` },
    edits: [{ start: declared.span.start, end: declared.span.end, newText: t }],
    preferred: true,
  };
}

function rowLabel(ctx: CheckContext, kind: ClassKind, row: Row | undefined, code: string): { zh: string; en: string } {
  if (!code) return { zh: `${KIND_NAME[kind].zh}合计行`, en: `the ${KIND_NAME[kind].en} total row` };
  const name = row?.name?.text ?? ctx.figures[kind].byCode.get(code)?.name ?? '';
  const src = row?.source ? `（${sourceKey(row.source)}）` : '';
  return { zh: `科目 ${code} ${name}${src}`, en: `code ${code} ${name}${src ? ` (${sourceKey(row!.source)})` : ''}` };
}

// ── 1. structure ───────────────────────────────────────────────────────────────────────────────────

function checkStructure(ctx: CheckContext): void {
  const u = ctx.unit;
  // The first row of each code, per section (lookups stay linear in the number of rows).
  const firstRow = (sec: Section | undefined): Map<string, Row> => {
    const m = new Map<string, Row>();
    for (const r of sec?.rows ?? []) if (!m.has(r.code)) m.set(r.code, r);
    return m;
  };
  const funcRows = firstRow(u.func);
  const econRows = firstRow(u.econ);
  for (const kind of ['func', 'econ', 'gov'] as const) {
    const sec = u[kind];
    if (!sec) continue;
    const rowsByCode = kind === 'func' ? funcRows : kind === 'econ' ? econRows : firstRow(sec);
    checkCodeRows(ctx, kind, sec.rows, rowsByCode, KIND_NAME[kind]);
  }
  // 收入科目 (income by function code): the same rules for its codes, against its own rows.
  const inc = u.incomeFunc;
  if (inc) {
    const rowsByCode = new Map<string, unknown>();
    for (const r of inc.rows) if (!rowsByCode.has(r.code)) rowsByCode.set(r.code, r);
    checkCodeRows(ctx, 'func', inc.rows, rowsByCode, { zh: '功能分类', en: 'function classification' });
  }
  // Projects' function codes: listed rows, or at least a complete catalog entry and a listed parent.
  if (u.func) {
    for (const p of u.projects) if (!p.funcRefs.length) ctx.report('BUD108', p.name.span, { project: p.name.text });
    for (const p of u.projects) {
      for (const ref of p.funcRefs) {
        if (ref.code.length !== 7 && ref.code.length !== 5 && ref.code.length !== 3) {
          ctx.report('BUD101', ref.span, { kind: KIND_NAME.func.zh, kindEn: KIND_NAME.func.en, code: ref.code, lengths: '3/5/7' });
          continue;
        }
        if (funcRows.has(ref.code)) continue;
        const parent = parentCode(ref.code);
        if (parent && !funcRows.has(parent)) ctx.report('BUD102', ref.span, { code: ref.code, parent });
        if (!ctx.figures.catalog.get('func', ref.code)) ctx.report('BUD107', ref.span, { code: ref.code });
      }
    }
  }
  if (u.econ) {
    for (const p of u.projects) {
      for (const l of p.econ) {
        if (l.code.length !== 5 && l.code.length !== 3) ctx.report('BUD101', l.codeSpan, { kind: KIND_NAME.econ.zh, kindEn: KIND_NAME.econ.en, code: l.code, lengths: '3/5' });
        else if (l.code[0] !== '3') ctx.report('BUD106', l.codeSpan, { code: l.code, kind: KIND_NAME.econ.zh, kindEn: KIND_NAME.econ.en });
        else if (!econRows.has(l.code)) {
          const parent = parentCode(l.code);
          if (parent && !econRows.has(parent)) ctx.report('BUD102', l.codeSpan, { code: l.code, parent });
        }
        if (l.name) {
          const entry = ctx.figures.catalog.get('econ', l.code);
          const rowName = econRows.get(l.code)?.name?.text;
          const ok = rowName ? normalizeName(rowName) === normalizeName(l.name.text) : ctx.figures.catalog.nameMatches('econ', l.code, l.name.text);
          if (!ok) ctx.report('BUD104', l.name.span, { code: l.code, name: l.name.text, expected: rowName ?? entry?.names[0] ?? '', source: rowName ? '经济分类' : entry?.sources.join('、') ?? '' });
        }
      }
    }
  }
}

/** A written row with a code, of any block (支出, 经济分类, 政府经济分类, 收入科目). */
interface CodeRow {
  code: string;
  codeSpan: Span;
  name?: { text: string; span: Span };
  span: Span;
  source?: Row['source'];
}

/**
 * The code rules for the rows of one block: length (BUD101), classification (BUD106), repeated code (BUD103),
 * parent listed (BUD102, with the insert fix), catalog name (BUD104, with the rename fix), unknown code (BUD105,
 * information only: the catalog is partial).
 */
function checkCodeRows(ctx: CheckContext, kind: ClassKind, rows: CodeRow[], rowsByCode: Map<string, unknown>, kindName: { zh: string; en: string }): void {
  const seen = new Map<string, CodeRow>();
  const lens = codeLengths(kind);
  for (const r of rows) {
    const firstDigit = r.code[0];
    const wrongClass = (kind === 'func' && (firstDigit === '3' || firstDigit === '5')) || (kind === 'econ' && firstDigit !== '3') || (kind === 'gov' && firstDigit !== '5');
    if (!lens.includes(r.code.length)) {
      ctx.report('BUD101', r.codeSpan, { kind: kindName.zh, kindEn: kindName.en, code: r.code, lengths: lens.join('/') });
      continue;
    }
    if (wrongClass) {
      ctx.report('BUD106', r.codeSpan, { code: r.code, kind: kindName.zh, kindEn: kindName.en });
      continue;
    }
    const key = r.code + '|' + sourceKey(r.source);
    const prev = seen.get(key);
    if (prev) {
      const src = r.source ? `（${sourceKey(r.source)}）` : '';
      ctx.report('BUD103', r.codeSpan, { code: r.code, source: src, sourceEn: src ? ` (${sourceKey(r.source)})` : '' }, {
        related: [{ ...prev.codeSpan, message: { zh: '第一次出现', en: 'first written here' } }],
      });
    } else seen.set(key, r);
    const parent = parentCode(r.code);
    if (parent && !rowsByCode.has(parent)) {
      const pname = ctx.figures.catalog.get(kind, parent)?.names[0];
      // A new line with the row's indentation; a row that shares its line (`支出 { 2080150 … }`) gets the
      // parent written just before it on that line's continuation.
      const lineStart = ctx.text.lastIndexOf('\n', r.span.start - 1) + 1;
      const before = ctx.text.slice(lineStart, r.span.start);
      const indent = /^[ \t\u3000]*/.exec(before)![0];
      const parentLine = `${parent}${pname ? ' ' + pname : ''}`;
      const alone = indent.length === before.length;
      const fixes: Fix[] = [{
        title: { zh: `插入上级科目 ${parentLine}`, en: `Insert the parent code ${parentLine}` },
        edits: [alone
          ? { start: lineStart, end: lineStart, newText: `${indent}${parentLine}\n` }
          : { start: r.span.start, end: r.span.start, newText: `${parentLine}\n${indent}` }],
        preferred: true,
      }];
      ctx.report('BUD102', r.codeSpan, { code: r.code, parent }, { fixes });
    }
    checkCatalog(ctx, kind, r);
  }
}

/**
 * A row's code and name against the catalog edition of the unit (its 科目版本, else its 年度): a code that is not
 * one of the edition's, where the catalog knows the parent completely (BUD109, with the nearest codes as fixes);
 * a name of another edition (BUD110, with the rename); a name that is no edition's (BUD104); a code the partial
 * catalog does not know (BUD105, information).
 */
function checkCatalog(ctx: CheckContext, kind: ClassKind, r: CodeRow): void {
  const cat = ctx.figures.catalog;
  const entry = cat.get(kind, r.code);
  const parent = parentCode(r.code);
  const edition = cat.edition;
  if (!entry || (!entry.inEdition && !entry.local)) {
    if (!cat.isComplete(kind, parent)) {
      if (!entry) ctx.report('BUD105', r.codeSpan, { code: r.code });
      return;
    }
    const other = entry ? `（${entry.editions} 年版有此科目）` : '';
    const otherEn = entry ? ` (it is in the ${entry.editions} edition${entry.editions.ranges.length > 1 || entry.editions.ranges[0][0] !== entry.editions.ranges[0][1] ? 's' : ''})` : '';
    const near = cat.nearestCodes(kind, r.code, r.name?.text);
    const fixes: Fix[] = near.map((e, i) => {
      const name = e.names[0] ?? '';
      const edits = [{ ...r.codeSpan, newText: e.code }];
      if (r.name && name && normalizeName(r.name.text) !== normalizeName(name)) edits.push({ ...r.name.span, newText: name });
      return { title: { zh: `改为 ${e.code} ${name}`, en: `Change to ${e.code} ${name}` }, edits, preferred: i === 0 && near.length === 1 };
    });
    const hint = near.length ? `；是否为 ${near.map((e) => `${e.code} ${e.names[0] ?? ''}`).join('、')}？` : '';
    const hintEn = near.length ? `; did you mean ${near.map((e) => `${e.code} ${e.names[0] ?? ''}`).join(', ')}?` : '';
    ctx.report('BUD109', r.codeSpan, { code: r.code, edition, other, otherEn, parent: parent ?? '', hint, hintEn }, { fixes });
    return;
  }
  if (!r.name || cat.nameMatches(kind, r.code, r.name.text)) return;
  const expected = entry.names[0];
  const rename: Fix[] = [{ title: { zh: `改为“${expected}”`, en: `Rename to “${expected}”` }, edits: [{ ...r.name.span, newText: expected }] }];
  const older = cat.otherEditionNamed(kind, r.code, r.name.text);
  if (older && entry.inEdition) {
    ctx.report('BUD110', r.name.span, { code: r.code, name: r.name.text, other: older.editions.toString(), edition, expected }, { fixes: rename });
    return;
  }
  ctx.report('BUD104', r.name.span, { code: r.code, name: r.name.text, expected, source: entry.sources.join('、') }, { fixes: rename });
}

// ── 2/3. roll-up and row identities ────────────────────────────────────────────────────────────────

function childRelated(ctx: CheckContext, kind: ClassKind, n: TreeNode, col: Column, key?: string): Related[] {
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
function checkRow(ctx: CheckContext, kind: ClassKind, row: Row, n: TreeNode, overall: boolean): void {
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
        const { ok, tolerance } = withinTolerance(ctx, d, v, n.projects.length);
        if (!ok) {
          ctx.report('BUD501', d.span, {
            left: `${label.zh}的项目支出`, leftEn: `${label.en} project expenditure`, leftValue: d.text,
            right: kind === 'func' ? '按功能科目归集的项目金额' : '项目经济分类合计', rightEn: kind === 'func' ? 'the projects booked on this code' : 'the projects’ economic lines', rightValue: fmt(ctx, v, d.unit),
            diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit),
          }, { related: childRelated(ctx, kind, n, 'project', overall ? undefined : key), fixes: [setTo(d, v)] });
        }
        continue;
      }
      if (kind === 'gov' && n.mappedFrom.length && col === 'total') {
        // A government leaf is the sum of the department economic codes mapped to it.
        const v = c ?? 0n;
        const { ok, tolerance } = withinTolerance(ctx, d, v, n.mappedFrom.length);
        if (!ok) {
          ctx.report('BUD501', d.span, {
            left: label.zh, leftEn: label.en, leftValue: d.text, right: '按对照归集的部门经济分类', rightEn: 'the department economic codes mapped to it',
            rightValue: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit),
          }, { related: childRelated(ctx, kind, n, 'total'), fixes: [setTo(d, v)] });
        }
        continue;
      }
      const kids = COLUMN_CHILDREN[col];
      if (!kids || c === undefined) continue;
      const written = kids.filter((k) => computed[k] !== undefined);
      if (!written.length) continue;
      const { ok, tolerance } = withinTolerance(ctx, d, c, written.length);
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
      const { ok, tolerance } = withinTolerance(ctx, d, v, parts);
      if (!ok) {
        scaleHint(ctx, kind, n, col, d.value, v, overall ? undefined : key);
        ctx.report('BUD201', d.span, {
          row: label.zh, rowEn: label.en, column: COLUMN_NAMES[col].zh, columnEn: COLUMN_NAMES[col].en, declared: d.text,
          computed: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit),
        }, { related: childRelated(ctx, kind, n, col, overall ? undefined : key), fixes: [setTo(d, v)] });
      }
    }
  }
}

/**
 * When a parent misses its children's sum because one child was written in 元 instead of 万元 (or the
 * reverse), that child is off by exactly 10⁴: say so at the child and offer the conversion.
 */
function scaleHint(ctx: CheckContext, kind: ClassKind, n: TreeNode, col: Column, declared: Money, sum: Money, key: string | undefined): void {
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

function checkRollups(ctx: CheckContext): void {
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
    if (cur) compareDeclared(ctx, 'BUD201', cur, total, 1, { row: '本年支出合计', rowEn: 'current-year expenditure', column: '金额', columnEn: 'amount' });
    const grand = f.extras.grandTotal?.amount;
    if (grand && ctx.figures.expenseGrand !== undefined) compareDeclared(ctx, 'BUD201', grand, ctx.figures.expenseGrand, 2, { row: '支出总计', rowEn: 'expenditure grand total', column: '金额', columnEn: 'amount' });
  }
}

function compareDeclared(ctx: CheckContext, code: 'BUD201', d: Amount, v: Money, parts: number, args: Record<string, string>): void {
  const { ok, tolerance } = withinTolerance(ctx, d, v, parts);
  if (!ok) ctx.report(code, d.span, { ...args, declared: d.text, computed: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit) }, { fixes: [setTo(d, v)] });
}

// ── 4. income subtotals ────────────────────────────────────────────────────────────────────────────

function checkIncome(ctx: CheckContext): void {
  const inc = ctx.figures.income;
  for (const [key, line] of inc.lines) {
    if (!line.amount) continue;
    const kids = incomeChildren(key).filter((k) => inc.values.has(k));
    if (!kids.length) continue;
    const v = kids.reduce((a, k) => a + inc.values.get(k)!, 0n);
    const { ok, tolerance } = withinTolerance(ctx, line.amount, v, kids.length);
    if (!ok) {
      // Keys are `本年:财政拨款` / `上年结转:一般公共预算`: shown as the lines are written.
      const label = (k: string): string => k.replace(/^本年:/, '').replace(/^上年结转:/, '上年结转 ');
      const related: Related[] = kids.filter((k) => inc.lines.get(k)).map((k) => ({ ...inc.lines.get(k)!.keySpan, message: { zh: `${label(k)}：${fmt(ctx, inc.values.get(k)!)}`, en: `${label(k)}: ${fmt(ctx, inc.values.get(k)!)}` } }));
      ctx.report('BUD302', line.amount.span, { item: label(key), declared: line.amount.text, computed: fmt(ctx, v, line.amount.unit), diff: fmt(ctx, line.amount.value - v, line.amount.unit), ...toleranceArgs(ctx, tolerance, line.amount.unit) }, { related, fixes: [setTo(line.amount, v)] });
    }
  }
}

// ── 收入科目: income by function code ──────────────────────────────────────────────────────────────

/** How a 收入科目 row is named in messages. */
export function incomeFuncLabel(n: IncomeFuncNode, row?: IncomeFuncRow): { zh: string; en: string } {
  if (!n.code) return { zh: '收入科目合计行', en: 'the income-by-function total row' };
  const name = row?.name?.text ?? n.name ?? '';
  return { zh: `收入科目 ${n.code} ${name}`.trim(), en: `income by function, code ${n.code} ${name}`.trim() };
}

/** Where a 收入科目 node's figure of a column is written: the cell, else the row's code. */
function incomeFuncCellSpan(n: IncomeFuncNode, key: string): Span | undefined {
  const row = n.rows[0];
  return row?.cells.find((c) => incomeFuncKey(c) === key)?.amount?.span ?? row?.codeSpan;
}

/**
 * Each declared cell of a 收入科目 row: a parent row's (and the 合计 row's) column = the sum of its children
 * that have the column (BUD202), and within a row 合计 = its columns, 财政拨款收入 = its sources … (BUD303).
 * The identity is not reported again on a cell whose roll-up fails.
 */
function checkIncomeFuncRows(ctx: CheckContext): void {
  const sec = ctx.unit.incomeFunc;
  if (!sec) return;
  const tree = ctx.figures.incomeFunc;
  for (const row of [...sec.rows, ...(sec.total ? [sec.total] : [])]) {
    const n = row.isTotal ? tree.root : tree.byCode.get(row.code);
    if (!n) continue;
    const label = incomeFuncLabel(n, row);
    for (const cell of row.cells) {
      const d = cell.amount;
      if (!d) continue;
      const key = incomeFuncKey(cell);
      const col = incomeColumnName(key);
      const e = incomeFuncExpected(n, row, cell);
      if (e.rollup) {
        const v = e.rollup.value;
        const { ok, tolerance } = withinTolerance(ctx, d, v, e.rollup.children.length);
        // One fault, one report: a figure that agrees with its children's own roll-ups differs from their stated
        // sum only through a child whose stated figure does not add up, and that child is reported.
        const own = n.values.get(key);
        const childsFault = !ok && own !== undefined && own !== v && withinTolerance(ctx, d, own, e.rollup.children.length).ok;
        if (!ok && !childsFault) {
          const related: Related[] = [];
          for (const c of e.rollup.children) {
            const span = incomeFuncCellSpan(c, key);
            const cv = incomeFuncStated(c, key) ?? 0n;
            if (span) related.push({ ...span, message: { zh: `${c.code} ${c.name ?? ''}：${fmt(ctx, cv)}`, en: `${c.code} ${c.name ?? ''}: ${fmt(ctx, cv)}` } });
          }
          ctx.report('BUD202', d.span, {
            row: label.zh, rowEn: label.en, column: col.zh, columnEn: col.en, declared: d.text,
            computed: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit),
          }, { related, fixes: [setTo(d, v)] });
          continue;
        }
      }
      if (e.parts) {
        const v = e.parts.value;
        const { ok, tolerance } = withinTolerance(ctx, d, v, e.parts.keys.length);
        if (ok) continue;
        const cells = e.parts.keys.map((k) => row.cells.find((c) => incomeFuncKey(c) === k)!).filter((c) => c?.amount);
        const names = e.parts.keys.map(incomeColumnName);
        const related: Related[] = cells.map((c) => ({ ...c.amount!.span, message: { zh: `${incomeColumnName(incomeFuncKey(c)).zh} ${c.amount!.text}`, en: `${incomeColumnName(incomeFuncKey(c)).en} ${c.amount!.text}` } }));
        // Either the total or one of its parts is wrong: offer both, prefer neither (as BUD301).
        const fixes: Fix[] = [{ ...setTo(d, v), preferred: false }];
        if (cells.length === 1) {
          const part = cells[0].amount!;
          const fix = setTo(part, d.value);
          const pname = incomeColumnName(incomeFuncKey(cells[0]));
          fixes.push({ ...fix, preferred: false, title: { zh: `将${pname.zh}改为 ${fix.edits[0].newText}`, en: `Set ${pname.en} to ${fix.edits[0].newText}` } });
        }
        ctx.report('BUD303', d.span, {
          row: label.zh, rowEn: label.en, column: col.zh, columnEn: col.en, declared: d.text,
          parts: names.map((p) => p.zh).join(' + '), partsEn: names.map((p) => p.en).join(' + '), computed: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit),
          ...toleranceArgs(ctx, tolerance, d.unit),
        }, { related, fixes });
      }
    }
  }
}

/**
 * 收入科目 against the other tables: each code's 合计 = the 支出 block's total of that code (BUD510), a code
 * listed on one side only is a warning (BUD511, reported at the topmost such code); each column's grand
 * total = the 收入 block's line of that column, when the 收入 block has it (BUD510).
 */
function checkIncomeFuncCross(ctx: CheckContext): void {
  const u = ctx.unit;
  const sec = u.incomeFunc;
  if (!sec) return;
  const f = ctx.figures;
  const tree = f.incomeFunc;
  if (u.func) {
    for (const [code, n] of tree.byCode) {
      const row = n.rows[0];
      const inc = incomeFuncStated(n, '收入总计');
      const fn = f.func.byCode.get(code);
      const label = incomeFuncLabel(n, row);
      if (!fn) {
        if (!inc) continue;
        if (n.parent?.code && !f.func.byCode.has(n.parent.code)) continue;
        ctx.report('BUD511', row.codeSpan, { code, name: n.name ?? '', where: '收入科目', whereEn: '收入科目 (income by function)', other: '支出', otherEn: '支出 (expenditure)' }, {
          related: [{ ...u.func.headerSpan, message: { zh: '支出', en: 'expenditure' } }],
        });
        continue;
      }
      const exp = fn.cells.total;
      if (inc === undefined || exp === undefined) continue;
      const d = row.cells.find((c) => incomeFuncKey(c) === '收入总计')?.amount;
      const { ok, tolerance } = d ? withinTolerance(ctx, d, exp, 1) : { ok: inc === exp, tolerance: 0n };
      if (ok) continue;
      // The two tables agree as printed when 支出 states the same figure for the code (a fault of that figure
      // against its own items is reported in 支出, once).
      const stated = fn.rows.find((r) => rowCoversAllSources(u.func, r))?.cells.total;
      if (stated && (d ? withinTolerance(ctx, d, stated.value, 1).ok : inc === stated.value)) continue;
      const at = fn.rows[0]?.cells.total?.span ?? fn.rows[0]?.codeSpan ?? fn.projects[0]?.span;
      ctx.report('BUD510', d?.span ?? row.codeSpan, {
        left: `${label.zh}的合计`, leftEn: `${label.en}: total`, leftValue: fmt(ctx, inc, d?.unit), right: `支出 ${code} 的合计`, rightEn: `the expenditure total of ${code}`,
        rightValue: fmt(ctx, exp, d?.unit), diff: fmt(ctx, inc - exp, d?.unit), ...toleranceArgs(ctx, tolerance, d?.unit),
      }, { related: at ? [{ ...at, message: { zh: `支出 ${code} ${fn.name ?? ''}：${fmt(ctx, exp)}`, en: `expenditure ${code} ${fn.name ?? ''}: ${fmt(ctx, exp)}` } }] : [] });
    }
    for (const [code, fn] of f.func.byCode) {
      if (!fn.rows.length || tree.byCode.has(code) || !fn.cells.total) continue;
      if (fn.parent?.code && !tree.byCode.has(fn.parent.code)) continue;
      ctx.report('BUD511', fn.rows[0].codeSpan, { code, name: fn.name ?? '', where: '支出', whereEn: '支出 (expenditure)', other: '收入科目', otherEn: '收入科目 (income by function)' }, {
        related: [{ ...sec.headerSpan, message: { zh: '收入科目', en: 'income by function' } }],
      });
    }
  }
  // Each column's grand total against the 收入 block (合计 itself may include carry-over the 收入科目 columns
  // do not show, so it is tied to 支出 code by code instead).
  if (u.income) {
    const columns = new Set<string>();
    for (const r of [...sec.rows, ...(sec.total ? [sec.total] : [])]) for (const c of r.cells) columns.add(incomeFuncKey(c));
    for (const key of INCOME_FUNC_COLUMNS.map((c) => c.key)) {
      if (key === '收入总计' || !columns.has(key)) continue;
      const v = incomeFuncStated(tree.root, key);
      const line = f.income.lines.get(key);
      const iv = f.income.values.get(key) ?? (line ? 0n : undefined);
      if (v === undefined || iv === undefined) continue;
      const cell = sec.total?.cells.find((c) => incomeFuncKey(c) === key);
      const { ok, tolerance } = cell?.amount ? withinTolerance(ctx, cell.amount, iv, 1) : { ok: v === iv, tolerance: 0n };
      if (ok) continue;
      const col = incomeColumnName(key);
      ctx.report('BUD510', cell?.amount?.span ?? sec.total?.codeSpan ?? sec.headerSpan, {
        left: `收入科目的${col.zh}合计`, leftEn: `the income-by-function ${col.en} total`, leftValue: fmt(ctx, v, cell?.amount?.unit),
        right: `收入块的${col.zh}`, rightEn: `${col.en} in the 收入 block`, rightValue: fmt(ctx, iv, cell?.amount?.unit), diff: fmt(ctx, v - iv, cell?.amount?.unit), ...toleranceArgs(ctx, tolerance, cell?.amount?.unit),
      }, { related: [{ ...(line?.amount?.span ?? line?.keySpan ?? u.income.headerSpan), message: { zh: `收入：${fmt(ctx, iv)}`, en: `income: ${fmt(ctx, iv)}` } }] });
    }
  }
}

// ── 5. balance ─────────────────────────────────────────────────────────────────────────────────────

function checkBalance(ctx: CheckContext): void {
  const u = ctx.unit;
  const f = ctx.figures;
  if (!u.income || !u.func) return;
  const income = f.income.values.get('收入总计');
  // A written 支出总计 is itself checked against the rows (BUD201); balance against it, so that one wrong
  // row is not reported twice.
  const expense = u.func.extras.grandTotal?.amount?.value ?? f.expenseGrand;
  const at = u.func.extras.grandTotal?.span ?? u.func.total?.span ?? u.func.headerSpan;
  const incAt = f.income.lines.get('收入总计')?.span ?? u.income.headerSpan;
  const related = (): Related[] => [{ ...incAt, message: { zh: '收入', en: 'income' } }];
  if (income !== undefined && expense !== undefined && income !== expense) {
    ctx.report('BUD401', at, { what: '收入总计与支出总计', whatEn: 'total income and total expenditure', income: fmt(ctx, income), expense: fmt(ctx, expense), diff: fmt(ctx, income - expense) }, { related: related() });
    return;
  }
  if (u.func.extras.yearEndCarry?.amount?.value) return; // the carry-over is not split by source
  // 财政拨款 part and each source.
  const incBySource = new Map<string, Money>();
  for (const [k, v] of f.income.values) {
    const m = /^(本年|上年结转):(.+)$/.exec(k);
    if (m && !['财政拨款', '单位资金'].includes(m[2])) incBySource.set(m[2], (incBySource.get(m[2]) ?? 0n) + v);
  }
  const expBySource = new Map<string, Money>();
  for (const [k, c] of f.func.root.bySource) {
    const s = parseSourceKey(k).source;
    expBySource.set(s, (expBySource.get(s) ?? 0n) + (c.total ?? 0n));
  }
  const fiscalInc = (f.income.values.get('本年:财政拨款') ?? 0n) + (f.income.values.get('上年结转:财政拨款') ?? 0n);
  let fiscalExp = 0n;
  for (const [s, v] of expBySource) if (isFiscal(s)) fiscalExp += v;
  const hasFiscal = f.income.values.has('本年:财政拨款') || f.income.values.has('上年结转:财政拨款');
  if (hasFiscal && fiscalInc !== fiscalExp) {
    ctx.report('BUD401', at, { what: '财政拨款收支', whatEn: 'the 财政拨款 (fiscal appropriation) part', income: fmt(ctx, fiscalInc), expense: fmt(ctx, fiscalExp), diff: fmt(ctx, fiscalInc - fiscalExp) }, { related: related() });
    return;
  }
  if (!incBySource.size) return;
  // A group written only as its subtotal (财政拨款收入, 单位资金) is not split by source: compare it as a
  // group (the 财政拨款 part above), not source by source.
  const written = (group: string, kids: readonly string[]): boolean =>
    !f.income.lines.has(`本年:${group}`) || kids.some((k) => f.income.lines.has(`本年:${k}`) || f.income.lines.has(`上年结转:${k}`));
  const fiscalSplit = written('财政拨款', FISCAL_SOURCES);
  const unitSplit = written('单位资金', UNIT_FUND_SOURCES);
  for (const s of new Set([...incBySource.keys(), ...expBySource.keys()])) {
    if ((isFiscal(s) && !fiscalSplit) || (isUnitFund(s) && !unitSplit)) continue;
    const a = incBySource.get(s) ?? 0n;
    const b = expBySource.get(s) ?? 0n;
    if (a !== b) ctx.report('BUD401', at, { what: `资金来源“${s}”`, whatEn: `funding source “${s}”`, income: fmt(ctx, a), expense: fmt(ctx, b), diff: fmt(ctx, a - b) }, { related: related() });
  }
}

// ── 6. cross-table identities ──────────────────────────────────────────────────────────────────────

function crossReport(ctx: CheckContext, at: Span, left: [string, string], lv: Money, right: [string, string], rv: Money, related: Related[] = []): void {
  ctx.report('BUD501', at, { left: left[0], leftEn: left[1], leftValue: fmt(ctx, lv), right: right[0], rightEn: right[1], rightValue: fmt(ctx, rv), diff: fmt(ctx, lv - rv), tolerance: '', toleranceEn: '' }, { related });
}

function checkCrossTables(ctx: CheckContext): void {
  const u = ctx.unit;
  const f = ctx.figures;
  // Function total vs department economic total (basic part always; total when projects are in both).
  if (u.func && u.econ) {
    const fc = f.func.root.cells;
    const ec = f.econ.root.cells;
    const at = u.econ.total?.span ?? u.econ.headerSpan;
    const rel: Related[] = [{ ...(u.func.total?.span ?? u.func.headerSpan), message: { zh: '支出功能分类', en: 'function classification' } }];
    if (fc.basic !== undefined && ec.basic !== undefined && fc.basic !== ec.basic) {
      crossReport(ctx, at, ['部门经济分类的基本支出', 'department economic basic expenditure'], ec.basic, ['支出功能分类的基本支出', 'function-classification basic expenditure'], fc.basic, rel);
    } else if (fc.total !== undefined && ec.total !== undefined && ec.project !== undefined && fc.total !== ec.total) {
      crossReport(ctx, at, ['部门经济分类合计', 'department economic total'], ec.total, ['支出功能分类合计', 'function-classification total'], fc.total, rel);
    }
  }
  // Department economic vs government economic totals.
  if (u.econ && u.gov && f.econ.root.cells.total !== undefined && f.gov.root.cells.total !== undefined && f.econ.root.cells.total !== f.gov.root.cells.total) {
    crossReport(ctx, u.gov.total?.span ?? u.gov.headerSpan, ['政府经济分类合计（按对照）', 'government economic total (by correspondence)'], f.gov.root.cells.total, ['部门经济分类合计', 'department economic total'], f.econ.root.cells.total);
  }
  // Unmapped department codes. The government economic table is the department one read through the
  // correspondence (written as 政府经济分类, or derived as 表11): money under a code without correspondence is
  // money that table cannot book, so it is reported whether or not the table is written.
  if (u.econ) {
    const local = new Map(u.mapping.map((m) => [m.dept.text, m.gov.text]));
    if (!u.gov && !u.kindClass && !local.size) {
      const total = f.econ.root.cells.total;
      if (total !== undefined && total !== 0n) ctx.report('BUD512', u.econ.headerSpan, { amount: fmt(ctx, total) });
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
  // Projects.
  for (const pf of f.projects) {
    const p = pf.project;
    const name = p.name.text;
    const total = pf.total;
    if (p.amount && p.bySource.length && total !== undefined && p.amount.value !== total) {
      projectReport(ctx, p, p.amount, { zh: '金额', en: 'amount' }, total, p.bySource.map((b) => ({ ...b.span, message: { zh: sourceKey(b.source), en: sourceKey(b.source) } })));
    }
    if (total === undefined) continue;
    if (pf.funcTotal !== undefined && pf.funcTotal !== total) {
      const at = p.funcRefs.find((r) => r.amount)!;
      ctx.report('BUD502', at.span, { project: name, what: '功能科目金额合计', whatEn: 'the function-code amounts', declared: fmt(ctx, pf.funcTotal), computed: fmt(ctx, total), diff: fmt(ctx, pf.funcTotal - total) });
    }
    if (pf.econTotal !== undefined && pf.econTotal !== total) {
      ctx.report('BUD502', p.econSpan ?? p.name.span, { project: name, what: '经济分类合计', whatEn: 'the economic lines', declared: fmt(ctx, pf.econTotal), computed: fmt(ctx, total), diff: fmt(ctx, pf.econTotal - total) }, {
        related: p.econ.filter((l) => l.amount).map((l) => ({ ...l.span, message: { zh: `${l.code}：${l.amount!.text}`, en: `${l.code}: ${l.amount!.text}` } })),
      });
    }
  }
  // 表16 tasks.
  const o = u.overall;
  if (o && o.tasks.some((t) => t.amount)) {
    const sum = o.tasks.reduce((a, t) => a + (t.amount?.value ?? 0n), 0n);
    const basic = f.func.root.cells.basic ?? f.econ.root.cells.basic;
    const total = f.func.root.cells.total;
    if (basic !== undefined && sum !== basic && sum !== total) {
      ctx.report('BUD507', o.tasks.find((t) => t.amount)!.span, { declared: fmt(ctx, sum), basic: fmt(ctx, basic), total: total !== undefined ? fmt(ctx, total) : '—' }, {
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

function projectReport(ctx: CheckContext, p: Project, d: Amount, what: { zh: string; en: string }, v: Money, related: Related[]): void {
  ctx.report('BUD502', d.span, { project: p.name.text, what: what.zh, whatEn: what.en, declared: d.text, computed: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit) }, { related, fixes: [setTo(d, v)] });
}

// ── project attributes (the performance form's dates and multi-year funding) ────────────────────────

/** The first and last day a date written to some precision covers, as yyyymmdd numbers. */
function dayRange(d: DateValue): { first: number; last: number } {
  return { first: d.year * 10_000 + (d.month ?? 1) * 100 + (d.day ?? 1), last: d.year * 10_000 + (d.month ?? 12) * 100 + (d.day ?? 31) };
}

/** Whether a date is written with its own year (not `12月` at the end of `2025年1月-12月`). */
function hasOwnYear(d: DateValue): boolean {
  return /^[0-9０-９]{4}/.test(d.text);
}

/**
 * A project's start and completion dates in order (BUD902, a fix swapping them), the fiscal year inside its
 * period (BUD903), 资金总额 = 财政资金 + 其他资金 when a part is written, a missing part counting 0 as an empty
 * published cell does (BUD904, fixes as for BUD301), and the year's amount not above the multi-year 资金总额
 * (BUD905).
 */
function checkProjectAttributes(ctx: CheckContext): void {
  const year = ctx.unit.year;
  for (const pf of ctx.figures.projects) {
    const p = pf.project;
    const project = p.name.text;
    const s = p.startDate;
    const e = p.endDate;
    let ordered = true;
    if (s && e && dayRange(s).first > dayRange(e).last) {
      ordered = false;
      const fixes: Fix[] = hasOwnYear(s) && hasOwnYear(e)
        ? [{ title: { zh: '交换开始日期与完成日期', en: 'Swap the start and completion dates' }, edits: [{ ...s.span, newText: e.text }, { ...e.span, newText: s.text }] }]
        : [];
      ctx.report('BUD902', s.span, { project, start: s.text, end: e.text }, { related: [{ ...e.span, message: { zh: `完成日期 ${e.text}`, en: `completion date ${e.text}` } }], fixes });
    }
    if (ordered && year !== undefined && (s || e)) {
      const at = s && year < s.year ? s : e && year > e.year ? e : undefined;
      if (at) {
        const related: Related[] = ctx.unit.yearSpan ? [{ ...ctx.unit.yearSpan, message: { zh: `预算年度 ${year}`, en: `fiscal year ${year}` } }] : [];
        if (at === s && e) related.push({ ...e.span, message: { zh: `完成日期 ${e.text}`, en: `completion date ${e.text}` } });
        if (at === e && s) related.push({ ...s.span, message: { zh: `开始日期 ${s.text}`, en: `start date ${s.text}` } });
        ctx.report('BUD903', at.span, { year, project, period: `${s?.text ?? '…'} 至 ${e?.text ?? '…'}`, periodEn: `${s?.text ?? '…'} to ${e?.text ?? '…'}` }, {
          related: related.map(({ start, end, message }) => ({ start, end, message })),
        });
      }
    }
    const total = p.fundsTotal;
    const parts = (['fundsFiscal', 'fundsOther'] as const).filter((k) => p[k]);
    if (total && parts.length) {
      const v = parts.reduce((a, k) => a + p[k]!.value, 0n);
      const { ok, tolerance } = withinTolerance(ctx, total, v, parts.length);
      if (!ok) {
        const names = { fundsFiscal: { zh: '财政资金', en: 'fiscal funds' }, fundsOther: { zh: '其他资金', en: 'other funds' } };
        const related: Related[] = parts.map((k) => ({ ...p[k]!.span, message: { zh: `${names[k].zh} ${p[k]!.text}`, en: `${names[k].en} ${p[k]!.text}` } }));
        // Either the total or a part is wrong: offer both, prefer neither (as BUD301).
        const fixes: Fix[] = [{ ...setTo(total, v), preferred: false }];
        if (parts.length === 1) {
          const fix = setTo(p[parts[0]]!, total.value);
          fixes.push({ ...fix, preferred: false, title: { zh: `将${names[parts[0]].zh}改为 ${fix.edits[0].newText}`, en: `Set ${names[parts[0]].en} to ${fix.edits[0].newText}` } });
        }
        ctx.report('BUD904', total.span, {
          project, declared: total.text, computed: fmt(ctx, v, total.unit), diff: fmt(ctx, total.value - v, total.unit), ...toleranceArgs(ctx, tolerance, total.unit),
        }, { related, fixes });
      }
    }
    if (total && pf.total !== undefined && pf.total > total.value) {
      const annual = p.amount ? [p.amount] : p.bySource.map((b) => b.amount);
      ctx.report('BUD905', total.span, { project, amount: fmt(ctx, pf.total, total.unit), total: total.text }, {
        related: annual.map((a) => ({ ...a.span, message: { zh: `年度金额 ${a.text}`, en: `annual amount ${a.text}` } })),
      });
    }
  }
}

// ── 三公 ──────────────────────────────────────────────────────────────────────────────────────────

/** 三公 items and their parts (as checked). */
export const SANGONG_PARTS: Partial<Record<SangongItem, SangongItem[]>> = {
  total: ['abroad', 'vehicle', 'reception'],
  vehicle: ['vehiclePurchase', 'vehicleRun'],
};
/** The economic line each 三公 item is paid from. */
export const SANGONG_ECON: Partial<Record<SangongItem, string>> = { abroad: '30212', vehiclePurchase: '31013', vehicleRun: '30231', reception: '30217' };

function checkSangong(ctx: CheckContext): void {
  const s = ctx.figures.sangong;
  for (const [item, parts] of Object.entries(SANGONG_PARTS) as Array<[SangongItem, SangongItem[]]>) {
    const d = s.declared[item];
    const v = s.values[item];
    if (!d || v === undefined) continue;
    const written = parts.filter((p) => s.values[p] !== undefined);
    if (!written.length) continue;
    const { ok, tolerance } = withinTolerance(ctx, d, v, written.length);
    if (!ok) {
      ctx.report('BUD503', d.span, {
        item: SANGONG_NAMES[item].zh, itemEn: SANGONG_NAMES[item].en, declared: d.text, parts: parts.map((p) => SANGONG_NAMES[p].zh).join(' + '),
        partsEn: parts.map((p) => SANGONG_NAMES[p].en).join(' + '), computed: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit),
      }, { fixes: [setTo(d, v)] });
    }
  }
  // 三公 spending includes what projects pay: compare with the economic lines only when these include the
  // projects' part (a basic-only economic table may legitimately be lower).
  const econ = ctx.figures.econ;
  if (!ctx.unit.econ || (!econ.projectsDrive && econ.root.cells.project === undefined)) return;
  for (const [item, code] of Object.entries(SANGONG_ECON) as Array<[SangongItem, string]>) {
    const v = s.values[item];
    const n = econ.byCode.get(code);
    if (v === undefined || v === 0n || !n) continue;
    const limit = n.cells.total ?? 0n;
    // A figure published in a coarser unit (三公 in 万元) may be off by half a unit of its last digit.
    const written = s.declared[item];
    const slack = written ? halfUlp(written.decimals, written.unit) : 0n;
    if (v - slack > limit) {
      const at = ctx.unit.sangong?.lines.find((l) => l.item === item)?.amount?.span ?? ctx.unit.sangong!.headerSpan;
      ctx.report('BUD504', at, { item: SANGONG_NAMES[item].zh, itemEn: SANGONG_NAMES[item].en, value: fmt(ctx, v, written?.unit), code, name: n.name ?? '', limit: fmt(ctx, limit) }, {
        related: n.rows[0] ? [{ ...n.rows[0].codeSpan, message: { zh: `${code} ${n.name ?? ''}`, en: `${code} ${n.name ?? ''}` } }] : [],
      });
    }
  }
}

// ── 7. indicators ──────────────────────────────────────────────────────────────────────────────────

function checkIndicatorBlock(ctx: CheckContext, block: IndicatorBlock | undefined, project: Project | undefined): void {
  if (!block) return;
  const reportedLevels = new Set<string>();
  // Some publications have no 完成时限 column at all: a missing deadline is worth a warning only where the
  // other indicators of the table have one.
  const hasDeadlines = block.indicators.some((i) => i.deadline);
  // A block default (时限) outside the fiscal year is reported once, where it is written.
  const inherited = block.indicators.find((i) => i.deadlineInherited && i.deadline?.year !== undefined)?.deadline;
  if (inherited && ctx.unit.year !== undefined && inherited.year !== ctx.unit.year) ctx.report('BUD604', inherited.span, { deadline: inherited.text, year: ctx.unit.year });
  for (const ind of block.indicators) {
    checkIndicator(ctx, ind, project, hasDeadlines);
    for (const [lv, known, zh, en] of [[ind.level1, LEVEL1_KNOWN, '一级指标', 'first-level'], [ind.level2, LEVEL2_KNOWN, '二级指标', 'second-level']] as const) {
      if (lv && !known.includes(lv.text) && !reportedLevels.has(`${lv.span.start}`)) {
        reportedLevels.add(`${lv.span.start}`);
        ctx.report('BUD605', lv.span, { level: zh, levelEn: en, name: lv.text });
      }
    }
  }
}

function checkIndicator(ctx: CheckContext, ind: Indicator, project: Project | undefined, blockHasDeadlines: boolean): void {
  const name = ind.name.text;
  if (!ind.level1 && !ind.level2) ctx.report('BUD609', ind.name.span, { name });
  const dl = ind.deadline;
  if (!dl) {
    if (blockHasDeadlines) ctx.report('BUD610', ind.name.span, { name });
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
  const unitGuess = amount !== undefined && v.num ? (['元', '万元'] as const).find((u) => valueInTicks(v.num!, MONEY_UNITS[u]) === amount) : undefined;
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
      if (!/变动率|增长率|增幅|降幅|变化率/.test(name)) ctx.report('BUD603', v.span, { name, value: v.text });
    }
  }
  // A money indicator naming the project's own spending must agree with the project amount.
  if (project && num && ind.op && ind.unit && MONEY_UNITS[ind.unit.text] !== undefined && namesProject(name, project.name.text)) {
    const amount = ctx.figures.projects.find((p) => p.project === project)?.total;
    if (amount === undefined) return;
    const valueTicks = valueInTicks(num, MONEY_UNITS[ind.unit.text]);
    const holds = ind.op.op === '=' ? amount === valueTicks : ind.op.op === '<=' ? amount <= valueTicks : ind.op.op === '>=' ? amount >= valueTicks : ind.op.op === '<' ? amount < valueTicks : amount > valueTicks;
    if (!holds) {
      ctx.report('BUD606', ind.span, {
        name, op: ind.op.text, value: v.text, unit: ind.unit.text, valueYuan: formatMoney(valueTicks, '元', { minDecimals: 0 }),
        amount: `${fmt(ctx, amount)} ${ctx.unit.moneyUnit}`, amountYuan: formatMoney(amount, '元', { minDecimals: 0 }),
      }, { related: project.amount ? [{ ...project.amount.span, message: { zh: '项目金额', en: 'project amount' } }] : [] });
    }
  }
}

/** An indicator value in a money unit (factor = 元 per unit) as ticks, exactly. */
function valueInTicks(num: NonNullable<Indicator['value']>['num'] & object, factor: bigint): Money {
  return (num.negative ? -1n : 1n) * num.digits * factor * TICKS['元'] / 10n ** BigInt(num.decimals);
}

/** Whether an indicator's name names the project itself (same name, or the project name ends with it). */
export function namesProject(indicator: string, project: string): boolean {
  const a = normalizeName(indicator);
  const b = normalizeName(project);
  if (a.length < 3) return false;
  return a === b || b.endsWith(a) || a.endsWith(b);
}

function checkIndicators(ctx: CheckContext): void {
  for (const p of ctx.unit.projects) checkIndicatorBlock(ctx, p.indicators, p);
  checkIndicatorBlock(ctx, ctx.unit.overall?.indicators, undefined);
}

// ── unit header ────────────────────────────────────────────────────────────────────────────────────

function checkUnitHeader(ctx: CheckContext): void {
  if (ctx.unit.year === undefined) ctx.report('BUD801', ctx.unit.name.span.end > ctx.unit.name.span.start ? ctx.unit.name.span : ctx.unit.headerSpan, { unit: ctx.unit.name.text });
  // Duplicate project names.
  const seen = new Map<string, Project>();
  for (const p of ctx.unit.projects) {
    const prev = seen.get(p.name.text);
    if (prev) ctx.report('BUD805', p.name.span, { what: '项目', whatEn: 'project', name: p.name.text }, { related: [{ ...prev.name.span, message: { zh: '第一次出现', en: 'first written here' } }] });
    else seen.set(p.name.text, p);
  }
}

// ── list tables (表13–表15, 表18) ────────────────────────────────────────────────────────────────────

/**
 * A 专项资金 row: 总计 = 已分配 + 未分配 when all are written. A table's 合计 row, when written, equals the sum
 * of its rows, column by column (BUD201; `其中…` rows are parts of the row above, not counted); a `其中` row is
 * not larger than the row it is part of (BUD203).
 */
function checkListTables(ctx: CheckContext): void {
  for (const l of ctx.unit.lists) {
    const t = LIST_TABLE_NAMES[l.table];
    const total = l.rows.find((r) => r.role === 'total');
    const counted = l.rows.filter((r) => !r.role);
    if (total) {
      for (const col of ['总计', '已分配', '未分配']) {
        const declared = total.cells[col];
        const parts = counted.filter((r) => r.cells[col]).map((r) => r.cells[col]);
        if (!declared || !parts.length) continue;
        const v = parts.reduce((s, a) => s + a.value, 0n);
        const { ok, tolerance } = withinTolerance(ctx, declared, v, parts.length);
        if (ok) continue;
        const colEn = col === '总计' ? 'total' : col === '已分配' ? 'allocated' : 'unallocated';
        ctx.report('BUD201', declared.span, {
          row: `${t.zh}“合计”`, rowEn: `${t.en} “合计”`, column: col, columnEn: colEn,
          declared: declared.text, computed: fmt(ctx, v, declared.unit), diff: fmt(ctx, declared.value - v, declared.unit),
          ...toleranceArgs(ctx, tolerance, declared.unit),
        }, { related: counted.filter((r) => r.cells[col]).map((r) => ({ ...r.cells[col].span, message: { zh: r.name?.text ?? col, en: r.name?.text ?? col } })), fixes: [setTo(declared, v)] });
      }
    }
    let parent: ListRow | undefined;
    for (const r of l.rows) {
      if (r.role !== 'part') {
        parent = r;
        continue;
      }
      const a = r.cells['总计'];
      const p = parent?.cells['总计'];
      if (!a || !p || a.value <= p.value) continue;
      const rowName = parent!.role === 'total' ? '合计' : parent!.name?.text ?? parent!.code?.text ?? '';
      ctx.report('BUD203', a.span, { part: r.name?.text ?? '', declared: a.text, row: rowName, parent: p.text }, {
        related: [{ ...p.span, message: { zh: rowName, en: rowName } }],
      });
    }
    for (const r of l.rows) {
      const total = r.cells['总计'];
      const a = r.cells['已分配'];
      const b = r.cells['未分配'];
      if (!total || (!a && !b)) continue;
      const v = (a?.value ?? 0n) + (b?.value ?? 0n);
      const { ok, tolerance } = withinTolerance(ctx, total, v, 2);
      if (ok) continue;
      const name = r.name?.text ?? '';
      ctx.report('BUD301', total.span, {
        row: `${LIST_TABLE_NAMES[l.table].zh}“${name}”`, rowEn: `${LIST_TABLE_NAMES[l.table].en} “${name}”`, column: '总计', columnEn: 'total',
        declared: total.text, parts: '已分配 + 未分配', partsEn: 'allocated + unallocated', computed: fmt(ctx, v, total.unit), diff: fmt(ctx, total.value - v, total.unit),
        ...toleranceArgs(ctx, tolerance, total.unit),
      }, { fixes: [setTo(total, v)] });
    }
  }
}

// ── a department's own figures against its units (the one cross-unit check) ─────────────────────────

/**
 * A department written with its own sections (部门汇总): each of its classification codes, 合计 rows and
 * 收入总计 must equal the sum over its units that have the same section.
 */
export function checkConsolidations(model: BudgetModel, figures: UnitFigures[], report: CheckContext['report']): void {
  const byUnit = new Map(figures.map((f) => [f.unit, f]));
  for (const dep of model.departments) {
    const cu = dep.consolidated;
    const cf = cu && byUnit.get(cu);
    if (!cu || !cf) continue;
    const members = dep.units.map((u) => byUnit.get(u)).filter((f): f is UnitFigures => f !== undefined);
    const show = (v: Money): string => formatMoney(v, cu.moneyUnit);
    const compare = (span: Span, what: { zh: string; en: string }, own: Money | undefined, parts: Array<Money | undefined>): void => {
      const written = parts.filter((p): p is Money => p !== undefined);
      if (own === undefined || !written.length) return;
      const sum = written.reduce((a, b) => a + b, 0n);
      if (sum !== own) report('BUD509', span, { what: what.zh, whatEn: what.en, declared: show(own), computed: show(sum), diff: show(own - sum) });
    };
    for (const kind of ['func', 'econ', 'gov'] as const) {
      const sec = cu[kind];
      if (!sec || !members.some((m) => m.unit[kind])) continue;
      const withSection = members.filter((m) => m.unit[kind]);
      if (sec.total) compare(sec.total.cells.total?.span ?? sec.total.span, { zh: `${KIND_NAME[kind].zh}合计`, en: `${KIND_NAME[kind].en} total` }, cf[kind].root.cells.total, withSection.map((m) => m[kind].root.cells.total ?? 0n));
      for (const r of sec.rows) {
        if (r.source) continue;
        const own = cf[kind].byCode.get(r.code)?.cells.total;
        compare(r.cells.total?.span ?? r.codeSpan, { zh: `科目 ${r.code} 合计`, en: `code ${r.code} total` }, own, withSection.map((m) => m[kind].byCode.get(r.code)?.cells.total ?? 0n));
      }
    }
    // 收入科目: its 合计 row and each code's 合计.
    const withIncomeFunc = members.filter((m) => m.unit.incomeFunc);
    if (cu.incomeFunc && withIncomeFunc.length) {
      const total = (n: IncomeFuncNode | undefined): Money => (n && incomeFuncStated(n, '收入总计')) ?? 0n;
      const cellOf = (r: IncomeFuncRow): Span => r.cells.find((c) => incomeFuncKey(c) === '收入总计')?.amount?.span ?? r.codeSpan;
      if (cu.incomeFunc.total) compare(cellOf(cu.incomeFunc.total), { zh: '收入科目合计', en: 'income-by-function total' }, incomeFuncStated(cf.incomeFunc.root, '收入总计'), withIncomeFunc.map((m) => total(m.incomeFunc.root)));
      for (const r of cu.incomeFunc.rows) {
        compare(cellOf(r), { zh: `收入科目 ${r.code} 合计`, en: `income by function ${r.code} total` }, ((n) => n && incomeFuncStated(n, '收入总计'))(cf.incomeFunc.byCode.get(r.code)), withIncomeFunc.map((m) => total(m.incomeFunc.byCode.get(r.code))));
      }
    }
    const inc = cf.income.lines.get('收入总计');
    if (inc?.amount && members.some((m) => m.unit.income)) {
      compare(inc.amount.span, { zh: '收入总计', en: 'total income' }, cf.income.values.get('收入总计'), members.filter((m) => m.unit.income).map((m) => m.income.values.get('收入总计') ?? 0n));
    }
  }
}

// ── 上年比较: year-on-year comparisons ─────────────────────────────────────────────────────────────────

/** The text of a span as a message quotes it: its blanks as single spaces (alignment is not part of it). */
function quoted(ctx: CheckContext, span: Span): string {
  return ctx.text.slice(span.start, span.end).replace(/[ \t\u3000]+/g, ' ');
}

/**
 * Each line of a 上年比较 block: 本年 as written = this year's figure computed from the unit's tables (BUD520),
 * the change written = 本年 − 上年 (BUD521), the rate written = (本年 − 上年) ÷ 上年 × 100 (BUD522; 上年 0: BUD523),
 * each allowing half a unit of its last written digit (a 说明 rounds its figures). The change and the rate are
 * taken from 本年 as written when it agrees with the tables, else from the tables' figure (a wrong 本年 is reported
 * once); a figure the tables do not give is information (BUD524).
 */
function checkComparisons(ctx: CheckContext): void {
  const cmp = ctx.unit.comparison;
  if (!cmp) return;
  const bu = cmp.moneyUnit;
  const show = (v: Money): string => fmt(ctx, v, bu);
  for (const line of cmp.lines) {
    const r = comparisonFigures(ctx.figures, line);
    const name = compareFigureName(line.figure);
    const names = { figure: name.zh, figureEn: name.en };
    const cf = r.computed;
    if (cf.value === undefined) {
      const consequence = line.current
        ? { zh: '增减与增减率按所写本年数核对', en: 'the change and the rate are checked against 本年 as written' }
        : { zh: '增减与增减率未核对', en: 'the change and the rate are not checked' };
      ctx.report('BUD524', line.keySpan, { ...names, why: cf.missing?.zh ?? '', whyEn: cf.missing?.en ?? '', consequence: consequence.zh, consequenceEn: consequence.en });
    } else if (line.current && !amountAgrees(line.current, cf.value)) {
      const d = line.current;
      const t = likeWritten(cf.value, d);
      ctx.report('BUD520', d.span, { ...names, declared: d.text, computed: fmt(ctx, cf.value, d.unit), diff: fmt(ctx, d.value - cf.value, d.unit) }, {
        related: cf.at ? [{ ...cf.at, message: { zh: `${cf.source?.zh ?? ''}：${name.zh} ${fmt(ctx, cf.value)}`, en: `${cf.source?.en ?? ''}: ${name.en} ${fmt(ctx, cf.value)}` } }] : [],
        fixes: [{ title: { zh: `改为 ${t}`, en: `Change to ${t}` }, edits: [{ ...d.span, newText: t }], preferred: true }],
      });
    }
    const cur = r.current;
    const prev = r.previous;
    if (cur === undefined || prev === undefined) continue;
    // What the written figures allow, each rounded to its last digit (a 说明 rounds them one by one).
    const bounds = comparisonBoundsAll(line, cf.value);
    const related = (): Related[] => [
      ...(line.current && line.current.value === cur ? [{ ...line.current.span, message: { zh: `本年 ${line.current.text}`, en: `this year ${line.current.text}` } }]
        : cf.at ? [{ ...cf.at, message: { zh: `本年（${cf.source?.zh ?? ''}）${show(cur)}`, en: `this year (${cf.source?.en ?? ''}) ${show(cur)}` } }] : []),
      ...(line.previous ? [{ ...line.previous.span, message: { zh: `上年 ${line.previous.text}`, en: `last year ${line.previous.text}` } }] : []),
    ];
    // The change (only against a written 上年: an implied one agrees by construction).
    const c = line.change;
    const written = writtenChange(line);
    if (c && line.previous && written !== undefined && r.change !== undefined) {
      const expected = r.change;
      const halfChange = c.amount ? halfUlp(c.amount.decimals, c.amount.unit) : 0n;
      const ok = bounds.some((b) => changeAgrees(b, written, halfChange));
      if (!ok) {
        const like = c.amount ?? line.previous;
        const end = c.amount ? c.amount.span.end : c.labelSpan.end;
        const span = { start: c.labelSpan.start, end };
        const size = likeWritten(abs(expected), like);
        let edit: { start: number; end: number; newText: string };
        // A signed change keeps a `+` written before a positive one.
        if (c.style === 'signed') edit = { ...c.amount!.span, newText: (expected > 0n && c.amount!.text.startsWith('+') ? '+' : '') + likeWritten(expected, like) };
        else {
          // 持平 only when it is itself accepted; a change that rounds to 0 at the written digits but not at
          // last year's is written at last year's digits (减少 0.002), so that the fix clears the problem.
          const flat = bounds.length ? changeAgrees(bounds[0], 0n, 0n) : expected === 0n;
          const zero = /^-?0(?:\.0*)?$/.test(likeWritten(expected, like));
          const sized = zero && !flat ? likeWritten(abs(expected), line.previous) : size;
          const word = flat && zero ? '持平' : expected > 0n ? '增加' : '减少';
          const rightWord = (c.style === 'up' && word === '增加') || (c.style === 'down' && word === '减少');
          edit = rightWord ? { ...c.amount!.span, newText: sized } : { ...span, newText: word === '持平' ? '持平' : `${word} ${sized}` };
        }
        ctx.report('BUD521', span, {
          ...names, written: quoted(ctx, span), current: show(cur), previous: show(prev),
          computed: expected === 0n ? '0' : `${expected > 0n ? '+' : ''}${show(expected)}`,
        }, { related: related(), fixes: [{ title: { zh: `改为“${edit.newText}”`, en: `Change to “${edit.newText}”` }, edits: [edit], preferred: true }] });
      }
    }
    // The rate.
    const rt = line.rate;
    if (!rt) continue;
    const span = { start: rt.labelSpan.start, end: rt.value.span.end };
    const writtenText = quoted(ctx, span);
    if (prev === 0n) {
      // Delete the rate with the blanks before it.
      let from = span.start;
      while (from > 0 && /[ \t\u3000]/.test(ctx.text[from - 1])) from--;
      ctx.report('BUD523', span, { ...names, written: writtenText }, {
        related: related(),
        fixes: [{ title: { zh: `删除“${writtenText}”`, en: `Remove “${writtenText}”` }, edits: [{ start: from, end: span.end, newText: '' }], preferred: true }],
      });
      continue;
    }
    const rate = r.rate!;
    const d = rt.value.decimals;
    if (bounds.some((b) => rateAgreesWithin(b, writtenRate(rt.value, rt.style), d))) continue;
    const rounded = roundRate(rate, d);
    let edit: { start: number; end: number; newText: string };
    const numberSpan = { start: rt.value.span.start, end: rt.value.span.start + rt.value.text.length };
    if (rt.style === 'signed') edit = { ...numberSpan, newText: (rounded > 0n && rt.value.text.startsWith('+') ? '+' : '') + formatScaled(rounded, d) };
    else {
      const word = rounded > 0n ? '增长' : rounded < 0n ? '下降' : undefined;
      const rightWord = !word || (rt.style === 'up' && word === '增长') || (rt.style === 'down' && word === '下降');
      const size = formatScaled(rounded < 0n ? -rounded : rounded, d);
      edit = rightWord ? { ...numberSpan, newText: size } : { start: rt.labelSpan.start, end: numberSpan.end, newText: `${word} ${size}` };
    }
    ctx.report('BUD522', span, {
      ...names, written: writtenText, current: show(cur), previous: show(prev), computed: formatRate(rate, d), decimals: d,
    }, { related: related(), fixes: [{ title: { zh: `改为“${edit.newText}”`, en: `Change to “${edit.newText}”` }, edits: [edit], preferred: true }] });
  }
}

/** All checks, in reporting order. */
export const CHECKS: Array<{ name: string; run: (ctx: CheckContext) => void }> = [
  { name: 'unit header', run: checkUnitHeader },
  { name: 'code structure', run: checkStructure },
  { name: 'roll-up and row identities', run: checkRollups },
  { name: 'income subtotals', run: checkIncome },
  { name: 'income by function: roll-up and row identities', run: checkIncomeFuncRows },
  { name: 'balance', run: checkBalance },
  { name: 'cross-table identities', run: checkCrossTables },
  { name: 'project attributes', run: checkProjectAttributes },
  { name: 'income by function: cross-table identities', run: checkIncomeFuncCross },
  { name: '三公', run: checkSangong },
  { name: 'list tables', run: checkListTables },
  { name: 'indicators', run: checkIndicators },
  { name: 'year-on-year comparisons', run: checkComparisons },
  { name: 'tables of the layout (表式)', run: checkLayoutTables },
];

export { levelName };
