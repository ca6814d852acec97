// Types of mail-capture.mjs.

export interface CapturedMail {
  messageId: string | null;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Recipients of the SMTP envelope, lowercase. */
  envelopeTo: string[];
  receivedAt: string;
}

export interface MailCapture {
  port: number;
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  messages: (CapturedMail & { raw: string; headers: Record<string, string> })[];
  to(address: string): CapturedMail[];
  waitFor(predicate: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

export function decodeHeader(value: string): string;
export function parseMail(raw: string): Omit<CapturedMail, 'envelopeTo' | 'receivedAt'> & { headers: Record<string, string> };
export function findLink(text: string, prefix: string): string | null;
export function startMailCapture(options?: { dir?: string }): Promise<MailCapture>;
export function readMailDir(dir: string): CapturedMail[];
