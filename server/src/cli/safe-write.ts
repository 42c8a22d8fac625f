/**
 * `budget check --fix` writes files back safely, also in folders other users can write to:
 *
 * - The new text goes to a temporary file beside the target, created exclusively (`wx`: O_CREAT|O_EXCL, which
 *   never follows a symbolic link or opens an existing file) under a random name, readable only by us until
 *   it has the original's mode. It then replaces the target by rename: a reader never sees half a file and a
 *   failed write (disk full) leaves the original as it was.
 * - The original's permission bits are kept (not set-user/group-ID: a budget file has no reason for them) and,
 *   where the system allows, its owner and group. When the owner cannot be kept (we are not root and not the
 *   owner) a rename would hand the file to us, so the file is written in place instead (see below).
 * - A file that is read-only (no write permission for us, or no write bit at all — root ignores permissions,
 *   `--fix` does not) is refused and left unchanged.
 * - A file that changed after it was read (another program saved it while it was being checked) is refused:
 *   just before the rename (or the in-place write) its device, inode, size, modification time and content
 *   hash are compared with what was read. A change in the microseconds between that comparison and the rename
 *   cannot be seen (no lock is shared with other editors).
 * - A file with several hard links would be split from its other names by a rename (they would keep the old
 *   text), so it is written in place: same inode, every name sees the fix. In-place writing is not atomic: the
 *   new bytes are written and the file truncated to their length, then synced; a crash in between can leave a
 *   mixture, as with any editor that writes in place.
 * - A symbolic link is followed to its target, which is replaced (the link stays a link); when the link points
 *   elsewhere by the time of writing, the write is refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  accessSync, closeSync, constants, fchmodSync, fchownSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync,
  realpathSync, renameSync, rmSync, statSync, writeSync, type BigIntStats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Text2 } from '../core/diagnostics';

/** What was read: compared before writing. */
export interface ReadSnapshot {
  /** The file's real path (symbolic links resolved) when it was read. */
  real: string;
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  sha256: string;
}

export class RefusedWrite extends Error {
  constructor(readonly reason: Text2) {
    super(reason.en);
  }
}

export function snapshot(file: string, bytes: Uint8Array): ReadSnapshot {
  const real = realpathSync(file);
  const st = statSync(real, { bigint: true });
  return { real, dev: st.dev, ino: st.ino, size: st.size, mtimeNs: st.mtimeNs, sha256: sha256(bytes) };
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

function readAll(fd: number, size: number): Buffer {
  const buf = Buffer.allocUnsafe(size);
  let off = 0;
  while (off < size) {
    const n = readSync(fd, buf, off, size - off, off);
    if (n === 0) break;
    off += n;
  }
  return buf.subarray(0, off);
}

const UNCHANGED: Text2 = { zh: '文件未改动', en: 'the file is unchanged' };

function changed(st: BigIntStats, snap: ReadSnapshot): boolean {
  return st.dev !== snap.dev || st.ino !== snap.ino || st.size !== snap.size || st.mtimeNs !== snap.mtimeNs;
}

function refuse(zh: string, en: string): never {
  throw new RefusedWrite({ zh: `${zh}；${UNCHANGED.zh}`, en: `${en}; ${UNCHANGED.en}` });
}

/** Options for tests: the temporary name (to plant something at it first). */
export interface ReplaceOptions {
  tempName?: (target: string) => string;
}

export function randomTempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(8).toString('hex')}.budget-fix`);
}

/**
 * Replaces the file read as `snap` with `bytes`, as described above. Throws RefusedWrite (with the reason) when
 * it will not, or an errno error when the system refused; in both cases the original is unchanged.
 */
export function replaceFile(file: string, bytes: Uint8Array, snap: ReadSnapshot, opts: ReplaceOptions = {}): void {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') refuse('文件在检查期间被删除或改名', 'the file was deleted or renamed while it was checked');
    throw e;
  }
  if (real !== snap.real) refuse('符号链接在检查期间改指了别处', 'the symbolic link points elsewhere than when the file was read');
  const st = statSync(real, { bigint: true });
  if (!st.isFile()) refuse('不是普通文件', 'not a regular file');
  const mode = Number(st.mode & 0o777n);
  if ((mode & 0o222) === 0) refuse('文件是只读的', 'the file is read-only');
  try {
    accessSync(real, constants.W_OK);
  } catch {
    refuse('无权写入该文件（只读）', 'the file is read-only for this user');
  }
  if (changed(st, snap)) refuse('文件在检查期间被修改过', 'the file changed after it was read');
  const uid = Number(st.uid);
  const gid = Number(st.gid);
  const canKeepOwner = typeof process.getuid !== 'function' || process.getuid() === 0 || process.getuid() === uid;
  if (st.nlink > 1n || !canKeepOwner) writeInPlace(real, bytes, snap);
  else writeByRename(real, bytes, snap, mode, uid, gid, opts);
}

function verifyContent(fd: number, snap: ReadSnapshot): void {
  const st = fstatSync(fd, { bigint: true });
  if (changed(st, snap) || sha256(readAll(fd, Number(st.size))) !== snap.sha256) refuse('文件在检查期间被修改过', 'the file changed after it was read');
}

function writeByRename(real: string, bytes: Uint8Array, snap: ReadSnapshot, mode: number, uid: number, gid: number, opts: ReplaceOptions): void {
  const tmp = (opts.tempName ?? randomTempName)(real);
  // O_EXCL: fails if anything (a file, a symbolic link planted by someone else) is already there.
  const fd = openSync(tmp, 'wx', 0o600);
  let renamed = false;
  let closed = false;
  try {
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    if (process.platform !== 'win32') {
      try {
        fchownSync(fd, uid, gid);
      } catch {
        // Not root: the owner is ours (checked above) but the group may not be ours to give; then the file
        // keeps its group only if written in place.
        if (Number(fstatSync(fd, { bigint: true }).gid) !== gid) {
          closeSync(fd);
          closed = true;
          rmSync(tmp, { force: true });
          writeInPlace(real, bytes, snap);
          return;
        }
      }
    }
    fchmodSync(fd, mode);
    fsyncSync(fd);
    // Last look at the original, by its contents, just before it is replaced.
    const orig = openSync(real, 'r');
    try {
      verifyContent(orig, snap);
    } finally {
      closeSync(orig);
    }
    renameSync(tmp, real);
    renamed = true;
  } finally {
    if (!closed) closeSync(fd);
    if (!renamed && !closed) rmSync(tmp, { force: true });
  }
  if (renamed) syncDir(dirname(real));
}

function writeInPlace(real: string, bytes: Uint8Array, snap: ReadSnapshot): void {
  const fd = openSync(real, constants.O_RDWR | (constants.O_NOFOLLOW ?? 0));
  try {
    verifyContent(fd, snap);
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off, off);
    ftruncateSync(fd, bytes.length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes the rename durable (best effort: not every system can open a directory). */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Durability only; the rename itself has happened.
  }
}
