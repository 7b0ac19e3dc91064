import type { Response } from 'supertest';
import { bearer, TestContext, type TestUser } from '../support/test-app';
import { eventually, startTestWorker } from '../support/test-worker';
import { FITTING_COMPANY, FITTING_FUND, matchesOf, scoringSettled } from '../support/matching-fixtures';
import { auditRows, createRequest, decide, expectError } from '../support/meeting-requests-support';

const VC = 'venture_capital';
const OTHER_NEEDS = 'Another company needs otherneedssecret for its pipeline';
const OUTSIDER_NOTE = 'outsidersecretnote about the founders';

describe('GDPR rights: export and erasure', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(() => ctx.truncate());
  afterAll(() => ctx.close());

  const ok = (res: Response, status = 200) => expect({ status: res.status, body: res.body }).toMatchObject({ status });
  const count = async (sql: string, params: unknown[] = []) => (await ctx.dataSource.query(sql, params))[0].n as number;
  const indexed = async (id: string) => count(`SELECT count(*)::int AS n FROM search_documents WHERE id = $1`, [id]);

  /**
   * A company (the data subject) with matches to two funds; one fund declined the company's request and its match
   * (private reasons), the other accepted a meeting and both sides recorded an outcome. Another company, staff.
   */
  async function world() {
    const founder = await ctx.newUser('company');
    const company = await ctx.newCompany(founder, { ...FITTING_COMPANY, name: 'Cellula Erasable' });
    const investor = await ctx.newUser('investor');
    const fund = await ctx.newFund(investor, { ...FITTING_FUND, name: 'Navigli Ventures' });
    const outsider = await ctx.newUser('investor');
    const otherFund = await ctx.newFund(outsider, { ...FITTING_FUND, name: 'Brera Ventures' });
    const rival = await ctx.newUser('company');
    const otherCompany = await ctx.newCompany(rival, { ...FITTING_COMPANY, name: 'Rival Therapeutics', technologyNeeds: OTHER_NEEDS });
    const staff = await ctx.newUser('staff');
    return { founder, company, investor, fund, outsider, otherFund, rival, otherCompany, staff };
  }

  async function decisions(w: Awaited<ReturnType<typeof world>>) {
    const companyMatches = await matchesOf(ctx, w.founder, VC);
    const withFund = companyMatches.find((m) => m.counterpart.id === w.fund.id);
    const withOther = companyMatches.find((m) => m.counterpart.id === w.otherFund.id);
    expect(withFund && withOther).toBeTruthy();
    // The company shortlists one (its own decision); the fund declines the same match (the fund's private decision).
    ok(await ctx.http.post(`/api/v1/matches/${withOther!.id}/shortlist`).set(...bearer(w.founder)));
    const declineMatch = await ctx.http.post(`/api/v1/matches/${withFund!.id}/decline`).set(...bearer(w.investor)).send({ reason: 'stage' });
    expect([200, 201]).toContain(declineMatch.status);
    // A request the fund declines with a reason the company must never see.
    const declined = await createRequest(() => ctx.http, w.founder, { toOrganisationId: w.fund.id, area: VC, message: 'Hello Navigli' });
    ok(declined, 201);
    ok(await decide(() => ctx.http, w.investor, declined.body.request.id, 'decline', { reason: 'ticket' }));
    // An accepted meeting with outcomes on both sides.
    const accepted = await createRequest(() => ctx.http, w.founder, { toOrganisationId: w.otherFund.id, area: VC });
    ok(accepted, 201);
    ok(await decide(() => ctx.http, w.outsider, accepted.body.request.id, 'accept'));
    const outcome = `/api/v1/meeting-requests/${accepted.body.request.id}/outcome`;
    ok(await ctx.http.put(outcome).set(...bearer(w.founder)).send({ outcome: 'took_place', followUp: 'follow_up', note: 'founder own note' }));
    ok(await ctx.http.put(outcome).set(...bearer(w.outsider)).send({ outcome: 'took_place', note: OUTSIDER_NOTE }));
    return { declinedId: declined.body.request.id as string, acceptedId: accepted.body.request.id as string, withFund: withFund!, withOther: withOther! };
  }

  it("exports the caller's account and organisation (confidential fields included) and never the counterparts' private data", async () => {
    const w = await world();
    const worker = await startTestWorker();
    let d: Awaited<ReturnType<typeof decisions>>;
    try {
      await scoringSettled(ctx, worker);
      d = await decisions(w);
    } finally {
      await worker.close();
    }

    const res = await ctx.http.get('/api/v1/me/export').set(...bearer(w.founder));
    ok(res);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="hub-match-export-\d{4}-\d{2}-\d{2}\.json"$/);
    const body = res.body;
    expect(body.account).toEqual({ id: w.founder.id, email: w.founder.email, role: 'company', language: 'en', createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/password|argon2/i);
    expect(body.organisation).toMatchObject({ id: w.company.id, type: 'company', profile: { name: 'Cellula Erasable', technologyNeeds: FITTING_COMPANY.technologyNeeds, fundingSoughtEur: 2_000_000 } });
    expect(body.memberships).toEqual([{ userId: w.founder.id, email: w.founder.email, createdAt: expect.any(String) }]);
    expect(body.matches.map((m: { counterpart: { id: string } }) => m.counterpart.id).sort()).toEqual([w.fund.id, w.otherFund.id].sort());
    expect(body.matches.every((m: { reasons: unknown[] }) => m.reasons.length > 0)).toBe(true);
    // Its own review only: shortlisted; the fund's decline of the same match is not there.
    expect(body.matchReviews).toEqual([expect.objectContaining({ counterpartId: w.otherFund.id, decision: 'shortlisted', reason: null })]);
    expect(body.matches.find((m: { id: string }) => m.id === d.withFund.id).review).toBeNull();
    // Requests sent: the declined one without the fund's reason.
    const declined = body.meetingRequests.find((r: { id: string }) => r.id === d.declinedId);
    expect(declined).toMatchObject({ status: 'declined', direction: 'outgoing', message: 'Hello Navigli' });
    expect(declined.declineReason ?? null).toBeNull();
    expect(body.meetingRequests.find((r: { id: string }) => r.id === d.acceptedId)).toMatchObject({ status: 'accepted' });
    // Its own outcome, never the other side's.
    expect(body.meetingOutcomes).toEqual([expect.objectContaining({ requestId: d.acceptedId, outcome: 'took_place', followUp: 'follow_up', note: 'founder own note' })]);
    // Its own audit rows (created, outcome, review): none of the funds' decisions.
    expect(body.auditEvents.length).toBeGreaterThanOrEqual(4);
    for (const row of body.auditEvents) expect(row.organisationId === w.company.id || row.actorUserId === w.founder.id).toBe(true);
    expect(body.auditEvents.map((a: { action: string }) => a.action)).not.toContain('meeting_request.declined');
    for (const key of ['meetingProposals', 'eventParticipations', 'scheduledMeetings', 'notificationDeliveries', 'technologyOffers']) expect(Array.isArray(body[key])).toBe(true);
    const text = JSON.stringify(body);
    for (const secret of [OUTSIDER_NOTE, 'otherneedssecret', w.investor.email, w.outsider.email, w.rival.email, w.otherCompany.id]) expect(text).not.toContain(secret);

    // The fund's export has its own decline reason, and not the company's confidential fields.
    const fundExport = (await ctx.http.get('/api/v1/me/export').set(...bearer(w.investor)).expect(200)).body;
    expect(fundExport.meetingRequests.find((r: { id: string }) => r.id === d.declinedId)).toMatchObject({ direction: 'incoming', declineReason: 'ticket' });
    expect(fundExport.matchReviews).toEqual([expect.objectContaining({ counterpartId: w.company.id, decision: 'declined', reason: 'stage' })]);
    expect(JSON.stringify(fundExport)).not.toMatch(/zebrafishneeds|founder own note/);

    // Staff are not data subjects here.
    expectError(await ctx.http.get('/api/v1/me/export').set(...bearer(w.staff)), 403, 'FORBIDDEN');
  });

  it('erases the account and the organisation in one go, anonymises the audit trail and removes the search document', async () => {
    const w = await world();
    const worker = await startTestWorker();
    try {
      await scoringSettled(ctx, worker);
      const d = await decisions(w);
      await eventually(async () => expect(await indexed(w.company.id)).toBe(1));
      const auditBefore = await count(`SELECT count(*)::int AS n FROM audit_events`);
      expect(auditBefore).toBeGreaterThan(0);

      const res = await ctx.http.post('/api/v1/me/erase').set(...bearer(w.founder)).send({ confirm: 'ERASE' });
      ok(res);
      expect(res.body).toMatchObject({
        userId: w.founder.id,
        organisationId: w.company.id,
        organisationType: 'company',
        deleted: { users: 1, memberships: 1, organisations: 1, meetingRequests: 2, meetingOutcomes: 2, matchReviews: 2 },
        otherMembersDetached: 0,
      });
      expect(res.body.deleted.matches).toBeGreaterThanOrEqual(2);
      expect(res.body.auditEventsAnonymised).toBeGreaterThan(0);

      // Gone: the user, the organisation, its profile, matches, reviews, requests.
      expect(await count(`SELECT count(*)::int AS n FROM users WHERE id = $1 OR email = $2`, [w.founder.id, w.founder.email])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM organisations WHERE id = $1`, [w.company.id])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM companies WHERE id = $1`, [w.company.id])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM memberships WHERE user_id = $1`, [w.founder.id])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM matches WHERE company_id = $1`, [w.company.id])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM match_reviews WHERE organisation_id = $1 OR counterpart_id = $1`, [w.company.id])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM meeting_requests WHERE from_organisation_id = $1 OR to_organisation_id = $1`, [w.company.id])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM meeting_requests WHERE id = ANY($1::uuid[])`, [[d.declinedId, d.acceptedId]])).toBe(0);
      // The funds no longer see it among their matches.
      expect((await matchesOf(ctx, w.investor, VC)).map((m) => m.counterpart.id)).not.toContain(w.company.id);

      // Audit rows are all still there, with no reference to the erased user or organisation.
      expect(await count(`SELECT count(*)::int AS n FROM audit_events`)).toBe(auditBefore);
      const rows = await auditRows(ctx);
      for (const row of rows) {
        expect(row.actor_user_id).not.toBe(w.founder.id);
        expect(row.organisation_id).not.toBe(w.company.id);
      }
      const trail = JSON.stringify(rows);
      for (const personal of [w.founder.id, w.founder.email, w.company.id, 'Cellula Erasable']) expect(trail).not.toContain(personal);
      expect(rows.filter((r) => r.organisation_id === null && r.actor_user_id === null).length).toBeGreaterThan(0);

      // The search document goes once the worker has relayed the outbox rows of the deletion.
      await eventually(async () => expect(await indexed(w.company.id)).toBe(0));
      expect(await indexed(w.fund.id)).toBe(1);
      expect(await indexed(w.otherCompany.id)).toBe(1);
    } finally {
      await worker.close();
    }

    // The erased user's token no longer works.
    expectError(await ctx.http.get('/api/v1/auth/me').set(...bearer(w.founder)), 401, 'UNAUTHENTICATED');
    expectError(await ctx.http.get('/api/v1/me/export').set(...bearer(w.founder)), 401, 'UNAUTHENTICATED');
    // Other organisations' accounts and data are untouched.
    for (const [user, path] of [
      [w.investor, `/api/v1/funds/${w.fund.id}`],
      [w.outsider, `/api/v1/funds/${w.otherFund.id}`],
      [w.rival, `/api/v1/companies/${w.otherCompany.id}`],
    ] as Array<[TestUser, string]>) {
      ok(await ctx.http.get('/api/v1/auth/me').set(...bearer(user)));
      ok(await ctx.http.get(path).set(...bearer(user)));
    }
    const rival = (await ctx.http.get(`/api/v1/companies/${w.otherCompany.id}`).set(...bearer(w.rival)).expect(200)).body;
    expect(rival.technologyNeeds).toBe(OTHER_NEEDS);
  });

  it('refuses an erasure without the confirmation (400 naming confirm) and for staff (403), changing nothing', async () => {
    const w = await world();
    for (const body of [{}, { confirm: 'erase' }, { confirm: 'YES' }, { confirm: true }]) {
      expectError(await ctx.http.post('/api/v1/me/erase').set(...bearer(w.founder)).send(body), 400, 'VALIDATION_FAILED', 'confirm');
    }
    expectError(await ctx.http.post('/api/v1/me/erase').set(...bearer(w.staff)).send({ confirm: 'ERASE' }), 403, 'FORBIDDEN');
    expectError(await ctx.http.post('/api/v1/me/erase').send({ confirm: 'ERASE' }), 401, 'UNAUTHENTICATED');
    expect(await count(`SELECT count(*)::int AS n FROM users WHERE id = ANY($1::uuid[])`, [[w.founder.id, w.staff.id]])).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM companies WHERE id = $1`, [w.company.id])).toBe(1);
    ok(await ctx.http.get('/api/v1/auth/me').set(...bearer(w.founder)));
  });

  it('erases an account that has no organisation yet', async () => {
    const loner = await ctx.newUser('investor');
    const res = await ctx.http.post('/api/v1/me/erase').set(...bearer(loner)).send({ confirm: 'ERASE' });
    ok(res);
    expect(res.body).toMatchObject({ userId: loner.id, organisationId: null, deleted: { users: 1, organisations: 0 } });
    expectError(await ctx.http.get('/api/v1/auth/me').set(...bearer(loner)), 401, 'UNAUTHENTICATED');
  });
});
