/**
 * The server keeps serving: an internal error on one document (the core made to fail on purpose, in-process)
 * concerns that document and that request alone; the adversarial inputs (bench/adversarial.ts) over the real
 * protocol are each published while the other documents keep being answered. Also a few protocol tests run
 * in-process (startServer on streams), as the stdio ones run against the bundle.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionList, Diagnostic, DocumentSymbol, Hover, MarkupContent, PublishDiagnosticsParams, SemanticTokens, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { longAmount, nested, rowsBudget } from '../../bench/adversarial';
import { analyze, analyzeModel } from '../../server/src/core/analyze';
import { reanalyze } from '../../server/src/core/incremental';
import type { TablesResult } from '../../server/src/protocol';
import { ROOT } from '../helpers/golden';
import { LspClient } from '../helpers/lsp';

const SAMPLE = join(ROOT, 'samples', 'fushun-2025.budget');
const TEXT = readFileSync(SAMPLE, 'utf8');
const URI = pathToFileURL(SAMPLE).toString();

const msg = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

function pos(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return TextDocument.create('x:', 'budget', 1, text).positionAt(i + delta);
}

/** The core, failing on any text that holds the marker (a defect on one document). */
const MARKER = '# 故障';
const failing = {
  analyze: (text: string, o?: Parameters<typeof analyze>[1]) => {
    if (text.includes(MARKER)) throw new RangeError('Maximum call stack size exceeded (injected)');
    return analyze(text, o);
  },
  reanalyze: (prev: Parameters<typeof reanalyze>[0], text: string, o?: Parameters<typeof reanalyze>[2], info?: Parameters<typeof reanalyze>[3]) => {
    if (text.includes(MARKER)) throw new RangeError('Maximum call stack size exceeded (injected)');
    return reanalyze(prev, text, o, info);
  },
  analyzeModel: (text: string) => {
    if (text.includes(MARKER)) throw new RangeError('Maximum call stack size exceeded (injected)');
    return analyzeModel(text);
  },
};

describe('server resilience: one document’s failure stays with it', function () {
  this.timeout(60_000);

  it('an internal error on one document: it answers every request, the other documents and later requests are served (in-process)', async () => {
    const c = await LspClient.start({ inProcess: { engine: failing }, workspaceFolder: join(ROOT, 'samples') });
    try {
      const good = await c.open(URI, TEXT);
      assert.deepEqual(good.diagnostics.map((d) => d.code), ['BUD606', 'BUD601', 'BUD602']);
      // The failing document: one error saying what happened, where the file starts.
      const bad = 'file:///tmp/resilience/bad.budget';
      const badText = `${MARKER}\n${TEXT}`;
      const p = await c.open(bad, badText);
      assert.equal(p.diagnostics.length, 1);
      assert.equal(p.diagnostics[0].severity, 1);
      assert.match(msg(p.diagnostics[0]), /内部错误.*analyze.*Maximum call stack size exceeded/);
      await c.waitFor(() => c.logs.find((l) => l.message.includes('internal error analysing') && l.message.includes('bad.budget')), 'the error in the log');
      // Every request on it answers (no InternalError, nothing left broken).
      const at = pos(badText, '208 社会保障', 1);
      assert.equal(await c.request('textDocument/hover', { textDocument: { uri: bad }, position: at }), null);
      assert.ok((await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: bad }, position: at })).items.length >= 0);
      assert.deepEqual(await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: bad } }), []);
      assert.ok(Array.isArray((await c.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: bad } })).data));
      assert.deepEqual(await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: bad }, options: { tabSize: 2, insertSpaces: true } }), []);
      const tables = await c.request<TablesResult>('budget/tables', { uri: bad });
      assert.equal(tables.version, 1);
      assert.equal(tables.diagnostics.length, 1);
      // The other document, and workspace symbols over everything.
      const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: pos(TEXT, '208 社会保障', 1) });
      assert.match((h.contents as MarkupContent).value, /162,573\.63/);
      assert.ok((await c.request<unknown[]>('workspace/symbol', { query: '失业保险补助' })).length > 0);
      // A new document is checked as ever.
      const other = 'file:///tmp/resilience/other.budget';
      const q = await c.open(other, TEXT.replace('208 社会保障和就业支出 162,573.63', '208 社会保障和就业支出 162,573.64'));
      assert.deepEqual(q.diagnostics.filter((d) => d.severity === 1).map((d) => d.code), ['BUD201']);
      // The failing document, once edited so that the core takes it: checked normally.
      const wait = c.diagnostics(bad, (x: PublishDiagnosticsParams) => x.version === 2);
      await c.change(bad, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
      assert.deepEqual((await wait).diagnostics.map((d) => d.code), ['BUD606', 'BUD601', 'BUD602']);
    } finally {
      await c.stop();
    }
  });

  it('in-process: the reference sample’s diagnostics, hover, budget/tables, the lifecycle errors', async () => {
    const c = await LspClient.start({ inProcess: true });
    try {
      const p = await c.open(URI, TEXT);
      assert.deepEqual(p.diagnostics.map((d) => [d.code, d.severity]), [['BUD606', 2], ['BUD601', 2], ['BUD602', 2]]);
      const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: pos(TEXT, '208 社会保障和就业支出', 1) });
      assert.match((h.contents as MarkupContent).value, /\| 合计 \| 162,573\.63 \| 162,573\.63 \| ✓ \|/);
      const t = await c.request<TablesResult>('budget/tables', { uri: URI });
      assert.ok(t.tables.length >= 18 && t.version === 1);
      await assert.rejects(c.request('initialize', { processId: null, rootUri: null, capabilities: {} }), (e: { code: number }) => e.code === -32600);
      await c.request('shutdown', null);
      await assert.rejects(c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 0 } }), (e: { code: number }) => e.code === -32600);
    } finally {
      c.server?.dispose();
      c.conn.dispose();
    }
  });
});

describe('server resilience: the adversarial inputs over stdio', function () {
  this.timeout(300_000);

  it('each is published; the other document keeps being answered; 130,000 `}` and a 19,413-digit amount no longer stall or break it', async () => {
    const c = await LspClient.start({ initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
    try {
      await c.open(URI, TEXT);
      const cases: Array<[string, string, (p: PublishDiagnosticsParams) => void]> = [
        ['130,000 }', '}'.repeat(130_000), (p) => assert.deepEqual(p.diagnostics.map((d) => [d.code, d.range.end.character]), [['BUD001', 130_000]])],
        ['a 19,413-digit amount', longAmount(19_413), (p) => assert.ok(p.diagnostics.some((d) => d.code === 'BUD703'))],
        ['a 100,000-digit amount', longAmount(100_000), (p) => assert.ok(p.diagnostics.some((d) => d.code === 'BUD703'))],
        ['one line of 2,000,000 words', 'a '.repeat(2_000_000), (p) => assert.deepEqual(p.diagnostics.map((d) => d.code), ['BUD018'])],
        ['4,000,000 unusual spaces', '\u00a0'.repeat(4_000_000), (p) => assert.deepEqual(p.diagnostics.map((d) => d.code), ['BUD018'])],
        ['4,000,000 blank lines', '\n'.repeat(4_000_000), (p) => assert.deepEqual(p.diagnostics, [])],
        ['nesting 101 deep', nested(101), (p) => assert.deepEqual(p.diagnostics.map((d) => d.code), ['BUD001'])],
        ['30,000 rows', rowsBudget(30_000), (p) => assert.ok(p.diagnostics.every((d) => d.severity !== 1))],
      ];
      for (const [name, text, check] of cases) {
        const uri = `file:///tmp/resilience/${encodeURIComponent(name)}.budget`;
        // Resilience, not speed (the speed of these shapes is the adversarial bench's): a loaded machine may take long.
        const p = await c.open(uri, text, 1, 60_000);
        check(p);
        // Typing in it (an edit at the end) is published too.
        const end = TextDocument.create(uri, 'budget', 1, text).positionAt(text.length);
        const next = c.diagnostics(uri, (x) => x.version === 2, 60_000);
        await c.change(uri, 2, [{ range: { start: end, end }, text: '\n' }]);
        await next;
        const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: pos(TEXT, '208 社会保障', 1) });
        assert.match((h.contents as MarkupContent).value, /162,573\.63/, name);
        await c.close(uri);
      }
      assert.ok(c.alive());
      assert.ok(!c.logs.some((l) => /internal error|内部错误/.test(l.message)), c.logs.map((l) => l.message).join('\n'));
    } finally {
      await c.stop();
    }
  });
});
