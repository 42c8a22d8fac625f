/**
 * Tables that read right (the reference layout): a name written on a project's economic line is the name 表12
 * prints when the catalog has none; 表16's code and name in cells of their own; 表17's 主管部门 inherited from the
 * unit, the 部门 block or the top level; a project's 内容 in 表9; a table published empty carries its note (the
 * 说明's 表注 as written, else the layout's for a table stated empty) in the table model and in every export.
 */
import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { analyze } from '../../server/src/core/analyze';
import { builtinCatalog } from '../../server/src/core/catalog';
import { renderTables } from '../../server/src/core/render';
import { buildTables, type Table } from '../../server/src/core/tables';

/** A county unit: one project whose economic line names 31004, which the built-in catalog does not name. */
const COUNTY = `单位 某县农业农村局 {
  编码 301001
  区划 210400000
  年度 2026
  性质 行政单位
  主管部门 某县农业农村局
  收入 {
    一般公共预算 100
  }
  支出 {
    213 农林水支出 100 项目 100
    21301 农业农村 100 项目 100
    2130153 农田建设 100 项目 100
  }
  经济分类 {
    310 资本性支出 项目 100
    31004 项目 100
  }
  债务支出 无
  政府采购 无
  项目 高标准农田建设 {
    内容 新建高标准农田 1 万亩
    功能科目 2130153
    金额 100
    经济分类 {
      31004 农田基础设施建设 100
    }
  }
}
`;

function table(tables: Table[], id: string): Table {
  const t = tables.find((x) => x.id === id);
  assert.ok(t, id);
  return t;
}

/** The texts of a table's cells as shown (covered cells left out). */
function texts(t: Table): string[][] {
  return t.rows.map((r) => r.filter((c) => !c.covered).map((c) => c.text));
}

describe('tables that read right', () => {
  it('a name written on a project’s economic line is the name 表12 prints when neither the rows nor the catalog name the code', () => {
    const rows = texts(table(buildTables(analyze(COUNTY)), '表12'));
    assert.equal(builtinCatalog().forEdition(2026).get('econ', '31004'), undefined, 'the catalog does not name 31004');
    const row = rows.find((r) => r[0] === '31004');
    assert.ok(row, JSON.stringify(rows));
    assert.equal(row[1], '农田基础设施建设');
    // A name in the rows is the rows' (written first); the catalog's comes before a project's.
    const own = texts(table(buildTables(analyze(COUNTY.replace('31004 项目 100', '31004 农田设施 项目 100'))), '表12')).find((r) => r[0] === '31004');
    assert.equal(own?.[1], '农田设施');
    const catalogued = texts(table(buildTables(analyze(COUNTY.replace(/31004/g, '31005'))), '表12')).find((r) => r[0] === '31005');
    assert.equal(catalogued?.[1], '基础设施建设');
  });

  it('表16: the unit’s code and its name in cells of their own (the region after the name)', () => {
    const t = table(buildTables(analyze(COUNTY)), '表16');
    assert.deepEqual(texts(t)[0], ['部门（单位）名称', '301001', '某县农业农村局-210400000']);
    const noCode = table(buildTables(analyze(COUNTY.replace('  编码 301001\n', ''))), '表16');
    assert.deepEqual(texts(noCode)[0], ['部门（单位）名称', '某县农业农村局-210400000']);
  });

  it('表17: 主管部门 written on the unit, its 部门 block or the top level is the project’s; 表9 prints the project’s 内容', () => {
    const supervisor = (text: string): string => texts(table(buildTables(analyze(text)), '表17'))[1][1];
    assert.equal(supervisor(COUNTY), '某县农业农村局');
    const unwritten = COUNTY.replace('  主管部门 某县农业农村局\n', '');
    assert.equal(supervisor(unwritten), '');
    assert.equal(supervisor(`主管部门 某县人民政府\n${unwritten}`), '某县人民政府');
    assert.equal(supervisor(`部门 某县农业农村系统 {\n  主管部门 某县农业农村局\n${unwritten}}\n`), '某县农业农村局');
    const t9 = texts(table(buildTables(analyze(COUNTY)), '表9'));
    assert.deepEqual(t9.find((r) => r[1] === '高标准农田建设')?.slice(0, 3), ['', '高标准农田建设', '新建高标准农田 1 万亩']);
  });

  it('a table published empty carries its note: the 说明’s 表注 as written, else the layout’s for a table stated empty — in every export', async function () {
    this.timeout(30_000);
    const withNote = COUNTY.replace('  债务支出 无\n', '  债务支出 无\n  说明 {\n    表注 表13 本单位2026年没有使用债务资金安排的支出，故本表无数据。\n  }\n');
    const a = analyze(withNote);
    const tables = buildTables(a);
    assert.equal(table(tables, '表13').note, '本单位2026年没有使用债务资金安排的支出，故本表无数据。');
    assert.equal(table(tables, '表14').note, '注：本部门2026年无政府采购支出预算，故本表为空表。');
    // Not stated empty, no 表注: no note (the document does not say why it is empty).
    assert.equal(table(tables, '表15').note, undefined);
    // A table with figures carries no empty-table note, whatever the 说明 says (BUD532 reports the note).
    assert.equal(table(buildTables(analyze(withNote.replace('表注 表13', '表注 表12'))), '表12').note, undefined);
    const html = String(await renderTables(a, 'html', 'zh-CN'));
    assert.ok(html.includes('<p class="note">本单位2026年没有使用债务资金安排的支出，故本表无数据。</p>'));
    const csv = String(await renderTables(a, 'csv', 'zh-CN'));
    assert.ok(csv.includes('注：本部门2026年无政府采购支出预算，故本表为空表。'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await renderTables(a, 'xlsx', 'zh-CN')) as Uint8Array) as unknown as ArrayBuffer);
    const cellsOf = (ws: ExcelJS.Worksheet): string[] => {
      const out: string[] = [];
      ws.eachRow((r) => r.eachCell((c) => out.push(String(c.value))));
      return out;
    };
    assert.ok(wb.worksheets.some((ws) => cellsOf(ws).includes('本单位2026年没有使用债务资金安排的支出，故本表无数据。')), 'the note on 表13’s sheet');
  });
});
