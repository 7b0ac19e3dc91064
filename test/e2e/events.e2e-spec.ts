import ICAL from 'ical.js';
import { parse } from 'csv-parse/sync';
import type { Response } from 'supertest';
import { bearer, TestContext, type TestUser } from '../support/test-app';
import { eventually, GiveUp, startTestWorker } from '../support/test-worker';
import { loadEnv } from '@hub/core';
import { auditRows, createRequest, decide, expectError, MALFORMED_ID, UNKNOWN_ID } from '../support/meeting-requests-support';
import { SmtpSink } from '../support/smtp-sink';
import { seedMatches } from '../support/meeting-proposals-support';

const VC = 'venture_capital';

interface Slot {
  id: string;
  index: number;
  start: string;
  end: string;
  session: string;
  sessionIndex: number;
}

interface ScheduledMeeting {
  id: string;
  requestId: string | null;
  slotId: string;
  start: string;
  end: string;
  table: number;
  participants: Array<{ id: string; organisationId: string; name: string }>;
  locked: boolean;
}

interface Schedule {
  version: number;
  status: string;
  progress: number;
  change: string;
  basedOn: number | null;
  published: boolean;
  meetings: ScheduledMeeting[];
  unscheduled: Array<{ id: string; requestId: string | null; reason: string }>;
  stats: { meetings: number; scheduled: number; idleSlots: number; participantsBelowTarget: number } | null;
}

/** A morning of six 20-minute slots (09:00–11:00 in Rome, 08:00–10:00 UTC in March) and an afternoon of three. */
const CALENDAR = {
  name: 'Meet in Italy for Life Sciences 2027',
  timeZone: 'Europe/Rome',
  slotMinutes: 20,
  days: [{ date: '2027-03-18', windows: [{ start: '09:00', end: '11:00', name: 'Morning' }, { start: '14:00', end: '15:00', name: 'Afternoon' }] }],
  tables: 2,
  maxMeetingsPerParticipant: 4,
  minMeetingsPerParticipant: 1,
};

describe('partnering events: calendar, participants, meetings, the scheduler, adjustments and agendas', () => {
  let ctx: TestContext;
  let staff: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(async () => {
    await ctx.truncate();
    staff = await ctx.newUser('staff');
  });
  afterAll(() => ctx.close());

  const ok = (res: Response, status = 200) => expect({ status: res.status, body: res.body }).toMatchObject({ status });
  const as = (user: TestUser) => ({
    get: (path: string) => ctx.http.get(path).set(...bearer(user)),
    post: (path: string, body?: object) => ctx.http.post(path).set(...bearer(user)).send(body ?? {}),
    patch: (path: string, body: object) => ctx.http.patch(path).set(...bearer(user)).send(body),
  });

  async function createEvent(overrides: object = {}): Promise<{ id: string; version: number; slots: Slot[] }> {
    const res = await as(staff).post('/api/v1/events', { ...CALENDAR, ...overrides });
    ok(res, 201);
    const slots = (await as(staff).get(`/api/v1/events/${res.body.id}/slots`).expect(200)).body as Slot[];
    return { id: res.body.id, version: res.body.version, slots };
  }

  /** Companies A, B, C and funds F, G with a member each, registered in the event. */
  async function people(eventId: string) {
    const make = async (role: 'company' | 'investor', name: string) => {
      const user = await ctx.newUser(role);
      const org = role === 'company' ? await ctx.newCompany(user, { name }) : await ctx.newFund(user, { name });
      const res = await as(staff).post(`/api/v1/events/${eventId}/participants`, { organisationId: org.id });
      ok(res, 201);
      return { user, organisationId: org.id as string, participantId: res.body.id as string };
    };
    return { a: await make('company', 'Alpha Bio'), b: await make('company', 'Beta Med'), c: await make('company', 'Gamma Dx'), f: await make('investor', 'Fondo Uno'), g: await make('investor', 'Fondo Due') };
  }

  /** A request for the event from `from` to `to`, accepted. */
  async function acceptedRequest(eventId: string, from: { user: TestUser }, to: { user: TestUser; organisationId: string }): Promise<string> {
    const res = await createRequest(() => ctx.http, from.user, { toOrganisationId: to.organisationId, area: VC, eventId });
    ok(res, 201);
    ok(await decide(() => ctx.http, to.user, res.body.request.id, 'accept'));
    return res.body.request.id;
  }

  async function runScheduler(eventId: string): Promise<Schedule> {
    const run = await as(staff).post(`/api/v1/events/${eventId}/schedule`);
    ok(run, 202);
    expect(run.body).toEqual({ eventId, version: expect.any(Number), status: 'running', jobId: expect.any(String) });
    return eventually(async () => {
      const res = await as(staff).get(`/api/v1/events/${eventId}/schedule`).expect(200);
      if (res.body.status === 'failed') throw new GiveUp(`scheduler failed: ${res.body.failedReason}`);
      expect(res.body).toMatchObject({ version: run.body.version, status: 'completed', progress: 1 });
      return res.body as Schedule;
    }, 20_000);
  }

  /** One scheduler run with a worker started for it. */
  async function scheduleOnce(eventId: string): Promise<Schedule> {
    const worker = await startTestWorker();
    try {
      return await runScheduler(eventId);
    } finally {
      await worker.close();
    }
  }

  /** Every hard rule, checked on what the API returns. */
  function expectHardRules(schedule: Schedule, slots: Slot[], tables: number, available: Map<string, Set<string>>, maxMeetings: number): void {
    const seats = new Set<string>();
    const tablesUsed = new Set<string>();
    const perParticipant = new Map<string, number>();
    for (const meeting of schedule.meetings) {
      expect(slots.map((s) => s.id)).toContain(meeting.slotId);
      expect(meeting.table).toBeGreaterThanOrEqual(1);
      expect(meeting.table).toBeLessThanOrEqual(tables);
      const table = `${meeting.slotId}/${meeting.table}`;
      expect(tablesUsed.has(table)).toBe(false);
      tablesUsed.add(table);
      for (const p of meeting.participants) {
        const seat = `${meeting.slotId}/${p.id}`;
        expect(seats.has(seat)).toBe(false);
        seats.add(seat);
        const free = available.get(p.id);
        if (free) expect(free.has(meeting.slotId)).toBe(true);
        perParticipant.set(p.id, (perParticipant.get(p.id) ?? 0) + 1);
      }
    }
    for (const count of perParticipant.values()) expect(count).toBeLessThanOrEqual(maxMeetings);
  }

  // ─────────────────────────────────────────────── calendar ───────────────────────────────────────────────

  it('creates an event and cuts its windows into slots in its time zone; refuses bad calendars naming the field', async () => {
    const event = await createEvent({ days: [{ ...CALENDAR.days[0], breaks: [{ start: '10:00', end: '10:20' }] }] });
    expect(event.slots).toHaveLength(5 + 3);
    expect(event.slots[0]).toEqual({ id: expect.any(String), index: 0, start: '2027-03-18T08:00:00.000Z', end: '2027-03-18T08:20:00.000Z', session: 'Morning', sessionIndex: 0 });
    expect(event.slots.map((s) => s.start.slice(11, 16))).toEqual(['08:00', '08:20', '08:40', '09:20', '09:40', '13:00', '13:20', '13:40']);
    const view = await as(staff).get(`/api/v1/events/${event.id}`).expect(200);
    expect(view.body).toMatchObject({ name: CALENDAR.name, timeZone: 'Europe/Rome', tables: 2, hostTables: false, publishedVersion: null, counts: { slots: 8, participants: 0, meetings: 0 } });

    const bad = (days: object[], extra: object = {}) => as(staff).post('/api/v1/events', { ...CALENDAR, days, ...extra });
    expectError(await bad([{ date: '2027-03-18', windows: [{ start: '11:00', end: '09:00' }] }]), 400, 'VALIDATION_FAILED', 'days.0.windows.0.end');
    expectError(await bad([{ date: '2027-03-18', windows: [{ start: '09:00', end: '11:00' }, { start: '10:00', end: '12:00' }] }]), 400, 'VALIDATION_FAILED', 'days.0.windows.1');
    expectError(await bad([{ date: '2027-03-18', windows: [{ start: '09:00', end: '09:50' }] }]), 400, 'VALIDATION_FAILED', 'days.0.windows.0');
    expectError(await bad([{ date: '2027-03-18', windows: [{ start: '09:00', end: '10:00' }], breaks: [{ start: '12:00', end: '12:20' }] }]), 400, 'VALIDATION_FAILED', 'days.0.breaks.0');
    expectError(await bad([{ date: '18/03/2027', windows: [{ start: '09:00', end: '10:00' }] }]), 400, 'VALIDATION_FAILED', 'days.0.date');
    expectError(await bad(CALENDAR.days, { timeZone: 'Europe/Milano' }), 400, 'VALIDATION_FAILED', 'timeZone');
    expectError(await bad(CALENDAR.days, { tables: 2, roomLinks: ['https://meet.example/1'] }), 400, 'VALIDATION_FAILED', 'roomLinks');
    expectError(await bad(CALENDAR.days, { minMeetingsPerParticipant: 9 }), 400, 'VALIDATION_FAILED', 'minMeetingsPerParticipant');
    expectError(await bad([]), 400, 'VALIDATION_FAILED', 'days');
    const noTables = { ...CALENDAR } as Record<string, unknown>;
    delete noTables.tables;
    expectError(await as(staff).post('/api/v1/events', noTables), 400, 'VALIDATION_FAILED', 'tables');
    expect((await ctx.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n).toBe(1);

    // Virtual rooms instead of tables.
    const online = await as(staff).post('/api/v1/events', { ...CALENDAR, tables: undefined, roomLinks: ['https://meet.example/1', 'https://meet.example/2', 'https://meet.example/3'] });
    ok(online, 201);
    expect(online.body).toMatchObject({ tables: 3, roomLinks: ['https://meet.example/1', 'https://meet.example/2', 'https://meet.example/3'] });

    // Patching: versioned; the calendar changes freely until slots are in use.
    const patched = await as(staff).patch(`/api/v1/events/${event.id}`, { version: 1, days: CALENDAR.days, name: 'Renamed' });
    ok(patched);
    expect(patched.body).toMatchObject({ version: 2, name: 'Renamed', counts: { slots: 9 } });
    expectError(await as(staff).patch(`/api/v1/events/${event.id}`, { version: 1, name: 'Stale' }), 409, 'VERSION_CONFLICT');
    // Only staff create or change events; others do not even see one they are not part of.
    const founder = await ctx.newUser('company');
    expectError(await as(founder).post('/api/v1/events', CALENDAR), 403, 'FORBIDDEN');
    expectError(await as(founder).get(`/api/v1/events/${event.id}`), 404, 'NOT_FOUND');
    expectError(await as(founder).get(`/api/v1/events/${event.id}/slots`), 404, 'NOT_FOUND');
    expectError(await as(staff).get(`/api/v1/events/${UNKNOWN_ID}`), 404, 'NOT_FOUND');
    expectError(await as(staff).get(`/api/v1/events/${MALFORMED_ID}`), 400, 'VALIDATION_FAILED', 'id');
  });

  it('registers participants; each edits its own availability until the schedule is published; bad slots are refused', async () => {
    const event = await createEvent();
    const { a, b, f } = await people(event.id);
    const path = (p: { participantId: string }) => `/api/v1/events/${event.id}/participants/${p.participantId}`;
    expectError(await as(staff).post(`/api/v1/events/${event.id}/participants`, { organisationId: a.organisationId }), 409, 'ALREADY_REGISTERED');
    expectError(await as(staff).post(`/api/v1/events/${event.id}/participants`, { organisationId: UNKNOWN_ID }), 404, 'NOT_FOUND');

    const morning = event.slots.filter((s) => s.sessionIndex === 0).map((s) => s.id);
    const set = await as(a.user).patch(path(a), { availability: morning });
    ok(set);
    expect(set.body).toMatchObject({ id: a.participantId, organisation: { id: a.organisationId, type: 'company', name: 'Alpha Bio' }, availability: morning, host: false });
    expect((await as(a.user).get(`/api/v1/events/${event.id}`).expect(200)).body.counts.participants).toBe(5);
    // Others see who takes part, not when they are free; funds host a table by default.
    const seenByB = (await as(b.user).get(`/api/v1/events/${event.id}/participants`).expect(200)).body;
    expect(seenByB.find((p: { id: string }) => p.id === a.participantId).availability).toBeNull();
    expect(seenByB.find((p: { id: string }) => p.id === f.participantId).host).toBe(true);

    expectError(await as(b.user).patch(path(a), { availability: morning }), 403, 'FORBIDDEN');
    expectError(await as(a.user).patch(path(a), { availability: [] }), 400, 'VALIDATION_FAILED', 'availability');
    expectError(await as(a.user).patch(path(a), { availability: [UNKNOWN_ID] }), 400, 'VALIDATION_FAILED', 'availability');
    expectError(await as(a.user).patch(path(a), { availability: ['nope'] }), 400, 'VALIDATION_FAILED', 'availability');
    ok(await as(a.user).patch(path(a), { availability: null }));

    // Slots in use: the calendar can no longer change.
    ok(await as(b.user).patch(path(b), { availability: morning.slice(1) }));
    expectError(await as(staff).patch(`/api/v1/events/${event.id}`, { version: 1, slotMinutes: 30 }), 409, 'EVENT_IN_USE');
  });

  // ─────────────────────────────────────────────── scheduling ───────────────────────────────────────────────

  it('schedules accepted requests and staff meetings in the worker under every hard rule, then publishes agendas as JSON, iCalendar and CSV', async () => {
    const event = await createEvent();
    const { a, b, c, f, g } = await people(event.id);
    const afternoon = event.slots.filter((s) => s.sessionIndex === 1).map((s) => s.id);
    // B cannot come to the first slot.
    ok(await as(b.user).patch(`/api/v1/events/${event.id}/participants/${b.participantId}`, { availability: event.slots.slice(1).map((s) => s.id) }));
    const requests = [await acceptedRequest(event.id, f, a), await acceptedRequest(event.id, f, b), await acceptedRequest(event.id, g, a)];
    const staffMeeting = await as(staff).post(`/api/v1/events/${event.id}/meetings`, { participantIds: [c.participantId, g.participantId], priority: 80, slotIds: afternoon });
    ok(staffMeeting, 201);
    const listed = await as(staff).get(`/api/v1/events/${event.id}/meetings`).expect(200);
    expect(listed.body.total).toBe(4);
    expect(listed.body.items.filter((m: { source: string }) => m.source === 'request').map((m: { requestId: string }) => m.requestId).sort()).toEqual([...requests].sort());
    // A participant sees its own meetings only.
    expect((await as(c.user).get(`/api/v1/events/${event.id}/meetings`).expect(200)).body.items.map((m: { id: string }) => m.id)).toEqual([staffMeeting.body.id]);

    const schedule = await scheduleOnce(event.id);
    expect(schedule.unscheduled).toEqual([]);
    expect(schedule.meetings).toHaveLength(4);
    expect(schedule.stats).toMatchObject({ meetings: 4, scheduled: 4, participantsBelowTarget: 0 });
    expectHardRules(schedule, event.slots, 2, new Map([[b.participantId, new Set(event.slots.slice(1).map((s) => s.id))]]), 4);
    expect(afternoon).toContain(schedule.meetings.find((m) => m.id === staffMeeting.body.id)?.slotId);
    expect(schedule.meetings.filter((m) => m.requestId).map((m) => m.requestId).sort()).toEqual([...requests].sort());

    // Before publication a participant has no agenda yet; staff preview it.
    expectError(await as(a.user).get(`/api/v1/events/${event.id}/agenda/${a.organisationId}`), 404, 'NOT_FOUND');
    ok(await as(staff).get(`/api/v1/events/${event.id}/agenda/${a.organisationId}`));
    const published = await as(staff).post(`/api/v1/events/${event.id}/schedule/publish`);
    ok(published);
    expect(published.body).toMatchObject({ version: schedule.version, published: true });

    const agenda = await as(a.user).get(`/api/v1/events/${event.id}/agenda/${a.organisationId}`).expect(200);
    expect(agenda.body).toMatchObject({ eventId: event.id, organisationId: a.organisationId, version: schedule.version, published: true });
    expect(agenda.body.meetings.map((m: ScheduledMeeting) => m.participants.map((p) => p.name).sort())).toEqual(
      expect.arrayContaining([
        ['Alpha Bio', 'Fondo Uno'],
        ['Alpha Bio', 'Fondo Due'],
      ]),
    );
    // Another organisation's agenda is not there for A.
    expectError(await as(a.user).get(`/api/v1/events/${event.id}/agenda/${b.organisationId}`), 404, 'NOT_FOUND');
    expectError(await as(a.user).get(`/api/v1/events/${event.id}/agenda/${b.organisationId}.ics`), 404, 'NOT_FOUND');

    // iCalendar, read by an independent parser: its zone, one event per meeting, table and counterpart.
    const ics = await as(a.user).get(`/api/v1/events/${event.id}/agenda/${a.organisationId}.ics`).expect(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(ics.text));
    const zone = calendar.getFirstSubcomponent('vtimezone');
    expect(zone?.getFirstPropertyValue('tzid')).toBe('Europe/Rome');
    const vevents = calendar.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(2);
    for (const vevent of vevents) {
      const icalEvent = new ICAL.Event(vevent);
      const meeting = agenda.body.meetings.find((m: ScheduledMeeting) => icalEvent.uid === `${m.id}@hubmatch`) as ScheduledMeeting;
      expect(meeting).toBeDefined();
      // ical.js resolves the local DTSTART through the VTIMEZONE: the same instant as the API's.
      const tz = new ICAL.Timezone(zone as ICAL.Component);
      icalEvent.startDate.zone = tz;
      expect(icalEvent.startDate.toJSDate().toISOString()).toBe(meeting.start);
      expect(icalEvent.location).toContain(`Table ${meeting.table}`);
      expect(icalEvent.summary).toMatch(/Fondo (Uno|Due)/);
    }
    // CSV of the agenda and of the event, and the table sheets.
    const csv = await as(a.user).get(`/api/v1/events/${event.id}/agenda/${a.organisationId}.csv`).expect(200);
    const rows = parse(csv.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ date: '2027-03-18', start: expect.stringMatching(/^\d\d:\d\d$/), end: expect.any(String), table: expect.any(String), room: '', participants: expect.stringContaining('Alpha Bio'), meeting_id: expect.any(String) });
    const all = parse((await as(staff).get(`/api/v1/events/${event.id}/schedule.csv`).expect(200)).text, { bom: true, columns: true });
    expect(all).toHaveLength(4);
    const sheets = (await as(staff).get(`/api/v1/events/${event.id}/tables`).expect(200)).body as Array<{ table: number; slots: unknown[] }>;
    expect(sheets.reduce((n, s) => n + s.slots.length, 0)).toBe(4);
    const sheet = await as(staff).get(`/api/v1/events/${event.id}/tables/${sheets[0].table}.csv`).expect(200);
    expect(parse(sheet.text, { columns: true })).toHaveLength(sheets[0].slots.length);
    expectError(await as(a.user).get(`/api/v1/events/${event.id}/schedule.csv`), 403, 'FORBIDDEN');

    // Published: availability is frozen for participants.
    expectError(await as(a.user).patch(`/api/v1/events/${event.id}/participants/${a.participantId}`, { availability: null }), 409, 'SCHEDULE_PUBLISHED');
    expect((await auditRows(ctx)).filter((r) => r.subject_type === 'event').map((r) => r.action)).toEqual(['schedule.run', 'schedule.published']);
  });

  it('moves, locks and cancels as new versions, refuses what would double-book, shows the diff, and re-plans around locked meetings', async () => {
    const event = await createEvent();
    const { a, b, c, f, g } = await people(event.id);
    await acceptedRequest(event.id, f, a);
    await acceptedRequest(event.id, f, b);
    await acceptedRequest(event.id, g, c);
    const worker = await startTestWorker();
    try {
      const first = await runScheduler(event.id);
      const [m1, m2, m3] = first.meetings;
      const path = (id: string) => `/api/v1/events/${event.id}/schedule/meetings/${id}`;
      const meetingOf = (s: Schedule, id: string) => s.meetings.find((m) => m.id === id) as ScheduledMeeting;

      // Onto a table taken in that slot: refused, naming the table.
      const taken = first.meetings.find((m) => m.id !== m1.id && m.slotId === m1.slotId) ?? m1;
      if (taken.id !== m1.id) {
        const res = await as(staff).patch(path(m2.id === taken.id ? m3.id : m2.id), { slotId: taken.slotId, table: taken.table });
        expectError(res, 409, 'SCHEDULE_CONFLICT');
        expect(res.body.message).toContain(`table ${taken.table}`);
      }
      // F meets A and B: moving F–B into F–A's slot double-books F.
      const fa = first.meetings.find((m) => m.participants.some((p) => p.organisationId === a.organisationId)) as ScheduledMeeting;
      const fb = first.meetings.find((m) => m.participants.some((p) => p.organisationId === b.organisationId)) as ScheduledMeeting;
      const freeTable = fa.table === 1 ? 2 : 1;
      const busy = await as(staff).patch(path(fb.id), { slotId: fa.slotId, table: freeTable });
      expectError(busy, 409, 'SCHEDULE_CONFLICT');
      expect(busy.body.message).toContain('Fondo Uno already has a meeting');
      expectError(await as(staff).patch(path(fb.id), { slotId: UNKNOWN_ID }), 400, 'VALIDATION_FAILED', 'slotId');
      expectError(await as(staff).patch(path(fb.id), { table: 3 }), 400, 'VALIDATION_FAILED', 'table');
      expectError(await as(staff).patch(path(fb.id), {}), 400, 'VALIDATION_FAILED', 'slotId');
      expectError(await as(staff).patch(path(UNKNOWN_ID), { locked: true }), 404, 'NOT_FOUND');
      expect((await as(staff).get(`/api/v1/events/${event.id}/schedule`).expect(200)).body.version).toBe(first.version);

      // A legal move: to the last afternoon slot, table 2. A new version; the diff says what moved.
      const last = event.slots[event.slots.length - 1];
      const moved = await as(staff).patch(path(fb.id), { slotId: last.id, table: 2 });
      ok(moved);
      expect(moved.body).toMatchObject({ version: first.version + 1, change: 'move', basedOn: first.version });
      expect(meetingOf(moved.body, fb.id)).toMatchObject({ slotId: last.id, table: 2 });
      const diff = await as(staff).get(`/api/v1/events/${event.id}/schedule/diff?from=${first.version}&to=${moved.body.version}`).expect(200);
      expect(diff.body).toMatchObject({ added: [], removed: [], moved: [{ id: fb.id, from: { slotId: fb.slotId, table: fb.table }, to: { slotId: last.id, table: 2 } }] });

      // Lock it; cancel another; the re-run keeps the locked one where staff put it.
      const locked = await as(staff).patch(path(fb.id), { locked: true });
      ok(locked);
      expect(meetingOf(locked.body, fb.id).locked).toBe(true);
      const gc = first.meetings.find((m) => m.participants.some((p) => p.organisationId === c.organisationId)) as ScheduledMeeting;
      const cancelled = await as(staff).post(`/api/v1/events/${event.id}/schedule/meetings/${gc.id}/cancel`);
      ok(cancelled);
      expect(cancelled.body.meetings.map((m: ScheduledMeeting) => m.id)).not.toContain(gc.id);
      expectError(await as(staff).patch(path(gc.id), { locked: true }), 409, 'SCHEDULE_CONFLICT');

      const rerun = await runScheduler(event.id);
      expect(rerun.basedOn).toBe(cancelled.body.version);
      expect(meetingOf(rerun, fb.id)).toMatchObject({ slotId: last.id, table: 2, locked: true });
      expect(rerun.meetings.map((m) => m.id).sort()).toEqual([fa.id, fb.id].sort());
      const versions = await as(staff).get(`/api/v1/events/${event.id}/schedule/versions`).expect(200);
      expect(versions.body.map((v: { version: number; change: string }) => [v.version, v.change])).toEqual([
        [5, 'run'],
        [4, 'cancel'],
        [3, 'lock'],
        [2, 'move'],
        [1, 'run'],
      ]);
      expect(versions.body.every((v: { status: string }) => v.status === 'completed')).toBe(true);
    } finally {
      await worker.close();
    }
  });

  it('lets PostgreSQL settle two staff members moving two meetings onto one table at once: one wins, one gets a 409', async () => {
    const event = await createEvent();
    const { a, b, f, g } = await people(event.id);
    await acceptedRequest(event.id, f, a);
    await acceptedRequest(event.id, g, b);
    const schedule = await scheduleOnce(event.id);
    const other = await ctx.newUser('staff');
    const last = event.slots[event.slots.length - 1];
    const [x, y] = schedule.meetings;
    const [r1, r2] = await Promise.all([
      as(staff).patch(`/api/v1/events/${event.id}/schedule/meetings/${x.id}`, { slotId: last.id, table: 1 }),
      as(other).patch(`/api/v1/events/${event.id}/schedule/meetings/${y.id}`, { slotId: last.id, table: 1 }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const lost = r1.status === 409 ? r1 : r2;
    expect(lost.body.code).toBe('SCHEDULE_CONFLICT');
    const final = (await as(staff).get(`/api/v1/events/${event.id}/schedule`).expect(200)).body as Schedule;
    expect(final.meetings.filter((m) => m.slotId === last.id && m.table === 1)).toHaveLength(1);
    expect(final.version).toBe(schedule.version + 1);

    // Whatever the application does: the database itself refuses a second meeting at a table, or a participant twice in a slot.
    const [version] = await ctx.dataSource.query(`SELECT id FROM schedule_versions WHERE event_id = $1 AND version = $2`, [event.id, final.version]);
    const [winner, loser] = r1.status === 200 ? [x, y] : [y, x];
    await expect(
      ctx.dataSource.query(`UPDATE scheduled_meetings SET slot_id = $2, table_no = 1 WHERE version_id = $1 AND meeting_id = $3`, [version.id, last.id, loser.id]),
    ).rejects.toThrow(/uq_scheduled_meetings_table/);
    const seat = winner.participants[0].id;
    await expect(
      ctx.dataSource.query(`INSERT INTO scheduled_participants (version_id, slot_id, participant_id, meeting_id) VALUES ($1, $2, $3, $4)`, [version.id, last.id, seat, loser.id]),
    ).rejects.toThrow(/pk_scheduled_participants/);
  });

  it('refuses to schedule an event with no meetings, and requests for an event with organisations outside it or over its quota', async () => {
    const event = await createEvent({ requestQuota: 1 });
    const { a, b, f } = await people(event.id);
    expectError(await as(staff).post(`/api/v1/events/${event.id}/schedule`), 400, 'VALIDATION_FAILED', 'meetings');
    expectError(await as(staff).post(`/api/v1/events/${event.id}/schedule/publish`), 409, 'SCHEDULE_CONFLICT');
    expectError(await as(a.user).post(`/api/v1/events/${event.id}/schedule`), 403, 'FORBIDDEN');

    const outsider = await ctx.newUser('investor');
    const outsiderFund = await ctx.newFund(outsider, { name: 'Outside Fund' });
    expectError(await createRequest(() => ctx.http, a.user, { toOrganisationId: outsiderFund.id, area: VC, eventId: event.id }), 400, 'VALIDATION_FAILED', 'eventId');
    expectError(await createRequest(() => ctx.http, outsider, { toOrganisationId: a.organisationId, area: VC, eventId: event.id }), 404, 'NOT_FOUND');
    const first = await createRequest(() => ctx.http, f.user, { toOrganisationId: a.organisationId, area: VC, eventId: event.id });
    ok(first, 201);
    expect(first.body.eventQuota).toEqual({ limit: 1, used: 1, remaining: 0 });
    expect(first.body.request.eventId).toBe(event.id);
    expectError(await createRequest(() => ctx.http, f.user, { toOrganisationId: b.organisationId, area: VC, eventId: event.id }), 429, 'QUOTA_EXCEEDED');
    // Outside the event, the global quota only.
    ok(await createRequest(() => ctx.http, f.user, { toOrganisationId: b.organisationId, area: VC }), 201);
  });

  it("mails every participant's members their agenda when the schedule is published, in their language, once", async () => {
    const event = await createEvent();
    const { a, b, c, f, g } = await people(event.id);
    await ctx.dataSource.query(`UPDATE users SET language = 'it' WHERE id = $1`, [a.user.id]);
    await acceptedRequest(event.id, f, a);
    const sink = await SmtpSink.start();
    const worker = await startTestWorker({ notifications: { ...loadEnv().notifications, smtpUrl: sink.url, mailFrom: 'Hub Match <no-reply@hubmatch.test>' } });
    try {
      await runScheduler(event.id);
      ok(await as(staff).post(`/api/v1/events/${event.id}/schedule/publish`));
      const mails = await eventually(async () => {
        const agendaMails = sink.messages.filter((m) => /agenda/i.test(m.subject));
        expect(agendaMails.map((m) => m.envelopeTo[0]).sort()).toEqual([a, b, c, f, g].map((p) => p.user.email).sort());
        return agendaMails;
      }, 15_000);
      const toA = mails.find((m) => m.envelopeTo[0] === a.user.email)!;
      expect(toA.subject).toBe(`La tua agenda per ${CALENDAR.name}`);
      expect(toA.text).toContain('Alpha Bio ha 1 incontro:');
      expect(toA.text).toContain('con Fondo Uno');
      expect(toA.text).toContain(`/api/v1/events/${event.id}/agenda/${a.organisationId}.ics`);
      const toB = mails.find((m) => m.envelopeTo[0] === b.user.email)!;
      expect(toB.subject).toBe(`Your agenda for ${CALENDAR.name}`);
      expect(toB.text).toContain('Beta Med has no meeting in it.');
      // Publishing the same version again mails nobody twice.
      ok(await as(staff).post(`/api/v1/events/${event.id}/schedule/publish`));
      await eventually(async () => {
        const [{ n }] = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events`);
        expect(n).toBe(0);
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(sink.messages.filter((m) => /agenda/i.test(m.subject))).toHaveLength(5);
      expect((await ctx.dataSource.query(`SELECT count(*)::int AS n FROM agenda_deliveries WHERE event_id = $1`, [event.id]))[0].n).toBe(5);
    } finally {
      await worker.close();
      await sink.stop();
    }
  });

  it("proposes meetings among the event's participants only; confirmed proposals become the event's meetings", async () => {
    const event = await createEvent();
    const { a, b, f } = await people(event.id);
    // G has a better match with A than F does, but is not in the event.
    const outsider = await ctx.newUser('investor');
    const outsideFund = await ctx.newFund(outsider, { name: 'Outside Fund' });
    await seedMatches(ctx, [
      { area: VC, companyId: a.organisationId, counterpartId: outsideFund.id, score: 95 },
      { area: VC, companyId: a.organisationId, counterpartId: f.organisationId, score: 80 },
      { area: VC, companyId: b.organisationId, counterpartId: f.organisationId, score: 70 },
    ]);
    const worker = await startTestWorker();
    try {
      const run = await as(staff).post('/api/v1/meeting-proposals/runs', { eventId: event.id, maxRank: 1, maxPerOrganisation: 1 });
      ok(run, 202);
      const done = await eventually(async () => {
        const res = await as(staff).get(`/api/v1/meeting-proposals/runs/${run.body.runId}`).expect(200);
        expect(res.body.status).toBe('completed');
        return res.body;
      }, 20_000);
      expect(done.eventId).toBe(event.id);
      // Among participants, A's best is F (G is outside), and F's best is A: one reciprocal proposal.
      const rows = await ctx.dataSource.query(`SELECT company_id, counterpart_id, event_id FROM meeting_proposals`);
      expect(rows).toEqual([{ company_id: a.organisationId, counterpart_id: f.organisationId, event_id: event.id }]);
      expect(done.coverage.participants).toBe(5);

      const [proposal] = (await as(a.user).get('/api/v1/meeting-proposals').expect(200)).body.items;
      ok(await as(a.user).post(`/api/v1/meeting-proposals/${proposal.id}/confirm`));
      const confirmed = await as(f.user).post(`/api/v1/meeting-proposals/${proposal.id}/confirm`);
      ok(confirmed);
      const [request] = await ctx.dataSource.query(`SELECT status, event_id FROM meeting_requests WHERE id = $1`, [confirmed.body.requestId]);
      expect(request).toEqual({ status: 'accepted', event_id: event.id });
      const meetings = (await as(staff).get(`/api/v1/events/${event.id}/meetings`).expect(200)).body.items;
      expect(meetings.map((m: { requestId: string }) => m.requestId)).toEqual([confirmed.body.requestId]);
    } finally {
      await worker.close();
    }
  });

  it('imports meetings from CSV, reporting rows that name no participant', async () => {
    const event = await createEvent();
    const { a, b, f } = await people(event.id);
    const csv = [
      'participantA,participantB,priority,session',
      `${a.organisationId},${f.organisationId},70,Afternoon`,
      `${b.organisationId},${f.organisationId},,`,
      `${a.organisationId},${UNKNOWN_ID},10,`,
      `${a.organisationId},${a.organisationId},10,`,
      `${b.organisationId},${a.organisationId},-3,`,
      `${b.organisationId},${a.organisationId},5,Evening`,
    ].join('\n');
    const res = await ctx.http.post(`/api/v1/events/${event.id}/meetings/import`).set(...bearer(staff)).attach('file', Buffer.from(csv), 'meetings.csv');
    ok(res);
    expect(res.body).toEqual({
      created: 2,
      failed: [
        { row: 4, field: 'participantB', message: expect.stringContaining(UNKNOWN_ID) },
        { row: 5, field: 'participantB', message: expect.any(String) },
        { row: 6, field: 'priority', message: expect.any(String) },
        { row: 7, field: 'session', message: expect.stringContaining('Evening') },
      ],
    });
    // One transaction imports them all (same created_at): order by priority to compare.
    const meetings = (await as(staff).get(`/api/v1/events/${event.id}/meetings`).expect(200)).body.items.sort((x: { priority: number }, y: { priority: number }) => y.priority - x.priority);
    expect(meetings.map((m: { source: string; priority: number }) => [m.source, m.priority])).toEqual([
      ['import', 70],
      ['import', 50],
    ]);
    expect(meetings[0].slotIds).toEqual(event.slots.filter((s) => s.session === 'Afternoon').map((s) => s.id));
    expectError(await ctx.http.post(`/api/v1/events/${event.id}/meetings/import`).set(...bearer(staff)).attach('file', Buffer.from('a,b\n1,2'), 'x.csv'), 400, 'VALIDATION_FAILED', 'file');
  });
});
