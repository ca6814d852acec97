import {
  AUDIENCES,
  deriveAudience,
  LEARNER_STATUS_LABELS,
  LEARNER_STATUSES,
  NAF_SECTION_CODES,
  NAF_SECTIONS,
  REGION_CODES,
  REGIONS,
  STAFF_BAND_CODES,
  STAFF_BANDS,
  type LearnerStatus,
  type MeResponse,
  type NafSection,
  type RegionCode,
  type StaffBand,
} from '@academie/contracts';
import { toErrorBody, updateProfile } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent, type ReactNode } from 'react';
import { unexpectedErrorMessage } from './error-messages';
import { TextField } from './fields';
import { useFocusAfterRender } from './focus';
import { FormAlert } from './form-alert';
import { fieldErrorsFromApi, firstFieldInError, MESSAGES, type FieldErrors } from './form-errors';
import {
  asksCompanySize,
  asksSiren,
  profileUpdateOf,
  requiresCompanySize,
  validateProfile,
  valuesOf,
  type ProfileField,
  type ProfileFormValues,
} from './profile-rules';

type Field = ProfileField;
const FIELD_ORDER: readonly Field[] = ['status', 'staffBand', 'region', 'sector', 'siren'];
/** The focus target of each field: the first radio button of the status group, the select, the input. */
const FIELD_ID: Record<Field, string> = {
  status: 'profil-situation-0',
  staffBand: 'profil-taille',
  region: 'profil-region',
  sector: 'profil-secteur',
  siren: 'profil-siren',
};
const ALERT_ID = 'profil-alerte';

const API_MESSAGES: Record<Field, string> = {
  status: 'Choisissez votre situation parmi les propositions.',
  staffBand: 'Choisissez la taille de l’entreprise dans la liste.',
  region: 'Choisissez votre région dans la liste.',
  sector: 'Choisissez le secteur d’activité dans la liste.',
  siren: MESSAGES.sirenInvalid,
};

function companySizeLabel(status: LearnerStatus | ''): string {
  switch (status) {
    case 'dirigeant':
    case 'independant':
      return 'Nombre de salariés de votre entreprise';
    case 'salarie':
      return 'Nombre de salariés de l’entreprise qui vous emploie';
    case 'agent_public':
      return 'Nombre d’agents de votre administration ou établissement';
    default:
      return 'Taille de l’entreprise ou de la structure';
  }
}

type Saved = 'idle' | 'saved';

/** The profile: status in plain words, company size, region, sector, SIREN; PATCH /api/me/profile. */
export function ProfileForm({ user, onSaved }: { user: MeResponse; onSaved: (user: MeResponse) => void }) {
  const [values, setValues] = useState<ProfileFormValues>(() => valuesOf(user.profile));
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState<Saved>('idle');
  const [submitting, setSubmitting] = useState(false);
  const focus = useFocusAfterRender();

  const set = <F extends Field>(field: F) => (value: ProfileFormValues[F]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setSaved('idle');
  };

  const preview = deriveAudience(profileUpdateOf(values));
  const sizeOptional = !requiresCompanySize(values.status);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const clientErrors = validateProfile(values);
    setFailure(undefined);
    setSaved('idle');
    setErrors(clientErrors);
    const first = firstFieldInError(FIELD_ORDER, clientErrors);
    if (first !== undefined) {
      focus(FIELD_ID[first]);
      return;
    }
    setSubmitting(true);
    try {
      const me = await updateProfile(profileUpdateOf(values));
      setValues(valuesOf(me.profile));
      setSaved('saved');
      onSaved(me);
      focus(ALERT_ID);
    } catch (error) {
      const body = toErrorBody(error);
      const { fieldErrors } = body.statusCode === 400 ? fieldErrorsFromApi(body, API_MESSAGES) : { fieldErrors: {} };
      setErrors(fieldErrors);
      const firstServerField = firstFieldInError(FIELD_ORDER, fieldErrors);
      if (firstServerField !== undefined) {
        focus(FIELD_ID[firstServerField]);
      } else {
        setFailure(unexpectedErrorMessage(body));
        focus(ALERT_ID);
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="situation-titre">
      {saved === 'saved' && (
        <FormAlert
          id={ALERT_ID}
          severity="success"
          as="h3"
          title="Votre profil est enregistré"
          description={
            user.audience === null
              ? 'Merci. Complétez la taille de l’entreprise pour recevoir des propositions de formation adaptées.'
              : `Les formations vous sont proposées pour le public « ${AUDIENCES[user.audience]} ».`
          }
        />
      )}
      {failure !== undefined && (
        <FormAlert id={ALERT_ID} severity="error" as="h3" title="Votre profil n’a pas pu être enregistré" description={failure} />
      )}
      <p className={fr.cx('fr-text--sm')}>Sauf mention contraire, tous les champs sont obligatoires.</p>

      <RadioButtons
        id="profil-situation"
        name="status"
        legend="Votre situation"
        hintText="Choisissez la phrase qui vous décrit le mieux aujourd’hui."
        state={errors.status === undefined ? 'default' : 'error'}
        stateRelatedMessage={errors.status}
        options={LEARNER_STATUSES.map((status) => ({
          label: LEARNER_STATUS_LABELS[status],
          nativeInputProps: {
            value: status,
            checked: values.status === status,
            onChange: () => set('status')(status),
          },
        }))}
      />

      {asksCompanySize(values.status) && (
        <Select
          label={`${companySizeLabel(values.status)}${sizeOptional ? ' (facultatif)' : ''}`}
          hint="Un ordre de grandeur suffit. Il sert à vous proposer des formations adaptées à votre structure."
          state={errors.staffBand === undefined ? 'default' : 'error'}
          stateRelatedMessage={errors.staffBand}
          nativeSelectProps={{
            id: FIELD_ID.staffBand,
            name: 'staffBand',
            value: values.staffBand,
            required: !sizeOptional,
            'aria-invalid': errors.staffBand === undefined ? undefined : true,
            onChange: (event) => set('staffBand')(event.target.value as StaffBand | ''),
          }}
        >
          <Placeholder optional={sizeOptional} />
          {STAFF_BAND_CODES.map((code) => (
            <option key={code} value={code}>
              {STAFF_BANDS[code]}
            </option>
          ))}
        </Select>
      )}

      <AudiencePreview>
        {values.status === '' ? null : preview === null ? (
          <>Indiquez la taille de l’entreprise pour que nous puissions vous proposer les formations adaptées.</>
        ) : (
          <>
            Avec ces réponses, les formations vous seront proposées pour le public{' '}
            <strong>« {AUDIENCES[preview]} »</strong>.
          </>
        )}
      </AudiencePreview>

      <Select
        label="Votre région"
        hint="La région où vous travaillez, ou celle où vous habitez si vous cherchez un emploi."
        state={errors.region === undefined ? 'default' : 'error'}
        stateRelatedMessage={errors.region}
        nativeSelectProps={{
          id: FIELD_ID.region,
          name: 'region',
          value: values.region,
          required: true,
          'aria-invalid': errors.region === undefined ? undefined : true,
          onChange: (event) => set('region')(event.target.value as RegionCode | ''),
        }}
      >
        <Placeholder optional={false} />
        {[...REGION_CODES]
          .sort((a, b) => REGIONS[a].localeCompare(REGIONS[b], 'fr'))
          .map((code) => (
            <option key={code} value={code}>
              {REGIONS[code]}
            </option>
          ))}
      </Select>

      <Select
        label="Secteur d’activité (facultatif)"
        hint={
          values.status === 'demandeur_emploi'
            ? 'Le secteur dans lequel vous cherchez un emploi.'
            : 'Le secteur de l’entreprise ou de la structure où vous travaillez.'
        }
        state={errors.sector === undefined ? 'default' : 'error'}
        stateRelatedMessage={errors.sector}
        nativeSelectProps={{
          id: FIELD_ID.sector,
          name: 'sector',
          value: values.sector,
          'aria-invalid': errors.sector === undefined ? undefined : true,
          onChange: (event) => set('sector')(event.target.value as NafSection | ''),
        }}
      >
        <Placeholder optional />
        {NAF_SECTION_CODES.map((code) => (
          <option key={code} value={code}>
            {NAF_SECTIONS[code]}
          </option>
        ))}
      </Select>

      {asksSiren(values.status) && (
        <TextField
          id={FIELD_ID.siren}
          name="siren"
          label={values.status === 'apprenti' ? 'Numéro SIREN de votre employeur (facultatif)' : 'Numéro SIREN de l’entreprise (facultatif)'}
          hint="9 chiffres (le début du numéro SIRET), par exemple 130 025 265. Vous le trouverez sur annuaire-entreprises.data.gouv.fr."
          value={values.siren}
          onChange={set('siren')}
          error={errors.siren}
          inputMode="numeric"
          autoComplete="off"
          required={false}
          spellCheck={false}
        />
      )}

      <Button type="submit" disabled={submitting}>
        {submitting ? 'Enregistrement…' : 'Enregistrer mon profil'}
      </Button>
    </form>
  );
}

function Placeholder({ optional }: { optional: boolean }) {
  return optional ? (
    <option value="">Non renseigné</option>
  ) : (
    <option value="" disabled hidden>
      Sélectionner une option
    </option>
  );
}

function AudiencePreview({ children }: { children: ReactNode }) {
  return (
    <div aria-live="polite" className={fr.cx('fr-mb-3w')}>
      {children !== null && <p className={fr.cx('fr-text--sm', 'fr-mb-0')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
          {children}
        </p>}
    </div>
  );
}
