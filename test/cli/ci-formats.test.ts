/**
 * CI formats: SARIF 2.1.0 validated against the schema (test/fixtures/sarif), GitHub workflow annotations
 * escaped, and baselines that still match when lines move.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { escapeData, escapeProperty } from '../../server/src/cli/formats/github';
import { REGISTRY } from '../../server/src/core/diagnostics';
import { badUnit, goodUnit, json, ROOT, run, tempDir, writeTree } from './helpers';

interface SarifLog {
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; shortDescription: { text: string }; help: { text: string } }> } };
    results: Array<{
      ruleId: string; ruleIndex: number; level: string; message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number; snippet?: { text: string } } } }>;
      relatedLocations?: unknown[];
      partialFingerprints: Record<string, string>;
    }>;
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ message: { text: string } }> }>;
    columnKind: string;
  }>;
}

function validator(): (x: unknown) => string | undefined {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (x) => (validate(x) ? undefined : ajv.errorsText(validate.errors, { separator: '\n' }));
}

describe('CLI: SARIF', function () {
  this.timeout(60000);
  const validate = validator();

  it('the schema rejects what it should (the validator is live)', () => {
    assert.ok(validate({ version: '2.1.0', runs: [] }) === undefined);
    assert.ok(validate({ version: '2.0.0', runs: [] }));
    assert.ok(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] }] }));
  });

  it('is schema-valid; rules from the registry with help; UTF-16 columns; related locations; unreadable files as notifications', () => {
    const dir = tempDir();
    // An astral character (two UTF-16 code units) before the wrong total on the line.
    const astral = badUnit('测试单位').replace('    208 社会保障和就业支出 3.00', '    208 社会保障和就业支出𠀀 3.00');
    writeTree(dir, { 'a b/单位.budget': astral, 'ok.budget': goodUnit(), 'picture.budget': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
    const r = run(['check', '.', '--format', 'sarif'], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.equal(validate(log), undefined);
    const sarifRun = log.runs[0];
    assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
    assert.deepEqual(sarifRun.tool.driver.rules.map((x) => x.id), Object.keys(REGISTRY));
    const rule = sarifRun.tool.driver.rules.find((x) => x.id === 'BUD201')!;
    assert.equal(rule.shortDescription.text, '合计与明细不符');
    assert.match(rule.help.text, /下级合计为/);
    const res = sarifRun.results.find((x) => x.ruleId === 'BUD201')!;
    assert.equal(sarifRun.tool.driver.rules[res.ruleIndex].id, 'BUD201');
    assert.equal(res.level, 'error');
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, 'a%20b/%E5%8D%95%E4%BD%8D.budget');
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    // "    208 社会保障和就业支出𠀀 " is 4 + 4 + 9 + 2 (one astral character) + 1 = 20 code units: 3.00 starts at column 21.
    assert.deepEqual({ l: loc.region.startLine, c: loc.region.startColumn, e: loc.region.endColumn }, { l: 5, c: 21, e: 25 });
    assert.equal(loc.region.snippet?.text, '3.00');
    assert.ok((res.relatedLocations ?? []).length >= 2);
    assert.match(Object.values(res.partialFingerprints)[0], /^[0-9a-f]{16}$/);
    const notes = sarifRun.invocations[0].toolExecutionNotifications;
    assert.equal(sarifRun.invocations[0].executionSuccessful, false);
    assert.ok(notes.some((n) => /picture\.budget/.test(n.message.text) && /PNG/.test(n.message.text)));
  });

  it('English texts with --locale en; schema-valid with no findings at all', () => {
    const dir = tempDir();
    writeTree(dir, { 'a.budget': badUnit() });
    const en = JSON.parse(run(['check', 'a.budget', '--format', 'sarif', '--locale', 'en'], { cwd: dir }).stdout) as SarifLog;
    assert.equal(validate(en), undefined);
    assert.equal(en.runs[0].tool.driver.rules.find((x) => x.id === 'BUD201')!.shortDescription.text, 'Total does not roll up');
    assert.match(en.runs[0].results[0].message.text, /children sum to 2\.00/);
    writeTree(dir, { 'b.budget': goodUnit() });
    const clean = run(['check', 'b.budget', '--format', 'sarif'], { cwd: dir });
    assert.equal(clean.code, 0);
    assert.equal(validate(JSON.parse(clean.stdout)), undefined);
  });

  it('a published PDF checked: schema-valid, each finding on the PDF with its page and printed line; the same from the cache', () => {
    const cache = tempDir('budget-cache-');
    const pdf = join(ROOT, 'test/fixtures/real/shanghai-putuo-wanli-2025.pdf');
    const r = run(['check', pdf, '--format', 'sarif', '--cache-dir', cache]);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout) as SarifLog & { runs: Array<{ results: Array<{ properties?: { page: number; printedLine: number; printed: string } }> }> };
    assert.equal(validate(log), undefined);
    const results = log.runs[0].results;
    assert.ok(results.length > 0);
    for (const x of results) {
      assert.match(x.locations[0].physicalLocation.artifactLocation.uri, /shanghai-putuo-wanli-2025\.pdf$/);
      assert.ok(x.properties && x.properties.page >= 1 && x.properties.printedLine >= 1, JSON.stringify(x));
    }
    const again = run(['check', pdf, '--format', 'sarif', '--cache-dir', cache, '--stats']);
    assert.match(again.stderr, /1 个取自缓存 from the cache/);
    assert.equal(again.stdout, r.stdout);
  });

  it('--out writes the log to a file', () => {
    const dir = tempDir();
    writeTree(dir, { 'a.budget': badUnit() });
    const r = run(['check', 'a.budget', '--format', 'sarif', '--out', 'results.sarif'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(validate(JSON.parse(readFileSync(join(dir, 'results.sarif'), 'utf8'))), undefined);
  });
});

describe('CLI: GitHub annotations', () => {
  it('one workflow command per finding, properties and data escaped', () => {
    const dir = tempDir();
    // A file name with the characters that end properties, a message that quotes 100% and a line break.
    writeTree(dir, { 'a,b:c.budget': badUnit(), '100%0A.budget': badUnit() });
    const r = run(['check', '.', '--format', 'github'], { cwd: dir });
    const lines = r.stdout.trim().split('\n');
    const bud201 = lines.find((l) => l.includes('BUD201') && l.includes('file=a'))!;
    assert.match(bud201, /^::error file=a%2Cb%3Ac\.budget,line=5,endLine=5,col=19,endColumn=23,title=BUD201 合计与明细不符::/);
    for (const l of lines) assert.match(l, /^::(error|warning|notice) file=[^,:]+,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=[^:,]+::[^\r\n]*$/);
    // `%` is escaped first, so a file named `100%0A` is not read as a line break.
    assert.ok(lines.some((l) => l.startsWith('::error file=100%250A.budget,line=5,')), r.stdout);
    // The escapes themselves (as the runner's toolkit: data %, CR, LF; properties also : and ,).
    assert.equal(escapeData('50% of\r\nit: a,b'), '50%25 of%0D%0Ait: a,b');
    assert.equal(escapeProperty('50% of\r\nit: a,b'), '50%25 of%0D%0Ait%3A a%2Cb');
  });
});

describe('CLI: baselines', function () {
  this.timeout(60000);

  it('known findings are not reported, also after lines move; a new one is; duplicates are counted', () => {
    const dir = tempDir();
    // Units whose wrong total stands on identical lines: one key, counted.
    const dup = (n: number): string => Array.from({ length: n }, (_, i) => badUnit(`单位${i}`)).join('\n');
    writeTree(dir, { 'a.budget': dup(2), 'b.budget': goodUnit() });
    const all = json(run(['check', '.', '--format', 'json'], { cwd: dir }));
    assert.equal(all.filter((d) => d.code === 'BUD201').length, 2, JSON.stringify(all.map((d) => d.code)));
    const w = run(['check', '.', '--write-baseline', 'baseline.json'], { cwd: dir });
    assert.equal(w.code, 0, w.stderr);
    const doc = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as { findings: Array<{ file: string; code: string; count: number }> };
    assert.ok(doc.findings.some((f) => f.file === 'a.budget' && f.code === 'BUD201' && f.count === 2), JSON.stringify(doc));
    assert.equal(run(['check', '.', '--baseline', 'baseline.json'], { cwd: dir }).code, 0);

    // Lines inserted above every finding: nothing new.
    writeFileSync(join(dir, 'a.budget'), '# 新增的注释\n# another comment\n\n' + dup(2));
    const moved = run(['check', '.', '--baseline', 'baseline.json', '--format', 'json'], { cwd: dir });
    assert.equal(moved.code, 0, moved.stdout);
    assert.deepEqual(json(moved), []);
    assert.match(run(['check', '.', '--baseline', 'baseline.json'], { cwd: dir }).stdout, /基线中已有的 \d+ 个未显示/);

    // A third copy of the duplicated finding is new; so is a finding in another file.
    writeFileSync(join(dir, 'a.budget'), dup(3));
    writeFileSync(join(dir, 'b.budget'), badUnit('乙'));
    const grown = run(['check', '.', '--baseline', 'baseline.json', '--format', 'json'], { cwd: dir });
    assert.equal(grown.code, 1);
    const news = json(grown).filter((d) => d.code === 'BUD201');
    assert.deepEqual(news.map((d) => d.file).sort(), ['a.budget', 'b.budget']);

    // A changed figure on a known line is new.
    writeFileSync(join(dir, 'a.budget'), dup(2).replace('208 社会保障和就业支出 3.00', '208 社会保障和就业支出 4.00'));
    writeFileSync(join(dir, 'b.budget'), goodUnit());
    assert.equal(json(run(['check', '.', '--baseline', 'baseline.json', '--format', 'json'], { cwd: dir })).filter((d) => d.code === 'BUD201').length, 1);
  });

  it('paths in the baseline are relative to its folder: it works from another working folder', () => {
    const dir = tempDir();
    writeTree(dir, { 'city/a.budget': badUnit() });
    run(['check', 'city', '--write-baseline', 'city/baseline.json'], { cwd: dir });
    assert.equal(run(['check', '.', '--baseline', 'baseline.json'], { cwd: join(dir, 'city') }).code, 0);
    assert.equal(run(['check', join(dir, 'city'), '--baseline', join(dir, 'city', 'baseline.json')], { cwd: tempDir() }).code, 0);
  });

  it('a missing or foreign baseline is a clear error', () => {
    const dir = tempDir();
    writeTree(dir, { 'a.budget': badUnit(), 'x.json': '{"a": 1}' });
    const missing = run(['check', 'a.budget', '--baseline', 'nope.json'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.json: 无法读取基线 cannot read the baseline/);
    assert.match(run(['check', 'a.budget', '--baseline', 'x.json'], { cwd: dir }).stderr, /not a budget baseline file/);
  });
});
