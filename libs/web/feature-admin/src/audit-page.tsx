import { type AuditLogEntry, type AuditLogQuery, ROLE_LABELS, type Role } from '@academie/contracts';
import { listAdminUsers, listAuditLog } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { startOfDay, startOfNextDay } from './format';
import { ACTION_LABELS, MoreButton, TARGET_TYPE_LABELS, TabHeading, formatDateTime, useCursorList, TableFrame } from './admin-kit';

const FILTERS = ['action', 'actor', 'targetType', 'targetId', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The actor filter takes an e-mail address (resolved to the account's id through the accounts search) or an id.
 * Null when no account has the address.
 */
async function actorIdOf(actor: string): Promise<string | null> {
  if (UUID.test(actor)) return actor;
  const wanted = actor.trim().toLowerCase();
  const found = await listAdminUsers({ q: wanted, limit: 100 });
  return found.items.find((user) => user.email === wanted)?.id ?? null;
}

function detailsText(entry: AuditLogEntry): string {
  const parts = Object.entries(entry.details).map(([key, value]) => {
    // A role is shown as the console names it elsewhere (« Formateur »), the rest as recorded.
    if (key === 'role' && typeof value === 'string' && value in ROLE_LABELS) return `rôle : ${ROLE_LABELS[value as Role]}`;
    return `${key} : ${typeof value === 'string' ? value : JSON.stringify(value)}`;
  });
  return parts.join(' · ');
}

/** The audit log, newest first, filtered by action, actor, target and dates; the filters live in the address. */
export function AuditPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const applied: Filters = Object.fromEntries(FILTERS.map((name) => [name, searchParams.get(name) ?? ''])) as Filters;
  const [draft, setDraft] = useState<Filters>(applied);
  const [actorProblem, setActorProblem] = useState<string | undefined>(undefined);
  const key = FILTERS.map((name) => `${name}=${applied[name]}`).join('&');
  // The address changed (a link, « Effacer les filtres », back and forward): the form shows what is applied.
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setDraft(applied);
  }

  const list = useCursorList<AuditLogEntry>(`audit:${key}`, async (cursor) => {
    const query: AuditLogQuery = { cursor, limit: 50 };
    if (applied.action) query.action = applied.action;
    if (applied.targetType) query.targetType = applied.targetType;
    if (applied.targetId) query.targetId = applied.targetId;
    if (applied.from) query.from = startOfDay(applied.from);
    if (applied.to) query.to = startOfNextDay(applied.to);
    if (applied.actor) {
      const actorId = await actorIdOf(applied.actor);
      if (actorId === null) return { items: [], nextCursor: null };
      query.actorId = actorId;
    }
    return listAuditLog(query);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const actor = draft.actor.trim();
    if (actor !== '' && !UUID.test(actor) && !actor.includes('@')) {
      setActorProblem('Saisissez l’adresse e-mail complète de la personne, ou l’identifiant de son compte.');
      document.getElementById('journal-auteur')?.focus();
      return;
    }
    setActorProblem(undefined);
    const next: Record<string, string> = {};
    for (const name of FILTERS) if (draft[name].trim() !== '') next[name] = draft[name].trim();
    setSearchParams(next);
  };
  const set = (name: keyof Filters) => (event: { target: { value: string } }) => setDraft((previous) => ({ ...previous, [name]: event.target.value }));

  return (
    <>
      <TabHeading title="Journal d’audit" lead="Qui a fait quoi, quand, sur quoi : chaque action d’administration et chaque changement du catalogue y est inscrit." />
      <form onSubmit={submit} aria-labelledby="journal-filtres" className={fr.cx('fr-mb-4w')}>
        <h2 id="journal-filtres" className={fr.cx('fr-h6')}>
          Filtrer le journal
        </h2>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <Select label="Action" nativeSelectProps={{ value: draft.action, onChange: set('action') }}>
              <option value="">Toutes les actions</option>
              {Object.entries(ACTION_LABELS).map(([action, label]) => (
                <option key={action} value={action}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <Input
              label="Auteur"
              hintText="Adresse e-mail complète ou identifiant du compte."
              state={actorProblem ? 'error' : 'default'}
              stateRelatedMessage={actorProblem}
              nativeInputProps={{ id: 'journal-auteur', value: draft.actor, onChange: set('actor'), maxLength: 254 }}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <Select label="Type de cible" nativeSelectProps={{ value: draft.targetType, onChange: set('targetType') }}>
              <option value="">Tous les types</option>
              {Object.entries(TARGET_TYPE_LABELS).map(([type, label]) => (
                <option key={type} value={type}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <Input label="Identifiant de la cible" hintText="Par exemple l’identifiant d’un compte ou d’un cours." nativeInputProps={{ value: draft.targetId, onChange: set('targetId'), maxLength: 100 }} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <Input label="Du" hintText="Inclus." nativeInputProps={{ type: 'date', value: draft.from, onChange: set('from') }} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <Input label="Au" hintText="Inclus." nativeInputProps={{ type: 'date', value: draft.to, onChange: set('to') }} />
          </div>
        </div>
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-2w')}>
          <li>
            <Button type="submit">
              Filtrer
            </Button>
          </li>
          <li>
            <Button
              type="button"
              priority="secondary"
              onClick={() => {
                setActorProblem(undefined);
                setSearchParams({});
              }}
            >
              Effacer les filtres
            </Button>
          </li>
        </ul>
      </form>

      {list.loading && <p role="status">Chargement du journal…</p>}
      {list.error !== undefined && <p className={fr.cx('fr-error-text')}>{list.error}</p>}
      {list.items !== undefined && (
        <section aria-labelledby="journal-resultats">
          <h2 id="journal-resultats" className={fr.cx('fr-h4')}>
            {list.items.length === 0 ? 'Aucune entrée ne correspond' : 'Entrées, des plus récentes aux plus anciennes'}
          </h2>
          {list.items.length > 0 && (
            <TableFrame caption="Journal d’audit">
                      <thead>
                        <tr>
                          <th scope="col">Date</th>
                          <th scope="col">Action</th>
                          <th scope="col">Auteur</th>
                          <th scope="col">Cible</th>
                          <th scope="col">Détails</th>
                        </tr>
                      </thead>
                      <tbody>
                        {list.items.map((entry) => (
                          <tr key={entry.id}>
                            <td>{formatDateTime(entry.at)}</td>
                            <td>{ACTION_LABELS[entry.action] ?? entry.action}</td>
                            <td>{entry.actorId === null ? 'La plateforme' : (entry.actorEmail ?? `compte effacé (${entry.actorId})`)}</td>
                            <td>
                              {TARGET_TYPE_LABELS[entry.targetType] ?? entry.targetType}
                              {entry.targetId !== null && (
                                <>
                                  <br />
                                  <span className={fr.cx('fr-text--xs')} style={{ wordBreak: 'break-all' }}>
                                    {entry.targetId}
                                  </span>
                                </>
                              )}
                            </td>
                            <td className={fr.cx('fr-text--sm')} style={{ wordBreak: 'break-word' }}>
                              {detailsText(entry)}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </TableFrame>
          )}
          <MoreButton list={list} label="Afficher les entrées plus anciennes" />
        </section>
      )}
    </>
  );
}
