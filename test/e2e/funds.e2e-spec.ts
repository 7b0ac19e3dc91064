import { TestContext, bearer, type TestUser } from '../support/test-app';

const fund = {
  name: 'Navigli Bio Ventures',
  manager: 'Navigli Capital SGR',
  website: 'https://navigli.example',
  country: 'IT',
  thesis: 'Series A oncology and cell therapy in southern Europe.',
  stages: ['seed', 'series_a'],
  ticketMinEur: 500_000,
  ticketMaxEur: 5_000_000,
  fundSizeEur: 120_000_000,
  sectors: ['biotech'],
  therapeuticAreas: ['oncology'],
  modalities: ['cell_therapy'],
  geographies: ['IT', 'EU'],
  leadInvestor: true,
  active: true,
};

describe('funds', () => {
  let ctx: TestContext;
  let investor: TestUser;
  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(async () => {
    await ctx.truncate();
    investor = await ctx.newUser('investor');
  });
  afterAll(() => ctx.close());

  it('creates, reads, patches and deletes a fund', async () => {
    const created = await ctx.http.post('/api/v1/funds').set(...bearer(investor)).send({ ...fund, visibilityConsent: true }).expect(201);
    expect(created.body).toMatchObject({ ...fund, type: 'fund', version: 1 });
    const company = await ctx.newUser('company');
    const read = await ctx.http.get(`/api/v1/funds/${created.body.id}`).set(...bearer(company)).expect(200);
    expect(read.body.thesis).toBe(fund.thesis);
    const patched = await ctx.http.patch(`/api/v1/funds/${created.body.id}`).set(...bearer(investor)).send({ version: 1, active: false, geographies: ['WORLD'] }).expect(200);
    expect(patched.body).toMatchObject({ active: false, geographies: ['WORLD'], version: 2 });
    await ctx.http.delete(`/api/v1/funds/${created.body.id}`).set(...bearer(investor)).expect(204);
    await ctx.http.get(`/api/v1/funds/${created.body.id}`).set(...bearer(investor)).expect(404);
  });

  it('rejects ticketMin above ticketMax, on create and against the stored bound on PATCH', async () => {
    const bad = await ctx.http.post('/api/v1/funds').set(...bearer(investor)).send({ visibilityConsent: true, ...fund, ticketMinEur: 6_000_000 }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'ticketMinEur', rule: 'lteTicketMax' })]);
    const { body: created } = await ctx.http.post('/api/v1/funds').set(...bearer(investor)).send({ ...fund, visibilityConsent: true }).expect(201);
    const patch = await ctx.http.patch(`/api/v1/funds/${created.id}`).set(...bearer(investor)).send({ version: 1, ticketMaxEur: 100_000 }).expect(400);
    expect(patch.body.errors).toEqual([expect.objectContaining({ field: 'ticketMinEur', rule: 'lteTicketMax' })]);
    const [row] = await ctx.dataSource.query(`SELECT ticket_max_eur::float8 AS max, version FROM funds WHERE id = $1`, [created.id]);
    expect(row).toEqual({ max: 5_000_000, version: 1 });
  });

  it.each([
    [{ ticketMinEur: -5 }, 'ticketMinEur', 'min'],
    [{ fundSizeEur: 1_000_000 }, 'ticketMaxEur', 'lteFundSize'],
    [{ geographies: ['IT', 'Mars'] }, 'geographies', 'geography'],
    [{ stages: ['series_z'] }, 'stages', 'isIn'],
    [{ leadInvestor: 'yes' }, 'leadInvestor', 'isBoolean'],
    [{ country: 'EU' }, 'country', 'isoCountry'],
    [{ thesis: 42 }, 'thesis', 'isString'],
  ])('rejects %j naming %s', async (patch, field, rule) => {
    const res = await ctx.http.post('/api/v1/funds').set(...bearer(investor)).send({ visibilityConsent: true, ...fund, ...patch }).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM funds`);
    expect(count).toBe(0);
  });

  it('filters by stage invested in and by active', async () => {
    await ctx.newFund(undefined, { name: 'Seedy', stages: ['pre_seed', 'seed'] });
    await ctx.newFund(undefined, { name: 'Growthy', stages: ['growth'], active: false });
    const seed = await ctx.http.get('/api/v1/funds?stage=seed').set(...bearer(investor)).expect(200);
    expect(seed.body.items.map((f: { name: string }) => f.name)).toEqual(['Seedy']);
    const inactive = await ctx.http.get('/api/v1/funds?active=false').set(...bearer(investor)).expect(200);
    expect(inactive.body.items.map((f: { name: string }) => f.name)).toEqual(['Growthy']);
  });
});
