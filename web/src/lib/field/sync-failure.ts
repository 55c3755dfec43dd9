import { connectivity } from '#lib/connectivity.svelte.ts';
import type { FieldHttpError } from '#lib/field/field-api.ts';
import { m } from '#lib/paraglide/messages.js';
import { problemText } from '#lib/problem-text.ts';

/** Why the last download of assignments failed, in the person's language (null when it did not). */
export const syncFailureText = (error: FieldHttpError | null): string | null => {
  if (!error) return null;
  if (error.status === 401) return m.field_sync_need_sign_in();
  if (error.status === 0)
    return m.field_sync_failed({ reason: connectivity.online ? m.error_network() : m.error_offline() });
  return m.field_sync_failed({
    reason: problemText({
      problem: error.problem ?? { title: error.message, status: error.status, type: 'about:blank' },
    }),
  });
};
