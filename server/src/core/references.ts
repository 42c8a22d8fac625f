/**
 * Budgets across files and years: a department over its units' files (单位文件) and a budget against last year's
 * (上年文件). The core does no I/O: its caller — the language server's workspace index, the command line's file
 * reader — resolves the written paths and hands over the other files' analyses through a `FileResolver`. Each
 * referenced file is used as analysed on its own (its own figures, never its own references), so resolution
 * never recurses into a chain of files; cycles are found by following the written references alone, bounded.
 *
 * What it reports (BUD509 across files, BUD910–BUD918) stands in the referencing file; locations in the other
 * files are related information (`Related.file`). It also returns the links for navigation (a reference to the
 * lines it names, a 上年 figure to last year's line) and the 上年 figures taken from last year's file.
 */
import { analysisState, compareDiagnostics, type Analysis } from './analyze';
import { checkConsolidation } from './checks/consolidation';
import { amountAgrees, comparisonBounds, comparisonBoundsAll, comparisonFigures, currentFigure } from './comparison';
import type { UnitFigures } from './compute';
import { makeDiagnostic, severityOf, type Diagnostic, type MessageArgs, type Related, type Span, type Text2 } from './diagnostics';
import { compareFigureName } from './keywords';
import type { ComparisonLine, Department, Named, Unit } from './model';
import { abs, formatMoney, halfUlp, type Money } from './money';

/** The codes reported here (besides BUD509, the department's consolidation, checks/consolidation.ts). */
export const REFERENCE_CODES = ['BUD910', 'BUD911', 'BUD912', 'BUD913', 'BUD914', 'BUD915', 'BUD916', 'BUD917', 'BUD918'] as const;
type ReferenceCode = (typeof REFERENCE_CODES)[number] | 'BUD509';

/** A file as the caller names it (an absolute path, a URI …): the core only compares and passes them back. */
export type FileId = string;

/** What a written path (or glob) names. */
export type Resolution =
  /** The files it names (a glob: every match, sorted; possibly none). */
  | { kind: 'files'; files: FileId[]; glob: boolean }
  /** It may not be read: outside the workspace, an absolute path, a link out of it … (`why` says which). */
  | { kind: 'refused'; why: Text2 };

export interface FileResolver {
  /** The files a path or glob written in `from` names (relative to `from`'s folder). */
  resolve(from: FileId, written: string): Resolution;
  /** A file's own analysis (the open document's, else read and analysed); undefined when it does not exist or cannot be read. */
  analysis(file: FileId): Analysis | undefined;
  /** The other department files that list `unit` among their units' files, as far as the caller knows them. */
  listedBy?(unit: FileId, except: FileId): FileId[];
  /** A file as shown in messages (a path relative to the workspace). */
  display(file: FileId): string;
}

/** A written reference and what it leads to, for go to definition and find references. */
export interface ReferenceLink {
  kind: 'unitFile' | 'previousFile' | 'previousFigure';
  /** Where it is written in this file. */
  span: Span;
  file: FileId;
  /** The target in that file (a unit's header, last year's figure). */
  target: Span;
}

/** A 上年 figure not written, taken from last year's file (hover shows where from). */
export interface TakenPrevious {
  line: ComparisonLine;
  value: Money;
  file: FileId;
  /** The file as messages show it. */
  display: string;
  at?: Span;
}

/**
 * A department's 单位文件 line and what it led to: the units of each file it names, or why there are none (the
 * department's 部门支出分单位明细 shows both: nothing is dropped silently).
 */
export interface UnitFileEntry {
  department: Department;
  /** The 单位文件 line as written. */
  written: Named;
  /** The file (for a glob: one entry per file matched), and how messages show it. */
  file?: FileId;
  display?: string;
  /** Its units (a file of its own is usually one unit). */
  units: Array<{ unit: Unit; figures: UnitFigures }>;
  /** Why no figures of this file are used: not read, missing, a cycle, no unit, another year (the diagnostic's code). */
  problem?: { code: ReferenceCode; text: Text2 };
}

export interface ReferenceResult {
  diagnostics: Diagnostic[];
  /** Each department's 单位文件, file by file, in written order (the per-unit table). */
  unitFiles: UnitFileEntry[];
  links: ReferenceLink[];
  taken: TakenPrevious[];
  /** Every file this result depends on (read, or looked for), for caches and for re-checking after an edit. */
  dependencies: FileId[];
  /** The units of other files that a department of this file consolidates, with their file. */
  unitsFrom: Array<{ unit: Unit; figures: UnitFigures; file: FileId }>;
}

/** Most files followed when looking for a cycle (a reference chain longer than this is not followed further). */
const MAX_FOLLOWED = 2000;

/**
 * Resolves the references of `file` (analysed as `a`) and checks across them. Never throws for a file's content;
 * the resolver's own failures are the caller's.
 */
export function checkReferences(file: FileId, a: Analysis, r: FileResolver): ReferenceResult {
  const out: ReferenceResult = { diagnostics: [], unitFiles: [], links: [], taken: [], dependencies: [], unitsFrom: [] };
  const deps = new Set<FileId>();
  const report = <K extends ReferenceCode>(code: K, span: Span, args: MessageArgs<K>, related?: Related[]): void => {
    out.diagnostics.push({ code, severity: severityOf(code), start: span.start, end: span.end, args: args as Diagnostic['args'], ...(related?.length ? { related } : {}) });
  };
  const analysisOf = (f: FileId): Analysis | undefined => {
    deps.add(f);
    return f === file ? a : r.analysis(f);
  };
  /** The files a written path names, reported when refused or missing (`failed` hears why). */
  const resolve = (written: Named, what: Text2, failed?: (code: ReferenceCode, text: Text2, file?: FileId) => void): FileId[] | undefined => {
    const res = r.resolve(file, written.text);
    if (res.kind === 'refused') {
      report('BUD910', written.span, { path: written.text, why: res.why.zh, whyEn: res.why.en });
      failed?.('BUD910', res.why);
      return undefined;
    }
    const found = res.files.filter((f) => analysisOf(f) !== undefined);
    for (const f of res.files) deps.add(f);
    // A glob's match that cannot be read while others can: said, not dropped (the others are used).
    if (found.length) for (const f of res.files) if (!found.includes(f)) {
      report('BUD918', written.span, { what: what.zh, whatEn: what.en, file: r.display(f) });
      failed?.('BUD918', { zh: '文件无法读取', en: 'the file cannot be read' }, f);
    }
    if (!found.length) {
      const why = res.glob ? { zh: '（通配符没有匹配到文件）', en: ' (the glob matches no file)' } : { zh: '', en: '' };
      report('BUD911', written.span, { what: what.zh, whatEn: what.en, path: written.text, why: why.zh, whyEn: why.en });
      failed?.('BUD911', res.glob ? { zh: '通配符没有匹配到文件', en: 'the glob matches no file' } : res.files.length ? { zh: '文件无法读取', en: 'the file cannot be read' } : { zh: '文件不存在', en: 'no such file' });
      return undefined;
    }
    return found;
  };

  for (const dep of a.model.departments) if (dep.unitFiles.length) departmentAcrossFiles(dep);
  for (const unit of a.model.units) if (unit.previousFile) againstLastYear(unit, unit.previousFile);
  out.dependencies = [...deps].filter((f) => f !== file).sort();
  return out;

  function departmentAcrossFiles(dep: Department): void {
    const what = { zh: '单位文件', en: 'unit file' };
    const files: FileId[] = [];
    const CYCLE = { zh: '循环引用', en: 'a cycle of references' };
    for (const written of dep.unitFiles) {
      const found = resolve(written, what, (code, text, f) => out.unitFiles.push({ department: dep, written, ...(f ? { file: f, display: r.display(f) } : {}), units: [], problem: { code, text } }));
      if (!found) continue;
      for (const f of found) {
        if (files.includes(f)) continue;
        const entry: UnitFileEntry = { department: dep, written, file: f, display: r.display(f), units: [] };
        out.unitFiles.push(entry);
        if (f === file) {
          report('BUD912', written.span, { what: '单位文件', whatEn: 'unit files', cycle: `${r.display(file)} → ${r.display(file)}` });
          entry.problem = { code: 'BUD912', text: CYCLE };
          continue;
        }
        const loop = cycle(f, (x) => x.model.departments.flatMap((d) => d.unitFiles));
        if (loop) {
          report('BUD912', written.span, { what: '单位文件', whatEn: 'unit files', cycle: [file, ...loop].map((x) => r.display(x)).join(' → ') });
          entry.problem = { code: 'BUD912', text: CYCLE };
          continue;
        }
        const other = analysisOf(f)!;
        const units = other.figures.filter((x) => !x.unit.consolidates);
        if (!units.length) {
          report('BUD913', written.span, { file: r.display(f) });
          entry.problem = { code: 'BUD913', text: { zh: '文件中没有单位', en: 'the file has no unit' } };
          continue;
        }
        const year = dep.consolidated?.year ?? dep.units[0]?.year;
        const off = units.find((x) => year !== undefined && x.unit.year !== undefined && x.unit.year !== year);
        if (off) {
          report('BUD914', written.span, { what: '单位文件', whatEn: 'unit file', file: r.display(f), found: off.unit.year ?? '', expected: year ?? '' },
            off.unit.yearSpan ? [{ ...span(off.unit.yearSpan), file: f, message: { zh: '该文件的年度', en: 'the year of that file' } }] : []);
          entry.problem = { code: 'BUD914', text: { zh: `年度为 ${off.unit.year ?? ''}，不是 ${year ?? ''}`, en: `its year is ${off.unit.year ?? ''}, not ${year ?? ''}` } };
          continue;
        }
        const others = (r.listedBy?.(f, file) ?? []).filter((x) => x !== file);
        if (others.length) report('BUD915', written.span, { file: r.display(f), other: others.map((x) => r.display(x)).join('、') });
        files.push(f);
        for (const x of units) {
          entry.units.push({ unit: x.unit, figures: x });
          out.unitsFrom.push({ unit: x.unit, figures: x, file: f });
          out.links.push({ kind: 'unitFile', span: written.span, file: f, target: x.unit.headerSpan });
        }
      }
    }
    // A unit file that could not be used (not read, missing, a cycle, another year) leaves the units' sum unknown:
    // the department's figures are not compared with a part of it (unknown is not zero; its diagnostic says why).
    if (out.unitFiles.some((e) => e.department === dep && e.problem && e.problem.code !== 'BUD913')) return;
    // The department's own figures against all its units: those in this file and those of its units' files.
    const external = out.unitsFrom.filter((x) => files.includes(x.file));
    const fileOf = new Map(external.map((x) => [x.unit, x.file]));
    const consolidating: Department = { ...dep, units: [...dep.units, ...external.map((x) => x.unit)] };
    checkConsolidation(consolidating, [...a.figures, ...external.map((x) => x.figures)], (code, s, args, extra, deferred) => {
      out.diagnostics.push(makeDiagnostic(code, s, args as Diagnostic['args'], extra, deferred));
    }, { fileOf: (u) => fileOf.get(u), rounding: analysisState(a)?.rounding ?? a.model.rounding });
  }

  function againstLastYear(unit: Unit, written: Named): void {
    const found = resolve(written, { zh: '上年文件', en: 'previous year’s file' });
    if (!found) return;
    const f = found[0];
    if (f === file) {
      report('BUD912', written.span, { what: '上年文件', whatEn: 'previous year’s files', cycle: `${r.display(file)} → ${r.display(file)}` });
      return;
    }
    const loop = cycle(f, (x) => x.model.units.flatMap((u) => (u.previousFile ? [u.previousFile] : [])));
    if (loop) {
      report('BUD912', written.span, { what: '上年文件', whatEn: 'previous year’s files', cycle: [file, ...loop].map((x) => r.display(x)).join(' → ') });
      return;
    }
    const prev = analysisOf(f)!;
    const figures = prev.figures.filter((x) => x.unit.name.text === unit.name.text);
    const pf = figures[0] ?? (prev.figures.length === 1 ? prev.figures[0] : undefined);
    if (!pf) {
      report('BUD917', written.span, { file: r.display(f), unit: unit.name.text });
      return;
    }
    out.links.push({ kind: 'previousFile', span: written.span, file: f, target: pf.unit.headerSpan });
    if (unit.year !== undefined && pf.unit.year !== undefined && pf.unit.year !== unit.year - 1) {
      report('BUD914', written.span, { what: '上年文件', whatEn: 'previous year’s file', file: r.display(f), found: pf.unit.year, expected: unit.year - 1 },
        pf.unit.yearSpan ? [{ ...span(pf.unit.yearSpan), file: f, message: { zh: '该文件的年度', en: 'the year of that file' } }] : []);
      return;
    }
    const own = a.figures.find((x) => x.unit === unit);
    for (const line of unit.comparison?.lines ?? []) {
      const last = currentFigure(pf, line.figure);
      if (last.value === undefined) continue;
      const name = compareFigureName(line.figure);
      const at: Related[] = last.at ? [{ ...span(last.at), file: f, message: { zh: `上年预算文件中的${name.zh}`, en: `the ${name.en} in last year’s budget` } }] : [];
      const show = (v: Money): string => formatMoney(v, line.previous?.unit ?? line.change?.amount?.unit ?? unit.comparison?.moneyUnit ?? unit.moneyUnit);
      if (line.previous) {
        if (last.at) out.links.push({ kind: 'previousFigure', span: line.previous.span, file: f, target: last.at });
        // Half a unit of the written 上年's last digit, in both rounding modes (as the 说明's 本年, BUD520).
        if (!amountAgrees(line.previous, last.value)) {
          report('BUD916', line.previous.span, { figure: name.zh, figureEn: name.en, how: '写作', howEn: 'is written', declared: line.previous.text, file: r.display(f), computed: show(last.value), diff: show(line.previous.value - last.value) }, at);
        }
        continue;
      }
      const cf = own && comparisonFigures(own, line);
      if (cf?.previousImplied && cf.previous !== undefined && line.change) {
        // 上年 implied by the written change (本年 − 增减), within the rounding of what is written: a 说明 usually
        // subtracts its rounded figures, so 本年 as written (± half its last digit) counts as well as the tables'.
        const bounds = comparisonBoundsAll(line, cf.computed.value);
        const written = line.current && comparisonBounds(line, line.current.value, halfUlp(line.current.decimals, line.current.unit));
        if (written) bounds.push(written);
        const agrees = bounds.some((b) => abs(b.p - last.value!) <= b.hP);
        const s = line.change.amount ? { start: line.change.labelSpan.start, end: line.change.amount.span.end } : line.change.labelSpan;
        if (last.at) out.links.push({ kind: 'previousFigure', span: s, file: f, target: last.at });
        if (!agrees) report('BUD916', s, { figure: name.zh, figureEn: name.en, how: '由本年与增减推得', howEn: 'implied by this year and the change is', declared: show(cf.previous), file: r.display(f), computed: show(last.value), diff: show(cf.previous - last.value) }, at);
        continue;
      }
      out.taken.push({ line, value: last.value, file: f, display: r.display(f), at: last.at });
      if (last.at) out.links.push({ kind: 'previousFigure', span: line.keySpan, file: f, target: last.at });
    }
  }

  /**
   * The chain of files from `start` that leads back to this file through the references `refs` reads (in each
   * file as written, resolved from that file), or undefined. Breadth-first, each file once, at most MAX_FOLLOWED.
   */
  function cycle(start: FileId, refs: (a: Analysis) => Named[]): FileId[] | undefined {
    const parent = new Map<FileId, FileId | undefined>([[start, undefined]]);
    const queue = [start];
    while (queue.length && parent.size <= MAX_FOLLOWED) {
      const at = queue.shift()!;
      const x = at === file ? a : r.analysis(at);
      if (!x) continue;
      for (const w of refs(x)) {
        const res = r.resolve(at, w.text);
        if (res.kind !== 'files') continue;
        for (const next of res.files) {
          if (next === file) {
            const chain = [next];
            for (let c: FileId | undefined = at; c !== undefined; c = parent.get(c)) chain.unshift(c);
            return chain;
          }
          if (!parent.has(next)) {
            parent.set(next, at);
            queue.push(next);
          }
        }
      }
    }
    return undefined;
  }
}

function span(s: Span): Span {
  return { start: s.start, end: s.end };
}

/** Adds a reference result's diagnostics to an analysis's (sorted as analyze sorts them). */
export function withReferences(diagnostics: Diagnostic[], result: ReferenceResult): Diagnostic[] {
  return [...diagnostics, ...result.diagnostics].sort(compareDiagnostics);
}

/** Whether a file states references that a caller must resolve. */
export function hasReferences(a: Pick<Analysis, 'model'>): boolean {
  return a.model.departments.some((d) => d.unitFiles.length > 0) || a.model.units.some((u) => u.previousFile !== undefined);
}
