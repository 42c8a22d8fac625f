/**
 * Classification catalogs: function codes (类/款/项), department and government economic codes, and the
 * correspondence between the two economic classifications. The project ships partial catalogs compiled
 * from real published budgets (server/data/catalog, each file naming its source on line 1). They are
 * partial: a code missing from them is unknown, never wrong.
 */
import { CATALOG_FILES } from './catalog-data';

export type ClassKind = 'func' | 'econ' | 'gov';

export interface CatalogEntry {
  code: string;
  /** Every name under which the code was seen (first = preferred). */
  names: string[];
  /** Short source descriptions (file names). */
  sources: string[];
}

export class Catalog {
  readonly entries: Record<ClassKind, Map<string, CatalogEntry>> = { func: new Map(), econ: new Map(), gov: new Map() };
  /** dept economic code → gov economic code, per unit kind. */
  readonly mapping: Record<'admin' | 'institution', Map<string, string>> = { admin: new Map(), institution: new Map() };

  add(kind: ClassKind, code: string, name: string, source: string): void {
    const m = this.entries[kind];
    let e = m.get(code);
    if (!e) {
      e = { code, names: [], sources: [] };
      m.set(code, e);
    }
    if (name && !e.names.includes(name)) e.names.push(name);
    if (!e.sources.includes(source)) e.sources.push(source);
  }

  get(kind: ClassKind, code: string): CatalogEntry | undefined {
    return this.entries[kind].get(code);
  }

  /** Whether `name` agrees with the catalog (ignoring width of brackets and spaces). */
  nameMatches(kind: ClassKind, code: string, name: string): boolean {
    const e = this.get(kind, code);
    if (!e || !e.names.length) return true;
    if (e.names.includes(name)) return true;
    const n = normalizeName(name);
    return e.names.some((x) => normalizeName(x) === n);
  }

  /** Loads one TSV catalog file (format detected from its header line). */
  load(fileName: string, text: string): void {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
    if (!lines.length) return;
    const header = lines[0].split('\t');
    const col = (n: string): number => header.indexOf(n);
    const rows = lines.slice(1).map((l) => l.split('\t'));
    if (col('gov_code') >= 0 && col('dept_code') >= 0) {
      // Correspondence table (the 机关 side in the shipped data).
      for (const r of rows) {
        this.mapping.admin.set(r[col('dept_code')], r[col('gov_code')]);
        this.add('gov', r[col('gov_code')], r[col('gov_name')], fileName);
        this.add('econ', r[col('dept_code')], r[col('dept_name')], fileName);
      }
      return;
    }
    if (col('kind') >= 0) {
      for (const r of rows) {
        const kind = r[col('kind')] as ClassKind;
        if (kind !== 'func' && kind !== 'econ' && kind !== 'gov') continue;
        this.add(kind, r[col('code')], r[col('name')], fileName);
        const gov = col('gov_code') >= 0 ? r[col('gov_code')] : undefined;
        if (kind === 'econ' && gov) this.mapping.institution.set(r[col('code')], gov);
      }
      return;
    }
    const kind: ClassKind = /gov/.test(fileName) ? 'gov' : /econ/.test(fileName) ? 'econ' : 'func';
    for (const r of rows) if (r[col('code')]) this.add(kind, r[col('code')], r[col('name')], fileName);
  }

  /** The government economic code for a department code, or undefined. */
  mapDept(code: string, kindClass: 'admin' | 'institution' | undefined, local: Map<string, string>): string | undefined {
    for (const c of [code, code.slice(0, 3)]) {
      const l = local.get(c);
      if (l) return l;
    }
    if (!kindClass) return undefined;
    const m = this.mapping[kindClass];
    return m.get(code) ?? m.get(code.slice(0, 3));
  }
}

const NEEDS_NORMALIZING = /[（）“”"\s]/;

export function normalizeName(s: string): string {
  if (!NEEDS_NORMALIZING.test(s)) return s;
  return s
    .replace(/[（]/g, '(').replace(/[）]/g, ')')
    .replace(/[“”"]/g, '"')
    .replace(/\s+/g, '');
}

let builtin: Catalog | undefined;

/** The catalog shipped with the project. */
export function builtinCatalog(): Catalog {
  if (!builtin) {
    builtin = new Catalog();
    for (const [file, text] of Object.entries(CATALOG_FILES)) builtin.load(file, text);
  }
  return builtin;
}

/** A catalog made of the shipped data plus user files (a path setting). */
export function catalogWith(extra: Array<{ name: string; text: string }>): Catalog {
  const c = new Catalog();
  for (const [file, text] of Object.entries(CATALOG_FILES)) c.load(file, text);
  for (const e of extra) c.load(e.name, e.text);
  return c;
}

/** A line of a user catalog file that cannot be read (1-based line number). */
export interface CatalogProblem {
  line: number;
  message: { zh: string; en: string };
}

/**
 * Checks a user catalog file (budget.catalogPath) line by line, in the formats Catalog.load reads: its header must
 * name the columns load() takes (`code`; `kind` and `code`; or `dept_code` and `gov_code`), every row a code of
 * digits and, where there is a `kind` column, a kind of func, econ or gov. Returns the problems with their lines
 * and the text without the rows that have one, which load() reads safely (a row without a code would otherwise
 * enter the catalog as an entry with no code).
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
    const cells = l.split('\t');
    if (!header) {
      header = cells;
      const mapping = cells.includes('dept_code') && cells.includes('gov_code');
      if (!mapping && !cells.includes('code')) {
        problems.push({ line: i + 1, message: { zh: '表头没有 code 列（或 dept_code 与 gov_code 列），文件未读取', en: 'the header has no code column (nor dept_code and gov_code columns); the file is not read' } });
        return { text: '', problems };
      }
      kept.push(l);
      continue;
    }
    const col = (name: string): string | undefined => {
      const k = header!.indexOf(name);
      return k >= 0 ? cells[k] : undefined;
    };
    const mapping = header.includes('dept_code') && header.includes('gov_code');
    const codes = mapping ? [col('dept_code'), col('gov_code')] : [col('code')];
    const badAt = codes.findIndex((c) => c === undefined || !code.test(c));
    if (badAt >= 0) {
      const bad = codes[badAt] ?? '';
      const shown = bad.length > 40 ? `${bad.slice(0, 40)}…` : bad;
      problems.push({ line: i + 1, message: { zh: `编码“${shown}”不是数字编码，此行未读取`, en: `the code “${shown}” is not a code of digits; the line is not read` } });
      continue;
    }
    const kind = header.includes('kind') ? col('kind') : undefined;
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
