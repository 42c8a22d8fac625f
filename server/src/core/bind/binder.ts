/**
 * The binder's state and its shared helpers: the diagnostics it reports, the text it reads, and the small
 * readers every statement's bind function uses (the rest of a line as a name, a word of adjacent items, the
 * BUD002–BUD004/BUD008 reports). The bind functions themselves live beside it, one file per concern.
 */
import type { Diagnostic, DiagnosticCode, Span, Text2 } from '../diagnostics';
import { severityOf } from '../diagnostics';
import { COMPARE_FIGURE_WORDS } from '../keywords';
import type { Named } from '../model';
import type { MoneyUnit } from '../money';
import { ordinarySpaces } from '../blank';
import { itemValue, type Item, type Stmt } from '../syntax';

const FIRST_WRITTEN: Text2 = { zh: '第一次出现', en: 'first written here' };

/** What a container (the top level, a 部门 block) passes down to the units inside it. */
export interface Defaults {
  year?: number;
  yearSpan?: Span;
  moneyUnit?: MoneyUnit;
  supervisor?: Named;
  kind?: Named;
  region?: Named;
  department?: Named;
}

export const CONTEXT_NAMES: Record<string, Text2> = {
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

export const ALLOWED: Record<string, string> = {
  top: '部门 单位 舍入 年度 金额单位 主管部门 性质 区划',
  department: '单位 编码 年度 金额单位 主管部门 性质 区划',
  unit: '编码 区划 年度 金额单位 主管部门 性质 收入 收入科目 支出 经济分类 政府经济分类 对照 三公 项目 整体绩效 上年比较 政府性基金支出 债务支出 政府采购 政府购买服务 专项资金',
  project: '内容 功能科目 金额 一般公共预算… 上年结转 主管部门 实施单位 总体目标 中长期目标 项目性质 项目类别 开始日期 完成日期 实施期限 资金总额 上年结转资金 经济分类 指标',
  indicators: '一级 二级 时限 <指标名称> …',
  overall: '任务 年度目标 指标',
  income: '一般公共预算 政府性基金预算 国有资本经营预算 财政专户管理资金 单位资金 事业收入 … 财政拨款 本年收入合计 上年结转 上年结转结余 收入总计',
  sangong: '合计 因公出国（境）费 公务用车购置及运行费 公务用车购置费 公务用车运行费 公务接待费 机关运行经费',
  mapping: '<部门经济分类编码> <政府经济分类编码>',
  projectEcon: '<经济分类编码> [名称] <金额>',
  comparison: `<比较项目> [本年 金额] [上年 金额] [增减 金额 | 增加 金额 | 减少 金额 | 持平] [增幅 x% | 增长 x% | 下降 x%]（上年与增减至少写一项；比较项目：${COMPARE_FIGURE_WORDS.join(' ')} …）`,
};

/** The codes the binder reports (tidy.ts's among them: TIDY_CODES); its `report` takes no other. */
export const BIND_CODES = [
  'BUD001', 'BUD002', 'BUD003', 'BUD004', 'BUD005', 'BUD006', 'BUD007', 'BUD008', 'BUD009', 'BUD012', 'BUD013', 'BUD014', 'BUD015', 'BUD016',
  'BUD017', 'BUD608', 'BUD701', 'BUD702', 'BUD802', 'BUD803', 'BUD804', 'BUD901',
] as const satisfies readonly DiagnosticCode[];
export type BindCode = (typeof BIND_CODES)[number];

/** Reports diagnostics about a text (the tidy pass and the binder). */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly text: string) {}

  report(code: BindCode, span: Span, args: Record<string, string | number> = {}, extra: Partial<Diagnostic> = {}): void {
    this.diagnostics.push({ code, severity: severityOf(code), start: span.start, end: span.end, args, ...extra });
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
