import type { Profile } from '@academie/contracts';
import { describe, expect, it } from '@jest/globals';
import { destinationAfterSignIn, isProfileIncomplete, safeSsoStartUrl, ssoFailureMessage, ssoStartUrlWithReturn } from './redirect';

const emptyProfile: Profile = { status: null, staffBand: null, region: null, sector: null, siren: null };
const completeProfile: Profile = { status: 'salarie', staffBand: '11', region: '53', sector: 'C', siren: null };

describe('destinationAfterSignIn', () => {
  it('goes back where the person came from', () => {
    expect(destinationAfterSignIn({ profile: emptyProfile, audience: null }, '/formations/x')).toBe('/formations/x');
  });

  it('otherwise goes to the profile when it is incomplete', () => {
    expect(destinationAfterSignIn({ profile: emptyProfile, audience: null }, undefined)).toBe('/mon-profil');
    // A status but no company size: the audience cannot be derived.
    expect(destinationAfterSignIn({ profile: { ...completeProfile, staffBand: null }, audience: null }, undefined)).toBe('/mon-profil');
  });

  it('otherwise goes home', () => {
    expect(destinationAfterSignIn({ profile: completeProfile, audience: 'pme' }, undefined)).toBe('/');
  });
});

describe('isProfileIncomplete', () => {
  it('needs the status, the region and an audience', () => {
    expect(isProfileIncomplete({ profile: completeProfile, audience: 'pme' })).toBe(false);
    expect(isProfileIncomplete({ profile: { ...completeProfile, region: null }, audience: 'pme' })).toBe(true);
    expect(
      isProfileIncomplete({ profile: { ...emptyProfile, status: 'demandeur_emploi', region: '11' }, audience: 'demandeur_emploi' }),
    ).toBe(false);
  });
});

describe('safeSsoStartUrl', () => {
  it('accepts the start route of this site or an https address', () => {
    expect(safeSsoStartUrl('/api/auth/sso/franceconnect/start')).toBe('/api/auth/sso/franceconnect/start');
    expect(safeSsoStartUrl('https://academie-ia.gouv.fr/api/auth/sso/proconnect/start')).toBe(
      'https://academie-ia.gouv.fr/api/auth/sso/proconnect/start',
    );
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', 'http://insecure.example/start', '//evil.example/start', 'relative/start'])(
    'refuses %s',
    (value) => {
      expect(safeSsoStartUrl(value)).toBeUndefined();
    },
  );
});

describe('ssoStartUrlWithReturn', () => {
  it('adds the page to come back to, encoded', () => {
    expect(ssoStartUrlWithReturn('/api/auth/sso/proconnect/start', '/formations/x?etape=2')).toBe(
      '/api/auth/sso/proconnect/start?returnTo=%2Fformations%2Fx%3Fetape%3D2',
    );
    expect(ssoStartUrlWithReturn('/api/auth/sso/proconnect/start?acr=1', '/mon-profil')).toBe(
      '/api/auth/sso/proconnect/start?acr=1&returnTo=%2Fmon-profil',
    );
  });

  it('adds nothing without a page, or for the home page', () => {
    expect(ssoStartUrlWithReturn('/api/auth/sso/franceconnect/start', undefined)).toBe('/api/auth/sso/franceconnect/start');
    expect(ssoStartUrlWithReturn('/api/auth/sso/franceconnect/start', '/')).toBe('/api/auth/sso/franceconnect/start');
  });
});

describe('ssoFailureMessage', () => {
  it('has a sentence for each reason the API gives, and one for the rest', () => {
    const titles = ['sso-indisponible', 'sso-echec', 'sso-compte-non-verifie', 'sso-compte-suspendu', 'autre'].map(
      (reason) => ssoFailureMessage(reason).title,
    );
    expect(new Set(titles).size).toBe(4);
    expect(ssoFailureMessage('sso-echec')).toEqual(ssoFailureMessage('inconnue'));
  });
});
