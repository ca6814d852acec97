// Links of a certificate: the API gives absolute URLs on PUBLIC_BASE_URL; downloads are fetched on the page's
// own origin (a `download` link works only there), the share link stays the public one.
import { formatCertificateCode, normalizeCertificateCode, verificationPath } from '@academie/contracts';

/** The path of an absolute URL of this site (`https://…/api/certificates/X/pdf` → `/api/certificates/X/pdf`). */
export function sitePath(url: string): string {
  try {
    const parsed = new URL(url, 'https://academie.invalid');
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/** `certificat-7K3M-Q9TX-2HBD-W4NR.pdf`, as the API names the PDF. */
export function downloadName(code: string, extension: 'pdf' | 'jwt'): string {
  const normalized = normalizeCertificateCode(code);
  return `certificat-${normalized === null ? 'academie-ia' : formatCertificateCode(normalized)}.${extension}`;
}

/** The verification page of a code typed or scanned by a person; null when it cannot be a code. */
export function verificationPathOf(input: string): string | null {
  const code = normalizeCertificateCode(input);
  return code === null ? null : verificationPath(code);
}
