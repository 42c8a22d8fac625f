/**
 * Offsets ↔ line/column. Offsets and columns are UTF-16 code units (what LSP uses by default and what
 * JavaScript strings index), so CJK text needs no special handling here; display width is in width.ts.
 */

export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string, starts?: number[]) {
    if (starts) {
      this.starts = starts;
      return;
    }
    starts = [0];
    if (text.indexOf('\r') < 0) {
      // Only LF line breaks (the usual case): indexOf is several times faster than a scan per character.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /**
   * The index of `text`, made from `prev` (the index of the text before one edit) when the edit replaced
   * prev.text[start, oldEnd) by text[start, newEnd): only the edited lines are scanned, the others are
   * copied or shifted (a 100,000-line text: a fraction of a millisecond instead of a scan of the whole text).
   * A line starts at p when text[p - 1] is LF, or CR not followed by LF; that depends on text[p - 1] and
   * text[p] only, so starts before `start` and after `oldEnd` are those of the old text.
   */
  static afterEdit(prev: LineIndex, text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
    const old = prev.starts;
    const delta = newEnd - oldEnd;
    // Copies and an in-place shift (native array operations), not an element-wise push.
    const out = old.slice(0, Math.max(1, firstAtLeast(old, start)));
    for (let p = Math.max(start, 1); p <= newEnd && p <= text.length; p++) {
      const c = text.charCodeAt(p - 1);
      if (c === 10 || (c === 13 && text.charCodeAt(p) !== 10)) out.push(p);
    }
    const tail = old.slice(firstAtLeast(old, oldEnd + 1));
    if (delta) for (let k = 0; k < tail.length; k++) tail[k] += delta;
    return new LineIndex(text, tail.length ? out.concat(tail) : out);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line and character of an offset (clamped into the text). */
  position(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  /** Offset of a 0-based line/character (clamped to the line's end and the text). */
  offset(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    const start = this.starts[line];
    const end = line + 1 < this.starts.length ? this.lineEnd(line) : this.text.length;
    return Math.max(start, Math.min(start + Math.max(0, character), end));
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of a line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let e = next;
    if (e > this.starts[line] && this.text.charCodeAt(e - 1) === 10) e--;
    if (e > this.starts[line] && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** The first index of a sorted array whose value is at least x (the array's length when none is). */
function firstAtLeast(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
