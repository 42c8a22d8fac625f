import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { narrative } from '../../../server/src/core/checks/narrative';
import { runCases } from './cases';
import { at, errors, unit } from '../util';

/** Two projects of 5.00 each, and a 说明. */
const PRJ = (lines: string): string => unit(`  项目 甲 {\n    金额 5.00\n  }\n  项目 乙 {\n    金额 5.00\n  }\n  说明 {\n${lines}\n  }`);

/** A unit spending 20.00 on 2070308 群众体育, its 说明 naming the code with `names`. */
const CODE = (names: string): string =>
  unit(`  支出 {\n    207 文化旅游体育与传媒支出 20.00\n    207 03 体育 20.00\n    207 03 08 群众体育 20.00\n  }\n  说明 {\n    2070308 ${names} 本年 20.00\n  }`);

describe('check: the 说明’s projects and text', () => {
  runCases(narrative.codes, [
    { code: 'BUD536', what: 'a count of projects below the projects written', bad: PRJ('    项目共 1 个'), good: PRJ('    项目共 2 个'), where: '1' },
    { code: 'BUD537', what: 'the projects’ money ≠ the sum of the projects written', bad: PRJ('    项目共 2 个 11.00'), good: PRJ('    项目共 2 个 10.00'), where: '11.00' },
    { code: 'BUD538', what: 'a placeholder left in (warning)', bad: PRJ('    原文 本单位收入预算XX万元。'), good: PRJ('    原文 本单位收入预算100万元。'), where: 'XX' },
    { code: 'BUD539', what: 'a year neither the budget year nor the year before (warning)', bad: PRJ('    原文 2021年预算执行情况'), good: PRJ('    原文 2024年预算执行情况'), where: '2021年' },
    { code: 'BUD543', what: 'a comparison word written twice (warning, with the fix)', bad: PRJ('    原文 比上年预算增加增加5万元。'), good: PRJ('    原文 比上年预算增加5万元。'), where: '增加增加' },
    { code: 'BUD544', what: 'a change word beside 持平 (warning)', bad: PRJ('    原文 与上年预算增加持平。'), good: PRJ('    原文 与上年预算持平。'), where: '增加持平' },
    { code: 'BUD545', what: 'a code paragraph naming a level by its former edition’s name (warning)', bad: CODE('文化体育与传媒支出（类）体育（款）群众体育（项）'), good: CODE('文化旅游体育与传媒支出（类）体育（款）群众体育（项）'), where: '文化体育与传媒支出' },
  ]);

  it('BUD543’s fix writes the word once; BUD544 has none (which word is meant is not known)', () => {
    const text = PRJ('    原文 比上年预算增加 增加5万元，与上年预算增加持平。');
    const a = analyze(text);
    const d = a.diagnostics.find((x) => x.code === 'BUD543')!;
    const e = d.fixes![0].edits[0];
    assert.equal(text.slice(0, e.start) + e.newText + text.slice(e.end), PRJ('    原文 比上年预算增加5万元，与上年预算增加持平。'));
    assert.deepEqual(a.diagnostics.find((x) => x.code === 'BUD544')?.fixes ?? [], []);
  });

  it('BUD545: a 99 code named after its parent’s former name, once per paragraph; a name of no edition is left alone', () => {
    const text = unit(
      '  支出 {\n    207 文化旅游体育与传媒支出 20.00\n    207 99 其他文化旅游体育与传媒支出 20.00\n    207 99 99 其他文化旅游体育与传媒支出 20.00\n  }\n' +
        '  说明 {\n    2079999 文化旅游体育与传媒支出（类）其他文化体育与传媒支出（款）其他文化旅游体育与传媒支出（项） 本年 20.00\n' +
        '    2079999 文化旅游体育与传媒支出（类）其他文化体育与传媒支出（款）其他文化旅游体育与传媒支出（项） 本年 20.00 上年 20.00 持平\n' +
        '    2079999 其他文化体育与传媒支出 本年 20.00\n    2079999 其他文化事业支出 本年 20.00\n  }',
    );
    const a = analyze(text);
    const old = a.diagnostics.filter((d) => d.code === 'BUD545');
    // The 款 of the first paragraph (written as two lines) once, the 项 of the line naming the 项 alone once.
    assert.deepEqual(old.map((d) => [at(a, d), d.fixes?.[0].edits[0].newText]), [
      ['其他文化体育与传媒支出', '其他文化旅游体育与传媒支出'],
      ['其他文化体育与传媒支出', '其他文化旅游体育与传媒支出'],
    ]);
    assert.deepEqual(old.map((d) => d.start), [text.indexOf('其他文化体育与传媒支出'), text.lastIndexOf('其他文化体育与传媒支出')]);
    // The figures are checked as any code line's: all agree.
    assert.deepEqual(errors(a).map((d) => d.code), []);
  });
});
