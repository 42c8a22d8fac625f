/**
 * The server as LSP clients other than VS Code meet it: a client declaring no capabilities at all gets the
 * older answer shapes (plain text, SymbolInformation, commands instead of code action literals, no snippets,
 * no optional diagnostic fields); the lifecycle rules of LSP 3.17; clients that reopen a document with the
 * same version, spell file URIs differently, or start the server with arguments of their own.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type {
  Command, CompletionList, DocumentSymbol, Hover, Location, MarkupContent, Range, SymbolInformation, TextEdit, WorkspaceEdit, WorkspaceSymbol,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT } from '../helpers/golden';
import { LspClient } from '../helpers/lsp';

const TEXT = readFileSync(join(ROOT, 'samples', 'fushun-2025.budget'), 'utf8');
const URI = 'file:///tmp/clients-sample.budget';

function pos(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return TextDocument.create('x:', 'budget', 1, text).positionAt(i + delta);
}

function contains(r: Range, p: { line: number; character: number }): boolean {
  const before = (a: { line: number; character: number }, b: { line: number; character: number }): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(r.start, p) && before(p, r.end);
}

describe('server: other LSP clients', function () {
  this.timeout(30000);

  describe('a client that declares no capabilities', () => {
    let c: LspClient;
    before(async () => {
      c = await LspClient.start({ capabilities: 'minimal' });
    });
    after(async () => {
      await c?.stop();
    });

    it('is offered the plain provider shapes (no code action kinds, no prepareRename)', () => {
      const caps = c.initializeResult!.capabilities;
      assert.equal(caps.codeActionProvider, true);
      assert.equal(caps.renameProvider, true);
      assert.deepEqual(caps.executeCommandProvider?.commands, ['budget.applyFix']);
    });

    it('hover in plain text: no markdown, table columns aligned by display width', async () => {
      await c.open(URI, TEXT);
      const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: pos(TEXT, '208 社会保障', 1) });
      const m = h.contents as MarkupContent;
      assert.equal(m.kind, 'plaintext');
      assert.ok(!/\*\*|\|---|\\/.test(m.value), m.value);
      const lines = m.value.split('\n');
      const head = lines.find((l) => l.startsWith('编码'))!;
      const row = lines.find((l) => l.startsWith('20805'))!;
      assert.ok(head && row, m.value);
      // The 合计 column ends at the same display column in the header and the row (CJK counts two).
      const width = (s: string): number => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
      const end = (line: string, cell: string): number => width(line.slice(0, line.indexOf(cell) + cell.length));
      assert.equal(end(row, '89,632.29'), end(head, '合计'), `${head}\n${row}`);
    });

    it('diagnostics without related information or code description links', async () => {
      const bad = TEXT.replace('合计 8.25', '合计 8.26');
      const p = await c.open('file:///tmp/clients-bad.budget', bad);
      assert.ok(p.diagnostics.some((d) => d.severity === 1));
      assert.ok(p.diagnostics.every((d) => d.relatedInformation === undefined && d.codeDescription === undefined));
    });

    it('document symbols as a flat SymbolInformation list with containers', async () => {
      const syms = await c.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
      assert.ok(syms.length > 50);
      assert.ok(syms.every((s) => 'location' in s && !('children' in s)));
      const row = syms.find((s) => s.name.startsWith('2080109'))!;
      assert.ok(row.containerName, 'a row names its container');
      assert.equal(row.location.uri, URI);
    });

    it('completion without snippets: the text a snippet would insert, placeholders filled in', async () => {
      const blank = pos(TEXT, '性质 事业单位').line + 1;
      const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: URI }, position: { line: blank, character: 2 } });
      assert.ok(list.items.length > 5);
      assert.ok(list.items.every((i) => i.insertTextFormat !== 2), 'no snippet items');
      assert.ok(list.items.every((i) => !/\$\{?\d/.test((i.textEdit as TextEdit).newText)), 'no placeholders');
      const project = list.items.find((i) => (i.textEdit as TextEdit).newText.startsWith('项目 '));
      assert.ok(project, list.items.map((i) => i.label).join(' '));
      assert.ok((project.textEdit as TextEdit).newText.includes('{'), (project.textEdit as TextEdit).newText);
    });

    it('quick fixes as commands; running one makes the server apply the edit (workspace/applyEdit)', async () => {
      const uri = 'file:///tmp/clients-fix.budget';
      const bad = TEXT.replace('合计 8.25', '合计 8.26');
      const p = await c.open(uri, bad);
      const d = p.diagnostics.find((x) => x.severity === 1)!;
      const actions = await c.request<Command[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      assert.ok(actions.length > 0);
      assert.ok(actions.every((a) => a.command === 'budget.applyFix' && Array.isArray(a.arguments)));
      await c.request('workspace/executeCommand', { command: actions[0].command, arguments: actions[0].arguments });
      assert.equal(c.appliedEdits.length, 1);
      const edit = c.appliedEdits[0] as WorkspaceEdit;
      const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'budget', 1, bad), edit.changes![uri]);
      assert.ok(fixed.includes('合计 8.25') || !fixed.includes('合计 8.26'), 'the edit fixes the total');
      await assert.rejects(c.request('workspace/executeCommand', { command: 'budget.applyFix', arguments: [{ changes: { [uri]: [{ bogus: 1 }] } }] }), (e: { code: number }) => e.code === -32602);
    });
  });

  it('lifecycle: requests before initialize, a second initialize and requests after shutdown are errors; exit codes', async () => {
    const run = async (shutdownFirst: boolean): Promise<number | null> => {
      const proc = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
      conn.listen();
      const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
      const hover = { textDocument: { uri: URI }, position: { line: 0, character: 0 } };
      await assert.rejects(conn.sendRequest('textDocument/hover', hover), (e: { code: number }) => e.code === -32002);
      // A shutdown before initialize is refused like any request, and does not end the session before it began
      // (the hover after initialize below is served).
      if (shutdownFirst) await assert.rejects(conn.sendRequest('shutdown'), (e: { code: number }) => e.code === -32002);
      await conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
      await assert.rejects(conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }), (e: { code: number }) => e.code === -32600);
      await conn.sendNotification('initialized', {});
      assert.equal(await conn.sendRequest('textDocument/hover', hover), null, 'served once initialized');
      if (shutdownFirst) {
        await conn.sendRequest('shutdown');
        await assert.rejects(conn.sendRequest('textDocument/hover', hover), (e: { code: number }) => e.code === -32600);
        // After shutdown only exit is processed: a document opened or settings pushed now are ignored (a bad
        // setting would warn). The request after them is answered once they have been dealt with.
        const sent: string[] = [];
        conn.onNotification((method: string) => void sent.push(method));
        await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'budget', version: 1, text: TEXT } });
        await conn.sendNotification('workspace/didChangeConfiguration', { settings: { budget: { locale: 'xx' } } });
        await assert.rejects(conn.sendRequest('textDocument/hover', hover), (e: { code: number }) => e.code === -32600);
        assert.deepEqual(sent, []);
      }
      await conn.sendNotification('exit');
      const code = await exited;
      conn.dispose();
      return code;
    };
    assert.equal(await run(true), 0);
    assert.equal(await run(false), 1);
    // exit is the one notification served before initialize.
    const proc = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    conn.listen();
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    await conn.sendNotification('exit');
    assert.equal(await exited, 1);
    conn.dispose();
  });

  it('lifecycle: notifications before initialize are ignored (the document stays unknown, settings unchanged)', async () => {
    const early = 'file:///tmp/clients-early.budget';
    const bad = TEXT.replace('合计 8.25', '合计 8.26');
    const c = await LspClient.start({
      capabilities: 'minimal',
      beforeInitialize: async (x) => {
        await x.notify('textDocument/didOpen', { textDocument: { uri: early, languageId: 'budget', version: 1, text: bad } });
        await x.notify('textDocument/didChange', { textDocument: { uri: early, version: 2 }, contentChanges: [{ text: bad + '\n' }] });
        await x.notify('textDocument/didSave', { textDocument: { uri: early } });
        await x.notify('workspace/didChangeConfiguration', { settings: { budget: { locale: 'en', diagnostics: { debounceMs: -5 } } } });
        await x.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: early, type: 2 }] });
        await x.notify('initialized', {});
      },
    });
    try {
      // Diagnostics are published in the order documents were opened: the early one would come first.
      const late = 'file:///tmp/clients-late.budget';
      const p = await c.open(late, bad);
      assert.deepEqual(c.published.filter((x) => x.uri === early), [], 'nothing published for the document opened before initialize');
      const error = p.diagnostics.find((d) => d.severity === 1);
      assert.ok(error, 'the document opened after initialize is checked');
      const message = typeof error.message === 'string' ? error.message : error.message.value;
      assert.ok(!/[a-z]{3} [a-z]{3}/i.test(message), `the locale pushed before initialize was ignored: ${message}`);
      assert.deepEqual(c.messages, [], 'no warning about the settings pushed before initialize');
      const at = pos(TEXT, '208 社会保障', 1);
      assert.equal(await c.request('textDocument/hover', { textDocument: { uri: early }, position: at }), null, 'the early document is unknown');
      assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri: early } }), []);
      assert.ok(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: late }, position: at }), 'the same hover on a document opened after initialize');
      // Opened again after initialize, the early document is served as any other.
      const again = await c.open(early, bad);
      assert.deepEqual(again.diagnostics.map((d) => [d.code, d.message]), p.diagnostics.map((d) => [d.code, d.message]));
    } finally {
      await c.stop();
    }
  });

  describe('a client like VS Code', () => {
    let c: LspClient;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'budget-clients-'));
      writeFileSync(join(dir, '预算~甲.budget'), TEXT);
      // A server started with an argument of the client's own and no transport flag talks over stdio.
      c = await LspClient.start({ workspaceFolder: dir, args: ['--log-level=debug'] });
    });
    after(async () => {
      await c?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('hover ranges contain the position; rename only on a name or code, not on a keyword of its statement', async () => {
      await c.open(URI, TEXT);
      const line = pos(TEXT, '    金额 92.09').line;
      for (let ch = 0; ch < 14; ch++) {
        const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line, character: ch } });
        if (h?.range) assert.ok(contains(h.range, { line, character: ch }), `hover at ${line}:${ch} → ${JSON.stringify(h.range)}`);
      }
      const onKeyword = { line, character: 5 };
      assert.equal(await c.request('textDocument/prepareRename', { textDocument: { uri: URI }, position: onKeyword }), null);
      await assert.rejects(c.request('textDocument/rename', { textDocument: { uri: URI }, position: onKeyword, newName: 'X' }), (e: { code: number }) => e.code === -32600);
      const onCode = pos(TEXT, '2082701 财政对失业', 2);
      const prep = await c.request<{ range: Range }>('textDocument/prepareRename', { textDocument: { uri: URI }, position: onCode });
      assert.ok(contains(prep.range, onCode));
    });

    it('a document opened again with the same version but other text is analysed anew', async () => {
      const uri = 'file:///tmp/clients-reopen.budget';
      await c.open(uri, TEXT);
      const other = TEXT.replace('单位 抚顺市社会保险事业服务中心', '单位 另一个中心');
      const p = await c.open(uri, other, 1);
      assert.ok(p);
      const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(syms[0].name, '另一个中心');
    });

    it('a second initialized notification is ignored: a workspace folder added later is indexed once', async () => {
      const added = mkdtempSync(join(tmpdir(), 'budget-clients-added-'));
      try {
        writeFileSync(join(added, '乙.budget'), TEXT.replace('单位 抚顺市社会保险事业服务中心', '单位 后加的中心'));
        await c.notify('initialized', {});
        await c.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileURL(added).toString(), name: 'added' }], removed: [] } });
        const syms = await c.request<WorkspaceSymbol[]>('workspace/symbol', { query: '后加的中心' });
        assert.deepEqual(syms.filter((s) => s.kind === 2).map((s) => s.name), ['后加的中心']);
      } finally {
        rmSync(added, { recursive: true, force: true });
      }
    });

    it('workspace symbols list an open file once, however the client spells its URI', async () => {
      // Lower-case percent-encoding and an unencoded ~, as Neovim writes them; Node writes %E9… and %7E.
      const file = join(dir, '预算~甲.budget');
      const nodeUri = pathToFileURL(file).toString();
      const clientUri = nodeUri.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()).replace(/%7e/gi, '~');
      assert.notEqual(clientUri, nodeUri);
      await c.open(clientUri, TEXT);
      const syms = await c.request<WorkspaceSymbol[]>('workspace/symbol', { query: '抚顺市社会保险事业服务中心' });
      const units = syms.filter((s) => s.kind === 2 && (s.location as Location).uri !== URI && !(s.location as Location).uri.startsWith('file:///tmp/clients-'));
      assert.deepEqual(units.map((s) => (s.location as Location).uri), [clientUri]);
    });
  });
});
