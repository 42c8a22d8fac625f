/**
 * The .vsix package: what vsce puts in it, and that its bundles run without node_modules.
 *
 * `npm run package` = `vsce package`, which first runs the `vscode:prepublish` script (the full build). The
 * test runs after the build (`npm test` builds first), so it calls the step that follows: vsce's pack(), with
 * the same options as the package script, into a temporary directory.
 */
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipEntries, zipRead, type ZipEntry } from './zip';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

interface Packed {
  packagePath: string;
}
// vsce's internal pack(): package without running vscode:prepublish (the build has run already).
const { pack } = require('@vscode/vsce/out/package') as {
  pack(options: { cwd: string; packagePath: string; dependencies: boolean; allowMissingRepository: boolean; rewriteRelativeLinks: boolean }): Promise<Packed>;
};

/** Modules a bundle loads with a literal require("…") that esbuild left outside the bundle. */
function externalRequires(code: string): Set<string> {
  return new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]));
}
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

describe('the .vsix package', function () {
  this.timeout(60_000);
  let dir: string;
  let vsix: Buffer;
  let entries: ZipEntry[];
  let names: string[];

  before(async () => {
    for (const f of ['dist/extension.js', 'dist/server.js']) assert.ok(existsSync(path.join(root, f)), `${f} is missing: run node scripts/build.mjs first`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'budget-vsix-'));
    const out = path.join(dir, `${pkg.name}-${pkg.version}.vsix`);
    // vsce logs its own summary; keep the test output clean.
    const log = console.log;
    const warn = console.warn;
    console.log = () => {};
    console.warn = () => {};
    try {
      await pack({ cwd: root, packagePath: out, dependencies: false, allowMissingRepository: true, rewriteRelativeLinks: false });
    } finally {
      console.log = log;
      console.warn = warn;
    }
    vsix = readFileSync(out);
    entries = zipEntries(vsix);
    names = entries.map((e) => e.name);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const read = (name: string): Buffer => {
    const e = entries.find((x) => x.name === name);
    assert.ok(e, `${name} is not in the package`);
    return zipRead(vsix, e);
  };

  it('uses the package script vsce needs: no dependencies, built first', () => {
    assert.match(pkg.scripts.package, /^vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links\b/);
    assert.equal(pkg.scripts['vscode:prepublish'], 'node scripts/build.mjs');
    assert.equal(pkg.main, './dist/extension.js');
  });

  it('contains the bundles, grammar, language configuration, icons and manifest', () => {
    for (const f of [
      'extension.vsixmanifest', '[Content_Types].xml',
      'extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js',
      'extension/syntaxes/budget.tmLanguage.json', 'extension/language-configuration.json',
      'extension/package.nls.json', 'extension/package.nls.zh-cn.json', `extension/${path.posix.normalize(pkg.l10n)}/bundle.l10n.zh-cn.json`,
      `extension/${pkg.icon}`, 'extension/LICENSE.txt',
      ...pkg.contributes.languages.flatMap((l: { icon: { light: string; dark: string } }) => [l.icon.light, l.icon.dark]).map((p: string) => `extension/${path.posix.normalize(p)}`),
    ]) assert.ok(names.includes(f), `${f} missing from ${names.join(', ')}`);
  });

  it('contains no node_modules, sources, tests, source maps, samples or older packages', () => {
    const bad = names.filter((n) => /(^|\/)node_modules\/|\.ts$|\.map$|\.vsix$|^extension\/(out|test|server|client|scripts|samples|bench)\//.test(n));
    assert.deepEqual(bad, []);
    assert.ok(!names.includes('extension/dist/cli.js'), 'the CLI bundle is not part of the extension');
    assert.ok(vsix.length < 5 * 1024 * 1024, `the package is ${vsix.length} bytes`);
  });

  it('carries the same manifest as the repository, and every %key% in it resolves in English and Chinese', () => {
    const inside = JSON.parse(read('extension/package.json').toString('utf8'));
    const nls = [read('extension/package.nls.json'), read('extension/package.nls.zh-cn.json')].map((b) => JSON.parse(b.toString('utf8')) as Record<string, string>);
    const keys = [...JSON.stringify(inside).matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 20);
    for (const k of keys) for (const n of nls) assert.ok(typeof n[k] === 'string' && n[k].length > 0, `%${k}% does not resolve`);
    const bundle = JSON.parse(read(`extension/${path.posix.normalize(pkg.l10n)}/bundle.l10n.zh-cn.json`).toString('utf8')) as Record<string, string>;
    assert.equal(bundle['No errors'], '无错误');
    assert.deepEqual(inside.contributes, pkg.contributes);
    assert.deepEqual(inside.activationEvents, pkg.activationEvents);
    assert.equal(inside.main, pkg.main);
    const grammar = JSON.parse(read('extension/syntaxes/budget.tmLanguage.json').toString('utf8'));
    assert.equal(grammar.scopeName, 'source.budget');
  });

  it('bundles everything: the client requires only vscode (and Node built-ins), the server only Node built-ins', () => {
    const client = externalRequires(read('extension/dist/extension.js').toString('utf8'));
    const clientOther = [...client].filter((m) => !builtins.has(m));
    assert.deepEqual(clientOther, ['vscode']);
    const server = externalRequires(read('extension/dist/server.js').toString('utf8'));
    assert.deepEqual([...server].filter((m) => !builtins.has(m)), []);
  });

  describe('unpacked, without node_modules', () => {
    let ext: string;
    before(() => {
      ext = path.join(dir, 'unpacked');
      for (const e of entries) {
        const target = path.join(ext, e.name);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, zipRead(vsix, e));
      }
      assert.ok(!existsSync(path.join(ext, 'extension/node_modules')));
      assert.ok(statSync(path.join(ext, 'extension/dist/server.js')).size > 1000);
    });

    it('the client bundle loads (with a stand-in for the vscode module) and exports activate and deactivate', () => {
      const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
      const original = Module._load;
      const seen: string[] = [];
      // Any property of the stand-in is the stand-in again, callable and constructible; it passes for an ES module.
      const stub: unknown = new Proxy(function () {}, {
        get: (_t, p) => (p === '__esModule' ? true : p === Symbol.toPrimitive ? () => 'vscode' : stub),
        apply: () => stub,
        construct: () => stub as object,
      });
      Module._load = function (request: string, ...rest: unknown[]) {
        if (request === 'vscode') {
          seen.push(request);
          return stub;
        }
        return original.call(this, request, ...rest);
      };
      try {
        const m = require(path.join(ext, 'extension/dist/extension.js')) as Record<string, unknown>;
        assert.equal(typeof m.activate, 'function');
        assert.equal(typeof m.deactivate, 'function');
        assert.ok(seen.length > 0, 'the client bundle did not load vscode');
      } finally {
        Module._load = original;
      }
    });

    it('the server bundle answers initialize over IPC, as the client starts it', async () => {
      const child = fork(path.join(ext, 'extension/dist/server.js'), ['--node-ipc'], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], cwd: dir });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      try {
        const response = await new Promise<{ id: number; result?: { capabilities?: Record<string, unknown> }; error?: unknown }>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no initialize response within 20 s; stderr: ${stderr}`)), 20_000);
          child.on('message', (msg: { id?: number }) => {
            if (msg.id === 1) {
              clearTimeout(timer);
              resolve(msg as never);
            }
          });
          child.on('exit', (code) => reject(new Error(`server exited with ${code}; stderr: ${stderr}`)));
          child.send({
            jsonrpc: '2.0', id: 1, method: 'initialize',
            params: { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { locale: 'zh-cn' } },
          });
        });
        assert.equal(response.error, undefined);
        const caps = response.result?.capabilities;
        assert.ok(caps && typeof caps === 'object', JSON.stringify(response));
        assert.ok(caps.textDocumentSync !== undefined, 'the server does not sync documents');
        child.send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
        child.send({ jsonrpc: '2.0', method: 'exit' });
      } finally {
        setTimeout(() => child.kill(), 2000).unref();
      }
    });
  });
});
