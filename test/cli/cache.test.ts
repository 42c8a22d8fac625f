/**
 * The result cache: a second run takes unchanged files from it; a change of content, checker or settings is
 * a miss; the locale is not (results keep message arguments); concurrent runs share it safely.
 */
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { badUnit, goodUnit, ROOT, run, runAsync, stats, statsRead, tempDir, writeTree } from './helpers';

function entries(cache: string): string[] {
  const dir = join(cache, 'results');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((d) => readdirSync(join(dir, d)).map((f) => join(dir, d, f)));
}

describe('CLI: result cache', function () {
  this.timeout(120000);

  const setup = (): { dir: string; cache: string; check: (...extra: string[]) => ReturnType<typeof run> } => {
    const dir = tempDir();
    const cache = tempDir('budget-cache-');
    writeTree(dir, { 'a.budget': badUnit('甲'), 'b.budget': goodUnit('乙'), 'c.budget': goodUnit('丙', '2.00') });
    return { dir, cache, check: (...extra) => run(['check', '.', '--cache-dir', cache, '--stats', ...extra], { cwd: dir }) };
  };

  it('miss, then hit: the cached run prints exactly what the checked run printed', () => {
    const { cache, check } = setup();
    const first = check();
    assert.deepEqual(stats(first), { files: 3, cached: 0, checked: 3, threads: 0 });
    assert.equal(entries(cache).length, 3);
    assert.ok(existsSync(join(cache, 'CACHEDIR.TAG')));
    const second = check();
    assert.deepEqual(stats(second), { files: 3, cached: 3, checked: 0, threads: 0 });
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.code, 1);
    for (const format of ['json', 'sarif', 'github']) assert.equal(check('--format', format).stdout, check('--format', format, '--no-cache').stdout, format);
  });

  it('a changed file is checked again, alone; a touched or copied file is still a hit (the key is the content)', () => {
    const { dir, check } = setup();
    check();
    writeFileSync(join(dir, 'b.budget'), badUnit('乙'));
    const r = check();
    assert.deepEqual(stats(r), { files: 3, cached: 2, checked: 1, threads: 0 });
    assert.match(r.stdout, /b\.budget:5:/);
    utimesSync(join(dir, 'c.budget'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    cpSync(join(dir, 'a.budget'), join(dir, 'copy.budget'));
    assert.deepEqual(stats(check()), { files: 4, cached: 4, checked: 0, threads: 0 });
  });

  it('settings that change results are in the key (--rounding, --catalog content); the locale is not', () => {
    const { dir, check } = setup();
    check();
    assert.equal(stats(check('--locale', 'en')).cached, 3);
    assert.match(check('--locale', 'en').stdout, /children sum to 2\.00/);
    assert.equal(stats(check('--rounding', 'tolerant')).cached, 0);
    assert.equal(stats(check('--rounding', 'tolerant')).cached, 3);
    // A code the shipped catalog does not have (BUD105), then a catalog file that has it, then that file changed.
    writeFileSync(join(dir, 'c.budget'), '单位 丙 {\n  年度 2025\n  金额单位 万元\n  支出 {\n    239 测试类 人员 1.00\n  }\n}\n');
    assert.match(check().stdout, /BUD105 目录中没有科目 239/);
    const tsv = join(dir, 'catalog.tsv');
    writeFileSync(tsv, 'code\tname\n239\t测试类\n');
    const withCatalog = check('--catalog', tsv);
    assert.equal(stats(withCatalog).cached, 0);
    assert.doesNotMatch(withCatalog.stdout, /BUD105/);
    assert.equal(stats(check('--catalog', tsv)).cached, 3);
    writeFileSync(tsv, 'code\tname\n239\t另一个名称\n');
    const renamed = check('--catalog', tsv);
    assert.equal(stats(renamed).cached, 0);
    // The changed catalog's name is what the check compares with now (BUD104).
    assert.match(renamed.stdout, /BUD104/);
  });

  it('another checker (a changed analysis bundle or version) does not read the old results', () => {
    const { dir, cache, check } = setup();
    check();
    // A copy of the command line whose checker differs by one byte.
    const pkg = tempDir('budget-pkg-');
    mkdirSync(join(pkg, 'bin'));
    cpSync(join(ROOT, 'bin', 'budget.js'), join(pkg, 'bin', 'budget.js'));
    cpSync(join(ROOT, 'dist'), join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'dist', 'cli-analyze.js'), readFileSync(join(pkg, 'dist', 'cli-analyze.js'), 'utf8') + '\n// another build\n');
    const other = run(['check', '.', '--cache-dir', cache, '--stats'], { cwd: dir, bin: join(pkg, 'bin', 'budget.js') });
    assert.equal(stats(other).cached, 0, other.stderr);
    assert.equal(stats(check()).cached, 3, 'the original checker still hits its own entries');
  });

  it('--no-cache neither reads nor writes; a damaged entry is a miss and is rewritten', () => {
    const { cache, check } = setup();
    check('--no-cache');
    assert.equal(entries(cache).length, 0);
    check();
    for (const e of entries(cache)) writeFileSync(e, '{"key": "damaged');
    const r = check();
    assert.equal(stats(r).cached, 0);
    assert.equal(stats(check()).cached, 3);
  });

  it('concurrent runs on one cache give the same output and leave whole entries', async () => {
    const dir = tempDir();
    const cache = tempDir('budget-cache-');
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`u${i}.budget`] = i % 2 ? badUnit(`单位${i}`) : goodUnit(`单位${i}`, `${i}.00`);
    writeTree(dir, files);
    const runs = await Promise.all([0, 1, 2, 3].map(() => runAsync(['check', '.', '--cache-dir', cache], { cwd: dir })));
    for (const r of runs) assert.equal(r.stdout, runs[0].stdout);
    assert.equal(entries(cache).length, 30);
    for (const e of entries(cache)) JSON.parse(readFileSync(e, 'utf8'));
    assert.equal(readdirSync(join(cache, 'results')).flatMap((d) => readdirSync(join(cache, 'results', d))).filter((f) => f.endsWith('.tmp')).length, 0, 'no temporary files left');
    assert.equal(run(['check', '.', '--cache-dir', cache], { cwd: dir }).stdout, runs[0].stdout);
  });

  it('unchanged files are not even read (stat index); a changed one is; a file changed within 2 s of indexing is read again', async () => {
    const { dir, check } = setup();
    // Indexing trusts only files older than 2 seconds (file system timestamp granularity, as git).
    await new Promise((r) => setTimeout(r, 2100));
    assert.equal(statsRead(check()).read, 3);
    assert.deepEqual(statsRead(check()), { files: 3, read: 0, cached: 3, checked: 0, threads: 0 });
    writeFileSync(join(dir, 'b.budget'), badUnit('乙'));
    const r = check();
    assert.deepEqual(statsRead(r), { files: 3, read: 1, cached: 2, checked: 1, threads: 0 });
    assert.match(r.stdout, /b\.budget:5:/);
    // b.budget was just written: not trusted yet, read again (and still taken from the cache). Its time is set
    // ahead so that it stays "just written" however slow the machine is between these runs.
    const ahead = Date.now() / 1000 + 3600;
    utimesSync(join(dir, 'b.budget'), ahead, ahead);
    assert.deepEqual(statsRead(check()), { files: 3, read: 1, cached: 3, checked: 0, threads: 0 });
    // Same size, same content length, new content: metadata differ, so it is read.
    writeFileSync(join(dir, 'c.budget'), goodUnit('丙', '3.00'));
    assert.equal(statsRead(check()).read, 2);
  });

  it('the default cache folder is BUDGET_CACHE_DIR, else XDG_CACHE_HOME/budget-lang', () => {
    const dir = tempDir();
    writeTree(dir, { 'a.budget': goodUnit() });
    const xdg = tempDir('budget-xdg-');
    run(['check', 'a.budget'], { cwd: dir, env: { BUDGET_CACHE_DIR: undefined, XDG_CACHE_HOME: xdg } });
    assert.equal(entries(join(xdg, 'budget-lang')).length, 1);
  });
});
