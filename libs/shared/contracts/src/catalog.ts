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
