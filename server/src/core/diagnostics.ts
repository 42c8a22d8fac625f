/**
 * The diagnostic registry: every code the checker can report, with its severity and its message in
 * Chinese and English. docs/diagnostics.md is generated from this table (npm run docs:diagnostics) and a
 * test keeps them in step.
 */

import type { Locale } from './i18n';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Span {
  start: number;
  end: number;
}

export interface Text2 {
  zh: string;
  en: string;
}

export interface Edit extends Span {
  newText: string;
}

export interface Fix {
  title: Text2;
  edits: Edit[];
  /** The fix most likely wanted (LSP isPreferred). */
  preferred?: boolean;
}

export interface Related extends Span {
  message: Text2;
  /** Another file (the caller's id of it, as its resolver names it), when the location is not in this document. */
  file?: string;
}

export interface Diagnostic extends Span {
  code: DiagnosticCode;
  severity: Severity;
  /** Values substituted into the message templates. */
  args: Record<string, string | number>;
  related?: Related[];
  fixes?: Fix[];
}

/**
 * A registry entry: its severity, its title and its message templates. A template's `{name}` placeholders are the
 * entry's arguments (`{nameEn}` in English falls back to `name`): the types below read them from the templates, so a
 * report is type-checked against them.
 */
interface Entry<Z extends string = string, E extends string = string> {
  severity: Severity;
  title: Text2;
  message: { zh: Z; en: E };
}

function e<const Z extends string, const E extends string>(severity: Severity, titleZh: string, titleEn: string, zh: Z, en: E): Entry<Z, E> {
  return { severity, title: { zh: titleZh, en: titleEn }, message: { zh, en } };
}

export const REGISTRY = {
  // 0xx — syntax and lexical
  BUD001: e('error', '语法错误', 'Syntax error', '语法错误：此处应为{expected}，实际为{found}', 'Syntax error: expected {expectedEn}, found {foundEn}'),
  BUD017: e('error', '乱码（编码不对）', 'Garbled text (wrong encoding)', '“{word}”是乱码：文件多半是 GBK/GB18030 编码却被按 UTF-8 读取；请在编辑器中“通过编码重新打开”选 GB18030（简体中文），或把文件另存为 UTF-8', '“{word}” is garbled: the file is most likely GBK/GB18030 read as UTF-8; reopen it with the GB18030 (Simplified Chinese) encoding, or save it as UTF-8'),
  BUD002: e('error', '无法识别的语句', 'Unknown statement', '“{word}”在{context}中不是可用的语句；可用：{allowed}', '“{word}” is not a statement allowed in {contextEn}; allowed: {allowed}'),
  BUD003: e('error', '缺少内容', 'Missing element', '{what}后缺少{expected}', 'Missing {expectedEn} after {whatEn}'),
  BUD004: e('error', '多余内容', 'Unexpected element', '多余的“{found}”：{why}', 'Unexpected “{found}”: {whyEn}'),
  BUD005: e('warning', '全角数字', 'Full-width digits', '数字“{found}”使用了全角字符，应写作“{fixed}”', 'The number “{found}” uses full-width characters; write “{fixed}”'),
  BUD006: e('error', '字符串未闭合', 'Unterminated string', '字符串缺少结尾的引号', 'The string has no closing quote'),
  BUD007: e('error', '金额格式错误', 'Malformed amount', '“{found}”不是有效的金额', '“{found}” is not a valid amount'),
  BUD008: e('error', '重复的属性', 'Duplicate attribute', '“{word}”已在本块中写过', '“{word}” was already written in this block'),
  BUD009: e('error', '缺少块', 'Block expected', '“{word}”之后应有“{{ … }}”块', '“{word}” needs a “{{ … }}” block'),
  BUD011: e('information', '诊断过多', 'Too many diagnostics', '还有 {count} 条诊断未显示（只显示前 {shown} 条，错误优先）；请先修正上面的问题', '{count} more diagnostics are not shown (only the first {shown}, errors first); fix the ones above first'),
  BUD018: e('warning', '文件过于零碎，其余未检查', 'Too many tokens; the rest is not checked', '从此处起未解析、未核对：文件的词、数字和符号超过可检查的上限 {limit} 个（一个预算文件在 4,000,000 个字符的上限处约有 700,000 个）；请按部门或单位拆分文件', 'Not parsed or checked from here on: the file has more words, numbers and symbols than the {limit} that can be checked (a budget at the 4,000,000-character limit has about 700,000); split it by department or unit'),
  BUD010: e('warning', '文件过大，未检查', 'File too large to check', '文件有 {size} 个字符，超过可检查的上限 {limit}；未做解析和核对，请按部门或单位拆分文件', 'The file has {size} characters, more than the {limit} that can be checked; it was not parsed or checked — split it by department or unit'),
  BUD012: e('warning', '特殊空白字符', 'Unusual space', '此处是{name}（{cp}），按空格处理；请改为普通空格', 'This is a {nameEn} ({cp}), read as a space; replace it with an ordinary space'),
  BUD013: e('warning', '页码', 'Page number', '“{found}”像是从 PDF 粘贴来的页码，已忽略；请删除', '“{found}” looks like a page number pasted from a PDF; it is ignored — delete it'),
  BUD014: e('warning', '词中有空格', 'Spaced-out word', '“{found}”中间有空格，按“{word}”读取；请删除空格', '“{found}” is spaced out; read as “{word}” — remove the spaces'),
  BUD015: e('warning', '括号表示的负数', 'Negative in parentheses', '“{found}”是财务报表用括号表示的负数，按 {value} 读取；本语言的负数写作 {value}', '“{found}” is an accounting-style negative amount (in parentheses), read as {value}; this language writes it {value}'),
  BUD016: e('warning', '两行连成一行', 'Two rows on one line', '“{found}”是另一行（从 PDF 复制时两行表格连成了一行），已按单独的一行读取；请拆成两行', '“{found}” is another row (two table rows joined on one line, as copying from a PDF gives); it is read as a row of its own — split the line'),
  BUD019: e('error', '检查器内部错误', 'Internal error', '检查器的内部错误（{stage}）：{error}；此处的部分检查未能完成，请报告此问题', 'Internal error of the checker ({stage}): {error}; some checks here were not completed — please report it'),

  // 1xx — codes and structure
  BUD101: e('error', '科目编码长度错误', 'Bad code length', '{kind}编码“{code}”应为{lengths}位数字', 'The {kindEn} code “{code}” must have {lengths} digits'),
  BUD102: e('error', '缺少上级科目', 'Missing parent code', '科目 {code} 的上级科目 {parent} 未列出', 'The parent {parent} of code {code} is not listed'),
  BUD103: e('error', '科目重复', 'Duplicate code', '科目 {code}{source} 重复出现', 'The code {code}{sourceEn} appears more than once'),
  BUD104: e('warning', '科目名称与目录不符', 'Name differs from catalog', '科目 {code} 的名称“{name}”与目录中的“{expected}”不一致（{source}）', 'The name “{name}” of code {code} differs from the catalog’s “{expected}” ({source})'),
  BUD105: e('information', '目录中无此科目', 'Code not in catalog', '目录中没有科目 {code}（{scope}的科目目录不完整，无法判断是否为本版科目，仅供参考）{hint}', 'Code {code} is not in the (partial) catalog: {scopeEn} are not all catalogued, so it is unknown, not wrong{hintEn}'),
  BUD106: e('error', '科目类型不符', 'Wrong classification', '“{code}”不是{kind}编码', '“{code}” is not a {kindEn} code'),
  BUD108: e('information', '项目没有功能科目', 'Project without function code', '项目“{project}”没有“功能科目”，其金额不计入支出功能分类的项目支出', 'The project “{project}” has no 功能科目 (function code); its amount is not booked in the function classification'),
  BUD109: e('warning', '不是本版科目', 'Not a code of the edition', '{code} 不是 {edition} 年版《政府收支分类科目》的科目（上级 {parent} 的科目已全部列入目录）{other}{hint}', '{code} is not a code of the {edition} edition of the classification catalog (every code under {parent} is catalogued){otherEn}{hintEn}'),
  BUD110: e('warning', '其他版本的科目名称', 'Name of another edition', '“{name}”是科目 {code} 在 {other} 年版中的名称；{edition} 年版为“{expected}”', '“{name}” is the name of {code} in the {other} edition; the {edition} edition names it “{expected}”'),
  BUD112: e('information', '本版未能核实的科目', 'Code not confirmed for the edition', '科目 {code}“{known}”在目录中只见于 {other} 年版；{edition} 年版{scope}的科目目录不完整，未能核实{note}', 'Code {code} “{known}” is catalogued for the {other} edition only; the {edition} edition is not confirmed ({scopeEn}: the catalog is partial there){noteEn}'),
  BUD111: e('error', '科目编码残缺', 'Malformed code', '科目编码“{found}”不完整（{why}）{guess}', 'The code “{found}” is malformed ({whyEn}){guessEn}'),
  BUD107: e('information', '未列出的功能科目', 'Unlisted function code', '项目的功能科目 {code} 未在“支出”中列出，目录中也没有（名称未知）', 'The project’s function code {code} is neither listed under 支出 nor in the (partial) catalog; its name is unknown'),

  // 2xx — roll-up
  BUD201: e('error', '合计与明细不符', 'Total does not roll up', '{row}的{column}为 {declared}，下级合计为 {computed}，相差 {diff}{tolerance}', '{rowEn}: {columnEn} is {declared} but its children sum to {computed} (difference {diff}){toleranceEn}'),

  BUD203: e('warning', '“其中”大于所属行', 'Part larger than its row', '“{part}”为 {declared}，大于它所属的“{row}” {parent}', '“{part}” is {declared}, larger than the row it is part of, “{row}” ({parent})'),

  BUD204: e('error', '已分列的下级超过本行', 'Stated parts exceed the row', '{row}的{column}为 {declared}，已分列的部分合计 {computed} 已超过它（超出 {diff}{tolerance}；其余部分未分列）', '{rowEn}: {columnEn} is {declared}, but the parts that state it already sum to {computed} (over by {diff}{toleranceEn}; the other parts are not stated)'),
  BUD202: e('error', '收入科目汇总不符', 'Income by function does not roll up', '{row}的{column}为 {declared}，下级合计为 {computed}，相差 {diff}{tolerance}', '{rowEn}: {columnEn} is {declared} but its children sum to {computed} (difference {diff}){toleranceEn}'),

  // 3xx — row identities
  BUD301: e('error', '栏目合计不符', 'Row identity fails', '{row}：{column} {declared} ≠ {parts} = {computed}，相差 {diff}{tolerance}', '{rowEn}: {columnEn} {declared} ≠ {partsEn} = {computed} (difference {diff}){toleranceEn}'),
  BUD302: e('error', '收入小计不符', 'Income subtotal fails', '{item} 为 {declared}，其组成部分合计为 {computed}，相差 {diff}{tolerance}', '{itemEn} is {declared} but its parts sum to {computed} (difference {diff}){toleranceEn}'),
  BUD303: e('error', '收入科目栏目合计不符', 'Income columns do not add up', '{row}：{column} {declared} ≠ {parts} = {computed}，相差 {diff}{tolerance}', '{rowEn}: {columnEn} {declared} ≠ {partsEn} = {computed} (difference {diff}){toleranceEn}'),

  // 4xx — balance
  BUD401: e('error', '收支不平衡', 'Budget does not balance', '{what}：收入 {income} ≠ 支出 {expense}，相差 {diff}{tolerance}', '{whatEn}: income {income} ≠ expenditure {expense} (difference {diff}){toleranceEn}'),

  // 5xx — cross-table identities
  BUD501: e('error', '表间不一致', 'Tables disagree', '{left} {leftValue} ≠ {right} {rightValue}，相差 {diff}{tolerance}', '{leftEn} {leftValue} ≠ {rightEn} {rightValue} (difference {diff}){toleranceEn}'),
  BUD502: e('error', '项目金额不符', 'Project amounts disagree', '项目“{project}”：{what} {declared} ≠ {computed}，相差 {diff}{tolerance}', 'Project “{project}”: {whatEn} {declared} ≠ {computed} (difference {diff}){toleranceEn}'),
  BUD503: e('error', '“三公”经费不符', '三公 spending disagrees', '{item} {declared} ≠ {parts} = {computed}，相差 {diff}{tolerance}', '{itemEn} {declared} ≠ {partsEn} = {computed} (difference {diff}){toleranceEn}'),
  BUD504: e('error', '“三公”经费超出经济分类', '三公 exceeds economic line', '{item} {value} 超过经济分类 {code} {name} 的 {limit}', '{itemEn} {value} exceeds economic line {code} {name} ({limit})'),
  BUD505: e('error', '声明为空的表有数据', 'Empty table has data', '已声明{table}为空，但{what}', '{tableEn} is declared empty, but {whatEn}'),
  BUD506: e('warning', '无经济分类对照', 'No correspondence', '部门经济分类 {code} 没有对应的政府经济分类（{kind}），政府经济分类表因此少计 {amount}；请在“对照”中补充', 'Department economic code {code} has no government economic correspondence ({kindEn}): the government economic table misses its {amount}; add it under 对照'),
  BUD507: e('error', '整体绩效资金不符', 'Overall targets disagree', '整体绩效的任务资金合计 {declared} 既不等于基本支出 {basic}，也不等于支出合计 {total}{tolerance}', 'The overall targets’ task amounts sum to {declared}, neither the basic expenditure {basic} nor the total {total}{toleranceEn}'),

  BUD512: e('information', '无法得出政府经济分类', 'Government economic table not derivable', '未写单位“性质”，也没有“对照”，部门经济分类（{amount}）无法转为政府经济分类（表11）；请写明 性质 行政单位 或 事业单位', 'No unit kind (性质) and no 对照: the department economic classification ({amount}) cannot be read as the government economic table (table 11); write 性质 行政单位 or 事业单位'),
  BUD513: e('information', '目录缺少经济分类对照', 'Correspondence not in catalog', '内置目录尚无部门经济分类 {code} 的政府经济分类对照（{kind}；目录不完整），政府经济分类表因此少计 {amount}；请在“对照”中写明', 'The built-in catalog has no government economic correspondence for department code {code} yet ({kindEn}; the catalog is partial): the government economic table misses its {amount}; write it under 对照'),
  BUD509: e('error', '部门汇总与所属单位不符', 'Department total ≠ its units', '部门汇总{what}为 {declared}，所属单位之和为 {computed}，相差 {diff}{tolerance}', 'The department’s {whatEn} is {declared} but its units sum to {computed} (difference {diff}){toleranceEn}'),
  BUD510: e('error', '收入科目与其他表不符', 'Income by function disagrees', '{left} {leftValue} ≠ {right} {rightValue}，相差 {diff}{tolerance}', '{leftEn} {leftValue} ≠ {rightEn} {rightValue} (difference {diff}){toleranceEn}'),
  BUD511: e('warning', '科目只在一方列出', 'Code listed on one side only', '科目 {code} {name}在{where}中列出，{other}中没有', 'Code {code} {name} is listed in {whereEn} but not in {otherEn}'),
  // 52x — year-on-year comparisons (上年比较) against the unit's figures
  BUD514: e('error', '项目超过科目的项目支出', 'Projects exceed the code', '{row}的项目支出为 {declared}，而按功能科目归集的 {count} 个项目已达 {computed}（其他项目未写功能科目，项目支出不由项目推出）', '{rowEn}: project expenditure is {declared}, but the {count} projects booked on it already sum to {computed} (other projects name no code, so the column is not derived from the projects)'),
  BUD515: e('warning', '机关运行经费不符', 'Agency operating funds disagree', '机关运行经费 {declared} ≠ {from} {computed}，相差 {diff}（行政单位和参公事业单位的机关运行经费即一般公共预算基本支出中的公用经费）', 'Agency operating funds {declared} ≠ {fromEn} {computed} (difference {diff}; for 行政单位 and units under the civil-service law they are the 公用 of the general-budget basic expenditure)'),
  BUD520: e('error', '本年数与各表不符', 'This year’s figure disagrees', '{figure}的本年数写作 {declared}，按本单位各表为 {computed}，相差 {diff}', '{figureEn}: this year’s figure is written {declared} but the unit’s tables give {computed} (difference {diff})'),
  BUD521: e('error', '增减额不符', 'Change does not add up', '{figure}的增减写作“{written}”，而本年 {current} − 上年 {previous} = {computed}', '{figureEn}: the change is written “{written}” but this year {current} − last year {previous} = {computed}'),
  BUD522: e('warning', '增减率不符', 'Rate of change does not agree', '{figure}的增减率写作“{written}”，而 (本年 {current} − 上年 {previous}) ÷ 上年 = {computed}（保留 {decimals} 位小数）', '{figureEn}: the rate of change is written “{written}” but (this year {current} − last year {previous}) ÷ last year = {computed} (to {decimals} decimals)'),
  BUD523: e('warning', '上年为零，无增减率', 'No rate from zero', '{figure}的上年数为 0，增减率无法计算（不能除以 0）；“{written}”应删除', '{figureEn}: last year’s figure is 0, so there is no rate of change (no division by zero); remove “{written}”'),
  BUD524: e('information', '本年数无法计算', 'This year’s figure unknown', '{figure}的本年数无法按本单位各表计算（{why}）；{consequence}', '{figureEn}: this year’s figure cannot be computed from the unit’s tables ({whyEn}); {consequenceEn}'),
  // 53x — the 说明 as published: truncated figures, implied figures, notes under tables, projects, text hygiene
  BUD530: e('warning', '数字被截断而非四舍五入', 'Figure truncated, not rounded', '{figure}写作 {declared}，按本单位各表为 {computed}：是截去尾数而非四舍五入（应为 {rounded}）', '{figureEn} is written {declared} but the unit’s tables give {computed}: the digits were cut off, not rounded (it should read {rounded})'),
  BUD531: e('error', '增减与本年数矛盾', 'Change contradicts this year', '{figure}本年 {current}，写明“{written}”，则上年为 {previous}（负数），不可能；增减或本年数有误', '{figureEn}: this year {current} and “{written}” make last year {previous} (negative), which cannot be; the change or this year’s figure is wrong'),
  BUD532: e('error', '有数的表注为空表', 'Note says empty, table has figures', '{table}的注说“本表为空表”，而该表有数（{what} {amount}）', 'The note of {tableEn} says the table is empty, but it has figures ({whatEn} {amount})'),
  BUD533: e('error', '表注写的不是本表的资金', 'Note names another table’s funds', '{table}的注写的是“{written}”，而本表是{own}的表（注可能抄自相邻的表）', 'The note of {tableEn} names “{written}”, but the table is of {ownEn} (the note may be copied from the neighbouring table)'),
  BUD534: e('warning', '空表缺少注', 'Empty table without its note', '{table}为空表（本单位没有{own}支出），说明中没有它的注（“{note}”）', '{tableEn} is published empty (the unit spends nothing from {ownEn}) but the 说明 has no note for it (“{note}”)'),
  BUD535: e('warning', '表注所指的表不存在', 'Note of an unknown table', '表式“{layout}”没有“{table}”；应写 {tables} 之一', 'The layout {layout} has no table “{table}”; write one of {tables}'),
  BUD536: e('error', '项目数与所写项目不符', 'Project count disagrees', '说明写项目 {declared} 个，本单位写出的项目有 {computed} 个', 'The 说明 states {declared} projects, but the unit writes {computed}'),
  BUD537: e('error', '项目金额与各表不符', 'Project money disagrees', '说明写项目金额 {declared}，按{against}为 {computed}，相差 {diff}', 'The 说明 states the projects’ money as {declared} but {againstEn} gives {computed} (difference {diff})'),
  BUD538: e('warning', '遗留占位符', 'Placeholder left in', '文字中留有占位符“{found}”：发布前应填写', 'The text still holds the placeholder “{found}”: it should have been filled in before publication'),
  BUD539: e('warning', '年份不符', 'Year out of place', '文字写“{found}”，既不是预算年度 {year} 年，也不是上年 {previous} 年', 'The text says “{found}”, neither the budget year {year} nor the year before ({previous})'),
  BUD540: e('error', '公布的表所印与各语句不符', 'Published table differs from the statements', '{table}“{row}”行所印与按各语句推出的不同：{cells}', '{tableEn}, row “{row}”, printed figures that differ from what the statements give: {cellsEn}'),
  BUD541: e('warning', '公布的表所印与有误的数不符', 'Published table differs from a disputed figure', '{table}“{row}”行所印与按各语句推出的不同：{cells}；推出之数所据的数字本身已报告有误，先核对那里', '{tableEn}, row “{row}”, printed figures that differ from what the statements give: {cellsEn}; the figures they are derived from are themselves reported as wrong: check those first'),
  BUD542: e('warning', '印出的格在表中找不到', 'Printed cell not in the table', '印出的{what}在按各语句生成的{table}中找不到：{why}', 'The printed {whatEn} is not in {tableEn} as built from the statements: {whyEn}'),
  BUD543: e('warning', '比较用语重复', 'Word written twice', '“{found}”：“{word}”写了两遍', '“{found}”: “{word}” is written twice'),
  BUD544: e('warning', '增减与持平并用', 'Change and 持平 together', '“{found}”既说有增减又说持平，自相矛盾：应只写其一', '“{found}” says both that the figure changed and that it is unchanged (持平): write one of them'),
  BUD545: e('warning', '说明用了旧的科目名称', 'Old name of a code', '说明中的“{name}”是科目 {code} 在 {other} 年版中的名称；{edition} 年为“{expected}”', 'The 说明 names code {code} “{name}”, its name in the {other} edition; in {edition} it is “{expected}”'),

  // 6xx — indicators
  BUD601: e('warning', '指标缺少运算符号', 'Indicator without operator', '定量指标“{name}”缺少运算符号（=、>=、<= …）', 'The quantitative indicator “{name}” has no operator (=, >=, <= …)'),
  BUD602: e('warning', '指标缺少度量单位', 'Indicator without unit', '定量指标“{name}”缺少度量单位', 'The quantitative indicator “{name}” has no unit of measure'),
  BUD603: e('warning', '百分比超出范围', 'Percentage out of range', '指标“{name}”的百分比 {value}% 不在 0–100 之间', 'The percentage {value}% of indicator “{name}” is outside 0–100'),
  BUD604: e('warning', '完成时限不在预算年度内', 'Deadline outside fiscal year', '完成时限 {deadline} 不在预算年度 {year} 内', 'The deadline {deadline} is outside the fiscal year {year}'),
  BUD605: e('information', '非常用指标名称', 'Uncommon indicator level', '{level}“{name}”不在常用名称中', 'The {levelEn} name “{name}” is not among the usual ones'),
  BUD606: e('warning', '金额指标与项目金额矛盾', 'Money indicator contradicts amount', '指标“{name}” {op} {value} {unit}（{valueYuan} 元）与项目金额 {amount}（{amountYuan} 元）矛盾', 'The indicator “{name}” {op} {value} {unit} ({valueYuan} 元) contradicts the project amount {amount} ({amountYuan} 元)'),
  BUD607: e('warning', '运算符与定性指标值不符', 'Comparison on qualitative value', '定性指标值“{value}”不能用“{op}”比较', 'The qualitative value “{value}” cannot be compared with “{op}”'),
  BUD608: e('error', '日期格式错误', 'Malformed date', '“{found}”不是有效的完成时限（应如 2025-12）', '“{found}” is not a valid deadline (write e.g. 2025-12)'),
  BUD609: e('warning', '指标缺少层级', 'Indicator without level', '指标“{name}”之前没有“一级”或“二级”指标', 'The indicator “{name}” has no 一级 or 二级 level before it'),
  BUD610: e('warning', '指标缺少完成时限', 'Indicator without deadline', '指标“{name}”缺少完成时限', 'The indicator “{name}” has no deadline'),

  // 7xx — amounts
  BUD701: e('warning', '小数位过多', 'Too many decimals', '金额 {found} 有 {decimals} 位小数，{unit}金额通常保留 2 位', 'The amount {found} has {decimals} decimals; amounts in {unit} usually have 2'),
  BUD702: e('error', '金额精度超出范围', 'Amount too precise', '金额 {found} 超出可精确表示的位数，已舍入为 {rounded}', 'The amount {found} is more precise than can be held exactly; rounded to {rounded}'),
  BUD703: e('error', '金额位数过多', 'Amount too long', '金额“{found}”有 {digits} 位数字，超过可核对的 {max} 位；此金额未读取，按未知处理', 'The amount “{found}” has {digits} digits, more than the {max} that can be checked; it is not read and counts as unknown'),

  // 8xx — units and attributes
  BUD801: e('warning', '缺少预算年度', 'No fiscal year', '单位“{unit}”没有写“年度”', 'The unit “{unit}” has no 年度 (fiscal year)'),
  BUD802: e('error', '金额单位无效', 'Bad money unit', '金额单位应为“万元”或“元”，实际为“{found}”', 'The money unit must be 万元 or 元, not “{found}”'),
  BUD803: e('information', '未知单位性质', 'Unknown unit kind', '单位性质“{found}”不是常用值（行政单位、事业单位…）', 'The unit kind “{found}” is not a usual one (行政单位, 事业单位 …)'),
  BUD804: e('error', '年度无效', 'Bad year', '“{found}”不是有效的年度', '“{found}” is not a valid year'),
  BUD805: e('error', '名称重复', 'Duplicate name', '{what}“{name}”重复', 'Duplicate {whatEn} “{name}”'),
  BUD806: e('information', '可能的金额单位错误', 'Possible scale error', '{what} {value} 与 {expected} 恰好相差 10000 倍，可能把元写成了万元（或相反）', '{whatEn} {value} differs from {expected} by exactly 10,000×: 元 and 万元 may be mixed up'),
  BUD807: e('error', '表式无效', 'Unknown layout', '“{found}”不是可用的表式；可用：{allowed}（未写或无效时按文件内容推断）', '“{found}” is not a known layout (表式); known: {allowed} (without a valid one the layout is inferred from the file)'),
  BUD808: e('warning', '缺少表式要求的表', 'Table of the layout missing', '表式“{layout}”要公布{table}，但{what}', 'The layout “{layout}” publishes {tableEn}, but {whatEn}'),
  BUD809: e('warning', '空表未说明', 'Empty table not stated', '表式“{layout}”要公布{table}；本单位没有{source}支出，应写明“{statement}”（表下注明“本{subject}无…，故本表为空表”）', 'The layout “{layout}” publishes {tableEn}; the unit has no {source} spending — state “{statement}” (the table then carries its “no … , so this table is empty” note)'),

  // 9xx — project attributes (项目性质, dates, 资金总额 … of the project performance forms)
  BUD901: e('error', '项目日期格式错误', 'Malformed project date', '“{found}”不是有效的{what}（应如 {example}）', '“{found}” is not a valid {whatEn} (write e.g. {example})'),
  BUD902: e('error', '开始日期晚于完成日期', 'Start after completion', '项目“{project}”的开始日期 {start} 晚于完成日期 {end}', 'Project “{project}”: the start date {start} is after the completion date {end}'),
  BUD903: e('warning', '预算年度不在实施期限内', 'Fiscal year outside project period', '预算年度 {year} 不在项目“{project}”的实施期限（{period}）内', 'The fiscal year {year} is outside the period of project “{project}” ({periodEn})'),
  BUD904: e('error', '资金总额与其组成不符', 'Total funding ≠ its parts', '项目“{project}”：资金总额 {declared} ≠ 财政资金 + 其他资金 = {computed}，相差 {diff}{tolerance}', 'Project “{project}”: total funding {declared} ≠ fiscal funds + other funds = {computed} (difference {diff}){toleranceEn}'),
  BUD905: e('warning', '年度金额超过资金总额', 'Annual amount exceeds total funding', '项目“{project}”的年度金额 {amount} 大于资金总额 {total}；多年的资金总额不应少于一年的金额', 'Project “{project}”: the annual amount {amount} exceeds the total funding {total}; a multi-year total cannot be less than one year’s amount'),

  // 91x–92x — budgets across files and years (单位文件, 上年文件): resolved by the caller (references.ts)
  BUD910: e('error', '引用的文件不在工作区内', 'Referenced file outside the workspace', '“{path}”不能引用：{why}', '“{path}” cannot be referenced: {whyEn}'),
  BUD911: e('error', '找不到引用的文件', 'Referenced file not found', '找不到{what}“{path}”{why}', 'No {whatEn} “{path}”{whyEn}'),
  BUD912: e('error', '文件循环引用', 'Reference cycle', '{what}形成循环：{cycle}；循环中的文件不作核对', 'The {whatEn} form a cycle: {cycle}; the files of the cycle are not compared'),
  BUD913: e('warning', '单位文件中没有单位', 'No unit in a unit file', '单位文件“{file}”中没有单位块，部门汇总不计它', 'The unit file “{file}” holds no 单位 block; the department’s figures do not count it'),
  BUD914: e('error', '引用文件的年度不符', 'Referenced file of another year', '{what}“{file}”是 {found} 年度的，应为 {expected} 年度', 'The {whatEn} “{file}” is for {found}, not {expected}'),
  BUD915: e('warning', '单位属于两个部门', 'Unit in two departments', '单位文件“{file}”也列在部门文件“{other}”中；一个单位只能汇总到一个部门', 'The unit file “{file}” is also listed by the department file “{other}”; a unit belongs to one department'),
  BUD916: e('warning', '上年数与上年预算文件不符', 'Last year’s figure differs from last year’s file', '{figure}的上年数{how}为 {declared}，上年预算文件“{file}”中为 {computed}，相差 {diff}（年中调整可能使两者不同，请核实）', '{figureEn}: last year’s figure {howEn} {declared}, but last year’s budget “{file}” gives {computed} (difference {diff}; mid-year adjustments can explain it — verify)'),
  BUD917: e('warning', '上年预算文件中没有本单位', 'Unit not in last year’s file', '上年预算文件“{file}”中没有“{unit}”，上年数无从核对', 'Last year’s budget “{file}” has no “{unit}”; last year’s figures cannot be compared'),
  BUD918: e('warning', '引用的文件无法读取', 'Referenced file cannot be read', '{what}通配符匹配到的“{file}”无法读取（编码、大小或权限），不计入', 'The {whatEn} “{file}” matched by the glob cannot be read (encoding, size or permissions); it is not counted'),
} as const;

export type DiagnosticCode = keyof typeof REGISTRY;

/** The `{name}` placeholders of a template (`{{` and `}}` are literal braces). */
type Placeholders<S extends string> = S extends `${string}{${infer K}}${infer Rest}`
  ? (K extends `${string}{${string}` | `${string} ${string}` | '' ? never : K) | Placeholders<Rest>
  : never;
type Templates<C extends DiagnosticCode> = (typeof REGISTRY)[C]['message'];
type Names<C extends DiagnosticCode> = Placeholders<Templates<C>['zh']> | Placeholders<Templates<C>['en']>;
/** An argument named `nameEn` only in the English template falls back to `name`. */
type BaseName<K extends string> = K extends `${infer B}En` ? B : K;

/**
 * The arguments a code's message takes: every placeholder of its templates, each required (its English variant
 * `nameEn` optional, falling back to `name`). No other: an argument no template uses is a type error.
 */
export type MessageArgs<C extends DiagnosticCode> = { [K in BaseName<Names<C>>]: string | number } & { [K in Exclude<Names<C>, BaseName<Names<C>>>]?: string | number };

/**
 * Codes whose preferred fix writes what was read the language's way and changes no figure: text pasted from a
 * PDF or Word (full-width digits, unusual spaces, page numbers, spaced-out keywords, accounting negatives, two
 * rows on one line). `budget check --fix` and the editor's “fix all” (source.fixAll) apply exactly these; fixes
 * that change a figure (a total set to the computed sum …) are always left to the user.
 */
export const AUTOFIX_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['BUD005', 'BUD012', 'BUD013', 'BUD014', 'BUD015', 'BUD016']);

export function severityOf(code: DiagnosticCode): Severity {
  return REGISTRY[code].severity;
}

/**
 * Related locations and fixes built when first read. A long file's checks may report hundreds of thousands of
 * faults, and a fault's related list and fix (each child's figure formatted, names, the computed figure written
 * the document's way) cost more than its comparison, while the server publishes at most 1,000 diagnostics per
 * document. A deferred part is an ordinary enumerable property of the diagnostic when read (JSON, spread, `??=`,
 * assignment), built once, on the first read, from the unit's figures — which do not change after its checks;
 * whatever moves the spans it reads (incremental.ts) settles the diagnostics first (`settle`).
 */
export interface Deferred {
  related?: () => Related[];
  fixes?: () => Fix[];
}

/**
 * A diagnostic's deferred parts (not enumerable: not part of what the diagnostic says): each a builder until it is
 * first read, then what it built (or what was assigned). The accessors stay: turning them into data properties on
 * each read cost more than the building (a change of the object's shape per diagnostic).
 */
const PARTS = Symbol('deferred parts');
interface Parts {
  related?: (() => Related[]) | Related[];
  fixes?: (() => Fix[]) | Fix[];
}
type WithParts = Diagnostic & { [PARTS]: Parts };
const DEFERRED_KEYS = ['related', 'fixes'] as const;

function part<K extends keyof Deferred>(d: WithParts, key: K): Diagnostic[K] {
  const parts = d[PARTS];
  const v = parts[key];
  if (typeof v !== 'function') return v as Diagnostic[K];
  let built: Diagnostic[K];
  try {
    built = (v as () => Diagnostic[K])();
  } catch (e) {
    built = failedPart(d, key, e) as Diagnostic[K];
  }
  parts[key] = built as Parts[K];
  return built;
}

/**
 * What a deferred part that threw (a defect) becomes. It is read wherever the diagnostic is read (the server's
 * publishing, the command line's output, a JSON of the analysis), long after the check runner that would have made
 * the throw an internal error (analyze.ts, BUD019): the diagnostic itself stands, the part is empty, and the
 * internal error is logged (the server's console goes to the client's log; the command line's to stderr) and, for
 * the related locations, is their one entry at the diagnostic's own place.
 */
function failedPart(d: Diagnostic, key: keyof Deferred, e: unknown): Related[] | Fix[] {
  const args = internalErrorArgs(`${d.code} ${key}`, e);
  const message = { zh: renderMessage({ code: 'BUD019', args }, 'zh-CN'), en: renderMessage({ code: 'BUD019', args }, 'en') };
  console.error(`budget: BUD019 ${message.en} / ${message.zh}`);
  return key === 'related' ? [{ start: d.start, end: d.end, message }] : [];
}

const ACCESSORS: Record<keyof Deferred, PropertyDescriptor> = {
  related: {
    get(this: WithParts) { return part(this, 'related'); },
    set(this: WithParts, v: Related[] | undefined) { this[PARTS].related = v; },
    enumerable: true, configurable: true,
  },
  fixes: {
    get(this: WithParts) { return part(this, 'fixes'); },
    set(this: WithParts, v: Fix[] | undefined) { this[PARTS].fixes = v; },
    enumerable: true, configurable: true,
  },
};

/**
 * A diagnostic as a check reports it: `extra` gives its related locations and fixes, built now or (`deferred`) when
 * read. The diagnostic takes `deferred` over (it holds the parts once built).
 */
export function makeDiagnostic(code: DiagnosticCode, span: Span, args: Diagnostic['args'], extra: Partial<Diagnostic> = {}, deferred?: Deferred): Diagnostic {
  const d: Diagnostic = { code, severity: severityOf(code), start: span.start, end: span.end, args, ...extra };
  if (deferred) {
    Object.defineProperty(d, PARTS, { value: deferred, writable: false, enumerable: false, configurable: false });
    for (const key of DEFERRED_KEYS) if (deferred[key]) Object.defineProperty(d, key, ACCESSORS[key]);
  }
  return d;
}

/** Builds a diagnostic's deferred parts now (before the spans they read move: incremental.ts). */
export function settle(d: Diagnostic): void {
  const parts = (d as Partial<WithParts>)[PARTS];
  if (!parts) return;
  for (const key of DEFERRED_KEYS) if (typeof parts[key] === 'function') part(d as WithParts, key);
}

/** The arguments of an internal error (BUD019): the stage that failed and what it threw. */
export function internalErrorArgs(stage: string, e: unknown): MessageArgs<'BUD019'> {
  return { stage, error: String(e instanceof Error ? e.message : e) };
}

/** Longest text quoted from the document in a message (a malformed token may be megabytes long). */
const MAX_ARG = 120;
/** Longest any other argument is shown (lists of what is allowed, composed explanations; a code or a name taken
 * from the document may hide among them). */
const MAX_OTHER_ARG = 1000;
/** The message arguments that quote the document. */
const QUOTED = new Set(['found', 'foundEn', 'word', 'name']);

function clipArg(key: string, s: string): string {
  const max = QUOTED.has(key) ? MAX_ARG : MAX_OTHER_ARG;
  if (s.length <= max) return s;
  const cut = s.charCodeAt(max - 1) >= 0xd800 && s.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max;
  return s.slice(0, cut) + '…';
}

/** Renders a diagnostic's message in a locale. `{name}` takes args.name; `{nameEn}` falls back to args.name. */
export function renderMessage(d: Pick<Diagnostic, 'code' | 'args'>, locale: Locale): string {
  const tpl = REGISTRY[d.code].message[locale === 'en' ? 'en' : 'zh'];
  return tpl.replace(/\{\{|\}\}|\{(\w+)\}/g, (m, key: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const k = key!;
    if (k in d.args) return clipArg(k, String(d.args[k]));
    if (k.endsWith('En') && k.slice(0, -2) in d.args) return clipArg(k, String(d.args[k.slice(0, -2)]));
    // An argument left out (a defect: MessageArgs types them) shows as the placeholder, which the tests catch.
    return m;
  });
}
