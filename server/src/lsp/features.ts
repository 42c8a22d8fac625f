/**
 * The language features over the protocol: each request handler reads the document's cached analysis (one per
 * version), calls the LSP-free feature of the core (core/features) and converts offsets to positions. Every
 * handler runs in guard(): an exception answers that request alone.
 */
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind, CompletionItemKind, CompletionTriggerKind, ErrorCodes, FoldingRangeKind, InlayHintKind, InsertTextFormat, ResponseError, SemanticTokensBuilder,
  type CodeAction, type Command, type CompletionItem, type Diagnostic, type DocumentSymbol, type Location, type Position, type SemanticTokens, type SymbolInformation,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { changedSpan } from '../core/incremental';
import { renderMessage } from '../core/diagnostics';
import * as features from '../core/features';
import { snippetToPlainText } from '../core/features/plaintext';
import type { CompletionKind, Span } from '../core/features/types';
import { handoutOf } from '../core/handout';
import { buildTables, layoutSummary } from '../core/tables';
import { APPLY_FIX_COMMAND, CATALOG_REQUEST, TABLES_REQUEST, type CatalogParams, type CatalogResult, type DiagnosticData, type TablesParams, type TablesResult } from '../protocol';
import {
  analyzeOptions, currentCatalog, docParams, entryFor, entryOf, guard, InvalidParams, isTextEdit, markup, offsetOf, positionParam, range, rangeOffsets, rangeParam, sameRange,
  workspaceEdit, type Context, type Entry,
} from './context';
import { toLsp } from './diagnostics';
import { crossDefinition, crossReferences, referencesOf, takenHover } from './references';

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword, snippet: CompletionItemKind.Snippet, code: CompletionItemKind.EnumMember, value: CompletionItemKind.Value,
  unit: CompletionItemKind.Unit, operator: CompletionItemKind.Operator, name: CompletionItemKind.Text, source: CompletionItemKind.Constant,
  column: CompletionItemKind.Field,
};

/** The “fix all” source action of this language (applies AUTOFIX_CODES' preferred fixes). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.budget`;

function toDocumentSymbol(e: Entry, s: features.DocumentSymbol): DocumentSymbol {
  const r = range(e, s.span);
  let sel = range(e, s.selection);
  if (s.selection.start < s.span.start || s.selection.end > s.span.end) sel = r;
  return { name: s.name, detail: s.detail, kind: s.kind, range: r, selectionRange: sel, children: s.children.map((c) => toDocumentSymbol(e, c)) };
}

/** The outline flattened, for clients without hierarchical document symbols: each with its container's name. */
function toSymbolInformation(uri: string, e: Entry, s: features.DocumentSymbol, container: string | undefined, out: SymbolInformation[]): SymbolInformation[] {
  out.push({ name: s.name, kind: s.kind, location: { uri, range: range(e, s.span) }, containerName: container });
  for (const c of s.children) toSymbolInformation(uri, e, c, s.name, out);
  return out;
}

function encodeTokens(e: Entry, span?: Span): SemanticTokens {
  const b = new SemanticTokensBuilder();
  for (const t of features.semanticTokens(e.analysis, span)) {
    const p = e.index.position(t.start);
    b.push(p.line, p.character, t.length, t.type, t.modifiers);
  }
  return b.build();
}

function locations(uri: string, e: Entry, spans: Span[]): Location[] {
  return spans.map((s) => ({ uri, range: range(e, s) }));
}

/** What a rename at `o` would rename, when `o` is on it. */
function renameTarget(e: Entry, o: number): { span: Span; placeholder: string } | undefined {
  const r = features.prepareRename(e.analysis, o);
  return r && r.span.start <= o && o <= r.span.end ? r : undefined;
}

export function registerFeatures(ctx: Context): void {
  const { connection, state } = ctx;
  connection.onHover(guard(ctx, 'hover', (params) => {
    const e = entryOf(ctx, params);
    const pos = positionParam(params);
    if (!e) return null;
    const o = offsetOf(e, pos);
    if (o === undefined) return null;
    const found = features.hover(e.analysis, o, state.locale);
    // A 上年 not written, taken from last year's file (上年文件): where it comes from.
    const taken = takenHover(ctx, params.textDocument.uri, o);
    const h = found && taken ? { ...found, contents: `${found.contents}\n\n---\n\n${taken}` } : found;
    if (!h) return null;
    // The range is the text the hover is about; when that is elsewhere (a keyword's hover describes its row or
    // block, or the position lies past the end of its line), no range: editors highlight the range and expect it
    // under the mouse.
    const r = range(e, h.span);
    const under = (p: Position): boolean => (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character))
      && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));
    return { contents: markup(h.contents, state.caps.hoverMarkdown), range: h.span.start <= o && o <= h.span.end && under(pos) ? r : undefined };
  }));

  connection.onCompletion(guard(ctx, 'completion', (params) => {
    const e = entryOf(ctx, params);
    const pos = positionParam(params);
    if (!e) return { isIncomplete: false, items: [] };
    const o = offsetOf(e, pos);
    if (o === undefined) return { isIncomplete: false, items: [] };
    // A typed space (the trigger character) asks for the constrained places only; invoked or typed words as ever.
    const cc = params.context;
    const trigger = cc?.triggerKind === CompletionTriggerKind.TriggerCharacter && cc.triggerCharacter === ' ' ? 'space' : 'invoke';
    const list = features.complete(e.analysis, o, state.locale, { catalog: currentCatalog(ctx), trigger });
    const items: CompletionItem[] = list.items.map((i) => ({
      label: i.label,
      kind: COMPLETION_KIND[i.kind],
      detail: i.detail,
      documentation: i.documentation ? markup(i.documentation, state.caps.docMarkdown) : undefined,
      filterText: i.filterText,
      sortText: i.sortText,
      insertTextFormat: i.snippet && state.caps.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: range(e, i.range), newText: i.snippet && !state.caps.snippets ? snippetToPlainText(i.insertText ?? i.label) : i.insertText ?? i.label },
    }));
    return { isIncomplete: list.isIncomplete, items };
  }));

  connection.onCodeAction(guard(ctx, 'codeAction', (params) => {
    const { uri } = docParams(params);
    const r = rangeParam(params);
    const doc = ctx.documents.get(uri);
    if (!doc) return [];
    const e = entryFor(ctx, doc);
    const span = rangeOffsets(e, r);
    if (!span) return [];
    const only: unknown[] = Array.isArray(params.context?.only) ? params.context.only : [];
    const wanted = (kind: string): boolean => !only.length || only.some((k) => typeof k === 'string' && (kind === k || kind.startsWith(k + '.')));
    const actions: CodeAction[] = [];
    const matched = new Set<Diagnostic>();
    const clientDiags: Diagnostic[] = (Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [])
      .filter((d: unknown): d is Diagnostic => !!d && typeof d === 'object' && !!(d as Diagnostic).range && !!(d as Diagnostic).range.start && !!(d as Diagnostic).range.end);
    for (const a of features.codeActions(e.analysis, span.start, span.end, state.locale, { analyze: analyzeOptions(ctx) })) {
      const kind = a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite;
      if (!wanted(kind)) continue;
      const diagnostics = (a.diagnostics ?? []).map((d) => {
        const lsp = toLsp(ctx, d, e, uri);
        const same = clientDiags.find((c) => c.code === lsp.code && sameRange(c.range, lsp.range));
        if (same) matched.add(same);
        return same ?? lsp;
      });
      actions.push({ title: a.title, kind, diagnostics: diagnostics.length ? diagnostics : undefined, isPreferred: a.isPreferred, edit: workspaceEdit(uri, e, a.edits) });
    }
    // Fixes carried in `data` of diagnostics this analysis does not know (only when still current).
    if (wanted(CodeActionKind.QuickFix)) {
      for (const d of clientDiags) {
        if (matched.has(d)) continue;
        const data = d.data as DiagnosticData | undefined;
        if (!data || data.version !== doc.version || !Array.isArray(data.fixes)) continue;
        if (e.analysis.diagnostics.some((x) => x.code === d.code && sameRange(range(e, x), d.range))) continue;
        for (const f of data.fixes) {
          // The data comes back from the client: pass on only well-formed edits.
          if (!f || typeof f.title !== 'string' || !Array.isArray(f.edits) || !f.edits.every(isTextEdit)) continue;
          actions.push({ title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: f.preferred === true, edit: { changes: { [uri]: f.edits } } });
        }
      }
    }
    // “Fix all” (source.fixAll, e.g. `editor.codeActionsOnSave`), when asked for: the fixes that change no
    // figure (pasted-text artefacts), all at once.
    if (only.length && wanted(FIX_ALL_KIND)) {
      // As many passes as `budget check --fix` makes (a fix can reveal another), sent as one edit of the changed text.
      const text = e.analysis.text;
      const fixed = features.fixAllText(text, analyzeOptions(ctx), undefined, e.analysis);
      if (fixed.fixed && fixed.text !== text) {
        const c = changedSpan(text, fixed.text);
        actions.push({
          title: state.locale === 'en' ? `Fix all pasted-text artefacts (${fixed.fixed})` : `修复所有粘贴痕迹（${fixed.fixed} 处）`,
          kind: FIX_ALL_KIND, diagnostics: fixed.firstPass.map((d) => toLsp(ctx, d, e, uri)),
          edit: workspaceEdit(uri, e, [{ start: c.start, end: c.oldEnd, newText: fixed.text.slice(c.start, c.newEnd) }]),
        });
      }
    }
    // A client without code action literals takes commands: the server applies the edit when one is run.
    return state.caps.codeActionLiterals ? actions : actions.map((a): Command => ({ title: a.title, command: APPLY_FIX_COMMAND, arguments: [a.edit] }));
  }));

  connection.onExecuteCommand(guard(ctx, 'executeCommand', (params) => {
    if (params?.command !== APPLY_FIX_COMMAND) throw new InvalidParams(`unknown command / 未知命令: ${String(params?.command)}`);
    const edit = params.arguments?.[0] as WorkspaceEdit | undefined;
    if (!edit || typeof edit !== 'object' || !edit.changes || typeof edit.changes !== 'object') throw new InvalidParams('a WorkspaceEdit argument is expected / 需要一个 WorkspaceEdit 参数');
    for (const edits of Object.values(edit.changes)) if (!Array.isArray(edits) || !edits.every(isTextEdit)) throw new InvalidParams('malformed edits / 编辑格式不正确');
    return connection.workspace.applyEdit({ label: 'budget', edit }).then(() => null, () => null);
  }));

  connection.languages.inlayHint.on(guard(ctx, 'inlayHint', (params) => {
    const e = entryOf(ctx, params);
    const r = rangeParam(params);
    if (!e || !state.settings.inlayHints.enabled) return [];
    const span = rangeOffsets(e, r);
    if (!span) return [];
    return features.inlayHints(e.analysis, span, state.locale).map((h) => ({
      position: e.index.position(h.offset),
      label: h.label,
      kind: h.kind === 'computed' ? InlayHintKind.Type : InlayHintKind.Parameter,
      paddingLeft: true,
      tooltip: h.tooltip ? markup(h.tooltip, state.caps.hoverMarkdown) : undefined,
    }));
  }));

  connection.onDocumentSymbol(guard(ctx, 'documentSymbol', (params): DocumentSymbol[] | SymbolInformation[] => {
    const e = entryOf(ctx, params);
    if (!e) return [];
    const symbols = features.documentSymbols(e.analysis, state.locale);
    if (state.caps.hierarchicalSymbols) return symbols.map((s) => toDocumentSymbol(e, s));
    const out: SymbolInformation[] = [];
    for (const s of symbols) toSymbolInformation(docParams(params).uri, e, s, undefined, out);
    return out;
  }));

  connection.onFoldingRanges(guard(ctx, 'foldingRange', (params) => {
    const e = entryOf(ctx, params);
    if (!e) return [];
    return features.foldingRanges(e.analysis, e.index).map((f) => ({ startLine: f.startLine, endLine: f.endLine, kind: f.kind === 'comment' ? FoldingRangeKind.Comment : undefined }));
  }));

  connection.languages.semanticTokens.on(guard(ctx, 'semanticTokens', (params) => {
    const e = entryOf(ctx, params);
    return e ? encodeTokens(e) : { data: [] };
  }));

  connection.languages.semanticTokens.onRange(guard(ctx, 'semanticTokens/range', (params) => {
    const e = entryOf(ctx, params);
    const r = rangeParam(params);
    const span = e ? rangeOffsets(e, r) : undefined;
    return e && span ? encodeTokens(e, span) : { data: [] };
  }));

  connection.onDefinition(guard(ctx, 'definition', (params) => {
    const e = entryOf(ctx, params);
    const pos = positionParam(params);
    const o = e ? offsetOf(e, pos) : undefined;
    if (!e || o === undefined) return [];
    const here = locations(params.textDocument.uri, e, features.definition(e.analysis, o));
    return here.length ? here : crossDefinition(ctx, params.textDocument.uri, o);
  }));

  connection.onReferences(guard(ctx, 'references', (params) => {
    const e = entryOf(ctx, params);
    const pos = positionParam(params);
    const o = e ? offsetOf(e, pos) : undefined;
    if (!e || o === undefined) return [];
    return [...locations(params.textDocument.uri, e, features.references(e.analysis, o, params.context?.includeDeclaration !== false)), ...crossReferences(ctx, params.textDocument.uri, e.analysis, o)];
  }));

  connection.onDocumentHighlight(guard(ctx, 'documentHighlight', (params) => {
    const e = entryOf(ctx, params);
    const pos = positionParam(params);
    const o = e ? offsetOf(e, pos) : undefined;
    return e && o !== undefined ? features.highlights(e.analysis, o).map((h) => ({ range: range(e, h.span), kind: h.kind })) : [];
  }));

  connection.onPrepareRename(guard(ctx, 'prepareRename', (params) => {
    const e = entryOf(ctx, params);
    const pos = positionParam(params);
    const o = e ? offsetOf(e, pos) : undefined;
    if (!e || o === undefined) return null;
    const r = renameTarget(e, o);
    return r ? { range: range(e, r.span), placeholder: r.placeholder } : null;
  }));

  connection.onRenameRequest(guard(ctx, 'rename', (params) => {
    const e = entryOf(ctx, params);
    const pos = positionParam(params);
    if (typeof params.newName !== 'string') throw new InvalidParams('newName is missing / 缺少 newName');
    const o = e ? offsetOf(e, pos) : undefined;
    if (!e || o === undefined) return null;
    // Only the name (or code) itself renames: not a keyword or an amount on the same statement.
    if (!renameTarget(e, o)) return new ResponseError(ErrorCodes.InvalidRequest, state.locale === 'en' ? 'Nothing to rename here' : '此处没有可重命名的名称或编码');
    const r = features.rename(e.analysis, o, params.newName, state.locale);
    if (r.error) return new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return workspaceEdit(params.textDocument.uri, e, r.edits ?? []);
  }));

  connection.onDocumentFormatting(guard(ctx, 'formatting', (params) => {
    const e = entryOf(ctx, params);
    return e ? features.format(e.analysis).map((x) => ({ range: range(e, x), newText: x.newText })) : [];
  }));

  connection.onDocumentRangeFormatting(guard(ctx, 'rangeFormatting', (params) => {
    const e = entryOf(ctx, params);
    const r = rangeParam(params);
    if (!e) return [];
    const span = rangeOffsets(e, r);
    return span ? features.format(e.analysis, { range: span }).map((x) => ({ range: range(e, x), newText: x.newText })) : [];
  }));

  // ── custom requests ───────────────────────────────────────────────────────────────────────────────

  connection.onRequest(TABLES_REQUEST, guard(ctx, TABLES_REQUEST, (params: Partial<TablesParams> | undefined): TablesResult => {
    const uri = params?.uri;
    if (typeof uri !== 'string') throw new InvalidParams('uri is missing / 缺少 uri');
    const doc = ctx.documents.get(uri);
    if (!doc) return { tables: [], diagnostics: [], version: null };
    const e = entryFor(ctx, doc);
    // A department over its units' files: its 部门支出分单位明细 from those files (resolved as for its diagnostics).
    const refs = referencesOf(ctx, uri, e.analysis);
    const tables = buildTables(e.analysis, state.locale, refs ? { unitFiles: refs.unitFiles, taken: refs.taken } : {});
    // A cell whose figure lies in another file (a unit's, in 部门支出分单位明细) names it by URI, as the client opens it.
    for (const t of tables) for (const row of t.rows) for (const c of row) if (c.file !== undefined) c.file = pathToFileURL(c.file).toString();
    const diagnostics = e.analysis.diagnostics.map((d) => ({ start: d.start, end: d.end, severity: d.severity, code: d.code, message: renderMessage(d, state.locale) }));
    const dependencies = refs?.dependencies.map((f) => pathToFileURL(f).toString());
    return { tables, diagnostics, version: e.version, layouts: layoutSummary(e.analysis, state.locale), handout: handoutOf(e.analysis), ...(dependencies?.length ? { dependencies } : {}) };
  }));

  /** The catalog of the edition at the cursor (or the one asked for) as a tree: the catalog command's list. */
  connection.onRequest(CATALOG_REQUEST, guard(ctx, CATALOG_REQUEST, (params: Partial<CatalogParams> | undefined): CatalogResult => {
    const uri = params?.uri;
    const doc = typeof uri === 'string' ? ctx.documents.get(uri) : undefined;
    const e = doc ? entryFor(ctx, doc) : undefined;
    const offset = doc && params?.position ? doc.offsetAt(params.position) : undefined;
    const edition = typeof params?.edition === 'number' ? params.edition : undefined;
    return features.catalogTree(e?.analysis, offset, state.locale, currentCatalog(ctx), edition);
  }));
}
