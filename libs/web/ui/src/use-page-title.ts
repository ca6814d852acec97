import { useEffect } from 'react';

export const SITE_NAME = "Académie de l'IA";

/** Sets the document title to `<page> - Académie de l'IA` (RGAA 8.6: each page has a relevant title). */
export function usePageTitle(pageTitle: string | undefined): void {
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} - ${SITE_NAME}` : SITE_NAME;
  }, [pageTitle]);
}
