import type { KpiCount, KpiOverviewResponse } from '@academie/contracts';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { ReactNode } from 'react';
import { ChartFigure, DataTable } from './chart-figure';
import { trajectoryRows, trajectoryTableRows } from './chart-model';
import { Definition, SECRET_ANCHOR } from './definition-link';
import { SUPPRESSED_TEXT, formatCount, formatDay, formatMonth, formatNumber, formatShare } from './format';
import { ProgressFigure } from './progress-figure';
import { TrajectoryChart, TrajectoryLegend } from './trajectory-chart';

function BigNumber({ value, label, children }: { value: string; label: ReactNode; children?: ReactNode }) {
  return (
    <div className={fr.cx('fr-p-3w')} style={{ height: '100%', backgroundColor: fr.colors.decisions.background.alt.blueFrance.default }}>
      <p className={fr.cx('fr-h2', 'fr-mb-0')} style={{ color: fr.colors.decisions.text.title.blueFrance.default }}>
        {value}
      </p>
      <p className={fr.cx('fr-text--bold', 'fr-mb-1w')}>{label}</p>
      {children}
    </div>
  );
}

function isHidden(count: KpiCount): boolean {
  return count.suppressed || count.value === null;
}

/** Progress toward the plan's goals: trained persons, the trajectory to 2030, apprentices, learners. */
export function OverviewSection({ overview }: { overview: KpiOverviewResponse }) {
  const { trained, runRate, apprentices, learners } = overview;
  const rows = trajectoryRows(overview.trajectory, runRate.monthlyTrained, trained.goal);
  const deadline = formatDay(trained.deadline);

  return (
    <section aria-labelledby="objectif-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="objectif-titre">Objectif : {formatNumber(trained.goal)} personnes formées au {deadline}</h2>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-4w')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <BigNumber value={formatCount(trained.total)} label="personnes formées depuis l’ouverture">
            <ProgressFigure share={trained.shareOfGoal} label={`Part de l’objectif de ${formatNumber(trained.goal)} personnes formées`} />
            <p className={fr.cx('fr-text--sm', 'fr-mt-1w', 'fr-mb-1w')}>
              {trained.shareOfGoal === null
                ? 'Part de l’objectif non publiée (secret statistique).'
                : `${formatShare(trained.shareOfGoal)} de l’objectif de ${formatNumber(trained.goal)}.`}
            </p>
            <Definition>
              Personne distincte comptée une fois, à son premier certificat sur un cours qui compte pour l’objectif.
            </Definition>
          </BigNumber>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <BigNumber
            value={runRate.monthlyTrained === null ? '—' : formatNumber(runRate.monthlyTrained)}
            label="personnes formées par mois (rythme actuel)"
          >
            <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
              {runRate.goalReachedOn === null
                ? 'Pas encore de rythme mesurable : la date d’atteinte de l’objectif ne peut pas être estimée.'
                : `À ce rythme, l’objectif serait atteint le ${formatDay(runRate.goalReachedOn)}.`}{' '}
              {runRate.onTrack !== null && (
                <Badge small severity={runRate.onTrack ? 'success' : 'warning'}>
                  {runRate.onTrack ? 'Dans les temps' : 'En retard sur l’échéance'}
                </Badge>
              )}
            </p>
            <Definition>
              Moyenne des personnes formées sur les 3 derniers mois complets au plus
              {runRate.monthsUsed.length > 0 && ` (${runRate.monthsUsed.map(formatMonth).join(', ')})`}.
            </Definition>
          </BigNumber>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <BigNumber value={formatCount(apprentices.trained)} label={`apprentis formés en ${apprentices.year}`}>
            <ProgressFigure share={apprentices.shareOfGoal} label={`Part de l’objectif de ${formatNumber(apprentices.goal)} apprentis formés en ${apprentices.year}`} />
            <p className={fr.cx('fr-text--sm', 'fr-mt-1w', 'fr-mb-1w')}>
              {apprentices.shareOfGoal === null
                ? 'Part de l’objectif annuel non publiée (secret statistique).'
                : `${formatShare(apprentices.shareOfGoal)} de l’objectif de ${formatNumber(apprentices.goal)} apprentis par an.`}
            </p>
            <Definition>Personnes formées dont le public, au moment de la formation, était « apprenti », dans l’année civile.</Definition>
          </BigNumber>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <BigNumber value={formatCount(learners.enrolled)} label="apprenants inscrits">
            <ul className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
              <li>{formatCount(learners.active30Days)} actifs ces 30 derniers jours</li>
              <li>
                {formatCount(overview.enrollments)} inscriptions, {formatCount(overview.completions)} achèvements (taux d’achèvement :{' '}
                {formatShare(overview.completionRate)})
              </li>
              <li>{formatCount(overview.certificates)} certificats délivrés</li>
            </ul>
            <Definition>
              Inscrits : personnes ayant au moins une inscription ; actifs : une inscription, un achèvement ou un certificat
              dans les 30 derniers jours.
            </Definition>
          </BigNumber>
        </div>
      </div>

      <ChartFigure
        title={`Trajectoire vers ${formatNumber(trained.goal)} personnes formées au ${deadline}`}
        definition={
          <>
            Cumul des personnes formées en fin de mois, face à la trajectoire cible (droite du premier mois jusqu’à l’objectif
            au {deadline}) et à la projection au rythme mensuel actuel. Un cumul n’est publié que si aucun mois précédent
            n’est sous <a href={`#${SECRET_ANCHOR}`}>secret statistique</a>.
          </>
        }
        chart={<TrajectoryChart rows={rows} goal={trained.goal} />}
        footer={<TrajectoryLegend />}
        table={
          <DataTable caption="Trajectoire : cumul des personnes formées par mois">
            <thead>
              <tr>
                <th scope="col">Mois</th>
                <th scope="col">Réel</th>
                <th scope="col">Cible</th>
                <th scope="col">Projection</th>
              </tr>
            </thead>
            <tbody>
              {trajectoryTableRows(rows).map((row) => (
                <tr key={row.month}>
                  <th scope="row">{formatMonth(row.month)}</th>
                  <td>{row.suppressed ? SUPPRESSED_TEXT : row.actual === null ? '—' : formatNumber(row.actual)}</td>
                  <td>{formatNumber(Math.round(row.target))}</td>
                  <td>{row.forecast === null ? '—' : formatNumber(Math.round(row.forecast))}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        }
      />
      {isHidden(trained.total) && (
        <p className={fr.cx('fr-text--sm')}>Le total est encore sous secret statistique : moins de 10 personnes formées.</p>
      )}
    </section>
  );
}
