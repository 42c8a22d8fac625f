/**
 * The catalog as a browsable tree (the "show classification catalog" command): every code of one edition, by
 * classification, 类 → 款 → 项, with its official name and description. The edition is the one of the unit at
 * the cursor (its 科目版本, else its 年度), or the one asked for, else the latest.
 */
import type { Analysis } from '../analyze';
import { builtinCatalog, LATEST_EDITION, type Catalog, type CatalogTreeNode, type ClassKind } from '../catalog';
import type { Locale } from '../i18n';
import { tr } from './i18n';
import { unitAt } from './locate';

export interface CatalogTreeResult {
  edition: number;
  /** Why this edition: the unit's 科目版本 / 年度, or the latest. */
  reason: string;
  classes: Array<{ kind: ClassKind; title: string; nodes: CatalogTreeNode[]; count: number }>;
}

const TITLES: Record<ClassKind, { zh: string; en: string }> = {
  func: { zh: '支出功能分类科目', en: 'Function classification' },
  econ: { zh: '部门预算支出经济分类科目', en: 'Department economic classification' },
  gov: { zh: '政府预算支出经济分类科目', en: 'Government economic classification' },
};

export function catalogTree(a: Analysis | undefined, offset: number | undefined, locale: Locale, catalog: Catalog = builtinCatalog(), edition?: number): CatalogTreeResult {
  const fig = a && offset !== undefined ? unitAt(a, offset) : a?.figures[0];
  let cat: Catalog;
  let reason: string;
  if (edition !== undefined) {
    cat = catalog.forEdition(edition);
    reason = tr(locale, '所选版本', 'edition chosen');
  } else if (fig) {
    cat = fig.catalog;
    const u = fig.unit;
    reason = u.catalogEdition !== undefined ? tr(locale, `单位“${u.name.text}”的科目版本`, `科目版本 of “${u.name.text}”`)
      : u.year !== undefined ? tr(locale, `单位“${u.name.text}”的年度`, `年度 of “${u.name.text}”`) : tr(locale, '最新版本', 'latest edition');
  } else {
    cat = catalog.forEdition(LATEST_EDITION);
    reason = tr(locale, '最新版本', 'latest edition');
  }
  const classes = (['func', 'econ', 'gov'] as const).map((kind) => {
    const nodes = cat.tree(kind);
    let count = 0;
    const walk = (ns: CatalogTreeNode[]): void => {
      for (const n of ns) {
        count++;
        walk(n.children);
      }
    };
    walk(nodes);
    return { kind, title: tr(locale, TITLES[kind].zh, TITLES[kind].en), nodes, count };
  });
  return { edition: cat.edition, reason, classes };
}
