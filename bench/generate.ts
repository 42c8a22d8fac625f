/**
 * A seeded generator of realistic synthetic budgets, for the benchmarks (bench/run.ts) and the robustness
 * tests (test/robustness). Same seed and options ⇒ the same text, byte for byte.
 *
 * A generated budget looks like a department's collection of unit budgets as they are transcribed from the
 * published 批复表: every unit has its attributes, income, the function classification (类/款/项 with 基本/
 * 人员/公用/项目 columns), the department and government economic classifications (with 对照 lines where
 * the catalog has no correspondence), 三公, projects with their function codes, economic lines and
 * performance indicators, the overall performance targets and the empty tables. Codes come from the
 * shipped catalog (builtinCatalog()) plus a few synthetic ones (which the checker reports as “not in the
 * catalog”, an information). Every declared total is correct, so the checker reports no errors or warnings.
 *
 * The same facts are also emitted "expressed as JSON" (a natural encoding: one object per unit, rows as
 * objects, amounts as JSON numbers), so that the benchmark can compare a full check with JSON.parse of the
 * same budget.
 */
import { builtinCatalog, type Catalog } from '../server/src/core/catalog';
import { STATEMENTS } from '../server/src/core/statements';

/** The tables a unit may state as empty (`政府采购 无` …), from the statement table. */
const EMPTY_TABLES = STATEMENTS.unit.flatMap((s) => (s.offer.kind === 'empty' ? [s.words[0]] : []));

// ── seeded randomness ────────────────────────────────────────────────────────────────────────────────

/** mulberry32: small, fast and good enough for test data. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [a, b]. */
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** k distinct elements of xs, in their original order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    const idx = xs.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    return idx.slice(0, Math.min(k, xs.length)).sort((a, b) => a - b).map((i) => xs[i]);
  }
  /** Splits `total` (an integer ≥ 0) into n non-negative integer parts, each > 0 when total ≥ n. */
  split(total: number, n: number): number[] {
    if (n <= 1) return [total];
    if (total < n) {
      const out = new Array<number>(n).fill(0);
      out[0] = total;
      return out;
    }
    const w = Array.from({ length: n }, () => 0.2 + this.next());
    const sum = w.reduce((a, b) => a + b, 0);
    const out = w.map((x) => Math.max(1, Math.floor((total * x) / sum)));
    let rest = total - out.reduce((a, b) => a + b, 0);
    for (let i = 0; rest !== 0; i = (i + 1) % n) {
      if (rest > 0) {
        out[i]++;
        rest--;
      } else if (out[i] > 1) {
        out[i]--;
        rest++;
      }
    }
    return out;
  }
}

// ── words ────────────────────────────────────────────────────────────────────────────────────────────

const CITIES = ['抚顺市', '鞍山市', '本溪市', '丹东市', '锦州市', '营口市', '阜新市', '辽阳市', '铁岭市', '朝阳市', '盘锦市', '葫芦岛市'];
const DEPTS = [
  '人力资源和社会保障局', '民政局', '教育局', '卫生健康委员会', '财政局', '住房和城乡建设局', '司法局', '科学技术局',
  '文化旅游和广播电视局', '统计局', '市场监督管理局', '城市管理综合行政执法局', '体育局', '自然资源局',
];
const UNIT_STEMS = [
  '社会保险事业服务中心', '就业服务中心', '劳动人事争议仲裁院', '信息中心', '档案馆', '培训中心', '综合行政执法队',
  '事务服务中心', '技术保障中心', '监测站', '服务站', '管理处', '研究所', '宣传中心', '救助管理站', '福利院',
];
const DISTRICTS = ['', '新抚区', '望花区', '顺城区', '东洲区', '抚顺县', '新宾县', '清原县', '高新区', '北站', '南站'];
const PROJECT_STEMS = [
  '信息化运行日常维护经费', '办公楼维修改造', '雇佣专业技术人员费用', '网络运行及水电费', '业务培训及宣传经费',
  '档案数字化加工', '专项审计及评估费用', '设备购置更新', '政府购买服务项目', '安全生产专项经费', '应急物资储备',
  '社会保险经办专项', '就业创业补贴', '公益性岗位补贴', '困难群众救助', '重点工作专项经费', '系统升级改造',
  '机房租赁及运维', '车辆运行保障', '基层服务平台建设',
];
const PROJECT_TAGS = ['（保运转）', '（刚性）', '（一次性）', '（延续）', '（新增）', ''];
const CONTENT = [
  '根据《关于进一步加强预算管理的通知》要求，保障本单位各项业务正常开展，所需资金列入年度预算。',
  '用于支付相关设备维护、网络租赁及日常运行费用，确保系统全年稳定运行。',
  '按照上级部门工作部署，组织开展业务培训、宣传和监督检查等工作。',
  '保障重点工作任务顺利完成，提高服务质量和效率，资金按进度拨付。',
];
const GOALS = ['按时完成各项费用的支付。', '保证各项工作正常运转。', '确保项目按期完成并通过验收。', '提高公共服务水平和群众满意度。'];
const TASKS = ['基本支出人员经费（保工资）', '基本支出人员经费（刚性）', '基本支出公用经费（保运转）', '基本支出公用经费（刚性）'];

const PROJECT_INDICATORS: Array<[string, string, Array<(r: Rng) => string>]> = [
  ['产出指标', '数量指标', [
    (r) => `培训人次 >= ${r.int(50, 2000)} 人次`, (r) => `设备维护数量 >= ${r.int(2, 300)} 台`, (r) => `检查次数 >= ${r.int(2, 24)} 次`,
    (r) => `服务对象覆盖户数 >= ${r.int(100, 90000)} 户`,
  ]],
  ['产出指标', '质量指标', [
    () => '验收合格率 = 100%', (r) => `系统运行畅通率 >= ${r.int(85, 99)}%`, () => '资金发放准确率 = 100 %', (r) => `故障修复率 >= ${r.int(90, 100)}%`,
  ]],
  ['产出指标', '时效指标', [() => '资金拨付及时率 = 100%', () => '设备维护及时性 = 及时', () => '任务完成及时性 及时完成']],
  ['产出指标', '成本指标', [(r) => `单位运维成本 <= ${r.int(1000, 500000)} 元`, (r) => `宣传成本 <= ${r.int(1, 30)} 万元`]],
  ['效益指标', '社会效益指标', [() => '促进社会和谐稳定 有效促进', (r) => `故障重复发生率 <= ${r.int(1, 15)}%`, () => '公共服务水平 = 明显提升']],
  ['效益指标', '可持续影响指标', [() => '运维管理制度 = 健全', () => '长效管理机制 持续完善']],
  ['满意度指标', '服务对象满意度指标', [(r) => `服务对象满意度 >= ${r.int(85, 98)}%`]],
  ['满意度指标', '社会公众满意度指标', [(r) => `群众满意度 >= ${r.int(85, 98)} %`]],
];
const OVERALL_INDICATORS: Array<[string, string, string[]]> = [
  ['履职效能', '重点工作履行情况', ['重点工作办结率 = 100 %', '综合管理水平 管理规范']],
  ['预算执行', '预算执行效率', ['结转结余变动率 <= 0 %', '预算调整率 <= 5 %', '预算执行率 = 100 %']],
  ['管理效率', '预算编制管理', ['预算绩效目标覆盖率 = 100 %']],
  ['管理效率', '资产管理', ['固定资产利用率 = 100 %']],
  ['运行成本', '成本控制成效', ['“三公”经费变动率 <= 0 %', '在职人员控制率 <= 100 %']],
  ['社会效应', '社会公众满意度', ['窗口服务效率满意度 >= 95 %']],
  ['可持续性', '体制机制改革', ['建立预算绩效管理机制 机制健全']],
];

/** Department economic codes used for basic expenditure, with the column they belong to. */
const PERSONNEL_ECON = ['30101', '30102', '30103', '30107', '30108', '30109', '30110', '30112', '30113', '30199', '30302', '30305', '30239'];
const PERSONNEL_ALWAYS = ['30101', '30102', '30108', '30110', '30113'];
const PUBLIC_ECON = ['30201', '30202', '30205', '30206', '30207', '30208', '30209', '30211', '30213', '30215', '30216', '30217', '30226', '30228', '30229', '30231', '30299'];
const PROJECT_ECON = ['30201', '30202', '30203', '30205', '30206', '30213', '30214', '30218', '30226', '30227', '30299', '31002', '31003', '31007', '30399', '31302'];
/**
 * Synthetic department economic codes (valid shape, absent from the shipped catalog), under a 类 the catalog does
 * not know completely in any edition: 310 (under 301/302, complete in every edition, and 303, complete in the 2024
 * and 2025 editions, a code missing is not a code of the edition: a warning, which the generated budgets must not
 * have).
 */
const SYNTHETIC_ECON: Record<string, string> = { '31097': '公务用车运行维护费补助', '31096': '专项设备购置', '31098': '其他设备购置', '31095': '其他资产购置' };
/** Government economic codes used when the catalog has no correspondence (names for those the catalog lacks). */
const GOV_FALLBACK: Record<string, Record<'admin' | 'institution', string>> = {
  '301': { admin: '50199', institution: '50501' },
  '302': { admin: '50299', institution: '50502' },
  '303': { admin: '50999', institution: '50999' },
  '310': { admin: '50306', institution: '50601' },
  '313': { admin: '51002', institution: '51002' },
};
const GOV_NAMES: Record<string, string> = {
  '502': '机关商品和服务支出', '50299': '其他商品和服务支出', '503': '机关资本性支出（一）', '50306': '设备购置',
  '506': '对事业单位资本性补助', '50601': '资本性支出（一）', '50999': '其他对个人和家庭的补助', '510': '对社会保障基金补助',
  '501': '机关工资福利支出', '50199': '其他工资福利支出', '505': '对事业单位经常性补助', '509': '对个人和家庭的补助',
};

// ── model of a generated unit ────────────────────────────────────────────────────────────────────────

/** Amounts are integers in hundredths of the money unit (0.01 万元). */
interface Cells {
  personnel: number;
  public: number;
  project: number;
}
const DEFAULT_SRC = '';
type Src = string; // '' = 一般公共预算 (default), else a funding source word

interface GenProject {
  name: string;
  content: string;
  funcRefs: Array<{ code: string; amount?: number }>;
  amount: number;
  source: Src;
  econ: Array<{ code: string; name: string; amount: number }>;
  goal: string;
  deadlineBlock: boolean;
  indicators: Array<{ level1: string; level2: string; lines: string[] }>;
}

interface RowOut {
  code: string;
  name: string;
  source: Src;
  cells: Cells;
  /** Parents are written with their default-source figures; a parent with none is an empty row. */
  leaf: boolean;
}

interface GenUnit {
  name: string;
  code: string;
  region: string;
  year: number;
  supervisor: string;
  kind: '事业单位' | '行政单位';
  kindClass: 'admin' | 'institution';
  grouping: boolean;
  income: Array<{ item: string; amount?: number }>;
  funcTotal: Cells;
  func: RowOut[];
  econTotal: Cells;
  econ: RowOut[];
  govTotal: number;
  gov: Array<{ code: string; name: string; source: Src; amount?: number }>;
  mapping: Array<[string, string]>;
  sangong: Array<{ item: string; amount?: number }>;
  projects: GenProject[];
  tasks: Array<{ name: string; amount: number }>;
  overallGoal: string;
  overallIndicators: Array<{ level1: string; level2: string; lines: string[] }>;
  carry: number;
}

// ── catalog views ────────────────────────────────────────────────────────────────────────────────────

interface FuncTree {
  classes: string[];
  children: Map<string, string[]>;
  names: Map<string, string>;
}

function funcTree(cat: Catalog): FuncTree {
  const names = new Map<string, string>();
  const children = new Map<string, string[]>();
  for (const e of cat.entries.func.values()) {
    // Only the codes of the generated budgets' edition (年度 2025).
    if (!e.names.length || !e.inEdition) continue;
    names.set(e.code, e.names[0]);
  }
  const codes = [...names.keys()].sort();
  for (const c of codes) {
    if (c.length === 3) continue;
    const parent = c.slice(0, c.length - 2);
    if (!names.has(parent)) continue;
    const list = children.get(parent) ?? [];
    list.push(c);
    children.set(parent, list);
  }
  // Classes with at least one complete 类/款/项 path.
  const classes = codes.filter((c) => c.length === 3 && (children.get(c) ?? []).some((k) => (children.get(k) ?? []).length > 0));
  return { classes, children, names };
}

function econName(cat: Catalog, code: string): string {
  return SYNTHETIC_ECON[code] ?? cat.get('econ', code)?.names[0] ?? `经济科目${code}`;
}

function govName(cat: Catalog, code: string): string {
  return cat.get('gov', code)?.names[0] ?? GOV_NAMES[code] ?? `政府经济科目${code}`;
}

// ── unit generation ──────────────────────────────────────────────────────────────────────────────────

function addCells(a: Cells, b: Cells): void {
  a.personnel += b.personnel;
  a.public += b.public;
  a.project += b.project;
}
const zero = (): Cells => ({ personnel: 0, public: 0, project: 0 });
const isEmpty = (c: Cells): boolean => c.personnel === 0 && c.public === 0 && c.project === 0;

/**
 * Rows of a classification (code → source → cells), with parents rolled up: a leaf row per source with
 * money, a parent row per code with its default-source figures (the checker checks rows without 来源
 * against the default source; the 合计 row carries all sources).
 */
function rollRows(leaves: Map<string, Map<Src, Cells>>, nameOf: (code: string) => string, parentOf: (code: string) => string | undefined): { rows: RowOut[]; total: Cells } {
  const all = new Map<string, Map<Src, Cells>>();
  const total = zero();
  for (const [code, bySrc] of leaves) {
    for (const [src, cells] of bySrc) {
      addCells(total, cells);
      for (let c: string | undefined = code; c; c = parentOf(c)) {
        const m = all.get(c) ?? new Map<Src, Cells>();
        all.set(c, m);
        const x = m.get(src) ?? zero();
        addCells(x, cells);
        m.set(src, x);
      }
    }
  }
  const rows: RowOut[] = [];
  for (const code of [...all.keys()].sort()) {
    const leaf = leaves.has(code);
    const m = all.get(code)!;
    if (leaf) {
      const srcs = [...m.keys()].sort();
      for (const src of srcs) rows.push({ code, name: nameOf(code), source: src, cells: m.get(src)!, leaf });
    } else {
      // A parent row names no source: it is the code's total over all sources (as 表3/表12 publish it).
      const sum = zero();
      for (const c of m.values()) addCells(sum, c);
      rows.push({ code, name: nameOf(code), source: DEFAULT_SRC, cells: sum, leaf });
    }
  }
  return { rows, total };
}

function genUnit(rng: Rng, cat: Catalog, ft: FuncTree, index: number, dept: string, city: string, usedNames: Set<string>): GenUnit {
  const kindClass: 'admin' | 'institution' = rng.chance(0.8) ? 'institution' : 'admin';
  let name = '';
  for (let tries = 0; !name || usedNames.has(name); tries++) {
    name = city + rng.pick(DISTRICTS) + dept.replace(/局|委员会/, '') + rng.pick(UNIT_STEMS) + (tries > 3 ? `第${index + 1}分中心` : '');
  }
  usedNames.add(name);
  const grouping = rng.chance(0.7);

  // Function codes: 2–4 类, 1–3 款 each, 1–3 项 each (occasionally a synthetic 项).
  const leavesF: string[] = [];
  const synthNames = new Map<string, string>();
  for (const cls of rng.sample(ft.classes, rng.int(2, 4))) {
    const kuans = (ft.children.get(cls) ?? []).filter((k) => (ft.children.get(k) ?? []).length);
    for (const kuan of rng.sample(kuans, rng.int(1, 3))) {
      const items = ft.children.get(kuan)!;
      leavesF.push(...rng.sample(items, rng.int(1, 3)));
      if (rng.chance(0.15)) {
        const code = kuan + '98';
        if (!ft.names.has(code)) {
          synthNames.set(code, `其他${ft.names.get(kuan)!.replace(/事务$|支出$/, '')}专项支出`);
          leavesF.push(code);
        }
      }
    }
  }
  leavesF.sort();
  const funcName = (c: string): string => ft.names.get(c) ?? synthNames.get(c) ?? `功能科目${c}`;

  // Basic expenditure by department economic code.
  const personnelCodes = [...new Set([...PERSONNEL_ALWAYS, ...rng.sample(PERSONNEL_ECON, rng.int(2, 6))])].sort();
  const publicCodes = [...new Set(['30201', ...rng.sample(PUBLIC_ECON, rng.int(3, 9))])].sort();
  const econLeaves = new Map<string, Map<Src, Cells>>();
  const econCell = (code: string, src: Src): Cells => {
    const m = econLeaves.get(code) ?? new Map<Src, Cells>();
    econLeaves.set(code, m);
    const c = m.get(src) ?? zero();
    m.set(src, c);
    return c;
  };
  let P = 0;
  let Q = 0;
  for (const c of personnelCodes) {
    const v = rng.int(50, 90_000);
    econCell(c, DEFAULT_SRC).personnel += v;
    P += v;
  }
  for (const c of publicCodes) {
    const v = rng.int(20, 30_000);
    econCell(c, DEFAULT_SRC).public += v;
    Q += v;
  }

  // Function leaves carrying basic expenditure: one to three, the first takes both columns.
  const funcLeaves = new Map<string, Map<Src, Cells>>();
  const funcCell = (code: string, src: Src): Cells => {
    const m = funcLeaves.get(code) ?? new Map<Src, Cells>();
    funcLeaves.set(code, m);
    const c = m.get(src) ?? zero();
    m.set(src, c);
    return c;
  };
  const basicLeaves = rng.sample(leavesF, rng.int(1, Math.min(3, leavesF.length)));
  const pParts = rng.split(P, basicLeaves.length);
  basicLeaves.forEach((code, i) => {
    funcCell(code, DEFAULT_SRC).personnel += pParts[i];
  });
  funcCell(basicLeaves[0], DEFAULT_SRC).public += Q;

  // Projects: every other function leaf gets at least one.
  const projectLeaves = leavesF.filter((c) => !basicLeaves.includes(c));
  const nProjects = Math.max(projectLeaves.length, rng.int(2, 12));
  const unitFundProject = rng.chance(0.3) ? rng.int(0, nProjects - 1) : -1;
  const projects: GenProject[] = [];
  const usedProject = new Set<string>();
  for (let i = 0; i < nProjects; i++) {
    let pname = '';
    for (let t = 0; !pname || usedProject.has(pname); t++) pname = rng.pick(PROJECT_STEMS) + rng.pick(PROJECT_TAGS) + (t > 2 ? `（${i + 1}）` : '');
    usedProject.add(pname);
    const amount = rng.chance(0.1) ? rng.int(100_000, 9_000_000) : rng.int(100, 60_000);
    const source: Src = i === unitFundProject ? '事业收入' : DEFAULT_SRC;
    const code1 = i < projectLeaves.length ? projectLeaves[i] : rng.pick(leavesF);
    const funcRefs: GenProject['funcRefs'] = [];
    if (rng.chance(0.1) && leavesF.length > 1 && amount >= 2) {
      const code2 = rng.pick(leavesF.filter((c) => c !== code1));
      const [a1, a2] = rng.split(amount, 2);
      funcRefs.push({ code: code1, amount: a1 }, { code: code2, amount: a2 });
    } else funcRefs.push({ code: code1 });
    for (const r of funcRefs) funcCell(r.code, source).project += r.amount ?? amount;
    let econCodes = rng.sample(PROJECT_ECON, rng.int(1, 3));
    if (rng.chance(0.1)) econCodes = [...econCodes, rng.pick(Object.keys(SYNTHETIC_ECON))];
    econCodes = [...new Set(econCodes)].sort();
    const parts = rng.split(amount, econCodes.length);
    const econ = econCodes.map((code, k) => ({ code, name: econName(cat, code), amount: parts[k] }));
    for (const l of econ) econCell(l.code, source).project += l.amount;
    const inds: GenProject['indicators'] = [];
    for (const [l1, l2, gens] of rng.sample(PROJECT_INDICATORS, rng.int(3, PROJECT_INDICATORS.length))) {
      inds.push({ level1: l1, level2: l2, lines: rng.sample(gens, rng.int(1, gens.length)).map((g) => g(rng)) });
    }
    projects.push({
      name: pname, content: rng.pick(CONTENT), funcRefs, amount, source, econ, goal: rng.pick(GOALS), deadlineBlock: rng.chance(0.3), indicators: inds,
    });
  }

  const func = rollRows(funcLeaves, funcName, (c) => (c.length === 7 ? c.slice(0, 5) : c.length === 5 ? c.slice(0, 3) : undefined));
  const econ = rollRows(econLeaves, (c) => econName(cat, c), (c) => (c.length === 5 ? c.slice(0, 3) : undefined));

  // Government economic classification through the correspondence (对照 lines where the catalog has none).
  const mapping: Array<[string, string]> = [];
  const govLeaves = new Map<string, Map<Src, number>>();
  for (const [code, bySrc] of econLeaves) {
    let g = cat.mapDept(code, kindClass, new Map());
    if (!g) {
      g = GOV_FALLBACK[code.slice(0, 3)][kindClass];
      mapping.push([code, g]);
    }
    const m = govLeaves.get(g) ?? new Map<Src, number>();
    govLeaves.set(g, m);
    for (const [src, c] of bySrc) m.set(src, (m.get(src) ?? 0) + c.personnel + c.public + c.project);
  }
  const gov: GenUnit['gov'] = [];
  let govTotal = 0;
  const govParents = new Map<string, number>();
  for (const [g, m] of govLeaves) {
    for (const v of m.values()) govTotal += v;
    // A parent row names no source: its total over all sources.
    for (const v of m.values()) govParents.set(g.slice(0, 3), (govParents.get(g.slice(0, 3)) ?? 0) + v);
  }
  for (const code of [...new Set([...govLeaves.keys(), ...govParents.keys()])].sort()) {
    if (code.length === 3) {
      gov.push({ code, name: govName(cat, code), source: DEFAULT_SRC, amount: govParents.get(code) || undefined });
      continue;
    }
    const m = govLeaves.get(code)!;
    for (const src of [...m.keys()].sort()) gov.push({ code, name: govName(cat, code), source: src, amount: m.get(src) });
  }

  // Income: by source, from the function classification's leaves.
  const bySource = new Map<Src, number>();
  for (const m of funcLeaves.values()) for (const [src, c] of m) bySource.set(src, (bySource.get(src) ?? 0) + c.personnel + c.public + c.project);
  const general = bySource.get(DEFAULT_SRC) ?? 0;
  const unitFunds = bySource.get('事业收入') ?? 0;
  const total = general + unitFunds;
  const income: GenUnit['income'] = [
    { item: '一般公共预算', amount: general }, { item: '政府性基金预算' }, { item: '国有资本经营预算' }, { item: '财政专户管理资金' },
    { item: '事业收入', amount: unitFunds || undefined }, { item: '事业单位经营收入' }, { item: '上级补助收入' }, { item: '附属单位上缴收入' }, { item: '其他收入' },
    { item: '财政拨款', amount: general }, { item: '单位资金', amount: unitFunds || undefined }, { item: '本年收入合计', amount: total },
    { item: '上年结转结余' }, { item: '收入总计', amount: total },
  ];

  // 三公: bounded by the economic lines they are paid from.
  const econTotalOf = (code: string): number => {
    let s = 0;
    for (const c of econLeaves.get(code)?.values() ?? []) s += c.personnel + c.public + c.project;
    return s;
  };
  const reception = econTotalOf('30217') ? rng.int(0, econTotalOf('30217')) : 0;
  const run = econTotalOf('30231') ? rng.int(0, econTotalOf('30231')) : 0;
  const opt = (v: number): number | undefined => (v ? v : undefined);
  const sangong: GenUnit['sangong'] = [
    { item: '合计', amount: reception + run }, { item: '因公出国（境）费' }, { item: '公务用车购置及运行费', amount: opt(run) },
    { item: '公务用车购置费' }, { item: '公务用车运行费', amount: opt(run) }, { item: '公务接待费', amount: opt(reception) },
  ];

  const basic = P + Q;
  const taskNames = rng.sample(TASKS, rng.int(2, 4));
  const taskAmounts = rng.split(basic, taskNames.length);
  const overallIndicators = rng.sample(OVERALL_INDICATORS, rng.int(3, OVERALL_INDICATORS.length)).map(([level1, level2, lines]) => ({ level1, level2, lines: rng.sample(lines, rng.int(1, lines.length)) }));

  return {
    name,
    code: String(rng.int(100000, 999999)).padStart(6, '0'),
    region: `2104${String(rng.int(0, 99999)).padStart(5, '0')}`,
    year: 2025,
    supervisor: city + dept,
    kind: kindClass === 'admin' ? '行政单位' : '事业单位',
    kindClass,
    grouping,
    income,
    funcTotal: func.total,
    func: func.rows,
    econTotal: econ.total,
    econ: econ.rows,
    govTotal,
    gov,
    mapping,
    sangong,
    projects,
    tasks: taskNames.map((n, i) => ({ name: n, amount: taskAmounts[i] })),
    overallGoal: rng.pick(GOALS),
    overallIndicators,
    carry: 0,
  };
}

// ── text ─────────────────────────────────────────────────────────────────────────────────────────────

/** Formats hundredths as a decimal amount with two decimals (`162,953.23` or `162953.23`). */
export function fmtAmount(v: number, grouping: boolean): string {
  const neg = v < 0;
  const a = Math.abs(v);
  let int = String(Math.floor(a / 100));
  const frac = String(a % 100).padStart(2, '0');
  if (grouping) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${int}.${frac}`;
}

function rowText(r: { code: string; name: string; source: Src; cells: Cells }, g: boolean, withTotal = true): string {
  const c = r.cells;
  const basic = c.personnel + c.public;
  const total = basic + c.project;
  const parts: string[] = [r.code === '' ? '合计' : `${r.code} ${r.name}`];
  if (r.source) parts.push(`来源 ${r.source}`);
  if (isEmpty(c)) return parts.join(' ');
  if (withTotal) parts.push(fmtAmount(total, g));
  if (basic) parts.push(`基本 ${fmtAmount(basic, g)}`);
  if (c.personnel) parts.push(`人员 ${fmtAmount(c.personnel, g)}`);
  if (c.public) parts.push(`公用 ${fmtAmount(c.public, g)}`);
  if (c.project) parts.push(`项目 ${fmtAmount(c.project, g)}`);
  return parts.join(' ');
}

function unitText(u: GenUnit, indent: string): string[] {
  const g = u.grouping;
  const i1 = indent + '  ';
  const i2 = i1 + '  ';
  const i3 = i2 + '  ';
  const out: string[] = [];
  const amt = (v: number | undefined): string => (v === undefined ? '' : ' ' + fmtAmount(v, g));
  out.push(`${indent}单位 ${u.name} {`);
  out.push(`${i1}编码 ${u.code}`, `${i1}区划 ${u.region}`, `${i1}年度 ${u.year}`, `${i1}金额单位 万元`, `${i1}主管部门 ${u.supervisor}`, `${i1}性质 ${u.kind}`, '');
  out.push(`${i1}# 表1 收支预算总表（收入栏）· 表2 收入预算总表`, `${i1}收入 {`);
  for (const l of u.income) out.push(`${i2}${l.item}${amt(l.amount)}`);
  out.push(`${i1}}`, '');
  out.push(`${i1}# 表3 支出预算总表 · 表5 · 表10 支出功能分类预算表`, `${i1}支出 {`);
  out.push(i2 + rowText({ code: '', name: '', source: '', cells: u.funcTotal }, g));
  for (const r of u.func) out.push(i2 + rowText(r, g));
  const t = u.funcTotal.personnel + u.funcTotal.public + u.funcTotal.project;
  out.push(`${i2}年终结转结余`, `${i2}本年支出合计${amt(t)}`, `${i2}支出总计${amt(t + u.carry)}`, `${i1}}`, '');
  out.push(`${i1}# 表12 支出经济分类预算表（部门预算）· 表6`, `${i1}经济分类 {`);
  out.push(i2 + rowText({ code: '', name: '', source: '', cells: u.econTotal }, g));
  for (const r of u.econ) out.push(i2 + rowText(r, g));
  out.push(`${i1}}`, '');
  out.push(`${i1}# 表11 支出经济分类预算表（政府预算）`, `${i1}政府经济分类 {`, `${i2}合计${amt(u.govTotal)}`);
  for (const r of u.gov) out.push(`${i2}${r.code} ${r.name}${r.source ? ' 来源 ' + r.source : ''}${amt(r.amount)}`);
  out.push(`${i1}}`);
  if (u.mapping.length) {
    out.push(`${i1}对照 {`);
    for (const [d, gv] of u.mapping) out.push(`${i2}${d} ${gv}`);
    out.push(`${i1}}`);
  }
  out.push('', `${i1}# 表7 财政拨款预算“三公”经费支出表`, `${i1}三公 {`);
  for (const l of u.sangong) out.push(`${i2}${l.item}${amt(l.amount)}`);
  out.push(`${i1}}`, '');
  // Every table a unit may state as empty (the statement table: statements.ts), stated empty.
  out.push(...EMPTY_TABLES.map((w) => `${i1}${w} 无`), '');
  out.push(`${i1}# 表16 部门（单位）整体绩效目标表`, `${i1}整体绩效 {`);
  for (const tk of u.tasks) out.push(`${i2}任务 ${tk.name} ${fmtAmount(tk.amount, g)}`);
  out.push(`${i2}年度目标 ${u.overallGoal}`, `${i2}指标 {`);
  for (const b of u.overallIndicators) {
    out.push(`${i3}一级 ${b.level1}`, `${i3}二级 ${b.level2}`);
    for (const l of b.lines) out.push(`${i3}${l} ${u.year}-12`);
  }
  out.push(`${i2}}`, `${i1}}`);
  for (const p of u.projects) {
    out.push('', `${i1}项目 ${p.name} {`, `${i2}内容 ${p.content}`);
    for (const r of p.funcRefs) out.push(`${i2}功能科目 ${r.code}${amt(r.amount)}`);
    out.push(p.source ? `${i2}${p.source} ${fmtAmount(p.amount, g)}` : `${i2}金额 ${fmtAmount(p.amount, g)}`);
    out.push(`${i2}主管部门 ${u.supervisor}`, `${i2}实施单位 ${u.name}`, `${i2}总体目标 ${p.goal}`, `${i2}经济分类 {`);
    for (const l of p.econ) out.push(`${i3}${l.code} ${l.name} ${fmtAmount(l.amount, g)}`);
    out.push(`${i2}}`, `${i2}指标 {`);
    if (p.deadlineBlock) out.push(`${i3}时限 ${u.year}-12`);
    let l1 = '';
    for (const b of p.indicators) {
      if (b.level1 !== l1) out.push(`${i3}一级 ${b.level1}`);
      l1 = b.level1;
      out.push(`${i3}二级 ${b.level2}`);
      for (const l of b.lines) out.push(p.deadlineBlock ? `${i3}${l}` : `${i3}${l} ${u.year}-12`);
    }
    out.push(`${i2}}`, `${i1}}`);
  }
  out.push(`${indent}}`);
  return out;
}

// ── JSON ─────────────────────────────────────────────────────────────────────────────────────────────

const num = (v: number | undefined): number | null => (v === undefined ? null : v / 100);

function cellsJson(c: Cells): Record<string, number> {
  const basic = c.personnel + c.public;
  return { total: (basic + c.project) / 100, basic: basic / 100, personnel: c.personnel / 100, public: c.public / 100, project: c.project / 100 };
}

function unitJson(u: GenUnit, department: string): unknown {
  return {
    name: u.name, department, code: u.code, region: u.region, year: u.year, moneyUnit: '万元', supervisor: u.supervisor, kind: u.kind,
    income: u.income.map((l) => ({ item: l.item, amount: num(l.amount) })),
    func: {
      total: cellsJson(u.funcTotal),
      rows: u.func.map((r) => ({ code: r.code, name: r.name, source: r.source || null, ...cellsJson(r.cells) })),
      yearEndCarry: null, currentTotal: num(u.funcTotal.personnel + u.funcTotal.public + u.funcTotal.project),
      grandTotal: num(u.funcTotal.personnel + u.funcTotal.public + u.funcTotal.project + u.carry),
    },
    econ: { total: cellsJson(u.econTotal), rows: u.econ.map((r) => ({ code: r.code, name: r.name, source: r.source || null, ...cellsJson(r.cells) })) },
    gov: { total: num(u.govTotal), rows: u.gov.map((r) => ({ code: r.code, name: r.name, source: r.source || null, amount: num(r.amount) })) },
    mapping: u.mapping.map(([dept, gov]) => ({ dept, gov })),
    sangong: u.sangong.map((l) => ({ item: l.item, amount: num(l.amount) })),
    lists: { fundExp: [], debt: [], procurement: [], services: [], special: [] },
    overall: {
      tasks: u.tasks.map((t) => ({ name: t.name, amount: num(t.amount) })), goal: u.overallGoal,
      indicators: u.overallIndicators.flatMap((b) => b.lines.map((l) => ({ level1: b.level1, level2: b.level2, text: l, deadline: `${u.year}-12` }))),
    },
    projects: u.projects.map((p) => ({
      name: p.name, content: p.content, funcRefs: p.funcRefs.map((r) => ({ code: r.code, amount: num(r.amount) })),
      amount: num(p.amount), source: p.source || '一般公共预算', supervisor: u.supervisor, implementer: u.name, goal: p.goal,
      econ: p.econ.map((l) => ({ code: l.code, name: l.name, amount: num(l.amount) })),
      indicators: p.indicators.flatMap((b) => b.lines.map((l) => ({ level1: b.level1, level2: b.level2, text: l, deadline: `${u.year}-12` }))),
    })),
  };
}

// ── entry points ─────────────────────────────────────────────────────────────────────────────────────

export interface GenOptions {
  seed: number;
  /** Target number of lines; units are added until it is reached. */
  lines: number;
}

export interface GeneratedBudget {
  text: string;
  /** The same facts as JSON. */
  json: string;
  lines: number;
  units: number;
  /** Start offset of each unit's `单位` line (for edit benchmarks). */
  unitOffsets: number[];
}

/**
 * A budget of about `lines` lines: departments, each written either as a `部门 … { … }` block holding its
 * units or as a `部门 …` line followed by its units at the top level.
 */
export function generateBudget(opts: GenOptions): GeneratedBudget {
  const rng = new Rng(opts.seed);
  const cat = builtinCatalog().forEdition(2025);
  const ft = funcTree(cat);
  const out: string[] = [
    `# 合成预算（种子 ${opts.seed}，约 ${opts.lines} 行）· synthetic budget (seed ${opts.seed}, ~${opts.lines} lines)`,
    '# 由 bench/generate.ts 生成；所有声明的合计均正确。',
    '年度 2025',
    '金额单位 万元',
    '',
  ];
  const jsonUnits: unknown[] = [];
  const unitOffsets: number[] = [];
  let offset = out.reduce((a, l) => a + l.length + 1, 0);
  const push = (lines: string[]): void => {
    for (const l of lines) {
      out.push(l);
      offset += l.length + 1;
    }
  };
  const usedNames = new Set<string>();
  let units = 0;
  while (out.length < opts.lines) {
    const city = rng.pick(CITIES);
    const dept = rng.pick(DEPTS);
    const deptName = city + dept;
    const asBlock = rng.chance(0.5);
    const n = rng.int(1, 8);
    push(asBlock ? [`部门 ${deptName} {`] : [`部门 ${deptName}`, '']);
    for (let i = 0; i < n && out.length < opts.lines; i++) {
      const u = genUnit(rng, cat, ft, units, dept, city, usedNames);
      const indent = asBlock ? '  ' : '';
      unitOffsets.push(offset + indent.length);
      push(unitText(u, indent));
      push(['']);
      jsonUnits.push(unitJson(u, deptName));
      units++;
    }
    if (asBlock) push(['}', '']);
  }
  const text = out.join('\n') + '\n';
  return { text, json: JSON.stringify({ year: 2025, moneyUnit: '万元', units: jsonUnits }), lines: out.length, units, unitOffsets };
}

/** A workspace of `files` files, one unit each. */
export function generateWorkspace(seed: number, files: number): Array<{ name: string; text: string }> {
  const rng = new Rng(seed);
  const cat = builtinCatalog().forEdition(2025);
  const ft = funcTree(cat);
  const usedNames = new Set<string>();
  const out: Array<{ name: string; text: string }> = [];
  for (let i = 0; i < files; i++) {
    const city = rng.pick(CITIES);
    const dept = rng.pick(DEPTS);
    const u = genUnit(rng, cat, ft, i, dept, city, usedNames);
    const lines = [`# ${u.name} ${u.year}年单位预算批复表（合成）`, `部门 ${city}${dept}`, '', ...unitText(u, '')];
    out.push({ name: `unit-${String(i + 1).padStart(4, '0')}.budget`, text: lines.join('\n') + '\n' });
  }
  return out;
}
