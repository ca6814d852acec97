import { XAPI_VERBS, type XapiVerbName } from '@academie/contracts';
import { parseInstant } from '../instant';
import { LearningError } from '../learning.errors';
import { XAPI_DEFAULT_LIMIT, XAPI_MAX_LIMIT, type StatementsQueryDto } from './dto/statements-query.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The filters of a statements query, normalised (and carried, as they are, by the cursor of `more`). */
export interface StatementFilters {
  /** The learner's anonymous id. */
  agent?: string;
  verb?: XapiVerbName;
  courseSlug?: string;
  lessonId?: string;
  relatedActivities: boolean;
  registration?: string;
  /** ISO 8601, exclusive. */
  since?: string;
  /** ISO 8601, inclusive. */
  until?: string;
  limit: number;
  ascending: boolean;
  format: 'exact' | 'ids' | 'canonical';
  /** A filter no statement of this platform can match (another homePage, an unknown verb or activity): an empty result. */
  nothing: boolean;
}

export interface StatementCursor {
  filters: StatementFilters;
  /** Position after which the next page starts: `stored` (microseconds, UTC) and statement id of the last one given. */
  stored: string;
  id: string;
}

const invalid = (field: string, reason: string) => LearningError.InvalidXapiQuery([{ field, reason }]);
const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/** The activity IRIs of the platform: a course, and a lesson of a course. */
export const courseActivityId = (baseUrl: string, slug: string): string => `${trimSlash(baseUrl)}/cours/${slug}`;
export const lessonActivityId = (baseUrl: string, slug: string, lessonId: string): string =>
  `${courseActivityId(baseUrl, slug)}/lecons/${lessonId}`;

/** `agent` (JSON of an Agent): the anonymous id when it is an account of this platform, `null` when it names anybody else. */
export function parseAgent(value: string, baseUrl: string): string | null {
  let agent: unknown;
  try {
    agent = JSON.parse(value);
  } catch {
    throw invalid('agent', 'must be the JSON of an Agent');
  }
  if (typeof agent !== 'object' || agent === null || Array.isArray(agent)) throw invalid('agent', 'must be the JSON of an Agent');
  const a = agent as Record<string, unknown>;
  if (a.objectType !== undefined && a.objectType !== 'Agent' && a.objectType !== 'Group') {
    throw invalid('agent', 'objectType must be Agent or Group');
  }
  const identifiers = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((key) => a[key] !== undefined);
  if (identifiers.length !== 1) throw invalid('agent', 'must have exactly one of mbox, mbox_sha1sum, openid, account');
  if (a.objectType === 'Group' || identifiers[0] !== 'account') return null; // nobody here is known by e-mail or as a group
  const account = a.account as Record<string, unknown> | null;
  if (typeof account !== 'object' || account === null || typeof account.homePage !== 'string' || typeof account.name !== 'string') {
    throw invalid('agent', 'account must have a homePage and a name');
  }
  return trimSlash(account.homePage) === trimSlash(baseUrl) && UUID.test(account.name) ? account.name.toLowerCase() : null;
}

/** `activity`: a course or a lesson of this platform, or `null` for any other IRI. */
export function parseActivity(value: string, baseUrl: string): { courseSlug: string; lessonId?: string } | null {
  const prefix = `${trimSlash(baseUrl)}/cours/`;
  if (!value.startsWith(prefix)) return null;
  const [slug, lecons, lessonId, ...rest] = value.slice(prefix.length).split('/');
  if (!SLUG.test(slug ?? '') || rest.length > 0) return null;
  if (lecons === undefined) return { courseSlug: slug };
  if (lecons !== 'lecons' || !UUID.test(lessonId ?? '')) return null;
  return { courseSlug: slug, lessonId: lessonId.toLowerCase() };
}

function instant(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (parseInstant(value) === null) throw invalid(field, 'must be an ISO 8601 date-time with its offset');
  return value;
}

/** Normalises the query's filters; a statementId or a cursor query is handled by the caller. */
export function parseFilters(query: StatementsQueryDto, baseUrl: string): StatementFilters {
  const filters: StatementFilters = {
    relatedActivities: query.related_activities === 'true',
    limit: query.limit === undefined ? XAPI_DEFAULT_LIMIT : query.limit === 0 ? XAPI_MAX_LIMIT : query.limit,
    ascending: query.ascending === 'true',
    format: query.format ?? 'exact',
    nothing: false,
    since: instant('since', query.since),
    until: instant('until', query.until),
    registration: query.registration?.toLowerCase(),
  };
  if (query.agent !== undefined) {
    const agent = parseAgent(query.agent, baseUrl);
    if (agent === null) filters.nothing = true;
    else filters.agent = agent;
  }
  if (query.verb !== undefined) {
    const verb = (Object.entries(XAPI_VERBS) as [XapiVerbName, string][]).find(([, iri]) => iri === query.verb)?.[0];
    if (verb === undefined) filters.nothing = true;
    else filters.verb = verb;
  }
  if (query.activity !== undefined) {
    const activity = parseActivity(query.activity, baseUrl);
    if (activity === null) filters.nothing = true;
    else Object.assign(filters, activity);
  }
  return filters;
}

export function encodeCursor(cursor: StatementCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, f: cursor.filters, s: cursor.stored, i: cursor.id })).toString('base64url');
}

const STORED_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The cursor of a `more` URL, checked field by field (it comes back from the client). */
export function decodeCursor(value: string): StatementCursor {
  const bad = () => invalid('cursor', 'must be the cursor of a `more` URL of this route');
  let parsed: { v?: unknown; f?: Record<string, unknown>; s?: unknown; i?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const f = parsed?.f;
  if (parsed?.v !== 1 || typeof f !== 'object' || f === null || typeof parsed.s !== 'string' || !STORED_KEY.test(parsed.s)) throw bad();
  if (typeof parsed.i !== 'string' || !UUID.test(parsed.i)) throw bad();
  const optionalString = (key: string, pattern?: RegExp) =>
    f[key] === undefined || (typeof f[key] === 'string' && (!pattern || pattern.test(f[key] as string)));
  const ok =
    optionalString('agent', UUID) &&
    (f.verb === undefined || (typeof f.verb === 'string' && Object.hasOwn(XAPI_VERBS, f.verb))) &&
    optionalString('courseSlug', SLUG) &&
    optionalString('lessonId', UUID) &&
    optionalString('registration', UUID) &&
    optionalString('since') &&
    optionalString('until') &&
    typeof f.relatedActivities === 'boolean' &&
    typeof f.ascending === 'boolean' &&
    typeof f.nothing === 'boolean' &&
    Number.isInteger(f.limit) &&
    (f.limit as number) >= 1 &&
    (f.limit as number) <= XAPI_MAX_LIMIT &&
    ['exact', 'ids', 'canonical'].includes(f.format as string);
  if (!ok) throw bad();
  const filters = f as unknown as StatementFilters;
  instant('cursor', filters.since);
  instant('cursor', filters.until);
  return { filters, stored: parsed.s, id: parsed.i.toLowerCase() };
}
