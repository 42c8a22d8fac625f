/**
 * Decoding budget files from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, and GB18030/GBK, which
 * many Chinese offices still save by default. Invalid UTF-8 that decodes cleanly as GB18030 is read as
 * such (and reported through `encoding`); anything else is a clear error, never mojibake.
 */

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';
  error?: { zh: string; en: string };
}

export function decodeBuffer(buf: Uint8Array): Decoded {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: try GB18030 (a superset of GBK and GB2312).
  }
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(buf);
    return { text, encoding: 'gb18030' };
  } catch {
    return {
      text: new TextDecoder('utf-8').decode(buf),
      encoding: 'utf-8',
      error: {
        zh: '文件既不是 UTF-8 也不是 GB18030/GBK 编码；请用编辑器“以 UTF-8 编码保存”，或运行 iconv -f GB18030 -t UTF-8',
        en: 'the file is neither UTF-8 nor GB18030/GBK; save it as UTF-8 (or run iconv -f GB18030 -t UTF-8)',
      },
    };
  }
}
