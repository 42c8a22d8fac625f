/**
 * The webview's HTML shell (client/src/preview-html.ts) and static guarantees of media/preview.js.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentSecurityPolicy, inlineJson, makeNonce, previewHtml } from '../../client/src/preview-html';
import { ROOT } from '../tables/reference';

describe('preview shell', () => {
  it('has the strict CSP with a nonce on its script and stylesheet only', () => {
    const nonce = makeNonce();
    const html = previewHtml({ cspSource: 'vscode-webview://abc', nonce, scriptUri: 'vscode-webview://abc/media/preview.js', styleUri: 'vscode-webview://abc/media/preview.css', locale: 'zh-CN' });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    assert.equal(csp, `default-src 'none'; style-src vscode-webview://abc 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src vscode-webview://abc data:`);
    assert.equal(csp, contentSecurityPolicy('vscode-webview://abc', nonce));
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script nonce="${nonce}" src="vscode-webview://abc/media/preview.js">`]);
    assert.match(html, new RegExp(`<link rel="stylesheet" nonce="${nonce}" href="vscode-webview://abc/media/preview.css">`));
    assert.ok(!/https?:\/\//.test(html), 'no remote resource');
    assert.match(html, /<html lang="zh-CN">/);
    assert.match(previewHtml({ cspSource: 'x', nonce, scriptUri: 'x', styleUri: 'y', locale: 'en' }), /<html lang="en">/);
  });

  it('nonces are fresh and plain', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9]{16,}$/);
  });

  it('inline JSON cannot close its script element', () => {
    const s = inlineJson({ name: '</script><script>alert(1)</script>', sep: '\u2028' });
    assert.ok(!s.includes('<'));
    assert.ok(!s.includes('\u2028'));
    assert.deepEqual(JSON.parse(s), { name: '</script><script>alert(1)</script>', sep: '\u2028' });
  });

  it('media/preview.js never turns strings into HTML', () => {
    const code = fs.readFileSync(path.join(ROOT, 'media/preview.js'), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function', 'setAttribute(\'on']) {
      assert.ok(!code.includes(sink), `preview.js uses ${sink}`);
    }
  });
});
