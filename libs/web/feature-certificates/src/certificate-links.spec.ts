import { describe, expect, it } from '@jest/globals';
import { downloadName, sitePath, verificationPathOf } from './certificate-links';

describe('certificate links', () => {
  it('downloads on the page’s own origin', () => {
    expect(sitePath('https://academie-ia.gouv.fr/api/certificates/7K3MQ9TX2HBDW4NR/pdf')).toBe('/api/certificates/7K3MQ9TX2HBDW4NR/pdf');
    expect(sitePath('/api/certificates/X/credential')).toBe('/api/certificates/X/credential');
  });

  it('names the files after the code, as the API names the PDF', () => {
    expect(downloadName('7k3m q9tx 2hbd w4nr', 'pdf')).toBe('certificat-7K3M-Q9TX-2HBD-W4NR.pdf');
    expect(downloadName('7K3MQ9TX2HBDW4NR', 'jwt')).toBe('certificat-7K3M-Q9TX-2HBD-W4NR.jwt');
  });

  it('opens the page of a code typed or scanned, and nothing for what cannot be a code', () => {
    expect(verificationPathOf(' 7k3m-q9tx-2hbd-w4nr ')).toBe('/verifier/7K3M-Q9TX-2HBD-W4NR');
    expect(verificationPathOf('OI3M-Q9TX-2HBD-W4NR')).toBe('/verifier/013M-Q9TX-2HBD-W4NR');
    expect(verificationPathOf('pas-un-code')).toBeNull();
  });
});
