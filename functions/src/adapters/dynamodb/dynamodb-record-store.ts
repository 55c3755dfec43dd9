import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '@jixiao/core/audit.ts';
import type { TenantCalendar } from '@jixiao/core/organisation/tenant-calendar.ts';
import type { Page } from '@jixiao/core/schema-parts.ts';
import * as keys from '#functions/adapters/dynamodb/keys.ts';
import { markLostAnswers, outcomeUnknown } from '#functions/adapters/dynamodb/write-outcome.ts';
import {
  type CreateOutcome,
  type HistoryRequest,
  historyPageLimit,
  InvalidCursorError,
  type ListRequest,
  type QueueCount,
  queueCountLimit,
  type RecordKind,
  type RecordStore,
  RecordTooLargeError,
  type StoredRecord,
  StoreUnavailableError,
  type TenantRecord,
  type TransactionOutcome,
  TransactionTooLargeError,
  type TransactionWrite,
  type UpdateOutcome,
  type WriteContext,
} from '#functions/ports/record-store.ts';
import { StoreOutcomeUnknownError } from '#functions/ports/store-outcome-unknown.ts';

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

const cancellationCodes = (error: unknown): (string | undefined)[] | undefined =>
  error instanceof TransactionCanceledException || (error as { name?: string })?.name === 'TransactionCanceledException'
    ? ((error as TransactionCanceledException).CancellationReasons ?? []).map((r) => r.Code)
    : undefined;

/** Errors after which nothing was written and a retry may well succeed. */
const transientNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionInProgressException',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
]);
const transientReasons = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

const isTransient = (error: unknown): boolean => {
  const e = error as { name?: string; code?: string; message?: string; $retryable?: unknown; $fault?: string };
  if (transientNames.has(e?.name ?? '') || transientNames.has(e?.code ?? '')) return true;
  // What the SDK itself marks retryable, server-side faults, and its retry budget running dry.
  if (e?.$retryable || e?.$fault === 'server' || e?.message === 'No retry token available') return true;
  const codes = cancellationCodes(error);
  return codes?.some((c) => transientReasons.has(c ?? '')) ?? false;
};

/** DynamoDB's 400 KB item limit: a ValidationException, or a transaction cancelled for it. */
const isTooLarge = (error: unknown): boolean => {
  const e = error as { name?: string; message?: string; CancellationReasons?: { Code?: string; Message?: string }[] };
  const text = [e?.message, ...(e?.CancellationReasons ?? []).map((r) => `${r.Code} ${r.Message}`)].join(' ');
  return /item size/i.test(text) && /exceed/i.test(text);
};

/** BatchGetItem reads at most this many keys per call. */
const batchGetKeys = 100;
const parallelBatchGets = 4;
/** TransactWriteItems takes at most this many actions, all under 4 MB. */
export const transactionItemLimit = 100;

const encodeCursor = (key: Record<string, unknown>): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** A cursor's key: exactly the attributes `names`, each a short non-empty string; else InvalidCursorError. */
const cursorKey = (cursor: string, names: readonly string[]): Record<string, string> => {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw new InvalidCursorError();
  const entries = Object.entries(key);
  if (entries.length !== names.length || !names.every((name) => name in key)) throw new InvalidCursorError();
  for (const [, value] of entries) {
    if (typeof value !== 'string' || value.length === 0 || value.length > 500) throw new InvalidCursorError();
  }
  return key as Record<string, string>;
};

/**
 * A cursor is only accepted if it is a key of the very index partition being read: the table keys
 * plus that index's keys, with the index partition the caller's own. Anything else (another
 * tenant, another index, a forged key) is refused before it reaches DynamoDB.
 */
const decodeCursor = (
  cursor: string,
  index: string,
  partition: string,
  tenantPrefix: string,
): Record<string, string> => {
  const k = cursorKey(cursor, ['pk', 'sk', `${index}pk`, `${index}sk`]);
  if (k[`${index}pk`] !== partition || !k.pk!.startsWith(tenantPrefix)) throw new InvalidCursorError();
  return k;
};

const auditPrefix = 'AUDIT#';

/** A history cursor is the key of an audit entry of the very record being read, and nothing else. */
const decodeHistoryCursor = (cursor: string, pk: string): Record<string, string> => {
  const k = cursorKey(cursor, ['pk', 'sk']);
  if (k.pk !== pk || !k.sk!.startsWith(auditPrefix)) throw new InvalidCursorError();
  return k;
};

export class DynamoDbRecordStore implements RecordStore {
  private readonly db: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.db = db;
    this.table = table;
    // Wraps every call, outside the SDK's own retries: a fault still there after them reaches the
    // operations as the port's StoreUnavailableError, never as a DynamoDB error name.
    db.middlewareStack.add(
      (next, context) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          // A transaction cancelled by a failed condition is an answer (409, replay), not a fault.
          if (!cancellationCodes(error)?.includes('ConditionalCheckFailed') && isTransient(error)) {
            // A write whose answer was lost may have landed: never say "nothing was written" then.
            if (outcomeUnknown(context, error)) throw new StoreOutcomeUnknownError((error as Error).name);
            throw new StoreUnavailableError((error as Error).name);
          }
          if (isTooLarge(error)) throw new RecordTooLargeError((error as Error).message);
          throw error;
        }
      },
      { step: 'initialize', name: 'jixiaoTransientFaults', override: true },
    );
    db.middlewareStack.add(markLostAnswers.middleware as never, markLostAnswers.options);
  }

  async get<T extends StoredRecord>(tenant: string, kind: RecordKind, id: string): Promise<T | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: keys.recordPk(tenant, kind, id), sk: keys.recordSk },
        ConsistentRead: true,
      }),
    );
    return Item?.record as T | undefined;
  }

  async getMany<T extends StoredRecord>(tenant: string, kind: RecordKind, ids: readonly string[]): Promise<T[]> {
    const unique = [...new Set(ids)];
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += batchGetKeys) chunks.push(unique.slice(i, i + batchGetKeys));
    const found: T[] = [];
    // A few batches at a time: enough to read thousands quickly, few enough not to throttle ourselves.
    for (let i = 0; i < chunks.length; i += parallelBatchGets) {
      const batches = await Promise.all(
        chunks.slice(i, i + parallelBatchGets).map((chunk) => this.batchGet<T>(tenant, kind, chunk)),
      );
      for (const batch of batches) found.push(...batch);
    }
    return found;
  }

  /** One BatchGetItem of at most 100 keys, asking again for whatever DynamoDB leaves unprocessed. */
  private async batchGet<T extends StoredRecord>(tenant: string, kind: RecordKind, ids: readonly string[]) {
    if (ids.length > batchGetKeys) throw new Error(`BatchGetItem takes at most ${batchGetKeys} keys`);
    const found: T[] = [];
    let pending: Record<string, unknown>[] = ids.map((id) => ({
      pk: keys.recordPk(tenant, kind, id),
      sk: keys.recordSk,
    }));
    // DynamoDB may leave keys unprocessed (throttling, the 16 MB response cap): ask again for those,
    // and give up loudly (the caller may retry the whole request) rather than answer fewer records.
    for (let round = 0; pending.length > 0; round++) {
      if (round === 5) throw new StoreUnavailableError('BatchGetItem left keys unprocessed');
      if (round > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** round));
      const { Responses, UnprocessedKeys } = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } } }),
      );
      found.push(...(Responses?.[this.table] ?? []).map((item) => item.record as T));
      pending = (UnprocessedKeys?.[this.table]?.Keys ?? []) as Record<string, unknown>[];
    }
    return found;
  }

  async create<T extends StoredRecord>(
    tenant: string,
    kind: RecordKind,
    record: T,
    request: { hash: string; context: WriteContext },
  ): Promise<CreateOutcome<T>> {
    const pk = keys.recordPk(tenant, kind, record.id);
    const uniques = kind.uniqueFields.filter((f) => keys.uniqueValue(kind, record, f) !== undefined);
    const items: TransactItems = [
      ...this.createItems(tenant, kind, record, request.hash, request.context),
      ...uniques.map((field) => ({
        Put: {
          TableName: this.table,
          Item: {
            pk: keys.uniquePk(tenant, kind, field, keys.uniqueValue(kind, record, field)!),
            sk: keys.uniqueSk,
            id: record.id,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      })),
    ];
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return { outcome: 'created', record };
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (codes[0] === 'ConditionalCheckFailed' || codes[1] === 'ConditionalCheckFailed') {
        const { Item } = await this.db.send(
          new GetCommand({ TableName: this.table, Key: { pk, sk: keys.createSk }, ConsistentRead: true }),
        );
        if (Item && Item.requestHash === request.hash) {
          return { outcome: 'replayed', record: JSON.parse(String(Item.response)) as T };
        }
        return { outcome: 'id-conflict' };
      }
      const failed = codes.findIndex((c, i) => i >= 3 && c === 'ConditionalCheckFailed');
      if (failed >= 3) return { outcome: 'duplicate', field: uniques[failed - 3]! };
      throw error;
    }
  }

  async update<T extends StoredRecord>(
    tenant: string,
    kind: RecordKind,
    before: T,
    after: T,
    context: WriteContext,
  ): Promise<UpdateOutcome<T>> {
    const changedUniques = kind.uniqueFields.filter(
      (f) => keys.uniqueValue(kind, before, f) !== keys.uniqueValue(kind, after, f),
    );
    const items: TransactItems = this.updateItems(tenant, kind, before, after, context);
    const uniqueStart = items.length;
    for (const field of changedUniques) {
      const value = keys.uniqueValue(kind, after, field);
      if (value !== undefined) {
        items.push({
          Put: {
            TableName: this.table,
            Item: { pk: keys.uniquePk(tenant, kind, field, value), sk: keys.uniqueSk, id: after.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
    }
    for (const field of changedUniques) {
      const value = keys.uniqueValue(kind, before, field);
      if (value !== undefined) {
        items.push({
          Delete: {
            TableName: this.table,
            Key: { pk: keys.uniquePk(tenant, kind, field, value), sk: keys.uniqueSk },
          },
        });
      }
    }
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return { outcome: 'updated', record: after };
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (codes[0] === 'ConditionalCheckFailed') {
        return { outcome: 'version-conflict', current: await this.get<T>(tenant, kind, before.id) };
      }
      const failed = codes.findIndex((c, i) => i >= uniqueStart && c === 'ConditionalCheckFailed');
      if (failed >= uniqueStart) {
        const puts = changedUniques.filter((f) => keys.uniqueValue(kind, after, f) !== undefined);
        return { outcome: 'duplicate', field: puts[failed - uniqueStart]! };
      }
      throw error;
    }
  }

  async transact(
    tenant: string,
    writes: readonly TransactionWrite[],
    context: WriteContext,
  ): Promise<TransactionOutcome> {
    const items: TransactItems = [];
    // Where each write's conditional item sits in the transaction, to read the cancellation reasons.
    const positions: number[] = [];
    for (const write of writes) {
      positions.push(items.length);
      if ('add' in write) {
        items.push(...this.incrementItems(tenant, write, context));
      } else if ('create' in write) {
        const { kind, create: record } = write;
        if (kind.uniqueFields.length > 0) throw new Error(`transact cannot create ${kind.type}: it has unique fields`);
        items.push(...this.createItems(tenant, kind, record, write.hash, context));
      } else {
        const { kind, before, after } = write;
        const changed = kind.uniqueFields.some(
          (f) => keys.uniqueValue(kind, before, f) !== keys.uniqueValue(kind, after, f),
        );
        if (changed) throw new Error(`transact cannot change a unique field of ${kind.type}`);
        items.push(...this.updateItems(tenant, kind, before, after, context));
      }
    }
    if (items.length > transactionItemLimit) {
      throw new TransactionTooLargeError(
        `a transaction of ${writes.length} writes needs ${items.length} items; DynamoDB takes at most ${transactionItemLimit}`,
      );
    }
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return { outcome: 'done' };
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      for (const [index, write] of writes.entries()) {
        const at = positions[index]!;
        const failed =
          codes[at] === 'ConditionalCheckFailed' || ('create' in write && codes[at + 1] === 'ConditionalCheckFailed');
        if (!failed) continue;
        if ('add' in write) throw new Error(`cannot add to ${write.kind.type} ${write.id}: it does not exist`);
        if ('create' in write) {
          const { Item } = await this.db.send(
            new GetCommand({
              TableName: this.table,
              Key: { pk: keys.recordPk(tenant, write.kind, write.create.id), sk: keys.createSk },
              ConsistentRead: true,
            }),
          );
          return Item && Item.requestHash === write.hash
            ? { outcome: 'replayed', index, record: JSON.parse(String(Item.response)) as StoredRecord }
            : { outcome: 'id-conflict', index };
        }
        return { outcome: 'version-conflict', index, current: await this.get(tenant, write.kind, write.before.id) };
      }
      throw error;
    }
  }

  async list<T extends StoredRecord>(tenant: string, kind: RecordKind, request: ListRequest): Promise<Page<T>> {
    const byQueue = request.queue !== undefined && kind.queue !== undefined;
    const byOwner = !byQueue && request.ownerId !== undefined && kind.ownerField !== undefined;
    const index = byQueue ? 'gsi3' : byOwner ? 'gsi2' : 'gsi1';
    const partition = byQueue
      ? keys.queuePk(tenant, kind, request.queue!.name)
      : byOwner
        ? keys.ownerPk(tenant, kind, request.ownerId!)
        : keys.collectionPk(tenant, kind);
    const names: Record<string, string> = { '#pk': `${index}pk` };
    if (request.filters?.length) names['#r'] = 'record';
    const values: Record<string, unknown> = { ':pk': partition };
    let keyCondition = '#pk = :pk';
    if (byQueue && request.queue!.before) {
      // Queue positions are times: "waiting at least N days" is a range on the sort key, not a filter.
      names['#sk'] = `${index}sk`;
      values[':before'] = request.queue!.before;
      keyCondition += ' AND #sk < :before';
    }
    const conditions: string[] = [];
    (request.filters ?? []).forEach((filter, i) => {
      names[`#f${i}`] = filter.field;
      values[`:f${i}`] = filter.value;
      conditions.push(filter.op === 'eq' ? `#r.#f${i} = :f${i}` : `contains(#r.#f${i}, :f${i})`);
    });
    if (request.q) {
      names['#search'] = 'search';
      values[':q'] = request.q.toLowerCase();
      conditions.push('contains(#search, :q)');
    }
    const filtered = conditions.length > 0;
    let startKey = request.cursor
      ? decodeCursor(request.cursor, index, partition, keys.collectionPk(tenant, kind))
      : undefined;
    const found: Record<string, unknown>[] = [];
    // Read one more than asked so we know whether a next page exists; with filters, DynamoDB applies
    // Limit before the filter, so keep reading (bounded) until the page is full.
    for (let round = 0; round < 10; round++) {
      const input: QueryCommandInput = {
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: keyCondition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        Limit: filtered ? Math.max(50, request.limit * 3) : request.limit + 1 - found.length,
        ...(byQueue && request.queue!.newestFirst ? { ScanIndexForward: false } : {}),
        ...(filtered ? { FilterExpression: conditions.join(' AND ') } : {}),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      };
      const page = await this.db.send(new QueryCommand(input));
      found.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey as Record<string, string> | undefined;
      if (found.length > request.limit || !startKey) break;
    }
    const items = found.slice(0, request.limit);
    const last = items.at(-1);
    let nextCursor: string | undefined;
    if (found.length > request.limit && last) {
      nextCursor = encodeCursor({
        pk: last.pk,
        sk: last.sk,
        [`${index}pk`]: last[`${index}pk`],
        [`${index}sk`]: last[`${index}sk`],
      });
    } else if (startKey) {
      nextCursor = encodeCursor(startKey);
    }
    return { items: items.map((i) => i.record as T), ...(nextCursor ? { nextCursor } : {}) };
  }

  async countQueue(
    tenant: string,
    kind: RecordKind,
    queue: { name: string; before?: string | undefined; after?: string | undefined },
  ): Promise<QueueCount> {
    const names: Record<string, string> = { '#pk': 'gsi3pk' };
    const values: Record<string, unknown> = { ':pk': keys.queuePk(tenant, kind, queue.name) };
    let keyCondition = '#pk = :pk';
    if (queue.before || queue.after) names['#sk'] = 'gsi3sk';
    if (queue.before) values[':before'] = queue.before;
    // A position is followed by `#<id>`, so "after" compares past every id placed at that very position.
    if (queue.after) values[':after'] = `${queue.after}#\uffff`;
    if (queue.before && queue.after) keyCondition += ' AND #sk BETWEEN :after AND :before';
    else if (queue.before) keyCondition += ' AND #sk < :before';
    else if (queue.after) keyCondition += ' AND #sk > :after';
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    // Each page counts up to 1 MB of index entries; follow them to the end or to the stated limit.
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi3',
          KeyConditionExpression: keyCondition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          Select: 'COUNT',
          Limit: queueCountLimit + 1 - count,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey && count <= queueCountLimit);
    return count > queueCountLimit ? { count: queueCountLimit, atLeast: true } : { count, atLeast: false };
  }

  async history(tenant: string, kind: RecordKind, id: string, request: HistoryRequest): Promise<Page<AuditEntry>> {
    const { limit } = request;
    if (!Number.isInteger(limit) || limit < 1 || limit > historyPageLimit) {
      throw new RangeError(`a history page holds 1 to ${historyPageLimit} entries, not ${limit}`);
    }
    const pk = keys.recordPk(tenant, kind, id);
    let startKey: Record<string, unknown> | undefined = request.cursor
      ? decodeHistoryCursor(request.cursor, pk)
      : undefined;
    const found: Record<string, unknown>[] = [];
    // A query page stops at 1 MB, and audit entries carry whole records: keep reading until the
    // page is full plus one more entry (which says a next page exists) or there are no more.
    do {
      const { Items, LastEvaluatedKey } = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
          ExpressionAttributeValues: { ':pk': pk, ':audit': auditPrefix },
          ScanIndexForward: false,
          Limit: limit + 1 - found.length,
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      found.push(...(Items ?? []));
      startKey = LastEvaluatedKey;
    } while (startKey && found.length <= limit);
    const items = found.slice(0, limit);
    const last = items.at(-1);
    // Past the loop either the store has no more, or an entry beyond this page was seen.
    const nextCursor = found.length > limit && last ? encodeCursor({ pk: last.pk, sk: last.sk }) : undefined;
    return { items: items.map((item) => item.entry as AuditEntry), ...(nextCursor ? { nextCursor } : {}) };
  }

  async getTenant(tenant: string) {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: keys.tenantPk(tenant), sk: keys.tenantSk } }),
    );
    if (!Item) return undefined;
    const found: TenantRecord = { id: String(Item.id), name: String(Item.name), shortName: String(Item.shortName) };
    return Item.calendar ? { ...found, calendar: Item.calendar as TenantCalendar } : found;
  }

  async putTenant(tenant: TenantRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: keys.tenantPk(tenant.id),
          sk: keys.tenantSk,
          gsi1pk: keys.tenantsPk,
          gsi1sk: tenant.id,
          ...tenant,
        },
      }),
    );
  }

  async listTenants(): Promise<string[]> {
    const ids: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.tenantsPk },
          ProjectionExpression: 'id',
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      ids.push(...(page.Items ?? []).map((i) => String(i.id)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return ids;
  }

  /** A new record, the record of its create (for replays) and its audit entry: each only if new. */
  private createItems(
    tenant: string,
    kind: RecordKind,
    record: StoredRecord,
    hash: string,
    context: WriteContext,
  ): TransactItems {
    const pk = keys.recordPk(tenant, kind, record.id);
    return [
      {
        Put: {
          TableName: this.table,
          Item: keys.recordItem(tenant, kind, record),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.table,
          // The original answer, kept as text so a replay of the same create returns it byte for byte.
          Item: { pk, sk: keys.createSk, requestHash: hash, response: JSON.stringify(record), at: context.at },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.table, Item: this.auditItem(pk, kind, record.id, 'create', null, record, context) } },
    ];
  }

  /**
   * Amounts added to numeric fields of an existing record, and its version raised, as one update
   * that DynamoDB applies to whatever is stored (no version condition), and its audit entry.
   */
  private incrementItems(
    tenant: string,
    write: { kind: RecordKind; id: string; add: Readonly<Record<string, number>> },
    context: WriteContext,
  ): TransactItems {
    const pk = keys.recordPk(tenant, write.kind, write.id);
    const names: Record<string, string> = { '#record': 'record', '#version': 'version' };
    const values: Record<string, number> = { ':one': 1 };
    const sets = ['#version = #version + :one', '#record.#version = #record.#version + :one'];
    Object.entries(write.add).forEach(([path, amount], i) => {
      if (!Number.isSafeInteger(amount)) throw new Error(`cannot add ${amount} to ${path}: not an integer`);
      const segments = path.split('.').map((segment, j) => {
        names[`#a${i}_${j}`] = segment;
        return `#a${i}_${j}`;
      });
      const target = ['#record', ...segments].join('.');
      values[`:a${i}`] = amount;
      sets.push(`${target} = ${target} + :a${i}`);
    });
    return [
      {
        Update: {
          TableName: this.table,
          Key: { pk, sk: keys.recordSk },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: this.auditItem(pk, write.kind, write.id, 'update', null, { id: write.id, add: write.add }, context),
        },
      },
    ];
  }

  /** The changed record, only over the version it was read at, and its audit entry. */
  private updateItems(
    tenant: string,
    kind: RecordKind,
    before: StoredRecord,
    after: StoredRecord,
    context: WriteContext,
  ): TransactItems {
    const pk = keys.recordPk(tenant, kind, before.id);
    return [
      {
        Put: {
          TableName: this.table,
          Item: keys.recordItem(tenant, kind, after),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': before.version },
        },
      },
      { Put: { TableName: this.table, Item: this.auditItem(pk, kind, before.id, 'update', before, after, context) } },
    ];
  }

  private auditItem(
    pk: string,
    kind: RecordKind,
    entityId: string,
    action: AuditEntry['action'],
    before: StoredRecord | null,
    after: Record<string, unknown>,
    context: WriteContext,
  ) {
    const entry: AuditEntry = {
      at: context.at,
      actor: context.actor,
      actorRoles: [...context.actorRoles],
      action,
      entityType: kind.type,
      entityId,
      requestId: context.requestId,
      ...(context.operation ? { operation: context.operation } : {}),
      before,
      after,
    };
    return { pk, sk: keys.auditSk(context.at, context.requestId), entry };
  }
}
