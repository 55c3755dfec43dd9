/**
 * localStorage for unit tests: a Map behind the Storage calls the drafts code makes. `full` makes every
 * write fail as a full browser storage does (QuotaExceededError).
 */
export class MemoryStorage {
  #items = new Map<string, string>();
  full = false;
  get length() {
    return this.#items.size;
  }
  key(i: number) {
    return [...this.#items.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('full', 'QuotaExceededError');
    this.#items.set(key, value);
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  keys() {
    return [...this.#items.keys()];
  }
}
