/**
 * A minimal LSP client for the benchmarks: spawns `node dist/server.js --stdio` and talks JSON-RPC to it
 * through vscode-jsonrpc. Also reads the server's memory: RSS from /proc/<pid>/status, and the V8 heap
 * through a preload module (bench/heap-probe.js, written next to the compiled benchmark) that writes
 * process.memoryUsage() after a full GC when the process gets SIGUSR2 — nothing in the server is changed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

// The longest task since the previous probe: the largest event-loop delay seen by a 5 ms timer
// (perf_hooks.monitorEventLoopDelay), paused while the probe itself collects garbage; and the longest
// garbage-collection pause in the same window (perf_hooks 'gc' entries), to tell the two apart.
const PROBE = `
const { writeFileSync } = require('node:fs');
const { monitorEventLoopDelay, PerformanceObserver, constants } = require('node:perf_hooks');
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let maxGcMs = 0, maxGcKind = '', probing = false;
const KINDS = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb' };
new PerformanceObserver((list) => {
  if (probing) return;
  for (const e of list.getEntries()) if (e.duration > maxGcMs) { maxGcMs = e.duration; maxGcKind = KINDS[e.detail?.kind] ?? String(e.detail?.kind); }
}).observe({ entryTypes: ['gc'] });
process.on('SIGUSR2', () => {
  const maxTaskMs = loop.max / 1e6;
  const gcMs = maxGcMs, gcKind = maxGcKind;
  loop.disable();
  probing = true;
  if (global.gc) { global.gc(); global.gc(); }
  const m = { ...process.memoryUsage(), maxTaskMs, maxGcMs: gcMs, maxGcKind: gcKind };
  try { writeFileSync(process.env.BUDGET_HEAP_PROBE, JSON.stringify(m)); } catch {}
  // The probe's own collections are reported asynchronously: ignore them.
  setTimeout(() => { probing = false; maxGcMs = 0; maxGcKind = ''; }, 50);
  loop.reset();
  loop.enable();
});
`;

function probePath(dir: string): string {
  return join(dir, `budget-heap-probe-${process.pid}.js`);
}

/** Removes the preload module written for the servers of this process. */
export function removeProbe(dir = tmpdir()): void {
  rmSync(probePath(dir), { force: true });
}

export class Server {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  private readonly waiters: Array<{ uri: string; version: number | undefined; resolve: (p: PublishedDiagnostics) => void }> = [];
  readonly published = new Map<string, PublishedDiagnostics>();
  private readonly probeFile: string;
  stderr = '';

  constructor(serverJs: string, probeDir = tmpdir()) {
    const probe = probePath(probeDir);
    writeFileSync(probe, PROBE);
    this.probeFile = join(probeDir, `budget-heap-${process.pid}-${Date.now()}.json`);
    this.proc = spawn(process.execPath, ['--expose-gc', '-r', probe, serverJs, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, BUDGET_HEAP_PROBE: this.probeFile },
    });
    this.proc.stderr!.on('data', (b: Buffer) => {
      this.stderr += b.toString();
      if (this.stderr.length > 20000) this.stderr = this.stderr.slice(-20000);
    });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.set(p.uri, p);
      for (let i = 0; i < this.waiters.length; i++) {
        const w = this.waiters[i];
        if (w.uri === p.uri && (w.version === undefined || p.version === w.version)) {
          this.waiters.splice(i--, 1);
          w.resolve(p);
        }
      }
    });
    // Requests from the server (configuration, refresh, progress …): answer with nothing.
    this.conn.onRequest(() => null);
    this.conn.onNotification(() => undefined);
    this.conn.listen();
  }

  async initialize(options: { rootUri?: string; settings?: unknown } = {}): Promise<unknown> {
    const r = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'bench' }] : null,
      capabilities: {
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
          synchronization: { didSave: false },
        },
        workspace: { configuration: false, workspaceFolders: true },
      },
      initializationOptions: { locale: 'zh-CN', settings: options.settings },
      locale: 'zh-CN',
    });
    await this.conn.sendNotification('initialized', {});
    return r;
  }

  /** Resolves with the first publishDiagnostics for uri (and version) that arrives from now on. */
  nextDiagnostics(uri: string, version?: number, timeoutMs = 120_000): Promise<PublishedDiagnostics> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ uri, version, resolve: (p) => { clearTimeout(t); resolve(p); } });
    });
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'budget', version, text } });
  }

  change(uri: string, version: number, range: { start: Pos; end: Pos }, text: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** VmRSS and VmHWM (peak) in MB. */
  rss(): { rss: number; peak: number } {
    const s = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const kb = (k: string): number => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  }

  /** The V8 heap after a full GC, in MB, and the longest task (event-loop delay) since the previous call, in ms
   * (undefined when the probe did not answer). */
  async heap(): Promise<{ heapUsed: number; heapTotal: number; external: number; rss: number; maxTaskMs: number; maxGcMs: number; maxGcKind: string } | undefined> {
    rmSync(this.probeFile, { force: true });
    this.proc.kill('SIGUSR2');
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 25));
      if (existsSync(this.probeFile)) {
        try {
          const m = JSON.parse(readFileSync(this.probeFile, 'utf8')) as Record<string, number> & { maxGcKind: string };
          const mb = (x: number): number => x / 1024 / 1024;
          return {
            heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), rss: mb(m.rss),
            maxTaskMs: m.maxTaskMs, maxGcMs: m.maxGcMs, maxGcKind: m.maxGcKind,
          };
        } catch {
          // partially written: try again
        }
      }
    }
    return undefined;
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 100));
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
    rmSync(this.probeFile, { force: true });
  }
}

export interface Pos {
  line: number;
  character: number;
}
