/**
 * SARIF 2.1.0 (OASIS), as code-scanning services read it: one run, the tool with a rule per diagnostic code
 * (name, short description and help from the registry, default level), one result per finding with its
 * physical location (a URI relative to %SRCROOT%, the working folder; 1-based lines and columns in UTF-16 code
 * units, the SARIF default `columnKind`, stated explicitly), the quoted text as the region's snippet, related
 * locations, and a partial fingerprint that does not change when the line moves (the baseline's). Files that
 * could not be checked are tool execution notifications. Texts in the chosen locale (`run.language`).
 * The test validates this output against the official schema (test/fixtures/sarif).
 */
import { pathToFileURL } from 'node:url';
import { AUTOFIX_CODES, REGISTRY, renderMessage, type DiagnosticCode } from '../../core/diagnostics';
import { pick, type Locale } from '../../core/i18n';
import { fingerprint } from '../baseline';
import { severityLabel } from './text';
import type { CheckedFile, FormatContext } from './types';

const LEVEL: Record<string, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function uri(display: string): { uri: string; uriBaseId?: string } {
  const posix = display.split('\\').join('/');
  if (posix.startsWith('/') || /^[A-Za-z]:\//.test(posix)) return { uri: pathToFileURL(display).href };
  return { uri: posix.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function ruleName(code: DiagnosticCode): string {
  // PascalCase of the English title (SARIF's `name`: an identifier-like name).
  return REGISTRY[code].title.en.replace(/[^A-Za-z0-9 ]+/g, ' ').split(/\s+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('') || code;
}

function rule(code: DiagnosticCode, locale: Locale): Record<string, unknown> {
  const r = REGISTRY[code];
  const title = pick(locale, r.title);
  const template = pick(locale, r.message);
  const fix = AUTOFIX_CODES.has(code);
  const sev = severityLabel(r.severity, locale);
  const help = locale === 'en'
    ? `${title} (${sev}). Message: ${template}${fix ? '\nFixed by `budget check --fix` (the fix changes no figure).' : ''}`
    : `${title}（${sev}）。消息：${template}${fix ? '\n可用 `budget check --fix` 修复（修复不改变任何数字）。' : ''}`;
  return {
    id: code,
    name: ruleName(code),
    shortDescription: { text: title },
    fullDescription: { text: template },
    help: { text: help, markdown: help.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')) },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: fix ? ['budget', 'autofix'] : ['budget'] },
  };
}

export function formatSarif(files: CheckedFile[], ctx: FormatContext): string {
  const codes = Object.keys(REGISTRY) as DiagnosticCode[];
  const index = new Map(codes.map((c, i) => [c, i]));
  const results: unknown[] = [];
  const notifications: unknown[] = [];
  for (const { target, findings, failure } of files) {
    const artifactLocation = uri(target.display);
    if (failure) {
      notifications.push({ level: 'error', message: { text: failure }, locations: [{ physicalLocation: { artifactLocation } }] });
    }
    for (const f of findings) {
      const region = { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn, ...(f.figure ? { snippet: { text: f.figure } } : {}) };
      // A finding on a PDF or workbook: located by page and printed line (properties), not by a text region.
      const o = f.origin;
      results.push({
        ruleId: f.code,
        ruleIndex: index.get(f.code),
        level: LEVEL[f.severity],
        message: { text: renderMessage(f, ctx.locale) + (o ? ` (p${o.page}:l${o.line} ${o.text})` : '') },
        locations: [{ physicalLocation: o ? { artifactLocation } : { artifactLocation, region } }],
        ...(o ? { properties: { page: o.page, printedLine: o.line, printed: o.text } } : {}),
        ...(f.related.length
          ? {
              relatedLocations: f.related.map((r, i) => ({
                id: i + 1,
                message: { text: pick(ctx.locale, r.message) },
                physicalLocation: o ? { artifactLocation } : { artifactLocation, region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn } },
              })),
            }
          : {}),
        partialFingerprints: { 'budgetFinding/v1': fingerprint(f) },
      });
    }
  }
  const cwd = pathToFileURL(ctx.cwd.endsWith('/') || ctx.cwd.endsWith('\\') ? ctx.cwd : ctx.cwd + '/').href;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'budget',
            fullName: 'budget (budget-lang) — 预算批复表检查 · budget approval checker',
            version: ctx.version,
            semanticVersion: ctx.version.replace(/\+.*$/, ''),
            language: ctx.locale === 'en' ? 'en-US' : 'zh-CN',
            rules: codes.map((c) => rule(c, ctx.locale)),
          },
        },
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { '%SRCROOT%': { uri: cwd } },
        language: ctx.locale === 'en' ? 'en-US' : 'zh-CN',
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
