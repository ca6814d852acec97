import {
  AUDIENCE_CODES,
  AUDIENCES,
  COURSE_KIND_LABELS,
  COURSE_KINDS,
  COURSE_LEVEL_LABELS,
  COURSE_LEVELS,
  NAF_SECTION_CODES,
  NAF_SECTIONS,
  USE_CASE_CODES,
  USE_CASES,
} from '@academie/contracts';
import { fr } from '@codegouvfr/react-dsfr';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useState } from 'react';
import type { FieldErrors } from './api-errors';
import { SUMMARY_MAX, TITLE_MAX, type CourseFormValues } from './course-form';
import { TextField } from './fields';

/** Focus targets of the fields, by the API's field name (react-dsfr names a group's inputs `<group id>-<index>`). */
export const COURSE_FIELD_IDS: Record<string, string> = {
  title: 'formation-titre',
  slug: 'formation-adresse',
  summary: 'formation-resume',
  kind: 'formation-type-0',
  level: 'formation-niveau-0',
  durationMinutes: 'formation-duree',
  audiences: 'formation-publics-0',
  useCases: 'formation-cas-0',
  sectors: 'formation-secteurs-0',
  countsTowardGoal: 'formation-objectif-0',
  authorName: 'formation-auteur',
};

export interface CourseMetadataFieldsProps {
  values: CourseFormValues;
  errors: FieldErrors;
  /** Creation also asks for the course's address and the author's name. */
  creating: boolean;
  disabled?: boolean;
  onChange: (values: CourseFormValues) => void;
}

function toggle<T extends string>(list: readonly T[], value: T, on: boolean): T[] {
  const rest = list.filter((item) => item !== value);
  return on ? [...rest, value] : rest;
}

/** The metadata of a course, as DSFR fields: title, summary, kind, level, duration, audiences, use cases, sectors. */
export function CourseMetadataFields({ values, errors, creating, disabled = false, onChange }: CourseMetadataFieldsProps) {
  const [sectorsOpen, setSectorsOpen] = useState(values.sectors.length > 0);
  const set = <K extends keyof CourseFormValues>(key: K, value: CourseFormValues[K]) => onChange({ ...values, [key]: value });
  const state = (field: string) =>
    errors[field] === undefined ? {} : { state: 'error' as const, stateRelatedMessage: errors[field] };

  return (
    // A bare fieldset, only to disable every field at once while the version is in review.
    <fieldset disabled={disabled} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <div>
        <TextField
          id={COURSE_FIELD_IDS.title}
          label="Titre de la formation"
          hint={`${TITLE_MAX} caractères au plus. Il apparaît dans le catalogue et dans les résultats de recherche.`}
          value={values.title}
          error={errors.title}
          maxLength={TITLE_MAX}
          onChange={(title) => set('title', title)}
        />
      </div>
      {creating && (
        <div>
          <TextField
            id={COURSE_FIELD_IDS.slug}
            label="Adresse de la formation"
            hint={`Lettres minuscules sans accent, chiffres et tirets. La formation sera à l'adresse /cours/${values.slug || '…'} ; elle ne pourra plus changer.`}
            value={values.slug}
            error={errors.slug}
            maxLength={120}
            spellCheck={false}
            onChange={(slug) => set('slug', slug)}
          />
        </div>
      )}
      <div>
        <TextField
          id={COURSE_FIELD_IDS.summary}
          label="Résumé (facultatif pour enregistrer, obligatoire pour soumettre)"
          hint={`Ce que la personne saura faire à la fin, en deux ou trois phrases. ${SUMMARY_MAX} caractères au plus.`}
          rows={4}
          required={false}
          value={values.summary}
          error={errors.summary}
          maxLength={SUMMARY_MAX}
          onChange={(summary) => set('summary', summary)}
        />
      </div>
      <div>
        <RadioButtons
          id="formation-type"
          name="kind"
          legend="Type de formation"
          hintText="Un tutoriel est court et tient en un seul module."
          orientation="horizontal"
          {...state('kind')}
          options={COURSE_KINDS.map((kind) => ({
            label: COURSE_KIND_LABELS[kind],
            nativeInputProps: {
              value: kind,
              checked: values.kind === kind,
              onChange: () => set('kind', kind),
            },
          }))}
        />
      </div>
      <div>
        <RadioButtons
          id="formation-niveau"
          name="level"
          legend="Niveau"
          orientation="horizontal"
          {...state('level')}
          options={COURSE_LEVELS.map((level) => ({
            label: COURSE_LEVEL_LABELS[level],
            nativeInputProps: {
              value: level,
              checked: values.level === level,
              onChange: () => set('level', level),
            },
          }))}
        />
      </div>
      <div>
        <TextField
          id={COURSE_FIELD_IDS.durationMinutes}
          label="Durée estimée, en minutes"
          hint="Le temps qu'il faut pour suivre toute la formation, par exemple 45."
          type="text"
          inputMode="numeric"
          value={values.durationMinutes}
          error={errors.durationMinutes}
          maxLength={5}
          onChange={(duration) => set('durationMinutes', duration)}
        />
      </div>
      <div>
        <Checkbox
          id="formation-publics"
          legend="Publics (au moins un pour soumettre)"
          hintText="Les personnes à qui la formation est destinée."
          {...state('audiences')}
          options={AUDIENCE_CODES.map((code) => ({
            label: AUDIENCES[code],
            nativeInputProps: {
              name: 'audiences',
              value: code,
              checked: values.audiences.includes(code),
              onChange: (event) => set('audiences', toggle(values.audiences, code, event.target.checked)),
            },
          }))}
        />
      </div>
      <div>
        <Checkbox
          id="formation-cas"
          legend="Cas d'usage (facultatif)"
          hintText="Les solutions clés en main de ces cas d'usage seront proposées avec la formation."
          {...state('useCases')}
          options={USE_CASE_CODES.map((code) => ({
            label: USE_CASES[code],
            nativeInputProps: {
              name: 'useCases',
              value: code,
              checked: values.useCases.includes(code),
              onChange: (event) => set('useCases', toggle(values.useCases, code, event.target.checked)),
            },
          }))}
        />
      </div>
      <div>
        <details
          className={fr.cx('fr-mb-3w')}
          open={sectorsOpen || errors.sectors !== undefined}
          onToggle={(event) => setSectorsOpen(event.currentTarget.open)}
        >
          <summary className={fr.cx('fr-text--bold', 'fr-mb-2w')} style={{ cursor: 'pointer' }}>
            {`Secteurs d'activité (facultatif) : ${values.sectors.length === 0 ? 'tous les secteurs' : `${values.sectors.length} choisi${values.sectors.length > 1 ? 's' : ''}`}`}
          </summary>
          <Checkbox
            id="formation-secteurs"
            legend="Secteurs d'activité (facultatif)"
            hintText="Aucun secteur coché : la formation s'adresse à tous les secteurs."
            small
            {...state('sectors')}
            options={NAF_SECTION_CODES.map((code) => ({
              label: NAF_SECTIONS[code],
              nativeInputProps: {
                name: 'sectors',
                value: code,
                checked: values.sectors.includes(code),
                onChange: (event) => set('sectors', toggle(values.sectors, code, event.target.checked)),
              },
            }))}
          />
        </details>
      </div>
      <div>
        <Checkbox
          id="formation-objectif"
          options={[
            {
              label: "Compte pour l'objectif national du plan « Osez l'IA »",
              hintText: 'Les personnes qui terminent la formation sont comptées parmi les 15 millions de personnes formées.',
              nativeInputProps: {
                name: 'countsTowardGoal',
                checked: values.countsTowardGoal,
                onChange: (event) => set('countsTowardGoal', event.target.checked),
              },
            },
          ]}
        />
      </div>
      {creating && (
        <div>
          <TextField
            id={COURSE_FIELD_IDS.authorName}
            label="Votre nom tel qu'il apparaîtra sur la formation"
            hint="Par exemple votre prénom et votre nom."
            value={values.authorName}
            error={errors.authorName}
            maxLength={200}
            onChange={(authorName) => set('authorName', authorName)}
          />
        </div>
      )}
    </fieldset>
  );
}
