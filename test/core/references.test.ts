import { strict as assert } from 'node:assert';
import { posix } from 'node:path';
import picomatch from 'picomatch';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { renderMessage } from '../../server/src/core/diagnostics';
import { checkReferences, type FileResolver, type ReferenceResult, type Resolution } from '../../server/src/core/references';
import { buildTables, type Table } from '../../server/src/core/tables';

/**
 * The core's resolution across files over an in-memory workspace (/ws): the caller's part (paths, globs, reading)
 * is a few lines here; the CLI and the server do it on disk (test/cli/references.test.ts, test/server/references.test.ts).
 */
class Memory implements FileResolver {
  private readonly analyses = new Map<string, Analysis>();
  constructor(readonly files: Record<string, string>, readonly listed: Record<string, string[]> = {}) {}
  resolve(from: string, written: string): Resolution {
    if (written.startsWith('/')) return { kind: 'refused', why: { zh: '绝对路径', en: 'an absolute path' } };
    const p = posix.normalize(posix.join(posix.dirname(from), written));
    if (!p.startsWith('/ws/')) return { kind: 'refused', why: { zh: '在工作区之外', en: 'outside the workspace' } };
    if (/[*?]/.test(written)) {
      const m = picomatch(p);
      return { kind: 'files', files: Object.keys(this.files).filter((f) => m(f)).sort(), glob: true };
    }
    return { kind: 'files', files: p in this.files ? [p] : [], glob: false };
  }
  analysis(file: string): Analysis | undefined {
    if (!(file in this.files)) return undefined;
    let a = this.analyses.get(file);
    if (!a) this.analyses.set(file, (a = analyze(this.files[file])));
    return a;
  }
  listedBy(unit: string, except: string): string[] {
    return (this.listed[unit] ?? []).filter((f) => f !== except);
  }
  display(file: string): string {
    return file.slice('/ws/'.length);
  }
}

function check(ws: Memory, file: string): { a: Analysis; r: ReferenceResult } {
  const a = ws.analysis(file)!;
  return { a, r: checkReferences(file, a, ws) };
}

const unitFile = (name: string, amount: string, year = 2025): string =>
  `年度 ${year}\n单位 ${name} {\n  支出 {\n    合计 ${amount}\n    205 教育支出 人员 ${amount}\n    205 01 教育管理事务 人员 ${amount}\n  }\n}\n`;

const DEPT = `年度 2025\n部门 某局 {\n  单位文件 units/*.budget\n  支出 {\n    合计 6.00\n    205 教育支出 人员 6.00\n    205 01 教育管理事务 人员 6.00\n  }\n}\n`;

describe('references: a department over its units’ files', () => {
  it('three unit files, one wrong unit figure: reported once, on the department’s line, the units as related locations', () => {
    const ws = new Memory({ '/ws/dept.budget': DEPT, '/ws/units/甲.budget': unitFile('甲', '1.00'), '/ws/units/乙.budget': unitFile('乙', '2.50'), '/ws/units/丙.budget': unitFile('丙', '3.00') });
    const { a, r } = check(ws, '/ws/dept.budget');
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), [], 'the department file alone reports nothing across files');
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['BUD509']);
    const d = r.diagnostics[0];
    assert.equal(a.text.slice(d.start, d.end), '205 01', 'the deepest code that disagrees, not its parents and total again');
    assert.match(renderMessage(d, 'zh-CN'), /部门汇总科目 20501 合计为 6\.00，所属单位之和为 6\.50，相差 -0\.50/);
    const rel = d.related ?? [];
    assert.deepEqual(rel.map((x) => x.file).sort(), ['/ws/units/丙.budget', '/ws/units/乙.budget', '/ws/units/甲.budget']);
    const yi = rel.find((x) => x.file === '/ws/units/乙.budget')!;
    assert.equal(ws.files['/ws/units/乙.budget'].slice(yi.start, yi.end), '205 01');
    assert.equal(yi.message.zh, '单位“乙”：2.50');
    assert.deepEqual(r.dependencies, ['/ws/units/丙.budget', '/ws/units/乙.budget', '/ws/units/甲.budget']);
    assert.equal(r.links.filter((l) => l.kind === 'unitFile').length, 3);
  });

  it('the units agreeing with the department: nothing reported', () => {
    const ws = new Memory({ '/ws/dept.budget': DEPT, '/ws/units/甲.budget': unitFile('甲', '1.00'), '/ws/units/乙.budget': unitFile('乙', '2.00'), '/ws/units/丙.budget': unitFile('丙', '3.00') });
    assert.deepEqual(check(ws, '/ws/dept.budget').r.diagnostics, []);
  });

  it('failure modes: missing file, glob matching nothing, outside the workspace, absolute path', () => {
    const dept = (ref: string): string => DEPT.replace('units/*.budget', ref);
    const ws = new Memory({ '/ws/a.budget': dept('units/无.budget'), '/ws/b.budget': dept('none/*.budget'), '/ws/c.budget': dept('../other/x.budget'), '/ws/d.budget': dept('/etc/passwd') });
    const one = (f: string): string => {
      const r = check(ws, f).r.diagnostics;
      assert.equal(r.length, 1, JSON.stringify(r));
      return `${r[0].code} ${renderMessage(r[0], 'en')}`;
    };
    assert.equal(one('/ws/a.budget'), 'BUD911 No unit file “units/无.budget”');
    assert.equal(one('/ws/b.budget'), 'BUD911 No unit file “none/*.budget” (the glob matches no file)');
    assert.equal(one('/ws/c.budget'), 'BUD910 “../other/x.budget” cannot be referenced: outside the workspace');
    assert.equal(one('/ws/d.budget'), 'BUD910 “/etc/passwd” cannot be referenced: an absolute path');
  });

  it('failure modes: a cycle (two departments listing each other), itself, a file of another year, a file with no unit, a unit in two departments', () => {
    const ws = new Memory({
      '/ws/a.budget': DEPT.replace('units/*.budget', 'b.budget'),
      '/ws/b.budget': DEPT.replace('units/*.budget', 'a.budget').replace('某局', '另局'),
      '/ws/self.budget': DEPT.replace('units/*.budget', 'self.budget'),
      '/ws/old.budget': DEPT.replace('units/*.budget', 'u/2024.budget'),
      '/ws/u/2024.budget': unitFile('甲', '6.00', 2024),
      '/ws/empty.budget': DEPT.replace('units/*.budget', 'u/none.budget'),
      '/ws/u/none.budget': '年度 2025\n',
      '/ws/two.budget': DEPT.replace('units/*.budget', 'u/甲.budget'),
      '/ws/u/甲.budget': unitFile('甲', '6.00'),
    }, { '/ws/u/甲.budget': ['/ws/two.budget', '/ws/other.budget'] });
    const codes = (f: string): string[] => check(ws, f).r.diagnostics.map((d) => `${d.code} ${renderMessage(d, 'en')}`);
    assert.deepEqual(codes('/ws/a.budget'), ['BUD912 The unit files form a cycle: a.budget → b.budget → a.budget; the files of the cycle are not compared']);
    assert.deepEqual(codes('/ws/self.budget'), ['BUD912 The unit files form a cycle: self.budget → self.budget; the files of the cycle are not compared']);
    assert.deepEqual(codes('/ws/old.budget'), ['BUD914 The unit file “u/2024.budget” is for 2024, not 2025']);
    assert.deepEqual(codes('/ws/empty.budget'), ['BUD913 The unit file “u/none.budget” holds no 单位 block; the department’s figures do not count it']);
    assert.deepEqual(codes('/ws/two.budget'), ['BUD915 The unit file “u/甲.budget” is also listed by the department file “other.budget”; a unit belongs to one department']);
  });
});

const CMP_UNIT = (year: number, income: string, compare = '', prev?: string): string =>
  `年度 ${year}\n单位 某所 {\n${prev ? `  上年文件 ${prev}\n` : ''}  收入 {\n    一般公共预算 ${income}\n    收入总计 ${income}\n  }\n  支出 {\n    合计 ${income}\n    205 教育支出 人员 ${income}\n  }\n${compare ? `  上年比较 {\n${compare}\n  }\n` : ''}}\n`;

describe('references: last year’s file (上年文件)', () => {
  it('a written 上年 that differs from last year’s file: a warning with both figures and files; one that agrees: nothing', () => {
    const ws = new Memory({
      '/ws/2024.budget': CMP_UNIT(2024, '90.00'),
      '/ws/2025.budget': CMP_UNIT(2025, '100.00', '    收入总计 本年 100.00 上年 95.00 增加 5.00', '2024.budget'),
      '/ws/2025b.budget': CMP_UNIT(2025, '100.00', '    收入总计 本年 100.00 上年 90.00 增加 10.00', '2024.budget'),
    });
    const { a, r } = check(ws, '/ws/2025.budget');
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['BUD916']);
    const d = r.diagnostics[0];
    assert.equal(d.severity, 'warning');
    assert.equal(a.text.slice(d.start, d.end), '95.00');
    assert.equal(renderMessage(d, 'en'), 'total income: last year’s figure is written 95.00, but last year’s budget “2024.budget” gives 90.00 (difference 5.00; mid-year adjustments can explain it — verify)');
    assert.equal(d.related?.[0].file, '/ws/2024.budget');
    assert.equal(ws.files['/ws/2024.budget'].slice(d.related![0].start, d.related![0].end), '90.00');
    assert.ok(r.links.some((l) => l.kind === 'previousFigure' && l.file === '/ws/2024.budget'));
    assert.deepEqual(check(ws, '/ws/2025b.budget').r.diagnostics, []);
  });

  it('上年 implied by the written change is checked too; a 上年 not written at all is taken from last year’s file', () => {
    const ws = new Memory({
      '/ws/2024.budget': CMP_UNIT(2024, '90.00'),
      '/ws/2025.budget': CMP_UNIT(2025, '100.00', '    收入总计 本年 100.00 增加 8.00\n    支出总计 本年 100.00 增长 11.11%', '2024.budget'),
    });
    const { r } = check(ws, '/ws/2025.budget');
    assert.deepEqual(r.diagnostics.map((d) => `${d.code} ${renderMessage(d, 'en')}`), [
      'BUD916 total income: last year’s figure implied by this year and the change is 92.00, but last year’s budget “2024.budget” gives 90.00 (difference 2.00; mid-year adjustments can explain it — verify)',
    ]);
    assert.equal(r.taken.length, 1);
    assert.equal(r.taken[0].value, 90n * 10n ** 8n);
    assert.equal(r.taken[0].file, '/ws/2024.budget');
  });

  it('failure modes: last year’s file of another year, without the unit, a cycle of 上年文件', () => {
    const ws = new Memory({
      '/ws/2023.budget': CMP_UNIT(2023, '80.00'),
      '/ws/2025.budget': CMP_UNIT(2025, '100.00', '    收入总计 本年 100.00 上年 90.00', '2023.budget'),
      '/ws/other.budget': CMP_UNIT(2024, '90.00').replace('某所', '他所') + CMP_UNIT(2024, '90.00').replace('某所', '另所').replace('年度 2024\n', ''),
      '/ws/x.budget': CMP_UNIT(2025, '100.00', '', 'other.budget'),
      '/ws/p.budget': CMP_UNIT(2025, '100.00', '', 'q.budget'),
      '/ws/q.budget': CMP_UNIT(2024, '100.00', '', 'p.budget'),
    });
    const codes = (f: string): string[] => check(ws, f).r.diagnostics.map((d) => `${d.code} ${renderMessage(d, 'en')}`);
    assert.deepEqual(codes('/ws/2025.budget'), ['BUD914 The previous year’s file “2023.budget” is for 2023, not 2024']);
    assert.deepEqual(codes('/ws/x.budget'), ['BUD917 Last year’s budget “other.budget” has no “某所”; last year’s figures cannot be compared']);
    assert.deepEqual(codes('/ws/p.budget'), ['BUD912 The previous year’s files form a cycle: p.budget → q.budget → p.budget; the files of the cycle are not compared']);
  });
});

describe('references: the department’s 部门支出分单位明细 from its units’ files', () => {
  const rowsOf = (t: Table): string[][] => t.rows.map((r) => r.map((c) => (c.covered ? '' : c.text)));

  it('each unit as its file writes it; a unit without a figure, a file of another year and a missing one are shown as such, never as zero', () => {
    const noSpending = '年度 2025\n单位 丁 {\n  收入 {\n    一般公共预算 3.00\n  }\n}\n';
    const ws = new Memory({
      '/ws/dept.budget': DEPT.replace('  单位文件 units/*.budget\n', '  单位文件 units/*.budget\n  单位文件 units/无.budget\n'),
      '/ws/units/甲.budget': unitFile('甲', '1.00'),
      '/ws/units/乙.budget': unitFile('乙', '2.50'),
      '/ws/units/丙.budget': unitFile('丙', '3.00', 2024),
      '/ws/units/丁.budget': noSpending,
    });
    const { a, r } = check(ws, '/ws/dept.budget');
    assert.equal(r.unitFiles.length, 5, 'four files matched by the glob, one named alone');
    assert.deepEqual(r.diagnostics.map((d) => d.code).sort(), ['BUD911', 'BUD914'], 'no BUD509: the units’ sum is unknown while a unit file cannot be used');
    const tables = buildTables(a, 'zh-CN', { unitFiles: r.unitFiles });
    assert.deepEqual(buildTables(a).map((t) => t.id).filter((id) => id === '分单位'), [], 'without resolved units (no resolver) there is no such table');
    const t = tables.find((x) => x.id === '分单位')!;
    assert.equal(t.title, '2025年部门支出分单位明细');
    assert.equal(t.unitName, '某局');
    assert.deepEqual(t.columns, ['单位名称', '单位文件', '合计', '小计', '人员经费', '公用经费', '项目支出']);
    assert.deepEqual(rowsOf(t), [
      // The department's own figure; the units' sum is unknown (丙, 丁 and the missing file), so nothing is marked.
      ['合计', '', '6.00', '6.00', '6.00', '未知', '未知'],
      ['丁', 'units/丁.budget', '未知', '未知', '未知', '未知', '未知'],
      ['（年度为 2024，不是 2025）', 'units/丙.budget', '未知', '未知', '未知', '未知', '未知'],
      ['乙', 'units/乙.budget', '2.50', '2.50', '2.50', '未知', '未知'],
      ['甲', 'units/甲.budget', '1.00', '1.00', '1.00', '未知', '未知'],
      ['（文件不存在）', 'units/无.budget', '未知', '未知', '未知', '未知', '未知'],
    ]);
    assert.match(t.note ?? '', /不按零计/);
    const yi = t.rows[3];
    assert.equal(yi[2].amount, '2.50');
    // A figure of another file: its span is in that file, and the cell names the file (a click reveals it there).
    assert.equal(yi[2].file, '/ws/units/乙.budget');
    assert.equal(ws.files['/ws/units/乙.budget'].slice(yi[2].span!.start, yi[2].span!.end), '2.50');
    assert.equal(yi[0].file, '/ws/units/乙.budget');
    assert.equal(t.rows[0][2].file, undefined);
    assert.ok(t.rows[0][2].span && a.text.slice(t.rows[0][2].span.start, t.rows[0][2].span.end) === '6.00', 'the department’s own figure is at its line');
  });

  it('every unit known: the 合计 row holds the department’s figure, marked with the units’ sum when it differs', () => {
    const ws = new Memory({ '/ws/dept.budget': DEPT, '/ws/units/甲.budget': unitFile('甲', '1.00'), '/ws/units/乙.budget': unitFile('乙', '2.50'), '/ws/units/丙.budget': unitFile('丙', '3.00') });
    const { a, r } = check(ws, '/ws/dept.budget');
    const t = buildTables(a, 'zh-CN', { unitFiles: r.unitFiles }).find((x) => x.id === '分单位')!;
    assert.deepEqual(t.rows[0].slice(2, 4).map((c) => [c.text, c.differs]), [['6.00', '6.50'], ['6.00', '6.50']]);
    const fixed = new Memory({ ...ws.files, '/ws/units/乙.budget': unitFile('乙', '2.00') });
    const ok = check(fixed, '/ws/dept.budget');
    const t2 = buildTables(ok.a, 'zh-CN', { unitFiles: ok.r.unitFiles }).find((x) => x.id === '分单位')!;
    assert.deepEqual(t2.rows[0].slice(2, 4).map((c) => [c.text, c.differs]), [['6.00', undefined], ['6.00', undefined]]);
  });

  it('a department file of 单位文件 alone (no figures of its own): the table is its only one, the units’ sum as the 合计', () => {
    const ws = new Memory({ '/ws/dept.budget': '年度 2025\n部门 某局 {\n  单位文件 units/*.budget\n}\n', '/ws/units/甲.budget': unitFile('甲', '1.00'), '/ws/units/乙.budget': unitFile('乙', '2.50') });
    const { a, r } = check(ws, '/ws/dept.budget');
    const tables = buildTables(a, 'zh-CN', { unitFiles: r.unitFiles });
    assert.deepEqual(tables.map((t) => t.id), ['分单位']);
    assert.deepEqual(rowsOf(tables[0]).map((row) => row.slice(0, 4)), [['合计', '', '3.50', '3.50'], ['乙', 'units/乙.budget', '2.50', '2.50'], ['甲', 'units/甲.budget', '1.00', '1.00']]);
    assert.ok(tables[0].rows[0][2].computed, 'a sum, not a written figure');
  });
});

describe('references: 与上年预算比较 with last year’s file', () => {
  it('a 上年 not written is taken into the table (computed, with where from); its change and rate follow; a written one stays as written', () => {
    const ws = new Memory({
      '/ws/2024.budget': CMP_UNIT(2024, '90.00'),
      '/ws/2025.budget': CMP_UNIT(2025, '100.00', '    收入总计 本年 100.00\n    支出总计 本年 100.00 上年 90.00', '2024.budget'),
    });
    const { a, r } = check(ws, '/ws/2025.budget');
    assert.deepEqual(r.diagnostics, []);
    const row = (t: Table, i: number): Array<[string, boolean, string | undefined]> => t.rows[i].map((c) => [c.text, !!c.computed, c.source]);
    const without = buildTables(a).find((t) => t.id === '比较')!;
    assert.deepEqual(row(without, 0).slice(2, 4), [['', false, undefined], ['', false, undefined]], 'without last year’s file: unknown');
    const t = buildTables(a, 'zh-CN', { taken: r.taken }).find((x) => x.id === '比较')!;
    assert.deepEqual(row(t, 0), [
      ['收入总计', false, undefined], ['100.00', false, undefined], ['90.00', true, '取自上年预算文件 2024.budget · taken from last year’s budget'], ['10.00', true, undefined], ['11.11%', true, undefined],
    ]);
    assert.deepEqual(row(t, 1).slice(2, 3), [['90.00', false, undefined]], 'the written 上年 as written');
  });
});
