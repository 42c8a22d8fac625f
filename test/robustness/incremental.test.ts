/**
 * reanalyze(prev, text) must give exactly analyze(text): the same tree, model, figures and diagnostics,
 * down to every offset and to which objects are shared. Checked on random edits of generated budgets and
 * of the samples, one at a time and in long chains (each result feeding the next edit).
 */
import { strict as assert } from 'node:assert';
import { generateBudget, Rng } from '../../bench/generate';
import { analyze, MAX_ANALYZED_LENGTH, type Analysis } from '../../server/src/core/analyze';
import { reanalyze, type ReanalyzeInfo } from '../../server/src/core/incremental';
import { MAX_TOKENS } from '../../server/src/core/parser';
import { isUnclosedBlock } from '../../server/src/core/syntax';
import { FRAGMENTS, sample, SAMPLES } from './util';

/**
 * A complete, stable rendering of an analysis: every field, bigints as `…n`, Maps as entries, and each
 * object seen before as a back-reference (so that aliasing must agree too). The catalog is left out.
 */
export function render(a: Analysis): string {
  const ids = new Map<object, number>();
  let out = '';
  const walk = (v: unknown): void => {
    switch (typeof v) {
      case 'bigint':
        out += `${v}n,`;
        return;
      case 'number':
      case 'boolean':
        out += `${v},`;
        return;
      case 'string':
        out += JSON.stringify(v) + ',';
        return;
      case 'undefined':
        out += 'u,';
        return;
    }
    if (v === null || typeof v !== 'object') {
      out += `${String(v)},`;
      return;
    }
    const seenId = ids.get(v);
    if (seenId !== undefined) {
      out += `#${seenId},`;
      return;
    }
    ids.set(v, ids.size);
    if (v instanceof Map) {
      out += 'M{';
      for (const [k, x] of v) {
        walk(k);
        walk(x);
      }
      out += '},';
      return;
    }
    if (Array.isArray(v)) {
      out += '[';
      for (const x of v) walk(x);
      out += '],';
      return;
    }
    out += '{';
    for (const k in v) {
      const x = (v as Record<string, unknown>)[k];
      if (k === 'catalog' || x === undefined) continue;
      out += k + ':';
      walk(x);
    }
    out += '},';
  };
  walk({ text: a.text, tree: a.tree, tidied: a.tidied, model: a.model, figures: a.figures, diagnostics: a.diagnostics });
  return out;
}

/** Offsets strictly inside unit blocks (where the incremental path applies), and anywhere at all. */
function editAt(rng: Rng, text: string, anywhere: boolean): { start: number; end: number; newText: string } {
  let at: number;
  if (anywhere) at = rng.int(0, text.length);
  else {
    const units = [...text.matchAll(/单位 [^\n{]*\{/g)].map((m) => m.index!);
    const u = rng.pick(units);
    at = Math.min(text.length, u + rng.int(4, 3000));
  }
  const kind = rng.int(0, 7);
  const pieces = [...FRAGMENTS, 'x', '1', '.', ' ', '\n    30201 办公费 1.00', '\n  项目 新增 {\n    金额 1.00\n  }', '0', '9'];
  switch (kind) {
    case 0: return { start: at, end: at, newText: rng.pick(['1', 'x', '0', ' ', '.']) };
    case 1: return { start: at, end: Math.min(text.length, at + 1), newText: '' };
    case 2: return { start: at, end: Math.min(text.length, at + 1), newText: rng.pick(['2', '7', 'y']) };
    case 3: return { start: at, end: at, newText: '\n' };
    case 4: return { start: at, end: Math.min(text.length, at + rng.int(1, 60)), newText: '' };
    default: return { start: at, end: Math.min(text.length, at + rng.int(0, 5)), newText: rng.pick(pieces) };
  }
}

function apply(text: string, e: { start: number; end: number; newText: string }): string {
  return text.slice(0, e.start) + e.newText + text.slice(e.end);
}

/**
 * The span fields of the model that reanalyze (incremental.ts, splice) moves itself; fields holding syntax
 * tree objects (statements, items) move with the tree. A new model field holding its own span object must
 * be added there (and here): this list is checked against what the binder actually produces.
 */
const SHIFTED_BY_REANALYZE = new Set([
  'unit.code.span', 'unit.department.span', 'unit.headerSpan', 'unit.kind.span', 'unit.layout.span', 'unit.previousFile.span', 'unit.name.span', 'unit.region.span', 'unit.supervisor.span',
  ...['func', 'econ', 'gov'].flatMap((s) => [
    `unit.${s}.headerSpan`, `unit.${s}.rows[].cells.*.span`, `unit.${s}.rows[].codeSpan`, `unit.${s}.rows[].name.span`, `unit.${s}.rows[].sourceSpan`,
    `unit.${s}.total.cells.*.span`, `unit.${s}.total.codeSpan`, `unit.${s}.total.name.span`, `unit.${s}.total.sourceSpan`,
    `unit.${s}.extras.currentTotal.amount.span`, `unit.${s}.extras.grandTotal.amount.span`, `unit.${s}.extras.yearEndCarry.amount.span`,
  ]),
  'unit.income.headerSpan', 'unit.income.lines[].amount.span', 'unit.income.lines[].keySpan',
  'unit.incomeFunc.headerSpan', 'unit.incomeFunc.rows[].codeSpan', 'unit.incomeFunc.rows[].name.span', 'unit.incomeFunc.total.name.span',
  ...['rows[]', 'total'].flatMap((r) => [`unit.incomeFunc.${r}.cells[].amount.span`, `unit.incomeFunc.${r}.cells[].span`, `unit.incomeFunc.${r}.cells[].keySpan`]),
  'unit.sangong.headerSpan', 'unit.sangong.lines[].amount.span', 'unit.sangong.lines[].keySpan',
  'unit.mapping[].dept.span', 'unit.mapping[].gov.span',
  'unit.lists[].rows[].cells.*.span', 'unit.lists[].rows[].name.span', 'unit.lists[].rows[].code.span',
  'unit.overall.goal.span', 'unit.overall.tasks[].amount.span', 'unit.overall.tasks[].name.span',
  'unit.projects[].amount.span', 'unit.projects[].bySource[].amount.span', 'unit.projects[].content.span', 'unit.projects[].goal.span',
  'unit.projects[].implementer.span', 'unit.projects[].supervisor.span', 'unit.projects[].name.span',
  'unit.projects[].econ[].amount.span', 'unit.projects[].econ[].codeSpan', 'unit.projects[].econ[].name.span',
  'unit.projects[].funcRefs[].amount.span', 'unit.projects[].funcRefs[].span',
  'unit.projects[].longTermGoal.span', 'unit.projects[].nature.span', 'unit.projects[].category.span', 'unit.projects[].startDate.span',
  'unit.projects[].endDate.span', 'unit.projects[].period.span', 'unit.projects[].fundsTotal.span', 'unit.projects[].fundsFiscal.span',
  'unit.projects[].fundsOther.span', 'unit.projects[].fundsCarried.span',
  'unit.incomeFunc.headerSpan', 'unit.incomeFunc.rows[].codeSpan', 'unit.incomeFunc.rows[].name.span',
  ...['rows[]', 'total'].flatMap((r) => [`unit.incomeFunc.${r}.cells[].amount.span`, `unit.incomeFunc.${r}.cells[].span`, `unit.incomeFunc.${r}.cells[].keySpan`]),
  'unit.comparison.headerSpan', 'unit.comparison.lines[].current.span', 'unit.comparison.lines[].previous.span',
  'unit.comparison.lines[].change.amount.span', 'unit.comparison.lines[].rate.value.span', 'unit.comparison.lines[].name.span',
  'unit.comparison.notes[].text.span', 'unit.comparison.notes[].table.span', 'unit.comparison.projects[].amount.span', 'unit.comparison.texts[].span',
  'unit.printed[].table.span', 'unit.printed[].rows[].row.span', 'unit.printed[].rows[].cells[].column.span', 'unit.printed[].rows[].cells[].amount.span',
  ...['unit.projects[].indicators', 'unit.overall.indicators'].flatMap((b) => [
    `${b}.indicators[].level1.span`, `${b}.indicators[].level2.span`, `${b}.indicators[].name.span`, `${b}.indicators[].unit.span`,
    `${b}.indicators[].value.span`, `${b}.indicators[].op.span`, `${b}.indicators[].deadline.span`,
  ]),
]);

/** A unit whose project states every attribute of the performance form (some of them wrong, to be reported). */
function PROJECT_ATTRIBUTES(name: string): string {
  return `单位 ${name} {\n  年度 2025\n  项目 甲 {\n    金额 5.00\n    项目性质 阶段性项目\n    项目类别 特定目标类\n    实施期限 2024-01-01 至 2026-12-31\n`
    + `    资金总额 12.00 财政资金 10.00 其他资金 1.00\n    上年结转资金 0.50\n    中长期目标 三年完成。\n    总体目标 今年完成。\n  }\n`
    + `  项目 乙 {\n    金额 5.00\n    开始日期 2026年1月\n    完成日期 2025-12-31\n    资金总额 4.00\n  }\n}\n`;
}

/** Paths of span objects in the model that are not syntax tree objects. */
function ownSpanPaths(v: unknown, path: string, out: Set<string>): Set<string> {
  if (!v || typeof v !== 'object') return out;
  if ('image' in v || 'items' in v) return out; // an item or a statement: moved with the tree
  const o = v as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number') out.add(path);
  if (Array.isArray(v)) {
    for (const x of v) ownSpanPaths(x, `${path}[]`, out);
    return out;
  }
  for (const k of Object.keys(o)) if (k !== 'start' && k !== 'end') ownSpanPaths(o[k], `${path}.${path.endsWith('.cells') ? '*' : k}`, out);
  return out;
}

/** One digit inserted at `at` (inside the first unit): re-analysed incrementally, and equal to a full analysis. */
function assertIncrementalInsert(src: string, at: number): void {
  const text = apply(src, { start: at, end: at, newText: '1' });
  const info: ReanalyzeInfo = {};
  assert.equal(render(reanalyze(analyze(src), text, {}, info)), render(analyze(text)));
  assert.equal(info.incremental, true);
}

/** Random single edits of `src` (seeded): re-analysis must equal a full analysis; returns how many were incremental. */
function randomEditsAgree(src: string, seed: number, edits: number): number {
  const rng = new Rng(seed);
  let incremental = 0;
  for (let i = 0; i < edits; i++) {
    const text = apply(src, editAt(rng, src, i % 5 === 0));
    const info: ReanalyzeInfo = {};
    assert.equal(render(reanalyze(analyze(src), text, {}, info)), render(analyze(text)), `edit ${i} (${info.reason ?? 'incremental'})`);
    if (info.incremental) incremental++;
  }
  return incremental;
}

describe('incremental re-analysis = full analysis', () => {
  it('every span object the model owns is one reanalyze moves (a new model field must be added to splice())', () => {
    const found = new Set<string>();
    for (const text of [...SAMPLES, 'department-yuan.budget', 'real-wanli-2025.budget', 'comparison.budget', 'real-chengguan-2026.budget'].map(sample).concat(generateBudget({ seed: 3, lines: 3000 }).text, PROJECT_ATTRIBUTES('甲'))) {
      for (const u of analyze(text).model.units) ownSpanPaths(u, 'unit', found);
    }
    assert.ok(found.size > 40, `${found.size}`);
    assert.deepEqual([...found].filter((p) => !SHIFTED_BY_REANALYZE.has(p)), []);
  });

  const base = generateBudget({ seed: 77, lines: 1000 }).text;

  it('single edits inside units of a generated budget (most take the incremental path)', function () {
    this.timeout(60_000);
    const rng = new Rng(1);
    let incremental = 0;
    const n = 50;
    for (let i = 0; i < n; i++) {
      const e = editAt(rng, base, false);
      const text = apply(base, e);
      const info: ReanalyzeInfo = {};
      const r = reanalyze(analyze(base), text, {}, info);
      if (info.incremental) incremental++;
      assert.equal(render(r), render(analyze(text)), `edit ${i} ${JSON.stringify(e)} (${info.incremental ? 'incremental' : info.reason})`);
    }
    assert.ok(incremental > n * 0.6, `only ${incremental} of ${n} edits took the incremental path`);
  });

  it('single edits anywhere (inside and outside units, structure changes)', function () {
    this.timeout(60_000);
    const rng = new Rng(2);
    for (let i = 0; i < 30; i++) {
      const e = editAt(rng, base, true);
      const text = apply(base, e);
      const info: ReanalyzeInfo = {};
      assert.equal(render(reanalyze(analyze(base), text, {}, info)), render(analyze(text)), `edit ${i} ${JSON.stringify(e)} (${info.reason ?? 'incremental'})`);
    }
  });

  it('a chain of 100 edits, each re-analysed from the previous result', function () {
    this.timeout(60_000);
    const rng = new Rng(3);
    let text = base;
    let a = analyze(text);
    let incremental = 0;
    // Edits made while a block is left open (a random edit can delete a `}`, and the chain goes on from there)
    // must take the full path: the incremental one is only owed to the others.
    let eligible = 0;
    for (let i = 0; i < 100; i++) {
      text = apply(text, editAt(rng, text, rng.chance(0.1)));
      const info: ReanalyzeInfo = {};
      const open = a.tree.errors.some(isUnclosedBlock);
      a = reanalyze(a, text, {}, info);
      if (!open) eligible++;
      if (info.incremental) incremental++;
      if (i % 20 === 19) assert.equal(render(a), render(analyze(text)), `after edit ${i}`);
    }
    assert.equal(render(a), render(analyze(text)));
    assert.ok(eligible >= 5 && incremental > eligible * 0.5, `only ${incremental} of ${eligible} edits (of 100) made with every block closed took the incremental path`);
  });

  it('edits of the samples (one unit, a department with two units, year-on-year comparisons)', function () {
    this.timeout(60_000);
    const rng = new Rng(4);
    for (const name of [...SAMPLES, 'department-yuan.budget', 'comparison.budget']) {
      const src = sample(name);
      for (let i = 0; i < 20; i++) {
        const text = apply(src, editAt(rng, src, i % 4 === 0));
        assert.equal(render(reanalyze(analyze(src), text)), render(analyze(text)), `${name} edit ${i}`);
      }
    }
  });

  it('attributes written after the units of a container (inherited values after the edit move once)', () => {
    const unit = (name: string, amount: string): string =>
      `  单位 ${name} {\n    收入 {\n      一般公共预算 ${amount}\n    }\n    支出 {\n      2080150 事业运行 人员 ${amount}\n    }\n    项目 甲 {\n      金额 1.00\n      指标 {\n        一级 产出指标\n        二级 数量指标\n        人数 >= 5 人 2024-12\n      }\n    }\n  }\n`;
    const src = `部门 某局 {\n${unit('一中', '3.00')}${unit('二中', '4.00')}  主管部门 某局\n  性质 事业单位\n  年度 2025\n}\n部门 另一局\n${unit('三中', '5.00').replace(/^ {2}/gm, '')}性质 行政单位\n区划 210400000\n`;
    const incremental = randomEditsAgree(src, 5, 60);
    assert.ok(incremental > 20, `${incremental}`);
  });

  it('rows the binder splits off a line (joined by a PDF copy) and accounting negatives move with the tree', () => {
    const body = (n: string): string => `单位 ${n} {\n  年度 2025\n  支出 {\n    208 社会保障和就业支出 3.00 20801 人力资源和社会保障管理事务 3.00\n    2080109 社会保险经办机构 人员 4.00 公用 (1.00) 2080150 事业运行 人员 1.00\n  }\n  经济分类 {\n    301 工资福利支出 3.00 30101 基本工资 人员 （1.00） 30102 津贴补贴 人员 4.00\n  }\n  收入科目 {\n    208 社会保障和就业支出 3.00 20801 人力资源和社会保障管理事务 3.00\n  }\n  项目 甲 {\n    金额 (1.00)\n    经济分类 {\n      30201 办公费 (2.00) 30202 印刷费 1.00\n    }\n  }\n}\n`;
    const src = body('一') + body('二') + body('三');
    const incremental = randomEditsAgree(src, 6, 60);
    // An edit in the first unit moves the split rows of the others.
    assertIncrementalInsert(src, src.indexOf('3.00'));
    assert.ok(incremental > 20, `${incremental}`);
    assert.equal(analyze(src).diagnostics.filter((d) => d.code === 'BUD016').length, 3 * 6);
  });

  it('statements the tidy pass made (unusual spaces, page numbers, spaced-out keywords) move with the edit; a department is its own or the parser’s as a full analysis makes it', function () {
    this.timeout(60_000);
    const unit = (n: string, odd: boolean): string => `  单位 ${n} {\n    年度 2025\n    支出 {\n      合${odd ? '\u00a0' : ''}计 3.00\n      208${odd ? '\u00a0' : ' '}社会保障和就业支出 3.00${odd ? ' 第 1 页' : ''}\n      20801 人力资源和社会保障管理事务 人员 3.00\n    }\n  }\n`;
    const src = `部门 甲局 {\n${unit('一', false)}${unit('二', true)}}\n部门 乙局 {\n${unit('三', false)}${unit('四', false)}}\n\u00a0单位 五 {\n  年度 2025\n}\n`;
    const rng = new Rng(9);
    let text = src;
    let a = analyze(text);
    let incremental = 0;
    for (let i = 0; i < 80; i++) {
      // Insert or remove an unusual space, a page number or a spaced-out 合计 inside a unit (or anywhere, now and then).
      const units = [...text.matchAll(/单位 [^\n{]*\{/g)].map((m) => m.index!);
      const at = rng.chance(0.1) ? rng.int(0, text.length) : Math.min(text.length, rng.pick(units) + rng.int(8, 120));
      const odd = text.indexOf('\u00a0', at);
      const e = rng.pick([
        { start: at, end: at, newText: '\u00a0' },
        { start: at, end: at, newText: ' 第 2 页' },
        ...(odd >= 0 ? [{ start: odd, end: odd + 1, newText: ' ' }, { start: odd, end: odd + 1, newText: ' ' }] : []),
        ...(text.indexOf(' 第', at) >= 0 ? [{ start: text.indexOf(' 第', at), end: text.indexOf(' 第', at) + 6, newText: '' }] : []),
        ...(text.indexOf('合计', at) >= 0 ? [{ start: text.indexOf('合计', at) + 1, end: text.indexOf('合计', at) + 1, newText: '\u3000' }] : []),
        { start: at, end: at, newText: '1' },
      ]);
      text = apply(text, e);
      const info: ReanalyzeInfo = {};
      a = reanalyze(a, text, {}, info);
      if (info.incremental) incremental++;
      assert.equal(render(a), render(analyze(text)), `edit ${i} ${JSON.stringify(e)} (${info.incremental ? 'incremental' : info.reason})`);
    }
    assert.ok(incremental > 30, `only ${incremental} of 80 edits took the incremental path`);
  });

  it('a department the tidy pass copied (a unit of it tidied) is the parser’s again once nothing in it is tidied, and back', () => {
    const unit = (n: string, odd: boolean): string => `  单位 ${n} {\n    年度 2025\n    支出 {\n      合${odd ? '\u00a0' : ''}计 3.00\n      208 社会保障和就业支出 3.00${odd ? ' 第 1 页' : ''}\n    }\n  }\n`;
    let text = `部门 甲局 {\n${unit('一', false)}${unit('二', true)}}\n`;
    let a = analyze(text);
    const steps: Array<[string, string]> = [['合\u00a0计', '合计'], [' 第 1 页', ''], ['208 社会', '208\u00a0社会'], ['208\u00a0社会', '208 社会']];
    for (const [from, to] of steps) {
      text = text.replace(from, to);
      const info: ReanalyzeInfo = {};
      a = reanalyze(a, text, {}, info);
      assert.equal(info.incremental, true, info.reason);
      assert.equal(render(a), render(analyze(text)), `${from} → ${to}`);
    }
    assert.equal(a.tidied.stmts[0], a.tree.stmts[0], 'nothing tidied: the parser’s own statement');
  });

  it('the project attributes of the performance form (dates, 实施期限, 资金总额 and its parts …) move with an edit before them', () => {
    const src = PROJECT_ATTRIBUTES('一') + PROJECT_ATTRIBUTES('二') + PROJECT_ATTRIBUTES('三');
    const incremental = randomEditsAgree(src, 7, 60);
    assertIncrementalInsert(src, src.indexOf('5.00'));
    assert.ok(incremental > 20, `${incremental}`);
  });

  it('上年比较 lines (amounts with a `+`, percentages, a block in its own unit) move with the edit', () => {
    const body = (n: string): string => `单位 ${n} {\n  年度 2025\n  收入 {\n    一般公共预算 3.00\n  }\n  支出 {\n    208 社会保障和就业支出 人员 3.00\n  }\n  上年比较 {\n    金额单位 元\n    收入总计 本年 30,000 上年 20,000 增减 +10,000 增幅 +50%\n    支出总计 上年 40,000 减少 10,000 下降 25.0 %\n    人员经费 持平\n  }\n}\n`;
    const src = body('一') + body('二') + body('三');
    assert.deepEqual(analyze(src).diagnostics.filter((d) => d.severity !== 'information').map((d) => d.code), []);
    const incremental = randomEditsAgree(src, 8, 60);
    assertIncrementalInsert(src, src.indexOf('3.00'));
    assert.ok(incremental > 20, `${incremental}`);
  });

  it('印出 blocks (a row by code and by label, a column path, a block in its own unit) move with the edit', () => {
    const body = (n: string): string => `单位 ${n} {\n  年度 2025\n  表式 上海单位\n  金额单位 元\n  收入 {\n    一般公共预算 300\n  }\n  支出 {\n    208 社会保障和就业支出 人员 300\n  }\n`
      + `  印出 表4 {\n    社会保障和就业支出 财政拨款支出/一般公共预算 200 合计 300\n  }\n  印出 表5 {\n    金额单位 万元\n    208 合计 0.03\n  }\n}\n`;
    const src = body('一') + body('二') + body('三');
    assert.deepEqual(analyze(src).diagnostics.filter((d) => d.code.startsWith('BUD54')).map((d) => d.code), ['BUD540', 'BUD540', 'BUD540']);
    const found = new Set<string>();
    for (const u of analyze(src).model.units) ownSpanPaths(u, 'unit', found);
    assert.deepEqual([...found].filter((p) => p.startsWith('unit.printed')).sort(), [...SHIFTED_BY_REANALYZE].filter((p) => p.startsWith('unit.printed')).sort());
    const incremental = randomEditsAgree(src, 9, 60);
    assertIncrementalInsert(src, src.indexOf('300'));
    assert.ok(incremental > 20, `${incremental}`);
  });

  it('a file with a block left open is re-analysed in full (the missing “}” is reported across units)', () => {
    const src = '单位 甲 {\n  年度 2025\n  支出 {\n    208 社会保障和就业支出 人员 1.00\n\n}\n单位 乙 {\n  年度 2025\n  支出 {\n    208 社会保障和就业支出 人员 1.00\n  }\n}\n';
    assert.ok(analyze(src).diagnostics.some((d) => d.code === 'BUD001'));
    const at = src.lastIndexOf('1.00');
    const text = apply(src, { start: at, end: at, newText: '2' });
    const info: ReanalyzeInfo = {};
    assert.equal(render(reanalyze(analyze(src), text, {}, info)), render(analyze(text)));
    assert.equal(info.incremental, false);
    assert.equal(info.reason, 'a block is not closed');
  });

  it('an edit that takes the text over the size limit gives the degraded analysis', () => {
    const src = sample(SAMPLES[0]);
    const at = src.indexOf('内容 ') + 3;
    const text = src.slice(0, at) + '字'.repeat(MAX_ANALYZED_LENGTH) + src.slice(at);
    const info: ReanalyzeInfo = {};
    assert.deepEqual(reanalyze(analyze(src), text, {}, info).diagnostics.map((d) => d.code), ['BUD010']);
    assert.equal(info.incremental, false);
  });

  it('the token budget: the count follows an edit exactly; an edit over MAX_TOKENS gives the truncated analysis', function () {
    this.timeout(120_000);
    // Unit 乙 is comment lines (two tokens each: the comment and the line break), so that the text sits at the limit.
    const build = (k: number): string => `单位 甲 {\n  年度 2025\n  支出 {\n    208 社会保障和就业支出 人员 1.00\n  }\n}\n单位 乙 {\n${'  # c\n'.repeat(k)}}\n`;
    const base = analyze(build(0)).tree.tokens;
    const src = build(Math.floor((MAX_TOKENS - 2 - base) / 2));
    const n = analyze(src).tree.tokens;
    assert.ok(n === MAX_TOKENS - 2 || n === MAX_TOKENS - 3, String(n));
    // One token more (an amount): still under the limit, re-analysed incrementally, the count exact.
    const at = src.indexOf('人员 1.00') + '人员 1.00'.length;
    const one = apply(src, { start: at, end: at, newText: ' 2.00' });
    let info: ReanalyzeInfo = {};
    const a1 = reanalyze(analyze(src), one, {}, info);
    assert.equal(info.incremental, true);
    assert.equal(a1.tree.tokens, n + 1);
    assert.equal(render(a1), render(analyze(one)));
    // Three more: over the limit — the full parse stops, and so does the re-analysis.
    const two = apply(one, { start: at, end: at, newText: ' 3.00 4.00 5.00' });
    info = {};
    const a2 = reanalyze(a1, two, {}, info);
    assert.equal(info.incremental, false);
    assert.equal(info.reason, 'the text has more tokens than are parsed');
    assert.ok(a2.tree.truncated !== undefined);
    assert.deepEqual(a2.diagnostics.filter((d) => d.code === 'BUD018').length, 1);
    assert.equal(render(a2), render(analyze(two)));
  });

  it('unchanged text returns the same analysis; other options fall back to a full analysis', () => {
    const a = analyze(base);
    const info: ReanalyzeInfo = {};
    assert.equal(reanalyze(a, base, {}, info), a);
    assert.equal(info.incremental, true);
    const text = apply(base, { start: base.indexOf('30201 办公费') + 3, end: base.indexOf('30201 办公费') + 3, newText: '' });
    const info2: ReanalyzeInfo = {};
    const r = reanalyze(analyze(base), text, { rounding: 'tolerant' }, info2);
    assert.equal(info2.incremental, false);
    assert.equal(render(r), render(analyze(text, { rounding: 'tolerant' })));
  });
});
