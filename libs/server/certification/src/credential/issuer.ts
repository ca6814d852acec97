import { CERTIFICATE_ISSUER_NAME } from '@academie/contracts';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

export const trimBase = (base: string): string => base.replace(/\/+$/, '');

export interface IssuerProfile {
  id: string;
  type: ['Profile'];
  name: string;
  url: string;
}

/** The issuer, served as JSON at its id (`GET /api/issuer`). */
export function issuerProfile(baseUrl: string): IssuerProfile {
  const base = trimBase(baseUrl);
  return { id: `${base}/api/issuer`, type: ['Profile'], name: CERTIFICATE_ISSUER_NAME, url: base };
}

