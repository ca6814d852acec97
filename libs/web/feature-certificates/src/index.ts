// Certificates on the web: « Mes attestations », the public verification page (by code or by the digital
// credential file), and the notice of a certificate just issued, placed under the header.
//
// The screens are loaded lazily by this index itself: the app's layout places the notice on every page, and
// importing this index must not bring the screens along.
import { lazy } from 'react';

const pages = () => import('./certificates-pages');

export const MyCertificatesPage = lazy(() => pages().then((m) => ({ default: m.MyCertificatesPage })));
export const VerifyCertificatePage = lazy(() => pages().then((m) => ({ default: m.VerifyCertificatePage })));

export { CertificateNotice, useUnreadCertificates } from './certificate-notice';
