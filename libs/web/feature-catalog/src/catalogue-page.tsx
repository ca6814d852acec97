import {
  AUDIENCE_CODES,
  AUDIENCES,
  COURSE_KIND_LABELS,
  COURSE_KINDS,
  COURSE_LEVEL_LABELS,
  COURSE_LEVELS,
  DURATION_BUCKETS,
  NAF_SECTIONS,
  USE_CASES,
  type Audience,
  type CourseFacets,
  type FacetCount,
} from '@academie/contracts';
import { useAuth, useCourseSearch } from '@academie/web-data-access';
import { CourseCard, useFocusAfterRender, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Tag } from '@codegouvfr/react-dsfr/Tag';
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import {
  clearedFilters,
  countOf,
  effectiveAudiences,
  filtersFromParams,
  hasFilters,
  paramsFromFilters,
  searchQueryOf,
  toggled,
  usesProfileAudience,
  withAudiences,
  type CatalogueFilters,
  type ListFilter,
} from './catalogue-filters';

const PAGE_SIZE = 12;
const SEARCH_INPUT_ID = 'catalogue-recherche';

/** Short names of the audiences, for the chips of the active filters. */
const AUDIENCE_SHORT: Record<Audience, string> = {
  tpe: 'TPE',
  pme: 'PME',
  eti: 'ETI',
  grand_groupe: 'Grande entreprise',
  apprenti: 'Apprentis',
  demandeur_emploi: "Demandeurs d'emploi",
};

/** Names of the audiences in the filters (the counts follow them in parentheses). */
const AUDIENCE_FILTER_LABELS: Record<Audience, string> = {
  tpe: 'TPE, moins de 10 personnes',
  pme: 'PME, 10 à 249 personnes',
  eti: 'ETI, 250 à 4 999 personnes',
  grand_groupe: 'Grande entreprise, 5 000 personnes et plus',
  apprenti: 'Apprentis',
  demandeur_emploi: "Demandeurs d'emploi",
};

/**
 * /catalogue: search the published courses (French full text, accents ignored by the API), narrow them
 * with filters showing how many courses each option holds, page with « Afficher plus de formations ».
 * The whole search lives in the address, so that it can be shared. A signed-in learner sees the courses
 * of their own audience first, said plainly, with a way to see every audience.
 */
export function CataloguePage() {
  const [params, setParams] = useSearchParams();
  const { status, user } = useAuth();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const defaultAudience = user?.audience ?? null;
  // Until the session is restored, the default audience is unknown: do not search twice.
  const waitingForSession = status === 'loading' && filters.audience === undefined;
  const query = waitingForSession ? undefined : { ...searchQueryOf(filters, defaultAudience), limit: PAGE_SIZE };
  const search = useCourseSearch(query);
  const focus = useFocusAfterRender();
  const [filtersOpen, setFiltersOpen] = useState(false);

  usePageTitle(filters.q.trim() === '' ? 'Catalogue des formations' : `Recherche « ${filters.q.trim()} » - Catalogue des formations`);

  const apply = (next: CatalogueFilters) => setParams(paramsFromFilters(next), { preventScrollReset: true });

  const loaded = search.data?.items.length ?? 0;
  const [firstOfPage, setFirstOfPage] = useState<number | undefined>(undefined);
  useEffect(() => {
    // After « Afficher plus », the focus goes to the first course of the new page.
    if (firstOfPage !== undefined && loaded > firstOfPage && !search.loadingMore) {
      focus(`catalogue-resultat-${firstOfPage}`);
      setFirstOfPage(undefined);
    }
  }, [firstOfPage, loaded, search.loadingMore, focus]);

  const audiences = effectiveAudiences(filters, defaultAudience);
  const fromProfile = usesProfileAudience(filters, defaultAudience);

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb currentPageLabel="Catalogue des formations" homeLinkProps={{ to: '/' }} segments={[]} />
      <h1>Catalogue des formations</h1>

      <SearchForm initial={filters.q} onSearch={(q) => apply({ ...filters, q })} />

      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mt-2w')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-4')}>
          <Button
            className={fr.cx('fr-hidden-lg', 'fr-mb-2w')}
            priority="secondary"
            iconId="fr-icon-filter-line"
            nativeButtonProps={{ 'aria-expanded': filtersOpen, 'aria-controls': 'catalogue-filtres' }}
            onClick={() => setFiltersOpen((open) => !open)}
          >
            {filtersOpen ? 'Masquer les filtres' : 'Afficher les filtres'}
          </Button>
          <section
            id="catalogue-filtres"
            aria-labelledby="catalogue-filtres-titre"
            className={filtersOpen ? undefined : fr.cx('fr-hidden', 'fr-unhidden-lg')}
          >
            <h2 id="catalogue-filtres-titre" className={fr.cx('fr-h4')}>
              Filtrer les formations
            </h2>
            <Filters
              filters={filters}
              facets={search.data?.facets}
              defaultAudience={defaultAudience}
              audiences={audiences}
              onChange={apply}
            />
            {/* On a phone the results are below the filters: a way back to them. */}
            <Button
              className={fr.cx('fr-hidden-lg', 'fr-mt-2w')}
              onClick={() => {
                setFiltersOpen(false);
                focus('catalogue-resultats-titre');
              }}
            >
              {search.data === undefined || search.data.total === 0
                ? 'Voir les résultats'
                : search.data.total === 1
                  ? 'Voir la formation trouvée'
                  : `Voir les ${search.data.total.toLocaleString('fr-FR')} formations trouvées`}
            </Button>
          </section>
        </div>

        <section className={fr.cx('fr-col-12', 'fr-col-lg-8')} aria-labelledby="catalogue-resultats-titre" aria-busy={search.loading}>
          <h2 id="catalogue-resultats-titre" tabIndex={-1} className={fr.cx('fr-sr-only')}>
            Résultats
          </h2>

          {fromProfile && defaultAudience !== null && (
            <div
              className={fr.cx('fr-p-2w', 'fr-mb-3w')}
              style={{ backgroundColor: fr.colors.decisions.background.alt.blueFrance.default }}
            >
              <p className={fr.cx('fr-mb-1w')}>
                <span className={fr.cx('fr-icon-user-line', 'fr-icon--sm', 'fr-mr-1w')} aria-hidden="true" />
                D'après votre profil, nous vous montrons les formations pour le public{' '}
                <strong>« {AUDIENCES[defaultAudience]} »</strong>.
              </p>
              <Button
                size="small"
                priority="tertiary"
                onClick={() => apply(withAudiences(filters, [], defaultAudience))}
              >
                Voir les formations de tous les publics
              </Button>
            </div>
          )}

          <ResultsCount
            total={search.data?.total}
            loading={search.loading}
            query={filters.q.trim()}
          />

          <ActiveFilters
            filters={filters}
            audiences={audiences}
            defaultAudience={defaultAudience}
            onChange={apply}
            focus={focus}
          />

          {search.error !== undefined && (
            <Alert
              className={fr.cx('fr-mb-3w')}
              severity="error"
              as="h3"
              title="La recherche n'a pas pu aboutir"
              description={
                <>
                  <p className={fr.cx('fr-mb-2w')}>
                    {search.error.statusCode >= 500 || search.error.statusCode === 0
                      ? 'Le catalogue est momentanément indisponible. Réessayez dans quelques instants.'
                      : search.error.message}
                  </p>
                  <Button priority="secondary" size="small" onClick={search.reload}>
                    Réessayer
                  </Button>
                </>
              }
            />
          )}

          {search.error === undefined && search.data !== undefined && search.data.items.length === 0 && !search.loading && (
            <div>
              <p>Aucune formation ne correspond à votre recherche.</p>
              <ul>
                <li>Vérifiez l'orthographe des mots ou essayez des mots plus généraux.</li>
                {hasFilters(filters, defaultAudience) && <li>Retirez un ou plusieurs filtres.</li>}
              </ul>
              {hasFilters(filters, defaultAudience) && (
                <Button priority="secondary" onClick={() => apply(clearedFilters(filters, defaultAudience))}>
                  Effacer tous les filtres
                </Button>
              )}
            </div>
          )}

          {search.error === undefined && search.data !== undefined && search.data.items.length > 0 && (
            <>
              <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-raw-list')}>
                {search.data.items.map((course, index) => (
                  <li
                    key={course.id}
                    id={`catalogue-resultat-${index}`}
                    tabIndex={-1}
                    className={fr.cx('fr-col-12', 'fr-col-md-6')}
                  >
                    <CourseCard course={course} titleAs="h3" linkTo={`/cours/${course.slug}`} />
                  </li>
                ))}
              </ul>
              <p className={fr.cx('fr-text--sm', 'fr-mt-3w')}>
                {`${countOf(search.data.items.length, 'formation affichée', 'formations affichées')} sur ${search.data.total.toLocaleString('fr-FR')}`}
              </p>
              {search.data.nextCursor !== null && !search.stale && (
                <Button
                  priority="secondary"
                  disabled={search.loadingMore}
                  onClick={() => {
                    setFirstOfPage(loaded);
                    search.loadMore();
                  }}
                >
                  {search.loadingMore ? 'Chargement…' : 'Afficher plus de formations'}
                </Button>
              )}
              {search.loadMoreError !== undefined && (
                <p className={fr.cx('fr-message', 'fr-message--error', 'fr-mt-2w')} role="alert">
                  Les formations suivantes n'ont pas pu être chargées. Réessayez dans quelques instants.
                </p>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}

/** The catalogue's search box (also on the home page). */
export function SearchForm({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(initial);
  // The address changed (back button, a link): show its text. Typing does not change `initial`.
  const [shown, setShown] = useState(initial);
  if (shown !== initial) {
    setShown(initial);
    setText(initial);
  }
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(text);
  }
  return (
    <form role="search" onSubmit={onSubmit} className={fr.cx('fr-mb-2w')}>
      <label className={fr.cx('fr-label', 'fr-mb-1w')} htmlFor={SEARCH_INPUT_ID}>
        Rechercher une formation
        <span className={fr.cx('fr-hint-text')}>
          Par exemple : intelligence artificielle, comptabilité, relation client
        </span>
      </label>
      <div className={fr.cx('fr-search-bar', 'fr-search-bar--lg')}>
        <input
          id={SEARCH_INPUT_ID}
          className={fr.cx('fr-input')}
          type="search"
          name="q"
          value={text}
          maxLength={200}
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className={fr.cx('fr-btn')} title="Rechercher">
          Rechercher
        </button>
      </div>
    </form>
  );
}

function ResultsCount({ total, loading, query }: { total: number | undefined; loading: boolean; query: string }) {
  let text = '';
  if (loading && total === undefined) text = 'Recherche des formations…';
  else if (total !== undefined) {
    const found = total === 0 ? 'Aucune formation trouvée' : `${countOf(total, 'formation trouvée', 'formations trouvées')}`;
    text = query === '' ? found : `${found} pour « ${query} »`;
  }
  // Always in the page, so that screen readers announce each new count (aria-live region).
  return (
    <p role="status" aria-live="polite" aria-atomic="true" className={fr.cx('fr-text--lg', 'fr-text--bold', 'fr-mb-2w')}>
      {text}
    </p>
  );
}

interface FiltersProps {
  filters: CatalogueFilters;
  facets: CourseFacets | undefined;
  defaultAudience: Audience | null;
  audiences: Audience[];
  onChange: (next: CatalogueFilters) => void;
}

const countIn = <T extends string>(facet: FacetCount<T>[] | undefined, value: T): number =>
  facet?.find((entry) => entry.value === value)?.count ?? 0;

/** « Découverte (12) »: the count of courses that choosing the option would show. */
const withCount = (label: string, count: number | undefined): ReactNode => (count === undefined ? label : `${label} (${count})`);

function Filters({ filters, facets, defaultAudience, audiences, onChange }: FiltersProps) {
  const fromProfile = usesProfileAudience(filters, defaultAudience);

  function listGroup<T extends string>(
    name: ListFilter,
    legend: string,
    codes: readonly T[],
    labels: Record<T, string>,
    facet: FacetCount<T>[] | undefined,
    options: { onlyWithCourses?: boolean } = {},
  ) {
    const chosen = filters[name] as readonly string[];
    const shown = options.onlyWithCourses
      ? codes.filter((code) => chosen.includes(code) || countIn(facet, code) > 0)
      : codes;
    if (shown.length === 0) return null;
    return (
      <Checkbox
        small
        legend={legend}
        options={shown.map((code) => ({
          label: withCount(labels[code], facets === undefined ? undefined : countIn(facet, code)),
          nativeInputProps: {
            name,
            value: code,
            checked: chosen.includes(code),
            onChange: (event) => onChange({ ...filters, [name]: toggled(chosen, code, event.target.checked) }),
          },
        }))}
      />
    );
  }

  return (
    <div>
      <Checkbox
        small
        legend="Public"
        hintText={fromProfile && defaultAudience !== null ? 'Présélectionné d’après votre profil.' : undefined}
        options={AUDIENCE_CODES.map((code) => ({
          label: withCount(AUDIENCE_FILTER_LABELS[code], facets === undefined ? undefined : countIn(facets.audience, code)),
          nativeInputProps: {
            name: 'audience',
            value: code,
            checked: audiences.includes(code),
            onChange: (event) => onChange(withAudiences(filters, toggled(audiences, code, event.target.checked), defaultAudience)),
          },
        }))}
      />
      {listGroup('level', 'Niveau', COURSE_LEVELS, COURSE_LEVEL_LABELS, facets?.level)}
      <RadioButtons
        small
        legend="Durée"
        name="duree"
        options={[
          {
            label: 'Toutes les durées',
            nativeInputProps: {
              value: '',
              checked: filters.duration === undefined,
              onChange: () => onChange({ ...filters, duration: undefined }),
            },
          },
          ...DURATION_BUCKETS.map((bucket) => ({
            label: withCount(bucket.label, facets?.duration.find((entry) => entry.value === bucket.value)?.count),
            nativeInputProps: {
              value: bucket.value,
              checked: filters.duration === bucket.value,
              onChange: () => onChange({ ...filters, duration: bucket.value }),
            },
          })),
        ]}
      />
      {listGroup('kind', 'Type de formation', COURSE_KINDS, COURSE_KIND_LABELS, facets?.kind)}
      {listGroup('useCase', "Cas d'usage", Object.keys(USE_CASES) as (keyof typeof USE_CASES)[], USE_CASES, facets?.useCase, {
        onlyWithCourses: true,
      })}
      {listGroup('sector', "Secteur d'activité", Object.keys(NAF_SECTIONS) as (keyof typeof NAF_SECTIONS)[], NAF_SECTIONS, facets?.sector, {
        onlyWithCourses: true,
      })}
      {hasFilters(filters, defaultAudience) && (
        <Button priority="tertiary" iconId="fr-icon-close-circle-line" onClick={() => onChange(clearedFilters(filters, defaultAudience))}>
          Effacer tous les filtres
        </Button>
      )}
    </div>
  );
}

/** The filters in force, each as a chip that removes it (handy on small screens, where the panel is folded). */
function ActiveFilters({
  filters,
  audiences,
  defaultAudience,
  onChange,
  focus,
}: {
  filters: CatalogueFilters;
  audiences: Audience[];
  defaultAudience: Audience | null;
  onChange: (next: CatalogueFilters) => void;
  focus: (id: string) => void;
}) {
  const chips: { key: string; label: string; remove: () => CatalogueFilters }[] = [
    ...audiences.map((code) => ({
      key: `audience-${code}`,
      label: `Public : ${AUDIENCE_SHORT[code]}`,
      remove: () => withAudiences(filters, toggled(audiences, code, false), defaultAudience),
    })),
    ...filters.level.map((code) => ({
      key: `level-${code}`,
      label: `Niveau : ${COURSE_LEVEL_LABELS[code]}`,
      remove: () => ({ ...filters, level: toggled(filters.level, code, false) }),
    })),
    ...(filters.duration === undefined
      ? []
      : [
          {
            key: 'duration',
            label: `Durée : ${DURATION_BUCKETS.find((bucket) => bucket.value === filters.duration)?.label ?? ''}`,
            remove: () => ({ ...filters, duration: undefined }),
          },
        ]),
    ...filters.kind.map((code) => ({
      key: `kind-${code}`,
      label: `Type : ${COURSE_KIND_LABELS[code]}`,
      remove: () => ({ ...filters, kind: toggled(filters.kind, code, false) }),
    })),
    ...filters.useCase.map((code) => ({
      key: `useCase-${code}`,
      label: `Cas d'usage : ${USE_CASES[code]}`,
      remove: () => ({ ...filters, useCase: toggled(filters.useCase, code, false) }),
    })),
    ...filters.sector.map((code) => ({
      key: `sector-${code}`,
      label: `Secteur : ${NAF_SECTIONS[code]}`,
      remove: () => ({ ...filters, sector: toggled(filters.sector, code, false) }),
    })),
  ];
  if (chips.length === 0) return null;
  function remove(index: number) {
    onChange(chips[index].remove());
    // The chip is gone: the focus goes to the next one, or the previous, or back to the search box.
    const next = chips.length === 1 ? undefined : Math.min(index, chips.length - 2);
    focus(next === undefined ? SEARCH_INPUT_ID : `catalogue-filtre-actif-${next}`);
  }
  return (
    <div className={fr.cx('fr-mb-2w')}>
      <p className={fr.cx('fr-sr-only')} id="catalogue-filtres-actifs">
        Filtres appliqués
      </p>
      <ul className={fr.cx('fr-tags-group')} aria-labelledby="catalogue-filtres-actifs">
        {chips.map((chip, index) => (
          <li key={chip.key}>
            <Tag
              small
              dismissible
              nativeButtonProps={{ id: `catalogue-filtre-actif-${index}`, 'aria-label': `Retirer le filtre ${chip.label}`, onClick: () => remove(index) }}
            >
              {chip.label}
            </Tag>
          </li>
        ))}
      </ul>
    </div>
  );
}
