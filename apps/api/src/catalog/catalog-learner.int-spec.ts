import 'reflect-metadata';
import type { CourseVersionDetail, ErrorBody, LessonView, SolutionListResponse, SolutionSummary, StudioCourse } from '@academie/contracts';
import { PersonalDataRegistry } from '@academie/server-identity';
import { MemoryLogger, createTestDatabase, testConfig } from '@academie/server-testing';
import { DataSource } from 'typeorm';
import { bootCatalogApi, stopCatalogApi } from './catalog-boot';
import { type CatalogKit, QUIZ_EXPLANATIONS, QUIZ_LESSON, type TestUser, VIDEO_LESSON } from './catalog-kit';

let kit: CatalogKit;
let trainer: TestUser;
let reviewer: TestUser;
let learner: TestUser;
let admin: TestUser;
let course: StudioCourse;
let versionId: string;

const HOSTILE_MARKDOWN = [
  '# Leçon piégée',
  'Avant <script>document.cookie</script> après.',
  '[cliquez](javascript:alert(1)) et [ici](JAVASCRIPT:alert(2))',
  '<img src=x onerror="alert(3)"> <a href="https://x.example" onclick="alert(4)">lien</a>',
  '<svg onload=alert(5)></svg> <iframe src="https://evil.example"></iframe>',
].join('\n\n');

/** Every key of a JSON value, at any depth. */
function keys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keys(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keys(v, out);
    }
  }
  return out;
}

beforeAll(async () => {
  const url = await createTestDatabase();
  kit = await bootCatalogApi(url, testConfig({ DATABASE_URL: url }), new MemoryLogger('api'));
  [trainer, reviewer, learner, admin] = [await kit.user(['trainer']), await kit.user(['reviewer']), await kit.user([]), await kit.user(['admin'])];
  course = await kit.draftCourse(trainer, { title: 'Quiz et vidéo sans fuite', useCases: ['relation_client'] }, [
    { kind: 'text', title: 'Texte piégé', durationMinutes: 3, text: { markdown: HOSTILE_MARKDOWN } },
    VIDEO_LESSON,
    QUIZ_LESSON,
  ]);
  versionId = await kit.publish(course.id, trainer, reviewer);
});

afterAll(() => stopCatalogApi(kit));

describe('learner-facing responses', () => {
  it('never carry a correct flag nor an explanation, on any catalogue route', async () => {
    const detail = await kit.ok<CourseVersionDetail>('GET', `/api/courses/${course.slug}`, null);
    const urls = [
      '/api/courses?limit=50',
      `/api/courses?q=${encodeURIComponent('quiz vidéo fuite')}`,
      `/api/courses?q=ia&useCase=relation_client`,
      `/api/courses/${course.slug}`,
      `/api/courses/${course.slug}/versions/${versionId}`,
      '/api/solutions?limit=100',
      ...detail.modules.flatMap((m) => m.lessons.map((l) => `/api/courses/${course.slug}/versions/${versionId}/lessons/${l.id}`)),
    ];
    // The seeded courses' quizzes too.
    const seeded = await kit.ok<CourseVersionDetail>('GET', '/api/courses/decouvrir-ia-generative-tpe', null);
    urls.push(...seeded.modules.flatMap((m) => m.lessons.map((l) => `/api/courses/${seeded.slug}/versions/${seeded.versionId}/lessons/${l.id}`)));
    let quizzes = 0;
    for (const url of urls) {
      const answer = await kit.call('GET', url, learner);
      expect([url, answer.status]).toEqual([url, 200]);
      const found = keys(answer.body);
      expect([url, found.has('correct') || found.has('isCorrect') || found.has('explanation')]).toEqual([url, false]);
      for (const secret of QUIZ_EXPLANATIONS) expect(answer.text).not.toContain(secret);
      expect(answer.text).not.toContain('la forme ne garantit rien'); // an explanation of the seeded quizzes
      if ((answer.body as LessonView).kind === 'quiz') quizzes++;
    }
    expect(quizzes).toBeGreaterThanOrEqual(2);
    // While the author and the reviewer do see them.
    const review = await kit.call('GET', `/api/review/versions/${versionId}`, reviewer);
    expect(review.text).toContain(QUIZ_EXPLANATIONS[0]);
  });

  it('gives the quiz to learners as questions and options only', async () => {
    const detail = await kit.ok<CourseVersionDetail>('GET', `/api/courses/${course.slug}`, null);
    const quizId = detail.modules[0].lessons.find((l) => l.kind === 'quiz')!.id;
    const lesson = await kit.ok<LessonView>('GET', `/api/courses/${course.slug}/versions/${versionId}/lessons/${quizId}`, learner);
    expect(lesson.kind === 'quiz' && lesson.quiz.passMark).toBe(70);
    expect(lesson.kind === 'quiz' && lesson.quiz.questions[0].options.map((o) => Object.keys(o).sort())).toEqual([['id', 'text'], ['id', 'text']]);
  });

  it('renders Markdown with script, javascript: links and event attributes inert', async () => {
    const detail = await kit.ok<CourseVersionDetail>('GET', `/api/courses/${course.slug}`, null);
    const textId = detail.modules[0].lessons.find((l) => l.kind === 'text')!.id;
    const lesson = await kit.ok<LessonView>('GET', `/api/courses/${course.slug}/versions/${versionId}/lessons/${textId}`, learner);
    if (lesson.kind !== 'text') throw new Error('expected a text lesson');
    const html = lesson.text.html;
    expect(html).toContain('<h1>Leçon piégée</h1>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(svg|iframe)/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/href\s*=\s*"\s*javascript:/i);
    const preview = await kit.ok<{ html: string }>('POST', '/api/studio/markdown/preview', trainer, { markdown: HOSTILE_MARKDOWN });
    expect(preview.html).toBe(html);
  });

  it('gives video captions and a transcript field', async () => {
    const detail = await kit.ok<CourseVersionDetail>('GET', `/api/courses/${course.slug}`, null);
    const videoId = detail.modules[0].lessons.find((l) => l.kind === 'video')!.id;
    const lesson = await kit.ok<LessonView>('GET', `/api/courses/${course.slug}/versions/${versionId}/lessons/${videoId}`, learner);
    expect(lesson).toMatchObject({ kind: 'video', video: { url: VIDEO_LESSON.video!.url, captionsVtt: expect.stringMatching(/^WEBVTT/) } });
  });

  it('asks for a session to read a lesson, and answers 404 for a lesson of another version', async () => {
    const detail = await kit.ok<CourseVersionDetail>('GET', `/api/courses/${course.slug}`, null);
    const lessonId = detail.modules[0].lessons[0].id;
    expect((await kit.call('GET', `/api/courses/${course.slug}/versions/${versionId}/lessons/${lessonId}`, null)).status).toBe(401);
    const seeded = await kit.ok<CourseVersionDetail>('GET', '/api/courses/ia-et-rgpd', null);
    expect((await kit.call('GET', `/api/courses/${course.slug}/versions/${seeded.versionId}/lessons/${lessonId}`, learner)).status).toBe(404);
    const wrong = await kit.call<ErrorBody>('GET', `/api/courses/${course.slug}/versions/nope/lessons/${lessonId}`, learner);
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('versionId');
  });
});

describe('turnkey solutions', () => {
  it('lists seeded solutions filtered by use case and company size, and shows those of its use cases on a course page', async () => {
    const all = await kit.ok<SolutionListResponse>('GET', '/api/solutions?limit=100', null);
    expect(all.items.length).toBeGreaterThanOrEqual(12);
    const filtered = await kit.ok<SolutionListResponse>('GET', '/api/solutions?useCase=comptabilite&companySize=tpe', null);
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(filtered.items.every((s) => s.useCases.includes('comptabilite') && s.companySizes.includes('tpe'))).toBe(true);
    const page = await kit.ok<CourseVersionDetail>('GET', '/api/courses/ia-comptabilite-gestion', null);
    expect(page.solutions.map((s) => s.name)).toEqual(expect.arrayContaining(['Facturia', 'Relances Sereines']));
    expect(page.solutions.every((s) => s.useCases.some((u) => page.useCases.includes(u)))).toBe(true);
    expect((await kit.call<ErrorBody>('GET', '/api/solutions?companySize=geant', null)).status).toBe(400);
  });

  it('lets administrators create, update and delete entries (audited), and nobody else', async () => {
    const body = {
      name: 'Agent Devis',
      provider: 'Artisans Numériques',
      description: 'Devis assistés pour artisans.',
      useCases: ['relation_client'],
      sectors: ['F'],
      companySizes: ['tpe'],
      priceRange: 'moins_50',
      url: 'https://artisans.example/devis',
      privateOffer: true,
    };
    expect((await kit.call('POST', '/api/admin/solutions', trainer, body)).status).toBe(403);
    expect((await kit.call('POST', '/api/admin/solutions', null, body)).status).toBe(401);
    const created = await kit.call<SolutionSummary>('POST', '/api/admin/solutions', admin, body);
    expect(created.status).toBe(201);
    expect((await kit.call('POST', '/api/admin/solutions', admin, body)).status).toBe(409);
    const bad = await kit.call<ErrorBody>('POST', '/api/admin/solutions', admin, { ...body, url: 'http://insecure.example' });
    expect([bad.status, bad.body.details[0].field]).toEqual([400, 'url']);
    const updated = await kit.ok<SolutionSummary>('PATCH', `/api/admin/solutions/${created.body.id}`, admin, { priceRange: 'gratuit' });
    expect(updated).toMatchObject({ name: 'Agent Devis', priceRange: 'gratuit' });
    const coursePage = await kit.ok<CourseVersionDetail>('GET', `/api/courses/${course.slug}`, null);
    expect(coursePage.solutions.map((s) => s.name)).toContain('Agent Devis');
    expect((await kit.call('DELETE', `/api/admin/solutions/${created.body.id}`, admin)).status).toBe(204);
    expect((await kit.call('GET', `/api/admin/solutions/${created.body.id}`, admin)).status).toBe(404);
    const audit = await kit.db.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [created.body.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['solution.created', 'solution.updated', 'solution.deleted']);
  });
});

describe('personal data', () => {
  it('exports the courses a trainer authors, and erasure removes the name but keeps the content', async () => {
    const source = kit.app.get(PersonalDataRegistry).list().find((s) => s.context === 'catalog')!;
    const dataSource = kit.app.get(DataSource);
    const exported = (await dataSource.transaction((m) => source.export(trainer.id, m))) as { authoredCourses: { slug: string; creditedAs: string }[] };
    expect(exported.authoredCourses).toEqual([expect.objectContaining({ slug: course.slug, creditedAs: 'Marie Testeuse' })]);
    await dataSource.transaction((m) => source.erase(trainer.id, m));
    const page = await kit.ok<CourseVersionDetail>('GET', `/api/courses/${course.slug}`, null);
    expect(page.authors).toEqual([]);
    expect(page.modules[0].lessons).toHaveLength(3);
  });
});
