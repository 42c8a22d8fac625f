/** Text pasted from a PDF: a spaced-out 合计, two rows on one line, full-width digits, a negative in parentheses, a page number. */
export const PASTED = '年度 2025\n金额单位 万元\n单位 测试单位 {\n  支出 {\n    合　　计 150.50\n    208 社会保障和就业支出 150.50\n    20801 人力资源和社会保障管理事务 150.50\n    2080109 社会保险经办机构 120.50 2080150 事业运行 30.00\n  }\n  收入 {\n    一般公共预算 １７０.５０\n    上年结转 一般公共预算 (20.00)\n    收入总计 150.50  第 3 页 共 18 页\n  }\n}\n';

/** Tables as data without their source spans (a fix moves the text they point at), for comparing readings. */
export function tablesWithoutSpans(tables: unknown): unknown {
  return JSON.parse(JSON.stringify(tables, (k, v: unknown) => (k === 'span' ? undefined : v)));
}
