/**
 * Test cases of the diagnostics, one positive and one negative per code: `bad` must report the code (at the text
 * `where`), `good` (the corrected input) must not. Each check's tests (test/core/checks/<check>.test.ts) and the
 * binder's (test/core/bind/) run their cases with `runCases`, which also fails when a code the reporter declares
 * has no case. And the small documents the cases are written in.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analyze';
import { catalogWith } from '../../../server/src/core/catalog';
import { REGISTRY, renderMessage, type DiagnosticCode } from '../../../server/src/core/diagnostics';
import { at, codes, unit } from '../util';

export interface Case {
  code: DiagnosticCode;
  what: string;
  bad: string;
  good: string;
  where?: string;
  /** A user catalog file (budget.catalogPath) the case is checked with. */
  catalog?: string;
}

/** Runs the cases, and checks that every code in `declared` (what the reporter declares it reports) has one. */
export function runCases(declared: readonly DiagnosticCode[], cases: Case[]): void {
  for (const c of cases) {
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
  it('has a case for every code it declares', () => {
    const covered = new Set(cases.map((c) => c.code));
    assert.deepEqual(declared.filter((code) => !covered.has(code)), []);
  });
}

export const FUNC = (rows: string): string => unit(`  支出 {\n${rows}\n  }`);
export const ECON = (rows: string): string => unit(`  经济分类 {\n${rows}\n  }`);
export const IND = (lines: string, extra = ''): string => unit(`  项目 测试项目 {\n    金额 5.00\n    功能科目 2080109\n${extra}    指标 {\n      一级 产出指标\n      二级 数量指标\n${lines}\n    }\n  }\n  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n  }`);

/** 收入科目 with 支出 (and 收入): income by function code. */
export const INCF = (rows: string, func = '    208 社会保障和就业支出 人员 5.00', income = ''): string => unit(`${income}  收入科目 {\n${rows}\n  }\n  支出 {\n${func}\n  }`);

/** A project with the attributes of the performance form (amount 5.00 in 2025). */
export const PROJ = (lines: string): string => unit(`  项目 甲 {\n    金额 5.00\n${lines}\n  }`);

export const DEP = (b: string): string => `年度 2025\n部门 某局 {\n  支出 {\n    合计 3.00\n    205 教育支出 人员 3.00\n  }\n  单位 甲 {\n    支出 {\n      205 教育支出 人员 1.00\n    }\n  }\n  单位 乙 {\n    支出 {\n      205 教育支出 人员 ${b}\n    }\n  }\n}\n`;

/** A 上年比较 block in a unit with 收入 and 支出 (收入总计 = 支出总计 = 100.00). */
export const CMP = (lines: string, extra = ''): string => unit(`  收入 {\n    一般公共预算 100.00\n  }\n  支出 {\n    208 社会保障和就业支出 人员 100.00\n  }\n${extra}  上年比较 {\n${lines}\n  }`);
