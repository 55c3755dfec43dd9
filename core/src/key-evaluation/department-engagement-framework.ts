import {
  type DepartmentFramework,
  frameworkIndicators,
  labelText,
} from '#core/department-evaluation/department-framework.ts';
import { ruleDirections, ruleText } from '#core/department-evaluation/formula-rule.ts';
import type { FrameworkIndicator, Weights } from '#core/fieldwork/engagement.ts';
import { evaluationLevel1Codes } from '#core/fieldwork/fieldwork-config.ts';
import type { Localized } from '#core/language.ts';

type Level1 = (typeof evaluationLevel1Codes)[number];

/** What a department's overall-spending engagement starts from: the department framework laid onto the engagement's four levels. */
export interface DepartmentEngagementFramework {
  weights: Weights;
  /** The framework's own names of its level-1 groups (投入/过程/产出/效果, or 部门决策/综合管理/部门绩效), by slot. */
  levelNames: Partial<Record<Level1, Localized>>;
  indicators: FrameworkIndicator[];
}

/** The most level-1 groups an engagement holds: its four levels. */
export const maxDepartmentLevels = evaluationLevel1Codes.length;

/**
 * The bureau's evaluation of a department's overall spending (docs/domain/key-evaluation.md#department-overall-evaluation)
 * runs on the same machinery as a project's, with the department framework of the self-evaluation (财预〔2013〕53号
 * and its local variants): its level-1 groups take the engagement's four levels in order (a three-level framework
 * leaves the last one at 0 points and empty), each group's points become the level's weight, each indicator keeps its
 * points and becomes one of the engagement's own indicators, a judgement indicator with its standard, a formula
 * indicator with its rule in words. `claims` are the department's own self-evaluation scores by indicator code, shown
 * beside what the agency verifies. Undefined when the framework has more level-1 groups than an engagement has levels.
 */
export const departmentEngagementFramework = (
  framework: DepartmentFramework,
  newId: () => string,
  claims: ReadonlyMap<string, string> = new Map(),
): DepartmentEngagementFramework | undefined => {
  if (framework.level1.length > maxDepartmentLevels) return undefined;
  const slotOf = new Map(framework.level1.map((group, i) => [group.code, evaluationLevel1Codes[i]!]));
  const weights = Object.fromEntries(
    evaluationLevel1Codes.map((slot, i) => [slot, framework.level1[i]?.points ?? 0]),
  ) as Weights;
  const levelNames = Object.fromEntries(framework.level1.map((group, i) => [evaluationLevel1Codes[i]!, group.name]));
  const level2Names = new Map(
    framework.level1.flatMap((l1) => l1.children.map((l2) => [`${l1.code}/${l2.code}`, l2.name] as const)),
  );
  const indicators = frameworkIndicators(framework).map(({ level1, level2, indicator }): FrameworkIndicator => {
    const claim = claims.get(indicator.code);
    const group = level2Names.get(`${level1}/${level2}`);
    return {
      id: newId(),
      level1: slotOf.get(level1)!,
      level2: (group ? labelText(group, 'zh-CN') : level2).slice(0, 40),
      name: labelText(indicator.name, 'zh-CN').slice(0, 80),
      source: 'ENGAGEMENT',
      target:
        indicator.kind === 'FORMULA'
          ? `${ruleDirections[indicator.rule.direction]['zh-CN']} ${indicator.rule.thresholdPct}%`
          : '',
      points: indicator.points,
      standard: (indicator.kind === 'FORMULA'
        ? ruleText(indicator.rule)['zh-CN']
        : labelText(indicator.standard, 'zh-CN')
      ).slice(0, 500),
      claim: claim === undefined ? null : { source: 'SELF_EVALUATION', value: claim.slice(0, 200) },
    };
  });
  return { weights, levelNames, indicators };
};
