/**
 * A small TextMate tokenizer for the tests (vscode-textmate and vscode-oniguruma are not dependencies).
 *
 * It follows the rules vscode-textmate applies to the subset of the TextMate format the budget grammar uses:
 * `match` rules with `name`/`captures`, `begin`/`end` rules with `name`, `contentName`, `beginCaptures`,
 * `endCaptures`, nested `patterns`, and `include` of `#repository` entries and `$self`. At each position the
 * earliest match wins; on a tie the end pattern of the enclosing rule wins, then the first rule listed. Each
 * line is matched with a trailing "\n" and the patterns are compiled with the `m` flag, as Oniguruma sees
 * `$` before the end of the line. Patterns must therefore be valid JavaScript regular expressions too.
 */

export interface RawCapture {
  name?: string;
  patterns?: unknown[];
}
export interface RawRule {
  comment?: string;
  include?: string;
  match?: string;
  begin?: string;
  end?: string;
  name?: string;
  contentName?: string;
  captures?: Record<string, RawCapture>;
  beginCaptures?: Record<string, RawCapture>;
  endCaptures?: Record<string, RawCapture>;
  patterns?: RawRule[];
  applyEndPatternLast?: boolean | number;
}
export interface RawGrammar {
  scopeName: string;
  patterns: RawRule[];
  repository?: Record<string, RawRule>;
}

export interface Token {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}

interface Frame {
  rule: RawRule | undefined; // undefined for the grammar itself
  outer: string[];
  inner: string[];
}

export class Tokenizer {
  private readonly cache = new Map<string, RegExp>();

  constructor(private readonly grammar: RawGrammar) {}

  /** Every regular expression source of the grammar, with where it stands. */
  regexSources(): { where: string; source: string }[] {
    const out: { where: string; source: string }[] = [];
    const visit = (r: RawRule, where: string): void => {
      for (const key of ['match', 'begin', 'end'] as const) {
        const s = r[key];
        if (s !== undefined) out.push({ where: `${where}.${key}`, source: s });
      }
      r.patterns?.forEach((p, i) => visit(p, `${where}.patterns[${i}]`));
    };
    this.grammar.patterns.forEach((p, i) => visit(p, `patterns[${i}]`));
    for (const [k, r] of Object.entries(this.grammar.repository ?? {})) visit(r, `repository.${k}`);
    return out;
  }

  compile(source: string): RegExp {
    let re = this.cache.get(source);
    if (!re) {
      re = new RegExp(source, 'dgm');
      this.cache.set(source, re);
    }
    return re;
  }

  private resolve(patterns: RawRule[], seen = new Set<RawRule>()): RawRule[] {
    const out: RawRule[] = [];
    for (const p of patterns) {
      if (p.include !== undefined) {
        let target: RawRule | undefined;
        if (p.include === '$self' || p.include === '$base') target = { patterns: this.grammar.patterns };
        else if (p.include.startsWith('#')) target = this.grammar.repository?.[p.include.slice(1)];
        if (!target) throw new Error(`unresolved include ${p.include}`);
        if (seen.has(target)) continue;
        seen.add(target);
        out.push(...(target.match !== undefined || target.begin !== undefined ? [target] : this.resolve(target.patterns ?? [], seen)));
      } else if (p.match !== undefined || p.begin !== undefined) {
        out.push(p);
      } else if (p.patterns) {
        out.push(...this.resolve(p.patterns, seen));
      }
    }
    return out;
  }

  /** Tokenizes a whole document; returns the tokens of each line. */
  tokenize(text: string): Token[][] {
    const stack: Frame[] = [{ rule: undefined, outer: [this.grammar.scopeName], inner: [this.grammar.scopeName] }];
    return text.split(/\r\n|\r|\n/).map((line) => this.tokenizeLine(line, stack));
  }

  tokenizeLine(line: string, stack: Frame[]): Token[] {
    const text = line + '\n';
    const scopes: string[][] = new Array(line.length);
    const fill = (from: number, to: number, s: string[]): void => {
      for (let i = from; i < Math.min(to, line.length); i++) scopes[i] = s;
    };
    const applyCaptures = (m: RegExpExecArray, base: string[], caps: Record<string, RawCapture> | undefined): void => {
      const indices = m.indices!;
      for (let i = m.index; i < m.index + m[0].length && i < line.length; i++) {
        const s = [...base];
        for (const [k, cap] of Object.entries(caps ?? {})) {
          if (cap.patterns) throw new Error('captures with patterns are not supported by the test tokenizer');
          const span = indices[Number(k)];
          if (cap.name && span && span[0] <= i && i < span[1]) s.push(cap.name);
        }
        scopes[i] = s;
      }
    };
    let pos = 0;
    let guard = 0;
    while (pos <= line.length) {
      if (++guard > 10_000) throw new Error(`tokenizer loops on line: ${line}`);
      const frame = stack[stack.length - 1];
      type Best = { kind: 'end' | 'match' | 'begin'; rule?: RawRule; m: RegExpExecArray };
      let best: Best | undefined;
      if (frame.rule?.end !== undefined) {
        const re = this.compile(frame.rule.end);
        re.lastIndex = pos;
        const m = re.exec(text);
        if (m && m.index <= line.length) best = { kind: 'end', m };
      }
      const candidates = this.resolve(frame.rule ? frame.rule.patterns ?? [] : this.grammar.patterns);
      for (const rule of candidates) {
        const re = this.compile((rule.match ?? rule.begin)!);
        re.lastIndex = pos;
        const m = re.exec(text);
        if (!m || m.index > line.length) continue;
        if (!best || m.index < best.m.index) best = { kind: rule.match !== undefined ? 'match' : 'begin', rule, m };
      }
      if (!best) {
        fill(pos, line.length, frame.inner);
        break;
      }
      const { m } = best;
      const end = m.index + m[0].length;
      fill(pos, m.index, frame.inner);
      if (best.kind === 'match') {
        const rule = best.rule!;
        applyCaptures(m, rule.name ? [...frame.inner, rule.name] : frame.inner, rule.captures);
      } else if (best.kind === 'begin') {
        const rule = best.rule!;
        const outer = rule.name ? [...frame.inner, rule.name] : frame.inner;
        applyCaptures(m, outer, rule.beginCaptures ?? rule.captures);
        stack.push({ rule, outer, inner: rule.contentName ? [...outer, rule.contentName] : outer });
      } else {
        applyCaptures(m, frame.outer, frame.rule!.endCaptures ?? frame.rule!.captures);
        stack.pop();
      }
      if (end > pos) pos = end;
      else if (best.kind === 'match') {
        // An empty match: skip one character, as vscode-textmate does.
        fill(pos, pos + 1, frame.inner);
        pos++;
      } else if (pos === line.length) {
        // An empty begin/end at the end of the line: the state changed, the line is done.
        if (best.kind === 'begin' && stack.length > 64) throw new Error('begin rules nest without end');
        if (best.kind === 'end') continue;
        break;
      }
    }
    const tokens: Token[] = [];
    for (let i = 0; i < line.length; i++) {
      const last = tokens[tokens.length - 1];
      if (last && last.end === i && sameScopes(last.scopes, scopes[i])) {
        last.end++;
        last.text += line[i];
      } else tokens.push({ text: line[i], start: i, end: i + 1, scopes: scopes[i] });
    }
    return tokens;
  }
}

function sameScopes(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
