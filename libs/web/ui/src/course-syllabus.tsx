import { LESSON_KIND_LABELS, type LessonOutline, type ModuleOutline } from '@academie/contracts';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { ReactNode } from 'react';
import { formatDuration, formatDurationLong } from './format-duration';
import { LESSON_KIND_ICONS } from './lesson-kind';

export interface CourseSyllabusProps<L extends LessonOutline> {
  modules: (Omit<ModuleOutline, 'lessons'> & { lessons: L[] })[];
  /** Heading level of the modules' titles (h3 under the page's « Programme » h2 by default). */
  moduleTitleAs?: 'h3' | 'h4';
  /** What to show under a lesson (its content, for authors and reviewers). */
  lessonDetail?: (lesson: L) => ReactNode;
}

/**
 * The programme of a course: its modules in order, each with its lessons (kind, title, duration, and
 * whether completing the course requires it).
 */
export function CourseSyllabus<L extends LessonOutline>({ modules, moduleTitleAs: ModuleTitle = 'h3', lessonDetail }: CourseSyllabusProps<L>) {
  return (
    <ol className={fr.cx('fr-raw-list')}>
      {modules.map((module, m) => {
        const minutes = module.lessons.reduce((sum, lesson) => sum + lesson.durationMinutes, 0);
        return (
          <li key={module.id} className={fr.cx('fr-mb-4w')}>
            <ModuleTitle className={fr.cx('fr-h5', 'fr-mb-1w')}>
              {`Module ${m + 1} : ${module.title}`}
            </ModuleTitle>
            <p className={fr.cx('fr-text--sm', 'fr-mb-2w')}>
              {`${module.lessons.length} ${module.lessons.length > 1 ? 'leçons' : 'leçon'}, `}
              <span aria-hidden="true">{formatDuration(minutes)}</span>
              <span className={fr.cx('fr-sr-only')}>{formatDurationLong(minutes)}</span>
            </p>
            <ol className={fr.cx('fr-raw-list')}>
              {module.lessons.map((lesson) => (
                <li
                  key={lesson.id}
                  className={fr.cx('fr-py-2w', 'fr-px-2w', 'fr-mb-1w')}
                  style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}
                >
                  <div className={fr.cx('fr-grid-row', 'fr-grid-row--middle')} style={{ gap: '0.5rem 1rem' }}>
                    <span
                      className={fr.cx(LESSON_KIND_ICONS[lesson.kind])}
                      style={{ color: fr.colors.decisions.text.actionHigh.blueFrance.default }}
                      aria-hidden="true"
                    />
                    <span style={{ flex: '1 1 12rem' }}>
                      <span className={fr.cx('fr-sr-only')}>{`${LESSON_KIND_LABELS[lesson.kind]} : `}</span>
                      <span className={fr.cx('fr-text--bold')}>{lesson.title}</span>
                    </span>
                    <span className={fr.cx('fr-text--sm', 'fr-mb-0')}>
                      <span aria-hidden="true">{`${LESSON_KIND_LABELS[lesson.kind]} · ${formatDuration(lesson.durationMinutes)}`}</span>
                      <span className={fr.cx('fr-sr-only')}>{`, ${formatDurationLong(lesson.durationMinutes)}`}</span>
                    </span>
                    {lesson.required ? (
                      <Badge small noIcon severity="info" as="span">
                        Obligatoire
                      </Badge>
                    ) : (
                      <Badge small noIcon as="span">
                        Facultative
                      </Badge>
                    )}
                  </div>
                  {/* fr-list: the lists of the content get their bullets back inside this bare list. */}
                  {lessonDetail !== undefined && <div className={fr.cx('fr-mt-2w', 'fr-list')}>{lessonDetail(lesson)}</div>}
                </li>
              ))}
            </ol>
          </li>
        );
      })}
    </ol>
  );
}
