import { SANGONG_ECON, SANGONG_PARTS, sangongWholes as wholesOf } from '../domain';
import { SANGONG_NAMES, type SangongItem } from '../keywords';
import { alternatives, recordsOf, throughFaults } from '../records';
import { fmt, setTo, toleranceArgs, compare, defineCheck, followsFrom, leafSum, one, quotedTolerance, recorded, type CheckContext } from './context';

type Ctx = CheckContext<'BUD503' | 'BUD504'>;

function checkSangong(ctx: Ctx): void {
  const s = ctx.figures.sangong;
  // Parts before the items they make up: a total's record can then name the fault its part's record points to.
  const items = (Object.entries(SANGONG_PARTS) as Array<[SangongItem, SangongItem[]]>).sort(([a], [b]) => wholesOf(b).length - wholesOf(a).length);
  for (const [item, parts] of items) {
    const d = s.declared[item];
    if (!d) continue;
    const written = parts.filter((p) => s.values[p] !== undefined);
    if (!written.length) continue;
    // One fault, one report: a figure is checked against its parts as written (a part's own parts only where the
    // part is not written), so a total that adds up its written parts is not wrong when one part does not.
    const partValue = (p: SangongItem): bigint => s.declared[p]?.value ?? s.values[p] ?? 0n;
    const v = written.reduce((a, p) => a + partValue(p), 0n);
    const r = compare(ctx, 'BUD503', d, v, written.length, { zh: parts.map((p) => SANGONG_NAMES[p].zh).join(' + '), en: parts.map((p) => SANGONG_NAMES[p].en).join(' + ') });
    const { ok, tolerance } = r;
    // A total that agrees with what the items below give differs from its written parts only through a part
    // reported at its own parts (the vehicles item): that part's one fault.
    const deep = s.values[item];
    const causes = parts.flatMap((p) => {
      const f = recordsOf(ctx.figures.records, s.declared[p]).find((x) => !x.ok);
      return f ? f.causes ?? [f.declared.span] : [];
    });
    if (!ok && deep !== undefined && deep !== v && followsFrom(ctx, r, { value: deep, causes }, written.length)) continue;
    if (!ok) {
      ctx.report('BUD503', d.span, {
        item: SANGONG_NAMES[item].zh, itemEn: SANGONG_NAMES[item].en, declared: d.text, parts: parts.map((p) => SANGONG_NAMES[p].zh).join(' + '),
        partsEn: parts.map((p) => SANGONG_NAMES[p].en).join(' + '), computed: fmt(ctx, v, d.unit), diff: fmt(ctx, d.value - v, d.unit), ...toleranceArgs(ctx, tolerance, d.unit),
      }, {
        fixes: [setTo(d, v)],
        related: written.flatMap((p) => {
          const a = s.declared[p];
          const name = SANGONG_NAMES[p];
          return a ? [{ ...a.span, message: { zh: `${name.zh} ${a.text}`, en: `${name.en} ${a.text}` } }] : [];
        }),
      });
    }
  }
  // 三公 spending includes what projects pay: compare with the economic lines only when these include the
  // projects' part (a basic-only economic table may legitimately be lower).
  const econ = ctx.figures.econ;
  if (!ctx.unit.econ || (!econ.projectsDrive && econ.root.cells.project === undefined)) return;
  for (const [item, code] of Object.entries(SANGONG_ECON) as Array<[SangongItem, string]>) {
    const v = s.values[item];
    const n = econ.byCode.get(code);
    if (v === undefined || v === 0n || !n) continue;
    const limit = n.cells.total ?? 0n;
    // A figure published in a coarser unit (三公 in 万元) may be off by half a unit of its last digit; under 容差 also
    // by the rounding of the economic lines its line adds up where that line is not written (quotedTolerance).
    const written = s.declared[item];
    const cellTotal = n.rows[0]?.cells.total;
    const slack = written ? quotedTolerance(ctx, written, cellTotal ? one(cellTotal) : leafSum(n)) : 0n;
    if (v - slack > limit) {
      // One fault, one report: the item taken at what its reported total implies for it, or the economic line at
      // what its own parts give where it is reported there: a consequence of that fault, not reported again.
      const cell = cellTotal;
      const itemAlts = alternatives(ctx.figures.records, written, wholesOf(item).map((w) => s.declared[w]));
      const through = throughFaults(v, itemAlts, limit, alternatives(ctx.figures.records, cell), (i, l) => i.value - slack <= l.value);
      if (written && through) {
        recorded(ctx, { code: 'BUD504', declared: written, computed: limit, tolerance: slack, ok: false, against: { zh: `经济分类 ${code} ${n.name ?? ''}`, en: `economic line ${code} ${n.name ?? ''}` }, causes: [...through[0].causes, ...through[1].causes] });
        continue;
      }
      const at = ctx.unit.sangong?.lines.find((l) => l.item === item)?.amount?.span ?? ctx.unit.sangong!.headerSpan;
      ctx.report('BUD504', at, { item: SANGONG_NAMES[item].zh, itemEn: SANGONG_NAMES[item].en, value: fmt(ctx, v, written?.unit), code, name: n.name ?? '', limit: fmt(ctx, limit) }, {
        related: n.rows[0] ? [{ ...n.rows[0].codeSpan, message: { zh: `${code} ${n.name ?? ''}`, en: `${code} ${n.name ?? ''}` } }] : [],
      });
    }
  }
}

export const sangong = defineCheck('三公', ['BUD503', 'BUD504'], checkSangong);
