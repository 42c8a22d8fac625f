/**
 * The review report as one self-contained HTML page: what a reviewer hands on. An overview of every unit
 * (errors, warnings and key totals: 收入总计, 支出总计, 三公经费, 项目), sortable by any column; then per file and
 * unit the findings, each with its source line and the reported text marked.
 *
 * Inert whatever the budgets contain: every text from a file (names, messages, source lines) is escaped, ids
 * and links are generated, the page loads nothing (Content-Security-Policy `default-src 'none'`; the one
 * inline style and the one inline script are allowed by their SHA-256 hashes, nothing else can run).
 * Amounts are sorted exactly (BigInt of 0.0001 元 ticks, across 元 and 万元 units).
 */
import { createHash } from 'node:crypto';
import { REGISTRY, renderMessage } from '../core/diagnostics';
import { pick, type Locale } from '../core/i18n';
import { severityLabel } from './formats/text';
import type { CheckedFile } from './formats/types';
import type { Amount, Finding, UnitSummary } from './result';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
:root { color-scheme: light; --line: #d0d4da; --muted: #5b6470; --err: #b3261e; --warn: #8a5a00; --info: #1d5fa8; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", sans-serif; margin: 24px; color: #111; font-size: 14px; line-height: 1.45; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; } h3 { font-size: 16px; margin: 20px 0 6px; }
.meta { color: var(--muted); margin: 0 0 12px; }
.stats { display: flex; gap: 12px; flex-wrap: wrap; margin: 8px 0 16px; }
.stats div { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; }
.stats b { font-size: 18px; display: block; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f5; white-space: nowrap; }
th button { all: unset; cursor: pointer; }
th[aria-sort=ascending] button::after { content: " ▲"; } th[aria-sort=descending] button::after { content: " ▼"; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.bad { color: var(--err); font-weight: bold; } td.warnc { color: var(--warn); }
.unknown { color: var(--muted); }
section.file { border-top: 2px solid var(--line); margin-top: 24px; }
dl.figures { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 6px 0; }
dl.figures dt { color: var(--muted); } dl.figures dd { margin: 0; font-variant-numeric: tabular-nums; }
ol.findings { padding-left: 20px; }
ol.findings li { margin: 8px 0; }
.sev { font-weight: bold; } li.error .sev { color: var(--err); } li.warning .sev { color: var(--warn); } li.information .sev, li.hint .sev { color: var(--info); }
pre.src { background: #f6f8fa; border: 1px solid var(--line); padding: 4px 8px; margin: 4px 0; overflow-x: auto; white-space: pre; }
pre.src .ln { color: var(--muted); user-select: none; }
mark { background: #ffe08a; }
ul.related { margin: 2px 0; color: var(--muted); }
.none { color: var(--muted); }
@media print { th button::after { content: none !important; } section.file { break-before: page; } }
`;

/** Sorts the overview table by a column when its header is clicked (numbers and amounts exactly). */
const SCRIPT = `
(function () {
  var table = document.getElementById('overview');
  if (!table) return;
  var heads = table.tHead.rows[0].cells;
  function key(cell, type) {
    var v = cell.getAttribute('data-v');
    if (type === 'text') return v === null ? cell.textContent : v;
    if (v === null || v === '') return null;
    return type === 'money' ? BigInt(v) : Number(v);
  }
  function compare(a, b, type) {
    if (a === null && b === null) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    if (type === 'text') return a.localeCompare(b, 'zh-CN');
    return a < b ? -1 : a > b ? 1 : 0;
  }
  Array.prototype.forEach.call(heads, function (th, col) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var type = th.getAttribute('data-type');
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows).map(function (r, i) { return { r: r, k: key(r.cells[col], type), i: i }; });
      rows.sort(function (x, y) {
        var c = compare(x.k, y.k, type);
        if (x.k !== null && y.k !== null) c *= dir;
        return c || x.i - y.i;
      });
      rows.forEach(function (x) { body.appendChild(x.r); });
    });
  });
})();
`;

function hash(s: string): string {
  return `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
}

interface Labels {
  title: string;
  file: string; unit: string; dept: string; year: string; errors: string; warnings: string;
  income: string; expense: string; sangong: string; projects: string; projectTotal: string;
  files: string; units: string; failed: string; generated: string; version: string; paths: string;
  overview: string; noFindings: string; fileLevel: string; notChecked: string; consolidated: string; unknown: string;
  lines: string; note: string;
}

const ZH: Labels = {
  title: '预算审查报告', file: '文件', unit: '单位', dept: '部门', year: '年度', errors: '错误', warnings: '警告',
  income: '收入总计', expense: '支出总计', sangong: '“三公”经费', projects: '项目数', projectTotal: '项目金额',
  files: '文件', units: '单位', failed: '无法检查的文件', generated: '生成时间', version: '检查器版本', paths: '检查范围',
  overview: '概览（点击表头排序）', noFindings: '没有问题。', fileLevel: '单位之外的问题', notChecked: '未能检查', consolidated: '部门汇总',
  unknown: '未写明', lines: '行', note: '注',
};

const EN: Labels = {
  title: 'Budget review report', file: 'File', unit: 'Unit', dept: 'Department', year: 'Year', errors: 'Errors', warnings: 'Warnings',
  income: '收入总计 Total income', expense: '支出总计 Total expenditure', sangong: '三公 spending', projects: 'Projects', projectTotal: 'Project amounts',
  files: 'Files', units: 'Units', failed: 'Files not checked', generated: 'Generated', version: 'Checker version', paths: 'Checked',
  overview: 'Overview (click a header to sort)', noFindings: 'No findings.', fileLevel: 'Findings outside units', notChecked: 'Not checked', consolidated: 'department total',
  unknown: 'not stated', lines: 'lines', note: 'note',
};

function money(a: Amount | undefined, unit: string, L: Labels): string {
  return a ? `<td class="num" data-v="${esc(a.ticks)}">${esc(a.text)} ${esc(unit)}</td>` : `<td class="num unknown" data-v="">${esc(L.unknown)}</td>`;
}

function findingHtml(file: string, f: Finding, locale: Locale): string {
  const src = f.source;
  const col = f.column - 1 - src.from;
  const end = f.endLine === f.line ? Math.min(src.text.length, f.endColumn - 1 - src.from) : src.text.length;
  const before = src.text.slice(0, Math.max(0, col));
  const marked = src.text.slice(Math.max(0, col), Math.max(col, end));
  const after = src.text.slice(Math.max(col, end));
  const line = `<pre class="src"><span class="ln">${f.line} | </span>${src.from > 0 ? '…' : ''}${esc(before)}<mark>${esc(marked)}</mark>${esc(after)}${src.more ? '…' : ''}</pre>`;
  const related = f.related.length
    ? `<ul class="related">${f.related.map((r) => `<li>${esc(file)}:${r.line}:${r.column}: ${esc(pick(locale, r.message))}</li>`).join('')}</ul>`
    : '';
  return `<li class="${esc(f.severity)}"><span class="sev">${esc(severityLabel(f.severity, locale))}</span> <code>${esc(f.code)}</code> <span class="title">${esc(pick(locale, REGISTRY[f.code].title))}</span> · ${esc(file)}:${f.line}:${f.column}<br>${esc(renderMessage(f, locale))}${line}${related}</li>`;
}

/** Which unit a finding belongs to: the innermost unit whose lines hold it. */
function assign(units: UnitSummary[], findings: Finding[]): { byUnit: Finding[][]; outside: Finding[] } {
  const byUnit = units.map(() => [] as Finding[]);
  const outside: Finding[] = [];
  for (const f of findings) {
    let best = -1;
    units.forEach((u, i) => {
      if (u.line <= f.line && f.line <= u.endLine && (best < 0 || u.endLine - u.line < units[best].endLine - units[best].line)) best = i;
    });
    if (best < 0) outside.push(f);
    else byUnit[best].push(f);
  }
  return { byUnit, outside };
}

function count(fs: Finding[], sev: string): number {
  return fs.reduce((n, f) => n + (f.severity === sev ? 1 : 0), 0);
}

export interface ReportMeta {
  locale: Locale;
  version: string;
  generated: Date;
  paths: string[];
}

export function reportHtml(files: CheckedFile[], meta: ReportMeta): string {
  const L = meta.locale === 'en' ? EN : ZH;
  const loc = meta.locale;
  const rows: string[] = [];
  const sections: string[] = [];
  let unitCount = 0;
  let errors = 0;
  let warnings = 0;
  let failed = 0;
  let anchor = 0;
  for (const f of files) {
    const file = f.target.display;
    errors += count(f.findings, 'error');
    warnings += count(f.findings, 'warning');
    const fileId = `f${++anchor}`;
    if (!f.result || f.result.notChecked) failed++;
    const units = f.result?.units ?? [];
    const { byUnit, outside } = assign(units, f.findings);
    const parts: string[] = [`<section class="file" id="${fileId}"><h2>${esc(file)}</h2>`];
    if (f.failure) parts.push(`<p class="sev">${esc(f.failure)}</p>`);
    if (!units.length) {
      rows.push(`<tr><td data-v="${esc(file)}"><a href="#${fileId}">${esc(file)}</a></td><td class="unknown">${esc(f.result ? '—' : L.notChecked)}</td><td></td><td class="num" data-v=""></td>`
        + `<td class="num${count(f.findings, 'error') ? ' bad' : ''}" data-v="${count(f.findings, 'error')}">${count(f.findings, 'error')}</td><td class="num" data-v="${count(f.findings, 'warning')}">${count(f.findings, 'warning')}</td>`
        + `<td class="num" data-v=""></td><td class="num" data-v=""></td><td class="num" data-v=""></td><td class="num" data-v=""></td><td class="num" data-v=""></td></tr>`);
    }
    units.forEach((u, i) => {
      unitCount++;
      const id = `u${++anchor}`;
      const fs = byUnit[i];
      const e = count(fs, 'error');
      const w = count(fs, 'warning');
      const name = u.consolidated ? `${u.name}（${L.consolidated}）` : u.name;
      rows.push(`<tr><td data-v="${esc(file)}"><a href="#${fileId}">${esc(file)}</a></td><td data-v="${esc(name)}"><a href="#${id}">${esc(name)}</a></td><td>${esc(u.department ?? '')}</td>`
        + `<td class="num" data-v="${u.year ?? ''}">${u.year ?? ''}</td><td class="num${e ? ' bad' : ''}" data-v="${e}">${e}</td><td class="num${w ? ' warnc' : ''}" data-v="${w}">${w}</td>`
        + `${money(u.income, u.moneyUnit, L)}${money(u.expense, u.moneyUnit, L)}${money(u.sangong, u.moneyUnit, L)}<td class="num" data-v="${u.projects}">${u.projects}</td>`
        + `${u.projects ? money(u.projectTotal, u.moneyUnit, L) : '<td class="num" data-v="0">—</td>'}</tr>`);
      const dl = [
        [L.dept, esc(u.department ?? '—')], [L.year, String(u.year ?? '—')], [L.file, `${esc(file)}:${u.line}–${u.endLine}`],
        [L.income, u.income ? `${esc(u.income.text)} ${esc(u.moneyUnit)}` : `<span class="unknown">${esc(L.unknown)}</span>`],
        [L.expense, u.expense ? `${esc(u.expense.text)} ${esc(u.moneyUnit)}` : `<span class="unknown">${esc(L.unknown)}</span>`],
        [L.sangong, u.sangong ? `${esc(u.sangong.text)} ${esc(u.moneyUnit)}` : `<span class="unknown">${esc(L.unknown)}</span>`],
        [L.projects, `${u.projects}${u.projects ? ` · ${u.projectTotal ? `${esc(u.projectTotal.text)} ${esc(u.moneyUnit)}` : `<span class="unknown">${esc(L.unknown)}</span>`}` : ''}`],
        [`${L.errors} / ${L.warnings}`, `${e} / ${w}`],
      ].map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('');
      parts.push(`<section class="unit" id="${id}"><h3>${esc(name)}</h3><dl class="figures">${dl}</dl>`
        + (fs.length ? `<ol class="findings">${fs.map((x) => findingHtml(file, x, loc)).join('')}</ol>` : `<p class="none">${esc(L.noFindings)}</p>`) + '</section>');
    });
    if (outside.length) parts.push(`<h3>${esc(L.fileLevel)}</h3><ol class="findings">${outside.map((x) => findingHtml(file, x, loc)).join('')}</ol>`);
    else if (!units.length && f.result) parts.push(`<p class="none">${esc(L.noFindings)}</p>`);
    parts.push('</section>');
    sections.push(parts.join('\n'));
  }
  const th = (label: string, type: 'text' | 'num' | 'money'): string => `<th data-type="${type}"><button type="button">${esc(label)}</button></th>`;
  const head = [th(L.file, 'text'), th(L.unit, 'text'), th(L.dept, 'text'), th(L.year, 'num'), th(L.errors, 'num'), th(L.warnings, 'num'), th(L.income, 'money'), th(L.expense, 'money'), th(L.sangong, 'money'), th(L.projects, 'num'), th(L.projectTotal, 'money')].join('');
  const stat = (label: string, n: number): string => `<div><b>${n}</b>${esc(label)}</div>`;
  const csp = `default-src 'none'; style-src ${hash(CSS)}; script-src ${hash(SCRIPT)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="${loc === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="budget ${esc(meta.version)}">
<title>${esc(L.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(L.title)}${loc === 'en' ? '' : ' · Budget review report'}</h1>
<p class="meta">${esc(L.generated)}: ${esc(meta.generated.toISOString())} · ${esc(L.version)}: budget ${esc(meta.version)} · ${esc(L.paths)}: ${esc(meta.paths.join(' ') || '.')}</p>
<div class="stats">${stat(L.files, files.length)}${stat(L.units, unitCount)}${stat(L.errors, errors)}${stat(L.warnings, warnings)}${stat(L.failed, failed)}</div>
</header>
<main>
<h2>${esc(L.overview)}</h2>
<table id="overview"><thead><tr>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
${sections.join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
