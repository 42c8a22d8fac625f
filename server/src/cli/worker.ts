/**
 * A worker thread of the check pool (pool.ts): loads the analysis module (with V8's code cache) and lets
 * it answer the pool's messages; on 'bye' it saves the code cache if it had none, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { requireCached } from './compile-cache';

const data = workerData as { analyzer: string; codeCacheDir?: string };
const loaded = requireCached(data.analyzer, data.codeCacheDir);
parentPort?.on('message', (m: unknown) => {
  if (m === 'bye') {
    loaded.save();
    parentPort?.close();
  }
});
