/**
 * Readers: how a file of each kind becomes budget text. `budget check` picks a reader by the file's extension;
 * folders are searched for the extensions of the readers marked `discover`. A file named explicitly whose
 * extension no reader claims is read as budget text (the decoder names binary formats it recognises).
 *
 * To read another kind of file, add a reader to READERS. Its `id` is part of the result cache key: change it
 * when the reader's output changes. Heavy dependencies belong inside `read` (loaded on first use), since this
 * module is loaded by every command and by every worker thread.
 */
import { readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Text2 } from '../core/diagnostics';
import { decodeBuffer, type Decoded } from '../core/encoding';

export type ReadResult =
  | {
      ok: true;
      text: string;
      /** Bytes of a fixed text in the file's own form (`--fix`), or why that cannot be done. */
      encode?: (text: string) => Uint8Array | { error: Text2 };
      /** For a document turned into budget text: where an offset of the text was printed (page, line). */
      locate?: (offset: number) => Origin | undefined;
    }
  | { ok: false; message: Text2 };

/** Where a figure of an imported document was printed (import/source.ts SourceRef: page, line, box, text). */
export interface Origin {
  page: number;
  line: number;
  text: string;
  x0?: number;
  x1?: number;
  y0?: number;
  y1?: number;
}

export interface Reader {
  /** Identifies the reader and its version in the result cache key. */
  id: string;
  /** Extensions claimed, lower case with the dot. */
  extensions: string[];
  /** Whether folders are searched for these extensions. */
  discover: boolean;
  read(bytes: Uint8Array, file: string): ReadResult | Promise<ReadResult>;
  /** Files whose bytes identify the reader's code in the cache key, when it lives outside the analysis bundle. */
  code?: () => string[];
}

/** Budget text: UTF-8 (BOM or not), UTF-16, GB18030 (core/encoding.ts). */
export const BUDGET_TEXT: Reader = {
  id: 'budget-text/1',
  extensions: ['.budget'],
  discover: true,
  read(bytes) {
    const d = decodeBuffer(bytes);
    if (d.error) return { ok: false, message: d.error };
    return { ok: true, text: d.text, encode: (text) => encodeText(text, d.encoding, bytes) };
  },
};

declare const __BUNDLED__: boolean | undefined;
const BUNDLED = typeof __BUNDLED__ === 'boolean' && __BUNDLED__;

/**
 * Published documents — PDFs and workbooks — imported into budget text in memory (server/src/import), each
 * finding located on the page and printed line it comes from. Folders are not searched for them (a folder of
 * budgets often holds the published PDFs too); name them, or a glob. The importer is a bundle of its own
 * (dist/cli-import.js), loaded on the first document.
 */
export const DOCUMENTS: Reader = {
  id: 'document-import/1',
  extensions: ['.pdf', '.xlsx'],
  discover: false,
  async read(bytes, file) {
    const imp = require('./import-entry') as typeof import('./import-entry');
    try {
      const r = await imp.importDocument(bytes, { name: basename(file) });
      return { ok: true, text: r.text, locate: (offset) => imp.sourceOf(r.map, offset) };
    } catch (e) {
      if (e instanceof imp.ImportError) return { ok: false, message: { zh: e.zh, en: e.en } };
      throw e;
    }
  },
  code: () => (BUNDLED ? [join(__dirname, 'cli-import.js')] : jsFiles(join(__dirname, '..', 'import'))),
};

export const READERS: Reader[] = [BUDGET_TEXT, DOCUMENTS];

/** The .js files under a folder, sorted (the code of a reader run from out/). */
export function jsFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [])).sort();
  } catch {
    return [];
  }
}

export function readerFor(file: string): Reader {
  const ext = extname(file).toLowerCase();
  return READERS.find((r) => r.extensions.includes(ext)) ?? BUDGET_TEXT;
}

/** Extensions searched for in folders. */
export function discoveredExtensions(): string[] {
  return READERS.filter((r) => r.discover).flatMap((r) => r.extensions);
}

/**
 * Encodes text back into the encoding it was read from (`budget check --fix` writes files back as they were);
 * a byte order mark is written when the original had one. GB18030 cannot be written (the runtime has no
 * encoder for it).
 */
export function encodeText(text: string, encoding: Decoded['encoding'], original: Uint8Array): Uint8Array | { error: Text2 } {
  const had = (...bom: number[]): boolean => bom.every((b, i) => original[i] === b);
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from(had(0xff, 0xfe) ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from(had(0xfe, 0xff) ? [0xfe, 0xff] : []), Buffer.from(text, 'utf16le').swap16()]);
    default:
      return {
        error: {
          zh: '文件是 GB18030 编码，--fix 无法按原编码写回；请先“以 UTF-8 编码保存”',
          en: 'the file is GB18030, which --fix cannot write back; save it as UTF-8 first',
        },
      };
  }
}
