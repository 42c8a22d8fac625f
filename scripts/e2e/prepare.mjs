// Shared by `npm start` (scripts/code-server.mjs) and `npm run test:e2e` (scripts/e2e/run.mjs):
// build + package the extension, install code-server, check Chromium. Each failure says what to do.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function log(msg) {
  process.stderr.write(`[budget] ${msg}\n`);
}

export function die(msg) {
  process.stderr.write(`[budget] ERROR: ${msg}\n`);
  process.exit(1);
}

/** Runs a command in the repository with inherited output; exits with a clear message when it fails. */
export function run(cmd, args, what) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) die(`${what} failed (${[cmd, ...args].join(' ')} exited ${r.status ?? r.signal})`);
  return Date.now() - t0;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
// As root on Debian the missing packages are installed (like scripts/system-deps.sh); BUDGET_APT_INSTALL=0 opts out.
const mayApt = () => isRoot() && process.env.BUDGET_APT_INSTALL !== '0' && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

function debInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** Debian packages missing for the browser: Chromium, and a CJK font so screenshots show the Chinese text. */
export function ensureBrowser() {
  const chromium = process.env.BUDGET_CHROMIUM || '/usr/bin/chromium';
  const missing = [];
  if (!existsSync(chromium)) missing.push('chromium');
  const cjk = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  if (cjk.status !== 0 || !cjk.stdout.trim()) missing.push('fonts-wqy-zenhei');
  if (!missing.length) return;
  if (mayApt()) {
    log(`installing Debian packages: ${missing.join(' ')}`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return;
  }
  if (missing.includes('chromium')) {
    die(`Chromium is not installed (${chromium}). Install it with:\n    sudo apt-get install -y ${missing.join(' ')}\n  (as root this script installs it unless BUDGET_APT_INSTALL=0; BUDGET_CHROMIUM=/path/to/chrome uses another build)`);
  }
  log(`warning: no Chinese font installed; screenshots will show boxes for Chinese text (sudo apt-get install -y fonts-wqy-zenhei)`);
}

/** Installs code-server (once; later runs are instant) and returns its entry point. */
export function ensureCodeServer() {
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'e2e', 'install-code-server.sh')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) die('installing code-server failed; see the messages above (docs/e2e.md: "Installing code-server")');
  return r.stdout.trim().split('\n').pop();
}

function newestVsix(since = 0) {
  const found = [];
  for (const d of [ROOT, join(ROOT, 'dist'), join(ROOT, '.artifacts')]) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d)) {
      if (!f.endsWith('.vsix')) continue;
      const p = join(d, f);
      const m = statSync(p).mtimeMs;
      if (m >= since) found.push({ p, m });
    }
  }
  found.sort((a, b) => b.m - a.m);
  return found[0]?.p;
}

/**
 * Builds (scripts/build.mjs) and packages (`npm run package`) the extension; returns the .vsix path.
 * BUDGET_VSIX=/path/x.vsix skips packaging and uses that file (the build still runs: the tests need out/).
 */
export function buildAndPackage(timings = {}) {
  timings.build = run(process.execPath, ['scripts/build.mjs'], 'building (node scripts/build.mjs)');
  if (process.env.BUDGET_VSIX) {
    if (!existsSync(process.env.BUDGET_VSIX)) die(`BUDGET_VSIX=${process.env.BUDGET_VSIX} does not exist`);
    return resolve(process.env.BUDGET_VSIX);
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  if (!pkg.scripts?.package) {
    die('package.json has no "package" script, so the extension cannot be packaged into a .vsix yet.\n' +
      '  (It is the VS Code client\'s packaging step; or set BUDGET_VSIX=/path/to/extension.vsix.)');
  }
  const started = Date.now() - 1000;
  timings.package = run('npm', ['run', '--silent', 'package'], 'packaging the extension (npm run package)');
  const vsix = newestVsix(started);
  if (!vsix) die('`npm run package` succeeded but wrote no new .vsix in the repository root, dist/ or .artifacts/');
  return vsix;
}

/** The TypeScript helpers shared with the tests (compiled by the build to out/). */
export function support() {
  const file = join(ROOT, 'out', 'test', 'e2e', 'support', 'codeServer.js');
  if (!existsSync(file)) die(`${file} is missing: the build (node scripts/build.mjs) did not compile test/e2e`);
  return createRequire(import.meta.url)(file);
}
