/**
 * Totals that stay alive in the xlsx export: each total that equals its parts (合计 rows, coded parent rows,
 * 合计/小计 columns) is a `SUM` formula with its figure cached. The workbook is read back with exceljs: each
 * formula's cached result is the checker's figure (the table cell's exact amount), its ranges cover exactly the
 * cells it totals (a parent's child rows by code, the 合计 row's top-level rows, a 合计 column's sibling columns),
 * and a written total that disagrees with its parts stays the plain number written. A golden holds every formula of
 * the reference sample.
 */
import * as assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { analyze } from '../../server/src/core/analyze';
import { renderTables, sheetNames } from '../../server/src/core/render';
import { buildTables, headerPaths, tableWidth, type Table } from '../../server/src/core/tables';
import { expectGoldenFile, goldenPath, sample } from '../helpers/golden';

/** The first body row of a table sheet: the header starts on row 6. */
const bodyRow = (t: Table): number => 6 + t.header.length;

interface Formula {
  sheet: string;
  address: string;
  formula: string;
  result: unknown;
  table: Table;
  /** The total's body row and column (0-based). */
  row: number;
  col: number;
  /** The cells its ranges cover (body rows and columns, 0-based). */
  refs: Array<{ row: number; col: number }>;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** The cells of `SUM(C8,C10:C12)`, as body rows and columns of the table. */
function refsOf(formula: string, body: number): Array<{ row: number; col: number }> {
  const m = /^SUM\((.*)\)$/.exec(formula);
  assert.ok(m, `a SUM formula: ${formula}`);
  const out: Array<{ row: number; col: number }> = [];
  for (const part of m[1].split(',')) {
    const [a, b = a] = part.split(':');
    const pa = /^([A-Z]+)(\d+)$/.exec(a)!;
    const pb = /^([A-Z]+)(\d+)$/.exec(b)!;
    for (let r = Number(pa[2]); r <= Number(pb[2]); r++) for (let c = colIndex(pa[1]); c <= colIndex(pb[1]); c++) out.push({ row: r - body, col: c - 1 });
  }
  return out;
}

async function formulas(text: string): Promise<{ list: Formula[]; xml: Map<string, string>; tables: Table[] }> {
  const a = analyze(text);
  const bytes = (await renderTables(a, 'xlsx', 'zh-CN')) as Uint8Array;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const tables = buildTables(a, 'zh-CN');
  const names = sheetNames(tables);
  const list: Formula[] = [];
  const xml = new Map<string, string>();
  const zip = await JSZip.loadAsync(bytes);
  tables.forEach((t, i) => {
    const ws = wb.getWorksheet(names[i]);
    assert.ok(ws, `sheet ${names[i]}`);
    const body = bodyRow(t);
    ws.eachRow((row) => row.eachCell((c) => {
      const v = c.value as { formula?: string; result?: unknown } | null;
      if (!v || typeof v !== 'object' || !('formula' in v) || !v.formula) return;
      list.push({ sheet: ws.name, address: c.address, formula: v.formula, result: v.result, table: t, row: Number(c.row) - body, col: Number(c.col) - 1, refs: refsOf(v.formula, body) });
    }));
  });
  // The sheets' own XML, for the cached values exceljs does not read back (it drops a cached 0).
  for (const [i, n] of names.entries()) {
    const ws = wb.getWorksheet(n)!;
    const file = zip.file(`xl/worksheets/sheet${ws.id}.xml`);
    if (file) xml.set(names[i], await file.async('string'));
  }
  return { list, xml, tables };
}

/** A row's code: its leading digit cells joined (208, 2080109, 201 05 07). */
function codeOf(t: Table, row: number): string | undefined {
  let code = '';
  for (const c of t.rows[row]) {
    if (c.covered || c.amount !== undefined || !/^\d+$/.test(c.text)) break;
    code += c.text;
  }
  return code.length >= 3 ? code : undefined;
}

/** The exact decimal of an amount, scaled to 10^8, for exact sums. */
function exact(amount: string): bigint {
  const [i, f = ''] = amount.replace(/^-/, '').split('.');
  const v = BigInt(i + f.padEnd(8, '0'));
  return amount.startsWith('-') ? -v : v;
}

const NUMBERED = /^[一二三四五六七八九十]+[、.．]/;
const SUB_ITEM = /^(?:[（(][一二三四五六七八九十]+[）)]|\d+[.．、])/;
const TOTAL = /(合\s*计|总\s*计)$/;

/**
 * A formula down a table whose rows carry no codes: read by the labels in the nearest label column to its left — a
 * total (合计/总计) over exactly the numbered items (一、…) since the previous total (none: the unnumbered ones; a
 * 总计 after a 合计: that 合计 and the lines between), or a numbered item over exactly the sub-items beneath it.
 */
function checkLabelled(f: Formula, parts: number[]): void {
  const { table: t } = f;
  const at = `${f.sheet}!${f.address} ${f.formula}`;
  const textAt = (i: number, j: number): string => {
    const c = t.rows[i]?.[j];
    return c && !c.covered && c.amount === undefined ? c.text.trim() : '';
  };
  // The labels: the nearest column to its left that holds a total or a numbered item (names, 内容 are not labels).
  let L = f.col - 1;
  while (L >= 0 && !t.rows.some((_, i) => TOTAL.test(textAt(i, L)) || NUMBERED.test(textAt(i, L)))) L--;
  assert.ok(L >= 0, `${at}: a label column to its left`);
  const own = textAt(f.row, L);
  const labelled = t.rows.map((_, i) => i).filter((i) => textAt(i, L) !== '');
  if (NUMBERED.test(own)) {
    const next = labelled.find((i) => i > f.row && !SUB_ITEM.test(textAt(i, L)) && !(t.rows[i][L].indent ?? 0));
    const beneath = labelled.filter((i) => i > f.row && (next === undefined || i < next));
    assert.deepEqual(parts, beneath, `${at}: the sub-items beneath ${own}`);
    return;
  }
  assert.match(own, TOTAL, `${at}: a total`);
  const prev = [...labelled].reverse().find((i) => i < f.row && TOTAL.test(textAt(i, L)));
  const between = labelled.filter((i) => i < f.row && (prev === undefined || i > prev) && !SUB_ITEM.test(textAt(i, L)) && !(t.rows[i][L].indent ?? 0));
  if (parts.every((i) => i > f.row)) {
    // A total printed first: the items after it.
    const after = labelled.filter((i) => i > f.row && !SUB_ITEM.test(textAt(i, L)) && !(t.rows[i][L].indent ?? 0));
    const numbered = after.filter((i) => NUMBERED.test(textAt(i, L)));
    assert.deepEqual(parts, numbered.length ? numbered : after, `${at}: the items after the total`);
    return;
  }
  const numbered = between.filter((i) => NUMBERED.test(textAt(i, L)));
  const expected = /总\s*计$/.test(own) && prev !== undefined ? [prev, ...between] : numbered.length ? numbered : between;
  assert.deepEqual(parts, expected, `${at}: the items it totals`);
}

/** The checks every formula passes (see the module comment). */
function checkFormula(f: Formula, xml: Map<string, string>): void {
  const { table: t } = f;
  const cell = t.rows[f.row][f.col];
  const at = `${f.sheet}!${f.address} ${f.formula}`;
  assert.ok(cell.amount !== undefined && cell.text !== '' && !cell.differs, `${at}: a shown figure that agrees with its parts`);
  // The cached result is the checker's figure.
  if (f.result === undefined) {
    assert.equal(Number(cell.amount), 0, `${at}: no cached result read back, so the figure is 0`);
    assert.match(xml.get(f.sheet)!, new RegExp(`<c r="${f.address}"[^>]*><f>[^<]*</f><v>0</v></c>`), `${at}: 0 cached in the file`);
  } else assert.equal(f.result, Number(cell.amount), `${at}: cached result`);
  // The parts add up to it exactly, every part a known figure.
  let sum = 0n;
  for (const r of f.refs) {
    const p = t.rows[r.row]?.[r.col];
    assert.ok(p && p.amount !== undefined, `${at}: every part a known figure`);
    sum += exact(p.amount);
  }
  assert.equal(sum, exact(cell.amount!), `${at}: parts add up`);
  const rows = new Set(f.refs.map((r) => r.row));
  const cols = new Set(f.refs.map((r) => r.col));
  if (cols.size === 1 && [...cols][0] === f.col && !rows.has(f.row)) {
    // Down a column: exactly the child rows (by code) of a parent, or the top-level rows of the 合计 row.
    const codes = t.rows.map((_, i) => codeOf(t, i));
    const parentOf = (code: string): string | undefined => {
      for (let n = code.length - 1; n >= 3; n--) if (codes.includes(code.slice(0, n))) return code.slice(0, n);
      return undefined;
    };
    if (codes.every((c) => c === undefined)) {
      checkLabelled(f, [...rows].sort((a, b) => a - b));
      return;
    }
    const own = codes[f.row];
    if (own === undefined) assert.match(t.rows[f.row].find((c) => c.text.trim())!.text, /^(合\s*计|总\s*计)$/, `${at}: a 合计 row`);
    const expected = codes.flatMap((code, i) => (code !== undefined && parentOf(code) === own ? [i] : []));
    assert.deepEqual([...rows].sort((a, b) => a - b), expected, `${at}: covers exactly the rows it totals`);
  } else {
    // Along a row: exactly the columns under the same header as the 合计/小计 column, one per sibling.
    assert.deepEqual([...rows], [f.row], `${at}: one row`);
    const paths = headerPaths(t.header, tableWidth(t));
    const own = paths[f.col];
    assert.match(own[own.length - 1], /(合计|小计|总计)$/, `${at}: a total column`);
    const parent = own.slice(0, -1).join('/');
    const siblings = new Set<string>();
    for (const c of cols) {
      assert.equal(paths[c].slice(0, own.length - 1).join('/'), parent, `${at}: column ${c} under the same header`);
      siblings.add(paths[c][own.length - 1]);
    }
    assert.equal(siblings.size, cols.size, `${at}: one column per sibling`);
    const all = new Set(paths.filter((p, c) => c !== f.col && p.length > own.length - 1 && p.slice(0, own.length - 1).join('/') === parent && t.rows.some((r) => r[c]?.amount !== undefined)).map((p) => p[own.length - 1]));
    assert.deepEqual([...siblings].sort(), [...all].sort(), `${at}: every sibling column that holds figures`);
  }
}

describe('xlsx: totals as formulas with their figures cached', function () {
  this.timeout(120000);

  for (const file of ['fushun-2025.budget', 'real-wanli-2025.budget', 'real-wenlvju-2026.budget']) {
    it(`${file}: each formula caches the checker’s figure and covers exactly what it totals`, async () => {
      const { list, xml } = await formulas(sample(file));
      assert.ok(list.length > 20, `formulas written (${list.length})`);
      for (const f of list) checkFormula(f, xml);
    });
  }

  it('the reference sample: 合计 over the 类 rows, a 类 over its 款, a 小计 over its columns (golden of every formula)', async () => {
    const { list, tables } = await formulas(sample('fushun-2025.budget'));
    const t3 = tables.find((t) => t.id === '表3')!;
    const rowOf = (code: string): number => bodyRow(t3) + t3.rows.findIndex((r) => r[0].text === code);
    const of = (address: string): string | undefined => list.find((f) => f.table === t3 && f.address === address)?.formula;
    const total = bodyRow(t3) + t3.rows.findIndex((r) => r[0].text === '合计');
    assert.equal(of(`C${total}`), `SUM(C${rowOf('208')},C${rowOf('210')},C${rowOf('221')})`);
    const kuan = t3.rows.map((r) => r[0].text).filter((c) => /^208\d\d$/.test(c));
    assert.ok(kuan.length >= 4);
    assert.equal(of(`C${rowOf('208')}`), `SUM(${kuan.map((c) => `C${rowOf(c)}`).join(',')})`);
    assert.equal(of(`D${rowOf('20801')}`), `SUM(E${rowOf('20801')}:F${rowOf('20801')})`);
    // Tables whose rows carry no codes: 本年支出合计 over the numbered items of 表1; 表9's 合计 over its unit rows.
    const t1 = tables.find((t) => t.id === '表1')!;
    const r1 = (label: string): number => bodyRow(t1) + t1.rows.findIndex((r) => r[2].text === label);
    assert.equal(list.find((f) => f.table === t1 && f.address === `D${r1('本年支出合计')}`)?.formula, `SUM(D${r1('一、社会保障和就业支出')}:D${r1('三、住房保障支出')})`);
    assert.ok(list.some((f) => f.table.id === '表9'), '表9 合计');
    const golden: Record<string, Record<string, string>> = {};
    for (const f of list) (golden[f.sheet] ??= {})[f.address] = f.formula;
    expectGoldenFile(goldenPath('tables', 'xlsx-formulas'), JSON.stringify(golden, null, 2) + '\n');
  });

  it('a written total that disagrees with its parts stays the plain number written; the totals over it give no formula', async () => {
    const text = sample('fushun-2025.budget').replace('20801 人力资源和社会保障管理事务 2,480.62 基本', '20801 人力资源和社会保障管理事务 2,480.00 基本');
    assert.notEqual(text, sample('fushun-2025.budget'));
    const a = analyze(text);
    const bytes = (await renderTables(a, 'xlsx', 'zh-CN')) as Uint8Array;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const t3 = buildTables(a, 'zh-CN').find((t) => t.id === '表3')!;
    const ws = wb.getWorksheet('表3 支出预算总表')!;
    const rowOf = (code: string): number => bodyRow(t3) + t3.rows.findIndex((r) => r[0].text === code);
    const c = ws.getCell(`C${rowOf('20801')}`);
    assert.equal(c.value, 2480, 'the written figure, a plain number');
    assert.match(String(c.note ? (typeof c.note === 'string' ? c.note : JSON.stringify(c.note)) : ''), /2,480\.62/, 'the computed value noted');
    // 208's child rows now add up to 0.62 less than its written figure: no formula over them; its written figure is
    // still the sum of its own 基本支出 and 项目支出 columns, so it may total those.
    const c208 = ws.getCell(`C${rowOf('208')}`).value as { formula: string; result: number };
    assert.deepEqual(c208, { formula: `SUM(D${rowOf('208')},G${rowOf('208')})`, result: 162573.63 });
    // The 合计 still equals its 类 rows: a formula.
    const total = ws.getCell(`C${bodyRow(t3) + t3.rows.findIndex((r) => r[0].text === '合计')}`).value as { formula?: string };
    assert.equal(total.formula, `SUM(C${rowOf('208')},C${rowOf('210')},C${rowOf('221')})`);
    const { list, xml } = await formulas(text);
    for (const f of list) checkFormula(f, xml);
  });
});
