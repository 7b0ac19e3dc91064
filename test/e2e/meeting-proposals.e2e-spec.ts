import type { Response } from 'supertest';
import { MeetingProposalRunsService } from '@hub/core';
import { selectMeetingProposals, type ProposalCandidate } from '@hub/domain';
import { bearer, TestContext, type TestUser } from '../support/test-app';
import { eventually, startTestWorker } from '../support/test-worker';
import { createRequest, decide, expectError, expectStatus, MALFORMED_ID, UNKNOWN_ID, UUID } from '../support/meeting-requests-support';
import { PROPOSALS as BASE, seedMatches } from '../support/meeting-proposals-support';

const VC = 'venture_capital';
const TT = 'tech_transfer';
type Area = typeof VC | typeof TT;

interface ProposalView {
  id: string;
  area: Area;
  status: 'open' | 'accepted' | 'dismissed';
  counterpart: { type: string; id: string; name: string };
  score: number;
  reasons: Array<{ factor: string; label: string; contribution: number }>;
  matchId: string | null;
  technologyOfferId: string | null;
  technologyOfferTitle: string | null;
  decision: 'confirmed' | 'dismissed' | null;
  counterpartDecision?: 'confirmed' | 'dismissed' | null;
  requestId: string | null;
  runId: string;
  createdAt: string;
}

interface ProposalRow {
  id: string;
  run_id: string;
  area: Area;
  company_id: string;
  counterpart_id: string;
  match_id: string | null;
  technology_offer_id: string | null;
  score: number;
  contributions: number[];
  company_decision: string | null;
  counterpart_decision: string | null;
  status: string;
  request_id: string | null;
}

interface RunView {
  runId: string;
  status: 'requested' | 'completed' | 'failed';
  options: { maxPerOrganisation: number; maxRank: number };
  eventId: string | null;
  requestedAt: string;
  completedAt: string | null;
  failedReason: string | null;
  coverage: {
    candidates: number;
    proposed: number;
    carriedOver: number;
    participants: number;
    byType: Record<string, { organisations: number; histogram: Record<string, number> }>;
    withoutProposal: { total: number; byReason: Record<string, number>; organisations: Array<{ id: string; type: string; name: string; reason: string }> };
  } | null;
}

/**
 * Four companies (two with members), three funds (two with members) and a research centre with two offers (with a
 * member), with seeded matches of known scores. Each test starts from those matches with no request, proposal,
 * review or audit row; runs go through the outbox to the in-process worker.
 */
describe('meeting proposals', () => {
  let ctx: TestContext;
  let staff: TestUser;
  let founder: TestUser;
  let founder2: TestUser;
  let investor: TestUser;
  let investor2: TestUser;
  let tto: TestUser;
  const orgs: Record<string, string> = {};
  const nameOf: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.truncate();
    staff = await ctx.newUser('staff');
    founder = await ctx.newUser('company');
    founder2 = await ctx.newUser('company');
    investor = await ctx.newUser('investor');
    investor2 = await ctx.newUser('investor');
    tto = await ctx.newUser('research_centre');
    const add = (key: string, p: { id: string; name: string }) => {
      orgs[key] = p.id;
      nameOf[p.id] = p.name;
    };
    add('C1', await ctx.newCompany(founder, { name: 'Cellula Uno' }));
    add('C2', await ctx.newCompany(founder2, { name: 'Cellula Due' }));
    add('C3', await ctx.newCompany(undefined, { name: 'Cellula Tre' }));
    add('C4', await ctx.newCompany(undefined, { name: 'Cellula Quattro' }));
    add('F1', await ctx.newFund(investor, { name: 'Navigli Ventures' }));
    add('F2', await ctx.newFund(investor2, { name: 'Brera Capital' }));
    add('F3', await ctx.newFund(undefined, { name: 'Darsena Seed' }));
    add('S', await ctx.newResearchCentre(tto, { name: 'Istituto Lombardo' }));
    const p1 = (await ctx.newTechnologyOffer(orgs.S, { title: 'CAR-T armato' })).id;
    const p2 = (await ctx.newTechnologyOffer(orgs.S, { title: 'CAR-T duale' })).id;
    // Venture capital, each company's and each fund's ranking (see the first test):
    //        F1  F2  F3
    //   C1   90  80  50
    //   C2   85  88  60
    //   C3   70  65  75
    //   C4   60  55  40
    const vc: Array<[string, string, number]> = [
      ['C1', 'F1', 90], ['C1', 'F2', 80], ['C1', 'F3', 50],
      ['C2', 'F1', 85], ['C2', 'F2', 88], ['C2', 'F3', 60],
      ['C3', 'F1', 70], ['C3', 'F2', 65], ['C3', 'F3', 75],
      ['C4', 'F1', 60], ['C4', 'F2', 55], ['C4', 'F3', 40],
    ];
    // Tech transfer: the centre meets C1 through two offers (the better one counts), C2 and C3 through one.
    await seedMatches(ctx, [
      ...vc.map(([c, f, score]) => ({ area: VC, companyId: orgs[c], counterpartId: orgs[f], score }) as const),
      { area: TT, companyId: orgs.C1, counterpartId: orgs.S, offerId: p1, score: 80 },
      { area: TT, companyId: orgs.C1, counterpartId: orgs.S, offerId: p2, score: 70 },
      { area: TT, companyId: orgs.C2, counterpartId: orgs.S, offerId: p1, score: 60 },
      { area: TT, companyId: orgs.C3, counterpartId: orgs.S, offerId: p2, score: 72 },
    ]);
  }, 60_000);

  beforeEach(async () => {
    await ctx.dataSource.query(`TRUNCATE meeting_proposals, meeting_proposal_runs, meeting_requests, audit_events, outbox_events, match_reviews CASCADE`);
  });
  afterAll(() => ctx.close());

  // ─────────────────────────────────────────────── helpers ───────────────────────────────────────────────

  /** Starts a run as staff with the in-process worker, waits for it to complete, stops the worker. */
  async function run(body: object = {}): Promise<RunView> {
    const worker = await startTestWorker();
    try {
      const res = await ctx.http.post(`${BASE}/runs`).set(...bearer(staff)).send(body);
      expectStatus(res, 202);
      expect(res.body).toEqual({ runId: expect.stringMatching(UUID), status: 'requested' });
      return await eventually(async () => {
        const status = await ctx.http.get(`${BASE}/runs/${res.body.runId}`).set(...bearer(staff));
        expectStatus(status, 200);
        expect(status.body.status).toBe('completed');
        return status.body as RunView;
      }, 20_000);
    } finally {
      await worker.close();
    }
  }

  async function proposals(): Promise<ProposalRow[]> {
    return ctx.dataSource.query(`SELECT * FROM meeting_proposals ORDER BY area, company_id, counterpart_id`);
  }

  /**
   * The candidates as the issue defines them, computed here from the matches table independently of the service's
   * SQL: each pair's best match per area, each side's rank of the other among its own pairs (score, then id),
   * minus pairs with an open request, an earlier proposal or a decline.
   */
  async function expectedCandidates(): Promise<Array<ProposalCandidate & { matchId: string }>> {
    const matches: Array<{ id: string; area: Area; company_id: string; counterpart_id: string; score: number }> = await ctx.dataSource.query(
      `SELECT id, area, company_id, coalesce(fund_id, research_centre_id) AS counterpart_id, score FROM matches`,
    );
    const best = new Map<string, (typeof matches)[number]>();
    for (const m of matches) {
      const key = `${m.area}|${m.company_id}|${m.counterpart_id}`;
      const kept = best.get(key);
      if (!kept || m.score > kept.score || (m.score === kept.score && m.id < kept.id)) best.set(key, m);
    }
    const pairs = [...best.values()];
    const rank = (pair: (typeof pairs)[number], side: 'company_id' | 'counterpart_id') => {
      const other = side === 'company_id' ? 'counterpart_id' : 'company_id';
      const mine = pairs.filter((p) => p.area === pair.area && p[side] === pair[side]).sort((x, y) => y.score - x.score || (x[other] < y[other] ? -1 : 1));
      return mine.findIndex((p) => p === pair) + 1;
    };
    const blocked = new Set<string>();
    const requests: Array<{ area: string; a: string; b: string }> = await ctx.dataSource.query(
      `SELECT area, from_organisation_id AS a, to_organisation_id AS b FROM meeting_requests WHERE status = 'accepted' OR (status = 'pending' AND expires_at > now())`,
    );
    for (const r of requests) blocked.add(`${r.area}|${r.a}|${r.b}`).add(`${r.area}|${r.b}|${r.a}`);
    for (const p of await ctx.dataSource.query(`SELECT area, company_id, counterpart_id FROM meeting_proposals`)) blocked.add(`${p.area}|${p.company_id}|${p.counterpart_id}`);
    for (const r of await ctx.dataSource.query(`SELECT area, organisation_id AS a, counterpart_id AS b FROM match_reviews WHERE decision = 'declined'`)) {
      blocked.add(`${r.area}|${r.a}|${r.b}`).add(`${r.area}|${r.b}|${r.a}`);
    }
    return pairs
      .filter((p) => !blocked.has(`${p.area}|${p.company_id}|${p.counterpart_id}`))
      .map((p) => ({ area: p.area, a: p.company_id, b: p.counterpart_id, score: p.score, rankByA: rank(p, 'company_id'), rankByB: rank(p, 'counterpart_id'), matchId: p.id }));
  }

  function list(user: TestUser, query: Record<string, string | number> = {}) {
    return ctx.http.get(BASE).query(query).set(...bearer(user));
  }

  async function listed(user: TestUser, query: Record<string, string | number> = {}): Promise<ProposalView[]> {
    const res = await list(user, query);
    expectStatus(res, 200);
    expect(res.body.total).toBe(res.body.items.length);
    return res.body.items;
  }

  function act(user: TestUser, id: string, action: 'confirm' | 'dismiss'): Promise<Response> {
    return ctx.http.post(`${BASE}/${id}/${action}`).set(...bearer(user)).then((r) => r);
  }

  async function proposalOf(company: string, counterpart: string): Promise<ProposalRow> {
    const [row] = await ctx.dataSource.query(`SELECT * FROM meeting_proposals WHERE company_id = $1 AND counterpart_id = $2`, [company, counterpart]);
    if (!row) throw new Error(`no proposal between ${nameOf[company]} and ${nameOf[counterpart]}`);
    return row;
  }

  function countsOf(rows: Array<{ company_id: string; counterpart_id: string }>): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of rows) for (const id of [r.company_id, r.counterpart_id]) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }

  // ─────────────────────────────────────────────── the run ───────────────────────────────────────────────

  it('a run proposes reciprocal pairs, each organisation within its cap, and reports its coverage', async () => {
    const candidates = await expectedCandidates();
    const options = { maxPerOrganisation: 2, maxRank: 2 };
    const result = await run(options);
    expect(result).toMatchObject({ status: 'completed', options, eventId: null, failedReason: null, completedAt: expect.any(String) });

    const rows = await proposals();
    // Reciprocal: both sides rank each other within maxRank; the run chose what the pure algorithm chooses from
    // the candidates computed here.
    const expected = selectMeetingProposals(candidates, options);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => `${r.area}|${r.company_id}|${r.counterpart_id}`).sort()).toEqual(expected.map((c) => `${c.area}|${c.a}|${c.b}`).sort());
    const byKey = new Map(candidates.map((c) => [`${c.area}|${c.a}|${c.b}`, c]));
    for (const row of rows) {
      const candidate = byKey.get(`${row.area}|${row.company_id}|${row.counterpart_id}`)!;
      expect(candidate.rankByA).toBeLessThanOrEqual(2);
      expect(candidate.rankByB).toBeLessThanOrEqual(2);
      // The proposal carries its match's snapshot.
      const [match] = await ctx.dataSource.query(`SELECT * FROM matches WHERE id = $1`, [row.match_id]);
      expect(row).toMatchObject({ run_id: result.runId, status: 'open', score: match.score, contributions: match.contributions, technology_offer_id: match.technology_offer_id });
    }
    // Not everyone can be proposed to everyone: some reciprocal-rank filtering happened.
    expect(candidates.filter((c) => c.rankByA <= 2 && c.rankByB <= 2).length).toBeLessThan(candidates.length);
    const counts = countsOf(rows);
    for (const n of counts.values()) expect(n).toBeLessThanOrEqual(2);

    // Coverage: the histogram per type agrees with the table, and everyone without a proposal is named.
    const coverage = result.coverage!;
    expect(coverage).toMatchObject({ proposed: rows.length, carriedOver: 0, participants: 8 });
    const types: Record<string, string> = { C1: 'company', C2: 'company', C3: 'company', C4: 'company', F1: 'fund', F2: 'fund', F3: 'fund', S: 'research_centre' };
    const histogram: Record<string, Record<string, number>> = {};
    for (const [key, type] of Object.entries(types)) {
      const n = String(counts.get(orgs[key]) ?? 0);
      histogram[type] ??= {};
      histogram[type][n] = (histogram[type][n] ?? 0) + 1;
    }
    for (const [type, h] of Object.entries(histogram)) {
      expect({ type, ...coverage.byType[type] }).toEqual({ type, organisations: Object.values(h).reduce((a, b) => a + b, 0), histogram: h });
    }
    const without = Object.keys(types).filter((k) => !counts.has(orgs[k]));
    expect(coverage.withoutProposal.total).toBe(without.length);
    expect(coverage.withoutProposal.organisations.map((o) => o.id).sort()).toEqual(without.map((k) => orgs[k]).sort());
    for (const o of coverage.withoutProposal.organisations) expect(['no_reciprocal_match', 'counterparts_full']).toContain(o.reason);

    // Worked by hand from the table above (reciprocal within rank 2: C1–F1, C2–F2, C3–F3, C1–S, C3–S, C2–F1,
    // C1–F2). Round 1 gives C1–F1, C2–F2, C3–F3; round 2 C3–S (worse rank 2 but better rank 1), C2–F1, C1–S; C1
    // is then full, so C1–F2 is left out. C4 ranks fourth for every fund: no reciprocal match.
    const keyOf = (id: string) => Object.keys(orgs).find((k) => orgs[k] === id);
    expect(rows.map((r) => `${keyOf(r.company_id)}–${keyOf(r.counterpart_id)}`).sort()).toEqual(['C1–F1', 'C1–S', 'C2–F1', 'C2–F2', 'C3–F3', 'C3–S']);
    expect(coverage.byType).toEqual({
      company: { organisations: 4, histogram: { '0': 1, '2': 3 } },
      fund: { organisations: 3, histogram: { '1': 2, '2': 1 } },
      research_centre: { organisations: 1, histogram: { '2': 1 } },
    });
    expect(coverage.withoutProposal).toEqual({
      total: 1,
      byReason: { no_reciprocal_match: 1, counterparts_full: 0 },
      organisations: [{ id: orgs.C4, type: 'company', name: 'Cellula Quattro', reason: 'no_reciprocal_match' }],
    });
    expect(coverage.candidates).toBe(7);
  });

  it('organisations list their own proposals with the counterpart, score and top reasons; staff name the organisation', async () => {
    await run({ maxPerOrganisation: 3, maxRank: 3 });
    const rows = (await proposals()).filter((r) => r.company_id === orgs.C1);
    expect(rows.length).toBeGreaterThan(0);
    const items = await listed(founder);
    expect(items.map((i) => i.id).sort()).toEqual(rows.map((r) => r.id).sort());
    for (const item of items) {
      const row = rows.find((r) => r.id === item.id)!;
      expect(item).toMatchObject({
        area: row.area,
        status: 'open',
        counterpart: { id: row.counterpart_id, name: nameOf[row.counterpart_id], type: row.area === VC ? 'fund' : 'research_centre' },
        score: Math.round(row.score * 10) / 10,
        decision: null,
        requestId: null,
        matchId: row.match_id,
      });
      expect(item.reasons.length).toBeGreaterThan(0);
      expect(item.reasons.length).toBeLessThanOrEqual(3);
      expect(item).not.toHaveProperty('counterpartDecision');
      if (row.area === TT) expect(item.technologyOfferTitle).toMatch(/^CAR-T/);
    }
    // The fund sees its side: the company as counterpart.
    const fundRows = (await proposals()).filter((r) => r.counterpart_id === orgs.F1);
    const fundItems = await listed(investor);
    expect(fundItems.map((i) => i.id).sort()).toEqual(fundRows.map((r) => r.id).sort());
    for (const item of fundItems) expect(item.counterpart.type).toBe('company');
    // Staff: the same list for a named organisation, with both decisions.
    const asStaff = await listed(staff, { organisationId: orgs.C1 });
    expect(asStaff.map((i) => i.id).sort()).toEqual(rows.map((r) => r.id).sort());
    for (const item of asStaff) expect(item).toMatchObject({ decision: null, counterpartDecision: null });
  });

  // ─────────────────────────────────────────────── decisions ───────────────────────────────────────────────

  it('confirmed by both sides, a proposal becomes an accepted meeting request, audited and announced', async () => {
    await run({ maxPerOrganisation: 3, maxRank: 3 });
    const proposal = await proposalOf(orgs.C1, orgs.F1);

    const first = await act(investor, proposal.id, 'confirm');
    expectStatus(first, 200);
    expect(first.body).toMatchObject({ id: proposal.id, status: 'open', decision: 'confirmed', requestId: null, counterpart: { id: orgs.C1 } });
    // The company does not see that the fund confirmed.
    const [before] = (await listed(founder)).filter((i) => i.id === proposal.id);
    expect(before).toMatchObject({ status: 'open', decision: null });
    expect(JSON.stringify(before)).not.toContain('confirmed');
    // Confirming again changes nothing.
    expectStatus(await act(investor, proposal.id, 'confirm'), 200);

    const second = await act(founder, proposal.id, 'confirm');
    expectStatus(second, 200);
    expect(second.body).toMatchObject({ status: 'accepted', decision: 'confirmed', requestId: expect.stringMatching(UUID) });
    const requestId = second.body.requestId;

    const [request] = await ctx.dataSource.query(`SELECT * FROM meeting_requests WHERE id = $1`, [requestId]);
    expect(request).toMatchObject({
      area: VC,
      status: 'accepted',
      // From the side that confirmed first.
      from_organisation_id: orgs.F1,
      to_organisation_id: orgs.C1,
      match_id: proposal.match_id,
      score: proposal.score,
      contributions: proposal.contributions,
      created_by: investor.id,
      decided_by: founder.id,
      decided_at: expect.any(Date),
    });
    expect(await proposalOf(orgs.C1, orgs.F1)).toMatchObject({ status: 'accepted', request_id: requestId, company_decision: 'confirmed', counterpart_decision: 'confirmed' });
    const audit = await ctx.dataSource.query(`SELECT actor_user_id, organisation_id, action, subject_type, subject_id, details FROM audit_events ORDER BY id`);
    expect(audit).toEqual([
      { actor_user_id: investor.id, organisation_id: orgs.F1, action: 'meeting_proposal.confirmed', subject_type: 'meeting_proposal', subject_id: proposal.id, details: {} },
      { actor_user_id: founder.id, organisation_id: orgs.C1, action: 'meeting_proposal.confirmed', subject_type: 'meeting_proposal', subject_id: proposal.id, details: {} },
      { actor_user_id: founder.id, organisation_id: orgs.C1, action: 'meeting_request.accepted', subject_type: 'meeting_request', subject_id: requestId, details: { proposalId: proposal.id } },
    ]);
    const outbox = await ctx.dataSource.query(`SELECT topic, aggregate_type, aggregate_id, organisation_id FROM outbox_events WHERE topic LIKE 'meeting_request.%'`);
    expect(outbox).toEqual([{ topic: 'meeting_request.accepted', aggregate_type: 'meeting_request', aggregate_id: requestId, organisation_id: orgs.C1 }]);

    // Both see the accepted request as a meeting; the proposal is listed as accepted.
    const res = await ctx.http.get(`/api/v1/meeting-requests/${requestId}`).set(...bearer(founder));
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ status: 'accepted', from: { id: orgs.F1 }, to: { id: orgs.C1 } });
    expect((await listed(founder, { status: 'accepted' })).map((i) => i.id)).toEqual([proposal.id]);
    // A closed proposal takes no more decisions; the same answer again is harmless.
    expectError(await act(founder, proposal.id, 'dismiss'), 409, 'PROPOSAL_CLOSED');
    expectStatus(await act(founder, proposal.id, 'confirm'), 200);
  });

  it('a pending request the pair made meanwhile is accepted by the confirmations instead of a second request', async () => {
    await run({ maxPerOrganisation: 3, maxRank: 3 });
    const proposal = await proposalOf(orgs.C1, orgs.F1);
    const pending = await createRequest(() => ctx.http, founder, { toOrganisationId: orgs.F1, area: VC });
    expectStatus(pending, 201);
    expectStatus(await act(founder, proposal.id, 'confirm'), 200);
    const done = await act(investor, proposal.id, 'confirm');
    expect(done.body).toMatchObject({ status: 'accepted', requestId: pending.body.request.id });
    const requests = await ctx.dataSource.query(`SELECT id, status, decided_by FROM meeting_requests`);
    expect(requests).toEqual([{ id: pending.body.request.id, status: 'accepted', decided_by: investor.id }]);
  });

  it('a dismissal closes the proposal for both, without telling the other side who dismissed it', async () => {
    await run({ maxPerOrganisation: 3, maxRank: 3 });
    const proposal = await proposalOf(orgs.C1, orgs.F1);
    expectStatus(await act(investor, proposal.id, 'confirm'), 200);

    const dismissed = await act(founder, proposal.id, 'dismiss');
    expectStatus(dismissed, 200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', decision: 'dismissed', requestId: null });
    expect(await proposalOf(orgs.C1, orgs.F1)).toMatchObject({ status: 'dismissed', company_decision: 'dismissed', counterpart_decision: 'confirmed', request_id: null });
    expect(await ctx.dataSource.query(`SELECT 1 FROM meeting_requests`)).toEqual([]);

    // The fund: gone from its lists, even when it asks for dismissed ones; acting on it says only that it is closed.
    expect((await listed(investor)).map((i) => i.id)).not.toContain(proposal.id);
    expect(await listed(investor, { status: 'dismissed' })).toEqual([]);
    const late = await act(investor, proposal.id, 'confirm');
    expectError(late, 409, 'PROPOSAL_CLOSED');
    expect(JSON.stringify(late.body)).not.toMatch(/company|Cellula|dismissed by/i);
    expectError(await act(investor, proposal.id, 'dismiss'), 409, 'PROPOSAL_CLOSED');
    // The company sees what it dismissed; staff see both decisions.
    expect((await listed(founder, { status: 'dismissed' })).map((i) => i.id)).toEqual([proposal.id]);
    const [asStaff] = (await listed(staff, { organisationId: orgs.F1, status: 'dismissed' })).filter((i) => i.id === proposal.id);
    expect(asStaff).toMatchObject({ decision: 'confirmed', counterpartDecision: 'dismissed' });
    // Dismissing again is harmless; one side answers once.
    expectStatus(await act(founder, proposal.id, 'dismiss'), 200);
    const audit = await ctx.dataSource.query(`SELECT action, organisation_id FROM audit_events ORDER BY id`);
    expect(audit).toEqual([
      { action: 'meeting_proposal.confirmed', organisation_id: orgs.F1 },
      { action: 'meeting_proposal.dismissed', organisation_id: orgs.C1 },
    ]);
  });

  it('a side answers once: after confirming it cannot dismiss', async () => {
    await run({ maxPerOrganisation: 3, maxRank: 3 });
    const proposal = await proposalOf(orgs.C1, orgs.F1);
    expectStatus(await act(founder, proposal.id, 'confirm'), 200);
    expectError(await act(founder, proposal.id, 'dismiss'), 409, 'PROPOSAL_DECIDED');
    expect(await proposalOf(orgs.C1, orgs.F1)).toMatchObject({ status: 'open', company_decision: 'confirmed' });
  });

  // ─────────────────────────────────────────────── repeated runs ───────────────────────────────────────────────

  it('a repeated run keeps open proposals, never re-proposes dismissed pairs, pairs with requests or declined matches', async () => {
    const options = { maxPerOrganisation: 3, maxRank: 4 };
    const firstRun = await run(options);
    const first = await proposals();
    const c1f1 = await proposalOf(orgs.C1, orgs.F1);
    const c2f2 = first.find((r) => r.company_id === orgs.C2 && r.area === VC);
    expect(c2f2).toBeDefined();
    // C1–F1 dismissed; C2 and its fund meet through an accepted request; C1 and S are declined by the centre in
    // its review (the proposal is dismissed as well, so the pair is free again but for the review).
    expectStatus(await act(founder, c1f1.id, 'dismiss'), 200);
    expectStatus(await act(founder2, c2f2!.id, 'confirm'), 200);
    await ctx.dataSource.query(`UPDATE meeting_proposals SET counterpart_decision = 'confirmed', status = 'accepted', closed_at = now() WHERE id = $1`, [c2f2!.id]);
    await ctx.dataSource.query(`DELETE FROM meeting_proposals WHERE company_id = $1 AND counterpart_id = $2`, [orgs.C1, orgs.S]);
    await ctx.dataSource.query(`INSERT INTO match_reviews (organisation_id, counterpart_id, area, decision, reason) VALUES ($1, $2, 'tech_transfer', 'declined', 'timing')`, [orgs.S, orgs.C1]);
    // A pending request between C3 and F3 blocks that pair too.
    await ctx.dataSource.query(`DELETE FROM meeting_proposals WHERE company_id = $1 AND counterpart_id = $2`, [orgs.C3, orgs.F3]);
    await ctx.dataSource.query(
      `INSERT INTO meeting_requests (area, from_organisation_id, to_organisation_id, expires_at) VALUES ('venture_capital', $1, $2, now() + interval '1 day')`,
      [orgs.C3, orgs.F3],
    );
    const candidatesBefore = await expectedCandidates();
    const openBefore = await ctx.dataSource.query(`SELECT id FROM meeting_proposals WHERE status = 'open' ORDER BY id`);

    const second = await run(options);
    const added: ProposalRow[] = await ctx.dataSource.query(`SELECT * FROM meeting_proposals WHERE run_id = $1`, [second.runId]);
    const addedKeys = added.map((r) => `${r.area}|${r.company_id}|${r.counterpart_id}`);
    for (const blocked of [`${VC}|${orgs.C1}|${orgs.F1}`, `${VC}|${orgs.C2}|${c2f2!.counterpart_id}`, `${TT}|${orgs.C1}|${orgs.S}`, `${VC}|${orgs.C3}|${orgs.F3}`]) {
      expect(addedKeys).not.toContain(blocked);
    }
    // Open proposals of the first run stay and count against the caps.
    expect((await ctx.dataSource.query(`SELECT id FROM meeting_proposals WHERE run_id = $1 AND status = 'open' ORDER BY id`, [firstRun.runId])).length).toBe(openBefore.length);
    expect(second.coverage).toMatchObject({ carriedOver: openBefore.length, proposed: added.length });
    const expected = selectMeetingProposals(candidatesBefore, { ...options, alreadyProposed: countsOf(await ctx.dataSource.query(`SELECT company_id, counterpart_id FROM meeting_proposals WHERE status = 'open' AND run_id = $1`, [firstRun.runId])) });
    expect(addedKeys.sort()).toEqual(expected.map((c) => `${c.area}|${c.a}|${c.b}`).sort());
    for (const n of countsOf(await ctx.dataSource.query(`SELECT company_id, counterpart_id FROM meeting_proposals WHERE status = 'open'`)).values()) {
      expect(n).toBeLessThanOrEqual(options.maxPerOrganisation);
    }
    // At most one open proposal per pair and area.
    const [{ dupes }] = await ctx.dataSource.query(
      `SELECT count(*)::int AS dupes FROM (SELECT 1 FROM meeting_proposals WHERE status = 'open' GROUP BY company_id, counterpart_id, area HAVING count(*) > 1) d`,
    );
    expect(dupes).toBe(0);
  });

  it('a re-delivered job for a finished run changes nothing', async () => {
    const done = await run({ maxPerOrganisation: 2, maxRank: 3 });
    const before = await proposals();
    const again = await ctx.app.get(MeetingProposalRunsService).execute(done.runId);
    expect(again).toEqual({ runId: done.runId, status: 'completed', alreadyDone: true });
    expect(await proposals()).toEqual(before);
  });

  // ─────────────────────────────────────────────── bad input ───────────────────────────────────────────────

  it.each([
    [{ maxRank: 0 }, 'maxRank'],
    [{ maxRank: 101 }, 'maxRank'],
    [{ maxPerOrganisation: 'three' }, 'maxPerOrganisation'],
    [{ maxPerOrganisation: 2.5 }, 'maxPerOrganisation'],
    [{ maxPerOrganisation: 0 }, 'maxPerOrganisation'],
    [{ eventId: MALFORMED_ID }, 'eventId'],
  ])('a run with %j is refused, naming %s', async (body, field) => {
    const res = await ctx.http.post(`${BASE}/runs`).set(...bearer(staff)).send(body);
    expectError(res, 400, 'VALIDATION_FAILED', field);
    expect(await ctx.dataSource.query(`SELECT 1 FROM meeting_proposal_runs`)).toEqual([]);
    expect(await ctx.dataSource.query(`SELECT 1 FROM outbox_events`)).toEqual([]);
  });

  it('bad list filters, ids and unknown runs get clear errors', async () => {
    expectError(await list(founder, { status: 'pending' }), 400, 'VALIDATION_FAILED', 'status');
    expectError(await list(founder, { limit: 0 }), 400, 'VALIDATION_FAILED', 'limit');
    expectError(await list(staff, {}), 400, 'VALIDATION_FAILED', 'organisationId');
    expectError(await list(staff, { organisationId: MALFORMED_ID }), 400, 'VALIDATION_FAILED', 'organisationId');
    expectError(await act(founder, MALFORMED_ID, 'confirm'), 400, 'VALIDATION_FAILED', 'id');
    expectError(await act(founder, UNKNOWN_ID, 'dismiss'), 404, 'NOT_FOUND');
    expectError(await ctx.http.get(`${BASE}/runs/${UNKNOWN_ID}`).set(...bearer(staff)), 404, 'NOT_FOUND');
    expectError(await ctx.http.post(`${BASE}/runs`).set(...bearer(staff)).send({ eventId: UNKNOWN_ID }), 404, 'NOT_FOUND');
    expect(await ctx.dataSource.query(`SELECT 1 FROM meeting_proposal_runs`)).toEqual([]);
    expectError(await ctx.http.get(`${BASE}/runs/${MALFORMED_ID}`).set(...bearer(staff)), 400, 'VALIDATION_FAILED', 'id');
  });

  it('a request accepted directly also keeps the pair out of later runs', async () => {
    const res = await createRequest(() => ctx.http, founder, { toOrganisationId: orgs.F1, area: VC });
    expectStatus(res, 201);
    expectStatus(await decide(() => ctx.http, investor, res.body.request.id, 'accept'), 200);
    await run({ maxPerOrganisation: 5, maxRank: 10 });
    expect((await proposals()).filter((r) => r.company_id === orgs.C1 && r.counterpart_id === orgs.F1)).toEqual([]);
    // Everyone else reciprocal within the ranks got theirs (nobody hit a cap of 5 here).
    expect((await proposals()).length).toBeGreaterThan(0);
  });
});
