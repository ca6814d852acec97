import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HttpExceptionFilter, sendError, toErrorBody } from '../errors/http-exception.filter';
import type { AppConfig } from '../config/app-config';
import type { JsonLogger } from '../logging/json-logger';
import { requestContext } from '../logging/request-context';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { createValidationPipe } from './validation';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Well-known URIs (RFC 8615) live at the root of the origin, outside the `/api` prefix: each is rewritten to the
 * API route that serves it, before routing, so that both paths answer the same.
 */
export const WELL_KNOWN_ROUTES: Readonly<Record<string, string>> = {
  '/.well-known/jwks.json': '/api/.well-known/jwks.json',
};

/** Options for the Fastify adapter: request ids taken from `x-request-id` when well-formed, else generated. */
export const fastifyOptions = {
  rewriteUrl: (req: { url?: string }) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const target = WELL_KNOWN_ROUTES[query < 0 ? url : url.slice(0, query)];
    return target ? `${target}${query < 0 ? '' : url.slice(query)}` : url;
  },
  genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
    const incoming = req.headers['x-request-id'];
    return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  },
  bodyLimit: 1_048_576,
  logger: false,
  // Errors the router raises before any route or hook (a URL that is not percent-encoded UTF-8, a path parameter
  // over 100 characters) answer in the one error format too, instead of Fastify's own body (fuzz suite).
  frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    const { body } = toErrorBody(error);
    reply.code(body.statusCode);
    reply.header('content-type', 'application/json; charset=utf-8');
    reply.send(body);
  },
} as const;

/** The Fastify options of an API process: the shared ones, and the proxies it believes (TRUST_PROXY). */
export function fastifyOptionsFor(config: Pick<AppConfig, 'TRUST_PROXY'>) {
  return { ...fastifyOptions, trustProxy: config.TRUST_PROXY.split(',').map((part) => part.trim()).filter(Boolean) };
}

/**
 * The HTTP conventions shared by every Nest HTTP app of the platform: `/api` prefix, validation pipe,
 * one error format (also for errors Fastify raises before Nest, such as malformed JSON), request ids
 * in the logs and in the `x-request-id` header, one access-log line per request without query strings, and the
 * request histogram of `/api/metrics` (by route template, never the raw URL).
 */
export function configureHttpApp(app: NestFastifyApplication, logger: JsonLogger): void {
  const metrics = app.get(MetricsRegistry, { strict: false });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(logger));

  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    requestContext.run({ requestId: request.id }, done);
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const docs = request.url.startsWith('/api/docs');
    reply.header(
      'content-security-policy',
      docs
        ? "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
        : "default-src 'none'; frame-ancestors 'none'",
    );
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('strict-transport-security', 'max-age=63072000; includeSubDomains');
    // Answers may hold personal data: no shared cache keeps them unless a route says otherwise.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    // The matched pattern (`/api/courses/:slug`), or `unmatched` for a 404 outside any route: a bounded label set.
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    logger.event(
      reply.statusCode >= 500 ? 'error' : 'info',
      'request',
      {
        requestId: request.id,
        method: request.method,
        route,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
      },
      'http',
    );
    done();
  });
  fastify.setErrorHandler((error, request, reply) => {
    requestContext.run({ requestId: request.id }, () => sendError(reply, error, logger));
  });
}
