/**
 * What the command line knows of the importer without loading it. The importer (the PDF reader, pdfjs, is most of
 * it: ~6 MB of the command's code) is loaded only by a command that needs it — `budget import`, or `budget check`
 * given a PDF or a workbook — so that `budget check x.budget` and `budget --version` do not pay for it.
 *
 * In the bundled command line `require('./command')` below loads dist/import.js (scripts/build.mjs: the importer's
 * own bundle, the one the VS Code command runs as a child process); from out/ (tests) it loads command.js.
 */
export const IMPORT_USAGE = `  budget import <文件 file.pdf|file.xlsx|file.txt> [--out 文件 file.budget] [--layout 辽宁|上海部门|上海单位|上海] [--force] [--locale zh-CN|en]
  budget check <文件 doc.pdf|doc.xlsx> … [--annotate 输出 out.pdf]`;

/** Files `budget check` imports in memory instead of reading as budget text. */
export function isDocument(file: string): boolean {
  return /\.(pdf|xlsx)$/i.test(file);
}

type ImportModule = typeof import('./command');
let loaded: ImportModule | undefined;

/** The importer's command line (import/command.ts), loaded on first use. */
export function loadImport(): ImportModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./command') as ImportModule);
}

/** Whether an error is the importer's CommandError (only once the importer is loaded can it be one). */
export function isImportCommandError(e: unknown): e is Error & { usage: boolean } {
  return loaded !== undefined && e instanceof loaded.CommandError;
}
