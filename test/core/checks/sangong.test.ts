import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { unit } from '../util';
import { runCases } from './cases';
import { sangong } from '../../../server/src/core/checks/sangong';

describe('check: 三公', () => {
  runCases(sangong.codes, [
    { code: 'BUD503', what: '三公 total ≠ parts', bad: unit('  三公 {\n    合计 9.00\n    公务用车运行费 7.25\n    公务接待费 1.00\n  }'), good: unit('  三公 {\n    合计 8.25\n    公务用车运行费 7.25\n    公务接待费 1.00\n  }'), where: '9.00' },
    { code: 'BUD504', what: '三公 exceeds 30217 (economic table with the projects’ part)', bad: unit('  三公 {\n    公务接待费 2.00\n  }\n  经济分类 {\n    302 商品和服务支出\n    30201 办公费 项目 1.00\n    30217 公务接待费 公用 1.00 项目 0\n  }'), good: unit('  三公 {\n    公务接待费 1.00\n  }\n  经济分类 {\n    302 商品和服务支出\n    30201 办公费 项目 1.00\n    30217 公务接待费 公用 1.00 项目 0\n  }'), where: '2.00' },
  ]);

  it('a block’s own money unit: messages and fixes in that unit', () => {
    const a = analyze(unit('  三公 {\n    金额单位 万元\n    合计 1.50\n    公务用车运行费 0.94\n    公务接待费 0.50\n  }', '年度 2025\n  金额单位 元'));
    const d = a.diagnostics.find((x) => x.code === 'BUD503')!;
    assert.equal(d.args.computed, '1.44');
    assert.equal(d.fixes?.[0].edits[0].newText, '1.44');
  });
});
