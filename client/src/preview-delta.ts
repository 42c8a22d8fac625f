/**
 * Table updates for the preview page as deltas: after an edit most tables show the same content, only their
 * source offsets moved (an edit shifts every later span by the same amount). Posting all tables again costs
 * the page a structured clone of megabytes (a 10,000-line department budget has 524 tables, 3 MB) before it
 * can paint anything; a delta names the unchanged tables by their index in the previous post and the shift
 * to apply to their spans, and carries only the tables whose content changed.
 *
 * Pure (no VS Code API): the extension, the benchmark and the tests use it. The page side that applies a
 * delta is `applyDelta` in media/preview.js; a page that does not hold the post a delta builds on asks for a
 * full post again (`resync`).
 */
import type { Span } from '../../server/src/core/diagnostics';
import type { Table, TableCell } from '../../server/src/core/tables';

/** A table that is the same as table `keep` of the previous post, with every span moved by `shift`. */
export interface KeptTable {
  keep: number;
  shift: number;
}

export type TableEntry = Table | KeptTable;

export interface EncodedTables {
  /** Identifies this post; the next delta names it as its `base`. */
  seq: number;
  /** The post this one builds on (absent: every table is complete). */
  base?: number;
  tables: TableEntry[];
}

/** The first span offset in a table (the offsets of its signature are relative to it), 0 without spans. */
function baseOffset(tb: Table): number {
  for (const row of tb.rows) for (const c of row) if (c.span && c.file === undefined) return c.span.start;
  return 0;
}

/** Everything a table holds, with span offsets relative to its first span: equal signatures mean the tables
 * differ at most by one shift of all their spans. */
export function tableSignature(tb: Table, base = baseOffset(tb)): string {
  if (!base) return JSON.stringify(tb);
  // The spans are swapped for relative ones while the table is serialised (several times faster than a
  // JSON.stringify replacer), then put back.
  const cells: TableCell[] = [];
  const spans: Span[] = [];
  for (const row of tb.rows) {
    for (const c of row) {
      // A span in another file (a unit's figure, `file`) does not move with this document's edits: kept as is.
      if (!c.span || c.file !== undefined) continue;
      cells.push(c);
      spans.push(c.span);
      c.span = { start: c.span.start - base, end: c.span.end - base };
    }
  }
  try {
    return JSON.stringify(tb);
  } finally {
    cells.forEach((c, k) => { c.span = spans[k]; });
  }
}

export class PreviewDelta {
  private seq = 0;
  private prev: { key: string; sigs: string[]; bases: number[] } | undefined;

  /** Forget the previous post: the next one is complete (a new page, a page that asked to resync). */
  reset(): void {
    this.prev = undefined;
  }

  /**
   * The tables to post for `key` (the document): complete the first time, for another document and after
   * `reset`; otherwise unchanged tables as references to the previous post.
   */
  encode(key: string, tables: Table[]): EncodedTables {
    const bases = tables.map(baseOffset);
    const sigs = tables.map((tb, i) => tableSignature(tb, bases[i]));
    const prev = this.prev?.key === key ? this.prev : undefined;
    let out: TableEntry[] = tables;
    if (prev) {
      // Most tables stay where they were: compare with the same position first, then look the rest up by
      // signature. Each previous table is referred to at most once (the page moves its spans in place).
      const used = new Set<number>();
      const keep: Array<number | undefined> = sigs.map((sig, i) => {
        if (prev.sigs[i] !== sig) return undefined;
        used.add(i);
        return i;
      });
      let bySig: Map<string, number[]> | undefined;
      for (let i = 0; i < tables.length; i++) {
        if (keep[i] !== undefined) continue;
        if (!bySig) {
          bySig = new Map();
          prev.sigs.forEach((sig, j) => {
            if (used.has(j)) return;
            const list = bySig!.get(sig);
            if (list) list.push(j);
            else bySig!.set(sig, [j]);
          });
        }
        const k = bySig.get(sigs[i])?.find((j) => !used.has(j));
        if (k === undefined) continue;
        used.add(k);
        keep[i] = k;
      }
      out = tables.map((tb, i) => {
        const k = keep[i];
        return k === undefined ? tb : { keep: k, shift: bases[i] - prev.bases[k] };
      });
    }
    const seq = ++this.seq;
    const encoded: EncodedTables = { seq, tables: out };
    if (prev) encoded.base = seq - 1;
    this.prev = { key, sigs, bases };
    return encoded;
  }
}

/**
 * What the page does with a delta (the same steps as `applyDelta` in media/preview.js, for the tests and
 * tools): the complete tables, built from the previous ones, or undefined when `previous` is not the base.
 */
export function applyDelta(previous: { seq: number; tables: Table[] } | undefined, encoded: EncodedTables): Table[] | undefined {
  if (encoded.base === undefined) return encoded.tables as Table[];
  if (!previous || previous.seq !== encoded.base) return undefined;
  return encoded.tables.map((e) => {
    if (!('keep' in e)) return e;
    const tb = previous.tables[e.keep];
    if (!tb) throw new Error(`delta refers to table ${e.keep} of ${previous.tables.length}`);
    if (!e.shift) return tb;
    return { ...tb, rows: tb.rows.map((r) => r.map((c) => (c.span && c.file === undefined ? { ...c, span: { start: c.span.start + e.shift, end: c.span.end + e.shift } } : c))) };
  });
}
