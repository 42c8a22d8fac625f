/**
 * The importer on damaged documents (property tests, seeded): the real page texts (test/fixtures/real/*.txt, pages
 * joined by form feeds) with pages dropped, repeated or swapped, lines dropped, repeated, joined or split, the text
 * cut short, characters deleted or inserted (spaces, full-width spaces, digits, commas, 。, form feeds), a figure
 * replaced by garbage, an enormous line. For each: the importer returns — a file, or a refusal (ImportError, zh + en)
 * that `budget import` reports with exit 2 — and never throws anything else, within a generous time (the speed
 * itself is the bench's); the file it writes analyses without an internal error (BUD019); every written figure is,
 * through the source map, the figure printed on the line it names; and nothing is dropped silently: every line
 * holding a figure is placed or kept as a comment. Damaged PDF bytes (a few, spawning is slow): `budget import`
 * exits 2 with a message in both languages, writes nothing and prints no stack trace. FZ_SEED / FZ_RUNS change the
 * seed and the number of runs of the page-text property (to search further by hand; the suite uses the defaults).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { amountLiteral } from '../../server/src/import/cells';
import { importDocument, type ImportResult } from '../../server/src/import/importer';
import { ImportError, lineText } from '../../server/src/import/source';
import { amountTokens, REAL, ROOT } from '../import/util';

/** Documents to damage: every page text of the real fixtures. */
const TEXTS = readdirSync(REAL).filter((f) => f.endsWith('.txt')).sort().map((name) => ({ name, text: readFileSync(join(REAL, name), 'utf8') }));

/** Per document, generous: a damaged document imports in well under a second (bench/run.ts measures it). */
const TIME_BOUND_MS = 5000;

const INSERTS = [' ', '  ', '\u3000', '0', '7', ',', '，', '。', '\f', '\t', '.', '-', '（', '）', '万元', '合计'];
const GARBAGE = ['x', '1,2,3', '12..5', '—', '（', '9'.repeat(40), '-', '１２３', '?', '1,000,00', '.5', '1e9', '0x1F', '', '，，'];
const FIGURE = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+/g;

export interface Damage {
  kind: number;
  a: number;
  b: number;
  c: number;
}

const KINDS = ['drop page', 'duplicate page', 'swap pages', 'drop line', 'duplicate line', 'cut', 'delete characters', 'insert', 'join lines', 'split line', 'garbage figure', 'enormous line'] as const;

function pick<T>(xs: readonly T[], n: number): T {
  return xs[n % xs.length];
}

/** One damage of a page text, deterministic in its numbers. */
export function damage(text: string, d: Damage): string {
  const pages = text.split('\f');
  const lines = text.split('\n');
  const at = text.length ? d.a % (text.length + 1) : 0;
  switch (KINDS[d.kind % KINDS.length]) {
    case 'drop page': return pages.filter((_, i) => i !== d.a % pages.length).join('\f');
    case 'duplicate page': {
      const i = d.a % pages.length;
      return [...pages.slice(0, i + 1), pages[i], ...pages.slice(i + 1)].join('\f');
    }
    case 'swap pages': {
      const i = d.a % pages.length;
      const j = d.b % pages.length;
      [pages[i], pages[j]] = [pages[j], pages[i]];
      return pages.join('\f');
    }
    case 'drop line': return lines.filter((_, i) => i !== d.a % lines.length).join('\n');
    case 'duplicate line': {
      const i = d.a % lines.length;
      return [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join('\n');
    }
    case 'cut': return text.slice(0, at);
    case 'delete characters': return text.slice(0, at) + text.slice(at + 1 + (d.b % 6));
    case 'insert': return text.slice(0, at) + pick(INSERTS, d.b) + text.slice(at);
    case 'join lines': {
      const i = d.a % lines.length;
      return [...lines.slice(0, i), lines.slice(i, i + 2).join(pick(['', ' '], d.b)), ...lines.slice(i + 2)].join('\n');
    }
    case 'split line': return text.slice(0, at) + '\n' + text.slice(at);
    case 'garbage figure': {
      const figures = [...text.matchAll(FIGURE)];
      if (!figures.length) return text;
      const f = pick(figures, d.a);
      return text.slice(0, f.index) + pick(GARBAGE, d.b) + text.slice(f.index! + f[0].length);
    }
    default: {
      // An enormous line: a word, a figure or a row repeated (tens of thousands of characters).
      const unit = pick(['x', '1,234.56 ', '合计 ', '　', '201 05 07 行政运行 1,000 '], d.b);
      return text.slice(0, at) + '\n' + unit.repeat(2000 + (d.c % 8000)) + '\n' + text.slice(at);
    }
  }
}

/** A figure as a table prints it (grouped thousands or decimals): a count in the prose (5 家) or a code is none. */
const PRINTED_FIGURE = /^-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)$/;

/** Full-width digits and separators as ASCII (the 说明 may group a figure's thousands with “，”: read as the figure). */
function halfWidth(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/，/g, ',').replace(/．/g, '.');
}

/** The invariants of an import of `text` (failures as messages, none when it holds). */
export async function violations(name: string, text: string): Promise<string[]> {
  const out: string[] = [];
  const t0 = Date.now();
  let r: ImportResult;
  try {
    r = await importDocument(new Uint8Array(Buffer.from(text, 'utf8')), { name });
  } catch (e) {
    if (e instanceof ImportError && e.zh && e.en) return Date.now() - t0 > TIME_BOUND_MS ? [`refused after ${Date.now() - t0} ms`] : [];
    return [`threw ${(e as Error).stack ?? String(e)}`];
  }
  const ms = Date.now() - t0;
  if (ms > TIME_BOUND_MS) out.push(`took ${ms} ms`);
  const a = analyze(r.text);
  for (const d of a.diagnostics.filter((x) => x.code === 'BUD019')) out.push(`BUD019 at ${d.start}: ${JSON.stringify(d.args)}`);
  // The source map: each written figure is the figure printed on the line it names.
  const raw = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  for (const e of r.map.filter((x) => x.kind === 'figure')) {
    const written = r.text.slice(e.start, e.end);
    if (written !== amountLiteral(e.ref.text)) out.push(`written ${JSON.stringify(written)} for printed ${JSON.stringify(e.ref.text)} (p.${e.ref.page} l.${e.ref.line})`);
    // The 说明 is read across printed line breaks (a paragraph wraps, a figure too: “1” / “13.76”): the line it names
    // and the next line holding anything.
    const printed = (raw[e.ref.line - 1] ?? '').replace(/\f/g, '');
    let next = e.ref.line;
    while (next < raw.length && !raw[next].trim()) next++;
    const wrapped = halfWidth(printed + (raw[next] ?? '')).replace(/[\s\f]+/g, '');
    if (!halfWidth(printed).includes(halfWidth(e.ref.text)) && !wrapped.includes(halfWidth(e.ref.text))) out.push(`p.${e.ref.page} l.${e.ref.line}: ${JSON.stringify(e.ref.text)} is not on that line (${JSON.stringify(printed.slice(0, 120))})`);
  }
  // Nothing dropped silently: a line printing a figure is placed (a figure read from it) or kept as a comment.
  const seen = new Set<string>();
  for (const f of r.figures) seen.add(`${f.ref.page}:${f.ref.line}`);
  for (const e of r.map) seen.add(`${e.ref.page}:${e.ref.line}`);
  for (const l of r.doc.lines) {
    if (!amountTokens(lineText(l)).some((w) => PRINTED_FIGURE.test(w))) continue;
    const printedOn = [l.line, ...l.cells.flatMap((c) => (c.line ? [c.line] : []))];
    if (!printedOn.some((n) => seen.has(`${l.page}:${n}`))) out.push(`dropped p.${l.page} l.${l.line}: ${JSON.stringify(lineText(l).slice(0, 120))}`);
  }
  return out;
}

const damages = fc.array(fc.record({ kind: fc.nat(KINDS.length - 1), a: fc.nat(), b: fc.nat(), c: fc.nat() }), { minLength: 1, maxLength: 3 });

describe('import robustness: damaged page texts and PDFs', function () {
  this.timeout(600_000);

  it('the undamaged page texts hold every invariant', async () => {
    for (const { name, text } of TEXTS) assert.deepEqual(await violations(name, text), [], name);
  });

  it('damaged page texts: the importer returns in time, its file analyses, its figures map to their lines, nothing is dropped silently', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(TEXTS.length - 1), damages, async (k, ds) => {
        const text = ds.reduce(damage, TEXTS[k].text);
        const v = await violations(TEXTS[k].name, text);
        assert.deepEqual(v, [], `${TEXTS[k].name} ${ds.map((d) => `${KINDS[d.kind]} ${d.a} ${d.b} ${d.c}`).join(', ')}`);
      }),
      { seed: Number(process.env.FZ_SEED ?? 20261208), numRuns: Number(process.env.FZ_RUNS ?? 150) },
    );
  });

  it('damaged PDF bytes (cut at random offsets, bytes flipped): `budget import` exits 2 with a message and writes nothing, or imports; never a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-import-damaged-'));
    const pdfs = readdirSync(REAL).filter((f) => f.endsWith('.pdf')).sort();
    const cases = fc.sample(fc.record({ pdf: fc.nat(pdfs.length - 1), cut: fc.boolean(), at: fc.double({ min: 0.05, max: 0.95, noNaN: true }), flips: fc.nat(40), locale: fc.constantFrom('zh-CN', 'en') }), { seed: 20261208, numRuns: 4 });
    cases.push({ pdf: 0, cut: true, at: 0.5, flips: 0, locale: 'en' });
    for (const [i, c] of cases.entries()) {
      const bytes = readFileSync(join(REAL, pdfs[c.pdf]));
      let damaged: Buffer;
      if (c.cut) damaged = bytes.subarray(0, Math.floor(bytes.length * c.at));
      else {
        damaged = Buffer.from(bytes);
        // Flip bytes in a run of the body (the objects' streams and dictionaries), the header kept.
        const start = Math.floor(damaged.length * c.at);
        for (let k = 0; k <= c.flips; k++) damaged[Math.min(damaged.length - 1, start + k * 97)] ^= 0xff;
      }
      const file = join(dir, `damaged-${i}.pdf`);
      const out = join(dir, `damaged-${i}.budget`);
      writeFileSync(file, damaged);
      const r = spawnSync(process.execPath, [join(ROOT, 'bin/budget.js'), 'import', file, '--out', out, '--locale', c.locale], { encoding: 'utf8' });
      const what = `${pdfs[c.pdf]} ${c.cut ? `cut at ${c.at}` : `${c.flips + 1} bytes flipped from ${c.at}`}`;
      assert.doesNotMatch(r.stderr, /^\s+at /m, `${what}: a stack trace\n${r.stderr}`);
      assert.ok(r.status === 0 || r.status === 2, `${what}: exit ${r.status}\n${r.stderr}`);
      if (r.status === 2) {
        assert.ok(!existsSync(out), `${what}: nothing written`);
        assert.match(r.stderr, c.locale === 'en' ? /^budget: .*[a-z]{4}/m : /^budget: .*[\u4e00-\u9fff]/m, `${what}: ${r.stderr}`);
      } else assert.ok(existsSync(out), `${what}: imported`);
    }
  });
});
