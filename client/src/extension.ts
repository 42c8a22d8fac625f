/**
 * The VS Code client: starts the budget language server (dist/server.js) and adds what only the editor can
 * show — the check state of the active document in the status bar, and the commands of the extension.
 * All language features (diagnostics, hover, completion, …) come from the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CATALOG_REQUEST, type CatalogParams, type CatalogResult } from '../../server/src/protocol';
import { catalogRows, catalogTitle } from './catalog-items';
import { registerPreview } from './preview';
import { resolveLocale, t, useLocale, type Locale } from './i18n';
import { registerImport } from './import';
import { registerNewBudget } from './newBudget';
import { countSeverities, serverStateText, statusText, workspaceSummary, type Counts } from './status';

const LANGUAGE_ID = 'budget';
const PROBLEMS_COMMAND = 'workbench.actions.view.problems';

let client: LanguageClient | undefined;
/** The extension's l10n folder (package.json "l10n"). */
let l10nDir = '';

/** The UI's locale (budget.locale, else VS Code's display language), made current for `t`. */
function locale(): Locale {
  const loc = resolveLocale(vscode.workspace.getConfiguration('budget').get<string>('locale'), vscode.env.language);
  useLocale(loc, l10nDir);
  return loc;
}

function isBudget(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return doc?.languageId === LANGUAGE_ID;
}

/** The budget diagnostics of a document: those the language client published (or, pulled, those of source budget). */
function diagnosticsOf(uri: vscode.Uri): readonly vscode.Diagnostic[] {
  const pushed = client?.diagnostics?.get(uri);
  if (pushed && pushed.length) return pushed;
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === LANGUAGE_ID);
}

function countsOf(uri: vscode.Uri): Counts {
  return countSeverities(diagnosticsOf(uri).map((d) => d.severity));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  l10nDir = context.asAbsolutePath('l10n');
  locale();
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    synchronize: { configurationSection: 'budget' },
    // The settings go along with the locale, so that the first diagnostics already use them.
    initializationOptions: { locale: vscode.env.language, settings: vscode.workspace.getConfiguration('budget') },
    diagnosticCollectionName: LANGUAGE_ID,
  };
  // The id 'budget' makes the client read its trace level from the setting budget.trace.server.
  const lc = new LanguageClient(LANGUAGE_ID, t('Budget Language Server'), serverOptions, clientOptions);
  client = lc;

  // Status bar: the check state of the active budget document.
  const status = vscode.window.createStatusBarItem('budget.status', vscode.StatusBarAlignment.Left, 50);
  status.name = t('Budget check');
  context.subscriptions.push(status);
  const updateStatus = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!isBudget(doc)) {
      status.hide();
      return;
    }
    locale();
    let shown: { text: string; tooltip: string };
    if (lc.state === State.Running) {
      shown = statusText(countsOf(doc.uri));
      status.command = PROBLEMS_COMMAND;
    } else {
      shown = serverStateText(lc.state === State.Starting ? 'starting' : 'stopped');
      status.command = lc.state === State.Starting ? undefined : 'budget.restartServer';
    }
    status.text = shown.text;
    status.tooltip = shown.tooltip;
    status.show();
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (doc === vscode.window.activeTextEditor?.document) updateStatus();
    }),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document;
      if (isBudget(active) && e.uris.some((u) => u.toString() === active.uri.toString())) updateStatus();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('budget.locale')) updateStatus();
    }),
    lc.onDidChangeState(updateStatus),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('budget.restartServer', async () => {
      try {
        if (lc.state === State.Stopped) await lc.start();
        else await lc.restart();
        locale();
        vscode.window.setStatusBarMessage(t('Budget language server restarted'), 3000);
      } catch (e) {
        void vscode.window.showErrorMessage(t('Could not restart the budget language server: {0}', String(e)));
      }
      updateStatus();
    }),
    vscode.commands.registerCommand('budget.checkWorkspace', () => checkWorkspace(lc)),
    vscode.commands.registerCommand('budget.showCatalog', () => showCatalog(lc)),
  );

  registerPreview(context, lc);
  registerImport(context);
  registerNewBudget(context);

  updateStatus();
  try {
    await lc.start();
  } catch (e) {
    locale();
    void vscode.window.showErrorMessage(t('The budget language server failed to start: {0}', String(e)));
  }
  updateStatus();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

/** Lists the classification catalog of the edition at the cursor; the chosen code (with its name) is inserted. */
async function showCatalog(lc: LanguageClient): Promise<void> {
  locale();
  const editor = vscode.window.activeTextEditor;
  const params: CatalogParams = isBudget(editor?.document) ? { uri: editor.document.uri.toString(), position: editor.selection.active } : {};
  let res: CatalogResult;
  try {
    res = await lc.sendRequest<CatalogResult>(CATALOG_REQUEST, params);
  } catch (e) {
    void vscode.window.showErrorMessage(t('Could not read the classification catalog: {0}', String(e)));
    return;
  }
  const items = catalogRows(res).map((r) => (r.separator
    ? { label: r.label, kind: vscode.QuickPickItemKind.Separator }
    : { label: r.label, description: r.description, detail: r.detail, insert: r.insert }));
  const pick = await vscode.window.showQuickPick(items, { title: catalogTitle(res), matchOnDescription: true, matchOnDetail: true });
  const text = pick && 'insert' in pick ? pick.insert : undefined;
  if (text && editor && isBudget(editor.document)) await editor.edit((b) => b.replace(editor.selection, text));
}

/**
 * Opens every .budget file of the workspace so that the server checks it, waits for the diagnostics to
 * settle, then reports the totals and shows the Problems view.
 */
async function checkWorkspace(lc: LanguageClient): Promise<void> {
  locale();
  const files = await vscode.workspace.findFiles('**/*.budget', '**/{node_modules,.git,out,dist}/**', 5000);
  if (!files.length) {
    void vscode.window.showInformationMessage(t('There are no .budget files in the workspace.'));
    return;
  }
  if (lc.state !== State.Running) await lc.start();
  const pending = new Set(files.map((u) => u.toString()));
  let lastChange = Date.now();
  const sub = vscode.languages.onDidChangeDiagnostics((e) => {
    for (const u of e.uris) pending.delete(u.toString());
    lastChange = Date.now();
  });
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('Checking budget files'), cancellable: true },
      async (progress, token) => {
        for (const uri of files) {
          if (token.isCancellationRequested) return;
          progress.report({ increment: 100 / files.length, message: vscode.workspace.asRelativePath(uri) });
          try {
            await vscode.workspace.openTextDocument(uri);
          } catch {
            pending.delete(uri.toString()); // unreadable: the open error is the user's answer
          }
        }
        // A clean file may publish no change at all: wait until the diagnostics are quiet, at most 15 s.
        lastChange = Math.max(lastChange, Date.now());
        const deadline = Date.now() + 15_000;
        while (!token.isCancellationRequested && Date.now() < deadline && pending.size > 0 && Date.now() - lastChange < 2000) {
          await new Promise((r) => setTimeout(r, 100));
        }
      },
    );
  } finally {
    sub.dispose();
  }
  const total: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const uri of files) {
    const c = countsOf(uri);
    total.errors += c.errors;
    total.warnings += c.warnings;
    total.infos += c.infos;
  }
  await vscode.commands.executeCommand(PROBLEMS_COMMAND);
  locale();
  const message = workspaceSummary(files.length, total);
  if (total.errors) void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
}
