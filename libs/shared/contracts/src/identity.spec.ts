import { deriveAudience } from './identity';
import { STAFF_BAND_CODES } from './reference';

describe('deriveAudience', () => {
  it('puts apprentices and jobseekers in their own audience, whatever the staff band', () => {
    expect(deriveAudience({ status: 'apprenti', staffBand: '53' })).toBe('apprenti');
    expect(deriveAudience({ status: 'demandeur_emploi', staffBand: '11' })).toBe('demandeur_emploi');
  });

  it.each([
    ['NN', 'tpe'],
    ['00', 'tpe'],
    ['03', 'tpe'],
    ['11', 'pme'],
    ['31', 'pme'],
    ['32', 'eti'],
    ['51', 'eti'],
    ['52', 'grand_groupe'],
    ['53', 'grand_groupe'],
  ] as const)('classes staff band %s as %s (INSEE categories)', (staffBand, audience) => {
    expect(deriveAudience({ status: 'salarie', staffBand })).toBe(audience);
    expect(deriveAudience({ status: 'dirigeant', staffBand })).toBe(audience);
  });

  it('gives every staff band an audience', () => {
    for (const staffBand of STAFF_BAND_CODES) expect(deriveAudience({ status: 'salarie', staffBand })).not.toBeNull();
  });

  it('counts a self-employed person without a band as a TPE, and knows nothing of the others without one', () => {
    expect(deriveAudience({ status: 'independant', staffBand: null })).toBe('tpe');
    expect(deriveAudience({ status: 'salarie', staffBand: null })).toBeNull();
    expect(deriveAudience({ status: 'agent_public', staffBand: null })).toBeNull();
    expect(deriveAudience({ status: null, staffBand: null })).toBeNull();
  });
});
