// A local SMTP server that keeps what it receives, for the tests that follow an e-mail (verification and reset
// links): integration tests read the messages in memory, the e2e suite has them written as files under a folder
// (one `.eml` and one decoded `.json` per message) that any test process can read. Plain JS, so that the e2e
// global setup (loaded outside Jest's module mapper) can use it too.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`) in a header value. */
export function decodeHeader(value) {
  return value
    .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, charset, encoding, text) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
      return new TextDecoder(charset.toLowerCase()).decode(bytes);
    });
}

function decodeBody(body, transferEncoding, charset) {
  let bytes;
  switch ((transferEncoding ?? '7bit').toLowerCase()) {
    case 'base64':
      bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
      break;
    case 'quoted-printable':
      bytes = Buffer.from(
        body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      );
      break;
    default:
      bytes = Buffer.from(body, 'latin1');
  }
  return new TextDecoder((charset ?? 'utf-8').toLowerCase()).decode(bytes);
}

function splitHeaders(raw) {
  const index = raw.search(/\r?\n\r?\n/);
  const head = index === -1 ? raw : raw.slice(0, index);
  const body = index === -1 ? '' : raw.slice(index).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

const parameter = (header, name) => new RegExp(`${name}="?([^";]+)"?`, 'i').exec(header ?? '')?.[1];

function collectParts(raw, out) {
  const { headers, body } = splitHeaders(raw);
  const type = (headers['content-type'] ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = parameter(headers['content-type'], 'boundary');
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      collectParts(part.replace(/^\r?\n/, ''), out);
    }
    return;
  }
  const text = decodeBody(body, headers['content-transfer-encoding'], parameter(headers['content-type'], 'charset'));
  if (type.startsWith('text/plain') && out.text === undefined) out.text = text;
  if (type.startsWith('text/html') && out.html === undefined) out.html = text;
}

/** The useful parts of a raw message (as sent by nodemailer): headers decoded, text and HTML bodies decoded. */
export function parseMail(raw) {
  const { headers } = splitHeaders(raw);
  const parts = {};
  collectParts(raw, parts);
  return {
    messageId: headers['message-id'] ?? null,
    from: decodeHeader(headers.from ?? ''),
    to: decodeHeader(headers.to ?? ''),
    subject: decodeHeader(headers.subject ?? ''),
    text: (parts.text ?? '').replace(/\r\n/g, '\n'),
    html: parts.html ?? '',
    headers,
  };
}

/** The first link in a text that starts with the given address prefix (`${PUBLIC_BASE_URL}/verifier-email`). */
export function findLink(text, prefix) {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}[^\\s<>"]*`).exec(text)?.[0] ?? null;
}

/**
 * Starts the server on a free port of 127.0.0.1 (no TLS, no authentication). With `dir`, each message is also
 * written there. `envelopeTo` lists the recipients of the SMTP envelope (the addresses actually written to).
 */
export async function startMailCapture({ dir } = {}) {
  const messages = [];
  const waiters = new Set();
  let count = 0;
  if (dir) mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        const message = {
          ...parseMail(raw),
          envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          receivedAt: new Date().toISOString(),
          raw,
        };
        messages.push(message);
        if (dir) {
          const name = `${Date.now()}-${String(++count).padStart(4, '0')}`;
          writeFileSync(join(dir, `${name}.eml`), Buffer.from(raw, 'latin1'));
          const decoded = { ...message };
          delete decoded.raw;
          delete decoded.headers;
          writeFileSync(join(dir, `${name}.json`), JSON.stringify(decoded, null, 2));
        }
        for (const waiter of waiters) waiter();
        callback(null, 'Message accepted');
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = server.server.address().port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** Messages sent to this address (envelope), oldest first. */
    to(address) {
      return messages.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
    },
    /** Resolves with the first message matching, waiting up to `timeoutMs`. */
    waitFor(predicate, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching e-mail within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Every message written to `dir` by a capture started with `{ dir }`, oldest first (decoded JSON). */
export function readMailDir(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')));
}
