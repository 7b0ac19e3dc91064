import { TestContext, bearer, type TestUser } from '../support/test-app';

const fullCompany = {
  name: 'Cardiolux Devices',
  kind: 'startup',
  website: 'https://cardiolux.example',
  country: 'IT',
  region: 'Lombardia',
  city: 'Milano',
  foundedYear: 2021,
  employees: 12,
  pitch: 'Implantable sensor for heart-failure monitoring',
  description: 'Un sensore impiantabile per lo scompenso cardiaco.',
  sectors: ['medtech'],
  therapeuticAreas: ['cardiology'],
  modalities: ['implantable_device', 'software_ai'],
  stage: 'seed',
  trl: 5,
  fundingSoughtEur: 2_500_000,
  ipStatus: 'filed',
  lookingFor: ['investment', 'rd_partnership'],
  technologyNeeds: 'biocompatible coatings',
};

describe('companies', () => {
  let ctx: TestContext;
  let founder: TestUser;
  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(async () => {
    await ctx.truncate();
    founder = await ctx.newUser('company');
  });
  afterAll(() => ctx.close());

  it('creates a profile whose creator becomes a member, and returns every field', async () => {
    const res = await ctx.http.post('/api/v1/companies').set(...bearer(founder)).send({ ...fullCompany, visibilityConsent: true }).expect(201);
    expect(res.body).toMatchObject({ ...fullCompany, type: 'company', version: 1 });
    const me = await ctx.http.get('/api/v1/auth/me').set(...bearer(founder)).expect(200);
    expect(me.body.organisationId).toBe(res.body.id);
    const [org] = await ctx.dataSource.query(`SELECT type FROM organisations WHERE id = $1`, [res.body.id]);
    expect(org.type).toBe('company');
  });

  it('shows confidential fields to members and staff only', async () => {
    const { body: company } = await ctx.http.post('/api/v1/companies').set(...bearer(founder)).send({ ...fullCompany, visibilityConsent: true }).expect(201);
    const investor = await ctx.newUser('investor');
    const staff = await ctx.newUser('staff');
    const asOwner = await ctx.http.get(`/api/v1/companies/${company.id}`).set(...bearer(founder)).expect(200);
    const asStaff = await ctx.http.get(`/api/v1/companies/${company.id}`).set(...bearer(staff)).expect(200);
    const asInvestor = await ctx.http.get(`/api/v1/companies/${company.id}`).set(...bearer(investor)).expect(200);
    for (const body of [asOwner.body, asStaff.body]) expect(body).toMatchObject({ fundingSoughtEur: 2_500_000, ipStatus: 'filed', technologyNeeds: 'biocompatible coatings' });
    expect(asInvestor.body).toMatchObject({ name: fullCompany.name, pitch: fullCompany.pitch });
    for (const field of ['fundingSoughtEur', 'ipStatus', 'technologyNeeds']) expect(asInvestor.body).not.toHaveProperty(field);
    const list = await ctx.http.get('/api/v1/companies').set(...bearer(investor)).expect(200);
    expect(list.body.items[0]).not.toHaveProperty('fundingSoughtEur');
  });

  it('patches with the version read, and answers a stale version with 409 without writing', async () => {
    const { body: company } = await ctx.http.post('/api/v1/companies').set(...bearer(founder)).send({ ...fullCompany, visibilityConsent: true }).expect(201);
    const first = await ctx.http.patch(`/api/v1/companies/${company.id}`).set(...bearer(founder)).send({ version: 1, trl: 6, pitch: null }).expect(200);
    expect(first.body).toMatchObject({ version: 2, trl: 6, pitch: null, stage: 'seed' });
    const stale = await ctx.http.patch(`/api/v1/companies/${company.id}`).set(...bearer(founder)).send({ version: 1, trl: 9 }).expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect(stale.body.message).toContain('current version is 2');
    const now = await ctx.http.get(`/api/v1/companies/${company.id}`).set(...bearer(founder)).expect(200);
    expect(now.body).toMatchObject({ version: 2, trl: 6 });
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    const company = await ctx.newCompany(founder);
    const results = await Promise.all(
      [7, 8].map((trl) => ctx.http.patch(`/api/v1/companies/${company.id}`).set(...bearer(founder)).send({ version: 1, trl })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const [row] = await ctx.dataSource.query(`SELECT version, trl FROM companies WHERE id = $1`, [company.id]);
    expect(row.version).toBe(2);
    expect(row.trl).toBe(results.find((r) => r.status === 200)?.body.trl);
  });

  it('requires the version on PATCH and refuses to null a required field', async () => {
    const company = await ctx.newCompany(founder);
    const noVersion = await ctx.http.patch(`/api/v1/companies/${company.id}`).set(...bearer(founder)).send({ trl: 3 }).expect(400);
    expect(noVersion.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'version' })]));
    const nullName = await ctx.http.patch(`/api/v1/companies/${company.id}`).set(...bearer(founder)).send({ version: 1, name: null }).expect(400);
    expect(nullName.body.errors).toEqual([expect.objectContaining({ field: 'name', rule: 'required' })]);
  });

  it.each([
    [{ trl: 0 }, 'trl', 'min'],
    [{ trl: 10 }, 'trl', 'max'],
    [{ trl: '5' }, 'trl', 'isInt'],
    [{ fundingSoughtEur: -1 }, 'fundingSoughtEur', 'min'],
    [{ fundingSoughtEur: 1e15 }, 'fundingSoughtEur', 'max'],
    [{ pitch: 'x'.repeat(281) }, 'pitch', 'maxLength'],
    [{ sectors: ['medtech', 'space_mining'] }, 'sectors', 'taxonomyCode'],
    [{ modalities: 'car_t' }, 'modalities', 'isArray'],
    [{ modalities: ['car_t', 'car_t'] }, 'modalities', 'arrayUnique'],
    [{ country: 'ITA' }, 'country', 'isoCountry'],
    [{ country: 'it' }, 'country', 'isoCountry'],
    [{ stage: 'ipo' }, 'stage', 'isIn'],
    [{ kind: 'unicorn' }, 'kind', 'isIn'],
    [{ ipStatus: 'pending' }, 'ipStatus', 'isIn'],
    [{ lookingFor: ['money'] }, 'lookingFor', 'isIn'],
    [{ website: 'javascript:alert(1)' }, 'website', 'isUrl'],
    [{ foundedYear: 3000 }, 'foundedYear', 'max'],
    [{ employees: 1.5 }, 'employees', 'isInt'],
    [{ name: '' }, 'name', 'isLength'],
    [{ secretField: 1 }, 'secretField', 'unknownField'],
    [{ id: '00000000-0000-0000-0000-000000000000' }, 'id', 'unknownField'],
  ])('rejects %j with 400 naming %s (%s) and writes nothing', async (patch, field, rule) => {
    const res = await ctx.http.post('/api/v1/companies').set(...bearer(founder)).send({ visibilityConsent: true, ...fullCompany, ...patch }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(res.body.message).toContain(field);
    const [{ count }] = await ctx.dataSource.query(`SELECT (SELECT count(*) FROM companies) + (SELECT count(*) FROM organisations) AS count`);
    expect(Number(count)).toBe(0);
  });

  it('names the unknown taxonomy code in the message', async () => {
    const res = await ctx.http.post('/api/v1/companies').set(...bearer(founder)).send({ visibilityConsent: true, ...fullCompany, therapeuticAreas: ['oncology', 'astrology'] }).expect(400);
    expect(res.body.errors[0].message).toContain('"astrology"');
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const bad = await ctx.http.post('/api/v1/companies').set(...bearer(founder)).set('content-type', 'application/json').send('{"name": "x",').expect(400);
    expect(bad.body.code).toBe('MALFORMED_JSON');
    const huge = await ctx.http.post('/api/v1/companies').set(...bearer(founder)).send({ visibilityConsent: true, ...fullCompany, description: 'x'.repeat(2 * 1024 * 1024) }).expect(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown ids with 404 and malformed ids with 400', async () => {
    const missing = '7d3c9a52-1111-4b6e-9d6c-2b9e6f0c1a11';
    for (const method of ['get', 'delete'] as const) {
      const res = await ctx.http[method](`/api/v1/companies/${missing}`).set(...bearer(founder)).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    await ctx.http.patch(`/api/v1/companies/${missing}`).set(...bearer(founder)).send({ version: 1 }).expect(404);
    const malformed = await ctx.http.get(`/api/v1/companies/1%27%20OR%201=1`).set(...bearer(founder)).expect(400);
    expect(malformed.body.errors[0]).toMatchObject({ field: 'id', rule: 'isUuid' });
  });

  it("forbids changing another organisation's profile (403) and leaves it as it was", async () => {
    const other = await ctx.newCompany(undefined, { name: 'Other Co' });
    await ctx.newCompany(founder);
    const res = await ctx.http.patch(`/api/v1/companies/${other.id}`).set(...bearer(founder)).send({ version: 1, name: 'Hijacked' }).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    await ctx.http.delete(`/api/v1/companies/${other.id}`).set(...bearer(founder)).expect(403);
    const [row] = await ctx.dataSource.query(`SELECT name, version FROM companies WHERE id = $1`, [other.id]);
    expect(row).toEqual({ name: 'Other Co', version: 1 });
  });

  it('allows one organisation per account and only of the role\'s type', async () => {
    await ctx.newCompany(founder);
    const second = await ctx.http.post('/api/v1/companies').set(...bearer(founder)).send({ ...fullCompany, visibilityConsent: true }).expect(409);
    expect(second.body.code).toBe('ALREADY_HAS_ORGANISATION');
    const investor = await ctx.newUser('investor');
    const wrongType = await ctx.http.post('/api/v1/companies').set(...bearer(investor)).send({ ...fullCompany, visibilityConsent: true }).expect(403);
    expect(wrongType.body.message).toContain('investor');
  });

  it('gives an account one organisation even when it sends several creates at once', async () => {
    const responses = await Promise.all(Array.from({ length: 5 }, () => ctx.http.post('/api/v1/companies').set(...bearer(founder)).send({ ...fullCompany, visibilityConsent: true })));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of responses.filter((r) => r.status === 409)) expect(r.body.code).toBe('ALREADY_HAS_ORGANISATION');
    const [counts] = await ctx.dataSource.query(
      `SELECT (SELECT count(*) FROM companies)::int AS companies, (SELECT count(*) FROM organisations)::int AS organisations,
              (SELECT count(*) FROM memberships WHERE user_id = $1)::int AS memberships`,
      [founder.id],
    );
    expect(counts).toEqual({ companies: 1, organisations: 1, memberships: 1 });
  });

  it('lets staff create, edit and delete any company, and deletes its memberships with it', async () => {
    const staff = await ctx.newUser('staff');
    const company = await ctx.newCompany(founder);
    await ctx.http.patch(`/api/v1/companies/${company.id}`).set(...bearer(staff)).send({ version: 1, stage: 'series_a' }).expect(200);
    await ctx.http.delete(`/api/v1/companies/${company.id}`).set(...bearer(staff)).expect(204);
    await ctx.http.get(`/api/v1/companies/${company.id}`).set(...bearer(staff)).expect(404);
    const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM memberships WHERE organisation_id = $1`, [company.id]);
    expect(count).toBe(0);
    const me = await ctx.http.get('/api/v1/auth/me').set(...bearer(founder)).expect(200);
    expect(me.body.organisationId).toBeNull();
  });

  it('lists with pagination and filters that understand the taxonomy hierarchy', async () => {
    await ctx.newCompany(undefined, { name: 'Alpha CAR-T', modalities: ['car_t'], therapeuticAreas: ['haematology'], stage: 'seed' });
    await ctx.newCompany(undefined, { name: 'Beta Stem', modalities: ['stem_cell_therapy'], stage: 'series_a', country: 'CH' });
    await ctx.newCompany(undefined, { name: 'Gamma Devices', modalities: ['medical_device'], kind: 'sme' });
    await ctx.newCompany(undefined, { name: '100% pure_test', modalities: ['rna'] });

    const cell = await ctx.http.get('/api/v1/companies?modality=cell_therapy').set(...bearer(founder)).expect(200);
    expect(cell.body.items.map((c: { name: string }) => c.name)).toEqual(['Alpha CAR-T', 'Beta Stem']);
    const onco = await ctx.http.get('/api/v1/companies?therapeuticArea=oncology').set(...bearer(founder)).expect(200);
    expect(onco.body.items.map((c: { name: string }) => c.name)).toEqual(['Alpha CAR-T']);
    const swiss = await ctx.http.get('/api/v1/companies?country=CH&stage=series_a').set(...bearer(founder)).expect(200);
    expect(swiss.body).toMatchObject({ total: 1, items: [expect.objectContaining({ name: 'Beta Stem' })] });
    const sme = await ctx.http.get('/api/v1/companies?kind=sme').set(...bearer(founder)).expect(200);
    expect(sme.body.total).toBe(1);
    const percent = await ctx.http.get(`/api/v1/companies?q=${encodeURIComponent('0%')}`).set(...bearer(founder)).expect(200);
    expect(percent.body.items.map((c: { name: string }) => c.name)).toEqual(['100% pure_test']);
    const underscore = await ctx.http.get(`/api/v1/companies?q=${encodeURIComponent('e_t')}`).set(...bearer(founder)).expect(200);
    expect(underscore.body.total).toBe(1);

    const page1 = await ctx.http.get('/api/v1/companies?pageSize=3&page=1').set(...bearer(founder)).expect(200);
    const page2 = await ctx.http.get('/api/v1/companies?pageSize=3&page=2').set(...bearer(founder)).expect(200);
    expect(page1.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(page1.body.items).toHaveLength(3);
    expect(page2.body.items).toHaveLength(1);
  });

  it.each([
    ['pageSize=101', 'pageSize'],
    ['pageSize=0', 'pageSize'],
    ['page=-1', 'page'],
    ['page=abc', 'page'],
    ['modality=warp_drive', 'modality'],
    ['stage=ipo', 'stage'],
    ['country=Italy', 'country'],
    ['unknown=1', 'unknown'],
  ])('rejects the list query %s with 400 naming %s', async (query, field) => {
    const res = await ctx.http.get(`/api/v1/companies?${query}`).set(...bearer(founder)).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});
