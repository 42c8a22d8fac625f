/**
 * The result cache and files that change while they are checked: a referenced file's hash is that of the very bytes
 * that were analysed (read once), so a change between the analysis and the record of what the result depends on
 * makes the cached result stale instead of recording the new content as its source. The change is made by a hook
 * between the two steps (task.ts hooks), not by racing the clock.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { referencesCurrent } from '../../server/src/cli/run';
import { hooks, runTask } from '../../server/src/cli/task';
import type { TaskInput } from '../../server/src/cli/result';
import { tempDir, writeTree } from './helpers';

const DEPT = `年度 2025\n部门 某局 {\n  单位文件 units/*.budget\n  支出 {\n    合计 6.00\n    205 教育支出 人员 6.00\n    205 01 教育管理事务 人员 6.00\n  }\n}\n`;
const unit = (name: string, amount: string): string => `年度 2025\n单位 ${name} {\n  支出 {\n    合计 ${amount}\n    205 教育支出 人员 ${amount}\n    205 01 教育管理事务 人员 ${amount}\n  }\n}\n`;
const sha = (s: string): string => createHash('sha256').update(Buffer.from(s)).digest('hex');

describe('cli cache: a file changed while it is checked never leaves a stale entry (task.ts, run.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('budget-race-');
  });
  afterEach(() => {
    hooks.afterReferences = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const input = (file: string, o: Partial<TaskInput> = {}): TaskInput => ({ index: 0, file, bytes: readFileSync(file), settings: {}, summaries: false, fix: false, root: dir, peers: [], ...o });

  it('a unit file (单位文件) changed after the department’s check: the record holds the hash of what was analysed, the result is not current', async () => {
    writeTree(dir, { 'dept.budget': DEPT, 'units/甲.budget': unit('甲', '1.00'), 'units/乙.budget': unit('乙', '2.50'), 'units/丙.budget': unit('丙', '3.00') });
    const changed = join(dir, 'units/乙.budget');
    hooks.afterReferences = () => writeFileSync(changed, unit('乙', '2.00'));
    const out = await runTask(input(join(dir, 'dept.budget')));
    assert.equal(out.kind, 'ok');
    if (out.kind !== 'ok') return;
    // Analysed with 2.50: the department's 6.00 disagrees with 6.50.
    assert.ok(out.result.findings.some((f) => f.code === 'BUD509'), JSON.stringify(out.result.findings.map((f) => f.code)));
    assert.equal(out.result.references?.hashes[changed], sha(unit('乙', '2.50')));
    assert.equal(referencesCurrent(out.result, join(dir, 'dept.budget'), dir, new Map()), false, 'stale: the unit file is no longer what was analysed');
    // Unchanged since (and written long ago, so the listing of the budget files under the root is trusted): current.
    hooks.afterReferences = undefined;
    for (const f of ['dept.budget', ...readdirSync(join(dir, 'units')).map((x) => `units/${x}`)]) utimesSync(join(dir, f), new Date(2020, 0, 1), new Date(2020, 0, 1));
    // (A run of its own: the worker's resolvers are per run — here, per settings.)
    const again = await runTask(input(join(dir, 'dept.budget'), { settings: { rounding: 'exact' } }));
    assert.ok(again.kind === 'ok' && !again.result.findings.some((f) => f.code === 'BUD509'));
    assert.equal(again.kind === 'ok' && referencesCurrent(again.result, join(dir, 'dept.budget'), dir, new Map()), true);
  });

  it('a 上年文件 changed after the check: the same', async () => {
    writeTree(dir, { '2025.budget': unit('甲', '1.00').replace('单位 甲 {', '单位 甲 {\n  上年文件 2024.budget'), '2024.budget': unit('甲', '1.00').replace('年度 2025', '年度 2024') });
    const last = join(dir, '2024.budget');
    hooks.afterReferences = () => writeFileSync(last, unit('甲', '9.00').replace('年度 2025', '年度 2024'));
    const out = await runTask(input(join(dir, '2025.budget')));
    assert.ok(out.kind === 'ok');
    assert.equal(out.kind === 'ok' && out.result.references?.hashes[last], sha(unit('甲', '1.00').replace('年度 2025', '年度 2024')));
    assert.equal(out.kind === 'ok' && referencesCurrent(out.result, join(dir, '2025.budget'), dir, new Map()), false);
  });

  it('a department found for a unit’s file, changed after its check: the same', async () => {
    writeTree(dir, { '部门/dept.budget': DEPT.replace('units/*.budget', '../units/*.budget'), 'units/甲.budget': unit('甲', '1.00'), 'units/乙.budget': unit('乙', '2.50') });
    const dept = join(dir, '部门/dept.budget');
    const before = readFileSync(dept, 'utf8');
    hooks.afterReferences = (file) => {
      if (file === dept) writeFileSync(dept, before.replace(/6\.00/g, '3.50'));
    };
    const self = join(dir, 'units/乙.budget');
    const out = await runTask(input(self, { root: join(dir, 'units'), lookAround: true }));
    assert.ok(out.kind === 'ok');
    if (out.kind !== 'ok') return;
    assert.deepEqual(out.result.departments?.map((d) => [d.file, d.result.findings.map((f) => f.code)]), [[dept, ['BUD509']]]);
    assert.equal(out.result.references?.hashes[dept], sha(before));
    assert.equal(referencesCurrent(out.result, self, join(dir, 'units'), new Map()), false);
  });
});
