import { ExternalLink, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Link } from 'react-router';
import { LegalTable } from './legal-table';
import { ProvisionalNotice, ToConfirm } from './to-confirm';

/** When this statement was written, and last updated: to change with every update of its content. */
const STATEMENT_DATE = '25 novembre 2026';

/** The pages the browser tests open and check with axe on every change (e2e/web/*.e2e-spec.ts). */
const CHECKED_PAGES = [
  'Accueil et catalogue des formations, avec ses filtres',
  'Page d’une formation',
  'Solutions clés en main',
  'Création de compte, vérification de l’adresse e-mail, connexion, mot de passe oublié et réinitialisation',
  'Mon profil',
  'Mon parcours, lecteur de cours (texte, vidéo, quiz)',
  'Mes attestations et vérification d’une attestation',
  'Mon organisation et invitation à rejoindre une organisation',
  'Tableau de bord du ministère',
  'Studio des formatrices et formateurs, file de relecture',
  'Mentions légales, données personnelles et présente déclaration',
];

/** The journeys made with the keyboard alone in the browser tests (e2e/web/keyboard.e2e-spec.ts). */
const KEYBOARD_JOURNEYS = [
  'suivre une formation d’une leçon à l’autre dans le lecteur de cours',
  'répondre à un quiz et envoyer ses réponses',
  'filtrer le tableau de bord du ministère et afficher le tableau de données d’un graphique',
  'créer un brouillon de formation et y ajouter un module dans le studio',
];

/**
 * /accessibilite: the accessibility statement that article 47 of loi n° 2005-102 requires, after the model of the
 * RGAA: the status the service can honestly claim (non conforme: no audit yet), what is checked automatically, the
 * known non-conformities, the recourse, and the multi-year plan.
 */
export function AccessibilityPage() {
  usePageTitle('Déclaration d’accessibilité');

  return (
    <div className={fr.cx('fr-container', 'fr-py-6w', 'fr-mb-6w')}>
      <div className={fr.cx('fr-grid-row')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-10')}>
          <h1>Déclaration d’accessibilité</h1>
          <p className={fr.cx('fr-text--sm')}>Établie le {STATEMENT_DATE}.</p>
          <ProvisionalNotice />
          <p className={fr.cx('fr-text--lead')}>
            <ToConfirm>La Direction générale des Entreprises (DGE)</ToConfirm> s’engage à rendre l’Académie de l’IA accessible à toutes et à
            tous, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.
          </p>
          <p>
            Cette déclaration d’accessibilité s’applique à l’Académie de l’IA, service de formation du plan « Osez l’IA » (
            <ToConfirm>adresse du site</ToConfirm>). Pour y parvenir, l’éditeur met en œuvre le schéma pluriannuel et les plans d’action
            présentés plus bas.
          </p>

          <h2>État de conformité</h2>
          <p>
            L’Académie de l’IA est <strong>non conforme</strong> au référentiel général d’amélioration de l’accessibilité (RGAA), version
            4.1.2 : aucun audit de conformité n’a encore été réalisé, si bien qu’aucun taux de conformité ne peut être annoncé.
          </p>

          <h2>Résultats des tests</h2>
          <p>
            En l’absence d’audit, voici les vérifications effectivement menées à chaque modification du service, dans sa suite de tests
            automatisés :
          </p>
          <ul className={fr.cx('fr-mb-4w')}>
            <li>
              l’outil axe-core (version 4.14) contrôle chaque page ouverte par les tests dans le navigateur Chromium selon les règles
              WCAG 2.0, 2.1 et 2.2 de niveaux A et AA ; une anomalie d’impact sérieux ou critique fait échouer la suite ;
            </li>
            <li>des parcours sont faits au clavier seul (touches Tabulation, Maj + Tabulation, Entrée, Espace et flèches), en vérifiant que la prise de focus reste visible et suit l’ordre de lecture : {KEYBOARD_JOURNEYS.join(' ; ')} ;</li>
            <li>
              après chaque changement de page, le focus est placé sur le contenu principal ; des liens d’évitement mènent au contenu, au menu
              et au pied de page ;
            </li>
            <li>les vidéos ne peuvent être publiées qu’avec des sous-titres ou une transcription, et chaque graphique du tableau de bord est doublé d’un tableau de données.</li>
          </ul>
          <p>Pages vérifiées automatiquement :</p>
          <ul className={fr.cx('fr-mb-4w')}>
            {CHECKED_PAGES.map((page) => (
              <li key={page}>{page}</li>
            ))}
          </ul>
          <p>
            Ces tests automatiques ne détectent qu’une partie des défauts d’accessibilité. Aucun test n’a encore été mené avec un lecteur
            d’écran (NVDA, JAWS, VoiceOver), un agrandissement à 200 % ou des personnes en situation de handicap : ils feront partie de
            l’audit.
          </p>

          <h2>Contenus non accessibles</h2>
          <h3>Non-conformités connues</h3>
          <ul className={fr.cx('fr-mb-4w')}>
            <li>
              Les formations sont écrites par des autrices et auteurs extérieurs : la qualité des textes alternatifs des images, des
              sous-titres et des transcriptions qu’ils fournissent n’est pas encore relue systématiquement.
            </li>
            <li>
              Le service n’a pas été vérifié avec les technologies d’assistance ni sur tous les couples navigateur et lecteur d’écran de la
              base de référence du RGAA.
            </li>
          </ul>
          <h3>Dérogations pour charge disproportionnée</h3>
          <p>Aucune.</p>
          <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
          <p>
            Les sites des solutions et des ressources d’autres organismes vers lesquels le catalogue renvoie relèvent de leurs éditeurs.
          </p>

          <h2>Établissement de cette déclaration</h2>
          <p>
            Cette déclaration a été établie le {STATEMENT_DATE} à partir des vérifications automatiques décrites ci-dessus.
          </p>
          <p>Technologies utilisées pour la réalisation du service : HTML5, CSS, JavaScript (React), WAI-ARIA, système de design de l’État (DSFR).</p>
          <p>Environnement des tests : navigateur Chromium (Debian) piloté par Playwright, avec axe-core.</p>

          <h2>Retour d’information et contact</h2>
          <p>
            Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez-nous pour être orienté vers une alternative accessible ou
            obtenir le contenu sous une autre forme : <ToConfirm>adresse de contact accessibilité de l’Académie de l’IA</ToConfirm>. Nous
            vous répondons sous 15 jours ouvrés.
          </p>

          <h2>Voies de recours</h2>
          <p>
            Si vous nous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service, et que vous n’avez
            pas obtenu de réponse satisfaisante, vous pouvez :
          </p>
          <ul className={fr.cx('fr-mb-4w')}>
            <li>
              écrire un message au Défenseur des droits :{' '}
              <ExternalLink href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne du Défenseur des droits</ExternalLink> ;
            </li>
            <li>
              contacter le délégué ou la déléguée du Défenseur des droits dans votre région :{' '}
              <ExternalLink href="https://www.defenseurdesdroits.fr/carte-des-delegues">liste des délégués du Défenseur des droits</ExternalLink> ;
            </li>
            <li>
              envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris
              CEDEX 07.
            </li>
          </ul>

          <h2>Schéma pluriannuel de mise en accessibilité 2026-2028</h2>
          <p>
            Ce schéma, établi pour trois ans, est décliné chaque année en un plan d’action publié sur cette page, avec le bilan du plan
            précédent.
          </p>
          <LegalTable caption="Étapes du schéma pluriannuel">
            <thead>
              <tr>
                <th scope="col">Année</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">2026</th>
                <td>
                  Contrôles automatiques (axe) sur chaque page et parcours au clavier dans la suite de tests ; publication de la présente
                  déclaration ; désignation d’une personne référente accessibilité (<ToConfirm>nom ou fonction</ToConfirm>).
                </td>
              </tr>
              <tr>
                <th scope="row">2027</th>
                <td>
                  Audit de conformité RGAA complet par un prestataire indépendant, sur un échantillon représentatif de pages ; tests
                  avec des lecteurs d’écran et avec des personnes en situation de handicap ; publication du taux de conformité et des
                  non-conformités relevées ; guide de rédaction accessible pour les autrices et auteurs de formations.
                </td>
              </tr>
              <tr>
                <th scope="row">2028</th>
                <td>
                  Correction des non-conformités relevées par l’audit, en commençant par celles qui bloquent un parcours ; contre-audit ;
                  mise à jour de l’état de conformité et de cette déclaration ; relecture d’accessibilité de chaque formation avant sa
                  publication.
                </td>
              </tr>
              <tr>
                <th scope="row">Chaque année</th>
                <td>
                  Plan d’action annuel et bilan du précédent ; formation de l’équipe ; prise en compte des retours reçus à l’adresse de
                  contact ; les contrôles automatiques restent obligatoires pour toute modification.
                </td>
              </tr>
            </tbody>
          </LegalTable>
          <p>
            Voir aussi les <Link to="/mentions-legales">mentions légales</Link> et la page <Link to="/donnees-personnelles">données personnelles</Link>.
          </p>
        </div>
      </div>
    </div>
  );
}
