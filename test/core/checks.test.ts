import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analyze';
import { catalogWith } from '../../server/src/core/catalog';
import { REGISTRY, renderMessage, type DiagnosticCode } from '../../server/src/core/diagnostics';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../../server/src/core/features/codeActions';
import { at, codes, ROOT, unit } from './util';

/**
 * One positive and one negative case per check: `bad` must report the code (at the text `where`), `good`
 * (the corrected input) must not.
 */
interface Case {
  code: DiagnosticCode;
  what: string;
  bad: string;
  good: string;
  where?: string;
  /** A user catalog file (budget.catalogPath) the case is checked with. */
  catalog?: string;
}

const FUNC = (rows: string): string => unit(`  支出 {\n${rows}\n  }`);
const ECON = (rows: string): string => unit(`  经济分类 {\n${rows}\n  }`);
const IND = (lines: string, extra = ''): string => unit(`  项目 测试项目 {\n    金额 5.00\n    功能科目 2080109\n${extra}    指标 {\n      一级 产出指标\n      二级 数量指标\n${lines}\n    }\n  }\n  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n  }`);

/** 收入科目 with 支出 (and 收入): income by function code. */
const INCF = (rows: string, func = '    208 社会保障和就业支出 人员 5.00', income = ''): string => unit(`${income}  收入科目 {\n${rows}\n  }\n  支出 {\n${func}\n  }`);

/** A project with the attributes of the performance form (amount 5.00 in 2025). */
const PROJ = (lines: string): string => unit(`  项目 甲 {\n    金额 5.00\n${lines}\n  }`);

const DEP = (b: string): string => `年度 2025\n部门 某局 {\n  支出 {\n    合计 3.00\n    205 教育支出 人员 3.00\n  }\n  单位 甲 {\n    支出 {\n      205 教育支出 人员 1.00\n    }\n  }\n  单位 乙 {\n    支出 {\n      205 教育支出 人员 ${b}\n    }\n  }\n}\n`;

/** A 上年比较 block in a unit with 收入 and 支出 (收入总计 = 支出总计 = 100.00). */
const CMP = (lines: string, extra = ''): string => unit(`  收入 {\n    一般公共预算 100.00\n  }\n  支出 {\n    208 社会保障和就业支出 人员 100.00\n  }\n${extra}  上年比较 {\n${lines}\n  }`);

/** A user catalog (new format) where code 299 was renamed in the 2025 edition. */
const EDITIONS_CATALOG = 'code\tname\teditions\n299\t旧名称支出\t2020-2024\n299\t新名称支出\t2025-2026\n';

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

const CASES: Case[] = [
  { code: 'BUD807', what: 'an unknown layout (表式)', bad: unit('  编码 1', '年度 2025\n  表式 北京'), good: unit('  编码 1', '年度 2025\n  表式 上海'), where: '北京' },
  { code: 'BUD808', what: 'a table the stated layout publishes has no section (warning)', bad: LAYOUT('上海单位', ['三公']), good: LAYOUT('上海单位'), where: '测试单位' },
  { code: 'BUD809', what: 'an empty table of the stated layout not stated empty (warning)', bad: LAYOUT('上海部门', ['国有资本经营预算支出']), good: LAYOUT('上海部门'), where: '测试单位' },
  { code: 'BUD001', what: 'stray closing brace', bad: unit('  编码 1') + '}\n', good: unit('  编码 1'), where: '}' },
  { code: 'BUD002', what: 'unknown statement in a unit', bad: unit('  预算 1'), good: unit('  编码 1'), where: '预算' },
  { code: 'BUD003', what: 'label without amount', bad: FUNC('    208 社会保障和就业支出 人员'), good: FUNC('    208 社会保障和就业支出 人员 1.00'), where: '人员' },
  { code: 'BUD004', what: 'unlabelled second amount', bad: FUNC('    208 社会保障和就业支出 1.00 2.00'), good: FUNC('    208 社会保障和就业支出 1.00 人员 1.00'), where: '2.00' },
  { code: 'BUD005', what: 'full-width digits', bad: FUNC('    208 社会保障和就业支出 人员 １.００'), good: FUNC('    208 社会保障和就业支出 人员 1.00'), where: '１.００' },
  { code: 'BUD014', what: 'a keyword spread out by a PDF table cell', bad: FUNC('    合　　计 1.00\n    208 社会保障和就业支出 1.00'), good: FUNC('    合计 1.00\n    208 社会保障和就业支出 1.00'), where: '合　　计' },
  { code: 'BUD013', what: 'a PDF page number on a line of its own', bad: FUNC('    208 社会保障和就业支出 人员 1.00\n第 3 页 共 18 页'), good: FUNC('    208 社会保障和就业支出 人员 1.00'), where: '第 3 页 共 18 页' },
  { code: 'BUD015', what: 'an accounting-style negative (1.00) pasted from a PDF', bad: FUNC('    208 社会保障和就业支出 人员 2.00 公用 (1.00)'), good: FUNC('    208 社会保障和就业支出 人员 2.00 公用 -1.00'), where: '(1.00)' },
  { code: 'BUD016', what: 'two table rows joined on one line by a PDF copy', bad: ECON('    301 工资福利支出 70.00\n    30101 基本工资 50.00 30102 津贴补贴 20.00'), good: ECON('    301 工资福利支出 70.00\n    30101 基本工资 50.00\n    30102 津贴补贴 20.00'), where: '30102 津贴补贴 20.00' },
  { code: 'BUD012', what: 'a no-break space from a PDF between a name and a figure', bad: FUNC('    208 社会保障和就业支出\u00a0人员 1.00'), good: FUNC('    208 社会保障和就业支出 人员 1.00'), where: '\u00a0' },
  { code: 'BUD017', what: 'a GBK file read as UTF-8 (replacement characters)', bad: unit('  \ufffd\ufffd\ufffd 2025'), good: unit('  年度 2025'), where: '\ufffd\ufffd\ufffd' },
  { code: 'BUD006', what: 'unterminated string', bad: unit('  主管部门 "抚顺'), good: unit('  主管部门 "抚顺"'), where: '"抚顺' },
  { code: 'BUD007', what: 'malformed amount', bad: FUNC('    208 社会保障和就业支出 人员 1,00.5'), good: FUNC('    208 社会保障和就业支出 人员 100.5'), where: '1,00.5' },
  { code: 'BUD008', what: 'attribute written twice', bad: unit('  编码 1\n  编码 2'), good: unit('  编码 1'), where: '编码' },
  { code: 'BUD009', what: 'section without block', bad: unit('  支出'), good: unit('  支出 {\n  }'), where: '支出' },
  { code: 'BUD101', what: 'bad code length', bad: FUNC('    2080 社会保障'), good: FUNC('    208 社会保障和就业支出'), where: '2080' },
  { code: 'BUD102', what: 'missing parent', bad: FUNC('    208 社会保障和就业支出\n    2080150 事业运行 人员 1.00'), good: FUNC('    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n    2080150 事业运行 人员 1.00'), where: '2080150' },
  { code: 'BUD103', what: 'duplicate code', bad: FUNC('    208 社会保障和就业支出\n    208 社会保障和就业支出'), good: FUNC('    208 社会保障和就业支出\n    208 社会保障和就业支出 来源 政府性基金预算'), where: '208' },
  { code: 'BUD104', what: 'name differs from catalog', bad: FUNC('    208 社保支出'), good: FUNC('    208 社会保障和就业支出'), where: '社保支出' },
  { code: 'BUD109', what: 'a code that is not one of the edition’s, under a parent the catalog knows completely (warning)', bad: ECON('    302 商品和服务支出\n    30210 差旅费 公用 1.00'), good: ECON('    302 商品和服务支出\n    30211 差旅费 公用 1.00'), where: '30210' },
  { code: 'BUD110', what: 'the name a code has in another edition (warning)', bad: FUNC('    299 旧名称支出'), good: FUNC('    299 新名称支出'), where: '旧名称支出', catalog: EDITIONS_CATALOG },
  { code: 'BUD105', what: 'code not in catalog (information)', bad: FUNC('    299 其他支出'), good: FUNC('    208 社会保障和就业支出'), where: '299' },
  { code: 'BUD106', what: 'economic code in the function section', bad: FUNC('    301 工资福利支出'), good: ECON('    301 工资福利支出'), where: '301' },
  { code: 'BUD107', what: 'project function code unknown everywhere', bad: unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n  }\n  项目 甲 {\n    金额 1.00\n    功能科目 2080177\n  }'), good: unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n  }\n  项目 甲 {\n    金额 1.00\n    功能科目 2080109\n  }'), where: '2080177' },
  { code: 'BUD201', what: 'parent does not roll up', bad: FUNC('    208 社会保障和就业支出 3.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00'), good: FUNC('    208 社会保障和就业支出 2.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00'), where: '3.00' },
  { code: 'BUD202', what: '收入科目: a parent’s column ≠ its children’s', bad: INCF('    208 社会保障和就业支出 5.00 事业收入 2.00\n    20805 行政事业单位养老支出 5.00 事业收入 1.00', '    208 社会保障和就业支出\n    20805 行政事业单位养老支出 人员 5.00'), good: INCF('    208 社会保障和就业支出 5.00 事业收入 1.00\n    20805 行政事业单位养老支出 5.00 事业收入 1.00', '    208 社会保障和就业支出\n    20805 行政事业单位养老支出 人员 5.00'), where: '2.00' },
  { code: 'BUD203', what: 'a 其中 row larger than the row it is part of', bad: unit('  政府采购 {\n    合计 5.00\n    其中 面向中小企业预留 6.00\n    货物 5.00\n  }'), good: unit('  政府采购 {\n    合计 5.00\n    其中 面向中小企业预留 3.00\n    货物 5.00\n  }'), where: '6.00' },
  { code: 'BUD303', what: '收入科目: 合计 ≠ its columns', bad: INCF('    208 社会保障和就业支出 5.00 一般公共预算 3.00 事业收入 1.00'), good: INCF('    208 社会保障和就业支出 5.00 一般公共预算 4.00 事业收入 1.00'), where: '5.00' },
  { code: 'BUD510', what: '收入科目: a code’s 合计 ≠ its 支出 total', bad: INCF('    208 社会保障和就业支出 6.00'), good: INCF('    208 社会保障和就业支出 5.00'), where: '6.00' },
  { code: 'BUD511', what: '收入科目: a code not under 支出 (warning)', bad: INCF('    208 社会保障和就业支出 5.00\n    210 卫生健康支出 1.00'), good: INCF('    208 社会保障和就业支出 5.00'), where: '210' },
  { code: 'BUD301', what: 'row identity 基本 = 人员 + 公用', bad: FUNC('    208 社会保障和就业支出 基本 5.00 人员 1.00 公用 3.00'), good: FUNC('    208 社会保障和就业支出 基本 4.00 人员 1.00 公用 3.00'), where: '5.00' },
  { code: 'BUD302', what: 'income subtotal', bad: unit('  收入 {\n    一般公共预算 1.00\n    事业收入 2.00\n    本年收入合计 4.00\n  }'), good: unit('  收入 {\n    一般公共预算 1.00\n    事业收入 2.00\n    本年收入合计 3.00\n  }'), where: '4.00' },
  { code: 'BUD401', what: 'income ≠ expenditure', bad: unit('  收入 {\n    一般公共预算 5.00\n  }\n  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }'), good: unit('  收入 {\n    一般公共预算 4.00\n  }\n  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }') },
  { code: 'BUD501', what: 'function basic ≠ economic basic', bad: unit('  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }\n  经济分类 {\n    301 工资福利支出 人员 5.00\n  }'), good: unit('  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }\n  经济分类 {\n    301 工资福利支出 人员 4.00\n  }') },
  { code: 'BUD502', what: 'project economic split ≠ amount', bad: unit('  项目 甲 {\n    金额 5.00\n    经济分类 {\n      30201 办公费 4.00\n    }\n  }\n  经济分类 {\n    302 商品和服务支出\n  }'), good: unit('  项目 甲 {\n    金额 5.00\n    经济分类 {\n      30201 办公费 5.00\n    }\n  }\n  经济分类 {\n    302 商品和服务支出\n  }') },
  { code: 'BUD503', what: '三公 total ≠ parts', bad: unit('  三公 {\n    合计 9.00\n    公务用车运行费 7.25\n    公务接待费 1.00\n  }'), good: unit('  三公 {\n    合计 8.25\n    公务用车运行费 7.25\n    公务接待费 1.00\n  }'), where: '9.00' },
  { code: 'BUD504', what: '三公 exceeds 30217 (economic table with the projects’ part)', bad: unit('  三公 {\n    公务接待费 2.00\n  }\n  经济分类 {\n    302 商品和服务支出\n    30201 办公费 项目 1.00\n    30217 公务接待费 公用 1.00 项目 0\n  }'), good: unit('  三公 {\n    公务接待费 1.00\n  }\n  经济分类 {\n    302 商品和服务支出\n    30201 办公费 项目 1.00\n    30217 公务接待费 公用 1.00 项目 0\n  }'), where: '2.00' },
  { code: 'BUD505', what: 'empty table with data', bad: unit('  政府性基金支出 无\n  支出 {\n    208 社会保障和就业支出 来源 政府性基金预算 人员 1.00\n  }'), good: unit('  政府性基金支出 无\n  支出 {\n    208 社会保障和就业支出 人员 1.00\n  }') },
  { code: 'BUD506', what: 'no government correspondence', bad: unit('  经济分类 {\n    399 其他支出\n    39999 其他支出 公用 1.00\n  }\n  政府经济分类 {\n  }', '年度 2025\n  性质 事业单位'), good: unit('  经济分类 {\n    399 其他支出\n    39999 其他支出 公用 1.00\n  }\n  对照 {\n    39999 59999\n  }\n  政府经济分类 {\n  }', '年度 2025\n  性质 事业单位'), where: '39999' },
  { code: 'BUD512', what: 'no unit kind and no 对照: the government economic table cannot be derived (information)', bad: unit('  经济分类 {\n    301 工资福利支出 人员 1.00\n  }'), good: unit('  经济分类 {\n    301 工资福利支出 人员 1.00\n  }', '年度 2025\n  性质 事业单位'), where: '经济分类' },
  { code: 'BUD513', what: 'a code whose correspondence the catalog lacks, derived table (information)', bad: unit('  经济分类 {\n    302 商品和服务支出\n    30217 公务接待费 公用 1.00\n  }', '年度 2025\n  性质 行政单位'), good: unit('  经济分类 {\n    302 商品和服务支出\n    30217 公务接待费 公用 1.00\n  }', '年度 2025\n  性质 事业单位'), where: '30217' },
  { code: 'BUD507', what: 'overall tasks ≠ basic', bad: unit('  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }\n  整体绩效 {\n    任务 保工资 3.00\n  }'), good: unit('  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }\n  整体绩效 {\n    任务 保工资 4.00\n  }') },
  { code: 'BUD520', what: '上年比较: 本年 ≠ the figure computed from the tables', bad: CMP('    收入总计 本年 101.00 上年 90.00'), good: CMP('    收入总计 本年 100.00 上年 90.00'), where: '101.00' },
  { code: 'BUD521', what: '上年比较: the change ≠ 本年 − 上年', bad: CMP('    收入总计 上年 90.00 增加 11.00'), good: CMP('    收入总计 上年 90.00 增加 10.00'), where: '增加 11.00' },
  { code: 'BUD522', what: '上年比较: the rate ≠ (本年 − 上年) ÷ 上年 (warning)', bad: CMP('    收入总计 上年 90.00 增长 11.2%'), good: CMP('    收入总计 上年 90.00 增长 11.1%'), where: '增长 11.2%' },
  { code: 'BUD523', what: '上年比较: a rate from a last year of 0 (warning)', bad: CMP('    支出总计 上年 0 增加 100.00 增长 100%'), good: CMP('    支出总计 上年 0 增加 100.00'), where: '增长 100%' },
  { code: 'BUD524', what: '上年比较: this year’s figure cannot be computed (information)', bad: CMP('    三公 上年 1.00 持平'), good: CMP('    三公 上年 1.00 持平', '  三公 {\n    公务接待费 1.00\n  }\n'), where: '三公' },
  { code: 'BUD509', what: 'a department’s own figures ≠ the sum of its units', bad: DEP('2.50'), good: DEP('2.00'), where: '3.00' },
  { code: 'BUD601', what: 'quantitative indicator without operator', bad: IND('      发放人数 100 人 2025-12'), good: IND('      发放人数 >= 100 人 2025-12'), where: '发放人数' },
  { code: 'BUD602', what: 'quantitative indicator without unit', bad: IND('      发放人数 >= 100 2025-12'), good: IND('      发放人数 >= 100 人 2025-12'), where: '100' },
  { code: 'BUD603', what: 'percentage over 100', bad: IND('      覆盖率 >= 120% 2025-12'), good: IND('      覆盖率 >= 100% 2025-12'), where: '120' },
  { code: 'BUD604', what: 'deadline outside the fiscal year', bad: IND('      发放人数 >= 100 人 2026-12'), good: IND('      发放人数 >= 100 人 2025-12'), where: '2026-12' },
  { code: 'BUD605', what: 'uncommon level name (information)', bad: IND('      二级 奇怪指标\n      发放人数 >= 100 人 2025-12'), good: IND('      发放人数 >= 100 人 2025-12'), where: '奇怪指标' },
  { code: 'BUD606', what: 'money indicator contradicts the amount', bad: IND('      测试项目 <= 40000 元 2025-12'), good: IND('      测试项目 <= 50000 元 2025-12') },
  { code: 'BUD607', what: 'comparison on a qualitative value', bad: IND('      服务质量 >= 良好 2025-12'), good: IND('      服务质量 = 良好 2025-12'), where: '>=' },
  { code: 'BUD608', what: 'malformed date', bad: IND('      发放人数 >= 100 人 2025-13'), good: IND('      发放人数 >= 100 人 2025-12'), where: '2025-13' },
  { code: 'BUD609', what: 'indicator without level', bad: unit('  项目 甲 {\n    金额 1.00\n    指标 {\n      发放人数 >= 100 人 2025-12\n    }\n  }'), good: unit('  项目 甲 {\n    金额 1.00\n    指标 {\n      一级 产出指标\n      发放人数 >= 100 人 2025-12\n    }\n  }'), where: '发放人数' },
  { code: 'BUD610', what: 'indicator without deadline where the others have one', bad: IND('      发放人数 >= 100 人\n      覆盖率 = 100% 2025-12'), good: IND('      时限 2025-12\n      发放人数 >= 100 人\n      覆盖率 = 100% 2025-12'), where: '发放人数' },
  { code: 'BUD108', what: 'project without function code', bad: unit('  支出 {\n    208 社会保障和就业支出\n  }\n  项目 甲 {\n    金额 1.00\n  }'), good: unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n  }\n  项目 甲 {\n    金额 1.00\n    功能科目 2080109\n  }'), where: '甲' },
  { code: 'BUD701', what: 'more than 2 decimals in 万元', bad: FUNC('    208 社会保障和就业支出 人员 1.005'), good: FUNC('    208 社会保障和就业支出 人员 1.01'), where: '1.005' },
  { code: 'BUD702', what: 'more precise than a tick', bad: FUNC('    208 社会保障和就业支出 人员 1.000000001'), good: FUNC('    208 社会保障和就业支出 人员 1.00000001'), where: '1.000000001' },
  { code: 'BUD703', what: 'more digits than an amount is read with (not read: unknown)', bad: FUNC(`    208 社会保障和就业支出 人员 ${'9'.repeat(31)}`), good: FUNC(`    208 社会保障和就业支出 人员 ${'9'.repeat(15)}.${'9'.repeat(15)}`), where: '9'.repeat(31) },
  { code: 'BUD801', what: 'no fiscal year', bad: unit('  编码 1', '金额单位 万元'), good: unit('  编码 1') },
  { code: 'BUD802', what: 'bad money unit', bad: unit('  编码 1', '年度 2025\n  金额单位 千元'), good: unit('  编码 1', '年度 2025\n  金额单位 元'), where: '千元' },
  { code: 'BUD803', what: 'unknown unit kind (information)', bad: unit('  性质 合作社'), good: unit('  性质 事业单位'), where: '合作社' },
  { code: 'BUD804', what: 'bad year', bad: unit('  编码 1', '年度 二〇二五'), good: unit('  编码 1', '年度 2025'), where: '二〇二五' },
  { code: 'BUD806', what: 'a child written in 元 in a 万元 file', bad: FUNC('    208 社会保障和就业支出 2.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 10000.00'), good: FUNC('    208 社会保障和就业支出 2.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00'), where: '10000.00' },
  { code: 'BUD901', what: 'a project date that is no calendar date', bad: PROJ('    开始日期 2025-02-30'), good: PROJ('    开始日期 2025-02-28'), where: '2025-02-30' },
  { code: 'BUD902', what: 'a project starting after its completion', bad: PROJ('    实施期限 2025-12-31 至 2025-01-01'), good: PROJ('    实施期限 2025-01-01 至 2025-12-31'), where: '2025-12-31' },
  { code: 'BUD903', what: 'the fiscal year outside the project period (warning)', bad: PROJ('    实施期限 2022-01-01 至 2024-12-31'), good: PROJ('    实施期限 2022-01-01 至 2025-12-31'), where: '2024-12-31' },
  { code: 'BUD904', what: '资金总额 ≠ 财政资金 + 其他资金', bad: PROJ('    资金总额 10.00 财政资金 8.00 其他资金 1.00'), good: PROJ('    资金总额 10.00 财政资金 8.00 其他资金 2.00'), where: '10.00' },
  { code: 'BUD905', what: 'the annual amount above the multi-year 资金总额 (warning)', bad: PROJ('    资金总额 4.00'), good: PROJ('    资金总额 15.00'), where: '4.00' },
  { code: 'BUD805', what: 'duplicate project', bad: unit('  项目 甲 {\n    金额 1.00\n  }\n  项目 甲 {\n    金额 1.00\n  }'), good: unit('  项目 甲 {\n    金额 1.00\n  }\n  项目 乙 {\n    金额 1.00\n  }') },
];

describe('checks: one positive and one negative case per diagnostic code', () => {
  for (const c of CASES) {
    it(`${c.code} ${c.what}`, () => {
      const options = c.catalog ? { catalog: catalogWith([{ name: 'local.tsv', text: c.catalog }]) } : {};
      const bad = analyze(c.bad, options);
      const hits = bad.diagnostics.filter((d) => d.code === c.code);
      assert.ok(hits.length > 0, `${c.code} not reported; got ${codes(bad).join(', ') || 'nothing'}`);
      assert.equal(hits[0].severity, REGISTRY[c.code].severity);
      if (c.where) assert.equal(at(bad, hits[0]), c.where);
      for (const locale of ['zh-CN', 'en'] as const) assert.doesNotMatch(renderMessage(hits[0], locale), /\{\w+\}|undefined/);
      const good = analyze(c.good, options);
      assert.deepEqual(good.diagnostics.filter((d) => d.code === c.code).map((d) => at(good, d)), [], `${c.code} reported on the corrected input`);
    });
  }

  it('covers every registered code that the checker emits', () => {
    const covered = new Set(CASES.map((c) => c.code));
    // BUD010 (a file beyond the size limit) and BUD018 (more tokens than are parsed) are exercised by
    // test/robustness/features.test.ts, BUD011 (too many diagnostics to publish) by test/server/server.test.ts.
    const unused: string[] = ['BUD010', 'BUD011', 'BUD018'];
    for (const code of Object.keys(REGISTRY)) if (!unused.includes(code)) assert.ok(covered.has(code as DiagnosticCode), `${code} has no test case`);
  });
});

describe('checks: details', () => {
  it('a roll-up error names the children and offers to set the computed sum', () => {
    const a = analyze(FUNC('    208 社会保障和就业支出 3.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00'));
    const d = a.diagnostics.find((x) => x.code === 'BUD201')!;
    assert.equal(d.related?.length, 2);
    assert.match(renderMessage(d, 'zh-CN'), /下级合计为 2\.00，相差 1\.00/);
    assert.match(renderMessage(d, 'en'), /children sum to 2\.00 \(difference 1\.00\)/);
    assert.equal(d.fixes?.[0].edits[0].newText, '2.00');
  });

  it('the tolerant rounding mode allows (n+1) × half a unit of the last digit and shows the tolerance', () => {
    const rows = '    208 社会保障和就业支出 2.01\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00';
    assert.ok(codes(analyze(FUNC(rows))).includes('BUD201'));
    assert.ok(!codes(analyze('舍入 容差\n' + FUNC(rows))).includes('BUD201'), '0.01 ≤ 3 × 0.005');
    assert.ok(!codes(analyze(FUNC(rows), { rounding: 'tolerant' })).includes('BUD201'), 'the setting works too');
    const far = analyze('舍入 容差\n' + FUNC(rows.replace('2.01', '2.02')));
    const d = far.diagnostics.find((x) => x.code === 'BUD201')!;
    assert.match(renderMessage(d, 'zh-CN'), /超出容差 ±0\.015/);
  });

  it('a project amount split by source is checked against 金额', () => {
    const a = analyze(unit('  项目 甲 {\n    金额 5.00\n    一般公共预算 3.00\n    事业收入 1.00\n  }'));
    assert.ok(codes(a).includes('BUD502'));
  });

  it('unusual spaces pasted from a PDF separate like spaces (each run flagged once, with a fix); a line of them is nothing', () => {
    const text = FUNC('    208\u00a0社会保障和就业支出\u2002人员\u00a03.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n\u00a0\u00a0\n    \u00a0');
    const a = analyze(text);
    const row = a.model.units[0].func!.rows[0];
    assert.equal(row.code, '208');
    assert.equal(row.name?.text, '社会保障和就业支出');
    assert.equal(row.cells.personnel?.text, '3.00');
    // The declared 人员 is checked as a total: 3.00 against its child's 1.00.
    assert.ok(a.diagnostics.some((d) => d.code === 'BUD201'), a.diagnostics.map((d) => d.code).join(' '));
    const odd = a.diagnostics.filter((d) => d.code === 'BUD012');
    // Four single ones and one run of two on the line of its own (one fault, one report).
    assert.equal(odd.length, 5);
    assert.match(renderMessage(odd[0], 'zh-CN'), /不换行空格（U\+00A0）/);
    assert.deepEqual(odd[0].fixes?.[0].edits, [{ start: odd[0].start, end: odd[0].end, newText: ' ' }]);
    const run = odd.find((d) => d.end - d.start === 2)!;
    assert.equal(text.slice(run.start, run.end), '\u00a0\u00a0');
    assert.deepEqual(run.fixes?.[0].edits, [{ start: run.start, end: run.end, newText: '  ' }]);
    assert.ok(!a.diagnostics.some((d) => d.code === 'BUD002' || d.code === 'BUD001'), 'no statement made of spaces');
  });

  it('an income or 三公 line written twice (a row repeated at a page break) is flagged at the second, pointing at the first', () => {
    for (const block of ['  收入 {\n    一般公共预算 5.00\n    事业收入 1.00\n    一般公共预算 1.00\n  }', '  三公 {\n    公务接待费 5.00\n    公务接待费 1.00\n  }']) {
      const a = analyze(unit(block));
      const d = a.diagnostics.filter((x) => x.code === 'BUD008');
      assert.equal(d.length, 1, block);
      assert.equal(d[0].related?.length, 1);
      assert.ok(d[0].related![0].start < d[0].start);
    }
  });

  it('a missing inner “}”: one error where the lines go back to the block’s indentation, a fix, and the rest keeps its meaning', () => {
    const text = readFileSync(join(ROOT, 'samples', 'fushun-2025.budget'), 'utf8');
    const ref = analyze(text);
    const drop = (after: string): string => {
      const i = text.indexOf(after);
      const j = text.indexOf('\n  }\n', i);
      return text.slice(0, j) + text.slice(j + 4);
    };
    for (const [after, next] of [['  收入 {', '  # 表3'], ['  三公 {', '  # 表8']]) {
      const broken = drop(after);
      const a = analyze(broken);
      const errors = a.diagnostics.filter((d) => d.severity === 'error');
      assert.equal(errors.length, 1, errors.map((d) => `${d.code} ${renderMessage(d, 'zh-CN')}`).join('\n'));
      const e = errors[0];
      assert.equal(e.code, 'BUD001');
      assert.ok(broken.slice(e.start).startsWith(next.trim()) || broken.lastIndexOf(next, e.start) >= 0, broken.slice(e.start, e.start + 20));
      assert.match(renderMessage(e, 'zh-CN'), /块应在此行之前结束/);
      assert.equal(e.related?.length, 2);
      // The rest of the file means what it meant: the same rows, projects and figures.
      assert.equal(a.model.units[0].func?.rows.length, ref.model.units[0].func?.rows.length);
      assert.equal(a.model.units[0].projects.length, ref.model.units[0].projects.length);
      // The fix puts the brace back: no error left.
      const fixed = applyEdits(broken, e.fixes![0].edits);
      assert.equal(analyze(fixed).diagnostics.filter((d) => d.severity === 'error').length, 0);
    }
  });

  it('a missing “}” without indentation to go by, or the last one of the file, is reported at its “{”', () => {
    const flat = '单位 甲 {\n年度 2025\n支出 {\n208 社会保障和就业支出 1.00\n经济分类 {\n301 工资福利支出 1.00\n}\n}\n';
    const a = analyze(flat);
    const e = a.diagnostics.filter((d) => d.code === 'BUD001');
    assert.equal(e.length, 1);
    assert.equal(flat[e[0].start], '{');
    const last = unit('  年度 2025').replace(/\}\n$/, '');
    const b = analyze(last).diagnostics.filter((d) => d.code === 'BUD001');
    assert.equal(b.length, 1);
    assert.equal(last[b[0].start], '{');
  });

  it('a code in full-width digits is read as the code, flagged with a fix (whole or in columns)', () => {
    const a = analyze(FUNC('    ２０８ 社会保障和就业支出 人员 1.00\n    ２０８ ０１ 人力资源和社会保障管理事务 人员 1.00'));
    assert.deepEqual(a.model.units[0].func!.rows.map((r) => r.code), ['208', '20801']);
    const d = a.diagnostics.filter((x) => x.code === 'BUD005');
    assert.equal(d.length, 3);
    assert.deepEqual(d[0].fixes?.[0].edits.map((e) => e.newText), ['208']);
    assert.ok(!a.diagnostics.some((x) => x.severity === 'error'), a.diagnostics.map((x) => x.code).join(' '));
  });

  it('spaced-out keywords (合　　计, 收 入 总 计) are read as the words, each flagged with a fix; other spaced names are left alone', () => {
    const text = unit('  收入 {\n    一般公共预算 5.00\n    收 入 总 计 5.00\n  }\n  支出 {\n    合　　计 5.00\n    208 社 保 5.00\n  }');
    const a = analyze(text);
    const d = a.diagnostics.filter((x) => x.code === 'BUD014');
    assert.deepEqual(d.map((x) => x.args.word), ['收入总计', '合计']);
    assert.ok(!a.diagnostics.some((x) => x.severity === 'error'), a.diagnostics.map((x) => `${x.code} ${renderMessage(x, 'zh-CN')}`).join('\n'));
    assert.equal(a.model.units[0].func!.rows[0].name?.text, '社 保');
    assert.equal(applyEdits(text, d[1].fixes![0].edits).includes('    合计 5.00'), true);
  });

  it('“1 234.56” (a thousands separator turned into a space) gets a fix that joins it', () => {
    const text = FUNC('    208 社会保障和就业支出 1 234.56');
    const d = analyze(text).diagnostics.find((x) => x.code === 'BUD004')!;
    assert.match(renderMessage(d, 'zh-CN'), /千分位成了空格/);
    assert.ok(applyEdits(text, d.fixes![0].edits).includes('社会保障和就业支出 1,234.56'));
    assert.equal(analyze(applyEdits(text, d.fixes![0].edits)).diagnostics.filter((x) => x.severity === 'error').length, 0);
  });

  it('review round: a spaced-out name is not cut at a keyword inside it; a long spaced paragraph stays one text per character', () => {
    const a = analyze(ECON('    301 工资福利支出 50.00\n    30101 基 本 工 资 50.00'));
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), []);
    assert.ok(!a.diagnostics.some((d) => d.code === 'BUD014'), 'only a whole run that is a keyword is joined');
    const long = analyze(unit(`  项目 甲 {\n    金额 1.00\n    总体目标 ${'按 时 完 成 各 项 工 作 '.repeat(100)}\n  }`));
    assert.equal(long.model.units[0].projects[0].goal?.text.length, 1599);
    assert.ok(!long.diagnostics.some((d) => d.code === 'BUD014'));
  });

  it('review round: a block states its money unit once (a second is BUD008, the first stays)', () => {
    const a = analyze(unit('  三公 {\n    金额单位 万元\n    公务接待费 1.00\n    金额单位 元\n  }'));
    assert.deepEqual(a.diagnostics.filter((d) => d.code === 'BUD008').map((d) => a.text.slice(d.start, d.end)), ['金额单位']);
    assert.equal(a.model.units[0].sangong!.lines[0].amount!.text, '1.00');
    assert.equal(a.model.units[0].sangong!.lines[0].amount!.unit, '万元', 'read in the first unit stated');
  });

  it('review round: list tables — one block per table, a column once per row, a page reference in 内容 kept, a version in a name is no negative', () => {
    const dup = analyze(unit('  政府采购 {\n    合计 15.00\n    办公设备 10.00\n  }\n  政府采购 {\n    打印机 5.00\n  }'));
    assert.ok(dup.diagnostics.some((d) => d.code === 'BUD008' && at(dup, d) === '政府采购'));
    const col = analyze(unit('  专项资金 {\n    就业补助资金 500.00 总计 600.00 已分配 300.00 未分配 200.00\n  }'));
    assert.deepEqual(col.diagnostics.filter((d) => d.code === 'BUD008').map((d) => at(col, d)), ['总计']);
    assert.equal(col.model.units[0].lists[0].rows[0].cells['总计'].text, '500.00', 'the first stays');
    const page = analyze(unit('  项目 甲 {\n    金额 1.00\n    内容 详见 第 3 页\n  }'));
    assert.equal(page.model.units[0].projects[0].content?.text, '详见 第 3 页');
    assert.ok(!page.diagnostics.some((d) => d.code === 'BUD013'));
    // `合计：` with a colon and a spaced-out `其 中` as a PDF gives them.
    const roles = analyze(unit('  政府采购 {\n    合计： 100.00\n    其 中 残疾人福利单位 70.00\n    办公设备 100.00\n  }'));
    assert.deepEqual(roles.model.units[0].lists[0].rows.map((r) => r.role ?? ''), ['total', 'part', '']);
    assert.deepEqual(roles.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), []);
    const version = analyze(unit('  政府采购 {\n    智慧社保 (2.0) 版 100.00\n  }'));
    assert.ok(!version.diagnostics.some((d) => d.code === 'BUD015'));
    assert.equal(version.model.units[0].lists[0].rows[0].name?.text, '智慧社保 (2.0) 版');
  });

  it('a PDF page number joined to a row is taken off it (one warning, a fix), and the row keeps its meaning', () => {
    const text = FUNC('    208 社会保障和就业支出 人员 1.00 第3页/共18页\n    20801 人力资源和社会保障管理事务 人员 1.00');
    const a = analyze(text);
    assert.deepEqual(a.diagnostics.filter((d) => d.severity !== 'information').map((d) => d.code), ['BUD013']);
    const d = a.diagnostics.find((x) => x.code === 'BUD013')!;
    assert.equal(text.slice(d.start, d.end), '第3页/共18页');
    const fixed = applyEdits(text, d.fixes![0].edits);
    assert.ok(fixed.includes('人员 1.00\n'), fixed);
    assert.equal(a.model.units[0].func!.rows[0].cells.personnel?.text, '1.00');
  });

  it('a row name may contain spaces; it ends at the first column label or amount', () => {
    const a = analyze(FUNC('    208 社会保障 和就业支出 1.00 人员 1.00'));
    assert.equal(a.model.units[0].func!.rows[0].name?.text, '社会保障 和就业支出');
    assert.deepEqual(codes(a, 'error'), []);
  });

  it('a 专项资金 row: 总计 = 已分配 + 未分配', () => {
    const t = (total: string): string => unit(`  专项资金 {\n    就业补助资金 总计 ${total} 已分配 300.00 未分配 200.00\n  }`);
    assert.deepEqual(codes(analyze(t('500.00')), 'error'), []);
    const bad = analyze(t('510.00'));
    assert.deepEqual(bad.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${at(bad, d)}`), ['BUD301 510.00']);
  });

  it('a list table’s 合计 row equals the sum of its rows (其中 rows are parts of the row above, not counted)', () => {
    const t = (total: string, part = '3.00'): string => unit(`  政府采购 {\n    合计 ${total}\n    其中 面向中小企业预留 ${part}\n    货物 1.50\n    服务 3.50\n    其中：印刷服务 0.20\n  }`);
    const ok = analyze(t('5.00'));
    assert.deepEqual(ok.diagnostics, []);
    assert.deepEqual(ok.model.units[0].lists[0].rows.map((r) => r.role ?? ''), ['total', 'part', '', '', 'part']);
    const bad = analyze(t('5.10'));
    const d = bad.diagnostics.find((x) => x.code === 'BUD201')!;
    assert.equal(at(bad, d), '5.10');
    assert.equal(renderMessage(d, 'zh-CN'), '政府采购支出预算表“合计”的总计为 5.10，下级合计为 5.00，相差 0.10');
    assert.deepEqual(d.related!.map((r) => bad.text.slice(r.start, r.end)), ['1.50', '3.50']);
    assert.deepEqual(codes(analyze(applyEdits(t('5.10'), d.fixes![0].edits)), 'error'), []);
    // A part larger than the row it belongs to (here the 合计 above it).
    const big = analyze(t('5.00', '6.00'));
    const w = big.diagnostics.find((x) => x.code === 'BUD203')!;
    assert.equal(at(big, w), '6.00');
    assert.equal(renderMessage(w, 'en'), '“其中 面向中小企业预留” is 6.00, larger than the row it is part of, “合计” (5.00)');
    // Two 合计 rows: the second is a duplicate.
    assert.deepEqual(codes(analyze(unit('  专项资金 {\n    合计 1.00\n    合计 1.00\n    甲 总计 1.00\n  }')), 'error'), ['BUD008']);
    // 专项资金: each column of the 合计 row is checked.
    const sp = analyze(unit('  专项资金 {\n    合计 10.00 已分配 6.00 未分配 4.00\n    甲 总计 10.00 已分配 7.00 未分配 3.00\n  }'));
    assert.deepEqual(sp.diagnostics.map((x) => `${x.code} ${at(sp, x)}`), ['BUD201 6.00', 'BUD201 4.00']);
  });

  it('codes written in columns are joined', () => {
    const a = analyze(FUNC('    208 社会保障和就业支出\n    208 01 人力资源和社会保障管理事务\n    208 01 50 事业运行 人员 1.00'));
    assert.deepEqual(codes(a, 'error'), []);
    assert.ok(a.figures[0].func.byCode.has('2080150'));
  });

  it('amounts in 元 are exact and totals convert', () => {
    const a = analyze(unit('  支出 {\n    208 社会保障和就业支出 12,345,678.91 人员 12,345,678.91\n  }', '年度 2025\n  金额单位 元'));
    assert.deepEqual(codes(a, 'error'), []);
    assert.equal(a.figures[0].func.root.cells.total, 123_456_789_100n);
  });

  it('a department of several units keeps each unit separate and inherits attributes', () => {
    const a = analyze('部门 某部门 {\n  年度 2025\n  性质 事业单位\n  单位 甲 {\n    支出 {\n      208 社会保障和就业支出 人员 1.00\n    }\n  }\n  单位 乙 {\n    支出 {\n      208 社会保障和就业支出 人员 2.00\n    }\n  }\n}\n');
    assert.equal(a.model.units.length, 2);
    assert.equal(a.model.departments[0].units.length, 2);
    assert.equal(a.model.units[1].year, 2025);
    assert.equal(a.model.units[1].department?.text, '某部门');
    assert.equal(a.figures[1].func.root.cells.total, 200_000_000n);
    assert.deepEqual(codes(a, 'warning'), []);
  });

  it('a department with its own (consolidated) sections: checked against its units, and tabulated first', () => {
    const a = analyze(DEP('2.00'));
    assert.deepEqual(codes(a, 'error'), []);
    assert.equal(a.model.departments[0].consolidated?.name.text, '某局');
    assert.deepEqual(a.model.units.map((u) => u.name.text), ['某局', '甲', '乙']);
    assert.equal(a.model.units[0].consolidates?.length, 2);
  });

  it('a two-digit amount after a code stays an amount; columns join up to the classification’s length', () => {
    const a = analyze(unit('  支出 {\n    208 社会保障和就业支出 50\n    20801 50\n  }\n  经济分类 {\n    301 01 基本工资 人员 1.00\n    302 商品和服务支出\n    30201 50\n  }'));
    assert.deepEqual(a.model.units[0].func!.rows.map((r) => [r.code, r.cells.total?.text]), [['208', '50'], ['20801', '50']]);
    assert.deepEqual(a.model.units[0].econ!.rows.map((r) => r.code), ['30101', '302', '30201']);
    assert.equal(a.model.units[0].econ!.rows[2].cells.total?.text, '50');
  });

  it('economic rows without 来源 are compared with all sources (a carried-over project)', () => {
    const a = analyze(unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n    2080150 事业运行 来源 上年结转 一般公共预算 项目 3\n  }\n  经济分类 {\n    302 商品和服务支出\n    30201 办公费 项目 3\n  }\n  项目 乙 {\n    功能科目 2080150\n    上年结转 一般公共预算 3\n    经济分类 {\n      30201 办公费 3\n    }\n  }'));
    assert.deepEqual(codes(a, 'error'), []);
  });

  it('one 功能科目 with the whole amount books a multi-source project source by source', () => {
    const a = analyze(unit('  收入 {\n    一般公共预算 5\n    政府性基金预算 5\n  }\n  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n    2080150 事业运行 项目 5\n    2080150 事业运行 来源 政府性基金预算 项目 5\n  }\n  项目 乙 {\n    功能科目 2080150 10\n    一般公共预算 5\n    政府性基金预算 5\n  }'));
    assert.deepEqual(codes(a, 'error'), []);
  });

  it('the insert-parent fix keeps a one-line block intact', () => {
    const t = unit('  支出 { 2080150 事业运行 人员 5 }');
    const d = analyze(t).diagnostics.find((x) => x.code === 'BUD102')!;
    const e = d.fixes![0].edits[0];
    const fixed = t.slice(0, e.start) + e.newText + t.slice(e.end);
    assert.deepEqual(codes(analyze(fixed), 'error'), ['BUD102'], 'only 20801’s own parent is missing now');
  });

  it('list-table names may hold digits (金保工程2期)', () => {
    const a = analyze(unit('  政府采购 {\n    金保工程2期 12.00\n  }'));
    assert.deepEqual(a.diagnostics, []);
    assert.equal(a.model.units[0].lists[0].rows[0].name?.text, '金保工程2期');
  });

  it('full-width digits in an indicator value are flagged with a fix', () => {
    const a = analyze(IND('      培训人次 ＝ ５０ 人 2025-12'));
    const d = a.diagnostics.find((x) => x.code === 'BUD005');
    assert.equal(d?.fixes?.[0].edits[0].newText, '50');
  });

  it('a block’s own money unit: messages and fixes in that unit', () => {
    const a = analyze(unit('  三公 {\n    金额单位 万元\n    合计 1.50\n    公务用车运行费 0.94\n    公务接待费 0.50\n  }', '年度 2025\n  金额单位 元'));
    const d = a.diagnostics.find((x) => x.code === 'BUD503')!;
    assert.equal(d.args.computed, '1.44');
    assert.equal(d.fixes?.[0].edits[0].newText, '1.44');
  });

  it('a capital line (310) inside basic expenditure is held', () => {
    const a = analyze(ECON('    310 资本性支出 公用 3.00\n    31002 办公设备购置 公用 3.00'));
    assert.deepEqual(codes(a, 'error'), []);
  });
});

describe('checks: tables pasted from a PDF — accounting negatives and joined rows', () => {
  /** The text with every fix of the diagnostics of `code` applied. */
  const fixAll = (a: ReturnType<typeof analyze>, code: DiagnosticCode): string => applyEdits(a.text, a.diagnostics.filter((d) => d.code === code).flatMap((d) => d.fixes![0].edits));

  const NEGATIVES = unit([
    '  收入 {',
    '    一般公共预算 100.00',
    '    上年结转 一般公共预算 (20.00)',
    '    收入总计 80.00',
    '  }',
    '  支出 {',
    '    合计 80.00',
    '    208 社会保障和就业支出 80.00 人员 100.00 公用 （20.00）',
    '    20801 人力资源和社会保障管理事务 人员 100.00 公用 (20.00)',
    '    2080150 事业运行 人员 100.00 公用 (20.00)',
    '  }',
    '  三公 {',
    '    合计 0.50',
    '    公务用车运行费 1.50',
    '    公务接待费 (1.00)',
    '  }',
  ].join('\n'));

  it('(20.00) and （20.00） in amount positions are read as negatives (totals check), each flagged with a fix to -20.00', () => {
    const a = analyze(NEGATIVES);
    const d = a.diagnostics.filter((x) => x.code === 'BUD015');
    assert.deepEqual(d.map((x) => at(a, x)), ['(20.00)', '（20.00）', '(20.00)', '(20.00)', '(1.00)']);
    assert.equal(d[0].severity, 'warning');
    assert.equal(renderMessage(d[0], 'zh-CN'), '“(20.00)”是财务报表用括号表示的负数，按 -20.00 读取；本语言的负数写作 -20.00');
    assert.equal(renderMessage(d[1], 'en'), '“（20.00）” is an accounting-style negative amount (in parentheses), read as -20.00; this language writes it -20.00');
    assert.deepEqual(d[1].fixes?.[0].edits, [{ start: d[1].start, end: d[1].end, newText: '-20.00' }]);
    assert.equal(d[1].fixes?.[0].title.zh, '改为 -20.00');
    // Read as negatives: 收入总计 100 − 20, 合计 100 − 20, 三公 1.50 − 1.00 all check, and nothing cascades.
    assert.deepEqual(a.diagnostics.filter((x) => x.severity !== 'information' && x.code !== 'BUD015').map((x) => `${x.code} ${at(a, x)}`), []);
    const u = a.model.units[0];
    assert.equal(u.income!.lines.find((l) => l.carried)!.amount!.value, -2_000_000_000n);
    assert.equal(u.func!.rows[0].cells.public?.value, -2_000_000_000n);
    assert.equal(u.func!.rows[0].cells.public?.text, '（20.00）');
    assert.equal(a.figures[0].func.root.cells.total, 8_000_000_000n);
    // Every fix applied: the language's notation, the same figures, a clean check.
    const fixed = fixAll(a, 'BUD015');
    assert.ok(fixed.includes('    上年结转 一般公共预算 -20.00\n') && fixed.includes('人员 100.00 公用 -20.00\n') && fixed.includes('    公务接待费 -1.00\n'), fixed);
    const b = analyze(fixed);
    assert.deepEqual(b.diagnostics.filter((x) => x.severity !== 'information').map((x) => x.code), []);
    assert.equal(b.figures[0].func.root.cells.total, a.figures[0].func.root.cells.total);
  });

  it('before: a parenthesised amount was three items and a cascade of errors (now one warning per amount)', () => {
    // The pieces as the lexer gives them: `(` is text, `20.00` a number, `)` text. The binder reads them as one.
    const a = analyze(FUNC('    208 社会保障和就业支出 人员 100.00 公用 (20.00)'));
    assert.deepEqual(a.diagnostics.filter((x) => x.severity !== 'information').map((x) => x.code), ['BUD015']);
  });

  it('thousands separators and full-width digits inside the parentheses: the fix writes plain digits (no separate BUD005)', () => {
    const a = analyze(unit('  项目 甲 {\n    金额 (1,234.56)\n    一般公共预算 （１,２３４.５６）\n  }', '年度 2025\n  金额单位 元'));
    const d = a.diagnostics.filter((x) => x.code === 'BUD015');
    assert.deepEqual(d.map((x) => x.fixes![0].edits[0].newText), ['-1,234.56', '-1,234.56']);
    assert.ok(!a.diagnostics.some((x) => x.code === 'BUD005'));
    const p = a.model.units[0].projects[0];
    assert.equal(p.amount?.value, -12_345_600n);
    assert.equal(p.bySource[0].amount.value, -12_345_600n);
    assert.deepEqual(codes(a, 'error'), []);
  });

  it('parentheses in names and texts are left alone: 差旅费（含培训）, 测试(2025), (1), (2025), and the text of 内容', () => {
    const text = unit([
      '  支出 {',
      '    208 社会保障和就业支出',
      '    20801 人力资源和社会保障管理事务',
      '    2080109 社会保险经办机构（本级） 项目 1.00',
      '  }',
      '  经济分类 {',
      '    302 商品和服务支出 项目 1.00',
      '    30211 差旅费（含培训） 项目 1.00',
      '  }',
      '  项目 测试(2025) {',
      '    内容 分 (3) 批发放，合计 (1.00) 万元',
      '    金额 1.00',
      '    功能科目 2080109',
      '    经济分类 {',
      '      30211 差旅费（含培训） 1.00',
      '    }',
      '  }',
      '  政府采购 {',
      '    办公设备 (1) 12.00',
      '    印刷服务 (2025) 1.00',
      '  }',
    ].join('\n'));
    const a = analyze(text);
    assert.ok(!a.diagnostics.some((x) => x.code === 'BUD015'));
    assert.deepEqual(codes(a, 'error'), []);
    const u = a.model.units[0];
    assert.equal(u.func!.rows[2].name?.text, '社会保险经办机构（本级）');
    assert.equal(u.econ!.rows[1].name?.text, '差旅费（含培训）');
    assert.equal(u.projects[0].name.text, '测试(2025)');
    assert.equal(u.projects[0].content?.text, '分 (3) 批发放，合计 (1.00) 万元');
    assert.deepEqual(u.lists[0].rows.map((r) => r.name?.text), ['办公设备 (1)', '印刷服务 (2025)']);
  });

  const JOINED = FUNC([
    '    合计 150.50 208 社会保障和就业支出 150.50',
    '    20801 人力资源和社会保障管理事务 150.50',
    '    2080109 社会保险经办机构 120.50 人员 100.00 公用 20.50 2080150 事业运行 20.00 人员 20.00 2080199 其他人力资源和社会保障管理事务支出 10.00 人员 10.00',
  ].join('\n'));

  it('rows joined on one line (a PDF copy) are read as rows (totals check), each flagged on its part with a fix that breaks the line', () => {
    const a = analyze(JOINED);
    const d = a.diagnostics.filter((x) => x.code === 'BUD016');
    assert.deepEqual(d.map((x) => at(a, x)), [
      '208 社会保障和就业支出 150.50',
      '2080150 事业运行 20.00 人员 20.00',
      '2080199 其他人力资源和社会保障管理事务支出 10.00 人员 10.00',
    ]);
    assert.equal(d[0].severity, 'warning');
    assert.equal(renderMessage(d[1], 'zh-CN'), '“2080150 事业运行”是另一行（从 PDF 复制时两行表格连成了一行），已按单独的一行读取；请拆成两行');
    assert.equal(renderMessage(d[1], 'en'), '“2080150 事业运行” is another row (two table rows joined on one line, as copying from a PDF gives); it is read as a row of its own — split the line');
    assert.equal(d[1].fixes?.[0].title.zh, '拆成两行');
    const sec = a.model.units[0].func!;
    assert.equal(sec.total?.cells.total?.text, '150.50');
    assert.deepEqual(sec.rows.map((r) => [r.code, r.name?.text, r.cells.total?.text, r.cells.personnel?.text]), [
      ['208', '社会保障和就业支出', '150.50', undefined],
      ['20801', '人力资源和社会保障管理事务', '150.50', undefined],
      ['2080109', '社会保险经办机构', '120.50', '100.00'],
      ['2080150', '事业运行', '20.00', '20.00'],
      ['2080199', '其他人力资源和社会保障管理事务支出', '10.00', '10.00'],
    ]);
    // Each row's span is its own part of the line.
    assert.equal(a.text.slice(sec.rows[2].span.start, sec.rows[2].span.end), '2080109 社会保险经办机构 120.50 人员 100.00 公用 20.50');
    assert.deepEqual(a.diagnostics.filter((x) => x.severity === 'error' || (x.severity === 'warning' && x.code !== 'BUD016')).map((x) => x.code), []);
    // One fix breaks its line at the line's indentation.
    const one = applyEdits(JOINED, d[1].fixes![0].edits);
    assert.ok(one.includes('公用 20.50\n    2080150 事业运行 20.00 人员 20.00 2080199'), one);
    // All of them: one row a line, the same rows, nothing left to report.
    const fixed = fixAll(a, 'BUD016');
    assert.ok(fixed.includes('    合计 150.50\n    208 社会保障和就业支出 150.50\n'), fixed);
    assert.ok(fixed.includes('公用 20.50\n    2080150 事业运行 20.00 人员 20.00\n    2080199 其他人力资源和社会保障管理事务支出 10.00 人员 10.00\n'), fixed);
    const b = analyze(fixed);
    assert.deepEqual(b.diagnostics.filter((x) => x.severity !== 'information').map((x) => x.code), []);
    assert.deepEqual(b.model.units[0].func!.rows.map((r) => [r.code, r.cells.total?.text]), sec.rows.map((r) => [r.code, r.cells.total?.text]));
  });

  it('before: the second row was three unexpected items and a wrong roll-up (now one warning)', () => {
    const a = analyze(ECON('    301 工资福利支出 70.00\n    30101 基本工资 50.00 30102 津贴补贴 20.00'));
    assert.deepEqual(a.diagnostics.filter((x) => x.severity !== 'information').map((x) => x.code), ['BUD016']);
    assert.deepEqual(a.model.units[0].econ!.rows.map((r) => [r.code, r.name?.text, r.cells.total?.text]), [['301', '工资福利支出', '70.00'], ['30101', '基本工资', '50.00'], ['30102', '津贴补贴', '20.00']]);
  });

  it('joined rows with codes in columns, in 收入科目 and in a project’s 经济分类, with CRLF line ends', () => {
    const text = unit([
      '  收入科目 {',
      '    208 社会保障和就业支出 3.00 一般公共预算 3.00 208 05 行政事业单位养老支出 3.00 一般公共预算 3.00',
      '    208 05 05 机关事业单位基本养老保险缴费支出 1.00 一般公共预算 1.00 208 05 06 机关事业单位职业年金缴费支出 2.00 一般公共预算 2.00',
      '  }',
      '  支出 {',
      '    208 社会保障和就业支出 3.00',
      '    20805 行政事业单位养老支出 3.00',
      '    2080505 机关事业单位基本养老保险缴费支出 人员 1.00',
      '    2080506 机关事业单位职业年金缴费支出 项目 2.00',
      '  }',
      '  项目 甲 {',
      '    金额 2.00',
      '    功能科目 2080506',
      '    经济分类 {',
      '      30201 办公费 1.50 30202 印刷费 0.50',
      '    }',
      '  }',
    ].join('\n')).replace(/\n/g, '\r\n');
    const a = analyze(text);
    const d = a.diagnostics.filter((x) => x.code === 'BUD016');
    assert.deepEqual(d.map((x) => x.args.found), ['208 05 行政事业单位养老支出', '208 05 06 机关事业单位职业年金缴费支出', '30202 印刷费']);
    assert.deepEqual(a.model.units[0].incomeFunc!.rows.map((r) => r.code), ['208', '20805', '2080505', '2080506']);
    assert.deepEqual(a.model.units[0].projects[0].econ.map((l) => [l.code, l.amount?.text]), [['30201', '1.50'], ['30202', '0.50']]);
    assert.deepEqual(a.diagnostics.filter((x) => x.severity !== 'information' && x.code !== 'BUD016').map((x) => x.code), []);
    const fixed = fixAll(a, 'BUD016');
    assert.ok(fixed.includes('      30201 办公费 1.50\r\n      30202 印刷费 0.50\r\n'), JSON.stringify(fixed));
    assert.deepEqual(analyze(fixed).diagnostics.filter((x) => x.severity !== 'information').map((x) => x.code), []);
  });

  it('not a joined row: names with digits, several amounts by column, integer amounts, “1 234.56”, another class’s code', () => {
    const cases = [
      FUNC('    208 社会保障和就业支出 150.50 基本 120.50 人员 100.00 公用 20.50 项目 30.00'),
      FUNC('    208 第3批 补助 30.00'),
      FUNC('    208 "2025年度 补助" 30.00 人员 30.00'),
      FUNC('    208 社会保障和就业支出 30.00 2025年度补助'),
      FUNC('    208 社会保障和就业支出 30.00 301 工资福利支出'),
      FUNC('    208 社会保障和就业支出 1 234.56'),
      INCF('    208 社会保障和就业支出 5.00 财政拨款收入 5.00 一般公共预算 3.00 政府性基金预算 2.00'),
      unit('  经济分类 {\n    301 工资福利支出 50000 30000 20000\n  }', '年度 2025\n  金额单位 元'),
      unit('  经济分类 {\n    301 工资福利支出 50000 30101 20000\n  }', '年度 2025\n  金额单位 元'),
    ];
    for (const text of cases) {
      const a = analyze(text);
      assert.ok(!a.diagnostics.some((x) => x.code === 'BUD016'), text);
      assert.ok(a.model.units[0].func?.rows.length !== 2 && (a.model.units[0].econ?.rows.length ?? 1) === 1, text);
    }
  });
});
