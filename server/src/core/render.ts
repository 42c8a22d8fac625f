/** Renders the standard tables in the CLI's output formats. */
import type { Analysis } from './analyze';
import type { Locale } from './diagnostics';

export type RenderFormat = 'json' | 'html' | 'csv' | 'xlsx';

export async function renderTables(_a: Analysis, format: RenderFormat, _locale: Locale): Promise<string | Uint8Array> {
  throw new Error(`render ${format}: tables are not implemented yet`);
}
