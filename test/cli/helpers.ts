/** Running the `budget` command line as a process, in temporary folders, with a cache folder of its own. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const BIN = join(ROOT, 'bin/budget.js');

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOpts {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  bin?: string;
}

export function tempDir(prefix = 'budget-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Every run gets a fresh cache folder unless one is given (BUDGET_CACHE_DIR or --cache-dir). `budget check` from a
 * working folder of the test's own gets that folder as its home unless one is given: a unit file's look for its
 * department above it (references/candidates.ts) never goes above the home folder, so a run never reads the temporary
 * folder's other contents (other runs' files, which come and go). Other commands keep the real home (the browser a
 * PDF is printed with writes its settings there).
 */
export function run(args: string[], o: RunOpts = {}): Ran {
  const home = args[0] === 'check' && o.cwd ? { HOME: o.cwd } : {};
  const env: Record<string, string | undefined> = { ...process.env, BUDGET_CACHE_DIR: tempDir('budget-cache-'), ...home, LANG: 'zh_CN.UTF-8', BUDGET_LOCALE: undefined, ...o.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [o.bin ?? BIN, ...args], { cwd: o.cwd ?? ROOT, encoding: 'utf8', env: env as NodeJS.ProcessEnv, input: o.input, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without waiting (for concurrent runs). */
export function runAsync(args: string[], o: RunOpts = {}): Promise<Ran> {
  const env: Record<string, string | undefined> = { ...process.env, LANG: 'zh_CN.UTF-8', BUDGET_LOCALE: undefined, ...o.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise((res) => {
    const p = spawn(process.execPath, [o.bin ?? BIN, ...args], { cwd: o.cwd ?? ROOT, env: env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('close', (code) => res({ code: code ?? -1, stdout, stderr }));
  });
}

/** Writes files (relative path → text) under a folder. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}

/** A unit without errors. */
export function goodUnit(name = '测试单位', amount = '1.00'): string {
  return `单位 ${name} {\n  年度 2025\n  金额单位 万元\n  支出 {\n    208 社会保障和就业支出 人员 ${amount}\n  }\n}\n`;
}

/** A unit with one BUD201 (208 is written 3.00, its children sum to 2.00) on line 5. */
export function badUnit(name = '测试单位'): string {
  return `单位 ${name} {\n  年度 2025\n  金额单位 万元\n  支出 {\n    208 社会保障和就业支出 3.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00\n  }\n}\n`;
}

export interface JsonDiag {
  file: string;
  line: number;
  column: number;
  code: string;
  severity: string;
  message: string;
}

export function json(r: Ran): JsonDiag[] {
  try {
    return JSON.parse(r.stdout) as JsonDiag[];
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout.slice(0, 500)}\n${r.stderr.slice(0, 2000)}`);
  }
}

/** `--stats` line: files, from the cache, checked, threads. */
export function stats(r: Ran): { files: number; cached: number; checked: number; threads: number } {
  const s = statsRead(r);
  return { files: s.files, cached: s.cached, checked: s.checked, threads: s.threads };
}

/** The same with the number of files read (the others were known unchanged by their metadata). */
export function statsRead(r: Ran): { files: number; read: number; cached: number; checked: number; threads: number } {
  const m = /stats: (\d+) 个文件 files, (\d+) 个已读取 read, (\d+) 个取自缓存 from the cache, (\d+) 个已检查 checked \((?:(\d+) 个工作线程|主线程)/.exec(r.stderr);
  if (!m) throw new Error(`no stats line in: ${r.stderr}`);
  return { files: Number(m[1]), read: Number(m[2]), cached: Number(m[3]), checked: Number(m[4]), threads: Number(m[5] ?? 0) };
}
