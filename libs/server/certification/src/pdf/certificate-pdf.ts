import PDFDocument from 'pdfkit';
import qrcode from 'qrcode-generator';
import { CERTIFICATE_ISSUER_NAME, ERASED_NAME_TEXT, formatCertificateCode, formatDurationFr } from '@academie/contracts';

/** What a certificate prints: stored facts only, so that the same certificate always gives the same bytes. */
export interface CertificatePdfInput {
  code: string;
  /** The name as printed; null once erased (the PDF then prints ERASED_NAME_TEXT). */
  learnerName: string | null;
  courseTitle: string;
  versionNumber: number;
  durationMinutes: number;
  completedAt: Date;
  /** `PUBLIC_BASE_URL/verifier/<code>`: printed and encoded in the QR code. */
  verificationUrl: string;
}

// A4 landscape, in points.
const WIDTH = 841.89;
const HEIGHT = 595.28;
const MARGIN = 60;
const BLUE = '#000091';
const GREY = '#3a3a3a';

/** Unicode code points of the WinAnsi characters outside Latin-1 (the standard PDF fonts encode only WinAnsi). */
const WIN_ANSI_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019, 0x201c,
  0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);

const inWinAnsi = (code: number): boolean => (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);

/**
 * Text the standard Helvetica can print: French is entirely WinAnsi (é è à ç ù œ « » ’ …); other letters lose
 * their accents (NFD: « ő » → « o »), special spaces become spaces, anything else becomes « ? ». The stored name
 * keeps its exact spelling (verification page, API).
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0) as number;
    if (inWinAnsi(code)) out += char;
    else if (/\s/u.test(char)) out += ' ';
    else {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => inWinAnsi(c.codePointAt(0) as number)) ? base : '?';
    }
  }
  return out;
}

const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

/** « 12 mars 2026 », in Paris time: the date printed on the certificate. */
export const frenchDate = (date: Date): string => toWinAnsi(longDate.format(date));

/**
 * The certificate as a PDF (A4 landscape, French): learner, course and version, duration, completion date,
 * verification code and the QR code of the public verification page, issuer. Byte-identical for the same
 * input: the document's dates and ID come from the completion date (pdfkit derives the trailer ID from the
 * info dictionary), the fonts are the standard Helvetica and Courier (nothing embedded, nothing random), the QR
 * code is drawn as vector squares.
 */
export function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const code = formatCertificateCode(input.code);
  const title = toWinAnsi(input.courseTitle);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    compress: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: `Certificat de réussite – ${title}`,
      Author: CERTIFICATE_ISSUER_NAME,
      Subject: `Certificat ${code}`,
      Creator: CERTIFICATE_ISSUER_NAME,
      Producer: CERTIFICATE_ISSUER_NAME,
      CreationDate: input.completedAt,
      ModDate: input.completedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // Frame.
  doc.lineWidth(2.5).strokeColor(BLUE).rect(24, 24, WIDTH - 48, HEIGHT - 48).stroke();
  doc.lineWidth(0.75).rect(32, 32, WIDTH - 64, HEIGHT - 64).stroke();

  // Issuer, top left.
  doc.fillColor(BLUE).font('Helvetica-Bold').fontSize(15).text(toWinAnsi(CERTIFICATE_ISSUER_NAME), MARGIN, 52);
  doc.fillColor(GREY).font('Helvetica').fontSize(9).text('Plan « Osez l’IA »', MARGIN, 70);

  const centered = { width: WIDTH - 2 * MARGIN, align: 'center' as const };
  doc.fillColor(BLUE).font('Helvetica-Bold').fontSize(30).text('CERTIFICAT DE RÉUSSITE', MARGIN, 110, { ...centered, characterSpacing: 1.5 });
  doc.fillColor(GREY).font('Helvetica').fontSize(14).text('L’Académie de l’IA certifie que', MARGIN, 170, centered);

  if (input.learnerName) {
    doc.fillColor('#161616').font('Helvetica-Bold').fontSize(26).text(toWinAnsi(input.learnerName), MARGIN, 200, { ...centered, height: 34, ellipsis: true });
  } else {
    doc.fillColor(GREY).font('Helvetica-Oblique').fontSize(18).text(toWinAnsi(`(${ERASED_NAME_TEXT})`), MARGIN, 206, centered);
  }

  doc.fillColor(GREY).font('Helvetica').fontSize(14).text('a suivi avec succès la formation', MARGIN, 250, centered);
  doc.fillColor(BLUE).font('Helvetica-Bold').fontSize(20).text(`« ${title} »`, MARGIN + 40, 280, {
    width: WIDTH - 2 * MARGIN - 80,
    align: 'center',
    height: 52,
    ellipsis: true,
  });
  doc
    .fillColor('#161616')
    .font('Helvetica')
    .fontSize(12)
    .text(
      `Version ${input.versionNumber}  ·  Durée : ${formatDurationFr(input.durationMinutes)}  ·  Terminée le ${frenchDate(input.completedAt)}`,
      MARGIN,
      345,
      centered,
    );

  // Verification, bottom left.
  const bottom = HEIGHT - MARGIN - 110;
  doc.fillColor(GREY).font('Helvetica').fontSize(10).text('Code de vérification', MARGIN, bottom + 8);
  doc.fillColor('#161616').font('Courier-Bold').fontSize(18).text(code, MARGIN, bottom + 24);
  doc.fillColor(GREY).font('Helvetica').fontSize(9).text('Vérifiez l’authenticité de ce certificat à l’adresse :', MARGIN, bottom + 52);
  doc.fillColor(BLUE).font('Helvetica').fontSize(9).text(toWinAnsi(input.verificationUrl), MARGIN, bottom + 65, { width: 430 });
  doc
    .fillColor(GREY)
    .font('Helvetica')
    .fontSize(9)
    .text(`Délivré par ${CERTIFICATE_ISSUER_NAME} le ${frenchDate(input.completedAt)}.`, MARGIN, bottom + 92, { width: 430 });

  // QR code of the verification page, bottom right.
  drawQrCode(doc, input.verificationUrl, WIDTH - MARGIN - 110, bottom, 110);
  doc.fillColor(GREY).font('Helvetica').fontSize(8).text('Scannez pour vérifier', WIDTH - MARGIN - 110, bottom + 114, { width: 110, align: 'center' });

  doc.end();
  return done;
}

/** The QR code (error correction M) as one filled path of squares, runs of dark modules merged per row. */
function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const quiet = 2;
  const cell = size / (count + 2 * quiet);
  for (let row = 0; row < count; row++) {
    let start = -1;
    for (let col = 0; col <= count; col++) {
      const dark = col < count && qr.isDark(row, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (col - start) * cell, cell);
        start = -1;
      }
    }
  }
  doc.fillColor('#000000').fill();
}
