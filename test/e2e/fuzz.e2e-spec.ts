import fc from 'fast-check';
import { JwtService } from '@nestjs/jwt';
import type { Response } from 'supertest';
import { bearer, TestContext, type TestUser } from '../support/test-app';
import { FORGERY_SECRET, staffToken } from '../support/authorization-cells';
import { seedMatches } from '../support/meeting-proposals-support';
import { changedTables, describeRequest, fingerprint, operationsOf, requestArb, stateTables, type FuzzRequest, type Operation, type World } from '../support/fuzz-requests';

/**
 * Issue 8, "Bad input, fuzzed": every route of the OpenAPI document (read from the running app) gets generated
 * requests — wrong types, missing and extra fields, huge strings and arrays, unicode and control characters,
 * negative and enormous numbers, malformed ids, other organisations' ids, missing and forged tokens — against a
 * world where the ids exist. For each request: never a 5xx; every 4xx is the JSON error body
 * `{statusCode, code, message}` with a message (and a 400's `errors` each name a field); and a rejected request
 * leaves every table as it was (an md5 of each table's rows, taken after each request).
 *
 * Not fuzzed: the multipart CSV uploads (`POST /api/v1/imports/{kind}`, `POST /api/v1/events/{id}/meetings/import`,
 * their parser has its own tests) and the Bull Board dashboard at `/admin/queues` (a third-party UI outside the
 * OpenAPI document, tested by queue-dashboard.e2e-spec.ts).
 *
 * Reproducible: the seed is fixed (override with FUZZ_SEED=…) and printed; each route's generator runs with
 * seed + its index in the document. FUZZ_RUNS sets the requests per route.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260808);
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 40);
const MIN_REQUESTS = 2000;

interface Finding {
  route: string;
  rule: string;
  request: string;
  status: number;
  response: string;
}

const CALENDAR = {
  name: 'Fuzz Partnering 2027',
  timeZone: 'Europe/Rome',
  slotMinutes: 20,
  days: [{ date: '2027-03-18', windows: [{ start: '09:00', end: '11:00', name: 'Morning' }] }],
  tables: 2,
  maxMeetingsPerParticipant: 4,
};

describe('fuzzed input on every route of the OpenAPI document', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.truncate();
  });
  afterAll(() => ctx.close());

  const ok = (res: Response, status: number) => expect({ status: res.status, body: res.body }).toMatchObject({ status });

  /** A company (two), a fund, a research centre with an offer, staff, an outsider, an event with participants, requests, matches, a proposal, runs. */
  async function buildWorld(): Promise<World> {
    const staff = await ctx.newUser('staff');
    const companyUser = await ctx.newUser('company');
    const companyBUser = await ctx.newUser('company');
    const investor = await ctx.newUser('investor');
    const centreUser = await ctx.newUser('research_centre');
    const outsider = await ctx.newUser('company');
    const company = await ctx.newCompany(companyUser, { stage: 'seed', fundingSoughtEur: 2_000_000 });
    const companyB = await ctx.newCompany(companyBUser);
    const fund = await ctx.newFund(investor, { stages: ['seed'] });
    const centre = await ctx.newResearchCentre(centreUser);
    const offer = await ctx.newTechnologyOffer(centre.id, { trl: 4 });
    const as = (u: TestUser) => ({
      get: (path: string) => ctx.http.get(path).set(...bearer(u)),
      post: (path: string, body: object = {}) => ctx.http.post(path).set(...bearer(u)).send(body),
    });

    const taxonomy = (await ctx.http.get('/api/v1/taxonomy').expect(200)).body;
    const codes: Record<string, string[]> = {};
    const collect = (node: unknown, into: string[]): void => {
      if (Array.isArray(node)) return node.forEach((n) => collect(n, into));
      if (node && typeof node === 'object') {
        const { code } = node as { code?: unknown };
        if (typeof code === 'string') into.push(code);
        for (const v of Object.values(node)) if (v && typeof v === 'object') collect(v, into);
      }
    };
    for (const dimension of ['sectors', 'therapeuticAreas', 'modalities']) {
      codes[dimension] = [];
      collect(taxonomy[dimension], codes[dimension]);
      expect(codes[dimension].length).toBeGreaterThan(3);
    }

    const matchIds = await seedMatches(ctx, [
      { area: 'venture_capital', companyId: company.id, counterpartId: fund.id, score: 80 },
      { area: 'venture_capital', companyId: companyB.id, counterpartId: fund.id, score: 70 },
      { area: 'tech_transfer', companyId: company.id, counterpartId: centre.id, offerId: offer.id, score: 65 },
    ]);

    const event = await as(staff).post('/api/v1/events', CALENDAR);
    ok(event, 201);
    const slots = (await as(staff).get(`/api/v1/events/${event.body.id}/slots`).expect(200)).body as Array<{ id: string }>;
    const participants: Record<string, string> = {};
    for (const [label, orgId] of [['company', company.id], ['companyB', companyB.id], ['fund', fund.id], ['centre', centre.id]] as const) {
      const res = await as(staff).post(`/api/v1/events/${event.body.id}/participants`, { organisationId: orgId });
      ok(res, 201);
      participants[label] = res.body.id;
    }
    const meeting = await as(staff).post(`/api/v1/events/${event.body.id}/meetings`, { participantIds: [participants.company, participants.centre] });
    ok(meeting, 201);

    const pending = await as(companyUser).post('/api/v1/meeting-requests', { toOrganisationId: fund.id, area: 'venture_capital', message: 'Shall we meet?' });
    ok(pending, 201);
    const accepted = await as(companyBUser).post('/api/v1/meeting-requests', { toOrganisationId: fund.id, area: 'venture_capital', eventId: event.body.id });
    ok(accepted, 201);
    ok(await as(investor).post(`/api/v1/meeting-requests/${accepted.body.request.id}/accept`), 200);
    const pendingTt = await as(centreUser).post('/api/v1/meeting-requests', { toOrganisationId: company.id, area: 'tech_transfer' });
    ok(pendingTt, 201);

    const run = await as(staff).post('/api/v1/meeting-proposals/runs', {});
    ok(run, 202);
    const [proposal] = await ctx.dataSource.query(
      `INSERT INTO meeting_proposals (run_id, area, company_id, counterpart_id, match_id, technology_offer_id, score, contributions)
       VALUES ($1, 'tech_transfer', $2, $3, $4, $5, 65, '{32.5,19.5,13}') RETURNING id`,
      [run.body.runId, company.id, centre.id, matchIds[`${company.id}|${offer.id}`], offer.id],
    );
    const rescore = await as(staff).post('/api/v1/scoring/rescores', {});
    ok(rescore, 202);

    const realSecret = process.env.JWT_SECRET!;
    const jwt = new JwtService();
    const expired = jwt.sign({ sub: staff.id, role: 'staff', exp: Math.floor(Date.now() / 1000) - 60 }, { secret: realSecret });
    const header = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const algNone = `${header({ alg: 'none', typ: 'JWT' })}.${header({ sub: staff.id, role: 'staff', exp: Math.floor(Date.now() / 1000) + 3600 })}.`;

    return {
      ids: {
        company: [company.id, companyB.id],
        fund: [fund.id],
        centre: [centre.id],
        offer: [offer.id],
        organisation: [company.id, companyB.id, fund.id, centre.id],
        match: Object.values(matchIds),
        request: [pending.body.request.id, accepted.body.request.id, pendingTt.body.request.id],
        proposal: [proposal.id],
        proposalRun: [run.body.runId],
        rescoreRun: [rescore.body.runId],
        event: [event.body.id],
        participant: Object.values(participants),
        eventMeeting: [meeting.body.id],
        slot: slots.map((s) => s.id),
        user: [staff.id, companyUser.id],
      },
      codes,
      auth: {
        'as:staff': `Bearer ${staff.token}`,
        'as:company': `Bearer ${companyUser.token}`,
        'as:companyB': `Bearer ${companyBUser.token}`,
        'as:investor': `Bearer ${investor.token}`,
        'as:centre': `Bearer ${centreUser.token}`,
        'as:outsider': `Bearer ${outsider.token}`,
        none: null,
        'forged-staff': `Bearer ${staffToken(staff)}`,
        'forged-company': `Bearer ${jwt.sign({ sub: companyUser.id, role: 'company', sid: jwt.decode<{ sid: string }>(companyUser.token).sid }, { secret: FORGERY_SECRET, expiresIn: 3600 })}`,
        expired: `Bearer ${expired}`,
        'alg-none': `Bearer ${algNone}`,
        malformed: 'Bearer not.a.jwt',
        'empty-bearer': 'Bearer ',
        basic: 'Basic YWRtaW46YWRtaW4=',
        'token-without-scheme': staff.token,
      },
    };
  }

  async function send(req: FuzzRequest): Promise<Response> {
    let test = ctx.http[req.method](req.url);
    for (const [k, v] of Object.entries(req.headers)) test = test.set(k, v);
    if (req.body === undefined) return test;
    if ('raw' in req.body) return test.set('content-type', req.body.contentType).send(req.body.raw);
    return test.set('content-type', 'application/json').send(JSON.stringify(req.body.json));
  }

  /** The rules a response breaks (none for a good one). */
  function brokenRules(req: FuzzRequest, res: Response): string[] {
    const broken: string[] = [];
    if (res.status >= 500) broken.push(`${res.status} server error`);
    if (res.status >= 400 && res.status < 500) {
      const body = res.body as { statusCode?: unknown; code?: unknown; message?: unknown; errors?: unknown };
      if (!/^application\/json/.test(res.headers['content-type'] ?? '')) broken.push(`4xx without a JSON body (content-type ${res.headers['content-type']})`);
      else {
        if (body.statusCode !== res.status) broken.push('4xx body statusCode differs from the status');
        if (typeof body.code !== 'string' || body.code.length === 0) broken.push('4xx body without a code');
        if (typeof body.message !== 'string' || body.message.trim().length === 0) broken.push('4xx body without a message');
        if (res.status === 400 && body.errors !== undefined) {
          if (!Array.isArray(body.errors)) broken.push('400 errors is not an array');
          else {
            // A field is named by its path; only a key that is itself empty ("": …) has an empty name.
            const emptyKeySent = (req.body !== undefined && 'json' in req.body && JSON.stringify(req.body.json).includes('"":')) || /[?&]=/.test(req.url);
            const named = (e: unknown) => typeof (e as { field?: unknown })?.field === 'string' && ((e as { field: string }).field.length > 0 || emptyKeySent);
            if (!body.errors.every(named)) broken.push('400 error without a field');
          }
        }
      }
    }
    return broken;
  }

  it(`sends at least ${MIN_REQUESTS} generated requests: never a 5xx, every 4xx names the problem, a rejected request changes nothing`, async () => {
    const started = Date.now();
    const world = await buildWorld();
    const doc = (await ctx.http.get('/api/docs-json').expect(200)).body;
    const { operations, skipped } = operationsOf(doc);
    expect(skipped.map((s) => `${s.method.toUpperCase()} ${s.path}`).sort()).toEqual(['POST /api/v1/events/{id}/meetings/import', 'POST /api/v1/imports/{kind}']);
    expect(operations.length).toBeGreaterThan(60);
    // Deletions last, so the world's ids keep resolving for the other routes; the account erasure after them (it
    // erases the world's own accounts); logout at the very end (it ends the world's sessions).
    const destructive = (op: Operation) => (op.path === '/api/v1/auth/logout' ? 3 : op.path === '/api/v1/me/erase' ? 2 : op.method === 'delete' ? 1 : 0);
    const ordered: Array<{ op: Operation; index: number }> = operations.map((op, index) => ({ op, index })).sort((a, b) => destructive(a.op) - destructive(b.op));

    const tables = await stateTables(ctx.dataSource);
    let state = await fingerprint(ctx.dataSource, tables);
    const findings: Finding[] = [];
    const statuses = new Map<string, Map<number, number>>();
    let sent = 0;
    process.stdout.write(`fuzz: seed ${SEED}, ${RUNS_PER_ROUTE} requests per route, ${operations.length} routes (reproduce with FUZZ_SEED=${SEED})\n`);

    for (const { op, index } of ordered) {
      const route = `${op.method.toUpperCase()} ${op.path}`;
      const seen = new Map<number, number>();
      statuses.set(route, seen);
      const result = await fc.check(
        fc.asyncProperty(requestArb(world, op), async (req) => {
          sent++;
          let res: Response;
          try {
            res = await send(req);
          } catch (error) {
            findings.push({ route, rule: `no answer: ${(error as Error).message}`, request: describeRequest(req), status: 0, response: '' });
            state = await fingerprint(ctx.dataSource, tables);
            return true;
          }
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          const record = (rule: string) =>
            findings.push({ route, rule, request: describeRequest(req), status: res.status, response: (res.text ?? '').slice(0, 400) });
          brokenRules(req, res).forEach(record);
          const after = await fingerprint(ctx.dataSource, tables);
          if (res.status >= 400) {
            const changed = changedTables(state, after);
            if (changed.length) record(`rejected request changed ${changed.join(', ')}`);
          }
          state = after;
          return true;
        }),
        { seed: SEED + index, numRuns: RUNS_PER_ROUTE },
      );
      if (result.failed) findings.push({ route, rule: `property error: ${String(result.errorInstance)}`, request: '', status: 0, response: '' });
    }

    const summary = [...statuses].map(([route, seen]) => `${route}: ${[...seen].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    process.stdout.write(`fuzz: ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s\n${summary.join('\n')}\n`);
    if (findings.length) {
      // One line per distinct (route, rule), with the first request that showed it and how often it happened.
      const grouped = new Map<string, { first: Finding; count: number }>();
      for (const f of findings) {
        const key = `${f.route} | ${f.rule}`;
        const g = grouped.get(key);
        if (g) g.count++;
        else grouped.set(key, { first: f, count: 1 });
      }
      process.stdout.write(
        `fuzz: ${findings.length} findings, ${grouped.size} distinct (seed ${SEED})\n` +
          [...grouped].map(([key, { first, count }]) => `- ${key} (${count}×)\n    ${first.request}\n    → ${first.status} ${first.response}`).join('\n') +
          '\n',
      );
    }
    expect(sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(findings.map((f) => `${f.route} | ${f.rule} | ${f.request} → ${f.status} ${f.response}`)).toEqual([]);
  }, 180_000);
});
