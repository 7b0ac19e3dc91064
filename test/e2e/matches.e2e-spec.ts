import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { JobName, MatchingService, QueueName, type EnvData } from '@hub/core';
import { TT_FACTORS, VC_FACTORS, type FactorDefinition } from '@hub/domain';
import { bearer, TestContext, type TestUser } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import {
  CAR_T_OFFER,
  CONFIDENTIAL_FIELDS,
  FITTING_CENTRE,
  FITTING_COMPANY,
  FITTING_FUND,
  LICENSING_COMPANY,
  listMatches,
  matchesOf,
  matchRecords,
  rescoreCompleted,
  scoringSettled,
  type MatchItem,
} from '../support/matching-fixtures';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('matches (api + outbox + worker scoring)', () => {
  let ctx: TestContext;
  let worker: INestApplication | null = null;
  let staff: TestUser;

  const startWorker = async (overrides: Partial<EnvData> = {}) => (worker = await startTestWorker(overrides));
  const stopWorker = async () => {
    const running = worker;
    worker = null;
    await running?.close();
  };
  const runningWorker = (): INestApplication => {
    if (!worker) throw new Error('the test worker is not running');
    return worker;
  };
  const settled = () => scoringSettled(ctx, runningWorker());

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(async () => {
    await ctx.truncate();
    await startWorker();
    staff = await ctx.newUser('staff');
  });
  afterEach(() => stopWorker());
  afterAll(() => ctx.close());

  // ─────────────────────────────────────────────── helpers ───────────────────────────────────────────────

  /** Creates a profile through the API as its future member (who then belongs to it). */
  async function create(owner: TestUser, path: string, body: object): Promise<{ id: string; version: number; name: string }> {
    const res = await ctx.http.post(path).set(...bearer(owner)).send({ visibilityConsent: true, ...body });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    owner.organisationId = res.body.id;
    owner.principal.organisationId = res.body.id;
    return res.body;
  }
  const createCompany = (owner: TestUser, body: object) => create(owner, '/api/v1/companies', body);
  const createFund = (owner: TestUser, body: object) => create(owner, '/api/v1/funds', body);
  const createCentre = (owner: TestUser, body: object) => create(owner, '/api/v1/research-centres', body);

  /** PATCHes a profile with the version it holds now; returns the new body. */
  async function patch(user: TestUser, path: string, changes: object): Promise<{ id: string; version: number }> {
    const current = await ctx.http.get(path).set(...bearer(user)).expect(200);
    const res = await ctx.http.patch(path).set(...bearer(user)).send({ version: current.body.version, ...changes });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
    return res.body;
  }

  /** Every object key anywhere in a JSON body. */
  function keysOf(value: unknown, into = new Set<string>()): Set<string> {
    if (Array.isArray(value)) value.forEach((v) => keysOf(v, into));
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        into.add(key);
        keysOf(v, into);
      }
    }
    return into;
  }

  /** Nothing of a company's confidential fields: neither their names nor their values. */
  function expectNoConfidential(body: unknown): void {
    const keys = keysOf(body);
    for (const field of CONFIDENTIAL_FIELDS) expect(keys).not.toContain(field);
    const text = JSON.stringify(body);
    expect(text).not.toContain('zebrafishneeds');
    expect(text).not.toContain('license in, for our cell therapy pipeline');
    expect(text).not.toMatch(/2000000|2,000,000|2\.000\.000/);
  }

  /** Reasons as the list shows them: known factors of the area, positive, largest first, adding up to the score. */
  function expectExplained(item: MatchItem, factors: readonly FactorDefinition[]): void {
    expect(item.score).toBeGreaterThanOrEqual(40); // minScore of the shipped configuration
    expect(item.score).toBeLessThanOrEqual(100);
    expect(item.reasons.length).toBeGreaterThan(0);
    for (const reason of item.reasons) {
      const definition = factors.find((f) => f.factor === reason.factor);
      expect(definition).toBeDefined();
      expect(reason.label).toBe(definition!.label);
      expect(reason.contribution).toBeGreaterThan(0);
    }
    const contributions = item.reasons.map((r) => r.contribution);
    expect(contributions).toEqual([...contributions].sort((a, b) => b - a));
    const sum = contributions.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - item.score)).toBeLessThanOrEqual(0.5);
  }

  const matchCount = async (where = 'true', params: unknown[] = []) =>
    Number((await ctx.dataSource.query(`SELECT count(*)::int AS n FROM matches WHERE ${where}`, params))[0].n);

  // ──────────────────────────────────────────── venture capital ────────────────────────────────────────────

  it('shows a fitting company and fund to each other, explained, and shows the fund no confidential company field', async () => {
    const founder = await ctx.newUser('company');
    const investor = await ctx.newUser('investor');
    const company = await createCompany(founder, { name: 'Cellula Therapeutics', ...FITTING_COMPANY });
    const fund = await createFund(investor, { name: 'Navigli Cell Ventures', ...FITTING_FUND });
    await settled();

    // The company's side.
    const companyView = await listMatches(ctx, founder, { area: 'venture_capital' }).expect(200);
    expect(companyView.body).toEqual({ items: [expect.any(Object)], total: 1, limit: 20, offset: 0 });
    const [seen] = companyView.body.items as MatchItem[];
    expect(seen).toEqual({
      id: expect.stringMatching(UUID),
      area: 'venture_capital',
      score: expect.any(Number),
      reasons: expect.any(Array),
      counterpart: { type: 'fund', id: fund.id, name: 'Navigli Cell Ventures', pitch: FITTING_FUND.thesis },
      configVersion: 1,
      computedAt: expect.stringMatching(ISO_DATE),
      review: null,
    });
    expect(seen).not.toHaveProperty('technologyOfferId');
    expectExplained(seen, VC_FACTORS);
    expectNoConfidential(companyView.body);

    // The fund's side: the same match, the company's public face only.
    const fundView = await listMatches(ctx, investor, { area: 'venture_capital' }).expect(200);
    expect(fundView.body.total).toBe(1);
    const [seenByFund] = fundView.body.items as MatchItem[];
    expect(seenByFund).toEqual({
      ...seen,
      counterpart: { type: 'company', id: company.id, name: 'Cellula Therapeutics', pitch: FITTING_COMPANY.pitch },
    });
    expectNoConfidential(fundView.body);

    // No other area, no other organisation.
    expect((await listMatches(ctx, founder).expect(200)).body.total).toBe(1);
    expect(await matchesOf(ctx, founder, 'tech_transfer')).toEqual([]);
    expect(await matchCount()).toBe(1);

    // One match in full: both parties (and staff) see every factor, adding up to the same score.
    for (const reader of [founder, investor, staff]) {
      const res = await ctx.http.get(`/api/v1/matches/${seen.id}`).set(...bearer(reader)).expect(200);
      const full = res.body as MatchItem;
      expect(full).toMatchObject({ id: seen.id, area: 'venture_capital', score: seen.score, configVersion: 1 });
      expect(full.counterpart).toEqual(reader === investor ? seenByFund.counterpart : seen.counterpart);
      expect(full.reasons.map((r) => r.factor).sort()).toEqual(VC_FACTORS.map((f) => f.factor).sort());
      const sum = full.reasons.reduce((a, r) => a + r.contribution, 0);
      expect(Math.abs(sum - full.score)).toBeLessThanOrEqual(0.5);
      // The list's reasons are exactly the factors that contributed.
      const byFactor = (a: { factor: string }, b: { factor: string }) => a.factor.localeCompare(b.factor);
      expect(full.reasons.filter((r) => r.contribution > 0).sort(byFactor)).toEqual([...seen.reasons].sort(byFactor));
      expectNoConfidential(res.body);
    }
  });

  it('never matches a fund that a hard rule excludes: inactive, other geographies, stages too far, tickets far off', async () => {
    const founder = await ctx.newUser('company');
    await createCompany(founder, { name: 'Cellula Therapeutics', ...FITTING_COMPANY });
    const fitting = await ctx.newFund(undefined, { name: 'Fitting Fund', ...FITTING_FUND });
    // Each differs from the fitting fund in one hard rule only; `restore` is what makes it fit again.
    const excluded = [
      { name: 'Dormant Fund', breaks: { active: false }, restore: { active: true } },
      { name: 'Overseas Fund', breaks: { geographies: ['US', 'GB'] }, restore: { geographies: ['EU'] } },
      { name: 'Late Stage Fund', breaks: { stages: ['series_c_plus', 'growth'] }, restore: { stages: ['seed', 'series_a'] } },
      { name: 'Mega Ticket Fund', breaks: { ticketMinEur: 50_000_000, ticketMaxEur: 200_000_000 }, restore: { ticketMinEur: 500_000, ticketMaxEur: 5_000_000 } },
    ];
    const funds = [];
    for (const f of excluded) funds.push({ ...f, id: (await ctx.newFund(undefined, { ...FITTING_FUND, name: f.name, ...f.breaks })).id });
    await settled();

    expect((await matchesOf(ctx, founder, 'venture_capital')).map((m) => m.counterpart.id)).toEqual([fitting.id]);
    for (const fund of funds) expect({ fund: fund.name, matches: await matchCount('fund_id = $1', [fund.id]) }).toEqual({ fund: fund.name, matches: 0 });

    // Control: without its hard rule, each of them is a match (so the rule, not a low score, kept it out).
    for (const fund of funds) await patch(staff, `/api/v1/funds/${fund.id}`, fund.restore);
    await settled();
    const names = (await matchesOf(ctx, founder, 'venture_capital')).map((m) => m.counterpart.name).sort();
    expect(names).toEqual(['Dormant Fund', 'Fitting Fund', 'Late Stage Fund', 'Mega Ticket Fund', 'Overseas Fund']);

    // And the other way round, from the fund's side: a fund that stops investing loses its matches.
    await patch(staff, `/api/v1/funds/${fitting.id}`, { active: false });
    await settled();
    expect((await matchesOf(ctx, founder, 'venture_capital')).map((m) => m.counterpart.id)).not.toContain(fitting.id);
    expect(await matchCount('fund_id = $1', [fitting.id])).toBe(0);
    expect(await matchCount()).toBe(4);
  });

  it('removes a match when an edit makes the company unfit, and brings it back when the edit is undone', async () => {
    const founder = await ctx.newUser('company');
    const investor = await ctx.newUser('investor');
    const company = await createCompany(founder, { name: 'Cellula Therapeutics', ...FITTING_COMPANY });
    const fund = await ctx.newFund(investor, { name: 'Navigli Cell Ventures', ...FITTING_FUND });
    await settled();
    const [original] = await matchesOf(ctx, founder, 'venture_capital');
    expect(original.counterpart.id).toBe(fund.id);
    const path = `/api/v1/companies/${company.id}`;

    for (const [unfit, fit] of [
      [{ country: 'US' }, { country: 'IT' }], // outside the fund's geographies (EU)
      [{ stage: 'growth' }, { stage: 'seed' }], // four stages from the fund's
      [{ fundingSoughtEur: 90_000_000 }, { fundingSoughtEur: 2_000_000 }], // far above the tickets
    ]) {
      await patch(founder, path, unfit);
      await settled();
      expect({ edit: unfit, company: await matchesOf(ctx, founder, 'venture_capital') }).toEqual({ edit: unfit, company: [] });
      expect({ edit: unfit, fund: await matchesOf(ctx, investor, 'venture_capital') }).toEqual({ edit: unfit, fund: [] });
      expect(await matchCount()).toBe(0);

      await patch(founder, path, fit);
      await settled();
      const [restored] = await matchesOf(ctx, founder, 'venture_capital');
      expect({ edit: fit, counterpart: restored?.counterpart.id, score: restored?.score }).toEqual({ edit: fit, counterpart: fund.id, score: original.score });
      expect((await matchesOf(ctx, investor, 'venture_capital')).map((m) => m.id)).toEqual([restored.id]);
    }
  });

  it('pages the matches best first, with total, limit and offset', async () => {
    const founder = await ctx.newUser('company');
    await createCompany(founder, { name: 'Cellula Therapeutics', ...FITTING_COMPANY });
    // Fits of different strength: the same fund, then with fewer shared interests and a vaguer thesis.
    await ctx.newFund(undefined, { name: 'Best', ...FITTING_FUND });
    await ctx.newFund(undefined, { ...FITTING_FUND, name: 'Broader', modalities: [], sectors: ['biotech', 'medtech', 'diagnostics'] });
    await ctx.newFund(undefined, { ...FITTING_FUND, name: 'Generalist', modalities: [], therapeuticAreas: [], sectors: [], thesis: 'Early-stage life sciences.' });
    await settled();

    const all = await matchesOf(ctx, founder, 'venture_capital');
    expect(all.length).toBeGreaterThanOrEqual(2);
    const scores = all.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(all[0].counterpart.name).toBe('Best');

    const pages: MatchItem[] = [];
    for (let offset = 0; offset < all.length; offset += 1) {
      const res = await listMatches(ctx, founder, { area: 'venture_capital', limit: 1, offset }).expect(200);
      expect(res.body).toMatchObject({ total: all.length, limit: 1, offset });
      expect(res.body.items).toHaveLength(1);
      pages.push(res.body.items[0]);
    }
    expect(pages.map((m) => m.id)).toEqual(all.map((m) => m.id));
    const beyond = await listMatches(ctx, founder, { limit: 5, offset: all.length }).expect(200);
    expect(beyond.body).toEqual({ items: [], total: all.length, limit: 5, offset: all.length });
  });

  // ──────────────────────────────────────────── tech transfer ────────────────────────────────────────────

  it("matches a research centre's offer with a company looking to license in, not with one raising money only; the offer's deletion removes them", async () => {
    const tto = await ctx.newUser('research_centre');
    const centre = await createCentre(tto, { name: 'Istituto Tumori Lombardo', ...FITTING_CENTRE });
    const offerRes = await ctx.http
      .post(`/api/v1/research-centres/${centre.id}/technology-offers`)
      .set(...bearer(tto))
      .send({ title: 'Armoured CAR-T for solid tumours', ...CAR_T_OFFER })
      .expect(201);
    const offer = offerRes.body as { id: string; title: string };
    const licensee = await ctx.newUser('company');
    const licensing = await createCompany(licensee, { name: 'Licensee Bio', ...LICENSING_COMPANY });
    const raiser = await ctx.newUser('company');
    await createCompany(raiser, { name: 'Raising Only', ...FITTING_COMPANY }); // lookingFor: investment only
    await settled();

    // The company sees the centre, with the offer.
    const [forCompany, ...moreForCompany] = await matchesOf(ctx, licensee, 'tech_transfer');
    expect(moreForCompany).toEqual([]);
    expect(forCompany).toEqual({
      id: expect.stringMatching(UUID),
      area: 'tech_transfer',
      score: expect.any(Number),
      reasons: expect.any(Array),
      counterpart: { type: 'research_centre', id: centre.id, name: 'Istituto Tumori Lombardo', pitch: FITTING_CENTRE.description },
      technologyOfferId: offer.id,
      technologyOfferTitle: 'Armoured CAR-T for solid tumours',
      configVersion: 1,
      computedAt: expect.stringMatching(ISO_DATE),
      review: null,
    });
    expectExplained(forCompany, TT_FACTORS);
    expect(await matchesOf(ctx, licensee, 'venture_capital')).toEqual([]);

    // The centre sees that company only, without its confidential needs.
    const centreView = await listMatches(ctx, tto, { area: 'tech_transfer' }).expect(200);
    expect(centreView.body.total).toBe(1);
    expect(centreView.body.items[0]).toEqual({
      ...forCompany,
      counterpart: { type: 'company', id: licensing.id, name: 'Licensee Bio', pitch: LICENSING_COMPANY.pitch },
    });
    expectNoConfidential(centreView.body);

    // A company raising money only is not proposed technologies.
    expect(await matchesOf(ctx, raiser, 'tech_transfer')).toEqual([]);

    // One match in full: every tech-transfer factor.
    const full = await ctx.http.get(`/api/v1/matches/${forCompany.id}`).set(...bearer(tto)).expect(200);
    expect(full.body.reasons.map((r: { factor: string }) => r.factor).sort()).toEqual(TT_FACTORS.map((f) => f.factor).sort());
    expect(full.body).toMatchObject({ technologyOfferId: offer.id, technologyOfferTitle: offer.title });

    // A company that stops looking for technology loses the match; looking again brings it back.
    await patch(licensee, `/api/v1/companies/${licensing.id}`, { lookingFor: ['investment'] });
    await settled();
    expect(await matchesOf(ctx, licensee, 'tech_transfer')).toEqual([]);
    expect(await matchesOf(ctx, tto, 'tech_transfer')).toEqual([]);
    await patch(licensee, `/api/v1/companies/${licensing.id}`, { lookingFor: ['licensing_in'] });
    await settled();
    const [again] = await matchesOf(ctx, licensee, 'tech_transfer');
    expect(again).toMatchObject({ technologyOfferId: offer.id, score: forCompany.score });

    // Deleting the offer removes its matches on both sides.
    await ctx.http.delete(`/api/v1/research-centres/${centre.id}/technology-offers/${offer.id}`).set(...bearer(tto)).expect(204);
    await settled();
    expect(await matchesOf(ctx, licensee, 'tech_transfer')).toEqual([]);
    expect(await matchesOf(ctx, tto, 'tech_transfer')).toEqual([]);
    expect(await matchCount()).toBe(0);
    await ctx.http.get(`/api/v1/matches/${again.id}`).set(...bearer(licensee)).expect(404);
  });

  // ───────────────────────────────────── determinism and full rescores ─────────────────────────────────────

  /** A small world of both areas: three companies, three funds, two centres with three offers. */
  async function world() {
    const companies = [
      await ctx.newCompany(undefined, { name: 'Both Ways', ...FITTING_COMPANY, lookingFor: ['investment', 'licensing_in'] }),
      await ctx.newCompany(undefined, { name: 'Licensee Bio', ...LICENSING_COMPANY }),
      await ctx.newCompany(undefined, { ...FITTING_COMPANY, name: 'Later Stage', stage: 'series_a', trl: 6, fundingSoughtEur: 8_000_000, lookingFor: ['investment', 'rd_partnership'] }),
      await ctx.newCompany(undefined, { name: 'Heart Devices', kind: 'sme', country: 'DE', stage: 'series_b', sectors: ['medtech'], therapeuticAreas: ['cardiology'], pitch: 'Leadless pacemakers', lookingFor: ['investment'] }),
      await ctx.newCompany(undefined, { name: 'Quiet Co', kind: 'startup', country: 'IT' }),
    ];
    const funds = [
      await ctx.newFund(undefined, { name: 'Navigli Cell Ventures', ...FITTING_FUND }),
      await ctx.newFund(undefined, { ...FITTING_FUND, name: 'Series A Cell', stages: ['series_a', 'series_b'], ticketMinEur: 3_000_000, ticketMaxEur: 15_000_000 }),
      await ctx.newFund(undefined, { name: 'Cardio Capital', country: 'DE', stages: ['series_b'], geographies: ['WORLD'], sectors: ['medtech'], therapeuticAreas: ['cardiology'], thesis: 'Cardiology devices' }),
    ];
    const centres = [await ctx.newResearchCentre(undefined, { name: 'Istituto Tumori', ...FITTING_CENTRE }), await ctx.newResearchCentre(undefined, { name: 'Politecnico Lab', kind: 'university', country: 'IT' })];
    const offers = [
      await ctx.newTechnologyOffer(centres[0].id, { title: 'Armoured CAR-T', ...CAR_T_OFFER }),
      await ctx.newTechnologyOffer(centres[0].id, { ...CAR_T_OFFER, title: 'CAR-T co-development', collaborationTypes: ['co_development'] }),
      await ctx.newTechnologyOffer(centres[1].id, { title: 'Cardiac sensor', trl: 6, collaborationTypes: ['licensing'], sectors: ['medtech'], therapeuticAreas: ['cardiology'] }),
    ];
    return { companies, funds, centres, offers };
  }

  it('rescoring an organisation twice writes identical rows', async () => {
    const { companies, funds, centres } = await world();
    await settled();
    const before = await matchRecords(ctx);
    expect(before.filter((m) => m.area === 'venture_capital').length).toBeGreaterThan(1);
    expect(before.filter((m) => m.area === 'tech_transfer').length).toBeGreaterThan(1);

    const matching = runningWorker().get(MatchingService);
    for (const organisation of [companies[0], funds[0], centres[0]]) {
      const first = await matching.rescoreOrganisation(organisation.id);
      const afterFirst = await matchRecords(ctx);
      const second = await matching.rescoreOrganisation(organisation.id);
      const afterSecond = await matchRecords(ctx);
      expect(second).toEqual(first);
      expect(first.kept.venture_capital + first.kept.tech_transfer).toBeGreaterThan(0);
      // Same ids, scores and contributions; and the same as the jobs had written.
      expect(afterFirst).toEqual(before);
      expect(afterSecond).toEqual(afterFirst);
    }
    expect(await matching.rescoreOrganisation('00000000-0000-4000-8000-000000000000')).toEqual({
      organisationId: '00000000-0000-4000-8000-000000000000',
      type: null,
      kept: { venture_capital: 0, tech_transfer: 0 },
    });
  });

  it('a full rescore, in chunks, leaves exactly the matches the incremental jobs produced', async () => {
    // The profiles exist before the worker starts, so its text statistics are fitted on all of them, as a full
    // rescore's are.
    await stopWorker();
    await world();
    await startWorker({ rescoreChunkSize: 2 });
    await settled();
    const incremental = await matchRecords(ctx);
    const counts = {
      venture_capital: incremental.filter((m) => m.area === 'venture_capital').length,
      tech_transfer: incremental.filter((m) => m.area === 'tech_transfer').length,
    };
    expect(counts.venture_capital).toBeGreaterThan(1);
    expect(counts.tech_transfer).toBeGreaterThan(1);

    const started = await ctx.http.post('/api/v1/scoring/rescores').set(...bearer(staff)).expect(202);
    expect(started.body).toEqual({ runId: expect.stringMatching(UUID) });
    const status = await rescoreCompleted(ctx, staff, started.body.runId);
    // Five companies in chunks of two.
    expect(status).toEqual({ runId: started.body.runId, state: 'completed', chunks: { done: 3, total: 3 }, result: counts, failedReason: null });
    expect(await matchRecords(ctx)).toEqual(incremental);
    expect(await ctx.dataSource.query(`SELECT count(*)::int AS n FROM match_candidates`)).toEqual([{ n: 0 }]);
  });

  // A pair outside the rescored organisation's best N is kept only if its counterpart ranks it within its own best
  // N, counting the counterpart's stored pairs and all of this rescore's pairs with it (a centre has several offers).
  it('keeps, incrementally, only the best maxPerOrganisation pairs of a company and a centre with several offers', async () => {
    const { version: _version, ...config } = (await ctx.http.get('/api/v1/scoring/config').set(...bearer(staff)).expect(200)).body;
    const saved = await ctx.http.put('/api/v1/scoring/config').set(...bearer(staff)).send({ ...config, maxPerOrganisation: 1 }).expect(200);
    await rescoreCompleted(ctx, staff, saved.body.rescoreRunId);
    const founder = await ctx.newUser('company');
    const company = await ctx.newCompany(founder, { name: 'Licensee Bio', ...LICENSING_COMPANY });
    const centre = await ctx.newResearchCentre(undefined, { name: 'Istituto Tumori', ...FITTING_CENTRE });
    await ctx.newTechnologyOffer(centre.id, { title: 'Armoured CAR-T', ...CAR_T_OFFER });
    await ctx.newTechnologyOffer(centre.id, { ...CAR_T_OFFER, title: 'CAR-T co-development', collaborationTypes: ['co_development'] });
    await settled();

    // A full rescore keeps the one pair that is both sides' best.
    const run = await ctx.http.post('/api/v1/scoring/rescores').set(...bearer(staff)).expect(202);
    expect((await rescoreCompleted(ctx, staff, run.body.runId)).result).toEqual({ venture_capital: 0, tech_transfer: 1 });
    const full = await matchRecords(ctx);
    // The next incremental rescoring of the company must agree (today it adds the second offer back).
    await patch(founder, `/api/v1/companies/${company.id}`, { name: 'Licensee Bio 2' });
    await settled();
    expect(await matchRecords(ctx)).toEqual(full);
  });

  // ───────────────────────────────────────── scoring configuration ─────────────────────────────────────────

  it('saves new weights as the next version, rescoring every match with them', async () => {
    const founder = await ctx.newUser('company');
    await createCompany(founder, { name: 'Cellula Therapeutics', ...FITTING_COMPANY });
    await ctx.newFund(undefined, { name: 'Navigli Cell Ventures', ...FITTING_FUND });
    await settled();
    const [before] = await matchesOf(ctx, founder, 'venture_capital');
    expect(before.configVersion).toBe(1);
    expect(before.reasons.map((r) => r.factor)).toContain('text');

    const current = await ctx.http.get('/api/v1/scoring/config').set(...bearer(staff)).expect(200);
    expect(current.body).toMatchObject({ version: 1, minScore: 40, maxPerOrganisation: 25, stageTolerance: 1, ticketToleranceFactor: 10 });
    const { version, ...weights } = current.body;
    const next = { ...weights, venture_capital: { ...weights.venture_capital, text: 0 } };

    const saved = await ctx.http.put('/api/v1/scoring/config').set(...bearer(staff)).send(next).expect(200);
    expect(saved.body).toEqual({ config: { ...next, version: version + 1 }, rescoreRunId: expect.stringMatching(UUID) });
    const status = await rescoreCompleted(ctx, staff, saved.body.rescoreRunId);
    expect(status).toMatchObject({ state: 'completed', chunks: { done: 1, total: 1 }, result: { venture_capital: 1, tech_transfer: 0 } });

    expect((await ctx.http.get('/api/v1/scoring/config').set(...bearer(staff)).expect(200)).body).toEqual({ ...next, version: 2 });
    const [after] = await matchesOf(ctx, founder, 'venture_capital');
    expect(after.id).toBe(before.id);
    expect(after.configVersion).toBe(2);
    expect(after.reasons.map((r) => r.factor)).not.toContain('text');
    expectExplained(after, VC_FACTORS);
    expect(await ctx.dataSource.query(`SELECT DISTINCT config_version FROM matches`)).toEqual([{ config_version: 2 }]);
  });

  it('refuses bad weights with a 400 naming the field, and anyone but staff with a 403, changing nothing', async () => {
    const current = (await ctx.http.get('/api/v1/scoring/config').set(...bearer(staff)).expect(200)).body;
    const { version: _version, ...valid } = current;
    const put = (user: TestUser, body: object) => ctx.http.put('/api/v1/scoring/config').set(...bearer(user)).send(body);
    const withoutTicket = { ...valid.venture_capital };
    delete withoutTicket.ticket;
    const allZero = Object.fromEntries(Object.keys(valid.tech_transfer).map((k) => [k, 0]));

    const cases: Array<[string, object]> = [
      ['venture_capital.stage', { ...valid, venture_capital: { ...valid.venture_capital, stage: 11 } }],
      ['tech_transfer.needsText', { ...valid, tech_transfer: { ...valid.tech_transfer, needsText: -1 } }],
      ['venture_capital.ticket', { ...valid, venture_capital: withoutTicket }],
      ['venture_capital.surprise', { ...valid, venture_capital: { ...valid.venture_capital, surprise: 1 } }],
      ['minScore', { ...valid, minScore: 101 }],
      ['maxPerOrganisation', { ...valid, maxPerOrganisation: 2.5 }],
      ['tech_transfer', { ...valid, tech_transfer: allZero }],
    ];
    for (const [field, body] of cases) {
      const res = await put(staff, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(String) });
      expect({ field, fields: res.body.errors.map((e: { field: string }) => e.field) }).toEqual({ field, fields: expect.arrayContaining([field]) });
    }

    for (const role of ['company', 'investor', 'research_centre'] as const) {
      const denied = await put(await ctx.newUser(role), valid).expect(403);
      expect(denied.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', message: expect.any(String) });
    }
    await ctx.http.put('/api/v1/scoring/config').send(valid).expect(401);

    expect((await ctx.http.get('/api/v1/scoring/config').set(...bearer(staff)).expect(200)).body).toEqual(current);
    expect(await ctx.dataSource.query(`SELECT count(*)::int AS n FROM scoring_configs`)).toEqual([{ n: 1 }]);
    expect(await ctx.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'scoring.rescore'`)).toEqual([{ n: 0 }]);
  });

  it('refuses a body without one of the weight objects with a 400 naming it', async () => {
    const { version: _version, tech_transfer: _tt, ...withoutTechTransfer } = (await ctx.http.get('/api/v1/scoring/config').set(...bearer(staff)).expect(200)).body;
    const res = await ctx.http.put('/api/v1/scoring/config').set(...bearer(staff)).send(withoutTechTransfer);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 400, body: { statusCode: 400, code: 'VALIDATION_FAILED' } });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('tech_transfer');
  });

  // ────────────────────────────────────────────── validation ──────────────────────────────────────────────

  it.each([
    ['area', { area: 'foo' }],
    ['limit', { limit: 101 }],
    ['limit', { limit: 0 }],
    ['limit', { limit: 'ten' }],
    ['offset', { offset: -1 }],
    ['organisationId', { organisationId: 'not-a-uuid' }],
    ['sort', { sort: 'score' }],
  ])('rejects a bad %s with a 400 naming it', async (field, query) => {
    const founder = await ctx.newUser('company');
    await ctx.newCompany(founder);
    const res = await listMatches(ctx, founder, query).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(String) });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('asks staff which organisation, and 404s an organisation that does not exist', async () => {
    const res = await listMatches(ctx, staff).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'organisationId', rule: 'required' })]);
    const unknown = await listMatches(ctx, staff, { organisationId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  // ─────────────────────────────────────────── job coalescing ───────────────────────────────────────────

  it('coalesces quick edits of one company into one scoring job', async () => {
    await stopWorker();
    const founder = await ctx.newUser('company');
    const investor = await ctx.newUser('investor');
    let company = await createCompany(founder, { name: 'Edit 0', ...FITTING_COMPANY });
    for (let i = 1; i <= 10; i++) {
      const res = await ctx.http
        .patch(`/api/v1/companies/${company.id}`)
        .set(...bearer(founder))
        .send({ version: company.version, name: `Edit ${i}` })
        .expect(200);
      company = res.body;
    }
    await ctx.newFund(investor, { name: 'Navigli Cell Ventures', ...FITTING_FUND });
    expect(await ctx.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE organisation_id = $1`, [company.id])).toEqual([{ n: 11 }]);

    await startWorker();
    await settled();
    const queue = runningWorker().get<Queue>(getQueueToken(QueueName.Scoring), { strict: false });
    const completed: Job[] = await queue.getJobs(['completed']);
    const forCompany = completed.filter((job) => job.data.organisationId === company.id);
    expect(forCompany).toHaveLength(1);
    expect(forCompany[0].name).toBe(JobName.ScoreOrganisation);
    expect(forCompany[0].returnvalue).toEqual({ organisationId: company.id, type: 'company', kept: { venture_capital: 1, tech_transfer: 0 } });
    // One job per organisation: the company's and the fund's.
    expect(await queue.getJobCounts('completed', 'failed')).toEqual({ completed: 2, failed: 0 });
    // Scored as the last edit left it.
    const [seen] = await matchesOf(ctx, investor, 'venture_capital');
    expect(seen.counterpart).toMatchObject({ id: company.id, name: 'Edit 10' });
  });
});
