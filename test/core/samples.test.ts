import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analyze';
import type { ClassTree, UnitFigures } from '../../server/src/core/compute';
import { formatMoney } from '../../server/src/core/money';
import { at, codes, errors, sample } from './util';

function treeFigures(t: ClassTree): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const put = (code: string, cells: Record<string, bigint | undefined>): void => {
    out[code || '合计'] = Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== undefined && v !== 0n).map(([k, v]) => [k, formatMoney(v!, '万元')]));
  };
  put('', t.root.cells);
  for (const [code, n] of t.byCode) put(code, n.cells);
  return out;
}

function figures(f: UnitFigures) {
  return {
    func: treeFigures(f.func),
    econ: treeFigures(f.econ),
    gov: treeFigures(f.gov),
    income: Object.fromEntries([...f.income.values].map(([k, v]) => [k, formatMoney(v, '万元')]).filter(([, v]) => v !== '0.00')),
    sangong: Object.fromEntries(Object.entries(f.sangong.values).map(([k, v]) => [k, formatMoney(v!, '万元')]).filter(([, v]) => v !== '0.00')),
    projects: f.projects.map((p) => [p.project.name.text, formatMoney(p.total!, '万元')]),
    expenseGrand: formatMoney(f.expenseGrand!, '万元'),
  };
}

describe('reference samples', () => {
  const reviewer = analyze(sample('fushun-2025.budget'));
  const author = analyze(sample('fushun-2025-authoring.budget'));

  it('the reviewer transcription has no errors', () => {
    assert.deepEqual(errors(reviewer).map((d) => `${d.code} ${at(reviewer, d)}`), []);
  });

  it('reports exactly the genuine findings as warnings', () => {
    const warnings = reviewer.diagnostics.filter((d) => d.severity === 'warning');
    assert.deepEqual(warnings.map((d) => d.code), ['BUD606', 'BUD601', 'BUD602']);
    assert.match(at(reviewer, warnings[0]), /^财政对机关事业单位养老保险的补助 <= 739640000 元/);
    assert.equal(warnings[0].args.amountYuan, '892,620,000');
    assert.equal(at(reviewer, warnings[1]), '社会保险省级统筹网络运行及经办专项');
    assert.equal(at(reviewer, warnings[2]), '210000');
  });

  it('offers the operator and the unit that make 省级统筹 210000 agree with its project (21.00 万元 = 210000 元)', () => {
    const w = reviewer.diagnostics.filter((d) => d.code === 'BUD601' || d.code === 'BUD602');
    const edits = w.flatMap((d) => d.fixes?.[0]?.edits ?? []);
    assert.deepEqual(edits.map((e) => e.newText).sort(), [' 元', '= ']);
    let text = reviewer.text;
    for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    assert.match(text, /社会保险省级统筹网络运行及经办专项 = 210000 元 2025-12/);
    assert.deepEqual(codes(analyze(text), 'warning'), ['BUD606']);
  });

  it('does not flag the parts of a project as the project (信息化运行: 电费/维修费)', () => {
    const lines = reviewer.diagnostics.map((d) => reviewer.text.slice(d.start, d.end));
    assert.ok(!lines.some((l) => /全年机房电费|全年计算机设备维修费|全年电费|全年水费/.test(l)));
  });

  it('declares the published totals and they agree with the facts', () => {
    const f = reviewer.figures[0];
    assert.equal(formatMoney(f.func.root.cells.total!, '万元'), '162,953.23');
    assert.equal(formatMoney(f.func.root.cells.basic!, '万元'), '2,937.37');
    assert.equal(formatMoney(f.func.root.cells.project!, '万元'), '160,015.86');
    assert.equal(formatMoney(f.econ.root.cells.total!, '万元'), '162,953.23');
    assert.equal(formatMoney(f.gov.byCode.get('505')!.cells.total!, '万元'), '3,427.04');
    assert.equal(formatMoney(f.sangong.values.total!, '万元'), '8.25');
    assert.equal(f.projects.length, 11);
  });

  it('the authoring sample has no errors and the same warnings', () => {
    assert.deepEqual(codes(author, 'error'), []);
    assert.deepEqual(codes(author, 'warning'), ['BUD606', 'BUD601', 'BUD602']);
  });

  it('the authoring sample yields the same derived figures as the reviewer transcription', () => {
    assert.deepEqual(figures(author.figures[0]), figures(reviewer.figures[0]));
  });

  it('the department sample (two units, 元, codes in columns, 财政拨款收入, 310, 机关运行经费) checks clean', () => {
    const d = analyze(sample('department-yuan.budget'));
    assert.deepEqual(d.diagnostics.filter((x) => x.severity !== 'information').map((x) => `${x.code} ${at(d, x)}`), []);
    assert.equal(d.model.units.length, 2);
    assert.equal(d.model.units[0].moneyUnit, '元');
    assert.equal(formatMoney(d.figures[0].func.root.cells.total!, '元'), '1,400,000.00');
    assert.equal(formatMoney(d.figures[1].func.root.cells.total!, '元'), '2,200,000.00');
  });

  it('checks: false computes the same figures and runs no check (indexing)', () => {
    const quick = analyze(sample('fushun-2025.budget'), { checks: false });
    assert.deepEqual(quick.diagnostics, []);
    assert.deepEqual(figures(quick.figures[0]), figures(reviewer.figures[0]));
  });
});
