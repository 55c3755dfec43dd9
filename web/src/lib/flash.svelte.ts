/**
 * A message for the next screen ("returned to the unit"), set just before navigating away from
 * the screen where it happened and taken once by the screen that shows it.
 */
class Flash {
  #message = $state('');

  set(message: string): void {
    this.#message = message;
  }

  take(): string {
    const message = this.#message;
    this.#message = '';
    return message;
  }
}

export const flash = new Flash();
