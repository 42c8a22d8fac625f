/**
 * Navigation between the places that name the same thing in a unit:
 * - a function code: its rows in 支出 ↔ the projects' 功能科目 lines and its rows in 收入科目;
 * - a department economic code: its rows in 经济分类 ↔ the projects' economic lines and 对照 lines;
 * - a government economic code: its rows in 政府经济分类 ↔ 对照 lines;
 * - a project: its name ↔ indicators and list rows carrying exactly that name.
 * Go to definition from a reference goes to the row (from a row: to its parent row); references, document
 * highlights and rename use the same occurrences. Renaming a code renames its descendants' prefixes too.
 */
import type { Analysis } from '../analyze';
import { normalizeName, parentCode, type ClassKind } from '../catalog';
import type { UnitFigures } from '../compute';
import type { Edit, Span } from '../diagnostics';
import type { Locale } from '../i18n';
import type { Project, Unit } from '../model';
import { tr } from './i18n';
import { targetAt } from './locate';
import { HighlightKind, type Highlight, type RenameResult } from './types';

export type NavSymbol =
  | { kind: 'code'; cls: ClassKind; code: string; fig: UnitFigures; span: Span }
  | { kind: 'project'; project: Project; fig: UnitFigures; span: Span };

export interface Occurrence {
  span: Span;
  /** The row (or project name) that defines it, or a reference to it. */
  role: 'definition' | 'reference';
  /** The code written there (for rename of descendants). */
  code?: string;
}

export function symbolAt(a: Analysis, offset: number): NavSymbol | undefined {
  const t = targetAt(a, offset);
  if (!t) return undefined;
  switch (t.kind) {
    case 'row':
      return t.part === 'code' && !t.row.isTotal ? { kind: 'code', cls: t.section, code: t.row.code, fig: t.fig, span: t.row.codeSpan } : undefined;
    case 'funcRef':
      return { kind: 'code', cls: 'func', code: t.ref.code, fig: t.fig, span: t.ref.span };
    case 'incomeFuncRow':
      return t.part === 'code' && !t.row.isTotal ? { kind: 'code', cls: 'func', code: t.row.code, fig: t.fig, span: t.row.codeSpan } : undefined;
    case 'econLine':
      return t.part === 'code' ? { kind: 'code', cls: 'econ', code: t.line.code, fig: t.fig, span: t.line.codeSpan } : undefined;
    case 'mapping':
      return t.side === 'dept'
        ? { kind: 'code', cls: 'econ', code: t.line.dept.text, fig: t.fig, span: t.line.dept.span }
        : { kind: 'code', cls: 'gov', code: t.line.gov.text, fig: t.fig, span: t.line.gov.span };
    case 'project':
      return { kind: 'project', project: t.project, fig: t.fig, span: t.project.name.span };
    case 'indicator':
      if (t.part === 'name' && t.project && sameName(t.indicator.name.text, t.project.name.text)) {
        return { kind: 'project', project: t.project, fig: t.fig, span: t.indicator.name.span };
      }
      return undefined;
    default:
      return undefined;
  }
}

function sameName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

/** Every place in the unit naming `code` (or, with `descendants`, a code under it). */
function codeOccurrences(u: Unit, cls: ClassKind, code: string, descendants: boolean): Occurrence[] {
  const hit = (c: string): boolean => c === code || (descendants && c.startsWith(code));
  const out: Occurrence[] = [];
  for (const r of u[cls]?.rows ?? []) if (hit(r.code)) out.push({ span: r.codeSpan, role: 'definition', code: r.code });
  if (cls === 'func') {
    for (const p of u.projects) for (const ref of p.funcRefs) if (hit(ref.code)) out.push({ span: ref.span, role: 'reference', code: ref.code });
    // The same code's row in 收入科目 (income by function).
    for (const r of u.incomeFunc?.rows ?? []) if (hit(r.code)) out.push({ span: r.codeSpan, role: 'reference', code: r.code });
  }
  if (cls === 'econ') {
    for (const p of u.projects) for (const l of p.econ) if (hit(l.code)) out.push({ span: l.codeSpan, role: 'reference', code: l.code });
    for (const m of u.mapping) if (hit(m.dept.text)) out.push({ span: m.dept.span, role: 'reference', code: m.dept.text });
  }
  if (cls === 'gov') {
    for (const m of u.mapping) if (hit(m.gov.text)) out.push({ span: m.gov.span, role: 'reference', code: m.gov.text });
  }
  return out.sort((x, y) => x.span.start - y.span.start);
}

function projectOccurrences(u: Unit, p: Project): Occurrence[] {
  const out: Occurrence[] = [{ span: p.name.span, role: 'definition' }];
  for (const ind of p.indicators?.indicators ?? []) if (sameName(ind.name.text, p.name.text)) out.push({ span: ind.name.span, role: 'reference' });
  for (const l of u.lists) for (const r of l.rows) if (r.name && sameName(r.name.text, p.name.text)) out.push({ span: r.name.span, role: 'reference' });
  return out.sort((x, y) => x.span.start - y.span.start);
}

export function occurrences(sym: NavSymbol): Occurrence[] {
  return sym.kind === 'code' ? codeOccurrences(sym.fig.unit, sym.cls, sym.code, false) : projectOccurrences(sym.fig.unit, sym.project);
}

/** Go to definition. */
export function definition(a: Analysis, offset: number): Span[] {
  const t = targetAt(a, offset);
  const sym = symbolAt(a, offset);
  if (!sym) return [];
  if (sym.kind === 'project') return [sym.project.name.span];
  const rows = sym.fig.unit[sym.cls]?.rows ?? [];
  const onRow = t?.kind === 'row';
  if (!onRow) {
    const defs = rows.filter((r) => r.code === sym.code).map((r) => r.codeSpan);
    if (defs.length) return defs;
  }
  // From a row (or a reference to an unlisted code): the nearest listed ancestor, else the 合计 row.
  for (let p = parentCode(sym.code); p; p = parentCode(p)) {
    const parents = rows.filter((r) => r.code === p).map((r) => r.codeSpan);
    if (parents.length) return parents;
  }
  const total = sym.fig.unit[sym.cls]?.total;
  return total ? [total.codeSpan] : [];
}

export function references(a: Analysis, offset: number, includeDeclaration: boolean): Span[] {
  const sym = symbolAt(a, offset);
  if (!sym) return [];
  return occurrences(sym).filter((o) => includeDeclaration || o.role !== 'definition').map((o) => o.span);
}

export function highlights(a: Analysis, offset: number): Highlight[] {
  const sym = symbolAt(a, offset);
  if (!sym) return [];
  return occurrences(sym).map((o) => ({ span: o.span, kind: o.role === 'definition' ? HighlightKind.Write : HighlightKind.Read }));
}

export function prepareRename(a: Analysis, offset: number): { span: Span; placeholder: string } | undefined {
  const sym = symbolAt(a, offset);
  if (!sym) return undefined;
  return { span: sym.span, placeholder: sym.kind === 'code' ? sym.code : sym.project.name.text };
}

/** A name as it must be written: quoted when it holds spaces, quotes or braces, or starts with a digit. */
export function writeName(name: string): string {
  return /[\s"{}｛｝#<>=≥≤＝＞＜%％]|^[0-9０-９]|\/\//.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name;
}

export function rename(a: Analysis, offset: number, newName: string, locale: Locale): RenameResult {
  const sym = symbolAt(a, offset);
  if (!sym) return { error: tr(locale, '此处没有可重命名的编码或项目名称', 'Nothing to rename here (a code or a project name)') };
  if (sym.kind === 'code') {
    const n = newName.trim();
    if (!/^\d+$/.test(n) || n.length !== sym.code.length) {
      return { error: tr(locale, `新编码应为 ${sym.code.length} 位数字`, `The new code must have ${sym.code.length} digits`) };
    }
    if (n === sym.code) return { edits: [] };
    const u = sym.fig.unit;
    const occ = codeOccurrences(u, sym.cls, sym.code, true);
    const rows = [...(u[sym.cls]?.rows ?? []), ...(sym.cls === 'func' ? u.incomeFunc?.rows ?? [] : [])];
    const clash = rows.some((r) => r.code === n || (r.code.startsWith(n) && !r.code.startsWith(sym.code)));
    if (clash) return { error: tr(locale, `科目 ${n} 已存在`, `The code ${n} already exists`) };
    const edits: Edit[] = occ.map((o) => ({ ...o.span, newText: n + o.code!.slice(sym.code.length) }));
    return { edits };
  }
  const name = newName.trim();
  if (!name || /[\r\n]/.test(name)) return { error: tr(locale, '项目名称不能为空或跨行', 'A project name cannot be empty or span lines') };
  const u = sym.fig.unit;
  if (u.projects.some((p) => p !== sym.project && p.name.text === name)) return { error: tr(locale, `项目“${name}”已存在`, `The project “${name}” already exists`) };
  return { edits: projectOccurrences(u, sym.project).map((o) => ({ ...o.span, newText: writeName(name) })) };
}
