import type { Project } from '@jixiao/core/submission/project.ts';
import type { WeightSettings } from '@jixiao/core/submission/target-weights.ts';
import { ApiError, api } from '#lib/api.ts';
import type { TargetWithChecks } from '#lib/target-types.ts';

/** One target version with its project and the weights of its year, as the version's screens (edit, read, review) show it. */
export interface TargetView {
  target: TargetWithChecks;
  project: Project;
  /** None for the observer, who edits nothing and may not read them. */
  weights: WeightSettings | null;
}

/**
 * The year's target weights, or none for someone the API refuses them (the observer reads published
 * targets but not the weights, docs/domain/README.md#roles): their screens go without what needs them.
 */
export const readWeights = (fiscalYear: number): Promise<WeightSettings | null> =>
  api
    .get<WeightSettings>(`/target-weights/${fiscalYear}`)
    .catch((error: unknown) => (error instanceof ApiError && error.status === 403 ? null : Promise.reject(error)));

export const readTargetView = async (targetId: string): Promise<TargetView> => {
  const target = await api.get<TargetWithChecks>(`/targets/${targetId}`);
  const [project, weights] = await Promise.all([
    api.get<Project>(`/projects/${target.projectId}`),
    readWeights(target.fiscalYear),
  ]);
  return { target, project, weights };
};
