import type { LearnerStatus, NafSection, Profile, RegionCode, StaffBand } from '@academie/contracts';
import { normalizeSiren, sirenError, type FieldErrors } from './form-errors';

// What the profile form asks, and when, as plain functions.

export type ProfileField = keyof Profile;

/**
 * The company size is asked once the status says there is a company: apprentices and jobseekers get
 * their audience from their status alone.
 */
export function asksCompanySize(status: LearnerStatus | ''): boolean {
  return status !== '' && status !== 'apprenti' && status !== 'demandeur_emploi';
}

/** The company size is needed to derive the audience of those who work for a company or an administration. */
export function requiresCompanySize(status: LearnerStatus | ''): boolean {
  return status === 'dirigeant' || status === 'salarie' || status === 'agent_public';
}

/** The SIREN identifies an employer: a jobseeker has none to give. */
export function asksSiren(status: LearnerStatus | ''): boolean {
  return status !== 'demandeur_emploi';
}

export interface ProfileFormValues {
  status: LearnerStatus | '';
  staffBand: StaffBand | '';
  region: RegionCode | '';
  sector: NafSection | '';
  siren: string;
}

export function valuesOf(profile: Profile): ProfileFormValues {
  return {
    status: profile.status ?? '',
    staffBand: profile.staffBand ?? '',
    region: profile.region ?? '',
    sector: profile.sector ?? '',
    siren: profile.siren ?? '',
  };
}

/** The update sent to the API: every field, `null` for the empty ones and those the status hides. */
export function profileUpdateOf(values: ProfileFormValues): Profile {
  const siren = normalizeSiren(values.siren);
  return {
    status: values.status === '' ? null : values.status,
    staffBand: asksCompanySize(values.status) && values.staffBand !== '' ? values.staffBand : null,
    region: values.region === '' ? null : values.region,
    sector: values.sector === '' ? null : values.sector,
    siren: asksSiren(values.status) && siren !== '' ? siren : null,
  };
}

export function validateProfile(values: ProfileFormValues): FieldErrors<ProfileField> {
  return {
    status: values.status === '' ? 'Indiquez votre situation.' : undefined,
    staffBand:
      requiresCompanySize(values.status) && values.staffBand === '' ? 'Indiquez la taille de l’entreprise ou de la structure.' : undefined,
    region: values.region === '' ? 'Choisissez votre région.' : undefined,
    siren: asksSiren(values.status) ? sirenError(values.siren) : undefined,
  };
}
