import { AUDIENCES, COMPANY_SIZES, USE_CASE_CODES, USE_CASES, type CompanySize, type SolutionListQuery, type UseCase } from '@academie/contracts';
import { useSolutions } from '@academie/web-data-access';
import { useFocusAfterRender, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { countOf } from './catalogue-filters';
import { PrivateOfferNotice, SolutionCard } from './solution-card';

const PAGE_SIZE = 12;

const isUseCase = (value: string | null): value is UseCase => value !== null && (USE_CASE_CODES as string[]).includes(value);
const isCompanySize = (value: string | null): value is CompanySize => value !== null && (COMPANY_SIZES as readonly string[]).includes(value);

/** /solutions?useCase=…&companySize=…: turnkey AI solutions, by name, filtered by use case and company size. */
export function SolutionsPage() {
  const [params, setParams] = useSearchParams();
  const useCase = params.get('useCase');
  const companySize = params.get('companySize');
  const query: SolutionListQuery = { limit: PAGE_SIZE };
  if (isUseCase(useCase)) query.useCase = useCase;
  if (isCompanySize(companySize)) query.companySize = companySize;
  const solutions = useSolutions(query);
  const focus = useFocusAfterRender();
  usePageTitle('Solutions clés en main');

  const [draft, setDraft] = useState({ useCase: query.useCase ?? '', companySize: query.companySize ?? '' });
  const [applied, setApplied] = useState(`${query.useCase ?? ''}|${query.companySize ?? ''}`);
  const current = `${query.useCase ?? ''}|${query.companySize ?? ''}`;
  if (applied !== current) {
    // The address changed (back button, a link): show its filters.
    setApplied(current);
    setDraft({ useCase: query.useCase ?? '', companySize: query.companySize ?? '' });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.useCase !== '') next.set('useCase', draft.useCase);
    if (draft.companySize !== '') next.set('companySize', draft.companySize);
    setParams(next, { preventScrollReset: true });
  }

  const loaded = solutions.data?.items.length ?? 0;
  const [firstOfPage, setFirstOfPage] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (firstOfPage !== undefined && loaded > firstOfPage && !solutions.loadingMore) {
      focus(`solution-${firstOfPage}`);
      setFirstOfPage(undefined);
    }
  }, [firstOfPage, loaded, solutions.loadingMore, focus]);

  const items = solutions.data?.items ?? [];
  const filtered = query.useCase !== undefined || query.companySize !== undefined;

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb currentPageLabel="Solutions clés en main" homeLinkProps={{ to: '/' }} segments={[]} />
      <h1>Solutions clés en main</h1>
      <p className={fr.cx('fr-text--lead')}>
        Des outils d'intelligence artificielle prêts à l'emploi, classés par cas d'usage et par taille d'entreprise.
      </p>
      <PrivateOfferNotice />

      <form onSubmit={onSubmit} aria-labelledby="solutions-filtres-titre" className={fr.cx('fr-mb-4w')}>
        <h2 id="solutions-filtres-titre" className={fr.cx('fr-h5')}>
          Filtrer les solutions
        </h2>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-5')}>
            <Select
              className={fr.cx('fr-mb-0')}
              label="Cas d'usage"
              nativeSelectProps={{
                name: 'useCase',
                value: draft.useCase,
                onChange: (event) => setDraft((previous) => ({ ...previous, useCase: event.target.value })),
              }}
            >
              <option value="">Tous les cas d'usage</option>
              {USE_CASE_CODES.map((code) => (
                <option key={code} value={code}>
                  {USE_CASES[code]}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-5')}>
            <Select
              className={fr.cx('fr-mb-0')}
              label="Taille de l'entreprise"
              nativeSelectProps={{
                name: 'companySize',
                value: draft.companySize,
                onChange: (event) => setDraft((previous) => ({ ...previous, companySize: event.target.value })),
              }}
            >
              <option value="">Toutes les tailles</option>
              {COMPANY_SIZES.map((size) => (
                <option key={size} value={size}>
                  {AUDIENCES[size]}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-2')}>
            <Button type="submit">Filtrer</Button>
          </div>
        </div>
      </form>

      <section aria-labelledby="solutions-resultats" aria-busy={solutions.loading}>
        <h2 id="solutions-resultats" className={fr.cx('fr-sr-only')}>
          Solutions
        </h2>
        <p role="status" aria-live="polite" aria-atomic="true" className={fr.cx('fr-text--bold')}>
          {solutions.loading && solutions.data === undefined
            ? 'Chargement des solutions…'
            : solutions.data === undefined
              ? ''
              : solutions.data.items.length === 0
                ? 'Aucune solution ne correspond à ces critères.'
                : `${countOf(items.length, 'solution affichée', 'solutions affichées')}${solutions.data.nextCursor === null ? '' : ' (il y en a d’autres)'}`}
        </p>

        {solutions.error !== undefined && (
          <Alert
            severity="error"
            as="h3"
            title="Les solutions ne peuvent pas être affichées"
            description={
              <>
                <p className={fr.cx('fr-mb-2w')}>Le service est momentanément indisponible. Réessayez dans quelques instants.</p>
                <Button priority="secondary" size="small" onClick={solutions.reload}>
                  Réessayer
                </Button>
              </>
            }
          />
        )}

        {solutions.error === undefined && items.length === 0 && solutions.data !== undefined && filtered && (
          <Button priority="secondary" linkProps={{ to: '/solutions' }}>
            Voir toutes les solutions
          </Button>
        )}

        {solutions.error === undefined && items.length > 0 && (
          <>
            <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-raw-list')}>
              {items.map((solution, index) => (
                <li key={solution.id} id={`solution-${index}`} tabIndex={-1} className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-4')}>
                  <SolutionCard solution={solution} />
                </li>
              ))}
            </ul>
            {solutions.data?.nextCursor !== null && !solutions.stale && (
              <Button
                className={fr.cx('fr-mt-3w')}
                priority="secondary"
                disabled={solutions.loadingMore}
                onClick={() => {
                  setFirstOfPage(loaded);
                  solutions.loadMore();
                }}
              >
                {solutions.loadingMore ? 'Chargement…' : 'Afficher plus de solutions'}
              </Button>
            )}
          </>
        )}
      </section>
    </div>
  );
}
