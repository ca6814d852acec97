import { useEffect } from 'react';
import { useLocation } from 'react-router';

/**
 * Brings the element the address's `#fragment` names into view and gives it the focus (it needs `tabIndex={-1}`),
 * when the page opens and when only the fragment changes: the router of a single-page app does not, and the
 * footer's « Gestion des cookies » leads to /donnees-personnelles#cookies.
 */
export function useHashTarget(): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (hash.length < 2) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (target === null) return;
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  }, [hash]);
}
