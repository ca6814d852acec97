import { NAF_SECTIONS, PRICE_RANGES, USE_CASES, type SolutionSummary } from '@academie/contracts';
import { ExternalLink } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';

/** Short names of the company sizes a solution suits. */
const COMPANY_SIZE_SHORT: Record<SolutionSummary['companySizes'][number], string> = {
  tpe: 'TPE',
  pme: 'PME',
  eti: 'ETI',
  grand_groupe: 'Grandes entreprises',
};

/**
 * A turnkey solution: what it does, who sells it, for whom and for how much, and a link to the offer on
 * the provider's site (a new window, said in the link). A private company's offer is marked as such.
 */
export function SolutionCard({ solution, titleAs: Title = 'h3' }: { solution: SolutionSummary; titleAs?: 'h3' | 'h4' }) {
  return (
    <div className={fr.cx('fr-card', 'fr-card--no-arrow')}>
      <div className={fr.cx('fr-card__body')}>
        <div className={fr.cx('fr-card__content')}>
          <Title className={fr.cx('fr-card__title')}>{solution.name}</Title>
          <p className={fr.cx('fr-card__desc')}>{solution.description}</p>
          <div className={fr.cx('fr-card__start')}>
            <ul className={fr.cx('fr-badges-group')}>
              {solution.privateOffer ? (
                <li>
                  <Badge small severity="warning" noIcon>
                    Offre privée
                  </Badge>
                </li>
              ) : (
                <li>
                  <Badge small severity="info" noIcon>
                    Service public
                  </Badge>
                </li>
              )}
              <li>
                <Badge small noIcon>
                  {PRICE_RANGES[solution.priceRange]}
                </Badge>
              </li>
            </ul>
            <p className={fr.cx('fr-card__detail', 'fr-mt-1w')}>Proposée par {solution.provider}</p>
          </div>
          <div className={fr.cx('fr-card__end')}>
            <dl className={fr.cx('fr-text--sm', 'fr-mb-2w')}>
              <dt className={fr.cx('fr-text--bold')}>Pour</dt>
              <dd className={fr.cx('fr-ml-0', 'fr-mb-1w')}>
                {solution.companySizes.map((size) => COMPANY_SIZE_SHORT[size]).join(', ')}
              </dd>
              <dt className={fr.cx('fr-text--bold')}>Cas d'usage</dt>
              <dd className={fr.cx('fr-ml-0', 'fr-mb-1w')}>{solution.useCases.map((code) => USE_CASES[code]).join(', ')}</dd>
              <dt className={fr.cx('fr-text--bold')}>Secteurs</dt>
              <dd className={fr.cx('fr-ml-0', 'fr-mb-0')}>
                {solution.sectors.length === 0 ? 'Tous les secteurs' : solution.sectors.map((code) => NAF_SECTIONS[code]).join(', ')}
              </dd>
            </dl>
            <ExternalLink href={solution.url}>Voir l'offre {solution.name}</ExternalLink>
          </div>
        </div>
      </div>
    </div>
  );
}

/** Said once above any list of private offers. */
export function PrivateOfferNotice() {
  return (
    <p className={fr.cx('fr-text--sm', 'fr-mb-3w')}>
      <span className={fr.cx('fr-icon-information-line', 'fr-icon--sm', 'fr-mr-1v')} aria-hidden="true" />
      Les offres privées sont présentées à titre d'information : l'Académie de l'IA ne les recommande pas et ne
      perçoit aucune rémunération. Comparez-les avant de vous engager.
    </p>
  );
}
