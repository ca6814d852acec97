import { luhnValid } from '@academie/contracts';

/** A SIREN passing the Luhn check, made from any 8-digit base: distinct bases give distinct SIRENs. */
export function sirenFrom(base: number): string {
  const digits = String(base).padStart(8, '0');
  for (let check = 0; check <= 9; check++) {
    if (luhnValid(digits + check)) return digits + check;
  }
  throw new Error('unreachable: one check digit in ten completes any base');
}
