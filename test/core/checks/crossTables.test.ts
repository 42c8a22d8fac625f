import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { codes, unit } from '../util';
import { runCases } from './cases';
import { crossTables } from '../../../server/src/core/checks/crossTables';

describe('check: cross-table identities', () => {
  runCases(crossTables.codes, [
    { code: 'BUD501', what: 'function basic ≠ economic basic', bad: unit('  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }\n  经济分类 {\n    301 工资福利支出 人员 5.00\n  }'), good: unit('  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }\n  经济分类 {\n    301 工资福利支出 人员 4.00\n  }') },
    { code: 'BUD502', what: 'project economic split ≠ amount', bad: unit('  项目 甲 {\n    金额 5.00\n    经济分类 {\n      30201 办公费 4.00\n    }\n  }\n  经济分类 {\n    302 商品和服务支出\n  }'), good: unit('  项目 甲 {\n    金额 5.00\n    经济分类 {\n      30201 办公费 5.00\n    }\n  }\n  经济分类 {\n    302 商品和服务支出\n  }') },
    { code: 'BUD505', what: 'empty table with data', bad: unit('  政府性基金支出 无\n  支出 {\n    208 社会保障和就业支出 来源 政府性基金预算 人员 1.00\n  }'), good: unit('  政府性基金支出 无\n  支出 {\n    208 社会保障和就业支出 人员 1.00\n  }') },
    { code: 'BUD506', what: 'no government correspondence', bad: unit('  经济分类 {\n    399 其他支出\n    39999 其他支出 公用 1.00\n  }\n  政府经济分类 {\n  }', '年度 2025\n  性质 事业单位'), good: unit('  经济分类 {\n    399 其他支出\n    39999 其他支出 公用 1.00\n  }\n  对照 {\n    39999 59999\n  }\n  政府经济分类 {\n  }', '年度 2025\n  性质 事业单位'), where: '39999' },
    { code: 'BUD512', what: 'no unit kind and no 对照: the government economic table cannot be derived (information)', bad: unit('  经济分类 {\n    301 工资福利支出 人员 1.00\n  }'), good: unit('  经济分类 {\n    301 工资福利支出 人员 1.00\n  }', '年度 2025\n  性质 事业单位'), where: '经济分类' },
    { code: 'BUD513', what: 'a code whose correspondence the catalog lacks, derived table (information)', bad: unit('  经济分类 {\n    302 商品和服务支出\n    30217 公务接待费 公用 1.00\n  }', '年度 2025\n  性质 行政单位'), good: unit('  经济分类 {\n    302 商品和服务支出\n    30217 公务接待费 公用 1.00\n  }', '年度 2025\n  性质 事业单位'), where: '30217' },
    { code: 'BUD507', what: 'overall tasks ≠ basic', bad: unit('  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }\n  整体绩效 {\n    任务 保工资 3.00\n  }'), good: unit('  支出 {\n    208 社会保障和就业支出 人员 4.00\n  }\n  整体绩效 {\n    任务 保工资 4.00\n  }') },
  ]);

  it('a project amount split by source is checked against 金额', () => {
    const a = analyze(unit('  项目 甲 {\n    金额 5.00\n    一般公共预算 3.00\n    事业收入 1.00\n  }'));
    assert.ok(codes(a).includes('BUD502'));
  });
});
