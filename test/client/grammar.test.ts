import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMON_UNITS, INCOME_ALIASES, MONEY_UNITS, UNIT_KINDS } from '../../server/src/core/keywords';
import { allKeywords } from '../../server/src/core/statements';
import { lex } from '../../server/src/core/lexer';
import { Tokenizer, type RawGrammar, type Token } from './textmate';

const root = path.resolve(__dirname, '../../..');
const grammarPath = path.join(root, 'syntaxes/budget.tmLanguage.json');
const grammar = JSON.parse(readFileSync(grammarPath, 'utf8')) as RawGrammar;
const tm = new Tokenizer(grammar);

/** Scopes that mark a word of the language (not operators or units of measure). */
function isKeywordScope(s: string): boolean {
  return s.startsWith('keyword.') && !s.startsWith('keyword.operator.') && !s.startsWith('keyword.other.unit.');
}
const hasScope = (t: Token, pred: (s: string) => boolean): boolean => t.scopes.some(pred);
const prefix = (p: string) => (s: string) => s.startsWith(p);

function line(text: string): Token[] {
  return tm.tokenize(text)[0];
}
/** The token whose text is exactly `text` (the n-th such token). */
function tokenOf(tokens: Token[], text: string, n = 0): Token {
  const found = tokens.filter((t) => t.text === text);
  assert.ok(found[n], `no token "${text}" in ${JSON.stringify(tokens.map((t) => [t.text, t.scopes.slice(1).join(' ')]))}`);
  return found[n];
}
function scopesAt(tokens: Token[], offset: number): string[] {
  const t = tokens.find((x) => x.start <= offset && offset < x.end);
  assert.ok(t, `no token at ${offset}`);
  return t.scopes;
}

/** Words of Chinese text written literally in the grammar's regular expressions. */
function grammarWords(): Set<string> {
  const words = new Set<string>();
  for (const { source } of tm.regexSources()) for (const m of source.matchAll(/[\p{Script=Han}“”]+/gu)) words.add(m[0]);
  return words;
}

/** Fenced code blocks of docs/language.md: real examples of the language. */
function docExamples(): string {
  const md = readFileSync(path.join(root, 'docs/language.md'), 'utf8');
  return [...md.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}
const samples = ['samples/fushun-2025.budget', 'samples/fushun-2025-authoring.budget'].map((p) => readFileSync(path.join(root, p), 'utf8'));

describe('TextMate grammar (syntaxes/budget.tmLanguage.json)', () => {
  it('has the scope name and every pattern compiles as a JavaScript RegExp', () => {
    assert.equal(grammar.scopeName, 'source.budget');
    const sources = tm.regexSources();
    assert.ok(sources.length > 15, `only ${sources.length} patterns`);
    for (const { where, source } of sources) assert.doesNotThrow(() => tm.compile(source), `${where}: ${source}`);
  });

  it('avoids regex syntax that Oniguruma and JavaScript read differently', () => {
    for (const { where, source } of tm.regexSources()) {
      // \h, \A, \z, \Z, \G, possessive quantifiers, atomic groups, inline flags, \p{…}, \u escapes.
      assert.doesNotMatch(source, /\\[hAzZGKpPu]|[*+?]\+|\(\?>|\(\?[imx]+[:)]/, `${where}: ${source}`);
    }
  });

  it('highlights every keyword of the core (allKeywords) as a keyword at the start of a statement', () => {
    const words = allKeywords();
    assert.ok(words.length > 50);
    for (const w of words) {
      for (const text of [`${w} 1`, `    ${w} 1`, `项目 甲 { ${w} 1 }`]) {
        const tokens = line(text);
        const t = tokenOf(tokens, w);
        assert.ok(hasScope(t, isKeywordScope), `“${w}” in “${text}” is not a keyword: ${t.scopes.join(' ')}`);
      }
    }
  });

  it('knows no word that the core does not know, and highlights as keywords only the core’s keywords', () => {
    const keywords = new Set(allKeywords());
    const known = new Set([
      ...keywords, ...Object.keys(INCOME_ALIASES), ...Object.keys(UNIT_KINDS), ...Object.keys(MONEY_UNITS), ...COMMON_UNITS,
      '年', '月', '日', // the date forms 2025年12月31日
    ]);
    const words = grammarWords();
    assert.ok(words.size > 100, `only ${words.size} words found in the grammar`);
    const unknown = [...words].filter((w) => !known.has(w));
    assert.deepEqual(unknown, [], `words in the grammar that the core does not know: ${unknown.join(' ')}`);
    for (const w of words) {
      if (keywords.has(w)) continue;
      for (const text of [`${w} 1`, `2080109 名称 ${w} 1`]) {
        const tokens = line(text);
        const bad = tokens.filter((t) => t.text.includes(w) && hasScope(t, isKeywordScope));
        assert.deepEqual(bad.map((t) => t.text), [], `“${w}” is highlighted as a keyword in “${text}” but is not one of the core’s keywords`);
      }
    }
  });

  it('highlights column labels, 来源 and the rounding words inside a row, as whole words only', () => {
    const tokens = line('  2080109 社会保险经办机构 来源 上年结转 一般公共预算 293.14 基本 1.00 人员 0.50 公用 0.50 项目 292.14');
    for (const w of ['来源', '上年结转', '基本', '人员', '公用', '项目']) assert.ok(hasScope(tokenOf(tokens, w), isKeywordScope), w);
    assert.ok(hasScope(tokenOf(tokens, '一般公共预算'), prefix('support.constant.funding-source')));
    assert.ok(hasScope(tokenOf(line('舍入 容差'), '容差'), isKeywordScope));
    // Keywords inside longer words are not keywords: 收入 in 本年收入合计, 项目 in 项目支出率, 合计 in 合计数.
    for (const [text, at] of [['  本年收入合计 1', 4], ['  本年收入合计 1', 6], ['  项目支出率 = 100%', 2], ['  名称 合计数 3', 5]] as const) {
      assert.ok(!scopesAt(line(text), at).some(isKeywordScope), `“${text.slice(at, at + 2)}” inside a word in “${text}” is highlighted`);
    }
    assert.ok(hasScope(tokenOf(line('  本年收入合计 1'), '本年收入合计'), prefix('support.constant.funding-source')));
  });

  it('highlights declarations with their names, and text statements as text', () => {
    let tokens = line('项目 信息化运行日常维护经费（保运转） {');
    assert.ok(hasScope(tokenOf(tokens, '项目'), prefix('keyword.control.declaration')));
    assert.ok(hasScope(tokenOf(tokens, '信息化运行日常维护经费（保运转）'), prefix('entity.name.section')));
    assert.ok(hasScope(tokenOf(tokens, '{'), prefix('punctuation.section.block.begin')));
    tokens = line('单位 "Some unit" { 编码 068005 }');
    assert.ok(hasScope(tokenOf(tokens, '"Some unit"'), prefix('entity.name.section')));
    assert.ok(hasScope(tokenOf(tokens, '编码'), isKeywordScope));
    assert.ok(hasScope(tokenOf(tokens, '068005'), prefix('constant.numeric')));
    tokens = line('  内容 根据《通知》（抚编发[2022]64号）= 100% 合计 # 注释');
    assert.ok(hasScope(tokenOf(tokens, '内容'), isKeywordScope));
    const text = tokenOf(tokens, '根据《通知》（抚编发[2022]64号）= 100% 合计');
    assert.ok(hasScope(text, prefix('string.unquoted')), text.scopes.join(' '));
    assert.ok(hasScope(tokenOf(tokens, '#'), prefix('comment.line.number-sign')));
    assert.ok(hasScope(tokenOf(tokens, ' 注释'), prefix('comment.line.number-sign')));
    tokens = line('  金额单位 万元');
    assert.ok(hasScope(tokenOf(tokens, '万元'), prefix('keyword.other.unit')));
    tokens = line('  性质 参公事业单位');
    assert.ok(hasScope(tokenOf(tokens, '参公事业单位'), prefix('support.constant.unit-kind')));
    // A row that starts with 项目 and an amount is not a declaration.
    tokens = line('  项目 160,015.86');
    assert.ok(hasScope(tokenOf(tokens, '160,015.86'), prefix('constant.numeric')));
  });

  it('highlights comments, strings and escapes', () => {
    let tokens = line('合计 1 // 备注 # 仍是注释');
    assert.ok(hasScope(tokenOf(tokens, '//'), prefix('punctuation.definition.comment')));
    assert.ok(hasScope(tokenOf(tokens, ' 备注 # 仍是注释'), prefix('comment.line.double-slash')));
    tokens = line('  # region 收入');
    assert.ok(hasScope(tokenOf(tokens, ' region 收入'), prefix('comment.line.number-sign.region')));
    tokens = line('任务 "名称 \\" 含引号" 3');
    assert.ok(hasScope(tokenOf(tokens, '\\"'), prefix('constant.character.escape')));
    assert.ok(hasScope(tokenOf(tokens, '名称 '), prefix('string.quoted.double')));
    // An unterminated string ends with its line.
    const lines = tm.tokenize('任务 "未闭合\n合计 1');
    assert.ok(hasScope(tokenOf(lines[1], '合计'), isKeywordScope));
  });

  it('highlights numbers, dates, codes, operators, percent and units', () => {
    let tokens = line('  合计 162,953.23 基本 -0.5 人员 １２３．４５ 公用 1，234');
    for (const n of ['162,953.23', '-0.5', '１２３．４５', '1，234']) assert.ok(hasScope(tokenOf(tokens, n), prefix('constant.numeric')), n);
    for (const d of ['2025-12', '2025-12-31', '2025/12', '2025年12月', '2025年12月31日']) {
      tokens = line(`  完成率 = 100 % ${d}`);
      assert.ok(hasScope(tokenOf(tokens, d), prefix('constant.numeric.date')), d);
      assert.ok(hasScope(tokenOf(tokens, '%'), prefix('keyword.other.unit.percent')));
    }
    for (const code of ['208', '20801', '2080109', '208 05 09', '２０８']) {
      tokens = line(`  ${code} 名称 1.00`);
      assert.ok(hasScope(tokenOf(tokens, code), prefix('entity.name.tag.code')), code);
    }
    tokens = line('  30304 50901');
    assert.ok(hasScope(tokenOf(tokens, '30304'), prefix('entity.name.tag.code')));
    assert.ok(hasScope(tokenOf(tokens, '50901'), prefix('constant.numeric')));
    for (const op of ['=', '>=', '<=', '>', '<', '＝', '≥', '≤', '＞', '＜']) {
      tokens = line(`  群众满意度 ${op} 90％`);
      assert.ok(hasScope(tokenOf(tokens, op), prefix('keyword.operator.comparison')), op);
      assert.ok(hasScope(tokenOf(tokens, '％'), prefix('keyword.other.unit.percent')));
    }
    tokens = line('  全年机房电费 <= 470000 元 2025-12');
    assert.ok(hasScope(tokenOf(tokens, '元'), prefix('keyword.other.unit')));
    tokens = line('  消防检查 >= 12次');
    assert.ok(hasScope(tokenOf(tokens, '次'), prefix('keyword.other.unit')));
    // A digit inside a name is not a number: 金保工程2期.
    tokens = line('  任务 金保工程2期 3');
    assert.ok(!scopesAt(tokens, '  任务 金保工程'.length).some(prefix('constant.numeric')));
  });

  describe('agrees with the lexer (server/src/core/lexer.ts) on the samples and the documentation examples', () => {
    const corpora: [string, string][] = [
      ['fushun-2025.budget', samples[0]],
      ['fushun-2025-authoring.budget', samples[1]],
      ['docs/language.md examples', docExamples()],
      ['synthetic', '单位 "带 空格" ｛ 合计 1,234.5 # c\n  名称 ＝ 100％ 2025年12月 // d\n  任务 "a\\"b" 3 ｝\n'],
    ];
    for (const [name, text] of corpora) {
      it(name, () => {
        const lines = tm.tokenize(text);
        const lineStarts = [0];
        for (const m of text.matchAll(/\r\n|\r|\n/g)) lineStarts.push(m.index + m[0].length);
        const locate = (offset: number): [number, number] => {
          let l = lineStarts.length - 1;
          while (lineStarts[l] > offset) l--;
          return [l, offset - lineStarts[l]];
        };
        const scopesOf = (offset: number): string[] => {
          const [l, c] = locate(offset);
          return scopesAt(lines[l], c);
        };
        /** Every character of [start, end) has the scope, and the characters just around it (on the line) do not. */
        const exactly = (start: number, end: number, pred: (s: string) => boolean): boolean => {
          for (let i = start; i < end; i++) if (!scopesOf(i).some(pred)) return false;
          const [l, c] = locate(start);
          const lineEnd = lines[l].length ? lines[l][lines[l].length - 1].end : 0;
          if (c > 0 && scopesOf(start - 1).some(pred)) return false;
          if (c + (end - start) < lineEnd && scopesOf(end).some(pred)) return false;
          return true;
        };
        const is = (scope: string) => (s: string) => s === scope;
        const r = lex(text);
        let checked = 0;
        for (const c of r.comments) {
          assert.ok(exactly(c.startOffset, c.startOffset + c.image.length, prefix('comment.')), `comment “${c.image}” at ${locate(c.startOffset)}`);
          checked++;
        }
        for (const tok of r.tokens) {
          const kind = tok.tokenType.name;
          if (kind === 'Newline') continue;
          const start = tok.startOffset;
          const end = start + tok.image.length;
          const [l, c] = locate(start);
          const where = `${name}:${l + 1}:${c + 1} “${tok.image}” ${scopesOf(start).slice(1).join(' ')}`;
          if (kind === 'StringLit') {
            // A string is a string, or the name of a declaration.
            const pred = (s: string) => s.startsWith('string.quoted.double') || s.startsWith('entity.name');
            assert.ok(scopesOf(start).some(pred) && scopesOf(end - 1).some(pred), where);
            checked++;
            continue;
          }
          if (scopesOf(start).some((s) => s.startsWith('string.') || s.startsWith('comment.'))) continue;
          const before = c === 0 ? '' : text[start - 1];
          if (kind === 'Op') assert.ok(exactly(start, end, prefix('keyword.operator.comparison')), where);
          else if (kind === 'Percent') assert.ok(exactly(start, end, prefix('keyword.other.unit.percent')), where);
          else if (kind === 'LBrace') assert.ok(exactly(start, end, prefix('punctuation.section.block.begin')), where);
          else if (kind === 'RBrace') assert.ok(exactly(start, end, prefix('punctuation.section.block.end')), where);
          else if ((kind === 'NumberLit' || kind === 'DateLit') && (before === '' || /[\s{}｛｝"#<>=≥≤＝＞＜≧≦%％]/.test(before))) {
            // A number standing alone is a number, a date or (first in its row) a classification code.
            if (scopesOf(start).some(prefix('entity.name.tag.code'))) continue;
            assert.ok(exactly(start, end, is(kind === 'DateLit' ? 'constant.numeric.date.budget' : 'constant.numeric.budget')), where);
          } else continue;
          checked++;
        }
        assert.ok(checked > 0);
        // And every grammar number is a lexer number (no number highlighted inside a word).
        const lexNumbers = new Set(r.tokens.filter((t) => t.tokenType.name === 'NumberLit' || t.tokenType.name === 'DateLit').map((t) => `${t.startOffset}:${t.startOffset + t.image.length}`));
        lines.forEach((toks, l) => {
          for (const t of toks) {
            if (!t.scopes.some((s) => s === 'constant.numeric.budget' || s === 'constant.numeric.date.budget')) continue;
            assert.ok(lexNumbers.has(`${lineStarts[l] + t.start}:${lineStarts[l] + t.end}`), `${name}:${l + 1}:${t.start + 1} “${t.text}” is not a lexer number`);
          }
        });
      });
    }
  });
});
