import {
  NAF_SECTIONS,
  NAF_SECTION_CODES,
  ORGANISATION_KINDS,
  ORGANISATION_KIND_CODES,
  REGIONS,
  REGION_CODES,
  STAFF_BANDS,
  STAFF_BAND_CODES,
  type CreateOrganisationRequest,
  type NafSection,
  type OrganisationKind,
  type OrganisationView,
  type RegionCode,
  type StaffBand,
} from '@academie/contracts';
import { createOrganisation, toErrorBody } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import { useFocusAfterRender } from './focus';

type Field = 'kind' | 'name' | 'identifier' | 'staffBand' | 'region' | 'sector';
const ORDER: Field[] = ['kind', 'name', 'identifier', 'staffBand', 'region', 'sector'];
const ID: Record<Field, string> = {
  kind: 'organisation-type-0',
  name: 'organisation-nom',
  identifier: 'organisation-siret',
  staffBand: 'organisation-effectif',
  region: 'organisation-region',
  sector: 'organisation-secteur',
};

const MESSAGES: Record<Field, string> = {
  kind: 'Choisissez le type de votre organisation.',
  name: 'Saisissez le nom de votre organisation (200 caractères au plus).',
  identifier:
    'Ce numéro n’est pas valide : un SIREN compte 9 chiffres, un SIRET 14, et leur dernier chiffre est une clé de contrôle. Recopiez-le depuis un document officiel (avis de situation Sirene, fiche de paie…).',
  staffBand: 'Choisissez l’effectif dans la liste.',
  region: 'Choisissez la région dans la liste.',
  sector: 'Choisissez le secteur dans la liste.',
};

/** The API's field names (siren, siret, a dotted path…) to the form's fields. */
function fieldOf(apiField: string): Field | undefined {
  const last = apiField.split('.').at(-1) ?? apiField;
  if (last === 'siren' || last === 'siret') return 'identifier';
  return (ORDER as string[]).includes(last) ? (last as Field) : undefined;
}

const digits = (value: string) => value.replace(/[\s\u00a0.-]/g, '');

/** Creating an organisation: its type, name, optional SIREN/SIRET, size, region and sector. */
export function CreateOrganisationForm({ onCreated }: { onCreated: (organisation: OrganisationView) => void }) {
  const [kind, setKind] = useState<OrganisationKind | ''>('');
  const [name, setName] = useState('');
  const [identifier, setIdentifier] = useState('');
  const [staffBand, setStaffBand] = useState<StaffBand | ''>('');
  const [region, setRegion] = useState<RegionCode | ''>('');
  const [sector, setSector] = useState<NafSection | ''>('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const focus = useFocusAfterRender();

  const show = (found: Partial<Record<Field, string>>) => {
    setErrors(found);
    const first = ORDER.find((field) => found[field] !== undefined);
    if (first !== undefined) focus(ID[first]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const number = digits(identifier);
    const found: Partial<Record<Field, string>> = {};
    if (kind === '') found.kind = MESSAGES.kind;
    if (name.trim() === '' || name.trim().length > 200) found.name = MESSAGES.name;
    // Only the shape here: the API checks the control key and has the last word.
    if (number !== '' && !/^(\d{9}|\d{14})$/.test(number)) found.identifier = MESSAGES.identifier;
    if (Object.keys(found).length > 0 || kind === '') return show(found);

    const request: CreateOrganisationRequest = { kind, name: name.trim() };
    if (number.length === 9) request.siren = number;
    if (number.length === 14) request.siret = number;
    if (staffBand !== '') request.staffBand = staffBand;
    if (region !== '') request.region = region;
    if (sector !== '') request.sector = sector;
    setSending(true);
    try {
      onCreated(await createOrganisation(request));
    } catch (error) {
      const body = toErrorBody(error);
      const fromApi: Partial<Record<Field, string>> = {};
      for (const detail of body.details) {
        const field = fieldOf(detail.field);
        if (field !== undefined) fromApi[field] ??= MESSAGES[field];
      }
      if (Object.keys(fromApi).length > 0) show(fromApi);
      else {
        setErrors({});
        setFailure(body.message);
        focus('organisation-echec');
      }
    } finally {
      setSending(false);
    }
  };

  const state = (field: Field) => (errors[field] === undefined ? ('default' as const) : ('error' as const));
  const invalid = (field: Field) => (errors[field] === undefined ? undefined : true);

  return (
    <form onSubmit={submit} noValidate aria-labelledby="creer-organisation-titre">
      <h2 id="creer-organisation-titre" className={fr.cx('fr-h3')}>
        Créer l’espace de votre organisation
      </h2>
      <p className={fr.cx('fr-text--sm')}>Sauf mention contraire, tous les champs sont obligatoires.</p>
      {failure !== undefined && (
        <div id="organisation-echec" tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert severity="error" as="h3" title="L’organisation n’a pas été créée" description={failure} />
        </div>
      )}
      <RadioButtons
        id="organisation-type"
        legend="Type d’organisation"
        name="kind"
        state={state('kind')}
        stateRelatedMessage={errors.kind}
        options={ORGANISATION_KIND_CODES.map((code) => ({
          label: ORGANISATION_KINDS[code],
          nativeInputProps: { value: code, checked: kind === code, onChange: () => setKind(code) },
        }))}
      />
      <Input
        label="Nom de l’organisation"
        state={state('name')}
        stateRelatedMessage={errors.name}
        nativeInputProps={{
          id: ID.name,
          name: 'name',
          value: name,
          required: true,
          autoComplete: 'organization',
          'aria-invalid': invalid('name'),
          onChange: (e) => setName(e.target.value),
        }}
      />
      <Input
        label="Numéro SIREN ou SIRET (facultatif)"
        hintText="9 chiffres pour le SIREN, 14 pour le SIRET d’un établissement. Il permet de rattacher les formations suivies à votre entreprise."
        state={state('identifier')}
        stateRelatedMessage={errors.identifier}
        nativeInputProps={{
          id: ID.identifier,
          name: 'siret',
          value: identifier,
          inputMode: 'numeric',
          spellCheck: false,
          'aria-invalid': invalid('identifier'),
          onChange: (e) => setIdentifier(e.target.value),
        }}
      />
      <Select
        label="Effectif (facultatif)"
        hint="Un ordre de grandeur suffit."
        state={state('staffBand')}
        stateRelatedMessage={errors.staffBand}
        nativeSelectProps={{
          id: ID.staffBand,
          name: 'staffBand',
          value: staffBand,
          'aria-invalid': invalid('staffBand'),
          onChange: (e) => setStaffBand(e.target.value as StaffBand | ''),
        }}
      >
        <option value="">Non renseigné</option>
        {STAFF_BAND_CODES.map((code) => (
          <option key={code} value={code}>
            {STAFF_BANDS[code]}
          </option>
        ))}
      </Select>
      <Select
        label="Région (facultatif)"
        state={state('region')}
        stateRelatedMessage={errors.region}
        nativeSelectProps={{
          id: ID.region,
          name: 'region',
          value: region,
          'aria-invalid': invalid('region'),
          onChange: (e) => setRegion(e.target.value as RegionCode | ''),
        }}
      >
        <option value="">Non renseignée</option>
        {REGION_CODES.map((code) => (
          <option key={code} value={code}>
            {REGIONS[code]}
          </option>
        ))}
      </Select>
      <Select
        label="Secteur d’activité (facultatif)"
        state={state('sector')}
        stateRelatedMessage={errors.sector}
        nativeSelectProps={{
          id: ID.sector,
          name: 'sector',
          value: sector,
          'aria-invalid': invalid('sector'),
          onChange: (e) => setSector(e.target.value as NafSection | ''),
        }}
      >
        <option value="">Non renseigné</option>
        {NAF_SECTION_CODES.map((code) => (
          <option key={code} value={code}>
            {NAF_SECTIONS[code]}
          </option>
        ))}
      </Select>
      <Button type="submit" disabled={sending}>
        {sending ? 'Création en cours…' : 'Créer l’organisation'}
      </Button>
    </form>
  );
}
