/**
 * Semantic tokens. Keywords of this language are positional (a name may equal a keyword), so the tokens are
 * classified by walking the statements with the context of their block as the binder does (statementOf): each
 * statement is highlighted by the kind the statement table gives it (statements.ts) — statement words, codes,
 * amounts, names, operators, units of measure, dates, free text — and comments.
 */
import type { Analysis } from '../analyze';
import {
  CARRIED_WORDS, COLUMN_LABELS, COMPARE_COLUMNS, EMPTY_WORDS, FUNDING_SOURCES, INCOME_ALIASES, INCOME_FUNC_TOTAL_WORDS, LIST_COLUMNS, PERIOD_SEPARATORS,
} from '../keywords';
import { statementOf, type Highlight } from '../statements';
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
  /** The columns of a 说明 line: column words are keywords, amounts and percentages as usual. */
  const columns = (items: Item[], from: number): void => {
    for (const it of items.slice(from)) {
      if (COMPARE_COLUMNS[it.image]) put(it, 'keyword');
      else fallback(it);
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
  /** The statement's word, then the rest of the line as one type. */
  const keywordThen = (items: Item[], type: TokenType): void => {
    put(items[0], 'keyword');
    rest(items, 1, type);
  };
  /** The highlighter of each kind of statement (statements.ts): the items of a recognised line, `lead` prefix items first. */
  const HIGHLIGHTERS: Record<Highlight, (items: Item[], lead: number) => void> = {
    declaration: (items) => {
      put(items[0], 'keyword');
      rest(items, 1, 'namespace', DECLARATION);
    },
    project: (items) => {
      put(items[0], 'keyword');
      rest(items, 1, 'function', DECLARATION);
    },
    section: (items) => {
      put(items[0], 'keyword');
      for (const i of items.slice(1)) {
        if (EMPTY_WORDS.includes(i.image)) put(i, 'keyword');
        else fallback(i);
      }
    },
    rounding: (items) => rest(items, 0, 'keyword'),
    year: (items) => {
      put(items[0], 'keyword');
      items.slice(1).forEach(fallback);
    },
    moneyUnit: (items) => keywordThen(items, 'type'),
    enum: (items) => keywordThen(items, 'enumMember'),
    name: (items) => keywordThen(items, 'namespace'),
    text: (items) => keywordThen(items, 'string'),
    funcCode: (items) => {
      put(items[0], 'keyword');
      const j = code(items, 1);
      for (const it of items.slice(j)) put(it, it.kind === 'number' ? 'number' : 'variable');
    },
    amount: (items, lead) => {
      rest(items.slice(0, lead + 1), 0, 'keyword');
      items.slice(lead + 1).forEach(fallback);
    },
    // The performance form's dates: every piece of `2024年` (`至` a separator).
    dates: (items) => {
      put(items[0], 'keyword');
      for (const it of items.slice(1)) put(it, PERIOD_SEPARATORS.includes(it.image) ? 'keyword' : 'macro');
    },
    funds: (items) => {
      put(items[0], 'keyword');
      for (const it of items.slice(1)) {
        if (it.kind === 'text' && /^(?:其中[：:]?)?(?:财政资金|其他资金)?$/.test(it.image)) put(it, 'keyword');
        else fallback(it);
      }
    },
    block: (items) => {
      put(items[0], 'keyword');
      items.slice(1).forEach(fallback);
    },
    incomeItem: (items, lead) => {
      rest(items.slice(0, lead), 0, 'keyword');
      put(items[lead], SOURCES.has(INCOME_ALIASES[items[lead].image]) ? 'enumMember' : 'keyword');
      items.slice(lead + 1).forEach(fallback);
    },
    source: (items) => cells(items, 0),
    sangongItem: (items) => {
      put(items[0], 'keyword');
      items.slice(1).forEach(fallback);
    },
    totalRow: (items) => {
      put(items[0], 'keyword');
      cells(items, 1);
    },
    codeRow: (items) => {
      let i = code(items, 0);
      if (i === 0) {
        items.forEach(fallback);
        return;
      }
      while (i < items.length && items[i].kind !== 'number' && !COLUMN_LABELS[items[i].image] && items[i].image !== '来源') put(items[i++], 'variable');
      cells(items, i);
    },
    // 收入科目 rows: code, name, then columns (合计 and 上年结转 are keywords, sources enum members).
    incomeFuncRow: (items) => {
      const w = items[0].image;
      let i = INCOME_FUNC_TOTAL_WORDS.includes(w) ? 1 : code(items, 0);
      if (i === 0) {
        items.forEach(fallback);
        return;
      }
      if (i === 1 && INCOME_FUNC_TOTAL_WORDS.includes(w)) put(items[0], 'keyword');
      else while (i < items.length && items[i].kind !== 'number' && !incomeWord(items[i].image) && !COLUMN_LABELS[items[i].image] && items[i].image !== '来源') put(items[i++], 'variable');
      for (const it of items.slice(i)) {
        const alias = INCOME_ALIASES[it.image];
        if (INCOME_FUNC_TOTAL_WORDS.includes(it.image) || CARRIED_WORDS.includes(it.image)) put(it, 'keyword');
        else if (alias) put(it, SOURCES.has(alias) ? 'enumMember' : 'keyword');
        else if (it.kind === 'text') put(it, 'variable');
        else fallback(it);
      }
    },
    mapping: (items) => {
      for (const it of items) put(it, it.kind === 'number' ? 'enumMember' : 'operator');
    },
    econLine: (items) => {
      const j = code(items, 0);
      for (const it of items.slice(j)) {
        if (it.kind === 'number' || it.kind === 'text') put(it, it.kind === 'number' ? 'number' : 'variable');
        else fallback(it);
      }
    },
    level: (items) => {
      put(items[0], 'keyword');
      rest(items, 1, 'property');
    },
    deadline: (items) => {
      put(items[0], 'keyword');
      items.slice(1).forEach(fallback);
    },
    indicator: (items) => indicator(items),
    task: (items) => {
      put(items[0], 'keyword');
      const last = items.length > 2 && items[items.length - 1].kind === 'number' ? items.length - 1 : items.length;
      for (const it of items.slice(1, last)) put(it, 'variable');
      if (last < items.length) put(items[last], 'number');
    },
    // The compared figure and the column words are keywords; amounts and percentages as usual.
    comparison: (items) => {
      put(items[0], 'keyword');
      columns(items, 1);
    },
    // A 说明 line of a code: the code, its name, then the columns of a comparison.
    compareCode: (items) => {
      let i = code(items, 0);
      if (i === 0) {
        items.forEach(fallback);
        return;
      }
      while (i < items.length && items[i].kind !== 'number' && !COMPARE_COLUMNS[items[i].image]) put(items[i++], 'variable');
      columns(items, i);
    },
    listRow: (items) => {
      let i = 0;
      if (items[0].kind === 'number' && /^\d+$/.test(items[0].image) && items[1] && items[1].kind !== 'number') put(items[i++], 'enumMember');
      for (const it of items.slice(i)) {
        if (LIST_COLUMNS[it.image]) put(it, 'keyword');
        else if (it.kind === 'text' || it.kind === 'string') put(it, 'variable');
        else fallback(it);
      }
    },
    // A row of a 印出 block: the row (a code, or a word: 合计, a label), then each column (a property) and its amount.
    printedRow: (items) => {
      let i = code(items, 0);
      if (i === 0) {
        const j = wordEnd(items, 0);
        for (const it of items.slice(0, j)) put(it, items[0].image === '合计' ? 'keyword' : 'variable');
        i = j;
      }
      for (const it of items.slice(i)) put(it, it.kind === 'number' ? 'number' : 'property');
    },
  };

  const walk = (stmts: Stmt[], ctx: BlockContext): void => {
    for (const s of stmts) {
      if (!wanted(s)) continue;
      const r = ctx === 'unknown' ? undefined : statementOf(ctx, s);
      if (r) HIGHLIGHTERS[r.statement.highlight](s.items, r.lead);
      else s.items.forEach(fallback);
      if (s.block) walk(s.block.stmts, childContext(ctx, s));
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

  walk(a.tidied.stmts, 'top');
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
