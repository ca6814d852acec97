import type { ErrorDetail } from '@academie/contracts';

/**
 * Base of every error a context throws on purpose. Each context declares its codes and their HTTP status
 * in one map (see `defineErrors`), so that one place decides what the client sees.
 */
export class DomainError extends Error {
  /** Response headers that go with the error, such as `Retry-After` on a 429. */
  readonly headers: Record<string, string> = {};

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  withHeaders(headers: Record<string, string>): this {
    Object.assign(this.headers, headers);
    return this;
  }
}

type ErrorSpec = { status: number; message: string };

/**
 * Declares the error codes of a context: `const CatalogError = defineErrors({ CourseNotFound: { status: 404, message: '...' } })`
 * then `throw CatalogError.CourseNotFound([{ field: 'slug', reason: '...' }])`.
 */
export function defineErrors<T extends Record<string, ErrorSpec>>(
  specs: T,
): { [K in keyof T]: (details?: ErrorDetail[], message?: string) => DomainError } {
  const out = {} as { [K in keyof T]: (details?: ErrorDetail[], message?: string) => DomainError };
  for (const code of Object.keys(specs) as (keyof T)[]) {
    const spec = specs[code];
    out[code] = (details = [], message) => new DomainError(String(code), spec.status, message ?? spec.message, details);
  }
  return out;
}
