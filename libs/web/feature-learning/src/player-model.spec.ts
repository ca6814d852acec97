import type { CourseVersionDetail, EnrollmentDetail, LessonProgressView } from '@academie/contracts';
import { describe, expect, it } from '@jest/globals';
import { buildSyllabus, flatLessons, lessonToOpen, neighbours, playerPath, progressOf, savedPosition, startPosition } from './player-model';

function lesson(id: string, moduleId: string, ordinal: number, overrides: Partial<LessonProgressView> = {}): LessonProgressView {
  return {
    lessonId: id,
    moduleId,
    ordinal,
    kind: 'text',
    title: `Leçon ${id}`,
    required: true,
    status: 'not_started',
    startedAt: null,
    completedAt: null,
    video: null,
    quiz: null,
    ...overrides,
  };
}

function detail(lessons: LessonProgressView[], resume: EnrollmentDetail['resume'] = null): EnrollmentDetail {
  return {
    id: 'e1',
    courseId: 'c1',
    courseSlug: 'cours',
    courseTitle: 'Cours',
    versionId: 'v1',
    versionNumber: 1,
    status: 'in_progress',
    enrolledAt: '2026-11-25T09:00:00Z',
    withdrawnAt: null,
    completedAt: null,
    progress: { completedLessons: 0, requiredLessons: 0, percent: 0 },
    lastLessonId: resume?.lessonId ?? null,
    lastActivityAt: null,
    resume,
    lessons,
  };
}

const outline = {
  modules: [
    { id: 'm1', position: 0, title: 'Découvrir', lessons: [{ id: 'a', position: 0, kind: 'text', title: 'A', durationMinutes: 5, required: true }] },
    { id: 'm2', position: 1, title: 'Pratiquer', lessons: [] },
  ],
} as unknown as CourseVersionDetail;

describe('buildSyllabus', () => {
  it('groups the lessons by module in course order, with the module titles and durations of the outline', () => {
    const modules = buildSyllabus(detail([lesson('c', 'm2', 2), lesson('a', 'm1', 0), lesson('b', 'm1', 1)]), outline);
    expect(modules.map((module) => [module.title, module.lessons.map((l) => l.id)])).toEqual([
      ['Découvrir', ['a', 'b']],
      ['Pratiquer', ['c']],
    ]);
    expect(modules[0]?.lessons[0]?.durationMinutes).toBe(5);
    expect(modules[0]?.lessons[1]?.durationMinutes).toBeNull();
  });

  it('names the modules by their rank before the outline is loaded', () => {
    expect(buildSyllabus(detail([lesson('a', 'm1', 0), lesson('b', 'm2', 1)]), undefined).map((m) => m.title)).toEqual(['Partie 1', 'Partie 2']);
  });

  it('shows a lesson completed on this page before the API has answered', () => {
    const [module] = buildSyllabus(detail([lesson('a', 'm1', 0), lesson('b', 'm1', 1)]), undefined, new Set(['b']));
    expect(module?.lessons.map((l) => l.status)).toEqual(['not_started', 'completed']);
  });
});

describe('lessonToOpen', () => {
  const lessons = [lesson('a', 'm1', 0, { status: 'completed' }), lesson('b', 'm1', 1), lesson('c', 'm1', 2)];

  it('opens where the learner stopped', () => {
    const d = detail(lessons, { lessonId: 'c', position: null });
    expect(lessonToOpen(d, flatLessons(buildSyllabus(d, undefined)))?.id).toBe('c');
  });

  it('opens the first lesson not done when there is nothing to resume, and the first one when all are done', () => {
    const d = detail(lessons);
    expect(lessonToOpen(d, flatLessons(buildSyllabus(d, undefined)))?.id).toBe('b');
    const done = detail(lessons.map((l) => ({ ...l, status: 'completed' as const })));
    expect(lessonToOpen(done, flatLessons(buildSyllabus(done, undefined)))?.id).toBe('a');
  });
});

describe('the other rules', () => {
  it('finds the lessons around the current one', () => {
    const lessons = flatLessons(buildSyllabus(detail([lesson('a', 'm1', 0), lesson('b', 'm2', 1), lesson('c', 'm2', 2)]), undefined));
    expect(neighbours(lessons, 'b')).toMatchObject({ previous: { id: 'a' }, next: { id: 'c' } });
    expect(neighbours(lessons, 'a').previous).toBeUndefined();
    expect(neighbours(lessons, 'z')).toEqual({});
  });

  it('counts the required lessons only, rounded down as the API does', () => {
    const lessons = flatLessons(
      buildSyllabus(
        detail([
          lesson('a', 'm1', 0, { status: 'completed' }),
          lesson('b', 'm1', 1),
          lesson('c', 'm1', 2),
          lesson('d', 'm1', 3, { required: false, status: 'completed' }),
        ]),
        undefined,
      ),
    );
    expect(progressOf(lessons)).toEqual({ completedLessons: 1, requiredLessons: 3, percent: 33 });
  });

  it('resumes a video at the resume point, else at its last position', () => {
    const video = { lastPosition: 40, maxPosition: 50, durationSeconds: 120, completionRatio: 0.9 };
    const d = detail([lesson('v', 'm1', 0, { kind: 'video', video }), lesson('w', 'm1', 1, { kind: 'video', video })], { lessonId: 'v', position: 42.5 });
    expect(savedPosition(d, 'v')).toBe(42.5);
    expect(savedPosition(d, 'w')).toBe(40);
    expect(savedPosition(d, 'zz')).toBeNull();
  });

  it('starts a video again when it was watched to its end, and from the start when barely begun', () => {
    expect(startPosition(null, 120)).toBe(0);
    expect(startPosition(0.5, 120)).toBe(0);
    expect(startPosition(42, 120)).toBe(42);
    expect(startPosition(119, 120)).toBe(0);
    expect(startPosition(2.5, 6)).toBe(2.5);
    expect(startPosition(5.8, 6)).toBe(0);
    expect(startPosition(42, Number.POSITIVE_INFINITY)).toBe(42);
    expect(startPosition(42, Number.NaN)).toBe(42);
  });

  it('builds the player addresses', () => {
    expect(playerPath('ia-et-rgpd')).toBe('/apprendre/ia-et-rgpd');
    expect(playerPath('ia-et-rgpd', 'l1')).toBe('/apprendre/ia-et-rgpd/lecons/l1');
  });
});
