import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { demoId, demoTenant } from '#infra/local/demo-data.ts';
import { propertyServices } from '#infra/local/demo-projects.ts';
import { type Actor, operationRunner } from '#infra/local/record-loader.ts';

/**
 * The demo's key evaluation (docs/domain/fieldwork.md), as Dongli's 2022 report had one of property
 * services: the performance section opens it on the 2026 老旧小区物业服务补贴, commissions the CPA
 * firm (its declaration recorded), the plan gets its sample of estates, an interview outline and a
 * residents' questionnaire, and is approved; the agency's lead gives 孙强 two of the estates. The
 * field app then has something to download.
 */
export const demoEngagementId = demoId('engagement:property-2026');
export const demoAssignmentId = demoId('assignment:property-2026:evaluator');
export const demoSiteIds = [1, 2, 3, 4].map((n) => demoId(`site:property-2026:${n}`));
export const demoQuestionnaireId = demoId('questionnaire:property-2026:residents');

const agencyCode = '91120110MA05JX8K2Q';

const sites = [
  ['万新街道成林道小区', '东丽区万新街道成林道与津塘路交口', 39.1192, 117.3134, '补贴面积最大的小区'],
  ['张贵庄街道詹庄子小区', '东丽区张贵庄街道詹庄子路', 39.1263, 117.3366, '2025 年居民投诉最多'],
  ['丰年村街道丰年里', '东丽区丰年村街道丰年里', 39.1354, 117.3032, '随机抽取'],
  ['无瑕街道春霞里', '东丽区无瑕街道春霞里', 39.1159, 117.3512, '随机抽取'],
] as const;

const question = (n: number, text: string, indicatorIds: string[] = []) => ({
  id: demoId(`interview-question:property-2026:${n}`),
  text,
  indicatorIds,
});

export const seedDemoFieldwork = async (store: RecordStore): Promise<void> => {
  const run = operationRunner(store, demoTenant.id);
  const bureau: Actor = { userId: 'demo:performance-section-reviewer', roles: ['performance-section-reviewer'] };
  const lead: Actor = {
    userId: demoId('user:agency-lead'),
    roles: ['agency-lead'],
    agencyId: demoId(`agency:${agencyCode}`),
  };
  const created = await run('createEngagement', bureau, {
    body: {
      id: demoEngagementId,
      kind: 'PROJECT',
      fiscalYear: 2026,
      title: '2026 年度老旧小区物业服务补贴项目重点绩效评价',
      projectId: demoId(`project:${propertyServices}`),
      departmentId: null,
    },
  });
  if (created.replayed) return;
  let engagement = created.body;
  const rowId = (n: number) => demoId(`target-row:${propertyServices}:${n}`);
  const step = async (operationId: string, actor: Actor, body: Record<string, unknown> = {}) => {
    engagement = (
      await run(operationId, actor, {
        params: { id: demoEngagementId },
        body: { version: engagement.version, ...body },
      })
    ).body;
  };
  await step('commissionEngagement', bureau, {
    agencyId: demoId(`agency:${agencyCode}`),
    declaration: {
      noConflict: true,
      statement:
        '本所及项目组成员近三年未为东丽区住房和建设委员会及本项目提供咨询、审计或评估服务，与评价对象无利益关系。',
      declaredBy: '周敏',
      declaredOn: '2026-11-02',
    },
  });
  await step('updateEngagementPlan', lead, {
    sites: sites.map(([name, address, latitude, longitude, note], i) => ({
      id: demoSiteIds[i],
      name,
      address,
      latitude,
      longitude,
      note,
    })),
    sampling: {
      population: '享受补贴的 46 个老旧小区',
      method: 'STRATIFIED',
      note: '按补贴面积分层，覆盖补贴资金的 32%',
    },
    interviewQuestions: [
      question(1, '小区目前由哪家物业公司服务？服务内容与合同约定是否一致？', [rowId(2)]),
      question(2, '补贴资金是否按季度足额拨付到物业公司？有无拖欠？', [rowId(3)]),
      question(3, '近一年小区环境卫生和秩序有哪些变化？', [rowId(5)]),
      question(4, '居民对物业服务主要有哪些意见？'),
    ],
    questionnaires: [
      {
        id: demoQuestionnaireId,
        title: '老旧小区物业服务居民满意度调查',
        respondentGroup: 'BENEFICIARY',
        groupWeight: 100,
        minimumSample: 30,
        questions: [
          {
            id: demoId('survey-question:property-2026:1'),
            text: '您对小区的环境卫生是否满意？',
            kind: 'LIKERT',
            options: [],
            indicatorId: rowId(6),
          },
          {
            id: demoId('survey-question:property-2026:2'),
            text: '您对小区的安全秩序是否满意？',
            kind: 'LIKERT',
            options: [],
            indicatorId: rowId(6),
          },
          {
            id: demoId('survey-question:property-2026:3'),
            text: '您对物业人员的服务态度是否满意？',
            kind: 'LIKERT',
            options: [],
            indicatorId: rowId(6),
          },
          {
            id: demoId('survey-question:property-2026:4'),
            text: '您在小区居住了多久？',
            kind: 'CHOICE',
            options: ['不到 1 年', '1–5 年', '5 年以上'],
            indicatorId: null,
          },
        ],
      },
    ],
  });
  await step('approveEngagementPlan', bureau);
  await run('createAssignment', lead, {
    params: { id: demoEngagementId },
    body: {
      id: demoAssignmentId,
      evaluatorId: demoId('user:evaluator'),
      siteIds: demoSiteIds.slice(0, 2),
      dueDate: '2026-12-15',
      note: '先核查成林道小区，再去詹庄子小区；每个小区至少访谈一名业委会成员并完成 15 份问卷。',
    },
  });
};
