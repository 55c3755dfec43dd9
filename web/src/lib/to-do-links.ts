import type { ToDoItem, ToDoList } from '@jixiao/core/daily-work/to-do.ts';

/**
 * Where the to-do home's lists lead (docs/domain/daily-work.md): each entry to its record's page, each
 * list to the page that shows all of it. One place, so a list's title, its link and its entries agree.
 */
export const toDoItemHref = (list: Pick<ToDoList, 'subject' | 'action'>, item: Pick<ToDoItem, 'id'>): string => {
  switch (list.subject) {
    case 'target':
      return `/targets/${item.id}`;
    case 'monitoring-report':
      return `/monitoring/reports/${item.id}`;
    case 'self-evaluation':
      return `/self-evaluations/${item.id}`;
    case 'rectification':
      return `/rectifications/${item.id}`;
    case 'fieldwork-assignment':
      return `/field/${item.id}`;
    case 'ex-ante-assessment':
      return `/ex-ante/${item.id}`;
    case 'engagement':
      // The department answers the findings on their own page (its answer sheet).
      return list.action === 'answer' ? `/engagements/${item.id}/findings` : `/engagements/${item.id}`;
  }
};

/** The page listing the whole of a list: a review queue, or the unit's own records of that kind. */
export const toDoListHref = (list: Pick<ToDoList, 'subject' | 'action' | 'key'>): string => {
  const departmentQueue = list.key.endsWith(':department-reviewer');
  switch (list.subject) {
    case 'target':
      return list.action === 'review' ? '/review' : '/projects';
    case 'monitoring-report':
      return list.action === 'review' ? '/monitoring/review' : '/monitoring';
    case 'self-evaluation':
      if (list.action !== 'review') return '/self-evaluations';
      return departmentQueue ? '/self-evaluations?queue=1' : '/self-evaluation-review';
    case 'rectification':
      return '/rectifications';
    case 'fieldwork-assignment':
      return '/field';
    case 'ex-ante-assessment':
      return '/ex-ante';
    case 'engagement':
      return '/engagements';
  }
};

/** When an entry is due or how long it has waited; `none` when the record says neither. */
export type ToDoTiming =
  | { kind: 'overdue' | 'days-left' | 'waiting'; days: number }
  | { kind: 'due-today' | 'arrived-today' | 'none' };

export const toDoTiming = (item: Pick<ToDoItem, 'overdueDays' | 'ageDays'>): ToDoTiming => {
  if (item.overdueDays !== null) {
    if (item.overdueDays > 0) return { kind: 'overdue', days: item.overdueDays };
    if (item.overdueDays === 0) return { kind: 'due-today' };
    return { kind: 'days-left', days: -item.overdueDays };
  }
  if (item.ageDays !== null)
    return item.ageDays === 0 ? { kind: 'arrived-today' } : { kind: 'waiting', days: item.ageDays };
  return { kind: 'none' };
};
