import type { StatementRow } from './statement-rows';
import { isoDuration, toStatement } from './xapi-statements';

const BASE = 'https://academie-ia.gouv.fr';
const row = (over: Partial<StatementRow>): StatementRow => ({
  source: 'event',
  id: '11111111-1111-4111-8111-111111111111',
  verb: 'progressed',
  stored: new Date('2026-03-02T10:00:01.000Z'),
  stored_key: '2026-03-02T10:00:01.000000Z',
  timestamp: new Date('2026-03-02T10:00:00.000Z'),
  registration: '22222222-2222-4222-8222-222222222222',
  anonymous_id: '33333333-3333-4333-8333-333333333333',
  course_slug: 'ia-et-rgpd',
  course_title: 'IA et RGPD',
  lesson_id: '44444444-4444-4444-8444-444444444444',
  lesson_title: 'La vidéo',
  lesson_kind: 'video',
  video_seconds: 200,
  event_type: 'video_position',
  position: 50,
  score: null,
  correct_count: null,
  question_count: null,
  passed: null,
  enrolled_at: null,
  ...over,
});

describe('xAPI statements', () => {
  it('projects a video position as `progressed` with the time and the share reached, under the anonymous actor', () => {
    expect(toStatement(row({}), { baseUrl: BASE })).toEqual({
      id: '11111111-1111-4111-8111-111111111111',
      actor: { objectType: 'Agent', account: { homePage: BASE, name: '33333333-3333-4333-8333-333333333333' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/progressed', display: { 'fr-FR': 'a progressé dans', 'en-US': 'progressed' } },
      object: {
        objectType: 'Activity',
        id: `${BASE}/cours/ia-et-rgpd/lecons/44444444-4444-4444-8444-444444444444`,
        definition: { name: { 'fr-FR': 'La vidéo' }, type: 'https://w3id.org/xapi/video/activity-type/video' },
      },
      result: {
        completion: false,
        extensions: { 'https://w3id.org/xapi/video/extensions/time': 50, 'https://w3id.org/xapi/cmi5/result/extensions/progress': 25 },
      },
      context: {
        registration: '22222222-2222-4222-8222-222222222222',
        contextActivities: {
          parent: [
            {
              objectType: 'Activity',
              id: `${BASE}/cours/ia-et-rgpd`,
              definition: { name: { 'fr-FR': 'IA et RGPD' }, type: 'http://adlnet.gov/expapi/activities/course' },
            },
          ],
        },
        platform: 'Académie IA',
        language: 'fr-FR',
      },
      timestamp: '2026-03-02T10:00:00.000Z',
      stored: '2026-03-02T10:00:01.000000Z',
      authority: { objectType: 'Agent', name: 'Académie IA', account: { homePage: BASE, name: 'academie-ia' } },
      version: '2.0.0',
    });
  });

  it('scores an attempt, completes a course with its duration, starts without a result', () => {
    const attempt = toStatement(row({ source: 'attempt', verb: 'failed', lesson_kind: 'quiz', score: 50, correct_count: 1, question_count: 2, passed: false }), {
      baseUrl: BASE,
    });
    expect(attempt.verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
    expect(attempt.object.definition?.type).toBe('http://adlnet.gov/expapi/activities/assessment');
    expect(attempt.result).toEqual({ score: { scaled: 0.5, raw: 1, min: 0, max: 2 }, success: false, completion: true });
    const completion = toStatement(
      row({ source: 'completion', verb: 'completed', lesson_id: null, enrolled_at: new Date('2026-03-01T08:30:00.000Z') }),
      { baseUrl: BASE },
    );
    expect(completion.object.id).toBe(`${BASE}/cours/ia-et-rgpd`);
    expect(completion.context?.contextActivities).toBeUndefined();
    expect(completion.result).toEqual({ completion: true, duration: 'P1DT1H30M' });
    expect(toStatement(row({ verb: 'initialized', event_type: 'started', position: null }), { baseUrl: BASE }).result).toBeUndefined();
  });

  it('gives ids only with format=ids', () => {
    const statement = toStatement(row({}), { baseUrl: BASE, format: 'ids' });
    expect(statement.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/progressed' });
    expect(statement.object).toEqual({ objectType: 'Activity', id: `${BASE}/cours/ia-et-rgpd/lecons/44444444-4444-4444-8444-444444444444` });
    expect(statement.context?.contextActivities?.parent).toEqual([{ objectType: 'Activity', id: `${BASE}/cours/ia-et-rgpd` }]);
  });

  it('writes ISO 8601 durations', () => {
    expect([0, 4.5, 61, 3600, 90061.25].map(isoDuration)).toEqual(['PT0S', 'PT4.5S', 'PT1M1S', 'PT1H', 'P1DT1H1M1.25S']);
  });
});
