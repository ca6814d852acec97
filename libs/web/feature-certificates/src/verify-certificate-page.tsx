import { type CertificateVerification, ERASED_NAME_TEXT, formatDurationFr, normalizeCertificateCode, verificationPath } from '@academie/contracts';
import { getPublicJson, getPublicText, useCertificateVerification } from '@academie/web-data-access';
import { formatDate } from '@academie/web-ui';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { downloadName, sitePath, verificationPathOf } from './certificate-links';
import { DownloadLink } from './download-link';
import { type CredentialCheck, type HashedIdentity, type PublishedKey, checkCredential, identityMatches } from './credential-check';

const PAGE_TITLE = 'Vérifier une attestation';

/** /verifier and /verifier/:code (public): is this certificate genuine, and still valid? */
export function VerifyCertificatePage() {
  const { code: raw } = useParams();
  const code = raw === undefined ? null : normalizeCertificateCode(raw);

  // One address per certificate: `/verifier/7k3mq9tx2hbdw4nr` becomes `/verifier/7K3M-Q9TX-2HBD-W4NR`.
  if (code !== null && raw !== undefined && verificationPath(code) !== `/verifier/${raw}`) {
    return <Navigate to={verificationPath(code)} replace />;
  }

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb currentPageLabel={PAGE_TITLE} homeLinkProps={{ to: '/' }} segments={[]} />
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-8')}>
          <h1>{PAGE_TITLE}</h1>
          {raw === undefined ? (
            <IntroTitle />
          ) : code === null ? (
            <InvalidCode />
          ) : (
            <VerificationResult key={code} code={code} />
          )}
          <section aria-labelledby="autre-code" className={fr.cx('fr-mt-6w')}>
            <h2 id="autre-code" className={fr.cx('fr-h4')}>
              {raw === undefined ? 'Vérifier avec le code' : 'Vérifier une autre attestation'}
            </h2>
            <CodeForm />
          </section>
          <section aria-labelledby="attestation-numerique" className={fr.cx('fr-mt-6w')}>
            <h2 id="attestation-numerique" className={fr.cx('fr-h4')}>
              Vérifier une attestation numérique
            </h2>
            <CredentialVerification />
          </section>
        </div>
      </div>
    </div>
  );
}

function IntroTitle() {
  usePageTitle(PAGE_TITLE);
  return (
    <p className={fr.cx('fr-text--lead')}>
      Les attestations de l’Académie de l’IA portent un code de vérification et un QR code. Saisissez le code, ou déposez le fichier de l’attestation
      numérique, pour savoir si l’attestation est authentique et toujours valable.
    </p>
  );
}

function InvalidCode() {
  usePageTitle(`Code invalide - ${PAGE_TITLE}`);
  return (
    <Alert
      severity="warning"
      as="h2"
      title="Ce code de vérification n’est pas valide"
      description="Un code compte 16 caractères, chiffres et lettres, par exemple 7K3M-Q9TX-2HBD-W4NR. Vérifiez le lien ou saisissez le code imprimé sous le QR code."
    />
  );
}

function VerificationResult({ code }: { code: string }) {
  const { data, error, reload } = useCertificateVerification(code);
  const title = data === undefined ? (error === undefined ? 'Vérification en cours' : 'Vérification impossible') : data.status === 'valid' ? 'Attestation valide' : 'Attestation révoquée';
  usePageTitle(`${title} - ${PAGE_TITLE}`);

  if (error !== undefined) {
    if (error.statusCode === 404) {
      return (
        <Alert
          severity="error"
          as="h2"
          title="Aucune attestation ne correspond à ce code"
          description="Ce code n’a été délivré par l’Académie de l’IA pour aucune attestation. Vérifiez-le auprès de la personne qui vous l’a transmis."
        />
      );
    }
    return (
      <Alert
        severity="error"
        as="h2"
        title="La vérification n’a pas pu aboutir"
        description={
          <>
            <p className={fr.cx('fr-mb-2w')}>{error.statusCode === 429 ? 'Trop de vérifications depuis votre connexion : patientez une minute.' : error.statusCode === 0 ? error.message : 'Réessayez dans quelques instants.'}</p>
            <Button size="small" priority="secondary" onClick={reload}>
              Réessayer
            </Button>
          </>
        }
      />
    );
  }
  if (data === undefined) return <p role="status">Vérification en cours…</p>;

  const valid = data.status === 'valid';
  return (
    <>
      <Alert
        className={fr.cx('fr-mb-4w')}
        severity={valid ? 'success' : 'error'}
        as="h2"
        title={valid ? 'Attestation valide' : 'Attestation révoquée'}
        description={
          valid
            ? `Cette attestation est authentique et valable. Émetteur : ${data.issuer.name}.`
            : `Cette attestation a été révoquée${data.revokedAt === null ? '' : ` le ${formatDate(data.revokedAt)}`} par son émetteur, ${data.issuer.name} : elle n’est plus valable.`
        }
      />
      <CertificateFacts certificate={data} />
      {valid && (
        <DownloadLink href={sitePath(data.pdfUrl)} fileName={downloadName(data.code, 'pdf')} label="Télécharger l’attestation" details="PDF" />
      )}
    </>
  );
}

function CertificateFacts({ certificate }: { certificate: CertificateVerification }) {
  return (
    <div className={fr.cx('fr-p-3w', 'fr-mb-3w')} style={{ backgroundColor: fr.colors.decisions.background.alt.blueFrance.default }}>
      <dl className={fr.cx('fr-mb-0')}>
        <Fact term="Délivrée à">
          {certificate.nameErased ? <em>{ERASED_NAME_TEXT}</em> : certificate.displayedName}
        </Fact>
        <Fact term="Cours">{`${certificate.course.title} (version ${certificate.course.versionNumber}, ${formatDurationFr(certificate.course.durationMinutes)})`}</Fact>
        <Fact term="Cours terminé le">{formatDate(certificate.completedAt)}</Fact>
        <Fact term="Délivrée par">{certificate.issuer.name}</Fact>
        <Fact term="Code de vérification" last>
          {certificate.code}
        </Fact>
      </dl>
    </div>
  );
}

function Fact({ term, children, last = false }: { term: string; children: ReactNode; last?: boolean }) {
  return (
    <>
      <dt className={fr.cx('fr-text--bold', 'fr-mb-0')}>{term}</dt>
      <dd className={fr.cx('fr-ml-0', last ? 'fr-mb-0' : 'fr-mb-2w')}>{children}</dd>
    </>
  );
}

function CodeForm() {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const path = verificationPathOf(value);
    if (path === null) {
      setError(value.trim() === '' ? 'Saisissez le code de vérification.' : 'Ce code n’est pas valide : il compte 16 caractères, chiffres et lettres.');
      input.current?.focus();
      return;
    }
    setError(undefined);
    setValue('');
    navigate(path);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Input
        label="Code de vérification"
        hintText="16 caractères, imprimés sous le QR code de l’attestation. Exemple : 7K3M-Q9TX-2HBD-W4NR"
        state={error === undefined ? 'default' : 'error'}
        stateRelatedMessage={error}
        nativeInputProps={{
          ref: input,
          id: 'verifier-code',
          name: 'code',
          value,
          autoComplete: 'off',
          spellCheck: false,
          autoCapitalize: 'characters',
          'aria-invalid': error === undefined ? undefined : true,
          onChange: (event) => setValue(event.target.value),
        }}
      />
      <Button type="submit" iconId="fr-icon-search-line">
        Vérifier
      </Button>
    </form>
  );
}

const MAX_CREDENTIAL_BYTES = 64 * 1024;

const sources = {
  jwks: () => getPublicJson<{ keys: PublishedKey[] }>('/.well-known/jwks.json'),
  statusList: (path: string) => getPublicText(path),
};

function CredentialVerification() {
  const [state, setState] = useState<{ file: string; check: CredentialCheck } | { file: string; failure: string } | null>(null);
  const [checking, setChecking] = useState(false);
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (state !== null) result.current?.focus();
  }, [state]);

  const onFile = async (file: File | undefined) => {
    if (file === undefined) return;
    if (file.size > MAX_CREDENTIAL_BYTES) {
      setState({ file: file.name, failure: 'Ce fichier est trop gros pour être une attestation numérique (64 Ko au plus).' });
      return;
    }
    setChecking(true);
    try {
      setState({ file: file.name, check: await checkCredential(await file.text(), sources) });
    } catch {
      setState({ file: file.name, failure: 'La vérification n’a pas pu aboutir : les clés de l’Académie de l’IA sont injoignables. Réessayez dans quelques instants.' });
    } finally {
      setChecking(false);
    }
  };

  return (
    <>
      <p>
        L’attestation numérique (format Open Badges 3.0, fichier <code>.jwt</code>) est signée par l’Académie de l’IA. Sa signature et sa révocation éventuelle
        sont vérifiées dans votre navigateur avec les clés publiques de l’Académie : le fichier n’est envoyé nulle part.
      </p>
      <Upload
        label="Fichier de l’attestation numérique"
        hint="Format .jwt, 64 Ko au plus."
        nativeInputProps={{
          id: 'verifier-fichier',
          accept: '.jwt,.txt,application/vc+jwt,application/jwt,text/plain',
          onChange: (event) => void onFile(event.target.files?.[0]),
        }}
      />
      {checking && <p role="status">Vérification du fichier…</p>}
      {state !== null && (
        <div ref={result} tabIndex={-1} className={fr.cx('fr-mt-3w')}>
          {'failure' in state ? <Alert severity="error" small description={state.failure} /> : <CredentialResult file={state.file} check={state.check} />}
        </div>
      )}
    </>
  );
}

function CredentialResult({ file, check }: { file: string; check: CredentialCheck }) {
  if (check.outcome === 'malformed') {
    return <Alert severity="error" as="h3" title="Ce fichier n’est pas une attestation numérique" description={`« ${file} » n’a pas la forme d’une attestation signée (VC-JWT).`} />;
  }
  if (check.outcome !== 'genuine') {
    return (
      <Alert
        severity="error"
        as="h3"
        title="Attestation numérique non authentique"
        description={
          check.outcome === 'unknown_key'
            ? 'Ce fichier n’est pas signé par une clé de l’Académie de l’IA : ne vous y fiez pas.'
            : 'La signature ne correspond pas au contenu : le fichier a été modifié après sa délivrance. Ne vous y fiez pas.'
        }
      />
    );
  }
  const { summary, revoked } = check;
  return (
    <>
      <Alert
        className={fr.cx('fr-mb-3w')}
        severity={revoked === true ? 'error' : revoked === false ? 'success' : 'warning'}
        as="h3"
        title={revoked === true ? 'Attestation numérique révoquée' : revoked === false ? 'Attestation numérique valide' : 'Attestation numérique authentique'}
        description={
          revoked === true
            ? 'Sa signature est authentique, mais l’Académie de l’IA l’a révoquée : elle n’est plus valable.'
            : revoked === false
              ? 'Signée par l’Académie de l’IA, non modifiée depuis, et non révoquée.'
              : 'Signée par l’Académie de l’IA et non modifiée depuis ; sa révocation éventuelle n’a pas pu être vérifiée pour le moment.'
        }
      />
      <div className={fr.cx('fr-p-3w', 'fr-mb-3w')} style={{ backgroundColor: fr.colors.decisions.background.alt.blueFrance.default }}>
        <dl className={fr.cx('fr-mb-0')}>
          {summary.courseTitle !== null && <Fact term="Cours">{summary.courseTitle}</Fact>}
          {summary.description !== null && <Fact term="Description">{summary.description}</Fact>}
          {summary.validFrom !== null && <Fact term="Cours terminé le">{formatDate(summary.validFrom)}</Fact>}
          <Fact term="Délivrée par" last>
            {summary.issuerName ?? 'Académie de l’IA'}
          </Fact>
        </dl>
      </div>
      <p className={fr.cx('fr-text--sm')}>
        L’attestation numérique ne contient pas le nom de la personne : elle l’identifie par une empreinte de son adresse e-mail.
        {summary.identity === null ? ' Cette empreinte a été effacée à la demande de la personne.' : ' Vous pouvez vérifier l’adresse que la personne vous a donnée.'}
      </p>
      {summary.identity !== null && <HolderCheck identity={summary.identity} />}
    </>
  );
}

function HolderCheck({ identity }: { identity: HashedIdentity }) {
  const [email, setEmail] = useState('');
  const [outcome, setOutcome] = useState<'match' | 'mismatch' | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (email.trim() === '') return;
    setOutcome((await identityMatches(email, identity)) ? 'match' : 'mismatch');
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Input
        label="Adresse e-mail de la personne (facultatif)"
        hintText="Elle n’est envoyée nulle part : l’empreinte est calculée dans votre navigateur."
        state={outcome === null ? 'default' : outcome === 'match' ? 'success' : 'error'}
        stateRelatedMessage={outcome === 'match' ? 'Cette adresse est bien celle de la personne à qui l’attestation a été délivrée.' : 'Cette adresse n’est pas celle de l’attestation.'}
        nativeInputProps={{ id: 'verifier-email', type: 'email', autoComplete: 'off', value: email, onChange: (event) => {
          setEmail(event.target.value);
          setOutcome(null);
        } }}
      />
      <Button type="submit" priority="secondary" size="small">
        Vérifier l’adresse
      </Button>
    </form>
  );
}
