import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { FsResolver } from '../../server/src/references/files';
import { budgetFilesUnder, DepartmentIndex } from '../../server/src/references/scan';
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
