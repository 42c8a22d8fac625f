import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { FsResolver } from '../../server/src/references/files';
import { departmentsAbove } from '../../server/src/references/above';
import { foldersAbove, MAX_READ } from '../../server/src/references/candidates';
import { budgetFilesUnder } from '../../server/src/references/paths';
import { DepartmentIndex } from '../../server/src/references/scan';
import { tempDir, writeTree } from './helpers';

describe('references on disk: the department files around a unit file (references/scan.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('budget-scan-');
    writeTree(dir, {
      'a.budget': '部门 甲局 {\n  单位文件 u/*.budget\n}\n',
      'b/b.budget': '部门 乙局 {\n  单位文件 ../u/x.budget\n}\n',
      'u/x.budget': '单位 x {\n}\n',
      'u/y.budget': '单位 y {\n}\n',
      '.hidden/c.budget': '部门 丙局 {\n  单位文件 ../u/x.budget\n}\n',
      'node_modules/d.budget': '部门 丁局 {\n  单位文件 ../u/x.budget\n}\n',
      'notes.txt': '单位文件 u/x.budget',
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the .budget files under the roots, sorted, not in hidden folders or node_modules', () => {
    const r = budgetFilesUnder([dir]);
    assert.deepEqual(r.files.map((f) => f.slice(dir.length + 1)), ['a.budget', 'b/b.budget', 'u/x.budget', 'u/y.budget']);
    assert.equal(r.complete, true);
  });

  it('indexes which department files list a unit file; the one asking is left out', () => {
    const resolver = new FsResolver({ roots: [dir] });
    const index = new DepartmentIndex([dir], resolver);
    assert.deepEqual(index.listedBy(join(dir, 'u/x.budget'), join(dir, 'a.budget')), [join(dir, 'b/b.budget')]);
    assert.deepEqual(index.listedBy(join(dir, 'u/y.budget'), join(dir, 'a.budget')), []);
    assert.deepEqual(index.departments.sort(), [join(dir, 'a.budget'), join(dir, 'b/b.budget')]);
  });
});

describe('references on disk: the departments in the folders above a unit file (references/above.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('budget-above-');
    writeTree(dir, {
      // Three folders above the unit's own (a/b/c): found; four (the temp folder itself): not looked in.
      'top.budget': '部门 顶局 {\n  单位文件 a/b/c/d/x.budget\n}\n',
      'a/dept.budget': '部门 甲局 {\n  单位文件 b/c/d/*.budget\n}\n',
      // In a sibling folder of a folder above: found; another department not listing it, a file too big to be one: not.
      'a/b/部门/乙局.budget': '部门 乙局 {\n  单位文件 ../c/d/x.budget\n}\n',
      'a/b/部门/丙局.budget': '部门 丙局 {\n  单位文件 ../c/d/y.budget\n}\n',
      'a/b/c/.hidden/丁局.budget': '部门 丁局 {\n  单位文件 ../d/x.budget\n}\n',
      'a/b/c/d/x.budget': '单位 x {\n}\n',
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('looks at most three folders up, in each and its immediate subfolders, not in hidden ones, up to the nearest that has one', async () => {
    const file = join(dir, 'a/b/c/d/x.budget');
    assert.deepEqual(foldersAbove(file, join(dir, 'elsewhere')).slice(0, 3), [join(dir, 'a/b/c'), join(dir, 'a/b'), join(dir, 'a')]);
    const found = await departmentsAbove(file, { home: join(dir, 'elsewhere') });
    assert.deepEqual(found.map((f) => [f.file.slice(dir.length + 1), f.root.slice(dir.length + 1)]), [['a/b/部门/乙局.budget', 'a/b']]);
    rmSync(join(dir, 'a/b/部门'), { recursive: true });
    assert.deepEqual((await departmentsAbove(file, { home: join(dir, 'elsewhere') })).map((f) => [f.file.slice(dir.length + 1), f.root.slice(dir.length + 1)]), [['a/dept.budget', 'a']]);
  });

  it('never above the home folder, never what the caller already looked through, and it stops when cancelled', async () => {
    const file = join(dir, 'a/b/c/d/x.budget');
    assert.deepEqual(foldersAbove(file, join(dir, 'a/b')), [join(dir, 'a/b/c'), join(dir, 'a/b')]);
    assert.deepEqual((await departmentsAbove(file, { home: join(dir, 'a/b') })).map((f) => f.file), [join(dir, 'a/b/部门/乙局.budget')]);
    assert.deepEqual((await departmentsAbove(file, { home: join(dir, 'x'), covered: (d) => d.startsWith(join(dir, 'a/b')) })).map((f) => f.file), [join(dir, 'a/dept.budget')]);
    assert.deepEqual(await departmentsAbove(file, { home: join(dir, 'x'), cancelled: () => true }), []);
  });

  it('a department in another subfolder is read before the unit’s own many siblings (the read bound)', async () => {
    const many: Record<string, string> = { '部门/dept.budget': '部门 甲局 {\n  单位文件 ../units/*.budget\n}\n' };
    for (let i = 0; i < MAX_READ + 20; i++) many[`units/u${String(i).padStart(3, '0')}.budget`] = `单位 u${i} {\n}\n`;
    writeTree(join(dir, 'big'), many);
    const file = join(dir, 'big/units/u000.budget');
    assert.deepEqual((await departmentsAbove(file, { home: join(dir, 'elsewhere') })).map((f) => f.file), [join(dir, 'big/部门/dept.budget')]);
  });
});
