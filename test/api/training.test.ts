import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Training sessions (培训, docs/domain/department-assessment.md#training) through the local gateway on the demo
 * tenant: the performance section records sessions with their audience and attendance; the year's counts change in the
 * same write and always equal a recount of the sessions; a replay, a stale version, an unknown department and one
 * outside the session's series change nothing; a department reviewer sees only their own department's attendance.
 */
let stack: TestStack;
let perf = '';
let department = '';
let preparer = '';

const dept = (code: string) => demoId(`department:${code}`);
const year = 2026;

beforeAll(async () => {
  stack = await startTestStack();
  perf = await stack.tokenFor('perf-reviewer');
  department = await stack.tokenFor('dept-reviewer');
  preparer = await stack.tokenFor('unit-preparer');
}, 120_000);
afterAll(() => stack?.stop());

interface Session {
  id: string;
  version: number;
  audience: string[];
  attendance: { departmentId: string; attendees: number }[];
}
interface AttendanceRow {
  departmentId: string;
  departmentCode: string;
  series: string;
  attended: number;
  required: number;
}

const attendance = async (token = perf): Promise<AttendanceRow[]> => {
  const response = await stack.call('GET', `/api/v1/training-attendance/${year}`, { token });
  expect(response.status).toBe(200);
  return response.body.items;
};
const rowOf = (rows: AttendanceRow[], code: string) => {
  const row = rows.find((r) => r.departmentCode === code);
  return row && { attended: row.attended, required: row.required };
};

/** Every session of the year, page by page (limit 1, so paging is followed too). */
const allSessions = async (): Promise<Session[]> => {
  const sessions: Session[] = [];
  let cursor: string | undefined;
  do {
    const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await stack.call('GET', `/api/v1/training-sessions?fiscalYear=${year}&limit=1${query}`, {
      token: perf,
    });
    expect(page.status).toBe(200);
    sessions.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return sessions;
};

/** The counts worked out again from the sessions themselves, independently of the tally. */
const recount = async () => {
  const sessions = await allSessions();
  const rows = await attendance();
  return rows.map((row) => ({
    departmentCode: row.departmentCode,
    attended: sessions.filter((s) => s.attendance.some((a) => a.departmentId === row.departmentId)).length,
    required: sessions.filter((s) => s.audience.includes(row.series)).length,
  }));
};
const tallied = async () =>
  (await attendance()).map((r) => ({ departmentCode: r.departmentCode, attended: r.attended, required: r.required }));

const first = {
  id: uuidV7(),
  fiscalYear: year,
  topic: '预算绩效管理业务培训（政府、街道）',
  heldOn: '2026-04-15',
  organiser: '区财政局预算绩效管理科',
  audience: ['GOVERNMENT', 'STREET_PARK'],
  attendance: [
    { departmentId: dept('102'), attendees: 3 },
    { departmentId: dept('301'), attendees: 1 },
  ],
};
let second: Session;

describe('training sessions and the attendance the assessment reads', () => {
  it('records a session; the counts change with it, and a replay changes nothing', async () => {
    const created = await stack.call('POST', '/api/v1/training-sessions', { token: perf, body: first });
    expect(created.status).toBe(201);
    const rows = await attendance();
    expect(rowOf(rows, '102')).toEqual({ attended: 1, required: 1 });
    expect(rowOf(rows, '301')).toEqual({ attended: 1, required: 1 });
    expect(rowOf(rows, '101')).toEqual({ attended: 0, required: 1 });
    expect(rowOf(rows, '204')).toEqual({ attended: 0, required: 0 });
    const replay = await stack.call('POST', '/api/v1/training-sessions', { token: perf, body: first });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await tallied()).toEqual(await recount());
  });

  it('a second session and a change of its attendance: the counts always equal a recount', async () => {
    const created = await stack.call('POST', '/api/v1/training-sessions', {
      token: perf,
      body: {
        id: uuidV7(),
        fiscalYear: year,
        topic: '绩效自评专题培训',
        heldOn: '2026-11-20',
        organiser: '',
        audience: ['GOVERNMENT'],
        attendance: [{ departmentId: dept('101'), attendees: 2 }],
      },
    });
    expect(created.status).toBe(201);
    second = created.body;
    expect(await tallied()).toEqual(await recount());
    const changed = await stack.call('PATCH', `/api/v1/training-sessions/${second.id}`, {
      token: perf,
      body: {
        version: second.version,
        audience: ['GOVERNMENT', 'PARTY_MASS'],
        attendance: [
          { departmentId: dept('102'), attendees: 1 },
          { departmentId: dept('204'), attendees: 1 },
        ],
      },
    });
    expect(changed.status).toBe(200);
    second = changed.body;
    const rows = await attendance();
    expect(rowOf(rows, '101')).toEqual({ attended: 0, required: 2 });
    expect(rowOf(rows, '102')).toEqual({ attended: 2, required: 2 });
    expect(rowOf(rows, '204')).toEqual({ attended: 1, required: 1 });
    expect(rowOf(rows, '301')).toEqual({ attended: 1, required: 1 });
    expect(await tallied()).toEqual(await recount());
  });

  it('refuses a department outside the series, one that does not exist and a stale version, changing nothing', async () => {
    const before = await tallied();
    const outside = await stack.call('PATCH', `/api/v1/training-sessions/${second.id}`, {
      token: perf,
      body: { version: second.version, attendance: [{ departmentId: dept('301'), attendees: 1 }] },
    });
    expect(outside.status).toBe(422);
    expect(outside.body.errors).toEqual([
      expect.objectContaining({ pointer: '/attendance/0/departmentId', code: 'attendance_not_in_audience' }),
    ]);
    const unknown = await stack.call('POST', '/api/v1/training-sessions', {
      token: perf,
      body: { ...first, id: uuidV7(), attendance: [{ departmentId: uuidV7(), attendees: 1 }] },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({
      pointer: '/attendance/0/departmentId',
      code: 'reference_not_found',
    });
    const twice = await stack.call('POST', '/api/v1/training-sessions', {
      token: perf,
      body: {
        ...first,
        id: uuidV7(),
        attendance: [first.attendance[0], first.attendance[0]],
      },
    });
    expect(twice.status).toBe(400);
    const stale = await stack.call('PATCH', `/api/v1/training-sessions/${second.id}`, {
      token: perf,
      body: { version: second.version - 1, topic: '改名' },
    });
    expect(stale.status).toBe(409);
    expect(await tallied()).toEqual(before);
    expect((await allSessions()).length).toBe(2);
  });

  it('a department reviewer sees their own department only; a unit may not read the sessions', async () => {
    const own = await attendance(department);
    expect(own.map((r) => r.departmentCode)).toEqual(['102']);
    expect(rowOf(own, '102')).toEqual({ attended: 2, required: 2 });
    const list = await stack.call('GET', `/api/v1/training-sessions?fiscalYear=${year}`, { token: preparer });
    expect(list.status).toBe(403);
    const write = await stack.call('POST', '/api/v1/training-sessions', {
      token: department,
      body: { ...first, id: uuidV7() },
    });
    expect(write.status).toBe(403);
  });
});
