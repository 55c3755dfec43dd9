import type { EngagementState } from '#core/fieldwork/engagement.ts';
import { isPerformanceSection, leadsAgencyOf, type ScopedEngagement } from '#core/scope/fieldwork-scope.ts';
import type { ScopePrincipal } from '#core/scope/person.ts';

/**
 * The steps of a key evaluation (docs/domain/fieldwork.md), who takes each and from which states.
 * The fieldwork operations refuse by these rules and the engagement page offers its buttons by
 * them, so nobody meets a refusal for a button they should not have seen.
 */
export type EngagementStep = 'editPlan' | 'commission' | 'approvePlan' | 'closeFieldwork' | 'release' | 'assign';

export const stepStates: Record<EngagementStep, readonly EngagementState[]> = {
  editPlan: ['SELECTED', 'AGENCY_CONTRACTED'],
  commission: ['SELECTED'],
  approvePlan: ['AGENCY_CONTRACTED'],
  closeFieldwork: ['FIELDWORK'],
  // The department may see the evidence from fieldwork on; releasing twice changes nothing.
  release: ['FIELDWORK', 'PRELIM_FINDINGS', 'OPINION_EXCHANGE', 'DRAFT_REPORT', 'QC_REVIEW', 'FINANCE_REVIEW'],
  assign: ['AGENCY_CONTRACTED', 'FIELDWORK'],
};

type Who = Pick<ScopePrincipal, 'roles' | 'agencyId'>;
type Scoped = Pick<ScopedEngagement, 'agencyId'>;

/**
 * Who takes a step: the performance section drafts the plan, commissions, approves and releases;
 * the commissioned agency's lead works on the plan once commissioned, assigns and closes fieldwork.
 */
export const takesStep = (p: Who, step: EngagementStep, e: Scoped): boolean => {
  switch (step) {
    // The agency is only known once commissioned, so its lead joins the plan from AGENCY_CONTRACTED.
    case 'editPlan':
      return isPerformanceSection(p) || leadsAgencyOf(p, e);
    case 'closeFieldwork':
    case 'assign':
      return leadsAgencyOf(p, e);
    default:
      return isPerformanceSection(p);
  }
};

export type EngagementSteps = Record<EngagementStep, boolean> & {
  exportPapers: boolean;
  /** Progress and assignments are the bureau's and the lead's, not the department's. */
  seeProgress: boolean;
};

export const engagementSteps = (
  p: Who,
  e: Scoped & Pick<ScopedEngagement, 'releasedAt'> & { state: EngagementState },
): EngagementSteps => {
  const may = (step: EngagementStep) => takesStep(p, step, e) && stepStates[step].includes(e.state);
  const lead = leadsAgencyOf(p, e);
  return {
    editPlan: may('editPlan'),
    commission: may('commission'),
    approvePlan: may('approvePlan'),
    closeFieldwork: may('closeFieldwork'),
    release: may('release') && e.releasedAt === null,
    assign: may('assign'),
    exportPapers: isPerformanceSection(p) || lead,
    seeProgress: p.roles.includes('business-section-reviewer') || isPerformanceSection(p) || lead,
  };
};
