/** A hover on a project's economic line whose code has no name (written or in the catalog) shows no raw markdown. */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analyze';
import { hover } from '../../server/src/core/features/hover';

const TEXT = `单位 某县农业农村局 {
  年度 2026
  金额单位 万元
  表式 辽宁
  支出 {
    213 农林水支出
    21301 农业农村
    2130101 行政运行 人员 1.00
  }
  经济分类 {
    301 工资福利支出
    30101 基本工资 人员 1.00
    310 资本性支出
  }
  项目 道路修缮 {
    功能科目 2130101
    金额 5.00
    经济分类 {
      31077 村道修缮工程 5.00
    }
  }
}
`;

describe('hover: a code without a name', () => {
  it('a hover on a project line whose code has no name anywhere shows the code in bold, no stray asterisks', () => {
    const text = TEXT.replace('31077 村道修缮工程 5.00', '31077 5.00');
    const a = analyze(text);
    const h = hover(a, text.indexOf('31077') + 2, 'zh-CN')!;
    assert.ok(h.contents.startsWith('**经济分类 31077**'), h.contents);
    assert.ok(!/\*\*[^*\n]* \*\*/.test(h.contents), h.contents);
  });
});
