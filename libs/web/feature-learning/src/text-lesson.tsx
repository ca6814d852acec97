import type { LearnerTextContent } from '@academie/contracts';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';

export interface TextLessonProps {
  text: LearnerTextContent;
  completed: boolean;
  /** Marks the lesson read and moves on (to the next lesson, or the end of the course). */
  onComplete: () => void;
  hasNext: boolean;
}

/** A text lesson: the author's Markdown as the server rendered and sanitized it, then « J'ai terminé ». */
export function TextLesson({ text, completed, onComplete, hasNext }: TextLessonProps) {
  return (
    <>
      {/* Sanitized by the API (no script, no event attribute, no style, http(s)/mailto links only). */}
      <div className={fr.cx('fr-mb-4w')} dangerouslySetInnerHTML={{ __html: text.html }} />
      {completed ? (
        <p className={fr.cx('fr-mb-3w')}>
          <span className={fr.cx('fr-icon-checkbox-circle-fill', 'fr-icon--sm', 'fr-mr-1w')} aria-hidden="true" style={{ color: fr.colors.decisions.text.default.success.default }} />
          Leçon terminée.
        </p>
      ) : (
        <Button className={fr.cx('fr-mb-3w')} iconId="fr-icon-check-line" onClick={onComplete}>
          {hasNext ? 'J’ai terminé, leçon suivante' : 'J’ai terminé cette leçon'}
        </Button>
      )}
    </>
  );
}
