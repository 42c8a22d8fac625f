import { strict as assert } from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { tempDir, writeTree } from '../cli/helpers';
import { LspClient } from '../helpers/lsp';
import type { TablesResult } from '../../server/src/protocol';

/** A department over three unit files; 乙's figure disagrees with the department's (2.50 where 2.00 adds up). */
const DEPT = `年度 2025\n部门 某局 {\n  单位文件 units/*.budget\n  支出 {\n    合计 6.00\n    205 教育支出 人员 6.00\n    205 01 教育管理事务 人员 6.00\n  }\n}\n`;
const unit = (name: string, amount: string): string => `年度 2025\n单位 ${name} {\n  支出 {\n    合计 ${amount}\n    205 教育支出 人员 ${amount}\n    205 01 教育管理事务 人员 ${amount}\n  }\n}\n`;

describe('server: budgets across files (the real server process)', function () {
  this.timeout(60000);
  let dir: string;
  let c: LspClient;
  const uri = (rel: string): string => pathToFileURL(join(dir, rel)).toString();
  const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code));

  beforeEach(async () => {
    dir = tempDir('budget-refs-');
    writeTree(dir, { 'dept.budget': DEPT, 'units/甲.budget': unit('甲', '1.00'), 'units/乙.budget': unit('乙', '2.50'), 'units/丙.budget': unit('丙', '3.00') });
    c = await LspClient.start({ workspaceFolder: dir, watchedFiles: true });
  });
  afterEach(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the department’s diagnostics: BUD509 once, on its line, the unit files as related locations', async () => {
    const p = await c.open(uri('dept.budget'), DEPT);
    const d = p.diagnostics.filter((x) => x.code === 'BUD509');
    assert.equal(d.length, 1, JSON.stringify(p.diagnostics));
    assert.deepEqual(d[0].range, { start: { line: 6, character: 4 }, end: { line: 6, character: 10 } });
    const rel = d[0].relatedInformation ?? [];
    assert.deepEqual(rel.map((r) => r.location.uri).sort(), [uri('units/丙.budget'), uri('units/乙.budget'), uri('units/甲.budget')].sort());
    assert.deepEqual(rel.find((r) => r.location.uri === uri('units/乙.budget'))?.location.range.start, { line: 5, character: 4 });
  });

  it('an edit in a unit file re-publishes the open department’s diagnostics (without touching it)', async () => {
    const first = await c.open(uri('dept.budget'), DEPT);
    assert.ok(codes(first).includes('BUD509'));
    await c.open(uri('units/乙.budget'), unit('乙', '2.50'));
    const republished = c.diagnostics(uri('dept.budget'), (p) => !codes(p).includes('BUD509'));
    await c.change(uri('units/乙.budget'), 2, [{ text: unit('乙', '2.00') }]);
    const after = await republished;
    assert.deepEqual(codes(after).filter((x) => x.startsWith('BUD5')), []);
  });

  it('an edit in a unit file publishes the department’s diagnostics when the department is not open (the workspace index)', async () => {
    await c.open(uri('units/乙.budget'), unit('乙', '2.50'));
    const published = c.diagnostics(uri('dept.budget'), (p) => p.diagnostics.some((x) => x.code === 'BUD509' && /6\.60/.test(String(x.message))));
    await c.change(uri('units/乙.budget'), 2, [{ text: unit('乙', '2.60') }]);
    const p = await published;
    assert.match(String(p.diagnostics.find((x) => x.code === 'BUD509')!.message), /6\.60/);
  });

  it('go to definition from 单位文件 to the units, find references from a unit to its department', async () => {
    await c.open(uri('dept.budget'), DEPT);
    const defs = (await c.request('textDocument/definition', { textDocument: { uri: uri('dept.budget') }, position: { line: 2, character: 8 } })) as Array<{ uri: string }>;
    assert.deepEqual(defs.map((d) => d.uri).sort(), [uri('units/丙.budget'), uri('units/乙.budget'), uri('units/甲.budget')].sort());
    await c.open(uri('units/甲.budget'), readFileSync(join(dir, 'units/甲.budget'), 'utf8'));
    const refs = (await c.request('textDocument/references', { textDocument: { uri: uri('units/甲.budget') }, position: { line: 1, character: 3 }, context: { includeDeclaration: false } })) as Array<{ uri: string; range: { start: { line: number } } }>;
    assert.deepEqual(refs.filter((r) => r.uri === uri('dept.budget')).map((r) => r.range.start.line), [2]);
  });

  it('a 上年 not written is taken from last year’s file: hover says where from', async () => {
    const year = (y: number, amount: string, extra = ''): string => `年度 ${y}\n单位 某所 {\n${extra}  收入 {\n    一般公共预算 ${amount}\n    收入总计 ${amount}\n  }\n  支出 {\n    合计 ${amount}\n    205 教育支出 人员 ${amount}\n  }\n${y === 2025 ? '  上年比较 {\n    收入总计 本年 100.00\n  }\n' : ''}}\n`;
    writeTree(dir, { '2024.budget': year(2024, '90.00') });
    const text = year(2025, '100.00', '  上年文件 2024.budget\n');
    await c.open(uri('2025.budget'), text);
    const line = text.split('\n').findIndex((l) => l.includes('收入总计 本年'));
    const h = (await c.request('textDocument/hover', { textDocument: { uri: uri('2025.budget') }, position: { line, character: 6 } })) as { contents: { value: string } };
    assert.match(h.contents.value, /\*\*上年\*\* 90\.00 万元，取自上年预算文件 `2024\.budget`:5/);
    // The preview's 与上年预算比较 shows it too, marked with where from.
    const res = (await c.request('budget/tables', { uri: uri('2025.budget') })) as TablesResult;
    const cell = res.tables.find((t) => t.id === '比较')?.rows[0][2];
    assert.deepEqual([cell?.text, cell?.computed, cell?.source], ['90.00', true, '取自上年预算文件 2024.budget · taken from last year’s budget']);
  });

  it('the preview’s tables (budget/tables): the department’s 部门支出分单位明细 from the unit files, again after a unit file is edited', async () => {
    await c.open(uri('dept.budget'), DEPT);
    const units = async (): Promise<{ rows: string[][]; dependencies: string[] }> => {
      const res = (await c.request('budget/tables', { uri: uri('dept.budget') })) as TablesResult;
      const t = res.tables.find((x) => x.id === '分单位');
      assert.ok(t, res.tables.map((x) => x.id).join(' '));
      return { rows: t.rows.map((r) => r.slice(0, 3).map((x) => x.text)), dependencies: res.dependencies ?? [] };
    };
    const first = await units();
    assert.deepEqual(first.rows, [['合计', '', '6.00'], ['丙', 'units/丙.budget', '3.00'], ['乙', 'units/乙.budget', '2.50'], ['甲', 'units/甲.budget', '1.00']]);
    assert.deepEqual(first.dependencies.sort(), [uri('units/丙.budget'), uri('units/乙.budget'), uri('units/甲.budget')].sort(), 'the preview asks again when one of them changes');
    await c.open(uri('units/乙.budget'), unit('乙', '2.50'));
    await c.change(uri('units/乙.budget'), 2, [{ text: unit('乙', '2.00') }]);
    assert.deepEqual((await units()).rows[2], ['乙', 'units/乙.budget', '2.00'], 'the open unit file’s text, not the disk’s');
    // Each unit's cells name its file by URI and point at the figure there (a click in the preview reveals it).
    const res = (await c.request('budget/tables', { uri: uri('dept.budget') })) as TablesResult;
    const row = res.tables.find((x) => x.id === '分单位')!.rows[3];
    assert.deepEqual([row[0].file, row[2].file], [uri('units/甲.budget'), uri('units/甲.budget')]);
    assert.equal(unit('甲', '1.00').slice(row[2].span!.start, row[2].span!.end), '1.00');
    assert.equal(res.tables.find((x) => x.id === '分单位')!.rows[0][2].file, undefined, 'the department’s own figure');
  });
});

describe('server: budgets across files without a workspace folder (files opened on their own)', function () {
  this.timeout(60000);
  let dir: string;
  let c: LspClient;
  const uri = (rel: string): string => pathToFileURL(join(dir, rel)).toString();

  beforeEach(async () => {
    dir = tempDir('budget-refs-nofolder-');
    writeTree(dir, {
      'dept.budget': DEPT, 'units/甲.budget': unit('甲', '1.00'), 'units/乙.budget': unit('乙', '2.50'), 'units/丙.budget': unit('丙', '3.00'),
      'other/局二.budget': DEPT.replace('某局', '局二').replace('units/*.budget', '../units/乙.budget'),
    });
    c = await LspClient.start({});
  });
  afterEach(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the department’s references resolve in its folder, and the other department listing a unit there is found (BUD915)', async () => {
    const published = c.diagnostics(uri('dept.budget'), (p) => p.diagnostics.some((x) => x.code === 'BUD915'));
    await c.open(uri('dept.budget'), DEPT);
    const p = await published;
    assert.deepEqual(p.diagnostics.map((x) => String(x.code)).filter((x) => /^BUD[59]/.test(x)).sort(), ['BUD509', 'BUD915']);
    assert.match(String(p.diagnostics.find((x) => x.code === 'BUD915')!.message), /“units\/乙\.budget”也列在部门文件“other\/局二\.budget”中/);
  });
});


describe('server: a unit file opened where its department is not (the folders above it)', function () {
  this.timeout(60000);
  let dir: string;
  let c: LspClient | undefined;
  const uri = (rel: string): string => pathToFileURL(join(dir, rel)).toString();
  const bud509 = (p: PublishDiagnosticsParams): string | undefined => { const d = p.diagnostics.find((x) => x.code === 'BUD509'); return d && String(d.message); };

  beforeEach(() => {
    dir = tempDir('budget-refs-above-');
    // The department in a sibling folder of the units' folder, its references inside their common parent.
    writeTree(dir, { '部门/dept.budget': DEPT.replace('units/*.budget', '../units/*.budget'), 'units/甲.budget': unit('甲', '1.00'), 'units/乙.budget': unit('乙', '2.50'), 'units/丙.budget': unit('丙', '3.00') });
  });
  afterEach(async () => {
    await c?.stop();
    c = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  for (const folder of [undefined, 'units']) {
    it(`${folder ? 'a workspace folder holding the units only' : 'no workspace folder'}: the department is found, published, re-published on an edit, and find references leads to it`, async () => {
      c = await LspClient.start(folder ? { workspaceFolder: join(dir, folder), watchedFiles: true } : {});
      const found = c.diagnostics(uri('部门/dept.budget'), (p) => /6\.50/.test(bud509(p) ?? ''));
      await c.open(uri('units/乙.budget'), unit('乙', '2.50'));
      assert.match(bud509(await found)!, /6\.50/, 'the department’s diagnostics, from the unit opened alone');
      const fixed = c.diagnostics(uri('部门/dept.budget'), (p) => !bud509(p));
      await c.change(uri('units/乙.budget'), 2, [{ text: unit('乙', '2.00') }]);
      await fixed;
      const refs = (await c.request('textDocument/references', { textDocument: { uri: uri('units/乙.budget') }, position: { line: 1, character: 3 }, context: { includeDeclaration: false } })) as Array<{ uri: string; range: { start: { line: number } } }>;
      assert.deepEqual(refs.map((r) => [r.uri, r.range.start.line]), [[uri('部门/dept.budget'), 2]]);
    });
  }
});
