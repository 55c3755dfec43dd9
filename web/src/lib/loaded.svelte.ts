/**
 * One record (or a few, read together) a screen shows: its value, whether it is loading, and why
 * it failed. A newer load wins over an older one still in flight, so fast navigation between two
 * records never shows the first.
 */
export class Loaded<T> {
  value = $state.raw<T | null>(null);
  error = $state.raw<unknown>(null);
  loading = $state(false);
  #sequence = 0;

  async load(read: () => Promise<T>): Promise<T | null> {
    const sequence = ++this.#sequence;
    this.loading = true;
    this.error = null;
    try {
      const value = await read();
      if (sequence === this.#sequence) this.value = value;
      return value;
    } catch (error) {
      if (sequence === this.#sequence) this.error = error;
      return null;
    } finally {
      if (sequence === this.#sequence) this.loading = false;
    }
  }

  /**
   * Reads the record whenever `key` (the route's id) changes, then hands it to `arrived` (call it
   * while a component starts).
   */
  follow(key: () => string, read: (key: string) => Promise<T>, arrived?: (value: T) => void): void {
    $effect(() => {
      const current = key();
      void this.load(() => read(current)).then((value) => {
        // Only what is shown: a slower, older read that lost to a newer one is dropped.
        if (value !== null && value === this.value) arrived?.(value);
      });
    });
  }

  /** After a save or a step: the server's answer replaces what is shown. */
  set(value: T): void {
    this.#sequence++;
    this.value = value;
    this.error = null;
    this.loading = false;
  }
}
