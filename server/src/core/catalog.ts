/**
 * Classification catalogs, by edition of 《政府收支分类科目》: function codes (类/款/项), department and government
 * economic codes (类/款), and the correspondence between the two economic classifications (两套经济分类对照) for
 * 行政单位 and 事业单位. The data is server/data/catalog/*.tsv (each row with the editions it belongs to and the
 * ids of its sources, sources.tsv saying what each source is); scripts/gen-catalog.mjs embeds it in
 * catalog-data.ts, which is parsed on first use only.
 *
 * The catalog is partial: where a parent is listed complete for an edition (complete.tsv), a code missing under it
 * is not a code of that edition; elsewhere a missing code is only unknown, never wrong. A user's own catalog file
 * (`budget.catalogPath`) adds local codes that belong to every edition.
 */
import { CATALOG_FILES } from './catalog-data';

export type ClassKind = 'func' | 'econ' | 'gov';
export type UnitKindClass = 'admin' | 'institution';

/** The latest edition the shipped data speaks for; files of later years are read against it. */
export const LATEST_EDITION = 2026;
/** The earliest edition with any data. */
export const EARLIEST_EDITION = 2017;

/** A set of editions (years), written `2018-2026`, `2023,2025` or `*` (every edition). */
export class Editions {
  static readonly ALL = new Editions([[0, 9999]]);

  constructor(readonly ranges: ReadonlyArray<readonly [number, number]>) {}

  static parse(text: string | undefined): Editions {
    const t = (text ?? '').trim();
    if (!t || t === '*') return Editions.ALL;
    const ranges: Array<[number, number]> = [];
    for (const part of t.split(',')) {
      const m = /^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$/.exec(part);
      if (m) ranges.push([Number(m[1]), Number(m[2] ?? m[1])]);
    }
    return ranges.length ? new Editions(ranges) : Editions.ALL;
  }

  has(year: number): boolean {
    return this.ranges.some(([a, b]) => year >= a && year <= b);
  }

  get all(): boolean {
    return this.ranges.some(([a, b]) => a === 0 && b === 9999);
  }

  /** How many editions away `year` is (0 = in the set). */
  distance(year: number): number {
    let d = Infinity;
    for (const [a, b] of this.ranges) d = Math.min(d, year < a ? a - year : year > b ? year - b : 0);
    return d;
  }

  toString(): string {
    if (this.all) return '*';
    return this.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join('、');
  }
}

/** One catalog row: a code with its name in some editions. */
export interface CatalogRecord {
  kind: ClassKind;
  code: string;
  name: string;
  editions: Editions;
  description?: string;
  /** Source ids (sources.tsv), or the user file's name for local codes. */
  sources: string[];
  /** From a user's catalog file (`budget.catalogPath`). */
  local?: boolean;
}

/** A code as one edition knows it (the legacy shape the features read, plus the edition facts). */
export interface CatalogEntry {
  code: string;
  /** Every name under which the code is known in this edition (first = the official one). */
  names: string[];
  /** Source ids. */
  sources: string[];
  description?: string;
  /** The editions the chosen record belongs to. */
  editions: Editions;
  /** The code belongs to the edition (false: known only from another edition, the nearest one is shown). */
  inEdition: boolean;
  local: boolean;
}

export interface SourceInfo {
  id: string;
  kind: string;
  editions: string;
  what: string;
  where: string;
}

export interface MapRow {
  kind: UnitKindClass;
  dept: string;
  gov: string;
  editions: Editions;
  sources: string[];
}

/** A node of the catalog tree (the tree command). */
export interface CatalogTreeNode {
  code: string;
  name: string;
  description?: string;
  children: CatalogTreeNode[];
}

/** Everything loaded, all editions together. */
class CatalogStore {
  readonly records: Record<ClassKind, Map<string, CatalogRecord[]>> = { func: new Map(), econ: new Map(), gov: new Map() };
  readonly complete: Record<ClassKind, Map<string, Editions>> = { func: new Map(), econ: new Map(), gov: new Map() };
  readonly maps: MapRow[] = [];
  readonly sources = new Map<string, SourceInfo>();
  /** Department codes whose missing correspondence is known (gaps.tsv): kind → codes. */
  readonly gaps: Record<UnitKindClass, Set<string>> = { admin: new Set(), institution: new Set() };

  addRecord(r: CatalogRecord): void {
    const list = this.records[r.kind].get(r.code) ?? [];
    const same = list.find((x) => x.name === r.name && x.editions.toString() === r.editions.toString());
    if (same) {
      for (const s of r.sources) if (!same.sources.includes(s)) same.sources.push(s);
      if (!same.description && r.description) same.description = r.description;
      same.local ||= r.local;
      return;
    }
    list.push(r);
    this.records[r.kind].set(r.code, list);
  }

  /** Loads one TSV file (its format told by its header line); `local` for a user's file. */
  load(fileName: string, text: string, local: boolean): void {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
    if (!lines.length) return;
    const header = lines[0].split('\t').map((h) => h.trim());
    const col = (n: string): number => header.indexOf(n);
    const rows = lines.slice(1).map((l) => l.split('\t').map((c) => c.trim()));
    const cell = (r: string[], n: string): string => (col(n) >= 0 ? r[col(n)] ?? '' : '');
    const srcs = (r: string[]): string[] => (local ? [fileName] : cell(r, 'sources').split(';').filter(Boolean));
    const eds = (r: string[]): Editions => (local && col('editions') < 0 ? Editions.ALL : Editions.parse(cell(r, 'editions')));
    if (col('id') >= 0 && col('what') >= 0) {
      for (const r of rows) this.sources.set(cell(r, 'id'), { id: cell(r, 'id'), kind: cell(r, 'kind'), editions: cell(r, 'editions'), what: cell(r, 'what'), where: cell(r, 'where') });
      return;
    }
    if (col('parent') >= 0) {
      for (const r of rows) {
        const kind = cell(r, 'kind') as ClassKind;
        if (kind in this.complete) this.complete[kind].set(cell(r, 'parent'), Editions.parse(cell(r, 'editions')));
      }
      return;
    }
    if (col('gap') >= 0) {
      for (const r of rows) {
        const kind = cell(r, 'kind') as UnitKindClass;
        if (kind in this.gaps) this.gaps[kind].add(cell(r, 'dept_code'));
      }
      return;
    }
    if (col('gov_code') >= 0 && col('dept_code') >= 0) {
      // Correspondence: the project's format (with `kind`) or the legacy one (机关 side only, with names).
      for (const r of rows) {
        const kind: UnitKindClass = cell(r, 'kind') === 'institution' ? 'institution' : 'admin';
        const dept = cell(r, 'dept_code');
        const gov = cell(r, 'gov_code');
        if (!dept || !gov) continue;
        this.maps.push({ kind, dept, gov, editions: eds(r), sources: srcs(r) });
        if (cell(r, 'gov_name')) this.addRecord({ kind: 'gov', code: gov, name: cell(r, 'gov_name'), editions: eds(r), sources: srcs(r), local });
        if (cell(r, 'dept_name')) this.addRecord({ kind: 'econ', code: dept, name: cell(r, 'dept_name'), editions: eds(r), sources: srcs(r), local });
      }
      return;
    }
    if (col('kind') >= 0) {
      // Mixed file (legacy): kind, code, name[, gov_code = the 事业单位 correspondence].
      for (const r of rows) {
        const kind = cell(r, 'kind') as ClassKind;
        if (!(kind in this.records) || !cell(r, 'code')) continue;
        this.addRecord({ kind, code: cell(r, 'code'), name: cell(r, 'name'), editions: eds(r), description: cell(r, 'description') || undefined, sources: srcs(r), local });
        const gov = cell(r, 'gov_code');
        if (kind === 'econ' && gov) this.maps.push({ kind: 'institution', dept: cell(r, 'code'), gov, editions: eds(r), sources: srcs(r) });
      }
      return;
    }
    const kind: ClassKind = /gov/.test(fileName) ? 'gov' : /econ/.test(fileName) ? 'econ' : 'func';
    for (const r of rows) {
      if (!cell(r, 'code')) continue;
      this.addRecord({ kind, code: cell(r, 'code'), name: cell(r, 'name'), editions: eds(r), description: cell(r, 'description') || undefined, sources: srcs(r), local });
    }
  }
}

/**
 * The catalog as one edition knows it. Every feature reads codes through an edition: `forEdition(year)` gives
 * the view for a unit's 年度 (or its `科目版本`).
 */
export class Catalog {
  private byKind: Partial<Record<ClassKind, Map<string, CatalogEntry>>> = {};

  /** `holder` makes the data on first use: creating a catalog (at start-up) parses nothing. */
  constructor(private readonly holder: StoreHolder, readonly edition: number) {}

  private get store(): CatalogStore {
    return (this.holder.store ??= this.holder.make());
  }

  /** The same catalog read as another edition. */
  forEdition(year: number | undefined): Catalog {
    const y = year ?? LATEST_EDITION;
    if (y === this.edition) return this;
    let v = this.holder.views.get(y);
    if (!v) this.holder.views.set(y, (v = new Catalog(this.holder, y)));
    return v;
  }

  /** The codes of one classification, as this edition knows them (codes of other editions included, marked). */
  get entries(): Record<ClassKind, Map<string, CatalogEntry>> {
    return { func: this.kindEntries('func'), econ: this.kindEntries('econ'), gov: this.kindEntries('gov') };
  }

  private kindEntries(kind: ClassKind): Map<string, CatalogEntry> {
    let m = this.byKind[kind];
    if (m) return m;
    m = new Map();
    for (const [code, list] of this.store.records[kind]) {
      const e = this.entryOf(code, list);
      if (e) m.set(code, e);
    }
    this.byKind[kind] = m;
    return m;
  }

  private entryOf(code: string, list: CatalogRecord[]): CatalogEntry | undefined {
    const y = this.edition;
    const inEd = list.filter((r) => r.editions.has(y));
    const chosen = inEd.length ? inEd : nearest(list, y);
    if (!chosen.length) return undefined;
    const names: string[] = [];
    const sources: string[] = [];
    for (const r of chosen) {
      if (r.name && !names.includes(r.name)) names.push(r.name);
      for (const s of r.sources) if (!sources.includes(s)) sources.push(s);
    }
    const first = chosen.find((r) => !r.local) ?? chosen[0];
    return {
      code, names, sources, description: chosen.find((r) => r.description)?.description,
      editions: first.editions, inEdition: inEd.length > 0, local: chosen.some((r) => r.local),
    };
  }

  get(kind: ClassKind, code: string): CatalogEntry | undefined {
    return this.kindEntries(kind).get(code);
  }

  /** Every record of a code, all editions (for the rename and "other edition" messages). */
  records(kind: ClassKind, code: string): readonly CatalogRecord[] {
    return this.store.records[kind].get(code) ?? [];
  }

  /** Whether `name` agrees with this edition's name of the code (ignoring bracket width, quotes and spaces). */
  nameMatches(kind: ClassKind, code: string, name: string): boolean {
    const e = this.get(kind, code);
    if (!e || !e.names.length) return true;
    if (e.names.includes(name)) return true;
    const n = normalizeName(name);
    return e.names.some((x) => normalizeName(x) === n);
  }

  /** The records of the code under `name` in editions other than this one (a name of another edition). */
  otherEditionNamed(kind: ClassKind, code: string, name: string): CatalogRecord | undefined {
    const n = normalizeName(name);
    return this.records(kind, code).find((r) => !r.editions.has(this.edition) && normalizeName(r.name) === n) ?? this.derivedOtherName(kind, code, n);
  }

  /**
   * The catalog's naming of a “99” code: the 款 99 of a 类 is “其他” + the 类's name (20799 其他文化旅游体育与传媒支出 under
   * 207 文化旅游体育与传媒支出), the 项 99 of such a 款 bears the 款's name (2079999). When this edition names the code so,
   * the code's name in the editions of a former name of its parent follows it the same way (207's 文化体育与传媒支出 makes
   * 20799's and 2079999's 其他文化体育与传媒支出), with the parent record's editions and sources.
   */
  private derivedOtherName(kind: ClassKind, code: string, n: string): CatalogRecord | undefined {
    const parent = parentCode(code);
    if (!parent || !code.endsWith('99')) return undefined;
    const own = this.get(kind, code)?.names.map(normalizeName) ?? [];
    const parents = this.get(kind, parent)?.names.map(normalizeName) ?? [];
    const ways: Array<(x: string) => string> = [(x) => `其他${x}`, (x) => x];
    for (const way of ways) {
      if (!parents.some((p) => own.includes(way(p)))) continue;
      const former = way === ways[0] ? (n.startsWith('其他') ? n.slice(2) : undefined) : n;
      const r = former === undefined ? undefined : this.otherEditionNamed(kind, parent, former);
      if (r) return { ...r, code, name: way(r.name) };
    }
    return undefined;
  }

  /** Whether every child of `parent` is in the catalog for this edition. */
  isComplete(kind: ClassKind, parent: string | undefined): boolean {
    if (parent === undefined) return false;
    return this.store.complete[kind].get(parent)?.has(this.edition) ?? false;
  }

  /** The codes of this edition directly under `parent` ('' = the 类). */
  children(kind: ClassKind, parent: string): CatalogEntry[] {
    const out: CatalogEntry[] = [];
    for (const e of this.kindEntries(kind).values()) {
      if (!e.inEdition && !e.local) continue;
      if ((parentCode(e.code) ?? '') === parent) out.push(e);
    }
    return out.sort((a, b) => a.code.localeCompare(b.code));
  }

  /** The whole classification of this edition as a tree. */
  tree(kind: ClassKind): CatalogTreeNode[] {
    const nodes = new Map<string, CatalogTreeNode>();
    const roots: CatalogTreeNode[] = [];
    const list = [...this.kindEntries(kind).values()].filter((e) => e.inEdition || e.local).sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
    for (const e of list) {
      const n: CatalogTreeNode = { code: e.code, name: e.names[0] ?? '', description: e.description, children: [] };
      nodes.set(e.code, n);
      const p = parentCode(e.code);
      const pn = p ? nodes.get(p) : undefined;
      (pn ? pn.children : roots).push(n);
    }
    return roots;
  }

  /**
   * Codes of this edition that a mistyped or out-of-edition code most likely meant: the same name elsewhere,
   * then the codes one digit off, then two adjacent digits swapped — under the same parent first.
   */
  nearestCodes(kind: ClassKind, code: string, name?: string, max = 3): CatalogEntry[] {
    const scored: Array<{ e: CatalogEntry; s: number }> = [];
    const n = name ? normalizeName(name) : undefined;
    const parent = parentCode(code);
    for (const e of this.kindEntries(kind).values()) {
      if (!e.inEdition || e.code === code || e.code.length !== code.length) continue;
      let s = 0;
      if (n && e.names.some((x) => normalizeName(x) === n)) s += 10;
      const d = digitDistance(code, e.code);
      if (d === 1) s += 5;
      else if (isSwap(code, e.code)) s += 4;
      if (!s) continue;
      if (parentCode(e.code) === parent) s += 2;
      scored.push({ e, s });
    }
    return scored.sort((a, b) => b.s - a.s || a.e.code.localeCompare(b.e.code)).slice(0, max).map((x) => x.e);
  }

  /** The government economic code for a department code (its own line first, then its 类), or undefined. */
  mapDept(code: string, kindClass: UnitKindClass | undefined, local: Map<string, string>): string | undefined {
    for (const c of [code, code.slice(0, 3)]) {
      const l = local.get(c);
      if (l) return l;
    }
    if (!kindClass) return undefined;
    const rows = this.store.maps.filter((m) => m.kind === kindClass);
    for (const c of [code, code.slice(0, 3)]) {
      const here = rows.filter((m) => m.dept === c);
      const pick = here.find((m) => m.editions.has(this.edition)) ?? nearestMap(here, this.edition);
      if (pick) return pick.gov;
    }
    return undefined;
  }

  /** Every correspondence row (the integrity tests, the docs). */
  mapRows(): readonly MapRow[] {
    return this.store.maps;
  }

  /** Department codes whose missing correspondence is recorded (gaps.tsv). */
  knownGaps(kind: UnitKindClass): ReadonlySet<string> {
    return this.store.gaps[kind];
  }

  source(id: string): SourceInfo | undefined {
    return this.store.sources.get(id);
  }

  /** The source ids used. */
  sourceIds(): string[] {
    return [...this.store.sources.keys()];
  }

  /** Every record of a classification, all editions (the integrity tests). */
  allRecords(kind: ClassKind): CatalogRecord[] {
    return [...this.store.records[kind].values()].flat();
  }

  /** Every parent listed complete, with its editions. */
  completeParents(kind: ClassKind): ReadonlyMap<string, Editions> {
    return this.store.complete[kind];
  }
}

function nearest(list: CatalogRecord[], year: number): CatalogRecord[] {
  let best = Infinity;
  for (const r of list) best = Math.min(best, r.editions.distance(year));
  // Prefer the later edition on a tie (a year between two editions reads the newer names).
  const at = list.filter((r) => r.editions.distance(year) === best);
  const later = at.filter((r) => r.editions.ranges.some(([a]) => a > year));
  return later.length ? later : at;
}

function nearestMap(list: MapRow[], year: number): MapRow | undefined {
  let best: MapRow | undefined;
  for (const m of list) if (!best || m.editions.distance(year) < best.editions.distance(year)) best = m;
  return best;
}

/** How many digits two codes of one length differ in. */
export function digitDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

function isSwap(a: string, b: string): boolean {
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

const NEEDS_NORMALIZING = /[（）“”"\s]/;

export function normalizeName(s: string): string {
  if (!NEEDS_NORMALIZING.test(s)) return s;
  return s
    .replace(/[（]/g, '(').replace(/[）]/g, ')')
    .replace(/[“”"]/g, '"')
    .replace(/\s+/g, '');
}

interface StoreHolder {
  store?: CatalogStore;
  make: () => CatalogStore;
  /** The catalog read as each edition asked for. */
  views: Map<number, Catalog>;
}

function holderOf(extra: Array<{ name: string; text: string }>): StoreHolder {
  return {
    views: new Map(),
    make: () => {
      const s = new CatalogStore();
      for (const [file, text] of Object.entries(CATALOG_FILES)) s.load(file, text, false);
      for (const e of extra) s.load(e.name, e.text, true);
      return s;
    },
  };
}

let builtin: Catalog | undefined;

/** The catalog shipped with the project (parsed on first use), read as the latest edition. */
export function builtinCatalog(): Catalog {
  return (builtin ??= new Catalog(holderOf([]), LATEST_EDITION));
}

/** A catalog made of the shipped data plus user files (a path setting): their codes belong to every edition. */
export function catalogWith(extra: Array<{ name: string; text: string }>): Catalog {
  return new Catalog(holderOf(extra), LATEST_EDITION);
}

/** A line of a user catalog file that cannot be read (1-based line number). */
export interface CatalogProblem {
  line: number;
  message: { zh: string; en: string };
}

/**
 * Checks a user catalog file (budget.catalogPath) line by line, in the formats Catalog.load reads: its header must
 * name the columns load() takes (`code`; `kind` and `code`; `dept_code` and `gov_code`; or one of the project's own
 * tables: sources `id`/`what`, completeness `parent`, gaps `gap`, read as they are), every row a code of digits
 * and, where there is a `kind` column, a kind of func, econ or gov. Returns the problems with their lines and the
 * text without the rows that have one: a file with mistakes is read for what it gets right, and says where it is
 * wrong (line numbers count every line of the file).
 */
export function checkCatalog(text: string): { text: string; problems: CatalogProblem[] } {
  const problems: CatalogProblem[] = [];
  const lines = text.split(/\r?\n/);
  const kept: string[] = [];
  let header: string[] | undefined;
  const code = /^[0-9]{1,12}$/;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.trim() || l.startsWith('#')) continue;
    const cells = l.split('\t').map((c) => c.trim());
    if (!header) {
      header = cells;
      const known = cells.includes('code') || (cells.includes('dept_code') && cells.includes('gov_code'))
        || (cells.includes('id') && cells.includes('what')) || cells.includes('parent') || cells.includes('gap');
      if (!known) {
        problems.push({ line: i + 1, message: { zh: '表头没有 code 列（或 dept_code 与 gov_code 列），文件未读取', en: 'the header has no code column (nor dept_code and gov_code columns); the file is not read' } });
        return { text: '', problems };
      }
      kept.push(l);
      continue;
    }
    const col = (name: string): string | undefined => {
      const k = header!.indexOf(name);
      return k >= 0 ? cells[k] ?? '' : undefined;
    };
    const own = (header.includes('id') && header.includes('what')) || header.includes('parent') || header.includes('gap');
    if (own) {
      kept.push(l);
      continue;
    }
    const mapping = header.includes('dept_code') && header.includes('gov_code');
    const codes = mapping ? [col('dept_code'), col('gov_code')] : [col('code')];
    const badAt = codes.findIndex((c) => c === undefined || !code.test(c));
    if (badAt >= 0) {
      const bad = codes[badAt] ?? '';
      const shown = bad.length > 40 ? `${bad.slice(0, 40)}…` : bad;
      problems.push({ line: i + 1, message: { zh: `编码“${shown}”不是数字编码，此行未读取`, en: `the code “${shown}” is not a code of digits; the line is not read` } });
      continue;
    }
    const kind = !mapping && header.includes('kind') ? col('kind') : undefined;
    if (kind !== undefined && kind !== 'func' && kind !== 'econ' && kind !== 'gov') {
      problems.push({ line: i + 1, message: { zh: `分类“${kind}”应为 func、econ 或 gov，此行未读取`, en: `the kind “${kind}” must be func, econ or gov; the line is not read` } });
      continue;
    }
    kept.push(l);
  }
  return { text: kept.join('\n'), problems };
}

/** The expected code length(s) for a classification. */
export function codeLengths(kind: ClassKind): number[] {
  return kind === 'func' ? [3, 5, 7] : [3, 5];
}

/** The parent code (undefined for a 类). */
export function parentCode(code: string): string | undefined {
  if (code.length === 7) return code.slice(0, 5);
  if (code.length === 5) return code.slice(0, 3);
  return undefined;
}

/** Level name of a code. */
export function levelName(code: string): { zh: string; en: string } {
  return code.length === 3 ? { zh: '类', en: 'class' } : code.length === 5 ? { zh: '款', en: 'section' } : { zh: '项', en: 'item' };
}
