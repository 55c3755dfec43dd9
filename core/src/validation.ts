import * as v from 'valibot';
import type { Language } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';
import { isWellFormedText, toWellFormedText } from '#core/schema-parts.ts';

/**
 * Turns valibot issues into field errors in the user's language. The same function runs in the
 * web forms (inline, as the user types) and in the handlers (problem+json), so both say the same.
 *
 * Schemas name special rules by a message key (e.g. `v.regex(re, 'department_code')`); everything
 * else is described from the issue's type.
 */
const messages: Record<string, (req: unknown) => Record<Language, string>> = {
  required: () => ({ 'zh-CN': '此项必填', en: 'Required' }),
  unknown_field: () => ({ 'zh-CN': '不允许的字段', en: 'Field not allowed' }),
  min_length: (n) => ({ 'zh-CN': `至少 ${n} 个字符`, en: `At least ${n} characters` }),
  max_length: (n) => ({ 'zh-CN': `最多 ${n} 个字符`, en: `At most ${n} characters` }),
  min_items: (n) => ({ 'zh-CN': `至少选择 ${n} 项`, en: `Choose at least ${n}` }),
  max_items: (n) => ({ 'zh-CN': `最多 ${n} 项`, en: `At most ${n} items` }),
  min_value: (n) => ({ 'zh-CN': `不能小于 ${n}`, en: `Must be at least ${n}` }),
  max_value: (n) => ({ 'zh-CN': `不能大于 ${n}`, en: `Must be at most ${n}` }),
  integer: () => ({ 'zh-CN': '必须是整数', en: 'Must be a whole number' }),
  picklist: () => ({ 'zh-CN': '不是允许的选项', en: 'Not one of the allowed options' }),
  string: () => ({ 'zh-CN': '应为文本', en: 'Must be text' }),
  number: () => ({ 'zh-CN': '应为数字', en: 'Must be a number' }),
  boolean: () => ({ 'zh-CN': '应为是或否', en: 'Must be true or false' }),
  array: () => ({ 'zh-CN': '应为列表', en: 'Must be a list' }),
  object: () => ({ 'zh-CN': '应为对象', en: 'Must be an object' }),
  uuid_v7: () => ({ 'zh-CN': '编号格式不正确（应为 UUIDv7）', en: 'Must be a UUIDv7 id' }),
  not_blank: () => ({ 'zh-CN': '不能只填空格', en: 'Must not be blank' }),
  well_formed: () => ({
    'zh-CN': '含有无法识别的字符（不成对的代理项），请删除后重新输入',
    en: 'Contains an unreadable character (an unpaired surrogate); delete it and type again',
  }),
  department_code: () => ({
    'zh-CN': '部门编码应为 3–21 位数字或字母',
    en: 'Department code: 3–21 digits or letters',
  }),
  unit_code: () => ({ 'zh-CN': '单位编码应为 3–21 位数字或字母', en: 'Unit code: 3–21 digits or letters' }),
  section_code: () => ({ 'zh-CN': '科室编码应为 2–21 位数字或字母', en: 'Section code: 2–21 digits or letters' }),
  credit_code: () => ({
    'zh-CN': '统一社会信用代码应为 18 位（数字或大写字母）',
    en: 'Unified social credit code: 18 digits or capital letters',
  }),
  username: () => ({
    'zh-CN': '登录名应为 3–40 位小写字母、数字、点、横线或下划线',
    en: 'Username: 3–40 lower-case letters, digits, dots, dashes or underscores',
  }),
  email: () => ({ 'zh-CN': '电子邮箱格式不正确', en: 'Must be an email address' }),
  unique_roles: () => ({ 'zh-CN': '角色不能重复', en: 'Roles must not repeat' }),
  cursor: () => ({ 'zh-CN': '分页游标无效', en: 'Invalid page cursor' }),
  unit_required: () => ({
    'zh-CN': '单位填报人和单位负责人必须指定所属预算单位',
    en: 'Unit preparers and approvers need a budget unit',
  }),
  department_required: () => ({
    'zh-CN': '部门审核人、单位填报人和单位负责人必须指定所属部门',
    en: 'Department reviewers, unit preparers and unit approvers need a department',
  }),
  agency_required: () => ({
    'zh-CN': '第三方评价人员和机构负责人必须指定所属第三方机构',
    en: 'Evaluators and agency leads need a third-party agency',
  }),
  section_required: () => ({
    'zh-CN': '财政局业务科室和绩效科审核人必须指定所属科室',
    en: 'Finance-bureau reviewers need a finance section',
  }),
  iso_date: () => ({ 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'Date as YYYY-MM-DD' }),
  fiscal_year: () => ({ 'zh-CN': '预算年度应为 2000–2100 的四位年份', en: 'Fiscal year: a year from 2000 to 2100' }),
  indicator_code: () => ({
    'zh-CN': '指标编码应为 3–30 位大写字母、数字或横线',
    en: 'Indicator code: 3–30 capital letters, digits or dashes',
  }),
  level2_mismatch: () => ({
    'zh-CN': '二级指标不属于所选一级指标',
    en: 'This level-2 is not under the chosen level-1',
  }),
  category_required: () => ({ 'zh-CN': '共性指标必须选择项目类别', en: 'Common indicators need a project category' }),
  sector_required: () => ({ 'zh-CN': '个性指标必须选择行业领域', en: 'Sector indicators need a sector' }),
  unit_required_quantitative: () => ({
    'zh-CN': '定量指标必须填写计量单位',
    en: 'Quantitative indicators need a unit',
  }),
  numeric_value: () => ({ 'zh-CN': '定量指标的指标值必须是数字', en: 'A quantitative value must be a number' }),
  spending_cap_required: () => ({
    'zh-CN': '以预算支出标准为依据的成本指标必须填写支出标准上限',
    en: 'A cost indicator based on a spending standard needs the standard',
  }),
  above_spending_cap: (cap) => ({
    'zh-CN': `成本指标不得高于支出标准（${cap}）`,
    en: `A cost indicator may not exceed the spending standard (${cap})`,
  }),
  roll_over_forwards: () => ({
    'zh-CN': '目标年度必须晚于来源年度',
    en: 'The target year must come after the source year',
  }),
  valid_to_before_from: () => ({ 'zh-CN': '失效日期不能早于生效日期', en: 'The end date is before the start date' }),
  unit_outside_department: () => ({
    'zh-CN': '所选预算单位不属于所选部门',
    en: 'The budget unit is not in the chosen department',
  }),
  project_code: () => ({
    'zh-CN': '项目编码应为 6–21 位数字或大写字母',
    en: 'Project code: 6–21 digits or capital letters',
  }),
  functional_class: () => ({
    'zh-CN': '支出功能分类应为 3 位（类）或 5 位（类款）数字',
    en: 'Functional class: 3 digits (class) or 5 digits (class and sub-class)',
  }),
  functional_class_unknown: () => ({
    'zh-CN': '支出功能分类科目中没有这个编码，请从列表中选择',
    en: 'Not a code of the functional classification: choose one from the list',
  }),
  period_backwards: () => ({ 'zh-CN': '实施期结束年度不能早于开始年度', en: 'The period ends before it starts' }),
  unit_not_yours: () => ({ 'zh-CN': '只能为本单位申报项目', en: 'You can only register projects for your own unit' }),
  medium_term_goal_required: () => ({
    'zh-CN': '跨年度项目必须填写中期（实施期）目标',
    en: 'A multi-year project needs a medium-term goal',
  }),
  qualitative_value_required: () => ({
    'zh-CN': '定性指标必须填写分级表述（指标值）',
    en: 'A qualitative indicator needs its graded wording',
  }),
  scoring_standard_required: () => ({
    'zh-CN': '定性指标必须填写评（扣）分标准',
    en: 'A qualitative indicator needs its scoring standard',
  }),
  missing_output: () => ({ 'zh-CN': '年度指标中至少要有一项产出指标', en: 'At least one annual output indicator' }),
  missing_benefit: () => ({ 'zh-CN': '年度指标中至少要有一项效益指标', en: 'At least one annual benefit indicator' }),
  missing_satisfaction: () => ({
    'zh-CN': '年度指标中至少要有一项满意度指标；不设满意度指标须说明理由',
    en: 'At least one annual satisfaction indicator, or a reason for the exemption',
  }),
  exempt_but_present: () => ({
    'zh-CN': '已设满意度指标，无需填写免设理由',
    en: 'There is a satisfaction indicator: no exemption reason is needed',
  }),
  weights_output: (r) => weightMessage('产出', 'Output', r),
  weights_benefit: (r) => weightMessage('效益', 'Benefit', r),
  weights_satisfaction: (r) => weightMessage('满意度', 'Satisfaction', r),
  return_needs_reason: () => ({
    'zh-CN': '退回时请填写审核意见或针对具体指标的意见',
    en: 'A return needs an opinion or a comment on a row',
  }),
  grade_required: () => ({ 'zh-CN': '终审通过须评定等级', en: 'Final approval needs a grade' }),
  return_comments_required: () => ({
    'zh-CN': '退回时请写明需要修改的内容',
    en: 'A return must say what to change',
  }),
  agency_for_third_party: () => ({
    'zh-CN': '委托第三方评估时须选择第三方机构（其他评估方式不选）',
    en: 'Choose the agency for a third-party assessment (and only then)',
  }),
  already_budgeted: () => ({ 'zh-CN': '该项目已纳入预算', en: 'The project is already in the budget' }),
  targets_not_approved: () => ({
    'zh-CN': '绩效目标尚未终审通过，不能纳入预算',
    en: 'The targets are not final-approved: no budget',
  }),
  grade_not_passing: () => ({
    'zh-CN': '绩效目标终审等级须为优或良，才能纳入预算',
    en: 'The targets must be graded Excellent or Good to enter the budget',
  }),
  ex_ante_missing: () => ({
    'zh-CN': '该项目须先完成事前绩效评估',
    en: 'This project needs a concluded ex-ante assessment first',
  }),
  ex_ante_rejected: () => ({
    'zh-CN': '事前绩效评估结论为不予支持，不能纳入预算',
    en: 'The ex-ante assessment did not support this project: no budget',
  }),
  reference_not_found: () => ({ 'zh-CN': '所选记录不存在', en: 'No such record' }),
  duplicate_row: () => ({ 'zh-CN': '指标行编号重复', en: 'Two rows have the same id' }),
  unknown_row: () => ({ 'zh-CN': '意见针对的指标行不存在', en: 'The comment is on a row that does not exist' }),
  attachment_type: () => ({
    'zh-CN': '只能上传 PDF、图片、Word 或 Excel 文件',
    en: 'Only PDF, images, Word or Excel files',
  }),
  attachment_too_large: () => ({ 'zh-CN': '文件不能超过 50 MB', en: 'Files up to 50 MB' }),
  attachment_not_uploaded: () => ({
    'zh-CN': '附件尚未上传完成或与登记的信息不符，请重新上传',
    en: 'The file has not been uploaded, or differs from what was registered; upload it again',
  }),
  attachment_changed: () => ({
    'zh-CN': '已登记的附件不能修改，如需更换请删除后重新上传',
    en: 'A listed file cannot be changed; remove it and upload again',
  }),
  sha256: () => ({ 'zh-CN': '文件校验值格式不正确', en: 'Invalid file checksum' }),
  // Fieldwork (docs/domain/fieldwork.md, rules 10–11).
  iso_time: () => ({ 'zh-CN': '时间格式不正确', en: 'Invalid time' }),
  weights_total_100: () => ({ 'zh-CN': '一级指标权重合计应为 100 分', en: 'Level-1 weights must add up to 100' }),
  level_points_mismatch: () => ({
    'zh-CN': '该一级指标下各指标分值之和应等于其权重',
    en: 'The points of this level’s indicators must add up to its weight',
  }),
  standard_required: () => ({ 'zh-CN': '每项指标都须有评分标准', en: 'Every indicator needs a scoring standard' }),
  site_required: () => ({ 'zh-CN': '评价方案至少要有一个核查点位', en: 'The plan needs at least one site' }),
  duplicate_id: () => ({ 'zh-CN': '编号重复', en: 'Two items have the same id' }),
  unknown_indicator: () => ({
    'zh-CN': '所关联的指标不在评价指标体系中',
    en: 'That indicator is not in the framework',
  }),
  choice_options: () => ({ 'zh-CN': '选择题至少要有两个选项', en: 'A choice question needs at least two options' }),
  group_weights_100: () => ({
    'zh-CN': '多份问卷的群体权重合计应为 100',
    en: 'The group weights of the questionnaires must add up to 100',
  }),
  department_framework_too_many_levels: () => ({
    'zh-CN': '该部门整体评价框架的一级指标超过 4 个，不能用于重点评价',
    en: 'The department framework has more than 4 level-1 groups: an engagement holds 4',
  }),
  evaluation_needs_approved_targets: () => ({
    'zh-CN': '该项目的绩效目标尚未终审通过，不能开展重点评价',
    en: 'The project’s targets are not final-approved: it cannot be evaluated yet',
  }),
  agency_blacklisted: () => ({
    'zh-CN': '该第三方机构已被列入黑名单，不能委托',
    en: 'This agency is blacklisted and cannot be commissioned',
  }),
  conflict_declared: () => ({
    'zh-CN': '第三方机构须声明与评价对象无利益冲突，方可委托',
    en: 'The agency must declare that it has no conflict of interest',
  }),
  agency_assessed_project: () => ({
    'zh-CN': '该机构曾承担本项目的事前绩效评估，存在利益冲突，应回避',
    en: 'This agency did the project’s ex-ante assessment: a conflict of interest',
  }),
  evaluator_not_in_agency: () => ({
    'zh-CN': '只能指派本机构在职的评价人员',
    en: 'Only an active evaluator of this agency can be assigned',
  }),
  site_not_in_plan: () => ({ 'zh-CN': '该点位不在评价方案的样本中', en: 'That site is not in the plan’s sample' }),
  site_already_assigned: () => ({
    'zh-CN': '该点位已分派给其他评价人员',
    en: 'That site is already assigned to an evaluator',
  }),
  site_not_in_assignment: () => ({ 'zh-CN': '该点位不在您的任务中', en: 'That site is not in your assignment' }),
  unknown_questionnaire: () => ({ 'zh-CN': '问卷不存在', en: 'No such questionnaire' }),
  unknown_question: () => ({ 'zh-CN': '问卷中没有这道题', en: 'The questionnaire has no such question' }),
  record_type_fixed: () => ({ 'zh-CN': '记录类型不能更改', en: 'The record type cannot change' }),
  verdict_required: () => ({ 'zh-CN': '请选择核查结论', en: 'Choose a verdict' }),
  observed_required: () => ({ 'zh-CN': '请填写核实值', en: 'Enter the observed value' }),
  departure_before_arrival: () => ({ 'zh-CN': '离开时间不能早于到达时间', en: 'Departure is before arrival' }),
  position_note_required: () => ({
    'zh-CN': '未获取到定位时，请说明原因及所在位置',
    en: 'Without a position fix, say why and where you are',
  }),
  signature_required: () => ({ 'zh-CN': '请核查人员签名', en: 'The evaluator must sign' }),
  signature_path: () => ({ 'zh-CN': '签名数据格式不正确', en: 'Invalid signature data' }),
  name_without_consent: () => ({
    'zh-CN': '未经受访者同意，不得记录其姓名',
    en: 'The interviewee’s name needs their consent',
  }),
  consent_method_required: () => ({ 'zh-CN': '请注明同意方式（口头或书面）', en: 'Say how consent was given' }),
  photo_type: () => ({ 'zh-CN': '照片只能是 JPEG、PNG 或 WebP 格式', en: 'Photos must be JPEG, PNG or WebP' }),
  photo_too_large: () => ({ 'zh-CN': '单张照片不能超过 5 MB', en: 'A photo may be at most 5 MB' }),
  photo_pixels: () => ({
    'zh-CN': '照片边长不能超过 1600 像素（应在手机上压缩）',
    en: 'Photos are at most 1600 pixels on a side (downscaled on the phone)',
  }),
  photo_not_declared: () => ({ 'zh-CN': '该照片不在记录的照片清单中', en: 'The record does not list this photo' }),
  photo_not_uploaded: () => ({
    'zh-CN': '照片尚未上传完成或大小不符，请重新上传',
    en: 'The photo has not been uploaded, or its size differs; upload it again',
  }),
  photo_checksum_mismatch: () => ({
    'zh-CN': '照片内容与登记的校验值不符，可能已损坏或被替换',
    en: 'The photo’s content does not match its checksum: damaged or replaced',
  }),
  photo_received_fixed: () => ({
    'zh-CN': '已接收的照片是证据，不能删除或更换',
    en: 'A received photo is evidence: it cannot be removed or replaced',
  }),
  visit_closed: () => ({
    'zh-CN': '离场时间已报送，本次现场核查记录已封存，不能再修改',
    en: 'The departure has been sent: this site visit is closed and cannot change',
  }),
  // Monitoring (docs/domain/monitoring.md, rule 8)
  data_date_in_year: () => ({ 'zh-CN': '数据截止日期应在预算年度内', en: 'The data date falls in the fiscal year' }),
  deadline_after_data_date: () => ({
    'zh-CN': '报送截止日期应晚于数据截止日期',
    en: 'The deadline comes after the data date',
  }),
  key_projects_required: () => ({ 'zh-CN': '重点监控须至少选择一个项目', en: 'Choose at least one key project' }),
  key_project_unfit: () => ({
    'zh-CN': '该项目不存在、不属于本预算年度或尚无终审通过的绩效目标',
    en: 'No such project in this fiscal year with final-approved targets',
  }),
  // Self-evaluation (docs/domain/self-evaluation.md#rounds-review-and-spot-check)
  points: () => ({
    'zh-CN': '分值应为不超过两位小数的数字，如 10.5',
    en: 'Points are a number with at most two decimals, e.g. 10.5',
  }),
  seed: () => ({ 'zh-CN': '抽样种子应为 8 至 32 位十六进制数', en: 'The seed is 8 to 32 hexadecimal digits' }),
  execution_override_reason: () => ({
    'zh-CN': '全年执行数与国库导入数不一致，请说明原因',
    en: 'The executed amount differs from the treasury import: say why',
  }),
  execution_overridden: () => ({
    'zh-CN': '单位修改了国库导入的全年执行数',
    en: 'The unit changed the executed amount imported from the treasury',
  }),
  self_evaluation_round_exists: () => ({
    'zh-CN': '该年度的绩效自评已经开启，每个年度只开启一次',
    en: 'The self-evaluation of this year is already open: one round per year',
  }),
  deadline_in_next_year: () => ({
    'zh-CN': '自评报送截止日期应在被评价年度的次年',
    en: 'The deadline falls in the year after the one evaluated',
  }),
  carried_over_unfit: () => ({
    'zh-CN': '结转项目应为以前年度已纳入预算、绩效目标已终审的项目',
    en: "A carried-over project is an earlier year's budgeted project with final-approved targets",
  }),
  bands_order: () => ({
    'zh-CN': '“达成”档的下限不能低于“部分达成”档的下限',
    en: 'The achieved band may not start below the partly-achieved band',
  }),
  bands_increasing: () => ({
    'zh-CN': '抽查金额分档的上限应逐档递增',
    en: 'The amount bands of the spot-check must rise band by band',
  }),
  grades_order: () => ({
    'zh-CN': '等级分数线应为 优 ≥ 良 ≥ 中',
    en: 'The grade bounds must run Excellent ≥ Good ≥ Fair',
  }),
  checkpoint_months_unique: () => ({ 'zh-CN': '每个月份只能设一个检查点', en: 'One checkpoint per month' }),
  red_gap_below_yellow: () => ({
    'zh-CN': '红色预警的落后幅度不能小于黄色预警',
    en: 'The red gap may not be smaller than the yellow gap',
  }),
  unique_items: () => ({ 'zh-CN': '选项不能重复', en: 'Items must not repeat' }),
  attendance_departments_unique: () => ({
    'zh-CN': '同一部门只能登记一次出席',
    en: 'A department is listed once in the attendance',
  }),
  attendance_not_in_audience: () => ({
    'zh-CN': '该部门不在本次培训的参训系列内',
    en: 'This department is not in the series the training is for',
  }),
  executed_above_budget: () => ({
    'zh-CN': '执行数不能超过该资金来源的全年预算数',
    en: 'Execution may not exceed the annual budget of this source',
  }),
  forecast_below_executed: () => ({
    'zh-CN': '全年预计执行数不能小于已执行数',
    en: 'The full-year forecast may not be below what is already spent',
  }),
  forecast_above_budget: () => ({
    'zh-CN': '全年预计执行数超过全年预算数，请先调整预算',
    en: 'The forecast exceeds the annual budget: adjust the budget first',
  }),
  numeric_actual: () => ({ 'zh-CN': '定量指标的完成值必须是数字', en: 'A quantitative value must be a number' }),
  likelihood_required: () => ({ 'zh-CN': '请选择完成目标可能性', en: 'Choose how likely the target is met' }),
  deviation_reason_required: () => ({
    'zh-CN': '完成目标可能性不是“确定能”时，至少勾选一项偏差原因',
    en: 'Unless the target is certain to be met, tick at least one deviation reason',
  }),
  corrective_measures_required: () => ({
    'zh-CN': '完成目标可能性不是“确定能”时，须填写纠偏措施',
    en: 'Unless the target is certain to be met, give the corrective measures',
  }),
  due_date_required: () => ({ 'zh-CN': '请填写完成期限', en: 'Give the due date' }),
  amount_required: () => ({ 'zh-CN': '请填写涉及的资金金额', en: 'Give the amount concerned' }),
  requirements_required: () => ({ 'zh-CN': '请写明整改要求', en: 'State what must be rectified' }),
  disposition_needs_deviation: () => ({
    'zh-CN': '只有终审通过且有黄色或红色预警的报告才需要处置',
    en: 'Only a final-approved report with a yellow or red warning is disposed of',
  }),
  already_disposed: () => ({ 'zh-CN': '该报告已作出处置决定', en: 'This report already has a disposition' }),
  adjustment_in_progress: () => ({
    'zh-CN': '该项目已有未完成的目标调整版本',
    en: 'The project already has an adjustment in progress',
  }),
  feedback_required: () => ({ 'zh-CN': '请填写整改情况', en: 'Describe what was rectified' }),
  deviation_analysis_required: () => ({
    'zh-CN': '勾选“其他”原因时，须在偏差原因分析中说明',
    en: 'Ticking “other” needs an explanation in the analysis',
  }),
};

const weightMessage = (zh: string, en: string, r: unknown): Record<Language, string> => {
  const { total, expected } = (r ?? {}) as { total?: number; expected?: number };
  return {
    'zh-CN': `${zh}指标权重合计应为 ${expected} 分（当前 ${total} 分）`,
    en: `${en} weights must add up to ${expected} (now ${total})`,
  };
};

export const describe = (code: string, language: Language, requirement?: unknown): string =>
  (messages[code] ?? messages.object!)(requirement)[language];

const pointerSegment = (key: unknown): string =>
  // A key may itself be ill-formed: the pointer that names it must still be sendable.
  toWellFormedText(String(key).replaceAll('~', '~0').replaceAll('/', '~1'));

const pointerOf = (path: v.BaseIssue<unknown>['path']): string =>
  path?.length ? `/${path.map((p) => pointerSegment(p.key)).join('/')}` : '';

/**
 * Pointers of every string (value or key) in the input that is not well-formed UTF-16, at any
 * depth: whatever schema a field has, a lone surrogate never reaches an operation.
 */
const illFormed = (input: unknown, at = '', found: string[] = [], depth = 0): string[] => {
  if (typeof input === 'string') {
    if (!isWellFormedText(input)) found.push(at);
  } else if (input !== null && typeof input === 'object' && depth < 64) {
    for (const [key, value] of Object.entries(input)) {
      const pointer = `${at}/${pointerSegment(key)}`;
      if (!isWellFormedText(key)) found.push(pointer);
      else illFormed(value, pointer, found, depth + 1);
    }
  }
  return found;
};

const objectTypes = new Set(['object', 'strict_object', 'loose_object', 'object_with_rest']);
const wrapperTypes = new Set([
  'optional',
  'exact_optional',
  'nullable',
  'nullish',
  'undefinedable',
  'non_optional',
  'non_nullable',
  'non_nullish',
]);
const isRecordLike = (input: unknown): input is Record<string, unknown> =>
  input !== null && typeof input === 'object' && !Array.isArray(input);

interface SchemaShape {
  type: string;
  wrapped?: SchemaShape;
  item?: SchemaShape;
  value?: SchemaShape;
  options?: SchemaShape[];
  entries?: Record<string, SchemaShape>;
  getter?: (input: unknown) => SchemaShape;
}
const acceptsArrays = (schema: SchemaShape): boolean =>
  wrapperTypes.has(schema.type)
    ? acceptsArrays(schema.wrapped!)
    : schema.type === 'union' || schema.type === 'variant'
      ? (schema.options ?? []).some(acceptsArrays)
      : !objectTypes.has(schema.type) && schema.type !== 'record';

/**
 * Pointers where the input holds an array and the schema wants an object. valibot's object
 * schemas take any `typeof 'object'`, so `[]` would pass for a body with no or only optional
 * fields; a list is never an object here.
 */
const arraysForObjects = (schema: SchemaShape, input: unknown, at = '', found: string[] = []): string[] => {
  if (wrapperTypes.has(schema.type)) return arraysForObjects(schema.wrapped!, input, at, found);
  if (schema.type === 'lazy' && schema.getter) return arraysForObjects(schema.getter(input), input, at, found);
  if (Array.isArray(input) && !acceptsArrays(schema)) {
    found.push(at);
  } else if (schema.type === 'array' && Array.isArray(input)) {
    for (const [i, item] of input.entries()) arraysForObjects(schema.item!, item, `${at}/${i}`, found);
  } else if (schema.type === 'record' && isRecordLike(input)) {
    for (const [key, value] of Object.entries(input))
      arraysForObjects(schema.value!, value, `${at}/${pointerSegment(key)}`, found);
  } else if (objectTypes.has(schema.type) && isRecordLike(input)) {
    for (const [key, entry] of Object.entries(schema.entries ?? {}))
      if (Object.hasOwn(input, key)) arraysForObjects(entry, input[key], `${at}/${pointerSegment(key)}`, found);
  }
  return found;
};

const codeOf = (issue: v.BaseIssue<unknown>): string => {
  if (issue.message in messages) return issue.message;
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'unknown_field';
  if (issue.kind === 'schema' && issue.received === 'undefined') return 'required';
  return issue.type in messages ? issue.type : 'object';
};

export const fieldErrors = (issues: readonly v.BaseIssue<unknown>[], language: Language): FieldError[] =>
  issues.map((issue) => {
    const code = codeOf(issue);
    return {
      pointer: pointerOf(issue.path),
      code,
      message: describe(code, language, (issue as { requirement?: unknown }).requirement),
    };
  });

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const validate = <S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  language: Language,
): Validated<v.InferOutput<S>> => {
  const result = v.safeParse(schema, input);
  const errors = result.success ? [] : fieldErrors(result.issues, language);
  const flagged = new Set(errors.map((e) => e.pointer));
  const more = (pointers: string[], code: string) => {
    for (const pointer of pointers) {
      if (flagged.has(pointer)) continue;
      flagged.add(pointer);
      errors.push({ pointer, code, message: describe(code, language) });
    }
  };
  more(illFormed(input), 'well_formed');
  more(arraysForObjects(schema as unknown as SchemaShape, input), 'object');
  return errors.length === 0 && result.success ? { ok: true, value: result.output } : { ok: false, errors };
};
