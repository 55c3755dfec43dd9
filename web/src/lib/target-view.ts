import type { Project } from '@jixiao/core/submission/project.ts';
import { api } from '#lib/api.ts';
import type { TargetWithChecks } from '#lib/target-types.ts';

/** One target version with its project, as the version's screens (edit, read, review) show it. */
export interface TargetView {
  target: TargetWithChecks;
  project: Project;
}

export const readTargetView = async (targetId: string): Promise<TargetView> => {
  const target = await api.get<TargetWithChecks>(`/targets/${targetId}`);
  const project = await api.get<Project>(`/projects/${target.projectId}`);
  return { target, project };
};
