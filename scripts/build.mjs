// Builds the TypeScript sources (tsc → out/) and the self-contained bundles (esbuild → dist/).
//
// The command line is five bundles, so that each command loads only what it needs (server/src/cli/lazy.ts):
//   dist/cli.js          arguments, help, file search, the result cache, output formats, reports (no parser);
//   dist/cli-analyze.js  the checker (parser, checks, catalog, readers): loaded when a file is not cached;
//   dist/cli-worker.js   the worker thread entry, which loads dist/cli-analyze.js with V8's code cache;
//   dist/cli-import.js   the importer (PDF and XLSX documents: budget import, budget check doc.pdf);
//   dist/cli-exceljs.js  exceljs, only for XLSX output and workbooks.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

rmSync('out', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
// pdfjs-dist (the importer's PDF reader) is an ES module that asks import.meta.url where it stands: in the CommonJS
// bundles that is the bundle's own file.
const esm = {
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};
// playwright-core (the PDF export's Chromium driver) stays a package of its own, loaded only for --format pdf.
const cli = { ...common, external: ['playwright-core'], define: { __BUNDLED__: 'true', __VERSION__: JSON.stringify(version) } };
/**
 * In the CLI bundles, `import('exceljs')` loads dist/cli-exceljs.js and the importer (server/src/import/command.ts,
 * for PDFs and workbooks) dist/cli-import.js, beside them, at run time: neither weighs on a plain check.
 */
const apart = {
  name: 'cli-apart',
  setup(b) {
    b.onResolve({ filter: /^exceljs$/ }, () => ({ path: './cli-exceljs.js', external: true }));
    b.onResolve({ filter: /\/import-entry$/ }, () => ({ path: './cli-import.js', external: true }));
  },
};
await Promise.all([
  build({ ...cli, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', plugins: [apart] }),
  build({ ...cli, entryPoints: ['server/src/cli/task.ts'], outfile: 'dist/cli-analyze.js', plugins: [apart] }),
  build({ ...cli, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cli-worker.js' }),
  build({ ...common, stdin: { contents: "module.exports = require('exceljs');", resolveDir: '.', loader: 'js' }, outfile: 'dist/cli-exceljs.js' }),
  build({ ...cli, ...esm, define: { ...cli.define, ...esm.define }, entryPoints: ['server/src/cli/import-entry.ts'], outfile: 'dist/cli-import.js', plugins: [{ name: 'excel-apart', setup: (b) => b.onResolve({ filter: /^exceljs$/ }, () => ({ path: './cli-exceljs.js', external: true })) }] }),
  // The language server (the process entry server/src/main.ts); __VERSION__ is its serverInfo version.
  build({ ...common, ...esm, define: { ...esm.define, __VERSION__: JSON.stringify(version) }, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // The importer for the VS Code command (a child process), minified: the PDF reader is most of it.
  build({ ...common, ...esm, minify: true, sourcemap: false, entryPoints: ['server/src/import/run.ts'], outfile: 'dist/import.js' }),
]);
