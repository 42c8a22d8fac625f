/**
 * A minimal LSP client for tests: spawns the real server (`node dist/server.js --stdio`) and talks JSON-RPC
 * to it over the child's stdio with vscode-jsonrpc — or, with `inProcess`, starts the server in this process
 * (server/src/server.ts startServer) on a pair of streams, the same protocol without a process.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  InitializeResult,
  DidChangeWatchedFilesRegistrationOptions, PublishDiagnosticsParams, Registration, RegistrationParams, TextDocumentContentChangeEvent, UnregistrationParams,
} from 'vscode-languageserver-protocol';
import { startServer, type BudgetServer, type ServerOptions } from '../../server/src/server';
import { ROOT } from './golden';

export interface StartOptions {
  /** initializationOptions.locale (the editor's display language). */
  locale?: string;
  /** Answers to workspace/configuration requests for the `budget` section (undefined: no configuration support). */
  configuration?: () => unknown;
  workspaceFolder?: string;
  initializationOptions?: Record<string, unknown>;
  /** The script to run (default dist/server.js), e.g. bin/budget-language-server.js. */
  script?: string;
  /** Advertise workspace/didChangeWatchedFiles with dynamic registration (and relative patterns). */
  watchedFiles?: boolean;
  /** 'vscode' (default): the text-document capabilities VS Code declares (markdown, snippets, hierarchical
   * symbols, code action literals, prepareRename, related information). 'minimal': no capabilities at all,
   * like the simplest LSP clients. */
  capabilities?: 'vscode' | 'minimal';
  /** Command-line arguments after the script (default ['--stdio']). */
  args?: string[];
  /** Runs once the connection listens, before initialize is sent (to send what a misbehaving client would). */
  beforeInitialize?: (c: LspClient) => Promise<void>;
  /** Start the server in this process (startServer on streams) instead of a child process; `engine` replaces the
   * core's entry points (to make one fail on purpose). */
  inProcess?: boolean | Pick<ServerOptions, 'engine'>;
}

/** The text-document capabilities of VS Code's client that change the shape of the server's answers. */
const VSCODE_TEXT_DOCUMENT = {
  publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, versionSupport: true },
  hover: { contentFormat: ['markdown', 'plaintext'] },
  completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
  documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite'] } } },
  rename: { prepareSupport: true },
};

/** A regular expression for an LSP glob pattern (`*`, `?`, `**`, `{a,b}`, `[…]`). */
export function globRegExp(glob: string): RegExp {
  const esc = (x: string): string => x.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const end = glob.indexOf(']', i + 2);
      re += `[${glob.slice(i + 1, end).replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else if (ch === '{') {
      const end = glob.indexOf('}', i);
      re += `(?:${glob.slice(i + 1, end).split(',').map(esc).join('|')})`;
      i = end;
    } else re += esc(ch);
  }
  return new RegExp(`^${re}$`);
}

type Waiter<T> = { match: (v: T) => boolean; resolve: (v: T) => void };

export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: Array<{ type: number; message: string }> = [];
  readonly logs: Array<{ type: number; message: string }> = [];
  /** Capabilities the server registered (client/registerCapability) and has not unregistered. */
  readonly registrations: Registration[] = [];
  /** WorkspaceEdits the server asked the client to apply (workspace/applyEdit). */
  readonly appliedEdits: unknown[] = [];
  /** The server's answer to initialize. */
  initializeResult: InitializeResult | undefined;
  stderr = '';
  exited: number | null | undefined;
  private readonly diagWaiters: Array<Waiter<PublishDiagnosticsParams>> = [];

  /** The child process (undefined for a server in this process). */
  readonly proc: ChildProcess | undefined;
  /** The server started in this process (undefined for a child process). */
  readonly server: BudgetServer | undefined;

  private constructor(readonly conn: MessageConnection, target: ChildProcess | BudgetServer) {
    if (target instanceof ChildProcess) this.proc = target;
    else this.server = target;
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    let c: LspClient;
    let exited: Promise<never>;
    if (options.inProcess) {
      // Two pipes: what the client writes the server reads, and back.
      const toServer = new PassThrough();
      const toClient = new PassThrough();
      const server = startServer({ reader: new StreamMessageReader(toServer), writer: new StreamMessageWriter(toClient), ...(options.inProcess === true ? {} : options.inProcess) });
      c = new LspClient(createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)), server);
      exited = new Promise<never>(() => undefined);
    } else {
      const proc = spawn(process.execPath, [options.script ?? join(ROOT, 'dist', 'server.js'), ...(options.args ?? ['--stdio'])], { stdio: ['pipe', 'pipe', 'pipe'] });
      c = new LspClient(createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!)), proc);
      const client = c;
      proc.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
      proc.on('exit', (code) => (client.exited = code));
      exited = new Promise<never>((_, reject) => proc.once('exit', (code) => reject(new Error(`the server exited (${code}) during initialize: ${client.stderr}`))));
    }
    const conn = c.conn;
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      c.published.push(p);
      for (const w of [...c.diagWaiters]) {
        if (w.match(p)) {
          c.diagWaiters.splice(c.diagWaiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    conn.onNotification('window/showMessage', (m: { type: number; message: string }) => void c.messages.push(m));
    conn.onNotification('window/logMessage', (m: { type: number; message: string }) => void c.logs.push(m));
    conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map(() => options.configuration?.() ?? null));
    conn.onRequest('client/registerCapability', (p: RegistrationParams) => void c.registrations.push(...p.registrations));
    conn.onRequest('client/unregisterCapability', (p: UnregistrationParams) => {
      for (const u of p.unregisterations) {
        const i = c.registrations.findIndex((r) => r.id === u.id);
        if (i >= 0) c.registrations.splice(i, 1);
      }
    });
    conn.onRequest('workspace/applyEdit', (p: { edit: unknown }) => {
      c.appliedEdits.push(p.edit);
      return { applied: true };
    });
    conn.onRequest('workspace/inlayHint/refresh', () => null);
    conn.onRequest('workspace/semanticTokens/refresh', () => null);
    conn.onRequest('window/showMessageRequest', () => null);
    conn.listen();
    await options.beforeInitialize?.(c);
    const folder = options.workspaceFolder;
    c.initializeResult = await Promise.race([exited, conn.sendRequest<InitializeResult>('initialize', {
      // In this process, no process id: the library would watch it with a timer that never ends.
      processId: options.inProcess ? null : process.pid,
      rootUri: folder ? pathToFileURL(folder).toString() : null,
      workspaceFolders: folder ? [{ uri: pathToFileURL(folder).toString(), name: 'ws' }] : null,
      capabilities: options.capabilities === 'minimal' ? {} : {
        workspace: {
          configuration: !!options.configuration, inlayHint: { refreshSupport: true }, workspaceFolders: true,
          ...(options.watchedFiles ? { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } : {}),
        },
        textDocument: VSCODE_TEXT_DOCUMENT,
      },
      initializationOptions: { ...(options.locale ? { locale: options.locale } : {}), ...options.initializationOptions },
    })]);
    exited.catch(() => undefined);
    await conn.sendNotification('initialized', {});
    return c;
  }

  request<R = unknown>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  /** The next publishDiagnostics for `uri` matching `match` (also looks at ones already received when `past`). */
  diagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 5000, past = false): Promise<PublishDiagnosticsParams> {
    if (past) {
      const seen = [...this.published].reverse().find((p) => p.uri === uri && match(p));
      if (seen) return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.diagWaiters.push({ match: (p) => p.uri === uri && match(p), resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  /** Opens a document and waits for its diagnostics (`timeoutMs`: how long a slow, loaded machine may take). */
  async open(uri: string, text: string, version = 1, timeoutMs = 5000): Promise<PublishDiagnosticsParams> {
    const wait = this.diagnostics(uri, (p) => p.version === version, timeoutMs);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'budget', version, text } });
    return wait;
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Waits until `check` returns a value (polling), or fails after `timeoutMs`. */
  async waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v !== undefined) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Whether a registered workspace/didChangeWatchedFiles watcher covers the file (then the client must report its changes). */
  watches(file: string): boolean {
    const slash = (p: string): string => p.replace(/\\/g, '/');
    return this.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles' && (r.registerOptions as DidChangeWatchedFilesRegistrationOptions).watchers.some((w) => {
      const g = w.globPattern;
      if (typeof g === 'string') return globRegExp(g).test(slash(file));
      const base = slash(fileURLToPath(typeof g.baseUri === 'string' ? g.baseUri : g.baseUri.uri)).replace(/\/?$/, '/');
      return slash(file).startsWith(base) && globRegExp(g.pattern).test(slash(file).slice(base.length));
    }));
  }

  alive(): boolean {
    return this.exited === undefined;
  }

  async stop(): Promise<void> {
    if (this.server) {
      // In this process: shut down, but no exit notification (the library would end this process).
      try {
        await this.request('shutdown', null);
      } finally {
        this.server.dispose();
        this.conn.dispose();
        this.server.connection.dispose();
        this.exited = 0;
      }
      return;
    }
    if (!this.alive() || !this.proc) return;
    const proc = this.proc;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    try {
      await this.request('shutdown', null);
      await this.notify('exit', null);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => proc.kill(), 2000);
    await exited;
    clearTimeout(timer);
    this.conn.dispose();
  }
}
