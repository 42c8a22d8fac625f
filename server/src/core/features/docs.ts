/**
 * Documentation of the language's words, for completion and hover. A statement's own words are documented by the
 * statement table (statements.ts); these are the words inside statements: column labels, 来源 and 上年结转, rounding
 * modes, 无, the columns of a 上年比较 line.
 */
import type { Text2 } from '../diagnostics';
import { allStatements } from '../statements';

export const WORD_DOCS: Record<string, Text2> = {
  来源: { zh: '资金来源（默认 一般公共预算）', en: 'Funding source (default 一般公共预算)' },
  无: { zh: '空表', en: 'An empty table' },
  合计: { zh: '合计行（声明的合计会被核对）', en: 'The total row (declared totals are checked)' },
  基本: { zh: '基本支出 = 人员 + 公用', en: 'Basic expenditure = personnel + public' },
  人员: { zh: '人员经费', en: 'Personnel' },
  公用: { zh: '公用经费', en: 'Public (operating) funds' },
  精确: { zh: '合计必须精确相等', en: 'Totals must agree exactly' },
  容差: { zh: '允许公布数的舍入误差', en: 'Allow the rounding of published figures' },
  上年结转: { zh: '上年结转资金（后接资金来源）', en: 'Money carried over from last year (followed by a source)' },
  本年: { zh: '本年数（可不写：按各表计算；写出时核对）', en: 'This year’s figure (optional: computed from the tables; checked when written)' },
  上年: { zh: '上年数', en: 'Last year’s figure' },
  增减: { zh: '增减额 = 本年 − 上年（可为负数）', en: 'The change = this year − last year (may be negative)' },
  增加: { zh: '比上年增加的金额', en: 'The increase over last year' },
  减少: { zh: '比上年减少的金额', en: 'The decrease from last year' },
  持平: { zh: '与上年持平（增减为 0）', en: 'Unchanged from last year (a change of 0)' },
  增幅: { zh: '增减率 = (本年 − 上年) ÷ 上年，百分比（可为负数）', en: 'The rate of change = (this year − last year) ÷ last year, in percent (may be negative)' },
  增长: { zh: '比上年增长的百分比', en: 'The growth over last year, in percent' },
  下降: { zh: '比上年下降的百分比', en: 'The decline from last year, in percent' },
};

/** Every word documented: each statement's words (the first context that has the word), then WORD_DOCS. */
export const KEYWORD_DOCS: Record<string, Text2> = ((): Record<string, Text2> => {
  const out: Record<string, Text2> = Object.create(null) as Record<string, Text2>;
  for (const { statement } of allStatements()) for (const w of statement.words) out[w] ??= statement.doc;
  for (const [w, d] of Object.entries(WORD_DOCS)) out[w] ??= d;
  return out;
})();
