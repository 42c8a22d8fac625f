/**
 * The budget language server: wires the LSP-free core (analyze + core/features) to the Language Server Protocol.
 * A factory — `startServer()` creates a connection (on the given reader and writer, else on the transport the
 * command line names), registers every handler and listens; importing this module does nothing. The process
 * entry (main.ts) adds what belongs to a process: the transport's errors, the exit code, stray exceptions. Tests
 * start servers in-process on streams as well as over stdio.
 *
 * - Incremental text sync; one analysis per document version, cached, so hover/completion never re-analyse;
 *   an edit inside one unit re-analyses only that unit (core/incremental.ts).
 * - Every document is on its own: a defect of the core on one document is logged and gives that document the
 *   analysis of a failure (lsp/context.ts entryFor); every request runs guarded (an exception answers that
 *   request alone, InternalError); the server keeps serving the other documents and later requests.
 * - Diagnostics are debounced per document and only the newest version is published (lsp/diagnostics.ts).
 * - The budget.catalogPath file is read safely and watched (lsp/configuration.ts).
 * - Lifecycle: before initialize requests answer ServerNotInitialized, after shutdown InvalidRequest; in both
 *   states every notification but exit is dropped, at the connection (admitted).
 * - Completion is also triggered by a typed space; the core answers it only where the next word is constrained.
 * - The server's own protocol (the `budget/tables` request, the apply-fix command) is declared in protocol.ts,
 *   which the client imports too.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind, createConnection, ErrorCodes, Message, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind, MarkupKind,
  type Connection, type InitializeError, type InitializeParams, type InitializeResult, type MessageReader, type MessageWriter, type MessageStrategy,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as features from './core/features';
import { APPLY_FIX_COMMAND } from './protocol';
import { parseSettings, resolveLocale, warningText } from './settings';
import { CORE_ENGINE, newState, safePath, type Context, type Engine, type ServerState } from './lsp/context';
import { loadCatalog, pullSettings, registerConfiguration, stopWatchingCatalog, watchCatalog } from './lsp/configuration';
import { propagateFrom, registerDocumentEvents, revalidateAll } from './lsp/diagnostics';
import { FIX_ALL_KIND, registerFeatures } from './lsp/features';
import { findBudgetFiles, registerWorkspaceSymbols } from './lsp/workspace';
import { scanWorkspace, watchBudgetFiles } from './lsp/references';

declare const __VERSION__: string | undefined;
/** The version of the package (set by the bundler; the source tree's own when run unbundled). */
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.1.0';

export interface ServerOptions {
  /** Where messages come from and go to; both or neither. Neither: the transport named on the command line
   * (`--stdio`, `--node-ipc`, `--socket=…`, `--pipe=…`), as vscode-languageserver reads it. */
  reader?: MessageReader;
  writer?: MessageWriter;
  /** The core's entry points (tests give ones that fail on purpose). */
  engine?: Partial<Engine>;
}

export interface BudgetServer {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** The server's whole state. */
  state: ServerState;
  /** Stops what keeps the server busy (timers, file watches) without a shutdown request (in-process tests). */
  dispose(): void;
}

/** Creates a server on a new connection and starts listening. */
export function startServer(options: ServerOptions = {}): BudgetServer {
  const state = newState();
  // Every incoming notification passes the lifecycle gate (admitted), whoever registered its handler.
  const messageStrategy: MessageStrategy = { handleMessage: (m, next) => (admitted(state, m) ? next(m) : undefined) };
  const connection = options.reader && options.writer
    ? createConnection(ProposedFeatures.all, options.reader, options.writer, { messageStrategy })
    : createConnection(ProposedFeatures.all, { messageStrategy });
  const documents = new TextDocuments(TextDocument);
  const docsFile = resolve(__dirname, '..', 'docs', 'diagnostics.md');
  const ctx: Context = {
    connection, documents, state, engine: { ...CORE_ENGINE, ...options.engine },
    docsUrl: existsSync(docsFile) ? pathToFileURL(docsFile).toString() : undefined,
  };
  registerDocumentEvents(ctx);
  registerConfiguration(ctx);
  registerLifecycle(ctx);
  registerFeatures(ctx);
  registerWorkspaceSymbols(ctx);
  documents.listen(connection);
  connection.listen();
  return {
    connection, documents, state,
    dispose() {
      stopWatchingCatalog(ctx);
      for (const t of state.timers.values()) clearTimeout(t);
      state.timers.clear();
    },
  };
}

/**
 * Whether an incoming message is processed. Before initialize and after shutdown a notification other than
 * exit is dropped: a document opened then stays unknown, settings pushed then are not applied. The gate sits
 * on the connection, so it also covers the handlers TextDocuments and the library register. After shutdown
 * `$/cancelRequest` still passes (it concerns requests already accepted). Requests pass (guard() answers
 * them with the lifecycle errors), and so do responses to the server's own requests.
 */
function admitted(state: ServerState, m: Message): boolean {
  if (!Message.isNotification(m) || m.method === 'exit') return true;
  if (!state.lifecycle.initialized) {
    process.stderr.write(`budget: ${m.method} sent before initialize, ignored / 初始化之前的通知已忽略\n`);
    return false;
  }
  return !state.lifecycle.shutdown || m.method === '$/cancelRequest';
}

function registerLifecycle(ctx: Context): void {
  const { connection, state, documents } = ctx;
  connection.onShutdown(() => {
    // Before initialize a shutdown is an error like any request (LSP 3.17), and changes nothing.
    if (!state.lifecycle.initialized) return new ResponseError(ErrorCodes.ServerNotInitialized, 'shutdown: the server is not initialized / 服务器尚未初始化');
    state.lifecycle.shutdown = true;
    stopWatchingCatalog(ctx);
  });

  connection.onInitialize((params: InitializeParams): InitializeResult | ResponseError<InitializeError> => {
    if (state.lifecycle.initialized) return new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already called / 已经初始化', { retry: false });
    state.lifecycle.initialized = true;
    const init = (params.initializationOptions ?? {}) as { locale?: unknown; settings?: unknown };
    state.clientLocale = typeof init.locale === 'string' ? init.locale : params.locale;
    const c = params.capabilities ?? {};
    const caps = state.caps;
    caps.configuration = !!c.workspace?.configuration;
    caps.inlayHintRefresh = !!c.workspace?.inlayHint?.refreshSupport;
    caps.semanticTokensRefresh = !!c.workspace?.semanticTokens?.refreshSupport;
    caps.watchedFiles = !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    caps.watchedFilesRelative = !!c.workspace?.didChangeWatchedFiles?.relativePatternSupport;
    caps.relatedInformation = c.textDocument?.publishDiagnostics?.relatedInformation === true;
    caps.codeDescription = c.textDocument?.publishDiagnostics?.codeDescriptionSupport === true;
    caps.snippets = c.textDocument?.completion?.completionItem?.snippetSupport === true;
    // Markdown only for clients that say they take it (the simplest clients declare nothing).
    const accepts = (formats: unknown): boolean => Array.isArray(formats) && formats.includes(MarkupKind.Markdown);
    caps.hoverMarkdown = accepts(c.textDocument?.hover?.contentFormat);
    caps.docMarkdown = accepts(c.textDocument?.completion?.completionItem?.documentationFormat);
    caps.hierarchicalSymbols = c.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
    caps.codeActionLiterals = !!c.textDocument?.codeAction?.codeActionLiteralSupport;
    caps.prepareRename = c.textDocument?.rename?.prepareSupport === true;
    state.workspaceRoots = (params.workspaceFolders ?? []).map((f) => safePath(f.uri)).filter((p): p is string => !!p);
    if (!state.workspaceRoots.length && params.rootUri) {
      const p = safePath(params.rootUri);
      if (p) state.workspaceRoots.push(p);
    }
    if (init.settings !== undefined) {
      const { settings: s, warnings } = parseSettings(init.settings);
      state.settings = s;
      for (const w of warnings) connection.console.warn(`budget: ${warningText(w)}`);
    }
    state.locale = resolveLocale(state.settings.locale, state.clientLocale);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        // After a typed space only where the next word is constrained (a code's name, a source…): see onCompletion.
        completionProvider: { triggerCharacters: [' '], resolveProvider: false },
        // Option objects only for clients that declared the matching support (3.17); others get commands.
        codeActionProvider: caps.codeActionLiterals ? { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] } : true,
        executeCommandProvider: { commands: [APPLY_FIX_COMMAND] },
        inlayHintProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: {
          legend: { tokenTypes: [...features.SEMANTIC_TOKEN_TYPES], tokenModifiers: [...features.SEMANTIC_TOKEN_MODIFIERS] },
          full: true,
          range: true,
        },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: caps.prepareRename ? { prepareProvider: true } : true,
        documentHighlightProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'budget-language-server', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    // A client that sends initialized twice: the start-up work (and the workspace folder listener) runs once.
    if (state.lifecycle.ready) return;
    state.lifecycle.ready = true;
    if (state.settings.catalogPath) {
      await loadCatalog(ctx, state.settings.catalogPath);
      // Documents opened while the catalog was read were checked without it.
      if (documents.all().length) revalidateAll(ctx);
    }
    await pullSettings(ctx);
    try {
      connection.workspace.onDidChangeWorkspaceFolders((ev) => {
        const removed = new Set(ev.removed.map((f) => safePath(f.uri)));
        state.workspaceRoots = state.workspaceRoots.filter((r) => !removed.has(r)).concat(ev.added.map((f) => safePath(f.uri)).filter((p): p is string => !!p));
        watchCatalog(ctx);
        void scanWorkspace(ctx, findBudgetFiles);
      });
    } catch {
      // The client does not support workspace folders.
    }
    watchCatalog(ctx);
    // Budgets across files: the index of the files that reference others, kept current by the client's watcher.
    watchBudgetFiles(ctx);
    await scanWorkspace(ctx, findBudgetFiles);
    // Open documents were published before the index knew the files that list theirs.
    for (const doc of documents.all()) propagateFrom(ctx, safePath(doc.uri) ?? doc.uri);
  });
}
