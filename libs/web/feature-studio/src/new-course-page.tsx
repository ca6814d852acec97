import type { MeResponse } from '@academie/contracts';
import { createCourse, toErrorBody } from '@academie/web-data-access';
import { FormAlert, useFocusAfterRender, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { fieldErrorsFromApi, firstInError, titleWithErrors, unexpectedErrorMessage, type FieldErrors } from './api-errors';
import {
  COURSE_FIELD_ORDER,
  courseMessageOf,
  createRequestOf,
  emptyCourseValues,
  SLUG_TAKEN,
  slugify,
  validateCourse,
  type CourseFormValues,
} from './course-form';
import { COURSE_FIELD_IDS, CourseMetadataFields } from './course-metadata-fields';
import { RequiredFieldsNote } from './fields';
import { RequireRole } from './require-role';

const ALERT_ID = 'nouvelle-formation-alerte';

/** /studio/nouvelle-formation: the metadata of a new course; it is created as a draft (version 1). */
export function NewCoursePage() {
  return <RequireRole role="trainer">{(user) => <NewCourse user={user} />}</RequireRole>;
}

function NewCourse({ user }: { user: MeResponse }) {
  const navigate = useNavigate();
  const focus = useFocusAfterRender();
  const [values, setValues] = useState<CourseFormValues>(() => emptyCourseValues(`${user.firstName} ${user.lastName}`.trim()));
  /** The address follows the title until the person edits it. */
  const [slugEdited, setSlugEdited] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const hasErrors = Object.keys(errors).length > 0 || failure !== undefined;
  usePageTitle(titleWithErrors('Créer une formation', hasErrors));

  function onChange(next: CourseFormValues) {
    if (next.slug !== values.slug) setSlugEdited(true);
    setValues(!slugEdited && next.slug === values.slug && next.title !== values.title ? { ...next, slug: slugify(next.title) } : next);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const clientErrors = validateCourse(values, true);
    setErrors(clientErrors);
    setFailure(undefined);
    const first = firstInError(COURSE_FIELD_ORDER, clientErrors);
    if (first !== undefined) {
      focus(COURSE_FIELD_IDS[first] ?? ALERT_ID);
      return;
    }
    setSubmitting(true);
    try {
      const course = await createCourse(createRequestOf(values));
      navigate(`/studio/formations/${course.id}`, {
        state: { flash: `La formation « ${values.title.trim()} » est créée. Ajoutez-lui maintenant des modules et des leçons.` },
      });
    } catch (error) {
      const body = toErrorBody(error);
      const fieldErrors =
        body.statusCode === 409 ? { slug: SLUG_TAKEN } : fieldErrorsFromApi(body, (field) => courseMessageOf(field));
      setErrors(fieldErrors);
      const firstServer = firstInError(COURSE_FIELD_ORDER, fieldErrors);
      if (firstServer !== undefined && COURSE_FIELD_IDS[firstServer] !== undefined) focus(COURSE_FIELD_IDS[firstServer]);
      else {
        setFailure(unexpectedErrorMessage(body));
        focus(ALERT_ID);
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb
        currentPageLabel="Créer une formation"
        homeLinkProps={{ to: '/' }}
        segments={[{ label: 'Studio', linkProps: { to: '/studio' } }]}
      />
      <div className={fr.cx('fr-grid-row')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-8')}>
          <h1>Créer une formation</h1>
          <p>
            Décrivez d'abord la formation. Vous ajouterez ensuite ses modules et ses leçons, puis vous la soumettrez à la
            relecture avant sa publication.
          </p>
          {failure !== undefined && (
            <FormAlert id={ALERT_ID} severity="error" title="La formation n'a pas pu être créée" description={failure} />
          )}
          {Object.keys(errors).length > 0 && failure === undefined && (
            <FormAlert
              id={ALERT_ID}
              severity="error"
              title="Le formulaire contient des erreurs"
              description="Corrigez les champs signalés puis enregistrez de nouveau."
            />
          )}
          <form noValidate onSubmit={onSubmit}>
            <RequiredFieldsNote />
            <CourseMetadataFields values={values} errors={errors} creating onChange={onChange} />
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-2w')}>
              <li>
                <Button type="submit" disabled={submitting}>
                  {submitting ? 'Création…' : 'Créer la formation'}
                </Button>
              </li>
              <li>
                <Button priority="secondary" linkProps={{ to: '/studio' }}>
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
