import { Injectable } from '@nestjs/common';
import { AppConfig } from '@academie/server-core';
import { type CertificateIdentity, CertificateIdentities } from '../certificate/certificate-identity';
import { CredentialKeys, type Jwks } from './credential-keys';
import { type CredentialFacts, buildOpenBadgeCredential } from './open-badge';
import { buildStatusListCredential } from './status-list';

/**
 * The credentials of the platform, for the worker (issuance) and the API (status lists, JWKS): built from stored
 * facts, signed with the current key (`kid` in each token), certificate ids and codes derived from enrollment ids.
 */
@Injectable()
export class CredentialService {
  private readonly identities: CertificateIdentities;

  constructor(
    private readonly keys: CredentialKeys,
    private readonly config: AppConfig,
  ) {
    this.identities = new CertificateIdentities(keys.privateKey);
  }

  get baseUrl(): string {
    return this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }

  identityFor(enrollmentId: string): CertificateIdentity {
    return this.identities.for(enrollmentId);
  }

  /** The certificate's OpenBadgeCredential as a VC-JWT, and the kid that signed it. */
  signCertificate(facts: CredentialFacts): { jwt: string; kid: string } {
    return { jwt: this.keys.signCredential(buildOpenBadgeCredential(this.baseUrl, facts)), kid: this.keys.kid };
  }

  signStatusList(list: number, revokedEntries: number[], validFrom: Date): string {
    return this.keys.signCredential(buildStatusListCredential(this.baseUrl, list, revokedEntries, validFrom));
  }

  jwks(): Jwks {
    return this.keys.publicJwks();
  }
}
