/**
 * Budgets across files in the editor (`npm run bench -- --only=crossfile`): 1,000 unit files under 20 department
 * files (单位文件 单位/<department>/*.budget, each department's own 支出 合计 the sum of its units), the real server
 * over stdio with the debounce at 0. One edit of a unit (the amounts of a 项 row changed, then back); the time from didChange to the department's
 * publishDiagnostics (its BUD509 appears, and goes again when the edit is undone), with the department open and
 * with it closed (published from the workspace index). The goal: ≤ 100 ms after the debounce.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { analyze } from '../server/src/core/analyze';
import { formatMoney } from '../server/src/core/money';
import { generateWorkspace } from './generate';
import { Server } from './lsp';

export interface CrossFileResult {
  units: number;
  departments: number;
  /** Milliseconds from didChange of a unit to the department's new diagnostics: median, 95th percentile, worst. */
  open: { p50: number; p95: number; max: number; edits: number };
  closed: { p50: number; p95: number; max: number; edits: number };
}

const DEPARTMENTS = 20;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(s.length * q))] * 10) / 10 : NaN;
}

export async function crossFileBench(serverJs: string, seed: number, units: number, edits: number): Promise<CrossFileResult> {
  const dir = mkdtempSync(join(tmpdir(), 'budget-crossfile-'));
  try {
    const files = generateWorkspace(seed, units);
    const per = Math.ceil(files.length / DEPARTMENTS);
    const depts: Array<{ file: string; unit: { file: string; text: string } }> = [];
    for (let d = 0; d < DEPARTMENTS; d++) {
      const mine = files.slice(d * per, (d + 1) * per);
      if (!mine.length) break;
      const sub = join(dir, '单位', `d${d}`);
      mkdirSync(sub, { recursive: true });
      // The department's own 支出: 合计 and each 类, the sums of its units'.
      let total = 0n;
      const byClass = new Map<string, bigint>();
      for (const f of mine) {
        // Units of a department file of their own: the generated `部门 …` line would name another department.
        const text = f.text.replace(/^部门 .*$/m, '');
        writeFileSync(join(sub, f.name), text);
        const fig = analyze(text).figures[0];
        total += fig?.func.root.cells.total ?? 0n;
        for (const [code, n] of fig?.func.byCode ?? []) if (code.length === 3) byClass.set(code, (byClass.get(code) ?? 0n) + (n.cells.total ?? 0n));
      }
      const money = (v: bigint): string => formatMoney(v, '万元', { grouping: false });
      const rows = [...byClass].sort(([a], [b]) => a.localeCompare(b)).map(([code, v]) => `    ${code} ${money(v)}\n`).join('');
      const file = join(dir, `部门${d}.budget`);
      writeFileSync(file, `年度 2025\n部门 部门${d} {\n  单位文件 单位/d${d}/*.budget\n  支出 {\n    合计 ${money(total)}\n${rows}  }\n}\n`);
      depts.push({ file, unit: { file: join(sub, mine[0].name), text: mine[0].text.replace(/^部门 .*$/m, '') } });
    }
    const server = new Server(serverJs);
    try {
      await server.initialize({ rootUri: pathToFileURL(dir).toString(), settings: { diagnostics: { debounceMs: 0 } } });
      const d = depts[0];
      const deptUri = pathToFileURL(d.file).toString();
      const unitUri = pathToFileURL(d.unit.file).toString();
      // The amounts of the unit's first 项 row (a fact of its 支出) changed and changed back: the department's BUD509
      // comes and goes.
      const s0 = d.unit.text.indexOf('  支出 {\n');
      const leaf = /^    \d{7} .*$/m.exec(d.unit.text.slice(s0));
      if (s0 < 0 || !leaf) throw new Error('crossfile bench: no 项 row in the generated unit');
      const at = s0 + leaf.index;
      const edited = d.unit.text.slice(0, at) + leaf[0].replace(/(\s)(\d[\d,]*\.\d+)/g, '$19$2') + d.unit.text.slice(at + leaf[0].length);
      const run = async (open: boolean): Promise<{ p50: number; p95: number; max: number; edits: number }> => {
        let version = open ? 100 : 200;
        const first = server.nextDiagnostics(unitUri, version);
        await server.open(unitUri, d.unit.text, version);
        await first;
        if (open) {
          const opened = server.nextDiagnostics(deptUri);
          await server.open(deptUri, readFileSync(d.file, 'utf8'));
          await opened;
        }
        const times: number[] = [];
        for (let i = 0; i < edits; i++) {
          const text = i % 2 === 0 ? edited : d.unit.text;
          version++;
          const want = i % 2 === 0;
          const t = performance.now();
          await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri: unitUri, version }, contentChanges: [{ text }] });
          // The first publish of the department that shows the edit (one sent before it may still be on its way).
          for (;;) {
            const p = await server.nextDiagnostics(deptUri, undefined, 10_000);
            if (p.diagnostics.some((x) => (x as { code?: string }).code === 'BUD509') === want) break;
          }
          times.push(performance.now() - t);
        }
        await server.conn.sendNotification('textDocument/didClose', { textDocument: { uri: unitUri } });
        if (open) await server.conn.sendNotification('textDocument/didClose', { textDocument: { uri: deptUri } });
        return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: Math.round(Math.max(...times) * 10) / 10, edits: times.length };
      };
      const openResult = await run(true);
      const closedResult = await run(false);
      return { units: files.length, departments: depts.length, open: openResult, closed: closedResult };
    } finally {
      await server.shutdown();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

