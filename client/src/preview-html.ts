/**
 * The preview webview's HTML shell: a strict Content Security Policy with a per-load nonce, the stylesheet
 * and the script from the extension's media folder, and nothing else. No vscode import, so the browser
 * tests build the very same page around media/preview.js.
 */
import { randomBytes } from 'node:crypto';

export interface PreviewHtmlOptions {
  /** `webview.cspSource` (or the test server's origin). */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  locale: 'zh-CN' | 'en';
  /** Extra inline script (tests only: preset data); runs before preview.js with the same nonce. */
  inlineScript?: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

export function previewHtml(o: PreviewHtmlOptions): string {
  const en = o.locale === 'en';
  return `<!DOCTYPE html>
<html lang="${en ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" nonce="${attr(o.nonce)}" href="${attr(o.styleUri)}">
<title>${en ? 'Budget tables' : '预算表格预览'}</title>
</head>
<body data-locale="${en ? 'en' : 'zh-CN'}">
<div id="app"><p class="placeholder">${en ? 'Loading tables…' : '正在加载表格…'}</p></div>
${o.inlineScript ? `<script nonce="${attr(o.nonce)}">${o.inlineScript}</script>\n` : ''}<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>
`;
}

/** JSON for an inline script: `<`, U+2028 and U+2029 escaped so no data can close the script element. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
