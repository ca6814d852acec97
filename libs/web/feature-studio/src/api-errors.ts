import type { ErrorBody } from '@academie/contracts';

/** One French message per field in error, keyed by the field's path in the API request (`quiz.questions.0.options`). */
export type FieldErrors = Record<string, string>;

/**
 * What to tell the person when a call failed for a reason the form does not explain itself: the API's
 * French message for a 4xx, a plain explanation otherwise.
 */
export function unexpectedErrorMessage(body: ErrorBody): string {
  if (body.statusCode === 0) return 'Le service est injoignable. Vérifiez votre connexion à Internet puis réessayez.';
  if (body.statusCode >= 500) return 'Le service rencontre un problème. Réessayez dans quelques instants.';
  return body.message;
}

/**
 * The field errors of a 400 answer. The API names each field (`title`, `quiz.questions.0.options`) and
 * explains it in English for developers: `messageOf` gives the form's French message for that field,
 * or undefined for a field the form does not show (then it is left to the general alert).
 */
export function fieldErrorsFromApi(body: ErrorBody, messageOf: (field: string, reason: string) => string | undefined): FieldErrors {
  const errors: FieldErrors = {};
  if (body.statusCode !== 400 && body.statusCode !== 409) return errors;
  for (const detail of body.details) {
    const message = messageOf(detail.field, detail.reason);
    if (message !== undefined) errors[detail.field] ??= message;
  }
  return errors;
}

/** The first field in error, in the order of the form, so that it can take the focus. */
export function firstInError(order: readonly string[], errors: FieldErrors): string | undefined {
  return order.find((field) => errors[field] !== undefined) ?? Object.keys(errors)[0];
}

/** The page title, prefixed while the form shows errors (RGAA 11.10: the title says it too). */
export function titleWithErrors(title: string, hasErrors: boolean): string {
  return hasErrors ? `Erreur : ${title}` : title;
}

/** An element id from a field path: `quiz.questions.0.prompt` -> `lecon-quiz-questions-0-prompt`. */
export function fieldId(prefix: string, field: string): string {
  return `${prefix}-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
