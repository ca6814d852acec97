import { type ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ErrorDetail } from '@academie/contracts';
import { validationDetails } from '../errors/error-body';

/**
 * How deep a body, query or parameter may nest. No route takes more than a few levels; class-transformer and
 * class-validator recurse without a limit and overflowed the stack (a 500) on a 2,000-level body (fuzz suite).
 */
export const MAX_INPUT_DEPTH = 32;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The first value of an input that no route can take, whatever its DTO says: nested deeper than
 * MAX_INPUT_DEPTH, or a string (value or key) holding NUL (PostgreSQL refuses it in text) or a lone UTF-16
 * surrogate (not Unicode; validator's isEmail throws on it). Found by the fuzz suite (apps/api/src/fuzz.int-spec.ts).
 */
export function unacceptableInput(value: unknown, field: string, depth = 0): ErrorDetail | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { field, reason: 'must not contain the NUL character' };
    if (LONE_SURROGATE.test(value)) return { field, reason: 'must be well-formed Unicode text' };
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_INPUT_DEPTH) return { field, reason: `must not be nested more than ${MAX_INPUT_DEPTH} levels deep` };
  for (const [key, child] of Object.entries(value)) {
    const path = field === '' ? key : `${field}.${key}`;
    const keyProblem = unacceptableInput(key, path || '(empty)', depth + 1);
    if (keyProblem) return keyProblem;
    const problem = unacceptableInput(child, path || '(empty)', depth + 1);
    if (problem) return problem;
  }
  return null;
}

/** The validation pipe, after the checks of `unacceptableInput` on every body, query string and path parameter. */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problem = unacceptableInput(value, metadata.data ?? '');
      if (problem) {
        if (problem.field === '') problem.field = metadata.type === 'param' ? 'path' : metadata.type;
        throw new BadRequestException({ message: 'Requête invalide.', details: [problem] });
      }
    }
    return super.transform(value, metadata);
  }
}

/**
 * The one validation pipe: strips nothing silently (unknown fields are refused), converts query strings
 * to the declared types, and answers 400 with `{ field, reason }` for every failed constraint.
 */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestException({ message: 'Requête invalide.', details: validationDetails(errors) }),
  });
}
