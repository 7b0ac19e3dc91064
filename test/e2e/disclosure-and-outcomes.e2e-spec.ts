import type { Response } from 'supertest';
import { bearer, TestContext, type TestUser } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { CAR_T_OFFER, CONFIDENTIAL_FIELDS, FITTING_COMPANY, FITTING_FUND, matchesOf, scoringSettled, type MatchItem } from '../support/matching-fixtures';
import { auditRows, createRequest, decide, expectError, expire, MALFORMED_ID, UNKNOWN_ID } from '../support/meeting-requests-support';

const VC = 'venture_capital';
const TT = 'tech_transfer';
const SECRET_DETAILS = 'Patent family WO2026-zebrafishsecret, claims 1-14, freedom to operate in the EU';

describe('staged disclosure, meeting outcomes and the audit trail', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(() => ctx.truncate());
  afterAll(() => ctx.close());

  const ok = (res: Response, status = 200) => expect({ status: res.status, body: res.body }).toMatchObject({ status });
  const get = (user: TestUser, path: string) => ctx.http.get(path).set(...bearer(user));

  /** A company with confidential fields, a fund, a research centre with a confidential offer, each with a member; staff. */
  async function world() {
    const founder = await ctx.newUser('company');
    const company = await ctx.newCompany(founder, { ...FITTING_COMPANY, name: 'Cellula Therapeutics' });
    const investor = await ctx.newUser('investor');
    const fund = await ctx.newFund(investor, { ...FITTING_FUND, name: 'Navigli Cell Ventures' });
    const outsider = await ctx.newUser('investor');
    const otherFund = await ctx.newFund(outsider, { ...FITTING_FUND, name: 'Other Ventures' });
    const tto = await ctx.newUser('research_centre');
    const centre = await ctx.newResearchCentre(tto, { name: 'Istituto Tumori Lombardo' });
    const offer = await ctx.newTechnologyOffer(centre.id, { ...CAR_T_OFFER, title: 'Armoured CAR-T', confidentialDetails: SECRET_DETAILS });
    const staff = await ctx.newUser('staff');
    return { founder, company, investor, fund, outsider, otherFund, tto, centre, offer, staff };
  }

  /** A request from `from` to `to`, accepted by `acceptor`; returns its id. */
  async function accepted(from: TestUser, to: string, area: string, acceptor: TestUser): Promise<string> {
    const created = await createRequest(() => ctx.http, from, { toOrganisationId: to, area });
    ok(created, 201);
    ok(await decide(() => ctx.http, acceptor, created.body.request.id, 'accept'));
    return created.body.request.id;
  }

  const companyKeys = (body: Record<string, unknown>) => CONFIDENTIAL_FIELDS.filter((f) => f in body);

  // ─────────────────────────────────────────────── disclosure ───────────────────────────────────────────────

  it("shows a company's confidential fields and contacts to a fund only once both accepted a meeting, and to nobody else", async () => {
    const w = await world();
    const path = `/api/v1/companies/${w.company.id}`;
    const before = await get(w.investor, path).expect(200);
    expect(companyKeys(before.body)).toEqual([]);
    expect(before.body).not.toHaveProperty('contacts');
    expect(JSON.stringify(before.body)).not.toContain('zebrafishneeds');

    // Pending: still the public profile, both ways.
    const request = await createRequest(() => ctx.http, w.investor, { toOrganisationId: w.company.id, area: VC, message: 'Shall we meet?' });
    ok(request, 201);
    expect(companyKeys((await get(w.investor, path).expect(200)).body)).toEqual([]);
    expect((await get(w.founder, `/api/v1/funds/${w.fund.id}`).expect(200)).body).not.toHaveProperty('contacts');

    // Accepted: the fund sees the confidential fields and the company's contacts, and the company the fund's contacts.
    ok(await decide(() => ctx.http, w.founder, request.body.request.id, 'accept'));
    const after = await get(w.investor, path).expect(200);
    expect(after.body).toMatchObject({
      fundingSoughtEur: FITTING_COMPANY.fundingSoughtEur,
      ipStatus: FITTING_COMPANY.ipStatus,
      technologyNeeds: FITTING_COMPANY.technologyNeeds,
      contacts: [{ email: w.founder.email }],
    });
    expect((await get(w.founder, `/api/v1/funds/${w.fund.id}`).expect(200)).body.contacts).toEqual([{ email: w.investor.email }]);
    // In lists too, for that company only.
    const listed = await ctx.http.get('/api/v1/companies').query({ pageSize: 100 }).set(...bearer(w.investor)).expect(200);
    const item = listed.body.items.find((c: { id: string }) => c.id === w.company.id);
    expect(item).toMatchObject({ technologyNeeds: FITTING_COMPANY.technologyNeeds, contacts: [{ email: w.founder.email }] });

    // Another fund, a research centre with no meeting: the public profile only.
    for (const stranger of [w.outsider, w.tto]) {
      const seen = await get(stranger, path).expect(200);
      expect(companyKeys(seen.body)).toEqual([]);
      expect(seen.body).not.toHaveProperty('contacts');
      const strangersList = await ctx.http.get('/api/v1/companies').set(...bearer(stranger)).expect(200);
      expect(JSON.stringify(strangersList.body)).not.toMatch(/zebrafishneeds|contacts/);
    }
    // The members themselves and staff always see everything.
    for (const insider of [w.founder, w.staff]) expect((await get(insider, path).expect(200)).body.contacts).toEqual([{ email: w.founder.email }]);
  });

  it('never discloses after a declined, withdrawn or expired request', async () => {
    const w = await world();
    const declined = await createRequest(() => ctx.http, w.investor, { toOrganisationId: w.company.id, area: VC });
    ok(await decide(() => ctx.http, w.founder, declined.body.request.id, 'decline', { reason: 'timing' }));
    const withdrawn = await createRequest(() => ctx.http, w.outsider, { toOrganisationId: w.company.id, area: VC });
    ok(await decide(() => ctx.http, w.outsider, withdrawn.body.request.id, 'withdraw'));
    const lapsed = await createRequest(() => ctx.http, w.tto, { toOrganisationId: w.company.id, area: TT });
    await expire(ctx, lapsed.body.request.id);
    for (const user of [w.investor, w.outsider, w.tto]) {
      const seen = await get(user, `/api/v1/companies/${w.company.id}`).expect(200);
      expect(companyKeys(seen.body)).toEqual([]);
      expect(seen.body).not.toHaveProperty('contacts');
    }
  });

  it("shows a research centre's confidential offer details to a company only after an accepted tech-transfer meeting; never indexes them", async () => {
    const w = await world();
    const offerPath = `/api/v1/research-centres/${w.centre.id}/technology-offers/${w.offer.id}`;
    const listPath = `/api/v1/research-centres/${w.centre.id}/technology-offers`;
    for (const path of [offerPath, listPath]) expect(JSON.stringify((await get(w.founder, path).expect(200)).body)).not.toContain('zebrafishsecret');
    expect((await get(w.founder, offerPath).expect(200)).body).not.toHaveProperty('confidentialDetails');
    // The centre's members and staff see them.
    for (const insider of [w.tto, w.staff]) expect((await get(insider, offerPath).expect(200)).body.confidentialDetails).toBe(SECRET_DETAILS);

    await accepted(w.founder, w.centre.id, TT, w.tto);
    expect((await get(w.founder, offerPath).expect(200)).body.confidentialDetails).toBe(SECRET_DETAILS);
    expect((await get(w.founder, listPath).expect(200)).body.items[0].confidentialDetails).toBe(SECRET_DETAILS);
    expect((await get(w.founder, `/api/v1/research-centres/${w.centre.id}`).expect(200)).body.contacts).toEqual([{ email: w.tto.email }]);
    // A fund has no meeting with the centre.
    expect((await get(w.investor, offerPath).expect(200)).body).not.toHaveProperty('confidentialDetails');

    // The search index never holds them: index the offer (as the worker does) and look at what is stored.
    const worker = await startTestWorker();
    try {
      await scoringSettled(ctx, worker);
      const docs = await ctx.dataSource.query(`SELECT * FROM search_documents WHERE id = $1`, [w.offer.id]);
      expect(docs).toHaveLength(1);
      expect(JSON.stringify(docs)).not.toContain('zebrafishsecret');
      const search = await ctx.http.get('/api/v1/search').query({ q: 'zebrafishsecret' }).set(...bearer(w.founder)).expect(200);
      expect(search.body.total).toBe(0);
    } finally {
      await worker.close();
    }
  });

  it('validates confidential offer details like any other field', async () => {
    const w = await world();
    const res = await ctx.http
      .post(`/api/v1/research-centres/${w.centre.id}/technology-offers`)
      .set(...bearer(w.tto))
      .send({ title: 'Too long', confidentialDetails: 'x'.repeat(5001) });
    expectError(res, 400, 'VALIDATION_FAILED', 'confidentialDetails');
  });

  // ─────────────────────────────────────────────── outcomes ───────────────────────────────────────────────

  it("records each side's outcome privately, corrects it, audits it, and gives staff the aggregate", async () => {
    const w = await world();
    const requestId = await accepted(w.investor, w.company.id, VC, w.founder);
    const outcomePath = `/api/v1/meeting-requests/${requestId}/outcome`;

    const fundSide = await ctx.http.put(outcomePath).set(...bearer(w.investor)).send({ outcome: 'took_place', followUp: 'due_diligence', note: 'Strong team' });
    ok(fundSide);
    expect(fundSide.body).toEqual({ requestId, organisationId: w.fund.id, outcome: 'took_place', followUp: 'due_diligence', note: 'Strong team', recordedAt: expect.any(String) });
    // The company has not recorded its side: its read is a 404, and it never reads the fund's record.
    expectError(await get(w.founder, outcomePath), 404, 'NOT_FOUND');
    ok(await ctx.http.put(outcomePath).set(...bearer(w.founder)).send({ outcome: 'no_show' }));
    const companySide = await get(w.founder, outcomePath).expect(200);
    expect(companySide.body).toMatchObject({ organisationId: w.company.id, outcome: 'no_show', followUp: 'none', note: null });
    expect(JSON.stringify(companySide.body)).not.toContain('Strong team');

    // Corrected, not duplicated.
    ok(await ctx.http.put(outcomePath).set(...bearer(w.founder)).send({ outcome: 'took_place', followUp: 'follow_up' }));
    const rows = await ctx.dataSource.query(`SELECT organisation_id, outcome, follow_up FROM meeting_outcomes WHERE request_id = $1 ORDER BY organisation_id`, [requestId]);
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        { organisation_id: w.company.id, outcome: 'took_place', follow_up: 'follow_up' },
        { organisation_id: w.fund.id, outcome: 'took_place', follow_up: 'due_diligence' },
      ]),
    );

    // Staff read either side and the aggregate.
    expect((await get(w.staff, `${outcomePath}?organisationId=${w.fund.id}`).expect(200)).body.note).toBe('Strong team');
    expectError(await get(w.staff, outcomePath), 400, 'VALIDATION_FAILED', 'organisationId');
    const summary = await get(w.staff, '/api/v1/meeting-outcomes/summary').expect(200);
    expect(summary.body).toEqual({
      acceptedMeetings: 1,
      withOutcome: 1,
      outcomes: { took_place: 2, no_show: 0, cancelled: 0 },
      followUps: { none: 0, follow_up: 1, due_diligence: 1, term_sheet: 0, agreement: 0 },
      disputed: 0,
      byArea: { venture_capital: { acceptedMeetings: 1, tookPlace: 1, followedUp: 1 }, tech_transfer: { acceptedMeetings: 0, tookPlace: 0, followedUp: 0 } },
    });
    expectError(await get(w.investor, '/api/v1/meeting-outcomes/summary'), 403, 'FORBIDDEN');

    // Audited and sent to scoring (the outbox rescoring of each recording organisation), in the same transaction.
    const audit = (await auditRows(ctx, requestId)).filter((r) => r.action === 'meeting_outcome.recorded');
    expect(audit.map((r) => [r.organisation_id, r.details.outcome, r.details.followUp])).toEqual([
      [w.fund.id, 'took_place', 'due_diligence'],
      [w.company.id, 'no_show', 'none'],
      [w.company.id, 'took_place', 'follow_up'],
    ]);
    const outbox = await ctx.dataSource.query(`SELECT organisation_id FROM outbox_events WHERE topic = 'meeting_outcome.recorded' ORDER BY id`);
    expect(outbox.map((r: { organisation_id: string }) => r.organisation_id)).toEqual([w.fund.id, w.company.id, w.company.id]);
  });

  it('refuses outcomes that cannot be, with a clear 4xx, writing nothing', async () => {
    const w = await world();
    const pending = await createRequest(() => ctx.http, w.investor, { toOrganisationId: w.company.id, area: VC });
    const acceptedId = await accepted(w.founder, w.centre.id, TT, w.tto);
    const put = (user: TestUser, id: string, body: object) => ctx.http.put(`/api/v1/meeting-requests/${id}/outcome`).set(...bearer(user)).send(body);

    expectError(await put(w.investor, pending.body.request.id, { outcome: 'took_place' }), 409, 'MEETING_NOT_ACCEPTED');
    expectError(await put(w.founder, acceptedId, { outcome: 'went_well' }), 400, 'VALIDATION_FAILED', 'outcome');
    expectError(await put(w.founder, acceptedId, {}), 400, 'VALIDATION_FAILED', 'outcome');
    expectError(await put(w.founder, acceptedId, { outcome: 'no_show', followUp: 'term_sheet' }), 400, 'VALIDATION_FAILED', 'followUp');
    expectError(await put(w.founder, acceptedId, { outcome: 'took_place', followUp: 'ipo' }), 400, 'VALIDATION_FAILED', 'followUp');
    expectError(await put(w.founder, acceptedId, { outcome: 'took_place', note: 'x'.repeat(2001) }), 400, 'VALIDATION_FAILED', 'note');
    // Not a party: as if it did not exist. Staff do not record for an organisation.
    expectError(await put(w.investor, acceptedId, { outcome: 'took_place' }), 404, 'NOT_FOUND');
    expectError(await put(w.founder, UNKNOWN_ID, { outcome: 'took_place' }), 404, 'NOT_FOUND');
    expectError(await put(w.founder, MALFORMED_ID, { outcome: 'took_place' }), 400, 'VALIDATION_FAILED', 'id');
    expectError(await put(w.staff, acceptedId, { outcome: 'took_place' }), 403, 'FORBIDDEN');
    expect(await ctx.dataSource.query(`SELECT * FROM meeting_outcomes`)).toEqual([]);
    expect((await auditRows(ctx)).filter((r) => r.action.startsWith('meeting_outcome'))).toEqual([]);
    expect(await ctx.dataSource.query(`SELECT * FROM outbox_events WHERE topic = 'meeting_outcome.recorded'`)).toEqual([]);
  });

  it('feeds a meeting that led somewhere back to scoring: it softens what the same fund declined', async () => {
    const worker = await startTestWorker();
    try {
      const investor = await ctx.newUser('investor');
      await ctx.newFund(investor, { ...FITTING_FUND, name: 'Navigli Cell Ventures', stages: ['pre_seed', 'seed'] });
      const founders: TestUser[] = [];
      const companies: string[] = [];
      for (const name of ['Pre One', 'Pre Two', 'Pre Three']) {
        const founder = await ctx.newUser('company');
        founders.push(founder);
        companies.push((await ctx.newCompany(founder, { ...FITTING_COMPANY, name, stage: 'pre_seed' })).id);
      }
      await scoringSettled(ctx, worker);
      const scoreOf = async (companyId: string) => (await matchesOf(ctx, investor, VC)).find((m: MatchItem) => m.counterpart.id === companyId)?.score as number;
      const matchOf = async (companyId: string) => (await matchesOf(ctx, investor, VC)).find((m: MatchItem) => m.counterpart.id === companyId) as MatchItem;
      const original = await scoreOf(companies[2]);

      ok(await ctx.http.post(`/api/v1/matches/${(await matchOf(companies[0])).id}/decline`).set(...bearer(investor)).send({ reason: 'stage' }));
      await scoringSettled(ctx, worker);
      const penalised = await scoreOf(companies[2]);
      expect(penalised).toBeLessThan(original);

      // The fund met the second pre-seed company, and it led to due diligence.
      const requestId = await accepted(investor, companies[1], VC, founders[1]);
      ok(await ctx.http.put(`/api/v1/meeting-requests/${requestId}/outcome`).set(...bearer(investor)).send({ outcome: 'took_place', followUp: 'due_diligence' }));
      await scoringSettled(ctx, worker);
      const softened = await scoreOf(companies[2]);
      expect(softened).toBeGreaterThan(penalised);
      expect(softened).toBeLessThan(original);
    } finally {
      await worker.close();
    }
  });

  // ─────────────────────────────────────────────── audit ───────────────────────────────────────────────

  it('lets staff read every decision, filtered and newest first; nobody else', async () => {
    const w = await world();
    const requestId = await accepted(w.investor, w.company.id, VC, w.founder);
    const res = await get(w.staff, `/api/v1/audit-events?subjectId=${requestId}`).expect(200);
    expect(res.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(res.body.items).toEqual([
      expect.objectContaining({
        action: 'meeting_request.accepted',
        subjectType: 'meeting_request',
        subjectId: requestId,
        actor: { userId: w.founder.id, email: w.founder.email },
        organisation: { id: w.company.id, name: 'Cellula Therapeutics' },
        at: expect.any(String),
      }),
      expect.objectContaining({ action: 'meeting_request.created', actor: { userId: w.investor.id, email: w.investor.email }, organisation: { id: w.fund.id, name: 'Navigli Cell Ventures' } }),
    ]);
    const byOrganisation = await get(w.staff, `/api/v1/audit-events?organisationId=${w.company.id}&action=meeting_request.accepted`).expect(200);
    expect(byOrganisation.body.items.map((e: { subjectId: string }) => e.subjectId)).toEqual([requestId]);
    expect((await get(w.staff, `/api/v1/audit-events?subjectType=match`).expect(200)).body.total).toBe(0);

    expectError(await get(w.staff, '/api/v1/audit-events?subjectId=nope'), 400, 'VALIDATION_FAILED', 'subjectId');
    expectError(await get(w.staff, '/api/v1/audit-events?subjectType=users'), 400, 'VALIDATION_FAILED', 'subjectType');
    expectError(await get(w.staff, '/api/v1/audit-events?action=DROP TABLE'), 400, 'VALIDATION_FAILED', 'action');
    for (const user of [w.founder, w.investor, w.tto]) expectError(await get(user, '/api/v1/audit-events'), 403, 'FORBIDDEN');
    expectError(await ctx.http.get('/api/v1/audit-events'), 401, 'UNAUTHENTICATED');
  });
});
