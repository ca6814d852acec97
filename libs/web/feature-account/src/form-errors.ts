import { PASSWORD_MIN_LENGTH, isValidSiren, type ErrorBody, type ErrorDetail } from '@academie/contracts';

/** One message per field in error, in French, keyed by the field's name in the API request. */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export interface MappedErrors<F extends string> {
  fieldErrors: FieldErrors<F>;
  /** Details that name none of the form's fields (`body`, `token`...): shown above the form. */
  otherDetails: ErrorDetail[];
}

/** The French message of a field: fixed, or chosen from the API's reason (passwords: too short, too common...). */
export type FieldMessage = string | ((reason: string) => string);

/**
 * The field errors of a 400 answer, for the fields of one form. The API names the field of each detail
 * (`siren`, or a dotted path such as `profile.siren`) and explains it in English for developers
 * (class-validator): the person reads the form's own French message for that field instead.
 */
export function fieldErrorsFromApi<F extends string>(
  body: ErrorBody,
  messages: Record<F, FieldMessage>,
): MappedErrors<F> {
  const fields = Object.keys(messages) as F[];
  const fieldErrors: FieldErrors<F> = {};
  const otherDetails: ErrorDetail[] = [];
  for (const detail of body.details) {
    const field = fields.find((name) => detail.field === name || detail.field.split('.').at(-1) === name);
    if (field === undefined) otherDetails.push(detail);
    else {
      const message = messages[field];
      fieldErrors[field] ??= typeof message === 'string' ? message : message(detail.reason);
    }
  }
  return { fieldErrors, otherDetails };
}

/** The fields in error, in the order of the form, so the first one can take the focus. */
export function firstFieldInError<F extends string>(order: readonly F[], errors: FieldErrors<F>): F | undefined {
  return order.find((field) => errors[field] !== undefined);
}

export function hasErrors<F extends string>(errors: FieldErrors<F>): boolean {
  return Object.values(errors).some((message) => message !== undefined);
}

// ---------------------------------------------------------------------------------------------------
// Client-side checks. They spare a round trip; the API checks everything again and has the last word.

/** Longer passwords are refused by the API before hashing (argon2 of a megabyte burns the CPU). */
export const PASSWORD_MAX_LENGTH = 128;

/** What browsers accept for `<input type="email">` (WHATWG), which is also what the API expects. */
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

export const MESSAGES = {
  emailMissing: 'Saisissez votre adresse e-mail.',
  emailInvalid: 'Saisissez une adresse e-mail valide, au format nom@domaine.fr.',
  passwordMissing: 'Saisissez votre mot de passe.',
  passwordTooShort: `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`,
  passwordTooLong: `Le mot de passe doit contenir au plus ${PASSWORD_MAX_LENGTH} caractères.`,
  passwordTooCommon:
    'Ce mot de passe fait partie des plus utilisés : il serait deviné en premier. Choisissez-en un moins prévisible, par exemple une phrase de plusieurs mots.',
  passwordTooRepetitive: 'Ce mot de passe répète trop peu de caractères différents. Choisissez-en un plus varié.',
  passwordPersonal: 'Le mot de passe ne doit pas reprendre votre adresse e-mail ou votre nom.',
  passwordSameAsCurrent: 'Le nouveau mot de passe doit être différent de l’actuel.',
  passwordRefused: 'Ce mot de passe ne convient pas. Choisissez-en un plus long et moins prévisible.',
  firstNameMissing: 'Saisissez votre prénom.',
  lastNameMissing: 'Saisissez votre nom.',
  sirenInvalid:
    'Le numéro SIREN n’est pas valide : il compte 9 chiffres, comme indiqué sur l’avis de situation au répertoire Sirene (par exemple 130 025 265).',
} as const;

export function emailError(value: string): string | undefined {
  const email = value.trim();
  if (email === '') return MESSAGES.emailMissing;
  if (email.length > 254 || !EMAIL.test(email)) return MESSAGES.emailInvalid;
  return undefined;
}

/**
 * A new password: 12 characters at least (`PASSWORD_MIN_LENGTH`), counted as the person sees them, and
 * not so long that hashing it would be abuse. The API also refuses common and personal passwords.
 */
export function newPasswordError(value: string): string | undefined {
  if (value === '') return MESSAGES.passwordMissing;
  if (passwordLength(value) < PASSWORD_MIN_LENGTH) return MESSAGES.passwordTooShort;
  if (passwordLength(value) > PASSWORD_MAX_LENGTH) return MESSAGES.passwordTooLong;
  return undefined;
}

/** Why the API refused a new password, from its reason (English, for developers) to French. */
export function passwordRefusalMessage(reason: string): string {
  const text = reason.toLowerCase();
  if (/at least|too short|longer than/.test(text)) return MESSAGES.passwordTooShort;
  if (/at most|too long|shorter than/.test(text)) return MESSAGES.passwordTooLong;
  if (text.includes('common')) return MESSAGES.passwordTooCommon;
  if (text.includes('different characters') || text.includes('repeat')) return MESSAGES.passwordTooRepetitive;
  if (/\bdiffer\b|current password/.test(text)) return MESSAGES.passwordSameAsCurrent;
  if (text.includes('e-mail') || text.includes('email') || text.includes('name')) return MESSAGES.passwordPersonal;
  return MESSAGES.passwordRefused;
}

/** Characters as a person counts them: « é » or an emoji is one, not two UTF-16 units. */
export function passwordLength(value: string): number {
  return [...value].length;
}

export function requiredError(value: string, message: string): string | undefined {
  return value.trim() === '' ? message : undefined;
}

/** The SIREN as typed, without the spaces people put in it (`130 025 265`). */
export function normalizeSiren(value: string): string {
  return value.replace(/[\s\u00a0.-]/g, '');
}

/** Empty is fine (the SIREN is optional); otherwise 9 digits with a valid Luhn key. */
export function sirenError(value: string): string | undefined {
  const siren = normalizeSiren(value);
  if (siren === '') return undefined;
  return isValidSiren(siren) ? undefined : MESSAGES.sirenInvalid;
}
