import { VERSION_STATUS_LABELS, type StudioCourse, type StudioCourseSummary, type VersionRef } from '@academie/contracts';
import { useStudioCourse, useStudioCourses } from '@academie/web-data-access';
import { formatDate, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge, type BadgeProps } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from 'react-router';
import { unexpectedErrorMessage } from './api-errors';
import { RequireRole } from './require-role';

export const STATUS_SEVERITY: Record<VersionRef['status'], BadgeProps['severity']> = {
  draft: 'new',
  submitted: 'info',
  rejected: 'warning',
  published: 'success',
};

/** The latest rejection of a course's open version, with the reviewer's comment. */
export function latestRejection(course: StudioCourse) {
  if (course.draft === null || course.draft.status !== 'rejected') return undefined;
  const draftId = course.draft.id;
  return [...course.reviews]
    .filter((review) => review.versionId === draftId && review.decision === 'rejected')
    .sort((a, b) => b.decidedAt.localeCompare(a.decidedAt))[0];
}

/** /studio: the courses the trainer authors, what state each is in, and a way to create one. */
export function StudioHomePage() {
  return <RequireRole role="trainer">{() => <StudioHome />}</RequireRole>;
}

function StudioHome() {
  usePageTitle('Studio des formateurs');
  const { data, error, loading, reload } = useStudioCourses();
  const sorted = data === undefined ? [] : sortForAuthor(data);
  const count = (status: VersionRef['status']) => sorted.filter((course) => course.draft?.status === status).length;

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb currentPageLabel="Studio" homeLinkProps={{ to: '/' }} segments={[]} />
      <h1>Studio des formateurs</h1>
      <p className={fr.cx('fr-text--lead')}>
        Écrivez vos formations, soumettez-les à la relecture, puis retrouvez-les dans le catalogue une fois publiées.
      </p>
      <Button className={fr.cx('fr-mb-6w')} iconId="fr-icon-add-line" linkProps={{ to: '/studio/nouvelle-formation' }}>
        Créer une formation
      </Button>

      <section aria-labelledby="studio-mes-formations" aria-busy={loading}>
        <h2 id="studio-mes-formations">Mes formations</h2>
        {loading && <p role="status">Chargement de vos formations…</p>}
        {error !== undefined && (
          <Alert
            severity="error"
            as="h3"
            title="Vos formations ne peuvent pas être affichées"
            description={
              <>
                <p className={fr.cx('fr-mb-2w')}>{unexpectedErrorMessage(error)}</p>
                <Button priority="secondary" size="small" onClick={reload}>
                  Réessayer
                </Button>
              </>
            }
          />
        )}
        {data !== undefined && data.length === 0 && <p>Vous n'avez pas encore créé de formation.</p>}
        {sorted.length > 0 && (
          <p>
            {[
              `${sorted.length} formation${sorted.length > 1 ? 's' : ''}`,
              count('rejected') > 0 ? `${count('rejected')} à reprendre` : undefined,
              count('draft') > 0 ? `${count('draft')} en cours d'écriture` : undefined,
              count('submitted') > 0 ? `${count('submitted')} en relecture` : undefined,
            ]
              .filter((part) => part !== undefined)
              .join(' · ')}
          </p>
        )}
        {sorted.length > 0 && (
          <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-raw-list')}>
            {sorted.map((course) => (
              <li key={course.id} className={fr.cx('fr-col-12', 'fr-col-md-6')}>
                <CourseRow course={course} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function CourseRow({ course }: { course: StudioCourseSummary }) {
  const published = course.latestPublished;
  return (
    <article
      className={fr.cx('fr-p-3w')}
      style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}`, height: '100%' }}
      aria-labelledby={`studio-cours-${course.id}`}
    >
      <h3 id={`studio-cours-${course.id}`} className={fr.cx('fr-h6', 'fr-mb-2w')}>
        <Link to={`/studio/formations/${course.id}`}>{course.title}</Link>
      </h3>
      <ul className={fr.cx('fr-badges-group', 'fr-mb-1w')}>
        {course.draft !== null && (
          <li>
            <Badge small noIcon severity={STATUS_SEVERITY[course.draft.status]}>
              {`Version ${course.draft.number} : ${VERSION_STATUS_LABELS[course.draft.status].toLowerCase()}`}
            </Badge>
          </li>
        )}
        {published !== null && (
          <li>
            <Badge small noIcon severity={course.status === 'archived' ? undefined : 'success'}>
              {course.status === 'archived' ? 'Retirée du catalogue' : `Version ${published.number} : publiée`}
            </Badge>
          </li>
        )}
      </ul>
      {published !== null && published.publishedAt !== null && (
        <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>
          {`Publiée le ${formatDate(published.publishedAt)}`}
          {course.status === 'published' && (
            <>
              {' · '}
              <Link to={`/cours/${course.slug}`}>Voir dans le catalogue</Link>
            </>
          )}
        </p>
      )}
      {published === null && <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>Pas encore publiée.</p>}
      {course.draft?.status === 'rejected' && <RejectionComment courseId={course.id} />}
    </article>
  );
}

/** What needs the author first: versions sent back, then drafts, then those in review, then the published ones. */
const PRIORITY: Record<VersionRef['status'], number> = { rejected: 0, draft: 1, submitted: 2, published: 3 };
const priorityOf = (course: StudioCourseSummary) => (course.draft === null ? (course.status === 'archived' ? 5 : 4) : PRIORITY[course.draft.status]);

export function sortForAuthor(courses: readonly StudioCourseSummary[]): StudioCourseSummary[] {
  return [...courses].sort((a, b) => priorityOf(a) - priorityOf(b) || a.title.localeCompare(b.title, 'fr'));
}

/** The reviewer's comment on a rejected version (loaded for rejected courses only). */
function RejectionComment({ courseId }: { courseId: string }) {
  const { data } = useStudioCourse(courseId);
  const rejection = data === undefined ? undefined : latestRejection(data);
  if (rejection === undefined || rejection.comment === null) return null;
  return (
    <blockquote className={fr.cx('fr-mt-1w', 'fr-mb-0', 'fr-p-2w')} style={{ borderLeft: `4px solid ${fr.colors.decisions.border.plain.warning.default}` }}>
      <p className={fr.cx('fr-text--sm', 'fr-text--bold', 'fr-mb-1v')}>{`Commentaire de la relecture du ${formatDate(rejection.decidedAt)} :`}</p>
      <p className={fr.cx('fr-text--sm', 'fr-mb-0')} style={{ whiteSpace: 'pre-line' }}>
        {rejection.comment}
      </p>
    </blockquote>
  );
}
