import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { ErrorBody, ErrorDetail } from '@academie/contracts';
import type { JsonLogger } from '../logging/json-logger';
import { requestContext } from '../logging/request-context';
import { DomainError } from './domain-error';
import { errorBody } from './error-body';

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): unknown;
  sent?: boolean;
}

/** Status and body for any error: domain errors, Nest HTTP exceptions, Fastify errors, and the unexpected. */
export function toErrorBody(exception: unknown): { body: ErrorBody; unexpected: boolean } {
  if (exception instanceof DomainError) {
    return { body: errorBody(exception.status, exception.message, exception.details), unexpected: false };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const cause = exception.cause as { code?: unknown; message?: string } | undefined;
    if (status < 500 && typeof cause?.code === 'string' && cause.code.startsWith('FST_')) {
      return { body: fastifyClientError(status, cause.code, cause.message), unexpected: false };
    }
    const response = exception.getResponse();
    let message = exception.message;
    let details: ErrorDetail[] = [];
    let extra: Record<string, unknown> = {};
    if (typeof response === 'object' && response !== null) {
      const { message: _m, details: _d, statusCode: _s, error: _e, ...rest } = response as Record<string, unknown>;
      extra = rest; // additional documented fields, such as the checks of a 503 readiness answer
      const r = response as { message?: unknown; details?: unknown };
      if (Array.isArray(r.details)) details = r.details as ErrorDetail[];
      if (typeof r.message === 'string') message = r.message;
      else if (Array.isArray(r.message)) {
        message = 'Requête invalide.';
        details = r.message.map((reason) => ({ field: 'body', reason: String(reason) }));
      }
    }
    if (status === 404 && details.length === 0 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(message)) {
      message = 'Ressource introuvable.';
    }
    return { body: { ...errorBody(status, message, details), ...extra }, unexpected: status >= 500 && status !== 503 };
  }
  const fastify = exception as { statusCode?: number; code?: string; message?: string } | null;
  if (fastify && typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return { body: fastifyClientError(fastify.statusCode, fastify.code, fastify.message), unexpected: false };
  }
  return { body: errorBody(500, 'Erreur interne. Réessayez plus tard.'), unexpected: true };
}

function fastifyClientError(status: number, code: string | undefined, raw: string | undefined): ErrorBody {
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errorBody(400, 'Le corps de la requête n’est pas un JSON valide.', [
        { field: 'body', reason: 'must be valid JSON' },
      ]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return errorBody(415, 'Type de contenu non pris en charge : envoyez application/json.', [
        { field: 'content-type', reason: 'must be application/json' },
      ]);
    case 'FST_ERR_BAD_URL':
      return errorBody(400, 'Adresse invalide.', [{ field: 'url', reason: 'must be percent-encoded UTF-8' }]);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return errorBody(414, 'Adresse trop longue.', [{ field: 'path', reason: 'has a parameter longer than 100 characters' }]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errorBody(413, 'Le corps de la requête est trop volumineux.', [{ field: 'body', reason: 'is too large' }]);
    default:
      if (raw && /JSON/i.test(raw)) {
        return errorBody(400, 'Le corps de la requête n’est pas un JSON valide.', [
          { field: 'body', reason: 'must be valid JSON' },
        ]);
      }
      return errorBody(status, 'Requête invalide.', [{ field: 'request', reason: code ?? 'is invalid' }]);
  }
}

/** Sends an error in the one format of the API; logs every unexpected error with the request id, never to the client. */
export function sendError(reply: ReplyLike, exception: unknown, logger: JsonLogger): void {
  const { body, unexpected } = toErrorBody(exception);
  if (unexpected) {
    const err = exception instanceof Error ? exception : new Error(String(exception));
    logger.event('error', 'unexpected error', { err: err.name, errorMessage: err.message, stack: err.stack }, 'http');
  }
  if (exception instanceof DomainError) {
    for (const [name, value] of Object.entries(exception.headers)) reply.header(name, value);
  }
  const requestId = requestContext.requestId;
  if (requestId) reply.header('x-request-id', requestId);
  reply.header('content-type', 'application/json; charset=utf-8');
  reply.status(body.statusCode).send(body);
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    sendError(reply, exception, this.logger);
  }
}
