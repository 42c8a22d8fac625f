// Builds the TypeScript sources (tsc → out/) and the self-contained bundles (esbuild → dist/).
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('out', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
// pdfjs-dist (the importer's PDF reader) is an ES module that asks import.meta.url where it stands: in the CommonJS
// bundles that is the bundle's own file.
const esm = {
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};
/**
 * The command line loads the importer only for the commands that need it (server/src/import/lazy.ts): its
 * `require('./command')` becomes a run-time require of dist/import.js, the importer's own bundle.
 */
const importApart = {
  name: 'import-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/command$/ }, (args) => (/[\\/]import[\\/]lazy\.ts$/.test(args.importer) ? { path: './import.js', external: true } : undefined));
  },
};
await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', plugins: [importApart] }),
  build({ ...common, ...esm, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // The importer: run by the VS Code command (a child process) and loaded by the command line; minified, the PDF
  // reader is most of it.
  build({ ...common, ...esm, minify: true, sourcemap: false, entryPoints: ['server/src/import/run.ts'], outfile: 'dist/import.js' }),
]);
