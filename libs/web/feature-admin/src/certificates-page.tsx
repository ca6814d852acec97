import type { AdminCertificate } from '@academie/contracts';
import { findCertificates, revokeCertificate } from '@academie/web-data-access';
import { formatDate } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Confirmation, TabHeading, errorMessage, useAnnounce } from './admin-kit';

const verifierPath = (code: string) => `/verifier/${code}`;

/** Find a certificate by its code or its holder's e-mail address, and revoke it with a reason. */
export function CertificatesPage() {
  const announce = useAnnounce();
  const [q, setQ] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [results, setResults] = useState<{ q: string; items: AdminCertificate[] } | undefined>(undefined);
  const [searching, setSearching] = useState(false);
  const [revoking, setRevoking] = useState<AdminCertificate | null>(null);
  const [reason, setReason] = useState('');
  const [reasonProblem, setReasonProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    const query = q.trim();
    if (query.length < 3) {
      setProblem('Saisissez un code de vérification (16 caractères) ou l’adresse e-mail complète de la personne.');
      document.getElementById('attestation-recherche')?.focus();
      return;
    }
    setProblem(undefined);
    setSearching(true);
    setRevoking(null);
    try {
      setResults({ q: query, items: (await findCertificates(query)).items });
    } catch (failure) {
      setResults(undefined);
      setProblem(errorMessage(failure));
      document.getElementById('attestation-recherche')?.focus();
    } finally {
      setSearching(false);
    }
  };

  const revoke = async (certificate: AdminCertificate) => {
    const text = reason.trim();
    if (text.length < 3 || text.length > 500) {
      setReasonProblem('Indiquez le motif de la révocation, de 3 à 500 caractères, sans donnée personnelle.');
      document.getElementById('motif-revocation')?.focus();
      return;
    }
    setBusy(true);
    try {
      const revoked = await revokeCertificate(certificate.code, text);
      setResults((previous) =>
        previous ? { ...previous, items: previous.items.map((item) => (item.code === revoked.code ? { ...item, ...revoked, revocationReason: text } : item)) } : previous,
      );
      setRevoking(null);
      setReason('');
      announce({ severity: 'success', title: `Attestation ${revoked.code} révoquée.`, description: 'La page publique de vérification l’indique désormais.' });
    } catch (failure) {
      setRevoking(null);
      announce({ severity: 'error', title: 'L’attestation n’a pas été révoquée.', description: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <TabHeading title="Attestations" lead="Retrouvez une attestation par son code de vérification ou par l’adresse e-mail de la personne, et révoquez-la si elle a été obtenue à tort." />
      <form role="search" onSubmit={(event) => void search(event)} className={fr.cx('fr-mb-4w')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
            <Input
              label="Code de vérification ou adresse e-mail"
              hintText="Par exemple 7K3M-Q9TX-2HBD-W4NR ou prenom.nom@exemple.fr (adresse complète)."
              state={problem ? 'error' : 'default'}
              stateRelatedMessage={problem}
              nativeInputProps={{ id: 'attestation-recherche', value: q, onChange: (event) => setQ(event.target.value), maxLength: 254 }}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <Button type="submit" iconId="fr-icon-search-line" disabled={searching}>
              Rechercher
            </Button>
          </div>
        </div>
      </form>
      {searching && <p role="status">Recherche…</p>}
      {results !== undefined && (
        <section aria-labelledby="attestations-resultats">
          <h2 id="attestations-resultats" className={fr.cx('fr-h4')}>
            {results.items.length === 0 ? `Aucune attestation pour « ${results.q} »` : `Attestations trouvées pour « ${results.q} »`}
          </h2>
          {results.items.map((certificate) => (
            <article
              key={certificate.id}
              aria-labelledby={`attestation-${certificate.id}`}
              className={fr.cx('fr-p-3w', 'fr-mb-2w')}
              style={{ border: '1px solid var(--border-default-grey)' }}
            >
              <h3 id={`attestation-${certificate.id}`} className={fr.cx('fr-h6', 'fr-mb-1w')}>
                {certificate.course.title} · {certificate.code}
              </h3>
              <p className={fr.cx('fr-mb-1w')}>
                {certificate.status === 'revoked' ? (
                  <Badge severity="error" small>
                    Révoquée
                  </Badge>
                ) : (
                  <Badge severity="success" small>
                    Valide
                  </Badge>
                )}
              </p>
              <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
                Délivrée à {certificate.displayedName} le {formatDate(certificate.issuedAt)} (version {certificate.course.versionNumber} du cours)
                {certificate.revokedAt !== null && <> · révoquée le {formatDate(certificate.revokedAt)}</>}
                {certificate.revocationReason !== null && <> · motif : {certificate.revocationReason}</>}
              </p>
              <p className={fr.cx('fr-text--sm')}>
                <Link className={fr.cx('fr-link')} to={verifierPath(certificate.code)}>
                  Page publique de vérification<span className={fr.cx('fr-sr-only')}> de l’attestation {certificate.code}</span>
                </Link>
              </p>
              {certificate.status === 'valid' &&
                (revoking?.id === certificate.id ? (
                  <Confirmation
                    id={`revocation-${certificate.id}`}
                    question={`Révoquer l’attestation ${certificate.code} ?`}
                    detail="La révocation est définitive : la page de vérification et le justificatif numérique diront « révoquée »."
                    confirmLabel="Révoquer l’attestation"
                    busy={busy}
                    onConfirm={() => void revoke(certificate)}
                    onCancel={() => {
                      setRevoking(null);
                      setReasonProblem(undefined);
                    }}
                  >
                    <Input
                      textArea
                      label="Motif de la révocation"
                      hintText="Inscrit au journal d’audit. De 3 à 500 caractères, sans donnée personnelle."
                      state={reasonProblem ? 'error' : 'default'}
                      stateRelatedMessage={reasonProblem}
                      nativeTextAreaProps={{ id: 'motif-revocation', value: reason, onChange: (event) => setReason(event.target.value), maxLength: 500, rows: 3 }}
                    />
                  </Confirmation>
                ) : (
                  <Button
                    priority="secondary"
                    size="small"
                    onClick={() => {
                      setRevoking(certificate);
                      setReason('');
                      setReasonProblem(undefined);
                    }}
                  >
                    Révoquer<span className={fr.cx('fr-sr-only')}> l’attestation {certificate.code}</span>
                  </Button>
                ))}
            </article>
          ))}
        </section>
      )}
    </>
  );
}
