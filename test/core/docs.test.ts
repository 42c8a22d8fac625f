import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { AUTOFIX_CODES, REGISTRY, renderMessage, type DiagnosticCode } from '../../server/src/core/diagnostics';
import { expectGoldenFile } from '../helpers/golden';
import { ROOT } from './util';

/** docs/diagnostics.md is generated from the registry; UPDATE_GOLDEN=1 rewrites it. */
function markdown(): string {
  const lines = [
    '# 诊断代码 · Diagnostic codes',
    '',
    '> Generated from `server/src/core/diagnostics.ts` by `UPDATE_GOLDEN=1 npm test` — do not edit by hand.',
    '> 由诊断注册表生成，请勿手工编辑。',
    '',
    'Codes are stable: a code keeps its meaning forever; retired codes are not reused.',
    'Severity: error 错误 · warning 警告 · information 提示.',
    '',
    `Fixed by \`budget check --fix\` and the editor's “fix all” (\`source.fixAll.budget\`), since their fixes change no figure: ${[...AUTOFIX_CODES].join(', ')}.`,
    '`budget check --fix` 与编辑器的“全部修复”只应用不改变任何数字的修复（从 PDF、Word 粘贴的痕迹）。',
    '',
    '| code | severity | 名称 | title | 消息 message (zh-CN / en) |',
    '|---|---|---|---|---|',
  ];
  for (const [code, e] of Object.entries(REGISTRY)) {
    const esc = (s: string): string => s.replace(/\|/g, '\\|');
    lines.push(`| ${code} | ${e.severity} | ${esc(e.title.zh)} | ${esc(e.title.en)} | ${esc(e.message.zh)}<br>${esc(e.message.en)} |`);
  }
  return lines.join('\n') + '\n';
}

describe('diagnostic registry', () => {
  it('docs/diagnostics.md lists every code (UPDATE_GOLDEN=1 regenerates)', () => {
    expectGoldenFile(join(ROOT, 'docs/diagnostics.md'), markdown());
  });

  it('every message renders in both languages with no placeholder left', () => {
    for (const code of Object.keys(REGISTRY) as DiagnosticCode[]) {
      const tpl = REGISTRY[code].message;
      const keys = new Set([...tpl.zh.matchAll(/\{(\w+)\}/g), ...tpl.en.matchAll(/\{(\w+)\}/g)].map((m) => m[1].replace(/En$/, '')));
      const args = Object.fromEntries([...keys].map((k) => [k, `‹${k}›`]));
      const zh = renderMessage({ code, args }, 'zh-CN');
      const en = renderMessage({ code, args }, 'en');
      assert.doesNotMatch(zh, /\{\w+\}/, code);
      assert.doesNotMatch(en, /\{\w+\}/, code);
      assert.match(zh, /[\u4e00-\u9fff]/, `${code}: the Chinese message has Chinese text`);
      assert.notEqual(zh, en, code);
      for (const k of keys) assert.ok(zh.includes(`‹${k}›`) || en.includes(`‹${k}›`), `${code}: ${k} is used`);
    }
  });

  it('renders English with English-specific arguments when given', () => {
    const d = { code: 'BUD003' as const, args: { what: '“金额”', whatEn: 'the amount', expected: '金额', expectedEn: 'an amount' } };
    assert.equal(renderMessage(d, 'en'), 'Missing an amount after the amount');
    assert.equal(renderMessage(d, 'zh-CN'), '“金额”后缺少金额');
  });
});
