/**
 * Transports and start-up options: IPC, the bin script, the editor's locale, pulled settings, an extra catalog
 * (re-read when its file changes: watched by the client or by the server).
 */
import { strict as assert } from 'node:assert';
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ROOT } from '../helpers/golden';
import { LspClient } from '../helpers/lsp';

const msg = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const CATALOG = '# test catalog\ncode\tname\n229\t其他支出\n22999\t其他支出\n2299999\t试点专项支出\n';
/** The same catalog without 2299999. */
const CATALOG_WITHOUT = '# test catalog\ncode\tname\n229\t其他支出\n22999\t其他支出\n';
/** The “code not in the catalog” diagnostic for 2299999. */
const unknown = (p: PublishDiagnosticsParams): boolean => p.diagnostics.some((d) => d.code === 'BUD105' && msg(d).includes('2299999'));
const known = (p: PublishDiagnosticsParams): boolean => !p.diagnostics.some((d) => d.code === 'BUD105');
const TEXT = '单位 测试单位 {\n  年度 2025\n  支出 {\n    229 其他支出\n    22999 其他支出\n    2299999 试点专项支出 5.00\n  }\n  项目 p {\n    功能科目 2299999\n    金额 5.00\n    指标 {\n      一级 产出指标\n      完成数 10\n    }\n  }\n}\n';

describe('server transports and start-up options', function () {
  this.timeout(20000);

  it('speaks JSON-RPC over node IPC (--node-ipc)', async () => {
    const child = fork(join(ROOT, 'dist', 'server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    conn.listen();
    try {
      const diags = new Promise<PublishDiagnosticsParams>((r) => conn.onNotification('textDocument/publishDiagnostics', r));
      const init = await conn.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.equal(init.serverInfo?.name, 'budget-language-server');
      assert.ok(init.capabilities.hoverProvider);
      await conn.sendNotification('initialized', {});
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///ipc.budget', languageId: 'budget', version: 1, text: TEXT } });
      const p = await diags;
      assert.equal(p.uri, 'file:///ipc.budget');
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      await new Promise((r) => child.once('exit', r));
      assert.equal(child.exitCode, 0);
    } finally {
      conn.dispose();
      if (child.exitCode === null) child.kill();
    }
  });

  describe('a message the transport cannot read: the server logs it and exits with code 1 (the client starts it again)', () => {
    const frame = (body: string, length = Buffer.byteLength(body)): string => `Content-Length: ${length}\r\n\r\n${body}`;
    const hover = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x.budget' }, position: { line: 0, character: 0 } } });
    const cases: Array<[string, string]> = [
      ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}'],
      ['no Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}'],
      ['a header line without a colon', 'this is not a header\r\n\r\n'],
      ['a Content-Length too short (the body is cut)', frame(hover, 20)],
      ['a Content-Length too long (the next message is swallowed)', frame(hover, Buffer.byteLength(hover) + 30) + frame(hover)],
      ['a body that is not JSON', frame('{"jsonrpc": "2.0", "id": 3, "method": ')],
    ];
    for (const [name, bytes] of cases) {
      it(name, async () => {
        const proc = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        let stderr = '';
        let stdout = '';
        proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
        try {
          // A well-formed initialize first: the server is up and answering.
          proc.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } })));
          for (let i = 0; i < 100 && !stdout.includes('"id":1'); i++) await new Promise((r) => setTimeout(r, 50));
          assert.match(stdout, /"id":1,"result":\{"capabilities"/);
          proc.stdin.write(bytes);
          const timeout = new Promise<'alive'>((r) => setTimeout(() => r('alive'), 8000));
          const code = await Promise.race([exited, timeout]);
          assert.equal(code, 1, `${name}: ${code === 'alive' ? 'the server is still running, answering nothing' : `exit code ${code}`}; stderr: ${stderr}`);
          assert.match(stderr, /the input is not a valid LSP message .*exiting with code 1/);
          assert.match(stderr, /输入不是有效的 LSP 消息/);
          // The client's log got it too, while the way out still worked.
          assert.match(stdout, /window\/logMessage.*not a valid LSP message/);
        } finally {
          if (proc.exitCode === null) proc.kill();
        }
      });
    }
  });

  it('bin/budget-language-server.js starts the server; locale auto follows initializationOptions.locale', async () => {
    const c = await LspClient.start({ script: join(ROOT, 'bin', 'budget-language-server.js'), locale: 'en' });
    try {
      const p = await c.open('file:///t/en.budget', TEXT);
      const d = p.diagnostics.find((x) => x.code === 'BUD601')!;
      assert.match(msg(d), /^The quantitative indicator “完成数” has no operator/);
    } finally {
      await c.stop();
    }
  });

  it('settings pulled with workspace/configuration; an extra catalog from budget.catalogPath', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-catalog-'));
    writeFileSync(join(dir, 'extra-func.tsv'), '# test catalog\ncode\tname\n229\t其他支出\n22999\t其他支出\n2299999\t试点专项支出\n');
    let config: Record<string, unknown> = { locale: 'zh-CN' };
    const c = await LspClient.start({ configuration: () => config, workspaceFolder: dir });
    try {
      const uri = 'file:///t/catalog.budget';
      const before = await c.open(uri, TEXT);
      assert.ok(before.diagnostics.some((d) => d.code === 'BUD105'), 'codes missing from the built-in catalog are reported');
      assert.match(msg(before.diagnostics.find((d) => d.code === 'BUD601')!), /缺少运算符号/);
      config = { locale: 'en', catalogPath: 'extra-func.tsv' };
      const wait = c.diagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'BUD105'));
      await c.notify('workspace/didChangeConfiguration', { settings: null });
      const after = await wait;
      assert.match(msg(after.diagnostics.find((d) => d.code === 'BUD601')!), /has no operator/);
      // A catalog file that cannot be read: a warning, and the built-in catalog again.
      config = { catalogPath: 'missing.tsv' };
      const back = c.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'BUD105'));
      await c.notify('workspace/didChangeConfiguration', { settings: null });
      await back;
      const w = await c.waitFor(() => c.messages.find((m) => m.message.includes('missing.tsv')), 'catalog warning');
      assert.match(w.message, /无法读取.*Cannot read/);
    } finally {
      await c.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the catalog file is re-read when it changes on disk: watched by the client (dynamic workspace/didChangeWatchedFiles)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-catalog-'));
    // Glob characters in the name: the registered pattern must match it literally.
    const name = 'my catalog [v1] {a,b}.tsv';
    const file = join(dir, name);
    writeFileSync(file, CATALOG);
    let config: Record<string, unknown> = { catalogPath: name };
    const c = await LspClient.start({ configuration: () => config, workspaceFolder: dir, watchedFiles: true });
    const changed = async (type: 1 | 2 | 3): Promise<void> => {
      assert.ok(c.watches(file), 'a registered watcher covers the catalog file');
      await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type }] });
    };
    try {
      const uri = 'file:///t/watched-by-client.budget';
      await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'budget', version: 1, text: TEXT } });
      await c.diagnostics(uri, known, 5000, true);
      await c.waitFor(() => c.watches(file) || undefined, 'the watcher registration');
      await c.waitFor(() => c.logs.find((m) => m.message.includes('the client watches the catalog file')), 'the client-watch log');
      assert.ok(!c.logs.some((m) => m.message.includes('watching the catalog file')), 'no node watcher');
      // The code leaves the catalog: “not in the catalog”.
      let wait = c.diagnostics(uri, unknown);
      writeFileSync(file, CATALOG_WITHOUT);
      await changed(2);
      await wait;
      // … and comes back.
      wait = c.diagnostics(uri, known);
      writeFileSync(file, CATALOG);
      await changed(2);
      await wait;
      // Deleted: as a missing file (a warning, the built-in catalog).
      wait = c.diagnostics(uri, unknown);
      rmSync(file);
      await changed(3);
      await wait;
      const w = await c.waitFor(() => c.messages.find((m) => m.message.includes(name)), 'the catalog warning');
      assert.match(w.message, /无法读取.*Cannot read/);
      wait = c.diagnostics(uri, known);
      writeFileSync(file, CATALOG);
      await changed(1);
      await wait;
      // Another catalogPath: the old registration is withdrawn, the new file is watched.
      const other = join(dir, 'other.tsv');
      config = { catalogPath: 'other.tsv' };
      await c.notify('workspace/didChangeConfiguration', { settings: null });
      await c.waitFor(() => (c.watches(other) && !c.watches(file)) || undefined, 'the watcher of the new catalog file');
      // (Besides the watcher of budget files, **/*.budget, which the workspace index keeps: lsp/references.ts.)
      const catalogWatchers = (): unknown[] => c.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles'
        && !(r.registerOptions as { watchers: Array<{ globPattern: unknown }> }).watchers.some((w) => w.globPattern === '**/*.budget'));
      assert.equal(catalogWatchers().length, 1);
      // An empty catalogPath: nothing is watched.
      config = {};
      await c.notify('workspace/didChangeConfiguration', { settings: null });
      await c.waitFor(() => (!catalogWatchers().length || undefined), 'no watcher of a catalog file');
      assert.ok(c.alive());
    } finally {
      await c.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the catalog file is re-read when it changes on disk: watched by the server when the client cannot (fs.watch / fs.watchFile)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-catalog-'));
    const file = join(dir, 'catalog.tsv');
    writeFileSync(file, CATALOG);
    const c = await LspClient.start({ initializationOptions: { settings: { catalogPath: file } } });
    try {
      const uri = 'file:///t/watched-by-server.budget';
      await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'budget', version: 1, text: TEXT } });
      await c.diagnostics(uri, known, 5000, true);
      await c.waitFor(() => c.logs.find((m) => m.message.includes('watching the catalog file')), 'the node-watch log');
      assert.deepEqual(c.registrations, []);
      let wait = c.diagnostics(uri, unknown);
      writeFileSync(file, CATALOG_WITHOUT);
      await wait;
      // An atomic save (write a temporary file, rename it over the catalog).
      wait = c.diagnostics(uri, known);
      writeFileSync(join(dir, 'catalog.tsv.tmp'), CATALOG);
      renameSync(join(dir, 'catalog.tsv.tmp'), file);
      await wait;
      // Deleted: as a missing file; created again: read again.
      wait = c.diagnostics(uri, unknown);
      rmSync(file);
      await wait;
      const w = await c.waitFor(() => c.messages.find((m) => m.message.includes(file)), 'the catalog warning');
      assert.match(w.message, /无法读取.*Cannot read/);
      wait = c.diagnostics(uri, known);
      writeFileSync(file, CATALOG);
      await wait;
      assert.ok(c.alive());
    } finally {
      await c.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
