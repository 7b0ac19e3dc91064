import type { INestApplication } from '@nestjs/common';
import type { Response } from 'supertest';
import { bearer, TestContext, type TestUser } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { CAR_T_OFFER, FITTING_CENTRE, FITTING_COMPANY, FITTING_FUND, matchesOf, scoringSettled, type MatchItem } from '../support/matching-fixtures';
import {
  auditRows,
  BASE,
  countOf,
  createRequest,
  decide,
  expectError,
  expectStatus,
  expire,
  getRequest,
  ISO_DATE,
  listRequests,
  MALFORMED_ID,
  requestRow,
  requestRows,
  startApiWithEnv,
  UNKNOWN_ID,
  UUID,
  type Quota,
  type RequestView,
} from '../support/meeting-requests-support';

const DAY_MS = 24 * 60 * 60 * 1000;
const VC = 'venture_capital';
const TT = 'tech_transfer';

describe('meeting requests', () => {
  let ctx: TestContext;
  const http = () => ctx.http;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(() => ctx.truncate());
  afterAll(() => ctx.close());

  // ─────────────────────────────────────────────── helpers ───────────────────────────────────────────────

  /** A company, a fund and a research centre, each with one member; a second (memberless) company and fund; staff. */
  async function parties() {
    const founder = await ctx.newUser('company');
    const company = await ctx.newCompany(founder, { name: 'Cellula Therapeutics' });
    const investor = await ctx.newUser('investor');
    const fund = await ctx.newFund(investor, { name: 'Navigli Ventures' });
    const tto = await ctx.newUser('research_centre');
    const centre = await ctx.newResearchCentre(tto, { name: 'Istituto Lombardo' });
    const otherCompany = await ctx.newCompany(undefined, { name: 'Other Company' });
    const otherFund = await ctx.newFund(undefined, { name: 'Other Fund' });
    const staff = await ctx.newUser('staff');
    return { founder, company, investor, fund, tto, centre, otherCompany, otherFund, staff };
  }

  /** A fund with a member of its own. */
  async function fundWithMember(name: string): Promise<{ member: TestUser; fund: { id: string; name: string } }> {
    const member = await ctx.newUser('investor');
    const fund = await ctx.newFund(member, { name });
    return { member, fund };
  }

  /** POSTs a request and asserts the 201; returns its body. */
  async function created(user: TestUser, body: object): Promise<{ request: RequestView; quota: Quota }> {
    const res = await createRequest(http, user, body);
    expectStatus(res, 201);
    return res.body;
  }

  async function decided(user: TestUser, id: string, decision: 'accept' | 'withdraw' | 'decline', body?: object): Promise<RequestView> {
    const res = await decide(http, user, id, decision, body);
    expectStatus(res, 200);
    return res.body;
  }

  async function quotaOf(user: TestUser): Promise<Quota> {
    const res = await listRequests(http, user);
    expectStatus(res, 200);
    return res.body.quota;
  }

  const quota = (used: number, limit = 10): Quota => ({ limit, used, remaining: Math.max(0, limit - used) });
  const ids = (res: Response) => (res.body.items as RequestView[]).map((r) => r.id);

  /** Runs `action`, asserting that it wrote neither a meeting request nor an audit row, nor changed any request. */
  async function writesNothing<T>(action: () => Promise<T>): Promise<T> {
    const [rowsBefore, auditBefore] = [await requestRows(ctx), await countOf(ctx, 'audit_events')];
    const result = await action();
    expect(await requestRows(ctx)).toEqual(rowsBefore);
    expect(await countOf(ctx, 'audit_events')).toBe(auditBefore);
    return result;
  }

  // ──────────────────────────────────────────────── lifecycle ────────────────────────────────────────────────

  describe('lifecycle', () => {
    it('creates a pending request: 201 with the request and the quota, one audit row; each side reads it from its own side', async () => {
      const { founder, company, investor, fund, staff } = await parties();
      const body = await created(founder, { toOrganisationId: fund.id, area: VC, message: 'Would you meet us at the Hub on Thursday?' });

      const request = body.request;
      expect(request).toEqual({
        id: expect.stringMatching(UUID),
        area: VC,
        status: 'pending',
        direction: 'outgoing',
        from: { type: 'company', id: company.id, name: 'Cellula Therapeutics' },
        to: { type: 'fund', id: fund.id, name: 'Navigli Ventures' },
        message: 'Would you meet us at the Hub on Thursday?',
        score: null,
        reasons: [],
        matchId: null,
        technologyOfferId: null,
        eventId: null,
        createdAt: expect.stringMatching(ISO_DATE),
        expiresAt: expect.stringMatching(ISO_DATE),
        decidedAt: null,
      });
      expect(Date.parse(request.expiresAt) - Date.parse(request.createdAt)).toBe(14 * DAY_MS); // MEETING_REQUEST_TTL_DAYS
      expect(Math.abs(Date.parse(request.createdAt) - Date.now())).toBeLessThan(60_000);
      expect(body.quota).toEqual(quota(1));

      const row = await requestRow(ctx, request.id);
      expect(row).toMatchObject({ status: 'pending', from_organisation_id: company.id, to_organisation_id: fund.id, created_by: founder.id, decided_by: null, decline_reason: null });
      expect(await auditRows(ctx)).toEqual([
        {
          id: expect.any(String),
          actor_user_id: founder.id,
          organisation_id: company.id,
          action: 'meeting_request.created',
          subject_type: 'meeting_request',
          subject_id: request.id,
          details: { to: fund.id, area: VC },
        },
      ]);

      // The sender reads what it was answered; the receiver sees it incoming; staff from nobody's side.
      expect((await getRequest(http, founder, request.id).expect(200)).body).toEqual(request);
      const incoming = (await getRequest(http, investor, request.id).expect(200)).body;
      expect(incoming).toEqual({ ...request, direction: 'incoming', declineReason: null });
      const seenByStaff = (await getRequest(http, staff, request.id).expect(200)).body;
      expect(seenByStaff).toEqual({ ...request, direction: null, declineReason: null });

      // A message is optional.
      const other = await ctx.newFund(undefined, { name: 'Silent Fund' });
      const plain = await created(founder, { toOrganisationId: other.id, area: VC });
      expect(plain.request).toMatchObject({ message: null, status: 'pending', to: { id: other.id } });
      expect(plain.quota).toEqual(quota(2));
    });

    it('pending → accepted by the receiver: decided, audited, and closed to every further decision', async () => {
      const { founder, company, investor, fund } = await parties();
      const { request } = await created(founder, { toOrganisationId: fund.id, area: VC });

      const accepted = await decided(investor, request.id, 'accept');
      expect(accepted).toEqual({ ...request, status: 'accepted', direction: 'incoming', decidedAt: expect.stringMatching(ISO_DATE), declineReason: null });
      expect(Date.parse(accepted.decidedAt!)).toBeGreaterThanOrEqual(Date.parse(request.createdAt));
      expect((await getRequest(http, founder, request.id).expect(200)).body).toMatchObject({ status: 'accepted', decidedAt: accepted.decidedAt });
      expect(await requestRow(ctx, request.id)).toMatchObject({ status: 'accepted', decided_by: investor.id, decline_reason: null });
      expect((await auditRows(ctx, request.id)).map((a) => [a.action, a.actor_user_id, a.organisation_id, a.details])).toEqual([
        ['meeting_request.created', founder.id, company.id, { to: fund.id, area: VC }],
        ['meeting_request.accepted', investor.id, fund.id, {}],
      ]);

      // Closed: every decision now gets 409 REQUEST_CLOSED, and changes nothing.
      await writesNothing(async () => {
        expectError(await decide(http, investor, request.id, 'accept'), 409, 'REQUEST_CLOSED');
        expectError(await decide(http, investor, request.id, 'decline', { reason: 'timing' }), 409, 'REQUEST_CLOSED');
        expectError(await decide(http, founder, request.id, 'withdraw'), 409, 'REQUEST_CLOSED');
      });
      const closed = await decide(http, investor, request.id, 'accept');
      expect(closed.body.message).toMatch(/accepted/);
    });

    it('pending → declined by the receiver: the reason is shown to the decliner and staff, never to the requester', async () => {
      const { founder, company, investor, fund, staff } = await parties();
      const { request } = await created(founder, { toOrganisationId: fund.id, area: VC });

      const declined = await decided(investor, request.id, 'decline', { reason: 'ticket' });
      expect(declined).toEqual({ ...request, status: 'declined', direction: 'incoming', decidedAt: expect.stringMatching(ISO_DATE), declineReason: 'ticket' });
      expect((await getRequest(http, investor, request.id).expect(200)).body.declineReason).toBe('ticket');
      expect((await getRequest(http, staff, request.id).expect(200)).body.declineReason).toBe('ticket');
      expect((await listRequests(http, staff, { organisationId: company.id }).expect(200)).body.items[0].declineReason).toBe('ticket');
      expect((await listRequests(http, investor).expect(200)).body.items[0].declineReason).toBe('ticket');

      // The requester learns that it was declined, not why: no field, and the reason nowhere in the body.
      const seen = await getRequest(http, founder, request.id).expect(200);
      expect(seen.body).toMatchObject({ status: 'declined', decidedAt: declined.decidedAt });
      expect(seen.body).not.toHaveProperty('declineReason');
      expect(JSON.stringify(seen.body)).not.toContain('ticket');
      const listed = await listRequests(http, founder).expect(200);
      expect(listed.body.items).toHaveLength(1);
      expect(listed.body.items[0]).not.toHaveProperty('declineReason');
      expect(JSON.stringify(listed.body)).not.toContain('ticket');
      const filtered = await listRequests(http, founder, { status: 'declined', direction: 'outgoing' }).expect(200);
      expect(filtered.body.items[0]).not.toHaveProperty('declineReason');

      expect(await requestRow(ctx, request.id)).toMatchObject({ status: 'declined', decline_reason: 'ticket', decided_by: investor.id });
      expect((await auditRows(ctx, request.id)).map((a) => [a.action, a.actor_user_id, a.organisation_id, a.details])).toEqual([
        ['meeting_request.created', founder.id, company.id, { to: fund.id, area: VC }],
        ['meeting_request.declined', investor.id, fund.id, { reason: 'ticket' }],
      ]);

      await writesNothing(async () => {
        expectError(await decide(http, investor, request.id, 'accept'), 409, 'REQUEST_CLOSED');
        expectError(await decide(http, founder, request.id, 'withdraw'), 409, 'REQUEST_CLOSED');
      });

      // Once it is closed, the pair may ask again, from either side.
      const again = await created(investor, { toOrganisationId: company.id, area: VC });
      expect(again.request).toMatchObject({ status: 'pending', from: { id: fund.id }, to: { id: company.id } });
    });

    it('accepts each decline reason, and refuses a missing or unknown one with 400 naming `reason`', async () => {
      const { founder, investor, fund } = await parties();
      for (const reason of ['stage', 'ticket', 'area', 'timing', 'other']) {
        const { request } = await created(founder, { toOrganisationId: fund.id, area: VC });
        await writesNothing(async () => {
          expectError(await decide(http, investor, request.id, 'decline'), 400, 'VALIDATION_FAILED', 'reason');
          expectError(await decide(http, investor, request.id, 'decline', { reason: 'price' }), 400, 'VALIDATION_FAILED', 'reason');
          expectError(await decide(http, investor, request.id, 'decline', { reason, note: 'x' }), 400, 'VALIDATION_FAILED', 'note');
        });
        expect((await decided(investor, request.id, 'decline', { reason })).declineReason).toBe(reason);
        expect(await requestRow(ctx, request.id)).toMatchObject({ status: 'declined', decline_reason: reason });
      }
    });

    it('pending → withdrawn by the sender: the receiver can no longer answer it', async () => {
      const { founder, company, investor, fund } = await parties();
      const { request } = await created(founder, { toOrganisationId: fund.id, area: VC });

      const withdrawn = await decided(founder, request.id, 'withdraw');
      expect(withdrawn).toEqual({ ...request, status: 'withdrawn', decidedAt: expect.stringMatching(ISO_DATE) });
      expect(withdrawn).not.toHaveProperty('declineReason');
      expect((await getRequest(http, investor, request.id).expect(200)).body).toMatchObject({ status: 'withdrawn', direction: 'incoming' });
      expect(await requestRow(ctx, request.id)).toMatchObject({ status: 'withdrawn', decided_by: founder.id });
      expect((await auditRows(ctx, request.id)).map((a) => [a.action, a.actor_user_id, a.organisation_id, a.details])).toEqual([
        ['meeting_request.created', founder.id, company.id, { to: fund.id, area: VC }],
        ['meeting_request.withdrawn', founder.id, company.id, {}],
      ]);

      await writesNothing(async () => {
        expectError(await decide(http, investor, request.id, 'accept'), 409, 'REQUEST_CLOSED');
        expectError(await decide(http, investor, request.id, 'decline', { reason: 'stage' }), 409, 'REQUEST_CLOSED');
        expectError(await decide(http, founder, request.id, 'withdraw'), 409, 'REQUEST_CLOSED');
      });
    });

    it('pending → expired: past expires_at it reads as expired, cannot be decided, frees the quota and the pair', async () => {
      const { founder, company, investor, fund, staff } = await parties();
      const { request } = await created(founder, { toOrganisationId: fund.id, area: VC });
      await expire(ctx, request.id);

      for (const reader of [founder, investor, staff]) {
        const res = await getRequest(http, reader, request.id).expect(200);
        expect(res.body).toMatchObject({ id: request.id, status: 'expired', decidedAt: null });
      }
      await writesNothing(async () => {
        const refused = await decide(http, investor, request.id, 'accept');
        expectError(refused, 409, 'REQUEST_CLOSED');
        expect(refused.body.message).toMatch(/expired/);
        expectError(await decide(http, investor, request.id, 'decline', { reason: 'timing' }), 409, 'REQUEST_CLOSED');
        expectError(await decide(http, founder, request.id, 'withdraw'), 409, 'REQUEST_CLOSED');
      });
      expect(await auditRows(ctx, request.id)).toHaveLength(1); // only its creation

      // Listed as expired, not as pending; no longer counted against the sender's quota.
      expect(ids(await listRequests(http, founder, { status: 'expired' }).expect(200))).toEqual([request.id]);
      expect(ids(await listRequests(http, investor, { status: 'expired', direction: 'incoming' }).expect(200))).toEqual([request.id]);
      expect(ids(await listRequests(http, founder, { status: 'pending' }).expect(200))).toEqual([]);
      expect(await quotaOf(founder)).toEqual(quota(0));

      // The pair may ask again (here the other side); the stale row is then marked expired for good.
      const again = await created(investor, { toOrganisationId: company.id, area: VC });
      expect(again.request).toMatchObject({ status: 'pending', from: { id: fund.id }, to: { id: company.id } });
      expect((await requestRow(ctx, request.id)).status).toBe('expired');
      expect(ids(await listRequests(http, founder, { status: 'expired' }).expect(200))).toEqual([request.id]);
      expect(ids(await listRequests(http, founder, { status: 'pending' }).expect(200))).toEqual([again.request.id]);
    });

    it('only the receiver accepts or declines and only the sender withdraws: 403 for the other party, nothing changed', async () => {
      const { founder, investor, fund, staff } = await parties();
      const { request } = await created(founder, { toOrganisationId: fund.id, area: VC });
      const stranger = await ctx.newUser('company');
      await ctx.newCompany(stranger);
      const nobody = await ctx.newUser('investor');

      await writesNothing(async () => {
        expectError(await decide(http, founder, request.id, 'accept'), 403, 'FORBIDDEN');
        expectError(await decide(http, founder, request.id, 'decline', { reason: 'stage' }), 403, 'FORBIDDEN');
        expectError(await decide(http, investor, request.id, 'withdraw'), 403, 'FORBIDDEN');
        // Staff read but never decide; users without an organisation have nothing to decide with.
        for (const decision of ['accept', 'withdraw'] as const) {
          expectError(await decide(http, staff, request.id, decision), 403, 'FORBIDDEN');
          expectError(await decide(http, nobody, request.id, decision), 403, 'FORBIDDEN');
        }
        // A member of an unrelated organisation does not learn that it exists.
        expectError(await decide(http, stranger, request.id, 'accept'), 404, 'NOT_FOUND');
        expectError(await decide(http, stranger, request.id, 'withdraw'), 404, 'NOT_FOUND');
        expectError(await getRequest(http, stranger, request.id), 404, 'NOT_FOUND');
        expectError(await decide(http, investor, UNKNOWN_ID, 'accept'), 404, 'NOT_FOUND');
        expectError(await decide(http, investor, MALFORMED_ID, 'accept'), 400, 'VALIDATION_FAILED', 'id');
        expectError(await getRequest(http, investor, MALFORMED_ID), 400, 'VALIDATION_FAILED', 'id');
      });
      expect((await getRequest(http, investor, request.id).expect(200)).body.status).toBe('pending');
      await decided(investor, request.id, 'accept'); // still open to the right party
    });
  });

  // ────────────────────────────────────────────────── quota ──────────────────────────────────────────────────

  describe('quota', () => {
    it('counts open outgoing requests: used and remaining move with creation, withdrawal, answers and expiry', async () => {
      const { founder, company } = await parties();
      const funds = [await fundWithMember('Fund 1'), await fundWithMember('Fund 2'), await fundWithMember('Fund 3'), await fundWithMember('Fund 4')];
      expect(await quotaOf(founder)).toEqual(quota(0));

      const sent: RequestView[] = [];
      for (const [i, { fund }] of funds.entries()) {
        const body = await created(founder, { toOrganisationId: fund.id, area: VC });
        expect(body.quota).toEqual(quota(i + 1)); // … "7 of 10 left" after the third, "6 of 10 left" after the fourth
        sent.push(body.request);
      }
      expect(await quotaOf(founder)).toEqual({ limit: 10, used: 4, remaining: 6 });
      // Incoming requests cost the receiver nothing.
      for (const { member } of funds) expect(await quotaOf(member)).toEqual(quota(0));

      await decided(founder, sent[3].id, 'withdraw');
      expect(await quotaOf(founder)).toEqual(quota(3));
      await decided(funds[0].member, sent[0].id, 'accept');
      expect(await quotaOf(founder)).toEqual(quota(2));
      await decided(funds[1].member, sent[1].id, 'decline', { reason: 'stage' });
      expect(await quotaOf(founder)).toEqual(quota(1));
      await expire(ctx, sent[2].id);
      expect(await quotaOf(founder)).toEqual(quota(0));

      // Every kind of request counts, in either area; the quota in the answer is the one after it.
      const centre = await ctx.newResearchCentre(undefined, { name: 'Centre' });
      expect((await created(founder, { toOrganisationId: centre.id, area: TT })).quota).toEqual(quota(1));
      expect((await listRequests(http, founder, { direction: 'incoming' }).expect(200)).body.quota).toEqual(quota(1));
      // The receiver asking back uses its own quota, not the company's.
      const back = await created(funds[0].member, { toOrganisationId: company.id, area: VC });
      expect(back.quota).toEqual(quota(1));
      expect(await quotaOf(founder)).toEqual(quota(1));
    });

    it('refuses the 11th open request with 429 QUOTA_EXCEEDED, writing nothing; a withdrawal frees a place', async () => {
      const { founder, company, tto, centre } = await parties();
      const funds: Array<{ id: string }> = [];
      for (let i = 0; i < 11; i += 1) funds.push(await ctx.newFund(undefined, { name: `Fund ${i + 1}` }));
      const sent: RequestView[] = [];
      for (const [i, fund] of funds.slice(0, 10).entries()) {
        const body = await created(founder, { toOrganisationId: fund.id, area: VC });
        expect(body.quota).toEqual(quota(i + 1));
        sent.push(body.request);
      }
      expect(await quotaOf(founder)).toEqual({ limit: 10, used: 10, remaining: 0 });

      await writesNothing(async () => {
        const refused = await createRequest(http, founder, { toOrganisationId: funds[10].id, area: VC });
        expectError(refused, 429, 'QUOTA_EXCEEDED');
        expect(refused.body.message).toMatch(/10/);
        // Any area: the quota is the organisation's.
        expectError(await createRequest(http, founder, { toOrganisationId: centre.id, area: TT }), 429, 'QUOTA_EXCEEDED');
      });
      expect(await countOf(ctx, 'meeting_requests')).toBe(10);

      // Others are not held back by the company's quota, even towards it.
      expect((await created(tto, { toOrganisationId: company.id, area: TT })).quota).toEqual(quota(1));

      await decided(founder, sent[4].id, 'withdraw');
      const eleventh = await created(founder, { toOrganisationId: funds[10].id, area: VC });
      expect(eleventh.quota).toEqual({ limit: 10, used: 10, remaining: 0 });
      expectError(await createRequest(http, founder, { toOrganisationId: funds[4].id, area: VC }), 429, 'QUOTA_EXCEEDED');
    });

    it('follows MEETING_REQUEST_QUOTA and MEETING_REQUEST_TTL_DAYS', async () => {
      const { founder, fund, otherFund, staff } = await parties();
      const third = await ctx.newFund(undefined, { name: 'Third Fund' });
      const api = await startApiWithEnv({ meetingRequests: { quota: 2, ttlDays: 3 } });
      try {
        const first = await createRequest(api.http, founder, { toOrganisationId: fund.id, area: VC });
        expectStatus(first, 201);
        expect(first.body.quota).toEqual({ limit: 2, used: 1, remaining: 1 });
        expect(Date.parse(first.body.request.expiresAt) - Date.parse(first.body.request.createdAt)).toBe(3 * DAY_MS);
        expect((await createRequest(api.http, founder, { toOrganisationId: otherFund.id, area: VC }).expect(201)).body.quota).toEqual({ limit: 2, used: 2, remaining: 0 });
        const refused = await createRequest(api.http, founder, { toOrganisationId: third.id, area: VC });
        expectError(refused, 429, 'QUOTA_EXCEEDED');
        expect(await countOf(ctx, 'meeting_requests')).toBe(2);
        const listed = await listRequests(api.http, founder).expect(200);
        expect(listed.body.quota).toEqual({ limit: 2, used: 2, remaining: 0 });
        // Staff see the organisation's quota too.
        expect((await listRequests(api.http, staff, { organisationId: founder.organisationId! }).expect(200)).body.quota).toEqual({ limit: 2, used: 2, remaining: 0 });
      } finally {
        await api.app.close();
      }
      // The default configuration still allows more.
      expect((await created(founder, { toOrganisationId: third.id, area: VC })).quota).toEqual(quota(3));
    });
  });

  // ───────────────────────────────────────────────── listing ─────────────────────────────────────────────────

  describe('listing', () => {
    /**
     * The company's requests, oldest first: r1 A→F accepted, r2 A→H withdrawn, r3 G→A declined by A (timing),
     * r4 A→R expired, r5 A→J pending, r6 B→F pending (not A's), r7 G→A pending.
     */
    async function history() {
      const p = await parties();
      const g = await fundWithMember('Fund G');
      const founderB = await ctx.newUser('company');
      const companyB = await ctx.newCompany(founderB, { name: 'Company B' });
      const h = await ctx.newFund(undefined, { name: 'Fund H' });
      const j = await ctx.newFund(undefined, { name: 'Fund J' });

      const r1 = (await created(p.founder, { toOrganisationId: p.fund.id, area: VC })).request;
      const r2 = (await created(p.founder, { toOrganisationId: h.id, area: VC })).request;
      const r3 = (await created(g.member, { toOrganisationId: p.company.id, area: VC, message: 'Coffee?' })).request;
      const r4 = (await created(p.founder, { toOrganisationId: p.centre.id, area: TT })).request;
      const r5 = (await created(p.founder, { toOrganisationId: j.id, area: VC })).request;
      const r6 = (await created(founderB, { toOrganisationId: p.fund.id, area: VC })).request;
      await decided(p.investor, r1.id, 'accept');
      await decided(p.founder, r2.id, 'withdraw');
      await decided(p.founder, r3.id, 'decline', { reason: 'timing' });
      await expire(ctx, r4.id);
      const r7 = (await created(g.member, { toOrganisationId: p.company.id, area: VC })).request;
      return { ...p, g, founderB, companyB, r1, r2, r3, r4, r5, r6, r7 };
    }

    it('lists both directions by default, newest first, each item from the caller’s side, with the quota', async () => {
      const w = await history();
      const res = await listRequests(http, w.founder).expect(200);
      expect(res.body).toEqual({ items: expect.any(Array), total: 6, limit: 20, offset: 0, quota: quota(1) });
      expect(ids(res)).toEqual([w.r7, w.r5, w.r4, w.r3, w.r2, w.r1].map((r) => r.id));
      const items = res.body.items as RequestView[];
      expect(items.map((r) => [r.direction, r.status])).toEqual([
        ['incoming', 'pending'],
        ['outgoing', 'pending'],
        ['outgoing', 'expired'],
        ['incoming', 'declined'],
        ['outgoing', 'withdrawn'],
        ['outgoing', 'accepted'],
      ]);
      for (const item of items) expect([item.from.id, item.to.id]).toContain(w.company.id);
      // Each item as GET /:id shows it to the same caller.
      for (const item of items) expect((await getRequest(http, w.founder, item.id).expect(200)).body).toEqual(item);
      // The company declined r3 itself: it sees its own reason.
      expect(items[3]).toMatchObject({ id: w.r3.id, declineReason: 'timing', message: 'Coffee?' });

      // The fund's list: the company's request it accepted and company B's, nothing else.
      const fundList = await listRequests(http, w.investor).expect(200);
      expect(ids(fundList)).toEqual([w.r6.id, w.r1.id]);
      expect(fundList.body).toMatchObject({ total: 2, quota: quota(0) });
      // Fund G asked twice: the declined one carries no reason for it.
      const gList = await listRequests(http, w.g.member).expect(200);
      expect(ids(gList)).toEqual([w.r7.id, w.r3.id]);
      expect(gList.body.items[1]).toMatchObject({ status: 'declined', direction: 'outgoing' });
      expect(gList.body.items[1]).not.toHaveProperty('declineReason');
      expect(gList.body.quota).toEqual(quota(1));
    });

    it('filters by direction and by status (expired included), alone and together', async () => {
      const w = await history();
      const list = async (query: Record<string, string>) => {
        const res = await listRequests(http, w.founder, query).expect(200);
        expect(res.body.total).toBe(res.body.items.length);
        return ids(res);
      };
      expect(await list({ direction: 'outgoing' })).toEqual([w.r5, w.r4, w.r2, w.r1].map((r) => r.id));
      expect(await list({ direction: 'incoming' })).toEqual([w.r7, w.r3].map((r) => r.id));
      expect(await list({ status: 'pending' })).toEqual([w.r7, w.r5].map((r) => r.id));
      expect(await list({ status: 'accepted' })).toEqual([w.r1.id]);
      expect(await list({ status: 'declined' })).toEqual([w.r3.id]);
      expect(await list({ status: 'withdrawn' })).toEqual([w.r2.id]);
      expect(await list({ status: 'expired' })).toEqual([w.r4.id]);
      expect(await list({ direction: 'outgoing', status: 'pending' })).toEqual([w.r5.id]);
      expect(await list({ direction: 'incoming', status: 'pending' })).toEqual([w.r7.id]);
      expect(await list({ direction: 'incoming', status: 'expired' })).toEqual([]);
      expect(await list({ direction: 'outgoing', status: 'declined' })).toEqual([]);
      const centreView = await listRequests(http, w.tto, { direction: 'incoming', status: 'expired' }).expect(200);
      expect(ids(centreView)).toEqual([w.r4.id]);
      expect(centreView.body.items[0]).toMatchObject({ area: TT, direction: 'incoming', status: 'expired' });
    });

    it('pages with limit and offset over a stable order', async () => {
      const w = await history();
      const all = [w.r7, w.r5, w.r4, w.r3, w.r2, w.r1].map((r) => r.id);
      const pages: string[] = [];
      for (let offset = 0; offset < 6; offset += 2) {
        const res = await listRequests(http, w.founder, { limit: 2, offset }).expect(200);
        expect(res.body).toMatchObject({ total: 6, limit: 2, offset });
        expect(res.body.items).toHaveLength(2);
        pages.push(...ids(res));
      }
      expect(pages).toEqual(all);
      expect((await listRequests(http, w.founder, { limit: 5, offset: 6 }).expect(200)).body).toEqual({ items: [], total: 6, limit: 5, offset: 6, quota: quota(1) });
      expect(ids(await listRequests(http, w.founder, { status: 'pending', limit: 1, offset: 1 }).expect(200))).toEqual([w.r5.id]);
    });

    it('staff list any organisation’s requests (organisationId required), with every decline reason; members only their own', async () => {
      const w = await history();
      expectError(await listRequests(http, w.staff), 400, 'VALIDATION_FAILED', 'organisationId');
      expectError(await listRequests(http, w.staff, { organisationId: UNKNOWN_ID }), 404, 'NOT_FOUND');
      const res = await listRequests(http, w.staff, { organisationId: w.company.id }).expect(200);
      expect(ids(res)).toEqual([w.r7, w.r5, w.r4, w.r3, w.r2, w.r1].map((r) => r.id));
      expect(res.body).toMatchObject({ total: 6, quota: quota(1) });
      for (const item of res.body.items as RequestView[]) {
        expect(item.direction).toBeNull();
        expect(item).toHaveProperty('declineReason');
      }
      expect(res.body.items[3].declineReason).toBe('timing');
      const outgoing = await listRequests(http, w.staff, { organisationId: w.g.fund.id, direction: 'outgoing', status: 'declined' }).expect(200);
      expect(outgoing.body.items).toEqual([expect.objectContaining({ id: w.r3.id, declineReason: 'timing', direction: null })]);

      // A member may name its own organisation, not another one.
      expect(ids(await listRequests(http, w.founder, { organisationId: w.company.id }).expect(200))).toHaveLength(6);
      expectError(await listRequests(http, w.founder, { organisationId: w.fund.id }), 403, 'FORBIDDEN');
      expectError(await listRequests(http, w.investor, { organisationId: w.company.id }), 403, 'FORBIDDEN');
      // Without an organisation there is nothing to list.
      expectError(await listRequests(http, await ctx.newUser('company')), 403, 'FORBIDDEN');
    });

    it('refuses malformed filters with 400 naming the parameter', async () => {
      const { founder } = await parties();
      const cases: Array<[Record<string, string | number>, string]> = [
        [{ direction: 'sideways' }, 'direction'],
        [{ status: 'open' }, 'status'],
        [{ status: 'PENDING' }, 'status'],
        [{ limit: 0 }, 'limit'],
        [{ limit: 101 }, 'limit'],
        [{ limit: 'ten' }, 'limit'],
        [{ offset: -1 }, 'offset'],
        [{ organisationId: MALFORMED_ID }, 'organisationId'],
        [{ colour: 'red' }, 'colour'],
      ];
      for (const [query, field] of cases) {
        const res = await listRequests(http, founder, query);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expectError(res, 400, 'VALIDATION_FAILED', field);
      }
    });
  });

  // ─────────────────────────────────────────────── bad input ───────────────────────────────────────────────

  describe('refused creations (nothing written)', () => {
    type World = Awaited<ReturnType<typeof parties>>;
    type Caller = 'founder' | 'investor' | 'staff' | 'no-org';
    const CASES: Array<{ name: string; caller?: Caller; body: (w: World) => object | string; status: number; code: string; field?: string | string[] }> = [
      { name: 'with itself', body: (w) => ({ toOrganisationId: w.company.id, area: VC }), status: 400, code: 'VALIDATION_FAILED', field: 'toOrganisationId' },
      { name: 'company → research centre in venture capital', body: (w) => ({ toOrganisationId: w.centre.id, area: VC }), status: 400, code: 'VALIDATION_FAILED', field: 'area' },
      { name: 'company → fund in tech transfer', body: (w) => ({ toOrganisationId: w.fund.id, area: TT }), status: 400, code: 'VALIDATION_FAILED', field: 'area' },
      { name: 'company → company', body: (w) => ({ toOrganisationId: w.otherCompany.id, area: VC }), status: 400, code: 'VALIDATION_FAILED', field: 'area' },
      { name: 'fund → fund', caller: 'investor', body: (w) => ({ toOrganisationId: w.otherFund.id, area: VC }), status: 400, code: 'VALIDATION_FAILED', field: 'area' },
      { name: 'fund → research centre in tech transfer', caller: 'investor', body: (w) => ({ toOrganisationId: w.centre.id, area: TT }), status: 400, code: 'VALIDATION_FAILED', field: 'area' },
      { name: 'both matchId and toOrganisationId', body: (w) => ({ matchId: UNKNOWN_ID, toOrganisationId: w.fund.id, area: VC }), status: 400, code: 'VALIDATION_FAILED', field: ['matchId', 'toOrganisationId'] },
      { name: 'neither matchId nor toOrganisationId', body: () => ({}), status: 400, code: 'VALIDATION_FAILED', field: ['matchId', 'toOrganisationId'] },
      { name: 'a message only', body: () => ({ message: 'Hello' }), status: 400, code: 'VALIDATION_FAILED', field: ['matchId', 'toOrganisationId'] },
      { name: 'toOrganisationId without area', body: (w) => ({ toOrganisationId: w.fund.id }), status: 400, code: 'VALIDATION_FAILED', field: 'area' },
      { name: 'an unknown area', body: (w) => ({ toOrganisationId: w.fund.id, area: 'biotech' }), status: 400, code: 'VALIDATION_FAILED', field: 'area' },
      { name: 'a message over 1000 characters', body: (w) => ({ toOrganisationId: w.fund.id, area: VC, message: 'x'.repeat(1001) }), status: 400, code: 'VALIDATION_FAILED', field: 'message' },
      { name: 'a message that is not text', body: (w) => ({ toOrganisationId: w.fund.id, area: VC, message: 42 }), status: 400, code: 'VALIDATION_FAILED', field: 'message' },
      { name: 'a malformed toOrganisationId', body: () => ({ toOrganisationId: MALFORMED_ID, area: VC }), status: 400, code: 'VALIDATION_FAILED', field: 'toOrganisationId' },
      { name: 'a malformed matchId', body: () => ({ matchId: MALFORMED_ID }), status: 400, code: 'VALIDATION_FAILED', field: 'matchId' },
      { name: 'an unknown field', body: (w) => ({ toOrganisationId: w.fund.id, area: VC, urgent: true }), status: 400, code: 'VALIDATION_FAILED', field: 'urgent' },
      { name: 'malformed JSON', body: () => '{"toOrganisationId": ', status: 400, code: 'MALFORMED_JSON' },
      { name: 'an unknown toOrganisationId', body: () => ({ toOrganisationId: UNKNOWN_ID, area: VC }), status: 404, code: 'NOT_FOUND' },
      { name: 'an unknown matchId', body: () => ({ matchId: UNKNOWN_ID }), status: 404, code: 'NOT_FOUND' },
      { name: 'by staff', caller: 'staff', body: (w) => ({ toOrganisationId: w.fund.id, area: VC }), status: 403, code: 'FORBIDDEN' },
      { name: 'by a user without organisation', caller: 'no-org', body: (w) => ({ toOrganisationId: w.fund.id, area: VC }), status: 403, code: 'FORBIDDEN' },
    ];

    it.each(CASES.map((c) => [`${c.name} → ${c.status} ${c.code}`, c] as const))('%s', async (_name, c) => {
      const w = await parties();
      const caller = { founder: w.founder, investor: w.investor, staff: w.staff, 'no-org': await ctx.newUser('company') }[c.caller ?? 'founder'];
      const body = c.body(w);
      const res = await writesNothing(async () =>
        typeof body === 'string'
          ? ctx.http.post(BASE).set(...bearer(caller)).set('content-type', 'application/json').send(body)
          : createRequest(http, caller, body),
      );
      expectError(res, c.status, c.code, typeof c.field === 'string' ? c.field : undefined);
      if (Array.isArray(c.field)) {
        // Either of the two exclusive fields may be the one named.
        const accepted: string[] = c.field;
        const named = (res.body.errors as Array<{ field: string }>).map((e) => e.field);
        expect({ named, accepted: named.some((f) => accepted.includes(f)) }).toEqual({ named, accepted: true });
      }
      expect(await countOf(ctx, 'meeting_requests')).toBe(0);
      expect(await countOf(ctx, 'audit_events')).toBe(0);
    });

    it('control: a message of exactly 1000 characters is accepted and kept whole', async () => {
      const { founder, fund } = await parties();
      const message = `${'Ciao! '.repeat(166)}abcd`;
      expect(message).toHaveLength(1000);
      const { request } = await created(founder, { toOrganisationId: fund.id, area: VC, message });
      expect(request.message).toBe(message);
      expect((await requestRow(ctx, request.id)).message).toBe(message);
    });

    it('one pending request per pair and area, whichever side asks: 409 DUPLICATE_REQUEST, also in reverse', async () => {
      const { founder, company, investor, fund, tto, centre } = await parties();
      const { request } = await created(founder, { toOrganisationId: fund.id, area: VC });
      const res = await writesNothing(async () => {
        const same = await createRequest(http, founder, { toOrganisationId: fund.id, area: VC, message: 'again' });
        expectError(same, 409, 'DUPLICATE_REQUEST');
        const reverse = await createRequest(http, investor, { toOrganisationId: company.id, area: VC });
        expectError(reverse, 409, 'DUPLICATE_REQUEST');
        return reverse;
      });
      expect(res.body.message).toMatch(/pending/);
      // The quota is not touched by a refused duplicate.
      expect(await quotaOf(founder)).toEqual(quota(1));
      expect(await quotaOf(investor)).toEqual(quota(0));

      // Another pair is another matter: the centre may ask the company in tech transfer.
      const tt = await created(tto, { toOrganisationId: company.id, area: TT });
      expect(tt.request).toMatchObject({ from: { id: centre.id }, to: { id: company.id }, area: TT });
      expectError(await createRequest(http, founder, { toOrganisationId: centre.id, area: TT }), 409, 'DUPLICATE_REQUEST');

      // Closed by any decision, the pair can ask again.
      await decided(investor, request.id, 'accept');
      expect((await created(investor, { toOrganisationId: company.id, area: VC })).request.status).toBe('pending');
      expect(await countOf(ctx, 'meeting_requests')).toBe(3);
      expect(await countOf(ctx, 'audit_events')).toBe(4);
    });
  });

  // ─────────────────────────────────────── requests from real matches ───────────────────────────────────────

  describe('from matches scored by the worker', () => {
    let worker: INestApplication | null = null;

    beforeEach(async () => {
      worker = await startTestWorker();
    });
    afterEach(async () => {
      const running = worker;
      worker = null;
      await running?.close();
    });

    /** A company looking for money and technology, a fitting fund, a company that fits the fund only, a CAR-T centre with two offers, and a company that fits nothing (overseas, raising money only). */
    async function scoredWorld() {
      const founder = await ctx.newUser('company');
      const company = await ctx.newCompany(founder, { ...FITTING_COMPANY, name: 'Both Ways', lookingFor: ['investment', 'licensing_in'] });
      const founderB = await ctx.newUser('company');
      const companyB = await ctx.newCompany(founderB, { ...FITTING_COMPANY, name: 'Raising Only' });
      const investor = await ctx.newUser('investor');
      const fund = await ctx.newFund(investor, { ...FITTING_FUND, name: 'Navigli Cell Ventures' });
      const tto = await ctx.newUser('research_centre');
      const centre = await ctx.newResearchCentre(tto, { ...FITTING_CENTRE, name: 'Istituto Tumori' });
      const offers = [
        await ctx.newTechnologyOffer(centre.id, { ...CAR_T_OFFER, title: 'Armoured CAR-T' }),
        await ctx.newTechnologyOffer(centre.id, { ...CAR_T_OFFER, title: 'Early CAR-T', trl: 3 }),
      ];
      // Outside the fund's geographies and not looking for technology: excluded from every match.
      const quiet = await ctx.newCompany(undefined, { ...FITTING_COMPANY, name: 'Overseas Co', country: 'US' });
      const staff = await ctx.newUser('staff');
      await scoringSettled(ctx, worker!);
      return { founder, company, founderB, companyB, investor, fund, tto, centre, offers, quiet, staff };
    }

    const contributionsOf = async (matchId: string): Promise<{ score: number; contributions: number[] }> =>
      (await ctx.dataSource.query(`SELECT score, contributions FROM matches WHERE id = $1`, [matchId]))[0];

    it('a request made from a match carries its score and reasons, to both sides, in either area', async () => {
      const w = await scoredWorld();
      const [vc] = await matchesOf(ctx, w.founder, VC);
      expect(vc.counterpart.id).toBe(w.fund.id);

      const body = await created(w.founder, { matchId: vc.id, message: 'From the match list' });
      expect(body.request).toMatchObject({
        area: VC,
        status: 'pending',
        from: { type: 'company', id: w.company.id },
        to: { type: 'fund', id: w.fund.id, name: 'Navigli Cell Ventures' },
        matchId: vc.id,
        technologyOfferId: null,
        score: vc.score,
        reasons: vc.reasons,
        message: 'From the match list',
      });
      expect(body.request.reasons.length).toBeGreaterThan(0);
      expect(body.quota).toEqual(quota(1));
      const stored = await requestRow(ctx, body.request.id);
      const match = await contributionsOf(vc.id);
      expect({ score: stored.score, contributions: stored.contributions }).toEqual(match);
      expect((await getRequest(http, w.investor, body.request.id).expect(200)).body).toMatchObject({ score: vc.score, reasons: vc.reasons, matchId: vc.id, direction: 'incoming' });
      expect((await auditRows(ctx, body.request.id)).map((a) => [a.action, a.details])).toEqual([['meeting_request.created', { to: w.fund.id, area: VC }]]);

      // Tech transfer, asked by the centre from its side of the match: the offer travels with it.
      const centreMatches = await matchesOf(ctx, w.tto, TT);
      const tt = centreMatches.find((m) => m.counterpart.id === w.company.id)!;
      expect(tt).toBeDefined();
      const fromCentre = await created(w.tto, { matchId: tt.id });
      expect(fromCentre.request).toMatchObject({
        area: TT,
        from: { type: 'research_centre', id: w.centre.id },
        to: { type: 'company', id: w.company.id },
        matchId: tt.id,
        technologyOfferId: tt.technologyOfferId,
        score: tt.score,
        reasons: tt.reasons,
      });
      expect(w.offers.map((o) => o.id)).toContain(fromCentre.request.technologyOfferId);

      // The same match again, from either of its parties, is a duplicate.
      await writesNothing(async () => {
        expectError(await createRequest(http, w.founder, { matchId: vc.id }), 409, 'DUPLICATE_REQUEST');
        expectError(await createRequest(http, w.investor, { matchId: vc.id }), 409, 'DUPLICATE_REQUEST');
      });
    });

    it('a direct request carries the pair’s best match when there is one, and no score when there is none', async () => {
      const w = await scoredWorld();
      const [fundSide] = (await matchesOf(ctx, w.investor, VC)).filter((m) => m.counterpart.id === w.companyB.id);
      expect(fundSide).toBeDefined();
      const direct = await created(w.investor, { toOrganisationId: w.companyB.id, area: VC });
      expect(direct.request).toMatchObject({ from: { id: w.fund.id }, to: { id: w.companyB.id }, matchId: fundSide.id, score: fundSide.score, reasons: fundSide.reasons, technologyOfferId: null });

      // Two offers of the centre match the company: the better one is carried.
      const ttMatches: MatchItem[] = (await matchesOf(ctx, w.founder, TT)).filter((m) => m.counterpart.id === w.centre.id);
      expect(ttMatches.length).toBe(2);
      const best = Math.max(...ttMatches.map((m) => m.score));
      const toCentre = await created(w.founder, { toOrganisationId: w.centre.id, area: TT });
      expect(toCentre.request.score).toBe(best);
      const carried = ttMatches.find((m) => m.id === toCentre.request.matchId);
      expect(carried).toMatchObject({ score: best, technologyOfferId: toCentre.request.technologyOfferId, reasons: toCentre.request.reasons });

      // No match between the fund and a company that fits nothing: asked all the same, without a score.
      expect(await ctx.dataSource.query(`SELECT id FROM matches WHERE company_id = $1`, [w.quiet.id])).toEqual([]);
      const unmatched = await created(w.investor, { toOrganisationId: w.quiet.id, area: VC });
      expect(unmatched.request).toMatchObject({ matchId: null, score: null, reasons: [], technologyOfferId: null });
      expect(await requestRow(ctx, unmatched.request.id)).toMatchObject({ score: null, contributions: null, match_id: null });
    });

    it('a match the caller is not party of is 404, as an unknown one, and writes nothing', async () => {
      const w = await scoredWorld();
      const [vc] = await matchesOf(ctx, w.founder, VC);
      const [tt] = await matchesOf(ctx, w.founder, TT);
      await writesNothing(async () => {
        expectError(await createRequest(http, w.founderB, { matchId: vc.id }), 404, 'NOT_FOUND');
        expectError(await createRequest(http, w.tto, { matchId: vc.id }), 404, 'NOT_FOUND');
        expectError(await createRequest(http, w.investor, { matchId: tt.id }), 404, 'NOT_FOUND');
        expectError(await createRequest(http, w.founder, { matchId: UNKNOWN_ID }), 404, 'NOT_FOUND');
        expectError(await createRequest(http, w.staff, { matchId: vc.id }), 403, 'FORBIDDEN');
      });
      expect(await countOf(ctx, 'meeting_requests')).toBe(0);
      // Control: its parties may.
      expect((await created(w.investor, { matchId: vc.id })).request.to.id).toBe(w.company.id);
    });

    it('keeps the snapshot of score and reasons after the match itself is gone', async () => {
      const w = await scoredWorld();
      const [vc] = await matchesOf(ctx, w.founder, VC);
      const { request } = await created(w.founder, { matchId: vc.id });

      // The fund stops investing: the scorer removes the match.
      const current = await ctx.http.get(`/api/v1/funds/${w.fund.id}`).set(...bearer(w.investor)).expect(200);
      await ctx.http.patch(`/api/v1/funds/${w.fund.id}`).set(...bearer(w.investor)).send({ version: current.body.version, active: false }).expect(200);
      await scoringSettled(ctx, worker!);
      expect(await ctx.dataSource.query(`SELECT id FROM matches WHERE id = $1`, [vc.id])).toEqual([]);

      const after = (await getRequest(http, w.investor, request.id).expect(200)).body as RequestView;
      expect(after).toMatchObject({ status: 'pending', score: vc.score, reasons: vc.reasons });
      expect(after.matchId).toBeNull();
      await decided(w.investor, request.id, 'accept');
    });
  });

  // ───────────────────────────────────────────────── audit ─────────────────────────────────────────────────

  describe('audit trail', () => {
    it('writes one row per creation and decision, with actor, organisation and details; refused actions write none', async () => {
      const { founder, company, investor, fund, tto, centre, staff } = await parties();
      const a = (await created(founder, { toOrganisationId: fund.id, area: VC })).request;
      const b = (await created(tto, { toOrganisationId: company.id, area: TT })).request;
      const c = (await created(investor, { toOrganisationId: (await ctx.newCompany(undefined)).id, area: VC })).request;
      await decided(investor, a.id, 'decline', { reason: 'stage' });
      await decided(founder, b.id, 'accept');
      await decided(investor, c.id, 'withdraw');

      const trail = (await auditRows(ctx)).map((r) => ({ action: r.action, actor: r.actor_user_id, org: r.organisation_id, subject: r.subject_id, type: r.subject_type, details: r.details }));
      expect(trail).toEqual([
        { action: 'meeting_request.created', actor: founder.id, org: company.id, subject: a.id, type: 'meeting_request', details: { to: fund.id, area: VC } },
        { action: 'meeting_request.created', actor: tto.id, org: centre.id, subject: b.id, type: 'meeting_request', details: { to: company.id, area: TT } },
        { action: 'meeting_request.created', actor: investor.id, org: fund.id, subject: c.id, type: 'meeting_request', details: { to: c.to.id, area: VC } },
        { action: 'meeting_request.declined', actor: investor.id, org: fund.id, subject: a.id, type: 'meeting_request', details: { reason: 'stage' } },
        { action: 'meeting_request.accepted', actor: founder.id, org: company.id, subject: b.id, type: 'meeting_request', details: {} },
        { action: 'meeting_request.withdrawn', actor: investor.id, org: fund.id, subject: c.id, type: 'meeting_request', details: {} },
      ]);

      // Every kind of refusal: not a single row more.
      const pending = (await created(founder, { toOrganisationId: fund.id, area: VC })).request;
      await writesNothing(async () => {
        expectError(await createRequest(http, investor, { toOrganisationId: company.id, area: VC }), 409, 'DUPLICATE_REQUEST');
        expectError(await createRequest(http, staff, { toOrganisationId: fund.id, area: VC }), 403, 'FORBIDDEN');
        expectError(await decide(http, founder, pending.id, 'accept'), 403, 'FORBIDDEN');
        expectError(await decide(http, tto, pending.id, 'accept'), 404, 'NOT_FOUND');
        expectError(await decide(http, staff, pending.id, 'withdraw'), 403, 'FORBIDDEN');
        expectError(await decide(http, investor, a.id, 'accept'), 409, 'REQUEST_CLOSED');
        expectError(await decide(http, investor, pending.id, 'decline', { reason: 'nope' }), 400, 'VALIDATION_FAILED', 'reason');
      });
      expect(await auditRows(ctx, pending.id)).toHaveLength(1);
    });
  });

  // ─────────────────────────────────────────────── concurrency ───────────────────────────────────────────────

  describe('concurrency', () => {
    const statuses = (responses: Response[]) => responses.map((r) => r.status).sort((x, y) => x - y);

    it('5 concurrent requests for the same pair: exactly one 201, the others 409 DUPLICATE_REQUEST', async () => {
      const { founder, fund } = await parties();
      const responses = await Promise.all(Array.from({ length: 5 }, (_, i) => createRequest(http, founder, { toOrganisationId: fund.id, area: VC, message: `try ${i}` })));
      expect(statuses(responses)).toEqual([201, 409, 409, 409, 409]);
      for (const res of responses.filter((r) => r.status === 409)) expectError(res, 409, 'DUPLICATE_REQUEST');
      const winner = responses.find((r) => r.status === 201)!;
      expect(winner.body.quota).toEqual(quota(1));
      expect((await requestRows(ctx)).map((r) => r.id)).toEqual([winner.body.request.id]);
      expect((await auditRows(ctx)).map((a) => a.subject_id)).toEqual([winner.body.request.id]);
      expect(await quotaOf(founder)).toEqual(quota(1));
    });

    it('concurrent requests for the same pair from both sides: exactly one 201, the others 409 (no deadlock, no 500)', async () => {
      const { founder, company } = await parties();
      for (let round = 0; round < 4; round += 1) {
        const { member, fund } = await fundWithMember(`Fund ${round}`);
        const responses = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            i % 2 === 0 ? createRequest(http, founder, { toOrganisationId: fund.id, area: VC }) : createRequest(http, member, { toOrganisationId: company.id, area: VC }),
          ),
        );
        expect({ round, statuses: statuses(responses), bodies: responses.filter((r) => r.status >= 500).map((r) => r.body) }).toEqual({
          round,
          statuses: [201, 409, 409, 409, 409, 409],
          bodies: [],
        });
        for (const res of responses.filter((r) => r.status === 409)) expectError(res, 409, 'DUPLICATE_REQUEST');
        const [{ n }] = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM meeting_requests WHERE $1 IN (from_organisation_id, to_organisation_id)`, [fund.id]);
        expect(n).toBe(1);
      }
      expect(await countOf(ctx, 'audit_events')).toBe(4);
    });

    it('12 concurrent requests to 12 counterparts with a quota of 10: exactly 10 created, 2 refused with 429', async () => {
      const { founder, company } = await parties();
      const funds: Array<{ id: string }> = [];
      for (let i = 0; i < 12; i += 1) funds.push(await ctx.newFund(undefined, { name: `Fund ${i}` }));
      const responses = await Promise.all(funds.map((fund) => createRequest(http, founder, { toOrganisationId: fund.id, area: VC })));
      expect(statuses(responses)).toEqual([...Array(10).fill(201), 429, 429]);
      for (const res of responses.filter((r) => r.status === 429)) expectError(res, 429, 'QUOTA_EXCEEDED');
      // Each answer's quota counts the requests before it: 1 … 10, each once.
      const used = responses.filter((r) => r.status === 201).map((r) => (r.body.quota as Quota).used);
      expect(used.every((u) => u >= 1 && u <= 10)).toBe(true);
      const [{ n }] = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM meeting_requests WHERE from_organisation_id = $1 AND status = 'pending'`, [company.id]);
      expect(n).toBe(10);
      expect(await countOf(ctx, 'audit_events')).toBe(10);
      expect(await quotaOf(founder)).toEqual({ limit: 10, used: 10, remaining: 0 });
    });

    it('concurrent accept, decline and withdraw of one request: exactly one wins, the others 409 REQUEST_CLOSED', async () => {
      const { founder, investor, fund } = await parties();
      for (let round = 0; round < 4; round += 1) {
        const { request } = await created(founder, { toOrganisationId: fund.id, area: VC });
        const [accept, decline, withdraw] = await Promise.all([
          decide(http, investor, request.id, 'accept'),
          decide(http, investor, request.id, 'decline', { reason: 'other' }),
          decide(http, founder, request.id, 'withdraw'),
        ]);
        const all = [accept, decline, withdraw];
        expect({ round, statuses: statuses(all) }).toEqual({ round, statuses: [200, 409, 409] });
        for (const res of all.filter((r) => r.status === 409)) expectError(res, 409, 'REQUEST_CLOSED');
        const winner = all.find((r) => r.status === 200)!;
        const row = await requestRow(ctx, request.id);
        expect(row.status).toBe(winner.body.status);
        expect(['accepted', 'declined', 'withdrawn']).toContain(row.status);
        expect(row.decline_reason).toBe(row.status === 'declined' ? 'other' : null);
        expect((await auditRows(ctx, request.id)).map((a) => a.action)).toEqual(['meeting_request.created', `meeting_request.${row.status}`]);
      }
    });
  });
});
