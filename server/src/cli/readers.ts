/**
 * Readers: how a file of each kind becomes budget text. `budget check` picks a reader by the file's extension;
 * folders are searched for the extensions of the readers marked `discover`. A file named explicitly whose
 * extension no reader claims is read as budget text (the decoder names binary formats it recognises).
 *
 * To read another kind of file, add a reader to READERS. Its `id` is part of the result cache key: change it
 * when the reader's output changes. Heavy dependencies belong inside `read` (loaded on first use), since this
 * module is loaded by every command and by every worker thread.
 */
import { extname } from 'node:path';
import type { Text2 } from '../core/diagnostics';
import { decodeBuffer, type Decoded } from '../core/encoding';

export type ReadResult =
  | {
      ok: true;
      text: string;
      /** Bytes of a fixed text in the file's own form (`--fix`), or why that cannot be done. */
      encode?: (text: string) => Uint8Array | { error: Text2 };
    }
  | { ok: false; message: Text2 };

export interface Reader {
  /** Identifies the reader and its version in the result cache key. */
  id: string;
  /** Extensions claimed, lower case with the dot. */
  extensions: string[];
  /** Whether folders are searched for these extensions. */
  discover: boolean;
  read(bytes: Uint8Array, file: string): ReadResult | Promise<ReadResult>;
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

export const READERS: Reader[] = [BUDGET_TEXT];

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
