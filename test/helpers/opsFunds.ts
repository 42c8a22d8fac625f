/** Small inputs of the 机关运行经费 tests (test/tables/opsFunds.test.ts, test/import/opsFunds.test.ts). */

/** A reference-layout unit in 万元 whose 三公 block ends with `ops` (a 机关运行经费 line, or nothing). */
export const SANGONG = (ops: string): string =>
  `单位 甲 {\n  年度 2025\n  金额单位 万元\n  三公 {\n    合计 8.25\n    因公出国（境）费 0.00\n    公务用车购置及运行费 7.25\n    公务用车购置费 0.00\n    公务用车运行费 7.25\n    公务接待费 1.00\n${ops}  }\n}\n`;
