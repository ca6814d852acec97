import 'reflect-metadata';
import type { ErrorBody, XapiStatement, XapiStatementResult } from '@academie/contracts';
import { MemoryLogger, createTestDatabase, errorFormat, testConfig } from '@academie/server-testing';
import { bootCatalogApi, stopCatalogApi } from '../catalog/catalog-boot';
import type { CatalogKit, TestUser } from '../catalog/catalog-kit';
import { LearningKit, type PublishedCourse, RIGHT_ANSWERS, WRONG_ANSWERS, ev, quiz, text, video } from './learning-kit';

const BASE = 'https://academie-ia.example';
const VERB = (name: string) => `http://adlnet.gov/expapi/verbs/${name}`;

let catalog: CatalogKit;
let kit: LearningKit;
let course: PublishedCourse;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;
let aliceEnrollment: string;
let aliceAnonymous: string;
/** How many statements the setup produced. */
let total: number;

beforeAll(async () => {
  const url = await createTestDatabase();
  catalog = await bootCatalogApi(url, testConfig({ DATABASE_URL: url, PUBLIC_BASE_URL: BASE }), new MemoryLogger('api'), false);
  kit = new LearningKit(catalog);
  course = await kit.publish([text('Lire'), video('Regarder', 100), quiz('Vérifier')], 'Cours tracé');
  admin = await catalog.user(['admin']);
  alice = await catalog.user([], 'Aliceunique');
  bob = await catalog.user([], 'Bobunique');
  const [read, watch, check] = course.lessonIds;
  aliceEnrollment = (await kit.enroll(alice, course.courseId)).id;
  await kit.enroll(bob, course.courseId);
  // Alice: 6 events (the 95 s position and the read completion complete their lessons), 2 attempts, 1 completion.
  await kit.sendOk(alice, [
    ev(read, 'started'),
    ev(read, 'completed'),
    ev(watch, 'started'),
    ev(watch, 'video_position', { position: 40 }),
    ev(watch, 'video_position', { position: 95 }),
    ev(check, 'started'),
  ]);
  await kit.attempt(alice, check, WRONG_ANSWERS);
  await kit.attempt(alice, check, RIGHT_ANSWERS);
  // Bob: 2 events.
  await kit.sendOk(bob, [ev(read, 'started'), ev(watch, 'video_position', { position: 10 })]);
  total = 6 + 2 + 1 + 2;
  const { rows } = await kit.db.query(`SELECT anonymous_id FROM learner_pseudonym WHERE user_id = $1`, [alice.id]);
  aliceAnonymous = rows[0].anonymous_id;
});

afterAll(() => stopCatalogApi(catalog));

const get = <T = XapiStatementResult>(query: string, user: TestUser | null = admin, headers: Record<string, string> = {}) =>
  kit.request<T>('GET', `/api/xapi/statements${query}`, user, undefined, headers);

async function all(query: string): Promise<XapiStatement[]> {
  const answer = await get(query);
  expect(answer.status).toBe(200);
  return answer.body.statements;
}

describe('xAPI statements', () => {
  it('serves every stored event, attempt and completion as a 2.0 statement, newest first, with the version and consistency headers', async () => {
    const answer = await get('');
    expect(answer.status).toBe(200);
    expect(answer.headers['x-experience-api-version']).toBe('2.0.0');
    const through = Date.parse(String(answer.headers['x-experience-api-consistent-through']));
    expect(through).toBeGreaterThan(Date.now() - 60_000);
    expect(through).toBeLessThanOrEqual(Date.now());
    const { statements, more } = answer.body;
    expect(statements).toHaveLength(total);
    expect(more).toBe('');
    const stored = statements.map((s) => Date.parse(s.stored));
    expect(stored).toEqual([...stored].sort((a, b) => b - a));
    expect(statements.map((s) => s.verb.id).sort()).toEqual(
      [
        ...Array(2).fill(VERB('completed')), // the read completion and the 95 s position of Alice
        VERB('completed'), // the course
        ...Array(4).fill(VERB('initialized')),
        ...Array(2).fill(VERB('progressed')),
        VERB('failed'),
        VERB('passed'),
      ].sort(),
    );
    for (const statement of statements) {
      expect(statement).toMatchObject({ version: '2.0.0', actor: { objectType: 'Agent', account: { homePage: BASE } } });
      expect(statement.object.id.startsWith(`${BASE}/cours/${course.slug}`)).toBe(true);
    }
    const passed = statements.find((s) => s.verb.id === VERB('passed'))!;
    expect(passed).toMatchObject({
      actor: { account: { name: aliceAnonymous } },
      object: { id: `${BASE}/cours/${course.slug}/lecons/${course.lessonIds[2]}`, definition: { name: { 'fr-FR': 'Vérifier' } } },
      result: { score: { scaled: 1, raw: 2, min: 0, max: 2 }, success: true, completion: true },
      context: { registration: aliceEnrollment, contextActivities: { parent: [{ id: `${BASE}/cours/${course.slug}` }] } },
    });
    const courseDone = statements.find((s) => s.object.id === `${BASE}/cours/${course.slug}`)!;
    expect(courseDone.result).toMatchObject({ completion: true, duration: expect.stringMatching(/^PT/) });
  });

  it('never shows an e-mail, a name or an account id: the actor is the learner’s anonymous id', async () => {
    const answer = await get('?limit=0');
    for (const secret of [alice.id, bob.id, 'Aliceunique', 'Bobunique', 'Testeur', '@test.academie-ia']) {
      expect([secret, answer.text.includes(secret)]).toEqual([secret, false]);
    }
    const names = new Set(answer.body.statements.map((s) => s.actor.account.name));
    expect(names.size).toBe(2);
    expect(names.has(aliceAnonymous)).toBe(true);
  });

  it('filters by agent, verb, activity (with related activities), registration, since and until', async () => {
    const agent = encodeURIComponent(JSON.stringify({ objectType: 'Agent', account: { homePage: BASE, name: aliceAnonymous } }));
    expect(await all(`?agent=${agent}`)).toHaveLength(9);
    const foreign = encodeURIComponent(JSON.stringify({ account: { homePage: 'https://ailleurs.example', name: aliceAnonymous } }));
    expect(await all(`?agent=${foreign}`)).toHaveLength(0);
    expect(await all(`?agent=${encodeURIComponent(JSON.stringify({ mbox: 'mailto:alice@example.fr' }))}`)).toHaveLength(0);

    expect((await all(`?verb=${encodeURIComponent(VERB('passed'))}`)).map((s) => s.result?.success)).toEqual([true]);
    expect(await all(`?verb=${encodeURIComponent(VERB('progressed'))}`)).toHaveLength(2);
    expect(await all(`?verb=${encodeURIComponent(VERB('completed'))}`)).toHaveLength(3);
    expect(await all(`?verb=${encodeURIComponent(VERB('attended'))}`)).toHaveLength(0);

    const lesson = encodeURIComponent(`${BASE}/cours/${course.slug}/lecons/${course.lessonIds[1]}`);
    expect(await all(`?activity=${lesson}`)).toHaveLength(4); // Alice: started, 40, 95; Bob: 10 — and not the course completion
    const courseIri = encodeURIComponent(`${BASE}/cours/${course.slug}`);
    expect((await all(`?activity=${courseIri}`)).map((s) => s.verb.id)).toEqual([VERB('completed')]);
    expect(await all(`?activity=${courseIri}&related_activities=true`)).toHaveLength(total);
    expect(await all(`?registration=${aliceEnrollment}&verb=${encodeURIComponent(VERB('initialized'))}`)).toHaveLength(3);

    const everything = await all('');
    const middle = everything[5].stored;
    const since = await all(`?since=${encodeURIComponent(middle)}`);
    const until = await all(`?until=${encodeURIComponent(middle)}`);
    expect(since.length + until.length).toBe(total);
    expect(since.every((s) => s.stored > middle)).toBe(true); // stored is given to the microsecond
    expect(until.every((s) => s.stored <= middle)).toBe(true);
  });

  it('pages with `more`: every statement once, in order, both directions', async () => {
    for (const ascending of [false, true]) {
      const seen: XapiStatement[] = [];
      let answer = await get(`?limit=2&ascending=${ascending}`);
      for (let pages = 0; pages < 20; pages++) {
        expect(answer.status).toBe(200);
        seen.push(...answer.body.statements);
        if (answer.body.more === '') break;
        expect(answer.body.more).toMatch(/^\/api\/xapi\/statements\?cursor=[A-Za-z0-9_-]+$/);
        answer = await kit.request<XapiStatementResult>('GET', answer.body.more, admin);
      }
      expect(seen.map((s) => s.id)).toEqual((await all(`?ascending=${ascending}`)).map((s) => s.id));
      expect(new Set(seen.map((s) => s.id)).size).toBe(total);
    }
    // The cursor carries the filters: paging a filtered query stays filtered.
    const first = await get(`?limit=1&verb=${encodeURIComponent(VERB('initialized'))}`);
    const next = await kit.request<XapiStatementResult>('GET', first.body.more, admin);
    expect(next.body.statements.map((s) => s.verb.id)).toEqual([VERB('initialized')]);
    // ... and nothing else may be added to it.
    expect((await kit.request('GET', `${first.body.more}&limit=5`, admin)).status).toBe(400);
    expect((await get('?cursor=bm9wZQ')).status).toBe(400);
  });

  it('gives one statement by statementId (also in ids format), 404 for an unknown or voided one', async () => {
    const [latest] = await all('?limit=1');
    const one = await get<XapiStatement>(`?statementId=${latest.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(latest);
    const ids = await get<XapiStatement>(`?statementId=${latest.id}&format=ids`);
    expect(ids.body.object).toEqual({ objectType: 'Activity', id: latest.object.id });
    expect((await get(`?statementId=00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await get(`?voidedStatementId=${latest.id}`)).status).toBe(404);
    const mixed = await get<ErrorBody>(`?statementId=${latest.id}&verb=${encodeURIComponent(VERB('passed'))}`);
    expect(errorFormat(mixed.body, 400).details).toEqual([{ field: 'verb', reason: 'is not allowed with statementId or voidedStatementId' }]);
  });

  it('refuses bad parameters and versions with 400, strangers with 401 and learners with 403, always with the version header', async () => {
    for (const query of ['?agent=%7B', '?limit=501', '?limit=-1', '?since=yesterday', '?ascending=yes', '?registration=x', '?attachments=true', '?color=blue']) {
      const answer = await get<ErrorBody>(query);
      expect([query, answer.status]).toEqual([query, 400]);
      errorFormat(answer.body, 400);
      expect(answer.headers['x-experience-api-version']).toBe('2.0.0');
    }
    expect((await get('', admin, { 'X-Experience-API-Version': '2.0.0' })).status).toBe(200);
    const old = await get<ErrorBody>('', admin, { 'X-Experience-API-Version': '1.0.3' });
    expect(old.status).toBe(400);
    expect(old.body.details).toEqual([{ field: 'X-Experience-API-Version', reason: 'must be 2.0.0' }]);
    const anonymous = await get('', null);
    expect([anonymous.status, anonymous.headers['x-experience-api-version']]).toEqual([401, '2.0.0']);
    const learner = await get('', alice);
    expect([learner.status, learner.headers['x-experience-api-version']]).toEqual([403, '2.0.0']);
  });
});
