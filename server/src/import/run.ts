/**
 * The importer's bundle (`dist/import.js`, apart so that the extension, the language server and the command line's
 * other commands do not carry the PDF reader):
 *
 * - run as a child process by the VS Code command: `node import.js <file> [--force]` writes the `.budget` beside
 *   the file and prints one JSON line: `{ ok, out, summary }` or `{ ok: false, exists, message }`;
 * - loaded by the command line (cli/import-entry.ts, bundled as dist/cli-import.js) for `budget import` and `budget check doc.pdf`: it exports the
 *   importer's command line (command.ts).
 */
import { existsSync } from 'node:fs';
import { CommandError, defaultOut, importBeside, summaryText } from './command';
import { ImportError } from './source';

async function main(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  const force = args.includes('--force');
  const en = args.includes('--locale=en');
  if (!file) {
    process.stdout.write(JSON.stringify({ ok: false, message: 'usage: import.js <file> [--force] [--locale=en]' }) + '\n');
    return 2;
  }
  const out = defaultOut(file);
  if (existsSync(out) && !force) {
    process.stdout.write(JSON.stringify({ ok: false, exists: true, out, message: en ? `${out} exists` : `${out} 已存在` }) + '\n');
    return 2;
  }
  try {
    const r = await importBeside(file, force);
    process.stdout.write(JSON.stringify({ ok: true, out: r.out, summary: summaryText(r.summary, file, r.out, en ? 'en' : 'zh-CN') }) + '\n');
    return 0;
  } catch (e) {
    const message = e instanceof ImportError ? (en ? e.en : e.zh) : e instanceof CommandError ? e.message : String((e as Error)?.message ?? e);
    process.stdout.write(JSON.stringify({ ok: false, message }) + '\n');
    return 2;
  }
}

export * from './command';

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
