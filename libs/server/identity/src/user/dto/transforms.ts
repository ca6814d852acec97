import { Transform } from 'class-transformer';

/** Trims strings (names, e-mails) before validation; other types pass through to be refused by the validators. */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** The stored form of an e-mail: trimmed and lowercase. */
export const NormalizeEmail = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

/** No control characters (newlines, NUL) in names. */
export const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;
