/**
 * Decoding budget files from bytes: UTF-8 (with or without BOM), UTF-16 (with a BOM, or recognised without
 * one by its zero bytes), and GB18030/GBK, which many Chinese offices still save by default. Invalid UTF-8
 * that decodes cleanly as GB18030 is read as such (and reported through `encoding`); anything else is a clear
 * error saying what the file looks like and where the first bad byte is — never mojibake. A BOM does not make
 * decoding lenient: bytes that are invalid after it are an error too.
 */

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';
  error?: { zh: string; en: string };
}

type Encoding = Decoded['encoding'];

function decode(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Signatures of common binary formats a budget file is mistaken for. */
const MAGIC: Array<[number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'PNG'], [[0x50, 0x4b, 0x03, 0x04], 'ZIP/XLSX/DOCX'], [[0x25, 0x50, 0x44, 0x46], 'PDF'],
  [[0x1f, 0x8b], 'GZIP'], [[0xd0, 0xcf, 0x11, 0xe0], 'Office 97–2003 (XLS/DOC/ET/WPS)'], [[0xff, 0xd8, 0xff], 'JPEG'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF'], [[0x52, 0x61, 0x72, 0x21], 'RAR'], [[0x37, 0x7a, 0xbc, 0xaf], '7Z'],
];

function magic(buf: Uint8Array): string | undefined {
  for (const [sig, name] of MAGIC) if (buf.length >= sig.length && sig.every((b, i) => buf[i] === b)) return name;
  return undefined;
}

/** UTF-16 without a BOM: text with ASCII in it has a zero byte in every other position. */
function utf16Guess(buf: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 16) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Offset of the first byte sequence that is not valid UTF-8. */
function firstInvalidUtf8(buf: Uint8Array): number {
  for (let i = 0; i < buf.length;) {
    const b = buf[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (!len || i + len > buf.length) return i;
    // The second byte's range depends on the first (no overlong forms, surrogates or code points past U+10FFFF).
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (len > 1 && (buf[i + 1] < lo || buf[i + 1] > hi)) return i;
    for (let j = 2; j < len; j++) if (buf[i + j] < 0x80 || buf[i + j] > 0xbf) return i;
    i += len;
  }
  return -1;
}

/** 1-based line of a byte offset (counting LF). */
function lineOfByte(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

function failure(text: string, what: { zh: string; en: string }): Decoded {
  return { text, encoding: 'utf-8', error: what };
}

export function decodeBuffer(buf: Uint8Array): Decoded {
  // UTF-32 BOMs first: FF FE 00 00 also starts like a UTF-16LE BOM.
  if (buf.length >= 4 && ((buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) || (buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff))) {
    return failure('', {
      zh: '文件是 UTF-32 编码，不受支持；请“以 UTF-8 编码保存”，或运行 iconv -f UTF-32 -t UTF-8',
      en: 'the file is UTF-32, which is not supported; save it as UTF-8 (or run iconv -f UTF-32 -t UTF-8)',
    });
  }
  const boms: Array<[number[], string, Encoding]> = [[[0xef, 0xbb, 0xbf], 'utf-8', 'utf-8-bom'], [[0xff, 0xfe], 'utf-16le', 'utf-16le'], [[0xfe, 0xff], 'utf-16be', 'utf-16be']];
  for (const [bom, label, encoding] of boms) {
    if (buf.length < bom.length || !bom.every((b, i) => buf[i] === b)) continue;
    const text = decode(label, buf.subarray(bom.length));
    if (text !== undefined) return { text, encoding };
    const name = label.toUpperCase();
    return failure(new TextDecoder(label).decode(buf.subarray(bom.length)), {
      zh: `文件以 ${name} 的字节顺序标记（BOM）开头，但其后有不是 ${name} 的字节；请用编辑器重新“以 UTF-8 编码保存”`,
      en: `the file starts with a ${name} byte order mark but contains bytes that are not valid ${name}; save it again as UTF-8`,
    });
  }
  const utf8 = decode('utf-8', buf);
  if (utf8 !== undefined && !utf8.includes('\0')) return { text: utf8, encoding: 'utf-8' };
  const kind = magic(buf);
  if (kind) {
    return failure('', {
      zh: `这不是文本文件，而是 ${kind} 文件；预算文件应为纯文本（.budget，UTF-8 编码）`,
      en: `this is not a text file but a ${kind} file; a budget file is plain text (.budget, UTF-8)`,
    });
  }
  const u16 = utf16Guess(buf);
  if (u16) {
    const text = decode(u16, buf);
    if (text !== undefined) return { text, encoding: u16 };
  }
  if (utf8 !== undefined) {
    // Valid UTF-8 with NUL characters: binary data, or a text with stray zero bytes.
    const at = utf8.indexOf('\0');
    const line = utf8.slice(0, at).split('\n').length;
    return failure(utf8, {
      zh: `文件第 ${line} 行含有空字符（NUL，字节 0x00），像是二进制文件；请确认选对了文件，或删除这些字符`,
      en: `line ${line} contains NUL characters (byte 0x00): this looks like a binary file; check the file, or remove them`,
    });
  }
  const gb = decode('gb18030', buf);
  if (gb !== undefined && !gb.includes('\0')) return { text: gb, encoding: 'gb18030' };
  const bad = firstInvalidUtf8(buf);
  const line = lineOfByte(buf, bad);
  const mostlyUtf8 = decode('utf-8', buf.subarray(0, bad)) !== undefined && bad > buf.length / 2;
  const hex = Array.from(buf.subarray(bad, bad + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return failure(new TextDecoder('utf-8').decode(buf), mostlyUtf8
    ? {
      zh: `文件第 ${line} 行（字节 ${bad}：${hex}）有不是 UTF-8 的字节，文件其余部分是 UTF-8；请在编辑器中找到并改正这一处`,
      en: `line ${line} (byte ${bad}: ${hex}) holds bytes that are not UTF-8, while the rest of the file is UTF-8; find and fix that spot in an editor`,
    }
    : {
      zh: `文件既不是 UTF-8 也不是 GB18030/GBK 编码（第 ${line} 行，字节 ${bad}：${hex}）；请用编辑器“以 UTF-8 编码保存”，或运行 iconv -f GB18030 -t UTF-8`,
      en: `the file is neither UTF-8 nor GB18030/GBK (line ${line}, byte ${bad}: ${hex}); save it as UTF-8 (or run iconv -f GB18030 -t UTF-8)`,
    });
}
