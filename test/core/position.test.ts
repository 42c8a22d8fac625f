/** LineIndex (offsets ↔ LSP line/character in UTF-16 code units) against a plain reference, for LF, CRLF, CR and mixed texts. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/core/position';
import { displayWidth } from '../../server/src/core/width';

/** Line starts by the LSP rule: a line ends at \n, \r\n or \r. */
function referenceStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index! + m[0].length);
  return starts;
}

describe('core: LineIndex', () => {
  const texts = fc.array(fc.oneof(fc.constantFrom('\n', '\r\n', '\r', '单位', 'a', ' ', '2080109', '😀'), fc.string({ maxLength: 3 })), { maxLength: 40 }).map((xs) => xs.join(''));

  it('positions and offsets agree with the reference for LF, CRLF, CR and mixed line breaks', () => {
    fc.assert(fc.property(texts, (text) => {
      const idx = new LineIndex(text);
      const starts = referenceStarts(text);
      assert.equal(idx.lineCount, starts.length);
      for (let o = 0; o <= text.length; o++) {
        let line = 0;
        while (line + 1 < starts.length && starts[line + 1] <= o) line++;
        assert.deepEqual(idx.position(o), { line, character: o - starts[line] });
      }
      starts.forEach((s, line) => {
        assert.equal(idx.lineStart(line), s);
        assert.equal(idx.offset(line, 0), s);
        const end = line + 1 < starts.length ? starts[line + 1] - (text.slice(0, starts[line + 1]).endsWith('\r\n') ? 2 : 1) : text.length;
        assert.equal(idx.lineEnd(line), end);
        assert.equal(idx.offset(line, 1e6), end, 'a character past the end clamps to the line end');
      });
    }), { numRuns: 300 });
  });

  it('an index updated after an edit equals the index of the new text (line breaks split or joined by the edit, CRLF pairs made or broken)', () => {
    const piece = fc.oneof(fc.constantFrom('\n', '\r\n', '\r', '单位', 'a', '12.5'), fc.string({ maxLength: 2 }));
    const edited = texts.chain((text) => fc.record({
      text: fc.constant(text),
      a: fc.nat({ max: text.length }),
      b: fc.nat({ max: text.length }),
      insert: fc.array(piece, { maxLength: 4 }).map((xs) => xs.join('')),
    }));
    fc.assert(fc.property(edited, ({ text, a, b, insert }) => {
      const [start, oldEnd] = a <= b ? [a, b] : [b, a];
      const next = text.slice(0, start) + insert + text.slice(oldEnd);
      const idx = LineIndex.afterEdit(new LineIndex(text), next, start, oldEnd, start + insert.length);
      const starts = referenceStarts(next);
      assert.equal(idx.lineCount, starts.length);
      starts.forEach((s, line) => assert.equal(idx.lineStart(line), s));
      for (let o = 0; o <= next.length; o++) assert.deepEqual(idx.position(o), new LineIndex(next).position(o));
    }), { numRuns: 2000 });
  });

  it('columns count UTF-16 code units (a CJK character is one, an emoji two)', () => {
    const idx = new LineIndex('单位 某中心\n😀 2080109');
    assert.deepEqual(idx.position(3), { line: 0, character: 3 });
    assert.deepEqual(idx.position(9), { line: 1, character: 2 });
    assert.equal(idx.lineText(1), '😀 2080109');
  });
});

describe('core: display width', () => {
  it('CJK and emoji take two columns; combining marks, zero-width and bidi controls none; tabs four', () => {
    assert.equal(displayWidth('单位 A'), 6);
    assert.equal(displayWidth('😀x'), 3);
    assert.equal(displayWidth('e\u0301\u200b\u202e\ufe0f'), 1);
    assert.equal(displayWidth('\t1'), 5);
  });
});
