import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cursor, selection } from '../helpers/cursor';
import { expectGolden, expectGoldenFile, goldenPath } from '../helpers/golden';

describe('test helpers', () => {
  it('cursor: ¦ or | marks the offset', () => {
    assert.deepEqual(cursor('208 社会|保障'), { text: '208 社会保障', offset: 6 });
    assert.deepEqual(cursor('a|b¦c'), { text: 'a|bc', offset: 3 }, '¦ wins when both appear');
    assert.throws(() => cursor('no marker'), /no cursor marker/);
    assert.throws(() => cursor('a¦b¦c'), /more than one/);
    assert.deepEqual(selection('a¦bc¦d'), { text: 'abcd', start: 1, end: 3 });
  });

  it('golden: UPDATE_GOLDEN=1 rewrites; anything else (unset, 0, true) compares, a missing file or a mismatch fails', () => {
    const saved = process.env.UPDATE_GOLDEN;
    const dir = mkdtempSync(join(tmpdir(), 'budget-golden-'));
    const file = join(dir, 'g.json');
    try {
      for (const value of [undefined, '0', 'true', 'yes', '']) {
        if (value === undefined) delete process.env.UPDATE_GOLDEN;
        else process.env.UPDATE_GOLDEN = value;
        assert.ok(!existsSync(goldenPath('features', '__no_such_golden__')));
        assert.throws(() => expectGolden('features', '__no_such_golden__', { a: 1 }), /missing golden file/, `UPDATE_GOLDEN=${value}`);
        assert.ok(!existsSync(goldenPath('features', '__no_such_golden__')), `UPDATE_GOLDEN=${value} wrote nothing`);
        writeFileSync(file, 'old\n');
        assert.throws(() => expectGoldenFile(file, 'new\n'), /golden mismatch/, `UPDATE_GOLDEN=${value}`);
        assert.equal(readFileSync(file, 'utf8'), 'old\n', `UPDATE_GOLDEN=${value} left the golden alone`);
      }
      process.env.UPDATE_GOLDEN = '1';
      expectGoldenFile(file, 'new\n');
      assert.equal(readFileSync(file, 'utf8'), 'new\n');
    } finally {
      if (saved === undefined) delete process.env.UPDATE_GOLDEN;
      else process.env.UPDATE_GOLDEN = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
