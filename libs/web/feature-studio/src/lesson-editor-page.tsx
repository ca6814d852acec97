import { LESSON_KIND_LABELS, LESSON_KINDS, type AuthorLesson, type AuthorModule, type StudioCourse } from '@academie/contracts';
import { addLesson, previewMarkdown, replaceLesson, toErrorBody, useStudioCourse } from '@academie/web-data-access';
import { FormAlert, LESSON_KIND_ICONS, ServerHtml, useFocusAfterRender, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { fieldErrorsFromApi, firstInError, titleWithErrors, unexpectedErrorMessage, type FieldErrors } from './api-errors';
import { editorPath } from './course-editor-page';
import { RequiredFieldsNote, TextField } from './fields';
import {
  emptyLesson,
  LESSON_DURATION_MAX,
  lessonFieldOrder,
  lessonFieldId,
  lessonInputOf,
  lessonMessageOf,
  lessonValuesOf,
  validateLesson,
  type LessonFormValues,
} from './lesson-form';
import { QuizFields } from './quiz-fields';
import { RequireRole } from './require-role';

const ALERT_ID = 'lecon-alerte';
const PREVIEW_ID = 'lecon-apercu-titre';

const KIND_HINTS = {
  text: 'Un texte mis en forme en Markdown : titres, listes, liens, emphase.',
  video: 'Une vidéo en ligne (adresse https), avec ses sous-titres ou sa transcription.',
  quiz: 'Des questions à choix unique, à choix multiple ou vrai ou faux, avec l’explication de chaque réponse.',
} as const;

/**
 * /studio/formations/:courseId/lecons/nouvelle?module=… and /studio/formations/:courseId/lecons/:lessonId:
 * a text, video or quiz lesson of the open version.
 */
export function LessonEditorPage() {
  const { courseId = '', lessonId } = useParams();
  const [params] = useSearchParams();
  return (
    <RequireRole role="trainer">
      {() => <LessonEditorLoader key={`${courseId}/${lessonId ?? ''}`} courseId={courseId} lessonId={lessonId} moduleId={params.get('module') ?? undefined} />}
    </RequireRole>
  );
}

function LessonEditorLoader({ courseId, lessonId, moduleId }: { courseId: string; lessonId?: string; moduleId?: string }) {
  const { data: course, error, loading } = useStudioCourse(courseId);

  if (loading) return <Loading />;
  const draft = course?.draft ?? null;
  const modules = draft?.modules ?? [];
  const lesson = lessonId === undefined ? undefined : modules.flatMap((module) => module.lessons).find((candidate) => candidate.id === lessonId);
  const module = modules.find((candidate) => candidate.id === (lesson?.moduleId ?? moduleId));
  let problem: string | undefined;
  if (error !== undefined || course === undefined) problem = error === undefined ? 'La formation est introuvable.' : unexpectedErrorMessage(error);
  else if (draft === null) problem = 'Toutes les versions de cette formation sont publiées : ouvrez une nouvelle version pour la modifier.';
  else if (draft.status === 'submitted') problem = 'Cette formation est en relecture : elle ne peut pas être modifiée pour le moment.';
  else if (lessonId !== undefined && lesson === undefined) problem = "Cette leçon n'existe pas dans la version en cours d'écriture.";
  else if (module === undefined) problem = "Le module de cette leçon n'existe pas dans la version en cours d'écriture.";

  if (problem !== undefined || course === undefined || module === undefined) {
    return <Unavailable courseId={courseId} message={problem ?? ''} />;
  }
  return <LessonEditor course={course} module={module} lesson={lesson} />;
}

function Loading() {
  usePageTitle('Chargement de la leçon');
  return (
    <div className={fr.cx('fr-container', 'fr-py-6w')}>
      <p role="status">Chargement de la leçon…</p>
    </div>
  );
}

function Unavailable({ courseId, message }: { courseId: string; message: string }) {
  usePageTitle('Leçon indisponible');
  return (
    <div className={fr.cx('fr-container', 'fr-py-6w', 'fr-mb-6w')}>
      <h1>Leçon indisponible</h1>
      <p className={fr.cx('fr-text--lead')}>{message}</p>
      <Button linkProps={{ to: editorPath(courseId) }}>Revenir à la formation</Button>
    </div>
  );
}

function LessonEditor({ course, module, lesson }: { course: StudioCourse; module: AuthorModule; lesson?: AuthorLesson }) {
  const navigate = useNavigate();
  const focus = useFocusAfterRender();
  const [values, setValues] = useState<LessonFormValues>(() => (lesson === undefined ? emptyLesson('text') : lessonValuesOf(lesson)));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const creating = lesson === undefined;
  const pageTitle = creating ? 'Nouvelle leçon' : `Modifier la leçon « ${lesson.title} »`;
  const moduleIndex = course.draft?.modules.findIndex((candidate) => candidate.id === module.id) ?? 0;
  usePageTitle(titleWithErrors(pageTitle, Object.keys(errors).length > 0 || failure !== undefined));

  const set = <K extends keyof LessonFormValues>(key: K, value: LessonFormValues[K]) => setValues((previous) => ({ ...previous, [key]: value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const clientErrors = validateLesson(values);
    setErrors(clientErrors);
    setFailure(undefined);
    const first = firstInError(lessonFieldOrder(values), clientErrors);
    if (first !== undefined) {
      focus(lessonFieldId(first));
      return;
    }
    setSaving(true);
    try {
      const input = lessonInputOf(values);
      if (creating) await addLesson(course.id, module.id, input);
      else await replaceLesson(course.id, lesson.id, input);
      navigate(editorPath(course.id), { state: { flash: `La leçon « ${input.title} » est enregistrée.` } });
    } catch (reason) {
      const body = toErrorBody(reason);
      const fieldErrors = fieldErrorsFromApi(body, lessonMessageOf);
      setErrors(fieldErrors);
      const firstServer = firstInError(lessonFieldOrder(values), fieldErrors);
      if (firstServer !== undefined) focus(lessonFieldId(firstServer));
      else {
        setFailure(unexpectedErrorMessage(body));
        focus(ALERT_ID);
      }
      setSaving(false);
    }
  }

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb
        currentPageLabel={creating ? 'Nouvelle leçon' : lesson.title}
        homeLinkProps={{ to: '/' }}
        segments={[
          { label: 'Studio', linkProps: { to: '/studio' } },
          { label: course.draft?.title ?? 'Formation', linkProps: { to: editorPath(course.id) } },
        ]}
      />
      <div className={fr.cx('fr-grid-row')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-9')}>
          <h1>{creating ? 'Nouvelle leçon' : 'Modifier la leçon'}</h1>
          <p className={fr.cx('fr-text--lead')}>{`Module ${moduleIndex + 1} : ${module.title}`}</p>

          {failure !== undefined && <FormAlert id={ALERT_ID} severity="error" title="La leçon n'a pas pu être enregistrée" description={failure} />}
          {failure === undefined && Object.keys(errors).length > 0 && (
            <FormAlert
              id={ALERT_ID}
              severity="error"
              title="Le formulaire contient des erreurs"
              description={`${Object.keys(errors).length} ${Object.keys(errors).length > 1 ? 'champs sont à corriger' : 'champ est à corriger'} : chacun est signalé sous le champ concerné.`}
            />
          )}

          <form noValidate onSubmit={onSubmit}>
            <RequiredFieldsNote />
            <RadioButtons
              id="lecon-type"
              name="kind"
              legend="Type de leçon"
              options={LESSON_KINDS.map((kind) => ({
                label: (
                  <span>
                    <span className={fr.cx(LESSON_KIND_ICONS[kind], 'fr-icon--sm', 'fr-mr-1v')} aria-hidden="true" />
                    {LESSON_KIND_LABELS[kind]}
                  </span>
                ),
                hintText: KIND_HINTS[kind],
                nativeInputProps: {
                  value: kind,
                  checked: values.kind === kind,
                  onChange: () => {
                    set('kind', kind);
                    setErrors({});
                  },
                },
              }))}
            />
            <TextField id={lessonFieldId('title')} label="Titre de la leçon" value={values.title} error={errors.title} maxLength={200} onChange={(title) => set('title', title)} />
            <TextField
              id={lessonFieldId('durationMinutes')}
              label="Durée, en minutes"
              hint={`Le temps pour suivre la leçon, de 1 à ${LESSON_DURATION_MAX} minutes.`}
              inputMode="numeric"
              maxLength={3}
              value={values.durationMinutes}
              error={errors.durationMinutes}
              onChange={(duration) => set('durationMinutes', duration)}
            />
            <Checkbox
              id="lecon-obligatoire"
              options={[
                {
                  label: 'Leçon obligatoire pour terminer la formation',
                  hintText: 'Décochez pour une leçon facultative, pour aller plus loin.',
                  nativeInputProps: {
                    name: 'required',
                    checked: values.required,
                    onChange: (event) => set('required', event.target.checked),
                  },
                },
              ]}
            />

            {values.kind === 'text' && <TextFields values={values} errors={errors} onChange={(markdown) => set('markdown', markdown)} />}
            {values.kind === 'video' && <VideoFields values={values} errors={errors} set={set} />}
            {values.kind === 'quiz' && <QuizFields values={values} errors={errors} onChange={setValues} focus={focus} />}

            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-4w')}>
              <li>
                <Button type="submit" disabled={saving}>
                  {saving ? 'Enregistrement…' : 'Enregistrer la leçon'}
                </Button>
              </li>
              <li>
                <Button priority="secondary" linkProps={{ to: editorPath(course.id) }}>
                  Annuler
                </Button>
              </li>
            </ul>
          </form>
        </div>
      </div>
    </div>
  );
}

function TextFields({ values, errors, onChange }: { values: LessonFormValues; errors: FieldErrors; onChange: (markdown: string) => void }) {
  const focus = useFocusAfterRender();
  const [preview, setPreview] = useState<{ markdown: string; html: string } | undefined>(undefined);
  const [previewError, setPreviewError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(false);

  async function showPreview() {
    setLoading(true);
    setPreviewError(undefined);
    try {
      const { html } = await previewMarkdown(values.markdown);
      setPreview({ markdown: values.markdown, html });
      focus(PREVIEW_ID);
    } catch (reason) {
      setPreviewError(unexpectedErrorMessage(toErrorBody(reason)));
    } finally {
      setLoading(false);
    }
  }

  return (
    <>
      <TextField
        id={lessonFieldId('text.markdown')}
        label="Texte de la leçon, en Markdown"
        hint={
          <>
            « ## Titre » pour un intertitre, « - » en début de ligne pour une liste, « **mot** » pour mettre en gras,
            « [texte](https://…) » pour un lien. Le HTML n’est pas interprété.
          </>
        }
        rows={16}
        code
        maxLength={50_000}
        value={values.markdown}
        error={errors['text.markdown']}
        onChange={onChange}
      />
      <Button type="button" priority="secondary" iconId="fr-icon-eye-line" disabled={loading || values.markdown.trim() === ''} onClick={showPreview}>
        {loading ? 'Préparation de l’aperçu…' : 'Prévisualiser le texte'}
      </Button>
      {previewError !== undefined && (
        <p className={fr.cx('fr-message', 'fr-message--error', 'fr-mt-2w')} role="alert">
          {`L’aperçu n’a pas pu être préparé. ${previewError}`}
        </p>
      )}
      {preview !== undefined && (
        <section
          aria-labelledby={PREVIEW_ID}
          className={fr.cx('fr-mt-3w', 'fr-p-3w')}
          style={{ border: `1px dashed ${fr.colors.decisions.border.default.grey.default}` }}
        >
          <h2 id={PREVIEW_ID} tabIndex={-1} className={fr.cx('fr-h6')}>
            Aperçu, tel que les apprenants le verront
          </h2>
          {preview.markdown !== values.markdown && (
            <p className={fr.cx('fr-text--sm', 'fr-message', 'fr-message--info')}>Le texte a changé depuis cet aperçu : prévisualisez-le de nouveau.</p>
          )}
          <ServerHtml html={preview.html} />
        </section>
      )}
    </>
  );
}

function VideoFields({
  values,
  errors,
  set,
}: {
  values: LessonFormValues;
  errors: FieldErrors;
  set: <K extends keyof LessonFormValues>(key: K, value: LessonFormValues[K]) => void;
}) {
  return (
    <>
      <TextField
        id={lessonFieldId('video.url')}
        label="Adresse de la vidéo"
        hint="Commence par https://, par exemple https://videos.exemple.fr/introduction.mp4"
        type="url"
        maxLength={500}
        spellCheck={false}
        value={values.videoUrl}
        error={errors['video.url']}
        onChange={(url) => set('videoUrl', url)}
      />
      <p className={fr.cx('fr-text--bold', 'fr-mb-1w')}>Accessibilité : des sous-titres, une transcription, ou les deux (au moins l'un des deux est obligatoire).</p>
      <TextField
        id={lessonFieldId('video.captionsVtt')}
        label="Sous-titres au format WebVTT"
        hint="Le contenu du fichier .vtt, commençant par la ligne WEBVTT, puis des blocs « 00:00:01.000 --> 00:00:04.000 » suivis du texte."
        rows={8}
        code
        required={false}
        spellCheck={false}
        value={values.captionsVtt}
        error={errors['video.captionsVtt']}
        onChange={(captions) => set('captionsVtt', captions)}
      />
      <TextField
        id={lessonFieldId('video.transcript')}
        label="Transcription"
        hint="Le texte complet de ce qui est dit et montré dans la vidéo."
        rows={8}
        required={false}
        value={values.transcript}
        error={errors['video.transcript']}
        onChange={(transcript) => set('transcript', transcript)}
      />
    </>
  );
}
