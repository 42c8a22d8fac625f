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
await Promise.all([
  build({ ...common, ...esm, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, ...esm, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // The importer for the VS Code command (a child process), minified: the PDF reader is most of it.
  build({ ...common, ...esm, minify: true, sourcemap: false, entryPoints: ['server/src/import/run.ts'], outfile: 'dist/import.js' }),
]);
