import type { InvitationView } from '@academie/contracts';
import { createInvitations, importInvitationsCsv, toErrorBody, useOrganisationInvitations } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useState, type FormEvent } from 'react';
import { useFocusAfterRender } from './focus';
import { EMPTY_REPORT, addChunkReport, addressesFromText, splitCsv, type ImportReport } from './import-chunks';
import { formatDate, plural } from './labels';

/** Inviting people: addresses typed or a CSV file (with its report), and link codes. */
export function InvitationsSection({ orgId, onChange }: { orgId: string; onChange: () => void }) {
  const invitations = useOrganisationInvitations(orgId);
  const reload = () => {
    invitations.reload();
    onChange();
  };
  return (
    <section aria-labelledby="inviter-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="inviter-titre">Inviter des personnes</h2>
      <EmailInvitations orgId={orgId} onDone={reload} />
      <LinkCodes orgId={orgId} onDone={reload} />
      <PendingInvitations invitations={invitations.data} />
    </section>
  );
}

function EmailInvitations({ orgId, onDone }: { orgId: string; onDone: () => void }) {
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | undefined>(undefined);
  const [error, setError] = useState<{ field: 'emails' | 'file'; message: string } | undefined>(undefined);
  const [report, setReport] = useState<ImportReport | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const focus = useFocusAfterRender();

  const run = async (csv: string) => {
    const chunks = splitCsv(csv);
    let current: ImportReport = { ...EMPTY_REPORT, totalLines: chunks.reduce((sum, c) => sum + c.lines, 0) };
    setReport(current);
    setRunning(true);
    focus('import-rapport');
    try {
      for (const chunk of chunks) {
        current = addChunkReport(current, chunk, await importInvitationsCsv(orgId, chunk.csv));
        setReport(current);
      }
    } finally {
      setRunning(false);
      onDone();
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const addresses = addressesFromText(text);
    if (addresses.length === 0 && file === undefined) {
      setError({ field: 'emails', message: 'Saisissez au moins une adresse e-mail, ou choisissez un fichier CSV.' });
      focus('invitation-emails');
      return;
    }
    try {
      if (addresses.length > 0) await run(addresses.join('\n'));
      if (file !== undefined) {
        if (file.size > 20 * 1024 * 1024) {
          setError({ field: 'file', message: 'Ce fichier dépasse 20 Mo : découpez-le en plusieurs fichiers.' });
          focus('invitation-fichier');
          return;
        }
        await run(await file.text());
      }
      setText('');
    } catch (failure) {
      setError({ field: addresses.length > 0 ? 'emails' : 'file', message: toErrorBody(failure).message });
      focus(addresses.length > 0 ? 'invitation-emails' : 'invitation-fichier');
    }
  };

  const percent = report === undefined || report.totalLines === 0 ? 100 : Math.round((100 * report.processedLines) / report.totalLines);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="inviter-email-titre" className={fr.cx('fr-mb-4w')}>
      <h3 id="inviter-email-titre" className={fr.cx('fr-h5')}>
        Par e-mail
      </h3>
      <p>Chaque personne reçoit un e-mail avec un lien personnel, valable 14 jours.</p>
      <Input
        textArea
        label="Adresses e-mail (facultatif si vous choisissez un fichier)"
        hintText="Une adresse par ligne, ou séparées par des virgules."
        state={error?.field === 'emails' ? 'error' : 'default'}
        stateRelatedMessage={error?.field === 'emails' ? error.message : undefined}
        nativeTextAreaProps={{
          id: 'invitation-emails',
          name: 'emails',
          rows: 4,
          value: text,
          spellCheck: false,
          'aria-invalid': error?.field === 'emails' ? true : undefined,
          onChange: (e) => setText(e.target.value),
        }}
      />
      <Upload
        label="Fichier CSV d’adresses (facultatif)"
        hint="Une adresse par ligne, ou une colonne « email » ou « courriel ». Format .csv ou .txt, 20 Mo au plus."
        state={error?.field === 'file' ? 'error' : 'default'}
        stateRelatedMessage={error?.field === 'file' ? error.message : undefined}
        nativeInputProps={{
          id: 'invitation-fichier',
          name: 'csv',
          accept: '.csv,.txt,text/csv,text/plain',
          onChange: (e) => setFile(e.target.files?.[0]),
        }}
        className={fr.cx('fr-mb-3w')}
      />
      <Button type="submit" disabled={running} iconId="fr-icon-mail-line">
        {running ? 'Envoi des invitations…' : 'Envoyer les invitations'}
      </Button>
      {report !== undefined && (
        <div id="import-rapport" tabIndex={-1} className={fr.cx('fr-mt-3w')}>
          <label htmlFor="import-progression" className={fr.cx('fr-text--bold')}>
            {running ? 'Import en cours' : 'Import terminé'} : {report.processedLines.toLocaleString('fr-FR')} ligne
            {report.processedLines > 1 ? 's' : ''} traitée{report.processedLines > 1 ? 's' : ''} sur {report.totalLines.toLocaleString('fr-FR')}
          </label>
          <progress id="import-progression" max={100} value={percent} style={{ display: 'block', width: '100%' }}>
            {percent} %
          </progress>
          {!running && (
            <div role="status">
              <Alert
                className={fr.cx('fr-mt-2w', 'fr-mb-3w')}
                severity={report.rejected > 0 ? 'warning' : 'success'}
                as="h4"
                title={`${plural(report.invited, 'invitation envoyée', 'invitations envoyées')}`}
                description={[
                  report.alreadyInvited > 0 ? `${plural(report.alreadyInvited, 'adresse déjà invitée ou déjà membre', 'adresses déjà invitées ou déjà membres')} : rien n’a été envoyé deux fois.` : '',
                  report.rejected > 0 ? `${plural(report.rejected, 'ligne refusée', 'lignes refusées')}, détaillées ci-dessous.` : '',
                ]
                  .filter(Boolean)
                  .join(' ') || 'Toutes les lignes ont été acceptées.'}
              />
            </div>
          )}
          {report.errors.length > 0 && (
            <Table
              className={fr.cx('fr-mt-2w')}
              caption="Lignes refusées"
              headers={['Ligne', 'Valeur', 'Raison']}
              data={report.errors.slice(0, 200).map((e) => [e.line.toLocaleString('fr-FR'), e.value, e.reason])}
            />
          )}
          {report.errors.length > 200 && <p>Les 200 premières lignes refusées sont affichées, sur {report.errors.length.toLocaleString('fr-FR')}.</p>}
        </div>
      )}
    </form>
  );
}

function LinkCodes({ orgId, onDone }: { orgId: string; onDone: () => void }) {
  const [uses, setUses] = useState<'1' | 'multi'>('multi');
  const [days, setDays] = useState('14');
  const [created, setCreated] = useState<{ link: string; uses: string; expiresAt: string } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [copied, setCopied] = useState(false);
  const focus = useFocusAfterRender();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setCopied(false);
    try {
      const answer = await createInvitations(orgId, { kind: 'link', maxUses: uses === '1' ? 1 : null, validForDays: Number(days) });
      if (answer.code === undefined || answer.invitation === undefined) throw new Error('no code');
      setCreated({
        link: new URL(`/rejoindre?code=${encodeURIComponent(answer.code)}`, window.location.origin).toString(),
        uses: uses === '1' ? 'une seule personne' : 'autant de personnes que nécessaire',
        expiresAt: answer.invitation.expiresAt,
      });
      focus('lien-cree');
      onDone();
    } catch (failure) {
      setError(toErrorBody(failure).message);
      focus('lien-echec');
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="inviter-lien-titre" className={fr.cx('fr-mb-4w')}>
      <h3 id="inviter-lien-titre" className={fr.cx('fr-h5')}>
        Par un lien à partager
      </h3>
      <p>Toute personne qui ouvre ce lien et se connecte rejoint votre organisation, jusqu’à son expiration.</p>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <Select label="Utilisations" nativeSelectProps={{ id: 'lien-utilisations', value: uses, onChange: (e) => setUses(e.target.value as '1' | 'multi') }}>
            <option value="multi">Plusieurs personnes</option>
            <option value="1">Une seule personne</option>
          </Select>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <Select label="Valable pendant" nativeSelectProps={{ id: 'lien-duree', value: days, onChange: (e) => setDays(e.target.value) }}>
            <option value="1">1 jour</option>
            <option value="7">7 jours</option>
            <option value="14">14 jours</option>
            <option value="30">30 jours</option>
          </Select>
        </div>
      </div>
      <Button type="submit" priority="secondary" iconId="fr-icon-links-line" className={fr.cx('fr-mt-2w')}>
        Créer un lien d’invitation
      </Button>
      {error !== undefined && (
        <div id="lien-echec" tabIndex={-1} className={fr.cx('fr-mt-2w')}>
          <Alert severity="error" as="h4" title="Le lien n’a pas été créé" description={error} />
        </div>
      )}
      {created !== undefined && (
        <div id="lien-cree" tabIndex={-1} className={fr.cx('fr-mt-2w')}>
          <Alert
            severity="success"
            as="h4"
            title="Lien créé"
            description={`Il est affiché une seule fois : copiez-le maintenant. Il vaut pour ${created.uses}, jusqu’au ${formatDate(created.expiresAt)}.`}
          />
          <Input
            className={fr.cx('fr-mt-2w')}
            label="Lien d’invitation"
            nativeInputProps={{ id: 'lien-invitation', readOnly: true, value: created.link, onFocus: (e) => e.target.select() }}
          />
          <Button
            type="button"
            priority="tertiary"
            iconId="fr-icon-clipboard-line"
            onClick={() => {
              navigator.clipboard?.writeText(created.link).then(
                () => setCopied(true),
                () => setCopied(false),
              );
            }}
          >
            Copier le lien
          </Button>
          <p role="status" className={fr.cx('fr-text--sm', 'fr-mt-1w')}>
            {copied ? 'Lien copié dans le presse-papiers.' : ''}
          </p>
        </div>
      )}
    </form>
  );
}

function invitationState(invitation: InvitationView): string {
  if (invitation.revokedAt !== null) return 'Annulée';
  if (invitation.acceptedAt !== null && invitation.kind === 'email') return 'Acceptée';
  if (new Date(invitation.expiresAt).getTime() < Date.now()) return 'Expirée';
  return invitation.kind === 'link' ? `En cours (${invitation.uses} utilisation${invitation.uses > 1 ? 's' : ''})` : 'En attente';
}

function PendingInvitations({ invitations }: { invitations: InvitationView[] | undefined }) {
  if (invitations === undefined || invitations.length === 0) return null;
  const shown = invitations.slice(0, 50);
  return (
    <Table
      caption={`Invitations (${invitations.length.toLocaleString('fr-FR')})`}
      headers={['Destinataire', 'État', 'Expire le']}
      data={shown.map((i) => [i.email ?? 'Lien à partager', invitationState(i), formatDate(i.expiresAt)])}
    />
  );
}
