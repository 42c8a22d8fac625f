/**
 * Benchmarks of the command line as users run it (`npm run bench -- --only=startup,peers,batch`), called from
 * bench/run.ts:
 *
 *   startup  wall time of `node -e 0`, `budget --version`, and `budget check` of a small file: from the result
 *            cache, not cached (with and without V8's code cache), next to `hledger --version` and
 *            `ledger --version`.
 *   peers    one 100,000-line file checked by a fresh process, next to the plain-text accounting checkers on a
 *            journal of the same number of lines: `ledger bal`, `hledger check`, `bean-check` (no cache) —
 *            installed from Debian when missing and possible (root, network), else skipped with a note.
 *   batch    a city's budgets: 2,000 department files (≈1.5 M lines) checked cold (empty result cache, all
 *            cores), then again after one file changed, and on one thread for comparison.
 *
 * Timings are printed, never asserted (machines differ); docs/performance.md records a run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinCatalog } from '../server/src/core/catalog';
import { fmtAmount, generateBudget, Rng } from './generate';

export interface CliBenchOptions {
  root: string;
  quick: boolean;
  seed: number;
  log: (s: string) => void;
  table: (rows: Array<Array<string | number>>) => string;
}

interface Timing {
  min: number;
  median: number;
  runs: number;
  /** CPU time (user + system) of the process and its threads, ms, min of the runs (Linux; from /proc). */
  cpu?: number;
}

/** CPU time of the waited-for children of this process so far, ms (Linux: cutime + cstime of /proc/self/stat). */
function childrenCpuMs(): number | undefined {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 (cutime, cstime) are at 13 and 14 after the command name; clock ticks of 10 ms.
    return (Number(rest[13]) + Number(rest[14])) * 10;
  } catch {
    return undefined;
  }
}

const r1 = (x: number): number => Math.round(x * 10) / 10;

/** Wall time of a command (a fresh process each run), ms; undefined when it fails. */
function timeCommand(cmd: string, args: string[], runs: number, opts: { cwd?: string; env?: NodeJS.ProcessEnv; before?: () => void } = {}): Timing | undefined {
  const ts: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    opts.before?.();
    const c0 = childrenCpuMs();
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const c1 = childrenCpuMs();
    if (r.error || (r.status !== 0 && r.status !== 1)) return undefined;
    ts.push(ms);
    if (c0 !== undefined && c1 !== undefined) cpu.push(c1 - c0);
  }
  ts.sort((a, b) => a - b);
  return { min: r1(ts[0]), median: r1(ts[ts.length >> 1]), runs, ...(cpu.length ? { cpu: Math.min(...cpu) } : {}) };
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Installs hledger, ledger and beancount from Debian when missing and we are root; a note when not. */
function ensurePeers(log: (s: string) => void): void {
  const missing = [['hledger', 'hledger'], ['ledger', 'ledger'], ['bean-check', 'beancount']].filter(([c]) => !has(c));
  if (!missing.length) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0 || !has('apt-get')) {
    log(`peers: ${missing.map(([c]) => c).join(', ')} not installed and cannot install (not root, or no apt-get): skipped`);
    return;
  }
  log(`peers: installing ${missing.map(([, p]) => p).join(' ')} from Debian (apt-get) …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...missing.map(([, p]) => p)], { stdio: 'ignore', env });
  if (r.status !== 0) log('peers: apt-get install failed (offline?): the missing peers are skipped');
}

// ── equivalent journals ─────────────────────────────────────────────────────────────────────────────

/** One unit's money: its appropriation (cents) and its spending on function codes of the shipped catalog. */
interface UnitMoney {
  unit: string;
  total: number;
  parts: Array<{ func: string; amount: number }>;
}

/** Units' appropriations and spending, seeded (the facts both journal formats write). */
function* unitMoney(seed: number): Generator<UnitMoney> {
  const rng = new Rng(seed);
  const funcs = [...builtinCatalog().entries.func.keys()].filter((c) => c.length === 7);
  for (let unit = 1; ; unit++) {
    const parts = Array.from({ length: rng.int(3, 12) }, () => ({ func: rng.pick(funcs), amount: rng.int(1000, 9_000_000) }));
    yield { unit: `U${String(unit).padStart(4, '0')}`, total: parts.reduce((a, p) => a + p.amount, 0), parts };
  }
}

/** Dates through the year, one transaction a day, 28 days a month. */
function dates(firstMonth: number): () => string {
  let day = 0;
  return () => `2025-${String(firstMonth + ((day >> 5) % (13 - firstMonth))).padStart(2, '0')}-${String(1 + (day++ % 28)).padStart(2, '0')}`;
}

/**
 * A ledger/hledger journal of `lines` lines carrying the same kind of facts as a generated budget: each unit
 * receives its appropriation (一般公共预算) and spends it on function codes, amounts with two decimals; every
 * transaction balances. Whole transactions only; comment lines make up the count.
 */
export function ledgerJournal(seed: number, lines: number): string {
  const out: string[] = ['; synthetic budget journal (bench/cli.ts)', 'commodity CNY', ''];
  const date = dates(1);
  for (const m of unitMoney(seed)) {
    if (out.length + 8 > lines) break;
    out.push(`${date()} * ${m.unit} 一般公共预算拨款`, `    Assets:Treasury:${m.unit}    ${fmtAmount(m.total, false)} CNY`, '    Income:Appropriation:GeneralBudget', '');
    for (const p of m.parts) {
      if (out.length + 4 > lines) break;
      out.push(`${date()} * ${m.unit} 支出 ${p.func}`, `    Expenses:Func:F${p.func}:${m.unit}    ${fmtAmount(p.amount, false)} CNY`, `    Assets:Treasury:${m.unit}`, '');
    }
  }
  while (out.length < lines) out.push('; —');
  return out.join('\n') + '\n';
}

/** The same facts for beancount (accounts opened first, explicit amounts on both postings). */
export function beancountJournal(seed: number, lines: number): string {
  const open = new Set<string>();
  const body: string[] = [];
  const header = ['; synthetic budget journal (bench/cli.ts)', 'option "operating_currency" "CNY"', ''];
  const used = (): number => header.length + open.size + body.length;
  const acc = (a: string): string => {
    open.add(a);
    return a;
  };
  const date = dates(2);
  for (const m of unitMoney(seed)) {
    // A unit's appropriation opens at most 2 accounts; each spending 1 more and 4 lines.
    if (used() + 8 + 16 > lines) break;
    body.push(`${date()} * "${m.unit}" "一般公共预算拨款"`, `  ${acc(`Assets:Treasury:${m.unit}`)}  ${fmtAmount(m.total, false)} CNY`, `  ${acc('Income:Appropriation:GeneralBudget')}  -${fmtAmount(m.total, false)} CNY`, '');
    for (const p of m.parts) {
      if (used() + 5 > lines) break;
      body.push(`${date()} * "${m.unit}" "支出 ${p.func}"`, `  ${acc(`Expenses:Func:F${p.func}:${m.unit}`)}  ${fmtAmount(p.amount, false)} CNY`, `  Assets:Treasury:${m.unit}  -${fmtAmount(p.amount, false)} CNY`, '');
    }
  }
  const out = [...header, ...[...open].map((a) => `2025-01-01 open ${a} CNY`), ...body];
  while (out.length < lines) out.push('; —');
  return out.join('\n') + '\n';
}

// ── sections ────────────────────────────────────────────────────────────────────────────────────────

export interface StartupResult {
  nodeMs: Timing;
  versionMs?: Timing;
  checkCachedMs?: Timing;
  checkUncachedMs?: Timing;
  checkNoCodeCacheMs?: Timing;
  hledgerVersionMs?: Timing;
  ledgerVersionMs?: Timing;
}

export function startupBench(o: CliBenchOptions): StartupResult {
  const bin = join(o.root, 'bin', 'budget.js');
  const dir = mkdtempSync(join(tmpdir(), 'budget-startup-'));
  const cache = join(dir, 'cache');
  const file = join(dir, 'small.budget');
  writeFileSync(file, '单位 测试单位 {\n  年度 2025\n  金额单位 万元\n  支出 {\n    208 社会保障和就业支出 人员 1.00\n  }\n}\n');
  const env = { ...process.env, BUDGET_CACHE_DIR: cache };
  const runs = o.quick ? 5 : 20;
  try {
    // Warm the code cache and the result cache once.
    spawnSync(process.execPath, [bin, 'check', file], { env, stdio: 'ignore' });
    const res: StartupResult = {
      nodeMs: timeCommand(process.execPath, ['-e', '0'], runs)!,
      versionMs: timeCommand(process.execPath, [bin, '--version'], runs, { env }),
      checkCachedMs: timeCommand(process.execPath, [bin, 'check', file], runs, { env }),
      checkUncachedMs: timeCommand(process.execPath, [bin, 'check', file, '--no-cache'], runs, { env }),
      checkNoCodeCacheMs: timeCommand(process.execPath, [bin, 'check', file, '--no-cache'], runs, { env: { ...env, BUDGET_NO_CODE_CACHE: '1' } }),
      hledgerVersionMs: has('hledger') ? timeCommand('hledger', ['--version'], runs) : undefined,
      ledgerVersionMs: has('ledger') ? timeCommand('ledger', ['--version'], runs) : undefined,
    };
    const f = (t?: Timing): string => (t ? `${t.min} (${t.median})` : '—');
    o.log('\nStart-up: wall ms, min (median) of fresh processes; small file = one unit, 7 lines');
    o.log(o.table([
      ['node -e 0', 'budget --version', 'check, cached result', 'check, not cached', 'check, no code cache either', 'hledger --version', 'ledger --version'],
      [f(res.nodeMs), f(res.versionMs), f(res.checkCachedMs), f(res.checkUncachedMs), f(res.checkNoCodeCacheMs), f(res.hledgerVersionMs), f(res.ledgerVersionMs)],
    ]));
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PeersResult {
  lines: number;
  budgetMs?: Timing;
  ledgerBalMs?: Timing;
  hledgerCheckMs?: Timing;
  beanCheckMs?: Timing;
  ratios: Record<string, number>;
}

export function peersBench(o: CliBenchOptions): PeersResult {
  ensurePeers(o.log);
  const lines = 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'budget-peers-'));
  const runs = o.quick ? 2 : 5;
  try {
    const budget = generateBudget({ seed: o.seed, lines });
    const bfile = join(dir, 'budget.budget');
    writeFileSync(bfile, budget.text);
    const ledger = ledgerJournal(o.seed, budget.lines);
    const lfile = join(dir, 'journal.ledger');
    writeFileSync(lfile, ledger);
    const bean = beancountJournal(o.seed, budget.lines);
    const beanFile = join(dir, 'journal.beancount');
    writeFileSync(beanFile, bean);
    const bin = join(o.root, 'bin', 'budget.js');
    const env = { ...process.env, BUDGET_CACHE_DIR: join(dir, 'cache') };
    spawnSync(process.execPath, [bin, '--version'], { env, stdio: 'ignore' });
    // The commands take turns, run after run, so that a machine whose load changes slows them alike.
    const cmds: Array<[keyof PeersResult, string, string[], NodeJS.ProcessEnv?]> = [
      // No result cache (every run checks); the code cache warm, as after installation and a first run.
      ['budgetMs', process.execPath, [bin, 'check', bfile, '--no-cache', '--format', 'json'], env],
      ['ledgerBalMs', 'ledger', ['-f', lfile, 'bal']],
      ['hledgerCheckMs', 'hledger', ['-f', lfile, 'check']],
      ['beanCheckMs', 'bean-check', ['--no-cache', beanFile]],
    ];
    const res: PeersResult = { lines: budget.lines, ratios: {} };
    const times = new Map<string, number[]>();
    const cpus = new Map<string, number>();
    const failed = new Set<string>();
    for (let i = 0; i < runs; i++) {
      for (const [key, cmd, args, cmdEnv] of cmds) {
        if (failed.has(key) || (cmd !== process.execPath && !has(cmd))) continue;
        const t = timeCommand(cmd, args, 1, { env: cmdEnv });
        if (!t) failed.add(key);
        else {
          times.set(key, [...(times.get(key) ?? []), t.min]);
          if (t.cpu !== undefined) cpus.set(key, Math.min(cpus.get(key) ?? Infinity, t.cpu));
        }
      }
    }
    for (const [key] of cmds) {
      const ts = times.get(key);
      if (!ts || failed.has(key)) continue;
      ts.sort((a, b) => a - b);
      (res as unknown as Record<string, Timing>)[key] = { min: ts[0], median: ts[ts.length >> 1], runs: ts.length, ...(cpus.has(key) ? { cpu: cpus.get(key) } : {}) };
    }
    const b = res.budgetMs?.min;
    for (const [k, t] of [['ledger bal', res.ledgerBalMs], ['hledger check', res.hledgerCheckMs], ['bean-check', res.beanCheckMs]] as const) {
      if (b && t) res.ratios[k] = Math.round((b / t.min) * 100) / 100;
    }
    const f = (t?: Timing): string => (t ? `${t.min} (${t.median})${t.cpu !== undefined ? ` cpu ${t.cpu}` : ''}` : 'not installed');
    o.log(`\nPeers: one file of ${budget.lines} lines (budget: ${budget.units} units; journals of the same line count), wall ms of a fresh process, min (median) of ${runs}, and the least CPU ms (user + system, all threads)`);
    o.log(o.table([
      ['budget check', 'ledger bal', 'hledger check', 'bean-check --no-cache', 'budget ÷ ledger', 'budget ÷ hledger', 'budget ÷ bean-check'],
      [f(res.budgetMs), f(res.ledgerBalMs), f(res.hledgerCheckMs), f(res.beanCheckMs), res.ratios['ledger bal'] ?? '—', res.ratios['hledger check'] ?? '—', res.ratios['bean-check'] ?? '—'],
    ]));
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface BatchResult {
  files: number;
  lines: number;
  bytes: number;
  cores: number;
  coldMs?: Timing;
  oneChangedMs?: Timing;
  allCachedMs?: Timing;
  oneThreadMs?: Timing;
}

/** 2,000 department files of about 750 lines (one to a few units each; the generator's target 530 overshoots): ≈1.5 M lines. */
export function batchBench(o: CliBenchOptions): BatchResult {
  const files = o.quick ? 200 : 2000;
  const dir = mkdtempSync(join(tmpdir(), 'budget-batch-'));
  const city = join(dir, 'city');
  mkdirSync(city);
  try {
    let lines = 0;
    let bytes = 0;
    const names: string[] = [];
    for (let i = 0; i < files; i++) {
      const g = generateBudget({ seed: o.seed + i, lines: 530 });
      const name = join(city, `dept-${String(i + 1).padStart(4, '0')}.budget`);
      writeFileSync(name, g.text);
      names.push(name);
      lines += g.lines;
      bytes += Buffer.byteLength(g.text);
    }
    const bin = join(o.root, 'bin', 'budget.js');
    const cache = join(dir, 'cache');
    const env = { ...process.env, BUDGET_CACHE_DIR: cache };
    // The code cache warm (as after the first run of an installation); the result cache emptied before each cold run.
    spawnSync(process.execPath, [bin, '--version'], { env, stdio: 'ignore' });
    const clearResults = (): void => rmSync(join(cache, 'results'), { recursive: true, force: true });
    const runs = o.quick ? 1 : 3;
    const res: BatchResult = { files, lines, bytes, cores: cpus().length };
    res.coldMs = timeCommand(process.execPath, [bin, 'check', city], runs, { env, before: clearResults });
    let k = 0;
    const touchOne = (): void => {
      // Change one figure in one file (a different file each run), as an editor would.
      const f = names[k++ % names.length];
      const t = readFileSync(f, 'utf8');
      writeFileSync(f, t.replace(/^(年度 2025)$/m, `$1\n# 修改 ${k}`));
    };
    spawnSync(process.execPath, [bin, 'check', city], { env, stdio: 'ignore' });
    res.oneChangedMs = timeCommand(process.execPath, [bin, 'check', city], o.quick ? 2 : 5, { env, before: touchOne });
    res.allCachedMs = timeCommand(process.execPath, [bin, 'check', city], o.quick ? 2 : 5, { env });
    if (!o.quick) res.oneThreadMs = timeCommand(process.execPath, [bin, 'check', city, '--jobs', '1', '--no-cache'], 1, { env });
    const f = (t?: Timing): string => (t ? `${t.min} (${t.median})${t.cpu !== undefined ? ` cpu ${t.cpu}` : ''}` : '—');
    o.log(`\nBatch: ${files} department files, ${lines.toLocaleString('en-US')} lines, ${r1(bytes / 1024 / 1024)} MB; budget check <folder>, wall ms, min (median), and the least CPU ms (user + system, all threads); ${res.cores} cores`);
    o.log(o.table([
      ['cold (empty result cache, all cores)', 'after one file changed', 'nothing changed', 'cold, one thread'],
      [f(res.coldMs), f(res.oneChangedMs), f(res.allCachedMs), f(res.oneThreadMs)],
    ]));
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function cliBench(sections: string[], o: CliBenchOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!existsSync(join(o.root, 'dist', 'cli.js'))) {
    o.log('CLI: dist/cli.js not found (run npm run build) — skipped');
    return out;
  }
  if (sections.includes('startup')) out.startup = startupBench(o);
  if (sections.includes('peers')) out.peers = peersBench(o);
  if (sections.includes('batch')) out.batch = batchBench(o);
  return out;
}
