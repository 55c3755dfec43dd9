import { calendarOperations } from '#functions/daily-work/calendar-operations.ts';
import { notificationOperations } from '#functions/daily-work/notification-operations.ts';
import { reminderOperations } from '#functions/daily-work/reminder-operations.ts';
import { toDoOperations } from '#functions/daily-work/to-do-operations.ts';
import { exportJobOperations } from '#functions/export-jobs/export-job-operations.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { JobStarter } from '#functions/ports/job-starter.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

/** The daily-work capability's operations: to-do home, notifications, reminders, the calendar, exports. */
export const dailyWorkOperations = (store: RecordStore, evidence: EvidenceStore, starter: JobStarter): Operations => ({
  ...toDoOperations(store),
  ...notificationOperations(store),
  ...reminderOperations(store),
  ...calendarOperations(store),
  ...exportJobOperations(store, evidence, starter),
});
