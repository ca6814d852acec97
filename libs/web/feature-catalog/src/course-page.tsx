import {
  AUDIENCES,
  COURSE_KIND_LABELS,
  COURSE_LEVEL_LABELS,
  NAF_SECTIONS,
  USE_CASES,
  type CourseVersionDetail,
} from '@academie/contracts';
import { useCourse } from '@academie/web-data-access';
import { CourseSyllabus, formatDate, formatDuration, formatDurationLong, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Tag } from '@codegouvfr/react-dsfr/Tag';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { PrivateOfferNotice, SolutionCard } from './solution-card';

export interface CoursePageProps {
  /**
   * The enrolment call to action of a course (« S'inscrire »), given by the app once the learning journey
   * exists (feature-learning's EnrollmentAction); without it, the page offers none.
   */
  renderEnrolment?: (course: CourseVersionDetail) => ReactNode;
}

/** /cours/:slug: what a published course is about, its programme and the turnkey solutions of its use cases. */
export function CoursePage({ renderEnrolment }: CoursePageProps) {
  const { slug = '' } = useParams();
  const { data, error, loading, reload } = useCourse(slug);
  usePageTitle(data?.title ?? (error?.statusCode === 404 ? 'Formation introuvable' : loading ? 'Chargement de la formation' : 'Formation'));

  if (loading) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <p role="status">Chargement de la formation…</p>
      </div>
    );
  }
  if (error !== undefined || data === undefined) {
    const notFound = error?.statusCode === 404 || error?.statusCode === 400;
    return (
      <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
        <Breadcrumb
          currentPageLabel={notFound ? 'Formation introuvable' : 'Formation'}
          homeLinkProps={{ to: '/' }}
          segments={[{ label: 'Catalogue des formations', linkProps: { to: '/catalogue' } }]}
        />
        <h1>{notFound ? 'Formation introuvable' : 'La formation ne peut pas être affichée'}</h1>
        {notFound ? (
          <p className={fr.cx('fr-text--lead')}>
            Cette formation n'existe pas ou n'est plus proposée. Elle a peut-être été retirée du catalogue.
          </p>
        ) : (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="error"
            as="h2"
            title="Le service est momentanément indisponible"
            description={
              <>
                <p className={fr.cx('fr-mb-2w')}>Réessayez dans quelques instants.</p>
                <Button priority="secondary" size="small" onClick={reload}>
                  Réessayer
                </Button>
              </>
            }
          />
        )}
        <Button linkProps={{ to: '/catalogue' }} priority="secondary">
          Parcourir le catalogue
        </Button>
      </div>
    );
  }
  return <Course course={data} renderEnrolment={renderEnrolment} />;
}

function Course({ course, renderEnrolment }: { course: CourseVersionDetail } & CoursePageProps) {
  const lessons = course.modules.reduce((sum, module) => sum + module.lessons.length, 0);
  const published = formatDate(course.publishedAt);

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb
        currentPageLabel={course.title}
        homeLinkProps={{ to: '/' }}
        segments={[{ label: 'Catalogue des formations', linkProps: { to: '/catalogue' } }]}
      />
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-8')}>
          <ul className={fr.cx('fr-badges-group', 'fr-mb-1w')}>
            <li>
              <Badge small noIcon severity="info">
                {COURSE_KIND_LABELS[course.kind]}
              </Badge>
            </li>
            <li>
              <Badge small noIcon>
                {`Niveau ${COURSE_LEVEL_LABELS[course.level].toLowerCase()}`}
              </Badge>
            </li>
            {course.countsTowardGoal && (
              <li>
                <Badge small noIcon severity="success">
                  Plan « Osez l'IA »
                </Badge>
              </li>
            )}
          </ul>
          <h1>{course.title}</h1>
          <p className={fr.cx('fr-text--lead', 'fr-mb-4w')}>{course.summary}</p>
          {renderEnrolment !== undefined && <div className={fr.cx('fr-mb-4w')}>{renderEnrolment(course)}</div>}
        </div>

        <div className={fr.cx('fr-col-12', 'fr-col-lg-4')}>
          <section
            aria-labelledby="cours-en-bref"
            className={fr.cx('fr-p-3w', 'fr-mb-4w')}
            style={{ backgroundColor: fr.colors.decisions.background.alt.blueFrance.default }}
          >
            <h2 id="cours-en-bref" className={fr.cx('fr-h5')}>
              En bref
            </h2>
            <dl className={fr.cx('fr-mb-0')}>
              <Fact term="Durée">
                <span aria-hidden="true">{formatDuration(course.durationMinutes)}</span>
                <span className={fr.cx('fr-sr-only')}>{formatDurationLong(course.durationMinutes)}</span>
                {` · ${course.modules.length} ${course.modules.length > 1 ? 'modules' : 'module'}, ${lessons} ${lessons > 1 ? 'leçons' : 'leçon'}`}
              </Fact>
              <Fact term="Niveau">{COURSE_LEVEL_LABELS[course.level]}</Fact>
              <Fact term="Publics">
                <ul className={fr.cx('fr-tags-group', 'fr-mt-1v')}>
                  {course.audiences.map((audience) => (
                    <li key={audience}>
                      <Tag small>{AUDIENCES[audience]}</Tag>
                    </li>
                  ))}
                </ul>
              </Fact>
              {course.useCases.length > 0 && <Fact term="Cas d'usage">{course.useCases.map((code) => USE_CASES[code]).join(', ')}</Fact>}
              <Fact term="Secteurs">
                {course.sectors.length === 0 ? 'Tous les secteurs' : course.sectors.map((code) => NAF_SECTIONS[code]).join(', ')}
              </Fact>
              {course.authors.length > 0 && <Fact term={course.authors.length > 1 ? 'Auteurs' : 'Auteur'}>{course.authors.join(', ')}</Fact>}
              <Fact term="Mise à jour" last>
                {`Version ${course.versionNumber}, publiée le ${published}`}
              </Fact>
            </dl>
          </section>
        </div>
      </div>

      <section aria-labelledby="cours-programme" className={fr.cx('fr-mb-6w')}>
        <h2 id="cours-programme">Programme</h2>
        <CourseSyllabus modules={course.modules} />
      </section>

      {course.solutions.length > 0 && (
        <section aria-labelledby="cours-solutions">
          <h2 id="cours-solutions">Solutions clés en main</h2>
          <p>Des outils prêts à l'emploi pour passer à la pratique dans les cas d'usage de cette formation.</p>
          {course.solutions.some((solution) => solution.privateOffer) && <PrivateOfferNotice />}
          <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-raw-list')}>
            {course.solutions.map((solution) => (
              <li key={solution.id} className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-4')}>
                <SolutionCard solution={solution} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function Fact({ term, children, last = false }: { term: string; children: ReactNode; last?: boolean }) {
  return (
    <>
      <dt className={fr.cx('fr-text--bold', 'fr-mb-0')}>{term}</dt>
      <dd className={fr.cx('fr-ml-0', last ? 'fr-mb-0' : 'fr-mb-2w')}>{children}</dd>
    </>
  );
}
