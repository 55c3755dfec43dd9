/**
 * A list's filters in its address (docs/architecture.md#navigation): read from the query string
 * when the page opens, written back as they change, so Back and a breadcrumb find them again and
 * the address can be shared. A filter at its default is left out; parameters the list does not
 * own (a page's `round`, `queue`) are kept as they are.
 */
export type Filters = Record<string, string>;

/** The filters the query asks for, the defaults where it says nothing (an empty value is a choice: 全部). */
export const filtersFrom = <T extends Filters>(params: { get(key: string): string | null }, defaults: T): T => {
  const values: Filters = { ...defaults };
  for (const key of Object.keys(defaults)) {
    const value = params.get(key);
    if (value !== null) values[key] = value;
  }
  return values as T;
};

/** The query string (with its `?`, or '' for none) holding these filters over the other parameters of `params`. */
export const queryOf = (params: URLSearchParams, values: Filters, defaults: Filters): string => {
  const next = new URLSearchParams(params);
  for (const key of Object.keys(defaults)) {
    const value = values[key] ?? '';
    if (value === defaults[key]) next.delete(key);
    else next.set(key, value);
  }
  const search = next.toString();
  return search ? `?${search}` : '';
};
