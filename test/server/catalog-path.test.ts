/**
 * budget.catalogPath is read safely (server/src/lsp/configuration.ts): a relative path stays inside its workspace
 * folder (also through links), only a regular file of bounded size is read (a FIFO never blocks the server), and a
 * malformed TSV is reported with its line numbers while its good lines are used and completion keeps working.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompletionList, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp';

const msg = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const CATALOG = '# test catalog\ncode\tname\n229\t其他支出\n22999\t其他支出\n2299999\t试点专项支出\n';
const TEXT = '单位 测试单位 {\n  年度 2025\n  支出 {\n    229 其他支出\n    22999 其他支出\n    2299999 试点专项支出 5.00\n  }\n}\n';
/** “2299999 is not in the catalog”. */
const unknown = (p: PublishDiagnosticsParams): boolean => p.diagnostics.some((d) => d.code === 'BUD105' && msg(d).includes('2299999'));

describe('budget.catalogPath: read safely', function () {
  this.timeout(30_000);
  let root: string;
  let ws: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'budget-catalog-path-'));
    ws = join(root, 'ws');
    mkdirSync(ws);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** Starts a server on the workspace with the setting, opens TEXT; the first diagnostics and the warnings. */
  async function check(catalogPath: string, what: RegExp): Promise<{ c: LspClient; first: PublishDiagnosticsParams; warning: string }> {
    const c = await LspClient.start({ configuration: () => ({ catalogPath }), workspaceFolder: ws });
    const warned = c.waitFor(() => c.messages.find((m) => what.test(m.message)), `a warning matching ${what}`, 10_000);
    const first = await c.open('file:///t/catalog-path.budget', TEXT);
    return { c, first, warning: (await warned).message };
  }

  it('a relative path leading out of the workspace folder is not read', async () => {
    writeFileSync(join(root, 'outside.tsv'), CATALOG);
    const { c, warning } = await check('../outside.tsv', /无法读取.*Cannot read/);
    try {
      assert.match(warning, /相对路径不能指向工作区文件夹之外/);
      assert.ok(unknown(await c.diagnostics('file:///t/catalog-path.budget', () => true, 5000, true)), 'the built-in catalog only');
    } finally {
      await c.stop();
    }
  });

  it('a link inside the workspace to a file outside it is not read', async () => {
    writeFileSync(join(root, 'outside.tsv'), CATALOG);
    symlinkSync(join(root, 'outside.tsv'), join(ws, 'link.tsv'));
    const { c, warning } = await check('link.tsv', /无法读取.*Cannot read/);
    try {
      assert.match(warning, /链接指向工作区文件夹之外.*links outside the workspace folder/);
    } finally {
      await c.stop();
    }
  });

  it('a FIFO, a directory and a file over the size limit are not read — the server is never blocked', async () => {
    execFileSync('mkfifo', [join(ws, 'fifo.tsv')]);
    mkdirSync(join(ws, 'dir.tsv'));
    writeFileSync(join(ws, 'big.tsv'), CATALOG);
    truncateSync(join(ws, 'big.tsv'), 9 * 1024 * 1024);
    for (const [name, why] of [['fifo.tsv', /不是普通文件.*not a regular file/], ['dir.tsv', /不是普通文件.*not a regular file/], ['big.tsv', /文件过大.*too large \(9,437,184 bytes, at most 8,388,608\)/]] as const) {
      const { c, warning } = await check(name, /无法读取.*Cannot read/);
      try {
        assert.match(warning, why, name);
        // Still answering.
        assert.ok((await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: 'file:///t/catalog-path.budget' }, position: { line: 5, character: 8 } })).items.length > 0);
      } finally {
        await c.stop();
      }
    }
  });

  it('a malformed TSV: each bad line reported with its number, the good lines used, completion unharmed', async () => {
    writeFileSync(join(ws, 'bad.tsv'), '# test catalog\ncode\tname\n229\t其他支出\nabc\t坏编码\n\t没有编码\n22999\t其他支出\n2299999\t试点专项支出\n');
    const { c, warning } = await check('bad.tsv', /有 2 行无法读取/);
    try {
      assert.match(warning, /第 4 行：编码“abc”不是数字编码，此行未读取；第 5 行：编码“”不是数字编码/);
      assert.match(warning, /line 4: the code “abc” is not a code of digits; the line is not read; line 5/);
      // The good lines are in the catalog: 2299999 is known.
      const p = await c.diagnostics('file:///t/catalog-path.budget', (x) => !unknown(x), 5000, true);
      assert.ok(!unknown(p));
      const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: 'file:///t/catalog-path.budget' }, position: { line: 5, character: 8 } });
      assert.ok(list.items.some((i) => i.label.startsWith('2299999')), list.items.map((i) => i.label).slice(0, 20).join(', '));
    } finally {
      await c.stop();
    }
  });

  it('a TSV whose header names no code column is not read; one with unknown kinds loses those lines only', async () => {
    writeFileSync(join(ws, 'nocode.tsv'), 'name\tvalue\n其他支出\t229\n');
    let r = await check('nocode.tsv', /有 1 行无法读取/);
    try {
      assert.match(r.warning, /第 1 行：表头没有 code 列/);
    } finally {
      await r.c.stop();
    }
    writeFileSync(join(ws, 'kinds.tsv'), 'kind\tcode\tname\nfunc\t2299999\t试点专项支出\nfoo\t229\t其他支出\n');
    r = await check('kinds.tsv', /有 1 行无法读取/);
    try {
      assert.match(r.warning, /第 3 行：分类“foo”应为 func、econ 或 gov/);
      assert.ok(!unknown(await r.c.diagnostics('file:///t/catalog-path.budget', (x) => !unknown(x), 5000, true)));
    } finally {
      await r.c.stop();
    }
  });
});
