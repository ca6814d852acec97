import { describe, expect, it } from '@jest/globals';
import { safeReturnPath, signInPath } from './return-path';

describe('safeReturnPath', () => {
  it.each([
    ['/', '/'],
    ['/mon-profil', '/mon-profil'],
    ['/formations/ia-tpe?etape=2#quiz', '/formations/ia-tpe?etape=2#quiz'],
    ['/a/../mon-profil', '/mon-profil'],
  ])('keeps the path of this site %s', (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });

  it.each([
    null,
    undefined,
    '',
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example/',
    'javascript:alert(1)',
    'mon-profil',
    '/\tevil',
    '/ok\nline',
  ])('drops %s', (value) => {
    expect(safeReturnPath(value)).toBeUndefined();
  });

  it('keeps percent-encoded characters encoded', () => {
    expect(safeReturnPath('/recherche?q=%0d%0a')).toBe('/recherche?q=%0d%0a');
  });

  it('does not go back to the sign-in or sign-up pages', () => {
    expect(safeReturnPath('/connexion')).toBeUndefined();
    expect(safeReturnPath('/connexion/sso')).toBeUndefined();
    expect(safeReturnPath('/inscription?x=1')).toBeUndefined();
    expect(safeReturnPath('/reinitialiser-mot-de-passe?token=abc')).toBeUndefined();
  });
});

describe('signInPath', () => {
  it('carries the page to come back to, encoded', () => {
    expect(signInPath('/formations/ia?x=1')).toBe('/connexion?retour=%2Fformations%2Fia%3Fx%3D1');
  });

  it('carries nothing for the home page, an account page or a foreign address', () => {
    expect(signInPath('/')).toBe('/connexion');
    expect(signInPath('/inscription')).toBe('/connexion');
    expect(signInPath('https://evil.example')).toBe('/connexion');
    expect(signInPath()).toBe('/connexion');
  });
});
