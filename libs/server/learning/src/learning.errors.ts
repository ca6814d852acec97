import { defineErrors } from '@academie/server-core';

/** Every error code of the learning context and its HTTP status. */
export const LearningError = defineErrors({
  InvalidEvents: { status: 400, message: 'Événements de progression invalides.' },
  InvalidAnswers: { status: 400, message: 'Réponses invalides.' },
  InvalidXapiQuery: { status: 400, message: 'Requête xAPI invalide.' },
  UnsupportedXapiVersion: { status: 400, message: 'Version xAPI non prise en charge : envoyez X-Experience-API-Version: 2.0.0.' },
  NotEnrolled: { status: 403, message: 'Vous n’êtes pas inscrit à ce cours.' },
  CourseNotFound: { status: 404, message: 'Cours introuvable.' },
  EnrollmentNotFound: { status: 404, message: 'Inscription introuvable.' },
  QuizNotFound: { status: 404, message: 'Quiz introuvable.' },
  StatementNotFound: { status: 404, message: 'Déclaration introuvable.' },
  NoAttemptLeft: { status: 409, message: 'Vous avez utilisé toutes les tentatives de ce quiz.' },
  QuizCoolingDown: { status: 429, message: 'Patientez avant une nouvelle tentative de ce quiz.' },
});

/** PostgreSQL errors a retry of an idempotent write resolves: deadlock, serialization failure. */
export function isRetryableConflict(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.code ?? e?.driverError?.code;
  return code === '40P01' || code === '40001';
}
