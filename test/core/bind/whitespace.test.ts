/**
 * One definition of blank (issue: `--fix` could change figures). An unusual space (U+00A0 …) is reported as read
 * as a space (BUD012); every reader of whitespace — the repair of a missing `}` by indentation, spaced-out
 * keywords (BUD014), accounting negatives (BUD015), page numbers (BUD013), names — must then read it as one, so
 * that replacing it with a space (the fix) changes nothing else.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { fixAllText } from '../../../server/src/core/features/codeActions';
import { buildTables } from '../../../server/src/core/tables';
import { tablesWithoutSpans } from '../../helpers/pasted';

const NBSP = '\u00a0';

/** The tables of a text and of the text after fix all, amount for amount (spans left out: the fix moves text). */
function beforeAndAfterFix(text: string): { before: unknown; after: unknown; fixed: string } {
  const fixed = fixAllText(text).text;
  return { before: tablesWithoutSpans(buildTables(analyze(text))), after: tablesWithoutSpans(buildTables(analyze(fixed))), fixed };
}

describe('whitespace: an unusual space is read as the space it looks like, by every reader', () => {
  it('the repair of a missing “}” counts an unusual space in the indentation as a blank (表6 合计 stays 3.00)', () => {
    const text = ['单位 甲 {', '  年度 2025', '  经济分类 {', '    301 工资福利支出 1.00', `${NBSP.repeat(4)}302 商品和服务支出 2.00`, '    合计 3.00', '  政府采购 无', '}', ''].join('\n');
    const a = analyze(text);
    assert.deepEqual(a.model.units[0].econ?.rows.map((r) => r.code), ['301', '302']);
    assert.equal(a.model.units[0].econ?.total?.cells.total?.text, '3.00');
    const r = beforeAndAfterFix(text);
    assert.ok(r.fixed.includes('    302 商品和服务支出'), r.fixed);
    assert.deepEqual(r.after, r.before);
  });

  it('a keyword spaced out with an unusual space is read as the keyword, as after the fix (合 计)', () => {
    const text = ['单位 甲 {', '  年度 2025', '  支出 {', `    合${NBSP}计 1.00`, '    208 社会保障和就业支出 1.00', '  }', '}', ''].join('\n');
    const a = analyze(text);
    assert.equal(a.model.units[0].func?.total?.cells.total?.text, '1.00');
    assert.ok(a.diagnostics.some((d) => d.code === 'BUD014'));
    assert.ok(!a.diagnostics.some((d) => d.severity === 'error'), a.diagnostics.map((d) => d.code).join(' '));
    const r = beforeAndAfterFix(text);
    assert.deepEqual(r.after, r.before);
  });

  it('an accounting negative set apart by an unusual space is read as a negative, as after the fix', () => {
    const text = ['单位 甲 {', '  年度 2025', '  支出 {', `    208 社会保障和就业支出 人员 2.00 公用${NBSP}(1.00)`, '  }', '}', ''].join('\n');
    const a = analyze(text);
    assert.equal(a.model.units[0].func?.rows[0].cells.public?.value, -10_000n * 10_000n);
    const r = beforeAndAfterFix(text);
    assert.deepEqual(r.after, r.before);
  });

  it('a free-text line starting with an unusual space keeps its page reference, as after the fix', () => {
    const text = ['单位 甲 {', '  年度 2025', '  项目 乙 {', '    金额 1.00', `${NBSP}   内容 详见 第 3 页`, '  }', '}', ''].join('\n');
    const a = analyze(text);
    assert.equal(a.model.units[0].projects[0].content?.text, '详见 第 3 页');
    assert.ok(!a.diagnostics.some((d) => d.code === 'BUD013'));
  });

  it('a name holding an unusual space reads it as a space (the table shows what the fix will write)', () => {
    const text = ['单位 甲 {', '  年度 2025', '  支出 {', `    208 社会保障${NBSP}和就业支出 1.00`, '  }', '}', ''].join('\n');
    assert.equal(analyze(text).model.units[0].func?.rows[0].name?.text, '社会保障 和就业支出');
    const r = beforeAndAfterFix(text);
    assert.deepEqual(r.after, r.before);
  });
});
