import { strict as assert } from 'node:assert';
import { analyzeModel } from '../../server/src/core/analyze';
import { foldingRanges } from '../../server/src/core/features/folding';
import { documentSymbols, workspaceSymbols } from '../../server/src/core/features/symbols';
import { SymbolKind, type DocumentSymbol } from '../../server/src/core/features/types';
import { expectGolden, sample } from '../helpers/golden';
import { analysis, AUTHORING, REVIEWER, where } from './util';

function outline(text: string, s: DocumentSymbol, depth: number, maxDepth: number): unknown {
  const node: Record<string, unknown> = { name: s.name, kind: s.kind, at: where(text, s.selection.start) };
  if (s.detail) node.detail = s.detail;
  if (depth < maxDepth && s.children.length) node.children = s.children.map((c) => outline(text, c, depth + 1, maxDepth));
  else if (s.children.length) node.children = s.children.length;
  return node;
}

function checkContainment(s: DocumentSymbol): void {
  assert.ok(s.span.start <= s.selection.start && s.selection.end <= s.span.end, `${s.name}: selection inside range`);
  for (const c of s.children) {
    assert.ok(s.span.start <= c.span.start && c.span.end <= s.span.end, `${c.name} inside ${s.name}`);
    checkContainment(c);
  }
}

describe('features: document and workspace symbols, folding', () => {
  it('outline: unit > sections > rows nested by code / projects > indicator blocks', () => {
    const syms = documentSymbols(analysis(REVIEWER), 'zh-CN');
    assert.equal(syms.length, 1);
    const u = syms[0];
    assert.equal(u.name, '抚顺市社会保险事业服务中心');
    assert.equal(u.kind, SymbolKind.Module);
    const names = u.children.map((c) => c.name);
    assert.deepEqual(names.slice(0, 6), ['收入', '支出', '经济分类', '政府经济分类', '三公', '政府性基金预算支出表']);
    assert.ok(names.includes('信息化运行日常维护经费（保运转）'));
    const func = u.children.find((c) => c.name === '支出')!;
    const c208 = func.children.find((c) => c.name === '208 社会保障和就业支出')!;
    assert.equal(c208.detail, '162,573.63');
    assert.deepEqual(c208.children.map((c) => c.name.split(' ')[0]), ['20801', '20805', '20826', '20827', '20899']);
    assert.deepEqual(c208.children[0].children.map((c) => c.name.split(' ')[0]), ['2080109', '2080150']);
    const project = u.children.find((c) => c.name === '失业保险补助')!;
    assert.equal(project.kind, SymbolKind.Package);
    assert.equal(project.detail, '203.20');
    const ind = project.children.find((c) => c.name === '指标')!;
    assert.deepEqual(ind.children.map((c) => c.name), ['产出指标', '效益指标', '满意度指标']);
    for (const s of syms) checkContainment(s);
    expectGolden('features', 'symbols-reviewer', syms.map((s) => outline(REVIEWER, s, 0, 3)));
  });

  it('English names for the standard tables', () => {
    const u = documentSymbols(analysis(REVIEWER), 'en')[0];
    assert.ok(u.children.some((c) => c.name === 'government procurement'));
  });

  it('departments hold their units', () => {
    const text = '部门 某局 {\n  年度 2025\n  单位 甲 {\n  }\n  单位 乙 {\n  }\n}\n';
    const syms = documentSymbols(analysis(text), 'zh-CN');
    assert.deepEqual(syms.map((s) => [s.name, s.kind, s.children.map((c) => c.name)]), [['某局', SymbolKind.Namespace, ['甲', '乙']]]);
  });

  it('workspace symbols: units, projects and rows, matched by name or code', () => {
    const a = analysis(REVIEWER);
    const all = workspaceSymbols(a, '');
    assert.ok(all.length > 60);
    assert.ok(all.some((s) => s.name === '抚顺市社会保险事业服务中心' && s.kind === SymbolKind.Module));
    assert.deepEqual(workspaceSymbols(a, '失业保险').map((s) => [s.name, s.kind]), [['失业保险补助', SymbolKind.Package], ['2082701 财政对失业保险基金的补助', SymbolKind.Number]]);
    const byCode = workspaceSymbols(a, '2080109');
    assert.deepEqual(byCode.map((s) => [s.name, s.containerName]), [['2080109 社会保险经办机构', '抚顺市社会保险事业服务中心 · 支出']]);
  });

  it('workspace symbols need only the model: the same from parse + bind as from a full analysis; unnamed rows take the catalog name', () => {
    for (const text of [REVIEWER, AUTHORING, sample('department-yuan.budget')]) {
      assert.deepEqual(workspaceSymbols(analyzeModel(text), ''), workspaceSymbols(analysis(text), ''));
    }
    const text = '金额单位 万元\n单位 某中心 {\n  支出 {\n    2080109 10.00\n    2080109 来源 事业收入 1.00\n    2089999 自编科目 2.00\n  }\n}\n';
    const names = workspaceSymbols(analyzeModel(text), '').filter((s) => s.kind === SymbolKind.Number).map((s) => s.name);
    assert.deepEqual(names, ['2080109 社会保险经办机构', '2080109 社会保险经办机构（事业收入）', '2089999 自编科目']);
  });

  it('workspace symbols list 收入科目 rows, named as written, else as in 支出, else by the catalog', () => {
    const text = [
      '金额单位 万元', '单位 某中心 {',
      '  支出 {', '    2080109 经办机构（支出中的名称） 10.00', '  }',
      '  收入科目 {', '    合计 12.00', '    2080109 10.00', '    2080199 其他 2.00', '    2080505 0.00', '  }', '}', '',
    ].join('\n');
    const rows = workspaceSymbols(analyzeModel(text), '').filter((s) => s.containerName === '某中心 · 收入科目');
    assert.deepEqual(rows.map((s) => s.name), ['2080109 经办机构（支出中的名称）', '2080199 其他', '2080505 机关事业单位基本养老保险缴费支出']);
    assert.deepEqual(workspaceSymbols(analyzeModel(text), '2080199').map((s) => [s.name, s.containerName]), [['2080199 其他', '某中心 · 收入科目']]);
    const first = rows[0];
    assert.equal(text.slice(first.span.start, first.span.end), '2080109');
  });

  it('folding: every block and each run of comment lines', () => {
    const f = foldingRanges(analysis(REVIEWER));
    assert.deepEqual(f[0], { startLine: 0, endLine: 2, kind: 'comment' });
    assert.ok(f.some((r) => r.startLine === 4 && r.kind === undefined), 'the unit block');
    const lines = REVIEWER.split('\n');
    const income = lines.findIndex((l) => l.trim() === '收入 {');
    const r = f.find((x) => x.startLine === income)!;
    assert.equal(lines[r.endLine + 1].trim(), '}', 'the closing brace stays visible');
    expectGolden('features', 'folding-authoring', foldingRanges(analysis(AUTHORING)));
  });

  it('folding an unclosed block runs to the end', () => {
    const text = '单位 x {\n  支出 {\n    208 a 1\n';
    const f = foldingRanges(analysis(text));
    assert.deepEqual(f, [{ startLine: 0, endLine: 3 }, { startLine: 1, endLine: 3 }]);
  });
});
