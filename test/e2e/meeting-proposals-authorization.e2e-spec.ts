import { expectStatus, staffToken } from '../support/authorization-cells';
import { PROPOSALS as BASE } from '../support/meeting-proposals-support';
import { MALFORMED_ID, UNKNOWN_ID } from '../support/meeting-requests-support';
import { TestContext, type TestUser } from '../support/test-app';

/**
 * Authorisation matrix of the meeting-proposal routes: every route × every caller × target, one `it` per cell,
 * generated from the tables below. No worker runs: the cells see a fixed world.
 *
 * Organisations: companies A, B; funds F, G; research centre S. Proposals of the world (one completed run):
 *   VC_OWN     A–F, venture capital, open, nobody decided   the company's and the investor's own
 *   TT_OWN     A–S, tech transfer, open, nobody decided     the research centre's own
 *   CLOSED_A   A–G, dismissed by G                          the company's closed proposal
 *   CLOSED_F   B–F, dismissed by B                          the investor's closed proposal
 *   CLOSED_S   B–S, dismissed by B                          the research centre's closed proposal
 *   OTHER      B–G, open                                     no caller is a party
 *
 * Callers (the columns): anonymous; forged (staff claims signed with another secret); company (member of A);
 * investor (member of F); research_centre (member of S); staff; a user of each role without an organisation.
 *
 * Targets:
 *   start runs   valid: `{maxPerOrganisation: 2}`; invalid: `{maxRank: 0}`.
 *   read a run   run: the world's run; unknown / malformed id.
 *   list         none: no organisationId; own: the caller's organisation; other: another one (company → F,
 *                everybody else → A); unknown / malformed organisationId.
 *   decide       own: the caller's open proposal (company and investor: VC_OWN; research centre: TT_OWN; others:
 *                VC_OWN); closed: the caller's dismissed proposal (others: CLOSED_A); other: OTHER; unknown /
 *                malformed id.
 *
 * Besides the status every cell checks the JSON error body of a 4xx (naming the parameter of a 400); that a
 * refused call changed nothing (proposals, runs, requests, audit rows, outbox); that a 202 wrote one run and its
 * outbox row; that a 200 decision recorded the caller's side only, with one audit row by the caller; that a 200
 * list holds exactly the listed organisation's open proposals, seen from its side.
 */

type Status = 200 | 202 | 400 | 401 | 403 | 404 | 409;
type Expect = Status | null;
const __ = null;

const CALLERS = ['anonymous', 'forged', 'company', 'investor', 'research_centre', 'staff', 'company-no-org', 'investor-no-org', 'research_centre-no-org'] as const;
type Caller = (typeof CALLERS)[number];
type Member = 'company' | 'investor' | 'research_centre';
type Cells = readonly [Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect];

type RouteKey = 'POST /runs' | 'GET /runs/:id' | 'GET /' | 'POST /:id/confirm' | 'POST /:id/dismiss';
type Target = 'valid' | 'invalid' | 'run' | 'none' | 'own' | 'other' | 'closed' | 'unknown' | 'malformed';
type Row = readonly [RouteKey, Target, Cells];

//                                                  ─ no token ─  ────── members ──────  ─staff─  ── no organisation ──
//                                                   anon forg    comp inv  rc           staff    comp inv  rc
const MATRIX: Row[] = [
  ['POST /runs',          'valid',                 [401, 401,    403, 403, 403,         202,     403, 403, 403]],
  ['POST /runs',          'invalid',               [401, 401,    403, 403, 403,         400,     403, 403, 403]],
  ['GET /runs/:id',       'run',                   [401, 401,    403, 403, 403,         200,     403, 403, 403]],
  ['GET /runs/:id',       'unknown',               [401, 401,    403, 403, 403,         404,     403, 403, 403]],
  ['GET /runs/:id',       'malformed',             [401, 401,    403, 403, 403,         400,     403, 403, 403]],
  ['GET /',               'none',                  [401, 401,    200, 200, 200,         400,     403, 403, 403]],
  ['GET /',               'own',                   [__,  __,     200, 200, 200,         __,      __,  __,  __ ]],
  ['GET /',               'other',                 [401, 401,    403, 403, 403,         200,     403, 403, 403]],
  ['GET /',               'unknown',               [401, 401,    403, 403, 403,         404,     403, 403, 403]],
  ['GET /',               'malformed',             [401, 401,    400, 400, 400,         400,     400, 400, 400]],
  ['POST /:id/confirm',   'own',                   [401, 401,    200, 200, 200,         403,     403, 403, 403]],
  ['POST /:id/confirm',   'closed',                [401, 401,    409, 409, 409,         403,     403, 403, 403]],
  ['POST /:id/confirm',   'other',                 [401, 401,    404, 404, 404,         403,     403, 403, 403]],
  ['POST /:id/confirm',   'unknown',               [401, 401,    404, 404, 404,         403,     403, 403, 403]],
  ['POST /:id/confirm',   'malformed',             [401, 401,    400, 400, 400,         400,     400, 400, 400]],
  ['POST /:id/dismiss',   'own',                   [401, 401,    200, 200, 200,         403,     403, 403, 403]],
  ['POST /:id/dismiss',   'closed',                [401, 401,    409, 409, 409,         403,     403, 403, 403]],
  ['POST /:id/dismiss',   'other',                 [401, 401,    404, 404, 404,         403,     403, 403, 403]],
  ['POST /:id/dismiss',   'unknown',               [401, 401,    404, 404, 404,         403,     403, 403, 403]],
  ['POST /:id/dismiss',   'malformed',             [401, 401,    400, 400, 400,         400,     400, 400, 400]],
];

const ERROR_CODE: Record<Exclude<Status, 200 | 202>, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'PROPOSAL_CLOSED',
};

type Org = 'A' | 'B' | 'F' | 'G' | 'S';
type ProposalKey = 'VC_OWN' | 'TT_OWN' | 'CLOSED_A' | 'CLOSED_F' | 'CLOSED_S' | 'OTHER';
const OWN_ORG: Record<Member, Org> = { company: 'A', investor: 'F', research_centre: 'S' };
const OWN_PROPOSAL: Record<Member, ProposalKey> = { company: 'VC_OWN', investor: 'VC_OWN', research_centre: 'TT_OWN' };
const CLOSED_PROPOSAL: Record<Member, ProposalKey> = { company: 'CLOSED_A', investor: 'CLOSED_F', research_centre: 'CLOSED_S' };

interface World {
  users: Record<Exclude<Caller, 'anonymous' | 'forged'>, TestUser>;
  forgedToken: string;
  orgs: Record<Org, string>;
  runId: string;
  proposals: Record<ProposalKey, string>;
  rows: Array<Record<string, unknown>>;
}

let ctx: TestContext;
let world: World;

const isMember = (caller: Caller): caller is Member => caller in OWN_ORG;

function send(method: 'get' | 'post', url: string, caller: Caller, body?: object, query?: Record<string, string>) {
  const req = ctx.http[method](url);
  if (caller === 'forged') req.set('authorization', `Bearer ${world.forgedToken}`);
  else if (caller !== 'anonymous') req.set('authorization', `Bearer ${world.users[caller].token}`);
  if (query) req.query(query);
  if (body) req.send(body);
  return req;
}

async function snapshot() {
  const [proposals, runs, requests, audit, outbox] = await Promise.all([
    ctx.dataSource.query(`SELECT * FROM meeting_proposals ORDER BY id`),
    ctx.dataSource.query(`SELECT id, status FROM meeting_proposal_runs ORDER BY id`),
    ctx.dataSource.query(`SELECT id, status FROM meeting_requests ORDER BY id`),
    ctx.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`),
    ctx.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events`),
  ]);
  return { proposals, runs, requests, audit, outbox };
}

/** Back to the world of the header. */
async function resetWorld(): Promise<void> {
  await ctx.dataSource.query(`TRUNCATE audit_events, outbox_events, meeting_requests CASCADE`);
  await ctx.dataSource.query(`DELETE FROM meeting_proposal_runs WHERE id <> $1`, [world.runId]);
  await ctx.dataSource.query(`DELETE FROM meeting_proposals`);
  for (const row of world.rows) {
    const columns = Object.keys(row);
    await ctx.dataSource.query(
      `INSERT INTO meeting_proposals (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((c) => row[c]),
    );
  }
}

interface Cell {
  route: RouteKey;
  target: Target;
  caller: Caller;
  expected: Status;
}

function idFor(cell: Cell): string {
  const { target, caller } = cell;
  if (target === 'unknown') return UNKNOWN_ID;
  if (target === 'malformed') return MALFORMED_ID;
  if (target === 'run') return world.runId;
  if (target === 'other') return world.proposals.OTHER;
  if (target === 'own') return world.proposals[isMember(caller) ? OWN_PROPOSAL[caller] : 'VC_OWN'];
  return world.proposals[isMember(caller) ? CLOSED_PROPOSAL[caller] : 'CLOSED_A'];
}

async function runCell(cell: Cell): Promise<void> {
  await resetWorld();
  const before = await snapshot();
  const { route, target, caller, expected } = cell;
  let res;
  let listed: string | undefined;
  if (route === 'POST /runs') {
    res = await send('post', `${BASE}/runs`, caller, target === 'valid' ? { maxPerOrganisation: 2 } : { maxRank: 0 });
  } else if (route === 'GET /runs/:id') {
    res = await send('get', `${BASE}/runs/${idFor(cell)}`, caller);
  } else if (route === 'GET /') {
    listed =
      target === 'own' ? world.orgs[OWN_ORG[caller as Member]]
      : target === 'other' ? world.orgs[caller === 'company' ? 'F' : 'A']
      : target === 'unknown' ? UNKNOWN_ID
      : target === 'malformed' ? MALFORMED_ID
      : undefined;
    res = await send('get', BASE, caller, undefined, listed ? { organisationId: listed } : undefined);
  } else {
    res = await send('post', `${BASE}/${idFor(cell)}/${route === 'POST /:id/confirm' ? 'confirm' : 'dismiss'}`, caller);
  }
  const field = route === 'GET /' ? 'organisationId' : route === 'POST /runs' ? 'maxRank' : 'id';
  expectStatus(res, expected, ERROR_CODE[expected as 400], field);

  const after = await snapshot();
  if (expected >= 400 || route === 'GET /runs/:id' || route === 'GET /') {
    // Refused, or a read: nothing changed.
    expect(after).toEqual(before);
  }
  if (expected === 202) {
    expect(res.body).toEqual({ runId: expect.any(String), status: 'requested' });
    expect(after.runs.map((r: { id: string }) => r.id)).toContain(res.body.runId);
    expect(after.runs).toHaveLength(before.runs.length + 1);
    expect(after.outbox[0].n).toBe(1);
    expect(after.proposals).toEqual(before.proposals);
  }
  if (expected === 200 && route === 'GET /runs/:id') {
    expect(res.body).toMatchObject({ runId: world.runId, status: 'completed', eventId: null });
  }
  if (expected === 200 && route === 'GET /') {
    const org = listed ?? world.orgs[OWN_ORG[caller as Member]];
    const own = (before.proposals as Array<{ id: string; company_id: string; counterpart_id: string; status: string }>).filter(
      (p) => (p.company_id === org || p.counterpart_id === org) && p.status === 'open',
    );
    expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual(own.map((p) => p.id).sort());
    for (const item of res.body.items) expect(item.counterpart.id).not.toBe(org);
    expect(res.body.items.every((i: { counterpartDecision?: unknown }) => ('counterpartDecision' in i) === (caller === 'staff'))).toBe(true);
  }
  if (expected === 200 && route.startsWith('POST /:id/')) {
    const decision = route === 'POST /:id/confirm' ? 'confirmed' : 'dismissed';
    const id = idFor(cell);
    const org = world.orgs[OWN_ORG[caller as Member]];
    const row = after.proposals.find((p: { id: string }) => p.id === id);
    const side = row.company_id === org ? 'company' : 'counterpart';
    const other = side === 'company' ? 'counterpart' : 'company';
    expect(row).toMatchObject({ [`${side}_decision`]: decision, [`${side}_decided_by`]: world.users[caller as Member].id, [`${other}_decision`]: null, status: decision === 'dismissed' ? 'dismissed' : 'open' });
    expect(res.body).toMatchObject({ id, decision });
    expect(after.proposals.filter((p: { id: string }) => p.id !== id)).toEqual(before.proposals.filter((p: { id: string }) => p.id !== id));
    const audit = await ctx.dataSource.query(`SELECT actor_user_id, organisation_id, action, subject_id FROM audit_events`);
    expect(audit).toEqual([{ actor_user_id: world.users[caller as Member].id, organisation_id: org, action: `meeting_proposal.${decision}`, subject_id: id }]);
    expect(after.requests).toEqual([]);
  }
}

const CALLER_LABEL: Record<Caller, string> = {
  anonymous: 'anonymous',
  forged: 'forged token',
  company: 'company member',
  investor: 'investor member',
  research_centre: 'research centre member',
  staff: 'staff',
  'company-no-org': 'company user without organisation',
  'investor-no-org': 'investor without organisation',
  'research_centre-no-org': 'research_centre user without organisation',
};

function cellsOf(rows: Row[]): Array<[string, Cell]> {
  const cells: Array<[string, Cell]> = [];
  for (const [route, target, expectations] of rows) {
    expectations.forEach((expected, column) => {
      if (expected === null) return;
      const caller = CALLERS[column];
      if (target === 'own' && route === 'GET /' && !isMember(caller)) throw new Error(`matrix error: ${route} own under ${caller}`);
      cells.push([`${route} as ${CALLER_LABEL[caller]} on ${target} → ${expected}`, { route, target, caller, expected }]);
    });
  }
  return cells;
}

describe('meeting proposals authorisation matrix', () => {
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
    };
    const orgs: Record<Org, string> = {
      A: (await ctx.newCompany(users.company, { name: 'Company A' })).id,
      B: (await ctx.newCompany(undefined, { name: 'Company B' })).id,
      F: (await ctx.newFund(users.investor, { name: 'Fund F' })).id,
      G: (await ctx.newFund(undefined, { name: 'Fund G' })).id,
      S: (await ctx.newResearchCentre(users.research_centre, { name: 'Centre S' })).id,
    };
    const [{ id: runId }] = await ctx.dataSource.query(
      `INSERT INTO meeting_proposal_runs (status, requested_by, options, stats, completed_at) VALUES ('completed', $1, '{"maxPerOrganisation": 5, "maxRank": 10}', '{}', now()) RETURNING id`,
      [users.staff.id],
    );
    const proposal = async (area: string, company: Org, counterpart: Org, dismissedBy?: 'company' | 'counterpart'): Promise<string> => {
      const [row] = await ctx.dataSource.query(
        `INSERT INTO meeting_proposals (run_id, area, company_id, counterpart_id, score, contributions, company_decision, counterpart_decision, status, closed_at)
         VALUES ($1, $2, $3, $4, 70, '{35,21,14}', $5, $6, $7, $8) RETURNING id`,
        [runId, area, orgs[company], orgs[counterpart], dismissedBy === 'company' ? 'dismissed' : null, dismissedBy === 'counterpart' ? 'dismissed' : null, dismissedBy ? 'dismissed' : 'open', dismissedBy ? new Date() : null],
      );
      return row.id;
    };
    const proposals: Record<ProposalKey, string> = {
      VC_OWN: await proposal('venture_capital', 'A', 'F'),
      TT_OWN: await proposal('tech_transfer', 'A', 'S'),
      CLOSED_A: await proposal('venture_capital', 'A', 'G', 'counterpart'),
      CLOSED_F: await proposal('venture_capital', 'B', 'F', 'company'),
      CLOSED_S: await proposal('tech_transfer', 'B', 'S', 'company'),
      OTHER: await proposal('venture_capital', 'B', 'G'),
    };
    world = {
      users,
      forgedToken: staffToken(users.staff),
      orgs,
      runId,
      proposals,
      rows: await ctx.dataSource.query(`SELECT * FROM meeting_proposals ORDER BY id`),
    };
  }, 60_000);

  afterAll(() => ctx.close());

  it('controls: the forged token carries staff claims the real secret would accept', async () => {
    const genuine = staffToken(world.users.staff, process.env.JWT_SECRET!);
    await ctx.http.get(`${BASE}/runs/${world.runId}`).set('authorization', `Bearer ${genuine}`).expect(200);
  });

  it('controls: members belong to their organisation, the no-organisation users to none', async () => {
    for (const caller of CALLERS) {
      if (caller === 'anonymous' || caller === 'forged') continue;
      const me = await send('get', '/api/v1/auth/me', caller).expect(200);
      expect({ caller, organisationId: me.body.organisationId }).toEqual({ caller, organisationId: isMember(caller) ? world.orgs[OWN_ORG[caller]] : null });
    }
  });

  it.each(cellsOf(MATRIX))('%s', (_name, cell) => runCell(cell));
});
