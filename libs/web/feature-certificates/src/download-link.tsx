import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';

export interface DownloadLinkProps {
  /** A path of this site (a `download` link works on the page's own origin only). */
  href: string;
  /** The file's name on the person's computer. */
  fileName: string;
  label: ReactNode;
  /** Format and use, under the label (`PDF, à imprimer`). */
  details: ReactNode;
  /** Read after the rest by assistive technologies, to tell apart the links of several certificates. */
  context?: string;
}

/**
 * The DSFR « Téléchargement de fichier » link, with the file's name (react-dsfr's Download forces an empty
 * `download` attribute, which keeps the server's name and gives the credential none).
 */
export function DownloadLink({ href, fileName, label, details, context }: DownloadLinkProps) {
  return (
    <div className={fr.cx('fr-download')}>
      <p>
        <a className={fr.cx('fr-download__link')} href={href} download={fileName}>
          {label}
          <span className={fr.cx('fr-download__detail')}>
            {details}
            {context !== undefined && <span className={fr.cx('fr-sr-only')}>{` — ${context}`}</span>}
          </span>
        </a>
      </p>
    </div>
  );
}
