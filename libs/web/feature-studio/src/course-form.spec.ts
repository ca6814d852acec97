import { describe, expect, it } from '@jest/globals';
import { COURSE_MESSAGES, createRequestOf, emptyCourseValues, slugify, updateRequestOf, validateCourse } from './course-form';

describe('course form', () => {
  it('makes an address from a French title', () => {
    expect(slugify("L'IA générative en PME : œuvres & données")).toBe('l-ia-generative-en-pme-oeuvres-donnees');
    expect(slugify('  --Été 2030--  ')).toBe('ete-2030');
    expect(slugify('a'.repeat(100))).toHaveLength(80);
  });

  it('checks the title, the address, the duration and the author name before sending', () => {
    const values = { ...emptyCourseValues(' '), durationMinutes: '0', slug: 'Pas Bon' };
    expect(validateCourse(values, true)).toEqual({
      title: COURSE_MESSAGES.title,
      slug: COURSE_MESSAGES.slug,
      durationMinutes: COURSE_MESSAGES.durationMinutes,
      authorName: COURSE_MESSAGES.authorName,
    });
    // Editing a draft: no address nor author name to give.
    expect(validateCourse({ ...values, title: 'Titre', durationMinutes: '90' }, false)).toEqual({});
  });

  it('builds the requests, trimmed, in French', () => {
    const values = {
      ...emptyCourseValues('Nicolas Petit'),
      title: ' IA et comptabilité ',
      summary: ' Résumé ',
      durationMinutes: '45',
      audiences: ['tpe' as const],
      slug: 'ia-et-comptabilite',
    };
    expect(createRequestOf(values)).toEqual({
      kind: 'course',
      title: 'IA et comptabilité',
      summary: 'Résumé',
      level: 'decouverte',
      durationMinutes: 45,
      audiences: ['tpe'],
      sectors: [],
      useCases: [],
      countsTowardGoal: true,
      language: 'fr',
      slug: 'ia-et-comptabilite',
      authorName: 'Nicolas Petit',
    });
    expect(updateRequestOf(values)).not.toHaveProperty('slug');
  });
});
