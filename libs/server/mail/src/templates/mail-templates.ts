// The e-mails of the platform, in French, as plain text and simple HTML. Parameters are typed per template;
// `token` is a secret: it is stored only until the message is sent, and the link is built at send time.

export const MAIL_TEMPLATES = ['verify-email', 'password-reset', 'password-changed', 'account-exists', 'certificate-issued', 'organisation-invitation', 'assignment-reminder'] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export interface MailTemplateParams {
  /** Sign-up: confirm the address. */
  'verify-email': { firstName: string; token: string; validForHours: number };
  /** Forgotten password: a single-use link. */
  'password-reset': { firstName: string; token: string; validForMinutes: number };
  /** Notice sent after any change of password. */
  'password-changed': { firstName: string };
  /** Someone tried to sign up with an address that already has an account. */
  'account-exists': { firstName: string };
  /** A certificate was issued (certification context): `code` is the verification code, grouped (`7K3M-Q9TX-2HBD-W4NR`). */
  'certificate-issued': { firstName: string; courseTitle: string; code: string };
  /** An organisation invites this address (organisation context): `token` is the single-use secret of the link. */
  'organisation-invitation': { firstName: string; organisationName: string; token: string; validForDays: number };
  /** A course assigned by an organisation is due soon (organisation context): `dueOn` YYYY-MM-DD, `daysLeft` from the day sent. */
  'assignment-reminder': { firstName: string; organisationName: string; courseTitle: string; courseSlug: string; dueOn: string; daysLeft: number };
}

/** Parameters removed from `mail_message.params` once the message is sent. */
export const SECRET_PARAMS = ['token'] as const;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Web pages the e-mails link to (see docs/identity-api.md). */
export const MAIL_LINKS = {
  verifyEmail: '/verifier-email',
  resetPassword: '/reinitialiser-mot-de-passe',
  forgotPassword: '/mot-de-passe-oublie',
  login: '/connexion',
  /** Followed by `/<code>`: the public verification page of a certificate. */
  verifyCertificate: '/verifier',
  /** `?jeton=<token>`: accept an organisation's invitation (signed in). */
  joinOrganisation: '/rejoindre',
} as const;

const SIGNATURE = "L'équipe de l'Académie de l'IA";

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** A line of the message: text, or a link shown as a button in HTML and as a bare URL in text. */
type Block = { text: string } | { link: string; label: string };

function layout(subject: string, greetingName: string, blocks: Block[]): RenderedMail {
  const greeting = greetingName.trim() ? `Bonjour ${greetingName.trim()},` : 'Bonjour,';
  const text = [
    greeting,
    ...blocks.map((block) => ('link' in block ? `${block.label} :\n${block.link}` : block.text)),
    `${SIGNATURE}\n\nCe message est envoyé automatiquement, merci de ne pas y répondre.`,
  ].join('\n\n');
  const html = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Marianne, Arial, sans-serif; color: #161616; line-height: 1.5; max-width: 600px; margin: 0 auto; padding: 24px;">
<p>${escapeHtml(greeting)}</p>
${blocks
  .map((block) =>
    'link' in block
      ? `<p><a href="${escapeHtml(block.link)}" style="display: inline-block; background: #000091; color: #ffffff; padding: 8px 16px; text-decoration: none;">${escapeHtml(block.label)}</a></p>
<p style="font-size: 14px; color: #3a3a3a;">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :<br>${escapeHtml(block.link)}</p>`
      : `<p>${escapeHtml(block.text)}</p>`,
  )
  .join('\n')}
<p>${escapeHtml(SIGNATURE)}</p>
<p style="font-size: 12px; color: #666666;">Ce message est envoyé automatiquement, merci de ne pas y répondre.</p>
</body>
</html>
`;
  return { subject, text, html };
}

/** `2026-12-07` -> `lundi 7 décembre 2026` (the date as written in a French letter). */
const frenchDate = (isoDay: string): string => {
  const date = new Date(`${isoDay}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDay : new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'UTC' }).format(date);
};

const withToken = (baseUrl: string, path: string, token: string): string =>
  `${baseUrl.replace(/\/+$/, '')}${path}?token=${encodeURIComponent(token)}`;
const page = (baseUrl: string, path: string): string => `${baseUrl.replace(/\/+$/, '')}${path}`;

const RENDERERS: { [T in MailTemplate]: (params: MailTemplateParams[T], baseUrl: string) => RenderedMail } = {
  'verify-email': ({ firstName, token, validForHours }, baseUrl) =>
    layout("Confirmez votre adresse e-mail – Académie de l'IA", firstName, [
      { text: "Bienvenue à l'Académie de l'IA ! Pour activer votre compte, confirmez votre adresse e-mail." },
      { link: withToken(baseUrl, MAIL_LINKS.verifyEmail, token), label: 'Confirmer mon adresse e-mail' },
      { text: `Ce lien est valable ${validForHours} heures et ne sert qu'une fois. Si vous n'avez pas créé de compte, ignorez ce message : aucun compte ne sera activé.` },
    ]),
  'password-reset': ({ firstName, token, validForMinutes }, baseUrl) =>
    layout("Réinitialisation de votre mot de passe – Académie de l'IA", firstName, [
      { text: 'Vous avez demandé à changer le mot de passe de votre compte. Choisissez-en un nouveau avec ce lien.' },
      { link: withToken(baseUrl, MAIL_LINKS.resetPassword, token), label: 'Choisir un nouveau mot de passe' },
      {
        text: `Ce lien est valable ${validForMinutes} minutes et ne sert qu'une fois. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.`,
      },
    ]),
  'password-changed': ({ firstName }, baseUrl) =>
    layout("Votre mot de passe a été modifié – Académie de l'IA", firstName, [
      { text: 'Le mot de passe de votre compte vient d’être modifié. Vos autres sessions ont été fermées.' },
      { text: "Si vous n'êtes pas à l'origine de ce changement, réinitialisez tout de suite votre mot de passe :" },
      { link: page(baseUrl, MAIL_LINKS.forgotPassword), label: 'Réinitialiser mon mot de passe' },
    ]),
  'account-exists': ({ firstName }, baseUrl) =>
    layout("Tentative d'inscription avec votre adresse – Académie de l'IA", firstName, [
      {
        text: "Quelqu'un vient de demander la création d'un compte avec votre adresse e-mail, alors que vous en avez déjà un. Aucun nouveau compte n'a été créé.",
      },
      { text: "Si c'était vous, connectez-vous :" },
      { link: page(baseUrl, MAIL_LINKS.login), label: 'Me connecter' },
      { text: 'Mot de passe oublié ? Vous pouvez le réinitialiser :' },
      { link: page(baseUrl, MAIL_LINKS.forgotPassword), label: 'Réinitialiser mon mot de passe' },
      { text: "Si ce n'était pas vous, ignorez ce message : votre compte n'a pas changé." },
    ]),
  'certificate-issued': ({ firstName, courseTitle, code }, baseUrl) =>
    layout(`Votre certificat « ${courseTitle} » – Académie de l'IA`, firstName, [
      { text: `Félicitations ! Vous avez terminé le cours « ${courseTitle} » : votre certificat de réussite est prêt.` },
      { link: page(baseUrl, `${MAIL_LINKS.verifyCertificate}/${encodeURIComponent(code)}`), label: 'Voir mon certificat' },
      { link: page(baseUrl, `/api/certificates/${encodeURIComponent(code)}/pdf`), label: 'Télécharger le certificat (PDF)' },
      {
        text: `Son code de vérification est ${code} : toute personne à qui vous le donnez peut vérifier son authenticité sur le site de l'Académie de l'IA. Vous retrouvez vos certificats dans votre espace personnel.`,
      },
    ]),
  'organisation-invitation': ({ firstName, organisationName, token, validForDays }, baseUrl) =>
    layout(`${organisationName} vous invite – Académie de l'IA`, firstName, [
      { text: `${organisationName} vous invite à rejoindre son espace sur l'Académie de l'IA, pour vous former à l'intelligence artificielle.` },
      { link: page(baseUrl, `${MAIL_LINKS.joinOrganisation}?jeton=${encodeURIComponent(token)}`), label: "Rejoindre l'organisation" },
      {
        text: `Ce lien est valable ${validForDays} jours. Vous créerez un compte ou vous connecterez avec cette adresse, puis vous choisirez si ${organisationName} peut voir votre progression individuelle. Si vous ne connaissez pas cette organisation, ignorez ce message.`,
      },
    ]),
  'assignment-reminder': ({ firstName, organisationName, courseTitle, courseSlug, dueOn, daysLeft }, baseUrl) => {
    const date = frenchDate(dueOn);
    const when = daysLeft <= 0 ? "aujourd'hui" : daysLeft === 1 ? 'demain' : `dans ${daysLeft} jours`;
    return layout(`Rappel : « ${courseTitle} » à terminer avant le ${date} – Académie de l'IA`, firstName, [
      { text: `${organisationName} vous a proposé le cours « ${courseTitle} », à terminer avant le ${date}, c'est-à-dire ${when}. Vous ne l'avez pas encore terminé.` },
      { link: page(baseUrl, `/cours/${encodeURIComponent(courseSlug)}`), label: 'Reprendre le cours' },
      {
        text: `Vous recevez ce rappel parce que vous êtes membre de ${organisationName} sur l'Académie de l'IA. Vous pouvez quitter cette organisation à tout moment depuis « Mon organisation » : vous ne recevrez plus ses rappels.`,
      },
    ]);
  },
};

/** Subject, text and HTML of a message. `baseUrl` is PUBLIC_BASE_URL, where the web pages are. */
export function renderMail<T extends MailTemplate>(template: T, params: MailTemplateParams[T], baseUrl: string): RenderedMail {
  const render = RENDERERS[template] as (params: MailTemplateParams[T], baseUrl: string) => RenderedMail;
  if (!render) throw new Error(`unknown mail template ${String(template)}`);
  return render(params, baseUrl);
}
