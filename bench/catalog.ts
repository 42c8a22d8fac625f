/**
 * The classification catalog (`npm run bench -- --only=catalog`): what it costs to load, and to use.
 *
 * In a fresh process (each run): requiring the catalog module (the embedded TSV text), creating the built-in
 * catalog (nothing is parsed: the data loads lazily), the first lookup (the data parsed), the first lookup in a
 * second edition (that edition's view built). In this process, warm: lookups by code across editions, the nearest
 * codes of a mistyped code (BUD109's fixes), the children of a 类 (completion by parent), an edition's whole tree
 * (the catalog command), and hover on a code of the reference sample through the core feature.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze } from '../server/src/core/analyze';
import { builtinCatalog, type ClassKind } from '../server/src/core/catalog';
import { hover } from '../server/src/core/features/hover';

export interface CatalogBenchResult {
  /** Fresh process, median over runs (ms). */
  requireMs: number;
  createMs: number;
  firstLookupMs: number;
  secondEditionMs: number;
  /** Warm, per operation (µs, median over batches). */
  lookupUs: number;
  nearestUs: number;
  childrenUs: number;
  treeMs: number;
  hoverUs: { p50: number; p95: number; n: number };
}

const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const r2 = (x: number): number => Math.round(x * 100) / 100;

/** The fresh-process part: a child node that requires the compiled catalog module and times each step. */
function freshProcess(root: string, runs: number): Pick<CatalogBenchResult, 'requireMs' | 'createMs' | 'firstLookupMs' | 'secondEditionMs'> {
  const mod = join(root, 'out/server/src/core/catalog.js');
  const script = `
    const { performance } = require('node:perf_hooks');
    const t0 = performance.now();
    const m = require(${JSON.stringify(mod)});
    const t1 = performance.now();
    const c = m.builtinCatalog();
    const t2 = performance.now();
    c.get('func', '208');
    const t3 = performance.now();
    c.forEdition(2024).get('econ', '30101');
    const t4 = performance.now();
    process.stdout.write(JSON.stringify([t1 - t0, t2 - t1, t3 - t2, t4 - t3]));
  `;
  const rows: number[][] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (r.status === 0) rows.push(JSON.parse(r.stdout) as number[]);
  }
  const col = (k: number): number => r2(med(rows.map((r) => r[k])));
  return { requireMs: col(0), createMs: col(1), firstLookupMs: col(2), secondEditionMs: col(3) };
}

export function catalogBench(root: string, quick: boolean): CatalogBenchResult {
  const fresh = freshProcess(root, quick ? 3 : 9);
  const base = builtinCatalog();
  const editions = [2023, 2024, 2025, 2026].map((y) => base.forEdition(y));
  const kinds: ClassKind[] = ['func', 'econ', 'gov'];
  const codes = kinds.map((k) => ({ k, codes: base.allRecords(k).map((r) => r.code) }));
  const per = (n: number, f: () => void): number => {
    const batches: number[] = [];
    for (let b = 0; b < (quick ? 3 : 9); b++) {
      const t = performance.now();
      for (let i = 0; i < n; i++) f();
      batches.push(((performance.now() - t) * 1000) / n);
    }
    return r2(med(batches));
  };
  let i = 0;
  const lookupUs = per(20_000, () => {
    const e = editions[i % editions.length];
    const c = codes[i % codes.length];
    e.get(c.k, c.codes[i++ % c.codes.length]);
  });
  const nearestUs = per(500, () => editions[i++ % editions.length].nearestCodes('econ', '30210', '差旅费'));
  const childrenUs = per(2_000, () => editions[i++ % editions.length].children('func', '213'));
  const treeTimes: number[] = [];
  for (let k = 0; k < (quick ? 3 : 9); k++) {
    const t = performance.now();
    for (const e of editions) for (const kind of kinds) e.tree(kind);
    treeTimes.push((performance.now() - t) / editions.length);
  }
  // Hover on every code of the reference sample (its catalog already warm from the lookups above).
  const text = readFileSync(join(root, 'samples/fushun-2025.budget'), 'utf8');
  const a = analyze(text);
  const at = [...text.matchAll(/^\s+(\d{3,7}) /gm)].map((m) => m.index! + m[0].indexOf(m[1]) + 1);
  const hoverT: number[] = [];
  for (let round = 0; round < (quick ? 1 : 5); round++) {
    for (const off of at) {
      const t = performance.now();
      hover(a, off, 'zh-CN');
      hoverT.push((performance.now() - t) * 1000);
    }
  }
  return {
    ...fresh, lookupUs, nearestUs, childrenUs, treeMs: r2(med(treeTimes)),
    hoverUs: { p50: r2(pct(hoverT, 0.5)), p95: r2(pct(hoverT, 0.95)), n: hoverT.length },
  };
}
