/**
 * Which files a command checks: the paths given, folders searched recursively for budget files, and globs
 * (quoted so that the shell leaves them to us: `'city/**\/*.budget'`).
 *
 * In folders and globs, `.git` and `node_modules` are skipped, and the ignore files `.gitignore` and
 * `.budgetignore` (same syntax, for budget files a repository tracks but reviews skip) are honoured with git's
 * semantics (the `ignore` package): each applies to its own folder and below, a deeper one overrides, and those
 * of the folders above the searched one count too, up to the repository's root (the folder holding `.git`,
 * whose `.git/info/exclude` counts as well). A file named explicitly is always checked, ignored or not.
 * Symbolic links to files are followed, to folders not (no loops).
 *
 * The result is sorted by path (code-unit order), so the output order never depends on the file system or on
 * how many threads check the files.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Ignore } from 'ignore';

// Loaded on first use (start-up time: most runs name files, and most folders have no ignore file).
const ignore = (): Ignore => (require('ignore') as typeof import('ignore'))();
const picomatch = (): typeof import('picomatch') => require('picomatch') as typeof import('picomatch');

export interface Target {
  /** Absolute path ('-' for standard input). */
  path: string;
  /** As shown in messages: relative to the working folder when inside it. */
  display: string;
}

export interface DiscoverOptions {
  cwd: string;
  /** Extensions searched for in folders (readers.ts). */
  extensions: string[];
  /** false: `--no-ignore`, ignore files are not read (.git and node_modules are still skipped). */
  respectIgnore: boolean;
}

export interface Discovered {
  files: Target[];
  /** One line per path that does not exist or a glob that matched nothing. */
  problems: string[];
}

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);
const IGNORE_FILES = ['.gitignore', '.budgetignore'];

interface IgnoreContext {
  dir: string;
  ig: Ignore;
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

function loadIgnore(dir: string, extra: string[] = []): IgnoreContext | undefined {
  let ig: Ignore | undefined;
  for (const name of [...extra, ...IGNORE_FILES]) {
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    (ig ??= ignore()).add(text);
  }
  return ig && { dir, ig };
}

/** Ignore contexts of the folders above `dir`, outermost first, up to the repository root (or nothing). */
function ancestorContexts(dir: string): IgnoreContext[] {
  // The folder is a repository's root itself: nothing above it counts.
  if (existsSync(join(dir, '.git'))) return [];
  const chain: string[] = [];
  for (let d = dirname(dir); ; d = dirname(d)) {
    chain.push(d);
    if (existsSync(join(d, '.git')) || dirname(d) === d) break;
  }
  // No repository above: only the folder itself counts.
  if (!existsSync(join(chain[chain.length - 1], '.git'))) return [];
  return chain.reverse().map((d) => loadIgnore(d, existsSync(join(d, '.git')) ? [join('.git', 'info', 'exclude')] : [])).filter((c): c is IgnoreContext => !!c);
}

/** Whether the contexts (outermost first) ignore `path`; a deeper rule overrides, `!pattern` un-ignores. */
function ignored(contexts: IgnoreContext[], path: string, isDir: boolean): boolean {
  let state = false;
  for (const c of contexts) {
    const rel = toPosix(relative(c.dir, path));
    if (!rel || rel.startsWith('..')) continue;
    const r = c.ig.test(isDir ? rel + '/' : rel);
    if (r.ignored) state = true;
    else if (r.unignored) state = false;
  }
  return state;
}

export function display(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** Walks `root`, calling `take` for each file (not for folders); honours ignore files when asked. */
function walk(root: string, respectIgnore: boolean, take: (abs: string) => void): void {
  const base = respectIgnore ? ancestorContexts(root) : [];
  const stack: Array<{ dir: string; contexts: IgnoreContext[] }> = [{ dir: root, contexts: base }];
  while (stack.length) {
    const { dir, contexts: outer } = stack.pop()!;
    const own = respectIgnore ? loadIgnore(dir, existsSync(join(dir, '.git')) ? [join('.git', 'info', 'exclude')] : []) : undefined;
    const contexts = own ? [...outer, own] : outer;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    const subdirs: string[] = [];
    for (const e of entries) {
      const abs = join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          isFile = statSync(abs).isFile();
        } catch {
          isFile = false;
        }
        isDir = false;
      }
      if (isDir) {
        if (ALWAYS_SKIPPED.has(e.name)) continue;
        if (respectIgnore && ignored(contexts, abs, true)) continue;
        subdirs.push(abs);
      } else if (isFile) {
        if (respectIgnore && ignored(contexts, abs, false)) continue;
        take(abs);
      }
    }
    // Depth-first, in name order (the final list is sorted anyway).
    subdirs.sort().reverse();
    for (const d of subdirs) stack.push({ dir: d, contexts });
  }
}

export function discover(args: string[], opts: DiscoverOptions): Discovered {
  const found = new Map<string, Target>();
  const problems: string[] = [];
  const exts = new Set(opts.extensions.map((e) => e.toLowerCase()));
  const add = (abs: string): void => {
    if (!found.has(abs)) found.set(abs, { path: abs, display: display(opts.cwd, abs) });
  };
  for (const arg of args) {
    if (arg === '-') {
      found.set('-', { path: '-', display: '-' });
      continue;
    }
    const abs = resolve(opts.cwd, arg);
    let st: ReturnType<typeof statSync> | undefined;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      const before = found.size;
      walk(abs, opts.respectIgnore, (f) => {
        if (exts.has(extname(f).toLowerCase())) add(f);
      });
      if (found.size === before) problems.push(`budget: ${arg}: 目录中没有预算文件（${[...exts].join(' ')}） / no budget files (${[...exts].join(' ')}) in this folder`);
      continue;
    }
    const scan = st ? undefined : picomatch().scan(arg);
    if (scan?.isGlob) {
      const baseDir = resolve(opts.cwd, scan.base || '.');
      const isMatch = picomatch()(toPosix(scan.glob), { dot: false });
      const before = found.size;
      if (existsSync(baseDir)) {
        walk(baseDir, opts.respectIgnore, (f) => {
          if (isMatch(toPosix(relative(baseDir, f)))) add(f);
        });
      }
      if (found.size === before) problems.push(`budget: ${arg}: 没有匹配的文件 / no files match this pattern`);
      continue;
    }
    // A file (or a path that does not exist: reading it reports that, in order with the others).
    add(abs);
  }
  const files = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}
