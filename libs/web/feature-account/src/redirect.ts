import type { MeResponse } from '@academie/contracts';

export { RETURN_PARAM, safeReturnPath, signInPath } from '@academie/web-data-access';

/**
 * A profile is incomplete until it says who the person is (status) and lets the platform derive the
 * audience (the company size for those who work in one); the region is needed for the plan's
 * figures.
 */
export function isProfileIncomplete(user: Pick<MeResponse, 'profile' | 'audience'>): boolean {
  return user.profile.status === null || user.profile.region === null || user.audience === null;
}

export const PROFILE_PATH = '/mon-profil';

/**
 * Where to go once signed in: back where the person came from; otherwise to the profile when it is
 * incomplete; otherwise home.
 */
export function destinationAfterSignIn(user: Pick<MeResponse, 'profile' | 'audience'>, returnPath: string | undefined): string {
  if (returnPath !== undefined) return returnPath;
  return isProfileIncomplete(user) ? PROFILE_PATH : '/';
}

/**
 * Where an SSO button may send the browser: the API's start route on this site, or an https address.
 * Anything else (`javascript:`, `data:`...) is refused even if the API said so.
 */
export function safeSsoStartUrl(value: string): string | undefined {
  if (value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')) return value;
  try {
    return new URL(value).protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The SSO start address with the page to come back to: the API keeps `returnTo` (a path of this site)
 * through the provider's round trip and lands on `/connexion/sso?retour=…`.
 */
export function ssoStartUrlWithReturn(startUrl: string, returnPath: string | undefined): string {
  if (returnPath === undefined || returnPath === '/') return startUrl;
  const separator = startUrl.includes('?') ? '&' : '?';
  return `${startUrl}${separator}returnTo=${encodeURIComponent(returnPath)}`;
}

/** Why an SSO sign-in was refused (`/connexion?erreur=…`, set by the API's callback), in plain words. */
export function ssoFailureMessage(reason: string): { title: string; description: string } {
  switch (reason) {
    case 'sso-indisponible':
      return {
        title: 'La connexion avec FranceConnect ou ProConnect est indisponible',
        description: 'Le service d’identification ne répond pas pour le moment. Réessayez plus tard, ou connectez-vous avec votre adresse e-mail et votre mot de passe.',
      };
    case 'sso-compte-non-verifie':
      return {
        title: 'Votre adresse e-mail n’est pas encore vérifiée',
        description:
          'Un compte existe déjà avec cette adresse. Ouvrez le lien de l’e-mail de vérification que nous vous avons envoyé, puis réessayez ; ou connectez-vous avec votre mot de passe.',
      };
    case 'sso-compte-suspendu':
      return {
        title: 'Votre compte est suspendu',
        description: 'Vous ne pouvez plus vous connecter avec ce compte pour le moment. Pour en connaître la raison, écrivez à l’équipe de l’Académie de l’IA.',
      };
    default:
      return {
        title: 'La connexion n’a pas abouti',
        description: 'Le service d’identification n’a pas pu confirmer votre identité. Réessayez, ou connectez-vous avec votre adresse e-mail et votre mot de passe.',
      };
  }
}
