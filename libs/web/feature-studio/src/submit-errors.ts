import type { AuthorVersion, ErrorDetail } from '@academie/contracts';

/**
 * What a version still lacks before it can be submitted, in French, from the details of the API's 400
 * (`modules`, `modules.0.lessons`, `summary`, `audiences`).
 */
export function missingForSubmission(details: readonly ErrorDetail[], version: AuthorVersion | null): string[] {
  const messages: string[] = [];
  for (const detail of details) {
    const lessons = /^modules\.(\d+)\.lessons$/.exec(detail.field);
    if (lessons !== null) {
      const index = Number(lessons[1]);
      const title = version?.modules[index]?.title;
      messages.push(`Ajoutez au moins une leçon au module ${index + 1}${title === undefined ? '' : ` « ${title} »`}.`);
    } else if (detail.field === 'modules') {
      messages.push(detail.reason.includes('tutorial') ? 'Un tutoriel tient en un seul module : regroupez ses leçons dans un module.' : 'Ajoutez au moins un module.');
    } else if (detail.field === 'summary') {
      messages.push('Rédigez le résumé de la formation (informations générales).');
    } else if (detail.field === 'audiences') {
      messages.push('Choisissez au moins un public (informations générales).');
    } else {
      messages.push(`Complétez : ${detail.field}.`);
    }
  }
  return [...new Set(messages)];
}
