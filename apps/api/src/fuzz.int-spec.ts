// Input fuzzing over EVERY operation of the API's own OpenAPI document (docs/security.md).
//
// For each operation, fast-check (fixed seed, FUZZ_SEED to change it, FUZZ_RUNS >= 30 cases) derives hostile
// requests from the documented schema: bodies with wrong types, huge strings, unicode edge cases (lone
// surrogates, RTL override, NUL, emoji, combining marks), nested junk, SQL and script fragments, negative,
// overflowing and NaN-like numbers; malformed JSON; wrong content types; bad path parameters; hostile query
// strings. They are sent by an account holding every platform role (so that the guard lets them through to
// validation) and, in a batch, anonymously. Every answer must be below 500, every error must have the one error
// format of the API (a 400 names the field and the reason), and a refused write must leave the database exactly
// as it was (row count and checksum of every table, compared before and after each refused write).
//
// One API for the whole file, one database; every failure is collected with its case so that one run shows
// them all, and FUZZ_SEED replays the same cases.
import 'reflect-metadata';
import fc from 'fast-check';
import type { ErrorBody } from '@academie/contracts';
import { SEED_COURSES } from '@academie/server-database';
import { type TestApi, createTestUser, startTestApi } from '@academie/server-testing';
import { createApiApp } from './bootstrap';

type App = Awaited<ReturnType<typeof createApiApp>>;

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const RUNS = Math.max(30, Number(process.env.FUZZ_RUNS ?? 30));
/** Anonymous cases per operation, sent at once (the guard answers before anything else). */
const ANONYMOUS_RUNS = 8;

/**
 * Answers at or above 500 that are the documented answer of the route, not a failure: the worker health check
 * answers 503 when no worker beats (none runs in this test).
 */
const DOCUMENTED_5XX = new Set(['GET /api/health/worker 503']);

// ---------------------------------------------------------------------------------------------------------
// The OpenAPI document, as the API serves it
// ---------------------------------------------------------------------------------------------------------

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
}

interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: Record<string, string[]>[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface Operation {
  /** `POST /api/organisations/{orgId}/cohorts` */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  pathParams: string[];
  query: Parameter[];
  body?: Schema;
  /** Needs an access token (the document lists `bearer` among its security requirements). */
  bearer: boolean;
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const t: TestApi<App> = await startTestApi(createApiApp, {
  seed: true,
  // The limits per IP would answer 429 long before the cases reach validation.
  overrides: {
    RATE_LIMIT_LOGIN_PER_IP: '100000',
    RATE_LIMIT_LOGIN_PER_ACCOUNT: '100000',
    RATE_LIMIT_REGISTER_PER_IP: '100000',
    RATE_LIMIT_MAIL_PER_IP: '100000',
    RATE_LIMIT_MAIL_PER_ADDRESS: '100000',
    RATE_LIMIT_TOKEN_PER_IP: '100000',
    RATE_LIMIT_REFRESH_PER_IP: '100000',
    RATE_LIMIT_CERTIFICATE_PER_IP: '100000',
    LOG_LEVEL: 'warn',
  },
});
const document = (await t.api.call<OpenApiDocument>({ url: '/api/openapi.json' })).body;
const schemas = document.components?.schemas ?? {};

/** FUZZ_ONLY: a regular expression over `METHOD /path`, to fuzz some operations while working on them. */
const only = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : null;

const allOperations: Operation[] = Object.entries(document.paths).flatMap(([path, byMethod]) =>
  Object.entries(byMethod).map(([method, op]) => {
    const parameters = op.parameters ?? [];
    return {
      id: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase() as Operation['method'],
      path,
      pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
      query: parameters.filter((p) => p.in === 'query'),
      body: op.requestBody?.content?.['application/json']?.schema,
      bearer: (op.security ?? []).some((requirement) => 'bearer' in requirement),
    };
  }),
);
const operations = only ? allOperations.filter((op) => only.test(op.id)) : allOperations;

function resolve(schema: Schema | undefined): Schema {
  let current = schema ?? {};
  for (let depth = 0; current.$ref && depth < 10; depth++) current = schemas[current.$ref.replace('#/components/schemas/', '')] ?? {};
  return current;
}

// ---------------------------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------------------------

const MB = 1 << 20;
const HUGE = ['A'.repeat(MB - 64), 'é'.repeat(300_000), '😀'.repeat(100_000), 'x'.repeat(70_000)];
const UNICODE = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eRTL-override\u202c',
  'مرحبا بالعالم',
  '👩🏽‍💻🇫🇷',
  'e\u0301\u0301\u0301\u0301',
  'Z̴̡̛͎̼͓̈́a̶̢̟̓l̸g̴o',
  '\ufeffBOM',
  '\u2028\u2029',
  '\u200b\u200d',
  '\uffff',
  ' ',
  '',
];
const INJECTION = [
  "' OR '1'='1",
  "'; DROP TABLE app_user; --",
  '1; SELECT pg_sleep(10)',
  '" OR ""="',
  '$1',
  '%',
  '\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  '=cmd|\' /C calc\'!A0',
  'null',
  'undefined',
  'NaN',
  '-Infinity',
];
const NUMBERS = [-1, -0, 0, 0.5, -2147483649, 2147483648, 2 ** 53 + 2, -(2 ** 53) - 2, 1e308, -1e308, 5e-324, 9.999999999999999e22];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...UNICODE, ...INJECTION) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
);

const deepNest = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], [[]], { __proto__: { admin: true } }) },
  { weight: 1, arbitrary: fc.constantFrom(deepNest(200), deepNest(2000)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
);

/** A value that conforms to the schema as far as a generator can tell (so that one bad field is what fails). */
function validish(raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.length) return fc.oneof(...variants.map((s) => validish(s, depth + 1)));
  if (schema.allOf?.length) return validish(schema.allOf[0], depth + 1);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return fc.uuid({ version: 4 });
      if (schema.format === 'date' || schema.format === 'date-time') return fc.constantFrom('2030-06-30', '2030-06-30T12:00:00Z');
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
    case 'integer':
    case 'number':
      return fc.integer({ min: Math.ceil(schema.minimum ?? 0), max: Math.floor(Math.min(schema.maximum ?? 1000, 1000)) });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(validish(schema.items, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object':
    default:
      if (!schema.properties || depth > 4) return fc.constant({});
      return fc.record(Object.fromEntries(Object.entries(schema.properties).map(([name, s]) => [name, validish(s, depth + 1)])), {
        requiredKeys: schema.required ?? [],
      });
  }
}

/** The documented body with some fields replaced by hostile values (or dropped), or plain junk. */
function hostileBody(raw: Schema | undefined): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  const junk = fc.oneof(hostileValue, fc.dictionary(fc.constantFrom('a', '__proto__', 'constructor', 'prototype', 'id', 'role', 'userId', 'isAdmin'), hostileValue));
  if (!schema.properties) return junk;
  const fields = Object.fromEntries(
    Object.entries(schema.properties).map(([name, s]) => [name, fc.oneof({ weight: 2, arbitrary: validish(s) }, { weight: 2, arbitrary: hostileValue })]),
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.record(fields, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.constantFrom('role', 'isAdmin', 'userId', 'roles', 'id'), hostileValue).map(([body, key, value]) => ({ ...(body as object), [key]: value })) },
    { weight: 1, arbitrary: junk },
  );
}

const MALFORMED_JSON = [
  '{',
  '{"a":',
  '[1,2',
  '{"a":1,}',
  "{'a':1}",
  'NaN',
  '{"limit": 1e999}',
  '\ufeff{}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '['.repeat(50_000),
  `"${'x'.repeat(MB + 10)}"`,
  '',
  'null',
  '0',
  '"texte"',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '\u0000',
  '{"a":1}{"b":2}',
];

const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/jsonx',
  'application/json, text/plain',
  '*/*',
  'text/html; charset=utf-8',
  'application/octet-stream',
];

/** Path segments as they appear in a URL (already encoded where an encoding is the point). */
const HOSTILE_SEGMENTS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '99999999999999999999999999999999',
  '-1',
  '0',
  '1e309',
  'NaN',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF%FE',
  '%C0%AE%C0%AE',
  '..%2F..%2Fetc%2Fpasswd',
  '%27%20OR%20%271%27%3D%271',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '%E2%80%AE',
  '%F0%9F%98%80',
  'x'.repeat(5000),
  '%20',
  '%25',
  'null',
];

function encode(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined';
  try {
    return encodeURIComponent(text);
  } catch {
    // A lone surrogate cannot be encoded: send the bytes a broken client would.
    return `${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------------

interface Case {
  kind: 'body' | 'malformed-json' | 'content-type' | 'path' | 'query';
  url: string;
  payload?: string;
  contentType?: string;
}

/** Valid values of path parameters by name: real rows of the test, so that only the fuzzed part is wrong. */
let validParams: Record<string, string> = {};
const UNKNOWN = '00000000-0000-4000-8000-0000000000ff';

function urlOf(op: Operation, params: Record<string, string>, query = ''): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? validParams[name] ?? UNKNOWN);
  return query ? `${path}?${query}` : path;
}

function queryString(op: Operation): fc.Arbitrary<string> {
  const documented = op.query.map((p) => p.name);
  const names = fc.constantFrom(...documented, 'unknown', '__proto__', 'constructor[prototype][x]', 'a[b][c][d]', '');
  const pair = fc.tuple(names, hostileValue).map(([name, value]) => `${encodeURIComponent(name)}=${encode(value)}`);
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(pair, { minLength: 1, maxLength: 4 }).map((pairs) => pairs.join('&')) },
    // The same documented name repeated (an array where one value is expected) and raw garbage
    { weight: 1, arbitrary: fc.constantFrom(...(documented.length ? documented : ['x'])).map((name) => `${name}=1&${name}=2&${name}[]=3`) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%%%', '&&&=&=', '=', '?', 'a=%ZZ', `q=${'y'.repeat(8000)}`, 'limit=1e309', 'limit=-1', 'cursor=%00') },
  );
}

function caseOf(op: Operation): fc.Arbitrary<Case> {
  const hasBody = op.body !== undefined;
  const sendsBody = hasBody || WRITE.has(op.method);
  const okBody = hasBody ? validish(op.body).map((b) => JSON.stringify(b)) : fc.constant(undefined);
  const kinds: { weight: number; arbitrary: fc.Arbitrary<Case> }[] = [];
  if (sendsBody) {
    kinds.push({ weight: hasBody ? 6 : 2, arbitrary: hostileBody(op.body).map((b) => ({ kind: 'body', url: urlOf(op, {}), payload: JSON.stringify(b) ?? 'null' })) });
    kinds.push({ weight: 2, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((payload) => ({ kind: 'malformed-json', url: urlOf(op, {}), payload })) });
    kinds.push({
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...WRONG_CONTENT_TYPES), okBody)
        .map(([contentType, payload]) => ({ kind: 'content-type', url: urlOf(op, {}), payload: payload ?? '{}', contentType })),
    });
  }
  if (op.pathParams.length) {
    kinds.push({
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...op.pathParams), fc.oneof(fc.constantFrom(...HOSTILE_SEGMENTS), hostileString.map(encode)), okBody)
        .map(([name, segment, payload]) => ({ kind: 'path', url: urlOf(op, { [name]: segment }), payload })),
    });
  }
  kinds.push({ weight: op.query.length ? 3 : 1, arbitrary: fc.tuple(queryString(op), okBody).map(([query, payload]) => ({ kind: 'query', url: urlOf(op, {}, query), payload })) });
  return fc.oneof(...kinds);
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

async function send(op: Operation, c: Case, token?: string): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (c.payload !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
  const response = await t.app
    .getHttpAdapter()
    .getInstance()
    .inject({ method: op.method, url: c.url, payload: c.payload, headers, remoteAddress: '10.0.0.1' });
  return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), body: response.body };
}

/** What is wrong with an answer, or null: below 500 and, for an error, the one error format of the API. */
function problemOf(op: Operation, answer: Answer): string | null {
  if (answer.status >= 500 && !DOCUMENTED_5XX.has(`${op.id} ${answer.status}`)) return `answered ${answer.status}`;
  if (answer.status < 400) return null;
  if (!answer.contentType.includes('application/json')) return `error ${answer.status} is not JSON (${answer.contentType})`;
  let body: ErrorBody;
  try {
    body = JSON.parse(answer.body) as ErrorBody;
  } catch {
    return `error ${answer.status} body is not valid JSON`;
  }
  const detailsOk =
    Array.isArray(body.details) && body.details.every((d) => typeof d?.field === 'string' && d.field !== '' && typeof d?.reason === 'string' && d.reason !== '');
  if (body.statusCode !== answer.status || typeof body.error !== 'string' || typeof body.message !== 'string' || !body.message || !detailsOk) {
    return `error ${answer.status} is not in the error format`;
  }
  // A refused input names what was wrong (the field and the reason).
  if ([400, 413, 415, 422].includes(answer.status) && body.details.length === 0) return `error ${answer.status} names no field`;
  if (/at .*\.(js|ts):\d+/.test(answer.body)) return 'error body holds a stack trace';
  return null;
}

/** The last unexpected error the API logged (its message and where), to name the cause of a 5xx. */
function lastUnexpected(): string {
  const entry = t.logger.entries().reverse().find((e) => e.msg === 'unexpected error' || e.message === 'unexpected error');
  if (!entry) return 'nothing logged';
  return `${String(entry.errorMessage).slice(0, 200)} ${String(entry.stack ?? '').split('\n').slice(1, 4).join(' | ')}`;
}

/**
 * What an anonymous request to a protected route may get: 401, or a refusal Fastify makes before any route runs,
 * without reading anything (a body that is not JSON, too large or of another type, a URL it cannot decode or
 * route). Body validation itself comes after the guard.
 */
function refusedBeforeTheGuard(answer: Answer): boolean {
  if (answer.status === 401 || [413, 414, 415].includes(answer.status)) return true;
  const body = JSON.parse(answer.body) as ErrorBody;
  if (answer.status === 404) return body.message === 'Ressource introuvable.';
  return answer.status === 400 && body.details.every((d) => d.field === 'body' || d.field === 'url');
}

const describeCase = (c: Case) =>
  `${c.kind} ${c.url.slice(0, 160)}${c.url.length > 160 ? '…' : ''} ${c.contentType ?? ''} ${(c.payload ?? '').slice(0, 160)}${(c.payload?.length ?? 0) > 160 ? `… (${c.payload?.length} chars)` : ''}`;

// ---------------------------------------------------------------------------------------------------------
// The database fingerprint: row count and checksum of every table
// ---------------------------------------------------------------------------------------------------------

let fingerprintSql = '';

async function fingerprint(): Promise<string> {
  const started = performance.now();
  // A named statement: parsed and planned once (planning the 50-table union costs far more than running it).
  const { rows } = await t.db.query<{ t: string; n: string; h: string }>({ name: 'fuzz-fingerprint', text: fingerprintSql });
  summary.fingerprints++;
  summary.fingerprintMs += performance.now() - started;
  return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join(' ');
}

function changedTables(before: string, after: string): string {
  const a = new Set(after.split(' '));
  return before
    .split(' ')
    .filter((part) => !a.has(part))
    .map((part) => part.split(':')[0])
    .join(', ');
}

// ---------------------------------------------------------------------------------------------------------
// Fixtures: one account with every role, its organisation and course, the seeded catalogue
// ---------------------------------------------------------------------------------------------------------

let token = '';
const ALL_ROLES = ['trainer', 'reviewer', 'ministry', 'admin'] as const;
/** Operations that end the caller's account: each case gets an account of its own. */
const CONSUMES_CALLER = new Set(['DELETE /api/me']);

async function freshToken(): Promise<string> {
  const user = await createTestUser(t.db, { roles: [...ALL_ROLES] });
  return (await t.api.login(user.email, user.password)).accessToken;
}

beforeAll(async () => {
  const { rows: tables } = await t.db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
  );
  // Per table: the row count and a checksum of each row version's physical address and creating transaction.
  // Any insert, update (even to the same values) or delete changes it, without reading the rows' contents.
  fingerprintSql = tables
    .map(({ name }) => `SELECT '${name}' AS t, count(*)::text AS n, coalesce(sum(hashtext(x.ctid::text || x.xmin::text)), 0)::text AS h FROM "${name}" x`)
    .join(' UNION ALL ');

  token = await freshToken();
  const org = await t.api.call<{ id: string }>({ method: 'POST', url: '/api/organisations', token, payload: { kind: 'entreprise', name: 'Fuzz SARL' } });
  const course = await t.api.call<{ id: string }>({ method: 'POST', url: '/api/studio/courses', token, payload: { kind: 'course', title: 'Cours du fuzzing' } });
  const { rows } = await t.db.query<{ version_id: string; lesson_id: string }>(
    `SELECT c.current_version_id AS version_id,
            (SELECT l.id FROM course_lesson l WHERE l.version_id = c.current_version_id ORDER BY l.id LIMIT 1) AS lesson_id
       FROM course c WHERE c.slug = $1`,
    [SEED_COURSES[0].slug],
  );
  validParams = {
    orgId: org.body.id,
    courseId: course.body.id ?? UNKNOWN,
    slug: SEED_COURSES[0].slug,
    versionId: rows[0].version_id,
    lessonId: rows[0].lesson_id,
    code: '0000-0000-0000-0000',
    provider: 'proconnect',
    queue: 'outbox',
    jobId: 'outbox-0',
    list: '1',
    role: 'trainer',
  };
});

afterAll(async () => {
  await t?.close();
});

const summary = { requests: 0, refused: 0, refusedWrites: 0, fingerprints: 0, fingerprintMs: 0 };

it('reads the whole API from its OpenAPI document, where every input is described', async () => {
  expect(allOperations.length).toBeGreaterThan(100);
  // Every operation that takes input documents it: a body schema with properties, typed parameters, and no
  // property left as a shapeless `object` (what @nestjs/swagger writes for a `number | null` it was not told about).
  const shapeless = (schema: Schema | undefined, where: string, depth = 0): string[] => {
    const s = resolve(schema);
    if (depth > 5) return [];
    if (s.type === 'object' && !s.properties && depth > 0) return [where];
    return [
      ...Object.entries(s.properties ?? {}).flatMap(([name, child]) => shapeless(child, `${where}.${name}`, depth + 1)),
      ...(s.items ? shapeless(s.items, `${where}[]`, depth + 1) : []),
      ...(s.oneOf ?? s.anyOf ?? []).flatMap((child) => shapeless(child, where, depth + 1)),
    ];
  };
  const undocumented = allOperations.flatMap((op) => [
    ...op.query.filter((p) => !p.schema?.type && !p.schema?.$ref && !p.schema?.enum).map((p) => `${op.id} query ${p.name}`),
    ...(op.body && !resolve(op.body).properties ? [`${op.id} body`] : []),
    ...(op.body ? shapeless(op.body, `${op.id} body`) : []),
  ]);
  // A route that refuses an unknown query parameter validates a query DTO: the document must list its parameters.
  for (const op of allOperations.filter((o) => o.method === 'GET' && o.query.length === 0)) {
    const answer = await send(op, { kind: 'query', url: urlOf(op, {}, 'zzfuzzprobe=1') }, op.bearer ? token : undefined);
    if (answer.status === 400 && answer.body.includes('zzfuzzprobe')) undocumented.push(`${op.id} query (none documented)`);
  }
  expect(undocumented).toEqual([]);
});

it('sees any write in the database fingerprint, even one that rewrites a row with its own values', async () => {
  const before = await fingerprint();
  await t.db.query(`UPDATE app_user SET email = email WHERE id = (SELECT id FROM app_user ORDER BY id LIMIT 1)`);
  const after = await fingerprint();
  expect(after).not.toBe(before);
  expect(changedTables(before, after)).toBe('app_user');
});

// (`describe.each` refuses an empty table: FUZZ_ONLY may match nothing.)
describe.each(operations.length ? operations.map((op) => [op.id, op] as const) : [['(no operation matches FUZZ_ONLY)', null] as const])('%s', (_id, op) => {
  if (!op) return;
  it(`never answers 5xx nor leaves the error format, and changes nothing when it refuses (${RUNS} cases)`, async () => {
    const failures: string[] = [];
    const write = WRITE.has(op.method);
    let known = write ? await fingerprint() : '';
    let caller = token;
    const seed = SEED + allOperations.indexOf(op);
    await fc.assert(
      fc.asyncProperty(caseOf(op), async (c) => {
        if (CONSUMES_CALLER.has(op.id)) {
          caller = await freshToken();
          known = await fingerprint();
        }
        const answer = await send(op, c, op.bearer ? caller : undefined);
        summary.requests++;
        const problem = problemOf(op, answer);
        if (problem) failures.push(`${problem}: ${describeCase(c)} -> ${answer.body.slice(0, 200)}${answer.status >= 500 ? ` (${lastUnexpected()})` : ''}`);
        if (answer.status >= 400) summary.refused++;
        if (write) {
          const now = await fingerprint();
          if (answer.status >= 400) {
            summary.refusedWrites++;
            if (now !== known) failures.push(`refused (${answer.status}) yet changed ${changedTables(known, now)}: ${describeCase(c)}`);
          }
          known = now;
        }
      }),
      { seed, numRuns: RUNS },
    );

    // Anonymously: a protected operation answers 401 before reading anything; a public one holds as above.
    const anonymous = fc.sample(caseOf(op), { seed: seed + 1, numRuns: ANONYMOUS_RUNS });
    const before = write ? await fingerprint() : '';
    const answers = await Promise.all(anonymous.map((c) => send(op, c)));
    summary.requests += answers.length;
    let accepted = false;
    answers.forEach((answer, i) => {
      const problem = problemOf(op, answer) ?? (op.bearer && !refusedBeforeTheGuard(answer) ? `anonymous answered ${answer.status}, not 401` : null);
      if (problem) failures.push(`anonymous: ${problem}: ${describeCase(anonymous[i])} -> ${answer.body.slice(0, 200)}${answer.status >= 500 ? ` (${lastUnexpected()})` : ''}`);
      if (answer.status < 400) accepted = true;
    });
    if (write && !accepted) {
      const after = await fingerprint();
      if (after !== before) failures.push(`anonymous refused writes changed ${changedTables(before, after)}`);
    }

    expect(failures).toEqual([]);
  });
});

afterAll(() => {
  // The figures of the run, for the report (docs/security.md).
  process.stdout.write(
    `fuzz: seed ${SEED}, ${operations.length} operations, ${summary.requests} requests, ${summary.refused} refused, ${summary.refusedWrites} refused writes checked against the database (${summary.fingerprints} fingerprints, ${Math.round(summary.fingerprintMs)} ms)\n`,
  );
});
