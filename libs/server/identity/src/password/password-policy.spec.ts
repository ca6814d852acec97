import { passwordProblem } from './password-policy';
import { COMMON_PASSWORDS_TEXT } from './common-passwords';

describe('passwordProblem', () => {
  it.each(['motdepasse123', 'azertyuiop12', 'password1234', '123456789012', 'MotDePasse123', 'AZERTYUIOP12'])(
    'refuses the common password %s',
    (password) => {
      expect(passwordProblem(password)).toMatch(/too common/);
    },
  );

  it.each(['Soleil2024!!!!', '!!!marseille2025', '12345bonjour6789', 'Password_2031!!'])(
    'refuses a common word wrapped in digits or symbols: %s',
    (password) => {
      expect(passwordProblem(password)).toMatch(/common word/);
    },
  );

  it('refuses fewer than 12 characters, counting accented letters once', () => {
    expect(passwordProblem('Tr0ub4dor&3')).toBe('must be at least 12 characters long');
    expect(passwordProblem('ééééééééééé')).toBe('must be at least 12 characters long');
  });

  it('refuses more than 128 characters, before any hashing', () => {
    expect(passwordProblem('x7'.repeat(65))).toBe('must be at most 128 characters long');
  });

  it('refuses a password repeating one or two characters', () => {
    expect(passwordProblem('abababababababab')).toBe('repeats too few different characters');
  });

  it('refuses a password built on the e-mail or the name', () => {
    expect(passwordProblem('camille.durand2024', { email: 'camille.durand@example.fr' })).toMatch(/e-mail address or your name/);
    expect(passwordProblem('Durand!Durand!', { names: ['Durand'] })).toMatch(/e-mail address or your name/);
    expect(passwordProblem('xy@example.fr-2024', { email: 'xy@example.fr' })).toMatch(/e-mail address or your name/);
  });

  it('accepts long, unpredictable passwords and passphrases', () => {
    expect(passwordProblem('cheval-agrafe-correct-pile')).toBeNull();
    expect(passwordProblem('Demo-Apprenant-2030')).toBeNull();
    expect(passwordProblem('Vq8#pL2!zR7m')).toBeNull();
    expect(passwordProblem('camille aime les tartes aux fraises', { names: ['Camille'] })).toBeNull();
  });

  it('ships a list of several thousand lowercase entries', () => {
    const entries = COMMON_PASSWORDS_TEXT.split('\n').filter(Boolean);
    expect(entries.length).toBeGreaterThan(3000);
    expect(entries.every((entry) => entry === entry.toLowerCase())).toBe(true);
  });
});
