import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { cursor, selection } from '../helpers/cursor';
import { expectGolden, goldenPath } from '../helpers/golden';

describe('test helpers', () => {
  it('cursor: ¦ or | marks the offset', () => {
    assert.deepEqual(cursor('208 社会|保障'), { text: '208 社会保障', offset: 6 });
    assert.deepEqual(cursor('a|b¦c'), { text: 'a|bc', offset: 3 }, '¦ wins when both appear');
    assert.throws(() => cursor('no marker'), /no cursor marker/);
    assert.throws(() => cursor('a¦b¦c'), /more than one/);
    assert.deepEqual(selection('a¦bc¦d'), { text: 'abcd', start: 1, end: 3 });
  });

  it('golden: a missing file fails unless UPDATE_GOLDEN is set', () => {
    const saved = process.env.UPDATE_GOLDEN;
    delete process.env.UPDATE_GOLDEN;
    try {
      assert.ok(!existsSync(goldenPath('features', '__no_such_golden__')));
      assert.throws(() => expectGolden('features', '__no_such_golden__', { a: 1 }), /missing golden file/);
    } finally {
      if (saved !== undefined) process.env.UPDATE_GOLDEN = saved;
    }
  });
});
