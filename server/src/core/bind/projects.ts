/** A 项目 block: its amount, codes, sources, goals, the attributes of the performance form and its economic lines. */
import { ordinarySpaces } from '../blank';
import type { Span } from '../diagnostics';
import { PROJECT_ATTRS, type ProjectAttr } from '../keywords';
import type { EconLine, Named, Project, Unit } from '../model';
import type { MoneyUnit } from '../money';
import type { Item, Stmt } from '../syntax';
import { readAmount, asciiDigits, readCode } from './amounts';
import { forEachStatement, type Binder } from './binder';
import { dateOf, readDate, readPeriod } from './dates';
import { sectionUnit } from './document';
import { bindIndicators } from './performance';
import { isNameItem, readSource } from './rows';
import { statementOf, unreachable } from '../statements';

export function bindProject(b: Binder, s: Stmt, unit: Unit): Project | undefined {
  const name = b.declaration(s, { zh: '项目名称', en: 'a project name' });
  if (!name || !s.block) return undefined;
  const p: Project = { name, span: s, funcRefs: [], bySource: [], econ: [] };
  // Each attribute once, whatever its spelling (金额 and 预算资金 are one attribute; 实施期限 gives both dates).
  const seen = new Map<string, { span: Span; word: string }>();
  const once = (at: Item, ...keys: string[]): void => {
    const w = at.image;
    const prev = keys.map((k) => seen.get(k)).find((x) => x !== undefined);
    if (prev) b.repeated(at, w, prev.span, prev.word === w ? undefined : prev.word);
    for (const k of keys) seen.set(k, { span: { start: at.start, end: at.end }, word: w });
  };
  // A project may state its own money unit.
  const own = sectionUnit(b, s.block.stmts, unit.moneyUnit);
  const mu = own.unit;
  forEachStatement(b, 'project', own.stmts, (st, r) => {
    const items = st.items;
    const w = items[0].image;
    const id = r.statement.id;
    switch (id) {
      case 'nature': case 'category': case 'startDate': case 'endDate': case 'period': case 'fundsTotal': case 'fundsFiscal': case 'fundsOther': case 'fundsCarried':
      case 'longTermGoal': {
        // `其中 财政资金 …` (or `其中：财政资金 …`): a part of 资金总额 on a line of its own, as the forms print it.
        const attr = projectAttr(items[r.lead].image);
        if (attr) bindProjectAttr(b, p, items.slice(r.lead), attr.attr, attr.word, mu, once);
        break;
      }
      case 'content': case 'goal': case 'projectSupervisor': case 'implementer': {
        once(items[0], id === 'goal' ? 'goal' : w);
        const v = b.rest(items, 1);
        if (!v) b.expectMissing(items[0], { zh: `“${w}”`, en: `“${w}”` }, { zh: '文字', en: 'text' });
        else if (id === 'content') p.content = v;
        else if (id === 'goal') p.goal = v;
        else if (id === 'projectSupervisor') p.supervisor = v;
        else p.implementer = v;
        break;
      }
      case 'funcCode': {
        // `功能科目 208 05 09 [金额]`: a two-digit amount is implausible here, so the last column joins too.
        const code = items[1] ? readCode(b, items.slice(1), 7, true) : undefined;
        if (!code) {
          b.expectMissing(items[0], { zh: `“${w}”`, en: `“${w}”` }, { zh: '功能分类编码', en: 'a function code' });
          break;
        }
        const ref: Project['funcRefs'][number] = { code: code.code, span: { start: items[1].start, end: items[code.used].end } };
        let j = 1 + code.used;
        // An optional name after the code is allowed (ignored: the code's name comes from 支出 or the catalog).
        if (items[j] && items[j].kind !== 'number') j = b.wordEnd(items, j);
        if (items[j]) {
          ref.amount = readAmount(b, items[j], mu);
          j++;
        }
        for (const extra of items.slice(j)) b.unexpected(extra, { zh: '功能科目行只写编码和金额', en: 'a 功能科目 line holds a code and an amount' });
        p.funcRefs.push(ref);
        break;
      }
      case 'amount': {
        once(items[0], 'amount');
        if (!items[1]) b.expectMissing(items[0], { zh: `“${w}”`, en: `“${w}”` }, { zh: '金额', en: 'an amount' });
        else p.amount = readAmount(b, items[1], mu);
        for (const extra of items.slice(2)) b.unexpected(extra, { zh: '每行一个金额', en: 'one amount per line' });
        break;
      }
      case 'projectEcon':
        once(items[0], w);
        if (!st.block) b.report('BUD009', items[0], { word: w });
        else {
          p.econSpan = st;
          p.econ = bindProjectEcon(b, st.block.stmts, mu);
        }
        break;
      case 'indicators':
        once(items[0], w);
        if (!st.block) b.report('BUD009', items[0], { word: w });
        else p.indicators = bindIndicators(b, st);
        break;
      case 'source': {
        // `[上年结转] 一般公共预算 金额`: the project's money from a source.
        const src = readSource(items, 0);
        if (!src) break;
        const a = items[src.next];
        if (!a) b.expectMissing(items[0], { zh: `“${w}”`, en: `“${w}”` }, { zh: '金额', en: 'an amount' });
        else {
          const amt = readAmount(b, a, mu);
          if (amt) p.bySource.push({ source: src.source, amount: amt, span: st });
        }
        for (const extra of items.slice(src.next + 1)) b.unexpected(extra, { zh: '每行一个金额', en: 'one amount per line' });
        break;
      }
      default:
        unreachable(id);
    }
  });
  return p;
}

/**
 * The text of a value as written and where it starts: a quoted value (`"2024-01-01"`) without its quotes when it
 * has no escapes, so that offsets into it stay offsets into the document.
 */
export function valueAt(b: Binder, v: Named): { text: string; offset: number } {
  const raw = b.text.slice(v.span.start, v.span.end);
  // An unusual space is read as the space it stands for (BUD012): `2024-01-01<NBSP>至 …` is a period.
  return raw.length === v.text.length + 2 && raw[0] === '"' ? { text: v.text, offset: v.span.start + 1 } : { text: ordinarySpaces(raw), offset: v.span.start };
}

/**
 * A project attribute of the published performance forms: free text (项目性质, 项目类别, 中长期目标), a date
 * (开始日期, 完成日期), a period (实施期限 `date 至 date`), an amount (上年结转资金, 财政资金, 其他资金), or
 * 资金总额 with its labelled parts on the same line (`资金总额 10.00 财政资金 8.00 其他资金 2.00`).
 */
export function bindProjectAttr(b: Binder, p: Project, items: Item[], attr: ProjectAttr, w: string, mu: MoneyUnit, once: (at: Item, ...keys: string[]) => void): void {
  const key = items[0];
  switch (attr) {
    case 'nature':
    case 'category':
    case 'longTermGoal': {
      once(key, attr);
      const v = b.rest(items, 1);
      if (!v) b.expectMissing(key, { zh: `“${w}”`, en: `“${w}”` }, { zh: '文字', en: 'text' });
      else p[attr] = v;
      return;
    }
    case 'startDate':
    case 'endDate': {
      once(key, attr);
      const v = b.rest(items, 1);
      if (!v) {
        b.expectMissing(key, { zh: `“${w}”`, en: `“${w}”` }, { zh: '日期（如 2024-01-01）', en: 'a date (e.g. 2024-01-01)' });
        return;
      }
      const at = valueAt(b, v);
      const d = readDate(at.text, at.offset);
      if (d) p[attr] = d;
      else b.report('BUD901', v.span, { found: v.text, what: '日期', whatEn: 'date', example: '2024-01-01 / 2024-01 / 2024年1月' });
      return;
    }
    case 'period': {
      once(key, 'startDate', 'endDate');
      const v = b.rest(items, 1);
      if (!v) {
        b.expectMissing(key, { zh: `“${w}”`, en: `“${w}”` }, { zh: '起止日期（如 2024-01-01 至 2026-12-31）', en: 'the start and end dates (e.g. 2024-01-01 至 2026-12-31)' });
        return;
      }
      const at = valueAt(b, v);
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
        b.report('BUD901', v.span, { found: v.text, what: '实施期限', whatEn: 'implementation period', example: '2024-01-01 至 2026-12-31' });
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
        b.expectMissing(key, { zh: `“${w}”`, en: `“${w}”` }, { zh: '金额', en: 'an amount' });
        return;
      }
      p[attr] = readAmount(b, a, mu);
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
        const partAmount = items[i + 1];
        if (!partAmount) {
          b.expectMissing(items[i], { zh: `“${part.word}”`, en: `“${part.word}”` }, { zh: '金额', en: 'an amount' });
          i++;
          break;
        }
        p[part.attr] = readAmount(b, partAmount, mu);
        i += 2;
      }
      for (const extra of items.slice(i)) {
        b.unexpected(extra, attr === 'fundsTotal'
          ? { zh: '资金总额行为：资金总额 金额 [财政资金 金额] [其他资金 金额]', en: 'a 资金总额 line is: 资金总额 amount [财政资金 amount] [其他资金 amount]' }
          : { zh: '每行一个金额', en: 'one amount per line' });
      }
      return;
    }
  }
}

export function bindProjectEcon(b: Binder, stmts: Stmt[], unit: MoneyUnit): EconLine[] {
  const out: EconLine[] = [];
  for (const s of stmts) {
    const items = s.items;
    const c = statementOf('projectEcon', s) ? readCode(b, items, 5) : undefined;
    if (!c) {
      b.unknownStatement(s, 'projectEcon');
      continue;
    }
    const line: EconLine = { code: c.code, codeSpan: { start: items[0].start, end: items[c.used - 1].end }, span: s };
    let i = c.used;
    const nameStart = i;
    while (i < items.length && isNameItem(items[i])) i = b.wordEnd(items, i);
    if (i > nameStart) line.name = b.rest(items, nameStart, i);
    if (items[i]) {
      line.amount = readAmount(b, items[i], unit);
      i++;
    } else b.expectMissing(line.name?.span ?? line.codeSpan, { zh: `经济分类 ${c.code}`, en: `economic line ${c.code}` }, { zh: '金额', en: 'an amount' });
    for (const extra of items.slice(i)) b.unexpected(extra, { zh: '每行一个编码、名称和金额', en: 'one code, name and amount per line' });
    out.push(line);
  }
  return out;
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
