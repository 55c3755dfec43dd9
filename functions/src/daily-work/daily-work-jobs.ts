import { runDueSoonReminders } from '#functions/daily-work/due-soon-job.ts';
import { runMailJob } from '#functions/daily-work/mail-job.ts';
import type { Mailer } from '#functions/ports/mailer.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

/** The scheduled jobs of the daily work (docs/domain/daily-work.md#the-scheduled-jobs), each run for every tenant. */
export const dailyWorkJobs = ['due-soon', 'mail'] as const;
export type DailyWorkJob = (typeof dailyWorkJobs)[number];

export const isDailyWorkJob = (value: unknown): value is DailyWorkJob =>
  typeof value === 'string' && (dailyWorkJobs as readonly string[]).includes(value);

/**
 * Runs one job for every tenant, one tenant after another; a tenant whose run fails does not stop the others, and the
 * failures are answered (and so logged) with the outcomes. Without a mailer the mail job sends nothing and says so.
 */
export const runDailyWorkJob = async (
  store: RecordStore,
  mailer: Mailer | undefined,
  job: DailyWorkJob,
  now: string,
): Promise<{ job: DailyWorkJob; outcomes: unknown[]; failures: { tenant: string; error: string }[] }> => {
  const outcomes: unknown[] = [];
  const failures: { tenant: string; error: string }[] = [];
  if (job === 'mail' && !mailer)
    return { job, outcomes: ['no mailer configured: MAIL_FROM or MAIL_OUTBOX_FILE'], failures };
  for (const tenant of await store.listTenants()) {
    try {
      outcomes.push(
        job === 'due-soon'
          ? await runDueSoonReminders(store, tenant, now)
          : await runMailJob(store, mailer!, tenant, now),
      );
    } catch (error) {
      failures.push({ tenant, error: String(error) });
    }
  }
  return { job, outcomes, failures };
};
