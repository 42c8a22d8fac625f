import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS, parseSettings, resolveLocale } from '../../server/src/settings';

describe('server: settings', () => {
  it('defaults when nothing is set', () => {
    assert.deepEqual(parseSettings(undefined), { settings: DEFAULT_SETTINGS, warnings: [] });
    assert.deepEqual(parseSettings({}).settings, DEFAULT_SETTINGS);
    assert.deepEqual(DEFAULT_SETTINGS, { locale: 'auto', rounding: 'exact', catalogPath: '', diagnostics: { debounceMs: 200 }, inlayHints: { enabled: true } });
  });

  it('accepts valid values, nested or as dotted keys', () => {
    const { settings, warnings } = parseSettings({ locale: 'en', rounding: 'tolerant', catalogPath: 'a.tsv', diagnostics: { debounceMs: 0 }, 'inlayHints.enabled': false });
    assert.deepEqual(warnings, []);
    assert.deepEqual(settings, { locale: 'en', rounding: 'tolerant', catalogPath: 'a.tsv', diagnostics: { debounceMs: 0 }, inlayHints: { enabled: false } });
  });

  it('a bad value warns in both languages and falls back for that key only', () => {
    const { settings, warnings } = parseSettings({ locale: 'fr', rounding: 'tolerant', diagnostics: { debounceMs: 9000 }, inlayHints: { enabled: 'yes' } });
    assert.equal(settings.locale, 'auto');
    assert.equal(settings.rounding, 'tolerant', 'the valid key keeps its value');
    assert.equal(settings.diagnostics.debounceMs, 200);
    assert.equal(settings.inlayHints.enabled, true);
    assert.deepEqual(warnings.map((w) => w.key), ['budget.locale', 'budget.diagnostics.debounceMs', 'budget.inlayHints.enabled']);
    assert.equal(warnings[1].zh, '设置 budget.diagnostics.debounceMs 的值 9000 无效（应为0 到 5000 之间的整数），已改用默认值 200');
    assert.equal(warnings[1].en, 'The setting budget.diagnostics.debounceMs has an invalid value 9000 (expected an integer from 0 to 5000); using the default 200');
  });

  it('a section that is not an object', () => {
    const { settings, warnings } = parseSettings('en');
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.equal(warnings.length, 1);
  });

  it('locale auto follows the editor language, else zh-CN', () => {
    assert.equal(resolveLocale('auto', 'en'), 'en');
    assert.equal(resolveLocale('auto', 'en-US'), 'en');
    assert.equal(resolveLocale('auto', 'zh-cn'), 'zh-CN');
    assert.equal(resolveLocale('auto', 'de'), 'zh-CN');
    assert.equal(resolveLocale('auto', undefined), 'zh-CN');
    assert.equal(resolveLocale('zh-CN', 'en'), 'zh-CN');
    assert.equal(resolveLocale('en', 'zh-cn'), 'en');
  });
});
