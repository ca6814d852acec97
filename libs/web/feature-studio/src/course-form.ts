// The course metadata form of the studio: values as typed, checks before sending, the request built from
// them. Plain functions, tested beside.
import type {
  Audience,
  AuthorVersion,
  CourseKind,
  CourseLevel,
  CourseMetadataInput,
  CreateCourseRequest,
  NafSection,
  UpdateDraftRequest,
  UseCase,
} from '@academie/contracts';
import type { FieldErrors } from './api-errors';

export interface CourseFormValues {
  title: string;
  summary: string;
  kind: CourseKind;
  level: CourseLevel;
  /** As typed in the field; a whole number of minutes once checked. */
  durationMinutes: string;
  audiences: Audience[];
  sectors: NafSection[];
  useCases: UseCase[];
  countsTowardGoal: boolean;
  /** Creation only. */
  slug: string;
  authorName: string;
}

/** Order of the fields in the form, for the focus on the first one in error. */
export const COURSE_FIELD_ORDER = [
  'title',
  'slug',
  'summary',
  'kind',
  'level',
  'durationMinutes',
  'audiences',
  'useCases',
  'sectors',
  'countsTowardGoal',
  'authorName',
] as const;
export type CourseField = (typeof COURSE_FIELD_ORDER)[number];

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const TITLE_MIN = 3;
export const TITLE_MAX = 200;
export const SUMMARY_MAX = 2000;
export const DURATION_MAX = 6000;

export const COURSE_MESSAGES: Record<CourseField, string> = {
  title: `Saisissez un titre de ${TITLE_MIN} à ${TITLE_MAX} caractères.`,
  slug: 'Saisissez une adresse faite de lettres minuscules sans accent, de chiffres et de tirets (par exemple ia-generative-pme).',
  summary: `Le résumé doit faire au plus ${SUMMARY_MAX} caractères.`,
  kind: 'Choisissez le type de formation.',
  level: 'Choisissez le niveau.',
  durationMinutes: `Saisissez une durée en minutes, nombre entier de 1 à ${DURATION_MAX}.`,
  audiences: 'Choisissez des publics dans la liste.',
  sectors: 'Choisissez des secteurs dans la liste.',
  useCases: "Choisissez des cas d'usage dans la liste.",
  countsTowardGoal: 'Indiquez si la formation compte pour l’objectif national.',
  authorName: 'Saisissez le nom sous lequel vous êtes crédité, de 2 à 200 caractères.',
};

export const SLUG_TAKEN = 'Cette adresse est déjà prise par une autre formation : choisissez-en une autre.';

export function emptyCourseValues(authorName: string): CourseFormValues {
  return {
    title: '',
    summary: '',
    kind: 'course',
    level: 'decouverte',
    durationMinutes: '',
    audiences: [],
    sectors: [],
    useCases: [],
    countsTowardGoal: true,
    slug: '',
    authorName,
  };
}

export function courseValuesOf(version: AuthorVersion): CourseFormValues {
  return {
    title: version.title,
    summary: version.summary,
    kind: version.kind,
    level: version.level,
    durationMinutes: String(version.durationMinutes),
    audiences: version.audiences,
    sectors: version.sectors,
    useCases: version.useCases,
    countsTowardGoal: version.countsTowardGoal,
    slug: '',
    authorName: '',
  };
}

/**
 * The address of a course from its title: lower case, accents and punctuation removed, words joined by
 * hyphens, 80 characters at most (`L'IA générative en PME` -> `l-ia-generative-en-pme`).
 */
export function slugify(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** A whole number written by a person (`45`, ` 45 `), or undefined. */
export function wholeNumber(value: string): number | undefined {
  const text = value.trim();
  if (!/^\d{1,7}$/.test(text)) return undefined;
  return Number(text);
}

/** The errors the form can tell before sending; the API checks everything again. */
export function validateCourse(values: CourseFormValues, creating: boolean): FieldErrors {
  const errors: FieldErrors = {};
  const title = values.title.trim();
  if (title.length < TITLE_MIN || title.length > TITLE_MAX) errors.title = COURSE_MESSAGES.title;
  if (creating && !SLUG_PATTERN.test(values.slug)) errors.slug = COURSE_MESSAGES.slug;
  if (values.summary.length > SUMMARY_MAX) errors.summary = COURSE_MESSAGES.summary;
  const minutes = wholeNumber(values.durationMinutes);
  if (minutes === undefined || minutes < 1 || minutes > DURATION_MAX) errors.durationMinutes = COURSE_MESSAGES.durationMinutes;
  const author = values.authorName.trim();
  if (creating && (author.length < 2 || author.length > 200)) errors.authorName = COURSE_MESSAGES.authorName;
  return errors;
}

function metadataOf(values: CourseFormValues): Required<Omit<CourseMetadataInput, 'language'>> {
  return {
    kind: values.kind,
    title: values.title.trim(),
    summary: values.summary.trim(),
    level: values.level,
    durationMinutes: wholeNumber(values.durationMinutes) ?? 0,
    audiences: values.audiences,
    sectors: values.sectors,
    useCases: values.useCases,
    countsTowardGoal: values.countsTowardGoal,
  };
}

export function createRequestOf(values: CourseFormValues): CreateCourseRequest {
  return { ...metadataOf(values), language: 'fr', slug: values.slug, authorName: values.authorName.trim() };
}

export function updateRequestOf(values: CourseFormValues): UpdateDraftRequest {
  return metadataOf(values);
}

/** The French message of a field the API refused (its `details[].field`), if the form shows that field. */
export function courseMessageOf(field: string): string | undefined {
  const name = field.split('.')[0] as CourseField;
  return COURSE_MESSAGES[name];
}
