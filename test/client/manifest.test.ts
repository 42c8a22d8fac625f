/** The extension manifest (package.json contributes), the language configuration and the client's texts. */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, parseSettings } from '../../server/src/settings';
import { resolveLocale, useLocale } from '../../client/src/i18n';
import { countSeverities, serverStateText, statusText, workspaceSummary } from '../../client/src/status';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
/** The manifest's translations: English (the default) and Chinese, as VS Code reads them. */
const NLS = {
  en: JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>,
  zh: JSON.parse(readFileSync(path.join(root, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>,
};
const L10N = path.join(root, pkg.l10n as string);
/** A manifest string as VS Code shows it in a language: `%key%` replaced by its translation. */
function shown(value: string, lang: 'en' | 'zh'): string {
  const m = /^%(.+)%$/.exec(value);
  if (!m) return value;
  const v = NLS[lang][m[1]];
  assert.ok(v !== undefined, `${value} has no ${lang} translation`);
  return v;
}
/** Every string value of a JSON value, with its path. */
function strings(v: unknown, at = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof v === 'string') out.push([at, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${at}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, at ? `${at}.${k}` : k, out);
  return out;
}
const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]{3}/;

const SETTINGS = ['budget.locale', 'budget.rounding', 'budget.catalogPath', 'budget.diagnostics.debounceMs', 'budget.inlayHints.enabled', 'budget.trace.server'];

/** Dotted keys of a nested settings object: { diagnostics: { debounceMs } } → diagnostics.debounceMs. */
function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [kk, vv] of flatten(v as Record<string, unknown>, `${prefix}${k}.`)) out.set(kk, vv);
    else out.set(`${prefix}${k}`, v);
  }
  return out;
}
/** The budget section as VS Code sends it, with one setting (dotted key under budget.) set. */
function section(key: string, value: unknown): Record<string, unknown> {
  const parts = key.replace(/^budget\./, '').split('.');
  const root: Record<string, unknown> = {};
  let cur = root;
  for (const p of parts.slice(0, -1)) cur = (cur[p] = {}) as Record<string, unknown>;
  cur[parts[parts.length - 1]] = value;
  return root;
}

describe('extension manifest (package.json)', () => {
  it('declares the budget language with its configuration and file icons', () => {
    const langs = contributes.languages;
    assert.equal(langs.length, 1);
    const l = langs[0];
    assert.equal(l.id, 'budget');
    assert.deepEqual(l.aliases, ['Budget', '预算']);
    assert.deepEqual(l.extensions, ['.budget']);
    assert.ok(existsSync(path.join(root, l.configuration)));
    for (const icon of [l.icon.light, l.icon.dark]) {
      const svg = readFileSync(path.join(root, icon), 'utf8');
      assert.match(svg, /^<svg [^>]*viewBox="0 0 16 16"/);
    }
  });

  it('declares the TextMate grammar at a path that exists, with the grammar’s scope name', () => {
    const [g] = contributes.grammars;
    assert.equal(g.language, 'budget');
    assert.equal(g.scopeName, 'source.budget');
    const grammar = JSON.parse(readFileSync(path.join(root, g.path), 'utf8'));
    assert.equal(grammar.scopeName, g.scopeName);
  });

  it('has a 128×128 PNG extension icon', () => {
    const png = readFileSync(path.join(root, pkg.icon));
    assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a');
    assert.equal(png.toString('ascii', 12, 16), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('translates every %key% of the manifest into English and Chinese (package.nls.json, package.nls.zh-cn.json), none left over', () => {
    const keys = strings(pkg).map(([, v]) => /^%(.+)%$/.exec(v)?.[1]).filter((k): k is string => !!k);
    assert.ok(keys.length >= 20, `${keys.length} translated strings`);
    for (const k of keys) {
      assert.ok(NLS.en[k] && LATIN.test(NLS.en[k]), `${k}: English`);
      assert.ok(NLS.zh[k] && HAN.test(NLS.zh[k]), `${k}: Chinese`);
    }
    assert.deepEqual(Object.keys(NLS.en).sort(), [...new Set(keys)].sort(), 'package.nls.json holds exactly the keys the manifest uses');
    assert.deepEqual(Object.keys(NLS.zh).sort(), Object.keys(NLS.en).sort(), 'package.nls.zh-cn.json translates every key');
    // One language per string: no “English (中文)” left in the manifest itself.
    for (const [at, v] of strings(pkg.contributes)) assert.ok(!(HAN.test(v) && LATIN.test(v)) || /^%.+%$/.test(v) || at.includes('aliases'), `contributes.${at}: “${v}” mixes two languages`);
  });

  it('titles every command in English and Chinese under one category, and every menu and key binding names a declared command', () => {
    const declared = new Set<string>();
    for (const c of contributes.commands) {
      assert.match(c.command, /^budget\./);
      assert.ok(LATIN.test(shown(c.title, 'en')) && HAN.test(shown(c.title, 'zh')), `${c.command}: “${c.title}” is not translated`);
      assert.deepEqual([shown(c.category, 'en'), shown(c.category, 'zh')], ['Budget', '预算']);
      assert.ok(!declared.has(c.command), `${c.command} declared twice`);
      declared.add(c.command);
    }
    for (const c of ['budget.openPreview', 'budget.restartServer', 'budget.checkWorkspace']) assert.ok(declared.has(c), c);
    const preview = contributes.commands.find((c: { command: string }) => c.command === 'budget.openPreview');
    assert.equal(shown(preview.title, 'en'), 'Open Table Preview');
    assert.equal(shown(preview.title, 'zh'), '打开表格预览');
    assert.equal(preview.icon, '$(open-preview)');
    assert.ok(contributes.menus['editor/title'].some((m: { command: string; when: string }) => m.command === 'budget.openPreview' && m.when === 'resourceLangId == budget'));
    const referenced = [...Object.values(contributes.menus).flat(), ...contributes.keybindings].map((m) => (m as { command: string }).command);
    for (const c of referenced) assert.ok(declared.has(c), `${c} is used in a menu or key binding but not declared`);
  });

  it('declares exactly the commands the client registers', () => {
    const dir = path.join(root, 'client/src');
    const registered = new Set<string>();
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(path.join(dir, f), 'utf8');
      // registerCommand('budget.x', …) or registerCommand(NAME, …) with const NAME = 'budget.x' in the file.
      for (const m of src.matchAll(/registerCommand\(\s*(?:['"]([^'"]+)['"]|([A-Za-z_$][\w$]*))/g)) {
        const id = m[1] ?? src.match(new RegExp(`\\bconst\\s+${m[2]}\\s*(?::\\s*string\\s*)?=\\s*['"]([^'"]+)['"]`))?.[1];
        assert.ok(id, `${f}: cannot resolve the command id of ${m[0]}`);
        registered.add(id);
      }
    }
    const declared = new Set<string>(contributes.commands.map((c: { command: string }) => c.command));
    assert.deepEqual([...declared].filter((c) => !registered.has(c)), [], 'declared but never registered');
    assert.deepEqual([...registered].filter((c) => !declared.has(c)), [], 'registered but not declared');
  });

  it('declares exactly the six settings, each described in Chinese and English, with consistent defaults', () => {
    const props = contributes.configuration.properties as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(props).sort(), [...SETTINGS].sort());
    for (const [key, p] of Object.entries(props)) {
      const text = String(p.markdownDescription ?? p.description ?? '');
      assert.ok(LATIN.test(shown(text, 'en')) && HAN.test(shown(text, 'zh')), `${key}: the description is not translated`);
      if (p.enum) {
        assert.ok((p.enum as unknown[]).includes(p.default), `${key}: default outside the enum`);
        assert.equal((p.enumDescriptions as string[]).length, (p.enum as unknown[]).length, `${key}: one description per value`);
        for (const d of p.enumDescriptions as string[]) assert.ok(LATIN.test(shown(d, 'en')) && HAN.test(shown(d, 'zh')), `${key}: ${d}`);
      }
      assert.equal(typeof p.default, p.type === 'integer' ? 'number' : p.type, `${key}: default of the wrong type`);
    }
    assert.deepEqual(props['budget.locale'].enum, ['auto', 'zh-CN', 'en']);
    assert.equal(props['budget.locale'].default, 'auto');
    assert.deepEqual(props['budget.rounding'].enum, ['exact', 'tolerant']);
    assert.equal(props['budget.rounding'].default, 'exact');
    assert.match(shown(String(props['budget.rounding'].markdownDescription), 'en'), /\(n\+1\) × half a unit of the last digit/);
    assert.match(shown(String(props['budget.rounding'].markdownDescription), 'zh'), /\(n\+1\) × 末位半个单位/);
    assert.equal(props['budget.catalogPath'].default, '');
    assert.equal(props['budget.catalogPath'].scope, 'machine-overridable');
    assert.equal(props['budget.diagnostics.debounceMs'].type, 'integer');
    assert.deepEqual([props['budget.diagnostics.debounceMs'].default, props['budget.diagnostics.debounceMs'].minimum, props['budget.diagnostics.debounceMs'].maximum], [200, 0, 5000]);
    assert.equal(props['budget.inlayHints.enabled'].default, true);
    assert.deepEqual(props['budget.trace.server'].enum, ['off', 'messages', 'verbose']);
  });

  it('works in untrusted workspaces with the catalog path restricted, and in virtual workspaces', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['budget.catalogPath']);
    for (const k of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations) assert.ok(contributes.configuration.properties[k], k);
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
    assert.ok(pkg.activationEvents.includes('onLanguage:budget'));
  });

  it('agrees with the settings the server validates (server/src/settings.ts): keys, defaults, values and bounds', () => {
    const props = contributes.configuration.properties as Record<string, Record<string, unknown>>;
    // budget.trace.server is read by the language client library itself, not by the server.
    const serverKeys = Object.keys(props).filter((k) => k !== 'budget.trace.server').sort();
    const defaults = flatten(DEFAULT_SETTINGS as unknown as Record<string, unknown>, 'budget.');
    assert.deepEqual([...defaults.keys()].sort(), serverKeys);
    for (const [key, value] of defaults) assert.deepEqual(props[key].default, value, `${key}: default`);
    const valueOf = (key: string, settings: unknown): unknown => flatten(settings as Record<string, unknown>, 'budget.').get(key);
    for (const key of serverKeys) {
      const p = props[key];
      const accepted: unknown[] = [];
      const rejected: unknown[] = [];
      if (p.enum) {
        accepted.push(...(p.enum as unknown[]));
        rejected.push('other', 1);
      } else if (p.type === 'integer') {
        accepted.push(p.minimum, p.maximum, p.default);
        rejected.push((p.minimum as number) - 1, (p.maximum as number) + 1, 1.5, 'x');
      } else if (p.type === 'boolean') {
        accepted.push(true, false);
        rejected.push('yes');
      } else if (p.type === 'string') {
        accepted.push('', 'catalog.json');
        rejected.push(3);
      }
      for (const v of accepted) {
        const r = parseSettings(section(key, v));
        assert.deepEqual(r.warnings, [], `${key} = ${JSON.stringify(v)} is declared valid but the server warns`);
        assert.deepEqual(valueOf(key, r.settings), v, `${key} = ${JSON.stringify(v)}`);
      }
      for (const v of rejected) {
        const r = parseSettings(section(key, v));
        assert.deepEqual(r.warnings.map((w) => w.key), [key], `${key} = ${JSON.stringify(v)} is declared invalid but the server accepts it`);
        assert.deepEqual(valueOf(key, r.settings), p.default);
      }
    }
  });
});

describe('language configuration', () => {
  const conf = JSON.parse(readFileSync(path.join(root, 'language-configuration.json'), 'utf8'));

  it('comments with #, closes the Chinese pairs and folds # region … # endregion', () => {
    assert.equal(conf.comments.lineComment, '#');
    assert.deepEqual(conf.brackets[0], ['{', '}']);
    const pairs = conf.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close);
    for (const p of ['{}', '""', '“”', '（）', '《》']) assert.ok(pairs.includes(p), p);
    const start = new RegExp(conf.folding.markers.start);
    const end = new RegExp(conf.folding.markers.end);
    assert.ok(start.test('  # region 收入') && !start.test('  # endregion'));
    assert.ok(end.test('# endregion') && !end.test('# region'));
  });

  it('has a word pattern for Chinese names, codes and amounts', () => {
    const words = (s: string): string[] => s.match(new RegExp(conf.wordPattern, 'g')) ?? [];
    assert.deepEqual(words('  2080150 事业运行 人员 1,852.99 公用 334.49'), ['2080150', '事业运行', '人员', '1,852.99', '公用', '334.49']);
    assert.deepEqual(words('项目 金保工程2期 { # 注释'), ['项目', '金保工程2期', '注释']);
    assert.deepEqual(words('30213 维修(护)费 6.00'), ['30213', '维修(护)费', '6.00']);
    assert.deepEqual(words('“三公”经费变动率 <= 0 %'), ['“三公”经费变动率', '0']);
    assert.deepEqual(words('因公出国（境）费，公务接待费'), ['因公出国（境）费', '公务接待费']);
  });

  it('indents after { and outdents at }', () => {
    const inc = new RegExp(conf.indentationRules.increaseIndentPattern);
    const dec = new RegExp(conf.indentationRules.decreaseIndentPattern);
    assert.ok(inc.test('单位 抚顺市社会保险事业服务中心 {'));
    assert.ok(inc.test('  收入 ｛  # 表1'));
    assert.ok(!inc.test('  项目 X { 金额 5 }'));
    assert.ok(!inc.test('  # 注释 {'));
    assert.ok(dec.test('  }') && dec.test('｝') && !dec.test('  合计 1'));
  });
});

describe('client texts (status bar, messages): @vscode/l10n with l10n/bundle.l10n.zh-cn.json', () => {
  after(() => useLocale('en', L10N));

  it('follows budget.locale, or VS Code’s language for auto', () => {
    assert.equal(resolveLocale('auto', 'zh-cn'), 'zh-CN');
    assert.equal(resolveLocale('auto', 'zh-tw'), 'zh-CN');
    assert.equal(resolveLocale('auto', 'en'), 'en');
    assert.equal(resolveLocale('auto', 'en-GB'), 'en');
    // Like the server (server/src/settings.ts): Chinese unless the editor speaks English.
    assert.equal(resolveLocale(undefined, 'de'), 'zh-CN');
    assert.equal(resolveLocale('auto', undefined), 'zh-CN');
    assert.equal(resolveLocale('en', 'zh-cn'), 'en');
    assert.equal(resolveLocale('zh-CN', 'en'), 'zh-CN');
  });

  it('the Chinese bundle translates exactly the texts the client writes, with the same placeholders', () => {
    const bundle = JSON.parse(readFileSync(path.join(L10N, 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const dir = path.join(root, 'client/src');
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1]);
    }
    used.delete('…'); // the example in i18n.ts's comment
    assert.ok(used.size >= 20, `${used.size} texts`);
    assert.deepEqual([...used].filter((k) => !(k in bundle)), [], 'texts without a Chinese translation');
    assert.deepEqual(Object.keys(bundle).filter((k) => !used.has(k)), [], 'translations of texts the client no longer writes');
    const holes = (s: string): string[] => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
    for (const [k, v] of Object.entries(bundle)) {
      assert.deepEqual(holes(v), holes(k), k);
      if (/[A-Za-z]{2}/.test(k.replace(/\.budget|TSV/g, ''))) assert.ok(HAN.test(v), `${k}: “${v}”`);
    }
  });

  it('counts severities and shows ✓ 无错误 / ✗ N 个错误 · M 个警告 (Chinese) or ✓ No errors / ✗ N errors · M warnings (English)', () => {
    const none = countSeverities([]);
    assert.deepEqual(none, { errors: 0, warnings: 0, infos: 0 });
    const some = countSeverities([0, 0, 1, 2, 3, 0]);
    assert.deepEqual(some, { errors: 3, warnings: 1, infos: 2 });
    useLocale('zh-CN', L10N);
    assert.equal(statusText(none).text, '✓ 无错误');
    assert.equal(statusText(some).text, '✗ 3 个错误 · 1 个警告');
    assert.equal(statusText(countSeverities([1, 1])).text, '✓ 无错误 · 2 个警告');
    assert.equal(statusText(some).tooltip, '预算核对：3 个错误，1 个警告，2 条提示。点击打开“问题”视图。');
    assert.match(serverStateText('stopped').tooltip, /重启/);
    assert.equal(workspaceSummary(2, some), '已检查 2 个预算文件：3 个错误，1 个警告。');
    useLocale('en', L10N);
    assert.equal(statusText(none).text, '✓ No errors');
    assert.equal(statusText(some).text, '✗ 3 errors · 1 warning');
    assert.equal(statusText(countSeverities([0])).text, '✗ 1 error · 0 warnings');
    assert.equal(statusText(some).tooltip, 'Budget check: 3 errors, 1 warning, 2 notes. Click to open the Problems view.');
    assert.match(serverStateText('starting').text, /starting/);
    assert.equal(workspaceSummary(1, none), 'Checked 1 budget file: 0 errors, 0 warnings.');
  });
});
