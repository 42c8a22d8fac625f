/**
 * The core's entry points never throw: a defect in one stage is an internal error (BUD019, its own code, not a
 * syntax error) where it happened, and the rest of the analysis, the other checks and the other tables go on.
 * Message arguments are typed per code; one a report leaves out shows as its placeholder, which the message tests
 * catch, instead of rendering as nothing.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analyze';
import { CHECKS, type Check } from '../../server/src/core/checks';
import { renderMessage } from '../../server/src/core/diagnostics';
import { buildTables } from '../../server/src/core/tables';
import { mutate } from '../robustness/util';
import { FUNC } from './checks/cases';
import { sample } from './util';

describe('guards: an internal error is reported where it happened, and everything else goes on', () => {
  it('a check that throws: BUD019 on the unit, naming the check; the other checks still report', () => {
    const broken: Check = { name: 'a broken check', codes: [], run: () => { throw new Error('boom'); } };
    (CHECKS as Check[]).unshift(broken);
    try {
      const a = analyze(FUNC('    208 社会保障和就业支出 3.00\n    20801 人力资源和社会保障管理事务 人员 1.00'));
      const e = a.diagnostics.filter((d) => d.code === 'BUD019');
      assert.equal(e.length, 1);
      assert.equal(e[0].severity, 'error');
      assert.equal(a.text.slice(e[0].start, e[0].end), '单位 测试单位');
      assert.equal(renderMessage(e[0], 'zh-CN'), '检查器的内部错误（a broken check）：boom；此处的部分检查未能完成，请报告此问题');
      assert.equal(renderMessage(e[0], 'en'), 'Internal error of the checker (a broken check): boom; some checks here were not completed — please report it');
      assert.ok(a.diagnostics.some((d) => d.code === 'BUD201'), 'the roll-up is still checked');
    } finally {
      (CHECKS as Check[]).shift();
    }
  });

  it('a table that cannot be built is replaced by one saying so; the others are built', () => {
    const a = analyze(sample('fushun-2025.budget'));
    const all = buildTables(a);
    (a.figures[0] as { func: unknown }).func = undefined;
    const tables = buildTables(a);
    const failed = tables.filter((t) => t.id === '内部错误');
    assert.ok(failed.length > 0);
    assert.match(failed[0].note!, /^表\d+ \S+: /, 'the note names the table and the error');
    assert.ok(tables.some((t) => t.id === '表1') || tables.some((t) => t.id === '表2'), 'the tables that do not need the function tree are built');
    assert.ok(tables.length >= all.length - failed.length);
  });

  it('a message argument left out shows as its placeholder (so that the message tests fail), not as nothing', () => {
    assert.equal(renderMessage({ code: 'BUD009', args: {} }, 'zh-CN'), '“{word}”之后应有“{ … }”块');
  });

  it('every diagnostic of the samples and of their mutations renders every placeholder, in both languages', function () {
    this.timeout(60_000);
    const texts = ['fushun-2025.budget', 'fushun-2025-authoring.budget', 'comparison.budget', 'income-by-function.budget', 'real-chengguan-2026.budget', 'real-wanli-2025.budget', 'department-yuan.budget'].map(sample);
    for (let i = 0; i < 60; i++) texts.push(mutate(900 + i, texts[i % texts.length], 8));
    for (const text of texts) {
      for (const d of analyze(text).diagnostics) {
        for (const locale of ['zh-CN', 'en'] as const) assert.doesNotMatch(renderMessage(d, locale), /\{\w+\}|undefined/, `${d.code} ${JSON.stringify(d.args)}`);
      }
    }
  });
});
