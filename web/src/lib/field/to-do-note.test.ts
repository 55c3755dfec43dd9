import { describe, expect, it } from 'vitest';
import { type ToDoReadState, toDoNote } from '#lib/field/to-do-note.ts';

const base: ToDoReadState = { readAt: null, fresh: false, reading: false, online: true, failure: null };
const readAt = '2026-12-06T08:00:00.000Z';

describe('toDoNote', () => {
  it('says nothing once the lists were read during this visit', () => {
    expect(toDoNote({ ...base, readAt, fresh: true })).toEqual({ kind: 'none' });
  });

  it('marks lists read this visit as kept once the phone goes offline', () => {
    expect(toDoNote({ ...base, readAt, fresh: true, online: false })).toEqual({ kind: 'kept', readAt, why: 'offline' });
  });

  it('shows the kept copy, with when it was read, while offline or after a failed read', () => {
    expect(toDoNote({ ...base, readAt, online: false })).toEqual({ kind: 'kept', readAt, why: 'offline' });
    expect(toDoNote({ ...base, readAt, failure: 0 })).toEqual({ kind: 'kept', readAt, why: 'failed' });
    expect(toDoNote({ ...base, readAt, failure: 503 })).toEqual({ kind: 'kept', readAt, why: 'failed' });
    expect(toDoNote({ ...base, readAt, failure: 401 })).toEqual({ kind: 'kept', readAt, why: 'signed-out' });
    expect(toDoNote({ ...base, readAt, reading: true })).toEqual({ kind: 'kept', readAt, why: 'reading' });
  });

  it('with nothing kept, says the lists need a connection (or a sign-in) rather than failing', () => {
    expect(toDoNote({ ...base, online: false })).toEqual({ kind: 'needs-connection', why: 'offline' });
    expect(toDoNote({ ...base, failure: 0 })).toEqual({ kind: 'needs-connection', why: 'failed' });
    expect(toDoNote({ ...base, failure: 401 })).toEqual({ kind: 'needs-connection', why: 'signed-out' });
  });

  it('is reading, with nothing kept, before the first answer', () => {
    expect(toDoNote(base)).toEqual({ kind: 'reading' });
    expect(toDoNote({ ...base, reading: true, failure: 0 })).toEqual({ kind: 'reading' });
  });
});
