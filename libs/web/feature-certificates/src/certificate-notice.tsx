import { markNotificationRead, useNotifications } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import { useLocation } from 'react-router';

/**
 * Under the header, for a signed-in learner: the latest unread notification of a certificate just issued
 * (GET /api/me/notifications), with a link to it; closing it marks it read.
 */
export function CertificateNotice() {
  const notifications = useNotifications();
  const { pathname } = useLocation();
  const latest = notifications?.items.find((item) => item.kind === 'certificate.issued' && item.readAt === null);
  if (latest === undefined || pathname === '/mes-attestations') return null;
  return (
    <Notice
      severity="info"
      title={latest.title}
      description={latest.message}
      link={{ linkProps: { to: '/mes-attestations', target: '_self', rel: undefined }, text: 'Voir mes attestations' }}
      isClosable
      onClose={() => void markNotificationRead(latest.id).catch(() => undefined)}
      className={fr.cx('fr-mb-0')}
    />
  );
}

/** The number of unread notifications, for the header's navigation; 0 while signed out. */
export function useUnreadCertificates(): number {
  const notifications = useNotifications();
  return notifications?.items.filter((item) => item.kind === 'certificate.issued' && item.readAt === null).length ?? 0;
}
