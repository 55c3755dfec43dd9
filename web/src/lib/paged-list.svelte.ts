import { untrack } from 'svelte';
import { type ApiError, api, type Page } from '#lib/api.ts';
import { connectivity } from '#lib/connectivity.svelte.ts';

type Query = Record<string, string | undefined>;

/**
 * A list endpoint read a page at a time (`limit` + opaque `cursor` → `nextCursor`). A new query
 * aborts the one in flight, so fast typing in a search box never shows stale results.
 */
export class PagedList<T extends { id: string }> {
  items = $state.raw<T[]>([]);
  nextCursor = $state<string | undefined>(undefined);
  loading = $state(false);
  loaded = $state(false);
  error = $state.raw<ApiError | null>(null);
  #query: Query = {};
  #lastCursor: string | undefined;
  #controller: AbortController | null = null;

  constructor(
    readonly path: string,
    readonly pageSize = 20,
  ) {}

  load(query: Query): Promise<void> {
    this.#query = query;
    return this.#fetch(undefined);
  }

  /**
   * Reloads the first page whenever the query `read` returns changes (call it while a component
   * starts): typing waits a moment (`typed` says whether it does), and offline what is shown stays.
   * No query (undefined) means not yet, e.g. before the person is known.
   */
  follow(read: () => Query | undefined, typed: (query: Query) => boolean = (q) => Boolean(q.q)): void {
    $effect(() => {
      const query = read();
      if (!query) return;
      if (!connectivity.online && untrack(() => this.loaded)) return; // keep what is shown
      const timer = setTimeout(() => void this.load(query), typed(query) ? 250 : 0);
      return () => clearTimeout(timer);
    });
  }

  more(): Promise<void> {
    return this.nextCursor ? this.#fetch(this.nextCursor) : Promise.resolve();
  }

  /** Repeats the request that failed (the first page, or the next one). */
  retry(): Promise<void> {
    return this.#fetch(this.#lastCursor);
  }

  /** After a create or edit: replace the item in place, or put a new one first. */
  upsert(item: T): void {
    const index = this.items.findIndex((i) => i.id === item.id);
    this.items = index === -1 ? [item, ...this.items] : this.items.with(index, item);
  }

  async #fetch(cursor: string | undefined): Promise<void> {
    this.#controller?.abort();
    this.#lastCursor = cursor;
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    this.error = null;
    try {
      const page = await api.get<Page<T>>(
        this.path,
        { ...this.#query, limit: String(this.pageSize), cursor },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      this.items = cursor
        ? [...this.items, ...page.items.filter((i) => !this.items.some((x) => x.id === i.id))]
        : page.items;
      this.nextCursor = page.nextCursor;
      this.loaded = true;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error as ApiError;
    } finally {
      if (this.#controller === controller) {
        this.loading = false;
        this.#controller = null;
      }
    }
  }
}

/** Reads every page of a small reference list (finance sections, agencies) for a select. */
export const readAll = async <T>(path: string, query: Query = {}, maxPages = 10): Promise<T[]> => {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await api.get<Page<T>>(path, { ...query, limit: '100', cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
};
