import {
  AUDIENCES,
  COURSE_KIND_LABELS,
  COURSE_LEVEL_LABELS,
  NAF_SECTIONS,
  QUESTION_KIND_LABELS,
  USE_CASES,
  type AuthorLesson,
  type AuthorVersion,
} from '@academie/contracts';
import { CourseSyllabus, ExternalLink, formatDuration, formatDurationLong, ServerHtml } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { ReactNode } from 'react';

/**
 * A whole version as its authors and reviewers read it: metadata, then every module and lesson with its
 * content — text as the API rendered it, video with its captions and transcript, quiz with the right
 * answers and every explanation. Headings start at h2.
 */
export function VersionContent({ version }: { version: AuthorVersion }) {
  return (
    <>
      <section aria-labelledby="version-infos" className={fr.cx('fr-mb-6w')}>
        <h2 id="version-infos">Informations générales</h2>
        <p className={fr.cx('fr-text--lead')} style={{ whiteSpace: 'pre-line' }}>
          {version.summary === '' ? 'Pas encore de résumé.' : version.summary}
        </p>
        <dl>
          <Fact term="Type">{COURSE_KIND_LABELS[version.kind]}</Fact>
          <Fact term="Niveau">{COURSE_LEVEL_LABELS[version.level]}</Fact>
          <Fact term="Durée annoncée">
            <span aria-hidden="true">{formatDuration(version.durationMinutes)}</span>
            <span className={fr.cx('fr-sr-only')}>{formatDurationLong(version.durationMinutes)}</span>
          </Fact>
          <Fact term="Publics">{version.audiences.length === 0 ? 'Aucun' : version.audiences.map((code) => AUDIENCES[code]).join(' ; ')}</Fact>
          <Fact term="Cas d'usage">{version.useCases.length === 0 ? 'Aucun' : version.useCases.map((code) => USE_CASES[code]).join(', ')}</Fact>
          <Fact term="Secteurs">{version.sectors.length === 0 ? 'Tous les secteurs' : version.sectors.map((code) => NAF_SECTIONS[code]).join(' ; ')}</Fact>
          <Fact term="Objectif national">{version.countsTowardGoal ? 'Compte pour l’objectif du plan « Osez l’IA »' : 'Ne compte pas pour l’objectif'}</Fact>
        </dl>
      </section>
      <section aria-labelledby="version-programme">
        <h2 id="version-programme">Programme et contenu</h2>
        {version.modules.length === 0 ? (
          <p>Aucun module pour le moment.</p>
        ) : (
          <CourseSyllabus modules={version.modules} lessonDetail={(lesson) => <LessonContent lesson={lesson} />} />
        )}
      </section>
    </>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className={fr.cx('fr-text--bold', 'fr-mb-0')}>{term}</dt>
      <dd className={fr.cx('fr-ml-0', 'fr-mb-2w')}>{children}</dd>
    </>
  );
}

function LessonContent({ lesson }: { lesson: AuthorLesson }) {
  if (lesson.text !== undefined) {
    return (
      <div className={fr.cx('fr-p-2w')} style={{ backgroundColor: fr.colors.decisions.background.default.grey.default }}>
        <ServerHtml html={lesson.text.html} className="fr-mb-0" />
      </div>
    );
  }
  if (lesson.video !== undefined) {
    const { video } = lesson;
    return (
      <div>
        <p className={fr.cx('fr-mb-1w')}>
          <ExternalLink href={video.url}>Ouvrir la vidéo</ExternalLink>
          <span className={fr.cx('fr-text--sm')}>{` ${video.url}`}</span>
        </p>
        {video.captionsVtt !== null && (
          <details className={fr.cx('fr-mb-1w')}>
            <summary>Sous-titres (WebVTT)</summary>
            <pre className={fr.cx('fr-text--sm', 'fr-p-2w')} style={{ whiteSpace: 'pre-wrap', backgroundColor: fr.colors.decisions.background.alt.grey.default }}>
              {video.captionsVtt}
            </pre>
          </details>
        )}
        {video.transcript !== null && (
          <details>
            <summary>Transcription</summary>
            <p className={fr.cx('fr-text--sm', 'fr-mt-1w')} style={{ whiteSpace: 'pre-line' }}>
              {video.transcript}
            </p>
          </details>
        )}
      </div>
    );
  }
  if (lesson.quiz !== undefined) {
    const { quiz } = lesson;
    return (
      <div>
        <p className={fr.cx('fr-text--sm')}>{`Seuil de réussite : ${quiz.passMark} % · ${quiz.questions.length} ${quiz.questions.length > 1 ? 'questions' : 'question'}`}</p>
        <ol>
          {quiz.questions.map((question) => (
            <li key={question.id} className={fr.cx('fr-mb-2w')}>
              <p className={fr.cx('fr-text--bold', 'fr-mb-1v')}>{question.prompt}</p>
              <p className={fr.cx('fr-text--xs', 'fr-mb-1w')}>{QUESTION_KIND_LABELS[question.kind]}</p>
              <ul>
                {question.options.map((option) => (
                  <li key={option.id} className={fr.cx('fr-mb-1w')}>
                    {option.correct ? (
                      <Badge small severity="success" as="span" className={fr.cx('fr-mr-1w')}>
                        Juste
                      </Badge>
                    ) : (
                      <Badge small severity="error" as="span" className={fr.cx('fr-mr-1w')}>
                        Fausse
                      </Badge>
                    )}
                    {option.text}
                    <span className={fr.cx('fr-text--sm')} style={{ display: 'block' }}>
                      {`Explication : ${option.explanation}`}
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </div>
    );
  }
  return null;
}
