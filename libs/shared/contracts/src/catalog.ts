import type { Audience, NafSection } from './reference';

export const COURSE_LEVELS = ['decouverte', 'intermediaire', 'avance'] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];

export const COURSE_LEVEL_LABELS: Record<CourseLevel, string> = {
  decouverte: 'Découverte',
  intermediaire: 'Intermédiaire',
  avance: 'Avancé',
};

export const COURSE_KINDS = ['course', 'tutorial'] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];

export const COURSE_KIND_LABELS: Record<CourseKind, string> = { course: 'Cours', tutorial: 'Tutoriel' };

/** Business use cases a course or a turnkey solution addresses. */
export const USE_CASES = {
  relation_client: 'Relation client',
  comptabilite: 'Comptabilité et gestion',
  rh: 'Ressources humaines',
  production: 'Production et logistique',
  marketing: 'Marketing et communication',
  juridique: 'Juridique et conformité',
  bureautique: 'Bureautique et productivité',
  recherche_emploi: "Recherche d'emploi",
} as const;
export type UseCase = keyof typeof USE_CASES;
export const USE_CASE_CODES = Object.keys(USE_CASES) as UseCase[];

/** A published course as the catalogue lists it. */
export interface CourseSummary {
  id: string;
  slug: string;
  kind: CourseKind;
  title: string;
  summary: string;
  level: CourseLevel;
  durationMinutes: number;
  audiences: Audience[];
  sectors: NafSection[];
  useCases: UseCase[];
  language: string;
  countsTowardGoal: boolean;
  publishedAt: string;
}

export interface CourseListQuery {
  limit?: number;
  cursor?: string;
}

export interface CourseListResponse {
  items: CourseSummary[];
  /** Opaque cursor of the next page, null on the last page. */
  nextCursor: string | null;
}

// ---------------------------------------------------------------------------------------------------------
// Catalogue content: versions, modules, lessons, review, search, solutions (docs/catalogue-api.md).

export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
/** Of the course in the catalogue: `draft` until its first publication, `archived` once withdrawn. */
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export const VERSION_STATUSES = ['draft', 'submitted', 'rejected', 'published'] as const;
/** Of one version: written by its authors, submitted for review, rejected with a comment, or published (immutable). */
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const VERSION_STATUS_LABELS: Record<VersionStatus, string> = {
  draft: 'Brouillon',
  submitted: 'En relecture',
  rejected: 'À reprendre',
  published: 'Publiée',
};

export const LESSON_KINDS = ['text', 'video', 'quiz'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];
export const LESSON_KIND_LABELS: Record<LessonKind, string> = { text: 'Texte', video: 'Vidéo', quiz: 'Quiz' };

export const QUESTION_KINDS = ['single', 'multiple', 'true_false'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  single: 'Choix unique',
  multiple: 'Choix multiple',
  true_false: 'Vrai ou faux',
};

/** Percentage of correct answers needed to pass a quiz unless its author sets another. */
export const DEFAULT_PASS_MARK = 70;

/** Company sizes a turnkey solution suits (the company audiences of the plan). */
export const COMPANY_SIZES = ['tpe', 'pme', 'eti', 'grand_groupe'] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

export const PRICE_RANGES = {
  gratuit: 'Gratuit',
  moins_50: 'Moins de 50 € par mois',
  de_50_a_200: 'De 50 à 200 € par mois',
  de_200_a_1000: 'De 200 à 1 000 € par mois',
  plus_1000: 'Plus de 1 000 € par mois',
  sur_devis: 'Sur devis',
} as const;
export type PriceRange = keyof typeof PRICE_RANGES;
export const PRICE_RANGE_CODES = Object.keys(PRICE_RANGES) as PriceRange[];

/** Duration buckets of the catalogue facet; `min` and `max` are inclusive minutes (`max` null: no bound). */
export const DURATION_BUCKETS = [
  { value: 'moins_30min', label: 'Moins de 30 min', min: 1, max: 29 },
  { value: '30min_1h', label: '30 min à 1 h', min: 30, max: 59 },
  { value: '1h_2h', label: '1 h à 2 h', min: 60, max: 119 },
  { value: '2h_4h', label: '2 h à 4 h', min: 120, max: 239 },
  { value: 'plus_4h', label: '4 h et plus', min: 240, max: null },
] as const;
export type DurationBucket = (typeof DURATION_BUCKETS)[number]['value'];

/**
 * Query of `GET /api/courses`. Each list filter keeps courses having any of its values (repeat the
 * parameter, `audience=tpe&audience=pme`, or separate by commas); filters combine with AND.
 */
export interface CourseSearchQuery extends CourseListQuery {
  /** Free text, French full-text search (accents and plurals ignored, synonyms applied). */
  q?: string;
  audience?: Audience[];
  level?: CourseLevel[];
  kind?: CourseKind[];
  sector?: NafSection[];
  useCase?: UseCase[];
  /** Inclusive bounds on `durationMinutes`. */
  durationMin?: number;
  durationMax?: number;
}

export interface FacetCount<T extends string> {
  value: T;
  count: number;
}

export interface DurationFacetCount extends FacetCount<DurationBucket> {
  min: number;
  max: number | null;
}

/**
 * Counts per value of each filter, over the courses matching the text and every *other* filter (so
 * that choosing a level still shows how many courses the other levels hold). Values with no course are
 * omitted, except duration buckets, which are always all listed.
 */
export interface CourseFacets {
  audience: FacetCount<Audience>[];
  level: FacetCount<CourseLevel>[];
  kind: FacetCount<CourseKind>[];
  sector: FacetCount<NafSection>[];
  useCase: FacetCount<UseCase>[];
  duration: DurationFacetCount[];
}

/** Answer of `GET /api/courses`: a page of results, most relevant first when searching, newest first otherwise. */
export interface CourseSearchResponse extends CourseListResponse {
  /** How many published courses match the text and all filters. */
  total: number;
  facets: CourseFacets;
}

export interface LessonOutline {
  id: string;
  position: number;
  kind: LessonKind;
  title: string;
  durationMinutes: number;
  required: boolean;
}

export interface ModuleOutline {
  id: string;
  position: number;
  title: string;
  lessons: LessonOutline[];
}

/**
 * One published version of a course with its syllabus (never any quiz answer): `GET /api/courses/:slug`
 * gives the latest, `GET /api/courses/:slug/versions/:versionId` any published one.
 */
export interface CourseVersionDetail extends CourseSummary {
  versionId: string;
  versionNumber: number;
  /** True when this is the version the catalogue shows today. */
  latest: boolean;
  /** Authors' names as they chose to be credited; an erased author is no longer named. */
  authors: string[];
  modules: ModuleOutline[];
  /** Turnkey solutions for the course's use cases. */
  solutions: SolutionSummary[];
}

export interface LearnerTextContent {
  /** Rendered from the author's Markdown and sanitized: no script, no event attribute, only http(s)/mailto links. */
  html: string;
}

export interface LearnerVideoContent {
  url: string;
  /** WebVTT captions (play them through a `<track>` with a blob URL), or null when a transcript is given. */
  captionsVtt: string | null;
  transcript: string | null;
  /** Length in seconds when the author gave it, else null (the lesson's `durationMinutes` stands for it). */
  durationSeconds: number | null;
}

export interface LearnerQuizOption {
  id: string;
  text: string;
}

export interface LearnerQuizQuestion {
  id: string;
  kind: QuestionKind;
  prompt: string;
  options: LearnerQuizOption[];
}

/** A quiz as learners see it: no correct flag, no explanation (revealed only by grading). */
export interface LearnerQuizContent {
  passMark: number;
  /** Attempts allowed per learner; null for no limit. */
  maxAttempts: number | null;
  /** Wait between two attempts, in seconds (0: none). */
  cooldownSeconds: number;
  questions: LearnerQuizQuestion[];
}

interface LessonViewBase extends LessonOutline {
  courseId: string;
  versionId: string;
  moduleId: string;
}

/** Answer of `GET /api/courses/:slug/versions/:versionId/lessons/:lessonId`. */
export type LessonView =
  | (LessonViewBase & { kind: 'text'; text: LearnerTextContent })
  | (LessonViewBase & { kind: 'video'; video: LearnerVideoContent })
  | (LessonViewBase & { kind: 'quiz'; quiz: LearnerQuizContent });

// --- Studio (authors, role trainer) ----------------------------------------------------------------------

export interface CourseMetadataInput {
  kind: CourseKind;
  title: string;
  summary: string;
  level: CourseLevel;
  durationMinutes: number;
  audiences: Audience[];
  sectors: NafSection[];
  useCases: UseCase[];
  /** BCP 47 language tag, `fr` by default. */
  language?: string;
  countsTowardGoal?: boolean;
}

/** Body of `POST /api/studio/courses`. */
export interface CreateCourseRequest extends CourseMetadataInput {
  /** Lower-case letters, digits and hyphens; unique; never changes. */
  slug: string;
  /** How the creator is credited on the course page (usually first and last name). Personal data: erased with the account. */
  authorName: string;
}

/** Body of `PATCH /api/studio/courses/:courseId/draft`: any subset of the metadata. */
export type UpdateDraftRequest = Partial<CourseMetadataInput>;

export interface ModuleInput {
  title: string;
}

export interface TextLessonInput {
  markdown: string;
}

export interface VideoLessonInput {
  /** https only. */
  url: string;
  /** WebVTT text starting with `WEBVTT`. A video needs captions or a transcript, or both. */
  captionsVtt?: string | null;
  transcript?: string | null;
  /**
   * Length of the video in seconds (1 to 86,400). The learning context counts the video as watched once the learner
   * reached VIDEO_COMPLETION_RATIO of it; without it, the lesson's `durationMinutes` stands for the length.
   */
  durationSeconds?: number | null;
}

export interface QuizOptionInput {
  /** Kept when given (letters, digits, `-`, `_`), generated otherwise. */
  id?: string;
  text: string;
  correct: boolean;
  /** Shown to the learner after grading: why this option is right or wrong. */
  explanation: string;
}

export interface QuizQuestionInput {
  id?: string;
  kind: QuestionKind;
  prompt: string;
  /** single: 2 to 8 options, exactly one correct; multiple: at least one correct; true_false: exactly 2 options, one correct. */
  options: QuizOptionInput[];
}

export interface QuizLessonInput {
  /** Percentage, 70 by default. */
  passMark?: number;
  /** Attempts a learner may make (1 to 100); null or absent for no limit. */
  maxAttempts?: number | null;
  /** Seconds a learner waits between two attempts (0 to 604,800, one week); 0 or absent for none. */
  cooldownSeconds?: number;
  questions: QuizQuestionInput[];
}

/** Body of `POST .../draft/modules/:moduleId/lessons` and `PUT .../draft/lessons/:lessonId`: the field named by `kind` is required. */
export interface LessonInput {
  kind: LessonKind;
  title: string;
  durationMinutes: number;
  /** Whether completing the course requires this lesson (true by default). */
  required?: boolean;
  text?: TextLessonInput;
  video?: VideoLessonInput;
  quiz?: QuizLessonInput;
}

export interface AuthorQuizOption extends LearnerQuizOption {
  correct: boolean;
  explanation: string;
}

export interface AuthorQuizQuestion extends Omit<LearnerQuizQuestion, 'options'> {
  options: AuthorQuizOption[];
}

/** A lesson as its authors and reviewers see it, answers included. */
export interface AuthorLesson extends LessonOutline {
  moduleId: string;
  /** The lesson of the previous version this one was copied from, if any. */
  originLessonId: string | null;
  text?: { markdown: string; html: string };
  video?: { url: string; captionsVtt: string | null; transcript: string | null; durationSeconds?: number | null };
  quiz?: { passMark: number; maxAttempts?: number | null; cooldownSeconds?: number; questions: AuthorQuizQuestion[] };
}

export interface AuthorModule {
  id: string;
  position: number;
  title: string;
  lessons: AuthorLesson[];
}

export interface AuthorVersion extends Required<CourseMetadataInput> {
  id: string;
  courseId: string;
  number: number;
  status: VersionStatus;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  modules: AuthorModule[];
}

export interface ReviewDecision {
  id: string;
  versionId: string;
  versionNumber: number;
  decision: 'approved' | 'rejected';
  comment: string | null;
  decidedAt: string;
}

export interface VersionRef {
  id: string;
  number: number;
  status: VersionStatus;
  publishedAt: string | null;
}

/** Answer of `GET /api/studio/courses/:courseId` and of the studio's writes. */
export interface StudioCourse {
  id: string;
  slug: string;
  status: CourseStatus;
  authors: { userId: string; name: string | null }[];
  /** The version being written, submitted or rejected; null when every version is published. */
  draft: AuthorVersion | null;
  versions: VersionRef[];
  reviews: ReviewDecision[];
}

export interface StudioCourseSummary {
  id: string;
  slug: string;
  title: string;
  status: CourseStatus;
  draft: VersionRef | null;
  latestPublished: VersionRef | null;
}

/** Body of `PUT /api/studio/courses/:courseId/draft/order`: every module of the draft, every lesson once. */
export interface ReorderRequest {
  modules: { id: string; lessonIds: string[] }[];
}

export interface MarkdownPreviewRequest {
  markdown: string;
}

export interface MarkdownPreviewResponse {
  html: string;
}

// --- Review (role reviewer) ------------------------------------------------------------------------------

export interface ReviewQueueItem {
  versionId: string;
  courseId: string;
  slug: string;
  title: string;
  number: number;
  submittedAt: string;
}

export interface ReviewQueueResponse {
  items: ReviewQueueItem[];
  nextCursor: string | null;
}

/** Body of `POST /api/review/versions/:versionId/reject`. */
export interface RejectRequest {
  comment: string;
}

// --- Turnkey solutions -----------------------------------------------------------------------------------

export interface SolutionInput {
  name: string;
  provider: string;
  description: string;
  useCases: UseCase[];
  /** Empty: every sector. */
  sectors: NafSection[];
  companySizes: CompanySize[];
  priceRange: PriceRange;
  /** https only. */
  url: string;
  /** A commercial offer of a private company (shown with a notice), as opposed to a public service. */
  privateOffer: boolean;
}

export interface SolutionSummary extends SolutionInput {
  id: string;
}

export interface SolutionListQuery {
  useCase?: UseCase;
  companySize?: CompanySize;
  limit?: number;
  cursor?: string;
}

export interface SolutionListResponse {
  items: SolutionSummary[];
  nextCursor: string | null;
}

// --- Search synonyms (role admin) ------------------------------------------------------------------------

/** Expressions searched as one: `["IA", "intelligence artificielle"]`. Stored lower-case without accents. */
export interface SearchSynonymGroup {
  id: string;
  terms: string[];
}

export interface SearchSynonymInput {
  terms: string[];
}
