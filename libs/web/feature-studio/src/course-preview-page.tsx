import { VERSION_STATUS_LABELS } from '@academie/contracts';
import { useStudioCourse } from '@academie/web-data-access';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useParams } from 'react-router';
import { unexpectedErrorMessage } from './api-errors';
import { editorPath } from './course-editor-page';
import { RequireRole } from './require-role';
import { STATUS_SEVERITY } from './studio-home-page';
import { VersionContent } from './version-content';

/** /studio/formations/:courseId/apercu: the open version in full, as it will be read, before submitting it. */
export function CoursePreviewPage() {
  const { courseId = '' } = useParams();
  return <RequireRole role="trainer">{() => <CoursePreview courseId={courseId} />}</RequireRole>;
}

function CoursePreview({ courseId }: { courseId: string }) {
  const { data: course, error, loading } = useStudioCourse(courseId);
  const draft = course?.draft ?? null;
  usePageTitle(draft === null ? 'Aperçu de la formation' : `Aperçu : ${draft.title}`);

  if (loading) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <p role="status">Chargement de l'aperçu…</p>
      </div>
    );
  }
  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb
        currentPageLabel="Aperçu"
        homeLinkProps={{ to: '/' }}
        segments={[
          { label: 'Studio', linkProps: { to: '/studio' } },
          { label: draft?.title ?? 'Formation', linkProps: { to: editorPath(courseId) } },
        ]}
      />
      {draft === null ? (
        <>
          <h1>Aperçu indisponible</h1>
          <p>{error === undefined ? "Cette formation n'a pas de version en cours d'écriture." : unexpectedErrorMessage(error)}</p>
        </>
      ) : (
        <>
          <p className={fr.cx('fr-mb-1w')}>
            <Badge small noIcon severity={STATUS_SEVERITY[draft.status]}>
              {`Aperçu de la version ${draft.number} · ${VERSION_STATUS_LABELS[draft.status]}`}
            </Badge>
          </p>
          <h1>{draft.title}</h1>
          <VersionContent version={draft} />
        </>
      )}
      <Button className={fr.cx('fr-mt-4w')} priority="secondary" iconId="fr-icon-arrow-left-line" linkProps={{ to: editorPath(courseId) }}>
        Revenir à la formation
      </Button>
    </div>
  );
}
