/**
 * The importer reads the core's layouts: every table it recognises is a table spec of a core layout (id, title,
 * money unit), and every column it verifies against the core's derivation is a header path of that table as the
 * core builds it.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { COMPARISON_SPEC, LAYOUTS, type LayoutId } from '../../server/src/core/layouts';
import { buildTables, headerPaths, tableWidth } from '../../server/src/core/tables';
import { READ, TABLES, tablesTitled } from '../../server/src/import/layouts';
import { ROOT } from './util';

const sample = (file: string): string => readFileSync(join(ROOT, 'samples', file), 'utf8');

/** A file of each layout, to build the layout's tables from. */
const FILES: Record<LayoutId, string> = {
  辽宁: sample('fushun-2025.budget'),
  上海部门: sample('real-wanli-2025.budget'),
  上海单位: sample('real-wanli-2025.budget').replace(/^ {2}表式 上海部门$/m, '  表式 上海单位'),
};

describe('import: the layouts are the core’s', () => {
  for (const layout of Object.keys(LAYOUTS) as LayoutId[]) {
    it(`${layout}: every table the layout publishes is read, by the core spec's id, title and unit`, () => {
      const specs = [...LAYOUTS[layout].tables, COMPARISON_SPEC];
      for (const id of Object.keys(READ[layout])) assert.ok(specs.some((s) => s.id === id), `${layout} ${id} is a table of the layout`);
      for (const s of LAYOUTS[layout].tables) {
        assert.ok(READ[layout][s.id], `${layout} ${s.id} is read`);
        const def = TABLES.find((t) => t.layout === layout && t.id === s.id && t.spec === s)!;
        assert.equal(def.unit, s.unit, `${layout} ${s.id} unit`);
        // Recognised by the title the core prints, the year as printed.
        assert.ok(tablesTitled(s.title.zh.replace('{年}', '2025年')).includes(def), `${layout} ${s.id} title`);
      }
    });

    it(`${layout}: every column verified against the derivation is a header path of the core's table`, () => {
      const tables = buildTables(analyze(FILES[layout]));
      assert.ok(tables.every((t) => t.layout === layout), 'the file is built in the layout');
      for (const def of TABLES.filter((t) => t.layout === layout && t.spec)) {
        const derived = (def.columns ?? []).filter((c) => c.derived);
        if (!derived.length) continue;
        const t = tables.find((x) => x.id === def.id);
        assert.ok(t, `${layout} ${def.id} is built`);
        const paths = headerPaths(t.header, tableWidth(t)).map((p) => p.join('/'));
        for (const c of derived) assert.ok(paths.includes(c.derived!), `${layout} ${def.id}: ${c.derived} in ${paths.join(' | ')}`);
      }
    });
  }
});
