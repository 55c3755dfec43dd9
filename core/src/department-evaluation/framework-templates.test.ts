import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  type DepartmentFramework,
  departmentFramework,
  frameworkErrors,
  frameworkTemplateIds,
} from '#core/department-evaluation/department-framework.ts';
import { ruleText } from '#core/department-evaluation/formula-rule.ts';
import { copyTemplate, frameworkTemplates } from '#core/department-evaluation/framework-templates.ts';

/** A framework as an outline, one line per node: what the tests pin and the docs describe. */
const outline = (framework: DepartmentFramework): string =>
  [
    `${framework.name['zh-CN']} | ${framework.name.en}`,
    `${framework.basis['zh-CN']} | ${framework.basis.en}`,
    ...framework.level1.flatMap((l1) => [
      `${l1.code} ${l1.name['zh-CN']} | ${l1.name.en} ${l1.points}`,
      ...l1.children.flatMap((l2) => [
        `  ${l2.code} ${l2.name['zh-CN']} | ${l2.name.en} ${l2.points}`,
        ...l2.indicators.map((i) => {
          const standard = i.kind === 'FORMULA' ? ruleText(i.rule) : i.standard;
          const formula = i.kind === 'FORMULA' ? ` = ${i.formula}` : '';
          return `    ${i.code}${formula} ${i.name['zh-CN']} | ${i.name.en} ${i.points}: ${standard['zh-CN']} | ${standard.en}`;
        }),
      ]),
    ]),
  ].join('\n');

describe('the shipped frameworks (docs/domain/self-evaluation.md)', () => {
  it.each(frameworkTemplateIds)('%s is a valid framework whose points add up to 100 at every level', (id) => {
    const template = frameworkTemplates[id];
    expect(v.safeParse(departmentFramework, template).issues).toBeUndefined();
    expect(frameworkErrors(template, 'zh-CN')).toEqual([]);
    expect(template.basedOn).toBe(id);
    expect(template.fiscalYear).toBeNull();
  });

  it('has the level-1 and level-2 points of 财预〔2013〕53号 as published locally, and of the Sichuan table', () => {
    const points = (f: DepartmentFramework) =>
      f.level1.map(
        (l1) =>
          `${l1.name['zh-CN']} ${l1.points} (${l1.children.map((l2) => `${l2.name['zh-CN']} ${l2.points}`).join(', ')})`,
      );
    expect(points(frameworkTemplates.NATIONAL_2013)).toEqual([
      '投入 10 (目标设定 4, 预算配置 6)',
      '过程 60 (预算执行 36, 预算管理 14, 资产管理 10)',
      '产出 15 (职责履行 15)',
      '效果 15 (履职效益 15)',
    ]);
    expect(points(frameworkTemplates.SICHUAN)).toEqual([
      '部门决策 25 (目标任务 15, 预算编制 10)',
      '综合管理 30 (预算执行 8, 绩效监控 5, 资产管理 6, 信息公开 6, 绩效评价 5)',
      '部门绩效 45 (履职成效 20, 可持续发展能力 15, 满意度 10)',
    ]);
    const satisfaction = frameworkTemplates.SICHUAN.level1[2]?.children[2]?.indicators.map(
      (i) => `${i.name['zh-CN']} ${i.points}`,
    );
    expect(satisfaction).toEqual(['协作部门满意度 3', '管理对象满意度 3', '社会公众满意度 4']);
    expect(points(frameworkTemplates.STREET_PARK)).toEqual([
      '决策与目标 15 (目标设定 8, 预算配置 7)',
      '资金管理 35 (预算执行 20, 补助资金管理 10, 资产管理 5)',
      '属地履职 35 (属地职责履行 20, 经济发展（园区） 8, 专项任务 7)',
      '效果与满意度 15 (履职效益 8, 满意度 7)',
    ]);
  });

  it('uses every formula of the national framework, and leaves the adjustment rate out for streets', () => {
    const formulas = (f: DepartmentFramework) =>
      f.level1.flatMap((l1) =>
        l1.children.flatMap((l2) => l2.indicators.flatMap((i) => (i.kind === 'FORMULA' ? [i.formula] : []))),
      );
    expect(formulas(frameworkTemplates.NATIONAL_2013)).toHaveLength(12);
    expect(new Set(formulas(frameworkTemplates.NATIONAL_2013)).size).toBe(12);
    expect(formulas(frameworkTemplates.STREET_PARK)).not.toContain('BUDGET_ADJUSTMENT');
  });

  it('copies a template for a tenant and a year, to edit without touching the template', () => {
    const copy = copyTemplate('SICHUAN', 2026);
    expect(copy.fiscalYear).toBe(2026);
    expect(copy.basedOn).toBe('SICHUAN');
    expect(v.safeParse(departmentFramework, copy).success).toBe(true);
    copy.level1[0]!.name['zh-CN'] = '决策';
    copy.level1[0]!.children[0]!.indicators[0]!.points = 4;
    expect(frameworkTemplates.SICHUAN.level1[0]?.name['zh-CN']).toBe('部门决策');
    expect(frameworkTemplates.SICHUAN.level1[0]?.children[0]?.indicators[0]?.points).toBe(5);
    expect(frameworkErrors(copy, 'zh-CN').map((e) => e.code)).toEqual(['weights_total']);
  });

  it('reads as the docs describe it (national)', () => {
    expect(outline(frameworkTemplates.NATIONAL_2013)).toMatchInlineSnapshot(`
      "部门整体支出绩效自评（共性指标框架） | Department overall self-evaluation (common framework)
      财预〔2013〕53号《预算绩效评价共性指标体系框架》部门整体支出部分；一级指标投入 10、过程 60 按公开的地方表，其余分值和评分规则为本系统建议，可按年修改 | MOF 财预〔2013〕53号, the department overall part of the common indicator framework; input 10 and process 60 as in published local tables, the other points and the rules are the system’s proposal, editable per year
      INPUT 投入 | Input 10
        TARGET_SETTING 目标设定 | Target setting 4
          TARGET_REASONABLE 绩效目标合理性 | Reasonable performance targets 2: 部门整体绩效目标依据充分、符合部门职责和发展规划、与预算相匹配，得满分；每有一项不符扣相应分值 | Full marks when the overall targets are well founded, fit the duties and plans and match the budget; points off for each that does not
          INDICATORS_CLEAR 绩效指标明确性 | Clear performance indicators 2: 绩效指标细化、量化、可衡量，与年度任务数相对应，得满分；否则酌情扣分 | Full marks when the indicators are specific, quantified, measurable and match the year’s tasks; otherwise points off as judged
        BUDGET_ALLOCATION 预算配置 | Budget allocation 6
          STAFF_CONTROL = STAFF_CONTROL 在职人员控制率 | Staff control rate 2: ≤ 100% 得满分，否则不得分 | full marks at ≤ 100%, otherwise none
          THREE_PUBLIC_CHANGE = THREE_PUBLIC_CHANGE “三公经费”变动率 | Change in "three public" expenses 2: ≤ 0% 得满分，每超 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≤ 0%, 1 off per 5% above (a started step counts), down to 0
          KEY_SPENDING_SHARE = KEY_SPENDING_SHARE 重点支出安排率 | Key spending share 2: ≥ 60% 得满分，否则按实际值 ÷ 标准值计分 | full marks at ≥ 60%, otherwise points × value ÷ threshold
      PROCESS 过程 | Process 60
        BUDGET_EXECUTION 预算执行 | Budget execution 36
          BUDGET_COMPLETION = BUDGET_COMPLETION 预算完成率 | Budget completion rate 10: ≥ 100% 得满分，每低 5% 扣 2 分（不足一档按一档计），扣完为止 | full marks at ≥ 100%, 2 off per 5% below (a started step counts), down to 0
          BUDGET_ADJUSTMENT = BUDGET_ADJUSTMENT 预算调整率 | Budget adjustment rate 4: ≤ 10% 得满分，每超 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≤ 10%, 1 off per 5% above (a started step counts), down to 0
          PAYMENT_PROGRESS = PAYMENT_PROGRESS 支付进度率 | Payment progress rate 4: ≥ 100% 得满分，否则按实际值 ÷ 标准值计分 | full marks at ≥ 100%, otherwise points × value ÷ threshold
          CARRY_OVER_BALANCE = CARRY_OVER_BALANCE 结转结余率 | Carry-over and balance rate 4: ≤ 5% 得满分，每超 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≤ 5%, 1 off per 5% above (a started step counts), down to 0
          CARRY_OVER_BALANCE_CHANGE = CARRY_OVER_BALANCE_CHANGE 结转结余变动率 | Change in carry-over and balance 3: ≤ 0% 得满分，每超 10% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≤ 0%, 1 off per 10% above (a started step counts), down to 0
          PUBLIC_FUNDS_CONTROL = PUBLIC_FUNDS_CONTROL 公用经费控制率 | General admin cost control rate 4: ≤ 100% 得满分，每超 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≤ 100%, 1 off per 5% above (a started step counts), down to 0
          THREE_PUBLIC_CONTROL = THREE_PUBLIC_CONTROL “三公经费”控制率 | "Three public" control rate 4: ≤ 100% 得满分，否则不得分 | full marks at ≤ 100%, otherwise none
          PROCUREMENT_EXECUTION = PROCUREMENT_EXECUTION 政府采购执行率 | Procurement execution rate 3: ≥ 100% 得满分，否则按实际值 ÷ 标准值计分 | full marks at ≥ 100%, otherwise points × value ÷ threshold
        BUDGET_MANAGEMENT 预算管理 | Budget management 14
          BUDGET_RULES 财务管理制度健全性 | Sound financial rules 3: 已制定财务管理制度且合法、合规、完整，并得到有效执行，得满分；否则酌情扣分 | Full marks when financial rules exist, are lawful and complete and are followed; otherwise points off as judged
          FUNDS_COMPLIANT 资金使用合规性 | Compliant use of funds 5: 资金使用符合财经法规和财务制度，无截留、挤占、挪用、虚列支出，得满分；每发现一项扣 1 分，扣完为止 | Full marks when funds are used by the rules with no withholding, diversion, misappropriation or fictitious spending; 1 point off per case found
          DISCLOSURE 预决算信息公开性 | Disclosure of budgets and final accounts 3: 按规定时限和内容公开部门预算、决算及三公经费，得满分；未按时或内容不全的每项扣 1 分 | Full marks when the budget, final accounts and "three public" expenses are published on time and in full; 1 point off per item late or incomplete
          BASIC_INFORMATION 基础信息完善性 | Complete basic information 3: 基础数据信息和会计信息资料真实、完整、准确，得满分；否则酌情扣分 | Full marks when basic data and accounting records are true, complete and accurate; otherwise points off as judged
        ASSET_MANAGEMENT 资产管理 | Asset management 10
          ASSET_RULES 资产管理制度健全性 | Sound asset rules 3: 已制定资产管理制度且合法、合规、完整，并得到有效执行，得满分；否则酌情扣分 | Full marks when asset rules exist, are lawful and complete and are followed; otherwise points off as judged
          ASSETS_SAFE 资产管理安全性 | Safe asset management 4: 资产保存完整、配置合理、处置规范、收入及时足额上缴，账实相符，得满分；否则酌情扣分 | Full marks when assets are kept whole, reasonably allocated, disposed of by the rules, their income paid in and the books match; otherwise points off as judged
          FIXED_ASSET_UTILISATION = FIXED_ASSET_UTILISATION 固定资产利用率 | Fixed asset utilisation rate 3: ≥ 95% 得满分，每低 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≥ 95%, 1 off per 5% below (a started step counts), down to 0
      OUTPUT 产出 | Output 15
        DUTIES 职责履行 | Performance of duties 15
          ACTUAL_COMPLETION 实际完成率 | Actual completion rate 5: 实际完成工作数 ÷ 计划工作数：100% 得满分，按比例扣分（以年度工作计划和完成台账为证） | Work done ÷ work planned: full marks at 100%, points in proportion below (evidence: the year’s work plan and record)
          ON_TIME 完成及时率 | Timely completion rate 3: 按时完成工作数 ÷ 实际完成工作数：100% 得满分，按比例扣分 | Work done on time ÷ work done: full marks at 100%, points in proportion below
          QUALITY 质量达标率 | Quality compliance rate 4: 质量达标工作数 ÷ 实际完成工作数：100% 得满分，按比例扣分 | Work up to standard ÷ work done: full marks at 100%, points in proportion below
          KEY_WORK_DONE 重点工作办结率 | Key work completion rate 3: 已办结的重点工作数 ÷ 交办或下达的重点工作数：100% 得满分，按比例扣分 | Key tasks completed ÷ key tasks assigned: full marks at 100%, points in proportion below
      EFFECT 效果 | Effect 15
        BENEFITS 履职效益 | Benefits of duties 15
          ECONOMIC 经济效益 | Economic benefit 3: 履职对经济发展产生的直接或间接影响达到预期，得满分；否则酌情扣分 | Full marks when the duties’ effect on the economy is as expected; otherwise points off as judged
          SOCIAL 社会效益 | Social benefit 4: 履职对社会发展产生的直接或间接影响达到预期，得满分；否则酌情扣分 | Full marks when the duties’ effect on society is as expected; otherwise points off as judged
          ECOLOGICAL 生态效益 | Ecological benefit 2: 履职对生态环境产生的直接或间接影响达到预期，得满分；否则酌情扣分 | Full marks when the duties’ effect on the environment is as expected; otherwise points off as judged
          PUBLIC_SATISFACTION 社会公众或服务对象满意度 | Satisfaction of the public or service recipients 6: 按社会公众或服务对象满意度调查结果计分：满意度 ≥ 90% 得满分，每低 1% 扣该项分值的 5%；未开展调查的不得分 | Scored by the survey of the public or service recipients: full marks at ≥ 90%, 5% of the points off per 1% below; no survey, no points"
    `);
  });

  it('reads as the docs describe it (Sichuan)', () => {
    expect(outline(frameworkTemplates.SICHUAN)).toMatchInlineSnapshot(`
      "部门整体支出绩效自评（四川式） | Department overall self-evaluation (Sichuan layout)
      四川省部门整体支出绩效评价指标表：部门决策 25（目标任务 15、预算编制 10）、综合管理 30（绩效监控 5、资产管理 6、信息公开 6、绩效评价 5，余 8 分本系统放在预算执行）、部门绩效 45（履职成效 20、可持续发展能力 15、满意度 10）；三级指标分值和评分规则为本系统建议 | The Sichuan department overall table: decision 25 (targets 15, budgeting 10), management 30 (monitoring 5, assets 6, disclosure 6, evaluation 5; the system puts the remaining 8 on budget execution), performance 45 (results 20, sustainability 15, satisfaction 10); level-3 points and rules are the system’s proposal
      DECISION 部门决策 | Decision 25
        TARGETS 目标任务 | Targets and tasks 15
          DUTY_FIT 目标与职责匹配性 | Targets fit the duties 5: 年度目标任务覆盖部门主要职责和党委政府重点工作，得满分；每遗漏一项主要职责扣 1 分 | Full marks when the year’s targets cover the main duties and the government’s priorities; 1 point off per main duty left out
          TARGET_REASONABLE 绩效目标合理性 | Reasonable performance targets 5: 部门整体绩效目标依据充分、符合部门职责和发展规划、与预算相匹配，得满分；每有一项不符扣相应分值 | Full marks when the overall targets are well founded, fit the duties and plans and match the budget; points off for each that does not
          INDICATORS_CLEAR 绩效指标明确性 | Clear performance indicators 5: 绩效指标细化、量化、可衡量，与年度任务数相对应，得满分；否则酌情扣分 | Full marks when the indicators are specific, quantified, measurable and match the year’s tasks; otherwise points off as judged
        BUDGETING 预算编制 | Budgeting 10
          BUDGET_PREPARED 预算编制规范性 | Proper budget preparation 4: 预算编制完整、科学，项目支出有绩效目标，得满分；否则酌情扣分 | Full marks when the budget is complete and sound and every project has targets; otherwise points off as judged
          STAFF_CONTROL = STAFF_CONTROL 在职人员控制率 | Staff control rate 2: ≤ 100% 得满分，否则不得分 | full marks at ≤ 100%, otherwise none
          KEY_SPENDING_SHARE = KEY_SPENDING_SHARE 重点支出安排率 | Key spending share 2: ≥ 60% 得满分，否则按实际值 ÷ 标准值计分 | full marks at ≥ 60%, otherwise points × value ÷ threshold
          THREE_PUBLIC_CHANGE = THREE_PUBLIC_CHANGE “三公经费”变动率 | Change in "three public" expenses 2: ≤ 0% 得满分，每超 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≤ 0%, 1 off per 5% above (a started step counts), down to 0
      MANAGEMENT 综合管理 | Management 30
        BUDGET_EXECUTION 预算执行 | Budget execution 8
          BUDGET_COMPLETION = BUDGET_COMPLETION 预算完成率 | Budget completion rate 2: ≥ 100% 得满分，每低 5% 扣 0.5 分（不足一档按一档计），扣完为止 | full marks at ≥ 100%, 0.5 off per 5% below (a started step counts), down to 0
          BUDGET_ADJUSTMENT = BUDGET_ADJUSTMENT 预算调整率 | Budget adjustment rate 1: ≤ 10% 得满分，每超 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≤ 10%, 1 off per 5% above (a started step counts), down to 0
          PAYMENT_PROGRESS = PAYMENT_PROGRESS 支付进度率 | Payment progress rate 1: ≥ 100% 得满分，否则按实际值 ÷ 标准值计分 | full marks at ≥ 100%, otherwise points × value ÷ threshold
          CARRY_OVER_BALANCE = CARRY_OVER_BALANCE 结转结余率 | Carry-over and balance rate 1: ≤ 5% 得满分，每超 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≤ 5%, 1 off per 5% above (a started step counts), down to 0
          PUBLIC_FUNDS_CONTROL = PUBLIC_FUNDS_CONTROL 公用经费控制率 | General admin cost control rate 1: ≤ 100% 得满分，每超 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≤ 100%, 1 off per 5% above (a started step counts), down to 0
          THREE_PUBLIC_CONTROL = THREE_PUBLIC_CONTROL “三公经费”控制率 | "Three public" control rate 1: ≤ 100% 得满分，否则不得分 | full marks at ≤ 100%, otherwise none
          PROCUREMENT_EXECUTION = PROCUREMENT_EXECUTION 政府采购执行率 | Procurement execution rate 1: ≥ 100% 得满分，否则按实际值 ÷ 标准值计分 | full marks at ≥ 100%, otherwise points × value ÷ threshold
        MONITORING 绩效监控 | Performance monitoring 5
          MONITORING_DONE 监控开展情况 | Monitoring carried out 3: 按要求对全部项目开展绩效运行监控并按时报送，得满分；每缺报一个项目扣 0.5 分 | Full marks when every project was monitored and reported on time; 0.5 point off per project missing
          DEVIATIONS_CORRECTED 偏差纠正情况 | Deviations corrected 2: 对监控发现的偏差及时采取纠偏措施，得满分；否则酌情扣分 | Full marks when deviations found by monitoring were corrected in time; otherwise points off as judged
        ASSETS 资产管理 | Asset management 6
          ASSET_RULES 资产管理制度健全性 | Sound asset rules 2: 已制定资产管理制度且合法、合规、完整，并得到有效执行，得满分；否则酌情扣分 | Full marks when asset rules exist, are lawful and complete and are followed; otherwise points off as judged
          ASSETS_SAFE 资产管理安全性 | Safe asset management 2: 资产保存完整、配置合理、处置规范、收入及时足额上缴，账实相符，得满分；否则酌情扣分 | Full marks when assets are kept whole, reasonably allocated, disposed of by the rules, their income paid in and the books match; otherwise points off as judged
          FIXED_ASSET_UTILISATION = FIXED_ASSET_UTILISATION 固定资产利用率 | Fixed asset utilisation rate 2: ≥ 95% 得满分，每低 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≥ 95%, 1 off per 5% below (a started step counts), down to 0
        DISCLOSURE 信息公开 | Disclosure 6
          BUDGET_DISCLOSURE 预决算信息公开性 | Disclosure of budgets and final accounts 3: 按规定时限和内容公开部门预算、决算及三公经费，得满分；未按时或内容不全的每项扣 1 分 | Full marks when the budget, final accounts and "three public" expenses are published on time and in full; 1 point off per item late or incomplete
          PERFORMANCE_DISCLOSURE 绩效信息公开性 | Disclosure of performance information 3: 按规定公开绩效目标、自评结果和评价报告，得满分；每缺一项扣 1 分 | Full marks when targets, self-evaluation results and evaluation reports are published as required; 1 point off per item missing
        EVALUATION 绩效评价 | Performance evaluation 5
          SELF_EVALUATION_DONE 项目自评开展情况 | Project self-evaluations done 3: 项目支出绩效自评全覆盖、按时提交且质量合格，得满分；覆盖率每低 10% 扣 1 分（以本表的项目自评汇总为证） | Full marks when every project was self-evaluated on time and well; 1 point off per 10% short of full coverage (evidence: the project summary of this sheet)
          RESULTS_USED 评价结果应用 | Use of evaluation results 2: 评价发现的问题已整改、结果用于预算安排和管理改进，得满分；否则酌情扣分 | Full marks when problems found were rectified and results used in budgeting and management; otherwise points off as judged
      PERFORMANCE 部门绩效 | Performance 45
        RESULTS 履职成效 | Results of duties 20
          KEY_WORK_DONE 重点工作完成情况 | Key work completed 8: 年度重点工作全部按计划完成，得满分；每有一项未完成扣 2 分 | Full marks when all key work of the year was done as planned; 2 points off per item not done
          ON_TIME 履职及时性 | Timely performance 4: 各项工作按时完成，得满分；每有一项逾期扣 1 分 | Full marks when all work was done on time; 1 point off per item late
          QUALITY 履职质量 | Quality of performance 4: 工作质量达到规定标准，得满分；否则酌情扣分 | Full marks when the work met its standards; otherwise points off as judged
          BENEFITS 履职效益 | Benefits of duties 4: 履职产生的经济、社会、生态效益达到预期，得满分；否则酌情扣分 | Full marks when the economic, social and ecological benefits are as expected; otherwise points off as judged
        SUSTAINABILITY 可持续发展能力 | Sustainability 15
          STAFF_CAPACITY 人才队伍建设 | Staff capacity 5: 人员结构合理，培训计划落实，得满分；否则酌情扣分 | Full marks when the staff structure is sound and the training plan carried out; otherwise points off as judged
          RULES_BUILT 制度建设 | Rules in place 5: 内部控制和绩效管理制度健全并有效执行，得满分；否则酌情扣分 | Full marks when internal control and performance rules exist and are followed; otherwise points off as judged
          DIGITAL 信息化建设 | Digital capacity 5: 业务和财务信息系统满足履职需要，数据共享及时，得满分；否则酌情扣分 | Full marks when business and finance systems meet the duties’ needs and share data in time; otherwise points off as judged
        SATISFACTION 满意度 | Satisfaction 10
          PARTNER_SATISFACTION 协作部门满意度 | Satisfaction of partner departments 3: 按协作部门满意度调查结果计分：满意度 ≥ 90% 得满分，每低 1% 扣该项分值的 5%；未开展调查的不得分 | Scored by the survey of partner departments: full marks at ≥ 90%, 5% of the points off per 1% below; no survey, no points
          CLIENT_SATISFACTION 管理对象满意度 | Satisfaction of those it regulates or serves 3: 按管理对象满意度调查结果计分：满意度 ≥ 90% 得满分，每低 1% 扣该项分值的 5%；未开展调查的不得分 | Scored by the survey of those it regulates or serves: full marks at ≥ 90%, 5% of the points off per 1% below; no survey, no points
          PUBLIC_SATISFACTION 社会公众满意度 | Satisfaction of the public 4: 按社会公众满意度调查结果计分：满意度 ≥ 90% 得满分，每低 1% 扣该项分值的 5%；未开展调查的不得分 | Scored by the survey of the public: full marks at ≥ 90%, 5% of the points off per 1% below; no survey, no points"
    `);
  });

  it('reads as the docs describe it (streets and parks)', () => {
    expect(outline(frameworkTemplates.STREET_PARK)).toMatchInlineSnapshot(`
      "街道（园区）整体支出绩效自评 | Street (park) overall self-evaluation
      本系统建议的街道、园区框架：结构参照财预〔2013〕53号，增加属地职责和上级补助资金管理，去掉预算调整率（补助资金年中追加）；全部分值和评分规则可按年修改 | The system’s own proposal for streets and parks: built on the 财预〔2013〕53号 structure, with territorial duties and the management of district grants added and the budget adjustment rate left out (grants arrive as mid-year supplements); every point and rule is editable per year
      DECISION 决策与目标 | Decision and targets 15
        TARGET_SETTING 目标设定 | Target setting 8
          TARGET_REASONABLE 绩效目标合理性 | Reasonable performance targets 4: 部门整体绩效目标依据充分、符合部门职责和发展规划、与预算相匹配，得满分；每有一项不符扣相应分值 | Full marks when the overall targets are well founded, fit the duties and plans and match the budget; points off for each that does not
          TERRITORIAL_COVERAGE 属地职责覆盖度 | Territorial duties covered 4: 年度目标覆盖属地职责清单中的全部事项，得满分；每遗漏一项扣 1 分 | Full marks when the year’s targets cover every item of the territorial duty list; 1 point off per item left out
        BUDGET_ALLOCATION 预算配置 | Budget allocation 7
          STAFF_CONTROL = STAFF_CONTROL 在职人员控制率 | Staff control rate 2: ≤ 100% 得满分，否则不得分 | full marks at ≤ 100%, otherwise none
          KEY_SPENDING_SHARE = KEY_SPENDING_SHARE 重点支出安排率 | Key spending share 3: ≥ 60% 得满分，否则按实际值 ÷ 标准值计分 | full marks at ≥ 60%, otherwise points × value ÷ threshold
          THREE_PUBLIC_CHANGE = THREE_PUBLIC_CHANGE “三公经费”变动率 | Change in "three public" expenses 2: ≤ 0% 得满分，每超 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≤ 0%, 1 off per 5% above (a started step counts), down to 0
      FUNDS 资金管理 | Fund management 35
        BUDGET_EXECUTION 预算执行 | Budget execution 20
          BUDGET_COMPLETION = BUDGET_COMPLETION 预算完成率 | Budget completion rate 6: ≥ 100% 得满分，每低 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≥ 100%, 1 off per 5% below (a started step counts), down to 0
          PAYMENT_PROGRESS = PAYMENT_PROGRESS 支付进度率 | Payment progress rate 4: ≥ 100% 得满分，否则按实际值 ÷ 标准值计分 | full marks at ≥ 100%, otherwise points × value ÷ threshold
          CARRY_OVER_BALANCE = CARRY_OVER_BALANCE 结转结余率 | Carry-over and balance rate 4: ≤ 5% 得满分，每超 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≤ 5%, 1 off per 5% above (a started step counts), down to 0
          PUBLIC_FUNDS_CONTROL = PUBLIC_FUNDS_CONTROL 公用经费控制率 | General admin cost control rate 2: ≤ 100% 得满分，每超 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≤ 100%, 1 off per 5% above (a started step counts), down to 0
          THREE_PUBLIC_CONTROL = THREE_PUBLIC_CONTROL “三公经费”控制率 | "Three public" control rate 2: ≤ 100% 得满分，否则不得分 | full marks at ≤ 100%, otherwise none
          PROCUREMENT_EXECUTION = PROCUREMENT_EXECUTION 政府采购执行率 | Procurement execution rate 2: ≥ 100% 得满分，否则按实际值 ÷ 标准值计分 | full marks at ≥ 100%, otherwise points × value ÷ threshold
        GRANTS 补助资金管理 | District grants 10
          GRANTS_EARMARKED 补助资金专款专用 | Grants used as earmarked 4: 上级补助资金按规定用途使用，无挤占挪用，得满分；每发现一项扣 1 分 | Full marks when grants were used as earmarked with no diversion; 1 point off per case found
          GRANTS_PASSED_ON 补助资金拨付及时性 | Grants passed on in time 3: 补助资金在规定时限内拨付到社区、企业或个人，得满分；每有一笔逾期扣 0.5 分 | Full marks when grants reached communities, firms or people within the time allowed; 0.5 point off per late payment
          GRANTS_TARGETS 补助资金绩效目标完整性 | Grants have targets 3: 每项补助资金均有绩效目标并开展自评，得满分；每缺一项扣 0.5 分 | Full marks when every grant has targets and a self-evaluation; 0.5 point off per grant without
        ASSETS 资产管理 | Asset management 5
          FIXED_ASSET_UTILISATION = FIXED_ASSET_UTILISATION 固定资产利用率 | Fixed asset utilisation rate 2: ≥ 95% 得满分，每低 5% 扣 1 分（不足一档按一档计），扣完为止 | full marks at ≥ 95%, 1 off per 5% below (a started step counts), down to 0
          ASSETS_SAFE 资产管理安全性 | Safe asset management 3: 资产保存完整、配置合理、处置规范、收入及时足额上缴，账实相符，得满分；否则酌情扣分 | Full marks when assets are kept whole, reasonably allocated, disposed of by the rules, their income paid in and the books match; otherwise points off as judged
      TERRITORY 属地履职 | Territorial duties 35
        TERRITORIAL_DUTIES 属地职责履行 | Territorial duties done 20
          SAFETY 安全生产与应急管理 | Safety and emergencies 5: 辖区安全生产、防汛、消防等任务完成且无较大责任事故，得满分；发生责任事故的不得分 | Full marks when safety, flood and fire tasks were done with no serious accident for which the street is responsible; none after such an accident
          URBAN_ENVIRONMENT 城市管理与环境整治 | Urban management and environment 5: 市容、环境整治和垃圾分类任务按计划完成，得满分；否则按完成比例计分 | Full marks when cityscape, clean-up and waste sorting tasks were done as planned; otherwise in proportion
          COMMUNITY 社区治理与服务 | Community governance and services 5: 网格化管理、社区服务和矛盾调处任务完成，得满分；否则酌情扣分 | Full marks when grid management, community services and dispute mediation were done; otherwise points off as judged
          LIVELIHOOD 民生保障 | Livelihood support 5: 低保、养老、就业等民生资金和服务按时足额落实，得满分；否则酌情扣分 | Full marks when welfare, elderly care and employment funds and services were delivered in full and on time; otherwise points off as judged
        DEVELOPMENT 经济发展（园区） | Development (parks) 8
          INVESTMENT 招商引资与企业服务 | Investment and business services 4: 招商引资和企业服务年度目标完成，得满分；按完成比例计分 | Full marks when the year’s investment and business-service targets were met; otherwise in proportion
          KEY_PROJECTS 重点项目推进 | Key projects advanced 4: 辖区重点项目按节点推进，得满分；每有一个项目滞后扣 1 分 | Full marks when the key projects in the area kept to their milestones; 1 point off per project behind
        ASSIGNED_TASKS 专项任务 | Assigned tasks 7
          ASSIGNED_DONE 上级交办任务办结率 | Assigned tasks completed 4: 办结的交办任务数 ÷ 交办任务数：100% 得满分，按比例计分 | Tasks completed ÷ tasks assigned: full marks at 100%, otherwise in proportion
          ASSIGNED_ON_TIME 重点工作完成及时性 | Key work on time 3: 重点工作按时限完成，得满分；每有一项逾期扣 1 分 | Full marks when key work was done on time; 1 point off per item late
      EFFECT 效果与满意度 | Effect and satisfaction 15
        BENEFITS 履职效益 | Benefits 8
          SOCIAL 社会效益 | Social benefit 5: 辖区治理和民生改善达到预期，得满分；否则酌情扣分 | Full marks when governance and living conditions in the area improved as expected; otherwise points off as judged
          SUSTAINABLE 可持续影响 | Sustainable impact 3: 长效管理机制建立并运行，得满分；否则酌情扣分 | Full marks when lasting management arrangements are in place and working; otherwise points off as judged
        SATISFACTION 满意度 | Satisfaction 7
          RESIDENT_SATISFACTION 辖区居民满意度 | Satisfaction of residents 4: 按辖区居民满意度调查结果计分：满意度 ≥ 90% 得满分，每低 1% 扣该项分值的 5%；未开展调查的不得分 | Scored by the survey of residents: full marks at ≥ 90%, 5% of the points off per 1% below; no survey, no points
          BUSINESS_SATISFACTION 辖区企业满意度 | Satisfaction of businesses in the area 3: 按辖区企业满意度调查结果计分：满意度 ≥ 90% 得满分，每低 1% 扣该项分值的 5%；未开展调查的不得分 | Scored by the survey of businesses in the area: full marks at ≥ 90%, 5% of the points off per 1% below; no survey, no points"
    `);
  });
});
