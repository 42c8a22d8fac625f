/**
 * The binder's state and its shared helpers: the diagnostics it reports, the text it reads, and the small
 * readers every statement's bind function uses (the rest of a line as a name, a word of adjacent items, the
 * BUD002–BUD004/BUD008 reports). The bind functions themselves live beside it, one file per concern.
 */
import type { Diagnostic, DiagnosticCode, MessageArgs, Span, Text2 } from '../diagnostics';
import { severityOf } from '../diagnostics';
import type { Named } from '../model';
import type { MoneyUnit } from '../money';
import { ordinarySpaces } from '../blank';
import { allowedIn, CONTEXT_NAMES, statementOf, type Context, type Recognised, type StatementIn } from '../statements';
import { itemValue, type Item, type Stmt } from '../syntax';

const FIRST_WRITTEN: Text2 = { zh: '第一次出现', en: 'first written here' };

/** What a container (the top level, a 部门 block) passes down to the units inside it. */
export interface Defaults {
  year?: number;
  yearSpan?: Span;
  /** 科目版本: the edition of 《政府收支分类科目》 to read codes against (default: the 年度). */
  catalogEdition?: number;
  catalogEditionSpan?: Span;
  moneyUnit?: MoneyUnit;
  supervisor?: Named;
  kind?: Named;
  region?: Named;
  department?: Named;
  layout?: Named;
  /** 上年文件 (a path as written). */
  previousFile?: Named;
  /** 标题: the document's title as written. */
  title?: Named;
}

/** The codes the binder reports (tidy.ts's among them: TIDY_CODES); its `report` takes no other. */
export const BIND_CODES = [
  'BUD001', 'BUD002', 'BUD003', 'BUD004', 'BUD005', 'BUD006', 'BUD007', 'BUD008', 'BUD009', 'BUD012', 'BUD013', 'BUD014', 'BUD015', 'BUD016',
  'BUD017', 'BUD111', 'BUD608', 'BUD701', 'BUD702', 'BUD703', 'BUD802', 'BUD803', 'BUD804', 'BUD807', 'BUD901',
] as const satisfies readonly DiagnosticCode[];
export type BindCode = (typeof BIND_CODES)[number];

/** Reports diagnostics about a text (the tidy pass and the binder). */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly text: string) {}

  /** Reports a diagnostic: its message's arguments are type-checked against its templates (MessageArgs). */
  report<K extends BindCode>(code: K, span: Span, args: MessageArgs<K>, extra: Partial<Diagnostic> = {}): void {
    this.diagnostics.push({ code, severity: severityOf(code), start: span.start, end: span.end, args: args as Diagnostic['args'], ...extra });
  }
}

export class Binder extends Reporter {
  /** The defaults each unit statement was bound with (for re-binding one unit: incremental.ts). */
  readonly unitDefaults = new Map<Stmt, Defaults>();

  /** The text of items[from..to) as written (strings unquoted when alone). */
  rest(items: Item[], from = 1, to = items.length): Named | undefined {
    if (from >= to) return undefined;
    const first = items[from];
    const last = items[to - 1];
    const span = { start: first.start, end: last.end };
    if (from === to - 1 && (first.kind === 'string' || first.kind === 'badstring')) {
      return { text: itemValue(first), span };
    }
    return { text: readAsWritten(this.text, items, from, to), span };
  }

  /** Length of the word starting at items[i]: adjacent items (no space between) of word-like kinds. */
  wordEnd(items: Item[], i: number): number {
    return wordEnd(items, i);
  }

  /**
   * The name of a declaration (`单位 名称 { … }`, `项目 名称 { … }`, BUD003 when it is missing) and whether its block
   * is written (BUD009 when not: undefined).
   */
  declaration(s: Stmt, what: Text2): Named | undefined {
    const first = s.items[0];
    const name = this.rest(s.items, 1);
    if (!name) this.expectMissing(first, { zh: `“${first.image}”`, en: `“${first.image}”` }, what);
    if (!s.block) {
      this.report('BUD009', first, { word: first.image });
      return undefined;
    }
    return name ?? { text: '', span: first };
  }

  expectMissing(span: Span, what: Text2, expected: Text2): void {
    this.report('BUD003', span, { what: what.zh, whatEn: what.en, expected: expected.zh, expectedEn: expected.en });
  }

  /** BUD008: `word` at `at` was already written in this block, first at `first` (written as `firstWord`, if that differs). */
  repeated(at: Span, word: string, first: Span, firstWord?: string): void {
    const message = firstWord === undefined ? FIRST_WRITTEN : { zh: `第一次出现（“${firstWord}”）`, en: `first written here (as “${firstWord}”)` };
    this.report('BUD008', at, { word }, { related: [{ start: first.start, end: first.end, message }] });
  }

  unexpected(item: Item | Span, why: Text2): void {
    const found = 'image' in item ? item.image : this.text.slice(item.start, item.end);
    this.report('BUD004', item, { found, why: why.zh, whyEn: why.en });
  }

  /**
   * BUD002 (or what is wrong instead): a statement the context does not allow, with what it allows (statements.ts)
   * — but `except`, a statement of the context not allowed where it stands.
   */
  unknownStatement(s: Stmt, context: Context, except?: string): void {
    const first = s.items[0];
    if (!first) {
      // A block with no header: the name before `{` is missing (or `{` went to a line of its own).
      this.report('BUD001', { start: s.start, end: s.start + 1 }, {
        expected: '“{”之前的块名（如“支出 {”、“项目 名称 {”；“{”须与块名同行）', expectedEn: 'a block name before “{” (as in 支出 { or 项目 name {; the “{” stays on its line)', found: '“{”',
      });
      return;
    }
    // U+FFFD: the editor replaced bytes it could not decode — a GBK/GB18030 file read as UTF-8, not a typo.
    if (first.image.includes('\ufffd')) {
      this.report('BUD017', first, { word: first.image });
      return;
    }
    const ctx = CONTEXT_NAMES[context];
    this.report('BUD002', first, { word: first.image, context: ctx.zh, contextEn: ctx.en, allowed: allowedIn(context, except) });
  }
}

/**
 * Each statement of a block with what it is in the block's context (statements.ts): a line the context does not
 * allow is reported (BUD002) and skipped, and so is a 金额单位 line (the money unit is read before the rest:
 * `sectionUnit`, or an attribute).
 */
export function forEachStatement<C extends Context>(b: Binder, context: C, stmts: readonly Stmt[], f: (s: Stmt, r: Recognised<C> & { statement: Exclude<StatementIn<C>, { id: 'moneyUnit' }> }) => void): void {
  for (const s of stmts) {
    const r = statementOf(context, s);
    if (!r) b.unknownStatement(s, context);
    else if (r.statement.id !== 'moneyUnit') f(s, r as Recognised<C> & { statement: Exclude<StatementIn<C>, { id: 'moneyUnit' }> });
  }
}

/** Length of the word starting at items[i]: adjacent items (no space between) of word-like kinds. */
export function wordEnd(items: Item[], i: number): number {
  let j = i + 1;
  while (j < items.length && items[j].start === items[j - 1].end && isWordish(items[j]) && isWordish(items[j - 1])) j++;
  return j;
}

/**
 * The text of items[from..to) as written, with each unusual space between them read as the space it stands for
 * (BUD012): a name reads the same before its fix and after. Strings keep what is quoted.
 */
export function readAsWritten(text: string, items: Item[], from: number, to: number): string {
  const raw = text.slice(items[from].start, items[to - 1].end);
  if (ordinarySpaces(raw) === raw) return raw;
  let out = items[from].image;
  for (let i = from + 1; i < to; i++) out += ordinarySpaces(text.slice(items[i - 1].end, items[i].start)) + items[i].image;
  return out;
}

export function isWordish(i: Item): boolean {
  return i.kind === 'text' || i.kind === 'number' || i.kind === 'unknown' || i.kind === 'string';
}
