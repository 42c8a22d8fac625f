/**
 * The table preview: a webview beside the editor showing the tables of the active budget file, in its layout (表式).
 *
 * - `budget.openPreview` (command and editor-title button) opens it beside the editor without taking focus.
 * - It follows the active budget editor and updates while the user types (debounced): new data is posted
 *   to the page, which updates in place (no reload, no flicker, scroll position kept).
 * - Data comes from the language server: `budget/tables` {uri} → {tables, diagnostics, version}.
 * - A click on a cell reveals and selects its source; "copy as TSV" goes through vscode.env.clipboard.
 * - A WebviewPanelSerializer revives the panel after a reload (activation event onWebviewPanel:budget.preview).
 * - Security: strict CSP with a nonce, local resources limited to media/, the page builds its DOM with
 *   textContent only (media/preview.js).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { TABLES_REQUEST, type TablesParams, type TablesResult } from '../../server/src/protocol';
import { PreviewDelta } from './preview-delta';
import { makeNonce, previewHtml } from './preview-html';
import { resolveLocale, t, useLocale } from './i18n';

export const PREVIEW_VIEW_TYPE = 'budget.preview';
export const OPEN_PREVIEW_COMMAND = 'budget.openPreview';
const DEBOUNCE_MS = 300;
/** How long after a reveal the preview taking focus back is taken as the click's own focus arriving late. */
const REFOCUS_MS = 1500;

type Client = Pick<BaseLanguageClient, 'sendRequest'>;

interface PageMessage {
  type: 'ready' | 'resync' | 'reveal' | 'copy';
  start?: number;
  end?: number;
  text?: string;
  uri?: string;
}

/** The display language: the setting budget.locale, else VS Code's language (made current for `t`). */
function uiLocale(context: vscode.ExtensionContext): 'zh-CN' | 'en' {
  const locale = resolveLocale(vscode.workspace.getConfiguration('budget').get<string>('locale'), vscode.env.language);
  useLocale(locale, context.asAbsolutePath('l10n'));
  return locale;
}

function isBudget(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && (doc.languageId === 'budget' || doc.uri.path.endsWith('.budget'));
}

function basename(uri: vscode.Uri): string {
  const p = uri.path;
  return p.slice(p.lastIndexOf('/') + 1);
}

class BudgetPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private retries = 0;
  /** Posts after the first are deltas (preview-delta.ts); reset whenever the page is new. */
  private readonly delta = new PreviewDelta();
  /**
   * The editor a click on a cell just revealed, until when: the click gave the webview focus, and the workbench can
   * hand focus back to the webview after the editor was shown (its focus notice races the reveal) — then the
   * editor is focused once more, so that typing goes to the selected figure.
   */
  private refocus: { doc: vscode.TextDocument; column: vscode.ViewColumn | undefined; until: number } | undefined;
  /** The other files the shown tables are built from (TablesResult.dependencies). */
  private dependencies = new Set<string>();
  /** The other files the last tables named for cells (a unit’s file in 部门支出分单位明细): the only ones a click may reveal. */
  private cellFiles = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private panelDisposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly client: Client) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (this.panel && isBudget(e?.document) && e.document.uri.toString() !== this.uri?.toString()) this.show(e.document.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.panel || !e.contentChanges.length) return;
        const u = e.document.uri.toString();
        // The document, or a file its tables are built from (a unit file of the department shown).
        if (u === this.uri?.toString() || this.dependencies.has(u)) this.schedule(DEBOUNCE_MS);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.panel && this.dependencies.has(d.uri.toString())) this.schedule(0);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (this.panel && d.uri.toString() === this.uri?.toString()) this.schedule(0);
      }),
    );
  }

  private get mediaRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.extensionUri, 'media');
  }

  webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [this.mediaRoot], enableFindWidget: true, retainContextWhenHidden: false };
  }

  /** Opens (or reveals) the preview for a document. */
  open(uri: vscode.Uri | undefined): void {
    const target = uri ?? (isBudget(vscode.window.activeTextEditor?.document) ? vscode.window.activeTextEditor!.document.uri : undefined);
    if (!target) {
      uiLocale(this.context);
      void vscode.window.showInformationMessage(t('Open a .budget file first.'));
      return;
    }
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      this.show(target);
      return;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, this.title(target), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions());
    this.attach(panel, target);
  }

  /** Takes over a panel (a new one, or one revived by the serializer). */
  attach(panel: vscode.WebviewPanel, uri: vscode.Uri | undefined): void {
    if (this.panel && this.panel !== panel) this.panel.dispose();
    this.panel = panel;
    this.uri = uri;
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(this.mediaRoot, 'preview-icon.svg');
    panel.webview.html = this.html(panel.webview);
    this.delta.reset();
    if (uri) panel.title = this.title(uri);
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((m: PageMessage) => this.onMessage(m)),
      panel.onDidChangeViewState((e) => {
        const r = this.refocus;
        if (!r || !e.webviewPanel.active) return;
        this.refocus = undefined;
        if (Date.now() <= r.until) void vscode.window.showTextDocument(r.doc, { viewColumn: r.column, preserveFocus: false });
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.panel = undefined;
          this.panelDisposables.forEach((d) => d.dispose());
          this.panelDisposables = [];
        }
      }),
    );
  }

  private title(uri: vscode.Uri): string {
    uiLocale(this.context);
    return t('Tables: {0}', basename(uri));
  }

  private html(webview: vscode.Webview): string {
    const nonce = makeNonce();
    return previewHtml({
      cspSource: webview.cspSource,
      nonce,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'preview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'preview.css')).toString(),
      locale: uiLocale(this.context),
    });
  }

  private show(uri: vscode.Uri): void {
    const changed = uri.toString() !== this.uri?.toString();
    this.uri = uri;
    if (this.panel) this.panel.title = this.title(uri);
    if (changed) this.retries = 0;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, ms);
  }

  private document(): vscode.TextDocument | undefined {
    const u = this.uri?.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === u);
  }

  private async refresh(): Promise<void> {
    const panel = this.panel;
    const uri = this.uri;
    if (!panel || !uri) return;
    const seq = ++this.seq;
    const doc = this.document() ?? (await vscode.workspace.openTextDocument(uri).then((d) => d, () => undefined));
    if (!doc) {
      uiLocale(this.context);
      void panel.webview.postMessage({ type: 'error', message: t('Cannot open {0}', basename(uri)) });
      return;
    }
    let res: TablesResult;
    try {
      const params: TablesParams = { uri: uri.toString() };
      res = await this.client.sendRequest<TablesResult>(TABLES_REQUEST, params);
    } catch (e) {
      if (seq !== this.seq) return;
      // The server may still be starting: retry a few times, then say so.
      if (this.retries++ < 10) this.schedule(500 * this.retries);
      else {
        uiLocale(this.context);
        void panel.webview.postMessage({ type: 'error', message: t('The language server returned no tables: {0}', (e as Error)?.message ?? String(e)) });
      }
      return;
    }
    if (seq !== this.seq || this.panel !== panel || this.uri?.toString() !== uri.toString()) return;
    this.retries = 0;
    this.dependencies = new Set(res?.dependencies ?? []);
    this.cellFiles = new Set((res?.tables ?? []).flatMap((t) => t.rows.flatMap((r) => r.flatMap((c) => (typeof c.file === 'string' ? [c.file] : [])))));
    // A response for an older version: the newer text is on its way; ask again shortly.
    if (typeof res?.version === 'number' && res.version < doc.version) this.schedule(DEBOUNCE_MS);
    void panel.webview.postMessage({ type: 'error', message: '' });
    void panel.webview.postMessage({
      type: 'update',
      uri: uri.toString(),
      fileName: basename(uri),
      version: res?.version ?? doc.version,
      locale: uiLocale(this.context),
      ...this.delta.encode(uri.toString(), res?.tables ?? []),
      diagnostics: res?.diagnostics ?? [],
      layouts: res?.layouts ?? [],
      ...(res?.handout ? { handout: res.handout } : {}),
    });
  }

  private async onMessage(m: PageMessage): Promise<void> {
    if (!m || typeof m !== 'object') return;
    if (m.type === 'ready' || m.type === 'resync') {
      // A new page (or one that missed a post): the next post is complete.
      this.delta.reset();
      this.schedule(0);
    }
    else if (m.type === 'copy' && typeof m.text === 'string') {
      await vscode.env.clipboard.writeText(m.text);
      uiLocale(this.context);
      vscode.window.setStatusBarMessage(t('Table copied as TSV'), 2000);
    } else if (m.type === 'reveal' && typeof m.start === 'number' && typeof m.end === 'number' && this.uri) {
      const target = this.revealTarget(m.uri);
      if (target) await this.reveal(target, m.start, m.end);
    }
  }

  /**
   * Where a click reveals: the previewed document, or another budget file the last tables named for a cell (a unit's
   * file in 部门支出分单位明细) — nothing else the page may ask for (the page is not trusted with opening files).
   */
  revealTarget(uri: unknown): vscode.Uri | undefined {
    if (!this.uri) return undefined;
    if (uri === undefined || uri === this.uri.toString()) return this.uri;
    if (typeof uri !== 'string' || !this.cellFiles.has(uri)) return undefined;
    const target = vscode.Uri.parse(uri, true);
    return target.scheme === 'file' && target.path.endsWith('.budget') ? target : undefined;
  }

  private async reveal(uri: vscode.Uri, start: number, end: number): Promise<void> {
    const key = uri.toString();
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
    const doc = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const len = doc.getText().length;
    const range = new vscode.Range(doc.positionAt(Math.max(0, Math.min(start, len))), doc.positionAt(Math.max(0, Math.min(end, len))));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this.refocus = { doc, column: editor.viewColumn, until: Date.now() + REFOCUS_MS };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

/**
 * Registers the preview command and the panel serializer. `client` is the running language client (its
 * requests are retried while the server starts).
 */
export function registerPreview(context: vscode.ExtensionContext, client: Client): vscode.Disposable {
  const preview = new BudgetPreview(context, client);
  const subs: vscode.Disposable[] = [
    preview,
    vscode.commands.registerCommand(OPEN_PREVIEW_COMMAND, (uri?: vscode.Uri) => preview.open(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const s = state as { uri?: string } | undefined;
        let uri: vscode.Uri | undefined;
        try {
          // The saved state is data from the webview: follow it only to a .budget document.
          uri = typeof s?.uri === 'string' && /\.budget$/i.test(vscode.Uri.parse(s.uri).path) ? vscode.Uri.parse(s.uri) : undefined;
        } catch {
          uri = undefined;
        }
        uri ??= isBudget(vscode.window.activeTextEditor?.document) ? vscode.window.activeTextEditor!.document.uri : undefined;
        preview.attach(panel, uri);
      },
    }),
  ];
  const all = vscode.Disposable.from(...subs);
  context.subscriptions.push(all);
  return all;
}
