import { layoutTables } from '../../../server/src/core/checks/layoutTables';
import { unit } from '../util';
import { runCases } from './cases';

/**
 * A unit stating its layout (表式) with the sections that layout's tables need (Shanghai: 收入, 支出, 经济分类, 三公,
 * and the empty 政府性基金 and 国有资本经营预算 tables stated), less those named in `drop`.
 */
const LAYOUT = (layout: string, drop: string[] = []): string => {
  const parts: Array<[string, string]> = [
    ['收入', '  收入 {\n    一般公共预算 5.00\n  }'],
    ['支出', '  支出 {\n    208 社会保障和就业支出 人员 5.00\n  }'],
    ['经济分类', '  经济分类 {\n    30101 基本工资 人员 5.00\n  }'],
    ['三公', '  三公 {\n    合计 0\n  }'],
    ['政府性基金支出', '  政府性基金支出 无'],
    ['国有资本经营预算支出', '  国有资本经营预算支出 无'],
  ];
  return unit(parts.filter(([w]) => !drop.includes(w)).map(([, t]) => t).join('\n'), `年度 2025\n  金额单位 元\n  表式 ${layout}`);
};

describe('check: tables of the layout (表式)', () => {
  runCases(layoutTables.codes, [
    { code: 'BUD808', what: 'a table the stated layout publishes has no section (warning)', bad: LAYOUT('上海单位', ['三公']), good: LAYOUT('上海单位'), where: '测试单位' },
    { code: 'BUD809', what: 'an empty table of the stated layout not stated empty (warning)', bad: LAYOUT('上海部门', ['国有资本经营预算支出']), good: LAYOUT('上海部门'), where: '测试单位' },
  ]);
});
