import { fr, type FrClassName } from '@codegouvfr/react-dsfr';

export interface ServerHtmlProps {
  /**
   * HTML rendered and sanitized by the API (the lesson Markdown renderer of the catalogue context: raw
   * HTML off, no script, no event attribute, no style, only http/https/mailto links). Never pass
   * anything else: the web does not render nor sanitize Markdown itself.
   */
  html: string;
  id?: string;
  /** Spacing classes (default fr-mb-2w). */
  className?: FrClassName;
}

/** A lesson text as learners get it, from the API's renderer. */
export function ServerHtml({ html, id, className }: ServerHtmlProps) {
    // fr-list: its lists keep their bullets and numbers even inside a bare DSFR list.
  return <div id={id} className={fr.cx('fr-list', className ?? 'fr-mb-2w')} dangerouslySetInnerHTML={{ __html: html }} />;
}
