import { type MyCertificate, formatDurationFr } from '@academie/contracts';
import { markAllNotificationsRead, useMyCertificates, useMyEnrollments, useNotifications } from '@academie/web-data-access';
import { RequireSignIn } from '@academie/web-data-access';
import { formatDate } from '@academie/web-ui';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { downloadName, sitePath } from './certificate-links';
import { CopyLink } from './copy-link';
import { DownloadLink } from './download-link';

const PAGE_TITLE = 'Mes attestations';
/** While a completed course waits for its certificate (issued by the worker within seconds), look again this often. */
const PENDING_POLL_MS = 2_000;

/** /mes-attestations: the learner's certificates, to download and to share. */
export function MyCertificatesPage() {
  usePageTitle(PAGE_TITLE);
  return <RequireSignIn>{() => <MyCertificates />}</RequireSignIn>;
}

function MyCertificates() {
  const enrollments = useMyEnrollments();
  const completedCourses = (enrollments.data?.items ?? []).filter((item) => item.status === 'completed');
  const certificates = useMyCertificates({ pollMs: null });
  const issuedFor = new Set((certificates.data?.items ?? []).map((item) => item.course.id));
  const pending = certificates.data === undefined ? [] : completedCourses.filter((item) => !issuedFor.has(item.courseId));
  const { refresh } = certificates;

  // A course just completed: its certificate is on its way (issued by the worker); look again until it is here.
  useEffect(() => {
    if (pending.length === 0) return;
    const timer = setInterval(refresh, PENDING_POLL_MS);
    return () => clearInterval(timer);
  }, [pending.length, refresh]);

  // Seen here: the notifications of new certificates are read.
  const notifications = useNotifications();
  const unread = notifications?.items.some((item) => item.kind === 'certificate.issued' && item.readAt === null) ?? false;
  const shown = certificates.data !== undefined;
  useEffect(() => {
    if (unread && shown) void markAllNotificationsRead().catch(() => undefined);
  }, [unread, shown]);

  const items = certificates.data?.items ?? [];

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb currentPageLabel={PAGE_TITLE} homeLinkProps={{ to: '/' }} segments={[]} />
      <h1>{PAGE_TITLE}</h1>
      <p className={fr.cx('fr-text--lead', 'fr-mb-4w')}>
        Chaque cours terminé vous donne une attestation de réussite : téléchargez-la, ou partagez le lien qui permet à chacun de la vérifier.
      </p>

      <div aria-busy={certificates.loading}>
        {certificates.loading && <p role="status">Chargement de vos attestations…</p>}
        {certificates.error !== undefined && certificates.data === undefined && (
          <Alert
            severity="error"
            as="h2"
            title="Vos attestations sont momentanément indisponibles"
            description={
              <>
                <p className={fr.cx('fr-mb-2w')}>Réessayez dans quelques instants.</p>
                <Button priority="secondary" size="small" onClick={refresh}>
                  Réessayer
                </Button>
              </>
            }
          />
        )}

        {pending.length > 0 && (
          <div role="status" className={fr.cx('fr-mb-4w')}>
            <Alert
              severity="info"
              as="h2"
              title={pending.length > 1 ? 'Des attestations sont en préparation' : 'Une attestation est en préparation'}
              description={`Pour ${pending.map((item) => `« ${item.courseTitle} »`).join(', ')} : elle apparaîtra ici dans quelques instants.`}
            />
          </div>
        )}

        {shown && items.length === 0 && pending.length === 0 && (
          <div className={fr.cx('fr-p-4w')} style={{ backgroundColor: fr.colors.decisions.background.alt.blueFrance.default }}>
            <h2 className={fr.cx('fr-h4')}>Vous n’avez pas encore d’attestation</h2>
            <p>Terminez un cours (toutes ses leçons obligatoires et ses quiz) : votre attestation de réussite apparaîtra ici.</p>
            <Button linkProps={{ to: '/mon-parcours' }}>Voir mon parcours</Button>
          </div>
        )}

        {items.length > 0 && (
          <ul className={fr.cx('fr-raw-list')}>
            {items.map((certificate) => (
              <li key={certificate.id} className={fr.cx('fr-mb-4w')}>
                <CertificateCard certificate={certificate} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function CertificateCard({ certificate }: { certificate: MyCertificate }) {
  const titleId = `attestation-${certificate.id}`;
  const revoked = certificate.status === 'revoked';
  const course = certificate.course;
  return (
    <article
      aria-labelledby={titleId}
      className={fr.cx('fr-p-3w')}
      style={{ boxShadow: `inset 0 0 0 1px ${fr.colors.decisions.border.default.grey.default}` }}
    >
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <p className={fr.cx('fr-mb-1w')}>
            {revoked ? (
              <Badge small severity="error">
                Révoquée
              </Badge>
            ) : (
              <Badge small severity="success">
                Valide
              </Badge>
            )}
          </p>
          <h2 id={titleId} className={fr.cx('fr-h4', 'fr-mb-1w')}>
            {course.title}
          </h2>
          <p className={fr.cx('fr-mb-1w')}>{`Cours terminé le ${formatDate(certificate.completedAt)} · ${formatDurationFr(course.durationMinutes)}`}</p>
          <p className={fr.cx('fr-text--sm', 'fr-mb-2w')}>
            Code de vérification : <span className={fr.cx('fr-text--bold')}>{certificate.code}</span>
          </p>
          {revoked && certificate.revokedAt !== null && (
            <p className={fr.cx('fr-text--sm')}>{`Révoquée le ${formatDate(certificate.revokedAt)} : cette attestation n’est plus valable et ne peut plus être téléchargée.`}</p>
          )}
          {!revoked && (
            <>
              <DownloadLink
                href={sitePath(certificate.pdfUrl)}
                fileName={downloadName(certificate.code, 'pdf')}
                label="Télécharger l’attestation"
                details="PDF, à imprimer ou à joindre à un CV"
                context={`attestation « ${course.title} »`}
              />
              {certificate.credentialUrl !== null && (
                <DownloadLink
                  href={sitePath(certificate.credentialUrl)}
                  fileName={downloadName(certificate.code, 'jwt')}
                  label="Télécharger l’attestation numérique"
                  details="Open Badges 3.0 signé (VC-JWT), pour un portefeuille numérique"
                  context={`attestation « ${course.title} »`}
                />
              )}
            </>
          )}
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <CopyLink url={certificate.verificationUrl} label="Lien de vérification à partager" context={`lien de vérification de l’attestation « ${course.title} »`} />
          <Link className={fr.cx('fr-link', 'fr-icon-arrow-right-line', 'fr-link--icon-right')} to={sitePath(certificate.verificationUrl)}>
            Voir la page de vérification
            <span className={fr.cx('fr-sr-only')}>{` de l’attestation « ${course.title} »`}</span>
          </Link>
        </div>
      </div>
    </article>
  );
}
