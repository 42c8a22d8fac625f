/** Small pieces of the command line, in-process. */
import { strict as assert } from 'node:assert';
import { MAX_FILE_BYTES } from '../../server/src/cli/io';
import { esc } from '../../server/src/cli/report-html';
import { cellText, wanyuan } from '../../server/src/cli/report-xlsx';
import { readerFor, READERS } from '../../server/src/cli/readers';
import { MAX_ANALYZED_LENGTH } from '../../server/src/core/analyze';

describe('CLI modules', () => {
  it('reads at most 4 bytes per character of the analysis limit (the limit is the core’s)', () => {
    assert.equal(MAX_FILE_BYTES, MAX_ANALYZED_LENGTH * 4);
  });

  it('readers: .budget (any case) and unknown extensions are budget text; folders search the discoverable ones', () => {
    assert.equal(readerFor('a/b.BUDGET').id, 'budget-text/1');
    assert.equal(readerFor('notes.txt').id, 'budget-text/1');
    assert.ok(READERS.every((r) => r.extensions.every((e) => e === e.toLowerCase() && e.startsWith('.'))));
  });

  it('report text: HTML escapes every markup character; XLSX cells drop what XML 1.0 forbids and keep pairs', () => {
    assert.equal(esc(`<a href="x" onclick='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    assert.equal(cellText('a\u0000b\u0008c\u000bd\ufffee\uffff\ud800f\udc00g\t\n\r'), 'abcdefg\t\n\r');
    assert.equal(cellText('𠀀😀'), '𠀀😀');
    assert.equal(cellText('x'.repeat(40000)).length, 32767);
  });

  it('XLSX amounts in 万元 come from exact ticks (0.0001 元), also for 元 budgets and negatives', () => {
    assert.equal(wanyuan({ text: '162,953.23', ticks: '16295323000000' }), 162953.23);
    assert.equal(wanyuan({ text: '100.00', ticks: '1000000' }), 0.01);
    assert.equal(wanyuan({ text: '-0.05', ticks: '-500' }), -0.000005);
    assert.equal(wanyuan(undefined), null);
  });
});
