/**
 * Checking many files on all cores: a pool of worker threads, one file per task (a department whose units
 * are in one file is one task: its consolidation checks need all of them). Results are returned in the
 * order of the input, whatever order the workers finish in.
 *
 * Small runs do not pay for a pool: one file, or little text, is checked in the main thread (a worker costs
 * tens of milliseconds to start and to load the checker). A file that makes the checker fail — an exception,
 * a stack overflow, or a worker that dies — is reported as an internal error for that file alone; a dead
 * worker is replaced and the other files are still checked.
 */
import { availableParallelism } from 'node:os';
import type { Worker as WorkerType } from 'node:worker_threads';
import { getCodeCacheDir, loadAnalyzer, ANALYZER_FILE, WORKER_FILE } from './lazy';
import { WORKER_MARK, type TaskInput, type TaskOutput } from './result';

export interface PoolOptions {
  /** Worker threads at most (default: the available parallelism). 1: check in the main thread. */
  jobs?: number;
  /** Below this much text in all the files the main thread checks them itself. */
  minBytesForPool?: number;
  /** The worker entry (tests give one that fails on purpose). */
  workerFile?: string;
  /** Called as each file's result arrives (progress); results are still returned in input order. */
  onResult?: (o: TaskOutput) => void;
}

/** Enough text that two or more workers beat the main thread alone (docs/performance.md). */
export const MIN_BYTES_FOR_POOL = 512 * 1024;

const EMPTY = new Uint8Array(0);

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** The outputs in input order, and how many worker threads checked them (0: the main thread). */
export async function runTasks(inputs: TaskInput[], opts: PoolOptions = {}): Promise<{ outputs: TaskOutput[]; threads: number }> {
  const out = new Array<TaskOutput>(inputs.length);
  if (!inputs.length) return { outputs: out, threads: 0 };
  const bytes = inputs.reduce((s, i) => s + i.bytes.length, 0);
  const jobs = Math.min(opts.jobs ?? defaultJobs(), inputs.length);
  const put = (o: TaskOutput, pos: number): void => {
    out[pos] = o;
    opts.onResult?.(o);
  };
  if (jobs <= 1 || bytes < (opts.minBytesForPool ?? MIN_BYTES_FOR_POOL)) {
    const { runTask, describe } = loadAnalyzer();
    for (let k = 0; k < inputs.length; k++) {
      let o: TaskOutput;
      try {
        o = await runTask(inputs[k]);
      } catch (e) {
        o = { index: inputs[k].index, kind: 'internal', message: describe(e) };
      }
      inputs[k].bytes = EMPTY;
      put({ ...o, index: inputs[k].index }, k);
    }
    return { outputs: out, threads: 0 };
  }
  await inWorkers(inputs, jobs, opts.workerFile ?? WORKER_FILE, put);
  return { outputs: out, threads: jobs };
}

function inWorkers(inputs: TaskInput[], jobs: number, workerFile: string, put: (o: TaskOutput, pos: number) => void): Promise<void> {
  // Largest files first: the run ends soonest when no worker is left with a big file at the end.
  const queue = inputs.map((_, k) => k).sort((a, b) => inputs[b].bytes.length - inputs[a].bytes.length || a - b);
  return new Promise((resolve) => {
    let live = 0;
    // Workers that ended before they took a file (they could not start): after a few, no more are started.
    let stillborn = 0;
    const start = (): void => {
      live++;
      const { Worker } = require('node:worker_threads') as { Worker: typeof WorkerType };
      const w = new Worker(workerFile, { workerData: { mark: WORKER_MARK, analyzer: ANALYZER_FILE, codeCacheDir: getCodeCacheDir() } });
      let current: number | undefined;
      let failed = false;
      let online = false;
      const next = (): void => {
        current = queue.shift();
        if (current === undefined) w.postMessage('bye');
        else {
          w.postMessage(inputs[current]);
          // The worker has its copy: a province's files need not all stay in memory until the end.
          inputs[current].bytes = EMPTY;
        }
      };
      const fail = (why: string): void => {
        if (current === undefined) return;
        const pos = current;
        current = undefined;
        put({ index: inputs[pos].index, kind: 'internal', message: why }, pos);
      };
      w.on('message', (o: TaskOutput) => {
        if (current === undefined) return;
        const pos = current;
        if (o.kind === 'ok' && o.json !== undefined) o.result = JSON.parse(o.json) as typeof o.result;
        put({ ...o, index: inputs[pos].index }, pos);
        next();
      });
      w.on('error', (e) => {
        failed = true;
        fail(`${e instanceof Error ? e.message : String(e)} (the checker stopped while checking this file)`);
      });
      w.on('exit', (code) => {
        live--;
        if (current !== undefined) {
          failed = true;
          fail(`the checker stopped while checking this file (exit code ${code})`);
        }
        // A worker that died is replaced while files are left.
        if (!online) stillborn++;
        if ((failed || code !== 0) && queue.length && stillborn < 3) start();
        if (live === 0) {
          // Files never handed out (every worker died at start-up) are reported, not lost.
          while (queue.length) {
            const pos = queue.shift()!;
            put({ index: inputs[pos].index, kind: 'internal', message: 'no worker thread could check this file' }, pos);
          }
          resolve();
        }
      });
      w.once('online', () => {
        online = true;
        next();
      });
    };
    for (let k = 0; k < jobs; k++) start();
  });
}
