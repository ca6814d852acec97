import { VERSION_STATUS_LABELS, type AuthorVersion } from '@academie/contracts';
import { approveVersion, rejectVersion, toErrorBody, useReviewVersion } from '@academie/web-data-access';
import { FormAlert, formatDate, useFocusAfterRender, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { titleWithErrors, unexpectedErrorMessage } from './api-errors';
import { TextField } from './fields';
import { RequireRole } from './require-role';
import { STATUS_SEVERITY } from './studio-home-page';
import { VersionContent } from './version-content';

const ALERT_ID = 'relecture-alerte';
const COMMENT_ID = 'relecture-commentaire';
/** The first radio button of the decision (react-dsfr names them `<group id>-<index>`). */
const DECISION_ID = 'relecture-decision-0';
export const COMMENT_MIN = 3;
export const COMMENT_MAX = 5000;

/** /relecture/:versionId: a submitted version in full (answers included), and the reviewer's decision. */
export function ReviewVersionPage() {
  const { versionId = '' } = useParams();
  return <RequireRole role="reviewer">{() => <ReviewVersion key={versionId} versionId={versionId} />}</RequireRole>;
}

function ReviewVersion({ versionId }: { versionId: string }) {
  const { data: version, error, loading } = useReviewVersion(versionId);
  usePageTitle(version === undefined ? (loading ? 'Chargement de la formation' : 'Relecture') : `Relecture : ${version.title}`);

  if (loading) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <p role="status">Chargement de la formation…</p>
      </div>
    );
  }
  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb
        currentPageLabel={version?.title ?? 'Formation'}
        homeLinkProps={{ to: '/' }}
        segments={[{ label: 'Relecture', linkProps: { to: '/relecture' } }]}
      />
      {version === undefined ? (
        <>
          <h1>{error?.statusCode === 403 ? 'Relecture impossible' : 'Formation introuvable'}</h1>
          <p className={fr.cx('fr-text--lead')}>
            {error?.statusCode === 403
              ? 'Vous êtes auteur de cette formation : un autre relecteur doit la relire.'
              : error === undefined || error.statusCode === 404 || error.statusCode === 400
                ? "Cette version n'existe pas."
                : unexpectedErrorMessage(error)}
          </p>
          <Button linkProps={{ to: '/relecture' }}>Revenir à la liste</Button>
        </>
      ) : (
        <>
          <p className={fr.cx('fr-mb-1w')}>
            <Badge small noIcon severity={STATUS_SEVERITY[version.status]}>
              {`Version ${version.number} · ${VERSION_STATUS_LABELS[version.status]}`}
            </Badge>
            {version.submittedAt !== null && <span className={fr.cx('fr-text--sm', 'fr-ml-1w')}>{`Soumise le ${formatDate(version.submittedAt)}`}</span>}
          </p>
          <h1>{version.title}</h1>
          <VersionContent version={version} />
          <section aria-labelledby="relecture-decision-titre" className={fr.cx('fr-mt-6w')}>
            <h2 id="relecture-decision-titre">Votre décision</h2>
            {version.status === 'submitted' ? (
              <DecisionForm version={version} />
            ) : (
              <p>{`Cette version n'est plus en relecture : elle est ${VERSION_STATUS_LABELS[version.status].toLowerCase()}.`}</p>
            )}
          </section>
        </>
      )}
    </div>
  );
}

type Decision = 'approve' | 'reject';

function DecisionForm({ version }: { version: AuthorVersion }) {
  const navigate = useNavigate();
  const focus = useFocusAfterRender();
  const [decision, setDecision] = useState<Decision | undefined>(undefined);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<{ decision?: string; comment?: string }>({});
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [sending, setSending] = useState(false);
  usePageTitle(titleWithErrors(`Relecture : ${version.title}`, errors.decision !== undefined || errors.comment !== undefined || failure !== undefined));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    setFailure(undefined);
    if (decision === undefined) {
      setErrors({ decision: 'Choisissez de publier la formation ou de demander des modifications.' });
      focus(DECISION_ID);
      return;
    }
    if (decision === 'reject' && comment.trim().length < COMMENT_MIN) {
      setErrors({ comment: 'Expliquez aux auteurs ce qu’ils doivent modifier (3 caractères au moins).' });
      focus(COMMENT_ID);
      return;
    }
    setErrors({});
    setSending(true);
    try {
      if (decision === 'approve') {
        await approveVersion(version.id);
        navigate('/relecture', { state: { flash: `La formation « ${version.title} » est publiée dans le catalogue.` } });
      } else {
        await rejectVersion(version.id, comment.trim());
        navigate('/relecture', { state: { flash: `La formation « ${version.title} » est renvoyée à ses auteurs avec vos remarques.` } });
      }
    } catch (reason) {
      const body = toErrorBody(reason);
      if (body.statusCode === 400 && body.details.some((detail) => detail.field === 'comment')) {
        setErrors({ comment: `Vos remarques doivent faire de ${COMMENT_MIN} à ${COMMENT_MAX} caractères.` });
        focus(COMMENT_ID);
      } else {
        setFailure(body.statusCode === 409 ? 'Cette version a déjà été relue, ou ses auteurs l’ont retirée de la relecture.' : unexpectedErrorMessage(body));
        focus(ALERT_ID);
      }
      setSending(false);
    }
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="relecture-decision-titre">
      {failure !== undefined && <FormAlert id={ALERT_ID} as="h3" severity="error" title="La décision n'a pas pu être enregistrée" description={failure} />}
      <RadioButtons
        id="relecture-decision"
        name="decision"
        legend="Décision"
        state={errors.decision === undefined ? 'default' : 'error'}
        stateRelatedMessage={errors.decision}
        options={[
          {
            label: 'Publier la formation',
            hintText: 'Elle apparaîtra dans le catalogue. Une version publiée ne peut plus être modifiée.',
            nativeInputProps: { value: 'approve', checked: decision === 'approve', onChange: () => setDecision('approve') },
          },
          {
            label: 'Demander des modifications',
            hintText: 'La formation revient à ses auteurs avec vos remarques.',
            nativeInputProps: { value: 'reject', checked: decision === 'reject', onChange: () => setDecision('reject') },
          },
        ]}
      />
      {decision === 'reject' && (
        <TextField
          id={COMMENT_ID}
          label="Vos remarques pour les auteurs"
          hint="Ce qu’il faut corriger ou compléter, le plus précisément possible. Les auteurs liront ce texte."
          rows={6}
          maxLength={COMMENT_MAX}
          value={comment}
          error={errors.comment}
          onChange={setComment}
        />
      )}
      <Button type="submit" disabled={sending}>
        {sending ? 'Enregistrement…' : 'Enregistrer la décision'}
      </Button>
    </form>
  );
}
