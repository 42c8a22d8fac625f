// `npm start`: the one-command demo. Builds and packages the extension, installs code-server on first use
// (into ~/.cache/budget-lang, see scripts/e2e/install-code-server.sh), installs the .vsix into a
// project-local VS Code profile under .cache/code-server/, and serves VS Code with samples/ open at a
// localhost URL until Ctrl-C.
//
// Environment: BUDGET_PORT (default 8080; a free port if taken), BUDGET_HOST (default 127.0.0.1),
// BUDGET_LOCALE (zh-CN | en: the extension's budget.locale), BUDGET_FOLDER (default samples/),
// BUDGET_VSIX (use this package instead of building one). See docs/e2e.md.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { buildAndPackage, die, ensureCodeServer, log, ROOT, support } from './e2e/prepare.mjs';

const t0 = Date.now();
const host = process.env.BUDGET_HOST || '127.0.0.1';
const folder = resolve(process.env.BUDGET_FOLDER || join(ROOT, 'samples'));
if (!existsSync(folder)) die(`the folder to open does not exist: ${folder}`);

const vsix = buildAndPackage();
const entry = ensureCodeServer();
const cs = support();

const profile = join(ROOT, '.cache', 'code-server');
const userDataDir = join(profile, 'user-data');
const extensionsDir = join(profile, 'extensions');
log(`installing ${vsix} into ${extensionsDir}`);
cs.installExtension(entry, vsix, userDataDir, extensionsDir);

// Keep what the user changed in this profile's settings; set trust off and the locale.
const settingsFile = join(userDataDir, 'User', 'settings.json');
let previous = {};
if (existsSync(settingsFile)) {
  try {
    previous = JSON.parse(readFileSync(settingsFile, 'utf8'));
  } catch {
    log(`note: ${settingsFile} is not plain JSON; rewriting it`);
  }
}
const locale = process.env.BUDGET_LOCALE || previous['budget.locale'] || 'zh-CN';
cs.writeUserSettings(userDataDir, { ...previous, 'budget.locale': locale });

const port = await pickPort(Number(process.env.BUDGET_PORT || 8080), host);
const server = await cs.startCodeServer({ entry, userDataDir, extensionsDir, host, port, logFile: join(profile, 'code-server.log') });
const url = server.folderUrl(folder);
const bar = '─'.repeat(Math.min(100, url.length + 4));
process.stdout.write(`\n${bar}\n  VS Code with the budget extension (ready in ${((Date.now() - t0) / 1000).toFixed(0)} s):\n\n  ${url}\n\n` +
  `  Open it in a browser. Log: ${server.logFile}. Ctrl-C stops.\n${bar}\n\n`);

let stopping = false;
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping code-server`);
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
server.process.on('exit', (code, signal) => {
  if (!stopping) die(`code-server exited (code ${code}, signal ${signal}); see ${server.logFile}`);
});

/** The wanted port when it is free, else any free port. */
function pickPort(wanted, h) {
  return new Promise((res) => {
    const probe = createServer();
    probe.once('error', () => {
      log(`port ${wanted} is taken; using a free one`);
      res(0);
    });
    probe.listen(wanted, h, () => probe.close(() => res(wanted)));
  });
}
