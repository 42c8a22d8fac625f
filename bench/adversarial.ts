/**
 * Adversarial inputs: texts shaped to cost the checker the most per character (one huge token, one huge line,
 * deep nesting, tens of thousands of rows in one block, a 100,000-digit amount, 130,000 `}` …). The property
 * tests (test/robustness/adversarial.test.ts) check that each is analysed without an exception and with sane
 * diagnostics; `npm run bench` reports the slowest analysis over them at the size limit (bench/run.ts).
 * Each shape fills about `size` characters (never more).
 */

export interface Shape {
  name: string;
  /** The text, about `size` characters long. */
  text(size: number): string;
}

/** A unit with one 支出 block of `rows` rows (codes without names), with correct totals: classes, 款 and 项 (2xx kk xx). */
export function rowsBudget(rows: number): string {
  const out: string[] = [];
  for (let c = 201; c <= 299 && out.length < rows; c++) {
    const classRow = out.length;
    out.push('');
    let classSum = 0;
    for (let k = 1; k <= 99 && out.length < rows; k++) {
      const kuanRow = out.length;
      out.push('');
      let kuanSum = 0;
      for (let x = 1; x <= 99 && out.length < rows; x++) {
        out.push(`    ${c}${pad2(k)}${pad2(x)} 1.00`);
        kuanSum++;
      }
      out[kuanRow] = `    ${c}${pad2(k)} ${kuanSum}.00`;
      classSum += kuanSum;
    }
    out[classRow] = `    ${c} ${classSum}.00`;
  }
  return `单位 甲 {\n  年度 2025\n  金额单位 万元\n  支出 {\n${out.join('\n')}\n  }\n}\n`;
}

/**
 * Units of up to 99 类 × 99 款 × 2 项 in one 支出 block, every 款 written one more than its two 项 (the 类 add up as
 * written): a fault per three rows, each a check record that the later comparisons look up (the lookups rebuilt
 * their index once per new record: quadratic, 14 s for 8,000 faults in one unit). About `size` characters, never more.
 */
export function wrongTotals(size: number): string {
  const tail = '  }\n}\n';
  let text = '';
  for (let u = 1; ; u++) {
    const head = `单位 甲${u} {\n  年度 2025\n  金额单位 万元\n  支出 {\n`;
    // Room for a 类 line (at most 17 characters) besides the unit's frame.
    let room = size - text.length - head.length - tail.length - 20;
    if (room < 60) return text || '单位 甲 {\n}\n'.slice(0, size);
    let body = '';
    for (let c = 201; c <= 299 && room >= 60; c++) {
      let rows = '';
      let sum = 0;
      for (let k = 1; k <= 99 && room >= 60; k++) {
        const kuan = `${c}${pad2(k)}`;
        const lines = `    ${kuan} 3.00\n    ${kuan}01 1.00\n    ${kuan}02 1.00\n`;
        rows += lines;
        room -= lines.length;
        sum += 3;
      }
      const cls = `    ${c} ${sum}.00\n`;
      room -= cls.length;
      body += cls + rows;
    }
    text += head + body + tail;
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `unit` repeated to about `size` characters (at least once). */
function fill(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.floor(size / unit.length)));
}

/** A unit whose one row has an amount of `digits` digits. */
export function longAmount(digits: number): string {
  return `单位 甲 {\n  年度 2025\n  支出 {\n    208 社会保障和就业支出 ${'9'.repeat(Math.max(1, digits))}\n    20801 人力资源和社会保障管理事务 人员 1.00\n  }\n}\n`;
}

/** Blocks nested `depth` deep, each with a line in it. */
export function nested(depth: number): string {
  let s = '';
  for (let i = 0; i < depth; i++) s += `${'  '.repeat(i)}块${i} {\n`;
  s += `${'  '.repeat(depth)}内容\n`;
  for (let i = depth - 1; i >= 0; i--) s += `${'  '.repeat(i)}}\n`;
  return s;
}

export const SHAPES: Shape[] = [
  { name: 'one huge word', text: (n) => 'x'.repeat(n) },
  { name: 'one huge number', text: (n) => '1'.repeat(n) },
  { name: 'a row with an amount of every digit', text: (n) => longAmount(n - 120) },
  { name: 'one huge line of words', text: (n) => fill('ab ', n) },
  { name: 'one huge line of numbers', text: (n) => fill('1.5 ', n) },
  { name: 'one line of }', text: (n) => '}'.repeat(n) },
  { name: '} on every line', text: (n) => fill('}\n', n) },
  { name: 'one line of {', text: (n) => '{'.repeat(n) },
  { name: 'empty blocks {}', text: (n) => fill('{}', n) },
  { name: 'a block per line', text: (n) => fill('a {\n}\n', n) },
  { name: 'deep nesting (100 levels), repeated', text: (n) => fill(nested(100), n) },
  { name: 'a word per line', text: (n) => fill('a\n', n) },
  { name: 'blank lines', text: (n) => '\n'.repeat(n) },
  { name: 'CR line ends', text: (n) => fill('a\r', n) },
  { name: 'unusual spaces (U+00A0)', text: (n) => '\u00a0'.repeat(n) },
  { name: 'unusual spaces between words', text: (n) => fill('a\u00a0', n) },
  { name: 'quotes', text: (n) => '"'.repeat(n) },
  { name: 'unclosed strings', text: (n) => fill('"a\n', n) },
  { name: 'percent signs', text: (n) => '%'.repeat(n) },
  { name: 'operators', text: (n) => fill('>= ', n) },
  { name: 'comments', text: (n) => fill('# c\n', n) },
  { name: 'rows in one block', text: (n) => rowsBudget(Math.floor(n / 22)) },
  { name: 'every 款 total wrong (units of 9,801 款)', text: (n) => wrongTotals(n) },
  { name: 'a row per line, every amount wrong', text: (n) => `单位 甲 {\n  支出 {\n${fill('    208 社会保障和就业支出 9.00\n', n - 40)}  }\n}\n` },
  { name: 'full-width digits and separators', text: (n) => fill('１，２３４．５ ', n) },
  { name: 'accounting negatives', text: (n) => `单位 甲 {\n  支出 {\n    208 社会保障和就业支出 ${fill('(1.00) ', n - 60)}\n  }\n}\n` },
  { name: 'surrogates and emoji', text: (n) => fill('😀\ud800', n) },
];
