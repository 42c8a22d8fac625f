/**
 * The real server process over JSON-RPC (stdio): diagnostics, quick fixes, hover, completion, formatting,
 * symbols, navigation, custom requests, settings and bad requests.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover, InlayHint, Location, MarkupContent, Range, SemanticTokens, TextEdit,
  WorkspaceEdit, WorkspaceSymbol,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT } from '../helpers/golden';
import { LspClient } from '../helpers/lsp';
import { PASTED } from '../helpers/pasted';

const SAMPLE = join(ROOT, 'samples', 'fushun-2025.budget');
const TEXT = readFileSync(SAMPLE, 'utf8');
const URI = pathToFileURL(SAMPLE).toString();

function pos(text: string, needle: string, delta = 0): { line: number; character: number } {
  const doc = TextDocument.create('x:', 'budget', 1, text);
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return doc.positionAt(i + delta);
}

/** Diagnostic messages are plain strings here (LSP 3.18 also allows Markdown). */
function msg(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x:', 'budget', 1, text), edits);
}

describe('server over stdio', function () {
  this.timeout(20000);
  let c: LspClient;

  before(async () => {
    c = await LspClient.start({ workspaceFolder: join(ROOT, 'samples') });
  });
  after(async () => {
    await c?.stop();
  });

  it('publishes the reference sample’s diagnostics: no errors, the three expected warnings', async () => {
    const p = await c.open(URI, TEXT);
    assert.equal(p.version, 1);
    assert.deepEqual(p.diagnostics.filter((d) => d.severity === 1), []);
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.severity]), [['BUD606', 2], ['BUD601', 2], ['BUD602', 2]]);
    const d606 = p.diagnostics[0];
    assert.equal(d606.source, 'budget');
    assert.deepEqual(d606.range.start, pos(TEXT, '财政对机关事业单位养老保险的补助 <='));
    assert.match(msg(d606), /与项目金额 89,262\.00 万元（892,620,000 元）矛盾/);
    assert.equal(d606.relatedInformation?.[0].message, '项目金额');
    assert.equal(d606.relatedInformation?.[0].location.uri, URI);
    assert.deepEqual((d606.data as { version: number }).version, 1);
    assert.match(d606.codeDescription?.href ?? '', /diagnostics\.md#bud606$/);
  });

  it('a wrong total is an error; its quick fix (from the server) clears it', async () => {
    const uri = 'file:///tmp/budget-test/wrong-total.budget';
    const text = TEXT.replace('208 社会保障和就业支出 162,573.63', '208 社会保障和就业支出 162,573.64');
    const p = await c.open(uri, text);
    const errors = p.diagnostics.filter((d) => d.severity === 1);
    assert.deepEqual(errors.map((d) => d.code), ['BUD201']);
    const err = errors[0];
    assert.deepEqual(err.range.start, pos(text, '162,573.64'));
    assert.match(msg(err), /下级合计为 162,573\.63，相差 0\.01/);
    assert.equal((err.data as { fixes: unknown[] }).fixes.length, 1, 'the fix travels in data');
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: err.range, context: { diagnostics: [err] } });
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(fix.title, '改为计算值 162,573.63');
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(fix.diagnostics, [err], 'the client’s own diagnostic object comes back');
    const edits = fix.edit!.changes![uri];
    const fixed = apply(text, edits);
    const wait = c.diagnostics(uri, (x) => x.version === 2);
    await c.change(uri, 2, edits.map((e) => ({ range: e.range, text: e.newText })));
    const after = await wait;
    assert.deepEqual(after.diagnostics.filter((d) => d.severity === 1), []);
    assert.equal(fixed.includes('162,573.64'), false);
    await c.close(uri);
  });

  it('fix all (source.fixAll, as editor.codeActionsOnSave asks): the pasted-text fixes in one edit, never a figure', async () => {
    const uri = 'file:///tmp/budget-test/pasted.budget';
    const text = PASTED.replace('合　　计 150.50', '合　　计 150.60');
    await c.open(uri, text);
    const whole = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    const asked = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.deepEqual(asked.map((a) => a.kind), ['source.fixAll.budget']);
    assert.equal(asked[0].title, '修复所有粘贴痕迹（5 处）');
    const fixed = apply(text, asked[0].edit!.changes![uri]);
    assert.ok(fixed.includes('    合计 150.60\n') && fixed.includes('-20.00') && !fixed.includes('第 3 页'), fixed);
    // As many passes as the command line makes: no-break spaces inside a spaced-out 合计 need two.
    const nbsp = 'file:///tmp/budget-test/nbsp.budget';
    const twice = PASTED.replace('合　　计', '合\u00a0\u00a0计');
    await c.open(nbsp, twice);
    const [all] = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: nbsp }, range: whole, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.ok(apply(twice, all.edit!.changes![nbsp]).includes('    合计 150.50\n'));
    await c.close(nbsp);
    // Not offered unless asked for (the light bulb lists quick fixes only).
    const plain = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [] } });
    assert.ok(!plain.some((a) => a.kind === 'source.fixAll.budget'));
    await c.close(uri);
  });

  it('hover: the roll-up of 208', async () => {
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: pos(TEXT, '208 社会保障和就业支出', 1) });
    const md = (h.contents as MarkupContent).value;
    assert.equal((h.contents as MarkupContent).kind, 'markdown');
    assert.match(md, /\| 合计 \| 162,573\.63 \| 162,573\.63 \| ✓ \|/);
    assert.deepEqual(h.range, { start: pos(TEXT, '208 社会保障'), end: pos(TEXT, '208 社会保障', 3) });
  });

  it('completion: a code with its name', async () => {
    const uri = 'file:///tmp/budget-test/complete.budget';
    const text = TEXT.replace('    2080109 社会保险经办机构 293.14 项目 293.14\n', '    2080109 社会保险经办机构 293.14 项目 293.14\n    20805\n');
    await c.open(uri, text);
    const at = pos(text, '    20805\n', 9);
    const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at });
    assert.equal(list.isIncomplete, true);
    const item = list.items.find((i) => i.label === '2080505 机关事业单位基本养老保险缴费支出')!;
    assert.ok(item, list.items.map((i) => i.label).join(', '));
    assert.ok(item.filterText!.includes('2080505') && item.filterText!.includes('机关事业单位基本养老保险缴费支出'));
    assert.deepEqual(item.textEdit, { range: { start: { line: at.line, character: 4 }, end: at }, newText: '2080505 机关事业单位基本养老保险缴费支出' });
    await c.close(uri);
  });

  it('completion after a typed space: nothing in free text, constrained values where they follow; invoked as before', async () => {
    const uri = 'file:///tmp/budget-test/complete-space.budget';
    const row = '      全年机房电费 <= 470000 元 2025-12\n';
    const text = TEXT.replace(row, `${row}      机房巡检 \n      机房巡检次数 >= 12 \n`);
    await c.open(uri, text);
    const complete = async (position: { line: number; character: number }, context?: unknown): Promise<string[]> =>
      (await c.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position, context })).items.map((i) => i.label);
    const space = { triggerKind: 2, triggerCharacter: ' ' };
    // Inside an indicator name: a space-triggered request offers nothing, an invoked one the operators as before.
    const inName = pos(text, '      机房巡检 \n', 11);
    assert.deepEqual(await complete(inName, space), []);
    assert.deepEqual(await complete(inName, { triggerKind: 1 }), ['=', '>=', '<=', '>', '<']);
    assert.deepEqual(await complete(inName), ['=', '>=', '<=', '>', '<'], 'no context: as invoked');
    assert.deepEqual(await complete(inName, { triggerKind: 3 }), ['=', '>=', '<=', '>', '<'], 'incomplete completions: as invoked');
    // After an indicator's value its unit and deadline follow: offered after the space too.
    const afterValue = pos(text, '      机房巡检次数 >= 12 \n', 19);
    const units = await complete(afterValue, space);
    assert.ok(units.includes('次') && units.includes('2025-12'), units.join(' '));
    assert.deepEqual(units, await complete(afterValue, { triggerKind: 1 }));
    await c.close(uri);
  });

  it('formatting: edits that align the tables, then none (idempotent), same diagnostics', async () => {
    const uri = 'file:///tmp/budget-test/format.budget';
    const before = await c.open(uri, TEXT);
    const edits = await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    assert.ok(edits.length > 20);
    const formatted = apply(TEXT, edits);
    const wait = c.diagnostics(uri, (x) => x.version === 2);
    await c.change(uri, 2, [{ text: formatted }]);
    const after = await wait;
    assert.deepEqual(after.diagnostics.map((d) => d.code), before.diagnostics.map((d) => d.code));
    const again = await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    assert.deepEqual(again, []);
    await c.close(uri);
  });

  it('document symbols: unit > sections > rows', async () => {
    const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.equal(syms[0].name, '抚顺市社会保险事业服务中心');
    const func = syms[0].children!.find((s) => s.name === '支出')!;
    assert.ok(func.children!.some((s) => s.name === '208 社会保障和就业支出' && s.detail === '162,573.63'));
    assert.deepEqual(func.selectionRange.start, pos(TEXT, '支出 {'));
  });

  it('definition: a project’s 功能科目 → the row in 支出', async () => {
    const locs = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: URI }, position: pos(TEXT, '功能科目 2082701', 7) });
    assert.equal(locs.length, 1);
    assert.deepEqual(locs[0].range.start, pos(TEXT, '2082701 财政对失业保险基金的补助'));
    const refs = await c.request<Location[]>('textDocument/references', { textDocument: { uri: URI }, position: pos(TEXT, '2082701 财政对失业'), context: { includeDeclaration: true } });
    assert.equal(refs.length, 2);
  });

  it('rename: a code across rows and projects; a bad new code is refused with a message', async () => {
    const at = pos(TEXT, '2082701 财政对失业', 2);
    const prep = await c.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: URI }, position: at });
    assert.equal(prep.placeholder, '2082701');
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: URI }, position: at, newName: '2082799' });
    assert.equal(edit.changes![URI].length, 2);
    await assert.rejects(c.request('textDocument/rename', { textDocument: { uri: URI }, position: at, newName: '12' }), /新编码应为 7 位数字/);
  });

  it('inlay hints, folding ranges and semantic tokens', async () => {
    const uri = pathToFileURL(join(ROOT, 'samples', 'fushun-2025-authoring.budget')).toString();
    const text = readFileSync(join(ROOT, 'samples', 'fushun-2025-authoring.budget'), 'utf8');
    await c.open(uri, text);
    const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } } });
    const h208 = hints.find((h) => h.position.line === pos(text, '208 社会保障').line)!;
    assert.equal(h208.label, '= 162,573.63');
    const folds = await c.request<Array<{ startLine: number; endLine: number }>>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(folds.some((f) => f.startLine === pos(text, '单位 抚顺').line));
    const tokens = await c.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.ok(tokens.data.length > 1000 && tokens.data.length % 5 === 0);
    const visible = await c.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } });
    assert.ok(visible.data.length > 0 && visible.data.length < tokens.data.length / 5);
    await c.close(uri);
  });

  it('workspace symbols include files that are not open', async () => {
    const syms = await c.request<WorkspaceSymbol[]>('workspace/symbol', { query: '失业保险补助' });
    const uris = new Set(syms.map((s) => (s.location as Location).uri));
    assert.ok(uris.has(URI));
    assert.ok([...uris].some((u) => u.endsWith('fushun-2025-authoring.budget')), [...uris].join(' '));
  });

  it('budget/tables: the tables and diagnostics of a document', async () => {
    const r = await c.request<{ tables: Array<{ id: string }>; diagnostics: Array<{ start: number; end: number; severity: string; message: string }>; version: number; layouts: Array<{ id: string; explicit: boolean; reason: string }> }>('budget/tables', { uri: URI });
    assert.equal(r.version, 1);
    // The layout the tables follow, and why (the reference sample states none: inferred).
    assert.deepEqual(r.layouts.map((l) => [l.id, l.explicit]), [['辽宁', false]]);
    assert.match(r.layouts[0].reason, /未写表式/);
    assert.ok(r.tables.length >= 18);
    assert.ok(r.tables.some((t) => t.id === '表1'));
    assert.equal(r.diagnostics.length, 3);
    assert.equal(TEXT.slice(r.diagnostics[2].start, r.diagnostics[2].end), '210000');
    assert.deepEqual(await c.request('budget/tables', { uri: 'file:///nowhere.budget' }), { tables: [], diagnostics: [], version: null });
  });

  it('answers bad requests without exiting', async () => {
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri: 'file:///unknown.budget' }, position: { line: 0, character: 0 } }), null);
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 99999, character: 0 } }), null);
    assert.deepEqual(await c.request('textDocument/definition', { textDocument: { uri: URI }, position: { line: 99999, character: 5 } }), []);
    // A character past the end of a line means the end of the line (LSP): here a blank line in the unit.
    const blank = pos(TEXT, '性质 事业单位').line + 1;
    const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: URI }, position: { line: blank, character: 99999 } });
    assert.ok(list.items.some((i) => i.label === '收入'));
    await assert.rejects(c.request('textDocument/hover', {}), (e: { code: number }) => e.code === -32602);
    await assert.rejects(c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: -1, character: 'x' } }), (e: { code: number }) => e.code === -32602);
    await assert.rejects(c.request('budget/tables', null), (e: { code: number }) => e.code === -32602);
    await assert.rejects(c.request('textDocument/codeAction', { textDocument: { uri: URI } }), (e: { code: number }) => e.code === -32602);
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri: 'untitled:nothing' } }), []);
    assert.deepEqual(await c.request('textDocument/formatting', { textDocument: { uri: 'file:///unknown.budget' }, options: {} }), []);
    assert.ok(c.alive(), 'the server is still running');
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: pos(TEXT, '210 卫生', 1) });
    assert.match((h.contents as MarkupContent).value, /142\.97/);
  });

  it('a document with a huge number of problems publishes the first 1,000 (errors first) and a note', async () => {
    const uri = 'file:///tmp/budget-test/many.budget';
    const text = '单位 甲 {\n  年度 2025\n' + '  x {}\n'.repeat(3000) + '}\n';
    const p = await c.open(uri, text);
    assert.equal(p.diagnostics.length, 1001);
    assert.equal(p.diagnostics[0].code, 'BUD011');
    assert.match(msg(p.diagnostics[0]), /还有 2,000 条诊断未显示|还有 2000 条诊断未显示/);
    assert.ok(p.diagnostics.slice(1).every((d) => d.severity === 1), 'errors first');
    assert.ok(c.alive());
  });

  it('only the newest version is published after rapid changes (debounced)', async () => {
    const uri = 'file:///tmp/budget-test/rapid.budget';
    await c.open(uri, TEXT);
    const seen = c.published.length;
    const wait = c.diagnostics(uri, (x) => x.version === 4);
    const at = pos(TEXT, '208 社会保障和就业支出 162,573.63', '208 社会保障和就业支出 '.length);
    for (const v of [2, 3, 4]) {
      await c.change(uri, v, [{ range: { start: at, end: { line: at.line, character: at.character + 10 } }, text: `162,573.6${v}` }]);
    }
    const last = await wait;
    const versions = c.published.slice(seen).filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [4]);
    assert.match(msg(last.diagnostics.find((d) => d.code === 'BUD201')!), /162,573\.64/);
    // The edited document (re-analysed incrementally) reports what a fresh analysis of its text reports.
    const fresh = await c.open('file:///tmp/budget-test/rapid-fresh.budget', TEXT.replace('208 社会保障和就业支出 162,573.63', '208 社会保障和就业支出 162,573.64'));
    assert.deepEqual(last.diagnostics.map((d) => [d.code, d.range, msg(d)]), fresh.diagnostics.map((d) => [d.code, d.range, msg(d)]));
    await c.close('file:///tmp/budget-test/rapid-fresh.budget');
    // Closing clears the diagnostics.
    const cleared = c.diagnostics(uri, (x) => x.diagnostics.length === 0);
    await c.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('switching the locale with workspace/didChangeConfiguration changes the message language; bad values warn', async () => {
    let wait = c.diagnostics(URI, (p) => p.diagnostics.some((d: Diagnostic) => /has no operator/.test(msg(d))));
    await c.notify('workspace/didChangeConfiguration', { settings: { budget: { locale: 'en' } } });
    const en = await wait;
    assert.match(msg(en.diagnostics[1]), /^The quantitative indicator “社会保险省级统筹网络运行及经办专项” has no operator/);
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: pos(TEXT, '208 社会保障', 1) });
    assert.match((h.contents as MarkupContent).value, /function classification, class/);
    wait = c.diagnostics(URI, (p) => p.diagnostics.some((d: Diagnostic) => /缺少运算符号/.test(msg(d))));
    await c.notify('workspace/didChangeConfiguration', { settings: { budget: { locale: 'zh-CN', diagnostics: { debounceMs: -5 } } } });
    await wait;
    const warning = await c.waitFor(() => c.messages.find((m) => m.message.includes('budget.diagnostics.debounceMs')), 'the settings warning');
    assert.equal(warning.type, 2);
    assert.match(warning.message, /无效.*invalid/);
  });
});
