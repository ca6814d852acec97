import { deleteMyAccount, exportMyData, toErrorBody } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { unexpectedErrorMessage } from './error-messages';
import { useFocusAfterRender } from './focus';
import { FormAlert } from './form-alert';

const EXPORT_ALERT_ID = 'donnees-export-alerte';
const DELETE_ALERT_ID = 'donnees-suppression-alerte';
const CONFIRM_TITLE_ID = 'suppression-confirmation-titre';
const DELETE_BUTTON_ID = 'suppression-bouton';

/** The file name of the export: `academie-ia-mes-donnees-2026-11-25.json`. */
export function exportFileName(now: Date = new Date()): string {
  return `academie-ia-mes-donnees-${now.toISOString().slice(0, 10)}.json`;
}

function download(data: unknown, fileName: string): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Let the browser start the download before the object URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** RGPD rights from the profile: download everything held (GET /api/me/export), erase the account. */
export function PersonalDataSection({ onDeleted }: { onDeleted: () => void }) {
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | undefined>(undefined);
  const focus = useFocusAfterRender();

  async function onExport() {
    setExporting(true);
    setExportError(undefined);
    try {
      download(await exportMyData(), exportFileName());
    } catch (error) {
      setExportError(unexpectedErrorMessage(toErrorBody(error)));
      focus(EXPORT_ALERT_ID);
    } finally {
      setExporting(false);
    }
  }

  async function onDelete() {
    setDeleting(true);
    setDeleteError(undefined);
    try {
      await deleteMyAccount();
      onDeleted();
    } catch (error) {
      setDeleteError(unexpectedErrorMessage(toErrorBody(error)));
      focus(DELETE_ALERT_ID);
      setDeleting(false);
    }
  }

  return (
    <>
      <h3 className={fr.cx('fr-h6')}>Télécharger mes données</h3>
      <p>
        Recevez, dans un fichier au format JSON, toutes les informations que l’Académie de l’IA conserve sur vous :
        compte, profil, inscriptions, progression et attestations.
      </p>
      {exportError !== undefined && (
        <FormAlert id={EXPORT_ALERT_ID} severity="error" as="h4" title="Le téléchargement n’a pas pu commencer" description={exportError} />
      )}
      <Button priority="secondary" iconId="fr-icon-download-line" iconPosition="left" onClick={onExport} disabled={exporting}>
        {exporting ? 'Préparation du fichier…' : 'Télécharger mes données'}
      </Button>

      <h3 className={fr.cx('fr-h6', 'fr-mt-6w')}>Supprimer mon compte</h3>
      <p>
        Votre nom, votre adresse e-mail, votre numéro SIREN et vos connexions FranceConnect ou ProConnect sont
        effacés, et vous êtes déconnecté partout. Seuls des chiffres anonymes sont conservés pour le suivi du plan.
      </p>
      {!confirming ? (
        <Button
          priority="secondary"
          iconId="fr-icon-delete-line"
          iconPosition="left"
          nativeButtonProps={{ id: DELETE_BUTTON_ID }}
          onClick={() => {
            setConfirming(true);
            focus(CONFIRM_TITLE_ID);
          }}
        >
          Supprimer mon compte
        </Button>
      ) : (
        <div
          className={fr.cx('fr-p-3w')}
          style={{ backgroundColor: fr.colors.decisions.background.alt.grey.default }}
          role="group"
          aria-labelledby={CONFIRM_TITLE_ID}
        >
          <p id={CONFIRM_TITLE_ID} tabIndex={-1} className={fr.cx('fr-text--bold', 'fr-mb-1w')}>
            Voulez-vous vraiment supprimer votre compte ?
          </p>
          <p>Cette action est définitive : vos attestations ne pourront plus être retrouvées depuis ce compte.</p>
          {deleteError !== undefined && (
            <FormAlert id={DELETE_ALERT_ID} severity="error" as="h4" title="Votre compte n’a pas été supprimé" description={deleteError} />
          )}
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mb-0')}>
            <li>
              <Button onClick={onDelete} disabled={deleting}>
                {deleting ? 'Suppression…' : 'Oui, supprimer définitivement mon compte'}
              </Button>
            </li>
            <li>
              <Button
                priority="secondary"
                onClick={() => {
                  setConfirming(false);
                  focus(DELETE_BUTTON_ID);
                }}
                disabled={deleting}
              >
                Non, garder mon compte
              </Button>
            </li>
          </ul>
        </div>
      )}
    </>
  );
}
