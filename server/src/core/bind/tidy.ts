/**
 * Text pasted from a PDF or Word, read the way it is meant: unusual spaces, page numbers, spaced-out keywords,
 * accounting negatives, two table rows on one line, and a block left open at the end of the file. Each is
 * reported (BUD001, BUD012–BUD016) with a fix that changes no figure.
 */
import { isUnclosedBlock, type Item, type Stmt, type SyntaxTree } from '../syntax';
import { allKeywords, INCOME_ALIASES, INCOME_FUNC_TOTAL_WORDS, SANGONG_ITEMS, COLUMN_LABELS, LIST_COLUMNS, COMPARE_COLUMNS } from '../keywords';
import type { RowSection } from '../model';
import { peekCode } from './amounts';
import type { Binder, BindCode } from './binder';

/** The codes the tidy pass reports (the rest of BIND_CODES are the binder's). */
export const TIDY_CODES = ['BUD001', 'BUD006', 'BUD012', 'BUD013', 'BUD014', 'BUD016'] as const satisfies readonly BindCode[];
import { incomeFuncWord } from './income';
import { isNameItem } from './rows';

export function reportSyntaxErrors(b: Binder, errors: SyntaxTree['errors'], stmts?: Stmt[]): void {
  for (const e of errors) {
    // A block left open at the end of the file: the `}` missing is usually an inner one, where the lines go
    // back to the indentation of a block's header. Say so there, with a fix, rather than at the outer `{`.
    if (stmts && isUnclosedBlock(e) && reportMissingClose(b, e.start, stmts)) continue;
    b.report('BUD001', { start: e.start, end: Math.max(e.end, e.start) }, {
      expected: e.expected.zh, expectedEn: e.expected.en, found: e.found === '' ? '文件结尾' : `“${e.found}”`,
    });
    if (e.found === '') b.diagnostics[b.diagnostics.length - 1].args.foundEn = 'end of file';
  }
}

/**
 * Reports the likely place of the `}` missing from the unclosed block opened at `open`, and repairs the tree
 * as if it were there (so the lines after it keep their meaning instead of a cascade of errors); false when
 * no place is clear.
 */
export function reportMissingClose(b: Binder, open: number, stmts: Stmt[]): boolean {
  const top = findBlockOwner(stmts, open);
  if (!top?.stmt.block) return false;
  // path[0] is the unclosed block's statement, path[k] the one whose `}` is missing.
  const path: Stmt[] = [top.stmt];
  const before = dedented(b, path);
  if (!before) return false;
  const header = path[path.length - 1];
  const lineStart = b.text.lastIndexOf('\n', before.start - 1) + 1;
  const headerLine = lineNumber(b.text, header.block!.open);
  const indent = b.text.slice(b.text.lastIndexOf('\n', header.start - 1) + 1, header.start);
  const first = before.items[0];
  b.report('BUD001', { start: before.start, end: first ? first.end : before.start + 1 }, {
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
export function dedented(b: Binder, path: Stmt[]): Stmt | undefined {
  const header = path[path.length - 1];
  const headerIndent = indentOf(b, header.start);
  const open = header.block!.open;
  let indented = false;
  for (const c of header.block!.stmts) {
    // On a line after the `{` (a line break between them): a scan back to the line start, not a line count
    // from the top of the file for every statement (that was quadratic in the file's size).
    if (b.text.lastIndexOf('\n', c.start - 1) >= open) {
      if (indentOf(b, c.start) > headerIndent) indented = true;
      else if (indented) return c;
    }
    if (c.block) {
      path.push(c);
      const r = dedented(b, path);
      if (r) return r;
      path.pop();
    }
  }
  return undefined;
}

/** Display columns of blanks before the first item of the line holding `offset` (a tab counts 4). */
export function indentOf(b: Binder, offset: number): number {
  let i = b.text.lastIndexOf('\n', offset - 1) + 1;
  let w = 0;
  for (; i < offset; i++) {
    const c = b.text[i];
    if (c === ' ') w += 1;
    else if (c === '\ufeff') continue;
    else if (c === '\t') w += 4;
    else if (c === '\u3000') w += 2;
    else break;
  }
  return w;
}

/**
 * A word of the language spread out by a PDF's justified table cells (`合　　计`, `收 入 总 计`): single
 * Chinese characters separated only by blanks whose concatenation is a keyword. They are read as that word
 * (one item) and flagged with a fix (BUD014).
 */
export function joinSpacedWords(b: Binder, s: Stmt): void {
  const items = s.items;
  // Most statements have no two one-character texts in a row: nothing to allocate for them.
  let i0 = 0;
  while (i0 + 1 < items.length && !(items[i0].image.length === 1 && items[i0 + 1].image.length === 1 && items[i0].kind === 'text')) i0++;
  if (i0 + 1 >= items.length) return;
  const single = (i: number): boolean => {
    const it = items[i];
    return !!it && it.kind === 'text' && it.image.length === 1 && /\p{Script=Han}/u.test(it.image);
  };
  const blankBetween = (i: number): boolean => /^[ \t\u3000]+$/.test(b.text.slice(items[i - 1].end, items[i].start));
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
    b.report('BUD014', span, { found: b.text.slice(span.start, span.end), word }, {
      fixes: [{ title: { zh: `改为 ${word}`, en: `Change to ${word}` }, edits: [{ start: span.start, end: span.end, newText: word }], preferred: true }],
    });
    out.push({ kind: 'text', image: word, start: span.start, end: span.end });
    i = end;
  }
  if (out.length !== items.length) s.items = out;
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
export function joinParenAmounts(b: Binder, s: Stmt): void {
  const items = s.items;
  if (items.length < 4) return;
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
      out.push({ kind: 'number', image: b.text.slice(open.start, close.end), start: open.start, end: close.end, negated: num.image });
      i += 2;
    } else out?.push(open);
  }
  if (out) s.items = out;
}

/**
 * A page number pasted from a PDF (`第 3 页 共 18 页`, `第3页/共18页`), a line of its own or joined to the end
 * of a row: reported with a fix (BUD013) and taken out of the statement, which keeps its meaning.
 */
export function dropPageNumber(b: Binder, s: Stmt): boolean {
  const items = s.items;
  const n = items.length;
  if (!n || n > 60 || !items[n - 1].image.endsWith('页')) return false;
  // Free text may itself point to a page (`内容 … 详见 第 3 页`).
  if (FREE_TEXT_WORDS.has(items[0].image)) return false;
  const end = items[n - 1].end;
  let k = 0;
  while (k < n && !PAGE_NUMBER.test(b.text.slice(items[k].start, end))) k++;
  if (k === n) return false;
  const start = items[k].start;
  // The fix deletes the page number with the blanks before it; a line of its own goes whole.
  let from = start;
  while (from > 0 && /[ \t\u3000]/.test(b.text[from - 1])) from--;
  let to = end;
  if (k === 0 && (from === 0 || b.text[from - 1] === '\n')) {
    while (to < b.text.length && /[ \t\u3000]/.test(b.text[to])) to++;
    if (b.text[to] === '\r') to++;
    if (b.text[to] === '\n') to++;
  }
  b.report('BUD013', { start, end }, { found: b.text.slice(start, end) }, {
    fixes: [{ title: { zh: '删除页码', en: 'Delete the page number' }, edits: [{ start: from, end: to, newText: '' }], preferred: true }],
  });
  s.items = items.slice(0, k);
  if (k) s.end = items[k - 1].end;
  return true;
}

/**
 * Lexical problems found in the items: unterminated strings (BUD006), and unusual spaces (no-break, thin,
 * ideographic-width and other Unicode spaces that text pasted from PDF or Word carries). Those are read as
 * the spaces they look like — they leave the statement's items, so `2080505<NBSP>1,234.56` is a code and an
 * amount — and each is reported with a fix (BUD012). A statement of nothing but such spaces goes away.
 */
export function reportBadStrings(b: Binder, stmts: Stmt[]): void {
  let emptied = false;
  for (const s of stmts) {
    if (!s.block && dropPageNumber(b, s)) emptied ||= !s.items.length;
    joinSpacedWords(b, s);
    joinParenAmounts(b, s);
    let odd = false;
    for (const i of s.items) {
      if (i.kind === 'badstring') b.report('BUD006', i);
      else if (i.kind === 'unknown' && ODD_SPACES[i.image]) {
        odd = true;
        const n = ODD_SPACES[i.image]!;
        const cp = `U+${i.image.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
        b.report('BUD012', i, { name: n.zh, nameEn: n.en, cp }, {
          fixes: [{ title: { zh: '改为普通空格', en: 'Replace with an ordinary space' }, edits: [{ start: i.start, end: i.end, newText: ' ' }], preferred: true }],
        });
      }
    }
    if (odd) {
      s.items = s.items.filter((i) => !(i.kind === 'unknown' && ODD_SPACES[i.image]));
      if (s.items.length) {
        s.start = s.block ? Math.min(s.items[0].start, s.block.open) : s.items[0].start;
        if (!s.block) s.end = s.items[s.items.length - 1].end;
      } else if (s.block) s.start = s.block.open;
      else emptied = true;
    }
    if (s.block) reportBadStrings(b, s.block.stmts);
  }
  if (emptied) {
    const kept = stmts.filter((s) => s.items.length || s.block);
    stmts.splice(0, stmts.length, ...kept);
  }
}

/**
 * Table rows joined on one line, as a PDF copy gives them (`30101 基本工资 50.00 30102 津贴补贴 20.00`): after
 * a row's code (or 合计), name and at least one amount, another code of the block's kind — a length the block
 * uses, the same first digit as the row's code — standing apart from the amount before it and followed, apart,
 * by a name. The statement is split there in the tree: `st` keeps the first row and each further row becomes
 * a statement of its own, inserted after it in each of `lists`, so that every row is read (and the totals
 * checked) as if the line had been broken. Each joint is reported on the row after it, with a fix that breaks
 * the line there at the line's indentation (BUD016). Names with digits (`2025年度…`, `第3批`) and rows of
 * several labelled amounts do not match: a code must stand apart, after an amount, before a name.
 */
export function splitJoinedRows(b: Binder, st: Stmt, lists: Stmt[][], shape: RowShape): void {
  const items = st.items;
  if (st.block || items.length < 4) return;
  const joints: number[] = [];
  for (let from = 0; ; ) {
    const j = joinedRowAt(b, items, from, shape);
    if (j < 0) break;
    joints.push(j);
    from = j;
  }
  if (!joints.length) return;
  const lineStart = b.text.lastIndexOf('\n', st.start - 1) + 1;
  const indent = /^[ \t\u3000]*/.exec(b.text.slice(lineStart, st.start).replace(/^\ufeff/, ''))![0];
  const lineEnd = b.text.indexOf('\n', st.start);
  const eol = (lineEnd < 0 ? b.text.includes('\r\n') : b.text[lineEnd - 1] === '\r') ? '\r\n' : '\n';
  const parts: Stmt[] = [];
  joints.forEach((j, n) => {
    const to = n + 1 < joints.length ? joints[n + 1] : items.length;
    const part = items.slice(j, to);
    const c = peekCode(items, j, shape.maxLength)!;
    let nameEnd = j + c.used;
    while (nameEnd < to && shape.isName(items[nameEnd])) nameEnd = b.wordEnd(items, nameEnd);
    const span = { start: part[0].start, end: part[part.length - 1].end };
    b.report('BUD016', span, { found: b.text.slice(items[j].start, items[nameEnd - 1].end) }, {
      fixes: [{
        title: { zh: '拆成两行', en: 'Split into two lines' },
        edits: [{ start: items[j - 1].end, end: items[j].start, newText: eol + indent }],
        preferred: true,
      }],
    });
    parts.push({ items: part, start: span.start, end: span.end });
  });
  st.items = items.slice(0, joints[0]);
  st.end = st.items[st.items.length - 1].end;
  for (const list of new Set(lists)) {
    const at = list.indexOf(st);
    if (at >= 0) list.splice(at + 1, 0, ...parts);
  }
}

/** The index (after `from`) where another row starts in the row at items[from] (see splitJoinedRows), or -1. */
export function joinedRowAt(b: Binder, items: Item[], from: number, shape: RowShape): number {
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
  while (i < n && shape.isName(items[i])) i = b.wordEnd(items, i);
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

/** Keywords of two or more characters, which a PDF may print spread out. */
let spacedWords: Set<string> | undefined;
function SPACED_WORDS(): Set<string> {
  spacedWords ??= new Set([...allKeywords(), ...Object.keys(INCOME_ALIASES), ...Object.keys(SANGONG_ITEMS), ...INCOME_FUNC_TOTAL_WORDS]
    .filter((w) => w.length >= 2 && /^\p{Script=Han}+$/u.test(w)));
  return spacedWords;
}

/** Statements whose text is free prose (a page reference in it is the author's, not the PDF's). */
const FREE_TEXT_WORDS = new Set(['内容', '总体目标', '年度目标', '年度总体目标', '年度绩效目标', '中长期目标', '项目总体目标', '绩效目标', '备注', '说明']);

/** A page number as PDF viewers print it in headers and footers. */
const PAGE_NUMBER = /^(?:第\s*[0-9０-９]+\s*页(?:\s*[,，、/／]?\s*共\s*[0-9０-９]+\s*页)?|共\s*[0-9０-９]+\s*页\s*[,，、/／]?\s*第\s*[0-9０-９]+\s*页)$/;

/** The statement whose block opens at `open` and the list holding it, searched through nested blocks. */
function findBlockOwner(stmts: Stmt[], open: number): { stmt: Stmt; list: Stmt[] } | undefined {
  for (const s of stmts) {
    if (!s.block) continue;
    if (s.block.open === open) return { stmt: s, list: stmts };
    if (s.block.open < open && (s.block.close === undefined || open < s.block.close)) {
      const r = findBlockOwner(s.block.stmts, open);
      if (r) return r;
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
  for (let j = k; j >= 1; j--) path[j - 1].block!.stmts.push(...tails[j]);
  list.splice(list.indexOf(path[0]) + 1, 0, ...tails[0]);
  for (let j = k; j >= 0; j--) {
    const b = path[j].block!;
    b.close = j === k ? undefined : closes[j + 1];
    const last = b.stmts[b.stmts.length - 1];
    path[j].end = b.close ?? (last ? Math.max(last.end, b.open + 1) : b.open + 1);
  }
}

/** 1-based line of an offset. */
function lineNumber(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

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

/** What tells a row of a block of coded rows, for finding two rows joined on one line (Binder.splitJoinedRows). */
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

export const ROW_SHAPES: Record<RowSection | 'incomeFunc' | 'projectEcon', RowShape> = {
  func: { lengths: [3, 5, 7], maxLength: 7, classDigit: '2', totalWords: ['合计', '总计'], isName: isNameItem },
  econ: { lengths: [3, 5], maxLength: 5, classDigit: '3', totalWords: ['合计', '总计'], isName: isNameItem },
  gov: { lengths: [3, 5], maxLength: 5, classDigit: '5', totalWords: ['合计', '总计'], isName: isNameItem },
  incomeFunc: { lengths: [3, 5, 7], maxLength: 7, classDigit: '2', totalWords: INCOME_FUNC_TOTAL_WORDS, isName: (i) => isNameItem(i) && !incomeFuncWord(i.image) },
  projectEcon: { lengths: [3, 5], maxLength: 5, classDigit: '3', totalWords: [], isName: isNameItem },
};
