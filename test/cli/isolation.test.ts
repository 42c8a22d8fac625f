/**
 * An internal error in one file does not hide the results of the others: in the main thread, in worker
 * threads (an exception, a stack overflow, a thread that dies), and through the command line.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runTasks } from '../../server/src/cli/pool';
import { READERS, type Reader } from '../../server/src/cli/readers';
import type { TaskInput } from '../../server/src/cli/result';
import { badUnit, goodUnit, json, run, stats, tempDir, writeTree } from './helpers';

function input(index: number, file: string, text: string): TaskInput {
  return { index, file, bytes: Buffer.from(text), settings: {}, summaries: false, fix: false };
}

describe('CLI: one file’s internal error is that file’s alone', function () {
  this.timeout(120000);

  it('worker threads: a thrown exception, a dead thread and a stack overflow are reported per file; the rest are checked', async () => {
    const names = ['a', 'BOOM-1', 'b', 'DIE-1', 'c', 'DEEP-1', 'd', 'BOOM-2', 'e', 'f', 'DIE-2', 'g'];
    const inputs = names.map((n, i) => input(i, `${n}.budget`, 'x'.repeat(100 + i)));
    const { outputs, threads } = await runTasks(inputs, { jobs: 3, minBytesForPool: 0, workerFile: join(__dirname, 'faulty-worker.js') });
    assert.equal(threads, 3);
    assert.deepEqual(outputs.map((o) => o.index), names.map((_, i) => i), 'in input order');
    outputs.forEach((o, i) => {
      const bad = /BOOM|DIE|DEEP/.test(names[i]);
      assert.equal(o.kind, bad ? 'internal' : 'ok', `${names[i]}: ${JSON.stringify(o)}`);
      if (o.kind === 'internal' && names[i].startsWith('BOOM')) assert.match(o.message, /injected failure in BOOM/);
      if (o.kind === 'internal' && names[i].startsWith('DIE')) assert.match(o.message, /exit code 3/);
      if (o.kind === 'internal' && names[i].startsWith('DEEP')) assert.match(o.message, /call stack/i);
      if (o.kind === 'ok') assert.equal(o.result.lines, 100 + i);
    });
  });

  it('the main thread: a reader or checker that throws fails its file only', async () => {
    const boom: Reader = { id: 'boom/1', extensions: ['.boom'], discover: false, read: () => { throw new RangeError('Maximum call stack size exceeded'); } };
    READERS.push(boom);
    try {
      const inputs = [input(0, 'a.budget', badUnit()), input(1, 'x.boom', 'anything'), input(2, 'b.budget', goodUnit())];
      const { outputs, threads } = await runTasks(inputs, { jobs: 1 });
      assert.equal(threads, 0);
      assert.equal(outputs[0].kind, 'ok');
      assert.ok(outputs[0].kind === 'ok' && outputs[0].result.findings.some((f) => f.code === 'BUD201'));
      assert.equal(outputs[1].kind, 'internal');
      assert.ok(outputs[1].kind === 'internal' && /stack overflow/.test(outputs[1].message));
      assert.equal(outputs[2].kind, 'ok');
    } finally {
      READERS.splice(READERS.indexOf(boom), 1);
    }
  });

  it('the command line: a file that breaks the checker (130,000 closing braces on a line) does not hide the others', () => {
    const dir = tempDir();
    // With enough text (a long comment) for the pool to be used at --jobs 2.
    writeTree(dir, { 'a.budget': badUnit('甲'), 'deep.budget': '}'.repeat(130_000) + '\n', 'pad.budget': `# ${'注'.repeat(300_000)}\n${goodUnit()}`, 'z.budget': badUnit('乙') });
    for (const jobs of ['1', '2']) {
      const r = run(['check', '.', '--format', 'json', '--jobs', jobs, '--no-cache', '--stats'], { cwd: dir });
      assert.equal(stats(r).threads, jobs === '1' ? 0 : 2, r.stderr);
      const files = json(r).filter((d) => d.code === 'BUD201').map((d) => d.file);
      assert.deepEqual(files, ['a.budget', 'z.budget'], r.stderr);
      // Either the checker copes with the file (it is reported like any other) or it is named as not checked.
      if (r.code === 2) assert.match(r.stderr, /deep\.budget: 内部错误，此文件未能检查 \/ internal error, this file could not be checked/);
      else assert.ok(json(r).some((d) => d.file === 'deep.budget'), r.stdout);
    }
  });
});
