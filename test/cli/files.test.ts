/**
 * `budget check` on folders and globs, ignore files, the order of results whatever the number of threads,
 * and the help texts — the CLI as a process.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateWorkspace } from '../../bench/generate';
import { badUnit, goodUnit, json, run, stats, tempDir, writeTree } from './helpers';

/** The files a run reported on: those with findings plus, via an error in each, every checked file. */
function checkedFiles(dir: string, args: string[] = ['.'], extra: string[] = []): string[] {
  const r = run(['check', ...args, '--format', 'json', ...extra], { cwd: dir });
  assert.ok(r.code === 1 || r.code === 0, r.stderr);
  return [...new Set(json(r).map((d) => d.file.split('\\').join('/')))].sort();
}

describe('CLI: files, folders, globs and ignore files', function () {
  this.timeout(120000);

  it('a folder is searched recursively for *.budget, skipping .git and node_modules and other extensions', () => {
    const dir = tempDir();
    writeTree(dir, {
      'a.budget': badUnit('甲'),
      'sub/deeper/b.budget': badUnit('乙'),
      'sub/notes.txt': badUnit('不是预算'),
      'node_modules/pkg/c.budget': badUnit('丙'),
      '.git/d.budget': badUnit('丁'),
      'UPPER.BUDGET': badUnit('戊'),
    });
    assert.deepEqual(checkedFiles(dir), ['UPPER.BUDGET', 'a.budget', 'sub/deeper/b.budget']);
    // Folder arguments other than the current one are shown relative to the working folder.
    assert.deepEqual(checkedFiles(dir, ['sub']), ['sub/deeper/b.budget']);
    // Without a path the current folder is checked.
    const r = run(['check', '--format', 'json'], { cwd: dir });
    assert.equal(json(r).length, 3);
  });

  it('honours .gitignore and .budgetignore (nested, negation, from the repository above); a named file is checked anyway; --no-ignore', () => {
    const repo = tempDir();
    mkdirSync(join(repo, '.git'));
    writeTree(repo, {
      '.gitignore': 'drafts/\n',
      'city/.gitignore': '*.old.budget\n',
      'city/.budgetignore': 'archive/\n!keep.old.budget\n',
      'city/a.budget': badUnit(),
      'city/b.old.budget': badUnit(),
      'city/keep.old.budget': badUnit(),
      'city/archive/c.budget': badUnit(),
      'city/drafts/d.budget': badUnit(),
      'city/sub/e.old.budget': badUnit(),
      'city/sub/f.budget': badUnit(),
    });
    const city = join(repo, 'city');
    // Searched from inside the repository: the root's .gitignore (drafts/) counts too.
    assert.deepEqual(checkedFiles(city), ['a.budget', 'keep.old.budget', 'sub/f.budget']);
    assert.deepEqual(checkedFiles(repo, ['city']), ['city/a.budget', 'city/keep.old.budget', 'city/sub/f.budget']);
    // Named explicitly, an ignored file is checked.
    assert.deepEqual(checkedFiles(city, ['b.old.budget']), ['b.old.budget']);
    assert.deepEqual(checkedFiles(city, ['.'], ['--no-ignore']), ['a.budget', 'archive/c.budget', 'b.old.budget', 'drafts/d.budget', 'keep.old.budget', 'sub/e.old.budget', 'sub/f.budget']);
    // Without a repository above, a parent folder's ignore file does not apply.
    const plain = tempDir();
    writeTree(plain, { '.gitignore': 'x/\n', 'x/a.budget': badUnit() });
    assert.deepEqual(checkedFiles(join(plain, 'x')), ['a.budget']);
  });

  it('expands quoted globs itself (**, braces), honouring ignore files; a pattern that matches nothing is an error', () => {
    const dir = tempDir();
    writeTree(dir, {
      '.gitignore': 'skip/\n',
      'y2024/a.budget': badUnit(),
      'y2025/b.budget': badUnit(),
      'y2025/deep/c.budget': badUnit(),
      'y2025/deep/c.txt': badUnit(),
      'skip/y2025/d.budget': badUnit(),
    });
    assert.deepEqual(checkedFiles(dir, ['y2025/**/*.budget']), ['y2025/b.budget', 'y2025/deep/c.budget']);
    assert.deepEqual(checkedFiles(dir, ['{y2024,y2025}/*.budget']), ['y2024/a.budget', 'y2025/b.budget']);
    assert.deepEqual(checkedFiles(dir, ['**/*.budget']), ['y2024/a.budget', 'y2025/b.budget', 'y2025/deep/c.budget']);
    const none = run(['check', 'nothing/**/*.budget'], { cwd: dir });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no files match this pattern/);
  });

  it('symbolic links to files are followed, to folders not; a file reached twice is checked once', () => {
    const dir = tempDir();
    writeTree(dir, { 'real/a.budget': badUnit(), 'b.budget': badUnit() });
    symlinkSync(join(dir, 'real'), join(dir, 'loop'));
    symlinkSync(join(dir, 'b.budget'), join(dir, 'link.budget'));
    assert.deepEqual(checkedFiles(dir), ['b.budget', 'link.budget', 'real/a.budget']);
    assert.deepEqual(checkedFiles(dir, ['real', 'real/a.budget', '.']), ['b.budget', 'link.budget', 'real/a.budget']);
  });

  it('results come in the same order whatever the number of worker threads, from the cache or not', () => {
    const dir = tempDir();
    const files = generateWorkspace(7, 48);
    files.forEach((f, i) => {
      // Every third file gets an error, so that the output has findings from many files.
      const text = i % 3 === 0 ? f.text.replace(/^( *收入总计 )([\d,]+\.\d+)/m, '$19$2') : f.text;
      writeTree(dir, { [`d${i % 4}/${f.name}`]: text });
    });
    writeFileSync(join(dir, 'd0', 'extra.budget'), badUnit('额外'));
    const cache = tempDir('budget-cache-');
    const outputs = [1, 2, 4].map((jobs) => {
      const r = run(['check', '.', '--jobs', String(jobs), '--no-cache', '--stats'], { cwd: dir });
      assert.equal(r.code, 1, r.stderr);
      assert.equal(stats(r).threads, jobs === 1 ? 0 : jobs, r.stderr);
      return r.stdout;
    });
    assert.equal(outputs[1], outputs[0]);
    assert.equal(outputs[2], outputs[0]);
    const first = run(['check', '.', '--cache-dir', cache, '--stats'], { cwd: dir });
    const again = run(['check', '.', '--cache-dir', cache, '--stats'], { cwd: dir });
    assert.equal(stats(again).cached, 49);
    assert.equal(first.stdout, outputs[0]);
    assert.equal(again.stdout, outputs[0]);
    // Files appear sorted by path.
    const order = [...outputs[0].matchAll(/^(d\d\/[\w.-]+):\d+:\d+:/gm)].map((m) => m[1]);
    assert.ok(order.length > 10, outputs[0].slice(0, 500));
    assert.deepEqual(order, [...order].sort());
  });
});

describe('CLI: help', () => {
  it('budget <command> --help and budget help <command> show the command’s usage and options, for every command', () => {
    for (const cmd of ['check', 'report', 'import', 'render', 'help']) {
      const a = run([cmd, '--help']);
      const b = run(['help', cmd]);
      const c = run([cmd, '-h']);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      assert.equal(a.stdout, b.stdout);
      assert.equal(c.stdout, a.stdout);
      assert.match(a.stdout, new RegExp(`^budget ${cmd} — `));
      assert.match(a.stdout, /用法 Usage:/);
    }
    const check = run(['help', 'check']).stdout;
    for (const opt of ['--format <text|json|sarif|github>', '--fix', '--baseline', '--write-baseline', '--no-cache', '--cache-dir', '--jobs', '--no-ignore', '--catalog', '--rounding', '--locale']) {
      assert.ok(check.includes(opt), `check --help lists ${opt}`);
    }
    assert.match(run(['help', 'report']).stdout, /--out/);
    assert.match(run(['help', 'render']).stdout, /--format <json\|html\|csv\|xlsx\|pdf>/);
    // English only when asked.
    const en = run(['help', 'check'], { env: { BUDGET_LOCALE: 'en' } }).stdout;
    assert.doesNotMatch(en.split('Options:')[1] ?? '', /输出格式|缓存目录/);
    assert.match(en, /output format \(default text\)/);
  });

  it('budget, budget --help and budget help list the commands; an unknown command or option is a usage error', () => {
    const list = run(['help']);
    assert.equal(list.code, 0);
    for (const cmd of ['check', 'report', 'import', 'render', 'help']) assert.match(list.stdout, new RegExp(`^  ${cmd} `, 'm'));
    assert.match(run(['help', 'import']).stdout, /--layout/);
    assert.equal(run(['--help']).stdout, list.stdout);
    const bare = run([]);
    assert.equal(bare.code, 2);
    assert.equal(bare.stdout, list.stdout);
    const unknown = run(['help', 'frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command: frobnicate/);
    const opt = run(['check', '--frobnicate', 'x.budget']);
    assert.equal(opt.code, 2);
    assert.match(opt.stderr, /unknown option: --frobnicate/);
    assert.match(opt.stderr, /budget check --help/);
    assert.match(run(['--version']).stdout, /^budget \d+\.\d+\.\d+\n$/);
  });

  it('--jobs takes a whole number; a missing option value is named', () => {
    const dir = tempDir();
    writeTree(dir, { 'a.budget': goodUnit() });
    assert.equal(run(['check', 'a.budget', '--jobs', '0'], { cwd: dir }).code, 2);
    assert.match(run(['check', 'a.budget', '--jobs', 'x'], { cwd: dir }).stderr, /--jobs x/);
    assert.match(run(['check', 'a.budget', '--format'], { cwd: dir }).stderr, /--format needs a value/);
  });
});
