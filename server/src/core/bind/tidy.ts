/**
 * The tidy pass: text pasted from a PDF or Word, read the way it is meant, before binding. Its output is the
 * statements the binder reads (`Tidied`); the parser's tree is left as the parser made it.
 *
 * - unusual spaces (no-break, thin … BUD012) leave the items: they are read as the spaces they look like;
 * - unterminated strings are reported (BUD006);
 * - a page number leaves its statement (BUD013);
 * - a keyword spread out by a justified table cell becomes one item (BUD014);
 * - an accounting negative `(234.56)` becomes one number item that remembers the number inside (read, and
 *   reported as BUD015, where an amount is read);
 * - a block left open at the end of the file is re-nested as if the missing `}` stood where the lines go back to a
 *   block header's indentation, and reported there with a fix (BUD001; other syntax errors are reported as they
 *   are);
 * - two table rows joined on one line become two statements (BUD016), in the blocks of coded rows.
 *
 * Each is reported with a fix that changes no figure. Unusual spaces go first, so that every later step — and
 * the binder — sees blanks as they will be once the fix has written ordinary spaces (blank.ts).
 *
 * Copy on write: a statement tidy leaves alone is the parser's own object (and so is all below it); a statement it
 * changes is a new object, and so is every statement and block on the way to it. `isTidied` tells them apart
 * (incremental.ts moves the parser's nodes and tidy's own separately). The top-level list is always tidy's own.
 */
import { collapseBlanks, indentWidth, isBlankAt, isBlankRun, leadingBlanks, ordinarySpaces } from '../blank';
import { COLUMN_LABELS, COMPARE_COLUMNS, INCOME_ALIASES, INCOME_FUNC_TOTAL_WORDS, LIST_COLUMNS, SANGONG_ITEMS } from '../keywords';
import type { Diagnostic } from '../diagnostics';
import { allKeywords, statementOf, type Context } from '../statements';
import { isUnclosedBlock, type Block, type Item, type Stmt, type SyntaxTree } from '../syntax';
import { peekCode } from './amounts';
import { Reporter, wordEnd, type BindCode } from './binder';
import { incomeFuncWord } from './income';
import { isNameItem } from './rows';

/** The codes the tidy pass reports (the rest of BIND_CODES are the binder's). */
export const TIDY_CODES = ['BUD001', 'BUD006', 'BUD012', 'BUD013', 'BUD014', 'BUD016'] as const satisfies readonly BindCode[];

/** The statements as the binder reads them, and what tidying them reported. */
export interface Tidied {
  stmts: Stmt[];
  diagnostics: Diagnostic[];
}

/** Statements, blocks and items made by the tidy pass (everything else in a tidied tree is the parser's). */
const MADE = new WeakSet<object>();
/** The parser's statement each statement made by tidy replaces (split-off rows have none). */
const ORIGIN = new WeakMap<Stmt, Stmt>();

/** Whether a node of a tidied tree was made by the tidy pass (not the parser's own). */
export function isTidied(node: object): boolean {
  return MADE.has(node);
}

/** The parser's statement a statement of a tidied tree stands for (itself when tidy left it alone). */
export function parsedOf(s: Stmt): Stmt {
  return ORIGIN.get(s) ?? s;
}

function made<T extends object>(x: T): T {
  MADE.add(x);
  return x;
}

function madeStmt(from: Stmt | undefined, items: Item[], block: Block | undefined, start: number, end: number): Stmt {
  const s = made({ items, block, start, end });
  if (from) ORIGIN.set(s, ORIGIN.get(from) ?? from);
  return s;
}

/** Tidies a syntax tree (the whole document, or one unit re-parsed by incremental.ts). Never throws. */
export function tidy(text: string, tree: SyntaxTree): Tidied {
  const r = new Reporter(text);
  let stmts = tidyList(r, tree.stmts);
  if (stmts === tree.stmts) stmts = stmts.slice();
  if (tree.errors.some(isUnclosedBlock)) stmts = owned(stmts);
  reportSyntaxErrors(r, tree.errors, stmts);
  splitRowsOfDocument(r, stmts);
  return { stmts, diagnostics: r.diagnostics };
}

// ── statements ────────────────────────────────────────────────────────────────────────────────────────

/** The tidied list: `stmts` itself when nothing in it changed. */
function tidyList(r: Reporter, stmts: Stmt[]): Stmt[] {
  let out: Stmt[] | undefined;
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i];
    const t = tidyStmt(r, s);
    if (t !== s && !out) out = stmts.slice(0, i);
    if (out && t) out.push(t);
  }
  return out ?? stmts;
}

/** The tidied statement: `s` itself when nothing changed, undefined when nothing is left of it. */
function tidyStmt(r: Reporter, s: Stmt): Stmt | undefined {
  let items = s.items;
  let start = s.start;
  let end = s.end;
  // Unusual spaces first: every later step sees the blanks the fix will write.
  let odd = false;
  for (let k = 0; k < items.length; k++) {
    const i = items[k];
    if (i.kind === 'badstring') r.report('BUD006', i, {});
    else if (i.kind === 'unknown' && ODD_SPACES[i.image]) {
      odd = true;
      // A run of the same space is one fault: one report, one fix (as many ordinary spaces).
      let last = k;
      while (last + 1 < items.length && items[last + 1].image === i.image && items[last + 1].kind === 'unknown' && items[last + 1].start === items[last].end) last++;
      const span = { start: i.start, end: items[last].end };
      const n = ODD_SPACES[i.image]!;
      const cp = `U+${i.image.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
      r.report('BUD012', span, { name: n.zh, nameEn: n.en, cp }, {
        fixes: [{ title: { zh: '改为普通空格', en: last > k ? 'Replace with ordinary spaces' : 'Replace with an ordinary space' }, edits: [{ ...span, newText: ' '.repeat(last - k + 1) }], preferred: true }],
      });
      k = last;
    }
  }
  if (odd) {
    items = items.filter((i) => !(i.kind === 'unknown' && ODD_SPACES[i.image]));
    if (items.length) {
      start = s.block ? Math.min(items[0].start, s.block.open) : items[0].start;
      if (!s.block) end = items[items.length - 1].end;
    } else if (s.block) start = s.block.open;
    else return undefined;
  }
  if (!s.block) {
    const k = pageNumberAt(r, items);
    if (k !== undefined) {
      if (!k) return undefined;
      items = items.slice(0, k);
      end = items[k - 1].end;
    }
  }
  items = joinSpacedWords(r, items);
  items = joinParenAmounts(r, items);
  let block = s.block;
  if (block) {
    const stmts = tidyList(r, block.stmts);
    if (stmts !== block.stmts) block = made({ open: block.open, close: block.close, stmts });
  }
  if (items === s.items && block === s.block && start === s.start && end === s.end) return s;
  return madeStmt(s, items, block, start, end);
}

/**
 * A word of the language spread out by a PDF's justified table cells (`合　　计`, `收 入 总 计`): single
 * Chinese characters separated only by blanks whose concatenation is a keyword. They are read as that word
 * (one item) and flagged with a fix (BUD014).
 */
function joinSpacedWords(r: Reporter, items: Item[]): Item[] {
  // Most statements have no two one-character texts in a row: nothing to allocate for them.
  let i0 = 0;
  while (i0 + 1 < items.length && !(items[i0].image.length === 1 && items[i0 + 1].image.length === 1 && items[i0].kind === 'text')) i0++;
  if (i0 + 1 >= items.length) return items;
  const single = (i: number): boolean => {
    const it = items[i];
    return !!it && it.kind === 'text' && it.image.length === 1 && /\p{Script=Han}/u.test(it.image);
  };
  const blankBetween = (i: number): boolean => isBlankRun(r.text.slice(items[i - 1].end, items[i].start));
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    // The whole run of one-character words separated only by blanks, read as one word only when the run is a
    // keyword (`合　　计`, `收 入 总 计`): a spaced-out name (`基 本 工 资`) is left alone, not cut at a keyword.
    let end = i;
    if (single(i)) while (end + 1 < items.length && single(end + 1) && blankBetween(end + 1)) end++;
    const word = end > i ? items.slice(i, end + 1).map((x) => x.image).join('') : '';
    if (!word || !SPACED_WORDS().has(word)) {
      for (let k = i; k <= end; k++) out.push(items[k]);
      i = end;
      continue;
    }
    const run = items.slice(i, end + 1);
    const span = { start: run[0].start, end: run[run.length - 1].end };
    r.report('BUD014', span, { found: r.text.slice(span.start, span.end), word }, {
      fixes: [{ title: { zh: `改为 ${word}`, en: `Change to ${word}` }, edits: [{ start: span.start, end: span.end, newText: word }], preferred: true }],
    });
    out.push(made<Item>({ kind: 'text', image: word, start: span.start, end: span.end }));
    i = end;
  }
  return out.length !== items.length ? out : items;
}

/**
 * An accounting-style negative amount pasted from a published statement, `(234.56)` or `（1,234）`: an opening
 * parenthesis, an unsigned number with a decimal point or thousands separators, and a closing parenthesis,
 * touching each other and standing apart from the items around them (not the statement's first item). It
 * becomes one number item (its image the text as written) that remembers the number inside; where an amount
 * is read it is read as the negative value and flagged with a fix (BUD015). Texts keep their text as written;
 * parentheses glued to a name (`差旅费（含培训）`, `测试(2025)`) and numbering such as `(1)` or a year `(2025)`
 * standing apart are never taken.
 */
function joinParenAmounts(r: Reporter, items: Item[]): Item[] {
  if (items.length < 4) return items;
  let out: Item[] | undefined;
  for (let i = 1; i < items.length; i++) {
    const open = items[i];
    const num = items[i + 1];
    const close = items[i + 2];
    const after = items[i + 3];
    if (
      open.kind === 'text' && (open.image === '(' || open.image === '（') && open.start > items[i - 1].end
      && num?.kind === 'number' && num.start === open.end && /^[0-9０-９]/.test(num.image) && /[.．,，]/.test(num.image)
      && close?.kind === 'text' && (close.image === ')' || close.image === '）') && close.start === num.end
      && (!after || after.start > close.end)
      // Where an amount ends a row or another column follows — not a version in a name (`智慧社保 (2.0) 版`).
      && (!after || after.kind === 'number' || after.kind === 'percent' || after.kind === 'date' || after.image in COLUMN_LABELS
        || after.image in LIST_COLUMNS || after.image in COMPARE_COLUMNS || after.image === '来源')
    ) {
      out ??= items.slice(0, i);
      out.push(made<Item>({ kind: 'number', image: r.text.slice(open.start, close.end), start: open.start, end: close.end, negated: num.image }));
      i += 2;
    } else out?.push(open);
  }
  return out ?? items;
}

/**
 * A page number pasted from a PDF (`第 3 页 共 18 页`, `第3页/共18页`), a line of its own or joined to the end
 * of a row: reported with a fix (BUD013) and taken out of the statement, which keeps its meaning. Returns the
 * number of items before it (undefined: no page number).
 */
function pageNumberAt(r: Reporter, items: Item[]): number | undefined {
  const n = items.length;
  if (!n || n > 60 || !items[n - 1].image.endsWith('页')) return undefined;
  // Free text may itself point to a page (`内容 … 详见 第 3 页`).
  if (FREE_TEXT_WORDS.has(items[0].image)) return undefined;
  const text = r.text;
  const end = items[n - 1].end;
  let k = 0;
  while (k < n && !PAGE_NUMBER.test(collapseBlanks(text.slice(items[k].start, end)))) k++;
  if (k === n) return undefined;
  const start = items[k].start;
  // The fix deletes the page number with the blanks before it; a line of its own goes whole.
  let from = start;
  while (isBlankAt(text, from - 1)) from--;
  let to = end;
  if (k === 0 && (from === 0 || text[from - 1] === '\n')) {
    while (isBlankAt(text, to)) to++;
    if (text[to] === '\r') to++;
    if (text[to] === '\n') to++;
  }
  r.report('BUD013', { start, end }, { found: text.slice(start, end) }, {
    fixes: [{ title: { zh: '删除页码', en: 'Delete the page number' }, edits: [{ start: from, end: to, newText: '' }], preferred: true }],
  });
  return k;
}

// ── a block left open: the missing `}` ────────────────────────────────────────────────────────────────

/** The statements with every statement and block tidy's own (the repair of a missing `}` re-nests them in place). */
function owned(stmts: Stmt[]): Stmt[] {
  // Only statements with a block change (their end, their block's statements); the rows they hold move as they are.
  const own = (s: Stmt): Stmt => {
    const b = s.block;
    if (!b) return s;
    const block = made({ open: b.open, close: b.close, stmts: b.stmts.map(own) });
    return isTidied(s) ? Object.assign(s, { block }) : madeStmt(s, s.items, block, s.start, s.end);
  };
  return stmts.map(own);
}

export function reportSyntaxErrors(r: Reporter, errors: SyntaxTree['errors'], stmts: Stmt[]): void {
  for (const e of errors) {
    // A block left open at the end of the file: the `}` missing is usually an inner one, where the lines go
    // back to the indentation of a block's header. Say so there, with a fix, rather than at the outer `{`.
    if (isUnclosedBlock(e) && reportMissingClose(r, e.start, stmts)) continue;
    r.report('BUD001', { start: e.start, end: Math.max(e.end, e.start) }, {
      expected: e.expected.zh, expectedEn: e.expected.en, found: e.found === '' ? '文件结尾' : `“${e.found}”`,
    });
    if (e.found === '') r.diagnostics[r.diagnostics.length - 1].args.foundEn = 'end of file';
  }
}

/**
 * Reports the likely place of the `}` missing from the unclosed block opened at `open`, and repairs the tree
 * (its own, see `owned`) as if it were there (so the lines after it keep their meaning instead of a cascade of
 * errors); false when no place is clear.
 */
function reportMissingClose(r: Reporter, open: number, stmts: Stmt[]): boolean {
  const top = findBlockOwner(stmts, open);
  if (!top?.stmt.block) return false;
  // path[0] is the unclosed block's statement, path[k] the one whose `}` is missing.
  const path: Stmt[] = [top.stmt];
  const before = dedented(r.text, path);
  if (!before) return false;
  const text = r.text;
  const header = path[path.length - 1];
  const lineStart = text.lastIndexOf('\n', before.start - 1) + 1;
  const headerLine = lineNumber(text, header.block!.open);
  const indent = ordinarySpaces(text.slice(text.lastIndexOf('\n', header.start - 1) + 1, header.start));
  const first = before.items[0];
  r.report('BUD001', { start: before.start, end: first ? first.end : before.start + 1 }, {
    expected: `“}”（第 ${headerLine} 行“{”的块应在此行之前结束）`,
    expectedEn: `“}” (the block opened on line ${headerLine} should end before this line)`,
    found: `“${first ? first.image : '{'}”`,
  }, {
    related: [
      { start: header.block!.open, end: header.block!.open + 1, message: { zh: '未配对的“{”', en: 'the unmatched “{”' } },
      { start: open, end: open + 1, message: { zh: '因此到文件结尾仍未闭合的块', en: 'the block hence still open at the end of the file' } },
    ],
    fixes: [{ title: { zh: '在此行之前插入“}”', en: 'Insert “}” before this line' }, edits: [{ start: lineStart, end: lineStart, newText: `${indent}}\n` }], preferred: true }],
  });
  repairNesting(top.list, path, before);
  return true;
}

/**
 * The first statement, depth first, that goes back to (or before) the indentation of the block holding it,
 * where the file shows its indentation (a line of the block indented deeper than its header came first).
 * `path` is extended to the statement owning that block.
 */
function dedented(text: string, path: Stmt[]): Stmt | undefined {
  const header = path[path.length - 1];
  const headerIndent = indentOf(text, header.start);
  const open = header.block!.open;
  let indented = false;
  for (const c of header.block!.stmts) {
    // On a line after the `{` (a line break between them): a scan back to the line start, not a line count
    // from the top of the file for every statement (that was quadratic in the file's size).
    if (text.lastIndexOf('\n', c.start - 1) >= open) {
      if (indentOf(text, c.start) > headerIndent) indented = true;
      else if (indented) return c;
    }
    if (c.block) {
      path.push(c);
      const found = dedented(text, path);
      if (found) return found;
      path.pop();
    }
  }
  return undefined;
}

/** Display columns of blanks before the first item of the line holding `offset` (blank.ts: an unusual space is one). */
function indentOf(text: string, offset: number): number {
  return indentWidth(text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset));
}

/** The statement whose block opens at `open` and the list holding it, searched through nested blocks. */
function findBlockOwner(stmts: Stmt[], open: number): { stmt: Stmt; list: Stmt[] } | undefined {
  for (const s of stmts) {
    if (!s.block) continue;
    if (s.block.open === open) return { stmt: s, list: stmts };
    if (s.block.open < open && (s.block.close === undefined || open < s.block.close)) {
      const found = findBlockOwner(s.block.stmts, open);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Re-nests the tree as if a `}` stood before `before` (inside the block of the last statement of `path`):
 * that block ends there (still unclosed: its `}` is missing), each enclosing block on the path takes the `}`
 * its inner block had taken, and the statements after each point move one level out — the outermost's to
 * `list`, after it.
 */
function repairNesting(list: Stmt[], path: Stmt[], before: Stmt): void {
  const k = path.length - 1;
  const closes = path.map((s) => s.block!.close);
  // The tail of each block on the path: the statements after the missing `}` (in the innermost) or after the
  // next block on the path (in the others), moved one level out.
  const tails = path.map((s, j) => {
    const stmts = s.block!.stmts;
    const at = j === k ? stmts.indexOf(before) : stmts.indexOf(path[j + 1]) + 1;
    return stmts.splice(at);
  });
  for (let j = k; j >= 1; j--) for (const t of tails[j]) path[j - 1].block!.stmts.push(t);
  insertAfter(list, list.indexOf(path[0]), tails[0]);
  for (let j = k; j >= 0; j--) {
    const b = path[j].block!;
    b.close = j === k ? undefined : closes[j + 1];
    const last = b.stmts[b.stmts.length - 1];
    path[j].end = b.close ?? (last ? Math.max(last.end, b.open + 1) : b.open + 1);
  }
}

/** Inserts `items` after list[at], in place, without spreading them into a call (unbounded: it would overflow the stack). */
function insertAfter<T>(list: T[], at: number, items: T[]): void {
  if (!items.length) return;
  const tail = list.splice(at + 1);
  for (const x of items) list.push(x);
  for (const x of tail) list.push(x);
}

/** 1-based line of an offset. */
function lineNumber(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

// ── two table rows on one line ────────────────────────────────────────────────────────────────────────

/** What tells a row of a block of coded rows, for finding two rows joined on one line. */
export interface RowShape {
  /** The code lengths the block uses, and the longest. */
  lengths: number[];
  maxLength: number;
  /** The first digit of the block's codes, for a 合计 row (a coded row goes by its own code's). */
  classDigit: string;
  /** The words that start the block's total row. */
  totalWords: string[];
  /** Whether an item can be (the start of) a row's name. */
  isName: (i: Item) => boolean;
}

const ROW_SHAPES: Partial<Record<Context, RowShape>> = {
  func: { lengths: [3, 5, 7], maxLength: 7, classDigit: '2', totalWords: ['合计', '总计'], isName: isNameItem },
  econ: { lengths: [3, 5], maxLength: 5, classDigit: '3', totalWords: ['合计', '总计'], isName: isNameItem },
  gov: { lengths: [3, 5], maxLength: 5, classDigit: '5', totalWords: ['合计', '总计'], isName: isNameItem },
  incomeFunc: { lengths: [3, 5, 7], maxLength: 7, classDigit: '2', totalWords: INCOME_FUNC_TOTAL_WORDS, isName: (i) => isNameItem(i) && !incomeFuncWord(i.image) },
  projectEcon: { lengths: [3, 5], maxLength: 5, classDigit: '3', totalWords: [], isName: isNameItem },
};

/**
 * Splits joined rows in the blocks of coded rows the binder reads as such (支出, 经济分类, 政府经济分类, 收入科目, a
 * project's 经济分类), found as the binder finds them: by the statements' blocks (statements.ts). `stmts` (the top
 * level) is tidy's own.
 */
function splitRowsOfDocument(r: Reporter, stmts: Stmt[]): void {
  const done = splitRowsIn(r, stmts, 'top');
  if (done !== stmts) {
    // In place, without spreading an unbounded array into a call (that overflows the stack).
    stmts.length = 0;
    for (const st of done) stmts.push(st);
  }
}

/** The statements of a `context` block with the joined rows of the blocks of rows inside split (copied on write). */
function splitRowsIn(r: Reporter, stmts: Stmt[], context: Context): Stmt[] {
  const shape = ROW_SHAPES[context as keyof typeof ROW_SHAPES];
  if (shape) {
    // A row or a 合计 row (not a block's 金额单位 or 支出's own totals).
    const isRow = (st: Stmt): boolean => {
      const id = statementOf(context, st)?.statement.id;
      return id === 'row' || id === 'line' || id === 'total';
    };
    return rows(r, stmts, shape, isRow);
  }
  return mapList(stmts, (s) => {
    const inner = s.block && statementOf(context, s)?.statement.block?.context;
    return inner ? withStatements(s, splitRowsIn(r, s.block!.stmts, inner)) : s;
  });
}

/**
 * A tidied statement standing for `s` whose block holds `stmts`: `s` itself when they are its block's, else `s`
 * and its block copied on write (tidy's own are changed in place).
 */
export function withStatements(s: Stmt, stmts: Stmt[] | undefined): Stmt {
  const b = s.block;
  if (!b || !stmts || stmts === b.stmts) return s;
  const block = isTidied(b) ? Object.assign(b, { stmts }) : made({ open: b.open, close: b.close, stmts });
  return isTidied(s) ? Object.assign(s, { block }) : madeStmt(s, s.items, block, s.start, s.end);
}

/** Applies `f` to each statement of a list (copied on write). */
function mapList(stmts: Stmt[], f: (s: Stmt) => Stmt): Stmt[] {
  let out: Stmt[] | undefined;
  for (let i = 0; i < stmts.length; i++) {
    const t = f(stmts[i]);
    if (t !== stmts[i] && !out) out = stmts.slice(0, i);
    out?.push(t);
  }
  return out ?? stmts;
}

/** The rows of a block with every joined row split (`stmts` itself when none is). */
function rows(r: Reporter, stmts: Stmt[], shape: RowShape, isRow: (s: Stmt) => boolean): Stmt[] {
  let out: Stmt[] | undefined;
  for (let i = 0; i < stmts.length; i++) {
    const st = stmts[i];
    // Where the line holds another row (most do not: nothing more to look at), and the line is a row of the block.
    const joints = jointsOf(st, shape);
    const parts = joints.length && isRow(st) ? splitJoinedRow(r, st, shape, joints) : undefined;
    if (parts && !out) out = stmts.slice(0, i);
    if (!out) continue;
    if (!parts) out.push(st);
    else for (const part of parts) out.push(part); // unbounded: never spread into a call
  }
  return out ?? stmts;
}

/**
 * Table rows joined on one line, as a PDF copy gives them (`30101 基本工资 50.00 30102 津贴补贴 20.00`): after
 * a row's code (or 合计), name and at least one amount, another code of the block's kind — a length the block
 * uses, the same first digit as the row's code — standing apart from the amount before it and followed, apart,
 * by a name. The statement becomes the first row and a statement for each further row, so that every row is read
 * (and the totals checked) as if the line had been broken. Each joint is reported on the row after it, with a
 * fix that breaks the line there at the line's indentation (BUD016). Names with digits (`2025年度…`, `第3批`) and
 * rows of several labelled amounts do not match: a code must stand apart, after an amount, before a name.
 */
function splitJoinedRow(r: Reporter, st: Stmt, shape: RowShape, joints: number[]): Stmt[] {
  const items = st.items;
  const text = r.text;
  const lineStart = text.lastIndexOf('\n', st.start - 1) + 1;
  const indent = ordinarySpaces(leadingBlanks(text.slice(lineStart, st.start))).replace(/\ufeff/g, '');
  const lineEnd = text.indexOf('\n', st.start);
  const eol = (lineEnd < 0 ? text.includes('\r\n') : text[lineEnd - 1] === '\r') ? '\r\n' : '\n';
  const first = items.slice(0, joints[0]);
  const parts: Stmt[] = [madeStmt(st, first, undefined, st.start, first[first.length - 1].end)];
  joints.forEach((j, n) => {
    const to = n + 1 < joints.length ? joints[n + 1] : items.length;
    const part = items.slice(j, to);
    const c = peekCode(items, j, shape.maxLength)!;
    let nameEnd = j + c.used;
    while (nameEnd < to && shape.isName(items[nameEnd])) nameEnd = wordEnd(items, nameEnd);
    const span = { start: part[0].start, end: part[part.length - 1].end };
    r.report('BUD016', span, { found: text.slice(items[j].start, items[nameEnd - 1].end) }, {
      fixes: [{
        title: { zh: '拆成两行', en: 'Split into two lines' },
        edits: [{ start: items[j - 1].end, end: items[j].start, newText: eol + indent }],
        preferred: true,
      }],
    });
    parts.push(madeStmt(undefined, part, undefined, span.start, span.end));
  });
  return parts;
}

/** Where further rows start in a line (see splitJoinedRow): the indexes of their first items, none for one row. */
function jointsOf(st: Stmt, shape: RowShape): number[] {
  const items = st.items;
  const joints: number[] = [];
  if (st.block || items.length < 4) return joints;
  for (let from = 0; ; ) {
    const j = joinedRowAt(items, from, shape);
    if (j < 0) return joints;
    joints.push(j);
    from = j;
  }
}

/** The index (after `from`) where another row starts in the row at items[from] (see splitJoinedRow), or -1. */
function joinedRowAt(items: Item[], from: number, shape: RowShape): number {
  const n = items.length;
  let i: number;
  let digit = shape.classDigit;
  if (shape.totalWords.includes(items[from].image)) i = from + 1;
  else {
    const c = peekCode(items, from, shape.maxLength);
    if (!c) return -1;
    i = from + c.used;
    digit = c.code[0];
  }
  while (i < n && shape.isName(items[i])) i = wordEnd(items, i);
  for (let j = i + 1; j < n - 1; j++) {
    const prev = items[j - 1];
    const it = items[j];
    if (prev.kind !== 'number' || it.kind !== 'number' || it.start === prev.end || it.negated !== undefined) continue;
    const c = peekCode(items, j, shape.maxLength);
    if (!c || !shape.lengths.includes(c.code.length) || c.code[0] !== digit) continue;
    const name = items[j + c.used];
    if (name && (name.kind === 'text' || name.kind === 'string') && shape.isName(name) && name.start > items[j + c.used - 1].end) return j;
  }
  return -1;
}

// ── word lists ────────────────────────────────────────────────────────────────────────────────────────

/** Keywords of two or more characters, which a PDF may print spread out. */
let spacedWords: Set<string> | undefined;
function SPACED_WORDS(): Set<string> {
  spacedWords ??= new Set([...allKeywords(), ...Object.keys(INCOME_ALIASES), ...Object.keys(SANGONG_ITEMS), ...INCOME_FUNC_TOTAL_WORDS]
    .filter((w) => w.length >= 2 && /^\p{Script=Han}+$/u.test(w)));
  return spacedWords;
}

/** Statements whose text is free prose (a page reference in it is the author's, not the PDF's). */
const FREE_TEXT_WORDS = new Set(['内容', '总体目标', '年度目标', '年度总体目标', '年度绩效目标', '中长期目标', '项目总体目标', '绩效目标', '备注', '说明']);

/** A page number as PDF viewers print it in headers and footers (its blanks collapsed to single spaces). */
const PAGE_NUMBER = /^(?:第 ?[0-9０-９]+ ?页(?: ?[,，、/／]? ?共 ?[0-9０-９]+ ?页)?|共 ?[0-9０-９]+ ?页 ?[,，、/／]? ?第 ?[0-9０-９]+ ?页)$/;

/** Unusual spaces (the lexer's one-character Unknown tokens) that are read as spaces, with their names. */
const ODD_SPACES: Record<string, { zh: string; en: string } | undefined> = Object.assign(Object.create(null) as Record<string, { zh: string; en: string }>, {
  '\u00a0': { zh: '不换行空格', en: 'no-break space' },
  '\u202f': { zh: '窄不换行空格', en: 'narrow no-break space' },
  '\u1680': { zh: '欧甘空格', en: 'ogham space mark' },
  '\u205f': { zh: '数学空格', en: 'medium mathematical space' },
  '\u2028': { zh: '行分隔符', en: 'line separator' },
  '\u2029': { zh: '段分隔符', en: 'paragraph separator' },
  '\u000b': { zh: '垂直制表符', en: 'vertical tab' },
  '\u000c': { zh: '换页符', en: 'form feed' },
  '\u0085': { zh: '下一行控制符', en: 'next-line control (NEL)' },
  ...Object.fromEntries(Array.from({ length: 11 }, (_, k) => [String.fromCharCode(0x2000 + k), { zh: '排版空格', en: 'typographic space' }])),
});
