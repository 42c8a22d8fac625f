import { strict as assert } from 'node:assert';
import { hover } from '../../server/src/core/features/hover';
import { expectGolden } from '../helpers/golden';
import { analysis, at, AUTHORING, mark, REVIEWER, unit } from './util';

function hoverAt(text: string, needle: string, delta = 1, locale: 'zh-CN' | 'en' = 'zh-CN', nth = 0): string {
  const { a, offset } = at(mark(text, needle, delta, nth));
  const h = hover(a, offset, locale);
  assert.ok(h, `no hover at ${needle}`);
  assert.ok(h.span.start <= offset && offset <= h.span.end, 'the hover range covers the cursor');
  return h.contents;
}

describe('features: hover', () => {
  it('a class code shows its roll-up, declared vs computed, children, kinds, sources, shares and 元', () => {
    const s = hoverAt(REVIEWER, '208 社会保障和就业支出');
    assert.match(s, /208 社会保障和就业支出/);
    assert.match(s, /\| 合计 \| 162,573\.63 \| 162,573\.63 \| ✓ \|/);
    assert.match(s, /1,625,736,300\.00 元/, 'the total in 元, exactly');
    assert.match(s, /20805 \| 行政事业单位养老支出 \| 89,632\.29/);
    assert.match(s, /按支出类型.*基本支出 2,557\.77.*项目支出 160,015\.86/);
    assert.match(s, /按资金来源.*一般公共预算 162,573\.63/);
    assert.match(s, /占全部 99\.77%/);
    expectGolden('features', 'hover-208-zh', s);
  });

  it('the same roll-up in English', () => {
    const s = hoverAt(REVIEWER, '20805 行政事业单位养老支出', 1, 'en');
    assert.match(s, /function classification, section/);
    assert.match(s, /55\.13% of its parent 208/);
    assert.match(s, /Total 89,632\.29 万元 \(896,322,900\.00 元\)/);
    assert.doesNotMatch(s, /[：（]/, 'no Chinese punctuation in the English text');
    expectGolden('features', 'hover-20805-en', s);
  });

  it('computes totals the file leaves out (authoring style)', () => {
    const s = hoverAt(AUTHORING, '208 社会保障和就业支出');
    assert.match(s, /\| 合计 \| 162,573\.63 \|  \|  \|/, 'computed only, nothing declared');
    assert.match(s, /\*\*项目\*\*|20801/);
  });

  it('a declared total that disagrees shows the difference', () => {
    const text = REVIEWER.replace('208 社会保障和就业支出 162,573.63', '208 社会保障和就业支出 162,573.66');
    const s = hoverAt(text, '162,573.66', 2);
    assert.match(s, /合计 声明 162,573\.66，计算值 162,573\.63，相差 \+0\.03 ✗/);
    assert.match(s, /\| 合计 \| 162,573\.63 \| 162,573\.66 \| ✗ \+0\.03 \|/);
  });

  it('the 合计 row is the whole classification', () => {
    const s = hoverAt(REVIEWER, '合计 162,953.23 基本 2,937.37');
    assert.match(s, /支出功能分类合计/);
    assert.match(s, /\| 项目支出 \| 160,015\.86 \| 160,015\.86 \| ✓ \|/);
  });

  it('a project: amount, sources, function code, economic split, indicator summary', () => {
    const s = hoverAt(REVIEWER, '项目 信息化运行日常维护经费（保运转）', 4);
    assert.match(s, /金额 92\.09 万元（920,900\.00 元）/);
    assert.match(s, /功能科目：2080109 社会保险经办机构/);
    assert.match(s, /\| 30201 \| 办公费 \| 63\.09 \| 68\.51% \|/);
    assert.match(s, /经济分类合计 92\.09 = 项目金额 ✓/);
    assert.match(s, /绩效指标\*\* 11 项（产出指标 6，效益指标 3，满意度指标 2）/);
    expectGolden('features', 'hover-project', s);
  });

  it('a money indicator naming the project is checked against the project amount', () => {
    const s = hoverAt(REVIEWER, '财政对机关事业单位养老保险的补助 <= 739640000', 2);
    assert.match(s, /739,640,000\.00 元 = 73,964\.00 万元/);
    assert.match(s, /项目金额 89,262\.00 万元（892,620,000\.00 元） <= 739,640,000\.00 元 不成立 ✗/);
    expectGolden('features', 'hover-indicator-money', s);
  });

  it('a money indicator naming a part is not compared with the project', () => {
    const s = hoverAt(REVIEWER, '全年机房电费', 2);
    assert.match(s, /名称未指向项目本身/);
  });

  it('a percentage indicator shows its range check, in English too', () => {
    assert.match(hoverAt(REVIEWER, '系统维修情况验收率', 2), /0–100%/);
    assert.match(hoverAt(REVIEWER, '结转结余变动率', 2, 'en'), /rate of change/);
  });

  it('income lines: value and parts', () => {
    const s = hoverAt(REVIEWER, '本年收入合计 162,953.23', 2);
    assert.match(s, /声明 162,953\.23 = 计算值 162,953\.23/);
    assert.match(s, /- 财政拨款：162,953\.23（100\.00%）/);
    assert.match(s, /- 单位资金：—/);
    const leaf = hoverAt(REVIEWER, '一般公共预算 162,953.23', 2);
    assert.match(leaf, /金额 162,953\.23 万元/);
  });

  it('三公 lines: value, parts and the economic line they are paid from', () => {
    const s = hoverAt(REVIEWER, '合计 8.25', 1);
    assert.match(s, /声明 8\.25 = 计算值 8\.25/);
    assert.match(s, /公务用车购置及运行费：7\.25/);
    const r = hoverAt(REVIEWER, '公务接待费 1.00', 2, 'zh-CN', 1);
    assert.match(r, /不超过经济分类 30217 公务接待费 的 1\.00 ✓/);
  });

  it('a project function code shows the project share and the code roll-up', () => {
    const s = hoverAt(REVIEWER, '功能科目 2082601', 6);
    assert.match(s, /项目“财政对企业职工养老保险的补助”在此科目的金额：70,000\.00 万元/);
    assert.match(s, /2082601 财政对企业职工基本养老保险基金的补助（支出功能分类 · 项）/);
  });

  it('a government code mapped from department codes lists them', () => {
    const s = hoverAt(REVIEWER, '50901 社会福利和救助');
    assert.match(s, /由部门经济分类对照而来/);
    assert.match(s, /30304 抚恤金：0\.42/);
  });

  it('the unit name summarises the unit', () => {
    const s = hoverAt(REVIEWER, '单位 抚顺市社会保险事业服务中心', 4);
    assert.match(s, /收入总计 162,953\.23 万元/);
    assert.match(s, /项目 11 个/);
  });

  it('answers nothing on blank lines, comments and outside units', () => {
    const { a } = at(mark(REVIEWER, '# 2025年'));
    assert.equal(hover(a, 2, 'zh-CN'), undefined);
    assert.equal(hover(analysis(''), 0, 'zh-CN'), undefined);
    assert.equal(hover(analysis(unit('')), 9999, 'zh-CN'), undefined);
  });

  it('never throws at any offset of a malformed document', () => {
    const text = unit('  支出 {\n    208 x 5 基本\n    20801 来源 上年结转\n    合计 {\n  项目 p { 金额 x\n  指标 {\n 一级');
    const a = analysis(text);
    for (let o = 0; o <= text.length; o++) hover(a, o, 'zh-CN');
  });
});
