import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { codes, unit } from '../util';
import { ECON, FUNC, runCases } from './cases';
import { structure } from '../../../server/src/core/checks/structure';

/** A user catalog (new format) where code 299 was renamed in the 2025 edition. */
const EDITIONS_CATALOG = 'code\tname\teditions\n299\t旧名称支出\t2020-2024\n299\t新名称支出\t2025-2026\n';

describe('check: code structure', () => {
  runCases(structure.codes, [
    { code: 'BUD101', what: 'bad code length', bad: FUNC('    2080 社会保障'), good: FUNC('    208 社会保障和就业支出'), where: '2080' },
    { code: 'BUD102', what: 'missing parent', bad: FUNC('    208 社会保障和就业支出\n    2080150 事业运行 人员 1.00'), good: FUNC('    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n    2080150 事业运行 人员 1.00'), where: '2080150' },
    { code: 'BUD103', what: 'duplicate code', bad: FUNC('    208 社会保障和就业支出\n    208 社会保障和就业支出'), good: FUNC('    208 社会保障和就业支出\n    208 社会保障和就业支出 来源 政府性基金预算'), where: '208' },
    { code: 'BUD104', what: 'name differs from catalog', bad: FUNC('    208 社保支出'), good: FUNC('    208 社会保障和就业支出'), where: '社保支出' },
    { code: 'BUD105', what: 'code not in catalog (information)', bad: FUNC('    299 其他支出'), good: FUNC('    208 社会保障和就业支出'), where: '299' },
    { code: 'BUD106', what: 'economic code in the function section', bad: FUNC('    301 工资福利支出'), good: ECON('    301 工资福利支出'), where: '301' },
    { code: 'BUD107', what: 'project function code unknown everywhere', bad: unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n  }\n  项目 甲 {\n    金额 1.00\n    功能科目 2080177\n  }'), good: unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n  }\n  项目 甲 {\n    金额 1.00\n    功能科目 2080109\n  }'), where: '2080177' },
    { code: 'BUD108', what: 'project without function code', bad: unit('  支出 {\n    208 社会保障和就业支出\n  }\n  项目 甲 {\n    金额 1.00\n  }'), good: unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n  }\n  项目 甲 {\n    金额 1.00\n    功能科目 2080109\n  }'), where: '甲' },
    { code: 'BUD109', what: 'a code that is not one of the edition’s, under a parent the catalog knows completely (warning)', bad: ECON('    302 商品和服务支出\n    30210 差旅费 公用 1.00'), good: ECON('    302 商品和服务支出\n    30211 差旅费 公用 1.00'), where: '30210' },
    { code: 'BUD110', what: 'the name a code has in another edition (warning)', bad: FUNC('    299 旧名称支出'), good: FUNC('    299 新名称支出'), where: '旧名称支出', catalog: EDITIONS_CATALOG },
    { code: 'BUD112', what: 'a code catalogued for other editions only, where the catalog is partial (information)', bad: unit('  支出 {\n    207 文化旅游体育与传媒支出\n    20703 体育\n    2070308 群众体育 人员 1.00\n    20701 文化和旅游 人员 1.00\n  }', '年度 2024'), good: unit('  支出 {\n    207 文化旅游体育与传媒支出\n    20703 体育\n    2070308 群众体育 人员 1.00\n  }', '年度 2024'), where: '20701' },
  ]);

  it('the insert-parent fix keeps a one-line block intact', () => {
    const t = unit('  支出 { 2080150 事业运行 人员 5 }');
    const d = analyze(t).diagnostics.find((x) => x.code === 'BUD102')!;
    const e = d.fixes![0].edits[0];
    const fixed = t.slice(0, e.start) + e.newText + t.slice(e.end);
    assert.deepEqual(codes(analyze(fixed), 'error'), ['BUD102'], 'only 20801’s own parent is missing now');
  });

  it('a project line whose parent is not listed (BUD102): the fix adds the parent to the unit’s 经济分类 / 支出 in code order', () => {
    const t = unit('  支出 {\n    213 农林水支出\n    21301 农业农村\n    2130101 行政运行 人员 1.00\n  }\n  经济分类 {\n    301 工资福利支出\n    30101 基本工资 人员 1.00\n    399 其他支出\n  }\n  项目 甲 {\n    功能科目 2130101\n    金额 5.00\n    经济分类 {\n      31005 基础设施建设 5.00\n    }\n  }');
    const d = analyze(t).diagnostics.find((x) => x.code === 'BUD102')!;
    assert.equal(t.slice(d.start, d.end), '31005');
    assert.equal(d.fixes![0].title.zh, '在经济分类中加入 310 资本性支出');
    const e = d.fixes![0].edits[0];
    const fixed = t.slice(0, e.start) + e.newText + t.slice(e.end);
    assert.match(fixed, /    30101 基本工资 人员 1\.00\n    310 资本性支出\n    399 其他支出\n/);
    assert.deepEqual(codes(analyze(fixed)).filter((c) => c === 'BUD102'), []);
    // A project's function code under a 款 that 支出 does not list.
    const f = unit('  支出 {\n    213 农林水支出\n    21301 农业农村\n    2130101 行政运行 人员 1.00\n  }\n  项目 甲 {\n    功能科目 2130501\n    金额 5.00\n  }');
    const df = analyze(f).diagnostics.find((x) => x.code === 'BUD102')!;
    const ef = df.fixes![0].edits[0];
    const ffixed = f.slice(0, ef.start) + ef.newText + f.slice(ef.end);
    assert.match(ffixed, /    2130101 行政运行 人员 1\.00\n    21305 /);
    assert.deepEqual(codes(analyze(ffixed)).filter((c) => c === 'BUD102'), []);
  });

  it('a code of the wrong length (BUD101): the fixes offer the catalog’s nearest codes under the parent above — the one with the name written alone', () => {
    const fixesOf = (t: string, nth = 0): Array<{ title: string; code: string; preferred: boolean }> => {
      const d = analyze(t).diagnostics.filter((x) => x.code === 'BUD101')[nth];
      assert.ok(d, 'BUD101');
      return (d.fixes ?? []).map((f) => ({ title: f.title.zh, code: f.edits[0].newText, preferred: !!f.preferred }));
    };
    // A 项 with a digit missing, under the 款 above: the name written picks 2080505.
    const t = unit('  支出 {\n    208 社会保障和就业支出\n    20805 行政事业单位养老支出\n    208055 机关事业单位基本养老保险缴费支出 人员 1.00\n  }');
    assert.deepEqual(fixesOf(t), [{ title: '改为 2080505 机关事业单位基本养老保险缴费支出（20805 之下）', code: '2080505', preferred: true }]);
    const d = analyze(t).diagnostics.find((x) => x.code === 'BUD101')!;
    const e = d.fixes![0].edits[0];
    assert.deepEqual(codes(analyze(t.slice(0, e.start) + e.newText + t.slice(e.end)), 'error'), []);
    // No name: the nearest codes under the parent above (a digit to add), at most three, none preferred.
    const bare = fixesOf(ECON('    302 商品和服务支出\n    3021 公用 1.00'));
    assert.deepEqual(bare.map((f) => f.code), ['30211', '30212', '30213']);
    assert.ok(bare.every((f) => !f.preferred));
    // A project's economic line: the parent from its digits (the unit's row or the catalog's code).
    const p = unit('  经济分类 {\n    302 商品和服务支出\n    30201 办公费 公用 1.00\n  }\n  项目 甲 {\n    金额 1.00\n    经济分类 {\n      3020 办公费 1.00\n    }\n  }');
    assert.deepEqual(fixesOf(p).map((f) => f.code), ['30201']);
    // No parent above: the 类 its digits begin with (208 in the catalog); a code under nothing known: no guess.
    assert.deepEqual(fixesOf(FUNC('    2080 社会保障')).map((f) => f.code.slice(0, 4)), ['2080', '2080', '2080']);
    assert.deepEqual(fixesOf(FUNC('    2980 其他')), []);
  });
});
