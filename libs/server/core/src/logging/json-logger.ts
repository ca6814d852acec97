import type { LoggerService } from '@nestjs/common';
import { requestContext } from './request-context';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

/**
 * Personal data and credentials that must never reach a log line even when a caller passes them by accident,
 * typically inside a third party's error message (an SMTP server's "recipient <x@y> rejected", a driver error
 * quoting a value): e-mail addresses, JWTs and Bearer credentials are replaced on the serialized line. The e2e
 * run scans its process logs for the same things (e2e/support/log-scan.mjs, docs/security.md).
 */
const REDACTIONS: [RegExp, string][] = [
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[e-mail]'],
  [/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[jwt]'],
  [/(Bearer)\s+[A-Za-z0-9._~+/-]{16,}/gi, '$1 [redacted]'],
];

/** The line with the values of REDACTIONS masked. */
export function redactLogLine(line: string): string {
  let out = line;
  for (const [pattern, replacement] of REDACTIONS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Structured logs: one JSON object per line on stdout, with the request id of the current request.
 * Callers log identifiers, never personal data (e-mails, names, tokens); what slips through anyway is masked.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly minLevel: Level = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }

  /** Structured entry: `logger.event('info', 'outbox relayed', { count: 3 })`. */
  event(level: Level, msg: string, fields: Record<string, unknown> = {}, context?: string): void {
    if (LEVELS[level] < LEVELS[this.minLevel]) return;
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      ...(context ? { context } : {}),
      msg,
      ...fields,
    };
    const requestId = requestContext.requestId;
    if (requestId && entry.requestId === undefined) entry.requestId = requestId;
    this.write(`${redactLogLine(JSON.stringify(entry))}\n`);
  }

  private emit(level: Level, message: unknown, rest: unknown[]): void {
    // Nest calls log(message, context) and error(message, stack, context).
    const params = [...rest];
    const context = typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (level === 'error' && typeof params[0] === 'string') fields.stack = params.shift();
    if (params.length > 0) fields.extra = params;
    if (message instanceof Error) {
      this.event(level, message.message, { ...fields, err: message.name, stack: message.stack }, context);
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...others } = message as Record<string, unknown>;
      this.event(level, typeof msg === 'string' ? msg : 'log', { ...others, ...fields }, context);
    } else {
      this.event(level, String(message), fields, context);
    }
  }
}
