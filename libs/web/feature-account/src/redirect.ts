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
