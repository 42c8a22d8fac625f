import { strict as assert } from 'node:assert';
import { SEMANTIC_TOKEN_TYPES, semanticTokens } from '../../server/src/core/features/semanticTokens';
import { expectGolden } from '../helpers/golden';
import { analysis, REVIEWER, unit } from './util';

function tokens(text: string): Array<[string, string, number]> {
  return semanticTokens(analysis(text)).map((t) => [text.slice(t.start, t.start + t.length), SEMANTIC_TOKEN_TYPES[t.type], t.modifiers]);
}

describe('features: semantic tokens', () => {
  it('classifies keywords, codes, amounts, names, operators, units, dates, free text and comments', () => {
    const text = unit([
      '  # 注释',
      '  支出 {',
      '    合计 10.00 基本 10.00',
      '    208 05 09 社会 保障 来源 上年结转 一般公共预算 人员 10.00',
      '  }',
      '  项目 某项目 {',
      '    内容 说明文字',
      '    功能科目 2080509',
      '    指标 {',
      '      一级 产出指标',
      '      完成率 >= 95 % 2025-12',
      '      质量 良好',
      '    }',
      '  }',
    ].join('\n'));
    const t = tokens(text);
    const of = (s: string): string | undefined => t.find((x) => x[0] === s)?.[1];
    assert.equal(of('单位'), 'keyword');
    assert.deepEqual(t.find((x) => x[0] === '测试单位'), ['测试单位', 'namespace', 1]);
    assert.equal(of('# 注释'), 'comment');
    assert.equal(of('合计'), 'keyword');
    assert.equal(of('10.00'), 'number');
    assert.deepEqual(t.filter((x) => ['208', '05', '09'].includes(x[0])).map((x) => x[1]), ['enumMember', 'enumMember', 'enumMember']);
    assert.equal(of('社会'), 'variable');
    assert.equal(of('保障'), 'variable');
    assert.equal(of('来源'), 'keyword');
    assert.equal(of('上年结转'), 'keyword');
    assert.equal(of('一般公共预算'), 'enumMember');
    assert.equal(of('人员'), 'keyword');
    assert.deepEqual(t.find((x) => x[0] === '某项目'), ['某项目', 'function', 1]);
    assert.equal(of('说明文字'), 'string');
    assert.equal(of('2080509'), 'enumMember');
    assert.equal(of('产出指标'), 'property');
    assert.equal(of('完成率'), 'variable');
    assert.equal(of('>='), 'operator');
    assert.equal(of('95'), 'number');
    assert.equal(of('%'), 'type');
    assert.equal(of('2025-12'), 'macro');
    assert.equal(of('良好'), 'string');
  });

  it('the project attributes of the performance form: words, free text, dates with their separator, amounts and part labels', () => {
    const t = tokens(unit([
      '  项目 某项目 {',
      '    项目性质 阶段性项目',
      '    实施期限 2024年 至 2026-12-31',
      '    资金总额 12.00 其中：财政资金 10.00 其他资金 2.00',
      '    中长期目标 多年目标',
      '    年度目标 本年目标',
      '  }',
    ].join('\n')));
    const of = (s: string): string | undefined => t.find((x) => x[0] === s)?.[1];
    for (const w of ['项目性质', '实施期限', '资金总额', '中长期目标', '年度目标', '至', '其中：财政资金', '其他资金']) assert.equal(of(w), 'keyword', w);
    assert.equal(of('阶段性项目'), 'string');
    assert.equal(of('多年目标'), 'string');
    assert.equal(of('本年目标'), 'string');
    assert.equal(of('2024'), 'macro');
    assert.equal(of('年'), 'macro');
    assert.equal(of('2026-12-31'), 'macro');
    assert.equal(of('12.00'), 'number');
    assert.equal(of('2.00'), 'number');
  });

  it('a name equal to a keyword is a name where a name stands', () => {
    const t = tokens(unit('  项目 支出 {\n    金额 5\n  }'));
    assert.deepEqual(t.find((x) => x[0] === '支出'), ['支出', 'function', 1]);
  });

  it('a range gives the tokens of the statements it touches, the same as in the full list', () => {
    const a = analysis(REVIEWER);
    const start = REVIEWER.indexOf('  三公 {');
    const end = REVIEWER.indexOf('公务接待费 1.00', start);
    const full = semanticTokens(a);
    const part = semanticTokens(a, { start, end });
    assert.ok(part.length > 5 && part.length < full.length / 10);
    const key = (t: { start: number; length: number; type: number }): string => `${t.start}:${t.length}:${t.type}`;
    const all = new Set(full.map(key));
    assert.ok(part.every((t) => all.has(key(t))));
    assert.ok(full.filter((t) => t.start >= start && t.start + t.length <= end).every((t) => part.some((p) => key(p) === key(t))), 'everything inside the range is there');
  });

  it('tokens are sorted, disjoint and within single lines (the reference sample)', () => {
    const ts = semanticTokens(analysis(REVIEWER));
    assert.ok(ts.length > 1000);
    for (let i = 0; i < ts.length; i++) {
      const s = REVIEWER.slice(ts[i].start, ts[i].start + ts[i].length);
      assert.ok(!/[\r\n]/.test(s));
      if (i) assert.ok(ts[i].start >= ts[i - 1].start + ts[i - 1].length);
    }
    expectGolden('features', 'semantic-tokens-head', tokens(REVIEWER).slice(0, 120));
  });
});
