/**
 * `budget check --fix` writes files back safely, on a real file system: exclusive random temporary files, mode
 * and owner kept, read-only files refused, files changed since they were read refused, hard links and
 * symbolic links kept. The process-level cases run the command; the two races are driven through the same
 * module (server/src/cli/safe-write.ts) with the race made to happen.
 */
import { strict as assert } from 'node:assert';
import { chmodSync, chownSync, existsSync, linkSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PASTED } from '../helpers/pasted';
import { randomTempName, RefusedWrite, replaceFile, snapshot } from '../../server/src/cli/safe-write';
import { run, tempDir } from './helpers';

const FIXED_MARK = '    合计 150.50\n';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function pasted(dir: string, name = 'p.budget'): string {
  const f = join(dir, name);
  writeFileSync(f, PASTED);
  return f;
}

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.includes('budget-fix') || n.endsWith('.tmp'));
}

describe('CLI: --fix writes safely', function () {
  this.timeout(60000);

  it('fixes the file and leaves no temporary file; the mode is kept', () => {
    const dir = tempDir();
    const f = pasted(dir);
    chmodSync(f, 0o640);
    const r = run(['check', '--fix', 'p.budget'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(readFileSync(f, 'utf8').includes(FIXED_MARK));
    assert.equal(statSync(f).mode & 0o7777, 0o640);
    assert.deepEqual(leftovers(dir), []);
  });

  it('keeps the owner and group (as root: another user’s file stays theirs)', () => {
    const dir = tempDir();
    const f = pasted(dir);
    const uid = isRoot ? 4321 : statSync(f).uid;
    const gid = isRoot ? 4322 : statSync(f).gid;
    if (isRoot) chownSync(f, uid, gid);
    const ino = statSync(f).ino;
    assert.equal(run(['check', '--fix', f]).code, 0);
    const st = statSync(f);
    assert.ok(readFileSync(f, 'utf8').includes(FIXED_MARK));
    assert.deepEqual([st.uid, st.gid], [uid, gid]);
    // Replaced by rename (a new inode) when the owner can be kept.
    assert.notEqual(st.ino, ino);
  });

  it('refuses a read-only file (even as root) and leaves it unchanged', () => {
    const dir = tempDir();
    const f = pasted(dir);
    chmodSync(f, 0o444);
    const r = run(['check', '--fix', f]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--fix could not write the file back, it is unchanged \(.*read-only/);
    assert.equal(readFileSync(f, 'utf8'), PASTED);
    assert.match(r.stdout, /BUD014/, 'the problems are still reported');
    assert.deepEqual(leftovers(dir), []);
  });

  it('a file with several hard links is fixed in place: every name sees the fix', () => {
    const dir = tempDir();
    const f = pasted(dir);
    const other = join(dir, 'other-name.budget');
    linkSync(f, other);
    const ino = statSync(f).ino;
    assert.equal(run(['check', '--fix', f]).code, 0);
    assert.equal(statSync(f).ino, ino);
    assert.equal(statSync(f).nlink, 2);
    assert.ok(readFileSync(other, 'utf8').includes(FIXED_MARK));
    assert.equal(readFileSync(other, 'utf8'), readFileSync(f, 'utf8'));
  });

  it('a symbolic link is followed: the target is fixed, the link stays a link', () => {
    const dir = tempDir();
    const target = pasted(dir, 'target.budget');
    const link = join(dir, 'link.budget');
    symlinkSync('target.budget', link);
    assert.equal(run(['check', '--fix', link]).code, 0);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), 'target.budget');
    assert.ok(readFileSync(target, 'utf8').includes(FIXED_MARK));
    assert.deepEqual(leftovers(dir), []);
  });

  it('the temporary file is created exclusively: something planted at its name is not followed or overwritten', () => {
    const dir = tempDir();
    const f = pasted(dir);
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const planted = join(dir, '.planted');
    symlinkSync(victim, planted);
    const bytes = readFileSync(f);
    const snap = snapshot(f, bytes);
    assert.throws(() => replaceFile(f, Buffer.from('new text'), snap, { tempName: () => planted }), (e: NodeJS.ErrnoException) => e.code === 'EEXIST');
    assert.equal(readFileSync(victim, 'utf8'), 'precious');
    assert.equal(readFileSync(f, 'utf8'), PASTED);
    // The default names are random (not the process id): two never repeat.
    const names = new Set(Array.from({ length: 50 }, () => randomTempName(f)));
    assert.equal(names.size, 50);
    for (const n of names) assert.match(n, /\.p\.budget\.[0-9a-f]{16}\.budget-fix$/);
  });

  it('refuses to replace a file that changed after it was read (same size, same second) and keeps the change', () => {
    const dir = tempDir();
    const f = pasted(dir);
    const bytes = readFileSync(f);
    const snap = snapshot(f, bytes);
    // Another program saves the file: same length, so only the content (and the time) tell.
    const edited = PASTED.replace('150.50', '150.51');
    writeFileSync(f, edited);
    assert.throws(() => replaceFile(f, Buffer.from('fixed'), snap), (e: unknown) => e instanceof RefusedWrite && /changed after it was read/.test(e.message));
    assert.equal(readFileSync(f, 'utf8'), edited);
    assert.deepEqual(leftovers(dir), []);
    // Restoring the mtime does not fool it: the content hash is compared too (rename and in-place paths).
    const again = snapshot(f, Buffer.from(PASTED));
    assert.throws(() => replaceFile(f, Buffer.from('fixed'), again), RefusedWrite);
    linkSync(f, join(dir, 'hard.budget'));
    assert.throws(() => replaceFile(f, Buffer.from('fixed'), snapshot(f, Buffer.from(PASTED))), RefusedWrite);
    assert.equal(readFileSync(f, 'utf8'), edited);
  });

  it('refuses when the symbolic link was pointed elsewhere, or the file removed, after reading', () => {
    const dir = tempDir();
    const a = pasted(dir, 'a.budget');
    const b = pasted(dir, 'b.budget');
    const link = join(dir, 'link.budget');
    symlinkSync(a, link);
    const snap = snapshot(link, readFileSync(link));
    const { unlinkSync } = require('node:fs') as typeof import('node:fs');
    unlinkSync(link);
    symlinkSync(b, link);
    assert.throws(() => replaceFile(link, Buffer.from('x'), snap), (e: unknown) => e instanceof RefusedWrite && /points elsewhere/.test(e.message));
    assert.equal(readFileSync(b, 'utf8'), PASTED);
    const gone = snapshot(a, readFileSync(a));
    unlinkSync(a);
    assert.throws(() => replaceFile(a, Buffer.from('x'), gone), RefusedWrite);
    assert.ok(!existsSync(a));
  });
});
