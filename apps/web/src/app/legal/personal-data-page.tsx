import { ExternalLink, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Link } from 'react-router';
import { LegalTable } from './legal-table';
import { ProvisionalNotice, ToConfirm } from './to-confirm';
import { useHashTarget } from './use-hash-target';

/**
 * How long each kind of data is kept, in days: the defaults of the API's configuration (RETENTION_*_DAYS in
 * libs/server/core/src/config/app-config.ts), which the worker's retention job applies every night. If an
 * operator changes them, this page must say so.
 */
export const RETENTION_DAYS = {
  progressEvents: 730,
  xapiStatements: 1095,
  auditLog: 365,
  mailOutbox: 90,
} as const;

/** The refresh cookie's lifetime (AUTH_REFRESH_TOKEN_TTL_DAYS). */
const SESSION_DAYS = 30;

/** No figure about fewer people than this is published or shown to an organisation (statistical secrecy). */
const STATISTICAL_SECRECY_MIN = 10;

function years(days: number): string {
  const value = days / 365;
  return Number.isInteger(value) ? `${value} an${value > 1 ? 's' : ''}` : `${days} jours`;
}

interface Retention {
  what: string;
  how: string;
}

const RETENTION: Retention[] = [
  { what: 'Compte et profil (nom, prénom, adresse e-mail, mot de passe chiffré, statut, région, secteur, effectif, SIREN)', how: 'Jusqu’à la suppression de votre compte.' },
  {
    what: 'Événements de progression (leçon commencée, terminée, position dans une vidéo, réponses aux quiz)',
    how: `${RETENTION_DAYS.progressEvents} jours (${years(RETENTION_DAYS.progressEvents)}) ; votre avancement par formation reste visible tant que votre compte existe.`,
  },
  {
    what: 'Déclarations d’activité au format xAPI (le relevé détaillé de votre apprentissage)',
    how: `${RETENTION_DAYS.xapiStatements} jours (${years(RETENTION_DAYS.xapiStatements)}).`,
  },
  { what: 'Journal des actions sensibles (création du compte, changements de mot de passe et de rôle, suspensions, suppressions)', how: `${RETENTION_DAYS.auditLog} jours (${years(RETENTION_DAYS.auditLog)}).` },
  { what: 'E-mails envoyés par le service (vérification d’adresse, invitations, rappels)', how: `${RETENTION_DAYS.mailOutbox} jours après leur envoi.` },
  {
    what: 'Attestations de réussite',
    how: 'Conservées pour que toute personne à qui vous les montrez puisse les vérifier. Si vous supprimez votre compte, votre nom en est retiré : la page de vérification affiche « nom effacé à la demande de la personne ».',
  },
  {
    what: 'Adhésion à une organisation et accord de partage de votre progression',
    how: 'Tant que vous en êtes membre ; votre accord peut être retiré à tout moment. Les invitations non utilisées expirent à leur date d’échéance.',
  },
  { what: 'Session de connexion (cookie)', how: `${SESSION_DAYS} jours au plus, ou jusqu’à votre déconnexion.` },
  {
    what: 'Indicateurs du plan « Osez l’IA »',
    how: `Chiffres agrégés et anonymes, sans durée limite. Aucun chiffre portant sur moins de ${STATISTICAL_SECRECY_MIN} personnes n’est publié (secret statistique).`,
  },
];

/**
 * /donnees-personnelles: the privacy notice (RGPD articles 13 and 14): who is responsible, for what purposes and on
 * which legal bases, what is kept and for how long, who receives it, the rights and how to exercise them; then the
 * cookies (#cookies), to which the footer's « Gestion des cookies » leads.
 */
export function PersonalDataPage() {
  usePageTitle('Données personnelles');
  useHashTarget();

  return (
    <div className={fr.cx('fr-container', 'fr-py-6w', 'fr-mb-6w')}>
      <div className={fr.cx('fr-grid-row')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-10')}>
          <h1>Données personnelles</h1>
          <p className={fr.cx('fr-text--lead')}>
            L’Académie de l’IA ne recueille que ce qui sert à vous former, à délivrer vos attestations et à suivre le plan « Osez l’IA ». Vos
            données ne sont ni vendues, ni utilisées à des fins publicitaires.
          </p>
          <ProvisionalNotice />

          <h2>Responsable du traitement</h2>
          <p>
            <ToConfirm>La Direction générale des Entreprises (DGE), ministère chargé de l’économie numérique</ToConfirm>, éditrice du service
            (voir les <Link to="/mentions-legales">mentions légales</Link>).
          </p>

          <h2>Pourquoi nous traitons vos données, et sur quelle base</h2>
          <LegalTable caption="Finalités et bases légales">
            <thead>
              <tr>
                <th scope="col">Finalité</th>
                <th scope="col">Base légale</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>Créer et sécuriser votre compte, vous connecter (y compris avec FranceConnect ou ProConnect)</td>
                <td rowSpan={4}>
                  Mission d’intérêt public (article 6.1.e du RGPD) : la formation au numérique et à l’intelligence artificielle conduite
                  par l’État dans le cadre du plan « Osez l’IA »
                </td>
              </tr>
              <tr>
                <td>Vous inscrire aux formations, enregistrer votre progression et vos réponses aux quiz, vous envoyer les e-mails du service</td>
              </tr>
              <tr>
                <td>Délivrer vos attestations et permettre à quiconque de les vérifier</td>
              </tr>
              <tr>
                <td>Produire les indicateurs anonymes du plan (personnes formées par public, région, secteur)</td>
              </tr>
              <tr>
                <td>Montrer votre progression individuelle à une organisation que vous avez rejointe (employeur, CFA, agence pour l’emploi)</td>
                <td>Votre consentement (article 6.1.a du RGPD), donné à chaque organisation séparément et retirable à tout moment</td>
              </tr>
            </tbody>
          </LegalTable>
          <p>
            Sans votre accord, une organisation ne voit que des chiffres d’ensemble portant sur au moins {STATISTICAL_SECRECY_MIN} personnes, jamais
            votre progression personnelle.
          </p>

          <h2>Les données conservées, et pour combien de temps</h2>
          <LegalTable caption="Durées de conservation par catégorie de données">
            <thead>
              <tr>
                <th scope="col">Données</th>
                <th scope="col">Durée de conservation</th>
              </tr>
            </thead>
            <tbody>
              {RETENTION.map((row) => (
                <tr key={row.what}>
                  <td>{row.what}</td>
                  <td>{row.how}</td>
                </tr>
              ))}
            </tbody>
          </LegalTable>
          <p>
            Les données arrivées au terme de leur durée de conservation sont supprimées automatiquement chaque nuit. Leur suppression ne
            change pas les indicateurs déjà calculés, qui ne contiennent aucune donnée nominative.
          </p>

          <h2>Qui reçoit vos données</h2>
          <ul className={fr.cx('fr-mb-4w')}>
            <li>Les agentes et agents habilités de l’Académie de l’IA (administration et assistance du service), chacun pour sa mission.</li>
            <li>
              Les organisations que vous avez rejointes : votre nom, votre adresse e-mail et les formations qui vous sont assignées ; votre
              progression individuelle seulement si vous l’avez accepté.
            </li>
            <li>Le ministère et le public : uniquement des indicateurs anonymes, soumis au secret statistique.</li>
            <li>Les personnes à qui vous communiquez le lien ou le code d’une attestation : le nom qui y figure, la formation et sa date.</li>
            <li>
              Nos sous-traitants techniques, tenus par contrat à la confidentialité : hébergement (<ToConfirm>nom de l’hébergeur</ToConfirm>)
              et envoi des e-mails (<ToConfirm>nom du prestataire d’envoi</ToConfirm>).
            </li>
          </ul>

          <h2>Vos droits, et comment les exercer</h2>
          <p>Vous disposez des droits suivants sur vos données :</p>
          <ul className={fr.cx('fr-mb-4w')}>
            <li>
              <strong>Accès et portabilité</strong> : téléchargez à tout moment toutes vos données dans un fichier, depuis{' '}
              <Link to="/mon-profil">Mon profil</Link>, bouton « Télécharger mes données ».
            </li>
            <li>
              <strong>Effacement</strong> : supprimez votre compte depuis <Link to="/mon-profil">Mon profil</Link>, bouton « Supprimer mon
              compte ». L’effacement est immédiat et définitif.
            </li>
            <li>
              <strong>Rectification</strong> : corrigez votre profil depuis <Link to="/mon-profil">Mon profil</Link> ; pour toute autre
              correction, écrivez-nous.
            </li>
            <li>
              <strong>Retrait du consentement</strong> : dans <Link to="/mon-organisation">Mon organisation</Link>, décochez l’accord donné à
              une organisation ; elle cesse aussitôt de voir votre progression individuelle. Vous pouvez aussi quitter l’organisation.
            </li>
            <li>
              <strong>Opposition et limitation</strong> : vous pouvez vous opposer à un traitement fondé sur la mission d’intérêt public, ou
              en demander la limitation, pour des raisons tenant à votre situation particulière, en écrivant au délégué à la protection des
              données.
            </li>
          </ul>
          <p>
            Pour exercer ces droits ou poser une question, écrivez au délégué à la protection des données du ministère :{' '}
            <ToConfirm>adresse électronique et postale du délégué à la protection des données</ToConfirm>. Nous vous répondons dans un délai
            d’un mois.
          </p>
          <p>
            Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la
            Commission nationale de l’informatique et des libertés (CNIL) :{' '}
            <ExternalLink href="https://www.cnil.fr/fr/adresser-une-plainte">adresser une plainte à la CNIL</ExternalLink>, ou par courrier : CNIL,
            3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07.
          </p>

          <h2 id="cookies" tabIndex={-1}>Cookies et stockage dans votre navigateur</h2>
          <p>
            L’Académie de l’IA ne dépose <strong>aucun cookie de mesure d’audience, de publicité ou de réseau social</strong>. Elle n’utilise
            que des cookies et un stockage local indispensables au fonctionnement du service : ils sont exemptés de consentement (article 82
            de la loi Informatique et Libertés), c’est pourquoi aucun bandeau ne vous le demande.
          </p>
          <LegalTable caption="Cookies et stockage local utilisés">
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Rôle</th>
                <th scope="col">Durée</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>academie_refresh</td>
                <td>Garder votre session ouverte d’une visite à l’autre (illisible par les pages du site)</td>
                <td>{SESSION_DAYS} jours au plus, effacé à la déconnexion</td>
              </tr>
              <tr>
                <td>academie_csrf</td>
                <td>Protéger votre session contre les requêtes envoyées à votre insu par un autre site</td>
                <td>{SESSION_DAYS} jours au plus, effacé à la déconnexion</td>
              </tr>
              <tr>
                <td>academie_sso</td>
                <td>Relier votre retour de FranceConnect ou de ProConnect à votre demande de connexion</td>
                <td>10 minutes</td>
              </tr>
              <tr>
                <td>Stockage local academie:progression:…</td>
                <td>Garder votre progression le temps de l’envoyer, même si la connexion est coupée</td>
                <td>Jusqu’à son envoi</td>
              </tr>
              <tr>
                <td>Stockage local scheme</td>
                <td>Retenir le thème d’affichage (clair, sombre ou système) choisi dans « Paramètres d’affichage »</td>
                <td>Jusqu’à ce que vous le changiez</td>
              </tr>
            </tbody>
          </LegalTable>
          <p>Vous pouvez effacer ces données depuis les réglages de votre navigateur : vous serez alors déconnecté.</p>
        </div>
      </div>
    </div>
  );
}
