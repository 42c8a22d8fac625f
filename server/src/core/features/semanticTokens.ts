/**
 * Semantic tokens. Keywords of this language are positional (a name may equal a keyword), so the tokens are
 * classified by walking the statements with the context of their block, like the binder does: statement
 * words, codes, amounts, names, operators, units of measure, dates, free text and comments.
 */
import type { Analysis } from '../analyze';
import {
  CARRIED_WORDS, COLUMN_LABELS, COMPARE_COLUMNS, COMPARE_FIGURES, EMPTY_WORDS, FUNC_EXTRAS, FUNDING_SOURCES, INCOME_ALIASES, INCOME_FUNC_TOTAL_WORDS,
  LIST_COLUMNS, LIST_TABLES, PERIOD_SEPARATORS, PROJECT_AMOUNT_WORDS, PROJECT_ATTRS, PROJECT_GOAL_WORDS, SANGONG_ITEMS, SECTION_ALIASES,
} from '../keywords';
import type { Item, Stmt } from '../syntax';
import { childContext, type BlockContext } from './locate';
import type { SemanticToken } from './types';

/** Token types, in legend order (standard LSP names so that every theme colours them). */
export const SEMANTIC_TOKEN_TYPES = [
  'keyword', 'number', 'enumMember', 'variable', 'namespace', 'function', 'operator', 'type', 'string', 'comment', 'macro', 'property',
] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'readonly'] as const;

export type TokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
const TYPE_INDEX = new Map<string, number>(SEMANTIC_TOKEN_TYPES.map((t, i) => [t, i]));
const DECLARATION = 1;

const ATTRS = new Set(['编码', '区划', '年度', '科目版本', '金额单位', '主管部门', '性质', '表式']);
const PROJECT_TEXT = new Set(['内容', ...PROJECT_GOAL_WORDS, '主管部门', '实施单位']);
const SOURCES = new Set<string>(FUNDING_SOURCES);

/** A word naming a 收入科目 column. */
function incomeWord(w: string): boolean {
  return INCOME_FUNC_TOTAL_WORDS.includes(w) || CARRIED_WORDS.includes(w) || w in INCOME_ALIASES;
}

interface Tok {
  start: number;
  end: number;
  type: TokenType;
  mod: number;
}

/** Tokens of the whole document, or of the statements intersecting `range` (the visible part). */
export function semanticTokens(a: Analysis, range?: { start: number; end: number }): SemanticToken[] {
  const wanted = (s: Stmt): boolean => !range || (s.start <= range.end && s.end >= range.start);
  const toks: Tok[] = [];
  const put = (i: Item | undefined, type: TokenType, mod = 0): void => {
    if (i && i.end > i.start) toks.push({ start: i.start, end: i.end, type, mod });
  };
  const fallback = (i: Item): void => {
    switch (i.kind) {
      case 'number': put(i, 'number'); break;
      case 'op': put(i, 'operator'); break;
      case 'percent': put(i, 'type'); break;
      case 'date': put(i, 'macro'); break;
      case 'string': case 'badstring': put(i, 'string'); break;
    }
  };
  const rest = (items: Item[], from: number, type: TokenType, mod = 0): void => {
    for (const i of items.slice(from)) put(i, type, mod);
  };
  const wordEnd = (items: Item[], i: number): number => {
    let j = i + 1;
    while (j < items.length && items[j].start === items[j - 1].end && items[j].kind !== 'op' && items[j].kind !== 'percent' && items[j - 1].kind !== 'op') j++;
    return j;
  };
  /** A code at items[i] (possibly written in columns), returns the index after it. */
  const code = (items: Item[], i: number): number => {
    const first = items[i];
    if (!first || first.kind !== 'number' || !/^\d+$/.test(first.image)) return i;
    put(first, 'enumMember');
    let j = i + 1;
    let len = first.image.length;
    if (len === 3 || len === 5) {
      while (j < items.length && len < 7 && items[j].kind === 'number' && /^\d{2}$/.test(items[j].image) && items[j].start > items[j - 1].end) {
        put(items[j], 'enumMember');
        len += 2;
        j++;
      }
    }
    return j;
  };
  const cells = (items: Item[], from: number): void => {
    for (let i = from; i < items.length; i++) {
      const it = items[i];
      const w = it.image;
      if (w === '来源' || COLUMN_LABELS[w] || CARRIED_WORDS.includes(w)) put(it, 'keyword');
      else if (SOURCES.has(INCOME_ALIASES[w] ?? '')) put(it, 'enumMember');
      else if (it.kind === 'text') put(it, 'variable');
      else fallback(it);
    }
  };
  const attribute = (s: Stmt): boolean => {
    const w = s.items[0].image;
    if (!ATTRS.has(w) || s.block) return false;
    put(s.items[0], 'keyword');
    const v = s.items.slice(1);
    if (w === '金额单位') rest(s.items, 1, 'type');
    else if (w === '编码' || w === '区划') rest(s.items, 1, 'enumMember');
    else if (w === '年度') v.forEach(fallback);
    else if (w === '性质' || w === '表式') rest(s.items, 1, 'enumMember');
    else rest(s.items, 1, 'namespace');
    return true;
  };

  const walk = (stmts: Stmt[], ctx: BlockContext): void => {
    for (const s of stmts) {
      if (!wanted(s)) continue;
      const items = s.items;
      const first = items[0];
      if (first) {
        const w = first.image;
        switch (ctx) {
          case 'top':
          case 'department':
          case 'unit':
            if (attribute(s)) break;
            if ((w === '单位' || w === '部门') && ctx !== 'unit') {
              put(first, 'keyword');
              rest(items, 1, 'namespace', DECLARATION);
            } else if (w === '舍入' && ctx === 'top') {
              put(first, 'keyword');
              rest(items, 1, 'keyword');
            } else if (ctx === 'unit' && w === '项目') {
              put(first, 'keyword');
              rest(items, 1, 'function', DECLARATION);
            } else if (ctx === 'unit' && (SECTION_ALIASES[w] || LIST_TABLES[w])) {
              put(first, 'keyword');
              for (const i of items.slice(1)) EMPTY_WORDS.includes(i.image) ? put(i, 'keyword') : fallback(i);
            } else items.forEach(fallback);
            break;
          case 'income': {
            let i = 0;
            if (CARRIED_WORDS.includes(w) && items[1] && INCOME_ALIASES[items[1].image]) put(items[i++], 'keyword');
            const alias = INCOME_ALIASES[items[i]?.image ?? ''];
            if (alias) put(items[i], SOURCES.has(alias) ? 'enumMember' : 'keyword');
            else if (items[i]) fallback(items[i]);
            items.slice(i + 1).forEach(fallback);
            break;
          }
          case 'incomeFunc': {
            // 收入科目 rows: code, name, then columns (合计 and 上年结转 are keywords, sources enum members).
            let i = INCOME_FUNC_TOTAL_WORDS.includes(w) ? 1 : code(items, 0);
            if (i === 0) {
              items.forEach(fallback);
              break;
            }
            if (i === 1 && INCOME_FUNC_TOTAL_WORDS.includes(w)) put(first, 'keyword');
            else while (i < items.length && items[i].kind !== 'number' && !incomeWord(items[i].image) && !COLUMN_LABELS[items[i].image] && items[i].image !== '来源') put(items[i++], 'variable');
            for (const it of items.slice(i)) {
              const alias = INCOME_ALIASES[it.image];
              if (INCOME_FUNC_TOTAL_WORDS.includes(it.image) || CARRIED_WORDS.includes(it.image)) put(it, 'keyword');
              else if (alias) put(it, SOURCES.has(alias) ? 'enumMember' : 'keyword');
              else if (it.kind === 'text') put(it, 'variable');
              else fallback(it);
            }
            break;
          }
          case 'func':
          case 'econ':
          case 'gov': {
            if (FUNC_EXTRAS[w] || w === '合计' || w === '总计') {
              put(first, 'keyword');
              cells(items, 1);
              break;
            }
            let i = code(items, 0);
            if (i === 0) {
              items.forEach(fallback);
              break;
            }
            while (i < items.length && items[i].kind !== 'number' && !COLUMN_LABELS[items[i].image] && items[i].image !== '来源') put(items[i++], 'variable');
            cells(items, i);
            break;
          }
          case 'mapping':
            for (const it of items) it.kind === 'number' ? put(it, 'enumMember') : put(it, 'operator');
            break;
          case 'sangong':
            if (SANGONG_ITEMS[w]) put(first, 'keyword');
            else fallback(first);
            items.slice(1).forEach(fallback);
            break;
          case 'project':
            if (PROJECT_TEXT.has(w)) {
              put(first, 'keyword');
              rest(items, 1, w === '主管部门' || w === '实施单位' ? 'namespace' : 'string');
            } else if (w === '功能科目' || w === '功能分类科目') {
              put(first, 'keyword');
              const j = code(items, 1);
              for (const it of items.slice(j)) it.kind === 'number' ? put(it, 'number') : put(it, 'variable');
            } else if (PROJECT_AMOUNT_WORDS.includes(w) || w === '经济分类' || w === '指标') {
              put(first, 'keyword');
              items.slice(1).forEach(fallback);
            } else if (PROJECT_ATTRS[w]) {
              // The performance form's attributes: text, dates (every piece of `2024年`, `至` a separator), amounts.
              put(first, 'keyword');
              const attr = PROJECT_ATTRS[w];
              if (attr === 'nature' || attr === 'category' || attr === 'longTermGoal') rest(items, 1, 'string');
              else if (attr === 'startDate' || attr === 'endDate' || attr === 'period') {
                for (const it of items.slice(1)) put(it, PERIOD_SEPARATORS.includes(it.image) ? 'keyword' : 'macro');
              } else {
                for (const it of items.slice(1)) {
                  if (it.kind === 'text' && /^(?:其中[：:]?)?(?:财政资金|其他资金)?$/.test(it.image)) put(it, 'keyword');
                  else fallback(it);
                }
              }
            } else cells(items, 0);
            break;
          case 'projectEcon': {
            const j = code(items, 0);
            for (const it of items.slice(j)) it.kind === 'number' ? put(it, 'number') : it.kind === 'text' ? put(it, 'variable') : fallback(it);
            break;
          }
          case 'indicators':
            if (w === '一级' || w === '二级') {
              put(first, 'keyword');
              rest(items, 1, 'property');
            } else if (w === '时限' || w === '完成时限') {
              put(first, 'keyword');
              items.slice(1).forEach(fallback);
            } else indicator(items);
            break;
          case 'overall':
            if (w === '任务') {
              put(first, 'keyword');
              const last = items.length > 2 && items[items.length - 1].kind === 'number' ? items.length - 1 : items.length;
              for (const it of items.slice(1, last)) put(it, 'variable');
              if (last < items.length) put(items[last], 'number');
            } else if (w === '年度目标' || w === '年度绩效目标') {
              put(first, 'keyword');
              rest(items, 1, 'string');
            } else if (w === '指标' || w === '年度绩效指标') put(first, 'keyword');
            else items.forEach(fallback);
            break;
          case 'comparison':
            // The compared figure and the column words are keywords; amounts and percentages as usual.
            if (COMPARE_FIGURES[w]) put(first, 'keyword');
            else fallback(first);
            for (const it of items.slice(1)) COMPARE_COLUMNS[it.image] ? put(it, 'keyword') : fallback(it);
            break;
          case 'list': {
            let i = 0;
            if (first.kind === 'number' && /^\d+$/.test(w) && items[1] && items[1].kind !== 'number') put(items[i++], 'enumMember');
            for (const it of items.slice(i)) {
              if (LIST_COLUMNS[it.image]) put(it, 'keyword');
              else if (it.kind === 'text' || it.kind === 'string') put(it, 'variable');
              else fallback(it);
            }
            break;
          }
          default:
            items.forEach(fallback);
        }
      }
      if (s.block) walk(s.block.stmts, childContext(ctx, first?.image));
    }
  };

  const indicator = (items: Item[]): void => {
    if (items[0].kind === 'op' || items[0].kind === 'percent') {
      items.forEach(fallback);
      return;
    }
    let i = wordEnd(items, 0);
    for (const it of items.slice(0, i)) put(it, 'variable');
    let end = items.length;
    if (end > i && items[end - 1].kind === 'date') {
      put(items[end - 1], 'macro');
      end--;
    }
    if (i < end && items[i].kind === 'op') put(items[i++], 'operator');
    if (i < end && items[i].kind === 'number') {
      put(items[i++], 'number');
      for (const it of items.slice(i, end)) put(it, 'type');
    } else for (const it of items.slice(i, end)) put(it, 'string');
  };

  walk(a.tree.stmts, 'top');
  for (const c of a.tree.comments) {
    if (!range || (c.start <= range.end && c.end >= range.start)) toks.push({ start: c.start, end: c.end, type: 'comment', mod: 0 });
  }
  toks.sort((x, y) => x.start - y.start || y.end - x.end);
  const out: SemanticToken[] = [];
  let last = -1;
  for (const t of toks) {
    if (t.start < last) continue;
    // Tokens never span lines (items and comments are single-line), but guard against it anyway.
    const nl = a.text.slice(t.start, t.end).search(/[\r\n]/);
    const end = nl >= 0 ? t.start + nl : t.end;
    if (end <= t.start) continue;
    out.push({ start: t.start, length: end - t.start, type: TYPE_INDEX.get(t.type)!, modifiers: t.mod });
    last = end;
  }
  return out;
}
