/**
 * REFERENCE ONLY (test oracle): the Chevrotain lexer of server/src/core/lexer.ts as of commit 53ebeb0, kept
 * verbatim for test/robustness/differential.test.ts.
 *
 * Tokens of the budget language (Chevrotain lexer).
 *
 * The lexer is deliberately small and total: every input character belongs to some token, the last token
 * type (`Unknown`) matches any single character, so lexing never fails and never throws. Keywords are not
 * separate token types: Chinese words are all `Text`, and their meaning depends on where they stand, which
 * the binder (bind.ts) decides with the keyword tables of keywords.ts. Names that happen to equal a keyword
 * therefore stay usable wherever a name is expected.
 */
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';

const D = '[0-9０-９]';
// Characters that never belong to a word: whitespace, braces, quotes, comment start, operators.
const STOP = '\\s{}｛｝"#<>=≥≤＝＞＜≧≦%％';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\u3000\uFEFF]+/, group: Lexer.SKIPPED });
export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });
export const Comment = createToken({ name: 'Comment', pattern: /(?:#|\/\/)[^\r\n]*/, group: 'comments' });
export const LBrace = createToken({ name: 'LBrace', pattern: /[{｛]/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /[}｝]/ });
export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\\r\n]|\\.)*"/ });
/** A string whose closing quote is missing: kept as a token so the parser can report it precisely. */
export const BadString = createToken({ name: 'BadString', pattern: /"(?:[^"\\\r\n]|\\.)*/ });
export const Op = createToken({ name: 'Op', pattern: /<=|>=|==|[<>=≥≤＝＞＜≧≦]/ });
export const Percent = createToken({ name: 'Percent', pattern: /[%％]/ });
export const DateLit = createToken({
  name: 'DateLit',
  pattern: new RegExp(`${D}{4}(?:[-/]${D}{1,2}(?:[-/]${D}{1,2})?(?!${D})|年${D}{1,2}月(?:${D}{1,2}日)?)`),
});
export const NumberLit = createToken({
  name: 'NumberLit',
  // Digits with separators and points between them; whether the grouping is valid is the binder's
  // business (a malformed amount is one token with a precise diagnostic, not a cascade of fragments).
  pattern: new RegExp(`[-−－]?${D}(?:${D}|[,，.．](?=${D}))*`),
});
export const Text = createToken({
  name: 'Text',
  pattern: new RegExp(`(?:[^${STOP}0-9０-９/]|/(?!/))(?:[^${STOP}0-9０-９/]|/(?!/))*`),
});
export const Unknown = createToken({ name: 'Unknown', pattern: /[^]/ });

export const allTokens: TokenType[] = [
  WhiteSpace, Newline, Comment, LBrace, RBrace, StringLit, BadString, Op, Percent, DateLit, NumberLit, Text, Unknown,
];

let lexer: Lexer | undefined;

/** The one lexer instance, built on first use. */
export function getLexer(): Lexer {
  lexer ??= new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: false });
  return lexer;
}

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
}

export function lex(text: string): LexResult {
  const r = getLexer().tokenize(text);
  return { tokens: r.tokens, comments: (r.groups['comments'] as IToken[] | undefined) ?? [] };
}
