import type { Principal } from '#core/principal.ts';
import type { ExAnteAssessment, ExAnteState } from '#core/submission/ex-ante-assessment.ts';

/**
 * Who works on an ex-ante assessment, and what they may do in its state
 * (docs/domain/submission.md#ex-ante-assessment): while it is a draft, the performance section and
 * the commissioned agency's people write it; the bureau concludes its own (or an expert panel's);
 * a third party's lead submits it, and the performance section accepts (concludes) or returns what
 * was submitted. The API refuses by these rules and the web app offers its buttons by them.
 */
type Who = Pick<Principal, 'roles' | 'agencyId'>;
type Assessment = Pick<ExAnteAssessment, 'state' | 'assessorType' | 'agencyId'>;

/** The commissioned agency's lead and evaluators. */
export const isAgencyOf = (p: Who, a: Pick<Assessment, 'agencyId'>): boolean =>
  (p.roles.includes('agency-lead') || p.roles.includes('evaluator')) &&
  p.agencyId !== undefined &&
  p.agencyId === a.agencyId;

/** Those who write a draft: the performance section and the commissioned agency's people. */
export const worksOnAssessment = (p: Who, a: Pick<Assessment, 'agencyId'>): boolean =>
  p.roles.includes('performance-section-reviewer') || isAgencyOf(p, a);

/** A third party's work is concluded once submitted; the bureau's own straight from the draft. */
export const concludesFrom = (a: Pick<Assessment, 'assessorType'>): ExAnteState =>
  a.assessorType === 'THIRD_PARTY' ? 'SUBMITTED' : 'DRAFT';

export interface ExAnteSteps {
  write: boolean;
  submit: boolean;
  conclude: boolean;
  sendBack: boolean;
}

export const exAnteSteps = (p: Who, a: Assessment): ExAnteSteps => {
  const bureau = p.roles.includes('performance-section-reviewer');
  const draft = a.state === 'DRAFT';
  const thirdParty = a.assessorType === 'THIRD_PARTY';
  return {
    write: draft && worksOnAssessment(p, a),
    submit: draft && thirdParty && isAgencyOf(p, a) && p.roles.includes('agency-lead'),
    conclude: bureau && a.state === concludesFrom(a),
    sendBack: bureau && thirdParty && a.state === 'SUBMITTED',
  };
};
