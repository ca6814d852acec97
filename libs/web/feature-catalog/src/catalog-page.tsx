import { useCourses } from '@academie/web-data-access';
import { CourseCard, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useNavigate } from 'react-router';
import { SearchForm } from './catalogue-page';

const PAGE_TITLE = "Se former à l'intelligence artificielle";

/** Home page: what the plan is about, then the published courses. */
export function CatalogPage() {
  usePageTitle('Catalogue des formations');

  return (
    <div className={fr.cx('fr-container', 'fr-py-6w', 'fr-mb-4w')}>
      <h1>{PAGE_TITLE}</h1>
      <p className={fr.cx('fr-text--lead', 'fr-mb-3w')}>
        Le plan « Osez l'IA » a pour objectif de former 15 millions de personnes à l'intelligence
        artificielle.
      </p>
      <p className={fr.cx('fr-mb-4w')}>
        Salariés et dirigeants de TPE, de PME ou de grandes entreprises, apprentis, demandeurs
        d'emploi : choisissez une formation courte et concrète, adaptée à votre métier, et avancez à
        votre rythme.
      </p>
      <HomeSearch />
      <CourseList />
    </div>
  );
}

function CourseList() {
  const { data, error, loading, reload } = useCourses();

  return (
    <section aria-labelledby="catalogue-titre" aria-busy={loading}>
      <h2 id="catalogue-titre">Les formations</h2>

      {loading && (
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement des formations…
        </p>
      )}

      {error !== undefined && (
        <Alert
          severity="error"
          as="h3"
          title="Le catalogue est momentanément indisponible"
          description={
            <>
              <p className={fr.cx('fr-mb-2w')}>
                {error.statusCode >= 500
                  ? "Nous n'arrivons pas à charger les formations pour le moment. Réessayez dans quelques instants."
                  : error.message}
              </p>
              <Button priority="secondary" size="small" onClick={reload}>
                Réessayer
              </Button>
            </>
          }
        />
      )}

      {data !== undefined && data.items.length === 0 && (
        <p>Aucune formation n'est publiée pour le moment. Revenez bientôt !</p>
      )}

      {data !== undefined && data.items.length > 0 && (
        <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-raw-list')}>
          {data.items.map((course) => (
            <li key={course.id} className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-4')}>
              <CourseCard course={course} titleAs="h3" linkTo={`/cours/${course.slug}`} />
            </li>
          ))}
        </ul>
      )}

      {data !== undefined && data.items.length > 0 && (
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-4w')}>
          <li>
            <Button linkProps={{ to: '/catalogue' }}>Voir tout le catalogue</Button>
          </li>
          <li>
            <Button priority="secondary" linkProps={{ to: '/solutions' }}>
              Découvrir les solutions clés en main
            </Button>
          </li>
        </ul>
      )}
    </section>
  );
}

/** A search from the home page opens the catalogue with its results. */
function HomeSearch() {
  const navigate = useNavigate();
  return (
    <div className={fr.cx('fr-mb-6w')} style={{ maxWidth: '48rem' }}>
      <SearchForm
        initial=""
        onSearch={(q) => navigate(q.trim() === '' ? '/catalogue' : `/catalogue?${new URLSearchParams({ q: q.trim() }).toString()}`)}
      />
    </div>
  );
}
