import { BadRequestException, HttpException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { defineErrors } from './domain-error';
import { toErrorBody } from './http-exception.filter';

const Errors = defineErrors({ Gone: { status: 410, message: 'Parti.' } });

describe('toErrorBody', () => {
  it('maps a domain error to its status, message and details', () => {
    expect(toErrorBody(Errors.Gone([{ field: 'id', reason: 'gone' }]))).toEqual({
      body: { statusCode: 410, error: 'Gone', message: 'Parti.', details: [{ field: 'id', reason: 'gone' }] },
      unexpected: false,
    });
  });

  it('keeps the details of a validation failure', () => {
    const { body } = toErrorBody(new BadRequestException({ message: 'Requête invalide.', details: [{ field: 'a', reason: 'b' }] }));
    expect(body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Requête invalide.', details: [{ field: 'a', reason: 'b' }] });
  });

  it('names the body for malformed JSON raised by Fastify', () => {
    const fastifyError = Object.assign(new Error('Body is not valid JSON'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 });
    const { body } = toErrorBody(new HttpException(fastifyError.message, 400, { cause: fastifyError }));
    expect(body.details).toEqual([{ field: 'body', reason: 'must be valid JSON' }]);
  });

  it('names the content type for an unsupported media type', () => {
    const fastifyError = Object.assign(new Error('Unsupported'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 });
    expect(toErrorBody(fastifyError).body).toMatchObject({ statusCode: 415, details: [{ field: 'content-type', reason: 'must be application/json' }] });
  });

  it('names the URL or the path for the errors the router raises before any route', () => {
    const badUrl = Object.assign(new Error("'/api/%ED' is not a valid url component"), { code: 'FST_ERR_BAD_URL', statusCode: 400 });
    expect(toErrorBody(badUrl).body).toMatchObject({ statusCode: 400, details: [{ field: 'url', reason: 'must be percent-encoded UTF-8' }] });
    const longParam = Object.assign(new Error('too long'), { code: 'FST_ERR_MAX_PARAM_LENGTH', statusCode: 414 });
    expect(toErrorBody(longParam).body).toMatchObject({ statusCode: 414, error: 'URI Too Long', details: [{ field: 'path' }] });
  });

  it('translates the router 404', () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /api/x')).body.message).toBe('Ressource introuvable.');
  });

  it('keeps documented extra fields of a 503 and does not count it as unexpected', () => {
    const result = toErrorBody(new ServiceUnavailableException({ message: 'Down', details: [], checks: [1] }));
    expect(result).toEqual({ body: { statusCode: 503, error: 'Service Unavailable', message: 'Down', details: [], checks: [1] }, unexpected: false });
  });

  it('hides everything about an unexpected error', () => {
    const result = toErrorBody(new TypeError('secret internals at /srv/app.js:12'));
    expect(result.unexpected).toBe(true);
    expect(result.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: expect.any(String), details: [] });
    expect(JSON.stringify(result.body)).not.toContain('secret');
  });
});
