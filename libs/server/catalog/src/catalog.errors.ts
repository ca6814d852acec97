import { defineErrors } from '@academie/server-core';

/** Every error code of the catalogue context and its HTTP status. */
export const CatalogError = defineErrors({
  InvalidCursor: { status: 400, message: 'Curseur de pagination invalide.' },
  InvalidLesson: { status: 400, message: 'Leçon invalide.' },
  InvalidSynonyms: { status: 400, message: 'Groupe de synonymes invalide.' },
  InvalidOrder: { status: 400, message: 'Ordre invalide : donnez chaque module et chaque leçon du brouillon une fois.' },
  IncompleteVersion: { status: 400, message: 'Cette version ne peut pas encore être soumise.' },
  NotAuthor: { status: 403, message: 'Seuls les auteurs de ce cours peuvent le modifier.' },
  OwnCourse: { status: 403, message: 'Un relecteur ne peut pas relire un cours dont il est l’auteur.' },
  CourseNotFound: { status: 404, message: 'Cours introuvable.' },
  VersionNotFound: { status: 404, message: 'Version introuvable.' },
  ModuleNotFound: { status: 404, message: 'Module introuvable.' },
  LessonNotFound: { status: 404, message: 'Leçon introuvable.' },
  SolutionNotFound: { status: 404, message: 'Solution introuvable.' },
  SynonymNotFound: { status: 404, message: 'Groupe de synonymes introuvable.' },
  SlugTaken: { status: 409, message: 'Cette adresse de cours est déjà prise.' },
  NoDraft: { status: 409, message: 'Aucune version en cours d’écriture : ouvrez d’abord un brouillon.' },
  DraftLocked: { status: 409, message: 'Cette version est en relecture : elle ne peut plus être modifiée.' },
  NotSubmitted: { status: 409, message: 'Cette version n’est pas soumise à relecture.' },
  AlreadyArchived: { status: 409, message: 'Ce cours est déjà archivé.' },
  VersionImmutable: { status: 409, message: 'Une version publiée ne change plus.' },
  SolutionExists: { status: 409, message: 'Ce fournisseur a déjà une solution de ce nom.' },
  SynonymExists: { status: 409, message: 'Ce groupe de synonymes existe déjà.' },
});

/** The PostgreSQL error of a named constraint, if that is what the error is. */
export function violatedConstraint(error: unknown): string | undefined {
  const e = error as { constraint?: unknown; driverError?: { constraint?: unknown } } | null;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return typeof name === 'string' ? name : undefined;
}
