// `npm run test:e2e`: build + package the extension, install code-server (once), check Chromium, then run
// the end-to-end tests (test/e2e/*.e2e.ts → out/test/e2e, .mocharc.e2e.json). Extra arguments go to mocha,
// e.g. `npm run test:e2e -- --grep preview`. See docs/e2e.md.
import { spawnSync } from 'node:child_process';
import { buildAndPackage, ensureBrowser, ensureCodeServer, log, ROOT } from './prepare.mjs';

const t0 = Date.now();
const timings = {};
ensureBrowser();
let t = Date.now();
ensureCodeServer();
timings['code-server install/check'] = Date.now() - t;
const vsix = buildAndPackage(timings);
log(`testing ${vsix}`);
t = Date.now();
const r = spawnSync(process.execPath, ['node_modules/mocha/bin/mocha.js', '--config', '.mocharc.e2e.json', ...process.argv.slice(2)], {
  cwd: ROOT, stdio: 'inherit', env: { ...process.env, BUDGET_VSIX: vsix },
});
timings.mocha = Date.now() - t;
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
log(`e2e timings: ${Object.entries(timings).map(([k, v]) => `${k} ${s(v)}`).join(', ')}; total ${s(Date.now() - t0)}`);
log(`screenshots: ${ROOT}/.artifacts/e2e/`);
process.exit(r.status ?? 1);
