import { describe } from '@jixiao/core/validation.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { ListRequest, RecordKind, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';

/**
 * Every page of one index partition, followed to the end (a project's results, a department's rectifications or
 * projects of a year, a year's decisions). More than `cap` records is refused with a 422 naming the limit, never cut
 * short: a gate or a trace judged on part of the records would be wrong without saying so.
 */
export const everyPage = async <T extends StoredRecord>(
  store: RecordStore,
  tenant: string,
  kind: RecordKind,
  request: Omit<ListRequest, 'limit' | 'cursor'>,
  cap: number,
): Promise<T[]> => {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list<T>(tenant, kind, { ...request, limit: 100, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (items.length > cap) {
      throw new HttpProblem('rules-not-met', {
        detail: `More than ${cap} ${kind.type} records: too many to read in one request.`,
        errors: [
          {
            pointer: '',
            code: 'max_items',
            message: `${describe('max_items', 'zh-CN', cap)} / ${describe('max_items', 'en', cap)}`,
          },
        ],
      });
    }
  } while (cursor);
  return items;
};
