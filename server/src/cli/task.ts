/**
 * Checking one file: bytes in, plain results out (result.ts). Runs in a worker thread of the pool (pool.ts)
 * or, for small runs, in the main thread. This module is the entry of the analysis bundle (dist/cli-analyze.js),
 * loaded only when some file is not in the result cache: `budget --version`, help and fully cached runs never
 * load the parser.
 *
 * A defect in the checker (an exception, a stack overflow) on one file is reported for that file as an
 * internal error; the other files' results are unaffected.
 */
import { createHash } from 'node:crypto';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { analysisState, analyze, setAnalysisState, type Analysis, type AnalyzeOptions } from '../core/analyze';
import { checkReferences, hasReferences, withReferences, type FileResolver, type ReferenceResult } from '../core/references';
import { FsResolver } from '../references/files';
import { DepartmentIndex } from '../references/scan';
import { departmentsAbove, type FoundDepartment } from '../references/above';
import { candidatesAbove, type Candidates } from '../references/candidates';
import { catalogWith, type Catalog } from '../core/catalog';
import { AUTOFIX_CODES, renderMessage, type Diagnostic, type Text2 } from '../core/diagnostics';
import { type Locale } from '../core/i18n';
import { fixAllText } from '../core/features';
import { formatMoney, type Money } from '../core/money';
import { LineIndex } from '../core/position';
import { renderTables, type RenderFormat, type RenderOptions } from '../core/render';
import { readerFor, type Origin } from './readers';
import { WORKER_MARK, type Amount, type CheckSettings, type FileResult, type Finding, type TaskInput, type TaskOutput, type UnitSummary } from './result';

/** Columns of source kept around a finding. */
const WINDOW_BEFORE = 60;
const WINDOW_AFTER = 100;
const MAX_FIGURE = 200;

export async function runTask(input: TaskInput): Promise<TaskOutput> {
  const { index } = input;
  try {
    const read = await readerFor(input.file).read(input.bytes, input.file);
    if (!read.ok) return { index, kind: 'unreadable', message: read.message };
    const options = { rounding: input.settings.rounding, catalog: catalogFor(input.settings) };
    let text = read.text;
    let a = analyze(text, options);
    let fixed: { bytes: Uint8Array; count: number } | undefined;
    let fixError: Text2 | undefined;
    let original: FileResult | undefined;
    if (input.fix && a.diagnostics.some((d) => AUTOFIX_CODES.has(d.code))) {
      const r = fixAllText(text, options, 5, a);
      if (r.fixed && r.text !== text) {
        const bytes = read.encode ? read.encode(r.text) : { error: { zh: '此类文件不能由 --fix 写回', en: '--fix cannot write back this kind of file' } };
        if (bytes instanceof Uint8Array) {
          fixed = { bytes, count: r.fixed };
          original = fileResult(a, input.summaries, read.locate);
          text = r.text;
          a = analyze(text, options);
        } else fixError = bytes.error;
      }
    }
    const refs = input.file !== '-' && hasReferences(a) ? followReferences(input, a, options) : undefined;
    if (refs) a = { ...a, diagnostics: refs.diagnostics };
    const result = fileResult(a, input.summaries, read.locate, refs?.other);
    if (refs) result.references = refs.record;
    // A unit's file (units, no department) checked without --root: its department's findings about it.
    if (input.lookAround && /\.budget$/i.test(input.file) && a.model.units.length && !a.model.departments.length) {
      const record: References = result.references ?? { file: resolve(input.root ?? process.cwd(), input.file), resolved: [], hashes: {} };
      const departments = await departmentsOf(input, options, record);
      result.references = record;
      if (departments.length) result.departments = departments;
    }
    return { index, kind: 'ok', result, ...(fixed ? { fixed, original } : {}), ...(fixError ? { fixError } : {}) };
  } catch (e) {
    return { index, kind: 'internal', message: describe(e) };
  }
}

/** The resolvers of a worker, by root, settings and peers: the referenced files are analysed once for the whole run. */
const resolvers = new Map<string, { resolver: FsResolver; departments: DepartmentIndex }>();

function resolverFor(root: string, settings: CheckSettings, peers: string[], options: AnalyzeOptions): { resolver: FsResolver; departments: DepartmentIndex } {
  const key = JSON.stringify([root, settings, peers]);
  let r = resolvers.get(key);
  if (!r) {
    // A run has one root per file and rarely more than a few (a department found above is another): keep a few.
    if (resolvers.size >= 8) resolvers.delete(resolvers.keys().next().value!);
    // A unit's file listed by another department file: of the run, or anywhere under the root (bounded, once per run).
    let departments: DepartmentIndex | undefined = undefined;
    const resolver: FsResolver = new FsResolver({ roots: [root], analyzeOptions: options, listedBy: (unit, except) => departments!.listedBy(unit, except) });
    departments = new DepartmentIndex([root], resolver, () => peers.map((p) => resolve(root, p)));
    resolvers.set(key, (r = { resolver, departments }));
  }
  return r;
}

/** For tests: called between a file's checks across files and the record of what they read (a change made there must make the cached result stale). */
export const hooks: { afterReferences?: (file: string) => void } = {};

type References = NonNullable<FileResult['references']>;

/** The SHA-256 of a file's bytes now (null: it cannot be read). */
function hashNow(f: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(f)).digest('hex');
  } catch {
    return null;
  }
}

/**
 * The file's references (单位文件, 上年文件) resolved on disk inside the run's root and checked (core/references.ts):
 * the diagnostics with theirs, how to show the other files' locations, and what the result depends on (the cache) —
 * each file read with the SHA-256 of the very bytes that were analysed (read once: a change after the read makes the
 * cached result stale, it is never recorded as the state the result was computed from).
 */
function followReferences(input: Pick<TaskInput, 'root' | 'peers' | 'settings' | 'file'>, a: Analysis, options: AnalyzeOptions): { diagnostics: Diagnostic[]; other: OtherFiles; record: References; result: ReferenceResult } {
  const root = input.root ?? process.cwd();
  const { resolver: fs, departments } = resolverFor(root, input.settings, input.peers ?? [], options);
  const resolved: References['resolved'] = [];
  const hashes: References['hashes'] = {};
  let askedListed = false;
  const recording: FileResolver = {
    resolve(from, written) {
      const res = fs.resolve(from, written);
      resolved.push({ from, written, files: res.kind === 'files' ? res.files : [] });
      return res;
    },
    analysis: (f) => {
      const x = fs.analysis(f);
      // The hash of the bytes this analysis was made from, at its first use.
      if (!(f in hashes)) hashes[f] = fs.analysedHash(f) ?? hashNow(f);
      return x;
    },
    listedBy: (u, e) => {
      askedListed = true;
      return fs.listedBy(u, e);
    },
    display: (f) => fs.display(f),
  };
  const self = resolve(root, input.file);
  const res = checkReferences(self, a, recording);
  hooks.afterReferences?.(self);
  // The department files found around it count too (BUD915): a cached result is redone when one of them changes.
  const around = askedListed ? departments.departments : [];
  for (const f of new Set([...res.dependencies, ...resolved.flatMap((r) => r.files), ...around])) {
    if (!(f in hashes)) hashes[f] = fs.analysedHash(f) ?? hashNow(f);
  }
  const other: OtherFiles = {
    text: (f) => fs.analysis(f)?.text,
    display: (f) => relative(process.cwd(), f) || f,
  };
  const scans = askedListed ? { scans: [{ roots: [root], digest: departments.digest ?? null }] } : {};
  return { diagnostics: withReferences(a.diagnostics, res), other, record: { file: self, resolved, hashes, ...scans }, result: res };
}

/** A department found above, checked once per worker (its units' files share it): its analysis, the hash of its bytes, its references. */
const departmentsChecked = new Map<string, { analysis?: Analysis; hash: string | null; refs?: ReturnType<typeof followReferences> }>();

function departmentChecked(d: FoundDepartment, settings: CheckSettings, options: AnalyzeOptions): { analysis?: Analysis; hash: string | null; refs?: ReturnType<typeof followReferences> } {
  const key = JSON.stringify([d.file, d.root, settings]);
  let c = departmentsChecked.get(key);
  if (!c) {
    const { resolver } = resolverFor(d.root, settings, [], options);
    const analysis = resolver.analysis(d.file);
    const hash = resolver.analysedHash(d.file) ?? null;
    c = { analysis, hash, ...(analysis ? { refs: followReferences({ root: d.root, settings, file: d.file, peers: [] }, analysis, options) } : {}) };
    departmentsChecked.set(key, c);
  }
  return c;
}

/**
 * The run's files as a set of absolute paths, made once per worker and run rather than once per file: a worker serves
 * one run, whose files are the same list in every task (compared by root, length and ends, not element by element).
 */
let peersOf: { key: string; set: ReadonlySet<string> } | undefined;

function peerSet(root: string, peers: string[]): ReadonlySet<string> {
  const key = JSON.stringify([root, peers.length, peers[0], peers[peers.length - 1]]);
  if (peersOf?.key !== key) peersOf = { key, set: new Set(peers.map((p) => resolve(root, p))) };
  return peersOf.set;
}

/** The department candidates above a folder's unit files, read once per worker and folder (references/candidates.ts). */
const candidatesOf = new Map<string, Candidates>();

/**
 * A unit's file checked without `--root`: the department files in the folders above it that list it (the server's
 * look upward, references/above.ts — its own folder is among those looked in, so a department beside or above the
 * units' folder is found whatever the working directory) are checked with their references, each inside its own
 * root, and their findings about this unit (on a 单位文件 line that names it, or with a related location in it) are
 * reported as theirs; a department among the files of the run is reported as itself. What was looked at enters the
 * record (the candidates' fingerprint, the departments left to the run), so a cached result is redone when a
 * department appears, changes or goes, or is no longer among the files checked.
 */
async function departmentsOf(input: TaskInput, options: AnalyzeOptions, record: References): Promise<NonNullable<FileResult['departments']>> {
  const root = input.root ?? process.cwd();
  const self = resolve(root, input.file);
  const peers = peerSet(root, input.peers ?? []);
  let candidates = candidatesOf.get(dirname(self));
  if (!candidates) candidatesOf.set(dirname(self), (candidates = candidatesAbove(self)));
  const found = await departmentsAbove(self, { candidates });
  const none = candidates.folders.every((f) => !f.departments.length);
  record.above = { digest: candidates.digest, inRun: found.filter((d) => peers.has(d.file)).map((d) => d.file), ...(none ? { none } : {}) };
  const out: NonNullable<FileResult['departments']> = [];
  for (const d of found) {
    // A department of the run is checked as such, its findings reported with it.
    if (peers.has(d.file)) continue;
    const checked = departmentChecked(d, input.settings, options);
    record.hashes[d.file] = checked.hash;
    if (!checked.analysis || !checked.refs) continue;
    const { analysis: da, refs } = checked;
    record.resolved.push(...refs.record.resolved.map((x) => ({ ...x, root: d.root })));
    record.hashes = { ...refs.record.hashes, ...record.hashes };
    if (refs.record.scans) (record.scans ??= []).push(...refs.record.scans);
    const names = refs.result.links.filter((l) => l.kind === 'unitFile' && l.file === self).map((l) => l.span);
    const about = refs.diagnostics.filter((x) => x.related?.some((r) => r.file === self) || names.some((s) => x.start >= s.start && x.end <= s.end));
    out.push({ file: d.file, result: fileResult({ ...da, diagnostics: about }, false, undefined, refs.other) });
  }
  return out;
}

/** How a finding shows a location in another file. */
interface OtherFiles {
  text(file: string): string | undefined;
  display(file: string): string;
}

export function describe(e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return `${e.message} (stack overflow)`;
  return e instanceof Error ? e.message : String(e);
}

let lastCatalog: { key: string; catalog: Catalog } | undefined;

function catalogFor(s: CheckSettings): Catalog | undefined {
  if (!s.catalog?.length) return undefined;
  const key = JSON.stringify(s.catalog);
  if (lastCatalog?.key !== key) lastCatalog = { key, catalog: catalogWith(s.catalog) };
  return lastCatalog.catalog;
}

/** The plain result of an analysis. */
export function fileResult(a: Analysis, summaries: boolean, locate?: (offset: number) => Origin | undefined, other?: OtherFiles): FileResult {
  const idx = new LineIndex(a.text);
  const hashes = new Map<number, string>();
  const lineHash = (line: number): string => {
    let h = hashes.get(line);
    if (h === undefined) {
      h = createHash('sha256').update(idx.lineText(line).trim().replace(/\s+/g, ' ')).digest('hex').slice(0, 16);
      hashes.set(line, h);
    }
    return h;
  };
  const indexes = new Map<string, LineIndex | undefined>();
  const indexOf = (file: string): LineIndex | undefined => {
    if (!indexes.has(file)) {
      const t = other?.text(file);
      indexes.set(file, t === undefined ? undefined : new LineIndex(t));
    }
    return indexes.get(file);
  };
  const elsewhere = other && ((file: string) => ({ idx: indexOf(file), display: other.display(file) }));
  const findings = a.diagnostics.map((d) => finding(a.text, idx, d, lineHash, locate, elsewhere));
  const r: FileResult = { lines: idx.lineCount, findings };
  if (a.diagnostics.some((d) => d.code === 'BUD010')) r.notChecked = true;
  if (summaries) r.units = unitSummaries(a, idx);
  return r;
}

function pos(idx: LineIndex, start: number, end: number): { line: number; column: number; endLine: number; endColumn: number } {
  const s = idx.position(start);
  const e = idx.position(end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

function finding(text: string, idx: LineIndex, d: Diagnostic, lineHash: (line: number) => string, locate?: (offset: number) => Origin | undefined, elsewhere?: (file: string) => { idx?: LineIndex; display: string }): Finding {
  const p = pos(idx, d.start, d.end);
  const line = idx.lineText(p.line - 1);
  const col = p.column - 1;
  const endChar = p.endLine === p.line ? p.endColumn - 1 : line.length;
  const from = Math.max(0, col - WINDOW_BEFORE);
  const to = Math.min(line.length, Math.max(col + 1, Math.min(endChar, col + WINDOW_AFTER)) + 20);
  return {
    code: d.code,
    severity: d.severity,
    args: d.args,
    ...p,
    source: { text: line.slice(from, to), from, more: to < line.length },
    lineHash: lineHash(p.line - 1),
    figure: text.slice(d.start, Math.min(d.end, d.start + MAX_FIGURE)),
    related: (d.related ?? []).map((r) => {
      if (r.file !== undefined) {
        const o = elsewhere?.(r.file);
        return { ...pos(o?.idx ?? idx, o?.idx ? r.start : d.start, o?.idx ? r.end : d.end), message: r.message, file: o?.display ?? r.file };
      }
      const origin = locate?.(r.start);
      return { ...pos(idx, r.start, r.end), message: r.message, ...(origin ? { origin: { ...origin } } : {}) };
    }),
    ...((): { origin?: Origin } => {
      const origin = locate?.(d.start);
      return origin ? { origin: { ...origin } } : {};
    })(),
  };
}

function amount(v: Money | undefined, unit: Parameters<typeof formatMoney>[1]): Amount | undefined {
  return v === undefined ? undefined : { text: formatMoney(v, unit), ticks: v.toString() };
}

function unitSummaries(a: Analysis, idx: LineIndex): UnitSummary[] {
  return a.figures.map((f) => {
    const u = f.unit;
    const totals = f.projects.map((p) => p.total);
    const known = totals.every((t) => t !== undefined);
    return {
      name: u.name.text,
      department: u.department?.text,
      code: u.code?.text,
      year: u.year,
      line: idx.position(u.span.start).line + 1,
      endLine: idx.position(u.span.end).line + 1,
      moneyUnit: u.moneyUnit,
      consolidated: !!u.consolidates,
      income: amount(f.income.values.get('收入总计'), u.moneyUnit),
      expense: amount(f.expenseGrand, u.moneyUnit),
      sangong: amount(f.sangong.values.total, u.moneyUnit),
      projects: u.projects.length,
      projectTotal: known ? amount(totals.reduce<Money>((s, t) => s + (t as Money), 0n), u.moneyUnit) : undefined,
    };
  });
}

// ── budget render ────────────────────────────────────────────────────────────────────────────────────

export type RenderOutcome =
  | { ok: true; output: string | Uint8Array; errors: number; /** BUD010's message: the file was not checked. */ tooLarge?: string }
  | { ok: false; message: Text2 };

/**
 * A file's tables in a render format. Its references are followed as `budget check` follows them (inside `root`,
 * default the working directory): a department's 部门支出分单位明细 from its units' files, their findings counted.
 */
export async function renderFile(bytes: Uint8Array, file: string, settings: CheckSettings, format: RenderFormat, locale: Locale, options: RenderOptions = {}, root?: string): Promise<RenderOutcome> {
  const read = await readerFor(file).read(bytes, file);
  if (!read.ok) return { ok: false, message: read.message };
  const analyzeOptions = { rounding: settings.rounding, catalog: catalogFor(settings) };
  let a = analyze(read.text, analyzeOptions);
  const refs = file !== '-' && hasReferences(a) ? followReferences({ root, settings, file }, a, analyzeOptions) : undefined;
  if (refs) {
    const state = analysisState(a);
    a = { ...a, diagnostics: refs.diagnostics };
    if (state) setAnalysisState(a, state);
  }
  const output = await renderTables(a, format, locale, { ...options, ...(refs ? { unitFiles: refs.result.unitFiles, taken: refs.result.taken } : {}) });
  const big = a.diagnostics.find((d) => d.code === 'BUD010');
  return { ok: true, output, errors: a.diagnostics.filter((d) => d.severity === 'error').length, ...(big ? { tooLarge: renderMessage(big, locale) } : {}) };
}

// ── worker thread entry ──────────────────────────────────────────────────────────────────────────────

if (!isMainThread && parentPort && (workerData as { mark?: string } | null)?.mark === WORKER_MARK) {
  const port = parentPort;
  port.on('message', (input: TaskInput | 'bye') => {
    if (typeof input !== 'object' || input === null) return;
    // The result crosses as one JSON string: structured cloning of thousands of small objects cost more.
    void runTask(input).then((out) => port.postMessage(out.kind === 'ok' && !out.fixed ? { ...out, result: undefined, json: JSON.stringify(out.result) } : out));
  });
}
