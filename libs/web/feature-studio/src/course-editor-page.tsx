import { VERSION_STATUS_LABELS, type AuthorModule, type AuthorVersion, type StudioCourse } from '@academie/contracts';
import {
  addModule,
  archiveCourse,
  deleteLesson,
  deleteModule,
  openDraft,
  renameModule,
  reorderDraft,
  submitDraft,
  toErrorBody,
  updateDraft,
  useCourse,
  useStudioCourse,
} from '@academie/web-data-access';
import { FormAlert, formatDate, formatDuration, LessonKindLabel, useFocusAfterRender, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { fieldErrorsFromApi, firstInError, unexpectedErrorMessage, type FieldErrors } from './api-errors';
import { COURSE_FIELD_ORDER, courseMessageOf, courseValuesOf, updateRequestOf, validateCourse, type CourseFormValues } from './course-form';
import { COURSE_FIELD_IDS, CourseMetadataFields } from './course-metadata-fields';
import { RequiredFieldsNote, TextField } from './fields';
import { canMoveLesson, moveLesson, moveModule, type Direction } from './reorder';
import { RequireRole } from './require-role';
import { latestRejection, STATUS_SEVERITY } from './studio-home-page';
import { missingForSubmission } from './submit-errors';

const FLASH_ID = 'formation-message';
const ACTION_ALERT_ID = 'formation-action-alerte';
const SUBMIT_ALERT_ID = 'formation-soumission-alerte';
const METADATA_ALERT_ID = 'formation-infos-alerte';

export const editorPath = (courseId: string) => `/studio/formations/${courseId}`;

/** /studio/formations/:courseId: the open version of a course: its metadata, modules and lessons, and its submission. */
export function CourseEditorPage() {
  const { courseId = '' } = useParams();
  return <RequireRole role="trainer">{() => <CourseEditor key={courseId} courseId={courseId} />}</RequireRole>;
}

function CourseEditor({ courseId }: { courseId: string }) {
  const { data: course, error, loading, reload, setCourse } = useStudioCourse(courseId);
  const location = useLocation();
  const navigate = useNavigate();
  const focus = useFocusAfterRender();
  const flash = (location.state as { flash?: string } | null)?.flash;
  /** Said after each change (a module moved, a lesson deleted), to screen readers and on screen. */
  const [announcement, setAnnouncement] = useState('');
  const [actionError, setActionError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  usePageTitle(course?.draft?.title ?? (loading ? 'Chargement de la formation' : 'Studio'));

  useEffect(() => {
    if (flash !== undefined) focus(FLASH_ID);
  }, [flash, focus]);

  /** Runs a write; its answer replaces the course shown. Resolves the new course, or undefined on failure. */
  async function run(write: () => Promise<StudioCourse>, done: string): Promise<StudioCourse | undefined> {
    if (busy) return undefined;
    setBusy(true);
    setActionError(undefined);
    try {
      const next = await write();
      setCourse(next);
      setAnnouncement(done);
      // The message of the page's arrival is spent once the person acts.
      if (flash !== undefined) navigate(location.pathname, { replace: true, state: null });
      return next;
    } catch (reason) {
      const body = toErrorBody(reason);
      setActionError(unexpectedErrorMessage(body));
      focus(ACTION_ALERT_ID);
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  if (loading) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <p role="status">Chargement de la formation…</p>
      </div>
    );
  }
  if (error !== undefined || course === undefined) {
    return (
      <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
        <Breadcrumb currentPageLabel="Formation" homeLinkProps={{ to: '/' }} segments={[{ label: 'Studio', linkProps: { to: '/studio' } }]} />
        <h1>{error?.statusCode === 404 || error?.statusCode === 400 ? 'Formation introuvable' : 'La formation ne peut pas être affichée'}</h1>
        <p>{error?.statusCode === 403 ? "Seuls les auteurs de cette formation peuvent l'ouvrir dans le studio." : error === undefined ? '' : unexpectedErrorMessage(error)}</p>
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
          <li>
            <Button linkProps={{ to: '/studio' }}>Revenir au studio</Button>
          </li>
          {error !== undefined && error.statusCode >= 500 && (
            <li>
              <Button priority="secondary" onClick={reload}>
                Réessayer
              </Button>
            </li>
          )}
        </ul>
      </div>
    );
  }

  const draft = course.draft;
  const editable = draft !== null && draft.status !== 'submitted';

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb
        currentPageLabel={draft?.title ?? course.slug}
        homeLinkProps={{ to: '/' }}
        segments={[{ label: 'Studio', linkProps: { to: '/studio' } }]}
      />
      {draft === null ? <PublishedTitle slug={course.slug} /> : <h1>{draft.title}</h1>}

      <p className={fr.cx('fr-sr-only')} role="status" aria-live="polite">
        {announcement}
      </p>

      {flash !== undefined && <FormAlert id={FLASH_ID} severity="success" title={flash} />}
      {actionError !== undefined && (
        <FormAlert id={ACTION_ALERT_ID} severity="error" title="La modification n'a pas pu être enregistrée" description={actionError} />
      )}

      <VersionStatus course={course} onOpenDraft={() => run(() => openDraft(course.id), 'Nouvelle version ouverte.')} busy={busy} />

      {draft !== null && (
        <>
          <nav className={fr.cx('fr-summary', 'fr-mb-6w')} aria-labelledby="formation-sommaire">
            <p id="formation-sommaire" className={fr.cx('fr-summary__title')}>
              Sommaire
            </p>
            <ol>
              <li>
                <a className={fr.cx('fr-summary__link')} href="#formation-contenu">
                  Modules et leçons
                </a>
              </li>
              <li>
                <a className={fr.cx('fr-summary__link')} href="#formation-infos">
                  Informations générales
                </a>
              </li>
              <li>
                <a className={fr.cx('fr-summary__link')} href="#formation-soumettre">
                  Prévisualiser et soumettre
                </a>
              </li>
            </ol>
          </nav>

          <section aria-labelledby="formation-contenu" className={fr.cx('fr-mb-6w')}>
            <h2 id="formation-contenu" tabIndex={-1}>
              Modules et leçons
            </h2>
            <ContentEditor course={course} draft={draft} editable={editable} busy={busy} run={run} focus={focus} />
          </section>

          <section aria-labelledby="formation-infos" className={fr.cx('fr-mb-6w')}>
            <h2 id="formation-infos" tabIndex={-1}>
              Informations générales
            </h2>
            <MetadataForm key={draft.id} courseId={course.id} draft={draft} editable={editable} onSaved={setCourse} />
          </section>

          <section aria-labelledby="formation-soumettre" className={fr.cx('fr-mb-6w')}>
            <h2 id="formation-soumettre" tabIndex={-1}>
              Prévisualiser et soumettre
            </h2>
            <SubmitPanel course={course} draft={draft} editable={editable} onSubmitted={setCourse} />
          </section>
        </>
      )}

      <History course={course} />

      {course.status === 'published' && (
        <ArchivePanel busy={busy} onArchive={() => run(() => archiveCourse(course.id), 'La formation est retirée du catalogue.')} />
      )}
    </div>
  );
}

/** The title of a course whose versions are all published, read from the catalogue. */
function PublishedTitle({ slug }: { slug: string }) {
  const { data } = useCourse(slug);
  return <h1>{data?.title ?? `Formation « ${slug} »`}</h1>;
}

function VersionStatus({ course, onOpenDraft, busy }: { course: StudioCourse; onOpenDraft: () => void; busy: boolean }) {
  const draft = course.draft;
  if (draft === null) {
    return (
      <div className={fr.cx('fr-mb-6w')}>
        <p>Toutes les versions de cette formation sont publiées. Pour la modifier, ouvrez une nouvelle version : elle reprend le contenu de la dernière version publiée, qui reste en ligne jusqu'à la publication de la nouvelle.</p>
        <Button onClick={onOpenDraft} disabled={busy} iconId="fr-icon-edit-line">
          Ouvrir une nouvelle version
        </Button>
      </div>
    );
  }
  const rejection = latestRejection(course);
  return (
    <div className={fr.cx('fr-mb-6w')}>
      <p className={fr.cx('fr-mb-2w')}>
        {`Version ${draft.number} `}
        <Badge small noIcon severity={STATUS_SEVERITY[draft.status]} as="span">
          {VERSION_STATUS_LABELS[draft.status]}
        </Badge>
        {course.status === 'published' && (
          <>
            {' · '}
            <Link to={`/cours/${course.slug}`}>Voir la version publiée dans le catalogue</Link>
          </>
        )}
      </p>
      {draft.status === 'submitted' && (
        <Alert
          severity="info"
          as="h2"
          title="Formation en relecture"
          description={`Soumise le ${draft.submittedAt === null ? '' : formatDate(draft.submittedAt)}. Elle ne peut plus être modifiée pendant la relecture ; vous verrez ici la décision de la relecture.`}
        />
      )}
      {draft.status === 'rejected' && (
        <Alert
          severity="warning"
          as="h2"
          title="La relecture demande des modifications"
          description={
            <>
              {rejection?.comment != null && (
                <>
                  <span className={fr.cx('fr-text--bold')}>{`Commentaire du ${formatDate(rejection.decidedAt)} :`}</span>
                  <span style={{ display: 'block', whiteSpace: 'pre-line' }}>{rejection.comment}</span>
                </>
              )}
              <span style={{ display: 'block' }} className={fr.cx('fr-mt-1w')}>
                Modifiez la formation, puis soumettez-la de nouveau.
              </span>
            </>
          }
        />
      )}
    </div>
  );
}

function MetadataForm({
  courseId,
  draft,
  editable,
  onSaved,
}: {
  courseId: string;
  draft: AuthorVersion;
  editable: boolean;
  onSaved: (course: StudioCourse) => void;
}) {
  const [values, setValues] = useState<CourseFormValues>(() => courseValuesOf(draft));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<{ ok: boolean; message: string } | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const focus = useFocusAfterRender();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const clientErrors = validateCourse(values, false);
    setErrors(clientErrors);
    setResult(undefined);
    const first = firstInError(COURSE_FIELD_ORDER, clientErrors);
    if (first !== undefined) {
      focus(COURSE_FIELD_IDS[first] ?? METADATA_ALERT_ID);
      return;
    }
    setSaving(true);
    try {
      const course = await updateDraft(courseId, updateRequestOf(values));
      onSaved(course);
      setResult({ ok: true, message: 'Les informations sont enregistrées.' });
      focus(METADATA_ALERT_ID);
    } catch (reason) {
      const body = toErrorBody(reason);
      const fieldErrors = fieldErrorsFromApi(body, (field) => courseMessageOf(field));
      setErrors(fieldErrors);
      const firstServer = firstInError(COURSE_FIELD_ORDER, fieldErrors);
      if (firstServer !== undefined && COURSE_FIELD_IDS[firstServer] !== undefined) focus(COURSE_FIELD_IDS[firstServer]);
      else {
        setResult({ ok: false, message: unexpectedErrorMessage(body) });
        focus(METADATA_ALERT_ID);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="formation-infos">
      {result !== undefined && (
        <FormAlert
          id={METADATA_ALERT_ID}
          as="h3"
          severity={result.ok ? 'success' : 'error'}
          title={result.ok ? result.message : "Les informations n'ont pas pu être enregistrées"}
          description={result.ok ? undefined : result.message}
        />
      )}
      {editable && <RequiredFieldsNote />}
      <CourseMetadataFields
        values={values}
        errors={errors}
        creating={false}
        disabled={!editable}
        onChange={(next) => {
          setValues(next);
          setResult(undefined);
        }}
      />
      {editable && (
        <Button type="submit" disabled={saving} className={fr.cx('fr-mt-2w')}>
          {saving ? 'Enregistrement…' : 'Enregistrer les informations'}
        </Button>
      )}
    </form>
  );
}

type Run = (write: () => Promise<StudioCourse>, done: string) => Promise<StudioCourse | undefined>;

const moveButtonId = (kind: 'module' | 'lecon', id: string, direction: Direction) => `${kind}-${id}-${direction === 'up' ? 'monter' : 'descendre'}`;
const opposite = (direction: Direction): Direction => (direction === 'up' ? 'down' : 'up');

function ContentEditor({
  course,
  draft,
  editable,
  busy,
  run,
  focus,
}: {
  course: StudioCourse;
  draft: AuthorVersion;
  editable: boolean;
  busy: boolean;
  run: Run;
  focus: (id: string) => void;
}) {
  const modules = draft.modules;
  const lessonsMinutes = modules.reduce((sum, module) => sum + module.lessons.reduce((s, lesson) => s + lesson.durationMinutes, 0), 0);

  async function onMoveModule(module: AuthorModule, direction: Direction) {
    const order = moveModule(modules, module.id, direction);
    if (order === undefined) return;
    const next = await run(() => reorderDraft(course.id, order), `Module « ${module.title} » ${direction === 'up' ? 'monté' : 'descendu'}.`);
    if (next?.draft == null) return;
    // The focus stays on the button pressed, or on the other one once the module reached an end.
    const index = next.draft.modules.findIndex((candidate) => candidate.id === module.id);
    const atEnd = direction === 'up' ? index === 0 : index === next.draft.modules.length - 1;
    focus(moveButtonId('module', module.id, atEnd ? opposite(direction) : direction));
  }

  async function onMoveLesson(lessonId: string, title: string, direction: Direction) {
    const order = moveLesson(modules, lessonId, direction);
    if (order === undefined) return;
    const next = await run(() => reorderDraft(course.id, order), `Leçon « ${title} » ${direction === 'up' ? 'montée' : 'descendue'}.`);
    if (next?.draft == null) return;
    const atEnd = !canMoveLesson(next.draft.modules, lessonId, direction);
    focus(moveButtonId('lecon', lessonId, atEnd ? opposite(direction) : direction));
  }

  return (
    <div>
      {modules.length === 0 ? (
        <p>La formation n'a pas encore de module. Commencez par en ajouter un ci-dessous.</p>
      ) : (
        <p className={fr.cx('fr-text--sm')}>
          {`${modules.length} ${modules.length > 1 ? 'modules' : 'module'} · durée des leçons : ${formatDuration(lessonsMinutes)} (durée annoncée : ${formatDuration(draft.durationMinutes)})`}
          {draft.kind === 'tutorial' && ' · Un tutoriel tient en un seul module.'}
        </p>
      )}
      <ol className={fr.cx('fr-raw-list')}>
        {modules.map((module, m) => (
          <li key={module.id} className={fr.cx('fr-mb-4w')}>
            <ModuleBlock
              course={course}
              module={module}
              index={m}
              count={modules.length}
              modules={modules}
              editable={editable}
              busy={busy}
              run={run}
              focus={focus}
              onMove={(direction) => onMoveModule(module, direction)}
              onMoveLesson={onMoveLesson}
            />
          </li>
        ))}
      </ol>
      {editable && <AddModuleForm courseId={course.id} run={run} focus={focus} busy={busy} />}
    </div>
  );
}

function ModuleBlock({
  course,
  module,
  index,
  count,
  modules,
  editable,
  busy,
  run,
  focus,
  onMove,
  onMoveLesson,
}: {
  course: StudioCourse;
  module: AuthorModule;
  index: number;
  count: number;
  modules: AuthorModule[];
  editable: boolean;
  busy: boolean;
  run: Run;
  focus: (id: string) => void;
  onMove: (direction: Direction) => void;
  onMoveLesson: (lessonId: string, title: string, direction: Direction) => void;
}) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [title, setTitle] = useState(module.title);
  const [titleError, setTitleError] = useState<string | undefined>(undefined);
  const [deletingLesson, setDeletingLesson] = useState<string | undefined>(undefined);
  const headingId = `module-${module.id}-titre`;
  const name = `le module « ${module.title} »`;

  async function onRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed === '' || trimmed.length > 200) {
      setTitleError('Saisissez un titre de module d’au plus 200 caractères.');
      focus(`module-${module.id}-nouveau-titre`);
      return;
    }
    const next = await run(() => renameModule(course.id, module.id, { title: trimmed }), `Module renommé « ${trimmed} ».`);
    if (next !== undefined) {
      setMode('view');
      focus(headingId);
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      className={fr.cx('fr-p-3w')}
      style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}
    >
      <h3 id={headingId} tabIndex={-1} className={fr.cx('fr-h5')}>
        {`Module ${index + 1} : ${module.title}`}
      </h3>

      {editable && mode === 'view' && (
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm', 'fr-btns-group--icon-left')}>
          <li>
            <Button
              priority="tertiary"
              iconId="fr-icon-edit-line"
              nativeButtonProps={{ 'aria-label': `Renommer ${name}`, id: `module-${module.id}-renommer` }}
              onClick={() => {
                setTitle(module.title);
                setTitleError(undefined);
                setMode('rename');
                focus(`module-${module.id}-nouveau-titre`);
              }}
            >
              Renommer
            </Button>
          </li>
          <li>
            <Button
              priority="tertiary"
              iconId="fr-icon-arrow-up-line"
              disabled={busy || index === 0}
              nativeButtonProps={{ 'aria-label': `Monter ${name}`, id: moveButtonId('module', module.id, 'up') }}
              onClick={() => onMove('up')}
            >
              Monter
            </Button>
          </li>
          <li>
            <Button
              priority="tertiary"
              iconId="fr-icon-arrow-down-line"
              disabled={busy || index === count - 1}
              nativeButtonProps={{ 'aria-label': `Descendre ${name}`, id: moveButtonId('module', module.id, 'down') }}
              onClick={() => onMove('down')}
            >
              Descendre
            </Button>
          </li>
          <li>
            <Button
              priority="tertiary"
              iconId="fr-icon-delete-line"
              nativeButtonProps={{ 'aria-label': `Supprimer ${name}`, id: `module-${module.id}-supprimer` }}
              onClick={() => {
                setMode('delete');
                focus(`module-${module.id}-confirmer`);
              }}
            >
              Supprimer
            </Button>
          </li>
        </ul>
      )}

      {mode === 'rename' && (
        <form noValidate onSubmit={onRename} className={fr.cx('fr-mb-3w')}>
          <TextField
            id={`module-${module.id}-nouveau-titre`}
            label="Nouveau titre du module"
            value={title}
            error={titleError}
            maxLength={200}
            onChange={setTitle}
          />
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm')}>
            <li>
              <Button type="submit" disabled={busy}>
                Enregistrer le titre
              </Button>
            </li>
            <li>
              <Button
                type="button"
                priority="secondary"
                onClick={() => {
                  setMode('view');
                  focus(`module-${module.id}-renommer`);
                }}
              >
                Annuler
              </Button>
            </li>
          </ul>
        </form>
      )}

      {mode === 'delete' && (
        <div className={fr.cx('fr-mb-3w', 'fr-p-2w')} style={{ backgroundColor: fr.colors.decisions.background.contrast.error.default }}>
          <p className={fr.cx('fr-mb-2w')}>
            {`Supprimer ${name}${module.lessons.length > 0 ? ` et ses ${module.lessons.length} ${module.lessons.length > 1 ? 'leçons' : 'leçon'}` : ''} ? Cette action est définitive.`}
          </p>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm')}>
            <li>
              <Button
                disabled={busy}
                nativeButtonProps={{ id: `module-${module.id}-confirmer` }}
                onClick={async () => {
                  const next = await run(() => deleteModule(course.id, module.id), `Module « ${module.title} » supprimé.`);
                  if (next !== undefined) focus('formation-contenu');
                }}
              >
                Confirmer la suppression
              </Button>
            </li>
            <li>
              <Button
                priority="secondary"
                onClick={() => {
                  setMode('view');
                  focus(`module-${module.id}-supprimer`);
                }}
              >
                Annuler
              </Button>
            </li>
          </ul>
        </div>
      )}

      {module.lessons.length === 0 ? (
        <p className={fr.cx('fr-text--sm')}>Ce module n'a pas encore de leçon.</p>
      ) : (
        <ol className={fr.cx('fr-raw-list', 'fr-mb-2w')}>
          {module.lessons.map((lesson) => {
            const lessonName = `la leçon « ${lesson.title} »`;
            return (
              <li
                key={lesson.id}
                className={fr.cx('fr-py-2w', 'fr-px-2w', 'fr-mb-1w')}
                style={{ backgroundColor: fr.colors.decisions.background.alt.grey.default }}
              >
                <div className={fr.cx('fr-grid-row', 'fr-grid-row--middle')} style={{ gap: '0.25rem 1rem' }}>
                  <LessonKindLabel kind={lesson.kind} />
                  <span className={fr.cx('fr-text--bold')} style={{ flex: '1 1 14rem' }}>
                    {lesson.title}
                  </span>
                  <span className={fr.cx('fr-text--sm', 'fr-mb-0')}>{formatDuration(lesson.durationMinutes)}</span>
                  <Badge small noIcon as="span" severity={lesson.required ? 'info' : undefined}>
                    {lesson.required ? 'Obligatoire' : 'Facultative'}
                  </Badge>
                </div>
                {editable && (
                  <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm', 'fr-btns-group--icon-left', 'fr-mt-1w', 'fr-mb-n2w')}>
                    <li>
                      <Button
                        priority="tertiary"
                        iconId="fr-icon-edit-line"
                        linkProps={{ to: `${editorPath(course.id)}/lecons/${lesson.id}`, 'aria-label': `Modifier ${lessonName}` }}
                      >
                        Modifier
                      </Button>
                    </li>
                    <li>
                      <Button
                        priority="tertiary"
                        iconId="fr-icon-arrow-up-line"
                        disabled={busy || !canMoveLesson(modules, lesson.id, 'up')}
                        nativeButtonProps={{ 'aria-label': `Monter ${lessonName}`, id: moveButtonId('lecon', lesson.id, 'up') }}
                        onClick={() => onMoveLesson(lesson.id, lesson.title, 'up')}
                      >
                        Monter
                      </Button>
                    </li>
                    <li>
                      <Button
                        priority="tertiary"
                        iconId="fr-icon-arrow-down-line"
                        disabled={busy || !canMoveLesson(modules, lesson.id, 'down')}
                        nativeButtonProps={{ 'aria-label': `Descendre ${lessonName}`, id: moveButtonId('lecon', lesson.id, 'down') }}
                        onClick={() => onMoveLesson(lesson.id, lesson.title, 'down')}
                      >
                        Descendre
                      </Button>
                    </li>
                    <li>
                      {deletingLesson === lesson.id ? (
                        <span className={fr.cx('fr-grid-row', 'fr-grid-row--middle')} style={{ gap: '0.5rem' }}>
                          <Button
                            size="small"
                            disabled={busy}
                            nativeButtonProps={{ id: `lecon-${lesson.id}-confirmer`, 'aria-label': `Confirmer la suppression de ${lessonName}` }}
                            onClick={async () => {
                              const next = await run(() => deleteLesson(course.id, lesson.id), `Leçon « ${lesson.title} » supprimée.`);
                              if (next !== undefined) focus(headingId);
                            }}
                          >
                            Confirmer la suppression
                          </Button>
                          <Button
                            size="small"
                            priority="secondary"
                            onClick={() => {
                              setDeletingLesson(undefined);
                              focus(`lecon-${lesson.id}-supprimer`);
                            }}
                          >
                            Annuler
                          </Button>
                        </span>
                      ) : (
                        <Button
                          priority="tertiary"
                          iconId="fr-icon-delete-line"
                          nativeButtonProps={{ 'aria-label': `Supprimer ${lessonName}`, id: `lecon-${lesson.id}-supprimer` }}
                          onClick={() => {
                            setDeletingLesson(lesson.id);
                            focus(`lecon-${lesson.id}-confirmer`);
                          }}
                        >
                          Supprimer
                        </Button>
                      )}
                    </li>
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}

      {editable && (
        <Button
          priority="secondary"
          iconId="fr-icon-add-line"
          linkProps={{ to: `${editorPath(course.id)}/lecons/nouvelle?module=${module.id}`, 'aria-label': `Ajouter une leçon au module « ${module.title} »` }}
        >
          Ajouter une leçon
        </Button>
      )}
    </section>
  );
}

function AddModuleForm({ courseId, run, focus, busy }: { courseId: string; run: Run; focus: (id: string) => void; busy: boolean }) {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed === '' || trimmed.length > 200) {
      setError('Saisissez le titre du module, 200 caractères au plus.');
      focus('nouveau-module-titre');
      return;
    }
    setError(undefined);
    const next = await run(() => addModule(courseId, { title: trimmed }), `Module « ${trimmed} » ajouté.`);
    const added = next?.draft?.modules.at(-1);
    if (added !== undefined) {
      setTitle('');
      focus(`module-${added.id}-titre`);
    }
  }

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="nouveau-module"
      className={fr.cx('fr-p-3w')}
      style={{ backgroundColor: fr.colors.decisions.background.alt.blueFrance.default }}
    >
      <h3 id="nouveau-module" className={fr.cx('fr-h6')}>
        Ajouter un module
      </h3>
      <TextField id="nouveau-module-titre" label="Titre du module" value={title} error={error} maxLength={200} onChange={setTitle} />
      <Button type="submit" iconId="fr-icon-add-line" disabled={busy}>
        Ajouter le module
      </Button>
    </form>
  );
}

function SubmitPanel({
  course,
  draft,
  editable,
  onSubmitted,
}: {
  course: StudioCourse;
  draft: AuthorVersion;
  editable: boolean;
  onSubmitted: (course: StudioCourse) => void;
}) {
  const focus = useFocusAfterRender();
  const [missing, setMissing] = useState<string[] | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit() {
    if (submitting) return;
    setSubmitting(true);
    setMissing(undefined);
    setFailure(undefined);
    try {
      const next = await submitDraft(course.id);
      onSubmitted(next);
      setDone(true);
      focus(SUBMIT_ALERT_ID);
    } catch (reason) {
      const body = toErrorBody(reason);
      if (body.statusCode === 400 && body.details.length > 0) setMissing(missingForSubmission(body.details, draft));
      else setFailure(unexpectedErrorMessage(body));
      focus(SUBMIT_ALERT_ID);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div>
      {done && draft.status === 'submitted' && (
        <FormAlert
          id={SUBMIT_ALERT_ID}
          as="h3"
          severity="success"
          title="Formation soumise à la relecture"
          description="Un relecteur va la lire. Vous trouverez sa décision sur cette page et dans votre studio."
        />
      )}
      {missing !== undefined && (
        <FormAlert
          id={SUBMIT_ALERT_ID}
          as="h3"
          severity="error"
          title="La formation ne peut pas encore être soumise"
          description={
            <ul>
              {missing.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          }
        />
      )}
      {failure !== undefined && (
        <FormAlert id={SUBMIT_ALERT_ID} as="h3" severity="error" title="La formation n'a pas pu être soumise" description={failure} />
      )}
      <p>
        Relisez la formation telle que les apprenants la verront, puis soumettez-la : un relecteur la publiera ou vous
        la renverra avec ses remarques.
      </p>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
        <li>
          <Button priority="secondary" iconId="fr-icon-eye-line" linkProps={{ to: `${editorPath(course.id)}/apercu` }}>
            Prévisualiser la formation
          </Button>
        </li>
        {editable && (
          <li>
            <Button iconId="fr-icon-send-plane-line" disabled={submitting} onClick={onSubmit}>
              {submitting ? 'Envoi…' : draft.status === 'rejected' ? 'Soumettre de nouveau à la relecture' : 'Soumettre à la relecture'}
            </Button>
          </li>
        )}
      </ul>
    </div>
  );
}

function History({ course }: { course: StudioCourse }) {
  if (course.versions.length <= 1 && course.reviews.length === 0) return null;
  const reviews = [...course.reviews].sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
  return (
    <section aria-labelledby="formation-historique" className={fr.cx('fr-mb-6w')}>
      <h2 id="formation-historique">Historique</h2>
      <h3 className={fr.cx('fr-h6')}>Versions</h3>
      <ul>
        {[...course.versions]
          .sort((a, b) => b.number - a.number)
          .map((version) => (
            <li key={version.id}>
              {`Version ${version.number} : ${VERSION_STATUS_LABELS[version.status].toLowerCase()}`}
              {version.publishedAt !== null && ` le ${formatDate(version.publishedAt)}`}
            </li>
          ))}
      </ul>
      {reviews.length > 0 && (
        <>
          <h3 className={fr.cx('fr-h6')}>Décisions de relecture</h3>
          <ul>
            {reviews.map((review) => (
              <li key={review.id}>
                {`Version ${review.versionNumber}, ${formatDate(review.decidedAt)} : ${review.decision === 'approved' ? 'publiée' : 'modifications demandées'}`}
                {review.comment !== null && (
                  <span style={{ display: 'block', whiteSpace: 'pre-line' }} className={fr.cx('fr-text--sm')}>
                    {`« ${review.comment} »`}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ArchivePanel({ busy, onArchive }: { busy: boolean; onArchive: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const focus = useFocusAfterRender();
  return (
    <section aria-labelledby="formation-retirer">
      <h2 id="formation-retirer" className={fr.cx('fr-h4')}>
        Retirer la formation du catalogue
      </h2>
      <p>Elle ne sera plus proposée ; les personnes qui l'ont suivie gardent leurs certificats.</p>
      {confirming ? (
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm')}>
          <li>
            <Button disabled={busy} nativeButtonProps={{ id: 'formation-retirer-confirmer' }} onClick={onArchive}>
              Confirmer le retrait du catalogue
            </Button>
          </li>
          <li>
            <Button priority="secondary" onClick={() => setConfirming(false)}>
              Annuler
            </Button>
          </li>
        </ul>
      ) : (
        <Button
          priority="tertiary"
          size="small"
          onClick={() => {
            setConfirming(true);
            focus('formation-retirer-confirmer');
          }}
        >
          Retirer du catalogue
        </Button>
      )}
    </section>
  );
}
