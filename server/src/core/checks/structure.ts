import { leadingBlanks, ordinarySpaces } from '../blank';
import { codeLengths, digitDistance, normalizeName, parentCode, type CatalogEntry, type ClassKind } from '../catalog';
import { sourceKey, type ClassTree } from '../compute';
import type { Fix, Span } from '../diagnostics';
import type { Row, Section } from '../model';
import { KIND_NAME, defineCheck, type CheckContext } from './context';

/** The source key of a row without 来源. */
const DEFAULT_KEY = sourceKey(undefined);

type Ctx = CheckContext<'BUD101' | 'BUD102' | 'BUD103' | 'BUD104' | 'BUD105' | 'BUD106' | 'BUD107' | 'BUD108' | 'BUD109' | 'BUD110' | 'BUD112'>;

function checkStructure(ctx: Ctx): void {
  const u = ctx.unit;
  // The first row of each code, per section (lookups stay linear in the number of rows). 支出 and 经济分类 read
  // them from their figures' trees, which have a node for every row's code with its rows in order (no second map
  // of every code).
  const firstRow = (sec: Section | undefined): Map<string, Row> => {
    const m = new Map<string, Row>();
    for (const r of sec?.rows ?? []) if (!m.has(r.code)) m.set(r.code, r);
    return m;
  };
  const funcRows = treeRows(ctx.figures.func);
  const econRows = treeRows(ctx.figures.econ);
  for (const kind of ['func', 'econ', 'gov'] as const) {
    const sec = u[kind];
    if (!sec) continue;
    const rowsByCode = kind === 'func' ? funcRows : kind === 'econ' ? econRows : firstRow(sec);
    checkCodeRows(ctx, kind, sec.rows, rowsByCode, KIND_NAME[kind]);
  }
  // 收入科目 (income by function code): the same rules for its codes, against its own rows.
  const inc = u.incomeFunc;
  if (inc) {
    const rowsByCode = new Map<string, unknown>();
    for (const r of inc.rows) if (!rowsByCode.has(r.code)) rowsByCode.set(r.code, r);
    checkCodeRows(ctx, 'func', inc.rows, rowsByCode, { zh: '功能分类', en: 'function classification' });
  }
  // Projects' function codes: listed rows, or at least a complete catalog entry and a listed parent.
  if (u.func) {
    for (const p of u.projects) if (!p.funcRefs.length) ctx.report('BUD108', p.name.span, { project: p.name.text });
    for (const p of u.projects) {
      for (const ref of p.funcRefs) {
        if (ref.code.length !== 7 && ref.code.length !== 5 && ref.code.length !== 3) {
          const fixes = lengthFixes(ctx, 'func', ref.code, ref.span, prefixParent(ctx, 'func', ref.code, funcRows));
          ctx.report('BUD101', ref.span, { kind: KIND_NAME.func.zh, kindEn: KIND_NAME.func.en, code: ref.code, lengths: '3/5/7' }, { fixes });
          continue;
        }
        if (funcRows.has(ref.code)) continue;
        const parent = parentCode(ref.code);
        if (parent && !funcRows.has(parent)) ctx.report('BUD102', ref.span, { code: ref.code, parent }, { fixes: addParentRow(ctx, 'func', u.func, parent) });
        if (!ctx.figures.catalog.get('func', ref.code)) ctx.report('BUD107', ref.span, { code: ref.code });
      }
    }
  }
  if (u.econ) {
    for (const p of u.projects) {
      for (const l of p.econ) {
        if (l.code.length !== 5 && l.code.length !== 3) {
          const fixes = lengthFixes(ctx, 'econ', l.code, l.codeSpan, prefixParent(ctx, 'econ', l.code, econRows), l.name?.text);
          ctx.report('BUD101', l.codeSpan, { kind: KIND_NAME.econ.zh, kindEn: KIND_NAME.econ.en, code: l.code, lengths: '3/5' }, { fixes });
        }
        else if (l.code[0] !== '3') ctx.report('BUD106', l.codeSpan, { code: l.code, kind: KIND_NAME.econ.zh, kindEn: KIND_NAME.econ.en });
        else if (!econRows.has(l.code)) {
          const parent = parentCode(l.code);
          if (parent && !econRows.has(parent)) ctx.report('BUD102', l.codeSpan, { code: l.code, parent }, { fixes: addParentRow(ctx, 'econ', u.econ, parent) });
        }
        if (l.name) {
          const entry = ctx.figures.catalog.get('econ', l.code);
          const rowName = econRows.get(l.code)?.name?.text;
          const ok = rowName ? normalizeName(rowName) === normalizeName(l.name.text) : ctx.figures.catalog.nameMatches('econ', l.code, l.name.text);
          if (!ok) ctx.report('BUD104', l.name.span, { code: l.code, name: l.name.text, expected: rowName ?? entry?.names[0] ?? '', source: rowName ? '经济分类' : entry?.sources.join('、') ?? '' });
        }
      }
    }
  }
}

/** What the code rules look up: whether a code has a row (and its first row). */
interface CodeRows<R> {
  has(code: string): boolean;
  get(code: string): R | undefined;
}

/** The first row of each code of a classification, from its tree (compute.ts buildTree: a node per row's code). */
function treeRows(tree: ClassTree): CodeRows<Row> {
  return { has: (code) => !!tree.byCode.get(code)?.rows.length, get: (code) => tree.byCode.get(code)?.rows[0] };
}

/**
 * The fix of a project's code whose parent the unit's block (支出 or 经济分类) does not list: the parent, with its
 * catalog name, written into that block in code order, indented as its rows are — “在经济分类中加入 310 资本性支出”.
 */
function addParentRow(ctx: Ctx, kind: 'func' | 'econ', sec: Section, parent: string): Fix[] {
  const name = ctx.figures.catalog.get(kind, parent)?.names[0];
  const line = `${parent}${name ? ' ' + name : ''}`;
  const block = kind === 'func' ? '支出' : '经济分类';
  const title = { zh: `在${block}中加入 ${line}`, en: `Add ${line} to ${block}` };
  const lineStart = (at: number): number => ctx.text.lastIndexOf('\n', at - 1) + 1;
  // Rows that stand alone on their line; the parent goes before the first whose code sorts after it.
  const alone = sec.rows.filter((r) => leadingBlanks(ctx.text.slice(lineStart(r.span.start), r.span.start)).length === r.span.start - lineStart(r.span.start));
  const next = alone.find((r) => r.code > parent);
  const ref = next ?? alone[alone.length - 1];
  if (!ref) {
    // No row on a line of its own: before the block's closing brace, when it starts its line.
    const close = sec.span.end - 1;
    if (ctx.text[close] !== '}' || ctx.text.slice(lineStart(close), close).trim()) return [];
    const indent = ordinarySpaces(ctx.text.slice(lineStart(close), close));
    return [{ title, edits: [{ start: lineStart(close), end: lineStart(close), newText: `${indent}  ${line}\n` }], preferred: true }];
  }
  const start = lineStart(ref.span.start);
  const indent = ordinarySpaces(ctx.text.slice(start, ref.span.start)).replace(/\ufeff/g, '');
  if (next) return [{ title, edits: [{ start, end: start, newText: `${indent}${line}\n` }], preferred: true }];
  const eol = ctx.text.indexOf('\n', ref.span.end);
  const at = eol < 0 ? ctx.text.length : eol + 1;
  return [{ title, edits: [{ start: at, end: at, newText: `${eol < 0 ? '\n' : ''}${indent}${line}\n` }], preferred: true }];
}

/** A written row with a code, of any block (支出, 经济分类, 政府经济分类, 收入科目). */
interface CodeRow {
  code: string;
  codeSpan: Span;
  name?: { text: string; span: Span };
  span: Span;
  source?: Row['source'];
}

/**
 * The code rules for the rows of one block: length (BUD101), classification (BUD106), repeated code (BUD103),
 * parent listed (BUD102, with the insert fix), catalog name (BUD104, with the rename fix), unknown code (BUD105,
 * information only: the catalog is partial).
 */
function checkCodeRows(ctx: Ctx, kind: ClassKind, rows: CodeRow[], rowsByCode: CodeRows<unknown>, kindName: { zh: string; en: string }): void {
  const seen = new Map<string, CodeRow>();
  const lens = codeLengths(kind);
  // The last row so far of each well-formed code length, with its position (the parent above a malformed code).
  const lastOfLength = new Map<number, number>();
  rows.forEach((r, i) => {
    const firstDigit = r.code[0];
    const wrongClass = (kind === 'func' && (firstDigit === '3' || firstDigit === '5')) || (kind === 'econ' && firstDigit !== '3') || (kind === 'gov' && firstDigit !== '5');
    if (!lens.includes(r.code.length)) {
      // The parent above: the nearest row before it of a shorter, well-formed code.
      let above: number | undefined;
      for (const [len, x] of lastOfLength) if (len < r.code.length && (above === undefined || x > above)) above = x;
      const fixes = lengthFixes(ctx, kind, r.code, r.codeSpan, (above !== undefined ? rows[above].code : undefined) ?? prefixParent(ctx, kind, r.code, rowsByCode), r.name?.text);
      ctx.report('BUD101', r.codeSpan, { kind: kindName.zh, kindEn: kindName.en, code: r.code, lengths: lens.join('/') }, { fixes });
      return;
    }
    lastOfLength.set(r.code.length, i);
    if (wrongClass) {
      ctx.report('BUD106', r.codeSpan, { code: r.code, kind: kindName.zh, kindEn: kindName.en });
      return;
    }
    // The code alone for the default source (the usual row): no string built per row.
    const src = sourceKey(r.source);
    const key = src === DEFAULT_KEY ? r.code : r.code + '|' + src;
    const prev = seen.get(key);
    if (prev) {
      const src = r.source ? `（${sourceKey(r.source)}）` : '';
      ctx.report('BUD103', r.codeSpan, { code: r.code, source: src, sourceEn: src ? ` (${sourceKey(r.source)})` : '' }, {
        related: [{ ...prev.codeSpan, message: { zh: '第一次出现', en: 'first written here' } }],
      });
    } else seen.set(key, r);
    const parent = parentCode(r.code);
    if (parent && !rowsByCode.has(parent)) {
      const pname = ctx.figures.catalog.get(kind, parent)?.names[0];
      // A new line with the row's indentation; a row that shares its line (`支出 { 2080150 … }`) gets the
      // parent written just before it on that line's continuation.
      const lineStart = ctx.text.lastIndexOf('\n', r.span.start - 1) + 1;
      const before = ctx.text.slice(lineStart, r.span.start);
      const blanks = leadingBlanks(before);
      const indent = ordinarySpaces(blanks).replace(/\ufeff/g, '');
      const parentLine = `${parent}${pname ? ' ' + pname : ''}`;
      const alone = blanks.length === before.length;
      const fixes: Fix[] = [{
        title: { zh: `插入上级科目 ${parentLine}`, en: `Insert the parent code ${parentLine}` },
        edits: [alone
          ? { start: lineStart, end: lineStart, newText: `${indent}${parentLine}\n` }
          : { start: r.span.start, end: r.span.start, newText: `${parentLine}\n${indent}` }],
        preferred: true,
      }];
      ctx.report('BUD102', r.codeSpan, { code: r.code, parent }, { fixes });
    }
    checkCatalog(ctx, kind, r, !parent || rowsByCode.has(parent));
  });
}

/** The parent of a malformed code from its digits: its longest well-formed prefix that is a row or a catalog code. */
function prefixParent(ctx: Ctx, kind: ClassKind, code: string, rowsByCode: CodeRows<unknown>): string | undefined {
  const lens = codeLengths(kind).filter((n) => n < code.length).sort((a, b) => b - a);
  for (const n of lens) {
    const p = code.slice(0, n);
    if (rowsByCode.has(p) || ctx.figures.catalog.get(kind, p)) return p;
  }
  return undefined;
}

/**
 * The fixes of a code of the wrong length (BUD101): the catalog's codes under the parent — the one with the name
 * written, else the nearest to the code written (fewest digits to add, drop or change, at most two; then a code the
 * written digits begin) — at most three.
 */
function lengthFixes(ctx: Ctx, kind: ClassKind, code: string, span: Span, parent: string | undefined, name?: string): Fix[] {
  if (!parent) return [];
  const children = ctx.figures.catalog.children(kind, parent);
  // A code under the parent with the name written is the one meant.
  const named = name ? children.filter((e) => e.names.some((x) => normalizeName(x) === normalizeName(name))) : [];
  const scored = (named.length ? named : children).map((e) => ({ e, d: editDistance(code, e.code), prefix: e.code.startsWith(code) || code.startsWith(e.code) }));
  const near = scored.filter((x) => named.length || x.d <= 2).sort((a, b) => a.d - b.d || Number(b.prefix) - Number(a.prefix) || a.e.code.localeCompare(b.e.code)).slice(0, 3);
  return near.map(({ e }) => {
    const line = `${e.code}${e.names[0] ? ' ' + e.names[0] : ''}`;
    return { title: { zh: `改为 ${line}（${parent} 之下）`, en: `Change to ${line} (under ${parent})` }, edits: [{ ...span, newText: e.code }], preferred: near.length === 1 };
  });
}

/** The number of digits to insert, delete or change to turn one code into another (Levenshtein). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * A row's code and name against the catalog edition of the unit (its 科目版本, else its 年度): a code that is not
 * one of the edition's, where the catalog knows the parent completely (BUD109, with the nearest codes as fixes);
 * a name of another edition (BUD110, with the rename); a name that is no edition's (BUD104). Where the catalog is
 * partial the messages say so and say where: a code it does not know (BUD105, information, with the code of the
 * same name nearby if there is one), a code it knows from other editions only (BUD112, information: the sources
 * found do not show it in this edition, which is not evidence that it is not there).
 */
function checkCatalog(ctx: Ctx, kind: ClassKind, r: CodeRow, parentWritten: boolean): void {
  const cat = ctx.figures.catalog;
  const entry = cat.get(kind, r.code);
  const parent = parentCode(r.code);
  const edition = cat.edition;
  if (!entry || (!entry.inEdition && !entry.local)) {
    if (!cat.isComplete(kind, parent)) {
      if (!entry) unknownCode(ctx, kind, r, parent, parentWritten);
      else unconfirmedCode(ctx, kind, r, parent, parentWritten, entry);
      return;
    }
    const other = entry ? `（${entry.editions} 年版有此科目）` : '';
    const otherEn = entry ? ` (it is in the ${entry.editions} edition${entry.editions.ranges.length > 1 || entry.editions.ranges[0][0] !== entry.editions.ranges[0][1] ? 's' : ''})` : '';
    const near = cat.nearestCodes(kind, r.code, r.name?.text);
    const fixes: Fix[] = near.map((e, i) => {
      const name = e.names[0] ?? '';
      const edits = [{ ...r.codeSpan, newText: e.code }];
      if (r.name && name && normalizeName(r.name.text) !== normalizeName(name)) edits.push({ ...r.name.span, newText: name });
      return { title: { zh: `改为 ${e.code} ${name}`, en: `Change to ${e.code} ${name}` }, edits, preferred: i === 0 && near.length === 1 };
    });
    const hint = near.length ? `；是否为 ${near.map((e) => `${e.code} ${e.names[0] ?? ''}`).join('、')}？` : '';
    const hintEn = near.length ? `; did you mean ${near.map((e) => `${e.code} ${e.names[0] ?? ''}`).join(', ')}?` : '';
    ctx.report('BUD109', r.codeSpan, { code: r.code, edition, other, otherEn, parent: parent ?? '', hint, hintEn }, { fixes });
    return;
  }
  if (!r.name || cat.nameMatches(kind, r.code, r.name.text)) return;
  const expected = entry.names[0];
  const rename: Fix[] = [{ title: { zh: `改为“${expected}”`, en: `Rename to “${expected}”` }, edits: [{ ...r.name.span, newText: expected }] }];
  const older = cat.otherEditionNamed(kind, r.code, r.name.text);
  if (older && entry.inEdition) {
    ctx.report('BUD110', r.name.span, { code: r.code, name: r.name.text, other: older.editions.toString(), edition, expected }, { fixes: rename });
    return;
  }
  ctx.report('BUD104', r.name.span, { code: r.code, name: r.name.text, expected, source: entry.sources.join('、') }, { fixes: rename });
}

/**
 * BUD105: a code the catalog does not know, where it is partial. The message names the edition and the parent
 * whose codes are not all catalogued; a code of the same name in the edition under the same parent is offered (a
 * mistyped code), never preferred: the written code may be right.
 */
function unknownCode(ctx: Ctx, kind: ClassKind, r: CodeRow, parent: string | undefined, parentWritten: boolean): void {
  const { hint, hintEn, fixes } = sameNameNearby(ctx, kind, r, parent, parentWritten);
  const { scope, scopeEn } = unknownScope(ctx, parent);
  ctx.report('BUD105', r.codeSpan, { code: r.code, scope, scopeEn, hint, hintEn }, fixes.length ? { fixes } : undefined);
}

/** BUD105's scope words, made once per catalog edition and parent (siblings share them: 180,000 unknown codes made 720,000 strings). */
const SCOPES = new WeakMap<object, Map<string, { scope: string; scopeEn: string }>>();
function unknownScope(ctx: Ctx, parent: string | undefined): { scope: string; scopeEn: string } {
  const cat = ctx.figures.catalog;
  let m = SCOPES.get(cat);
  if (!m) SCOPES.set(cat, (m = new Map()));
  let s = m.get(parent ?? '');
  if (!s) {
    const edition = cat.edition;
    s = {
      scope: parent ? `${edition} 年版 ${parent} 下` : `${edition} 年版类级`,
      scopeEn: parent ? `the ${edition} edition’s codes under ${parent}` : `the ${edition} edition’s classes (类)`,
    };
    m.set(parent ?? '', s);
  }
  return s;
}

/**
 * BUD112: a code the catalog knows from other editions only, where it is partial for this one. The written name
 * is compared with that edition's: a different one is said (with the rename offered), the same one is not a fault.
 */
function unconfirmedCode(ctx: Ctx, kind: ClassKind, r: CodeRow, parent: string | undefined, parentWritten: boolean, entry: CatalogEntry): void {
  const edition = ctx.figures.catalog.edition;
  const known = entry.names[0] ?? '';
  const differs = !!r.name && !!known && !entry.names.some((x) => normalizeName(x) === normalizeName(r.name!.text));
  // A code renumbered between editions: this edition has the written name under a code nearby.
  const same = sameNameNearby(ctx, kind, r, parent, parentWritten);
  const fixes: Fix[] = [...(differs ? [{ title: { zh: `改为“${known}”`, en: `Rename to “${known}”` }, edits: [{ ...r.name!.span, newText: known }] }] : []), ...same.fixes];
  ctx.report('BUD112', r.codeSpan, {
    code: r.code, known, other: entry.editions.toString(), edition,
    scope: parent ? ` ${parent} 下` : '类级',
    scopeEn: parent ? `under ${parent}` : 'at the class level',
    note: (differs ? `；所写名称“${r.name!.text}”与该版名称不同` : '') + same.hint,
    noteEn: (differs ? `; the written name “${r.name!.text}” differs from that edition’s` : '') + same.hintEn,
  }, fixes.length ? { fixes } : undefined);
}

/** sameNameNearby's answer where there is none (most rows): one object, never changed (its fixes are never reported). */
const NOTHING_NEARBY: { hint: string; hintEn: string; fixes: Fix[] } = Object.freeze({ hint: '', hintEn: '', fixes: Object.freeze([]) as unknown as Fix[] });

/**
 * Codes of the edition with the row's written name under the same parent — a mistyped or renumbered code — as a
 * hint and fixes that change the code (never preferred: the written code may be right). Across parents only one
 * digit away and only where the written parent exists nowhere: 行政运行, 一般行政管理事务 … are names of a 项 under
 * almost every 款.
 */
function sameNameNearby(ctx: Ctx, kind: ClassKind, r: CodeRow, parent: string | undefined, parentWritten: boolean): { hint: string; hintEn: string; fixes: Fix[] } {
  const name = r.name ? normalizeName(r.name.text) : undefined;
  // One digit away across parents only where the written parent is nowhere (neither in the file nor the catalog):
  // then the slip is likely in the parent's digits (28805 for 20805).
  const strayParent = !parent || (!parentWritten && !ctx.figures.catalog.get(kind, parent));
  const same = name
    ? ctx.figures.catalog.nearestCodes(kind, r.code, r.name!.text, 8).filter((e) => e.names.some((x) => normalizeName(x) === name) && (parentCode(e.code) === parent || (strayParent && digitDistance(e.code, r.code) === 1))).slice(0, 2)
    : [];
  if (!same.length) return NOTHING_NEARBY;
  return {
    hint: `；目录中“${r.name!.text}”是 ${same.map((e) => e.code).join('、')}`,
    hintEn: `; the catalog has “${r.name!.text}” as ${same.map((e) => e.code).join(', ')}`,
    fixes: same.map((e) => ({ title: { zh: `改为 ${e.code}`, en: `Change to ${e.code}` }, edits: [{ ...r.codeSpan, newText: e.code }] })),
  };
}

export const structure = defineCheck('code structure', ['BUD101', 'BUD102', 'BUD103', 'BUD104', 'BUD105', 'BUD106', 'BUD107', 'BUD108', 'BUD109', 'BUD110', 'BUD112'], checkStructure);
