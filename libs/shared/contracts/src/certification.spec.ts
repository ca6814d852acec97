import { formatCertificateCode, formatDurationFr, normalizeCertificateCode, verificationPath } from './certification';

describe('certificate codes', () => {
  it('reads what people type: case, spaces, hyphens and look-alikes', () => {
    expect(normalizeCertificateCode('7K3M-Q9TX-2HBD-W4NR')).toBe('7K3MQ9TX2HBDW4NR');
    expect(normalizeCertificateCode(' 7k3m q9tx 2hbd w4nr ')).toBe('7K3MQ9TX2HBDW4NR');
    expect(normalizeCertificateCode('OOOO-IIII-LLLL-0000')).toBe('0000111111110000');
  });

  it('refuses what cannot be a code', () => {
    for (const input of ['', '7K3M-Q9TX-2HBD', '7K3M-Q9TX-2HBD-W4NRX', '7K3M-Q9TX-2HBD-W4NU', 'é'.repeat(16), 'x'.repeat(100)]) {
      expect(normalizeCertificateCode(input)).toBeNull();
    }
  });

  it('groups codes by four for people and pages', () => {
    expect(formatCertificateCode('7K3MQ9TX2HBDW4NR')).toBe('7K3M-Q9TX-2HBD-W4NR');
    expect(formatCertificateCode('7K3M-Q9TX-2HBD-W4NR')).toBe('7K3M-Q9TX-2HBD-W4NR');
    expect(verificationPath('7K3MQ9TX2HBDW4NR')).toBe('/verifier/7K3M-Q9TX-2HBD-W4NR');
  });
});

describe('durations in French', () => {
  it.each([
    [1, '1 minute'],
    [45, '45 minutes'],
    [60, '1 heure'],
    [90, '1 heure 30'],
    [125, '2 heures 05'],
    [180, '3 heures'],
  ])('%i minutes → %s', (minutes, text) => {
    expect(formatDurationFr(minutes)).toBe(text);
  });
});
