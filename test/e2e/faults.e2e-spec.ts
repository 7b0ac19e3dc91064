import type { Server } from 'node:http';
import type { Response } from 'supertest';
import { Queue } from 'bullmq';
import { loadEnv, QueueName, JobName } from '@hub/core';
import { createRequest, decide, expectError, expectStatus } from '../support/meeting-requests-support';
import { HoldingSmtpSink } from '../support/holding-smtp-sink';
import { bearer, TestContext, type TestUser } from '../support/test-app';
import { withAdmin } from '../support/test-database';
import { eventually, GiveUp, startTestWorker } from '../support/test-worker';
import { WorkerProcess } from '../support/worker-process';

/**
 * Faults (issue 8): PostgreSQL connections dropped under the api, 50 concurrent decisions on one request and one
 * event, and the built worker killed with SIGKILL in the middle of mailing and of a scheduler run.
 */
describe('faults', () => {
  let ctx: TestContext;
  let staff: TestUser;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    ctx = await TestContext.create();
    // A listening server: 50 requests in flight at once each connect to it, rather than each starting it.
    const server = ctx.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  beforeEach(async () => {
    await ctx.truncate();
    staff = await ctx.newUser('staff');
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.kill();
  });
  afterAll(() => ctx?.close());

  const as = (user: TestUser) => ({
    get: (path: string) => ctx.http.get(path).set(...bearer(user)),
    post: (path: string, body?: object) => ctx.http.post(path).set(...bearer(user)).send(body ?? {}),
    patch: (path: string, body: object) => ctx.http.patch(path).set(...bearer(user)).send(body),
  });
  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await ctx.dataSource.query(sql, params))[0].n;
  const statuses = (responses: Response[]) => {
    const tally: Record<number, number> = {};
    for (const r of responses) tally[r.status] = (tally[r.status] ?? 0) + 1;
    return tally;
  };
  const startWorker = async (env: NodeJS.ProcessEnv = {}) => {
    const worker = await WorkerProcess.start({ OUTBOX_POLL_MS: '100', ...env });
    workers.push(worker);
    return worker;
  };

  // ───────────────────────────────────────── PostgreSQL connections dropped ─────────────────────────────────────────

  describe('PostgreSQL connections dropped (pg_terminate_backend)', () => {
    const database = async (): Promise<string> => (await ctx.dataSource.query(`SELECT current_database() AS db`))[0].db;
    /** Terminates every session on the test database but the admin's own; returns how many. */
    const terminateAll = (db: string) =>
      withAdmin(async (admin) => {
        const { rows } = await admin.query(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [db]);
        return rows.filter((r: { ok: boolean }) => r.ok).length;
      });
    const allowConnections = (db: string, allow: boolean) => withAdmin((admin) => admin.query(`ALTER DATABASE "${db}" WITH ALLOW_CONNECTIONS ${allow}`));

    it('answers /ready 503 while PostgreSQL is unreachable and recovers on its own when it is back', async () => {
      const company = await ctx.newCompany(undefined, { name: 'Survivor Bio' });
      const read = () => as(staff).get(`/api/v1/companies/${company.id}`);
      expect((await read()).status).toBe(200);
      await ctx.http.get('/ready').expect(200);
      const db = await database();

      // Keep the api's sessions gone: new connections to this database are refused until it is allowed again.
      await allowConnections(db, false);
      try {
        expect(await terminateAll(db)).toBeGreaterThan(0);
        const down = await eventually(async () => {
          const res = await ctx.http.get('/ready');
          expect(res.status).toBe(503);
          return res;
        });
        // The usual error body, naming the dependency that is down.
        expect(down.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('postgres') });
        // Reads fail cleanly meanwhile: a 5xx with the usual error body, no hang, no stack trace.
        const failed = await read();
        expect(failed.status).toBeGreaterThanOrEqual(500);
        expect(failed.body).toMatchObject({ statusCode: failed.status, code: expect.any(String) });
        expect(JSON.stringify(failed.body)).not.toMatch(/at .*\.(js|ts):\d+/);
      } finally {
        await allowConnections(db, true);
      }

      // No restart: the pool reconnects by itself.
      await eventually(async () => expect((await ctx.http.get('/ready')).status).toBe(200), 15_000);
      const back = await read();
      expectStatus(back, 200);
      expect(back.body.name).toBe('Survivor Bio');
      // Writes work again too.
      const owner = await ctx.newUser('company');
      expectStatus(await ctx.http.post('/api/v1/companies').set(...bearer(owner)).send({ visibilityConsent: true, name: 'After Outage', kind: 'startup', country: 'IT' }), 201);
    });

    it('recovers from every connection being killed at once without any request failing for good', async () => {
      const company = await ctx.newCompany(undefined, { name: 'Resilient Med' });
      const read = () => as(staff).get(`/api/v1/companies/${company.id}`);
      // Fill the pool: ten reads at once leave ten idle connections behind.
      const warm = await Promise.all(Array.from({ length: 10 }, read));
      expect(statuses(warm)).toEqual({ 200: 10 });
      const db = await database();
      expect(await terminateAll(db)).toBeGreaterThanOrEqual(1);

      // The pool drops the dead connections and opens new ones: readiness and reads come back without a restart.
      await eventually(async () => expect((await ctx.http.get('/ready')).status).toBe(200), 15_000);
      await eventually(async () => expect(statuses(await Promise.all(Array.from({ length: 10 }, read)))).toEqual({ 200: 10 }), 15_000);
    });
  });

  // ───────────────────────────────────────── 50 concurrent operations ─────────────────────────────────────────

  it('lets exactly one of 50 concurrent accepts of one pending request win', async () => {
    const investor = await ctx.newUser('investor');
    await ctx.newFund(investor, { name: 'Concurrent Capital' });
    const founder = await ctx.newUser('company');
    const company = await ctx.newCompany(founder, { name: 'Contended Bio' });
    const created = await createRequest(() => ctx.http, investor, { toOrganisationId: company.id, area: 'venture_capital' });
    expectStatus(created, 201);
    const id = created.body.request.id as string;

    const answers = await Promise.all(Array.from({ length: 50 }, () => decide(() => ctx.http, founder, id, 'accept')));
    expect(statuses(answers)).toEqual({ 200: 1, 409: 49 });
    for (const lost of answers.filter((r) => r.status === 409)) expectError(lost, 409, lost.body.code);
    expect(new Set(answers.filter((r) => r.status === 409).map((r) => r.body.code)).size).toBe(1);

    expect(await ctx.dataSource.query(`SELECT id, status FROM meeting_requests`)).toEqual([{ id, status: 'accepted' }]);
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1 AND action = 'meeting_request.accepted'`, [id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'meeting_request.accepted' AND aggregate_id = $1`, [id])).toBe(1);
  });

  /** An event of 9 slots x `tables` tables with 50 staff meetings between 100 distinct participants, scheduled. */
  async function contendedEvent(tables = 10, overrides: object = {}) {
    const res = await as(staff).post('/api/v1/events', {
      name: 'Contended Event',
      timeZone: 'Europe/Rome',
      slotMinutes: 20,
      days: [{ date: '2027-03-18', windows: [{ start: '09:00', end: '11:00' }, { start: '14:00', end: '15:00' }] }],
      tables,
      maxMeetingsPerParticipant: 4,
      ...overrides,
    });
    expectStatus(res, 201);
    const eventId = res.body.id as string;
    const slots = (await as(staff).get(`/api/v1/events/${eventId}/slots`).expect(200)).body as Array<{ id: string }>;
    const participants: string[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const made = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const org = (batch * 10 + i) % 2 === 0 ? await ctx.newCompany() : await ctx.newFund();
          const reg = await as(staff).post(`/api/v1/events/${eventId}/participants`, { organisationId: org.id });
          expectStatus(reg, 201);
          return reg.body.id as string;
        }),
      );
      participants.push(...made);
    }
    const meetings: string[] = [];
    for (let m = 0; m < 50; m++) {
      const made = await as(staff).post(`/api/v1/events/${eventId}/meetings`, { participantIds: [participants[2 * m], participants[2 * m + 1]] });
      expectStatus(made, 201);
      meetings.push(made.body.id);
    }
    return { eventId, slots, meetings };
  }

  const placementsOf = (eventId: string, version: number): Promise<Array<{ meeting_id: string; slot_id: string; table_no: number }>> =>
    ctx.dataSource.query(
      `SELECT sm.meeting_id, sm.slot_id, sm.table_no FROM scheduled_meetings sm JOIN schedule_versions v ON v.id = sm.version_id WHERE v.event_id = $1 AND v.version = $2`,
      [eventId, version],
    );
  const versionsOf = (eventId: string): Promise<Array<{ version: number; based_on: number | null; change: string; status: string; meetings: number }>> =>
    ctx.dataSource.query(
      `SELECT v.version, v.based_on, v.change, v.status, (SELECT count(*)::int FROM scheduled_meetings sm WHERE sm.version_id = v.id) AS meetings
         FROM schedule_versions v WHERE v.event_id = $1 ORDER BY v.version`,
      [eventId],
    );
  /** No version anywhere has two meetings at one table and slot, or a participant twice in a slot. */
  const expectNoDoubleBooking = async () => {
    expect(await count(`SELECT count(*)::int AS n FROM (SELECT 1 FROM scheduled_meetings GROUP BY version_id, slot_id, table_no HAVING count(*) > 1) d`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM (SELECT 1 FROM scheduled_participants GROUP BY version_id, slot_id, participant_id HAVING count(*) > 1) d`)).toBe(0);
  };

  async function runSchedulerInProcess(eventId: string): Promise<number> {
    const worker = await startTestWorker();
    try {
      const run = await as(staff).post(`/api/v1/events/${eventId}/schedule`);
      expectStatus(run, 202);
      await eventually(async () => {
        const res = await as(staff).get(`/api/v1/events/${eventId}/schedule`).expect(200);
        if (res.body.status === 'failed') throw new GiveUp(`scheduler failed: ${res.body.failedReason}`);
        expect(res.body).toMatchObject({ version: run.body.version, status: 'completed' });
      }, 30_000);
      return run.body.version as number;
    } finally {
      await worker.close();
    }
  }

  it('lets exactly one of 50 concurrent moves of different meetings onto one free slot and table win, with no double booking', async () => {
    const { eventId, slots, meetings } = await contendedEvent();
    const base = await runSchedulerInProcess(eventId);
    const placed = await placementsOf(eventId, base);
    expect(placed).toHaveLength(50);
    const taken = new Set(placed.map((p) => `${p.slot_id}/${p.table_no}`));
    const free = slots.flatMap((s) => Array.from({ length: 10 }, (_, t) => ({ slotId: s.id, table: t + 1 }))).find((c) => !taken.has(`${c.slotId}/${c.table}`));
    if (!free) throw new Error('no free table');

    const answers = await Promise.all(meetings.map((id) => as(staff).patch(`/api/v1/events/${eventId}/schedule/meetings/${id}`, free)));
    expect(statuses(answers)).toEqual({ 200: 1, 409: 49 });
    for (const lost of answers.filter((r) => r.status === 409)) expectError(lost, 409, 'SCHEDULE_CONFLICT');
    const winner = meetings[answers.findIndex((r) => r.status === 200)];

    const after = await placementsOf(eventId, base + 1);
    expect(after.filter((p) => p.slot_id === free.slotId && p.table_no === free.table).map((p) => p.meeting_id)).toEqual([winner]);
    expect(after).toHaveLength(50);
    // Every other meeting is where it was.
    const before = new Map(placed.map((p) => [p.meeting_id, p]));
    for (const p of after.filter((q) => q.meeting_id !== winner)) expect(p).toEqual(before.get(p.meeting_id));
    const versions = await versionsOf(eventId);
    expect(versions.map((v) => [v.version, v.based_on, v.change, v.status])).toEqual([
      [base, null, 'run', 'completed'],
      [base + 1, base, 'move', 'completed'],
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'schedule.move'`)).toBe(1);
    await expectNoDoubleBooking();
  }, 60_000);

  it('serialises 50 concurrent cancellations: one of the same meeting wins, and 49 different ones each make one version', async () => {
    const { eventId, meetings } = await contendedEvent();
    const base = await runSchedulerInProcess(eventId);
    const cancel = (id: string) => as(staff).post(`/api/v1/events/${eventId}/schedule/meetings/${id}/cancel`);

    // The same meeting 50 times at once: one cancellation, 49 conflicts.
    const same = await Promise.all(Array.from({ length: 50 }, () => cancel(meetings[0])));
    expect(statuses(same)).toEqual({ 200: 1, 409: 49 });
    for (const lost of same.filter((r) => r.status === 409)) expectError(lost, 409, 'SCHEDULE_CONFLICT');

    // The 49 others at once: all succeed, one version each, in a strict sequence, each one meeting shorter.
    const others = await Promise.all(meetings.slice(1).map(cancel));
    expect(statuses(others)).toEqual({ 200: 49 });
    const versions = await versionsOf(eventId);
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: 51 }, (_, i) => base + i));
    expect(versions.slice(1).every((v, i) => v.based_on === versions[i].version && v.change === 'cancel' && v.status === 'completed')).toBe(true);
    expect(versions.map((v) => v.meetings)).toEqual(Array.from({ length: 51 }, (_, i) => 50 - i));
    // Each answer is the version it made.
    expect(others.map((r) => r.body.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 49 }, (_, i) => base + 2 + i));
    expect(await count(`SELECT count(*)::int AS n FROM event_meetings WHERE event_id = $1 AND status = 'cancelled'`, [eventId])).toBe(50);
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'schedule.cancel'`)).toBe(50);
    await expectNoDoubleBooking();
  }, 60_000);

  // ───────────────────────────────────────── the built worker killed ─────────────────────────────────────────

  it('mails every recipient exactly once when the worker is killed in the middle of sending', async () => {
    const investor = await ctx.newUser('investor');
    await ctx.newFund(investor, { name: 'Killjoy Ventures' });
    const members = [await ctx.newUser('company'), await ctx.newUser('company'), await ctx.newUser('company')];
    const company = await ctx.newCompany(members[0], { name: 'Interrupted Bio' });
    for (const member of members.slice(1)) await ctx.dataSource.query(`INSERT INTO memberships (organisation_id, user_id) VALUES ($1, $2)`, [company.id, member.id]);
    // The worker mails recipients one after another (by user id): the server accepts the first and holds the second.
    const sink = await HoldingSmtpSink.start(1);
    const queue = new Queue(QueueName.Mail, { connection: { url: loadEnv().redisUrl }, prefix: loadEnv().redisPrefix });
    try {
      const mailEnv = { SMTP_URL: sink.url, MAIL_FROM: 'Hub Match <no-reply@hubmatch.local>' };
      const first = await startWorker(mailEnv);
      const created = await createRequest(() => ctx.http, investor, { toOrganisationId: company.id, area: 'venture_capital' });
      expectStatus(created, 201);
      const id = created.body.request.id as string;
      const messageIdOf = (user: TestUser) => `<${id}.new_request.${user.id}@hubmatch.local>`;
      const inOrder = [...members].sort((a, b) => a.id.localeCompare(b.id));

      await sink.whenHolding();
      await first.kill('SIGKILL');
      // Killed mid-send: one mail accepted and recorded, the second on the wire, the third never started.
      expect(sink.accepted.map((m) => m.messageId)).toEqual([messageIdOf(inOrder[0])]);
      expect(sink.held.map((m) => m.messageId)).toEqual([messageIdOf(inOrder[1])]);
      sink.release();
      await eventually(async () => expect(sink.mails.map((m) => m.outcome)).toEqual(['accepted', 'aborted']));
      // The second recipient's claim died with the transaction that held it open.
      await eventually(async () =>
        expect(await ctx.dataSource.query(`SELECT user_id FROM notification_deliveries WHERE meeting_request_id = $1`, [id])).toEqual([{ user_id: inOrder[0].id }]),
      );

      // A fresh worker takes the stalled job over (once its lock has expired) and mails the two left.
      await startWorker(mailEnv);
      await eventually(
        async () => {
          const accepted = sink.accepted.map((m) => m.messageId).sort();
          if (new Set(accepted).size !== accepted.length) throw new GiveUp(`a mail was accepted twice: ${accepted.join(', ')}`);
          expect(accepted).toEqual(members.map(messageIdOf).sort());
        },
        // BullMQ hands a killed worker's job on once its 30 s lock has lapsed and a stalled check (every 30 s) saw it.
        150_000,
        250,
      );
      for (const member of members) expect(sink.accepted.filter((m) => m.envelopeTo.includes(member.email)).map((m) => m.messageId)).toEqual([messageIdOf(member)]);
      const job = await eventually(async () => {
        const [done] = (await queue.getJobs(['completed'], 0, 50)).filter((j) => j.name === JobName.SendNotification && (j.data as { id: string }).id === id);
        expect(done).toBeDefined();
        return done;
      }, 20_000);
      // The rerun skipped the recipient mailed before the kill.
      expect(job.returnvalue).toEqual({ kind: 'new_request', sent: 2, skipped: 0, alreadyDelivered: 1 });
      const rows = await ctx.dataSource.query(`SELECT user_id, status, message_id FROM notification_deliveries WHERE meeting_request_id = $1 ORDER BY user_id`, [id]);
      expect(rows).toEqual(inOrder.map((u) => ({ user_id: u.id, status: 'sent', message_id: messageIdOf(u) })));
    } finally {
      await queue.close();
      await sink.stop();
    }
  }, 240_000);

  it('completes a scheduler run once after the worker is killed in the middle of it, never half-written', async () => {
    // A minimum no schedule can reach keeps the solver searching (it stops early only at an optimum).
    const { eventId } = await contendedEvent(10, { minMeetingsPerParticipant: 4 });
    await startWorker().then(async (first) => {
      const run = await as(staff).post(`/api/v1/events/${eventId}/schedule`);
      expectStatus(run, 202);
      const versionId = run.body.jobId as string;
      /** One statement, one snapshot: the version's status with the rows it has. */
      const state = async () => {
        const [row] = await ctx.dataSource.query(
          `SELECT v.status, v.progress,
                  (SELECT count(*)::int FROM scheduled_meetings sm WHERE sm.version_id = v.id) AS meetings,
                  (SELECT count(*)::int FROM scheduled_participants sp WHERE sp.version_id = v.id) AS seats
             FROM schedule_versions v WHERE v.id = $1`,
          [versionId],
        );
        // Never half-written: a version is either complete with all its rows, or unfinished with none.
        if (row.status === 'completed') expect({ meetings: row.meetings, seats: row.seats }).toEqual({ meetings: 50, seats: 100 });
        else expect({ status: row.status, meetings: row.meetings, seats: row.seats }).toEqual({ status: 'running', meetings: 0, seats: 0 });
        return row as { status: string; progress: number };
      };

      // The solver has its problem loaded (progress 0.1) and is searching: kill it now.
      await eventually(async () => {
        const s = await state();
        if (s.status !== 'running') throw new GiveUp(`the run finished before it could be killed: ${JSON.stringify(s)}`);
        expect(s.progress).toBeGreaterThanOrEqual(0.1);
      }, 30_000, 10);
      await first.kill('SIGKILL');
      expect((await state()).status).toBe('running');

      await startWorker();
      const done = await eventually(
        async () => {
          const s = await state();
          if (s.status === 'failed') throw new GiveUp(`the run failed: ${JSON.stringify(s)}`);
          expect(s.status).toBe('completed');
          return s;
        },
        // The scheduling queue's lock is 60 s (the solver holds the CPU), then a stalled check (every 30 s) hands it on.
        200_000,
        100,
      );
      expect(done.progress).toBe(1);
      // Once: one version for the one run, one audit row, and a schedule that keeps every hard rule.
      expect((await versionsOf(eventId)).map((v) => [v.version, v.change, v.status, v.meetings])).toEqual([[run.body.version, 'run', 'completed', 50]]);
      expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'schedule.run'`)).toBe(1);
      const view = (await as(staff).get(`/api/v1/events/${eventId}/schedule`).expect(200)).body;
      expect(view).toMatchObject({ version: run.body.version, status: 'completed', unscheduled: [] });
      expect(view.meetings).toHaveLength(50);
      await expectNoDoubleBooking();
    });
  }, 300_000);
});
