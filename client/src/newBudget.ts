/**
 * “新建预算文件 · New Budget File”: asks the unit's name, the year, the money unit, the unit kind and the layout,
 * then opens a new budget document holding the complete skeleton (core/features/skeleton.ts) as a snippet, so
 * that Tab walks through the fields to fill. From the command palette, the File ▸ New File… menu (also the
 * welcome page's New File…) and the walkthrough. With a workspace folder open, the new document is an untitled
 * file named for the unit and year in that folder (saving writes it there).
 *
 * The command also takes its answers as an argument (`{ unit, year, moneyUnit, kind, layout }`) and then asks
 * nothing: the walkthrough and the tests run it so.
 */
import * as vscode from 'vscode';
import {
  budgetSkeleton, LAYOUT_CHOICES, skeletonSnippet, UNIT_KIND_CHOICES, type SkeletonOptions, type UnitKind,
} from '../../server/src/core/features/skeleton';
import { LAYOUTS } from '../../server/src/core/layouts/index';
import type { LayoutId } from '../../server/src/core/layouts/types';
import type { MoneyUnit } from '../../server/src/core/money';
import { resolveLocale, t, useLocale, type Locale } from './i18n';

const NEW_BUDGET = 'budget.newFile';

/** The answers, asked one after the other; undefined when the user cancels. */
async function ask(locale: Locale): Promise<SkeletonOptions | undefined> {
  const unit = await vscode.window.showInputBox({
    title: t('New Budget File'),
    prompt: t('Name of the unit (单位名称)'),
    placeHolder: t('e.g. 某县农业农村局'),
    validateInput: (v) => (v.trim() && !/[{}\n#]/.test(v) ? undefined : t('A name without braces, # or line breaks')),
  });
  if (unit === undefined) return undefined;
  const next = new Date().getFullYear() + 1;
  const year = await vscode.window.showInputBox({
    title: t('New Budget File'),
    prompt: t('Budget year (预算年度)'),
    value: String(next),
    validateInput: (v) => (/^(19|20)\d\d$/.test(v.trim()) ? undefined : t('A year such as {0}', String(next))),
  });
  if (year === undefined) return undefined;
  const money = await vscode.window.showQuickPick(
    [{ label: '万元', description: t('ten thousand yuan, two decimals') }, { label: '元', description: t('yuan') }],
    { title: t('New Budget File'), placeHolder: t('Money unit (金额单位)') },
  );
  if (!money) return undefined;
  const kind = await vscode.window.showQuickPick(UNIT_KIND_CHOICES.map((k) => ({ label: k })), { title: t('New Budget File'), placeHolder: t('Unit kind (单位性质)') });
  if (!kind) return undefined;
  const layout = await vscode.window.showQuickPick(
    LAYOUT_CHOICES.map((l) => ({ label: l, description: locale === 'en' ? LAYOUTS[l].name.en : LAYOUTS[l].name.zh })),
    { title: t('New Budget File'), placeHolder: t('Layout of the published tables (表式)') },
  );
  if (!layout) return undefined;
  return { unit: unit.trim(), year: Number(year.trim()), moneyUnit: money.label as MoneyUnit, kind: kind.label as UnitKind, layout: layout.label as LayoutId };
}

/** Opens the new document with the skeleton as a snippet; returns the document. */
async function create(o: SkeletonOptions): Promise<vscode.TextDocument> {
  const s = budgetSkeleton(o);
  const folder = vscode.workspace.workspaceFolders?.[0];
  const doc = folder && folder.uri.scheme === 'file'
    ? await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, s.fileName).with({ scheme: 'untitled' }))
    : await vscode.workspace.openTextDocument({ language: 'budget' });
  const editor = await vscode.window.showTextDocument(doc);
  if (doc.languageId !== 'budget') await vscode.languages.setTextDocumentLanguage(doc, 'budget');
  await editor.insertSnippet(new vscode.SnippetString(skeletonSnippet(s)), new vscode.Range(0, 0, doc.lineCount, 0));
  return doc;
}

export function registerNewBudget(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(NEW_BUDGET, async (given?: Partial<SkeletonOptions>) => {
      const locale = resolveLocale(vscode.workspace.getConfiguration('budget').get<string>('locale'), vscode.env.language);
      useLocale(locale, context.asAbsolutePath('l10n'));
      const o = given && typeof given === 'object' && given.unit
        ? { year: new Date().getFullYear() + 1, moneyUnit: '万元' as const, kind: '行政单位' as const, layout: '辽宁' as const, ...given, unit: given.unit }
        : await ask(locale);
      if (!o) return undefined;
      const doc = await create(o);
      return doc.uri.toString();
    }),
  );
}
