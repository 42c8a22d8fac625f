import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './util';
import { PASTED } from '../helpers/pasted';

/** A cache folder of the tests' own (the user's is left alone). */
const CACHE = mkdtempSync(join(tmpdir(), 'budget-cache-'));

function run(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/budget.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BUDGET_CACHE_DIR: CACHE, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI: budget check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'budget-cli-'));
  const bad = join(dir, 'bad.budget');
  writeFileSync(bad, '单位 测试单位 {\n  年度 2025\n  支出 {\n    208 社会保障和就业支出 3.00\n    20801 人力资源和社会保障管理事务 人员 1.00\n    20805 行政事业单位养老支出 人员 1.00\n  }\n}\n');

  it('exits 0 on the reference samples and prints a summary', () => {
    const r = run(['check', 'samples/fushun-2025.budget', 'samples/fushun-2025-authoring.budget']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /已检查 2 个文件：0 个错误，6 个警告/);
  });

  it('text format: file:line:col severity code message, the source line and a caret under the figure', () => {
    const r = run(['check', bad]);
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    const i = lines.findIndex((l) => l.includes('BUD201'));
    assert.match(lines[i], /bad\.budget:4:19: 错误 BUD201 科目 208 社会保障和就业支出的合计为 3\.00，下级合计为 2\.00，相差 1\.00/);
    assert.equal(lines[i + 1], ' 4 |     208 社会保障和就业支出 3.00');
    // The caret sits under “3.00”: 4 spaces + "208 " + 9 CJK characters (18 columns) + " ".
    assert.equal(lines[i + 2], '   | ' + ' '.repeat(4 + 4 + 18 + 1) + '^~~~');
  });

  it('json format with 1-based positions and related locations; English locale', () => {
    const r = run(['check', bad, '--format', 'json', '--locale', 'en']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    const d = out.find((x) => x.code === 'BUD201')!;
    assert.deepEqual({ line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, severity: d.severity }, { line: 4, column: 19, endLine: 4, endColumn: 23, severity: 'error' });
    assert.match(d.message as string, /children sum to 2\.00/);
    assert.equal((d.related as unknown[]).length, 2);
    assert.deepEqual(Object.keys(d).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'related', 'severity']);
  });

  it('--rounding tolerant: a balance whose 收入 lines sum 0.01 off the written 支出总计 (BUD401) passes; exact by default', () => {
    const file = join(dir, 'balance.budget');
    const expense = '    208 社会保障和就业支出 人员 3.00\n    212 城乡社区支出 项目 1.00\n    212 01 城乡社区管理事务 来源 事业收入 项目 0.50\n    212 03 城乡社区公共设施 来源 事业收入 项目 0.50\n    支出总计 4.00';
    writeFileSync(file, `单位 测试单位 {\n  年度 2025\n  金额单位 万元\n  收入 {\n    一般公共预算 3.00\n    事业收入 1.01\n  }\n  支出 {\n${expense}\n  }\n}\n`);
    const exact = run(['check', file, '--no-cache', '--format', 'json', '--locale', 'en']);
    assert.equal(exact.code, 1);
    assert.deepEqual((JSON.parse(exact.stdout) as Array<{ code: string; message: string }>).map((d) => `${d.code} ${d.message}`), ['BUD401 total income and total expenditure: income 4.01 ≠ expenditure 4.00 (difference 0.01)']);
    const tolerant = run(['check', file, '--no-cache', '--rounding', 'tolerant']);
    assert.equal(tolerant.code, 0, tolerant.stdout);
  });

  it('exits 2 with one clear line for a missing file', () => {
    const r = run(['check', join(dir, 'nope.budget')]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /nope\.budget: 文件不存在 no such file/);
    assert.doesNotMatch(r.stderr, /at .+\.js/);
  });

  it('exits 2 on usage errors', () => {
    // No path checks the current folder: here an empty one.
    const empty = mkdtempSync(join(tmpdir(), 'budget-empty-'));
    const none = spawnSync(process.execPath, [join(ROOT, 'bin/budget.js'), 'check'], { cwd: empty, encoding: 'utf8' });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no budget files/);
    assert.equal(run(['frobnicate']).code, 2);
    assert.equal(run(['check', bad, '--format', 'xml']).code, 2);
    assert.equal(run(['check', bad, '--locale']).code, 2);
  });

  it('reads UTF-8 with BOM, CRLF, UTF-16 and GB18030 files alike', () => {
    const text = '单位 测试单位 {\r\n  年度 2025\r\n  支出 {\r\n    208 社会保障和就业支出 人员 1.00\r\n  }\r\n}\r\n';
    const files: Array<[string, Buffer]> = [
      ['bom.budget', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
      ['u16.budget', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      // GB18030 bytes of the same text, encoded by hand for the two-byte CJK characters used.
      ['gbk.budget', gb18030(text)],
    ];
    for (const [name, bytes] of files) {
      const f = join(dir, name);
      writeFileSync(f, bytes);
      const r = run(['check', f, '--format', 'json']);
      assert.equal(r.code, 0, `${name}: ${r.stdout}${r.stderr}`);
      assert.deepEqual(JSON.parse(r.stdout), [], name);
    }
  });

  it('a file in no known encoding is a clear error', () => {
    const f = join(dir, 'binary.budget');
    writeFileSync(f, Buffer.from([0x81, 0x20, 0xff, 0xfe, 0x00, 0x81]));
    const r = run(['check', f]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /UTF-8/);
  });

  describe('damaged and hostile input', () => {
    const unit = (body: string): string => `单位 测试单位 {\n  年度 2025\n  金额单位 万元\n${body}\n}\n`;

    it('one unreadable file is reported and the others are still checked; JSON output stays JSON; exit 2', () => {
      const png = join(dir, 'picture.budget');
      writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
      const r = run(['check', bad, png, '--format', 'json']);
      assert.equal(r.code, 2);
      assert.ok((JSON.parse(r.stdout) as Array<{ code: string }>).some((d) => d.code === 'BUD201'), 'the readable file was checked');
      assert.match(r.stderr, /picture\.budget: 这不是文本文件，而是 PNG 文件/);
      assert.match(run(['check', bad, png]).stdout, /1 个文件无法检查/);
    });

    it('UTF-16 without a BOM is read; a BOM followed by invalid bytes is an error, not mojibake; UTF-32 is named', () => {
      const text = unit('  支出 {\n    208 社会保障和就业支出 3.00\n  }');
      const le = join(dir, 'u16.budget');
      writeFileSync(le, Buffer.from(text, 'utf16le'));
      assert.equal(run(['check', le]).code, 0);
      const bomBad = join(dir, 'bom-bad.budget');
      writeFileSync(bomBad, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('单位 测'), Buffer.from([0xff]), Buffer.from('试 {\n}\n')]));
      const r = run(['check', bomBad]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /字节顺序标记/);
      const u32 = join(dir, 'u32.budget');
      writeFileSync(u32, Buffer.from([0xff, 0xfe, 0, 0, 0x55, 0x53, 0, 0]));
      assert.match(run(['check', u32]).stderr, /UTF-32/);
      const oneBad = join(dir, 'one-bad-byte.budget');
      writeFileSync(oneBad, Buffer.concat([Buffer.from(text.repeat(3)), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]));
      assert.match(run(['check', oneBad]).stderr, /第 \d+ 行（字节 \d+：c3 28[ 0-9a-f]*）有不是 UTF-8 的字节/);
    });

    it('a file too large to check, or an endless one, exits 2 without reading it all', () => {
      const big = join(dir, 'big.budget');
      writeFileSync(big, Buffer.alloc(17_000_000, 0x20));
      const r = run(['check', big]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /文件过大/);
      const z = spawnSync('sh', ['-c', `"${process.execPath}" "${join(ROOT, 'bin/budget.js')}" check /dev/zero`], { encoding: 'utf8', timeout: 60000 });
      assert.equal(z.status, 2, z.stderr);
      assert.match(z.stderr, /文件过大/);
    });

    it('text output: a long line shows a window around the caret; control characters are shown, not sent to the terminal', () => {
      const long = join(dir, 'long.budget');
      writeFileSync(long, unit(`  支出 {\n    208 社会保障和就业支出 3.00 ${'备注'.repeat(5000)} \u001b[2J\u202e 1.00\n  }`));
      const r = run(['check', long]);
      assert.ok(r.stdout.length < 20_000, `${r.stdout.length} characters of output`);
      assert.ok(!r.stdout.includes('\u001b') && !r.stdout.includes('\u202e'), 'no raw control characters');
      assert.match(r.stdout, /␛\[2J/);
      assert.match(r.stdout, /<U\+202E>/);
      // The caret still points at the reported text inside the window.
      const lines = r.stdout.split('\n');
      const i = lines.findIndex((l) => /BUD\d+/.test(l) && /long\.budget:5:/.test(l));
      assert.ok(i >= 0, r.stdout.slice(0, 2000));
      const src = lines[i + 1];
      const caret = lines[i + 2];
      assert.ok(src.includes('…'), 'the line is windowed');
      assert.ok(caret.includes('^'));
    });

    it('the exit code survives a reader that closes the pipe early', () => {
      // Far more output than a pipe holds, so the writer meets a closed pipe (EPIPE).
      const many = join(dir, 'many.budget');
      const rows = Array.from({ length: 3000 }, (_, k) => `    ${String(20801 + (k % 90)).padStart(5, '0')} 错误 1.00 基本 2.00`).join('\n');
      writeFileSync(many, unit(`  支出 {\n${rows}\n  }`));
      const r = spawnSync('bash', ['-c', `"${process.execPath}" "${join(ROOT, 'bin/budget.js')}" check "${many}" | head -c 1 > /dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
      assert.equal(r.stdout.trim(), '1', r.stderr);
    });
  });
});

/** Encodes text as GB18030 using the decoder as an oracle (Node has no GB18030 encoder). */
function gb18030(text: string): Buffer {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  const need = new Set([...text].filter((c) => c.charCodeAt(0) > 0x7f));
  for (let hi = 0x81; hi <= 0xfe && table.size < need.size; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(Uint8Array.from([hi, lo]));
      if (need.has(ch) && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const c of text) out.push(...(table.get(c) ?? [c.charCodeAt(0)]));
  return Buffer.from(out);
}

describe('CLI: budget check --fix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'budget-fix-'));
  const pasted = PASTED;

  it('fixes pasted-text artefacts in place, reports what is left, and leaves figures alone', () => {
    const file = join(dir, 'pasted.budget');
    writeFileSync(file, pasted.replace('合　　计 150.50', '合　　计 150.60'));
    const r = run(['check', '--fix', file]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /--fix：已在 1 个文件中修复 5 处/);
    assert.match(r.stdout, /BUD201/);
    const after = readFileSync(file, 'utf8');
    assert.ok(after.includes('    合计 150.60\n') && after.includes('(20.00)') === false && after.includes('170.50') && !after.includes('第 3 页'), after);
    const again = run(['check', '--fix', file, '--locale', 'en']);
    assert.match(again.stdout, /--fix: 0 fixed in 0 file\(s\)/);
    assert.equal(readFileSync(file, 'utf8'), after);
  });

  it('writes a file back in its own encoding (UTF-16LE with its BOM, UTF-8 with BOM); refuses GB18030 and stdin', () => {
    const u16 = join(dir, 'u16.budget');
    writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pasted, 'utf16le')]));
    assert.equal(run(['check', '--fix', u16]).code, 0);
    const b = readFileSync(u16);
    assert.deepEqual([b[0], b[1]], [0xff, 0xfe]);
    assert.ok(b.subarray(2).toString('utf16le').includes('上年结转 一般公共预算 -20.00'));
    const bom = join(dir, 'bom.budget');
    writeFileSync(bom, '\ufeff' + pasted);
    assert.equal(run(['check', '--fix', bom]).code, 0);
    assert.ok(readFileSync(bom, 'utf8').startsWith('\ufeff年度 2025'));
    // GB18030 bytes of `单位 甲 { 支出 { 208 社会保障和就业支出 人员 １.００ } }` (full-width digits to fix).
    const gb = join(dir, 'gb.budget');
    const gbBytes = Buffer.from('b5a5cebb20bcd7207b0a2020d6a7b3f6207b0a2020202032303820c9e7bbe1b1a3d5cfbacdbecdd2b5d6a7b3f620c8cbd4b120a3b12ea3b0a3b00a20207d0a7d0a', 'hex');
    writeFileSync(gb, gbBytes);
    const r = run(['check', '--fix', gb]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /BUD005/, 'it is still checked');
    assert.match(r.stderr, /the file is GB18030, which --fix cannot write back; save it as UTF-8 first/);
    assert.deepEqual(readFileSync(gb), gbBytes, 'left as it was');
    const stdin = spawnSync(process.execPath, [join(ROOT, 'bin/budget.js'), 'check', '--fix', '-'], { cwd: ROOT, input: pasted, encoding: 'utf8' });
    assert.equal(stdin.status, 2);
    assert.match(stdin.stderr, /--fix cannot write back standard input/);
  });
});
