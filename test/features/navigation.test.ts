import { strict as assert } from 'node:assert';
import { applyEdits } from '../../server/src/core/features/codeActions';
import { definition, highlights, prepareRename, references, rename } from '../../server/src/core/features/navigation';
import { HighlightKind } from '../../server/src/core/features/types';
import { analyze } from '../../server/src/core/analyze';
import { expectGolden } from '../helpers/golden';
import { at, mark, REVIEWER, unit, where } from './util';

const lineOf = (text: string, offset: number): string => {
  const s = text.lastIndexOf('\n', offset - 1) + 1;
  const e = text.indexOf('\n', offset);
  return text.slice(s, e < 0 ? text.length : e).trim();
};

describe('features: navigation', () => {
  it('a project’s 功能科目 goes to the code’s row in 支出', () => {
    const { a, offset } = at(mark(REVIEWER, '功能科目 2080507', 7));
    const d = definition(a, offset);
    assert.equal(d.length, 1);
    assert.equal(a.text.slice(d[0].start, d[0].end), '2080507');
    assert.match(lineOf(a.text, d[0].start), /^2080507 对机关事业单位基本养老保险基金的补助 89,262\.00/);
  });

  it('a row’s code goes to its parent row; a class to the 合计 row', () => {
    const { a, offset } = at(mark(REVIEWER, '2080507 对机关', 2));
    const d = definition(a, offset);
    assert.match(lineOf(a.text, d[0].start), /^20805 行政事业单位养老支出/);
    const top = at(mark(REVIEWER, '210 卫生健康支出', 1));
    assert.match(lineOf(top.a.text, definition(top.a, top.offset)[0].start), /^合计 162,953\.23/);
  });

  it('an economic line in a project goes to the 经济分类 row', () => {
    const { a, offset } = at(mark(REVIEWER, '30214 租赁费 51.48', 1, 1));
    const d = definition(a, offset);
    assert.match(lineOf(a.text, d[0].start), /^30214 租赁费 51\.48 项目 51\.48/);
  });

  it('references and highlights of a function code: its row and every project using it', () => {
    const { a, offset } = at(mark(REVIEWER, '2080109 社会保险经办机构', 3));
    const refs = references(a, offset, true);
    assert.equal(refs.length, 8, 'the row and 7 projects');
    assert.deepEqual(references(a, offset, false).length, 7);
    const hs = highlights(a, offset);
    assert.equal(hs.filter((h) => h.kind === HighlightKind.Write).length, 1);
    expectGolden('features', 'references-2080109', refs.map((r) => `${where(a.text, r.start)} ${lineOf(a.text, r.start)}`));
  });

  it('a project name and the indicator naming it are the same symbol', () => {
    const { a, offset } = at(mark(REVIEWER, '项目 财政对机关事业单位养老保险的补助', 4));
    const refs = references(a, offset, true);
    assert.deepEqual(refs.map((r) => lineOf(a.text, r.start).split(' ')[0]), ['项目', '财政对机关事业单位养老保险的补助']);
  });

  it('rename a project: the declaration and the indicator; names with spaces are quoted', () => {
    const { a, offset } = at(mark(REVIEWER, '项目 财政对机关事业单位养老保险的补助', 4));
    assert.deepEqual(prepareRename(a, offset)?.placeholder, '财政对机关事业单位养老保险的补助');
    const r = rename(a, offset, '养老 补助', 'zh-CN');
    assert.equal(r.edits!.length, 2);
    assert.ok(r.edits!.every((e) => e.newText === '"养老 补助"'));
    const b = analyze(applyEdits(a.text, r.edits!));
    assert.ok(b.model.units[0].projects.some((p) => p.name.text === '养老 补助'));
    assert.deepEqual(b.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.match(rename(a, offset, '失业保险补助', 'en').error!, /already exists/);
  });

  it('rename a code: rows, references and the codes under it', () => {
    const text = unit('  支出 {\n    208 社会保障和就业支出\n    20801 人力资源和社会保障管理事务\n    2080109 社会保险经办机构 来源 政府性基金预算 项目 1.00\n  }\n  项目 p {\n    功能科目 2080109\n    金额 1.00\n  }');
    const { a, offset } = at(mark(text, '20801 人力', 1));
    const r = rename(a, offset, '20802', 'zh-CN');
    const renamed = applyEdits(a.text, r.edits!);
    assert.match(renamed, /20802 人力资源和社会保障管理事务\n {4}2080209 社会保险经办机构/);
    assert.match(renamed, /功能科目 2080209/);
    assert.match(rename(a, offset, '2080', 'zh-CN').error!, /5 位数字/);
    assert.match(rename(a, offset, '20801', 'en').error ?? 'none', /none/);
  });

  it('nothing to navigate from amounts, keywords or blank space', () => {
    const { a, offset } = at(mark(REVIEWER, '162,573.63', 3));
    assert.deepEqual(definition(a, offset), []);
    assert.deepEqual(references(a, offset, true), []);
    assert.equal(prepareRename(a, offset), undefined);
    assert.ok(rename(a, offset, 'x', 'zh-CN').error);
  });
});
