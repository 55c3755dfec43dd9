/**
 * 支出功能分类 (the functional classification of expenditure) as projects and library entries name it: its 类 (3 digits)
 * and their 款 (5 digits), docs/domain/submission.md ("Functional classification").
 *
 * Which edition: the Ministry of Finance's 《2025年政府收支分类科目》, general public budget (一般公共预算) 类 and 款 only, as
 * they stood in the 2019 reform and its yearly amendments up to 2025. Left out on purpose, because this table may not guess:
 * the 款 used only by government funds (政府性基金, e.g. 21208 国有土地使用权出让收入安排的支出) and the state-capital
 * budget (223); 款 added or renamed in the last editions whose exact code we could not confirm (e.g. 信访事务, 社会工作事务,
 * 中医药事务, 森林消防事务); the 款 of 219 援助其他地区支出; and 类 234/235 (special treasury bonds), whose names changed
 * between editions. A district needing one of them adds it here, with its source; the API refuses any code not listed.
 */
export interface FunctionalClass {
  /** 3 digits (类) or 5 digits (类 + 款). */
  code: string;
  name: string;
}

export interface FunctionalClassGroup extends FunctionalClass {
  /** Its 款, in code order; a 类 may have none (227 预备费). */
  items: readonly FunctionalClass[];
}

const group = (code: string, name: string, items: Record<string, string> = {}): FunctionalClassGroup => ({
  code,
  name,
  // Sorted by code: an object's keys such as '11' come before '01' when listed.
  items: Object.entries(items)
    .map(([sub, subName]) => ({ code: `${code}${sub}`, name: subName }))
    .sort((a, b) => a.code.localeCompare(b.code)),
});

export const functionalClassTree: readonly FunctionalClassGroup[] = [
  group('201', '一般公共服务支出', {
    '01': '人大事务',
    '02': '政协事务',
    '03': '政府办公厅（室）及相关机构事务',
    '04': '发展与改革事务',
    '05': '统计信息事务',
    '06': '财政事务',
    '07': '税收事务',
    '08': '审计事务',
    '09': '海关事务',
    '11': '纪检监察事务',
    '13': '商贸事务',
    '14': '知识产权事务',
    '23': '民族事务',
    '25': '港澳台事务',
    '26': '档案事务',
    '28': '民主党派及工商联事务',
    '29': '群众团体事务',
    '31': '党委办公厅（室）及相关机构事务',
    '32': '组织事务',
    '33': '宣传事务',
    '34': '统战事务',
    '35': '对外联络事务',
    '36': '其他共产党事务支出',
    '37': '网信事务',
    '38': '市场监督管理事务',
    '99': '其他一般公共服务支出',
  }),
  group('202', '外交支出', {
    '01': '外交管理事务',
    '02': '驻外机构',
    '03': '对外援助',
    '04': '国际组织',
    '05': '对外合作与交流',
    '06': '对外宣传',
    '07': '边界勘界联检',
    '08': '国际发展合作',
    '99': '其他外交支出',
  }),
  group('203', '国防支出', {
    '01': '现役部队',
    '04': '国防科研事业',
    '05': '专项工程',
    '06': '国防动员',
    '99': '其他国防支出',
  }),
  group('204', '公共安全支出', {
    '01': '武装警察部队',
    '02': '公安',
    '03': '国家安全',
    '04': '检察',
    '05': '法院',
    '06': '司法',
    '07': '监狱',
    '08': '强制隔离戒毒',
    '09': '国家保密',
    '10': '缉私警察',
    '99': '其他公共安全支出',
  }),
  group('205', '教育支出', {
    '01': '教育管理事务',
    '02': '普通教育',
    '03': '职业教育',
    '04': '成人教育',
    '05': '广播电视教育',
    '06': '留学教育',
    '07': '特殊教育',
    '08': '进修及培训',
    '09': '教育费附加安排的支出',
    '99': '其他教育支出',
  }),
  group('206', '科学技术支出', {
    '01': '科学技术管理事务',
    '02': '基础研究',
    '03': '应用研究',
    '04': '技术研究与开发',
    '05': '科技条件与服务',
    '06': '社会科学',
    '07': '科学技术普及',
    '08': '科技交流与合作',
    '09': '科技重大项目',
    '99': '其他科学技术支出',
  }),
  group('207', '文化旅游体育与传媒支出', {
    '01': '文化和旅游',
    '02': '文物',
    '03': '体育',
    '06': '新闻出版电影',
    '08': '广播电视',
    '99': '其他文化旅游体育与传媒支出',
  }),
  group('208', '社会保障和就业支出', {
    '01': '人力资源和社会保障管理事务',
    '02': '民政管理事务',
    '04': '补充全国社会保障基金',
    '05': '行政事业单位养老支出',
    '06': '企业改革补助',
    '07': '就业补助',
    '08': '抚恤',
    '09': '退役安置',
    '10': '社会福利',
    '11': '残疾人事业',
    '16': '红十字事业',
    '19': '最低生活保障',
    '20': '临时救助',
    '21': '特困人员救助供养',
    '24': '补充道路交通事故社会救助基金',
    '25': '其他生活救助',
    '26': '财政对基本养老保险基金的补助',
    '27': '财政对其他社会保险基金的补助',
    '28': '退役军人管理事务',
    '30': '财政代缴社会保险费支出',
    '99': '其他社会保障和就业支出',
  }),
  group('210', '卫生健康支出', {
    '01': '卫生健康管理事务',
    '02': '公立医院',
    '03': '基层医疗卫生机构',
    '04': '公共卫生',
    '07': '计划生育事务',
    '11': '行政事业单位医疗',
    '12': '财政对基本医疗保险基金的补助',
    '13': '医疗救助',
    '14': '优抚对象医疗',
    '15': '医疗保障管理事务',
    '16': '老龄卫生健康事务',
    '99': '其他卫生健康支出',
  }),
  group('211', '节能环保支出', {
    '01': '环境保护管理事务',
    '02': '环境监测与监察',
    '03': '污染防治',
    '04': '自然生态保护',
    '05': '天然林保护',
    '06': '退耕还林还草',
    '07': '风沙荒漠治理',
    '08': '退牧还草',
    '09': '已垦草原退耕还草',
    '10': '能源节约利用',
    '11': '污染减排',
    '12': '可再生能源',
    '13': '循环经济',
    '14': '能源管理事务',
    '99': '其他节能环保支出',
  }),
  group('212', '城乡社区支出', {
    '01': '城乡社区管理事务',
    '02': '城乡社区规划与管理',
    '03': '城乡社区公共设施',
    '05': '城乡社区环境卫生',
    '06': '建设市场管理与监督',
    '99': '其他城乡社区支出',
  }),
  group('213', '农林水支出', {
    '01': '农业农村',
    '02': '林业和草原',
    '03': '水利',
    '05': '巩固脱贫攻坚成果衔接乡村振兴',
    '07': '农村综合改革',
    '08': '普惠金融发展支出',
    '09': '目标价格补贴',
    '99': '其他农林水支出',
  }),
  group('214', '交通运输支出', {
    '01': '公路水路运输',
    '02': '铁路运输',
    '03': '民用航空运输',
    '05': '邮政业支出',
    '06': '车辆购置税支出',
    '99': '其他交通运输支出',
  }),
  group('215', '资源勘探工业信息等支出', {
    '01': '资源勘探开发',
    '02': '制造业',
    '03': '建筑业',
    '05': '工业和信息产业监管',
    '07': '国有资产监管',
    '08': '支持中小企业发展和管理支出',
    '99': '其他资源勘探工业信息等支出',
  }),
  group('216', '商业服务业等支出', {
    '02': '商业流通事务',
    '06': '涉外发展服务支出',
    '99': '其他商业服务业等支出',
  }),
  group('217', '金融支出', {
    '01': '金融部门行政支出',
    '02': '金融部门监管支出',
    '03': '金融发展支出',
    '04': '金融调控支出',
    '99': '其他金融支出',
  }),
  group('219', '援助其他地区支出'),
  group('220', '自然资源海洋气象等支出', {
    '01': '自然资源事务',
    '05': '气象事务',
    '99': '其他自然资源海洋气象等支出',
  }),
  group('221', '住房保障支出', {
    '01': '保障性安居工程支出',
    '02': '住房改革支出',
    '03': '城乡社区住宅',
  }),
  group('222', '粮油物资储备支出', {
    '01': '粮油物资事务',
    '03': '能源储备',
    '04': '粮油储备',
    '05': '重要商品储备',
  }),
  group('224', '灾害防治及应急管理支出', {
    '01': '应急管理事务',
    '02': '消防救援事务',
    '04': '矿山安全',
    '05': '地震事务',
    '06': '自然灾害防治',
    '07': '自然灾害救灾及恢复重建支出',
    '99': '其他灾害防治及应急管理支出',
  }),
  group('227', '预备费'),
  group('229', '其他支出', {
    '02': '年初预留',
    '99': '其他支出',
  }),
  group('230', '转移性支出', {
    '01': '返还性支出',
    '02': '一般性转移支付',
    '03': '专项转移支付',
  }),
  group('231', '债务还本支出', { '03': '地方政府一般债务还本支出' }),
  group('232', '债务付息支出', { '03': '地方政府一般债务付息支出' }),
  group('233', '债务发行费用支出', { '03': '地方政府一般债务发行费用支出' }),
];

const byCode = new Map<string, FunctionalClass>(
  functionalClassTree.flatMap((g) => [[g.code, g] as const, ...g.items.map((i) => [i.code, i] as const)]),
);

/** The entry of a code (类 or 款), or undefined when the table does not have it. */
export const functionalClassOf = (code: string | null | undefined): FunctionalClass | undefined =>
  code ? byCode.get(code.trim()) : undefined;

export const isKnownFunctionalClass = (code: string): boolean => byCode.has(code.trim());

/** How a chosen code is shown: "20502 普通教育"; an unknown code alone. */
export const functionalClassLabel = (code: string | null | undefined): string => {
  if (!code) return '';
  const found = functionalClassOf(code);
  return found ? `${found.code} ${found.name}` : code;
};

/**
 * The part of the tree a search term leaves: digits match codes by prefix, anything else the names by fragment. A 类 that
 * matches keeps all its 款 (typing "教育" offers every 款 of 205 教育支出); otherwise only its matching 款 stay. An empty
 * term leaves the whole tree.
 */
export const searchFunctionalClasses = (term: string): FunctionalClassGroup[] => {
  const t = term.trim();
  if (!t) return [...functionalClassTree];
  const digits = /^\d+$/.test(t);
  const matches = (c: FunctionalClass) => (digits ? c.code.startsWith(t) : c.name.includes(t));
  const found: FunctionalClassGroup[] = [];
  for (const g of functionalClassTree) {
    if (!digits && matches(g)) found.push(g);
    else {
      const items = g.items.filter(matches);
      if (items.length || matches(g)) found.push({ ...g, items: digits && matches(g) ? g.items : items });
    }
  }
  return found;
};
