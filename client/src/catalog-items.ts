/**
 * The catalog command's list, free of the VS Code API (tested on its own): the server's catalog tree flattened
 * into QuickPick rows, 类 → 款 → 项 indented, each classification under a separator (texts in the UI's locale: i18n.ts).
 */
import type { CatalogResult } from '../../server/src/protocol';
import { t } from './i18n';

/** A node of the tree the server answers (protocol.ts CatalogResult). */
type CatalogNode = CatalogResult['classes'][number]['nodes'][number];

export interface CatalogRow {
  /** A separator row (a classification's title) or a code. */
  separator?: boolean;
  label: string;
  description?: string;
  detail?: string;
  /** What choosing the row inserts: `code name`. */
  insert?: string;
}

const INDENT = '\u3000\u3000';

export function catalogRows(res: CatalogResult): CatalogRow[] {
  const rows: CatalogRow[] = [];
  const level = (code: string): string => (code.length === 3 ? t('class') : code.length === 5 ? t('section') : t('item'));
  const walk = (nodes: CatalogNode[], depth: number): void => {
    for (const n of nodes) {
      rows.push({ label: `${INDENT.repeat(depth)}${n.code} ${n.name}`, description: level(n.code), detail: n.description, insert: `${n.code} ${n.name}` });
      walk(n.children, depth + 1);
    }
  };
  for (const c of res.classes) {
    rows.push({ separator: true, label: `${c.title}（${c.count}）` });
    walk(c.nodes, 0);
  }
  return rows;
}

export function catalogTitle(res: CatalogResult): string {
  return t('Classification catalog, {0} edition ({1}) — type a code or a name; choosing inserts it', res.edition, res.reason);
}
