import type { MyOrganisation } from '@academie/contracts';
import { leaveOrganisation, setOrganisationConsent, toErrorBody } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import { useState } from 'react';
import { ROLE_LABELS, formatDate } from './labels';

/** The person's side of each membership: consent (given or withdrawn at any time) and leaving. */
export function MyMemberships({ memberships, onChange }: { memberships: MyOrganisation[]; onChange: () => void }) {
  return (
    <section aria-labelledby="mes-organisations-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="mes-organisations-titre">Mes organisations</h2>
      {memberships.map((m) => (
        <Membership key={m.id} membership={m} onChange={onChange} />
      ))}
    </section>
  );
}

function Membership({ membership, onChange }: { membership: MyOrganisation; onChange: () => void }) {
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | undefined>(undefined);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const id = `membre-${membership.id}`;

  const consent = async (shareProgress: boolean) => {
    try {
      await setOrganisationConsent(membership.id, shareProgress);
      setMessage({
        severity: 'success',
        text: shareProgress
          ? `${membership.name} peut maintenant voir votre progression individuelle.`
          : `${membership.name} ne voit plus votre progression individuelle.`,
      });
      onChange();
    } catch (failure) {
      setMessage({ severity: 'error', text: toErrorBody(failure).message });
    }
  };

  const leave = async () => {
    try {
      await leaveOrganisation(membership.id);
      onChange();
    } catch (failure) {
      setMessage({ severity: 'error', text: toErrorBody(failure).message });
    }
  };

  return (
    <div className={fr.cx('fr-card', 'fr-p-3w', 'fr-mb-3w')}>
      <h3 className={fr.cx('fr-h5')}>{membership.name}</h3>
      <p>
        Votre rôle : {ROLE_LABELS[membership.role]}. Membre depuis le {formatDate(membership.joinedAt)}.
      </p>
      <ToggleSwitch
        inputTitle={`Partager ma progression individuelle avec ${membership.name}`}
        label={`J’accepte que ${membership.name} voie ma progression individuelle`}
        helperText="Je peux retirer cet accord à tout moment. Sans cet accord, elle ne voit que des chiffres d’ensemble, jamais les vôtres."
        checked={membership.progressShared}
        onChange={(checked) => void consent(checked)}
        showCheckedHint={false}
      />
      <div role="status" id={`${id}-statut`}>
        {message !== undefined && <Alert small severity={message.severity} description={message.text} className={fr.cx('fr-my-2w')} />}
      </div>
      {!confirmLeave ? (
        <Button priority="tertiary" iconId="fr-icon-logout-box-r-line" onClick={() => setConfirmLeave(true)} className={fr.cx('fr-mt-2w')}>
          Quitter l’organisation
        </Button>
      ) : (
        <div>
          <p className={fr.cx('fr-text--bold')}>
            Quitter {membership.name} ? Elle ne verra plus rien de votre progression ; vos formations et vos attestations restent à vous.
          </p>
          <div>
            <Button onClick={() => void leave()} className={fr.cx('fr-mr-2w', 'fr-mb-1w')}>
              Confirmer : quitter {membership.name}
            </Button>
            <Button priority="secondary" onClick={() => setConfirmLeave(false)} className={fr.cx('fr-mb-1w')}>
              Annuler
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
