/** Plain-text renderings for clients without markdown or snippet support (server/src/core/features/plaintext.ts). */
import { strict as assert } from 'node:assert';
import { hover } from '../../server/src/core/features/hover';
import { markdownToPlainText, snippetToPlainText } from '../../server/src/core/features/plaintext';
import { displayWidth } from '../../server/src/core/width';
import { analysis, REVIEWER } from './util';

describe('features: plain text for simple clients', () => {
  it('markdown: bold, code spans and escapes removed; tables aligned by display width, numbers to the right', () => {
    const md = ['**208 社会保障**', '', '| 编码 | 名称 | 合计 |', '|---|---|--:|', '| 20801 | 人力资源 | 2,480.62 |', '| 20899 | 其他支出 | 7.5 |', '', '`a\\|b` 与 \\*星号\\*'].join('\n');
    const out = markdownToPlainText(md).split('\n');
    assert.equal(out[0], '208 社会保障');
    assert.equal(out.length, 7, 'the separator row is dropped');
    const [head, r1, r2] = out.slice(2, 5);
    // Every row ends at the same display column (right-aligned numbers), columns start at the same column.
    assert.equal(displayWidth(r1), displayWidth(head));
    assert.equal(displayWidth(r2), displayWidth(r1));
    assert.ok(r2.endsWith('     7.5'), r2);
    assert.equal(displayWidth(r1.slice(0, r1.indexOf('人力资源'))), displayWidth(head.slice(0, head.indexOf('名称'))));
    assert.equal(out[6], 'a|b 与 *星号*');
  });

  it('every hover of the reference sample reads without markdown syntax', () => {
    const a = analysis(REVIEWER);
    let n = 0;
    for (let o = 0; o < REVIEWER.length; o += 97) {
      const h = hover(a, o, 'zh-CN');
      if (!h) continue;
      n++;
      const plain = markdownToPlainText(h.contents);
      assert.ok(!/\*\*|^\|.*\|$|\|:?-{3}/m.test(plain), plain);
    }
    assert.ok(n > 50);
  });

  it('snippets: placeholders filled with their defaults, choices by their first option, tab stops removed', () => {
    assert.equal(snippetToPlainText('收入 {\n\t$0\n}'), '收入 {\n\t\n}');
    assert.equal(snippetToPlainText('项目 ${1:项目名称} {\n\t金额 ${2:0.00}\n\t${3:指标} ${4|>=,=,<=|} ${5:1}\n}'), '项目 项目名称 {\n\t金额 0.00\n\t指标 >= 1\n}');
    assert.equal(snippetToPlainText('a \\$1 ${1:x\\}y} $2'), 'a $1 x}y ');
  });
});
