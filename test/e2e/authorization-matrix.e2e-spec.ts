import { JwtService } from '@nestjs/jwt';
import type { Response } from 'supertest';
import { FORGERY_SECRET } from '../support/authorization-cells';
import { TestContext, type TestUser } from '../support/test-app';

/**
 * Authorisation matrix: every route × every caller × target (own organisation, another organisation of the
 * same type, an unknown id, a malformed id), one `it` per cell, generated from the tables below.
 *
 * Callers (the table columns, in this order):
 *   anonymous        no Authorization header
 *   forged           staff claims signed with another secret
 *   expired          staff claims signed with the real secret, exp in the past
 *   unsigned         staff claims with `alg: none` and no signature
 *   company          role company, member of company A
 *   investor         role investor, member of fund F
 *   research_centre  role research_centre, member of centre R (which has technology offer O)
 *   staff            hub staff (member of nothing)
 *   *-no-org         a user of that role who is not a member of any organisation yet
 * "Other" targets: company B, fund G, centre S (with offer P), each with a member who is not a caller.
 *
 * Cell values: the expected HTTP status; `C200`/`C201` = 200/201 and the company's confidential fields
 * (fundingSoughtEur, ipStatus, technologyNeeds) are in the body; a plain 200 on a company read means they are
 * absent. `__` = no such cell (only members have an "own" organisation).
 *
 * Besides the status, every cell checks: the JSON error body ({statusCode, code, message}) of every 4xx; that
 * a refused POST created nothing; that a refused PATCH/DELETE changed nothing (re-read: same version and name)
 * and that an accepted one did what it says. DELETE cells and POST cells of callers without an organisation act
 * on things made for that cell alone (a fresh target, a fresh member, a fresh user), so no cell depends on
 * what an earlier cell did.
 */

// ───────────────────────────────────────────── the expectations ─────────────────────────────────────────────

type Status = 200 | 201 | 204 | 400 | 401 | 403 | 404 | 409;
type Expect = Status | typeof C200 | typeof C201 | null;
const __ = null;
const C200 = '200+confidential';
const C201 = '201+confidential';

const CALLERS = [
  'anonymous',
  'forged',
  'expired',
  'unsigned',
  'company',
  'investor',
  'research_centre',
  'staff',
  'company-no-org',
  'investor-no-org',
  'research_centre-no-org',
] as const;
type Caller = (typeof CALLERS)[number];
type Cells = readonly [Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect];

type Target = 'none' | 'own' | 'other' | 'mismatched' | 'unknown' | 'malformed' | 'malformed-centre';
type Row = readonly [RouteKey, Target, Cells];

type Resource = 'companies' | 'funds' | 'research-centres';
type Op = 'list' | 'create' | 'get' | 'update' | 'remove';
type RouteSpec =
  | { area: 'profile'; resource: Resource; op: Op }
  | { area: 'offer'; op: Op }
  | { area: 'me' | 'taxonomy' | 'import' };

const OFFERS = '/api/v1/research-centres/:id/technology-offers';
const ROUTES = {
  'GET /api/v1/companies': { area: 'profile', resource: 'companies', op: 'list' },
  'POST /api/v1/companies': { area: 'profile', resource: 'companies', op: 'create' },
  'GET /api/v1/companies/:id': { area: 'profile', resource: 'companies', op: 'get' },
  'PATCH /api/v1/companies/:id': { area: 'profile', resource: 'companies', op: 'update' },
  'DELETE /api/v1/companies/:id': { area: 'profile', resource: 'companies', op: 'remove' },
  'GET /api/v1/funds': { area: 'profile', resource: 'funds', op: 'list' },
  'POST /api/v1/funds': { area: 'profile', resource: 'funds', op: 'create' },
  'GET /api/v1/funds/:id': { area: 'profile', resource: 'funds', op: 'get' },
  'PATCH /api/v1/funds/:id': { area: 'profile', resource: 'funds', op: 'update' },
  'DELETE /api/v1/funds/:id': { area: 'profile', resource: 'funds', op: 'remove' },
  'GET /api/v1/research-centres': { area: 'profile', resource: 'research-centres', op: 'list' },
  'POST /api/v1/research-centres': { area: 'profile', resource: 'research-centres', op: 'create' },
  'GET /api/v1/research-centres/:id': { area: 'profile', resource: 'research-centres', op: 'get' },
  'PATCH /api/v1/research-centres/:id': { area: 'profile', resource: 'research-centres', op: 'update' },
  'DELETE /api/v1/research-centres/:id': { area: 'profile', resource: 'research-centres', op: 'remove' },
  [`GET ${OFFERS}`]: { area: 'offer', op: 'list' },
  [`POST ${OFFERS}`]: { area: 'offer', op: 'create' },
  [`GET ${OFFERS}/:offerId`]: { area: 'offer', op: 'get' },
  [`PATCH ${OFFERS}/:offerId`]: { area: 'offer', op: 'update' },
  [`DELETE ${OFFERS}/:offerId`]: { area: 'offer', op: 'remove' },
  'GET /api/v1/auth/me': { area: 'me' },
  'GET /api/v1/taxonomy': { area: 'taxonomy' },
  'POST /api/v1/imports/companies': { area: 'import' },
} as const satisfies Record<string, RouteSpec>;
type RouteKey = keyof typeof ROUTES;

//                                                                        ── no valid token ──   ─────── members / staff ───────   ── no organisation ──
//                                                                        anon forg expd unsg    comp  inv   rc    staff          comp  inv   rc
const COMPANIES: Row[] = [
  ['GET /api/v1/companies',                    'none',                   [401, 401, 401, 401,   C200, 200,  200,  C200,          200,  200,  200]],
  ['POST /api/v1/companies',                   'none',                   [401, 401, 401, 401,   409,  403,  403,  C201,          C201, 403,  403]],
  ['GET /api/v1/companies/:id',                'own',                    [__,  __,  __,  __,    C200, __,   __,   __,            __,   __,   __ ]],
  ['GET /api/v1/companies/:id',                'other',                  [401, 401, 401, 401,   200,  200,  200,  C200,          200,  200,  200]],
  ['GET /api/v1/companies/:id',                'unknown',                [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  ['GET /api/v1/companies/:id',                'malformed',              [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
  ['PATCH /api/v1/companies/:id',              'own',                    [__,  __,  __,  __,    C200, __,   __,   __,            __,   __,   __ ]],
  ['PATCH /api/v1/companies/:id',              'other',                  [401, 401, 401, 401,   403,  403,  403,  C200,          403,  403,  403]],
  ['PATCH /api/v1/companies/:id',              'unknown',                [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  ['PATCH /api/v1/companies/:id',              'malformed',              [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
  ['DELETE /api/v1/companies/:id',             'own',                    [__,  __,  __,  __,    204,  __,   __,   __,            __,   __,   __ ]],
  ['DELETE /api/v1/companies/:id',             'other',                  [401, 401, 401, 401,   403,  403,  403,  204,           403,  403,  403]],
  ['DELETE /api/v1/companies/:id',             'unknown',                [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  ['DELETE /api/v1/companies/:id',             'malformed',              [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
];

//                                                                        anon forg expd unsg    comp  inv   rc    staff          comp  inv   rc
const FUNDS: Row[] = [
  ['GET /api/v1/funds',                        'none',                   [401, 401, 401, 401,   200,  200,  200,  200,           200,  200,  200]],
  ['POST /api/v1/funds',                       'none',                   [401, 401, 401, 401,   403,  409,  403,  201,           403,  201,  403]],
  ['GET /api/v1/funds/:id',                    'own',                    [__,  __,  __,  __,    __,   200,  __,   __,            __,   __,   __ ]],
  ['GET /api/v1/funds/:id',                    'other',                  [401, 401, 401, 401,   200,  200,  200,  200,           200,  200,  200]],
  ['GET /api/v1/funds/:id',                    'unknown',                [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  ['GET /api/v1/funds/:id',                    'malformed',              [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
  ['PATCH /api/v1/funds/:id',                  'own',                    [__,  __,  __,  __,    __,   200,  __,   __,            __,   __,   __ ]],
  ['PATCH /api/v1/funds/:id',                  'other',                  [401, 401, 401, 401,   403,  403,  403,  200,           403,  403,  403]],
  ['PATCH /api/v1/funds/:id',                  'unknown',                [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  ['PATCH /api/v1/funds/:id',                  'malformed',              [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
  ['DELETE /api/v1/funds/:id',                 'own',                    [__,  __,  __,  __,    __,   204,  __,   __,            __,   __,   __ ]],
  ['DELETE /api/v1/funds/:id',                 'other',                  [401, 401, 401, 401,   403,  403,  403,  204,           403,  403,  403]],
  ['DELETE /api/v1/funds/:id',                 'unknown',                [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  ['DELETE /api/v1/funds/:id',                 'malformed',              [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
];

//                                                                        anon forg expd unsg    comp  inv   rc    staff          comp  inv   rc
const RESEARCH_CENTRES: Row[] = [
  ['GET /api/v1/research-centres',             'none',                   [401, 401, 401, 401,   200,  200,  200,  200,           200,  200,  200]],
  ['POST /api/v1/research-centres',            'none',                   [401, 401, 401, 401,   403,  403,  409,  201,           403,  403,  201]],
  ['GET /api/v1/research-centres/:id',         'own',                    [__,  __,  __,  __,    __,   __,   200,  __,            __,   __,   __ ]],
  ['GET /api/v1/research-centres/:id',         'other',                  [401, 401, 401, 401,   200,  200,  200,  200,           200,  200,  200]],
  ['GET /api/v1/research-centres/:id',         'unknown',                [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  ['GET /api/v1/research-centres/:id',         'malformed',              [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
  ['PATCH /api/v1/research-centres/:id',       'own',                    [__,  __,  __,  __,    __,   __,   200,  __,            __,   __,   __ ]],
  ['PATCH /api/v1/research-centres/:id',       'other',                  [401, 401, 401, 401,   403,  403,  403,  200,           403,  403,  403]],
  ['PATCH /api/v1/research-centres/:id',       'unknown',                [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  ['PATCH /api/v1/research-centres/:id',       'malformed',              [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
  ['DELETE /api/v1/research-centres/:id',      'own',                    [__,  __,  __,  __,    __,   __,   204,  __,            __,   __,   __ ]],
  ['DELETE /api/v1/research-centres/:id',      'other',                  [401, 401, 401, 401,   403,  403,  403,  204,           403,  403,  403]],
  ['DELETE /api/v1/research-centres/:id',      'unknown',                [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  ['DELETE /api/v1/research-centres/:id',      'malformed',              [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
];

// Offer targets: own = R (/O), other = S (/P), mismatched = P addressed under R, unknown = S/<unknown uuid>,
// malformed = S/not-a-uuid (the offer id), malformed-centre = not-a-uuid/P.
//                                                                        anon forg expd unsg    comp  inv   rc    staff          comp  inv   rc
const TECHNOLOGY_OFFERS: Row[] = [
  [`GET ${OFFERS}`,                            'own',                    [__,  __,  __,  __,    __,   __,   200,  __,            __,   __,   __ ]],
  [`GET ${OFFERS}`,                            'other',                  [401, 401, 401, 401,   200,  200,  200,  200,           200,  200,  200]],
  [`GET ${OFFERS}`,                            'unknown',                [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  [`GET ${OFFERS}`,                            'malformed',              [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
  [`POST ${OFFERS}`,                           'own',                    [__,  __,  __,  __,    __,   __,   201,  __,            __,   __,   __ ]],
  [`POST ${OFFERS}`,                           'other',                  [401, 401, 401, 401,   403,  403,  403,  201,           403,  403,  403]],
  [`POST ${OFFERS}`,                           'unknown',                [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  [`POST ${OFFERS}`,                           'malformed',              [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
  [`GET ${OFFERS}/:offerId`,                   'own',                    [__,  __,  __,  __,    __,   __,   200,  __,            __,   __,   __ ]],
  [`GET ${OFFERS}/:offerId`,                   'other',                  [401, 401, 401, 401,   200,  200,  200,  200,           200,  200,  200]],
  [`GET ${OFFERS}/:offerId`,                   'mismatched',             [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  [`GET ${OFFERS}/:offerId`,                   'unknown',                [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  [`GET ${OFFERS}/:offerId`,                   'malformed',              [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
  [`GET ${OFFERS}/:offerId`,                   'malformed-centre',       [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
  [`PATCH ${OFFERS}/:offerId`,                 'own',                    [__,  __,  __,  __,    __,   __,   200,  __,            __,   __,   __ ]],
  [`PATCH ${OFFERS}/:offerId`,                 'other',                  [401, 401, 401, 401,   403,  403,  403,  200,           403,  403,  403]],
  [`PATCH ${OFFERS}/:offerId`,                 'mismatched',             [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  [`PATCH ${OFFERS}/:offerId`,                 'unknown',                [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  [`PATCH ${OFFERS}/:offerId`,                 'malformed',              [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
  [`PATCH ${OFFERS}/:offerId`,                 'malformed-centre',       [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
  [`DELETE ${OFFERS}/:offerId`,                'own',                    [__,  __,  __,  __,    __,   __,   204,  __,            __,   __,   __ ]],
  [`DELETE ${OFFERS}/:offerId`,                'other',                  [401, 401, 401, 401,   403,  403,  403,  204,           403,  403,  403]],
  [`DELETE ${OFFERS}/:offerId`,                'mismatched',             [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  [`DELETE ${OFFERS}/:offerId`,                'unknown',                [401, 401, 401, 401,   404,  404,  404,  404,           404,  404,  404]],
  [`DELETE ${OFFERS}/:offerId`,                'malformed',              [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
  [`DELETE ${OFFERS}/:offerId`,                'malformed-centre',       [401, 401, 401, 401,   400,  400,  400,  400,           400,  400,  400]],
];

//                                                                        anon forg expd unsg    comp  inv   rc    staff          comp  inv   rc
const ACCOUNT_TAXONOMY_IMPORTS: Row[] = [
  ['GET /api/v1/auth/me',                      'none',                   [401, 401, 401, 401,   200,  200,  200,  200,           200,  200,  200]],
  ['GET /api/v1/taxonomy',                     'none',                   [200, 200, 200, 200,   200,  200,  200,  200,           200,  200,  200]],
  ['POST /api/v1/imports/companies',           'none',                   [401, 401, 401, 401,   403,  403,  403,  200,           403,  403,  403]],
];

const MATRIX: Array<[string, Row[]]> = [
  ['companies', COMPANIES],
  ['funds', FUNDS],
  ['research centres', RESEARCH_CENTRES],
  ['technology offers', TECHNOLOGY_OFFERS],
  ['account, taxonomy and imports', ACCOUNT_TAXONOMY_IMPORTS],
];

// ──────────────────────────────────────────── fixtures and helpers ────────────────────────────────────────────

const UNKNOWN_ID = '5b1e0c9e-3f5d-4a7b-9c2e-7d8f6a4b3c21';
const MALFORMED_ID = 'not-a-uuid';
const CONFIDENTIAL_FIELDS = ['fundingSoughtEur', 'ipStatus', 'technologyNeeds'] as const;
const CONFIDENTIAL_VALUES = { fundingSoughtEur: 2_500_000, ipStatus: 'filed', technologyNeeds: 'a GMP facility for the phase I batch' };

/** The error code every refused status must carry. */
const ERROR_CODE: Partial<Record<Status, string>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'ALREADY_HAS_ORGANISATION',
};

type MemberRole = 'company' | 'investor' | 'research_centre';
const MEMBER_CALLER: Record<Resource, MemberRole> = { companies: 'company', funds: 'investor', 'research-centres': 'research_centre' };

interface ProfileSpec {
  path: string;
  table: string;
  noun: string;
  confidential: boolean;
  createBody(name: string): Record<string, unknown>;
}
const PROFILES: Record<Resource, ProfileSpec> = {
  companies: {
    path: '/api/v1/companies',
    table: 'companies',
    noun: 'company',
    confidential: true,
    createBody: (name) => ({ name, kind: 'startup', country: 'IT', visibilityConsent: true, ...CONFIDENTIAL_VALUES }),
  },
  funds: { path: '/api/v1/funds', table: 'funds', noun: 'fund', confidential: false, createBody: (name) => ({ name, country: 'IT', visibilityConsent: true }) },
  'research-centres': {
    path: '/api/v1/research-centres',
    table: 'research_centres',
    noun: 'research centre',
    confidential: false,
    createBody: (name) => ({ name, kind: 'irccs', country: 'IT', visibilityConsent: true }),
  },
};

interface Actor {
  auth?: string;
  user?: TestUser;
}

interface World {
  users: Record<Exclude<Caller, 'anonymous' | 'forged' | 'expired' | 'unsigned'>, TestUser>;
  tokens: { forged: string; expired: string; unsigned: string; validStaff: string };
  /** Own = the member caller's organisation (A, F, R); other = B, G, S. */
  profiles: Record<Resource, { own: string; other: string }>;
  offers: { own: string; other: string };
}

let ctx: TestContext;
let world: World;
let sequence = 0;
const uniqueName = (label: string) => `${label} ${Date.now().toString(36)}-${(sequence++).toString(36)}`;
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function isNoOrg(caller: Caller): caller is 'company-no-org' | 'investor-no-org' | 'research_centre-no-org' {
  return caller.endsWith('-no-org');
}
function roleOfNoOrg(caller: 'company-no-org' | 'investor-no-org' | 'research_centre-no-org'): MemberRole {
  return caller.replace('-no-org', '') as MemberRole;
}

function actorFor(caller: Caller): Actor {
  switch (caller) {
    case 'anonymous':
      return {};
    case 'forged':
    case 'expired':
    case 'unsigned':
      return { auth: `Bearer ${world.tokens[caller]}` };
    default:
      return { auth: `Bearer ${world.users[caller].token}`, user: world.users[caller] };
  }
}
const actorOf = (user: TestUser): Actor => ({ auth: `Bearer ${user.token}`, user });

function send(method: 'get' | 'post' | 'patch' | 'delete', url: string, actor: Actor, body?: object) {
  const req = ctx.http[method](url);
  if (actor.auth) req.set('authorization', actor.auth);
  if (body) req.send(body);
  return req;
}

const asStaff = (url: string) => send('get', url, actorOf(world.users.staff));

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows: Array<{ n: number }> = await ctx.dataSource.query(sql, params);
  return rows[0].n;
}

function makeProfile(resource: Resource, owner?: TestUser): Promise<{ id: string }> {
  if (resource === 'companies') return ctx.newCompany(owner, CONFIDENTIAL_VALUES);
  if (resource === 'funds') return ctx.newFund(owner);
  return ctx.newResearchCentre(owner);
}

function statusOf(expected: Exclude<Expect, null>): Status {
  if (expected === C200) return 200;
  if (expected === C201) return 201;
  return expected;
}

/** The status, with the body in the failure message; and for any 4xx the JSON error body. */
function expectStatus(res: Response, expected: Status, paramInError?: 'id' | 'offerId'): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
  if (expected >= 400) {
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(
      expect.objectContaining({ statusCode: expected, code: ERROR_CODE[expected], message: expect.any(String) }),
    );
    expect(res.body.message.length).toBeGreaterThan(0);
    if (expected === 400 && paramInError) {
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: paramInError, rule: 'isUuid' })]));
    }
  }
}

function expectConfidential(view: Record<string, unknown>, present: boolean): void {
  for (const field of CONFIDENTIAL_FIELDS) {
    if (present) expect(view).toHaveProperty(field);
    else expect(view).not.toHaveProperty(field);
  }
}

// ───────────────────────────────────────────── the cell runners ─────────────────────────────────────────────

interface Cell {
  route: RouteKey;
  target: Target;
  caller: Caller;
  expected: Exclude<Expect, null>;
  index: number;
}

async function profileCell(resource: Resource, op: Op, cell: Cell): Promise<void> {
  const spec = PROFILES[resource];
  const status = statusOf(cell.expected);
  const confidential = cell.expected === C200 || cell.expected === C201;
  let actor = actorFor(cell.caller);

  if (op === 'list') {
    const res = await send('get', `${spec.path}?pageSize=100`, actor);
    expectStatus(res, status);
    if (status !== 200) return;
    const items: Array<Record<string, unknown> & { id: string }> = res.body.items;
    expect(res.body.total).toBe(items.length); // everything on one page, so the checks below see every row
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([world.profiles[resource].own, world.profiles[resource].other]));
    if (spec.confidential) {
      // Confidential fields exactly on the companies the caller manages (its own; every one for staff).
      for (const item of items) expectConfidential(item, actor.user?.role === 'staff' || actor.user?.organisationId === item.id);
      expect(items.some((i) => 'fundingSoughtEur' in i)).toBe(confidential);
    }
    return;
  }

  if (op === 'create') {
    // A caller without an organisation is a brand-new user for this cell, so a successful create cannot leak.
    if (isNoOrg(cell.caller)) actor = actorOf(await ctx.newUser(roleOfNoOrg(cell.caller)));
    const before = await count(`SELECT count(*)::int AS n FROM ${spec.table}`);
    const res = await send('post', spec.path, actor, spec.createBody(uniqueName(`Matrix ${spec.noun}`)));
    expectStatus(res, status);
    const after = await count(`SELECT count(*)::int AS n FROM ${spec.table}`);
    if (status !== 201) {
      expect(after).toBe(before);
      return;
    }
    expect(after).toBe(before + 1);
    if (spec.confidential) expectConfidential(res.body, confidential);
    expect((await asStaff(`${spec.path}/${res.body.id}`)).status).toBe(200);
    const me = await send('get', '/api/v1/auth/me', actor);
    // The creator becomes its member; staff creates as nobody's member.
    expect(me.body.organisationId).toBe(actor.user?.role === 'staff' ? null : res.body.id);
    return;
  }

  // get / update / remove one: resolve the id (DELETE works on a disposable target made for this cell).
  let id: string;
  if (cell.target === 'unknown') id = UNKNOWN_ID;
  else if (cell.target === 'malformed') id = MALFORMED_ID;
  else if (op !== 'remove') id = world.profiles[resource][cell.target === 'own' ? 'own' : 'other'];
  else if (cell.target === 'own') {
    const member = await ctx.newUser(MEMBER_CALLER[resource]);
    id = (await makeProfile(resource, member)).id;
    actor = actorOf(member);
  } else {
    id = (await makeProfile(resource, await ctx.newUser(MEMBER_CALLER[resource]))).id;
  }
  const exists = cell.target === 'own' || cell.target === 'other';
  const url = `${spec.path}/${id}`;
  const param = cell.target === 'malformed' ? 'id' : undefined;

  if (op === 'get') {
    const res = await send('get', url, actor);
    expectStatus(res, status, param);
    if (status === 200) {
      expect(res.body.id).toBe(id);
      if (spec.confidential) expectConfidential(res.body, confidential);
    }
    return;
  }

  const snapshot = exists ? (await asStaff(url)).body : null;
  if (exists) expect(snapshot.id).toBe(id);

  if (op === 'update') {
    const name = uniqueName(`Renamed ${spec.noun}`);
    const res = await send('patch', url, actor, { version: snapshot?.version ?? 1, name });
    expectStatus(res, status, param);
    if (!exists) return;
    const reread = (await asStaff(url)).body;
    if (status === 200) {
      expect(res.body).toMatchObject({ id, name, version: snapshot.version + 1 });
      expect(reread).toMatchObject({ name, version: snapshot.version + 1 });
      if (spec.confidential) expectConfidential(res.body, confidential);
    } else {
      expect(reread).toMatchObject({ name: snapshot.name, version: snapshot.version, updatedAt: snapshot.updatedAt });
    }
    return;
  }

  // remove
  const res = await send('delete', url, actor);
  expectStatus(res, status, param);
  if (status === 204) expect(res.text).toBe('');
  if (!exists) return;
  const reread = await asStaff(url);
  if (status === 204) expect(reread.status).toBe(404);
  else expect(reread.body).toMatchObject({ id, name: snapshot.name, version: snapshot.version });
}

async function offerCell(op: Op, cell: Cell): Promise<void> {
  const status = statusOf(cell.expected);
  const actor = actorFor(cell.caller);
  const { own: R, other: S } = world.profiles['research-centres'];
  const base = (centre: string) => `/api/v1/research-centres/${centre}/technology-offers`;

  if (op === 'list' || op === 'create') {
    const centre = { own: R, other: S, unknown: UNKNOWN_ID, malformed: MALFORMED_ID }[cell.target as 'own' | 'other' | 'unknown' | 'malformed'];
    const param = cell.target === 'malformed' ? 'id' : undefined;
    const exists = cell.target === 'own' || cell.target === 'other';
    if (op === 'list') {
      const res = await send('get', `${base(centre)}?pageSize=100`, actor);
      expectStatus(res, status, param);
      if (status === 200) {
        expect(res.body.total).toBe(res.body.items.length);
        for (const item of res.body.items) expect(item.researchCentreId).toBe(centre);
        expect(res.body.items.map((i: { id: string }) => i.id)).toContain(centre === R ? world.offers.own : world.offers.other);
      }
      return;
    }
    const offersIn = () => count(`SELECT count(*)::int AS n FROM technology_offers WHERE research_centre_id = $1`, [centre]);
    const before = exists ? await offersIn() : 0;
    const title = uniqueName('Matrix offer');
    const res = await send('post', base(centre), actor, { title });
    expectStatus(res, status, param);
    if (status === 201) expect(res.body).toMatchObject({ researchCentreId: centre, title, version: 1 });
    if (exists) expect(await offersIn()).toBe(before + (status === 201 ? 1 : 0));
    return;
  }

  // One offer: where it really lives (centre, offer) and the path the caller uses. DELETE gets a disposable offer.
  let real: { centre: string; offer: string } | null = null;
  if (cell.target === 'own') real = { centre: R, offer: op === 'remove' ? (await ctx.newTechnologyOffer(R)).id : world.offers.own };
  else if (cell.target === 'other' || cell.target === 'mismatched' || cell.target === 'malformed-centre') {
    real = { centre: S, offer: op === 'remove' ? (await ctx.newTechnologyOffer(S)).id : world.offers.other };
  }
  const path = {
    own: () => [R, real!.offer],
    other: () => [S, real!.offer],
    mismatched: () => [R, real!.offer],
    unknown: () => [S, UNKNOWN_ID],
    malformed: () => [S, MALFORMED_ID],
    'malformed-centre': () => [MALFORMED_ID, real!.offer],
  }[cell.target as Exclude<Target, 'none'>]();
  const url = `${base(path[0])}/${path[1]}`;
  const realUrl = real ? `${base(real.centre)}/${real.offer}` : null;
  const param = cell.target === 'malformed' ? 'offerId' : cell.target === 'malformed-centre' ? 'id' : undefined;

  if (op === 'get') {
    const res = await send('get', url, actor);
    expectStatus(res, status, param);
    if (status === 200) expect(res.body).toMatchObject({ id: real!.offer, researchCentreId: real!.centre });
    return;
  }

  const snapshot = realUrl ? (await asStaff(realUrl)).body : null;
  if (realUrl) expect(snapshot.id).toBe(real!.offer);

  if (op === 'update') {
    const title = uniqueName('Renamed offer');
    const res = await send('patch', url, actor, { version: snapshot?.version ?? 1, title });
    expectStatus(res, status, param);
    if (!realUrl) return;
    const reread = (await asStaff(realUrl)).body;
    if (status === 200) {
      expect(res.body).toMatchObject({ id: real!.offer, title, version: snapshot.version + 1 });
      expect(reread).toMatchObject({ title, version: snapshot.version + 1 });
    } else {
      expect(reread).toMatchObject({ title: snapshot.title, version: snapshot.version, updatedAt: snapshot.updatedAt });
    }
    return;
  }

  const res = await send('delete', url, actor);
  expectStatus(res, status, param);
  if (!realUrl) return;
  const reread = await asStaff(realUrl);
  if (status === 204) expect(reread.status).toBe(404);
  else expect(reread.body).toMatchObject({ id: real!.offer, title: snapshot.title, version: snapshot.version });
}

async function accountCell(area: 'me' | 'taxonomy' | 'import', cell: Cell): Promise<void> {
  const status = statusOf(cell.expected);
  const actor = actorFor(cell.caller);
  if (area === 'me') {
    const res = await send('get', '/api/v1/auth/me', actor);
    expectStatus(res, status);
    if (status === 200) {
      expect(res.body).toMatchObject({ id: actor.user!.id, role: actor.user!.role, organisationId: actor.user!.organisationId });
      expect(res.body).not.toHaveProperty('passwordHash');
    }
    return;
  }
  if (area === 'taxonomy') {
    const res = await send('get', '/api/v1/taxonomy', actor);
    expectStatus(res, status);
    expect(res.body.sectors.length).toBeGreaterThan(0);
    return;
  }
  const externalId = `matrix-import-${cell.index}`;
  const csv = `externalId,name,kind,country\n${externalId},Acme ${cell.index},startup,IT\n`;
  const req = ctx.http.post('/api/v1/imports/companies');
  if (actor.auth) req.set('authorization', actor.auth);
  const res = await req.attach('file', Buffer.from(csv), 'c.csv');
  expectStatus(res, status);
  const imported = await count(`SELECT count(*)::int AS n FROM companies WHERE external_id = $1`, [externalId]);
  if (status === 200) {
    expect(res.body).toEqual({ created: 1, updated: 0, failed: [] });
    expect(imported).toBe(1);
  } else {
    expect(imported).toBe(0);
  }
}

function runCell(cell: Cell): Promise<void> {
  const spec: RouteSpec = ROUTES[cell.route];
  if (spec.area === 'profile') return profileCell(spec.resource, spec.op, cell);
  if (spec.area === 'offer') return offerCell(spec.op, cell);
  return accountCell(spec.area, cell);
}

// ──────────────────────────────────────────── naming and generation ────────────────────────────────────────────

function targetLabel(route: RouteKey, target: Target): string | null {
  if (target === 'none') return null;
  const spec: RouteSpec = ROUTES[route];
  if (spec.area === 'profile') {
    const noun = PROFILES[spec.resource].noun;
    return { own: `own ${noun}`, other: `other ${noun}`, unknown: `unknown ${noun} id`, malformed: `malformed ${noun} id` }[
      target as 'own' | 'other' | 'unknown' | 'malformed'
    ];
  }
  if (spec.area === 'offer' && (spec.op === 'list' || spec.op === 'create')) {
    return { own: 'own centre', other: 'other centre', unknown: 'unknown centre id', malformed: 'malformed centre id' }[
      target as 'own' | 'other' | 'unknown' | 'malformed'
    ];
  }
  return {
    own: "own centre's offer",
    other: "other centre's offer",
    mismatched: "other centre's offer under centre R's path",
    unknown: 'unknown offer id',
    malformed: 'malformed offer id',
    'malformed-centre': 'malformed centre id',
  }[target as Exclude<Target, 'none'>];
}

const CALLER_LABEL: Record<Caller, string> = {
  anonymous: 'anonymous',
  forged: 'forged token',
  expired: 'expired token',
  unsigned: 'unsigned (alg none) token',
  company: 'company',
  investor: 'investor',
  research_centre: 'research_centre',
  staff: 'staff',
  'company-no-org': 'company without organisation',
  'investor-no-org': 'investor without organisation',
  'research_centre-no-org': 'research_centre without organisation',
};

let cellCount = 0;
function cellsOf(rows: Row[]): Array<[string, Cell]> {
  const cells: Array<[string, Cell]> = [];
  for (const [route, target, expectations] of rows) {
    expectations.forEach((expected, column) => {
      if (expected === null) return;
      const caller = CALLERS[column];
      const spec: RouteSpec = ROUTES[route];
      if (target === 'own') {
        // Only a member has an "own" organisation: a table typo here would otherwise test something else.
        const member = spec.area === 'profile' ? MEMBER_CALLER[spec.resource] : 'research_centre';
        if (caller !== member) throw new Error(`matrix error: "${route}" own target under caller ${caller}`);
      }
      const on = targetLabel(route, target);
      const name = `${route} as ${CALLER_LABEL[caller]}${on ? ` on ${on}` : ''} → ${expected}`;
      cells.push([name, { route, target, caller, expected, index: cellCount++ }]);
    });
  }
  return cells;
}

// ──────────────────────────────────────────────────── tests ────────────────────────────────────────────────────

describe('authorisation matrix', () => {
  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.truncate();
    const company = await ctx.newUser('company');
    const investor = await ctx.newUser('investor');
    const researchCentre = await ctx.newUser('research_centre');
    const staff = await ctx.newUser('staff');
    const [companyB, investorG, researchCentreS] = [await ctx.newUser('company'), await ctx.newUser('investor'), await ctx.newUser('research_centre')];
    const A = await ctx.newCompany(company, CONFIDENTIAL_VALUES);
    const B = await ctx.newCompany(companyB, CONFIDENTIAL_VALUES);
    const F = await ctx.newFund(investor);
    const G = await ctx.newFund(investorG);
    const R = await ctx.newResearchCentre(researchCentre);
    const S = await ctx.newResearchCentre(researchCentreS);
    const O = await ctx.newTechnologyOffer(R.id);
    const P = await ctx.newTechnologyOffer(S.id);

    const jwt = new JwtService();
    const secret = process.env.JWT_SECRET!;
    // The staff account's real session: the bad tokens differ from a good one only in signature or expiry.
    const staffClaims = { sub: staff.id, role: 'staff', sid: jwt.decode<{ sid: string }>(staff.token).sid };
    const now = Math.floor(Date.now() / 1000);
    world = {
      users: {
        company,
        investor,
        research_centre: researchCentre,
        staff,
        'company-no-org': await ctx.newUser('company'),
        'investor-no-org': await ctx.newUser('investor'),
        'research_centre-no-org': await ctx.newUser('research_centre'),
      },
      tokens: {
        forged: jwt.sign(staffClaims, { secret: FORGERY_SECRET, expiresIn: 3600 }),
        expired: jwt.sign(staffClaims, { secret, expiresIn: -10 }),
        unsigned: `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...staffClaims, iat: now, exp: now + 3600 })}.`,
        validStaff: jwt.sign(staffClaims, { secret, expiresIn: 3600 }),
      },
      profiles: {
        companies: { own: A.id, other: B.id },
        funds: { own: F.id, other: G.id },
        'research-centres': { own: R.id, other: S.id },
      },
      offers: { own: O.id, other: P.id },
    };
  });

  afterAll(() => ctx.close());

  describe('controls: the bad tokens differ from a good one only where they should', () => {
    it('the same staff claims signed with the real secret and a future exp are accepted', async () => {
      const res = await send('get', '/api/v1/auth/me', { auth: `Bearer ${world.tokens.validStaff}` }).expect(200);
      expect(res.body).toMatchObject({ id: world.users.staff.id, role: 'staff' });
    });

    it('the forged, expired and unsigned tokens carry those staff claims', () => {
      const jwt = new JwtService();
      const now = Math.floor(Date.now() / 1000);
      for (const token of [world.tokens.forged, world.tokens.expired, world.tokens.unsigned]) {
        expect(jwt.decode(token)).toMatchObject({ sub: world.users.staff.id, role: 'staff' });
      }
      expect(jwt.decode(world.tokens.expired).exp).toBeLessThan(now);
      expect(jwt.decode(world.tokens.forged).exp).toBeGreaterThan(now);
      expect(() => jwt.verify(world.tokens.forged, { secret: FORGERY_SECRET })).not.toThrow();
    });
  });

  for (const [group, rows] of MATRIX) {
    describe(group, () => {
      it.each(cellsOf(rows))('%s', (_name, cell) => runCell(cell));
    });
  }
});
