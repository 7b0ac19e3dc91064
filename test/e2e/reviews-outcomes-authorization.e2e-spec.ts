import { JwtService } from '@nestjs/jwt';
import { expectStatus, staffToken } from '../support/authorization-cells';
import { TestContext, type TestUser } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { CAR_T_OFFER, CONFIDENTIAL_FIELDS, FITTING_CENTRE, FITTING_COMPANY, FITTING_FUND, scoringSettled } from '../support/matching-fixtures';
import { MALFORMED_ID, UNKNOWN_ID, type RequestRow } from '../support/meeting-requests-support';

/**
 * Authorisation matrix of match reviews, meeting outcomes, staff's outcome summary and audit trail, and of the staged
 * disclosure of profiles: every route × every caller × target, one `it` per cell, generated from the tables below.
 *
 * Organisations: companies A, B, D; funds F, G; research centres R (offer O) and S (offer P). Every company looks for
 * investment and licensing and fits both funds and both offers, so the worker scored every pair before the cells run
 * (then it was stopped). D has a member too, but it is not a caller.
 *
 * Meeting requests of the world (fixed: no route under test changes them):
 *   AF  A → F  venture capital  accepted by F
 *   AR  A → R  tech transfer    accepted by R (match A–O)
 *   BS  B → S  tech transfer    accepted by S (match B–P)
 *   DG  D → G  venture capital  accepted by G
 *   BG  B → G  venture capital  pending
 *   AG  A → G  venture capital  declined by G
 *   AS  A → S  tech transfer    pending (match A–P)
 *   FB  F → B  venture capital  pending
 *   RB  R → B  tech transfer    pending
 * So, besides its own members and staff, an organisation's confidential part is disclosed to: A → F, R; F → A;
 * R → A; B → S; S → B; G → D; D → G. Every other pair (pending: A–S, B–G, F–B, R–B; declined: A–G; or no request
 * at all) sees the public profile only.
 *
 * Callers (the table columns, in this order):
 *   anonymous        no Authorization header
 *   forged           staff claims signed with another secret
 *   company          role company, member of A
 *   investor         role investor, member of F
 *   research_centre  role research_centre, member of R (offer O)
 *   staff            hub staff (member of nothing)
 *   *-no-org         a user of that role who is not a member of any organisation yet
 *   other-*          members of OTHER organisations: company B, fund G, centre S (offer P)
 *
 * Targets:
 *   reviews   party: a match of the caller's organisation (A, F: A–F; R: A–O; B, G: B–G; S: B–P); other: a match it is
 *             no party of (A, F, staff: B–G; R: B–P; B, G, no organisation, no token: A–F; S: A–O); unknown /
 *             malformed match id; bad-reason: a decline with a reason that is none of the five (on the party match
 *             for members, else on the `other` one).
 *   outcome   accepted: an accepted request of the caller's organisation (A, F: AF; R: AR; B, S: BS; G: DG; everybody
 *   (PUT)     else: AF); correct: the same, its side's outcome already recorded (a correction); pending: a pending
 *             request of its organisation (A, S: AS; F: FB; R: RB; B, G: BG; everybody else: BG); other: another pair's
 *             accepted request (A: BS; F: AR; everybody else: AF, R: AF); unknown / malformed id; bad-outcome: an
 *             outcome that is none of the three; inconsistent: a follow-up after a meeting that did not take place.
 *   outcome   recorded: the `accepted` request, both sides recorded (staff name the caller's side: AF with A);
 *   (GET)     own-named: the same with organisationId = its own; counterpart-named: organisationId = the other side's;
 *             unnamed: staff without organisationId; unrecorded: only the other side recorded (staff name the silent
 *             side: AF with A, only F recorded); pending: the `pending` request (staff: BG with B); other: another pair's accepted
 *             request, both sides recorded; unknown / malformed id (staff name A); malformed-org: organisationId not a UUID.
 *   staff     summary: none. audit-events: none; filtered (organisation A, subject type and action); subject (AF);
 *             paged (limit 2, offset 1); bad-* (subjectId, organisationId, subjectType, action, limit out of range).
 *   disclosure  one profile of the world: A, B, D (companies), F, G (funds), R, S (centres), O, P (offers), read
 *             alone or found in its list.
 *
 * Cell values: the expected HTTP status (for disclosure: DISCLOSED / PUBLIC, both 200, or 401); `__` = no such cell.
 * Besides the status every cell checks: the JSON error body ({statusCode, code, message}) of every 4xx, naming the
 * parameter of a 400; that a refused review or outcome wrote no match_reviews / meeting_outcomes row, no audit row and
 * no outbox row, and changed no existing one; that an accepted one wrote exactly the caller's row, one audit row by the
 * caller and one outbox row; that a read shows only the caller's side (never the other side's record or note); that
 * staff's summary and audit pages are exactly what the database holds; that a profile read shows every confidential
 * key and its value (JSON text searched) to those it is disclosed to, and neither key nor value to anyone else.
 */

// ───────────────────────────────────────────── the expectations ─────────────────────────────────────────────

type Status = 200 | 400 | 401 | 403 | 404 | 409;
type Expect = Status | null;
const __ = null;

const CALLERS = [
  'anonymous',
  'forged',
  'company',
  'investor',
  'research_centre',
  'staff',
  'company-no-org',
  'investor-no-org',
  'research_centre-no-org',
  'other-company',
  'other-investor',
  'other-research_centre',
] as const;
type Caller = (typeof CALLERS)[number];
type Member = 'company' | 'investor' | 'research_centre' | 'other-company' | 'other-investor' | 'other-research_centre';
type Cells<T> = readonly [T, T, T, T, T, T, T, T, T, T, T, T];

const SHORTLIST = 'POST /api/v1/matches/:id/shortlist';
const DECLINE = 'POST /api/v1/matches/:id/decline';
const CLEAR = 'DELETE /api/v1/matches/:id/review';
const PUT_OUTCOME = 'PUT /api/v1/meeting-requests/:id/outcome';
const GET_OUTCOME = 'GET /api/v1/meeting-requests/:id/outcome';
const SUMMARY = 'GET /api/v1/meeting-outcomes/summary';
const AUDIT = 'GET /api/v1/audit-events';

type RouteKey = typeof SHORTLIST | typeof DECLINE | typeof CLEAR | typeof PUT_OUTCOME | typeof GET_OUTCOME | typeof SUMMARY | typeof AUDIT;
type Target =
  | 'party'
  | 'other'
  | 'unknown'
  | 'malformed'
  | 'bad-reason'
  | 'accepted'
  | 'correct'
  | 'pending'
  | 'bad-outcome'
  | 'inconsistent'
  | 'recorded'
  | 'own-named'
  | 'counterpart-named'
  | 'unnamed'
  | 'unrecorded'
  | 'malformed-org'
  | 'none'
  | 'filtered'
  | 'subject'
  | 'paged'
  | 'bad-subjectId'
  | 'bad-organisationId'
  | 'bad-subjectType'
  | 'bad-action'
  | 'bad-limit';
type Row = readonly [RouteKey, Target, Cells<Expect>];

//                                                         ─ no token ─   ─────── members / staff ───────   ── no organisation ──   ── other organisations ──
//                                                          anon forg      comp  inv   rc    staff           comp  inv   rc           comp  inv   rc
const REVIEWS: Row[] = [
  [SHORTLIST,   'party',              [__,  __,       200,  200,  200,  __,             __,   __,   __,          200,  200,  200]],
  [SHORTLIST,   'other',              [401, 401,      404,  404,  404,  403,            403,  403,  403,         404,  404,  404]],
  [SHORTLIST,   'unknown',            [401, 401,      404,  404,  404,  403,            403,  403,  403,         404,  404,  404]],
  [SHORTLIST,   'malformed',          [401, 401,      400,  400,  400,  400,            400,  400,  400,         400,  400,  400]],
  [DECLINE,     'party',              [__,  __,       200,  200,  200,  __,             __,   __,   __,          200,  200,  200]],
  [DECLINE,     'other',              [401, 401,      404,  404,  404,  403,            403,  403,  403,         404,  404,  404]],
  [DECLINE,     'unknown',            [401, 401,      404,  404,  404,  403,            403,  403,  403,         404,  404,  404]],
  [DECLINE,     'malformed',          [401, 401,      400,  400,  400,  400,            400,  400,  400,         400,  400,  400]],
  [DECLINE,     'bad-reason',         [401, 401,      400,  400,  400,  400,            400,  400,  400,         400,  400,  400]],
  [CLEAR,       'party',              [__,  __,       200,  200,  200,  __,             __,   __,   __,          200,  200,  200]],
  [CLEAR,       'other',              [401, 401,      404,  404,  404,  403,            403,  403,  403,         404,  404,  404]],
  [CLEAR,       'unknown',            [401, 401,      404,  404,  404,  403,            403,  403,  403,         404,  404,  404]],
  [CLEAR,       'malformed',          [401, 401,      400,  400,  400,  400,            400,  400,  400,         400,  400,  400]],
];

//                                                          anon forg      comp  inv   rc    staff           comp  inv   rc           comp  inv   rc
const RECORD: Row[] = [
  [PUT_OUTCOME, 'accepted',           [401, 401,      200,  200,  200,  403,            403,  403,  403,         200,  200,  200]],
  [PUT_OUTCOME, 'correct',            [__,  __,       200,  200,  200,  __,             __,   __,   __,          200,  200,  200]],
  [PUT_OUTCOME, 'pending',            [401, 401,      409,  409,  409,  403,            403,  403,  403,         409,  409,  409]],
  [PUT_OUTCOME, 'other',              [401, 401,      404,  404,  404,  403,            403,  403,  403,         404,  404,  404]],
  [PUT_OUTCOME, 'unknown',            [401, 401,      404,  404,  404,  403,            403,  403,  403,         404,  404,  404]],
  [PUT_OUTCOME, 'malformed',          [401, 401,      400,  400,  400,  400,            400,  400,  400,         400,  400,  400]],
  [PUT_OUTCOME, 'bad-outcome',        [401, 401,      400,  400,  400,  400,            400,  400,  400,         400,  400,  400]],
  [PUT_OUTCOME, 'inconsistent',       [401, 401,      400,  400,  400,  403,            403,  403,  403,         400,  400,  400]],
];

//                                                          anon forg      comp  inv   rc    staff           comp  inv   rc           comp  inv   rc
const READ_OUTCOME: Row[] = [
  [GET_OUTCOME, 'recorded',           [401, 401,      200,  200,  200,  200,            403,  403,  403,         200,  200,  200]],
  [GET_OUTCOME, 'own-named',          [__,  __,       200,  200,  200,  __,             __,   __,   __,          200,  200,  200]],
  [GET_OUTCOME, 'counterpart-named',  [401, 401,      403,  403,  403,  __,             403,  403,  403,         403,  403,  403]],
  [GET_OUTCOME, 'unnamed',            [__,  __,       __,   __,   __,   400,            __,   __,   __,          __,   __,   __ ]],
  [GET_OUTCOME, 'unrecorded',         [401, 401,      404,  404,  404,  404,            403,  403,  403,         404,  404,  404]],
  [GET_OUTCOME, 'pending',            [401, 401,      404,  404,  404,  404,            403,  403,  403,         404,  404,  404]],
  [GET_OUTCOME, 'other',              [401, 401,      404,  404,  404,  __,             403,  403,  403,         404,  404,  404]],
  [GET_OUTCOME, 'unknown',            [401, 401,      404,  404,  404,  404,            403,  403,  403,         404,  404,  404]],
  [GET_OUTCOME, 'malformed',          [401, 401,      400,  400,  400,  400,            400,  400,  400,         400,  400,  400]],
  [GET_OUTCOME, 'malformed-org',      [401, 401,      400,  400,  400,  400,            400,  400,  400,         400,  400,  400]],
];

//                                                          anon forg      comp  inv   rc    staff           comp  inv   rc           comp  inv   rc
const STAFF_ONLY: Row[] = [
  [SUMMARY,     'none',               [401, 401,      403,  403,  403,  200,            403,  403,  403,         403,  403,  403]],
  [AUDIT,       'none',               [401, 401,      403,  403,  403,  200,            403,  403,  403,         403,  403,  403]],
  [AUDIT,       'filtered',           [401, 401,      403,  403,  403,  200,            403,  403,  403,         403,  403,  403]],
  [AUDIT,       'subject',            [401, 401,      403,  403,  403,  200,            403,  403,  403,         403,  403,  403]],
  [AUDIT,       'paged',              [401, 401,      403,  403,  403,  200,            403,  403,  403,         403,  403,  403]],
  // A staff-only route refuses everybody else before it looks at the query (as @Roles('staff') routes do).
  [AUDIT,       'bad-subjectId',      [401, 401,      403,  403,  403,  400,            403,  403,  403,         403,  403,  403]],
  [AUDIT,       'bad-organisationId', [401, 401,      403,  403,  403,  400,            403,  403,  403,         403,  403,  403]],
  [AUDIT,       'bad-subjectType',    [401, 401,      403,  403,  403,  400,            403,  403,  403,         403,  403,  403]],
  [AUDIT,       'bad-action',         [401, 401,      403,  403,  403,  400,            403,  403,  403,         403,  403,  403]],
  [AUDIT,       'bad-limit',          [401, 401,      403,  403,  403,  400,            403,  403,  403,         403,  403,  403]],
];

const MATRIX: Array<[string, Row[]]> = [
  ['match reviews', REVIEWS],
  ['recording meeting outcomes', RECORD],
  ['reading meeting outcomes', READ_OUTCOME],
  ['staff only: outcome summary and audit trail', STAFF_ONLY],
];

// Staged disclosure: DISCLOSED = 200 with the confidential part, PUBLIC = 200 without it.
const DISCLOSED = 'disclosed';
const PUBLIC = 'public';
type Seen = typeof DISCLOSED | typeof PUBLIC | 401;
const D_ = DISCLOSED;
const P_ = PUBLIC;

const PROFILE_ROUTES = [
  'GET /api/v1/companies/:id',
  'GET /api/v1/companies',
  'GET /api/v1/funds/:id',
  'GET /api/v1/funds',
  'GET /api/v1/research-centres/:id',
  'GET /api/v1/research-centres',
  'GET /api/v1/research-centres/:id/technology-offers/:offerId',
  'GET /api/v1/research-centres/:id/technology-offers',
] as const;
type ProfileRoute = (typeof PROFILE_ROUTES)[number];
type Org = 'A' | 'B' | 'D' | 'F' | 'G' | 'R' | 'S';
type Offer = 'O' | 'P';
type Profile = Org | Offer;
type DisclosureRow = readonly [ProfileRoute, Profile, Cells<Seen>];

/** Who may see a profile's confidential part, per the header: own members, staff, accepted counterparts. */
//                                                                               anon forg    comp inv  rc   staff   comp inv  rc     comp inv  rc
const ROW_A: Cells<Seen> = /* accepted: F (AF), R (AR); declined: G; pending: S */ [401, 401,   D_,  D_,  D_,  D_,     P_,  P_,  P_,    P_,  P_,  P_];
const ROW_B: Cells<Seen> = /* accepted: S (BS); pending: F, G, R */                [401, 401,   P_,  P_,  P_,  D_,     P_,  P_,  P_,    D_,  P_,  D_];
const ROW_D: Cells<Seen> = /* accepted: G (DG) */                                  [401, 401,   P_,  P_,  P_,  D_,     P_,  P_,  P_,    P_,  D_,  P_];
const ROW_F: Cells<Seen> = /* accepted: A (AF); pending: B */                      [401, 401,   D_,  D_,  P_,  D_,     P_,  P_,  P_,    P_,  P_,  P_];
const ROW_G: Cells<Seen> = /* accepted: D (DG); declined: A; pending: B */         [401, 401,   P_,  P_,  P_,  D_,     P_,  P_,  P_,    P_,  D_,  P_];
const ROW_R: Cells<Seen> = /* accepted: A (AR); pending: B */                      [401, 401,   D_,  P_,  D_,  D_,     P_,  P_,  P_,    P_,  P_,  P_];
const ROW_S: Cells<Seen> = /* accepted: B (BS); pending: A */                      [401, 401,   P_,  P_,  P_,  D_,     P_,  P_,  P_,    D_,  P_,  D_];

const DISCLOSURE: DisclosureRow[] = [
  ['GET /api/v1/companies/:id', 'A', ROW_A],
  ['GET /api/v1/companies/:id', 'B', ROW_B],
  ['GET /api/v1/companies/:id', 'D', ROW_D],
  ['GET /api/v1/companies', 'A', ROW_A],
  ['GET /api/v1/companies', 'B', ROW_B],
  ['GET /api/v1/companies', 'D', ROW_D],
  ['GET /api/v1/funds/:id', 'F', ROW_F],
  ['GET /api/v1/funds/:id', 'G', ROW_G],
  ['GET /api/v1/funds', 'F', ROW_F],
  ['GET /api/v1/funds', 'G', ROW_G],
  ['GET /api/v1/research-centres/:id', 'R', ROW_R],
  ['GET /api/v1/research-centres/:id', 'S', ROW_S],
  ['GET /api/v1/research-centres', 'R', ROW_R],
  ['GET /api/v1/research-centres', 'S', ROW_S],
  // An offer's confidential details follow its centre's disclosure.
  ['GET /api/v1/research-centres/:id/technology-offers/:offerId', 'O', ROW_R],
  ['GET /api/v1/research-centres/:id/technology-offers/:offerId', 'P', ROW_S],
  ['GET /api/v1/research-centres/:id/technology-offers', 'O', ROW_R],
  ['GET /api/v1/research-centres/:id/technology-offers', 'P', ROW_S],
];

// ──────────────────────────────────────────── fixtures and helpers ────────────────────────────────────────────

const ERROR_CODE: Record<Exclude<Status, 200>, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'MEETING_NOT_ACCEPTED',
};

type MatchKey = 'A–F' | 'B–G' | 'A–O' | 'B–P' | 'A–G' | 'A–P' | 'B–F';
type RequestKey = 'AF' | 'AR' | 'BS' | 'DG' | 'BG' | 'AG' | 'AS' | 'FB' | 'RB';

/** Each member caller's organisation. */
const OWN: Record<Member, Org> = { company: 'A', investor: 'F', research_centre: 'R', 'other-company': 'B', 'other-investor': 'G', 'other-research_centre': 'S' };

const PARTY_MATCH: Record<Member, MatchKey> = {
  company: 'A–F',
  investor: 'A–F',
  research_centre: 'A–O',
  'other-company': 'B–G',
  'other-investor': 'B–G',
  'other-research_centre': 'B–P',
};
const OTHER_MATCH: Record<Caller, MatchKey> = {
  anonymous: 'A–F',
  forged: 'A–F',
  company: 'B–G',
  investor: 'B–G',
  research_centre: 'B–P',
  staff: 'B–G',
  'company-no-org': 'A–F',
  'investor-no-org': 'A–F',
  'research_centre-no-org': 'A–F',
  'other-company': 'A–F',
  'other-investor': 'A–F',
  'other-research_centre': 'A–O',
};
/** The matches whose parties' reviews a DELETE cell starts from. */
const REVIEWED_MATCHES: MatchKey[] = ['A–F', 'B–G', 'A–O', 'B–P'];

const REQUEST_PARTIES: Record<RequestKey, [Org, Org]> = {
  AF: ['A', 'F'],
  AR: ['A', 'R'],
  BS: ['B', 'S'],
  DG: ['D', 'G'],
  BG: ['B', 'G'],
  AG: ['A', 'G'],
  AS: ['A', 'S'],
  FB: ['F', 'B'],
  RB: ['R', 'B'],
};
const REQUEST_STATUS: Record<RequestKey, 'accepted' | 'pending' | 'declined'> = {
  AF: 'accepted',
  AR: 'accepted',
  BS: 'accepted',
  DG: 'accepted',
  BG: 'pending',
  AG: 'declined',
  AS: 'pending',
  FB: 'pending',
  RB: 'pending',
};

const perCaller = (members: Record<Member, RequestKey>, otherwise: RequestKey): Record<Caller, RequestKey> => ({
  anonymous: otherwise,
  forged: otherwise,
  staff: otherwise,
  'company-no-org': otherwise,
  'investor-no-org': otherwise,
  'research_centre-no-org': otherwise,
  ...members,
});
const ACCEPTED = perCaller({ company: 'AF', investor: 'AF', research_centre: 'AR', 'other-company': 'BS', 'other-investor': 'DG', 'other-research_centre': 'BS' }, 'AF');
const PENDING = perCaller({ company: 'AS', investor: 'FB', research_centre: 'RB', 'other-company': 'BG', 'other-investor': 'BG', 'other-research_centre': 'AS' }, 'BG');
const OTHER_REQUEST = perCaller({ company: 'BS', investor: 'AR', research_centre: 'AF', 'other-company': 'AF', 'other-investor': 'AF', 'other-research_centre': 'AF' }, 'AF');

/** Notes only one side wrote: never in the other side's answer. */
const OWN_NOTE = 'own-side note: they liked the armoured construct';
const COUNTERPART_NOTE = 'counterpart-only note: walrus-confidential';

interface MatchRow {
  id: string;
  area: 'venture_capital' | 'tech_transfer';
  company_id: string;
  fund_id: string | null;
  research_centre_id: string | null;
}

interface World {
  users: Record<Exclude<Caller, 'anonymous' | 'forged'>, TestUser>;
  /** One member of each organisation (D's is no caller). */
  memberOf: Record<Org, TestUser>;
  forgedToken: string;
  orgs: Record<Org, string>;
  offers: Record<Offer, string>;
  matches: Record<MatchKey, MatchRow>;
  requests: Record<RequestKey, string>;
  rows: RequestRow[];
  lastAuditId: string;
}

interface Actor {
  auth?: string;
}

let ctx: TestContext;
let world: World;

const isMember = (caller: Caller): caller is Member => caller in OWN;

function actorFor(caller: Caller): Actor {
  if (caller === 'anonymous') return {};
  if (caller === 'forged') return { auth: `Bearer ${world.forgedToken}` };
  return { auth: `Bearer ${world.users[caller].token}` };
}

function send(method: 'get' | 'put' | 'post' | 'delete', url: string, actor: Actor, body?: object) {
  const req = ctx.http[method](url);
  if (actor.auth) req.set('authorization', actor.auth);
  if (body) req.send(body);
  return req;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows: Array<{ n: number }> = await ctx.dataSource.query(sql, params);
  return rows[0].n;
}

const auditCount = () => count(`SELECT count(*)::int AS n FROM audit_events`);
const outboxCount = (topic: string) => count(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = $1`, [topic]);
const newAudit = () =>
  ctx.dataSource.query(`SELECT actor_user_id, organisation_id, action, subject_type, subject_id, details FROM audit_events WHERE id > $1 ORDER BY id`, [world.lastAuditId]);

interface ReviewRow {
  organisation_id: string;
  counterpart_id: string;
  area: string;
  decision: string;
  reason: string | null;
  match_id: string | null;
  reviewed_by: string | null;
}
const allReviews = (): Promise<ReviewRow[]> =>
  ctx.dataSource.query(`SELECT organisation_id, counterpart_id, area, decision, reason, match_id, reviewed_by FROM match_reviews ORDER BY organisation_id, counterpart_id, area`);

interface OutcomeRow {
  request_id: string;
  organisation_id: string;
  outcome: string;
  follow_up: string;
  note: string | null;
  recorded_by: string | null;
  updated_at: Date;
}
const allOutcomes = (): Promise<OutcomeRow[]> =>
  ctx.dataSource.query(`SELECT request_id, organisation_id, outcome, follow_up, note, recorded_by, updated_at FROM meeting_outcomes ORDER BY request_id, organisation_id`);

const allRequests = (): Promise<RequestRow[]> => ctx.dataSource.query(`SELECT * FROM meeting_requests ORDER BY id`);

/** Back to the world of the header: no review, no outcome, no audit or feedback row but the setup's. */
async function resetWorld(): Promise<void> {
  await ctx.dataSource.query(`DELETE FROM match_reviews`);
  await ctx.dataSource.query(`DELETE FROM meeting_outcomes`);
  await ctx.dataSource.query(`DELETE FROM audit_events WHERE id > $1`, [world.lastAuditId]);
  await ctx.dataSource.query(`DELETE FROM outbox_events WHERE topic IN ('match_review.changed', 'meeting_outcome.recorded')`);
}

/** The other party of a match, seen from `own`. */
const counterpartOf = (match: MatchRow, own: string): string => (match.company_id === own ? (match.fund_id ?? match.research_centre_id)! : match.company_id);

/** A review by each party of each of the REVIEWED_MATCHES (companies shortlisted, partners declined). */
async function seedReviews(): Promise<void> {
  for (const key of REVIEWED_MATCHES) {
    const m = world.matches[key];
    const partner = (m.fund_id ?? m.research_centre_id)!;
    await ctx.dataSource.query(
      `INSERT INTO match_reviews (organisation_id, counterpart_id, area, decision, reason, match_id) VALUES ($1, $2, $3, 'shortlisted', NULL, $4), ($2, $1, $3, 'declined', 'stage', $4)`,
      [m.company_id, partner, m.area, m.id],
    );
  }
}

async function seedOutcome(request: RequestKey, org: Org, outcome: 'took_place' | 'no_show', followUp: string, note: string | null): Promise<void> {
  await ctx.dataSource.query(`INSERT INTO meeting_outcomes (request_id, organisation_id, outcome, follow_up, note) VALUES ($1, $2, $3, $4, $5)`, [
    world.requests[request],
    world.orgs[org],
    outcome,
    followUp,
    note,
  ]);
}

/** The caller's own side of a request and the other one. */
function sidesOf(request: RequestKey, caller: Caller): { own: Org; counterpart: Org } {
  const [from, to] = REQUEST_PARTIES[request];
  if (isMember(caller)) {
    const own = OWN[caller];
    if (own !== from && own !== to) throw new Error(`matrix error: ${caller} is no party of ${request}`);
    return { own, counterpart: own === from ? to : from };
  }
  // Callers without an organisation act (or fail to) for the sender's side.
  return { own: from, counterpart: to };
}

// ───────────────────────────────────────────── the cell runners ─────────────────────────────────────────────

interface Cell {
  route: RouteKey;
  target: Target;
  caller: Caller;
  expected: Status;
}

const errorCode = (status: Status): string | undefined => (status === 200 ? undefined : ERROR_CODE[status]);

async function reviewCell(cell: Cell): Promise<void> {
  const { route, target, caller, expected } = cell;
  if (route === CLEAR) await seedReviews();
  const matchKey: MatchKey | null =
    target === 'party' || (target === 'bad-reason' && isMember(caller)) ? PARTY_MATCH[caller as Member] : target === 'other' || target === 'bad-reason' ? OTHER_MATCH[caller] : null;
  const match = matchKey ? world.matches[matchKey] : null;
  const id = match?.id ?? (target === 'unknown' ? UNKNOWN_ID : MALFORMED_ID);
  const reason = target === 'bad-reason' ? 'bored' : 'ticket';

  const reviewsBefore = await allReviews();
  const auditBefore = await auditCount();
  const outboxBefore = await outboxCount('match_review.changed');
  const res =
    route === SHORTLIST
      ? await send('post', `/api/v1/matches/${id}/shortlist`, actorFor(caller))
      : route === DECLINE
        ? await send('post', `/api/v1/matches/${id}/decline`, actorFor(caller), { reason })
        : await send('delete', `/api/v1/matches/${id}/review`, actorFor(caller));
  expectStatus(res, expected, errorCode(expected), target === 'bad-reason' ? 'reason' : 'id');

  if (expected !== 200) {
    // A refused review wrote nothing and changed nothing.
    expect(await allReviews()).toEqual(reviewsBefore);
    expect(await auditCount()).toBe(auditBefore);
    expect(await outboxCount('match_review.changed')).toBe(outboxBefore);
    return;
  }

  const user = world.users[caller as Member];
  const own = world.orgs[OWN[caller as Member]];
  const counterpart = counterpartOf(match!, own);
  const mine = (r: ReviewRow) => r.organisation_id === own && r.counterpart_id === counterpart && r.area === match!.area;
  const after = await allReviews();
  expect(res.body.id).toBe(match!.id);
  // Nobody else's review moved.
  expect(after.filter((r) => !mine(r))).toEqual(reviewsBefore.filter((r) => !mine(r)));
  const action = route === SHORTLIST ? 'match.shortlisted' : route === DECLINE ? 'match.declined' : 'match.review_cleared';
  if (route === CLEAR) {
    expect(reviewsBefore.filter(mine)).toHaveLength(1);
    expect(after).toHaveLength(reviewsBefore.length - 1);
    expect(after.filter(mine)).toEqual([]);
    expect(res.body.review).toBeNull();
  } else {
    const decision = route === SHORTLIST ? 'shortlisted' : 'declined';
    const expectedReason = route === DECLINE ? reason : null;
    expect(after).toHaveLength(reviewsBefore.length + 1);
    expect(after.filter(mine)).toEqual([
      { organisation_id: own, counterpart_id: counterpart, area: match!.area, decision, reason: expectedReason, match_id: match!.id, reviewed_by: user.id },
    ]);
    expect(res.body.review).toEqual({ decision, reason: expectedReason, reviewedAt: expect.any(String) });
  }
  expect(await newAudit()).toEqual([
    {
      actor_user_id: user.id,
      organisation_id: own,
      action,
      subject_type: 'match',
      subject_id: match!.id,
      details: { ...(route === DECLINE ? { reason } : {}), counterpartId: counterpart, area: match!.area },
    },
  ]);
  expect(await outboxCount('match_review.changed')).toBe(outboxBefore + 1);
}

async function recordCell(cell: Cell): Promise<void> {
  const { target, caller, expected } = cell;
  const key: RequestKey | null =
    target === 'accepted' || target === 'correct' || target === 'bad-outcome' || target === 'inconsistent'
      ? ACCEPTED[caller]
      : target === 'pending'
        ? PENDING[caller]
        : target === 'other'
          ? OTHER_REQUEST[caller]
          : null;
  const id = key ? world.requests[key] : target === 'unknown' ? UNKNOWN_ID : MALFORMED_ID;
  if (key && REQUEST_STATUS[key] === 'accepted') {
    // The other side has its own record already, which no call of this side may touch; a correction starts from one of its own.
    const { own, counterpart } = target === 'other' ? { own: REQUEST_PARTIES[key][0], counterpart: REQUEST_PARTIES[key][1] } : sidesOf(key, caller);
    await seedOutcome(key, counterpart, 'no_show', 'none', COUNTERPART_NOTE);
    if (target === 'correct' || target === 'other') await seedOutcome(key, own, 'no_show', 'none', 'first draft');
  }
  const body =
    target === 'bad-outcome'
      ? { outcome: 'maybe' }
      : target === 'inconsistent'
        ? { outcome: 'no_show', followUp: 'term_sheet' }
        : { outcome: 'took_place', followUp: 'due_diligence', note: OWN_NOTE };

  const requestsBefore = await allRequests();
  const outcomesBefore = await allOutcomes();
  const auditBefore = await auditCount();
  const outboxBefore = await outboxCount('meeting_outcome.recorded');
  const res = await send('put', `/api/v1/meeting-requests/${id}/outcome`, actorFor(caller), body);
  const field = target === 'bad-outcome' ? 'outcome' : target === 'inconsistent' ? 'followUp' : 'id';
  expectStatus(res, expected, errorCode(expected), field);
  expect(await allRequests()).toEqual(requestsBefore);
  expect(JSON.stringify(res.body)).not.toContain('walrus');

  if (expected !== 200) {
    expect(await allOutcomes()).toEqual(outcomesBefore);
    expect(await auditCount()).toBe(auditBefore);
    expect(await outboxCount('meeting_outcome.recorded')).toBe(outboxBefore);
    return;
  }

  const user = world.users[caller as Member];
  const { own, counterpart } = sidesOf(key!, caller);
  const ownId = world.orgs[own];
  expect(res.body).toEqual({ requestId: id, organisationId: ownId, outcome: 'took_place', followUp: 'due_diligence', note: OWN_NOTE, recordedAt: expect.any(String) });
  const after = await allOutcomes();
  const mine = (o: OutcomeRow) => o.organisation_id === ownId && o.request_id === id;
  // The other side's record is untouched; the caller's is the one written (a correction rewrites, never adds).
  expect(after.filter((o) => !mine(o))).toEqual(outcomesBefore.filter((o) => !mine(o)));
  expect(after.find((o) => o.organisation_id === world.orgs[counterpart] && o.request_id === id)).toMatchObject({ outcome: 'no_show', note: COUNTERPART_NOTE });
  expect(after).toHaveLength(outcomesBefore.length + (target === 'correct' ? 0 : 1));
  expect(after.filter(mine)).toEqual([
    { request_id: id, organisation_id: ownId, outcome: 'took_place', follow_up: 'due_diligence', note: OWN_NOTE, recorded_by: user.id, updated_at: expect.any(Date) },
  ]);
  expect(await newAudit()).toEqual([
    {
      actor_user_id: user.id,
      organisation_id: ownId,
      action: 'meeting_outcome.recorded',
      subject_type: 'meeting_request',
      subject_id: id,
      details: { outcome: 'took_place', followUp: 'due_diligence' },
    },
  ]);
  expect(await outboxCount('meeting_outcome.recorded')).toBe(outboxBefore + 1);
  // And the record stays the caller's: the other side still reads only its own.
  const other = await send('get', `/api/v1/meeting-requests/${id}/outcome`, { auth: `Bearer ${world.memberOf[counterpart].token}` }).expect(200);
  expect(other.body).toMatchObject({ organisationId: world.orgs[counterpart], outcome: 'no_show', note: COUNTERPART_NOTE });
  expect(JSON.stringify(other.body)).not.toContain(OWN_NOTE);
}

async function readOutcomeCell(cell: Cell): Promise<void> {
  const { target, caller, expected } = cell;
  const key: RequestKey | null =
    target === 'pending' ? PENDING[caller] : target === 'other' ? OTHER_REQUEST[caller] : target === 'unknown' || target === 'malformed' ? null : ACCEPTED[caller];
  const id = key ? world.requests[key] : target === 'unknown' ? UNKNOWN_ID : MALFORMED_ID;

  // Whose side is whose: the caller's (staff: the side named) and the other one.
  let sides: { own: Org; counterpart: Org } | null = null;
  if (key && target === 'other') sides = { own: REQUEST_PARTIES[key][0], counterpart: REQUEST_PARTIES[key][1] };
  else if (key) sides = sidesOf(key, caller);
  if (key && REQUEST_STATUS[key] === 'accepted' && sides) {
    await seedOutcome(key, sides.counterpart, 'no_show', 'none', COUNTERPART_NOTE);
    if (target !== 'unrecorded') await seedOutcome(key, sides.own, 'took_place', 'term_sheet', OWN_NOTE);
  }

  // The organisationId of the query; staff name the caller's side of the table (the one that recorded, or not).
  let organisationId: string | undefined;
  if (target === 'own-named') organisationId = world.orgs[sides!.own];
  else if (target === 'counterpart-named') organisationId = world.orgs[sides!.counterpart];
  else if (target === 'malformed-org') organisationId = MALFORMED_ID;
  else if (caller === 'staff' && target !== 'unnamed') organisationId = world.orgs[sides ? sides.own : 'A'];

  const outcomesBefore = await allOutcomes();
  const auditBefore = await auditCount();
  const res = await send('get', `/api/v1/meeting-requests/${id}/outcome${organisationId ? `?organisationId=${organisationId}` : ''}`, actorFor(caller));
  const field = target === 'malformed' ? 'id' : 'organisationId';
  expectStatus(res, expected, errorCode(expected), field);
  expect(await allOutcomes()).toEqual(outcomesBefore);
  expect(await auditCount()).toBe(auditBefore);
  // Nobody ever reads the other side's record through its own.
  expect(JSON.stringify(res.body)).not.toContain('walrus');
  if (expected !== 200) {
    expect(res.body).not.toHaveProperty('outcome');
    return;
  }
  expect(res.body).toEqual({
    requestId: id,
    organisationId: world.orgs[sides!.own],
    outcome: 'took_place',
    followUp: 'term_sheet',
    note: OWN_NOTE,
    recordedAt: expect.any(String),
  });
}

async function summaryCell(cell: Cell): Promise<void> {
  // AF: A took place → term sheet, F says no-show (disputed); AR: A took place → follow-up; DG: G no-show; BS: nothing.
  await seedOutcome('AF', 'A', 'took_place', 'term_sheet', null);
  await seedOutcome('AF', 'F', 'no_show', 'none', null);
  await seedOutcome('AR', 'A', 'took_place', 'follow_up', null);
  await seedOutcome('DG', 'G', 'no_show', 'none', null);
  const res = await send('get', '/api/v1/meeting-outcomes/summary', actorFor(cell.caller));
  expectStatus(res, cell.expected, errorCode(cell.expected));
  if (cell.expected !== 200) {
    expect(res.body).not.toHaveProperty('acceptedMeetings');
    return;
  }
  expect(res.body).toEqual({
    acceptedMeetings: 4,
    withOutcome: 3,
    outcomes: { took_place: 2, no_show: 2, cancelled: 0 },
    followUps: { none: 2, follow_up: 1, due_diligence: 0, term_sheet: 1, agreement: 0 },
    disputed: 1,
    byArea: {
      venture_capital: { acceptedMeetings: 2, tookPlace: 1, followedUp: 1 },
      tech_transfer: { acceptedMeetings: 2, tookPlace: 1, followedUp: 1 },
    },
  });
}

interface AuditDbRow {
  id: string;
  actor_user_id: string | null;
  organisation_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details: Record<string, unknown>;
  created_at: Date;
}

async function auditCell(cell: Cell): Promise<void> {
  const { target, caller, expected } = cell;
  const query: Partial<Record<Target, string>> = {
    none: 'limit=100',
    filtered: `limit=100&organisationId=${world.orgs.A}&subjectType=meeting_request&action=meeting_request.created`,
    subject: `limit=100&subjectId=${world.requests.AF}`,
    paged: 'limit=2&offset=1',
    'bad-subjectId': `subjectId=${MALFORMED_ID}`,
    'bad-organisationId': `organisationId=${MALFORMED_ID}`,
    'bad-subjectType': 'subjectType=company',
    'bad-action': 'action=DROP%20TABLE',
    'bad-limit': 'limit=101',
  };
  const field = ({ 'bad-subjectId': 'subjectId', 'bad-organisationId': 'organisationId', 'bad-subjectType': 'subjectType', 'bad-action': 'action', 'bad-limit': 'limit' } as Partial<Record<Target, string>>)[target];
  const res = await send('get', `/api/v1/audit-events?${query[target]}`, actorFor(caller));
  expectStatus(res, expected, errorCode(expected), field);
  if (expected !== 200) {
    expect(res.body).not.toHaveProperty('items');
    return;
  }

  const all: AuditDbRow[] = await ctx.dataSource.query(`SELECT id::text, actor_user_id, organisation_id, action, subject_type, subject_id, details, created_at FROM audit_events ORDER BY created_at DESC, id DESC`);
  const A = world.orgs.A;
  const selected = {
    none: all,
    filtered: all.filter((r) => r.organisation_id === A && r.subject_type === 'meeting_request' && r.action === 'meeting_request.created'),
    subject: all.filter((r) => r.subject_id === world.requests.AF),
    paged: all,
  }[target as 'none' | 'filtered' | 'subject' | 'paged'];
  const [limit, offset] = target === 'paged' ? [2, 1] : [100, 0];
  // The setup's decisions: 9 requests created, 4 accepted, 1 declined.
  expect(all).toHaveLength(14);
  if (target === 'filtered') expect(selected).toHaveLength(4);
  if (target === 'subject') expect(selected.map((r) => r.action).sort()).toEqual(['meeting_request.accepted', 'meeting_request.created']);
  expect(res.body.total).toBe(selected.length);
  expect({ limit: res.body.limit, offset: res.body.offset }).toEqual({ limit, offset });
  const page = selected.slice(offset, offset + limit);
  const emailOf = new Map([...Object.values(world.users), world.memberOf.D].map((u) => [u.id, u.email]));
  const nameOf = new Map(Object.entries(world.orgs).map(([k, v]) => [v, { A: 'Company A', B: 'Company B', D: 'Company D', F: 'Fund F', G: 'Fund G', R: 'Centre R', S: 'Centre S' }[k as Org]]));
  expect(res.body.items).toEqual(
    page.map((r) => ({
      id: r.id,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      actor: r.actor_user_id ? { userId: r.actor_user_id, email: emailOf.get(r.actor_user_id) } : null,
      organisation: r.organisation_id ? { id: r.organisation_id, name: nameOf.get(r.organisation_id) } : null,
      details: r.details,
      at: new Date(r.created_at).toISOString(),
    })),
  );
}

function runCell(cell: Cell): Promise<void> {
  if (cell.route === SHORTLIST || cell.route === DECLINE || cell.route === CLEAR) return reviewCell(cell);
  if (cell.route === PUT_OUTCOME) return recordCell(cell);
  if (cell.route === GET_OUTCOME) return readOutcomeCell(cell);
  if (cell.route === SUMMARY) return summaryCell(cell);
  return auditCell(cell);
}

// ───────────────────────────────────────────── staged disclosure ─────────────────────────────────────────────

interface DisclosureCell {
  route: ProfileRoute;
  profile: Profile;
  caller: Caller;
  expected: Seen;
}

/** A company's confidential values, distinct per company so a text search tells them apart. */
const COMPANY_SECRETS: Record<'A' | 'B' | 'D', { fundingSoughtEur: number; ipStatus: 'filed' | 'granted' | 'licensed'; technologyNeeds: string }> = {
  A: { fundingSoughtEur: 2_345_001, ipStatus: 'filed', technologyNeeds: 'GMP viral vector manufacturing, zebrafishneeds-A, for the phase I batch' },
  B: { fundingSoughtEur: 2_345_002, ipStatus: 'granted', technologyNeeds: 'GMP viral vector manufacturing, zebrafishneeds-B, for the phase I batch' },
  D: { fundingSoughtEur: 2_345_003, ipStatus: 'licensed', technologyNeeds: 'GMP viral vector manufacturing, zebrafishneeds-D, for the phase I batch' },
};
const OFFER_SECRETS: Record<Offer, string> = {
  O: 'okapi-secret-O: the construct sequence and the licensing terms asked',
  P: 'okapi-secret-P: the construct sequence and the licensing terms asked',
};
const CENTRE_OF: Record<Offer, 'R' | 'S'> = { O: 'R', P: 'S' };

function profileUrl(route: ProfileRoute, profile: Profile): { url: string; id: string } {
  const isOffer = profile === 'O' || profile === 'P';
  const id = isOffer ? world.offers[profile] : world.orgs[profile];
  const centre = isOffer ? world.orgs[CENTRE_OF[profile]] : '';
  const url = {
    'GET /api/v1/companies/:id': `/api/v1/companies/${id}`,
    'GET /api/v1/companies': '/api/v1/companies?pageSize=100',
    'GET /api/v1/funds/:id': `/api/v1/funds/${id}`,
    'GET /api/v1/funds': '/api/v1/funds?pageSize=100',
    'GET /api/v1/research-centres/:id': `/api/v1/research-centres/${id}`,
    'GET /api/v1/research-centres': '/api/v1/research-centres?pageSize=100',
    'GET /api/v1/research-centres/:id/technology-offers/:offerId': `/api/v1/research-centres/${centre}/technology-offers/${id}`,
    'GET /api/v1/research-centres/:id/technology-offers': `/api/v1/research-centres/${centre}/technology-offers?pageSize=100`,
  }[route];
  return { url, id };
}

async function disclosureCell(cell: DisclosureCell): Promise<void> {
  const { route, profile, caller, expected } = cell;
  const { url, id } = profileUrl(route, profile);
  const res = await send('get', url, actorFor(caller));
  // Every member's address of the world: none but the profile's own members' may ever show, and those only when disclosed.
  const allEmails = [...Object.values(world.users), world.memberOf.D].map((u) => u.email);
  if (expected === 401) {
    expectStatus(res, 401, 'UNAUTHENTICATED');
    const text = JSON.stringify(res.body);
    for (const email of allEmails) expect(text).not.toContain(email);
    expect(text).not.toMatch(/zebrafishneeds|okapi-secret/);
    return;
  }
  expectStatus(res, 200, undefined);
  const isList = !route.endsWith('/:id') && !route.endsWith('/:offerId');
  const item = isList ? (res.body.items as Array<{ id: string }>).find((i) => i.id === id) : res.body;
  expect(item).toBeDefined();
  expect(item.id).toBe(id);
  if (isList) expect(res.body.total).toBe(res.body.items.length);
  const text = JSON.stringify(item);
  const disclosed = expected === DISCLOSED;

  if (profile === 'O' || profile === 'P') {
    // An offer: its confidential details; no contacts of anyone.
    if (disclosed) {
      expect(item).toHaveProperty('confidentialDetails', OFFER_SECRETS[profile]);
      expect(text).toContain(`okapi-secret-${profile}`);
    } else {
      expect(item).not.toHaveProperty('confidentialDetails');
      expect(text).not.toContain('okapi-secret');
    }
    for (const email of allEmails) expect(text).not.toContain(email);
    return;
  }

  // An organisation: its members' contacts, and a company's confidential fields.
  const email = world.memberOf[profile].email;
  const secrets = profile === 'A' || profile === 'B' || profile === 'D' ? COMPANY_SECRETS[profile] : null;
  if (disclosed) {
    expect(item.contacts).toEqual([{ email }]);
    expect(text).toContain(email);
    if (secrets) {
      expect({ fundingSoughtEur: item.fundingSoughtEur, ipStatus: item.ipStatus, technologyNeeds: item.technologyNeeds }).toEqual(secrets);
      expect(text).toContain(String(secrets.fundingSoughtEur));
      expect(text).toContain(`"ipStatus":"${secrets.ipStatus}"`);
      expect(text).toContain(`zebrafishneeds-${profile}`);
    }
  } else {
    expect(item).not.toHaveProperty('contacts');
    expect(text).not.toContain(email);
    expect(text).not.toContain('"contacts"');
    if (secrets) {
      for (const field of CONFIDENTIAL_FIELDS) expect(item).not.toHaveProperty(field);
      expect(text).not.toContain(String(secrets.fundingSoughtEur));
      expect(text).not.toContain(`"${secrets.ipStatus}"`);
      expect(text).not.toContain('zebrafishneeds');
    }
  }
  // Never anybody else's address, disclosed or not.
  for (const other of allEmails) if (other !== email) expect(text).not.toContain(other);
}

// ──────────────────────────────────────────── naming and generation ────────────────────────────────────────────

const CALLER_LABEL: Record<Caller, string> = {
  anonymous: 'anonymous',
  forged: 'forged token',
  company: 'company (A)',
  investor: 'investor (F)',
  research_centre: 'research_centre (R)',
  staff: 'staff',
  'company-no-org': 'company without organisation',
  'investor-no-org': 'investor without organisation',
  'research_centre-no-org': 'research_centre without organisation',
  'other-company': 'member of another company (B)',
  'other-investor': 'member of another fund (G)',
  'other-research_centre': 'member of another research centre (S)',
};

const TARGET_LABEL: Record<Target, string> = {
  party: 'a match of its own',
  other: "another pair's",
  unknown: 'unknown id',
  malformed: 'malformed id',
  'bad-reason': 'an unknown decline reason',
  accepted: 'an accepted request of its own',
  correct: 'a correction of its recorded outcome',
  pending: 'a pending request of its own',
  'bad-outcome': 'an unknown outcome',
  inconsistent: 'a follow-up after a no-show',
  recorded: 'its recorded outcome',
  'own-named': 'its recorded outcome, naming its own organisation',
  'counterpart-named': "the other side's outcome (organisationId)",
  unnamed: 'a recorded outcome without organisationId',
  unrecorded: 'an accepted request only the other side recorded',
  'malformed-org': 'malformed organisationId',
  none: 'no query',
  filtered: 'filters organisation + subject type + action',
  subject: 'one subject',
  paged: 'limit 2 offset 1',
  'bad-subjectId': 'subjectId not a UUID',
  'bad-organisationId': 'organisationId not a UUID',
  'bad-subjectType': 'unknown subjectType',
  'bad-action': 'malformed action',
  'bad-limit': 'limit over 100',
};

function cellsOf(rows: Row[]): Array<[string, Cell]> {
  const cells: Array<[string, Cell]> = [];
  for (const [route, target, expectations] of rows) {
    expectations.forEach((expected, column) => {
      if (expected === null) return;
      const caller = CALLERS[column];
      // Only members have a match, a request or an organisation of their own: a table typo would test something else.
      if ((target === 'party' || target === 'correct' || target === 'own-named') && !isMember(caller)) throw new Error(`matrix error: "${route}" ${target} under caller ${caller}`);
      if (target === 'unnamed' && caller !== 'staff') throw new Error(`matrix error: "${route}" unnamed under caller ${caller}`);
      const what = target === 'other' ? `${TARGET_LABEL.other} ${route.includes('/matches/') ? 'match' : 'accepted request'}` : TARGET_LABEL[target];
      const label = route === SUMMARY ? '' : ` on ${what}`;
      cells.push([`${route} as ${CALLER_LABEL[caller]}${label} → ${expected}`, { route, target, caller, expected }]);
    });
  }
  return cells;
}

function disclosureCellsOf(rows: DisclosureRow[]): Array<[string, DisclosureCell]> {
  return rows.flatMap(([route, profile, expectations]) =>
    expectations.map((expected, column): [string, DisclosureCell] => {
      const caller = CALLERS[column];
      const what = route.endsWith(':id') || route.endsWith(':offerId') ? profile : `${profile} in the list`;
      const outcome = expected === 401 ? '401' : expected === DISCLOSED ? '200 with its confidential part' : '200, public part only';
      return [`${route} as ${CALLER_LABEL[caller]} reading ${what} → ${outcome}`, { route, profile, caller, expected }];
    }),
  );
}

// ──────────────────────────────────────────────────── tests ────────────────────────────────────────────────────

describe('match reviews, meeting outcomes, audit and staged disclosure authorisation matrix', () => {
  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.truncate();
    const users = {
      company: await ctx.newUser('company'),
      investor: await ctx.newUser('investor'),
      research_centre: await ctx.newUser('research_centre'),
      staff: await ctx.newUser('staff'),
      'company-no-org': await ctx.newUser('company'),
      'investor-no-org': await ctx.newUser('investor'),
      'research_centre-no-org': await ctx.newUser('research_centre'),
      'other-company': await ctx.newUser('company'),
      'other-investor': await ctx.newUser('investor'),
      'other-research_centre': await ctx.newUser('research_centre'),
    };
    const dMember = await ctx.newUser('company');
    const company = { ...FITTING_COMPANY, lookingFor: ['investment', 'licensing_in'] };
    const worker = await startTestWorker();
    let orgs: Record<Org, string>;
    let offers: Record<Offer, string>;
    try {
      orgs = {
        A: (await ctx.newCompany(users.company, { ...company, ...COMPANY_SECRETS.A, name: 'Company A' })).id,
        B: (await ctx.newCompany(users['other-company'], { ...company, ...COMPANY_SECRETS.B, name: 'Company B' })).id,
        D: (await ctx.newCompany(dMember, { ...company, ...COMPANY_SECRETS.D, name: 'Company D' })).id,
        F: (await ctx.newFund(users.investor, { ...FITTING_FUND, name: 'Fund F' })).id,
        G: (await ctx.newFund(users['other-investor'], { ...FITTING_FUND, name: 'Fund G' })).id,
        R: (await ctx.newResearchCentre(users.research_centre, { ...FITTING_CENTRE, name: 'Centre R' })).id,
        S: (await ctx.newResearchCentre(users['other-research_centre'], { ...FITTING_CENTRE, name: 'Centre S' })).id,
      };
      offers = {
        O: (await ctx.newTechnologyOffer(orgs.R, { ...CAR_T_OFFER, title: 'Offer O', confidentialDetails: OFFER_SECRETS.O })).id,
        P: (await ctx.newTechnologyOffer(orgs.S, { ...CAR_T_OFFER, title: 'Offer P', confidentialDetails: OFFER_SECRETS.P })).id,
      };
      await scoringSettled(ctx, worker);
    } finally {
      // The cells see a fixed world: no worker rescores (after a review or an outcome) nor expires a request while they run.
      await worker.close();
    }

    const find = async (company: string, other: string): Promise<MatchRow> => {
      const [row] = await ctx.dataSource.query(
        `SELECT id, area, company_id, fund_id, research_centre_id FROM matches WHERE company_id = $1 AND (fund_id = $2 OR technology_offer_id = $2)`,
        [company, other],
      );
      if (!row) throw new Error(`fixture error: no match between ${company} and ${other}`);
      return row;
    };
    const matches: Record<MatchKey, MatchRow> = {
      'A–F': await find(orgs.A, orgs.F),
      'B–G': await find(orgs.B, orgs.G),
      'A–O': await find(orgs.A, offers.O),
      'B–P': await find(orgs.B, offers.P),
      'A–G': await find(orgs.A, orgs.G),
      'A–P': await find(orgs.A, offers.P),
      'B–F': await find(orgs.B, orgs.F),
    };

    const post = async (user: TestUser, path: string, body: object, status: number) => {
      const res = await ctx.http.post(path).set('authorization', `Bearer ${user.token}`).send(body);
      if (res.status !== status) throw new Error(`fixture error: POST ${path} answered ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const BASE = '/api/v1/meeting-requests';
    const create = async (user: TestUser, body: object): Promise<string> => (await post(user, BASE, body, 201)).request.id;
    const requests: Record<RequestKey, string> = {
      AF: await create(users.company, { matchId: matches['A–F'].id }),
      AR: await create(users.company, { matchId: matches['A–O'].id }),
      BS: await create(users['other-company'], { matchId: matches['B–P'].id }),
      DG: await create(dMember, { toOrganisationId: orgs.G, area: 'venture_capital' }),
      BG: await create(users['other-company'], { matchId: matches['B–G'].id }),
      AG: await create(users.company, { matchId: matches['A–G'].id }),
      AS: await create(users.company, { matchId: matches['A–P'].id }),
      FB: await create(users.investor, { matchId: matches['B–F'].id }),
      RB: await create(users.research_centre, { toOrganisationId: orgs.B, area: 'tech_transfer' }),
    };
    await post(users.investor, `${BASE}/${requests.AF}/accept`, {}, 200);
    await post(users.research_centre, `${BASE}/${requests.AR}/accept`, {}, 200);
    await post(users['other-research_centre'], `${BASE}/${requests.BS}/accept`, {}, 200);
    await post(users['other-investor'], `${BASE}/${requests.DG}/accept`, {}, 200);
    await post(users['other-investor'], `${BASE}/${requests.AG}/decline`, { reason: 'timing' }, 200);

    const [{ last }] = await ctx.dataSource.query(`SELECT max(id)::text AS last FROM audit_events`);
    world = {
      users,
      memberOf: {
        A: users.company,
        B: users['other-company'],
        D: dMember,
        F: users.investor,
        G: users['other-investor'],
        R: users.research_centre,
        S: users['other-research_centre'],
      },
      forgedToken: staffToken(users.staff),
      orgs,
      offers,
      matches,
      requests,
      rows: await allRequests(),
      lastAuditId: last,
    };
  }, 90_000);

  afterAll(() => ctx.close());

  it('controls: the forged token carries valid staff claims, and the real secret would have let them in', async () => {
    expect(new JwtService().decode(world.forgedToken)).toMatchObject({ sub: world.users.staff.id, role: 'staff' });
    const genuine = staffToken(world.users.staff, process.env.JWT_SECRET!);
    await send('get', '/api/v1/meeting-outcomes/summary', { auth: `Bearer ${genuine}` }).expect(200);
    await send('get', '/api/v1/audit-events', { auth: `Bearer ${genuine}` }).expect(200);
  });

  it('controls: the no-organisation users are members of nothing, the others of their organisation', async () => {
    for (const caller of CALLERS) {
      if (caller === 'anonymous' || caller === 'forged') continue;
      const me = await send('get', '/api/v1/auth/me', actorFor(caller)).expect(200);
      expect({ caller, organisationId: me.body.organisationId }).toEqual({ caller, organisationId: isMember(caller) ? world.orgs[OWN[caller]] : null });
      if (caller.endsWith('-no-org')) expect(me.body.role).toBe(caller.replace('-no-org', ''));
    }
  });

  it('controls: the world is as the header says', async () => {
    await resetWorld();
    const byId = new Map((await allRequests()).map((r) => [r.id, r]));
    expect(byId.size).toBe(9);
    for (const [key, [from, to]] of Object.entries(REQUEST_PARTIES) as Array<[RequestKey, [Org, Org]]>) {
      const row = byId.get(world.requests[key]);
      expect({ key, ...row }).toMatchObject({ key, from_organisation_id: world.orgs[from], to_organisation_id: world.orgs[to], status: REQUEST_STATUS[key] });
      expect(row!.expires_at.getTime()).toBeGreaterThan(Date.now());
    }
    expect(byId.get(world.requests.AR)).toMatchObject({ area: 'tech_transfer', technology_offer_id: world.offers.O });
    expect(byId.get(world.requests.BS)).toMatchObject({ area: 'tech_transfer', technology_offer_id: world.offers.P });
    // The party matches are what the tables say.
    for (const [caller, key] of Object.entries(PARTY_MATCH) as Array<[Member, MatchKey]>) {
      const m = world.matches[key];
      expect({ caller, party: [m.company_id, m.fund_id, m.research_centre_id].includes(world.orgs[OWN[caller]]) }).toEqual({ caller, party: true });
      const other = world.matches[OTHER_MATCH[caller]];
      expect({ caller, other: [other.company_id, other.fund_id, other.research_centre_id].includes(world.orgs[OWN[caller]]) }).toEqual({ caller, other: false });
    }
    expect(await count(`SELECT count(*)::int AS n FROM match_reviews`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM meeting_outcomes`)).toBe(0);
    // The confidential values are stored: what the disclosure cells look for is there to be withheld.
    const [a] = await ctx.dataSource.query(`SELECT funding_sought_eur::int AS f, ip_status, technology_needs FROM companies WHERE id = $1`, [world.orgs.A]);
    expect(a).toEqual({ f: COMPANY_SECRETS.A.fundingSoughtEur, ip_status: 'filed', technology_needs: COMPANY_SECRETS.A.technologyNeeds });
    const [o] = await ctx.dataSource.query(`SELECT confidential_details FROM technology_offers WHERE id = $1`, [world.offers.O]);
    expect(o.confidential_details).toBe(OFFER_SECRETS.O);
  });

  for (const [group, rows] of MATRIX) {
    describe(group, () => {
      it.each(cellsOf(rows))('%s', async (_name, cell) => {
        await resetWorld();
        await runCell(cell);
      });
    });
  }

  describe('staged disclosure of profiles', () => {
    it.each(disclosureCellsOf(DISCLOSURE))('%s', (_name, cell) => disclosureCell(cell));
  });
});
