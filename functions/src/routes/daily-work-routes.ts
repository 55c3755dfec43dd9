import { budgetCalendar, saveCalendarSettings } from '@jixiao/core/daily-work/budget-calendar.ts';
import {
  markNotificationsRead,
  notificationList,
  pageOfReminders,
  reminder,
  sendReminder,
} from '@jixiao/core/daily-work/notification.ts';
import { toDoHome } from '@jixiao/core/daily-work/to-do.ts';
import { fiscalYearParams, idParams, pageQuery } from '@jixiao/core/schema-parts.ts';
import * as v from 'valibot';
import { exportJobRoutes } from '#functions/routes/export-job-routes.ts';
import { allRoles } from '#functions/routes/master-data-routes.ts';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const dailyWork = { capability: 'daily-work', tag: 'daily-work' } as const;
/** The bureau's sections remind (催报): the performance section every department, a business section its own. */
const remindingRoles = ['performance-section-reviewer', 'business-section-reviewer'] as const;
const reminderQuery = v.strictObject({ limit: pageQuery.limit, cursor: pageQuery.cursor });

const reminderRoutes = (round: 'monitoring-rounds' | 'self-evaluation-rounds', name: 'Monitoring' | 'SelfEvaluation') =>
  [
    {
      ...dailyWork,
      operationId: `send${name}Reminder`,
      method: 'POST',
      path: `/api/v1/${round}/{id}/reminders`,
      summary:
        "催报: remind every department in the caller's scope with records of this issued round still not sent; one notification per department, the reminder recorded",
      access: remindingRoles,
      params: idParams,
      body: sendReminder,
      idempotentCreate: true,
      response: { status: 201, description: 'The reminder, with the departments reminded', schema: reminder },
    },
    {
      ...dailyWork,
      operationId: `list${name}Reminders`,
      method: 'GET',
      path: `/api/v1/${round}/{id}/reminders`,
      summary: 'The reminders sent in this round, oldest first (a page of at most 100)',
      access: remindingRoles,
      params: idParams,
      query: reminderQuery,
      response: { status: 200, description: 'A page', schema: pageOfReminders },
    },
  ] satisfies RouteDefinition[];

/** The daily work (docs/domain/daily-work.md): what waits for the signed-in person, notifications, reminders. */
export const dailyWorkRoutes: RouteDefinition[] = [
  {
    ...dailyWork,
    operationId: 'getToDo',
    method: 'GET',
    path: '/api/v1/to-do',
    summary:
      "The caller's to-do lists: per work queue their roles give them, the count (at most 20,000 counted; above, a floor), how many are overdue, and the first 5 entries oldest first",
    access: allRoles,
    response: { status: 200, description: 'The to-do lists', schema: toDoHome },
  },
  {
    ...dailyWork,
    operationId: 'listNotifications',
    method: 'GET',
    path: '/api/v1/notifications',
    summary:
      "The caller's notifications, newest first: the newest 50 of each audience they belong to (themselves, their unit, their department), merged and cut to 50; and how many are unread",
    access: allRoles,
    response: { status: 200, description: 'The notifications', schema: notificationList },
  },
  {
    ...dailyWork,
    operationId: 'markNotificationsRead',
    method: 'PATCH',
    path: '/api/v1/notification-read-mark',
    summary: "Moves the caller's read mark to a time (never back, never past now): sending it again changes nothing",
    access: allRoles,
    body: markNotificationsRead,
    response: { status: 200, description: 'The time read up to', schema: v.object({ readUpTo: v.string() }) },
  },
  {
    ...dailyWork,
    operationId: 'getBudgetCalendar',
    method: 'GET',
    path: '/api/v1/budget-calendar/{fiscalYear}',
    summary:
      "The budget year's dates, earliest first: targets due, the budget's reply and the publication deadline (the year's settings), and the deadlines of its issued monitoring and self-evaluation rounds",
    access: allRoles,
    params: fiscalYearParams,
    response: { status: 200, description: 'The calendar', schema: budgetCalendar },
  },
  {
    ...dailyWork,
    operationId: 'saveBudgetCalendar',
    method: 'PATCH',
    path: '/api/v1/budget-calendar/{fiscalYear}',
    summary:
      "The performance section sets the year's dates no record holds, at the version it read (0 before the first save)",
    access: ['performance-section-reviewer'],
    params: fiscalYearParams,
    body: saveCalendarSettings,
    response: { status: 200, description: 'The calendar after the change', schema: budgetCalendar },
  },
  ...reminderRoutes('monitoring-rounds', 'Monitoring'),
  ...reminderRoutes('self-evaluation-rounds', 'SelfEvaluation'),
  ...exportJobRoutes,
];
