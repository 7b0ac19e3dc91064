import { JwtService } from '@nestjs/jwt';
import { expectStatus, staffToken } from '../support/authorization-cells';
import { TestContext, type TestUser } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { CAR_T_OFFER, FITTING_CENTRE, FITTING_COMPANY, FITTING_FUND, scoringSettled } from '../support/matching-fixtures';
import { MALFORMED_ID, UNKNOWN_ID, type RequestRow, type RequestView } from '../support/meeting-requests-support';

/**
 * Authorisation matrix of the meeting-request routes: every route × every caller × target, one `it` per cell,
 * generated from the tables below.
 *
 * Organisations: companies A, B, D; funds F, G, H; research centre S with its offer P. All companies look for
 * investment and licensing and fit every fund and the offer, so the worker scored every pair before the cells run
 * (then it was stopped). D and H have members too, but they are not callers.
 *
 * Requests of the world (fixed; every cell starts from exactly this state):
 *   OWN        A → F, venture capital, pending       the request under test: A's member sent it, F's member received it
 *   DECLINED   A → H, declined by H (reason `timing`) A's member sent it and must never see the reason
 *   CLOSED_IN  D → F, withdrawn by D                  F's member received it; it is closed
 *   OTHER      D → H, pending                         another pair's request: no caller is a party
 *
 * Callers (the table columns, in this order):
 *   anonymous        no Authorization header
 *   forged           staff claims signed with another secret
 *   sender           role company, member of A (the sender of OWN)
 *   receiver         role investor, member of F (the receiver of OWN)
 *   other-company    member of B: a company unrelated to OWN
 *   other-investor   member of G: a fund unrelated to OWN
 *   other-research_centre  member of S: a research centre unrelated to OWN
 *   staff            hub staff (member of nothing): reads any request, never creates or decides
 *   *-no-org         a user of that role who is not a member of any organisation yet
 *
 * Targets:
 *   create  match: a matchId of a match of the caller's organisation with an organisation it has no pending request
 *           with (A–G, F–B, B–G, G–B, S's offer P–A; staff and no-organisation users: A–G); direct: the same
 *           counterpart by toOrganisationId + area; own: OWN's pair again (sender → F, receiver → A, by
 *           toOrganisationId); other: the matchId of D–H; unknown: an unknown matchId; unknown-org: an unknown
 *           toOrganisationId; malformed: a matchId that is not a UUID.
 *   list    none: no organisationId; own: the caller's organisation; other: another organisation (sender → F,
 *           everybody else → A); unknown / malformed organisationId.
 *   get     own: OWN; declined: DECLINED; other: OTHER; unknown / malformed id.
 *   decide  own: OWN; closed: a closed request of the caller's organisation (sender: DECLINED, which it sent;
 *           receiver: CLOSED_IN, which it received; everybody else: DECLINED); other: OTHER; unknown / malformed id.
 *
 * Cell values: the expected HTTP status; `__` = no such cell (only OWN's parties have a pair to repeat, only
 * members an own organisation). Besides the status every cell checks: the JSON error body ({statusCode, code,
 * message}) of every 4xx, naming the parameter of a 400; that a refused call changed nothing (no request row, no
 * audit row, every request as it was); that a 201 wrote one request from the caller's organisation to the expected
 * counterpart and one audit row; that a 200 decision changed that request's status and wrote one audit row by the
 * caller; that a 200 read shows the request from the caller's side (direction; the decline reason for the
 * decliner and staff only); that a 200 list holds exactly the listed organisation's requests with its quota.
 */

// ───────────────────────────────────────────── the expectations ─────────────────────────────────────────────

type Status = 200 | 201 | 400 | 401 | 403 | 404 | 409;
type Expect = Status | null;
const __ = null;

const CALLERS = [
  'anonymous',
  'forged',
  'sender',
  'receiver',
  'other-company',
  'other-investor',
  'other-research_centre',
  'staff',
  'company-no-org',
  'investor-no-org',
  'research_centre-no-org',
] as const;
type Caller = (typeof CALLERS)[number];
type Member = 'sender' | 'receiver' | 'other-company' | 'other-investor' | 'other-research_centre';
type Cells = readonly [Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect];

const ROUTES = [
  'POST /api/v1/meeting-requests',
  'GET /api/v1/meeting-requests',
  'GET /api/v1/meeting-requests/:id',
  'POST /api/v1/meeting-requests/:id/accept',
  'POST /api/v1/meeting-requests/:id/decline',
  'POST /api/v1/meeting-requests/:id/withdraw',
] as const;
type RouteKey = (typeof ROUTES)[number];
type Target = 'match' | 'direct' | 'own' | 'other' | 'unknown' | 'unknown-org' | 'malformed' | 'none' | 'declined' | 'closed';
type Row = readonly [RouteKey, Target, Cells];

//                                                                   ─ no token ─  ─────────────── members ───────────────  ─staff─  ── no organisation ──
//                                                                    anon forg     send recv  oCo  oInv oRc                 staff    comp inv  rc
const CREATE: Row[] = [
  ['POST /api/v1/meeting-requests',               'match',           [401, 401,     201, 201,  201, 201, 201,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests',               'direct',          [401, 401,     201, 201,  201, 201, 201,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests',               'own',             [401, 401,     409, 409,  __,  __,  __,                 403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests',               'other',           [401, 401,     404, 404,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests',               'unknown',         [401, 401,     404, 404,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests',               'unknown-org',     [401, 401,     404, 404,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests',               'malformed',       [401, 401,     400, 400,  400, 400, 400,                400,     400, 400, 400]],
];

//                                                                    anon forg     send recv  oCo  oInv oRc                 staff    comp inv  rc
const READ: Row[] = [
  ['GET /api/v1/meeting-requests',                'none',            [401, 401,     200, 200,  200, 200, 200,                400,     403, 403, 403]],
  ['GET /api/v1/meeting-requests',                'own',             [__,  __,      200, 200,  200, 200, 200,                __,      __,  __,  __ ]],
  ['GET /api/v1/meeting-requests',                'other',           [401, 401,     403, 403,  403, 403, 403,                200,     403, 403, 403]],
  ['GET /api/v1/meeting-requests',                'unknown',         [401, 401,     403, 403,  403, 403, 403,                404,     403, 403, 403]],
  ['GET /api/v1/meeting-requests',                'malformed',       [401, 401,     400, 400,  400, 400, 400,                400,     400, 400, 400]],
  ['GET /api/v1/meeting-requests/:id',            'own',             [401, 401,     200, 200,  404, 404, 404,                200,     403, 403, 403]],
  ['GET /api/v1/meeting-requests/:id',            'declined',        [401, 401,     200, 404,  404, 404, 404,                200,     403, 403, 403]],
  ['GET /api/v1/meeting-requests/:id',            'other',           [401, 401,     404, 404,  404, 404, 404,                200,     403, 403, 403]],
  ['GET /api/v1/meeting-requests/:id',            'unknown',         [401, 401,     404, 404,  404, 404, 404,                404,     403, 403, 403]],
  ['GET /api/v1/meeting-requests/:id',            'malformed',       [401, 401,     400, 400,  400, 400, 400,                400,     400, 400, 400]],
];

//                                                                    anon forg     send recv  oCo  oInv oRc                 staff    comp inv  rc
const DECIDE: Row[] = [
  ['POST /api/v1/meeting-requests/:id/accept',    'own',             [401, 401,     403, 200,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests/:id/accept',    'closed',          [401, 401,     403, 409,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests/:id/accept',    'other',           [401, 401,     404, 404,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests/:id/accept',    'unknown',         [401, 401,     404, 404,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests/:id/accept',    'malformed',       [401, 401,     400, 400,  400, 400, 400,                400,     400, 400, 400]],
  ['POST /api/v1/meeting-requests/:id/decline',   'own',             [401, 401,     403, 200,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests/:id/decline',   'closed',          [401, 401,     403, 409,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests/:id/decline',   'other',           [401, 401,     404, 404,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests/:id/decline',   'unknown',         [401, 401,     404, 404,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests/:id/decline',   'malformed',       [401, 401,     400, 400,  400, 400, 400,                400,     400, 400, 400]],
  ['POST /api/v1/meeting-requests/:id/withdraw',  'own',             [401, 401,     200, 403,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests/:id/withdraw',  'closed',          [401, 401,     409, 403,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests/:id/withdraw',  'other',           [401, 401,     404, 404,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests/:id/withdraw',  'unknown',         [401, 401,     404, 404,  404, 404, 404,                403,     403, 403, 403]],
  ['POST /api/v1/meeting-requests/:id/withdraw',  'malformed',       [401, 401,     400, 400,  400, 400, 400,                400,     400, 400, 400]],
];

const MATRIX: Array<[string, Row[]]> = [
  ['create', CREATE],
  ['read', READ],
  ['decide', DECIDE],
];

// ──────────────────────────────────────────── fixtures and helpers ────────────────────────────────────────────

const BASE = '/api/v1/meeting-requests';

type Org = 'A' | 'B' | 'D' | 'F' | 'G' | 'H' | 'S';
type RequestKey = 'OWN' | 'DECLINED' | 'CLOSED_IN' | 'OTHER';
type MatchKey = 'A–F' | 'A–G' | 'B–F' | 'B–G' | 'D–H' | 'A–P';

/** Each member caller's organisation. */
const OWN_ORG: Record<Member, Org> = { sender: 'A', receiver: 'F', 'other-company': 'B', 'other-investor': 'G', 'other-research_centre': 'S' };

/** Create targets `match` and `direct`: the counterpart (free of pending requests with the caller) and the match between them. */
const FRESH: Record<Caller, { to: Org; area: 'venture_capital' | 'tech_transfer'; match: MatchKey }> = {
  anonymous: { to: 'G', area: 'venture_capital', match: 'A–G' },
  forged: { to: 'G', area: 'venture_capital', match: 'A–G' },
  sender: { to: 'G', area: 'venture_capital', match: 'A–G' },
  receiver: { to: 'B', area: 'venture_capital', match: 'B–F' },
  'other-company': { to: 'G', area: 'venture_capital', match: 'B–G' },
  'other-investor': { to: 'B', area: 'venture_capital', match: 'B–G' },
  'other-research_centre': { to: 'A', area: 'tech_transfer', match: 'A–P' },
  staff: { to: 'G', area: 'venture_capital', match: 'A–G' },
  'company-no-org': { to: 'G', area: 'venture_capital', match: 'A–G' },
  'investor-no-org': { to: 'G', area: 'venture_capital', match: 'A–G' },
  'research_centre-no-org': { to: 'G', area: 'venture_capital', match: 'A–G' },
};

/** List target `other`: an organisation that is not the caller's. */
const OTHER_ORG: Record<Caller, Org> = {
  anonymous: 'A',
  forged: 'A',
  sender: 'F',
  receiver: 'A',
  'other-company': 'A',
  'other-investor': 'A',
  'other-research_centre': 'A',
  staff: 'A',
  'company-no-org': 'A',
  'investor-no-org': 'A',
  'research_centre-no-org': 'A',
};

const ERROR_CODE: Record<Exclude<Status, 200 | 201 | 409>, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
};

interface World {
  users: Record<Exclude<Caller, 'anonymous' | 'forged'>, TestUser>;
  forgedToken: string;
  orgs: Record<Org, string>;
  matches: Record<MatchKey, string>;
  requests: Record<RequestKey, string>;
  /** The fixture requests as the cells must leave them, and the last audit row of the setup. */
  rows: RequestRow[];
  lastAuditId: string;
}

interface Actor {
  auth?: string;
  user?: TestUser;
}

let ctx: TestContext;
let world: World;

const isMember = (caller: Caller): caller is Member => caller in OWN_ORG;

function actorFor(caller: Caller): Actor {
  if (caller === 'anonymous') return {};
  if (caller === 'forged') return { auth: `Bearer ${world.forgedToken}` };
  return { auth: `Bearer ${world.users[caller].token}`, user: world.users[caller] };
}

function send(method: 'get' | 'post', url: string, actor: Actor, body?: object) {
  const req = ctx.http[method](url);
  if (actor.auth) req.set('authorization', actor.auth);
  if (body) req.send(body);
  return req;
}

async function allRequests(): Promise<RequestRow[]> {
  return ctx.dataSource.query(`SELECT * FROM meeting_requests ORDER BY id`);
}

async function auditCount(): Promise<number> {
  return (await ctx.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n;
}

/** Back to the world of the header: no request but the fixtures, each as it was, no audit row but the setup's. */
async function resetWorld(): Promise<void> {
  const ids = world.rows.map((r) => r.id);
  await ctx.dataSource.query(`DELETE FROM meeting_requests WHERE id <> ALL($1::uuid[])`, [ids]);
  for (const row of world.rows) {
    await ctx.dataSource.query(`UPDATE meeting_requests SET status = $2, decline_reason = $3, decided_by = $4, decided_at = $5 WHERE id = $1`, [
      row.id,
      row.status,
      row.decline_reason,
      row.decided_by,
      row.decided_at,
    ]);
  }
  await ctx.dataSource.query(`DELETE FROM audit_events WHERE id > $1`, [world.lastAuditId]);
}


/** A request as the given viewer must see it: from its side, and the decline reason only for the receiver and staff. */
function expectSeenBy(view: RequestView, row: RequestRow, viewerOrg: string | null): void {
  expect(view.id).toBe(row.id);
  expect(view.from.id).toBe(row.from_organisation_id);
  expect(view.to.id).toBe(row.to_organisation_id);
  expect(view.direction).toBe(viewerOrg === null ? null : viewerOrg === row.from_organisation_id ? 'outgoing' : 'incoming');
  if (viewerOrg === null || viewerOrg === row.to_organisation_id) {
    expect(view).toHaveProperty('declineReason', row.decline_reason);
  } else {
    expect(view).not.toHaveProperty('declineReason');
    if (row.decline_reason) expect(JSON.stringify(view)).not.toContain(`"${row.decline_reason}"`);
  }
}

// ───────────────────────────────────────────── the cell runners ─────────────────────────────────────────────

interface Cell {
  route: RouteKey;
  target: Target;
  caller: Caller;
  expected: Status;
}

async function createCell(cell: Cell): Promise<void> {
  const { caller, target, expected } = cell;
  const fresh = FRESH[caller];
  const body: object = {
    match: { matchId: world.matches[fresh.match] },
    direct: { toOrganisationId: world.orgs[fresh.to], area: fresh.area },
    own: { toOrganisationId: caller === 'receiver' ? world.orgs.A : world.orgs.F, area: 'venture_capital' },
    other: { matchId: world.matches['D–H'] },
    unknown: { matchId: UNKNOWN_ID },
    'unknown-org': { toOrganisationId: UNKNOWN_ID, area: 'venture_capital' },
    malformed: { matchId: MALFORMED_ID },
  }[target as 'match' | 'direct' | 'own' | 'other' | 'unknown' | 'unknown-org' | 'malformed'];

  const before = await allRequests();
  const auditBefore = await auditCount();
  const res = await send('post', BASE, actorFor(caller), body);
  expectStatus(res, expected, expected === 409 ? 'DUPLICATE_REQUEST' : ERROR_CODE[expected as 400], 'matchId');

  if (expected !== 201) {
    expect(await allRequests()).toEqual(before);
    expect(await auditCount()).toBe(auditBefore);
    return;
  }
  const own = world.orgs[OWN_ORG[caller as Member]];
  expect(res.body.quota).toEqual(expect.objectContaining({ limit: 10, used: expect.any(Number) }));
  const request = res.body.request as RequestView;
  expect(request).toMatchObject({ status: 'pending', direction: 'outgoing', area: fresh.area, from: { id: own }, to: { id: world.orgs[fresh.to] } });
  if (target === 'match') expect(request.matchId).toBe(world.matches[fresh.match]);
  const after = await allRequests();
  expect(after).toHaveLength(before.length + 1);
  const [created] = after.filter((r) => !before.some((b) => b.id === r.id));
  expect(created).toMatchObject({ id: request.id, from_organisation_id: own, to_organisation_id: world.orgs[fresh.to], created_by: world.users[caller as Member].id });
  const audit = await ctx.dataSource.query(`SELECT actor_user_id, organisation_id, action FROM audit_events WHERE id > $1`, [world.lastAuditId]);
  expect(audit).toEqual([{ actor_user_id: world.users[caller as Member].id, organisation_id: own, action: 'meeting_request.created' }]);
}

async function listCell(cell: Cell): Promise<void> {
  const { caller, target, expected } = cell;
  const listed: Org | null = target === 'own' ? OWN_ORG[caller as Member] : target === 'other' ? OTHER_ORG[caller] : null;
  const organisationId = listed ? world.orgs[listed] : target === 'unknown' ? UNKNOWN_ID : target === 'malformed' ? MALFORMED_ID : undefined;
  const before = await allRequests();
  const res = await send('get', `${BASE}?limit=100${organisationId ? `&organisationId=${organisationId}` : ''}`, actorFor(caller));
  expectStatus(res, expected, ERROR_CODE[expected as 400], 'organisationId');
  expect(await allRequests()).toEqual(before);
  if (expected !== 200) return;

  // Whose requests these are: the organisation named, else the caller's own.
  const ownerId = world.orgs[listed ?? OWN_ORG[caller as Member]];
  const viewer = caller === 'staff' ? null : ownerId;
  const rows = before.filter((r) => r.from_organisation_id === ownerId || r.to_organisation_id === ownerId);
  const items = res.body.items as RequestView[];
  expect(res.body.total).toBe(rows.length);
  expect(items.map((i) => i.id).sort()).toEqual(rows.map((r) => r.id).sort());
  for (const item of items) expectSeenBy(item, rows.find((r) => r.id === item.id)!, viewer);
  const used = rows.filter((r) => r.from_organisation_id === ownerId && r.status === 'pending').length;
  expect(res.body.quota).toEqual({ limit: 10, used, remaining: 10 - used });
}

async function getCell(cell: Cell): Promise<void> {
  const { caller, target, expected } = cell;
  const key = ({ own: 'OWN', declined: 'DECLINED', other: 'OTHER' } as Partial<Record<Target, RequestKey>>)[target];
  const id = key ? world.requests[key] : target === 'unknown' ? UNKNOWN_ID : MALFORMED_ID;
  const before = await allRequests();
  const res = await send('get', `${BASE}/${id}`, actorFor(caller));
  expectStatus(res, expected, ERROR_CODE[expected as 400], 'id');
  expect(await allRequests()).toEqual(before);
  if (expected !== 200) return;
  const row = before.find((r) => r.id === id)!;
  expectSeenBy(res.body, row, caller === 'staff' ? null : world.orgs[OWN_ORG[caller as Member]]);
}

async function decideCell(cell: Cell): Promise<void> {
  const { caller, target, expected, route } = cell;
  const decision = route.split('/').pop() as 'accept' | 'decline' | 'withdraw';
  const closed: RequestKey = caller === 'receiver' ? 'CLOSED_IN' : 'DECLINED';
  const key = ({ own: 'OWN', closed, other: 'OTHER' } as Partial<Record<Target, RequestKey>>)[target];
  const id = key ? world.requests[key] : target === 'unknown' ? UNKNOWN_ID : MALFORMED_ID;

  const before = await allRequests();
  const auditBefore = await auditCount();
  const res = await send('post', `${BASE}/${id}/${decision}`, actorFor(caller), decision === 'decline' ? { reason: 'other' } : undefined);
  expectStatus(res, expected, expected === 409 ? 'REQUEST_CLOSED' : ERROR_CODE[expected as 400], 'id');

  if (expected !== 200) {
    // A refused decision changed nothing: every request as it was, no audit row.
    expect(await allRequests()).toEqual(before);
    expect(await auditCount()).toBe(auditBefore);
    return;
  }
  const status = { accept: 'accepted', decline: 'declined', withdraw: 'withdrawn' }[decision];
  const user = world.users[caller as Member];
  expect(res.body).toMatchObject({ id, status, decidedAt: expect.any(String) });
  const after = await allRequests();
  expect(after.find((r) => r.id === id)).toMatchObject({ status, decided_by: user.id, decline_reason: decision === 'decline' ? 'other' : null });
  // Nothing else moved.
  expect(after.filter((r) => r.id !== id)).toEqual(before.filter((r) => r.id !== id));
  const audit = await ctx.dataSource.query(`SELECT actor_user_id, organisation_id, action, subject_id, details FROM audit_events WHERE id > $1`, [world.lastAuditId]);
  expect(audit).toEqual([
    { actor_user_id: user.id, organisation_id: world.orgs[OWN_ORG[caller as Member]], action: `meeting_request.${status}`, subject_id: id, details: decision === 'decline' ? { reason: 'other' } : {} },
  ]);
}

async function runCell(cell: Cell): Promise<void> {
  await resetWorld();
  if (cell.route === 'POST /api/v1/meeting-requests') return createCell(cell);
  if (cell.route === 'GET /api/v1/meeting-requests') return listCell(cell);
  if (cell.route === 'GET /api/v1/meeting-requests/:id') return getCell(cell);
  return decideCell(cell);
}

// ──────────────────────────────────────────── naming and generation ────────────────────────────────────────────

const CALLER_LABEL: Record<Caller, string> = {
  anonymous: 'anonymous',
  forged: 'forged token',
  sender: "the sender's member",
  receiver: "the receiver's member",
  'other-company': 'member of an unrelated company',
  'other-investor': 'member of an unrelated fund',
  'other-research_centre': 'member of an unrelated research centre',
  staff: 'staff',
  'company-no-org': 'company user without organisation',
  'investor-no-org': 'investor without organisation',
  'research_centre-no-org': 'research_centre user without organisation',
};

const TARGET_LABEL: Record<'create' | 'list' | 'get' | 'decide', Partial<Record<Target, string>>> = {
  create: {
    match: 'a match of its own',
    direct: 'an organisation of the other side (toOrganisationId)',
    own: 'the pair of its pending request',
    other: "another pair's match",
    unknown: 'unknown matchId',
    'unknown-org': 'unknown toOrganisationId',
    malformed: 'malformed matchId',
  },
  list: { none: 'no organisationId', own: 'own organisationId', other: "another organisation's id", unknown: 'unknown organisationId', malformed: 'malformed organisationId' },
  get: { own: 'the request A → F', declined: 'the declined request A → H', other: "another pair's request", unknown: 'unknown id', malformed: 'malformed id' },
  decide: { own: 'the pending request A → F', closed: 'a closed request of its organisation', other: "another pair's request", unknown: 'unknown id', malformed: 'malformed id' },
};

function labelOf(route: RouteKey, target: Target): string {
  const kind = route === 'POST /api/v1/meeting-requests' ? 'create' : route === 'GET /api/v1/meeting-requests' ? 'list' : route === 'GET /api/v1/meeting-requests/:id' ? 'get' : 'decide';
  const label = TARGET_LABEL[kind][target];
  if (!label) throw new Error(`matrix error: no target ${target} for ${route}`);
  return label;
}

function cellsOf(rows: Row[]): Array<[string, Cell]> {
  const cells: Array<[string, Cell]> = [];
  for (const [route, target, expectations] of rows) {
    expectations.forEach((expected, column) => {
      if (expected === null) return;
      const caller = CALLERS[column];
      // Only members have an own organisation, and only OWN's parties a pair to repeat: a table typo would test something else.
      if (route === 'GET /api/v1/meeting-requests' && target === 'own' && !isMember(caller)) throw new Error(`matrix error: "${route}" own under caller ${caller}`);
      if (route === 'POST /api/v1/meeting-requests' && target === 'own' && (caller === 'other-company' || caller === 'other-investor' || caller === 'other-research_centre')) {
        throw new Error(`matrix error: "${route}" own under caller ${caller}`);
      }
      cells.push([`${route} as ${CALLER_LABEL[caller]} on ${labelOf(route, target)} → ${expected}`, { route, target, caller, expected }]);
    });
  }
  return cells;
}

// ──────────────────────────────────────────────────── tests ────────────────────────────────────────────────────

describe('meeting requests authorisation matrix', () => {
  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.truncate();
    const users = {
      sender: await ctx.newUser('company'),
      receiver: await ctx.newUser('investor'),
      'other-company': await ctx.newUser('company'),
      'other-investor': await ctx.newUser('investor'),
      'other-research_centre': await ctx.newUser('research_centre'),
      staff: await ctx.newUser('staff'),
      'company-no-org': await ctx.newUser('company'),
      'investor-no-org': await ctx.newUser('investor'),
      'research_centre-no-org': await ctx.newUser('research_centre'),
    };
    const dMember = await ctx.newUser('company');
    const hMember = await ctx.newUser('investor');
    const company = { ...FITTING_COMPANY, lookingFor: ['investment', 'licensing_in'] };
    const worker = await startTestWorker();
    let orgs: Record<Org, string>;
    let offer: string;
    try {
      orgs = {
        A: (await ctx.newCompany(users.sender, { ...company, name: 'Company A' })).id,
        B: (await ctx.newCompany(users['other-company'], { ...company, name: 'Company B' })).id,
        D: (await ctx.newCompany(dMember, { ...company, name: 'Company D' })).id,
        F: (await ctx.newFund(users.receiver, { ...FITTING_FUND, name: 'Fund F' })).id,
        G: (await ctx.newFund(users['other-investor'], { ...FITTING_FUND, name: 'Fund G' })).id,
        H: (await ctx.newFund(hMember, { ...FITTING_FUND, name: 'Fund H' })).id,
        S: (await ctx.newResearchCentre(users['other-research_centre'], { ...FITTING_CENTRE, name: 'Centre S' })).id,
      };
      offer = (await ctx.newTechnologyOffer(orgs.S, { ...CAR_T_OFFER, title: 'Offer P' })).id;
      await scoringSettled(ctx, worker);
    } finally {
      // The cells see a fixed world: no worker rescores, nor expires a request, while they run.
      await worker.close();
    }

    const find = async (company: string, other: string): Promise<string> => {
      const [row] = await ctx.dataSource.query(`SELECT id FROM matches WHERE company_id = $1 AND (fund_id = $2 OR technology_offer_id = $2)`, [company, other]);
      if (!row) throw new Error(`fixture error: no match between ${company} and ${other}`);
      return row.id;
    };
    const matches: Record<MatchKey, string> = {
      'A–F': await find(orgs.A, orgs.F),
      'A–G': await find(orgs.A, orgs.G),
      'B–F': await find(orgs.B, orgs.F),
      'B–G': await find(orgs.B, orgs.G),
      'D–H': await find(orgs.D, orgs.H),
      'A–P': await find(orgs.A, offer),
    };

    const post = async (user: TestUser, path: string, body: object, status: number) => {
      const res = await ctx.http.post(path).set('authorization', `Bearer ${user.token}`).send(body);
      if (res.status !== status) throw new Error(`fixture error: POST ${path} answered ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const requests: Record<RequestKey, string> = {
      OWN: (await post(users.sender, BASE, { matchId: matches['A–F'], message: 'Shall we meet?' }, 201)).request.id,
      DECLINED: (await post(users.sender, BASE, { toOrganisationId: orgs.H, area: 'venture_capital' }, 201)).request.id,
      CLOSED_IN: (await post(dMember, BASE, { toOrganisationId: orgs.F, area: 'venture_capital' }, 201)).request.id,
      OTHER: (await post(dMember, BASE, { matchId: matches['D–H'] }, 201)).request.id,
    };
    // `timing` names no scoring factor, so the requester's whole body can be searched for it.
    await post(hMember, `${BASE}/${requests.DECLINED}/decline`, { reason: 'timing' }, 200);
    await post(dMember, `${BASE}/${requests.CLOSED_IN}/withdraw`, {}, 200);

    const [{ last }] = await ctx.dataSource.query(`SELECT max(id)::text AS last FROM audit_events`);
    world = {
      users,
      forgedToken: staffToken(users.staff),
      orgs,
      matches,
      requests,
      rows: await allRequests(),
      lastAuditId: last,
    };
  }, 60_000);

  afterAll(() => ctx.close());

  it('controls: the forged token carries valid staff claims, and the real secret would have let them in', async () => {
    expect(new JwtService().decode(world.forgedToken)).toMatchObject({ sub: world.users.staff.id, role: 'staff' });
    const genuine = staffToken(world.users.staff, process.env.JWT_SECRET!);
    await send('get', `${BASE}/${world.requests.OWN}`, { auth: `Bearer ${genuine}` }).expect(200);
  });

  it('controls: the no-organisation users are members of nothing, the others of their organisation', async () => {
    for (const caller of CALLERS) {
      if (caller === 'anonymous' || caller === 'forged') continue;
      const me = await send('get', '/api/v1/auth/me', actorFor(caller)).expect(200);
      expect({ caller, organisationId: me.body.organisationId }).toEqual({ caller, organisationId: isMember(caller) ? world.orgs[OWN_ORG[caller]] : null });
    }
  });

  it('controls: the world is as the header says', async () => {
    await resetWorld();
    const byId = new Map((await allRequests()).map((r) => [r.id, r]));
    expect(byId.size).toBe(4);
    const { orgs, requests } = world;
    expect(byId.get(requests.OWN)).toMatchObject({ from_organisation_id: orgs.A, to_organisation_id: orgs.F, status: 'pending', match_id: world.matches['A–F'] });
    expect(byId.get(requests.DECLINED)).toMatchObject({ from_organisation_id: orgs.A, to_organisation_id: orgs.H, status: 'declined', decline_reason: 'timing' });
    expect(byId.get(requests.CLOSED_IN)).toMatchObject({ from_organisation_id: orgs.D, to_organisation_id: orgs.F, status: 'withdrawn' });
    expect(byId.get(requests.OTHER)).toMatchObject({ from_organisation_id: orgs.D, to_organisation_id: orgs.H, status: 'pending' });
    for (const row of byId.values()) expect(row.expires_at.getTime()).toBeGreaterThan(Date.now());
  });

  for (const [group, rows] of MATRIX) {
    describe(group, () => {
      it.each(cellsOf(rows))('%s', (_name, cell) => runCell(cell));
    });
  }
});
