/**
 * Reading input files (bounded: never the whole of an endless or huge one) and writing output files
 * atomically. Messages are bilingual, one line, and name the file.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Text2 } from '../core/diagnostics';

/** An expected problem with a file or an argument: reported in one line, never with a stack. */
export class IoError extends Error {}

export class UsageError extends Error {}

/** Texts longer than this are not analysed (core/analyze.ts MAX_ANALYZED_LENGTH: 4,000,000 UTF-16 units). */
const MAX_ANALYZED_LENGTH = 4_000_000;
/** Bytes read at most: past it no text can be under the analysis limit (4 UTF-8 bytes per character at most). */
export const MAX_FILE_BYTES = MAX_ANALYZED_LENGTH * 4;

export function both(t: Text2): string {
  return `${t.zh} / ${t.en}`;
}

/** One line for an errno error on a file. */
export function errnoMessage(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why =
    code === 'ENOENT' ? '文件不存在 no such file'
    : code === 'EISDIR' ? '是目录 is a directory'
    : code === 'EACCES' || code === 'EPERM' ? '无权读取 permission denied'
    : code === 'ELOOP' ? '符号链接循环 too many symbolic links'
    : String((e as Error)?.message ?? e);
  return `budget: ${file}: ${why}`;
}

/** Reads a file (or stdin, a device, a pipe) up to MAX_FILE_BYTES + 1 bytes, never the whole of an endless one. */
export function readLimited(file: string): Buffer {
  let fd: number;
  try {
    fd = file === '-' ? 0 : openSync(file, 'r');
  } catch (e) {
    throw new IoError(errnoMessage(file, e));
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new IoError(errnoMessage(file, { code: 'EISDIR' }));
    const big = (n: string): IoError => new IoError(`budget: ${file}: 文件过大（${n}），未检查 / file too large (${n}), not checked`);
    if (st.isFile() && st.size > MAX_FILE_BYTES) throw big(`${st.size.toLocaleString('en-US')} bytes`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(st.isFile() ? Math.min(1 << 20, Math.max(st.size + 1, 4096)) : 1 << 20);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          // A non-blocking stdin with no data yet: wait a little instead of spinning.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        if ((e as NodeJS.ErrnoException).code === 'EOF') break;
        throw new IoError(errnoMessage(file, e));
      }
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_FILE_BYTES) throw big(`over ${MAX_FILE_BYTES.toLocaleString('en-US')} bytes`);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/**
 * Writes an output file (a report, a baseline, rendered tables) whole or not at all: into a new temporary file
 * beside it (created exclusively, random name), then renamed over the target. A reader never sees half a file.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? '无权写入 permission denied' : code === 'ENOSPC' ? '磁盘已满 no space left' : code === 'ENOENT' ? '目录不存在 no such directory' : (e as Error).message;
    throw new IoError(`budget: ${file}: 未能写入 could not write (${why})`);
  }
}
