import type { DepartmentSeries } from '@jixiao/core/organisation/department.ts';
import type { FinanceSectionType } from '@jixiao/core/organisation/finance-section.ts';
import type { UnitType } from '@jixiao/core/organisation/unit.ts';
import type { Role } from '@jixiao/core/roles.ts';
import { derivedId } from '@jixiao/functions/records/derived-id.ts';

/**
 * Demo data for Dongli District, Tianjin (天津市东丽区), the reference case of docs/domain/README.md#the-reference-case:
 * the finance bureau's sections, departments in the three assessment series with their units,
 * three third-party agencies, and one demo person per role. Names of people and firms are made up.
 */
/** The demo stays in its late-2026 scenario (2026 executed, 2027's budget prepared) whatever the date. */
export const demoTenant = {
  id: '120110000',
  name: '天津市东丽区',
  shortName: '东丽区',
  calendar: { fiscalYear: 2026, budgetYear: 2027 },
};

/** Stable ids, so loading the demo twice replays the same creates and adds nothing. */
export const demoId = (name: string): string => derivedId(`jixiao-demo:${name}`);

export interface DemoSection {
  code: string;
  name: string;
  type: FinanceSectionType;
}

export const demoSections: DemoSection[] = [
  { code: 'XZZF', name: '行政政法科', type: 'BUSINESS' },
  { code: 'JKW', name: '教科文科', type: 'BUSINESS' },
  { code: 'JJJS', name: '经济建设科', type: 'BUSINESS' },
  { code: 'SHBZ', name: '社会保障科', type: 'BUSINESS' },
  { code: 'NYNC', name: '农业农村科', type: 'BUSINESS' },
  { code: 'JXK', name: '预算绩效管理科', type: 'PERFORMANCE' },
  { code: 'YSK', name: '预算科', type: 'BUDGET' },
  { code: 'GKK', name: '国库科', type: 'TREASURY' },
  { code: 'PSZX', name: '财政投资评审中心', type: 'REVIEW_CENTRE' },
];

export interface DemoDepartment {
  code: string;
  name: string;
  series: DepartmentSeries;
  section: string;
  isFinanceBureau?: boolean;
  units: { code: string; name: string; unitType: UnitType }[];
}

const own = (code: string, name: string) => ({
  code: `${code}001`,
  name: `${name}（本级）`,
  unitType: 'ADMINISTRATIVE' as const,
});

export const demoDepartments: DemoDepartment[] = [
  // 政府系列
  {
    code: '101',
    name: '东丽区发展和改革委员会',
    series: 'GOVERNMENT',
    section: 'JJJS',
    units: [own('101', '区发展改革委')],
  },
  {
    code: '102',
    name: '东丽区教育局',
    series: 'GOVERNMENT',
    section: 'JKW',
    units: [
      own('102', '区教育局'),
      { code: '102002', name: '东丽区教师发展中心', unitType: 'PUBLIC_INSTITUTION' },
      { code: '102003', name: '天津市东丽中学', unitType: 'PUBLIC_INSTITUTION' },
    ],
  },
  {
    code: '103',
    name: '东丽区民政局',
    series: 'GOVERNMENT',
    section: 'SHBZ',
    units: [own('103', '区民政局'), { code: '103002', name: '东丽区社会福利院', unitType: 'PUBLIC_INSTITUTION' }],
  },
  {
    code: '104',
    name: '东丽区财政局',
    series: 'GOVERNMENT',
    section: 'XZZF',
    isFinanceBureau: true,
    units: [own('104', '区财政局'), { code: '104002', name: '东丽区财政投资评审中心', unitType: 'PUBLIC_INSTITUTION' }],
  },
  {
    code: '105',
    name: '东丽区人力资源和社会保障局',
    series: 'GOVERNMENT',
    section: 'SHBZ',
    units: [own('105', '区人社局')],
  },
  {
    code: '106',
    name: '天津市东丽区生态环境局',
    series: 'GOVERNMENT',
    section: 'JJJS',
    units: [
      own('106', '区生态环境局'),
      { code: '106002', name: '东丽区生态环境监测站', unitType: 'PUBLIC_INSTITUTION' },
    ],
  },
  {
    code: '107',
    name: '东丽区住房和建设委员会',
    series: 'GOVERNMENT',
    section: 'JJJS',
    units: [own('107', '区住建委')],
  },
  {
    code: '108',
    name: '东丽区城市管理委员会',
    series: 'GOVERNMENT',
    section: 'JJJS',
    units: [own('108', '区城管委'), { code: '108002', name: '东丽区环境卫生管理所', unitType: 'PUBLIC_INSTITUTION' }],
  },
  {
    code: '109',
    name: '东丽区农业农村委员会',
    series: 'GOVERNMENT',
    section: 'NYNC',
    units: [
      own('109', '区农业农村委'),
      { code: '109002', name: '东丽区农业技术推广中心', unitType: 'PUBLIC_INSTITUTION' },
    ],
  },
  {
    code: '110',
    name: '东丽区卫生健康委员会',
    series: 'GOVERNMENT',
    section: 'SHBZ',
    units: [own('110', '区卫健委'), { code: '110002', name: '东丽区疾病预防控制中心', unitType: 'PUBLIC_INSTITUTION' }],
  },
  {
    code: '111',
    name: '东丽区退役军人事务局',
    series: 'GOVERNMENT',
    section: 'SHBZ',
    units: [
      own('111', '区退役军人事务局'),
      { code: '111002', name: '东丽区退役军人服务中心', unitType: 'PUBLIC_INSTITUTION' },
    ],
  },
  {
    code: '112',
    name: '东丽区人民政府国有资产监督管理委员会',
    series: 'GOVERNMENT',
    section: 'JJJS',
    units: [own('112', '区国资委')],
  },
  {
    code: '113',
    name: '东丽区市场监督管理局',
    series: 'GOVERNMENT',
    section: 'XZZF',
    units: [own('113', '区市场监管局')],
  },
  {
    code: '114',
    name: '东丽区文化和旅游局',
    series: 'GOVERNMENT',
    section: 'JKW',
    units: [own('114', '区文化和旅游局'), { code: '114002', name: '东丽区图书馆', unitType: 'PUBLIC_INSTITUTION' }],
  },
  // 党群系列
  {
    code: '201',
    name: '中共天津市东丽区委员会组织部',
    series: 'PARTY_MASS',
    section: 'XZZF',
    units: [own('201', '区委组织部'), { code: '201002', name: '东丽区党员教育中心', unitType: 'PUBLIC_INSTITUTION' }],
  },
  {
    code: '202',
    name: '中共天津市东丽区委员会宣传部',
    series: 'PARTY_MASS',
    section: 'JKW',
    units: [own('202', '区委宣传部')],
  },
  {
    code: '203',
    name: '中共天津市东丽区委员会政法委员会',
    series: 'PARTY_MASS',
    section: 'XZZF',
    units: [own('203', '区委政法委')],
  },
  { code: '204', name: '东丽区总工会', series: 'PARTY_MASS', section: 'XZZF', units: [own('204', '区总工会')] },
  {
    code: '205',
    name: '共青团天津市东丽区委员会',
    series: 'PARTY_MASS',
    section: 'XZZF',
    units: [own('205', '团区委')],
  },
  { code: '206', name: '东丽区妇女联合会', series: 'PARTY_MASS', section: 'XZZF', units: [own('206', '区妇联')] },
  // 街道园区系列
  {
    code: '301',
    name: '东丽区张贵庄街道办事处',
    series: 'STREET_PARK',
    section: 'XZZF',
    units: [own('301', '张贵庄街道')],
  },
  {
    code: '302',
    name: '东丽区丰年村街道办事处',
    series: 'STREET_PARK',
    section: 'XZZF',
    units: [own('302', '丰年村街道')],
  },
  {
    code: '303',
    name: '东丽区华明街道办事处',
    series: 'STREET_PARK',
    section: 'XZZF',
    units: [own('303', '华明街道')],
  },
  {
    code: '304',
    name: '东丽区金钟街道办事处',
    series: 'STREET_PARK',
    section: 'XZZF',
    units: [own('304', '金钟街道')],
  },
  {
    code: '305',
    name: '东丽区军粮城街道办事处',
    series: 'STREET_PARK',
    section: 'XZZF',
    units: [own('305', '军粮城街道')],
  },
  {
    code: '306',
    name: '天津东丽经济技术开发区管理委员会',
    series: 'STREET_PARK',
    section: 'JJJS',
    units: [own('306', '东丽开发区管委会')],
  },
];

export const demoAgencies = [
  { name: '天津津诚会计师事务所有限公司', creditCode: '91120110MA05JX8K2Q', kind: 'CPA_FIRM' as const },
  { name: '天津华泰资产评估有限公司', creditCode: '91120116MA06B3T71L', kind: 'ASSET_APPRAISAL' as const },
  { name: '天津财经大学预算绩效研究中心', creditCode: '12120000401359226R', kind: 'UNIVERSITY' as const },
];

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  department?: string;
  unit?: string;
  agency?: string;
  section?: string;
}

/** One person per role (three for the agency's leads); usernames are what the README lists and the sign-in page shows. */
export const demoUsers: DemoUser[] = [
  { username: 'admin', displayName: '王静', roles: ['tenant-admin'] },
  { username: 'perf-reviewer', displayName: '李明', roles: ['performance-section-reviewer'], section: 'JXK' },
  { username: 'business-reviewer', displayName: '张伟', roles: ['business-section-reviewer'], section: 'JKW' },
  { username: 'dept-reviewer', displayName: '陈芳', roles: ['department-reviewer'], department: '102' },
  { username: 'unit-preparer', displayName: '刘洋', roles: ['unit-preparer'], department: '102', unit: '102001' },
  { username: 'unit-approver', displayName: '赵丽', roles: ['unit-approver'], department: '102', unit: '102001' },
  { username: 'evaluator', displayName: '孙强', roles: ['evaluator'], agency: '91120110MA05JX8K2Q' },
  { username: 'agency-lead', displayName: '周敏', roles: ['agency-lead'], agency: '91120110MA05JX8K2Q' },
  // The agency's review is signed in three levels by different people (docs/domain/key-evaluation.md): 周敏 as project
  // manager, then its quality control and its signing partner.
  { username: 'agency-qc', displayName: '郑华', roles: ['agency-lead'], agency: '91120110MA05JX8K2Q' },
  { username: 'agency-partner', displayName: '冯军', roles: ['agency-lead'], agency: '91120110MA05JX8K2Q' },
  { username: 'observer', displayName: '吴刚', roles: ['observer'] },
];

/** Chinese names of the roles, for demo steps taken by nobody in `demoUsers`. */
const demoRoleNames: Record<Role, string> = {
  'tenant-admin': '系统管理员',
  'performance-section-reviewer': '绩效科审核人',
  'business-section-reviewer': '业务科室审核人',
  'department-reviewer': '主管部门审核人',
  'unit-preparer': '单位填报人',
  'unit-approver': '单位负责人',
  evaluator: '评价人员',
  'agency-lead': '机构负责人',
  observer: '观察员',
};

/** The organisation a demo step is taken for (ids as the seed makes them). */
export interface DemoActorOrganisation {
  roles: readonly Role[];
  departmentId?: string | undefined;
  unitId?: string | undefined;
  agencyId?: string | undefined;
  sectionId?: string | undefined;
}

/**
 * Who a demo step is recorded as: the demo person of that role and organisation (so timelines name
 * 刘洋 or 李明 and mark the signed-in person's own steps), else the role's name, so that no screen
 * shows a made-up id.
 */
export const demoActorIdentity = (actor: DemoActorOrganisation): { userId: string; displayName: string } | null => {
  const role = actor.roles[0];
  if (!role) return null;
  const matches = (code: string | undefined, kind: string, id: string | undefined) =>
    code === undefined || id === undefined || demoId(`${kind}:${code}`) === id;
  const person = demoUsers.find(
    (u) =>
      u.roles.includes(role) &&
      matches(u.department, 'department', actor.departmentId) &&
      matches(u.unit, 'unit', actor.unitId) &&
      matches(u.agency, 'agency', actor.agencyId) &&
      matches(u.section, 'section', actor.sectionId) &&
      // A unit's people act only for their own unit: another unit's step is nobody's in the demo.
      (u.unit === undefined || actor.unitId !== undefined),
  );
  if (person) return { userId: demoId(`user:${person.username}`), displayName: person.displayName };
  return { userId: '', displayName: demoRoleNames[role] };
};
