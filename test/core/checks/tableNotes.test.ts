import { runCases } from './cases';
import { tableNotes } from '../../../server/src/core/checks/tableNotes';
import { unit } from '../util';

/** A Shanghai department's unit (in 元): general-budget spending only, a 三公 table with figures, and its 说明's notes. */
const SH = (notes: string, sangong = '    合计 47.91\n    公务接待费 47.91'): string => unit(
  `  收入 {\n    一般公共预算 100\n  }\n  支出 {\n    208 社会保障和就业支出 人员 100\n  }\n  三公 {\n    金额单位 万元\n${sangong}\n  }\n  说明 {\n${notes}\n  }`,
  '年度 2024\n  表式 上海部门\n  金额单位 元',
);
const FUND6 = '    表注 表6 本部门2024年无政府性基金预算财政拨款安排的预算，故本表为空表。';
const FUND7 = '    表注 表7 本部门2024年无国有资本经营预算财政拨款安排的预算，故本表为空表。';

describe('check: notes under tables (表注)', () => {
  runCases(tableNotes.codes, [
    { code: 'BUD532', what: '“本表为空表” under a table with figures', bad: SH(`${FUND6}\n${FUND7}\n    表注 表9 本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。`), good: SH(`${FUND6}\n${FUND7}\n    表注 表9 本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。`, '    合计 0'), where: '本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。' },
    { code: 'BUD533', what: 'a note naming another table’s funds (copied from the neighbouring table)', bad: SH(`${FUND6}\n    表注 表7 本部门2024年无政府性基金预算财政拨款安排的预算，故本表为空表。`), good: SH(`${FUND6}\n${FUND7}`), where: '本部门2024年无政府性基金预算财政拨款安排的预算，故本表为空表。' },
    { code: 'BUD534', what: 'a table published empty without its note (warning)', bad: SH(FUND6), good: SH(`${FUND6}\n${FUND7}`), where: '说明' },
    { code: 'BUD535', what: 'a note of a table the layout does not have (warning)', bad: SH(`${FUND6}\n${FUND7}\n    表注 表10 本表为空表。`), good: SH(`${FUND6}\n${FUND7}`), where: '表10' },
  ]);
});
