/**
 * The notes printed under tables (`表注` in the 说明 block), against the tables of the unit's layout: a note saying the
 * table is empty under a table with figures (BUD532); a note naming another table's funds — copied from the
 * neighbouring table (BUD533); a table published empty without its note, when the 说明 transcribes the notes
 * (BUD534); a note of a table the layout does not have (BUD535).
 */
import { isFiscal } from '../compute';
import type { Fix } from '../diagnostics';
import type { FundingSource } from '../keywords';
import { layoutOf, withYear } from '../layouts/index';
import type { TableSpec } from '../layouts/types';
import type { TableNote } from '../model';
import { defineCheck, fmt, tableName, type CheckContext } from './context';

type Ctx = CheckContext<'BUD532' | 'BUD533' | 'BUD534' | 'BUD535'>;

/** The funds a note can name, by the words that name them in a note. */
const FUNDS: ReadonlyArray<{ fund: Fund; words: RegExp; name: string; en: string }> = [
  { fund: '政府性基金预算', words: /政府性基金/, name: '政府性基金预算', en: 'the government fund budget' },
  { fund: '国有资本经营预算', words: /国有资本经营/, name: '国有资本经营预算', en: 'the state capital operations budget' },
  { fund: '三公', words: /[“"‘']?三公[”"’']?/, name: '“三公”经费', en: '三公 spending' },
];
type Fund = Extract<FundingSource, '政府性基金预算' | '国有资本经营预算'> | '三公';

/** An assertive “本表为空表” (not the reference's conditional “如此表为空表，则…”). */
const SAYS_EMPTY = /(?<![如若])(?:本|此)表(?:为|是)空表/;

/** The fund a table is of, when its layout says (a table of one funding source, the 三公 table). */
function fundOf(spec: TableSpec): Fund | undefined {
  const r = spec.requires;
  if (r?.kind === 'sourceOrEmpty' && (r.source === '政府性基金预算' || r.source === '国有资本经营预算')) return r.source;
  if (r?.kind === 'section' && r.section === 'sangong') return '三公';
  return undefined;
}

/** A figure of the table, when the unit has one (the table is not empty); undefined when it has none or it is unknown. */
function figureOf(ctx: Ctx, fund: Fund): { what: string; whatEn: string; amount: string } | undefined {
  const f = ctx.figures;
  if (fund === '三公') {
    const items = ['total', 'abroad', 'vehicle', 'vehiclePurchase', 'vehicleRun', 'reception', 'opsFunds'] as const;
    for (const item of items) {
      const v = f.sangong.values[item];
      if (v !== undefined && v !== 0n) {
        const sangong = ctx.unit.sangong;
        const u = sangong?.lines.find((l) => l.amount)?.amount?.unit ?? ctx.unit.moneyUnit;
        return { what: item === 'opsFunds' ? '机关运行经费' : '“三公”经费', whatEn: item === 'opsFunds' ? 'agency operating funds' : '三公 spending', amount: fmt(ctx, v, u) };
      }
    }
    return undefined;
  }
  let total = 0n;
  for (const [k, c] of f.func.root.bySource) if ((k === fund || k === `上年结转:${fund}`) && c.total) total += c.total;
  return total !== 0n ? { what: `${fund}支出`, whatEn: `expenditure from ${fund}`, amount: fmt(ctx, total) } : undefined;
}

/** Whether the unit spends nothing from a fund (its table is published empty). */
function isEmpty(ctx: Ctx, fund: Fund): boolean {
  if (fund === '三公') return false;
  if (ctx.unit.lists.some((l) => l.empty && (fund === '政府性基金预算' ? l.table === 'fundExp' : l.table === 'capitalExp'))) return true;
  return !!ctx.unit.func && !figureOf(ctx, fund) && [...ctx.figures.func.root.bySource.keys()].some(isFiscal);
}

function checkNote(ctx: Ctx, note: TableNote, specs: readonly TableSpec[], layoutId: string): void {
  const spec = specs.find((s) => s.id === note.table.text);
  if (!spec) {
    ctx.report('BUD535', note.table.span, { layout: layoutId, table: note.table.text, tables: specs.map((s) => s.id).join('、') });
    return;
  }
  const name = tableName(spec, ctx.unit.year);
  const fund = fundOf(spec);
  const text = note.text.text;
  if (fund) {
    // The funds the note names: a note naming only another table's funds was copied from it.
    const named = FUNDS.filter((x) => x.words.test(text));
    const own = FUNDS.find((x) => x.fund === fund)!;
    const wrong = named.find((x) => x.fund !== fund);
    if (wrong && !named.some((x) => x.fund === fund)) {
      const m = wrong.words.exec(text)!;
      // The fix replaces the word where the note is written as read (a quoted note: inside its quotes).
      const off = ctx.text.slice(note.text.span.start, note.text.span.end).indexOf(m[0]);
      const at = note.text.span.start + off;
      const ownWord = fund === '三公' ? '“三公”' : fund === '政府性基金预算' ? '政府性基金' : '国有资本经营';
      const fixes: Fix[] = off >= 0
        ? [{ title: { zh: `改为“${ownWord}”`, en: `Change to “${ownWord}”` }, edits: [{ start: at, end: at + m[0].length, newText: ownWord }], preferred: true }]
        : [];
      ctx.report('BUD533', note.text.span, { table: name.zh, tableEn: name.en, written: m[0], own: own.name, ownEn: own.en }, { fixes });
      return;
    }
  }
  if (SAYS_EMPTY.test(text) && fund) {
    const has = figureOf(ctx, fund);
    if (has) ctx.report('BUD532', note.text.span, { table: name.zh, tableEn: name.en, ...has });
  }
}

function checkTableNotes(ctx: Ctx): void {
  const cmp = ctx.unit.comparison;
  if (!cmp?.notes.length) return;
  const layout = layoutOf(ctx.unit).layout;
  for (const note of cmp.notes) checkNote(ctx, note, layout.tables, layout.id);
  // The 说明 transcribes its notes: every table published empty has one.
  for (const spec of layout.tables) {
    const fund = fundOf(spec);
    if (!fund || !spec.emptyNote || !isEmpty(ctx, fund)) continue;
    if (cmp.notes.some((n) => n.table.text === spec.id)) continue;
    const name = tableName(spec, ctx.unit.year);
    const own = FUNDS.find((x) => x.fund === fund)!;
    const note = withYear(spec.emptyNote, ctx.unit.year);
    ctx.report('BUD534', cmp.headerSpan, { table: name.zh, tableEn: name.en, own: own.name, ownEn: own.en, note });
  }
}

export const tableNotes = defineCheck('notes under tables (表注)', ['BUD532', 'BUD533', 'BUD534', 'BUD535'], checkTableNotes);
