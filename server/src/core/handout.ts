/**
 * The handout: what the printed tables carry around them so that an analyst can hand them upward — the
 * document's title as the publications print it (“2026年某县农业农村局部门预算批复表”: the layout's
 * `documentTitle` filled with the year, the unit or 部门 and the subject), the unit line (单位名称 and the money
 * unit) and, when asked, the signature lines of the forms (单位负责人 / 财务负责人 / 经办人). The HTML export, the
 * PDF, the workbook and the preview read it from here. A `标题` written in the file is the title as written.
 */
import type { Analysis } from './analyze';
import { withYear } from './layouts/title';
import type { Layout } from './layouts/types';
import { layoutOf, layoutsOf } from './tables';

export interface Handout {
  /** The document's title. */
  title: string;
  /** The unit line: the publisher, and the money unit. */
  unitLine: { left: string; right: string };
  /** The signature lines the forms print under the tables. */
  signatures: string[];
}

export const SIGNATURE_LINES = ['单位负责人', '财务负责人', '经办人'];

/** The handout of a file: from its first layout's publisher (the 部门 of a one-department file, else the first unit). */
export function handoutOf(a: Analysis): Handout | undefined {
  const first = layoutsOf(a)[0];
  const f = first ? a.figures.find((x) => layoutOf(x.unit).layout === first.layout) : a.figures[0];
  if (!f) return undefined;
  const layout = layoutOf(f.unit).layout;
  const dept = a.model.departments.length === 1 ? a.model.departments[0].name.text : undefined;
  const name = dept ?? f.unit.name.text;
  // A unit that is its own 主管部门 publishes a 部门 budget.
  const subject = layout.subject ?? (dept || f.unit.supervisor?.text === f.unit.name.text ? '部门' : '单位');
  // A title written (标题) is printed as written.
  const title = f.unit.title?.text || documentTitle(layout, f.unit.year, name, subject);
  return { title, unitLine: layout.unitLine(name, f.unit.moneyUnit), signatures: SIGNATURE_LINES };
}

/** A layout's document title filled in: `{年}` (empty for an unknown year), `{名称}`, `{主体}`. */
export function documentTitle(layout: Layout, year: number | undefined, name: string, subject: '部门' | '单位'): string {
  return withYear(layout.documentTitle, year).replace('{名称}', name).replace('{主体}', subject);
}
