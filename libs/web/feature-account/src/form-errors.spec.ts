import { describe, expect, it } from '@jest/globals';
import {
  emailError,
  fieldErrorsFromApi,
  firstFieldInError,
  hasErrors,
  MESSAGES,
  newPasswordError,
  normalizeSiren,
  passwordRefusalMessage,
  sirenError,
} from './form-errors';

const badRequest = (details: { field: string; reason: string }[]) => ({
  statusCode: 400,
  error: 'Bad Request',
  message: 'La requête est invalide.',
  details,
});

describe('fieldErrorsFromApi', () => {
  const messages = { status: 'Choisissez votre situation.', siren: 'SIREN invalide.', region: 'Choisissez une région.' };

  it('puts the form’s French message on each field the API names', () => {
    const { fieldErrors, otherDetails } = fieldErrorsFromApi(
      badRequest([
        { field: 'siren', reason: 'must pass the Luhn check' },
        { field: 'region', reason: 'must be one of the following values: 01, 02' },
      ]),
      messages,
    );
    expect(fieldErrors).toEqual({ siren: 'SIREN invalide.', region: 'Choisissez une région.' });
    expect(otherDetails).toEqual([]);
  });

  it('matches a dotted path by its last segment', () => {
    const { fieldErrors } = fieldErrorsFromApi(badRequest([{ field: 'profile.siren', reason: 'invalid' }]), messages);
    expect(fieldErrors).toEqual({ siren: 'SIREN invalide.' });
  });

  it('keeps the details that name no field of the form', () => {
    const { fieldErrors, otherDetails } = fieldErrorsFromApi(
      badRequest([
        { field: 'body', reason: 'property sirenx should not exist' },
        { field: 'status', reason: 'must be one of...' },
        { field: 'status', reason: 'should not be empty' },
      ]),
      messages,
    );
    expect(fieldErrors).toEqual({ status: 'Choisissez votre situation.' });
    expect(otherDetails).toEqual([{ field: 'body', reason: 'property sirenx should not exist' }]);
  });

  it('chooses the message from the reason when the form says how', () => {
    const { fieldErrors } = fieldErrorsFromApi(badRequest([{ field: 'password', reason: 'is too common: choose a less predictable password' }]), {
      password: passwordRefusalMessage,
    });
    expect(fieldErrors).toEqual({ password: MESSAGES.passwordTooCommon });
  });

  it('does not confuse a field with another that ends like it', () => {
    const { fieldErrors, otherDetails } = fieldErrorsFromApi(badRequest([{ field: 'companySiren', reason: 'x' }]), messages);
    expect(fieldErrors).toEqual({});
    expect(otherDetails).toHaveLength(1);
  });
});

describe('firstFieldInError and hasErrors', () => {
  it('follows the order of the form, not the order of the answer', () => {
    const order = ['firstName', 'lastName', 'email', 'password'] as const;
    expect(firstFieldInError(order, { password: 'x', email: 'y' })).toBe('email');
    expect(firstFieldInError(order, {})).toBeUndefined();
    expect(hasErrors({ email: undefined })).toBe(false);
    expect(hasErrors({ email: 'x' })).toBe(true);
  });
});

describe('emailError', () => {
  it.each(['camille.martin@example.fr', ' camille@sous.domaine.gouv.fr ', 'a+b@ex-ample.com'])('accepts %s', (email) => {
    expect(emailError(email)).toBeUndefined();
  });

  it('asks for an address when the field is empty', () => {
    expect(emailError('  ')).toBe(MESSAGES.emailMissing);
  });

  it.each(['camille', 'camille@', '@example.fr', 'camille@example', 'camille martin@example.fr', 'camille@@example.fr'])(
    'refuses %s',
    (email) => {
      expect(emailError(email)).toBe(MESSAGES.emailInvalid);
    },
  );
});

describe('newPasswordError', () => {
  it('wants 12 characters as the person counts them', () => {
    expect(newPasswordError('')).toBe(MESSAGES.passwordMissing);
    expect(newPasswordError('a'.repeat(11))).toBe(MESSAGES.passwordTooShort);
    expect(newPasswordError('a'.repeat(12))).toBeUndefined();
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(newPasswordError('🔒'.repeat(11))).toBe(MESSAGES.passwordTooShort);
    expect(newPasswordError('a'.repeat(129))).toBe(MESSAGES.passwordTooLong);
  });
});

describe('passwordRefusalMessage', () => {
  it.each([
    ['must be at least 12 characters long', MESSAGES.passwordTooShort],
    ['must be longer than or equal to 12 characters', MESSAGES.passwordTooShort],
    ['must be at most 128 characters long', MESSAGES.passwordTooLong],
    ['is too common: choose a less predictable password', MESSAGES.passwordTooCommon],
    ['is a common word wrapped in digits or symbols: choose a less predictable password', MESSAGES.passwordTooCommon],
    ['repeats too few different characters', MESSAGES.passwordTooRepetitive],
    ['must not be built on your e-mail address or your name', MESSAGES.passwordPersonal],
    ['must differ from the current password', MESSAGES.passwordSameAsCurrent],
    ['something new', MESSAGES.passwordRefused],
  ])('explains « %s » in French', (reason, message) => {
    expect(passwordRefusalMessage(reason)).toBe(message);
  });
});

describe('SIREN', () => {
  it('removes the spaces, dots and dashes people type', () => {
    expect(normalizeSiren('130 025 265')).toBe('130025265');
    expect(normalizeSiren('130.025.265')).toBe('130025265');
    expect(normalizeSiren('130\u00a0025\u00a0265')).toBe('130025265');
  });

  it('accepts an empty field or a valid SIREN and refuses the rest', () => {
    expect(sirenError('')).toBeUndefined();
    expect(sirenError('130 025 265')).toBeUndefined();
    expect(sirenError('130025266')).toBe(MESSAGES.sirenInvalid);
    expect(sirenError('13002526')).toBe(MESSAGES.sirenInvalid);
    expect(sirenError('13002526A')).toBe(MESSAGES.sirenInvalid);
  });
});
