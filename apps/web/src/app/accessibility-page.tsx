import { fr } from '@codegouvfr/react-dsfr';
import { usePageTitle } from '@academie/web-ui';

export function AccessibilityPage() {
  usePageTitle('Accessibilité');

  return (
    <div className={fr.cx('fr-container', 'fr-py-6w', 'fr-mb-6w')}>
      <h1>Déclaration d'accessibilité</h1>
      <p className={fr.cx('fr-text--lead')}>
        L'Académie de l'IA s'engage à rendre son service accessible à toutes et à tous, conformément
        à l'article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <h2>État de conformité</h2>
      <p>
        Le service est <strong>non conforme</strong> au référentiel général d'amélioration de
        l'accessibilité (RGAA) : il n'a pas encore été audité. Il est construit avec le système de
        design de l'État (DSFR).
      </p>
    </div>
  );
}
