/**
 * The statement table (server/src/core/statements.ts) is the one place a statement is declared: every statement of
 * every context must be read by the binder, listed by BUD002, offered by completion, highlighted (semantic tokens
 * and the TextMate grammar), documented on hover and in the keyword docs. Each test below fails when a statement is
 * missing from one of them.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { complete } from '../../server/src/core/features/completion';
import { KEYWORD_DOCS } from '../../server/src/core/features/docs';
import { hover } from '../../server/src/core/features/hover';
import { SEMANTIC_TOKEN_TYPES, semanticTokens } from '../../server/src/core/features/semanticTokens';
import { renderMessage } from '../../server/src/core/diagnostics';
import { allKeywords, allStatements, allowedIn, STATEMENTS, type Context, type Statement } from '../../server/src/core/statements';
import { ROOT } from './util';

/** How to reach a context from the top level: the statements (word and name) whose blocks hold it, outermost first. */
function pathTo(context: Context): string[] {
  const paths = new Map<Context, string[]>([['top', []]]);
  const queue: Context[] = ['top'];
  while (queue.length) {
    const c = queue.shift()!;
    for (const s of STATEMENTS[c] as readonly Statement[]) {
      const inner = s.block?.context;
      if (!inner || paths.has(inner)) continue;
      // A declaration takes a name (`单位 甲 {`); a section does not.
      paths.set(inner, [...paths.get(c)!, s.shape.startsWith('<') ? `${s.words[0]} 甲` : s.words[0]]);
      queue.push(inner);
    }
  }
  const p = paths.get(context);
  assert.ok(p, `${context} is not reachable from the top level`);
  return p;
}

/** A document with `line` (the cursor at ¦, if any) in a block of `context`, and the line's offset. */
function inContext(context: Context, line: string): { text: string; at: number; cursor: number } {
  const path = pathTo(context);
  const open = path.map((h, i) => `${'  '.repeat(i)}${h} {\n`).join('');
  const close = path.map((_, i) => `${'  '.repeat(path.length - 1 - i)}}\n`).join('');
  const indent = '  '.repeat(path.length);
  const before = `年度 2025\n${open}${indent}`;
  const cursor = line.indexOf('¦');
  const body = line.replace('¦', '');
  return { text: `${before}${body}\n${close}`, at: before.length, cursor: cursor < 0 ? -1 : before.length + cursor };
}

/** A line of each row statement (a statement without a word), by context. */
const ROWS: Partial<Record<Context, string>> = {
  incomeFunc: '208 社会保障和就业支出 1.00',
  func: '208 社会保障和就业支出 1.00',
  econ: '301 工资福利支出 1.00',
  gov: '501 机关工资福利支出 1.00',
  mapping: '30101 50101',
  projectEcon: '30201 办公费 1.00',
  indicators: '发放人数 >= 100 人 2025-12',
  list: '办公设备 1.00',
  comparison: '208 社会保障和就业支出 1.00',
  printed: '208 合计 1.00',
};

/** The line written for a statement: its word (each offered word), with a block when it takes one. */
function lines(context: Context, s: Statement): string[] {
  if (!s.words.length) return [ROWS[context]!];
  return (s.offered ?? s.words.slice(0, 1)).map((w) => {
    // A prefix offered with the statement's words (上年结转) stands before one of them.
    if (s.prefixes?.includes(w)) return `${w} ${s.words[0]}`;
    if (!s.block) return w;
    const line = `${w} ${s.shape.startsWith('<') ? '乙 ' : ''}{\n}`;
    // A department's 上年比较 compares its own figures: it comes with a section of them (alone it is BUD002).
    return context === 'department' && s.id === 'comparison' ? `${line}\n支出 {\n}` : line;
  });
}

const each = allStatements();

describe('the statement table: every statement is read, listed, offered, highlighted and documented', () => {
  it('no word starts two statements of one context; every context is reachable; every statement is documented', () => {
    for (const c of Object.keys(STATEMENTS) as Context[]) {
      const seen = new Map<string, string>();
      for (const s of STATEMENTS[c] as readonly Statement[]) {
        for (const w of s.words) {
          assert.ok(!seen.has(w) || seen.get(w) === s.id, `${c}: “${w}” starts both ${seen.get(w)} and ${s.id}`);
          seen.set(w, s.id);
        }
        assert.ok(s.doc.zh && s.doc.en, `${c}.${s.id} has documentation`);
      }
      assert.ok(STATEMENTS[c].filter((s: Statement) => !s.words.length).length <= 1, `${c}: one row statement at most`);
      pathTo(c);
    }
  });

  it('the binder reads each statement in its context (no BUD002)', () => {
    for (const { context, statement } of each) {
      for (const line of lines(context, statement)) {
        const { text, at } = inContext(context, line);
        const d = analyze(text).diagnostics.find((x) => x.code === 'BUD002' && x.start >= at && x.start < at + line.length);
        assert.equal(d, undefined, `${context}.${statement.id} “${line}”: ${d && renderMessage(d, 'zh-CN')}`);
      }
    }
  });

  it('BUD002 lists every statement of the context', () => {
    for (const c of Object.keys(STATEMENTS) as Context[]) {
      const { text, at } = inContext(c, '不是语句 {\n}');
      const d = analyze(text).diagnostics.find((x) => x.code === 'BUD002' && x.start === at);
      assert.ok(d, `${c}: an unknown statement is reported`);
      assert.equal(d.args.allowed, allowedIn(c));
      for (const s of STATEMENTS[c] as readonly Statement[]) {
        for (const w of s.words.length ? (s.offered ?? s.words.slice(0, 1)) : [s.shape]) assert.ok(String(d.args.allowed).includes(w), `${c}: BUD002 lists ${s.id} (${w})`);
      }
    }
  });

  it('completion offers every statement at the start of a line of its context', () => {
    for (const c of Object.keys(STATEMENTS) as Context[]) {
      const { text, cursor } = inContext(c, '¦');
      const items = complete(analyze(text), cursor, 'zh-CN').items;
      const labels = items.map((i) => i.label);
      for (const s of STATEMENTS[c] as readonly Statement[]) {
        const offer = s.offer;
        if (offer.kind === 'provider' && !s.words.length) {
          // Rows: codes (the catalog's), an indicator snippet's line, a table's 合计.
          assert.ok(items.some((i) => i.kind === 'code' || i.kind === 'keyword'), `${c}.${s.id}: rows offered`);
          continue;
        }
        const words = s.offered ?? s.words.slice(0, 1);
        for (const w of words) {
          const expected = offer.kind === 'empty' ? `${w} 无` : w;
          assert.ok(labels.includes(expected) || labels.some((l) => l.startsWith(`${w} `)), `${c}.${s.id}: “${expected}” offered (${labels.join(' ')})`);
        }
      }
    }
  });

  it('semantic tokens highlight the word of every statement (a keyword, or a funding source)', () => {
    for (const { context, statement } of each) {
      if (!statement.words.length) continue;
      for (const line of lines(context, statement)) {
        const { text, at } = inContext(context, line);
        const a = analyze(text);
        const tok = semanticTokens(a).find((t) => t.start === at);
        assert.ok(tok, `${context}.${statement.id} “${line}”: no token`);
        assert.ok(['keyword', 'enumMember'].includes(SEMANTIC_TOKEN_TYPES[tok.type]), `${context}.${statement.id} “${line}”: ${SEMANTIC_TOKEN_TYPES[tok.type]}`);
      }
    }
  });

  it('the TextMate grammar knows every statement word (allKeywords: placed by scripts/gen-grammar.mjs)', () => {
    const grammar = readFileSync(join(ROOT, 'syntaxes/budget.tmLanguage.json'), 'utf8');
    const keywords = new Set(allKeywords());
    for (const { context, statement } of each) {
      for (const w of statement.words) {
        if (['incomeItem', 'source', 'sangongItem', 'comparison'].includes(statement.highlight)) continue;
        assert.ok(keywords.has(w), `${context}.${statement.id}: “${w}” is a keyword`);
        assert.ok(grammar.includes(w), `the grammar holds “${w}”`);
      }
    }
  });

  it('hover documents every statement on its word (or shows the figures written there)', () => {
    for (const { context, statement } of each) {
      for (const line of lines(context, statement)) {
        const { text, at } = inContext(context, line);
        const h = hover(analyze(text), at + 1, 'zh-CN');
        assert.ok(h && h.contents.length > 0, `${context}.${statement.id} “${line}”: no hover`);
        if (statement.words.length && !['incomeItem', 'source', 'sangongItem', 'comparison', 'totalRow', 'incomeFuncRow'].includes(statement.highlight)) {
          assert.ok(h.contents.includes(statement.doc.zh), `${context}.${statement.id} “${line}”: ${h.contents}`);
        }
      }
    }
  });

  it('the keyword documentation covers every statement word', () => {
    for (const { context, statement } of each) for (const w of statement.words) assert.ok(KEYWORD_DOCS[w], `${context}.${statement.id}: “${w}”`);
  });
});
