/**
 * Cursor markers in test inputs: `¦` (preferred, never part of the language) or `|` marks the cursor.
 * `cursor('208 社会|保障')` → { text: '208 社会保障', offset: 6 }.
 */
export interface Cursor {
  text: string;
  offset: number;
}

export function cursor(input: string): Cursor {
  const marker = input.includes('¦') ? '¦' : '|';
  const offset = input.indexOf(marker);
  if (offset < 0) throw new Error(`no cursor marker (¦ or |) in test input: ${JSON.stringify(input.slice(0, 80))}`);
  if (input.indexOf(marker, offset + 1) >= 0) throw new Error(`more than one cursor marker ${marker} in test input`);
  return { text: input.slice(0, offset) + input.slice(offset + 1), offset };
}

/** Two markers: a selection. `range('a¦bc¦d')` → { text: 'abcd', start: 1, end: 3 }. */
export function selection(input: string): { text: string; start: number; end: number } {
  const marker = input.includes('¦') ? '¦' : '|';
  const start = input.indexOf(marker);
  const second = input.indexOf(marker, start + 1);
  if (start < 0 || second < 0) throw new Error('a selection needs two cursor markers');
  const text = input.slice(0, start) + input.slice(start + 1, second) + input.slice(second + 1);
  return { text, start, end: second - 1 };
}

/** The offset of the n-th (0-based) occurrence of `needle`, plus `delta`; throws when absent. */
export function offsetOf(text: string, needle: string, delta = 0, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`not found in text: ${needle}`);
  }
  return at + delta;
}
