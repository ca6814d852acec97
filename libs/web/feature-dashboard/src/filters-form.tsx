import { KPI_MAX_FILTERS, KPI_MEASURES, type KpiMeasure } from '@academie/contracts';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { DIMENSION_LABELS, filterChoices } from './breakdown-section';
import { DASHBOARD_FILTERS, activeFilterCount, type DashboardFilter, type DashboardView } from './dashboard-query';
import { MEASURE_LABELS, formatMonth } from './format';

export interface FiltersFormProps {
  view: DashboardView;
  /** Months that can be chosen (from the first month with data to the current one). */
  months: string[];
  onChange: (view: DashboardView) => void;
}

/** Months, filters and the measure shown: each change applies at once and is written in the URL. */
export function FiltersForm({ view, months, onChange }: FiltersFormProps) {
  const full = activeFilterCount(view) >= KPI_MAX_FILTERS;
  const setFilter = (filter: DashboardFilter, value: string) => {
    const filters = { ...view.filters } as Record<DashboardFilter, string | undefined>;
    if (value === '') delete filters[filter];
    else filters[filter] = value;
    onChange({ ...view, filters: filters as DashboardView['filters'] });
  };
  const setMonth = (key: 'from' | 'to', value: string) => {
    const next = { ...view };
    if (value === '') delete next[key];
    else next[key] = value;
    if (next.from !== undefined && next.to !== undefined && next.from > next.to) {
      if (key === 'from') next.to = next.from;
      else next.from = next.to;
    }
    onChange(next);
  };

  return (
    <form
      aria-labelledby="filtres-titre"
      className={fr.cx('fr-p-3w', 'fr-mb-4w')}
      style={{ backgroundColor: fr.colors.decisions.background.alt.grey.default }}
      onSubmit={(event) => event.preventDefault()}
    >
      <h2 id="filtres-titre" className={fr.cx('fr-h5')}>
        Période et filtres
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Les ventilations, la série et le classement des régions suivent ces choix ; la progression vers les objectifs, ci-dessus,
        reste nationale et depuis l’ouverture. Deux filtres au plus.
      </p>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3')}>
          <Select label="Du mois" nativeSelectProps={{ value: view.from ?? '', onChange: (event) => setMonth('from', event.target.value) }}>
            <option value="">Premier mois</option>
            {months.map((month) => (
              <option key={month} value={month}>
                {formatMonth(month)}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3')}>
          <Select label="Au mois" nativeSelectProps={{ value: view.to ?? '', onChange: (event) => setMonth('to', event.target.value) }}>
            <option value="">Mois en cours</option>
            {months.map((month) => (
              <option key={month} value={month}>
                {formatMonth(month)}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3')}>
          <Select
            label="Indicateur affiché"
            nativeSelectProps={{ value: view.measure, onChange: (event) => onChange({ ...view, measure: event.target.value as KpiMeasure }) }}
          >
            {KPI_MEASURES.map((measure) => (
              <option key={measure} value={measure}>
                {MEASURE_LABELS[measure]}
              </option>
            ))}
          </Select>
        </div>
        {DASHBOARD_FILTERS.map((filter) => {
          const disabled = full && view.filters[filter] === undefined;
          return (
            <div key={filter} className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3')}>
              <Select
                label={DIMENSION_LABELS[filter]}
                hint={disabled ? 'Deux filtres déjà choisis : retirez-en un.' : undefined}
                disabled={disabled}
                nativeSelectProps={{ value: view.filters[filter] ?? '', onChange: (event) => setFilter(filter, event.target.value) }}
              >
                <option value="">Tous</option>
                {filterChoices(filter).map(([code, label]) => (
                  <option key={code} value={code}>
                    {filter === 'sector' ? `${code} – ${label}` : label}
                  </option>
                ))}
              </Select>
            </div>
          );
        })}
      </div>
      {(activeFilterCount(view) > 0 || view.from !== undefined || view.to !== undefined || view.measure !== 'trained') && (
        <Button
          type="button"
          priority="secondary"
          size="small"
          iconId="fr-icon-refresh-line"
          className={fr.cx('fr-mt-2w')}
          onClick={() => onChange({ measure: 'trained', filters: {} })}
        >
          Réinitialiser la période et les filtres
        </Button>
      )}
    </form>
  );
}
