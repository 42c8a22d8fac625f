/**
 * code-server (VS Code in the browser) for the end-to-end tests and `npm start`: where it is installed,
 * which .vsix to install into it, its user settings, and starting/stopping it on a free localhost port.
 * No vscode imports: this runs in plain Node.js. See docs/e2e.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

/** The repository root (the folder whose package.json is budget-lang's). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj) && (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'budget-lang') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`budget-lang's package.json not found above ${__dirname}`);
    dir = up;
  }
}

export function codeServerDir(): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return process.env.BUDGET_CODE_SERVER_DIR || join(cache, 'budget-lang', `code-server-${CODE_SERVER_VERSION}`);
}

/** The entry point of an installed code-server, or an Error saying how to install it. */
export function codeServerEntry(): string {
  const dir = codeServerDir();
  const entry = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(join(dir, '.budget-lang-install-complete')) || !existsSync(entry)) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${dir}.\n` +
      `  Install it with: bash scripts/e2e/install-code-server.sh   (a few minutes, once; see docs/e2e.md)`);
  }
  return entry;
}

/**
 * The extension package to test: $BUDGET_VSIX, else the newest *.vsix in the repository root, dist/ or
 * .artifacts/ (where `npm run package` may put it).
 */
export function findVsix(root = repoRoot()): string {
  const env = process.env.BUDGET_VSIX;
  if (env) {
    if (!existsSync(env)) throw new Error(`BUDGET_VSIX=${env} does not exist`);
    return resolve(env);
  }
  const found: { path: string; mtime: number }[] = [];
  for (const d of [root, join(root, 'dist'), join(root, '.artifacts')]) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d)) {
      if (f.endsWith('.vsix')) found.push({ path: join(d, f), mtime: statSync(join(d, f)).mtimeMs });
    }
  }
  if (!found.length) {
    throw new Error('No .vsix found (looked in the repository root, dist/ and .artifacts/).\n' +
      '  Build and package the extension first: node scripts/build.mjs && npm run package\n' +
      '  (or set BUDGET_VSIX=/path/to/extension.vsix). `npm run test:e2e` does both.');
  }
  found.sort((a, b) => b.mtime - a.mtime);
  return found[0].path;
}

/** The extension's package.json as packaged (read from the repository, which the .vsix is built from). */
export interface ExtensionManifest {
  name: string;
  publisher: string;
  version: string;
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    configuration?: { properties?: Record<string, { enum?: string[]; default?: unknown }> } | { properties?: Record<string, { enum?: string[]; default?: unknown }> }[];
  };
}

/**
 * Reads extension/package.json out of a .vsix (a zip) with the system's unzip, falling back to the repo's, with
 * its `%key%` strings as the workbench shows them in English (package.nls.json).
 */
export function vsixManifest(vsix: string): ExtensionManifest {
  const read = (name: string): string | undefined => {
    const r = spawnSync('unzip', ['-p', vsix, `extension/${name}`], { encoding: 'utf8', maxBuffer: 16 << 20 });
    if (r.status === 0 && r.stdout.trim()) return r.stdout;
    const file = join(repoRoot(), name);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  };
  const nls = JSON.parse(read('package.nls.json') ?? '{}') as Record<string, string>;
  return JSON.parse(read('package.json')!, (_k, v: unknown) => (typeof v === 'string' && /^%.+%$/.test(v) ? nls[v.slice(1, -1)] ?? v : v)) as ExtensionManifest;
}

export function configurationProperties(m: ExtensionManifest): Record<string, { enum?: string[]; default?: unknown }> {
  const c = m.contributes?.configuration;
  const list = Array.isArray(c) ? c : c ? [c] : [];
  return Object.assign({}, ...list.map((x) => x.properties ?? {}));
}

/** Installs a .vsix into an extensions folder with code-server's own CLI (--force: replaces an older copy). */
export function installExtension(entry: string, vsix: string, userDataDir: string, extensionsDir: string): void {
  mkdirSync(extensionsDir, { recursive: true });
  const r = spawnSync(process.execPath, [entry, ...baseArgs(userDataDir, extensionsDir), '--install-extension', vsix, '--force'], {
    encoding: 'utf8', timeout: 120_000,
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${out}`);
  }
}

/** Settings that make a fresh workbench quiet and deterministic (plus the caller's). */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): string {
  const file = join(userDataDir, 'User', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  const all = {
    // A new folder would otherwise open in Restricted Mode, where the extension does not run.
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    // VS Code in the browser saves after a delay by default: keep edits unsaved until the user saves
    // (npm start opens the repository's own samples/; the tests revert what they type).
    'files.autoSave': 'off',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    ...settings,
  };
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
  return file;
}

function baseArgs(userDataDir: string, extensionsDir: string): string[] {
  // Our own config file: without --config, code-server writes ~/.config/code-server/config.yaml.
  const config = join(userDataDir, 'code-server.yaml');
  if (!existsSync(config)) {
    mkdirSync(userDataDir, { recursive: true });
    writeFileSync(config, 'auth: none\ncert: false\n');
  }
  return ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

export interface RunningCodeServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  process: ChildProcess;
  logFile: string;
  /** The workbench URL that opens `folder`. */
  folderUrl(folder: string): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  entry: string;
  userDataDir: string;
  extensionsDir: string;
  /** 0 = any free port (the default). */
  port?: number;
  host?: string;
  /** Where code-server's output goes (also echoed when `echo` is set). */
  logFile: string;
  echo?: boolean;
  startTimeoutMs?: number;
}

/** Starts code-server and resolves once it listens (it prints the address, with the port it chose). */
export function startCodeServer(o: StartOptions): Promise<RunningCodeServer> {
  const host = o.host ?? '127.0.0.1';
  mkdirSync(dirname(o.logFile), { recursive: true });
  const log = createWriteStream(o.logFile);
  const child = spawn(process.execPath, [
    o.entry, ...baseArgs(o.userDataDir, o.extensionsDir),
    '--auth', 'none', '--bind-addr', `${host}:${o.port ?? 0}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
  ], { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv() });
  // Never leave code-server running behind us (mocha interrupted, npm start's Ctrl-C, an exception).
  const killOnExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let output = '';
  return new Promise((resolveStart, rejectStart) => {
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`code-server did not start listening within ${(o.startTimeoutMs ?? 60_000) / 1000} s`)), o.startTimeoutMs ?? 60_000);
    const fail = (e: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGTERM');
      rejectStart(new Error(`${e.message}\n--- code-server output (${o.logFile}) ---\n${output.slice(-4000)}`));
    };
    const onData = (b: Buffer): void => {
      const s = b.toString();
      log.write(s);
      if (o.echo) process.stdout.write(s);
      if (settled) return;
      output += s;
      const m = /HTTP server listening on (https?:\/\/[^\s/]+):(\d+)\//.exec(output);
      if (m) {
        settled = true;
        clearTimeout(timer);
        const port = Number(m[2]);
        const url = `http://${host}:${port}/`;
        resolveStart({
          url, port, process: child, logFile: o.logFile,
          // Slashes left readable (code-server accepts them); everything else encoded.
          folderUrl: (folder) => `${url}?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`,
          stop: () => stopProcess(child),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', (e) => fail(e));
    child.on('exit', (code, signal) => { log.end(); fail(new Error(`code-server exited (code ${code}, signal ${signal}) before listening`)); });
  });
}

/** code-server reads $PORT (overrides --bind-addr) and $PASSWORD; keep them out. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.PORT;
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  return env;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(t); res(); });
    child.kill('SIGTERM');
  });
}
