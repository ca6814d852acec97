import { enrollmentStatus, progressOf, toSnapshot } from './enrollment-state';

describe('enrollment state', () => {
  it('rounds the percentage down: 100 only once everything required is done', () => {
    expect(progressOf(2, 3, false)).toEqual({ completedLessons: 2, requiredLessons: 3, percent: 66 });
    expect(progressOf(3, 3, true).percent).toBe(100);
    expect(progressOf(0, 0, false).percent).toBe(0);
    expect(progressOf(0, 0, true).percent).toBe(100);
  });

  it('says withdrawn before completed', () => {
    expect(enrollmentStatus({ completed_at: null, withdrawn_at: null })).toBe('in_progress');
    expect(enrollmentStatus({ completed_at: new Date(), withdrawn_at: null })).toBe('completed');
    expect(enrollmentStatus({ completed_at: new Date(), withdrawn_at: new Date() })).toBe('withdrawn');
  });

  it('builds the snapshot from JSON rows (timestamps as PostgreSQL writes them)', () => {
    expect(
      toSnapshot({
        id: 'e',
        course_id: 'c',
        required_lessons: 4,
        completed_lessons: 4,
        completed_at: '2026-03-02T10:00:00.123456+00:00',
        withdrawn_at: null,
        last_lesson_id: 'l',
        last_activity_at: '2026-03-02T09:59:00+00:00',
      }),
    ).toEqual({
      enrollmentId: 'e',
      courseId: 'c',
      status: 'completed',
      progress: { completedLessons: 4, requiredLessons: 4, percent: 100 },
      completedAt: '2026-03-02T10:00:00.123Z',
      lastLessonId: 'l',
      lastActivityAt: '2026-03-02T09:59:00.000Z',
    });
  });
});
