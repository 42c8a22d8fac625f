/**
 * The importer: a published budget (PDF, workbook or text) → a reviewer-style `.budget` text, its source map
 * and a summary. Pure apart from reading the bytes given: the CLI, the language server and the tests use it
 * alike.
 *
 *   bytes ──pdf.ts / xlsx.ts / text.ts──▶ printed lines ──segment.ts──▶ tables and prose (by title)
 *         ──tables.ts──▶ rows of figures ──build.ts, prose.ts, forms.ts──▶ import model ──emit.ts──▶ .budget + source map
 *         ──verify (the core's own derived tables)──▶ figures of derived tables that differ, written as 印出 blocks
 */
import { analyze } from '../core/analyze';
import { decodeBuffer } from '../core/encoding';
import { parseDecimal, parseMoney, printedAs, toTicks, type MoneyUnit } from '../core/money';
import { buildTables } from '../core/tables';
import { cellAt, columnIndex, columnName, sideColumn } from '../core/layouts/lookup';
import { amountLiteral, bareLabel, isAmount, isWholeCode, printsColumnFigure } from './cells';
import { assignColumns, locateColumns } from './columns';
import { placeCodeTable, placeList, placePairs, placeSangong } from './build';
import { emit, type MapEntry } from './emit';
import { formProjectName, placeForms, placeOverall, placeProjects } from './forms';
import { LAYOUTS, tableTitle } from '../core/layouts';
import { layoutName, ownUnit, type LayoutRequest, type LayoutId, type TableDef } from './layouts';
import { COMPARE_FIGURES } from '../core/keywords';
import type { ColumnDef } from './layouts';
import { emptyModel, incomeItemOf, place, type CommentM, type ComparisonLineM, type ImportModel, type Listing, type PrintedM } from './model';
import { readPdf } from './pdf';
import { placeProse } from './prose';
import { splitBySource } from './sources';
import { inferLayout, pagesOf, segment, type TableSegment } from './segment';
import { ImportError, lineText, refOf, type SourceCell, type SourceDoc, type SourceKind, type SourceLine, type SourceRef } from './source';
import { fig, readCodeTable, readList, readPairs, readSangong, type Fig, type PairsRead } from './tables';
import { readText } from './text';
import { readXlsx } from './xlsx';

export interface ImportOptions {
  /** The source's file name (for the header comment and the kind when the bytes do not tell). */
  name: string;
  /** Force a layout instead of inferring it from the tables' titles (上海: unit or department by the titles). */
  layout?: LayoutRequest;
}

export interface ImportSummary {
  layout?: LayoutId;
  /** Tables recognised: their number in the layout, title, the page where they start and all their pages. */
  tables: Array<{ id: string; title: string; page: number; pages: number[]; figures: number }>;
  /** Figures written as statements. */
  placed: number;
  /** Figures printed again (another table, the same figure) or derived by the language and agreeing. */
  confirmed: number;
  /** Lines kept as comments. */
  comments: number;
  /**
   * Figures of derived tables that differ from the language's derivation (written in 印出 blocks, which `check` holds
   * against the derived tables; a figure of a cell the language has not, as a comment).
   */
  differing: number;
  /**
   * Figures of derived tables printed where the statements say nothing (a blank cell: unknown, not 0; a printed 0
   * too), neither confirmed nor differing: written as printed in 印出 blocks, which `check` does not compare there
   * (the document's statement kept); in a table listing a department's units, as a comment.
   */
  unstated: number;
  /** Prose lines without figures that were left out (their sections named). */
  prose: Array<{ heading: string; page: number; lines: number }>;
  /** Expected tables of the layout that were not found. */
  missing: string[];
  notes: Array<{ zh: string; en: string }>;
}

/** Every printed figure the importer read, and what became of it. */
export interface ReadFigure {
  ref: SourceRef;
  /** placed: written as a statement's figure; duplicate: printed again for a figure already written, the same;
   * derived: a figure of a derived table that the language derives the same; printed: a figure of a derived table
   * that differs (or that the statements leave unknown), written in an 印出 block; comment: kept in a comment line. */
  how: 'placed' | 'duplicate' | 'derived' | 'printed' | 'comment';
}

export interface ImportResult {
  text: string;
  map: MapEntry[];
  doc: SourceDoc;
  summary: ImportSummary;
  figures: ReadFigure[];
}

export function kindOf(name: string, bytes: Uint8Array): SourceKind {
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && /\.xlsx$/i.test(name)) return 'xlsx';
  if (/\.pdf$/i.test(name)) return 'pdf';
  if (/\.xlsx$/i.test(name)) return 'xlsx';
  return 'text';
}

export async function readDocument(bytes: Uint8Array, name: string): Promise<SourceDoc> {
  const kind = kindOf(name, bytes);
  if (kind === 'pdf') return readPdf(bytes);
  if (kind === 'xlsx') return readXlsx(bytes);
  if (/\.xls$/i.test(name) || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) throw new ImportError('unsupported', '不支持旧版 .xls 工作簿，请另存为 .xlsx', 'old .xls workbooks are not supported: save as .xlsx');
  const d = decodeBuffer(bytes);
  if (d.error) throw new ImportError('unsupported', `不是文本、PDF 或 xlsx 文件：${d.error.zh}`, `not a text, PDF or xlsx file: ${d.error.en}`);
  return readText(d.text);
}

export async function importDocument(bytes: Uint8Array, o: ImportOptions): Promise<ImportResult> {
  const doc = await readDocument(bytes, o.name);
  return importSource(doc, o);
}

/**
 * The title by which a document calls itself a final account (部门决算, 单位决算: its tables are …决算表, its
 * cover “2025 年度部门决算”), looked for in its first lines; undefined for any other document.
 */
function finalAccount(doc: SourceDoc): string | undefined {
  for (const l of doc.lines.slice(0, 80)) {
    const t = l.cells.map((c) => c.text).join('').replace(/\s+/g, '');
    const m = /(?:\d{4}年度?)?(?:部门|单位)?决算(?:表)?$/.exec(t) ?? /[^，。；]{0,20}决算表/.exec(t);
    if (m && !/预算/.test(m[0])) return m[0];
  }
  return undefined;
}

/** The tables the importer reads, per layout, for the message on a document it cannot read. */
function readTables(): { zh: string; en: string } {
  const each = (Object.keys(LAYOUTS) as LayoutId[]).map((id) => {
    const t = LAYOUTS[id].tables.filter((x) => /^表\d+$/.test(x.id));
    const title = (i: number): string => tableTitle(t[i]);
    return { zh: `${layoutName(id).zh} ${t[0].id}–${t[t.length - 1].id}（${title(0)} … ${title(t.length - 1)}）`, en: `${layoutName(id).en} ${t[0].id}–${t[t.length - 1].id} (${title(0)} … ${title(t.length - 1)})` };
  });
  return { zh: each.map((e) => e.zh).join('；'), en: each.map((e) => e.en).join('; ') };
}

/** The layout's numbered tables that a document must publish, in published order (the summary lists those not found). */
function expectedTables(layout: LayoutId): Array<{ id: string; label: string }> {
  return LAYOUTS[layout].tables.filter((t) => /^表\d+$/.test(t.id) && !t.optional).map((t) => ({ id: t.id, label: `${t.id} ${tableTitle(t)}` }));
}

export function importSource(doc: SourceDoc, o: ImportOptions): ImportResult {
  const segments = segment(doc);
  const layout = inferLayout(segments, o.layout);
  const base = emptyModel();
  base.layout = layout;
  const tables = segments.filter((s): s is TableSegment => s.kind === 'table').flatMap(splitForms);
  if (!tables.length && finalAccount(doc)) {
    const read = readTables();
    throw new ImportError('unrecognised', `这是决算（${finalAccount(doc)}），不是预算：决算表不是任何预算表式，未导入。budget import 读取的是预算表：${read.zh}`, `this is a final account (决算: ${finalAccount(doc)}), not a budget: its tables are of no budget layout and nothing was imported. budget import reads budget tables: ${read.en}`);
  }
  if (!tables.length && !segments.some((s) => s.kind === 'prose' && s.prose === 'explanation')) {
    throw new ImportError('unrecognised', '没有找到任何认得的预算表（按表名识别：如“收支预算总表”“部门支出预算总表”）', 'no known budget table was found (tables are recognised by their titles, e.g. 收支预算总表, 部门支出预算总表)');
  }
  unitAttributes(base, doc, tables);
  const defOf = (s: TableSegment): TableDef => {
    const d = s.defs.find((x) => x.layout === layout) ?? s.defs[0];
    // A table the layout prints by unit, printed by function code (rows of codes): its by-function reading.
    return d.byFunction && s.parts.flat().some((l) => isWholeCode(l.cells[0]?.text ?? '')) ? { ...d, ...d.byFunction } : d;
  };
  const units = unitsOf(base, tables, (s) => defOf(s).spec?.scope === 'all');
  const { models, department } = units;
  // Tables that list a department's units give each unit its rows.
  const listing: Listing | undefined = department ? { models, named: units.named } : undefined;
  // A table without a unit line is in the unit its layout publishes it in (三公 in 万元), else the document's.
  const unitOf = (s: TableSegment): MoneyUnit => s.moneyUnit ?? ownUnit(defOf(s)) ?? base.moneyUnit;
  // Primary code tables first (they create the rows), then derived ones, then the rest.
  const rank = (d: TableDef): number => (['func', 'econ', 'gov', 'incomeFunc'].includes(d.kind) ? (d.role === 'primary' ? 0 : 1) : 2);
  const ordered = [...tables].sort((a, b) => rank(defOf(a)) - rank(defOf(b)));
  // The 收支 tables are read first (placed later): their income items settle the by-function income table's 合计 row.
  const pairs = new Map(ordered.filter((s) => defOf(s).kind === 'pairs').map((s) => [s, readPairs(s, defOf(s), doc.positional, unitOf(s))]));
  for (const s of ordered) {
    const def = defOf(s);
    const unit = unitOf(s);
    const m = units.modelOf(s, def);
    switch (def.kind) {
      case 'func': case 'econ': case 'gov': case 'incomeFunc': {
        // The by-function income table: the income by source its unit's 收支 tables print settles its 合计 row.
        const pairsOfUnit = (): PairsRead[] => [...pairs].filter(([p]) => units.modelOf(p, defOf(p)) === m).map(([, r]) => r);
        const known = def.kind === 'incomeFunc' ? incomeBySource(pairsOfUnit()) : undefined;
        // A 支出 table of one source: bounded by the rows of all sources read before it.
        const oneSource = def.kind === 'func' && !!def.source && def.source !== 'columns';
        const bounds = oneSource ? allSources(m) : undefined;
        placeCodeTable(m, readCodeTable(s, def, doc.positional, unit, known, bounds));
        break;
      }
      case 'pairs':
        placePairs(m, pairs.get(s)!);
        break;
      case 'incomeByUnit':
        placeIncomeByUnit(m, s, def, doc.positional, unit, listing);
        break;
      case 'sangong':
        placeSangong(m, readSangong(s, def, doc.positional, unit));
        break;
      case 'list':
        placeList(m, readList(s, def, doc.positional, unit), def.list!, def.spec?.scope === 'all' ? listing : undefined);
        break;
      case 'projects':
        placeProjects(m, s, def, doc.positional, unit, tables, listing);
        break;
      case 'overall':
        placeOverall(m, s, def, doc.positional, unit);
        break;
      case 'projectForm':
        placeForms(m, s, def, doc.positional, unit);
        break;
      case 'comparison':
        placeComparisonTable(m, s, def, doc.positional, unit);
        break;
    }
  }
  for (const m of models) splitBySource(m);
  // The document's prose (说明) is the budget's: written with its (first) unit.
  const prose = placeProse(models[0], segments, models);
  for (const m of models) inferKind(m);
  // First writing: compare the derived tables' figures with the language's own derivation.
  let out = emit(models, { source: o.name, department });
  const extra = verifyDerived(models, department?.name, out.text);
  const { differing, unstated } = extra;
  if (extra.comments.size || extra.printed.size) out = emit(models, { source: o.name, department, extraComments: extra.comments, printed: extra.printed });
  // Nothing is dropped silently, whatever the shape: a printed line holding a figure that no reading placed, confirmed
  // or kept (a damaged page, a shape no table reader foresaw) is kept as a comment, with its page and line.
  const unread = unreadLines(doc, out.map, models);
  if (unread.length) {
    const kept = extra.comments.get(models[0]) ?? [];
    extra.comments.set(models[0], [...kept, ...unread.map((l): CommentM => ({ where: '未读', ref: refOf(l), why: UNREAD }))]);
    out = emit(models, { source: o.name, department, extraComments: extra.comments, printed: extra.printed });
  }
  const all = <T>(pick: (m: ImportModel) => T[]): T[] => models.flatMap(pick);
  const read = all((m) => m.tables);
  const summary: ImportSummary = {
    layout,
    tables: read.map((t) => ({ id: t.def.id, title: t.def.title, page: t.page, pages: t.pages ?? [t.page], figures: t.figures })),
    placed: out.map.filter((e) => e.kind === 'figure').length,
    confirmed: all((m) => m.duplicates).length + all((m) => m.derived).length - differing.length - unstated.length,
    comments: out.map.filter((e) => e.kind === 'comment').length,
    differing: differing.length,
    unstated: unstated.length,
    prose,
    missing: layout ? expectedTables(layout).filter((t) => !read.some((x) => x.def.layout === layout && x.def.id === t.id)).map((t) => t.label) : [],
    notes: all((m) => m.notes),
  };
  const differs = new Set([...differing, ...unstated]);
  const figures: ReadFigure[] = [
    ...out.map.filter((e) => e.kind !== 'row').map((e) => ({ ref: e.ref, how: e.kind === 'figure' ? 'placed' as const : e.kind as 'printed' | 'comment' })),
    ...all((m) => m.duplicates).map((d) => ({ ref: d.fig.ref, how: 'duplicate' as const })),
    ...all((m) => m.derived).filter((d) => !differs.has(d.fig.ref)).map((d) => ({ ref: d.fig.ref, how: 'derived' as const })),
  ];
  return { text: out.text, map: out.map, doc, summary, figures };
}

const UNREAD = { zh: '此行的数字未能读入任何表或说明', en: 'no table or 说明 reading took this line\'s figures' };

/**
 * The printed lines holding a figure (a cell, or a word of the line) that nothing written refers to: not placed, not
 * kept as a comment or as printed, not confirmed against a derived table, not a duplicate of a placed figure.
 */
function unreadLines(doc: SourceDoc, map: MapEntry[], models: ImportModel[]): SourceLine[] {
  const seen = new Set<string>();
  const see = (r: SourceRef): void => void seen.add(`${r.page}:${r.line}`);
  for (const e of map) see(e.ref);
  for (const m of models) {
    for (const d of m.derived) see(d.fig.ref);
    for (const d of m.duplicates) see(d.fig.ref);
  }
  return doc.lines.filter((l) => {
    if (!printsColumnFigure(lineText(l))) return false;
    const on = [l.line, ...l.cells.flatMap((c) => (c.line ? [c.line] : []))];
    return !on.some((n) => seen.has(`${l.page}:${n}`));
  });
}

/**
 * The income by source that a 收支总表 prints (财政拨款收入, 事业收入 …, each with its figure), keyed as the by-function
 * income table's columns: only printed figures, of the one table of all income (not the 财政拨款 table).
 */
function incomeBySource(reads: PairsRead[]): Map<string, Fig> | undefined {
  const all = reads.filter((r) => !/财政拨款/.test(r.def.title));
  if (all.length !== 1) return undefined;
  const out = new Map<string, Fig>();
  for (const it of all[0].items) {
    const f = it.side === 'left' ? it.cells.get('total') : undefined;
    const label = bareLabel(it.label);
    if (f && /^(?:财政拨款收入|事业收入|事业单位经营收入|其他收入)$/.test(label)) out.set(label === '财政拨款收入' ? '财政拨款' : label, f);
  }
  return out.size ? out : undefined;
}

/** The 支出 rows of all sources read so far (表3), by code ('' for 合计): the bounds of a table of one source. */
function allSources(m: ImportModel): Map<string, Map<string, Fig>> | undefined {
  const rows = m.func.filter((r) => !r.source);
  return rows.length ? new Map(rows.map((r) => [r.isTotal ? '' : r.code, r.cells])) : undefined;
}

// ── one unit, or a department's units ────────────────────────────────────────────────────────────────

/**
 * 表16 printed once per unit, one after the other under the same title: one form per 部门（单位）名称 (the pages of
 * one form stay together).
 */
function splitForms(s: TableSegment): TableSegment[] {
  if (!s.defs.some((d) => d.kind === 'overall') || s.parts.length < 2) return [s];
  const out: TableSegment[] = [];
  for (const part of s.parts) {
    const starts = part.some((l) => /^部门（单位）名称/.test(lineText(l).replace(/\s+/g, '')));
    if (starts || !out.length) out.push({ ...s, parts: [part] });
    else out[out.length - 1].parts.push(part);
  }
  return out;
}

interface Units {
  models: ImportModel[];
  /** A department's budget (its units' tables one after the other): the department. */
  department?: { name: string; supervisor?: string };
  /** The unit a table belongs to: by its unit line, else (forms) by what it names, else the first. */
  modelOf(s: TableSegment, def: TableDef): ImportModel;
  /** The unit of this name, in a department's budget (tables that list the units: their unit rows). */
  named(name: string): ImportModel | undefined;
}

/**
 * The units of the document. The tables of one unit name it in their unit line (单位名称：…); a department's budget
 * prints each unit's tables one after the other, and the tables that list the units (单位名称 column: the reference
 * layout's 表2, 表9, 表13–表15) under the department's name: then there is one unit per name, in a 部门 block.
 */
function unitsOf(base: ImportModel, tables: TableSegment[], listing: (s: TableSegment) => boolean): Units {
  const names = [...new Set(tables.filter((s) => !listing(s) && s.unitName).map((s) => s.unitName!))];
  const flat = (s: string): string => s.replace(/\s+/g, '');
  if (names.length < 2) {
    return { models: [base], modelOf: () => base, named: (n) => (base.unitName && flat(n) === flat(base.unitName) ? base : undefined) };
  }
  const models = names.map((name): ImportModel => ({ ...emptyModel(), layout: base.layout, unitName: name, year: base.year, moneyUnit: base.moneyUnit }));
  const named = (n: string): ImportModel | undefined => models.find((m) => flat(m.unitName!) === flat(n));
  const listed = tables.filter(listing).map((s) => s.unitName).find((n) => n && !named(n));
  const department = { name: listed ?? base.unitName ?? names[0], ...(base.supervisor ? { supervisor: base.supervisor } : {}) };
  const modelOf = (s: TableSegment, def: TableDef): ImportModel => {
    const byLine = s.unitName ? named(s.unitName) : undefined;
    if (byLine) return byLine;
    const text = s.parts.flat().map(lineText).join('').replace(/\s+/g, '');
    // 表16 names its unit (编码名称-区划); a project's form, the project the unit lists in 表9.
    if (def.kind === 'overall') return models.find((m) => text.includes(flat(m.unitName!))) ?? models[0];
    if (def.kind === 'projectForm') {
      const name = formProjectName(s);
      return models.find((m) => m.projects.some((p) => flat(p.name) === flat(name ?? ''))) ?? models[0];
    }
    return models[0];
  };
  return { models, department, modelOf, named };
}

// ── unit attributes ───────────────────────────────────────────────────────────────────────────────────

function mostCommon<T>(xs: T[]): T | undefined {
  const n = new Map<T, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  let best: T | undefined;
  let k = 0;
  for (const [x, c] of n) if (c > k) [best, k] = [x, c];
  return best;
}

function unitAttributes(m: ImportModel, doc: SourceDoc, tables: TableSegment[]): void {
  m.unitName = mostCommon(tables.map((t) => t.unitName).filter((x): x is string => !!x));
  // Most tables are in the document's unit; the 三公 table of the Shanghai layout states its own.
  m.moneyUnit = mostCommon(tables.filter((t) => !ownUnit(t.defs[0])).map((t) => t.moneyUnit).filter((x): x is MoneyUnit => !!x)) ?? '万元';
  m.comparisons.unit = '万元';
  const years = tables.map((t) => /(\d{4})年/.exec(lineText(t.title))?.[1]).filter((x): x is string => !!x);
  const head = doc.lines.slice(0, 12).map(lineText).join(' ');
  const year = mostCommon(years) ?? /(\d{4})年/.exec(head)?.[1];
  if (year) m.year = Number(year);
  const sup = /预算主管部门[:：]\s*(\S+)/.exec(head);
  if (sup) m.supervisor = sup[1];
  if (!m.unitName && sup) m.unitName = sup[1];
  // The reference layout's cover title: “2025年<unit>单位预算批复表”.
  const cover = /\d{4}年(.+?)(?:单位|部门)预算批复表/.exec(head.replace(/\s+/g, ''));
  if (!m.unitName && cover) m.unitName = cover[1];
}

/**
 * 性质 when the document does not print it but its 政府经济分类 shows it: 505 (对事业单位经常性补助) is used
 * only for 事业单位, 501/502 (机关工资福利/商品和服务支出) only for 行政单位. Said in a comment.
 */
function inferKind(m: ImportModel): void {
  if (m.kind) return;
  const codes = m.gov.map((r) => r.code);
  const inst = codes.some((c) => c.startsWith('505'));
  const admin = codes.some((c) => c.startsWith('501') || c.startsWith('502'));
  if (inst === admin) return;
  const code = inst ? '505' : codes.find((c) => c.startsWith('501') || c.startsWith('502'))!.slice(0, 3);
  m.kind = {
    word: inst ? '事业单位' : '行政单位',
    why: `性质未印出，由政府经济分类的 ${code} 科目推知 · 性质 not printed: inferred from government economic code ${code}`,
  };
}

// ── 辽宁 表2: income by unit ──────────────────────────────────────────────────────────────────────────

function placeIncomeByUnit(first: ImportModel, s: TableSegment, def: TableDef, positional: boolean, unit: MoneyUnit, listing?: Listing): void {
  const named = listing?.named;
  // Rows are 合计 and one per unit. One unit: the 合计 row's figures are the 收入 lines and the unit's row repeats
  // them. A department: each unit's row gives its 收入 lines, the 合计 row is the language's sum (verified).
  const rows = readUnitRows(s, def, positional, unit);
  first.tables.push({ def, figures: rows.reduce((n, r) => n + r.cells.size, 0), page: s.title.page, pages: pagesOf(s) });
  for (const r of rows) {
    const total = /^合计$/.test(r.name.replace(/\s+/g, ''));
    if (named && total) {
      for (const [key, f] of r.cells) {
        const col = def.columns?.find((c) => c.key === key);
        if (col?.derived) first.derived.push({ def, table: def.id, row: '合计', column: col.derived, fig: f, unit });
        else first.comments.push({ where: def.id, ref: f.ref });
      }
      continue;
    }
    const m = (named && named(r.name)) || first;
    for (const [key, f] of r.cells) {
      const carried = key.startsWith('上年结转:');
      const it = incomeItemOf(key.replace(/^上年结转:/, ''));
      if (!it) continue;
      const item = carried && it.item === '上年结转结余' ? '上年结转结余' : it.item;
      const isCarried = carried && item !== '上年结转结余';
      const slot = `income:${isCarried ? '上年结转:' : ''}${item}`;
      let line = m.income.find((x) => x.item === item && x.carried === isCarried);
      if (!line) {
        line = { item, carried: isCarried, word: item, ref: f.ref };
        m.income.push(line);
      }
      if (place(m, slot, f, unit, def.id)) line.fig = f;
    }
  }
}

/** The rows of 辽宁 表2: a 合计 row and one row per unit, each a name (possibly wrapped) then amounts. */
function readUnitRows(s: TableSegment, def: TableDef, positional: boolean, unit: MoneyUnit): Array<{ name: string; cells: Map<string, Fig> }> {
  const lines = s.parts.flat();
  const out: Array<{ name: string; cells: Map<string, Fig> }> = [];
  const header: typeof lines = [];
  let started = false;
  let name = '';
  for (const l of lines) {
    const amounts = l.cells.filter((c) => isAmount(c.text));
    const text = l.cells.filter((c) => !isAmount(c.text)).map((c) => c.text).join('');
    if (!started && !amounts.length) {
      header.push(l);
      continue;
    }
    started = true;
    name += text;
    if (!amounts.length) continue;
    const positions = positional ? locateColumns(def.columns ?? [], header) : undefined;
    const a = assignColumns(amounts, def.columns ?? [], positions, def.identities, unit);
    const cells = new Map<string, Fig>();
    for (const [k, c] of a.cells) cells.set(k, fig(l, c));
    out.push({ name, cells });
    name = '';
  }
  return out;
}

// ── the comparison table of `budget render` (与上年预算比较) ───────────────────────────────────────────

const COMPARISON_COLUMNS: ColumnDef[] = [
  { key: 'current', words: ['本年预算数'] }, { key: 'previous', words: ['上年预算数'] }, { key: 'change', words: ['增减额'] }, { key: 'rate', words: ['增减率'] },
];
const RATE = /^([-−]?\d+(?:\.\d+)?)%$/;

/**
 * 与上年预算比较 (the table `budget render` adds for a unit's 上年比较): one 上年比较 line per row — the figure by its
 * name, 本年 and 上年 as printed, the change and the rate signed (增减, 增幅) as the table prints them.
 */
function placeComparisonTable(m: ImportModel, s: TableSegment, def: TableDef, positional: boolean, unit: MoneyUnit): void {
  let figures = 0;
  m.comparisons.unit = unit;
  const header: SourceLine[] = [];
  let positions: ReturnType<typeof locateColumns> | undefined;
  for (const l of s.parts.flat()) {
    const cells = l.cells.filter((c) => c.text.trim());
    const values = cells.filter((c) => isAmount(c.text) || RATE.test(c.text.replace(/\s+/g, '')));
    const name = cells.filter((c) => !values.includes(c)).map((c) => c.text).join('').replace(/\s+/g, '');
    if (!values.length) {
      if (/本年预算数/.test(name)) {
        header.push(l);
        if (positional) positions = locateColumns(COMPARISON_COLUMNS, header);
      } else m.comments.push({ where: def.id, ref: refOf(l) });
      continue;
    }
    const word = compareFigureWord(name);
    if (!word) {
      m.comments.push({ where: def.id, ref: refOf(l), why: { zh: '不是可比较的项目', en: 'not a figure 上年比较 can compare' } });
      continue;
    }
    // Each value under its header (laid out), else in the table's order: 本年, 上年, 增减额 (amounts), then 增减率.
    const at = new Map<string, SourceCell>();
    if (positions?.length) {
      for (const c of values) {
        const x = (c.x0 + c.x1) / 2;
        const near = positions.reduce((a, b) => (Math.abs(b.x - x) < Math.abs(a.x - x) ? b : a));
        at.set(near.key, c);
      }
    } else {
      const amounts = values.filter((c) => isAmount(c.text));
      ['current', 'previous', 'change'].forEach((k, i) => amounts[i] && at.set(k, amounts[i]));
      const rate = values.find((c) => !isAmount(c.text));
      if (rate) at.set('rate', rate);
    }
    const line: ComparisonLineM = { figure: word, ref: refOf(l) };
    const f = (k: string): Fig | undefined => (at.get(k) && isAmount(at.get(k)!.text) ? fig(l, at.get(k)!) : undefined);
    line.current = f('current');
    line.previous = f('previous');
    const change = f('change');
    if (change) line.change = { word: '增减', fig: change };
    const rate = at.get('rate');
    const r = rate ? RATE.exec(rate.text.replace(/\s+/g, '')) : null;
    if (rate && r) line.rate = { word: '增幅', fig: { text: r[1], ref: refOf(l, { ...rate, text: r[1] }) } };
    figures += [line.current, line.previous, change, line.rate].filter(Boolean).length;
    m.comparisons.lines.push(line);
  }
  m.tables.push({ def, figures, page: s.title.page, pages: pagesOf(s) });
}

/** The 上年比较 word of a compared figure's printed name (as printed when the language takes it). */
function compareFigureWord(name: string): string | undefined {
  return [name, name.replace(/预算(?:数)?$/, ''), name.replace(/^本(?:部门|单位)/, '')].find((w) => w && COMPARE_FIGURES[w]);
}

// ── derived tables: the language's own derivation ─────────────────────────────────────────────────────

/**
 * The figures of derived tables that differ from the tables the core builds from the statements written, in the
 * layout the file states (the one recognised): the same table by its id, the cell by its row and column. A cell
 * shows the written figure where one was written (faithful cells), so a printed figure is held against what the
 * language states, and a written figure disagreeing with its parts stays the checker's finding, not a difference
 * here. A printed figure agrees by the check's own rule (`printedAs`: exactly, or as the cell rounded to the printed
 * digits). Each differing figure is written in an `印出` block of its table (checks/printed.ts holds it against the
 * table again, and reports a difference); a figure of a cell the core's table has not, or of a table listing a
 * department's units, stays a comment saying so. A blank cell is one the statements leave unknown — not 0, as the
 * check holds it: a figure printed there (0 included) is neither confirmed nor differing (`unstated`), and is
 * written as printed like a differing one — the document's statement kept; the check does not compare it.
 */
function verifyDerived(models: ImportModel[], department: string | undefined, text: string): Derived {
  const comments = new Map<ImportModel, CommentM[]>();
  const printed = new Map<ImportModel, PrintedM[]>();
  const differing: SourceRef[] = [];
  const unstated: SourceRef[] = [];
  if (!models.some((m) => m.derived.length)) return { comments, printed, differing, unstated };
  const tables = buildTables(analyze(text, { checks: false }));
  for (const m of models) {
    // A department's units: each unit's own tables, and the tables that list them all (under the department's name).
    const mine = models.length > 1 ? tables.filter((t) => t.unitName === m.unitName || t.unitName === department) : tables;
    const differ: CommentM[] = [];
    const blocks: PrintedM[] = [];
    for (const d of m.derived) {
      const t = mine.find((x) => x.id === d.table);
      const cell = t ? cellAt(t, d.row, d.column) : undefined;
      const literal = parseDecimal(amountLiteral(d.fig.text));
      const figure = literal && { value: toTicks(literal, d.unit).value, decimals: literal.decimals, unit: d.unit };
      // A blank cell: the statements say nothing there (unknown, not 0), whatever the figure printed (0 included).
      const blank = !!t && !!cell && cell.amount === undefined;
      const shown = cell === undefined || !t || blank ? undefined : parseMoney(cell.amount!, t.moneyUnit as MoneyUnit);
      if (shown !== undefined && figure && printedAs(figure, shown)) continue;
      (blank ? unstated : differing).push(d.fig.ref);
      const col = t && (d.column === 'left' || d.column === 'right' ? sideColumn(t, d.column) : columnIndex(t, d.column));
      if (t && cell && col !== undefined && !(models.length > 1 && t.unitName === department)) {
        let block = blocks.find((b) => b.table === d.table && b.unit === d.unit);
        if (!block) blocks.push((block = { table: d.table, unit: d.unit, rows: [] }));
        let row = block.rows.find((r) => r.row === d.row);
        if (!row) block.rows.push((row = { row: d.row, cells: [] }));
        row.cells.push({ column: columnName(t, col), fig: d.fig });
        continue;
      }
      differ.push({
        where: d.def.id, ref: d.fig.ref,
        why: blank
          ? { zh: `已写语句未说明此格（未知，不作 0 比较；列出全部单位的表）`, en: `the statements written say nothing for this cell (unknown, not compared as 0; a table listing the units)` }
          : shown === undefined
            ? { zh: `${d.def.id} 的这个数字语言无处推出（${d.row} / ${d.column}）`, en: `the language derives no figure for this cell of ${d.def.id} (${d.row} / ${d.column})` }
            : { zh: `与按已写语句推出的 ${cell!.text} 不同（列出全部单位的表）`, en: `differs from ${cell!.text}, derived from the statements written (a table listing the units)` },
      });
    }
    if (differ.length) comments.set(m, differ);
    // In the document's order: by where each table's first differing figure was printed.
    const at = (b: PrintedM): number => Math.min(...b.rows.slice(0, 1).flatMap((r) => r.cells.map((c) => c.fig.ref.page * 1e6 + c.fig.ref.line)));
    blocks.sort((x, y) => at(x) - at(y));
    if (blocks.length) printed.set(m, blocks);
  }
  return { comments, printed, differing, unstated };
}

/** What comparing the derived tables gives: the lines to write, and the figures by outcome (all but the agreeing). */
interface Derived {
  comments: Map<ImportModel, CommentM[]>;
  printed: Map<ImportModel, PrintedM[]>;
  /** Figures differing from a derived figure (in `printed` or `comments`). */
  differing: SourceRef[];
  /** Figures of blank cells, which the statements leave unknown (in `printed` or `comments`). */
  unstated: SourceRef[];
}
