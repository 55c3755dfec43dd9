import { tick, untrack } from 'svelte';
import { type Filters, filtersFrom, queryOf } from '#lib/list-query.ts';
import type { PagedList } from '#lib/paged-list.svelte.ts';
import { afterNavigate, beforeNavigate, goto } from '$app/navigation';
import { page } from '$app/state';

/**
 * Coming back to a list finds it as it was left (docs/architecture.md#navigation): its filters are
 * in the address (urlFilters), and its scroll position and how many pages were shown are kept per
 * address in this tab (keepListPlace). The browser's own scroll restoration cannot do this: the
 * items arrive after the page is drawn, when the page is still too short to scroll back down.
 */

/** The query each list path had last, so a breadcrumb back to the bare list opens it filtered. */
const lastQuery = new Map<string, string>();

interface Place {
  y: number;
  count: number;
}
/** Where each list address was left; a tab's worth (the oldest forgotten past the limit). */
const places = new Map<string, Place>();
const placeLimit = 50;

/** The address a breadcrumb was clicked for: that list returns to its place as Back would. */
let returningTo: string | null = null;
export const returnToList = (href: string): void => {
  returningTo = href;
};

/** A link to a list path (no query of its own) with the filters that list had last. */
export const withListQuery = (href: string): string =>
  href.includes('?') ? href : `${href}${lastQuery.get(href) ?? ''}`;

/**
 * The list's filters as a reactive object, kept in the address by a navigation that replaces the
 * history entry (not one per keystroke). Call while the page's component starts. A link to the same page with other
 * filters (the navigation's item for it) sets them from its address.
 */
export const urlFilters = <T extends Filters>(defaults: T): T => {
  const values = $state(filtersFrom(page.url.searchParams, defaults));
  const pathname = page.url.pathname;
  /** Addresses this list has asked for and not yet seen arrive, so their arrival is not taken for a link. */
  const requested = new Set<string>();
  lastQuery.set(pathname, page.url.search);

  $effect(() => {
    const current = untrack(() => page.url.search);
    const search = queryOf(new URLSearchParams(current), values, defaults);
    if (current === search || requested.has(search)) return;
    requested.add(search);
    lastQuery.set(pathname, search);
    // A real navigation in place (not a shallow one, whose address page.url and Back would not
    // follow): the same page stays, keeping focus and scroll.
    void goto(`${pathname}${search}`, { replace: true, reset: false });
  });

  $effect(() => {
    const search = page.url.search;
    if (page.url.pathname !== pathname || requested.delete(search)) return;
    lastQuery.set(pathname, search);
    untrack(() => Object.assign(values, filtersFrom(page.url.searchParams, defaults)));
  });

  return values;
};

/**
 * Keeps the list's place: leaving for another page records the scroll position and how many items
 * were shown; coming back by Back (or a breadcrumb) loads as many pages again (ten at most) once
 * the first has arrived, then scrolls there. Call while the page's component starts.
 */
export const keepListPlace = <T extends { id: string }>(list: PagedList<T>): void => {
  let pending = $state<Place | null>(null);
  let pagesAgain = 0;

  beforeNavigate(({ from, to }) => {
    if (!from || to?.url.pathname === from.url.pathname) return; // a filter written to the address
    const key = from.url.pathname + from.url.search;
    places.delete(key);
    places.set(key, { y: scrollY, count: list.items.length });
    if (places.size > placeLimit) places.delete(places.keys().next().value as string);
  });

  afterNavigate(({ type, from, to }) => {
    const back = type === 'popstate' || (to !== null && returningTo === to.url.pathname + to.url.search);
    returningTo = null;
    if (!to || from?.url.pathname === to.url.pathname || !back) return;
    pending = places.get(to.url.pathname + to.url.search) ?? null;
    pagesAgain = 0;
  });

  $effect(() => {
    const place = pending;
    if (!place || !list.loaded || list.loading) return;
    if (list.items.length < place.count && list.nextCursor && pagesAgain < 10) {
      pagesAgain += 1;
      void list.more();
      return;
    }
    pending = null;
    void tick().then(() => scrollTo(0, place.y));
  });
};
