import { isDeepStrictEqual } from 'node:util';
import { JwtService } from '@nestjs/jwt';
import ICAL from 'ical.js';
import { parse } from 'csv-parse/sync';
import type { Response } from 'supertest';
import { expectStatus, staffToken } from '../support/authorization-cells';
import { TestContext, type TestUser } from '../support/test-app';
import { eventually, GiveUp, startTestWorker } from '../support/test-worker';
import { createRequest, decide, MALFORMED_ID, UNKNOWN_ID } from '../support/meeting-requests-support';

/**
 * Authorisation matrix of the partnering events and their schedules: every route × every caller × target, one `it`
 * per cell, generated from the tables below.
 *
 * Organisations: companies A, B, C; funds F, G, H. Events (built once, with the worker, which is then stopped):
 *   E  participants A, F, C, H. Meetings: FA (F → A request, accepted), HC (H → C request, accepted), AH (added by
 *      staff). Scheduled by the worker (all three placed) and published: version 1. A and F gave their availability
 *      before publication.
 *   U  participants A, F, C. Meetings UAF, UAC (added by staff). Scheduled (version 1, completed), not published.
 *   X  participant B only; no meeting, no schedule.
 * So A and F take part in E and U; B only in X; G in nothing.
 *
 * Callers (the table columns, in this order):
 *   anonymous        no Authorization header
 *   forged           staff claims signed with another secret
 *   company          role company, member of A (a participant of E and U)
 *   investor         role investor, member of F (a participant of E and U)
 *   staff            hub staff (member of nothing)
 *   *-no-org         a company / investor user who is not a member of any organisation yet
 *   other-*          members of organisations NOT in E: company B (in X), fund G (in nothing)
 *
 * Targets:
 *   event            E; other-event: X; unpublished: U; unknown / malformed: an unknown / a malformed event id.
 *   events           valid: a valid calendar; invalid: no days; stale: PATCH naming an old version.
 *   participants     registered: POST an organisation already in E (else G, in no event).
 *   availability     own-published: its own participant of E (published); own-unpublished: its own participant of
 *                    an unpublished event (A, F: U; B: X); other-participant: another participant of E (A: F's,
 *                    F: A's, everybody else: A's); other-unpublished: the same in U; foreign-participant: B's
 *                    participant (of X) under E; unknown-participant / malformed-participant (of E);
 *                    bad-availability: a slot id that is no UUID.
 *   meetings         bad-body: one participant only; import no-file: a JSON body instead of the CSV.
 *   schedule         bad-version: ?version=abc; bad-query: diff ?from=x; unknown-version: diff to 99;
 *                    scheduled: a meeting of E's schedule (PATCH locks it); foreign-meeting: a meeting of U under E;
 *                    unknown-meeting / malformed-meeting; bad-body: PATCH {}; table: a table of E's schedule with
 *                    meetings; empty-table: table 99; bad-table: table "x".
 *   agendas          own: its own organisation's agenda of E; other-participant: another participant's of E (A: F's,
 *                    F: A's, everybody else: A's); unpublished: an agenda of U (A, F: their own; others: A's);
 *                    non-participant-org: B's agenda of E (B is not in E; for B, its own); unknown: A's agenda of an
 *                    unknown event; malformed / malformed-org: a malformed event / organisation id.
 *
 * Cell values: the expected HTTP status; `__` = no such cell (only members have a participant or agenda of their
 * own). Besides the status every cell checks: the JSON error body ({statusCode, code, message}) of every 4xx, naming
 * the parameter of a 400, and that no error body names an organisation or an event of the world; that a refused call,
 * and every read, changed nothing (every row of events, event_participants, event_meetings and schedule_versions,
 * and the counts of slots, scheduled meetings and seats, meeting requests, audit and outbox rows); that an accepted
 * write changed exactly what it should and nothing else; that a read shows exactly what the caller may see (its
 * organisation's events, meetings and agenda; other participants' availability hidden; staff everything).
 */

// ───────────────────────────────────────────── the expectations ─────────────────────────────────────────────

type Status = 200 | 201 | 202 | 400 | 401 | 403 | 404 | 409;
type Expect = Status | null;
const __ = null;

const CALLERS = ['anonymous', 'forged', 'company', 'investor', 'staff', 'company-no-org', 'investor-no-org', 'other-company', 'other-investor'] as const;
type Caller = (typeof CALLERS)[number];
type Member = 'company' | 'investor' | 'other-company' | 'other-investor';
type Cells = readonly [Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect];

const CREATE_EVENT = 'POST /api/v1/events';
const LIST_EVENTS = 'GET /api/v1/events';
const GET_EVENT = 'GET /api/v1/events/:id';
const PATCH_EVENT = 'PATCH /api/v1/events/:id';
const SLOTS = 'GET /api/v1/events/:id/slots';
const REGISTER = 'POST /api/v1/events/:id/participants';
const PARTICIPANTS = 'GET /api/v1/events/:id/participants';
const AVAILABILITY = 'PATCH /api/v1/events/:id/participants/:participantId';
const ADD_MEETING = 'POST /api/v1/events/:id/meetings';
const MEETINGS = 'GET /api/v1/events/:id/meetings';
const IMPORT = 'POST /api/v1/events/:id/meetings/import';
const RUN = 'POST /api/v1/events/:id/schedule';
const SCHEDULE = 'GET /api/v1/events/:id/schedule';
const VERSIONS = 'GET /api/v1/events/:id/schedule/versions';
const DIFF = 'GET /api/v1/events/:id/schedule/diff';
const ADJUST = 'PATCH /api/v1/events/:id/schedule/meetings/:meetingId';
const CANCEL = 'POST /api/v1/events/:id/schedule/meetings/:meetingId/cancel';
const PUBLISH = 'POST /api/v1/events/:id/schedule/publish';
const SCHEDULE_CSV = 'GET /api/v1/events/:id/schedule.csv';
const TABLES = 'GET /api/v1/events/:id/tables';
const TABLE_CSV = 'GET /api/v1/events/:id/tables/:table.csv';
const AGENDA = 'GET /api/v1/events/:id/agenda/:organisationId';
const AGENDA_ICS = 'GET /api/v1/events/:id/agenda/:organisationId.ics';
const AGENDA_CSV = 'GET /api/v1/events/:id/agenda/:organisationId.csv';

type RouteKey =
  | typeof CREATE_EVENT
  | typeof LIST_EVENTS
  | typeof GET_EVENT
  | typeof PATCH_EVENT
  | typeof SLOTS
  | typeof REGISTER
  | typeof PARTICIPANTS
  | typeof AVAILABILITY
  | typeof ADD_MEETING
  | typeof MEETINGS
  | typeof IMPORT
  | typeof RUN
  | typeof SCHEDULE
  | typeof VERSIONS
  | typeof DIFF
  | typeof ADJUST
  | typeof CANCEL
  | typeof PUBLISH
  | typeof SCHEDULE_CSV
  | typeof TABLES
  | typeof TABLE_CSV
  | typeof AGENDA
  | typeof AGENDA_ICS
  | typeof AGENDA_CSV;

type Target =
  | 'none'
  | 'valid'
  | 'invalid'
  | 'event'
  | 'other-event'
  | 'unpublished'
  | 'unknown'
  | 'malformed'
  | 'stale'
  | 'registered'
  | 'own-published'
  | 'own-unpublished'
  | 'other-participant'
  | 'other-unpublished'
  | 'foreign-participant'
  | 'unknown-participant'
  | 'malformed-participant'
  | 'bad-availability'
  | 'bad-body'
  | 'no-file'
  | 'bad-version'
  | 'bad-query'
  | 'unknown-version'
  | 'scheduled'
  | 'foreign-meeting'
  | 'unknown-meeting'
  | 'malformed-meeting'
  | 'table'
  | 'empty-table'
  | 'bad-table'
  | 'own'
  | 'non-participant-org'
  | 'malformed-org';
type Row = readonly [RouteKey, Target, Cells];

//                                                   ─ no token ─   ── participants ──   staff   ── no organisation ──   ─ not in E ─
//                                                    anon forg      comp  inv            staff   comp  inv              comp  inv
const EVENTS: Row[] = [
  [CREATE_EVENT,  'valid',                           [401, 401,      403,  403,           201,    403,  403,             403,  403]],
  // A staff-only route refuses everybody else before it looks at the body (@Roles('staff')).
  [CREATE_EVENT,  'invalid',                         [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [LIST_EVENTS,   'none',                            [401, 401,      200,  200,           200,    200,  200,             200,  200]],
  [GET_EVENT,     'event',                           [401, 401,      200,  200,           200,    404,  404,             404,  404]],
  [GET_EVENT,     'other-event',                     [401, 401,      404,  404,           200,    404,  404,             200,  404]],
  [GET_EVENT,     'unknown',                         [401, 401,      404,  404,           404,    404,  404,             404,  404]],
  [GET_EVENT,     'malformed',                       [401, 401,      400,  400,           400,    400,  400,             400,  400]],
  [PATCH_EVENT,   'event',                           [401, 401,      403,  403,           200,    403,  403,             403,  403]],
  [PATCH_EVENT,   'stale',                           [401, 401,      403,  403,           409,    403,  403,             403,  403]],
  [PATCH_EVENT,   'unknown',                         [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [PATCH_EVENT,   'malformed',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [SLOTS,         'event',                           [401, 401,      200,  200,           200,    404,  404,             404,  404]],
  [SLOTS,         'other-event',                     [401, 401,      404,  404,           200,    404,  404,             200,  404]],
  [SLOTS,         'unknown',                         [401, 401,      404,  404,           404,    404,  404,             404,  404]],
  [SLOTS,         'malformed',                       [401, 401,      400,  400,           400,    400,  400,             400,  400]],
];

//                                                    anon forg      comp  inv            staff   comp  inv              comp  inv
const PARTICIPATION: Row[] = [
  [REGISTER,      'event',                           [401, 401,      403,  403,           201,    403,  403,             403,  403]],
  [REGISTER,      'registered',                      [401, 401,      403,  403,           409,    403,  403,             403,  403]],
  [REGISTER,      'unknown',                         [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [REGISTER,      'malformed',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [PARTICIPANTS,  'event',                           [401, 401,      200,  200,           200,    404,  404,             404,  404]],
  [PARTICIPANTS,  'other-event',                     [401, 401,      404,  404,           200,    404,  404,             200,  404]],
  [PARTICIPANTS,  'unknown',                         [401, 401,      404,  404,           404,    404,  404,             404,  404]],
  [PARTICIPANTS,  'malformed',                       [401, 401,      400,  400,           400,    400,  400,             400,  400]],
  [AVAILABILITY,  'own-published',                   [__,  __,       409,  409,           __,     __,   __,              __,   __ ]],
  [AVAILABILITY,  'own-unpublished',                 [__,  __,       200,  200,           __,     __,   __,              200,  __ ]],
  [AVAILABILITY,  'other-participant',               [401, 401,      403,  403,           200,    404,  404,             404,  404]],
  [AVAILABILITY,  'other-unpublished',               [401, 401,      403,  403,           200,    404,  404,             404,  404]],
  [AVAILABILITY,  'foreign-participant',             [401, 401,      404,  404,           404,    404,  404,             404,  404]],
  [AVAILABILITY,  'unknown-participant',             [401, 401,      404,  404,           404,    404,  404,             404,  404]],
  [AVAILABILITY,  'unknown',                         [401, 401,      404,  404,           404,    404,  404,             404,  404]],
  [AVAILABILITY,  'malformed',                       [401, 401,      400,  400,           400,    400,  400,             400,  400]],
  [AVAILABILITY,  'malformed-participant',           [401, 401,      400,  400,           400,    400,  400,             400,  400]],
  // Not a staff-only route: its body is validated before the service looks at who calls.
  [AVAILABILITY,  'bad-availability',                [401, 401,      400,  400,           400,    400,  400,             400,  400]],
];

//                                                    anon forg      comp  inv            staff   comp  inv              comp  inv
const MEETING_LIST: Row[] = [
  [ADD_MEETING,   'event',                           [401, 401,      403,  403,           201,    403,  403,             403,  403]],
  [ADD_MEETING,   'bad-body',                        [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [ADD_MEETING,   'unknown',                         [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [ADD_MEETING,   'malformed',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [MEETINGS,      'event',                           [401, 401,      200,  200,           200,    404,  404,             404,  404]],
  [MEETINGS,      'other-event',                     [401, 401,      404,  404,           200,    404,  404,             200,  404]],
  [MEETINGS,      'unknown',                         [401, 401,      404,  404,           404,    404,  404,             404,  404]],
  [MEETINGS,      'malformed',                       [401, 401,      400,  400,           400,    400,  400,             400,  400]],
  [IMPORT,        'event',                           [401, 401,      403,  403,           200,    403,  403,             403,  403]],
  [IMPORT,        'no-file',                         [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [IMPORT,        'unknown',                         [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [IMPORT,        'malformed',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
];

//                                                    anon forg      comp  inv            staff   comp  inv              comp  inv
const SCHEDULING: Row[] = [
  [RUN,           'event',                           [401, 401,      403,  403,           202,    403,  403,             403,  403]],
  [RUN,           'unknown',                         [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [RUN,           'malformed',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [SCHEDULE,      'event',                           [401, 401,      403,  403,           200,    403,  403,             403,  403]],
  [SCHEDULE,      'bad-version',                     [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [SCHEDULE,      'unknown',                         [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [SCHEDULE,      'malformed',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [VERSIONS,      'event',                           [401, 401,      403,  403,           200,    403,  403,             403,  403]],
  [VERSIONS,      'unknown',                         [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [VERSIONS,      'malformed',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [DIFF,          'event',                           [401, 401,      403,  403,           200,    403,  403,             403,  403]],
  [DIFF,          'bad-query',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [DIFF,          'unknown-version',                 [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [DIFF,          'unknown',                         [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [DIFF,          'malformed',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [ADJUST,        'scheduled',                       [401, 401,      403,  403,           200,    403,  403,             403,  403]],
  [ADJUST,        'bad-body',                        [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [ADJUST,        'foreign-meeting',                 [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [ADJUST,        'unknown-meeting',                 [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [ADJUST,        'malformed-meeting',               [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [ADJUST,        'unknown',                         [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [ADJUST,        'malformed',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [CANCEL,        'scheduled',                       [401, 401,      403,  403,           200,    403,  403,             403,  403]],
  [CANCEL,        'foreign-meeting',                 [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [CANCEL,        'unknown-meeting',                 [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [CANCEL,        'malformed-meeting',               [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [CANCEL,        'unknown',                         [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [CANCEL,        'malformed',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [PUBLISH,       'unpublished',                     [401, 401,      403,  403,           200,    403,  403,             403,  403]],
  [PUBLISH,       'unknown',                         [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [PUBLISH,       'malformed',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [SCHEDULE_CSV,  'event',                           [401, 401,      403,  403,           200,    403,  403,             403,  403]],
  [SCHEDULE_CSV,  'unknown',                         [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [SCHEDULE_CSV,  'malformed',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [TABLES,        'event',                           [401, 401,      403,  403,           200,    403,  403,             403,  403]],
  [TABLES,        'unknown',                         [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [TABLES,        'malformed',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [TABLE_CSV,     'table',                           [401, 401,      403,  403,           200,    403,  403,             403,  403]],
  [TABLE_CSV,     'empty-table',                     [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [TABLE_CSV,     'bad-table',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
  [TABLE_CSV,     'unknown',                         [401, 401,      403,  403,           404,    403,  403,             403,  403]],
  [TABLE_CSV,     'malformed',                       [401, 401,      403,  403,           400,    403,  403,             403,  403]],
];

//                                                    anon forg      comp  inv            staff   comp  inv              comp  inv
const agendaRows = (route: RouteKey): Row[] => [
  [route,         'own',                             [__,  __,       200,  200,           __,     __,   __,              __,   __ ]],
  [route,         'other-participant',               [401, 401,      404,  404,           200,    404,  404,             404,  404]],
  // Before publication only staff see an agenda (a preview of the newest completed version).
  [route,         'unpublished',                     [401, 401,      404,  404,           200,    404,  404,             404,  404]],
  [route,         'non-participant-org',             [401, 401,      404,  404,           404,    404,  404,             404,  404]],
  [route,         'unknown',                         [401, 401,      404,  404,           404,    404,  404,             404,  404]],
  [route,         'malformed',                       [401, 401,      400,  400,           400,    400,  400,             400,  400]],
  [route,         'malformed-org',                   [401, 401,      400,  400,           400,    400,  400,             400,  400]],
];
const AGENDAS: Row[] = [...agendaRows(AGENDA), ...agendaRows(AGENDA_ICS), ...agendaRows(AGENDA_CSV)];

const MATRIX: Array<[string, Row[]]> = [
  ['events and their slots', EVENTS],
  ['participants and availability', PARTICIPATION],
  ['meetings to schedule', MEETING_LIST],
  ['the schedule (staff only)', SCHEDULING],
  ['agendas', AGENDAS],
];

// ──────────────────────────────────────────── fixtures and helpers ────────────────────────────────────────────

const ERROR_CODE: Record<400 | 401 | 403 | 404, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
};
/** A 409 says why, per target. */
const CONFLICT_CODE: Partial<Record<Target, string>> = {
  stale: 'VERSION_CONFLICT',
  registered: 'ALREADY_REGISTERED',
  'own-published': 'SCHEDULE_PUBLISHED',
};

type Org = 'A' | 'B' | 'C' | 'F' | 'G' | 'H';
type EventKey = 'E' | 'U' | 'X';

const NAMES: Record<Org, string> = { A: 'Alpha Bio', B: 'Beta Med', C: 'Gamma Dx', F: 'Fondo Uno', G: 'Fondo Due', H: 'Fondo Tre' };
const EVENT_NAMES: Record<EventKey, string> = { E: 'Partnering Day Echo', U: 'Partnering Day Uniform', X: 'Partnering Day Xray' };

/** Each member caller's organisation. */
const OWN: Record<Member, Org> = { company: 'A', investor: 'F', 'other-company': 'B', 'other-investor': 'G' };

/** A morning of six 20-minute slots and an afternoon of three; two tables. */
const CALENDAR = {
  timeZone: 'Europe/Rome',
  slotMinutes: 20,
  days: [{ date: '2027-03-18', windows: [{ start: '09:00', end: '11:00', name: 'Morning' }, { start: '14:00', end: '15:00', name: 'Afternoon' }] }],
  tables: 2,
  maxMeetingsPerParticipant: 4,
  minMeetingsPerParticipant: 0,
};
const SLOTS_PER_EVENT = 9;

interface State {
  events: Array<{ id: string; name: string; version: number; published_version: number | null; published_at: string | null; updated_at: string }>;
  participants: Array<{ id: string; event_id: string; organisation_id: string; available_slot_ids: string[] | null; host: boolean; updated_at: string }>;
  meetings: Array<{ id: string; event_id: string; request_id: string | null; participant_ids: string[]; priority: number; allowed_slot_ids: string[] | null; status: string; source: string }>;
  versions: Array<{ id: string; event_id: string; version: number; based_on: number | null; change: string; status: string; progress: number }>;
  counts: { slots: number; scheduled_meetings: number; scheduled_participants: number; requests: number; audit: number; outbox: number; last_audit: string | null; last_outbox: string | null };
}

interface World {
  users: Record<Exclude<Caller, 'anonymous' | 'forged'>, TestUser>;
  forgedToken: string;
  orgs: Record<Org, string>;
  events: Record<EventKey, string>;
  slots: Record<EventKey, string[]>;
  /** Participant ids per event and organisation. */
  participants: Record<EventKey, Partial<Record<Org, string>>>;
  /** Event meeting ids: E's FA, HC, AH; U's UAF, UAC. */
  meetings: { FA: string; HC: string; AH: string; UAF: string; UAC: string };
  /** A table of E's published schedule with meetings at it. */
  table: number;
  /** Everything the cells may change, as the setup left it. */
  state: State;
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

type Method = 'get' | 'post' | 'patch';

function send(method: Method, url: string, actor: Actor, body?: object, csv?: string) {
  const req = ctx.http[method](url);
  if (actor.auth) req.set('authorization', actor.auth);
  if (csv !== undefined) req.attach('file', Buffer.from(csv), 'meetings.csv');
  else if (body) req.send(body);
  return req;
}

async function readState(): Promise<State> {
  const q = (sql: string) => ctx.dataSource.query(sql);
  const [events, participants, meetings, versions, [counts]] = await Promise.all([
    q(`SELECT id, name, version, published_version, published_at::text, updated_at::text FROM events ORDER BY id`),
    q(`SELECT id, event_id, organisation_id, available_slot_ids, host, updated_at::text FROM event_participants ORDER BY id`),
    q(`SELECT id, event_id, request_id, participant_ids, priority, allowed_slot_ids, status, source FROM event_meetings ORDER BY id`),
    q(`SELECT id, event_id, version, based_on, change, status, progress FROM schedule_versions ORDER BY id`),
    q(`SELECT (SELECT count(*) FROM event_slots)::int AS slots,
              (SELECT count(*) FROM scheduled_meetings)::int AS scheduled_meetings,
              (SELECT count(*) FROM scheduled_participants)::int AS scheduled_participants,
              (SELECT count(*) FROM meeting_requests)::int AS requests,
              (SELECT count(*) FROM audit_events)::int AS audit,
              (SELECT count(*) FROM outbox_events)::int AS outbox,
              (SELECT max(id) FROM audit_events)::text AS last_audit,
              (SELECT max(id) FROM outbox_events)::text AS last_outbox`),
  ]);
  return { events, participants, meetings, versions, counts };
}

/** Back to the world of the header, after a cell that changed it. */
async function resetWorld(): Promise<void> {
  const s = world.state;
  const q = (sql: string, params: unknown[]) => ctx.dataSource.query(sql, params);
  await q(`DELETE FROM events WHERE NOT (id = ANY($1::uuid[]))`, [s.events.map((r) => r.id)]);
  await q(`DELETE FROM event_participants WHERE NOT (id = ANY($1::uuid[]))`, [s.participants.map((r) => r.id)]);
  await q(`DELETE FROM event_meetings WHERE NOT (id = ANY($1::uuid[]))`, [s.meetings.map((r) => r.id)]);
  await q(`DELETE FROM schedule_versions WHERE NOT (id = ANY($1::uuid[]))`, [s.versions.map((r) => r.id)]);
  await q(`DELETE FROM audit_events WHERE id > $1::bigint`, [s.counts.last_audit ?? '0']);
  await q(`DELETE FROM outbox_events WHERE id > $1::bigint`, [s.counts.last_outbox ?? '0']);
  for (const e of s.events) {
    await q(`UPDATE events SET name = $2, version = $3, published_version = $4, published_at = $5::timestamptz, updated_at = $6::timestamptz WHERE id = $1`, [
      e.id,
      e.name,
      e.version,
      e.published_version,
      e.published_at,
      e.updated_at,
    ]);
  }
  for (const p of s.participants) {
    await q(`UPDATE event_participants SET available_slot_ids = $2::uuid[], host = $3, updated_at = $4::timestamptz WHERE id = $1`, [p.id, p.available_slot_ids, p.host, p.updated_at]);
  }
  for (const m of s.meetings) await q(`UPDATE event_meetings SET status = $2 WHERE id = $1`, [m.id, m.status]);
}

/** The state without some of its parts (to compare what a write must not have touched). */
function except(state: State, ...parts: Array<keyof State>): Partial<State> {
  const copy: Partial<State> = { ...state };
  for (const part of parts) delete copy[part];
  return copy;
}

/** No error body names an organisation or an event of the world. */
function expectNoNames(res: Response): void {
  const text = JSON.stringify(res.body ?? null) + (res.text ?? '');
  for (const name of [...Object.values(NAMES), ...Object.values(EVENT_NAMES)]) expect(text).not.toContain(name);
}

/** Scheduled meetings of a version of an event, optionally only an organisation's. */
async function scheduledMeetingIds(event: EventKey, version: number, org?: Org): Promise<string[]> {
  const rows: Array<{ id: string }> = await ctx.dataSource.query(
    `SELECT sm.meeting_id AS id FROM scheduled_meetings sm
       JOIN schedule_versions v ON v.id = sm.version_id
       JOIN event_meetings m ON m.id = sm.meeting_id
      WHERE v.event_id = $1 AND v.version = $2
        AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM event_participants p WHERE p.id = ANY(m.participant_ids) AND p.organisation_id = $3))
      ORDER BY 1`,
    [world.events[event], version, org ? world.orgs[org] : null],
  );
  return rows.map((r) => r.id);
}

const sorted = (ids: string[]) => [...ids].sort();

// ───────────────────────────────────────────── the cell runners ─────────────────────────────────────────────

interface Cell {
  route: RouteKey;
  target: Target;
  caller: Caller;
  expected: Status;
}

/** What a cell sends, and what it is about. */
interface Plan {
  method: Method;
  url: string;
  body?: object;
  csv?: string;
  /** The parameter a 400 must name. */
  field?: string;
  event: EventKey | null;
  /** The participant, meeting or organisation aimed at, when there is one. */
  participant?: string;
  meeting?: string;
  org?: Org;
  availability?: string[];
}

/** The event a target is about: E unless it says otherwise. */
function eventOf(target: Target): { key: EventKey | null; id: string } {
  if (target === 'unknown') return { key: null, id: UNKNOWN_ID };
  if (target === 'malformed') return { key: null, id: MALFORMED_ID };
  const key: EventKey = target === 'other-event' ? 'X' : target === 'unpublished' || target === 'other-unpublished' ? 'U' : 'E';
  return { key, id: world.events[key] };
}

function idField(target: Target): string | undefined {
  return target === 'malformed' ? 'id' : undefined;
}

function plan(cell: Cell): Plan {
  const { route, target, caller } = cell;
  const { key, id } = eventOf(target);
  const base = `/api/v1/events/${id}`;
  const field = idField(target);
  const ownOrg = isMember(caller) ? OWN[caller] : null;
  switch (route) {
    case CREATE_EVENT:
      return { method: 'post', url: '/api/v1/events', body: target === 'invalid' ? { ...CALENDAR, name: 'Invalid event', days: [] } : { ...CALENDAR, name: 'New event' }, field: 'days', event: null };
    case LIST_EVENTS:
      return { method: 'get', url: '/api/v1/events?limit=100', event: null };
    case GET_EVENT:
      return { method: 'get', url: base, field, event: key };
    case PATCH_EVENT: {
      const version = world.state.events.find((e) => e.id === world.events.E)!.version;
      return { method: 'patch', url: base, body: { version: target === 'stale' ? version + 5 : version, name: 'Renamed by the cell' }, field, event: key };
    }
    case SLOTS:
      return { method: 'get', url: `${base}/slots`, field, event: key };
    case REGISTER:
      return { method: 'post', url: `${base}/participants`, body: { organisationId: world.orgs[target === 'registered' ? 'A' : 'G'] }, field, event: key, org: target === 'registered' ? 'A' : 'G' };
    case PARTICIPANTS:
      return { method: 'get', url: `${base}/participants`, field, event: key };
    case AVAILABILITY: {
      // Whose participant: the caller's own, another one of the event, B's (of X), an unknown or a malformed id.
      let pEvent: EventKey = 'E';
      let participant: string;
      if (target === 'own-published') participant = world.participants.E[ownOrg!]!;
      else if (target === 'own-unpublished') {
        pEvent = ownOrg === 'B' ? 'X' : 'U';
        participant = world.participants[pEvent][ownOrg!]!;
      } else if (target === 'other-participant' || target === 'other-unpublished') {
        pEvent = target === 'other-participant' ? 'E' : 'U';
        participant = world.participants[pEvent][caller === 'company' ? 'F' : 'A']!;
      } else if (target === 'foreign-participant') participant = world.participants.X.B!;
      else if (target === 'unknown-participant') participant = UNKNOWN_ID;
      else if (target === 'malformed-participant') participant = MALFORMED_ID;
      else participant = world.participants.E.A!;
      const slots = world.slots[pEvent].slice(0, 3);
      const availability = target === 'bad-availability' ? ['nope'] : slots;
      const eventId = target === 'unknown' || target === 'malformed' ? id : world.events[pEvent];
      return {
        method: 'patch',
        url: `/api/v1/events/${eventId}/participants/${participant}`,
        body: { availability },
        field: target === 'malformed' ? 'id' : target === 'malformed-participant' ? 'participantId' : target === 'bad-availability' ? 'availability' : undefined,
        event: target === 'unknown' || target === 'malformed' ? null : pEvent,
        participant,
        availability,
      };
    }
    case ADD_MEETING: {
      const ids = target === 'bad-body' ? [world.participants.E.C!] : [world.participants.E.C!, world.participants.E.H!];
      return { method: 'post', url: `${base}/meetings`, body: { participantIds: ids, priority: 30 }, field: target === 'bad-body' ? 'participantIds' : field, event: key };
    }
    case MEETINGS:
      return { method: 'get', url: `${base}/meetings`, field, event: key };
    case IMPORT:
      if (target === 'no-file') return { method: 'post', url: `${base}/meetings/import`, body: { participantA: world.orgs.C }, field: 'file', event: key };
      return { method: 'post', url: `${base}/meetings/import`, csv: `participantA,participantB,priority\n${world.orgs.C},${world.orgs.H},40\n`, field, event: key };
    case RUN:
      return { method: 'post', url: `${base}/schedule`, field, event: key };
    case SCHEDULE:
      return { method: 'get', url: `${base}/schedule${target === 'bad-version' ? '?version=abc' : ''}`, field: target === 'bad-version' ? 'version' : field, event: key };
    case VERSIONS:
      return { method: 'get', url: `${base}/schedule/versions`, field, event: key };
    case DIFF: {
      const query = target === 'bad-query' ? 'from=x&to=1' : target === 'unknown-version' ? 'from=1&to=99' : 'from=1&to=1';
      return { method: 'get', url: `${base}/schedule/diff?${query}`, field: target === 'bad-query' ? 'from' : field, event: key };
    }
    case ADJUST:
    case CANCEL: {
      const meeting =
        target === 'foreign-meeting'
          ? world.meetings.UAF
          : target === 'unknown-meeting'
            ? UNKNOWN_ID
            : target === 'malformed-meeting'
              ? MALFORMED_ID
              : route === ADJUST
                ? world.meetings.FA
                : world.meetings.AH;
      const url = route === ADJUST ? `${base}/schedule/meetings/${meeting}` : `${base}/schedule/meetings/${meeting}/cancel`;
      const f = target === 'malformed-meeting' ? 'meetingId' : target === 'bad-body' ? 'slotId' : field;
      return { method: route === ADJUST ? 'patch' : 'post', url, body: route === ADJUST ? (target === 'bad-body' ? {} : { locked: true }) : undefined, field: f, event: key, meeting };
    }
    case PUBLISH:
      return { method: 'post', url: `${base}/schedule/publish`, field, event: key };
    case SCHEDULE_CSV:
      return { method: 'get', url: `${base}/schedule.csv`, field, event: key };
    case TABLES:
      return { method: 'get', url: `${base}/tables`, field, event: key };
    case TABLE_CSV: {
      const table = target === 'empty-table' ? '99' : target === 'bad-table' ? 'x' : String(world.table);
      return { method: 'get', url: `${base}/tables/${table}.csv`, field: target === 'bad-table' ? 'table' : field, event: key };
    }
    case AGENDA:
    case AGENDA_ICS:
    case AGENDA_CSV: {
      // Whose agenda: its own (own, and a member's of U), another participant's of E (A's, or F's for A), B's.
      let org: Org = 'A';
      if (target === 'own' || (target === 'unpublished' && (caller === 'company' || caller === 'investor'))) org = ownOrg!;
      else if (target === 'other-participant') org = caller === 'company' ? 'F' : 'A';
      else if (target === 'non-participant-org') org = 'B';
      const orgId = target === 'malformed-org' ? MALFORMED_ID : world.orgs[org];
      const suffix = route === AGENDA_ICS ? '.ics' : route === AGENDA_CSV ? '.csv' : '';
      return { method: 'get', url: `${base}/agenda/${orgId}${suffix}`, field: target === 'malformed-org' ? 'organisationId' : field, event: key, org };
    }
  }
}

async function runCell(cell: Cell): Promise<void> {
  let before = await readState();
  if (!isDeepStrictEqual(before, world.state)) {
    await resetWorld();
    before = await readState();
  }
  expect(before).toEqual(world.state);

  const p = plan(cell);
  const res = await send(p.method, p.url, actorFor(cell.caller), p.body, p.csv);
  const code = cell.expected === 409 ? CONFLICT_CODE[cell.target] : cell.expected >= 400 ? ERROR_CODE[cell.expected as 400 | 401 | 403 | 404] : undefined;
  if (cell.expected === 409 && !code) throw new Error(`matrix error: no conflict code for ${cell.target}`);
  expectStatus(res, cell.expected, code, p.field);
  const after = await readState();

  if (cell.expected >= 400) {
    // Refused: nothing changed, and the answer names nothing of the world.
    expect(after).toEqual(before);
    expectNoNames(res);
    if (cell.expected === 400 && !p.field) throw new Error(`matrix error: a 400 cell without a field: ${cell.route} ${cell.target}`);
    return;
  }
  if (p.method === 'get') {
    // Reads change nothing.
    expect(after).toEqual(before);
    await checkRead(cell, p, res);
  } else {
    await checkWrite(cell, p, res, before, after);
  }
}

// ─── accepted writes: exactly their change ───

async function checkWrite(cell: Cell, p: Plan, res: Response, before: State, after: State): Promise<void> {
  const E = world.events.E;
  const staffId = world.users.staff.id;
  const newRows = <T extends { id: string }>(a: T[], b: T[]) => a.filter((r) => !b.some((o) => o.id === r.id));
  switch (cell.route) {
    case CREATE_EVENT: {
      expect(res.body).toMatchObject({ id: expect.any(String), name: 'New event', version: 1, publishedVersion: null, counts: { slots: SLOTS_PER_EVENT, participants: 0, meetings: 0 } });
      expect(except(after, 'events', 'counts')).toEqual(except(before, 'events', 'counts'));
      expect(newRows(after.events, before.events)).toEqual([expect.objectContaining({ id: res.body.id, name: 'New event', version: 1, published_version: null })]);
      expect(after.events.filter((e) => e.id !== res.body.id)).toEqual(before.events);
      expect(after.counts).toEqual({ ...before.counts, slots: before.counts.slots + SLOTS_PER_EVENT });
      return;
    }
    case PATCH_EVENT: {
      const old = before.events.find((e) => e.id === E)!;
      expect(res.body).toMatchObject({ id: E, name: 'Renamed by the cell', version: old.version + 1, publishedVersion: old.published_version, counts: { slots: SLOTS_PER_EVENT } });
      expect(except(after, 'events')).toEqual(except(before, 'events'));
      expect(after.events.filter((e) => e.id !== E)).toEqual(before.events.filter((e) => e.id !== E));
      expect(after.events.find((e) => e.id === E)).toEqual({ ...old, name: 'Renamed by the cell', version: old.version + 1, updated_at: expect.any(String) });
      return;
    }
    case REGISTER: {
      expect(res.body).toMatchObject({ eventId: E, organisation: { id: world.orgs.G, type: 'fund', name: NAMES.G }, availability: null, host: true });
      expect(except(after, 'participants')).toEqual(except(before, 'participants'));
      expect(newRows(after.participants, before.participants)).toEqual([expect.objectContaining({ id: res.body.id, event_id: E, organisation_id: world.orgs.G, available_slot_ids: null })]);
      expect(after.participants.filter((r) => r.id !== res.body.id)).toEqual(before.participants);
      return;
    }
    case AVAILABILITY: {
      const row = before.participants.find((r) => r.id === p.participant)!;
      expect(res.body).toMatchObject({ id: p.participant, eventId: row.event_id, organisation: { id: row.organisation_id }, availability: p.availability });
      // The member's own participant, or staff's pick.
      if (isMember(cell.caller)) expect(row.organisation_id).toBe(world.orgs[OWN[cell.caller]]);
      expect(except(after, 'participants')).toEqual(except(before, 'participants'));
      expect(after.participants.filter((r) => r.id !== p.participant)).toEqual(before.participants.filter((r) => r.id !== p.participant));
      expect(after.participants.find((r) => r.id === p.participant)).toEqual({ ...row, available_slot_ids: p.availability, updated_at: expect.any(String) });
      return;
    }
    case ADD_MEETING:
    case IMPORT: {
      const source = cell.route === IMPORT ? 'import' : 'staff';
      if (cell.route === IMPORT) expect(res.body).toEqual({ created: 1, failed: [] });
      else expect(res.body).toMatchObject({ eventId: E, participantIds: [world.participants.E.C, world.participants.E.H], priority: 30, source, status: 'active', requestId: null });
      expect(except(after, 'meetings')).toEqual(except(before, 'meetings'));
      const added = newRows(after.meetings, before.meetings);
      expect(added).toEqual([
        expect.objectContaining({ event_id: E, request_id: null, participant_ids: [world.participants.E.C, world.participants.E.H], priority: cell.route === IMPORT ? 40 : 30, status: 'active', source }),
      ]);
      if (cell.route === ADD_MEETING) expect(added[0].id).toBe(res.body.id);
      expect(after.meetings.filter((m) => m.id !== added[0].id)).toEqual(before.meetings);
      return;
    }
    case RUN: {
      const latest = Math.max(...before.versions.filter((v) => v.event_id === E).map((v) => v.version));
      expect(res.body).toEqual({ eventId: E, version: latest + 1, status: 'running', jobId: expect.any(String) });
      expect(except(after, 'versions', 'counts')).toEqual(except(before, 'versions', 'counts'));
      expect(newRows(after.versions, before.versions)).toEqual([{ id: res.body.jobId, event_id: E, version: latest + 1, based_on: latest, change: 'run', status: 'running', progress: 0 }]);
      expect(after.counts).toMatchObject({ ...before.counts, audit: before.counts.audit + 1, outbox: before.counts.outbox + 1, last_audit: expect.any(String), last_outbox: expect.any(String) });
      const [audit] = await ctx.dataSource.query(`SELECT actor_user_id, action, subject_id FROM audit_events WHERE id = $1::bigint`, [after.counts.last_audit]);
      expect(audit).toEqual({ actor_user_id: staffId, action: 'schedule.run', subject_id: E });
      const [outbox] = await ctx.dataSource.query(`SELECT topic, aggregate_id FROM outbox_events WHERE id = $1::bigint`, [after.counts.last_outbox]);
      expect(outbox).toEqual({ topic: 'schedule.requested', aggregate_id: res.body.jobId });
      return;
    }
    case ADJUST:
    case CANCEL: {
      const latest = Math.max(...before.versions.filter((v) => v.event_id === E && v.status === 'completed').map((v) => v.version));
      const placed = await scheduledMeetingIds('E', latest);
      expect(placed).toContain(p.meeting);
      const change = cell.route === ADJUST ? 'lock' : 'cancel';
      expect(res.body).toMatchObject({ eventId: E, version: latest + 1, change, basedOn: latest, status: 'completed' });
      const ids = (res.body.meetings as Array<{ id: string; locked: boolean }>).map((m) => m.id);
      if (cell.route === ADJUST) {
        expect(sorted(ids)).toEqual(placed);
        expect(res.body.meetings.find((m: { id: string }) => m.id === p.meeting).locked).toBe(true);
      } else {
        expect(sorted(ids)).toEqual(placed.filter((id) => id !== p.meeting));
      }
      const n = cell.route === ADJUST ? placed.length : placed.length - 1;
      expect(except(after, 'versions', 'counts', 'meetings')).toEqual(except(before, 'versions', 'counts', 'meetings'));
      expect(newRows(after.versions, before.versions)).toEqual([expect.objectContaining({ event_id: E, version: latest + 1, based_on: latest, change, status: 'completed' })]);
      expect(after.counts).toMatchObject({
        ...before.counts,
        scheduled_meetings: before.counts.scheduled_meetings + n,
        scheduled_participants: before.counts.scheduled_participants + 2 * n,
        audit: before.counts.audit + 1,
        last_audit: expect.any(String),
      });
      const [audit] = await ctx.dataSource.query(`SELECT actor_user_id, action, subject_id FROM audit_events WHERE id = $1::bigint`, [after.counts.last_audit]);
      expect(audit).toEqual({ actor_user_id: staffId, action: `schedule.${change}`, subject_id: E });
      const cancelled = before.meetings.map((m) => (cell.route === CANCEL && m.id === p.meeting ? { ...m, status: 'cancelled' } : m));
      expect(after.meetings).toEqual(cancelled);
      return;
    }
    case PUBLISH: {
      const U = world.events.U;
      const latest = Math.max(...before.versions.filter((v) => v.event_id === U && v.status === 'completed').map((v) => v.version));
      expect(res.body).toMatchObject({ eventId: U, version: latest, published: true, status: 'completed' });
      expect(sorted(res.body.meetings.map((m: { id: string }) => m.id))).toEqual(await scheduledMeetingIds('U', latest));
      expect(except(after, 'events', 'counts')).toEqual(except(before, 'events', 'counts'));
      const old = before.events.find((e) => e.id === U)!;
      expect(old.published_version).toBeNull();
      expect(after.events.find((e) => e.id === U)).toEqual({ ...old, published_version: latest, published_at: expect.any(String), updated_at: expect.any(String) });
      expect(after.events.filter((e) => e.id !== U)).toEqual(before.events.filter((e) => e.id !== U));
      expect(after.counts).toMatchObject({ ...before.counts, audit: before.counts.audit + 1, outbox: before.counts.outbox + 1, last_audit: expect.any(String), last_outbox: expect.any(String) });
      const [outbox] = await ctx.dataSource.query(`SELECT topic, aggregate_id FROM outbox_events WHERE id = $1::bigint`, [after.counts.last_outbox]);
      expect(outbox).toEqual({ topic: 'schedule.published', aggregate_id: U });
      return;
    }
    default:
      throw new Error(`matrix error: no write check for ${cell.route}`);
  }
}

// ─── accepted reads: exactly what the caller may see ───

/** The events each caller's organisation takes part in (staff: all). */
function visibleEvents(caller: Caller): EventKey[] {
  if (caller === 'staff') return ['E', 'U', 'X'];
  if (caller === 'company' || caller === 'investor') return ['E', 'U'];
  if (caller === 'other-company') return ['X'];
  return [];
}

async function checkRead(cell: Cell, p: Plan, res: Response): Promise<void> {
  const { caller, route } = cell;
  const state = world.state;
  const ownOrgId = isMember(caller) ? world.orgs[OWN[caller]] : null;
  const eventId = p.event ? world.events[p.event] : null;
  switch (route) {
    case LIST_EVENTS: {
      const expected = visibleEvents(caller).map((k) => world.events[k]);
      expect(sorted(res.body.items.map((e: { id: string }) => e.id))).toEqual(sorted(expected));
      expect(res.body.total).toBe(expected.length);
      return;
    }
    case GET_EVENT: {
      const participants = state.participants.filter((r) => r.event_id === eventId).length;
      expect(res.body).toMatchObject({ id: eventId, name: EVENT_NAMES[p.event!], counts: { slots: SLOTS_PER_EVENT, participants } });
      return;
    }
    case SLOTS:
      expect(res.body.map((s: { id: string }) => s.id)).toEqual(world.slots[p.event!]);
      return;
    case PARTICIPANTS: {
      const rows = state.participants.filter((r) => r.event_id === eventId);
      expect(sorted(res.body.map((v: { id: string }) => v.id))).toEqual(sorted(rows.map((r) => r.id)));
      for (const row of rows) {
        const view = res.body.find((v: { id: string }) => v.id === row.id);
        expect(view.organisation.id).toBe(row.organisation_id);
        // Others see who takes part, not when they are free.
        const seen = caller === 'staff' || row.organisation_id === ownOrgId ? row.available_slot_ids : null;
        expect({ participant: row.id, availability: view.availability }).toEqual({ participant: row.id, availability: seen });
      }
      // The world has availabilities to hide: A's and F's in E.
      if (p.event === 'E') expect(rows.filter((r) => r.available_slot_ids !== null).length).toBeGreaterThanOrEqual(2);
      return;
    }
    case MEETINGS: {
      const ofEvent = state.meetings.filter((m) => m.event_id === eventId);
      const mine = (m: State['meetings'][number]) =>
        caller === 'staff' || m.participant_ids.some((pid) => state.participants.find((r) => r.id === pid)?.organisation_id === ownOrgId);
      const expected = ofEvent.filter(mine).map((m) => m.id);
      expect(sorted(res.body.items.map((m: { id: string }) => m.id))).toEqual(sorted(expected));
      expect(res.body.total).toBe(expected.length);
      if (caller === 'staff' && p.event === 'E') expect(expected).toHaveLength(3);
      if (caller === 'company' && p.event === 'E') expect(sorted(expected)).toEqual(sorted([world.meetings.FA, world.meetings.AH]));
      if (caller === 'investor' && p.event === 'E') expect(expected).toEqual([world.meetings.FA]);
      return;
    }
    case SCHEDULE: {
      const placed = await scheduledMeetingIds('E', 1);
      expect(res.body).toMatchObject({ eventId: eventId, version: 1, status: 'completed', published: true, unscheduled: [] });
      expect(sorted(res.body.meetings.map((m: { id: string }) => m.id))).toEqual(placed);
      expect(placed).toHaveLength(3);
      return;
    }
    case VERSIONS:
      expect(res.body).toEqual([expect.objectContaining({ eventId, version: 1, change: 'run', status: 'completed', published: true })]);
      return;
    case DIFF:
      expect(res.body).toEqual({ eventId, from: 1, to: 1, added: [], removed: [], moved: [], locked: [], unlocked: [] });
      return;
    case SCHEDULE_CSV: {
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const rows = parse(res.text, { bom: true, columns: true }) as Array<Record<string, string>>;
      expect(sorted(rows.map((r) => r.meeting_id))).toEqual(await scheduledMeetingIds('E', 1));
      return;
    }
    case TABLES: {
      const sheets = res.body as Array<{ table: number; slots: unknown[] }>;
      expect(sheets.reduce((n, s) => n + s.slots.length, 0)).toBe(3);
      return;
    }
    case TABLE_CSV: {
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const [{ n }] = await ctx.dataSource.query(
        `SELECT count(*)::int AS n FROM scheduled_meetings sm JOIN schedule_versions v ON v.id = sm.version_id WHERE v.event_id = $1 AND v.version = 1 AND sm.table_no = $2`,
        [world.events.E, world.table],
      );
      expect(n).toBeGreaterThan(0);
      expect(parse(res.text, { columns: true })).toHaveLength(n);
      return;
    }
    case AGENDA:
    case AGENDA_ICS:
    case AGENDA_CSV: {
      // Participants read the published version; staff the newest completed one (U: version 1, unpublished).
      const expected = await scheduledMeetingIds(p.event!, 1, p.org);
      expect(expected.length).toBeGreaterThan(0);
      if (route === AGENDA) {
        expect(res.body).toMatchObject({ eventId, organisationId: world.orgs[p.org!], version: 1, published: p.event === 'E' });
        expect(sorted(res.body.meetings.map((m: { id: string }) => m.id))).toEqual(expected);
        for (const m of res.body.meetings as Array<{ participants: Array<{ organisationId: string }> }>) {
          expect(m.participants.map((x) => x.organisationId)).toContain(world.orgs[p.org!]);
        }
      } else if (route === AGENDA_ICS) {
        expect(res.headers['content-type']).toMatch(/^text\/calendar/);
        const calendar = new ICAL.Component(ICAL.parse(res.text));
        const uids = calendar.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('uid')));
        expect(sorted(uids)).toEqual(expected.map((id) => `${id}@hubmatch`));
      } else {
        expect(res.headers['content-type']).toMatch(/^text\/csv/);
        const rows = parse(res.text, { bom: true, columns: true }) as Array<Record<string, string>>;
        expect(sorted(rows.map((r) => r.meeting_id))).toEqual(expected);
      }
      return;
    }
    default:
      throw new Error(`matrix error: no read check for ${route}`);
  }
}

// ──────────────────────────────────────────── naming and generation ────────────────────────────────────────────

const CALLER_LABEL: Record<Caller, string> = {
  anonymous: 'anonymous',
  forged: 'forged token',
  company: 'company (A, participant)',
  investor: 'investor (F, participant)',
  staff: 'staff',
  'company-no-org': 'company without organisation',
  'investor-no-org': 'investor without organisation',
  'other-company': 'member of company B (not in E)',
  'other-investor': 'member of fund G (in no event)',
};

const TARGET_LABEL: Record<Target, string> = {
  none: '',
  valid: 'a valid calendar',
  invalid: 'an event without days',
  event: 'event E',
  'other-event': 'event X (B only)',
  unpublished: 'unpublished event U',
  unknown: 'an unknown event',
  malformed: 'a malformed event id',
  stale: 'a stale version',
  registered: 'an organisation already registered',
  'own-published': 'its own participant, schedule published',
  'own-unpublished': 'its own participant, unpublished event',
  'other-participant': 'another participant of E',
  'other-unpublished': 'another participant of unpublished U',
  'foreign-participant': "another event's participant",
  'unknown-participant': 'an unknown participant',
  'malformed-participant': 'a malformed participant id',
  'bad-availability': 'an availability that is no slot id',
  'bad-body': 'an invalid body',
  'no-file': 'no CSV file',
  'bad-version': 'version=abc',
  'bad-query': 'from=x',
  'unknown-version': 'an unknown version',
  scheduled: 'a scheduled meeting of E',
  'foreign-meeting': "another event's meeting",
  'unknown-meeting': 'an unknown meeting',
  'malformed-meeting': 'a malformed meeting id',
  table: 'a table with meetings',
  'empty-table': 'a table without meetings',
  'bad-table': 'a table that is no number',
  own: 'its own agenda of E',
  'non-participant-org': 'the agenda of B (not in E)',
  'malformed-org': 'a malformed organisation id',
};

const agendaLabel = (target: Target, caller: Caller): string =>
  target === 'other-participant'
    ? `the agenda of ${caller === 'company' ? 'F' : 'A'} (another participant of E)`
    : target === 'unpublished'
      ? `${caller === 'company' || caller === 'investor' ? 'its own agenda' : "A's agenda"} of unpublished U`
      : target === 'unknown'
        ? "A's agenda of an unknown event"
        : TARGET_LABEL[target];

function cellsOf(rows: Row[]): Array<[string, Cell]> {
  const cells: Array<[string, Cell]> = [];
  for (const [route, target, expectations] of rows) {
    expectations.forEach((expected, column) => {
      if (expected === null) return;
      const caller = CALLERS[column];
      // Only members have a participant or an agenda of their own: a table typo would test something else.
      if ((target === 'own' || target === 'own-published') && caller !== 'company' && caller !== 'investor') throw new Error(`matrix error: "${route}" ${target} under caller ${caller}`);
      if (target === 'own-unpublished' && caller !== 'company' && caller !== 'investor' && caller !== 'other-company') throw new Error(`matrix error: "${route}" ${target} under caller ${caller}`);
      const what = route === AGENDA || route === AGENDA_ICS || route === AGENDA_CSV ? agendaLabel(target, caller) : TARGET_LABEL[target];
      cells.push([`${route} as ${CALLER_LABEL[caller]}${what ? ` on ${what}` : ''} → ${expected}`, { route, target, caller, expected }]);
    });
  }
  return cells;
}

// ──────────────────────────────────────────────────── tests ────────────────────────────────────────────────────

describe('events, participants, meetings, schedule and agenda authorisation matrix', () => {
  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.truncate();
    const users = {
      company: await ctx.newUser('company'),
      investor: await ctx.newUser('investor'),
      staff: await ctx.newUser('staff'),
      'company-no-org': await ctx.newUser('company'),
      'investor-no-org': await ctx.newUser('investor'),
      'other-company': await ctx.newUser('company'),
      'other-investor': await ctx.newUser('investor'),
    };
    const cMember = await ctx.newUser('company');
    const hMember = await ctx.newUser('investor');
    const orgs: Record<Org, string> = {
      A: (await ctx.newCompany(users.company, { name: NAMES.A })).id,
      B: (await ctx.newCompany(users['other-company'], { name: NAMES.B })).id,
      C: (await ctx.newCompany(cMember, { name: NAMES.C })).id,
      F: (await ctx.newFund(users.investor, { name: NAMES.F })).id,
      G: (await ctx.newFund(users['other-investor'], { name: NAMES.G })).id,
      H: (await ctx.newFund(hMember, { name: NAMES.H })).id,
    };
    const memberOf: Record<Org, TestUser> = { A: users.company, B: users['other-company'], C: cMember, F: users.investor, G: users['other-investor'], H: hMember };

    const call = async (user: TestUser, method: Method, path: string, body: object | undefined, status: number) => {
      const req = ctx.http[method](path).set('authorization', `Bearer ${user.token}`);
      const res = await (body ? req.send(body) : req);
      if (res.status !== status) throw new Error(`fixture error: ${method.toUpperCase()} ${path} answered ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const staff = users.staff;
    const events = {} as Record<EventKey, string>;
    const slots = {} as Record<EventKey, string[]>;
    for (const key of ['E', 'U', 'X'] as EventKey[]) {
      events[key] = (await call(staff, 'post', '/api/v1/events', { ...CALENDAR, name: EVENT_NAMES[key] }, 201)).id;
      slots[key] = (await call(staff, 'get', `/api/v1/events/${events[key]}/slots`, undefined, 200)).map((s: { id: string }) => s.id);
    }
    const participants: World['participants'] = { E: {}, U: {}, X: {} };
    const register = async (key: EventKey, org: Org) => {
      participants[key][org] = (await call(staff, 'post', `/api/v1/events/${events[key]}/participants`, { organisationId: orgs[org] }, 201)).id;
    };
    for (const org of ['A', 'F', 'C', 'H'] as Org[]) await register('E', org);
    for (const org of ['A', 'F', 'C'] as Org[]) await register('U', org);
    await register('X', 'B');

    // A and F say when they are free in E (before publication, as members may); others see none of it.
    await call(users.company, 'patch', `/api/v1/events/${events.E}/participants/${participants.E.A}`, { availability: slots.E.slice(0, 8) }, 200);
    await call(users.investor, 'patch', `/api/v1/events/${events.E}/participants/${participants.E.F}`, { availability: slots.E.slice(1) }, 200);

    // E: two accepted requests for the event and one staff meeting; U: two staff meetings.
    const acceptedRequest = async (from: Org, to: Org) => {
      const res = await createRequest(() => ctx.http, memberOf[from], { toOrganisationId: orgs[to], area: 'venture_capital', eventId: events.E });
      if (res.status !== 201) throw new Error(`fixture error: request ${from} → ${to}: ${res.status} ${JSON.stringify(res.body)}`);
      const accepted = await decide(() => ctx.http, memberOf[to], res.body.request.id, 'accept');
      if (accepted.status !== 200) throw new Error(`fixture error: accepting ${from} → ${to}: ${accepted.status} ${JSON.stringify(accepted.body)}`);
      return res.body.request.id as string;
    };
    const requestFA = await acceptedRequest('F', 'A');
    const requestHC = await acceptedRequest('H', 'C');
    const addMeeting = async (key: EventKey, a: Org, b: Org) =>
      (await call(staff, 'post', `/api/v1/events/${events[key]}/meetings`, { participantIds: [participants[key][a], participants[key][b]] }, 201)).id as string;
    const AH = await addMeeting('E', 'A', 'H');
    const UAF = await addMeeting('U', 'A', 'F');
    const UAC = await addMeeting('U', 'A', 'C');

    const worker = await startTestWorker();
    try {
      for (const key of ['E', 'U'] as EventKey[]) {
        const run = await call(staff, 'post', `/api/v1/events/${events[key]}/schedule`, undefined, 202);
        await eventually(async () => {
          const res = await ctx.http.get(`/api/v1/events/${events[key]}/schedule`).set('authorization', `Bearer ${staff.token}`).expect(200);
          if (res.body.status === 'failed') throw new GiveUp(`scheduler failed: ${res.body.failedReason}`);
          expect(res.body).toMatchObject({ version: run.version, status: 'completed', progress: 1 });
        }, 20_000);
      }
    } finally {
      // The cells see a fixed world: no worker runs a requested schedule (or anything else) while they run.
      await worker.close();
    }
    await call(staff, 'post', `/api/v1/events/${events.E}/schedule/publish`, undefined, 200);

    const [{ FA }] = await ctx.dataSource.query(`SELECT id AS "FA" FROM event_meetings WHERE request_id = $1`, [requestFA]);
    const [{ HC }] = await ctx.dataSource.query(`SELECT id AS "HC" FROM event_meetings WHERE request_id = $1`, [requestHC]);
    const sheets = (await call(staff, 'get', `/api/v1/events/${events.E}/tables`, undefined, 200)) as Array<{ table: number; slots: unknown[] }>;
    const table = sheets.find((s) => s.slots.length > 0)!.table;

    world = {
      users,
      forgedToken: staffToken(users.staff),
      orgs,
      events,
      slots,
      participants,
      meetings: { FA, HC, AH, UAF, UAC },
      table,
      state: await readState(),
    };
  }, 90_000);

  afterAll(() => ctx.close());

  it('controls: the forged token carries valid staff claims, and the real secret would have let them in', async () => {
    expect(new JwtService().decode(world.forgedToken)).toMatchObject({ sub: world.users.staff.id, role: 'staff' });
    const genuine = staffToken(world.users.staff, process.env.JWT_SECRET!);
    await send('get', `/api/v1/events/${world.events.E}/schedule`, { auth: `Bearer ${genuine}` }).expect(200);
    await send('get', `/api/v1/events/${world.events.E}/tables`, { auth: `Bearer ${genuine}` }).expect(200);
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
    const s = world.state;
    const { E, U, X } = world.events;
    const byEvent = (id: string) => s.participants.filter((p) => p.event_id === id).map((p) => p.organisation_id);
    expect(sorted(byEvent(E))).toEqual(sorted([world.orgs.A, world.orgs.F, world.orgs.C, world.orgs.H]));
    expect(sorted(byEvent(U))).toEqual(sorted([world.orgs.A, world.orgs.F, world.orgs.C]));
    expect(byEvent(X)).toEqual([world.orgs.B]);
    expect(s.events.map((e) => [e.id, e.published_version])).toEqual(expect.arrayContaining([[E, 1], [U, null], [X, null]]));
    expect(s.events).toHaveLength(3);
    expect(s.versions.map((v) => [v.event_id, v.version, v.status]).sort()).toEqual([[E, 1, 'completed'], [U, 1, 'completed']].sort());
    expect(s.meetings.filter((m) => m.event_id === E).map((m) => m.source).sort()).toEqual(['request', 'request', 'staff']);
    expect(s.meetings.filter((m) => m.event_id === U)).toHaveLength(2);
    expect(s.meetings.every((m) => m.status === 'active')).toBe(true);
    // Every meeting of both events is placed.
    expect(await scheduledMeetingIds('E', 1)).toEqual(sorted([world.meetings.FA, world.meetings.HC, world.meetings.AH]));
    expect(await scheduledMeetingIds('U', 1)).toEqual(sorted([world.meetings.UAF, world.meetings.UAC]));
    expect(await scheduledMeetingIds('E', 1, 'A')).toEqual(sorted([world.meetings.FA, world.meetings.AH]));
    expect(await scheduledMeetingIds('E', 1, 'F')).toEqual([world.meetings.FA]);
    // A and F have an availability in E for others not to see.
    expect(s.participants.find((p) => p.id === world.participants.E.A)!.available_slot_ids).toHaveLength(8);
    expect(s.participants.find((p) => p.id === world.participants.E.F)!.available_slot_ids).toHaveLength(8);
    // The reset brings back exactly this world.
    await resetWorld();
    expect(await readState()).toEqual(world.state);
  });

  for (const [group, rows] of MATRIX) {
    describe(group, () => {
      it.each(cellsOf(rows))('%s', (_name, cell) => runCell(cell));
    });
  }
});
