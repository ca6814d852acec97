import { QUESTION_KIND_LABELS, QUESTION_KINDS, type QuestionKind } from '@academie/contracts';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { FieldErrors } from './api-errors';
import { TextField } from './fields';
import {
  emptyOption,
  emptyQuestion,
  lessonFieldId,
  MAX_OPTIONS,
  withCorrect,
  withQuestionKind,
  type LessonFormValues,
  type QuestionValues,
} from './lesson-form';

const CORRECT_HINT: Record<QuestionKind, string> = {
  single: 'Une seule réponse est juste : cochez-la.',
  multiple: 'Cochez toutes les réponses justes (au moins une).',
  true_false: 'Cochez la réponse juste : vrai ou faux.',
};

export interface QuizFieldsProps {
  values: LessonFormValues;
  errors: FieldErrors;
  onChange: (update: (values: LessonFormValues) => LessonFormValues) => void;
  focus: (id: string) => void;
}

/** The questions of a quiz: kind, prompt, options with the right ones marked and an explanation for each. */
export function QuizFields({ values, errors, onChange, focus }: QuizFieldsProps) {
  const setQuestion = (index: number, question: QuestionValues) =>
    onChange((previous) => ({ ...previous, questions: previous.questions.map((candidate, i) => (i === index ? question : candidate)) }));

  function moveQuestion(index: number, offset: -1 | 1) {
    const target = index + offset;
    onChange((previous) => {
      const questions = [...previous.questions];
      [questions[index], questions[target]] = [questions[target], questions[index]];
      return { ...previous, questions };
    });
    // Stay on the button pressed, or on the other one once the question reached an end.
    const atEnd = target === 0 || target === values.questions.length - 1;
    const direction = atEnd ? (offset === -1 ? 'descendre' : 'monter') : offset === -1 ? 'monter' : 'descendre';
    focus(`question-${values.questions[index].key}-${direction}`);
  }

  return (
    <div className={fr.cx('fr-mt-4w')}>
      <h2 className={fr.cx('fr-h4')}>Quiz</h2>
      <TextField
        id={lessonFieldId('quiz.passMark')}
        label="Seuil de réussite, en pourcentage de bonnes réponses"
        hint="70 % par défaut. L'apprenant réussit le quiz à partir de ce score."
        inputMode="numeric"
        maxLength={3}
        value={values.passMark}
        error={errors['quiz.passMark']}
        onChange={(passMark) => onChange((previous) => ({ ...previous, passMark }))}
      />
      <h3 id={lessonFieldId('quiz.questions')} tabIndex={-1} className={fr.cx('fr-h5')}>
        {`Questions (${values.questions.length})`}
      </h3>
      {errors['quiz.questions'] !== undefined && (
        <p className={fr.cx('fr-message', 'fr-message--error')}>{errors['quiz.questions']}</p>
      )}
      <ol className={fr.cx('fr-raw-list')}>
        {values.questions.map((question, q) => (
          <li key={question.key} className={fr.cx('fr-mb-4w')}>
            <QuestionFields
              question={question}
              index={q}
              count={values.questions.length}
              errors={errors}
              onChange={(next) => setQuestion(q, next)}
              onMove={(offset) => moveQuestion(q, offset)}
              onRemove={() => {
                onChange((previous) => ({ ...previous, questions: previous.questions.filter((_, i) => i !== q) }));
                focus(lessonFieldId('quiz.questions'));
              }}
              focus={focus}
            />
          </li>
        ))}
      </ol>
      <Button
        type="button"
        priority="secondary"
        iconId="fr-icon-add-line"
        onClick={() => {
          const question = emptyQuestion();
          onChange((previous) => ({ ...previous, questions: [...previous.questions, question] }));
          focus(`question-${question.key}-type`);
        }}
      >
        Ajouter une question
      </Button>
    </div>
  );
}

function QuestionFields({
  question,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
  focus,
}: {
  question: QuestionValues;
  index: number;
  count: number;
  errors: FieldErrors;
  onChange: (question: QuestionValues) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
  focus: (id: string) => void;
}) {
  const path = `quiz.questions.${index}`;
  const number = index + 1;
  const legendId = `question-${question.key}-legende`;
  const optionsError = errors[`${path}.options`];
  const exclusive = question.kind !== 'multiple';

  return (
    <fieldset
      className={fr.cx('fr-p-3w')}
      style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}
      aria-labelledby={legendId}
    >
      <legend id={legendId} className={fr.cx('fr-h6', 'fr-mb-0', 'fr-px-1w')}>
        {`Question ${number}`}
      </legend>
      <Select
        label="Type de question"
        nativeSelectProps={{
          id: `question-${question.key}-type`,
          value: question.kind,
          onChange: (event) => onChange(withQuestionKind(question, event.target.value as QuestionKind)),
        }}
      >
        {QUESTION_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {QUESTION_KIND_LABELS[kind]}
          </option>
        ))}
      </Select>
      <TextField
        id={lessonFieldId(`${path}.prompt`)}
        label={`Énoncé de la question ${number}`}
        rows={2}
        maxLength={1000}
        value={question.prompt}
        error={errors[`${path}.prompt`]}
        onChange={(prompt) => onChange({ ...question, prompt })}
      />

      <fieldset
        id={lessonFieldId(`${path}.options`)}
        tabIndex={-1}
        className={fr.cx('fr-fieldset', optionsError === undefined ? undefined : 'fr-fieldset--error')}
        aria-labelledby={`question-${question.key}-reponses`}
        aria-describedby={optionsError === undefined ? undefined : `question-${question.key}-reponses-erreur`}
        style={{ border: 0, padding: 0, margin: 0 }}
      >
        <legend id={`question-${question.key}-reponses`} className={fr.cx('fr-fieldset__legend', 'fr-text--regular')}>
          {`Réponses proposées à la question ${number}`}
          <span className={fr.cx('fr-hint-text')}>{CORRECT_HINT[question.kind]} Chaque réponse a une explication, montrée à l'apprenant après sa réponse.</span>
        </legend>
        {question.options.map((option, o) => {
          const correctId = `question-${question.key}-reponse-${option.key}-juste`;
          return (
            <div
              key={option.key}
              className={fr.cx('fr-fieldset__element', 'fr-p-2w', 'fr-mb-2w')}
              style={{ backgroundColor: fr.colors.decisions.background.alt.grey.default }}
            >
              <p className={fr.cx('fr-text--bold', 'fr-mb-1w')}>{`Réponse ${o + 1}`}</p>
              <TextField
                id={lessonFieldId(`${path}.options.${o}.text`)}
                label={`Texte de la réponse ${o + 1}`}
                maxLength={500}
                value={option.text}
                error={errors[`${path}.options.${o}.text`]}
                onChange={(text) => onChange({ ...question, options: question.options.map((candidate, i) => (i === o ? { ...candidate, text } : candidate)) })}
              />
              <div className={fr.cx(exclusive ? 'fr-radio-group' : 'fr-checkbox-group', 'fr-mb-2w')}>
                <input
                  type={exclusive ? 'radio' : 'checkbox'}
                  id={correctId}
                  name={exclusive ? `question-${question.key}-juste` : undefined}
                  checked={option.correct}
                  onChange={(event) => onChange(withCorrect(question, o, event.target.checked))}
                />
                <label className={fr.cx('fr-label')} htmlFor={correctId}>
                  {`La réponse ${o + 1} est juste`}
                </label>
              </div>
              <TextField
                id={lessonFieldId(`${path}.options.${o}.explanation`)}
                label={`Explication de la réponse ${o + 1}`}
                hint={option.correct ? 'Pourquoi cette réponse est juste.' : 'Pourquoi cette réponse est fausse.'}
                rows={2}
                maxLength={2000}
                value={option.explanation}
                error={errors[`${path}.options.${o}.explanation`]}
                onChange={(explanation) =>
                  onChange({ ...question, options: question.options.map((candidate, i) => (i === o ? { ...candidate, explanation } : candidate)) })
                }
              />
              {question.kind !== 'true_false' && question.options.length > 2 && (
                <Button
        type="button"
                  priority="tertiary"
                  size="small"
                  iconId="fr-icon-delete-line"
                  onClick={() => {
                    onChange({ ...question, options: question.options.filter((_, i) => i !== o) });
                    focus(lessonFieldId(`${path}.options`));
                  }}
                >
                  {`Retirer la réponse ${o + 1}`}
                </Button>
              )}
            </div>
          );
        })}
        {optionsError !== undefined && (
          <div className={fr.cx('fr-messages-group')} id={`question-${question.key}-reponses-erreur`} aria-live="polite">
            <p className={fr.cx('fr-message', 'fr-message--error')}>{optionsError}</p>
          </div>
        )}
      </fieldset>

      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm', 'fr-btns-group--icon-left', 'fr-mt-2w')}>
        {question.kind !== 'true_false' && question.options.length < MAX_OPTIONS && (
          <li>
            <Button
        type="button"
              priority="secondary"
              iconId="fr-icon-add-line"
              onClick={() => {
                const option = emptyOption();
                onChange({ ...question, options: [...question.options, option] });
                focus(lessonFieldId(`${path}.options.${question.options.length}.text`));
              }}
            >
              {`Ajouter une réponse à la question ${number}`}
            </Button>
          </li>
        )}
        <li>
          <Button
        type="button"
            priority="tertiary"
            iconId="fr-icon-arrow-up-line"
            disabled={index === 0}
            nativeButtonProps={{ id: `question-${question.key}-monter`, 'aria-label': `Monter la question ${number}` }}
            onClick={() => onMove(-1)}
          >
            Monter
          </Button>
        </li>
        <li>
          <Button
        type="button"
            priority="tertiary"
            iconId="fr-icon-arrow-down-line"
            disabled={index === count - 1}
            nativeButtonProps={{ id: `question-${question.key}-descendre`, 'aria-label': `Descendre la question ${number}` }}
            onClick={() => onMove(1)}
          >
            Descendre
          </Button>
        </li>
        {count > 1 && (
          <li>
            <Button type="button" priority="tertiary" iconId="fr-icon-delete-line" onClick={onRemove}>
              {`Supprimer la question ${number}`}
            </Button>
          </li>
        )}
      </ul>
    </fieldset>
  );
}
