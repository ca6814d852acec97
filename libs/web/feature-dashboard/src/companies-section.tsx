import type { KpiCompaniesReached } from '@academie/contracts';
import { fr } from '@codegouvfr/react-dsfr';
import { DataTable } from './chart-figure';
import { Definition } from './definition-link';
import { formatCount, formatNumber, formatShare } from './format';
import { ProgressFigure } from './progress-figure';

const CATEGORY_LABELS: Record<KpiCompaniesReached['category'], string> = {
  TPE: 'Très petites entreprises (TPE)',
  PME: 'Petites et moyennes entreprises (PME)',
  ETI: 'Entreprises de taille intermédiaire (ETI)',
  GE: 'Grandes entreprises (GE)',
};

const UNIT_LABELS: Record<KpiCompaniesReached['denominatorUnit'], string> = {
  enterprises: 'entreprises au sens de la LME (INSEE)',
  legal_units: 'unités légales (SIRENE)',
};

/** Companies reached per LME category, beside the plan's 2030 adoption targets, with the denominator and its unit. */
export function CompaniesSection({ companies }: { companies: KpiCompaniesReached[] }) {
  const sources = [...new Set(companies.map((company) => company.denominatorSource))];
  return (
    <section aria-labelledby="entreprises-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="entreprises-titre">Entreprises touchées, face aux cibles d’adoption de l’IA en 2030</h2>
      <p>
        Les cibles du plan portent sur l’adoption de l’IA (50 % des TPE, 80 % des PME et des ETI, 100 % des grandes entreprises).
        La plateforme ne mesure pas l’adoption : elle compte les entreprises (SIREN distincts) dont au moins une personne a été
        formée, un indicateur de substitution.
      </p>
      <DataTable caption="Entreprises touchées par catégorie (depuis l’ouverture)">
        <thead>
          <tr>
            <th scope="col">Catégorie</th>
            <th scope="col">Entreprises touchées</th>
            <th scope="col">Dénominateur</th>
            <th scope="col">Part touchée</th>
            <th scope="col">Cible 2030</th>
            <th scope="col">Progression vers la cible</th>
          </tr>
        </thead>
        <tbody>
          {companies.map((company) => (
            <tr key={company.category}>
              <th scope="row">{CATEGORY_LABELS[company.category]}</th>
              <td>{formatCount(company.reached)}</td>
              <td>
                {formatNumber(company.denominator)} {UNIT_LABELS[company.denominatorUnit]}
              </td>
              <td>{formatShare(company.shareReached)}</td>
              <td>{formatShare(company.adoptionTarget2030)}</td>
              <td style={{ minWidth: '9rem' }}>
                <ProgressFigure share={company.progressTowardTarget} label={`Progression vers la cible 2030 : ${CATEGORY_LABELS[company.category]}`} />
                <span className={fr.cx('fr-text--sm')}>{formatShare(company.progressTowardTarget)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <Definition>
        Part touchée = entreprises touchées / dénominateur ; progression = entreprises touchées / (cible × dénominateur). Le
        numérateur compte des unités légales (SIREN) : quand le dénominateur compte des entreprises (groupes), la part des
        ETI et des GE est surestimée. Source du dénominateur : {sources.join(' ; ')}.
      </Definition>
    </section>
  );
}
