import type { FormulaCode } from '#core/department-evaluation/department-formulas.ts';
import type { DepartmentFramework, FrameworkTemplateId } from '#core/department-evaluation/department-framework.ts';
import type { FormulaRule } from '#core/department-evaluation/formula-rule.ts';

/**
 * The three frameworks the system ships (docs/domain/self-evaluation.md, "Department overall self-evaluation").
 * A tenant copies one for a fiscal year (`copyTemplate`) and edits the copy; the templates themselves never change
 * under a saved copy. Points and rules marked as the system's proposal in the docs are starting values to edit.
 */
type Text = readonly [zh: string, en: string];
const l = ([zh, en]: Text) => ({ 'zh-CN': zh, en });

type Shortfall = FormulaRule['shortfall'];
const steps = (points: number, perPct: number): Shortfall => ({ kind: 'STEPS', points, perPct, count: 'STARTED' });
const proRata: Shortfall = { kind: 'PRO_RATA' };
const none: Shortfall = { kind: 'ZERO' };
const atLeast = (thresholdPct: number, shortfall: Shortfall): FormulaRule => ({
  direction: 'AT_LEAST',
  thresholdPct,
  shortfall,
});
const atMost = (thresholdPct: number, shortfall: Shortfall): FormulaRule => ({
  direction: 'AT_MOST',
  thresholdPct,
  shortfall,
});

const formula = (code: string, name: Text, points: number, f: FormulaCode, rule: FormulaRule) =>
  ({ code, kind: 'FORMULA', name: l(name), points, formula: f, rule }) as const;
const judgement = (code: string, name: Text, points: number, standard: Text) =>
  ({ code, kind: 'JUDGEMENT', name: l(name), points, standard: l(standard) }) as const;
type Indicator = ReturnType<typeof formula> | ReturnType<typeof judgement>;
const group = (code: string, name: Text, points: number, indicators: Indicator[]) => ({
  code,
  name: l(name),
  points,
  indicators,
});
const level1 = (code: string, name: Text, points: number, children: ReturnType<typeof group>[]) => ({
  code,
  name: l(name),
  points,
  children,
});

// The formula indicators and the judgement standards the templates share.
const budgetCompletion = (code: string, points: number, step: number) =>
  formula(code, ['预算完成率', 'Budget completion rate'], points, 'BUDGET_COMPLETION', atLeast(100, steps(step, 5)));
const budgetAdjustment = (code: string, points: number) =>
  formula(code, ['预算调整率', 'Budget adjustment rate'], points, 'BUDGET_ADJUSTMENT', atMost(10, steps(1, 5)));
const paymentProgress = (code: string, points: number) =>
  formula(code, ['支付进度率', 'Payment progress rate'], points, 'PAYMENT_PROGRESS', atLeast(100, proRata));
const carryOverBalance = (code: string, points: number) =>
  formula(code, ['结转结余率', 'Carry-over and balance rate'], points, 'CARRY_OVER_BALANCE', atMost(5, steps(1, 5)));
const publicFunds = (code: string, points: number) =>
  formula(
    code,
    ['公用经费控制率', 'General admin cost control rate'],
    points,
    'PUBLIC_FUNDS_CONTROL',
    atMost(100, steps(1, 5)),
  );
const threePublicControl = (code: string, points: number) =>
  formula(code, ['“三公经费”控制率', '"Three public" control rate'], points, 'THREE_PUBLIC_CONTROL', atMost(100, none));
const threePublicChange = (code: string, points: number) =>
  formula(
    code,
    ['“三公经费”变动率', 'Change in "three public" expenses'],
    points,
    'THREE_PUBLIC_CHANGE',
    atMost(0, steps(1, 5)),
  );
const procurement = (code: string, points: number) =>
  formula(
    code,
    ['政府采购执行率', 'Procurement execution rate'],
    points,
    'PROCUREMENT_EXECUTION',
    atLeast(100, proRata),
  );
const staffControl = (code: string, points: number) =>
  formula(code, ['在职人员控制率', 'Staff control rate'], points, 'STAFF_CONTROL', atMost(100, none));
const keySpending = (code: string, points: number) =>
  formula(code, ['重点支出安排率', 'Key spending share'], points, 'KEY_SPENDING_SHARE', atLeast(60, proRata));
const fixedAssets = (code: string, points: number) =>
  formula(
    code,
    ['固定资产利用率', 'Fixed asset utilisation rate'],
    points,
    'FIXED_ASSET_UTILISATION',
    atLeast(95, steps(1, 5)),
  );

const targetReasonable = (code: string, points: number) =>
  judgement(code, ['绩效目标合理性', 'Reasonable performance targets'], points, [
    '部门整体绩效目标依据充分、符合部门职责和发展规划、与预算相匹配，得满分；每有一项不符扣相应分值',
    'Full marks when the overall targets are well founded, fit the duties and plans and match the budget; points off for each that does not',
  ]);
const indicatorsClear = (code: string, points: number) =>
  judgement(code, ['绩效指标明确性', 'Clear performance indicators'], points, [
    '绩效指标细化、量化、可衡量，与年度任务数相对应，得满分；否则酌情扣分',
    'Full marks when the indicators are specific, quantified, measurable and match the year’s tasks; otherwise points off as judged',
  ]);
const rulesSound = (code: string, points: number, what: Text) =>
  judgement(code, [`${what[0]}管理制度健全性`, `Sound ${what[1]} rules`], points, [
    `已制定${what[0]}管理制度且合法、合规、完整，并得到有效执行，得满分；否则酌情扣分`,
    `Full marks when ${what[1]} rules exist, are lawful and complete and are followed; otherwise points off as judged`,
  ]);
const fundsCompliant = (code: string, points: number) =>
  judgement(code, ['资金使用合规性', 'Compliant use of funds'], points, [
    '资金使用符合财经法规和财务制度，无截留、挤占、挪用、虚列支出，得满分；每发现一项扣 1 分，扣完为止',
    'Full marks when funds are used by the rules with no withholding, diversion, misappropriation or fictitious spending; 1 point off per case found',
  ]);
const disclosure = (code: string, points: number) =>
  judgement(code, ['预决算信息公开性', 'Disclosure of budgets and final accounts'], points, [
    '按规定时限和内容公开部门预算、决算及三公经费，得满分；未按时或内容不全的每项扣 1 分',
    'Full marks when the budget, final accounts and "three public" expenses are published on time and in full; 1 point off per item late or incomplete',
  ]);
const basicInformation = (code: string, points: number) =>
  judgement(code, ['基础信息完善性', 'Complete basic information'], points, [
    '基础数据信息和会计信息资料真实、完整、准确，得满分；否则酌情扣分',
    'Full marks when basic data and accounting records are true, complete and accurate; otherwise points off as judged',
  ]);
const assetsSafe = (code: string, points: number) =>
  judgement(code, ['资产管理安全性', 'Safe asset management'], points, [
    '资产保存完整、配置合理、处置规范、收入及时足额上缴，账实相符，得满分；否则酌情扣分',
    'Full marks when assets are kept whole, reasonably allocated, disposed of by the rules, their income paid in and the books match; otherwise points off as judged',
  ]);
const satisfaction = (code: string, who: Text, points: number) =>
  judgement(code, [`${who[0]}满意度`, `Satisfaction of ${who[1]}`], points, [
    `按${who[0]}满意度调查结果计分：满意度 ≥ 90% 得满分，每低 1% 扣该项分值的 5%；未开展调查的不得分`,
    `Scored by the survey of ${who[1]}: full marks at ≥ 90%, 5% of the points off per 1% below; no survey, no points`,
  ]);

/** 财预〔2013〕53号, 部门整体支出绩效评价共性指标体系框架: 投入 / 过程 / 产出 / 效果. */
const national: DepartmentFramework = {
  name: l(['部门整体支出绩效自评（共性指标框架）', 'Department overall self-evaluation (common framework)']),
  basis: l([
    '财预〔2013〕53号《预算绩效评价共性指标体系框架》部门整体支出部分；一级指标投入 10、过程 60 按公开的地方表，其余分值和评分规则为本系统建议，可按年修改',
    'MOF 财预〔2013〕53号, the department overall part of the common indicator framework; input 10 and process 60 as in published local tables, the other points and the rules are the system’s proposal, editable per year',
  ]),
  basedOn: 'NATIONAL_2013',
  fiscalYear: null,
  level1: [
    level1('INPUT', ['投入', 'Input'], 10, [
      group('TARGET_SETTING', ['目标设定', 'Target setting'], 4, [
        targetReasonable('TARGET_REASONABLE', 2),
        indicatorsClear('INDICATORS_CLEAR', 2),
      ]),
      group('BUDGET_ALLOCATION', ['预算配置', 'Budget allocation'], 6, [
        staffControl('STAFF_CONTROL', 2),
        threePublicChange('THREE_PUBLIC_CHANGE', 2),
        keySpending('KEY_SPENDING_SHARE', 2),
      ]),
    ]),
    level1('PROCESS', ['过程', 'Process'], 60, [
      group('BUDGET_EXECUTION', ['预算执行', 'Budget execution'], 36, [
        budgetCompletion('BUDGET_COMPLETION', 10, 2),
        budgetAdjustment('BUDGET_ADJUSTMENT', 4),
        paymentProgress('PAYMENT_PROGRESS', 4),
        carryOverBalance('CARRY_OVER_BALANCE', 4),
        formula(
          'CARRY_OVER_BALANCE_CHANGE',
          ['结转结余变动率', 'Change in carry-over and balance'],
          3,
          'CARRY_OVER_BALANCE_CHANGE',
          atMost(0, steps(1, 10)),
        ),
        publicFunds('PUBLIC_FUNDS_CONTROL', 4),
        threePublicControl('THREE_PUBLIC_CONTROL', 4),
        procurement('PROCUREMENT_EXECUTION', 3),
      ]),
      group('BUDGET_MANAGEMENT', ['预算管理', 'Budget management'], 14, [
        rulesSound('BUDGET_RULES', 3, ['财务', 'financial']),
        fundsCompliant('FUNDS_COMPLIANT', 5),
        disclosure('DISCLOSURE', 3),
        basicInformation('BASIC_INFORMATION', 3),
      ]),
      group('ASSET_MANAGEMENT', ['资产管理', 'Asset management'], 10, [
        rulesSound('ASSET_RULES', 3, ['资产', 'asset']),
        assetsSafe('ASSETS_SAFE', 4),
        fixedAssets('FIXED_ASSET_UTILISATION', 3),
      ]),
    ]),
    level1('OUTPUT', ['产出', 'Output'], 15, [
      group('DUTIES', ['职责履行', 'Performance of duties'], 15, [
        judgement('ACTUAL_COMPLETION', ['实际完成率', 'Actual completion rate'], 5, [
          '实际完成工作数 ÷ 计划工作数：100% 得满分，按比例扣分（以年度工作计划和完成台账为证）',
          'Work done ÷ work planned: full marks at 100%, points in proportion below (evidence: the year’s work plan and record)',
        ]),
        judgement('ON_TIME', ['完成及时率', 'Timely completion rate'], 3, [
          '按时完成工作数 ÷ 实际完成工作数：100% 得满分，按比例扣分',
          'Work done on time ÷ work done: full marks at 100%, points in proportion below',
        ]),
        judgement('QUALITY', ['质量达标率', 'Quality compliance rate'], 4, [
          '质量达标工作数 ÷ 实际完成工作数：100% 得满分，按比例扣分',
          'Work up to standard ÷ work done: full marks at 100%, points in proportion below',
        ]),
        judgement('KEY_WORK_DONE', ['重点工作办结率', 'Key work completion rate'], 3, [
          '已办结的重点工作数 ÷ 交办或下达的重点工作数：100% 得满分，按比例扣分',
          'Key tasks completed ÷ key tasks assigned: full marks at 100%, points in proportion below',
        ]),
      ]),
    ]),
    level1('EFFECT', ['效果', 'Effect'], 15, [
      group('BENEFITS', ['履职效益', 'Benefits of duties'], 15, [
        judgement('ECONOMIC', ['经济效益', 'Economic benefit'], 3, [
          '履职对经济发展产生的直接或间接影响达到预期，得满分；否则酌情扣分',
          'Full marks when the duties’ effect on the economy is as expected; otherwise points off as judged',
        ]),
        judgement('SOCIAL', ['社会效益', 'Social benefit'], 4, [
          '履职对社会发展产生的直接或间接影响达到预期，得满分；否则酌情扣分',
          'Full marks when the duties’ effect on society is as expected; otherwise points off as judged',
        ]),
        judgement('ECOLOGICAL', ['生态效益', 'Ecological benefit'], 2, [
          '履职对生态环境产生的直接或间接影响达到预期，得满分；否则酌情扣分',
          'Full marks when the duties’ effect on the environment is as expected; otherwise points off as judged',
        ]),
        satisfaction('PUBLIC_SATISFACTION', ['社会公众或服务对象', 'the public or service recipients'], 6),
      ]),
    ]),
  ],
};

/** 四川: 部门决策 25 / 综合管理 30 / 部门绩效 45, satisfaction 协作部门 3 / 管理对象 3 / 社会公众 4. */
const sichuan: DepartmentFramework = {
  name: l(['部门整体支出绩效自评（四川式）', 'Department overall self-evaluation (Sichuan layout)']),
  basis: l([
    '四川省部门整体支出绩效评价指标表：部门决策 25（目标任务 15、预算编制 10）、综合管理 30（绩效监控 5、资产管理 6、信息公开 6、绩效评价 5，余 8 分本系统放在预算执行）、部门绩效 45（履职成效 20、可持续发展能力 15、满意度 10）；三级指标分值和评分规则为本系统建议',
    'The Sichuan department overall table: decision 25 (targets 15, budgeting 10), management 30 (monitoring 5, assets 6, disclosure 6, evaluation 5; the system puts the remaining 8 on budget execution), performance 45 (results 20, sustainability 15, satisfaction 10); level-3 points and rules are the system’s proposal',
  ]),
  basedOn: 'SICHUAN',
  fiscalYear: null,
  level1: [
    level1('DECISION', ['部门决策', 'Decision'], 25, [
      group('TARGETS', ['目标任务', 'Targets and tasks'], 15, [
        judgement('DUTY_FIT', ['目标与职责匹配性', 'Targets fit the duties'], 5, [
          '年度目标任务覆盖部门主要职责和党委政府重点工作，得满分；每遗漏一项主要职责扣 1 分',
          'Full marks when the year’s targets cover the main duties and the government’s priorities; 1 point off per main duty left out',
        ]),
        targetReasonable('TARGET_REASONABLE', 5),
        indicatorsClear('INDICATORS_CLEAR', 5),
      ]),
      group('BUDGETING', ['预算编制', 'Budgeting'], 10, [
        judgement('BUDGET_PREPARED', ['预算编制规范性', 'Proper budget preparation'], 4, [
          '预算编制完整、科学，项目支出有绩效目标，得满分；否则酌情扣分',
          'Full marks when the budget is complete and sound and every project has targets; otherwise points off as judged',
        ]),
        staffControl('STAFF_CONTROL', 2),
        keySpending('KEY_SPENDING_SHARE', 2),
        threePublicChange('THREE_PUBLIC_CHANGE', 2),
      ]),
    ]),
    level1('MANAGEMENT', ['综合管理', 'Management'], 30, [
      group('BUDGET_EXECUTION', ['预算执行', 'Budget execution'], 8, [
        budgetCompletion('BUDGET_COMPLETION', 2, 0.5),
        budgetAdjustment('BUDGET_ADJUSTMENT', 1),
        paymentProgress('PAYMENT_PROGRESS', 1),
        carryOverBalance('CARRY_OVER_BALANCE', 1),
        publicFunds('PUBLIC_FUNDS_CONTROL', 1),
        threePublicControl('THREE_PUBLIC_CONTROL', 1),
        procurement('PROCUREMENT_EXECUTION', 1),
      ]),
      group('MONITORING', ['绩效监控', 'Performance monitoring'], 5, [
        judgement('MONITORING_DONE', ['监控开展情况', 'Monitoring carried out'], 3, [
          '按要求对全部项目开展绩效运行监控并按时报送，得满分；每缺报一个项目扣 0.5 分',
          'Full marks when every project was monitored and reported on time; 0.5 point off per project missing',
        ]),
        judgement('DEVIATIONS_CORRECTED', ['偏差纠正情况', 'Deviations corrected'], 2, [
          '对监控发现的偏差及时采取纠偏措施，得满分；否则酌情扣分',
          'Full marks when deviations found by monitoring were corrected in time; otherwise points off as judged',
        ]),
      ]),
      group('ASSETS', ['资产管理', 'Asset management'], 6, [
        rulesSound('ASSET_RULES', 2, ['资产', 'asset']),
        assetsSafe('ASSETS_SAFE', 2),
        fixedAssets('FIXED_ASSET_UTILISATION', 2),
      ]),
      group('DISCLOSURE', ['信息公开', 'Disclosure'], 6, [
        disclosure('BUDGET_DISCLOSURE', 3),
        judgement('PERFORMANCE_DISCLOSURE', ['绩效信息公开性', 'Disclosure of performance information'], 3, [
          '按规定公开绩效目标、自评结果和评价报告，得满分；每缺一项扣 1 分',
          'Full marks when targets, self-evaluation results and evaluation reports are published as required; 1 point off per item missing',
        ]),
      ]),
      group('EVALUATION', ['绩效评价', 'Performance evaluation'], 5, [
        judgement('SELF_EVALUATION_DONE', ['项目自评开展情况', 'Project self-evaluations done'], 3, [
          '项目支出绩效自评全覆盖、按时提交且质量合格，得满分；覆盖率每低 10% 扣 1 分（以本表的项目自评汇总为证）',
          'Full marks when every project was self-evaluated on time and well; 1 point off per 10% short of full coverage (evidence: the project summary of this sheet)',
        ]),
        judgement('RESULTS_USED', ['评价结果应用', 'Use of evaluation results'], 2, [
          '评价发现的问题已整改、结果用于预算安排和管理改进，得满分；否则酌情扣分',
          'Full marks when problems found were rectified and results used in budgeting and management; otherwise points off as judged',
        ]),
      ]),
    ]),
    level1('PERFORMANCE', ['部门绩效', 'Performance'], 45, [
      group('RESULTS', ['履职成效', 'Results of duties'], 20, [
        judgement('KEY_WORK_DONE', ['重点工作完成情况', 'Key work completed'], 8, [
          '年度重点工作全部按计划完成，得满分；每有一项未完成扣 2 分',
          'Full marks when all key work of the year was done as planned; 2 points off per item not done',
        ]),
        judgement('ON_TIME', ['履职及时性', 'Timely performance'], 4, [
          '各项工作按时完成，得满分；每有一项逾期扣 1 分',
          'Full marks when all work was done on time; 1 point off per item late',
        ]),
        judgement('QUALITY', ['履职质量', 'Quality of performance'], 4, [
          '工作质量达到规定标准，得满分；否则酌情扣分',
          'Full marks when the work met its standards; otherwise points off as judged',
        ]),
        judgement('BENEFITS', ['履职效益', 'Benefits of duties'], 4, [
          '履职产生的经济、社会、生态效益达到预期，得满分；否则酌情扣分',
          'Full marks when the economic, social and ecological benefits are as expected; otherwise points off as judged',
        ]),
      ]),
      group('SUSTAINABILITY', ['可持续发展能力', 'Sustainability'], 15, [
        judgement('STAFF_CAPACITY', ['人才队伍建设', 'Staff capacity'], 5, [
          '人员结构合理，培训计划落实，得满分；否则酌情扣分',
          'Full marks when the staff structure is sound and the training plan carried out; otherwise points off as judged',
        ]),
        judgement('RULES_BUILT', ['制度建设', 'Rules in place'], 5, [
          '内部控制和绩效管理制度健全并有效执行，得满分；否则酌情扣分',
          'Full marks when internal control and performance rules exist and are followed; otherwise points off as judged',
        ]),
        judgement('DIGITAL', ['信息化建设', 'Digital capacity'], 5, [
          '业务和财务信息系统满足履职需要，数据共享及时，得满分；否则酌情扣分',
          'Full marks when business and finance systems meet the duties’ needs and share data in time; otherwise points off as judged',
        ]),
      ]),
      group('SATISFACTION', ['满意度', 'Satisfaction'], 10, [
        satisfaction('PARTNER_SATISFACTION', ['协作部门', 'partner departments'], 3),
        satisfaction('CLIENT_SATISFACTION', ['管理对象', 'those it regulates or serves'], 3),
        satisfaction('PUBLIC_SATISFACTION', ['社会公众', 'the public'], 4),
      ]),
    ]),
  ],
};

/**
 * 街道 / 园区: the system's own proposal. Streets and parks carry territorial duties (安全、环境、社区治理、民生)
 * and live on block grants from the district that arrive through the year as supplementary budget, so the
 * budget adjustment rate is left out (it would measure the district's grants, not the street's budgeting) and
 * the use of those grants is scored on its own.
 */
const streetPark: DepartmentFramework = {
  name: l(['街道（园区）整体支出绩效自评', 'Street (park) overall self-evaluation']),
  basis: l([
    '本系统建议的街道、园区框架：结构参照财预〔2013〕53号，增加属地职责和上级补助资金管理，去掉预算调整率（补助资金年中追加）；全部分值和评分规则可按年修改',
    'The system’s own proposal for streets and parks: built on the 财预〔2013〕53号 structure, with territorial duties and the management of district grants added and the budget adjustment rate left out (grants arrive as mid-year supplements); every point and rule is editable per year',
  ]),
  basedOn: 'STREET_PARK',
  fiscalYear: null,
  level1: [
    level1('DECISION', ['决策与目标', 'Decision and targets'], 15, [
      group('TARGET_SETTING', ['目标设定', 'Target setting'], 8, [
        targetReasonable('TARGET_REASONABLE', 4),
        judgement('TERRITORIAL_COVERAGE', ['属地职责覆盖度', 'Territorial duties covered'], 4, [
          '年度目标覆盖属地职责清单中的全部事项，得满分；每遗漏一项扣 1 分',
          'Full marks when the year’s targets cover every item of the territorial duty list; 1 point off per item left out',
        ]),
      ]),
      group('BUDGET_ALLOCATION', ['预算配置', 'Budget allocation'], 7, [
        staffControl('STAFF_CONTROL', 2),
        keySpending('KEY_SPENDING_SHARE', 3),
        threePublicChange('THREE_PUBLIC_CHANGE', 2),
      ]),
    ]),
    level1('FUNDS', ['资金管理', 'Fund management'], 35, [
      group('BUDGET_EXECUTION', ['预算执行', 'Budget execution'], 20, [
        budgetCompletion('BUDGET_COMPLETION', 6, 1),
        paymentProgress('PAYMENT_PROGRESS', 4),
        carryOverBalance('CARRY_OVER_BALANCE', 4),
        publicFunds('PUBLIC_FUNDS_CONTROL', 2),
        threePublicControl('THREE_PUBLIC_CONTROL', 2),
        procurement('PROCUREMENT_EXECUTION', 2),
      ]),
      group('GRANTS', ['补助资金管理', 'District grants'], 10, [
        judgement('GRANTS_EARMARKED', ['补助资金专款专用', 'Grants used as earmarked'], 4, [
          '上级补助资金按规定用途使用，无挤占挪用，得满分；每发现一项扣 1 分',
          'Full marks when grants were used as earmarked with no diversion; 1 point off per case found',
        ]),
        judgement('GRANTS_PASSED_ON', ['补助资金拨付及时性', 'Grants passed on in time'], 3, [
          '补助资金在规定时限内拨付到社区、企业或个人，得满分；每有一笔逾期扣 0.5 分',
          'Full marks when grants reached communities, firms or people within the time allowed; 0.5 point off per late payment',
        ]),
        judgement('GRANTS_TARGETS', ['补助资金绩效目标完整性', 'Grants have targets'], 3, [
          '每项补助资金均有绩效目标并开展自评，得满分；每缺一项扣 0.5 分',
          'Full marks when every grant has targets and a self-evaluation; 0.5 point off per grant without',
        ]),
      ]),
      group('ASSETS', ['资产管理', 'Asset management'], 5, [
        fixedAssets('FIXED_ASSET_UTILISATION', 2),
        assetsSafe('ASSETS_SAFE', 3),
      ]),
    ]),
    level1('TERRITORY', ['属地履职', 'Territorial duties'], 35, [
      group('TERRITORIAL_DUTIES', ['属地职责履行', 'Territorial duties done'], 20, [
        judgement('SAFETY', ['安全生产与应急管理', 'Safety and emergencies'], 5, [
          '辖区安全生产、防汛、消防等任务完成且无较大责任事故，得满分；发生责任事故的不得分',
          'Full marks when safety, flood and fire tasks were done with no serious accident for which the street is responsible; none after such an accident',
        ]),
        judgement('URBAN_ENVIRONMENT', ['城市管理与环境整治', 'Urban management and environment'], 5, [
          '市容、环境整治和垃圾分类任务按计划完成，得满分；否则按完成比例计分',
          'Full marks when cityscape, clean-up and waste sorting tasks were done as planned; otherwise in proportion',
        ]),
        judgement('COMMUNITY', ['社区治理与服务', 'Community governance and services'], 5, [
          '网格化管理、社区服务和矛盾调处任务完成，得满分；否则酌情扣分',
          'Full marks when grid management, community services and dispute mediation were done; otherwise points off as judged',
        ]),
        judgement('LIVELIHOOD', ['民生保障', 'Livelihood support'], 5, [
          '低保、养老、就业等民生资金和服务按时足额落实，得满分；否则酌情扣分',
          'Full marks when welfare, elderly care and employment funds and services were delivered in full and on time; otherwise points off as judged',
        ]),
      ]),
      group('DEVELOPMENT', ['经济发展（园区）', 'Development (parks)'], 8, [
        judgement('INVESTMENT', ['招商引资与企业服务', 'Investment and business services'], 4, [
          '招商引资和企业服务年度目标完成，得满分；按完成比例计分',
          'Full marks when the year’s investment and business-service targets were met; otherwise in proportion',
        ]),
        judgement('KEY_PROJECTS', ['重点项目推进', 'Key projects advanced'], 4, [
          '辖区重点项目按节点推进，得满分；每有一个项目滞后扣 1 分',
          'Full marks when the key projects in the area kept to their milestones; 1 point off per project behind',
        ]),
      ]),
      group('ASSIGNED_TASKS', ['专项任务', 'Assigned tasks'], 7, [
        judgement('ASSIGNED_DONE', ['上级交办任务办结率', 'Assigned tasks completed'], 4, [
          '办结的交办任务数 ÷ 交办任务数：100% 得满分，按比例计分',
          'Tasks completed ÷ tasks assigned: full marks at 100%, otherwise in proportion',
        ]),
        judgement('ASSIGNED_ON_TIME', ['重点工作完成及时性', 'Key work on time'], 3, [
          '重点工作按时限完成，得满分；每有一项逾期扣 1 分',
          'Full marks when key work was done on time; 1 point off per item late',
        ]),
      ]),
    ]),
    level1('EFFECT', ['效果与满意度', 'Effect and satisfaction'], 15, [
      group('BENEFITS', ['履职效益', 'Benefits'], 8, [
        judgement('SOCIAL', ['社会效益', 'Social benefit'], 5, [
          '辖区治理和民生改善达到预期，得满分；否则酌情扣分',
          'Full marks when governance and living conditions in the area improved as expected; otherwise points off as judged',
        ]),
        judgement('SUSTAINABLE', ['可持续影响', 'Sustainable impact'], 3, [
          '长效管理机制建立并运行，得满分；否则酌情扣分',
          'Full marks when lasting management arrangements are in place and working; otherwise points off as judged',
        ]),
      ]),
      group('SATISFACTION', ['满意度', 'Satisfaction'], 7, [
        satisfaction('RESIDENT_SATISFACTION', ['辖区居民', 'residents'], 4),
        satisfaction('BUSINESS_SATISFACTION', ['辖区企业', 'businesses in the area'], 3),
      ]),
    ]),
  ],
};

export const frameworkTemplates: Record<FrameworkTemplateId, DepartmentFramework> = {
  NATIONAL_2013: national,
  SICHUAN: sichuan,
  STREET_PARK: streetPark,
};

/** A tenant's own copy of a template for a fiscal year, to edit: nothing of it is shared with the template. */
export const copyTemplate = (id: FrameworkTemplateId, fiscalYear: number): DepartmentFramework => ({
  ...structuredClone(frameworkTemplates[id]),
  fiscalYear,
});
