import { describe, expect, it } from '@jest/globals';
import { readCookie } from './cookies';

describe('readCookie', () => {
  it('finds a cookie among others, whatever the spacing', () => {
    expect(readCookie('theme=dark; academie_csrf=abc123;lang=fr', 'academie_csrf')).toBe('abc123');
    expect(readCookie('academie_csrf=abc123', 'academie_csrf')).toBe('abc123');
    expect(readCookie('  academie_csrf = abc123 ', 'academie_csrf')).toBe('abc123');
  });

  it('answers undefined when the cookie is absent', () => {
    expect(readCookie('', 'academie_csrf')).toBeUndefined();
    expect(readCookie('theme=dark', 'academie_csrf')).toBeUndefined();
  });

  it('does not take a cookie whose name merely contains the one asked for', () => {
    expect(readCookie('old_academie_csrf=nope; academie_csrf_x=no', 'academie_csrf')).toBeUndefined();
    expect(readCookie('xacademie_csrf=nope; academie_csrf=yes', 'academie_csrf')).toBe('yes');
  });

  it('keeps "=" inside the value (base64) and percent-decodes it', () => {
    expect(readCookie('academie_csrf=YWJj==', 'academie_csrf')).toBe('YWJj==');
    expect(readCookie('academie_csrf=a%2Bb%2Fc', 'academie_csrf')).toBe('a+b/c');
  });

  it('keeps a value that is not valid percent-encoding as it is, and strips quotes', () => {
    expect(readCookie('academie_csrf=100%', 'academie_csrf')).toBe('100%');
    expect(readCookie('academie_csrf="quoted"', 'academie_csrf')).toBe('quoted');
  });

  it('takes the first of two cookies with the same name', () => {
    expect(readCookie('academie_csrf=first; academie_csrf=second', 'academie_csrf')).toBe('first');
  });

  it('skips pieces without "="', () => {
    expect(readCookie('garbage; academie_csrf=ok', 'academie_csrf')).toBe('ok');
  });
});
