/**
 * Document symbols (the outline: departments > units > sections > rows / projects > indicator blocks, the
 * 上年比较 block > its compared figures) and
 * workspace symbols (units, projects and classification rows, matched by name or code).
 */
import type { Analysis } from '../analyze';
import { builtinCatalog, normalizeName, type Catalog } from '../catalog';
import { incomeFuncKey, incomeFuncStated, sourceKey, type UnitFigures } from '../compute';
import type { Span } from '../diagnostics';
import type { Locale } from '../i18n';
import { compareFigureName, LIST_TABLE_NAMES, SANGONG_NAMES } from '../keywords';
import type { IncomeFuncRow, Indicator, IndicatorBlock, Project, Row, RowSection, Section } from '../model';
import { formatMoney, type Money } from '../money';
import { pick, SECTION_WORDS, tr } from './i18n';
import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from './types';

function sym(name: string, kind: SymbolKind, span: Span, selection: Span, detail?: string, children: DocumentSymbol[] = []): DocumentSymbol {
  const sel = selection.end > selection.start ? selection : { start: span.start, end: Math.min(span.end, span.start + 1) };
  return { name: name || '—', kind, span: { start: span.start, end: span.end }, selection: { start: sel.start, end: sel.end }, ...(detail ? { detail } : {}), children };
}

function cover(s: DocumentSymbol): Span {
  let start = s.span.start;
  let end = s.span.end;
  for (const c of s.children) {
    const cs = cover(c);
    start = Math.min(start, cs.start);
    end = Math.max(end, cs.end);
  }
  return { start, end };
}

export function documentSymbols(a: Analysis, locale: Locale): DocumentSymbol[] {
  const unitSyms = new Map<UnitFigures['unit'], DocumentSymbol>();
  for (const fig of a.figures) unitSyms.set(fig.unit, unitSymbol(fig, locale));
  const out: DocumentSymbol[] = [];
  const inDept = new Set<UnitFigures['unit']>();
  for (const d of a.model.departments) {
    const kids = d.units.map((u) => unitSyms.get(u)).filter((x): x is DocumentSymbol => !!x);
    d.units.forEach((u) => inDept.add(u));
    // The department's own sections (consolidated figures) sit directly under it.
    if (d.consolidated) {
      inDept.add(d.consolidated);
      for (const c of unitSyms.get(d.consolidated)?.children ?? []) kids.push(c);
      kids.sort((x, y) => x.span.start - y.span.start);
    }
    out.push(sym(d.name.text, SymbolKind.Namespace, d.span, d.name.span, tr(locale, '部门', 'department'), kids));
  }
  for (const u of a.model.units) {
    if (inDept.has(u)) continue;
    const s = unitSyms.get(u);
    if (s) out.push(s);
  }
  return out.sort((x, y) => x.span.start - y.span.start);
}

function unitSymbol(fig: UnitFigures, locale: Locale): DocumentSymbol {
  const u = fig.unit;
  const m = (v: Money | undefined): string | undefined => (v === undefined ? undefined : formatMoney(v, u.moneyUnit));
  const kids: DocumentSymbol[] = [];
  if (u.income) {
    const lines = u.income.lines.map((l) => sym((l.carried && l.item !== '上年结转结余' ? '上年结转 ' : '') + l.item, SymbolKind.Field, l.span, l.keySpan, l.amount?.text));
    kids.push(sym('收入', SymbolKind.Object, u.income.span, u.income.headerSpan, m(fig.income.values.get('收入总计')), lines));
  }
  if (u.incomeFunc) kids.push(incomeFuncSymbol(fig, locale));
  for (const kind of ['func', 'econ', 'gov'] as const) {
    const sec = u[kind];
    if (sec) kids.push(sectionSymbol(fig, kind, sec, locale));
  }
  if (u.mapping.length) {
    const first = u.mapping[0].span;
    const last = u.mapping[u.mapping.length - 1].span;
    kids.push(sym('对照', SymbolKind.Object, { start: first.start, end: last.end }, first, undefined,
      u.mapping.map((l) => sym(`${l.dept.text} → ${l.gov.text}`, SymbolKind.Key, l.span, l.dept.span))));
  }
  if (u.sangong) {
    kids.push(sym('三公', SymbolKind.Object, u.sangong.span, u.sangong.headerSpan, m(fig.sangong.values.total),
      u.sangong.lines.map((l) => sym(pick(locale, SANGONG_NAMES[l.item]), SymbolKind.Field, l.span, l.keySpan, l.amount?.text))));
  }
  for (const l of u.lists) {
    const name = pick(locale, LIST_TABLE_NAMES[l.table]);
    kids.push(sym(name, SymbolKind.Array, l.span, l.span, l.empty ? tr(locale, '无', 'empty') : undefined,
      l.rows.map((r) => sym([r.code?.text, r.name?.text].filter(Boolean).join(' '), SymbolKind.Field, r.span, r.name?.span ?? r.code?.span ?? r.span))));
  }
  if (u.overall) {
    const o = u.overall;
    const items = o.tasks.map((t) => sym(t.name.text, SymbolKind.Field, t.span, t.name.span, t.amount?.text));
    if (o.indicators) items.push(indicatorBlockSymbol(o.indicators, locale));
    kids.push(sym('整体绩效', SymbolKind.Object, o.span, { start: o.span.start, end: o.span.start + 4 }, undefined, items));
  }
  for (const p of u.projects) kids.push(projectSymbol(fig, p, locale));
  if (u.comparison) {
    // Each compared figure, with what the line states about last year (上年, else the change).
    const lines = u.comparison.lines.map((l) => {
      const word = { signed: '增减', up: '增加', down: '减少', flat: '持平' } as const;
      const detail = l.previous ? `上年 ${l.previous.text}` : l.change ? `${word[l.change.style]}${l.change.amount ? ` ${l.change.amount.text}` : ''}` : undefined;
      return sym(pick(locale, compareFigureName(l.figure)), SymbolKind.Field, l.span, l.keySpan, detail);
    });
    kids.push(sym('上年比较', SymbolKind.Object, u.comparison.span, u.comparison.headerSpan, tr(locale, `${lines.length} 项`, `${lines.length}`), lines));
  }
  kids.sort((x, y) => x.span.start - y.span.start);
  const detail = [u.code?.text, u.year !== undefined ? String(u.year) : undefined].filter(Boolean).join(' · ');
  return sym(u.name.text, SymbolKind.Module, u.span, u.name.span, detail || undefined, kids);
}

function rowName(r: Row, fallbackName: string | undefined): string {
  if (r.isTotal) return '合计';
  const name = r.name?.text ?? fallbackName ?? '';
  const src = r.source ? `（${r.source.carried ? '上年结转 ' : ''}${r.source.source}）` : '';
  return `${r.code} ${name}${src}`.trim();
}

function sectionSymbol(fig: UnitFigures, kind: RowSection, sec: Section, locale: Locale): DocumentSymbol {
  const tree = fig[kind];
  const unit = fig.unit.moneyUnit;
  const symOf = new Map<Row, DocumentSymbol>();
  for (const r of sec.rows) {
    const n = tree.byCode.get(r.code);
    const total = r.cells.total?.value ?? n?.bySource.get(sourceKey(r.source))?.total;
    symOf.set(r, sym(rowName(r, n?.name), SymbolKind.Number, r.span, r.codeSpan, total !== undefined ? formatMoney(total, unit) : undefined));
  }
  // Nest rows by the code tree (a row under the nearest listed ancestor).
  const top: DocumentSymbol[] = [];
  for (const r of sec.rows) {
    const s = symOf.get(r)!;
    let parent: DocumentSymbol | undefined;
    for (let n = tree.byCode.get(r.code)?.parent; n && n.code; n = n.parent) {
      const pr = n.rows[0];
      if (pr && symOf.has(pr) && pr !== r) {
        parent = symOf.get(pr);
        break;
      }
    }
    (parent ? parent.children : top).push(s);
  }
  const fix = (s: DocumentSymbol): void => {
    s.children.forEach(fix);
    s.span = cover(s);
  };
  top.forEach(fix);
  if (sec.total) top.unshift(sym('合计', SymbolKind.Number, sec.total.span, sec.total.codeSpan, sec.total.cells.total?.text));
  for (const [key, e] of Object.entries(sec.extras)) {
    if (!e) continue;
    const label = key === 'yearEndCarry' ? '年终结转结余' : key === 'grandTotal' ? '支出总计' : '本年支出合计';
    top.push(sym(label, SymbolKind.Number, e.span, e.span, e.amount?.text));
  }
  top.sort((x, y) => x.span.start - y.span.start);
  const total = tree.root.cells.total;
  return sym(SECTION_WORDS[kind], SymbolKind.Struct, sec.span, sec.headerSpan, total !== undefined ? formatMoney(total, unit) : tr(locale, '（空）', '(empty)'), top);
}

/** The 收入科目 block: its rows nested by the code tree, each with its 合计. */
function incomeFuncSymbol(fig: UnitFigures, locale: Locale): DocumentSymbol {
  const sec = fig.unit.incomeFunc!;
  const tree = fig.incomeFunc;
  const unit = fig.unit.moneyUnit;
  const detail = (r: IncomeFuncRow): string | undefined => {
    const written = r.cells.find((c) => incomeFuncKey(c) === '收入总计')?.amount?.text;
    const n = r.isTotal ? tree.root : tree.byCode.get(r.code);
    const v = n && incomeFuncStated(n, '收入总计');
    return written ?? (v !== undefined ? formatMoney(v, unit) : undefined);
  };
  const symOf = new Map<IncomeFuncRow, DocumentSymbol>();
  for (const r of sec.rows) symOf.set(r, sym(`${r.code} ${r.name?.text ?? tree.byCode.get(r.code)?.name ?? ''}`.trim(), SymbolKind.Number, r.span, r.codeSpan, detail(r)));
  const top: DocumentSymbol[] = [];
  for (const r of sec.rows) {
    const s = symOf.get(r)!;
    const n = tree.byCode.get(r.code);
    const pr = n?.parent?.code ? n.parent.rows[0] : undefined;
    const parent = pr && pr !== r ? symOf.get(pr) : undefined;
    (parent && n?.rows[0] === r ? parent.children : top).push(s);
  }
  const fix = (s: DocumentSymbol): void => {
    s.children.forEach(fix);
    s.span = cover(s);
  };
  top.forEach(fix);
  if (sec.total) top.unshift(sym('合计', SymbolKind.Number, sec.total.span, sec.total.codeSpan, detail(sec.total)));
  top.sort((x, y) => x.span.start - y.span.start);
  const total = incomeFuncStated(tree.root, '收入总计');
  return sym('收入科目', SymbolKind.Struct, sec.span, sec.headerSpan, total !== undefined ? formatMoney(total, unit) : tr(locale, '（空）', '(empty)'), top);
}

function projectSymbol(fig: UnitFigures, p: Project, locale: Locale): DocumentSymbol {
  const pf = fig.projects.find((x) => x.project === p);
  const kids: DocumentSymbol[] = [];
  for (const r of p.funcRefs) kids.push(sym(`功能科目 ${r.code}`, SymbolKind.Key, r.span, r.span, r.amount?.text));
  if (p.econSpan) {
    kids.push(sym('经济分类', SymbolKind.Array, p.econSpan, { start: p.econSpan.start, end: p.econSpan.start + 4 }, pf?.econTotal !== undefined ? formatMoney(pf.econTotal, fig.unit.moneyUnit) : undefined,
      p.econ.map((l) => sym(`${l.code} ${l.name?.text ?? ''}`.trim(), SymbolKind.Number, l.span, l.codeSpan, l.amount?.text))));
  }
  if (p.indicators) kids.push(indicatorBlockSymbol(p.indicators, locale));
  return sym(p.name.text, SymbolKind.Package, p.span, p.name.span, pf?.total !== undefined ? formatMoney(pf.total, fig.unit.moneyUnit) : undefined, kids);
}

function indicatorBlockSymbol(b: IndicatorBlock, locale: Locale): DocumentSymbol {
  // Group by 一级 (first-level) name.
  const groups: Array<{ level1?: Indicator['level1']; items: Indicator[] }> = [];
  for (const ind of b.indicators) {
    const g = groups[groups.length - 1];
    if (g && g.level1?.span.start === ind.level1?.span.start) g.items.push(ind);
    else groups.push({ level1: ind.level1, items: [ind] });
  }
  const kids = groups.map((g) => {
    const items = g.items.map((i) => sym(i.name.text, SymbolKind.Property, i.span, i.name.span, [i.op?.text, i.value?.text, i.unit?.text].filter(Boolean).join(' ') || undefined));
    const first = g.level1?.span ?? g.items[0].span;
    const last = g.items[g.items.length - 1].span;
    return sym(g.level1?.text ?? tr(locale, '（无一级指标）', '(no level 1)'), SymbolKind.Enum, { start: Math.min(first.start, g.items[0].span.start), end: last.end }, first, undefined, items);
  });
  return sym('指标', SymbolKind.Array, b.span, { start: b.span.start, end: b.span.start + 2 }, tr(locale, `${b.indicators.length} 项`, `${b.indicators.length}`), kids);
}

/**
 * Symbols of a document for a workspace-wide search (an empty query matches everything). Only the model is
 * read (no figures), so a workspace index can bind files without computing them; a row without a name of its
 * own is named like the tables name it: after another row of the same code, else from the catalog.
 */
export function workspaceSymbols(a: Pick<Analysis, 'model'>, query: string, catalog: Catalog = builtinCatalog()): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  const match = (name: string): boolean => symbolMatches(name, query);
  for (const d of a.model.departments) if (match(d.name.text)) out.push({ name: d.name.text, kind: SymbolKind.Namespace, span: d.name.span });
  for (const u of a.model.units) {
    if (match(u.name.text)) out.push({ name: u.name.text, kind: SymbolKind.Module, containerName: u.department?.text, span: u.name.span });
    for (const p of u.projects) if (match(p.name.text)) out.push({ name: p.name.text, kind: SymbolKind.Package, containerName: u.name.text, span: p.name.span });
    for (const kind of ['func', 'econ', 'gov'] as const) {
      const rows = u[kind]?.rows ?? [];
      if (!rows.length) continue;
      const named = new Map<string, string>();
      for (const r of rows) if (r.name && !named.has(r.code)) named.set(r.code, r.name.text);
      for (const r of rows) {
        const name = rowName(r, named.get(r.code) ?? catalog.get(kind, r.code)?.names[0]);
        if (match(name)) out.push({ name, kind: SymbolKind.Number, containerName: `${u.name.text} · ${SECTION_WORDS[kind]}`, span: r.codeSpan });
      }
    }
    // 收入科目 rows by code, named as written, else as in 支出, else by the catalog.
    const income = u.incomeFunc?.rows ?? [];
    if (income.length) {
      const named = new Map<string, string>();
      for (const r of [...income, ...(u.func?.rows ?? [])]) if (r.name && !named.has(r.code)) named.set(r.code, r.name.text);
      for (const r of income) {
        if (r.isTotal) continue;
        const name = `${r.code} ${named.get(r.code) ?? catalog.get('func', r.code)?.names[0] ?? ''}`.trim();
        if (match(name)) out.push({ name, kind: SymbolKind.Number, containerName: `${u.name.text} · 收入科目`, span: r.codeSpan });
      }
    }
  }
  return out;
}

/** Whether a symbol name matches a workspace-symbol query (substring, ignoring spaces, bracket width and case). */
export function symbolMatches(name: string, query: string): boolean {
  const q = normalizeName(query).toLowerCase();
  return !q || normalizeName(name).toLowerCase().includes(q);
}
