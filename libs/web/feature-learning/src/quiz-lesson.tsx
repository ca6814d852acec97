import type { LearnerQuizContent, LearnerQuizQuestion, QuizAttemptResponse, QuizProgressView } from '@academie/contracts';
import { ApiError, submitQuizAttempt } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { plural } from './format';
import { attemptRequest, attemptsLeftText, chooseOption, cooldownText, type QuizAnswers, secondsUntil, unanswered } from './quiz-model';

export interface QuizLessonProps {
  lessonId: string;
  quiz: LearnerQuizContent;
  /** The learner's attempts so far, as the server knows them. */
  progress: QuizProgressView | null;
  onGraded: (response: QuizAttemptResponse) => void;
}

const KIND_HINTS: Record<LearnerQuizQuestion['kind'], string> = {
  single: 'Une seule réponse possible.',
  multiple: 'Plusieurs réponses possibles : cochez toutes les bonnes réponses.',
  true_false: 'Vrai ou faux ?',
};

/** Ticks every second while `active`: the count-down of a cool-down. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/**
 * A quiz: one fieldset per question, graded by the server. The result gives the score against the pass mark
 * and, for each question, right or wrong with the trainer's explanation of the options chosen; then the
 * attempts left and, after a failure, the wait before the next attempt.
 */
export function QuizLesson({ lessonId, quiz, progress, onGraded }: QuizLessonProps) {
  const [answers, setAnswers] = useState<QuizAnswers>({});
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [result, setResult] = useState<QuizAttemptResponse | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [attemptsLeft, setAttemptsLeft] = useState<number | null>(progress?.attemptsLeft ?? quiz.maxAttempts);
  const [waitUntil, setWaitUntil] = useState<number | null>(progress?.nextAttemptAt ? Date.parse(progress.nextAttemptAt) : null);
  const now = useNow(waitUntil !== null && waitUntil > Date.now());
  const wait = secondsUntil(waitUntil, now);
  const focusTarget = useRef<string | null>(null);

  useEffect(() => {
    if (focusTarget.current === null) return;
    const element = document.getElementById(focusTarget.current);
    focusTarget.current = null;
    element?.focus();
    element?.scrollIntoView({ block: 'start' });
  });

  const [practice, setPractice] = useState(false);
  const noAttemptLeft = attemptsLeft !== null && attemptsLeft <= 0;
  const passedBefore = progress?.passed ?? false;

  const submit = () => {
    const left = unanswered(quiz, answers);
    if (left.length > 0) {
      setMissing(new Set(left.map((question) => question.id)));
      focusTarget.current = `${lessonId}-${left[0]?.id}-0`;
      return;
    }
    setMissing(new Set());
    setSubmitting(true);
    setFailure(null);
    submitQuizAttempt(lessonId, attemptRequest(quiz, answers)).then(
      (response) => {
        setSubmitting(false);
        setResult(response);
        setAttemptsLeft(response.attemptsLeft);
        setWaitUntil(response.nextAttemptAt === null ? null : Date.parse(response.nextAttemptAt));
        focusTarget.current = 'quiz-resultat';
        onGraded(response);
      },
      (error: unknown) => {
        setSubmitting(false);
        if (error instanceof ApiError && error.status === 429) {
          setWaitUntil(Date.now() + (error.retryAfterSeconds ?? quiz.cooldownSeconds) * 1000);
          setFailure('Il faut attendre encore un peu avant une nouvelle tentative.');
        } else if (error instanceof ApiError && error.status === 409) {
          setAttemptsLeft(0);
          setFailure('Vous avez utilisé toutes les tentatives de ce quiz.');
        } else if (error instanceof ApiError && error.status === 0) {
          setFailure('Connexion perdue : vos réponses n’ont pas été envoyées. Vérifiez votre connexion puis validez à nouveau.');
        } else {
          setFailure('Vos réponses n’ont pas pu être corrigées. Réessayez dans quelques instants.');
        }
        focusTarget.current = 'quiz-erreur';
      },
    );
  };

  const retry = () => {
    setResult(null);
    setAnswers({});
    setFailure(null);
    focusTarget.current = 'quiz-consignes';
  };

  return (
    <>
      <div id="quiz-consignes" tabIndex={-1} className={fr.cx('fr-mb-3w')}>
        <p className={fr.cx('fr-mb-1w')}>
          {`${plural(quiz.questions.length, 'question')}. Pour réussir, il faut au moins ${quiz.passMark} % de bonnes réponses.`}
        </p>
        {progress !== null && progress.attempts > 0 && result === null && (
          <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
            {passedBefore
              ? `Vous avez déjà réussi ce quiz (meilleur score : ${progress.bestScore ?? 0} %).`
              : `${plural(progress.attempts, 'tentative')} jusqu’ici${progress.bestScore === null ? '' : `, meilleur score : ${progress.bestScore} %`}.`}
          </p>
        )}
        {result === null && attemptsLeftText(attemptsLeft) !== null && <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>{attemptsLeftText(attemptsLeft)}</p>}
      </div>

      {failure !== null && (
        <div id="quiz-erreur" tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert severity="error" small description={failure} />
        </div>
      )}

      {result !== null ? (
        <QuizResult quiz={quiz} result={result} answers={answers} wait={wait} noAttemptLeft={noAttemptLeft} onRetry={retry} />
      ) : passedBefore && !practice ? (
        noAttemptLeft ? null : (
          <Button priority="secondary" iconId="fr-icon-refresh-line" onClick={() => setPractice(true)}>
            Refaire le quiz pour m’entraîner
          </Button>
        )
      ) : noAttemptLeft ? (
        <Alert severity="info" small description="Vous avez utilisé toutes les tentatives de ce quiz." />
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!submitting && wait === 0) submit();
          }}
        >
          {quiz.questions.map((question, index) => (
            <QuestionField
              key={question.id}
              lessonId={lessonId}
              index={index}
              question={question}
              chosen={answers[question.id] ?? []}
              error={missing.has(question.id) ? (question.kind === 'multiple' ? 'Cochez au moins une réponse.' : 'Choisissez une réponse.') : undefined}
              onChange={(optionId, checked) => {
                setAnswers((previous) => chooseOption(previous, question, optionId, checked));
                setMissing((previous) => {
                  if (!previous.has(question.id)) return previous;
                  const next = new Set(previous);
                  next.delete(question.id);
                  return next;
                });
              }}
            />
          ))}
          {wait > 0 && (
            <p className={fr.cx('fr-text--sm')}>
              {cooldownText(wait)}
            </p>
          )}
          <Button type="submit" disabled={submitting || wait > 0} iconId="fr-icon-check-line">
            {submitting ? 'Correction en cours…' : 'Valider mes réponses'}
          </Button>
        </form>
      )}
    </>
  );
}

interface QuestionFieldProps {
  lessonId: string;
  index: number;
  question: LearnerQuizQuestion;
  chosen: readonly string[];
  error?: string;
  disabled?: boolean;
  onChange?: (optionId: string, checked: boolean) => void;
}

function QuestionField({ lessonId, index, question, chosen, error, disabled = false, onChange }: QuestionFieldProps) {
  const common = {
    id: `${lessonId}-${question.id}`,
    legend: (
      <>
        <span className={fr.cx('fr-text--bold')}>{`Question ${index + 1}`}</span>
        <span className={fr.cx('fr-sr-only')}> : </span>
        <br />
        {question.prompt}
      </>
    ),
    hintText: KIND_HINTS[question.kind],
    state: error === undefined ? ('default' as const) : ('error' as const),
    stateRelatedMessage: error,
    disabled,
    options: question.options.map((option, optionIndex) => ({
      label: option.text,
      nativeInputProps: {
        id: `${lessonId}-${question.id}-${optionIndex}`,
        value: option.id,
        checked: chosen.includes(option.id),
        onChange: (event: ChangeEvent<HTMLInputElement>) => onChange?.(option.id, event.target.checked),
      },
    })),
  };
  return question.kind === 'multiple' ? <Checkbox {...common} /> : <RadioButtons {...common} name={`${lessonId}-${question.id}`} />;
}

interface QuizResultProps {
  quiz: LearnerQuizContent;
  result: QuizAttemptResponse;
  answers: QuizAnswers;
  wait: number;
  noAttemptLeft: boolean;
  onRetry: () => void;
}

function QuizResult({ quiz, result, answers, wait, noAttemptLeft, onRetry }: QuizResultProps) {
  const byQuestion = new Map(result.questions.map((question) => [question.questionId, question]));
  const left = attemptsLeftText(result.attemptsLeft);
  return (
    <section aria-labelledby="quiz-resultat">
      <h2 id="quiz-resultat" tabIndex={-1} className={fr.cx('fr-h4')}>
        {`Résultat de votre tentative n° ${result.attemptNumber}`}
      </h2>
      <Alert
        className={fr.cx('fr-mb-4w')}
        severity={result.passed ? 'success' : 'error'}
        as="h3"
        title={result.passed ? `Quiz réussi : ${result.score} %` : `Quiz non réussi : ${result.score} %`}
        description={
          <>
            <p className={fr.cx('fr-mb-1w')}>
              {`${result.correctCount} ${result.correctCount > 1 ? 'bonnes réponses' : 'bonne réponse'} sur ${result.questionCount}. Il fallait au moins ${result.passMark} %.`}
            </p>
            {!result.passed && left !== null && <p className={fr.cx('fr-mb-0')}>{left}</p>}
          </>
        }
      />

      <ol className={fr.cx('fr-raw-list')}>
        {quiz.questions.map((question, index) => {
          const graded = byQuestion.get(question.id);
          const chosen = answers[question.id] ?? [];
          return (
            <li key={question.id} className={fr.cx('fr-mb-4w')}>
              <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>
                {`Question ${index + 1} `}
                {graded?.correct ? (
                  <Badge small severity="success">
                    Bonne réponse
                  </Badge>
                ) : (
                  <Badge small severity="error">
                    Réponse incorrecte
                  </Badge>
                )}
              </h3>
              <p className={fr.cx('fr-mb-1w')}>{question.prompt}</p>
              <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
                {`Votre réponse : ${question.options
                  .filter((option) => chosen.includes(option.id))
                  .map((option) => `« ${option.text} »`)
                  .join(', ')}`}
              </p>
              {(graded?.explanations ?? []).map((explanation) => {
                const option = question.options.find((candidate) => candidate.id === explanation.optionId);
                return (
                  <div
                    key={explanation.optionId}
                    className={fr.cx('fr-p-2w', 'fr-mb-1w')}
                    style={{ borderLeft: `4px solid ${graded?.correct ? fr.colors.decisions.border.plain.success.default : fr.colors.decisions.border.plain.error.default}`, backgroundColor: fr.colors.decisions.background.alt.grey.default }}
                  >
                    <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>
                      {option !== undefined && <span className={fr.cx('fr-text--bold')}>{`${option.text} : `}</span>}
                      {explanation.text}
                    </p>
                  </div>
                );
              })}
            </li>
          );
        })}
      </ol>

      {!result.passed && !noAttemptLeft && (
        <div className={fr.cx('fr-mb-3w')}>
          {wait > 0 && (
            <p className={fr.cx('fr-text--sm')}>
              {cooldownText(wait)}
            </p>
          )}
          <Button priority="secondary" iconId="fr-icon-refresh-line" disabled={wait > 0} onClick={onRetry}>
            Faire une nouvelle tentative
          </Button>
        </div>
      )}
    </section>
  );
}
