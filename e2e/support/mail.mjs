// The e-mails the platform sent during the e2e run. The global setup starts an SMTP server that writes each
// message it receives under tmp/e2e-mail/ (a decoded `.json` beside the raw `.eml`); any test process reads
// them from there.
import { join } from 'node:path';
import { findLink, readMailDir } from '../../libs/server/testing/mail-capture.mjs';
import { root } from './processes.mjs';

export const mailDir = join(root, 'tmp', 'e2e-mail');

export { findLink };

/**
 * Every message received so far, oldest first: `{ messageId, from, to, subject, text, html, envelopeTo,
 * receivedAt }`, bodies decoded.
 */
export function readMails() {
  return readMailDir(process.env.E2E_MAIL_DIR ?? mailDir);
}

/**
 * The latest message sent to `to` (and matching `subject`, a RegExp, if given, and received at or after
 * `since`, a Date, if given), waiting until one arrives.
 */
export async function waitForMail(to, { subject, since, timeoutMs = 30_000 } = {}) {
  const address = to.trim().toLowerCase();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readMails()
      .filter((mail) => mail.envelopeTo.includes(address))
      .filter((mail) => !subject || subject.test(mail.subject))
      .filter((mail) => !since || new Date(mail.receivedAt) >= since);
    if (found.length) return found[found.length - 1];
    if (Date.now() > deadline) {
      throw new Error(`no e-mail to ${address}${subject ? ` matching ${subject}` : ''} within ${timeoutMs} ms (${readMails().length} received in all)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
