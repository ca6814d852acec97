import type { CohortView, CourseListResponse, OrganisationMemberView, OrganisationProgress, ProgressAggregate } from '@academie/contracts';
import {
  addCohortMembers,
  assignCourse,
  coursesPath,
  createCohort,
  fetchProgressCsv,
  toErrorBody,
  useApiQuery,
  useCohorts,
  useOrganisationProgress,
} from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useState, type FormEvent } from 'react';
import { useFocusAfterRender } from './focus';
import { ROLE_LABELS, formatDate, plural, useLatest } from './labels';

const fullName = (m: { firstName: string; lastName: string }) => `${m.firstName} ${m.lastName}`.trim();

export function MembersSection({ members }: { members: OrganisationMemberView[] | undefined }) {
  return (
    <section aria-labelledby="membres-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="membres-titre">Membres</h2>
      {members === undefined ? (
        <p role="status">Chargement des membres…</p>
      ) : (
        <Table
          caption={plural(members.length, 'membre', 'membres')}
          headers={['Nom', 'Adresse e-mail', 'Rôle', 'Progression individuelle', 'Arrivée le']}
          data={members.map((m) => [
            fullName(m),
            m.email,
            ROLE_LABELS[m.role],
            m.progressShared ? (
              <Badge severity="success" small noIcon>
                Partagée
              </Badge>
            ) : (
              <Badge small noIcon>
                Non partagée
              </Badge>
            ),
            formatDate(m.joinedAt),
          ])}
        />
      )}
    </section>
  );
}

/** Cohorts: create one, add members to it, assign it a course with an optional due date. */
export function CohortsSection({ orgId, members, onChange }: { orgId: string; members: OrganisationMemberView[]; onChange: () => void }) {
  const cohorts = useCohorts(orgId);
  const cohortList = useLatest(cohorts.data);
  const courses = useApiQuery<CourseListResponse>(coursesPath({ limit: 50 }));
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const focus = useFocusAfterRender();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError('Saisissez le nom de l’équipe, par exemple « Équipe commerciale ».');
      focus('equipe-nom');
      return;
    }
    try {
      await createCohort(orgId, name.trim());
      setName('');
      setError(undefined);
      cohorts.reload();
    } catch (failure) {
      setError(toErrorBody(failure).message);
      focus('equipe-nom');
    }
  };

  return (
    <section aria-labelledby="equipes-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="equipes-titre">Équipes et formations assignées</h2>
      <p>Regroupez des membres en équipes, puis assignez une formation à une équipe : chaque membre y est inscrit.</p>
      <form onSubmit={create} noValidate className={fr.cx('fr-mb-4w')} aria-label="Créer une équipe">
        <Input
          label="Nom de la nouvelle équipe"
          state={error === undefined ? 'default' : 'error'}
          stateRelatedMessage={error}
          nativeInputProps={{ id: 'equipe-nom', value: name, 'aria-invalid': error === undefined ? undefined : true, onChange: (e) => setName(e.target.value) }}
        />
        <Button type="submit" priority="secondary" iconId="fr-icon-team-line">
          Créer l’équipe
        </Button>
      </form>
      {cohortList?.map((cohort) => (
        <CohortCard
          key={cohort.id}
          orgId={orgId}
          cohort={cohort}
          members={members}
          courses={courses.data?.items ?? []}
          onChange={() => {
            cohorts.reload();
            onChange();
          }}
        />
      ))}
    </section>
  );
}

function CohortCard({
  orgId,
  cohort,
  members,
  courses,
  onChange,
}: {
  orgId: string;
  cohort: CohortView;
  members: OrganisationMemberView[];
  courses: CourseListResponse['items'];
  onChange: () => void;
}) {
  const [selected, setSelected] = useState<string[]>([]);
  const [courseId, setCourseId] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string; field?: 'members' | 'course' } | undefined>(undefined);
  const focus = useFocusAfterRender();
  const base = `equipe-${cohort.id}`;
  const outside = members.filter((m) => !cohort.memberIds.includes(m.userId));
  const inside = members.filter((m) => cohort.memberIds.includes(m.userId));

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (selected.length === 0) {
      setMessage({ severity: 'error', text: 'Cochez au moins une personne à ajouter.', field: 'members' });
      focus(`${base}-ajout-0`);
      return;
    }
    try {
      await addCohortMembers(orgId, cohort.id, selected);
      setMessage({ severity: 'success', text: `${plural(selected.length, 'personne ajoutée', 'personnes ajoutées')} à l’équipe.` });
      setSelected([]);
      onChange();
    } catch (failure) {
      setMessage({ severity: 'error', text: toErrorBody(failure).message, field: 'members' });
    }
    focus(`${base}-message`);
  };

  const assign = async (event: FormEvent) => {
    event.preventDefault();
    if (courseId === '') {
      setMessage({ severity: 'error', text: 'Choisissez la formation à assigner.', field: 'course' });
      focus(`${base}-formation`);
      return;
    }
    try {
      const result = await assignCourse(orgId, cohort.id, { courseId, dueOn: dueOn === '' ? null : dueOn });
      setMessage({
        severity: 'success',
        text: `« ${result.assignment.courseTitle} » est assignée à l’équipe : ${plural(result.enrolled, 'personne nouvellement inscrite', 'personnes nouvellement inscrites')}.`,
      });
      setCourseId('');
      setDueOn('');
      onChange();
      focus(`${base}-message`);
    } catch (failure) {
      const body = toErrorBody(failure);
      const dueError = body.details.some((d) => d.field.endsWith('dueOn'));
      setMessage({ severity: 'error', text: dueError ? 'Choisissez une date d’échéance valide, à venir.' : body.message, field: 'course' });
      focus(dueError ? `${base}-echeance` : `${base}-formation`);
    }
  };

  return (
    <div className={fr.cx('fr-card', 'fr-p-3w', 'fr-mb-3w')}>
      <h3 className={fr.cx('fr-h5')}>{cohort.name}</h3>
      <p>
        {inside.length === 0 ? 'Aucun membre pour l’instant.' : `Membres : ${inside.map(fullName).join(', ')}.`}
      </p>
      {cohort.assignments.length > 0 && (
        <ul>
          {cohort.assignments.map((a) => (
            <li key={a.id}>
              Formation assignée : « {a.courseTitle} »{a.dueOn === null ? '' : `, à terminer avant le ${formatDate(a.dueOn)}`}
            </li>
          ))}
        </ul>
      )}
      <div id={`${base}-message`} tabIndex={-1}>
        {message !== undefined && <Alert small severity={message.severity} description={message.text} className={fr.cx('fr-mb-2w')} />}
      </div>
      {outside.length > 0 && (
        <form onSubmit={add} noValidate className={fr.cx('fr-mb-3w')}>
          <Checkbox
            id={`${base}-ajout`}
            legend={`Ajouter à l’équipe « ${cohort.name} »`}
            state={message?.field === 'members' && message.severity === 'error' ? 'error' : 'default'}
            stateRelatedMessage={message?.field === 'members' && message.severity === 'error' ? message.text : undefined}
            options={outside.map((m) => ({
              // A long address breaks anywhere rather than widening the page on a phone.
              label: (
                <>
                  {fullName(m)} <span style={{ overflowWrap: 'anywhere' }}>({m.email})</span>
                </>
              ),
              nativeInputProps: {
                checked: selected.includes(m.userId),
                onChange: (e) => setSelected((s) => (e.target.checked ? [...s, m.userId] : s.filter((id) => id !== m.userId))),
              },
            }))}
          />
          <Button type="submit" priority="secondary" size="small">
            Ajouter les personnes cochées
          </Button>
        </form>
      )}
      <form onSubmit={assign} noValidate>
        <fieldset className={fr.cx('fr-fieldset')}>
          <legend className={fr.cx('fr-fieldset__legend')}>Assigner une formation à l’équipe « {cohort.name} »</legend>
          <div className={fr.cx('fr-fieldset__element')}>
            <Select
              label="Formation"
              nativeSelectProps={{ id: `${base}-formation`, value: courseId, onChange: (e) => setCourseId(e.target.value) }}
            >
              <option value="">Choisir une formation</option>
              {courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx('fr-fieldset__element')}>
            <Input
              label="À terminer avant le (facultatif)"
              nativeInputProps={{ id: `${base}-echeance`, type: 'date', value: dueOn, onChange: (e) => setDueOn(e.target.value) }}
            />
          </div>
        </fieldset>
        <Button type="submit" size="small">
          Assigner la formation
        </Button>
      </form>
    </div>
  );
}

function aggregateCells(row: ProgressAggregate): string[] {
  if (row.withheld) return [row.people.toLocaleString('fr-FR'), 'Masqué', 'Masqué', 'Masqué'];
  return [
    row.people.toLocaleString('fr-FR'),
    (row.enrolled ?? 0).toLocaleString('fr-FR'),
    (row.completed ?? 0).toLocaleString('fr-FR'),
    `${Math.round(row.averagePercent ?? 0)} %`,
  ];
}

/** Progress per course, per team (aggregated, withheld when too small) and per consenting person; the CSV. */
export function ProgressSection({ orgId }: { orgId: string }) {
  const progress = useOrganisationProgress(orgId);
  const [downloadError, setDownloadError] = useState<string | undefined>(undefined);
  const data: OrganisationProgress | undefined = useLatest(progress.data);
  const anyWithheld = data !== undefined && [...data.perCourse, ...data.perCohort].some((r) => r.withheld);

  const download = async () => {
    setDownloadError(undefined);
    try {
      const csv = await fetchProgressCsv(orgId);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'progression-organisation.csv';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (failure) {
      setDownloadError(toErrorBody(failure).message);
    }
  };

  return (
    <section aria-labelledby="progression-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="progression-titre">Progression</h2>
      <p>
        Les chiffres d’un groupe de moins de 10 personnes ne sont affichés que si toutes ont accepté de partager leur progression : sinon, on
        pourrait deviner celle de chacun. La progression individuelle n’est visible que pour les personnes qui l’ont accepté.
      </p>
      <div className={fr.cx('fr-mb-2w')}>
        <Button priority="secondary" iconId="fr-icon-refresh-line" onClick={progress.reload} className={fr.cx('fr-mr-2w', 'fr-mb-1w')}>
          Actualiser
        </Button>
        <Button priority="secondary" iconId="fr-icon-download-line" onClick={download} className={fr.cx('fr-mb-1w')}>
          Télécharger la progression (CSV)
        </Button>
      </div>
      {downloadError !== undefined && <Alert small severity="error" description={downloadError} className={fr.cx('fr-mb-2w')} />}
      {progress.error !== undefined && <Alert severity="error" as="h3" title="La progression n’a pas pu être chargée" description={progress.error.message} />}
      <p role="status" className={fr.cx('fr-sr-only')}>
        {progress.loading ? 'Chargement de la progression…' : 'Progression à jour.'}
      </p>
      {data !== undefined && (
        <>
          {anyWithheld && (
            <Alert
              small
              severity="info"
              className={fr.cx('fr-mb-2w')}
              description="« Masqué » : ce groupe compte moins de 10 personnes et certaines n’ont pas accepté de partager leur progression."
            />
          )}
          {data.perCourse.length === 0 ? (
            <p>Aucune formation suivie pour l’instant : assignez une formation à une équipe.</p>
          ) : (
            <Table
              caption="Par formation"
              headers={['Formation', 'Personnes', 'Inscrites', 'Terminée', 'Progression moyenne']}
              data={data.perCourse.map((r) => [r.courseTitle, ...aggregateCells(r)])}
            />
          )}
          {data.perCohort.length > 0 && (
            <Table
              caption="Par équipe"
              headers={['Équipe', 'Formation', 'Personnes', 'Inscrites', 'Terminée', 'Progression moyenne']}
              data={data.perCohort.map((r) => [r.cohortName, r.courseTitle, ...aggregateCells(r)])}
            />
          )}
          {data.perPerson.length > 0 && (
            <Table
              caption="Par personne (celles qui ont accepté de partager leur progression)"
              headers={['Personne', 'Formation', 'Progression', 'Terminée le']}
              data={data.perPerson.map((r) => [fullName(r), r.courseTitle, `${Math.round(r.percent)} %`, r.completedAt === null ? '—' : formatDate(r.completedAt)])}
            />
          )}
          <p>
            {data.notSharing === 0
              ? 'Tous les membres partagent leur progression individuelle.'
              : data.notSharing === 1
                ? '1 membre ne partage pas sa progression individuelle : elle n’apparaît pas ci-dessus.'
                : `${plural(data.notSharing, 'membre', 'membres')} ne partagent pas leur progression individuelle : elle n’apparaît pas ci-dessus.`}
          </p>
        </>
      )}
    </section>
  );
}
