import type { SubmissionSettings } from '@jixiao/core/submission/submission-settings.ts';
import { ApiError, api } from '#lib/api.ts';

/**
 * The submission settings of a fiscal year (ex-ante threshold, passing grades, weights), or none for
 * someone the API refuses them (the observer, like the weights): the project screens judge with
 * the year's values, never with the defaults in code.
 */
export const readYearSettings = (fiscalYear: number): Promise<SubmissionSettings | null> =>
  api
    .get<SubmissionSettings>(`/submission-settings/${fiscalYear}`)
    .catch((error: unknown) => (error instanceof ApiError && error.status === 403 ? null : Promise.reject(error)));
