/**
 * What the field home says above the agency's to-do lists (docs/domain/daily-work.md#the-to-do-home): the
 * field app opens with no network, so the lists shown may be the copy last read on this phone, and the
 * person is told so and when it was read; with no copy, one line says the lists need a connection. Never
 * an error page: the assignments below work either way.
 */
export type ToDoNoteWhy = 'offline' | 'failed' | 'signed-out' | 'reading';

export type ToDoNote =
  /** The lists were read from the server during this visit. */
  | { kind: 'none' }
  /** The first read, nothing kept yet. */
  | { kind: 'reading' }
  /** The kept copy is shown; why it is not a fresh one. */
  | { kind: 'kept'; readAt: string; why: ToDoNoteWhy }
  /** Nothing kept and nothing read. */
  | { kind: 'needs-connection'; why: Exclude<ToDoNoteWhy, 'reading'> };

export interface ToDoReadState {
  /** When the kept copy was read, null when this phone keeps none. */
  readAt: string | null;
  /** Read from the server during this visit. */
  fresh: boolean;
  reading: boolean;
  online: boolean;
  /** The HTTP status of the last failed read (0: no answer), null when none failed. */
  failure: number | null;
}

export const toDoNote = (s: ToDoReadState): ToDoNote => {
  if (s.fresh && s.online) return { kind: 'none' };
  const why: ToDoNoteWhy = !s.online
    ? 'offline'
    : s.reading
      ? 'reading'
      : s.failure === 401
        ? 'signed-out'
        : s.failure !== null
          ? 'failed'
          : 'reading';
  if (s.readAt !== null) return { kind: 'kept', readAt: s.readAt, why };
  return why === 'reading' ? { kind: 'reading' } : { kind: 'needs-connection', why };
};
