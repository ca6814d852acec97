/** A SIREN is 9 digits whose Luhn checksum is 0 (INSEE). A SIRET is the SIREN followed by 5 digits, Luhn-checked as a whole. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

export const isValidSiren = (value: string): boolean => /^\d{9}$/.test(value) && luhnValid(value);
export const isValidSiret = (value: string): boolean => /^\d{14}$/.test(value) && luhnValid(value);
