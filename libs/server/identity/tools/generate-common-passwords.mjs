// Generates libs/server/identity/src/password/common-passwords.ts: the passwords refused at sign-up and at
// every change because attackers try them first. Built from public knowledge: the most frequent passwords of
// the public breach compilations (top lists published yearly, in English and in French), French and English
// first names, football clubs, cities and keyboard walks, then the variants people make of them to pass
// composition rules (a capital, a year, "123", "!", repeated words). Only entries of 12 characters or more
// can reach the list check (shorter ones are refused for their length), but the base words are kept too:
// the policy also refuses a base word wrapped in digits and symbols ("Soleil2024!!!!").
//
//   node libs/server/identity/tools/generate-common-passwords.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BASE_WORDS = `
password passw0rd passwort motdepasse motdepass mdp secret secrets welcome bienvenue bonjour salut coucou hello
admin administrator administrateur root toor user utilisateur guest invite test tester testing demo default
login connexion access acces master changeme letmein trustno1 whatever nothing rien personne iloveyou jetaime
jeteaime loveyou love amour monamour moncoeur doudou chouchou bebe bisous cheri cherie princesse princess
azerty azertyuiop azertyui qwerty qwertyuiop qwertz asdfgh asdfghjkl zxcvbnm wxcvbn qsdfgh qsdfghjklm
sunshine soleil football foot soccer baseball basketball tennis rugby handball hockey dragon monkey singe
shadow superman batman spiderman pokemon pikachu naruto starwars matrix killer ninja pirate hunter chasseur
master mustang ferrari porsche mercedes renault peugeot citroen yamaha harley michael jordan
marseille paris lyon lille nantes bordeaux toulouse nice rennes strasbourg montpellier france francais
olympique psg parissaintgermain allezlom allezom om fcnantes asse girondins losc
nicolas thomas julien alexandre camille marie sophie julie nathalie isabelle stephanie sandrine celine
aurelie laura sarah manon emma lea chloe ines jade louise alice lucas hugo louis gabriel arthur jules
maxime antoine pierre kevin david daniel jean jeanne francois francoise christophe philippe patrick
anthony jennifer jessica ashley amanda michelle charlie andrew joshua matthew robert william jessica
daniel george thomas summer winter autumn spring hiver ete automne printemps
chocolat chocolate cookie biscuit fromage pizza banane banana orange pomme apple cerise cherry fraise
chat chien cat dog tigre tiger lion loup wolf cheval horse papillon butterfly
freedom liberte liberty justice victoire victory diamond diamant tresor treasure
computer ordinateur internet google facebook twitter instagram linkedin microsoft windows apple samsung
orange bouygues sfr free freebox livebox numericable wanadoo hotmail gmail yahoo outlook laposte
academie academy academieia formation intelligence intelligenceartificielle chatgpt openai mistral
entreprise societe company business travail boulot bureau office
famille family enfants maison home garage jardin garden vacances holidays
music musique guitar guitare piano batterie rock metal rap
jesus christ dieu god angel ange demon diable heaven enfer
qwerty123 azerty123 abc abcd abcdef abcdefgh abcdefghij abc123 aze123 qsd123
hello123 bonjour123 coucou123 salut123 test123 admin123 root123 user123 pass123 password123
`;

const NUMERIC = [
  '123456789012', '1234567890123', '12345678901234', '123456123456', '123123123123', '111111111111',
  '000000000000', '121212121212', '123321123321', '098765432109', '987654321098', '999999999999',
  '888888888888', '777777777777', '666666666666', '555555555555', '444444444444', '333333333333',
  '222222222222', '112233445566', '010203040506', '123412341234', '123451234512', '147258369147',
  '159753159753', '741852963741', '963852741963', '789456123789', '147852369147', '258258258258',
  '202020202020', '201020102010', '199019901990', '200020002000', '101010101010', '112112112112',
  '123456654321', '654321123456', '123654789123', '1234567890', '0123456789', '01234567890123',
];

const KEYBOARD = [
  'azertyuiop', 'azertyuiopqsdf', 'azertyuiopqsdfghjklm', 'qsdfghjklm', 'wxcvbn', 'azerqsdfwxcv',
  'qwertyuiop', 'qwertyuiopasdf', 'asdfghjkl', 'zxcvbnm', 'qwerasdfzxcv', '1q2w3e4r5t6y', '1q2w3e4r5t',
  '1a2z3e4r5t6y', '1a2z3e4r5t', 'a1z2e3r4t5y6', 'q1w2e3r4t5y6', 'qazwsxedcrfv', 'zaqxswcdevfr',
  '1qaz2wsx3edc', '1qaz2wsx3edc4rfv', 'qwe123qwe123', 'aze123aze123', 'azeqsdwxc123', 'poiuytreza',
  'mlkjhgfdsq', 'ytrewq123456', 'qwerty12345', 'azerty12345', 'qwertyqwerty', 'azertyazerty',
  'asdfasdfasdf', 'qsdfqsdfqsdf', 'zxcvzxcvzxcv', 'wxcvwxcvwxcv', 'abcabcabcabc', 'abcdabcdabcd',
];

const SUFFIXES = [
  '', '1', '12', '123', '1234', '12345', '123456', '123456789', '!', '!!', '123!', '1234!', '2023', '2024',
  '2025', '2026', '2000', '01', '007', '69', '13', '75', '*', '.', '@123', '2024!', '2025!', '0000', '321',
];

/** "monsoleil123", "ilovechocolat": prefixes are tried with the most common suffixes only. */
const PREFIXES = ['mon', 'ma', 'my', 'ilove', 'jaime', 'super'];
const PREFIX_SUFFIXES = ['', '1', '123', '1234', '!'];

const words = [...new Set(BASE_WORDS.split(/\s+/).filter(Boolean).map((w) => w.toLowerCase()))];
const out = new Set();
const add = (value) => out.add(value.toLowerCase());

for (const word of words) {
  for (const suffix of SUFFIXES) add(`${word}${suffix}`);
  for (const prefix of PREFIXES) {
    for (const suffix of PREFIX_SUFFIXES) add(`${prefix}${word}${suffix}`);
  }
  add(`${word}${word}`);
  add(`${word}${word}${word}`);
  add(`${word}${word}123`);
  add(word.replace(/a/g, '@').replace(/o/g, '0').replace(/e/g, '3').replace(/i/g, '1').replace(/s/g, '$'));
  add(`${word.replace(/a/g, '@').replace(/o/g, '0').replace(/e/g, '3').replace(/i/g, '1')}123`);
}
for (const value of [...NUMERIC, ...KEYBOARD]) {
  add(value);
  for (const suffix of ['!', '123', '1234', '2024', '2025', '!!', '*']) add(`${value}${suffix}`);
}

// Keep every base word (for the wrapped-word rule) and every variant long enough to be worth checking.
const list = [...out].filter((value) => value.length >= 12 || words.includes(value)).sort();
const required = ['motdepasse123', 'azertyuiop12', 'password1234', '123456789012'];
for (const value of required) if (!list.includes(value)) list.push(value);
list.sort();

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'password', 'common-passwords.ts');
const body = `// Generated by libs/server/identity/tools/generate-common-passwords.mjs: do not edit by hand.
// ${list.length} common passwords and their usual variants, lowercase, one per line.

export const COMMON_PASSWORDS_TEXT = \`
${list.join('\n').replace(/[`\\$]/g, (c) => `\\${c}`)}
\`;
`;
writeFileSync(target, body);
console.log(`${list.length} entries -> ${target}`);
