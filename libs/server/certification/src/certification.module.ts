import { Module } from '@nestjs/common';
import { AppConfig } from '@academie/server-core';
import { MailModule } from '@academie/server-mail';
import { AdminCertificatesController } from './certificate/admin-certificates.controller';
import { CertificateController } from './certificate/certificate.controller';
import { CertificateService } from './certificate/certificate.service';
import { MyCertificatesController } from './certificate/my-certificates.controller';
import { CredentialController } from './credential/credential.controller';
import { CredentialKeys } from './credential/credential-keys';
import { CredentialService } from './credential/credential.service';
import { PublicCredentialService } from './credential/public-credential.service';
import { CertificateIssuance } from './issuance/certificate-issuance';
import { CourseCompletedHandler } from './issuance/course-completed.handler';
import { NotificationController } from './notification/notification.controller';
import { NotificationService } from './notification/notification.service';
import { CertificationPersonalData } from './personal-data/certification-personal-data';

/** The signing key, from CREDENTIAL_SIGNING_KEY (the process loads it: `loadConfig({ secrets: [...] })`). */
const credentialKeys = { provide: CredentialKeys, useFactory: (config: AppConfig) => CredentialKeys.fromConfig(config), inject: [AppConfig] };

/**
 * Certificates for the API: public verification (page data, PDF, credential), status lists, JWKS, achievements,
 * the learner's certificates and notifications, revocation. Needs the identity context (global: guard, audit,
 * rate limits, personal data).
 */
@Module({
  controllers: [CertificateController, MyCertificatesController, AdminCertificatesController, CredentialController, NotificationController],
  providers: [credentialKeys, CredentialService, PublicCredentialService, CertificateService, NotificationService, CertificationPersonalData],
})
export class CertificationModule {}

/** Issuing certificates, for the worker: the `certification` subscriber of `course.completed`. */
@Module({
  imports: [MailModule],
  providers: [credentialKeys, CredentialService, CertificateIssuance, CourseCompletedHandler],
  exports: [CertificateIssuance, CredentialService],
})
export class CertificationWorkerModule {}
