import { strict as assert } from 'node:assert';
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { run, tempDir, writeTree } from './helpers';

const DEPT = `年度 2025\n部门 某局 {\n  单位文件 units/*.budget\n  支出 {\n    合计 6.00\n    205 教育支出 人员 6.00\n    205 01 教育管理事务 人员 6.00\n  }\n}\n`;
const unit = (name: string, amount: string): string => `年度 2025\n单位 ${name} {\n  支出 {\n    合计 ${amount}\n    205 教育支出 人员 ${amount}\n    205 01 教育管理事务 人员 ${amount}\n  }\n}\n`;

describe('cli: budget check follows 单位文件 and 上年文件', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => {
    dir = tempDir('budget-cli-refs-');
    writeTree(dir, { 'dept.budget': DEPT, 'units/甲.budget': unit('甲', '1.00'), 'units/乙.budget': unit('乙', '2.50'), 'units/丙.budget': unit('丙', '3.00') });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the department’s BUD509 once, into the department file, with the unit files as notes', () => {
    const r = run(['check', '--format', 'json', '.'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const all = JSON.parse(r.stdout) as Array<{ file: string; code: string; line: number; related: Array<{ file: string; line: number; message: string }> }>;
    const d = all.filter((x) => x.code === 'BUD509');
    assert.equal(d.length, 1);
    assert.equal(d[0].file, 'dept.budget');
    assert.equal(d[0].line, 7);
    assert.deepEqual(d[0].related.map((x) => `${x.file}:${x.line} ${x.message}`).sort(), ['units/丙.budget:6 单位“丙”：3.00', 'units/乙.budget:6 单位“乙”：2.50', 'units/甲.budget:6 单位“甲”：1.00']);
  });

  it('the cache: a changed unit file re-checks the department (its result depends on it)', () => {
    const cache = tempDir('budget-cache-');
    const env = { BUDGET_CACHE_DIR: cache };
    assert.equal(run(['check', 'dept.budget'], { cwd: dir, env }).code, 1);
    assert.equal(run(['check', 'dept.budget'], { cwd: dir, env }).code, 1, 'cached');
    writeFileSync(join(dir, 'units/乙.budget'), unit('乙', '2.00'));
    const r = run(['check', 'dept.budget'], { cwd: dir, env });
    assert.equal(r.code, 0, r.stdout);
    writeFileSync(join(dir, 'units/丁.budget'), unit('丁', '1.00'));
    assert.match(run(['check', 'dept.budget'], { cwd: dir, env }).stdout, /BUD509/, 'a new file the glob matches');
    rmSync(cache, { recursive: true, force: true });
  });

  it('failure modes on the command line: a reference outside the working directory, a missing 上年文件', () => {
    writeTree(dir, { 'dept.budget': DEPT.replace('units/*.budget', '../x.budget'), 'u.budget': unit('甲', '1.00').replace('单位 甲 {', '单位 甲 {\n  上年文件 2024/甲.budget') });
    const r = run(['check', '--locale', 'en', 'dept.budget', 'u.budget'], { cwd: dir });
    assert.match(r.stdout, /dept\.budget:3:\d+: error BUD910 “\.\.\/x\.budget” cannot be referenced: the path leads outside the workspace/);
    assert.match(r.stdout, /u\.budget:3:\d+: error BUD911 No previous year’s file “2024\/甲\.budget”/);
  });
});

describe('cli: budget render shows a department’s 部门支出分单位明细 from its units’ files', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => {
    dir = tempDir('budget-cli-units-');
    writeTree(dir, { 'dept.budget': DEPT, 'units/甲.budget': unit('甲', '1.00'), 'units/乙.budget': unit('乙', '2.50') });
    // A unit file that cannot be read (not text): shown as such, and said (BUD918), not dropped.
    writeFileSync(join(dir, 'units/丙.budget'), Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41]));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('json: each unit as written, the unreadable file as a row of 未知, the department’s 合计', () => {
    const r = run(['render', 'dept.budget'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const t = (JSON.parse(r.stdout) as { tables: Array<{ id: string; title: string; rows: string[][] }> }).tables.find((x) => x.id === '分单位');
    assert.ok(t, 'the table is rendered');
    assert.equal(t.title, '2025年部门支出分单位明细');
    assert.deepEqual(t.rows, [
      ['合计', '', '6.00', '6.00', '6.00', '未知', '未知'],
      ['（文件无法读取）', 'units/丙.budget', '未知', '未知', '未知', '未知', '未知'],
      ['乙', 'units/乙.budget', '2.50', '2.50', '2.50', '未知', '未知'],
      ['甲', 'units/甲.budget', '1.00', '1.00', '1.00', '未知', '未知'],
    ]);
    const c = run(['check', '--locale', 'en', 'dept.budget'], { cwd: dir });
    assert.match(c.stdout, /dept\.budget:3:\d+: warning BUD918 The unit file “units\/丙\.budget” matched by the glob cannot be read/);
  });

  it('html and xlsx through the same table', async () => {
    const html = run(['render', '--format', 'html', 'dept.budget'], { cwd: dir });
    assert.equal(html.code, 0, html.stderr);
    assert.match(html.stdout, /部门支出分单位明细/);
    assert.match(html.stdout, /units\/丙\.budget/);
    const out = join(dir, 'dept.xlsx');
    assert.equal(run(['render', '--format', 'xlsx', '--out', out, 'dept.budget'], { cwd: dir }).code, 0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets.find((s) => s.name.includes('分单位'));
    assert.ok(sheet, wb.worksheets.map((s) => s.name).join(', '));
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    assert.ok(cells.includes('乙') && cells.includes('units/乙.budget') && cells.includes('未知'), cells.join(' '));
  });
});

describe('cli: budget render shows where a 上年 taken from last year’s file comes from', function () {
  this.timeout(60000);
  let dir: string;
  const year = (y: number, amount: string, extra = ''): string => `年度 ${y}\n单位 某所 {\n${extra}  收入 {\n    一般公共预算 ${amount}\n    收入总计 ${amount}\n  }\n  支出 {\n    合计 ${amount}\n    205 教育支出 人员 ${amount}\n  }\n${y === 2025 ? '  上年比较 {\n    收入总计 本年 100.00\n  }\n' : ''}}\n`;
  beforeEach(() => {
    dir = tempDir('budget-cli-taken-');
    writeTree(dir, { '2024.budget': year(2024, '90.00'), '2025.budget': year(2025, '100.00', '  上年文件 2024.budget\n') });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('html: the cell computed (italic) with where from as its title; xlsx: the figure with a note saying where from', async () => {
    const html = run(['render', '--format', 'html', '2025.budget'], { cwd: dir });
    assert.equal(html.code, 0, html.stderr);
    assert.match(html.stdout, /<td class="[^"]*computed[^"]*"[^>]* title="取自上年预算文件 2024\.budget · taken from last year’s budget">90\.00<\/td>/);
    const out = join(dir, '2025.xlsx');
    assert.equal(run(['render', '--format', 'xlsx', '--out', out, '2025.budget'], { cwd: dir }).code, 0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets.find((s) => s.name.includes('比较'));
    assert.ok(sheet, wb.worksheets.map((s) => s.name).join(', '));
    const notes: Array<[unknown, string]> = [];
    sheet.eachRow((row) => row.eachCell((cell) => {
      const n = cell.note as string | { texts?: Array<{ text: string }> } | undefined;
      if (n) notes.push([cell.value, typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join('')]);
    }));
    assert.deepEqual(notes, [[90, '取自上年预算文件 2024.budget · taken from last year’s budget\n计算值（本文件中未写）· not written in this file']]);
  });
});

describe('cli: a unit in two departments, found around the files checked (BUD915)', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => {
    dir = tempDir('budget-cli-two-');
    writeTree(dir, {
      'dept.budget': DEPT,
      'units/甲.budget': unit('甲', '1.00'), 'units/乙.budget': unit('乙', '2.50'), 'units/丙.budget': unit('丙', '3.00'),
      // Another department listing 乙 too, not among the files checked; hidden folders and node_modules are not looked in.
      'other/局二.budget': DEPT.replace('某局', '局二').replace('units/*.budget', '../units/乙.budget'),
      'node_modules/x/局三.budget': DEPT.replace('某局', '局三').replace('units/*.budget', '../../units/甲.budget'),
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const bud915 = (stdout: string): string[] => (JSON.parse(stdout) as Array<{ file: string; code: string; message: string }>).filter((x) => x.code === 'BUD915').map((x) => `${x.file} ${x.message}`);

  it('checking the department alone: the other department under the working directory is found', () => {
    const r = run(['check', '--format', 'json', '--locale', 'en', '--no-cache', 'dept.budget'], { cwd: dir });
    assert.deepEqual(bud915(r.stdout), ['dept.budget The unit file “units/乙.budget” is also listed by the department file “other/局二.budget”; a unit belongs to one department']);
  });

  it('--root: from another working directory; without it a file outside the working directory resolves in its own folder', () => {
    const elsewhere = tempDir('budget-cli-cwd-');
    try {
      const withRoot = run(['check', '--format', 'json', '--locale', 'en', '--no-cache', '--root', dir, join(dir, 'dept.budget')], { cwd: elsewhere });
      assert.equal(bud915(withRoot.stdout).length, 1, withRoot.stdout + withRoot.stderr);
      assert.match(bud915(withRoot.stdout)[0], /“other\/局二\.budget”/);
      const own = run(['check', '--format', 'json', '--locale', 'en', '--no-cache', join(dir, 'dept.budget')], { cwd: elsewhere });
      assert.equal(bud915(own.stdout).length, 1, own.stdout + own.stderr);
      const bad = run(['check', '--root', join(dir, 'nothing-here'), 'dept.budget'], { cwd: dir });
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--root .*不是目录 \/ not a folder/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('the cache: a department file added, changed or removed under the root after a cached run is seen', () => {
    const cache = tempDir('budget-cache-');
    const env = { BUDGET_CACHE_DIR: cache };
    // Files written long ago (a file modified within two seconds is not trusted by the cache: it would be re-checked anyway).
    const age = (...files: string[]): void => files.forEach((f) => utimesSync(join(dir, f), new Date(2020, 0, 1), new Date(2020, 0, 1)));
    const check = (): { findings: string[]; fromCache: boolean } => {
      const r = run(['check', '--format', 'json', '--stats', 'dept.budget'], { cwd: dir, env });
      return { findings: bud915(r.stdout), fromCache: /1 个取自缓存 from the cache/.test(r.stderr) };
    };
    try {
      rmSync(join(dir, 'other'), { recursive: true });
      age('dept.budget', 'units/甲.budget', 'units/乙.budget', 'units/丙.budget', 'node_modules/x/局三.budget');
      assert.deepEqual(check(), { findings: [], fromCache: false });
      assert.deepEqual(check(), { findings: [], fromCache: true }, 'nothing changed: from the cache');
      // Added: a department file listing 乙 too.
      writeTree(dir, { 'other/局二.budget': DEPT.replace('某局', '局二').replace('units/*.budget', '../units/乙.budget') });
      age('other/局二.budget');
      assert.deepEqual(check(), { findings: ['dept.budget 单位文件“units/乙.budget”也列在部门文件“other/局二.budget”中；一个单位只能汇总到一个部门'], fromCache: false }, 'added');
      assert.equal(check().fromCache, true);
      // Changed: a budget file that did not list units now does.
      writeTree(dir, { 'other/局二.budget': unit('丁', '1.00'), 'other/局四.budget': unit('戊', '1.00') });
      age('other/局二.budget', 'other/局四.budget');
      assert.deepEqual(check().findings, [], 'a department no more');
      assert.equal(check().fromCache, true);
      writeTree(dir, { 'other/局四.budget': DEPT.replace('某局', '局四').replace('units/*.budget', '../units/丙.budget') });
      age('other/局四.budget');
      assert.deepEqual(check().findings, ['dept.budget 单位文件“units/丙.budget”也列在部门文件“other/局四.budget”中；一个单位只能汇总到一个部门'], 'changed into a department');
      // Removed.
      rmSync(join(dir, 'other/局四.budget'));
      assert.deepEqual(check(), { findings: [], fromCache: false }, 'removed');
      // Written just now (within the timestamp's granularity): not trusted, checked again.
      writeTree(dir, { 'other/局五.budget': unit('己', '1.00') });
      assert.equal(check().fromCache, false);
      assert.equal(check().fromCache, false, 'still within two seconds');
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('the cache: a department file found around it that changes re-checks the department', () => {
    const cache = tempDir('budget-cache-');
    const env = { BUDGET_CACHE_DIR: cache };
    try {
      assert.equal(bud915(run(['check', '--format', 'json', 'dept.budget'], { cwd: dir, env }).stdout).length, 1);
      writeFileSync(join(dir, 'other/局二.budget'), DEPT.replace('某局', '局二').replace('units/*.budget', '../units/无.budget'));
      assert.deepEqual(bud915(run(['check', '--format', 'json', 'dept.budget'], { cwd: dir, env }).stdout), []);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe('cli: a unit’s file checked without its department in view finds the department above it (references/above.ts)', function () {
  this.timeout(120000);
  let dir: string;
  // The department in a sibling folder of the units' folder, its references inside their common parent (as the
  // server's test of the same case); HOME is the temp folder, so the look upward never leaves it.
  beforeEach(() => {
    dir = tempDir('budget-cli-above-');
    writeTree(dir, { '部门/dept.budget': DEPT.replace('units/*.budget', '../units/*.budget'), 'units/甲.budget': unit('甲', '1.00'), 'units/乙.budget': unit('乙', '2.50'), 'units/丙.budget': unit('丙', '3.00') });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  interface Json { file: string; code: string; line: number; message: string; related: Array<{ file: string; line: number }> }
  const check = (args: string[], cwd: string, env: Record<string, string> = {}): { code: number; findings: Json[]; stdout: string; stderr: string } => {
    const r = run(['check', '--format', 'json', '--locale', 'en', ...args], { cwd, env: { HOME: dir, ...env } });
    return { code: r.code, findings: JSON.parse(r.stdout || '[]') as Json[], stdout: r.stdout, stderr: r.stderr };
  };
  const age = (...files: string[]): void => files.forEach((f) => utimesSync(join(dir, f), new Date(2020, 0, 1), new Date(2020, 0, 1)));

  it('from the units’ folder: the department’s findings about the unit (BUD509 on its line, the unit as a note), not its other findings', () => {
    const r = check(['--no-cache', '乙.budget'], join(dir, 'units'));
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // The department outside the working directory is shown as the paths given are: absolute.
    const d = r.findings.filter((x) => x.file === join(dir, '部门/dept.budget'));
    assert.deepEqual(d.map((x) => `${x.code}:${x.line}`), ['BUD509:7'], 'the department’s BUD105 on the same line is not about the unit');
    assert.ok(d[0].related.some((x) => x.file === '乙.budget' && x.line === 6), JSON.stringify(d[0].related));
    const text = run(['check', '--no-cache', '--locale', 'en', '乙.budget'], { cwd: join(dir, 'units'), env: { HOME: dir } });
    assert.ok(text.stdout.includes(`${join(dir, '部门/dept.budget')}: the department file listing 乙.budget; its findings about it:`), text.stdout);
    assert.match(text.stdout, /^1 file\(s\) checked: 1 error\(s\)/m, 'the department is not counted as a file checked');
  });

  it('`budget check units/乙.budget` from the parent: the department under the working directory, the same finding', () => {
    const r = check(['--no-cache', 'units/乙.budget'], dir);
    assert.deepEqual(r.findings.filter((x) => x.code === 'BUD509').map((x) => x.file), ['部门/dept.budget']);
  });

  it('several units of one department: the department once, each finding once; the department among the files: as itself', () => {
    const two = check(['--no-cache', '乙.budget', '甲.budget'], join(dir, 'units'));
    assert.equal(two.findings.filter((x) => x.code === 'BUD509').length, 1, two.stdout);
    const withDept = check(['--no-cache', 'units/乙.budget', '部门/dept.budget'], dir);
    assert.deepEqual(withDept.findings.filter((x) => x.code === 'BUD509' || x.code === 'BUD105').map((x) => `${x.code} ${x.file}`).sort(), ['BUD105 units/乙.budget', 'BUD105 部门/dept.budget', 'BUD509 部门/dept.budget'], withDept.stdout);
  });

  it('--root bounds everything: no look above it', () => {
    const r = check(['--no-cache', '--root', '.', '乙.budget'], join(dir, 'units'));
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(r.findings.filter((x) => x.file !== '乙.budget'), []);
  });

  it('never above the home folder', () => {
    const r = check(['--no-cache', '乙.budget'], join(dir, 'units'), { HOME: join(dir, 'units') });
    assert.deepEqual(r.findings.filter((x) => x.file !== '乙.budget'), []);
  });

  it('the cache: the department changed, gone, or added above after a cached run is seen', () => {
    const cache = tempDir('budget-cache-');
    const env = { BUDGET_CACHE_DIR: cache };
    const units = join(dir, 'units');
    const bud509 = (): { n: number; cached: boolean } => {
      const r = check(['--stats', '乙.budget'], units, env);
      return { n: r.findings.filter((x) => x.code === 'BUD509').length, cached: /1 个取自缓存 from the cache/.test(r.stderr) };
    };
    try {
      age('部门/dept.budget', 'units/甲.budget', 'units/乙.budget', 'units/丙.budget');
      // A result cached with --root (no look above) is not taken for a run without it.
      assert.equal(check(['--root', '.', '乙.budget'], units, env).code, 0);
      assert.deepEqual(bud509(), { n: 1, cached: false });
      assert.deepEqual(bud509(), { n: 1, cached: true }, 'nothing changed: from the cache');
      // Changed: the department's figure now adds up.
      writeFileSync(join(dir, '部门/dept.budget'), DEPT.replace('units/*.budget', '../units/*.budget').replace(/6\.00/g, '6.50'));
      age('部门/dept.budget');
      assert.deepEqual(bud509(), { n: 0, cached: false }, 'changed');
      // Gone, then another department added elsewhere above (the unit's parent folder itself).
      rmSync(join(dir, '部门'), { recursive: true });
      assert.deepEqual(bud509(), { n: 0, cached: false }, 'gone');
      assert.deepEqual(bud509(), { n: 0, cached: true });
      writeTree(dir, { 'dept2.budget': DEPT.replace('某局', '局二') });
      age('dept2.budget');
      assert.deepEqual(bud509(), { n: 1, cached: false }, 'added');
      // Checked with the department among the files (reported as itself), then alone: the department is reported again.
      const both = check(['--stats', '乙.budget', '../dept2.budget'], units, env);
      assert.deepEqual(both.findings.filter((x) => x.code === 'BUD509').map((x) => x.file), [join(dir, 'dept2.budget')], both.stdout);
      const alone = check(['--stats', '乙.budget'], units, env);
      assert.deepEqual(alone.findings.filter((x) => x.code === 'BUD509').map((x) => x.file), [join(dir, 'dept2.budget')], alone.stdout);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
