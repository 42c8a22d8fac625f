/**
 * Baselines: `--write-baseline FILE` records the findings of a run; `--baseline FILE` then reports only
 * findings that are not in it — what a review adds to what is already known.
 *
 * A finding is keyed by its file (relative to the baseline file's folder, `/`-separated), its code and a
 * fingerprint of the text of its line (whitespace-insensitive) and of the text it points at (the quoted
 * figure) — not by its line number, so findings still match after lines are inserted or removed above them.
 * Identical findings (same key) are counted: with 2 in the baseline and 3 now, one is reported (the last).
 * Changing the line itself (its figures) makes the finding new, which is the point: a changed figure deserves
 * a new look.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { renderMessage } from '../core/diagnostics';
import type { CheckedFile } from './formats/types';
import { IoError, writeFileAtomic } from './io';
import type { Finding } from './result';

export interface BaselineEntry {
  file: string;
  code: string;
  fingerprint: string;
  count: number;
  /** For people reading the file; not part of the key. */
  message: string;
}

interface BaselineFile {
  tool: 'budget';
  format: 1;
  findings: BaselineEntry[];
}

export function fingerprint(f: Finding): string {
  return createHash('sha256').update(`${f.code}\0${f.lineHash}\0${f.figure.trim().replace(/\s+/g, ' ')}`).digest('hex').slice(0, 16);
}

function fileKey(baselineFile: string, path: string): string {
  if (path === '-') return '-';
  const rel = relative(dirname(resolve(baselineFile)), path);
  return (isAbsolute(rel) ? rel : rel.split(sep).join('/'));
}

function key(file: string, code: string, fp: string): string {
  return `${file}\0${code}\0${fp}`;
}

export function writeBaseline(path: string, files: CheckedFile[]): number {
  const entries = new Map<string, BaselineEntry>();
  for (const f of files) {
    const file = fileKey(path, f.target.path);
    for (const x of f.findings) {
      const fp = fingerprint(x);
      const k = key(file, x.code, fp);
      const e = entries.get(k);
      if (e) e.count++;
      else entries.set(k, { file, code: x.code, fingerprint: fp, count: 1, message: renderMessage(x, 'zh-CN') });
    }
  }
  const findings = [...entries.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  const doc: BaselineFile = { tool: 'budget', format: 1, findings };
  writeFileAtomic(path, JSON.stringify(doc, null, 2) + '\n');
  return findings.reduce((s, e) => s + e.count, 0);
}

export interface Baseline {
  path: string;
  counts: Map<string, number>;
}

export function readBaseline(path: string): Baseline {
  let doc: BaselineFile;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as BaselineFile;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在 no such file' : (e as Error).message;
    throw new IoError(`budget: ${path}: 无法读取基线 cannot read the baseline (${why})`);
  }
  if (doc?.tool !== 'budget' || doc.format !== 1 || !Array.isArray(doc.findings)) {
    throw new IoError(`budget: ${path}: 不是 budget 的基线文件 / not a budget baseline file`);
  }
  const counts = new Map<string, number>();
  for (const e of doc.findings) {
    if (typeof e?.file !== 'string' || typeof e.code !== 'string' || typeof e.fingerprint !== 'string') continue;
    const k = key(e.file, e.code, e.fingerprint);
    counts.set(k, (counts.get(k) ?? 0) + (Number.isInteger(e.count) && e.count > 0 ? e.count : 1));
  }
  return { path, counts };
}

/** Drops the findings the baseline knows (in place); returns how many were dropped. */
export function applyBaseline(b: Baseline, files: CheckedFile[]): number {
  const left = new Map(b.counts);
  let known = 0;
  for (const f of files) {
    const file = fileKey(b.path, f.target.path);
    f.findings = f.findings.filter((x) => {
      const k = key(file, x.code, fingerprint(x));
      const n = left.get(k) ?? 0;
      if (n > 0) {
        left.set(k, n - 1);
        known++;
        return false;
      }
      return true;
    });
  }
  return known;
}
