import { emailProblem, parseEmailCsv } from './email-csv';

describe('parseEmailCsv', () => {
  it('reads one address per line, normalised, with the number and reason of each bad line', () => {
    const parsed = parseEmailCsv('Alice@Exemple.fr\n\nbob@exemple\r\n carole@exemple.fr \nalice@exemple.fr\nsans-arobase.fr\n');
    expect(parsed.valid).toEqual([
      { line: 1, email: 'alice@exemple.fr' },
      { line: 4, email: 'carole@exemple.fr' },
    ]);
    expect(parsed.errors).toEqual([
      { line: 3, value: 'bob@exemple', reason: 'adresse e-mail mal formée' },
      { line: 5, value: 'alice@exemple.fr', reason: 'adresse déjà présente à la ligne 1' },
      { line: 6, value: 'sans-arobase.fr', reason: 'il manque le @' },
    ]);
    expect(parsed.totalLines).toBe(5);
  });

  it('uses the email column of a CSV with a header, quotes and semicolons', () => {
    const parsed = parseEmailCsv('Nom;Courriel\n"Durand, Jeanne";jeanne@exemple.fr\nMartin;\n');
    expect(parsed.valid).toEqual([{ line: 2, email: 'jeanne@exemple.fr' }]);
    expect(parsed.errors).toEqual([{ line: 3, value: '', reason: 'adresse e-mail manquante' }]);
  });

  it('explains each kind of bad address', () => {
    expect(emailProblem('a b@exemple.fr')).toBe('l’adresse contient une espace');
    expect(emailProblem(`${'a'.repeat(250)}@exemple.fr`)).toBe('adresse de plus de 254 caractères');
    expect(emailProblem('ok@exemple.fr')).toBeNull();
  });
});
