// The certification context's public face.
export * from './certification.module';
export { CertificateIssuance, type IssuanceOutcome, checkCourseCompleted } from './issuance/certificate-issuance';
export { CredentialService } from './credential/credential.service';
export { CredentialKeys, type Jwks, type PublishedJwk } from './credential/credential-keys';
export { buildOpenBadgeCredential, type CredentialFacts } from './credential/open-badge';
export { STATUS_LIST_SIZE, statusListEntry, statusPosition } from './credential/status-list';
export { renderCertificatePdf, type CertificatePdfInput } from './pdf/certificate-pdf';
// Entities, for the one DataSource (libs/server/database) only.
export { Certificate } from './certificate/certificate.entity';
export { Notification } from './notification/notification.entity';
