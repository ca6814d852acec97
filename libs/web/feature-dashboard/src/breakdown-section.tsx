import {
  AUDIENCES,
  NAF_SECTIONS,
  REGIONS,
  STAFF_BANDS,
  type KpiBreakdownCell,
  type KpiBreakdownResponse,
  type KpiDimension,
  type KpiMeasure,
} from '@academie/contracts';
import { useKpiBreakdown } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { BarChart } from './bar-chart';
import { ChartFigure, DataTable } from './chart-figure';
import { rankRegions } from './region-ranking';
import { breakdownQuery, type DashboardFilter, type DashboardView } from './dashboard-query';
import { MEASURE_DEFINITIONS, MEASURE_LABELS, SUPPRESSED_TEXT, formatCount, formatShare } from './format';

export const DIMENSION_LABELS: Record<DashboardFilter, string> = {
  audience: 'Public',
  region: 'Région',
  sector: 'Secteur d’activité (section NAF)',
  companySize: 'Taille de l’entreprise (tranche d’effectif INSEE)',
};

/** The dimension inside a sentence: « Personnes formées par secteur d’activité (section NAF) ». */
export const DIMENSION_IN_TITLE: Record<DashboardFilter, string> = {
  audience: 'public',
  region: 'région',
  sector: 'secteur d’activité (section NAF)',
  companySize: 'taille d’entreprise (tranche d’effectif INSEE)',
};

export const DIMENSION_CODES: Record<DashboardFilter, Record<string, string>> = {
  audience: AUDIENCES,
  region: REGIONS,
  sector: NAF_SECTIONS,
  companySize: STAFF_BANDS,
};

/**
 * The choices of a filter in a sensible order (JavaScript lists integer-like keys such as « 11 » before
 * « 01 » or « NN »): regions by name, size bands from « non employeuse » up, the others as declared.
 */
export function filterChoices(filter: DashboardFilter): [string, string][] {
  const entries = Object.entries(DIMENSION_CODES[filter]);
  if (filter === 'region') return entries.sort(([, a], [, b]) => a.localeCompare(b, 'fr'));
  if (filter === 'companySize') return entries.sort(([a], [b]) => (a === 'NN' ? -1 : b === 'NN' ? 1 : a.localeCompare(b)));
  return entries;
}

function FilterNote({ view, by }: { view: DashboardView; by: DashboardFilter }) {
  if (view.filters[by] === undefined) return null;
  return (
    <p className={fr.cx('fr-text--xs', 'fr-mb-1w')}>
      Le filtre « {DIMENSION_LABELS[by]} » ne s’applique pas à cette ventilation : elle montre tous les groupes.
    </p>
  );
}

function useBreakdown(by: KpiDimension, view: DashboardView) {
  return useKpiBreakdown(by, breakdownQuery(view, by));
}

function BreakdownState({ error, loading }: { error: { message: string } | undefined; loading: boolean }) {
  if (error !== undefined) return <Alert small severity="error" description={error.message} />;
  if (loading) return <p role="status">Chargement…</p>;
  return null;
}

function cellLabel(by: DashboardFilter, cell: KpiBreakdownCell): string {
  if (cell.code === null) return 'Non renseigné';
  if (by === 'sector') return `${cell.code} – ${cell.label}`;
  return cell.label;
}

function BreakdownTable({ response, by, measure }: { response: KpiBreakdownResponse; by: DashboardFilter; measure: KpiMeasure }) {
  return (
    <DataTable caption={`${MEASURE_LABELS[measure]} par ${DIMENSION_IN_TITLE[by]}`}>
      <thead>
        <tr>
          <th scope="col">{DIMENSION_LABELS[by]}</th>
          <th scope="col">{MEASURE_LABELS[measure]}</th>
          <th scope="col">Taux d’achèvement</th>
        </tr>
      </thead>
      <tbody>
        {response.cells.map((cell) => (
          <tr key={cell.code ?? 'non-renseigne'}>
            <th scope="row">{cellLabel(by, cell)}</th>
            <td>{formatCount(cell.counts[measure])}</td>
            <td>{formatShare(cell.completionRate)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td>{formatCount(response.total[measure])}</td>
          <td>{formatShare(response.totalCompletionRate)}</td>
        </tr>
      </tfoot>
    </DataTable>
  );
}

/** One breakdown (audience, sector or size band) as a bar chart with its table. */
export function BreakdownChart({ by, view }: { by: Exclude<DashboardFilter, 'region'>; view: DashboardView }) {
  const { data, error, loading } = useBreakdown(by, view);
  const title = `${MEASURE_LABELS[view.measure]} par ${DIMENSION_IN_TITLE[by]}`;
  if (data === undefined) {
    return (
      <div className={fr.cx('fr-mb-6w')}>
        <h3 className={fr.cx('fr-h5')}>{title}</h3>
        <BreakdownState error={error} loading={loading} />
      </div>
    );
  }
  return (
    <ChartFigure
      title={title}
      definition={
        <>
          {MEASURE_DEFINITIONS[view.measure]} Groupes classés par code ; « {SUPPRESSED_TEXT} » : secret statistique.
        </>
      }
      chart={
        data.cells.length === 0 ? (
          <p>Aucune activité sur la période pour ces filtres.</p>
        ) : (
          <BarChart data={data.cells.map((cell) => ({ key: cell.code ?? 'nr', label: cellLabel(by, cell), count: cell.counts[view.measure] }))} />
        )
      }
      footer={<FilterNote view={view} by={by} />}
      table={<BreakdownTable response={data} by={by} measure={view.measure} />}
    />
  );
}

/** The 18 regions ranked by the chosen measure; hidden counts are not ranked (their order would tell their value). */
export function RegionsTable({ view }: { view: DashboardView }) {
  const { data, error, loading } = useBreakdown('region', view);
  const title = `${MEASURE_LABELS[view.measure]} par région`;
  if (data === undefined) {
    return (
      <div className={fr.cx('fr-mb-6w')}>
        <h3 className={fr.cx('fr-h5')}>{title}</h3>
        <BreakdownState error={error} loading={loading} />
      </div>
    );
  }
  const ranking = rankRegions(data.cells, view.measure);
  const unknown = data.cells.find((cell) => cell.code === null);

  return (
    <section aria-labelledby="regions-titre" className={fr.cx('fr-mb-6w')}>
      <h3 id="regions-titre" className={fr.cx('fr-h5', 'fr-mb-1w')}>
        {title}
      </h3>
      <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        Les 18 régions, de la plus active à la moins active, puis celles sous secret statistique (« {SUPPRESSED_TEXT} »), non
        classées car leur rang trahirait leur valeur, et celles sans activité (« — »).
      </p>
      <FilterNote view={view} by="region" />
      <DataTable caption={`Classement des régions : ${MEASURE_LABELS[view.measure].toLowerCase()}`} captionHidden>
        <thead>
          <tr>
            <th scope="col">Rang</th>
            <th scope="col">Région</th>
            <th scope="col">{MEASURE_LABELS[view.measure]}</th>
            <th scope="col">Taux d’achèvement</th>
          </tr>
        </thead>
        <tbody>
          {ranking.map((row) => (
            <tr key={row.code}>
              <td>{row.rank}</td>
              <th scope="row">{row.label}</th>
              <td>{formatCount(row.count)}</td>
              <td>{formatShare(row.completionRate)}</td>
            </tr>
          ))}
          {unknown !== undefined && (
            <tr>
              <td>—</td>
              <th scope="row">Région non renseignée</th>
              <td>{formatCount(unknown.counts[view.measure])}</td>
              <td>{formatShare(unknown.completionRate)}</td>
            </tr>
          )}
        </tbody>
      </DataTable>
    </section>
  );
}
