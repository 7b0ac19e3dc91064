import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { EnvData, JobName, loadEnv, QueueName, type NotificationResult } from '@hub/core';
import { createRequest, decide, expectError, expectStatus, startApiWithEnv, type HttpOf } from '../support/meeting-requests-support';
import { SmtpSink, type ReceivedMail } from '../support/smtp-sink';
import { TestContext, type TestUser } from '../support/test-app';
import { eventually, GiveUp, startTestWorker } from '../support/test-worker';

const FROM = 'Hub Match <no-reply@hubmatch.local>';

/** The worker's configuration with mail through this SMTP server (null: mail disabled). */
function mailEnv(smtpUrl: string | null): Partial<EnvData> {
  return { notifications: { ...loadEnv().notifications, smtpUrl, mailFrom: FROM } };
}

interface DeliveryRow {
  meeting_request_id: string;
  kind: string;
  user_id: string;
  email: string;
  language: string;
  status: string;
  message_id: string;
}

/**
 * E-mail notifications of meeting requests, end to end: the api commits a decision and its outbox row, the worker's
 * relay makes a mail job of it, the job renders and sends through nodemailer to a real SMTP server in this process,
 * and the test reads what arrived.
 */
describe('meeting request notifications (outbox → mail queue → SMTP)', () => {
  let ctx: TestContext;
  let sink: SmtpSink;
  let worker: INestApplication;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(async () => {
    await ctx.truncate();
    sink = await SmtpSink.start();
    worker = await startTestWorker(mailEnv(sink.url));
  });
  afterEach(async () => {
    // Either may be missing when its start failed; the failure is reported by the test itself.
    await worker?.close();
    await sink?.stop();
  });
  afterAll(() => ctx.close());

  const queueOf = (name: QueueName) => worker.get<Queue>(getQueueToken(name), { strict: false });

  /** An English-speaking fund, and a company with an Italian founder and an English colleague. */
  const parties = async () => {
    const investor = await ctx.newUser('investor');
    const fund = await ctx.newFund(investor, { name: 'Alpine Ventures' });
    const founder = await ctx.newUser('company');
    const company = await ctx.newCompany(founder, { name: 'Brera Bio' });
    await ctx.dataSource.query(`UPDATE users SET language = 'it' WHERE id = $1`, [founder.id]);
    const colleague = await ctx.newUser('company');
    await ctx.dataSource.query(`INSERT INTO memberships (organisation_id, user_id) VALUES ($1, $2)`, [company.id, colleague.id]);
    return { investor, fund, founder, company, colleague };
  };

  const ask = async (http: HttpOf, investor: TestUser, companyId: string, message = 'We back CAR-T platforms. Shall we meet in Milan?') => {
    const res = await createRequest(http, investor, { toOrganisationId: companyId, area: 'venture_capital', message });
    expectStatus(res, 201);
    return res.body.request.id as string;
  };

  /** Exactly `count` messages to `user` (waiting for them to arrive), and never more. */
  const mailsTo = (user: TestUser, count: number) =>
    eventually(async () => {
      const mails = sink.to(user.email);
      if (mails.length > count) throw new GiveUp(`${user.email} got ${mails.length} mails, expected ${count}: ${mails.map((m) => m.subject).join(' | ')}`);
      expect(mails.map((m) => m.subject)).toHaveLength(count);
      return mails;
    });

  /** The outbox is empty and the mail queue has nothing left to run now (delayed reminders aside). */
  const settled = () =>
    eventually(async () => {
      const [{ n }] = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events`);
      expect(n).toBe(0);
      expect(await queueOf(QueueName.Mail).getJobCounts('waiting', 'active', 'prioritized')).toEqual({ waiting: 0, active: 0, prioritized: 0 });
    });

  const deliveries = (): Promise<DeliveryRow[]> =>
    ctx.dataSource.query(`SELECT meeting_request_id, kind, user_id, email, language, status, message_id FROM notification_deliveries ORDER BY kind, email`);

  const jobsNamed = async (name: JobName, states: Array<'completed' | 'delayed' | 'waiting' | 'active' | 'failed'>): Promise<Job[]> =>
    (await queueOf(QueueName.Mail).getJobs(states, 0, 200)).filter((j) => j.name === name);

  const expectHeaders = (mail: ReceivedMail, requestId: string, kind: string, user: TestUser, language: 'it' | 'en') => {
    expect(mail.headers.get('from')).toBe(FROM);
    expect(mail.headers.get('to')).toBe(user.email);
    expect(mail.envelopeTo).toEqual([user.email]);
    expect(mail.messageId).toBe(`<${requestId}.${kind}.${user.id}@hubmatch.local>`);
    expect(mail.headers.get('content-language')).toBe(language);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
  };

  it("mails a new request to the receiver's members, each in their language, and nobody else", async () => {
    const { investor, founder, colleague, company } = await parties();
    const id = await ask(() => ctx.http, investor, company.id);

    const [italian] = await mailsTo(founder, 1);
    expect(italian.subject).toBe('Nuova richiesta di incontro da Alpine Ventures');
    expect(italian.text).toContain('Alpine Ventures vorrebbe incontrare la vostra organizzazione (venture capital).');
    expect(italian.text).toContain('> We back CAR-T platforms. Shall we meet in Milan?');
    expect(italian.text).toMatch(/entro il \d{1,2} \w+ \d{4}/);
    expect(italian.text).toContain(`Riferimento richiesta: ${id}`);
    expect(italian.html).toContain('<blockquote>We back CAR-T platforms. Shall we meet in Milan?</blockquote>');
    expectHeaders(italian, id, 'new_request', founder, 'it');

    const [english] = await mailsTo(colleague, 1);
    expect(english.subject).toBe('New meeting request from Alpine Ventures');
    expect(english.text).toContain('Alpine Ventures would like to meet your organisation (venture capital).');
    expect(english.text).toContain('Please accept or decline it on Hub Match by ');
    expectHeaders(english, id, 'new_request', colleague, 'en');

    await settled();
    expect(sink.to(investor.email)).toEqual([]);
    expect(sink.messages).toHaveLength(2);
    const rows = await deliveries();
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        { meeting_request_id: id, kind: 'new_request', user_id: founder.id, email: founder.email, language: 'it', status: 'sent', message_id: italian.messageId },
        { meeting_request_id: id, kind: 'new_request', user_id: colleague.id, email: colleague.email, language: 'en', status: 'sent', message_id: english.messageId },
      ]),
    );
  });

  it('mails an acceptance to the sender', async () => {
    const { investor, founder, colleague, company } = await parties();
    const id = await ask(() => ctx.http, investor, company.id);
    await mailsTo(founder, 1);
    expectStatus(await decide(() => ctx.http, colleague, id, 'accept'), 200);

    const [accepted] = await mailsTo(investor, 1);
    expect(accepted.subject).toBe('Brera Bio accepted your meeting request');
    expect(accepted.text).toContain('Brera Bio accepted your meeting request (venture capital). You can now arrange the meeting on Hub Match.');
    expectHeaders(accepted, id, 'accepted', investor, 'en');
    await settled();
    // The receivers were told of the request only.
    expect(sink.to(founder.email).map((m) => m.subject)).toEqual(['Nuova richiesta di incontro da Alpine Ventures']);
    expect(sink.to(colleague.email).map((m) => m.subject)).toEqual(['New meeting request from Alpine Ventures']);
  });

  it('mails a decline to the sender, in its language, without the reason', async () => {
    const { investor, founder, company } = await parties();
    await ctx.dataSource.query(`UPDATE users SET language = 'it' WHERE id = $1`, [investor.id]);
    const id = await ask(() => ctx.http, investor, company.id);
    await mailsTo(founder, 1);
    expectStatus(await decide(() => ctx.http, founder, id, 'decline', { reason: 'ticket' }), 200);

    const [declined] = await mailsTo(investor, 1);
    expect(declined.subject).toBe('Brera Bio ha rifiutato la vostra richiesta di incontro');
    expect(declined.text).toContain('Brera Bio ha rifiutato la vostra richiesta di incontro (venture capital).');
    expectHeaders(declined, id, 'declined', investor, 'it');
    // The reason is nowhere in the message, in any part or header.
    for (const part of [declined.subject, declined.text, declined.html, declined.raw]) {
      expect(part.toLowerCase()).not.toContain('ticket');
      expect(part.toLowerCase()).not.toMatch(/motiv|reason/);
    }
    const [row] = await ctx.dataSource.query(`SELECT decline_reason FROM meeting_requests WHERE id = $1`, [id]);
    expect(row.decline_reason).toBe('ticket');
  });

  it('mails an expiry to both sides when the expiry job runs', async () => {
    const { investor, founder, colleague, company } = await parties();
    const id = await ask(() => ctx.http, investor, company.id);
    await mailsTo(founder, 1);
    const [expiry] = await eventually(async () => {
      const jobs = (await queueOf(QueueName.Meetings).getJobs(['delayed'], 0, 100)).filter((j) => j.name === JobName.ExpireMeetingRequest);
      expect(jobs).toHaveLength(1);
      return jobs;
    });
    await ctx.dataSource.query(`UPDATE meeting_requests SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    await expiry.promote();

    const [sender] = await mailsTo(investor, 1);
    expect(sender.subject).toBe('Your meeting request to Brera Bio expired');
    expect(sender.text).toContain('Brera Bio did not answer your meeting request (venture capital) in time, so it expired.');
    expectHeaders(sender, id, 'expired', investor, 'en');
    const [, italian] = await mailsTo(founder, 2);
    expect(italian.subject).toBe('La richiesta di incontro di Alpine Ventures è scaduta');
    expect(italian.text).toContain('La richiesta di incontro di Alpine Ventures (venture capital) è scaduta senza risposta.');
    const [, english] = await mailsTo(colleague, 2);
    expect(english.subject).toBe('The meeting request from Alpine Ventures expired');
    await settled();
    expect(sink.messages).toHaveLength(5);
  });

  it('mails an expiry recorded by a new request, after the old one lapsed before its job ran', async () => {
    const { investor, founder, colleague, company } = await parties();
    const first = await ask(() => ctx.http, investor, company.id, 'First try');
    await mailsTo(colleague, 1);
    await ctx.dataSource.query(`UPDATE meeting_requests SET expires_at = now() - interval '1 minute' WHERE id = $1`, [first]);
    const second = await ask(() => ctx.http, investor, company.id, 'Second try');

    const [expired] = await mailsTo(investor, 1);
    expect(expired.subject).toBe('Your meeting request to Brera Bio expired');
    expect(expired.messageId).toBe(`<${first}.expired.${investor.id}@hubmatch.local>`);
    const colleagueMails = await mailsTo(colleague, 3);
    expect(colleagueMails.map((m) => m.subject).sort()).toEqual(['New meeting request from Alpine Ventures', 'New meeting request from Alpine Ventures', 'The meeting request from Alpine Ventures expired']);
    const secondMail = colleagueMails.find((m) => m.messageId.startsWith(`<${second}.new_request.`));
    expect(secondMail?.text).toContain('> Second try');
    await mailsTo(founder, 3);
  });

  it('reminds the receiver before expiry, and not once the request is answered', async () => {
    const { investor, founder, colleague, company } = await parties();
    const pending = await ask(() => ctx.http, investor, company.id);
    await mailsTo(founder, 1);
    const reminderOf = (requestId: string) =>
      eventually(async () => {
        const job = (await jobsNamed(JobName.SendExpiryReminder, ['delayed'])).find((j) => (j.data as { id: string }).id === requestId);
        expect(job).toBeDefined();
        return job as Job;
      });
    const reminder = await reminderOf(pending);
    // Due 48 hours before the deadline (give or take the relay's latency).
    const env = worker.get(EnvData);
    const leadMs = (env.meetingRequests.ttlDays * 24 - env.notifications.reminderHours) * 3_600_000;
    expect(reminder.opts.delay).toBeGreaterThan(leadMs - 60_000);
    expect(reminder.opts.delay).toBeLessThanOrEqual(leadMs);

    await reminder.promote();
    const [, italian] = await mailsTo(founder, 2);
    expect(italian.subject).toBe('La richiesta di incontro di Alpine Ventures sta per scadere');
    expect(italian.text).toMatch(/attende ancora una risposta e scade il \d{1,2} \w+ \d{4}/);
    expectHeaders(italian, pending, 'expiring_soon', founder, 'it');
    const [, english] = await mailsTo(colleague, 2);
    expect(english.subject).toBe('The meeting request from Alpine Ventures expires soon');
    expect(english.text).toContain('Please accept or decline it on Hub Match before then.');
    expect(sink.to(investor.email)).toEqual([]);

    // Answered before its reminder is due: the reminder job finds it closed and mails nobody.
    const otherFounder = await ctx.newUser('company');
    const other = await ctx.newCompany(otherFounder, { name: 'Navigli Diagnostics' });
    const answered = await ask(() => ctx.http, investor, other.id);
    await mailsTo(otherFounder, 1);
    const late = await reminderOf(answered);
    expectStatus(await decide(() => ctx.http, otherFounder, answered, 'accept'), 200);
    await mailsTo(investor, 1);
    await late.promote();
    const done = await eventually(async () => {
      const job = (await jobsNamed(JobName.SendExpiryReminder, ['completed'])).find((j) => (j.data as { id: string }).id === answered);
      expect(job).toBeDefined();
      return job as Job<unknown, NotificationResult>;
    });
    expect(done.returnvalue).toEqual({ kind: 'expiring_soon', sent: 0, skipped: 0, alreadyDelivered: 0, stale: 'not_pending' });
    await settled();
    expect(sink.to(otherFounder.email)).toHaveLength(1);
  });

  it('schedules no reminder when the request lives less long than the reminder lead', async () => {
    const { investor, founder, company } = await parties();
    const api = await startApiWithEnv({ meetingRequests: { ...loadEnv().meetingRequests, ttlDays: 1 } });
    try {
      const id = await ask(api.http, investor, company.id);
      await mailsTo(founder, 1);
      await settled();
      expect(await jobsNamed(JobName.SendExpiryReminder, ['delayed', 'waiting', 'completed'])).toEqual([]);
      // The expiry itself is still scheduled.
      const expiries = (await queueOf(QueueName.Meetings).getJobs(['delayed'], 0, 100)).map((j) => (j.data as { id: string }).id);
      expect(expiries).toEqual([id]);
    } finally {
      await api.app.close();
    }
  });

  it('mails a request committed while the mail server is down once the server is back, once', async () => {
    const { investor, founder, colleague, company } = await parties();
    // The mail server goes away; the worker keeps pointing at it.
    const port = sink.port;
    await worker.close();
    await sink.stop();
    worker = await startTestWorker(mailEnv(`smtp://127.0.0.1:${port}`));

    const id = await ask(() => ctx.http, investor, company.id);
    // The attempt failed and is waiting for its retry; nothing was recorded as delivered.
    await eventually(async () => {
      const [job] = await jobsNamed(JobName.SendNotification, ['delayed', 'waiting', 'active']);
      expect(job?.attemptsMade).toBeGreaterThanOrEqual(1);
    });
    expect(await deliveries()).toEqual([]);

    sink = await SmtpSink.start(port);
    const [italian] = await mailsTo(founder, 1);
    expect(italian.subject).toBe('Nuova richiesta di incontro da Alpine Ventures');
    expectHeaders(italian, id, 'new_request', founder, 'it');
    const [english] = await mailsTo(colleague, 1);
    expect(english.subject).toBe('New meeting request from Alpine Ventures');
    await settled();
    const [job] = await jobsNamed(JobName.SendNotification, ['completed']);
    expect(job.attemptsMade).toBeGreaterThanOrEqual(2);
    expect(job.returnvalue).toEqual({ kind: 'new_request', sent: 2, skipped: 0, alreadyDelivered: 0 });
    expect(sink.messages).toHaveLength(2);
    expect((await deliveries()).map((d) => d.status)).toEqual(['sent', 'sent']);
  });

  it('sends nothing twice when a job is delivered again, even several copies at once', async () => {
    const { investor, founder, colleague, company } = await parties();
    const id = await ask(() => ctx.http, investor, company.id);
    await mailsTo(founder, 1);
    await mailsTo(colleague, 1);
    await settled();
    const [original] = await jobsNamed(JobName.SendNotification, ['completed']);
    expect(original.data).toEqual({ outboxId: expect.stringMatching(/^\d+$/), topic: 'meeting_request.created', type: 'meeting_request', id });

    // The same event three more times at once (as after a relay that enqueued but could not commit).
    const mail = queueOf(QueueName.Mail);
    const copies = await mail.addBulk([1, 2, 3].map(() => ({ name: JobName.SendNotification, data: original.data })));
    // And the reminder, never run before, twice at once: the two copies race for each recipient.
    const reminders = await mail.addBulk([1, 2].map(() => ({ name: JobName.SendExpiryReminder, data: { type: 'meeting_request', id } })));
    const results = await eventually(async () => {
      const states = await Promise.all([...copies, ...reminders].map((job) => job.getState()));
      expect(states).toEqual(['completed', 'completed', 'completed', 'completed', 'completed']);
      return Promise.all([...copies, ...reminders].map(async (job) => (await mail.getJob(job.id as string))?.returnvalue as NotificationResult));
    });
    for (const result of results.slice(0, 3)) expect(result).toEqual({ kind: 'new_request', sent: 0, skipped: 0, alreadyDelivered: 2 });
    // Between them, the two reminder copies mailed each recipient once (which copy won each one is up to the race).
    const sum = (key: 'sent' | 'alreadyDelivered') => results.slice(3).reduce((total, r) => total + r[key], 0);
    expect({ sent: sum('sent'), alreadyDelivered: sum('alreadyDelivered') }).toEqual({ sent: 2, alreadyDelivered: 2 });

    await settled();
    expect(sink.to(founder.email).map((m) => m.subject)).toEqual(['Nuova richiesta di incontro da Alpine Ventures', 'La richiesta di incontro di Alpine Ventures sta per scadere']);
    expect(sink.to(colleague.email).map((m) => m.subject)).toEqual(['New meeting request from Alpine Ventures', 'The meeting request from Alpine Ventures expires soon']);
    expect(sink.messages).toHaveLength(4);
  });

  it('mails nothing of a transaction that rolled back (quota exceeded)', async () => {
    const { investor, founder, company } = await parties();
    const otherFounder = await ctx.newUser('company');
    const other = await ctx.newCompany(otherFounder, { name: 'Navigli Diagnostics' });
    const api = await startApiWithEnv({ meetingRequests: { ...loadEnv().meetingRequests, quota: 1 } });
    try {
      // A request to Navigli lapses unanswered (its expiry job not run yet); one to Brera uses the quota.
      const lapsed = await ask(api.http, investor, other.id, 'To Navigli');
      await mailsTo(otherFounder, 1);
      await ctx.dataSource.query(`UPDATE meeting_requests SET expires_at = now() - interval '1 minute' WHERE id = $1`, [lapsed]);
      const open = await ask(api.http, investor, company.id, 'To Brera');
      await mailsTo(founder, 1);

      // Asking Navigli again would expire the lapsed request and add a new one, but the quota refuses: all rolled back.
      expectError(await createRequest(api.http, investor, { toOrganisationId: other.id, area: 'venture_capital', message: 'Again' }), 429, 'QUOTA_EXCEEDED');
      const [row] = await ctx.dataSource.query(`SELECT status FROM meeting_requests WHERE id = $1`, [lapsed]);
      expect(row.status).toBe('pending');

      // A later, committed decision is mailed: everything before it in the outbox has been relayed by then.
      expectStatus(await decide(api.http, founder, open, 'accept'), 200);
      const [accepted] = await mailsTo(investor, 1);
      expect(accepted.subject).toBe('Brera Bio accepted your meeting request');
      await settled();
      // Navigli heard of the first request only (no expiry, no second request); Brera's two members of theirs.
      expect(sink.to(otherFounder.email).map((m) => m.subject)).toEqual(['New meeting request from Alpine Ventures']);
      expect(sink.messages).toHaveLength(4);
      expect((await deliveries()).map((d) => `${d.kind}:${d.meeting_request_id === lapsed ? 'lapsed' : 'open'}`).sort()).toEqual([
        'accepted:open',
        'new_request:lapsed',
        'new_request:open',
        'new_request:open',
      ]);
      expect(await ctx.dataSource.query(`SELECT count(*)::int AS n FROM meeting_requests`)).toEqual([{ n: 2 }]);
    } finally {
      await api.app.close();
    }
  });

  it('records deliveries as skipped and sends nothing when mail is disabled', async () => {
    const { investor, founder, colleague, company } = await parties();
    await worker.close();
    worker = await startTestWorker(mailEnv(null));
    const id = await ask(() => ctx.http, investor, company.id);
    const rows = await eventually(async () => {
      const found = await deliveries();
      expect(found).toHaveLength(2);
      return found;
    });
    expect(rows.map((r) => ({ user: r.user_id, status: r.status, request: r.meeting_request_id })).sort((a, b) => a.user.localeCompare(b.user))).toEqual(
      [founder, colleague].map((u) => ({ user: u.id, status: 'skipped', request: id })).sort((a, b) => a.user.localeCompare(b.user)),
    );
    await settled();
    expect(sink.messages).toEqual([]);
  });
});
