/**
 * Benchmarks against the practical limit (`npm run bench`; `npm run bench -- --json` prints JSON).
 *
 *   core       lex + parse + bind + compute + checks (analyze()) on generated budgets of ~1,000, 10,000 and
 *              100,000 lines, in MB/s and lines/s on one core, next to JSON.parse of the same budget as JSON;
 *              the phases; a cold check of the 100,000-line file in a fresh process; incremental
 *              re-analysis (reanalyze) of one-character edits.
 *   lsp        the real server over stdio (node dist/server.js --stdio): one-character edits in the middle of
 *              each budget, time from didChange to publishDiagnostics (debounce set to 0 and reported
 *              separately), hover and completion, server memory with each size open and after the edits.
 *   workspace  1,000 unit files: core indexing, and workspace/symbol through the server.
 *   crossfile  1,000 unit files under 20 department files (单位文件): an edit of a unit to its department's new
 *              diagnostics through the server, the department open and closed (bench/crossfile.ts).
 *   preview    the table preview page in headless Chromium: first paint and update after an edit, for the
 *              reference sample and the 10,000-line budget (bench/preview.ts).
 *   startup, peers, batch
 *              the command line as a process: start-up, one 100,000-line file against ledger, hledger and
 *              beancount on journals of the same size, and 2,000 department files cold and after one
 *              changed (bench/cli.ts).
 *   import     `budget import` of the real PDFs (the 35-page one included): in process after the PDF reader is
 *              loaded (median of runs), and the bundled command in a fresh process (reader load included).
 *   catalog    the classification catalog: module load, creation (lazy: nothing parsed), first lookup (the data
 *              parsed) and a second edition's view in a fresh process; warm lookups, nearest codes, children,
 *              an edition's tree, and hover on the reference sample's codes (bench/catalog.ts).
 *   adversarial  analyze() on each shape of bench/adversarial.ts at the size limit (4,000,000 characters: one
 *              huge token, one huge line, deep nesting, rows, a long amount, 130,000 `}` …) next to a generated
 *              budget of the same size; the slowest is the number to watch (goal ≤ 1 s).
 *
 * Options: --json, --quick (smaller and fewer runs, a smoke test), --only=core,lsp,workspace,crossfile,preview,import,catalog,startup,peers,batch,adversarial,
 * --sizes=1000,100000 (budget sizes in lines), --shapes=rows,budget (only the adversarial inputs whose names contain a word), --edits=N (LSP edits per size; default 1,000 at 1k/10k lines,
 * 300 at 100k), --server=path/to/server.js.
 * Timings are printed, never asserted (machines differ); docs/performance.md records a run.
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SHAPES } from './adversarial';
import { analyze, MAX_ANALYZED_LENGTH } from '../server/src/core/analyze';
import { bind, tidy } from '../server/src/core/bind';
import { reanalyze, type ReanalyzeInfo } from '../server/src/core/incremental';
import { importDocument } from '../server/src/import/importer';
import { lex } from '../server/src/core/lexer';
import { parse } from '../server/src/core/parser';
import { parse as handwrittenParse } from '../test/robustness/reference/handwritten-parser';
import { generateBudget, generateWorkspace, Rng, type GeneratedBudget } from './generate';
import { removeProbe, Server } from './lsp';
import { previewBench } from './preview';
import { cliBench } from './cli';
import { catalogBench } from './catalog';
import { crossFileBench } from './crossfile';

const ROOT = ((): string => {
  let d = __dirname;
  while (!existsSync(join(d, 'package.json')) && resolve(d, '..') !== d) d = resolve(d, '..');
  return d;
})();

const args = process.argv.slice(2);
const JSON_OUT = args.includes('--json');
const QUICK = args.includes('--quick');
const ONLY = (args.find((a) => a.startsWith('--only='))?.slice(7) ?? 'core,lsp,workspace,crossfile,preview,import,catalog,startup,peers,batch,adversarial').split(',');
const EDITS = Number(args.find((a) => a.startsWith('--edits='))?.slice(8) ?? NaN);
const SIZES_ARG = args.find((a) => a.startsWith('--sizes='))?.slice(8);
/** --shapes=rows,wrong: only the adversarial inputs whose names contain one of these words ('budget': the generated one). */
const SHAPES_ARG = args.find((a) => a.startsWith('--shapes='))?.slice(9).split(',').filter(Boolean);
const SIZES = SIZES_ARG ? SIZES_ARG.split(',').map(Number).filter((n) => n > 0) : QUICK ? [1000, 10_000] : [1000, 10_000, 100_000];
const SEED = 20250101;
/** The server bundle (default dist/server.js). */
const SERVER_JS = resolve(args.find((a) => a.startsWith('--server='))?.slice(9) ?? join(ROOT, 'dist/server.js'));

// ── statistics ───────────────────────────────────────────────────────────────────────────────────────

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const med = (xs: number[]): number => pct(xs, 50);
const min = (xs: number[]): number => xs.reduce((m, x) => Math.min(m, x), Infinity);
const r1 = (x: number): number => Math.round(x * 10) / 10;
const r2 = (x: number): number => Math.round(x * 100) / 100;

function time<T>(f: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = f();
  return { ms: performance.now() - t, value };
}

/** Records the perf_hooks 'gc' entries, to attribute GC time to timed windows afterwards. */
class GcRecorder {
  private readonly entries: Array<{ start: number; duration: number }> = [];
  private readonly obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) this.entries.push({ start: e.startTime, duration: e.duration });
  });
  constructor() {
    this.obs.observe({ entryTypes: ['gc'] });
  }
  /** GC milliseconds that started inside the windows (waits for the observer to be called). */
  async within(windows: Array<[number, number]>): Promise<number> {
    await new Promise((r) => setTimeout(r, 50));
    let ms = 0;
    for (const e of this.entries) if (windows.some(([a, b]) => e.start >= a && e.start < b)) ms += e.duration;
    return ms;
  }
  stop(): void {
    this.obs.disconnect();
  }
}

function log(s: string): void {
  if (!JSON_OUT) process.stdout.write(s + '\n');
  else process.stderr.write(s + '\n');
}

function table(rows: Array<Array<string | number>>): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? (Number.isFinite(c) ? String(c) : '—') : c)));
  const widths = cells[0].map((_, i) => cells.reduce((m, r) => Math.max(m, [...(r[i] ?? '')].length), 0));
  return cells.map((r, j) => {
    const line = r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    return j === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

// ── machine ──────────────────────────────────────────────────────────────────────────────────────────

function machine(): Record<string, string | number> {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGB: r1(totalmem() / 1024 ** 3),
    loadavg: (() => {
      try {
        return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
      } catch {
        return '';
      }
    })(),
  };
}

// ── core ─────────────────────────────────────────────────────────────────────────────────────────────

interface CoreResult {
  lines: number;
  units: number;
  bytes: number;
  jsonBytes: number;
  analyzeMs: { min: number; median: number };
  gcMsPerRun: number;
  phasesMs: { lex: number; parse: number; bind: number; computeAndChecks: number };
  /** An independent hand-written lexer + parser of the same grammar (test/robustness/reference), for comparison. */
  handwrittenParseMs: number;
  jsonParseMs: { min: number; median: number };
  ratioToJsonParse: number;
  mbPerS: number;
  linesPerS: number;
  reanalyzeMs?: { p50: number; p95: number; incremental: number; of: number };
}

async function coreBench(g: GeneratedBudget): Promise<CoreResult> {
  const text = g.text;
  const runs = g.lines >= 100_000 ? (QUICK ? 3 : 9) : g.lines >= 10_000 ? 15 : 40;
  // Warm up (the JIT): at least 3 runs and 300 ms, so that small budgets are not timed on cold code. The
  // cold case is measured on its own (coldCheck).
  for (let i = 0, t0 = performance.now(); i < 3 || performance.now() - t0 < 300; i++) analyze(text);
  const analyzeTimes: number[] = [];
  const windows: Array<[number, number]> = [];
  const gc = new GcRecorder();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    analyze(text);
    const t1 = performance.now();
    analyzeTimes.push(t1 - t0);
    windows.push([t0, t1]);
  }
  const gcTotal = await gc.within(windows);
  gc.stop();
  const lexT: number[] = [];
  const parseT: number[] = [];
  const bindT: number[] = [];
  const chevT: number[] = [];
  for (let i = 0; i < Math.min(runs, 5); i++) chevT.push(time(() => handwrittenParse(text)).ms);
  for (let i = 0; i < runs; i++) {
    lexT.push(time(() => lex(text)).ms);
    const p = time(() => parse(text));
    parseT.push(p.ms);
    bindT.push(time(() => bind(text, tidy(text, p.value))).ms);
  }
  const jsonT: number[] = [];
  for (let i = 0; i < 3; i++) JSON.parse(g.json);
  for (let i = 0; i < runs; i++) jsonT.push(time(() => JSON.parse(g.json)).ms);
  const bytes = Buffer.byteLength(text, 'utf8');
  const a = med(analyzeTimes);
  const res: CoreResult = {
    lines: g.lines,
    units: g.units,
    bytes,
    jsonBytes: Buffer.byteLength(g.json, 'utf8'),
    analyzeMs: { min: r1(min(analyzeTimes)), median: r1(a) },
    gcMsPerRun: r1(gcTotal / runs),
    phasesMs: { lex: r1(med(lexT)), parse: r1(med(parseT)), bind: r1(med(bindT)), computeAndChecks: r1(Math.max(0, a - med(parseT) - med(bindT))) },
    handwrittenParseMs: r1(med(chevT)),
    jsonParseMs: { min: r2(min(jsonT)), median: r2(med(jsonT)) },
    ratioToJsonParse: r1(a / med(jsonT)),
    mbPerS: r1(bytes / 1024 / 1024 / (a / 1000)),
    linesPerS: Math.round(g.lines / (a / 1000)),
  };
  // Incremental re-analysis of one-character edits in the middle unit (what the server can do per edit).
  if (g.units > 1) {
    const rng = new Rng(7);
    let cur = text;
    let prev = analyze(cur);
    const ts: number[] = [];
    let inc = 0;
    const n = QUICK ? 30 : 200;
    const mid = g.unitOffsets[Math.floor(g.unitOffsets.length / 2)];
    const places = [...text.slice(mid, mid + 8000).matchAll(/\d\.\d\d/g)].map((m) => mid + m.index! + 1);
    let at = places[0];
    for (let i = 0; i < n; i++) {
      // Insert a digit into an amount, then take it out again (the text returns to the original).
      if (i % 2 === 0) at = rng.pick(places);
      const next = i % 2 === 0 ? cur.slice(0, at) + '7' + cur.slice(at) : cur.slice(0, at) + cur.slice(at + 1);
      const info: ReanalyzeInfo = {};
      const t = time(() => reanalyze(prev, next, {}, info));
      ts.push(t.ms);
      prev = t.value;
      cur = next;
      if (info.incremental) inc++;
    }
    res.reanalyzeMs = { p50: r1(pct(ts, 50)), p95: r1(pct(ts, 95)), incremental: inc, of: n };
  }
  return res;
}

/** The 100,000-line file checked once in a fresh process (module loading included). */
function coldCheck(file: string): { ms: number; loadMs: number } | undefined {
  const script = `
const t0 = process.hrtime.bigint();
const { analyze } = require(${JSON.stringify(join(__dirname, '../server/src/core/analyze.js'))});
const t1 = process.hrtime.bigint();
const text = require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8');
const t2 = process.hrtime.bigint();
analyze(text);
const t3 = process.hrtime.bigint();
process.stdout.write(JSON.stringify({ loadMs: Number(t1 - t0) / 1e6, ms: Number(t3 - t2) / 1e6 }));`;
  const out: Array<{ ms: number; loadMs: number }> = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i++) {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (r.status !== 0) return undefined;
    out.push(JSON.parse(r.stdout) as { ms: number; loadMs: number });
  }
  return { ms: r1(med(out.map((x) => x.ms))), loadMs: r1(med(out.map((x) => x.loadMs))) };
}

// ── LSP ──────────────────────────────────────────────────────────────────────────────────────────────

interface LspResult {
  lines: number;
  openMs: number;
  edits: number;
  editMs: { p50: number; p95: number; max: number };
  /** The server's longest single task while the edits were processed (event-loop delay), ms. */
  editMaxTaskMs?: number;
  /** The longest garbage-collection pause in the same window, ms, and its kind (minor, major …). */
  editMaxGcMs?: number;
  editMaxGcKind?: string;
  hoverMs: { p50: number; p95: number; n: number; nonEmpty: number };
  completionMs: { p50: number; p95: number; n: number; nonEmpty: number };
  memoryOpen: { rssMB: number; heapUsedMB?: number };
  memoryAfterEdits: { rssMB: number; peakRssMB: number; heapUsedMB?: number };
}

async function lspBench(g: GeneratedBudget, edits: number): Promise<LspResult> {
  const server = new Server(SERVER_JS);
  try {
    await server.initialize({ settings: { diagnostics: { debounceMs: 0 }, inlayHints: { enabled: false } } });
    const uri = pathToFileURL(join(tmpdir(), `bench-${g.lines}.budget`)).toString();
    let doc = TextDocument.create(uri, 'budget', 1, g.text);
    const t0 = performance.now();
    const first = server.nextDiagnostics(uri, 1);
    await server.open(uri, g.text, 1);
    await first;
    const openMs = performance.now() - t0;
    const heapOpen = await server.heap();
    const memoryOpen = { rssMB: r1(server.rss().rss), heapUsedMB: heapOpen ? r1(heapOpen.heapUsed) : undefined };

    // One-character edits in the middle unit: insert a digit into an amount, then remove it.
    const mid = g.unitOffsets[Math.floor(g.unitOffsets.length / 2)];
    const places = [...g.text.slice(mid, mid + 8000).matchAll(/\d\.\d\d/g)].map((m) => mid + m.index! + 1);
    const rng = new Rng(11);
    const times: number[] = [];
    let version = 1;
    let at = places[0];
    for (let i = 0; i < edits; i++) {
      version++;
      let range: { start: { line: number; character: number }; end: { line: number; character: number } };
      let newText: string;
      if (i % 2 === 0) {
        at = rng.pick(places);
        const p = doc.positionAt(at);
        range = { start: p, end: p };
        newText = '7';
      } else {
        range = { start: doc.positionAt(at), end: doc.positionAt(at + 1) };
        newText = '';
      }
      doc = TextDocument.update(doc, [{ range, text: newText }], version);
      const wait = server.nextDiagnostics(uri, version);
      const t = performance.now();
      await server.change(uri, version, range, newText);
      await wait;
      times.push(performance.now() - t);
    }
    const afterEdits = await server.heap();

    // Hover and completion on the settled document: amounts, codes, keywords; line starts and after 来源.
    const text = doc.getText();
    const hoverAt = [...text.slice(mid, mid + 12000).matchAll(/\d{3,7} |\d\.\d\d|支出|经济分类|项目|指标|合计/g)].map((m) => mid + m.index! + 1);
    const completeAt = [...text.slice(mid, mid + 12000).matchAll(/\n {4}(?=\S)/g)].map((m) => mid + m.index! + m[0].length);
    const hoverT: number[] = [];
    const complT: number[] = [];
    let hovers = 0;
    let completions = 0;
    const n = QUICK ? 40 : 300;
    for (let i = 0; i < n; i++) {
      const hp = doc.positionAt(rng.pick(hoverAt));
      let t = performance.now();
      const h = await server.request<unknown>('textDocument/hover', { textDocument: { uri }, position: hp });
      hoverT.push(performance.now() - t);
      if (h) hovers++;
      const cp = doc.positionAt(rng.pick(completeAt));
      t = performance.now();
      const c = await server.request<{ items?: unknown[] } | unknown[] | null>('textDocument/completion', { textDocument: { uri }, position: cp });
      complT.push(performance.now() - t);
      if (c && (Array.isArray(c) ? c.length : c.items?.length)) completions++;
    }
    const heapAfter = await server.heap();
    const rss = server.rss();
    return {
      lines: g.lines,
      openMs: r1(openMs),
      edits,
      editMs: { p50: r1(pct(times, 50)), p95: r1(pct(times, 95)), max: r1(times.reduce((m, x) => Math.max(m, x), 0)) },
      editMaxTaskMs: afterEdits ? r1(afterEdits.maxTaskMs) : undefined,
      editMaxGcMs: afterEdits ? r1(afterEdits.maxGcMs) : undefined,
      editMaxGcKind: afterEdits?.maxGcKind,
      hoverMs: { p50: r1(pct(hoverT, 50)), p95: r1(pct(hoverT, 95)), n, nonEmpty: hovers },
      completionMs: { p50: r1(pct(complT, 50)), p95: r1(pct(complT, 95)), n, nonEmpty: completions },
      memoryOpen,
      memoryAfterEdits: { rssMB: r1(rss.rss), peakRssMB: r1(rss.peak), heapUsedMB: heapAfter ? r1(heapAfter.heapUsed) : undefined },
    };
  } finally {
    await server.shutdown();
  }
}

/** The server's default debounce, measured: one edit with the default setting. */
async function debounceBench(g: GeneratedBudget): Promise<{ defaultDebounceMs: number; editMs: number }> {
  const server = new Server(SERVER_JS);
  try {
    await server.initialize({});
    const uri = pathToFileURL(join(tmpdir(), 'bench-debounce.budget')).toString();
    const first = server.nextDiagnostics(uri, 1);
    await server.open(uri, g.text, 1);
    await first;
    const doc = TextDocument.create(uri, 'budget', 1, g.text);
    const times: number[] = [];
    const p = doc.positionAt(g.text.indexOf('\n', g.text.length >> 1));
    const q = { line: p.line, character: p.character + 1 };
    for (let v = 2; v < 12; v++) {
      const wait = server.nextDiagnostics(uri, v);
      const t = performance.now();
      // A space at the end of a line, then removed again.
      if (v % 2 === 0) await server.change(uri, v, { start: p, end: p }, ' ');
      else await server.change(uri, v, { start: p, end: q }, '');
      await wait;
      times.push(performance.now() - t);
    }
    const { DEFAULT_SETTINGS } = require(join(__dirname, '../server/src/settings.js')) as { DEFAULT_SETTINGS: { diagnostics: { debounceMs: number } } };
    return { defaultDebounceMs: DEFAULT_SETTINGS.diagnostics.debounceMs, editMs: r1(med(times)) };
  } finally {
    await server.shutdown();
  }
}

// ── workspace ────────────────────────────────────────────────────────────────────────────────────────

interface WorkspaceResult {
  files: number;
  lines: number;
  bytes: number;
  coreIndexMs: number;
  symbolsFirstMs?: number;
  symbolsAgainMs?: number;
  symbolsQueryMs?: number;
  symbols?: number;
  rssAfterMB?: number;
  heapUsedAfterMB?: number;
}

async function workspaceBench(): Promise<WorkspaceResult> {
  const files = generateWorkspace(SEED, QUICK ? 100 : 1000);
  const dir = mkdtempSync(join(tmpdir(), 'budget-ws-'));
  try {
    mkdirSync(dir, { recursive: true });
    for (const f of files) writeFileSync(join(dir, f.name), f.text);
    const lines = files.reduce((a, f) => a + f.text.split('\n').length, 0);
    const bytes = files.reduce((a, f) => a + Buffer.byteLength(f.text), 0);
    // Core: read and analyse every file.
    const t = performance.now();
    let units = 0;
    for (const f of files) units += analyze(readFileSync(join(dir, f.name), 'utf8')).model.units.length;
    const coreIndexMs = performance.now() - t;
    const res: WorkspaceResult = { files: files.length, lines, bytes, coreIndexMs: Math.round(coreIndexMs) };
    if (units !== files.length) throw new Error('workspace generation');
    if (!existsSync(SERVER_JS)) return res;
    const server = new Server(SERVER_JS);
    try {
      await server.initialize({ rootUri: pathToFileURL(dir).toString() });
      let t0 = performance.now();
      const all = await server.request<unknown[] | null>('workspace/symbol', { query: '' });
      res.symbolsFirstMs = Math.round(performance.now() - t0);
      res.symbols = all?.length ?? 0;
      t0 = performance.now();
      await server.request('workspace/symbol', { query: '' });
      res.symbolsAgainMs = Math.round(performance.now() - t0);
      t0 = performance.now();
      await server.request('workspace/symbol', { query: '信息化' });
      res.symbolsQueryMs = Math.round(performance.now() - t0);
      const h = await server.heap();
      res.rssAfterMB = r1(server.rss().rss);
      res.heapUsedAfterMB = h ? r1(h.heapUsed) : undefined;
    } finally {
      await server.shutdown();
    }
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ── adversarial inputs ───────────────────────────────────────────────────────────────────────────────

interface AdversarialResult {
  name: string;
  chars: number;
  tokens: number;
  /** Where the parser stopped (more tokens than it parses), if it did. */
  truncatedAt?: number;
  diagnostics: number;
  ms: { median: number; max: number };
}

/** analyze() on each adversarial shape at the size limit, and on a generated budget of the same size. */
function adversarialBench(): AdversarialResult[] {
  const size = QUICK ? MAX_ANALYZED_LENGTH / 4 : MAX_ANALYZED_LENGTH;
  const runs = QUICK ? 1 : 3;
  // A real budget of the same size, for comparison: what the limit was set for.
  let budget = generateBudget({ seed: SEED, lines: Math.ceil(size / 20) }).text;
  if (budget.length > size) budget = budget.slice(0, budget.lastIndexOf('\n', size) + 1);
  const inputs = [{ name: 'a generated budget (for comparison)', text: () => budget }, ...SHAPES.map((sh) => ({ name: sh.name, text: () => sh.text(size) }))]
    .filter((x) => !SHAPES_ARG || SHAPES_ARG.some((w) => x.name.includes(w)));
  // The code warmed up once on every shape (small), so that the first shape is not timed cold.
  for (const sh of SHAPES) analyze(sh.text(20_000));
  const out: AdversarialResult[] = [];
  for (const input of inputs) {
    const text = input.text();
    const times: number[] = [];
    let a = analyze(text);
    times.push(time(() => (a = analyze(text))).ms);
    for (let i = 1; i < runs; i++) times.push(time(() => analyze(text)).ms);
    out.push({
      name: input.name, chars: text.length, tokens: a.tree.tokens, truncatedAt: a.tree.truncated, diagnostics: a.diagnostics.length,
      ms: { median: r1(med(times)), max: r1(times.reduce((m, x) => Math.max(m, x), 0)) },
    });
  }
  return out;
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────────────

interface ImportBenchRow {
  file: string;
  pages: number;
  bytes: number;
  medianMs: number;
  minMs: number;
  processMs: number;
}

async function importBench(runs: number): Promise<ImportBenchRow[]> {
  const dir = join(ROOT, 'test/fixtures/real');
  const out: ImportBenchRow[] = [];
  for (const year of [2023, 2024, 2025]) {
    const file = join(dir, `shanghai-putuo-wanli-${year}.pdf`);
    const bytes = new Uint8Array(readFileSync(file));
    const times: number[] = [];
    let pages = 0;
    await importDocument(bytes, { name: file }); // loads the PDF reader
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const r = await importDocument(bytes, { name: file });
      times.push(performance.now() - t);
      pages = r.doc.pages.length;
    }
    const tmp = mkdtempSync(join(tmpdir(), 'budget-bench-import-'));
    const t = performance.now();
    spawnSync(process.execPath, [join(ROOT, 'bin/budget.js'), 'import', file, '--out', join(tmp, 'out.budget')], { encoding: 'utf8' });
    const processMs = r1(performance.now() - t);
    rmSync(tmp, { recursive: true, force: true });
    out.push({ file: `shanghai-putuo-wanli-${year}.pdf`, pages, bytes: bytes.length, medianMs: r1(med(times)), minMs: r1(min(times)), processMs });
  }
  return out;
}

async function main(): Promise<void> {
  const out: Record<string, unknown> = { machine: machine(), quick: QUICK };
  log(`budget bench — ${JSON.stringify(out.machine)}`);
  const budgets = SIZES.map((lines) => generateBudget({ seed: SEED, lines }));

  if (ONLY.includes('core')) {
    const core: CoreResult[] = [];
    for (const g of budgets) core.push(await coreBench(g));
    out.core = core;
    const big = budgets[budgets.length - 1];
    const file = join(tmpdir(), `budget-bench-${big.lines}.budget`);
    writeFileSync(file, big.text);
    const cold = coldCheck(file);
    rmSync(file, { force: true });
    out.cold = cold && { lines: big.lines, ...cold };
    log('\nCore: analyze() = lex + parse + bind + compute + checks, one core (median of runs)');
    log(table([
      ['lines', 'units', 'MB', 'analyze ms (min)', 'MB/s', 'lines/s', 'JSON.parse ms', '× JSON.parse', 'GC ms/run', 'lex', 'parse', 'bind', 'compute+checks', 'parse (hand-written)', 'reanalyze p50/p95'],
      ...core.map((c) => [
        c.lines, c.units, r2(c.bytes / 1024 / 1024), `${c.analyzeMs.median} (${c.analyzeMs.min})`, c.mbPerS, c.linesPerS, c.jsonParseMs.median, c.ratioToJsonParse,
        c.gcMsPerRun, c.phasesMs.lex, c.phasesMs.parse, c.phasesMs.bind, c.phasesMs.computeAndChecks, c.handwrittenParseMs,
        c.reanalyzeMs ? `${c.reanalyzeMs.p50}/${c.reanalyzeMs.p95}` : '—',
      ]),
    ]));
    if (cold) log(`Cold: ${big.lines} lines checked in a fresh process in ${cold.ms} ms (+ ${cold.loadMs} ms loading the core)`);
  }

  if (ONLY.includes('lsp')) {
    if (!existsSync(SERVER_JS)) log('\nLSP: dist/server.js not found (run npm run build) — skipped');
    else {
      const lsp: LspResult[] = [];
      for (const g of budgets) {
        const edits = Number.isFinite(EDITS) ? EDITS : QUICK ? 20 : g.lines >= 100_000 ? 300 : 1000;
        try {
          lsp.push(await lspBench(g, edits));
        } catch (e) {
          log(`LSP ${g.lines} lines failed: ${String(e)}`);
        }
      }
      out.lsp = lsp;
      try {
        out.debounce = await debounceBench(budgets[0]);
      } catch (e) {
        log(`debounce measurement failed: ${String(e)}`);
      }
      log('\nLSP over stdio (debounce 0): didChange → publishDiagnostics, hover, completion, server memory');
      log(table([
        ['lines', 'open ms', 'edits', 'edit p50', 'edit p95', 'longest task ms', 'longest GC pause ms', 'hover p50/p95', 'completion p50/p95', 'heap MB open', 'heap MB after edits', 'RSS MB after (peak)'],
        ...lsp.map((l) => [
          l.lines, l.openMs, l.edits, l.editMs.p50, l.editMs.p95, l.editMaxTaskMs ?? NaN, `${l.editMaxGcMs ?? NaN} (${l.editMaxGcKind ?? '?'})`, `${l.hoverMs.p50}/${l.hoverMs.p95}`, `${l.completionMs.p50}/${l.completionMs.p95}`,
          l.memoryOpen.heapUsedMB ?? NaN, l.memoryAfterEdits.heapUsedMB ?? NaN, `${l.memoryAfterEdits.rssMB} (${l.memoryAfterEdits.peakRssMB})`,
        ]),
      ]));
      const d = out.debounce as { defaultDebounceMs: number; editMs: number } | undefined;
      if (d) log(`Default debounce ${d.defaultDebounceMs} ms: an edit of the ${budgets[0].lines}-line budget is published after ${d.editMs} ms with it.`);
    }
  }

  if (ONLY.includes('workspace')) {
    const w = await workspaceBench();
    out.workspace = w;
    log(`\nWorkspace: ${w.files} unit files, ${w.lines} lines, ${r1(w.bytes / 1024 / 1024)} MB`);
    log(table([
      ['core: read + check all ms', 'workspace/symbol first ms', 'again ms', 'query ms', 'symbols', 'server heap MB', 'server RSS MB'],
      [w.coreIndexMs, w.symbolsFirstMs ?? NaN, w.symbolsAgainMs ?? NaN, w.symbolsQueryMs ?? NaN, w.symbols ?? NaN, w.heapUsedAfterMB ?? NaN, w.rssAfterMB ?? NaN],
    ]));
  }

  if (ONLY.includes('crossfile') && existsSync(SERVER_JS)) {
    const c = await crossFileBench(SERVER_JS, SEED, QUICK ? 100 : 1000, QUICK ? 10 : 40);
    out.crossfile = c;
    log(`\nAcross files: ${c.units} unit files under ${c.departments} departments (单位文件); an edit of a unit → its department's diagnostics (debounce 0)`);
    log(table([
      ['department', 'edits', 'p50 ms', 'p95 ms', 'max ms'],
      ['open', c.open.edits, c.open.p50, c.open.p95, c.open.max],
      ['closed (index)', c.closed.edits, c.closed.p50, c.closed.p95, c.closed.max],
    ]));
  }

  if (ONLY.includes('preview')) {
    const reference = readFileSync(join(ROOT, 'samples', 'fushun-2025.budget'), 'utf8');
    const mid = budgets.find((g) => g.lines >= 10_000) ?? budgets[budgets.length - 1];
    // The edit renames the first unit: every one of its tables shows the new name.
    const rename = (t: string): string => t.replace(/单位 (\S+) \{/, '单位 $1（已编辑） {');
    try {
      const p = await previewBench([
        { name: 'fushun-2025.budget', text: reference, edit: rename, marker: '（已编辑）' },
        { name: `generated ${mid.lines} lines`, text: mid.text, edit: rename, marker: '（已编辑）' },
      ], QUICK ? 2 : 5);
      out.preview = p;
      log('\nPreview (headless Chromium, the webview page): data posted → painted');
      log(table([
        ['budget', 'lines', 'tables', 'analyze + tables ms', 'first paint ms', 'update: tables sent', 'update: delta encode ms', 'update after an edit ms'],
        ...p.map((r) => [r.name, r.lines, r.tables, r.buildMs, r.firstPaintMs, r.sentTables, r.encodeMs, r.updateMs]),
      ]));
    } catch (e) {
      log(`preview: ${String(e)} (is /usr/bin/chromium installed?) — skipped`);
    }
  }

  if (ONLY.includes('adversarial')) {
    const adv = adversarialBench();
    const slowest = adv.slice(1).reduce((m, x) => (x.ms.median > m.ms.median ? x : m));
    out.adversarial = { results: adv, slowest: { name: slowest.name, ms: slowest.ms.median } };
    log(`\nAdversarial inputs at ${adv[1]?.chars.toLocaleString('en-US')} characters: analyze() (median of ${QUICK ? 1 : 3} runs; goal ≤ 1,000 ms each)`);
    log(table([
      ['input', 'characters', 'tokens', 'parsed to', 'diagnostics', 'ms (median)', 'ms (max)'],
      ...adv.map((r) => [r.name, r.chars, r.tokens, r.truncatedAt === undefined ? 'end' : `offset ${r.truncatedAt}`, r.diagnostics, r.ms.median, r.ms.max]),
    ]));
    log(`Slowest: ${slowest.name}, ${slowest.ms.median} ms`);
  }

  if (ONLY.includes('import')) {
    const rows = await importBench(QUICK ? 2 : 5);
    out.import = rows;
    log('\nImport (budget import of the real PDFs): in process, reader loaded (median); the bundled command, fresh process');
    log(table([['file', 'pages', 'bytes', 'import ms (median)', 'min', 'budget import as a process ms'], ...rows.map((r) => [r.file, r.pages, r.bytes, r.medianMs, r.minMs, r.processMs])]));
  }

  if (ONLY.includes('catalog')) {
    const c = catalogBench(ROOT, QUICK);
    out.catalog = c;
    log('\nCatalog: fresh process (median ms) — require the module, create (lazy), first lookup (parse), a second edition');
    log(table([['require', 'create', 'first lookup', 'second edition'], [c.requireMs, c.createMs, c.firstLookupMs, c.secondEditionMs]]));
    log('Catalog, warm: lookup µs, nearest codes µs, children of a 类 µs, one edition’s three trees ms, hover on the reference’s codes µs p50/p95');
    log(table([['lookup', 'nearest', 'children', 'tree', 'hover p50/p95 (n)'], [c.lookupUs, c.nearestUs, c.childrenUs, c.treeMs, `${c.hoverUs.p50}/${c.hoverUs.p95} (${c.hoverUs.n})`]]));
  }

  Object.assign(out, cliBench(ONLY, { root: ROOT, quick: QUICK, seed: SEED, log, table }));

  removeProbe();
  if (JSON_OUT) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
