import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import type { Diagnostic } from '../../server/src/core/diagnostics';
import type { Amount } from '../../server/src/core/model';
import { groupThousands } from '../../server/src/core/money';
import { checkReferences, hasReferences, withReferences, type FileResolver, type Resolution } from '../../server/src/core/references';
import { allAmounts } from '../../server/src/core/walk';
import { ROOT } from './util';

/**
 * The mutation test: every amount written in the reference, the three real Shanghai samples and the imported
 * three years, changed by one unit of its own last written digit (元 amounts ±1 元, two decimals ±0.01 …), up and
 * down, must be caught — a new error or warning on the mutated line, or one whose related information names it.
 * A figure the document constrains by nothing (stated once, no whole or part of it anywhere, or only bounded by
 * an inequality a one-unit change stays within) is listed below with the reason; the list is kept small and
 * reviewed, and a listed figure that becomes caught fails the test too (the list must be shortened).
 *
 * One fault, one report: each mutation should give exactly one error (its consequences as related information).
 * The number of mutations giving more than one is measured per file and may not grow (see RESIDUAL).
 */

interface Free {
  /** 1-based line of the amount in the file. */
  line: number;
  /** The amount as written. */
  amount: string;
  /** Which of the two changes goes unnoticed. */
  sign: '±' | '+' | '-';
  why: string;
}

const ALONE_OPS = '机关运行经费 of a unit whose kind gives it no identity (a department of mixed kinds, stated once)';
const PART_ONLY = 'a 其中 row: bounded only by the row it is part of (not larger), which one unit does not cross';
const CHANGE_ONLY = 'a 说明 change with neither 上年 written nor a previous-year file: stated once';
const ROUNDING = 'a 说明 change against last year\'s file, within the rounding of the two figures it is the difference of';
const CARRIED = '上年结转资金 of a project form: stated once (no identity with the form\'s other fund figures)';
const PROJECT_YEAR = 'a project form\'s amount for the year: bounded only by its 资金总额 (not larger)';
const AT_SLIP = 'at the document\'s own 1-元 slip of 212 01 (合计 94,995,790 over parts of 94,995,789): the change leaves its one report standing (a cell brought to what its parts give, or a difference the slip\'s report already covers)';

interface Case {
  file: string;
  free: Free[];
  /**
   * Mutations that still give more than one error, at most (measured; may only go down). The residual shapes: a
   * figure printed in two tables whose cross-table identity (BUD510 收入科目 against 支出, BUD520 a 说明 figure)
   * is reported beside the row's own fault; a middle row's cell failing both its roll-up and its row identity
   * when the row's other cells disagree with it too; two 三公 items thrown off by one changed part.
   */
  residual: number;
}

/** The same amount on several lines, for one reason. */
const changes = (lines: number[], amount: string, why: string, sign: Free['sign'] = '±'): Free[] => lines.map((line) => ({ line, amount, sign, why }));

const CASES: Case[] = [
  { file: 'samples/fushun-2025.budget', free: [], residual: 44 },
  {
    file: 'samples/real-wanli-2025.budget',
    free: [
      { line: 161, amount: '154,369,326', sign: '+', why: AT_SLIP },
      { line: 162, amount: '94,995,790', sign: '-', why: AT_SLIP },
      ...changes([162, 162, 162], '0', AT_SLIP, '+'),
      { line: 227, amount: '464.64', sign: '±', why: ALONE_OPS },
    ],
    residual: 250,
  },
  {
    file: 'samples/real-chengguan-2026.budget',
    free: [
      { line: 137, amount: '3,434,900', sign: '±', why: PART_ONLY },
      { line: 138, amount: '1,788,500', sign: '±', why: PART_ONLY },
      ...changes([152, 153, 154], '19.79', CHANGE_ONLY),
      ...changes([157, 159, 160], '27', CHANGE_ONLY),
      { line: 179, amount: '3,498,000.00', sign: '±', why: PROJECT_YEAR + '; 项目资金总额 is the multi-year total' },
      { line: 181, amount: '0.00', sign: '±', why: CARRIED },
    ],
    residual: 108,
  },
  { file: 'samples/real-wenlvju-2026.budget', free: [{ line: 164, amount: '182.65', sign: '±', why: ALONE_OPS }], residual: 197 },
  {
    file: 'test/fixtures/years/wanli-2023.budget',
    free: [
      { line: 207, amount: '786.09', sign: '±', why: ALONE_OPS },
      { line: 220, amount: '332.00', sign: '±', why: PART_ONLY },
      { line: 221, amount: '232.40', sign: '±', why: PART_ONLY },
      ...[[232, '4,100,000.00'], [263, '6,351,000.00'], [292, '4,563,800.00'], [321, '7595500.00'], [391, '10,903,043.00']].map(([line, amount]) => ({ line: line as number, amount: amount as string, sign: '-' as const, why: PROJECT_YEAR })),
      ...[234, 265, 294, 323, 393].map((line) => ({ line, amount: '0.00', sign: '±' as const, why: CARRIED })),
      ...changes([423, 424, 425], '1421.25', CHANGE_ONLY),
    ],
    residual: 216,
  },
  {
    file: 'test/fixtures/years/wanli-2024.budget',
    free: [
      { line: 209, amount: '443.18', sign: '±', why: ALONE_OPS },
      { line: 222, amount: '664.98', sign: '±', why: PART_ONLY },
      { line: 223, amount: '465.49', sign: '±', why: PART_ONLY },
      ...changes([232, 233, 234], '876.75', ROUNDING + ' (2023: 164,978,640 元, 2024: 15621.11 万元)', '+'),
      { line: 240, amount: '25', sign: '-', why: ROUNDING + ' (whole 万元)' },
    ],
    residual: 220,
  },
  {
    file: 'test/fixtures/years/wanli-2025.budget',
    free: [
      { line: 74, amount: '154,369,326', sign: '+', why: AT_SLIP },
      { line: 75, amount: '94,995,790', sign: '-', why: AT_SLIP },
      ...changes([75, 75, 75], '0', AT_SLIP, '+'),
      { line: 209, amount: '464.64', sign: '±', why: ALONE_OPS },
      { line: 222, amount: '1928.48', sign: '±', why: PART_ONLY },
      { line: 223, amount: '1349.94', sign: '±', why: PART_ONLY },
      ...changes([232, 233, 234], '3,355.65', ROUNDING + ' (2024 in 元, 2025 in 万元)', '-'),
      { line: 240, amount: '10', sign: '±', why: ROUNDING + ' (whole 万元)' },
    ],
    residual: 258,
  },
];

/** The amount one unit of its last written digit up or down, written the same way (grouping, decimals). */
function bump(text: string, delta: 1n | -1n): string {
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  const [int, frac = ''] = body.replace(/,/g, '').split('.');
  let n = BigInt(int + frac) * (neg ? -1n : 1n) + delta;
  const sign = n < 0n ? '-' : '';
  if (n < 0n) n = -n;
  const digits = n.toString().padStart(frac.length + 1, '0');
  const ip = frac.length ? digits.slice(0, -frac.length) : digits;
  return sign + (body.includes(',') ? groupThousands(ip) : ip) + (frac.length ? '.' + digits.slice(-frac.length) : '');
}

/** Files on disk under the repository, for a budget that names last year's file. */
class Disk implements FileResolver {
  private readonly cache = new Map<string, Analysis>();
  resolve(from: string, written: string): Resolution {
    const p = normalize(join(dirname(from), written));
    return { kind: 'files', files: existsSync(p) ? [p] : [], glob: false };
  }
  analysis(file: string): Analysis | undefined {
    if (!existsSync(file)) return undefined;
    let a = this.cache.get(file);
    if (!a) this.cache.set(file, (a = analyze(readFileSync(file, 'utf8'))));
    return a;
  }
  display(file: string): string {
    return relative(ROOT, file);
  }
}

/** The diagnostics of a text as a reviewer sees them (with the previous-year file's, when one is named). */
function diagnosticsOf(path: string, text: string, disk: Disk): Diagnostic[] {
  const a = analyze(text);
  return hasReferences(a) ? withReferences(a.diagnostics, checkReferences(path, a, disk)) : a.diagnostics;
}

/** Every written amount, the 说明's project money included. */
function amountsOf(text: string): Amount[] {
  const m = analyze(text).model;
  const out = allAmounts(m);
  for (const u of m.units) for (const p of u.comparison?.projects ?? []) if (p.amount) out.push(p.amount);
  return out.sort((a, b) => a.span.start - b.span.start);
}

interface Outcome {
  missed: string[];
  /** Number of mutations by the number of new errors they give. */
  errors: Map<number, number>;
  shapes: string[];
  count: number;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function mutate(file: string): Outcome {
  const path = join(ROOT, file);
  const text = readFileSync(path, 'utf8');
  const disk = new Disk();
  const baseStarts = lineStarts(text);
  // A finding of the document itself is not the mutation's (same code, line and message arguments).
  const key = (starts: number[], d: Diagnostic): string => `${d.code}|${lineAt(starts, d.start)}|${JSON.stringify(d.args)}`;
  const base = new Set(diagnosticsOf(path, text, disk).map((d) => key(baseStarts, d)));
  const out: Outcome = { missed: [], errors: new Map(), shapes: [], count: 0 };
  for (const a of amountsOf(text)) {
    const line = lineAt(baseStarts, a.span.start);
    for (const delta of [1n, -1n] as const) {
      out.count++;
      const mutated = text.slice(0, a.span.start) + bump(a.text, delta) + text.slice(a.span.end);
      const starts = lineStarts(mutated);
      const news = diagnosticsOf(path, mutated, disk).filter((d) => (d.severity === 'error' || d.severity === 'warning') && !base.has(key(starts, d)));
      const on = (s: { start: number; end: number; file?: string }): boolean => !s.file && (lineAt(starts, s.start) === line || lineAt(starts, s.end) === line);
      const caught = news.some((d) => on(d) || (d.related ?? []).some(on));
      const what = `line ${line} ${a.text} ${delta > 0n ? '+' : '-'}`;
      if (!caught) out.missed.push(what);
      const errs = news.filter((d) => d.severity === 'error');
      out.errors.set(errs.length, (out.errors.get(errs.length) ?? 0) + 1);
      if (errs.length > 1) out.shapes.push(`${what}: ${errs.map((d) => `${d.code}@${lineAt(starts, d.start)}`).join(', ')}`);
    }
  }
  return out;
}

function expectedMissed(c: Case): string[] {
  return c.free.flatMap((f) => (f.sign === '±' ? ['+', '-'] : [f.sign]).map((s) => `line ${f.line} ${f.amount} ${s}`));
}

describe('mutation: every written amount of the real samples is caught, once', () => {
  it('changes an amount by one unit of its last written digit, as written', () => {
    assert.equal(bump('1,234.56', 1n), '1,234.57');
    assert.equal(bump('1,000.00', -1n), '999.99');
    assert.equal(bump('999', 1n), '1000');
    assert.equal(bump('999,999', 1n), '1,000,000');
    assert.equal(bump('0', -1n), '-1');
    assert.equal(bump('0.00', -1n), '-0.01');
    assert.equal(bump('-0.01', 1n), '0.00');
    assert.equal(bump('27', 1n), '28');
  });

  for (const c of CASES) {
    describe(c.file, () => {
      let o: Outcome;
      before(function () {
        this.timeout(600_000);
        o = mutate(c.file);
        if (process.env.MUTATION_REPORT) {
          console.log(`${c.file}: ${o.count} mutations, ${o.missed.length} missed, errors per mutation ${JSON.stringify([...o.errors].sort((x, y) => x[0] - y[0]))}`);
          for (const m of o.missed) console.log(`  missed ${m}`);
          for (const s of o.shapes) console.log(`  shape ${s}`);
        }
      });

      it('has amounts to mutate', () => {
        assert.ok(o.count > 300, `only ${o.count} mutations`);
      });

      it('catches every change but the listed unconstrained figures', () => {
        assert.deepEqual([...o.missed].sort(), expectedMissed(c).sort(), `${o.missed.length} of ${o.count} mutations went unnoticed`);
      });

      it(`gives more than one error for at most ${c.residual} of the mutations`, () => {
        const many = o.shapes.length;
        assert.ok(many <= c.residual, `${many} mutations give more than one error:\n${o.shapes.slice(0, 20).join('\n')}`);
      });
    });
  }
});
