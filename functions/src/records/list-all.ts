import { describe } from '@jixiao/core/validation.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';

/** The most records `listAll` reads for one request. */
export const listAllCap = 5000;

/**
 * Every page of a list, for the bounded collections of one engagement (its assignments, a
 * project's assessments, an agency's people), followed to the end. A collection of more than
 * `cap` records (5,000 unless a test lowers it) is refused with a 422 naming the limit, never
 * cut short: an answer built from part of it would be wrong without saying so.
 */
export const listAll = async <T extends StoredRecord>(
  store: RecordStore,
  tenant: string,
  kind: Parameters<RecordStore['list']>[1],
  request: Omit<Parameters<RecordStore['list']>[2], 'limit' | 'cursor'>,
  cap = listAllCap,
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
