// Builds the TypeScript sources (tsc → out/) and the self-contained bundles (esbuild → dist/).
//
// The command line is four bundles, so that each command loads only what it needs (server/src/cli/lazy.ts):
//   dist/cli.js          arguments, help, file search, the result cache, output formats, reports (no parser);
//   dist/cli-analyze.js  the checker (parser, checks, catalog, readers): loaded when a file is not cached;
//   dist/cli-worker.js   the worker thread entry, which loads dist/cli-analyze.js with V8's code cache;
//   dist/cli-exceljs.js  exceljs, only for XLSX output.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

rmSync('out', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const cli = { ...common, define: { __BUNDLED__: 'true', __VERSION__: JSON.stringify(version) } };
/** `import('exceljs')` in the CLI bundles loads dist/cli-exceljs.js (beside them) at run time. */
const excelApart = {
  name: 'exceljs-apart',
  setup(b) {
    b.onResolve({ filter: /^exceljs$/ }, () => ({ path: './cli-exceljs.js', external: true }));
  },
};
await Promise.all([
  build({ ...cli, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', plugins: [excelApart] }),
  build({ ...cli, entryPoints: ['server/src/cli/task.ts'], outfile: 'dist/cli-analyze.js', plugins: [excelApart] }),
  build({ ...cli, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cli-worker.js' }),
  build({ ...common, stdin: { contents: "module.exports = require('exceljs');", resolveDir: '.', loader: 'js' }, outfile: 'dist/cli-exceljs.js' }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
]);
