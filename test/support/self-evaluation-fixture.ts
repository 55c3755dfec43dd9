import { uuidV7 } from '@jixiao/core/ids.ts';
import { defaultScoringSettings, type ScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import { blankEntry } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import { defaultTargetWeights } from '@jixiao/core/submission/target-weights.ts';
import type { OperationRequest } from '@jixiao/functions/http/api-event.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { requestHash } from '@jixiao/functions/records/request-hash.ts';
import { selfEvaluationKind, selfEvaluationRoundKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { newSelfEvaluationTally, type StoredSelfEvaluation } from '@jixiao/functions/self-evaluation/tally-writes.ts';
import type { MonitoringDepartment } from './monitoring-fixture.ts';

const at = '2027-01-10T02:00:00.000Z';
const fixtureRequest = { receivedAt: at, principal: { userId: 'fixture:self-evaluation' } } as OperationRequest;
const context = () => ({ actor: 'fixture', actorRoles: [], requestId: uuidV7(), at });

/** An issued self-evaluation round of 2026, written straight to the store (one per tenant and year). */
export const seedSelfEvaluationRound = async (
  store: RecordStore,
  tenant: string,
  scoring: ScoringSettings = defaultScoringSettings,
): Promise<string> => {
  const id = uuidV7();
  const made = await store.create(
    tenant,
    selfEvaluationRoundKind,
    {
      id,
      version: 1,
      status: 'active',
      createdAt: at,
      updatedAt: at,
      createdBy: 'fixture',
      updatedBy: 'fixture',
      fiscalYear: 2026,
      yearKey: '2026',
      name: '2026年度项目支出绩效自评',
      deadline: '2027-03-31',
      carriedOverProjectIds: [],
      roundStatus: 'ISSUED',
      scoring,
      weights: defaultTargetWeights,
      selfEvaluationCount: 1,
      pendingDepartmentIds: [],
    },
    { hash: requestHash({ round: id }), context: context() },
  );
  if (made.outcome !== 'created') throw new Error(`self-evaluation round fixture: ${made.outcome}`);
  return id;
};

/** A draft self-evaluation of a department's unit in the round, with the department's tally. Answers its id. */
export const seedSelfEvaluation = async (
  store: RecordStore,
  tenant: string,
  roundId: string,
  department: MonitoringDepartment,
): Promise<string> => {
  const id = uuidV7();
  const record: StoredSelfEvaluation = {
    id,
    version: 1,
    status: 'active',
    createdAt: at,
    updatedAt: at,
    createdBy: 'fixture',
    updatedBy: 'fixture',
    roundId,
    roundName: '2026年度项目支出绩效自评',
    roundDepartment: `${roundId}#${department.id}`,
    fiscalYear: 2026,
    deadline: '2027-03-31',
    scoring: defaultScoringSettings,
    weights: defaultTargetWeights,
    projectId: uuidV7(),
    projectCode: `DL2026S${Math.floor(Math.random() * 1e6)}`,
    projectName: '教师培训项目',
    departmentId: department.id,
    departmentCode: department.code,
    departmentName: department.name,
    departmentSeries: department.series,
    unitId: department.unitId,
    unitName: department.unitName,
    financeSectionId: department.financeSectionId,
    carriedOver: false,
    targetId: uuidV7(),
    targetVersionNo: 1,
    weightReason: '',
    annualGoal: '完成全年教师培训任务',
    goalCompletion: '',
    money: [
      {
        source: 'FISCAL',
        initialBudgetFen: 1_000_000_00,
        annualBudgetFen: 1_000_000_00,
        executedFen: null,
        origin: 'PROJECT',
        importedExecutedFen: null,
        overrideReason: '',
      },
    ],
    rows: [
      {
        level1: 'OUTPUT',
        level2: 'QUANTITY',
        name: '培训教师人次',
        operator: 'GTE',
        targetValue: '1200',
        unit: '人次',
        weight: 90,
        scoringStandard: '完成值达到目标值得满分，未达到的按完成比例计分',
        ...blankEntry('r1'),
      },
    ],
    claimedTotal: null,
    rowAttachments: {},
    reviewStatus: 'DRAFT',
    statusSince: at,
    firstSubmittedAt: null,
    reviewLog: [],
    total: null,
    grade: null,
    spotCheck: null,
  };
  const result = await store.transact(
    tenant,
    [
      newSelfEvaluationTally(roundId, department, [record], fixtureRequest),
      { kind: selfEvaluationKind, create: record, hash: requestHash({ selfEvaluation: id }) },
    ],
    context(),
  );
  if (result.outcome !== 'done') throw new Error(`self-evaluation fixture: ${result.outcome}`);
  return id;
};
