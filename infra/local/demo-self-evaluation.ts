import { blankEntry } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { selfEvaluationId } from '@jixiao/functions/self-evaluation/round-operations.ts';
import { demoDepartments, demoId, demoTenant } from '#infra/local/demo-data.ts';
import { demoProjectYear } from '#infra/local/demo-projects.ts';
import { type Actor, operationRunner } from '#infra/local/record-loader.ts';

/**
 * The demo's year-end self-evaluation (docs/domain/self-evaluation.md): the performance section
 * opened the self-evaluation of the monitored year in January of the next and issued it to every
 * budgeted project of that year. By now the units stand at every step: the property-services
 * project approved at the top (优), one with a row short of its target approved with its reasons, one
 * with a row whose actual is not a number (scored by a tier, with the reason) waiting for its
 * department, one returned by its department with a comment on a row, one half filled in, and the
 * rest not started.
 */
const year = demoProjectYear - 1;
export const demoSelfEvaluationRoundId = demoId(`self-evaluation-round:${year}`);
const next = (monthDay: string) => `${year + 1}-${monthDay}`;
const at = (day: string, hour: number) => `${day}T${String(hour - 8).padStart(2, '0')}:30:00.000Z`;

type Reach = 'draft' | 'half' | 'unit-submitted' | 'returned' | 'approved';
interface Plan {
  reach: Reach;
  /** Share of the year's budget spent. */
  spent: number;
  /** The first row: met, short of its target, or not a number of its unit. */
  first: 'MET' | 'SHORT' | 'NOT_COMPUTABLE';
  sentOn?: string;
}

const plans: Record<string, Plan> = {
  [`DL${year}ZJ0003`]: { reach: 'approved', spent: 0.98, first: 'MET', sentOn: '02-20' },
  [`DL${year}JY0002`]: { reach: 'approved', spent: 0.86, first: 'SHORT', sentOn: '02-26' },
  [`DL${year}JY0003`]: { reach: 'unit-submitted', spent: 0.93, first: 'NOT_COMPUTABLE', sentOn: '03-10' },
  [`DL${year}JY0005`]: { reach: 'returned', spent: 0.9, first: 'MET', sentOn: '03-05' },
  [`DL${year}JY0004`]: { reach: 'half', spent: 0.7, first: 'MET' },
};

interface Row {
  rowId: string;
  operator: string;
  targetValue: string;
  weight: number;
}

interface SelfEvaluationView {
  version: number;
  projectCode: string;
  departmentId: string;
  unitId: string;
  money: { source: string; initialBudgetFen: number | null; annualBudgetFen: number | null }[];
  rows: Row[];
}

/** What the unit writes against a row: met, short of the target by a tenth, or an actual that is not a number. */
const entryOf = (row: Row, first: Plan['first'], isFirst: boolean) => {
  if (row.operator === 'QUALITATIVE') {
    return { rowId: row.rowId, actual: '达到预期效果', tier: 'ACHIEVED', tierScore: String(row.weight) };
  }
  if (!isFirst || first === 'MET' || !/^\d+(\.\d+)?$/.test(row.targetValue)) {
    return { rowId: row.rowId, actual: row.targetValue };
  }
  if (first === 'SHORT') {
    return {
      rowId: row.rowId,
      actual: String(Math.round(Number(row.targetValue) * 0.9 * 100) / 100),
      deviationReasons: '部分受助对象资格复核晚于计划，年底前未全部完成发放。',
      improvementMeasures: '提前开展资格复核，按季度跟踪发放进度。',
    };
  }
  return {
    rowId: row.rowId,
    actual: '基本完成',
    tier: 'PARTIAL',
    tierScore: String(Math.round(row.weight * 0.7 * 100) / 100),
    notComputableReason: '统计口径调整，年末未形成可比的数量统计，按定性档次评价。',
    deviationReasons: '统计口径调整，部分数据未能按原口径汇总。',
    improvementMeasures: '统一统计口径，按月汇总台账。',
  };
};

export const seedDemoSelfEvaluation = async (store: RecordStore): Promise<void> => {
  const run = operationRunner(store, demoTenant.id);
  const perf: Actor = { userId: 'demo:performance-section-reviewer', roles: ['performance-section-reviewer'] };
  const opened = await run('createSelfEvaluationRound', perf, {
    body: {
      id: demoSelfEvaluationRoundId,
      fiscalYear: year,
      name: `${year}年度项目支出绩效自评`,
      deadline: next('03-31'),
    },
    receivedAt: at(next('01-10'), 9),
  });
  if (opened.replayed) return;
  let round = opened.body;
  while (round.roundStatus === 'OPENING') {
    round = (
      await run('issueSelfEvaluationRound', perf, {
        params: { id: demoSelfEvaluationRoundId },
        body: {},
        receivedAt: at(next('01-10'), 9),
      })
    ).body;
  }

  // Departments work side by side; within one, one table after another (each step moves its tally).
  const byDepartment = Map.groupBy(Object.entries(plans), ([code]) => code.slice(6, 8));
  await Promise.all([...byDepartment.values()].map((mine) => fill(mine)));

  async function fill(mine: [string, Plan][]): Promise<void> {
    for (const [code, plan] of mine) {
      const id = selfEvaluationId(demoSelfEvaluationRoundId, demoId(`project:${code}`));
      let table = (await run('getSelfEvaluation', perf, { params: { id } })).body as unknown as SelfEvaluationView;
      const where = { departmentId: table.departmentId, unitId: table.unitId };
      const unit = (role: 'unit-preparer' | 'unit-approver'): Actor => ({
        userId: `demo:${role}`,
        roles: [role],
        ...where,
      });
      const sent = next(plan.sentOn ?? '02-15');
      const act = async (
        operationId: string,
        actor: Actor,
        body: Record<string, unknown>,
        hour: number,
        day = sent,
      ) => {
        table = (
          await run(operationId, actor, {
            params: { id },
            body: { version: table.version, ...body },
            receivedAt: at(day, hour),
          })
        ).body as unknown as SelfEvaluationView;
      };
      const rows = plan.reach === 'half' ? table.rows.slice(0, Math.ceil(table.rows.length / 2)) : table.rows;
      await act(
        'saveSelfEvaluation',
        unit('unit-preparer'),
        {
          goalCompletion: plan.reach === 'half' ? '' : '年度目标基本完成，资金按进度拨付，受益对象满意度较高。',
          money: table.money.map((line) => ({
            source: line.source,
            initialBudgetFen: line.initialBudgetFen,
            annualBudgetFen: line.annualBudgetFen,
            executedFen: line.annualBudgetFen === null ? null : Math.round(line.annualBudgetFen * plan.spent),
          })),
          rows: rows.map((row, i) => ({ ...blankEntry(row.rowId), ...entryOf(row, plan.first, i === 0) })),
        },
        9,
      );
      if (plan.reach === 'half') continue;
      await act('submitSelfEvaluation', unit('unit-approver'), { opinion: '经单位审核，同意报送。' }, 11);
      if (plan.reach === 'unit-submitted') continue;
      const department: Actor = {
        userId: 'demo:department-reviewer',
        roles: ['department-reviewer'],
        departmentId: where.departmentId,
      };
      if (plan.reach === 'returned') {
        await act(
          'departmentReviewSelfEvaluation',
          department,
          {
            decision: 'return',
            opinion: '请补充实际完成值的佐证材料。',
            rowComments: { [table.rows[0]!.rowId]: '实际完成值与年度台账不一致，请核对后重新填报。' },
          },
          15,
        );
        continue;
      }
      await act('departmentReviewSelfEvaluation', department, { decision: 'approve', opinion: '同意。' }, 15);
      const section = demoDepartments.find((d) => demoId(`department:${d.code}`) === where.departmentId)!.section;
      await act(
        'firstReviewSelfEvaluation',
        {
          userId: 'demo:business-section-reviewer',
          roles: ['business-section-reviewer'],
          sectionId: demoId(`section:${section}`),
        },
        { decision: 'approve', opinion: '已核。' },
        10,
        next('03-12'),
      );
      await act('finalReviewSelfEvaluation', perf, { decision: 'approve', opinion: '同意。' }, 10, next('03-20'));
    }
  }
};
