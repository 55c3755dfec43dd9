import type { TargetRow } from '@jixiao/core/submission/performance-target.ts';
import { newTargetRow } from '@jixiao/core/submission/target-row.ts';
import { derivedId } from '@jixiao/functions/records/derived-id.ts';
import { demoId } from '#infra/local/demo-data.ts';

/**
 * Demo projects for the 2027 budget (prepared in late 2026), spread over the review so every
 * screen and queue has something in it: drafts, a return with a comment on one row, versions
 * waiting at each level, an approved and budgeted one, and a major project with an ex-ante
 * assessment commissioned from a third party. Amounts are in fen.
 */
export const demoProjectYear = 2027;

export type DemoReach =
  | 'draft'
  | 'unit-submitted'
  | 'returned'
  | 'dept-approved'
  | 'first-reviewed'
  | 'approved'
  | 'budgeted';

export interface DemoProject {
  key: string;
  code: string;
  name: string;
  department: string;
  unit: string;
  category: 'PERSONNEL' | 'OPERATIONAL' | 'SPECIFIC_PURPOSE';
  nature: 'NEW' | 'CONTINUING';
  recurrence: 'ONE_OFF' | 'RECURRING';
  periodStart: number;
  periodEnd: number;
  funds: { fiscal: number; carryOver: number; other: number };
  mediumTermTotal?: number;
  functionalClass: string;
  majorPolicy: boolean;
  description: string;
  mediumTermGoal?: string;
  annualGoal: string;
  rows: TargetRow[];
  reach: DemoReach;
  /** An ex-ante assessment commissioned from this agency (credit code), left in draft. */
  exAnteAgency?: string;
  /** The budget year, when not the demo's 2027 (a 2026 project under key evaluation now). */
  fiscalYear?: number;
}

const 万元 = 1_000_000;

/** The id a demo library entry gets when the 2026 library is rolled over into `year` (as the roll-over makes it). */
export const demoLibraryEntry = (code: string, year: number): string =>
  derivedId(`indicator-roll-over:${demoId(`indicator:${code}`)}:${year}`);

type RowInput = Partial<TargetRow> &
  Pick<TargetRow, 'level1' | 'level2' | 'name' | 'operator' | 'value' | 'unit' | 'weight'>;

const row = (project: string, n: number, r: RowInput): TargetRow =>
  newTargetRow(demoId(`target-row:${project}:${n}`), {
    scoringStandard:
      r.operator === 'QUALITATIVE'
        ? '达成年度指标得80%—100%；部分达成并具有一定效果得60%—80%；未达成且效果较差得0—60%'
        : '完成值达到目标值得满分，未达到的按完成比例计分',
    ...r,
  });

/** A row taken from the 2027 library (the demo library rolled over from 2026). */
const fromLibrary = (project: string, n: number, code: string, r: RowInput): TargetRow =>
  row(project, n, {
    ...r,
    custom: false,
    libraryIndicatorId: demoLibraryEntry(code, demoProjectYear),
  });

const kindergarten = 'DL2027JY0001';
const cctv = 'DL2027JY0002';
const training = 'DL2027JY0003';
const cloud = 'DL2027JY0004';
const aid = 'DL2027JY0005';
const planning = 'DL2027FG0001';
const elderly = 'DL2027MZ0001';
/** The 2026 project the demo's key evaluation looks at (物业服务, as in Dongli's 2022 report). */
export const propertyServices = 'DL2026ZJ0003';

export const demoProjects: DemoProject[] = [
  {
    key: kindergarten,
    code: kindergarten,
    name: '普惠性幼儿园生均公用经费补助',
    department: '102',
    unit: '102001',
    category: 'SPECIFIC_PURPOSE',
    nature: 'CONTINUING',
    recurrence: 'RECURRING',
    periodStart: 2027,
    periodEnd: 2027,
    funds: { fiscal: 860 * 万元, carryOver: 0, other: 0 },
    functionalClass: '20502',
    majorPolicy: false,
    description: '按每生每年1,200元标准补助区内普惠性民办幼儿园公用经费。',
    annualGoal: '保障全区普惠性幼儿园正常运转，普惠性幼儿园覆盖率保持在85%以上。',
    rows: [
      row(kindergarten, 1, {
        level1: 'OUTPUT',
        level2: 'QUANTITY',
        name: '补助幼儿园数量',
        operator: 'GTE',
        value: '42',
        unit: '所',
        weight: 20,
        core: true,
      }),
      row(kindergarten, 2, {
        level1: 'OUTPUT',
        level2: 'QUANTITY',
        name: '受益幼儿人数',
        operator: 'GTE',
        value: '7100',
        unit: '人',
        weight: 15,
      }),
      row(kindergarten, 3, {
        level1: 'OUTPUT',
        level2: 'TIMELINESS',
        name: '资金拨付及时率',
        operator: 'EQ',
        value: '100',
        unit: '%',
        weight: 10,
      }),
      row(kindergarten, 4, {
        level1: 'OUTPUT',
        level2: 'COST',
        name: '生均补助标准',
        operator: 'LTE',
        value: '1200',
        unit: '元/生·年',
        weight: 5,
      }),
      row(kindergarten, 5, {
        level1: 'BENEFIT',
        level2: 'SOCIAL',
        name: '普惠性幼儿园覆盖率',
        operator: 'GTE',
        value: '85',
        unit: '%',
        weight: 30,
        core: true,
      }),
      row(kindergarten, 6, {
        level1: 'SATISFACTION',
        level2: 'SERVICE_RECIPIENT',
        name: '幼儿家长满意度',
        operator: 'GTE',
        value: '90',
        unit: '%',
        weight: 10,
      }),
    ],
    reach: 'draft',
  },
  {
    key: cctv,
    code: cctv,
    name: '中小学校园安全视频监控系统运维',
    department: '102',
    unit: '102001',
    category: 'OPERATIONAL',
    nature: 'CONTINUING',
    recurrence: 'RECURRING',
    periodStart: 2027,
    periodEnd: 2027,
    funds: { fiscal: 186 * 万元, carryOver: 12 * 万元, other: 0 },
    functionalClass: '20599',
    majorPolicy: false,
    description: '全区58所中小学校园视频监控前端、存储及联网平台的年度运维。',
    annualGoal: '视频监控系统全年稳定运行，故障及时修复，校园安全事件可追溯。',
    rows: [
      row(cctv, 1, {
        level1: 'OUTPUT',
        level2: 'QUANTITY',
        name: '运维覆盖学校数',
        operator: 'GTE',
        value: '58',
        unit: '所',
        weight: 20,
      }),
      row(cctv, 2, {
        level1: 'OUTPUT',
        level2: 'QUALITY',
        name: '系统正常运行率',
        operator: 'GTE',
        value: '98',
        unit: '%',
        weight: 15,
        core: true,
      }),
      row(cctv, 3, {
        level1: 'OUTPUT',
        level2: 'TIMELINESS',
        name: '故障响应时间',
        operator: 'LTE',
        value: '4',
        unit: '小时',
        weight: 10,
      }),
      row(cctv, 4, {
        level1: 'OUTPUT',
        level2: 'COST',
        name: '单点位年运维费用',
        operator: 'LTE',
        value: '650',
        unit: '元/点位',
        weight: 5,
      }),
      row(cctv, 5, {
        level1: 'BENEFIT',
        level2: 'SOCIAL',
        name: '校园安全事件可追溯',
        operator: 'QUALITATIVE',
        value: '全部可追溯',
        unit: '',
        weight: 30,
      }),
      row(cctv, 6, {
        level1: 'SATISFACTION',
        level2: 'SERVICE_RECIPIENT',
        name: '学校满意度',
        operator: 'GTE',
        value: '90',
        unit: '%',
        weight: 10,
      }),
    ],
    reach: 'budgeted',
  },
  {
    key: training,
    code: training,
    name: '中小学教师继续教育培训',
    department: '102',
    unit: '102001',
    category: 'SPECIFIC_PURPOSE',
    nature: 'CONTINUING',
    recurrence: 'RECURRING',
    periodStart: 2027,
    periodEnd: 2027,
    funds: { fiscal: 320 * 万元, carryOver: 0, other: 15 * 万元 },
    functionalClass: '20508',
    majorPolicy: false,
    description: '全员培训、骨干教师研修和新教师入职培训。',
    annualGoal: '完成全区教师年度继续教育学时要求，提升课堂教学能力。',
    rows: [
      row(training, 1, {
        level1: 'OUTPUT',
        level2: 'QUANTITY',
        name: '培训教师人次',
        operator: 'GTE',
        value: '4800',
        unit: '人次',
        weight: 20,
      }),
      row(training, 2, {
        level1: 'OUTPUT',
        level2: 'QUALITY',
        name: '培训考核合格率',
        operator: 'GTE',
        value: '95',
        unit: '%',
        weight: 15,
      }),
      row(training, 3, {
        level1: 'OUTPUT',
        level2: 'TIMELINESS',
        name: '年度培训计划完成时限',
        operator: 'LTE',
        value: '11',
        unit: '月',
        weight: 10,
      }),
      row(training, 4, {
        level1: 'OUTPUT',
        level2: 'COST',
        name: '人均培训费用',
        operator: 'LTE',
        value: '650',
        unit: '元/人次',
        weight: 5,
      }),
      row(training, 5, {
        level1: 'BENEFIT',
        level2: 'SOCIAL',
        name: '教师继续教育学时达标率',
        operator: 'GTE',
        value: '98',
        unit: '%',
        weight: 30,
      }),
      row(training, 6, {
        level1: 'SATISFACTION',
        level2: 'SERVICE_RECIPIENT',
        name: '参训教师满意度',
        operator: 'GTE',
        value: '90',
        unit: '%',
        weight: 10,
      }),
    ],
    reach: 'dept-approved',
  },
  {
    key: cloud,
    code: cloud,
    name: '智慧教育云平台建设',
    department: '102',
    unit: '102001',
    category: 'SPECIFIC_PURPOSE',
    nature: 'NEW',
    recurrence: 'ONE_OFF',
    periodStart: 2027,
    periodEnd: 2029,
    funds: { fiscal: 1_200 * 万元, carryOver: 0, other: 0 },
    mediumTermTotal: 3_000 * 万元,
    functionalClass: '20599',
    majorPolicy: true,
    description: '建设区级教育云平台，三年内接入全区中小学和幼儿园。',
    mediumTermGoal: '到2029年建成覆盖全区各级各类学校的智慧教育云平台，实现优质资源共享。',
    annualGoal: '2027年完成平台一期建设，接入30所中小学。',
    rows: [
      row(cloud, 1, {
        level1: 'OUTPUT',
        level2: 'QUANTITY',
        name: '接入学校数',
        operator: 'GTE',
        value: '30',
        unit: '所',
        weight: 20,
        core: true,
      }),
      row(cloud, 2, {
        level1: 'OUTPUT',
        level2: 'QUALITY',
        name: '平台验收合格率',
        operator: 'EQ',
        value: '100',
        unit: '%',
        weight: 15,
      }),
      row(cloud, 3, {
        level1: 'OUTPUT',
        level2: 'TIMELINESS',
        name: '一期建设完成时间',
        operator: 'LTE',
        value: '12',
        unit: '月',
        weight: 10,
      }),
      row(cloud, 4, {
        level1: 'OUTPUT',
        level2: 'COST',
        name: '一期建设成本',
        operator: 'LTE',
        value: '1200',
        unit: '万元',
        weight: 5,
      }),
      row(cloud, 5, {
        level1: 'BENEFIT',
        level2: 'SOCIAL',
        name: '优质数字教育资源共享学校占比',
        operator: 'GTE',
        value: '50',
        unit: '%',
        weight: 20,
      }),
      row(cloud, 6, {
        level1: 'BENEFIT',
        level2: 'SUSTAINABLE',
        name: '平台持续运行机制',
        operator: 'QUALITATIVE',
        value: '建立运维管理制度',
        unit: '',
        weight: 10,
      }),
      row(cloud, 7, {
        level1: 'SATISFACTION',
        level2: 'SERVICE_RECIPIENT',
        name: '师生满意度',
        operator: 'GTE',
        value: '85',
        unit: '%',
        weight: 10,
      }),
      row(cloud, 8, {
        period: 'MEDIUM_TERM',
        level1: 'OUTPUT',
        level2: 'QUANTITY',
        name: '累计接入学校数',
        operator: 'GTE',
        value: '96',
        unit: '所',
        weight: 0,
      }),
    ],
    reach: 'first-reviewed',
    exAnteAgency: '91120110MA05JX8K2Q',
  },
  {
    key: aid,
    code: aid,
    name: '家庭经济困难学生资助',
    department: '102',
    unit: '102001',
    category: 'SPECIFIC_PURPOSE',
    nature: 'CONTINUING',
    recurrence: 'RECURRING',
    periodStart: 2027,
    periodEnd: 2027,
    funds: { fiscal: 240 * 万元, carryOver: 0, other: 0 },
    functionalClass: '20509',
    majorPolicy: false,
    description: '对家庭经济困难学生发放生活补助，应助尽助。',
    annualGoal: '按标准足额发放困难学生生活补助，做到应助尽助。',
    rows: [
      fromLibrary(aid, 1, 'GX-TS-001', {
        level1: 'OUTPUT',
        level2: 'QUANTITY',
        name: '补贴兑现主体数量',
        operator: 'GTE',
        value: '1200',
        unit: '户',
        weight: 20,
      }),
      fromLibrary(aid, 2, 'GX-TS-003', {
        level1: 'OUTPUT',
        level2: 'QUALITY',
        name: '补贴申报材料审核合规率',
        operator: 'EQ',
        value: '100',
        unit: '%',
        weight: 15,
      }),
      fromLibrary(aid, 3, 'GX-TS-005', {
        level1: 'OUTPUT',
        level2: 'TIMELINESS',
        name: '补贴资金拨付时限',
        operator: 'LTE',
        value: '15',
        unit: '个工作日',
        weight: 10,
      }),
      fromLibrary(aid, 4, 'GX-TS-006', {
        level1: 'OUTPUT',
        level2: 'COST',
        name: '户均补贴金额',
        operator: 'LTE',
        value: '0.2',
        unit: '万元/户',
        weight: 5,
      }),
      fromLibrary(aid, 5, 'GX-TS-008', {
        level1: 'BENEFIT',
        level2: 'SOCIAL',
        name: '政策目标实现程度',
        operator: 'QUALITATIVE',
        value: '达到预期目标',
        unit: '',
        weight: 30,
      }),
      fromLibrary(aid, 6, 'GX-TS-009', {
        level1: 'SATISFACTION',
        level2: 'SERVICE_RECIPIENT',
        name: '补贴对象满意度',
        operator: 'GTE',
        value: '90',
        unit: '%',
        weight: 10,
      }),
    ],
    reach: 'returned',
  },
  {
    key: planning,
    code: planning,
    name: '重点项目前期工作经费',
    department: '101',
    unit: '101001',
    category: 'SPECIFIC_PURPOSE',
    nature: 'CONTINUING',
    recurrence: 'RECURRING',
    periodStart: 2027,
    periodEnd: 2027,
    funds: { fiscal: 150 * 万元, carryOver: 0, other: 0 },
    functionalClass: '20104',
    majorPolicy: false,
    description: '区级重点建设项目可行性研究、评估论证等前期工作。',
    annualGoal: '完成年度重点项目前期论证，提高项目储备质量。',
    rows: [
      row(planning, 1, {
        level1: 'OUTPUT',
        level2: 'QUANTITY',
        name: '完成前期论证项目数',
        operator: 'GTE',
        value: '12',
        unit: '个',
        weight: 25,
      }),
      row(planning, 2, {
        level1: 'OUTPUT',
        level2: 'QUALITY',
        name: '论证报告评审通过率',
        operator: 'GTE',
        value: '90',
        unit: '%',
        weight: 15,
      }),
      row(planning, 3, {
        level1: 'OUTPUT',
        level2: 'TIMELINESS',
        name: '论证完成时限',
        operator: 'LTE',
        value: '10',
        unit: '月',
        weight: 10,
      }),
      row(planning, 4, {
        level1: 'BENEFIT',
        level2: 'ECONOMIC',
        name: '入库项目储备规模',
        operator: 'GTE',
        value: '20',
        unit: '亿元',
        weight: 30,
      }),
      row(planning, 5, {
        level1: 'SATISFACTION',
        level2: 'SERVICE_RECIPIENT',
        name: '项目单位满意度',
        operator: 'GTE',
        value: '90',
        unit: '%',
        weight: 10,
      }),
    ],
    reach: 'unit-submitted',
    exAnteAgency: '91120116MA06B3T71L',
  },
  {
    key: elderly,
    code: elderly,
    name: '居家养老服务补贴',
    department: '103',
    unit: '103001',
    category: 'SPECIFIC_PURPOSE',
    nature: 'CONTINUING',
    recurrence: 'RECURRING',
    periodStart: 2027,
    periodEnd: 2027,
    funds: { fiscal: 520 * 万元, carryOver: 0, other: 0 },
    functionalClass: '20802',
    majorPolicy: false,
    description: '为经济困难的高龄、失能老年人购买居家养老服务。',
    annualGoal: '为符合条件的老年人提供居家养老服务，提升老年人生活质量。',
    rows: [
      row(elderly, 1, {
        level1: 'OUTPUT',
        level2: 'QUANTITY',
        name: '服务老年人数',
        operator: 'GTE',
        value: '2600',
        unit: '人',
        weight: 20,
      }),
      row(elderly, 2, {
        level1: 'OUTPUT',
        level2: 'QUALITY',
        name: '服务质量抽查合格率',
        operator: 'GTE',
        value: '95',
        unit: '%',
        weight: 15,
      }),
      row(elderly, 3, {
        level1: 'OUTPUT',
        level2: 'TIMELINESS',
        name: '补贴按月发放率',
        operator: 'EQ',
        value: '100',
        unit: '%',
        weight: 10,
      }),
      row(elderly, 4, {
        level1: 'OUTPUT',
        level2: 'COST',
        name: '人均月服务补贴',
        operator: 'LTE',
        value: '200',
        unit: '元/人·月',
        weight: 5,
      }),
      row(elderly, 5, {
        level1: 'BENEFIT',
        level2: 'SOCIAL',
        name: '老年人生活质量改善',
        operator: 'QUALITATIVE',
        value: '明显改善',
        unit: '',
        weight: 30,
      }),
      row(elderly, 6, {
        level1: 'SATISFACTION',
        level2: 'SERVICE_RECIPIENT',
        name: '服务对象满意度',
        operator: 'GTE',
        value: '90',
        unit: '%',
        weight: 10,
      }),
    ],
    reach: 'dept-approved',
  },
  {
    key: propertyServices,
    code: propertyServices,
    name: '老旧小区物业服务补贴',
    department: '107',
    unit: '107001',
    category: 'SPECIFIC_PURPOSE',
    nature: 'CONTINUING',
    recurrence: 'RECURRING',
    periodStart: 2026,
    periodEnd: 2026,
    funds: { fiscal: 1_860 * 万元, carryOver: 0, other: 0 },
    functionalClass: '21203',
    majorPolicy: false,
    description: '对已完成提升改造、引入专业化物业服务的老旧小区，按建筑面积给予物业服务补贴。',
    annualGoal: '保障 46 个老旧小区物业服务正常运转，服务质量达标，居民满意度不低于 85%。',
    rows: [
      row(propertyServices, 1, {
        level1: 'OUTPUT',
        level2: 'QUANTITY',
        name: '补贴覆盖小区数',
        operator: 'GTE',
        value: '46',
        unit: '个',
        weight: 20,
      }),
      row(propertyServices, 2, {
        level1: 'OUTPUT',
        level2: 'QUALITY',
        name: '物业服务考核达标率',
        operator: 'GTE',
        value: '90',
        unit: '%',
        weight: 15,
      }),
      row(propertyServices, 3, {
        level1: 'OUTPUT',
        level2: 'TIMELINESS',
        name: '补贴按季度拨付率',
        operator: 'EQ',
        value: '100',
        unit: '%',
        weight: 10,
      }),
      row(propertyServices, 4, {
        level1: 'OUTPUT',
        level2: 'COST',
        name: '每平方米月补贴标准',
        operator: 'LTE',
        value: '0.6',
        unit: '元/㎡·月',
        weight: 5,
      }),
      row(propertyServices, 5, {
        level1: 'BENEFIT',
        level2: 'SOCIAL',
        name: '小区环境卫生和秩序改善',
        operator: 'QUALITATIVE',
        value: '明显改善',
        unit: '',
        weight: 30,
      }),
      row(propertyServices, 6, {
        level1: 'SATISFACTION',
        level2: 'SERVICE_RECIPIENT',
        name: '小区居民满意度',
        operator: 'GTE',
        value: '85',
        unit: '%',
        weight: 10,
      }),
    ],
    reach: 'budgeted',
    fiscalYear: 2026,
  },
];
