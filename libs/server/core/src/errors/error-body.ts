import { STATUS_CODES } from 'node:http';
import type { ValidationError } from 'class-validator';
import type { ErrorBody, ErrorDetail } from '@academie/contracts';

export function errorBody(statusCode: number, message: string, details: ErrorDetail[] = []): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, details };
}

/** Flattens class-validator errors into `{ field, reason }` with dotted paths (`events.0.eventId`). */
export function validationDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const error of errors) {
    // A key sent with an empty name (`?=x`, `{"": 1}`) is still named, so that every detail says which field.
    const property = error.property === '' ? '(empty)' : error.property;
    const field = parent ? `${parent}.${property}` : property;
    for (const reason of Object.values(error.constraints ?? {})) out.push({ field, reason });
    if (error.children?.length) out.push(...validationDetails(error.children, field));
  }
  return out;
}
