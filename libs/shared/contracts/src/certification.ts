// Certificates, their verification, the learner's notifications (certification context). See docs/certificates-api.md.

/** The issuer as printed on every certificate and named in every credential. */
export const CERTIFICATE_ISSUER_NAME = "Académie de l'IA";

/** Shown (page, PDF) instead of the learner's name once the person had their data erased. */
export const ERASED_NAME_TEXT = 'nom effacé à la demande de la personne';

/**
 * Verification codes: 16 characters of Crockford's base32 (80 bits drawn from a keyed hash, unguessable),
 * shown in four groups of four: `7K3M-Q9TX-2HBD-W4NR`.
 */
export const CERTIFICATE_CODE_LENGTH = 16;
const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/**
 * The code as stored (16 upper-case characters) from what a person typed or scanned: case, spaces and hyphens
 * ignored, and Crockford's look-alikes read as digits (O as 0, I and L as 1). Null when it cannot be a code.
 */
export function normalizeCertificateCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return CROCKFORD.test(compact) ? compact : null;
}

/** `7K3MQ9TX2HBDW4NR` → `7K3M-Q9TX-2HBD-W4NR` (a code already grouped stays as it is). */
export function formatCertificateCode(code: string): string {
  const compact = code.replace(/-/g, '');
  return compact.match(/.{1,4}/g)?.join('-') ?? compact;
}

/** The public verification page of a certificate on the web site (the QR code points there). */
export const verificationPath = (code: string): string => `/verifier/${formatCertificateCode(code)}`;

/** A duration in French as printed on a certificate: « 45 minutes », « 1 heure », « 2 heures 30 ». */
export function formatDurationFr(minutes: number): string {
  if (minutes < 60) return `${minutes} minute${minutes > 1 ? 's' : ''}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const head = `${hours} heure${hours > 1 ? 's' : ''}`;
  return rest === 0 ? head : `${head} ${String(rest).padStart(2, '0')}`;
}

export type CertificateStatus = 'valid' | 'revoked';

export interface CertificateCourse {
  id: string;
  /** The title of the completed version, as printed. */
  title: string;
  versionId: string;
  versionNumber: number;
  durationMinutes: number;
}

/** `GET /api/certificates/:code` (public): what anyone holding the code may check. */
export interface CertificateVerification {
  /** Grouped: `7K3M-Q9TX-2HBD-W4NR`. */
  code: string;
  status: CertificateStatus;
  /** The name as printed on the certificate; null once the person had their data erased. */
  learnerName: string | null;
  /** `learnerName`, or ERASED_NAME_TEXT after an erasure: what the page shows. */
  displayedName: string;
  nameErased: boolean;
  course: CertificateCourse;
  /** ISO date of the completion: the date printed and the credential's `validFrom`. */
  completedAt: string;
  issuedAt: string;
  /** Set when an administrator revoked the certificate (the reason is kept in the audit log). */
  revokedAt: string | null;
  issuer: { name: string; url: string };
  /** Web page of the QR code (`PUBLIC_BASE_URL/verifier/<code>`). */
  verificationUrl: string;
  /** API routes of the PDF and of the signed credential (VC-JWT). `credentialUrl` is null after an erasure. */
  pdfUrl: string;
  credentialUrl: string | null;
}

/** One of the learner's own certificates (`GET /api/me/certificates`). */
export interface MyCertificate extends CertificateVerification {
  id: string;
}

export interface MyCertificateList {
  items: MyCertificate[];
}

/** `POST /api/admin/certificates/:code/revoke`. */
export interface RevokeCertificateRequest {
  /** Why, for the audit log: 3 to 500 characters. */
  reason: string;
}

export const NOTIFICATION_KINDS = ['certificate.issued'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** An in-app notification of the learner (`GET /api/me/notifications`). */
export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  /** French, ready to show. */
  title: string;
  message: string;
  /** A path of the web site to open, such as `/verifier/7K3M-Q9TX-2HBD-W4NR`. */
  link: string | null;
}

export interface NotificationList {
  /** Newest first. */
  items: NotificationItem[];
  unreadCount: number;
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}
