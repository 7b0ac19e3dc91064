import { TestContext, bearer, type TestUser } from '../support/test-app';

const centre = {
  name: 'Istituto di Ricerca Esempio',
  kind: 'irccs',
  country: 'IT',
  region: 'Lombardia',
  city: 'Milano',
  description: 'IRCCS per le neuroscienze',
  sectors: ['biotech'],
  therapeuticAreas: ['neurology'],
  modalities: ['gene_therapy', 'genomics'],
};

const offer = {
  title: 'AAV vector for motor-neuron targeting',
  description: 'Capsid with improved CNS tropism.',
  sectors: ['biotech'],
  therapeuticAreas: ['neurodegenerative_diseases'],
  modalities: ['gene_therapy'],
  trl: 4,
  ipStatus: 'granted',
  collaborationTypes: ['licensing', 'co_development'],
};

describe('research centres and their technology offers', () => {
  let ctx: TestContext;
  let tto: TestUser;
  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(async () => {
    await ctx.truncate();
    tto = await ctx.newUser('research_centre');
  });
  afterAll(() => ctx.close());

  it('creates a centre and manages its offers', async () => {
    const { body: rc } = await ctx.http.post('/api/v1/research-centres').set(...bearer(tto)).send({ ...centre, visibilityConsent: true }).expect(201);
    expect(rc).toMatchObject({ ...centre, type: 'research_centre', version: 1 });
    const { body: created } = await ctx.http.post(`/api/v1/research-centres/${rc.id}/technology-offers`).set(...bearer(tto)).send(offer).expect(201);
    expect(created).toMatchObject({ ...offer, researchCentreId: rc.id, version: 1, type: 'technology_offer' });

    const company = await ctx.newUser('company');
    const list = await ctx.http.get(`/api/v1/research-centres/${rc.id}/technology-offers`).set(...bearer(company)).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: created.id })] });
    await ctx.http.get(`/api/v1/research-centres/${rc.id}/technology-offers/${created.id}`).set(...bearer(company)).expect(200);

    const patched = await ctx.http.patch(`/api/v1/research-centres/${rc.id}/technology-offers/${created.id}`).set(...bearer(tto)).send({ version: 1, trl: 5 }).expect(200);
    expect(patched.body).toMatchObject({ trl: 5, version: 2 });
    await ctx.http.patch(`/api/v1/research-centres/${rc.id}/technology-offers/${created.id}`).set(...bearer(tto)).send({ version: 1, trl: 6 }).expect(409);

    await ctx.http.delete(`/api/v1/research-centres/${rc.id}/technology-offers/${created.id}`).set(...bearer(tto)).expect(204);
    await ctx.http.get(`/api/v1/research-centres/${rc.id}/technology-offers/${created.id}`).set(...bearer(tto)).expect(404);
  });

  it('deleting a centre removes its offers', async () => {
    const rc = await ctx.newResearchCentre(tto);
    await ctx.newTechnologyOffer(rc.id);
    await ctx.http.delete(`/api/v1/research-centres/${rc.id}`).set(...bearer(tto)).expect(204);
    const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM technology_offers`);
    expect(count).toBe(0);
  });

  it("does not let another centre or a company add or change a centre's offers", async () => {
    const rc = await ctx.newResearchCentre(tto);
    const o = await ctx.newTechnologyOffer(rc.id);
    const otherTto = await ctx.newUser('research_centre');
    await ctx.newResearchCentre(otherTto);
    const company = await ctx.newUser('company');
    for (const user of [otherTto, company]) {
      await ctx.http.post(`/api/v1/research-centres/${rc.id}/technology-offers`).set(...bearer(user)).send(offer).expect(403);
      await ctx.http.patch(`/api/v1/research-centres/${rc.id}/technology-offers/${o.id}`).set(...bearer(user)).send({ version: 1, trl: 9 }).expect(403);
      await ctx.http.delete(`/api/v1/research-centres/${rc.id}/technology-offers/${o.id}`).set(...bearer(user)).expect(403);
    }
    const [row] = await ctx.dataSource.query(`SELECT count(*)::int AS count, max(version) AS version FROM technology_offers`);
    expect(row).toEqual({ count: 1, version: 1 });
  });

  it("answers an offer looked up under another centre's id with 404", async () => {
    const rc = await ctx.newResearchCentre(tto);
    const other = await ctx.newResearchCentre();
    const o = await ctx.newTechnologyOffer(rc.id);
    await ctx.http.get(`/api/v1/research-centres/${other.id}/technology-offers/${o.id}`).set(...bearer(tto)).expect(404);
  });

  it.each([
    [{ trl: 0 }, 'trl', 'min'],
    [{ collaborationTypes: ['merger'] }, 'collaborationTypes', 'isIn'],
    [{ modalities: ['teleportation'] }, 'modalities', 'taxonomyCode'],
    [{ title: '' }, 'title', 'isLength'],
  ])('rejects offer %j naming %s', async (patch, field, rule) => {
    const rc = await ctx.newResearchCentre(tto);
    const res = await ctx.http.post(`/api/v1/research-centres/${rc.id}/technology-offers`).set(...bearer(tto)).send({ ...offer, ...patch }).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  });

  it('rejects an unknown centre kind and filters by kind', async () => {
    const bad = await ctx.http.post('/api/v1/research-centres').set(...bearer(tto)).send({ visibilityConsent: true, ...centre, kind: 'lab' }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'kind', rule: 'isIn' });
    await ctx.newResearchCentre(undefined, { name: 'Uni', kind: 'university' });
    await ctx.newResearchCentre(undefined, { name: 'Irccs', kind: 'irccs' });
    const res = await ctx.http.get('/api/v1/research-centres?kind=university').set(...bearer(tto)).expect(200);
    expect(res.body.items.map((r: { name: string }) => r.name)).toEqual(['Uni']);
  });

  it('serves the taxonomy publicly with Italian and English labels', async () => {
    const res = await ctx.http.get('/api/v1/taxonomy').expect(200);
    expect(res.body.version).toEqual(expect.any(String));
    const carT = res.body.modalities.find((t: { code: string }) => t.code === 'car_t');
    expect(carT).toMatchObject({ parent: 'cell_therapy', labels: { en: 'CAR-T', it: 'CAR-T' } });
    const cardio = res.body.therapeuticAreas.find((t: { code: string }) => t.code === 'cardiology');
    expect(cardio.labels).toEqual({ en: 'Cardiology', it: 'Cardiologia' });
  });
});
