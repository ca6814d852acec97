import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { usePageTitle } from '@academie/web-ui';

export function NotFoundPage() {
  usePageTitle('Page non trouvée');

  return (
    <div className={fr.cx('fr-container', 'fr-py-6w', 'fr-mb-6w')}>
      <h1>Page non trouvée</h1>
      <p className={fr.cx('fr-text--sm', 'fr-mb-3w')}>Erreur 404</p>
      <p className={fr.cx('fr-text--lead', 'fr-mb-3w')}>
        La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.
      </p>
      <p className={fr.cx('fr-mb-5w')}>
        Si vous avez tapé l'adresse web dans le navigateur, vérifiez qu'elle est correcte. La page
        n'est peut-être plus disponible.
      </p>
      <Button linkProps={{ to: '/' }}>Revenir à l'accueil</Button>
    </div>
  );
}
