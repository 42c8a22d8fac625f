/**
 * End-to-end: the packaged extension (.vsix) installed in a real VS Code (code-server), driven through
 * headless Chromium like a person would. Run with `npm run test:e2e` (docs/e2e.md). Each step keeps a
 * screenshot under .artifacts/e2e/; a failing step says what was on screen and keeps a text dump.
 *
 * The expectations come from the language core run on the same files (messages, lines, fixes, totals,
 * catalog names), so these tests check that the editor shows what the core computes, in both languages.
 */
import assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { builtinCatalog } from '../../server/src/core/catalog';
import type { TreeNode } from '../../server/src/core/compute';
import { renderMessage, type Diagnostic } from '../../server/src/core/diagnostics';
import type { Locale } from '../../server/src/core/i18n';
import { formatMoney, TICKS } from '../../server/src/core/money';
import { LineIndex } from '../../server/src/core/position';
import { budgetSkeleton, skeletonText } from '../../server/src/core/features/skeleton';
import { buildTables } from '../../server/src/core/tables';
import {
  codeServerEntry, configurationProperties, findVsix, installExtension, repoRoot, startCodeServer, vsixManifest,
  writeUserSettings, type ExtensionManifest, type RunningCodeServer,
} from './support/codeServer';
import { Artifacts, fmtProblem, Workbench, type Problem } from './support/workbench';

const ROOT = repoRoot();
const SAMPLE = 'fushun-2025.budget';
/** A Shanghai department budget (表式 上海部门): its 三公 table is published in 万元, with 机关运行经费. */
const SHANGHAI = 'real-wanli-2025.budget';
const WRONG = 'fushun-2025-wrong-total.budget';
const GBK = 'saved-as-gb18030.budget';
/** A small budget with one wrong total, as other office software saves it: GB18030 (GBK) bytes, no BOM. */
const GBK_TEXT = '年度 2025\n金额单位 万元\n单位 测试单位 {\n  支出 {\n    208 社会保障和就业支出 3.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00\n  }\n}\n';
const GBK_BYTES = Buffer.from('c4eab6c820323032350abdf0b6eeb5a5cebb20cdf2d4aa0ab5a5cebb20b2e2cad4b5a5cebb207b0a2020d6a7b3f6207b0a2020202032303820c9e7bbe1b1a3d5cfbacdbecdd2b5d6a7b3f620332e30300a20202020323038303120c8cbc1a6d7cad4b4bacdc9e7bbe1b1a3d5cfb9dcc0edcac2cef120c8cbd4b120312e30300a20202020323038303520d0d0d5fecac2d2b5b5a5cebbd1f8c0cfd6a7b3f620c8cbd4b120312e30300a20207d0a7d0a', 'hex');
const ARTIFACTS = join(ROOT, '.artifacts', 'e2e');

const severityName = { error: 'error', warning: 'warning', information: 'info', hint: 'info' } as const;
const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

interface Expected { severity: Problem['severity']; code: string; line: number; column: number; zh: string; en: string; d: Diagnostic }

/** What the core says about a text: the diagnostics a person would see, with 1-based positions. */
function expectedProblems(a: Analysis): Expected[] {
  const index = new LineIndex(a.text);
  return a.diagnostics
    .filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => {
      const p = index.position(d.start);
      return { severity: severityName[d.severity], code: d.code, line: p.line + 1, column: p.character + 1, zh: renderMessage(d, 'zh-CN'), en: renderMessage(d, 'en'), d };
    });
}

const key = (x: { severity: string; code: string; line: number }): string => `${x.severity} ${x.code} @${x.line}`;
const sameSet = (a: string[], b: string[]): boolean => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

describe('the extension in a real VS Code (code-server + Chromium)', function () {
  this.timeout(120_000);

  let server: RunningCodeServer | undefined;
  let wb: Workbench;
  let artifacts: Artifacts;
  let manifest: ExtensionManifest;
  let userDataDir: string;
  let workspace: string;
  let localeValues: Record<Locale, string>;
  const timings: Record<string, number> = {};

  let sampleText: string;
  let sample: Analysis;
  let wrongText: string;
  let wrong: Analysis;

  function settings(locale: Locale): Record<string, unknown> {
    return {
      'budget.locale': localeValues[locale],
      'editor.hover.delay': 200,
      'workbench.editor.enablePreview': false,
      'workbench.reduceMotion': 'on', // no fade-ins: screenshots show widgets fully drawn
    };
  }

  /** Runs one step: a screenshot when it passes; a screenshot, a text dump and what was on screen when it fails. */
  async function step(name: string, fn: () => Promise<void>): Promise<void> {
    const t0 = Date.now();
    try {
      await fn();
      const shot = await wb.screenshot(name);
      timings[name] = Date.now() - t0;
      console.log(`      ✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s) → ${shot}`);
    } catch (e) {
      const dump = wb ? await wb.dumpFailure(name) : '(no browser)';
      const err = new Error(`step “${name}” failed: ${(e as Error).message}\n  ${dump}`);
      err.stack = `${err.message}\n${(e as Error).stack ?? ''}`;
      throw err;
    }
  }

  async function problemsOf(file: string, what: string, ok: (p: Problem[]) => boolean, timeoutMs?: number): Promise<Problem[]> {
    const all = await wb.waitForProblems(what, (p) => ok(p.filter((x) => x.file === file)), timeoutMs);
    return all.filter((x) => x.file === file);
  }

  before(async function () {
    this.timeout(300_000);
    // Preconditions, each with a message that says what to do.
    const entry = codeServerEntry();
    const vsix = findVsix();
    manifest = vsixManifest(vsix);
    const locales = configurationProperties(manifest)['budget.locale']?.enum ?? ['zh-CN', 'en'];
    localeValues = {
      'zh-CN': locales.find((v) => /^zh/i.test(v)) ?? 'zh-CN',
      en: locales.find((v) => /^en/i.test(v)) ?? 'en',
    };
    console.log(`    extension: ${vsix} (${manifest.publisher}.${manifest.name} ${manifest.version})`);

    rmSync(ARTIFACTS, { recursive: true, force: true });
    artifacts = new Artifacts(ARTIFACTS);

    // The workspace: the reference sample, and a copy with one wrong total (a parent code's 合计 + 0.1 of the money unit).
    sampleText = readFileSync(join(ROOT, 'samples', SAMPLE), 'utf8');
    sample = analyze(sampleText);
    assert.equal(sample.diagnostics.filter((d) => d.severity === 'error').length, 0, 'the reference sample has errors in the core itself');
    const parent = firstParent(sample);
    const cell = parent.rows[0].cells.total!;
    const unit = sample.figures[0].unit.moneyUnit;
    wrongText = sampleText.slice(0, cell.span.start) + formatMoney(cell.value + TICKS[unit] / 10n, unit) + sampleText.slice(cell.span.end);
    wrong = analyze(wrongText);
    workspace = mkdtempSync(join(tmpdir(), 'budget-e2e-ws-'));
    copyFileSync(join(ROOT, 'samples', SAMPLE), join(workspace, SAMPLE));
    copyFileSync(join(ROOT, 'samples', SHANGHAI), join(workspace, SHANGHAI));
    writeFileSync(join(workspace, WRONG), wrongText);
    assert.equal(new TextDecoder('gb18030').decode(GBK_BYTES), GBK_TEXT, 'the GB18030 bytes are the text');
    writeFileSync(join(workspace, GBK), GBK_BYTES);

    // A fresh VS Code profile with the packaged extension in it.
    userDataDir = mkdtempSync(join(tmpdir(), 'budget-e2e-user-'));
    const extensionsDir = join(userDataDir, 'extensions');
    let t0 = Date.now();
    installExtension(entry, vsix, userDataDir, extensionsDir);
    timings['install extension'] = Date.now() - t0;
    writeUserSettings(userDataDir, settings('zh-CN'));

    t0 = Date.now();
    server = await startCodeServer({ entry, userDataDir, extensionsDir, logFile: join(ARTIFACTS, 'code-server.log') });
    timings['code-server listening'] = Date.now() - t0;
    wb = await Workbench.launch(artifacts);
    timings['workbench load'] = await wb.open(server.folderUrl(workspace));
    console.log(`    code-server ${server.url} (log ${server.logFile}); workbench loaded in ${(timings['workbench load'] / 1000).toFixed(1)} s`);
  });

  after(async function () {
    this.timeout(60_000);
    await wb?.close().catch(() => undefined);
    await server?.stop();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    if (workspace) rmSync(workspace, { recursive: true, force: true });
    console.log(`    screenshots and logs: ${ARTIFACTS}`);
    console.log(`    timings (ms): ${JSON.stringify(timings)}`);
  });

  // Each test starts from a workbench with no editor open (unsaved changes discarded), so the Problems
  // panel lists only the files that test opens (the server clears the diagnostics of closed files).
  beforeEach(async function () {
    this.timeout(60_000);
    await wb.closeAllEditors();
  });

  it('opens the reference sample: no errors, the expected warnings in Problems', async () => {
    const expected = expectedProblems(sample);
    await step('sample-problems', async () => {
      await wb.openFile(SAMPLE);
      const shown = await problemsOf(SAMPLE, `the Problems panel to list ${expected.map(key).join(', ')} for ${SAMPLE}, in Chinese`,
        (p) => sameSet(p.map(key), expected.map(key)) && expected.every((e) => p.some((x) => key(x) === key(e) && norm(x.message) === norm(e.zh))));
      assert.equal(shown.filter((p) => p.severity === 'error').length, 0);
      const lines = sampleText.split(/\r?\n/);
      const on = (code: string, words: string): Problem => {
        const p = shown.find((x) => x.code === code && x.severity === 'warning');
        assert.ok(p, `no ${code} warning in Problems: ${shown.map(fmtProblem).join(' | ')}`);
        assert.ok(lines[p.line - 1].includes(words), `${code} is on line ${p.line} (“${lines[p.line - 1].trim()}”), not on the ${words} indicator`);
        return p;
      };
      on('BUD606', '养老保险');
      on('BUD601', '省级统筹');
      on('BUD602', '省级统筹');
      for (const e of expected) {
        const p = shown.find((x) => key(x) === key(e))!;
        assert.equal(norm(p.message), norm(e.zh), `the message of ${key(e)}`);
      }
    });
  });

  it('a wrong total: the Chinese error and a squiggle; the quick fix clears it', async () => {
    const errors = expectedProblems(wrong).filter((e) => e.severity === 'error');
    assert.equal(errors.length, 1, `the modified copy should have exactly one error in the core: ${errors.map(key).join(', ')}`);
    const e = errors[0];
    const fix = e.d.fixes?.[0];
    assert.ok(fix, `the core offers no fix for ${key(e)}`);
    await step('wrong-total-error', async () => {
      await wb.openFile(WRONG);
      const shown = await problemsOf(WRONG, `the Problems panel to show ${key(e)} for ${WRONG}, in Chinese`,
        (p) => p.some((x) => key(x) === key(e) && norm(x.message) === norm(e.zh)));
      const p = shown.find((x) => key(x) === key(e))!;
      assert.equal(norm(p.message), norm(e.zh));
      assert.match(p.message, /[\u4e00-\u9fff]/, 'the message is in Chinese');
      await wb.clickProblem(p);
      await wb.waitFor(`the cursor on line ${e.line} after clicking the problem`, async () => (await wb.cursor())?.line === e.line);
      await wb.waitFor(`a red squiggle on line ${e.line}`, () => wb.lineHasSquiggle(e.line, 'error'));
    });
    await step('wrong-total-quick-fix', async () => {
      await wb.goTo(e.line, e.column);
      const title = fix.title.zh;
      const titles = await wb.quickFixTitles();
      assert.ok(titles.some((t) => t.includes(title)), `the quick-fix menu offers “${title}”; it shows: ${titles.join(' | ')}`);
      await wb.chooseQuickFix(title);
      const fixed = fix.edits[0].newText;
      await wb.waitFor(`line ${e.line} to contain ${fixed}`, async () => (await wb.lineText(e.line))?.includes(fixed));
      await problemsOf(WRONG, `no errors left for ${WRONG}`, (p) => p.length > 0 && !p.some((x) => x.severity === 'error'));
      await wb.waitFor(`the squiggle on line ${e.line} to go`, async () => (await wb.lineHasSquiggle(e.line, 'error')) === false);
    });
  });

  it('hovering a parent code shows its roll-up total', async () => {
    const node = firstParent(sample);
    const row = node.rows[0];
    const index = new LineIndex(sampleText);
    const pos = index.position(row.codeSpan.start);
    const total = formatMoney(node.cells.total!, sample.figures[0].unit.moneyUnit);
    await step('hover-parent-code', async () => {
      await wb.openFile(SAMPLE);
      await wb.goTo(pos.line + 1, pos.character + 2);
      await wb.hoverAtCursor();
      const text = await wb.waitFor(`a hover on ${node.code} that shows ${total}`, async () => {
        const t = await wb.hoverText(5_000).catch(() => '');
        if (!t.includes(total)) await wb.hoverAtCursor(); // moved off: point again
        return t.includes(total) && t.includes(node.code) ? t : false;
      }, 30_000);
      assert.ok(text.includes(total));
    });
  });

  it('the table preview shows 表1 and a click on a cell moves the editor', async () => {
    const cmd = manifest.contributes?.commands?.find((c) => /preview/i.test(c.command) || /Preview|预览/.test(c.title));
    assert.ok(cmd, `the extension contributes no preview command: ${JSON.stringify(manifest.contributes?.commands ?? [])}`);
    const income = sample.figures[0].income.values.get('收入总计');
    assert.ok(income !== undefined, 'the core computes no 收入总计');
    const total = formatMoney(income, sample.figures[0].unit.moneyUnit);
    await step('preview-table-1', async () => {
      await wb.openFile(SAMPLE);
      await wb.goTo(1, 1);
      await wb.runCommand(cmd.title);
      const view = wb.webview();
      await view.getByRole('heading', { name: /^表1(?!\d)/ }).first().waitFor({ timeout: 30_000 });
      await table1(view).getByRole('cell', { name: total, exact: true }).first().waitFor({ timeout: 30_000 });
    });
    await step('preview-click-cell', async () => {
      await table1(wb.webview()).getByRole('cell', { name: total, exact: true }).first().click();
      const lines = sampleText.split(/\r?\n/);
      // The editor selects the figure's source: on a line that has it, as many characters as it has.
      // Focus is part of it: typing next (the step below) must go to the selected figure, not to the preview.
      let seen = '';
      await wb.waitFor(`the editor of ${SAMPLE} to select a ${total} in the source, with focus`, async () => {
        const tab = await wb.activeTab();
        const c = await wb.cursor();
        seen = `active tab ${JSON.stringify(tab)}, status bar selection ${c ? JSON.stringify(c) : 'not shown (no text editor focused)'}`;
        if (tab !== SAMPLE) return false;
        return c && c.line > 1 && lines[c.line - 1]?.includes(total) && c.selected === total.length;
      }, 30_000, () => seen);
    });
    await step('preview-follows-an-edit', async () => {
      // Typing over the selected figure: the open preview updates in place (a delta post) and shows the new
      // figure; undo brings the old one back.
      const edited = total.replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10));
      await wb.page.keyboard.type(edited);
      await wb.webview().getByRole('cell', { name: edited, exact: true }).first().waitFor({ timeout: 30_000 });
      await wb.page.keyboard.press('Control+Z');
      await wb.waitFor(`the preview to show ${total} again, not ${edited}`, async () => (await wb.webview().getByRole('cell', { name: edited, exact: true }).count()) === 0, 30_000);
    });
  });

  it('the preview of a Shanghai budget: its layout’s tables, the 三公 table in 万元 with 机关运行经费', async () => {
    const cmd = manifest.contributes!.commands!.find((c) => c.command === 'budget.openPreview')!;
    const t9 = buildTables(analyze(readFileSync(join(ROOT, 'samples', SHANGHAI), 'utf8'))).find((t) => t.id === '表9')!;
    const ops = t9.rows[0][t9.rows[0].length - 1].text;
    await step('preview-shanghai-table-9', async () => {
      await wb.openFile(SHANGHAI);
      await wb.goTo(1, 1);
      await wb.runCommand(cmd.title);
      const view = wb.webview();
      await view.getByText('表式：上海部门预算（9 张表）').first().waitFor({ timeout: 30_000 });
      await view.getByRole('link', { name: /^表9 / }).first().click();
      const heading = view.getByRole('heading', { name: /^表9\s*2025年部门“三公”经费和机关运行经费预算表/ });
      await heading.first().waitFor({ timeout: 30_000 });
      const section = view.locator('section', { has: heading });
      await section.getByText('单位：万元').first().waitFor({ timeout: 30_000 });
      await section.getByRole('columnheader', { name: '机关运行经费预算数' }).first().waitFor({ timeout: 30_000 });
      await section.getByRole('cell', { name: ops, exact: true }).first().waitFor({ timeout: 30_000 });
      assert.equal(ops, '464.64');
    });
  });

  it('from a blank file: the New Budget File command, the fixes for BUD102 and BUD610, a snippet, the preview with its title', async () => {
    const o = { unit: '某县农业农村局', year: 2026, moneyUnit: '万元', kind: '行政单位', layout: '辽宁' } as const;
    const skeleton = budgetSkeleton(o);
    const file = skeleton.fileName;
    // The text as the editor holds it, kept in step with each edit below (the line numbers to go to).
    let text = skeletonText(skeleton);
    const lineOf = (needle: string, from = 0): number => text.slice(0, text.indexOf(needle, from)).split('\n').length;
    const insertAfterLine = (line: number, added: string): void => {
      const lines = text.split('\n');
      lines.splice(line, 0, added);
      text = lines.join('\n');
    };
    const applyFix = (code: string, title: string): void => {
      const d = analyze(text).diagnostics.find((x) => x.code === code && x.fixes?.some((f) => f.title.zh === title));
      assert.ok(d, `the core offers “${title}” on ${code}`);
      const edits = [...d.fixes!.find((f) => f.title.zh === title)!.edits].sort((a, b) => b.start - a.start);
      for (const e of edits) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    };
    const newFile = manifest.contributes!.commands!.find((c) => c.command === 'budget.newFile')!;
    const quickInput = wb.page.locator('.quick-input-widget .quick-input-box input');
    const answer = async (value: string | undefined): Promise<void> => {
      await quickInput.waitFor({ state: 'visible', timeout: 15_000 });
      if (value !== undefined) {
        await quickInput.fill(value);
        await wb.waitFor(`the input to hold ${value}`, async () => (await quickInput.inputValue()) === value, 10_000);
      }
      await wb.page.keyboard.press('Enter');
      await wb.page.waitForTimeout(300);
    };
    await step('blank-new-budget-file', async () => {
      assert.match(newFile.title, /New Budget File/);
      // In a workspace of budgets (the extension loaded), a new one.
      await wb.openFile(SAMPLE);
      await wb.runCommand('New Budget File');
      await answer(o.unit);
      await answer(String(o.year));
      await answer(undefined); // 万元, the first
      await answer(undefined); // 行政单位, the first
      await answer(undefined); // 辽宁, the first
      await wb.waitFor(`the new document ${file}`, async () => (await wb.activeTab()) === file, 30_000, () => 'another tab');
      await wb.page.keyboard.press('Escape');
      await wb.waitFor('the skeleton in the editor', async () => (await wb.lineText(1))?.includes('2026年某县农业农村局部门预算批复表'), 15_000);
    });
    await step('blank-fix-bud102', async () => {
      // A project's economic line under 310, which the unit's 经济分类 does not list.
      const line = lineOf('30227 委托业务费');
      await wb.goTo(line, 1);
      await wb.page.keyboard.press('End');
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.insertText('31005 基础设施建设 0.00');
      insertAfterLine(line, '      31005 基础设施建设 0.00');
      const added = line + 1;
      await problemsOf(file, `BUD102 on line ${added}`, (p) => p.some((x) => x.code === 'BUD102' && x.line === added));
      await wb.goTo(added, 8);
      const title = '在经济分类中加入 310 资本性支出';
      const titles = await wb.quickFixTitles();
      assert.ok(titles.some((x) => x.includes(title)), `the quick-fix menu offers “${title}”; it shows: ${titles.join(' | ')}`);
      await wb.chooseQuickFix(title);
      applyFix('BUD102', title);
      await problemsOf(file, 'no BUD102 left', (p) => !p.some((x) => x.code === 'BUD102'));
    });
    await step('blank-fix-bud610', async () => {
      // The project's indicators: the block's default deadline removed, one line given its own — the others have none.
      const dl = lineOf('时限 2026-12');
      await wb.goTo(dl, 1);
      await wb.page.keyboard.press('Control+Shift+K');
      text = text.split('\n').filter((_, i) => i !== dl - 1).join('\n');
      const first = lineOf('完成任务数 >= 1 项');
      await wb.goTo(first, 1);
      await wb.page.keyboard.press('End');
      await wb.page.keyboard.insertText(' 2026-12');
      text = text.replace('完成任务数 >= 1 项', '完成任务数 >= 1 项 2026-12');
      const target = lineOf('验收合格率');
      await problemsOf(file, `BUD610 on line ${target}`, (p) => p.some((x) => x.code === 'BUD610' && x.line === target));
      await wb.goTo(target, 8);
      const title = '在指标块中加入 时限 2026-12';
      const titles = await wb.quickFixTitles();
      assert.ok(titles.some((x) => x.includes(title)), `the quick-fix menu offers “${title}”; it shows: ${titles.join(' | ')}`);
      await wb.chooseQuickFix(title);
      applyFix('BUD610', title);
      await problemsOf(file, 'no BUD610 left', (p) => !p.some((x) => x.code === 'BUD610'));
      assert.deepEqual(analyze(text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), [], 'the file checks without errors in the core');
    });
    await step('blank-snippet-project', async () => {
      // A second project from the 项目 snippet, after the first project's block.
      const end = lineOf('\n  }\n', text.indexOf('服务对象满意度 >= 90 %')) + 1;
      await wb.goTo(end, 1);
      await wb.page.keyboard.press('End');
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.insertText('项目');
      const rows = await wb.suggestions();
      assert.ok(rows.some((r) => r.includes('项目 { … }')), `the 项目 snippet among the suggestions: ${rows.join(' | ')}`);
      await wb.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row', { hasText: '项目 { … }' }).first().click();
      // The snippet's first field, the project's name, is selected: typed over (the skeleton's project has the default).
      await wb.waitFor('the new project in the editor', async () => (await wb.lineText(end + 1))?.includes('项目 项目名称 {'), 15_000);
      await wb.page.keyboard.insertText('农机购置补贴');
      await wb.page.keyboard.press('Escape');
      await wb.waitFor('the new project named', async () => (await wb.lineText(end + 1))?.includes('项目 农机购置补贴 {'), 15_000);
      await problemsOf(file, 'no errors with the new project', (p) => !p.some((x) => x.severity === 'error'));
    });
    await step('blank-preview-title', async () => {
      const cmd = manifest.contributes!.commands!.find((c) => c.command === 'budget.openPreview')!;
      await wb.runCommand(cmd.title);
      await wb.webview().getByRole('heading', { name: '2026年某县农业农村局部门预算批复表' }).first().waitFor({ timeout: 30_000 });
      await wb.webview().getByText('单位名称：某县农业农村局').first().waitFor({ timeout: 30_000 });
    });
  });

  it('completion offers a classification code with its name', async () => {
    const catalog = builtinCatalog();
    const node = firstParent(sample);
    const index = new LineIndex(sampleText);
    const line = index.position(node.rows[0].span.end).line + 1; // a new line after the parent's row
    const prefix = node.code; // codes under this parent start with it
    await step('completion-code', async () => {
      await wb.openFile(SAMPLE);
      await wb.goTo(line, 1);
      await wb.page.keyboard.press('End');
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.type(prefix);
      const rows = await wb.suggestions();
      const named = rows.find((r) => {
        const code = new RegExp(`\\b(${prefix}\\d*)\\b`).exec(r)?.[1];
        const entry = code ? catalog.get('func', code) : undefined;
        return entry?.names.some((n) => r.includes(n));
      });
      assert.ok(named, `no suggestion shows a ${prefix}… code with its catalog name; suggestions: ${rows.join(' | ')}`);
    });
  });

  it('a file saved as GBK/GB18030 opens as Chinese text and is checked (files.autoGuessEncoding for budget files)', async () => {
    const expected = expectedProblems(analyze(GBK_TEXT));
    assert.deepEqual(expected.map((e) => e.code), ['BUD201'], 'the core sees one wrong total in the decoded text');
    await step('gb18030-file', async () => {
      await wb.openFile(GBK);
      await wb.waitFor('the editor to show line 5 as Chinese text', async () => (await wb.lineText(5))?.includes('社会保障和就业支出'));
      await problemsOf(GBK, `the Problems panel to show exactly ${expected.map(key).join(', ')} for ${GBK}, in Chinese`,
        (p) => sameSet(p.map(key), expected.map(key)) && norm(p[0].message) === norm(expected[0].zh));
    });
  });

  it('budget.locale = en switches the messages to English, and zh-CN back', async () => {
    const expected = expectedProblems(sample);
    await step('locale-english', async () => {
      await wb.editUserSettingsJson(`"budget.locale": "${localeValues['zh-CN']}"`, `"budget.locale": "${localeValues.en}"`);
      await wb.openFile(SAMPLE);
      // Every message in the core's English, none left in Chinese (the zh and en texts differ for each).
      await problemsOf(SAMPLE, 'the Problems panel to show the English messages',
        (p) => expected.every((e) => p.some((x) => key(x) === key(e) && norm(x.message) === norm(e.en))));
      assert.ok(expected.every((e) => norm(e.en) !== norm(e.zh)));
    });
    await step('locale-back-to-chinese', async () => {
      // And back: the same messages in Chinese again (this also leaves the profile as the other tests expect).
      await wb.editUserSettingsJson(`"budget.locale": "${localeValues.en}"`, `"budget.locale": "${localeValues['zh-CN']}"`);
      await wb.openFile(SAMPLE);
      await problemsOf(SAMPLE, 'the Problems panel to show the Chinese messages again',
        (p) => expected.every((e) => p.some((x) => key(x) === key(e) && norm(x.message) === norm(e.zh))));
    });
  });
});

/** The smallest element of the preview that holds both the 表1 heading and a table (the 表1 section). */
function table1(view: FrameLocator): Locator {
  const heading = view.getByRole('heading', { name: /^表1(?!\d)/ });
  return view.locator(':is(section, article, div)', { has: heading }).filter({ has: view.getByRole('table') }).last();
}

/** The first written function row whose code has sub-codes (a parent: its total is a roll-up). */
function firstParent(a: Analysis): TreeNode {
  for (const n of a.figures[0].func.byCode.values()) {
    if (n.rows.length && n.children.length >= 2 && n.cells.total !== undefined && n.rows[0].cells.total) return n;
  }
  throw new Error('the sample has no parent function code');
}
