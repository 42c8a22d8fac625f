import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analyze';
import { complete } from '../../server/src/core/features/completion';
import type { CompletionItem } from '../../server/src/core/features/types';
import { expectGolden } from '../helpers/golden';
import { at, REVIEWER, unit } from './util';

function completeAt(input: string, locale: 'zh-CN' | 'en' = 'zh-CN', trigger?: 'invoke' | 'space'): { items: CompletionItem[]; isIncomplete: boolean; offset: number; text: string } {
  const { a, offset } = at(input);
  const r = complete(a, offset, locale, { trigger });
  for (const i of r.items) assert.ok(i.range.start <= offset && i.range.end === offset, `the replaced range ends at the cursor (${i.label})`);
  return { ...r, offset, text: a.text };
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);
/** Inserts a line with the cursor into the reviewer sample after `anchor`'s line. */
function inSample(anchor: string, line: string): string {
  const i = REVIEWER.indexOf(anchor);
  const eol = REVIEWER.indexOf('\n', i);
  return REVIEWER.slice(0, eol + 1) + line + '\n' + REVIEWER.slice(eol + 1);
}

describe('features: completion', () => {
  it('top level: unit snippet and statement words; an empty file also the whole budget skeleton', () => {
    const r = completeAt('¦');
    assert.deepEqual(labels(r.items).slice(0, 4), ['预算骨架 · budget skeleton', '单位 { … }', '单位', '部门']);
    assert.ok(r.items[1].snippet && r.items[1].insertText!.includes('${1:单位名称}'));
    assert.ok(labels(r.items).includes('舍入'));
    // The skeleton: its unit name the first tab stop, mirrored wherever it is written; every block a budget has.
    const sk = r.items[0];
    assert.ok(sk.snippet);
    const body = sk.insertText!;
    assert.match(body, /^# 2026年\$\{1:单位名称\}|^# \d{4}年\$\{1:单位名称\}/);
    assert.match(body, /\n单位 \$1 \{\n/);
    for (const w of ['收入 {', '支出 {', '经济分类 {', '三公 {', '机关运行经费', '项目 ', '指标 {', '一级 ', '二级 ', '整体绩效 {', '债务支出 无']) assert.ok(body.includes(w), w);
    // Expanded with its defaults (tab stops → their text), the skeleton checks with no error.
    const text = body.replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$1(?!\d)/g, '某县农业农村局').replace(/\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
    assert.ok(!text.includes('${'), text.slice(0, 200));
    assert.deepEqual(analyze(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${text.slice(d.start, d.end)}`), []);
    // A file with a unit: no skeleton.
    assert.ok(!labels(completeAt(`${unit('')}\n¦`).items).includes('预算骨架 · budget skeleton'));
  });

  it('in a unit: attributes, section blocks, the project snippet, empty tables', () => {
    const r = completeAt(unit('  ¦'));
    const l = labels(r.items);
    for (const w of ['编码', '年度', '金额单位', '收入', '支出', '经济分类', '政府经济分类', '三公 { … }', '项目 { … }', '整体绩效', '政府采购 无']) assert.ok(l.includes(w), w);
    assert.equal(r.items.find((i) => i.label === '支出')!.insertText, '支出 {\n\t$0\n}');
    expectGolden('features', 'completion-unit', r.items.map((i) => [i.label, i.kind, i.detail ?? '']));
  });

  it('attribute values', () => {
    assert.deepEqual(labels(completeAt(unit('  金额单位 ¦')).items), ['万元', '元']);
    assert.ok(labels(completeAt(unit('  性质 ¦')).items).includes('事业单位'));
    assert.deepEqual(labels(completeAt('舍入 ¦').items), ['精确', '容差']);
  });

  it('支出: codes with names from the file and the catalog, matched by code prefix', () => {
    const r = completeAt(inSample('2080150 事业运行', '    2080¦'));
    assert.ok(r.isIncomplete, 'filtered by what was typed');
    const item = r.items.find((i) => i.label === '2080109 社会保险经办机构');
    assert.ok(item, 'a listed code with its name');
    assert.equal(item.kind, 'code');
    assert.equal(item.insertText, '2080109 社会保险经办机构');
    assert.ok(item.filterText!.includes('2080109') && item.filterText!.includes('社会保险经办机构'), 'filterText holds code and name');
    assert.equal(item.range.end - item.range.start, 4, 'replaces the typed prefix');
    const codes = r.items.filter((i) => i.kind === 'code');
    assert.ok(codes.every((i) => i.label.startsWith('2080')));
    // Codes not yet listed come first (a new row), listed ones after.
    const firstListed = codes.findIndex((i) => i.detail!.startsWith('本单位已列出'));
    assert.ok(firstListed > 0 && codes.slice(firstListed).every((i) => i.detail!.startsWith('本单位已列出')));
  });

  it('支出: codes matched by a part of the Chinese name', () => {
    const r = completeAt(inSample('2080150 事业运行', '    养老¦'));
    const codes = r.items.filter((i) => i.kind === 'code');
    assert.ok(codes.length > 0);
    assert.ok(codes.every((i) => i.label.includes('养老')), labels(codes).join(' '));
    assert.ok(labels(codes).includes('2080505 机关事业单位基本养老保险缴费支出'));
  });

  it('after a code: its name, the column labels and 来源; after 来源: funding sources', () => {
    const r = completeAt(inSample('2080150 事业运行', '    2080109 ¦'));
    assert.deepEqual(labels(r.items), ['社会保险经办机构', '合计', '基本', '人员', '公用', '项目', '来源']);
    const used = completeAt(inSample('2080150 事业运行', '    2080109 社会保险经办机构 基本 5 ¦'));
    assert.deepEqual(labels(used.items), ['合计', '人员', '公用', '项目', '来源'], 'labels already used are not offered again');
    const src = completeAt(inSample('2080150 事业运行', '    2080109 社会保险经办机构 来源 ¦'));
    assert.deepEqual(labels(src.items).slice(0, 3), ['上年结转', '一般公共预算', '政府性基金预算']);
    assert.deepEqual(labels(completeAt(inSample('2080150 事业运行', '    2080109 x 基本 ¦')).items), [], 'an amount comes after a label');
  });

  it('经济分类 offers economic codes, a project 经济分类 offers the unit’s listed codes first', () => {
    const econ = completeAt(inSample('30201 办公费 234.34', '    302¦'));
    assert.ok(econ.items.filter((i) => i.kind === 'code').every((i) => i.label.startsWith('302')));
    const proj = completeAt(inSample('    经济分类 {\n      30213 维修(护)费 6.00', '      ¦'));
    const codes = proj.items.filter((i) => i.kind === 'code');
    assert.equal(codes[0].label, '301 工资福利支出');
    assert.ok(codes[0].detail!.startsWith('本单位已列出'));
  });

  it('snippets where they fit: 三公 with every line, a whole 经济分类 row, a project with its levels', () => {
    const u = completeAt(unit('  ¦'));
    const sg = u.items.find((i) => i.label === '三公 { … }')!;
    assert.equal(sg.kind, 'snippet');
    assert.equal(sg.insertText, '三公 {\n\t因公出国（境）费 ${1:0.00}\n\t公务用车购置费 ${2:0.00}\n\t公务用车运行费 ${3:0.00}\n\t公务接待费 ${4:0.00}\n\t机关运行经费 ${5:0.00}\n}$0');
    const proj = u.items.find((i) => i.label === '项目 { … }')!;
    for (const part of ['功能科目', '金额', '经济分类 {', '指标 {', '一级 产出指标', '二级 数量指标', '${9|>=,=,<=,>,<|}']) assert.ok(proj.insertText!.includes(part), part);
    const econ = completeAt(unit('  经济分类 {\n    ¦\n  }'));
    const row = econ.items.find((i) => i.label === '经济分类行')!;
    assert.equal(row.insertText, '${1:30201} ${2:办公费} ${3|公用,人员|} ${4:0.00}');
    assert.ok(econ.items.some((i) => i.kind === 'code' && i.label.startsWith('301')), 'and the codes');
    assert.ok(!completeAt(unit('  支出 {\n    ¦\n  }')).items.some((i) => i.label === '经济分类行'), 'not in 支出');
    const yuan = completeAt(unit('  ¦', '年度 2025\n  金额单位 元'));
    assert.ok(yuan.items.find((i) => i.label === '三公 { … }')!.insertText!.includes('${1:0}'), 'amounts in the document’s unit');
  });

  it('a project: statement words and funding sources; 功能科目 offers function codes', () => {
    const p = completeAt(inSample('    功能科目 2080109\n    金额 92.09', '    ¦'));
    for (const w of ['内容', '功能科目', '金额', '实施单位', '总体目标', '经济分类', '指标', '一般公共预算']) assert.ok(labels(p.items).includes(w), w);
    const f = completeAt(inSample('    功能科目 2080109\n    金额 92.09', '    功能科目 20827¦'));
    assert.deepEqual(labels(f.items.filter((i) => i.kind === 'code')).slice(0, 2), ['20827 财政对其他社会保险基金的补助', '2082701 财政对失业保险基金的补助']);
    assert.equal(f.items[0].insertText, '20827', 'a reference inserts the code only');
  });

  it('income, 三公 and 对照 blocks', () => {
    const inc = completeAt(inSample('  收入 {', '    ¦'));
    assert.ok(labels(inc.items).includes('一般公共预算') && labels(inc.items).includes('上年结转') && labels(inc.items).includes('收入总计'));
    const carried = completeAt(inSample('  收入 {', '    上年结转 ¦'));
    assert.ok(labels(carried.items).includes('一般公共预算') && !labels(carried.items).includes('收入总计'));
    const sg = completeAt(inSample('  三公 {', '    ¦'));
    assert.deepEqual(labels(sg.items), ['合计', '因公出国（境）费', '公务用车购置及运行费', '公务用车购置费', '公务用车运行费', '公务接待费', '机关运行经费', '金额单位'], 'the items, then the block’s own money unit');
    const map = completeAt(unit('  经济分类 {\n    30101 基本工资 人员 1\n  }\n  对照 {\n    301¦\n  }'));
    assert.equal(map.items[0].label, '30101 基本工资', 'the unit’s listed code first');
    assert.ok(map.items.length > 1 && map.items.every((i) => i.label.startsWith('301')));
    const gov = completeAt(unit('  对照 {\n    30101 505¦\n  }'));
    assert.ok(labels(gov.items).some((l) => l.startsWith('50501')));
  });

  it('indicators: levels, operators, units (also glued to the value), deadlines, snippet', () => {
    const base = '      二级 数量指标';
    const start = completeAt(inSample(base, '      ¦'));
    assert.equal(start.items[0].label, '指标行');
    assert.ok(start.items[0].insertText!.includes('2025-12'));
    assert.ok(labels(completeAt(inSample(base, '      一级 ¦')).items).includes('满意度指标'));
    assert.ok(labels(completeAt(inSample(base, '      二级 ¦')).items).includes('社会公众满意度指标'));
    assert.deepEqual(labels(completeAt(inSample(base, '      设备完好率 ¦')).items), ['=', '>=', '<=', '>', '<']);
    const units = completeAt(inSample(base, '      设备完好率 >= 95 ¦'));
    assert.ok(labels(units.items).includes('%') && labels(units.items).includes('2025-12'));
    const glued = completeAt(inSample(base, '      宣传成本 <= 3万¦'));
    assert.ok(labels(glued.items).includes('万元'));
    assert.equal(glued.items[0].range.end - glued.items[0].range.start, 1, 'only the glued unit is replaced');
    assert.deepEqual(labels(completeAt(inSample(base, '      宣传成本 <= 3 万元 ¦')).items), ['2025-12', '2025-06', '2025-12-31']);
  });

  it('a project block: the attributes of the performance form, their usual values, dates, the parts of 资金总额', () => {
    const p = (line: string): string => unit(`  项目 甲 {\n    金额 5.00\n${line}\n  }`);
    const start = completeAt(p('    ¦'));
    const l = labels(start.items);
    for (const w of ['项目性质', '项目类别', '开始日期', '完成日期', '实施期限', '资金总额', '上年结转资金', '中长期目标', '总体目标']) assert.ok(l.includes(w), w);
    assert.match(start.items.find((i) => i.label === '资金总额')!.documentation!, /财政资金/);
    assert.match(completeAt(p('    ¦'), 'en').items.find((i) => i.label === '实施期限')!.documentation!, /Implementation period/);
    assert.ok(labels(completeAt(p('    项目性质 ¦')).items).includes('阶段性项目'));
    assert.ok(labels(completeAt(p('    项目属性 ¦')).items).includes('新增项目'), 'an alias');
    assert.ok(labels(completeAt(p('    项目类别 ¦')).items).includes('特定目标类'));
    assert.deepEqual(labels(completeAt(p('    开始日期 ¦')).items), ['2025-01-01', '2025年1月']);
    assert.deepEqual(labels(completeAt(p('    计划完成日期 ¦')).items), ['2025-12-31', '2025年12月']);
    assert.deepEqual(labels(completeAt(p('    实施期限 ¦')).items), ['2025-01-01 至 2025-12-31', '2025年1月 至 2025年12月']);
    assert.deepEqual(labels(completeAt(p('    实施期限 2024-01-01 ¦')).items), ['至']);
    assert.deepEqual(labels(completeAt(p('    资金总额 100.00 ¦')).items), ['财政资金', '其他资金']);
    assert.deepEqual(labels(completeAt(p('    资金总额 100.00 财政资金 80.00 ¦')).items), ['其他资金'], 'a part written is not offered again');
    assert.deepEqual(labels(completeAt(p('    资金总额 100.00 其中：财政资金 80.00 ¦')).items), ['其他资金']);
    assert.deepEqual(labels(completeAt(p('    资金总额 100.00 财政资金 ¦')).items), [], 'an amount comes next');
    assert.deepEqual(labels(completeAt(p('    中长期目标 ¦')).items), [], 'free text');
    // After a typed space: free values are not pushed; the part labels after the amount are (a closed set).
    for (const line of ['    项目性质 ¦', '    项目类别 ¦', '    开始日期 ¦', '    实施期限 ¦', '    实施期限 2024-01-01 ¦', '    中长期目标 ¦']) {
      assert.deepEqual(labels(completeAt(p(line), 'zh-CN', 'space').items), [], line);
    }
    assert.deepEqual(labels(completeAt(p('    资金总额 100.00 ¦'), 'zh-CN', 'space').items), ['财政资金', '其他资金']);
  });

  it('整体绩效 block', () => {
    assert.deepEqual(labels(completeAt(inSample('  整体绩效 {', '    ¦')).items), ['任务', '年度目标', '指标', '金额单位']);
  });

  it('nothing inside comments and strings', () => {
    assert.deepEqual(completeAt(unit('  # 支出 ¦')).items, []);
    assert.deepEqual(completeAt(unit('  项目 "a ¦" {\n  }')).items, []);
  });

  it('after a typed space: nothing in free text, the same items as invoked where the next word is constrained', () => {
    const space = (input: string): string[] => labels(completeAt(input, 'zh-CN', 'space').items);
    const invoked = (input: string): string[] => labels(completeAt(input, 'zh-CN', 'invoke').items);
    const base = '      二级 数量指标';
    const project = '    功能科目 2080109\n    金额 92.09';
    const free = [
      inSample('2080150 事业运行', '    ¦'), // indentation at a line start
      inSample(base, '      ¦'),
      unit('  ¦'),
      inSample(base, '      设备 ¦'), // inside an indicator's name
      inSample('2080150 事业运行', '    2080109 社会保险 ¦'), // inside a row's name
      inSample(project, '    主管部门 ¦'), // a free name
      inSample('性质 事业单位', '  主管部门 ¦'),
      unit('  金额单位 万元 ¦'), // after the value
      unit('  收入科目 {\n    合计 ¦\n  }'), // an amount follows
    ];
    for (const input of free) {
      const line = input.slice(input.lastIndexOf('\n', input.indexOf('¦')) + 1, input.indexOf('¦') + 1);
      assert.deepEqual(space(input), [], line);
      assert.ok(invoked(input).length > 0, `invoked: ${line}`);
    }
    assert.deepEqual(space(inSample(project, '    内容 根据 ¦')), [], 'a description');
    const constrained = [
      inSample('2080150 事业运行', '    2080109 ¦'), // a code: its name, the columns
      inSample('2080150 事业运行', '    2080109 社会保险经办机构 293.14 ¦'), // an amount: the columns
      inSample('2080150 事业运行', '    2080109 社会保险经办机构 来源 ¦'),
      inSample('30201 办公费 234.34', '    30201 办公费 1 来源 上年结转 ¦'),
      inSample('    经济分类 {\n      30213 维修(护)费 6.00', '      30201 ¦'),
      inSample(project, '    功能科目 ¦'),
      inSample(project, '    上年结转 ¦'),
      inSample('  收入 {', '    上年结转 ¦'),
      unit('  收入科目 {\n    2080505 ¦\n  }'),
      unit('  收入科目 {\n    2080505 x 100 ¦\n  }'),
      unit('  收入科目 {\n    2080505 x 100 上年结转 ¦\n  }'),
      unit('  对照 {\n    30101 ¦\n  }'),
      unit('  专项资金 {\n    就业补助资金 500.00 ¦\n  }'),
      inSample(base, '      一级 ¦'),
      inSample(base, '      二级 ¦'),
      inSample(base, '      时限 ¦'),
      inSample(base, '      设备完好率 >= 95 ¦'),
      inSample(base, '      宣传成本 <= 3 万元 ¦'),
      unit('  金额单位 ¦'),
      unit('  性质 ¦'),
      unit('  年度 ¦'),
      unit('  政府采购 ¦'),
      '舍入 ¦',
    ];
    for (const input of constrained) {
      const line = input.slice(input.lastIndexOf('\n', input.indexOf('¦')) + 1, input.indexOf('¦') + 1);
      const items = space(input);
      assert.ok(items.length > 0, line);
      assert.deepEqual(items, invoked(input), line);
    }
    assert.deepEqual(labels(completeAt(inSample('2080150 事业运行', '    2080109 ¦'), 'zh-CN', 'space').items).slice(0, 2), ['社会保险经办机构', '合计']);
  });

  it('English details', () => {
    const r = completeAt(inSample('2080150 事业运行', '    2080109 ¦'), 'en');
    assert.equal(r.items.find((i) => i.label === '基本')!.detail, 'basic expenditure');
  });

  it('never throws at any offset of the sample', () => {
    const { a } = at('¦' + REVIEWER.slice(0, 4000));
    for (let o = 0; o <= a.text.length; o += 7) complete(a, o, 'zh-CN');
  });
});
