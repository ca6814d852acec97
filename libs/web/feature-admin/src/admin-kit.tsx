// Pieces every tab of the console uses: the notice that says what an action did (a live region that takes the
// focus), the inline confirmation of an action, a list read page after page, French labels.
import type { ErrorBody } from '@academie/contracts';
import { toErrorBody } from '@academie/web-data-access';
import { useFocusAfterRender, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

export interface Notice {
  severity: 'success' | 'error' | 'info';
  title: string;
  description?: string;
}

const NoticeContext = createContext<(notice: Notice | null) => void>(() => undefined);

/** Says what an action did: `announce({ severity, title })`; the console's notice area shows it and takes the focus. */
export const useAnnounce = () => useContext(NoticeContext);

export const NOTICE_ID = 'administration-message';

/**
 * The notice area: always in the page (a live region announces only what changes inside an element that was
 * already there), filled by `announce`, focused after each action so that keyboard users land on the outcome.
 */
export function NoticeProvider({ resetKey, children }: { resetKey: string; children: ReactNode }) {
  const [notice, setNotice] = useState<(Notice & { n: number }) | null>(null);
  const focus = useFocusAfterRender();
  const counter = useRef(0);
  const announce = useCallback(
    (next: Notice | null) => {
      counter.current += 1;
      setNotice(next === null ? null : { ...next, n: counter.current });
      if (next !== null) focus(NOTICE_ID);
    },
    [focus],
  );
  // A notice belongs to the tab where the action happened.
  useEffect(() => setNotice(null), [resetKey]);
  return (
    <NoticeContext.Provider value={announce}>
      <div id={NOTICE_ID} tabIndex={-1} aria-live="polite" aria-atomic="true" className={notice ? fr.cx('fr-mb-3w') : undefined}>
        {notice !== null && (
          <Alert
            key={notice.n}
            severity={notice.severity}
            small
            description={notice.description === undefined ? notice.title : `${notice.title} ${notice.description}`}
            closable
            onClose={() => setNotice(null)}
          />
        )}
      </div>
      {children}
    </NoticeContext.Provider>
  );
}

/** The API's French message for a 4xx; a plain explanation otherwise. */
export function errorMessage(failure: unknown): string {
  return bodyMessage(toErrorBody(failure));
}

/** The same, from an error body already read (a query's `error`). */
export function bodyMessage(body: ErrorBody): string {
  if (body.statusCode === 0) return 'Le service est injoignable. Vérifiez votre connexion à Internet puis réessayez.';
  if (body.statusCode >= 500) return 'Le service rencontre un problème. Réessayez dans quelques instants.';
  return body.message;
}

/** The page heading and title of a tab. */
export function TabHeading({ title, lead }: { title: string; lead: string }) {
  usePageTitle(`${title} – Administration`);
  return (
    <>
      <h1 className={fr.cx('fr-h2', 'fr-mb-1w')}>{title}</h1>
      <p className={fr.cx('fr-text--lead', 'fr-mb-4w')}>{lead}</p>
    </>
  );
}

/**
 * An action asked for confirmation, in the page rather than in a modal: the focus moves to its question, the
 * buttons follow; « Annuler » gives the focus back to where the person was.
 */
export function Confirmation({
  id,
  question,
  detail,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
  children,
}: {
  id: string;
  question: string;
  detail?: ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  useEffect(() => {
    document.getElementById(`${id}-question`)?.focus();
  }, [id]);
  return (
    <div role="group" aria-labelledby={`${id}-question`} className={fr.cx('fr-p-3w', 'fr-mb-3w')} style={{ border: '1px solid var(--border-default-grey)' }}>
      <p id={`${id}-question`} tabIndex={-1} className={fr.cx('fr-text--bold', 'fr-mb-1w')}>
        {question}
      </p>
      {detail !== undefined && <div className={fr.cx('fr-mb-2w')}>{detail}</div>}
      {children}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
        <li>
          <Button onClick={onConfirm} disabled={busy}>
            {busy ? 'Un instant…' : confirmLabel}
          </Button>
        </li>
        <li>
          <Button priority="secondary" onClick={onCancel} disabled={busy}>
            Annuler
          </Button>
        </li>
      </ul>
    </div>
  );
}

export interface CursorList<T> {
  items: T[] | undefined;
  error: string | undefined;
  loading: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Replaces one item in place (after an action answered its new state). */
  replace: (match: (item: T) => boolean, next: T) => void;
}

/**
 * A list read page after page with a keyset cursor: the first page whenever `key` changes (null: nothing to
 * read yet), the next ones appended on demand. Answers of an older key are dropped.
 */
export function useCursorList<T>(
  key: string | null,
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): CursorList<T> {
  const [state, setState] = useState<{ key: string; items: T[]; next: string | null; error?: string } | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;
  const currentKey = useRef(key);
  currentKey.current = key;

  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    fetcher.current(undefined).then(
      (page) => !cancelled && setState({ key, items: page.items, next: page.nextCursor }),
      (failure: unknown) => !cancelled && setState({ key, items: [], next: null, error: errorMessage(failure) }),
    );
    return () => {
      cancelled = true;
    };
  }, [key, attempt]);

  const current = state !== undefined && state.key === key ? state : undefined;
  const loadMore = useCallback(() => {
    if (current?.next == null) return;
    const forKey = current.key;
    setLoadingMore(true);
    fetcher.current(current.next).then(
      (page) => {
        if (currentKey.current === forKey) {
          setState((previous) => (previous && previous.key === forKey ? { key: forKey, items: [...previous.items, ...page.items], next: page.nextCursor } : previous));
        }
        setLoadingMore(false);
      },
      (failure: unknown) => {
        setState((previous) => (previous && previous.key === forKey ? { ...previous, error: errorMessage(failure) } : previous));
        setLoadingMore(false);
      },
    );
  }, [current]);

  return {
    items: current?.error !== undefined && current.items.length === 0 ? undefined : current?.items,
    error: current?.error,
    loading: key !== null && current === undefined,
    hasMore: (current?.next ?? null) !== null,
    loadingMore,
    loadMore,
    reload: useCallback(() => setAttempt((n) => n + 1), []),
    replace: useCallback(
      (match: (item: T) => boolean, next: T) =>
        setState((previous) => (previous ? { ...previous, items: previous.items.map((item) => (match(item) ? next : item)) } : previous)),
      [],
    ),
  };
}

/** « Afficher plus » under a list that has more. */
export function MoreButton({ list, label }: { list: Pick<CursorList<unknown>, 'hasMore' | 'loadingMore' | 'loadMore'>; label: string }) {
  if (!list.hasMore) return null;
  return (
    <Button priority="secondary" onClick={list.loadMore} disabled={list.loadingMore}>
      {list.loadingMore ? 'Chargement…' : label}
    </Button>
  );
}

export { formatAge, formatDateTime } from './format';

export const COMPANY_SIZE_LABELS = { tpe: 'TPE', pme: 'PME', eti: 'ETI', grand_groupe: 'Grande entreprise' } as const;

export const COURSE_STATUS_LABELS = { draft: 'Jamais publié', published: 'Publié', archived: 'Archivé' } as const;

/** What each audited action means, in French; an unknown one is shown as it is. */
export const ACTION_LABELS: Record<string, string> = {
  'role.granted': 'Rôle accordé',
  'role.withdrawn': 'Rôle retiré',
  'user.suspended': 'Compte suspendu',
  'user.reactivated': 'Compte réactivé',
  'user.registered': 'Compte créé',
  'user.email_verified': 'Adresse e-mail vérifiée',
  'user.erased': 'Compte effacé',
  'password.changed': 'Mot de passe changé',
  'password.reset': 'Mot de passe réinitialisé',
  'session.reuse_detected': 'Réutilisation de session détectée',
  'sso.linked': 'Connexion ProConnect ou FranceConnect liée',
  'job.retried': 'Tâche relancée',
  'job.discarded': 'Tâche abandonnée',
  'certificate.revoked': 'Attestation révoquée',
  'course.created': 'Cours créé',
  'course.draft_opened': 'Nouvelle version ouverte',
  'course.submitted': 'Version soumise à relecture',
  'course.published': 'Version publiée',
  'course.rejected': 'Version refusée',
  'course.archived': 'Cours archivé',
  'solution.created': 'Solution ajoutée',
  'solution.updated': 'Solution modifiée',
  'solution.deleted': 'Solution supprimée',
  'search_synonym.created': 'Synonymes ajoutés',
  'search_synonym.updated': 'Synonymes modifiés',
  'search_synonym.deleted': 'Synonymes supprimés',
  'organisation.created': 'Organisation créée',
  'organisation.joined': 'Organisation rejointe',
  'organisation.member_removed': 'Membre retiré d’une organisation',
  'organisation.role_changed': 'Rôle changé dans une organisation',
};

export const TARGET_TYPE_LABELS: Record<string, string> = {
  user: 'Compte',
  course: 'Cours',
  version: 'Version de cours',
  certificate: 'Attestation',
  job: 'Tâche',
  solution: 'Solution',
  search_synonym: 'Synonymes',
  organisation: 'Organisation',
};

/**
 * A DSFR table whose scrolling container can take the focus (a wide table scrolls sideways on a small screen,
 * and a keyboard user must be able to scroll it too: axe's scrollable-region-focusable), named by its caption.
 */
export function TableFrame({ caption, hideCaption = true, children }: { caption: string; hideCaption?: boolean; children: ReactNode }) {
  return (
    // Multiline: long ids and errors wrap inside their cell instead of pushing the table sideways.
    <div className={`${fr.cx('fr-table', hideCaption && 'fr-table--no-caption')} fr-table--multiline`}>
      <div className={fr.cx('fr-table__wrapper')}>
        {/* Positioned: the screen-reader-only texts of the buttons (absolutely positioned) stay inside the scrolling box
            instead of widening the page on a phone. */}
        <div className={fr.cx('fr-table__container')} tabIndex={0} role="region" aria-label={caption} style={{ position: 'relative' }}>
          <div className={fr.cx('fr-table__content')}>
            <table>
              <caption>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
