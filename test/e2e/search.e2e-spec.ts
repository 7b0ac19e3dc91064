import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName, SearchIndexingService } from '@hub/core';
import { bearer, TestContext, type TestUser } from '../support/test-app';
import { eventually, startTestWorker } from '../support/test-worker';

describe('search (api + outbox + worker + PostgreSQL index)', () => {
  let ctx: TestContext;
  let worker: INestApplication;
  let investor: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(async () => {
    await ctx.truncate();
    worker = await startTestWorker();
    investor = await ctx.newUser('investor');
  });
  afterEach(() => worker.close());
  afterAll(() => ctx.close());

  const search = (query: Record<string, string | number>) => ctx.http.get('/api/v1/search').query(query).set(...bearer(investor));
  const names = async (query: Record<string, string | number>) => {
    const res = await search(query).expect(200);
    return (res.body.hits as Array<{ name: string }>).map((h) => h.name);
  };
  const outboxSize = async () => Number((await ctx.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events`))[0].n);

  it('needs a signed-in user', async () => {
    const res = await ctx.http.get('/api/v1/search').query({ q: 'x' }).expect(401);
    expect(res.body.code).toBeDefined();
  });

  it.each([
    ['pageSize', { pageSize: 101 }],
    ['pageSize', { pageSize: 0 }],
    ['page', { page: 0 }],
    ['page', { page: 501 }],
    ['q', { q: 'x'.repeat(201) }],
    ['sectors', { sectors: 'medtech,no_such_sector' }],
    ['therapeuticAreas', { therapeuticAreas: 'oncologia' }],
    ['modalities', { modalities: 'CAR-T' }],
    ['stages', { stages: 'series_z' }],
    ['type', { type: 'person' }],
    ['country', { country: 'XX' }],
    ['trlMin', { trlMin: 0 }],
    ['trlMax', { trlMax: 10 }],
    ['trlMin', { trlMin: 7, trlMax: 3 }],
    ['trlMin', { trlMin: 'high' }],
  ])('rejects a bad %s with a 400 naming it', async (field, query) => {
    const res = await search(query).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('rejects parameters it does not know', async () => {
    const res = await search({ sector: 'medtech' }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('sector');
  });

  it('indexes a created profile, follows its edits and forgets it when deleted', async () => {
    const owner = await ctx.newUser('company');
    const created = await ctx.http
      .post('/api/v1/companies')
      .set(...bearer(owner))
      .send({ visibilityConsent: true, name: 'Battito Cardio', kind: 'startup', country: 'IT', pitch: 'Pacemaker leadless per pazienti fragili', therapeuticAreas: ['cardiology'] })
      .expect(201);
    await eventually(async () => expect(await names({ q: 'battito' })).toEqual(['Battito Cardio']));
    // Found through the Italian pitch, the English label of its tag, and a typo.
    expect(await names({ q: 'leadless' })).toEqual(['Battito Cardio']);
    expect(await names({ q: 'cardiology', type: 'company' })).toEqual(['Battito Cardio']);
    expect(await names({ q: 'pacemakr' })).toEqual(['Battito Cardio']);

    await ctx.http
      .patch(`/api/v1/companies/${created.body.id}`)
      .set(...bearer(owner))
      .send({ version: created.body.version, name: 'Ritmo Labs' })
      .expect(200);
    await eventually(async () => expect(await names({ q: 'ritmo' })).toEqual(['Ritmo Labs']));
    expect(await names({ q: 'battito' })).toEqual([]);

    await ctx.http.delete(`/api/v1/companies/${created.body.id}`).set(...bearer(owner)).expect(204);
    await eventually(async () => expect(await names({ q: 'ritmo' })).toEqual([]));
    expect(await outboxSize()).toBe(0);
  });

  it('answers with the documented shape: hits, facets, total, page, tookMs', async () => {
    await ctx.newFund(undefined, { name: 'Navigli Oncology Fund', thesis: 'Seed tickets for oncology start-ups', therapeuticAreas: ['oncology'], stages: ['seed'] });
    await ctx.newCompany(undefined, { name: 'Tumorscan', description: 'Liquid biopsy for early cancer detection', therapeuticAreas: ['oncology'], stage: 'seed', trl: 5 });
    const res = await eventually(async () => {
      const r = await search({ q: 'oncologia', stages: 'seed' }).expect(200);
      expect(r.body.total).toBe(2);
      return r;
    });
    expect(res.body).toEqual({
      hits: expect.any(Array),
      facets: expect.objectContaining({ type: { company: 1, fund: 1 }, stages: { seed: 2 }, therapeuticAreas: { oncology: 2 }, trl: { '5': 1 } }),
      facetsExact: true,
      totalExact: true,
      total: 2,
      page: 1,
      pageSize: 20,
      tookMs: expect.any(Number),
    });
    for (const hit of res.body.hits) {
      expect(hit).toEqual({
        type: expect.stringMatching(/^(company|fund)$/),
        id: expect.any(String),
        organisationId: expect.any(String),
        name: expect.any(String),
        snippet: expect.any(String),
        highlights: expect.any(Array),
      });
    }
  });

  it('never indexes confidential company fields', async () => {
    const owner = await ctx.newUser('company');
    await ctx.http
      .post('/api/v1/companies')
      .set(...bearer(owner))
      .send({ visibilityConsent: true, name: 'Segreta Bio', kind: 'startup', country: 'IT', technologyNeeds: 'zebrafishsecret screening platform', fundingSoughtEur: 4_200_000, ipStatus: 'filed' })
      .expect(201);
    await eventually(async () => expect(await names({ q: 'segreta' })).toEqual(['Segreta Bio']));
    expect(await names({ q: 'zebrafishsecret' })).toEqual([]);
    const [row] = await ctx.dataSource.query(`SELECT * FROM search_documents`);
    expect(JSON.stringify(row)).not.toMatch(/zebrafish|4200000|filed/);
    const terms = await ctx.dataSource.query(`SELECT term FROM search_terms WHERE term LIKE 'zebra%'`);
    expect(terms).toEqual([]);
  });

  it("removes a research centre's offers from the index when the centre is deleted", async () => {
    const tto = await ctx.newUser('research_centre');
    const centre = await ctx.newResearchCentre(tto, { name: 'Istituto Lombardo' });
    await ctx.newTechnologyOffer(centre.id, { title: 'Anticorpo bispecifico', trl: 4, therapeuticAreas: ['oncology'] });
    await eventually(async () => expect(await names({ q: 'bispecifico', type: 'technology_offer', trlMin: 3, trlMax: 5 })).toEqual(['Anticorpo bispecifico']));
    await ctx.http.delete(`/api/v1/research-centres/${centre.id}`).set(...bearer(tto)).expect(204);
    await eventually(async () => {
      const res = await search({}).expect(200);
      expect(res.body.total).toBe(0);
    });
  });

  it('indexes what a CSV import writes', async () => {
    const staff = await ctx.newUser('staff');
    // The hub records each organisation's consent in its import; a row without it is imported but not shown.
    const csv =
      'externalId,name,kind,country,description,visibilityConsent\n' +
      'x-1,Lario Genomics,startup,IT,Sequenziamento per malattie rare,true\n' +
      'x-2,Brera Devices,sme,IT,Stent riassorbibili,true\n' +
      'x-3,Navigli Hidden,sme,IT,Stent nascosti senza consenso,\n';
    await ctx.http.post('/api/v1/imports/companies').set(...bearer(staff)).attach('file', Buffer.from(csv), 'companies.csv').expect(200);
    await eventually(async () => expect(await names({ q: 'malattie rare' })).toEqual(['Lario Genomics']));
    expect(await names({ q: 'stent' })).toEqual(['Brera Devices']);
    const [hidden] = await ctx.dataSource.query(`SELECT o.visibility_consent_at, o.visibility_consent_by FROM companies c JOIN organisations o ON o.id = c.id WHERE c.name = 'Navigli Hidden'`);
    expect(hidden).toEqual({ visibility_consent_at: null, visibility_consent_by: null });
    const [shown] = await ctx.dataSource.query(`SELECT o.visibility_consent_by FROM companies c JOIN organisations o ON o.id = c.id WHERE c.name = 'Brera Devices'`);
    expect(shown.visibility_consent_by).toBe(staff.id);
  });

  it.each([`"quoted"`, '\\', '%', '_', `'; DROP TABLE companies; --`, 'SELECT * FROM users', '🧬🔬', 'a & b | !c'])('searches %s as text', async (q) => {
    await ctx.newCompany(undefined, { name: 'Sentinel' });
    const res = await search({ q }).expect(200);
    expect(res.body.total).toBe(0);
    expect(await ctx.dataSource.query(`SELECT count(*)::int AS n FROM companies`)).toEqual([{ n: 1 }]);
  });

  it('coalesces quick edits of one profile into one indexing job', async () => {
    await worker.close();
    const owner = await ctx.newUser('company');
    let company = (await ctx.http.post('/api/v1/companies').set(...bearer(owner)).send({ visibilityConsent: true, name: 'Edit 0', kind: 'startup', country: 'IT' }).expect(201)).body;
    for (let i = 1; i <= 9; i++) {
      company = (await ctx.http.patch(`/api/v1/companies/${company.id}`).set(...bearer(owner)).send({ version: company.version, name: `Edit ${i}` }).expect(200)).body;
    }
    expect(await outboxSize()).toBe(10);
    worker = await startTestWorker();
    await eventually(async () => expect(await names({ q: 'edit' })).toEqual(['Edit 9']));
    const queue = worker.get<Queue>(getQueueToken(QueueName.Search), { strict: false });
    const counts = await queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
    expect(counts).toEqual({ completed: 1, failed: 0, waiting: 0, active: 0, delayed: 0 });
  });

  it('makes a re-delivered indexing job harmless', async () => {
    const company = await ctx.newCompany(undefined, { name: 'Idempotente' });
    const indexing = worker.get(SearchIndexingService);
    await eventually(async () => expect(await names({ q: 'idempotente' })).toEqual(['Idempotente']));
    const [before] = await ctx.dataSource.query(`SELECT indexed_at, xmin::text AS xmin FROM search_documents WHERE id = $1`, [company.id]);
    expect(await indexing.sync('company', company.id)).toBe('indexed');
    const [after] = await ctx.dataSource.query(`SELECT indexed_at, xmin::text AS xmin FROM search_documents WHERE id = $1`, [company.id]);
    expect(after).toEqual(before);
    expect(await indexing.sync('fund', '00000000-0000-4000-8000-000000000000')).toBe('removed');
  });
});
