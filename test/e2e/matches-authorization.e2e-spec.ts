import { JwtService } from '@nestjs/jwt';
import { expectStatus, staffToken } from '../support/authorization-cells';
import { TestContext, type TestUser } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { CAR_T_OFFER, CONFIDENTIAL_FIELDS, FITTING_CENTRE, FITTING_COMPANY, FITTING_FUND, scoringSettled } from '../support/matching-fixtures';

/**
 * Authorisation matrix of the matches and scoring routes: every route × every caller × target, one `it` per
 * cell, generated from the tables below.
 *
 * Callers (the table columns, in this order):
 *   anonymous        no Authorization header
 *   forged           staff claims signed with another secret
 *   company          role company, member of company A
 *   investor         role investor, member of fund F
 *   research_centre  role research_centre, member of centre R (offer O)
 *   staff            hub staff (member of nothing)
 *   *-no-org         a user of that role who is not a member of any organisation yet
 *   other-*          members of OTHER organisations: company B, fund G, centre S (offer P)
 * All of A, B (looking for investment and licensing) fit F, G (venture capital) and O, P (tech transfer), so the
 * worker scored, among others, the matches A–F, B–G, A–O and B–P before the cells run (then it was stopped).
 *
 * Targets:
 *   list    none: no organisationId; own: the caller's organisation; other: another organisation of the same type
 *           (A↔B, F↔G, R↔S; staff: B); counterpart: an organisation of the other side that the caller's organisation
 *           is matched with (A→F, F→A, R→A, B→G, G→B, S→B; staff: F); unknown / malformed organisationId.
 *   get     party: a match of the caller's organisation (A, F: A–F; R: A–O; B, G: B–G; S: B–P); other: a match the
 *           caller's organisation is no party of (A, F, staff: B–G; R: B–P; B, G: A–F; S: A–O; no organisation:
 *           A–F); unknown / malformed id.
 *   rescore known: a run staff requested (still in the outbox, so `requested`); unknown / malformed run id.
 *
 * Cell values: the expected HTTP status; `__` = no such cell (only members have an own organisation or a match).
 * Besides the status every cell checks: the JSON error body ({statusCode, code, message}) of every 4xx (and the
 * offending parameter of a 400); on a 200 list that every item belongs to the organisation listed (the caller's,
 * or the one staff named) and shows no confidential company field; on a 200 read that the caller's organisation
 * is a party; that a refused PUT made no version and a refused POST requested no rescore, and that accepted ones did.
 */

// ───────────────────────────────────────────── the expectations ─────────────────────────────────────────────

type Status = 200 | 202 | 400 | 401 | 403 | 404;
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
type NoOrg = 'company-no-org' | 'investor-no-org' | 'research_centre-no-org';
type Cells = readonly [Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect];

const ROUTES = ['GET /api/v1/matches', 'GET /api/v1/matches/:id', 'GET /api/v1/scoring/config', 'PUT /api/v1/scoring/config', 'POST /api/v1/scoring/rescores', 'GET /api/v1/scoring/rescores/:runId'] as const;
type RouteKey = (typeof ROUTES)[number];
type Target = 'none' | 'own' | 'other' | 'counterpart' | 'party' | 'known' | 'unknown' | 'malformed';
type Row = readonly [RouteKey, Target, Cells];

//                                                            ─ no token ─   ─────── members / staff ───────   ── no organisation ──   ── other organisations ──
//                                                             anon forg      comp  inv   rc    staff           comp  inv   rc           comp  inv   rc
const MATCHES: Row[] = [
  ['GET /api/v1/matches',                 'none',            [401, 401,      200,  200,  200,  400,            403,  403,  403,         200,  200,  200]],
  ['GET /api/v1/matches',                 'own',             [__,  __,       200,  200,  200,  __,             __,   __,   __,          200,  200,  200]],
  ['GET /api/v1/matches',                 'other',           [401, 401,      403,  403,  403,  200,            403,  403,  403,         403,  403,  403]],
  ['GET /api/v1/matches',                 'counterpart',     [401, 401,      403,  403,  403,  200,            403,  403,  403,         403,  403,  403]],
  ['GET /api/v1/matches',                 'unknown',         [401, 401,      403,  403,  403,  404,            403,  403,  403,         403,  403,  403]],
  ['GET /api/v1/matches',                 'malformed',       [401, 401,      400,  400,  400,  400,            400,  400,  400,         400,  400,  400]],
  ['GET /api/v1/matches/:id',             'party',           [__,  __,       200,  200,  200,  __,             __,   __,   __,          200,  200,  200]],
  ['GET /api/v1/matches/:id',             'other',           [401, 401,      404,  404,  404,  200,            404,  404,  404,         404,  404,  404]],
  ['GET /api/v1/matches/:id',             'unknown',         [401, 401,      404,  404,  404,  404,            404,  404,  404,         404,  404,  404]],
  ['GET /api/v1/matches/:id',             'malformed',       [401, 401,      400,  400,  400,  400,            400,  400,  400,         400,  400,  400]],
];

//                                                             anon forg      comp  inv   rc    staff           comp  inv   rc           comp  inv   rc
const SCORING: Row[] = [
  ['GET /api/v1/scoring/config',          'none',            [401, 401,      403,  403,  403,  200,            403,  403,  403,         403,  403,  403]],
  ['PUT /api/v1/scoring/config',          'none',            [401, 401,      403,  403,  403,  200,            403,  403,  403,         403,  403,  403]],
  ['POST /api/v1/scoring/rescores',       'none',            [401, 401,      403,  403,  403,  202,            403,  403,  403,         403,  403,  403]],
  ['GET /api/v1/scoring/rescores/:runId', 'known',           [401, 401,      403,  403,  403,  200,            403,  403,  403,         403,  403,  403]],
  ['GET /api/v1/scoring/rescores/:runId', 'unknown',         [401, 401,      403,  403,  403,  404,            403,  403,  403,         403,  403,  403]],
  ['GET /api/v1/scoring/rescores/:runId', 'malformed',       [401, 401,      403,  403,  403,  400,            403,  403,  403,         403,  403,  403]],
];

const MATRIX: Array<[string, Row[]]> = [
  ['matches', MATCHES],
  ['scoring (staff only)', SCORING],
];

// ──────────────────────────────────────────── fixtures and helpers ────────────────────────────────────────────

const UNKNOWN_ID = '5b1e0c9e-3f5d-4a7b-9c2e-7d8f6a4b3c21';
const MALFORMED_ID = 'not-a-uuid';

const ERROR_CODE: Partial<Record<Status, string>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
};

type Org = 'A' | 'B' | 'F' | 'G' | 'R' | 'S';
type MatchKey = 'A–F' | 'B–G' | 'A–O' | 'B–P';

/** Each member caller's organisation. */
const OWN: Record<Member, Org> = { company: 'A', investor: 'F', research_centre: 'R', 'other-company': 'B', 'other-investor': 'G', 'other-research_centre': 'S' };
/** Per caller: another organisation of the same type, and one it is matched with (see the header). */
const OTHER_ORG: Record<Caller, Org> = {
  anonymous: 'A',
  forged: 'A',
  company: 'B',
  investor: 'G',
  research_centre: 'S',
  staff: 'B',
  'company-no-org': 'A',
  'investor-no-org': 'F',
  'research_centre-no-org': 'R',
  'other-company': 'A',
  'other-investor': 'F',
  'other-research_centre': 'R',
};
const COUNTERPART_ORG: Record<Caller, Org> = {
  anonymous: 'F',
  forged: 'F',
  company: 'F',
  investor: 'A',
  research_centre: 'A',
  staff: 'F',
  'company-no-org': 'F',
  'investor-no-org': 'A',
  'research_centre-no-org': 'A',
  'other-company': 'G',
  'other-investor': 'B',
  'other-research_centre': 'B',
};
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

interface World {
  users: Record<Exclude<Caller, 'anonymous' | 'forged'>, TestUser>;
  forgedToken: string;
  orgs: Record<Org, string>;
  matches: Record<MatchKey, { id: string; company_id: string; fund_id: string | null; research_centre_id: string | null }>;
  runId: string;
}

interface Actor {
  auth?: string;
  user?: TestUser;
}

let ctx: TestContext;
let world: World;

const isMember = (caller: Caller): caller is Member => caller in OWN;
const isNoOrg = (caller: Caller): caller is NoOrg => caller.endsWith('-no-org');

function actorFor(caller: Caller): Actor {
  if (caller === 'anonymous') return {};
  if (caller === 'forged') return { auth: `Bearer ${world.forgedToken}` };
  return { auth: `Bearer ${world.users[caller].token}`, user: world.users[caller] };
}

function send(method: 'get' | 'put' | 'post', url: string, actor: Actor, body?: object) {
  const req = ctx.http[method](url);
  if (actor.auth) req.set('authorization', actor.auth);
  if (body) req.send(body);
  return req;
}

const asStaff = (method: 'get' | 'put' | 'post', url: string, body?: object) => send(method, url, actorFor('staff'), body);

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows: Array<{ n: number }> = await ctx.dataSource.query(sql, params);
  return rows[0].n;
}


function expectNoConfidential(body: unknown): void {
  const text = JSON.stringify(body);
  for (const field of CONFIDENTIAL_FIELDS) expect(text).not.toContain(`"${field}"`);
  expect(text).not.toContain('zebrafishneeds');
}

const orgType = (org: Org) => ({ A: 'company', B: 'company', F: 'fund', G: 'fund', R: 'research_centre', S: 'research_centre' })[org];

// ───────────────────────────────────────────── the cell runners ─────────────────────────────────────────────

interface Cell {
  route: RouteKey;
  target: Target;
  caller: Caller;
  expected: Status;
}

async function listCell(cell: Cell): Promise<void> {
  const actor = actorFor(cell.caller);
  const listed: Org | null =
    cell.target === 'own' ? OWN[cell.caller as Member] : cell.target === 'other' ? OTHER_ORG[cell.caller] : cell.target === 'counterpart' ? COUNTERPART_ORG[cell.caller] : null;
  const organisationId = listed ? world.orgs[listed] : cell.target === 'unknown' ? UNKNOWN_ID : cell.target === 'malformed' ? MALFORMED_ID : undefined;
  const res = await send('get', `/api/v1/matches?limit=100${organisationId ? `&organisationId=${organisationId}` : ''}`, actor);
  expectStatus(res, cell.expected, ERROR_CODE[cell.expected], cell.target === 'malformed' ? 'organisationId' : cell.target === 'none' && cell.caller === 'staff' ? 'organisationId' : undefined);
  if (cell.expected !== 200) return;

  // Whose matches these are: the organisation named, else the caller's own.
  const owner = listed ?? OWN[cell.caller as Member];
  const ownerId = world.orgs[owner];
  const items: Array<{ id: string; counterpart: { type: string; id: string } }> = res.body.items;
  expect(res.body.total).toBe(items.length);
  expect(items.length).toBeGreaterThan(0);
  const rows: Array<{ id: string; company_id: string; fund_id: string | null; research_centre_id: string | null }> = await ctx.dataSource.query(
    `SELECT id, company_id, fund_id, research_centre_id FROM matches WHERE id = ANY($1::uuid[])`,
    [items.map((i) => i.id)],
  );
  expect(rows).toHaveLength(items.length);
  for (const row of rows) expect([row.company_id, row.fund_id, row.research_centre_id]).toContain(ownerId);
  // And all of them: the list is the organisation's, complete.
  const column = { company: 'company_id', fund: 'fund_id', research_centre: 'research_centre_id' }[orgType(owner)];
  expect(items.length).toBe(await count(`SELECT count(*)::int AS n FROM matches WHERE ${column} = $1`, [ownerId]));
  const counterpartTypes = new Set(items.map((i) => i.counterpart.type));
  if (orgType(owner) === 'company') expect([...counterpartTypes].every((t) => t === 'fund' || t === 'research_centre')).toBe(true);
  else expect([...counterpartTypes]).toEqual(['company']);
  expectNoConfidential(res.body);
}

async function getCell(cell: Cell): Promise<void> {
  const actor = actorFor(cell.caller);
  const match =
    cell.target === 'party' ? world.matches[PARTY_MATCH[cell.caller as Member]] : cell.target === 'other' ? world.matches[OTHER_MATCH[cell.caller]] : null;
  const id = match?.id ?? (cell.target === 'unknown' ? UNKNOWN_ID : MALFORMED_ID);
  const res = await send('get', `/api/v1/matches/${id}`, actor);
  expectStatus(res, cell.expected, ERROR_CODE[cell.expected], cell.target === 'malformed' ? 'id' : undefined);
  if (cell.expected !== 200) return;
  expect(res.body.id).toBe(match!.id);
  // The counterpart is the other party from the reader's side; staff read from the company's side.
  const own = isMember(cell.caller) ? world.orgs[OWN[cell.caller]] : match!.company_id;
  const parties = [match!.company_id, match!.fund_id, match!.research_centre_id];
  expect(parties).toContain(own);
  const expectedCounterpart = own === match!.company_id ? (match!.fund_id ?? match!.research_centre_id) : match!.company_id;
  expect(res.body.counterpart.id).toBe(expectedCounterpart);
  expectNoConfidential(res.body);
}

async function scoringCell(cell: Cell): Promise<void> {
  const actor = actorFor(cell.caller);
  const versions = () => count(`SELECT count(*)::int AS n FROM scoring_configs`);
  const requested = () => count(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'scoring.rescore'`);

  if (cell.route === 'GET /api/v1/scoring/config') {
    const res = await send('get', '/api/v1/scoring/config', actor);
    expectStatus(res, cell.expected, ERROR_CODE[cell.expected]);
    if (cell.expected === 200) {
      expect(res.body).toMatchObject({ version: expect.any(Number), venture_capital: expect.any(Object), tech_transfer: expect.any(Object), minScore: expect.any(Number) });
    } else {
      expect(res.body).not.toHaveProperty('venture_capital');
    }
    return;
  }

  if (cell.route === 'PUT /api/v1/scoring/config') {
    const { version, ...config } = (await asStaff('get', '/api/v1/scoring/config').expect(200)).body;
    const before = await versions();
    const res = await send('put', '/api/v1/scoring/config', actor, config);
    expectStatus(res, cell.expected, ERROR_CODE[cell.expected]);
    if (cell.expected === 200) {
      expect(res.body).toEqual({ config: { ...config, version: version + 1 }, rescoreRunId: expect.any(String) });
      expect(await versions()).toBe(before + 1);
    } else {
      expect(await versions()).toBe(before);
      expect((await asStaff('get', '/api/v1/scoring/config').expect(200)).body.version).toBe(version);
    }
    return;
  }

  if (cell.route === 'POST /api/v1/scoring/rescores') {
    const before = await requested();
    const res = await send('post', '/api/v1/scoring/rescores', actor);
    expectStatus(res, cell.expected, ERROR_CODE[cell.expected]);
    if (cell.expected === 202) {
      expect(res.body).toEqual({ runId: expect.any(String) });
      expect(await count(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'scoring.rescore' AND aggregate_id = $1`, [res.body.runId])).toBe(1);
    } else {
      expect(await requested()).toBe(before);
    }
    return;
  }

  const runId = { known: world.runId, unknown: UNKNOWN_ID, malformed: MALFORMED_ID }[cell.target as 'known' | 'unknown' | 'malformed'];
  const res = await send('get', `/api/v1/scoring/rescores/${runId}`, actor);
  expectStatus(res, cell.expected, ERROR_CODE[cell.expected], cell.target === 'malformed' ? 'runId' : undefined);
  if (cell.expected === 200) {
    expect(res.body).toEqual({ runId, state: 'requested', chunks: { done: 0, total: 0 }, result: null, failedReason: null });
  }
}

function runCell(cell: Cell): Promise<void> {
  if (cell.route === 'GET /api/v1/matches') return listCell(cell);
  if (cell.route === 'GET /api/v1/matches/:id') return getCell(cell);
  return scoringCell(cell);
}

// ──────────────────────────────────────────── naming and generation ────────────────────────────────────────────

const CALLER_LABEL: Record<Caller, string> = {
  anonymous: 'anonymous',
  forged: 'forged token',
  company: 'company',
  investor: 'investor',
  research_centre: 'research_centre',
  staff: 'staff',
  'company-no-org': 'company without organisation',
  'investor-no-org': 'investor without organisation',
  'research_centre-no-org': 'research_centre without organisation',
  'other-company': 'member of another company',
  'other-investor': 'member of another fund',
  'other-research_centre': 'member of another research centre',
};

function targetLabel(route: RouteKey, target: Target): string | null {
  if (target === 'none') return route === 'GET /api/v1/matches' ? 'no organisationId' : null;
  if (route === 'GET /api/v1/matches') {
    return {
      own: 'own organisationId',
      other: "another organisation's id (same type)",
      counterpart: "a counterpart organisation's id",
      unknown: 'unknown organisationId',
      malformed: 'malformed organisationId',
    }[target as 'own' | 'other' | 'counterpart' | 'unknown' | 'malformed'];
  }
  if (route === 'GET /api/v1/matches/:id') {
    return { party: 'a match of its own', other: 'a match of other parties', unknown: 'unknown match id', malformed: 'malformed match id' }[
      target as 'party' | 'other' | 'unknown' | 'malformed'
    ];
  }
  return { known: 'a requested run', unknown: 'unknown run id', malformed: 'malformed run id' }[target as 'known' | 'unknown' | 'malformed'];
}

function cellsOf(rows: Row[]): Array<[string, Cell]> {
  const cells: Array<[string, Cell]> = [];
  for (const [route, target, expectations] of rows) {
    expectations.forEach((expected, column) => {
      if (expected === null) return;
      const caller = CALLERS[column];
      // Only members have an own organisation or a match they are party of: a table typo would test something else.
      if ((target === 'own' || target === 'party') && !isMember(caller)) throw new Error(`matrix error: "${route}" ${target} target under caller ${caller}`);
      const on = targetLabel(route, target);
      cells.push([`${route} as ${CALLER_LABEL[caller]}${on ? ` on ${on}` : ''} → ${expected}`, { route, target, caller, expected }]);
    });
  }
  return cells;
}

// ──────────────────────────────────────────────────── tests ────────────────────────────────────────────────────

describe('matches and scoring authorisation matrix', () => {
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
    const company = { ...FITTING_COMPANY, lookingFor: ['investment', 'licensing_in'] };
    const worker = await startTestWorker();
    let orgs: Record<Org, string>;
    let offers: { O: string; P: string };
    try {
      orgs = {
        A: (await ctx.newCompany(users.company, { ...company, name: 'Company A' })).id,
        B: (await ctx.newCompany(users['other-company'], { ...company, name: 'Company B' })).id,
        F: (await ctx.newFund(users.investor, { ...FITTING_FUND, name: 'Fund F' })).id,
        G: (await ctx.newFund(users['other-investor'], { ...FITTING_FUND, name: 'Fund G' })).id,
        R: (await ctx.newResearchCentre(users.research_centre, { ...FITTING_CENTRE, name: 'Centre R' })).id,
        S: (await ctx.newResearchCentre(users['other-research_centre'], { ...FITTING_CENTRE, name: 'Centre S' })).id,
      };
      offers = {
        O: (await ctx.newTechnologyOffer(orgs.R, { ...CAR_T_OFFER, title: 'Offer O' })).id,
        P: (await ctx.newTechnologyOffer(orgs.S, { ...CAR_T_OFFER, title: 'Offer P' })).id,
      };
      await scoringSettled(ctx, worker);
    } finally {
      // The cells see a fixed world: no worker scores (or starts a requested rescore) while they run.
      await worker.close();
    }

    const find = async (company: string, other: string) => {
      const [row] = await ctx.dataSource.query(
        `SELECT id, company_id, fund_id, research_centre_id FROM matches WHERE company_id = $1 AND (fund_id = $2 OR technology_offer_id = $2)`,
        [company, other],
      );
      if (!row) throw new Error(`fixture error: no match between ${company} and ${other}`);
      return row;
    };
    const matches = {
      'A–F': await find(orgs.A, orgs.F),
      'B–G': await find(orgs.B, orgs.G),
      'A–O': await find(orgs.A, offers.O),
      'B–P': await find(orgs.B, offers.P),
    };

    const staffRun = await ctx.http.post('/api/v1/scoring/rescores').set('authorization', `Bearer ${users.staff.token}`).expect(202);
    world = {
      users,
      forgedToken: staffToken(users.staff),
      orgs,
      matches,
      runId: staffRun.body.runId,
    };
  }, 60_000);

  afterAll(() => ctx.close());

  it('controls: the forged token carries valid staff claims, and the real secret would have let them in', async () => {
    expect(new JwtService().decode(world.forgedToken)).toMatchObject({ sub: world.users.staff.id, role: 'staff' });
    const genuine = staffToken(world.users.staff, process.env.JWT_SECRET!);
    await send('get', '/api/v1/scoring/config', { auth: `Bearer ${genuine}` }).expect(200);
  });

  it('controls: the no-organisation users are members of nothing, the others of their organisation', async () => {
    for (const caller of CALLERS) {
      if (caller === 'anonymous' || caller === 'forged') continue;
      const me = await send('get', '/api/v1/auth/me', actorFor(caller)).expect(200);
      expect({ caller, organisationId: me.body.organisationId }).toEqual({ caller, organisationId: isMember(caller) ? world.orgs[OWN[caller]] : null });
      if (isNoOrg(caller)) expect(me.body.role).toBe(caller.replace('-no-org', ''));
    }
  });

  for (const [group, rows] of MATRIX) {
    describe(group, () => {
      it.each(cellsOf(rows))('%s', (_name, cell) => runCell(cell));
    });
  }
});
