import type { ErrorBody } from '@academie/contracts';

/**
 * What to tell the person when a call failed for a reason the form does not handle itself: the
 * API's French message for a 4xx, a plain explanation otherwise.
 */
export function unexpectedErrorMessage(body: ErrorBody): string {
  if (body.statusCode === 0) return 'Le service est injoignable. Vérifiez votre connexion à Internet puis réessayez.';
  if (body.statusCode >= 500) return 'Le service rencontre un problème. Réessayez dans quelques instants.';
  return body.message;
}

/** The page title, prefixed while the form shows errors (RGAA 11.10: the title says it too). */
export function titleWithErrors(title: string, hasErrors: boolean): string {
  return hasErrors ? `Erreur : ${title}` : title;
}
