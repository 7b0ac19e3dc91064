import type { INestApplication } from '@nestjs/common';
import { bearer, TestContext, type TestUser } from '../support/test-app';
import { CAR_T_OFFER, FITTING_CENTRE, FITTING_COMPANY, FITTING_FUND, LICENSING_COMPANY, matchRecords, scoringSettled } from '../support/matching-fixtures';
import { startTestWorker } from '../support/test-worker';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/**
 * GDPR: a profile is shown to other organisations only with its organisation's explicit consent. Without it, it
 * is not searchable, not scored (no one's match), and to others it does not exist; its members and staff see it.
 */
describe('profile visibility consent', () => {
  let ctx: TestContext;
  let worker: INestApplication;
  let founder: TestUser;
  let investor: TestUser;
  let staff: TestUser;
  let companyId: string;
  let fundId: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx?.close());
  // A worker per test, started after the truncation: jobs another suite left in this Jest worker's Redis keys must
  // not be picked up and then cut off by the truncation.
  afterEach(() => worker?.close());
  beforeEach(async () => {
    await ctx.truncate();
    worker = await startTestWorker();
    founder = await ctx.newUser('company');
    investor = await ctx.newUser('investor');
    staff = await ctx.newUser('staff');
    // Created through the API without consent (the default): hidden.
    companyId = (await ctx.http.post('/api/v1/companies').set(...bearer(founder)).send({ name: 'Quiet Cells', ...FITTING_COMPANY }).expect(201)).body.id;
    founder.organisationId = companyId;
    fundId = (await ctx.http.post('/api/v1/funds').set(...bearer(investor)).send({ name: 'Open Ventures', visibilityConsent: true, ...FITTING_FUND }).expect(201)).body.id;
    investor.organisationId = fundId;
    await scoringSettled(ctx, worker);
  });

  const consent = (user: TestUser | null, id: string, body?: unknown) => {
    const req = ctx.http.put(`/api/v1/organisations/${id}/visibility-consent`);
    if (user) req.set(...bearer(user));
    return req.send(body as object);
  };
  const searchNames = async (user: TestUser, q: string) =>
    ((await ctx.http.get('/api/v1/search').query({ q }).set(...bearer(user)).expect(200)).body.hits as Array<{ name: string }>).map((i) => i.name);
  const indexedNames = async () => ((await ctx.dataSource.query(`SELECT name FROM search_documents ORDER BY name`)) as Array<{ name: string }>).map((r) => r.name);

  it('hides a profile created without consent from other organisations, and shows it to its members and staff', async () => {
    await ctx.http.get(`/api/v1/companies/${companyId}`).set(...bearer(founder)).expect(200);
    await ctx.http.get(`/api/v1/companies/${companyId}`).set(...bearer(staff)).expect(200);
    const asInvestor = await ctx.http.get(`/api/v1/companies/${companyId}`).set(...bearer(investor)).expect(404);
    expect(asInvestor.body).toMatchObject({ code: 'NOT_FOUND' });
    const listed = async (user: TestUser) =>
      ((await ctx.http.get('/api/v1/companies').set(...bearer(user)).expect(200)).body.items as Array<{ id: string }>).map((c) => c.id);
    expect(await listed(investor)).toEqual([]);
    expect(await listed(founder)).toEqual([companyId]);
    expect(await listed(staff)).toEqual([companyId]);
    // Neither indexed nor scored; the fund, which consented, is indexed.
    expect(await indexedNames()).toEqual(['Open Ventures']);
    expect(await searchNames(investor, 'CAR-T')).not.toContain('Quiet Cells');
    expect(await matchRecords(ctx)).toEqual([]);
    // Nobody can ask it for a meeting, and it cannot ask anyone without showing itself first.
    const toHidden = await ctx.http.post('/api/v1/meeting-requests').set(...bearer(investor)).send({ toOrganisationId: companyId, area: 'venture_capital' }).expect(404);
    expect(toHidden.body.code).toBe('NOT_FOUND');
    const fromHidden = await ctx.http.post('/api/v1/meeting-requests').set(...bearer(founder)).send({ toOrganisationId: fundId, area: 'venture_capital' }).expect(403);
    expect(fromHidden.body.message).toContain('visibility-consent');
    expect(await ctx.dataSource.query(`SELECT id FROM meeting_requests`)).toEqual([]);

    const state = await ctx.http.get(`/api/v1/organisations/${companyId}/visibility-consent`).set(...bearer(founder)).expect(200);
    expect(state.body).toEqual({ organisationId: companyId, visible: false, consentedAt: null, consentedBy: null });
  });

  it('giving consent indexes and scores the profile; withdrawing it removes both, and each change is audited', async () => {
    const given = await consent(founder, companyId, { consent: true }).expect(200);
    expect(given.body).toEqual({ organisationId: companyId, visible: true, consentedAt: expect.any(String), consentedBy: founder.id });
    await scoringSettled(ctx, worker);
    expect(await indexedNames()).toEqual(['Open Ventures', 'Quiet Cells']);
    expect(await searchNames(investor, 'CAR-T')).toContain('Quiet Cells');
    expect((await matchRecords(ctx)).map((m) => [m.company_id, m.fund_id])).toEqual([[companyId, fundId]]);
    await ctx.http.get(`/api/v1/companies/${companyId}`).set(...bearer(investor)).expect(200);

    // Repeating it changes nothing (who consented and when stay as they were).
    const again = await consent(founder, companyId, { consent: true }).expect(200);
    expect(again.body).toEqual(given.body);

    await consent(founder, companyId, { consent: false }).expect(200);
    await scoringSettled(ctx, worker);
    expect(await indexedNames()).toEqual(['Open Ventures']);
    expect(await matchRecords(ctx)).toEqual([]);
    await ctx.http.get(`/api/v1/companies/${companyId}`).set(...bearer(investor)).expect(404);

    const audit = await ctx.dataSource.query(`SELECT action, actor_user_id, organisation_id, subject_type FROM audit_events ORDER BY id`);
    expect(audit).toEqual([
      { action: 'organisation.visibility_consent_given', actor_user_id: founder.id, organisation_id: companyId, subject_type: 'organisation' },
      { action: 'organisation.visibility_consent_withdrawn', actor_user_id: founder.id, organisation_id: companyId, subject_type: 'organisation' },
    ]);
  });

  it("a research centre's consent carries its technology offers: indexed and matched with it, gone with it", async () => {
    const tto = await ctx.newUser('research_centre');
    const centre = (await ctx.http.post('/api/v1/research-centres').set(...bearer(tto)).send({ name: 'Quiet Institute', ...FITTING_CENTRE }).expect(201)).body;
    tto.organisationId = centre.id;
    await ctx.http.post(`/api/v1/research-centres/${centre.id}/technology-offers`).set(...bearer(tto)).send({ title: 'Hidden CAR-T', ...CAR_T_OFFER }).expect(201);
    const licensee = await ctx.newUser('company');
    await ctx.newCompany(licensee, { name: 'Licensee', ...LICENSING_COMPANY });
    await scoringSettled(ctx, worker);
    expect(await indexedNames()).not.toContain('Hidden CAR-T');
    expect((await matchRecords(ctx)).filter((m) => m.area === 'tech_transfer')).toEqual([]);
    await ctx.http.get(`/api/v1/research-centres/${centre.id}/technology-offers`).set(...bearer(licensee)).expect(404);

    await consent(staff, centre.id, { consent: true }).expect(200);
    await scoringSettled(ctx, worker);
    expect(await indexedNames()).toEqual(expect.arrayContaining(['Hidden CAR-T', 'Quiet Institute']));
    expect((await matchRecords(ctx)).filter((m) => m.area === 'tech_transfer').map((m) => m.research_centre_id)).toEqual([centre.id]);
    await ctx.http.get(`/api/v1/research-centres/${centre.id}/technology-offers`).set(...bearer(licensee)).expect(200);
  });

  it('only members and staff read or change consent: a matrix of callers and targets', async () => {
    const outsider = await ctx.newUser('investor');
    const cases: Array<[string, TestUser | null, string, unknown, number, string?]> = [
      ['anonymous', null, companyId, { consent: true }, 401],
      ['another organisation', investor, companyId, { consent: true }, 403],
      ['a user without organisation', outsider, companyId, { consent: true }, 403],
      ['an unknown organisation', staff, UNKNOWN, { consent: true }, 404],
      ['a malformed id', staff, 'not-a-uuid', { consent: true }, 400, 'id'],
      ['a missing consent', founder, companyId, {}, 400, 'consent'],
      ['a non-boolean consent', founder, companyId, { consent: 'yes' }, 400, 'consent'],
      ['an unknown field', founder, companyId, { consent: true, forever: true }, 400, 'forever'],
    ];
    for (const [label, user, id, body, status, field] of cases) {
      const res = await consent(user, id, body);
      expect({ label, status: res.status }).toEqual({ label, status });
      if (field) expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      const read = ctx.http.get(`/api/v1/organisations/${id}/visibility-consent`);
      if (user) read.set(...bearer(user));
      const readStatus = (await read).status;
      expect({ label, read: readStatus }).toEqual({ label, read: status === 400 && field !== 'id' ? 200 : status });
    }
    // Nothing changed by any refusal.
    const [org] = await ctx.dataSource.query(`SELECT visibility_consent_at FROM organisations WHERE id = $1`, [companyId]);
    expect(org.visibility_consent_at).toBeNull();
    expect(await ctx.dataSource.query(`SELECT id FROM audit_events`)).toEqual([]);
    // Controls: the member and staff may.
    await consent(founder, companyId, { consent: true }).expect(200);
    await consent(staff, companyId, { consent: false }).expect(200);
    await ctx.http.get(`/api/v1/organisations/${fundId}/visibility-consent`).set(...bearer(staff)).expect(200);
  });

  it('the GDPR export shows the consent and who gave it', async () => {
    await consent(founder, companyId, { consent: true }).expect(200);
    const exported = await ctx.http.get('/api/v1/me/export').set(...bearer(founder)).expect(200);
    expect(exported.body.organisation.visibilityConsent).toEqual({ consentedAt: expect.any(String), consentedBy: founder.id });
  });
});
