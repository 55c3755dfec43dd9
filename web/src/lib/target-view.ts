import type { Project } from '@jixiao/core/submission/project.ts';
import type { WeightSettings } from '@jixiao/core/submission/target-weights.ts';
import { api } from '#lib/api.ts';
import type { TargetWithChecks } from '#lib/target-types.ts';

/** One target version with its project and the weights of its year, as the version's screens (edit, read, review) show it. */
export interface TargetView {
  target: TargetWithChecks;
  project: Project;
  weights: WeightSettings;
}

export const readTargetView = async (targetId: string): Promise<TargetView> => {
  const target = await api.get<TargetWithChecks>(`/targets/${targetId}`);
  const [project, weights] = await Promise.all([
    api.get<Project>(`/projects/${target.projectId}`),
    api.get<WeightSettings>(`/target-weights/${target.fiscalYear}`),
  ]);
  return { target, project, weights };
};
