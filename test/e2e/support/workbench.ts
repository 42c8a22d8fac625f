/**
 * Drives the VS Code workbench served by code-server in headless Chromium (playwright-core) the way a
 * person would: keyboard shortcuts, the command palette, the Problems panel, the mouse. Every wait is on
 * a condition (never a fixed sleep) and a timeout says what was awaited and what was last seen.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';

// The callbacks passed to page.evaluate/$eval run in the browser; this project compiles without the DOM
// library (adding it would change the global types of every file), so the few DOM names are declared here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type HTMLElement = any;

export const CHROMIUM = process.env.BUDGET_CHROMIUM || '/usr/bin/chromium';

export interface Problem {
  file: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  source: string;
  code: string;
  /** 1-based, as the panel shows them. */
  line: number;
  column: number;
}

/** Screenshots and text dumps of each step, numbered in order, under one folder. */
export class Artifacts {
  private n = 0;
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }
  next(name: string, ext: string): string {
    this.n++;
    const slug = name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60);
    return join(this.dir, `${String(this.n).padStart(2, '0')}-${slug}.${ext}`);
  }
}

export class Workbench {
  private constructor(readonly browser: Browser, readonly page: Page, readonly artifacts: Artifacts) {}

  static async launch(artifacts: Artifacts): Promise<Workbench> {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
    });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    return new Workbench(browser, page, artifacts);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  /** Polls `probe` until it returns a truthy value; on timeout, says what was awaited and the last value seen. */
  async waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, show?: (last: unknown) => string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    let lastError: unknown;
    for (;;) {
      try {
        const v = await probe();
        if (v) return v;
        last = v;
        lastError = undefined;
      } catch (e) {
        lastError = e;
      }
      if (Date.now() > deadline) {
        const seen = lastError ? `error: ${(lastError as Error).message}` : show ? show(last) : JSON.stringify(last);
        throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; last seen: ${seen}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Opens the workbench and waits until the explorer shows the folder's files. */
  async open(url: string, timeoutMs = 90_000): Promise<number> {
    const t0 = Date.now();
    await this.page.goto(url, { timeout: timeoutMs });
    await this.page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: timeoutMs });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: timeoutMs });
    return Date.now() - t0;
  }

  async screenshot(name: string): Promise<string> {
    const file = this.artifacts.next(name, 'png');
    await this.page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  /** What a person would see: the page's visible text, plus any notifications. */
  async visibleText(): Promise<string> {
    return this.page.evaluate(() => document.body.innerText);
  }

  /** Screenshot + visible text dump, for a failed step. Returns a short summary for the error message. */
  async dumpFailure(step: string): Promise<string> {
    const parts: string[] = [];
    try {
      parts.push(`screenshot: ${await this.screenshot(`FAILED-${step}`)}`);
    } catch (e) {
      parts.push(`(no screenshot: ${(e as Error).message})`);
    }
    try {
      const text = await this.visibleText();
      const file = this.artifacts.next(`FAILED-${step}`, 'txt');
      const frames = await this.webviewTexts();
      writeFileSync(file, `${text}\n\n--- webviews ---\n${frames.join('\n---\n')}\n`);
      parts.push(`visible text: ${file}`);
      const notes = await this.notifications();
      if (notes.length) parts.push(`notifications: ${notes.join(' | ')}`);
      const problems = await this.problems().catch(() => []);
      if (problems.length) parts.push(`problems panel: ${problems.map(fmtProblem).join(' | ')}`);
      parts.push(`screen text (start): ${text.replace(/\s+/g, ' ').slice(0, 1500)}`);
    } catch (e) {
      parts.push(`(no text: ${(e as Error).message})`);
    }
    return parts.join('\n  ');
  }

  async notifications(): Promise<string[]> {
    return this.page.$$eval('.notifications-toasts .notification-toast, .notifications-center .notification-list-item',
      (els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim()).filter(Boolean));
  }

  private async webviewTexts(): Promise<string[]> {
    const out: string[] = [];
    for (const f of this.page.frames()) {
      if (f === this.page.mainFrame()) continue;
      try {
        const t = await f.evaluate(() => document.body?.innerText ?? '');
        if (t.trim()) out.push(`[${f.url().slice(0, 120)}]\n${t}`);
      } catch {
        // detached frame
      }
    }
    return out;
  }

  // --- quick input: files and commands -----------------------------------------------------------

  private async quickInput(keys: string, text: string, pick: (labels: string[]) => number, what: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press(keys);
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(text);
    // Pick by label from the list as filtered for `text` (never by a position read before the list updated).
    const label = await this.waitFor(what, async () => {
      if ((await input.inputValue()) !== text) return false;
      const labels = await this.page.$$eval('.quick-input-widget .quick-input-list .monaco-list-row',
        (els) => els.map((e) => `${e.getAttribute('aria-label') ?? ''}`));
      const i = pick(labels);
      return i >= 0 ? labels[i] : false;
    }, 15_000, () => 'quick input rows did not match');
    const row = this.page.locator(`.quick-input-widget .quick-input-list .monaco-list-row[aria-label="${label.replace(/["\\]/g, '\\$&')}"]`).first();
    await row.click();
    // The pick is taken when the widget hides — or when it shows something else: a command that asks a question
    // (an input box of its own) reuses the widget at once, and it may never be seen hidden in between.
    const widget = this.page.locator('.quick-input-widget');
    await this.waitFor(`the quick input to take “${label}”`, async () => !(await widget.isVisible()) || (await input.inputValue().catch(() => '')) !== text, 10_000);
  }

  /** Opens a file of the workspace's top folder by clicking it in the Explorer; waits until its editor is active. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    if ((await this.activeTab()) !== name) {
      // The Explorer row whose label is exactly `name` (not a longer name containing it).
      const row = this.page.locator('.explorer-folders-view .monaco-list-row')
        .filter({ has: this.page.getByText(name, { exact: true }) }).first();
      await row.waitFor({ state: 'visible', timeout: 15_000 });
      await row.click();
    }
    await this.waitFor(`the editor tab of ${name} to be active`, () => this.activeTab().then((t) => t === name), 30_000, () => 'another tab');
    await this.page.locator(`${this.editorSel} .view-lines`).first().waitFor({ timeout: 15_000 });
    await this.page.locator(`${this.editorSel} textarea`).first().focus();
  }

  /** Runs a command from the command palette (F1) by (part of) its title. */
  async runCommand(title: string | RegExp): Promise<void> {
    const text = typeof title === 'string' ? title : title.source.replace(/\\/g, '');
    const match = (l: string): boolean => (typeof title === 'string' ? l.toLowerCase().includes(title.toLowerCase()) : title.test(l));
    await this.quickInput('F1', `>${typeof title === 'string' ? title : ''}`, (ls) => ls.findIndex(match), `a command matching “${text}” in the command palette`);
  }

  /** Closes every editor, discarding unsaved changes (View: Revert and Close Editor, one at a time). */
  async closeAllEditors(): Promise<void> {
    for (let i = 0; i < 20; i++) {
      const before = (await this.tabs()).length;
      if (!before) return;
      await this.runCommand('View: Revert and Close Editor');
      await this.waitFor('an editor to close', async () => (await this.tabs()).length < before, 10_000);
    }
    throw new Error(`editors still open: ${(await this.tabs()).join(', ')}`);
  }

  async activeTab(): Promise<string | undefined> {
    return this.page.$eval('.part.editor .editor-group-container.active .tab.active .label-name', (e) => e.textContent ?? '').catch(() => undefined);
  }

  async tabs(): Promise<string[]> {
    return this.page.$$eval('.part.editor .tab .label-name', (els) => els.map((e) => e.textContent ?? ''));
  }

  // --- editor ------------------------------------------------------------------------------------

  private editorSel = '.part.editor .editor-group-container.active .monaco-editor';

  /** Go to Line (Ctrl+G) `line`:`column`, both 1-based; waits until the status bar shows it. */
  async goTo(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.waitFor(`the cursor at Ln ${line}, Col ${column}`, async () => {
      const c = await this.cursor();
      return c && c.line === line && c.column === column;
    }, 10_000, () => 'cursor elsewhere');
  }

  /** The cursor as the status bar shows it (1-based). */
  async cursor(): Promise<{ line: number; column: number; selected: number } | undefined> {
    // "Ln 15, Col 22 (10 selected)"
    const t = await this.page.$eval('#status\\.editor\\.selection', (e) => (e as HTMLElement).innerText).catch(() => '');
    const m = /(\d+)\D+(\d+)(?:\D+(\d+))?/.exec(t);
    return m ? { line: Number(m[1]), column: Number(m[2]), selected: Number(m[3] ?? 0) } : undefined;
  }

  /** The text of a (visible) line of the active editor, 1-based; undefined when scrolled out. */
  async lineText(line: number): Promise<string | undefined> {
    return this.page.evaluate(([sel, n]) => {
      const ed = document.querySelector(sel as string);
      if (!ed) return undefined;
      const num = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].find((e) => e.textContent?.trim() === String(n));
      const top = (num?.parentElement as HTMLElement | undefined)?.style.top;
      if (!top) return undefined;
      const l = [...ed.querySelectorAll('.view-lines .view-line')].find((e) => e.style.top === top);
      return l?.textContent?.replace(/\u00a0/g, ' ');
    }, [this.editorSel, line] as const);
  }

  /** Whether the (visible) line has a squiggle of the given kind in the active editor. */
  async lineHasSquiggle(line: number, kind: 'error' | 'warning' | 'info'): Promise<boolean | undefined> {
    return this.page.evaluate(([sel, n, k]) => {
      const ed = document.querySelector(sel as string);
      if (!ed) return undefined;
      const num = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].find((e) => e.textContent?.trim() === String(n));
      const top = (num?.parentElement as HTMLElement | undefined)?.style.top;
      if (!top) return undefined;
      const overlay = [...ed.querySelectorAll('.view-overlays > div')].find((e) => e.style.top === top);
      return !!overlay?.querySelector(`.squiggly-${k}`);
    }, [this.editorSel, line, kind] as const);
  }

  /** Moves the mouse onto the character at the cursor (as a person pointing at it). */
  async hoverAtCursor(): Promise<void> {
    const cursor = this.page.locator(`${this.editorSel} .cursors-layer .cursor`).first();
    const box = await this.waitFor('the editor cursor', () => cursor.boundingBox(), 10_000);
    await this.page.mouse.move(box.x + 1, box.y - 50);
    await this.page.mouse.move(box.x + 6, box.y + box.height / 2, { steps: 4 });
  }

  /** The text of the visible editor hover widget, once it has content. */
  async hoverText(timeoutMs = 15_000): Promise<string> {
    return this.waitFor('the hover widget', async () => {
      const texts = await this.page.$$eval('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents',
        (els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => (e as HTMLElement).innerText.trim()).filter((t) => t && !/^Loading/.test(t)));
      return texts.length ? texts.join('\n') : false;
    }, timeoutMs);
  }

  /** Opens the quick-fix menu (Ctrl+.) and returns its item titles. */
  async quickFixTitles(): Promise<string[]> {
    await this.page.keyboard.press('Control+.');
    return this.waitFor('the quick-fix menu', async () => {
      const t = await this.page.$$eval('.action-widget .monaco-list-row.action', (els) => els.map((e) => (e as HTMLElement).innerText.trim()));
      return t.length ? t : false;
    }, 15_000);
  }

  /** Picks an item of the open quick-fix menu with the keyboard (arrow keys, Enter), as a person would. */
  async chooseQuickFix(title: string): Promise<void> {
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    const n = await rows.count();
    for (let i = 0; i <= n; i++) {
      const focused = await this.page.locator('.action-widget .monaco-list-row.action.focused').first().innerText().catch(() => '');
      if (focused.includes(title)) {
        await this.page.keyboard.press('Enter');
        await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`the quick-fix menu has no item “${title}”`);
  }

  /** Triggers suggestions (Ctrl+Space) and returns the rows' texts. */
  async suggestions(): Promise<string[]> {
    await this.page.keyboard.press('Control+Space');
    return this.waitFor('the suggestion list', async () => {
      const t = await this.page.$$eval('.editor-widget.suggest-widget.visible .monaco-list-row',
        (els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
      return t.length && !t.every((x) => /^Loading/.test(x)) ? t : false;
    }, 15_000);
  }

  /**
   * Changes the user settings the way a person edits settings.json: Preferences: Open User Settings (JSON),
   * Replace (Ctrl+H) `find` by `replacement` (it must occur exactly once), save (Ctrl+S).
   */
  async editUserSettingsJson(find: string, replacement: string): Promise<void> {
    await this.runCommand('Preferences: Open User Settings (JSON)');
    await this.waitFor('the settings.json editor', async () => (await this.activeTab()) === 'settings.json', 15_000);
    await this.page.locator(`${this.editorSel} .view-lines`).first().waitFor({ timeout: 15_000 });
    await this.page.locator(`${this.editorSel} textarea`).first().focus();
    await this.page.keyboard.press('Control+H');
    const widget = this.page.locator('.part.editor .editor-group-container.active .find-widget');
    const findInput = widget.locator('.find-part .input').first();
    const replaceInput = widget.locator('.replace-part .input').first();
    await replaceInput.waitFor({ state: 'visible', timeout: 10_000 });
    await findInput.fill(find);
    await this.waitFor(`exactly one “${find}” in settings.json`, async () => {
      const t = (await widget.locator('.matchesCount').innerText().catch(() => '')).trim();
      return /^1 of 1$/.test(t) ? t : false;
    }, 10_000);
    await replaceInput.fill(replacement);
    await replaceInput.press('Control+Alt+Enter'); // Replace All
    await this.waitFor(`settings.json to contain “${replacement}”`, async () => {
      const t = (await widget.locator('.matchesCount').innerText().catch(() => '')).trim();
      return /^No results/i.test(t) || t === '0 of 0' ? t : false;
    }, 10_000);
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+S');
    await this.waitFor('settings.json to be saved', async () => !(await this.page.locator('.part.editor .tab.active.dirty').count()), 10_000);
  }

  // --- Problems panel ---------------------------------------------------------------------------

  async showProblems(): Promise<void> {
    if (!(await this.page.locator('.markers-panel').isVisible().catch(() => false))) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+Shift+M');
      await this.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
    }
  }

  /** The markers the Problems panel shows (related-information rows are skipped), in panel order. */
  async problems(): Promise<Problem[]> {
    return this.page.evaluate(() => {
      const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')]
        .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
      const out: Problem[] = [];
      let file = '';
      for (const r of rows) {
        const res = r.querySelector('.resource-label-container .label-name');
        if (res) {
          file = res.textContent ?? '';
          continue;
        }
        const icon = r.querySelector('.marker-icon');
        if (!icon) continue;
        const t = (s: string): string => (r.querySelector(s) as HTMLElement | null)?.innerText.trim() ?? '';
        const pos = /Ln (\d+), Col (\d+)/.exec(t('.marker-line')) ?? ['', '0', '0'];
        out.push({
          file,
          severity: icon.classList.contains('error') ? 'error' : icon.classList.contains('warning') ? 'warning' : 'info',
          message: t('.marker-message'),
          source: t('.marker-source'),
          code: t('.marker-code'),
          line: Number(pos[1]),
          column: Number(pos[2]),
        });
      }
      return out;
      interface Problem { file: string; severity: 'error' | 'warning' | 'info'; message: string; source: string; code: string; line: number; column: number }
    });
  }

  /** Waits until the Problems panel's markers satisfy `ok`; returns them. */
  async waitForProblems(what: string, ok: (p: Problem[]) => boolean, timeoutMs = 60_000): Promise<Problem[]> {
    await this.showProblems();
    let seen: Problem[] = [];
    return this.waitFor(what, async () => {
      seen = await this.problems();
      return ok(seen) ? seen : false;
    }, timeoutMs, () => (seen.length ? `the Problems panel shows: ${seen.map(fmtProblem).join(' | ')}` : 'the Problems panel is empty'));
  }

  /** Clicks a marker in the Problems panel (moves the editor to it). */
  async clickProblem(p: Pick<Problem, 'code' | 'line'>): Promise<void> {
    await this.page.locator('.markers-panel .monaco-list-row', { has: this.page.locator('.marker-line', { hasText: `Ln ${p.line},` }) })
      .filter({ has: this.page.locator('.marker-code', { hasText: p.code }) }).first().click();
  }

  // --- webviews ---------------------------------------------------------------------------------

  /** The content frame of the active webview (VS Code nests it: iframe.webview → iframe#active-frame). */
  webview(): FrameLocator {
    // Webview iframes live in an overlay of the workbench, not inside the editor part.
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  }
}

export function fmtProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code} ${p.message}`;
}
