import { KPI_MEASURES } from '@academie/contracts';
import { useKpiTimeseries } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { DIMENSION_CODES, DIMENSION_LABELS } from './breakdown-section';
import { DataTable } from './chart-figure';
import { DASHBOARD_FILTERS, type DashboardView } from './dashboard-query';
import { Definition } from './definition-link';
import { MEASURE_DEFINITIONS, MEASURE_LABELS, formatCount, formatMonth } from './format';

/** What the view selects, in words: « janvier 2026 – mars 2026 · Public : … ». */
export function describeView(view: DashboardView, from: string | undefined, to: string | undefined): string {
  const months = from !== undefined && to !== undefined ? `de ${formatMonth(from)} à ${formatMonth(to)}` : 'toute la période';
  const filters = DASHBOARD_FILTERS.flatMap((filter) => {
    const code = view.filters[filter];
    return code === undefined ? [] : [`${DIMENSION_LABELS[filter]} : ${DIMENSION_CODES[filter][code] ?? code}`];
  });
  return filters.length === 0 ? `${months}, toute la France, tous publics` : `${months}, ${filters.join(', ')}`;
}

/** The totals of the chosen months and filters (from the monthly series), and the series as a table. */
export function PeriodSection({ view }: { view: DashboardView }) {
  const { data, error } = useKpiTimeseries({ from: view.from, to: view.to, ...view.filters });
  return (
    <section aria-labelledby="periode-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="periode-titre">Sur la période et les filtres choisis</h2>
      <p role="status" className={fr.cx('fr-text--lead', 'fr-mb-2w')} data-testid="periode-resume">
        {data === undefined ? (error === undefined ? 'Chargement des indicateurs…' : '') : `Indicateurs ${describeView(view, data.from, data.to)}.`}
      </p>
      {error !== undefined && <Alert small severity="error" description={error.message} />}
      {data !== undefined && (
        <>
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-2w')}>
            {KPI_MEASURES.map((measure) => (
              <div key={measure} className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-4')}>
                <div className={fr.cx('fr-p-2w')} style={{ height: '100%', boxShadow: `inset 0 0 0 1px ${fr.colors.decisions.border.default.grey.default}` }}>
                  <p className={fr.cx('fr-h3', 'fr-mb-0')}>{formatCount(data.total[measure])}</p>
                  <p className={fr.cx('fr-text--bold', 'fr-mb-1w')}>{MEASURE_LABELS[measure]}</p>
                  <Definition>{MEASURE_DEFINITIONS[measure]}</Definition>
                </div>
              </div>
            ))}
          </div>
          <details>
            <summary className={fr.cx('fr-link')}>Voir le détail mois par mois</summary>
            <DataTable caption={`Indicateurs par mois, ${describeView(view, data.from, data.to)}`}>
              <thead>
                <tr>
                  <th scope="col">Mois</th>
                  {KPI_MEASURES.map((measure) => (
                    <th key={measure} scope="col">
                      {MEASURE_LABELS[measure]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.points.map((point) => (
                  <tr key={point.month}>
                    <th scope="row">{formatMonth(point.month)}</th>
                    {KPI_MEASURES.map((measure) => (
                      <td key={measure}>{formatCount(point.counts[measure])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </details>
        </>
      )}
    </section>
  );
}
