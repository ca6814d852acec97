import { describe, expect, it } from '@jest/globals';
import { MESSAGES } from './form-errors';
import { asksCompanySize, asksSiren, profileUpdateOf, requiresCompanySize, validateProfile, valuesOf, type ProfileFormValues } from './profile-rules';

const filled: ProfileFormValues = { status: 'salarie', staffBand: '11', region: '53', sector: 'J', siren: '130 025 265' };

describe('what the profile form asks', () => {
  it('asks the company size of those who work in a company, once the status is known', () => {
    expect(asksCompanySize('')).toBe(false);
    expect(asksCompanySize('apprenti')).toBe(false);
    expect(asksCompanySize('demandeur_emploi')).toBe(false);
    expect(asksCompanySize('independant')).toBe(true);
    expect(requiresCompanySize('independant')).toBe(false);
    expect(requiresCompanySize('salarie')).toBe(true);
    expect(requiresCompanySize('agent_public')).toBe(true);
  });

  it('asks a SIREN of everyone but jobseekers', () => {
    expect(asksSiren('demandeur_emploi')).toBe(false);
    expect(asksSiren('apprenti')).toBe(true);
  });
});

describe('profileUpdateOf', () => {
  it('sends every field, the SIREN without its spaces', () => {
    expect(profileUpdateOf(filled)).toEqual({ status: 'salarie', staffBand: '11', region: '53', sector: 'J', siren: '130025265' });
  });

  it('clears the empty fields and those the status hides', () => {
    expect(profileUpdateOf({ ...filled, status: 'demandeur_emploi', sector: '' })).toEqual({
      status: 'demandeur_emploi',
      staffBand: null,
      region: '53',
      sector: null,
      siren: null,
    });
    expect(profileUpdateOf({ ...filled, status: 'apprenti', siren: ' ' })).toMatchObject({ staffBand: null, siren: null });
  });

  it('round-trips with valuesOf', () => {
    const saved = profileUpdateOf(filled);
    expect(profileUpdateOf(valuesOf(saved))).toEqual(saved);
    expect(valuesOf({ status: null, staffBand: null, region: null, sector: null, siren: null })).toEqual({
      status: '',
      staffBand: '',
      region: '',
      sector: '',
      siren: '',
    });
  });
});

describe('validateProfile', () => {
  it('accepts a complete profile', () => {
    expect(Object.values(validateProfile(filled)).filter(Boolean)).toEqual([]);
  });

  it('wants a status, a region, and the company size when it decides the audience', () => {
    const errors = validateProfile({ status: '', staffBand: '', region: '', sector: '', siren: '' });
    expect(Object.keys(errors).filter((field) => errors[field as keyof typeof errors] !== undefined)).toEqual(['status', 'region']);
    expect(validateProfile({ ...filled, staffBand: '' }).staffBand).toBeDefined();
    expect(validateProfile({ ...filled, status: 'independant', staffBand: '' }).staffBand).toBeUndefined();
  });

  it('checks the SIREN only where it is asked', () => {
    expect(validateProfile({ ...filled, siren: '130 025 266' }).siren).toBe(MESSAGES.sirenInvalid);
    expect(validateProfile({ ...filled, status: 'demandeur_emploi', siren: '130 025 266' }).siren).toBeUndefined();
  });
});
