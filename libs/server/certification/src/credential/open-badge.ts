import { createHash } from 'node:crypto';
import { formatDurationFr } from '@academie/contracts';
import { type IssuerProfile, OB3_CONTEXT, VC_CONTEXT, issuerProfile, trimBase } from './issuer';
import { statusListUrl } from './status-list';

export interface AchievementCourse {
  id: string;
  title: string;
  summary: string;
}

export interface Achievement {
  id: string;
  type: ['Achievement'];
  achievementType: 'CertificateOfCompletion';
  name: string;
  description: string;
  criteria: { narrative: string };
  inLanguage: 'fr';
  creator: IssuerProfile;
}

export const achievementUrl = (baseUrl: string, courseId: string): string => `${trimBase(baseUrl)}/api/achievements/${courseId}`;

/** The achievement of a course, one per course, served as JSON at its id (`GET /api/achievements/:courseId`). */
export function achievementFor(baseUrl: string, course: AchievementCourse): Achievement {
  return {
    id: achievementUrl(baseUrl, course.id),
    type: ['Achievement'],
    achievementType: 'CertificateOfCompletion',
    name: course.title,
    description: course.summary,
    criteria: {
      narrative: `Avoir suivi en entier le cours « ${course.title} » sur la plateforme de l'Académie de l'IA : toutes les leçons obligatoires terminées et tous les quiz obligatoires réussis.`,
    },
    inLanguage: 'fr',
    creator: issuerProfile(baseUrl),
  };
}

/** OB 3.0 IdentityObject of a salted, hashed e-mail: `sha256$` + hex SHA-256 of the address followed by the salt. */
export function hashedEmail(email: string, salt: string) {
  return {
    type: 'IdentityObject' as const,
    identityHash: `sha256$${createHash('sha256').update(`${email.trim().toLowerCase()}${salt}`).digest('hex')}`,
    identityType: 'emailAddress' as const,
    hashed: true as const,
    salt,
  };
}

export interface CredentialFacts {
  certificateId: string;
  course: AchievementCourse;
  versionNumber: number;
  durationMinutes: number;
  completedAt: Date;
  /** The learner's address, hashed with `salt` into the credential; null when the person was erased. */
  email: string | null;
  salt: string;
  statusList: number;
  statusListIndex: number;
}

/**
 * The Open Badges 3.0 credential of a certificate (W3C VC 2.0 data model). The learner is identified by a salted
 * hash of their e-mail, never by name nor address: the credential can be shown to anyone, and its holder proves
 * it is theirs by revealing the address. Built from stored facts only, with a fixed key order: the same
 * certificate always gives the same JSON (and, RS256 being deterministic, the same VC-JWT).
 */
export function buildOpenBadgeCredential(baseUrl: string, facts: CredentialFacts) {
  const issuer = issuerProfile(baseUrl);
  const list = statusListUrl(baseUrl, facts.statusList);
  const validFrom = facts.completedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    '@context': [VC_CONTEXT, OB3_CONTEXT],
    id: `urn:uuid:${facts.certificateId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer,
    validFrom,
    name: `Certificat de réussite – ${facts.course.title}`,
    description: `Cours « ${facts.course.title} », version ${facts.versionNumber}, durée ${formatDurationFr(facts.durationMinutes)}.`,
    credentialSubject: {
      type: ['AchievementSubject'],
      ...(facts.email ? { identifier: [hashedEmail(facts.email, facts.salt)] } : {}),
      achievement: achievementFor(baseUrl, facts.course),
    },
    credentialStatus: {
      id: `${list}#${facts.statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(facts.statusListIndex),
      statusListCredential: list,
    },
    // JWT claims beside the credential (VC-JOSE-COSE): the issuer, the credential id, its date.
    iss: issuer.id,
    jti: `urn:uuid:${facts.certificateId}`,
    iat: Math.floor(facts.completedAt.getTime() / 1000),
  };
}

export type OpenBadgeCredential = ReturnType<typeof buildOpenBadgeCredential>;
