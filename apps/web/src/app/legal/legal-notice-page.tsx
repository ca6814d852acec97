import { ExternalLink, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Link } from 'react-router';
import { ProvisionalNotice, ToConfirm } from './to-confirm';

/**
 * /mentions-legales: who publishes the service, who directs the publication, who hosts it (loi n° 2004-575 du
 * 21 juin 2004 pour la confiance dans l'économie numérique, article 6), and how its contents may be reused.
 */
export function LegalNoticePage() {
  usePageTitle('Mentions légales');

  return (
    <div className={fr.cx('fr-container', 'fr-py-6w', 'fr-mb-6w')}>
      <div className={fr.cx('fr-grid-row')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-10')}>
          <h1>Mentions légales</h1>
          <ProvisionalNotice />

          <h2>Éditeur</h2>
          <p>
            L’Académie de l’IA est le service de formation du plan « Osez l’IA ». Elle est éditée par{' '}
            <ToConfirm>la Direction générale des Entreprises (DGE), ministère chargé de l’économie numérique</ToConfirm>.
          </p>
          <p>
            Adresse : <ToConfirm>139 rue de Bercy, 75572 Paris Cedex 12</ToConfirm>
            <br />
            Téléphone : <ToConfirm>standard du ministère</ToConfirm>
          </p>

          <h2>Directeur ou directrice de la publication</h2>
          <p>
            <ToConfirm>La directrice ou le directeur général des Entreprises</ToConfirm>.
          </p>

          <h2>Hébergement</h2>
          <p>
            Le service est hébergé par <ToConfirm>nom de l’hébergeur</ToConfirm>, <ToConfirm>adresse postale de l’hébergeur</ToConfirm>,
            téléphone : <ToConfirm>téléphone de l’hébergeur</ToConfirm>. Lieu d’hébergement des données :{' '}
            <ToConfirm>France, sans transfert hors de l’Union européenne</ToConfirm>.
          </p>

          <h2>Conception et réalisation</h2>
          <p>
            Le service est construit avec le système de design de l’État (DSFR), pour le compte de l’éditeur.
          </p>

          <h2>Réutilisation des contenus</h2>
          <p>
            Sauf mention contraire, les textes de ce site et les indicateurs publiés (tableau de bord et exports de données) peuvent être
            réutilisés librement selon les termes de la{' '}
            <ExternalLink href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">Licence Ouverte 2.0 (Etalab)</ExternalLink>, en
            citant la source : « Académie de l’IA, plan Osez l’IA ».
          </p>
          <p>
            Le contenu des formations reste la propriété de leurs autrices et auteurs, qui en indiquent les conditions de réutilisation. Le
            logo de la République française (Marianne) et le nom de l’Académie de l’IA ne peuvent pas être réutilisés sans autorisation.
          </p>

          <h2>Liens vers d’autres sites</h2>
          <p>
            Le catalogue renvoie vers des solutions et des ressources publiées par d’autres organismes. L’éditeur n’est pas responsable de
            leur contenu. Tout site public ou privé peut faire un lien vers l’Académie de l’IA sans autorisation préalable, à condition de ne
            pas l’afficher dans un cadre (iframe) d’un autre site.
          </p>

          <h2>Sécurité</h2>
          <p>
            Les mots de passe ne sont jamais conservés en clair, et les tentatives de connexion répétées sont limitées. L’Académie de l’IA ne
            vous demandera jamais votre mot de passe par e-mail ou par téléphone. Pour signaler une vulnérabilité :{' '}
            <ToConfirm>adresse de signalement de sécurité</ToConfirm>.
          </p>

          <h2>Données personnelles, cookies et accessibilité</h2>
          <ul className={fr.cx('fr-mb-4w')}>
            <li>
              <Link to="/donnees-personnelles">Données personnelles</Link> : ce que nous conservons, pourquoi, combien de temps, et comment
              exercer vos droits.
            </li>
            <li>
              <Link to="/donnees-personnelles#cookies">Gestion des cookies</Link> : seuls des cookies indispensables au fonctionnement du
              service sont déposés.
            </li>
            <li>
              <Link to="/accessibilite">Déclaration d’accessibilité</Link> : état de conformité au RGAA et moyens de nous signaler une
              difficulté.
            </li>
          </ul>

          <h2>Nous contacter</h2>
          <p>
            Pour toute question sur le service : <ToConfirm>adresse de contact de l’Académie de l’IA</ToConfirm>.
          </p>
        </div>
      </div>
    </div>
  );
}
