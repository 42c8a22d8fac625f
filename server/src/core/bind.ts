/**
 * The binder: gives the generic syntax tree its meaning. It walks the statements with the context of the
 * enclosing block, recognises keywords by position, builds the model and reports every statement that does
 * not have the expected shape (with what was expected and what was found). It never throws; a statement it
 * cannot read is reported and skipped, and everything else is still bound.
 */
import type { Diagnostic, DiagnosticCode, Span, Text2 } from './diagnostics';
import { severityOf } from './diagnostics';
import {
  allKeywords, CARRIED_WORDS, COLUMN_LABELS, COMPARE_COLUMNS, COMPARE_FIGURE_WORDS, COMPARE_FIGURES, compareFigureKey, FUNDING_SOURCES, EMPTY_WORDS,
  FUNC_EXTRAS, INCOME_ALIASES, INCOME_FUNC_TOTAL_WORDS, LAYOUT_VALUE_WORDS, LAYOUT_WORDS, LIST_COLUMNS, LIST_TABLES, OPERATORS, PERIOD_ITEMS, PERIOD_SEPARATORS, PROJECT_AMOUNT_WORDS,
  PROJECT_ATTRS, PROJECT_GOAL_WORDS, SANGONG_ITEMS, SECTION_ALIASES, UNIT_KINDS, type Column, type FundingSource, type IncomeItem, type ProjectAttr,
} from './keywords';
import type {
  Amount, BudgetModel, ComparisonLine, DateValue, Department, EconLine, Indicator, IndicatorBlock, IncomeFuncRow, IncomeFuncSection, IncomeLine, ListRow,
  ListTableDecl, Named, Overall, Project, Row, RowSection, SangongLine, Section, SourceRef, Unit,
} from './model';
import { digitCount, formatMoney, MAX_AMOUNT_DIGITS, MAX_DECIMALS, normalizeNumberText, parseDecimal, tooManyDigits, toTicks, type MoneyUnit, type ParsedDecimal } from './money';
import { isUnclosedBlock, itemValue, type Item, type Stmt, type SyntaxTree } from './syntax';

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
}

const CONTEXT_NAMES: Record<string, Text2> = {
  top: { zh: '文件顶层', en: 'the top level' },
  department: { zh: '部门块', en: 'a 部门 block' },
  unit: { zh: '单位块', en: 'a 单位 block' },
  project: { zh: '项目块', en: 'a 项目 block' },
  indicators: { zh: '指标块', en: 'an 指标 block' },
  overall: { zh: '整体绩效块', en: 'an 整体绩效 block' },
  income: { zh: '收入块', en: 'the 收入 block' },
  sangong: { zh: '三公块', en: 'the 三公 block' },
  mapping: { zh: '对照块', en: 'the 对照 block' },
  projectEcon: { zh: '项目经济分类块', en: 'a project’s 经济分类 block' },
  comparison: { zh: '上年比较块', en: 'the 上年比较 block' },
};

const ALLOWED: Record<string, string> = {
  top: '部门 单位 舍入 年度 科目版本 金额单位 主管部门 性质 区划 表式',
  department: '单位 编码 年度 科目版本 金额单位 主管部门 性质 区划 表式',
  unit: '编码 区划 年度 科目版本 金额单位 主管部门 性质 表式 收入 收入科目 支出 经济分类 政府经济分类 对照 三公 项目 整体绩效 上年比较 政府性基金支出 债务支出 政府采购 政府购买服务 专项资金',
  project: '内容 功能科目 金额 一般公共预算… 上年结转 主管部门 实施单位 总体目标 中长期目标 项目性质 项目类别 开始日期 完成日期 实施期限 资金总额 上年结转资金 经济分类 指标',
  indicators: '一级 二级 时限 <指标名称> …',
  overall: '任务 年度目标 指标',
  income: '一般公共预算 政府性基金预算 国有资本经营预算 财政专户管理资金 单位资金 事业收入 … 财政拨款 本年收入合计 上年结转 上年结转结余 收入总计',
  sangong: '合计 因公出国（境）费 公务用车购置及运行费 公务用车购置费 公务用车运行费 公务接待费 机关运行经费',
  mapping: '<部门经济分类编码> <政府经济分类编码>',
  projectEcon: '<经济分类编码> [名称] <金额>',
  comparison: `<比较项目> [本年 金额] [上年 金额] [增减 金额 | 增加 金额 | 减少 金额 | 持平] [增幅 x% | 增长 x% | 下降 x%]（上年与增减至少写一项；比较项目：${COMPARE_FIGURE_WORDS.join(' ')} …）`,
};

function isAsciiDigits(s: string): boolean {
  return /^\d+$/.test(s);
}

/** The ASCII digits of a code written in ASCII or full-width digits (`２０８` → `208`), else undefined. */
function codeDigits(s: string): string | undefined {
  if (isAsciiDigits(s)) return s;
  if (!/^[0-9０-９]+$/.test(s)) return undefined;
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
}

export class Binder {
  readonly diagnostics: Diagnostic[] = [];
  /** The defaults each unit statement was bound with (for re-binding one unit: incremental.ts). */
  readonly unitDefaults = new Map<Stmt, Defaults>();
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  report(code: DiagnosticCode, span: Span, args: Record<string, string | number> = {}, extra: Partial<Diagnostic> = {}): void {
    this.diagnostics.push({ code, severity: severityOf(code), start: span.start, end: span.end, args, ...extra });
  }

  slice(a: Item, b: Item): string {
    return this.text.slice(a.start, b.end);
  }

  /** The text of items[from..to) as written (strings unquoted when alone). */
  rest(items: Item[], from = 1, to = items.length): Named | undefined {
    if (from >= to) return undefined;
    const first = items[from];
    const last = items[to - 1];
    const span = { start: first.start, end: last.end };
    if (from === to - 1 && (first.kind === 'string' || first.kind === 'badstring')) {
      return { text: itemValue(first), span };
    }
    return { text: this.text.slice(first.start, last.end), span };
  }

  /** Length of the word starting at items[i]: adjacent items (no space between) of word-like kinds. */
  wordEnd(items: Item[], i: number): number {
    let j = i + 1;
    while (j < items.length && items[j].start === items[j - 1].end && isWordish(items[j]) && isWordish(items[j - 1])) j++;
    return j;
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

  unknownStatement(s: Stmt, context: string): void {
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
    this.report('BUD002', first, { word: first.image, context: ctx.zh, contextEn: ctx.en, allowed: ALLOWED[context] });
  }

  /** Parses an amount item. */
  amount(item: Item, unit: MoneyUnit): Amount | undefined {
    if (item.kind !== 'number') {
      this.report('BUD007', item, { found: item.image });
      return undefined;
    }
    const d = item.negated !== undefined ? this.negatedAmount(item, unit) : parseDecimal(item.image);
    if (!d) {
      this.badNumber(item);
      return undefined;
    }
    if (item.negated === undefined && /[０-９．，－−]/.test(item.image)) {
      const fixed = normalizeNumberText(item.image.replace(/，/g, ','));
      const fixedText = item.image.includes(',') || item.image.includes('，') ? formatMoney(toTicks(d, unit).value, unit, { minDecimals: d.decimals }) : fixed;
      this.report('BUD005', item, { found: item.image, fixed: fixedText }, {
        fixes: [{ title: { zh: `改为 ${fixedText}`, en: `Change to ${fixedText}` }, edits: [{ start: item.start, end: item.end, newText: fixedText }], preferred: true }],
      });
    }
    const t = toTicks(d, unit);
    if (!t.exact) {
      this.report('BUD702', item, { found: item.image, rounded: formatMoney(t.value, unit, { minDecimals: MAX_DECIMALS[unit] }) });
    } else if (d.decimals > 2) {
      this.report('BUD701', item, { found: item.image, decimals: d.decimals, unit });
    }
    return { value: t.value, span: { start: item.start, end: item.end }, decimals: d.decimals, text: item.image, unit };
  }

  /** A number item that is not read: too many digits (BUD703), else malformed (BUD007). */
  private badNumber(item: Item): void {
    if (tooManyDigits(item.image)) this.longNumber(item);
    else this.report('BUD007', item, { found: item.image });
  }

  /** BUD703: a number with more digits than an amount is read with. */
  private longNumber(item: Item): void {
    this.report('BUD703', item, { found: item.image, digits: digitCount(item.image).toLocaleString('en-US'), max: MAX_AMOUNT_DIGITS });
  }

  /**
   * The value of an accounting-style negative `(234.56)` (an item merged by joinParenAmounts), reported with a
   * fix that writes it the language's way, `-234.56` (BUD015); undefined when the number inside is malformed.
   * Full-width digits inside are normalised by the same fix (no separate BUD005, whose edit would overlap).
   */
  private negatedAmount(item: Item, unit?: MoneyUnit): ParsedDecimal | undefined {
    const inner = item.negated ?? item.image;
    const d = parseDecimal(inner);
    if (!d) return undefined;
    let digits = inner;
    if (/[０-９．，]/.test(digits)) {
      digits = unit && /[,，]/.test(digits) ? formatMoney(toTicks(d, unit).value, unit, { minDecimals: d.decimals }) : normalizeNumberText(digits);
    }
    const fixed = `-${digits}`;
    this.report('BUD015', item, { found: item.image, value: fixed }, {
      fixes: [{ title: { zh: `改为 ${fixed}`, en: `Change to ${fixed}` }, edits: [{ start: item.start, end: item.end, newText: fixed }], preferred: true }],
    });
    return { ...d, negative: true };
  }

  bindDocument(tree: SyntaxTree): BudgetModel {
    const model: BudgetModel = { units: [], departments: [], rounding: 'exact' };
    this.reportSyntaxErrors(tree.errors, tree.stmts);
    this.reportBadStrings(tree.stmts);
    const defaults: Defaults = {};
    this.bindContainer(tree.stmts, 'top', defaults, model, undefined);
    return model;
  }

  reportSyntaxErrors(errors: SyntaxTree['errors'], stmts?: Stmt[]): void {
    for (const e of errors) {
      // A block left open at the end of the file: the `}` missing is usually an inner one, where the lines go
      // back to the indentation of a block's header. Say so there, with a fix, rather than at the outer `{`.
      if (stmts && isUnclosedBlock(e) && this.reportMissingClose(e.start, stmts)) continue;
      this.report('BUD001', { start: e.start, end: Math.max(e.end, e.start) }, {
        expected: e.expected.zh, expectedEn: e.expected.en, found: e.found === '' ? '文件结尾' : `“${e.found}”`,
      });
      if (e.found === '') this.diagnostics[this.diagnostics.length - 1].args.foundEn = 'end of file';
    }
  }

  /**
   * Reports the likely place of the `}` missing from the unclosed block opened at `open`, and repairs the tree
   * as if it were there (so the lines after it keep their meaning instead of a cascade of errors); false when
   * no place is clear.
   */
  private reportMissingClose(open: number, stmts: Stmt[]): boolean {
    const top = findBlockOwner(stmts, open);
    if (!top?.stmt.block) return false;
    // path[0] is the unclosed block's statement, path[k] the one whose `}` is missing.
    const path: Stmt[] = [top.stmt];
    const before = this.dedented(path);
    if (!before) return false;
    const header = path[path.length - 1];
    const lineStart = this.text.lastIndexOf('\n', before.start - 1) + 1;
    const headerLine = lineNumber(this.text, header.block!.open);
    const indent = this.text.slice(this.text.lastIndexOf('\n', header.start - 1) + 1, header.start);
    const first = before.items[0];
    this.report('BUD001', { start: before.start, end: first ? first.end : before.start + 1 }, {
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
  private dedented(path: Stmt[]): Stmt | undefined {
    const header = path[path.length - 1];
    const headerIndent = this.indentOf(header.start);
    const open = header.block!.open;
    let indented = false;
    for (const c of header.block!.stmts) {
      // On a line after the `{` (a line break between them): a scan back to the line start, not a line count
      // from the top of the file for every statement (that was quadratic in the file's size).
      if (this.text.lastIndexOf('\n', c.start - 1) >= open) {
        if (this.indentOf(c.start) > headerIndent) indented = true;
        else if (indented) return c;
      }
      if (c.block) {
        path.push(c);
        const r = this.dedented(path);
        if (r) return r;
        path.pop();
      }
    }
    return undefined;
  }

  /** Display columns of blanks before the first item of the line holding `offset` (a tab counts 4). */
  private indentOf(offset: number): number {
    let i = this.text.lastIndexOf('\n', offset - 1) + 1;
    let w = 0;
    for (; i < offset; i++) {
      const c = this.text[i];
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
  private joinSpacedWords(s: Stmt): void {
    const items = s.items;
    // Most statements have no two one-character texts in a row: nothing to allocate for them.
    let i0 = 0;
    while (i0 + 1 < items.length && !(items[i0].image.length === 1 && items[i0 + 1].image.length === 1 && items[i0].kind === 'text')) i0++;
    if (i0 + 1 >= items.length) return;
    const single = (i: number): boolean => {
      const it = items[i];
      return !!it && it.kind === 'text' && it.image.length === 1 && /\p{Script=Han}/u.test(it.image);
    };
    const blankBetween = (i: number): boolean => /^[ \t\u3000]+$/.test(this.text.slice(items[i - 1].end, items[i].start));
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
      this.report('BUD014', span, { found: this.text.slice(span.start, span.end), word }, {
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
  private joinParenAmounts(s: Stmt): void {
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
        out.push({ kind: 'number', image: this.text.slice(open.start, close.end), start: open.start, end: close.end, negated: num.image });
        i += 2;
      } else out?.push(open);
    }
    if (out) s.items = out;
  }

  /**
   * A page number pasted from a PDF (`第 3 页 共 18 页`, `第3页/共18页`), a line of its own or joined to the end
   * of a row: reported with a fix (BUD013) and taken out of the statement, which keeps its meaning.
   */
  private dropPageNumber(s: Stmt): boolean {
    const items = s.items;
    const n = items.length;
    if (!n || n > 60 || !items[n - 1].image.endsWith('页')) return false;
    // Free text may itself point to a page (`内容 … 详见 第 3 页`).
    if (FREE_TEXT_WORDS.has(items[0].image)) return false;
    const end = items[n - 1].end;
    let k = 0;
    while (k < n && !PAGE_NUMBER.test(this.text.slice(items[k].start, end))) k++;
    if (k === n) return false;
    const start = items[k].start;
    // The fix deletes the page number with the blanks before it; a line of its own goes whole.
    let from = start;
    while (from > 0 && /[ \t\u3000]/.test(this.text[from - 1])) from--;
    let to = end;
    if (k === 0 && (from === 0 || this.text[from - 1] === '\n')) {
      while (to < this.text.length && /[ \t\u3000]/.test(this.text[to])) to++;
      if (this.text[to] === '\r') to++;
      if (this.text[to] === '\n') to++;
    }
    this.report('BUD013', { start, end }, { found: this.text.slice(start, end) }, {
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
  reportBadStrings(stmts: Stmt[]): void {
    let emptied = false;
    for (const s of stmts) {
      if (!s.block && this.dropPageNumber(s)) emptied ||= !s.items.length;
      this.joinSpacedWords(s);
      this.joinParenAmounts(s);
      let odd = false;
      const items = s.items;
      for (let k = 0; k < items.length; k++) {
        const i = items[k];
        if (i.kind === 'badstring') this.report('BUD006', i);
        else if (i.kind === 'unknown' && ODD_SPACES[i.image]) {
          odd = true;
          // A run of the same space is one fault: one report, one fix (as many ordinary spaces).
          let last = k;
          while (last + 1 < items.length && items[last + 1].image === i.image && items[last + 1].kind === 'unknown' && items[last + 1].start === items[last].end) last++;
          const span = { start: i.start, end: items[last].end };
          const n = ODD_SPACES[i.image]!;
          const cp = `U+${i.image.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
          this.report('BUD012', span, { name: n.zh, nameEn: n.en, cp }, {
            fixes: [{ title: { zh: '改为普通空格', en: last > k ? 'Replace with ordinary spaces' : 'Replace with an ordinary space' }, edits: [{ ...span, newText: ' '.repeat(last - k + 1) }], preferred: true }],
          });
          k = last;
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
      if (s.block) this.reportBadStrings(s.block.stmts);
    }
    if (emptied) {
      // In place, without spreading an unbounded array into a call (that overflows the stack).
      let n = 0;
      for (const s of stmts) if (s.items.length || s.block) stmts[n++] = s;
      stmts.length = n;
    }
  }

  private bindContainer(stmts: Stmt[], context: 'top' | 'department', defaults: Defaults, model: BudgetModel, dept: Department | undefined): void {
    const seen = new Map<string, Span>();
    // A department's own sections: its consolidated figures (部门汇总), checked against its units' sum.
    const own: Stmt[] = [];
    // Attributes first, so that they apply to units written before them in the same block.
    for (const s of stmts) {
      const w = s.items[0]?.image;
      if (w && w !== '单位' && w !== '部门' && w !== '舍入' && !s.block) this.bindAttribute(s, defaults, seen, context);
    }
    for (const s of stmts) {
      const first = s.items[0];
      const w = first?.image;
      if (w === '单位') {
        const unitDefaults: Defaults = { ...defaults, department: dept?.name ?? defaults.department };
        this.unitDefaults.set(s, unitDefaults);
        const u = this.bindUnit(s, unitDefaults);
        if (u) {
          model.units.push(u);
          dept?.units.push(u);
        }
      } else if (w === '部门' && context === 'top') {
        const name = this.rest(s.items, 1);
        if (!name) this.expectMissing(first, { zh: '“部门”', en: '“部门”' }, { zh: '部门名称', en: 'a department name' });
        if (!s.block) {
          // `部门 名称` without a block: the department of the units that follow.
          if (name) defaults.department = name;
          continue;
        }
        const d: Department = { name: name ?? { text: '', span: first }, span: s, units: [] };
        model.departments.push(d);
        this.bindContainer(s.block.stmts, 'department', { ...defaults, department: d.name }, model, d);
      } else if (context === 'department' && w && isUnitBodyWord(w)) {
        own.push(s);
      } else if (w === '舍入' && context === 'top') {
        const v = s.items[1];
        if (!v) this.expectMissing(first, { zh: '“舍入”', en: '“舍入”' }, { zh: '“精确”或“容差”', en: '“精确” or “容差”' });
        else if (v.image === '精确' || v.image === 'exact') model.rounding = 'exact';
        else if (v.image === '容差' || v.image === 'tolerant') model.rounding = 'tolerant';
        else this.unexpected(v, { zh: '舍入方式应为“精确”或“容差”', en: 'the rounding mode is “精确” (exact) or “容差” (tolerant)' });
        model.roundingSpan = s;
        for (const extra of s.items.slice(2)) this.unexpected(extra, { zh: '一行只写一个舍入方式', en: 'one rounding mode per line' });
      } else if (!w || s.block || !isAttributeWord(w) || (w === '编码' && context === 'top')) {
        this.unknownStatement(s, context);
      }
    }
    // A department's 上年比较 compares its own (consolidated) figures: alone, with no section to compute them from,
    // it is reported rather than turned into a department of empty tables.
    if (dept && own.length && own.every((s) => SECTION_ALIASES[s.items[0].image] === 'comparison')) {
      for (const s of own) this.unknownStatement(s, context);
      own.length = 0;
    }
    if (dept && own.length) {
      const first = dept.span as Stmt;
      const unit: Unit = {
        name: dept.name,
        span: dept.span,
        headerSpan: { start: first.start, end: first.items[first.items.length - 1].end },
        department: dept.name,
        moneyUnit: '万元',
        mapping: [],
        projects: [],
        lists: [],
        consolidates: dept.units,
      };
      this.bindUnitBody(own, unit, defaults);
      dept.consolidated = unit;
      // Listed before its units (as published: the department's tables come first).
      const at = dept.units.length ? model.units.indexOf(dept.units[0]) : -1;
      if (at >= 0) model.units.splice(at, 0, unit);
      else model.units.push(unit);
    }
  }

  private bindAttribute(s: Stmt, d: Defaults, seen: Map<string, Span>, context: string): boolean {
    const first = s.items[0];
    const w = first.image;
    if (!isAttributeWord(w)) return false;
    const prev = seen.get(w);
    if (prev) this.repeated(first, w, prev);
    seen.set(w, first);
    const value = this.rest(s.items, 1);
    if (!value) {
      this.expectMissing(first, { zh: `“${w}”`, en: `“${w}”` }, { zh: '值', en: 'a value' });
      return true;
    }
    switch (w) {
      case '年度':
      case '科目版本': {
        // A four-digit year: the fiscal year, or the catalog edition (which the fiscal year chooses by default).
        const v = s.items[1];
        const y = v.kind === 'number' && /^\d{4}$/.test(v.image) ? Number(v.image) : undefined;
        if (y === undefined || s.items.length > 2) this.report('BUD804', value.span, { found: value.text });
        else if (w === '年度') {
          d.year = y;
          d.yearSpan = v;
        } else {
          d.catalogEdition = y;
          d.catalogEditionSpan = v;
        }
        break;
      }
      case '金额单位': {
        if (value.text === '万元' || value.text === '元') d.moneyUnit = value.text;
        else this.report('BUD802', value.span, { found: value.text });
        break;
      }
      case '主管部门':
        d.supervisor = value;
        break;
      case '性质':
        d.kind = value;
        if (!(value.text in UNIT_KINDS)) this.report('BUD803', value.span, { found: value.text });
        break;
      case '区划':
        d.region = value;
        break;
      case '表式':
        // The layout of the tables (layouts/): a known id, else reported and the layout inferred.
        if (value.text in LAYOUT_WORDS) d.layout = value;
        else this.report('BUD807', value.span, { found: value.text, allowed: LAYOUT_VALUE_WORDS.join('、') });
        break;
      case '编码':
        if (context === 'top') return false;
        break;
    }
    return true;
  }

  bindUnit(s: Stmt, defaults: Defaults): Unit | undefined {
    const first = s.items[0];
    const name = this.rest(s.items, 1);
    if (!name) this.expectMissing(first, { zh: '“单位”', en: '“单位”' }, { zh: '单位名称', en: 'a unit name' });
    if (!s.block) {
      this.report('BUD009', first, { word: '单位' });
      return undefined;
    }
    const d: Defaults = { ...defaults };
    const unit: Unit = {
      name: name ?? { text: '', span: first },
      span: s,
      headerSpan: { start: s.start, end: s.items[s.items.length - 1].end },
      department: defaults.department,
      moneyUnit: '万元',
      mapping: [],
      projects: [],
      lists: [],
    };
    const seen = new Map<string, Span>();
    const stmts = s.block.stmts;
    // Attributes first: the money unit must be known before amounts are read.
    for (const st of stmts) {
      const w = st.items[0]?.image;
      if (w && isAttributeWord(w) && !st.block) {
        this.bindAttribute(st, d, seen, 'unit');
        if (w === '编码') unit.code = this.rest(st.items, 1);
      }
    }
    this.bindUnitBody(stmts, unit, d);
    return unit;
  }

  /**
   * The statements of a unit (or a department's own, consolidated figures) other than its attributes, which
   * `d` holds.
   */
  bindUnitBody(stmts: Stmt[], unit: Unit, d: Defaults): void {
    unit.moneyUnit = d.moneyUnit ?? '万元';
    unit.year = d.year;
    unit.yearSpan = d.yearSpan;
    unit.catalogEdition = d.catalogEdition;
    unit.catalogEditionSpan = d.catalogEditionSpan;
    unit.supervisor = d.supervisor;
    unit.kind = d.kind;
    unit.kindClass = d.kind ? UNIT_KINDS[d.kind.text] : undefined;
    unit.region = d.region;
    unit.layout = d.layout;
    const sectionsSeen = new Map<string, Span>();
    for (const st of stmts) {
      const first2 = st.items[0];
      const w = first2?.image;
      if (w && isAttributeWord(w) && !st.block) continue;
      if (!w) {
        this.unknownStatement(st, 'unit');
        continue;
      }
      const section = SECTION_ALIASES[w];
      if (section) {
        const prev = sectionsSeen.get(section);
        if (prev) this.repeated(first2, w, prev);
        sectionsSeen.set(section, first2);
        if (!st.block) {
          this.report('BUD009', first2, { word: w });
          continue;
        }
        for (const extra of st.items.slice(1)) this.unexpected(extra, { zh: '块名之后应直接写“{”', en: 'a section name is followed by “{”' });
        const headerSpan = { start: st.start, end: st.items[st.items.length - 1].end };
        // A section may state its own money unit (e.g. 三公 published in 万元 in a 元 document).
        const own = section === 'mapping' ? { unit: unit.moneyUnit, stmts: st.block.stmts } : this.sectionUnit(st.block.stmts, unit.moneyUnit);
        switch (section) {
          case 'income':
            unit.income = { span: st, headerSpan, lines: this.bindIncome(own.stmts, own.unit) };
            break;
          case 'incomeFunc':
            unit.incomeFunc = this.bindIncomeFunc(st, own.stmts, own.unit);
            break;
          case 'func':
          case 'econ':
          case 'gov':
            unit[section] = this.bindRows(st, own.stmts, section, own.unit);
            break;
          case 'mapping':
            this.bindMapping(st.block.stmts, unit);
            break;
          case 'sangong':
            unit.sangong = { span: st, headerSpan, lines: this.bindSangong(own.stmts, own.unit) };
            break;
          case 'overall':
            unit.overall = this.bindOverall(st, own.stmts, { ...unit, moneyUnit: own.unit });
            break;
          case 'comparison':
            unit.comparison = { span: st, headerSpan, moneyUnit: own.unit, lines: this.bindComparison(own.stmts, own.unit) };
            break;
        }
        continue;
      }
      if (w === '项目') {
        const p = this.bindProject(st, unit);
        if (p) unit.projects.push(p);
        continue;
      }
      const table = LIST_TABLES[w];
      if (table) {
        // One declaration per table (a second block, e.g. from the next PDF page, would be silently summed apart).
        const prev = unit.lists.find((l) => l.table === table);
        if (prev) this.repeated(st.items[0], w, { start: prev.span.start, end: prev.span.start + w.length });
        unit.lists.push(this.bindList(st, table, unit.moneyUnit));
        continue;
      }
      this.unknownStatement(st, 'unit');
    }
  }

  // ── income ──────────────────────────────────────────────────────────────────────────────────────────

  private bindIncome(stmts: Stmt[], unit: MoneyUnit): IncomeLine[] {
    const lines: IncomeLine[] = [];
    for (const s of stmts) {
      const items = s.items;
      if (!items.length || s.block) {
        this.unknownStatement(s, 'income');
        continue;
      }
      let i = 0;
      let carried = false;
      if (CARRIED_WORDS.includes(items[0].image) && items[1] && INCOME_ALIASES[items[1].image]) {
        carried = true;
        i = 1;
      }
      const key = items[i];
      const item = INCOME_ALIASES[key.image];
      if (!item) {
        this.unknownStatement(s, 'income');
        continue;
      }
      if (carried && (item === '上年结转结余' || item === '收入总计' || item === '本年收入合计')) {
        this.unexpected(items[0], { zh: `“${item}”不分本年与上年结转`, en: `“${item}” is not split by year` });
      }
      const line: IncomeLine = { item, carried: carried || item === '上年结转结余', span: s, keySpan: { start: items[0].start, end: key.end } };
      // The same line twice (a row repeated at a PDF page break): the figures would silently be the last one's.
      const prev = lines.find((l) => l.item === line.item && l.carried === line.carried);
      if (prev) this.repeated(line.keySpan, this.text.slice(line.keySpan.start, line.keySpan.end), prev.keySpan);
      const a = items[i + 1];
      if (a) line.amount = this.amount(a, unit);
      for (const extra of items.slice(i + 2)) this.unexpected(extra, { zh: '每行一个收入项目和一个金额', en: 'one income item and one amount per line' });
      lines.push(line);
    }
    return lines;
  }

  // ── income by function code (收入科目) ─────────────────────────────────────────────────────────────

  /** `收入科目 { 合计 …  208 05 05 [名称] [合计金额] (收入栏目 金额)… }`: rows like 支出's, columns by income item. */
  private bindIncomeFunc(s: Stmt, stmts: Stmt[], unit: MoneyUnit): IncomeFuncSection {
    const sec: IncomeFuncSection = { span: s, headerSpan: { start: s.start, end: s.items[s.items.length - 1].end }, rows: [] };
    // An index loop: splitJoinedRows inserts the rows it splits off after the current one.
    for (let q = 0; q < stmts.length; q++) {
      const st = stmts[q];
      if (st.items.length) this.splitJoinedRows(st, [stmts, s.block!.stmts], ROW_SHAPES.incomeFunc);
      const items = st.items;
      if (!items.length || st.block) {
        this.report('BUD002', items[0] ?? { start: st.start, end: st.start + 1 }, {
          word: items[0]?.image ?? '{', context: '收入科目行', contextEn: 'income-by-function rows', allowed: INCOME_FUNC_ALLOWED,
        });
        continue;
      }
      const w = items[0].image;
      if (INCOME_FUNC_TOTAL_WORDS.includes(w)) {
        const row: IncomeFuncRow = { code: '', codeSpan: items[0], cells: [], span: st, isTotal: true };
        this.readIncomeCells(items, 1, row, unit);
        if (sec.total) this.repeated(items[0], w, sec.total.codeSpan);
        sec.total = row;
        continue;
      }
      const c = this.readCode(items, 7);
      if (!c) {
        this.report('BUD001', items[0], {
          expected: '功能分类科目编码或“合计”', expectedEn: 'a function classification code or 合计', found: `“${items[0].image}”`,
        });
        continue;
      }
      const row: IncomeFuncRow = { code: c.code, codeSpan: { start: items[0].start, end: items[c.used - 1].end }, cells: [], span: st, isTotal: false };
      let i = c.used;
      // Name: the words up to the first column label or amount (a name may contain spaces).
      const nameStart = i;
      while (i < items.length && isNameItem(items[i]) && !incomeFuncWord(items[i].image)) i = this.wordEnd(items, i);
      if (i > nameStart) row.name = this.rest(items, nameStart, i);
      this.readIncomeCells(items, i, row, unit);
      sec.rows.push(row);
    }
    return sec;
  }

  /** The income column named at items[i] (`合计`, `一般公共预算`, `财政拨款收入`, `上年结转 事业收入`, `上年结转` …). */
  private incomeColumn(items: Item[], i: number): { item: IncomeItem; carried: boolean; next: number } | undefined {
    const w = items[i].image;
    if (INCOME_FUNC_TOTAL_WORDS.includes(w)) return { item: '收入总计', carried: false, next: i + 1 };
    if (CARRIED_WORDS.includes(w)) {
      const after = items[i + 1] ? INCOME_ALIASES[items[i + 1].image] : undefined;
      if (after && PERIOD_ITEMS.includes(after)) return { item: after, carried: true, next: i + 2 };
      return { item: '上年结转结余', carried: true, next: i + 1 };
    }
    const item = INCOME_ALIASES[w];
    if (!item) return undefined;
    return { item, carried: item === '上年结转结余', next: i + 1 };
  }

  /** Reads `[amount] (column amount)*` into a 收入科目 row; the first unlabelled amount is the 合计. */
  private readIncomeCells(items: Item[], from: number, row: IncomeFuncRow, unit: MoneyUnit): void {
    let i = from;
    let bareSeen = false;
    const put = (cell: IncomeLine): void => {
      const prev = row.cells.find((c) => c.item === cell.item && c.carried === cell.carried);
      if (prev) {
        this.repeated(cell.keySpan, this.text.slice(cell.keySpan.start, cell.keySpan.end), prev.keySpan);
        return;
      }
      row.cells.push(cell);
    };
    while (i < items.length) {
      const it = items[i];
      const col = it.kind === 'text' ? this.incomeColumn(items, i) : undefined;
      if (col) {
        const labelEnd = items[col.next - 1].end;
        const a = items[col.next];
        const label = this.text.slice(it.start, labelEnd);
        if (!a || a.kind !== 'number') {
          this.expectMissing({ start: it.start, end: labelEnd }, { zh: `“${label}”`, en: `“${label}”` }, { zh: '金额', en: 'an amount' });
          i = col.next;
          continue;
        }
        const amount = this.amount(a, unit);
        if (amount) put({ item: col.item, carried: col.carried, amount, span: { start: it.start, end: a.end }, keySpan: { start: it.start, end: labelEnd } });
        i = col.next + 1;
        continue;
      }
      if (it.kind === 'number' && !bareSeen && !row.cells.length) {
        bareSeen = true;
        const amount = this.amount(it, unit);
        if (amount) put({ item: '收入总计', carried: false, amount, span: { start: it.start, end: it.end }, keySpan: { start: it.start, end: it.end } });
        i++;
        continue;
      }
      this.unexpected(it, it.kind === 'number'
        ? { zh: '第一个金额（合计）之后的金额需要栏目名（财政拨款收入、一般公共预算、事业收入、其他收入…）', en: 'amounts after the first (the total) need a column label (财政拨款收入, 一般公共预算, 事业收入, 其他收入 …)' }
        : it.image === '来源'
          ? { zh: '收入科目按栏目写资金来源（如“一般公共预算 100”），不写“来源”', en: 'income by function names each source as a column (e.g. “一般公共预算 100”), without 来源' }
          : COLUMN_LABELS[it.image]
            ? { zh: `“${it.image}”是支出的栏目；收入科目的栏目为合计、财政拨款收入、一般公共预算、事业收入、其他收入…`, en: `“${it.image}” is an expenditure column; income columns are 合计, 财政拨款收入, 一般公共预算, 事业收入, 其他收入 …` }
            : { zh: '此处应为收入栏目名（合计、财政拨款收入、一般公共预算、事业收入、其他收入…）或金额', en: 'expected an income column (合计, 财政拨款收入, 一般公共预算, 事业收入, 其他收入 …) or an amount' });
      i++;
    }
  }

  // ── classification rows ────────────────────────────────────────────────────────────────────────────

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
  private splitJoinedRows(st: Stmt, lists: Stmt[][], shape: RowShape): void {
    const items = st.items;
    if (st.block || items.length < 4) return;
    const joints: number[] = [];
    for (let from = 0; ; ) {
      const j = this.joinedRowAt(items, from, shape);
      if (j < 0) break;
      joints.push(j);
      from = j;
    }
    if (!joints.length) return;
    const lineStart = this.text.lastIndexOf('\n', st.start - 1) + 1;
    const indent = /^[ \t\u3000]*/.exec(this.text.slice(lineStart, st.start).replace(/^\ufeff/, ''))![0];
    const lineEnd = this.text.indexOf('\n', st.start);
    const eol = (lineEnd < 0 ? this.text.includes('\r\n') : this.text[lineEnd - 1] === '\r') ? '\r\n' : '\n';
    const parts: Stmt[] = [];
    joints.forEach((j, n) => {
      const to = n + 1 < joints.length ? joints[n + 1] : items.length;
      const part = items.slice(j, to);
      const c = peekCode(items, j, shape.maxLength)!;
      let nameEnd = j + c.used;
      while (nameEnd < to && shape.isName(items[nameEnd])) nameEnd = this.wordEnd(items, nameEnd);
      const span = { start: part[0].start, end: part[part.length - 1].end };
      this.report('BUD016', span, { found: this.text.slice(items[j].start, items[nameEnd - 1].end) }, {
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
      if (at >= 0) insertAfter(list, at, parts);
    }
  }

  /** The index (after `from`) where another row starts in the row at items[from] (see splitJoinedRows), or -1. */
  private joinedRowAt(items: Item[], from: number, shape: RowShape): number {
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
    while (i < n && shape.isName(items[i])) i = this.wordEnd(items, i);
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

  /**
   * Reads a code at items[0], possibly written in columns (`208 05 09`, `301 01`). Two-digit columns are
   * joined up to `maxLength` digits (7 for function codes, 5 for economic ones), and not the line's last
   * item unless `joinLast` (where no amount can follow): `20801 50` is a code and an amount. Returns the code
   * and the items used.
   */
  readCode(items: Item[], maxLength = 7, joinLast = false): { code: string; used: number } | undefined {
    const c = peekCode(items, 0, maxLength, joinLast);
    if (!c) return undefined;
    const { code, used } = c;
    // Full-width digits (common in text from Word or PDF) are read, and flagged with a fix.
    for (const it of items.slice(0, used)) {
      if (!/[０-９]/.test(it.image)) continue;
      const fixed = codeDigits(it.image)!;
      this.report('BUD005', it, { found: it.image, fixed }, {
        fixes: [{ title: { zh: `改为 ${fixed}`, en: `Change to ${fixed}` }, edits: [{ start: it.start, end: it.end, newText: fixed }], preferred: true }],
      });
    }
    return { code, used };
  }

  /** Splits off a block's own `金额单位` statement: the unit for the block's amounts and the other statements. */
  private sectionUnit(stmts: Stmt[], fallback: MoneyUnit): { unit: MoneyUnit; stmts: Stmt[] } {
    let unit = fallback;
    const rest: Stmt[] = [];
    let first: Stmt | undefined;
    for (const s of stmts) {
      if (isMoneyUnitStmt(s)) {
        // One money unit per block: a second is reported (the first stays), not silently taken for the whole block.
        if (first) {
          this.repeated(s.items[0], s.items[0].image, first.items[0]);
          continue;
        }
        first = s;
        const v = s.items[1];
        const declared = declaredMoneyUnit(s);
        if (declared) unit = declared;
        else this.report('BUD802', v ?? s.items[0], { found: v ? this.text.slice(v.start, s.items[s.items.length - 1].end) : '' });
        continue;
      }
      rest.push(s);
    }
    return { unit, stmts: rest };
  }

  private bindRows(s: Stmt, stmts: Stmt[], section: RowSection, unit: MoneyUnit): Section {
    const sec: Section = { span: s, headerSpan: { start: s.start, end: s.items[s.items.length - 1].end }, rows: [], extras: {} };
    // An index loop: splitJoinedRows inserts the rows it splits off after the current one.
    for (let q = 0; q < stmts.length; q++) {
      const st = stmts[q];
      if (st.items.length && !FUNC_EXTRAS[st.items[0].image]) this.splitJoinedRows(st, [stmts, s.block!.stmts], ROW_SHAPES[section]);
      const items = st.items;
      if (!items.length || st.block) {
        this.report('BUD002', items[0] ?? { start: st.start, end: st.start + 1 }, {
          word: items[0]?.image ?? '{', context: '科目行', contextEn: 'classification rows', allowed: '<编码> [名称] [金额] [栏目 金额]…, 合计 …',
        });
        continue;
      }
      const w = items[0].image;
      if (section === 'func' && FUNC_EXTRAS[w]) {
        const key = FUNC_EXTRAS[w];
        const e: { amount?: Amount; span: Span } = { span: st };
        if (items[1]) e.amount = this.amount(items[1], unit);
        for (const extra of items.slice(2)) this.unexpected(extra, { zh: '每行一个金额', en: 'one amount per line' });
        sec.extras[key] = e;
        continue;
      }
      if (w === '合计' || w === '总计') {
        const row: Row = { section, code: '', codeSpan: items[0], cells: {}, span: st, isTotal: true };
        this.readCells(items, 1, row, unit);
        if (sec.total) this.repeated(items[0], w, sec.total.codeSpan);
        sec.total = row;
        continue;
      }
      const c = this.readCode(items, section === 'func' ? 7 : 5);
      if (!c) {
        this.report('BUD001', items[0], {
          expected: '科目编码或“合计”', expectedEn: 'a classification code or 合计', found: `“${items[0].image}”`,
        });
        continue;
      }
      const row: Row = { section, code: c.code, codeSpan: { start: items[0].start, end: items[c.used - 1].end }, cells: {}, span: st, isTotal: false };
      let i = c.used;
      // Name: the words up to the first column label, 来源 or amount (a name may contain spaces).
      const nameStart = i;
      while (i < items.length && isNameItem(items[i])) i = this.wordEnd(items, i);
      if (i > nameStart) row.name = this.rest(items, nameStart, i);
      this.readCells(items, i, row, unit);
      sec.rows.push(row);
    }
    return sec;
  }

  /** Reads `[来源 …] [amount] (label amount)*` into a row. */
  private readCells(items: Item[], from: number, row: Row, unit: MoneyUnit): void {
    let i = from;
    let bareSeen = false;
    while (i < items.length) {
      const it = items[i];
      if (it.image === '来源') {
        const r = this.readSource(items, i + 1);
        if (!r) {
          this.expectMissing(it, { zh: '“来源”', en: '“来源”' }, { zh: '资金来源（如 一般公共预算）', en: 'a funding source (e.g. 一般公共预算)' });
          i++;
          continue;
        }
        if (row.isTotal) this.unexpected({ start: it.start, end: items[r.next - 1].end }, { zh: '合计行不分来源', en: 'the 合计 row is not split by source' });
        row.source = r.source;
        row.sourceSpan = { start: it.start, end: items[r.next - 1].end };
        i = r.next;
        continue;
      }
      const col = COLUMN_LABELS[it.image];
      if (col) {
        const a = items[i + 1];
        if (!a || a.kind !== 'number') {
          this.expectMissing(it, { zh: `“${it.image}”`, en: `“${it.image}”` }, { zh: '金额', en: 'an amount' });
          i++;
          continue;
        }
        this.setCell(row, col, this.amount(a, unit), it);
        i += 2;
        continue;
      }
      if (it.kind === 'number' && !bareSeen && !Object.keys(row.cells).length) {
        bareSeen = true;
        this.setCell(row, 'total', this.amount(it, unit), it);
        i++;
        continue;
      }
      const prev = items[i - 1];
      if (it.kind === 'number' && prev?.kind === 'number' && /^\d{1,3}$/.test(prev.image) && /^\d{3}(?:,\d{3})*(?:\.\d+)?$/.test(it.image) && /^[ \t\u3000]+$/.test(this.text.slice(prev.end, it.start))) {
        // `1 234.56`: a thousands separator that a PDF turned into a space.
        const joined = `${prev.image},${it.image}`;
        this.report('BUD004', it, {
          found: it.image,
          why: `第一个金额之后的金额需要栏目名；若“${prev.image} ${it.image}”是一个数（千分位成了空格），应写作 ${joined}`,
          whyEn: `amounts after the first need a column label; if “${prev.image} ${it.image}” is one number (its thousands separator became a space), write ${joined}`,
        }, { fixes: [{ title: { zh: `改为 ${joined}`, en: `Change to ${joined}` }, edits: [{ start: prev.start, end: it.end, newText: joined }], preferred: true }] });
        i++;
        continue;
      }
      this.unexpected(it, it.kind === 'number'
        ? { zh: '第一个金额之后的金额需要栏目名（合计、基本、人员、公用、项目）', en: 'amounts after the first need a column label (合计, 基本, 人员, 公用, 项目)' }
        : { zh: '此处应为栏目名（合计、基本、人员、公用、项目）或金额', en: 'expected a column label (合计, 基本, 人员, 公用, 项目) or an amount' });
      i++;
    }
  }

  private setCell(row: Row, col: Column, a: Amount | undefined, at: Item): void {
    if (!a) return;
    const prev = row.cells[col];
    if (prev) this.repeated(at, at.image, prev.span);
    row.cells[col] = a;
  }

  readSource(items: Item[], i: number): { source: SourceRef; next: number } | undefined {
    let carried = false;
    if (items[i] && CARRIED_WORDS.includes(items[i].image)) {
      carried = true;
      i++;
    }
    const it = items[i];
    const item = it ? INCOME_ALIASES[it.image] : undefined;
    if (!item || !isFundingSource(item)) return undefined;
    return { source: { source: item, carried }, next: i + 1 };
  }

  // ── mapping, 三公, lists ────────────────────────────────────────────────────────────────────────────

  private bindMapping(stmts: Stmt[], unit: Unit): void {
    for (const s of stmts) {
      const nums = s.items.filter((i) => i.kind === 'number');
      if (s.block || nums.length !== 2 || !isAsciiDigits(nums[0].image) || !isAsciiDigits(nums[1].image)) {
        this.unknownStatement(s, 'mapping');
        continue;
      }
      for (const extra of s.items) {
        if (extra.kind !== 'number' && !/^(->|→|=>|对应)$/.test(extra.image) && extra.kind !== 'op') this.unexpected(extra, { zh: '对照行只写两个编码', en: 'a correspondence line holds two codes' });
      }
      unit.mapping.push({ dept: { text: nums[0].image, span: nums[0] }, gov: { text: nums[1].image, span: nums[1] }, span: s });
    }
  }

  private bindSangong(stmts: Stmt[], unit: MoneyUnit): SangongLine[] {
    const out: SangongLine[] = [];
    for (const s of stmts) {
      const items = s.items;
      const item = items[0] ? SANGONG_ITEMS[items[0].image] : undefined;
      if (!item || s.block) {
        this.unknownStatement(s, 'sangong');
        continue;
      }
      const line: SangongLine = { item, span: s, keySpan: items[0] };
      const prev = out.find((l) => l.item === item);
      if (prev) this.repeated(items[0], items[0].image, prev.keySpan);
      if (items[1]) line.amount = this.amount(items[1], unit);
      for (const extra of items.slice(2)) this.unexpected(extra, { zh: '每行一个金额', en: 'one amount per line' });
      out.push(line);
    }
    return out;
  }

  private bindList(s: Stmt, table: ListTableDecl['table'], unit: MoneyUnit): ListTableDecl {
    const decl: ListTableDecl = { table, empty: false, span: s, rows: [] };
    const rest = s.items.slice(1);
    if (rest.length === 1 && EMPTY_WORDS.includes(rest[0].image)) decl.empty = true;
    else for (const extra of rest) this.unexpected(extra, { zh: '此处应为“无”或“{ … }”块', en: 'expected “无” (none) or a “{ … }” block' });
    if (!s.block) {
      if (!decl.empty && !rest.length) this.expectMissing(s.items[0], { zh: `“${s.items[0].image}”`, en: `“${s.items[0].image}”` }, { zh: '“无”或“{ … }”块', en: '“无” or a “{ … }” block' });
      return decl;
    }
    const own = this.sectionUnit(s.block.stmts, unit);
    unit = own.unit;
    let totalRow: Item | undefined;
    for (const st of own.stmts) {
      const items = st.items;
      if (!items.length || st.block) {
        this.unknownStatement(st, 'unit');
        continue;
      }
      const row: ListRow = { cells: {}, span: st };
      // A column written twice in a row is reported, not silently overwritten.
      const setListCell = (col: string, a: Amount, at: Item): void => {
        const prev = row.cells[col];
        if (prev) this.repeated(at, at.image, prev.span);
        else row.cells[col] = a;
      };
      let i = 0;
      if (items[0].kind === 'number' && isAsciiDigits(items[0].image) && items[1] && items[1].kind !== 'number') {
        row.code = { text: items[0].image, span: items[0] };
        i = 1;
      }
      // The name: words (a word may hold digits: 金保工程2期) up to an amount or a column word.
      let nameEnd = i;
      while (nameEnd < items.length && items[nameEnd].kind !== 'number' && !(items[nameEnd].image in LIST_COLUMNS)) nameEnd = this.wordEnd(items, nameEnd);
      row.name = this.rest(items, i, nameEnd);
      // `合计 …` / `总计 …` with no name: the table's total row; `其中…`: a part of the row above.
      const plain = row.name?.text.replace(/[\s：:]/g, '');
      if (!row.code && (!row.name || plain === '合计' || plain === '总计') && /^(?:合计|总计)[：:]?$/.test(items[0].image)) {
        if (totalRow) this.repeated(items[0], items[0].image, totalRow);
        else totalRow = items[0];
        row.role = 'total';
      } else if (plain?.startsWith('其中')) row.role = 'part';
      i = nameEnd;
      let bare = false;
      while (i < items.length) {
        const it = items[i];
        const col = LIST_COLUMNS[it.image];
        if (col && items[i + 1]?.kind === 'number') {
          const a = this.amount(items[i + 1], unit);
          if (a) setListCell(col, a, it);
          i += 2;
        } else if (it.kind === 'number' && !bare) {
          bare = true;
          const a = this.amount(it, unit);
          if (a) setListCell('总计', a, it);
          i++;
        } else {
          this.unexpected(it, { zh: '此处应为金额或栏目名（总计、已分配、未分配）', en: 'expected an amount or a column (总计, 已分配, 未分配)' });
          i++;
        }
      }
      decl.rows.push(row);
    }
    if (decl.empty && decl.rows.length) this.unexpected(s.items[1], { zh: '声明为“无”的表不应有行', en: 'a table declared “无” has no rows' });
    return decl;
  }

  // ── 上年比较: year-on-year comparisons ─────────────────────────────────────────────────────────────

  /**
   * `<figure> [本年 金额] [上年 金额] [增减 ±金额 | 增加 金额 | 减少 金额 | 持平] [增幅 ±x% | 增长 x% | 下降 x%]`, one line
   * per compared figure, its columns in any order. A line states 上年, or at least the change (then 上年 is implied).
   */
  private bindComparison(stmts: Stmt[], unit: MoneyUnit): ComparisonLine[] {
    const out: ComparisonLine[] = [];
    for (const s of stmts) {
      const items = s.items;
      const figure = items[0] && !s.block ? COMPARE_FIGURES[items[0].image] : undefined;
      if (!figure) {
        this.unknownStatement(s, 'comparison');
        continue;
      }
      const line: ComparisonLine = { figure, keySpan: items[0], span: s };
      const prev = out.find((l) => compareFigureKey(l.figure) === compareFigureKey(figure));
      if (prev) this.repeated(items[0], items[0].image, prev.keySpan);
      const labels = new Map<string, Item>();
      let i = 1;
      while (i < items.length) {
        const it = items[i++];
        let col = it.kind === 'text' ? COMPARE_COLUMNS[it.image] : undefined;
        // 增长/下降 before an amount (“比上年下降19.79万元”) is the change, not its rate: no percent sign follows.
        if (col?.column === 'rate' && col.style !== 'signed') {
          const n = items[i]?.image === '+' ? i + 1 : i;
          if (items[n]?.kind === 'number' && items[n + 1]?.kind !== 'percent') col = { column: 'change', style: col.style };
        }
        if (!col) {
          this.unexpected(it, it.kind === 'number'
            ? { zh: '金额前应写栏目名（本年、上年、增减、增加、减少、增幅、增长、下降）', en: 'an amount follows a column word (本年, 上年, 增减, 增加, 减少, 增幅, 增长, 下降)' }
            : { zh: '此处应为栏目名（本年、上年、增减、增加、减少、持平、增幅、增长、下降）', en: 'expected a column word (本年, 上年, 增减, 增加, 减少, 持平, 增幅, 增长, 下降)' });
          continue;
        }
        const first = labels.get(col.column);
        if (first) this.repeated(it, it.image, first);
        else labels.set(col.column, it);
        if (col.style === 'flat') {
          if (!first) line.change = { style: 'flat', labelSpan: it };
          continue;
        }
        // A `+` written before the number (`增减 +1.00`, `增幅 +0.8%`).
        const plus = items[i]?.image === '+' && items[i + 1]?.kind === 'number' && items[i + 1].start === items[i].end ? items[i++] : undefined;
        const a = items[i];
        const what = { zh: `“${it.image}”`, en: `“${it.image}”` };
        if (!a || a.kind !== 'number') {
          this.expectMissing(plus ?? it, what, col.column === 'rate' ? { zh: '百分比（如 0.8%）', en: 'a percentage (e.g. 0.8%)' } : { zh: '金额', en: 'an amount' });
          continue;
        }
        i++;
        if (col.column === 'rate') {
          const pct = items[i];
          if (pct?.kind !== 'percent') {
            this.report('BUD003', a, { what: `“${it.image} ${a.image}”`, whatEn: `“${it.image} ${a.image}”`, expected: '百分号“%”', expectedEn: 'a percent sign “%”' }, {
              fixes: [{ title: { zh: '补上百分号“%”', en: 'Add the percent sign “%”' }, edits: [{ start: a.end, end: a.end, newText: '%' }], preferred: true }],
            });
            continue;
          }
          i++;
          const d = this.percentNumber(a);
          if (!d || first) continue;
          const style = col.style as Exclude<typeof col.style, 'flat'>;
          line.rate = { style, labelSpan: it, value: { ...d, text: plus ? `+${a.image}` : a.image, span: { start: (plus ?? a).start, end: pct.end } } };
          continue;
        }
        const amount = this.amount(a, unit);
        if (!amount || first) continue;
        if (plus) {
          amount.span = { start: plus.start, end: a.end };
          amount.text = `+${amount.text}`;
        }
        if (col.column === 'current') {
          line.current = amount;
          line.currentLabel = it;
        } else if (col.column === 'previous') {
          line.previous = amount;
          line.previousLabel = it;
        } else line.change = { style: col.style, amount, labelSpan: it };
      }
      if (!labels.has('previous') && !labels.has('change')) {
        this.expectMissing(items[0], { zh: `“${items[0].image}”`, en: `“${items[0].image}”` }, { zh: '上年数（上年 金额）或增减（增加/减少 金额）', en: 'last year’s figure (上年 amount) or the change (增加/减少 amount)' });
      }
      out.push(line);
    }
    return out;
  }

  /** The number of a percentage, exact (full-width digits and accounting negatives read, each with its fix). */
  private percentNumber(v: Item): ParsedDecimal | undefined {
    const d = v.negated !== undefined ? this.negatedAmount(v) : parseDecimal(v.image);
    if (!d) {
      this.badNumber(v);
      return undefined;
    }
    if (v.negated === undefined && /[０-９．，－−]/.test(v.image)) {
      const fixed = normalizeNumberText(v.image.replace(/，/g, ','));
      this.report('BUD005', v, { found: v.image, fixed }, {
        fixes: [{ title: { zh: `改为 ${fixed}`, en: `Change to ${fixed}` }, edits: [{ start: v.start, end: v.end, newText: fixed }], preferred: true }],
      });
    }
    return d;
  }

  // ── projects and performance ───────────────────────────────────────────────────────────────────────

  private bindProject(s: Stmt, unit: Unit): Project | undefined {
    const first = s.items[0];
    const name = this.rest(s.items, 1);
    if (!name) this.expectMissing(first, { zh: '“项目”', en: '“项目”' }, { zh: '项目名称', en: 'a project name' });
    if (!s.block) {
      this.report('BUD009', first, { word: '项目' });
      return undefined;
    }
    const p: Project = { name: name ?? { text: '', span: first }, span: s, funcRefs: [], bySource: [], econ: [] };
    // Each attribute once, whatever its spelling (金额 and 预算资金 are one attribute; 实施期限 gives both dates).
    const seen = new Map<string, { span: Span; word: string }>();
    const once = (at: Item, ...keys: string[]): void => {
      const w = at.image;
      const prev = keys.map((k) => seen.get(k)).find((x) => x !== undefined);
      if (prev) this.repeated(at, w, prev.span, prev.word === w ? undefined : prev.word);
      for (const k of keys) seen.set(k, { span: { start: at.start, end: at.end }, word: w });
    };
    // A project may state its own money unit.
    const own = this.sectionUnit(s.block.stmts, unit.moneyUnit);
    const mu = own.unit;
    for (const st of own.stmts) {
      const items = st.items;
      const w = items[0]?.image;
      if (!w) {
        this.unknownStatement(st, 'project');
        continue;
      }
      if (st.block && w !== '经济分类' && w !== '指标') {
        this.unknownStatement(st, 'project');
        continue;
      }
      // `其中 财政资金 …`: a part of 资金总额 on a line of its own, as the forms print it.
      const lead = /^其中[：:]?$/.test(w) && items.length > 1 ? 1 : 0;
      const attr = projectAttr(items[lead].image);
      if (attr && (!lead || attr.attr === 'fundsFiscal' || attr.attr === 'fundsOther')) {
        this.bindProjectAttr(p, items.slice(lead), attr.attr, attr.word, mu, once);
        continue;
      }
      const goal = PROJECT_GOAL_WORDS.includes(w);
      switch (goal ? '总体目标' : PROJECT_AMOUNT_WORDS.includes(w) ? '金额' : w) {
        case '内容':
        case '总体目标':
        case '主管部门':
        case '实施单位': {
          once(items[0], goal ? 'goal' : w);
          const v = this.rest(items, 1);
          if (!v) this.expectMissing(items[0], { zh: `“${w}”`, en: `“${w}”` }, { zh: '文字', en: 'text' });
          else if (w === '内容') p.content = v;
          else if (goal) p.goal = v;
          else if (w === '主管部门') p.supervisor = v;
          else p.implementer = v;
          break;
        }
        case '功能科目':
        case '功能分类科目': {
          // `功能科目 208 05 09 [金额]`: a two-digit amount is implausible here, so the last column joins too.
          const code = items[1] ? this.readCode(items.slice(1), 7, true) : undefined;
          if (!code) {
            this.expectMissing(items[0], { zh: `“${w}”`, en: `“${w}”` }, { zh: '功能分类编码', en: 'a function code' });
            break;
          }
          const ref: Project['funcRefs'][number] = { code: code.code, span: { start: items[1].start, end: items[code.used].end } };
          let j = 1 + code.used;
          // An optional name after the code is allowed (ignored: the code's name comes from 支出 or the catalog).
          if (items[j] && items[j].kind !== 'number') j = this.wordEnd(items, j);
          if (items[j]) {
            ref.amount = this.amount(items[j], mu);
            j++;
          }
          for (const extra of items.slice(j)) this.unexpected(extra, { zh: '功能科目行只写编码和金额', en: 'a 功能科目 line holds a code and an amount' });
          p.funcRefs.push(ref);
          break;
        }
        case '金额': {
          once(items[0], 'amount');
          if (!items[1]) this.expectMissing(items[0], { zh: `“${w}”`, en: `“${w}”` }, { zh: '金额', en: 'an amount' });
          else p.amount = this.amount(items[1], mu);
          for (const extra of items.slice(2)) this.unexpected(extra, { zh: '每行一个金额', en: 'one amount per line' });
          break;
        }
        case '经济分类':
          once(items[0], w);
          if (!st.block) this.report('BUD009', items[0], { word: w });
          else {
            p.econSpan = st;
            p.econ = this.bindProjectEcon(st.block.stmts, mu);
          }
          break;
        case '指标':
          once(items[0], w);
          if (!st.block) this.report('BUD009', items[0], { word: w });
          else p.indicators = this.bindIndicators(st, unit);
          break;
        default: {
          const r = this.readSource(items, 0);
          if (r) {
            const a = items[r.next];
            if (!a) this.expectMissing(items[0], { zh: `“${w}”`, en: `“${w}”` }, { zh: '金额', en: 'an amount' });
            else {
              const amt = this.amount(a, mu);
              if (amt) p.bySource.push({ source: r.source, amount: amt, span: st });
            }
            for (const extra of items.slice(r.next + 1)) this.unexpected(extra, { zh: '每行一个金额', en: 'one amount per line' });
          } else this.unknownStatement(st, 'project');
        }
      }
    }
    return p;
  }

  /**
   * The text of a value as written and where it starts: a quoted value (`"2024-01-01"`) without its quotes when it
   * has no escapes, so that offsets into it stay offsets into the document.
   */
  private valueAt(v: Named): { text: string; offset: number } {
    const raw = this.text.slice(v.span.start, v.span.end);
    return raw.length === v.text.length + 2 && raw[0] === '"' ? { text: v.text, offset: v.span.start + 1 } : { text: raw, offset: v.span.start };
  }

  /**
   * A project attribute of the published performance forms: free text (项目性质, 项目类别, 中长期目标), a date
   * (开始日期, 完成日期), a period (实施期限 `date 至 date`), an amount (上年结转资金, 财政资金, 其他资金), or
   * 资金总额 with its labelled parts on the same line (`资金总额 10.00 财政资金 8.00 其他资金 2.00`).
   */
  private bindProjectAttr(p: Project, items: Item[], attr: ProjectAttr, w: string, mu: MoneyUnit, once: (at: Item, ...keys: string[]) => void): void {
    const key = items[0];
    switch (attr) {
      case 'nature':
      case 'category':
      case 'longTermGoal': {
        once(key, attr);
        const v = this.rest(items, 1);
        if (!v) this.expectMissing(key, { zh: `“${w}”`, en: `“${w}”` }, { zh: '文字', en: 'text' });
        else p[attr] = v;
        return;
      }
      case 'startDate':
      case 'endDate': {
        once(key, attr);
        const v = this.rest(items, 1);
        if (!v) {
          this.expectMissing(key, { zh: `“${w}”`, en: `“${w}”` }, { zh: '日期（如 2024-01-01）', en: 'a date (e.g. 2024-01-01)' });
          return;
        }
        const at = this.valueAt(v);
        const d = readDate(at.text, at.offset);
        if (d) p[attr] = d;
        else this.report('BUD901', v.span, { found: v.text, what: '日期', whatEn: 'date', example: '2024-01-01 / 2024-01 / 2024年1月' });
        return;
      }
      case 'period': {
        once(key, 'startDate', 'endDate');
        const v = this.rest(items, 1);
        if (!v) {
          this.expectMissing(key, { zh: `“${w}”`, en: `“${w}”` }, { zh: '起止日期（如 2024-01-01 至 2026-12-31）', en: 'the start and end dates (e.g. 2024-01-01 至 2026-12-31)' });
          return;
        }
        const at = this.valueAt(v);
        // A fiscal year (`2025年`, `2025年度`) is the period of that year; a duration as forms print it (`一年`,
        // `3年`, `长期`) is kept as written, with no dates to check.
        const year = /^([0-9０-９]{4})年度?$/.exec(at.text);
        if (year) {
          const d = dateOf(at.text, at.offset, Number(asciiDigits(year[1])), undefined, undefined)!;
          p.period = v;
          p.startDate = d;
          p.endDate = d;
          return;
        }
        if (/^(?:[0-9０-９一二三四五六七八九十两]+(?:个)?(?:年|个月|月)|长期|常年|持续)$/.test(at.text)) {
          p.period = v;
          return;
        }
        const r = readPeriod(at.text, at.offset);
        if (!r) {
          this.report('BUD901', v.span, { found: v.text, what: '实施期限', whatEn: 'implementation period', example: '2024-01-01 至 2026-12-31' });
          return;
        }
        p.period = v;
        p.startDate = r.start;
        p.endDate = r.end;
        return;
      }
      case 'fundsTotal':
      case 'fundsFiscal':
      case 'fundsOther':
      case 'fundsCarried': {
        once(key, attr);
        const a = items[1];
        if (!a) {
          this.expectMissing(key, { zh: `“${w}”`, en: `“${w}”` }, { zh: '金额', en: 'an amount' });
          return;
        }
        p[attr] = this.amount(a, mu);
        let i = 2;
        // 资金总额 takes its parts on the same line: `财政资金 8.00 其他资金 2.00`, also after 其中： and with the
        // punctuation a form's text puts between them (`财政资金 8.00、其他资金 2.00`, `，其中：财政资金 …`).
        while (attr === 'fundsTotal' && i < items.length) {
          const word = items[i].image.replace(/^[、，,；;。]+/, '').replace(/^其中[：:]?/, '').replace(/[、，,；;。：:]+$/, '');
          if (!word) {
            i++;
            continue;
          }
          const part = projectAttr(word);
          if (!part || (part.attr !== 'fundsFiscal' && part.attr !== 'fundsOther')) break;
          once(items[i], part.attr);
          const b = items[i + 1];
          if (!b) {
            this.expectMissing(items[i], { zh: `“${part.word}”`, en: `“${part.word}”` }, { zh: '金额', en: 'an amount' });
            i++;
            break;
          }
          p[part.attr] = this.amount(b, mu);
          i += 2;
        }
        for (const extra of items.slice(i)) {
          this.unexpected(extra, attr === 'fundsTotal'
            ? { zh: '资金总额行为：资金总额 金额 [财政资金 金额] [其他资金 金额]', en: 'a 资金总额 line is: 资金总额 amount [财政资金 amount] [其他资金 amount]' }
            : { zh: '每行一个金额', en: 'one amount per line' });
        }
        return;
      }
    }
  }

  private bindProjectEcon(stmts: Stmt[], unit: MoneyUnit): EconLine[] {
    const out: EconLine[] = [];
    // An index loop: splitJoinedRows inserts the lines it splits off after the current one.
    for (let q = 0; q < stmts.length; q++) {
      const s = stmts[q];
      if (s.items.length) this.splitJoinedRows(s, [stmts], ROW_SHAPES.projectEcon);
      const items = s.items;
      const c = items.length && !s.block ? this.readCode(items, 5) : undefined;
      if (!c) {
        this.unknownStatement(s, 'projectEcon');
        continue;
      }
      const line: EconLine = { code: c.code, codeSpan: { start: items[0].start, end: items[c.used - 1].end }, span: s };
      let i = c.used;
      const nameStart = i;
      while (i < items.length && isNameItem(items[i])) i = this.wordEnd(items, i);
      if (i > nameStart) line.name = this.rest(items, nameStart, i);
      if (items[i]) {
        line.amount = this.amount(items[i], unit);
        i++;
      } else this.expectMissing(line.name?.span ?? line.codeSpan, { zh: `经济分类 ${c.code}`, en: `economic line ${c.code}` }, { zh: '金额', en: 'an amount' });
      for (const extra of items.slice(i)) this.unexpected(extra, { zh: '每行一个编码、名称和金额', en: 'one code, name and amount per line' });
      out.push(line);
    }
    return out;
  }

  private bindOverall(s: Stmt, stmts: Stmt[], unit: Unit): Overall {
    const o: Overall = { span: s, tasks: [] };
    for (const st of stmts) {
      const items = st.items;
      const w = items[0]?.image;
      if (w === '任务' && !st.block) {
        let end = items.length;
        let amount: Amount | undefined;
        if (items.length > 2 && items[end - 1].kind === 'number' && items[end - 1].start > items[end - 2].end) {
          amount = this.amount(items[end - 1], unit.moneyUnit);
          end--;
        }
        const name = this.rest(items, 1, end);
        if (!name) this.expectMissing(items[0], { zh: '“任务”', en: '“任务”' }, { zh: '任务名称', en: 'a task name' });
        else o.tasks.push({ name, amount, span: st });
      } else if ((w === '年度目标' || w === '年度绩效目标') && !st.block) {
        o.goal = this.rest(items, 1);
        if (!o.goal) this.expectMissing(items[0], { zh: `“${w}”`, en: `“${w}”` }, { zh: '文字', en: 'text' });
      } else if (w === '指标' || w === '年度绩效指标') {
        if (!st.block) this.report('BUD009', items[0], { word: w });
        else o.indicators = this.bindIndicators(st, unit);
      } else this.unknownStatement(st, 'overall');
    }
    return o;
  }

  private bindIndicators(s: Stmt, unit: Unit): IndicatorBlock {
    const block: IndicatorBlock = { span: s, indicators: [] };
    let level1: Named | undefined;
    let level2: Named | undefined;
    let deadline: Indicator['deadline'];
    for (const st of s.block!.stmts) {
      const items = st.items;
      if (!items.length || st.block) {
        this.unknownStatement(st, 'indicators');
        continue;
      }
      const w = items[0].image;
      if (w === '一级' || w === '二级') {
        const v = this.rest(items, 1);
        if (!v) this.expectMissing(items[0], { zh: `“${w}”`, en: `“${w}”` }, { zh: '指标名称', en: 'an indicator name' });
        if (w === '一级') {
          level1 = v;
          level2 = undefined;
        } else level2 = v;
        continue;
      }
      if (w === '时限' || w === '完成时限') {
        const d = items[1];
        if (!d) this.expectMissing(items[0], { zh: `“${w}”`, en: `“${w}”` }, { zh: '日期（如 2025-12）', en: 'a date (e.g. 2025-12)' });
        else deadline = this.date(d);
        for (const extra of items.slice(2)) this.unexpected(extra, { zh: '每行一个日期', en: 'one date per line' });
        continue;
      }
      const ind = this.bindIndicator(items, st);
      if (!ind) continue;
      ind.level1 = level1;
      ind.level2 = level2;
      if (!ind.deadline && deadline) {
        ind.deadline = deadline;
        ind.deadlineInherited = true;
      }
      block.indicators.push(ind);
    }
    return block;
  }

  private date(d: Item): Indicator['deadline'] {
    const m = /^(\d{4})(?:[-/年](\d{1,2})(?:[-/月](\d{1,2}))?)?/.exec(/[０-９．,，−－]/.test(d.image) ? normalizeNumberText(d.image) : d.image);
    const year = m ? Number(m[1]) : undefined;
    const month = m?.[2] ? Number(m[2]) : undefined;
    const day = m?.[3] ? Number(m[3]) : undefined;
    if (d.kind !== 'date' || !m || (month !== undefined && (month < 1 || month > 12)) || (day !== undefined && (day < 1 || day > 31))) {
      this.report('BUD608', d, { found: d.image });
      return { text: d.image, span: d };
    }
    return { text: d.image, span: d, year, month };
  }

  private bindIndicator(items: Item[], st: Stmt): Indicator | undefined {
    let i = this.wordEnd(items, 0);
    if (items[0].kind === 'op' || items[0].kind === 'percent') {
      this.report('BUD001', items[0], { expected: '指标名称', expectedEn: 'an indicator name', found: `“${items[0].image}”` });
      return undefined;
    }
    const name = this.rest(items, 0, i)!;
    const ind: Indicator = { name, span: st };
    // Date at the end.
    let end = items.length;
    if (end > i && items[end - 1].kind === 'date') {
      ind.deadline = this.date(items[end - 1]);
      end--;
    }
    if (i < end && items[i].kind === 'op') {
      const op = OPERATORS[items[i].image];
      ind.op = { op: op ?? '=', text: items[i].image, span: items[i] };
      i++;
    }
    if (i < end) {
      const v = items[i];
      if (v.kind === 'number') {
        const d = v.negated !== undefined ? this.negatedAmount(v) : parseDecimal(v.image);
        if (!d && tooManyDigits(v.image)) this.longNumber(v);
        else if (v.negated === undefined && /[０-９．，－−]/.test(v.image)) {
          const fixed = normalizeNumberText(v.image.replace(/，/g, ','));
          this.report('BUD005', v, { found: v.image, fixed }, {
            fixes: [{ title: { zh: `改为 ${fixed}`, en: `Change to ${fixed}` }, edits: [{ start: v.start, end: v.end, newText: fixed }], preferred: true }],
          });
        }
        ind.value = { kind: 'number', text: v.image, span: v, num: d };
        i++;
        if (i < end && (items[i].kind === 'percent' || items[i].kind === 'text' || items[i].kind === 'string')) {
          const uEnd = items[i].kind === 'percent' ? i + 1 : this.wordEnd(items, i);
          ind.unit = this.rest(items, i, uEnd);
          if (ind.unit && items[i].kind === 'percent') ind.unit.text = '%';
          i = uEnd;
        }
      } else if (v.kind === 'text' || v.kind === 'string' || v.kind === 'badstring') {
        // A qualitative value: the rest of the line before the deadline.
        const vEnd = end;
        const r = this.rest(items, i, vEnd)!;
        ind.value = { kind: 'text', text: r.text, span: r.span };
        i = vEnd;
      }
    }
    for (const extra of items.slice(i, end)) {
      this.unexpected(extra, { zh: '指标行为：名称 [运算符] [指标值 [度量单位]] [完成时限]', en: 'an indicator line is: name [operator] [value [unit]] [deadline]' });
    }
    return ind;
  }
}

/**
 * A project attribute word (PROJECT_ATTRS), also written after `其中：` as the forms print the parts of 资金总额
 * (`其中：财政资金`); `word` is the attribute's word without it.
 */
function projectAttr(w: string): { attr: ProjectAttr; word: string } | undefined {
  const attr = PROJECT_ATTRS[w];
  if (attr) return { attr, word: w };
  const m = /^其中[：:]?(.+)$/.exec(w);
  const part = m ? PROJECT_ATTRS[m[1]] : undefined;
  return part === 'fundsFiscal' || part === 'fundsOther' ? { attr: part, word: m![1] } : undefined;
}

/**
 * A date: `2024-01-01`, `2024/1/1`, `2024.01.01`, `2024-01`, `2024年1月1日`, `2024年1月`, `2024年`, `2024`. Five groups:
 * the year, the month and day of the numeric form, the month and day of the 年/月/日 form.
 */
const DATE = String.raw`(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?|年(?:(\d{1,2})月(?:(\d{1,2})日)?)?)?`;
/** The end of a period may leave out the year of its start: `2025年1月-12月` (groups: month, day). */
const MONTH_ONLY = String.raw`(\d{1,2})月(?:(\d{1,2})日)?`;
const SEPARATOR = String.raw`\s*(?:${[...PERIOD_SEPARATORS].sort((a, b) => b.length - a.length).map((x) => x.replace(/[-~]/g, '\\$&')).join('|')})\s*`;
const DATE_RE = new RegExp(`^${DATE}$`);
const PERIOD_RE = new RegExp(`^(${DATE})${SEPARATOR}(?:(${DATE})|(${MONTH_ONLY}))$`);

/** ASCII digits for full-width ones (the same length: offsets into the text stay valid). */
function asciiDigits(s: string): string {
  return /[０-９]/.test(s) ? s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30)) : s;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

/** A DateValue (text as written at `start`), or undefined when it is not a calendar date. */
function dateOf(text: string, start: number, year: number, month: number | undefined, day: number | undefined): DateValue | undefined {
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (month === undefined || day < 1 || day > daysIn(year, month))) return undefined;
  const d: DateValue = { text, span: { start, end: start + text.length }, year };
  if (month !== undefined) d.month = month;
  if (day !== undefined) d.day = day;
  return d;
}

/** The date that is the whole of `raw` (written at `offset`), or undefined. */
function readDate(raw: string, offset: number): DateValue | undefined {
  const m = DATE_RE.exec(asciiDigits(raw));
  return m ? dateOf(raw, offset, Number(m[1]), num(m[2] ?? m[4]), num(m[3] ?? m[5])) : undefined;
}

/**
 * A period, `date 至 date` (also 到, -, ~, —): the whole of `raw` (written at `offset`), each date a calendar
 * date; the end may leave out the year (`2025年1月-12月`). Undefined when the text is not such a period.
 */
function readPeriod(raw: string, offset: number): { start: DateValue; end: DateValue } | undefined {
  const m = PERIOD_RE.exec(asciiDigits(raw));
  if (!m) return undefined;
  // Groups: 1 the start (2–6 its parts), 7 a whole end (8–12), 13 an end without its year (14–15).
  const start = dateOf(raw.slice(0, m[1].length), offset, Number(m[2]), num(m[3] ?? m[5]), num(m[4] ?? m[6]));
  if (!start) return undefined;
  const endText = raw.slice(raw.length - (m[7] ?? m[13]).length);
  const endAt = offset + raw.length - endText.length;
  const end = m[7] !== undefined
    ? dateOf(endText, endAt, Number(m[8]), num(m[9] ?? m[11]), num(m[10] ?? m[12]))
    : dateOf(endText, endAt, start.year, num(m[14]), num(m[15]));
  return end ? { start, end } : undefined;
}

const INCOME_FUNC_ALLOWED = '<功能分类编码> [名称] [合计金额] [收入栏目 金额]…（栏目：合计 财政拨款收入 一般公共预算 政府性基金预算 国有资本经营预算 财政专户管理资金 单位资金 事业收入 事业单位经营收入 上级补助收入 附属单位上缴收入 其他收入 上年结转 …）, 合计 …';

/** A word that names a column of a 收入科目 row (so it ends a row's name). */
function incomeFuncWord(w: string): boolean {
  return INCOME_FUNC_TOTAL_WORDS.includes(w) || CARRIED_WORDS.includes(w) || w in INCOME_ALIASES;
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
  for (let j = k; j >= 1; j--) for (const t of tails[j]) path[j - 1].block!.stmts.push(t);
  insertAfter(list, list.indexOf(path[0]), tails[0]);
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

/**
 * The code at items[from] (see Binder.readCode), without reporting anything: its digits and the items it uses.
 */
function peekCode(items: Item[], from: number, maxLength: number, joinLast = false): { code: string; used: number } | undefined {
  const a = items[from];
  const first = a?.kind === 'number' ? codeDigits(a.image) : undefined;
  if (first === undefined) return undefined;
  let code = first;
  let used = 1;
  if (code.length === 3 || code.length === 5) {
    while (from + used < items.length - (joinLast ? 0 : 1) && code.length + 2 <= maxLength) {
      const n = items[from + used];
      const d = n.kind === 'number' ? codeDigits(n.image) : undefined;
      if (d !== undefined && d.length === 2 && n.start > items[from + used - 1].end) {
        code += d;
        used++;
      } else break;
    }
  }
  return { code, used };
}

/** What tells a row of a block of coded rows, for finding two rows joined on one line (Binder.splitJoinedRows). */
interface RowShape {
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

const ROW_SHAPES: Record<RowSection | 'incomeFunc' | 'projectEcon', RowShape> = {
  func: { lengths: [3, 5, 7], maxLength: 7, classDigit: '2', totalWords: ['合计', '总计'], isName: isNameItem },
  econ: { lengths: [3, 5], maxLength: 5, classDigit: '3', totalWords: ['合计', '总计'], isName: isNameItem },
  gov: { lengths: [3, 5], maxLength: 5, classDigit: '5', totalWords: ['合计', '总计'], isName: isNameItem },
  incomeFunc: { lengths: [3, 5, 7], maxLength: 7, classDigit: '2', totalWords: INCOME_FUNC_TOTAL_WORDS, isName: (i) => isNameItem(i) && !incomeFuncWord(i.image) },
  projectEcon: { lengths: [3, 5], maxLength: 5, classDigit: '3', totalWords: [], isName: isNameItem },
};

/** An item that can be (the start of) a row's name: text that is not a column label or 来源. */
function isNameItem(i: Item): boolean {
  return (i.kind === 'text' || i.kind === 'string' || i.kind === 'badstring' || i.kind === 'unknown') && !(i.image in COLUMN_LABELS) && i.image !== '来源';
}

function isWordish(i: Item): boolean {
  return i.kind === 'text' || i.kind === 'number' || i.kind === 'unknown' || i.kind === 'string';
}

/** Words that start a unit's body statement (sections, projects, tables): also allowed in a 部门 block. */
function isUnitBodyWord(w: string): boolean {
  return w in SECTION_ALIASES || w === '项目' || w in LIST_TABLES;
}

function isAttributeWord(w: string): boolean {
  return w === '编码' || w === '区划' || w === '年度' || w === '科目版本' || w === '金额单位' || w === '主管部门' || w === '性质' || w === '表式';
}

function isFundingSource(item: string): item is FundingSource {
  return (FUNDING_SOURCES as string[]).includes(item);
}

export function bind(text: string, tree: SyntaxTree): { model: BudgetModel; diagnostics: Diagnostic[]; unitDefaults: Map<Stmt, Defaults> } {
  const b = new Binder(text);
  const model = b.bindDocument(tree);
  return { model, diagnostics: b.diagnostics, unitDefaults: b.unitDefaults };
}

/** A block's own `金额单位 …` line (valid or not). */
export function isMoneyUnitStmt(s: Stmt): boolean {
  return s.items[0]?.image === '金额单位' && !s.block;
}

/** The unit a `金额单位` line states when it is well formed (`金额单位 万元` / `金额单位 元`), else undefined. */
export function declaredMoneyUnit(s: Stmt): MoneyUnit | undefined {
  const v = s.items[1];
  return isMoneyUnitStmt(s) && s.items.length === 2 && (v.image === '万元' || v.image === '元') ? v.image : undefined;
}

/** Inserts `items` after list[at], in place, without spreading them into a call (unbounded: it would overflow the stack). */
function insertAfter<T>(list: T[], at: number, items: T[]): void {
  if (!items.length) return;
  const tail = list.splice(at + 1);
  for (const x of items) list.push(x);
  for (const x of tail) list.push(x);
}
