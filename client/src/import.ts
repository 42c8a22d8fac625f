/**
 * “Import budget from PDF/Excel… (从 PDF/Excel 导入预算)”: runs the importer (dist/import.js, a child process so
 * that the editor stays responsive) on a PDF, workbook or text file, writes the `.budget` beside it and opens it
 * with its diagnostics and table preview. From the command palette it asks for the file; from the explorer's
 * context menu of a .pdf/.xlsx it takes that file.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveLocale, t, useLocale, type Locale } from './i18n';

const IMPORT = 'budget.importDocument';

interface Outcome {
  ok: boolean;
  out?: string;
  exists?: boolean;
  summary?: string;
  message?: string;
}

function runImporter(script: string, file: string, force: boolean, locale: Locale): Promise<Outcome> {
  const args = [script, file, ...(force ? ['--force'] : []), ...(locale === 'en' ? ['--locale=en'] : [])];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as Outcome);
      } catch {
        resolve({ ok: false, message: String(err?.message ?? stdout) });
      }
    });
  });
}

export function registerImport(context: vscode.ExtensionContext): void {
  const script = context.asAbsolutePath(path.join('dist', 'import.js'));
  context.subscriptions.push(
    vscode.commands.registerCommand(IMPORT, async (uri?: vscode.Uri) => {
      // The UI's locale (budget.locale, else VS Code's), made current for `t` and passed to the importer.
      const locale = resolveLocale(vscode.workspace.getConfiguration('budget').get<string>('locale'), vscode.env.language);
      useLocale(locale, context.asAbsolutePath('l10n'));
      let target = uri;
      if (!target) {
        const picked = await vscode.window.showOpenDialog({
          canSelectMany: false,
          openLabel: t('Import'),
          filters: { [t('Budget documents')]: ['pdf', 'xlsx', 'txt'] },
        });
        target = picked?.[0];
      }
      if (!target || target.scheme !== 'file') return;
      const file = target.fsPath;
      const title = t('Importing {0}…', path.basename(file));
      let r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => runImporter(script, file, false, locale));
      if (!r.ok && r.exists) {
        const overwrite = t('Overwrite');
        const answer = await vscode.window.showWarningMessage(t('{0} exists. Overwrite it?', path.basename(r.out ?? '')), { modal: true }, overwrite);
        if (answer !== overwrite) return;
        r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => runImporter(script, file, true, locale));
      }
      if (!r.ok || !r.out) {
        void vscode.window.showErrorMessage(t('Could not import {0}: {1}', path.basename(file), r.message ?? ''));
        return;
      }
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(r.out));
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('budget.openPreview');
      void vscode.window.showInformationMessage((r.summary ?? '').split('\n').slice(0, 3).join(' '));
    }),
  );
}
