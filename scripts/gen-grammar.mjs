// Regenerates syntaxes/budget.tmLanguage.json from the statement table and the word tables of the language core.
//
//   node scripts/build.mjs && node scripts/gen-grammar.mjs
//
// The grammar is a static file (the extension imports nothing at runtime to highlight); this script only
// spares hand-editing the long word lists. test/client/grammar.test.ts checks the committed grammar against
// server/src/core/statements.ts, so forgetting to regenerate after changing a statement fails the tests.
// Every pattern must be valid both for Oniguruma (VS Code) and JavaScript RegExp (the tests).
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const k = require('../out/server/src/core/keywords.js');
const st = require('../out/server/src/core/statements.js');

const esc = (w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest first, so that the alternation prefers the longest word (the lookarounds make it exact anyway). */
const alt = (words) => [...new Set(words)].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(esc).join('|');
const minus = (words, ...drop) => words.filter((w) => !drop.some((d) => d.includes(w)));

// Characters that end a word (mirrors STOP in server/src/core/lexer.ts, plus line ends).
const STOP = ' \\t\u3000\uFEFF\\r\\n{}｛｝"<>=≥≤＝＞＜≧≦%％';
/** A comment starts (`#`, `//`) at the start of a line or after whitespace (server/src/core/lexer.ts). */
const AFTER_SPACE = '(?<![^ \\t\u3000\uFEFF\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\\x0B\\x0C\u0085])';
/** A comment's text: up to the line end or a character some tools use as a line break. */
const COMMENT_BODY = '[^\u2028\u2029\\x0B\\x0C\u0085]*';
const D = '[0-9０-９]';
const WS = '[ \\t\u3000\uFEFF]';
/** Start of a word: start of line or after a stop character. */
const WORD_START = `(?<![^${STOP}])`;
/** End of a word: a stop character, a digit (`金额92.09`) or the end of the line. */
const WORD_END = `(?=[${STOP}0-9０-９]|$)`;
/** Start of a statement: start of line or just after a `{`, then blanks. */
const HEAD = `(?:^|(?<=[{｛]))${WS}*`;
/** A bare word (a name): no stop characters (`#` and `/` included: a comment needs whitespace before it). */
const WORD_CHAR = `[^${STOP}]`;
const STRING = '"(?:[^"\\\\\\r\\n]|\\\\.)*"';

// The groups of words, from the statement table (server/src/core/statements.ts): what each statement's first
// word is (a declaration, a free-text statement, a section, an attribute) decides its scope.
const keywordStatements = st.allStatements().map((x) => x.statement).filter((x) => x.words.length && !['incomeItem', 'source', 'sangongItem', 'comparison'].includes(x.highlight));
const wordsWhere = (pred) => keywordStatements.filter(pred).flatMap((x) => x.words);
const declarations = wordsWhere((x) => x.highlight === 'declaration' || x.highlight === 'project');
/** Statements whose rest of line is text. */
const textStatements = minus(wordsWhere((x) => x.highlight === 'text'), declarations);
const anywhere = {
  column: [...st.INNER_KEYWORDS.column],
  source: [...st.INNER_KEYWORDS.source],
  rounding: [...st.INNER_KEYWORDS.rounding],
  empty: [...st.INNER_KEYWORDS.empty],
};
const anywhereAll = Object.values(anywhere).flat();
const sections = minus(wordsWhere((x) => x.block && x.highlight !== 'declaration' && x.highlight !== 'project'), declarations, anywhereAll);
const attributes = minus(wordsWhere(() => true), declarations, textStatements, ['金额单位', '性质'], sections, anywhereAll);
const moneyUnits = Object.keys(k.MONEY_UNITS);
const units = [...new Set([...moneyUnits, ...k.COMMON_UNITS.filter((u) => u !== '%')])];

// Sanity: every core keyword is placed in exactly one of the groups above.
const placed = [...declarations, ...textStatements, '金额单位', '性质', ...sections, ...attributes, ...anywhereAll];
const missing = st.allKeywords().filter((w) => !placed.includes(w));
if (missing.length) throw new Error(`keywords not placed in any grammar group: ${missing.join(' ')}`);

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Budget',
  scopeName: 'source.budget',
  fileTypes: ['budget'],
  patterns: [
    { include: '#comments' },
    { include: '#strings' },
    { include: '#statements' },
    { include: '#codes' },
    { include: '#keywords' },
    { include: '#constants' },
    { include: '#values' },
    { include: '#operators' },
    { include: '#punctuation' },
  ],
  repository: {
    comments: {
      patterns: [
        {
          comment: 'Folding markers: # region / # endregion',
          match: `^${WS}*((#)${WS}*(?:region|endregion)\\b.*)$`,
          captures: { 1: { name: 'comment.line.number-sign.region.budget' }, 2: { name: 'punctuation.definition.comment.budget' } },
        },
        { match: `${AFTER_SPACE}(#)${COMMENT_BODY}`, name: 'comment.line.number-sign.budget', captures: { 1: { name: 'punctuation.definition.comment.budget' } } },
        { match: `${AFTER_SPACE}(//)${COMMENT_BODY}`, name: 'comment.line.double-slash.budget', captures: { 1: { name: 'punctuation.definition.comment.budget' } } },
      ],
    },
    strings: {
      patterns: [
        {
          name: 'string.quoted.double.budget',
          begin: '"',
          beginCaptures: { 0: { name: 'punctuation.definition.string.begin.budget' } },
          end: '"|$',
          endCaptures: { 0: { name: 'punctuation.definition.string.end.budget' } },
          patterns: [{ match: '\\\\.', name: 'constant.character.escape.budget' }],
        },
      ],
    },
    statements: {
      comment: 'Statements recognised by their first word: declarations with a name, text lines, unit attributes.',
      patterns: [
        {
          comment: '部门/单位/项目 and the name declared',
          match: `${HEAD}(${alt(declarations)})${WORD_END}(?:${WS}+(${STRING}|[^${STOP}0-9０-９\\-−－][^{}｛｝"\\r\\n]*?)(?=${WS}*(?:[{｛]|$)|${WS}+(?:#|//)))?`,
          captures: { 1: { name: 'keyword.control.declaration.budget' }, 2: { name: 'entity.name.section.budget' } },
        },
        {
          comment: '内容/总体目标/年度目标/中长期目标/项目性质/项目类别 …: the rest of the line is text',
          match: `${HEAD}(${alt(textStatements)})${WORD_END}${WS}*([^}｝\\r\\n]*?)(?=${WS}*(?:$|[}｝])|${WS}+(?:#|//))`,
          captures: { 1: { name: 'keyword.other.attribute.budget' }, 2: { name: 'string.unquoted.text.budget' } },
        },
        {
          match: `${HEAD}(金额单位)${WORD_END}(?:${WS}+(${alt(moneyUnits)})${WORD_END})?`,
          captures: { 1: { name: 'keyword.other.attribute.budget' }, 2: { name: 'keyword.other.unit.budget' } },
        },
        {
          match: `${HEAD}(性质)${WORD_END}(?:${WS}+(${alt(Object.keys(k.UNIT_KINDS))})${WORD_END})?`,
          captures: { 1: { name: 'keyword.other.attribute.budget' }, 2: { name: 'support.constant.unit-kind.budget' } },
        },
        {
          match: `${HEAD}(${alt(sections)})${WORD_END}`,
          captures: { 1: { name: 'keyword.control.section.budget' } },
        },
        {
          match: `${HEAD}(${alt(attributes)})${WORD_END}`,
          captures: { 1: { name: 'keyword.other.attribute.budget' } },
        },
      ],
    },
    codes: {
      comment: 'A classification code at the start of a row: 3, 5 or 7 digits, possibly in columns (208 05 09).',
      patterns: [
        {
          match: `${HEAD}(${D}{3}(?:[ \\t]*${D}{2}){0,2})(?![0-9０-９.．,，%％/\\-年])`,
          captures: { 1: { name: 'entity.name.tag.code.budget' } },
        },
      ],
    },
    keywords: {
      comment: 'Words that are keywords wherever they stand as a whole word.',
      patterns: [
        { match: `${WORD_START}(?:${alt(anywhere.column)})${WORD_END}`, name: 'keyword.other.column.budget' },
        { match: `${WORD_START}(?:${alt(anywhere.source)})${WORD_END}`, name: 'keyword.other.source.budget' },
        { match: `${WORD_START}(?:${alt(anywhere.rounding)})${WORD_END}`, name: 'keyword.other.rounding.budget' },
        { match: `${WORD_START}(?:${alt(anywhere.empty)})${WORD_END}`, name: 'keyword.other.empty.budget' },
      ],
    },
    constants: {
      patterns: [
        {
          comment: 'Funding sources and income items (收入 rows, 来源 …)',
          match: `${WORD_START}(?:${alt(Object.keys(k.INCOME_ALIASES))})${WORD_END}`,
          name: 'support.constant.funding-source.budget',
        },
      ],
    },
    values: {
      patterns: [
        {
          comment: 'Dates: 2025-12, 2025-12-31, 2025/12, 2025年12月, 2025年12月31日',
          match: `${WORD_START}${D}{4}(?:[-/]${D}{1,2}(?:[-/]${D}{1,2})?(?!${D})|年${D}{1,2}月(?:${D}{1,2}日)?)`,
          name: 'constant.numeric.date.budget',
        },
        {
          comment: 'Amounts and numbers: 162,953.23  162953.23  -0.5  full-width digits',
          match: `${WORD_START}[-−－]?(?:${D}{1,3}(?:[,，]${D}{3})+(?!${D})|${D}+)(?:[.．]${D}+)?`,
          name: 'constant.numeric.budget',
        },
        {
          comment: 'A unit of measure right after a number: 3万元, 470000 元, 2 次',
          match: `(?<=${D}|${D}${WS})(?:${alt(units)})${WORD_END}`,
          name: 'keyword.other.unit.budget',
        },
      ],
    },
    operators: {
      patterns: [
        { match: '<=|>=|==|[<>=≥≤＝＞＜≧≦]', name: 'keyword.operator.comparison.budget' },
        { match: '[%％]', name: 'keyword.other.unit.percent.budget' },
      ],
    },
    punctuation: {
      patterns: [
        { match: '[{｛]', name: 'punctuation.section.block.begin.budget' },
        { match: '[}｝]', name: 'punctuation.section.block.end.budget' },
      ],
    },
  },
};

const json = JSON.stringify(grammar, null, 2).replace(/[\u3000\uFEFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);
writeFileSync(new URL('../syntaxes/budget.tmLanguage.json', import.meta.url), json + '\n');
console.log('wrote syntaxes/budget.tmLanguage.json');
