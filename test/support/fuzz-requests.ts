import fc from 'fast-check';
import type { DataSource } from 'typeorm';

/**
 * Request generation for the fuzz test (test/e2e/fuzz.e2e-spec.ts): the operations of the OpenAPI document, and
 * fast-check arbitraries of requests to them — valid-looking ones and broken ones (wrong types, missing and
 * extra fields, huge strings and arrays, unicode and control characters, extreme numbers, malformed and foreign
 * ids, missing and forged tokens).
 */

// ───────────────────────────────────────────── OpenAPI ─────────────────────────────────────────────

export interface Schema {
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  format?: string;
}

export interface Param {
  name: string;
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  pathParams: string[];
  query: Param[];
  body?: Schema;
  /** Whether the document asks for a bearer token (public routes are fuzzed with tokens too). */
  secured: boolean;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Array<Param & { in: string }>; requestBody?: { content: Record<string, { schema: Schema }> }; security?: unknown[] }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Resolves `$ref`s (recursively, into properties and items). */
function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) return resolve(doc, doc.components!.schemas![schema.$ref.split('/').pop()!]);
  const out: Schema = { ...schema };
  if (schema.items) out.items = resolve(doc, schema.items);
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(doc, v)]));
  return out;
}

export interface SkippedOperation {
  method: string;
  path: string;
  why: string;
}

/** Every operation of the document, minus the multipart uploads (returned separately, with the reason). */
export function operationsOf(doc: OpenApiDocument): { operations: Operation[]; skipped: SkippedOperation[] } {
  const operations: Operation[] = [];
  const skipped: SkippedOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      // Multipart uploads (CSV imports) take a file, not JSON: their parser is tested by imports.e2e-spec.ts and
      // events.e2e-spec.ts. The CSV import of event meetings does not declare its body; it is multipart too.
      if (content['multipart/form-data'] || /\/import$/.test(path)) {
        skipped.push({ method, path, why: 'multipart upload' });
        continue;
      }
      const params = op.parameters ?? [];
      operations.push({
        method: method as Operation['method'],
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: !!p.required, schema: resolve(doc, p.schema ?? {}) })),
        body: content['application/json'] ? resolve(doc, content['application/json'].schema) : undefined,
        secured: Array.isArray(op.security) && op.security.length > 0,
      });
    }
  }
  return { operations, skipped };
}

// ───────────────────────────────────────────── the world ─────────────────────────────────────────────

/** What exists in the database, for ids that resolve, and the callers. */
export interface World {
  /** Valid ids per kind: company, fund, centre, offer, organisation, match, request, acceptedRequest, proposal, proposalRun, rescoreRun, event, participant, eventMeeting, slot, user. */
  ids: Record<string, string[]>;
  /** Taxonomy codes by dimension: sectors, therapeuticAreas, modalities. */
  codes: Record<string, string[]>;
  /** Authorization header values by label; `null` = no header. */
  auth: Record<string, string | null>;
}

/** The kind of id a path parameter of this route takes. */
export function idKind(path: string, param: string): string {
  if (param === 'offerId') return 'offer';
  if (param === 'participantId') return 'participant';
  if (param === 'meetingId') return 'eventMeeting';
  if (param === 'organisationId') return 'organisation';
  if (param === 'runId') return 'rescoreRun';
  if (param === 'table') return 'table';
  const head = path.split('/')[3];
  if (path.startsWith('/api/v1/meeting-proposals/runs')) return 'proposalRun';
  return (
    {
      companies: 'company',
      funds: 'fund',
      'research-centres': 'centre',
      matches: 'match',
      'meeting-requests': 'request',
      'meeting-proposals': 'proposal',
      events: 'event',
    } as Record<string, string>
  )[head] ?? 'organisation';
}

// ───────────────────────────────────────────── values ─────────────────────────────────────────────

const CONTROL = fc.constantFrom('\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\ufeff', '\u200b', '\u202e', '\ud800', '\udfff');
const UNICODE_SAMPLES = fc.constantFrom('Zürich', 'Αθήνα', 'Москва', '東京', 'مرحبا', '👩‍🔬🧬💊', 'e\u0301', 'ﬁ', 'İstanbul', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'Z̷̢͈a̸l̶g̵o');
const INJECTION = fc.constantFrom("' OR 1=1 --", '"; DROP TABLE companies; --', '%', '_', '\\', '%00', '${jndi:ldap://x}', '<script>alert(1)</script>', '../../etc/passwd', '{{7*7}}', '__proto__', '*', '|', ':*', '&', '!', '(', ')');

/** Strings a user should not be able to break anything with. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.array(fc.oneof(CONTROL, UNICODE_SAMPLES, INJECTION, fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
  fc.constantFrom('', ' ', '   ', 'null', 'undefined', 'true', '0', '-1', 'NaN', '[]', '{}'),
  fc.integer({ min: 10_001, max: 200_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 200, max: 3_000 }).map((n) => '🧬'.repeat(n)),
);

/**
 * The same, for paths and query strings: Node's HTTP parser refuses a request line over 16 KB with a bare 431
 * before the application sees it (see the report of the fuzz test), so these stay long but below that.
 */
export const nastyUrlString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: nastyString.filter((v) => encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '?')).length <= 1_500) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 1_500 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 120 }).map((n) => '🧬'.repeat(n)) },
);

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, 1.5, -1e308, 1e308, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 2 ** 64, Number.MAX_VALUE, Number.MIN_VALUE, 1e21),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Anything JSON can say, of the wrong shape for most fields. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  nastyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxKeys: 4 }),
  fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)), { maxLength: 5 }),
);

export const MALFORMED_IDS = [
  'not-a-uuid',
  '0',
  '-1',
  '1e309',
  'null',
  'undefined',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '5b1e0c9e-3f5d-4a7b-9c2e-7d8f6a4b3c2',
  '5b1e0c9e-3f5d-4a7b-9c2e-7d8f6a4b3c211',
  '{5b1e0c9e-3f5d-4a7b-9c2e-7d8f6a4b3c21}',
  '5b1e0c9e3f5d4a7b9c2e7d8f6a4b3c21',
  'zb1e0c9e-3f5d-4a7b-9c2e-7d8f6a4b3c21',
  "5b1e0c9e-3f5d-4a7b-9c2e-7d8f6a4b3c21' OR '1'='1",
  '%00',
  '\u0000',
  '..',
  '💥',
  ' ',
  'a'.repeat(1500),
];
/** A well-formed id nobody has. */
export const UNKNOWN_UUID = '5b1e0c9e-3f5d-4a7b-9c2e-7d8f6a4b3c21';

/** An id for a `kind` slot: the right kind, another kind's (other organisations' ids), unknown, or malformed. */
function idArb(world: World, kind: string): fc.Arbitrary<string> {
  const own = world.ids[kind] ?? [];
  const all = Object.values(world.ids).flat();
  const variants: Array<fc.WeightedArbitrary<string>> = [
    { weight: 2, arbitrary: fc.constantFrom(...all) },
    { weight: 1, arbitrary: fc.constant(UNKNOWN_UUID) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_IDS) },
    { weight: 1, arbitrary: nastyUrlString },
  ];
  if (own.length) {
    variants.push({ weight: 5, arbitrary: fc.constantFrom(...own) });
    variants.push({ weight: 1, arbitrary: fc.constantFrom(...own).map((id) => id.toUpperCase()) });
  }
  return fc.oneof(...variants);
}

/** The kind of id a body or query field named `name` takes, if it takes one. */
function fieldIdKind(name: string): string | undefined {
  return (
    {
      matchId: 'match',
      toOrganisationId: 'organisation',
      organisationId: 'organisation',
      eventId: 'event',
      subjectId: 'request',
      participantIds: 'participant',
      slotIds: 'slot',
      slotId: 'slot',
      availability: 'slot',
    } as Record<string, string>
  )[name];
}

/** A value that fits the schema (or is meant to: ids and codes come from the world). */
function validValue(world: World, name: string, schema: Schema, depth = 0, inArray = false): fc.Arbitrary<unknown> {
  const kind = fieldIdKind(name);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (!inArray && (schema.type === 'array' || (kind && ['participantIds', 'slotIds', 'availability'].includes(name)))) {
    const item = schema.items ?? { type: 'string' };
    return fc.uniqueArray(validValue(world, name, item, depth + 1, true), { minLength: 1, maxLength: 3, selector: (v) => JSON.stringify(v) });
  }
  if (kind) return fc.constantFrom(...(world.ids[kind] ?? [UNKNOWN_UUID]));
  if (world.codes[name]?.length) return fc.constantFrom(...world.codes[name]);
  if (name === 'country') return fc.constantFrom('IT', 'FR', 'DE', 'US');
  if (name === 'geographies') return fc.constantFrom('IT', 'EU', 'WORLD');
  if (name === 'email') return fc.emailAddress();
  if (name === 'password') return fc.constant('correct-horse-battery');
  if (name === 'version') return fc.integer({ min: 1, max: 3 });
  if (name === 'slotMinutes') return fc.constantFrom(20, 30, 60);
  if (name === 'tables') return fc.integer({ min: 1, max: 5 });
  if (name === 'foundedYear') return fc.integer({ min: 1900, max: 2025 });
  if (name === 'timeZone') return fc.constantFrom('Europe/Rome', 'UTC', 'America/New_York');
  if (name === 'date') return fc.constantFrom('2027-03-18', '2027-03-19');
  if (name === 'start') return fc.constantFrom('09:00', '10:00', '14:00');
  if (name === 'end') return fc.constantFrom('11:00', '12:00', '15:00');
  if (name === 'website') return fc.constantFrom('https://example.org', 'http://lab.example.it');
  if (name === 'roomLinks') return fc.constantFrom('https://meet.example.org/room-1');
  if (schema.properties && depth < 4) return objectFor(world, schema, depth + 1, false);
  if (schema.type === 'boolean') return fc.boolean();
  const numeric = schema.type === 'number' || schema.type === 'integer' || (schema.type === 'object' && (schema.minimum !== undefined || schema.maximum !== undefined));
  if (numeric) return fc.integer({ min: Math.ceil(schema.minimum ?? 0), max: Math.floor(Math.min(schema.maximum ?? 1_000_000, 1_000_000)) });
  return fc.string({ minLength: schema.minLength ?? 1, maxLength: Math.min(schema.maxLength ?? 40, 40) });
}

/** A value meant to be refused (or to be handled without harm): wrong types, extremes, nasty strings, huge arrays. */
function badValue(world: World, name: string, schema: Schema): fc.Arbitrary<unknown> {
  const variants: Array<fc.Arbitrary<unknown>> = [wrongType, nastyString, nastyNumber];
  if (schema.type === 'array') {
    const item = validValue(world, name, schema.items ?? { type: 'string' }, 1, true);
    variants.push(
      fc.array(fc.oneof(item, wrongType, nastyString), { maxLength: 6 }),
      fc.integer({ min: 1_000, max: 20_000 }).chain((n) => item.map((v) => Array.from({ length: n }, () => v))),
      fc.array(fc.constantFrom(...MALFORMED_IDS), { minLength: 1, maxLength: 5 }),
    );
  }
  if (fieldIdKind(name)) variants.push(idArb(world, fieldIdKind(name)!));
  if (schema.properties) variants.push(objectFor(world, schema, 3, true));
  return fc.oneof(...variants);
}

const EXTRA_KEYS = fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'organisationId', 'createdAt', 'role', 'isAdmin', '$where', 'version', 'extra', '', ' ', '\u0000', 'a.b', '💥', 'x'.repeat(300));

/** An object for an object schema: each property valid, broken or missing (required ones too), maybe extra keys. */
function objectFor(world: World, schema: Schema, depth: number, breakable: boolean): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = props.map(([name, prop]) => {
    const choices: Array<fc.WeightedArbitrary<unknown>> = [{ weight: 6, arbitrary: validValue(world, name, prop, depth).map((v) => ({ v })) }];
    if (breakable || !required.has(name)) choices.push({ weight: required.has(name) ? 1 : 5, arbitrary: fc.constant(undefined) });
    if (breakable) choices.push({ weight: 2, arbitrary: badValue(world, name, prop).map((v) => ({ v })) });
    return fc.oneof(...choices).map((c) => [name, c] as const);
  });
  const extras = breakable ? fc.oneof({ weight: 4, arbitrary: fc.constant([] as Array<[string, unknown]>) }, { weight: 1, arbitrary: fc.array(fc.tuple(EXTRA_KEYS, wrongType), { minLength: 1, maxLength: 3 }) }) : fc.constant([] as Array<[string, unknown]>);
  return fc.tuple(fc.tuple(...fields), extras).map(([entries, extra]) => {
    const out: Record<string, unknown> = {};
    for (const [name, c] of entries) if (c !== undefined) out[name] = (c as { v: unknown }).v;
    // defineProperty, so '__proto__' is an own key that JSON.stringify sends, not the prototype.
    for (const [k, v] of extra) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
    return out;
  });
}

/** A JSON body (an object, usually) or raw text for this schema; `undefined` = no body. */
type Body = { json: unknown } | { raw: string; contentType: string } | undefined;

function bodyArb(world: World, schema: Schema | undefined): fc.Arbitrary<Body> {
  const junk: fc.Arbitrary<Body> = fc.oneof(
    wrongType.map((json) => ({ json })),
    nastyString.map((json) => ({ json })),
    fc.constantFrom('{', '{"a":', '[1,2', '{"a":1}}', 'nul', '\u0000', '{"a":"\\u0000"}', '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}').map((raw) => ({ raw, contentType: 'application/json' })),
    fc.tuple(fc.constantFrom('a=1&b=2', 'hello', '<xml/>', 'name=x&name=y'), fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml')).map(([raw, contentType]) => ({ raw, contentType })),
    fc.integer({ min: 200, max: 800 }).map((n) => ({ json: JSON.parse('['.repeat(n) + ']'.repeat(n)) })),
    fc.constant({ raw: `{"name":"${'x'.repeat(1_100_000)}"}`, contentType: 'application/json' }),
  );
  if (!schema) return fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant({ json: {} }) }, { weight: 2, arbitrary: junk });
  return fc.oneof(
    { weight: 5, arbitrary: objectFor(world, schema, 0, false).map((json) => ({ json })) },
    { weight: 8, arbitrary: objectFor(world, schema, 0, true).map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: junk },
  );
}

// ───────────────────────────────────────────── requests ─────────────────────────────────────────────

export interface FuzzRequest {
  method: Operation['method'];
  route: string;
  url: string;
  auth: string;
  headers: Record<string, string>;
  body: Body;
}

function queryValue(world: World, param: Param): fc.Arbitrary<string[]> {
  const s = param.schema;
  const valid: fc.Arbitrary<string> = s.enum?.length
    ? fc.constantFrom(...s.enum.map(String))
    : s.type === 'number' || s.type === 'integer'
      ? fc.integer({ min: Math.ceil(s.minimum ?? 0), max: Math.min(Math.floor(s.maximum ?? 200), 1000) }).map(String)
      : fieldIdKind(param.name) || ['organisationId', 'subjectId'].includes(param.name)
        ? fc.constantFrom(...(world.ids[fieldIdKind(param.name) ?? 'organisation'] ?? [UNKNOWN_UUID]))
        : s.type === 'array' || ['sector', 'therapeuticArea', 'modality'].includes(param.name)
          ? fc.array(fc.constantFrom(...Object.values(world.codes).flat(), 'IT', 'company', 'fund', 'research_centre', 'technology_offer', 'seed'), { minLength: 1, maxLength: 3 }).map((v) => v.join(','))
          : fc.string({ maxLength: 20 });
  const bad: fc.Arbitrary<string> = fc.oneof(
    nastyUrlString,
    fc.constantFrom('-1', '0', '-0', '1.5', '1e309', '1e21', 'NaN', 'Infinity', '-Infinity', '9999999999999999999999', '0x10', '1_000', ' 1', '', 'true', '[]', 'a,b,,c', ',,,'),
    nastyNumber.map(String),
    fc.constantFrom(...MALFORMED_IDS),
  );
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((v) => [v]) },
    { weight: 3, arbitrary: bad.map((v) => [v]) },
    // the same parameter twice: Express makes an array of it
    { weight: 1, arbitrary: fc.tuple(fc.oneof(valid, bad), fc.oneof(valid, bad)).map(([a, b]) => [a, b]) },
  );
}

const enc = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    // lone surrogates: sent as the raw bytes' escape, which decodes to an invalid sequence on the server
    return v.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^%A-Za-z0-9]/g, (c) => encodeURIComponent(c));
  }
};

export function requestArb(world: World, op: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParts = op.pathParams.map((p) => (idKind(op.path, p) === 'table' ? fc.oneof(fc.constantFrom('1', '2', '0', '-1', '1000000', '1.5', '99999999999999999999'), nastyUrlString) : idArb(world, idKind(op.path, p))));
  const query = fc.tuple(
    fc.tuple(...op.query.map((p) => fc.option(queryValue(world, p), { nil: undefined, freq: 2 }).map((v) => [p.name, v] as const))),
    fc.oneof({ weight: 5, arbitrary: fc.constant([] as Array<[string, string]>) }, { weight: 1, arbitrary: fc.array(fc.tuple(fc.oneof(EXTRA_KEYS, fc.string({ maxLength: 10 })), nastyUrlString), { minLength: 1, maxLength: 2 }) }),
  );
  const authLabels = Object.keys(world.auth);
  const valid = authLabels.filter((l) => l.startsWith('as:'));
  const invalid = authLabels.filter((l) => !l.startsWith('as:'));
  const auth = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });
  return fc.record({ path: fc.tuple(...pathParts), query, auth, body: bodyArb(world, op.body) }).map(({ path, query: [declared, extra], auth: label, body }) => {
    let i = 0;
    const url = op.path.replace(/\{[^}]+\}/g, () => enc(path[i++]));
    const pairs: Array<[string, string]> = [];
    for (const [name, values] of declared) for (const v of values ?? []) pairs.push([name, v]);
    for (const [k, v] of extra) pairs.push([k, v]);
    const qs = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
    const header = world.auth[label];
    const headers: Record<string, string> = header === null ? {} : { authorization: header };
    return { method: op.method, route: `${op.method.toUpperCase()} ${op.path}`, url: qs ? `${url}?${qs}` : url, auth: label, headers, body };
  });
}

/** A short, printable account of a request, for the findings. */
export function describeRequest(req: FuzzRequest): string {
  const clip = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
  const body = req.body === undefined ? '' : 'raw' in req.body ? ` raw(${req.body.contentType}) ${clip(JSON.stringify(req.body.raw))}` : ` ${clip(JSON.stringify(req.body.json) ?? 'undefined')}`;
  return `${req.method.toUpperCase()} ${clip(req.url)} [auth ${req.auth}]${body}`;
}

// ───────────────────────────────────────────── fingerprint ─────────────────────────────────────────────

/** Tables whose rows are the product's state (every public table but migrations' bookkeeping). */
export async function stateTables(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ tablename: string }> = await dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY tablename`);
  return rows.map((r) => r.tablename);
}

/**
 * One md5 per table of all its rows (the fuzz world is small, so this is a few milliseconds): any insert,
 * update or delete changes it.
 */
export async function fingerprint(dataSource: DataSource, tables: string[]): Promise<Record<string, string>> {
  const sql = `SELECT ${tables.map((t) => `(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "${t}" t) AS "${t}"`).join(', ')}`;
  const [row] = await dataSource.query(sql);
  return row;
}

export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((t) => before[t] !== after[t]);
}
