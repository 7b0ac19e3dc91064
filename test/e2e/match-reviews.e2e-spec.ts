import type { INestApplication } from '@nestjs/common';
import type { Response } from 'supertest';
import { FEEDBACK_PRIOR, FEEDBACK_STRENGTH } from '@hub/domain';
import { bearer, TestContext, type TestUser } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { FITTING_COMPANY, FITTING_FUND, listMatches, matchesOf, matchRecords, rescoreCompleted, scoringSettled, type MatchItem } from '../support/matching-fixtures';
import { auditRows, expectError, MALFORMED_ID, UNKNOWN_ID } from '../support/meeting-requests-support';

const VC = 'venture_capital';

describe('match review: shortlist and decline, private to the reviewer, fed back to scoring', () => {
  let ctx: TestContext;
  let worker: INestApplication | null = null;
  let staff: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(async () => {
    await ctx.truncate();
    worker = await startTestWorker();
    staff = await ctx.newUser('staff');
  });
  afterEach(async () => {
    await worker?.close();
    worker = null;
  });
  afterAll(() => ctx.close());

  const settled = () => scoringSettled(ctx, worker as INestApplication);
  const review = (user: TestUser, matchId: string, action: 'shortlist' | 'decline', body?: object) => {
    const req = ctx.http.post(`/api/v1/matches/${matchId}/${action}`).set(...bearer(user));
    return body ? req.send(body) : req;
  };
  const clear = (user: TestUser, matchId: string) => ctx.http.delete(`/api/v1/matches/${matchId}/review`).set(...bearer(user));
  const ok = (res: Response) => expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
  const reviewRows = () => ctx.dataSource.query(`SELECT organisation_id, counterpart_id, area, decision, reason FROM match_reviews ORDER BY organisation_id, counterpart_id`);
  const byCounterpart = (items: MatchItem[], id: string) => items.find((m) => m.counterpart.id === id) as MatchItem;

  /** A fund for pre-seed and seed companies, with a member; companies fitting it, each with a member. */
  async function fundAndCompanies(stages: Array<'pre_seed' | 'seed'>) {
    const investor = await ctx.newUser('investor');
    const fund = await ctx.newFund(investor, { ...FITTING_FUND, name: 'Navigli Cell Ventures', stages: ['pre_seed', 'seed'] });
    const companies: Array<{ id: string; founder: TestUser }> = [];
    for (const [i, stage] of stages.entries()) {
      const founder = await ctx.newUser('company');
      const company = await ctx.newCompany(founder, { ...FITTING_COMPANY, name: `Cellula ${i + 1}`, stage });
      companies.push({ id: company.id, founder });
    }
    await settled();
    return { investor, fund, companies };
  }

  it("keeps a decline and a shortlist with the reviewer: its lists filter by them, the other side sees nothing of them, staff see them, each decision is audited", async () => {
    const { investor, fund, companies } = await fundAndCompanies(['seed', 'seed']);
    const [a, b] = companies;
    const mine = await matchesOf(ctx, investor, VC);
    expect(mine).toHaveLength(2);
    const matchA = byCounterpart(mine, a.id);
    const matchB = byCounterpart(mine, b.id);

    const declined = await review(investor, matchA.id, 'decline', { reason: 'timing' });
    ok(declined);
    expect(declined.body).toMatchObject({ id: matchA.id, review: { decision: 'declined', reason: 'timing', reviewedAt: expect.any(String) } });
    const shortlisted = await review(investor, matchB.id, 'shortlist');
    ok(shortlisted);
    expect(shortlisted.body.review).toEqual({ decision: 'shortlisted', reason: null, reviewedAt: expect.any(String) });
    expect(await reviewRows()).toEqual(
      expect.arrayContaining([
        { organisation_id: fund.id, counterpart_id: a.id, area: VC, decision: 'declined', reason: 'timing' },
        { organisation_id: fund.id, counterpart_id: b.id, area: VC, decision: 'shortlisted', reason: null },
      ]),
    );

    // The reviewer's lists: declined matches leave the default list and stay reachable by filter.
    const ids = async (query: Record<string, string>) => (await listMatches(ctx, investor, { area: VC, ...query }).expect(200)).body.items.map((m: MatchItem) => m.id);
    expect(await ids({})).toEqual([matchB.id]);
    expect(await ids({ review: 'declined' })).toEqual([matchA.id]);
    expect(await ids({ review: 'shortlisted' })).toEqual([matchB.id]);
    expect(await ids({ review: 'unreviewed' })).toEqual([]);
    expect((await ids({ review: 'all' })).sort()).toEqual([matchA.id, matchB.id].sort());
    expect((await listMatches(ctx, investor, {}).expect(200)).body.total).toBe(1);

    // The declined company's view: the match as before, no review, nothing about the decline anywhere.
    const seenByA = await matchesOf(ctx, a.founder, VC);
    expect(seenByA).toHaveLength(1);
    expect(seenByA[0]).toMatchObject({ id: matchA.id, review: null });
    const one = await ctx.http.get(`/api/v1/matches/${matchA.id}`).set(...bearer(a.founder)).expect(200);
    expect(one.body.review).toBeNull();
    for (const body of [seenByA, one.body]) {
      expect(JSON.stringify(body)).not.toMatch(/declined|timing|shortlisted|feedback/);
    }
    // Nor does a company's review of its own show on the fund's side.
    ok(await review(b.founder, matchB.id, 'decline', { reason: 'other' }));
    expect(byCounterpart(await matchesOf(ctx, investor, VC), b.id).review).toEqual({ decision: 'shortlisted', reason: null, reviewedAt: expect.any(String) });

    // Staff read the fund's reviews when they list its matches.
    const forStaff = await listMatches(ctx, staff, { organisationId: fund.id, review: 'all' }).expect(200);
    expect(byCounterpart(forStaff.body.items, a.id).review).toMatchObject({ decision: 'declined', reason: 'timing' });

    // Audited: who, what, the reason.
    const audit = await auditRows(ctx, matchA.id);
    expect(audit).toEqual([
      expect.objectContaining({ actor_user_id: investor.id, organisation_id: fund.id, action: 'match.declined', subject_type: 'match', details: { reason: 'timing', counterpartId: a.id, area: VC } }),
    ]);

    // Deciding the same again changes nothing (no second audit row); changing the decision is audited.
    ok(await review(investor, matchA.id, 'decline', { reason: 'timing' }));
    expect(await auditRows(ctx, matchA.id)).toHaveLength(1);
    ok(await review(investor, matchA.id, 'decline', { reason: 'area' }));
    expect((await auditRows(ctx, matchA.id)).map((r) => [r.action, r.details.reason])).toEqual([
      ['match.declined', 'timing'],
      ['match.declined', 'area'],
    ]);

    // Taken back: the match is open again.
    const cleared = await clear(investor, matchA.id);
    ok(cleared);
    expect(cleared.body.review).toBeNull();
    expect((await ids({})).sort()).toEqual([matchA.id, matchB.id].sort());
    expect((await auditRows(ctx, matchA.id)).at(-1)).toMatchObject({ action: 'match.review_cleared', organisation_id: fund.id });
    // Clearing what is not there is harmless and unaudited.
    ok(await clear(investor, matchA.id));
    expect(await auditRows(ctx, matchA.id)).toHaveLength(3);
  });

  it("filters matches by the counterpart's taxonomy codes (children included) and stage, both ways", async () => {
    const { investor, fund, companies } = await fundAndCompanies(['seed', 'pre_seed']);
    const [seed, preSeed] = companies;
    const ids = async (user: TestUser, query: Record<string, string>) => (await listMatches(ctx, user, query).expect(200)).body.items.map((m: MatchItem) => m.counterpart.id).sort();
    expect(await ids(investor, { stage: 'seed' })).toEqual([seed.id]);
    expect(await ids(investor, { stage: 'pre_seed' })).toEqual([preSeed.id]);
    // The companies work on CAR-T: the parent modality (cell therapy) finds them, another sector does not.
    expect(await ids(investor, { modality: 'cell_therapy' })).toEqual([seed.id, preSeed.id].sort());
    expect(await ids(investor, { sector: 'medtech' })).toEqual([]);
    expect((await listMatches(ctx, investor, { sector: 'medtech' }).expect(200)).body.total).toBe(0);
    // A company filters its funds by a stage they invest at.
    expect(await ids(seed.founder, { stage: 'seed' })).toEqual([fund.id]);
    expect(await ids(seed.founder, { stage: 'growth' })).toEqual([]);
    expectError(await listMatches(ctx, investor, { sector: 'astrology' }), 400, 'VALIDATION_FAILED', 'sector');
    expectError(await listMatches(ctx, investor, { stage: 'series_z' }), 400, 'VALIDATION_FAILED', 'stage');
  });

  it('refuses bad reviews with a clear 4xx, writing nothing', async () => {
    const { investor } = await fundAndCompanies(['seed']);
    const [match] = await matchesOf(ctx, investor, VC);
    const outsider = await ctx.newUser('investor');
    await ctx.newFund(outsider, { name: 'Outsider Fund' });

    expectError(await review(investor, match.id, 'decline'), 400, 'VALIDATION_FAILED', 'reason');
    expectError(await review(investor, match.id, 'decline', { reason: 'price' }), 400, 'VALIDATION_FAILED', 'reason');
    expectError(await review(investor, MALFORMED_ID, 'shortlist'), 400, 'VALIDATION_FAILED', 'id');
    expectError(await review(investor, UNKNOWN_ID, 'shortlist'), 404, 'NOT_FOUND');
    // Another organisation's match answers as if it did not exist.
    expectError(await review(outsider, match.id, 'shortlist'), 404, 'NOT_FOUND');
    expectError(await clear(outsider, match.id), 404, 'NOT_FOUND');
    // Staff read reviews but do not decide for an organisation.
    expectError(await review(staff, match.id, 'shortlist'), 403, 'FORBIDDEN');
    expectError(await ctx.http.post(`/api/v1/matches/${match.id}/shortlist`), 401, 'UNAUTHENTICATED');
    expect(await reviewRows()).toEqual([]);
    expect(await auditRows(ctx)).toEqual([]);
  });

  it('lowers, for a fund that declines pre-seed companies for their stage, the other pre-seed companies only; the company side never sees why', async () => {
    const { investor, companies } = await fundAndCompanies(['pre_seed', 'pre_seed', 'pre_seed', 'seed']);
    const [p1, p2, p3, s1] = companies;
    const before = await matchesOf(ctx, investor, VC);
    expect(before).toHaveLength(4);
    const scoreOf = (items: MatchItem[], id: string) => byCounterpart(items, id).score;

    ok(await review(investor, byCounterpart(before, p1.id).id, 'decline', { reason: 'stage' }));
    ok(await review(investor, byCounterpart(before, p2.id).id, 'decline', { reason: 'stage' }));
    await settled();

    const after = await matchesOf(ctx, investor, VC);
    // Two stage declines against the prior: 1 − strength × 2 / (2 + prior) of the score.
    const multiplier = 1 - FEEDBACK_STRENGTH * (2 / (2 + FEEDBACK_PRIOR));
    expect(scoreOf(after, p3.id)).toBeCloseTo(scoreOf(before, p3.id) * multiplier, 0);
    expect(scoreOf(after, p3.id)).toBeLessThan(scoreOf(before, p3.id));
    expect(scoreOf(after, s1.id)).toBe(scoreOf(before, s1.id));
    // Seed companies now rank above pre-seed ones for this fund.
    expect(after.map((m) => m.counterpart.id)).toEqual([s1.id, p3.id]);

    // The fund's explanation names its feedback; the reasons add up to the score.
    const forFund = await ctx.http.get(`/api/v1/matches/${byCounterpart(after, p3.id).id}`).set(...bearer(investor)).expect(200);
    const feedback = forFund.body.reasons.find((r: { factor: string }) => r.factor === 'feedback_partner');
    expect(feedback.contribution).toBeLessThan(0);
    const sum = (reasons: Array<{ contribution: number }>) => Math.round(reasons.reduce((s, r) => s + r.contribution, 0) * 10) / 10;
    expect(Math.abs(sum(forFund.body.reasons) - forFund.body.score)).toBeLessThanOrEqual(0.1);

    // The company's explanation: the same score, positive reasons only, no feedback factor.
    for (const path of [`/api/v1/matches/${byCounterpart(after, p3.id).id}`, '/api/v1/matches']) {
      const seen = await ctx.http.get(path).set(...bearer(p3.founder)).expect(200);
      const item = seen.body.items ? seen.body.items[0] : seen.body;
      expect(item.score).toBe(forFund.body.score);
      expect(item.reasons.map((r: { factor: string }) => r.factor)).not.toContain('feedback_partner');
      expect(item.reasons.every((r: { contribution: number }) => r.contribution >= 0)).toBe(true);
      expect(Math.abs(sum(item.reasons) - item.score)).toBeLessThanOrEqual(0.1);
    }

    // A full rescore applies the same feedback: identical rows.
    const incremental = await matchRecords(ctx);
    const run = await ctx.http.post('/api/v1/scoring/rescores').set(...bearer(staff)).expect(202);
    await rescoreCompleted(ctx, staff, run.body.runId);
    expect(await matchRecords(ctx)).toEqual(incremental);

    // Shortlisting a pre-seed company softens it; taking the declines back restores the scores.
    ok(await review(investor, byCounterpart(after, p3.id).id, 'shortlist'));
    await settled();
    const softened = await matchesOf(ctx, investor, VC);
    expect(scoreOf(softened, p3.id)).toBeGreaterThan(scoreOf(after, p3.id));
    for (const company of [p1, p2, p3]) ok(await clear(investor, byCounterpart(before, company.id).id));
    await settled();
    const restored = await matchesOf(ctx, investor, VC);
    for (const company of companies) expect(scoreOf(restored, company.id)).toBe(scoreOf(before, company.id));
  });
});
