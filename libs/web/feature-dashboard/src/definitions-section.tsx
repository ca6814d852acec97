import { fr } from '@codegouvfr/react-dsfr';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { DEFINITIONS_ANCHOR, SECRET_ANCHOR } from './definition-link';

/** The statistical secret, explained where « < 10 » is first met. */
export function SecretNotice() {
  return (
    <div id={SECRET_ANCHOR} className={fr.cx('fr-callout', 'fr-mb-4w')} tabIndex={-1}>
      <h2 className={fr.cx('fr-callout__title', 'fr-h6')}>« &lt; 10 » : le secret statistique</h2>
      <p className={fr.cx('fr-callout__text', 'fr-text--sm')}>
        Pour qu’aucune personne ne puisse être reconnue, tout compte de 1 à 9 est masqué et s’affiche « &lt; 10 » (secret
        primaire). D’autres comptes, parfois plus grands, sont masqués aussi quand on pourrait retrouver un compte masqué par
        différence avec un total (secret secondaire) : ils s’affichent de la même façon. Les groupes sont présentés par code,
        jamais classés sur une valeur masquée. Le fichier CSV laisse ces cellules vides.
      </p>
    </div>
  );
}

/** The definitions of every figure (docs/kpi.md), at the bottom of the dashboard. */
export function DefinitionsSection() {
  return (
    <section id={DEFINITIONS_ANCHOR} aria-labelledby="definitions-titre" className={fr.cx('fr-mb-6w')} tabIndex={-1}>
      <h2 id="definitions-titre">Définitions des indicateurs</h2>
      <div className={fr.cx('fr-accordions-group')}>
        <Accordion label="Personnes formées" titleAs="h3">
          Une personne distincte, comptée une fois, à partir de son premier certificat sur un cours qui compte pour l’objectif.
          Elle est rattachée au mois de ce certificat, et au public, à la région, au secteur, à la taille d’entreprise et à
          l’entreprise qu’elle avait à ce moment : un changement de profil ultérieur ne la déplace pas, une suppression de compte
          ne la retire pas.
        </Accordion>
        <Accordion label="Trajectoire, rythme et projection" titleAs="h3">
          L’objectif est de 15 000 000 de personnes formées au 31 décembre 2030. La trajectoire cible est la droite qui va de 0 au
          début du premier mois ayant des données jusqu’à l’objectif fin décembre 2030. Le rythme mensuel est la moyenne des
          personnes formées sur les 3 derniers mois complets au plus ; la projection prolonge le dernier cumul publié à ce rythme.
        </Accordion>
        <Accordion label="Apprentis formés" titleAs="h3">
          Personnes formées dont le public, au moment de la formation, était « apprenti », dans l’année civile en cours, face à
          l’objectif de 800 000 apprentis formés par an.
        </Accordion>
        <Accordion label="Inscriptions, nouveaux apprenants, achèvements, certificats" titleAs="h3">
          Inscriptions : une par personne et par cours, au mois de l’inscription (une désinscription ne les retire pas). Nouveaux
          apprenants : personnes comptées au mois de leur première inscription. Achèvements : cours achevés, une fois par
          inscription. Taux d’achèvement : achèvements / inscriptions de la même période (un ratio de flux, pas de cohorte).
          Certificats : délivrés, au mois de délivrance. Ces mesures suivent le profil actuel de la personne.
        </Accordion>
        <Accordion label="Entreprises touchées" titleAs="h3">
          SIREN distincts d’au moins une personne formée, par catégorie d’entreprise (TPE, PME, ETI, GE, selon la tranche
          d’effectif INSEE ou, à défaut, le public déclaré), au moment de la formation. C’est un indicateur de substitution :
          les cibles 2030 portent sur l’adoption de l’IA, que la plateforme ne mesure pas. Le dénominateur et son unité sont
          indiqués dans le tableau.
        </Accordion>
        <Accordion label="Mois, données ouvertes et réconciliation" titleAs="h3">
          Les mois sont des mois calendaires à l’heure de Paris. Les indicateurs sont des cumuls tenus à chaque événement et
          recalculés chaque nuit depuis les données de base. L’export CSV est publié sous Licence Ouverte 2.0 et ne contient
          aucune donnée personnelle.
        </Accordion>
      </div>
    </section>
  );
}
