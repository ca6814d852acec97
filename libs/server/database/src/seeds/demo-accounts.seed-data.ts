import type { LearnerStatus, NafSection, RegionCode, Role, StaffBand } from '@academie/contracts';

export interface DemoAccount {
  email: string;
  /** Demo only: published in the README. These accounts are never created in production unless asked. */
  password: string;
  firstName: string;
  lastName: string;
  /** The role this account demonstrates (every account is also a learner). */
  role: Role;
  profile: { status: LearnerStatus; staffBand: StaffBand | null; region: RegionCode; sector: NafSection | null; siren: string | null };
}

/** One demo account per role, with a verified e-mail and a complete profile. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'apprenant@demo.academie-ia.fr',
    password: 'Demo-Apprenant-2030',
    firstName: 'Camille',
    lastName: 'Martin',
    role: 'learner',
    profile: { status: 'salarie', staffBand: '12', region: '53', sector: 'G', siren: '732829320' },
  },
  {
    email: 'formateur@demo.academie-ia.fr',
    password: 'Demo-Formateur-2030',
    firstName: 'Nicolas',
    lastName: 'Petit',
    role: 'trainer',
    profile: { status: 'independant', staffBand: null, region: '84', sector: 'P', siren: '401483136' },
  },
  {
    email: 'relecteur@demo.academie-ia.fr',
    password: 'Demo-Relecteur-2030',
    firstName: 'Sophie',
    lastName: 'Bernard',
    role: 'reviewer',
    profile: { status: 'salarie', staffBand: '22', region: '11', sector: 'M', siren: '552100554' },
  },
  {
    email: 'ministere@demo.academie-ia.fr',
    password: 'Demo-Ministere-2030',
    firstName: 'Julien',
    lastName: 'Moreau',
    role: 'ministry',
    profile: { status: 'agent_public', staffBand: '53', region: '11', sector: 'O', siren: '130000011' },
  },
  {
    email: 'admin@demo.academie-ia.fr',
    password: 'Demo-Administration-2030',
    firstName: 'Aline',
    lastName: 'Durand',
    role: 'admin',
    profile: { status: 'agent_public', staffBand: '53', region: '11', sector: 'O', siren: null },
  },
];
