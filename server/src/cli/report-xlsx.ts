/**
 * The review report as a workbook for the office: sheet 概览 (one row per unit: file, unit, department, year,
 * errors, warnings, and the key totals in 万元 — converted exactly from each unit's own money unit, so the
 * columns sort and sum across 元 and 万元 budgets) and sheet 问题 (one row per finding with its source line).
 * Text cells are plain strings (never formulas), without the characters XML 1.0 forbids, and cut to Excel's
 * 32,767 characters. exceljs is loaded only here.
 */
import { REGISTRY, renderMessage } from '../core/diagnostics';
import { pick, type Locale } from '../core/i18n';
import { severityLabel } from './formats/text';
import type { CheckedFile } from './formats/types';
import type { Amount } from './result';

const CELL_MAX = 32767;

/** Characters XML 1.0 does not allow (controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) are dropped. */
export function cellText(s: string): string {
  const clean = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
  if (clean.length <= CELL_MAX) return clean;
  let cut = CELL_MAX - 1;
  if (clean.charCodeAt(cut - 1) >= 0xd800 && clean.charCodeAt(cut - 1) <= 0xdbff) cut--;
  return clean.slice(0, cut) + '…';
}

/** Ticks (0.0001 元) as 万元, through an exact decimal string. */
export function wanyuan(a: Amount | undefined): number | null {
  if (!a) return null;
  const t = BigInt(a.ticks);
  const neg = t < 0n;
  const v = neg ? -t : t;
  const s = `${neg ? '-' : ''}${v / 100_000_000n}.${(v % 100_000_000n).toString().padStart(8, '0')}`;
  return Number(s);
}

export async function reportXlsx(files: CheckedFile[], locale: Locale): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const en = locale === 'en';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'budget-lang';
  const overview = wb.addWorksheet(en ? 'Overview 概览' : '概览');
  overview.columns = [
    { header: en ? 'File' : '文件', width: 36 },
    { header: en ? 'Unit' : '单位', width: 36 },
    { header: en ? 'Department' : '部门', width: 24 },
    { header: en ? 'Year' : '年度', width: 8 },
    { header: en ? 'Errors' : '错误', width: 8 },
    { header: en ? 'Warnings' : '警告', width: 8 },
    { header: '收入总计（万元）', width: 18 },
    { header: '支出总计（万元）', width: 18 },
    { header: '“三公”经费（万元）', width: 18 },
    { header: en ? 'Projects' : '项目数', width: 8 },
    { header: '项目金额（万元）', width: 18 },
    { header: en ? 'Not checked' : '未能检查', width: 40 },
  ];
  const findings = wb.addWorksheet(en ? 'Findings 问题' : '问题');
  findings.columns = [
    { header: en ? 'File' : '文件', width: 36 },
    { header: en ? 'Line' : '行', width: 7 },
    { header: en ? 'Column' : '列', width: 6 },
    { header: en ? 'Severity' : '级别', width: 9 },
    { header: en ? 'Code' : '代码', width: 9 },
    { header: en ? 'Title' : '名称', width: 22 },
    { header: en ? 'Message' : '消息', width: 80 },
    { header: en ? 'Source line' : '源文本', width: 80 },
  ];
  const money = '#,##0.00######';
  for (const f of files) {
    const file = cellText(f.target.display);
    const units = f.result?.units ?? [];
    if (!units.length) {
      overview.addRow([file, '', '', null, f.findings.filter((x) => x.severity === 'error').length, f.findings.filter((x) => x.severity === 'warning').length, null, null, null, null, null, f.failure ? cellText(f.failure) : '']);
    }
    for (const u of units) {
      const inUnit = f.findings.filter((x) => u.line <= x.line && x.line <= u.endLine);
      const row = overview.addRow([
        file, cellText(u.name), cellText(u.department ?? ''), u.year ?? null,
        inUnit.filter((x) => x.severity === 'error').length, inUnit.filter((x) => x.severity === 'warning').length,
        wanyuan(u.income), wanyuan(u.expense), wanyuan(u.sangong), u.projects, wanyuan(u.projectTotal), '',
      ]);
      for (const c of [7, 8, 9, 11]) row.getCell(c).numFmt = money;
    }
    for (const x of f.findings) {
      findings.addRow([
        file, x.line, x.column, severityLabel(x.severity, locale),
        x.code, cellText(pick(locale, REGISTRY[x.code].title)), cellText(renderMessage(x, locale)), cellText(x.source.text),
      ]);
    }
  }
  for (const ws of [overview, findings]) {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ws.columnCount } };
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
