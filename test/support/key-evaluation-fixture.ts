import { uuidV7 } from '@jixiao/core/ids.ts';
import { engagementKind, type StoredEngagement } from '@jixiao/functions/fieldwork/record-kinds.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { operationRunner } from '@jixiao/infra/local/record-loader.ts';
import { type EngagementFixture, seedReleasedEngagement } from './fieldwork-fixture.ts';

export interface DraftReportFixture extends EngagementFixture {
  finding: string;
}

/**
 * A key evaluation brought to its draft report through the API's own operations (docs/domain/key-evaluation.md): the
 * released engagement of `seedReleasedEngagement`, every indicator's scoring paper saved with the interview as its
 * evidence and full marks unless `deductions` says otherwise, fieldwork closed, one finding sent to the
 * department, which agrees and submits, the lead's handling recorded and the exchange closed.
 */
export const seedDraftReport = async (
  store: RecordStore,
  tenant: string,
  who: { departmentId: string; agencyId: string; evaluatorId: string; leadId: string },
  /** The deductions of the first indicator's paper, or of each indicator's (by its points) when a function. */
  deductions:
    | readonly { points: string; reason: string }[]
    | ((points: number) => { points: string; reason: string }[]) = [],
  /** A project with approved targets: a project evaluation instead of a department's. */
  projectId: string | null = null,
): Promise<DraftReportFixture> => {
  const f = await seedReleasedEngagement(store, tenant, who, projectId);
  const deductionsOf = (index: number, points: number) =>
    typeof deductions === 'function' ? deductions(points) : index === 0 ? deductions : [];
  const run = operationRunner(store, tenant);
  const id = f.engagement;
  const lead = { userId: who.leadId, roles: ['agency-lead' as const], agencyId: who.agencyId };
  const department = {
    userId: 'fixture:department-reviewer',
    roles: ['department-reviewer' as const],
    departmentId: who.departmentId,
  };
  const current = async () => (await store.get<StoredEngagement>(tenant, engagementKind, id))!;
  const e = await current();
  for (const [index, indicator] of e.indicators.entries()) {
    await run('saveScoringPaper', lead, {
      params: { id, indicatorId: indicator.id },
      body: {
        version: 0,
        standard: indicator.standard,
        dataSource: '访谈记录',
        evidence: { recordIds: [f.record], photoIds: [], questionnaireIds: [] },
        verification: '经核查，与申报一致',
        scoring: { method: 'JUDGEMENT', deductions: deductionsOf(index, indicator.points) },
        deviation: '',
        causeAnalysis: '',
        responsibleParty: '',
        suggestion: '',
      },
    });
  }
  await run('closeFieldwork', lead, { params: { id }, body: { version: (await current()).version } });
  const finding = uuidV7();
  await run('createFinding', lead, {
    params: { id },
    body: {
      id: finding,
      category: 'FUNDS',
      title: '部分支出凭证不全',
      facts: '抽查的支付中有 2 笔缺少验收单',
      amount: 1200,
      quantity: '',
      basis: '《预算法》',
      evidence: { fieldRecordIds: [f.record], photoIds: [], indicatorIds: [] },
      responsibleParty: '项目单位',
      suggestion: '补齐验收单据',
      reportParagraph: null,
    },
  });
  await run('sendFindings', lead, {
    params: { id },
    body: { version: (await current()).version, dueDate: '2099-12-31' },
  });
  type Summary = { exchange: { version: number }; answers: { version: number }[] };
  const summary = async (as: typeof lead | typeof department) =>
    (await run('listFindings', as, { params: { id } })).body as unknown as Summary;
  await run('saveFindingAnswers', department, {
    params: { id },
    body: {
      version: (await summary(department)).exchange.version,
      answers: [{ findingId: finding, position: 'AGREE', explanation: '' }],
    },
  });
  await run('submitFindingAnswers', department, {
    params: { id },
    body: { version: (await summary(department)).exchange.version },
  });
  await run('recordAnswerHandling', lead, {
    params: { id, findingId: finding },
    body: { version: (await summary(lead)).answers[0]!.version, decision: 'ACCEPTED', reason: '部门认可，维持' },
  });
  await run('closeOpinionExchange', lead, { params: { id }, body: { version: (await current()).version } });
  return { ...f, finding };
};
