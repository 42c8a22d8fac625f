import { strict as assert } from 'node:assert';
import { hover } from '../../server/src/core/features/hover';
import { expectGoldenText } from '../helpers/golden';
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
    expectGoldenText('features', 'hover-208-zh', s, 'md');
  });

  it('the same roll-up in English', () => {
    const s = hoverAt(REVIEWER, '20805 行政事业单位养老支出', 1, 'en');
    assert.match(s, /function classification, section/);
    assert.match(s, /55\.13% of its parent 208/);
    assert.match(s, /Total 89,632\.29 万元 \(896,322,900\.00 元\)/);
    assert.doesNotMatch(s, /[：（]/, 'no Chinese punctuation in the English text');
    expectGoldenText('features', 'hover-20805-en', s, 'md');
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
    expectGoldenText('features', 'hover-project', s, 'md');
  });

  it('a money indicator naming the project is checked against the project amount', () => {
    const s = hoverAt(REVIEWER, '财政对机关事业单位养老保险的补助 <= 739640000', 2);
    assert.match(s, /739,640,000\.00 元 = 73,964\.00 万元/);
    assert.match(s, /项目金额 89,262\.00 万元（892,620,000\.00 元） <= 739,640,000\.00 元 不成立 ✗/);
    expectGoldenText('features', 'hover-indicator-money', s, 'md');
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

  describe('a block’s own 金额单位 (figures in the unit the block is written in, as inlay hints show them)', () => {
    // A 元 document whose 支出 and 三公 blocks are published in 万元; 收入 stays in the document's 元.
    const OWN = unit([
      '  收入 {', '    一般公共预算 14400.00', '  }',
      '  支出 {', '    金额单位 万元', '    208 社会保障和就业支出 1.50', '    20801 人力资源和社会保障管理事务 基本 0.94', '    20805 行政事业单位养老支出 0.50', '  }',
      '  三公 {', '    金额单位 万元', '    合计 1.50', '    公务用车运行费 0.94', '    公务接待费 0.50', '  }',
    ].join('\n'), '年度 2025\n  金额单位 元');

    it('a row: computed roll-up, difference, children, kinds and sources in the block’s 万元, with 元 alongside', () => {
      const s = hoverAt(OWN, '208 社会保障和就业支出');
      assert.match(s, /\| 合计 \| 1\.44 \| 1\.50 \| ✗ \+0\.06 \|/);
      assert.match(s, /\| 基本支出 \| 0\.94 \|  \|  \|/);
      assert.match(s, /合计 1\.44 万元（14,400\.00 元） · 占全部 100\.00%/);
      assert.match(s, /\| 20801 \| 人力资源和社会保障管理事务 \| 0\.94 \| 0\.94 \|  \| 65\.28% \|/);
      assert.match(s, /\| 20805 \| 行政事业单位养老支出 \| 0\.50 \|/);
      assert.match(s, /按支出类型\*\*：基本支出 0\.94/);
      assert.match(s, /按资金来源\*\*：一般公共预算 1\.44/);
      assert.match(s, /金额单位：万元（本块自定；本单位为 元）/);
      assert.doesNotMatch(s, /14,400\.00 \||9,400\.00|\+600/, 'nothing in the document’s 元 as if it were 万元');
      const cell = hoverAt(OWN, '1.50\n    20801', 2);
      assert.match(cell, /合计 声明 1\.50，计算值 1\.44，相差 \+0\.06 ✗/);
    });

    it('the same in English', () => {
      const s = hoverAt(OWN, '20805 行政事业单位养老支出', 1, 'en');
      assert.match(s, /Total 0\.50 万元 \(5,000\.00 元\) · 34\.72% of its parent 208/);
      assert.match(s, /Amounts in 万元 \(this block's own unit; the unit's is 元\)/);
    });

    it('三公: declared vs computed, parts and a leaf in the block’s 万元; 收入 stays in the document’s 元', () => {
      const s = hoverAt(OWN, '合计 1.50', 1);
      assert.match(s, /声明 1\.50，计算值 1\.44 万元（14,400\.00 元），相差 \+0\.06 ✗/);
      assert.match(s, /- 公务用车购置及运行费：0\.94/);
      assert.match(s, /- 公务接待费：0\.50/);
      assert.match(s, /金额单位：万元（本块自定；本单位为 元）/);
      assert.match(hoverAt(OWN, '公务接待费 0.50', 2), /金额 0\.50 万元（5,000\.00 元）/);
      const inc = hoverAt(OWN, '一般公共预算 14400.00', 2);
      assert.match(inc, /金额 14,400\.00 元/);
      assert.doesNotMatch(inc, /万元|本块自定/);
    });

    it('a 元 block in a 万元 document', () => {
      const text = unit('  支出 {\n    金额单位 元\n    208 社会保障和就业支出 15000\n    20801 人力资源和社会保障管理事务 基本 9400\n    20805 行政事业单位养老支出 5000\n  }');
      const s = hoverAt(text, '208 社会保障和就业支出');
      assert.match(s, /\| 合计 \| 14,400\.00 \| 15000 \| ✗ \+600\.00 \|/);
      assert.match(s, /合计 14,400\.00 元 · /);
      assert.match(s, /\| 20801 \| 人力资源和社会保障管理事务 \| 9,400\.00 \| 9,400\.00 \|/);
      assert.match(s, /金额单位：元（本块自定；本单位为 万元）/);
      assert.match(hoverAt(text, '15000', 2), /合计 声明 15000，计算值 14,400\.00，相差 \+600\.00 ✗/);
    });

    it('a project and an 整体绩效 block with their own 万元 in a 元 document', () => {
      const text = unit([
        '  支出 {', '    20805 行政事业单位养老支出 项目 12000.00', '  }',
        '  项目 养老补助 {', '    金额单位 万元', '    功能科目 2080505', '    金额 1.20',
        '    经济分类 {', '      30201 办公费 1.00', '      30202 印刷费 0.30', '    }',
        '    指标 {', '      一级 产出指标', '      二级 数量指标', '      养老补助 <= 20000 元 2025-12', '    }', '  }',
        '  整体绩效 {', '    金额单位 万元', '    任务 日常运转 0.94', '  }',
      ].join('\n'), '年度 2025\n  金额单位 元');
      const p = hoverAt(text, '项目 养老补助', 4);
      assert.match(p, /金额 1\.20 万元（12,000\.00 元）/);
      assert.match(p, /\| 30202 \| 印刷费 \| 0\.30 \| 25\.00% \|/);
      assert.match(p, /经济分类合计 1\.30，与项目金额相差 \+0\.10 ✗/);
      assert.match(p, /金额单位：万元（本块自定；本单位为 元）/);
      const ind = hoverAt(text, '养老补助 <=', 1);
      assert.match(ind, /金额指标（20,000\.00 元 = 2\.00 万元）/);
      assert.match(ind, /项目金额 1\.20 万元（12,000\.00 元） <= 20,000\.00 元 成立 ✓/);
      // The project's share in its 万元; the function code's roll-up in the 支出 block's (the document's) 元.
      const ref = hoverAt(text, '功能科目 2080505', 6);
      assert.match(ref, /项目“养老补助”在此科目的金额：1\.20 万元（12,000\.00 元）/);
      assert.match(ref, /\| 合计 \| 12,000\.00 \|  \|  \|/);
      assert.match(ref, /- 养老补助：12,000\.00/);
      assert.match(ref, /金额单位：元$/);
      assert.match(hoverAt(text, '30202 印刷费', 1), /项目“养老补助”：0\.30 万元（3,000\.00 元）（25\.00%）/);
      const task = hoverAt(text, '任务 日常运转', 3);
      assert.match(task, /金额 0\.94 万元（9,400\.00 元）/);
      assert.match(task, /任务合计 0\.94/);
    });
  });

  it('a project with the attributes of the performance form: nature, category, period against the fiscal year, 资金总额, the goals', () => {
    const text = unit([
      '  项目 拆违经费 {',
      '    金额 349.80',
      '    项目性质 阶段性项目',
      '    项目类别 特定目标类',
      '    实施期限 2024-01-01 至 2026-12-31',
      '    资金总额 1,030.80 财政资金 1,030.80 其他资金 0',
      '    上年结转资金 0',
      '    中长期目标 三年目标',
      '    总体目标 年度目标',
      '  }',
    ].join('\n'), '年度 2026\n  金额单位 万元');
    const s = hoverAt(text, '拆违经费', 1);
    assert.match(s, /项目性质 阶段性项目；项目类别 特定目标类/);
    assert.match(s, /实施期限 2024-01-01 至 2026-12-31（含预算年度 2026 ✓）/);
    assert.match(s, /资金总额 1,030\.80 万元（10,308,000\.00 元），其中财政资金 1,030\.80，其他资金 0\.00 ✓ · 本年金额占 33\.93%/);
    assert.match(s, /上年结转资金 0\.00 万元/);
    assert.match(s, /中长期目标：三年目标/);
    assert.match(s, /年度目标：年度目标/);
    const en = hoverAt(text, '拆违经费', 1, 'en');
    assert.match(en, /Nature: 阶段性项目; Category: 特定目标类/);
    assert.match(en, /Period 2024-01-01 to 2026-12-31 \(includes the fiscal year 2026 ✓\)/);
    assert.match(en, /Total funding 1,030\.80 万元 \(10,308,000\.00 元\), of which fiscal funds 1,030\.80, other funds 0\.00 ✓/);
    assert.match(en, /Medium\/long-term goal: 三年目标/);
    // On the values: the project, with the range of the value hovered.
    for (const [needle, value] of [['1,030.80 财政', '1,030.80'], ['2026-12-31', '2024-01-01 至 2026-12-31'], ['阶段性项目', '阶段性项目']]) {
      const { a, offset } = at(mark(text, needle, 1));
      const h = hover(a, offset, 'zh-CN')!;
      assert.match(h.contents, /\*\*项目 拆违经费\*\*/);
      assert.equal(a.text.slice(h.span.start, h.span.end), value);
    }
    // A period without the fiscal year and parts that do not add up are marked.
    const off = hoverAt(text.replace('年度 2026', '年度 2027').replace('其他资金 0', '其他资金 1'), '拆违经费', 1);
    assert.match(off, /（不含预算年度 2027 ✗）/);
    assert.match(off, /（相差 -1\.00 ✗）/);
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
