/**
 * A worker for the pool test (isolation.test.ts) that fails on purpose, by file name: BOOM throws an uncaught
 * exception, DIE ends the thread, DEEP overflows the stack; any other file gets an empty result.
 */
import { parentPort } from 'node:worker_threads';
import type { TaskInput, TaskOutput } from '../../server/src/cli/result';

function deep(n: number): number {
  return n === 0 ? 0 : 1 + deep(n + 1);
}

parentPort?.on('message', (m: TaskInput | 'bye') => {
  if (m === 'bye') {
    parentPort?.close();
    return;
  }
  if (m.file.includes('BOOM')) throw new Error(`injected failure in ${m.file}`);
  if (m.file.includes('DIE')) process.exit(3);
  if (m.file.includes('DEEP')) deep(1);
  const out: TaskOutput = { index: m.index, kind: 'ok', result: { lines: m.bytes.length, findings: [] } };
  parentPort?.postMessage(out);
});
