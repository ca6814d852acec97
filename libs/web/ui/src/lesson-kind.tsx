import { LESSON_KIND_LABELS, type LessonKind } from '@academie/contracts';
import { fr, type FrIconClassName } from '@codegouvfr/react-dsfr';

/** The DSFR icon of each kind of lesson (decorative: the kind is also written). */
export const LESSON_KIND_ICONS: Record<LessonKind, FrIconClassName> = {
  text: 'fr-icon-file-text-line',
  video: 'fr-icon-play-circle-line',
  quiz: 'fr-icon-questionnaire-line',
};

/** The icon and the name of a kind of lesson: « ▶ Vidéo ». */
export function LessonKindLabel({ kind }: { kind: LessonKind }) {
  return (
    <span className={fr.cx('fr-text--sm', 'fr-mb-0')}>
      <span className={fr.cx(LESSON_KIND_ICONS[kind], 'fr-icon--sm', 'fr-mr-1v')} aria-hidden="true" />
      {LESSON_KIND_LABELS[kind]}
    </span>
  );
}
