// The certificate screens, one chunk loaded on the first visit to one of them (see index.ts).
export { MyCertificatesPage } from './my-certificates-page';
export { VerifyCertificatePage } from './verify-certificate-page';
