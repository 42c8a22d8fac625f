/**
 * `--fix` (fix all: the fixes of pasted-text artefacts, AUTOFIX_CODES) never changes a figure: for random budgets
 * carrying the artefacts of text pasted from a PDF or Word — unusual spaces (in indentation, between words and
 * figures, inside keywords and names), spaced-out keywords, page numbers, accounting negatives, full-width digits,
 * rows joined on one line, a missing `}` — the tables after fix all equal the tables before, amount for amount.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { generateBudget, Rng } from '../../bench/generate';
import { analyze } from '../../server/src/core/analyze';
import { fixAllText } from '../../server/src/core/features/codeActions';
import { buildTables } from '../../server/src/core/tables';
import { tablesWithoutSpans } from '../helpers/pasted';

/** Unusual spaces a PDF or Word gives (read as spaces, BUD012). */
const ODD = ['\u00a0', '\u202f', '\u2002', '\u2003', '\u2009', '\u200a', '\u205f', '\u1680', '\u000b', '\u000c', '\u0085', '\u2028'];
/** Blanks a PDF puts inside a spaced-out keyword. */
const SPREAD = [' ', '\u3000', '\u3000\u3000', '\u00a0', ' \u00a0'];
const KEYWORDS = ['合计', '收入总计', '一般公共预算', '本年收入合计', '事业收入', '公务接待费', '支出总计', '财政拨款'];

/** Applies `n` random artefacts to `text`, chosen by `rng`. */
export function paste(text: string, rng: Rng, n: number): string {
  let t = text;
  const positions = (re: RegExp): number[] => [...t.matchAll(re)].map((m) => m.index!);
  const at = (re: RegExp): number | undefined => {
    const ps = positions(re);
    return ps.length ? rng.pick(ps) : undefined;
  };
  for (let k = 0; k < n; k++) {
    switch (rng.int(0, 8)) {
      case 0: case 1: {
        // An unusual space instead of a space (indentation included), or next to one.
        const i = at(/ /g);
        if (i !== undefined) t = t.slice(0, i) + rng.pick(ODD) + (rng.chance(0.3) ? ' ' : '') + t.slice(i + 1);
        break;
      }
      case 2: {
        // A keyword spread out.
        const w = rng.pick(KEYWORDS);
        const i = at(new RegExp(w, 'g'));
        if (i !== undefined) t = t.slice(0, i) + [...w].join(rng.pick(SPREAD)) + t.slice(i + w.length);
        break;
      }
      case 3: {
        // A page number at a line end, or on a line of its own.
        const i = at(/\n/g);
        if (i !== undefined) t = t.slice(0, i) + (rng.chance(0.5) ? ` 第 ${rng.int(1, 9)} 页 共 18 页` : `\n${rng.pick(['', '  ', '\u00a0'])}第${rng.int(1, 9)}页`) + t.slice(i);
        break;
      }
      case 4: {
        // An amount written as an accounting negative (read as the negative, before and after the fix).
        const i = at(/(?<= )\d[\d,]*\.\d+(?=[ \n])/g);
        if (i !== undefined) {
          const m = /^\d[\d,]*\.\d+/.exec(t.slice(i))![0];
          t = t.slice(0, i) + (rng.chance(0.5) ? `(${m})` : `（${m}）`) + t.slice(i + m.length);
        }
        break;
      }
      case 5: {
        // Full-width digits in an amount.
        const i = at(/(?<= )\d+\.\d+(?=[ \n])/g);
        if (i !== undefined) {
          const m = /^\d+\.\d+/.exec(t.slice(i))![0];
          t = t.slice(0, i) + m.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) + t.slice(i + m.length);
        }
        break;
      }
      case 6: {
        // Two lines joined (two table rows on one line, as a PDF copy gives them).
        const i = at(/\n[ \u00a0]*(?=\d)/g);
        if (i !== undefined) t = t.slice(0, i) + ' ' + t.slice(i + 1).replace(/^[ \u00a0]*/, '');
        break;
      }
      case 7: {
        // A missing `}`.
        const i = at(/\}/g);
        if (i !== undefined) t = t.slice(0, i) + t.slice(i + 1);
        break;
      }
      default: {
        // Indentation of a whole line in unusual spaces.
        const i = at(/\n {2,}/g);
        if (i !== undefined) {
          const m = /^ +/.exec(t.slice(i + 1))![0];
          t = t.slice(0, i + 1) + rng.pick(ODD).repeat(m.length) + t.slice(i + 1 + m.length);
        }
      }
    }
  }
  return t;
}

function tables(text: string): unknown {
  return tablesWithoutSpans(buildTables(analyze(text)));
}

describe('fix all never changes a figure (property)', () => {
  const bases = [11, 12, 13].map((seed) => generateBudget({ seed, lines: 150 }).text);

  it('for random budgets with pasted-text artefacts, the tables after fix all equal the tables before', function () {
    this.timeout(240_000);
    fc.assert(fc.property(fc.integer({ min: 0, max: bases.length - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 8 }), (b, seed, n) => {
      const text = paste(bases[b], new Rng(seed), n);
      const fixed = fixAllText(text).text;
      assert.deepEqual(tables(fixed), tables(text));
    }), { numRuns: 150, seed: 1212 });
  });
});
