import { type AdminCourseSummary, COURSE_STATUSES, type CourseStatus } from '@academie/contracts';
import { archiveCourseAsAdmin, listAdminCourses } from '@academie/web-data-access';
import { formatDate } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { COURSE_STATUS_LABELS, Confirmation, MoreButton, TabHeading, errorMessage, useAnnounce, useCursorList, TableFrame } from './admin-kit';

/** Every course, whoever authors it: find one and withdraw it from the catalogue. */
export function CoursesPage() {
  const announce = useAnnounce();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const status = (searchParams.get('statut') ?? '') as CourseStatus | '';
  const [draft, setDraft] = useState({ q, status });
  const [archiving, setArchiving] = useState<AdminCourseSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useCursorList<AdminCourseSummary>(`courses:${q}:${status}`, (cursor) =>
    listAdminCourses({ q: q || undefined, status: status || undefined, cursor, limit: 20 }),
  );

  const search = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (draft.q.trim()) next.q = draft.q.trim();
    if (draft.status) next.statut = draft.status;
    setSearchParams(next);
  };

  const archive = async (course: AdminCourseSummary) => {
    setBusy(true);
    try {
      const next = await archiveCourseAsAdmin(course.id);
      list.replace((item) => item.id === next.id, next);
      setArchiving(null);
      announce({ severity: 'success', title: `Cours « ${course.title} » archivé :`, description: 'il n’apparaît plus dans le catalogue.' });
    } catch (failure) {
      setArchiving(null);
      announce({ severity: 'error', title: 'Le cours n’a pas été archivé.', description: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <TabHeading
        title="Cours"
        lead="Tous les cours, quels que soient leurs auteurs. Archiver un cours le retire du catalogue ; les personnes qui l’ont commencé gardent leur version."
      />
      <form role="search" onSubmit={search} className={fr.cx('fr-mb-4w')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-5')}>
            <Input label="Titre ou adresse du cours" nativeInputProps={{ value: draft.q, onChange: (event) => setDraft({ ...draft, q: event.target.value }), type: 'search', maxLength: 100 }} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <Select label="État" nativeSelectProps={{ value: draft.status, onChange: (event) => setDraft({ ...draft, status: event.target.value as CourseStatus | '' }) }}>
              <option value="">Tous</option>
              {COURSE_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {COURSE_STATUS_LABELS[value]}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
            <Button type="submit" iconId="fr-icon-search-line">
              Rechercher
            </Button>
          </div>
        </div>
      </form>
      {list.loading && <p role="status">Chargement des cours…</p>}
      {list.error !== undefined && <p className={fr.cx('fr-error-text')}>{list.error}</p>}
      {archiving !== null && (
        <Confirmation
          id="confirmation-archivage"
          question={`Archiver le cours « ${archiving.title} » ?`}
          detail="Il disparaît du catalogue et de la recherche. Ses auteurs peuvent le voir dans leur studio ; l’archivage est inscrit au journal d’audit."
          confirmLabel="Archiver le cours"
          busy={busy}
          onConfirm={() => void archive(archiving)}
          onCancel={() => setArchiving(null)}
        />
      )}
      {list.items !== undefined && (
        <section aria-labelledby="cours-resultats">
          <h2 id="cours-resultats" className={fr.cx('fr-h4')}>
            {list.items.length === 0 ? 'Aucun cours ne correspond' : 'Cours, par titre'}
          </h2>
          {list.items.length > 0 && (
            <TableFrame caption="Cours">
                      <thead>
                        <tr>
                          <th scope="col">Titre</th>
                          <th scope="col">État</th>
                          <th scope="col">Version publiée</th>
                          <th scope="col">Modifié le</th>
                          <th scope="col">Action</th>
                        </tr>
                      </thead>
                      <tbody>
                        {list.items.map((course) => (
                          <tr key={course.id}>
                            <td>
                              {course.status === 'published' ? (
                                <Link className={fr.cx('fr-link')} to={`/cours/${course.slug}`}>
                                  {course.title}
                                </Link>
                              ) : (
                                course.title
                              )}
                            </td>
                            <td>
                              <Badge small noIcon severity={course.status === 'published' ? 'success' : course.status === 'archived' ? undefined : 'info'}>
                                {COURSE_STATUS_LABELS[course.status]}
                              </Badge>
                            </td>
                            <td>{course.currentVersionNumber ?? '—'}</td>
                            <td>{formatDate(course.updatedAt)}</td>
                            <td>
                              {course.status !== 'archived' && (
                                <Button size="small" priority="secondary" onClick={() => setArchiving(course)} disabled={busy}>
                                  Archiver<span className={fr.cx('fr-sr-only')}> le cours {course.title}</span>
                                </Button>
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </TableFrame>
          )}
          <MoreButton list={list} label="Afficher plus de cours" />
        </section>
      )}
    </>
  );
}
