import { MAIL_TEMPLATES, renderMail } from './mail-templates';

const BASE = 'https://academie-ia.gouv.fr';

describe('mail templates', () => {
  it('links the verification page with the token, in text and HTML', () => {
    const mail = renderMail('verify-email', { firstName: 'Camille', token: 'abc_DEF-123', validForHours: 48 }, BASE);
    expect(mail.subject).toContain('Confirmez votre adresse');
    expect(mail.text).toContain('Bonjour Camille,');
    expect(mail.text).toContain(`${BASE}/verifier-email?token=abc_DEF-123`);
    expect(mail.html).toContain(`href="${BASE}/verifier-email?token=abc_DEF-123"`);
    expect(mail.text).toContain('48 heures');
  });

  it('links the reset page and says the link expires', () => {
    const mail = renderMail('password-reset', { firstName: 'Camille', token: 'tok', validForMinutes: 60 }, `${BASE}/`);
    expect(mail.text).toContain(`${BASE}/reinitialiser-mot-de-passe?token=tok`);
    expect(mail.text).toContain('60 minutes');
  });

  it('escapes names in HTML', () => {
    const mail = renderMail('password-changed', { firstName: '<script>x</script>' }, BASE);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });

  it.each(MAIL_TEMPLATES)('renders %s in French with a subject, a text and an HTML part', (template) => {
    const mail = renderMail(template, { firstName: 'Camille', token: 't', validForHours: 48, validForMinutes: 60 } as never, BASE);
    expect(mail.subject).toMatch(/Académie de l'IA$/);
    expect(mail.text).toMatch(/^Bonjour Camille,/);
    expect(mail.html).toContain('<html lang="fr">');
  });

  it('reminds of an assigned course with its due date in words, the days left, the course link and how to stop', () => {
    const params = { firstName: 'Camille', organisationName: 'Boulangerie Martin', courseTitle: 'L’IA au fournil', courseSlug: 'ia-fournil', dueOn: '2026-12-07' };
    const week = renderMail('assignment-reminder', { ...params, daysLeft: 7 }, BASE);
    expect(week.subject).toBe("Rappel : « L’IA au fournil » à terminer avant le lundi 7 décembre 2026 – Académie de l'IA");
    expect(week.text).toContain('Boulangerie Martin vous a proposé le cours « L’IA au fournil », à terminer avant le lundi 7 décembre 2026, c\'est-à-dire dans 7 jours.');
    expect(week.text).toContain(`${BASE}/cours/ia-fournil`);
    expect(week.text).toContain('quitter cette organisation');
    expect(renderMail('assignment-reminder', { ...params, daysLeft: 1 }, BASE).text).toContain("c'est-à-dire demain.");
  });

  it('tells the owner of an address that someone tried to register with it, without a token', () => {
    const mail = renderMail('account-exists', { firstName: 'Camille' }, BASE);
    expect(mail.text).toContain("Aucun nouveau compte n'a été créé");
    expect(mail.text).toContain(`${BASE}/mot-de-passe-oublie`);
    expect(mail.text).not.toContain('token=');
  });

  it('announces a certificate with its verification page, its PDF and its code, and escapes the course title', () => {
    const mail = renderMail('certificate-issued', { firstName: 'Camille', courseTitle: 'L’IA <vraiment> utile', code: '7K3M-Q9TX-2HBD-W4NR' }, BASE);
    expect(mail.subject).toBe("Votre certificat « L’IA <vraiment> utile » – Académie de l'IA");
    expect(mail.text).toContain(`${BASE}/verifier/7K3M-Q9TX-2HBD-W4NR`);
    expect(mail.text).toContain(`${BASE}/api/certificates/7K3M-Q9TX-2HBD-W4NR/pdf`);
    expect(mail.text).toContain('Son code de vérification est 7K3M-Q9TX-2HBD-W4NR');
    expect(mail.html).toContain('L’IA &lt;vraiment&gt; utile');
    expect(mail.html).not.toContain('<vraiment>');
  });
});
