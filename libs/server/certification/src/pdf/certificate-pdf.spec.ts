import { inflateSync } from 'node:zlib';
import { type CertificatePdfInput, frenchDate, renderCertificatePdf, toWinAnsi } from './certificate-pdf';

const input: CertificatePdfInput = {
  code: '7K3MQ9TX2HBDW4NR',
  learnerName: 'Françoise Lœb-Müller',
  courseTitle: 'L’IA générative au quotidien : « prompts » et éthique',
  versionNumber: 3,
  durationMinutes: 150,
  completedAt: new Date('2026-03-12T23:30:00Z'),
  verificationUrl: 'https://academie-ia.example/verifier/7K3M-Q9TX-2HBD-W4NR',
};

/** WinAnsi bytes 0x80-0x9F that are not Latin-1, back to Unicode. */
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹',
  0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™',
  0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

/**
 * The text a reader shows, read from the content streams: each TJ array's hex strings decoded as WinAnsi (the
 * encoding of the standard fonts), one line per TJ. Written here so that the test needs no PDF tool.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1], 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[([^\]]*)\] TJ/g)) {
      const bytes = [...tj[1].matchAll(/<([0-9a-f]*)>/gi)].flatMap((m) => [...Buffer.from(m[1], 'hex')]);
      lines.push(bytes.map((b) => WIN_ANSI_HIGH[b] ?? String.fromCharCode(b)).join(''));
    }
  }
  return lines.join('\n');
}

describe('certificate PDF', () => {
  it('is a one-page A4 landscape PDF, byte-identical for the same certificate', async () => {
    const a = await renderCertificatePdf(input);
    const b = await renderCertificatePdf({ ...input, completedAt: new Date(input.completedAt) });
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
    const text = a.toString('latin1');
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(text).toContain('/MediaBox [0 0 841.89 595.28]');
    // Dates and ID come from the completion, not from the clock.
    expect(text).toContain("(D:20260312233000Z)");
    expect(text).not.toContain(`(D:${new Date().getUTCFullYear()}${String(new Date().getUTCMonth() + 1).padStart(2, "0")}`);
    const other = await renderCertificatePdf({ ...input, code: '7K3MQ9TX2HBDW4NS' });
    expect(other.equals(a)).toBe(false);
  });

  it('prints the French text with its accents in WinAnsi, the code and the verification address', async () => {
    const lines = pdfText(await renderCertificatePdf(input)).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        "Académie de l'IA",
        'CERTIFICAT DE RÉUSSITE',
        'L’Académie de l’IA certifie que',
        'Françoise Lœb-Müller',
        'a suivi avec succès la formation',
        'Version 3  ·  Durée : 2 heures 30  ·  Terminée le 13 mars 2026', // 23:30 UTC is the 13th in Paris
        '7K3M-Q9TX-2HBD-W4NR',
        'https://academie-ia.example/verifier/7K3M-Q9TX-2HBD-W4NR',
        "Délivré par Académie de l'IA le 13 mars 2026.",
      ]),
    );
    // The title may wrap: it is all there, French quotes included.
    expect(lines.join(' ')).toContain('« L’IA générative au quotidien : « prompts » et éthique »');
  });

  it('prints the erasure sentence instead of an erased name', async () => {
    const pdf = await renderCertificatePdf({ ...input, learnerName: null });
    const text = pdfText(pdf);
    expect(text).toContain('(nom effacé à la demande de la personne)');
    expect(text).not.toContain('Françoise');
  });

  it('keeps French as is and brings other scripts down to what Helvetica prints', () => {
    expect(toWinAnsi('Œuvre « déjà » vue – 10 €')).toBe('Œuvre « déjà » vue – 10 €');
    expect(toWinAnsi('Łukasz Nguyễn Ő')).toBe('?ukasz Nguyen O');
    expect(toWinAnsi('李')).toBe('?');
    expect(toWinAnsi('a\u202Fb')).toBe('a b');
    expect(frenchDate(new Date('2026-01-01T12:00:00Z'))).toBe('1 janvier 2026');
  });
});
