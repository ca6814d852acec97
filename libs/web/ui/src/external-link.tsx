import type { ReactNode } from 'react';

export interface ExternalLinkProps {
  href: string;
  children: ReactNode;
  /** Default: a plain link of the text (DSFR underlines it and adds the « new window » icon). */
  className?: string;
}

/**
 * A link to another site, opened in a new window: the person is told so in the link's text itself
 * (RGAA 13.2), and the new page gets no access to this one (`noopener noreferrer`).
 */
export function ExternalLink({ href, children, className }: ExternalLinkProps) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={className}>
      {children} (nouvelle fenêtre)
    </a>
  );
}
